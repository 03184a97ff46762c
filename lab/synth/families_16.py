"""A sixteenth layout family per material (issue 15, fourteenth round): yet other issuers, held out.

Every family of the earlier modules has been run and looked at (`families.LOOKED_AT`), so these
are the new *held-out* ones, written without running the readers on them and never adjusted to
suit the readers. This round covers every material: a
probation proof printed from a hospital's personnel system with its page footer (第1页 共1页,
打印时间), a landscape practice-period 考核登记表 whose labels sit in small grey type above each
value in a ruled grid, a pledge typed in Sans whose particulars sit in a ruled box, signed and
dated by hand (2026-01-15 written with hyphens), a Sans licence 副本 grid with slashed dates and
numbered subjects, a Hei 专长 certificate grid with its number in red, and Serif qualification and
practice certificates whose labels carry no colons. Every value
the material's checks compare is printed whole, exactly as the form's truth holds it; a typeface
lacking a character of a value gives way to Noto.
"""

from __future__ import annotations

import random

from lab.synth.families_5 import pair, slash
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
    scrawl,
    sign_off,
)
from lab.synth.render import INK, RED, Canvas, Doc, Rendered, iso, paper

# --------------------------------------------------------------------------------------------
# 试用期考核证明: printed from the hospital's personnel system, with a page footer

PRINT_TIME = "2026-01-15 09:42:17"


def probation_rows(f: dict[str, str]) -> list[tuple[str, str]]:
    """The system's order: the unit and department first, then the person, then the period."""
    return [("所在单位", f["work_unit"]), ("所在科室", f["department"]), ("名　　字", f["name"]),
            ("证件号码", f["id_number"]),
            ("期　　限", f"{f['period_start']} — {f['period_end']}"),
            ("考核等级", f["result"])]  # fmt: skip


