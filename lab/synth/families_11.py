"""An eleventh layout family per material (issue 15, ninth round): yet other issuers, held out.

Every family of the earlier modules has been run and looked at (`families.LOOKED_AT`), so these
are the new *held-out* ones, written without running the readers on them and never adjusted to
suit the readers. Each differs from every earlier family of its material the way real issuers
differ: a landscape diploma in one running sentence, a Hei degree on a patterned 底纹 with
…经审核，授予…学位, a born-digital 备案表 of stacked fields in two columns, a master's short
letter in Kai signed by hand, a pledge whose ID number is written into 18 boxes, a probation
登记表 as a shaded ruled grid with the seal in the 单位意见 cell, a landscape practice-period
proof in two label columns on a grey band, a licence's 准予行政许可决定书, a 社保 list printed
in two halves side by side, a qualification certificate with English sub-labels and a
practice certificate's page filled in by hand on printed lines. Every value the material's
checks compare is printed whole, exactly as the form's truth holds it; a typeface lacking a
character of a value gives way to Noto, as the other modules do.
"""

from __future__ import annotations

import random

from PIL import Image

from lab.synth.families_5 import logo_square, qr_block
from lab.synth.families_6 import BLUE_BLACK, GREY, RULE, scan_pdf
from lab.synth.families_7 import right_text
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
MAROON = (120, 30, 40)
SHADE = (232, 232, 232)


def _label_cell(cv: Canvas, box: tuple[float, float, float, float], label: str, kind: str,
                size: int) -> None:  # fmt: skip
    """A shaded label cell of a ruled grid, its label centred."""
    x0, y0, x1, y1 = box
    cv.draw.rectangle(box, fill=SHADE, outline=INK, width=2)
    cv.centered((x0 + x1) / 2, (y0 + y1) / 2 + size * 0.35, label, kind, size, INK)


def _value_cell(cv: Canvas, box: tuple[float, float, float, float], value: str, kind: str,
                size: int) -> None:  # fmt: skip
    """A value cell of a ruled grid, its value left-aligned and fitted."""
    x0, y0, x1, y1 = box
    cv.draw.rectangle(box, outline=INK, width=2)
    k = face(kind, value)
    cv.text((x0 + 18, (y0 + y1) / 2 + size * 0.35), value, k, fit(k, size, value, x1 - x0 - 36, 26))


# --------------------------------------------------------------------------------------------
# 毕业证书: landscape, Ming, the particulars in one running sentence


