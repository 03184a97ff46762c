"""A twenty-sixth layout family per material (issue 15, twenty-fourth round): other issuers,
held out.

Every family of the earlier modules has been run and looked at (`families.LOOKED_AT`), so these
are the new *held-out* ones, written without running the readers on them and never adjusted to
suit the readers. This round covers every material: a
Song/Serif 试用期满考核表 whose span stands as two hanzi dates on lines of their own, a Hei
practice-period proof in two boxed sections (the person, then the assessing unit) with ISO
dates, a Song/Serif pledge whose promises come first and whose particulars stand in a ruled
table at the foot, a Ming licence whose grey captions stand above their values, a Song/Serif
certificate whose lines are all centred, a Sans qualification certificate with two label/value
pairs to a line, a Ming practice certificate dated with slashes and numbered at the foot right,
a Song/Serif diploma numbered at the top right above its title, a Ming degree whose photo
stands at the left beside its sentence, a Song/Serif 备案表 whose verification code stands in a
box at the top right with slash dates, and a Sans 社保 print whose months are grouped under
grey year rows.
Every value the material's checks compare is printed whole, exactly as the form's truth holds
it; a typeface lacking a character of a value gives way to Noto.
"""

from __future__ import annotations

import random

from lab.synth.families_5 import slash
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
from lab.synth.render import INK, Canvas, Doc, Rendered, font, iso, paper

#: the grey of a band or a heading row
BAND = (232, 233, 236)


def _month(s: str) -> str:
    """2016-07 as 2016年7月."""
    d = iso(s + "-01")
    return f"{d.year}年{d.month}月"


# --------------------------------------------------------------------------------------------
# 试用期考核证明: a 试用期满考核表, the span as two hanzi dates on lines of their own


