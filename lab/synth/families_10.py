"""A tenth layout family per material (issue 15, eighth round): yet other issuers, held out.

Every family of the earlier modules has been run and looked at (`families.LOOKED_AT`), so none
is held out any more; these are the new *held-out* ones, written without running the readers
on them and never adjusted to suit the readers. Each differs from every earlier family of its
material the way real issuers differ: a 中专 diploma with a red serial and the principal's
square name seal, a degree in Kai with a barcode under its number, a 备案表 printed landscape
with its two photos (录取照片/学历照片), a certificate with its title down a side band and
right-aligned labels, a pledge laid out landscape in two columns, a hospital HR system's
electronic proof with a QR to verify it, an assessment proof torn from a 介绍信-style pad
with its counterfoil and the 骑缝 seal, a licence's record printed from the government
service website, a 参保缴费证明 in words only with a verification code, a qualification
certificate in a heavy-type grid under dark header rows, the registration query result of a
practice certificate. Every value the material's checks compare is printed whole, exactly as
the form's truth holds it; a typeface lacking a character of a value gives way to Noto, as
the other modules do.
"""

from __future__ import annotations

import random

from PIL import Image, ImageDraw

from lab.synth.families_5 import logo_square, qr_block, slash
from lab.synth.families_6 import BLUE_BLACK, GREY, RULE, right_labels, scan_pdf, stack
from lab.synth.families_7 import dark_row, right_text
from lab.synth.families_edu import FIXED_DATE, photo
from lab.synth.families_work import (
    LANDSCAPE,
    PORTRAIT,
    SHORT,
    _payments,
    _portrait,
    face,
    fit,
    fmt_date,
    health_authority,
    paragraph,
    scrawl,
    sign_off,
)
from lab.synth.render import INK, Canvas, Doc, Rendered, draw_stamp, font, iso, paper

WHITE = (255, 255, 255)
SERIAL_RED = (190, 30, 36)
SLATE = (44, 62, 80)
OLIVE = (70, 88, 52)

# --------------------------------------------------------------------------------------------
# shared bits of this round


def name_seal(img: Image.Image, x: float, y: float, name: str, side: int = 96) -> None:
    """A person's square red name seal (人名章), as a principal's is stamped beside the
    printed name: a red square frame with the name's characters in white-on-red, not text."""
    d = ImageDraw.Draw(img)
    d.rectangle((x, y, x + side, y + side), fill=(205, 40, 44))
    d.rectangle((x + 6, y + 6, x + side - 6, y + side - 6), outline=(250, 226, 220), width=3)
    chars = [c for c in name if c != "·"][:4] or ["印"]
    cells = 2 if len(chars) > 1 else 1
    step = (side - 16) / cells
    f = font(face("kai", "".join(chars)), int(step * 0.8))
    for i, ch in enumerate(chars):  # read right column first, top to bottom, as seals do
        col, row = divmod(i, cells)
        cx = x + side - 8 - (col + 0.5) * step
        cy = y + 8 + (row + 0.5) * step
        d.text((cx, cy), ch, font=f, fill=(250, 226, 220), anchor="mm")


def barcode(d: ImageDraw.ImageDraw, x: float, y: float, salt: str, width: float = 300) -> None:
    """A one-dimensional barcode of bars drawn from `salt` (not a text run)."""
    r = random.Random(f"barcode/{salt}")
    while width > 0:
        bar = r.choice((2, 2, 4, 6))
        d.rectangle((x, y, x + bar - 1, y + 60), fill=INK)
        gap = bar + r.choice((2, 4, 6))
        x += gap
        width -= gap


def corner(cv: Canvas, right: float, y: float, s: str) -> None:
    """A browser's small grey header or footer text ending at `right` (not body text)."""
    cv.text((right - font("sans", 24).getlength(s), y), s, "sans", 24, GREY, body=False)


# --------------------------------------------------------------------------------------------
# 毕业证书: a 中专's portrait certificate, red serial, the principal's square name seal