def diploma_sentence(doc: Doc, rng: random.Random) -> Rendered:
    """A college diploma printed landscape (Hei) under a navy header band holding the school's
    name in white and the title: every particular in one running sentence on the left
    (学生{name}，性别…，于2011年9月至2014年7月在本校{major}专业…学习), the photo at the right
    with the 证书编号 under it, 校（院）长 printed, the school's seal over the dotted date."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (252, 251, 247), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    navy = (26, 44, 86)
    d.rectangle((0, 0, w, 230), fill=navy)
    school = f["school"]
    sk = face("hei", school)
    cv.centered(w / 2, 100, school, sk, fit(sk, 50, school, w - 300, 30), WHITE, body=False)
    cv.centered(w / 2, 190, "毕业证书", "hei", 60, WHITE, spacing=36, body=False)
    d.rectangle((0, h - 40, w, h), fill=navy)
    photo(img, doc, (w - 360, 320, w - 140, 600), (226, 234, 246))
    right_text(cv, w - 120, 670, f"证书编号：{f['diploma_number']}", "hei", 28)
    enrol, grad = iso(f["enrol"] + "-01"), iso(f["graduation"] + "-01")
    b = iso(f["birth_date"])
    text = (
        f"学生{f['name']}，性别{f['gender']}，{b.year}年{b.month}月{b.day}日生，于{enrol.year}年"
        f"{enrol.month}月至{grad.year}年{grad.month}月在本校{f['major']}专业"
        f"{f['years']}年制{f['education_level']}学习，修完教学计划规定的全部课程，成绩合格，"
        "准予毕业。"
    )
    grad_s = f"{grad.year}年{grad.month}月"
    keep = (f["name"], f["major"], grad_s)
    vk = face("hei", text)
    y = paragraph(cv, text, keep, 130, w - 480, 350, vk, 38, 78)
    x = cv.text((130, y + 70), "校（院）长：", "hei", 32)
    cv.text((x + 6, y + 70), f["principal"], face("hei", f["principal"]), 32)
    sign_off(img, cv, rng, [fmt_date(f["issue_date"], "dot")], w - 200, max(y + 180, 1000),
             "hei", 36, school, radius=120)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "diploma")


# --------------------------------------------------------------------------------------------
# 学位证书: Hei on a patterned 底纹, …经审核，授予…学位


def degree_pattern(doc: Doc, rng: random.Random) -> Rendered:
    """A degree certificate (portrait, Hei) on a light guilloche-like 底纹 of fine waves, the
    school's name as the heading, the title under it, the sentence ending on 授予 with the
    degree (医学学士学位) large on a line of its own, photo top right,
    the number over the date at the bottom left, the seal over the school at the bottom right
    and the chair's printed name only (no signature)."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (250, 251, 253), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    r = random.Random(f"wave/{f['degree_number']}")
    phase = r.uniform(0, 6)
    import math

    for yb in range(100, h - 100, 22):  # the 底纹 of fine waves
        pts = [(x, yb + 8 * math.sin(x / 40 + phase + yb / 90)) for x in range(80, w - 80, 8)]
        d.line(pts, fill=(226, 232, 242), width=1)
    d.rectangle((60, 60, w - 61, h - 61), outline=(40, 70, 120), width=3)
    school = f["school"]
    sk = face("hei", school)
    cv.centered(w / 2, 190, school, sk, fit(sk, 56, school, w - 300, 32), (40, 70, 120),
                body=False)  # fmt: skip
    level = f["degree_level"]
    cv.centered(w / 2, 320, "学位证书", "hei", 72, INK, spacing=24, body=False)
    _portrait(img, doc, (w - 330, 400, w - 130, 650), (232, 236, 242))
    field = "理学" if "护理" in f["major"] else "医学"
    degree = f"{field}{level}学位"
    b = iso(f["birth_date"])
    text = (
        f"{f['name']}，{f['gender']}，{b.year}年{b.month}月{b.day}日生，在{school}{f['major']}"
        f"专业完成了{level}学位课程的学习，成绩合格，经学位评定委员会审核，符合《中华人民共和国"
        "学位条例》规定的条件，授予"
    )
    vk = face("hei", text)
    y = paragraph(cv, text, (school, f["name"], f["major"]), 130, w - 380, 720, vk, 38, 76)
    cv.centered(w / 2, y + 70, degree, face("hei", degree), 64, INK, spacing=8)
    y = max(y + 240, 1260)
    cv.text((130, y), f"学位评定委员会主席：{f['chair']}", face("hei", f["chair"]), 32)
    cv.text((130, y + 80), f"证书编号：{f['degree_number']}", "hei", 30)
    cv.text((130, y + 140), f"授予日期：{fmt_date(f['issue_date'], 'pad')}", "hei", 30)
    sign_off(img, cv, rng, [school], w - 130, y + 260, sk, fit(sk, 34, school, 520, 28),
             school, radius=125)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表: born-digital, one column with dotted leaders, QR at the top


def record_rows(f: dict[str, str]) -> list[tuple[str, str]]:
    """(label, value) lines of the table, school fields first, padded dates (2014年07月01日)."""
    pad = lambda key: fmt_date(f[key], "pad")  # noqa: E731
    return [("院校名称", f["school"]), ("专　　业", f["major"]), ("层　　次", f["record_level"]),
            ("学历类别", f["record_category"]), ("学　　制", f"{f['years']}年"),
            ("入学日期", pad("enrol_date")), ("毕业日期", pad("graduation_date")),
            ("证书编号", f["diploma_number"]), ("姓　　名", f["name"]),
            ("性　　别", f["gender"]), ("证件号码", f["id_number"]),
            ("出生日期", pad("birth_date"))]  # fmt: skip


def leader(cv: Canvas, x0: float, x1: float, y: float) -> None:
    """A dotted leader between a label and its value."""
    for x in range(int(x0), int(x1) - 6, 16):
        cv.draw.ellipse((x, y - 3, x + 4, y + 1), fill=(120, 120, 120))