def probation_hanzispan(doc: Doc, rng: random.Random) -> Rendered:
    """A probation proof (portrait, Song/Serif at 30) as a 事业单位's personnel office fills
    it: the title, label：value lines (姓名, 性别, 身份证号码, 聘用单位, 科室), 试用期自 and 至
    each on a line of its own with a hanzi date (二〇二四年九月一日), 考核结论 with the grade,
    单位意见 (准予转正 or 不予转正), the unit's seal over its name and a pad date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 254, 251), rng, 0.4)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 190, "试用期考核证明", "serif_bold", 58, INK, spacing=10, body=False)
    cv.centered(w / 2, 252, "（试用期满考核表）", "serif", 30)
    vk = face("serif", *f.values())
    x0, x1 = 130.0, w - 130.0
    rows = [
        ("姓　　名", f["name"]),
        ("性　　别", f["gender"]),
        ("身份证号码", f["id_number"]),
        ("聘用单位", f["work_unit"]),
        ("科　　室", f.get("department") or ""),
        ("试用期自", fmt_date(f["period_start"], "hanzi")),
        ("　　　至", fmt_date(f["period_end"], "hanzi")),
        ("考核结论", f["result"]),
    ]
    y = 350.0
    for label, value in rows:
        x = cv.text((x0, y), f"{label}：", "serif", 30)
        if value:
            k = face(vk, value)
            cv.text((x + 8, y), value, k, fit(k, 30, value, x1 - x - 8, 26))
        d.line((x0, y + 22, x1, y + 22), fill=RULE, width=1)
        y += 84
    grade = f["result"]
    verdict = "准予转正。" if grade != "不合格" else "不予转正。"
    cv.text((x0, y + 40), "单位意见：", "serif", 30)
    cv.text((x0 + 200, y + 40), verdict, "serif", 32)
    unit = f["work_unit"]
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "pad")], x1, y + 260, vk,
             fit(vk, 30, unit, 620, 26), unit, radius=120, lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# 执业期考核证明: two boxed sections, the person then the assessing unit


def practice_period_twoblocks(doc: Doc, rng: random.Random) -> Rendered:
    """A practice-period proof (portrait, Hei at 30) as a 县卫健局's form: the title, a box
    headed 被考核人信息 in a grey band (姓名, 身份证件号码, 执业类别), a box headed 考核信息 (考核
    机构 with the unit, 考核周期 in ISO dates, 考核结果), 特此证明, the unit's seal over its name
    and an ISO date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 253), rng, 0.4)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 190, "执业期考核证明", "hei", 60, INK, spacing=12, body=False)
    vk = face("hei", *f.values())
    x0, x1 = 110.0, w - 110.0
    span = f"{f['period_start']} 至 {f['period_end']}"
    unit = f["work_unit"]
    blocks = (
        ("被考核人信息", [("姓　　名", f["name"]), ("身份证件号码", f["id_number"]),
                        ("执业类别", f["practice_category"])]),
        ("考核信息", [("考核机构", unit), ("考核周期", span), ("考核结果", f["result"])]),
    )  # fmt: skip
    y = 290.0
    for head, rows in blocks:
        top = y
        d.rectangle((x0, top, x1, top + 66), fill=BAND)
        cv.text((x0 + 20, top + 46), head, "hei", 30)
        y = top + 66 + 70
        for label, value in rows:
            x = cv.text((x0 + 40, y), f"{label}：", "hei", 30, GREY)
            k = face(vk, value)
            cv.text((x + 8, y), value, k, fit(k, 30, value, x1 - x - 30, 26))
            y += 76
        d.rectangle((x0, top, x1, y - 20), outline=INK, width=2)
        y += 40
    cv.text((x0 + 60, y + 40), "特此证明。", "hei", 30)
    sign_off(img, cv, rng, [unit, f["date"]], x1, y + 240, vk, fit(vk, 30, unit, 620, 26),
             unit, radius=120, lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# 承诺书: the promises first, the particulars in a ruled table at the foot


def pledge_tablefoot(doc: Doc, rng: random.Random) -> Rendered:
    """A pledge (portrait, Song/Serif at 30) as a 医师资格考试考点 prints it: the title, the
    promises as one paragraph (本人承诺…), then a ruled table at the foot (姓名 | 证件号; 毕业
    学校; 专业 | 预计毕业时间 2026年7月), the name written by hand in blue-black in the table's
    签名 row and the date by hand as 2026年1月17日; no seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 254), rng, 0.3)
    cv = Canvas(img)
    cv.centered(w / 2, 200, "考生承诺书", "serif_bold", 62, INK, spacing=16, body=False)
    x0, x1 = 120.0, w - 120.0
    text = (
        "本人已认真阅读《医师资格考试报名资格规定》，承诺所填写的报名信息和提交的材料真实、准确、"
        "完整。本人为应届医学专业毕业生，将于毕业当年按规定取得毕业证书并交考点审核；如未能按期"
        "取得毕业证书，自愿放弃本次考试成绩。如有弄虚作假，本人愿承担由此产生的一切后果。"
    )
    y = paragraph(cv, text, (), x0, x1, 340, "serif", 30, 66)
    vk = face("serif", *f.values())
    rows = [
        ("姓　　名", f["name"], "证 件 号", f["id_number"]),
        ("毕业学校", f["school"]),
        ("专　　业", f["major"], "预计毕业", _month(f["expected_graduation"])),
        ("本人签名", ""),
        ("签署日期", ""),
    ]
    top = max(y + 120, 900.0)
    rh = 96.0
    ruled_table(cv, rows, x0, x1, top, rh, 200, "serif", 28, vk, 30,
                mid=x0 + 470, lw2=170, width=2)  # fmt: skip
    name = f["name"]
    cv.text((x0 + 230, top + 3 * rh + 66), name, face("kai", name), 52, BLUE_BLACK)
    dt = iso(f["date"])
    cv.text((x0 + 230, top + 4 * rh + 64), f"{dt.year}年{dt.month}月{dt.day}日", "kai", 44,
            BLUE_BLACK)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# 医疗机构执业许可证: grey captions above their values, Ming


def licence_captions(doc: Doc, rng: random.Random) -> Rendered:
    """A licence (portrait, Ming at 32) as a municipal 卫健委's 副本 prints it: the title, 登记
    号 under it, then each item as a small grey caption above its value (机构名称, 地址, 法定代表
    人, 主要负责人, 有效期限 as 自2021年07月01日至2026年06月30日, 诊疗科目 one subject a line), the
    seal over 发证机关 and a cn date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 254, 250), rng, 0.4)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 170, "医疗机构执业许可证", "ming", 60, INK, spacing=8, body=False)
    cv.centered(w / 2, 232, f"登记号：{f['registration_number']}", "ming", 28)
    d.line((110, 262, w - 110, 262), fill=INK, width=2)
    vk = face("ming", *f.values())
    x0, x1 = 130.0, w - 130.0
    valid = f"自{fmt_date(f['valid_from'], 'pad')}至{fmt_date(f['valid_until'], 'pad')}"
    items = [("机构名称", f["work_unit"]), ("地　　址", f["address"]),
             ("法定代表人", f["legal_rep"]), ("主要负责人", f["head"]),
             ("有效期限", valid)]  # fmt: skip
    y = 320.0
    for caption, value in items:
        cv.text((x0, y), caption, "ming", 26, GREY)
        k = face(vk, value)
        cv.text((x0 + 30, y + 52), value, k, fit(k, 32, value, x1 - x0 - 30, 26))
        y += 124
    cv.text((x0, y), "诊疗科目", "ming", 26, GREY)
    subjects = f["subjects"].split("；")
    sk = face(vk, *subjects)
    sh = min(50.0, 560.0 / max(len(subjects), 1))
    y += 52
    for s in subjects:
        cv.text((x0 + 30, y), s, sk, fit(sk, 30, s, x1 - x0 - 30, 26))
        y += sh
    issuer = f["issuer"]
    ik = face("ming", issuer)
    line = f"发证机关：{issuer}"
    sign_off(img, cv, rng, [line, fmt_date(f["issue_date"], "cn")], x1, min(y + 100, h - 170),
             ik, fit(ik, 30, line, 800, 26), issuer, radius=120, lead=60)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "licence")


