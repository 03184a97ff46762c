"""A seventh layout family per material (issue 15, fifth round): yet other issuers, held out.

Every family of the earlier modules has been run and looked at (`families.LOOKED_AT`), so none
is held out any more; these are the new *held-out* ones, written without running the readers
on them and never adjusted to suit the readers. Each differs from every earlier family of its
material the way real issuers differ: a diploma with 学习形式 and 层次 lines under the photo, a
degree with its English text under the Chinese paragraph, a 备案表 in sections under dark
bands, documents that also print another person's name and ID (指导老师, 带教老师), a pledge
signed and thumb-printed, a 考核表 with one row per year, a licence 副本 with its 校验记录 and a
stamp in each row, a 社保 record as month cards, a certificate with its title in a vertical
side band, a 变更注册 page with the old and the current 执业地点. Every value the material's
checks compare is printed whole, exactly as the form's truth holds it; a typeface lacking a
character of a value gives way to Noto, as the other modules do.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date

from PIL import Image, ImageDraw, ImageFilter

from lab.synth import people
from lab.synth.families_5 import logo_square, pair, slash, watermark
from lab.synth.families_6 import GREY, RULE
from lab.synth.families_edu import FIXED_DATE, photo
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

WHITE = (255, 255, 255)
NAVY = (26, 48, 92)
DARK_RED = (128, 22, 26)
PANEL = (238, 238, 234)

# --------------------------------------------------------------------------------------------
# Helpers


def en_date(s: str) -> str:
    """A date as the English text of a certificate writes it: July 1, 2022."""
    d = iso(s)
    return f"{d:%B} {d.day}, {d.year}"


def other_person(salt: str, own_id: str, older: tuple[int, int] = (12, 30)) -> tuple[str, str]:
    """Another person a document names beside the applicant (a teacher, a tutor): a name and
    an ID number of the same county, older by `older` years, never the applicant's own."""
    r = random.Random(f"other-person/{salt}/{own_id}")
    male = r.random() < 0.5
    year = int(own_id[6:10]) - r.randint(*older)
    born = date(year, r.randint(1, 12), r.randint(1, 28))
    number = people.id_number(r, own_id[:6], born, male)
    return people.han_name(r, male), number


def dark_row(
    cv: Canvas,
    edges: Sequence[float],
    y: float,
    rh: float,
    labels: Sequence[str],
    color: tuple[int, int, int],
    kind: str,
    size: int,
) -> None:
    """A table's header row shaded dark with its labels in white."""
    cv.draw.rectangle((edges[0], y, edges[-1], y + rh), fill=color)
    for c, label in enumerate(labels):
        s = fit(kind, size, label, edges[c + 1] - edges[c] - 16, 26)
        tw = font(kind, s).getlength(label)
        cx = (edges[c] + edges[c + 1]) / 2
        cv.text((cx - tw / 2, y + rh / 2 + s * 0.36), label, kind, s, WHITE)


def band(cv: Canvas, box: tuple[float, float, float, float], text: str, kind: str, size: int,
         color: tuple[int, int, int]) -> None:  # fmt: skip
    """A dark section band across a form with its heading in white."""
    cv.draw.rectangle(box, fill=color)
    cv.text((box[0] + 20, (box[1] + box[3]) / 2 + size * 0.36), text, kind, size, WHITE)


def thumbprint(img: Image.Image, cx: float, cy: float, rng: random.Random) -> None:
    """A red 手印 pressed beside a signature: an oval of ridges in 印泥 red, uneven."""
    w, h = 110, 140
    layer = Image.new("L", (w + 20, h + 20), 0)
    d = ImageDraw.Draw(layer)
    for k in range(2, 24):
        rx, ry = w / 2 * k / 24, h / 2 * k / 24
        d.ellipse((w / 2 + 10 - rx, h / 2 + 10 - ry * 1.05, w / 2 + 10 + rx, h / 2 + 10 + ry),
                  outline=int(150 + rng.uniform(0, 100)), width=2)  # fmt: skip
    layer = layer.rotate(rng.uniform(-20, 20), resample=Image.Resampling.BILINEAR)
    layer = layer.filter(ImageFilter.GaussianBlur(1.2))
    tint = Image.new("RGB", layer.size, (200, 40, 45))
    x0, y0 = int(cx - layer.width / 2), int(cy - layer.height / 2)
    region = img.crop((x0, y0, x0 + layer.width, y0 + layer.height))
    img.paste(Image.composite(tint, region, layer.point(lambda v: v * 0.7)), (x0, y0))


def right_text(cv: Canvas, right: float, y: float, s: str, kind: str, size: int,
               fill: tuple[int, int, int] = INK) -> float:  # fmt: skip
    """`s` ending at `right`; returns its left x."""
    k = face(kind, s)
    x = right - font(k, size).getlength(s)
    cv.text((x, y), s, k, size, fill)
    return x


# --------------------------------------------------------------------------------------------
# 毕业证书: landscape, Kai running text, 学习形式 and 层次 lines under the photo


