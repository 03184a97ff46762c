"""A fifteenth layout family per material (issue 15, thirteenth round): yet other issuers, held out.

Every family of the earlier modules has been run and looked at (`families.LOOKED_AT`), so these
are the new *held-out* ones, written without running the readers on them and never adjusted to
suit the readers. Each differs from every earlier family of its material the way real issuers
differ: a landscape Kai diploma under the school's crest band, a landscape Kai degree citing the
学位条例 with a date in Chinese numerals, a 备案表 printed on an office laser printer in a ruled
three-column grid (scanned back to PDF), a 出师 certificate under a logo band with its number in
red, a pledge with a tear-off 回执, a joint-venture hospital's bilingual probation proof, a 定期考核
result slip from a unit that is its own 考核机构, a landscape Ming licence 正本 dated in Chinese
numerals, a 社保 month list under a dark header row, a landscape Ming qualification certificate and
a practice certificate page on a guilloche-like 底纹 with its values under their labels. Every
value the material's checks compare is printed whole, exactly as the form's truth holds it; a
typeface lacking a character of a value gives way to Noto.
"""

from __future__ import annotations

import random

from lab.synth.families_5 import logo_square, pair, qr_block, watermark
from lab.synth.families_6 import BLUE_BLACK, GREY, RATES, RULE, stack
from lab.synth.families_7 import NAVY, WHITE, dark_row
from lab.synth.families_13 import two_lists
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
from lab.synth.render import INK, RED, Canvas, Doc, Rendered, font, iso, paper

GREEN = (20, 96, 64)

# --------------------------------------------------------------------------------------------
# 毕业证书: landscape Kai under the school's crest band


def diploma_crest(doc: Doc, rng: random.Random) -> Rendered:
    """A landscape diploma (Kai) under a band with the school's crest square and its name;
    the particulars as a label list in two columns left of the photo (姓名 | 性别, 出生日期 |
    学制, 专业, 入学时间 | 毕业时间 2014年7月), 证书编号 bottom left, 校长 with a printed name,
    the seal over a date in Chinese numerals (二〇一四年七月一日)."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (252, 249, 240), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    school = f["school"]
    sk = face("kai", school)
    d.rectangle((0, 70, w, 200), fill=(236, 226, 200))
    logo_square(img, (120, 85, 220, 185), (128, 40, 40))
    cv.text((250, 158), school, sk, fit(sk, 50, school, w - 400, 30), (110, 30, 30))
    cv.centered(w / 2, 320, "毕业证书", "kai", 76, INK, spacing=30, body=False)
    photo(img, doc, (w - 380, 400, w - 170, 660), (232, 236, 242))
    vk = face("kai", *f.values())
    enrol, grad = iso(f["enrol"] + "-01"), iso(f["graduation"] + "-01")
    rows = [("姓名", f["name"]), ("性别", f["gender"]),
            ("出生日期", fmt_date(f["birth_date"], "cn")), ("学制", f"{f['years']}年"),
            ("专业", f["major"]), ("入学时间", f"{enrol.year}年{enrol.month}月"),
            ("毕业时间", f"{grad.year}年{grad.month}月")]  # fmt: skip
    y = two_lists(cv, rows, (160.0, 760.0), 560.0, 460.0, 84, "kai", vk, 36)
    y = max(y, 780.0)
    paragraph(cv, "该生在我校修业期满，成绩合格，准予毕业。", (), 160, w - 420, y + 60, "kai",
              38, 60)  # fmt: skip
    num = f["diploma_number"]
    cv.text((160, h - 150), f"证书编号：{num}", "kai", fit("kai", 30, num, 600, 26))
    x = cv.text((160, h - 250), "校长：", "kai", 34)
    principal = f.get("principal") or ""
    if principal:
        cv.text((x, h - 250), principal, face("kai", principal), 34)
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "hanzi")], w - 160, h - 290, sk,
             fit(sk, 36, school, 620, 28), school, radius=125, lead=70)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "diploma")


# --------------------------------------------------------------------------------------------
# 学位证书: landscape Kai citing the 学位条例, photo left, date in Chinese numerals


def degree_statute(doc: Doc, rng: random.Random) -> Rendered:
    """A landscape degree certificate (Kai): the photo and 证书编号 on the left, on the right
    学士学位证书 and the sentence 学生…，…，…生，在…修完…专业本科（研究生）培养计划规定的全部
    课程，经审核符合《中华人民共和国学位条例》的规定，授予医学学士学位。, 校长 and 学位评定
    委员会主席 each signed by hand, the seal over the school and a Chinese-numeral date."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (250, 250, 244), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((50, 50, w - 51, h - 51), outline=(150, 120, 60), width=4)
    level = f["degree_level"]
    field = "理学" if "护理" in f["major"] else "医学"
    stage = {"学士": "本科", "硕士": "硕士研究生", "博士": "博士研究生"}.get(level, "本科")
    _portrait(img, doc, (150, 300, 370, 570), (234, 236, 240))
    num = f["degree_number"]
    cv.text((130, 640), "证书编号", "kai", 28, GREY)
    cv.text((130, 690), num, "kai", fit("kai", 28, num, 330, 24))
    cv.centered(1100, 220, f"{level}学位证书", "kai", 70, INK, spacing=18, body=False)
    vk = face("kai", *f.values())
    born = fmt_date(f["birth_date"], "cn")
    text = (
        f"学生{f['name']}，{f['gender']}，{born}生，在{f['school']}修完{f['major']}专业"
        f"{stage}培养计划规定的全部课程，经审核符合《中华人民共和国学位条例》的规定，"
        f"授予{field}{level}学位。"
    )
    keep = (f["name"], f["school"], f["major"], f"{field}{level}学位", born)
    y = paragraph(cv, text, keep, 560, w - 150, 360, vk, 40, 78)
    y = max(y, 760) + 70
    for label in ("校　　长：", "学位评定委员会主席："):
        x = cv.text((560, y), label, "kai", 32)
        scrawl(d, x + 20, y - 8, rng, 170)
        y += 80
    school = f["school"]
    sk = face("kai", school)
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "hanzi")], w - 150, y + 20, sk,
             fit(sk, 34, school, 560, 26), school, radius=120, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表: an office laser print in a ruled three-column grid, scanned back

