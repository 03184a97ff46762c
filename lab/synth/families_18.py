"""An eighteenth layout family per material (issue 15, sixteenth round): other issuers, held out.

Every family of the earlier modules has been run and looked at (`families.LOOKED_AT`), so these
are the new *held-out* ones, written without running the readers on them and never adjusted to
suit the readers. This round covers every material: a
Serif probation proof typed onto underlined blanks, a landscape Hei practice-period proof in two
columns of label：value pairs, a Serif pledge with a ruled particulars table and numbered
clauses, signed and dated by hand, a portrait Serif licence with shaded label cells and its
subjects numbered in three columns, a landscape Serif 专长 certificate with the photo right, a
Hei qualification certificate as a grey-label list beside the photo, a landscape Serif practice
certificate on one page, a Serif diploma with its number stamped in red, a Hei degree with the
photo centred above the sentence, a Serif 备案表 with right-aligned labels on a central axis
and the 验证码 under the title, and a Sans 社保 print whose months run in two side-by-side
columns. Every value the material's checks compare is printed whole, exactly as the form's
truth holds it; a typeface lacking a character of a value gives way to Noto.
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
from lab.synth.render import INK, RED, Canvas, Doc, Rendered, font, iso, paper

# --------------------------------------------------------------------------------------------
# 试用期考核证明: a Serif form, the values typed onto underlined blanks


def probation_underlined(doc: Doc, rng: random.Random) -> Rendered:
    """A probation proof (portrait, Song/Serif) as a printed form filled in by typewriter:
    the title, then label：value lines with each value typed over an underline (姓名, 身份证号,
    试用单位, 试用科室, 试用期限 2024年07月01日至2025年06月30日, 考核结果), a 人事部门意见 line,
    the unit's seal over its name and a dotted date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 254, 251), rng, 0.6)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 230, "试用期考核证明", "serif_bold", 58, INK, spacing=10, body=False)
    vk = face("serif", *f.values())
    span = f"{fmt_date(f['period_start'], 'pad')}至{fmt_date(f['period_end'], 'pad')}"
    rows = [("姓　　名", f["name"]), ("身份证号", f["id_number"]),
            ("试用单位", f["work_unit"]), ("试用科室", f["department"]),
            ("试用期限", span), ("考核结果", f["result"])]  # fmt: skip
    x0, x1 = 130.0, w - 130.0
    y = 390.0
    for label, value in rows:
        x = cv.text((x0, y), f"{label}：", "serif", 32)
        k = face(vk, value)
        cv.text((x + 24, y - 4), value, k, fit(k, 34, value, x1 - x - 40, 26))
        d.line((x + 10, y + 12, x1, y + 12), fill=INK, width=2)
        y += 92
    y = paragraph(cv, "人事部门意见：该同志试用期满，经考核，结果如上，特此证明。", (), x0, x1,
                  y + 40, "serif", 32, 62, indent=False)  # fmt: skip
    unit = f["work_unit"]
    uk = face("serif", unit)
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "dot")], x1, y + 170, uk,
             fit(uk, 34, unit, 640, 26), unit, radius=130, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# 执业期考核证明: landscape Hei, label：value pairs in two columns