# --------------------------------------------------------------------------------------------
# 确有专长/出师 certificate: every line centred


def mentorship_centred(doc: Doc, rng: random.Random) -> Rendered:
    """A certificate (portrait, Song/Serif at 32) as a provincial 中医药管理局 prints it: the
    title, the photo centred under it, every line centred (姓名：…　性别：…; 公民身份号码：…;
    专长领域 or 出师专业：…), a centred statement, 证书编号 centred, the issuer's seal over its
    name and a hanzi date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 250, 244), rng, 0.5)
    cv = Canvas(img)
    title = f.get("title") or "传统医学医术确有专长证书"
    cv.centered(w / 2, 200, title, "serif_bold", fit("serif_bold", 56, title, w - 200, 36),
                INK, body=False)  # fmt: skip
    _portrait(img, doc, (w // 2 - 100, 260, w // 2 + 100, 510), (238, 238, 234))
    taught = "师承" in title or "出师" in title
    vk = face("serif", *f.values())
    lines = [f"姓名：{f['name']}　性别：{f['gender']}", f"公民身份号码：{f['id_number']}",
             f"{'出师专业' if taught else '专长领域'}：{f['major']}"]  # fmt: skip
    y = 600.0
    for line in lines:
        k = face(vk, line)
        cv.centered(w / 2, y, line, k, fit(k, 32, line, w - 240, 26))
        y += 80
    what = "出师考核" if taught else "医术确有专长考核"
    cv.centered(w / 2, y + 40, f"经{what}合格，特发此证。", "serif", 32)
    num = f"证书编号：{f['cert_number']}"
    cv.centered(w / 2, y + 130, num, "serif", fit("serif", 30, num, w - 240, 26))
    issuer = f["issuer"]
    ik = face("serif", issuer)
    sign_off(img, cv, rng, [issuer, fmt_date(f["issue_date"], "hanzi")], w - 140,
             max(y + 320, 1250.0), ik, fit(ik, 30, issuer, 700, 28), issuer, radius=122,
             lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 医师资格证书: two label/value pairs to a line, Sans


def qualification_sidebyside(doc: Doc, rng: random.Random) -> Rendered:
    """A qualification certificate (portrait, Sans at 28) as the 电子证照 print shows it: the
    title, the photo top right, then two label：value pairs to a line (姓名 | 性别; 出生日期 cn |
    类别; 级别 | 取得资格日期) with 身份证号 and 资格证书编号 each on a line of their own, the
    authority's seal over its name and a pad date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.3)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 180, "医师资格证书", "sans_bold", 60, INK, spacing=14, body=False)
    _portrait(img, doc, (w - 320, 260, w - 130, 500), (240, 240, 242))
    vk = face("sans", *f.values())
    x0, x1 = 130.0, w - 130.0
    mid = x0 + 470
    issued = fmt_date(f["issue_date"], "cn")
    lines = [
        (("姓名", f["name"]), ("性别", f["gender"])),
        (("出生日期", fmt_date(f["birth_date"], "cn")), ("类别", f["qual_category"])),
        (("身份证号", f["id_number"]),),
        (("级别", f["qualification"]), ("取得日期", issued)),
        (("资格证书编号", f["qualification_number"]),),
    ]
    y = 580.0
    for pairs in lines:
        for i, (label, value) in enumerate(pairs):
            xa = x0 if i == 0 else mid
            xb = (mid - 20) if len(pairs) == 2 and i == 0 else x1
            x = cv.text((xa, y), f"{label}：", "sans", 28, GREY)
            k = face(vk, value)
            cv.text((x + 6, y), value, k, fit(k, 30, value, xb - x - 6, 26))
        y += 84
    d.line((x0, y, x1, y), fill=RULE, width=2)
    authority = health_authority(iso(f["issue_date"]))
    sign_off(img, cv, rng, [authority, fmt_date(f["issue_date"], "pad")], x1, y + 200, "sans",
             fit("sans", 30, authority, 760, 26), authority, radius=120, lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


# --------------------------------------------------------------------------------------------
# 医师执业证书: slash dates, numbered at the foot right


def practice_slashdate(doc: Doc, rng: random.Random) -> Rendered:
    """A practice certificate (portrait, Ming at 30) printed by a city's registration window:
    the title, the photo top left, label：value lines (姓名, 性别, 身份证号, 执业地点 as the
    province, 执业类别, 执业范围, 执业机构, 注册日期 as 2018/6/21), the issuer's seal over its
    name and a slash date, 证书编码 at the foot right."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 254, 250), rng, 0.4)
    cv = Canvas(img)
    cv.centered(w / 2, 190, "医师执业证书", "ming", 62, INK, spacing=18, body=False)
    _portrait(img, doc, (130, 260, 330, 510), (236, 236, 236))
    vk = face("ming", *f.values())
    x0, x1 = 130.0, w - 130.0
    rows = [("姓　　名", f["name"]), ("性　　别", f["gender"]), ("身份证号", f["id_number"]),
            ("医师级别", f["practice_level"]), ("执业类别", f["practice_category"]),
            ("执业范围", f["scope"]), ("执业机构", f["work_unit"]),
            ("注册日期", slash(f["registration_date"]))]  # fmt: skip
    y = 590.0
    for label, value in rows:
        x = cv.text((x0, y), f"{label}：", "ming", 30)
        k = face(vk, value)
        cv.text((x + 8, y), value, k, fit(k, 30, value, x1 - x - 8, 26))
        y += 78
    issuer = f["issuer"]
    ik = face("ming", issuer)
    sign_off(img, cv, rng, [issuer, slash(f["registration_date"])], x1, y + 120, ik,
             fit(ik, 30, issuer, 620, 26), issuer, radius=120, lead=62)  # fmt: skip
    num = f"证书编码：{f['practice_number']}"
    cv.text((x1 - font("ming", 28).getlength(num), h - 110), num, "ming", 28)
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# 毕业证书: numbered at the top right above the title; 学位证书: the photo at the left


def diploma_topright(doc: Doc, rng: random.Random) -> Rendered:
    """A diploma (portrait, Song/Serif at 32) as a medical college prints it: 证书编号 at the
    top right above the title, the photo under the title on the left, the running text (学生…，
    性别…，…生，于…至…在本校…专业…年制…学习，修完教学计划规定的全部课程，成绩合格，准予毕业。),
    the school's seal over its name and a pad date, 校（院）长 printed at the foot left."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 251, 245), rng, 0.5)
    cv = Canvas(img)
    num = f"证书编号：{f['diploma_number']}"
    cv.text((w - 130 - font("serif", 28).getlength(num), 120), num, "serif", 28)
    cv.centered(w / 2, 250, "毕业证书", "serif_bold", 84, INK, spacing=40, body=False)
    _portrait(img, doc, (140, 330, 340, 580), (236, 236, 232))
    vk = face("serif", *f.values())
    born = fmt_date(f["birth_date"], "cn")
    start, end = _month(f["enrol"]), _month(f["graduation"])
    text = (
        f"学生{f['name']}，性别{f['gender']}，{born}生，于{start}至{end}在本校{f['major']}专业"
        f"{f['years']}年制{f.get('education_level') or ''}学习，修完教学计划规定的全部课程，"
        "成绩合格，准予毕业。"
    )
    keep = (f["name"], born, start, end, f["major"])
    y = paragraph(cv, text, keep, 140, w - 140, 680, vk, 32, 76)
    school = f["school"]
    sk = face("serif", school)
    y = sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "pad")], w - 140, y + 180,
                 sk, fit(sk, 32, school, 640, 26), school, radius=122, lead=64)  # fmt: skip
    principal = f.get("principal") or ""
    if principal:
        pk = face("serif", principal)
        cv.text((140, min(y + 120, h - 120)), f"校（院）长：{principal}", pk, 30)
    return Rendered(img, None, cv.min_glyph, "diploma")