def record_leaders(doc: Doc, rng: random.Random) -> Rendered:
    """The 备案表 as a born-digital page (portrait, Song serif): the title with a QR square at
    the top right, one column of lines with a dotted leader between each label and its
    right-aligned value (school fields before the person's; 证件号码, 毕业日期 2014年07月01日),
    the photo at the top left, the code and 验证有效期至 at the foot over a grey rule."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    tk = face("serif_bold", title)
    cv.centered(w / 2 - 90, 170, title, tk, fit(tk, 46, title, w - 480, 30), INK, body=False)
    qr_block(d, w - 290, 90, rng, 8)
    _portrait(img, doc, (110, 260, 290, 490), (236, 238, 242))
    cv.text((330, 330), f"更新日期：{fmt_date(f['update_date'], 'pad')}", "serif", 28, GREY)
    vk = face("serif", *f.values())
    y = 590.0
    for label, value in record_rows(f):
        lx = cv.text((110, y), label, "serif", 32)
        k = face(vk, value)
        s = fit(k, 34, value, 700, 26)
        vx = right_text(cv, w - 110, y, value, k, s)
        leader(cv, lx + 16, vx - 12, y - 4)
        y += 70
    d.line((110, y + 20, w - 110, y + 20), fill=RULE, width=2)
    cv.text((110, y + 90), f"在线验证码：{f['verification_code']}", "serif_bold", 34)
    cv.text((110, y + 160), f"验证有效期至：{fmt_date(f['valid_until'], 'pad')}", "serif", 32)
    note = "扫描右上角二维码或登录学信网输入在线验证码，可查验本表内容。"
    cv.text((110, y + 230), note, "serif", 26, GREY)
    return Rendered(img, None, cv.min_glyph, "diploma_record")


def record_leaders_pdf(fields: dict[str, str]) -> bytes:
    """The 备案表 downloaded as a born-digital PDF with a text layer."""
    from lab.synth import pdfdoc

    rows = record_rows(fields)
    foot = [f"在线验证码：{fields['verification_code']}",
            f"验证有效期至：{fmt_date(fields['valid_until'], 'pad')}"]  # fmt: skip
    texts = [*fields.values(), fields["title"], *foot, *(v for _, v in rows)]
    pdf = pdfdoc._new_pdf(fields["title"], FIXED_DATE, texts)
    pdf.set_font("noto", size=15)
    pdf.set_xy(15, 18)
    pdf.cell(150, 10, fields["title"], align="C")
    pdf.set_font("noto", size=11)
    y = 40.0
    for label, value in rows:
        pdf.set_xy(20, y)
        pdf.cell(40, 7, label)
        pdf.set_xy(60, y)
        pdf.cell(130, 7, value, align="R")
        y += 9
    y += 8
    for line in foot:
        pdf.set_xy(20, y)
        pdf.cell(170, 7, line)
        y += 9
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 师承/确有专长: a short certifying letter in Song, signed by hand


def mentorship_letter(doc: Doc, rng: random.Random) -> Rendered:
    """A short certifying letter (portrait, Song serif) as the issuer writes one: the title, a
    salutation-free running text naming the person (证件号码…) and the 专长/出师 subject, the
    certificate number in the text, the head's handwritten signature over 负责人签字, the
    issuer's seal over its name and a hanzi date; no photo, no table."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (250, 247, 238), rng, 3)
    cv = Canvas(img)
    d = cv.draw
    title = f.get("title") or "传统医学医术确有专长证书"
    tk = face("serif", title)
    cv.centered(w / 2, 240, title, tk, fit(tk, 60, title, w - 240, 32), INK, body=False)
    taught = "师承" in title or "出师" in title
    what = "出师考核" if taught else "医术确有专长考核"
    text = (
        f"兹有{f['name']}，{f['gender']}，证件号码：{f['id_number']}，经{what}，"
        f"其{f['major']}考核合格，特发此证（证书编号：{f['cert_number']}）。"
        "持证人可据此参加相应的医师资格考试。"
    )
    keep = (f["name"], f["id_number"], f["cert_number"], f["major"])
    vk = face("serif", text)
    y = paragraph(cv, text, keep, 130, w - 130, 420, vk, 42, 90)
    y = paragraph(cv, "特此证明。", (), 130, w - 130, y + 10, "serif", 42, 90)
    cv.text((130, y + 140), "负责人签字：", "serif", 34)
    scrawl(d, 360, y + 125, rng, 240)
    issuer = f["issuer"]
    ik = face("serif", issuer)
    sign_off(img, cv, rng, [issuer, fmt_date(f["issue_date"], "hanzi")], w - 130, y + 330, ik,
             fit(ik, 38, issuer, 620, 28), issuer, radius=125, lead=76)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 承诺书: the ID number written into eighteen boxes