def probation_printout(doc: Doc, rng: random.Random) -> Rendered:
    """A probation proof printed from a hospital's 人事管理系统 (portrait, Hei): the system's
    name and 单据号 in small grey type at the top, the title, a ruled label | value table in the
    system's order (所在单位, 所在科室, 名字, 证件号码, 期限 2024-07-01 — 2025-06-30, 考核等级),
    a 备注 line, the 科主任 signing by hand, the unit's seal over its name and a padded date,
    and a page footer (第1页 共1页 | 打印时间 …) under a thin rule."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    unit = f["work_unit"]
    uk = face("hei", unit)
    head = "人事管理信息系统 · 证明打印"
    cv.text((100, 90), head, "hei", 24, GREY)
    number = f"单据号：SY{iso(f['date']):%Y%m%d}{rng.randrange(1000, 9999)}"
    cv.text((w - 100 - 24 * 0.62 * len(number) - 40, 90), number, "hei", 24, GREY)
    d.line((100, 110, w - 100, 110), fill=RULE, width=1)
    cv.centered(w / 2, 230, "医师资格考试试用期考核证明", "hei", 50, INK, body=False)
    vk = face("hei", *f.values())
    x0, x1, split = 100.0, w - 100.0, 330.0
    y = 310.0
    rh = 88.0
    for label, value in probation_rows(f):
        pair(cv, (x0, y, x1, y + rh), label, value, "hei", vk, 30, split, shade=(240, 240, 240))
        y += rh
    pair(cv, (x0, y, x1, y + rh * 1.5), "备　　注", "", "hei", vk, 30, split, shade=(240, 240, 240))
    cv.text((split + 16, y + rh * 0.75 + 11), "以上信息由本单位人事部门核实。", "hei", 28)
    y += rh * 1.5 + 90
    x = cv.text((x0, y), "科主任签字：", "hei", 30)
    scrawl(d, x + 20, y - 10, rng, 180)
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "pad")], x1 - 10, y + 150, uk,
             fit(uk, 32, unit, 620, 26), unit, radius=135, lead=64)  # fmt: skip
    d.line((100, h - 120, w - 100, h - 120), fill=RULE, width=1)
    cv.text((100, h - 80), "第1页 共1页", "hei", 24, GREY)
    stamp = f"打印时间：{PRINT_TIME}"
    cv.text((w - 100 - 24 * len(stamp) * 0.62 - 60, h - 80), stamp, "hei", 24, GREY)
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# 执业期考核证明: a landscape 考核登记表, small grey labels above the values in a ruled grid


def practice_period_register(doc: Doc, rng: random.Random) -> Rendered:
    """A landscape 医师执业期考核登记表 (Ming): the title with 执业期考核证明 under it, a ruled
    grid of three cells to a row with each label in small grey type above its value (姓名 |
    身份证号码 | 执业类别, then 执业地点 across two cells | 考核结论, then the 考核周期 across
    the row), a 考核意见 cell with the unit's seal over its name and a dotted date, and the
    考核负责人 signing by hand."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (253, 253, 248), rng, 0.8)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 150, "医师执业期考核登记表", "ming", 56, INK, spacing=6, body=False)
    cv.centered(w / 2, 210, "（执业期考核证明）", "ming", 30, GREY, body=False)
    unit = f["work_unit"]
    uk = face("ming", unit)
    vk = face("ming", *f.values())
    x0, x1 = 110.0, w - 110.0
    cols = (x0, 620.0, 1130.0, x1)
    span = f"{fmt_date(f['period_start'], 'dot')} 至 {fmt_date(f['period_end'], 'dot')}"
    grid = [
        [(0, 1, "姓名", f["name"]), (1, 2, "身份证号码", f["id_number"]),
         (2, 3, "执业类别", f["practice_category"])],
        [(0, 2, "执业地点", unit), (2, 3, "考核结论", f["result"])],
        [(0, 3, "考核周期", span)],
    ]  # fmt: skip
    y = 260.0
    rh = 120.0
    for row in grid:
        for a, b, label, value in row:
            left, right = cols[a], cols[b]
            d.rectangle((left, y, right, y + rh), outline=INK, width=2)
            cv.text((left + 16, y + 36), label, "ming", 26, GREY)
            k = face(vk, value)
            cv.text((left + 16, y + 94), value, k, fit(k, 34, value, right - left - 32, 26))
        y += rh
    box = (x0, y, x1, h - 110.0)
    d.rectangle(box, outline=INK, width=2)
    cv.text((x0 + 16, y + 36), "考核意见", "ming", 26, GREY)
    paragraph(cv, "该医师本考核周期内执业情况经本单位考核，结论如上，特此证明。", (), x0 + 16,
              x1 - 16, y + 100, "ming", 32, 56)  # fmt: skip
    x = cv.text((x0 + 16, h - 170), "考核负责人：", "ming", 30)
    scrawl(d, x + 20, h - 180, rng, 170)
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "dot")], x1 - 40, h - 230, uk,
             fit(uk, 32, unit, 620, 26), unit, radius=135, lead=60)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# 承诺书: a typed Sans letter with the particulars in a two-column ruled box, signed by hand

SANS_PROMISES = (
    "本人所提交的报名材料真实、有效，如有虚假，愿承担相应责任。",
    "本人将于规定时间前取得毕业证书，逾期未取得的，本次考试成绩无效。",
    "本人已知悉并遵守医师资格考试有关规定。",
)