LASER = (40, 40, 40)


def record_grid_rows(f: dict[str, str]) -> list[tuple[str, str]]:
    """The 备案表's fields in this printer's order: the certificate first, then the person."""
    return [("证书编号", f["diploma_number"]), ("学校名称", f["school"]),
            ("层次", f["record_level"]), ("专业", f["major"]),
            ("毕（结）业", "毕业"), ("毕业日期", fmt_date(f["graduation_date"], "dot")),
            ("入学日期", fmt_date(f["enrol_date"], "dot")), ("学制", f"{f['years']}年"),
            ("学历类别", f["record_category"]), ("姓名", f["name"]), ("性别", f["gender"]),
            ("身份证号", f["id_number"]),
            ("出生日期", fmt_date(f["birth_date"], "dot"))]  # fmt: skip


def record_greyprint(doc: Doc, rng: random.Random) -> Rendered:
    """A 备案表 as printed on an office black-and-white laser printer (portrait, Sans, all
    grey-black, no colour): the title, then a ruled grid of label | value cells in the order
    证书编号, 学校名称, 层次, 专业 … 姓名, 性别, 身份证号 with the photo merged over the first
    rows' right column, dotted dates 2014.07.01, the 在线验证码 and 验证有效期至 under the grid
    beside a grey QR square."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (250, 250, 250), rng, 1.5)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    cv.centered(w / 2, 180, title, "sans_bold", fit("sans_bold", 46, title, w - 220, 30), LASER,
                body=False)  # fmt: skip
    cv.text((110, 250), f"更新日期：{fmt_date(f['update_date'], 'dot')}", "sans", 26, LASER)
    vk = face("sans", *f.values())
    x0, x1, split, ph = 110.0, w - 110.0, 330.0, w - 330.0
    rh = 78.0
    top = 290.0
    rows = record_grid_rows(f)
    for i, (label, value) in enumerate(rows):
        right = ph if i < 4 else x1
        y = top + i * rh
        pair(cv, (x0, y, right, y + rh), label, value, "sans", vk, 28, split, shade=None,
             line=LASER)  # fmt: skip
    d.rectangle((ph, top, x1, top + 4 * rh), outline=LASER, width=2)
    _portrait(img, doc, (int(ph + 25), int(top + 20), int(x1 - 25), int(top + 4 * rh - 20)), None)
    y = top + len(rows) * rh + 70
    qr_block(d, x0, y - 30, rng, 7)
    cv.text((x0 + 250, y), "在线验证码：", "sans", 28, LASER)
    cv.text((x0 + 250, y + 56), f["verification_code"], "sans_bold", 34, LASER)
    cv.text((x0 + 250, y + 126), f"验证有效期至：{fmt_date(f['valid_until'], 'dot')}", "sans",
            28, LASER)  # fmt: skip
    note = "注：本表仅证明电子注册信息，可登录学信网输入在线验证码查验。"
    paragraph(cv, note, (), x0, x1, y + 240, "sans", 26, 46, indent=False)
    return Rendered(img.convert("L").convert("RGB"), None, cv.min_glyph, "diploma_record")


def record_greyprint_pdf(fields: dict[str, str]) -> bytes:
    """The laser print scanned back to PDF (grey, slightly skewed, no text layer)."""
    from PIL import Image

    from lab.synth.families_6 import scan_pdf

    rng = random.Random(f"record-greyprint/{fields['id_number']}/{fields['verification_code']}")
    page = record_greyprint(Doc("diploma_record", fields), rng).image
    return scan_pdf(page.resize((992, 1403), Image.Resampling.LANCZOS), rng)


# --------------------------------------------------------------------------------------------
# 师承/确有专长: landscape Ming under a logo band, the number in red


def mentorship_logoband(doc: Doc, rng: random.Random) -> Rendered:
    """A landscape certificate (Ming) under a green band with the issuer's logo square and
    name in white, the number in red under the band's right end (No. …), the title, the
    photo left, the particulars two to a line right of it (姓　名 | 性　别, 公民身份号码,
    专长内容 / 出师专业), a sentence, the issuer's seal over its name and a date 2020年12月13日."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (253, 252, 246), rng, 1)
    cv = Canvas(img)
    issuer = f["issuer"]
    ik = face("ming", issuer)
    cv.draw.rectangle((0, 60, w, 190), fill=GREEN)
    logo_square(img, (110, 80, 200, 170), (12, 70, 46))
    cv.text((230, 145), issuer, ik, fit(ik, 40, issuer, w - 900, 28), WHITE)
    num = f["cert_number"]
    cv.text((w - 620, 240), f"No. {num}", "ming", fit("ming", 30, f"No. {num}", 500, 26), RED)
    title = f.get("title") or "传统医学医术确有专长证书"
    cv.centered(w / 2, 330, title, "ming", fit("ming", 60, title, w - 300, 36), INK, body=False)
    _portrait(img, doc, (150, 390, 370, 660), (236, 236, 230))
    taught = "师承" in title or "出师" in title
    rows = [("姓　名", f["name"]), ("性　别", f["gender"]), ("公民身份号码", f["id_number"]),
            (("出师专业" if taught else "专长内容"), f["major"])]  # fmt: skip
    vk = face("ming", *f.values())
    y = two_lists(cv, rows, (440.0, 1060.0), 560.0, 440.0, 86, "ming", vk, 34)
    text = "经考核合格，特发此证。" if not taught else "经出师考核合格，特发此证。"
    paragraph(cv, text, (), 440, w - 150, max(y, 700.0) + 40, "ming", 36, 60)
    sign_off(img, cv, rng, [issuer, fmt_date(f["issue_date"], "cn")], w - 150, h - 250, ik,
             fit(ik, 34, issuer, 640, 26), issuer, radius=120, lead=66)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 承诺书: a pledge with a tear-off 回执 at its foot, both signed by hand