def degree_mingside(doc: Doc, rng: random.Random) -> Rendered:
    """A degree certificate (portrait, Ming at 32): the title, the photo at the left below it,
    the sentence to the right of the photo and on below it (…，…，…生。在本校…专业完成了…学业，
    成绩合格。根据《中华人民共和国学位条例》的规定，授予医学学士学位。), the school's seal over
    its name and a hanzi date, 证书编号 at the foot left."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 253, 248), rng, 0.5)
    cv = Canvas(img)
    cv.centered(w / 2, 210, "学位证书", "ming", 80, INK, spacing=36, body=False)
    _portrait(img, doc, (140, 320, 340, 570), (236, 236, 232))
    level = f["degree_level"]
    field = "理学" if "护理" in f["major"] else "医学"
    degree = f"{field}{level}学位"
    stage = "博士研究生" if level == "博士" else ("硕士研究生" if level == "硕士" else "本科")
    born = fmt_date(f["birth_date"], "cn")
    school = f["school"]
    vk = face("ming", *f.values())
    head = f"{f['name']}，{f['gender']}，{born}生。在{school}{f['major']}专业完成了{stage}学业，"
    y = paragraph(cv, head, (f["name"], born, school, f["major"]), 390, w - 140, 370, vk, 32,
                  74)  # fmt: skip
    text = f"成绩合格。根据《中华人民共和国学位条例》的规定，授予{degree}。"
    y = paragraph(cv, text, (degree,), 140, w - 140, max(y, 640), vk, 32, 74, indent=False)
    sk = face("ming", school)
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "hanzi")], w - 140, y + 200, sk,
             fit(sk, 30, school, 600, 26), school, radius=118, lead=60)  # fmt: skip
    num = f"证书编号：{f['degree_number']}"
    cv.text((140, h - 130), num, "ming", fit("ming", 28, num, 700, 26))
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表: the verification code boxed top right, slash dates, PDF


def codebox_rows(f: dict[str, str]) -> list[tuple[str, str]]:
    """This layout's (label, value) rows in print order, the code apart; dates as 2016/7/1."""
    return [
        ("姓名", f["name"]), ("性别", f["gender"]), ("出生日期", slash(f["birth_date"])),
        ("身份证号", f["id_number"]), ("学校名称", f["school"]), ("专业", f["major"]),
        ("学历层次", f["record_level"]), ("学历类别", f["record_category"]),
        ("学制", f"{f['years']}年"), ("入学日期", slash(f["enrol_date"])),
        ("毕业日期", slash(f["graduation_date"])), ("毕业证书编号", f["diploma_number"]),
        ("校（院）长姓名", f.get("principal") or ""),
        ("报告有效期至", slash(f["valid_until"])),
    ]  # fmt: skip


