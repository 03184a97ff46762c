"""A twenty-fifth layout family per material (issue 15, twenty-third round): other issuers,
held out.

Every family of the earlier modules has been run and looked at (`families.LOOKED_AT`), so these
are the new *held-out* ones, written without running the readers on them and never adjusted to
suit the readers. This round covers every material: a
Ming 转正审批表 whose probation span stands as two ISO dates and whose grade is boxed, a Ming
notice of the periodic assessment's result numbered 〔2026〕 that lists the person in a
one-row table, a Hei pledge whose particulars stand two to a line over its promises, a Serif
licence whose labels stand in a grey column and whose validity reads in ISO dates, a Ming
certificate whose values stand on ruled lines with an ISO date, a Serif qualification
certificate whose values follow dotted leaders, a Serif practice certificate in a ruled table
with dotted dates, a landscape Hei diploma numbered at the bottom left, a Serif degree whose
number stands under the photo on the right, a Sans 备案表 whose labels stand right-aligned
against their colons with dotted dates, and a Serif 社保 print whose table leads with the
insurance and gives the month as 2025年8月.
Every value the material's checks compare is printed whole, exactly as the form's truth holds
it; a typeface lacking a character of a value gives way to Noto.
"""

from __future__ import annotations

import random

from lab.synth.families_6 import BLUE_BLACK, GREY, RULE
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
    ruled_table,
    sign_off,
)
from lab.synth.render import INK, Canvas, Doc, Rendered, font, iso, paper

#: the grey of a label cell
BAND = (234, 234, 236)


def _month(s: str) -> str:
    """2016-07 as 2016年7月."""
    d = iso(s + "-01")
    return f"{d.year}年{d.month}月"


# --------------------------------------------------------------------------------------------
# 试用期考核证明: a 转正审批表, the span as two ISO dates, the grade boxed


