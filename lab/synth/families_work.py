"""Other issuers' layouts of the work materials (issue 15, item 5).

Two families per material beside the built-in one: a *tuned* family (the readers may be
developed against it) and a *held-out* family (the evaluation's "families we did not tune
on"). They differ from `classic` and from each other the way real issuers differ: field order,
label wording, running text (a letter) against ruled tables against label：value lists,
typefaces (Kai, Ming, Hei, Song), portrait booklet pages against landscape spreads, where the
red seal falls (over the signature, date and sometimes the unit's name), handwritten
signatures and how dates are written (2025年6月30日, 2025.06.30, 二〇二五年六月三十日).

Every value of the form is printed exactly as the document's fields hold it, through
`Canvas.text`, so the truth (`Rendered.texts`) and the stamp-over hard case keep working; a
typeface that lacks a character of a value (a rare name) gives way to Noto for that text, as
an issuer's printing system falls back to another font.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFilter

from lab.synth.render import (
    INK,
    Canvas,
    Doc,
    Rendered,
    _default_look,
    cn_date,
    cn_number,
    draw_portrait,
    draw_stamp,
    drawn,
    font,
    font_file,
    iso,
    paper,
    wrap,
)

PORTRAIT = (1240, 1754)
LANDSCAPE = (1754, 1240)
GREY = (70, 70, 78)

# --------------------------------------------------------------------------------------------
# Helpers


def fmt_date(s: str, style: str) -> str:
    """An ISO date as issuers print it: cn 2025年6月30日, pad 2025年06月30日, dot 2025.06.30,
    hanzi 二〇二五年六月三十日."""
    d = iso(s)
    if style == "cn":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "pad":
        return f"{d:%Y年%m月%d日}"
    if style == "dot":
        return f"{d:%Y.%m.%d}"
    if style == "hanzi":
        return cn_date(d)
    raise ValueError(f"unknown date style {style!r}")


@lru_cache(maxsize=16)
def _cmap(kind: str) -> frozenset[int]:
    return frozenset(font_file(kind).getBestCmap())


def face(kind: str, *texts: str) -> str:
    """`kind`, or Noto (Song for Kai/Ming, Sans for Hei) when it lacks a character of `texts`:
    a value is never printed with a missing glyph."""
    if kind not in ("kai", "ming", "hei"):
        return kind
    if all(c.isspace() or drawn(kind, c) for t in texts for c in t):
        return kind
    return "sans" if kind == "hei" else "serif"


def fit(kind: str, size: int, text: str, width: float, floor: int = 30) -> int:
    """The largest size ≤ `size` (not below `floor`) at which `text` fits `width`."""
    while size > floor and font(kind, size).getlength(text) > width:
        size -= 1
    return size


def paragraph(
    cv: Canvas,
    text: str,
    keep: Sequence[str],
    x0: float,
    x1: float,
    y: float,
    kind: str,
    size: int,
    lead: float,
    indent: bool = True,
) -> float:
    """A wrapped, justified paragraph (values in `keep` never split over lines, dates may, as
    in typeset letters); returns the next y."""
    pad = 2 * size if indent else 0
    lines = wrap(text, kind, size, x1 - x0 - pad, tuple(k for k in keep if k))
    for i, line in enumerate(lines):
        x = x0 + (pad if i == 0 else 0)
        spacing = 0.0
        if i < len(lines) - 1 and len(line) > 1:  # justified, as typeset letters are
            slack = x1 - x - font(kind, size).getlength(line)
            spacing = max(0.0, min(slack / (len(line) - 1), 0.25 * size))
        cv.text((x, y), line, kind, size, spacing=spacing)
        y += lead
    return y


def scrawl(d: ImageDraw.ImageDraw, x: float, y: float, rng: random.Random, length: float) -> None:
    """A handwritten signature: one quick cursive stroke of loops, then a flick."""
    n = 80
    f1, f2 = rng.uniform(16, 26), rng.uniform(9, 15)
    amp = rng.uniform(18, 28)
    pts = []
    for k in range(n):
        t = k / (n - 1)
        pts.append(
            (
                x + t * length + 16 * math.sin(t * f1),
                y - amp * math.cos(t * f2) * (1 - 0.35 * t) + rng.uniform(-1.5, 1.5),
            )
        )
    ink = rng.choice(((25, 30, 90), (20, 20, 30)))
    d.line(pts, fill=ink, width=rng.choice((3, 4)), joint="curve")
    d.line(
        [(x + length * 0.2, y + 22), (x + length * 1.05, y + rng.uniform(4, 14))],
        fill=ink,
        width=3,
    )


def sign_off(
    img: Image.Image,
    cv: Canvas,
    rng: random.Random,
    lines: Sequence[str],
    right: float,
    y: float,
    kind: str,
    size: int,
    seal: str,
    *,
    bottom: str = "",
    radius: float = 140,
    lead: float = 80,
) -> float:
    """The issuer's name and the date, right-aligned, the red seal stamped over them (as
    units seal across their name and date); returns the y below."""
    widest = 0.0
    for k, line in enumerate(lines):
        k_face = face(kind, line)
        width = font(k_face, size).getlength(line)
        widest = max(widest, width)
        cv.text((right - width, y + k * lead), line, k_face, size)
    cx = right - widest / 2 + rng.uniform(-40, 40)
    cy = y + (len(lines) - 1) * lead / 2 - size / 2 + rng.uniform(-25, 25)
    draw_stamp(img, (cx, cy), radius, seal, rng, bottom)
    return y + len(lines) * lead


def ruled_table(
    cv: Canvas,
    rows: Sequence[Sequence[str]],
    x0: float,
    x1: float,
    top: float,
    rh: float,
    lw: float,
    lk: str,
    ls: int,
    vk: str,
    vs: int,
    *,
    mid: float | None = None,
    lw2: float | None = None,
    line: tuple[int, int, int] = INK,
    width: int = 3,
) -> float:
    """A ruled label/value table: rows of (label, value) or (label, value, label, value);
    returns the bottom edge."""
    d = cv.draw
    mid = mid if mid is not None else x0 + (x1 - x0) * 0.58
    for i, cells in enumerate(rows):
        ya, yb = top + i * rh, top + (i + 1) * rh
        base = (ya + yb) / 2 + ls * 0.36
        d.line((x0, ya, x1, ya), fill=line, width=width)
        second = lw if lw2 is None else lw2
        edges = (x0, x0 + lw, mid, mid + second, x1) if len(cells) == 4 else (x0, x0 + lw, x1)
        for c, text in enumerate(cells):
            room = edges[c + 1] - edges[c] - 32
            if c % 2 == 0:
                k = face(lk, text)
                cv.text((edges[c] + 16, base), text, k, fit(k, ls, text, room, 26))
            else:
                k = face(vk, text)
                cv.text((edges[c] + 18, base), text, k, fit(k, vs, text, room, 28))
        for ex in edges[1:-1]:
            d.line((ex, ya, ex, yb), fill=line, width=width)
    bottom = top + len(rows) * rh
    d.line((x0, bottom, x1, bottom), fill=line, width=width)
    d.line((x0, top, x0, bottom), fill=line, width=width)
    d.line((x1, top, x1, bottom), fill=line, width=width)
    return bottom


def _pick(rng: random.Random, *options: str) -> str:
    return rng.choice(options)


def _portrait(
    img: Image.Image, doc: Doc, box: tuple[int, int, int, int], bg: tuple[int, int, int] | None
) -> None:
    draw_portrait(img, box, doc.look or _default_look(), bg)
    ImageDraw.Draw(img).rectangle(box, outline=(110, 110, 110), width=2)


def health_authority(d: date) -> str:
    """The national health authority that signed a certificate on `d` (its name changed in
    2013 and in 2018)."""
    if d < date(2013, 3, 16):
        return "中华人民共和国卫生部"
    if d < date(2018, 3, 27):
        return "中华人民共和国国家卫生和计划生育委员会"
    return "中华人民共和国国家卫生健康委员会"


# --------------------------------------------------------------------------------------------
# probation_cert: a hospital personnel office's ruled form (tuned), a letter (held out)


def probation_personnel(doc: Doc, rng: random.Random) -> Rendered:
    """人事处 form: Hei labels, 身份证号码 / 试用单位 / 试用期限 / 考核结论, dotted dates, the
    department head's handwriting and the seal over the date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (251, 251, 248), rng, 3)
    cv = Canvas(img)
    cv.centered(w / 2, 220, "医师资格考试试用期考核证明", "hei", 60, INK, body=False)
    period = f"{fmt_date(f['period_start'], 'dot')}至{fmt_date(f['period_end'], 'dot')}"
    vk = _pick(rng, "serif", "ming")
    rows = [
        ("姓名", f["name"], "性别", f["gender"]),
        ("身份证号码", f["id_number"]),
        ("试用单位", f["work_unit"]),
        ("试用科室", f["department"]),
        ("试用期限", period),
        ("考核结论", f["result"]),
    ]
    cv.text((110, 330), "经考核，该同志试用期考核情况如下：", "hei", 40)
    bottom = ruled_table(cv, rows, 110, 1130, 380, 118, 250, "hei", 42, vk, 44, mid=760)
    y = bottom + 130
    cv.text((110, y), "科室负责人（签字）：", "hei", 40)
    scrawl(cv.draw, 520, y - 8, rng, 200)
    y += 140
    cv.text((110, y), "人事部门（盖章）", "hei", 40)
    sign_off(img, cv, rng, [fmt_date(f["date"], "pad")], 1110, y + 110, "hei", 40, f["work_unit"])
    return Rendered(img, None, cv.min_glyph, "probation_cert")


