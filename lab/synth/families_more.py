"""A fourth layout family per material (issue 15, second round): yet other issuers, held out.

The held-out families of `families_edu` and `families_work` have been run and looked at, so
they count as tuned now; these are the new *held-out* ones, written without looking at how the
readers fare on them and never adjusted to suit the readers. Each differs from every earlier
family of its material the way real issuers differ (field order, label wording, table against
label list against letter, typeface, orientation, where the seal falls, how dates are written)
and prints every value the material's checks compare exactly as the form's truth holds it; a
typeface lacking a character of a value gives way to Noto, as the other modules do.
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence

from PIL import Image, ImageFilter

from lab.synth.families_edu import FIXED_DATE, frame, photo, ym
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
from lab.synth.render import INK, Canvas, Doc, Rendered, draw_stamp, font, iso, paper

GREY = (80, 80, 88)


def _label_lines(
    cv: Canvas,
    rows: Sequence[tuple[str, str]],
    x: float,
    vx: float,
    right: float,
    y: float,
    lk: str,
    vk: str,
    size: int,
    lead: float,
) -> float:
    """Label：value lines with the values aligned at `vx`; returns the next baseline."""
    for label, value in rows:
        cv.text((x, y), f"{label}：", lk, size, GREY)
        k = face(vk, value)
        cv.text((vx, y), value, k, fit(k, size + 2, value, right - vx, 26))
        y += lead
    return y


# --------------------------------------------------------------------------------------------
# 毕业证书: a 中等职业学校 ruled form


def diploma_form(doc: Doc, rng: random.Random) -> Rendered:
    """A 中专/职业学校 diploma as a ruled form (portrait, Hei labels, Song values): 学生姓名
    first, the photo in the form's corner cell, 毕业时间 as 2014年7月, 证书编号 in the last row,
    the school and an ISO date (2014-07-01) below with the seal over the school's name."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (249, 247, 240), rng, 3)
    cv = Canvas(img)
    green = (30, 90, 70)
    frame(img, green, 40, 62)
    cv.centered(w / 2, 220, "毕 业 证 书", "hei", 92, green, spacing=10, body=False)
    px0, top, rh = 850, 330, 104
    photo(img, doc, (px0 + 25, top + 25, 1120, top + 4 * rh - 25), (200, 60, 60))
    vk = face("serif", f["name"], f["major"])
    first: list[Sequence[str]] = [
        ("学生姓名", f["name"]),
        ("性别", f["gender"]),
        ("出生日期", fmt_date(f["birth_date"], "cn")),
        ("入学时间", ym(f["enrol"])),
    ]
    ruled_table(cv, first, 110, px0, top, rh, 240, "hei", 38, vk, 42, width=2)
    cv.draw.rectangle((px0, top, 1130, top + 4 * rh), outline=INK, width=2)
    rest: list[Sequence[str]] = [
        ("毕业时间", ym(f["graduation"])),
        ("专业", f["major"]),
        ("学制", f"{f.get('years', '三')}年"),
        ("学历层次", f.get("education_level", "中专")),
        ("证书编号", f["diploma_number"]),
    ]
    bottom = ruled_table(cv, rest, 110, 1130, top + 4 * rh, rh, 240, "hei", 38, vk, 42, width=2)
    text = "该生在我校学习期满，修完教学计划规定的全部课程，成绩合格，准予毕业。"
    y = paragraph(cv, text, (), 110, 1130, bottom + 110, face("serif", text), 42, 76)
    sk = face("serif", f["school"])
    y = min(max(y + 120, 1450), 1530)
    cv.text((560, y), f["school"], sk, fit(sk, 48, f["school"], 1130 - 560, 32))
    cv.text((560, y + 90), f["issue_date"], "serif", 42)
    draw_stamp(img, (760 + rng.uniform(-40, 40), y - 20 + rng.uniform(-15, 15)), 125,
               f["school"], rng)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "diploma")