CODEBOX_NOTE = "本报告可在学信网（www.chsi.com.cn）凭在线验证码查验。"


def record_codebox(doc: Doc, rng: random.Random) -> Rendered:
    """A 备案表 (portrait, Song/Serif at 28) printed from 学信网: the title, a box at the top
    right holding 在线验证码 over the code, then label：value rows ruled thin (身份证号, 学校名称,
    学历层次, dates as 2016/7/1, 毕业证书编号, 报告有效期至), the note and 更新日期 at the foot."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.3)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    cv.centered(w / 2, 160, title, "serif_bold", fit("serif_bold", 46, title, w - 200, 30), INK,
                body=False)  # fmt: skip
    code = f["verification_code"]
    bx0 = w - 120 - 420
    d.rectangle((bx0, 220, w - 120, 340), outline=INK, width=2)
    cv.text((bx0 + 20, 262), "在线验证码", "serif", 26, GREY)
    cv.text((bx0 + 20, 318), code, "serif", fit("serif", 30, code, 380, 26))
    vk = face("serif", *f.values())
    x0, x1 = 120.0, w - 120.0
    y = 420.0
    for label, value in codebox_rows(f):
        x = cv.text((x0, y), f"{label}：", "serif", 28)
        if value:
            k = face(vk, value)
            cv.text((x + 6, y), value, k, fit(k, 30, value, x1 - x - 6, 26))
        d.line((x0, y + 20, x1, y + 20), fill=RULE, width=1)
        y += 70
    cv.text((x0, y + 50), CODEBOX_NOTE, "serif", 26, GREY)
    upd = f"更新日期：{slash(f['update_date'])}"
    cv.text((x0, y + 104), upd, "serif", 26, GREY)
    return Rendered(img, None, cv.min_glyph, "diploma_record")


def record_codebox_pdf(fields: dict[str, str]) -> bytes:
    """The 备案表 as downloaded: a born-digital PDF with a text layer, the code boxed."""
    from lab.synth import pdfdoc
    from lab.synth.families_edu import FIXED_DATE

    title = fields["title"]
    rows = codebox_rows(fields)
    code = fields["verification_code"]
    upd = f"更新日期：{slash(fields['update_date'])}"
    texts = [title, "在线验证码", code, *(f"{label}：{v}" for label, v in rows), CODEBOX_NOTE,
             upd]  # fmt: skip
    pdf = pdfdoc._new_pdf(title, FIXED_DATE, texts)
    pdf.set_font("noto", size=15)
    pdf.set_xy(15, 12)
    pdf.cell(180, 10, title, align="C")
    pdf.rect(120, 24, 70, 16)
    pdf.set_font("noto", size=8)
    pdf.set_xy(122, 25)
    pdf.cell(66, 6, "在线验证码")
    pdf.set_font("noto", size=10)
    pdf.set_xy(122, 32)
    pdf.cell(66, 6, code)
    y = 46.0
    for label, value in rows:
        pdf.set_xy(20, y)
        pdf.cell(170, 7, f"{label}：{value}")
        pdf.line(20, y + 7, 190, y + 7)
        y += 8
    pdf.set_font("noto", size=8)
    pdf.set_xy(20, y + 4)
    pdf.cell(170, 5, CODEBOX_NOTE)
    pdf.set_xy(20, y + 10)
    pdf.cell(170, 5, upd)
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 社会保险: the months grouped under grey year rows


def yearheads_rows(f: dict[str, str]) -> list[tuple[str, ...]]:
    """The table's rows in print order: a one-cell row per year (2025年度), then that year's
    payments as (月份 08月, 险种, 缴费基数, 缴费状态), by month then insurance."""
    out: list[tuple[str, ...]] = []
    year = ""
    for m, kind, base, state in sorted(_payments(f), key=lambda r: r[0]):
        if m[:4] != year:
            year = m[:4]
            out.append((f"{year}年度",))
        out.append((f"{m[4:]}月", kind, base, state))
    return out


YEARHEADS_HEADS = ("月份", "险种", "缴费基数", "缴费状态")
YEARHEADS_NOTE = "注：本凭证由社会保险经办机构出具，可通过电子社保卡扫码核验。"


def si_yearheads(doc: Doc, rng: random.Random) -> Rendered:
    """A 社保 print (portrait, Sans at 26+) from a city's 社保 app: the title, label：value
    lines (姓名; 社会保障号码; 参保单位), a table whose months stand grouped under grey year rows
    (2025年度, then 月份 08月 | 险种 | 缴费基数 | 缴费状态), a 注, the agency's seal over its name
    and an ISO date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.3)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    cv.centered(w / 2, 140, title, "sans_bold", fit("sans_bold", 44, title, w - 200, 30), INK,
                body=False)  # fmt: skip
    x0, x1 = 90.0, w - 90.0
    vk = face("sans", *f.values())
    unit = f["work_unit"]
    heads = (("姓　　名", f["name"]), ("社会保障号码", f["id_number"]), ("参保单位", unit))
    y = 220.0
    for label, value in heads:
        x = cv.text((x0, y), f"{label}：", "sans", 26, GREY)
        k = face(vk, value)
        cv.text((x + 4, y), value, k, fit(k, 28, value, x1 - x - 4, 26))
        y += 52
    rows = yearheads_rows(f)
    widths = (170.0, 430.0, 240.0, x1 - x0 - 840.0)
    t = y - 10
    rh = min(48.0, 1080.0 / (len(rows) + 1))
    for i, row in enumerate((YEARHEADS_HEADS, *rows)):
        ya = t + i * rh
        if len(row) == 1:
            d.rectangle((x0, ya, x1, ya + rh), fill=BAND)
            cv.text((x0 + 10, ya + rh * 0.74), row[0], "sans_bold", 26)
        else:
            x = x0
            for wd, cell in zip(widths, row, strict=True):
                kind = "sans_bold" if i == 0 else "sans"
                cv.text((x + 10, ya + rh * 0.74), cell, kind, fit(kind, 26, cell, wd - 16, 26))
                x += wd
        d.line((x0, ya + rh, x1, ya + rh), fill=RULE, width=1)
    bottom = t + (len(rows) + 1) * rh
    d.rectangle((x0, t, x1, bottom), outline=INK, width=2)
    cv.text((x0, bottom + 46), YEARHEADS_NOTE, "sans", 26, GREY)
    agency = f["agency"]
    sign_off(img, cv, rng, [agency, f["print_date"]], x1, min(bottom + 150, h - 130), "sans",
             fit("sans", 28, agency, 560, 26), agency, radius=110, lead=52)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_yearheads_pdf(fields: dict[str, str]) -> bytes:
    """The print as downloaded from the app: a born-digital PDF with a text layer."""
    from lab.synth import pdfdoc
    from lab.synth.families_edu import FIXED_DATE

    title = fields["title"]
    heads = (f"姓名：{fields['name']}", f"社会保障号码：{fields['id_number']}",
             f"参保单位：{fields['work_unit']}")  # fmt: skip
    rows = yearheads_rows(fields)
    foot = f"{fields['agency']}  {fields['print_date']}"
    texts = [title, *heads, *YEARHEADS_HEADS, *(" ".join(r) for r in rows), YEARHEADS_NOTE,
             foot]  # fmt: skip
    pdf = pdfdoc._new_pdf(title, FIXED_DATE, texts)
    pdf.set_font("noto", size=14)
    pdf.set_xy(15, 12)
    pdf.cell(180, 10, title, align="C")
    pdf.set_font("noto", size=9)
    for k, line in enumerate(heads):
        pdf.set_xy(15, 25 + 6 * k)
        pdf.cell(180, 6, line)
    y = 45.0
    pdf.set_font("noto", size=8)
    for row in (YEARHEADS_HEADS, *rows):
        pdf.set_xy(15, y)
        if len(row) == 1:
            pdf.cell(180, 5.5, row[0], border=1)
        else:
            for wd, cell in zip((30, 80, 40, 30), row, strict=True):
                pdf.cell(wd, 5.5, cell, border=1)
        y += 5.5
    pdf.set_xy(15, y + 4)
    pdf.cell(180, 5, YEARHEADS_NOTE)
    pdf.set_font("noto", size=10)
    pdf.set_xy(15, y + 14)
    pdf.cell(180, 6, foot)
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# Registration

