"""A sixteenth layout family per material (issue 15, fourteenth round): yet other issuers, held out.

Every family of the earlier modules has been run and looked at (`families.LOOKED_AT`), so these
are the new *held-out* ones, written without running the readers on them and never adjusted to
suit the readers. This round covers three materials (the rest keep their earlier families): a
probation proof printed from a hospital's personnel system with its page footer (第1页 共1页,
打印时间), a landscape practice-period 考核登记表 whose labels sit in small grey type above each
value in a ruled grid, and a pledge typed in Sans as a short letter whose particulars sit in a
two-column ruled box, signed and dated by hand (2026-01-15 written with hyphens). Every value
the material's checks compare is printed whole, exactly as the form's truth holds it; a typeface
lacking a character of a value gives way to Noto.
"""

from __future__ import annotations

import random

from lab.synth.families_5 import pair
from lab.synth.families_6 import BLUE_BLACK, GREY, RULE
from lab.synth.families_work import (
    LANDSCAPE,
    PORTRAIT,
    face,
    fit,
    fmt_date,
    paragraph,
    scrawl,
    sign_off,
)
from lab.synth.render import INK, Canvas, Doc, Rendered, iso, paper

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
)  # fmt: skip
