"""A twenty-second layout family per material (issue 15, twentieth round): other issuers, held out.

Every family of the earlier modules has been run and looked at (`families.LOOKED_AT`), so these
are the new *held-out* ones, written without running the readers on them and never adjusted to
suit the readers. This round covers every material: a
Ming probation proof headed by the hospital's name and a 文号 (人字〔2025〕37号) over a rule, its
particulars in running text and a 抄送 line at the foot, a Hei practice-period proof whose
table puts grey label rows over value rows, a Sans pledge of numbered promises whose
particulars stand in the signature block at the foot, a Song licence whose 有效期限 sits in a
grey band at the foot and whose subjects run three to a row, a Ming certificate sealed twice
(考核机构 and 发证机关 side by side), a qualification certificate of values over rules with
grey captions beneath, a Kai practice certificate in running text (准予在…注册执业), a Song
diploma cut from its stub with half a 骑缝章 on its left edge, a Serif degree with the photo at
the foot beside the seal, a 备案表 of two-column pairs with a QR block at the foot, and a Hei
社保 print with a 打印流水号 and 验证码 over a boxed person block.
Every value the material's checks compare is printed whole, exactly as the form's truth holds
it; a typeface lacking a character of a value gives way to Noto.
"""

from __future__ import annotations

import random
import zlib

from lab.synth.families_5 import qr_block
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
from lab.synth.render import INK, Canvas, Doc, Rendered, draw_stamp, font, iso, paper

#: the grey of a label row or band
BAND = (228, 228, 231)

# --------------------------------------------------------------------------------------------
# 试用期考核证明: a 文号 under the hospital's name, running text, 抄送


def probation_docket(doc: Doc, rng: random.Random) -> Rendered:
    """A probation proof (portrait, Ming at 34) from a hospital's 人事科: the unit's name as the
    head, the title, a 文号 (人字〔2025〕37号) right over a rule, the particulars in running text
    (兹有…同志，身份证件号码…，系我单位…科工作人员，试用期自2024年9月1日起至2025年8月31日止。…
    其试用期考核结果为：合格。), 特此证明, the seal over the unit and a hanzi date, then a
    抄送 line under a grey rule at the foot."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 252, 248), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    unit = f["work_unit"]
    vk = face("ming", *f.values())
    uk = face(vk, unit)
    cv.centered(w / 2, 170, unit, uk, fit(uk, 44, unit, w - 200, 30), INK, body=False)
    cv.centered(w / 2, 270, "试用期考核证明", "ming", 60, INK, spacing=10, body=False)
    no = f"人字〔{iso(f['date']).year}〕{rng.randint(11, 96)}号"
    cv.text((w - 120 - font("ming", 30).getlength(no), 350), no, "ming", 30)
    d.line((110, 380, w - 110, 380), fill=INK, width=3)
    start, end = fmt_date(f["period_start"], "cn"), fmt_date(f["period_end"], "cn")
    dept = f.get("department") or "临床科室"
    text = (
        f"兹有{f['name']}同志，身份证件号码{f['id_number']}，系我单位{dept}工作人员，"
        f"试用期自{start}起至{end}止。试用期满，经所在科室考核、人事部门审核，"
        f"其试用期考核结果为：{f['result']}。"
    )
    keep = (f["name"], f["id_number"], start, end, f["result"])
    y = paragraph(cv, text, keep, 120, w - 120, 480, vk, 34, 76)
    y = paragraph(cv, "特此证明。", (), 120, w - 120, y + 10, vk, 34, 76)
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "hanzi")], w - 130, y + 200, uk,
             fit(uk, 34, unit, 640, 28), unit, radius=122, lead=64)  # fmt: skip
    foot = h - 200
    d.line((110, foot, w - 110, foot), fill=RULE, width=2)
    cv.text((120, foot + 56), "抄送：本人人事档案", "ming", 28, GREY)
    copies = "（共印二份）"
    cv.text((w - 120 - font("ming", 28).getlength(copies), foot + 56), copies, "ming", 28, GREY)
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# 执业期考核证明: Hei, grey label rows over value rows


def _head_rows(
    cv: Canvas,
    groups: list[list[tuple[str, str, float]]],
    x0: float,
    x1: float,
    top: float,
    vk: str,
) -> float:
    """A ruled table of groups: a grey row of labels over a row of their values, each cell
    `frac` of the width; returns the bottom edge."""
    d = cv.draw
    hh, vh = 58.0, 76.0
    y = top
    for group in groups:
        xs = [x0]
        for _, _, frac in group:
            xs.append(xs[-1] + (x1 - x0) * frac)
        d.rectangle((x0, y, x1, y + hh), fill=BAND)
        for i, (label, value, _) in enumerate(group):
            cv.text((xs[i] + 14, y + hh * 0.7), label, "hei", 28, GREY)
            k = face(vk, value)
            size = fit(k, 32, value, xs[i + 1] - xs[i] - 28, 26)
            cv.text((xs[i] + 14, y + hh + vh * 0.66), value, k, size)
        for x in xs[1:-1]:
            d.line((x, y, x, y + hh + vh), fill=INK, width=2)
        d.line((x0, y, x1, y), fill=INK, width=2)
        d.line((x0, y + hh, x1, y + hh), fill=RULE, width=1)
        y += hh + vh
    d.line((x0, y, x1, y), fill=INK, width=2)
    d.line((x0, top, x0, y), fill=INK, width=2)
    d.line((x1, top, x1, y), fill=INK, width=2)
    return y


def practice_period_headrow(doc: Doc, rng: random.Random) -> Rendered:
    """A practice-period proof (portrait, Hei) from a hospital's 医务科: the title, a grey
    （医师定期考核） under it, a ruled table whose grey label rows stand over their value rows
    (姓名 | 性别 | 执业类别; 身份证件号码; 执业单位; 考核周期 2018年06月21日—2026年01月01日 |
    考核结论), a closing sentence, the seal over the unit's name and a dotted date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 252), rng, 0.4)
    cv = Canvas(img)
    cv.centered(w / 2, 200, "执业期考核证明", "hei", 60, INK, spacing=12, body=False)
    cv.centered(w / 2, 262, "（医师定期考核）", "hei", 30, GREY)
    vk = face("hei", *f.values())
    span = f"{fmt_date(f['period_start'], 'pad')}—{fmt_date(f['period_end'], 'pad')}"
    groups = [
        [("姓名", f["name"], 0.4), ("性别", f["gender"], 0.2),
         ("执业类别", f["practice_category"], 0.4)],
        [("身份证件号码", f["id_number"], 1.0)],
        [("执业单位", f["work_unit"], 1.0)],
        [("考核周期", span, 0.72), ("考核结论", f["result"], 0.28)],
    ]  # fmt: skip
    x0, x1 = 100.0, w - 100.0
    y = _head_rows(cv, groups, x0, x1, 330, vk)
    text = "上述人员在考核周期内参加医师定期考核，考核结论如上。特此证明。"
    y = paragraph(cv, text, (), x0, x1, y + 90, "hei", 32, 68)
    unit = f["work_unit"]
    uk = face("hei", unit)
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "dot")], x1, y + 170, uk,
             fit(uk, 32, unit, 640, 26), unit, radius=122, lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# 承诺书: numbered promises, the particulars in the signature block


