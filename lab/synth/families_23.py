"""A twenty-third layout family per material (issue 15, twenty-first round): other issuers,
held out.

Every family of the earlier modules has been run and looked at (`families.LOOKED_AT`), so these
are the new *held-out* ones, written without running the readers on them and never adjusted to
suit the readers. This round covers every material: a
Serif probation proof of label：value lines whose 考核结果 stands in a ruled box on the right, a
Song practice-period proof printed as a form whose blanks are filled on underlines, a Ming
pledge whose particulars stand in a ruled strip across the top, a Ming licence whose subjects
run on as one paragraph parted by ；, a certificate sealed bottom left with its 证书编号 bottom
right, a qualification certificate of grey labels and values parted by a vertical rule, a
practice certificate of label lines with ISO dates (主要执业机构, 公民身份号码), a diploma whose
校长 signs over the printed name, a degree sealed by both the school and its 学位评定委员会, a
备案表 of boxed cells with ISO dates, and a Song 社保 print keyed by 社会保障号码 with months
written 2025-08.
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
    scrawl,
    sign_off,
)
from lab.synth.render import INK, Canvas, Doc, Rendered, draw_stamp, font, iso, paper

#: the grey of a label cell
BAND = (234, 234, 236)


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
) -> float:
    """label：value lines from x0, each value fitted to x1; returns the next y."""
    for label, value in rows:
        x = cv.text((x0, y), f"{label}：", lk, size, fill)
        k = face(vk, value)
        cv.text((x + 6, y), value, k, fit(k, size, value, x1 - x - 6, 26))
        y += lead
    return y


# --------------------------------------------------------------------------------------------
# 试用期考核证明: label lines, the result in a ruled box on the right


def probation_resultbox(doc: Doc, rng: random.Random) -> Rendered:
    """A probation proof (portrait, Serif) from a hospital's personnel office: the title, a
    label：value list (姓　　名, 性　　别, 公民身份号码, 工作单位, 所在科室, 试用期限
    2024年09月01日至2025年08月31日), a ruled box on the right headed 考核结果 with the grade in
    it, a closing sentence, the seal over the unit and a padded date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 253, 250), rng, 0.4)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 210, "试用期考核证明", "serif_bold", 60, INK, spacing=14, body=False)
    vk = face("serif", *f.values())
    span = f"{fmt_date(f['period_start'], 'pad')}至{fmt_date(f['period_end'], 'pad')}"
    rows = [("姓　　名", f["name"]), ("性　　别", f["gender"]),
            ("公民身份号码", f["id_number"]), ("工作单位", f["work_unit"]),
            ("所在科室", f.get("department") or "临床科室"), ("试用期限", span)]  # fmt: skip
    x0, x1 = 120.0, w - 120.0
    bx = x1 - 250
    y = _lines(cv, rows[:3], x0, bx - 30, 360, "serif", vk, 32, 84)
    y = _lines(cv, rows[3:], x0, x1, y, "serif", vk, 32, 84)
    d.rectangle((bx, 300, x1, 560), outline=INK, width=3)
    d.line((bx, 370, x1, 370), fill=INK, width=2)
    cv.centered((bx + x1) / 2, 350, "考核结果", "serif", 30)
    cv.centered((bx + x1) / 2, 490, f["result"], "serif_bold", 48)
    text = "经科室考核、医院考核小组审定，该同志试用期考核结果如上。特此证明。"
    y = paragraph(cv, text, (), x0, x1, y + 60, "serif", 32, 70)
    unit = f["work_unit"]
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "pad")], x1, y + 200, "serif",
             fit("serif", 32, unit, 640, 26), unit, radius=122, lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# 执业期考核证明: a printed form, its blanks filled on underlines


def _blank(cv: Canvas, x: float, y: float, value: str, kind: str, size: int) -> float:
    """`value` typed on an underline a little wider than it; returns the x after it."""
    k = face(kind, value)
    width = font(k, size).getlength(value)
    cv.text((x + 14, y), value, k, size)
    cv.draw.line((x, y + 10, x + width + 28, y + 10), fill=INK, width=2)
    return x + width + 28


