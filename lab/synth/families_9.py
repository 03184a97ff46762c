"""A ninth layout family per material (issue 15, seventh round): yet other issuers, held out.

Every family of the earlier modules has been run and looked at (`families.LOOKED_AT`), so none
is held out any more; these are the new *held-out* ones, written without running the readers
on them and never adjusted to suit the readers. Each differs from every earlier family of its
material the way real issuers (and applicants' uploads) differ: a school's 毕业证明书 issued
for a lost diploma, a phone screenshot of the degree query pasted on a page, a record on the
学信网's watermarked paper in two columns, a ruled landscape register of a 确有专长 holder, a
signed pledge photographed on a desk, a hospital letterhead's probation proof with 期限 in
dots, a printed assessment form filled in by hand, a licence 副本 photocopied and sealed again
by the unit, a 个人权益记录单 of the social insurance, a qualification booklet scanned open
as a two-page spread, a practice certificate's page photographed on a desk. Every value the
material's checks compare is printed whole, exactly as the form's truth holds it; a typeface
lacking a character of a value gives way to Noto, as the other modules do.
"""

from __future__ import annotations

import random

import numpy as np
from PIL import Image

from lab.synth.families_5 import logo_square, pair, qr_block, slash, watermark
from lab.synth.families_6 import BLUE_BLACK, GREY, RULE, photocopy
from lab.synth.families_7 import dark_row, right_text
from lab.synth.families_8 import desk_page, phone_light
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
MAROON = (120, 28, 36)
TEAL = (20, 92, 100)

# --------------------------------------------------------------------------------------------
# 毕业证明书: the school's proof issued in place of a lost diploma


def diploma_duplicate(doc: Doc, rng: random.Random) -> Rendered:
    """A 毕业证明书 (portrait, Ming) a school issues when the diploma was lost: the title
    spaced, the photo top left with the steel seal, a running text naming the person, the
    years in 2011年9月 form, the major, the 原毕业证书编号, that it has the force of the
    毕业证书, the school's seal over the Chinese-numeral date, the 校长's printed name."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (251, 250, 245), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((60, 60, w - 61, h - 61), outline=MAROON, width=3)
    cv.centered(w / 2, 220, "毕业证明书", "ming", 80, MAROON, spacing=24, body=False)
    photo(img, doc, (150, 300, 370, 580), (232, 238, 246))
    issued = reissued_on(f)
    serial = random.Random(f"duplicate/{f['diploma_number']}").randint(12, 460)
    cv.text((420, 420), f"（{issued[:4]}）证字第{serial:04d}号", "ming", 30, GREY)
    enrol, grad = iso(f["enrol"] + "-01"), iso(f["graduation"] + "-01")
    ends = f"{grad.year}年{grad.month}月"
    text = (
        f"{f['name']}，{f['gender']}，于{enrol.year}年{enrol.month}月至{ends}在我校"
        f"{f['major']}专业{f.get('years', '三')}年制{f['education_level']}学习，修完规定课程，"
        f"成绩合格，准予毕业，原发毕业证书编号为{f['diploma_number']}。因原证书遗失，"
        "特发此证明书，与原毕业证书具有同等效力。"
    )
    body = face("ming", text)
    y = paragraph(cv, text, (f["name"], f["major"], ends, f["diploma_number"], "毕业证书"), 150,
                  w - 150, 700, body, 42, 82)  # fmt: skip
    y = max(y + 120, 1250)
    x = cv.text((150, y), "校长：", "ming", 36)
    cv.text((x + 6, y), f["principal"], face("ming", f["principal"]), 36)
    school = f["school"]
    sk = face("ming", school)
    s = fit(sk, 40, school, w - 150 - 640, 30)
    sign_off(img, cv, rng, [school, fmt_date(issued, "hanzi")], w - 150, y + 60, sk, s, school,
             radius=130, lead=76)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "diploma")


def reissued_on(f: dict[str, str]) -> str:
    """The day the school issued the proof (ISO): after the diploma, before the window."""
    r = random.Random(f"reissued/{f['diploma_number']}")
    first = iso(f["issue_date"])
    year = r.randint(min(first.year + 1, 2025), 2025)
    month = r.randint(min(first.month + 1, 11), 11) if year == first.year else r.randint(1, 11)
    return f"{year}-{month:02d}-{r.randint(1, 28):02d}"


# --------------------------------------------------------------------------------------------
# 学位证书: a phone screenshot of the degree query result, pasted on an A4 page


def status_bar(cv: Canvas, x0: float, x1: float, y: float, salt: str) -> None:
    """A phone's status bar: the clock left, signal bars and a battery right."""
    r = random.Random(f"status/{salt}")
    cv.text((x0 + 30, y + 44), f"{r.randint(8, 22)}:{r.randint(0, 59):02d}", "sans_bold", 30,
            body=False)  # fmt: skip
    d = cv.draw
    for k in range(4):
        d.rectangle((x1 - 190 + k * 14, y + 40 - 8 * k, x1 - 182 + k * 14, y + 44), fill=INK)
    d.rectangle((x1 - 110, y + 18, x1 - 50, y + 44), outline=INK, width=3)
    d.rectangle((x1 - 106, y + 22, x1 - 106 + r.randint(20, 52), y + 40), fill=INK)
    d.rectangle((x1 - 48, y + 26, x1 - 43, y + 36), fill=INK)


