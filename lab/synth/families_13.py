"""A thirteenth layout family per material (issue 15, eleventh round): yet other issuers, held out.

Every family of the earlier modules has been run and looked at (`families.LOOKED_AT`), so these
are the new *held-out* ones, written without running the readers on them and never adjusted to
suit the readers. Each differs from every earlier family of its material the way real issuers
differ: a stapled photocopy of a Kai diploma worded as one running sentence, a landscape Serif
degree on a ruled 底纹 with a Chinese-numeral date, the 学信网 mobile view of a 备案表 pasted on
A4, a 专长 certificate on a watermarked page in two label columns, a pledge on a school's
letterhead signed in blue-black, a probation proof in two label columns with Chinese-numeral
dates, a practice-period proof whose table's header row is dark with white labels, a licence
副本 that also names the 法定代表人, a 社保 参保证明 summarising each insurance, an A5
qualification page scanned on an A4 flatbed and a Ming practice-certificate page with a
Chinese-numeral
registration date. Every value the material's checks compare is printed whole, exactly as the
form's truth holds it; a typeface lacking a character of a value gives way to Noto.
"""

from __future__ import annotations

import random

from PIL import Image

from lab.synth.families_5 import logo_square, watermark
from lab.synth.families_6 import BLUE_BLACK, GREY, RULE, photocopy, scan_pdf
from lab.synth.families_7 import NAVY, dark_row, right_text
from lab.synth.families_11 import _label_cell, _value_cell
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
    sign_off,
)
from lab.synth.render import INK, Canvas, Doc, Rendered, draw_stamp, font, iso, paper

GREEN = (30, 96, 72)
#: a school's letterhead colour (no red: a pledge bears no seal, and no blue: its signing ink)
SCHOOL_GREEN = (24, 100, 56)


def two_lists(cv: Canvas, rows: list[tuple[str, str]], cols: tuple[float, float], width: float,
              y: float, lead: float, lk: str, vk: str, size: int) -> float:  # fmt: skip
    """Short fields two to a line (label：value in each column), a long one (`width` wide is
    too narrow for it) on a line of its own; returns the y below."""
    col = 0
    for label, value in rows:
        k = face(vk, value)
        long = font(k, size).getlength(value) > width - font(lk, size).getlength(label) - 60
        if long and col:
            y, col = y + lead, 0
        x = cv.text((cols[col], y), f"{label}：", lk, size, GREY)
        room = (cols[1] + width if long else cols[col] + width) - x
        cv.text((x, y), value, k, fit(k, size, value, room, 26))
        if long or col:
            y, col = y + lead, 0
        else:
            col = 1
    return y + (lead if col else 0)


# --------------------------------------------------------------------------------------------
# 毕业证书: a stapled photocopy of a Kai diploma worded as one sentence