def diploma_mode(doc: Doc, rng: random.Random) -> Rendered:
    """A landscape diploma headed by the kind of school (中等职业学校 for a 中专, 普通高等学校
    otherwise) over the title, the sentence in Kai with its own wording (……在本校{major}专业
    全日制学习，修业三年……), a 学习形式 (全日制) and a 层次 line under the photo on the left,
    the principal's printed name, the school's name with its seal over it and the date as
    2014年7月1日, 证书编号 at the foot left."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (252, 249, 240), rng, 3)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((36, 36, w - 37, h - 37), outline=DARK_RED, width=8)
    kind = "中等职业学校" if f["education_level"] == "中专" else "普通高等学校"
    cv.centered(w / 2, 150, kind, "hei", 40, DARK_RED, spacing=12, body=False)
    cv.centered(w / 2, 270, "毕业证书", "hei", 96, DARK_RED, spacing=36, body=False)
    photo(img, doc, (140, 360, 410, 720), (240, 242, 246))
    form = "全日制"
    born, enrol = iso(f["birth_date"]), iso(f["enrol"] + "-01")
    grad = iso(f["graduation"] + "-01")
    ends = f"{grad.year}年{grad.month}月"
    cv.text((140, 790), f"学习形式：{form}", "kai", 36)
    cv.text((140, 850), f"层次：{f['education_level']}", "kai", 36)
    text = (
        f"学生{f['name']}，性别{f['gender']}，{born.year}年{born.month}月{born.day}日生，"
        f"于{enrol.year}年{enrol.month}月至{ends}在本校{f['major']}专业{form}学习，修业"
        f"{f.get('years', '三')}年，修完教学计划规定的全部课程，成绩合格，准予毕业。"
    )
    body = face("kai", text)
    y = paragraph(cv, text, (f["name"], f["major"], ends), 500, w - 140, 410, body, 48, 92)
    y = max(y + 70, 820)
    school = f["school"]
    sk = face("kai", school)
    sw = font(sk, 44).getlength(school)
    sx = w - 150 - sw
    cv.text((sx, y + 40), school, sk, 44)
    draw_stamp(img, (sx + sw / 2 + rng.uniform(-30, 30), y + 20 + rng.uniform(-15, 15)), 150,
               school, rng)  # fmt: skip
    right_text(cv, w - 150, y + 120, fmt_date(f["issue_date"], "cn"), "kai", 40)
    cv.text((500, y + 40), f"校（院）长：{f['principal']}", face("kai", f["principal"]), 38)
    cv.text((140, h - 110), f"证书编号：{f['diploma_number']}", "kai", 34)
    return Rendered(img, None, cv.min_glyph, "diploma")


# --------------------------------------------------------------------------------------------
# 学位证书: the Chinese paragraph, then its English text under it; portrait

EN_LEVEL = {"学士": "Bachelor", "硕士": "Master", "博士": "Doctor"}
EN_MAJOR = {
    "临床医学": "Clinical Medicine",
    "口腔医学": "Stomatology",
    "中医学": "Traditional Chinese Medicine",
    "护理学": "Nursing",
    "预防医学": "Preventive Medicine",
    "中西医临床医学": "Integrated Chinese and Western Medicine",
}


def degree_english(doc: Doc, rng: random.Random) -> Rendered:
    """A portrait degree whose Chinese paragraph (……经本校学位评定委员会审议通过，授予医学
    学士学位。) is followed by its English text in a smaller serif; the school's name heads
    the page, the number at the top right (No.), the photo top left, the chair's printed name
    with a handwritten signature, the date in Chinese and English under the school's seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (251, 250, 246), rng, 2)
    watermark(img, f["school"], (238, 232, 222), step=320)
    cv = Canvas(img)
    d = cv.draw
    blue = (30, 60, 120)
    d.rectangle((44, 44, w - 45, h - 45), outline=blue, width=3)
    school = f["school"]
    sk = face("serif_bold", school)
    cv.centered(w / 2, 170, school, sk, fit(sk, 54, school, w - 240, 34), blue)
    cv.centered(w / 2, 290, "学位证书", "serif_bold", 80, blue, spacing=28, body=False)
    level = EN_LEVEL.get(f["degree_level"], "Bachelor")
    cv.centered(w / 2, 350, f"{level}'s Degree Certificate", "serif", 32, GREY, body=False)
    photo(img, doc, (120, 420, 360, 720), (244, 244, 244))
    cv.text((w - 120 - font("serif", 30).getlength(f"No. {f['degree_number']}"), 450),
            f"No. {f['degree_number']}", "serif", 30)  # fmt: skip
    born = iso(f["birth_date"])
    field = "理学" if "护理" in f["major"] else "医学" if "医" in f["major"] else ""
    stage = {"学士": "本科", "硕士": "硕士研究生", "博士": "博士研究生"}.get(f["degree_level"], "")
    degree = f"{field}{f['degree_level']}学位"
    text = (
        f"{f['name']}，{f['gender']}，{born.year}年{born.month}月{born.day}日生。在{school}"
        f"{f['major']}专业完成了{stage}学业，成绩合格，达到了《中华人民共和国学位条例》规定的"
        f"要求，经本校学位评定委员会审议通过，授予{degree}。"
    )
    body = face("serif", text)
    y = paragraph(cv, text, (f["name"], school, degree, f["major"]), 410, w - 120, 560, body,
                  42, 76)  # fmt: skip
    y = max(y, 760) + 30
    en_field = "Science" if field == "理学" else "Medicine"
    en = (
        f"This is to certify that the holder, born on {en_date(f['birth_date'])}, has "
        f"completed the programme in {EN_MAJOR.get(f['major'], 'Medicine')} and, approved by "
        f"the Academic Degrees Committee, is hereby awarded the degree of {level} of "
        f"{en_field}."
    )
    y = paragraph(cv, en, (), 120, w - 120, y, "serif", 30, 50, indent=False)
    y = max(y + 90, 1280)
    x = cv.text((120, y), "学位评定委员会主席", "serif", 36)
    x = cv.text((x + 20, y), f["chair"], face("serif", f["chair"]), 36)
    scrawl(d, x + 24, y - 14, rng, 170)
    cv.text((120, y + 50), "Chairman, Academic Degrees Committee", "serif", 26, GREY, body=False)
    cn = fmt_date(f["issue_date"], "cn")
    dx = right_text(cv, w - 130, y + 130, cn, "serif", 38)
    right_text(cv, w - 130, y + 180, en_date(f["issue_date"]), "serif", 28, GREY)
    draw_stamp(img, (dx + 120 + rng.uniform(-30, 30), y + 90 + rng.uniform(-15, 15)), 140,
               school, rng)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表: landscape, sections under dark bands, two label/value pairs a row


SECTIONS_NOTE = "注：本表信息可登录学信网（www.chsi.com.cn）输入在线验证码查验，有效期内有效。"