def pledge_sansbox(doc: Doc, rng: random.Random) -> Rendered:
    """A pledge typed in Sans (portrait): 考生承诺书 with 医师资格考试 above it, the
    particulars in a ruled box (姓名 | 预计毕业 2026年6月, then 公民身份号码, 就读学校 and 专业
    across), the promises numbered (1. 2. 3.), then 考生签名
    signed in blue-black ink and the date written by hand with hyphens (2026-01-15); no seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.5)
    cv = Canvas(img)
    cv.centered(w / 2, 160, "医师资格考试", "sans", 34, GREY, body=False)
    cv.centered(w / 2, 240, "考生承诺书", "sans_bold", 58, INK, spacing=10, body=False)
    vk = face("sans", *f.values())
    x0, x1, mid = 110.0, w - 110.0, w / 2
    rh = 84.0
    y = 310.0
    g = iso(f["expected_graduation"] + "-01")
    pair(cv, (x0, y, mid, y + rh), "姓名", f["name"], "sans", vk, 28, x0 + 150, shade=None)
    pair(cv, (mid, y, x1, y + rh), "预计毕业", f"{g.year}年{g.month}月", "sans", vk, 28,
         mid + 150, shade=None)  # fmt: skip
    for label, value in (("公民身份号码", f["id_number"]), ("就读学校", f["school"]),
                         ("专业", f["major"])):  # fmt: skip
        y += rh
        pair(cv, (x0, y, x1, y + rh), label, value, "sans", vk, 28, x0 + 250, shade=None)
    y += rh + 90
    paragraph(cv, "本人自愿报名参加医师资格考试，现郑重承诺：", (), x0, x1, y, "sans", 32, 58)
    y += 70
    for i, p in enumerate(SANS_PROMISES, 1):
        y = paragraph(cv, f"{i}. {p}", (), x0, x1, y + 10, "sans", 30, 56, indent=False)
    y += 120
    name = f["name"]
    x = cv.text((620, y), "考生签名：", "sans", 32)
    cv.text((x + 10, y + 6), name, face("kai", name), 48, BLUE_BLACK)
    x = cv.text((620, y + 100), "日　　期：", "sans", 32)
    cv.text((x + 10, y + 104), iso(f["date"]).isoformat(), "kai", 38, BLUE_BLACK)
    return Rendered(img, None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# 医疗机构执业许可证 副本: a Sans ruled grid, slashed dates, the subjects in a merged cell


def licence_slashgrid(doc: Doc, rng: random.Random) -> Rendered:
    """A licence 副本 (portrait, Sans) as a ruled grid with grey label cells: the title and
    （副本）, 登记号 first, then 机构名称, 地址, 主要负责人, 有效期限 2022/5/1至2027/4/30 in
    slashed dates, the 诊疗科目 numbered two to a line in one tall merged cell, the seal over
    the authority's name and a slashed date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 253), rng, 0.6)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 190, "医疗机构执业许可证", "sans_bold", 58, INK, spacing=6, body=False)
    cv.centered(w / 2, 250, "（副本）", "sans", 32, GREY, body=False)
    vk = face("sans", *f.values())
    x0, x1, split = 100.0, w - 100.0, 320.0
    rows = [("登记号", f["registration_number"]), ("机构名称", f["work_unit"]),
            ("地址", f["address"]), ("主要负责人", f["head"]),
            ("有效期限", f"{slash(f['valid_from'])}至{slash(f['valid_until'])}")]  # fmt: skip
    y = 300.0
    rh = 84.0
    for label, value in rows:
        pair(cv, (x0, y, x1, y + rh), label, value, "sans", vk, 28, split)
        y += rh
    subjects = f["subjects"].split("；")
    lines = (len(subjects) + 1) // 2
    tall = max(rh, 30 + lines * 60.0)
    d.rectangle((x0, y, split, y + tall), fill=(236, 236, 232))
    d.rectangle((x0, y, split, y + tall), outline=RULE, width=2)
    d.rectangle((split, y, x1, y + tall), outline=RULE, width=2)
    cv.text((x0 + 14, y + tall / 2 + 10), "诊疗科目", "sans", 28)
    half = (x1 - split) / 2
    for i, subject in enumerate(subjects):
        text = f"{i + 1}. {subject}"
        k = face(vk, text)
        sx = split + 16 + (i % 2) * half
        cv.text((sx, y + 50 + (i // 2) * 60), text, k, fit(k, 28, text, half - 24, 26))
    y += tall + 120
    issuer = f["issuer"]
    ik = face("sans", issuer)
    sign_off(img, cv, rng, ["发证机关：" + issuer, slash(f["issue_date"])], x1 - 10, y, ik,
             fit(ik, 30, "发证机关：" + issuer, 700, 26), issuer, radius=125,
             lead=60)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "licence")


# --------------------------------------------------------------------------------------------
# 确有专长/出师 certificate: a Hei grid under the photo, the number top right in red


def mentorship_higrid(doc: Doc, rng: random.Random) -> Rendered:
    """A certificate (portrait, Hei): 编号 top right in red, the title, the photo centred under
    it, a ruled grid with grey label cells (姓名 | 性别 on one row, 证件号码, 专长内容 or
    出师专业), a sentence, the issuer's seal over its name and a padded date 2020年12月13日."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 250), rng, 0.8)
    cv = Canvas(img)
    num = f["cert_number"]
    cv.text((w - 460, 110), f"编号：{num}", "hei", fit("hei", 28, f"编号：{num}", 380, 26), RED)
    title = f.get("title") or "传统医学医术确有专长证书"
    cv.centered(w / 2, 230, title, "hei", fit("hei", 56, title, w - 200, 36), INK, body=False)
    _portrait(img, doc, (int(w / 2 - 110), 290, int(w / 2 + 110), 560), (236, 238, 240))
    taught = "师承" in title or "出师" in title
    vk = face("hei", *f.values())
    x0, x1, mid = 110.0, w - 110.0, w / 2
    rh = 88.0
    y = 620.0
    pair(cv, (x0, y, mid, y + rh), "姓名", f["name"], "hei", vk, 30, x0 + 150)
    pair(cv, (mid, y, x1, y + rh), "性别", f["gender"], "hei", vk, 30, mid + 150)
    for label, value in (("证件号码", f["id_number"]),
                         ("出师专业" if taught else "专长内容", f["major"])):  # fmt: skip
        y += rh
        pair(cv, (x0, y, x1, y + rh), label, value, "hei", vk, 30, x0 + 200)
    text = "经考核合格，准予出师，特发此证。" if taught else "经考核合格，特发此证。"
    y = paragraph(cv, text, (), x0, x1, y + rh + 90, "hei", 32, 58)
    issuer = f["issuer"]
    ik = face("hei", issuer)
    sign_off(img, cv, rng, [issuer, fmt_date(f["issue_date"], "pad")], x1 - 10, y + 160, ik,
             fit(ik, 32, issuer, 620, 26), issuer, radius=125, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 医师资格证书 / 医师执业证书: Serif label lists without colons


def _spaced_rows(cv: Canvas, rows: list[tuple[str, str]], x: float, vx: float, y: float,
                 right: float, lead: float, vk: str, size: int) -> float:  # fmt: skip
    """Label and value separated by space only (no colon), the label in grey Serif; returns
    the y below."""
    for label, value in rows:
        cv.text((x, y), label, "serif", size - 2, GREY)
        k = face(vk, value)
        cv.text((vx, y), value, k, fit(k, size, value, right - vx, 26))
        y += lead
    return y


def qualification_serif(doc: Doc, rng: random.Random) -> Rendered:
    """A qualification certificate (portrait, Serif) under 中华人民共和国 in small type: the
    title, the photo top left beside 管理号 and 证书编码, then the fields as label  value lines
    with no colons (姓名, 性别, 出生日期 1996.12.06, 身份证号, 资格类别, 资格级别), a sentence,
    the authority's seal over its name and a dotted date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 250, 244), rng, 0.8)
    cv = Canvas(img)
    cv.centered(w / 2, 150, "中华人民共和国", "serif", 34, GREY, spacing=8, body=False)
    cv.centered(w / 2, 240, "医师资格证书", "serif_bold", 66, INK, spacing=16, body=False)
    _portrait(img, doc, (130, 320, 330, 570), (234, 236, 240))
    vk = face("serif", *f.values())
    num = f["qualification_number"]
    cv.text((380, 380), "证书编码", "serif", 28, GREY)
    cv.text((380, 430), num, "serif", fit("serif", 32, num, w - 500, 26))
    rows = [("姓　　名", f["name"]), ("性　　别", f["gender"]),
            ("出生日期", fmt_date(f["birth_date"], "dot")), ("身份证号", f["id_number"]),
            ("资格类别", f["qual_category"]), ("资格级别", f["qualification"])]  # fmt: skip
    y = _spaced_rows(cv, rows, 140, 400, 680, w - 130, 82, vk, 34)
    q = f["qualification"]
    y = paragraph(cv, f"经国家医师资格考试合格，具有{q}资格。", (q,), 140, w - 130, y + 40,
                  face(vk, q), 32, 58)  # fmt: skip
    authority = health_authority(iso(f["issue_date"]))
    ak = face("serif", authority)
    sign_off(img, cv, rng, [authority, fmt_date(f["issue_date"], "dot")], w - 130, y + 170, ak,
             fit(ak, 32, authority, 640, 26), authority, radius=120, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


def practice_serif(doc: Doc, rng: random.Random) -> Rendered:
    """A practice certificate page (portrait, Serif, cream paper with a brown rule frame):
    the title, the fields as label  value lines with no colons in the order 证书编码 first, then
    姓名, 性别, 身份证号, 医师级别, 执业类别, 执业范围, 执业地点, 注册日期 二〇一六年四月六日
    in Chinese numerals, the photo top right, the seal over 发证机关."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (250, 246, 234), rng, 0.8)
    cv = Canvas(img)
    cv.draw.rectangle((60, 60, w - 61, h - 61), outline=(140, 100, 60), width=3)
    cv.centered(w / 2, 200, "医师执业证书", "serif_bold", 64, INK, spacing=14, body=False)
    _portrait(img, doc, (w - 330, 280, w - 130, 530), None)
    vk = face("serif", *f.values())
    rows = [("证书编码", f["practice_number"]), ("姓　　名", f["name"]),
            ("性　　别", f["gender"]), ("身份证号", f["id_number"]),
            ("医师级别", f["practice_level"]), ("执业类别", f["practice_category"]),
            ("执业范围", f["scope"]), ("执业地点", f["work_unit"]),
            ("注册日期", fmt_date(f["registration_date"], "hanzi"))]  # fmt: skip
    y = _spaced_rows(cv, rows[:4], 130, 340, 320, w - 360, 78, vk, 32)
    y = _spaced_rows(cv, rows[4:], 130, 340, y, w - 130, 78, vk, 32)
    issuer = f["issuer"]
    ik = face("serif", issuer)
    sign_off(img, cv, rng, ["发证机关", issuer], w - 130, y + 150, ik,
             fit(ik, 32, issuer, 620, 26), issuer, radius=120, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# 毕业证书 / 学位证书: portrait Hei pages in running text on a grey 底纹 frame


def diploma_heitext(doc: Doc, rng: random.Random) -> Rendered:
    """A diploma (portrait, Hei) inside a wide grey 底纹 frame: the photo top left and the
    证书编号 top right, the title, the particulars in running text (学生…，性别…，…生，于
    2011年9月至2014年7月在本校…专业…年制学习…准予毕业。), 校长 signed by hand and the school's
    seal over its name and a padded date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.6)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((40, 40, w - 41, h - 41), fill=(232, 232, 228))
    d.rectangle((90, 90, w - 91, h - 91), fill=(255, 255, 252))
    _portrait(img, doc, (140, 150, 320, 380), (234, 236, 240))
    num = f["diploma_number"]
    cv.text((w - 560, 190), "证书编号", "hei", 26, GREY)
    cv.text((w - 560, 240), num, "hei", fit("hei", 30, num, 420, 26))
    cv.centered(w / 2, 520, "毕业证书", "hei", 72, INK, spacing=24, body=False)
    enrol, grad = iso(f["enrol"] + "-01"), iso(f["graduation"] + "-01")
    start, end = f"{enrol.year}年{enrol.month}月", f"{grad.year}年{grad.month}月"
    born = fmt_date(f["birth_date"], "cn")
    text = (
        f"学生{f['name']}，性别{f['gender']}，{born}生，于{start}至{end}在{f['school']}"
        f"{f['major']}专业{f['years']}年制{f['education_level']}学习，修完教学计划规定的全部"
        "课程，成绩合格，准予毕业。"
    )
    keep = (f["name"], f["school"], f["major"], end, start, born)
    vk = face("hei", *f.values())
    y = paragraph(cv, text, keep, 160, w - 160, 660, vk, 38, 72)
    x = cv.text((160, y + 120), "校长：", "hei", 34)
    scrawl(d, x + 20, y + 110, rng, 180)
    school = f["school"]
    sk = face("hei", school)
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "pad")], w - 160, y + 300, sk,
             fit(sk, 34, school, 640, 26), school, radius=125, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "diploma")