def probation_transfer(doc: Doc, rng: random.Random) -> Rendered:
    """A probation proof (portrait, Ming at 30) as a hospital's 转正审批表: the title, a ruled
    table (姓名 | 性别; 证件号码; 工作单位; 所在科室; 试用期开始日期 | 试用期结束日期 as ISO
    2024-09-01), a row 转正考核等次 whose grade stands in a drawn box, 人事部门意见 同意转正 (or
    不同意转正), the unit's seal over its name and an ISO date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 253, 251), rng, 0.4)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 200, "试用期考核证明", "ming", 60, INK, spacing=10, body=False)
    cv.centered(w / 2, 262, "（工作人员转正审批表）", "ming", 30)
    vk = face("ming", *f.values())
    x0, x1 = 100.0, w - 100.0
    rows = [
        ("姓　　名", f["name"], "性　　别", f["gender"]),
        ("证件号码", f["id_number"]),
        ("工作单位", f["work_unit"]),
        ("所在科室", f.get("department") or ""),
        ("试用期开始日期", f["period_start"], "结束日期", f["period_end"]),
    ]
    y = ruled_table(cv, rows, x0, x1, 330, 100, 270, "ming", 30, vk, 30, mid=x0 + 600,
                    lw2=180, width=2)  # fmt: skip
    d.rectangle((x0, y, x1, y + 130), outline=INK, width=2)
    d.line((x0 + 270, y, x0 + 270, y + 130), fill=INK, width=2)
    cv.text((x0 + 16, y + 76), "转正考核等次", "ming", 30)
    grade = f["result"]
    gw = font("ming", 34).getlength(grade)
    d.rectangle((x0 + 300, y + 30, x0 + 340 + gw, y + 100), outline=INK, width=2)
    cv.text((x0 + 320, y + 78), grade, "ming", 34)
    top = y + 130
    d.rectangle((x0, top, x1, top + 380), outline=INK, width=2)
    d.line((x0 + 270, top, x0 + 270, top + 380), fill=INK, width=2)
    cv.text((x0 + 16, top + 200), "人事部门意见", "ming", 30)
    verdict = "同意转正。" if grade != "不合格" else "不同意转正。"
    cv.text((x0 + 300, top + 80), verdict, "ming", 32)
    unit = f["work_unit"]
    sign_off(img, cv, rng, [unit, f["date"]], x1 - 40, top + 220, vk,
             fit(vk, 30, unit, 560, 26), unit, radius=118, lead=60)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# 执业期考核证明: a numbered notice of results, the person in a one-row table


def practice_period_circular(doc: Doc, rng: random.Random) -> Rendered:
    """A practice-period proof (portrait, Ming at 30) as a hospital's 医务部 issues it: the
    title, a document number 〔2026〕…号 right, a paragraph (根据《医师定期考核管理办法》…，本
    单位已完成…至…周期的医师定期考核工作，现将考核结果证明如下：), a ruled table of one person
    (姓名 | 身份证号 | 执业类别 | 考核结果), 特此证明, the unit's seal over its name and a
    hanzi date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 254, 252), rng, 0.4)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 200, "执业期考核证明", "ming", 62, INK, spacing=12, body=False)
    dt = iso(f["date"])
    num = f"医务证〔{dt.year}〕{dt.month:02d}{dt.day:02d}号"
    cv.text((w - 110 - font("ming", 28).getlength(num), 290), num, "ming", 28)
    x0, x1 = 110.0, w - 110.0
    span = f"{fmt_date(f['period_start'], 'cn')}至{fmt_date(f['period_end'], 'cn')}"
    unit = f["work_unit"]
    vk = face("ming", *f.values())
    text = (
        f"根据《医师定期考核管理办法》有关规定，{unit}已完成{span}周期的医师定期考核工作，"
        "现将考核结果证明如下："
    )
    y = paragraph(cv, text, (unit,), x0, x1, 390, vk, 30, 68)
    heads = ("姓名", "身份证号", "执业类别", "考核结果")
    vals = (f["name"], f["id_number"], f["practice_category"], f["result"])
    widths = (230.0, 420.0, 190.0, x1 - x0 - 840.0)
    top = y + 30
    d.rectangle((x0, top, x1, top + 70), fill=(240, 240, 240))
    x = x0
    for wd, head, val in zip(widths, heads, vals, strict=True):
        cv.text((x + 14, top + 48), head, "ming", 28)
        k = face(vk, val)
        cv.text((x + 14, top + 130), val, k, fit(k, 30, val, wd - 24, 26))
        d.line((x, top, x, top + 170), fill=INK, width=2)
        x += wd
    d.rectangle((x0, top, x1, top + 170), outline=INK, width=2)
    d.line((x0, top + 70, x1, top + 70), fill=INK, width=2)
    y = top + 260
    cv.text((x0 + 60, y), "特此证明。", "ming", 30)
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "hanzi")], x1, y + 200, vk,
             fit(vk, 30, unit, 620, 26), unit, radius=120, lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# 承诺书: the particulars two to a line, Hei