def diploma_nameseal(doc: Doc, rng: random.Random) -> Rendered:
    """A vocational school's diploma (portrait, Sans) on a pale green 底纹: the serial in red
    at the top right, the photo centred under the title, the particulars as two label
    columns with full-width colons (学生姓名 | 性别, 入学时间 2011年9月 | 毕业时间 2014年7月,
    专业 | 学制), one closing sentence, the principal's printed name with his square red name
    seal beside it, the school's seal over the padded date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (240, 247, 240), rng, 2)
    d = ImageDraw.Draw(img)
    for xs in range(0, w, 16):  # a fine diagonal 底纹 of the certificate paper
        d.line((xs, 0, xs - 300, h), fill=(226, 238, 228), width=1)
    d.rectangle((50, 50, w - 51, h - 51), outline=OLIVE, width=6)
    d.rectangle((66, 66, w - 67, h - 67), outline=OLIVE, width=2)
    cv = Canvas(img)
    no = f["diploma_number"]
    right_text(cv, w - 110, 140, f"No.{no}", "sans", 30, SERIAL_RED)
    cv.centered(w / 2, 270, "毕业证书", "sans_bold", 84, OLIVE, spacing=30, body=False)
    photo(img, doc, (w // 2 - 110, 330, w // 2 + 110, 610), (228, 236, 246))
    vk = face("sans", *f.values())
    enrol, grad = iso(f["enrol"] + "-01"), iso(f["graduation"] + "-01")
    rows = (
        (("学生姓名", f["name"]), ("性　　别", f["gender"])),
        (("出生日期", fmt_date(f["birth_date"], "cn")), ("层　　次", f["education_level"])),
        (("入学时间", f"{enrol.year}年{enrol.month}月"),
         ("毕业时间", f"{grad.year}年{grad.month}月")),
        (("专　　业", f["major"]), ("学　　制", f"{f['years']}年")),
    )  # fmt: skip
    y = 720.0
    for pairs in rows:
        for (label, value), x, room in zip(pairs, (130.0, 700.0), (540.0, 420.0), strict=True):
            lx = cv.text((x, y), f"{label}：", "sans", 30, GREY)
            k = face(vk, value)
            cv.text((lx + 4, y), value, k, fit(k, 34, value, x + room - lx - 4, 26))
        y += 86
    school = f["school"]
    lx = cv.text((130, y), "学校名称：", "sans", 30, GREY)
    sk = face(vk, school)
    cv.text((lx + 4, y), school, sk, fit(sk, 34, school, w - 130 - lx - 4, 26))
    y += 110
    text = "该生在本校修完教学计划规定的全部课程，成绩合格，准予毕业。"
    y = paragraph(cv, text, (), 130, w - 130, y, "sans", 32, 56) + 90
    x = cv.text((130, y), "校长：", "sans", 32)
    x = cv.text((x + 4, y), f["principal"], face("sans", f["principal"]), 34)
    name_seal(img, x + 30, y - 80, f["principal"])
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "pad")], w - 130, y + 150,
             sk, fit(sk, 34, school, 560, 28), school, radius=125, lead=70)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "diploma")


# --------------------------------------------------------------------------------------------
# 学位证书: portrait Kai, the number over a barcode at the top, 特授予…学位


def degree_barcode(doc: Doc, rng: random.Random) -> Rendered:
    """A degree certificate (portrait, Kai) whose number stands at the top right over a
    barcode, the photo top left, a sentence opening with the birth date's 生 and ending
    特授予医学硕士学位, the chair's handwritten signature over his printed name, the school's
    seal over its name and a Chinese-numeral date; a thin double rule in dark blue."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 251, 246), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((70, 70, w - 71, h - 71), outline=SLATE, width=4)
    d.rectangle((84, 84, w - 85, h - 85), outline=SLATE, width=1)
    _portrait(img, doc, (150, 150, 350, 410), (230, 236, 244))
    number = f["degree_number"]
    right_text(cv, w - 150, 200, f"证书编号：{number}", "kai", 30)
    barcode(d, w - 150 - 340, 230, number, 340)
    level = f["degree_level"]
    cv.centered(w / 2, 560, f"{level}学位证书", "kai", 76, SLATE, spacing=12, body=False)
    b = iso(f["birth_date"])
    field = "理学" if "护理" in f["major"] else "医学"
    degree = f"{field}{level}学位"
    text = (
        f"{f['name']}，{f['gender']}，{b.year}年{b.month}月{b.day}日生。在{f['school']}"
        f"{f['major']}专业完成了{level}学位的学业，成绩合格，经审核符合《中华人民共和国学位条例》"
        f"的规定，特授予{degree}。"
    )
    body = face("kai", text)
    y = paragraph(cv, text, (f["name"], f["school"], f["major"], degree), 150, w - 150, 720,
                  body, 42, 84)  # fmt: skip
    y = max(y + 150, 1300)
    cv.text((150, y), "学位评定委员会主席", "kai", 32)
    scrawl(d, 170, y + 90, rng, 200)
    cv.text((170, y + 160), f["chair"], face("kai", f["chair"]), 34)
    school = f["school"]
    sk = face("kai", school)
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "hanzi")], w - 150, y + 60, sk,
             fit(sk, 36, school, 520, 28), school, radius=125, lead=72)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表: landscape, two photos, cells with labels above values


def record_cells(f: dict[str, str]) -> list[list[tuple[str, str]]]:
    """Rows of (label, value) cells, slashed dates (2014/7/1)."""
    return [
        [("姓名", f["name"]), ("性别", f["gender"]), ("出生日期", slash(f["birth_date"]))],
        [("证件号码", f["id_number"]), ("学历类别", f["record_category"])],
        [("学校名称", f["school"]), ("层次", f["record_level"])],
        [("专业", f["major"]), ("学制", f"{f['years']}年"), ("毕（结）业", "毕业")],
        [("入学日期", slash(f["enrol_date"])), ("毕（结）业日期", slash(f["graduation_date"])),
         ("校（院）长", f["principal"])],
        [("证书编号", f["diploma_number"])],
    ]  # fmt: skip