def practice_period_underscored(doc: Doc, rng: random.Random) -> Rendered:
    """A practice-period proof (portrait, Song/Serif) printed as a form with blanks, each
    value typed on its underline, one clause a line: 兹证明 ___ 同志，性别 ___，身份证件号码
    ___， 系我单位 ___ 类别医师，在 ___ 执业，于本考核周期（…至…）参加医师定期考核，考核结果为
    ___。 then 特此证明, the seal over the unit and a cn date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 254, 250), rng, 0.4)
    cv = Canvas(img)
    cv.centered(w / 2, 210, "执业期考核证明", "serif_bold", 60, INK, spacing=12, body=False)
    x0, x1 = 120.0, w - 120.0
    y = 380.0
    k, s = "serif", 32
    x = cv.text((x0 + 64, y), "兹证明", k, s)
    x = _blank(cv, x + 6, y, f["name"], k, 34)
    x = cv.text((x + 6, y), "同志，性别", k, s)
    x = _blank(cv, x + 6, y, f["gender"], k, 34)
    cv.text((x + 6, y), "，", k, s)
    y += 90
    x = cv.text((x0, y), "身份证件号码", k, s)
    x = _blank(cv, x + 6, y, f["id_number"], k, 34)
    cv.text((x + 6, y), "，", k, s)
    y += 90
    x = cv.text((x0, y), "系", k, s)
    x = _blank(cv, x + 6, y, f["practice_category"], k, 34)
    cv.text((x + 6, y), "类别医师，执业单位：", k, s)
    y += 90
    unit = f["work_unit"]
    _blank(cv, x0, y, unit, k, fit(face(k, unit), 34, unit, x1 - x0 - 40, 26))
    y += 90
    span = f"{fmt_date(f['period_start'], 'cn')}至{fmt_date(f['period_end'], 'cn')}"
    y = paragraph(cv, f"该同志于本考核周期（{span}）参加医师定期考核，", (span,), x0, x1, y, k, s,
                  90, indent=False)  # fmt: skip
    x = cv.text((x0, y), "考核结果为", k, s)
    x = _blank(cv, x + 6, y, f["result"], k, 34)
    cv.text((x + 6, y), "。", k, s)
    y += 90
    cv.text((x0 + 64, y), "特此证明。", k, s)
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "cn")], x1, y + 200, k,
             fit(face(k, unit), 32, unit, 640, 26), unit, radius=122, lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# 承诺书: the particulars in a ruled strip across the top


def pledge_headstrip(doc: Doc, rng: random.Random) -> Rendered:
    """A pledge (portrait, Ming at 30) as a school's 教务处 hands it out: the title, a ruled
    strip of grey labels over values across the top (姓名 | 证件号 ; 毕业院校 | 所学专业 | 预计
    毕业时间), a paragraph of promises in running text, then 承诺人签名 with the name written by
    hand in blue-black and the date written by hand (2026.1.17); no seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 253), rng, 0.3)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 200, "承诺书", "ming", 66, INK, spacing=30, body=False)
    g = iso(f["expected_graduation"] + "-01")
    vk = face("ming", *f.values())
    x0, x1 = 100.0, w - 100.0
    rows = [
        [("姓名", f["name"], 0.38), ("证件号", f["id_number"], 0.62)],
        [("毕业院校", f["school"], 0.42), ("所学专业", f["major"], 0.33),
         ("预计毕业时间", f"{g.year}年{g.month}月", 0.25)],
    ]  # fmt: skip
    y = 290.0
    for group in rows:
        xs = [x0]
        for *_, frac in group:
            xs.append(xs[-1] + (x1 - x0) * frac)
        d.rectangle((x0, y, x1, y + 50), fill=BAND)
        for i, (label, value, _) in enumerate(group):
            cv.text((xs[i] + 12, y + 36), label, "ming", 26, GREY)
            k = face(vk, value)
            cv.text((xs[i] + 12, y + 110), value, k, fit(k, 30, value, xs[i + 1] - xs[i] - 24, 26))
        for x in xs:
            d.line((x, y, x, y + 140), fill=INK, width=2)
        d.line((x0, y, x1, y), fill=INK, width=2)
        y += 140
    d.line((x0, y, x1, y), fill=INK, width=2)
    text = (
        "本人自愿报名参加医师资格考试，现郑重承诺：本人所填报的信息及提交的材料真实有效；"
        f"本人将于{g.year}年{g.month}月前取得毕业证书并按规定提交，如届时未能取得，本人自愿"
        "放弃本年度考试资格并承担由此产生的一切后果。"
    )
    y = paragraph(cv, text, (), x0, x1, y + 110, "ming", 30, 66)
    y = max(y + 140, 1150.0)
    name = f["name"]
    x = cv.text((w / 2, y), "承诺人签名：", "ming", 30)
    cv.text((x + 10, y + 6), name, face("kai", name), 52, BLUE_BLACK)
    dt = iso(f["date"])
    x = cv.text((w / 2, y + 110), "日　　期：", "ming", 30)
    cv.text((x + 10, y + 114), f"{dt.year}.{dt.month}.{dt.day}", "kai", 44, BLUE_BLACK)
    return Rendered(img, None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# 医疗机构执业许可证: the subjects run on as one paragraph


def licence_runon(doc: Doc, rng: random.Random) -> Rendered:
    """A licence (portrait, Ming at 30) from a district 卫健委: the title, 登记号 and 有效期限
    (2021年7月1日至2026年6月30日) right under it, label：value lines (机构名称, 地址, 法定代表人,
    主要负责人), 诊疗科目 followed by the subjects run on as one wrapped paragraph parted by ；
    (a subject never split over lines), then the seal over the issuer's name and a cn date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 251, 246), rng, 0.5)
    cv = Canvas(img)
    cv.centered(w / 2, 190, "医疗机构执业许可证", "ming", 62, INK, spacing=6, body=False)
    vk = face("ming", *f.values())
    x0, x1 = 110.0, w - 110.0
    valid = f"{fmt_date(f['valid_from'], 'cn')}至{fmt_date(f['valid_until'], 'cn')}"
    y = _lines(cv, [("登 记 号", f["registration_number"]), ("有效期限", valid)], x0, x1, 290,
               "ming", vk, 28, 56)  # fmt: skip
    cv.draw.line((x0, y - 20, x1, y - 20), fill=RULE, width=2)
    rows = [("机构名称", f["work_unit"]), ("地　　址", f["address"]),
            ("法定代表人", f["legal_rep"]), ("主要负责人", f["head"])]  # fmt: skip
    y = _lines(cv, rows, x0, x1, y + 50, "ming", vk, 30, 70)
    cv.text((x0, y), "诊疗科目：", "ming", 30)
    subjects = f["subjects"].split("；")
    sk = face(vk, *subjects)
    y = paragraph(cv, "；".join(subjects) + "。", tuple(subjects), x0 + 40, x1, y + 64, sk, 30,
                  58, indent=False)  # fmt: skip
    issuer = f["issuer"]
    ik = face("ming", issuer)
    sign_off(img, cv, rng, [issuer, fmt_date(f["issue_date"], "cn")], x1,
             min(y + 150, h - 220), ik, fit(ik, 32, issuer, 640, 26), issuer, radius=122,
             lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "licence")


# --------------------------------------------------------------------------------------------
# 确有专长/出师 certificate: sealed bottom left, the number bottom right


def mentorship_leftseal(doc: Doc, rng: random.Random) -> Rendered:
    """A certificate (portrait, Hei): the title, the photo top right, 姓名 / 性别 / 公民身份号码
    / 专长领域 (or 出师专业) lines on the left, a statement, then at the foot the issuer's name
    and an ISO date (2021-10-27) on the LEFT under its seal, 证书编号 on the right."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 252, 248), rng, 0.5)
    cv = Canvas(img)
    title = f.get("title") or "传统医学医术确有专长证书"
    cv.centered(w / 2, 200, title, "hei", fit("hei", 54, title, w - 200, 36), INK, body=False)
    _portrait(img, doc, (w - 330, 280, w - 130, 530), (238, 238, 238))
    taught = "师承" in title or "出师" in title
    vk = face("hei", *f.values())
    rows = [("姓　　名", f["name"]), ("性　　别", f["gender"]),
            ("公民身份号码", f["id_number"]),
            ("出师专业" if taught else "专长领域", f["major"])]  # fmt: skip
    y = _lines(cv, rows[:3], 120, w - 360, 360, "hei", vk, 30, 76)
    y = _lines(cv, rows[3:], 120, w - 120, max(y, 600), "hei", vk, 30, 76)
    what = "出师考核" if taught else "传统医学医术确有专长考核"
    text = f"经{what}合格，准予其以该专长从事相关医疗活动，特发此证。"
    y = paragraph(cv, text, (), 120, w - 120, y + 60, "hei", 32, 70)
    issuer = f["issuer"]
    ik = face("hei", issuer)
    top = max(y + 260, 1300.0)
    size = fit(ik, 30, issuer, 520, 26)
    cv.text((120, top), issuer, ik, size)
    when = f["issue_date"]
    cv.text((120, top + 60), when, "hei", 30)
    width = font(ik, size).getlength(issuer)
    draw_stamp(img, (120 + width / 2 + rng.uniform(-30, 30), top + 10), 112, issuer, rng)
    num = f"证书编号：{f['cert_number']}"
    cv.text((w - 120 - font("hei", 28).getlength(num), top + 60), num, "hei", 28)
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 医师资格证书: grey labels and values parted by a vertical rule


def qualification_vrule(doc: Doc, rng: random.Random) -> Rendered:
    """A qualification certificate (portrait, Song/Serif): the title, the photo top left, grey
    labels right-aligned to a vertical rule with the values left-aligned after it (姓名, 性别,
    出生日期, 身份证件号码, 资格级别, 资格类别, 管理号码), the authority's seal over its name and a
    hanzi 签发日期 at the foot."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 252, 247), rng, 0.5)
    cv = Canvas(img)
    cv.centered(w / 2, 200, "医师资格证书", "serif_bold", 64, INK, spacing=20, body=False)
    _portrait(img, doc, (130, 280, 330, 530), (236, 238, 238))
    vk = face("serif", *f.values())
    rule = 560.0
    rows = [("姓名", f["name"]), ("性别", f["gender"]),
            ("出生日期", fmt_date(f["birth_date"], "cn")), ("身份证件号码", f["id_number"]),
            ("资格级别", f["qualification"]), ("资格类别", f["qual_category"]),
            ("管理号码", f["qualification_number"])]  # fmt: skip
    y = 640.0
    top = y - 50
    for label, value in rows:
        cv.text((rule - 30 - font("serif", 28).getlength(label), y), label, "serif", 28, GREY)
        k = face(vk, value)
        cv.text((rule + 30, y), value, k, fit(k, 34, value, w - 110 - rule - 30, 26))
        y += 84
    cv.draw.line((rule, top, rule, y - 50), fill=RULE, width=2)
    authority = health_authority(iso(f["issue_date"]))
    sign_off(img, cv, rng, [authority, fmt_date(f["issue_date"], "hanzi")], w - 120, y + 150,
             "serif", fit("serif", 32, authority, 700, 26), authority, radius=120,
             lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


# --------------------------------------------------------------------------------------------
# 医师执业证书: label lines, ISO dates


def practice_isodate(doc: Doc, rng: random.Random) -> Rendered:
    """A practice certificate (portrait, Song/Serif) as a province's electronic registration
    prints it: the title, the photo top right, label：value lines (姓名, 性别, 出生日期
    1998-01-27, 公民身份号码, 执业级别, 执业类别, 执业范围, 主要执业机构, 证书编码), 注册日期
    2018-06-21, the issuer's seal over its name."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 254, 252), rng, 0.4)
    cv = Canvas(img)
    cv.centered(w / 2, 200, "医师执业证书", "serif_bold", 64, INK, spacing=18, body=False)
    _portrait(img, doc, (w - 330, 270, w - 130, 520), (234, 238, 242))
    vk = face("serif", *f.values())
    rows = [("姓　　名", f["name"]), ("性　　别", f["gender"]), ("出生日期", f["birth_date"]),
            ("公民身份号码", f["id_number"])]  # fmt: skip
    y = _lines(cv, rows, 130, w - 360, 330, "serif", vk, 32, 74)
    rows = [("执业级别", f["practice_level"]), ("执业类别", f["practice_category"]),
            ("执业范围", f["scope"]), ("主要执业机构", f["work_unit"]),
            ("证书编码", f["practice_number"]),
            ("注册日期", f["registration_date"])]  # fmt: skip
    y = _lines(cv, rows, 130, w - 130, max(y, 600) + 20, "serif", vk, 32, 74)
    issuer = f["issuer"]
    ik = face("serif", issuer)
    sign_off(img, cv, rng, [f"发证机关：{issuer}"], w - 130, y + 150, ik,
             fit(ik, 32, f"发证机关：{issuer}", 800, 26), issuer, radius=120)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# 毕业证书: the principal signs over his printed name; 学位证书: two seals


def diploma_signed(doc: Doc, rng: random.Random) -> Rendered:
    """A diploma (portrait, Song/Serif): the title, the photo top centre, the running text
    (学生…，性别…，…年…月…日生，于2013年9月至2016年7月在我校…专业学习，学制三年，修业期满，成绩
    合格，准予毕业。), 校长 with a hand signature in black over the printed name, the school's
    seal over its name and a cn date, 证书编号 at the bottom left."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 250, 243), rng, 0.6)
    cv = Canvas(img)
    cv.centered(w / 2, 220, "毕业证书", "serif_bold", 80, INK, spacing=40, body=False)
    _portrait(img, doc, (int(w / 2 - 100), 290, int(w / 2 + 100), 540), (232, 234, 238))
    vk = face("serif", *f.values())
    enrol, grad = iso(f["enrol"] + "-01"), iso(f["graduation"] + "-01")
    end = f"{grad.year}年{grad.month}月"
    born = fmt_date(f["birth_date"], "cn")
    school = f["school"]
    text = (
        f"学生{f['name']}，性别{f['gender']}，{born}生，于{enrol.year}年{enrol.month}月至{end}"
        f"在我校{f['major']}专业学习，学制{f['years']}年，修业期满，成绩合格，准予毕业。"
    )
    keep = (f["name"], born, end, f["major"])
    y = paragraph(cv, text, keep, 140, w - 140, 660, vk, 34, 76)
    principal = f.get("principal") or ""
    x = cv.text((140, y + 110), "校长：", "serif", 32)
    if principal:
        cv.text((x + 6, y + 110), principal, face("serif", principal), 32)
    scrawl(cv.draw, x + 10, y + 100, rng, 170)
    sk = face("serif", school)
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "cn")], w - 140, y + 270, sk,
             fit(sk, 34, school, 640, 26), school, radius=125, lead=66)  # fmt: skip
    num = f"证书编号：{f['diploma_number']}"
    cv.text((140, h - 150), num, "serif", 28)
    return Rendered(img, None, cv.min_glyph, "diploma")


def degree_boardseal(doc: Doc, rng: random.Random) -> Rendered:
    """A degree certificate (portrait, Song/Serif at 34): 学位证书, the photo top left with
    证书编号 under it, the sentence (…，…，…生。在本校…专业学习，完成了…学业，成绩合格，经本校
    学位评定委员会审议通过，授予医学硕士学位。), then two seals at the foot: the school's over
    its name on the left, its 学位评定委员会's over the chair's printed name and a dotted date
    on the right."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 253, 249), rng, 0.5)
    cv = Canvas(img)
    level = f["degree_level"]
    cv.centered(w / 2, 210, "学位证书", "serif_bold", 78, INK, spacing=34, body=False)
    _portrait(img, doc, (140, 290, 340, 540), (236, 236, 236))
    num = f["degree_number"]
    cv.text((140, 590), "证书编号", "serif", 26, GREY)
    cv.text((140, 636), num, "serif", fit("serif", 30, num, 500, 26))
    field = "理学" if "护理" in f["major"] else "医学"
    school = f["school"]
    born = fmt_date(f["birth_date"], "cn")
    degree = f"{field}{level}学位"
    stage = "博士研究生" if level == "博士" else ("硕士研究生" if level == "硕士" else "本科")
    text = (
        f"{f['name']}，{f['gender']}，{born}生。在{school}{f['major']}专业学习，完成了{stage}"
        f"学业，成绩合格，经本校学位评定委员会审议通过，授予{degree}。"
    )
    vk = face("serif", *f.values())
    keep = (f["name"], school, f["major"], born, degree)
    y = paragraph(cv, text, keep, 130, w - 130, 760, vk, 34, 76)
    top = max(y + 220, 1250.0)
    sk = face("serif", school)
    sign_off(img, cv, rng, [school], w / 2 - 60, top, sk, fit(sk, 30, school, 440, 26), school,
             radius=115)  # fmt: skip
    chair = f.get("chair") or ""
    board = f"{school}学位评定委员会"
    lines = [f"主席：{chair}" if chair else "学位评定委员会", fmt_date(f["issue_date"], "dot")]
    ck = face("serif", *lines)
    sign_off(img, cv, rng, lines, w - 130, top, ck, 30, board, radius=115, lead=60)
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表: boxed cells, ISO dates, born-digital PDF


def isodates_cells(f: dict[str, str]) -> list[tuple[str, str]]:
    """This layout's (label, value) cells in print order; dates ISO."""
    return [
        ("姓名", f["name"]), ("性别", f["gender"]),
        ("身份证号", f["id_number"]), ("出生日期", f["birth_date"]),
        ("院校名称", f["school"]), ("专业名称", f["major"]),
        ("学历层次", f["record_level"]), ("学历类别", f["record_category"]),
        ("学制", f["years"]), ("入学日期", f["enrol_date"]),
        ("毕业日期", f["graduation_date"]), ("校长姓名", f.get("principal") or ""),
        ("证书编号", f["diploma_number"]), ("在线验证码", f["verification_code"]),
        ("报告有效期至", f["valid_until"]), ("更新日期", f["update_date"]),
    ]  # fmt: skip


def record_isodates(doc: Doc, rng: random.Random) -> Rendered:
    """A 备案表 (portrait, Sans) as a provincial portal prints it: the title, then each pair a
    cell of its own, two cells to a row, a grey label above its value inside a thin box, dates
    ISO (2016-07-01), a note on checking the code at the foot."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.3)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    cv.centered(w / 2, 180, title, "sans_bold", fit("sans_bold", 50, title, w - 200, 30), INK,
                body=False)  # fmt: skip
    vk = face("sans", *f.values())
    x0, x1 = 100.0, w - 100.0
    cw, ch = (x1 - x0 - 20) / 2, 118.0
    y = 250.0
    for i, (label, value) in enumerate(isodates_cells(f)):
        r, c = divmod(i, 2)
        xa, ya = x0 + c * (cw + 20), y + r * (ch + 14)
        d.rectangle((xa, ya, xa + cw, ya + ch), outline=RULE, width=2)
        cv.text((xa + 16, ya + 40), label, "sans", 26, GREY)
        if value:
            k = face(vk, value)
            cv.text((xa + 16, ya + 96), value, k, fit(k, 32, value, cw - 32, 26))
    note = "注：可登录学信网凭在线验证码查验本表真伪。"
    cv.text((x0, h - 120), note, "sans", 26, GREY)
    return Rendered(img, None, cv.min_glyph, "diploma_record")


def record_isodates_pdf(fields: dict[str, str]) -> bytes:
    """The 备案表 as downloaded: a born-digital PDF with a text layer, boxed cells two a row."""
    from lab.synth import pdfdoc
    from lab.synth.families_edu import FIXED_DATE

    title = fields["title"]
    cells = isodates_cells(fields)
    note = "注：可登录学信网凭在线验证码查验本表真伪。"
    texts = [title, *(t for c in cells for t in c), note]
    pdf = pdfdoc._new_pdf(title, FIXED_DATE, texts)
    pdf.set_font("noto", size=15)
    pdf.set_xy(15, 14)
    pdf.cell(180, 10, title, align="C")
    y = 30.0
    for i, (label, value) in enumerate(cells):
        r, c = divmod(i, 2)
        x, yy = 18 + c * 88, y + r * 15
        pdf.rect(x, yy, 86, 13)
        pdf.set_font("noto", size=7)
        pdf.set_xy(x + 2, yy + 1)
        pdf.cell(80, 4, label)
        pdf.set_font("noto", size=10)
        pdf.set_xy(x + 2, yy + 6)
        pdf.cell(82, 6, value)
    pdf.set_font("noto", size=8)
    pdf.set_xy(18, y + 8 * 15 + 6)
    pdf.cell(170, 5, note)
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 社会保险: keyed by 社会保障号码, months 2025-08


def securityno_rows(f: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(缴费年月 2025-08, 险种, 缴费基数, 缴费状态) per payment, as stored."""
    return [(f"{m[:4]}-{m[4:]}", kind, base, state) for m, kind, base, state in _payments(f)]


SECURITYNO_NOTE = "说明：社会保障号码与公民身份号码一致；本证明仅证明上述期间参保缴费情况。"


def si_securityno(doc: Doc, rng: random.Random) -> Rendered:
    """A 社保 print (portrait, Song/Serif): the title, label：value lines (姓名, 社会保障号码,
    参保单位), a thin-ruled table one row per month and insurance (缴费年月 2025-08 | 险种 |
    缴费基数 | 缴费状态), a 说明, the agency's seal over its name and a dotted date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.3)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    cv.centered(w / 2, 150, title, "serif_bold", fit("serif_bold", 46, title, w - 200, 30),
                INK, body=False)  # fmt: skip
    x0, x1 = 90.0, w - 90.0
    vk = face("serif", f["name"], f["work_unit"])
    rows = [("姓　　名", f["name"]), ("社会保障号码", f["id_number"]), ("参保单位", f["work_unit"])]
    y = _lines(cv, rows, x0, x1, 240, "serif", vk, 28, 54)
    pays = securityno_rows(f)
    heads = ("缴费年月", "险种", "缴费基数", "缴费状态")
    widths = (220.0, 480.0, 200.0, x1 - x0 - 900.0)
    top = y - 10
    rh = min(50.0, 1000.0 / (len(pays) + 1))
    for i, row in enumerate((heads, *pays)):
        x = x0
        for wd, cell in zip(widths, row, strict=True):
            kind = "serif_bold" if i == 0 else "serif"
            cv.text(
                (x + 10, top + i * rh + rh * 0.72), cell, kind, fit(kind, 26, cell, wd - 16, 26)
            )
            x += wd
        d.line((x0, top + (i + 1) * rh, x1, top + (i + 1) * rh), fill=RULE, width=1)
    d.line((x0, top, x1, top), fill=INK, width=2)
    bottom = top + (len(pays) + 1) * rh
    d.line((x0, bottom, x1, bottom), fill=INK, width=2)
    note = SECURITYNO_NOTE
    cv.text((x0, bottom + 50), note, "serif", fit("serif", 26, note, x1 - x0, 26), GREY)
    agency = f["agency"]
    sign_off(img, cv, rng, [agency, fmt_date(f["print_date"], "dot")], x1,
             min(bottom + 160, h - 130), "serif", fit("serif", 28, agency, 560, 26), agency,
             radius=110, lead=52)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_securityno_pdf(fields: dict[str, str]) -> bytes:
    """The print as downloaded from the portal: a born-digital PDF with a text layer."""
    from lab.synth import pdfdoc
    from lab.synth.families_edu import FIXED_DATE

    title = fields["title"]
    person = [f"姓名：{fields['name']}", f"社会保障号码：{fields['id_number']}",
              f"参保单位：{fields['work_unit']}"]  # fmt: skip
    rows = securityno_rows(fields)
    heads = ("缴费年月", "险种", "缴费基数", "缴费状态")
    foot = f"{fields['agency']}  {fmt_date(fields['print_date'], 'dot')}"
    texts = [title, *person, *heads, *(" ".join(r) for r in rows), SECURITYNO_NOTE, foot]
    pdf = pdfdoc._new_pdf(title, FIXED_DATE, texts)
    pdf.set_font("noto", size=14)
    pdf.set_xy(15, 12)
    pdf.cell(180, 10, title, align="C")
    pdf.set_font("noto", size=10)
    y = 26.0
    for line in person:
        pdf.set_xy(15, y)
        pdf.cell(180, 6, line)
        y += 6
    y += 3
    pdf.set_font("noto", size=8)
    for row in (heads, *rows):
        pdf.set_xy(15, y)
        for wd, cell in zip((35, 75, 35, 35), row, strict=True):
            pdf.cell(wd, 5.5, cell, border="B")
        y += 5.5
    pdf.set_xy(15, y + 4)
    pdf.cell(180, 5, SECURITYNO_NOTE)
    pdf.set_font("noto", size=10)
    pdf.set_xy(15, y + 14)
    pdf.cell(180, 6, foot)
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# Registration

HELD_OUT = (
    ("probation_cert", "resultbox", probation_resultbox, None,
     "Serif proof: label：value lines (公民身份号码, 工作单位, 所在科室, 试用期限 padded 年月日 "
     "…至…), the grade in a ruled 考核结果 box on the right, seal and a padded date"),
    ("practice_period_cert", "underscored", practice_period_underscored, None,
     "Serif form whose blanks are typed on underlines (兹证明 __ 同志，性别 __，身份证件号码 __，"
     "系 __ 类别医师，执业单位 __ … 考核结果为 __), seal and a cn date"),
    ("pledge", "headstrip", pledge_headstrip, None,
     "Ming 承诺书: a ruled strip of grey labels over values across the top (姓名 | 证件号; "
     "毕业院校 | 所学专业 | 预计毕业时间), promises in one paragraph, 承诺人签名 and a dotted "
     "date by hand in blue-black; no seal"),
    ("licence", "runon", licence_runon, None,
     "Ming licence: 登记号 and 有效期限 (cn 年月日 …至…) under the title, label lines (机构名称, "
     "地址), the subjects run on as one wrapped paragraph parted by ；, seal and a cn date"),
    ("mentorship_cert", "leftseal", mentorship_leftseal, None,
     "Hei certificate: photo top right, 姓名 / 性别 / 公民身份号码 / 专长领域 lines, a "
     "statement, the issuer's name and an ISO date under its seal bottom left, 证书编号 bottom "
     "right"),
    ("assistant_qualification", "vrule", qualification_vrule, None,
     "Serif certificate: photo top left, grey labels right-aligned to a vertical rule with "
     "the values after it (资格级别, 资格类别, 管理号码), seal over the authority and a hanzi "
     "date"),
    ("assistant_practice", "isodate", practice_isodate, None,
     "Serif electronic-registration print: photo top right, label lines (公民身份号码, "
     "主要执业机构, 证书编码), dates ISO (注册日期 2018-06-21), seal over 发证机关：…"),
    ("diploma", "signed", diploma_signed, None,
     "Serif diploma: photo top centre, running text 学生…于…至2016年7月在我校…专业学习，学制…年"
     "，修业期满…, the principal's hand signature over his printed name, seal and a cn date, "
     "证书编号 bottom left"),
    ("degree", "boardseal", degree_boardseal, None,
     "Serif degree: photo and 证书编号 top left, the sentence (…经本校学位评定委员会审议通过，"
     "授予医学硕士学位。), two seals at the foot (the school's; its 学位评定委员会's over the "
     "chair and a dotted date)"),
    ("diploma_record", "isodates", record_isodates, record_isodates_pdf,
     "Sans 备案表: each pair a boxed cell of its own, a grey label over its value, two cells to "
     "a row, dates ISO; PDF born-digital with a text layer"),
    ("social_insurance", "securityno", si_securityno, si_securityno_pdf,
     "Serif print: 姓名 / 社会保障号码 / 参保单位 lines, a thin-ruled table per month and "
     "insurance (缴费年月 2025-08 | 险种 | 缴费基数 | 缴费状态), a 说明, seal and a dotted date; "
     "PDF born-digital with a text layer"),
)  # fmt: skip