def probation_letter(doc: Doc, rng: random.Random) -> Rendered:
    """A hospital's letter in Kai or Ming: 兹证明…同志…于…至…在我院…试用…考核合格; unit and
    date at the foot under the seal, the president's signature."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 251, 247), rng, 3)
    cv = Canvas(img)
    style = _pick(rng, "cn", "hanzi")
    start, end = fmt_date(f["period_start"], style), fmt_date(f["period_end"], style)
    text = (
        f"兹证明{f['name']}同志，性别{f['gender']}，身份证号：{f['id_number']}，"
        f"于{start}至{end}在我院{f['department']}进行医师资格考试试用期实践，"
        f"试用期满。经我院考核，其政治思想、职业道德、业务能力等方面表现，"
        f"考核结果为{f['result']}。"
    )
    kind = face(_pick(rng, "kai", "ming"), text, f["work_unit"])
    cv.centered(w / 2, 250, "试用期考核证明", kind, 76, INK, spacing=12, body=False)
    cv.text((130, 420), "医师资格考试考区：", kind, 46)
    keep = (f"{f['name']}同志", f["id_number"], f["department"])
    y = paragraph(cv, text, keep, 130, 1110, 520, kind, 46, 86)
    y = paragraph(cv, "特此证明。", (), 130, 1110, y + 10, kind, 46, 86)
    y += 120
    cv.text((130, y), "院长（签字）：", kind, 44)
    scrawl(cv.draw, 450, y - 6, rng, 190)
    sign_off(
        img,
        cv,
        rng,
        [f["work_unit"], fmt_date(f["date"], style)],
        1110,
        y + 170,
        kind,
        46,
        f["work_unit"],
        radius=150,
        lead=90,
    )
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# practice_period_cert: a label：value list (tuned), a letter (held out)


def practice_period_list(doc: Doc, rng: random.Random) -> Rendered:
    """Label：value lines in Ming (no ruling): 身份证号码, 执业起止时间 with dotted dates, the
    opinion, signature, then the unit's seal over the date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 252, 249), rng, 3)
    cv = Canvas(img)
    kind = face("ming", *f.values())
    cv.centered(w / 2, 210, "执业助理医师报考执业医师", "hei", 54, INK, body=False)
    cv.centered(w / 2, 290, "执业期考核证明", "hei", 54, INK, spacing=8, body=False)
    period = f"{fmt_date(f['period_start'], 'dot')}—{fmt_date(f['period_end'], 'dot')}"
    lines = [
        f"姓名：{f['name']}",
        f"性别：{f['gender']}",
        f"身份证号码：{f['id_number']}",
        f"执业机构：{f['work_unit']}",
        f"执业类别：{f['practice_category']}",
        f"执业起止时间：{period}",
        f"考核结果：{f['result']}",
    ]
    y: float = 440
    for line in lines:
        cv.text((150, y), line, kind, fit(kind, 46, line, 960))
        y += 96
    opinion = (
        "该同志在我单位执业期间遵守法律法规，考核合格，同意报考执业医师资格考试。"
        if f["result"] == "合格"
        else "该同志执业期考核未通过。"
    )
    y = paragraph(cv, f"单位意见：{opinion}", (), 150, 1100, y + 40, kind, 42, 76, indent=False)
    y += 90
    cv.text((150, y), "单位负责人：", kind, 42)
    scrawl(cv.draw, 420, y - 6, rng, 180)
    sign_off(
        img,
        cv,
        rng,
        ["（单位公章）", fmt_date(f["date"], "pad")],
        1100,
        y + 150,
        kind,
        42,
        f["work_unit"],
        lead=84,
    )
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


