"""A fourteenth layout family per material (issue 15, twelfth round): yet other issuers, held out.

Every family of the earlier modules has been run and looked at (`families.LOOKED_AT`), so these
are the new *held-out* ones, written without running the readers on them and never adjusted to
suit the readers. Each differs from every earlier family of its material the way real issuers
differ: a graduate school's diploma signed by its president's hand, a Ming degree whose awarding
unit, number and date stand in a ruled strip at the foot, a 备案表 in two columns of stacked
fields, a 专长 card photocopied front and back onto one A4 page, a pledge printed from the
online registration system and signed by hand, a probation proof as a stack of fields under grey
labels, a practice-period form sealed twice (the unit, then the health authority), a licence
副本 page with its 变更登记 record, a 社保 缴费凭证 with 缴费工资/单位缴费/个人缴费 columns, a
phone screenshot of the 电子证照 app's qualification card pasted on A4 and a practice
certificate under a dark red header band in a ruled grid. Every value the material's checks
compare is printed whole, exactly as the form's truth holds it; a typeface lacking a character
of a value gives way to Noto.
"""

from __future__ import annotations

import random

from PIL import Image

from lab.synth.families_5 import pair, qr_block
from lab.synth.families_6 import (
    BLUE_BLACK,
    GREY,
    RATES,
    RULE,
    footer,
    photocopy,
    print_time,
    scan_pdf,
    stack,
)
from lab.synth.families_7 import DARK_RED, WHITE, other_person, right_text
from lab.synth.families_13 import two_lists
from lab.synth.families_edu import FIXED_DATE, photo
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
from lab.synth.render import INK, Canvas, Doc, Rendered, draw_stamp, font, iso, paper

# --------------------------------------------------------------------------------------------
# 毕业证书: a graduate school's diploma, the president's signature by hand