def id_boxes(cv: Canvas, x: float, y: float, value: str, cell: float = 46) -> float:
    """`value` hand-filled into a row of boxes (one character a box), as printed forms ask for
    an ID number; the characters are one run spaced to the boxes. Returns the right edge."""
    n = max(18, len(value))
    for i in range(n):
        cv.draw.rectangle((x + i * cell, y - cell + 8, x + (i + 1) * cell, y + 8), outline=INK,
                          width=2)  # fmt: skip
    size = 34
    f = font("kai", size)
    first = f.getlength(value[0]) if value else 0
    widths = [f.getlength(c) for c in value]
    spacing = cell - sum(widths) / max(1, len(widths))
    cv.text((x + (cell - first) / 2, y - 6), value, "kai", size, BLUE_BLACK, spacing=spacing)
    return x + n * cell


BOX_PROMISES = (
    "本人报名时提交的学历、试用期等材料真实、准确，如有虚假，自愿取消考试资格。",
    "本人于规定日期前取得毕业证书并按要求提交，逾期未提交的，考试成绩无效。",
    "本人遵守考试纪律和考场规则，服从考试工作人员管理。",
)


def pledge_boxes(doc: Doc, rng: random.Random) -> Rendered:
    """A printed 考生承诺书 (portrait, Song serif) filled in by hand: the name written in Kai
    blue-black on a line, the 身份证号 written into eighteen boxes, the school and major on
    lines, promises (一、二、三、), the handwritten signature and the date 2026年1月15日 in
    blue-black; no seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 200, "医师资格考试考生承诺书", "serif_bold", 56, INK, body=False)
    y = 340.0
    for label, value in (("考生姓名", f["name"]), ("毕业院校", f["school"]),
                         ("所学专业", f["major"])):  # fmt: skip
        x = cv.text((110, y), f"{label}：", "serif", 32)
        d.line((x + 6, y + 10, w - 110, y + 10), fill=INK, width=2)
        k = face("kai", value)
        cv.text((x + 20, y - 4), value, k, fit(k, 38, value, w - 130 - x - 20, 26), BLUE_BLACK)
        y += 90
    x = cv.text((110, y), "身份证号：", "serif", 32)
    id_boxes(cv, x + 10, y, f["id_number"])
    y += 120
    g = iso(f["expected_graduation"] + "-01")
    opener = f"本人系{g.year}年应届毕业生，报名参加医师资格考试，现郑重承诺："
    y = paragraph(cv, opener, (), 110, w - 110, y, "serif", 32, 60)
    for num, p in zip("一二三", BOX_PROMISES, strict=True):
        y = paragraph(cv, f"{num}、{p}", (), 110, w - 110, y + 10, "serif", 32, 60)
    y = max(y + 120, 1350)
    cv.text((640, y), "考生签名：", "serif", 32)
    scrawl(d, 820, y - 15, rng, 220)
    cv.text((640, y + 110), "日　　期：", "serif", 32)
    cv.text((820, y + 110), fmt_date(f["date"], "cn"), "kai", 36, BLUE_BLACK)
    return Rendered(img, None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# 试用期考核证明: a 登记表 as a shaded ruled grid, the seal in the 单位意见 cell


def probation_grid(doc: Doc, rng: random.Random) -> Rendered:
    """A hospital's 试用期考核登记表 (portrait, Ming): a ruled grid with shaded label cells
    (姓名 | 性别 | 科室; 公民身份号码 merged across; 工作单位; 试用期限 2024年07月01日—
    2025年06月30日; 考核等级), a tall 单位意见 cell holding a short sentence, the unit's name
    and the padded date with the seal over the date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 252), rng, 1)
    cv = Canvas(img)
    cv.centered(w / 2, 180, "医师资格考试试用期考核证明", "ming", 52, INK, body=False)
    cv.centered(w / 2, 240, "（考核登记表）", "ming", 32, GREY, body=False)
    vk = face("ming", *f.values())
    x0, x1 = 90.0, w - 90.0
    rh = 100.0
    y = 300.0
    cols = (x0, 260.0, 470.0, 620.0, 780.0, 920.0, x1)
    name_k = face(vk, f["name"])
    if font(name_k, 26).getlength(f["name"]) <= cols[2] - cols[1] - 36:
        row = [("姓名", f["name"]), ("性别", f["gender"]), ("科室", f["department"])]
        for c, (label, value) in enumerate(row):
            _label_cell(cv, (cols[2 * c], y, cols[2 * c + 1], y + rh), label, "ming", 30)
            _value_cell(cv, (cols[2 * c + 1], y, cols[2 * c + 2], y + rh), value, vk, 32)
        y += rh
    else:  # a long name takes the 性别 cells' room, 性别 a row of its own (as such forms do)
        _label_cell(cv, (cols[0], y, cols[1], y + rh), "姓名", "ming", 30)
        _value_cell(cv, (cols[1], y, cols[4], y + rh), f["name"], vk, 32)
        _label_cell(cv, (cols[4], y, cols[5], y + rh), "科室", "ming", 30)
        _value_cell(cv, (cols[5], y, cols[6], y + rh), f["department"], vk, 32)
        y += rh
        _label_cell(cv, (x0, y, 330, y + rh), "性别", "ming", 30)
        _value_cell(cv, (330, y, x1, y + rh), f["gender"], vk, 32)
        y += rh
    start, end = fmt_date(f["period_start"], "pad"), fmt_date(f["period_end"], "pad")
    for label, value in (("公民身份号码", f["id_number"]), ("工作单位", f["work_unit"]),
                         ("试用期限", f"{start}—{end}"), ("考核等级", f["result"])):  # fmt: skip
        _label_cell(cv, (x0, y, 330, y + rh), label, "ming", 30)
        _value_cell(cv, (330, y, x1, y + rh), value, vk, 32)
        y += rh
    _label_cell(cv, (x0, y, 330, y + 520), "单位意见", "ming", 30)
    cv.draw.rectangle((330, y, x1, y + 520), outline=INK, width=2)
    text = "该同志试用期内遵守规章制度，完成试用期培训，经考核，同意出具本证明。"
    paragraph(cv, text, (), 360, x1 - 30, y + 70, "ming", 32, 58)
    unit = f["work_unit"]
    uk = face("ming", unit)
    date = fmt_date(f["date"], "pad")
    s = fit(uk, 32, unit, x1 - 380, 26)
    right_text(cv, x1 - 40, y + 360, unit, uk, s)
    dx = right_text(cv, x1 - 40, y + 440, date, "ming", 32)
    draw_stamp(img, (dx + font("ming", 32).getlength(date) / 2, y + 410), 130, unit, rng)
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# 执业期考核证明: an extract of the unit's 定期考核 roster, one row


