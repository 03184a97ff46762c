"""A fifth layout family per material (issue 15, third round): yet other issuers, held out.

Every family of `families_edu`, `families_work` and `families_more` has been run and looked at
(`families.LOOKED_AT`), so none is held out any more; these are the new *held-out* ones,
written without running the readers on them and never adjusted to suit the readers. Each
differs from every earlier family of its material the way real issuers differ: field order,
label wording (名字, 公民身份号码, 执业地点, 考核结论), a value under its label in a ruled grid with
merged cells against label：value lines against running text, English sub-labels, a header
band with a logo square, a light 底纹, typefaces, orientation, where the seal falls and how
dates are written (2025-06-30, 2025/6/30, 2025年06月30日, 二〇二五年六月三十日). Every value
the material's checks compare is printed whole, exactly as the form's truth holds it; a
typeface lacking a character of a value gives way to Noto, as the other modules do.
"""

from __future__ import annotations

import random

from PIL import Image, ImageDraw

from lab.synth.families_edu import FIXED_DATE, frame, photo, ym
from lab.synth.families_work import (
    LANDSCAPE,
    PORTRAIT,
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

GREY = (96, 96, 104)
RULE = (60, 60, 66)

# --------------------------------------------------------------------------------------------
# Helpers


def slash(s: str) -> str:
    """2025/6/30, as some offices' printing systems write a date."""
    d = iso(s)
    return f"{d.year}/{d.month}/{d.day}"


def cell(
    cv: Canvas,
    box: tuple[float, float, float, float],
    label: str,
    value: str,
    lk: str,
    vk: str,
    ls: int,
    vs: int,
    *,
    sub: str = "",
    line: tuple[int, int, int] = RULE,
    width: int = 2,
    shade: tuple[int, int, int] | None = None,
) -> None:
    """One ruled cell of a grid: the label small at its top left (an English sub-label
    beside it when given), the value under it; merged cells are simply wider boxes."""
    x0, y0, x1, y1 = box
    d = cv.draw
    if shade:
        d.rectangle(box, fill=shade)
    d.rectangle(box, outline=line, width=width)
    x = cv.text((x0 + 14, y0 + ls + 10), label, lk, ls, GREY)
    if sub:
        cv.text((x + 10, y0 + ls + 10), sub, "serif", max(18, ls - 8), GREY, body=False)
    if value:
        k = face(vk, value)
        cv.text((x0 + 18, y1 - 20), value, k, fit(k, vs, value, x1 - x0 - 36, 26))


def pair(
    cv: Canvas,
    box: tuple[float, float, float, float],
    label: str,
    value: str,
    lk: str,
    vk: str,
    size: int,
    split: float,
    *,
    shade: tuple[int, int, int] | None = (236, 236, 232),
    line: tuple[int, int, int] = RULE,
) -> None:
    """A label cell (grey 底纹) and its value cell side by side, as in a ruled form."""
    x0, y0, x1, y1 = box
    d = cv.draw
    if shade:
        d.rectangle((x0, y0, split, y1), fill=shade)
    d.rectangle((x0, y0, split, y1), outline=line, width=2)
    d.rectangle((split, y0, x1, y1), outline=line, width=2)
    base = (y0 + y1) / 2 + size * 0.36
    lf = face(lk, label)
    cv.text((x0 + 14, base), label, lf, fit(lf, size, label, split - x0 - 28, 26))
    if value:
        k = face(vk, value)
        cv.text((split + 16, base), value, k, fit(k, size + 2, value, x1 - split - 32, 26))


def watermark(img: Image.Image, text: str, color: tuple[int, int, int], step: int = 260) -> None:
    """A light diagonal pattern of the issuer's words over the page (an anti-copy 底纹); not a
    printed value, so it is not recorded as text."""
    w, h = img.size
    layer = Image.new("L", (w * 2, h * 2), 0)
    d = ImageDraw.Draw(layer)
    f = font("sans", 34)
    for row, y in enumerate(range(0, h * 2, 150)):
        for x in range(-(row % 2) * step // 2, w * 2, step + int(f.getlength(text))):
            d.text((x, y), text, font=f, fill=255)
    layer = layer.rotate(28, resample=Image.Resampling.BILINEAR).crop(
        (w // 2, h // 2, w // 2 + w, h // 2 + h)
    )
    tint = Image.new("RGB", (w, h), color)
    img.paste(Image.composite(tint, img, layer.point(lambda v: v * 0.35)), (0, 0))


def logo_square(
    img: Image.Image, box: tuple[int, int, int, int], color: tuple[int, int, int]
) -> None:
    """The issuer's logo in the header band: a coloured square with a white cross-and-ring."""
    d = ImageDraw.Draw(img)
    x0, y0, x1, y1 = box
    d.rectangle(box, fill=color)
    cx, cy, r = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) * 0.34
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(255, 255, 255), width=5)
    a = r * 0.55
    d.rectangle((cx - a * 0.3, cy - a, cx + a * 0.3, cy + a), fill=(255, 255, 255))
    d.rectangle((cx - a, cy - a * 0.3, cx + a, cy + a * 0.3), fill=(255, 255, 255))


def qr_block(d: ImageDraw.ImageDraw, x: float, y: float, rng: random.Random, qs: int = 9) -> None:
    """A QR-like block of modules with its three finder squares."""
    for r in range(25):
        for c in range(25):
            finder = (r < 7 and c < 7) or (r < 7 and c > 17) or (r > 17 and c < 7)
            if finder or rng.random() < 0.5:
                d.rectangle((x + c * qs, y + r * qs, x + c * qs + qs - 1, y + r * qs + qs - 1),
                            fill=INK)  # fmt: skip


# --------------------------------------------------------------------------------------------
# 毕业证书: a landscape bilingual college diploma, values under their labels


def diploma_bilingual(doc: Doc, rng: random.Random) -> Rendered:
    """A college's landscape diploma with English sub-labels (姓名 Name, 专业 Major): a header
    band with the school's logo square and name, the photo left, a ruled grid whose values
    stand under their labels (Ming), the graduation month in a sentence (于2014年7月毕业),
    证书编号 in the grid's last row, the date as 2014年07月01日 under the seal."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (250, 249, 244), rng, 3)
    cv = Canvas(img)
    d = cv.draw
    navy = (24, 50, 96)
    d.rectangle((0, 0, w, 190), fill=navy)
    logo_square(img, (80, 40, 190, 150), (180, 40, 40))
    sk = face("ming", f["school"])
    cv.text((220, 120), f["school"], sk, fit(sk, 54, f["school"], 900, 34), (255, 255, 255))
    cv.text((w - 520, 110), "毕业证书", "ming", 72, (255, 255, 255), body=False, spacing=12)
    cv.text((w - 440, 160), "DIPLOMA", "serif", 30, (210, 215, 230), body=False, spacing=8)
    _portrait(img, doc, (90, 270, 390, 670), (250, 250, 250))
    vk = face("ming", *f.values())
    x0, x1, top, rh = 450.0, w - 90.0, 260.0, 124.0
    mid = (x0 + x1) / 2
    grid = [
        [("姓名", "Name", f["name"], x0, mid), ("性别", "Sex", f["gender"], mid, x1)],
        [("出生日期", "Date of Birth", fmt_date(f["birth_date"], "pad"), x0, mid),
         ("学制", "Length", f"{f.get('years', '三')}年", mid, x1)],
        [("专业", "Major", f["major"], x0, x1)],
        [("学历层次", "Level", f.get("education_level", "中专"), x0, mid),
         ("证书编号", "Cert. No.", f["diploma_number"], mid, x1)],
    ]  # fmt: skip
    for i, row in enumerate(grid):
        for label, sub, value, a, b in row:
            cell(cv, (a, top + i * rh, b, top + (i + 1) * rh), label, value, "ming", vk, 30, 42,
                 sub=sub)  # fmt: skip
    y = top + len(grid) * rh + 100
    text = (
        f"该生于{ym(f['enrol'])}至{ym(f['graduation'])}在本校{f['major']}专业学习，"
        f"修完教学计划规定的全部课程，成绩合格，准予毕业。"
    )
    keep = (ym(f["enrol"]), ym(f["graduation"]), f["major"])
    y = paragraph(cv, text, keep, 90, w - 90, y, face("ming", text), 40, 70)
    y = max(y + 90, 1020)
    x = cv.text((90, y), "校长：", "ming", 38)
    pk = face("ming", f.get("principal", ""))
    cv.text((x, y), f.get("principal", ""), pk, 40)
    cv.text((1200, y), fmt_date(f["issue_date"], "pad"), "ming", 40)
    draw_stamp(img, (1320 + rng.uniform(-40, 40), y - 20 + rng.uniform(-15, 15)), 130,
               f["school"], rng)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "diploma")


# --------------------------------------------------------------------------------------------
# 学位证书: a landscape Hei certificate on a guilloche-like 底纹, the number at the foot


def degree_hei(doc: Doc, rng: random.Random) -> Rendered:
    """A landscape degree in Hei on a light patterned 底纹: the title and the school's logo
    square left, the photo right, the text naming the person first (…同志，…年…月…日生),
    学位 granted in its own sentence, 证书编号 and the date as 2022-07-01 at the foot, the
    seal over the school's name; the chair's name printed without a signature."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (247, 246, 238), rng, 2)
    watermark(img, f["school"], (226, 216, 190), step=220)
    cv = Canvas(img)
    d = cv.draw
    brown = (120, 70, 30)
    d.rectangle((44, 44, w - 45, h - 45), outline=brown, width=6)
    logo_square(img, (110, 110, 230, 230), brown)
    level = f["degree_level"]
    cv.text((270, 210), f"{level}学位证书", "hei", 84, brown, spacing=10, body=False)
    _portrait(img, doc, (w - 380, 110, w - 120, 450), (235, 240, 248))
    kind = face("hei", *f.values())
    b = iso(f["birth_date"])
    text = (
        f"{f['name']}，{f['gender']}，{b.year}年{b.month}月{b.day}日生。在{f['school']}"
        f"{f['major']}专业完成了{level}学位的学习计划，业已毕业。"
    )
    keep = (f["name"], f["school"], f["major"])
    y = paragraph(cv, text, keep, 130, w - 420, 560, kind, 44, 84)
    grant = f"经审核，符合《中华人民共和国学位条例》的规定，授予医学{level}学位。"
    y = paragraph(cv, grant, (f"{level}学位", "《中华人民共和国学位条例》"), 130, w - 130, y + 20,
                  face("hei", grant), 44, 84)  # fmt: skip
    y = max(y + 120, 1000)
    cv.text((130, y), f"证书编号：{f['degree_number']}", "hei", 34)
    cv.text((130, y + 70), f"发证日期：{f['issue_date']}", "hei", 34)
    sk = face("hei", f["school"])
    right = w - 130
    width = font(sk, 44).getlength(f["school"])
    cv.text((right - width, y), f["school"], sk, 44)
    line = f"学位评定委员会主席  {f['chair']}"
    ck = face("hei", line)
    cv.text((right - font(ck, 36).getlength(line), y + 80), line, ck, 36)
    draw_stamp(img, (right - width / 2 + rng.uniform(-30, 30), y - 15 + rng.uniform(-10, 10)),
               125, f["school"], rng)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表: the newer web report, label above value in a three-column grid


RECORD_NOTE = "说明：本表可登录学信网输入在线验证码查验。"


def _record_cells(f: dict[str, str]) -> list[list[tuple[str, str, int]]]:
    """Rows of (label, value, columns spanned) of the three-column report."""
    return [
        [("姓名", f["name"], 1), ("性别", f["gender"], 1), ("出生日期", f["birth_date"], 1)],
        [("证件号码", f["id_number"], 2), ("学制", f"{f['years']}年", 1)],
        [("学校名称", f["school"], 2), ("专业", f["major"], 1)],
        [("层次", f["record_level"], 1), ("学历类别", f["record_category"], 1),
         ("毕（结）业", "毕业", 1)],
        [("入学日期", f["enrol_date"], 1), ("毕（结）业日期", f["graduation_date"], 1),
         ("校（院）长姓名", f["principal"], 1)],
        [("证书编号", f["diploma_number"], 3)],
    ]  # fmt: skip


def record_web(doc: Doc, rng: random.Random) -> Rendered:
    """The 备案表 as the newer web report prints: a thin header with the date updated at the
    right, the photo top right, a three-column grid with each small grey label above its
    value (Sans Bold) and ISO dates (2014-07-01), 证件号码 across two columns; the code and
    its validity in a tinted box with a QR block at the foot; no seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 254), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    teal = (20, 120, 110)
    d.rectangle((0, 0, w, 26), fill=teal)
    title = f["title"]
    cv.text((90, 150), title, "sans_bold", fit("sans_bold", 50, title, w - 460, 34), INK,
            body=False)  # fmt: skip
    cv.text((90, 215), f"更新日期：{f['update_date']}", "sans", 28, GREY)
    _portrait(img, doc, (w - 320, 70, w - 90, 360), (255, 255, 255))
    x0, x1, top, rh = 90.0, w - 90.0, 420.0, 118.0
    col = (x1 - x0) / 3
    vk = face("sans_bold", *f.values())
    for i, row in enumerate(_record_cells(f)):
        c = 0
        for label, value, span in row:
            a, b = x0 + c * col, x0 + (c + span) * col
            cell(cv, (a, top + i * rh, b, top + (i + 1) * rh), label, value, "sans", vk, 26, 36,
                 line=(190, 196, 200))  # fmt: skip
            c += span
    y = top + 6 * rh + 70
    d.rectangle((x0, y, x1, y + 300), fill=(232, 244, 242), outline=teal, width=2)
    cv.text((x0 + 30, y + 80), "在线验证码", "sans", 30, GREY)
    cv.text((x0 + 30, y + 140), f["verification_code"], "sans_bold", 44)
    cv.text((x0 + 30, y + 220), f"验证有效期至：{f['valid_until']}", "sans", 32)
    qr_block(d, x1 - 260, y + 36, rng)
    cv.text((x0, y + 380), RECORD_NOTE, "sans", 28, GREY)
    cv.text((x0, h - 90), "https://www.chsi.com.cn", "sans", 26, GREY, body=False)
    return Rendered(img, None, cv.min_glyph, "diploma_record")


def record_web_pdf(fields: dict[str, str]) -> bytes:
    """The web report saved as PDF from the browser: a text layer in the same layout (the
    photo left out)."""
    from lab.synth import pdfdoc

    rows = _record_cells(fields)
    title = fields.get("title", "教育部学历证书电子注册备案表")
    words = ("更新日期：", "在线验证码", "验证有效期至：", RECORD_NOTE)
    cells = [t for r in rows for c in r for t in c[:2]]
    pdf = pdfdoc._new_pdf(title, FIXED_DATE, [*fields.values(), *cells, *words])
    pdf.set_fill_color(20, 120, 110)
    pdf.rect(0, 0, 210, 4, style="F")
    pdf.set_font("noto", size=15)
    pdf.set_xy(15, 14)
    pdf.cell(130, 9, title)
    pdf.set_font("noto", size=8)
    pdf.set_text_color(96, 96, 104)
    pdf.set_xy(15, 26)
    pdf.cell(100, 6, f"更新日期：{fields['update_date']}")
    x0, col, top, rh = 15.0, 60.0, 70.0, 18.0
    pdf.set_draw_color(190, 196, 200)
    for i, row in enumerate(rows):
        c = 0
        for label, value, span in row:
            x, y = x0 + c * col, top + i * rh
            pdf.rect(x, y, span * col, rh)
            pdf.set_text_color(96, 96, 104)
            pdf.set_font("noto", size=7)
            pdf.set_xy(x + 2, y + 1.5)
            pdf.cell(span * col - 4, 5, label)
            pdf.set_text_color(0, 0, 0)
            pdf.set_font("noto", size=10)
            pdf.set_xy(x + 2, y + 9)
            pdf.cell(span * col - 4, 7, value)
            c += span
    y = top + len(rows) * rh + 10
    pdf.set_fill_color(232, 244, 242)
    pdf.set_draw_color(20, 120, 110)
    pdf.rect(x0, y, 180, 42, style="DF")
    pdf.set_text_color(96, 96, 104)
    pdf.set_font("noto", size=8)
    pdf.set_xy(x0 + 5, y + 5)
    pdf.cell(100, 5, "在线验证码")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("noto", size=14)
    pdf.set_xy(x0 + 5, y + 13)
    pdf.cell(120, 9, fields["verification_code"])
    pdf.set_font("noto", size=9)
    pdf.set_xy(x0 + 5, y + 28)
    pdf.cell(120, 7, f"验证有效期至：{fields['valid_until']}")
    pdf.set_fill_color(18, 18, 20)
    qr = random.Random(f"record-web/{fields['verification_code']}")
    for r in range(25):
        for c in range(25):
            if (r < 7 and c < 7) or (r < 7 and c > 17) or (r > 17 and c < 7) or qr.random() < 0.5:
                pdf.rect(160 + c * 1.3, y + 4 + r * 1.3, 1.3, 1.3, style="F")
    pdf.set_font("noto", size=8)
    pdf.set_text_color(96, 96, 104)
    pdf.set_xy(x0, y + 50)
    pdf.cell(150, 6, words[3])
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 师承/确有专长证书: landscape, two columns of stacked labels in Song, ISO date


def mentorship_columns(doc: Doc, rng: random.Random) -> Rendered:
    """A landscape certificate in Song whose details stand in two columns, each value under
    its label with no colon (姓名, 性别 left; 身份证号码, the 专长 right), the photo on a grey
    底纹 panel at the left, No. number top right, one closing sentence, the bureau's name
    under its seal with the date as 2020-12-13."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (250, 249, 243), rng, 3)
    cv = Canvas(img)
    d = cv.draw
    color = (30, 80, 60)
    frame(img, color, 36, 56)
    title = f["title"]
    cv.centered(w / 2, 200, title, "serif_bold", fit("serif_bold", 70, title, w - 300, 44),
                color, spacing=6, body=False)  # fmt: skip
    num = f"No. {f['cert_number']}"
    cv.text((w - 120 - font("serif", 32).getlength(num), 280), num, "serif", 32)
    d.rectangle((110, 320, 470, 860), fill=(232, 232, 226))
    photo(img, doc, (150, 360, 430, 720), (246, 246, 246))
    field = "出师专业" if "师承" in title else "专长"
    vk = face("serif", *f.values())
    columns = (
        (560.0, (("姓名", f["name"]), ("性别", f["gender"]))),
        (1100.0, (("身份证号码", f["id_number"]), (field, f["major"]))),
    )
    for x, rows in columns:
        y = 400.0
        for label, value in rows:
            cv.text((x, y), label, "serif", 32, GREY)
            k = face(vk, value)
            cv.text((x, y + 70), value, k, fit(k, 46, value, w - 120 - x, 30))
            d.line((x, y + 90, x + 480, y + 90), fill=(150, 150, 150), width=2)
            y += 200
    text = "经考核合格，准予出师。"
    if "师承" not in title:
        text = "经考核合格，确认其具有医术专长，特发此证。"
    paragraph(cv, text, (), 560, w - 120, 860, "serif", 42, 76, indent=False)
    sign_off(img, cv, rng, [f["issuer"], f["issue_date"]], w - 150, 1010, "serif", 42,
             f["issuer"], radius=135, lead=80)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 承诺书: a Kai sheet whose top is a ruled grid the applicant fills in


def pledge_grid(doc: Doc, rng: random.Random) -> Rendered:
    """A school's pledge sheet in Kai: under the title a ruled grid (考生姓名 beside a blank
    联系电话, 证件号码 across the row, 毕业院校, 专业 beside 预计毕业), then the promise as
    one paragraph, then 承诺人（签字） with a handwritten signature and the date as 2026年1月15日
    written beside it; no seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 252, 248), rng, 3)
    cv = Canvas(img)
    cv.centered(w / 2, 200, "医师资格考试应届毕业生承诺书", "kai", 60, INK, body=False)
    vk = face("kai", *f.values())
    x0, x1, top, rh = 100.0, w - 100.0, 300.0, 110.0
    mid = 640.0
    g = iso(f["expected_graduation"] + "-01")
    pair(cv, (x0, top, mid, top + rh), "考生姓名", f["name"], "kai", vk, 38, x0 + 200)
    pair(cv, (mid, top, x1, top + rh), "联系电话", "", "kai", vk, 38, mid + 200)
    pair(cv, (x0, top + rh, x1, top + 2 * rh), "证件号码", f["id_number"], "kai", vk, 38, x0 + 200)
    pair(cv, (x0, top + 2 * rh, x1, top + 3 * rh), "毕业院校", f["school"], "kai", vk, 38,
         x0 + 200)  # fmt: skip
    pair(cv, (x0, top + 3 * rh, mid, top + 4 * rh), "专业", f["major"], "kai", vk, 38, x0 + 200)
    pair(cv, (mid, top + 3 * rh, x1, top + 4 * rh), "预计毕业", f"{g.year}年{g.month}月", "kai",
         vk, 38, mid + 200)  # fmt: skip
    text = (
        f"本人系{g.year}年应届医学专业毕业生，现申请参加医师资格考试。本人保证所提交的报名材料"
        f"真实有效，并承诺于{g.year}年8月31日前取得毕业证书；逾期未取得者，本人自愿接受考试"
        "成绩无效的处理。如有虚假，后果自负。"
    )
    y = paragraph(cv, text, (), 100, w - 100, top + 4 * rh + 130, "kai", 42, 80)
    y = max(y + 160, 1300)
    x = cv.text((600, y), "承诺人（签字）：", "kai", 42)
    scrawl(cv.draw, x + 10, y - 10, rng, 210)
    cv.text((600, y + 110), "日期：", "kai", 42)
    cv.text((740, y + 110), fmt_date(f["date"], "cn"), "kai", 44, (30, 34, 70))
    return Rendered(img, None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# 试用期考核证明: a portrait 考核表 with stacked cells, the opinion in a big merged cell


def probation_sheet(doc: Doc, rng: random.Random) -> Rendered:
    """A hospital's 考核表 in Song: cells with the label above the value (姓名, 性别, 证件号码,
    工作单位 across, 试用期 as 起/止 cells with ISO dates), a large merged 考核意见 cell holding
    the result as 考核结论：合格 and the department head's signature, the unit's seal over the
    date (2025年07月10日) in the bottom cell."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 252, 250), rng, 3)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 230, "医师资格考试试用期考核证明", "serif_bold", 60, INK, spacing=4,
                body=False)  # fmt: skip
    vk = face("serif", *f.values())
    x0, x1, top, rh = 100.0, w - 100.0, 320.0, 120.0
    a, b = 560.0, 800.0
    rows: list[list[tuple[str, str, float, float]]] = [
        [("姓名", f["name"], x0, a), ("性别", f["gender"], a, b), ("科室", f["department"], b, x1)],
        [("证件号码", f["id_number"], x0, x1)],
        [("工作单位", f["work_unit"], x0, x1)],
        [("试用期起", f["period_start"], x0, (x0 + x1) / 2),
         ("试用期止", f["period_end"], (x0 + x1) / 2, x1)],
    ]  # fmt: skip
    for i, row in enumerate(rows):
        for label, value, l0, l1 in row:
            cell(cv, (l0, top + i * rh, l1, top + (i + 1) * rh), label, value, "serif", vk, 28, 40)
    y0 = top + len(rows) * rh
    y1 = y0 + 480
    d.rectangle((x0, y0, x1, y1), outline=RULE, width=2)
    cv.text((x0 + 14, y0 + 40), "考核意见", "serif", 28, GREY)
    text = "该同志试用期间遵守医院规章制度，工作认真负责，能胜任本岗位工作。"
    y = paragraph(cv, text, (), x0 + 30, x1 - 30, y0 + 120, "serif", 38, 70)
    x = cv.text((x0 + 30, y + 20), "考核结论：", "serif", 40)
    cv.text((x, y + 20), f["result"], "serif_bold", 42)
    x = cv.text((640, y1 - 50), "科室负责人：", "serif", 36)
    scrawl(d, x + 10, y1 - 60, rng, 170)
    y2 = y1 + 300
    d.rectangle((x0, y1, x1, y2), outline=RULE, width=2)
    cv.text((x0 + 14, y1 + 40), "单位意见（盖章）", "serif", 28, GREY)
    date_text = fmt_date(f["date"], "pad")
    dx = x1 - 60 - font("serif", 40).getlength(date_text)
    cv.text((dx, y2 - 60), date_text, "serif", 40)
    draw_stamp(img, (dx + 160 + rng.uniform(-30, 30), y2 - 110 + rng.uniform(-15, 15)), 135,
               f["work_unit"], rng)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# 执业期考核证明: a letterhead memo in Hei, two-column label list, slashed dates


