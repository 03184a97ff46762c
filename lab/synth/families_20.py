"""A twentieth layout family per material (issue 15, eighteenth round): other issuers, held out.

Every family of the earlier modules has been run and looked at (`families.LOOKED_AT`), so these
are the new *held-out* ones, written without running the readers on them and never adjusted to
suit the readers. This round covers every material: a
Serif probation proof whose particulars sit under column heads with 科室意见 and 单位意见 boxes,
a Sans practice-period proof as a one-person row of a 定期考核 list, a Ming pledge with numbered
promises signed and dated by hand, a Kai licence whose subjects run on as one wrapped line, a
Hei 专长 certificate with its number stamped in red-brown, a qualification certificate dated in
hanzi, a Hei practice certificate with its labels right-aligned to the colon, a Ming diploma
naming the birth date and 籍贯, a Sans degree with the degree on a line of its own, a 备案表
whose labels head their values, and a 社保 print grouped by insurance with months in 年月.
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
    sign_off,
)
from lab.synth.render import INK, Canvas, Doc, Rendered, font, iso, paper

# --------------------------------------------------------------------------------------------
# 试用期考核证明: column heads over one row, two opinion boxes


def probation_opinions(doc: Doc, rng: random.Random) -> Rendered:
    """A probation proof (portrait, Song/Serif) from a hospital's 人事科: the title, a ruled
    table whose heads run across (姓名 | 公民身份号码 | 所在科室 | 考核结果) over one row of
    values, 用人单位 and 试用期限 (2024年07月01日至2025年06月30日) under it, a 科室意见 box and a
    单位意见 box, the unit's seal over its name and a padded date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 254, 251), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 200, "试用期考核证明", "serif_bold", 58, INK, spacing=10, body=False)
    vk = face("serif", *f.values())
    x0, x1 = 90.0, w - 90.0
    widths = (240.0, 360.0, 230.0, x1 - x0 - 830.0)
    heads = ("姓名", "公民身份号码", "所在科室", "考核结果")
    values = (f["name"], f["id_number"], f["department"], f["result"])
    top, rh = 290.0, 84.0
    for r in range(3):
        d.line((x0, top + r * rh, x1, top + r * rh), fill=INK, width=2)
    x = x0
    for wd, head, value in zip(widths, heads, values, strict=True):
        d.line((x, top, x, top + 2 * rh), fill=INK, width=2)
        cv.text((x + 14, top + rh * 0.62), head, "serif", 28, GREY)
        k = face(vk, value)
        cv.text((x + 12, top + rh * 1.62), value, k, fit(k, 30, value, wd - 22, 24))
        x += wd
    d.line((x1, top, x1, top + 2 * rh), fill=INK, width=2)
    y = top + 2 * rh + 80
    unit = f["work_unit"]
    uk = face(vk, unit)
    x = cv.text((x0, y), "用人单位：", "serif", 30)
    cv.text((x, y), unit, uk, fit(uk, 32, unit, x1 - x, 26))
    span = f"{fmt_date(f['period_start'], 'pad')}至{fmt_date(f['period_end'], 'pad')}"
    x = cv.text((x0, y + 70), "试用期限：", "serif", 30)
    cv.text((x, y + 70), span, "serif", fit("serif", 32, span, x1 - x, 26))
    y += 130
    d.rectangle((x0, y, x1, y + 170), outline=INK, width=2)
    cv.text((x0 + 20, y + 50), "科室意见：", "serif", 30)
    cv.text((x0 + 60, y + 120), "该同志试用期内工作认真，同意按期转正。", "serif", 30)
    y += 190
    d.rectangle((x0, y, x1, y + 460), outline=INK, width=2)
    cv.text((x0 + 20, y + 50), "单位意见：", "serif", 30)
    cv.text((x0 + 60, y + 120), "经考核，情况属实。", "serif", 30)
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "pad")], x1 - 30, y + 330, uk,
             fit(uk, 32, unit, 640, 26), unit, radius=125, lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# 执业期考核证明: one person's row of a 定期考核 list