RECEIPT_PROMISES = (
    "本人承诺在规定时间内取得国家承认的毕业证书，并将毕业证书原件及复印件交考点审核。",
    "本人如在规定时间内未取得毕业证书，自愿放弃本年度考试资格，所得成绩无效。",
)


def pledge_receipt(doc: Doc, rng: random.Random) -> Rendered:
    """A pledge (portrait, Ming) with a tear-off 回执 under a dashed cut line: the upper part
    the title 承诺书, the particulars in running text (本人…，身份证号码…，系…专业应届毕业生…)
    and the promises, 承诺人 signed in blue-black with a handwritten 2026年1月15日; the 回执
    below repeats 姓名 and 身份证号码 in a small ruled grid and is signed again; no seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 252), rng, 0.8)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 210, "承诺书", "ming", 60, INK, spacing=40, body=False)
    g = iso(f["expected_graduation"] + "-01")
    vk = face("ming", *f.values())
    text = (
        f"本人{f['name']}，身份证号码{f['id_number']}，系{f['school']}{f['major']}专业"
        f"应届毕业生，预计{g.year}年{g.month}月毕业，现报名参加医师资格考试，郑重承诺："
    )
    keep = (f["name"], f["id_number"], f["school"], f["major"])
    y = paragraph(cv, text, keep, 130, w - 130, 330, vk, 34, 64)
    for i, p in enumerate(RECEIPT_PROMISES, 1):
        y = paragraph(cv, f"{'一二'[i - 1]}、{p}", (), 130, w - 130, y + 10, "ming", 32, 60)
    y += 60
    x = cv.text((640, y), "承诺人：", "ming", 32)
    name = f["name"]
    cv.text((x + 10, y + 4), name, face("kai", name), 46, BLUE_BLACK)
    dd = iso(f["date"])
    hand = f"{dd.year}年{dd.month}月{dd.day}日"
    cv.text((660, y + 100), hand, "kai", 38, BLUE_BLACK)
    cut = max(y + 200, 1180.0)
    for dx in range(60, w - 60, 28):
        d.line((dx, cut, dx + 14, cut), fill=RULE, width=2)
    cv.text((70, cut - 14), "（沿此线剪下）", "ming", 26, GREY)
    cv.centered(w / 2, cut + 90, "回　执", "ming", 44, INK, body=False)
    top = cut + 130
    pair(cv, (130, top, w - 130, top + 86), "姓　　名", name, "ming", vk, 30, 380, shade=None)
    pair(cv, (130, top + 86, w - 130, top + 172), "身份证号码", f["id_number"], "ming", vk, 30,
         380, shade=None)  # fmt: skip
    y = top + 260
    cv.text((130, y), "承诺书已交考点留存。", "ming", 30)
    x = cv.text((640, y + 70), "考生签字：", "ming", 30)
    cv.text((x + 10, y + 74), name, face("kai", name), 42, BLUE_BLACK)
    return Rendered(img, None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# 试用期考核证明: a joint-venture hospital's bilingual proof under a navy logo band


def probation_bilingual(doc: Doc, rng: random.Random) -> Rendered:
    """A probation proof (portrait, Serif) from a joint-venture hospital: a navy band with a
    logo square and the unit's name in white, the title with Probation Assessment under it,
    the fields as label：value lines with an English sub-label under each Chinese one (姓名
    Name, 证件号码 ID No., 工作单位 Employer, 试用期 Probation Period 2024-07-01至2025-06-30,
    考核结论 Result), 人力资源部 signed by hand, the seal over the unit's name and an ISO date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.6)
    cv = Canvas(img)
    unit = f["work_unit"]
    uk = face("serif", unit)
    cv.draw.rectangle((0, 60, w, 180), fill=NAVY)
    logo_square(img, (100, 75, 190, 165), (40, 90, 150))
    cv.text((220, 138), unit, uk, fit(uk, 40, unit, w - 320, 28), WHITE)
    cv.centered(w / 2, 290, "医师资格考试试用期考核证明", "serif_bold", 50, INK, body=False)
    cv.centered(w / 2, 345, "Certificate of Probation Assessment", "serif", 28, GREY)
    period = f"{f['period_start']}至{f['period_end']}"
    rows = [("姓　　名", "Name", f["name"]), ("证件号码", "ID No.", f["id_number"]),
            ("工作单位", "Employer", unit), ("试用科室", "Department", f["department"]),
            ("试 用 期", "Probation Period", period),
            ("考核结论", "Result", f["result"])]  # fmt: skip
    vk = face("serif", *f.values())
    y = 460.0
    for label, en, value in rows:
        cv.text((130, y), f"{label}：", "serif", 32)
        cv.text((130, y + 40), en, "serif", 24, GREY)
        k = face(vk, value)
        cv.text((420, y), value, k, fit(k, 34, value, w - 550, 26))
        cv.draw.line((410, y + 14, w - 130, y + 14), fill=RULE, width=1)
        y += 118
    text = "特此证明。"
    y = paragraph(cv, text, (), 130, w - 130, y + 40, "serif", 32, 60)
    x = cv.text((130, y + 60), "人力资源部负责人：", "serif", 30)
    scrawl(cv.draw, x + 20, y + 50, rng, 190)
    sign_off(img, cv, rng, [unit, f["date"]], w - 130, y + 220, uk, fit(uk, 32, unit, 620, 26),
             unit, radius=118, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# 执业期考核证明: a result slip from the unit as 考核机构, its seal below


def practice_period_slip(doc: Doc, rng: random.Random) -> Rendered:
    """A 医师定期考核结果通知单 (portrait, Hei) as a unit that is itself the 考核机构 issues it:
    the title with the 执业期考核证明 wording under it, 考核机构 named, label：value lines
    with the labels in a right-aligned column (医师姓名, 身份证件号, 所在单位, 执业类别, 考核周期
    2016年4月6日—2026年1月8日), the result in a large box of its own (考核结果：合格), then the
    unit's 经办人 signing by hand and the unit's seal over its name and a padded date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 254, 250), rng, 0.8)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 190, "医师定期考核结果通知单", "hei", 54, INK, body=False)
    cv.centered(w / 2, 255, "（医师执业期考核证明）", "hei", 32, GREY, body=False)
    unit = f["work_unit"]
    uk = face("hei", unit)
    vk = face("hei", *f.values())
    x = cv.text((120, 360), "考核机构：", "hei", 30, GREY)
    cv.text((x, 360), unit, uk, fit(uk, 32, unit, w - 120 - x, 26))
    paragraph(cv, "经考核，下列医师本周期定期考核结果如下：", (), 120, w - 120, 430, "hei", 30,
              56)  # fmt: skip
    span = f"{fmt_date(f['period_start'], 'cn')}—{fmt_date(f['period_end'], 'cn')}"
    rows = [("医师姓名", f["name"]), ("身份证件号", f["id_number"]), ("所在单位", unit),
            ("执业类别", f["practice_category"]), ("考核周期", span)]  # fmt: skip
    y = 540.0
    edge = 400.0
    for label, value in rows:
        lw = font("hei", 30).getlength(f"{label}：")
        cv.text((edge - lw, y), f"{label}：", "hei", 30, GREY)
        k = face(vk, value)
        cv.text((edge + 10, y), value, k, fit(k, 32, value, w - 130 - edge - 10, 26))
        y += 78
    d.rectangle((200, y + 20, w - 200, y + 170), outline=INK, width=3)
    cv.centered(w / 2 - 60, y + 118, "考核结果：", "hei", 40, INK)
    cv.text((w / 2 + 60, y + 118), f["result"], face("hei", f["result"]), 48)
    y += 260
    x = cv.text((120, y), "经办人：", "hei", 30)
    scrawl(d, x + 20, y - 10, rng, 170)
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "pad")], w - 130, y + 170, uk,
             fit(uk, 32, unit, 620, 26), unit, radius=118, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# 医疗机构执业许可证: landscape Ming 正本 in a red double border, dates in Chinese numerals


def licence_hanzi(doc: Doc, rng: random.Random) -> Rendered:
    """A licence 正本 (landscape, Ming) in a red double border: the title in red, label：value
    lines in the left half (机构名称, 地址, 主要负责人, 登记号), 有效期限 自二〇
    二二年五月一日至二〇二七年四月三十日 in Chinese numerals, the 诊疗科目 in running text
    (内科；外科；…) in the right half, the authority's seal over its name and a Chinese-numeral
    date."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (253, 251, 245), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((50, 50, w - 51, h - 51), outline=RED, width=6)
    d.rectangle((68, 68, w - 69, h - 69), outline=RED, width=2)
    cv.centered(w / 2, 200, "医疗机构执业许可证", "ming", 68, RED, spacing=12, body=False)
    vk = face("ming", *f.values())
    period = f"自{fmt_date(f['valid_from'], 'hanzi')}至{fmt_date(f['valid_until'], 'hanzi')}"
    rows = [("机构名称", f["work_unit"]), ("地　　址", f["address"]), ("主要负责人", f["head"]),
            ("登 记 号", f["registration_number"])]  # fmt: skip
    y = 340.0
    for label, value in rows:
        x = cv.text((130, y), f"{label}：", "ming", 30)
        k = face(vk, value)
        cv.text((x, y), value, k, fit(k, 32, value, 860 - x, 26))
        y += 80
    cv.text((130, y), "有效期限：", "ming", 30)
    k = face(vk, period)
    cv.text((130, y + 60), period, k, fit(k, 32, period, 730, 26))
    cv.text((960, 340), "诊疗科目：", "ming", 30)
    subjects = f["subjects"].split("；")
    text = "；".join(subjects)
    paragraph(cv, text, tuple(subjects), 960, w - 130, 410, face(vk, text), 30, 56, indent=False)
    issuer = f["issuer"]
    ik = face("ming", issuer)
    sign_off(img, cv, rng, ["发证机关：" + issuer, fmt_date(f["issue_date"], "hanzi")], w - 140,
             h - 260, ik, fit(ik, 32, "发证机关：" + issuer, 720, 26), issuer, radius=120,
             lead=66)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "licence")


