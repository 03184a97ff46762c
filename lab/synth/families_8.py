"""An eighth layout family per material (issue 15, sixth round): yet other issuers, held out.

Every family of the earlier modules has been run and looked at (`families.LOOKED_AT`), so none
is held out any more; these are the new *held-out* ones, written without running the readers
on them and never adjusted to suit the readers. Each differs from every earlier family of its
material the way real issuers (and applicants' uploads) differ: a diploma photographed by a
phone on a desk, a degree under a dark header band, the 学信网's bilingual verification report,
a pledge copied out by hand on lined paper, a 鉴定表 with a big 鉴定意见 box, a registration
system's print-out of a periodic assessment, a licence 正本 photographed in its glazed frame,
a 社保 statement listing the unit per month with insurance column groups, a qualification
certificate photocopied and certified 与原件一致 by hand, a 执业证书 page with its
多机构执业备案 row. Every value the material's checks compare is printed whole, exactly as
the form's truth holds it; a typeface lacking a character of a value gives way to Noto, as the
other modules do.
"""

from __future__ import annotations

import random

import numpy as np
from PIL import Image, ImageDraw

from lab.synth import people
from lab.synth.families_5 import logo_square, pair, qr_block, slash
from lab.synth.families_6 import BLUE_BLACK, GREY, RULE, photocopy, scan_pdf
from lab.synth.families_7 import dark_row, right_text
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
from lab.synth.render import INK, Canvas, Doc, Rendered, draw_stamp, iso, paper

WHITE = (255, 255, 255)
GREEN = (22, 78, 60)
BROWN = (96, 66, 40)

# --------------------------------------------------------------------------------------------
# Helpers


def desk_page(w: int, h: int, margin: int, rng: random.Random) -> Image.Image:
    """A sheet lying on a desk as a phone photographs it: the desk's dark wood around a page
    inset by `margin` (what is drawn on the page keeps its coordinates)."""
    img = paper(w, h, (86, 64, 46), rng, 10)
    page = paper(w - 2 * margin, h - 2 * margin, (250, 248, 242), rng, 3)
    img.paste(page, (margin, margin))
    ImageDraw.Draw(img).rectangle((margin, margin, w - margin, h - margin), outline=(60, 44, 32),
                                  width=2)  # fmt: skip
    return img


def phone_light(img: Image.Image, rng: random.Random, depth: float = 0.28) -> Image.Image:
    """A phone photo's uneven light: a soft shadow falling from one corner (the hand holding
    the phone), a warm cast; upright, so what was printed stays where it was drawn."""
    a = np.asarray(img, np.float32)
    h, w = a.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = rng.choice(((0.0, 0.0), (w, 0.0), (0.0, h), (w, h)))
    dist = np.hypot(xx - cx, yy - cy) / np.hypot(w, h)
    shade = 1 - depth * np.clip(1 - dist * 1.6, 0, 1) ** 2
    a = a * shade[..., None] * np.array((1.0, 0.97, 0.91), np.float32)
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 1.5, a.shape[:2])
    return Image.fromarray(np.clip(a + noise[..., None], 0, 255).astype(np.uint8))


def glare(img: Image.Image, rng: random.Random) -> Image.Image:
    """A diagonal band of light on a glazed frame's glass, whitening what lies under it a
    little (the text stays readable through it)."""
    a = np.asarray(img, np.float32)
    h, w = a.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    pos = rng.uniform(0.3, 0.7) * (w + h)
    band = np.exp(-((((xx + yy * 0.8) - pos) / (0.06 * w)) ** 2)) * 0.32
    a = a + (255 - a) * band[..., None]
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def lined_paper(w: int, h: int, top: float, step: float, rng: random.Random) -> Image.Image:
    """A sheet of lined writing paper (稿纸 lines in light blue, a red margin rule)."""
    img = paper(w, h, (252, 251, 246), rng, 3)
    d = ImageDraw.Draw(img)
    y = top
    while y < h - 80:
        d.line((70, y, w - 70, y), fill=(170, 196, 222), width=2)
        y += step
    d.line((140, 60, 140, h - 60), fill=(222, 150, 150), width=2)
    return img


# --------------------------------------------------------------------------------------------
# 毕业证书: the diploma photographed by a phone on a desk


