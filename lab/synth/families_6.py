"""A sixth layout family per material (issue 15, fourth round): yet other issuers, held out.

Every family of `families_edu`, `families_work`, `families_more` and `families_5` has been run
and looked at (`families.LOOKED_AT`), so none is held out any more; these are the new
*held-out* ones, written without running the readers on them and never adjusted to suit the
readers. Each differs from every earlier family of its material the way real issuers differ:
fill-in forms whose values are hand-written in Kai over underlines, a right-aligned label
column, a vertical stack of fields with small grey labels above thin rules, a 文号 line at the
top, a page footer (第1页 共1页 and the print time), another province's 社保 columns (费款所属期,
个人缴纳, 单位缴纳, 到账状态) with a months-paid summary, a stapled photocopy (grey, lower
contrast, toner specks, a staple), the 学位 sentence in the other order (……授予医学硕士学位),
the school's name once in the heading and once in its seal. Every value the material's
checks compare is printed whole, exactly as the form's truth holds it; a typeface lacking a
character of a value gives way to Noto, as the other modules do.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from lab.synth.families_5 import logo_square, qr_block, slash, watermark
from lab.synth.families_edu import FIXED_DATE, photo
from lab.synth.families_work import (
    LANDSCAPE,
    PORTRAIT,
    _kinds,
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

GREY = (112, 112, 118)
RULE = (150, 150, 156)
BLUE_BLACK = (28, 36, 88)

# --------------------------------------------------------------------------------------------
# Helpers


def print_time(s: str, salt: str) -> str:
    """The time a page was printed (the document's date, a working-hours clock drawn from
    `salt`), as office systems stamp it in a footer: 2025-12-21 10:32:07."""
    r = random.Random(f"print-time/{salt}")
    return f"{s} {r.randint(8, 16):02d}:{r.randint(0, 59):02d}:{r.randint(0, 59):02d}"


def footer(cv: Canvas, w: int, h: int, left: str, kind: str = "sans") -> None:
    """A page footer: a thin rule, the print time (or a note) left, 第1页 共1页 right."""
    cv.draw.line((90, h - 120, w - 90, h - 120), fill=RULE, width=1)
    cv.text((90, h - 80), left, kind, 24, GREY, body=False)
    page = "第1页 共1页"
    cv.text((w - 90 - font(kind, 24).getlength(page), h - 80), page, kind, 24, GREY, body=False)


def doc_no(prefix: str, when: str, salt: str) -> str:
    """An issuing office's 文号 (津卫人〔2025〕12号): its prefix, the year, a serial."""
    n = random.Random(f"docno/{salt}").randint(3, 186)
    return f"{prefix}〔{iso(when).year}〕{n}号"


def fill(
    cv: Canvas,
    x: float,
    y: float,
    value: str,
    width: float,
    size: int,
    kind: str = "kai",
) -> float:
    """A blank of the printed form (an underline `width` long) with `value` written on it
    in blue-black Kai, as a clerk fills a form by hand; returns the x after the blank."""
    k = face(kind, value)
    s = fit(k, size, value, width - 16, 26)
    tw = font(k, s).getlength(value)
    cv.text((x + max(8.0, (width - tw) / 2), y - 6), value, k, s, BLUE_BLACK)
    cv.draw.line((x, y + 8, x + width, y + 8), fill=INK, width=2)
    return x + width


def stack(
    cv: Canvas,
    x0: float,
    x1: float,
    y: float,
    rows: Sequence[tuple[str, str]],
    vk: str,
    vs: int,
    step: float,
    *,
    lk: str = "sans",
    ls: int = 26,
    rule: tuple[int, int, int] = RULE,
) -> float:
    """Fields as a vertical stack: each label small and grey above its value, a thin rule
    under every value; returns the y below the last rule."""
    for label, value in rows:
        cv.text((x0, y), label, lk, ls, GREY)
        k = face(vk, value)
        cv.text((x0, y + vs + 22), value, k, fit(k, vs, value, x1 - x0, 26))
        cv.draw.line((x0, y + vs + 44, x1, y + vs + 44), fill=rule, width=1)
        y += step
    return y


def right_labels(
    cv: Canvas,
    rows: Sequence[tuple[str, str]],
    edge: float,
    x1: float,
    y: float,
    lk: str,
    vk: str,
    size: int,
    step: float,
    *,
    underline: bool = False,
) -> float:
    """A label column right-aligned against `edge`, the values in a second column from
    `edge` (a dotted underline under each when `underline`); returns the next y."""
    for label, value in rows:
        lf = face(lk, label)
        cv.text((edge - font(lf, size).getlength(label), y), label, lf, size, GREY)
        k = face(vk, value)
        cv.text((edge + 40, y), value, k, fit(k, size + 2, value, x1 - edge - 50, 26))
        if underline:
            for dx in range(int(edge + 30), int(x1), 14):
                cv.draw.line((dx, y + 12, dx + 6, y + 12), fill=RULE, width=2)
        y += step
    return y


def photocopy(img: Image.Image, rng: random.Random) -> Image.Image:
    """A photocopy of the page: grey, lower contrast, toner specks, the copier's dark edge and
    a staple at the top left; upright, so what was printed stays where it was drawn."""
    g = np.asarray(img.convert("L"), np.float32)
    g = 70 + g * 0.66  # lower contrast, grey paper
    h, w = g.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    g -= 10 * (xx / w) + 6 * np.sin(yy / h * 3.1 + rng.uniform(0, 3))  # uneven toner
    specks = np.random.default_rng(rng.randrange(1 << 30)).random((h, w)) < 0.0009
    g[specks] = 60
    edge = int(rng.uniform(14, 26))
    g[:, w - edge :] *= 0.45  # the copier lid's shadow down one side
    out = Image.fromarray(np.clip(g, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.7))
    out = out.convert("RGB")
    d = ImageDraw.Draw(out)
    sx, sy = rng.uniform(60, 90), rng.uniform(50, 80)
    d.line((sx, sy, sx + 70, sy - 26), fill=(70, 70, 72), width=6)  # the staple's shadow
    d.line((sx + 3, sy - 3, sx + 73, sy - 29), fill=(185, 185, 188), width=3)
    return out


