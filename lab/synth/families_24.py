"""A twenty-fourth layout family per material (issue 15, twenty-second round): other issuers,
held out.

Every family of the earlier modules has been run and looked at (`families.LOOKED_AT`), so these
are the new *held-out* ones, written without running the readers on them and never adjusted to
suit the readers. This round covers every material: a
Hei probation proof in running text that ends in 准予转正, a Song practice-period form whose
result stands in the 单位意见 box under a 科室意见 box, a Kai pledge whose particulars run in
its first sentence, a Hei licence whose subjects stand in a ruled box and whose validity reads
自…起至…止, a certificate keyed by 持证人 with its seal centred at the foot, a Hei
qualification certificate of centred lines, a Ming practice certificate with hanzi dates, a Kai
diploma whose number stands above the title, a Ming degree numbered top right and sealed once
over a hanzi date, a Song 备案表 of three cells a row with cn dates, and a Sans 社保 print
whose header is a ruled grid and whose months read 费款所属期 2025年08月.
Every value the material's checks compare is printed whole, exactly as the form's truth holds
it; a typeface lacking a character of a value gives way to Noto.
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
    scrawl,
    sign_off,
)
from lab.synth.render import INK, Canvas, Doc, Rendered, draw_stamp, font, iso, paper

#: the grey of a label cell
BAND = (236, 236, 238)


def _lines(
    cv: Canvas,
    rows: list[tuple[str, str]],
    x0: float,
    x1: float,
    y: float,
    lk: str,
    vk: str,
    size: int,
    lead: float,
    fill: tuple[int, int, int] = INK,
    floor: int = 26,
) -> float:
    """label：value lines from x0, each value fitted to x1; returns the next y."""
    for label, value in rows:
        x = cv.text((x0, y), f"{label}：", lk, size, fill)
        k = face(vk, value)
        cv.text((x + 6, y), value, k, fit(k, size, value, x1 - x - 6, floor))
        y += lead
    return y


def _month(s: str) -> str:
    """2016-07 as 2016年7月."""
    d = iso(s + "-01")
    return f"{d.year}年{d.month}月"


# --------------------------------------------------------------------------------------------
# 试用期考核证明: running text ending in 准予转正


def probation_confirm(doc: Doc, rng: random.Random) -> Rendered:
    """A probation proof (portrait, Hei at 32) as a hospital's 人事科 writes it when a new
    employee is confirmed: the title, one paragraph (…，…，公民身份号码…，于2024年9月1日到
    我院工作，试用期自2024年9月1日起至2025年8月31日止。试用期满，经所在科室及人事科考核，考核
    结果为合格，准予转正。), 特此证明, then the unit's name over a dotted date under its
    seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 253, 250), rng, 0.4)
    cv = Canvas(img)
    cv.centered(w / 2, 210, "试用期考核证明", "hei", 58, INK, spacing=10, body=False)
    start, end = fmt_date(f["period_start"], "cn"), fmt_date(f["period_end"], "cn")
    unit = f["work_unit"]
    verdict = "准予转正" if f["result"] != "不合格" else "暂不予转正"
    text = (
        f"{f['name']}，{f['gender']}，公民身份号码{f['id_number']}，于{start}到{unit}工作，"
        f"试用期自{start}起至{end}止。试用期满，经所在科室及人事科考核，考核结果为"
        f"{f['result']}，{verdict}。"
    )
    vk = face("hei", *f.values())
    keep = (f["name"], f["id_number"], unit, start, end, f["result"])
    x0, x1 = 130.0, w - 130.0
    y = paragraph(cv, text, keep, x0, x1, 400, vk, 32, 76)
    cv.text((x0 + 64, y + 20), "特此证明。", "hei", 32)
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "dot")], x1, y + 230, vk,
             fit(vk, 32, unit, 640, 26), unit, radius=122, lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# 执业期考核证明: a ruled form, the result in the 单位意见 box