def degree_dotted(doc: Doc, rng: random.Random) -> Rendered:
    """A degree certificate (portrait, Hei): the title …学位证书, the photo centred, a sentence
    (…，…，1997.12.07生。在…专业完成了…培养计划，经…学位评定委员会审核，授予医学…学位。) with a
    dotted birth date, 学位评定委员会主席 with a printed name, 证书编号 bottom left and the seal
    over the school and a dotted date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 252, 250), rng, 0.6)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((70, 70, w - 71, h - 71), outline=(60, 60, 60), width=2)
    level = f["degree_level"]
    field = "理学" if "护理" in f["major"] else "医学"
    stage = {"学士": "本科", "硕士": "硕士研究生", "博士": "博士研究生"}.get(level, "本科")
    cv.centered(w / 2, 220, f"{level}学位证书", "hei", 64, INK, spacing=14, body=False)
    _portrait(img, doc, (int(w / 2 - 100), 290, int(w / 2 + 100), 530), (236, 236, 236))
    born = fmt_date(f["birth_date"], "dot")
    school = f["school"]
    text = (
        f"{f['name']}，{f['gender']}，{born}生。在{school}{f['major']}专业完成了{stage}"
        f"培养计划，经{school}学位评定委员会审核，授予{field}{level}学位。"
    )
    keep = (f["name"], school, f["major"], f"{field}{level}学位", born)
    vk = face("hei", *f.values())
    y = paragraph(cv, text, keep, 150, w - 150, 640, vk, 38, 72)
    chair = f.get("chair") or ""
    x = cv.text((150, y + 110), "学位评定委员会主席：", "hei", 32)
    if chair:
        cv.text((x, y + 110), chair, face("hei", chair), 32)
    num = f["degree_number"]
    cv.text((150, h - 160), f"证书编号：{num}", "hei", fit("hei", 28, num, 600, 26))
    sk = face("hei", school)
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "dot")], w - 150, y + 280, sk,
             fit(sk, 34, school, 620, 26), school, radius=122, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表: a Ming label list with dates in Chinese numerals, born-digital PDF


def record_rows(f: dict[str, str]) -> list[tuple[str, str]]:
    """The 备案表's fields as this layout lists them: the person, then the school and dates."""
    return [("姓　　名", f["name"]), ("性　　别", f["gender"]), ("证件号码", f["id_number"]),
            ("院校名称", f["school"]), ("专业名称", f["major"]), ("学历层次", f["record_level"]),
            ("学历类别", f["record_category"]),
            ("入学时间", fmt_date(f["enrol_date"], "hanzi")),
            ("毕业时间", fmt_date(f["graduation_date"], "hanzi")),
            ("证书编号", f["diploma_number"])]  # fmt: skip


