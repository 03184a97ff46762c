"""Other issuers' layouts of the education materials (issue 15): diploma, degree,
diploma_record, mentorship_cert and pledge, two families each besides `classic`.

The first family of each material is *tuned* (readers may be developed against it); the
second is *held out* (never used while tuning the readers, nor adjusted to suit them). Each
prints every value exactly as the document's fields hold it (names with rare characters or
`·` included) and varies only what real issuers vary: field order, label wording, running
text against tables against label:value lists, typefaces, orientation, where the seal sits,
how dates are written, and for the 学历 备案表 a PDF with or without a text layer.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache

from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw

from lab.synth.render import (
    FONT_DIR,
    FONTS,
    INK,
    RED,
    Canvas,
    Doc,
    Rendered,
    _default_look,
    _ymd,
    _ymd_pad,
    cn_date,
    draw_portrait,
    draw_stamp,
    drawn,
    font,
    group4,
    iso,
    paper,
    wrap,
)

# --------------------------------------------------------------------------------------------
# Helpers

#: the Noto face a value falls back to when an issuer's typeface lacks one of its characters
#: (a name is never printed with a missing glyph)
FALLBACK = {"kai": "serif", "ming": "serif", "hei": "sans"}


@lru_cache(maxsize=16)
def _cmap(kind: str) -> frozenset[int]:
    name, index = FONTS[kind]
    path = name if name.startswith("/") else FONT_DIR + name
    return frozenset(TTFont(path, fontNumber=index, lazy=True).getBestCmap())


def face(kind: str, text: str) -> str:
    """`kind`, or its Noto fallback when the typeface cannot print every character."""
    if kind in FALLBACK and not all(c.isspace() or drawn(kind, c) for c in text):
        return FALLBACK[kind]
    return kind


def fit(kind: str, size: int, text: str, width: float, floor: int) -> int:
    """The largest size ≤ `size` (not below `floor`) at which `text` fits `width`."""
    while size > floor and font(kind, size).getlength(text) > width:
        size -= 1
    return size


def dot_date(s: str) -> str:
    """2025.06.30, as some issuers print a date."""
    return f"{iso(s):%Y.%m.%d}"


def ym(s: str) -> str:
    """A YYYY-MM month as 2021年6月."""
    d = iso(s + "-01")
    return f"{d.year}年{d.month}月"


def cn_month(s: str) -> str:
    """A YYYY-MM month in Chinese numerals: 二〇二一年六月."""
    return cn_date(iso(s + "-01")).rsplit("月", 1)[0] + "月"


def paragraph(
    cv: Canvas,
    text: str,
    kind: str,
    size: int,
    x0: float,
    x1: float,
    y: float,
    leading: float,
    keep: Sequence[str] = (),
    indent: int = 2,
) -> float:
    """Running text, wrapped without breaking any kept value; returns the next baseline."""
    kind = face(kind, text)
    first = indent * size
    for i, line in enumerate(wrap(text, kind, size, x1 - x0 - first, tuple(k for k in keep if k))):
        cv.text((x0 + (first if i == 0 else 0), y), line, kind, size)
        y += leading
    return y


def scrawl(img: Image.Image, x: float, y: float, rng: random.Random, width: float = 220) -> None:
    """A handwritten-looking signature: a few joined loops of uneven pen pressure."""
    d = ImageDraw.Draw(img)
    pts: list[tuple[float, float]] = []
    n = rng.randint(3, 5)
    for k in range(n * 12):
        t = k / 12
        px = x + t * width / n + 18 * math.cos(t * 2 * math.pi + rng.uniform(-0.2, 0.2))
        py = y - 24 * math.sin(t * 2 * math.pi) * (0.7 + 0.3 * math.sin(t))
        pts.append((px, py + rng.uniform(-2, 2)))
    ink = (25, 30, 70)
    for a, b in zip(pts, pts[1:], strict=False):
        d.line((a, b), fill=ink, width=rng.choice((3, 4, 4, 5)))
    d.line((pts[-1], (pts[-1][0] + 60, pts[-1][1] + 12)), fill=ink, width=3)


def frame(img: Image.Image, color: tuple[int, int, int], outer: int, inner: int) -> None:
    d = ImageDraw.Draw(img)
    w, h = img.size
    d.rectangle((outer, outer, w - outer - 1, h - outer - 1), outline=color, width=8)
    d.rectangle((inner, inner, w - inner - 1, h - inner - 1), outline=color, width=2)


def photo(
    img: Image.Image, doc: Doc, box: tuple[int, int, int, int], bg: tuple[int, int, int]
) -> None:
    """The holder's photo with its frame and an embossed steel seal over a corner."""
    draw_portrait(img, box, doc.look or _default_look(), bg)
    d = ImageDraw.Draw(img)
    d.rectangle(box, outline=(90, 90, 90), width=2)
    x1, y1 = box[2], box[3]
    d.ellipse((x1 - 110, y1 - 110, x1 + 50, y1 + 50), outline=(205, 205, 205), width=5)


