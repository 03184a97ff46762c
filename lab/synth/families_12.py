"""A twelfth layout family per material (issue 15, tenth round): yet other issuers, held out.

Every family of the earlier modules has been run and looked at (`families.LOOKED_AT`), so these
are the new *held-out* ones, written without running the readers on them and never adjusted to
suit the readers. Each differs from every earlier family of its material the way real issuers
differ: a landscape diploma whose particulars sit in a ruled grid, a Kai degree as a label list
with ISO dates, a 备案表 as a four-column grid in Hei, a landscape 出师 certificate with the
number in the top corner, a typed pledge whose particulars sit in a small table, a probation
letter in Kai with a page footer, a practice-period 鉴定 in Hei with the conclusion boxed, a
licence 正本 in two label columns, a 社保 statement from a city system with a summary line, a
qualification page in Kai with slashed dates and a practice certificate 副本 in Sans under a
grey band. Every value the material's checks compare is printed whole, exactly as the form's
truth holds it; a typeface lacking a character of a value gives way to Noto, as the other
modules do.
"""

from __future__ import annotations

import random

from PIL import Image

from lab.synth.families_5 import logo_square, slash
from lab.synth.families_6 import BLUE_BLACK, GREY, RULE, scan_pdf
from lab.synth.families_7 import right_text
from lab.synth.families_11 import _label_cell, _value_cell
from lab.synth.families_edu import FIXED_DATE, photo
from lab.synth.families_work import (
    LANDSCAPE,
    PORTRAIT,
    SHORT,
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
from lab.synth.render import INK, Canvas, Doc, Rendered, iso, paper

MAROON = (128, 28, 32)
BAND = (214, 218, 224)


def grid(cv: Canvas, rows: list[tuple[str, str]], x0: float, mid: float, x1: float, y: float,
         rh: float, lk: str, vk: str, size: int) -> float:  # fmt: skip
    """A ruled two-column grid of shaded label cells and value cells; returns the bottom."""
    for label, value in rows:
        _label_cell(cv, (x0, y, mid, y + rh), label, lk, size - 2)
        _value_cell(cv, (mid, y, x1, y + rh), value, face(vk, value), size)
        y += rh
    return y


def labels(cv: Canvas, rows: list[tuple[str, str]], x: float, vx: float, right: float, y: float,
           lead: float, lk: str, vk: str, size: int) -> float:  # fmt: skip
    """A label list: label with a full-width colon at `x`, value at `vx`; returns the y below."""
    for label, value in rows:
        cv.text((x, y), f"{label}：", lk, size)
        k = face(vk, value)
        cv.text((vx, y), value, k, fit(k, size, value, right - vx, 26))
        y += lead
    return y


# --------------------------------------------------------------------------------------------
# 毕业证书: landscape Ming, the particulars in a ruled grid beside the photo


def diploma_grid(doc: Doc, rng: random.Random) -> Rendered:
    """A vocational college's diploma printed landscape (Ming) in a maroon double frame: the
    school's name and the title at the top, the particulars in a ruled grid with shaded label
    cells (姓名, 性别, 出生日期 2-digit padded, 专业, 学习期限 2011年9月至2014年7月, 学制, 层次,
    证书编号), the photo at the right, 校长 printed, the seal over the school's name only."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (253, 250, 244), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((40, 40, w - 41, h - 41), outline=MAROON, width=6)
    d.rectangle((58, 58, w - 59, h - 59), outline=MAROON, width=2)
    school = f["school"]
    sk = face("ming", school)
    cv.centered(w / 2, 150, school, sk, fit(sk, 46, school, w - 300, 30), MAROON, body=False)
    cv.centered(w / 2, 240, "毕业证书", "ming", 64, MAROON, spacing=30, body=False)
    enrol, grad = iso(f["enrol"] + "-01"), iso(f["graduation"] + "-01")
    rows = [("姓　名", f["name"]), ("性　别", f["gender"]),
            ("出生日期", fmt_date(f["birth_date"], "pad")), ("专　业", f["major"]),
            ("学习期限", f"{enrol.year}年{enrol.month}月至{grad.year}年{grad.month}月"),
            ("学　制", f"{f['years']}年"), ("层　次", f["education_level"]),
            ("证书编号", f["diploma_number"])]  # fmt: skip
    vk = face("ming", *f.values())
    y = grid(cv, rows, 110, 330, w - 430, 300, 78, "ming", vk, 30)
    photo(img, doc, (w - 360, 320, w - 130, 610), (230, 236, 246))
    cv.text((110, y + 80), f"校长：{f['principal']}", face("ming", f["principal"]), 32)
    cv.text((110, y + 140), f"发证日期：{fmt_date(f['issue_date'], 'cn')}", "ming", 30)
    sign_off(img, cv, rng, [school], w - 140, y + 120, sk, fit(sk, 34, school, 560, 28), school,
             radius=115)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "diploma")


# --------------------------------------------------------------------------------------------
# 学位证书: Kai label list, ISO dates


def degree_list(doc: Doc, rng: random.Random) -> Rendered:
    """A degree certificate (portrait, Kai) whose particulars are a label list rather than a
    sentence (姓名, 性别, 出生日期 1992-03-04, 学科专业, 授予学位 医学学士学位, 证书编号) under
    the title 学士学位证书 and a one-line 经审核…授予学位 statement, the photo at the top left,
    the chair printed, the school's seal over an ISO date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (251, 249, 243), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((70, 70, w - 71, h - 71), outline=(150, 120, 60), width=3)
    level = f["degree_level"]
    cv.centered(w / 2, 230, f"{level}学位证书", "kai", 66, INK, spacing=12, body=False)
    _portrait(img, doc, (130, 320, 330, 570), (236, 232, 226))
    field = "理学" if "护理" in f["major"] else "医学"
    school = f["school"]
    sk = face("kai", school)
    cv.text((380, 400), "授予单位：", "kai", 32)
    cv.text((380, 460), school, sk, fit(sk, 36, school, w - 510, 26))
    rows = [("姓　　名", f["name"]), ("性　　别", f["gender"]),
            ("出生日期", f["birth_date"]), ("学科专业", f["major"]),
            ("授予学位", f"{field}{level}学位"), ("证书编号", f["degree_number"])]  # fmt: skip
    vk = face("kai", *f.values())
    y = labels(cv, rows, 150, 400, w - 130, 680, 84, "kai", vk, 38)
    text = "经本单位学位评定委员会审核，符合《中华人民共和国学位条例》的规定，授予上述学位。"
    y = paragraph(cv, text, (), 150, w - 150, y + 40, "kai", 34, 64)
    cv.text((150, y + 120), f"学位评定委员会主席：{f['chair']}", face("kai", f["chair"]), 32)
    sign_off(img, cv, rng, [school, f["issue_date"]], w - 140, min(y + 240, h - 220), sk,
             fit(sk, 34, school, 560, 28), school, radius=120, lead=70)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表: a four-column grid in Hei, ISO dates


def record_cells(f: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """(label, value, label, value) rows: the person first, then the school, ISO dates."""
    return [("姓名", f["name"], "性别", f["gender"]),
            ("证件号码", f["id_number"], "出生日期", f["birth_date"]),
            ("学校名称", f["school"], "学历类别", f["record_category"]),
            ("专业", f["major"], "层次", f["record_level"]),
            ("学制", f"{f['years']}年", "学习形式", "普通全日制"),
            ("入学日期", f["enrol_date"], "毕业日期", f["graduation_date"]),
            ("证书编号", f["diploma_number"], "毕（结）业", "毕业")]  # fmt: skip


def record_fourcol(doc: Doc, rng: random.Random) -> Rendered:
    """The 备案表 (portrait, Hei) as a ruled four-column grid (label | value | label | value)
    with shaded labels, the long school name in a cell of its own width, ISO dates
    (2014-07-01), the photo above the grid at the right, the 在线验证码 and 有效期至 in a boxed
    band under it."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    tk = face("hei", title)
    cv.centered(w / 2, 170, title, tk, fit(tk, 46, title, w - 200, 30), INK, body=False)
    cv.text((90, 280), f"更新日期：{f['update_date']}", "hei", 28, GREY)
    _portrait(img, doc, (w - 270, 230, w - 90, 450), (236, 238, 242))
    vk = face("hei", *f.values())
    cols = (90.0, 260.0, 640.0, 800.0, w - 90.0)
    y = 480.0
    rh = 92.0
    for row in record_cells(f):
        for c in range(2):
            label, value = row[2 * c], row[2 * c + 1]
            _label_cell(cv, (cols[2 * c], y, cols[2 * c + 1], y + rh), label, "hei", 26)
            _value_cell(cv, (cols[2 * c + 1], y, cols[2 * c + 2], y + rh), value,
                        face(vk, value), 30)  # fmt: skip
        y += rh
    d.rectangle((90, y + 50, w - 90, y + 230), outline=INK, width=2)
    cv.text((120, y + 120), f"在线验证码：{f['verification_code']}", "hei", 34)
    cv.text((120, y + 190), f"有效期至：{f['valid_until']}", "hei", 30)
    note = "注：本表信息可登录学信网（www.chsi.com.cn）输入在线验证码查询。"
    cv.text((90, y + 300), note, "hei", 24, GREY)
    return Rendered(img, None, cv.min_glyph, "diploma_record")


def record_fourcol_pdf(fields: dict[str, str]) -> bytes:
    """The 备案表 downloaded as a born-digital PDF with a text layer, four columns."""
    from lab.synth import pdfdoc

    rows = record_cells(fields)
    foot = [f"在线验证码：{fields['verification_code']}", f"有效期至：{fields['valid_until']}"]
    texts = [*fields.values(), fields["title"], *foot, *(c for r in rows for c in r)]
    pdf = pdfdoc._new_pdf(fields["title"], FIXED_DATE, texts)
    pdf.set_font("noto", size=15)
    pdf.set_xy(15, 18)
    pdf.cell(180, 10, fields["title"], align="C")
    pdf.set_font("noto", size=10)
    y = 40.0
    for row in rows:
        for x, wd, cell in zip((15, 40, 110, 135), (25, 70, 25, 60), row, strict=True):
            pdf.set_xy(x, y)
            pdf.cell(wd, 9, cell, border=1)
        y += 9
    y += 10
    for line in foot:
        pdf.set_xy(15, y)
        pdf.cell(180, 7, line)
        y += 9
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 师承/确有专长: landscape Kai certificate, number in the top corner


def mentorship_landscape(doc: Doc, rng: random.Random) -> Rendered:
    """A certificate printed landscape (Kai) in a green frame: the number (编号：…) in the top
    right corner, the title, the photo at the left, the particulars as a label list beside it
    (姓名, 性别, 身份证号码, 专长/出师内容), a one-line 经考核合格，特发此证, the seal over the
    issuer and a dotted date."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (250, 250, 244), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    green = (40, 100, 70)
    d.rectangle((50, 50, w - 51, h - 51), outline=green, width=5)
    right_text(cv, w - 110, 130, f"编号：{f['cert_number']}", "kai", 28)
    title = f.get("title") or "传统医学医术确有专长证书"
    tk = face("kai", title)
    cv.centered(w / 2, 230, title, tk, fit(tk, 58, title, w - 300, 32), green, body=False)
    _portrait(img, doc, (140, 330, 360, 600), (232, 238, 232))
    taught = "师承" in title or "出师" in title
    rows = [("姓　　名", f["name"]), ("性　　别", f["gender"]),
            ("身份证号码", f["id_number"]),
            ("出师内容" if taught else "专长内容", f["major"])]  # fmt: skip
    vk = face("kai", *f.values())
    y = labels(cv, rows, 430, 680, w - 120, 380, 80, "kai", vk, 34)
    cv.text((430, y + 20), "经考核合格，特发此证。", "kai", 34)
    issuer = f["issuer"]
    ik = face("kai", issuer)
    sign_off(img, cv, rng, [issuer, fmt_date(f["issue_date"], "dot")], w - 130, y + 150, ik,
             fit(ik, 34, issuer, 640, 28), issuer, radius=115, lead=66)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 承诺书: typed in Sans, the particulars in a small table, signed in blue-black

TYPED_PROMISES = (
    "本人所填报名信息及提交的材料真实、准确、完整，如有虚假，愿承担由此产生的一切后果。",
    "本人将按期取得毕业证书，在规定时间内提交，逾期未交的，考试成绩无效。",
    "本人遵守考试纪律和考场规则，服从考试工作人员的管理。",
)


def pledge_typed(doc: Doc, rng: random.Random) -> Rendered:
    """A pledge typed in Sans on plain paper: the title, a small ruled table of the
    particulars (考生姓名 | 身份证号码 on one row, 毕业学校 | 专业 on the next), the promises
    numbered 1. 2. 3., the signature written in blue-black over 承诺人（签字） and the date
    written 2026.1.15 by hand; no seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 1)
    cv = Canvas(img)
    cv.centered(w / 2, 200, "医师资格考试报名承诺书", "sans_bold", 52, INK, body=False)
    vk = face("sans", *f.values())
    cols = (100.0, 260.0, 520.0, 700.0, w - 100.0)
    y = 300.0
    for row in ((("考生姓名", f["name"]), ("身份证号码", f["id_number"])),
                (("毕业学校", f["school"]), ("专业", f["major"]))):  # fmt: skip
        for c, (label, value) in enumerate(row):
            _label_cell(cv, (cols[2 * c], y, cols[2 * c + 1], y + 90), label, "sans", 26)
            _value_cell(cv, (cols[2 * c + 1], y, cols[2 * c + 2], y + 90), value,
                        face(vk, value), 30)  # fmt: skip
        y += 90
    g = iso(f["expected_graduation"] + "-01")
    opener = f"本人为{g.year}年应届毕业生，自愿报名参加医师资格考试，郑重承诺如下："
    y = paragraph(cv, opener, (), 100, w - 100, y + 90, "sans", 30, 56)
    for n, p in enumerate(TYPED_PROMISES, 1):
        y = paragraph(cv, f"{n}. {p}", (), 100, w - 100, y + 16, "sans", 30, 56)
    y = max(y + 140, 1300)
    x = cv.text((620, y), "承诺人（签字）：", "sans", 30)
    scrawl(cv.draw, x + 10, y - 15, rng, 200)
    x = cv.text((620, y + 110), "日期：", "sans", 30)
    d = iso(f["date"])
    cv.text((x + 10, y + 106), f"{d.year}.{d.month}.{d.day}", "kai", 36, BLUE_BLACK)
    return Rendered(img, None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# 试用期考核证明: a short letter in Kai with a page footer


def probation_letter(doc: Doc, rng: random.Random) -> Rendered:
    """A short certifying letter (portrait, Kai) as the unit's office types one: the title
    医师资格考试试用期考核证明, a running text 兹证明…（公民身份号码：…）自2024-07-01至2025-06-30在
    我单位…科试用，考核结论为合格 with the values wrapped whole, the unit's seal over its name,
    an ISO date, the office's contact line and a 第1页 共1页 footer."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 253), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 220, "医师资格考试试用期考核证明", "kai", 54, INK, body=False)
    unit = f["work_unit"]
    vk = face("kai", *f.values())
    text = (
        f"兹证明{f['name']}（{f['gender']}，公民身份号码：{f['id_number']}）自"
        f"{f['period_start']}至{f['period_end']}在我单位{unit}{f['department']}参加试用期工作，"
        f"试用期满经考核，考核结论为{f['result']}。"
    )
    keep = (f["name"], f["id_number"], f["period_start"], f["period_end"], unit, f["result"])
    y = paragraph(cv, text, keep, 130, w - 130, 400, vk, 38, 80)
    y = paragraph(cv, "特此证明。", (), 130, w - 130, y + 20, "kai", 38, 80)
    uk = face("kai", unit)
    sign_off(img, cv, rng, [unit, f["date"]], w - 130, y + 220, uk, fit(uk, 36, unit, 640, 28),
             unit, radius=125, lead=72)  # fmt: skip
    cv.text((130, h - 260), "经办人：人事科　联系电话：022-23456789", "kai", 32, GREY)
    d.line((130, h - 200, w - 130, h - 200), fill=RULE, width=1)
    cv.centered(w / 2, h - 150, "第1页 共1页", "kai", 32, GREY)
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# 执业期考核证明: Hei, the conclusion boxed


def practice_period_boxed(doc: Doc, rng: random.Random) -> Rendered:
    """A proof in Hei (portrait): the title 执业期考核证明, a two-column ruled table of shaded
    labels (姓名, 证件号码, 所在单位, 执业类别, 执业期间 2016.04.06—2026.01.08), the 考核结论
    large in a box of its own under it, the unit's seal over the unit's name and a dated
    sign-off."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 254, 252), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 200, "执业期考核证明", "hei", 60, INK, spacing=12, body=False)
    vk = face("hei", *f.values())
    period = f"{fmt_date(f['period_start'], 'dot')}—{fmt_date(f['period_end'], 'dot')}"
    rows = [("姓　名", f["name"]), ("证件号码", f["id_number"]), ("所在单位", f["work_unit"]),
            ("执业类别", f["practice_category"]), ("执业期间", period)]  # fmt: skip
    y = grid(cv, rows, 110, 350, w - 110, 320, 100, "hei", vk, 32)
    d.rectangle((110, y + 60, w - 110, y + 220), outline=INK, width=3)
    cv.text((150, y + 155), "考核结论：", "hei", 36)
    cv.text((400, y + 160), f["result"], "hei", 52)
    unit = f["work_unit"]
    uk = face("hei", unit)
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "cn")], w - 130, y + 400, uk,
             fit(uk, 34, unit, 640, 28), unit, radius=125, lead=70)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# 医疗机构执业许可证: 正本 landscape, two label columns


def licence_twolist(doc: Doc, rng: random.Random) -> Rendered:
    """A licence 正本 printed landscape (Ming) inside a blue double border: the title, the
    particulars as two label lists side by side (left: 机构名称, 地址, 主要负责人, 登记号;
    right: 有效期限 2022年05月01日至2027年04月30日 split 自/至 over two lines, 诊疗科目 one per
    line, in two columns when many), the authority's seal over its name and a padded date at
    the bottom right."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (252, 252, 248), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    blue = (30, 70, 140)
    d.rectangle((40, 40, w - 41, h - 41), outline=blue, width=6)
    d.rectangle((60, 60, w - 61, h - 61), outline=blue, width=2)
    cv.centered(w / 2, 190, "医疗机构执业许可证", "ming", 64, blue, spacing=14, body=False)
    vk = face("ming", *f.values())
    left = [("机构名称", f["work_unit"]), ("地　　址", f["address"]),
            ("主要负责人", f["head"]), ("登 记 号", f["registration_number"])]  # fmt: skip
    y = 330.0
    for label, value in left:
        cv.text((120, y), f"{label}：", "ming", 30, GREY)
        k = face(vk, value)
        cv.text((120, y + 48), value, k, fit(k, 32, value, 760, 28))
        y += 130
    x = 960.0
    cv.text((x, 330), "有效期限：", "ming", 30, GREY)
    cv.text((x, 378), f"自{fmt_date(f['valid_from'], 'pad')}", "ming", 30)
    cv.text((x, 428), f"至{fmt_date(f['valid_until'], 'pad')}", "ming", 30)
    cv.text((x, 510), "诊疗科目：", "ming", 30, GREY)
    subjects = f["subjects"].split("；")
    per = len(subjects) if len(subjects) <= 8 else (len(subjects) + 1) // 2
    lead = min(46.0, (h - 300 - 560) / per)
    room = (w - 120 - x) / (1 if per == len(subjects) else 2) - 20
    for i, s in enumerate(subjects):
        k = face(vk, s)
        cv.text((x + (i // per) * (room + 20), 560 + (i % per) * lead), s, k,
                fit(k, 30, s, room, 28))  # fmt: skip
    issuer = f["issuer"]
    ik = face("ming", issuer)
    sign_off(img, cv, rng, [f"发证机关：{issuer}", fmt_date(f["issue_date"], "pad")], w - 120,
             h - 240, ik, fit(ik, 30, issuer, 600, 28), issuer, radius=115, lead=60)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "licence")


# --------------------------------------------------------------------------------------------
# 社会保险: a city system's statement, landscape, with a summary line

STATUS = {"已缴": "已缴费"}


def statement_rows(f: dict[str, str]) -> list[tuple[str, str, str, str, str]]:
    """(序号, 缴费年月 2024年07月, 险种, 缴费工资, 缴费状态 已缴费/未缴费) rows, oldest first."""
    rows = sorted(_payments(f))
    return [(str(i), f"{m[:4]}年{m[4:]}月", SHORT.get(k, k), base, STATUS.get(s, "未缴费"))
            for i, (m, k, base, s) in enumerate(rows, 1)]  # fmt: skip


def si_statement(doc: Doc, rng: random.Random) -> Rendered:
    """A city social-insurance system's 参保人员缴费情况 statement (landscape, Serif): a grey
    header band with a logo square and the system's name, the person in a line of three
    (姓名, 证件号码, 参保单位), the months as a ruled list (序号 | 缴费年月 2024年07月 | 险种 |
    缴费工资 | 缴费状态 已缴费/未缴费) in as many columns as needed, a summary line of the
    months paid, the agency's seal over its name and a dashed date."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 1)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((0, 0, w, 130), fill=BAND)
    logo_square(img, (70, 25, 150, 105), (30, 90, 150))
    cv.text((180, 85), "城镇职工社会保险信息系统", "serif_bold", 34)
    cv.centered(w / 2, 210, "参保人员缴费情况", "serif_bold", 46, INK, body=False)
    vk = face("serif", f["name"], f["work_unit"], f["agency"])
    x = cv.text((90, 290), "姓名：", "serif", 28)
    x = cv.text((x, 290), f["name"], face(vk, f["name"]), 28)
    x = cv.text((x + 50, 290), f"证件号码：{f['id_number']}", "serif", 28)
    x = cv.text((x + 50, 290), "参保单位：", "serif", 28)
    uk = face(vk, f["work_unit"])
    cv.text((x, 290), f["work_unit"], uk, fit(uk, 28, f["work_unit"], w - 90 - x, 24))
    rows = statement_rows(f)
    top = 330.0
    lh = 36.0
    per = max(1, int((h - 300 - top) // lh) - 1)
    ncols = (len(rows) + per - 1) // per
    colw = (w - 180) / max(1, ncols)
    widths = (0.1, 0.27, 0.18, 0.22, 0.23)
    for c in range(ncols):
        x0 = 90 + c * colw
        edges = [x0]
        for wd in widths:
            edges.append(edges[-1] + (colw - 20) * wd)
        d.rectangle((x0, top, edges[-1], top + lh), fill=(236, 236, 236))
        for k, head in enumerate(("序号", "缴费年月", "险种", "缴费工资", "缴费状态")):
            cv.text((edges[k] + 4, top + lh * 0.75), head, "serif_bold", 24)
        for r, row in enumerate(rows[c * per : (c + 1) * per]):
            y = top + lh * (r + 1)
            for k, cell in enumerate(row):
                cv.text((edges[k] + 4, y + lh * 0.75), cell, "serif", 24)
            d.line((x0, y + lh, edges[-1], y + lh), fill=RULE, width=1)
    months = len({r[1] for r in rows if r[4] == "已缴费"})
    cv.text((90, h - 230), f"本期共缴费{months}个月，以上信息以系统记录为准。", "serif", 28)
    agency = f["agency"]
    ak = face("serif", agency)
    sign_off(img, cv, rng, [agency, f["print_date"]], w - 100, h - 190, ak,
             fit(ak, 28, agency, 560, 24), agency, bottom="业务专用章", radius=105,
             lead=52)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_statement_scan_pdf(fields: dict[str, str]) -> bytes:
    """The printed statement scanned back to PDF (grey, no text layer, < 200 KB)."""
    rng = random.Random(f"si-statement-scan/{fields['id_number']}/{fields['print_date']}")
    page = si_statement(Doc("social_insurance", fields), rng).image
    return scan_pdf(page.resize((1403, 992), Image.Resampling.LANCZOS), rng, landscape=True)


# --------------------------------------------------------------------------------------------
# 医师资格证书: Kai, slashed dates, values under a rule


def qualification_kai(doc: Doc, rng: random.Random) -> Rendered:
    """A qualification certificate page (portrait, Kai) on a cream page with a thin gold rule
    frame: the title, the photo centred above the particulars, a label list whose values stand
    on hairlines (姓名, 性别, 出生日期 1990/3/4, 身份证号, 类别, 级别, 编码 for the certificate
    number), the authority's seal over a slashed 发证日期."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (250, 246, 234), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    gold = (170, 140, 70)
    d.rectangle((80, 80, w - 81, h - 81), outline=gold, width=2)
    cv.centered(w / 2, 220, "医师资格证书", "kai", 68, INK, spacing=16, body=False)
    _portrait(img, doc, (w // 2 - 100, 290, w // 2 + 100, 540), (240, 236, 226))
    rows = [("姓　　名", f["name"]), ("性　　别", f["gender"]),
            ("出生日期", slash(f["birth_date"])), ("身 份 证 号", f["id_number"]),
            ("类　　别", f["qual_category"]), ("级　　别", f["qualification"]),
            ("编　　码", f["qualification_number"])]  # fmt: skip
    vk = face("kai", *f.values())
    y = 640.0
    for label, value in rows:
        cv.text((160, y), label, "kai", 32)
        d.line((400, y + 12, w - 160, y + 12), fill=gold, width=1)
        k = face(vk, value)
        cv.text((420, y - 4), value, k, fit(k, 36, value, w - 600, 26))
        y += 92
    authority = health_authority(iso(f["issue_date"]))
    ak = face("kai", authority)
    sign_off(img, cv, rng, [authority, f"发证日期：{slash(f['issue_date'])}"], w - 160, y + 90,
             ak, fit(ak, 32, authority, 640, 26), authority, radius=120, lead=66)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


# --------------------------------------------------------------------------------------------
# 医师执业证书: 副本 in Sans under a grey band


def practice_band(doc: Doc, rng: random.Random) -> Rendered:
    """A practice certificate's 副本 page (portrait, Sans): a grey band with 医师执业证书 and
    （副本） in it, the photo at the top left with the 证书编码 beside it, a two-column ruled
    grid (姓名 | 性别, 身份证号 merged across, 执业地点, 类别 | 级别, 执业范围), 注册日期 in
    2016-04-06 form, the authority's seal over its name."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 1)
    cv = Canvas(img)
    cv.draw.rectangle((0, 90, w, 250), fill=BAND)
    cv.centered(w / 2, 190, "医师执业证书", "sans_bold", 60, INK, spacing=12, body=False)
    cv.text((w - 260, 190), "（副本）", "sans", 30)
    _portrait(img, doc, (110, 300, 290, 520), (236, 238, 240))
    cv.text((340, 380), "证书编码：", "sans", 28, GREY)
    cv.text((340, 430), f["practice_number"], "sans", 34)
    vk = face("sans", *f.values())
    cols = (110.0, 290.0, 600.0, 780.0, w - 110.0)
    y = 580.0
    rh = 96.0
    for label, value, label2, value2 in (("姓名", f["name"], "性别", f["gender"]),
                                         ("类别", f["practice_category"], "级别",
                                          f["practice_level"])):  # fmt: skip
        _label_cell(cv, (cols[0], y, cols[1], y + rh), label, "sans", 28)
        _value_cell(cv, (cols[1], y, cols[2], y + rh), value, face(vk, value), 30)
        _label_cell(cv, (cols[2], y, cols[3], y + rh), label2, "sans", 28)
        _value_cell(cv, (cols[3], y, cols[4], y + rh), value2, face(vk, value2), 30)
        y += rh
    rows = [("身份证号", f["id_number"]), ("执业地点", f["work_unit"]), ("执业范围", f["scope"]),
            ("注册日期", f["registration_date"])]  # fmt: skip
    y = grid(cv, rows, cols[0], cols[1], cols[4], y, rh, "sans", vk, 30)
    issuer = f["issuer"]
    ik = face("sans", issuer)
    sign_off(img, cv, rng, ["发证机关", issuer], w - 130, y + 140, ik, fit(ik, 30, issuer, 620, 26),
             issuer, radius=120, lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# Registration

HELD_OUT = (
    ("diploma", "ruledgrid", diploma_grid, None,
     "landscape Ming diploma in a maroon double frame: particulars in a ruled grid of shaded "
     "label cells (姓名, 出生日期 padded, 专业, 学习期限 2011年9月至2014年7月, 学制, 层次, "
     "证书编号), photo right, 校长 printed, seal over the school's name only, 发证日期 unsealed"),
    ("degree", "labellist", degree_list, None,
     "portrait Kai 学士学位证书 as a label list (姓名, 出生日期 ISO, 学科专业, 授予学位 "
     "医学学士学位, 证书编号), 授予单位 beside the photo top left, one-line statement, chair "
     "printed, seal over the school and an ISO date"),
    ("diploma_record", "fourcol", record_fourcol, record_fourcol_pdf,
     "Hei 备案表 as a ruled four-column grid (label|value|label|value) with shaded labels, person "
     "first, ISO dates 2014-07-01, 学习形式 cell, photo above the grid right, 在线验证码 and "
     "有效期至 in a box; PDF born-digital with a text layer"),
    ("mentorship_cert", "greenframe", mentorship_landscape, None,
     "landscape Kai certificate in a green frame: 编号 top right corner, photo left, label list "
     "(姓名, 性别, 身份证号码, 出师/专长内容) beside it, 经考核合格，特发此证, seal over the "
     "issuer and a dotted date"),
    ("pledge", "typed", pledge_typed, None,
     "typed Sans 报名承诺书: particulars in a small ruled table (考生姓名|身份证号码, "
     "毕业学校|专业), promises 1. 2. 3., blue-black signature over 承诺人（签字） and the "
     "date written 2026.1.15 by hand; no seal"),
    ("probation_cert", "kailetter", probation_letter, None,
     "short Kai letter: 兹证明…（性别，公民身份号码：…）自2024-07-01至2025-06-30在我单位…参加试用期"
     "工作…考核结论为合格, seal over the unit's name and an ISO date, 经办人 contact line and "
     "a 第1页 共1页 footer"),
    ("practice_period_cert", "boxed", practice_period_boxed, None,
     "Hei proof: ruled two-column table of shaded labels (姓名, 证件号码, 所在单位, 执业类别, "
     "执业期间 2016.04.06—2026.01.08), 考核结论 large in a box of its own, seal over the unit "
     "and a date"),
    ("licence", "twolist", licence_twolist, None,
     "landscape Ming 正本 in a blue double border: two label lists side by side with values under "
     "grey labels (机构名称, 地址, 主要负责人, 登记号 | 有效期限 自…至… over two padded lines, "
     "诊疗科目 one per line), seal over 发证机关 and a padded date"),
    ("social_insurance", "statement", si_statement, si_statement_scan_pdf,
     "landscape Serif 参保人员缴费情况 from a city system: grey header band with a logo square, "
     "姓名/证件号码/参保单位 on one line, ruled month list (序号|缴费年月 2024年07月|险种|缴费工资|"
     "缴费状态 已缴费/未缴费) in side-by-side columns, months-paid summary, 业务专用章 over the "
     "agency and an ISO date; PDF a landscape scan without text layer"),
    ("assistant_qualification", "kaiframe", qualification_kai, None,
     "portrait Kai certificate on cream in a gold hairline frame: photo centred, values on "
     "hairlines (出生日期 1990/3/4, 身份证号, 类别, 级别, 编码), seal over the authority and a "
     "slashed 发证日期"),
    ("assistant_practice", "greyband", practice_band, None,
     "Sans 副本 page under a grey band (医师执业证书（副本）): photo top left with 证书编码 beside "
     "it, ruled grid (姓名|性别, 类别|级别, then 身份证号, 执业地点, 执业范围, 注册日期 ISO merged "
     "across), seal over 发证机关 and the authority"),
)  # fmt: skip