def scan_pdf(page: Image.Image, rng: random.Random, landscape: bool = False) -> bytes:
    """A page image scanned to PDF (no text layer), slightly skewed, JPEG at 200 KB or less."""
    from fpdf import FPDF

    from lab.synth import pdfdoc

    grey = page.convert("L").rotate(
        rng.uniform(-0.9, 0.9), resample=Image.Resampling.BICUBIC, fillcolor=214
    )
    pdf = FPDF(unit="mm", format="A4", orientation="L" if landscape else "P")
    pdf.set_creation_date(pdfdoc.FIXED_DATE)
    pdf.set_producer("certcheck-synth scanner")
    pdf.set_creator("certcheck-synth scanner")
    pdf.add_page()
    for quality in (70, 55, 40):
        buf = io.BytesIO()
        grey.save(buf, "JPEG", quality=quality)
        if buf.tell() < 180_000:
            break
    buf.seek(0)
    pdf.image(buf, x=0, y=0, w=297 if landscape else 210, h=210 if landscape else 297)
    return bytes(pdf.output())


# --------------------------------------------------------------------------------------------
# 毕业证书: a school's printed form filled in by hand, the school's name in its seal


def diploma_fillin(doc: Doc, rng: random.Random) -> Rendered:
    """A 中专/卫校 diploma printed as a form with blanks the registrar fills in by hand in
    blue-black Kai (学生____，性别__，____年__月生，于____年__月至____年__月在本校____专业
    学习……), the school's name in the heading and once more in its round seal over the
    date (二〇一四年七月一日), the number at the foot as 证号; portrait, Song print."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (250, 246, 236), rng, 4)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((50, 50, w - 51, h - 51), outline=(150, 110, 60), width=3)
    d.rectangle((66, 66, w - 67, h - 67), outline=(150, 110, 60), width=1)
    sk = face("serif_bold", f["school"])
    cv.centered(w / 2, 190, f["school"], sk, fit(sk, 56, f["school"], w - 260, 34), INK)
    cv.centered(w / 2, 310, "毕业证书", "serif_bold", 84, (150, 30, 30), spacing=40, body=False)
    photo(img, doc, (w // 2 - 130, 380, w // 2 + 130, 710), (244, 244, 240))
    enrol, grad = iso(f["enrol"] + "-01"), iso(f["graduation"] + "-01")
    born = iso(f["birth_date"])
    size, lead, x0 = 40, 104, 130.0
    y = 830.0
    x = cv.text((x0 + 80, y), "学生", "serif", size)
    x = fill(cv, x + 8, y, f["name"], 300, 44)
    x = cv.text((x + 8, y), "，性别", "serif", size)
    x = fill(cv, x + 8, y, f["gender"], 90, 44)
    cv.text((x + 8, y), "，", "serif", size)
    y += lead
    x = fill(cv, x0, y, f"{born.year}年{born.month}月", 260, 42)
    x = cv.text((x + 8, y), "生，于", "serif", size)
    x = fill(cv, x + 8, y, f"{enrol.year}年{enrol.month}月", 240, 42)
    x = cv.text((x + 8, y), "至", "serif", size)
    x = fill(cv, x + 8, y, f"{grad.year}年{grad.month}月", 240, 42)
    y += lead
    x = cv.text((x0, y), "在本校", "serif", size)
    x = fill(cv, x + 8, y, f["major"], 340, 44)
    x = cv.text((x + 8, y), "专业", "serif", size)
    x = fill(cv, x + 8, y, f.get("years", "三"), 80, 44)
    cv.text((x + 8, y), "年制学习，", "serif", size)
    y += lead
    y = paragraph(cv, "修完教学计划规定的全部课程，成绩合格，准予毕业。", (), x0, w - 130, y,
                  "serif", size, lead, indent=False)  # fmt: skip
    y += 60
    x = cv.text((x0, y), "校长", "serif", size)
    fill(cv, x + 8, y, f["principal"], 240, 44)
    date_text = fmt_date(f["issue_date"], "hanzi")
    dx = w - 130 - font("serif", size).getlength(date_text)
    cv.text((dx, y + 120), date_text, "serif", size)
    draw_stamp(img, (dx + 200 + rng.uniform(-30, 30), y + 70 + rng.uniform(-15, 15)), 150,
               f["school"], rng)  # fmt: skip
    x = cv.text((x0, h - 150), "证号", "serif", 32)
    fill(cv, x + 8, h - 150, f["diploma_number"], 480, 38)
    return Rendered(img, None, cv.min_glyph, "diploma")


# --------------------------------------------------------------------------------------------
# 学位证书: the conferral in the other order (……授予医学硕士学位), landscape Ming


def degree_conferral(doc: Doc, rng: random.Random) -> Rendered:
    """A landscape degree in Ming whose sentence ends with the conferral in the school's
    voice (……经审核符合《中华人民共和国学位条例》的规定，{school}授予医学硕士学位。) instead
    of opening with 兹授予; the photo on the left under a steel-seal ring, the chair's name
    printed with a handwritten signature beside it, the date in Chinese numerals under the
    school's seal, 证书编号 at the bottom left."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (249, 247, 240), rng, 3)
    cv = Canvas(img)
    d = cv.draw
    gold = (170, 130, 50)
    for inset, width in ((40, 6), (60, 2)):
        d.rectangle((inset, inset, w - inset - 1, h - inset - 1), outline=gold, width=width)
    cv.centered(w / 2, 210, "学位证书", "ming", 92, (120, 20, 20), spacing=30, body=False)
    photo(img, doc, (150, 340, 430, 700), (246, 246, 246))
    born = iso(f["birth_date"])
    field = "理学" if "护理" in f["major"] else "医学" if "医" in f["major"] else ""
    level = f"{f['degree_level']}学位"
    stage = {"学士": "本科", "硕士": "硕士研究生", "博士": "博士研究生"}.get(f["degree_level"], "")
    text = (
        f"{f['name']}，{f['gender']}，{born.year}年{born.month}月{born.day}日生。在{f['school']}"
        f"{f['major']}专业完成了{stage}学习计划，成绩合格，业已毕业。经审核"
        f"符合《中华人民共和国学位条例》的规定，{f['school']}授予{field}{level}。"
    )
    body = face("ming", text)
    y = paragraph(cv, text, (f["name"], f["school"], f"{field}{level}", f["major"]), 520,
                  w - 150, 400, body, 46, 88)  # fmt: skip
    y = max(y + 60, 880)
    x = cv.text((520, y), "学位评定委员会主席", "ming", 38)
    ck = face("ming", f["chair"])
    x = cv.text((x + 20, y), f["chair"], ck, 38)
    scrawl(d, x + 30, y - 14, rng, 170)
    date_text = fmt_date(f["issue_date"], "hanzi")
    dx = w - 170 - font("ming", 40).getlength(date_text)
    cv.text((dx, y + 110), date_text, "ming", 40)
    draw_stamp(img, (dx + 180 + rng.uniform(-30, 30), y + 70 + rng.uniform(-15, 15)), 145,
               f["school"], rng)  # fmt: skip
    cv.text((150, h - 110), f"证书编号：{f['degree_number']}", "ming", 30)
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表: a browser print-out, right-aligned labels, page header and footer


