"""A seventeenth layout family per material (issue 15, fifteenth round): other issuers, held out.

Every family of the earlier modules has been run and looked at (`families.LOOKED_AT`), so these
are the new *held-out* ones, written without running the readers on them and never adjusted to
suit the readers. This round covers every material: a
probation proof with its 存根 (counterfoil) above a dashed tear line, a Hei practice-period proof
as a four-column ruled table, a Hei pledge addressed to the exam's 考点 in running text, signed
and dated by hand (2026.01.15), a landscape Ming licence 正本 with its subjects in one wrapped
line, a Kai 专长 certificate in running text, a qualification certificate in a red double frame
with a ruled table, a practice certificate as a Ming ruled table, a landscape Kai diploma with the
photo left, a landscape Ming degree with its dates in Chinese numerals, a Sans 备案表 in zebra
rows, and a 社保 print with one block per insurance. Every value the material's checks compare is
printed whole, exactly as the form's truth holds it; a typeface lacking a character of a value
gives way to Noto.
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
    scrawl,
    sign_off,
)
from lab.synth.render import INK, RED, Canvas, Doc, Rendered, iso, paper

# --------------------------------------------------------------------------------------------
# 试用期考核证明: the proof under its 存根, torn along a dashed line


def counterfoil_number(f: dict[str, str]) -> str:
    """The serial both halves carry: 人证字 and the year, then a number from the person."""
    return f"人证字（{iso(f['date']).year}）第{int(f['id_number'][-5:-1]) % 900 + 100}号"


def probation_counterfoil(doc: Doc, rng: random.Random) -> Rendered:
    """A probation proof on a 存根 form (portrait, Song/Serif): the 存根 above (its number, the
    name, the unit, the period in dots) in small type, a dashed tear line with 骑缝 marks, then
    the proof proper: the number, the title, a sentence (兹证明…同志（身份证号…）于2024年7月1日
    至2025年6月30日在我单位…科试用，经考核，结果为…。), the unit's seal over its name and a
    padded date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 253, 250), rng, 0.6)
    cv = Canvas(img)
    d = cv.draw
    num = counterfoil_number(f)
    vk = face("serif", *f.values())
    cv.text((110, 130), "存　根", "serif_bold", 34)
    cv.text((w - 110 - 28 * 0.95 * len(num), 130), num, "serif", 28, GREY)
    span = f"{fmt_date(f['period_start'], 'dot')}—{fmt_date(f['period_end'], 'dot')}"
    stub = [("姓名", f["name"]), ("单位", f["work_unit"]), ("期限", span)]
    y = 200.0
    for label, value in stub:
        x = cv.text((110, y), f"{label}：", "serif", 28, GREY)
        k = face(vk, value)
        cv.text((x, y), value, k, fit(k, 28, value, w - 220 - x, 26))
        y += 52
    tear = y + 20
    for x in range(90, w - 90, 28):
        d.line((x, tear, x + 14, tear), fill=RULE, width=2)
    cv.text((w / 2 - 14, tear - 8), "骑缝", "serif", 24, RED, body=False)
    cv.text((w - 110 - 28 * 0.95 * len(num), tear + 90), num, "serif", 28)
    cv.centered(w / 2, tear + 200, "试用期考核证明", "serif_bold", 56, INK, spacing=8,
                body=False)  # fmt: skip
    start, end = fmt_date(f["period_start"], "cn"), fmt_date(f["period_end"], "cn")
    text = (
        f"兹证明{f['name']}同志（身份证号：{f['id_number']}）于{start}至{end}在我单位"
        f"{f['department']}试用，经考核，结果为{f['result']}。"
    )
    keep = (f["name"], f["id_number"], start, end, f["result"])
    y = paragraph(cv, text, keep, 130, w - 130, tear + 320, vk, 36, 70)
    y = paragraph(cv, "特此证明。", (), 130, w - 130, y + 10, "serif", 36, 70)
    unit = f["work_unit"]
    uk = face("serif", unit)
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "pad")], w - 130, y + 170, uk,
             fit(uk, 34, unit, 640, 26), unit, radius=130, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# 执业期考核证明: a Hei four-column ruled table (label | value | label | value)