def practice_period_landscape(doc: Doc, rng: random.Random) -> Rendered:
    """A practice-period proof (landscape, Hei): the title, label：value pairs in two columns
    (姓名, 性别, 身份证号码 left; 执业类别, 考核周期 2016.04.06—2026.01.08, 考核结果 right),
    工作单位 across under them, a 审核意见 line, the unit's seal over its name and a padded date."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (255, 255, 253), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 170, "医师执业期考核证明", "hei", 60, INK, spacing=6, body=False)
    d.line((120, 215, w - 120, 215), fill=INK, width=3)
    vk = face("hei", *f.values())
    span = f"{fmt_date(f['period_start'], 'dot')}—{fmt_date(f['period_end'], 'dot')}"
    left = [("姓　　名", f["name"]), ("性　　别", f["gender"]), ("身份证号码", f["id_number"])]
    right = [("执业类别", f["practice_category"]), ("考核周期", span), ("考核结果", f["result"])]
    for x0, pairs in ((140.0, left), (930.0, right)):
        y = 310.0
        for label, value in pairs:
            x = cv.text((x0, y), f"{label}：", "hei", 30, GREY)
            k = face(vk, value)
            cv.text((x + 8, y), value, k, fit(k, 32, value, x0 + 740 - x, 26))
            y += 74
    unit = f["work_unit"]
    x = cv.text((140, 532), "工作单位：", "hei", 30, GREY)
    uk = face(vk, unit)
    cv.text((x + 8, 532), unit, uk, fit(uk, 32, unit, w - 300 - x, 26))
    d.line((120, 580, w - 120, 580), fill=RULE, width=2)
    paragraph(cv, "审核意见：经审核，该医师在上述考核周期内考核结果属实，特此证明。", (), 140,
              w - 140, 650, "hei", 32, 60, indent=False)  # fmt: skip
    k = face("hei", unit)
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "pad")], w - 160, 860, k,
             fit(k, 32, unit, 620, 26), unit, radius=125, lead=60)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# 承诺书: a ruled particulars table, then numbered clauses


def pledge_clauses(doc: Doc, rng: random.Random) -> Rendered:
    """A pledge (portrait, Song/Serif): the title 医师资格考试报考承诺书, a ruled table of the
    particulars (姓名, 身份证件号码, 毕业院校 | 专业, 预计毕业时间 2026年6月), then the promise in
    numbered clauses 一、二、三、, and 承诺人（签字） in blue-black ink with the date written by
    hand in 年月日; no seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.5)
    cv = Canvas(img)
    cv.centered(w / 2, 200, "医师资格考试报考承诺书", "serif_bold", 52, INK, spacing=4,
                body=False)  # fmt: skip
    vk = face("serif", *f.values())
    g = iso(f["expected_graduation"] + "-01")
    rows = [("姓名", f["name"]), ("身份证件号码", f["id_number"]),
            ("毕业院校", f["school"], "专业", f["major"]),
            ("预计毕业时间", f"{g.year}年{g.month}月")]  # fmt: skip
    x0, x1 = 110.0, w - 110.0
    bottom = ruled_table(cv, rows, x0, x1, 290.0, 90.0, 230.0, "serif", 30, vk, 32,
                         mid=x0 + (x1 - x0) * 0.62, lw2=110.0, width=2)  # fmt: skip
    clauses = (
        "一、本人所提交的报名材料及填写的信息真实、准确、完整；",
        "二、本人将在规定时间内取得毕业证书，逾期未取得的，本次考试成绩无效；",
        "三、如有弄虚作假，本人自愿承担取消考试资格及由此产生的一切后果。",
    )
    y = bottom + 100
    y = paragraph(cv, "本人自愿报名参加本年度医师资格考试，郑重承诺如下：", (), x0, x1, y,
                  "serif", 34, 66)  # fmt: skip
    for clause in clauses:
        y = paragraph(cv, clause, (), x0, x1, y + 6, "serif", 34, 66, indent=False)
    y += 150
    name = f["name"]
    x = cv.text((620, y), "承诺人（签字）：", "serif", 32)
    cv.text((x + 10, y + 6), name, face("kai", name), 50, BLUE_BLACK)
    x = cv.text((620, y + 100), "日期：", "serif", 32)
    cv.text((x + 10, y + 104), fmt_date(f["date"], "cn"), "kai", 40, BLUE_BLACK)
    return Rendered(img, None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# 医疗机构执业许可证: shaded label cells, the subjects numbered in three columns

LABEL_FILL = (232, 232, 228)


def licence_numbered(doc: Doc, rng: random.Random) -> Rendered:
    """A licence (portrait, Song/Serif): the title, label cells shaded grey with the value
    right of each (机构名称, 地址, 法定代表人, 主要负责人, 登记号, 有效期限 2022.05.01至
    2027.04.30), 诊疗科目 numbered 1. 2. 3. … in three columns, the seal over the issuer's name
    and a padded date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 252), rng, 0.6)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 200, "医疗机构执业许可证", "serif_bold", 60, INK, spacing=10,
                body=False)  # fmt: skip
    vk = face("serif", *f.values())
    valid = f"{fmt_date(f['valid_from'], 'dot')}至{fmt_date(f['valid_until'], 'dot')}"
    rows = [("机构名称", f["work_unit"]), ("地　　址", f["address"]),
            ("法定代表人", f["legal_rep"]), ("主要负责人", f["head"]),
            ("登 记 号", f["registration_number"]), ("有效期限", valid)]  # fmt: skip
    x0, x1 = 110.0, w - 110.0
    y = 280.0
    rh = 74.0
    for label, value in rows:
        d.rectangle((x0, y, x0 + 230, y + rh - 8), fill=LABEL_FILL)
        cv.text((x0 + 16, y + rh / 2 + 8), label, "serif", 28)
        k = face(vk, value)
        cv.text((x0 + 256, y + rh / 2 + 8), value, k, fit(k, 32, value, x1 - x0 - 270, 26))
        y += rh
    d.rectangle((x0, y, x0 + 230, y + rh - 8), fill=LABEL_FILL)
    cv.text((x0 + 16, y + rh / 2 + 8), "诊疗科目", "serif", 28)
    subjects = f["subjects"].split("；")
    y += rh + 40
    per = (len(subjects) + 2) // 3
    colw = (x1 - x0) / 3
    for i, subject in enumerate(subjects):
        col, row = divmod(i, per)
        item = f"{i + 1}. {subject}"
        cv.text((x0 + 20 + col * colw, y + row * 54), item, "serif",
                fit("serif", 30, item, colw - 30, 24))  # fmt: skip
    y += per * 54 + 100
    issuer = f["issuer"]
    ik = face("serif", issuer)
    sign_off(img, cv, rng, ["发证机关：" + issuer, fmt_date(f["issue_date"], "pad")], x1,
             min(y, h - 220), ik, fit(ik, 32, "发证机关：" + issuer, 720, 26), issuer,
             radius=125, lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "licence")


# --------------------------------------------------------------------------------------------
# 确有专长/出师 certificate: landscape Serif, the photo right


def mentorship_landscape(doc: Doc, rng: random.Random) -> Rendered:
    """A certificate (landscape, Song/Serif) inside a green rule: the title across the top,
    label：value lines left (姓名, 性别, 身份证号, 专长内容 or 出师专业, 证书编号), the photo right,
    the issuer's seal over its name and a dotted date."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (251, 252, 246), rng, 0.7)
    cv = Canvas(img)
    cv.draw.rectangle((56, 56, w - 57, h - 57), outline=(40, 110, 70), width=4)
    title = f.get("title") or "传统医学医术确有专长证书"
    cv.centered(w / 2, 190, title, "serif_bold", fit("serif_bold", 60, title, w - 260, 36), INK,
                body=False)  # fmt: skip
    _portrait(img, doc, (w - 420, 290, w - 180, 590), (230, 236, 232))
    taught = "师承" in title or "出师" in title
    rows = [("姓　　名", f["name"]), ("性　　别", f["gender"]), ("身份证号", f["id_number"]),
            ("出师专业" if taught else "专长内容", f["major"]),
            ("证书编号", f["cert_number"])]  # fmt: skip
    vk = face("serif", *f.values())
    y = 330.0
    for label, value in rows:
        x = cv.text((170, y), f"{label}：", "serif", 32, GREY)
        k = face(vk, value)
        cv.text((x + 10, y), value, k, fit(k, 34, value, w - 500 - x, 26))
        y += 76
    issuer = f["issuer"]
    ik = face("serif", issuer)
    sign_off(img, cv, rng, [issuer, fmt_date(f["issue_date"], "dot")], w - 180, y + 110, ik,
             fit(ik, 34, issuer, 620, 26), issuer, radius=120, lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 医师资格证书 / 医师执业证书: a Hei list beside the photo, a landscape Serif page


def qualification_heilist(doc: Doc, rng: random.Random) -> Rendered:
    """A qualification certificate (portrait, Hei): the title, the photo top left with grey
    label：value lines right of it (姓名, 性别, 出生日期 1996.12.06), then under it 身份证件号码,
    资格类别, 资格级别, 证书编码 and 签发日期 as grey-label lines, the authority's seal over its
    name."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.5)
    cv = Canvas(img)
    cv.centered(w / 2, 200, "医师资格证书", "hei", 66, INK, spacing=16, body=False)
    _portrait(img, doc, (130, 290, 350, 560), (236, 238, 242))
    vk = face("hei", *f.values())
    top = [("姓　　名", f["name"]), ("性　　别", f["gender"]),
           ("出生日期", fmt_date(f["birth_date"], "dot"))]  # fmt: skip
    y = 360.0
    for label, value in top:
        x = cv.text((410, y), f"{label}：", "hei", 30, GREY)
        k = face(vk, value)
        cv.text((x + 8, y), value, k, fit(k, 34, value, w - 120 - x, 26))
        y += 80
    issued = fmt_date(f["issue_date"], "pad")
    rest = [("身份证件号码", f["id_number"]), ("资格类别", f["qual_category"]),
            ("资格级别", f["qualification"]), ("证书编码", f["qualification_number"]),
            ("签发日期", issued)]  # fmt: skip
    y = 680.0
    for label, value in rest:
        x = cv.text((130, y), f"{label}：", "hei", 30, GREY)
        k = face(vk, value)
        cv.text((x + 8, y), value, k, fit(k, 34, value, w - 130 - x, 26))
        y += 84
    authority = health_authority(iso(f["issue_date"]))
    ak = face("hei", authority)
    sign_off(img, cv, rng, [authority], w - 130, y + 140, ak, fit(ak, 32, authority, 640, 26),
             authority, radius=120, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


def practice_landscape(doc: Doc, rng: random.Random) -> Rendered:
    """A practice certificate (landscape, Song/Serif) on one page: the title across the top,
    label：value lines left (姓名, 性别, 身份证号, 医师级别, 执业类别, 执业范围, 执业地点), the
    photo right with 证书编码 and 注册日期 2016年4月6日 under it, the seal over 发证机关."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (254, 253, 248), rng, 0.6)
    cv = Canvas(img)
    cv.centered(w / 2, 170, "医师执业证书", "serif_bold", 64, INK, spacing=18, body=False)
    vk = face("serif", *f.values())
    rows = [("姓　　名", f["name"]), ("性　　别", f["gender"]), ("身份证号", f["id_number"]),
            ("医师级别", f["practice_level"]), ("执业类别", f["practice_category"]),
            ("执业范围", f["scope"]), ("执业地点", f["work_unit"])]  # fmt: skip
    y = 290.0
    for label, value in rows:
        x = cv.text((130, y), f"{label}：", "serif", 30, GREY)
        k = face(vk, value)
        cv.text((x + 8, y), value, k, fit(k, 32, value, 1040 - x, 26))
        y += 70
    _portrait(img, doc, (w - 430, 250, w - 210, 520), (236, 236, 236))
    reg = fmt_date(f["registration_date"], "cn")
    for i, (label, value) in enumerate((("证书编码", f["practice_number"]), ("注册日期", reg))):
        x = cv.text((w - 560, 600 + i * 64), f"{label}：", "serif", 28, GREY)
        cv.text((x + 6, 600 + i * 64), value, "serif", fit("serif", 30, value, w - 120 - x, 26))
    issuer = f["issuer"]
    ik = face("serif", issuer)
    sign_off(img, cv, rng, ["发证机关：" + issuer], w - 140, min(y + 140, h - 160), ik,
             fit(ik, 32, "发证机关：" + issuer, 760, 26), issuer, radius=118)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# 毕业证书 / 学位证书: a red stamped number, a Hei sentence under a centred photo


def diploma_redno(doc: Doc, rng: random.Random) -> Rendered:
    """A diploma (portrait, Song/Serif): the certificate number stamped in red at the top
    right (No. then the number), the photo top left, the title, the particulars in running text
    (学生…，性别…，1996年12月6日生，于2011年9月至2014年7月在本校…专业…学习，…准予毕业。), 校长
    with a printed name, the school's seal over its name and a dotted date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 251, 244), rng, 0.7)
    cv = Canvas(img)
    num = f["diploma_number"]
    size = fit("serif", 34, num, 520, 28)
    x = w - 120 - font("serif", size).getlength(num)
    cv.text((x - 70, 150), "No.", "serif", 30, RED)
    cv.text((x, 150), num, "serif", size, RED)
    _portrait(img, doc, (130, 220, 330, 470), (232, 236, 240))
    cv.centered(w / 2, 620, "毕业证书", "serif_bold", 80, INK, spacing=36, body=False)
    enrol, grad = iso(f["enrol"] + "-01"), iso(f["graduation"] + "-01")
    start, end = f"{enrol.year}年{enrol.month}月", f"{grad.year}年{grad.month}月"
    born = fmt_date(f["birth_date"], "cn")
    school = f["school"]
    text = (
        f"学生{f['name']}，性别{f['gender']}，{born}生，于{start}至{end}在{school}"
        f"{f['major']}专业{f['years']}年制{f['education_level']}学习，修完教学计划规定的全部"
        "课程，成绩合格，准予毕业。"
    )
    keep = (f["name"], school, f["major"], end, start, born)
    vk = face("serif", *f.values())
    y = paragraph(cv, text, keep, 140, w - 140, 780, vk, 38, 76)
    principal = f.get("principal") or ""
    x = cv.text((140, y + 90), "校长：", "serif", 34)
    if principal:
        cv.text((x, y + 90), principal, face("serif", principal), 34)
    sk = face("serif", school)
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "dot")], w - 140, y + 230, sk,
             fit(sk, 34, school, 620, 26), school, radius=125, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "diploma")


def degree_centred(doc: Doc, rng: random.Random) -> Rendered:
    """A degree certificate (portrait, Hei): the photo centred at the top, the title …学位证书
    under it, a sentence (…，…，1997年12月7日生。在…专业完成了…学位的学业，…授予医学…学位。),
    学位评定委员会主席 with a printed name, the school's seal over its name and a padded date,
    证书编号 at the bottom left."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 253), rng, 0.5)
    cv = Canvas(img)
    level = f["degree_level"]
    field = "理学" if "护理" in f["major"] else "医学"
    _portrait(img, doc, (int(w / 2 - 110), 150, int(w / 2 + 110), 420), (236, 236, 236))
    cv.centered(w / 2, 560, f"{level}学位证书", "hei", 70, INK, spacing=14, body=False)
    born = fmt_date(f["birth_date"], "cn")
    school = f["school"]
    text = (
        f"{f['name']}，{f['gender']}，{born}生。在{school}{f['major']}专业完成了"
        f"{level}学位的学业，成绩合格。根据《中华人民共和国学位条例》的规定，"
        f"授予{field}{level}学位。"
    )
    keep = (f["name"], school, f["major"], f"{field}{level}学位", born)
    vk = face("hei", *f.values())
    y = paragraph(cv, text, keep, 140, w - 140, 710, vk, 38, 76)
    chair = f.get("chair") or ""
    x = cv.text((140, y + 90), "学位评定委员会主席：", "hei", 32)
    if chair:
        cv.text((x, y + 90), chair, face("hei", chair), 32)
    sk = face("hei", school)
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "pad")], w - 140, y + 240, sk,
             fit(sk, 34, school, 620, 26), school, radius=122, lead=64)  # fmt: skip
    num = f["degree_number"]
    x = cv.text((140, h - 150), "证书编号：", "hei", 28, GREY)
    cv.text((x, h - 150), num, "hei", fit("hei", 30, num, w - 280 - x, 26))
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表: right-aligned labels on a central axis, born-digital PDF