def record_print_rows(f: dict[str, str]) -> list[tuple[str, str]]:
    """The print-out's rows, in its own order: the certificate first, then the person."""
    return [
        ("证书编号", f["diploma_number"]),
        ("学校名称", f["school"]),
        ("层次", f["record_level"]),
        ("专业", f["major"]),
        ("学制", f"{f['years']}年"),
        ("入学日期", fmt_date(f["enrol_date"], "pad")),
        ("毕业日期", fmt_date(f["graduation_date"], "pad")),
        ("毕（结）业", "毕业"),
        ("姓名", f["name"]),
        ("性别", f["gender"]),
        ("证件号码", f["id_number"]),
        ("出生日期", fmt_date(f["birth_date"], "pad")),
    ]


def record_print(doc: Doc, rng: random.Random) -> Rendered:
    """The 备案表 printed from a browser: the browser's header line (print time and the page's
    title) and footer (address, 第1页 共1页), the certificate's fields before the person's
    in a label column right-aligned against a rule with the values beside it (padded dates
    2014年07月01日), the photo at the right, 在线验证码 and 有效期至 in a boxed line at the foot
    with a QR block; portrait, Sans."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    stamp = print_time(f["update_date"], f["verification_code"])
    cv.text((50, 50), stamp.replace("-", "/")[:16], "sans", 22, GREY, body=False)
    cv.text((w / 2 - 120, 50), "学信档案 - 在线验证", "sans", 22, GREY, body=False)
    cv.centered(w / 2, 180, f["title"], "sans_bold", 50, INK, body=False)
    d.line((90, 230, w - 90, 230), fill=(40, 90, 160), width=4)
    cv.text((90, 290), f"更新日期：{fmt_date(f['update_date'], 'pad')}", "sans", 28, GREY)
    _portrait(img, doc, (w - 340, 330, w - 100, 640), (248, 248, 248))
    edge = 330.0
    d.line((edge + 15, 330, edge + 15, 1370), fill=RULE, width=2)
    vk = face("sans", *f.values())
    y = 370.0
    for i, (label, value) in enumerate(record_print_rows(f)):
        right = w - 380 if y < 660 else w - 100
        y = right_labels(cv, [(label, value)], edge, right, y, "sans", vk, 32, 86)
        if i % 4 == 3:
            d.line((100, y - 60, w - 100, y - 60), fill=(220, 220, 224), width=1)
    y = max(y, 1420.0)
    d.rectangle((90, y, w - 90, y + 190), outline=(40, 90, 160), width=2)
    cv.text((120, y + 70), f"在线验证码：{f['verification_code']}", "sans_bold", 34)
    cv.text((120, y + 140), f"验证有效期至：{fmt_date(f['valid_until'], 'pad')}", "sans", 32)
    qr_block(d, w - 90 - 20 - 175, y + 8, rng, 7)
    d.line((50, h - 70, w - 50, h - 70), fill=RULE, width=1)
    cv.text((50, h - 40), "https://www.chsi.com.cn/xlcx/", "sans", 22, GREY, body=False)
    page = "第1页 共1页"
    cv.text((w - 50 - font("sans", 22).getlength(page), h - 40), page, "sans", 22, GREY,
            body=False)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "diploma_record")


def record_print_pdf(fields: dict[str, str]) -> bytes:
    """The same page saved as PDF from the browser: a text layer, the labels right-aligned,
    the browser's header and footer lines."""
    from lab.synth import pdfdoc

    rows = record_print_rows(fields)
    code = f"在线验证码：{fields['verification_code']}"
    until = f"验证有效期至：{fmt_date(fields['valid_until'], 'pad')}"
    stamp = print_time(fields["update_date"], fields["verification_code"])
    extra = [code, until, stamp, "学信档案 - 在线验证", "第1页 共1页", "更新日期："]
    texts = [*fields.values(), *(t for r in rows for t in r), *extra]
    pdf = pdfdoc._new_pdf(fields["title"], FIXED_DATE, texts)
    pdf.set_font("noto", size=7)
    pdf.set_text_color(110, 110, 118)
    pdf.set_xy(8, 5)
    pdf.cell(60, 4, stamp.replace("-", "/")[:16])
    pdf.set_xy(80, 5)
    pdf.cell(60, 4, "学信档案 - 在线验证")
    pdf.set_text_color(18, 18, 20)
    pdf.set_font("noto", size=16)
    pdf.set_xy(15, 18)
    pdf.cell(180, 10, fields["title"], align="C")
    pdf.set_draw_color(40, 90, 160)
    pdf.line(15, 32, 195, 32)
    pdf.set_font("noto", size=9)
    pdf.set_xy(15, 36)
    pdf.cell(100, 6, f"更新日期：{fmt_date(fields['update_date'], 'pad')}")
    y = 46.0
    pdf.set_font("noto", size=10)
    for label, value in rows:
        pdf.set_xy(15, y)
        pdf.cell(38, 7, label, align="R")
        pdf.set_xy(58, y)
        pdf.cell(130, 7, value)
        y += 10
    pdf.rect(15, y + 8, 180, 22)
    pdf.set_xy(20, y + 10)
    pdf.cell(150, 8, code)
    pdf.set_xy(20, y + 19)
    pdf.cell(150, 8, until)
    pdf.set_font("noto", size=7)
    pdf.set_xy(8, 287)
    pdf.cell(80, 4, "https://www.chsi.com.cn/xlcx/")
    pdf.set_xy(160, 287)
    pdf.cell(40, 4, "第1页 共1页", align="R")
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 确有专长/出师证书: a bureau's certificate with a 文号, fields stacked under grey labels