def degree_screenshot(doc: Doc, rng: random.Random) -> Rendered:
    """What an applicant without the paper at hand uploads: a phone screenshot of the degree
    query (学位证书查询结果) printed on an A4 page: status bar, a teal nav bar, one white card
    of rows (label grey left, value right-aligned in Sans: 学位授予单位, 授予学位 医学硕士学位,
    证书编号, 授予日期 ISO), a note at the foot of the screen."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    x0, x1, top, bottom = 150.0, w - 150.0, 90.0, h - 110.0
    d.rectangle((x0, top, x1, bottom), fill=(241, 242, 246), outline=(200, 200, 206), width=2)
    status_bar(cv, x0, x1, top, f["degree_number"])
    d.rectangle((x0, top + 70, x1, top + 170), fill=TEAL)
    cv.centered((x0 + x1) / 2, top + 136, "学位证书查询结果", "sans_bold", 38, WHITE, body=False)
    cv.text((x0 + 30, top + 136), "‹", "sans", 44, WHITE, body=False)
    field = "理学" if "护理" in f["major"] else "医学"  # every major here is a medical one
    rows = [
        ("姓名", f["name"]), ("性别", f["gender"]), ("学位授予单位", f["school"]),
        ("授予学位", f"{field}{f['degree_level']}学位"), ("专业", f["major"]),
        ("证书编号", f["degree_number"]), ("授予日期", f["issue_date"]),
    ]  # fmt: skip
    vk = face("sans", *f.values())
    cy = top + 220
    rh = 104.0
    d.rounded_rectangle((x0 + 24, cy, x1 - 24, cy + rh * len(rows)), 18, fill=WHITE)
    for i, (label, value) in enumerate(rows):
        ya = cy + i * rh
        if i:
            d.line((x0 + 50, ya, x1 - 50, ya), fill=(226, 226, 230), width=2)
        cv.text((x0 + 54, ya + rh / 2 + 11), label, "sans", 30, GREY)
        k = face(vk, value)
        right_text(cv, x1 - 54, ya + rh / 2 + 12, value, k, fit(k, 32, value, 560, 26))
    y = cy + rh * len(rows) + 80
    note = "以上信息来源于学位授予单位报送的学位授予信息。"
    paragraph(cv, note, (), x0 + 40, x1 - 40, y, "sans", 26, 44, indent=False)
    d.rounded_rectangle(((x0 + x1) / 2 - 120, bottom - 40, (x0 + x1) / 2 + 120, bottom - 30), 5,
                        fill=INK)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表: two columns of labels on the 学信网's watermarked paper


def record_pairs(f: dict[str, str]) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """Two (label, value) per row, dates as 2014年7月1日."""
    cn = lambda k: fmt_date(f[k], "cn")  # noqa: E731
    return [
        (("姓名", f["name"]), ("性别", f["gender"])),
        (("出生日期", cn("birth_date")), ("学制", f"{f['years']}年")),
        (("证件号码", f["id_number"]), ("层次", f["record_level"])),
        (("入学日期", cn("enrol_date")), ("毕（结）业日期", cn("graduation_date"))),
        (("学历类别", f["record_category"]), ("专业", f["major"])),
        (("校（院）长姓名", f["principal"]), ("毕（结）业", "毕业")),
    ]


def record_watermark(doc: Doc, rng: random.Random) -> Rendered:
    """The report on the 学信网's own paper (portrait, Serif): a light diagonal watermark of
    its name over the page, the title, then two columns of label：value lines without rules,
    the school and the certificate number on full-width lines, the verification code in a
    box with its validity (2026年6月21日) beside a QR block at the bottom left."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 1)
    watermark(img, "中国高等教育学生信息网", (200, 215, 235))
    cv = Canvas(img)
    title = f["title"]
    tk = face("serif_bold", title)
    cv.centered(w / 2, 190, title, tk, fit(tk, 56, title, w - 200, 32), INK, body=False)
    cv.centered(w / 2, 250, f"更新日期：{fmt_date(f['update_date'], 'cn')}", "serif", 28, GREY,
                body=False)  # fmt: skip
    vk = face("serif", *f.values())
    y = 380.0
    for left, right in record_pairs(f):
        for (label, value), x, room in ((left, 110.0, 500.0), (right, 660.0, 470.0)):
            lx = cv.text((x, y), f"{label}：", "serif", 30, GREY)
            k = face(vk, value)
            cv.text((lx + 4, y), value, k, fit(k, 32, value, x + room - lx - 4, 26))
        y += 92
    for label, value in (("学校名称", f["school"]), ("证书编号", f["diploma_number"])):
        lx = cv.text((110, y), f"{label}：", "serif", 30, GREY)
        k = face(vk, value)
        cv.text((lx + 4, y), value, k, fit(k, 34, value, w - 110 - lx, 26))
        y += 92
    y += 100
    qr_block(cv.draw, 110, y, rng, 10)
    bx = 430.0
    cv.draw.rectangle((bx, y, w - 110, y + 250), outline=RULE, width=2)
    cv.text((bx + 30, y + 70), "在线验证码", "serif", 30, GREY)
    cv.text((bx + 30, y + 140), f["verification_code"], "serif_bold", 44)
    cv.text((bx + 30, y + 210), f"验证有效期至：{fmt_date(f['valid_until'], 'cn')}", "serif", 30)
    note = "本报告可登录学信网，输入在线验证码查验；报告在有效期内有效。"
    paragraph(cv, note, (), 110, w - 110, h - 130, "serif", 26, 40, indent=False)
    return Rendered(img, None, cv.min_glyph, "diploma_record")