def practice_period_roster(doc: Doc, rng: random.Random) -> Rendered:
    """A proof as an extract of the unit's 定期考核 roster (landscape, Song serif): the title,
    a sentence naming the unit, a lightly ruled one-row roster (序号 | 姓名 | 证件号码 | 执业类别 |
    执业期间 2016年4月6日至2026年1月8日 over two lines | 考核结论), 以下空白 under it, the
    statement, the unit's seal over its name and a padded date."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (255, 255, 254), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 170, "执业期考核证明", "serif_bold", 60, INK, spacing=10, body=False)
    unit = f["work_unit"]
    vk = face("serif", *f.values())
    text = f"经{unit}医师定期考核，下列人员执业期考核情况如下（摘自本单位定期考核人员名单）："
    y = paragraph(cv, text, (unit,), 110, w - 110, 290, vk, 32, 60)
    edges = (110.0, 210.0, 420.0, 830.0, 1040.0, 1420.0, w - 110.0)
    heads = ("序号", "姓名", "证件号码", "执业类别", "执业期间", "考核结论")
    top = y + 10
    d.rectangle((edges[0], top, edges[-1], top + 70), fill=(236, 236, 236))
    cells = ("1", f["name"], f["id_number"], f["practice_category"],
             fmt_date(f["period_start"], "cn") + "至", f["result"])  # fmt: skip
    for c, head in enumerate(heads):
        cv.centered((edges[c] + edges[c + 1]) / 2, top + 47, head, "serif_bold", 28, INK)
    for c in range(len(edges)):
        d.line((edges[c], top, edges[c], top + 210), fill=RULE, width=2)
    for yy in (top, top + 70, top + 210):
        d.line((edges[0], yy, edges[-1], yy), fill=RULE, width=2)
    for c, value in enumerate(cells):
        k = face(vk, value)
        s = fit(k, 30, value, edges[c + 1] - edges[c] - 20, 24)
        yy = top + 130 if c == 4 else top + 152
        cv.centered((edges[c] + edges[c + 1]) / 2, yy, value, k, s, INK)
    end = fmt_date(f["period_end"], "cn")
    cv.centered((edges[4] + edges[5]) / 2, top + 180, end, vk, 30, INK)
    cv.text((edges[0], top + 260), "（以下空白）", "serif", 28, GREY)
    text = "特此证明。"
    paragraph(cv, text, (), 110, w - 110, top + 340, "serif", 32, 60)
    uk = face("serif", unit)
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "pad")], w - 130, top + 460, uk,
             fit(uk, 34, unit, 640, 28), unit, radius=120, lead=70)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# 医疗机构执业许可证: the 准予行政许可决定书


def licence_decision(doc: Doc, rng: random.Random) -> Rendered:
    """The authority's 准予行政许可决定书 (portrait, Serif) granting the licence: an addressee
    line with the institution, a running text naming 医疗机构执业许可证 and the validity
    (自2022年5月1日至2027年4月30日), the 诊疗科目 as a numbered list, the registration number,
    the authority's seal over its name and a hanzi date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 1)
    cv = Canvas(img)
    cv.centered(w / 2, 200, "准予行政许可决定书", "serif_bold", 58, INK, spacing=6, body=False)
    unit = f["work_unit"]
    vk = face("serif", *f.values())
    k = face(vk, unit)
    x = cv.text((110, 340), unit, k, fit(k, 34, unit, w - 260, 26))
    cv.text((x, 340), "：", "serif", 34)
    a, b = fmt_date(f["valid_from"], "cn"), fmt_date(f["valid_until"], "cn")
    text = (
        f"你单位提交的医疗机构执业登记申请，经审查，符合法定条件，决定准予行政许可，"
        f"核发医疗机构执业许可证（登记号：{f['registration_number']}），有效期自{a}至{b}。"
        f"主要负责人：{f['head']}；地址：{f['address']}。核准诊疗科目如下："
    )
    keep = (f["registration_number"], a, b, "医疗机构执业许可证", f["head"], f["address"])
    y = paragraph(cv, text, keep, 110, w - 110, 430, vk, 34, 64)
    subjects = f["subjects"].split("；")
    per_col = len(subjects) if len(subjects) <= 6 else (len(subjects) + 1) // 2
    room = w - 340 if per_col == len(subjects) else (w - 340) / 2 - 80
    for i, s in enumerate(subjects):
        k = face(vk, s)
        x = 170 + (i // per_col) * (w - 280) / 2
        yy = y + (i % per_col) * 56
        cv.text((x, yy), f"{i + 1}．", "serif", 32)
        cv.text((x + 60, yy), s, k, fit(k, 32, s, room, 26))
    y += per_col * 56
    issuer = f["issuer"]
    ik = face("serif", issuer)
    sign_off(img, cv, rng, [issuer, fmt_date(f["issue_date"], "hanzi")], w - 110,
             min(max(y + 120, 1400), h - 200), ik, fit(ik, 34, issuer, 640, 28), issuer, radius=125,
             lead=70)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "licence")