AXIS = 470.0


def axis_rows(f: dict[str, str]) -> list[tuple[str, str]]:
    """This layout's order: the person, then the certificate, dates as stored (2014-07-01)."""
    return [("姓名", f["name"]), ("性别", f["gender"]), ("证件号码", f["id_number"]),
            ("出生日期", f["birth_date"]), ("学校名称", f["school"]),
            ("专业", f["major"]), ("层次", f["record_level"]),
            ("学历类别", f["record_category"]), ("入学日期", f["enrol_date"]),
            ("毕业日期", f["graduation_date"]), ("证书编号", f["diploma_number"])]  # fmt: skip


def record_axis(doc: Doc, rng: random.Random) -> Rendered:
    """A 备案表 (portrait, Song/Serif): the title centred, the 在线验证码 and 有效期至 on one line
    right under it, then label：value rows on a central axis (labels right-aligned in grey up to
    it, values left-aligned after it) with ISO dates, the photo at the top right of the rows,
    更新日期 at the foot."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.4)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    cv.centered(w / 2, 170, title, "serif_bold", fit("serif_bold", 50, title, w - 240, 30), INK,
                body=False)  # fmt: skip
    code = f"在线验证码：{f['verification_code']}"
    until = f"有效期至：{f['valid_until']}"
    cv.text((110, 250), code, "serif", 28)
    cv.text((w - 110 - font("serif", 28).getlength(until), 250), until, "serif", 28)
    d.line((100, 285, w - 100, 285), fill=INK, width=2)
    _portrait(img, doc, (w - 300, 330, w - 120, 555), None)
    vk = face("serif", *f.values())
    y = 370.0
    for label, value in axis_rows(f):
        text = f"{label}："
        cv.text((AXIS - font("serif", 28).getlength(text), y), text, "serif", 28, GREY)
        k = face(vk, value)
        room = (w - 330 if y < 580 else w - 110) - AXIS - 20
        cv.text((AXIS + 16, y), value, k, fit(k, 32, value, room, 26))
        y += 80
    d.line((100, y + 10, w - 100, y + 10), fill=RULE, width=2)
    cv.text((110, y + 70), f"更新日期：{f['update_date']}", "serif", 26, GREY)
    return Rendered(img, None, cv.min_glyph, "diploma_record")


def record_axis_pdf(fields: dict[str, str]) -> bytes:
    """The 备案表 as downloaded: a born-digital PDF with a text layer, labels right-aligned."""
    from lab.synth import pdfdoc
    from lab.synth.families_edu import FIXED_DATE

    title = fields["title"]
    rows = axis_rows(fields)
    head = [f"在线验证码：{fields['verification_code']}", f"有效期至：{fields['valid_until']}"]
    pdf = pdfdoc._new_pdf(title, FIXED_DATE, [title, *head, *(a + b for a, b in rows)])
    pdf.set_font("noto", size=16)
    pdf.set_xy(15, 16)
    pdf.cell(180, 10, title, align="C")
    pdf.set_font("noto", size=11)
    pdf.set_xy(18, 30)
    pdf.cell(100, 7, head[0])
    pdf.set_xy(120, 30)
    pdf.cell(72, 7, head[1], align="R")
    y = 46.0
    for label, value in rows:
        pdf.set_xy(18, y)
        pdf.cell(58, 7, f"{label}：", align="R")
        pdf.set_xy(80, y)
        pdf.cell(110, 7, value)
        y += 10
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 社会保险: the months in two side-by-side columns


def column_rows(f: dict[str, str]) -> list[tuple[str, str, str]]:
    """(month 2025/08, insurance, state) rows by month, then insurance in the order paid."""
    return [(f"{m[:4]}/{m[4:]}", kind, state) for m, kind, _base, state in _payments(f)]


def si_columns(doc: Doc, rng: random.Random) -> Rendered:
    """A 社保 print (portrait, Sans): the title, label：value lines (姓名, 公民身份号码, 参保单位),
    then the months in two ruled columns side by side (缴费年月 2025/08 | 险种 | 缴费状态), the
    first half left and the rest right, the agency's seal over its name and a dotted date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    cv.centered(w / 2, 160, title, "sans_bold", fit("sans_bold", 46, title, w - 200, 30), INK,
                body=False)  # fmt: skip
    vk = face("sans", f["name"], f["work_unit"])
    y = 250.0
    for label, value in (("姓　　名", f["name"]), ("公民身份号码", f["id_number"]),
                         ("参保单位", f["work_unit"])):  # fmt: skip
        x = cv.text((100, y), f"{label}：", "sans", 28, GREY)
        k = face(vk, value)
        cv.text((x + 6, y), value, k, fit(k, 30, value, w - 200 - x, 26))
        y += 56
    rows = column_rows(f)
    half = (len(rows) + 1) // 2
    rh = min(56.0, 1000.0 / max(1, half + 1))
    size = max(24, min(28, int(rh * 0.55)))
    top = y + 20
    for c, part in enumerate((rows[:half], rows[half:])):
        x0 = 90.0 + c * 540.0
        cols = (x0 + 10, x0 + 140, x0 + 430)
        d.rectangle((x0, top, x0 + 520, top + rh), fill=(238, 240, 244))
        for cx, head in zip(cols, ("缴费年月", "险种", "状态"), strict=True):
            cv.text((cx, top + rh * 0.7), head, "sans", size, GREY)
        yy = top + rh
        for row in part:
            d.line((x0, yy, x0 + 520, yy), fill=RULE, width=1)
            for cx, cell in zip(cols, row, strict=True):
                cv.text((cx, yy + rh * 0.7), cell, "sans", size)
            yy += rh
        d.line((x0, yy, x0 + 520, yy), fill=INK, width=2)
    y = top + (half + 1) * rh
    agency = f["agency"]
    ak = face("sans", agency)
    sign_off(img, cv, rng, [agency, fmt_date(f["print_date"], "dot")], w - 110,
             min(y + 120, h - 140), ak, fit(ak, 28, agency, 560, 26), agency, radius=110,
             lead=52)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_columns_pdf(fields: dict[str, str]) -> bytes:
    """The print scanned back to PDF (portrait, no text layer)."""
    from PIL import Image

    from lab.synth.families_6 import scan_pdf

    rng = random.Random(f"si-columns/{fields['id_number']}/{fields['print_date']}")
    page = si_columns(Doc("social_insurance", fields), rng).image
    return scan_pdf(page.resize((992, 1403), Image.Resampling.LANCZOS), rng)