def record_watermark_pdf(fields: dict[str, str]) -> bytes:
    """The same report saved as a PDF from the site (a text layer, two columns)."""
    from lab.synth import pdfdoc

    pairs = record_pairs(fields)
    code = f"在线验证码：{fields['verification_code']}"
    until = f"验证有效期至：{fmt_date(fields['valid_until'], 'cn')}"
    lines = [f"学校名称：{fields['school']}", f"证书编号：{fields['diploma_number']}", code, until]
    texts = [*fields.values(), *lines, *(f"{a}：{b}" for p in pairs for a, b in p)]
    pdf = pdfdoc._new_pdf(fields["title"], FIXED_DATE, texts)
    pdf.set_font("noto", size=16)
    pdf.set_xy(15, 18)
    pdf.cell(180, 10, fields["title"], align="C")
    pdf.set_font("noto", size=11)
    y = 40.0
    for left, right in pairs:
        pdf.set_xy(18, y)
        pdf.cell(90, 8, f"{left[0]}：{left[1]}")
        pdf.set_xy(110, y)
        pdf.cell(90, 8, f"{right[0]}：{right[1]}")
        y += 10
    for line in lines:
        pdf.set_xy(18, y)
        pdf.cell(180, 8, line)
        y += 10
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 确有专长证书: a landscape ruled register with a merged photo cell