def diploma_photo(doc: Doc, rng: random.Random) -> Rendered:
    """The diploma's inner page photographed on a desk (portrait): the desk's wood around the
    page, a shadow from one corner and a warm cast; on the page the title in red Song, 证书
    编号 under it, the photo top right, the sentence in Song (学生…，…生，于2011年9月至2014年7月
    在本校临床医学专业三年制中专学习…), the principal's printed name left, the school's name
    under its seal and the date in Chinese numerals right."""
    w, h = PORTRAIT
    f = doc.fields
    m = 56
    img = desk_page(w, h, m, rng)
    cv = Canvas(img)
    red = (170, 30, 34)
    cv.centered(w / 2, 230, "毕业证书", "serif_bold", 86, red, spacing=30, body=False)
    cv.centered(w / 2, 300, f"证书编号：{f['diploma_number']}", "serif", 32)
    photo(img, doc, (w - 380, 370, w - 150, 660), (236, 238, 244))
    born, enrol = iso(f["birth_date"]), iso(f["enrol"] + "-01")
    grad = iso(f["graduation"] + "-01")
    ends = f"{grad.year}年{grad.month}月"
    text = (
        f"学生{f['name']}，{f['gender']}，{born.year}年{born.month}月{born.day}日生，于"
        f"{enrol.year}年{enrol.month}月至{ends}在本校{f['major']}专业{f.get('years', '三')}年制"
        f"{f['education_level']}学习，修完教学计划规定的全部课程，成绩合格，准予毕业。"
    )
    body = face("serif", text)
    y = paragraph(cv, text, (f["name"], f["major"], ends), 150, w - 420, 420, body, 42, 80)
    y = max(y + 120, 1180)
    x = cv.text((150, y), "校长：", "serif", 38)
    cv.text((x + 6, y), f["principal"], face("serif", f["principal"]), 38)
    school = f["school"]
    sk = face("serif", school)
    s = fit(sk, 42, school, w - 150 - 620, 30)
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "hanzi")], w - 150, y, sk, s,
             school, radius=135, lead=78)  # fmt: skip
    out = phone_light(img, rng)
    return Rendered(out, None, cv.min_glyph, "diploma")


# --------------------------------------------------------------------------------------------
# 学位证书: a landscape Ming certificate under a dark green header band


def degree_band(doc: Doc, rng: random.Random) -> Rendered:
    """A landscape degree in Ming under a dark green header band (logo square, the school's
    name and 学位证书 in white), the photo at the left, the sentence with its own wording
    (…修满规定学分，成绩合格，经{school}学位评定委员会审定，授予医学硕士学位。), 学位证书编号
    at the left under the photo, the chair's printed name, the padded date under the seal."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (252, 251, 247), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((0, 0, w, 220), fill=GREEN)
    logo_square(img, (80, 50, 200, 170), (200, 160, 60))
    school = f["school"]
    sk = face("ming", school)
    cv.text((240, 110), school, sk, fit(sk, 46, school, 700, 30), WHITE, body=False)
    cv.text((240, 180), "学位证书", "ming", 56, (240, 220, 160), body=False, spacing=20)
    photo(img, doc, (110, 300, 370, 620), (240, 242, 246))
    cv.text((110, 690), "学位证书编号", "ming", 30, GREY)
    cv.text((110, 740), f["degree_number"], "ming", 32)
    born = iso(f["birth_date"])
    field = "理学" if "护理" in f["major"] else "医学"  # every major here is a medical one
    degree = f"{field}{f['degree_level']}学位"
    text = (
        f"{f['name']}，{f['gender']}，{born.year}年{born.month}月生，在本校{f['major']}专业学习，"
        f"修满规定学分，成绩合格，经{school}学位评定委员会审定，授予{degree}。"
    )
    body = face("ming", text)
    y = paragraph(cv, text, (f["name"], school, degree, f["major"]), 480, w - 130, 360, body,
                  46, 92)  # fmt: skip
    y = max(y + 160, 960)
    x = cv.text((480, y), "学位评定委员会主席：", "ming", 36)
    cv.text((x + 6, y), f["chair"], face("ming", f["chair"]), 36)
    dx = right_text(cv, w - 140, y + 110, fmt_date(f["issue_date"], "pad"), "ming", 38)
    draw_stamp(img, (dx + 140 + rng.uniform(-25, 25), y + 80 + rng.uniform(-15, 15)), 130,
               school, rng)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表: the bilingual online verification report (中英文), ISO dates

EN_LABELS = {
    "姓名": "Name",
    "性别": "Gender",
    "出生日期": "Date of Birth",
    "证件号码": "ID No.",
    "入学日期": "Date of Admission",
    "毕（结）业日期": "Date of Graduation",
    "学校名称": "Institution",
    "专业": "Major",
    "学制": "Length of Schooling",
    "层次": "Level",
    "学历类别": "Category",
    "证书编号": "Certificate No.",
    "校（院）长姓名": "President",
    "在线验证码": "Online Verification Code",
    "验证有效期至": "Valid Until",
}
ENGLISH_NOTE = "Note: This report can be verified at www.chsi.com.cn with the verification code."


def record_english_rows(f: dict[str, str]) -> list[tuple[str, str]]:
    """(label, value) in this report's order: the school's fields first, the person's after,
    dates in ISO form (2014-07-01)."""
    return [
        ("学校名称", f["school"]),
        ("层次", f["record_level"]),
        ("专业", f["major"]),
        ("学制", f"{f['years']}年"),
        ("学历类别", f["record_category"]),
        ("入学日期", f["enrol_date"]),
        ("毕（结）业日期", f["graduation_date"]),
        ("证书编号", f["diploma_number"]),
        ("校（院）长姓名", f["principal"]),
        ("姓名", f["name"]),
        ("性别", f["gender"]),
        ("出生日期", f["birth_date"]),
        ("证件号码", f["id_number"]),
        ("在线验证码", f["verification_code"]),
        ("验证有效期至", f["valid_until"]),
    ]


def record_english(doc: Doc, rng: random.Random) -> Rendered:
    """The 学信网's Chinese-English verification report (portrait, Sans): the Chinese title
    and its English one, a ruled two-column table whose label cells carry the English label
    under the Chinese one, the school's fields before the person's, ISO dates, a QR block at
    the top right, an English note at the foot."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    tk = face("sans_bold", title)
    cv.text((90, 150), title, tk, fit(tk, 50, title, w - 450, 32))
    cv.text((90, 200), "Online Verification Report of Qualification Certificate", "sans", 26,
            GREY, body=False)  # fmt: skip
    qr_block(d, w - 90 - 225, 70, rng)
    rows = record_english_rows(f)
    vk = face("sans", *f.values())
    x0, x1, split = 90.0, w - 90.0, 470.0
    top = 330.0
    rh = min(88.0, (h - 200 - top) / len(rows))
    for i, (label, value) in enumerate(rows):
        ya = top + i * rh
        d.rectangle((x0, ya, split, ya + rh), fill=(242, 244, 248), outline=RULE, width=2)
        d.rectangle((split, ya, x1, ya + rh), outline=RULE, width=2)
        cv.text((x0 + 16, ya + rh * 0.45), label, "sans", 28)
        cv.text((x0 + 16, ya + rh * 0.85), EN_LABELS[label], "sans", 20, GREY, body=False)
        k = face(vk, value)
        cv.text((split + 20, ya + rh / 2 + 11), value, k, fit(k, 32, value, x1 - split - 40, 26))
    cv.text((90, top + len(rows) * rh + 70), ENGLISH_NOTE, "sans", 24, GREY, body=False)
    return Rendered(img, None, cv.min_glyph, "diploma_record")