def record_sections(f: dict[str, str]) -> list[tuple[str, list[tuple[str, str, str, str]]]]:
    """The sections of this 备案表 (heading, rows of two label/value pairs), dates dotted."""
    return [
        ("个人信息", [
            ("姓名", f["name"], "性别", f["gender"]),
            ("出生日期", fmt_date(f["birth_date"], "dot"), "证件号码", f["id_number"]),
        ]),
        ("学历信息", [
            ("院校名称", f["school"], "层次", f["record_level"]),
            ("专业名称", f["major"], "学制", f"{f['years']}年"),
            ("入学日期", fmt_date(f["enrol_date"], "dot"),
             "毕业日期", fmt_date(f["graduation_date"], "dot")),
            ("学历类别", f["record_category"], "毕（结）业", "毕业"),
            ("证书编号", f["diploma_number"], "校（院）长", f["principal"]),
        ]),
        ("验证信息", [
            ("在线验证码", f["verification_code"],
             "验证有效期至", fmt_date(f["valid_until"], "dot")),
        ]),
    ]  # fmt: skip


def record_sections_page(doc: Doc, rng: random.Random) -> Rendered:
    """A landscape 备案表 in Sans: the title, 更新日期 as 2025.09.17, then three sections
    (个人信息, 学历信息, 验证信息) each under a dark band with its heading in white, two
    label/value pairs a row in a ruled grid with grey label cells, the photo at the right of
    the personal rows; dotted dates, 证件号码 as the ID label."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 1)
    cv = Canvas(img)
    title = f["title"]
    tk = face("sans_bold", title)
    cv.centered(w / 2, 120, title, tk, fit(tk, 52, title, w - 300, 34), NAVY)
    cv.text((90, 190), f"更新日期：{fmt_date(f['update_date'], 'dot')}", "sans", 28, GREY)
    vk = face("sans", *f.values())
    x0, x1 = 90.0, w - 90.0
    y = 220.0
    rh = 78.0
    for s, (heading, rows) in enumerate(record_sections(f)):
        band(cv, (x0, y, x1, y + 52), heading, "sans_bold", 30, NAVY)
        y += 52
        right = x1 - 250 if s == 0 else x1
        mid = x0 + (right - x0) * 0.5
        for la, va, lb, vb in rows:
            pair(cv, (x0, y, mid, y + rh), la, va, "sans", vk, 30, x0 + 190)
            pair(cv, (mid, y, right, y + rh), lb, vb, "sans", vk, 30, mid + 210)
            y += rh
        if s == 0:
            _portrait(img, doc, (int(x1 - 230), int(y - 2 * rh + 6), int(x1 - 20), int(y - 6)),
                      (246, 246, 246))  # fmt: skip
        y += 24
    note = SECTIONS_NOTE
    cv.text((90, min(y + 40, h - 60)), note, "sans", 28, GREY)
    return Rendered(img, None, cv.min_glyph, "diploma_record")


def record_sections_pdf(fields: dict[str, str]) -> bytes:
    """The same 备案表 downloaded as a PDF with a text layer (portrait A4, as the site saves
    it): the sections under dark bands, two label/value pairs a row."""
    from lab.synth import pdfdoc

    sections = record_sections(fields)
    updated = f"更新日期：{fmt_date(fields['update_date'], 'dot')}"
    texts = [*fields.values(), updated, SECTIONS_NOTE, *(s for s, _ in sections),
             *(t for _, rows in sections for r in rows for t in r)]  # fmt: skip
    pdf = pdfdoc._new_pdf(fields["title"], FIXED_DATE, texts)
    pdf.set_font("noto", size=16)
    pdf.set_text_color(*NAVY)
    pdf.set_xy(15, 14)
    pdf.cell(180, 10, fields["title"], align="C")
    pdf.set_text_color(*INK)
    pdf.set_font("noto", size=9)
    pdf.set_xy(15, 24)
    pdf.cell(100, 6, updated)
    y = 32.0
    for heading, rows in sections:
        pdf.set_fill_color(*NAVY)
        pdf.set_text_color(*WHITE)
        pdf.set_font("noto", size=10)
        pdf.set_xy(15, y)
        pdf.cell(180, 7, heading, fill=True)
        pdf.set_text_color(*INK)
        y += 7
        pdf.set_fill_color(*PANEL)
        for la, va, lb, vb in rows:
            pdf.set_xy(15, y)
            pdf.cell(24, 9, la, border=1, fill=True)
            pdf.cell(66, 9, va, border=1)
            pdf.cell(24, 9, lb, border=1, fill=True)
            pdf.cell(66, 9, vb, border=1)
            y += 9
        y += 4
    pdf.set_font("noto", size=8)
    pdf.set_xy(15, y + 4)
    pdf.cell(180, 6, SECTIONS_NOTE)
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 确有专长/出师证书: a ruled Kai form naming the teacher (指导老师/推荐医师) with their ID


def mentorship_mentor(doc: Doc, rng: random.Random) -> Rendered:
    """A bureau's portrait form in Kai: the title, then a ruled grid in two sections under
    dark rows with white headings, the holder (姓名, 性别, 身份证号码, 专长/出师专业) and the
    teacher who vouched for them (指导老师 for 出师, 推荐医师 for 确有专长: another person's
    name and 身份证号码), 证书编号, the bureau under its seal and the date in Chinese numerals."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 250, 244), rng, 2)
    cv = Canvas(img)
    title = f.get("title") or "传统医学医术确有专长证书"
    tk = face("kai", title)
    cv.centered(w / 2, 200, title, tk, fit(tk, 64, title, w - 200, 36), INK, body=False)
    taught = "师承" in title or "出师" in title
    field = "出师专业" if taught else "专长"
    who = "指导老师" if taught else "推荐医师"
    t_name, t_id = other_person("mentor", f["id_number"], (18, 35))
    vk = face("kai", *f.values(), t_name)
    x0, x1, split = 100.0, w - 100.0, 360.0
    y = 300.0
    rh = 96.0
    green = (40, 80, 60)
    for heading, rows in (
        ("持证人", [("姓名", f["name"]), ("性别", f["gender"]), ("身份证号码", f["id_number"]),
                    (field, f["major"])]),
        (who, [("姓名", t_name), ("身份证号码", t_id),
               ("执业类别", "中医")]),
    ):  # fmt: skip
        dark_row(cv, (x0, x1), y, 64, [heading], green, "kai", 34)
        y += 64
        for label, value in rows:
            pair(cv, (x0, y, x1, y + rh), label, value, "kai", vk, 38, x0 + split - 100,
                 shade=(240, 238, 230), line=INK)  # fmt: skip
            y += rh
        y += 30
    pair(cv, (x0, y, x1, y + rh), "证书编号", f["cert_number"], "kai", vk, 38, x0 + split - 100,
         shade=(240, 238, 230), line=INK)  # fmt: skip
    y += rh + 60
    text = "经考核合格，准予出师。" if taught else "经考核合格，确认其医术确有专长。"
    paragraph(cv, text, (), x0, x1, y + 30, "kai", 40, 70, indent=False)
    sign_off(img, cv, rng, [f["issuer"], fmt_date(f["issue_date"], "hanzi")], w - 120, y + 190,
             "kai", 40, f["issuer"], radius=135, lead=76)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 承诺书: a boxed panel of the applicant's particulars, signed and thumb-printed