def mentorship_register(doc: Doc, rng: random.Random) -> Rendered:
    """The certificate as a bureau's ruled register page (landscape, Hei): the title over
    a grid of label|value cells in grey 底纹, the photo in a cell merged over three rows,
    名字 and 公民身份号码 as its labels, 发证日期 slashed (2020/12/13), the bureau's seal
    over its name in the last, merged row."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (255, 255, 252), rng, 1)
    cv = Canvas(img)
    title = f.get("title") or "传统医学医术确有专长证书"
    tk = face("hei", title)
    cv.centered(w / 2, 170, title, tk, fit(tk, 60, title, w - 300, 34), INK, body=False)
    taught = "师承" in title or "出师" in title
    vk = face("hei", *f.values())
    x0, x1, a, photo_x = 120.0, w - 120.0, 380.0, w - 420.0
    rh = 110.0
    y = 260.0
    rows = [("名　　字", f["name"]), ("性　　别", f["gender"]),
            ("公民身份号码", f["id_number"]),
            ("出师专业" if taught else "专长项目", f["major"]),
            ("证书编号", f["cert_number"]), ("发证日期", slash(f["issue_date"]))]  # fmt: skip
    for i, (label, value) in enumerate(rows):
        right = photo_x if i < 3 else x1
        pair(cv, (x0, y, right, y + rh), label, value, "hei", vk, 34, a, line=INK)
        y += rh
    cv.draw.rectangle((photo_x, 260, x1, 260 + 3 * rh), outline=INK, width=2)
    _portrait(img, doc, (int(photo_x + 50), 275, int(x1 - 50), int(260 + 3 * rh - 15)), None)
    cv.draw.rectangle((x0, y, x1, y + 200), outline=INK, width=2)
    issuer = f["issuer"]
    cv.text((x0 + 20, y + 110), "发证机关", "hei", 34)
    ik = face("hei", issuer)
    ex = cv.text((a + 16, y + 110), issuer, ik, fit(ik, 36, issuer, x1 - a - 60, 28))
    draw_stamp(img, ((a + ex) / 2 + rng.uniform(-30, 30), y + 98 + rng.uniform(-10, 10)), 105,
               issuer, rng)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 承诺书: the signed printed pledge photographed on a desk


def pledge_photo(doc: Doc, rng: random.Random) -> Rendered:
    """The school's printed pledge (Hei), signed in blue ink and photographed by a phone on a
    desk: the title 考生承诺书, 考生姓名 / 证件号码 / 毕业院校 / 所学专业 on lines under one
    another, four numbered promises, 考生签名 with a handwritten signature, the date written
    by hand in dotted form (2026.1.15)."""
    w, h = PORTRAIT
    f = doc.fields
    m = 60
    img = desk_page(w, h, m, rng)
    cv = Canvas(img)
    cv.centered(w / 2, 230, "考生承诺书", "hei", 62, INK, spacing=18, body=False)
    vk = face("hei", *f.values())
    y = 360.0
    for label, value in (("考生姓名", f["name"]), ("证件号码", f["id_number"]),
                         ("毕业院校", f["school"]), ("所学专业", f["major"])):  # fmt: skip
        x = cv.text((150, y), f"{label}：", "hei", 32)
        k = face(vk, value)
        cv.text((x + 6, y), value, k, fit(k, 34, value, w - 150 - x - 6, 26))
        cv.draw.line((x, y + 10, w - 150, y + 10), fill=RULE, width=1)
        y += 78
    g = iso(f["expected_graduation"] + "-01")
    promises = (
        "本人填报的报名信息及提交的材料真实有效，如有不实，愿承担一切后果。",
        f"本人为{g.year}届应届毕业生，保证于{g.year}年8月31日前取得毕业证书。",
        "未按期取得毕业证书的，自愿放弃本年度考试资格，成绩不予认定。",
        "本人将严格遵守考试纪律，服从考试工作人员的管理。",
    )
    y += 50
    for i, p in enumerate(promises):
        text = f"{'一二三四'[i]}、{p}"
        y = paragraph(cv, text, (), 150, w - 150, y, "hei", 32, 56, indent=False) + 20
    y = max(y + 90, 1240)
    x = cv.text((620, y), "考生签名：", "hei", 32)
    scrawl(cv.draw, x + 10, y - 10, rng, 190)
    d = iso(f["date"])
    cv.text((620, y + 100), "日　　期：", "hei", 32)
    cv.text((x + 10, y + 100), f"{d.year}.{d.month}.{d.day}", "kai", 38, BLUE_BLACK)
    return Rendered(phone_light(img, rng, 0.24), None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# 试用期考核证明: on the hospital's letterhead, 期限 in dots, rated 称职


def probation_letterhead(doc: Doc, rng: random.Random) -> Rendered:
    """A hospital's proof on its letterhead (portrait, Sans): a logo square and the unit's
    name in a teal header over a rule, the title, two columns of label：value lines (姓名 |
    性别, 身份证号 | 科室), 试用期限 2024.07.01-2025.06.30, 考核结论 (合格/不合格) and
    考核等级 称职, the 科主任's signature, the seal over the unit's name in the sign-off and a
    padded date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    unit = f["work_unit"]
    logo_square(img, (90, 70, 200, 180), TEAL)
    uk = face("sans_bold", unit)
    cv.text((230, 145), unit, uk, fit(uk, 46, unit, w - 330, 30), TEAL, body=False)
    d.line((90, 205, w - 90, 205), fill=TEAL, width=5)
    cv.centered(w / 2, 320, "医师资格考试试用期考核证明", "sans_bold", 50, INK, body=False)
    vk = face("sans", *f.values())
    y = 440.0
    for pairs in ((("姓　　名", f["name"]), ("性别", f["gender"])),
                  (("身份证号", f["id_number"]), ("科室", f["department"]))):  # fmt: skip
        for (label, value), x, room in zip(pairs, (110.0, 800.0), (680.0, 340.0), strict=True):
            lx = cv.text((x, y), f"{label}：", "sans", 30)
            k = face(vk, value)
            cv.text((lx + 4, y), value, k, fit(k, 32, value, x + room - lx - 4, 26))
        y += 80
    period = f"{fmt_date(f['period_start'], 'dot')}-{fmt_date(f['period_end'], 'dot')}"
    lines = (("试用单位", unit), ("试用期限", period), ("考核结论", f["result"]),
             ("考核等级", "称职" if f["result"] == "合格" else "不称职"))  # fmt: skip
    for label, value in lines:
        lx = cv.text((110, y), f"{label}：", "sans", 30)
        k = face(vk, value)
        cv.text((lx + 4, y), value, k, fit(k, 32, value, w - 110 - lx - 4, 26))
        y += 80
    text = "经科室考核、医务部审核，该医师在试用期内的考核情况如上，特此证明。"
    y = paragraph(cv, text, (), 110, w - 110, y + 40, "sans", 30, 54) + 80
    x = cv.text((110, y), "科主任签字：", "sans", 30)
    scrawl(d, x + 10, y - 10, rng, 170)
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "pad")], w - 110, y + 120, "sans", 32,
             unit, radius=125, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# 执业期考核证明: the printed form filled in by hand in a ruled table