# --------------------------------------------------------------------------------------------
# 社会保险: a month list under a dark header row, the insurances as columns

MONTHS_TITLE = "职工社会保险缴费明细"
MONTHS_HEAD = ("缴费年月", "缴费基数", "养老", "医疗", "失业", "缴费状态")


def months_rows(f: dict[str, str]) -> list[tuple[str, ...]]:
    """One row per month (2025/08): the base, each insurance's personal part (— where the
    person has none of it that month, 0.00 when unpaid) and 足额到账 / 欠费 for the month."""
    by: dict[str, dict[str, tuple[str, str]]] = {}
    for month, kind, base, status in _payments(f):
        by.setdefault(month, {})[kind] = (base, status)
    out = []
    for month in sorted(by):
        cells = by[month]
        base = next(iter(cells.values()))[0]
        parts = []
        ok = all(status == "已缴" for _, status in cells.values())
        for key in ("养老", "医疗", "失业"):
            hit = [(k, v) for k, v in cells.items() if key in k]
            if not hit:
                parts.append("—")
                continue
            kind, (b, status) = hit[0]
            own, _ = RATES.get(kind, (0.0, 0.01))
            paid = status == "已缴"
            parts.append(f"{float(b) * own:.2f}" if paid else "0.00")
        out.append((f"{month[:4]}/{month[4:]}", base, *parts, "足额到账" if ok else "欠费"))
    return out