def pledge_pairs(doc: Doc, rng: random.Random) -> Rendered:
    """A pledge (portrait, Hei at 30) as a 考点 hands it out: the title, particulars two to a
    line (姓名 … 毕业年月 …; 身份证件号 …; 就读院校 … 专业 …) above a rule, 本人郑重承诺： and
    four promises, then 考生本人签名： with the name written by hand in blue-black and the
    date written by hand as 2026.1.17; no seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 254, 252), rng, 0.3)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 200, "承诺书", "hei", 66, INK, spacing=30, body=False)
    vk = face("hei", *f.values())
    x0, x1 = 120.0, w - 120.0
    mid = x0 + 560
    lines = [
        (("姓　　名", f["name"]), ("毕业年月", _month(f["expected_graduation"]))),
        (("身份证件号", f["id_number"]),),
        (("就读院校", f["school"]), ("专　　业", f["major"])),
    ]
    y = 320.0
    for pairs in lines:
        for i, (label, value) in enumerate(pairs):
            xa = x0 if i == 0 else mid
            xb = (mid - 20) if len(pairs) == 2 and i == 0 else x1
            x = cv.text((xa, y), f"{label}：", "hei", 30, GREY)
            k = face(vk, value)
            cv.text((x + 6, y), value, k, fit(k, 30, value, xb - x - 6, 26))
        y += 70
    d.line((x0, y - 20, x1, y - 20), fill=RULE, width=2)
    cv.text((x0, y + 50), "本人郑重承诺：", "hei", 30)
    promises = (
        "1．本人所填报名信息及提交的材料均真实、有效，如有虚假，自愿承担相应责任；",
        "2．本人为应届毕业生，将在毕业当年取得毕业证书后报考点复核；",
        "3．如未能按期取得毕业证书，本人本次考试成绩无效；",
        "4．本人将严格遵守考试纪律，服从考点的安排。",
    )
    y += 120
    for line in promises:
        y = paragraph(cv, line, (), x0, x1, y, "hei", 30, 64, indent=False) + 12
    y = max(y + 150, 1250.0)
    name = f["name"]
    x = cv.text((w / 2 - 40, y), "考生本人签名：", "hei", 30)
    cv.text((x + 10, y + 8), name, face("kai", name), 54, BLUE_BLACK)
    dt = iso(f["date"])
    x = cv.text((w / 2 - 40, y + 110), "日　　　　期：", "hei", 30)
    cv.text((x + 10, y + 114), f"{dt.year}.{dt.month}.{dt.day}", "kai", 44, BLUE_BLACK)
    return Rendered(img, None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# 医疗机构执业许可证: a grey label column, ISO validity


def licence_shaded(doc: Doc, rng: random.Random) -> Rendered:
    """A licence (portrait, Song/Serif at 30) from a district 卫健委's approval system: the
    title, a ruled table whose labels stand in a grey column (机构名称, 地址, 法定代表人, 主要
    负责人, 登记号, 有效期限 2021-07-01 至 2026-06-30, 诊疗科目 with one subject a line, two to a
    row), the seal over 发证机关 and a padded date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 253), rng, 0.4)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 180, "医疗机构执业许可证", "serif_bold", 60, INK, spacing=8, body=False)
    vk = face("serif", *f.values())
    x0, x1 = 100.0, w - 100.0
    lw = 230.0
    valid = f"{f['valid_from']} 至 {f['valid_until']}"
    rows = [("机构名称", f["work_unit"]), ("地　　址", f["address"]),
            ("法定代表人", f["legal_rep"]), ("主要负责人", f["head"]),
            ("登 记 号", f["registration_number"]), ("有效期限", valid)]  # fmt: skip
    rh = 86.0
    top = 250.0
    subjects = f["subjects"].split("；")
    sk = face(vk, *subjects)
    n = (len(subjects) + 1) // 2
    sh = 50.0
    bottom = top + len(rows) * rh + n * sh + 40
    d.rectangle((x0, top, x0 + lw, bottom), fill=BAND)
    for i, (label, value) in enumerate(rows):
        ya = top + i * rh
        cv.text((x0 + 18, ya + 56), label, "serif", 28)
        k = face(vk, value)
        cv.text((x0 + lw + 18, ya + 56), value, k, fit(k, 30, value, x1 - x0 - lw - 36, 26))
        d.line((x0, ya + rh, x1, ya + rh), fill=INK, width=2)
    ya = top + len(rows) * rh
    cv.text((x0 + 18, ya + 56), "诊疗科目", "serif", 28)
    half = (x1 - x0 - lw) / 2
    for i, s in enumerate(subjects):
        r, c = divmod(i, 2)
        xa = x0 + lw + 18 + c * half
        cv.text((xa, ya + 56 + r * sh), s, sk, fit(sk, 30, s, half - 30, 26))
    d.rectangle((x0, top, x1, bottom), outline=INK, width=2)
    d.line((x0 + lw, top, x0 + lw, bottom), fill=INK, width=2)
    issuer = f["issuer"]
    ik = face("serif", issuer)
    line = f"发证机关：{issuer}"
    sign_off(img, cv, rng, [line, fmt_date(f["issue_date"], "pad")], x1,
             min(bottom + 150, h - 170), ik, fit(ik, 30, line, 800, 26), issuer,
             radius=120, lead=60)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "licence")


# --------------------------------------------------------------------------------------------
# 确有专长/出师 certificate: values on ruled lines, an ISO date