# --------------------------------------------------------------------------------------------
# Registration

HELD_OUT = (
    ("probation_cert", "underlined", probation_underlined, None,
     "Serif form typed onto underlined blanks (姓名, 身份证号, 试用单位, 试用科室, 试用期限 padded "
     "自…至…, 考核结果), a 人事部门意见 line, seal over the unit and a dotted date"),
    ("practice_period_cert", "landscape", practice_period_landscape, None,
     "landscape Hei proof: label：value pairs in two columns (姓名, 性别, 身份证号码 | 执业类别, "
     "考核周期 dotted, 考核结果), 工作单位 across, 审核意见 line, seal over the unit and a padded "
     "date"),
    ("pledge", "clauses", pledge_clauses, None,
     "Serif 报考承诺书: a ruled particulars table (姓名, 身份证件号码, 毕业院校 | 专业, "
     "预计毕业时间), the promise in clauses 一、二、三、, 承诺人（签字） in blue-black and a "
     "handwritten date in 年月日; no seal"),
    ("licence", "numbered", licence_numbered, None,
     "portrait Serif licence: grey-shaded label cells, 有效期限 dotted 自…至… in the list, "
     "诊疗科目 numbered in three columns, seal over 发证机关 and a padded date"),
    ("mentorship_cert", "landscape", mentorship_landscape, None,
     "landscape Serif certificate in a green rule: label：value lines left (姓名, 性别, 身份证号, "
     "专长内容, 证书编号), photo right, seal over the issuer and a dotted date"),
    ("assistant_qualification", "heilist", qualification_heilist, None,
     "Hei certificate: photo top left with 姓名, 性别, 出生日期 dotted beside it, then grey-label "
     "lines (身份证件号码, 资格类别, 资格级别, 证书编码, 签发日期 padded); seal over the "
     "authority"),
    ("assistant_practice", "landscape", practice_landscape, None,
     "landscape Serif page: label：value lines left (姓名 … 执业地点), photo right with 证书编码 "
     "and 注册日期 in 年月日 under it, seal over 发证机关"),
    ("diploma", "redno", diploma_redno, None,
     "portrait Serif diploma: the number stamped in red top right (No.), photo top left, running "
     "text (birth date in 年月日, 于2011年9月至2014年7月在…学习), 校长 printed, seal over the "
     "school and a dotted date"),
    ("degree", "centred", degree_centred, None,
     "portrait Hei …学位证书: photo centred above the title, a sentence (birth date in 年月日, "
     "根据《中华人民共和国学位条例》…授予医学…学位), 主席 printed, seal over the school and a "
     "padded date, 证书编号 bottom left"),
    ("diploma_record", "axis", record_axis, record_axis_pdf,
     "Serif 备案表: 在线验证码 and 有效期至 under the title, labels right-aligned in grey up to a "
     "central axis and values after it, the person first, ISO dates, photo right, 更新日期 at "
     "the foot; PDF born-digital with a text layer"),
    ("social_insurance", "columns", si_columns, si_columns_pdf,
     "Sans print: label：value lines (姓名, 公民身份号码, 参保单位), the months in two ruled "
     "columns side by side (缴费年月 2025/08 | 险种 | 状态), seal over the agency and a dotted "
     "date; PDF a portrait scan without text layer"),
)  # fmt: skip