def practice_period_listrow(doc: Doc, rng: random.Random) -> Rendered:
    """A practice-period proof (portrait, Sans) as a 卫健委 periodic-assessment list cut to one
    person: the title, 考核机构 and 考核周期 (2016年4月6日—2026年1月8日) lines, a table with
    heads across (序号 | 姓名 | 身份证号码 | 执业类别 | 考核结果) and one row, 执业机构 under it,
    a note, the unit's seal over its name and a date in 年月日."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.4)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 190, "医师定期考核执业期考核证明", "sans_bold", 50, INK, body=False)
    vk = face("sans", *f.values())
    x0, x1 = 90.0, w - 90.0
    span = f"{fmt_date(f['period_start'], 'cn')}—{fmt_date(f['period_end'], 'cn')}"
    cv.text((x0, 290), f"考核周期：{span}", "sans", 30)
    top, rh = 350.0, 76.0
    widths = (90.0, 240.0, 380.0, 170.0, x1 - x0 - 880.0)
    heads = ("序号", "姓名", "身份证号码", "执业类别", "考核结果")
    values = ("1", f["name"], f["id_number"], f["practice_category"], f["result"])
    d.rectangle((x0, top, x1, top + rh), fill=(228, 228, 230))
    for r in range(3):
        d.line((x0, top + r * rh, x1, top + r * rh), fill=INK, width=2)
    x = x0
    for wd, head, value in zip(widths, heads, values, strict=True):
        d.line((x, top, x, top + 2 * rh), fill=INK, width=2)
        cv.text((x + 12, top + rh * 0.64), head, "sans_bold", 26)
        k = face(vk, value)
        cv.text((x + 12, top + rh * 1.64), value, k, fit(k, 28, value, wd - 20, 26))
        x += wd
    d.line((x1, top, x1, top + 2 * rh), fill=INK, width=2)
    y = top + 2 * rh + 80
    unit = f["work_unit"]
    uk = face(vk, unit)
    x = cv.text((x0, y), "执业机构：", "sans", 30)
    cv.text((x, y), unit, uk, fit(uk, 30, unit, x1 - x, 26))
    note = "注：本证明仅用于医师资格考试报名，复印无效。"
    y = paragraph(cv, note, (), x0, x1, y + 90, "sans", 28, 56, indent=False)
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "cn")], x1, y + 200, uk,
             fit(uk, 32, unit, 640, 26), unit, radius=122, lead=60)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# 承诺书: Ming, numbered promises, signed by hand


def pledge_ming(doc: Doc, rng: random.Random) -> Rendered:
    """A pledge (portrait, Ming): the title, 考生姓名 / 身份证件号码 / 毕业院校 / 所学专业 /
    预计毕业时间 as lines, then three numbered promises (一、二、三、), 承诺人（签字） and 日期
    written by hand in blue-black (2026年1月15日); no seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 254, 252), rng, 0.5)
    cv = Canvas(img)
    cv.centered(w / 2, 210, "承诺书", "ming", 68, INK, spacing=36, body=False)
    vk = face("ming", *f.values())
    g = iso(f["expected_graduation"] + "-01")
    rows = [("考生姓名", f["name"]), ("身份证件号码", f["id_number"]), ("毕业院校", f["school"]),
            ("所学专业", f["major"]), ("预计毕业时间", f"{g.year}年{g.month}月")]  # fmt: skip
    x0, x1 = 120.0, w - 120.0
    y = 340.0
    for label, value in rows:
        x = cv.text((x0, y), f"{label}：", "ming", 32)
        k = face(vk, value)
        cv.text((x + 6, y), value, k, fit(k, 34, value, x1 - x - 6, 26))
        y += 66
    y += 30
    for item in (
        "一、本人所提交的报考材料真实、准确、有效；",
        "二、本人将在规定时间内取得国家承认的毕业证书；",
        "三、如有不实或未能按期取得毕业证书，本人自愿承担由此造成的一切后果。",
    ):
        y = paragraph(cv, item, (), x0, x1, y, "ming", 32, 64, indent=False) + 12
    y += 170
    name = f["name"]
    x = cv.text((600, y), "承诺人（签字）：", "ming", 32)
    cv.text((x + 8, y + 6), name, face("kai", name), 50, BLUE_BLACK)
    d = iso(f["date"])
    x = cv.text((600, y + 110), "日期：", "ming", 32)
    cv.text((x + 8, y + 112), f"{d.year}年{d.month}月{d.day}日", "kai", 40, BLUE_BLACK)
    return Rendered(img, None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# 医疗机构执业许可证: Kai, the subjects run on


def licence_kaiwrap(doc: Doc, rng: random.Random) -> Rendered:
    """A licence (portrait, Kai at 32): the title in Song, 登记号 top right in grey, label：value
    lines (机构名称, 地址, 法定代表人, 主要负责人, 诊疗科目), the subjects run on after 诊疗科目
    separated by 、 and wrapped, 有效期限 2022-05-01至2027-04-30 under them, the seal over the
    issuer's name and a date in 年月日."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 252, 247), rng, 0.6)
    cv = Canvas(img)
    reg = f["registration_number"]
    x = cv.text((560, 120), "登记号：", "serif", 26, GREY)
    cv.text((x, 120), reg, "serif", fit("serif", 28, reg, w - 90 - x, 24))
    cv.centered(w / 2, 250, "医疗机构执业许可证", "serif_bold", 62, INK, spacing=6, body=False)
    vk = face("kai", *f.values())
    x0, x1 = 110.0, w - 110.0
    y = 370.0
    for label, value in (("机构名称", f["work_unit"]), ("地　　址", f["address"]),
                         ("法定代表人", f["legal_rep"]), ("主要负责人", f["head"])):  # fmt: skip
        x = cv.text((x0, y), f"{label}：", "kai", 32)
        k = face(vk, value)
        cv.text((x + 6, y), value, k, fit(k, 32, value, x1 - x - 6, 28))
        y += 72
    x = cv.text((x0, y), "诊疗科目：", "kai", 32)
    subjects = f["subjects"].split("；")
    sk = face(vk, *subjects)
    line_x = x + 6
    size = 32
    for i, subject in enumerate(subjects):
        piece = subject + ("、" if i < len(subjects) - 1 else "")
        width = cv.draw.textlength(piece, font=font(sk, size))
        if line_x + width > x1:
            y += 60
            line_x = x
        cv.text((line_x, y), piece, sk, size)
        line_x += width
    y += 90
    valid = f"{f['valid_from']}至{f['valid_until']}"
    x = cv.text((x0, y), "有效期限：", "kai", 32)
    cv.text((x + 6, y), valid, "kai", fit("kai", 32, valid, x1 - x - 6, 28))
    issuer = f["issuer"]
    ik = face("kai", issuer)
    sign_off(img, cv, rng, [issuer, fmt_date(f["issue_date"], "cn")], x1, min(y + 220, h - 220),
             ik, fit(ik, 34, issuer, 720, 28), issuer, radius=125, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "licence")


# --------------------------------------------------------------------------------------------
# 确有专长/出师 certificate: a stamped number


def mentorship_stampedno(doc: Doc, rng: random.Random) -> Rendered:
    """A certificate (portrait, Hei): 证书编号 stamped top right in red-brown numbering-machine
    digits, the title, the photo top left beside 姓名 / 性别 / 公民身份号码 lines, 专长内容 (or
    出师专业) under them, a one-line statement, the issuer's seal over its name and a dotted
    date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (251, 250, 244), rng, 0.7)
    cv = Canvas(img)
    num = f["cert_number"]
    x = cv.text((640, 130), "No.", "mono", 30, (150, 60, 50))
    cv.text((x + 10, 130), num, "mono", fit("mono", 32, num, w - 100 - x, 26), (150, 60, 50))
    title = f.get("title") or "传统医学医术确有专长证书"
    cv.centered(w / 2, 270, title, "hei", fit("hei", 56, title, w - 200, 36), INK, body=False)
    _portrait(img, doc, (120, 360, 320, 610), (232, 234, 236))
    vk = face("hei", *f.values())
    taught = "师承" in title or "出师" in title
    rows = [("姓　　名", f["name"]), ("性　　别", f["gender"]), ("公民身份号码", f["id_number"]),
            ("出师专业" if taught else "专长内容", f["major"])]  # fmt: skip
    y = 410.0
    for i, (label, value) in enumerate(rows):
        left = 370.0 if i < 3 else 120.0
        y = y if i < 3 else max(y, 680.0)
        x = cv.text((left, y), f"{label}：", "hei", 30, GREY)
        k = face(vk, value)
        cv.text((x + 6, y), value, k, fit(k, 32, value, w - 110 - x, 26))
        y += 80
    what = "出师" if taught else "确有专长"
    y = paragraph(cv, f"经考核合格，准予{what}，特发此证。", (), 120, w - 120, y + 60, "hei", 32,
                  64)  # fmt: skip
    issuer = f["issuer"]
    ik = face("hei", issuer)
    sign_off(img, cv, rng, [issuer, fmt_date(f["issue_date"], "dot")], w - 120, y + 230, ik,
             fit(ik, 32, issuer, 640, 26), issuer, radius=122, lead=60)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 医师资格证书 / 医师执业证书: dated in hanzi, labels right-aligned