def record_hanzi(doc: Doc, rng: random.Random) -> Rendered:
    """A 备案表 (portrait, Ming): the title, the photo top right, the fields as label：value
    lines in one column (姓名 … 证书编号), the dates in Chinese numerals (二〇一四年七月一日),
    the 在线验证码 and 有效期至 in a grey strip at the foot."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.5)
    cv = Canvas(img)
    title = f["title"]
    cv.centered(w / 2, 180, title, "ming", fit("ming", 52, title, w - 220, 30), INK, body=False)
    cv.text((120, 250), f"更新日期：{fmt_date(f['update_date'], 'hanzi')}", "ming", 26, GREY)
    _portrait(img, doc, (w - 330, 310, w - 130, 560), None)
    vk = face("ming", *f.values())
    y = 350.0
    for label, value in record_rows(f):
        x = cv.text((120, y), f"{label}：", "ming", 30, GREY)
        k = face(vk, value)
        right = w - 360 if y < 580 else w - 120
        cv.text((x + 6, y), value, k, fit(k, 32, value, right - x - 6, 26))
        y += 78
    cv.draw.rectangle((100, y + 20, w - 100, y + 200), fill=(236, 236, 236))
    cv.text((130, y + 90), f"在线验证码：{f['verification_code']}", "ming", 32)
    cv.text((130, y + 160), f"有效期至：{fmt_date(f['valid_until'], 'hanzi')}", "ming", 30)
    return Rendered(img, None, cv.min_glyph, "diploma_record")


def record_hanzi_pdf(fields: dict[str, str]) -> bytes:
    """The 备案表 as downloaded: a born-digital PDF with a text layer, one line a field."""
    from lab.synth import pdfdoc
    from lab.synth.families_edu import FIXED_DATE

    title = fields["title"]
    lines = [f"{label}：{value}" for label, value in record_rows(fields)]
    lines += [f"在线验证码：{fields['verification_code']}",
              f"有效期至：{fmt_date(fields['valid_until'], 'hanzi')}"]  # fmt: skip
    pdf = pdfdoc._new_pdf(title, FIXED_DATE, [title, *lines])
    pdf.set_font("noto", size=16)
    pdf.set_xy(15, 18)
    pdf.cell(180, 10, title, align="C")
    pdf.set_font("noto", size=11)
    y = 36.0
    for line in lines:
        pdf.set_xy(22, y)
        pdf.cell(170, 7, line)
        y += 9
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 社会保险: a landscape Sans list, one row per month with each insurance's status, scanned


def month_status_rows(f: dict[str, str]) -> tuple[list[str], list[tuple[str, ...]]]:
    """The insurances (as columns) and one row per month: 2025年08月, the base and each
    insurance's 已缴/欠缴 (— where the person has none of it that month)."""
    pay = _payments(f)
    kinds: list[str] = []
    for _, kind, _, _ in pay:
        if kind not in kinds:
            kinds.append(kind)
    by: dict[str, dict[str, tuple[str, str]]] = {}
    for month, kind, base, status in pay:
        by.setdefault(month, {})[kind] = (base, status)
    rows = []
    for month in sorted(by):
        cells = by[month]
        base = next(iter(cells.values()))[0]
        marks = [cells[k][1] if k in cells else "—" for k in kinds]
        rows.append((f"{month[:4]}年{month[4:]}月", base, *marks))
    return kinds, rows