def practice_period_memo(doc: Doc, rng: random.Random) -> Rendered:
    """Landscape, on the unit's letterhead (a band with its logo square and name), a two-
    column Hei label list (名字, 证件号码; 执业类别, 执业期间 as 2016/4/6—2026/1/8), 考核结论
    with the result, a signature over 院长签字, the unit's seal over the slashed date."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (252, 252, 250), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    band = (150, 30, 36)
    d.rectangle((0, 60, w, 200), fill=(246, 236, 236))
    d.line((0, 200, w, 200), fill=band, width=6)
    logo_square(img, (90, 80, 190, 180), band)
    uk = face("hei", f["work_unit"])
    cv.text((220, 155), f["work_unit"], uk, fit(uk, 58, f["work_unit"], 1100, 36), band)
    cv.centered(w / 2, 320, "执业助理医师执业期考核证明", "hei", 58, INK, body=False)
    kind = face("hei", *f.values())
    period = f"{slash(f['period_start'])}—{slash(f['period_end'])}"
    left = [("名字", f["name"]), ("性别", f["gender"]), ("证件号码", f["id_number"])]
    right = [("执业类别", f["practice_category"]), ("执业期间", period), ("考核结论", f["result"])]
    for x, rows in ((110.0, left), (960.0, right)):
        y = 450.0
        for label, value in rows:
            cv.text((x, y), label, "hei", 38, GREY)
            k = face(kind, value)
            cv.text((x + 200, y), value, k, fit(k, 42, value, 640, 28))
            y += 100
    text = "经我院考核，该医师执业期间遵守法律法规和诊疗规范，业务能力和职业道德考核情况如上。"
    y = paragraph(cv, text, (), 110, w - 110, 820, face("hei", text), 40, 72)
    x = cv.text((110, y + 100), "院长签字：", "hei", 38)
    scrawl(d, x + 10, y + 90, rng, 200)
    date_text = slash(f["date"])
    dx = w - 150 - font("hei", 42).getlength(date_text)
    cv.text((dx, y + 100), date_text, "hei", 42)
    draw_stamp(img, (dx + 60 + rng.uniform(-30, 30), y + 80 + rng.uniform(-15, 15)), 140,
               f["work_unit"], rng)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# 医疗机构执业许可证: a portrait 副本 as a ruled grid with merged cells, ISO dates


#: codes of the 医疗机构诊疗科目名录, which some 副本 print before each subject
SUBJECT_CODES = {
    "预防保健科": "01", "全科医疗科": "02", "内科": "03", "外科": "04", "妇产科": "05",
    "儿科": "07", "眼科": "10", "耳鼻咽喉科": "11", "口腔科": "12", "皮肤科": "13",
    "精神科": "15", "急诊医学科": "20", "康复医学科": "21", "麻醉科": "26",
    "医学检验科": "30", "病理科": "31", "医学影像科": "32", "中医科": "50",
}  # fmt: skip


def licence_grid(doc: Doc, rng: random.Random) -> Rendered:
    """A portrait 副本 page in Song printed as one ruled grid: 名称 first, 登记号 in a merged
    row, 法定代表人 and 主要负责人 side by side, 诊疗科目 one per small cell (three to a row)
    with its catalogue code (03 内科), 有效期限 as 2022-05-01至2027-04-30; the issuer and the
    date in the grid's last rows with the seal over the date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (250, 250, 245), rng, 3)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 180, "医疗机构执业许可证", "serif_bold", 70, INK, spacing=8, body=False)
    cv.centered(w / 2, 260, "副　本", "serif", 44, INK, body=False)
    vk = face("serif", *f.values())
    x0, x1, top, rh, split = 90.0, w - 90.0, 320.0, 104.0, 330.0
    mid = (x0 + x1) / 2
    y = top
    pair(cv, (x0, y, x1, y + rh), "名称", f["work_unit"], "serif", vk, 36, split)
    y += rh
    pair(cv, (x0, y, x1, y + rh), "登记号", f["registration_number"], "serif", vk, 36, split)
    y += rh
    pair(cv, (x0, y, x1, y + rh), "地址", f["address"], "serif", vk, 36, split)
    y += rh
    pair(cv, (x0, y, mid, y + rh), "法定代表人", f["legal_rep"], "serif", vk, 36, split)
    pair(cv, (mid, y, x1, y + rh), "主要负责人", f["head"], "serif", vk, 36, mid + 240)
    y += rh
    pair(cv, (x0, y, x1, y + rh), "有效期限", f"{f['valid_from']}至{f['valid_until']}", "serif",
         vk, 36, split)  # fmt: skip
    y += rh
    subjects = f["subjects"].split("；")
    per, sub_h = 3, 76.0
    tall = max(rh, sub_h * -(-len(subjects) // per))
    d.rectangle((x0, y, split, y + tall), fill=(236, 236, 232))
    d.rectangle((x0, y, split, y + tall), outline=RULE, width=2)
    cv.text((x0 + 14, y + tall / 2 + 13), "诊疗科目", "serif", 36)
    sub_w = (x1 - split) / per
    for k, subject in enumerate(subjects):
        sx, sy = split + (k % per) * sub_w, y + (k // per) * sub_h
        d.rectangle((sx, sy, sx + sub_w, sy + sub_h), outline=(150, 150, 150), width=1)
        text = f"{SUBJECT_CODES[subject]} {subject}" if subject in SUBJECT_CODES else subject
        k_face = face(vk, text)
        cv.text((sx + 12, sy + sub_h / 2 + 12), text, k_face, fit(k_face, 34, text, sub_w - 24, 28))
    d.rectangle((split, y, x1, y + tall), outline=RULE, width=2)
    y += tall
    pair(cv, (x0, y, x1, y + rh), "发证机关", f["issuer"], "serif", vk, 36, split)
    y += rh
    issued = fmt_date(f["issue_date"], "cn")
    pair(cv, (x0, y, x1, y + rh), "发证日期", issued, "serif", vk, 36, split)
    draw_stamp(img, (split + 260 + rng.uniform(-40, 40), y + rh / 2 + rng.uniform(-20, 20)), 140,
               f["issuer"], rng)  # fmt: skip
    cv.text((x0, h - 130), "本证须悬挂于医疗机构显著位置", "serif", 28, GREY, body=False)
    return Rendered(img, None, cv.min_glyph, "licence")


# --------------------------------------------------------------------------------------------
# 社会保险: a yearly month grid per insurance (√ paid, × unpaid), portrait


def grid_years(f: dict[str, str]) -> dict[str, dict[int, dict[int, str]]]:
    """{险种: {year: {month: '√' | '×'}}} from the document's payment rows."""
    out: dict[str, dict[int, dict[int, str]]] = {}
    for month, kind, _, status in _payments(f):
        year, m = int(month[:4]), int(month[4:6])
        out.setdefault(kind, {}).setdefault(year, {})[m] = "√" if status == "已缴" else "×"
    return out


def si_grid(doc: Doc, rng: random.Random) -> Rendered:
    """A 参保证明 whose payments are a year-by-month grid per insurance, as some city
    systems print them: √ for a paid month, × for an unpaid one, a legend and the monthly
    base; the person in a ruled block (姓名, 公民身份号码, 参保单位), a QR block, the agency's
    seal over the date as 2025年12月21日."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 253, 252), rng, 2)
    watermark(img, "社会保险", (232, 236, 242), step=200)
    cv = Canvas(img)
    d = cv.draw
    title = "参保人员缴费证明"
    cv.centered(w / 2, 150, title, "serif_bold", 58, INK, spacing=6, body=False)
    vk = face("serif", f["name"], f["work_unit"])
    x0, x1, top, rh = 90.0, w - 90.0, 220.0, 90.0
    mid = 640.0
    pair(cv, (x0, top, mid, top + rh), "姓名", f["name"], "serif", vk, 32, x0 + 190)
    pair(cv, (mid, top, x1, top + rh), "公民身份号码", f["id_number"], "serif", vk, 30, mid + 210)
    pair(cv, (x0, top + rh, x1, top + 2 * rh), "参保单位", f["work_unit"], "serif", vk, 32,
         x0 + 190)  # fmt: skip
    y = top + 2 * rh + 70
    cv.text((x0, y), "缴费情况（√：已缴费　×：未缴费）", "serif", 32)
    y += 30
    bases: dict[tuple[str, int], str] = {}
    for month, kind, base, _ in _payments(f):
        bases[(kind, int(month[:4]))] = base
    edges = [x0, x0 + 130] + [x0 + 130 + 60 * (i + 1) for i in range(12)]
    edges.append(x1)
    ch = 56
    for kind, years in grid_years(f).items():
        cv.text((x0, y + 50), kind, "serif_bold", 32)
        y += 70
        header = ["年度", *[str(m) for m in range(1, 13)], "缴费基数"]
        rows = [header] + [
            [str(year), *[marks.get(m, "") for m in range(1, 13)], bases.get((kind, year), "")]
            for year, marks in sorted(years.items())
        ]
        for i, cells in enumerate(rows):
            ya = y + i * ch
            if i == 0:
                d.rectangle((edges[0], ya, edges[-1], ya + ch), fill=(228, 232, 238))
            for c, text in enumerate(cells):
                d.rectangle((edges[c], ya, edges[c + 1], ya + ch), outline=RULE, width=2)
                if text:
                    size = fit("serif", 30, text, edges[c + 1] - edges[c] - 10, 28)
                    tx = (edges[c] + edges[c + 1]) / 2 - font("serif", size).getlength(text) / 2
                    cv.text((tx, ya + ch / 2 + size * 0.36), text, "serif", size)
        y += len(rows) * ch + 10
    y = max(y + 120, 1350)
    qr_block(d, x0, y - 80, rng, 8)
    cv.text((x0 + 230, y), "扫码验证真伪", "serif", 28, GREY)
    right = x1
    sign_off(img, cv, rng, [f["agency"], fmt_date(f["print_date"], "pad")], right, y, "serif",
             36, f["agency"], radius=125, lead=70)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_grid_pdf(fields: dict[str, str]) -> bytes:
    """The proof downloaded from the agency's site: a born-digital PDF with a text layer in
    the same grid layout (the seal drawn in vectors)."""
    from lab.synth import pdfdoc

    years = grid_years(fields)
    bases = {(k, int(m[:4])): b for m, k, b, _ in _payments(fields)}
    words = ["参保人员缴费证明", "姓名", "公民身份号码", "参保单位", "年度", "缴费基数", "√", "×",
             "缴费情况（√：已缴费　×：未缴费）", *years]  # fmt: skip
    pdf = pdfdoc._new_pdf("参保人员缴费证明", FIXED_DATE, [*fields.values(), *words])
    pdf.set_font("noto", size=16)
    pdf.set_xy(15, 12)
    pdf.cell(180, 10, "参保人员缴费证明", align="C")
    pdf.set_font("noto", size=10)
    pdf.set_draw_color(60, 60, 66)
    for bx, by, bw, label, value in (
        (15, 28, 90, "姓名", fields["name"]),
        (105, 28, 90, "公民身份号码", fields["id_number"]),
        (15, 36, 180, "参保单位", fields["work_unit"]),
    ):
        pdf.rect(bx, by, bw, 8)
        pdf.set_xy(bx + 2, by + 1)
        pdf.cell(bw - 4, 6, f"{label}　{value}")
    y = 50.0
    pdf.set_xy(15, y)
    pdf.cell(180, 6, words[8])
    y += 8
    widths = [18.0] + [9.5] * 12 + [48.0]
    for kind, per_year in years.items():
        pdf.set_font("noto", size=10)
        pdf.set_xy(15, y)
        pdf.cell(120, 6, kind)
        y += 7
        rows = [["年度", *(str(m) for m in range(1, 13)), "缴费基数"]] + [
            [str(yr), *(marks.get(m, "") for m in range(1, 13)), bases.get((kind, yr), "")]
            for yr, marks in sorted(per_year.items())
        ]
        pdf.set_font("noto", size=7)
        for cells in rows:
            x = 15.0
            for wd, text in zip(widths, cells, strict=True):
                pdf.rect(x, y, wd, 6)
                pdf.set_xy(x, y)
                pdf.cell(wd, 6, text, align="C")
                x += wd
            y += 6
        y += 4
    y = max(y + 15, 230)
    pdf.set_font("noto", size=10)
    for k, line in enumerate((fields["agency"], fmt_date(fields["print_date"], "pad"))):
        pdf.set_xy(100, y + 7 * k)
        pdf.cell(95, 6, line, align="R")
    pdfdoc._seal(pdf, 165, y + 22, 17, fields["agency"])  # its ring over the date
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 医师资格证书: the 电子证照 print-out, Sans, header band, watermark, slashed date


def qualification_electronic(doc: Doc, rng: random.Random) -> Rendered:
    """The electronic certificate printed from the licence app (portrait, Sans): a header
    band with a logo square, a light repeated watermark, 持证人/证件号码/资格级别/资格类别/
    管理号 as label：value lines beside the photo, the authority and a slashed date
    (2015/12/5) under its seal, a QR block at the foot."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 254, 253), rng, 1)
    watermark(img, "医师资格电子证照", (232, 236, 244), step=240)
    cv = Canvas(img)
    d = cv.draw
    band = (30, 70, 140)
    d.rectangle((0, 0, w, 210), fill=band)
    logo_square(img, (70, 50, 180, 160), (200, 40, 40))
    cv.text((210, 135), "医师资格证书", "sans_bold", 66, (255, 255, 255), spacing=8, body=False)
    cv.text((210, 185), "电子证照", "sans", 30, (215, 225, 240), body=False)
    _portrait(img, doc, (w - 360, 270, w - 110, 590), (255, 255, 255))
    kind = face("sans", *f.values())
    rows = [
        ("持证人", f["name"]),
        ("性别", f["gender"]),
        ("出生日期", slash(f["birth_date"])),
        ("证件号码", f["id_number"]),
        ("资格级别", f["qualification"]),
        ("资格类别", f["qual_category"]),
        ("管理号", f["qualification_number"]),
    ]
    y = 330.0
    for label, value in rows:
        cv.text((110, y), f"{label}：", "sans", 34, GREY)
        right = w - 400 if y < 620 else w - 110
        cv.text((330, y), value, kind, fit(kind, 40, value, right - 330, 26))
        y += 92
    authority = health_authority(iso(f["issue_date"]))
    y += 80
    cv.text((110, y), "签发机关：", "sans", 34, GREY)
    ak = face("sans", authority)
    cv.text((330, y), authority, ak, fit(ak, 38, authority, w - 110 - 330, 26))
    cv.text((110, y + 90), "签发日期：", "sans", 34, GREY)
    cv.text((330, y + 90), slash(f["issue_date"]), "sans", 38)
    draw_stamp(img, (700 + rng.uniform(-40, 40), y + 40 + rng.uniform(-15, 15)), 140, authority,
               rng)  # fmt: skip
    qr_block(d, w - 340, h - 380, rng, 9)
    cv.text((110, h - 170), "扫描二维码可核验证照信息", "sans", 28, GREY)
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


# --------------------------------------------------------------------------------------------
# 医师执业证书: a portrait Hei ruled grid, photo in a merged cell, Chinese-numeral date


def practice_grid(doc: Doc, rng: random.Random) -> Rendered:
    """A portrait page in Hei as one ruled grid with the labels above the values: 证书编号
    first, the photo in a cell spanning three rows, 身份证号 across, 执业地点 for the unit,
    执业类别 and 执业范围 side by side; the issuer and the registration date in Chinese
    numerals (二〇一六年四月六日) under the seal below the grid."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (249, 248, 244), rng, 3)
    cv = Canvas(img)
    d = cv.draw
    color = (110, 40, 40)
    d.rectangle((60, 60, w - 61, h - 61), outline=color, width=4)
    cv.centered(w / 2, 210, "医师执业证书", "hei", 84, color, spacing=16, body=False)
    vk = face("hei", *f.values())
    x0, x1, top, rh = 110.0, w - 110.0, 300.0, 120.0
    px = x1 - 300
    a = x0 + (px - x0) / 2
    cell(cv, (x0, top, px, top + rh), "证书编号", f["practice_number"], "hei", vk, 28, 40)
    cell(cv, (x0, top + rh, a, top + 2 * rh), "姓名", f["name"], "hei", vk, 28, 42)
    cell(cv, (a, top + rh, px, top + 2 * rh), "性别", f["gender"], "hei", vk, 28, 42)
    cell(cv, (x0, top + 2 * rh, px, top + 3 * rh), "出生日期", fmt_date(f["birth_date"], "cn"),
         "hei", vk, 28, 40)  # fmt: skip
    d.rectangle((px, top, x1, top + 3 * rh), outline=RULE, width=2)
    _portrait(img, doc, (int(px + 30), int(top + 20), int(x1 - 30), int(top + 3 * rh - 20)), None)
    rows: list[list[tuple[str, str, float, float]]] = [
        [("身份证号", f["id_number"], x0, x1)],
        [("医师级别", f["practice_level"], x0, x1)],
        [("执业类别", f["practice_category"], x0, (x0 + x1) / 2),
         ("执业范围", f["scope"], (x0 + x1) / 2, x1)],
        [("执业地点", f["work_unit"], x0, x1)],
    ]  # fmt: skip
    y = top + 3 * rh
    for row in rows:
        for label, value, l0, l1 in row:
            cell(cv, (l0, y, l1, y + rh), label, value, "hei", vk, 28, 42)
        y += rh
    y += 170
    sign_off(img, cv, rng, [f["issuer"], fmt_date(f["registration_date"], "hanzi")], x1, y,
             "hei", 42, f["issuer"], radius=145, lead=90)  # fmt: skip
    cv.text((x0, y), "发证机关", "hei", 34, GREY)
    cv.text((x0, y + 90), "注册日期", "hei", 34, GREY)
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# Registration

HELD_OUT = (
    ("diploma", "bilingual", diploma_bilingual, None,
     "landscape college diploma with English sub-labels (姓名 Name): header band with logo "
     "square, photo left, Ming grid with values under labels, 于…至2014年7月 in a sentence, "
     "number in the grid, 2014年07月01日 under the seal"),
    ("degree", "hei", degree_hei, None,
     "landscape Hei degree on a light 底纹 of the school's name: logo square and title left, "
     "photo right, text opening with the name, 证书编号 and ISO 发证日期 at the foot, chair "
     "printed (no signature), seal over the school's name"),
    ("diploma_record", "web", record_web, record_web_pdf,
     "newer web report: three-column grid, small grey labels above Sans Bold values, ISO "
     "dates, 证件号码 across two columns, code and 验证有效期至 in a tinted box with a QR block, "
     "no seal; PDF with a text layer in the same layout"),
    ("mentorship_cert", "columns", mentorship_columns, None,
     "landscape Song certificate: two columns of values under colon-less labels (身份证号码, "
     "专长), photo on a grey panel, No. top right, ISO date under the bureau's seal"),
    ("pledge", "grid", pledge_grid, None,
     "school's sheet in Kai: ruled grid on top (考生姓名/证件号码/毕业院校/专业/预计毕业), one "
     "paragraph of promise, 承诺人（签字） handwritten, date 2026年1月15日 in blue-black"),
    ("probation_cert", "sheet", probation_sheet, None,
     "portrait 考核表 in Song: labels above values (证件号码, 工作单位, 试用期起/止 ISO), big "
     "考核意见 cell with 考核结论 and the head's signature, seal over 2025年07月10日"),
    ("practice_period_cert", "memo", practice_period_memo, None,
     "landscape memo on the unit's letterhead band (logo square, the unit only there), two-"
     "column Hei list (名字/证件号码; 执业期间 2016/4/6—2026/1/8, 考核结论), 院长签字 "
     "handwritten, seal over the slashed date"),
    ("licence", "grid", licence_grid, None,
     "portrait 副本 as one Song ruled grid with grey label cells: 名称 first, 法定代表人/主要"
     "负责人 side by side, 诊疗科目 one per small cell with its code (03 内科), 有效期限 ISO "
     "至 ISO, 发证机关/发证日期 rows with the seal over the date"),
    ("social_insurance", "grid", si_grid, si_grid_pdf,
     "参保人员缴费证明 with a year × month grid per insurance (√ paid, × unpaid, a legend, "
     "base per year), ruled person block (公民身份号码/参保单位), 底纹, QR block, seal over "
     "agency and date; PDF with a text layer"),
    ("assistant_qualification", "electronic", qualification_electronic, None,
     "电子证照 print (portrait, Sans): header band with logo square, repeated watermark, "
     "持证人/证件号码/管理号 label lines, slashed dates (2015/12/5), seal over the authority, "
     "QR block"),
    ("assistant_practice", "grid", practice_grid, None,
     "portrait Hei ruled grid, labels above values: 证书编号 first, photo in a cell spanning "
     "three rows, 身份证号, 执业地点, issuer and Chinese-numeral date under the seal"),
)  # fmt: skip