def practice_period_handfilled(doc: Doc, rng: random.Random) -> Rendered:
    """A blank assessment form printed by the health bureau and filled in by the unit's
    clerk (portrait): the ruled grid and its labels printed in Song (医师姓名, 证件号码,
    执业地点, 考核周期 起 / 止, 考核结论), every value written in blue-black Kai inside its
    cell, 考核结论 ticked ☑合格 or ☑不合格, the unit's seal over the handwritten date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 253, 249), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 170, "医师执业期考核证明", "serif_bold", 56, INK, body=False)
    cv.centered(w / 2, 225, "（由执业机构填写）", "serif", 28, GREY, body=False)
    vk = face("kai", *f.values())
    x0, x1, a = 90.0, w - 90.0, 330.0
    rh = 104.0
    y = merged = 280.0
    start, end = iso(f["period_start"]), iso(f["period_end"])
    rows = [("医师姓名", f["name"]), ("证件号码", f["id_number"]), ("执业地点", f["work_unit"]),
            ("执业类别", f["practice_category"]),
            ("考核周期", f"自{start.year}年{start.month}月{start.day}日起"),
            ("", f"至{end.year}年{end.month}月{end.day}日止")]  # fmt: skip
    for label, value in rows:
        d.rectangle((x0, y, a, y + rh), outline=INK, width=2)
        d.rectangle((a, y, x1, y + rh), outline=INK, width=2)
        if label == "考核周期":  # its cell merged over this row and the next
            merged = y + rh
        elif label:
            cv.text((x0 + 20, y + rh / 2 + 12), label, "serif", 32)
        k = face(vk, value)
        cv.text((a + 26 + rng.uniform(-4, 4), y + rh / 2 + 14 + rng.uniform(-3, 3)), value, k,
                fit(k, 40, value, x1 - a - 50, 28), BLUE_BLACK)  # fmt: skip
        y += rh
    d.rectangle((x0 + 2, merged - 3, a - 3, merged + 2), fill=(253, 253, 249))
    cv.text((x0 + 20, merged + 12), "考核周期", "serif", 32)
    d.rectangle((x0, y, a, y + rh * 1.4), outline=INK, width=2)
    d.rectangle((a, y, x1, y + rh * 1.4), outline=INK, width=2)
    cv.text((x0 + 20, y + rh * 0.7 + 12), "考核结论", "serif", 32)
    bx = a + 30
    for word in ("合格", "不合格"):
        d.rectangle((bx, y + rh * 0.7 - 20, bx + 34, y + rh * 0.7 + 14), outline=INK, width=2)
        if word == f["result"]:
            d.line((bx + 5, y + rh * 0.7 - 2, bx + 15, y + rh * 0.7 + 10, bx + 40,
                    y + rh * 0.7 - 34), fill=BLUE_BLACK, width=5)  # fmt: skip
        bx = cv.text((bx + 50, y + rh * 0.7 + 12), word, "serif", 32) + 60
    cv.text((bx + 40, y + rh * 0.7 + 14), f["result"], face("kai", f["result"]), 40, BLUE_BLACK)
    y += rh * 1.4 + 130
    cv.text((x0 + 10, y), "执业机构（公章）：", "serif", 32)
    unit = f["work_unit"]
    cv.text((x0 + 10, y + 80), unit, face("kai", unit), 38, BLUE_BLACK)
    dx = right_text(cv, x1 - 30, y + 200, fmt_date(f["date"], "cn"), "kai", 40, BLUE_BLACK)
    draw_stamp(img, (dx + 130 + rng.uniform(-20, 20), y + 160 + rng.uniform(-15, 15)), 125,
               unit, rng)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# 医疗机构执业许可证: the 副本 photocopied and sealed again by the unit


def licence_sealed_copy(doc: Doc, rng: random.Random) -> Rendered:
    """A photocopy of the licence's 副本 (portrait, Song, grey, a staple): labels with no
    colons in a left column (机构名称, 地址, 负责人, 登记号, 诊疗科目 wrapped, 有效期限 from
    2022年5月1日 to 2027年4月30日), the issuer's copied seal; over the copy, in colour, the
    unit's own red seal and the clerk's note 此件仅供医师资格考试报名使用 in blue."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 252, 250), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((90, 90, w - 91, 1330), outline=INK, width=4)
    cv.centered(w / 2, 230, "医疗机构执业许可证", "serif_bold", 64, INK, spacing=8, body=False)
    cv.centered(w / 2, 295, "（副　本）", "serif", 34, INK, body=False)
    vk = face("serif", *f.values())
    valid = f"{fmt_date(f['valid_from'], 'cn')}至{fmt_date(f['valid_until'], 'cn')}"
    y = 400.0
    x0, split, x1 = 150.0, 380.0, w - 150.0
    for label, value in (("机构名称", f["work_unit"]), ("地　　址", f["address"]),
                         ("负　责　人", f["head"]), ("登　记　号", f["registration_number"]),
                         ("有效期限", valid)):  # fmt: skip
        cv.text((x0, y), label, "serif", 32)
        k = face(vk, value)
        cv.text((split, y), value, k, fit(k, 34, value, x1 - split, 26))
        y += 90
    cv.text((x0, y), "诊疗科目", "serif", 32)
    subjects = f["subjects"].split("；")
    y = paragraph(cv, "；".join(subjects), subjects, split, x1, y, vk, 32, 58, indent=False)
    sign_off(img, cv, rng, [f"发证机关：{f['issuer']}", fmt_date(f["issue_date"], "cn")], x1,
             max(y + 80, 1130), face("serif", f["issuer"]), 32, f["issuer"], radius=115,
             lead=62)  # fmt: skip
    out = photocopy(img, rng)
    cv2_ = Canvas(out)
    blue = (30, 50, 150)
    note = "此件仅供医师资格考试报名使用"
    cv2_.text((170, 1480), note, "kai", 48, blue)
    cv2_.text((170, 1570), fmt_date("2025-12-" + f"{rng.randint(2, 28):02d}", "cn"), "kai", 42,
              blue)  # fmt: skip
    draw_stamp(out, (w - 330 + rng.uniform(-30, 30), 1520 + rng.uniform(-20, 20)), 130,
               f["work_unit"], rng)  # fmt: skip
    return Rendered(out, None, min(cv.min_glyph, cv2_.min_glyph), "licence")


