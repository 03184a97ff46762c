"""A nineteenth layout family per material (issue 15, seventeenth round): other issuers, held out.

Every family of the earlier modules has been run and looked at (`families.LOOKED_AT`), so these
are the new *held-out* ones, written without running the readers on them and never adjusted to
suit the readers. This round covers every material: a
Ming probation proof as a ruled table with the period in 年月日, a Serif practice-period proof
as a ruled label/value table, a Hei pledge in running text signed and dated by hand, a Hei licence
as a ruled table with its subjects listed two to a row, a portrait Serif 专长 certificate whose
particulars are one sentence, a Ming qualification certificate as a ruled table under the photo,
a portrait Sans practice certificate with the photo top right, a Serif diploma dated in hanzi,
a Kai degree sentence under a Song title, a Serif 备案表 as a four-cell ruled
table, and a Hei 社保 print whose months are dashed (2025-08) in a grey-striped table. Every
value the material's checks compare is printed whole, exactly as the form's truth holds it; a
typeface lacking a character of a value gives way to Noto.
"""

from __future__ import annotations

import random

from lab.synth.families_6 import BLUE_BLACK, GREY, RULE
from lab.synth.families_work import (
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
from lab.synth.render import INK, Canvas, Doc, Rendered, iso, paper

# --------------------------------------------------------------------------------------------
# 试用期考核证明: a Ming ruled table, the period in 年月日


def probation_mingrule(doc: Doc, rng: random.Random) -> Rendered:
    """A probation proof (portrait, Ming) from a hospital's personnel office: the title, a
    ruled label/value table (姓名, 公民身份号码, 用人单位, 所在科室, 试用期 2024年7月1日至
    2025年6月30日, 考核等次), a sentence under it, the unit's seal over its name and a date in
    年月日."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 253, 249), rng, 0.6)
    cv = Canvas(img)
    cv.centered(w / 2, 220, "试用期考核证明", "ming", 60, INK, spacing=12, body=False)
    vk = face("ming", *f.values())
    span = f"{fmt_date(f['period_start'], 'cn')}至{fmt_date(f['period_end'], 'cn')}"
    rows = [("姓名", f["name"]), ("公民身份号码", f["id_number"]),
            ("用人单位", f["work_unit"]), ("所在科室", f["department"]),
            ("试用期", span), ("考核等次", f["result"])]  # fmt: skip
    x0, x1 = 110.0, w - 110.0
    bottom = ruled_table(cv, rows, x0, x1, 320.0, 96.0, 260.0, "ming", 30, vk, 32, width=2)
    y = paragraph(cv, "兹证明以上情况属实，试用期满考核结果如上。", (), x0, x1, bottom + 110,
                  "ming", 32, 64)  # fmt: skip
    unit = f["work_unit"]
    uk = face("ming", unit)
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "cn")], x1, y + 160, uk,
             fit(uk, 34, unit, 640, 26), unit, radius=128, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# 执业期考核证明: a Serif ruled label/value table


def practice_period_ruledform(doc: Doc, rng: random.Random) -> Rendered:
    """A practice-period proof (portrait, Song/Serif): the title, a ruled label/value table
    (姓名, 证件号码, 单位名称, 执业类别, 考核周期 2016-04-06至2026-01-08, 考核结果),
    a 单位意见 paragraph, the unit's seal over its name and a dashed date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 254), rng, 0.5)
    cv = Canvas(img)
    cv.centered(w / 2, 210, "医师执业期考核证明", "serif_bold", 54, INK, spacing=4,
                body=False)  # fmt: skip
    vk = face("serif", *f.values())
    span = f"{f['period_start']}至{f['period_end']}"
    rows = [("姓名", f["name"]), ("证件号码", f["id_number"]), ("单位名称", f["work_unit"]),
            ("执业类别", f["practice_category"]), ("考核周期", span),
            ("考核结果", f["result"])]  # fmt: skip
    x0, x1 = 100.0, w - 100.0
    bottom = ruled_table(cv, rows, x0, x1, 300.0, 92.0, 220.0, "serif", 30, vk, 32, width=2)
    y = paragraph(cv, "单位意见：情况属实，同意出具此证明。", (), x0, x1, bottom + 110, "serif", 32,
                  64, indent=False)  # fmt: skip
    unit = f["work_unit"]
    uk = face("serif", unit)
    sign_off(img, cv, rng, [unit, f["date"]], x1, y + 150, uk, fit(uk, 32, unit, 640, 26),
             unit, radius=125, lead=60)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# 承诺书: Hei running text, signed by hand


def pledge_heitext(doc: Doc, rng: random.Random) -> Rendered:
    """A pledge (portrait, Hei): the title 承诺书, the particulars woven into one paragraph
    (本人…，身份证号码…，系…专业应届毕业生…), the promise in a second paragraph, 承诺人 in
    blue-black ink and a date written by hand in dots; no seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.4)
    cv = Canvas(img)
    cv.centered(w / 2, 220, "承诺书", "hei", 66, INK, spacing=40, body=False)
    g = iso(f["expected_graduation"] + "-01")
    text = (
        f"本人{f['name']}，身份证号码{f['id_number']}，系{f['school']}{f['major']}专业应届"
        f"毕业生，预计于{g.year}年{g.month}月毕业。"
    )
    vk = face("hei", *f.values())
    x0, x1 = 120.0, w - 120.0
    y = paragraph(cv, text, (f["name"], f["id_number"], f["school"], f["major"]), x0, x1, 380,
                  vk, 34, 72)  # fmt: skip
    promise = (
        "本人承诺：在规定时间内取得毕业证书，所提交的报考材料真实有效。如有不实或未能按期"
        "取得毕业证书，本人自愿承担由此造成的一切后果。"
    )
    y = paragraph(cv, promise, (), x0, x1, y + 30, "hei", 34, 72)
    y += 180
    name = f["name"]
    x = cv.text((640, y), "承诺人：", "hei", 32)
    cv.text((x + 10, y + 6), name, face("kai", name), 52, BLUE_BLACK)
    cv.text((640, y + 110), fmt_date(f["date"], "dot"), "kai", 42, BLUE_BLACK)
    return Rendered(img, None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# 医疗机构执业许可证: a Hei ruled table, the subjects two to a row


def licence_heiruled(doc: Doc, rng: random.Random) -> Rendered:
    """A licence (portrait, Hei): the title, a ruled table (机构名称, 地址, 法定代表人,
    主要负责人, 登记号, 有效期限 自2022年05月01日至2027年04月30日), then 诊疗科目 with the
    subjects two to a row under a rule, the seal over the issuer's name and a dotted date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 253), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 190, "医疗机构执业许可证", "hei", 58, INK, spacing=8, body=False)
    vk = face("hei", *f.values())
    valid = f"自{fmt_date(f['valid_from'], 'pad')}至{fmt_date(f['valid_until'], 'pad')}"
    rows = [("机构名称", f["work_unit"]), ("地址", f["address"]),
            ("法定代表人", f["legal_rep"]), ("主要负责人", f["head"]),
            ("登记号", f["registration_number"]), ("有效期限", valid)]  # fmt: skip
    x0, x1 = 100.0, w - 100.0
    y = ruled_table(cv, rows, x0, x1, 250.0, 78.0, 220.0, "hei", 28, vk, 30, width=2)
    cv.text((x0 + 16, y + 70), "诊疗科目：", "hei", 30)
    d.line((x0, y + 92, x1, y + 92), fill=RULE, width=2)
    subjects = f["subjects"].split("；")
    colw = (x1 - x0) / 2
    y += 150
    for i, subject in enumerate(subjects):
        row, col = divmod(i, 2)
        cv.text((x0 + 20 + col * colw, y + row * 52), subject, "hei",
                fit("hei", 30, subject, colw - 30, 24))  # fmt: skip
    y += (len(subjects) + 1) // 2 * 52 + 90
    issuer = f["issuer"]
    ik = face("hei", issuer)
    sign_off(img, cv, rng, [issuer, fmt_date(f["issue_date"], "dot")], x1, min(y, h - 200),
             ik, fit(ik, 32, issuer, 720, 26), issuer, radius=122, lead=60)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "licence")