def record_english_pdf(fields: dict[str, str]) -> bytes:
    """The same report downloaded as a PDF with a text layer: both titles, the bilingual
    label column, the values, the note."""
    from lab.synth import pdfdoc

    rows = record_english_rows(fields)
    english = "Online Verification Report of Qualification Certificate"
    texts = [*fields.values(), english, ENGLISH_NOTE,
             *(t for r in rows for t in r), *EN_LABELS.values()]  # fmt: skip
    pdf = pdfdoc._new_pdf(fields["title"], FIXED_DATE, texts)
    pdf.set_font("noto", size=16)
    pdf.set_xy(15, 16)
    pdf.cell(150, 10, fields["title"])
    pdf.set_font("noto", size=9)
    pdf.set_xy(15, 26)
    pdf.cell(150, 6, english)
    y = 40.0
    pdf.set_fill_color(242, 244, 248)
    for label, value in rows:
        pdf.set_xy(15, y)
        pdf.set_font("noto", size=10)
        pdf.cell(60, 7, label, border="LTR", fill=True)
        pdf.set_font("noto", size=11)
        pdf.cell(120, 12, value, border=1)
        pdf.set_xy(15, y + 7)
        pdf.set_font("noto", size=7)
        pdf.cell(60, 5, EN_LABELS[label], border="LBR", fill=True)
        y += 12
    pdf.set_font("noto", size=8)
    pdf.set_xy(15, y + 8)
    pdf.cell(180, 6, ENGLISH_NOTE)
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 确有专长/出师证书: landscape, two panels; values under their labels in two columns