# --------------------------------------------------------------------------------------------
# 社会保险: the 个人权益记录单, totals per insurance, no month rows


def rights_rows(f: dict[str, str]) -> list[tuple[str, str, str, str, str]]:
    """Per insurance: (险种, 缴费起止 202508—202601, 实缴月数, 欠缴年月 or —, 最近缴费基数)."""
    by_kind: dict[str, list[tuple[str, str, str]]] = {}
    for month, kind, base, status in _payments(f):
        by_kind.setdefault(kind, []).append((month, base, status))
    rows = []
    for kind, pays in by_kind.items():
        months = sorted(p[0] for p in pays)
        paid = sum(1 for p in pays if p[2] == "已缴")
        owed = "、".join(sorted(p[0] for p in pays if p[2] != "已缴")) or "—"
        last = max(pays)[1]
        rows.append((kind, f"{months[0]}—{months[-1]}", str(paid), owed, last))
    return rows


RIGHTS_TITLE = "社会保险个人权益记录单"
RIGHTS_HEADER = ("险种", "缴费起止年月", "实缴月数", "欠缴年月", "缴费基数（元）")


def si_rights(doc: Doc, rng: random.Random) -> Rendered:
    """The yearly 个人权益记录单 (portrait, Serif): a 基本信息 block in a ruled grid (姓名 |
    参保状态, 公民身份号码 and 参保单位名称 merged across), then one row per insurance with
    its span, months paid, the months owed (or —) and the latest base (no month rows at
    all), a note on what the record is, the agency's 业务专用章 over its name and a padded
    print date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 170, RIGHTS_TITLE, "serif_bold", 54, INK, body=False)
    year = max(p[0] for p in _payments(f))[:4]
    cv.centered(w / 2, 225, f"（{year}年度）", "serif", 30, GREY, body=False)
    vk = face("serif", f["name"], f["work_unit"], f["agency"])
    x0, x1 = 80.0, w - 80.0
    y = 290.0
    dark_row(cv, (x0, x1), y, 60, ["基本信息"], (90, 90, 96), "serif_bold", 30)
    y += 60
    rh = 90.0
    pair(cv, (x0, y, 620, y + rh), "姓名", f["name"], "serif", vk, 30, 250, line=INK)
    pair(cv, (620, y, x1, y + rh), "参保状态", "正常参保", "serif", vk, 30, 790, line=INK)
    y += rh
    pair(cv, (x0, y, x1, y + rh), "公民身份号码", f["id_number"], "serif", vk, 30, 300, line=INK)
    y += rh
    pair(cv, (x0, y, x1, y + rh), "参保单位名称", f["work_unit"], "serif", vk, 30, 300, line=INK)
    y += rh + 50
    dark_row(cv, (x0, x1), y, 60, ["缴费情况"], (90, 90, 96), "serif_bold", 30)
    y += 60
    edges = (x0, 400.0, 650.0, 770.0, 990.0, x1)
    d.rectangle((x0, y, x1, y + 70), fill=(236, 236, 236))
    for c, label in enumerate(RIGHTS_HEADER):
        s = fit("serif", 26, label, edges[c + 1] - edges[c] - 20, 24)
        cv.text((edges[c] + 10, y + 46), label, "serif", s)
    rows = rights_rows(f)
    for r, row in enumerate(rows):
        ya = y + 70 + r * rh
        for c, text in enumerate(row):
            s = fit("serif", 30, text, edges[c + 1] - edges[c] - 20, 24)
            cv.text((edges[c] + 10, ya + rh / 2 + 11), text, "serif", s)
    bottom = y + 70 + len(rows) * rh
    d.rectangle((x0, y, x1, bottom), outline=INK, width=2)
    for r in range(len(rows) + 1):
        d.line((x0, y + 70 + r * rh, x1, y + 70 + r * rh), fill=INK, width=1)
    for ex in edges[1:-1]:
        d.line((ex, y, ex, bottom), fill=INK, width=1)
    note = ("说明：本记录单依据社会保险经办机构记载的信息生成，缴费基数为最近一个月的基数；"
            "如对记录有异议，请到参保地经办机构核实。")  # fmt: skip
    y = paragraph(cv, note, (), x0, x1, bottom + 80, "serif", 28, 48, indent=False)
    agency = f["agency"]
    sign_off(img, cv, rng, [agency, f"打印日期：{fmt_date(f['print_date'], 'pad')}"], x1,
             max(y + 120, h - 330), face("serif", agency), 32, agency, bottom="业务专用章",
             radius=118, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_rights_pdf(fields: dict[str, str]) -> bytes:
    """The record downloaded from the 社保 website as a PDF with a text layer."""
    from lab.synth import pdfdoc

    rows = rights_rows(fields)
    person = [f"姓名：{fields['name']}", f"公民身份号码：{fields['id_number']}",
              f"参保单位名称：{fields['work_unit']}"]  # fmt: skip
    foot = f"{fields['agency']}  打印日期：{fmt_date(fields['print_date'], 'pad')}"
    texts = [*fields.values(), RIGHTS_TITLE, *person, foot, *RIGHTS_HEADER,
             *(c for r in rows for c in r)]  # fmt: skip
    pdf = pdfdoc._new_pdf(RIGHTS_TITLE, FIXED_DATE, texts)
    pdf.set_font("noto", size=16)
    pdf.set_xy(15, 18)
    pdf.cell(180, 10, RIGHTS_TITLE, align="C")
    pdf.set_font("noto", size=11)
    y = 36.0
    for line in person:
        pdf.set_xy(18, y)
        pdf.cell(180, 8, line)
        y += 9
    widths = (40, 50, 24, 38, 28)  # the run 202507—202512 needs 44 mm at 10 pt
    y += 6
    pdf.set_font("noto", size=10)
    for row in (RIGHTS_HEADER, *rows):
        pdf.set_xy(15, y)
        for wd, text in zip(widths, row, strict=True):
            pdf.cell(wd, 9, text, border=1)
        y += 9
    pdf.set_xy(15, y + 12)
    pdf.cell(180, 8, foot)
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 医师资格证书: the booklet scanned open, both pages side by side


def gutter(img: Image.Image, x: float) -> None:
    """The shadow of a booklet's fold pressed on the scanner's glass at `x`."""
    a = np.asarray(img, np.float32)
    xx = np.arange(a.shape[1], dtype=np.float32)
    shade = 1 - 0.5 * np.exp(-(((xx - x) / 28) ** 2))
    out = (a * shade[None, :, None]).clip(0, 255).astype(np.uint8)
    img.paste(Image.fromarray(out))


def qualification_spread(doc: Doc, rng: random.Random) -> Rendered:
    """The certificate booklet scanned open (landscape): on the left page the photo, the
    authority's seal over its name and 签发日期 (二〇一五年十二月五日); on the right page the
    title and the fields in Kai with labels (证书编号, 名字, 身份证件号, 类别, 级别), the
    fold's shadow down the middle, the scanner's grey beyond the booklet."""
    w, h = LANDSCAPE
    f = doc.fields
    img = Image.new("RGB", (w, h), (200, 200, 198))
    page = paper(w - 120, h - 140, (246, 242, 230), rng, 3)
    img.paste(page, (60, 70))
    cv = Canvas(img)
    mid = w / 2
    _portrait(img, doc, (int(mid / 2 - 130), 220, int(mid / 2 + 130), 540), (236, 238, 240))
    authority = health_authority(iso(f["issue_date"]))
    ak = face("kai", authority)
    s = fit(ak, 34, authority, mid - 240, 28)
    sign_off(img, cv, rng, ["签发机关", authority, fmt_date(f["issue_date"], "hanzi")],
             mid - 110, 760, ak, s, authority, radius=120, lead=70)  # fmt: skip
    cv.centered(mid + mid / 2, 230, "医师资格证书", "kai", 66, MAROON, spacing=10, body=False)
    vk = face("kai", *f.values())
    y = 380.0
    for label, value in (
        ("证书编号", f["qualification_number"]),
        ("名　　字", f["name"]),
        ("性　　别", f["gender"]),
        ("身份证件号", f["id_number"]),
        ("类　　别", f["qual_category"]),
        ("级　　别", f["qualification"]),
    ):
        x = cv.text((mid + 90, y), label, "kai", 32, GREY)  # fmt: skip
        k = face(vk, value)
        cv.text((x + 30, y), value, k, fit(k, 36, value, w - 110 - x - 30, 26))
        y += 100
    gutter(img, mid)
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


# --------------------------------------------------------------------------------------------
# 医师执业证书: the registration page photographed on a desk


def practice_photo(doc: Doc, rng: random.Random) -> Rendered:
    """The booklet's registration page photographed by a phone on a desk (portrait, Ming):
    the title, then the fields as label over value pairs in two columns (姓名 | 性别,
    出生日期 | 执业类别), 身份证号 and 执业地点 (the form's unit) across, 证书编码, 注册日期
    dotted (2016.04.06), the issuer's seal over its name, the desk and uneven light around."""
    w, h = PORTRAIT
    f = doc.fields
    m = 64
    img = desk_page(w, h, m, rng)
    cv = Canvas(img)
    cv.centered(w / 2, 230, "医师执业证书", "ming", 70, (40, 70, 60), spacing=16, body=False)
    vk = face("ming", *f.values())
    _portrait(img, doc, (w - 380, 300, w - 160, 560), (236, 238, 240))
    rows = [
        [("姓名", f["name"]), ("性别", f["gender"])],
        [("出生日期", fmt_date(f["birth_date"], "dot")), ("执业类别", f["practice_category"])],
        [("身份证号", f["id_number"])],
        [("执业级别", f["practice_level"]), ("执业范围", f["scope"])],
        [("执业地点", f["work_unit"])],
        [("证书编码", f["practice_number"]), ("注册日期", fmt_date(f["registration_date"], "dot"))],
    ]
    y = 320.0
    for row in rows:
        room = (w - 560) if y < 560 else (w - 300)
        col = room / len(row)
        for c, (label, value) in enumerate(row):
            x = 150 + c * col
            cv.text((x, y), label, "ming", 28, GREY)
            k = face(vk, value)
            cv.text((x, y + 56), value, k, fit(k, 36, value, col - 30, 26))
        y += 150
    issuer = f["issuer"]
    sign_off(img, cv, rng, ["发证机关", issuer], w - 150, y + 110, face("ming", issuer), 34,
             issuer, radius=120, lead=64)  # fmt: skip
    return Rendered(phone_light(img, rng, 0.22), None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# Registration

HELD_OUT = (
    ("diploma", "duplicate", diploma_duplicate, None,
     "a school's 毕业证明书 issued for a lost diploma (Ming, maroon frame): photo top left, "
     "running text with 2011年9月至2014年7月 and 原发毕业证书编号, '与原毕业证书具有同等效力', "
     "seal over the school's name and the Chinese-numeral date"),
    ("degree", "screenshot", degree_screenshot, None,
     "phone screenshot of the 学位证书查询结果 printed on A4: status bar, teal nav bar, one card "
     "of Sans rows with values right-aligned (学位授予单位, 授予学位 医学硕士学位, ISO 授予日期); "
     "no seal, no photo"),
    ("diploma_record", "watermark", record_watermark, record_watermark_pdf,
     "report on the 学信网's watermarked paper: two columns of label：value lines without rules, "
     "dates 2014年7月1日, school and number full width, code boxed beside a QR at the bottom left; "
     "PDF with a text layer in two columns"),
    ("mentorship_cert", "register", mentorship_register, None,
     "landscape Hei register page: ruled label|value grid in grey 底纹 (名字, 公民身份号码, "
     "slashed 发证日期), photo in a cell merged over three rows, the bureau's seal over its name "
     "in the last row"),
    ("pledge", "photo", pledge_photo, None,
     "the printed Hei 考生承诺书 signed in blue ink and photographed on a desk: particulars on "
     "underlined lines (证件号码, 毕业院校), four promises 一、…四、, 考生签名 with a signature, "
     "handwritten date 2026.1.15; no seal"),
    ("probation_cert", "letterhead", probation_letterhead, None,
     "hospital letterhead (logo, unit in teal over a rule), Sans two-column label lines "
     "(身份证号, 科室), 试用期限 2024.07.01-2025.06.30, 考核结论 and 考核等级 称职, 科主任 "
     "signature, seal over the unit's name and the padded date"),
    ("practice_period_cert", "handfilled", practice_period_handfilled, None,
     "printed Song form filled in by hand: values in blue-black Kai in the ruled cells (证件号码, "
     "执业地点, 考核周期 自…起/至…止), 考核结论 ticked in a box and written, unit written by "
     "hand, seal over the handwritten date"),
    ("licence", "sealedcopy", licence_sealed_copy, None,
     "grey photocopy of the 副本 (labels without colons, 负责人, 有效期限 2022年5月1日至…, wrapped "
     "诊疗科目) sealed again in red by the unit, with '此件仅供医师资格考试报名使用' in blue"),
    ("social_insurance", "rights", si_rights, si_rights_pdf,
     "yearly 社会保险个人权益记录单 in Serif: 基本信息 grid (公民身份号码, 参保单位名称), one "
     "row per insurance with span, 实缴月数, 欠缴年月 and base (no month rows), 业务专用章 over "
     "the agency; PDF with a text layer"),
    ("assistant_qualification", "spread", qualification_spread, None,
     "the booklet scanned open as a landscape two-page spread with the fold's shadow: photo and "
     "seal over the authority with a Chinese-numeral date left, Kai fields right (名字, "
     "身份证件号, 类别, 级别)"),
    ("assistant_practice", "photo", practice_photo, None,
     "registration page phone-photographed on a desk (Ming): values under grey labels in two "
     "columns, 身份证号 and 执业地点 across, dotted 注册日期 2016.04.06, seal over the issuer"),
)  # fmt: skip