def practice_period_verdicts(doc: Doc, rng: random.Random) -> Rendered:
    """A practice-period proof (portrait, Song/Serif) as a ruled form: rows (姓名 | 性别;
    身份证件号码; 执业类别; 执业单位; 考核周期), then a 科室意见 box (同意。 and a signature) and
    a 单位意见 box (经考核，该同志本周期定期考核结果为： and the grade in bold) with the unit's
    seal over its name and a pad date inside."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 254, 251), rng, 0.4)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 200, "执业期考核证明", "serif_bold", 60, INK, spacing=12, body=False)
    span = f"{fmt_date(f['period_start'], 'dot')}—{fmt_date(f['period_end'], 'dot')}"
    rows = [
        ("姓　　名", f["name"], "性　　别", f["gender"]),
        ("身份证件号码", f["id_number"]),
        ("执业类别", f["practice_category"]),
        ("执业单位", f["work_unit"]),
        ("考核周期", span),
    ]
    x0, x1 = 100.0, w - 100.0
    vk = face("serif", *f.values())
    y = ruled_table(cv, rows, x0, x1, 290, 96, 250, "serif", 30, vk, 32, mid=x0 + 640,
                    lw2=170, width=2)  # fmt: skip
    d.rectangle((x0, y, x1, y + 220), outline=INK, width=2)
    d.line((x0 + 250, y, x0 + 250, y + 220), fill=INK, width=2)
    cv.text((x0 + 20, y + 124), "科室意见", "serif", 30)
    cv.text((x0 + 280, y + 90), "同意。", "serif", 32)
    cv.text((x1 - 420, y + 180), "科主任签字：", "serif", 28)
    scrawl(d, x1 - 240, y + 170, rng, 150)
    top = y + 220
    d.rectangle((x0, top, x1, top + 420), outline=INK, width=2)
    d.line((x0 + 250, top, x0 + 250, top + 420), fill=INK, width=2)
    cv.text((x0 + 20, top + 224), "单位意见", "serif", 30)
    x = cv.text((x0 + 280, top + 90), "经考核，该同志本周期定期考核结果为：", "serif", 30)
    cv.text((x + 6, top + 92), f["result"], "serif_bold", 36)
    unit = f["work_unit"]
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "pad")], x1 - 40, top + 260, vk,
             fit(vk, 30, unit, 560, 26), unit, radius=118, lead=60)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# 承诺书: the particulars run in the first sentence, Kai


def pledge_kaiprose(doc: Doc, rng: random.Random) -> Rendered:
    """A pledge (portrait, Kai at 32) as a medical school's 学生处 prints it: the title, the
    particulars in the opening sentence (本人…，身份证号码：…，系…（学校）…专业应届毕业生，…),
    numbered promises as running lines, then 承诺人（签字）： with the name written by hand in
    blue-black and the date written by hand as 2026年1月17日; no seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 254, 250), rng, 0.3)
    cv = Canvas(img)
    cv.centered(w / 2, 210, "承诺书", "kai", 72, INK, spacing=36, body=False)
    g = iso(f["expected_graduation"] + "-01")
    vk = face("kai", *f.values())
    x0, x1 = 120.0, w - 120.0
    text = (
        f"本人{f['name']}，身份证号码：{f['id_number']}，系{f['school']}{f['major']}专业"
        f"应届毕业生，预计于{g.year}年{g.month}月毕业。本人自愿报名参加医师资格考试，现承诺"
        "如下："
    )
    keep = (f["name"], f["id_number"], f["school"], f["major"])
    y = paragraph(cv, text, keep, x0, x1, 360, vk, 32, 72)
    promises = (
        "一、本人提交的报名信息和材料真实、准确、完整；",
        f"二、本人将于{g.year}年{g.month}月31日前取得毕业证书并交考点审核；",
        "三、如未按期取得毕业证书，本人自愿放弃本次考试资格及成绩，并承担一切后果。",
    )
    for line in promises:
        y = paragraph(cv, line, (), x0, x1, y + 20, "kai", 32, 72)
    y = max(y + 150, 1200.0)
    name = f["name"]
    x = cv.text((w / 2 - 60, y), "承诺人（签字）：", "kai", 32)
    cv.text((x + 10, y + 8), name, face("kai", name), 54, BLUE_BLACK)
    dt = iso(f["date"])
    x = cv.text((w / 2 - 60, y + 110), "日　　期：", "kai", 32)
    cv.text((x + 10, y + 116), f"{dt.year}年{dt.month}月{dt.day}日", "kai", 44, BLUE_BLACK)
    return Rendered(img, None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# 医疗机构执业许可证: the subjects in a ruled box, validity 自…起至…止


def licence_subjectbox(doc: Doc, rng: random.Random) -> Rendered:
    """A licence (portrait, Hei at 30) from a city 卫健委: the title, label：value lines (机构
    名称, 地址, 法定代表人, 主要负责人, 登记号), 有效期限 自2021年07月01日起至2026年06月30日止,
    then 诊疗科目 as a caption over a ruled box holding the subjects set as words parted by
    wide spaces and wrapped whole, the seal over the issuer and a hanzi date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 252, 248), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 190, "医疗机构执业许可证", "hei", 62, INK, spacing=6, body=False)
    vk = face("hei", *f.values())
    x0, x1 = 110.0, w - 110.0
    valid = f"自{fmt_date(f['valid_from'], 'pad')}起至{fmt_date(f['valid_until'], 'pad')}止"
    rows = [("机构名称", f["work_unit"]), ("地　　址", f["address"]),
            ("法定代表人", f["legal_rep"]), ("主要负责人", f["head"]),
            ("登 记 号", f["registration_number"]), ("有效期限", valid)]  # fmt: skip
    y = _lines(cv, rows, x0, x1, 310, "hei", vk, 30, 70)
    cv.text((x0, y + 10), "诊疗科目", "hei", 30)
    subjects = f["subjects"].split("；")
    sk = face(vk, *subjects)
    size = 30
    top = y + 40
    x, yy = x0 + 24, top + 60
    for s in subjects:
        width = font(sk, size).getlength(s)
        if x > x0 + 24 and x + width > x1 - 24:
            x, yy = x0 + 24, yy + 58
        cv.text((x, yy), s, sk, fit(sk, size, s, x1 - x0 - 48, 26))
        x += width + 56
    bottom = yy + 36
    d.rectangle((x0, top, x1, bottom), outline=INK, width=2)
    issuer = f["issuer"]
    ik = face("hei", issuer)
    sign_off(img, cv, rng, [issuer, fmt_date(f["issue_date"], "hanzi")], x1,
             min(bottom + 170, h - 200), ik, fit(ik, 30, issuer, 640, 26), issuer,
             radius=122, lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "licence")


# --------------------------------------------------------------------------------------------
# 确有专长/出师 certificate: keyed by 持证人, sealed at the centre of the foot


def mentorship_holder(doc: Doc, rng: random.Random) -> Rendered:
    """A certificate (portrait, Song/Serif): 证书编号 top right, the title, the photo top left,
    label：value lines keyed 持证人 (持证人, 性别, 身份证件号码, 专长领域 or 出师专业), a
    statement, then the issuer's name centred at the foot over a hanzi date, the seal over
    both."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 252, 246), rng, 0.5)
    cv = Canvas(img)
    num = f"证书编号：{f['cert_number']}"
    cv.text((w - 120 - font("serif", 28).getlength(num), 120), num, "serif", 28)
    title = f.get("title") or "传统医学医术确有专长证书"
    cv.centered(w / 2, 230, title, "serif_bold", fit("serif_bold", 54, title, w - 200, 36), INK,
                body=False)  # fmt: skip
    _portrait(img, doc, (130, 300, 330, 550), (240, 240, 236))
    taught = "师承" in title or "出师" in title
    vk = face("serif", *f.values())
    rows = [("持 证 人", f["name"]), ("性　　别", f["gender"]),
            ("身份证件号码", f["id_number"]),
            ("出师专业" if taught else "专长领域", f["major"])]  # fmt: skip
    y = _lines(cv, rows[:2], 380, w - 120, 380, "serif", vk, 32, 80)
    y = _lines(cv, rows[2:], 130, w - 120, max(y, 640), "serif", vk, 32, 80)
    what = "出师考核" if taught else "医术确有专长考核"
    text = f"该同志经{what}合格，特发此证。"
    y = paragraph(cv, text, (), 130, w - 130, y + 60, "serif", 32, 70)
    issuer = f["issuer"]
    ik = face("serif", issuer)
    size = fit(ik, 32, issuer, 800, 26)
    top = max(y + 260, 1350.0)
    cv.centered(w / 2, top, issuer, ik, size)
    cv.centered(w / 2, top + 62, fmt_date(f["issue_date"], "hanzi"), "serif", 32)
    draw_stamp(img, (w / 2 + rng.uniform(-40, 40), top + 10), 120, issuer, rng)
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 医师资格证书: centred lines


def qualification_midline(doc: Doc, rng: random.Random) -> Rendered:
    """A qualification certificate (portrait, Hei at 32): the title, the photo top centre,
    then label：value lines each centred on the page (姓名, 性别, 出生日期, 身份证号, 资格级别,
    资格类别, 证书编码), a line 经国家医师资格考试合格，取得医师资格。, the authority's seal over
    its name and a pad date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 251, 246), rng, 0.5)
    cv = Canvas(img)
    cv.centered(w / 2, 200, "医师资格证书", "hei", 64, INK, spacing=20, body=False)
    _portrait(img, doc, (int(w / 2 - 100), 270, int(w / 2 + 100), 520), (238, 238, 240))
    vk = face("hei", *f.values())
    rows = [("姓名", f["name"]), ("性别", f["gender"]),
            ("出生日期", fmt_date(f["birth_date"], "pad")), ("身份证号", f["id_number"]),
            ("资格级别", f["qualification"]), ("资格类别", f["qual_category"]),
            ("证书编码", f["qualification_number"])]  # fmt: skip
    y = 630.0
    for label, value in rows:
        line = f"{label}：{value}"
        k = face(vk, line)
        cv.centered(w / 2, y, line, k, fit(k, 32, line, w - 240, 26))
        y += 78
    cv.centered(w / 2, y + 30, "经国家医师资格考试合格，取得医师资格。", "hei", 30)
    authority = health_authority(iso(f["issue_date"]))
    sign_off(img, cv, rng, [authority, fmt_date(f["issue_date"], "pad")], w - 130, y + 200,
             "hei", fit("hei", 32, authority, 700, 26), authority, radius=120,
             lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


# --------------------------------------------------------------------------------------------
# 医师执业证书: Ming, hanzi dates


def practice_hanzireg(doc: Doc, rng: random.Random) -> Rendered:
    """A practice certificate (portrait, Ming at 30) as the older paper issue: the title, the
    photo top left with 执业证书编码 under it, label：value lines (姓　　名, 性　　别, 出生日期,
    身份证件号码, 医师级别, 执业类别, 执业范围, 执业机构, 注册日期 in hanzi 二〇一八年六月二十一日),
    the issuer's seal over 发证机关."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 250, 244), rng, 0.5)
    cv = Canvas(img)
    cv.centered(w / 2, 200, "医师执业证书", "ming", 64, INK, spacing=18, body=False)
    _portrait(img, doc, (130, 270, 330, 520), (236, 236, 236))
    cv.text((130, 570), "执业证书编码", "ming", 28, GREY)
    num = f["practice_number"]
    cv.text((130, 614), num, "ming", fit("ming", 30, num, 440, 28))
    vk = face("ming", *f.values())
    rows = [("姓　　名", f["name"]), ("性　　别", f["gender"]),
            ("出生日期", fmt_date(f["birth_date"], "hanzi")),
            ("身份证件号码", f["id_number"])]  # fmt: skip
    y = _lines(cv, rows, 400, w - 110, 330, "ming", vk, 30, 72, floor=28)
    rows = [("医师级别", f["practice_level"]), ("执业类别", f["practice_category"]),
            ("执业范围", f["scope"]), ("执业机构", f["work_unit"]),
            ("注册日期", fmt_date(f["registration_date"], "hanzi"))]  # fmt: skip
    y = _lines(cv, rows, 130, w - 110, max(y, 700), "ming", vk, 30, 76, floor=28)
    issuer = f["issuer"]
    ik = face("ming", issuer)
    sign_off(img, cv, rng, [f"发证机关：{issuer}"], w - 120, y + 160, ik,
             fit(ik, 30, f"发证机关：{issuer}", 800, 28), issuer, radius=120)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# 毕业证书: the number above the title; 学位证书: numbered top right, one seal


def diploma_kaiterm(doc: Doc, rng: random.Random) -> Rendered:
    """A diploma (portrait, Kai at 34): 证书编号 above the title on the right, the title, the
    photo on the left, the running text beside and under it (…，…，…生，于2013年9月入学，
    在本校…专业…年制学习，于2016年7月毕业，成绩合格，准予毕业。), 校（院）长 with the printed
    name, the school's seal over its name and a dotted date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (251, 248, 240), rng, 0.6)
    cv = Canvas(img)
    num = f"证书编号：{f['diploma_number']}"
    cv.text((w - 130 - font("kai", 30).getlength(num), 140), num, "kai", 30)
    cv.centered(w / 2, 270, "毕业证书", "kai", 84, INK, spacing=40, body=False)
    _portrait(img, doc, (140, 340, 340, 590), (234, 234, 230))
    vk = face("kai", *f.values())
    born = fmt_date(f["birth_date"], "cn")
    start, end = _month(f["enrol"]), _month(f["graduation"])
    text = (
        f"学生{f['name']}，性别{f['gender']}，{born}生，于{start}入学，在本校{f['major']}专业"
        f"{f['years']}年制学习，于{end}毕业，成绩合格，准予毕业。"
    )
    keep = (f["name"], born, start, end, f["major"])
    y = paragraph(cv, text, keep, 140, w - 140, 690, vk, 34, 80)
    principal = f.get("principal") or ""
    if principal:
        pk = face("kai", principal)
        cv.text((140, y + 120), f"校（院）长：{principal}", pk, 32)
    school = f["school"]
    sk = face("kai", school)
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "dot")], w - 140, y + 260, sk,
             fit(sk, 34, school, 640, 28), school, radius=125, lead=66)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "diploma")


def degree_topno(doc: Doc, rng: random.Random) -> Rendered:
    """A degree certificate (portrait, Ming at 32): 证书编号 small at the top right, the
    title, the photo top left, the sentence (…，…，…生。在…专业完成了本科学业，成绩合格，经审核
    准予学士学位，授予医学学士学位。), 校长 and 学位评定委员会主席 printed on the left, the
    school's seal over its name and a hanzi date on the right."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 252, 247), rng, 0.5)
    cv = Canvas(img)
    num = f"证书编号：{f['degree_number']}"
    cv.text((w - 120 - font("ming", 28).getlength(num), 120), num, "ming", 28)
    level = f["degree_level"]
    cv.centered(w / 2, 250, "学位证书", "ming", 80, INK, spacing=34, body=False)
    _portrait(img, doc, (140, 320, 340, 570), (238, 238, 234))
    field = "理学" if "护理" in f["major"] else "医学"
    school = f["school"]
    born = fmt_date(f["birth_date"], "cn")
    degree = f"{field}{level}学位"
    stage = "博士研究生" if level == "博士" else ("硕士研究生" if level == "硕士" else "本科")
    text = (
        f"{f['name']}，{f['gender']}，{born}生。在{school}{f['major']}专业完成了{stage}学业，"
        f"成绩合格，经本校学位评定委员会审核，授予{degree}。"
    )
    vk = face("ming", *f.values())
    keep = (f["name"], school, f["major"], born, degree)
    y = paragraph(cv, text, keep, 130, w - 130, 700, vk, 32, 74)
    top = max(y + 200, 1250.0)
    chair = f.get("chair") or ""
    if chair:
        ck = face("ming", chair)
        cv.text((130, top), f"学位评定委员会主席：{chair}", ck, 30)
    sk = face("ming", school)
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "hanzi")], w - 130, top + 90, sk,
             fit(sk, 30, school, 520, 28), school, radius=118, lead=60)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表: three cells a row, cn dates, born-digital PDF