def mentorship_ruledlines(doc: Doc, rng: random.Random) -> Rendered:
    """A certificate (portrait, Ming at 30): the title, the photo top right, label then value
    over a ruled line (姓名, 性别, 公民身份号码, 专长领域 or 出师专业, 证书编号), a statement
    (经考核合格，准予…。), the issuer's seal over its name and an ISO date at the foot right."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 251, 245), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    title = f.get("title") or "传统医学医术确有专长证书"
    cv.centered(w / 2, 210, title, "ming", fit("ming", 56, title, w - 200, 36), INK,
                body=False)  # fmt: skip
    _portrait(img, doc, (w - 330, 290, w - 130, 540), (240, 240, 236))
    taught = "师承" in title or "出师" in title
    vk = face("ming", *f.values())
    rows = [("姓　　名", f["name"]), ("性　　别", f["gender"]),
            ("公民身份号码", f["id_number"]),
            ("出师专业" if taught else "专长领域", f["major"]),
            ("证书编号", f["cert_number"])]  # fmt: skip
    x0 = 130.0
    y = 340.0
    for i, (label, value) in enumerate(rows):
        right = w - 380.0 if y < 560 else w - 130.0
        x = cv.text((x0, y), label, "ming", 30)
        k = face(vk, value)
        cv.text((x + 30, y), value, k, fit(k, 32, value, right - x - 40, 26))
        d.line((x + 16, y + 12, right, y + 12), fill=INK, width=2)
        y += 92 if i < len(rows) - 1 else 0
    what = "出师考核" if taught else "医术确有专长考核"
    text = f"经{what}合格，准予取得本证书。"
    y = paragraph(cv, text, (), x0, w - 130, y + 130, "ming", 32, 70)
    issuer = f["issuer"]
    ik = face("ming", issuer)
    sign_off(img, cv, rng, [issuer, f["issue_date"]], w - 130, max(y + 250, 1300.0), ik,
             fit(ik, 30, issuer, 700, 28), issuer, radius=122, lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 医师资格证书: values after dotted leaders


def qualification_leaderdots(doc: Doc, rng: random.Random) -> Rendered:
    """A qualification certificate (portrait, Song/Serif at 30): the title, the photo top
    left, 管理号 beside it, then lines of label, a dotted leader and the value right-aligned
    (姓名, 性别, 出生日期 dotted, 身份证件号码, 类别, 级别, 证书编码), the authority's seal over
    its name and a cn date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 252, 248), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 190, "医师资格证书", "serif_bold", 62, INK, spacing=20, body=False)
    _portrait(img, doc, (130, 270, 330, 520), (238, 238, 240))
    vk = face("serif", *f.values())
    rows = [("姓名", f["name"]), ("性别", f["gender"]),
            ("出生日期", fmt_date(f["birth_date"], "dot")), ("身份证件号码", f["id_number"]),
            ("类别", f["qual_category"]), ("级别", f["qualification"]),
            ("证书编码", f["qualification_number"])]  # fmt: skip
    y = 600.0
    x0, x1 = 130.0, w - 130.0
    for label, value in rows:
        x = cv.text((x0, y), label, "serif", 30)
        k = face(vk, value)
        size = fit(k, 30, value, x1 - x - 60, 26)
        vw = font(k, size).getlength(value)
        cv.text((x1 - vw, y), value, k, size)
        dx = x + 14
        while dx < x1 - vw - 14:
            d.ellipse((dx - 2, y - 6, dx + 2, y - 2), fill=GREY)
            dx += 14
        y += 82
    cv.text((x0, y + 40), "经全国统一考试合格，具有医师资格，特发此证。", "serif", 30)
    authority = health_authority(iso(f["issue_date"]))
    sign_off(img, cv, rng, [authority, fmt_date(f["issue_date"], "cn")], x1, y + 220,
             "serif", fit("serif", 30, authority, 760, 26), authority, radius=120,
             lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


# --------------------------------------------------------------------------------------------
# 医师执业证书: a ruled table, dotted dates


def practice_dotreg(doc: Doc, rng: random.Random) -> Rendered:
    """A practice certificate (portrait, Song/Serif at 30) printed from a provincial
    registration system: the title, 证书编码 above a ruled table (姓名 | 性别; 出生日期 dotted |
    证件号码; 医师级别 | 执业类别; 执业范围; 主要执业机构; 批准日期 2018.06.21), the photo at the
    foot left, the issuer's seal over its name and its dotted date at the foot right."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 253), rng, 0.4)
    cv = Canvas(img)
    cv.centered(w / 2, 190, "医师执业证书", "serif_bold", 60, INK, spacing=16, body=False)
    num = f"证书编码：{f['practice_number']}"
    cv.text((100, 290), num, "serif", 30)
    vk = face("serif", *f.values())
    x0, x1 = 100.0, w - 100.0
    rows = [
        ("姓　名", f["name"], "性　别", f["gender"]),
        ("出生日期", fmt_date(f["birth_date"], "dot")),
        ("证件号码", f["id_number"]),
        ("医师级别", f["practice_level"], "执业类别", f["practice_category"]),
        ("执业范围", f["scope"]),
        ("主要执业机构", f["work_unit"]),
        ("批准日期", fmt_date(f["registration_date"], "dot")),
    ]
    y = ruled_table(cv, rows, x0, x1, 330, 92, 240, "serif", 28, vk, 30, mid=x0 + 620,
                    lw2=170, width=2)  # fmt: skip
    _portrait(img, doc, (int(x0), int(y + 60), int(x0 + 200), int(y + 310)), (236, 236, 236))
    issuer = f["issuer"]
    ik = face("serif", issuer)
    sign_off(img, cv, rng, [issuer, fmt_date(f["registration_date"], "dot")], x1, y + 200,
             ik, fit(ik, 30, issuer, 620, 26), issuer, radius=120, lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# 毕业证书: landscape, numbered bottom left; 学位证书: the number under the photo on the right


def diploma_landscape(doc: Doc, rng: random.Random) -> Rendered:
    """A diploma (landscape, Hei at 34) as a vocational school prints it: the title, the photo
    on the left, the running text on the right (学生…，性别…，…年…月…日生，于…入学，在本校…
    专业…年制…学习，于…毕业，成绩合格，准予毕业。), 校长 printed, the school's seal over its
    name and a cn date on the right, 证书编号 at the bottom left."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (252, 250, 243), rng, 0.6)
    cv = Canvas(img)
    cv.centered(w / 2, 200, "毕业证书", "hei", 84, INK, spacing=44, body=False)
    _portrait(img, doc, (150, 330, 390, 630), (234, 234, 230))
    vk = face("hei", *f.values())
    born = fmt_date(f["birth_date"], "cn")
    start, end = _month(f["enrol"]), _month(f["graduation"])
    text = (
        f"学生{f['name']}，性别{f['gender']}，{born}生，于{start}入学，在本校{f['major']}专业"
        f"{f['years']}年制{f.get('education_level') or ''}学习，于{end}毕业，成绩合格，准予毕业。"
    )
    keep = (f["name"], born, start, end, f["major"])
    y = paragraph(cv, text, keep, 470, w - 150, 380, vk, 34, 78)
    principal = f.get("principal") or ""
    if principal:
        pk = face("hei", principal)
        cv.text((470, max(y + 90, 800)), f"校长：{principal}", pk, 32)
    school = f["school"]
    sk = face("hei", school)
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "cn")], w - 150,
             max(y + 200, 900), sk, fit(sk, 34, school, 640, 28), school, radius=125,
             lead=66)  # fmt: skip
    num = f"证书编号：{f['diploma_number']}"
    cv.text((150, h - 120), num, "hei", 30)
    return Rendered(img, None, cv.min_glyph, "diploma")