def diploma_copy(doc: Doc, rng: random.Random) -> Rendered:
    """A 卫校 diploma (portrait, Kai) as applicants upload it: a stapled photocopy, grey and of
    lower contrast. The particulars run as one sentence (学生…，性别…，于2011年9月至2014年7月在
    本校…专业…学习，学制…年，修完…准予毕业。), the photo top left, the number as 证书编号 at
    the foot left, 校长 printed, the school's seal over its name and a 二〇一四年七月 date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 250, 244), rng, 2)
    cv = Canvas(img)
    cv.centered(w / 2, 240, "毕业证书", "kai", 78, INK, spacing=24, body=False)
    photo(img, doc, (130, 330, 330, 580), (232, 236, 244))
    enrol, grad = iso(f["enrol"] + "-01"), iso(f["graduation"] + "-01")
    vk = face("kai", *f.values())
    text = (
        f"学生{f['name']}，性别{f['gender']}，于{enrol.year}年{enrol.month}月至"
        f"{grad.year}年{grad.month}月在本校{f['major']}专业{f['education_level']}学习，"
        f"学制{f['years']}年，修完教学计划规定的全部课程，成绩合格，准予毕业。"
    )
    keep = (f["name"], f["major"], f"{grad.year}年{grad.month}月", f"{enrol.year}年{enrol.month}月")
    y = paragraph(cv, text, keep, 130, w - 130, 700, vk, 40, 84)
    school = f["school"]
    sk = face("kai", school)
    cv.text((130, y + 120), f"校长：{f['principal']}", face("kai", f["principal"]), 34)
    date = fmt_date(f["graduation"] + "-01", "hanzi").split("月")[0] + "月"
    y2 = sign_off(img, cv, rng, [school, date], w - 130, y + 260, sk,
                  fit(sk, 38, school, 620, 28), school, radius=125, lead=74)  # fmt: skip
    cv.text((130, max(y2 + 120, h - 220)), f"证书编号：{f['diploma_number']}", "kai", 32)
    copy = photocopy(img, rng)
    return Rendered(copy, None, cv.min_glyph, "diploma")


# --------------------------------------------------------------------------------------------
# 学位证书: landscape Serif on a ruled 底纹, a Chinese-numeral date


def degree_ruled(doc: Doc, rng: random.Random) -> Rendered:
    """A degree certificate printed landscape (Serif) on a light ruled 底纹 of fine horizontal
    lines, the photo at the right: 学位证书 in bold, the sentence …，…年…月…日生。在本校…专业完成了
    本科学习计划，业已毕业，经审核符合《中华人民共和国学位条例》的规定，授予医学学士学位。, the
    chair printed, the school's seal over its name and a 二〇一四年七月一日 date, the number at
    the foot left."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (250, 250, 246), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    for yy in range(60, h - 60, 9):  # the 底纹
        d.line((60, yy, w - 60, yy), fill=(234, 236, 240), width=1)
    d.rectangle((50, 50, w - 51, h - 51), outline=(90, 70, 40), width=4)
    cv.centered(w / 2, 210, "学位证书", "serif_bold", 72, INK, spacing=28, body=False)
    photo(img, doc, (w - 380, 300, w - 160, 570), (236, 236, 240))
    level = f["degree_level"]
    field = "理学" if "护理" in f["major"] else "医学"
    vk = face("serif", *f.values())
    born = fmt_date(f["birth_date"], "cn")
    text = (
        f"{f['name']}，{f['gender']}，{born}生。在{f['school']}{f['major']}专业完成了"
        f"本科学习计划，业已毕业，经审核符合《中华人民共和国学位条例》的规定，"
        f"授予{field}{level}学位。"
    )
    keep = (f["name"], f["school"], f["major"], f"{field}{level}学位", born)
    y = paragraph(cv, text, keep, 150, w - 440, 340, vk, 40, 84)
    cv.text((150, y + 90), f"学位评定委员会主席：{f['chair']}", face("serif", f["chair"]), 34)
    school = f["school"]
    sk = face("serif", school)
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "hanzi")], w - 160, h - 300, sk,
             fit(sk, 36, school, 640, 28), school, radius=120, lead=70)  # fmt: skip
    cv.text((150, h - 140), f"证书编号：{f['degree_number']}", "serif", 30)
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表: the 学信网 mobile view, a screenshot pasted on A4


def record_cards(f: dict[str, str]) -> list[tuple[str, str]]:
    """(label, value) rows of the mobile view, one card each, school first."""
    return [("学校名称", f["school"]), ("姓名", f["name"]), ("性别", f["gender"]),
            ("证件号码", f["id_number"]), ("出生日期", f["birth_date"]),
            ("层次", f["record_level"]), ("专业", f["major"]), ("学制", f"{f['years']}年"),
            ("学历类别", f["record_category"]), ("入学日期", f["enrol_date"]),
            ("毕业日期", f["graduation_date"]), ("证书编号", f["diploma_number"])]  # fmt: skip