# --------------------------------------------------------------------------------------------
# 确有专长/出师 certificate: one sentence


def mentorship_sentence(doc: Doc, rng: random.Random) -> Rendered:
    """A certificate (portrait, Song/Serif): the photo top centre, the title, one sentence
    (…，性别…，身份证号…，经考核合格，准予…，特发此证。), 证书编号 under it, the issuer's
    seal over its name and a date in 年月日."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 251, 245), rng, 0.7)
    cv = Canvas(img)
    _portrait(img, doc, (int(w / 2 - 100), 140, int(w / 2 + 100), 390), (234, 236, 232))
    title = f.get("title") or "传统医学医术确有专长证书"
    cv.centered(w / 2, 520, title, "serif_bold", fit("serif_bold", 58, title, w - 220, 36), INK,
                body=False)  # fmt: skip
    taught = "师承" in title or "出师" in title
    what = "出师" if taught else "确有专长"
    text = (
        f"{f['name']}，性别{f['gender']}，身份证号{f['id_number']}，经考核合格，"
        f"{'出师专业' if taught else '专长内容'}为{f['major']}，准予{what}，特发此证。"
    )
    vk = face("serif", *f.values())
    y = paragraph(cv, text, (f["name"], f["id_number"], f["major"]), 140, w - 140, 680, vk, 36,
                  74)  # fmt: skip
    num = f["cert_number"]
    x = cv.text((140, y + 50), "证书编号：", "serif", 30, GREY)
    cv.text((x, y + 50), num, "serif", fit("serif", 32, num, w - 140 - x, 26))
    issuer = f["issuer"]
    ik = face("serif", issuer)
    sign_off(img, cv, rng, [issuer, fmt_date(f["issue_date"], "cn")], w - 140, y + 230, ik,
             fit(ik, 34, issuer, 640, 26), issuer, radius=122, lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 医师资格证书 / 医师执业证书: a Ming ruled table, a Sans page


def qualification_mingtable(doc: Doc, rng: random.Random) -> Rendered:
    """A qualification certificate (portrait, Ming): the title, the photo centred, a ruled
    four-cell table under it (姓名 | 性别, 身份证件号, 资格类别 | 资格级别, 证书编码, 签发日期
    2016年4月6日), the authority's seal over its name."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 254, 250), rng, 0.5)
    cv = Canvas(img)
    cv.centered(w / 2, 190, "医师资格证书", "ming", 66, INK, spacing=20, body=False)
    _portrait(img, doc, (int(w / 2 - 105), 250, int(w / 2 + 105), 510), (236, 238, 240))
    vk = face("ming", *f.values())
    rows = [("姓名", f["name"], "性别", f["gender"]), ("身份证件号", f["id_number"]),
            ("资格类别", f["qual_category"], "资格级别", f["qualification"]),
            ("证书编码", f["qualification_number"]),
            ("签发日期", fmt_date(f["issue_date"], "cn"))]  # fmt: skip
    x0, x1 = 100.0, w - 100.0
    bottom = ruled_table(cv, rows, x0, x1, 570.0, 92.0, 200.0, "ming", 30, vk, 32,
                         mid=x0 + (x1 - x0) * 0.55, lw2=160.0, width=2)  # fmt: skip
    authority = health_authority(iso(f["issue_date"]))
    ak = face("ming", authority)
    sign_off(img, cv, rng, [authority], x1, bottom + 180, ak, fit(ak, 32, authority, 640, 26),
             authority, radius=120, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


def practice_sans(doc: Doc, rng: random.Random) -> Rendered:
    """A practice certificate (portrait, Sans): the title, the photo top right, label：value
    lines left of and under it (姓名, 性别, 证件号, 医师级别, 执业类别, 执业范围, 主要执业机构,
    证书编码, 注册日期 2016.04.06), the seal over 发证机关 and its name."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.4)
    cv = Canvas(img)
    cv.centered(w / 2, 190, "医师执业证书", "sans_bold", 64, INK, spacing=16, body=False)
    _portrait(img, doc, (w - 340, 270, w - 120, 540), (236, 236, 240))
    vk = face("sans", *f.values())
    rows = [("姓　　名", f["name"]), ("性　　别", f["gender"]), ("证 件 号", f["id_number"]),
            ("医师级别", f["practice_level"]), ("执业类别", f["practice_category"]),
            ("执业范围", f["scope"]), ("主要执业机构", f["work_unit"]),
            ("证书编码", f["practice_number"]),
            ("注册日期", fmt_date(f["registration_date"], "dot"))]  # fmt: skip
    y = 320.0
    for label, value in rows:
        x = cv.text((120, y), f"{label}：", "sans", 30, GREY)
        k = face(vk, value)
        right = w - 380 if y < 560 else w - 120
        cv.text((x + 8, y), value, k, fit(k, 32, value, right - x - 8, 26))
        y += 78
    issuer = f["issuer"]
    ik = face("sans", issuer)
    sign_off(img, cv, rng, ["发证机关：" + issuer], w - 120, y + 150, ik,
             fit(ik, 32, "发证机关：" + issuer, 800, 26), issuer, radius=118)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# 毕业证书 / 学位证书: dated in hanzi, a Kai sentence


def diploma_hanzidate(doc: Doc, rng: random.Random) -> Rendered:
    """A diploma (portrait, Song/Serif): the title, the photo left of the running text
    (学生…，…，于2011年9月入学，2014年7月在本校…专业…修业期满，成绩合格，准予毕业。), 校（院）长
    printed, the school's seal over its name and the date in hanzi (二〇一四年七月一日),
    证书编号 at the foot."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 250, 243), rng, 0.7)
    cv = Canvas(img)
    cv.centered(w / 2, 230, "毕业证书", "serif_bold", 84, INK, spacing=40, body=False)
    _portrait(img, doc, (130, 330, 330, 580), (232, 236, 240))
    enrol, grad = iso(f["enrol"] + "-01"), iso(f["graduation"] + "-01")
    start, end = f"{enrol.year}年{enrol.month}月", f"{grad.year}年{grad.month}月"
    school = f["school"]
    text = (
        f"学生{f['name']}，{f['gender']}，于{start}入学，{end}在{school}{f['major']}专业"
        f"{f['years']}年制{f['education_level']}修业期满，成绩合格，准予毕业。"
    )
    vk = face("serif", *f.values())
    keep = (f["name"], school, f["major"], end, start)
    y = paragraph(cv, text, keep, 140, w - 140, 680, vk, 38, 78)
    principal = f.get("principal") or ""
    x = cv.text((140, y + 90), "校（院）长：", "serif", 34)
    if principal:
        cv.text((x, y + 90), principal, face("serif", principal), 34)
    sk = face("serif", school)
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "hanzi")], w - 140, y + 230, sk,
             fit(sk, 34, school, 620, 26), school, radius=125, lead=64)  # fmt: skip
    num = f["diploma_number"]
    x = cv.text((140, h - 140), "证书编号：", "serif", 28)
    cv.text((x, h - 140), num, "serif", fit("serif", 30, num, w - 280 - x, 26))
    return Rendered(img, None, cv.min_glyph, "diploma")