# --------------------------------------------------------------------------------------------
# 学位证书: a newer portrait certificate in Song, the name set on its own line


def degree_modern(doc: Doc, rng: random.Random) -> Rendered:
    """A newer school-designed degree (portrait, Song): the holder's name large on its own
    line, then the 授予 text naming the school and the discipline (学科门类：医学), the
    chair's printed name with a handwritten signature beside it, the date as 2022年7月1日
    and the seal over the school's name; the number at the top right."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (250, 250, 246), rng, 3)
    cv = Canvas(img)
    d = cv.draw
    blue = (28, 52, 110)
    d.rectangle((50, 50, w - 51, h - 51), outline=blue, width=3)
    num = f"No.{f['degree_number']}"
    cv.text((w - 110 - font("serif", 32).getlength(num), 140), num, "serif", 32)
    level = f["degree_level"]
    cv.centered(w / 2, 300, f"{level}学位证书", "serif_bold", 90, blue, spacing=14, body=False)
    _portrait(img, doc, (w // 2 - 120, 380, w // 2 + 120, 700), (90, 140, 205))
    nk = face("kai", f["name"])
    cv.centered(w / 2, 840, f["name"], nk, 72)
    b = iso(f["birth_date"])
    text = (
        f"{f['gender']}，{b.year}年{b.month}月{b.day}日生，在{f['school']}{f['major']}专业"
        f"完成了学业，成绩合格，经审核，符合《中华人民共和国学位条例》的规定，"
        f"授予医学{level}学位。学科门类：医学。"
    )
    keep = (f["school"], f["major"], f"{level}学位", "《中华人民共和国学位条例》")
    body = face("serif", text)
    y = paragraph(cv, text, keep, 130, w - 130, 960, body, 44, 82)
    y = max(y + 120, 1380)
    sk = face("serif", f["school"])
    cv.text((130, y), f["school"], sk, fit(sk, 46, f["school"], 560, 30))
    x = cv.text((130, y + 90), "学位评定委员会主席", "serif", 38)
    ck = face("serif", f["chair"])
    x = cv.text((x + 20, y + 90), f["chair"], ck, 40)
    scrawl(d, x + 30, y + 80, rng, 180)
    issued = iso(f["issue_date"])
    cv.text((130, y + 180), f"{issued.year}年{issued.month}月{issued.day}日", "serif", 40)
    draw_stamp(img, (330 + rng.uniform(-40, 40), y - 10 + rng.uniform(-15, 15)), 125,
               f["school"], rng)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表: a two-column grid (Sans), dotted dates, code in the header


def _record_grid(f: dict[str, str]) -> list[tuple[str, str, str, str]]:
    return [
        ("姓名", f["name"], "性别", f["gender"]),
        ("出生日期", fmt_date(f["birth_date"], "dot"), "身份证号", f["id_number"]),
        ("院校名称", f["school"], "", ""),
        ("专业名称", f["major"], "学制", f"{f['years']}年"),
        ("学历层次", f["record_level"], "学历类别", f["record_category"]),
        ("入学时间", fmt_date(f["enrol_date"], "dot"),
         "毕业时间", fmt_date(f["graduation_date"], "dot")),
        ("毕业证书编号", f["diploma_number"], "", ""),
        ("校长", f["principal"], "毕结业结论", "毕业"),
    ]  # fmt: skip


def record_grid(doc: Doc, rng: random.Random) -> Rendered:
    """A 备案表 printed from another viewer: the code and 报告有效期至 in a header block
    above the data, a two-column ruled grid in Sans (身份证号, 院校名称, 毕业时间) with dotted
    dates (2014.07.01), the photo top left, no seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 254, 252), rng, 1.5)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    cv.centered(w / 2, 160, title, "sans_bold", fit("sans_bold", 56, title, w - 200, 36), INK,
                body=False)  # fmt: skip
    d.line((90, 200, w - 90, 200), fill=(0, 110, 90), width=5)
    _portrait(img, doc, (100, 250, 300, 500), (250, 250, 250))
    cv.text((360, 300), f"验证码：{f['verification_code']}", "sans", 38)
    cv.text((360, 380), f"报告有效期至：{fmt_date(f['valid_until'], 'dot')}", "sans", 36)
    cv.text((360, 460), f"更新日期：{fmt_date(f['update_date'], 'dot')}", "sans", 30, GREY)
    rows = [r if r[2] else r[:2] for r in _record_grid(f)]
    vk = face("sans", *(r[1] for r in rows))
    ruled_table(cv, rows, 90, w - 90, 570, 96, 230, "sans", 32, vk, 34, mid=640, lw2=190,
                line=(120, 130, 130), width=2)  # fmt: skip
    y = 570 + len(rows) * 96 + 110
    note = "注：本报告可通过验证码在线查验真伪，有效期内可多次查验。"
    cv.text((90, y), note, "sans", 30, GREY)
    return Rendered(img, None, cv.min_glyph, "diploma_record")