def mentorship_panels(doc: Doc, rng: random.Random) -> Rendered:
    """A landscape certificate in two panels split by a rule: on the left the photo and the
    holder's particulars in two columns, each value under its small label (姓名 / 性别 /
    证件号码 / 专长项目 / 证书编号), Hei; on the right the title, one sentence in Kai, the
    bureau's name under its seal and a dotted date (2020.12.13)."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (250, 248, 240), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((40, 40, w - 41, h - 41), outline=(150, 110, 50), width=6)
    d.line((w / 2, 110, w / 2, h - 110), fill=(150, 110, 50), width=2)
    _portrait(img, doc, (130, 130, 370, 430), (240, 240, 236))
    title = f.get("title") or "传统医学医术确有专长证书"
    taught = "师承" in title or "出师" in title
    vk = face("hei", *f.values())
    cols = [
        [("姓　　名", f["name"]), ("证件号码", f["id_number"]), ("证书编号", f["cert_number"])],
        [("性　　别", f["gender"]), ("出师专业" if taught else "专长项目", f["major"])],
    ]
    for c, col in enumerate(cols):
        x = 130 + c * 480 if c else 130
        for r, (label, value) in enumerate(col):
            if c == 0:
                y = 520 + r * 150
                room = w / 2 - 200
            else:
                x, y, room = 430, 200 + r * 150, w / 2 - 480
            cv.text((x, y), label, "hei", 28, GREY)
            k = face(vk, value)
            cv.text((x, y + 62), value, k, fit(k, 40, value, room, 26))
            d.line((x, y + 82, x + room, y + 82), fill=RULE, width=1)
    tk = face("kai", title)
    cv.centered(w * 0.75, 260, title, tk, fit(tk, 60, title, w / 2 - 160, 34), (120, 30, 30),
                body=False)  # fmt: skip
    text = (
        "经考核合格，准予出师。特发此证。"
        if taught
        else ("经考核，其医术确有专长，准予参加医师资格考试。特发此证。")
    )
    paragraph(cv, text, (), w / 2 + 90, w - 120, 420, "kai", 44, 84)
    sign_off(img, cv, rng, [f["issuer"], fmt_date(f["issue_date"], "dot")], w - 140, 860,
             face("kai", f["issuer"]), 42, f["issuer"], radius=135)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 承诺书: copied out by hand on lined paper


HANDWRITTEN_PROMISES = (
    "本人承诺所提交的报名信息和材料真实、准确，如有虚假，自愿取消考试资格。",
    "本人承诺在{year}年8月31日前取得毕业证书，逾期未取得的，考试成绩无效。",
    "本人承诺遵守考试纪律，服从考试管理。",
)


def pledge_handwritten(doc: Doc, rng: random.Random) -> Rendered:
    """A pledge the applicant copied out by hand (the school's template read aloud, written
    in blue-black on lined writing paper, Kai): the title 承诺书, the particulars in running
    text with 证件号码, three promises each on new lines, 承诺人 with a handwritten signature
    and the date written as 2026.1.15; no printed form, no seal."""
    w, h = PORTRAIT
    f = doc.fields
    step = 96.0
    img = lined_paper(w, h, 300, step, rng)
    cv = Canvas(img)
    ink = BLUE_BLACK
    cv.centered(w / 2, 220, "承诺书", "kai", 68, ink, spacing=40, body=False)
    g = iso(f["expected_graduation"] + "-01")
    vk = face("kai", *f.values())
    lines = [
        f"本人{f['name']}，证件号码：{f['id_number']}，",
        f"系{f['school']}{f['major']}专业应届毕业生，",
        f"预计{g.year}年{g.month}月毕业，现报名参加医师资格考试，",
        "郑重承诺如下：",
    ]
    lines += [f"{i + 1}. " + p.format(year=g.year) for i, p in enumerate(HANDWRITTEN_PROMISES)]
    y = 300.0 - 14
    x0, x1 = 160.0, w - 90.0
    for i, text in enumerate(lines):
        k = face(vk, text)
        pad = 84 if i in (0, 3) else 0
        for part in _wrap_kai(text, k, x1 - x0 - pad):
            cv.text((x0 + pad + rng.uniform(-3, 3), y + rng.uniform(-3, 2)), part, k, 40, ink)
            y += step
            pad = 0
    y += step
    x = cv.text((560, y), "承诺人：", "kai", 40, ink)
    scrawl(cv.draw, x + 10, y - 10, rng, 200)
    y += step
    d = iso(f["date"])
    cv.text((700, y), f"{d.year}.{d.month}.{d.day}", "kai", 40, ink)
    return Rendered(img, None, cv.min_glyph, "pledge")


def _wrap_kai(text: str, kind: str, width: float) -> list[str]:
    """A line of handwriting carried over when it reaches the paper's edge (a long value is
    kept whole on the next line rather than split)."""
    from lab.synth.render import wrap

    keep = tuple(t for t in text.replace("：", "，").split("，") if t and len(t) < 30)
    return wrap(text, kind, 40, width, keep)


# --------------------------------------------------------------------------------------------
# 试用期考核证明: a 鉴定表 with a big 鉴定意见 box and two sign-offs


def probation_appraisal(doc: Doc, rng: random.Random) -> Rendered:
    """A hospital's 试用期考核证明 printed as its 鉴定表 (portrait, Song): a ruled grid
    (名字|性别, 身份证号码, 所在单位, 科室, 起止日期 as 2024年07月01日—2025年06月30日),
    a tall 鉴定意见 box with the department's remarks in handwritten-looking Kai, the
    rating 良好/优秀 and the 考核结论, then two sign-offs side by side (科室负责人 with a
    signature, 单位 with its seal over the date 2025年7月10日)."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 252), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 150, "医师资格考试试用期考核证明", "serif_bold", 56, INK, body=False)
    cv.centered(w / 2, 205, "（试用期考核鉴定表）", "serif", 30, GREY, body=False)
    vk = face("serif", *f.values())
    x0, x1, a = 90.0, w - 90.0, 320.0
    rh = 96.0
    y = 240.0
    mid = 720.0
    pair(cv, (x0, y, mid, y + rh), "名　　字", f["name"], "serif", vk, 34, a, line=INK)
    pair(cv, (mid, y, x1, y + rh), "性别", f["gender"], "serif", vk, 34, mid + 130, line=INK)
    y += rh
    pair(cv, (x0, y, x1, y + rh), "身份证号码", f["id_number"], "serif", vk, 34, a, line=INK)
    y += rh
    pair(cv, (x0, y, x1, y + rh), "所在单位", f["work_unit"], "serif", vk, 34, a, line=INK)
    y += rh
    pair(cv, (x0, y, x1, y + rh), "科　　室", f["department"], "serif", vk, 34, a, line=INK)
    y += rh
    period = f"{fmt_date(f['period_start'], 'pad')}—{fmt_date(f['period_end'], 'pad')}"
    pair(cv, (x0, y, x1, y + rh), "起止日期", period, "serif", vk, 34, a, line=INK)
    y += rh
    box_top = y
    box_bottom = y + 440
    d.rectangle((x0, box_top, a, box_bottom), fill=(236, 236, 232), outline=INK, width=2)
    d.rectangle((a, box_top, x1, box_bottom), outline=INK, width=2)
    cv.text((x0 + 14, box_top + 60), "鉴定意见", "serif", 34)
    passed = f["result"] == "合格"
    rating = random.Random(f"rating/{f['id_number']}").choice(("良好", "优秀")) if passed else ""
    remark = (
        f"该同志试用期间工作认真负责，能独立完成本科室常见病诊治，表现{rating}。"
        if passed else "该同志试用期间未能达到本科室的岗位要求。"
    )  # fmt: skip
    paragraph(cv, remark, (), a + 24, x1 - 24, box_top + 70, "kai", 38, 66, indent=False)
    cv.text((a + 24, box_bottom - 40), "考核结论：", "serif", 34)
    cv.text((a + 220, box_bottom - 40), f["result"], "kai", 42, BLUE_BLACK)
    y = box_bottom + 110
    x = cv.text((x0 + 10, y), "科室负责人：", "serif", 34)
    scrawl(d, x + 10, y - 10, rng, 170)
    unit = f["work_unit"]
    date_text = fmt_date(f["date"], "cn")
    cv.text((640, y), "单位（盖章）", "serif", 34)
    dx = right_text(cv, x1 - 20, y + 140, date_text, "serif", 36)
    draw_stamp(img, (dx + 120 + rng.uniform(-25, 25), y + 100 + rng.uniform(-15, 15)), 130,
               unit, rng)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# 执业期考核证明: the registration system's print-out of the periodic assessment