def degree_kai(doc: Doc, rng: random.Random) -> Rendered:
    """A degree certificate (portrait, Kai at 40): the title …学位证书 in Song, the photo top
    right, the sentence in Kai (…，…，1997年12月7日生，在…学习…专业，已通过…学位课程考试…，
    授予医学…学位。), 学位评定委员会主席 printed, 证书编号 in the top left, the school's seal
    and a date in 年月日."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 252, 246), rng, 0.6)
    cv = Canvas(img)
    num = f["degree_number"]
    x = cv.text((130, 130), "证书编号：", "serif", 28, GREY)
    cv.text((x, 130), num, "serif", fit("serif", 30, num, w - 420 - x, 26))
    _portrait(img, doc, (w - 330, 170, w - 130, 420), (236, 236, 236))
    level = f["degree_level"]
    field = "理学" if "护理" in f["major"] else "医学"
    cv.centered(w / 2, 560, f"{level}学位证书", "serif_bold", 72, INK, spacing=12, body=False)
    born = fmt_date(f["birth_date"], "cn")
    school = f["school"]
    text = (
        f"{f['name']}，{f['gender']}，{born}生，在{school}{f['major']}专业学习，已通过"
        f"{level}学位课程考试，成绩合格。依照《中华人民共和国学位条例》的规定，"
        f"授予{field}{level}学位。"
    )
    keep = (f["name"], school, f["major"], f"{field}{level}学位", born)
    vk = face("kai", *f.values())
    y = paragraph(cv, text, keep, 140, w - 140, 720, vk, 40, 80)
    chair = f.get("chair") or ""
    x = cv.text((140, y + 90), "学位评定委员会主席：", "kai", 36)
    if chair:
        cv.text((x, y + 90), chair, face("kai", chair), 36)
    sk = face("kai", school)
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "cn")], w - 140, y + 240, sk,
             fit(sk, 36, school, 640, 28), school, radius=122, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表: a four-cell ruled table, born-digital PDF


def quad_rows(f: dict[str, str]) -> list[tuple[str, ...]]:
    """This layout's rows: two label/value pairs a row where they fit, dates as stored."""
    return [("姓名", f["name"], "性别", f["gender"]), ("证件号码", f["id_number"]),
            ("出生日期", f["birth_date"], "层次", f["record_level"]),
            ("学校名称", f["school"]), ("专业", f["major"]),
            ("入学日期", f["enrol_date"], "毕业日期", f["graduation_date"]),
            ("学历类别", f["record_category"]), ("证书编号", f["diploma_number"])]  # fmt: skip