def diploma_graduate(doc: Doc, rng: random.Random) -> Rendered:
    """A university's diploma (portrait, Serif) in a thin double border: 研究生毕业证书 for a
    graduate, 毕业证书 otherwise; the photo top right with 证书编号 small under it, the
    particulars in one sentence (…，性别…，…年…月…日生，于2011年9月至2014年7月在本校…专业学习，
    学制…年，修完…，准予毕业。), 校（院）长 followed by a handwritten signature (no printed
    name), the school's name and a padded date 2014年07月01日 under its seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (251, 250, 246), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((60, 60, w - 61, h - 61), outline=(120, 96, 50), width=3)
    d.rectangle((74, 74, w - 75, h - 75), outline=(120, 96, 50), width=1)
    title = "研究生毕业证书" if f["education_level"] == "研究生" else "毕业证书"
    cv.centered(w / 2, 250, title, "serif_bold", 68, INK, spacing=16, body=False)
    photo(img, doc, (w - 340, 330, w - 140, 580), (234, 238, 244))
    num = f["diploma_number"]
    cv.text((w - 340, 620), "证书编号", "serif", 24, GREY)
    cv.text((w - 340, 656), num, "serif", fit("serif", 26, num, 236, 24))
    enrol, grad = iso(f["enrol"] + "-01"), iso(f["graduation"] + "-01")
    born = fmt_date(f["birth_date"], "cn")
    vk = face("serif", *f.values())
    text = (
        f"{f['name']}，性别{f['gender']}，{born}生，于{enrol.year}年{enrol.month}月至"
        f"{grad.year}年{grad.month}月在本校{f['major']}专业学习，学制{f['years']}年，"
        f"修完规定的全部课程，成绩合格，准予毕业。"
    )
    keep = (f["name"], f["major"], born, f"{grad.year}年{grad.month}月",
            f"{enrol.year}年{enrol.month}月")  # fmt: skip
    y = paragraph(cv, text, keep, 150, w - 380, 460, vk, 38, 80)
    y = max(y, 760) + 140
    x = cv.text((150, y), "校（院）长：", "serif", 34)
    scrawl(d, x + 20, y - 10, rng, 200)
    school = f["school"]
    sk = face("serif", school)
    sign_off(img, cv, rng, [school, fmt_date(f["issue_date"], "pad")], w - 150, y + 220, sk,
             fit(sk, 38, school, 640, 28), school, radius=125, lead=74)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "diploma")


# --------------------------------------------------------------------------------------------
# 学位证书: Ming, the awarding unit, number and date in a ruled strip at the foot

STRIP_LABELS = ("学位授予单位", "证书编号", "授予日期")


def degree_strip(doc: Doc, rng: random.Random) -> Rendered:
    """A degree certificate (portrait, Ming): the title, the photo top centre, the sentence
    …，…，…生。在…专业完成了…学业，成绩合格，经本单位学位评定委员会审定，授予…学位。 with
    the school named once in it, 学位评定委员会主席 and a handwritten signature, then a ruled
    strip at the foot (学位授予单位 | 证书编号 | 授予日期 2014年07月01日) with the seal over the
    unit's cell."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 251, 245), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 200, "学位证书", "ming", 72, INK, spacing=26, body=False)
    _portrait(img, doc, (w // 2 - 100, 270, w // 2 + 100, 520), (236, 238, 240))
    level = f["degree_level"]
    field = "理学" if "护理" in f["major"] else "医学"
    stage = {"学士": "本科", "硕士": "硕士研究生", "博士": "博士研究生"}.get(level, "本科")
    born = fmt_date(f["birth_date"], "cn")
    vk = face("ming", *f.values())
    text = (
        f"{f['name']}，{f['gender']}，{born}生。在{f['school']}{f['major']}专业完成了"
        f"{stage}学业，成绩合格，经本单位学位评定委员会审定，授予{field}{level}学位。"
    )
    keep = (f["name"], f["school"], f["major"], f"{field}{level}学位", born)
    y = paragraph(cv, text, keep, 140, w - 140, 640, vk, 40, 84)
    x = cv.text((560, y + 90), "学位评定委员会主席：", "ming", 32)
    scrawl(d, x + 20, y + 80, rng, 180)
    top = max(y + 260, 1300.0)
    edges = (120.0, 340.0, w - 120.0)
    values = (f["school"], f["degree_number"], fmt_date(f["issue_date"], "pad"))
    for r, (label, value) in enumerate(zip(STRIP_LABELS, values, strict=True)):
        ya = top + r * 86
        d.rectangle((edges[0], ya, edges[2], ya + 86), outline=INK, width=2)
        d.line((edges[1], ya, edges[1], ya + 86), fill=INK, width=2)
        cv.text((edges[0] + 14, ya + 56), label, "ming", fit("ming", 30, label, 200, 24))
        k = face(vk, value)
        cv.text((edges[1] + 20, ya + 58), value, k, fit(k, 34, value, edges[2] - edges[1] - 40))
    sk = font(face(vk, f["school"]), 34).getlength(f["school"])
    draw_stamp(img, (edges[1] + 20 + sk * 0.7, top + 60), 115, f["school"], rng)
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表: two columns of stacked fields under small grey labels


def record_stacks(f: dict[str, str]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The left column (the person) and the right one (the study), as (label, value)."""
    left = [("姓名", f["name"]), ("性别", f["gender"]), ("证件号码", f["id_number"]),
            ("出生日期", fmt_date(f["birth_date"], "pad")), ("学历类别", f["record_category"]),
            ("学制", f"{f['years']}年")]  # fmt: skip
    right = [("学校名称", f["school"]), ("专业", f["major"]), ("层次", f["record_level"]),
             ("入学日期", fmt_date(f["enrol_date"], "pad")),
             ("毕业日期", fmt_date(f["graduation_date"], "pad")),
             ("证书编号", f["diploma_number"])]  # fmt: skip
    return left, right


def record_stack(doc: Doc, rng: random.Random) -> Rendered:
    """A 备案表 (portrait, Sans) whose particulars stand in two columns, each a stack of
    values under small grey labels separated by thin rules; the title and 更新日期 over a
    blue rule, a QR square beside the 在线验证码 box at the foot, padded dates
    (2014年07月01日) and 验证有效期至."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    blue = (24, 92, 170)
    title = f["title"]
    cv.centered(w / 2, 190, title, "sans_bold", fit("sans_bold", 50, title, w - 240, 32), INK,
                body=False)  # fmt: skip
    cv.text((110, 260), f"更新日期：{fmt_date(f['update_date'], 'pad')}", "sans", 26, GREY)
    d.line((100, 290, w - 100, 290), fill=blue, width=4)
    vk = face("sans", *f.values())
    left, right = record_stacks(f)
    y1 = stack(cv, 120, 590, 360, left, vk, 32, 150, lk="sans", ls=27)
    y2 = stack(cv, 660, w - 120, 360, right, vk, 32, 150, lk="sans", ls=27)
    y = max(y1, y2) + 40
    d.rectangle((110, y, w - 110, y + 250), outline=blue, width=2)
    qr_block(d, 140, y + 20, rng, 8)
    cv.text((400, y + 80), "在线验证码", "sans", 26, GREY)
    cv.text((400, y + 130), f["verification_code"], "sans_bold", 36)
    cv.text((400, y + 200), f"验证有效期至：{fmt_date(f['valid_until'], 'pad')}", "sans", 28)
    note = "注：可登录学信网（www.chsi.com.cn）输入在线验证码查询本表内容。"
    paragraph(cv, note, (), 110, w - 110, y + 320, "sans", 26, 48, indent=False)
    return Rendered(img, None, cv.min_glyph, "diploma_record")


def record_stack_pdf(fields: dict[str, str]) -> bytes:
    """The 备案表 as the site gives it: a born-digital PDF with a text layer, two columns."""
    from lab.synth import pdfdoc

    left, right = record_stacks(fields)
    code = [f"在线验证码：{fields['verification_code']}",
            f"验证有效期至：{fmt_date(fields['valid_until'], 'pad')}"]  # fmt: skip
    title = fields["title"]
    texts = [title, *(s for r in (*left, *right) for s in r), *code]
    pdf = pdfdoc._new_pdf(title, FIXED_DATE, texts)
    pdf.set_font("noto", size=15)
    pdf.set_xy(15, 18)
    pdf.cell(180, 10, title, align="C")
    for x, rows in ((22.0, left), (112.0, right)):
        y = 40.0
        for label, value in rows:
            pdf.set_font("noto", size=8)
            pdf.set_text_color(110, 110, 116)
            pdf.set_xy(x, y)
            pdf.cell(80, 5, label)
            pdf.set_font("noto", size=11)
            pdf.set_text_color(0, 0, 0)
            pdf.set_xy(x, y + 5)
            pdf.cell(80, 7, value)
            pdf.line(x, y + 13, x + 78, y + 13)
            y += 18
    y = 40.0 + 18 * len(left) + 10
    pdf.set_font("noto", size=11)
    for line in code:
        pdf.set_xy(22, y)
        pdf.cell(160, 7, line)
        y += 9
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 师承/确有专长: the card certificate photocopied front and back onto one A4 page


def mentorship_twosides(doc: Doc, rng: random.Random) -> Rendered:
    """A card-sized certificate (Hei) photocopied front and back onto one A4 page, as offices
    ask: the front (title, photo, 姓名, 性别, 证件号码) in the upper half, the back (专长内容 or
    出师专业, 证书编号, the issuer under its seal, a dotted date 2020.12.13) in the lower; the
    copy grey and of lower contrast."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    vk = face("hei", *f.values())
    for top in (150, 960):
        d.rounded_rectangle((140, top, w - 140, top + 620), 30, fill=(246, 243, 232),
                            outline=(150, 150, 150), width=3)  # fmt: skip
    title = f.get("title") or "传统医学医术确有专长证书"
    cv.centered(w / 2, 250, title, "hei", fit("hei", 46, title, w - 360, 30), DARK_RED,
                body=False)  # fmt: skip
    _portrait(img, doc, (200, 320, 380, 545), (236, 236, 232))
    rows = [("姓　　名", f["name"]), ("性　　别", f["gender"]), ("证件号码", f["id_number"])]
    y = 370.0
    for label, value in rows:
        x = cv.text((430, y), label, "hei", 30, GREY)
        k = face(vk, value)
        cv.text((x + 30, y), value, k, fit(k, 32, value, w - 180 - x - 30, 26))
        y += 80
    taught = "师承" in title or "出师" in title
    back = [("出师专业" if taught else "专长内容", f["major"]), ("证书编号", f["cert_number"])]
    y = 1080.0
    for label, value in back:
        x = cv.text((220, y), label, "hei", 30, GREY)
        k = face(vk, value)
        cv.text((x + 30, y), value, k, fit(k, 34, value, w - 220 - x - 30, 26))
        y += 84
    issuer = f["issuer"]
    ik = face("hei", issuer)
    sign_off(img, cv, rng, ["发证机关", issuer, fmt_date(f["issue_date"], "dot")], w - 220,
             y + 60, ik, fit(ik, 32, issuer, 600, 26), issuer, radius=110,
             lead=60)  # fmt: skip
    copy = photocopy(img, rng)
    return Rendered(copy, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 承诺书: printed from the online registration system, signed by hand

SYSTEM_PROMISES = (
    "1. 本人所填报名信息及上传材料真实、准确，如有虚假，自愿承担取消考试资格等后果；",
    "2. 本人将于规定时间前取得毕业证书，并按考区要求提交审核，逾期未提交的，考试成绩无效；",
    "3. 本人已阅读并知晓医师资格考试报名的各项规定。",
)


def pledge_system(doc: Doc, rng: random.Random) -> Rendered:
    """A pledge printed from the 考区's online registration system (portrait, Sans): the
    system's name small and grey over a rule, the title, the particulars two to a line on a
    grey 底纹 (考生姓名 | 证件号码, 毕业学校, 所学专业 | 预计毕业时间), numbered promises, then
    考生签字 with the name written in blue-black and the date written 2026.1.15 by hand, a
    footer with the print time and 第1页 共1页; no seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    cv.text((100, 110), "医师资格考试网上报名系统", "sans", 26, GREY)
    d.line((100, 130, w - 100, 130), fill=RULE, width=2)
    cv.centered(w / 2, 250, "应届毕业生报考承诺书", "sans_bold", 52, INK, body=False)
    d.rectangle((100, 310, w - 100, 710), fill=(238, 238, 238))
    g = iso(f["expected_graduation"] + "-01")
    rows = [("考生姓名", f["name"]), ("证件号码", f["id_number"]), ("毕业学校", f["school"]),
            ("所学专业", f["major"]), ("预计毕业时间", f"{g.year}年{g.month}月")]  # fmt: skip
    vk = face("sans", *f.values())
    y = two_lists(cv, rows, (130.0, 640.0), 460.0, 380, 76, "sans", vk, 30)
    y = max(y, 720.0) + 40
    y = paragraph(cv, "本人郑重承诺：", (), 110, w - 110, y, "sans", 32, 64, indent=False)
    for p in SYSTEM_PROMISES:
        y = paragraph(cv, p, (), 110, w - 110, y + 6, "sans", 30, 58, indent=False)
    y = max(y + 150, 1300)
    x = cv.text((620, y), "考生签字：", "sans", 32)
    name = f["name"]
    cv.text((x + 10, y + 4), name, face("kai", name), 46, BLUE_BLACK)
    x = cv.text((620, y + 110), "日　　期：", "sans", 32)
    dd = iso(f["date"])
    cv.text((x + 10, y + 112), f"{dd.year}.{dd.month}.{dd.day}", "kai", 40, BLUE_BLACK)
    footer(cv, w, h, f"打印时间：{print_time(f['date'], f['id_number'])}")
    return Rendered(img, None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# 试用期考核证明: a stack of fields under small grey labels


def probation_stack(doc: Doc, rng: random.Random) -> Rendered:
    """A probation proof (portrait, Sans) whose fields stand in a vertical stack, each value
    under its small grey label and over a thin rule (姓名, 公民身份号码, 试用单位, 试用科室,
    试用期限 2024年07月01日至2025年06月30日, 考核等级), 医务科负责人 with a handwritten signature,
    the unit's name under the seal and a padded date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.8)
    cv = Canvas(img)
    cv.centered(w / 2, 210, "医师资格考试试用期考核证明", "sans_bold", 50, INK, body=False)
    period = f"{fmt_date(f['period_start'], 'pad')}至{fmt_date(f['period_end'], 'pad')}"
    rows = [("姓名", f["name"]), ("公民身份号码", f["id_number"]), ("试用单位", f["work_unit"]),
            ("试用科室", f["department"]), ("试用期限", period),
            ("考核等级", f["result"])]  # fmt: skip
    vk = face("sans", *f.values())
    y = stack(cv, 150, w - 150, 330, rows, vk, 34, 140, lk="sans", ls=27)
    x = cv.text((150, y + 60), "医务科负责人（签字）：", "sans", 30)
    scrawl(cv.draw, x + 20, y + 50, rng, 190)
    unit = f["work_unit"]
    uk = face("sans", unit)
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "pad")], w - 150, y + 230, uk,
             fit(uk, 34, unit, 640, 28), unit, radius=120, lead=70)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# 执业期考核证明: a ruled form sealed twice, the unit and the health authority


def authority_of(unit: str) -> str:
    """The health authority over a unit: its city's (天津市…医院 → 天津市卫生健康委员会)."""
    for mark in ("市", "州", "盟", "省", "区"):
        i = unit.find(mark)
        if 0 < i < 8:
            return unit[: i + 1] + "卫生健康委员会"
    return "县卫生健康委员会"


def practice_period_twoseals(doc: Doc, rng: random.Random) -> Rendered:
    """A 执业期考核证明 as a ruled form (portrait, Serif) with two opinion cells, each sealed:
    the particulars in label/value cells (姓名 | 性别, 身份证号码, 执业单位, 执业类别 | 执业
    起止 2016.04.06-2026.01.08), 考核结论 in a cell of its own, 单位意见 with the unit's seal
    over its name and the date, 卫生健康行政部门意见 审核属实 with the authority's seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 253), rng, 0.8)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 200, "医师执业期考核证明", "serif_bold", 56, INK, spacing=6, body=False)
    vk = face("serif", *f.values())
    x0, x1, mid = 100.0, w - 100.0, 640.0
    span = f"{fmt_date(f['period_start'], 'dot')}-{fmt_date(f['period_end'], 'dot')}"
    y = 280.0
    pair(cv, (x0, y, mid, y + 90), "姓　　名", f["name"], "serif", vk, 30, 280)
    pair(cv, (mid, y, x1, y + 90), "性　　别", f["gender"], "serif", vk, 30, 840)
    rows = [("身份证号码", f["id_number"]), ("执业单位", f["work_unit"])]
    for label, value in rows:
        y += 90
        pair(cv, (x0, y, x1, y + 90), label, value, "serif", vk, 30, 280)
    y += 90
    pair(cv, (x0, y, mid, y + 90), "执业类别", f["practice_category"], "serif", vk, 30, 280)
    pair(cv, (mid, y, x1, y + 90), "执业起止", span, "serif", vk, 28, 800)
    y += 90
    pair(cv, (x0, y, x1, y + 90), "考核结论", f["result"], "serif", vk, 30, 280)
    y += 90
    unit = f["work_unit"]
    uk = face("serif", unit)
    d.rectangle((x0, y, x1, y + 330), outline=RULE, width=2)
    cv.text((x0 + 20, y + 50), "单位意见：", "serif", 30)
    cv.text((x0 + 60, y + 120), f"该医师执业期考核{f['result']}，情况属实。", "serif", 32)
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "cn")], x1 - 40, y + 210, uk,
             fit(uk, 30, unit, 560, 26), unit, radius=105, lead=58)  # fmt: skip
    y += 330
    authority = authority_of(unit)
    ak = face("serif", authority)
    d.rectangle((x0, y, x1, y + 330), outline=RULE, width=2)
    cv.text((x0 + 20, y + 50), "卫生健康行政部门意见：", "serif", 30)
    cv.text((x0 + 60, y + 120), "审核属实。", "serif", 32)
    sign_off(img, cv, rng, [authority, fmt_date(f["date"], "cn")], x1 - 40, y + 210, ak,
             fit(ak, 30, authority, 560, 26), authority, radius=105, lead=58)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# 医疗机构执业许可证: a 副本 page with its 变更登记 record

CHANGE_HEAD = ("变更日期", "变更事项", "变更前", "变更后")


def licence_changes_rows(f: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """The 副本's 变更登记 record: the 主要负责人 once changed to the present one, a date
    between the licence's start and its issue (or after it)."""
    old, _ = other_person(f"licence-head/{f['registration_number']}", "120101198001010000")
    start = iso(f["valid_from"])
    when = start.replace(year=start.year + 1)
    return [(fmt_date(when.isoformat(), "dot"), "主要负责人", old, f["head"])]


def licence_changes(doc: Doc, rng: random.Random) -> Rendered:
    """A licence 副本 page (portrait, Hei): the title with （副本）, the fields in label：value
    lines (机构名称, 地址, 主要负责人, 登记号, 有效期限 2022年05月01日至2027年04月30日), the
    诊疗科目 one to a line in two columns, the 变更登记 record as a ruled table (变更日期 |
    变更事项 | 变更前 | 变更后), the authority's seal over its name and a dotted date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 253, 250), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 190, "医疗机构执业许可证", "hei", 62, INK, spacing=6, body=False)
    cv.centered(w / 2, 260, "（副　本）", "hei", 34, INK, body=False)
    vk = face("hei", *f.values())
    period = f"{fmt_date(f['valid_from'], 'pad')}至{fmt_date(f['valid_until'], 'pad')}"
    rows = [("机构名称", f["work_unit"]), ("地　　址", f["address"]), ("主要负责人", f["head"]),
            ("登 记 号", f["registration_number"]), ("有效期限", period)]  # fmt: skip
    y = 370.0
    for label, value in rows:
        cv.text((120, y), f"{label}：", "hei", 30, GREY)
        k = face(vk, value)
        cv.text((330, y), value, k, fit(k, 32, value, w - 450, 26))
        y += 70
    cv.text((120, y), "诊疗科目：", "hei", 30, GREY)
    subjects = f["subjects"].split("；")
    cols = max(2, -(-len(subjects) // 6))
    half = -(-len(subjects) // cols)
    cw = (w - 450) / cols
    for i, s in enumerate(subjects):
        col, row = divmod(i, half)
        k = face(vk, s)
        cv.text((330 + col * cw, y + row * 56), s, k, fit(k, 30, s, cw - 20, 26))
    y += half * 56 + 60
    cv.text((120, y), "变更登记记录", "hei", 32)
    edges = (120.0, 360.0, 600.0, 860.0, w - 120.0)
    top = y + 30
    d.rectangle((edges[0], top, edges[-1], top + 70), fill=(232, 232, 232))
    changes = licence_changes_rows(f)
    for r, cells in enumerate((CHANGE_HEAD, *changes)):
        ya = top + r * 70
        for c, cell in enumerate(cells):
            k = face(vk, cell)
            room = edges[c + 1] - edges[c] - 30
            cv.text((edges[c] + 16, ya + 48), cell, k, fit(k, 28, cell, room, 26))
    bottom = top + 70 * (len(changes) + 1)
    for r in range(len(changes) + 2):
        d.line((edges[0], top + r * 70, edges[-1], top + r * 70), fill=INK, width=2)
    for ex in edges:
        d.line((ex, top, ex, bottom), fill=INK, width=2)
    issuer = f["issuer"]
    ik = face("hei", issuer)
    sign_off(img, cv, rng, ["发证机关", issuer, fmt_date(f["issue_date"], "dot")], w - 130,
             max(bottom + 150, h - 360), ik, fit(ik, 32, issuer, 640, 26), issuer,
             radius=120, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "licence")


# --------------------------------------------------------------------------------------------
# 社会保险: a 缴费凭证 with 缴费工资, 单位缴费 and 个人缴费 columns

VOUCHER_TITLE = "社会保险个人缴费凭证"
VOUCHER_HEAD = ("结算期", "险种", "缴费工资", "单位缴费", "个人缴费", "缴费标志")


def voucher_rows(f: dict[str, str]) -> list[tuple[str, str, str, str, str, str]]:
    """One row per month and insurance: 结算期 2025年08月, the insurance's short name, 缴费工资,
    the unit's and the person's sums (0.00 when unpaid) and 已实缴 / 应缴未缴."""
    out = []
    for month, kind, base, status in _payments(f):
        own, unit = RATES.get(kind, (0.0, 0.01))
        paid = status == "已缴"
        b = float(base)
        out.append((f"{month[:4]}年{month[4:]}月", kind.replace("城镇职工基本", ""), base,
                    f"{b * unit:.2f}" if paid else "0.00", f"{b * own:.2f}" if paid else "0.00",
                    "已实缴" if paid else "应缴未缴"))  # fmt: skip
    return out


def voucher_total(f: dict[str, str]) -> str:
    """The foot line: months with every insurance paid, and months with any owed."""
    months: dict[str, bool] = {}
    for month, _, _, status in _payments(f):
        months[month] = months.get(month, True) and status == "已缴"
    paid = sum(1 for ok in months.values() if ok)
    return f"缴费月数合计：{paid}个月，欠缴{len(months) - paid}个月"


def si_voucher(doc: Doc, rng: random.Random) -> Rendered:
    """A 社会保险个人缴费凭证 (landscape, Serif): 个人编号-free person line (姓名, 身份证号码,
    单位名称) in one row of label：value runs, a ruled table (结算期 2025年08月 | 险种 |
    缴费工资 | 单位缴费 | 个人缴费 | 缴费标志 已实缴/应缴未缴), the months totalled at its foot,
    the agency's 业务专用章 over its name and a padded date."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 140, VOUCHER_TITLE, "serif_bold", 48, INK, body=False)
    vk = face("serif", f["name"], f["work_unit"])
    x = cv.text((100, 230), "姓名：", "serif", 28, GREY)
    x = cv.text((x, 230), f["name"], face(vk, f["name"]), 30)
    x = cv.text((x + 50, 230), "身份证号码：", "serif", 28, GREY)
    x = cv.text((x, 230), f["id_number"], "serif", 30)
    x = cv.text((x + 50, 230), "单位名称：", "serif", 28, GREY)
    unit = f["work_unit"]
    uk = face(vk, unit)
    cv.text((x, 230), unit, uk, fit(uk, 30, unit, w - 100 - x, 24))
    rows = voucher_rows(f)
    rh = min(60.0, 800.0 / (len(rows) + 1))  # 24 rows (two years of three) still fit
    size = max(24, min(28, int(rh * 0.5)))
    edges = (100.0, 330.0, 600.0, 860.0, 1120.0, 1380.0, w - 100.0)
    top = 270.0
    d.rectangle((edges[0], top, edges[-1], top + rh), fill=(232, 234, 238))
    for r, row in enumerate((VOUCHER_HEAD, *rows)):
        base = top + r * rh + rh / 2 + size * 0.36
        for c, cell in enumerate(row):
            cv.text((edges[c] + 14, base), cell, "serif_bold" if r == 0 else "serif", size)
    bottom = top + rh * (len(rows) + 1)
    for r in range(len(rows) + 2):
        d.line((edges[0], top + r * rh, edges[-1], top + r * rh), fill=INK, width=1)
    for ex in edges:
        d.line((ex, top, ex, bottom), fill=INK, width=1)
    cv.text((100, bottom + 60), voucher_total(f), "serif", 28)
    agency = f["agency"]
    ak = face("serif", agency)
    sign_off(img, cv, rng, [agency, fmt_date(f["print_date"], "pad")], w - 110, bottom + 70, ak,
             fit(ak, 28, agency, 560, 24), agency, bottom="业务专用章", radius=105,
             lead=52)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_voucher_pdf(fields: dict[str, str]) -> bytes:
    """The 缴费凭证 printed and scanned back to PDF (landscape, grey, no text layer)."""
    rng = random.Random(f"si-voucher/{fields['id_number']}/{fields['print_date']}")
    page = si_voucher(Doc("social_insurance", fields), rng).image
    return scan_pdf(page.resize((1403, 992), Image.Resampling.LANCZOS), rng, landscape=True)


# --------------------------------------------------------------------------------------------
# 医师资格证书: a phone screenshot of the 电子证照 app's card, pasted on A4


def qualification_screenshot(doc: Doc, rng: random.Random) -> Rendered:
    """A phone screenshot of the 电子证照 app's 医师资格证书 card, pasted in the middle of an
    A4 page: a status bar (time, battery), the app's green title bar, a white card with the
    title, the photo and each field's value under its small grey label (姓名, 性别, 证件号码,
    资格类别, 资格级别, 证书编码, 签发日期 2015-12-05), a QR square at the card's foot."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.3)
    cv = Canvas(img)
    d = cv.draw
    x0, x1, top, bottom = 260.0, w - 260.0, 60.0, h - 60.0
    green = (22, 140, 96)
    d.rectangle((x0, top, x1, bottom), fill=(240, 242, 244), outline=(190, 190, 196), width=2)
    cv.text((x0 + 24, top + 38), "10:26", "sans_bold", 26, INK)
    right_text(cv, x1 - 24, top + 38, "4G  62%", "sans", 26)
    d.rectangle((x0, top + 56, x1, top + 150), fill=green)
    cv.centered((x0 + x1) / 2, top + 116, "电子证照", "sans_bold", 34, WHITE, body=False)
    d.rounded_rectangle((x0 + 24, top + 180, x1 - 24, bottom - 40), 20, fill=(255, 255, 255))
    cv.centered((x0 + x1) / 2, top + 260, "医师资格证书", "sans_bold", 40, INK, body=False)
    _portrait(img, doc, (int(x1 - 210), int(top + 300), int(x1 - 60), int(top + 490)), None)
    rows = [("姓名", f["name"]), ("性别", f["gender"]), ("证件号码", f["id_number"]),
            ("资格类别", f["qual_category"]), ("资格级别", f["qualification"]),
            ("证书编码", f["qualification_number"]),
            ("签发日期", f["issue_date"])]  # fmt: skip
    vk = face("sans", *f.values())
    y = top + 320
    for i, (label, value) in enumerate(rows):
        right = x1 - 240 if i < 2 else x1 - 60  # beside the photo
        cv.text((x0 + 60, y), label, "sans", 27, GREY)
        k = face(vk, value)
        cv.text((x0 + 60, y + 44), value, k, fit(k, 30, value, right - x0 - 60, 26))
        d.line((x0 + 60, y + 64, right, y + 64), fill=(224, 224, 228), width=1)
        y += 118
    qr_block(d, (x0 + x1) / 2 - 100, y + 20, rng, 8)
    authority = health_authority(iso(f["issue_date"]))
    ak = face("sans", authority)
    cv.centered((x0 + x1) / 2, y + 270, authority, ak, fit(ak, 28, authority, x1 - x0 - 120, 27),
                GREY)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


# --------------------------------------------------------------------------------------------
# 医师执业证书: a ruled grid under a dark red header band


def practice_redhead(doc: Doc, rng: random.Random) -> Rendered:
    """A practice certificate page (portrait, Hei) under a dark red header band with the title
    in white, the particulars in a ruled grid of grey label cells and value cells (姓名 |
    性别, 身份证号码, 医师级别 | 执业类别, 执业范围, 执业地点, 证书编码, 注册日期 2016-04-06),
    the photo in a merged cell at the right, the authority's seal over 发证机关 and its name."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 253, 250), rng, 0.8)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((0, 90, w, 250), fill=DARK_RED)
    cv.centered(w / 2, 195, "医师执业证书", "hei", 64, WHITE, spacing=16, body=False)
    vk = face("hei", *f.values())
    x0, x1, ph = 100.0, w - 100.0, w - 340.0
    rh = 96.0
    y = 330.0
    top = y
    pair(cv, (x0, y, 560, y + rh), "姓　名", f["name"], "hei", vk, 28, 230)
    pair(cv, (560, y, ph, y + rh), "性别", f["gender"], "hei", vk, 28, 680)
    y += rh
    pair(cv, (x0, y, ph, y + rh), "身份证号码", f["id_number"], "hei", vk, 28, 280)
    y += rh
    pair(cv, (x0, y, 560, y + rh), "医师级别", f["practice_level"], "hei", vk, 26, 230)
    pair(cv, (560, y, ph, y + rh), "执业类别", f["practice_category"], "hei", vk, 26, 700)
    y += rh
    _portrait(img, doc, (int(ph + 30), int(top + 30), int(x1 - 30), int(y - 30)), None)
    d.rectangle((ph, top, x1, y), outline=RULE, width=2)
    rows = [("执业范围", f["scope"]), ("执业地点", f["work_unit"]),
            ("证书编码", f["practice_number"]), ("注册日期", f["registration_date"])]  # fmt: skip
    for label, value in rows:
        pair(cv, (x0, y, x1, y + rh), label, value, "hei", vk, 28, 280)
        y += rh
    issuer = f["issuer"]
    ik = face("hei", issuer)
    sign_off(img, cv, rng, ["发证机关", issuer], x1 - 20, y + 200, ik,
             fit(ik, 32, issuer, 620, 26), issuer, radius=120, lead=64)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# Registration

HELD_OUT = (
    ("diploma", "graduate", diploma_graduate, None,
     "portrait Serif diploma in a thin double border (研究生毕业证书 for a graduate): photo top "
     "right with 证书编号 small under it, particulars in one sentence with the birth date, "
     "校（院）长 signed by hand (no printed name), seal over the school and a padded date"),
    ("degree", "footstrip", degree_strip, None,
     "portrait Ming 学位证书: photo top centre, sentence …完成了…学业，成绩合格，经本单位学位评定"
     "委员会审定，授予医学…学位, chair signed by hand, a ruled strip at the foot (学位授予单位 | "
     "证书编号 | 授予日期 padded) with the seal over the unit's cell"),
    ("diploma_record", "stacks", record_stack, record_stack_pdf,
     "portrait Sans 备案表 in two columns of stacked fields (values under small grey labels, thin "
     "rules), padded dates, a QR square beside the 在线验证码 box with 验证有效期至; PDF "
     "born-digital with a text layer in two columns"),
    ("mentorship_cert", "twosides", mentorship_twosides, None,
     "card-sized Hei certificate photocopied front and back onto one A4 page (grey, lower "
     "contrast): front title/photo/姓名/性别/证件号码, back 专长内容/出师专业, 证书编号, seal over "
     "发证机关 and a dotted date"),
    ("pledge", "system", pledge_system, None,
     "Sans 应届毕业生报考承诺书 printed from the online registration system: system name over a "
     "rule, particulars two to a line on a grey 底纹 (考生姓名 | 证件号码, 毕业学校, 所学专业), "
     "numbered promises 1. 2. 3., 考生签字 in blue-black by hand with a 2026.1.15 date, print-time "
     "footer; no seal"),
    ("probation_cert", "stack", probation_stack, None,
     "portrait Sans proof as a vertical stack of values under small grey labels (姓名, "
     "公民身份号码, 试用单位, 试用科室, 试用期限 padded …至…, 考核等级), 医务科负责人 "
     "signed by hand, seal over the unit's name and a padded date"),
    ("practice_period_cert", "twoseals", practice_period_twoseals, None,
     "portrait Serif ruled form with grey label cells (姓名 | 性别, 身份证号码, 执业单位, "
     "执业类别 | 执业起止 dotted), 考核结论 cell, then 单位意见 sealed by the unit and "
     "卫生健康行政部门意见 sealed by the city's health commission"),
    ("licence", "changes", licence_changes, None,
     "portrait Hei 副本 page: label：value lines (机构名称, 地址, 主要负责人, 登记号, "
     "有效期限 padded …至… on one line), 诊疗科目 one a line in columns, a ruled "
     "变更登记记录 table (主要负责人 changed), seal over 发证机关 and a dotted date"),
    ("social_insurance", "voucher", si_voucher, si_voucher_pdf,
     "landscape Serif 社会保险个人缴费凭证: person on one line (姓名, 身份证号码, 单位名称), ruled "
     "table 结算期 2025年08月 | 险种 | 缴费工资 | 单位缴费 | 个人缴费 | 缴费标志 已实缴/应缴未缴, "
     "months totalled, 业务专用章 over the agency; PDF a landscape scan without text layer"),
    ("assistant_qualification", "screenshot", qualification_screenshot, None,
     "phone screenshot of the 电子证照 app's 医师资格证书 card pasted on A4: status bar, green "
     "title bar, values under small grey labels, ISO 签发日期, photo, QR square, no seal"),
    ("assistant_practice", "redhead", practice_redhead, None,
     "portrait Hei page under a dark red header band with the title in white: ruled grid of "
     "grey label cells (姓名 | 性别, 身份证号码, 医师级别 | 执业类别, 执业范围, 执业地点, "
     "证书编码, ISO 注册日期), photo in a merged cell, seal over 发证机关"),
)  # fmt: skip