def record_grid_pdf(fields: dict[str, str]) -> bytes:
    """The grid layout as downloaded: a PDF with a text layer (fpdf2)."""
    from lab.synth import pdfdoc

    rows = _record_grid(fields)
    title = fields.get("title", "教育部学历证书电子注册备案表")
    head = (
        f"验证码：{fields['verification_code']}",
        f"报告有效期至：{fmt_date(fields['valid_until'], 'dot')}",
        f"更新日期：{fmt_date(fields['update_date'], 'dot')}",
    )
    pdf = pdfdoc._new_pdf(title, FIXED_DATE, [*fields.values(), *(t for r in rows for t in r),
                                              *head])  # fmt: skip
    pdf.set_font("noto", size=16)
    pdf.set_xy(10, 14)
    pdf.cell(190, 10, title, align="C")
    pdf.set_draw_color(0, 110, 90)
    pdf.set_line_width(0.8)
    pdf.line(15, 27, 195, 27)
    pdf.set_font("noto", size=11)
    for i, line in enumerate(head):
        pdf.set_xy(60, 34 + 9 * i)
        pdf.cell(130, 8, line)
    pdf.set_line_width(0.3)
    pdf.set_draw_color(120, 130, 130)
    y = 72.0
    for a, b, c, e in rows:
        pdf.rect(15, y, 180, 12)
        pdf.set_font("noto", size=9)
        pdf.set_xy(17, y + 2)
        pdf.cell(30, 8, a)
        pdf.set_font("noto", size=10)
        pdf.set_xy(50, y + 2)
        pdf.cell(55, 8, b)
        if c:
            pdf.set_font("noto", size=9)
            pdf.set_xy(108, y + 2)
            pdf.cell(30, 8, c)
            pdf.set_font("noto", size=10)
            pdf.set_xy(138, y + 2)
            pdf.cell(55, 8, e)
        y += 12
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 师承/确有专长证书: a label list with 证件号码, the seal over the date