def degree_photonum(doc: Doc, rng: random.Random) -> Rendered:
    """A degree certificate (portrait, Song/Serif at 32): the title, the photo top right with
    证书编号 under it, the sentence on the left and below (…，…，…生。在本校…专业完成了…学业，
    经审核符合《中华人民共和国学位条例》的规定，授予医学硕士学位。), the school's seal over its
    name and a padded date, 学位评定委员会主席 printed at the foot left."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 253, 249), rng, 0.5)
    cv = Canvas(img)
    cv.centered(w / 2, 220, "学位证书", "serif_bold", 80, INK, spacing=36, body=False)
    _portrait(img, doc, (w - 340, 300, w - 140, 550), (238, 238, 234))
    num = f["degree_number"]
    cv.text((w - 340, 596), "证书编号", "serif", 26, GREY)
    cv.text((w - 340, 640), num, "serif", fit("serif", 28, num, 220, 26))
    level = f["degree_level"]
    field = "理学" if "护理" in f["major"] else "医学"
    degree = f"{field}{level}学位"
    stage = "博士研究生" if level == "博士" else ("硕士研究生" if level == "硕士" else "本科")
    born = fmt_date(f["birth_date"], "cn")
    school = f["school"]
    vk = face("serif", *f.values())
    head = f"{f['name']}，{f['gender']}，{born}生。"
    y = paragraph(cv, head, (f["name"], born), 140, w - 380, 360, vk, 32, 74)
    text = (
        f"在{school}{f['major']}专业完成了{stage}学业，经审核符合《中华人民共和国学位条例》的"
        f"规定，授予{degree}。"
    )
    y = paragraph(cv, text, (school, f["major"], degree), 140, w - 140, max(y, 720), vk, 32,
                  74)  # fmt: skip
    sk = face("serif", school)
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "pad")], w - 140, y + 200, sk,
             fit(sk, 30, school, 560, 26), school, radius=118, lead=60)  # fmt: skip
    chair = f.get("chair") or ""
    if chair:
        ck = face("serif", chair)
        cv.text((140, max(y + 420, 1450)), f"学位评定委员会主席：{chair}", ck, 30)
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表: labels right-aligned against their colons, dotted dates, PDF


def colon_rows(f: dict[str, str]) -> list[tuple[str, str]]:
    """This layout's (label, value) rows in print order; dates dotted (2016.07.01)."""
    dot = "dot"
    return [
        ("姓名", f["name"]), ("性别", f["gender"]), ("证件号码", f["id_number"]),
        ("出生日期", fmt_date(f["birth_date"], dot)), ("院校", f["school"]),
        ("专业", f["major"]), ("层次", f["record_level"]), ("学历类别", f["record_category"]),
        ("学制", f"{f['years']}年"), ("入学时间", fmt_date(f["enrol_date"], dot)),
        ("毕业时间", fmt_date(f["graduation_date"], dot)),
        ("校（院）长", f.get("principal") or ""), ("证书编号", f["diploma_number"]),
        ("在线验证码", f["verification_code"]),
        ("报告有效期至", fmt_date(f["valid_until"], dot)),
    ]  # fmt: skip