def qualification_hanzi(doc: Doc, rng: random.Random) -> Rendered:
    """A qualification certificate (portrait, Song/Serif): the title, the photo top left,
    管理号 (证书编码) top right, label：value lines (姓名, 性别, 出生日期, 身份证号码, 类别,
    级别) with grey labels, 批准日期 in hanzi (二〇一五年十二月五日), the authority's seal over
    its name."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 252, 246), rng, 0.6)
    cv = Canvas(img)
    cv.centered(w / 2, 200, "医师资格证书", "serif_bold", 64, INK, spacing=18, body=False)
    _portrait(img, doc, (120, 280, 330, 540), (238, 238, 236))
    num = f["qualification_number"]
    cv.text((400, 330), "管理号（证书编码）", "serif", 26, GREY)
    cv.text((400, 380), num, "serif", fit("serif", 30, num, w - 110 - 400, 26))
    vk = face("serif", *f.values())
    rows = [("姓　　名", f["name"]), ("性　　别", f["gender"]),
            ("出生日期", fmt_date(f["birth_date"], "hanzi")), ("身份证号码", f["id_number"]),
            ("类　　别", f["qual_category"]), ("级　　别", f["qualification"]),
            ("批准日期", fmt_date(f["issue_date"], "hanzi"))]  # fmt: skip
    y = 640.0
    for label, value in rows:
        x = cv.text((120, y), f"{label}：", "serif", 30, GREY)
        k = face(vk, value)
        cv.text((x + 8, y), value, k, fit(k, 34, value, w - 120 - x - 8, 26))
        y += 80
    authority = health_authority(iso(f["issue_date"]))
    ak = face("serif", authority)
    sign_off(img, cv, rng, [authority], w - 120, y + 150, ak, fit(ak, 32, authority, 640, 26),
             authority, radius=120, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


def practice_heiright(doc: Doc, rng: random.Random) -> Rendered:
    """A practice certificate (portrait, Hei): the title, labels right-aligned to one colon
    column (姓名 … 执业地点 (主要执业机构), 证书编码, 发证日期 2016年04月06日), the photo bottom
    left beside the seal over 发证机关 and its name."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 253), rng, 0.4)
    cv = Canvas(img)
    cv.centered(w / 2, 200, "医师执业证书", "hei", 64, INK, spacing=20, body=False)
    vk = face("hei", *f.values())
    rows = [("姓名", f["name"]), ("性别", f["gender"]), ("身份证号", f["id_number"]),
            ("医师级别", f["practice_level"]), ("执业类别", f["practice_category"]),
            ("执业范围", f["scope"]), ("执业地点", f["work_unit"]),
            ("证书编码", f["practice_number"]),
            ("发证日期", fmt_date(f["registration_date"], "pad"))]  # fmt: skip
    colon = 420.0
    y = 330.0
    for label, value in rows:
        lk = font("hei", 30)
        cv.text((colon - lk.getlength(f"{label}："), y), f"{label}：", "hei", 30, GREY)
        k = face(vk, value)
        cv.text((colon + 8, y), value, k, fit(k, 32, value, w - 120 - colon - 8, 26))
        y += 80
    _portrait(img, doc, (120, int(y + 40), 320, int(y + 290)), (236, 238, 238))
    issuer = f["issuer"]
    ik = face("hei", issuer)
    sign_off(img, cv, rng, ["发证机关", issuer], w - 120, y + 150, ik,
             fit(ik, 32, issuer, 620, 26), issuer, radius=118, lead=60)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# 毕业证书 / 学位证书: Ming with 籍贯, a Sans degree on its own line