def table(
    cv: Canvas,
    rows: Sequence[Sequence[str]],
    x0: int,
    x1: int,
    top: int,
    rh: int,
    cols: Sequence[int],
    lk: str,
    vk: str,
    ls: int,
    vs: int,
    line: tuple[int, int, int] = INK,
) -> int:
    """A ruled table of label/value cells: a 2-cell row spans the whole width after its
    label, a 4-cell row uses `cols` (x of each cell start). Returns the bottom y."""
    d = cv.draw
    for i, cells in enumerate(rows):
        ya, yb = top + i * rh, top + (i + 1) * rh
        base = (ya + yb) / 2 + vs * 0.36
        d.line((x0, ya, x1, ya), fill=line, width=3)
        starts = list(cols) if len(cells) == 4 else [cols[0], cols[1]]
        ends = [*starts[1:], x1]
        for c, text in enumerate(cells):
            kind = face(lk if c % 2 == 0 else vk, text)
            size = fit(kind, ls if c % 2 == 0 else vs, text, ends[c] - starts[c] - 34, 30)
            cv.text((starts[c] + 20, base), text, kind, size)
        for cx in starts[1:]:
            d.line((cx, ya, cx, yb), fill=line, width=3)
    bottom = top + len(rows) * rh
    d.line((x0, bottom, x1, bottom), fill=line, width=3)
    d.line((x0, top, x0, bottom), fill=line, width=3)
    d.line((x1, top, x1, bottom), fill=line, width=3)
    return bottom


# --------------------------------------------------------------------------------------------
# 毕业证书


def diploma_booklet(doc: Doc, rng: random.Random) -> Rendered:
    """Tuned. A portrait booklet diploma (as many 高职 and 中专 schools print theirs): number
    at the top, photo left, running text in Kai with the birth date in Chinese numerals,
    then 校名 / 校长 lines and the date in Chinese numerals under the school's red seal."""
    w, h = 1240, 1754
    f = doc.fields
    img = paper(w, h, (250, 245, 230), rng, 4)
    cv = Canvas(img)
    red = (160, 30, 30)
    frame(img, red, 34, 58)
    heading = doc.extra.get("heading", "普通高等学校")
    cv.centered(w / 2, 210, heading, "ming", 56, INK, spacing=8, body=False)
    cv.centered(w / 2, 340, "毕业证书", "serif_bold", 110, red, spacing=30, body=False)
    cv.text((140, 440), "证书编号：", "hei", 38)
    cv.text((140 + font("hei", 38).getlength("证书编号："), 440), f["diploma_number"], "hei", 40)
    photo(doc=doc, img=img, box=(150, 500, 420, 860), bg=(90, 140, 205))
    b = iso(f["birth_date"])
    level = f.get("education_level", "本科")
    years = f.get("years", "五")
    text = (
        f"学生{f['name']}，性别{f['gender']}，{cn_date(b)}生，于{ym(f['enrol'])}至"
        f"{ym(f['graduation'])}在本校{f['major']}专业{years}年制{level}学习，"
        f"修完教学计划规定的全部课程，成绩合格，准予毕业。"
    )
    keep = (f"学生{f['name']}", cn_date(b), ym(f["enrol"]), ym(f["graduation"]), f["major"])
    y = paragraph(cv, text, "kai", 46, 150, w - 150, 940, 80, keep)
    y = min(max(y + 60, 1300), 1420)
    lx = 600
    school_kind = face("ming", f["school"])
    x = cv.text((lx, y), "校名：", "kai", 46)
    cv.text((x, y), f["school"], school_kind, fit(school_kind, 50, f["school"], w - 120 - x, 36))
    x = cv.text((lx, y + 90), "校长：", "kai", 46)
    cv.text((x, y + 90), f["principal"], face("kai", f["principal"]), 46)
    cv.text((lx, y + 180), cn_date(iso(f["issue_date"])), "kai", 46)
    # The seal over the date and the end of the principal's line.
    draw_stamp(
        img,
        (lx + 330 + rng.uniform(-20, 30), y + 140 + rng.uniform(-15, 15)),
        118,
        f["school"],
        rng,
    )
    return Rendered(img, None, cv.min_glyph, "diploma")


# --------------------------------------------------------------------------------------------
# 学位证书