def record_quad(doc: Doc, rng: random.Random) -> Rendered:
    """A 备案表 (portrait, Song/Serif): the title, a four-cell ruled table (two label/value pairs
    a row where they fit, ISO dates), the photo right of the title, 在线验证码 and 有效期至 under
    the table with 更新日期."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.4)
    cv = Canvas(img)
    title = f["title"]
    cv.centered(w / 2 - 100, 200, title, "serif_bold",
                fit("serif_bold", 48, title, w - 480, 30), INK, body=False)  # fmt: skip
    _portrait(img, doc, (w - 290, 110, w - 110, 335), None)
    vk = face("serif", *f.values())
    x0, x1 = 100.0, w - 100.0
    bottom = ruled_table(cv, quad_rows(f), x0, x1, 380.0, 82.0, 170.0, "serif", 28, vk, 30,
                         mid=x0 + (x1 - x0) * 0.6, lw2=150.0, line=(90, 90, 90),
                         width=2)  # fmt: skip
    y = bottom + 80
    for line in (f"在线验证码：{f['verification_code']}", f"有效期至：{f['valid_until']}",
                 f"更新日期：{f['update_date']}"):  # fmt: skip
        cv.text((110, y), line, "serif", 28)
        y += 56
    return Rendered(img, None, cv.min_glyph, "diploma_record")


def record_quad_pdf(fields: dict[str, str]) -> bytes:
    """The 备案表 as downloaded: a born-digital PDF with a text layer, ruled cells."""
    from lab.synth import pdfdoc
    from lab.synth.families_edu import FIXED_DATE

    title = fields["title"]
    rows = quad_rows(fields)
    tail = [f"在线验证码：{fields['verification_code']}", f"有效期至：{fields['valid_until']}",
            f"更新日期：{fields['update_date']}"]  # fmt: skip
    pdf = pdfdoc._new_pdf(title, FIXED_DATE, [title, *("".join(r) for r in rows), *tail])
    pdf.set_font("noto", size=15)
    pdf.set_xy(15, 16)
    pdf.cell(180, 10, title, align="C")
    pdf.set_font("noto", size=10)
    y = 34.0
    for cells in rows:
        widths = (28, 72, 24, 56) if len(cells) == 4 else (28, 152)
        pdf.set_xy(15, y)
        for wd, cell in zip(widths, cells, strict=True):
            pdf.cell(wd, 9, cell, border=1)
        y += 9
    y += 6
    for line in tail:
        pdf.set_xy(15, y)
        pdf.cell(180, 7, line)
        y += 8
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 社会保险: a grey-striped Hei table, months dashed


def dash_rows(f: dict[str, str]) -> list[tuple[str, str, str]]:
    """(month 2025-08, insurance, state) rows by month, then insurance in the order paid."""
    return [(f"{m[:4]}-{m[4:]}", kind, state) for m, kind, _base, state in _payments(f)]


def si_dash(doc: Doc, rng: random.Random) -> Rendered:
    """A 社保 print (portrait, Hei): the title, 证件号码 and 姓名 on one line, 单位名称 under it,
    a table with every other row striped grey (费款所属期 2025-08 | 险种类型 | 缴费状态), the
    agency's seal over its name and a dashed date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.4)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    cv.centered(w / 2, 160, title, "hei", fit("hei", 46, title, w - 200, 30), INK, body=False)
    vk = face("hei", f["name"], f["work_unit"])
    x = cv.text((100, 250), "姓名：", "hei", 28, GREY)
    name_end = cv.text((x + 6, 250), f["name"], face(vk, f["name"]), 30)
    x = cv.text((max(name_end + 60, 560), 250), "证件号码：", "hei", 28, GREY)
    cv.text((x + 6, 250), f["id_number"], "hei", fit("hei", 30, f["id_number"], w - 110 - x, 26))
    x = cv.text((100, 310), "单位名称：", "hei", 28, GREY)
    unit = f["work_unit"]
    uk = face(vk, unit)
    cv.text((x + 6, 310), unit, uk, fit(uk, 30, unit, w - 110 - x, 26))
    rows = dash_rows(f)
    rh = min(52.0, 1050.0 / max(1, len(rows) + 1))
    size = max(24, min(28, int(rh * 0.6)))
    x0, x1 = 100.0, w - 100.0
    cols = (x0 + 20, x0 + 330, x0 + 760)
    top = 360.0
    d.line((x0, top, x1, top), fill=INK, width=2)
    for cx, head in zip(cols, ("费款所属期", "险种类型", "缴费状态"), strict=True):
        cv.text((cx, top + rh * 0.72), head, "hei", size, GREY)
    y = top + rh
    d.line((x0, y, x1, y), fill=INK, width=2)
    for i, row in enumerate(rows):
        if i % 2:
            d.rectangle((x0, y + 1, x1, y + rh - 1), fill=(240, 240, 240))
        for cx, cell in zip(cols, row, strict=True):
            cv.text((cx, y + rh * 0.72), cell, "hei", size)
        y += rh
    d.line((x0, y, x1, y), fill=INK, width=2)
    agency = f["agency"]
    ak = face("hei", agency)
    sign_off(img, cv, rng, [agency, f["print_date"]], x1, min(y + 110, h - 140), ak,
             fit(ak, 28, agency, 560, 26), agency, radius=110, lead=52)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_dash_pdf(fields: dict[str, str]) -> bytes:
    """The print scanned back to PDF (portrait, no text layer)."""
    from PIL import Image

    from lab.synth.families_6 import scan_pdf

    rng = random.Random(f"si-dash/{fields['id_number']}/{fields['print_date']}")
    page = si_dash(Doc("social_insurance", fields), rng).image
    return scan_pdf(page.resize((992, 1403), Image.Resampling.LANCZOS), rng)