def practice_period_letter(doc: Doc, rng: random.Random) -> Rendered:
    """A letter in Kai: 兹证明…系我单位执业助理医师…自…起在我单位执业…; the unit named only in
    the sign-off, under its seal; dates in Chinese numerals or 年月日."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (251, 250, 246), rng, 3)
    cv = Canvas(img)
    style = _pick(rng, "hanzi", "cn")
    start, end = fmt_date(f["period_start"], style), fmt_date(f["period_end"], style)
    years = int((iso(f["period_end"]) - iso(f["period_start"])).days // 365.25)
    served = f"执业满{cn_number(years)}年。" if years >= 1 else ""
    agree = "同意其报考执业医师资格考试。" if f["result"] == "合格" else ""
    text = (
        f"兹证明{f['name']}（{f['gender']}，公民身份号码{f['id_number']}）系我单位执业助理医师，"
        f"执业类别为{f['practice_category']}。该同志自{start}至{end}在我单位执业，"
        f"{served}经考核，考核意见：{f['result']}。{agree}"
    )
    kind = face("kai", text, f["work_unit"])
    cv.centered(w / 2, 240, "证  明", kind, 84, INK, spacing=20, body=False)
    keep = (f["name"], f["id_number"])
    y = paragraph(cv, text, keep, 130, 1110, 420, kind, 46, 88)
    y = paragraph(cv, "特此证明。", (), 130, 1110, y + 10, kind, 46, 88)
    y += 110
    cv.text((130, y), "负责人签字：", kind, 44)
    scrawl(cv.draw, 420, y - 4, rng, 200)
    sign_off(
        img,
        cv,
        rng,
        [f["work_unit"], fmt_date(f["date"], style)],
        1110,
        y + 170,
        kind,
        46,
        f["work_unit"],
        radius=150,
        lead=90,
    )
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# licence: the electronic licence print-out (tuned), the old booklet's two pages (held out)


def licence_electronic(doc: Doc, rng: random.Random) -> Rendered:
    """The 电子证照 print-out of the 副本, landscape: Hei labels on the left (名称 as
    机构名称, 有效期 not 有效期限), 诊疗科目 in a right-hand column, a QR code, the seal over the
    issuer and date."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (250, 251, 248), rng, 3)
    cv = Canvas(img)
    d = cv.draw
    blue = (36, 70, 130)
    d.rectangle((40, 40, w - 41, h - 41), outline=blue, width=4)
    cv.centered(w / 2, 150, "医疗机构执业许可证", "hei", 76, INK, spacing=10, body=False)
    cv.centered(w / 2, 225, "（副本）", "hei", 44, INK, body=False)
    vf, vt = fmt_date(f["valid_from"], "pad"), fmt_date(f["valid_until"], "pad")
    rows = [
        ("登记号", f["registration_number"]),
        ("机构名称", f["work_unit"]),
        ("地址", f["address"]),
        ("法定代表人", f["legal_rep"]),
        ("主要负责人", f["head"]),
        ("有效期", f"自{vf}至{vt}"),
    ]
    lx, vx, right = 100, 330, 1010
    y: float = 330
    for label, value in rows:
        cv.text((lx, y), label, "hei", 36, GREY)
        k = face("sans", value)
        if label == "地址":
            for line in wrap(value, k, 36, right - vx):
                cv.text((vx, y), line, k, 36)
                y += 58
            y += 30
        else:
            cv.text((vx, y), value, k, fit(k, 38, value, right - vx))
            y += 88
    cv.text((1070, 330), "诊疗科目", "hei", 36, GREY)
    words = tuple(f["subjects"].split("；"))
    sy = 400
    for line in wrap(f["subjects"], "sans", 36, 560, words):
        cv.text((1070, sy), line, "sans", 36)
        sy += 60
    y = max(y, sy) + 60
    cv.text((lx, y), "发证机关", "hei", 36, GREY)
    cv.text((vx, y), f["issuer"], face("sans", f["issuer"]), 38)
    cv.text((lx, y + 80), "发证日期", "hei", 36, GREY)
    cv.text((vx, y + 80), fmt_date(f["issue_date"], "pad"), "sans", 38)
    draw_stamp(
        img, (vx + 300 + rng.uniform(-30, 60), y + 30 + rng.uniform(-20, 20)), 140, f["issuer"], rng
    )
    q0, qs, qy = 1450, 8, min(h - 300, y - 40)
    for r in range(25):
        for c in range(25):
            if rng.random() < 0.5 or (r < 7 and c < 7) or (r < 7 and c > 17) or (r > 17 and c < 7):
                d.rectangle(
                    (q0 + c * qs, qy + r * qs, q0 + c * qs + qs - 1, qy + r * qs + qs - 1), fill=INK
                )
    cv.text((q0 - 10, qy + 240), "扫码查验", "hei", 28, GREY, body=False)
    cv.centered(w / 2, h - 70, "中华人民共和国国家卫生健康委员会制", "hei", 26, GREY, body=False)
    return Rendered(img, None, cv.min_glyph, "licence")