def record_mobile(doc: Doc, rng: random.Random) -> Rendered:
    """A phone screenshot of the 学信网 app's 备案表 view, pasted in the middle of an A4 page as
    applicants print one: a status bar (time, signal, battery), the app's blue title bar, the
    title and 更新日期, then each particular on a row of its own with its label small and grey
    on the left and the value right-aligned (Sans), the 在线验证码 and 有效期至 at the foot of
    the screen."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    x0, x1, top, bottom = 250.0, w - 250.0, 80.0, h - 80.0
    d.rectangle((x0, top, x1, bottom), fill=(244, 245, 248), outline=(190, 190, 196), width=2)
    cv.text((x0 + 24, top + 38), "9:41", "sans_bold", 26, INK)
    right_text(cv, x1 - 24, top + 38, "5G  87%", "sans", 26)
    d.rectangle((x0, top + 56, x1, top + 150), fill=(30, 110, 200))
    cv.centered((x0 + x1) / 2, top + 116, "学信档案", "sans_bold", 34, (255, 255, 255), body=False)
    title = f["title"]
    cv.text((x0 + 24, top + 220), title, "sans_bold", fit("sans_bold", 32, title, x1 - x0 - 48, 26))
    cv.text((x0 + 24, top + 270), f"更新日期：{f['update_date']}", "sans", 26, GREY)
    vk = face("sans", *f.values())
    y = top + 300
    for label, value in record_cards(f):
        d.rectangle((x0 + 16, y, x1 - 16, y + 76), fill=(255, 255, 255))
        cv.text((x0 + 36, y + 48), label, "sans", 26, GREY)
        k = face(vk, value)
        s = fit(k, 28, value, x1 - x0 - 220, 26)
        right_text(cv, x1 - 36, y + 50, value, k, s)
        y += 84
    y += 30
    cv.text((x0 + 24, y), "在线验证码", "sans", 26, GREY)
    right_text(cv, x1 - 24, y, f["verification_code"], "sans_bold", 30)
    cv.text((x0 + 24, y + 56), "有效期至", "sans", 26, GREY)
    right_text(cv, x1 - 24, y + 56, f["valid_until"], "sans", 28)
    return Rendered(img, None, cv.min_glyph, "diploma_record")


def record_mobile_pdf(fields: dict[str, str]) -> bytes:
    """The screenshot printed and scanned back to PDF (grey, no text layer, < 200 KB)."""
    rng = random.Random(f"record-mobile/{fields['id_number']}/{fields['verification_code']}")
    page = record_mobile(Doc("diploma_record", fields), rng).image
    return scan_pdf(page.resize((992, 1403), Image.Resampling.LANCZOS), rng)


# --------------------------------------------------------------------------------------------
# 师承/确有专长: a Serif certificate on a watermarked page, two label columns


def mentorship_watermark(doc: Doc, rng: random.Random) -> Rendered:
    """A certificate (portrait, Serif) on a page watermarked with the issuer's name: 证书编号
    at the top left, the title, the photo centred, the particulars two to a line (姓名：…
    性别：…, then 证件号码 and 专长/出师内容 on lines of their own), 经考核，成绩合格，特发此证。,
    the seal over the issuer and an ISO date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 252, 250), rng, 1)
    issuer = f["issuer"]
    watermark(img, issuer, (226, 232, 238))
    cv = Canvas(img)
    cv.text((120, 140), f"证书编号：{f['cert_number']}", "serif", 28)
    title = f.get("title") or "传统医学医术确有专长证书"
    tk = "serif_bold"
    cv.centered(w / 2, 260, title, tk, fit(tk, 56, title, w - 240, 32), GREEN, body=False)
    _portrait(img, doc, (w // 2 - 100, 330, w // 2 + 100, 580), (236, 240, 236))
    taught = "师承" in title or "出师" in title
    rows = [("姓名", f["name"]), ("性别", f["gender"]), ("证件号码", f["id_number"]),
            ("出师内容" if taught else "专长内容", f["major"])]  # fmt: skip
    vk = face("serif", *f.values())
    y = two_lists(cv, rows, (140.0, 660.0), 460.0, 700, 90, "serif", vk, 34)
    y = paragraph(cv, "经考核，成绩合格，特发此证。", (), 140, w - 140, y + 60, "serif", 34, 70)
    ik = face("serif", issuer)
    sign_off(img, cv, rng, [issuer, f["issue_date"]], w - 140, y + 180, ik,
             fit(ik, 34, issuer, 680, 28), issuer, radius=120, lead=70)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 承诺书: on the school's letterhead, particulars in the running text, signed in blue-black

LETTERHEAD_PROMISES = (
    "一、本人提交的报名材料及所填信息真实有效，如有弄虚作假，自愿承担相应责任；",
    "二、本人承诺在规定时间内取得毕业证书并按要求提交，否则考试成绩无效；",
    "三、本人自觉遵守医师资格考试的各项规定和考场纪律。",
)


def pledge_letterhead(doc: Doc, rng: random.Random) -> Rendered:
    """A pledge on the school's letterhead (portrait, Ming): a logo square and the school's
    name over a double rule, the title, the particulars in the running text (本人…，身份证号码
    …，系…专业…届毕业生…), the promises numbered 一、二、三、, the name signed by hand in
    blue-black beside 承诺人签名 and the date written 2026年1月15日 by hand; no seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 254), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    school = f["school"]
    sk = face("ming", school)
    logo_square(img, (110, 70, 200, 160), SCHOOL_GREEN)
    cv.text((230, 135), school, sk, fit(sk, 40, school, w - 340, 28), SCHOOL_GREEN)
    d.line((100, 190, w - 100, 190), fill=SCHOOL_GREEN, width=4)
    d.line((100, 200, w - 100, 200), fill=SCHOOL_GREEN, width=1)
    cv.centered(w / 2, 320, "医师资格考试考生承诺书", "ming", 52, INK, body=False)
    g = iso(f["expected_graduation"] + "-01")
    vk = face("ming", *f.values())
    text = (
        f"本人{f['name']}，身份证号码{f['id_number']}，系{school}{f['major']}专业"
        f"{g.year}届毕业生，自愿报名参加医师资格考试，现郑重承诺："
    )
    keep = (f["name"], f["id_number"], school, f["major"])
    y = paragraph(cv, text, keep, 110, w - 110, 440, vk, 34, 70)
    for p in LETTERHEAD_PROMISES:
        y = paragraph(cv, p, (), 110, w - 110, y + 10, "ming", 32, 64)
    y = max(y + 160, 1280)
    x = cv.text((600, y), "承诺人签名：", "ming", 32)
    name = f["name"]
    cv.text((x + 10, y + 4), name, face("kai", name), 44, BLUE_BLACK)
    x = cv.text((600, y + 110), "日　　期：", "ming", 32)
    dd = iso(f["date"])
    cv.text((x + 10, y + 112), f"{dd.year}年{dd.month}月{dd.day}日", "kai", 38, BLUE_BLACK)
    return Rendered(img, None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# 试用期考核证明: two label columns, Chinese-numeral dates


def probation_columns(doc: Doc, rng: random.Random) -> Rendered:
    """A probation proof (portrait, Serif) from a hospital's 医务科: the title, the particulars
    two to a line (姓名 | 性别, then 公民身份号码, 工作单位, 科室 | 职务), the period as 起止日期
    二〇二四年七月一日至二〇二五年六月三十日 on a line of its own, 考核结论 on its own line under a
    rule, the seal over the date (二〇二五年…), the unit's name above it."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 220, "医师资格考试试用期考核证明", "serif_bold", 52, INK, body=False)
    d.line((120, 270, w - 120, 270), fill=INK, width=2)
    vk = face("serif", *f.values())
    rows = [("姓　　名", f["name"]), ("性　　别", f["gender"]),
            ("公民身份号码", f["id_number"]), ("工作单位", f["work_unit"]),
            ("科　　室", f["department"]), ("职　　务", "住院医师")]  # fmt: skip
    y = two_lists(cv, rows, (130.0, 660.0), 460.0, 380, 90, "serif", vk, 32)
    start, end = fmt_date(f["period_start"], "hanzi"), fmt_date(f["period_end"], "hanzi")
    x = cv.text((130, y), "起止日期：", "serif", 32, GREY)
    cv.text((x, y), start, "serif", 32)
    cv.text((x, y + 60), f"至{end}", "serif", 32)
    y += 150
    d.line((120, y, w - 120, y), fill=RULE, width=1)
    x = cv.text((130, y + 80), "考核结论：", "serif", 34, GREY)
    cv.text((x, y + 80), f["result"], "serif_bold", 40)
    y = paragraph(cv, "该同志试用期内遵守医院各项规章制度，特此证明。", (), 130, w - 130, y + 170,
                  "serif", 32, 64)  # fmt: skip
    unit = f["work_unit"]
    uk = face("serif", unit)
    lines = [unit, fmt_date(f["date"], "hanzi")]
    size = fit(uk, 34, unit, 640, 28)
    for k, line in enumerate(lines):
        kk = face(uk, line)
        right_text(cv, w - 130, y + 180 + k * 72, line, kk, size)
    dw = font("serif", size).getlength(lines[1])
    draw_stamp(img, (w - 130 - dw / 2 + rng.uniform(-20, 20), y + 240), 120, unit, rng)
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# 执业期考核证明: a one-row table whose header row is dark with white labels


def practice_period_darkhead(doc: Doc, rng: random.Random) -> Rendered:
    """A 医师执业期考核证明 printed landscape (Hei) as a one-row ruled table whose header row
    is shaded navy with white labels (姓名 | 证件号码 | 执业单位 | 执业类别 | 考核结论), the
    unit's opinion box under it (经考核，该医师执业期考核结论为…), the seal over the unit's name
    and a slashed date 2025/12/20."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (254, 254, 254), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 190, "医师执业期考核证明", "hei", 56, INK, spacing=8, body=False)
    edges = (90.0, 330.0, 720.0, 1260.0, 1480.0, w - 90.0)
    dark_row(cv, edges, 290, 80, ("姓名", "证件号码", "执业单位", "执业类别", "考核结论"), NAVY,
             "hei", 30)  # fmt: skip
    vk = face("hei", *f.values())
    cells = (f["name"], f["id_number"], f["work_unit"], f["practice_category"], f["result"])
    top, bot = 370.0, 500.0
    for c, value in enumerate(cells):
        k = face(vk, value)
        s = fit(k, 30, value, edges[c + 1] - edges[c] - 24, 24)
        cv.text((edges[c] + 12, (top + bot) / 2 + s * 0.36), value, k, s)
        d.line((edges[c], 290, edges[c], bot), fill=INK, width=2)
    d.line((edges[-1], 290, edges[-1], bot), fill=INK, width=2)
    d.line((edges[0], bot, edges[-1], bot), fill=INK, width=2)
    d.rectangle((90, bot + 60, w - 90, bot + 400), outline=INK, width=2)
    cv.text((120, bot + 120), "单位意见：", "hei", 32)
    cv.text((160, bot + 200), f"经考核，该医师执业期考核结论为{f['result']}。", "hei", 34)
    unit = f["work_unit"]
    uk = face("hei", unit)
    dd = iso(f["date"])
    sign_off(img, cv, rng, [unit, f"{dd.year}/{dd.month}/{dd.day}"], w - 140, bot + 280, uk,
             fit(uk, 32, unit, 620, 26), unit, radius=115, lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# 医疗机构执业许可证: a Kai 副本 with Chinese-numeral dates, subjects in a ruled box


def licence_kai(doc: Doc, rng: random.Random) -> Rendered:
    """A licence 副本 (portrait, Kai) with a red （副本） tag under the title: a label list with
    full-width colons (机构名称, 地址, 法定代表人, 主要负责人, 登记号), the 有效期限 in Chinese
    numerals (自二〇二二年五月一日至二〇二七年四月三十日) over two lines, the 诊疗科目 run on with
    、 inside a ruled box, the authority's seal over its name and a hanzi date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 252, 248), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    red = (170, 30, 36)
    cv.centered(w / 2, 200, "医疗机构执业许可证", "kai", 64, INK, spacing=10, body=False)
    d.rectangle((w / 2 - 90, 240, w / 2 + 90, 300), outline=red, width=3)
    cv.centered(w / 2, 284, "副　本", "kai", 36, red, body=False)
    vk = face("kai", *f.values())
    rows = [("机构名称", f["work_unit"]), ("地　　址", f["address"]),
            ("法定代表人", f["legal_rep"]), ("主要负责人", f["head"]),
            ("登 记 号", f["registration_number"])]  # fmt: skip
    y = 420.0
    for label, value in rows:
        cv.text((130, y), f"{label}：", "kai", 34, GREY)
        k = face(vk, value)
        cv.text((380, y), value, k, fit(k, 36, value, w - 510, 28))
        y += 82
    cv.text((130, y), "有效期限：", "kai", 34, GREY)
    cv.text((380, y), f"自{fmt_date(f['valid_from'], 'hanzi')}", "kai", 36)
    cv.text((380, y + 60), f"至{fmt_date(f['valid_until'], 'hanzi')}", "kai", 36)
    y += 160
    cv.text((130, y), "诊疗科目：", "kai", 34, GREY)
    subjects = f["subjects"].split("；")
    top = y + 30
    y = paragraph(cv, "、".join(subjects), subjects, 160, w - 160, top + 70, vk, 34, 62,
                  indent=False)  # fmt: skip
    d.rectangle((130, top, w - 130, y), outline=INK, width=2)
    issuer = f["issuer"]
    ik = face("kai", issuer)
    sign_off(img, cv, rng, [issuer, fmt_date(f["issue_date"], "hanzi")], w - 130,
             max(y + 180, h - 330), ik, fit(ik, 34, issuer, 640, 28), issuer, radius=125,
             lead=70)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "licence")


# --------------------------------------------------------------------------------------------
# 社会保险: a 参保证明 summarising each insurance


def insurance_rows(f: dict[str, str]) -> list[tuple[str, str, str, str, str]]:
    """(险种, 参保状态, 缴费起止 2024.07-2025.06, 实缴月数, 欠缴月数) per insurance, in the
    order the payments list them."""
    out: dict[str, list[tuple[str, str]]] = {}
    for month, kind, _, state in _payments(f):
        out.setdefault(kind, []).append((month, state))
    rows = []
    for kind, months in out.items():
        ms = sorted(m for m, _ in months)
        paid = sum(1 for _, s in months if s == "已缴")
        span = f"{ms[0][:4]}.{ms[0][4:]}-{ms[-1][:4]}.{ms[-1][4:]}"
        rows.append((SHORT.get(kind, kind), "参保缴费", span, str(paid), str(len(months) - paid)))
    return rows


SI_TITLE = "社会保险参保证明（个人）"
SI_HEAD = ("险种", "参保状态", "缴费起止年月", "实缴月数", "欠缴月数")


def si_summary(doc: Doc, rng: random.Random) -> Rendered:
    """A 社会保险参保证明（个人） (portrait, Sans) that summarises rather than lists the months:
    the person in a ruled grid (姓名 | 公民身份号码, then 参保单位 merged
    across), one row per insurance (险种 | 参保状态 参保缴费 | 缴费起止年月 2024.07-2025.06 |
    实缴月数 | 欠缴月数), a note, the agency's 业务专用章 over its name and a 2025年12月21日 date,
    a 打印时间 line."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 200, SI_TITLE, "sans_bold", 50, INK, body=False)
    vk = face("sans", f["name"], f["work_unit"])
    cols = (100.0, 260.0, 520.0, 720.0, w - 100.0)
    y = 300.0
    _label_cell(cv, (cols[0], y, cols[1], y + 90), "姓名", "sans", 28)
    _value_cell(cv, (cols[1], y, cols[2], y + 90), f["name"], face(vk, f["name"]), 30)
    _label_cell(cv, (cols[2], y, cols[3], y + 90), "公民身份号码", "sans", 26)
    _value_cell(cv, (cols[3], y, cols[4], y + 90), f["id_number"], "sans", 30)
    y += 90
    _label_cell(cv, (cols[0], y, cols[1], y + 90), "参保单位", "sans", 28)
    _value_cell(cv, (cols[1], y, cols[4], y + 90), f["work_unit"], face(vk, f["work_unit"]), 30)
    y += 170
    edges = (100.0, 330.0, 530.0, 820.0, 980.0, w - 100.0)
    d.rectangle((edges[0], y, edges[-1], y + 70), fill=(228, 232, 238))
    for c, head in enumerate(SI_HEAD):
        cv.text((edges[c] + 14, y + 46), head, "sans_bold", 26)
    for row in insurance_rows(f):
        y += 70
        for c, cell in enumerate(row):
            cv.text((edges[c] + 14, y + 46), cell, "sans", 28)
    y += 70
    for ex in edges:
        d.line((ex, y - 70 * (len(insurance_rows(f)) + 1), ex, y), fill=INK, width=2)
    for k in range(len(insurance_rows(f)) + 2):
        d.line((edges[0], y - 70 * k, edges[-1], y - 70 * k), fill=INK, width=2)
    note = "注：本证明根据社会保险信息系统记录出具，仅证明参保人在上述期间的参保缴费情况。"
    y = paragraph(cv, note, (), 100, w - 100, y + 90, "sans", 26, 50, indent=False)
    agency = f["agency"]
    ak = face("sans", agency)
    sign_off(img, cv, rng, [agency, fmt_date(f["print_date"], "cn")], w - 110, y + 170, ak,
             fit(ak, 30, agency, 600, 26), agency, bottom="业务专用章", radius=115,
             lead=62)  # fmt: skip
    cv.text((100, h - 110), f"打印时间：{f['print_date']}", "sans", 26, GREY)
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_summary_pdf(fields: dict[str, str]) -> bytes:
    """The 参保证明 as the agency's site gives it: a born-digital PDF with a text layer."""
    from lab.synth import pdfdoc

    rows = insurance_rows(fields)
    person = [f"姓名：{fields['name']}", f"公民身份号码：{fields['id_number']}",
              f"参保单位：{fields['work_unit']}"]  # fmt: skip
    foot = [fields["agency"], fmt_date(fields["print_date"], "cn")]
    texts = [SI_TITLE, *person, *SI_HEAD, *(c for r in rows for c in r), *foot]
    pdf = pdfdoc._new_pdf(SI_TITLE, FIXED_DATE, texts)
    pdf.set_font("noto", size=15)
    pdf.set_xy(15, 18)
    pdf.cell(180, 10, SI_TITLE, align="C")
    pdf.set_font("noto", size=10)
    y = 38.0
    for line in person:
        pdf.set_xy(20, y)
        pdf.cell(170, 7, line)
        y += 8
    y += 6
    for row in (SI_HEAD, *rows):
        for x, wd, cell in zip((20, 55, 85, 130, 155), (35, 30, 45, 25, 30), row, strict=True):
            pdf.set_xy(x, y)
            pdf.cell(wd, 8, cell, border=1)
        y += 8
    y += 20
    for line in foot:
        pdf.set_xy(110, y)
        pdf.cell(80, 7, line, align="R")
        y += 8
    pdfdoc._seal(pdf, 165, y - 12, 16, fields["agency"], "业务专用章")
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 医师资格证书: an A5 booklet page scanned on an A4 flatbed


def qualification_flatbed(doc: Doc, rng: random.Random) -> Rendered:
    """The A5 certificate page scanned on an A4 flatbed: the page sits in the top left of the
    scan, the rest the grey of the open lid. On the page (Serif): the title, the photo top
    right, a label list (持证人姓名, 性别, 出生日期 padded, 证件号码, 资格类别, 资格级别), the
    管理号/证书编码 at the foot, the authority's seal over a hanzi 签发日期."""
    w, h = PORTRAIT
    f = doc.fields
    img = Image.new("RGB", (w, h), (196, 196, 198))
    page = paper(900, 1270, (250, 249, 244), rng, 1)
    img.paste(page, (40, 40))
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((40, 40, 939, 1309), outline=(150, 150, 152), width=2)
    d.rectangle((80, 80, 899, 1269), outline=(120, 100, 60), width=2)
    cv.centered(490, 190, "医师资格证书", "serif_bold", 56, INK, spacing=10, body=False)
    _portrait(img, doc, (690, 250, 850, 450), (238, 238, 232))
    rows = [("持证人姓名", f["name"]), ("性　　别", f["gender"]),
            ("出生日期", fmt_date(f["birth_date"], "pad")), ("证件号码", f["id_number"]),
            ("资格类别", f["qual_category"]), ("资格级别", f["qualification"])]  # fmt: skip
    vk = face("serif", *f.values())
    y = 300.0
    for label, value in rows:
        cv.text((120, y), label, "serif", 28, GREY)
        k = face(vk, value)
        right = 660 if y < 470 else 870
        cv.text((300, y), value, k, fit(k, 32, value, right - 300, 26))
        y += 76
    cv.text((120, y + 20), "证书编码", "serif", 28, GREY)
    cv.text((300, y + 20), f["qualification_number"], "serif", 30)
    authority = health_authority(iso(f["issue_date"]))
    ak = face("serif", authority)
    sign_off(img, cv, rng, ["签发机关", authority, fmt_date(f["issue_date"], "hanzi")], 870,
             y + 170, ak, fit(ak, 30, authority, 560, 26), authority, radius=110,
             lead=58)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


# --------------------------------------------------------------------------------------------
# 医师执业证书: Ming page, dotted leaders, a Chinese-numeral registration date


def practice_leaders(doc: Doc, rng: random.Random) -> Rendered:
    """A practice certificate page (portrait, Ming): the title and the photo centred under it,
    then each field on a line of its own with dotted leaders from the label to the value at
    the right margin (医师姓名, 性别, 身份证号, 医师级别, 执业类别, 执业范围, 执业地点, 证书编码),
    注册日期 in Chinese numerals (二〇一六年四月六日), the authority's seal over 发证机关."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 251, 247), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 200, "医师执业证书", "ming", 66, INK, spacing=18, body=False)
    _portrait(img, doc, (w // 2 - 90, 260, w // 2 + 90, 480), (238, 236, 230))
    rows = [("医师姓名", f["name"]), ("性　　别", f["gender"]), ("身份证号", f["id_number"]),
            ("医师级别", f["practice_level"]), ("执业类别", f["practice_category"]),
            ("执业范围", f["scope"]), ("执业地点", f["work_unit"]),
            ("证书编码", f["practice_number"]),
            ("注册日期", fmt_date(f["registration_date"], "hanzi"))]  # fmt: skip
    vk = face("ming", *f.values())
    y = 580.0
    for label, value in rows:
        x = cv.text((140, y), label, "ming", 32)
        k = face(vk, value)
        s = fit(k, 34, value, w - 140 - x - 60, 26)
        vx = w - 140 - font(k, s).getlength(value)
        cv.text((vx, y), value, k, s)
        for dx in range(int(x + 16), int(vx - 16), 16):
            d.ellipse((dx, y - 6, dx + 4, y - 2), fill=GREY)
        y += 84
    issuer = f["issuer"]
    ik = face("ming", issuer)
    sign_off(img, cv, rng, ["发证机关", issuer], w - 140, y + 130, ik,
             fit(ik, 32, issuer, 620, 26), issuer, radius=120, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# Registration

HELD_OUT = (
    ("diploma", "stapledcopy", diploma_copy, None,
     "stapled photocopy (grey, lower contrast) of a portrait Kai 卫校 diploma: particulars as one "
     "sentence (学生…，性别…，于2011年9月至2014年7月在本校…专业…学习，学制…年…准予毕业), photo top "
     "left, 校长 printed, seal over the school and a 二〇一四年七月 date, 证书编号 at the foot"),
    ("degree", "ruledground", degree_ruled, None,
     "landscape Serif 学位证书 on a ruled 底纹: sentence …，…，1992年3月4日生。"
     "在<school><major>专业完成了本科学习计划…授予医学学士学位, photo right, chair "
     "printed, seal over the school and a hanzi date, 证书编号 at the foot left"),
    ("diploma_record", "mobile", record_mobile, record_mobile_pdf,
     "phone screenshot of the 学信档案 app's 备案表 pasted on A4: status bar, blue title bar, one "
     "row per particular (grey label left, value right-aligned), school first, ISO dates, "
     "在线验证码/有效期至 at the foot; PDF a scan without text layer"),
    ("mentorship_cert", "watermark", mentorship_watermark, None,
     "portrait Serif certificate on a page watermarked with the issuer's name: 证书编号 top left, "
     "photo centred, particulars two to a line (姓名 | 性别, 证件号码, 专长/出师内容), seal over "
     "the issuer and an ISO date"),
    ("pledge", "letterhead", pledge_letterhead, None,
     "Ming 考生承诺书 on the school's letterhead (logo square, name over a double rule): "
     "particulars in the running text (本人…，身份证号码…，系<school><major>专业…届毕业生), "
     "promises 一、二、三、, the name signed in blue-black Kai and the date written by hand; "
     "no seal"),
    ("probation_cert", "twocol", probation_columns, None,
     "Serif proof: particulars two to a line (姓名 | 性别, 公民身份号码, 工作单位, 科室 | 职务), "
     "起止日期 in Chinese numerals over two lines, 考核结论 under a rule, seal over a hanzi date "
     "with the unit's name above"),
    ("practice_period_cert", "darkhead", practice_period_darkhead, None,
     "landscape Hei 医师执业期考核证明 as a one-row ruled table whose header row is navy with "
     "white labels (姓名|证件号码|执业单位|执业类别|考核结论), a 单位意见 box with the "
     "conclusion in a sentence, seal over the unit and a slashed date 2026/1/16"),
    ("licence", "kaicopy", licence_kai, None,
     "portrait Kai 副本 with a red 副本 tag: label list (机构名称, 地址, 法定代表人, 主要负责人, "
     "登记号), 有效期限 in Chinese numerals 自…/至… over two lines, 诊疗科目 run on with 、 in a "
     "ruled box, seal over the authority and a hanzi date"),
    ("social_insurance", "summary", si_summary, si_summary_pdf,
     "portrait Sans 社会保险参保证明（个人）: person in a ruled grid (姓名 | 公民身份号码, "
     "参保单位 merged), one row per insurance (险种|参保状态|缴费起止年月 2025.08-2025.12|"
     "实缴月数|欠缴月数) instead of months, 业务专用章 over the agency and a date, 打印时间 "
     "line; PDF born-digital with a text layer"),
    ("assistant_qualification", "flatbed", qualification_flatbed, None,
     "A5 Serif certificate page scanned on an A4 flatbed (grey lid around it): photo top right, "
     "label list (持证人姓名, 出生日期 padded, 证件号码, 资格类别, 资格级别), 证书编码 at the "
     "foot, seal over 签发机关, the authority and a hanzi date"),
    ("assistant_practice", "leaders", practice_leaders, None,
     "portrait Ming page, photo centred under the title, one field a line with dotted leaders to "
     "the value at the right margin (医师姓名 … 执业地点, 证书编码), 注册日期 in Chinese numerals, "
     "seal over 发证机关 and the authority"),
)  # fmt: skip