def pledge_signblock(doc: Doc, rng: random.Random) -> Rendered:
    """A pledge (portrait, Sans) as an exam site hands it out: the title, 本人郑重承诺：, three
    numbered promises (一、… 二、… 三、…) in running text, then at the foot a signature block
    whose lines carry the particulars: 承诺人（签字） with the name written by hand in
    blue-black, 身份证件号码, 就读院校 and 专业 printed, 日期 written by hand (2026年1月17日);
    no seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.3)
    cv = Canvas(img)
    cv.centered(w / 2, 200, "承诺书", "sans_bold", 64, INK, spacing=24, body=False)
    x0, x1 = 110.0, w - 110.0
    cv.text((x0, 330), "本人郑重承诺：", "sans", 32)
    y = 330.0
    g = iso(f["expected_graduation"] + "-01")
    promises = (
        f"一、本人预计于{g.year}年{g.month}月毕业，将在规定时间内取得毕业证书，并按要求提交审核。",
        "二、本人所提交的报名信息和证明材料真实、准确、完整，不存在弄虚作假行为。",
        "三、如因不能按期毕业或材料不实导致考试资格被取消，本人自愿承担全部责任。",
    )
    y += 80
    for text in promises:
        y = paragraph(cv, text, (), x0, x1, y, "sans", 30, 62, indent=False) + 14
    vk = face("sans", *f.values())
    bx = 470.0
    y = max(y + 120, 1040.0)
    name = f["name"]
    x = cv.text((bx, y), "承诺人（签字）：", "sans", 30)
    cv.text((x + 10, y + 6), name, face("kai", name), 50, BLUE_BLACK)
    for label, value in (("身份证件号码：", f["id_number"]), ("就读院校：", f["school"]),
                         ("专　　业：", f["major"])):  # fmt: skip
        y += 84
        x = cv.text((bx, y), label, "sans", 28, GREY)
        k = face(vk, value)
        cv.text((x + 6, y), value, k, fit(k, 30, value, x1 - x - 6, 26))
    y += 96
    dt = iso(f["date"])
    x = cv.text((bx, y), "日　　期：", "sans", 28, GREY)
    cv.text((x + 10, y + 4), f"{dt.year}年{dt.month}月{dt.day}日", "kai", 42, BLUE_BLACK)
    return Rendered(img, None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# 医疗机构执业许可证: the validity in a grey band at the foot


def licence_validband(doc: Doc, rng: random.Random) -> Rendered:
    """A licence (portrait, Song/Serif): the title, 登记号 right under it, label：value
    lines with spaced labels (名　　称, 地　　址, 法定代表人, 主要负责人), 诊疗科目 with the
    subjects three (or two) to a row, unruled, the seal over the issuer's name and a padded
    date, then a grey band across the foot: 有效期限：自2021年07月01日至2026年06月30日."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 252, 246), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 190, "医疗机构执业许可证", "serif_bold", 62, INK, spacing=6, body=False)
    vk = face("serif", *f.values())
    x0, x1 = 110.0, w - 110.0
    reg = f"登记号：{f['registration_number']}"
    cv.text((x1 - font("serif", 28).getlength(reg), 270), reg, "serif", 28)
    y = 360.0
    for label, value in (("名　　称", f["work_unit"]), ("地　　址", f["address"]),
                         ("法定代表人", f["legal_rep"]), ("主要负责人", f["head"])):  # fmt: skip
        x = cv.text((x0, y), f"{label}：", "serif", 30)
        k = face(vk, value)
        cv.text((x + 6, y), value, k, fit(k, 32, value, x1 - x - 6, 26))
        y += 72
    cv.text((x0, y + 10), "诊疗科目：", "serif", 30)
    subjects = f["subjects"].split("；")
    sk = face(vk, *subjects)
    left = x0 + 40
    widest = max(font(sk, 28).getlength(s) for s in subjects)
    cols = 3 if widest <= (x1 - left) / 3 - 20 else 2
    cw = (x1 - left) / cols
    rows = -(-len(subjects) // cols)
    lead = min(56.0, 480.0 / max(1, rows))
    y += 76
    for i, subject in enumerate(subjects):
        r, c = divmod(i, cols)
        size = fit(sk, 28, subject, cw - 20, 26)
        cv.text((left + c * cw, y + r * lead), subject, sk, size)
    y += rows * lead
    issuer = f["issuer"]
    ik = face("serif", issuer)
    band = h - 230
    sign_off(img, cv, rng, [issuer, fmt_date(f["issue_date"], "pad")], x1,
             min(y + 130, band - 190), ik, fit(ik, 32, issuer, 640, 26), issuer, radius=122,
             lead=62)  # fmt: skip
    d.rectangle((x0 - 20, band, x1 + 20, band + 96), fill=BAND)
    valid = f"有效期限：自{fmt_date(f['valid_from'], 'pad')}至{fmt_date(f['valid_until'], 'pad')}"
    cv.centered(w / 2, band + 62, valid, "serif", 32)
    return Rendered(img, None, cv.min_glyph, "licence")


# --------------------------------------------------------------------------------------------
# 确有专长/出师 certificate: two seals side by side


def _assessor(issuer: str) -> str:
    """The body that assessed the holder, beside the issuer (its sister authority)."""
    if "中医药管理局" in issuer:
        return issuer.replace("中医药管理局", "卫生健康委员会")
    if "卫生健康委员会" in issuer:
        return issuer.replace("卫生健康委员会", "中医药管理局")
    return "中医医术确有专长考核专家组"


def mentorship_cosigned(doc: Doc, rng: random.Random) -> Rendered:
    """A certificate (portrait, Ming at 32): the title, the photo top left with 姓　　名,
    性　　别, 身份证号 lines beside it, 专长内容 or 出师专业 and 证书编号 lines, a statement, then
    two sealed blocks side by side at the foot: 考核机构 (the issuer's sister authority) on the
    left, 发证机关 with a hanzi date on the right."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 251, 245), rng, 0.6)
    cv = Canvas(img)
    title = f.get("title") or "传统医学医术确有专长证书"
    cv.centered(w / 2, 200, title, "ming", fit("ming", 54, title, w - 200, 36), INK,
                body=False)  # fmt: skip
    _portrait(img, doc, (120, 280, 320, 530), (236, 236, 232))
    taught = "师承" in title or "出师" in title
    vk = face("ming", *f.values())
    y = 350.0
    for label, value in (("姓　　名", f["name"]), ("性　　别", f["gender"]),
                         ("身份证号", f["id_number"])):  # fmt: skip
        x = cv.text((370, y), f"{label}：", "ming", 32)
        k = face(vk, value)
        cv.text((x + 6, y), value, k, fit(k, 32, value, w - 110 - x - 6, 26))
        y += 80
    y = 630.0
    for label, value in (("出师专业" if taught else "专长内容", f["major"]),
                         ("证书编号", f["cert_number"])):  # fmt: skip
        x = cv.text((120, y), f"{label}：", "ming", 32)
        k = face(vk, value)
        cv.text((x + 6, y), value, k, fit(k, 32, value, w - 120 - x - 6, 26))
        y += 80
    what = "出师" if taught else "传统医学医术确有专长"
    text = f"该同志经考核合格，符合{what}有关规定，特发此证。"
    y = paragraph(cv, text, (), 120, w - 120, y + 60, vk, 34, 72)
    issuer = f["issuer"]
    assessor = _assessor(issuer)
    top = y + 200
    for right, head, lines in (
        (w / 2 - 40, "考核机构（盖章）", [assessor]),
        (w - 120.0, "发证机关（盖章）", [issuer, fmt_date(f["issue_date"], "hanzi")]),
    ):
        cv.text((right - font("ming", 28).getlength(head), top - 80), head, "ming", 28, GREY)
        k = face("ming", *lines)
        sign_off(img, cv, rng, lines, right, top, k, fit(k, 30, lines[0], 440, 26), lines[0],
                 radius=112, lead=60)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 医师资格证书: values over rules, grey captions beneath


def _captioned(cv: Canvas, cells: list[tuple[str, str, float, float]], y: float, vk: str) -> None:
    """Values centred over rules from x0 to x1, each with its label in grey under the rule."""
    for label, value, x0, x1 in cells:
        k = face(vk, value)
        size = fit(k, 34, value, x1 - x0 - 20, 26)
        cv.centered((x0 + x1) / 2, y, value, k, size)
        cv.draw.line((x0, y + 16, x1, y + 16), fill=INK, width=2)
        cv.centered((x0 + x1) / 2, y + 56, label, "serif", 26, GREY)


def qualification_caption(doc: Doc, rng: random.Random) -> Rendered:
    """A qualification certificate (portrait, Song/Serif): the title, the photo top centre,
    the values centred over rules with grey captions beneath (姓名 | 性别; 身份证件号码; 资格名称
    | 类别; 证书编码; 签发日期 2017.12.04), then 特发此证 and the authority's seal over its
    name."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 252, 246), rng, 0.6)
    cv = Canvas(img)
    cv.centered(w / 2, 200, "医师资格证书", "serif_bold", 64, INK, spacing=20, body=False)
    _portrait(img, doc, (int(w / 2 - 100), 260, int(w / 2 + 100), 510), (238, 238, 236))
    vk = face("serif", *f.values())
    x0, x1, mid = 140.0, w - 140.0, w / 2
    rows = [
        [("姓名", f["name"], x0, mid - 40), ("性别", f["gender"], mid + 40, x1)],
        [("身份证件号码", f["id_number"], x0, x1)],
        [
            ("资格名称", f["qualification"], x0, mid - 40),
            ("类别", f["qual_category"], mid + 40, x1),
        ],
        [("证书编码", f["qualification_number"], x0, x1)],
        [("签发日期", fmt_date(f["issue_date"], "dot"), x0, mid - 40)],
    ]
    y = 630.0
    for cells in rows:
        _captioned(cv, cells, y, vk)
        y += 150
    text = "持证人经国家医师资格考试合格，特发此证。"
    y = paragraph(cv, text, (), x0, x1, y + 10, "serif", 32, 68)
    authority = health_authority(iso(f["issue_date"]))
    sign_off(img, cv, rng, [authority], x1, y + 140, "serif",
             fit("serif", 32, authority, 700, 26), authority, radius=120, lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


# --------------------------------------------------------------------------------------------
# 医师执业证书: Kai running text


def practice_approval(doc: Doc, rng: random.Random) -> Rendered:
    """A practice certificate (portrait, Kai at 34): the title, the photo top centre, the
    particulars in running text (…，…，身份证号…，经审核，准予在…注册执业。执业级别：…；执业
    类别：…；执业范围：…。), 证书编码 as a line, the issuer's seal over its name and the
    registration date in hanzi (二〇一八年六月二十一日)."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 251, 244), rng, 0.6)
    cv = Canvas(img)
    cv.centered(w / 2, 200, "医师执业证书", "serif_bold", 64, INK, spacing=18, body=False)
    _portrait(img, doc, (int(w / 2 - 100), 260, int(w / 2 + 100), 510), (236, 238, 240))
    vk = face("kai", *f.values())
    text = (
        f"{f['name']}，{f['gender']}，身份证号{f['id_number']}，经审核，准予在"
        f"{f['work_unit']}注册执业。执业级别：{f['practice_level']}；执业类别："
        f"{f['practice_category']}；执业范围：{f['scope']}。"
    )
    keep = (f["name"], f["id_number"], f["work_unit"], f["practice_level"], f["scope"])
    y = paragraph(cv, text, keep, 130, w - 130, 640, vk, 34, 76)
    num = f["practice_number"]
    x = cv.text((130, y + 50), "证书编码：", "kai", 34)
    cv.text((x + 6, y + 50), num, "kai", fit("kai", 34, num, w - 130 - x - 6, 28))
    issuer = f["issuer"]
    ik = face("kai", issuer)
    sign_off(img, cv, rng, [issuer, fmt_date(f["registration_date"], "hanzi")], w - 130,
             y + 240, ik, fit(ik, 34, issuer, 640, 28), issuer, radius=120,
             lead=66)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# 毕业证书 / 学位证书: half a 骑缝章 on the edge; the photo at the foot


def diploma_seam(doc: Doc, rng: random.Random) -> Rendered:
    """A diploma (portrait, Song/Serif) cut from its stub: half the school's 骑缝章 on the left
    edge, 证书编号 top right, the title, the photo top left with 姓名, 性别, 出生日期 lines
    beside it, the running text (该生于2013年9月至2016年7月在本校…专业三年制中专学习，…准予毕业。),
    校（院）长 printed, the seal over the school's name and a hanzi date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (251, 249, 241), rng, 0.7)
    cv = Canvas(img)
    school = f["school"]
    draw_stamp(img, (rng.uniform(-6, 6), h * 0.46 + rng.uniform(-30, 30)), 120, school, rng)
    num = f"证书编号：{f['diploma_number']}"
    cv.text((w - 110 - font("serif", 28).getlength(num), 110), num, "serif", 28)
    cv.centered(w / 2, 230, "毕业证书", "serif_bold", 80, INK, spacing=40, body=False)
    _portrait(img, doc, (150, 300, 350, 550), (232, 234, 238))
    vk = face("serif", *f.values())
    y = 370.0
    for label, value in (("姓　　名", f["name"]), ("性　　别", f["gender"]),
                         ("出生日期", fmt_date(f["birth_date"], "cn"))):  # fmt: skip
        x = cv.text((410, y), f"{label}：", "serif", 32)
        k = face(vk, value)
        cv.text((x + 6, y), value, k, fit(k, 34, value, w - 130 - x - 6, 26))
        y += 80
    enrol, grad = iso(f["enrol"] + "-01"), iso(f["graduation"] + "-01")
    end = f"{grad.year}年{grad.month}月"
    text = (
        f"该生于{enrol.year}年{enrol.month}月至{end}在本校{f['major']}专业{f['years']}年制"
        f"{f['education_level']}学习，修完教学计划规定的全部课程，成绩合格，准予毕业。"
    )
    y = paragraph(cv, text, (end, f["major"]), 150, w - 130, 680, vk, 34, 76)
    principal = f.get("principal") or ""
    x = cv.text((150, y + 80), "校（院）长：", "serif", 32)
    if principal:
        cv.text((x, y + 80), principal, face("serif", principal), 32)
    sk = face("serif", school)
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "hanzi")], w - 130, y + 240, sk,
             fit(sk, 34, school, 640, 26), school, radius=125, lead=66)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "diploma")