HELD_OUT = (
    ("probation_cert", "hanzispan", probation_hanzispan, None,
     "Serif 试用期满考核表: label：value lines over thin rules (身份证号码, 聘用单位, 科室), "
     "试用期自 and 至 each a line with a hanzi date, 考核结论, 单位意见 准予转正, seal and a pad "
     "date"),
    ("practice_period_cert", "twoblocks", practice_period_twoblocks, None,
     "Hei form in two boxed sections under grey bands: 被考核人信息 (姓名, 身份证件号码, 执业类别) "
     "and 考核信息 (考核机构, 考核周期 in ISO dates, 考核结果), 特此证明, seal and an ISO date"),
    ("pledge", "tablefoot", pledge_tablefoot, None,
     "Serif 考生承诺书: the promises as one paragraph first, then a ruled table at the foot "
     "(姓名 | 证件号; 毕业学校; 专业 | 预计毕业; 本人签名 and 签署日期 by hand in blue-black); "
     "no seal"),
    ("licence", "captions", licence_captions, None,
     "Ming licence: 登记号 under the title, grey captions above their values (有效期限 as "
     "自2021年07月01日至2026年06月30日), 诊疗科目 one subject a line, seal over 发证机关 and a cn "
     "date"),
    ("mentorship_cert", "centrelines", mentorship_centred, None,
     "Serif certificate: the photo centred under the title, every line centred (姓名 | 性别; "
     "公民身份号码; 专长领域), 证书编号 centred, seal over the issuer and a hanzi date"),
    ("assistant_qualification", "sidebyside", qualification_sidebyside, None,
     "Sans 电子证照 print: photo top right, two label：value pairs a line (姓名 | 性别; 出生日期 "
     "| 类别; 级别 | 取得日期), 身份证号 and 资格证书编号 alone, seal and a pad date"),
    ("assistant_practice", "slashdate", practice_slashdate, None,
     "Ming certificate: photo top left, label：value lines (身份证号, 执业机构, 注册日期 as "
     "2018/6/21), seal over the issuer and a slash date, 证书编码 at the foot right"),
    ("diploma", "topright", diploma_topright, None,
     "Serif diploma: 证书编号 at the top right above the title, photo left, the running text "
     "(…于2012年9月至2016年7月在本校…专业…年制…学习…准予毕业。), seal and a pad date, 校（院）长 "
     "at the foot left"),
    ("degree", "mingside", degree_mingside, None,
     "Ming degree: photo left under the title, the sentence beside it and on below (…根据《中华"
     "人民共和国学位条例》的规定，授予医学学士学位。), seal and a hanzi date, 证书编号 at the "
     "foot left"),
    ("diploma_record", "codebox", record_codebox, record_codebox_pdf,
     "Serif 备案表: 在线验证码 boxed at the top right, label：value rows ruled thin (身份证号, "
     "学校名称, dates as 2016/7/1, 毕业证书编号, 报告有效期至), note and 更新日期; PDF "
     "born-digital with a text layer"),
    ("social_insurance", "yearheads", si_yearheads, si_yearheads_pdf,
     "Sans app print: 姓名, 社会保障号码, 参保单位 lines, a table whose months stand under grey "
     "year rows (2025年度; 月份 08月 | 险种 | 缴费基数 | 缴费状态), a 注, seal and an ISO date; "
     "PDF born-digital with a text layer"),
)  # fmt: skip