def triple_cells(f: dict[str, str]) -> list[tuple[str, str]]:
    """This layout's (label, value) cells in print order; dates cn (2016年7月1日)."""
    cn = "cn"
    return [
        ("姓名", f["name"]), ("性别", f["gender"]), ("出生日期", fmt_date(f["birth_date"], cn)),
        ("身份证号", f["id_number"]), ("学历层次", f["record_level"]),
        ("学历类别", f["record_category"]),
        ("院校名称", f["school"]), ("专业", f["major"]), ("学制", f["years"]),
        ("入学日期", fmt_date(f["enrol_date"], cn)),
        ("毕（结）业日期", fmt_date(f["graduation_date"], cn)),
        ("校（院）长姓名", f.get("principal") or ""),
        ("证书编号", f["diploma_number"]), ("在线验证码", f["verification_code"]),
        ("有效期至", fmt_date(f["valid_until"], cn)),
    ]  # fmt: skip


TRIPLE_NOTE = "本表在有效期内可凭在线验证码于学信网查询，更新日期："


def record_triple(doc: Doc, rng: random.Random) -> Rendered:
    """A 备案表 (portrait, Song/Serif) printed from 学信网: the title, then three cells a row,
    each a grey label band over its value (the school and the number in wider cells), dates
    cn (2016年7月1日), 更新日期 in the note at the foot."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.3)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    cv.centered(w / 2, 180, title, "serif_bold", fit("serif_bold", 50, title, w - 200, 30),
                INK, body=False)  # fmt: skip
    vk = face("serif", *f.values())
    x0, x1 = 90.0, w - 90.0
    cw, ch = (x1 - x0) / 3, 130.0
    y = 250.0
    for i, (label, value) in enumerate(triple_cells(f)):
        r, c = divmod(i, 3)
        xa, ya = x0 + c * cw, y + r * ch
        d.rectangle((xa, ya, xa + cw, ya + 48), fill=BAND)
        d.rectangle((xa, ya, xa + cw, ya + ch), outline=RULE, width=2)
        cv.text((xa + 14, ya + 36), label, "serif", 26, GREY)
        if value:
            k = face(vk, value)
            cv.text((xa + 14, ya + 104), value, k, fit(k, 30, value, cw - 28, 26))
    bottom = y + 5 * ch
    note = f"{TRIPLE_NOTE}{fmt_date(f['update_date'], 'cn')}"
    cv.text((x0, bottom + 60), note, "serif", fit("serif", 26, note, x1 - x0, 26), GREY)
    return Rendered(img, None, cv.min_glyph, "diploma_record")


def record_triple_pdf(fields: dict[str, str]) -> bytes:
    """The 备案表 as downloaded: a born-digital PDF with a text layer, three cells a row."""
    from lab.synth import pdfdoc
    from lab.synth.families_edu import FIXED_DATE

    title = fields["title"]
    cells = triple_cells(fields)
    note = f"{TRIPLE_NOTE}{fmt_date(fields['update_date'], 'cn')}"
    texts = [title, *(t for c in cells for t in c), note]
    pdf = pdfdoc._new_pdf(title, FIXED_DATE, texts)
    pdf.set_font("noto", size=15)
    pdf.set_xy(15, 14)
    pdf.cell(180, 10, title, align="C")
    y = 30.0
    for i, (label, value) in enumerate(cells):
        r, c = divmod(i, 3)
        x, yy = 15 + c * 60, y + r * 16
        pdf.rect(x, yy, 60, 16)
        pdf.set_font("noto", size=7)
        pdf.set_xy(x + 2, yy + 1)
        pdf.cell(56, 4, label)
        pdf.set_font("noto", size=9)
        pdf.set_xy(x + 2, yy + 7)
        pdf.cell(56, 6, value)
    pdf.set_font("noto", size=8)
    pdf.set_xy(15, y + 5 * 16 + 6)
    pdf.cell(180, 5, note)
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 社会保险: a ruled header grid, months 费款所属期 2025年08月


def belong_rows(f: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(费款所属期 2025年08月, 险种, 缴费基数, 缴费状态) per payment, as stored."""
    return [(f"{m[:4]}年{m[4:]}月", kind, base, state) for m, kind, base, state in _payments(f)]