def degree_photofoot(doc: Doc, rng: random.Random) -> Rendered:
    """A degree certificate (portrait, Song/Serif at 34): 学位证书 as the title, the sentence
    right under it (…，…，1999年1月27日生。在…专业完成了硕士研究生的学习计划，成绩合格，通过
    论文答辩。根据《中华人民共和国学位条例》的规定，授予医学硕士学位。), 学位评定委员会主席
    printed, then at the foot the photo on the left with 证书编号 under it and the school's
    seal over its name and a hanzi date on the right."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 253, 248), rng, 0.5)
    cv = Canvas(img)
    level = f["degree_level"]
    cv.centered(w / 2, 220, "学位证书", "serif_bold", 78, INK, spacing=34, body=False)
    field = "理学" if "护理" in f["major"] else "医学"
    school = f["school"]
    born = fmt_date(f["birth_date"], "cn")
    degree = f"{field}{level}学位"
    stage = "博士研究生" if level == "博士" else ("硕士研究生" if level == "硕士" else "本科")
    text = (
        f"{f['name']}，{f['gender']}，{born}生。在{school}{f['major']}专业完成了{stage}的学习"
        f"计划，成绩合格，通过论文答辩。根据《中华人民共和国学位条例》的规定，授予{degree}。"
    )
    vk = face("serif", *f.values())
    keep = (f["name"], school, f["major"], born, degree)
    y = paragraph(cv, text, keep, 130, w - 130, 380, vk, 34, 76)
    chair = f.get("chair") or ""
    x = cv.text((130, y + 80), "学位评定委员会主席：", "serif", 32)
    if chair:
        cv.text((x, y + 80), chair, face("serif", chair), 32)
    top = max(y + 220, 1050.0)
    _portrait(img, doc, (150, int(top), 350, int(top) + 250), (236, 236, 236))
    num = f["degree_number"]
    cv.text((130, top + 310), "证书编号：", "serif", 26, GREY)
    cv.text((130, top + 360), num, "serif", fit("serif", 30, num, 420, 26))
    sk = face("serif", school)
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "hanzi")], w - 130, top + 130,
             sk, fit(sk, 34, school, 580, 26), school, radius=122, lead=66)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表: two-column pairs, a QR block at the foot, born-digital PDF


def qrfoot_rows(f: dict[str, str]) -> list[tuple[tuple[str, str], ...]]:
    """This layout's rows of one or two (label, value) pairs in print order; dates dotted."""
    return [
        (("姓名", f["name"]), ("性别", f["gender"])),
        (("出生日期", fmt_date(f["birth_date"], "dot")), ("学制", f["years"])),
        (("证件号码", f["id_number"]),),
        (("学校名称", f["school"]),),
        (("专业", f["major"]), ("层次", f["record_level"])),
        (("学历类别", f["record_category"]), ("入学日期", fmt_date(f["enrol_date"], "dot"))),
        (("毕（结）业日期", fmt_date(f["graduation_date"], "dot")),
         ("校（院）长", f.get("principal") or "")),
        (("证书编号", f["diploma_number"]),),
    ]  # fmt: skip