def mentorship_list(doc: Doc, rng: random.Random) -> Rendered:
    """Portrait certificate with Hei label：value lines (证件号码 before 姓名's gender, 专长
    领域/出师专业), 证书编号 at the foot, the bureau and a dotted date under its seal; no
    running text."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (248, 247, 240), rng, 4)
    cv = Canvas(img)
    color = (120, 40, 30)
    frame(img, color, 40, 60)
    title = f["title"]
    cv.centered(w / 2, 240, title, "hei", fit("hei", 68, title, w - 220, 44), color,
                spacing=4, body=False)  # fmt: skip
    photo(img, doc, (w // 2 - 130, 330, w // 2 + 130, 660), (240, 242, 246))
    field = "出师专业" if "师承" in title else "专长领域"
    rows = [
        ("姓名", f["name"]),
        ("证件号码", f["id_number"]),
        ("性别", f["gender"]),
        (field, f["major"]),
    ]
    y = _label_lines(cv, rows, 170, 420, w - 150, 800, "hei", "hei", 42, 100)
    kind = "hei"
    text = "经考核合格，特发此证。"
    y = paragraph(cv, text, (), 170, w - 150, y + 40, kind, 42, 80)
    sign_off(img, cv, rng, [f["issuer"], fmt_date(f["issue_date"], "dot")], w - 150, y + 170,
             "hei", 42, f["issuer"], radius=140, lead=90)  # fmt: skip
    cv.text((170, h - 150), f"证书编号：{f['cert_number']}", "hei", 36)
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 承诺书: numbered promises first, the person's details in the signature block at the foot


def pledge_block(doc: Doc, rng: random.Random) -> Rendered:
    """A 考区's pledge whose promises come first (numbered, in Hei), and whose foot is a
    signature block the applicant fills in: 承诺人签名 (handwritten), 姓名（正楷）,
    公民身份号码, 毕业学校 and an ISO date (2026-01-15)."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 252, 250), rng, 3)
    cv = Canvas(img)
    cv.centered(w / 2, 210, "医师资格考试报考承诺书", "hei", 64, INK, body=False)
    g = iso(f["expected_graduation"] + "-01")
    promises = (
        f"一、本人为{g.year}届医学专业应届毕业生，所填报名信息及提交材料真实、准确、完整。",
        f"二、本人承诺于{g.year}年8月31日前取得国家承认的毕业证书。",
        "三、如未能按期取得毕业证书，本人自愿放弃本年度考试资格，已取得的考试成绩无效。",
        "四、如有弄虚作假，本人愿承担由此产生的一切后果。",
    )
    y: float = 360
    cv.text((110, y), "本人郑重承诺：", "hei", 44)
    y += 90
    for p in promises:
        y = paragraph(cv, p, (), 110, w - 110, y, "hei", 40, 72, indent=False) + 14
    y = max(y + 100, 1150)
    x = cv.text((560, y), "承诺人签名：", "hei", 40)
    scrawl(cv.draw, x + 20, y - 10, rng, 200)
    rows = [
        ("姓名（正楷）", f["name"]),
        ("公民身份号码", f["id_number"]),
        ("毕业学校", f["school"]),
        ("专业", f["major"]),
        ("日期", f["date"]),
    ]
    _label_lines(cv, rows, 110, 420, w - 110, y + 110, "hei", "hei", 38, 84)
    return Rendered(img, None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# 试用期考核证明: a landscape ruled form, 考核等级, seal over the unit's name


def probation_landscape(doc: Doc, rng: random.Random) -> Rendered:
    """Landscape ruled form in Ming (a 卫健委-designed template filled by the unit):
    名字/公民身份号码/所在单位, 起止日期 as 2024年7月1日—2025年6月30日, 考核等级, the
    assessor's handwriting, the unit's name under its seal beside an ISO date."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (251, 251, 248), rng, 3)
    cv = Canvas(img)
    cv.centered(w / 2, 160, "医师资格考试试用期考核证明", "ming", 66, INK, spacing=6, body=False)
    period = f"{fmt_date(f['period_start'], 'cn')}—{fmt_date(f['period_end'], 'cn')}"
    rows: list[Sequence[str]] = [
        ("名字", f["name"], "性别", f["gender"]),
        ("公民身份号码", f["id_number"]),
        ("所在单位", f["work_unit"], "科室", f["department"]),
        ("起止日期", period),
        ("考核等级", f["result"]),
    ]
    bottom = ruled_table(cv, rows, 100, w - 100, 240, 110, 280, "ming", 40,
                         face("ming", *f.values()), 42, mid=1110, lw2=150)  # fmt: skip
    y = bottom + 110
    cv.text((100, y), "考核人（签字）：", "ming", 40)
    scrawl(cv.draw, 440, y - 8, rng, 200)
    uk = face("ming", f["work_unit"])
    cv.text((1050, y), f["work_unit"], uk, fit(uk, 42, f["work_unit"], w - 120 - 1050, 30))
    cv.text((1050, y + 90), f["date"], "ming", 40)
    draw_stamp(img, (1250 + rng.uniform(-40, 40), y - 15 + rng.uniform(-15, 15)), 140,
               f["work_unit"], rng)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# 执业期考核证明: a portrait ruled form in Song, 执业地点, 鉴定意见


def practice_period_form(doc: Doc, rng: random.Random) -> Rendered:
    """Portrait ruled form in Song: 姓名/公民身份号码/执业地点 (the unit), 执业期限 with ISO
    dates, 考核鉴定意见 with the result; the seal over the unit's name in the sign-off, the
    date in Chinese numerals, the head's signature."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 252, 249), rng, 3)
    cv = Canvas(img)
    cv.centered(w / 2, 200, "执业助理医师报考执业医师", "serif_bold", 56, INK, body=False)
    cv.centered(w / 2, 290, "执业期考核证明", "serif_bold", 56, INK, spacing=6, body=False)
    period = f"{f['period_start']} 至 {f['period_end']}"
    vk = face("serif", *f.values())
    rows: list[Sequence[str]] = [
        ("姓名", f["name"], "性别", f["gender"]),
        ("公民身份号码", f["id_number"]),
        ("执业地点", f["work_unit"]),
        ("执业类别", f["practice_category"]),
        ("执业期限", period),
        ("考核鉴定意见", f["result"]),
    ]
    bottom = ruled_table(cv, rows, 100, w - 100, 380, 116, 280, "serif", 38, vk, 40,
                         mid=760, lw2=130)  # fmt: skip
    y = bottom + 120
    cv.text((100, y), "单位负责人签字：", "serif", 40)
    scrawl(cv.draw, 440, y - 8, rng, 190)
    y += 170
    sign_off(img, cv, rng, [f["work_unit"], fmt_date(f["date"], "hanzi")], w - 100, y, vk, 42,
             f["work_unit"], radius=145, lead=90)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# 医疗机构执业许可证: the 正本 (portrait, framed, Kai)


def licence_original(doc: Doc, rng: random.Random) -> Rendered:
    """The 正本 rather than the 副本: a framed portrait page in Kai, 机构名称 first, the
    登记号 under the title, 诊疗科目 set with spaces, 有效期限 as 自…至… in padded dates, the
    issuer and the date in Chinese numerals under the seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (250, 247, 238), rng, 4)
    cv = Canvas(img)
    color = (150, 110, 40)
    frame(img, color, 36, 60)
    cv.centered(w / 2, 230, "医疗机构执业许可证", "kai", 80, INK, spacing=8)
    cv.centered(w / 2, 310, "（正本）", "kai", 44, INK, body=False)
    cv.centered(w / 2, 390, f"登记号：{f['registration_number']}", "kai", 36, INK)
    kind = face("kai", *f.values())
    vf, vt = fmt_date(f["valid_from"], "pad"), fmt_date(f["valid_until"], "pad")
    rows = [
        ("机构名称", f["work_unit"]),
        ("地址", f["address"]),
        ("法定代表人", f["legal_rep"]),
        ("主要负责人", f["head"]),
        ("有效期限", f"自{vf}至{vt}"),
    ]
    y = _label_lines(cv, rows, 140, 400, w - 130, 520, kind, kind, 40, 90)
    cv.text((140, y), "诊疗科目：", kind, 40, GREY)
    x, vx = 400.0, 400.0
    for subject in f["subjects"].split("；"):
        width = font(kind, 40).getlength(subject)
        if x + width > w - 130:
            x, y = vx, y + 76
        cv.text((x, y), subject, kind, 40)
        x += width + 40
    y = max(y + 200, 1330)
    sign_off(img, cv, rng, [f["issuer"], fmt_date(f["issue_date"], "hanzi")], w - 130, y, kind,
             42, f["issuer"], radius=150, lead=90)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "licence")


# --------------------------------------------------------------------------------------------
# 社会保险: a landscape query print-out, one row per month and insurance, raw 费款所属期


#: the status words of this family for a paid and an unpaid month
LEDGER_WORDS = ("已实缴", "欠缴")


def ledger_rows(f: dict[str, str]) -> list[list[str]]:
    """费款所属期 (YYYYMM as the system stores it), 险种类型, 缴费基数, 缴费状态."""
    paid, unpaid = LEDGER_WORDS
    return [[m, k, base, paid if s == "已缴" else unpaid] for m, k, base, s in _payments(f)]


def si_ledger(doc: Doc, rng: random.Random) -> Rendered:
    """A 参保缴费明细 query printed in landscape (Sans): the person on one label line
    (参保人/证件号码/参保单位), one row per month and insurance with the month raw
    (202508), statuses 已实缴/欠缴, the agency's 业务专用章 over the print date."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (253, 253, 251), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 120, "参保人员缴费明细", "sans_bold", 54, INK, body=False)
    vk = face("sans", f["name"], f["work_unit"])
    x = cv.text((90, 210), "参保人：", "sans", 32, GREY)
    x = cv.text((x, 210), f["name"], vk, 34)
    x = cv.text((x + 60, 210), "证件号码：", "sans", 32, GREY)
    cv.text((x, 210), f["id_number"], "sans", 34)
    x = cv.text((90, 270), "参保单位：", "sans", 32, GREY)
    cv.text((x, 270), f["work_unit"], vk, 34)
    header = ["费款所属期", "险种类型", "缴费基数", "缴费状态"]
    rows = ledger_rows(f)
    # many rows: the print-out sets the table in two blocks side by side, as such systems do
    half = (len(rows) + 1) // 2 if len(rows) > 12 else len(rows)
    blocks = [rows[:half], rows[half:]] if half < len(rows) else [rows]
    if len(blocks) == 1:
        spans = [(90.0, (90, 400, 1000, 1340, w - 90))]
    else:
        spans = [(90.0, (90, 270, 560, 720, 840)), (914.0, (914, 1094, 1384, 1544, 1664))]
    top, rh = 320, max(46, min(60, (h - 240 - 320) // (half + 1)))
    rule = (150, 150, 160)
    bottom = top
    for block, (_, edges) in zip(blocks, spans, strict=False):
        for i, cells in enumerate([header, *block]):
            ya = top + i * rh
            if i == 0:
                d.rectangle((edges[0], ya, edges[-1], ya + rh), fill=(225, 232, 240))
            d.line((edges[0], ya, edges[-1], ya), fill=rule, width=2)
            kind = "sans_bold" if i == 0 else "sans"
            for c, text in enumerate(cells):
                size = fit(kind, 30, text, edges[c + 1] - edges[c] - 20, 26)
                cv.text((edges[c] + 10, ya + rh / 2 + size * 0.36), text, kind, size)
        b = top + (len(block) + 1) * rh
        d.line((edges[0], b, edges[-1], b), fill=rule, width=2)
        for ex in edges:
            d.line((ex, top, ex, b), fill=rule, width=2)
        bottom = max(bottom, b)
    y = bottom + 100
    cv.text((90, y), f"经办机构：{f['agency']}", "sans", 32)
    cv.text((1150, y), f"打印日期：{f['print_date']}", "sans", 32)
    draw_stamp(img, (1340 + rng.uniform(-30, 30), y + 20), 115, f["agency"], rng, "业务专用章")
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_ledger_scanned_pdf(fields: dict[str, str]) -> bytes:
    """The ledger printed and scanned in colour to one JPEG page (no text layer)."""
    from fpdf import FPDF

    rng = random.Random(f"si-ledger-scan/{fields['id_number']}/{fields['print_date']}")
    page = si_ledger(Doc("social_insurance", dict(fields)), rng).image
    page = page.rotate(rng.uniform(-0.5, 0.5), resample=Image.Resampling.BICUBIC,
                       fillcolor=(250, 250, 248), expand=False)  # fmt: skip
    page = page.filter(ImageFilter.GaussianBlur(0.5)).resize((1403, 992), Image.Resampling.LANCZOS)
    quality = 82
    while True:
        buf = io.BytesIO()
        page.save(buf, "JPEG", quality=quality, optimize=True)
        if buf.tell() <= 170_000 or quality <= 40:
            break
        quality -= 8
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_producer("certcheck-synth scan")
    pdf.set_creator("certcheck-synth scan")
    pdf.add_page()
    buf.seek(0)
    pdf.image(buf, x=0, y=0, w=297, h=210)
    return bytes(pdf.output())


# --------------------------------------------------------------------------------------------
# 医师资格证书: a landscape ruled page in Song


def qualification_ledger(doc: Doc, rng: random.Random) -> Rendered:
    """A landscape single page with a ruled table in Song: 证书编号 first, 身份证件号码,
    资格级别 before 资格类别, the photo right of the table, the authority and an ISO date
    (2015-12-05) with the seal over the authority's name."""
    w, h = LANDSCAPE
    f = doc.fields
    img = paper(w, h, (246, 248, 243), rng, 4)
    cv = Canvas(img)
    green = (40, 95, 65)
    frame(img, green, 34, 56)
    cv.centered(w / 2, 190, "医师资格证书", "serif_bold", 84, green, spacing=16, body=False)
    vk = face("serif", *f.values())
    rows: list[Sequence[str]] = [
        ("证书编号", f["qualification_number"]),
        ("姓名", f["name"], "性别", f["gender"]),
        ("出生日期", f["birth_date"]),
        ("身份证件号码", f["id_number"]),
        ("资格级别", f["qualification"]),
        ("资格类别", f["qual_category"]),
    ]
    bottom = ruled_table(cv, rows, 110, 1280, 280, 100, 290, "serif", 38, vk, 40, mid=900,
                         lw2=130)  # fmt: skip
    _portrait(img, doc, (1340, 300, 1640, 700), (236, 240, 246))
    authority = health_authority(iso(f["issue_date"]))
    y = bottom + 120
    ak = face("serif", authority)
    cv.text((700, y), authority, ak, fit(ak, 42, authority, w - 120 - 700, 30))
    cv.text((700, y + 80), f"签发日期：{f['issue_date']}", "serif", 40)
    draw_stamp(img, (1000 + rng.uniform(-40, 40), y - 10 + rng.uniform(-15, 15)), 150,
               authority, rng)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


# --------------------------------------------------------------------------------------------
# 医师执业证书: portrait Kai label list, 执业地点, 注册日期 dotted


def practice_kai(doc: Doc, rng: random.Random) -> Rendered:
    """A portrait page in Kai: photo top right, label：value lines starting with 姓名 (执业
    地点 for the unit, 证件号码), the 证书编码 at the foot, 注册日期 dotted (2016.04.06), the
    issuer's seal over the date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (247, 246, 240), rng, 4)
    cv = Canvas(img)
    color = (120, 30, 40)
    frame(img, color, 36, 58)
    cv.centered(w / 2, 210, "医师执业证书", "kai", 88, color, spacing=14, body=False)
    _portrait(img, doc, (w - 410, 290, w - 130, 640), (90, 140, 205))
    kind = face("kai", *f.values())
    rows = [
        ("姓名", f["name"]),
        ("性别", f["gender"]),
        ("出生日期", fmt_date(f["birth_date"], "cn")),
        ("证件号码", f["id_number"]),
    ]
    y = _label_lines(cv, rows, 130, 360, w - 430, 340, kind, kind, 40, 90)
    rows2 = [
        ("执业类别", f["practice_category"]),
        ("执业范围", f["scope"]),
        ("医师级别", f["practice_level"]),
        ("执业地点", f["work_unit"]),
    ]
    y = _label_lines(cv, rows2, 130, 360, w - 130, max(y, 700), kind, kind, 40, 90)
    y += 60
    cv.text((130, y), "发证机关：", kind, 40, GREY)
    ik = face(kind, f["issuer"])
    cv.text((360, y), f["issuer"], ik, fit(ik, 42, f["issuer"], w - 130 - 360, 28))
    cv.text((130, y + 90), "注册日期：", kind, 40, GREY)
    cv.text((360, y + 90), fmt_date(f["registration_date"], "dot"), kind, 42)
    draw_stamp(img, (560 + rng.uniform(-40, 40), y + 60 + rng.uniform(-15, 15)), 140,
               f["issuer"], rng)  # fmt: skip
    cv.text((130, h - 140), f"证书编码：{f['practice_number']}", kind, 36)
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# Registration

HELD_OUT = (
    ("diploma", "form", diploma_form, None,
     "中专/职业学校 ruled form (portrait, Hei labels, Song values): 学生姓名 first, photo in "
     "the form's corner, 毕业时间 2014年7月, number in the last row, ISO issue date, seal over "
     "the school's name"),
    ("degree", "modern", degree_modern, None,
     "newer portrait degree in Song: name large on its own line, text naming the school, "
     "chair's printed name with a handwritten signature, 2022年7月1日, seal over the school's "
     "name, No. number top right"),
    ("diploma_record", "grid", record_grid, record_grid_pdf,
     "another viewer's 备案表: code and 报告有效期至 in a header block, two-column Sans grid "
     "(身份证号/院校名称/毕业时间), dotted dates, no seal; PDF with a text layer"),
    ("mentorship_cert", "list", mentorship_list, None,
     "portrait certificate with Hei label：value lines (证件号码, 专长领域/出师专业), no "
     "running text, 证书编号 at the foot, dotted date under the bureau's seal"),
    ("pledge", "block", pledge_block, None,
     "numbered promises first (Hei), the person only in a signature block at the foot "
     "(承诺人签名 handwritten, 姓名（正楷）, 公民身份号码, 毕业学校), ISO date"),
    ("probation_cert", "landscape", probation_landscape, None,
     "landscape ruled Ming form: 名字/公民身份号码/所在单位, 起止日期 2024年7月1日—…, 考核等级, "
     "assessor's handwriting, seal over the unit's name beside an ISO date"),
    ("practice_period_cert", "form", practice_period_form, None,
     "portrait ruled Song form: 公民身份号码/执业地点/执业期限 (ISO dates)/考核鉴定意见, head's "
     "signature, unit and Chinese-numeral date under the seal"),
    ("licence", "original", licence_original, None,
     "the 正本 (not 副本): framed portrait page in Kai, 登记号 under the title, 机构名称 first, "
     "诊疗科目 spaced, 有效期限 自…至… padded, issuer and Chinese-numeral date under the seal"),
    ("social_insurance", "ledger", si_ledger, si_ledger_scanned_pdf,
     "landscape 参保人员缴费明细 query (Sans): person on label lines (参保人/证件号码/参保单位), "
     "one row per month and insurance, raw 费款所属期 (202508), 已实缴/欠缴; PDF a colour scan"),
    ("assistant_qualification", "ledger", qualification_ledger, None,
     "landscape ruled Song page: 证书编号 first, 身份证件号码, 资格级别 before 资格类别, photo "
     "right, ISO 签发日期, seal over the authority's name"),
    ("assistant_practice", "kai", practice_kai, None,
     "portrait Kai label list: 证件号码, 执业地点 for the unit, 注册日期 dotted under the "
     "issuer's seal, 证书编码 at the foot"),
)  # fmt: skip