COLON_NOTE = "注：请登录学信网，输入在线验证码查询本报告的真伪。"


def record_colon(doc: Doc, rng: random.Random) -> Rendered:
    """A 备案表 (portrait, Sans at 28) printed from 学信网: the title, a thin rule, then rows
    whose labels stand right-aligned against their colons at a middle axis and whose values run
    left from it, dates dotted (2016.07.01), the note and 更新日期 under a rule at the foot."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.3)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    cv.centered(w / 2, 170, title, "sans_bold", fit("sans_bold", 48, title, w - 200, 30), INK,
                body=False)  # fmt: skip
    d.line((120, 215, w - 120, 215), fill=RULE, width=2)
    vk = face("sans", *f.values())
    axis = 480.0
    y = 300.0
    for label, value in colon_rows(f):
        lab = f"{label}："
        cv.text((axis - font("sans", 28).getlength(lab), y), lab, "sans", 28, GREY)
        if value:
            k = face(vk, value)
            cv.text((axis + 10, y), value, k, fit(k, 30, value, w - 120 - axis - 10, 26))
        y += 72
    d.line((120, y, w - 120, y), fill=RULE, width=2)
    cv.text((120, y + 56), COLON_NOTE, "sans", 26, GREY)
    upd = f"更新日期：{fmt_date(f['update_date'], 'dot')}"
    cv.text((120, y + 110), upd, "sans", 26, GREY)
    return Rendered(img, None, cv.min_glyph, "diploma_record")


def record_colon_pdf(fields: dict[str, str]) -> bytes:
    """The 备案表 as downloaded: a born-digital PDF with a text layer, labels right-aligned."""
    from lab.synth import pdfdoc
    from lab.synth.families_edu import FIXED_DATE

    title = fields["title"]
    rows = colon_rows(fields)
    upd = f"更新日期：{fmt_date(fields['update_date'], 'dot')}"
    texts = [title, *(f"{label}：" for label, _ in rows), *(v for _, v in rows), COLON_NOTE,
             upd]  # fmt: skip
    pdf = pdfdoc._new_pdf(title, FIXED_DATE, texts)
    pdf.set_font("noto", size=15)
    pdf.set_xy(15, 14)
    pdf.cell(180, 10, title, align="C")
    pdf.line(20, 26, 190, 26)
    y = 32.0
    for label, value in rows:
        pdf.set_font("noto", size=9)
        pdf.set_xy(20, y)
        pdf.cell(55, 7, f"{label}：", align="R")
        pdf.set_font("noto", size=10)
        pdf.cell(115, 7, value)
        y += 7.5
    pdf.line(20, y + 2, 190, y + 2)
    pdf.set_font("noto", size=8)
    pdf.set_xy(20, y + 5)
    pdf.cell(170, 5, COLON_NOTE)
    pdf.set_xy(20, y + 11)
    pdf.cell(170, 5, upd)
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 社会保险: the insurance first, months 2025年8月


def kindfirst_rows(f: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(险种, 缴费月份 2025年8月, 缴费工资, 缴费状态) per payment, sorted by insurance, then
    month."""
    rows = [(kind, f"{m[:4]}年{int(m[4:])}月", base, state, m) for m, kind, base, state in
            _payments(f)]  # fmt: skip
    order = {k: i for i, k in enumerate(dict.fromkeys(r[0] for r in rows))}
    rows.sort(key=lambda r: (order[r[0]], r[4]))
    return [r[:4] for r in rows]