def mentorship_stack(doc: Doc, rng: random.Random) -> Rendered:
    """A bureau's portrait certificate in Hei: its 文号 (津中医药〔2020〕57号) at the top left,
    the title, the photo at the top right, then the fields as a vertical stack, each value
    under a small grey label above a thin rule (姓名, 性别, 公民身份号码, 专长/出师专业, 证书编号),
    a one-line statement, the bureau and a padded date (2020年12月13日) under its seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 251, 247), rng, 2)
    cv = Canvas(img)
    title = f.get("title") or "传统医学医术确有专长证书"
    cv.text((110, 130), doc_no("津中医药", f["issue_date"], f["cert_number"]), "hei", 30, GREY)
    tk = face("hei", title)
    cv.centered(w / 2, 270, title, tk, fit(tk, 60, title, w - 220, 36), INK, body=False)
    _portrait(img, doc, (w - 360, 340, w - 110, 660), (240, 242, 246))
    field = "出师专业" if "师承" in title or "出师" in title else "专长"
    vk = face("hei", *f.values())
    rows = [("姓名", f["name"]), ("性别", f["gender"]), ("公民身份号码", f["id_number"]),
            (field, f["major"]), ("证书编号", f["cert_number"])]  # fmt: skip
    y = 380.0
    for i, row in enumerate(rows):
        right = w - 400 if y < 660 else w - 110
        y = stack(cv, 110, right, y, [row], vk, 44 if i else 50, 150)
    text = "经考核合格，特发此证。" if field == "专长" else "经考核合格，准予出师，特发此证。"
    paragraph(cv, text, (), 110, w - 110, y + 60, "hei", 40, 70, indent=False)
    sign_off(img, cv, rng, [f["issuer"], fmt_date(f["issue_date"], "pad")], w - 130, y + 260,
             "hei", 40, f["issuer"], radius=135, lead=76)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 承诺书: a printed form with blanks the applicant fills in by hand


def pledge_fillin(doc: Doc, rng: random.Random) -> Rendered:
    """An exam site's pledge printed in Song with blanks the applicant fills in by hand in
    Kai (本人____，证件号码____，系____学校____专业应届毕业生……), three numbered promises, a
    handwritten signature over 承诺人签字 and a hand-written date (2026.1.15), the page footer
    with 第1页 共1页; no seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 254, 252), rng, 2)
    cv = Canvas(img)
    cv.centered(w / 2, 200, "应届毕业生报考医师资格考试承诺书", "serif_bold", 54, INK, body=False)
    g = iso(f["expected_graduation"] + "-01")
    size, lead, x0, x1 = 38, 110, 110.0, w - 110.0
    y = 360.0
    x = cv.text((x0 + 76, y), "本人", "serif", size)
    x = fill(cv, x + 8, y, f["name"], 330, 46)
    cv.text((x + 8, y), "，证件号码", "serif", size)
    y += lead
    x = fill(cv, x0, y, f["id_number"], 560, 44)
    cv.text((x + 8, y), "，系", "serif", size)
    y += lead
    x = fill(cv, x0, y, f["school"], 560, 44)
    x = cv.text((x + 8, y), "学校", "serif", size)
    fill(cv, x + 8, y, f["major"], x1 - x - 8, 44)
    y += lead
    x = cv.text((x0, y), "专业", "serif", size)
    x = fill(cv, x + 8, y, f"{g.year}", 130, 44)
    cv.text((x + 8, y), "年应届医学专业毕业生。", "serif", size)
    y += lead
    y = paragraph(cv, "本人现报名参加医师资格考试，郑重承诺：", (), x0, x1, y, "serif", size, 72)
    y += 20
    items = (
        f"一、于{g.year}年8月31日前取得毕业证书，逾期未取得的，考试成绩无效；",
        "二、所提交的报名材料真实、准确，如有虚假，愿承担相应责任；",
        "三、遵守考试纪律，服从考点管理。",
    )
    for item in items:
        y = paragraph(cv, item, (), x0, x1, y, "serif", size, 72, indent=False) + 20
    y = max(y + 140, 1330)
    x = cv.text((620, y), "承诺人签字：", "serif", size)
    scrawl(cv.draw, x + 10, y - 8, rng, 220)
    cv.draw.line((x, y + 14, x1, y + 14), fill=INK, width=2)
    x = cv.text((620, y + 110), "日期：", "serif", size)
    fill(cv, x + 8, y + 110, fmt_date(f["date"], "dot"), x1 - x - 8, 44)
    footer(cv, w, h, "本承诺书一式两份，考点与考生各执一份", "serif")
    return Rendered(img, None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# 试用期考核证明: a personnel office's notice with a 文号, a ruled table, a page footer


def probation_notice(doc: Doc, rng: random.Random) -> Rendered:
    """A hospital personnel office's 证明 with its 文号 (…人〔2025〕…号) under a red rule, a
    salutation to the exam office, one sentence, then a ruled table whose labels and values
    stand in separate cells (姓名/性别 on one row, 身份证号码 and 所在科室 merged across,
    期限 as 2024年07月01日至2025年06月30日, 考核结论), the unit's seal over its name in the
    sign-off above a dotted date, a footer with 第1页 共1页 and the print time; Sans."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 253, 251), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    red = (190, 30, 30)
    uk = face("sans_bold", f["work_unit"])
    cv.centered(w / 2, 150, f["work_unit"], uk, fit(uk, 52, f["work_unit"], w - 200, 34), red,
                body=False)  # fmt: skip
    no = doc_no("院人", f["date"], f["id_number"])
    cv.centered(w / 2, 240, no, "sans", 30, INK)
    d.line((90, 275, w - 90, 275), fill=red, width=4)
    cv.centered(w / 2, 380, "医师资格考试试用期考核证明", "sans_bold", 52, INK, body=False)
    vk = face("sans", *f.values())
    y = paragraph(cv, "医师资格考试考点办公室：", (), 100, w - 100, 490, "sans", 36, 66,
                  indent=False)  # fmt: skip
    y = paragraph(cv, "经我院人事处审核，下列人员在我院完成试用期，考核情况如下：", (), 100,
                  w - 100, y, "sans", 36, 66)  # fmt: skip
    x0, x1, a, b, c, rh = 100.0, w - 100.0, 300.0, 640.0, 820.0, 100.0
    period = f"{fmt_date(f['period_start'], 'pad')}至{fmt_date(f['period_end'], 'pad')}"
    rows: list[list[tuple[str, float, float, bool]]] = [
        [("姓名", x0, a, True), (f["name"], a, b, False), ("性别", b, c, True),
         (f["gender"], c, x1, False)],
        [("身份证号码", x0, a, True), (f["id_number"], a, x1, False)],
        [("所在科室", x0, a, True), (f["department"], a, x1, False)],
        [("期限", x0, a, True), (period, a, x1, False)],
        [("考核结论", x0, a, True), (f["result"], a, x1, False)],
    ]  # fmt: skip
    top = y + 20
    for i, row in enumerate(rows):
        ya = top + i * rh
        for text, l0, l1, is_label in row:
            if is_label:
                d.rectangle((l0, ya, l1, ya + rh), fill=(240, 240, 240))
            d.rectangle((l0, ya, l1, ya + rh), outline=INK, width=2)
            k = "sans" if is_label else face(vk, text)
            s = fit(k, 34, text, l1 - l0 - 30, 26)
            cv.text((l0 + 16, ya + rh / 2 + s * 0.36), text, k, s)
    y = top + len(rows) * rh + 100
    y = paragraph(cv, "特此证明。", (), 100, w - 100, y, "sans", 36, 66)
    uw = font(uk.replace("_bold", ""), 38).getlength(f["work_unit"])
    ux = w - 120 - uw
    cv.text((ux, y + 80), f["work_unit"], face("sans", f["work_unit"]), 38)
    draw_stamp(img, (ux + uw / 2 + rng.uniform(-30, 30), y + 65 + rng.uniform(-15, 15)), 135,
               f["work_unit"], rng)  # fmt: skip
    date_text = fmt_date(f["date"], "dot")
    cv.text((w - 120 - font("sans", 38).getlength(date_text), y + 160), date_text, "sans", 38)
    footer(cv, w, h, f"打印时间：{print_time(f['date'], f['id_number'])}")
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# 执业期考核证明: right-aligned labels over dotted lines, handed in as a stapled photocopy


def practice_period_photocopy(doc: Doc, rng: random.Random) -> Rendered:
    """A township health centre's proof in Ming handed in as a stapled photocopy (grey,
    lower contrast, toner specks, the copier's dark edge): the labels right-aligned against
    a column (姓名, 证件号码, 工作单位, 执业类别, 起止日期 as 2016.04.06—2026.01.08,
    考核鉴定意见 as 鉴定意见 with the result), dotted lines under the values, the head's
    signature, the unit's name above a 2026-01-16 date; the copy sealed afresh in red over
    the unit's name, as units certify a copy."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 1)
    cv = Canvas(img)
    cv.centered(w / 2, 230, "执业助理医师执业期考核证明", "ming", 60, INK, spacing=4, body=False)
    vk = face("ming", *f.values())
    period = f"{fmt_date(f['period_start'], 'dot')}—{fmt_date(f['period_end'], 'dot')}"
    rows = [
        ("姓名", f["name"]),
        ("性别", f["gender"]),
        ("证件号码", f["id_number"]),
        ("工作单位", f["work_unit"]),
        ("执业类别", f["practice_category"]),
        ("起止日期", period),
        ("鉴定意见", f["result"]),
    ]
    y = right_labels(cv, rows, 360, w - 110, 380, "ming", vk, 40, 100, underline=True)
    text = "以上情况属实。该同志在我单位执业期间，遵守卫生法律法规，无医疗事故及违规行为。"
    y = paragraph(cv, text, (), 110, w - 110, y + 40, vk, 40, 76)
    x = cv.text((110, y + 90), "负责人（签字）：", "ming", 38)
    scrawl(cv.draw, x + 10, y + 80, rng, 200)
    unit = f["work_unit"]
    uk = face("ming", unit)
    uw = font(uk, 40).getlength(unit)
    ux = w - 130 - uw
    cv.text((ux, y + 230), unit, uk, 40)
    date_text = f["date"]
    cv.text((w - 130 - font("ming", 40).getlength(date_text), y + 310), date_text, "ming", 40)
    # the copy is sealed afresh in red over the unit's name, as units certify a copy
    copy = photocopy(img, rng)
    draw_stamp(copy, (ux + uw / 2 + rng.uniform(-30, 30), y + 215 + rng.uniform(-15, 15)), 140,
               unit, rng)  # fmt: skip
    return Rendered(copy, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# 医疗机构执业许可证: a landscape 副本 with two label columns and a light 底纹


def licence_twocol(doc: Doc, rng: random.Random) -> Rendered:
    """A landscape 副本 on a light green 底纹: two label columns in Hei without colons
    (left: 机构名称, 地址, 法定代表人, 主要负责人, 登记号; right: 诊疗科目 one per line with
    its number, 有效期限 自2022年5月1日 / 至2027年4月30日 on two lines), values in Ming; the
    issuer and a dotted date at the foot under its seal."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (246, 250, 244), rng, 3)
    watermark(img, "医疗机构执业许可证", (226, 238, 224), step=300)
    cv = Canvas(img)
    d = cv.draw
    green = (40, 100, 60)
    d.rectangle((40, 40, w - 41, h - 41), outline=green, width=5)
    cv.centered(w / 2, 170, "医疗机构执业许可证", "hei", 70, green, spacing=10, body=False)
    cv.centered(w / 2, 240, "（副本）", "hei", 36, green, body=False)
    vk = face("ming", *f.values())
    left = [("机构名称", f["work_unit"]), ("地址", f["address"]),
            ("法定代表人", f["legal_rep"]), ("主要负责人", f["head"]),
            ("登记号", f["registration_number"])]  # fmt: skip
    y = 360.0
    for label, value in left:
        cv.text((110, y), label, "hei", 32, GREY)
        k = face(vk, value)
        cv.text((330, y), value, k, fit(k, 36, value, 850 - 330, 26))
        y += 110
    d.line((900, 320, 900, 960), fill=(180, 200, 184), width=2)
    cv.text((950, 360), "诊疗科目", "hei", 32, GREY)
    subjects = f["subjects"].split("；")
    per_col = max(6, -(-len(subjects) // 2))
    step = min(60, 420 // per_col)
    for i, subject in enumerate(subjects):
        col, row = (i // per_col, i % per_col)
        sx = 1130 + col * 290
        text = f"{i + 1}. {subject}"
        k = face(vk, text)
        cv.text((sx, 360 + row * step), text, k, fit(k, min(32, step - 8), text, 280, 26))
    vy = 360 + per_col * step + 60
    cv.text((950, vy), "有效期限", "hei", 32, GREY)
    cv.text((1130, vy), f"自{fmt_date(f['valid_from'], 'cn')}", "ming", 36)
    cv.text((1130, vy + 64), f"至{fmt_date(f['valid_until'], 'cn')}", "ming", 36)
    sign_off(img, cv, rng, [f["issuer"], fmt_date(f["issue_date"], "dot")], w - 130, h - 200,
             "ming", 38, f["issuer"], radius=135, lead=70)  # fmt: skip
    cv.text((110, h - 130), "发证机关（章）", "hei", 30, GREY)
    return Rendered(img, None, cv.min_glyph, "licence")


# --------------------------------------------------------------------------------------------
# 社会保险: another province's statement (个人缴纳/单位缴纳/到账状态), handed in photocopied

#: each insurance's personal and employer rates in this province's statement
RATES = {
    "城镇职工基本养老保险": (0.08, 0.16),
    "城镇职工基本医疗保险": (0.02, 0.08),
    "失业保险": (0.005, 0.005),
    "工伤保险": (0.0, 0.004),
    "生育保险": (0.0, 0.008),
}


def province_rows(f: dict[str, str]) -> list[list[str]]:
    """One row per month and insurance: 费款所属期 (2025-08), 险种, 缴费基数, 个人缴纳,
    单位缴纳, 到账状态 (已到账 for a paid month, 未到账 for an unpaid one, whose sums are 0.00)."""
    out = []
    for month, kind, base, status in _payments(f):
        own, unit = RATES.get(kind, (0.0, 0.01))
        paid = status == "已缴"
        b = float(base)
        out.append([
            f"{month[:4]}-{month[4:]}", kind, base,
            f"{b * own:.2f}" if paid else "0.00", f"{b * unit:.2f}" if paid else "0.00",
            "已到账" if paid else "未到账",
        ])  # fmt: skip
    return out


def province_summary(f: dict[str, str]) -> str:
    """The statement's last line: months paid per insurance (养老保险实缴5个月，…)."""
    pay = _payments(f)
    parts = []
    for kind in _kinds(pay):
        n = sum(1 for _, k, _, s in pay if k == kind and s == "已缴")
        short = kind.replace("城镇职工基本", "")
        parts.append(f"{short}实缴{n}个月")
    return "合计：" + "，".join(parts) + "。"


def si_province(doc: Doc, rng: random.Random) -> Rendered:
    """Another province's 参保缴费 statement (portrait, Sans): the title, the person on two
    lines (姓名 / 证件号码 / 单位名称 with English sub-labels), one row per month and insurance
    with its own columns (费款所属期 2025-08, 险种, 缴费基数, 个人缴纳, 单位缴纳, 到账状态), a
    summary line of the months paid, the agency's seal over its name and an ISO date, a
    footer with the print time and 第1页 共1页."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    title = f.get("title") or "社会保险个人参保缴费证明"
    tk = face("sans_bold", title)
    cv.centered(w / 2, 140, title, tk, fit(tk, 50, title, w - 180, 34), INK, body=False)
    vk = face("sans", f["name"], f["work_unit"])
    for x, y, label, sub, value, width in (
        (90, 240, "姓名", "Name", f["name"], 440),
        (560, 240, "证件号码", "ID No.", f["id_number"], 590),
        (90, 330, "单位名称", "Employer", f["work_unit"], 1060),
    ):
        cv.text((x, y - 10), label, "sans", 28, GREY)
        cv.text((x, y + 22), sub, "sans", 24, GREY, body=False)
        k = face(vk, value)
        cv.text((x + 150, y + 10), value, k, fit(k, 34, value, width - 160, 26))
    header = ["费款所属期", "险种", "缴费基数", "个人缴纳", "单位缴纳", "到账状态"]
    edges = [90, 255, 580, 730, 870, 1010, w - 90]
    rows = province_rows(f)
    top = 400.0
    rh = min(58.0, (h - 400 - top) / (len(rows) + 1))
    size = max(26, min(30, int(rh * 0.6)))
    for i, cells in enumerate([header, *rows]):
        ya = top + i * rh
        if i == 0:
            d.rectangle((edges[0], ya, edges[-1], ya + rh), fill=(222, 230, 240))
        elif i % 2 == 0:
            d.rectangle((edges[0], ya, edges[-1], ya + rh), fill=(246, 246, 248))
        for c, text in enumerate(cells):
            kind = "sans_bold" if i == 0 else "sans"
            s = fit(kind, size, text, edges[c + 1] - edges[c] - 16, 26)
            cv.text((edges[c] + 8, ya + rh / 2 + s * 0.36), text, kind, s)
        d.line((edges[0], ya, edges[-1], ya), fill=RULE, width=1)
    bottom = top + (len(rows) + 1) * rh
    d.line((edges[0], bottom, edges[-1], bottom), fill=RULE, width=1)
    summary = province_summary(f)
    cv.text((90, bottom + 60), summary, "sans", fit("sans", 30, summary, w - 180, 26))
    agency = f["agency"]
    ak = face("sans", agency)
    aw = font(ak, 34).getlength(agency)
    ax = w - 110 - aw
    sy = max(bottom + 200, h - 330)
    cv.text((ax, sy), agency, ak, 34)
    draw_stamp(img, (ax + aw / 2 + rng.uniform(-30, 30), sy - 15 + rng.uniform(-10, 10)), 120,
               agency, rng, "业务专用章")  # fmt: skip
    cv.text((w - 110 - font("sans", 32).getlength(f["print_date"]), sy + 70), f["print_date"],
            "sans", 32)  # fmt: skip
    footer(cv, w, h, f"打印时间：{print_time(f['print_date'], f['id_number'])}")
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_province_scan_pdf(fields: dict[str, str]) -> bytes:
    """The statement printed, stapled, photocopied and scanned back: a PDF whose
    page is a grey, slightly skewed image (no text layer), under 200 KB."""
    rng = random.Random(f"si-province-scan/{fields['id_number']}/{fields['print_date']}")
    page = si_province(Doc("social_insurance", fields), rng).image
    small = photocopy(page, rng).resize((992, 1403), Image.Resampling.LANCZOS)
    return scan_pdf(small, rng)


# --------------------------------------------------------------------------------------------
# 医师资格证书: fields stacked under grey bilingual labels, portrait, Ming


def qualification_stack(doc: Doc, rng: random.Random) -> Rendered:
    """A portrait certificate page whose fields run as a vertical stack, each value in Ming
    under a small grey bilingual label (姓名 Name, 身份证件号码 ID No., 资格类别 Category…)
    above a thin rule; 证书编号 first, the photo at the top right, the authority of the
    issue year and 2015年12月05日 at the foot under its seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (250, 249, 243), rng, 3)
    cv = Canvas(img)
    d = cv.draw
    brown = (110, 70, 30)
    d.rectangle((50, 50, w - 51, h - 51), outline=brown, width=3)
    cv.centered(w / 2, 190, "医师资格证书", "ming", 78, brown, spacing=18, body=False)
    cv.centered(w / 2, 250, "Physician Qualification Certificate", "serif", 28, GREY, body=False)
    _portrait(img, doc, (w - 370, 310, w - 120, 630), (246, 246, 246))
    vk = face("ming", *f.values())
    rows = [
        ("证书编号 Certificate No.", f["qualification_number"]),
        ("姓名 Name", f["name"]),
        ("性别 Sex", f["gender"]),
        ("出生日期 Date of Birth", fmt_date(f["birth_date"], "pad")),
        ("身份证件号码 ID No.", f["id_number"]),
        ("资格类别 Category", f["qual_category"]),
        ("资格级别 Level", f["qualification"]),
    ]
    y = 340.0
    for label, value in rows:
        right = w - 400 if y < 650 else w - 120
        y = stack(cv, 120, right, y, [(label, value)], vk, 42, 128, lk="serif", ls=26)
    authority = health_authority(iso(f["issue_date"]))
    sign_off(img, cv, rng, [authority, fmt_date(f["issue_date"], "pad")], w - 120, y + 120,
             "ming", 36, authority, radius=140, lead=70)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


# --------------------------------------------------------------------------------------------
# 医师执业证书: a landscape electronic certificate, right-aligned labels, QR square


def practice_qr(doc: Doc, rng: random.Random) -> Rendered:
    """The new electronic 医师执业证书 printed landscape (Sans): a header band with a logo
    square, the photo and a QR square on the left, the labels right-aligned against a rule
    with the values beside them (执业证书编码 first, 身份证号码, 执业机构, 执业类别, 执业范围),
    the issuer and a slashed registration date (2016/4/6) under its seal, an 有效性 note."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (253, 253, 253), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    band = (20, 110, 120)
    d.rectangle((0, 0, w, 170), fill=band)
    logo_square(img, (60, 30, 170, 140), (200, 50, 40))
    cv.text((200, 115), "医师执业证书", "sans_bold", 62, (255, 255, 255), spacing=6, body=False)
    cv.text((640, 115), "（电子证照）", "sans", 34, (210, 235, 238), body=False)
    _portrait(img, doc, (90, 240, 370, 600), (246, 248, 250))
    qr_block(d, 95, 680, rng, 11)
    cv.text((95, 1000), "扫码核验", "sans", 28, GREY)
    vk = face("sans", *f.values())
    rows = [
        ("执业证书编码", f["practice_number"]),
        ("姓名", f["name"]),
        ("性别", f["gender"]),
        ("身份证号码", f["id_number"]),
        ("医师级别", f["practice_level"]),
        ("执业类别", f["practice_category"]),
        ("执业范围", f["scope"]),
        ("执业机构", f["work_unit"]),
        ("注册日期", slash(f["registration_date"])),
    ]
    edge = 720.0
    d.line((edge + 15, 240, edge + 15, 240 + 86 * len(rows) - 40), fill=(190, 215, 218), width=2)
    y = right_labels(cv, rows, edge, w - 100, 270, "sans", vk, 34, 84)
    sign_off(img, cv, rng, [f["issuer"]], w - 110, min(y + 30, h - 170), "sans", 36, f["issuer"],
             radius=130)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# Registration

HELD_OUT = (
    ("diploma", "fillin", diploma_fillin, None,
     "卫校 form filled in by hand: printed Song with blanks, values in blue-black Kai on "
     "underlines (学生____，…于2011年9月至2014年7月在本校____专业), school named in the heading "
     "and once in its seal over the Chinese-numeral date, 证号 blank at the foot"),
    ("degree", "conferral", degree_conferral, None,
     "landscape Ming degree, sentence in the other order (…{school}授予医学硕士学位), photo "
     "left, chair's printed name with a handwritten signature, Chinese-numeral date under the "
     "seal, 证书编号 bottom left"),
    ("diploma_record", "print", record_print, record_print_pdf,
     "browser print-out: print time and page title in a header line, URL and 第1页 共1页 "
     "footer, certificate fields before the person's, right-aligned labels (证件号码), padded "
     "dates, code and 验证有效期至 boxed with a QR block; PDF with a text layer"),
    ("mentorship_cert", "stack", mentorship_stack, None,
     "portrait Hei certificate with a 文号 line (津中医药〔2020〕57号), fields stacked under "
     "small grey labels above thin rules (公民身份号码, 专长), padded date under the seal"),
    ("pledge", "fillin", pledge_fillin, None,
     "printed Song form with blanks the applicant fills in by hand in Kai (本人____，证件号码"
     "____), three numbered promises, 承诺人签字 handwritten, hand-written dotted date, page "
     "footer 第1页 共1页"),
    ("probation_cert", "notice", probation_notice, None,
     "personnel office's 证明 with 文号 under a red rule, salutation, ruled table with label "
     "and value cells (身份证号码, 所在科室, 期限 padded…至…, 考核结论), seal over the unit's "
     "name in the sign-off, dotted date, footer with print time and 第1页 共1页; Sans"),
    ("practice_period_cert", "photocopy", practice_period_photocopy, None,
     "stapled photocopy (grey, low contrast, toner specks, dark edge) of a Ming page with "
     "right-aligned labels over dotted lines (证件号码, 工作单位, 起止日期 dotted, 鉴定意见), "
     "signature, seal over the unit's name, ISO date"),
    ("licence", "twocol", licence_twocol, None,
     "landscape 副本 on a green 底纹: two Hei label columns without colons (机构名称 first, 登记号 "
     "last; 诊疗科目 numbered one per line, 有效期限 自…/至… on two lines), Ming values, dotted "
     "date under the issuer's seal"),
    ("social_insurance", "province", si_province, si_province_scan_pdf,
     "another province's statement (portrait, Sans): 姓名/证件号码/单位名称 with English "
     "sub-labels, columns 费款所属期 (2025-08)/缴费基数/个人缴纳/单位缴纳/到账状态 (已到账), a "
     "months-paid summary line, seal over the agency, print-time footer; PDF a stapled "
     "photocopy scanned (grey, skewed, no text layer)"),
    ("assistant_qualification", "stack", qualification_stack, None,
     "portrait Ming page, fields stacked under small grey bilingual labels (姓名 Name, 身份证件"
     "号码 ID No.) above thin rules, 证书编号 first, padded dates, authority under its seal"),
    ("assistant_practice", "qr", practice_qr, None,
     "new electronic 执业证书 printed landscape (Sans): header band with logo square, photo and "
     "QR square left, right-aligned labels (执业证书编码 first, 身份证号码, 执业机构), slashed "
     "注册日期, issuer under its seal"),
)  # fmt: skip