def licence_booklet(doc: Doc, rng: random.Random) -> Rendered:
    """The old booklet 副本 opened flat: the left page has the title, 登记号, issuer, the date in
    Chinese numerals under the seal; the right page a ruled table in Ming (名称, 有效期限 with
    unpadded dates, 诊疗科目 listed with 、)."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (247, 246, 236), rng, 5)
    cv = Canvas(img)
    d = cv.draw
    d.line((w / 2, 30, w / 2, h - 30), fill=(200, 196, 182), width=5)
    kind = face("ming", *f.values())
    cv.centered(w / 4, 260, "医疗机构执业许可证", "serif_bold", 62, INK, spacing=6, body=False)
    cv.centered(w / 4, 350, "（副本）", "serif_bold", 48, INK, body=False)
    reg = f"登记号：{f['registration_number']}"
    cv.text((90, 520), reg, kind, fit(kind, 36, reg, w / 2 - 160))
    cv.text((90, 800), "发证机关：", kind, 38)
    cv.text((90, 870), f["issuer"], kind, fit(kind, 40, f["issuer"], w / 2 - 160))
    issued = fmt_date(f["issue_date"], "hanzi")
    cv.text((90, 970), issued, kind, 40)
    draw_stamp(
        img,
        (w / 4 + rng.uniform(-40, 60), 900 + rng.uniform(-30, 30)),
        150,
        f["issuer"],
        rng,
    )
    vf, vt = fmt_date(f["valid_from"], "cn"), fmt_date(f["valid_until"], "cn")
    rows: list[tuple[str, str]] = [
        ("名称", f["work_unit"]),
        ("地址", f["address"]),
        ("法定代表人", f["legal_rep"]),
        ("主要负责人", f["head"]),
    ]
    x0, x1, lw, top, rh = w / 2 + 60, w - 70, 200, 110, 100
    bottom = ruled_table(cv, rows, x0, x1, top, rh, lw, kind, 36, kind, 38, width=2)
    # 诊疗科目: a tall cell, the subjects wrapped inside it
    subjects = "、".join(f["subjects"].split("；"))
    words = tuple(f["subjects"].split("；"))
    lines = wrap(subjects, kind, 36, x1 - x0 - lw - 40, words)
    cell = max(rh, 60 * len(lines) + 40)
    cv.text((x0 + 16, bottom + 60), "诊疗科目", kind, 36)
    for i, line in enumerate(lines):
        cv.text((x0 + lw + 18, bottom + 60 + 60 * i), line, kind, 36)
    end = bottom + cell
    period = f"自{vf}至{vt}"
    cv.text((x0 + 16, end + rh / 2 + 13), "有效期限", kind, 36)
    cv.text(
        (x0 + lw + 18, end + rh / 2 + 13), period, kind, fit(kind, 38, period, x1 - x0 - lw - 40)
    )
    last = end + rh
    for yy in (end, last):
        d.line((x0, yy, x1, yy), fill=INK, width=2)
    for xx in (x0, x0 + lw, x1):
        d.line((xx, bottom, xx, last), fill=INK, width=2)
    return Rendered(img, None, cv.min_glyph, "licence")


# --------------------------------------------------------------------------------------------
# social_insurance: months as rows with the insurances as columns (tuned, text-layer PDF); a
# proof in words with spans of months (held out, scanned PDF)


def _payments(f: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(YYYYMM, 险种, 基数, 已缴|欠缴) rows of the document."""
    out = []
    for row in f["payments"].split(";"):
        if row:
            a, b, c, e = row.split("|")
            out.append((a, b, c, e))
    return out