def practice_period_system(doc: Doc, rng: random.Random) -> Rendered:
    """A print-out of the 医师定期考核 system's result (portrait, Sans): the system's name in
    a grey bar, the title, one wide table with a shaded header row (姓名, 公民身份号码,
    执业机构, 考核周期 2016-04-06 至 2026-01-08, 考核结果), a wrapped statement, the unit's
    name under its seal, an ISO date, a 打印时间 line at the foot."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((0, 0, w, 110), fill=(228, 230, 234))
    cv.text((70, 72), "医师定期考核管理信息系统", "sans", 30, GREY, body=False)
    cv.centered(w / 2, 230, "执业期考核证明", "sans_bold", 58, INK, body=False)
    vk = face("sans", *f.values())
    x0, x1 = 70.0, w - 70.0
    period = f"{f['period_start']} 至 {f['period_end']}"
    rows = [("姓名", f["name"]), ("公民身份号码", f["id_number"]), ("执业机构", f["work_unit"]),
            ("执业类别", f["practice_category"]), ("考核周期", period),
            ("考核结果", f["result"])]  # fmt: skip
    top = 320.0
    rh = 86.0
    dark_row(cv, (x0, 400.0, x1), top, rh, ["项目", "内容"], (70, 74, 86), "sans_bold", 32)
    for i, (label, value) in enumerate(rows):
        ya = top + (i + 1) * rh
        d.rectangle((x0, ya, x1, ya + rh), outline=RULE, width=1)
        d.line((400, ya, 400, ya + rh), fill=RULE, width=1)
        cv.text((x0 + 20, ya + rh / 2 + 11), label, "sans", 30)
        k = face(vk, value)
        cv.text((420, ya + rh / 2 + 12), value, k, fit(k, 32, value, x1 - 440, 26))
    y = top + (len(rows) + 1) * rh + 90
    text = (f"经{f['work_unit']}考核，该医师在上述考核周期内执业期考核结果为{f['result']}。"
            "特此证明。")  # fmt: skip
    y = paragraph(cv, text, (f["work_unit"],), x0, x1, y, vk, 34, 62)
    unit = f["work_unit"]
    sign_off(img, cv, rng, [unit, f["date"]], x1 - 20, y + 140, face("sans", unit), 34, unit,
             radius=130, lead=70)  # fmt: skip
    stamp = f"{f['date']} {random.Random(f['id_number']).randint(8, 17):02d}:" \
            f"{random.Random(f['name']).randint(0, 59):02d}"  # fmt: skip
    cv.text((x0, h - 80), f"打印时间：{stamp}", "sans", 24, GREY, body=False)
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# 医疗机构执业许可证: the 正本 photographed in its glazed frame on the wall


def licence_frame(doc: Doc, rng: random.Random) -> Rendered:
    """The licence's 正本 as an applicant photographs it where it hangs (landscape): a dark
    wooden frame, the certificate inside in Song with the national emblem's place, labels
    with full-width colons (机构名称, 法定代表人, 登记号, 有效期限 自2022年05月01日至2027年04月
    30日), 诊疗科目 wrapped, the issuer under its seal with the date in Chinese numerals, a
    band of glare across the glass and uneven light."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (74, 52, 36), rng, 12)
    inset = 70
    page = paper(w - 2 * inset, h - 2 * inset, (250, 246, 232), rng, 3)
    img.paste(page, (inset, inset))
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((inset - 6, inset - 6, w - inset + 6, h - inset + 6), outline=(40, 28, 20),
                width=8)  # fmt: skip
    d.rectangle((inset + 30, inset + 30, w - inset - 30, h - inset - 30), outline=(160, 120, 60),
                width=4)  # fmt: skip
    d.ellipse((w / 2 - 60, 130, w / 2 + 60, 250), outline=(180, 140, 60), width=5)
    cv.centered(w / 2, 340, "医疗机构执业许可证", "serif_bold", 72, INK, spacing=10, body=False)
    cv.centered(w / 2, 400, "（正本）", "serif", 32, GREY, body=False)
    vk = face("serif", *f.values())
    x0, x1 = 200.0, w - 200.0
    valid = f"自{fmt_date(f['valid_from'], 'pad')}至{fmt_date(f['valid_until'], 'pad')}"
    y = 480.0
    rows = (("机构名称", f["work_unit"]), ("法定代表人", f["legal_rep"]),
            ("登　记　号", f["registration_number"]), ("有效期限", valid))  # fmt: skip
    for label, value in rows:
        cv.text((x0, y), f"{label}：", "serif", 34)
        k = face(vk, value)
        cv.text((x0 + 230, y), value, k, fit(k, 36, value, x1 - x0 - 230, 26))
        y += 70
    cv.text((x0, y), "诊疗科目：", "serif", 34)
    subjects = f["subjects"].split("；")
    paragraph(cv, "；".join(subjects), subjects, x0 + 230, x1 - 380, y, vk, 32, 56, indent=False)
    sign_off(img, cv, rng, [f["issuer"], fmt_date(f["issue_date"], "hanzi")], x1, h - 250,
             face("serif", f["issuer"]), 34, f["issuer"], radius=120, lead=62)  # fmt: skip
    out = phone_light(glare(img, rng), rng, 0.2)
    return Rendered(out, None, cv.min_glyph, "licence")