def record_photos(doc: Doc, rng: random.Random) -> Rendered:
    """The 备案表 printed landscape (Sans): the title and 更新日期 over a ruled grid of cells
    with small grey labels above their values, two photo cells at the left captioned 录取照片
    and 学历照片 (the second with its steel seal), slashed dates, the code and its validity
    (验证有效期至 2026/6/21) in a band under the grid."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    tk = face("sans_bold", title)
    cv.centered(w / 2, 130, title, tk, fit(tk, 50, title, w - 300, 32), INK, body=False)
    right_text(cv, w - 90, 190, f"更新日期：{slash(f['update_date'])}", "sans", 26, GREY)
    x0, x1, top = 90.0, w - 90.0, 220.0
    px = 390.0
    rh = 128.0
    rows = record_cells(f)
    for p, caption in enumerate(("录取照片", "学历照片")):
        y0 = top + p * rh * 3
        d.rectangle((x0, y0, px, y0 + rh * 3), outline=RULE, width=2)
        if p == 0:
            _portrait(img, doc, (int(x0 + 55), int(y0 + 20), int(px - 55), int(y0 + 300)), None)
        else:
            photo(img, doc, (int(x0 + 55), int(y0 + 20), int(px - 55), int(y0 + 300)),
                  (232, 238, 246))  # fmt: skip
        cv.centered((x0 + px) / 2, y0 + rh * 3 - 26, caption, "sans", 26, GREY)
    vk = face("sans", *f.values())
    for r, row in enumerate(rows):
        y0 = top + r * rh
        widths = [1.0] if len(row) == 1 else ([1.8, 1.0] if len(row) == 2 else [1.0, 1.2, 1.0])
        total = sum(widths)
        x = px
        for (label, value), wt in zip(row, widths, strict=True):
            xe = x + (x1 - px) * wt / total
            d.rectangle((x, y0, xe, y0 + rh), outline=RULE, width=2)
            cv.text((x + 16, y0 + 40), label, "sans", 26, GREY)
            k = face(vk, value)
            cv.text((x + 20, y0 + rh - 26), value, k, fit(k, 36, value, xe - x - 40, 26))
            x = xe
    y = top + rh * 6 + 30
    d.rectangle((x0, y, x1, y + 110), fill=(240, 242, 246))
    code = f"在线验证码：{f['verification_code']}"
    ex = cv.text((x0 + 30, y + 70), code, "sans_bold", 34)
    cv.text((ex + 80, y + 70), f"验证有效期至：{slash(f['valid_until'])}", "sans", 32)
    note = "本表可登录学信网（www.chsi.com.cn）输入在线验证码查验，过期须重新申请。"
    cv.text((x0, h - 90), note, "sans", 26, GREY)
    return Rendered(img, None, cv.min_glyph, "diploma_record")


def record_photos_scan_pdf(fields: dict[str, str]) -> bytes:
    """The printed table scanned back to PDF (landscape, grey, no text layer, < 200 KB)."""
    rng = random.Random(f"record-photos-scan/{fields['verification_code']}")
    page = record_photos(Doc("diploma_record", fields), rng).image
    small = page.resize((1403, 992), Image.Resampling.LANCZOS)
    return scan_pdf(small, rng, landscape=True)


# --------------------------------------------------------------------------------------------
# 确有专长证书: the title down a side band, labels right-aligned against a column


def mentorship_sideband(doc: Doc, rng: random.Random) -> Rendered:
    """A certificate (portrait, Ming) with a dark red band down the left edge holding the
    title one character a line in white, the title again across the top, a right-aligned
    label column with the values beside it (名字, 公民身份号码, 专长项目 or 出师专业, 证书编号,
    发证日期 2020年12月13日), the photo top right, the bureau's seal over its name."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 250, 244), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    band_red = (140, 28, 32)
    d.rectangle((0, 0, 170, h), fill=band_red)
    title = f.get("title") or "传统医学医术确有专长证书"
    step = min(110.0, (h - 240) / len(title))
    for i, ch in enumerate(title):
        cv.centered(85, 160 + i * step, ch, "ming", 64, WHITE, body=False)
    tk = face("ming", title)
    cv.centered((170 + w) / 2, 200, title, tk, fit(tk, 54, title, w - 300, 32), band_red,
                body=False)  # fmt: skip
    _portrait(img, doc, (w - 330, 280, w - 110, 540), (236, 238, 240))
    taught = "师承" in title or "出师" in title
    rows = [("名　　字", f["name"]), ("性　　别", f["gender"]),
            ("公民身份号码", f["id_number"]),
            ("出师专业" if taught else "专长项目", f["major"]),
            ("证书编号", f["cert_number"]),
            ("发证日期", fmt_date(f["issue_date"], "cn"))]  # fmt: skip
    vk = face("ming", *f.values())
    y = right_labels(cv, rows, 470, w - 100, 640, "ming", vk, 34, 110, underline=True)
    text = "经考核合格，准予以中医医术确有专长人员身份参加相应的医师资格考试或执业。"
    y = paragraph(cv, text, (), 240, w - 110, y + 40, "ming", 32, 58)
    issuer = f["issuer"]
    ik = face("ming", issuer)
    sign_off(img, cv, rng, ["发证机关", issuer], w - 110, max(y + 140, 1420), ik,
             fit(ik, 36, issuer, 620, 28), issuer, radius=120, lead=70)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 承诺书: laid out landscape, promises left, the person stacked on the right