def _kinds(pay: Sequence[tuple[str, str, str, str]]) -> list[str]:
    kinds: list[str] = []
    for _, k, _, _ in pay:
        if k not in kinds:
            kinds.append(k)
    return kinds


SHORT = {"城镇职工基本养老保险": "养老保险", "城镇职工基本医疗保险": "医疗保险"}

#: each family's status words for a paid and an unpaid month (drawn per person)
MONTHLY_WORDS = (("已缴", "欠缴"), ("已缴费", "未缴费"))
SPAN_WORDS = (("正常缴费", "欠费"), ("已到账", "未到账"))


def monthly_table(f: dict[str, str]) -> tuple[list[str], list[list[str]]]:
    """The 'monthly' family's table: header and one row per month (缴费年月, 缴费基数, a status
    cell per insurance)."""
    pay = _payments(f)
    kinds = _kinds(pay)
    paid, unpaid = random.Random(f"si-monthly/{f['id_number']}").choice(MONTHLY_WORDS)
    months: dict[str, dict[str, str]] = {}
    bases: dict[str, str] = {}
    for m, k, base, state in pay:
        months.setdefault(m, {})[k] = paid if state == "已缴" else unpaid
        bases.setdefault(m, base)
    header = ["缴费年月", "缴费基数", *(SHORT.get(k, k) for k in kinds)]
    rows = [
        [f"{m[:4]}-{m[4:]}", bases[m], *(months[m].get(k, "") for k in kinds)]
        for m in sorted(months)
    ]
    return header, rows


def monthly_person(f: dict[str, str]) -> list[tuple[str, str, str, str]]:
    return [
        ("姓名", f["name"], "身份证号码", f["id_number"]),
        ("缴费单位", f["work_unit"], "", ""),
    ]