KINDFIRST_HEADS = ("险种", "缴费月份", "缴费工资", "缴费状态")
KINDFIRST_NOTE = "说明：本证明仅证明参保人在本统筹区的参保缴费情况，涂改无效。"


def si_kindfirst(doc: Doc, rng: random.Random) -> Rendered:
    """A 社保 print (portrait, Song/Serif at 26+) from a district 社保 window: the title, the
    particulars as label：value lines two to a line (姓名 … 公民身份号码 …; 参保单位 …), a table
    led by the insurance, sorted by it (险种 | 缴费月份 2025年8月 | 缴费工资 | 缴费状态), a 说明,
    the agency's seal over its name and a dotted date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.3)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    cv.centered(w / 2, 150, title, "serif_bold", fit("serif_bold", 46, title, w - 200, 30),
                INK, body=False)  # fmt: skip
    x0, x1 = 90.0, w - 90.0
    vk = face("serif", *f.values())
    x = cv.text((x0, 240), "姓名：", "serif", 28)
    cv.text((x + 4, 240), f["name"], face(vk, f["name"]), 28)
    x = cv.text((x0 + 440, 240), "公民身份号码：", "serif", 28)
    cv.text((x + 4, 240), f["id_number"], "serif", 28)
    x = cv.text((x0, 300), "参保单位：", "serif", 28)
    unit = f["work_unit"]
    cv.text((x + 4, 300), unit, face(vk, unit), fit(face(vk, unit), 28, unit, x1 - x - 4, 26))
    pays = kindfirst_rows(f)
    widths = (430.0, 250.0, 210.0, x1 - x0 - 890.0)
    t = 350.0
    rh = min(52.0, 1050.0 / (len(pays) + 1))
    for i, row in enumerate((KINDFIRST_HEADS, *pays)):
        x = x0
        if i == 0:
            d.rectangle((x0, t, x1, t + rh), fill=BAND)
        for wd, cell in zip(widths, row, strict=True):
            kind = "serif_bold" if i == 0 else "serif"
            cv.text((x + 10, t + i * rh + rh * 0.72), cell, kind, fit(kind, 26, cell, wd - 16, 26))
            x += wd
        d.line((x0, t + (i + 1) * rh, x1, t + (i + 1) * rh), fill=RULE, width=1)
    bottom = t + (len(pays) + 1) * rh
    x = x0
    for wd in widths[:-1]:
        x += wd
        d.line((x, t, x, bottom), fill=RULE, width=1)
    d.rectangle((x0, t, x1, bottom), outline=INK, width=2)
    cv.text((x0, bottom + 50), KINDFIRST_NOTE, "serif", 26, GREY)
    agency = f["agency"]
    sign_off(img, cv, rng, [agency, fmt_date(f["print_date"], "dot")], x1,
             min(bottom + 160, h - 130), "serif", fit("serif", 28, agency, 560, 26), agency,
             radius=110, lead=52)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_kindfirst_pdf(fields: dict[str, str]) -> bytes:
    """The print as downloaded from the hall: a born-digital PDF with a text layer."""
    from lab.synth import pdfdoc
    from lab.synth.families_edu import FIXED_DATE

    title = fields["title"]
    heads = (f"姓名：{fields['name']}", f"公民身份号码：{fields['id_number']}",
             f"参保单位：{fields['work_unit']}")  # fmt: skip
    rows = kindfirst_rows(fields)
    foot = f"{fields['agency']}  {fmt_date(fields['print_date'], 'dot')}"
    texts = [title, *heads, *KINDFIRST_HEADS, *(" ".join(r) for r in rows), KINDFIRST_NOTE,
             foot]  # fmt: skip
    pdf = pdfdoc._new_pdf(title, FIXED_DATE, texts)
    pdf.set_font("noto", size=14)
    pdf.set_xy(15, 12)
    pdf.cell(180, 10, title, align="C")
    pdf.set_font("noto", size=9)
    pdf.set_xy(15, 26)
    pdf.cell(70, 6, heads[0])
    pdf.cell(110, 6, heads[1])
    pdf.set_xy(15, 33)
    pdf.cell(180, 6, heads[2])
    y = 42.0
    pdf.set_font("noto", size=8)
    for row in (KINDFIRST_HEADS, *rows):
        pdf.set_xy(15, y)
        for wd, cell in zip((75, 40, 35, 30), row, strict=True):
            pdf.cell(wd, 5.5, cell, border=1)
        y += 5.5
    pdf.set_xy(15, y + 4)
    pdf.cell(180, 5, KINDFIRST_NOTE)
    pdf.set_font("noto", size=10)
    pdf.set_xy(15, y + 14)
    pdf.cell(180, 6, foot)
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# Registration

HELD_OUT = (
    ("probation_cert", "transfer", probation_transfer, None,
     "Ming 转正审批表: a ruled table (姓名 | 性别; 证件号码; 工作单位; 所在科室; 试用期开始日期 | "
     "结束日期 as ISO dates), the grade boxed in its 转正考核等次 row, 人事部门意见, seal and an "
     "ISO date"),
    ("practice_period_cert", "circular", practice_period_circular, None,
     "Ming notice numbered 医务证〔2026〕…号: a paragraph on the cycle (cn dates), a one-row "
     "table (姓名 | 身份证号 | 执业类别 | 考核结果), 特此证明, seal and a hanzi date"),
    ("pledge", "pairs", pledge_pairs, None,
     "Hei 承诺书: particulars two to a line (姓名 | 毕业年月; 身份证件号; 就读院校 | 专业) over a "
     "rule, numbered promises, 考生本人签名 and a dotted date by hand in blue-black; no seal"),
    ("licence", "shaded", licence_shaded, None,
     "Serif licence: a ruled table with a grey label column, 有效期限 2021-07-01 至 2026-06-30, "
     "诊疗科目 two subjects to a row, seal over 发证机关：… and a padded date"),
    ("mentorship_cert", "ruledlines", mentorship_ruledlines, None,
     "Ming certificate: photo top right, each value on a ruled line after its label (公民身份"
     "号码, 证书编号 last), a statement, seal over the issuer and an ISO date"),
    ("assistant_qualification", "leaderdots", qualification_leaderdots, None,
     "Serif certificate: photo top left, label · · · value right-aligned lines (出生日期 dotted, "
     "身份证件号码, 类别 before 级别, 证书编码), seal over the authority and a cn date"),
    ("assistant_practice", "dotreg", practice_dotreg, None,
     "Serif system print: 证书编码 above a ruled table (证件号码, 医师级别 | 执业类别, 主要执业"
     "机构, 批准日期 dotted), the photo at the foot left, seal and a dotted date"),
    ("diploma", "landscape", diploma_landscape, None,
     "Landscape Hei diploma: photo left, running text right (…于…入学，在本校…专业…年制…学习，"
     "于2016年7月毕业…), 校长 printed, seal and a cn date, 证书编号 at the bottom left"),
    ("degree", "photonum", degree_photonum, None,
     "Serif degree: photo top right with 证书编号 under it, the sentence (…符合《中华人民共和国"
     "学位条例》的规定，授予医学学士学位。), seal over the school and a padded date, the chair "
     "at the foot left"),
    ("diploma_record", "colon", record_colon, record_colon_pdf,
     "Sans 备案表: labels right-aligned against their colons at a middle axis, values left of "
     "it, dates dotted, 报告有效期至, note and 更新日期 under a rule; PDF born-digital with a "
     "text layer"),
    ("social_insurance", "kindfirst", si_kindfirst, si_kindfirst_pdf,
     "Serif print: particulars two to a line (姓名 | 公民身份号码; 参保单位), a table led by the "
     "insurance (险种 | 缴费月份 2025年8月 | 缴费工资 | 缴费状态), a 说明, seal and a dotted date; "
     "PDF born-digital with a text layer"),
)  # fmt: skip