def si_months(doc: Doc, rng: random.Random) -> Rendered:
    """A 职工社会保险缴费明细 (portrait, Hei): the person in a ruled grid at the top (姓名 |
    公民身份号码, 参保单位), a table of one row per month (2025/08) under a dark header row
    in white (缴费年月 | 缴费基数 | 养老 | 医疗 | 失业 | 缴费状态 足额到账/欠费), the months
    counted under it, the agency's 业务专用章 over its name and a slashed date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 170, MONTHS_TITLE, "hei", 52, INK, body=False)
    vk = face("hei", f["name"], f["work_unit"])
    x0, x1 = 90.0, w - 90.0
    pair(cv, (x0, 230, 520, 316), "姓名", f["name"], "hei", vk, 28, 200)
    pair(cv, (520, 230, x1, 316), "公民身份号码", f["id_number"], "hei", vk, 28, 720)
    pair(cv, (x0, 316, x1, 402), "参保单位", f["work_unit"], "hei", vk, 28, 250)
    rows = months_rows(f)
    rh = min(64.0, 1000.0 / (len(rows) + 1))
    size = max(24, min(28, int(rh * 0.5)))
    edges = (x0, 290.0, 490.0, 650.0, 810.0, 970.0, x1)
    top = 450.0
    dark_row(cv, edges, top, rh, MONTHS_HEAD, NAVY, "hei", size)
    for r, row in enumerate(rows, 1):
        base = top + r * rh + rh / 2 + size * 0.36
        if r % 2 == 0:
            d.rectangle((x0, top + r * rh, x1, top + (r + 1) * rh), fill=(242, 244, 248))
        for c, cell in enumerate(row):
            cv.text((edges[c] + 14, base), cell, "hei", size)
    bottom = top + rh * (len(rows) + 1)
    d.rectangle((x0, top, x1, bottom), outline=INK, width=1)
    paid = sum(1 for r in rows if r[-1] == "足额到账")
    cv.text((x0, bottom + 56), f"共{len(rows)}个月，足额到账{paid}个月", "hei", 28)
    agency = f["agency"]
    ak = face("hei", agency)
    p = iso(f["print_date"])
    sign_off(img, cv, rng, [agency, f"{p.year}/{p.month}/{p.day}"], x1 - 10, bottom + 160, ak,
             fit(ak, 28, agency, 560, 26), agency, bottom="业务专用章", radius=105,
             lead=52)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_months_pdf(fields: dict[str, str]) -> bytes:
    """The 缴费明细 as the online hall gives it: a born-digital PDF with a text layer."""
    from lab.synth import pdfdoc

    rows = months_rows(fields)
    person = [f"姓名：{fields['name']}", f"公民身份号码：{fields['id_number']}",
              f"参保单位：{fields['work_unit']}"]  # fmt: skip
    texts = [MONTHS_TITLE, *person, *MONTHS_HEAD, *(c for r in rows for c in r)]
    pdf = pdfdoc._new_pdf(MONTHS_TITLE, FIXED_DATE, texts)
    pdf.set_font("noto", size=15)
    pdf.set_xy(15, 16)
    pdf.cell(180, 10, MONTHS_TITLE, align="C")
    pdf.set_font("noto", size=10)
    y = 32.0
    for line in person:
        pdf.set_xy(18, y)
        pdf.cell(170, 6, line)
        y += 7
    y += 4
    widths = (32, 30, 26, 26, 26, 34)
    pdf.set_font("noto", size=9)
    for r, row in enumerate((MONTHS_HEAD, *rows)):
        x = 18.0
        if r == 0:
            pdf.set_fill_color(26, 48, 92)
            pdf.set_text_color(255, 255, 255)
        else:
            pdf.set_text_color(0, 0, 0)
        for c, cell in enumerate(row):
            pdf.set_xy(x, y)
            pdf.cell(widths[c], 6, cell, border=1, fill=r == 0)
            x += widths[c]
        y += 6
    pdf.set_text_color(0, 0, 0)
    paid = sum(1 for r in rows if r[-1] == "足额到账")
    pdf.set_xy(18, y + 4)
    pdf.cell(170, 6, f"共{len(rows)}个月，足额到账{paid}个月；经办机构：{fields['agency']}")
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 医师资格证书: a landscape Ming certificate, label list right of the photo


def qualification_landscape(doc: Doc, rng: random.Random) -> Rendered:
    """A qualification certificate laid out landscape (Ming): the title across the top with
    a thin rule under it, the photo left, the fields as label：value lines
    in a right-aligned label column (姓名, 性别, 身份证件号码, 资格类别, 资格级别 …, 证书编码),
    a sentence 经国家医师资格考试合格，取得…资格。, the authority's seal over its name and a
    Chinese-numeral date."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (250, 251, 247), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 190, "医师资格证书", "ming", 72, INK, spacing=24, body=False)
    d.line((200, 240, w - 200, 240), fill=(150, 120, 60), width=3)
    _portrait(img, doc, (170, 330, 400, 620), (236, 238, 240))
    rows = [("姓　　名", f["name"]), ("性　　别", f["gender"]), ("身份证件号码", f["id_number"]),
            ("资格类别", f["qual_category"]), ("资格级别", f["qualification"]),
            ("证书编码", f["qualification_number"])]  # fmt: skip
    vk = face("ming", *f.values())
    edge = 760.0
    y = 360.0
    for label, value in rows:
        lw = font("ming", 32).getlength(f"{label}：")
        cv.text((edge - lw, y), f"{label}：", "ming", 32, GREY)
        k = face(vk, value)
        cv.text((edge + 10, y), value, k, fit(k, 34, value, w - 150 - edge - 10, 26))
        y += 84
    paragraph(cv, f"经国家医师资格考试合格，取得{f['qualification']}资格。",
              (f["qualification"],), 480, w - 150, y + 40, face(vk, f["qualification"]), 34,
              60)  # fmt: skip
    authority = health_authority(iso(f["issue_date"]))
    ak = face("ming", authority)
    sign_off(img, cv, rng, [authority, fmt_date(f["issue_date"], "hanzi")], w - 150, h - 230, ak,
             fit(ak, 32, authority, 640, 26), authority, radius=118, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


# --------------------------------------------------------------------------------------------
# 医师执业证书: a page on a guilloche-like 底纹, values under their labels in two columns


def practice_guilloche(doc: Doc, rng: random.Random) -> Rendered:
    """A practice certificate page (portrait, Ming) printed on the security paper's light
    green 底纹 (the issuer's words repeated), the title, the photo top right, the fields in two
    columns of stacked values under small grey labels (left: 姓名, 性别, 身份证号, 医师级别;
    right: 执业类别, 执业范围, 证书编码, 注册日期 2016.04.06), 执业地点 across the page, the
    authority's seal over its name."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (250, 253, 248), rng, 0.8)
    watermark(img, "医师执业证书", (190, 220, 196), step=200)
    cv = Canvas(img)
    cv.centered(w / 2, 200, "医师执业证书", "ming", 66, INK, spacing=14, body=False)
    _portrait(img, doc, (w - 340, 270, w - 130, 520), None)
    vk = face("ming", *f.values())
    left = [("姓名", f["name"]), ("性别", f["gender"]), ("身份证号", f["id_number"]),
            ("医师级别", f["practice_level"])]  # fmt: skip
    right = [("执业类别", f["practice_category"]), ("执业范围", f["scope"]),
             ("证书编码", f["practice_number"]),
             ("注册日期", fmt_date(f["registration_date"], "dot"))]  # fmt: skip
    y1 = stack(cv, 120, 560, 300, left, vk, 32, 140, lk="ming", ls=26)
    y2 = stack(cv, 620, w - 380, 600, right[:1], vk, 32, 140, lk="ming", ls=26)
    y2 = stack(cv, 620, w - 120, y2, right[1:], vk, 32, 140, lk="ming", ls=26)
    y = stack(cv, 120, w - 120, max(y1, y2), [("执业地点", f["work_unit"])], vk, 32, 140,
              lk="ming", ls=26)  # fmt: skip
    issuer = f["issuer"]
    ik = face("ming", issuer)
    sign_off(img, cv, rng, ["发证机关", issuer], w - 130, y + 140, ik,
             fit(ik, 32, issuer, 620, 26), issuer, radius=120, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# Registration

HELD_OUT = (
    ("diploma", "crest", diploma_crest, None,
     "landscape Kai diploma under a band with the school's crest square and name: particulars "
     "two to a line left of the photo (…毕业时间 2014年7月), 证书编号 bottom left, 校长 printed, "
     "seal over the school and a Chinese-numeral date"),
    ("degree", "statute", degree_statute, None,
     "landscape Kai …学位证书: photo and 证书编号 left, sentence 学生…修完…专业本科培养计划…经审核"
     "符合《中华人民共和国学位条例》的规定，授予医学…学位, 校长 and 主席 signed by hand, seal "
     "over the school and a Chinese-numeral date"),
    ("diploma_record", "greyprint", record_greyprint, record_greyprint_pdf,
     "备案表 printed on a black-and-white laser printer: ruled label | value grid starting with "
     "证书编号 and 学校名称, photo merged over the first rows, dotted dates, 在线验证码 beside a "
     "QR square; PDF a grey scan without text layer"),
    ("mentorship_cert", "logoband", mentorship_logoband, None,
     "landscape Ming certificate under a green band with the issuer's logo and name in white, "
     "No. in red top right, photo left, particulars two to a line (公民身份号码), seal over the "
     "issuer and a 2020年12月13日 date"),
    ("pledge", "receipt", pledge_receipt, None,
     "Ming 承诺书 in running text (本人…，身份证号码…，系…专业应届毕业生), 承诺人 signed in "
     "blue-black with a handwritten date, then a tear-off 回执 under a dashed cut line with "
     "姓名 and 身份证号码 in a small grid, signed again; no seal"),
    ("probation_cert", "bilingual", probation_bilingual, None,
     "joint-venture hospital's proof (Serif) under a navy logo band: English sub-labels under "
     "each label (Name, ID No., Employer, Probation Period, Result), ISO period …至…, 人力资源部 "
     "signed by hand, seal over the unit and an ISO date"),
    ("practice_period_cert", "slip", practice_period_slip, None,
     "Hei 医师定期考核结果通知单 from the unit as 考核机构: right-aligned label column (医师姓名, "
     "身份证件号, 所在单位, 执业类别, 考核周期 …—…), the result in a large box, 经办人 signed by "
     "hand, the unit's seal over its name and a padded date"),
    ("licence", "hanzi", licence_hanzi, None,
     "landscape Ming 正本 in a red double border with a red title: label：value lines left, "
     "有效期限 自二〇二二年…至二〇二七年… in Chinese numerals, 诊疗科目 in running text right, "
     "seal over 发证机关 and a Chinese-numeral date"),
    ("social_insurance", "months", si_months, si_months_pdf,
     "Hei 职工社会保险缴费明细: person in a ruled grid (姓名 | 公民身份号码, 参保单位), one row "
     "per month 2025/08 under a navy header row (缴费基数 | 养老 | 医疗 | 失业 | 足额到账/欠费), "
     "months counted, 业务专用章; PDF born-digital with a text layer"),
    ("assistant_qualification", "landscape", qualification_landscape, None,
     "landscape Ming certificate: photo left, right-aligned label column (身份证件号码, 资格类别, "
     "资格级别, 证书编码), a sentence 经国家医师资格考试合格，取得…资格, seal over the authority "
     "and a Chinese-numeral date"),
    ("assistant_practice", "guilloche", practice_guilloche, None,
     "portrait Ming page on a light green 底纹 of the title's words: values under small grey "
     "labels in two columns (身份证号, 执业范围, 证书编码, dotted 注册日期), 执业地点 across the "
     "page, seal over 发证机关"),
)  # fmt: skip