def si_monthly(doc: Doc, rng: random.Random) -> Rendered:
    """A city system's 个人缴费明细: a ruled person block (身份证号码, 缴费单位), then one row
    per month with the insurances as columns; the print date and the 业务专用章 below."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 253, 251), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 160, f["title"], "hei", 50, INK, body=False)
    x0, x1 = 80, 1160
    person = monthly_person(f)
    rows: list[Sequence[str]] = [person[0], person[1][:2]]
    y = ruled_table(cv, rows, x0, x1, 230, 84, 190, "hei", 34, "sans", 36, mid=560, width=2)
    header, table = monthly_table(f)
    n = len(header)
    first, second = 210, 200
    rest = (x1 - x0 - first - second) / (n - 2)
    edges: list[float] = [x0, x0 + first, x0 + first + second]
    edges += [x0 + first + second + rest * (i + 1) for i in range(n - 2)]
    top = y + 60
    rh = min(62, (h - 360 - top) // (len(table) + 1))
    for i, cells in enumerate([header, *table]):
        ya = top + i * rh
        d.line((x0, ya, x1, ya), fill=INK, width=2)
        kind = "hei" if i == 0 else "sans"
        for c, text in enumerate(cells):
            size = fit(kind, 32, text, edges[c + 1] - edges[c] - 20, 24)
            width = font(kind, size).getlength(text)
            cx = (edges[c] + edges[c + 1]) / 2
            cv.text((cx - width / 2, ya + rh / 2 + 11), text, kind, size)
    bottom = top + (len(table) + 1) * rh
    d.line((x0, bottom, x1, bottom), fill=INK, width=2)
    for ex in edges:
        d.line((ex, top, ex, bottom), fill=INK, width=2)
    cv.text((x0, bottom + 80), f"打印日期：{fmt_date(f['print_date'], 'pad')}", "sans", 32)
    cv.text((x0, bottom + 140), "注：本证明加盖经办机构业务专用章有效。", "sans", 28, body=False)
    draw_stamp(img, (880 + rng.uniform(-40, 40), bottom + 150), 130, f["agency"], rng, "业务专用章")
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_monthly_pdf(fields: dict[str, str]) -> bytes:
    """The 'monthly' family downloaded as a PDF with a text layer (fpdf2, as pdfdoc)."""
    from lab.synth import pdfdoc

    header, table = monthly_table(fields)
    person = monthly_person(fields)
    texts = [
        *fields.values(),
        *header,
        *(t for row in table for t in row),
        *(t for row in person for t in row),
        "打印日期：注本证明加盖经办机构业务专用章有效。",
    ]
    pdf = pdfdoc._new_pdf(fields["title"], pdfdoc.FIXED_DATE, texts)
    pdf.set_font("noto", size=15)
    pdf.set_xy(10, 16)
    pdf.cell(190, 10, fields["title"], align="C")
    pdf.set_font("noto", size=10)
    y = 32.0
    for label, value, label2, value2 in person:
        pdf.set_xy(12, y)
        pdf.cell(28, 8, label, border=1)
        if label2:
            pdf.cell(56, 8, value, border=1)
            pdf.cell(28, 8, label2, border=1)
            pdf.cell(74, 8, value2, border=1)
        else:
            pdf.cell(158, 8, value, border=1)
        y += 8
    y += 8
    rest = (186 - 30 - 30) / (len(header) - 2)
    widths = [30.0, 30.0, *([rest] * (len(header) - 2))]
    for cells in [header, *table]:
        pdf.set_xy(12, y)
        for text, wd in zip(cells, widths, strict=True):
            pdf.cell(wd, 8, text, border=1, align="C")
        y += 8
    pdf.set_xy(12, y + 8)
    pdf.cell(100, 7, f"打印日期：{fmt_date(fields['print_date'], 'pad')}")
    pdf.set_xy(12, y + 16)
    pdf.set_font("noto", size=8)
    pdf.cell(100, 6, "注：本证明加盖经办机构业务专用章有效。")
    pdfdoc._seal(pdf, 150, y + 26, 17, fields["agency"], "业务专用章")
    return pdfdoc._finish(pdf)


SPAN_TITLE = "社会保险参保缴费情况证明"


def span_rows(f: dict[str, str]) -> list[list[str]]:
    """The 'span' family's table: per insurance, runs of consecutive months with one status
    (起始年月, 截止年月, 月数, 状态); a month missing from the record starts a new run."""
    pay = _payments(f)
    paid, unpaid = random.Random(f"si-span/{f['id_number']}").choice(SPAN_WORDS)
    out: list[list[str]] = []
    for kind in _kinds(pay):
        months = sorted((m, s) for m, k, _, s in pay if k == kind)
        runs: list[list[str]] = []  # [first, last, state, count]
        for m, s in months:
            if runs:
                last = runs[-1]
                y, mo = int(last[1][:4]), int(last[1][4:])
                nxt = f"{y + mo // 12}{mo % 12 + 1:02d}"
                if nxt == m and last[2] == s:
                    last[1], last[3] = m, str(int(last[3]) + 1)
                    continue
            runs.append([m, m, s, "1"])
        for a, b, s, n in runs:
            out.append(
                [
                    kind,
                    f"{a[:4]}年{a[4:]}月",
                    f"{b[:4]}年{b[4:]}月",
                    n,
                    paid if s == "已缴" else unpaid,
                ]
            )
    return out


def si_span(doc: Doc, rng: random.Random) -> Rendered:
    """A social-insurance agency's proof in words (兹证明…公民身份号码…由…为其参保), then a
    table of month spans per insurance (起始年月/截止年月/月数/缴费状态), 特此证明, the agency
    and a date under its seal; Song body, Hei headers."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 252, 249), rng, 3)
    cv = Canvas(img)
    d = cv.draw
    body = face("serif", f["name"])
    cv.centered(w / 2, 200, SPAN_TITLE, "serif_bold", 58, INK, body=False)
    text = (
        f"兹证明{f['name']}（公民身份号码：{f['id_number']}）由{f['work_unit']}"
        f"在我中心办理社会保险参保登记，其参保缴费情况如下："
    )
    keep = (f["name"], f["id_number"], f["work_unit"])
    y = paragraph(cv, text, keep, 100, 1140, 340, body, 40, 72)
    header = ["险种", "起始年月", "截止年月", "月数", "缴费状态"]
    rows = span_rows(f)
    edges = (100, 460, 660, 860, 960, 1140)
    top = y + 20
    rh = 70
    for i, cells in enumerate([header, *rows]):
        ya = top + i * rh
        d.line((edges[0], ya, edges[-1], ya), fill=INK, width=2)
        kind = "hei" if i == 0 else body
        for c, text_ in enumerate(cells):
            size = fit(kind, 32, text_, edges[c + 1] - edges[c] - 20, 24)
            cv.text((edges[c] + 12, ya + rh / 2 + 12), text_, kind, size)
    bottom = top + (len(rows) + 1) * rh
    d.line((edges[0], bottom, edges[-1], bottom), fill=INK, width=2)
    for ex in edges:
        d.line((ex, top, ex, bottom), fill=INK, width=2)
    y = paragraph(cv, "特此证明。", (), 100, 1140, bottom + 90, body, 40, 72)
    sign_off(
        img,
        cv,
        rng,
        [f["agency"], fmt_date(f["print_date"], "pad")],
        1120,
        y + 120,
        body,
        40,
        f["agency"],
        bottom="业务专用章",
        radius=135,
    )
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_span_scanned_pdf(fields: dict[str, str]) -> bytes:
    """The 'span' proof printed, stamped and scanned back: a PDF whose page is an image (no
    text layer), a little grey and a fraction of a degree askew, as an office scanner makes."""
    from fpdf import FPDF

    from lab.synth import pdfdoc

    rng = random.Random(f"si-span-scan/{fields['id_number']}/{fields['print_date']}")
    page = si_span(Doc("social_insurance", fields), rng).image.convert("L")
    page = page.rotate(rng.uniform(-0.6, 0.6), resample=Image.Resampling.BICUBIC, fillcolor=250)
    page = page.filter(ImageFilter.GaussianBlur(0.6)).point(lambda v: min(255, v * 0.96 + 6))
    buf = io.BytesIO()
    page.save(buf, "JPEG", quality=80)
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(pdfdoc.FIXED_DATE)
    pdf.set_producer("certcheck-synth scanner")
    pdf.set_creator("certcheck-synth scanner")
    pdf.add_page()
    buf.seek(0)
    pdf.image(buf, x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


# --------------------------------------------------------------------------------------------
# assistant_qualification: the newer single-page certificate (tuned), the old booklet whose
# right page is a sentence (held out)


def qualification_card(doc: Doc, rng: random.Random) -> Rendered:
    """The newer 医师资格证书 page scanned upright (portrait): 证书编码 at the top right, the photo
    on the left, Hei labels (身份证号, 资格类别 before 资格级别, 批准日期), dotted birth date,
    the authority's seal over the date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (245, 248, 242), rng, 4)
    cv = Canvas(img)
    d = cv.draw
    green = (40, 95, 65)
    d.rectangle((36, 36, w - 37, h - 37), outline=green, width=6)
    cv.centered(w / 2, 200, "医师资格证书", "hei", 84, green, spacing=14, body=False)
    num = f"证书编码：{f['qualification_number']}"
    cv.text((w - 110 - font("sans", 34).getlength(num), 300), num, "sans", 34)
    _portrait(img, doc, (110, 380, 410, 780), (242, 244, 248))
    vk = face(_pick(rng, "serif", "ming"), f["name"])
    rows = [
        ("姓名", f["name"]),
        ("性别", f["gender"]),
        ("出生日期", fmt_date(f["birth_date"], "dot")),
        ("身份证号", f["id_number"]),
        ("资格类别", f["qual_category"]),
        ("资格级别", f["qualification"]),
    ]
    y: float = 430
    for label, value in rows:
        cv.text((470, y), label, "hei", 38, GREY)
        cv.text((680, y), value, vk, fit(vk, 42, value, w - 110 - 680))
        y += 84
    y = max(y, 880) + 40
    sentence = f"经审核，{f['name']}具备{f['qualification']}资格，特发此证。"
    y = paragraph(cv, sentence, (f["name"],), 110, w - 110, y, vk, 40, 70, indent=False)
    authority = health_authority(iso(f["issue_date"]))
    sign_off(
        img,
        cv,
        rng,
        [authority, f"批准日期：{fmt_date(f['issue_date'], 'pad')}"],
        w - 110,
        y + 140,
        "hei",
        36,
        authority,
        radius=150,
    )
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


def qualification_booklet(doc: Doc, rng: random.Random) -> Rendered:
    """The older green booklet opened flat (landscape): photo and 编号 on the left page, the
    right page one sentence in Ming (…出生，身份证号…，经…年国家医师资格考试合格，具有执业助理
    医师资格，资格类别…), the authority and the date in Chinese numerals under its seal."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (243, 246, 236), rng, 5)
    cv = Canvas(img)
    d = cv.draw
    d.line((w / 2, 30, w / 2, h - 30), fill=(190, 200, 186), width=5)
    _portrait(img, doc, (w // 4 - 150, 220, w // 4 + 150, 620), (236, 240, 246))
    num = f"编号：{f['qualification_number']}"
    kind = face("ming", *f.values())
    cv.text((w / 4 - font(kind, 34).getlength(num) / 2, 720), num, kind, 34)
    d.ellipse((w // 4 + 60, 520, w // 4 + 220, 680), outline=(190, 190, 190), width=5)
    issued = iso(f["issue_date"])
    birth = fmt_date(f["birth_date"], "hanzi")
    text = (
        f"{f['name']}，{f['gender']}，{birth}出生，身份证号{f['id_number']}，"
        f"经{issued.year}年国家医师资格考试合格，具有{f['qualification']}资格，"
        f"资格类别：{f['qual_category']}。"
    )
    cv.centered(w * 3 / 4, 190, "医师资格证书", "serif_bold", 70, (40, 95, 65), spacing=10)
    keep = (f["name"], f["id_number"], f["qualification"])
    y = paragraph(cv, text, keep, w / 2 + 90, w - 90, 340, kind, 42, 80)
    authority = health_authority(issued)
    sign_off(
        img,
        cv,
        rng,
        [authority, fmt_date(f["issue_date"], "hanzi")],
        w - 100,
        max(y + 150, 900),
        kind,
        38,
        authority,
        radius=150,
    )
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


# --------------------------------------------------------------------------------------------
# assistant_practice: the electronic-registration certificate (tuned), the old booklet with a
# ruled right page (held out)


def practice_card(doc: Doc, rng: random.Random) -> Rendered:
    """The 医师执业证书 since electronic registration, one portrait page: the photo centred
    under the title, label：value lines in two runs (Hei labels, 主要执业机构, 执业证书编码
    first), padded dates, the issuer's seal over 发证机关 and the date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (244, 247, 252), rng, 4)
    cv = Canvas(img)
    d = cv.draw
    blue = (40, 60, 125)
    d.rectangle((36, 36, w - 37, h - 37), outline=blue, width=6)
    cv.centered(w / 2, 190, "医师执业证书", "hei", 80, blue, spacing=12, body=False)
    _portrait(img, doc, (w // 2 - 130, 250, w // 2 + 130, 600), (242, 244, 248))
    vk = face(_pick(rng, "sans", "serif"), f["name"])
    rows = [
        ("执业证书编码", f["practice_number"]),
        ("姓名", f["name"]),
        ("性别", f["gender"]),
        ("出生日期", fmt_date(f["birth_date"], "pad")),
        ("身份证号", f["id_number"]),
        ("医师级别", f["practice_level"]),
        ("执业类别", f["practice_category"]),
        ("执业范围", f["scope"]),
        ("主要执业机构", f["work_unit"]),
    ]
    y: float = 700
    for label, value in rows:
        cv.text((130, y), f"{label}：", "hei", 38, GREY)
        cv.text((440, y), value, vk, fit(vk, 40, value, w - 130 - 440))
        y += 78
    y += 60
    cv.text((130, y), "发证机关：", "hei", 38, GREY)
    cv.text((440, y), f["issuer"], face(vk, f["issuer"]), 40)
    cv.text((130, y + 78), "发证日期：", "hei", 38, GREY)
    cv.text((440, y + 78), fmt_date(f["registration_date"], "pad"), vk, 40)
    draw_stamp(
        img,
        (440 + 360 + rng.uniform(-40, 60), y + 30 + rng.uniform(-15, 25)),
        140,
        f["issuer"],
        rng,
    )
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


def practice_booklet(doc: Doc, rng: random.Random) -> Rendered:
    """The older booklet opened flat (landscape): the left page the photo, 发证机关 and the date
    in Chinese numerals under the seal; the right page a ruled Ming table (公民身份号码, 执业单位,
    证书编号)."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (242, 245, 250), rng, 5)
    cv = Canvas(img)
    d = cv.draw
    d.line((w / 2, 30, w / 2, h - 30), fill=(186, 192, 206), width=5)
    kind = face("ming", *f.values())
    cv.centered(w / 4, 170, "医师执业证书", "serif_bold", 72, (40, 60, 125), spacing=10)
    _portrait(img, doc, (w // 4 - 150, 240, w // 4 + 150, 640), (236, 240, 246))
    cv.text((110, 800), "发证机关", kind, 38)
    cv.text((110, 870), f["issuer"], kind, fit(kind, 40, f["issuer"], w / 2 - 200))
    cv.text((110, 970), "发证日期", kind, 38)
    cv.text((110, 1040), fmt_date(f["registration_date"], "hanzi"), kind, 40)
    draw_stamp(
        img, (w / 4 + 120 + rng.uniform(-40, 40), 920 + rng.uniform(-30, 30)), 150, f["issuer"], rng
    )
    rows: list[Sequence[str]] = [
        ("姓名", f["name"], "性别", f["gender"]),
        ("出生日期", fmt_date(f["birth_date"], "cn")),
        ("公民身份号码", f["id_number"]),
        ("医师级别", f["practice_level"]),
        ("执业类别", f["practice_category"]),
        ("执业范围", f["scope"]),
        ("执业单位", f["work_unit"]),
        ("证书编号", f["practice_number"]),
    ]
    ruled_table(
        cv,
        rows,
        w / 2 + 60,
        w - 60,
        140,
        118,
        230,
        kind,
        36,
        kind,
        38,
        mid=w / 2 + 500,
        lw2=130,
        width=2,
    )
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# Registration

TUNED = (
    ("probation_cert", "personnel", probation_personnel, None,
     "人事处 ruled form: Hei labels, 身份证号码/试用单位/试用期限/考核结论, dotted dates, "
     "handwritten signature, seal over the date"),
    ("practice_period_cert", "list", practice_period_list, None,
     "label：value lines in Ming (no ruling), 身份证号码/执业起止时间, dotted dates, opinion "
     "sentence, signature, seal over the date"),
    ("licence", "electronic", licence_electronic, None,
     "电子证照 print-out, landscape: Hei labels, 有效期 (not 有效期限), 诊疗科目 column, QR code, "
     "seal over issuer and date"),
    ("social_insurance", "monthly", si_monthly, si_monthly_pdf,
     "city system 缴费明细: ruled person block (身份证号码/缴费单位), one row per month with "
     "the insurances as columns, YYYY-MM months; PDF with a text layer"),
    ("assistant_qualification", "card", qualification_card, None,
     "newer single-page certificate, portrait: 证书编码 on top, Hei labels, 资格类别 before "
     "资格级别, dotted birth date, 批准日期, authority's seal over the date"),
    ("assistant_practice", "card", practice_card, None,
     "electronic-registration certificate, portrait: photo centred, 执业证书编码 first, "
     "主要执业机构, label：value in Hei/Sans or Song, seal over issuer and date"),
)  # fmt: skip

HELD_OUT = (
    ("probation_cert", "letter", probation_letter, None,
     "hospital letter in Kai or Ming: 兹证明…同志…于…至…在我院…试用…考核结果为…, dates in "
     "Chinese numerals or 年月日, unit and date under the seal, president's signature"),
    ("practice_period_cert", "letter", practice_period_letter, None,
     "letter in Kai: 兹证明…（公民身份号码…）系我单位执业助理医师…考核意见：…, the unit named "
     "only in the sign-off under its seal"),
    ("licence", "booklet", licence_booklet, None,
     "old booklet 副本 spread (landscape): left page title/登记号/issuer/date in Chinese "
     "numerals under the seal, right page a Ming ruled table (名称, 诊疗科目 with 、, 有效期限)"),
    ("social_insurance", "span", si_span, si_span_scanned_pdf,
     "agency proof in words (公民身份号码) plus spans of months per insurance "
     "(起始年月/截止年月/月数/状态), agency and date under the seal; PDF scanned (no text layer)"),
    ("assistant_qualification", "booklet", qualification_booklet, None,
     "older green booklet spread: photo and 编号 on the left, one Ming sentence on the right "
     "(birth date in Chinese numerals), authority of that year under its seal"),
    ("assistant_practice", "booklet", practice_booklet, None,
     "older booklet spread: issuer and date in Chinese numerals under the seal on the left, a "
     "Ming ruled table on the right (公民身份号码, 执业单位, 证书编号)"),
)  # fmt: skip


def register_all() -> None:
    """Register this module's families (called once by families._builtin)."""
    from lab.synth import families

    for held_out, table in ((False, TUNED), (True, HELD_OUT)):
        for doc_type, name, draw, pdf, note in table:
            families.register(doc_type, name, draw, held_out=held_out, note=note, pdf=pdf)