# --------------------------------------------------------------------------------------------
# Registration

HELD_OUT = (
    ("probation_cert", "mingrule", probation_mingrule, None,
     "Ming ruled table (姓名, 公民身份号码, 用人单位, 所在科室, 试用期 in 年月日 …至…, 考核等次), "
     "a sentence, seal over the unit and a date in 年月日"),
    ("practice_period_cert", "ruledform", practice_period_ruledform, None,
     "Serif ruled label/value table (姓名, 证件号码, 单位名称, 执业类别, 考核周期 ISO, "
     "考核结果), 单位意见 paragraph, seal over the unit and an ISO date"),
    ("pledge", "heitext", pledge_heitext, None,
     "Hei 承诺书: the particulars in running text (本人…，身份证号码…，系…专业应届毕业生), the "
     "promise in a second paragraph, 承诺人 in blue-black and a handwritten dotted date; no seal"),
    ("licence", "heiruled", licence_heiruled, None,
     "portrait Hei licence: a ruled table (有效期限 自…至… padded), 诊疗科目 two to a row under "
     "a rule, seal over the issuer and a dotted date"),
    ("mentorship_cert", "sentence", mentorship_sentence, None,
     "portrait Serif certificate: photo top centre, the particulars in one sentence (姓名, "
     "性别, 身份证号, 专长内容), 证书编号 under it, seal over the issuer and a date in 年月日"),
    ("assistant_qualification", "mingtable", qualification_mingtable, None,
     "Ming certificate: photo centred under the title, a four-cell ruled table (姓名 | 性别, "
     "身份证件号, 资格类别 | 资格级别, 证书编码, 签发日期 in 年月日); seal over the authority"),
    ("assistant_practice", "sans", practice_sans, None,
     "portrait Sans page: photo top right, grey label：value lines (姓名 … 主要执业机构, "
     "证书编码, 注册日期 dotted), seal over 发证机关"),
    ("diploma", "hanzidate", diploma_hanzidate, None,
     "portrait Serif diploma: photo left of the running text (于2011年9月入学，2014年7月在…"
     "修业期满), 校（院）长 printed, seal over the school and the date in hanzi, 证书编号 at the "
     "foot"),
    ("degree", "kai", degree_kai, None,
     "portrait degree: 证书编号 top left, photo top right, Song title, the sentence in Kai 40 "
     "(birth date in 年月日, 依照《中华人民共和国学位条例》…授予医学…学位), 主席 printed, seal "
     "and a date in 年月日"),
    ("diploma_record", "ruledcells", record_quad, record_quad_pdf,
     "Serif 备案表: photo right of the title, a four-cell ruled table (two pairs a row where "
     "they fit, ISO dates), 在线验证码, 有效期至 and 更新日期 under it; PDF born-digital with a "
     "text layer in ruled cells"),
    ("social_insurance", "dash", si_dash, si_dash_pdf,
     "Hei print: 姓名 and 证件号码 on one line, 单位名称 under, a table striped grey every other "
     "row (费款所属期 2025-08 | 险种类型 | 缴费状态), seal over the agency and an ISO date; PDF a "
     "portrait scan without text layer"),
)  # fmt: skip