def practice_period_fourcol(doc: Doc, rng: random.Random) -> Rendered:
    """A practice-period proof (portrait, Hei): the title, a ruled table four columns wide
    (姓名 | … | 性别 | …, 身份证件号码 across, 执业类别 | … | 考核结论 | …, 工作单位 across,
    考核起止 2016年04月06日至2026年01月08日 across), a 单位意见 paragraph, the 分管院长 signing by
    hand and the unit's seal over its name and an ISO date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.5)
    cv = Canvas(img)
    cv.centered(w / 2, 200, "医师执业期考核证明", "hei", 56, INK, spacing=4, body=False)
    vk = face("hei", *f.values())
    span = f"{fmt_date(f['period_start'], 'pad')}至{fmt_date(f['period_end'], 'pad')}"
    rows = [("姓名", f["name"], "性别", f["gender"]), ("身份证件号码", f["id_number"]),
            ("执业类别", f["practice_category"], "考核结论", f["result"]),
            ("工作单位", f["work_unit"]), ("考核起止", span)]  # fmt: skip
    x0, x1 = 100.0, w - 100.0
    bottom = ruled_table(cv, rows, x0, x1, 290.0, 100.0, 240.0, "hei", 30, vk, 32,
                         mid=x0 + (x1 - x0) * 0.55, lw2=180.0, width=2)  # fmt: skip
    y = paragraph(cv, "单位意见：该医师在考核周期内遵守法律法规，考核结论如上，情况属实。", (),
                  x0, x1, bottom + 110, "hei", 32, 60, indent=False)  # fmt: skip
    x = cv.text((x0, y + 90), "分管院长（签字）：", "hei", 30)
    scrawl(cv.draw, x + 20, y + 80, rng, 170)
    unit = f["work_unit"]
    uk = face("hei", unit)
    sign_off(img, cv, rng, [unit, iso(f["date"]).isoformat()], x1 - 20, y + 260, uk,
             fit(uk, 32, unit, 620, 26), unit, radius=130, lead=60)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# 承诺书: a Hei letter addressed to the exam's 考点, the particulars in running text


def pledge_addressed(doc: Doc, rng: random.Random) -> Rendered:
    """A pledge (portrait, Hei) addressed to 医师资格考试考点办公室: the title 在校生报考承诺书,
    the salutation, the particulars in running text (本人…，公民身份号码…，系…专业应届毕业生，预计
    2026年6月毕业…), the promise, 此致 敬礼, then 承诺人 signed in blue-black ink and the date
    written by hand with dots (2026.01.15); no seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 252), rng, 0.6)
    cv = Canvas(img)
    cv.centered(w / 2, 220, "在校生报考承诺书", "hei", 56, INK, spacing=6, body=False)
    vk = face("hei", *f.values())
    x0, x1 = 120.0, w - 120.0
    cv.text((x0, 340), "医师资格考试考点办公室：", "hei", 34)
    g = iso(f["expected_graduation"] + "-01")
    text = (
        f"本人{f['name']}，公民身份号码{f['id_number']}，系{f['school']}{f['major']}专业"
        f"应届毕业生，预计{g.year}年{g.month}月毕业。本人自愿报名参加本年度医师资格考试，"
        "承诺所提交的报名材料真实、准确，并将在规定时间内取得毕业证书；如有虚假或逾期未取得，"
        "本人自愿承担由此产生的一切后果。"
    )
    y = paragraph(cv, text, (f["name"], f["id_number"], f["school"]), x0, x1, 430, vk, 36, 70)
    y = paragraph(cv, "此致", (), x0, x1, y + 30, "hei", 34, 70)
    cv.text((x0, y + 10), "敬礼！", "hei", 34)
    y += 200
    name = f["name"]
    x = cv.text((660, y), "承诺人：", "hei", 32)
    cv.text((x + 10, y + 6), name, face("kai", name), 50, BLUE_BLACK)
    x = cv.text((660, y + 100), "日期：", "hei", 32)
    cv.text((x + 10, y + 104), fmt_date(f["date"], "dot"), "kai", 40, BLUE_BLACK)
    return Rendered(img, None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# 医疗机构执业许可证 正本: landscape Ming, the subjects in one wrapped line


def licence_landscape(doc: Doc, rng: random.Random) -> Rendered:
    """A licence 正本 (landscape, Ming) inside a double rule frame: the title, then label：value
    lines (机构名称, 地址, 法定代表人, 主要负责人, 登记号, 诊疗科目 in one line wrapped across the
    page, 有效期限 自2022年5月1日至2027年4月30日), the seal over the authority's name and a
    date in Chinese numerals."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (252, 250, 242), rng, 0.7)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((50, 50, w - 51, h - 51), outline=(120, 90, 40), width=5)
    d.rectangle((66, 66, w - 67, h - 67), outline=(120, 90, 40), width=2)
    cv.centered(w / 2, 180, "医疗机构执业许可证", "ming", 64, INK, spacing=14, body=False)
    vk = face("ming", *f.values())
    x0, x1 = 150.0, w - 150.0
    frm, until = fmt_date(f["valid_from"], "cn"), fmt_date(f["valid_until"], "cn")
    rows = [("机构名称", f["work_unit"]), ("地　　址", f["address"]),
            ("法定代表人", f["legal_rep"]), ("主要负责人", f["head"]),
            ("登 记 号", f["registration_number"])]  # fmt: skip
    y = 290.0
    for label, value in rows:
        cv.text((x0, y), f"{label}：", "ming", 32, GREY)
        k = face(vk, value)
        cv.text((x0 + 220, y), value, k, fit(k, 34, value, x1 - x0 - 220, 26))
        y += 66
    cv.text((x0, y), "诊疗科目：", "ming", 32, GREY)
    subjects = f["subjects"].split("；")
    y = paragraph(cv, "；".join(subjects), tuple(subjects), x0 + 220, x1, y, vk, 34, 60,
                  indent=False)  # fmt: skip
    cv.text((x0, y + 10), "有效期限：", "ming", 32, GREY)
    cv.text((x0 + 220, y + 10), f"自{frm}至{until}", "ming", 34)
    issuer = f["issuer"]
    ik = face("ming", issuer)
    sign_off(img, cv, rng, ["发证机关：" + issuer, fmt_date(f["issue_date"], "hanzi")], x1,
             min(y + 150, h - 200), ik, fit(ik, 32, "发证机关：" + issuer, 700, 26), issuer,
             radius=125, lead=60)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "licence")


# --------------------------------------------------------------------------------------------
# 确有专长/出师 certificate: Kai running text, the photo top right


def mentorship_kaitext(doc: Doc, rng: random.Random) -> Rendered:
    """A certificate (portrait, Kai): the title, the photo top right with 证书编号 under it, the
    particulars in one sentence (…，性别…，身份证号…，经…考核合格，确有专长（推拿）…特发此证。),
    the issuer's seal over its name and a date in Chinese numerals."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 250, 240), rng, 0.8)
    cv = Canvas(img)
    title = f.get("title") or "传统医学医术确有专长证书"
    cv.centered(w / 2, 200, title, "kai", fit("kai", 58, title, w - 200, 36), INK, body=False)
    _portrait(img, doc, (w - 340, 280, w - 140, 530), (232, 236, 240))
    num = f["cert_number"]
    cv.text((w - 400, 590), num, "kai", fit("kai", 30, num, 300, 28))
    cv.text((w - 400, 640), "证书编号", "kai", 28, GREY)
    taught = "师承" in title or "出师" in title
    issuer = f["issuer"]
    what = f"准予出师，出师专业为{f['major']}" if taught else f"确有专长，专长内容为{f['major']}"
    text = (
        f"{f['name']}，性别{f['gender']}，身份证号{f['id_number']}，经{issuer}组织考核合格，"
        f"{what}，特发此证。"
    )
    vk = face("kai", *f.values())
    y = paragraph(cv, text, (f["name"], f["id_number"], issuer), 140, w - 140, 760, vk, 40,
                  78)  # fmt: skip
    ik = face("kai", issuer)
    sign_off(img, cv, rng, [issuer, fmt_date(f["issue_date"], "hanzi")], w - 140, y + 200, ik,
             fit(ik, 34, issuer, 640, 28), issuer, radius=125, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 医师资格证书 / 医师执业证书: ruled tables, one in a red double frame


def qualification_redframe(doc: Doc, rng: random.Random) -> Rendered:
    """A qualification certificate (portrait, Song/Serif) inside a red double frame: the
    title in red, the photo centred, a ruled table (姓名 | 性别, 出生日期 2-col, 身份证件号码,
    资格类别 | 资格级别, 证书编码), the authority's seal over its name and a padded date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 253, 248), rng, 0.6)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((56, 56, w - 57, h - 57), outline=RED, width=6)
    d.rectangle((74, 74, w - 75, h - 75), outline=RED, width=2)
    cv.centered(w / 2, 220, "医师资格证书", "serif_bold", 66, RED, spacing=18, body=False)
    _portrait(img, doc, (int(w / 2 - 100), 290, int(w / 2 + 100), 540), (236, 238, 242))
    vk = face("serif", *f.values())
    rows = [("姓名", f["name"], "性别", f["gender"]),
            ("出生日期", fmt_date(f["birth_date"], "pad")),
            ("身份证件号码", f["id_number"]),
            ("资格类别", f["qual_category"], "资格级别", f["qualification"]),
            ("证书编码", f["qualification_number"])]  # fmt: skip
    x0, x1 = 130.0, w - 130.0
    bottom = ruled_table(cv, rows, x0, x1, 600.0, 96.0, 230.0, "serif", 30, vk, 32,
                         mid=x0 + (x1 - x0) * 0.5, lw2=170.0, line=(150, 40, 40),
                         width=2)  # fmt: skip
    authority = health_authority(iso(f["issue_date"]))
    ak = face("serif", authority)
    sign_off(img, cv, rng, [authority, fmt_date(f["issue_date"], "pad")], x1, bottom + 200, ak,
             fit(ak, 32, authority, 640, 26), authority, radius=120, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


def practice_mingtable(doc: Doc, rng: random.Random) -> Rendered:
    """A practice certificate (portrait, Ming) as a ruled table under the title and the photo
    top left: 证书编码 | 注册日期 2016-04-06 ISO first, then 姓名 | 性别, 身份证号码,
    医师级别 | 执业类别, 执业范围, 执业地点 and 发证机关 across; the seal over the issuer's
    name at the foot."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 252), rng, 0.6)
    cv = Canvas(img)
    cv.centered(w / 2, 200, "医师执业证书", "ming", 64, INK, spacing=14, body=False)
    _portrait(img, doc, (120, 260, 320, 510), (236, 236, 236))
    vk = face("ming", *f.values())
    issuer = f["issuer"]
    rows = [("证书编码", f["practice_number"], "注册日期", f["registration_date"]),
            ("姓名", f["name"], "性别", f["gender"]), ("身份证号码", f["id_number"]),
            ("医师级别", f["practice_level"], "执业类别", f["practice_category"]),
            ("执业范围", f["scope"]), ("执业地点", f["work_unit"]),
            ("发证机关", issuer)]  # fmt: skip
    x0, x1 = 110.0, w - 110.0
    bottom = ruled_table(cv, rows, x0, x1, 580.0, 96.0, 200.0, "ming", 30, vk, 32,
                         mid=x0 + (x1 - x0) * 0.52, lw2=170.0, width=2)  # fmt: skip
    ik = face("ming", issuer)
    sign_off(img, cv, rng, [issuer], x1, bottom + 180, ik, fit(ik, 32, issuer, 640, 26),
             issuer, radius=120, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# 毕业证书 / 学位证书: landscape pages, the photo left


def diploma_kaiwide(doc: Doc, rng: random.Random) -> Rendered:
    """A diploma (landscape, Kai): the photo left with the 证书编号 under it, the title right of
    it, the particulars in running text (…，…，一九九六年十二月六日生，于2011年9月至2014年7月在本校
    …专业学习，…准予毕业。), 校长 with a printed name, the school's seal over its name and a
    date in Chinese numerals."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (252, 248, 236), rng, 0.8)
    cv = Canvas(img)
    cv.draw.rectangle((60, 60, w - 61, h - 61), outline=(150, 120, 60), width=4)
    _portrait(img, doc, (140, 260, 380, 560), (232, 236, 240))
    num = f["diploma_number"]
    cv.text((120, 630), "证书编号", "kai", 28, GREY)
    cv.text((120, 680), num, "kai", fit("kai", 30, num, 360, 28))
    cv.centered(1060, 220, "毕业证书", "kai", 78, INK, spacing=30, body=False)
    enrol, grad = iso(f["enrol"] + "-01"), iso(f["graduation"] + "-01")
    start, end = f"{enrol.year}年{enrol.month}月", f"{grad.year}年{grad.month}月"
    born = fmt_date(f["birth_date"], "hanzi")
    school = f["school"]
    text = (
        f"学生{f['name']}，性别{f['gender']}，{born}生，于{start}至{end}在{school}"
        f"{f['major']}专业{f['years']}年制{f['education_level']}学习，修完教学计划规定的全部"
        "课程，成绩合格，准予毕业。"
    )
    keep = (f["name"], school, f["major"], end, start, born)
    vk = face("kai", *f.values())
    y = paragraph(cv, text, keep, 520, w - 130, 360, vk, 38, 74)
    principal = f.get("principal") or ""
    x = cv.text((520, y + 90), "校长：", "kai", 34)
    if principal:
        cv.text((x, y + 90), principal, face("kai", principal), 34)
    sk = face("kai", school)
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "hanzi")], w - 140,
             min(y + 200, h - 220), sk, fit(sk, 34, school, 620, 28), school, radius=125,
             lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "diploma")


def degree_mingwide(doc: Doc, rng: random.Random) -> Rendered:
    """A degree certificate (landscape, Ming): the title …学位证书 across the top, the photo
    left with the 证书编号 under it, a sentence right of it (…，…，一九九七年十二月七日生。在…
    专业完成了…学业，…授予医学…学位。) with the birth date in Chinese numerals, 学位评定委员会
    主席 with a printed name, the school's seal over its name and a date in Chinese numerals."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (253, 252, 246), rng, 0.6)
    cv = Canvas(img)
    level = f["degree_level"]
    field = "理学" if "护理" in f["major"] else "医学"
    cv.centered(w / 2, 190, f"{level}学位证书", "ming", 70, INK, spacing=16, body=False)
    _portrait(img, doc, (150, 300, 380, 580), (236, 236, 236))
    num = f["degree_number"]
    cv.text((130, 650), "证书编号：", "ming", 26, GREY)
    cv.text((130, 700), num, "ming", fit("ming", 30, num, 380, 26))
    born = fmt_date(f["birth_date"], "hanzi")
    school = f["school"]
    text = (
        f"{f['name']}，{f['gender']}，{born}生。在{school}{f['major']}专业完成了"
        f"{level}学位的学业，成绩合格。根据《中华人民共和国学位条例》的规定，"
        f"授予{field}{level}学位。"
    )
    keep = (f["name"], school, f["major"], f"{field}{level}学位", born)
    vk = face("ming", *f.values())
    y = paragraph(cv, text, keep, 520, w - 130, 360, vk, 38, 74)
    chair = f.get("chair") or ""
    x = cv.text((520, y + 90), "学位评定委员会主席：", "ming", 32)
    if chair:
        cv.text((x, y + 90), chair, face("ming", chair), 32)
    sk = face("ming", school)
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "hanzi")], w - 140,
             min(y + 200, h - 220), sk, fit(sk, 34, school, 620, 26), school, radius=122,
             lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表: a Sans list in zebra rows, born-digital PDF

ZEBRA = (238, 243, 246)


def zebra_rows(f: dict[str, str]) -> list[tuple[str, str]]:
    """This layout's order: the school and the certificate first, then the person."""
    return [("院校名称", f["school"]), ("证书编号", f["diploma_number"]),
            ("学历层次", f["record_level"]), ("学历类别", f["record_category"]),
            ("专业名称", f["major"]), ("入学日期", f["enrol_date"]),
            ("毕业日期", f["graduation_date"]), ("姓名", f["name"]),
            ("性别", f["gender"]), ("身份证件号", f["id_number"])]  # fmt: skip


def record_zebra(doc: Doc, rng: random.Random) -> Rendered:
    """A 备案表 (portrait, Sans) as a list in alternately shaded rows (label left in grey,
    value right): the school and certificate first, the person after, ISO dates (2014-07-01),
    the photo top right beside the title, the 在线验证码 boxed at the foot with 有效期至."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.4)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((0, 0, w, 24), fill=(30, 110, 140))
    title = f["title"]
    cv.text((100, 170), title, "sans_bold", fit("sans_bold", 46, title, w - 460, 30))
    cv.text((100, 230), f"更新日期：{f['update_date']}", "sans", 26, GREY)
    _portrait(img, doc, (w - 300, 80, w - 120, 305), None)
    vk = face("sans", *f.values())
    y = 360.0
    rh = 76.0
    for i, (label, value) in enumerate(zebra_rows(f)):
        if i % 2 == 0:
            d.rectangle((100, y, w - 100, y + rh), fill=ZEBRA)
        cv.text((130, y + rh / 2 + 11), label, "sans", 28, GREY)
        k = face(vk, value)
        cv.text((420, y + rh / 2 + 11), value, k, fit(k, 32, value, w - 540, 26))
        y += rh
    d.rectangle((100, y + 60, w - 100, y + 240), outline=(30, 110, 140), width=3)
    cv.text((140, y + 130), f"在线验证码：{f['verification_code']}", "sans", 32)
    cv.text((140, y + 200), f"有效期至：{f['valid_until']}", "sans", 30)
    return Rendered(img, None, cv.min_glyph, "diploma_record")


def record_zebra_pdf(fields: dict[str, str]) -> bytes:
    """The 备案表 as downloaded: a born-digital PDF with a text layer, shaded rows."""
    from lab.synth import pdfdoc
    from lab.synth.families_edu import FIXED_DATE

    title = fields["title"]
    rows = zebra_rows(fields)
    tail = [f"在线验证码：{fields['verification_code']}", f"有效期至：{fields['valid_until']}"]
    pdf = pdfdoc._new_pdf(title, FIXED_DATE, [title, *(a + b for a, b in rows), *tail])
    pdf.set_font("noto", size=16)
    pdf.set_xy(15, 16)
    pdf.cell(150, 10, title)
    pdf.set_font("noto", size=11)
    y = 36.0
    for i, (label, value) in enumerate(rows):
        if i % 2 == 0:
            pdf.set_fill_color(*ZEBRA)
            pdf.rect(18, y, 174, 9, style="F")
        pdf.set_xy(22, y + 1)
        pdf.cell(40, 7, label)
        pdf.set_xy(66, y + 1)
        pdf.cell(120, 7, value)
        y += 10
    for line in tail:
        y += 9
        pdf.set_xy(22, y)
        pdf.cell(170, 7, line)
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 社会保险: one block per insurance, its months listed with their states


def kind_blocks(f: dict[str, str]) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """Per insurance (in the order first paid): (month 2025-08, base, state) rows."""
    blocks: dict[str, list[tuple[str, str, str]]] = {}
    for month, kind, base, status in _payments(f):
        blocks.setdefault(kind, []).append((f"{month[:4]}-{month[4:]}", base, status))
    return [(k, sorted(rows)) for k, rows in blocks.items()]


def si_kinds(doc: Doc, rng: random.Random) -> Rendered:
    """A 社保 print (portrait, Hei) in blocks per insurance: the title, the person in a grey
    band (姓名 | 身份证号码 on one line, 参保单位 under it), then for each insurance a heading
    (险种：城镇职工基本养老保险) and its months in rows (缴费年月 2025-08 | 缴费基数 | 缴费状态),
    the agency's seal over its name and a padded date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    cv.centered(w / 2, 150, title, "hei", fit("hei", 46, title, w - 200, 30), INK, body=False)
    vk = face("hei", f["name"], f["work_unit"])
    d.rectangle((90, 190, w - 90, 330), fill=(236, 236, 236))
    x = cv.text((110, 245), "姓名：", "hei", 28, GREY)
    x = cv.text((x, 245), f["name"], face(vk, f["name"]), 30) + 60
    x = cv.text((x, 245), "身份证号码：", "hei", 28, GREY)
    cv.text((x, 245), f["id_number"], "hei", 30)
    x = cv.text((110, 305), "参保单位：", "hei", 28, GREY)
    unit = f["work_unit"]
    cv.text((x, 305), unit, face(vk, unit), fit(face(vk, unit), 30, unit, w - 200 - x, 26))
    blocks = kind_blocks(f)
    n = sum(len(rows) + 2 for _, rows in blocks)
    rh = min(52.0, 1050.0 / max(1, n))
    size = max(24, min(28, int(rh * 0.55)))
    y = 380.0
    cols = (110.0, 420.0, 760.0)
    for kind, rows in blocks:
        cv.text((100, y + rh * 0.7), f"险种：{kind}", "hei", size)
        y += rh
        d.rectangle((100, y, w - 100, y + rh), fill=(246, 246, 246))
        for c, head in zip(cols, ("缴费年月", "缴费基数", "缴费状态"), strict=True):
            cv.text((c, y + rh * 0.7), head, "hei", size, GREY)
        y += rh
        for row in rows:
            d.line((100, y, w - 100, y), fill=RULE, width=1)
            for c, cell in zip(cols, row, strict=True):
                cv.text((c, y + rh * 0.7), cell, "hei", size)
            y += rh
        d.line((100, y, w - 100, y), fill=INK, width=2)
        y += rh * 0.4
    agency = f["agency"]
    ak = face("hei", agency)
    sign_off(img, cv, rng, [agency, fmt_date(f["print_date"], "pad")], w - 110,
             min(y + 110, h - 140), ak, fit(ak, 28, agency, 560, 26), agency, radius=110,
             lead=52)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_kinds_pdf(fields: dict[str, str]) -> bytes:
    """The print scanned back to PDF (portrait, no text layer)."""
    from PIL import Image

    from lab.synth.families_6 import scan_pdf

    rng = random.Random(f"si-kinds/{fields['id_number']}/{fields['print_date']}")
    page = si_kinds(Doc("social_insurance", fields), rng).image
    return scan_pdf(page.resize((992, 1403), Image.Resampling.LANCZOS), rng)


# --------------------------------------------------------------------------------------------
# Registration

HELD_OUT = (
    ("probation_cert", "counterfoil", probation_counterfoil, None,
     "Serif proof on a 存根 form: the 存根 (number, 姓名, 单位, dotted period) above a dashed "
     "tear line marked 骑缝, the proof under it in one sentence (兹证明…同志（身份证号：…）于…至…"
     "在我单位…试用，经考核，结果为…), seal over the unit and a padded date"),
    ("practice_period_cert", "fourcol", practice_period_fourcol, None,
     "Hei proof as a four-column ruled table (姓名 | 性别, 身份证件号码, 执业类别 | 考核结论, "
     "工作单位, 考核起止 padded), 单位意见 line, 分管院长 signed by hand, seal over the unit and "
     "an ISO date"),
    ("pledge", "addressed", pledge_addressed, None,
     "Hei 在校生报考承诺书 addressed to the 考点办公室: the particulars in running text (本人…，"
     "公民身份号码…，系…专业应届毕业生), 此致 敬礼, 承诺人 in blue-black and a handwritten "
     "dotted date; no seal"),
    ("licence", "landscape", licence_landscape, None,
     "landscape Ming 正本 in a double brown frame: label：value lines, 诊疗科目 in one wrapped "
     "line, 有效期限 自…至… in 年月日, seal over 发证机关 and a date in Chinese numerals"),
    ("mentorship_cert", "kaitext", mentorship_kaitext, None,
     "portrait Kai certificate: photo top right with 证书编号 under it, particulars in one "
     "sentence (…，性别…，身份证号…，经…考核合格…), seal over the issuer and a date in Chinese "
     "numerals"),
    ("assistant_qualification", "redframe", qualification_redframe, None,
     "Serif certificate in a red double frame, red title, photo centred, a ruled table (姓名 | "
     "性别, 出生日期 padded, 身份证件号码, 资格类别 | 资格级别, 证书编码 last), seal over the "
     "authority and a padded date"),
    ("assistant_practice", "mingtable", practice_mingtable, None,
     "Ming ruled table under the title and photo: 证书编码 | 注册日期 ISO first, 姓名 | 性别, "
     "身份证号码, 医师级别 | 执业类别, 执业范围, 执业地点, 发证机关 across; seal over the issuer"),
    ("diploma", "kaiwide", diploma_kaiwide, None,
     "landscape Kai diploma in a gold frame: photo left with 证书编号 under it, running text "
     "right (birth date in Chinese numerals, 于2011年9月至2014年7月在…学习), 校长 printed, seal "
     "over the school and a date in Chinese numerals"),
    ("degree", "mingwide", degree_mingwide, None,
     "landscape Ming …学位证书: photo left with 证书编号 under it, a sentence right (birth date "
     "in Chinese numerals, 根据《中华人民共和国学位条例》…授予医学…学位), 主席 printed, seal over "
     "the school and a date in Chinese numerals"),
    ("diploma_record", "zebra", record_zebra, record_zebra_pdf,
     "Sans 备案表 in alternately shaded rows, the school and 证书编号 first and the person after, "
     "ISO dates, photo beside the title, 在线验证码 boxed at the foot with 有效期至; PDF "
     "born-digital with a text layer"),
    ("social_insurance", "kinds", si_kinds, si_kinds_pdf,
     "Hei print in blocks per insurance (险种：… heading, then 缴费年月 2025-08 | 缴费基数 | "
     "缴费状态 rows), the person in a grey band, seal over the agency and a padded date; PDF a "
     "portrait scan without text layer"),
)  # fmt: skip