BELONG_HEADS = ("费款所属期", "险种", "缴费基数", "缴费状态")
BELONG_NOTE = "备注：本证明可通过本地社保经办机构网上服务大厅核验。"


def si_belong(doc: Doc, rng: random.Random) -> Rendered:
    """A 社保 print (portrait, Sans at 26+) from a city 社保 hall: the title, a ruled header
    grid of grey labels over values (姓名 | 身份证件号码 | 单位名称), a table one row per month
    and insurance (费款所属期 2025年08月 | 险种 | 缴费基数 | 缴费状态), a 备注, the agency's
    seal over its name and a cn date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.3)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    cv.centered(w / 2, 150, title, "sans_bold", fit("sans_bold", 46, title, w - 200, 30), INK,
                body=False)  # fmt: skip
    x0, x1 = 90.0, w - 90.0
    head = [("姓名", f["name"], 0.2), ("身份证件号码", f["id_number"], 0.34),
            ("单位名称", f["work_unit"], 0.46)]  # fmt: skip
    xs = [x0]
    for *_, frac in head:
        xs.append(xs[-1] + (x1 - x0) * frac)
    top = 210.0
    d.rectangle((x0, top, x1, top + 48), fill=BAND)
    for i, (label, value, _) in enumerate(head):
        cv.text((xs[i] + 10, top + 36), label, "sans", 26, GREY)
        k = face("sans", value)
        cv.text((xs[i] + 10, top + 104), value, k, fit(k, 28, value, xs[i + 1] - xs[i] - 20, 26))
    for x in xs:
        d.line((x, top, x, top + 130), fill=INK, width=2)
    d.rectangle((x0, top, x1, top + 130), outline=INK, width=2)
    pays = belong_rows(f)
    widths = (250.0, 470.0, 200.0, x1 - x0 - 920.0)
    t = top + 170
    rh = min(50.0, 1000.0 / (len(pays) + 1))
    for i, row in enumerate((BELONG_HEADS, *pays)):
        x = x0
        if i == 0:
            d.rectangle((x0, t, x1, t + rh), fill=BAND)
        for wd, cell in zip(widths, row, strict=True):
            kind = "sans_bold" if i == 0 else "sans"
            cv.text((x + 10, t + i * rh + rh * 0.72), cell, kind, fit(kind, 26, cell, wd - 16, 26))
            x += wd
        d.line((x0, t + (i + 1) * rh, x1, t + (i + 1) * rh), fill=RULE, width=1)
    bottom = t + (len(pays) + 1) * rh
    d.rectangle((x0, t, x1, bottom), outline=INK, width=2)
    cv.text((x0, bottom + 50), BELONG_NOTE, "sans", 26, GREY)
    agency = f["agency"]
    sign_off(img, cv, rng, [agency, fmt_date(f["print_date"], "cn")], x1,
             min(bottom + 160, h - 130), "sans", fit("sans", 28, agency, 560, 26), agency,
             radius=110, lead=52)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_belong_pdf(fields: dict[str, str]) -> bytes:
    """The print as downloaded from the hall: a born-digital PDF with a text layer."""
    from lab.synth import pdfdoc
    from lab.synth.families_edu import FIXED_DATE

    title = fields["title"]
    labels = ("姓名", "身份证件号码", "单位名称")
    values = (fields["name"], fields["id_number"], fields["work_unit"])
    rows = belong_rows(fields)
    foot = f"{fields['agency']}  {fmt_date(fields['print_date'], 'cn')}"
    texts = [title, *labels, *values, *BELONG_HEADS, *(" ".join(r) for r in rows), BELONG_NOTE,
             foot]  # fmt: skip
    pdf = pdfdoc._new_pdf(title, FIXED_DATE, texts)
    pdf.set_font("noto", size=14)
    pdf.set_xy(15, 12)
    pdf.cell(180, 10, title, align="C")
    y = 26.0
    for wd, label, value in zip((36, 60, 84), labels, values, strict=True):
        x = pdf.get_x() if label != "姓名" else 15
        pdf.set_font("noto", size=7)
        pdf.set_xy(x, y)
        pdf.cell(wd, 5, label, border="LTR")
        pdf.set_font("noto", size=9)
        pdf.set_xy(x, y + 5)
        pdf.cell(wd, 7, value, border="LBR")
        pdf.set_xy(x + wd, y)
    y += 16
    pdf.set_font("noto", size=8)
    for row in (BELONG_HEADS, *rows):
        pdf.set_xy(15, y)
        for wd, cell in zip((35, 75, 35, 35), row, strict=True):
            pdf.cell(wd, 5.5, cell, border=1)
        y += 5.5
    pdf.set_xy(15, y + 4)
    pdf.cell(180, 5, BELONG_NOTE)
    pdf.set_font("noto", size=10)
    pdf.set_xy(15, y + 14)
    pdf.cell(180, 6, foot)
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# Registration

HELD_OUT = (
    ("probation_cert", "confirm", probation_confirm, None,
     "Hei proof in running text (…，公民身份号码…，于…到…工作，试用期自…起至…止 … 考核结果为…，"
     "准予转正。), 特此证明, seal over the unit and a dotted date"),
    ("practice_period_cert", "verdicts", practice_period_verdicts, None,
     "Serif ruled form (姓名 | 性别; 身份证件号码; 执业类别; 执业单位; 考核周期 dotted …—…), a "
     "科室意见 box with a signature, the grade in bold in the 单位意见 box under its seal"),
    ("pledge", "kaiprose", pledge_kaiprose, None,
     "Kai 承诺书: the particulars in the opening sentence (本人…，身份证号码：…，系…专业应届毕业"
     "生), numbered promises, 承诺人（签字） and a cn date by hand in blue-black; no seal"),
    ("licence", "subjectbox", licence_subjectbox, None,
     "Hei licence: label lines (机构名称 … 登记号), 有效期限 自…起至…止 (padded 年月日), the "
     "subjects set whole in a ruled box under 诊疗科目, seal and a hanzi date"),
    ("mentorship_cert", "holder", mentorship_holder, None,
     "Serif certificate: 证书编号 top right, photo top left, lines keyed 持证人 / 身份证件号码, "
     "a statement, the issuer centred at the foot over a hanzi date under its seal"),
    ("assistant_qualification", "midline", qualification_midline, None,
     "Hei certificate: photo top centre, label：value lines each centred on the page (身份证号, "
     "资格级别, 资格类别, 证书编码), seal over the authority and a padded date"),
    ("assistant_practice", "hanzireg", practice_hanzireg, None,
     "Ming paper certificate: photo top left with 执业证书编码 under it, label lines (身份证件"
     "号码, 医师级别, 执业机构), 注册日期 in hanzi, seal over 发证机关：…"),
    ("diploma", "kaiterm", diploma_kaiterm, None,
     "Kai diploma: 证书编号 above the title on the right, photo left, running text …于…入学，"
     "在本校…专业…年制学习，于2016年7月毕业…, 校（院）长 printed, seal and a dotted date"),
    ("degree", "topno", degree_topno, None,
     "Ming degree: 证书编号 small top right, photo top left, the sentence (…经本校学位评定委员会"
     "审核，授予医学学士学位。), the chair printed left, one seal over the school and a hanzi "
     "date"),
    ("diploma_record", "triple", record_triple, record_triple_pdf,
     "Serif 备案表: three cells a row, a grey label band over each value, dates cn, 更新日期 in "
     "the foot note; PDF born-digital with a text layer"),
    ("social_insurance", "belong", si_belong, si_belong_pdf,
     "Sans print: a ruled header grid (姓名 | 身份证件号码 | 单位名称), a table per month and "
     "insurance (费款所属期 2025年08月 | 险种 | 缴费基数 | 缴费状态), a 备注, seal and a cn "
     "date; PDF born-digital with a text layer"),
)  # fmt: skip