# --------------------------------------------------------------------------------------------
# 社会保险: the month list printed in two halves side by side


def halves_rows(f: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(年月 2024-07, 险种 short name, 基数, 状态 已缴/未缴) rows, oldest first."""
    rows = sorted(_payments(f))
    return [(f"{m[:4]}-{m[4:]}", SHORT.get(k, k), base, "已缴" if s == "已缴" else "未缴")
            for m, k, base, s in rows]  # fmt: skip


def si_halves(doc: Doc, rng: random.Random) -> Rendered:
    """An agency's 缴费明细 (portrait, Sans) listing the months in two halves side by side to
    save paper (年月 | 险种 | 缴费基数 | 状态 twice across), the person on one line with
    公民身份号码 and 所在单位 on the next, a count of the months paid, the agency's seal over
    its name and an ISO date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 150, "社会保险个人缴费明细", "sans_bold", 50, INK, body=False)
    vk = face("sans", f["name"], f["work_unit"], f["agency"])
    x = cv.text((90, 240), "姓名：", "sans", 30)
    x = cv.text((x, 240), f["name"], face(vk, f["name"]), 30)
    cv.text((x + 60, 240), f"公民身份号码：{f['id_number']}", "sans", 30)
    x = cv.text((90, 300), "所在单位：", "sans", 30)
    cv.text((x, 300), f["work_unit"], face(vk, f["work_unit"]),
            fit(face(vk, f["work_unit"]), 30, f["work_unit"], w - 90 - x, 26))  # fmt: skip
    rows = halves_rows(f)
    half = (len(rows) + 1) // 2
    top = 350.0
    lh = 44.0
    avail = h - 430 - top
    if (half + 1) * lh > avail:
        lh = max(30.0, avail / (half + 1))
    size = max(24, min(26, int(lh * 0.6)))
    for side, chunk in enumerate((rows[:half], rows[half:])):
        x0 = 90.0 + side * 540
        edges = (x0, x0 + 130, x0 + 265, x0 + 420, x0 + 520)
        d.rectangle((x0, top, x0 + 520, top + lh), fill=(225, 228, 232))
        for c, head in enumerate(("年月", "险种", "缴费基数", "状态")):
            cv.text((edges[c] + 8, top + lh * 0.72), head, "sans_bold", size)
        for r, row in enumerate(chunk):
            y = top + lh * (r + 1)
            for c, cell in enumerate(row):
                cv.text((edges[c] + 8, y + lh * 0.72), cell, "sans", size)
            d.line((x0, y + lh, x0 + 520, y + lh), fill=RULE, width=1)
    paid = sum(1 for r in rows if r[3] == "已缴")
    months = len({r[0] for r in rows if r[3] == "已缴"})
    y = top + lh * (half + 1) + 50
    cv.text((90, y), f"合计：已缴{paid}条，涉及{months}个月。", "sans", 28)
    agency = f["agency"]
    ak = face("sans", agency)
    sign_off(img, cv, rng, [agency, f["print_date"]], w - 100, h - 260, ak,
             fit(ak, 30, agency, 620, 26), agency, bottom="业务专用章", radius=115,
             lead=60)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_halves_scan_pdf(fields: dict[str, str]) -> bytes:
    """The printed list scanned back to PDF (grey, no text layer, < 200 KB)."""
    rng = random.Random(f"si-halves-scan/{fields['id_number']}/{fields['print_date']}")
    page = si_halves(Doc("social_insurance", fields), rng).image
    return scan_pdf(page.resize((992, 1403), Image.Resampling.LANCZOS), rng)