# --------------------------------------------------------------------------------------------
# 社会保险: a statement listing the unit per month, insurance column groups (landscape)

UNIT_WORDS = ("足额缴费", "未缴费")


def unit_rows(f: dict[str, str]) -> tuple[list[str], list[list[str]]]:
    """(insurance kinds, rows of 结算期 202508 | 参保单位 | per kind: 缴费基数, 缴费状态)."""
    kinds: list[str] = []
    by_month: dict[str, dict[str, tuple[str, str]]] = {}
    for month, kind, base, status in _payments(f):
        short = kind.replace("城镇职工基本", "")
        if short not in kinds:
            kinds.append(short)
        word = UNIT_WORDS[0] if status == "已缴" else UNIT_WORDS[1]
        by_month.setdefault(month, {})[short] = (base, word)
    rows = []
    for month, cells in by_month.items():
        row = [month, f["work_unit"]]
        for k in kinds:
            row += list(cells.get(k, ("", "")))
        rows.append(row)
    return kinds, rows


def si_unit(doc: Doc, rng: random.Random) -> Rendered:
    """A landscape 参保人员缴费明细 (Hei): the person on one line (姓名, 社会保障号码 — the ID
    number), a table whose header has merged cells (结算期 and 参保单位 over two rows, each
    insurance over its 缴费基数 and 缴费状态: 足额缴费/未缴费), the unit repeated on every
    month's row, the agency's seal over its name and a slashed print date."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    title = "参保人员缴费明细"
    cv.centered(w / 2, 130, title, "hei", 56, INK, spacing=6, body=False)
    vk = face("hei", f["name"], f["work_unit"], f["agency"])
    x = cv.text((90, 220), "姓名：", "hei", 30)
    x = cv.text((x, 220), f["name"], face(vk, f["name"]), 32)
    x = cv.text((x + 80, 220), "社会保障号码：", "hei", 30)
    cv.text((x, 220), f["id_number"], "hei", 32)
    kinds, rows = unit_rows(f)
    x0, x1 = 90.0, w - 90.0
    unit_w = 560.0
    group = (x1 - x0 - 190 - unit_w) / max(1, len(kinds))
    edges = [x0, x0 + 190, x0 + 190 + unit_w]
    for i in range(len(kinds)):
        edges += [edges[2] + i * group + group * 0.45, edges[2] + (i + 1) * group]
    top = 270.0
    hh = 56.0
    rh = min(64.0, (h - 200 - top - 2 * hh) / max(1, len(rows)))
    size = max(26, min(30, int(rh * 0.5)))
    d.rectangle((x0, top, x1, top + 2 * hh), fill=(230, 230, 230))
    cv.text((x0 + 40, top + hh + 12), "结算期", "hei", 28)
    cv.text((edges[1] + 220, top + hh + 12), "参保单位", "hei", 28)
    for i, kind in enumerate(kinds):
        ga, gb = edges[2 + 2 * i], edges[4 + 2 * i]
        cv.centered((ga + gb) / 2, top + hh / 2 + 10, kind, "hei", 28)
        cv.text((ga + 14, top + hh * 1.5 + 10), "缴费基数", "hei", 26)
        cv.text((edges[3 + 2 * i] + 14, top + hh * 1.5 + 10), "缴费状态", "hei", 26)
        d.line((ga, top + hh, gb, top + hh), fill=INK, width=1)
        d.line((edges[3 + 2 * i], top + hh, edges[3 + 2 * i], top + 2 * hh), fill=INK, width=1)
    body = top + 2 * hh
    for r, row in enumerate(rows):
        ya = body + r * rh
        for c, text in enumerate(row):
            if text:
                k = face(vk, text)
                s = fit(k, size, text, edges[c + 1] - edges[c] - 24, 26)
                cv.text((edges[c] + 12, ya + rh / 2 + s * 0.36), text, k, s)
        d.line((x0, ya, x1, ya), fill=INK, width=1)
    bottom = body + len(rows) * rh
    d.rectangle((x0, top, x1, bottom), outline=INK, width=2)
    for c, ex in enumerate(edges[1:-1], start=1):
        d.line((ex, top if c <= 2 or c % 2 == 0 else top + hh, ex, bottom), fill=INK, width=1)
    y = bottom + 70
    cv.text((x0, y), f"共{len(rows)}个月。", "hei", 30)
    agency = f["agency"]
    sign_off(img, cv, rng, [agency, f"打印日期：{slash(f['print_date'])}"], x1, max(y + 90,
             h - 200), face("hei", agency), 32, agency, bottom="业务专用章", radius=115,
             lead=60)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_unit_scan_pdf(fields: dict[str, str]) -> bytes:
    """The statement printed, sealed and scanned back to a landscape PDF (no text layer)."""
    rng = random.Random(f"si-unit-scan/{fields['id_number']}/{fields['print_date']}")
    page = si_unit(Doc("social_insurance", fields), rng).image
    return scan_pdf(page, rng, landscape=True)


# --------------------------------------------------------------------------------------------
# 医师资格证书: a photocopy certified 与原件一致 by hand


def qualification_certified(doc: Doc, rng: random.Random) -> Rendered:
    """A photocopy of the certificate's page (portrait, Song; grey, low contrast, a staple),
    the labels in one column with full-width colons in its own order (证书编码 first, 公民
    身份号码, 资格类别 before 资格级别, 批准日期 as 2015年12月5日), then written over the copy
    in blue ink: 此复印件与原件一致, a signature and the date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 252, 250), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((80, 80, w - 81, 1200), outline=INK, width=3)
    cv.centered(w / 2, 220, "医师资格证书", "serif_bold", 70, INK, spacing=14, body=False)
    _portrait(img, doc, (w - 380, 290, w - 160, 560), (240, 240, 240))
    vk = face("serif", *f.values())
    y = 330.0
    for label, value in (
        ("证书编码", f["qualification_number"]), ("姓　　名", f["name"]),
        ("性　　别", f["gender"]), ("公民身份号码", f["id_number"]),
        ("资格类别", f["qual_category"]), ("资格级别", f["qualification"]),
        ("批准日期", fmt_date(f["issue_date"], "cn")),
    ):  # fmt: skip
        x = cv.text((140, y), f"{label}：", "serif", 32)
        k = face(vk, value)
        edge = w - 420 if y < 600 else w - 140
        cv.text((x + 8, y), value, k, fit(k, 36, value, edge - x - 8, 26))
        y += 100
    authority = health_authority(iso(f["issue_date"]))
    sign_off(img, cv, rng, [authority], w - 150, 1120, "serif", 34, authority, radius=120)
    out = photocopy(img, rng)
    cv2_ = Canvas(out)
    blue = (30, 50, 150)
    cv2_.text((200, 1400), "此复印件与原件一致", "kai", 52, blue)
    x = cv2_.text((200, 1500), "核对人：", "kai", 44, blue)
    scrawl(cv2_.draw, x + 10, 1490, rng, 200)
    cv2_.text((200, 1600), slash(certified_on(rng)), "kai", 44, blue)
    return Rendered(out, None, min(cv.min_glyph, cv2_.min_glyph), "assistant_qualification")