LANDSCAPE_PROMISES = (
    "本人所填报名信息准确、完整，提交的证明材料真实、有效。",
    "本人在规定时间内取得毕业证书，逾期未取得的，考试成绩无效。",
    "如有弄虚作假，本人愿意承担由此产生的一切后果及法律责任。",
)


def pledge_landscape(doc: Doc, rng: random.Random) -> Rendered:
    """A school's pledge laid out landscape (Sans): the title 应届毕业生考生承诺书 across, a
    vertical rule dividing three numbered promises (1. 2. 3.) on the left from the person on
    the right, stacked under small grey labels (考生姓名, 身份证号码, 毕业学校, 专业), the
    handwritten signature over 承诺人签名 and the date written 2026-01-15 in blue-black."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (255, 255, 253), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 160, "应届毕业生考生承诺书", "sans_bold", 56, INK, body=False)
    d.line((100, 210, w - 100, 210), fill=INK, width=3)
    mid = 940.0
    d.line((mid, 260, mid, h - 140), fill=RULE, width=2)
    g = iso(f["expected_graduation"] + "-01")
    opener = f"本人为{g.year}年应届毕业生，自愿报名参加{g.year}年医师资格考试，郑重承诺如下："
    y = paragraph(cv, opener, (), 110, mid - 50, 320, "sans", 32, 56)
    y += 30
    for i, p in enumerate(LANDSCAPE_PROMISES, 1):
        y = paragraph(cv, f"{i}. {p}", (), 110, mid - 50, y, "sans", 32, 56, indent=False) + 24
    vk = face("sans", *f.values())
    rows = [("考生姓名", f["name"]), ("身份证号码", f["id_number"]), ("毕业学校", f["school"]),
            ("专　　业", f["major"])]  # fmt: skip
    y = stack(cv, mid + 60, w - 110, 300, rows, vk, 36, 130)
    cv.text((mid + 60, y + 150), "承诺人签名：", "sans", 30, GREY)
    scrawl(d, mid + 260, y + 135, rng, 220)
    cv.text((mid + 60, y + 250), "日　　期：", "sans", 30, GREY)
    cv.text((mid + 220, y + 250), f["date"], "kai", 38, BLUE_BLACK)
    return Rendered(img, None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# 试用期考核证明: the HR system's electronic proof, QR to verify, Chinese-numeral period


def probation_electronic(doc: Doc, rng: random.Random) -> Rendered:
    """An electronic proof printed from a hospital's HR system (portrait, Sans): a slate
    header with the logo square and 人力资源管理系统, a 证明编号 line, the title, one running
    text naming the person (证件号码), the unit, 自二〇二四年七月一日至二〇二五年六月三十日 and
    the result, 考核结论 again on its own line, a QR square with 扫码验证真伪, the electronic
    seal over the unit's name and the dotted date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    unit = f["work_unit"]
    d.rectangle((0, 0, w, 150), fill=SLATE)
    logo_square(img, (70, 30, 160, 120), (90, 130, 170))
    cv.text((190, 95), "人力资源管理系统 · 电子证明", "sans_bold", 38, WHITE, body=False)
    serial = random.Random(f"hr/{f['id_number']}/{f['date']}").randint(10000, 99999)
    right_text(cv, w - 100, 230, f"证明编号：RS{iso(f['date']).year}{serial}", "sans", 26, GREY)
    cv.centered(w / 2, 350, "医师资格考试试用期考核证明", "sans_bold", 52, INK, body=False)
    start, end = fmt_date(f["period_start"], "hanzi"), fmt_date(f["period_end"], "hanzi")
    text = (
        f"兹证明{f['name']}（证件号码：{f['id_number']}），{f['gender']}，"
        f"自{start}至{end}在{unit}{f['department']}参加医师资格考试试用期培训。"
        f"试用期满，经单位考核，考核结果为{f['result']}。"
    )
    keep = (f["name"], f["id_number"], start, end, unit, f["department"])
    vk = face("sans", *f.values())
    y = paragraph(cv, text, keep, 110, w - 110, 480, vk, 34, 64)
    y += 40
    x = cv.text((110, y), "考核结论：", "sans_bold", 34)
    cv.text((x + 6, y), f["result"], "sans_bold", 36)
    y += 90
    text = "特此证明。本证明由系统生成，扫描右下方二维码可核验真伪。"
    y = paragraph(cv, text, (), 110, w - 110, y, "sans", 30, 56)
    uk = face("sans", unit)
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "dot")], w - 110, y + 150, uk,
             fit(uk, 34, unit, 620, 28), unit, radius=120, lead=70)  # fmt: skip
    qy = h - 380
    qr_block(d, 110, qy, rng, 9)
    cv.text((110, qy + 260), "扫码验证真伪", "sans", 26, GREY)
    d.line((90, h - 70, w - 90, h - 70), fill=SLATE, width=3)
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# 执业期考核证明: a 介绍信-style pad, counterfoil above, the 骑缝 number under a half seal