def degree_portrait(doc: Doc, rng: random.Random) -> Rendered:
    """Tuned. The older portrait degree certificate: photo at the top centre, the 授予
    paragraph in its older wording (完成了本科学习计划，业已毕业 / 研究生学习计划，通过了
    学位论文答辩) in Ming, the committee chair as a label:value line, the number at the
    bottom left and the date in Chinese numerals under the seal."""
    w, h = 1240, 1754
    f = doc.fields
    img = paper(w, h, (248, 246, 236), rng, 4)
    cv = Canvas(img)
    color = rng.choice(((120, 30, 40), (30, 60, 120)))
    frame(img, color, 40, 64)
    level = f["degree_level"]
    cv.centered(w / 2, 250, f"{level}学位证书", "serif_bold", 96, color, spacing=16, body=False)
    cv.text((130, 350), "证书编号：" + f["degree_number"], "ming", 38)
    photo(
        img,
        doc,
        (w // 2 - 140, 400, w // 2 + 140, 770),
        (200, 60, 60) if rng.random() < 0.3 else (90, 140, 205),
    )
    b = iso(f["birth_date"])
    plan = (
        "本科学习计划，业已毕业"
        if level == "学士"
        else f"{level}研究生学习计划，通过了{level}学位论文答辩"
    )
    text = (
        f"{f['name']}，{f['gender']}，{b.year}年{b.month}月{b.day}日生。"
        f"在{f['school']}{f['major']}专业完成了{plan}，"
        f"经审核符合《中华人民共和国学位条例》的规定，授予医学{level}学位。"
    )
    keep = (
        f["name"],
        f"{b.year}年{b.month}月{b.day}日",
        f["school"],
        f["major"],
        "《中华人民共和国学位条例》",
    )
    y = paragraph(cv, text, "ming", 48, 140, w - 140, 880, 84, keep)
    y = min(max(y + 80, 1340), 1420)
    sx = 520
    school_kind = face("ming", f["school"])
    cv.text((sx, y), f["school"], school_kind, fit(school_kind, 50, f["school"], w - 110 - sx, 36))
    x = cv.text((sx, y + 90), "学位评定委员会主席：", "ming", 42)
    cv.text((x, y + 90), f["chair"], face("kai", f["chair"]), 46)
    cv.text((sx, y + 180), cn_date(iso(f["issue_date"])), "ming", 44)
    draw_stamp(
        img,
        (sx + 300 + rng.uniform(-20, 40), y + 150 + rng.uniform(-10, 10)),
        118,
        f["school"],
        rng,
    )
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表


def record_list_rows(f: dict[str, str]) -> list[tuple[str, str]]:
    """The list layout's rows (the 学信网's newer one-column 备案表): label, value."""
    return [
        ("姓名", f["name"]),
        ("性别", f["gender"]),
        ("出生日期", _ymd_pad(f["birth_date"])),
        ("证件号码", f["id_number"]),
        ("入学日期", _ymd_pad(f["enrol_date"])),
        ("毕(结)业日期", _ymd_pad(f["graduation_date"])),
        ("学校名称", f["school"]),
        ("专业", f["major"]),
        ("学制", f"{f['years']}年"),
        ("层次", f["record_level"]),
        ("学历类别", f["record_category"]),
        ("学习形式", "普通全日制"),
        ("毕(结)业", "毕业"),
        ("证书编号", f["diploma_number"]),
        ("校(院)长姓名", f["principal"]),
    ]


def record_list(doc: Doc, rng: random.Random) -> Rendered:
    """Tuned. The 备案表 as a one-column list (label left, value right, light rules), photo
    top right, Hei, the number ungrouped, the code and its validity in a box at the foot."""
    w, h = 1240, 1754
    f = doc.fields
    img = paper(w, h, (254, 254, 253), rng, 1.5)
    cv = Canvas(img)
    d = cv.draw
    band = (24, 96, 170)
    d.rectangle((0, 0, w, 200), fill=band)
    title = f["title"]
    cv.centered(
        w / 2, 125, title, "hei", fit("hei", 56, title, w - 160, 36), (255, 255, 255), body=False
    )
    cv.text((w - 520, 262), f"更新日期：{_ymd_pad(f['update_date'])}", "hei", 30, (90, 90, 100))
    photo_box = (w - 300, 300, w - 110, 550)
    draw_portrait(img, photo_box, doc.look or _default_look(), (250, 250, 250))
    lx, vx, top, rh = 110, 400, 340, 70
    grey = (110, 110, 120)
    for i, (label, value) in enumerate(record_list_rows(f)):
        y = top + i * rh
        cv.text((lx, y), label, "hei", 32, grey)
        right = photo_box[0] - 30 if y < photo_box[3] + 20 else w - 110
        kind = face("hei", value)
        cv.text((vx, y), value, kind, fit(kind, 36, value, right - vx, 28))
        d.line((lx, y + 24, right, y + 24), fill=(215, 220, 230), width=2)
    y = top + len(record_list_rows(f)) * rh + 40
    d.rectangle((lx - 10, y, w - 110, y + 200), outline=band, width=3)
    cv.text((lx + 20, y + 70), f"在线验证码：{f['verification_code']}", "hei", 38)
    cv.text((lx + 20, y + 150), f"在线验证报告有效期至：{_ymd_pad(f['valid_until'])}", "hei", 34)
    q0, qs = w - 330, 8
    for r in range(21):
        for c in range(21):
            if rng.random() < 0.5 or (r < 7 and c < 7) or (r < 7 and c > 13) or (r > 13 and c < 7):
                d.rectangle(
                    (q0 + c * qs, y + 15 + r * qs, q0 + c * qs + qs - 1, y + 15 + r * qs + qs - 1),
                    fill=INK,
                )
    cv.text((lx, h - 90), "学信网 https://www.chsi.com.cn", "hei", 28, grey, body=False)
    return Rendered(img, None, cv.min_glyph, "diploma_record")


FIXED_DATE = datetime(2025, 1, 1, tzinfo=UTC)


def record_list_pdf(fields: dict[str, str]) -> bytes:
    """The list layout downloaded from the 学信网: a PDF with a text layer (fpdf2)."""
    from lab.synth import pdfdoc

    rows = record_list_rows(fields)
    title = fields.get("title", "教育部学历证书电子注册备案表")
    foot = (
        "在线验证码：",
        "在线验证报告有效期至：",
        "更新日期：",
        "学信网 https://www.chsi.com.cn",
    )
    pdf = pdfdoc._new_pdf(
        title, FIXED_DATE, [*fields.values(), *(t for r in rows for t in r), *foot]
    )
    pdf.set_fill_color(24, 96, 170)
    pdf.rect(0, 0, 210, 30, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font("noto", size=16)
    pdf.set_xy(10, 10)
    pdf.cell(190, 10, title, align="C")
    pdf.set_text_color(90, 90, 100)
    pdf.set_font("noto", size=9)
    pdf.set_xy(110, 36)
    pdf.cell(90, 6, f"更新日期：{_ymd_pad(fields['update_date'])}", align="R")
    y = 48
    pdf.set_draw_color(215, 220, 230)
    for label, value in rows:
        pdf.set_xy(18, y)
        pdf.set_text_color(110, 110, 120)
        pdf.set_font("noto", size=10)
        pdf.cell(48, 8, label)
        pdf.set_text_color(0, 0, 0)
        pdf.set_font("noto", size=11)
        pdf.cell(120, 8, value)
        pdf.line(18, y + 8.5, 192, y + 8.5)
        y += 11
    y += 6
    pdf.set_draw_color(24, 96, 170)
    pdf.rect(16, y, 176, 28)
    pdf.set_font("noto", size=12)
    pdf.set_xy(20, y + 4)
    pdf.cell(150, 8, f"在线验证码：{fields['verification_code']}")
    pdf.set_font("noto", size=10)
    pdf.set_xy(20, y + 16)
    pdf.cell(150, 8, f"在线验证报告有效期至：{_ymd_pad(fields['valid_until'])}")
    pdf.set_font("noto", size=8)
    pdf.set_text_color(110, 110, 120)
    pdf.set_xy(18, 282)
    pdf.cell(170, 6, "学信网 https://www.chsi.com.cn")
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 出师证书 / 确有专长证书


def mentorship_table(doc: Doc, rng: random.Random) -> Rendered:
    """Tuned. A provincial 中医药管理局's portrait certificate: a ruled table (公民身份号码,
    出师专业 / 专长 as its own label), the photo in the table's top right, the bureau's seal
    over the 发证机关 and 发证日期 rows and the closing sentence."""
    w, h = 1240, 1754
    f = doc.fields
    img = paper(w, h, (250, 249, 243), rng, 3)
    cv = Canvas(img)
    title = f["title"]
    cv.centered(
        w / 2, 230, title, "hei", fit("hei", 68, title, w - 200, 40), (150, 30, 30), body=False
    )
    x0, x1, top, rh = 110, 1130, 330, 110
    major = "出师专业" if "师承" in title else "医术专长"
    cols = (x0, x0 + 250, x0 + 560, x0 + 710)
    rows: list[list[str]] = [
        ["姓名", f["name"], "性别", f["gender"]],
        ["公民身份号码", f["id_number"]],
        [major, f["major"]],
        ["证书编号", f["cert_number"]],
        ["发证机关", f["issuer"]],
        ["发证日期", _ymd(f["issue_date"])],
    ]
    bottom = table(cv, rows, x0, x1, top, rh, cols, "hei", "ming", 40, 44)
    y = bottom + 110
    sentence = (
        "经考核合格，准予出师。特发此证。"
        if "师承" in title
        else "经考核合格，确认其医术确有专长。特发此证。"
    )
    cv.text((x0 + 40, y), sentence, "ming", 44)
    photo(img, doc, (x1 - 300, bottom + 170, x1 - 40, bottom + 500), (240, 242, 246))
    issuer_y = top + 4 * rh + rh / 2
    draw_stamp(
        img,
        (x0 + 640 + rng.uniform(-40, 40), issuer_y + rh * 0.6 + rng.uniform(-15, 15)),
        130,
        f["issuer"],
        rng,
    )
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 报考承诺书

PLEDGE_ITEMS = (
    "一、本人所填报的报名信息及提交的报名材料真实、准确、有效，如有虚假，自愿承担相应责任。",
    "二、本人将于规定时间内取得毕业证书，并按要求提交考区审核。",
    "三、如未能按时取得毕业证书，本人自愿放弃本年度医师资格考试资格及成绩，并承担由此产生的一切后果。",
)


def pledge_form(doc: Doc, rng: random.Random) -> Rendered:
    """Tuned. A 考区's fill-in template: 考生姓名 / 身份证号码 / 毕业院校 / 所学专业 lines with
    the values on underlines, numbered promises, a handwritten signature and the date."""
    w, h = 1240, 1754
    f = doc.fields
    img = paper(w, h, (253, 253, 251), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    title = "医师资格考试应届医学专业毕业生报考承诺书"
    cv.centered(w / 2, 220, title, "hei", fit("hei", 60, title, w - 180, 40), INK, body=False)
    lines = [
        ("考生姓名：", f["name"]),
        ("身份证号码：", f["id_number"]),
        ("毕业院校：", f["school"]),
        ("所学专业：", f["major"]),
        ("预计毕业时间：", ym(f["expected_graduation"])),
    ]
    x0, x1 = 120, 1120
    y: float = 380
    vk = rng.choice(("kai", "ming"))
    for label, value in lines:
        x = cv.text((x0, y), label, "hei", 42)
        kind = face(vk, value)
        cv.text((x + 20, y), value, kind, fit(kind, 46, value, x1 - x - 30, 32))
        d.line((x + 10, y + 12, x1, y + 12), fill=INK, width=2)
        y += 100
    y += 40
    cv.text((x0, y), "本人郑重承诺：", "hei", 42)
    y += 80
    for item in PLEDGE_ITEMS:
        y = paragraph(cv, item, "ming", 40, x0, x1, y, 66, indent=0) + 14
    y = max(y + 120, 1400)
    x = cv.text((560, y), "承诺人（签名）：", "hei", 42)
    scrawl(img, x + 20, y - 8, rng, 180)
    cv.text((560, y + 110), f"日期：{_ymd(f['date'])}", "hei", 42)
    return Rendered(img, None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# Held-out families: written apart from the readers, never used to tune them, and never
# changed to suit them (issue 15: the report's "families we did not tune on").


def diploma_proof(doc: Doc, rng: random.Random) -> Rendered:
    """Held out. A 毕业证明书 a school issues in place of a lost diploma: a typed letter
    under the school's red letterhead (Ming), the photo right of the text with a seal over
    its corner, no 学生/在本校 wording, the number inside the sentence, the date dotted
    (2021.06.30) under the school's seal."""
    w, h = 1240, 1754
    f = doc.fields
    img = paper(w, h, (252, 252, 250), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    head = face("hei", f["school"])
    cv.centered(
        w / 2, 150, f["school"], head, fit(head, 56, f["school"], w - 200, 36), RED, body=False
    )
    d.line((100, 190, w - 100, 190), fill=RED, width=4)
    d.line((100, 200, w - 100, 200), fill=RED, width=1)
    cv.centered(w / 2, 320, "毕业证明书", "serif_bold", 76, INK, spacing=14, body=False)
    box = (w - 370, 400, w - 130, 720)
    draw_portrait(img, box, doc.look or _default_look(), (250, 250, 250))
    d.rectangle(box, outline=(90, 90, 90), width=2)
    b = iso(f["birth_date"])
    level = f.get("education_level", "本科")
    years = f.get("years", "五")
    kind = "ming"
    g = iso(f["graduation"] + "-01")
    cv.text((130, 420), f"（{g.year}）毕证字第{rng.randint(1, 400):03d}号", kind, 36)
    born = f"{b.year}年{b.month}月{b.day}日"
    text = (
        f"{f['name']}，{f['gender']}，{born}生，于{ym(f['enrol'])}入学，"
        f"在我校{f['major']}专业{years}年制{level}学习，修完教学计划规定的全部课程，"
        f"成绩合格，于{ym(f['graduation'])}毕业，毕业证书编号为{f['diploma_number']}。"
        f"因原毕业证书遗失，经核查学籍档案，情况属实，特此证明。"
    )
    keep = (f["name"], born, ym(f["enrol"]), ym(f["graduation"]), f["major"], f["diploma_number"])
    # beside the photo the lines are short; below it they run the full width
    kind = face(kind, text)
    y: float = 540
    rest = text
    lines_beside = wrap(rest, kind, 44, box[0] - 40 - 130 - 88, keep)
    first = lines_beside[0]
    cv.text((130 + 88, y), first, kind, 44)
    y += 78
    rest = rest[len(first) :]
    while rest and y < box[3] + 20:
        line = wrap(rest, kind, 44, box[0] - 40 - 130, keep)[0]
        cv.text((130, y), line, kind, 44)
        rest = rest[len(line) :]
        y += 78
    if rest:
        y = paragraph(cv, rest, kind, 44, 130, w - 130, y, 78, keep, indent=0)
    y += 30
    cv.text((130 + 88, y), "本证明书与毕业证书具有同等效力。", kind, 44)
    y = max(y + 240, 1260)
    sx = 660
    x = cv.text((sx, y), "校长：", kind, 44)
    cv.text((x, y), f["principal"], face(kind, f["principal"]), 44)
    sk = face(kind, f["school"])
    cv.text((sx, y + 90), f["school"], sk, fit(sk, 46, f["school"], w - 100 - sx, 34))
    cv.text((sx, y + 180), dot_date(f["issue_date"]), kind, 44)
    draw_stamp(
        img,
        (sx + 230 + rng.uniform(-30, 30), y + 110 + rng.uniform(-20, 20)),
        125,
        f["school"],
        rng,
    )
    # the school's seal over the photo's lower corner, as on every 证明书 photo
    draw_stamp(img, (box[0] + 30, box[3] - 20), 85, f["school"], rng)
    return Rendered(img, None, cv.min_glyph, "diploma")


def degree_booklet(doc: Doc, rng: random.Random) -> Rendered:
    """Held out. A landscape two-panel booklet opened flat: the left panel holds the photo,
    the title and the number; the right one the 授予 text in Kai, which names the school
    only as 本校 (its name is printed below, under the seal), the birth and the award date
    in Chinese numerals."""
    w, h = 1754, 1240
    f = doc.fields
    img = paper(w, h, (244, 240, 226), rng, 5)
    cv = Canvas(img)
    d = cv.draw
    color = rng.choice(((130, 28, 36), (110, 80, 30)))
    frame(img, color, 28, 48)
    mid = w // 2
    d.line((mid, 48, mid, h - 48), fill=(200, 190, 170), width=3)
    level = f["degree_level"]
    cv.centered(mid / 2, 220, "学位证书", "serif_bold", 92, color, spacing=20, body=False)
    box = (mid // 2 - 135, 330, mid // 2 + 135, 690)
    photo(img, doc, box, (90, 140, 205))
    x = cv.text((150, 840), "证书编号", "kai", 40)
    cv.text((x + 24, 840), f["degree_number"], "kai", 42)
    b = iso(f["birth_date"])
    study = "学士学位课程的学习" if level == "学士" else f"{level}学位研究生学业"
    text = (
        f"{f['name']}，{f['gender']}，{cn_date(b)}生。在本校{f['major']}专业完成了{study}，"
        f"经审核符合《中华人民共和国学位条例》的规定，授予医学{level}学位。"
    )
    keep = (f["name"], cn_date(b), f["major"], "《中华人民共和国学位条例》")
    y = paragraph(cv, text, "kai", 46, mid + 90, w - 110, 250, 84, keep)
    y = max(y + 100, 800)
    sx = mid + 300
    sk = face("kai", f["school"])
    cv.text((sx, y), f["school"], sk, fit(sk, 50, f["school"], w - 100 - sx, 34))
    x = cv.text((sx, y + 90), "学位评定委员会主席", "kai", 42)
    cv.text((x + 24, y + 90), f["chair"], face("kai", f["chair"]), 46)
    cv.text((sx, y + 180), cn_date(iso(f["issue_date"])), "kai", 44)
    # the seal over the school's name and the date (the name still reads through the red)
    draw_stamp(
        img, (sx + 180 + rng.uniform(-40, 40), y + 80 + rng.uniform(-20, 20)), 120, f["school"], rng
    )
    return Rendered(img, None, cv.min_glyph, "degree")


def record_report(doc: Doc, rng: random.Random) -> Rendered:
    """Held out. The older printed 备案表 (Ming): the photo inside the table beside the
    first four rows, dates without padding (2014年7月1日), the number in groups of four,
    the validity as 验证有效期至, and the issuing centre's seal over the foot."""
    w, h = 1240, 1754
    f = doc.fields
    img = paper(w, h, (251, 251, 248), rng, 3)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    cv.centered(w / 2, 170, title, "ming", fit("ming", 58, title, w - 180, 40), INK, body=False)
    cv.text((w - 480, 260), f"更新日期：{_ymd(f['update_date'])}", "ming", 32)
    x0, x1, top, rh = 90, 1150, 300, 92
    px = x1 - 230
    lk, vk = "ming", "ming"
    for i, (label, value) in enumerate(
        (
            ("姓名", f["name"]),
            ("性别", f["gender"]),
            ("出生日期", _ymd(f["birth_date"])),
            ("证件号码", f["id_number"]),
        )
    ):
        ya = top + i * rh
        d.line((x0, ya, px, ya), fill=INK, width=2)
        cv.text((x0 + 18, ya + rh / 2 + 13), label, lk, 36)
        vkind = face(vk, value)
        cv.text(
            (x0 + 248, ya + rh / 2 + 14), value, vkind, fit(vkind, 40, value, px - x0 - 270, 30)
        )
        d.line((x0 + 230, ya, x0 + 230, ya + rh), fill=INK, width=2)
    d.line((x1, top, x1, top), fill=INK, width=2)
    d.line((px, top, x1, top), fill=INK, width=2)
    draw_portrait(
        img,
        (px + 25, top + 30, x1 - 25, top + 4 * rh - 30),
        doc.look or _default_look(),
        (245, 245, 245),
    )
    rows: list[list[str]] = [
        ["入学日期", _ymd(f["enrol_date"]), "毕(结)业日期", _ymd(f["graduation_date"])],
        ["学校名称", f["school"]],
        ["专业", f["major"], "学制", f"{f['years']}年"],
        ["层次", f["record_level"], "学历类别", f["record_category"]],
        ["学习形式", "普通全日制", "毕(结)业", "毕业"],
        ["证书编号", group4(f["diploma_number"])],
        ["校(院)长姓名", f["principal"]],
    ]
    bottom = table(
        cv, rows, x0, x1, top + 4 * rh, rh, (x0, x0 + 230, x0 + 570, x0 + 800), lk, vk, 36, 40
    )
    d.line((x0, top, x0, bottom), fill=INK, width=2)
    d.line((x1, top, x1, bottom), fill=INK, width=2)
    d.line((px, top, px, top + 4 * rh), fill=INK, width=2)
    y = bottom + 110
    cv.text((x0, y), f"在线验证码：{f['verification_code']}", "ming", 40)
    cv.text((x0, y + 80), f"验证有效期至：{_ymd(f['valid_until'])}", "ming", 38)
    cv.text((x0, y + 160), "本表可登录学信网（www.chsi.com.cn）以在线验证码查询核实。", "ming", 32)
    draw_stamp(
        img,
        (x0 + 760 + rng.uniform(-40, 40), y + 60 + rng.uniform(-20, 20)),
        130,
        "全国高等学校学生信息咨询与就业指导中心",
        rng,
    )
    return Rendered(img, None, cv.min_glyph, "diploma_record")


def record_scan_pdf(fields: dict[str, str]) -> bytes:
    """The printed 备案表 scanned back to a PDF: the page is one JPEG image, no text layer
    (a scanner's 120 dpi colour scan, a little tilted)."""
    from fpdf import FPDF

    rng = random.Random(f"scan/{fields['verification_code']}/{fields['id_number']}")
    page = record_report(Doc("diploma_record", dict(fields)), rng).image
    page = page.rotate(
        rng.uniform(-0.7, 0.7), resample=Image.Resampling.BICUBIC, fillcolor=(250, 250, 248)
    )
    page = page.resize((992, 1403), Image.Resampling.LANCZOS)
    quality = 80
    while True:
        buf = io.BytesIO()
        page.save(buf, "JPEG", quality=quality, optimize=True)
        if buf.tell() <= 170_000 or quality <= 40:
            break
        quality -= 8
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_producer("certcheck-synth scan")
    pdf.set_creator("certcheck-synth scan")
    pdf.add_page()
    buf.seek(0)
    pdf.image(buf, x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


def mentorship_letter(doc: Doc, rng: random.Random) -> Rendered:
    """Held out. A landscape certificate worded as running text in Kai (no label rows):
    photo and number (编号) on the left, the sentence naming the holder, 公民身份号码 and
    the specialty on the right, the bureau and a Chinese-numeral date under its seal."""
    w, h = 1754, 1240
    f = doc.fields
    img = paper(w, h, (247, 244, 236), rng, 5)
    cv = Canvas(img)
    color = (40, 90, 60) if rng.random() < 0.5 else (150, 40, 36)
    frame(img, color, 30, 52)
    title = f["title"]
    cv.centered(
        w / 2,
        200,
        title,
        "serif_bold",
        fit("serif_bold", 76, title, w - 300, 48),
        color,
        spacing=8,
        body=False,
    )
    box = (170, 330, 450, 700)
    photo(img, doc, box, (240, 242, 246))
    cv.text((150, 800), f"编号：{f['cert_number']}", "kai", 40)
    if "师承" in title:
        text = (
            f"{f['name']}，{f['gender']}，公民身份号码{f['id_number']}，"
            f"跟师学习{f['major']}，学习期满，经出师考核合格，准予出师。特发此证。"
        )
    else:
        text = (
            f"{f['name']}，{f['gender']}，公民身份号码{f['id_number']}，"
            f"经考核，其{f['major']}医术确有专长，考核合格。特发此证。"
        )
    keep = (f["name"], f["id_number"], f["major"])
    y = paragraph(cv, text, "kai", 50, 560, w - 130, 400, 92, keep)
    y = max(y + 120, 900)
    sx = 1000
    ik = face("kai", f["issuer"])
    cv.text((sx, y), f["issuer"], ik, fit(ik, 48, f["issuer"], w - 100 - sx, 34))
    cv.text((sx, y + 100), cn_date(iso(f["issue_date"])), "kai", 46)
    draw_stamp(
        img, (sx + 220 + rng.uniform(-40, 40), y + 30 + rng.uniform(-15, 15)), 130, f["issuer"], rng
    )
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


def pledge_statement(doc: Doc, rng: random.Random) -> Rendered:
    """Held out. A pledge written as one first-person statement (no table, no label lines):
    本人…，身份证号码…，系…专业…届应届毕业生, a signature scrawled after 承诺人, and
    the date dotted (2026.01.10)."""
    w, h = 1240, 1754
    f = doc.fields
    img = paper(w, h, (252, 251, 247), rng, 3)
    cv = Canvas(img)
    cv.centered(w / 2, 230, "承 诺 书", "serif_bold", 80, INK, body=False)
    cv.centered(w / 2, 320, "（医师资格考试应届毕业生适用）", "ming", 40, INK, body=False)
    g = iso(f["expected_graduation"] + "-01")
    text = (
        f"本人{f['name']}，身份证号码：{f['id_number']}，系{f['school']}{f['major']}专业"
        f"{g.year}届应届毕业生，预计于{g.year}年{g.month}月取得毕业证书。"
        f"本人自愿报名参加{iso(f['date']).year}年医师资格考试，现郑重承诺："
        f"本人提交的报名信息和材料均真实、有效；如在规定时间内未能取得毕业证书，"
        f"本人自愿放弃本年度考试资格及成绩，由此产生的一切后果由本人承担。"
    )
    kind = rng.choice(("ming", "kai"))
    keep = (f["name"], f["id_number"], f["school"], f["major"])
    y = paragraph(cv, text, kind, 46, 120, w - 120, 470, 86, keep)
    y = paragraph(cv, "特此承诺。", kind, 46, 120, w - 120, y + 10, 86)
    y = max(y + 200, 1350)
    x = cv.text((640, y), "承诺人：", kind, 46)
    scrawl(img, x + 10, y - 10, rng, 200)
    cv.text((640, y + 110), dot_date(f["date"]), kind, 46)
    return Rendered(img, None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# Registration


def register_all() -> None:
    """Register this module's families (called by families._builtin)."""
    from lab.synth.families import register

    register(
        "diploma",
        "booklet",
        diploma_booklet,
        held_out=False,
        note="portrait booklet (高职/中专): number on top, Kai text, birth date and issue "
        "date in Chinese numerals, 校名/校长 labels, seal over the date",
    )
    register(
        "degree",
        "portrait",
        degree_portrait,
        held_out=False,
        note="older portrait degree: photo top centre, 完成了本科学习计划 wording in Ming, "
        "学位评定委员会主席： label, Chinese-numeral date under the seal",
    )
    register(
        "diploma_record",
        "list",
        record_list,
        held_out=False,
        note="学信网 one-column list (Hei, blue band, ungrouped number, code box); "
        "PDF with a text layer in the same layout",
        pdf=record_list_pdf,
    )
    register(
        "mentorship_cert",
        "table",
        mentorship_table,
        held_out=False,
        note="provincial bureau's portrait ruled table: 公民身份号码, 出师专业/医术专长, "
        "seal over 发证机关/日期 rows, photo below the table",
    )
    register(
        "pledge",
        "form",
        pledge_form,
        held_out=False,
        note="考区 fill-in template: 考生姓名/身份证号码/毕业院校/所学专业 on underlines, "
        "numbered promises, handwritten signature",
    )
    register(
        "diploma",
        "proof",
        diploma_proof,
        held_out=True,
        note="毕业证明书 for a lost diploma: typed letter under the school's letterhead (Ming), "
        "photo beside the text with a seal on it, 在我校, number inside the sentence, "
        "dotted date under the seal",
    )
    register(
        "degree",
        "booklet",
        degree_booklet,
        held_out=True,
        note="landscape two-panel booklet: photo/title/number left, Kai text right naming "
        "the school only as 本校, Chinese-numeral birth and award dates, seal over school "
        "name and date",
    )
    register(
        "diploma_record",
        "scan",
        record_report,
        held_out=True,
        note="older printed 备案表 (Ming): photo inside the table, unpadded dates, grouped "
        "number, 验证有效期至, issuing centre's seal over the foot; PDF uploads are "
        "scans (one JPEG page, no text layer)",
        pdf=record_scan_pdf,
    )
    register(
        "mentorship_cert",
        "letter",
        mentorship_letter,
        held_out=True,
        note="landscape certificate as running Kai text (no label rows): 公民身份号码 in "
        "the sentence, 编号 under the photo, Chinese-numeral date under the seal",
    )
    register(
        "pledge",
        "statement",
        pledge_statement,
        held_out=True,
        note="first-person statement (本人…，身份证号码…，系…应届毕业生), no table or "
        "label lines, 承诺人 with a scrawled signature, dotted date",
    )