def certified_on(rng: random.Random) -> str:
    """The day the copy was certified, in the weeks before the upload window (ISO)."""
    return f"2025-12-{rng.randint(1, 28):02d}"


# --------------------------------------------------------------------------------------------
# 医师执业证书: the page with its 多机构执业备案 row (another unit beside the main one)


def filing_unit(f: dict[str, str]) -> str:
    """The second institution the doctor is filed to practise at (never the form's unit)."""
    pool = [hosp.name for hosp in people.HOSPITALS if hosp.name != f["work_unit"]]
    return random.Random(f"filing-unit/{f['id_number']}").choice(pool)


def practice_filing(doc: Doc, rng: random.Random) -> Rendered:
    """The 医师执业证书's page in Hei (portrait): a ruled table under a shaded dark header row
    in white (注册信息), labels 证书编码 / 公民身份号码 / 主要执业机构 (the form's unit) /
    注册日期 ISO 2016-04-06, then a 多机构执业备案 table naming another institution with its
    own filing date, the issuer's seal over its name."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 253, 250), rng, 2)
    cv = Canvas(img)
    cv.centered(w / 2, 170, "医师执业证书", "hei", 68, (30, 60, 110), spacing=12, body=False)
    vk = face("hei", *f.values(), filing_unit(f))
    x0, x1, a = 90.0, w - 90.0, 360.0
    rh = 80.0
    y = 260.0
    dark_row(cv, (x0, x1), y, 64, ["注册信息"], (30, 60, 110), "hei", 32)
    y += 64
    _portrait(img, doc, (int(x1 - 220), int(y + 8), int(x1 - 20), int(y + 232)), None)
    for label, value in (
        ("姓名", f["name"]), ("性别", f["gender"]), ("证书编码", f["practice_number"]),
        ("公民身份号码", f["id_number"]), ("医师级别", f["practice_level"]),
        ("执业类别", f["practice_category"]), ("执业范围", f["scope"]),
        ("主要执业机构", f["work_unit"]), ("注册日期", f["registration_date"]),
    ):  # fmt: skip
        right = x1 - 240 if y < 320 + 3 * rh else x1
        pair(cv, (x0, y, right, y + rh), label, value, "hei", vk, 32, a, line=INK)
        y += rh
    y += 60
    dark_row(cv, (x0, x1), y, 64, ["多机构执业备案"], (30, 60, 110), "hei", 32)
    y += 64
    reg = iso(f["registration_date"])
    filed = f"{min(2025, reg.year + 2)}-{reg.month:02d}-{min(reg.day, 28):02d}"
    for label, value in (("备案机构", filing_unit(f)), ("备案日期", filed)):
        pair(cv, (x0, y, x1, y + rh), label, value, "hei", vk, 32, a, line=INK)
        y += rh
    sign_off(img, cv, rng, [f"发证机关：{f['issuer']}"], x1, y + 160, face("hei", f["issuer"]),
             34, f["issuer"], radius=120)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# Registration

HELD_OUT = (
    ("diploma", "photo", diploma_photo, None,
     "phone photo of the diploma on a desk (wood around the page, shadow from a corner, warm "
     "cast): red spaced title, 证书编号 under it, photo top right, Song sentence …专业三年制中专"
     "学习…, principal's name left, school under its seal, Chinese-numeral date"),
    ("degree", "band", degree_band, None,
     "landscape Ming degree under a dark green header band (logo, school and 学位证书 in "
     "white), sentence …经{school}学位评定委员会审定，授予医学硕士学位, 学位证书编号 under the "
     "photo, padded date under the seal"),
    ("diploma_record", "english", record_english, record_english_pdf,
     "学信网's bilingual verification report: Chinese and English titles, English sub-labels "
     "under the Chinese ones (证件号码 ID No.), school fields before the person's, ISO dates, QR "
     "top right; PDF with a text layer"),
    ("mentorship_cert", "panels", mentorship_panels, None,
     "landscape two-panel certificate: photo and particulars left with each value under its "
     "grey label (证件号码, 专长项目), title and Kai sentence right, dotted date under the seal"),
    ("pledge", "handwritten", pledge_handwritten, None,
     "copied out by hand in blue-black Kai on lined paper: 承诺书, particulars in running text "
     "(证件号码), three numbered promises, 承诺人 with a signature, date 2026.1.15; no form, no "
     "seal"),
    ("probation_cert", "appraisal", probation_appraisal, None,
     "试用期考核证明 as a 鉴定表 in Song: grid with 名字, 身份证号码, 所在单位, 起止日期 padded "
     "with a dash, a tall 鉴定意见 box with Kai remarks (表现良好/优秀) and 考核结论, "
     "科室负责人 signature, seal over the date 2025年7月10日"),
    ("practice_period_cert", "system", practice_period_system, None,
     "定期考核 system print-out in Sans: grey system bar, table under a dark header row (公民"
     "身份号码, 执业机构, 考核周期 ISO …至…), statement, seal over the unit's name and ISO date, "
     "打印时间 foot line"),
    ("licence", "frame", licence_frame, None,
     "phone photo of the 正本 in its wooden frame on the wall: glare band over the glass, uneven "
     "light, Song labels with full-width colons (法定代表人, 登　记　号, padded 有效期限), wrapped "
     "诊疗科目, Chinese-numeral date under the issuer's seal"),
    ("social_insurance", "unit", si_unit, si_unit_scan_pdf,
     "landscape Hei 参保人员缴费明细: 姓名 and 社会保障号码 on one line, merged two-row header "
     "(结算期 202508, 参保单位 repeated per month, per insurance 缴费基数/缴费状态 足额缴费/"
     "未缴费), months count, seal over the agency, slashed print date; PDF a scan (no text)"),
    ("assistant_qualification", "certified", qualification_certified, None,
     "stapled photocopy of the certificate page (证书编码 first, 公民身份号码, 批准日期) "
     "certified by hand in blue Kai: 此复印件与原件一致, 核对人 signature, slashed date"),
    ("assistant_practice", "filing", practice_filing, None,
     "portrait Hei page under dark header rows: 证书编码, 公民身份号码, 主要执业机构 (the form's "
     "unit), ISO 注册日期, then a 多机构执业备案 table naming another institution; seal over the "
     "issuer"),
)  # fmt: skip