def qrfoot_tail(f: dict[str, str]) -> list[str]:
    """The lines beside the QR block."""
    return [
        f"在线验证码：{f['verification_code']}",
        f"报告有效期至：{fmt_date(f['valid_until'], 'dot')}",
        "请登录学信网在线验证报告真伪",
    ]


def record_qrfoot(doc: Doc, rng: random.Random) -> Rendered:
    """A 备案表 (portrait, Sans): the title centred, 更新日期 under it, label：value pairs two to
    a row (one where a value is long) between thin grey rules, dates dotted, then a QR block
    bottom left with 在线验证码, 报告有效期至 and a 学信网 line beside it."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.3)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    cv.centered(w / 2, 190, title, "sans_bold", fit("sans_bold", 50, title, w - 200, 30), INK,
                body=False)  # fmt: skip
    cv.centered(w / 2, 250, f"更新日期：{fmt_date(f['update_date'], 'dot')}", "sans", 26, GREY)
    vk = face("sans", *f.values())
    x0, x1 = 100.0, w - 100.0
    mid = w / 2 + 20
    y = 360.0
    d.line((x0, y - 50, x1, y - 50), fill=RULE, width=1)
    for pairs in qrfoot_rows(f):
        for i, (label, value) in enumerate(pairs):
            xa = x0 if i == 0 else mid
            xb = x1 if len(pairs) == 1 or i == 1 else mid - 20
            x = cv.text((xa, y), f"{label}：", "sans", 28, GREY)
            if value:
                k = face(vk, value)
                cv.text((x + 4, y), value, k, fit(k, 30, value, xb - x - 4, 26))
        d.line((x0, y + 30, x1, y + 30), fill=RULE, width=1)
        y += 84
    top = max(y + 80, h - 400)
    qr_block(d, x0, top, rng, 9)
    ty = top + 60
    for line in qrfoot_tail(f):
        cv.text((x0 + 260, ty), line, "sans", 28)
        ty += 62
    return Rendered(img, None, cv.min_glyph, "diploma_record")


def record_qrfoot_pdf(fields: dict[str, str]) -> bytes:
    """The 备案表 as downloaded: a born-digital PDF with a text layer, pairs two to a row."""
    from lab.synth import pdfdoc
    from lab.synth.families_edu import FIXED_DATE

    title = fields["title"]
    head = f"更新日期：{fmt_date(fields['update_date'], 'dot')}"
    rows = [[f"{label}：{value}" for label, value in pairs] for pairs in qrfoot_rows(fields)]
    tail = qrfoot_tail(fields)
    texts = [title, head, *(c for r in rows for c in r), *tail]
    pdf = pdfdoc._new_pdf(title, FIXED_DATE, texts)
    pdf.set_font("noto", size=15)
    pdf.set_xy(15, 14)
    pdf.cell(180, 10, title, align="C")
    pdf.set_font("noto", size=9)
    pdf.set_xy(15, 24)
    pdf.cell(180, 6, head, align="C")
    pdf.set_font("noto", size=10)
    y = 36.0
    for row in rows:
        for i, cell in enumerate(row):
            pdf.set_xy(20 + i * 88, y)
            pdf.cell(86 if len(row) == 2 else 170, 6, cell)
        pdf.line(20, y + 7.5, 190, y + 7.5)
        y += 9
    y += 10
    pdf.rect(20, y, 26, 26)
    for line in tail:
        pdf.set_xy(52, y + 2)
        pdf.cell(140, 6, line)
        y += 8
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 社会保险: a 打印流水号 and a 验证码, a boxed person block


def checkcode(f: dict[str, str]) -> tuple[str, str]:
    """(打印流水号, 验证码) of the print, from its fields (the same on every print)."""
    key = zlib.crc32(f"{f['id_number']}|{f['print_date']}".encode())
    return f"{f['print_date'].replace('-', '')}{key % 10**8:08d}", f"{key:08X}"


def checkcode_rows(f: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(费款所属期 2025年08月, 险种类型, 缴费基数, 缴费标志) per payment, as stored."""
    return [(f"{m[:4]}年{m[4:]}月", kind, base, state) for m, kind, base, state in _payments(f)]