def diploma_ming(doc: Doc, rng: random.Random) -> Rendered:
    """A diploma (portrait, Ming at 36): the title, the photo top centre, the running text
    (学生…，性别…，一九九六年十二月六日生，于2011年9月至2014年7月在本校…专业…年制…学习，修完
    教学计划规定的全部课程，成绩合格，准予毕业。), 校长 printed, the school's seal over its name
    and a date in 年月日, 证书编号 under the photo."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 251, 244), rng, 0.7)
    cv = Canvas(img)
    cv.centered(w / 2, 210, "毕业证书", "ming", 84, INK, spacing=44, body=False)
    _portrait(img, doc, (int(w / 2 - 100), 280, int(w / 2 + 100), 530), (232, 236, 240))
    num = f["diploma_number"]
    x = cv.text((300, 600), "证书编号：", "ming", 28, GREY)
    cv.text((x, 600), num, "serif", fit("serif", 30, num, w - 140 - x, 26))
    enrol, grad = iso(f["enrol"] + "-01"), iso(f["graduation"] + "-01")
    start, end = f"{enrol.year}年{enrol.month}月", f"{grad.year}年{grad.month}月"
    born = fmt_date(f["birth_date"], "hanzi")
    school = f["school"]
    text = (
        f"学生{f['name']}，性别{f['gender']}，{born}生，于{start}至{end}在{school}"
        f"{f['major']}专业{f['years']}年制{f['education_level']}学习，修完教学计划规定的全部"
        "课程，成绩合格，准予毕业。"
    )
    vk = face("ming", *f.values())
    keep = (f["name"], school, f["major"], end, start)
    y = paragraph(cv, text, keep, 140, w - 140, 720, vk, 36, 76)
    principal = f.get("principal") or ""
    x = cv.text((140, y + 90), "校长：", "ming", 34)
    if principal:
        cv.text((x, y + 90), principal, face("ming", principal), 34)
    sk = face("ming", school)
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "cn")], w - 140, y + 240, sk,
             fit(sk, 34, school, 620, 26), school, radius=125, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "diploma")


def degree_ownline(doc: Doc, rng: random.Random) -> Rendered:
    """A degree certificate (portrait, Sans): 学位证书 as the title, the photo top left with
    证书编号 beside it, the sentence (…，…，1997年12月7日生。在…完成了…专业的学习，成绩合格，
    经审核符合《中华人民共和国学位条例》的规定，授予) ending on the conferred degree printed
    large on a line of its own (医学硕士学位), 学位评定委员会主席 printed, the school's seal and
    a dashed date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 252), rng, 0.5)
    cv = Canvas(img)
    level = f["degree_level"]
    cv.centered(w / 2, 210, "学位证书", "sans_bold", 76, INK, spacing=30, body=False)
    _portrait(img, doc, (130, 290, 330, 540), (236, 236, 236))
    num = f["degree_number"]
    cv.text((400, 360), "证书编号", "sans", 26, GREY)
    cv.text((400, 410), num, "sans", fit("sans", 30, num, w - 130 - 400, 26))
    born = fmt_date(f["birth_date"], "cn")
    school = f["school"]
    field = "理学" if "护理" in f["major"] else "医学"
    text = (
        f"{f['name']}，{f['gender']}，{born}生。在{school}完成了{f['major']}专业{level}"
        "学位的学习，成绩合格，经审核符合《中华人民共和国学位条例》的规定，授予"
    )
    vk = face("sans", *f.values())
    y = paragraph(cv, text, (f["name"], school, f["major"], born), 140, w - 140, 660, vk, 36, 76)
    degree = f"{field}{level}学位"
    cv.centered(w / 2, y + 110, degree, "sans_bold", 52, INK)
    chair = f.get("chair") or ""
    x = cv.text((140, y + 240), "学位评定委员会主席：", "sans", 32)
    if chair:
        cv.text((x, y + 240), chair, face("sans", chair), 32)
    sk = face("sans", school)
    sign_off(img, cv, rng, [school, f["issue_date"]], w - 140, y + 390, sk,
             fit(sk, 34, school, 640, 26), school, radius=122, lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表: labels heading their values, born-digital PDF


def headed_rows(f: dict[str, str]) -> list[tuple[tuple[str, str], ...]]:
    """This layout's rows of cells, each (label, value): the label prints above its value;
    dates as stored."""
    return [
        (("姓名", f["name"]), ("性别", f["gender"]), ("出生日期", f["birth_date"])),
        (("证件号码", f["id_number"]), ("学历层次", f["record_level"])),
        (("毕(结)业院校", f["school"]),),
        (("专业", f["major"]), ("学制", f["years"]), ("学历类别", f["record_category"])),
        (("入学日期", f["enrol_date"]), ("毕(结)业日期", f["graduation_date"])),
        (("证书编号", f["diploma_number"]), ("校(院)长姓名", f.get("principal") or "")),
    ]


def record_headed(doc: Doc, rng: random.Random) -> Rendered:
    """A 备案表 (portrait, Sans): the title, 更新日期 under it, the photo top right, ruled cells
    each holding a small grey label above its value (two or three cells a row, ISO dates), then
    在线验证码 and 报告有效期至 in a grey band at the foot."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.4)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    cv.centered(w / 2 - 120, 190, title, "sans_bold",
                fit("sans_bold", 50, title, w - 520, 30), INK, body=False)  # fmt: skip
    cv.text((110, 260), f"更新日期：{f['update_date']}", "sans", 26, GREY)
    _portrait(img, doc, (w - 300, 100, w - 110, 340), None)
    vk = face("sans", *f.values())
    x0, x1 = 100.0, w - 100.0
    y, rh = 390.0, 118.0
    for cells in headed_rows(f):
        cw = (x1 - x0) / len(cells)
        d.line((x0, y, x1, y), fill=RULE, width=2)
        for i, (label, value) in enumerate(cells):
            cx = x0 + i * cw
            if i:
                d.line((cx, y, cx, y + rh), fill=RULE, width=2)
            cv.text((cx + 16, y + 40), label, "sans", 26, GREY)
            if value:
                k = face(vk, value)
                cv.text((cx + 16, y + 94), value, k, fit(k, 30, value, cw - 30, 26))
        y += rh
    d.line((x0, y, x1, y), fill=RULE, width=2)
    d.rectangle((x0, 390, x1, y), outline=RULE, width=2)
    y += 60
    d.rectangle((x0, y, x1, y + 140), fill=(236, 236, 238))
    cv.text((x0 + 20, y + 55), f"在线验证码：{f['verification_code']}", "sans", 28)
    cv.text((x0 + 20, y + 115), f"报告有效期至：{f['valid_until']}", "sans", 28)
    return Rendered(img, None, cv.min_glyph, "diploma_record")


def record_headed_pdf(fields: dict[str, str]) -> bytes:
    """The 备案表 as downloaded: a born-digital PDF with a text layer, labels over values."""
    from lab.synth import pdfdoc
    from lab.synth.families_edu import FIXED_DATE

    title = fields["title"]
    rows = headed_rows(fields)
    tail = [f"在线验证码：{fields['verification_code']}",
            f"报告有效期至：{fields['valid_until']}"]  # fmt: skip
    texts = [title, f"更新日期：{fields['update_date']}"]
    texts += [f"{label} {value}" for cells in rows for label, value in cells]
    pdf = pdfdoc._new_pdf(title, FIXED_DATE, [*texts, *tail])
    pdf.set_font("noto", size=15)
    pdf.set_xy(15, 14)
    pdf.cell(150, 10, title, align="C")
    pdf.set_font("noto", size=9)
    pdf.set_xy(15, 24)
    pdf.cell(150, 6, f"更新日期：{fields['update_date']}")
    y = 36.0
    for cells in rows:
        wd = 180 / len(cells)
        for i, (label, value) in enumerate(cells):
            pdf.rect(15 + i * wd, y, wd, 14)
            pdf.set_font("noto", size=8)
            pdf.set_xy(16 + i * wd, y + 1)
            pdf.cell(wd - 2, 5, label)
            pdf.set_font("noto", size=10)
            pdf.set_xy(16 + i * wd, y + 7)
            pdf.cell(wd - 2, 6, value)
        y += 14
    y += 6
    pdf.set_font("noto", size=10)
    for line in tail:
        pdf.set_xy(15, y)
        pdf.cell(180, 7, line)
        y += 8
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 社会保险: grouped by insurance, months in 年月


def grouped_rows(f: dict[str, str]) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(insurance, [(month 2025年08月, base, state)]) in the order the insurances were paid."""
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for m, kind, base, state in _payments(f):
        groups.setdefault(kind, []).append((f"{m[:4]}年{m[4:]}月", base, state))
    return list(groups.items())


def si_grouped(doc: Doc, rng: random.Random) -> Rendered:
    """A 社保 print (portrait, Ming): the title, 参保人姓名, 社会保障号码 and 参保单位 as lines,
    then a table grouped by insurance (a heading row per 险种, then 缴费年月 2025年08月 | 缴费基数
    | 缴费状态 rows), the agency's seal over its name and a date in 年月日."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 254), rng, 0.4)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    cv.centered(w / 2, 160, title, "ming", fit("ming", 48, title, w - 200, 30), INK, body=False)
    vk = face("ming", f["name"], f["work_unit"])
    y = 250.0
    for label, value in (("参保人姓名", f["name"]), ("社会保障号码", f["id_number"]),
                         ("参保单位", f["work_unit"])):  # fmt: skip
        x = cv.text((100, y), f"{label}：", "ming", 28)
        k = face(vk, value)
        cv.text((x + 6, y), value, k, fit(k, 30, value, w - 110 - x, 26))
        y += 56
    groups = grouped_rows(f)
    n = sum(len(rows) + 1 for _, rows in groups) + 1
    rh = min(50.0, 1020.0 / max(1, n))
    size = max(26, min(28, int(rh * 0.6)))
    x0, x1 = 100.0, w - 100.0
    cols = (x0 + 40, x0 + 420, x0 + 760)
    top = y
    d.line((x0, top, x1, top), fill=INK, width=2)
    for cx, head in zip(cols, ("缴费年月", "缴费基数", "缴费状态"), strict=True):
        cv.text((cx, top + rh * 0.72), head, "ming", size)
    y = top + rh
    for kind, rows in groups:
        d.line((x0, y, x1, y), fill=INK, width=2)
        cv.text((x0 + 14, y + rh * 0.72), f"险种：{kind}", "ming", size)
        y += rh
        d.line((x0, y, x1, y), fill=RULE, width=1)
        for row in rows:
            for cx, cell in zip(cols, row, strict=True):
                cv.text((cx, y + rh * 0.72), cell, "ming", size)
            y += rh
    d.line((x0, y, x1, y), fill=INK, width=2)
    agency = f["agency"]
    ak = face("ming", agency)
    sign_off(img, cv, rng, [agency, fmt_date(f["print_date"], "cn")], x1, min(y + 110, h - 140),
             ak, fit(ak, 28, agency, 560, 26), agency, radius=110, lead=52)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_grouped_pdf(fields: dict[str, str]) -> bytes:
    """The print as downloaded from the portal: a born-digital PDF with a text layer."""
    from lab.synth import pdfdoc
    from lab.synth.families_edu import FIXED_DATE

    title = fields["title"]
    person = [f"参保人姓名：{fields['name']}", f"社会保障号码：{fields['id_number']}",
              f"参保单位：{fields['work_unit']}"]  # fmt: skip
    groups = grouped_rows(fields)
    texts = [title, *person, *(" ".join(r) for _, rows in groups for r in rows)]
    pdf = pdfdoc._new_pdf(title, FIXED_DATE, texts)
    pdf.set_font("noto", size=14)
    pdf.set_xy(15, 14)
    pdf.cell(180, 10, title, align="C")
    pdf.set_font("noto", size=10)
    y = 28.0
    for line in person:
        pdf.set_xy(15, y)
        pdf.cell(180, 6, line)
        y += 7
    y += 3
    for kind, rows in groups:
        pdf.set_xy(15, y)
        pdf.cell(180, 6, f"险种：{kind}", border=1)
        y += 6
        for row in rows:
            pdf.set_xy(15, y)
            for wd, cell in zip((60, 60, 60), row, strict=True):
                pdf.cell(wd, 6, cell, border=1)
            y += 6
    pdf.set_xy(15, y + 6)
    pdf.cell(180, 6, f"{fields['agency']}  {fmt_date(fields['print_date'], 'cn')}")
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# Registration

HELD_OUT = (
    ("probation_cert", "opinions", probation_opinions, None,
     "Serif proof: a table with heads across (姓名 | 公民身份号码 | 所在科室 | 考核结果) over "
     "one row, 用人单位 and 试用期限 padded 年月日 under it, 科室意见 and 单位意见 boxes, seal "
     "over the unit and a padded date"),
    ("practice_period_cert", "listrow", practice_period_listrow, None,
     "Sans 定期考核 list cut to one person: 考核周期 in 年月日 with a dash, a grey-headed row "
     "(序号 | 姓名 | 身份证号码 | 执业类别 | 考核结果), 执业机构 under it, a note, seal over the "
     "unit and a date in 年月日"),
    ("pledge", "ming", pledge_ming, None,
     "Ming 承诺书: 考生姓名 / 身份证件号码 / 毕业院校 / 所学专业 / 预计毕业时间 lines, three "
     "numbered promises, 承诺人（签字） and the date in 年月日 written by hand in blue-black; "
     "no seal"),
    ("licence", "kaiwrap", licence_kaiwrap, None,
     "Kai licence: 登记号 top right in grey, label：value lines, the subjects run on after "
     "诊疗科目 separated by 、 and wrapped, 有效期限 ISO …至…, seal over the issuer and a date "
     "in 年月日"),
    ("mentorship_cert", "stampedno", mentorship_stampedno, None,
     "Hei certificate: the number stamped top right in red-brown digits (No.), photo top left "
     "beside 姓名 / 性别 / 公民身份号码, 专长内容 under, a one-line statement, seal and a dotted "
     "date"),
    ("assistant_qualification", "hanzi", qualification_hanzi, None,
     "Serif certificate: photo top left, 管理号（证书编码） beside it, grey label：value lines "
     "with 出生日期 and 批准日期 in hanzi, seal over the authority"),
    ("assistant_practice", "heiright", practice_heiright, None,
     "Hei page: labels right-aligned to one colon column (执业地点 for the unit, 发证日期 "
     "padded 年月日), the photo bottom left beside the seal over 发证机关"),
    ("diploma", "ming", diploma_ming, None,
     "Ming diploma: photo top centre, 证书编号 under it, the running text with the birth date "
     "in hanzi (于2011年9月至2014年7月在…学习，修完…), 校长 printed, seal and a date in 年月日"),
    ("degree", "ownline", degree_ownline, None,
     "Sans degree: photo top left with 证书编号 beside it, the sentence ending in 授予, the "
     "degree (医学硕士学位) large on a line of its own, 主席 printed, seal and an ISO date"),
    ("diploma_record", "headed", record_headed, record_headed_pdf,
     "Sans 备案表: photo top right, ruled cells with a small grey label above each value (two "
     "or three a row, ISO dates), 在线验证码 and 报告有效期至 in a grey band; PDF born-digital "
     "with a text layer, labels over values"),
    ("social_insurance", "grouped", si_grouped, si_grouped_pdf,
     "Ming print: 参保人姓名 / 社会保障号码 / 参保单位 lines, a table grouped by insurance (a 险种 "
     "heading row, then 缴费年月 2025年08月 | 缴费基数 | 缴费状态), seal and a date in 年月日; PDF "
     "born-digital with a text layer"),
)  # fmt: skip