PLEDGE_PROMISES = (
    "一、本人所填报名信息及上传的材料真实、有效，不存在伪造、变造等情况；",
    "二、本人将于{year}年8月31日前取得毕业证书，并按要求提交考点审核；",
    "三、如未能按期取得毕业证书，本人自愿承担考试成绩无效的后果；",
    "四、本人已知晓上述承诺内容，如有违反，愿承担相应责任。",
)


def pledge_thumb(doc: Doc, rng: random.Random) -> Rendered:
    """A 诚信承诺书 in Ming: the applicant's particulars in a boxed panel on a grey 底纹 as two
    columns of labels (考生姓名, 身份证号码, 毕业院校, 所学专业, 预计毕业时间), four promises,
    then 承诺人（签名并按手印） with a handwritten signature and a red thumbprint, and the date
    hand-written in Kai (2026年1月15日); no seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 253), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 190, "医师资格考试考生诚信承诺书", "ming", 58, INK, spacing=4, body=False)
    g = iso(f["expected_graduation"] + "-01")
    vk = face("ming", *f.values())
    x0, x1 = 100.0, w - 100.0
    d.rectangle((x0, 270, x1, 660), fill=(236, 236, 236), outline=INK, width=2)
    rows = [
        (("考生姓名", f["name"]), ("预计毕业时间", f"{g.year}年{g.month}月")),
        (("身份证号码", f["id_number"]), None),
        (("毕业院校", f["school"]), None),
        (("所学专业", f["major"]), None),
    ]
    y = 340.0
    for left, right in rows:
        label, value = left
        x = cv.text((x0 + 30, y), f"{label}：", "ming", 36, GREY)
        k = face(vk, value)
        room = (620 if right else x1 - 30) - x
        cv.text((x + 6, y), value, k, fit(k, 40, value, room, 28))
        if right:
            label, value = right
            x = cv.text((640, y), f"{label}：", "ming", 36, GREY)
            cv.text((x + 6, y), value, vk, fit(vk, 40, value, x1 - x - 36, 28))
        y += 88
    y = paragraph(cv, "本人自愿报名参加医师资格考试，现郑重承诺如下：", (), x0, x1, 760, "ming",
                  40, 72)  # fmt: skip
    for item in PLEDGE_PROMISES:
        y = paragraph(cv, item.format(year=g.year), (), x0, x1, y + 16, "ming", 38, 70,
                      indent=False)  # fmt: skip
    y = max(y + 150, 1380)
    x = cv.text((560, y), "承诺人（签名并按手印）：", "ming", 36)
    scrawl(d, x + 10, y - 8, rng, 190)
    thumbprint(img, x1 - 50, y - 20, rng)
    x = cv.text((560, y + 120), "日期：", "ming", 36)
    date_text = fmt_date(f["date"], "cn")
    cv.text((x + 20, y + 120), date_text, "kai", 44, (30, 36, 80))
    return Rendered(img, None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# 试用期考核证明: a hospital's header band, a ruled form naming the 带教老师, ISO dates


def probation_tutor(doc: Doc, rng: random.Random) -> Rendered:
    """A hospital's form with a dark blue header band (logo square, the unit's name in white),
    the title, a ruled grid with merged cells in Hei (姓名|性别, 公民身份号码, 工作单位, 所在
    科室, 试用期限 as 2024-07-01 至 2025-06-30, 带教老师 with the tutor's own 身份证号, 考核等级),
    the department head's handwritten signature, the unit's seal over the date (2025年07月10日)."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 254, 252), rng, 1)
    cv = Canvas(img)
    cv.draw.rectangle((0, 0, w, 150), fill=NAVY)
    logo_square(img, (60, 25, 160, 125), (40, 120, 180))
    unit = f["work_unit"]
    uk = face("hei", unit)
    cv.text((190, 98), unit, uk, fit(uk, 48, unit, w - 260, 30), WHITE, body=False)
    cv.centered(w / 2, 270, "医师资格考试试用期考核证明", "hei", 54, INK, body=False)
    t_name, t_id = other_person("tutor", f["id_number"], (10, 25))
    vk = face("hei", *f.values(), t_name)
    x0, x1, a = 90.0, w - 90.0, 330.0
    rh = 98.0
    y = 340.0
    mid = 700.0
    pair(cv, (x0, y, mid, y + rh), "姓名", f["name"], "hei", vk, 34, a)
    pair(cv, (mid, y, x1, y + rh), "性别", f["gender"], "hei", vk, 34, mid + 150)
    y += rh
    period = f"{f['period_start']} 至 {f['period_end']}"
    for label, value in (("公民身份号码", f["id_number"]), ("工作单位", unit),
                         ("所在科室", f["department"]), ("试用期限", period)):  # fmt: skip
        pair(cv, (x0, y, x1, y + rh), label, value, "hei", vk, 34, a)
        y += rh
    pair(cv, (x0, y, 560, y + rh), "带教老师", t_name, "hei", vk, 34, a)
    pair(cv, (560, y, x1, y + rh), "身份证号", t_id, "hei", vk, 32, 710)
    y += rh
    pair(cv, (x0, y, x1, y + rh), "考核等级", f["result"], "hei", vk, 34, a)
    y += rh + 80
    y = paragraph(cv, "该同志试用期内遵守医院各项规章制度，经科室及人事部门考核，结论如上。", (),
                  x0, x1, y, "hei", 36, 64)  # fmt: skip
    x = cv.text((x0, y + 80), "科室负责人签字：", "hei", 34)
    scrawl(cv.draw, x + 14, y + 70, rng, 200)
    x = cv.text((x0, y + 200), "单位（盖章）", "hei", 34)
    date_text = fmt_date(f["date"], "pad")
    dx = right_text(cv, w - 130, y + 200, date_text, "hei", 38)
    draw_stamp(img, (dx + 130 + rng.uniform(-25, 25), y + 180 + rng.uniform(-15, 15)), 135,
               unit, rng)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# 执业期考核证明: a landscape 考核表, one row per year under a dark header, summary at right


def annual_rows(f: dict[str, str]) -> list[tuple[str, str]]:
    """(年度, 考核结果) for each full year of the period: 合格 (some 优秀) while the period's
    result holds; a failed period's last year carries the result."""
    start, end = iso(f["period_start"]), iso(f["period_end"])
    years = list(range(start.year, max(start.year + 1, end.year)))
    r = random.Random(f"annual/{f['id_number']}")
    rows = [(f"{y}年度", "优秀" if r.random() < 0.2 else "合格") for y in years]
    if f["result"] != "合格" and rows:
        rows[-1] = (rows[-1][0], f["result"])
    return rows


def practice_period_annual(doc: Doc, rng: random.Random) -> Rendered:
    """A landscape 执业期考核证明 as a 考核表 (Song): the person in two columns of labels at
    the top (姓名, 性别, 身份证号, 执业地点, 执业类别, 执业期间 in 2016年4月6日 form), a table
    on the left with a dark header row in white (考核年度, 考核结果, 备注) and one row per
    year, on the right the summary 执业期考核结论 with the result, the head's signature, the
    unit's name under its seal and a slashed date (2026/1/16)."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (255, 255, 254), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 120, "执业期考核证明", "serif_bold", 60, INK, spacing=10, body=False)
    cv.centered(w / 2, 175, "（年度考核情况汇总）", "serif", 30, GREY, body=False)
    vk = face("serif", *f.values())
    period = f"{fmt_date(f['period_start'], 'cn')}至{fmt_date(f['period_end'], 'cn')}"
    cols = [
        [("姓名", f["name"]), ("身份证号", f["id_number"]), ("执业地点", f["work_unit"])],
        [("性别", f["gender"]), ("执业类别", f["practice_category"]), ("执业期间", period)],
    ]
    for c, col in enumerate(cols):
        x0 = 90 + c * 830
        for r_, (label, value) in enumerate(col):
            y = 260 + r_ * 62
            cv.text((x0, y), label, "serif", 32, GREY)
            k = face(vk, value)
            cv.text((x0 + 160, y), value, k, fit(k, 34, value, 820 - 170, 26))
    d.line((90, 420, w - 90, 420), fill=RULE, width=2)
    rows = annual_rows(f)
    edges = [90.0, 380.0, 640.0, 1100.0]
    top = 460.0
    rh = min(64.0, (h - 140 - top) / (len(rows) + 1))
    size = max(28, min(34, int(rh * 0.55)))
    dark_row(cv, edges, top, rh, ["考核年度", "考核结果", "备注"], (50, 50, 56), "serif_bold",
             size)  # fmt: skip
    for i, (year, result) in enumerate(rows):
        ya = top + (i + 1) * rh
        for c, text in enumerate((year, result, "")):
            if text:
                cv.text((edges[c] + 20, ya + rh / 2 + size * 0.36), text, "serif", size)
        d.line((edges[0], ya + rh, edges[-1], ya + rh), fill=RULE, width=1)
    bottom = top + (len(rows) + 1) * rh
    for ex in edges:
        d.line((ex, top, ex, bottom), fill=RULE, width=1)
    xr = 1180.0
    cv.text((xr, 520), "执业期考核结论：", "serif_bold", 36)
    cv.text((xr, 600), f["result"], "serif_bold", 48)
    x = cv.text((xr, 720), "负责人：", "serif", 34)
    scrawl(d, x + 10, 712, rng, 190)
    unit = f["work_unit"]
    uk = face("serif", unit)
    s = fit(uk, 38, unit, w - 90 - xr, 28)
    uw = font(uk, s).getlength(unit)
    ux = w - 90 - uw
    cv.text((ux, 900), unit, uk, s)
    draw_stamp(img, (ux + uw / 2 + rng.uniform(-30, 30), 885 + rng.uniform(-15, 15)), 135,
               unit, rng)  # fmt: skip
    right_text(cv, w - 90, 980, slash(f["date"]), "serif", 36)
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# 医疗机构执业许可证: a portrait 副本 with its 校验记录 table, a stamp in each row


def check_years(f: dict[str, str]) -> list[int]:
    """The years whose 校验 the 副本 records, before the licence runs out and up to the year
    before the document is handed in (2025): every 3 years for a hospital (100 beds or
    more), yearly for a smaller one (卫生院, 社区卫生服务中心, 诊所), as 《医疗机构管理条例》
    has it."""
    start, end = iso(f["valid_from"]), iso(f["valid_until"])
    step = 3 if f["work_unit"].endswith("医院") else 1
    return list(range(start.year + step, min(end.year - 1, 2025) + 1, step))


def licence_checks(doc: Doc, rng: random.Random) -> Rendered:
    """A portrait 副本 in Song with full-width colons (机构名称, 地址, 法定代表人, 主要负责人,
    登记号, 诊疗科目 wrapped, 有效期限 自2022年05月01日至2027年04月30日), the issuer under its
    seal with a padded date, then the 校验记录 table (校验年度, 校验结论, 校验机关, 盖章) with
    a small red stamp in each row's last cell."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (250, 248, 240), rng, 3)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((50, 50, w - 51, h - 51), outline=(120, 90, 50), width=3)
    cv.centered(w / 2, 170, "医疗机构执业许可证", "serif_bold", 64, INK, spacing=8, body=False)
    cv.centered(w / 2, 230, "副　本", "serif", 36, GREY, spacing=10, body=False)
    vk = face("serif", *f.values())
    x0, x1 = 110.0, w - 110.0
    y = 320.0
    valid = f"自{fmt_date(f['valid_from'], 'pad')}至{fmt_date(f['valid_until'], 'pad')}"
    for label, value in (("机构名称", f["work_unit"]), ("地　　址", f["address"]),
                         ("法定代表人", f["legal_rep"]), ("主要负责人", f["head"]),
                         ("登 记 号", f["registration_number"]), ("有效期限", valid)):  # fmt: skip
        cv.text((x0, y), f"{label}：", "serif", 32)
        k = face(vk, value)
        cv.text((x0 + 230, y), value, k, fit(k, 34, value, x1 - x0 - 230, 26))
        y += 62
    cv.text((x0, y), "诊疗科目：", "serif", 32)
    subjects = f["subjects"].split("；")
    y = paragraph(cv, "；".join(subjects), subjects, x0 + 230, x1, y, vk, 32, 56, indent=False)
    y += 10
    y = sign_off(img, cv, rng, [f["issuer"], fmt_date(f["issue_date"], "pad")], x1 - 20, y + 40,
                 "serif", 34, f["issuer"], radius=115, lead=60)  # fmt: skip
    top = max(y + 20, 1080.0)
    cv.centered(w / 2, top, "校 验 记 录", "serif_bold", 38, INK, body=False)
    top += 30
    edges = [x0, 330.0, 560.0, 960.0, x1]
    rh = 118.0
    years = check_years(f)
    rows = max(len(years), 3)
    rh = min(rh, (h - 90 - top) / (rows + 1))
    d.rectangle((edges[0], top, edges[-1], top + rh), fill=(232, 228, 218))
    for c, label in enumerate(("校验年度", "校验结论", "校验机关", "盖章")):
        cv.text((edges[c] + 16, top + rh / 2 + 12), label, "serif_bold", 30)
    for i in range(rows):
        ya = top + (i + 1) * rh
        if i < len(years):
            cells = (f"{years[i]}年度", "合格", f["issuer"])
            for c, text in enumerate(cells):
                k = face(vk, text)
                cv.text((edges[c] + 16, ya + rh / 2 + 12), text, k,
                        fit(k, 30, text, edges[c + 1] - edges[c] - 28, 26))  # fmt: skip
            draw_stamp(img, ((edges[3] + edges[4]) / 2 + rng.uniform(-12, 12),
                             ya + rh / 2 + rng.uniform(-6, 6)), min(52, rh / 2 - 4),
                       f["issuer"], rng, "校验专用章")  # fmt: skip
    bottom = top + (rows + 1) * rh
    for i in range(rows + 2):
        d.line((edges[0], top + i * rh, edges[-1], top + i * rh), fill=INK, width=2)
    for ex in edges:
        d.line((ex, top, ex, bottom), fill=INK, width=2)
    return Rendered(img, None, cv.min_glyph, "licence")


# --------------------------------------------------------------------------------------------
# 社会保险: the 缴费记录 as month cards under a dark band (an app's 打印 view)

CARD_WORDS = ("已缴费", "欠费")


def si_card_months(f: dict[str, str]) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(2025年08月, [(险种, 缴费基数, 已缴费|欠费)…]) per month, in the statement's order."""
    out: list[tuple[str, list[tuple[str, str, str]]]] = []
    index: dict[str, int] = {}
    for month, kind, base, status in _payments(f):
        label = f"{month[:4]}年{month[4:]}月"
        if label not in index:
            index[label] = len(out)
            out.append((label, []))
        word = CARD_WORDS[0] if status == "已缴" else CARD_WORDS[1]
        out[index[label]][1].append((kind.replace("城镇职工基本", ""), base, word))
    return out


def si_card_summary(f: dict[str, str]) -> str:
    """The record's last line: the months shown and those with every insurance paid."""
    months = si_card_months(f)
    full = sum(1 for _, rows in months if all(r[2] == CARD_WORDS[0] for r in rows))
    return f"共{len(months)}个月，全部险种已缴费{full}个月。"


def si_cards(doc: Doc, rng: random.Random) -> Rendered:
    """A 社保 record printed from the service's app view (portrait, Sans): a dark band with
    the title in white, the person in a grey panel (姓名, 公民身份号码, 参保单位), then one
    rounded card per month in two columns (the month bold, a line per insurance: 养老保险
    4700.00 已缴费), a summary line, the agency under its seal and a padded print date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    teal = (16, 96, 110)
    d.rectangle((0, 0, w, 170), fill=teal)
    title = f.get("title") or "个人社会保险缴费记录"
    tk = face("sans_bold", title)
    cv.text((80, 110), title, tk, fit(tk, 50, title, w - 160, 32), WHITE, body=False)
    d.rounded_rectangle((70, 210, w - 70, 440), 18, fill=(240, 242, 244))
    vk = face("sans", f["name"], f["work_unit"])
    for py, label, value in ((270, "姓名", f["name"]), (340, "公民身份号码", f["id_number"]),
                            (410, "参保单位", f["work_unit"])):  # fmt: skip
        cv.text((100, py), label, "sans", 30, GREY)
        k = face(vk, value)
        cv.text((330, py), value, k, fit(k, 34, value, w - 430, 26))
    months = si_card_months(f)
    per = max(len(r) for _, r in months) if months else 1
    rows_of_cards = -(-len(months) // 2)
    room = h - 300 - 480
    line = min(48.0, (room / max(rows_of_cards, 1) - 90) / per)
    size = max(28, min(30, int(line * 0.7)))
    ch = 76 + per * line
    cw = (w - 140 - 30) / 2
    for i, (month, rows) in enumerate(months):
        cx = 70 + (i % 2) * (cw + 30)
        cy = 480 + (i // 2) * (ch + 24)
        d.rounded_rectangle((cx, cy, cx + cw, cy + ch), 16, outline=(200, 206, 210), width=2,
                            fill=(252, 252, 252))  # fmt: skip
        cv.text((cx + 24, cy + 50), month, "sans_bold", 32)
        for j, (kind, base, word) in enumerate(rows):
            yy = cy + 76 + (j + 0.7) * line
            cv.text((cx + 24, yy), kind, "sans", size)
            cv.text((cx + 260, yy), base, "sans", size)
            color = teal if word == CARD_WORDS[0] else (190, 40, 40)
            right_text(cv, cx + cw - 24, yy, word, "sans", size, color)
    y = 480.0 + rows_of_cards * (ch + 24) + 40
    summary = si_card_summary(f)
    cv.text((80, y), summary, "sans", 30)
    agency = f["agency"]
    ak = face("sans", agency)
    aw = font(ak, 32).getlength(agency)
    ax = w - 100 - aw
    sy = max(y + 130, h - 220)
    cv.text((ax, sy), agency, ak, 32)
    draw_stamp(img, (ax + aw / 2 + rng.uniform(-30, 30), sy - 10 + rng.uniform(-10, 10)), 115,
               agency, rng, "业务专用章")  # fmt: skip
    right_text(cv, w - 100, sy + 60, f"打印日期：{fmt_date(f['print_date'], 'pad')}", "sans", 30)
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_cards_pdf(fields: dict[str, str]) -> bytes:
    """The record downloaded from the service as a PDF with a text layer: the band, the
    person, a block per month, the summary, the agency's seal."""
    from lab.synth import pdfdoc

    months = si_card_months(fields)
    summary = si_card_summary(fields)
    title = fields.get("title") or "个人社会保险缴费记录"
    printed = f"打印日期：{fmt_date(fields['print_date'], 'pad')}"
    texts = [
        *fields.values(),
        title,
        summary,
        printed,
        "姓名公民身份号码参保单位",
        *(m for m, _ in months),
        *(t for _, rows in months for r in rows for t in r),
    ]
    pdf = pdfdoc._new_pdf(title, pdfdoc.FIXED_DATE, texts)
    pdf.set_fill_color(16, 96, 110)
    pdf.rect(0, 0, 210, 22, style="F")
    pdf.set_text_color(*WHITE)
    pdf.set_font("noto", size=15)
    pdf.set_xy(12, 6)
    pdf.cell(186, 10, title)
    pdf.set_text_color(*INK)
    pdf.set_font("noto", size=10)
    y = 28.0
    for label, value in (("姓名", fields["name"]), ("公民身份号码", fields["id_number"]),
                         ("参保单位", fields["work_unit"])):  # fmt: skip
        pdf.set_xy(14, y)
        pdf.cell(32, 7, label)
        pdf.cell(140, 7, value)
        y += 7
    y += 4
    col_w = 90.0
    heights = [9 + 6 * len(rows) for _, rows in months]
    for i, (month, rows) in enumerate(months):
        x = 12 + (i % 2) * (col_w + 6)
        yy = y + (i // 2) * (max(heights) + 4)
        pdf.rect(x, yy, col_w, heights[i])
        pdf.set_font("noto", size=10)
        pdf.set_xy(x + 3, yy + 1)
        pdf.cell(60, 7, month)
        pdf.set_font("noto", size=9)
        for j, (kind, base, word) in enumerate(rows):
            pdf.set_xy(x + 3, yy + 8 + j * 6)
            pdf.cell(34, 6, kind)
            pdf.cell(24, 6, base)
            pdf.cell(24, 6, word, align="R")
    y += -(-len(months) // 2) * (max(heights, default=0) + 4) + 4
    pdf.set_font("noto", size=10)
    pdf.set_xy(14, y)
    pdf.cell(180, 7, summary)
    pdf.set_xy(110, y + 18)
    pdf.cell(88, 7, fields["agency"], align="R")
    pdf.set_xy(110, y + 26)
    pdf.cell(88, 7, printed, align="R")
    pdfdoc._seal(pdf, 170, y + 22, 16, fields["agency"], "业务专用章")
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 医师资格证书: the title down a dark side band, the fields in two label columns


def qualification_band(doc: Doc, rng: random.Random) -> Rendered:
    """A landscape certificate whose title runs down a dark red side band in white, read top
    to bottom, and again across the page in Hei; the fields in two label columns with
    full-width colons, values in bold Song (证书编号 and 身份证件号码 across both), dotted
    dates (2015.12.05), the photo at the right, the authority under its seal."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (251, 250, 246), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((0, 0, 230, h), fill=DARK_RED)
    for i, ch in enumerate("医师资格证书"):
        cv.text((115 - 36, 260 + i * 120), ch, "hei", 72, (250, 230, 200), body=False)
    cv.text((320, 180), "医师资格证书", "hei", 64, DARK_RED, spacing=8, body=False)
    cv.text((320, 240), "中华人民共和国", "hei", 30, GREY, body=False)
    _portrait(img, doc, (w - 380, 120, w - 130, 440), (244, 244, 244))
    vk = face("serif_bold", *f.values())
    pairs = [
        (("姓　　名", f["name"]), ("性　　别", f["gender"])),
        (("出生日期", fmt_date(f["birth_date"], "dot")), ("资格类别", f["qual_category"])),
        (("资格级别", f["qualification"]), None),
        (("身份证件号码", f["id_number"]), None),
        (("证书编号", f["qualification_number"]), None),
        (("签发日期", fmt_date(f["issue_date"], "dot")), None),
    ]
    y = 340.0
    for left, right in pairs:
        for j, item in enumerate((left, right)):
            if item is None:
                continue
            label, value = item
            x0 = 320 + j * 520
            x = cv.text((x0, y), f"{label}：", "hei", 32, GREY)
            k = face(vk, value)
            edge = (x0 + 500) if right else (w - 420 if y < 460 else w - 120)
            cv.text((x + 10, y), value, k, fit(k, 38, value, edge - x - 10, 26))
        y += 100
    authority = health_authority(iso(f["issue_date"]))
    sign_off(img, cv, rng, [authority], w - 140, h - 150, "hei", 36, authority, radius=130)
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


# --------------------------------------------------------------------------------------------
# 医师执业证书: the certificate's 变更注册 page, the old and the current 执业地点


def previous_unit(f: dict[str, str]) -> str:
    """The unit the doctor practised at before the change (another hospital of the list)."""
    pool = [hosp.name for hosp in people.HOSPITALS if hosp.name != f["work_unit"]]
    return random.Random(f"previous-unit/{f['id_number']}").choice(pool)


def change_date(f: dict[str, str]) -> str:
    """When the 执业地点 changed: a year or more after the registration, before 2026."""
    reg = iso(f["registration_date"])
    r = random.Random(f"change/{f['id_number']}")
    year = min(2025, reg.year + r.randint(1, 6))
    return date(year, r.randint(1, 12), r.randint(1, 28)).isoformat()


def practice_change(doc: Doc, rng: random.Random) -> Rendered:
    """The 医师执业证书's pages photocopied on one sheet (portrait, Ming): above, the
    certificate's particulars in a ruled label/value table (执业证书编码 first, 身份证号, 注册
    日期 as 2016年04月06日); below, the 变更注册记录 with the old 执业地点 and the current one
    (the form's unit), the change's date and the registering authority's seal in the row."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 252, 248), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 160, "医师执业证书", "ming", 66, (20, 70, 50), spacing=16, body=False)
    _portrait(img, doc, (w - 330, 220, w - 110, 500), (246, 246, 246))
    vk = face("ming", *f.values(), previous_unit(f))
    x0, x1, a = 100.0, w - 100.0, 340.0
    rh = 80.0
    y = 220.0
    for label, value in (
        ("执业证书编码", f["practice_number"]), ("姓名", f["name"]), ("性别", f["gender"]),
        ("身份证号", f["id_number"]), ("医师级别", f["practice_level"]),
        ("执业类别", f["practice_category"]), ("执业范围", f["scope"]),
        ("注册日期", fmt_date(f["registration_date"], "pad")),
    ):  # fmt: skip
        right = x1 - 250 if y < 500 else x1
        pair(cv, (x0, y, right, y + rh), label, value, "ming", vk, 34, a, line=INK)
        y += rh
    sign_off(img, cv, rng, [f["issuer"]], x1, y + 80, "ming", 34, f["issuer"], radius=110)
    y += 200
    cv.centered(w / 2, y, "变 更 注 册 记 录", "ming", 44, (20, 70, 50), body=False)
    y += 40
    rows = [
        ("变更日期", fmt_date(change_date(f), "pad")),
        ("变更事项", "执业地点"),
        ("原执业地点", previous_unit(f)),
        ("现执业地点", f["work_unit"]),
    ]
    for label, value in rows:
        pair(cv, (x0, y, x1, y + rh), label, value, "ming", vk, 34, a, line=INK)
        y += rh
    x = cv.text((x0, y + 80), "注册主管部门（盖章）", "ming", 32)
    draw_stamp(img, (x + 220 + rng.uniform(-20, 20), y + 60 + rng.uniform(-10, 10)), 100,
               f["issuer"], rng, "注册专用章")  # fmt: skip
    d.line((x0, h - 120, x1, h - 120), fill=RULE, width=1)
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# Registration

HELD_OUT = (
    ("diploma", "mode", diploma_mode, None,
     "landscape Kai diploma headed 中等职业学校/普通高等学校 over the title, sentence …在本校"
     "{major}专业全日制学习，修业三年…, 学习形式 and 层次 lines under the photo, school's name "
     "under its seal, date 2014年7月1日, 证书编号 at the foot"),
    ("degree", "english", degree_english, None,
     "portrait serif degree, the English text under the Chinese paragraph (…经本校学位评定委员会"
     "审议通过，授予医学学士学位), school name heading on a watermark, No. top right, date in "
     "Chinese and English under the seal, chair's handwritten signature"),
    ("diploma_record", "sections", record_sections_page, record_sections_pdf,
     "landscape 备案表 in sections under dark bands (个人信息/学历信息/验证信息), two label/value "
     "pairs a row with grey label cells, dotted dates (2014.07.01), 证件号码; PDF landscape "
     "with a text layer"),
    ("mentorship_cert", "mentor", mentorship_mentor, None,
     "Kai ruled form in two sections under dark rows: the holder, then the 指导老师/推荐医师 with "
     "their own name and 身份证号码; Chinese-numeral date under the bureau's seal"),
    ("pledge", "thumb", pledge_thumb, None,
     "诚信承诺书 in Ming: particulars in a boxed panel on grey 底纹 as two label columns (考生"
     "姓名, 身份证号码, 毕业院校), four promises, 签名并按手印 with handwritten signature and "
     "red thumbprint, date hand-written in Kai"),
    ("probation_cert", "tutor", probation_tutor, None,
     "hospital form with a dark header band (logo, unit in white), ruled Hei grid with merged "
     "cells (公民身份号码, 试用期限 ISO 2024-07-01 至 2025-06-30, 带教老师 with the tutor's ID, "
     "考核等级), head's signature, seal over the padded date"),
    ("practice_period_cert", "annual", practice_period_annual, None,
     "landscape 考核表: person in two label columns (身份证号, 执业地点), one row per year "
     "(2016年度 合格/优秀) under a dark header row, 执业期考核结论 at the right, signature, "
     "seal over the unit's name, slashed date 2026/1/16"),
    ("licence", "checks", licence_checks, None,
     "portrait 副本 in Song with full-width colons and wrapped 诊疗科目, padded 有效期限, then a "
     "校验记录 table (校验年度/校验结论/校验机关/盖章) with a red stamp in each row"),
    ("social_insurance", "cards", si_cards, si_cards_pdf,
     "app-view print-out: dark band title, person in a grey panel (公民身份号码, 参保单位), one "
     "rounded card per month (2025年08月; 养老保险 4700.00 已缴费/欠费), summary of months "
     "paid, seal over the agency; PDF with a text layer"),
    ("assistant_qualification", "band", qualification_band, None,
     "landscape, the title down a dark red side band and across in Hei, two label columns "
     "with full-width colons, bold Song values, dotted dates, authority under its seal"),
    ("assistant_practice", "change", practice_change, None,
     "portrait Ming pages: ruled particulars (执业证书编码 first, padded 注册日期), then the "
     "变更注册记录 with the old and the current 执业地点 and the authority's seal"),
)  # fmt: skip