def practice_period_pad(doc: Doc, rng: random.Random) -> Rendered:
    """A proof written on the unit's 介绍信-style pad (portrait, Kai), the whole sheet scanned
    before the counterfoil was torn off: the counterfoil (存根)
    on top with its number, the name and the result; a dashed cut line with the 骑缝 number
    under the unit's seal stamped across it; then the proof itself: title, number, running
    text (证件号码, 起止日期 2016/4/6 至 2026/1/8, 工作单位), 考核结论 on its own line, the
    seal over the unit's name and a padded date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (250, 248, 240), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    unit = f["work_unit"]
    number = random.Random(f"pad/{f['id_number']}").randint(20, 480)
    vk = face("kai", *f.values())
    cv.centered(w / 2, 120, "执业期考核证明（存根）", "kai", 40, INK, body=False)
    right_text(cv, w - 110, 175, f"第{number:04d}号", "kai", 30)
    y = 250.0
    for label, value in (("医师姓名", f["name"]), ("考核结论", f["result"]),
                         ("开具日期", fmt_date(f["date"], "pad"))):  # fmt: skip
        x = cv.text((110, y), f"{label}：", "kai", 30)
        cv.text((x + 4, y), value, face(vk, value), 32)
        y += 62
    cut = 470.0
    for x in range(60, w - 60, 28):
        d.line((x, cut, x + 14, cut), fill=INK, width=2)
    cv.centered(w / 2, cut - 14, f"（骑缝）第{number:04d}号", "kai", 30, INK, body=False)
    draw_stamp(img, (w / 2 + rng.uniform(-60, 60), cut), 110, unit, rng)
    cv.centered(w / 2, 620, "执业期考核证明", "kai", 64, INK, spacing=12, body=False)
    right_text(cv, w - 110, 690, f"第{number:04d}号", "kai", 30)
    start, end = slash(f["period_start"]), slash(f["period_end"])
    text = (
        f"兹证明{f['name']}，{f['gender']}，证件号码{f['id_number']}，系我单位{f['practice_category']}"
        f"执业助理医师，工作单位{unit}，自{start}至{end}在我单位执业，其间经定期考核，"
        f"执业期考核结论为{f['result']}。"
    )
    keep = (f["name"], f["id_number"], unit, start, end)
    y = paragraph(cv, text, keep, 110, w - 110, 800, vk, 38, 72)
    y += 40
    x = cv.text((110, y), "考核结论：", "kai", 36)
    cv.text((x + 6, y), f["result"], face("kai", f["result"]), 40)
    y += 80
    cv.text((110, y), "特此证明。", "kai", 36)
    uk = face("kai", unit)
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "pad")], w - 110, max(y + 150, 1380), uk,
             fit(uk, 38, unit, 620, 28), unit, radius=125, lead=72)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# 医疗机构执业许可证: the licence's record printed from the government service website


def licence_query(doc: Doc, rng: random.Random) -> Rendered:
    """The licence's public record printed from the province's 政务服务网 (portrait, Sans):
    the browser's date line and page name at the top, a blue site header, the title
    医疗机构执业许可证 with 信息公示, a ruled two-column table (机构名称, 地址, 法定代表人,
    主要负责人, 登记号, 诊疗科目 joined with 、 and wrapped, 有效期 2022-05-01至2027-04-30,
    发证机关, 发证日期 ISO), no seal, the URL and 1/1 at the foot."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    stamp = (
        f"{fmt_date('2025-12-' + f'{rng.randint(2, 28):02d}', 'dot')} {rng.randint(8, 17)}:"
        f"{rng.randint(0, 59):02d}"
    )
    cv.text((60, 50), stamp, "sans", 24, GREY, body=False)
    corner(cv, w - 60, 50, "医疗机构执业登记信息查询")
    blue = (24, 86, 160)
    d.rectangle((60, 80, w - 60, 180), fill=blue)
    cv.text((90, 145), "政务服务网 · 卫生健康", "sans_bold", 38, WHITE, body=False)
    cv.centered(w / 2, 280, "医疗机构执业许可证", "sans_bold", 50, INK, body=False)
    cv.centered(w / 2, 330, "信息公示", "sans", 30, GREY, body=False)
    vk = face("sans", *f.values())
    x0, a, x1 = 80.0, 330.0, w - 80.0
    rows = [("机构名称", f["work_unit"]), ("地址", f["address"]),
            ("法定代表人", f.get("legal_rep", "")), ("主要负责人", f["head"]),
            ("登记号", f["registration_number"])]  # fmt: skip
    y = 380.0
    rh = 82.0
    for label, value in rows:
        d.rectangle((x0, y, a, y + rh), fill=(242, 245, 250), outline=RULE, width=1)
        d.rectangle((a, y, x1, y + rh), outline=RULE, width=1)
        cv.text((x0 + 16, y + rh / 2 + 11), label, "sans", 30)
        if value:
            k = face(vk, value)
            cv.text((a + 16, y + rh / 2 + 11), value, k, fit(k, 30, value, x1 - a - 32, 26))
        y += rh
    subjects = f["subjects"].split("；")
    top = y
    end = paragraph(cv, "、".join(subjects), subjects, a + 16, x1 - 16, y + 52, vk, 30, 50,
                    indent=False)  # fmt: skip
    bottom = end - 50 + 32
    d.rectangle((x0, top, a, bottom), fill=(242, 245, 250), outline=RULE, width=1)
    d.rectangle((a, top, x1, bottom), outline=RULE, width=1)
    cv.text((x0 + 16, (top + bottom) / 2 + 11), "诊疗科目", "sans", 30)
    y = bottom
    for label, value in (("有效期", f"{f['valid_from']}至{f['valid_until']}"),
                         ("发证机关", f["issuer"]), ("发证日期", f["issue_date"])):  # fmt: skip
        d.rectangle((x0, y, a, y + rh), fill=(242, 245, 250), outline=RULE, width=1)
        d.rectangle((a, y, x1, y + rh), outline=RULE, width=1)
        cv.text((x0 + 16, y + rh / 2 + 11), label, "sans", 30)
        k = face(vk, value)
        cv.text((a + 16, y + rh / 2 + 11), value, k, fit(k, 30, value, x1 - a - 32, 26))
        y += rh
    note = "以上信息仅供查询参考，以卫生健康行政部门核发的证书为准。"
    cv.text((x0, y + 70), note, "sans", 26, GREY)
    cv.text((60, h - 50), "https://zwfw.example.gov.cn/wjw/yljg/detail", "sans", 24, GREY,
            body=False)  # fmt: skip
    corner(cv, w - 60, h - 50, "1/1")
    return Rendered(img, None, cv.min_glyph, "licence")