# --------------------------------------------------------------------------------------------
# 医师资格证书: Ming with English sub-labels under the Chinese ones


BILINGUAL = (
    ("姓名", "Name", "name"),
    ("性别", "Sex", "gender"),
    ("出生日期", "Date of Birth", "birth_date"),
    ("身份证件号码", "ID No.", "id_number"),
    ("资格类别", "Category", "qual_category"),
    ("资格级别", "Level", "qualification"),
    ("证书编码", "Certificate No.", "qualification_number"),
)


def qualification_bilingual(doc: Doc, rng: random.Random) -> Rendered:
    """A certificate page (portrait, Ming) whose labels carry English sub-labels in small grey
    type under them (姓名/Name, 身份证件号码/ID No., 证书编码/Certificate No.), the values
    beside with full-width colons, the photo top right with a logo square top left, the birth
    date as 1990年03月05日, the authority's seal over its name and the 签发日期."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (250, 250, 245), rng, 2)
    cv = Canvas(img)
    logo_square(img, (110, 110, 210, 210), (150, 40, 40))
    cv.centered(w / 2, 300, "医师资格证书", "ming", 72, INK, spacing=16, body=False)
    cv.centered(w / 2, 360, "Physician Qualification Certificate", "serif", 30, GREY,
                body=False)  # fmt: skip
    _portrait(img, doc, (w - 330, 420, w - 130, 670), (236, 236, 240))
    vk = face("ming", *f.values())
    y = 470.0
    for zh, en, key in BILINGUAL:
        value = fmt_date(f[key], "pad") if key == "birth_date" else f[key]
        cv.text((120, y), f"{zh}：", "ming", 32)
        cv.text((120, y + 38), en, "serif", 24, GREY)
        k = face(vk, value)
        room = (w - 380 if y < 680 else w - 130) - 420
        cv.text((420, y), value, k, fit(k, 34, value, room, 26))
        y += 120
    authority = health_authority(iso(f["issue_date"]))
    ak = face("ming", authority)
    sign_off(img, cv, rng, [authority, f"签发日期：{fmt_date(f['issue_date'], 'cn')}"], w - 120,
             y + 120, ak, fit(ak, 34, authority, 700, 28), authority, radius=125,
             lead=70)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


# --------------------------------------------------------------------------------------------
# 医师执业证书: the booklet's page filled in by hand on printed lines


def practice_inked(doc: Doc, rng: random.Random) -> Rendered:
    """An older booklet page (portrait, printed Serif labels) with every value written in by
    hand in Kai blue-black on printed lines (姓名, 性别, 身份证号, 执业地点 for the form's
    unit, 执业类别, 执业范围, 执业级别, 证书编码), the 注册日期 written 2016.4.6 style as
    2016年4月6日, the authority's seal over its printed name."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (248, 245, 236), rng, 3)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((70, 70, w - 71, h - 71), outline=(90, 70, 50), width=2)
    cv.centered(w / 2, 220, "医师执业证书", "serif_bold", 66, INK, spacing=14, body=False)
    _portrait(img, doc, (w // 2 - 100, 290, w // 2 + 100, 530), (238, 238, 238))
    rows = (("姓　　名", f["name"]), ("性　　别", f["gender"]), ("身份证号", f["id_number"]),
            ("执业地点", f["work_unit"]), ("执业类别", f["practice_category"]),
            ("执业范围", f["scope"]), ("执业级别", f["practice_level"]),
            ("证书编码", f["practice_number"]),
            ("注册日期", fmt_date(f["registration_date"], "cn")))  # fmt: skip
    y = 640.0
    for label, value in rows:
        x = cv.text((130, y), label, "serif", 30)
        d.line((x + 20, y + 10, w - 130, y + 10), fill=(90, 70, 50), width=1)
        k = face("kai", value)
        cv.text((x + 40, y - 4), value, k, fit(k, 36, value, w - 170 - x - 40, 26),
                BLUE_BLACK)  # fmt: skip
        y += 88
    issuer = f["issuer"]
    ik = face("serif", issuer)
    sign_off(img, cv, rng, ["发证机关", issuer], w - 130, y + 90, ik, fit(ik, 32, issuer, 620, 26),
             issuer, radius=120, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# Registration

HELD_OUT = (
    ("diploma", "sentence", diploma_sentence, None,
     "landscape Hei diploma under a navy header band with the school's name and title in "
     "white: every particular in one running sentence left (学生…，于2011年9月至2014年7月在本校…"
     "专业…学习), "
     "photo right with 证书编号 under it, 校（院）长 printed, seal over the dotted date only"),
    ("degree", "pattern", degree_pattern, None,
     "portrait Hei degree on a wavy 底纹: school name as heading, sentence opening with the name "
     "and ending on 授予, the degree (医学学士学位) large on its own line, photo top right, chair "
     "printed (no signature), number and padded 授予日期 bottom left, seal over the school"),
    ("diploma_record", "leaders", record_leaders, record_leaders_pdf,
     "born-digital 备案表 in Song: QR top right by the title, one column of label……value lines "
     "with dotted leaders and right-aligned values (school fields first, 证件号码, padded dates "
     "2014年07月01日), code and 验证有效期至 at the foot; PDF with a text layer"),
    ("mentorship_cert", "masternote", mentorship_letter, None,
     "short portrait certifying letter in Song: running text 兹有…证件号码：…，经…考核…（证书编号："
     "…）, 负责人签字 handwritten, seal over the issuer and a hanzi date; no photo, no table"),
    ("pledge", "boxes", pledge_boxes, None,
     "printed serif 考生承诺书 filled in by hand: name/school/major in blue-black Kai on lines, "
     "身份证号 written into 18 boxes, promises 一、二、三、, signature and 2026年1月15日 in "
     "blue-black; no seal"),
    ("probation_cert", "grid", probation_grid, None,
     "试用期考核登记表 (Ming): ruled grid with shaded label cells (姓名|性别|科室, 公民身份号码, "
     "工作单位, 试用期限 2024年07月01日—2025年06月30日, 考核等级), 单位意见 cell with the unit and "
     "the seal over the padded date"),
    ("practice_period_cert", "roster", practice_period_roster, None,
     "landscape extract of the unit's 定期考核 roster (Song): sentence naming the unit, a "
     "one-row ruled roster (序号|姓名|证件号码|执业类别|执业期间 2016年4月6日至 over two "
     "lines|考核结论), （以下空白）, seal over the unit and a padded date"),
    ("licence", "decision", licence_decision, None,
     "准予行政许可决定书 (Serif) addressed to the institution: running text naming the "
     "医疗机构执业许可证, 登记号 and 有效期自2022年5月1日至2027年4月30日, numbered 诊疗科目 list, "
     "seal over the authority and a hanzi date"),
    ("social_insurance", "halves", si_halves, si_halves_scan_pdf,
     "社会保险个人缴费明细 (Sans): person line with 公民身份号码, 所在单位, the month rows in two "
     "halves side by side (年月 2024-07 | 险种 | 缴费基数 | 已缴/未缴), a 合计 line, 业务专用章 "
     "over the agency and an ISO date; PDF a scan without text layer"),
    ("assistant_qualification", "bilingual", qualification_bilingual, None,
     "portrait Ming certificate with English sub-labels in grey under each Chinese label "
     "(姓名/Name, 身份证件号码/ID No., 证书编码/Certificate No.), logo square, photo top right, "
     "padded birth date, seal over the authority and 签发日期"),
    ("assistant_practice", "inked", practice_inked, None,
     "older booklet page: printed Serif labels with every value handwritten in blue-black Kai "
     "on lines (执业地点 for the unit, 证书编码), 注册日期 2016年4月6日, photo centred, seal over "
     "发证机关 and the authority"),
)  # fmt: skip