def si_checkcode(doc: Doc, rng: random.Random) -> Rendered:
    """A 社保 print (portrait, Hei): the title, 打印流水号 and 验证码 in grey under it, a boxed
    person block (姓名 | … | 证件号码 | …; 单位名称 | …), a table with one row per month and
    insurance (费款所属期 2025年08月 | 险种类型 | 缴费基数 | 缴费标志), a 注 on checking the code,
    the agency's seal over its name and a 年月日 date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.3)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    cv.centered(w / 2, 150, title, "hei", fit("hei", 46, title, w - 200, 30), INK, body=False)
    serial, code = checkcode(f)
    x0, x1 = 80.0, w - 80.0
    cv.text((x0, 215), f"打印流水号：{serial}", "hei", 26, GREY)
    vc = f"验证码：{code}"
    cv.text((x1 - font("hei", 26).getlength(vc), 215), vc, "hei", 26, GREY)
    vk = face("hei", f["name"], f["work_unit"])
    top, rh = 240.0, 62.0
    d.rectangle((x0, top, x1, top + 2 * rh), outline=INK, width=2)
    d.line((x0, top + rh, x1, top + rh), fill=INK, width=1)
    mid = x0 + 520
    for x in (x0 + 150, mid, mid + 170):
        d.line((x, top, x, top + (rh if x != x0 + 150 else 2 * rh)), fill=INK, width=1)
    nk = face(vk, f["name"])
    cv.text((x0 + 16, top + 42), "姓名", "hei", 26)
    cv.text((x0 + 166, top + 42), f["name"], nk, fit(nk, 28, f["name"], mid - x0 - 180, 26))
    cv.text((mid + 16, top + 42), "证件号码", "hei", 26)
    cv.text((mid + 186, top + 42), f["id_number"], "hei", 28)
    uk = face(vk, f["work_unit"])
    cv.text((x0 + 16, top + rh + 42), "单位名称", "hei", 26)
    cv.text((x0 + 166, top + rh + 42), f["work_unit"], uk,
            fit(uk, 28, f["work_unit"], x1 - x0 - 180, 26))  # fmt: skip
    rows = checkcode_rows(f)
    heads = ("费款所属期", "险种类型", "缴费基数", "缴费标志")
    widths = (250.0, 430.0, 200.0, x1 - x0 - 880.0)
    top = top + 2 * rh + 40
    rh = min(52.0, 940.0 / (len(rows) + 1))
    d.rectangle((x0, top, x1, top + rh), fill=BAND)
    for r in range(len(rows) + 2):
        d.line((x0, top + r * rh, x1, top + r * rh), fill=RULE, width=1)
    bottom = top + (len(rows) + 1) * rh
    x = x0
    for wd in widths:
        d.line((x, top, x, bottom), fill=RULE, width=1)
        x += wd
    d.line((x1, top, x1, bottom), fill=RULE, width=1)
    for i, row in enumerate((heads, *rows)):
        x = x0
        for wd, cell in zip(widths, row, strict=True):
            size = fit("hei", 26, cell, wd - 16, 26)
            cv.text((x + 10, top + i * rh + rh * 0.7), cell, "hei", size)
            x += wd
    note = "注：本证明可凭打印流水号和验证码在社会保险网上服务平台核验真伪。"
    cv.text((x0, bottom + 56), note, "hei", fit("hei", 26, note, x1 - x0, 26), GREY)
    agency = f["agency"]
    ak = face("hei", agency)
    sign_off(img, cv, rng, [agency, fmt_date(f["print_date"], "cn")], x1,
             min(bottom + 170, h - 130), ak, fit(ak, 28, agency, 560, 26), agency, radius=110,
             lead=52)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_checkcode_pdf(fields: dict[str, str]) -> bytes:
    """The print as downloaded from the portal: a born-digital PDF with a text layer."""
    from lab.synth import pdfdoc
    from lab.synth.families_edu import FIXED_DATE

    title = fields["title"]
    serial, code = checkcode(fields)
    head = [f"打印流水号：{serial}", f"验证码：{code}"]
    person = [f"姓名：{fields['name']}  证件号码：{fields['id_number']}",
              f"单位名称：{fields['work_unit']}"]  # fmt: skip
    rows = checkcode_rows(fields)
    heads = ("费款所属期", "险种类型", "缴费基数", "缴费标志")
    note = "注：本证明可凭打印流水号和验证码在社会保险网上服务平台核验真伪。"
    foot = f"{fields['agency']}  {fmt_date(fields['print_date'], 'cn')}"
    texts = [title, *head, *person, *heads, *(" ".join(r) for r in rows), note, foot]
    pdf = pdfdoc._new_pdf(title, FIXED_DATE, texts)
    pdf.set_font("noto", size=14)
    pdf.set_xy(15, 12)
    pdf.cell(180, 10, title, align="C")
    pdf.set_font("noto", size=8)
    pdf.set_xy(15, 22)
    pdf.cell(90, 5, head[0])
    pdf.cell(90, 5, head[1], align="R")
    pdf.set_font("noto", size=10)
    y = 30.0
    for line in person:
        pdf.set_xy(15, y)
        pdf.cell(180, 7, line, border=1)
        y += 7
    y += 4
    pdf.set_font("noto", size=8)
    for row in (heads, *rows):
        pdf.set_xy(15, y)
        for wd, cell in zip((40, 70, 35, 35), row, strict=True):
            pdf.cell(wd, 6, cell, border=1)
        y += 6
    pdf.set_xy(15, y + 4)
    pdf.cell(180, 5, note)
    pdf.set_font("noto", size=10)
    pdf.set_xy(15, y + 14)
    pdf.cell(180, 6, foot)
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# Registration

HELD_OUT = (
    ("probation_cert", "docket", probation_docket, None,
     "Ming proof from a hospital's 人事科: the unit's name as the head, a 文号 (人字〔2025〕37号) "
     "over a rule, the particulars in running text (试用期自…起至…止, 考核结果为：…), seal "
     "over the unit and a hanzi date, a grey 抄送 line at the foot"),
    ("practice_period_cert", "headrow", practice_period_headrow, None,
     "Hei proof: a ruled table of grey label rows over value rows (姓名 | 性别 | 执业类别; "
     "身份证件号码; 执业单位; 考核周期 padded 年月日 …—… | 考核结论), seal and a dotted date"),
    ("pledge", "signblock", pledge_signblock, None,
     "Sans 承诺书: three numbered promises (一、二、三、), the particulars in the signature block "
     "at the foot (承诺人 signed by hand, 身份证件号码, 就读院校, 专业 printed, the date by "
     "hand in blue-black); no seal"),
    ("licence", "validband", licence_validband, None,
     "Serif licence: 登记号 right under the title, spaced labels (名　　称, 地　　址), subjects "
     "three to a row unruled, seal and a padded date, 有效期限 自…至… in a grey band at the foot"),
    ("mentorship_cert", "cosigned", mentorship_cosigned, None,
     "Ming certificate: photo top left beside 姓名 / 性别 / 身份证号, 专长内容 and 证书编号 lines, "
     "a statement, two sealed blocks side by side (考核机构, 发证机关 with a hanzi date)"),
    ("assistant_qualification", "caption", qualification_caption, None,
     "Serif certificate: photo top centre, values centred over rules with grey captions "
     "beneath (姓名 | 性别, 身份证件号码, 资格名称 | 类别, 证书编码, a dotted 签发日期), seal "
     "over the authority"),
    ("assistant_practice", "approval", practice_approval, None,
     "Kai certificate: photo top centre, the particulars in running text (身份证号…，经审核，"
     "准予在…注册执业。执业级别：…), 证书编码 line, seal over the issuer and a hanzi date"),
    ("diploma", "seam", diploma_seam, None,
     "Serif diploma cut from its stub: half a 骑缝章 on the left edge, 证书编号 top right, photo "
     "top left beside 姓名 / 性别 / 出生日期, running text 该生于…至2016年7月在本校…, seal and "
     "a hanzi date"),
    ("degree", "photofoot", degree_photofoot, None,
     "Serif degree: the sentence under the title (…生。在…专业完成了…的学习计划…授予医学硕士"
     "学位。), 主席 printed, the photo at the foot on the left with 证书编号 under it, the "
     "school's seal and a hanzi date on the right"),
    ("diploma_record", "qrfoot", record_qrfoot, record_qrfoot_pdf,
     "Sans 备案表: label：value pairs two to a row between grey rules, dates dotted, a QR block "
     "bottom left beside 在线验证码, 报告有效期至 and a 学信网 line; PDF born-digital with a "
     "text layer"),
    ("social_insurance", "checkcode", si_checkcode, si_checkcode_pdf,
     "Hei print: 打印流水号 and 验证码 under the title, a boxed person block, a table per month "
     "and insurance (费款所属期 2025年08月 | 险种类型 | 缴费基数 | 缴费标志), a 注, seal and a "
     "年月日 date; PDF born-digital with a text layer"),
)  # fmt: skip