# --------------------------------------------------------------------------------------------
# 社会保险: a 参保缴费证明 in words only, months counted per insurance, a verification code


def si_sentences(f: dict[str, str]) -> list[str]:
    """One sentence per insurance: its span and the months paid (and owed, if any)."""
    by_kind: dict[str, list[tuple[str, str]]] = {}
    for month, kind, _base, status in _payments(f):
        by_kind.setdefault(kind, []).append((month, status))
    out = []
    for kind, pays in by_kind.items():
        months = sorted(m for m, _ in pays)
        paid = sum(1 for _, s in pays if s == "已缴")
        first, last = months[0], months[-1]
        s = (f"{SHORT.get(kind, kind)}：{first[:4]}年{first[4:]}月至{last[:4]}年{last[4:]}月，"
             f"累计缴费{paid}个月")  # fmt: skip
        owed = len(pays) - paid
        out.append(s + (f"，欠缴{owed}个月。" if owed else "，无欠缴。"))
    return out


def si_code(f: dict[str, str]) -> str:
    """The 验证码 the agency prints for checking the proof online."""
    r = random.Random(f"si-code/{f['id_number']}/{f['print_date']}")
    return "".join(r.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(12))


SI_TITLE = "参保缴费证明"


def si_words(doc: Doc, rng: random.Random) -> Rendered:
    """The agency's 参保缴费证明 in words only (portrait, Serif): no table at all; a running
    text naming the person (身份证号码) and the unit, one line per insurance with its span
    and the months paid or owed, the 验证码 with a QR block, the agency's 业务专用章 over
    its name and the date 二〇二五年十二月二十一日."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 220, SI_TITLE, "serif_bold", 60, INK, spacing=14, body=False)
    vk = face("serif", f["name"], f["work_unit"], f["agency"])
    text = (
        f"兹证明{f['name']}（身份证号码：{f['id_number']}）由{f['work_unit']}为其在本机构"
        "办理社会保险参保登记，现参保状态为正常参保。其缴费情况如下："
    )
    keep = (f["name"], f["id_number"], f["work_unit"])
    y = paragraph(cv, text, keep, 120, w - 120, 380, vk, 34, 64)
    y += 20
    for s in si_sentences(f):
        y = paragraph(cv, s, (), 160, w - 120, y, "serif", 32, 58, indent=False) + 12
    y += 20
    y = paragraph(cv, "特此证明。", (), 120, w - 120, y, "serif", 34, 64)
    agency = f["agency"]
    ak = face("serif", agency)
    sign_off(img, cv, rng, [agency, fmt_date(f["print_date"], "hanzi")], w - 120, y + 120, ak,
             fit(ak, 34, agency, 640, 28), agency, bottom="业务专用章", radius=118,
             lead=66)  # fmt: skip
    qy = h - 360
    qr_block(d, 120, qy, rng, 9)
    cv.text((380, qy + 90), f"验证码：{si_code(f)}", "serif", 30)
    note = "可登录社会保险网上服务平台输入验证码核验本证明，有效期三个月。"
    paragraph(cv, note, (), 380, w - 120, qy + 160, "serif", 26, 44, indent=False)
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_words_pdf(fields: dict[str, str]) -> bytes:
    """The proof downloaded from the online service as a PDF with a text layer."""
    from lab.synth import pdfdoc

    head = (f"兹证明{fields['name']}（身份证号码：{fields['id_number']}）由{fields['work_unit']}"
            "为其在本机构办理社会保险参保登记，现参保状态为正常参保。")  # fmt: skip
    sentences = si_sentences(fields)
    foot = [fields["agency"], fmt_date(fields["print_date"], "hanzi"),
            f"验证码：{si_code(fields)}"]  # fmt: skip
    texts = [*fields.values(), SI_TITLE, head, *sentences, *foot]
    pdf = pdfdoc._new_pdf(SI_TITLE, FIXED_DATE, texts)
    pdf.set_font("noto", size=16)
    pdf.set_xy(15, 20)
    pdf.cell(180, 10, SI_TITLE, align="C")
    pdf.set_font("noto", size=11)
    pdf.set_xy(20, 40)
    pdf.multi_cell(170, 7, head)
    y = pdf.get_y() + 4
    for s in sentences:
        pdf.set_xy(26, y)
        pdf.cell(164, 7, s)
        y += 8
    y += 10
    for line in foot:
        pdf.set_xy(110, y)
        pdf.cell(80, 7, line)
        y += 8
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 医师资格证书: heavy type in a grid under dark header rows


def qualification_darkgrid(doc: Doc, rng: random.Random) -> Rendered:
    """A certificate page (portrait, Hei) whose particulars sit in a grid of dark header
    rows with white labels and the values in the row under each (姓名 | 性别 | 出生日期;
    证件号码 | 资格类别 | 资格级别; 证书编号 across), the photo and the spaced title over it, the
    authority's seal over its name and a slashed date (2015/12/5)."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 252, 250), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    navy = (30, 40, 70)
    cv.centered(w / 2, 220, "医师资格证书", "hei", 80, navy, spacing=20, body=False)
    _portrait(img, doc, (w // 2 - 110, 340, w // 2 + 110, 600), (236, 238, 240))
    vk = face("hei", *f.values())
    x0, x1 = 90.0, w - 90.0
    groups = [
        [("姓　名", f["name"]), ("性　别", f["gender"]), ("出生日期", slash(f["birth_date"]))],
        [("证件号码", f["id_number"]), ("资格类别", f["qual_category"]),
         ("资格级别", f["qualification"])],
        [("证书编号", f["qualification_number"])],
    ]  # fmt: skip
    y = 680.0
    for group in groups:
        if len(group) == 1:
            edges: tuple[float, ...] = (x0, x1)
        elif group[0][0] == "证件号码":
            edges = (x0, 560.0, 830.0, x1)
        else:
            edges = (x0, 430.0, 700.0, x1)
        dark_row(cv, edges, y, 64, [g[0] for g in group], navy, "hei", 30)
        d.rectangle((x0, y, x1, y + 64 + 96), outline=navy, width=2)
        for c, (_label, value) in enumerate(group):
            k = face(vk, value)
            s = fit(k, 36, value, edges[c + 1] - edges[c] - 30, 26)
            tw = font(k, s).getlength(value)
            cv.text(((edges[c] + edges[c + 1]) / 2 - tw / 2, y + 64 + 62), value, k, s)
            if c:
                d.line((edges[c], y, edges[c], y + 160), fill=navy, width=2)
        y += 200
    authority = health_authority(iso(f["issue_date"]))
    ak = face("hei", authority)
    sign_off(img, cv, rng, [authority, f"签发日期：{slash(f['issue_date'])}"], x1, y + 140, ak,
             fit(ak, 34, authority, 700, 28), authority, radius=125, lead=70)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


# --------------------------------------------------------------------------------------------
# 医师执业证书: the registration query result printed from the national site


def practice_query(doc: Doc, rng: random.Random) -> Rendered:
    """The result of the national 医师执业注册信息查询 printed from a browser (landscape,
    Sans): a header band with the logo square, a query strip, one dark-header row with the
    person's name, 性别, 执业级别, 执业类别, 执业范围 and the values under it, then label｜value
    rows (医师执业证书编码, 身份证号, 主要执业机构 for the form's unit, 注册日期 2016-04-06,
    发证（批准）机关); no seal, no photo."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    teal = (16, 100, 110)
    d.rectangle((0, 0, w, 140), fill=teal)
    logo_square(img, (60, 25, 150, 115), (60, 150, 150))
    cv.text((180, 90), "医师执业注册信息查询", "sans_bold", 44, WHITE, body=False)
    d.rectangle((60, 180, w - 60, 250), fill=(240, 244, 244))
    cv.text((90, 228), f"查询条件：姓名 + 证件号码　　查询时间：{fmt_date('2025-12-20', 'dot')}",
            "sans", 26, GREY, body=False)  # fmt: skip
    vk = face("sans", *f.values())
    edges = (60.0, 360.0, 540.0, 860.0, 1120.0, w - 60.0)
    head = ["姓名", "性别", "执业级别", "执业类别", "执业范围"]
    values = [f["name"], f["gender"], f["practice_level"], f["practice_category"], f["scope"]]
    y = 300.0
    dark_row(cv, edges, y, 70, head, teal, "sans_bold", 30)
    d.rectangle((edges[0], y, edges[-1], y + 170), outline=RULE, width=2)
    for c, value in enumerate(values):
        k = face(vk, value)
        s = fit(k, 34, value, edges[c + 1] - edges[c] - 30, 26)
        tw = font(k, s).getlength(value)
        cv.text(((edges[c] + edges[c + 1]) / 2 - tw / 2, y + 135), value, k, s)
        if c:
            d.line((edges[c], y + 70, edges[c], y + 170), fill=RULE, width=1)
    y += 220
    a = 480.0
    rows = [("医师执业证书编码", f["practice_number"]), ("身份证号", f["id_number"]),
            ("主要执业机构", f["work_unit"]), ("注册日期", f["registration_date"]),
            ("发证（批准）机关", f["issuer"])]  # fmt: skip
    rh = 84.0
    for label, value in rows:
        d.rectangle((60, y, a, y + rh), fill=(240, 244, 244), outline=RULE, width=1)
        d.rectangle((a, y, w - 60, y + rh), outline=RULE, width=1)
        cv.text((84, y + rh / 2 + 11), label, "sans", 30)
        k = face(vk, value)
        cv.text((a + 24, y + rh / 2 + 12), value, k, fit(k, 32, value, w - 60 - a - 48, 26))
        y += rh
    note = "注：本查询结果仅供参考，医师执业信息以注册主管部门记载为准。"
    cv.text((60, y + 70), note, "sans", 26, GREY)
    cv.text((60, h - 50), "https://zgcx.example.gov.cn/doctor/result", "sans", 24, GREY,
            body=False)  # fmt: skip
    corner(cv, w - 60, h - 50, "1/1")
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# Registration

HELD_OUT = (
    ("diploma", "nameseal", diploma_nameseal, None,
     "中专 diploma (portrait, Sans) on a pale green diagonal 底纹 in a double olive frame: red "
     "serial No. top right, photo centred, two label columns with full-width colons (学生姓名, "
     "入学时间/毕业时间 2014年7月, 学校名称), principal's square red name seal, seal over the "
     "padded date"),
    ("degree", "barcode", degree_barcode, None,
     "portrait Kai degree in a dark-blue double rule: photo top left, 证书编号 top right over a "
     "barcode, sentence …1997年12月7日生。在{school}{major}专业…特授予医学硕士学位, chair's "
     "handwritten signature over his printed name, seal over the school and hanzi date"),
    ("diploma_record", "photos", record_photos, record_photos_scan_pdf,
     "备案表 printed landscape (Sans): two photo cells 录取照片/学历照片 left, ruled cells with "
     "grey labels above values (证件号码, 学校名称), slashed dates 2014/7/1, code and 验证有效期至 "
     "in a tinted band; PDF a scan without text layer"),
    ("mentorship_cert", "sideband", mentorship_sideband, None,
     "portrait Ming certificate with the title down a dark red left band one character a line "
     "and again across, right-aligned labels over dotted lines (名字, 公民身份号码, 专长项目, "
     "发证日期 2020年12月13日), photo top right, seal over 发证机关 and the bureau"),
    ("pledge", "landscape", pledge_landscape, None,
     "landscape Sans 应届毕业生考生承诺书: opener and promises 1. 2. 3. left of a vertical rule, "
     "the person stacked under small grey labels right (考生姓名, 身份证号码, 毕业学校), "
     "handwritten signature, date written 2026-01-15 in blue-black; no seal"),
    ("probation_cert", "electronic", probation_electronic, None,
     "HR system's electronic proof (Sans): slate header with logo, 证明编号, running text "
     "（证件号码：…）自二〇二四年七月一日至二〇二五年六月三十日…考核结果为合格, 考核结论 line, QR "
     "with 扫码验证真伪, electronic seal over the unit and dotted date"),
    ("practice_period_cert", "pad", practice_period_pad, None,
     "介绍信-style pad in Kai: counterfoil (存根) on top with number, name and result, a dashed "
     "cut line with the 骑缝 number under a seal stamped across it, then the proof: running "
     "text (证件号码, 工作单位, slashed 2016/4/6 至 2026/1/8), seal over the unit and padded date"),
    ("licence", "query", licence_query, None,
     "public record printed from the 政务服务网 (Sans): browser date line, blue site header, "
     "医疗机构执业许可证 信息公示, ruled table (机构名称, 法定代表人, 主要负责人, 诊疗科目 joined "
     "with 、, 有效期 ISO …至…), URL and 1/1 footer; no seal"),
    ("social_insurance", "words", si_words, si_words_pdf,
     "参保缴费证明 in words only (Serif): running text (身份证号码, the unit), one line per "
     "insurance with its span and months paid/owed, no table, 业务专用章 over the agency and a "
     "hanzi date, QR with 验证码; PDF with a text layer"),
    ("assistant_qualification", "darkgrid", qualification_darkgrid, None,
     "portrait Hei certificate: spaced navy title, photo centred, a grid of dark header rows with "
     "white labels and values under them (证件号码 | 资格类别 | 资格级别, 证书编号 across), "
     "slashed birth and 签发日期, seal over the authority"),
    ("assistant_practice", "query", practice_query, None,
     "national 医师执业注册信息查询 result printed landscape (Sans): teal header with logo, query "
     "strip, dark header row over 姓名/性别/执业级别/执业类别/执业范围, then label rows "
     "(医师执业证书编码, 身份证号, 主要执业机构, ISO 注册日期); no seal, no photo"),
)  # fmt: skip