def si_landscape(doc: Doc, rng: random.Random) -> Rendered:
    """A landscape 社会保险缴费信息 print (Sans): the title, 姓名 / 证件号码 / 工作单位 on one line
    each under it, a table of one row per month (2025年08月 | 缴费基数 | one column per
    insurance with 已缴/欠缴) under a grey header row, the agency's seal over its name and an
    ISO date."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    cv.centered(w / 2, 140, title, "sans_bold", fit("sans_bold", 46, title, w - 300, 30), INK,
                body=False)  # fmt: skip
    vk = face("sans", f["name"], f["work_unit"])
    x = cv.text((100, 220), "姓名：", "sans", 28, GREY)
    x = cv.text((x, 220), f["name"], face(vk, f["name"]), 30) + 60
    x = cv.text((x, 220), "证件号码：", "sans", 28, GREY)
    cv.text((x, 220), f["id_number"], "sans", 30)
    x = cv.text((100, 275), "工作单位：", "sans", 28, GREY)
    unit = f["work_unit"]
    cv.text((x, 275), unit, face(vk, unit), fit(face(vk, unit), 30, unit, w - 200 - x, 26))
    kinds, rows = month_status_rows(f)
    head = ("缴费月份", "缴费基数", *kinds)
    x0, x1 = 100.0, w - 100.0
    widths = [250.0, 200.0] + [(x1 - x0 - 450.0) / max(1, len(kinds))] * len(kinds)
    edges = [x0]
    for wd in widths:
        edges.append(edges[-1] + wd)
    rh = min(60.0, 640.0 / (len(rows) + 1))
    size = max(24, min(26, int(rh * 0.5)))
    top = 320.0
    d.rectangle((x0, top, x1, top + rh), fill=(210, 210, 210))
    for r, row in enumerate((head, *rows)):
        y = top + r * rh
        d.line((x0, y + rh, x1, y + rh), fill=RULE, width=1)
        for c, cell in enumerate(row):
            k = face("sans", cell)
            cv.text((edges[c] + 12, y + rh / 2 + size * 0.36), cell, k,
                    fit(k, size, cell, edges[c + 1] - edges[c] - 20, 24))  # fmt: skip
    bottom = top + rh * (len(rows) + 1)
    d.rectangle((x0, top, x1, bottom), outline=INK, width=2)
    for e in edges[1:-1]:
        d.line((e, top, e, bottom), fill=RULE, width=1)
    agency = f["agency"]
    ak = face("sans", agency)
    sign_off(img, cv, rng, [agency, f["print_date"]], x1 - 10, min(bottom + 120, h - 130), ak,
             fit(ak, 28, agency, 560, 26), agency, radius=110, lead=52)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_landscape_pdf(fields: dict[str, str]) -> bytes:
    """The print scanned back to PDF (landscape, no text layer)."""
    from PIL import Image

    from lab.synth.families_6 import scan_pdf

    rng = random.Random(f"si-landscape/{fields['id_number']}/{fields['print_date']}")
    page = si_landscape(Doc("social_insurance", fields), rng).image
    return scan_pdf(page.resize((1403, 992), Image.Resampling.LANCZOS), rng, landscape=True)


# --------------------------------------------------------------------------------------------
# Registration

HELD_OUT = (
    ("probation_cert", "printout", probation_printout, None,
     "Hei proof printed from a hospital's 人事管理信息系统: system name and 单据号 at the top, "
     "ruled label | value table in the system's order (所在单位, 所在科室, 名字, 证件号码, 期限 "
     "ISO — ISO, 考核等级), 科主任 signed by hand, seal over the unit and a padded date, footer "
     "第1页 共1页 | 打印时间"),
    ("practice_period_cert", "register", practice_period_register, None,
     "landscape Ming 医师执业期考核登记表: a ruled grid with small grey labels above the values "
     "(姓名 | 身份证号码 | 执业类别, 执业地点 merged over two cells | 考核结论, 考核周期 dotted), "
     "考核意见 cell with the seal over the unit and a dotted date, 考核负责人 signed by hand"),
    ("pledge", "sansbox", pledge_sansbox, None,
     "Sans 考生承诺书: particulars in a ruled box (姓名 | 预计毕业, 公民身份号码, 就读学校, 专业), "
     "numbered promises 1. 2. 3., 考生签名 in blue-black and a handwritten ISO date; no seal"),
    ("licence", "slashgrid", licence_slashgrid, None,
     "Sans 副本 as a ruled grid with grey label cells: 登记号 first, 有效期限 2022/5/1至2027/4/30 "
     "in slashed dates, 诊疗科目 numbered two to a line in one tall merged cell, seal over "
     "发证机关 and a slashed date"),
    ("mentorship_cert", "higrid", mentorship_higrid, None,
     "portrait Hei certificate: 编号 top right in red, photo centred under the title, ruled grid "
     "with grey label cells (姓名 | 性别, 证件号码, 专长内容/出师专业), seal over the issuer and a "
     "padded date"),
    ("assistant_qualification", "serif", qualification_serif, None,
     "portrait Serif certificate under 中华人民共和国: 证书编码 beside the photo, label  value "
     "lines without colons (出生日期 dotted, 身份证号, 资格类别, 资格级别), seal over the "
     "authority and a dotted date"),
    ("assistant_practice", "serif", practice_serif, None,
     "portrait Serif page on cream paper in a brown rule frame: 证书编码 first, label  value "
     "lines without colons, 执业地点, 注册日期 in Chinese numerals, seal over 发证机关"),
    ("diploma", "heitext", diploma_heitext, None,
     "portrait Hei diploma in a wide grey 底纹 frame: photo top left, 证书编号 top right, the "
     "particulars in one running sentence (于2011年9月至2014年7月在…学习), 校长 signed by hand, "
     "seal over the school and a padded date"),
    ("degree", "dotted", degree_dotted, None,
     "portrait Hei …学位证书 with the photo centred, sentence …，1997.12.07生。在…完成了…培养计划，"
     "经…学位评定委员会审核，授予医学…学位, 主席 printed, 证书编号 bottom left, seal over the "
     "school and a dotted date"),
    ("diploma_record", "hanzi", record_hanzi, record_hanzi_pdf,
     "Ming 备案表 as one label：value column (证件号码, 院校名称, 学历层次 …, 证书编号 last), "
     "dates in Chinese numerals, photo top right, 在线验证码 and 有效期至 in a grey strip; "
     "PDF born-digital with a text layer"),
    ("social_insurance", "landscape", si_landscape, si_landscape_pdf,
     "landscape Sans print: 姓名 / 证件号码 / 工作单位 lines, one row per month (2025年08月 | "
     "缴费基数 | each insurance 已缴/欠缴) under a grey header row, seal over the agency and an "
     "ISO date; PDF a landscape scan without text layer"),
)  # fmt: skip
