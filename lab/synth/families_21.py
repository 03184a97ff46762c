"""A twenty-first layout family per material (issue 15, nineteenth round): other issuers, held out.

Every family of the earlier modules has been run and looked at (`families.LOOKED_AT`), so these
are the new *held-out* ones, written without running the readers on them and never adjusted to
suit the readers. This round covers every material: a
Serif probation proof signed by three signatories (科室, 人事科, 分管院长) in ink over the unit's
seal, a Kai practice-period proof with its lines centred on the page, a Song pledge whose
particulars sit in a two-pair ruled table over a grey 注意事项 box, a Hei licence whose subjects
stand one a line in a box of their own on the right, a Song certificate whose photo carries an
embossed seal and whose particulars fill a ruled table, a qualification certificate with its
编码 at the foot under a rule, a practice certificate whose 发证日期 is stamped in red-brown
digits, a Serif diploma with the photo on the right of its running text, a Hei degree whose
number and date sit in a small table at the foot, a 备案表 with a dark sidebar down its left
edge, and a 社保 print splitting each month into the unit's and the person's shares.
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
from lab.synth.render import INK, Canvas, Doc, Rendered, font, iso, paper

#: red-brown numbering-machine ink
STAMP_INK = (150, 60, 50)

# --------------------------------------------------------------------------------------------
# 试用期考核证明: three signatories


def probation_signatories(doc: Doc, rng: random.Random) -> Rendered:
    """A probation proof (portrait, Song/Serif) from a hospital's 人事科: the title, label：value
    lines (姓　　名, 身份证件号码, 工作单位, 所在科室, 试用期 2024.07.01—2025.06.30), 考核结果 in a
    ruled box, then three signatory lines (科室负责人, 人事科负责人, 分管院长) each signed by hand,
    the unit's seal over its name and a dotted date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 253, 250), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 200, "试用期考核证明", "serif_bold", 56, INK, spacing=8, body=False)
    vk = face("serif", *f.values())
    x0, x1 = 110.0, w - 110.0
    span = f"{fmt_date(f['period_start'], 'dot')}—{fmt_date(f['period_end'], 'dot')}"
    rows = [("姓　　名", f["name"]), ("身份证件号码", f["id_number"]),
            ("工作单位", f["work_unit"]), ("所在科室", f["department"]),
            ("试 用 期", span)]  # fmt: skip
    y = 330.0
    for label, value in rows:
        x = cv.text((x0, y), f"{label}：", "serif", 30)
        k = face(vk, value)
        cv.text((x + 6, y), value, k, fit(k, 32, value, x1 - x - 6, 26))
        y += 72
    y += 20
    d.rectangle((x0, y, x1, y + 110), outline=INK, width=2)
    x = cv.text((x0 + 24, y + 70), "考核结果：", "serif", 32)
    cv.text((x + 10, y + 70), f["result"], "serif_bold", 36)
    y += 200
    for who in ("科室负责人", "人事科负责人", "分管院长"):
        x = cv.text((x0, y), f"{who}（签字）：", "serif", 30)
        scrawl(d, x + 30, y - 12, rng, rng.uniform(150, 210))
        y += 90
    unit = f["work_unit"]
    uk = face(vk, unit)
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "dot")], x1, y + 120, uk,
             fit(uk, 32, unit, 620, 26), unit, radius=122, lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "probation_cert")


# --------------------------------------------------------------------------------------------
# 执业期考核证明: Kai, centred lines


def practice_period_kaicentre(doc: Doc, rng: random.Random) -> Rendered:
    """A practice-period proof (portrait, Kai at 32) from a county 卫健局: the title, every line
    centred on the page (姓名, 证件号, 执业类别, 执业单位, 考核周期 2016年4月6日至2026年1月8日,
    考核结论), a centred 特此证明, the seal over the issuing unit's name and a hanzi date, both
    centred too."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 251, 245), rng, 0.6)
    cv = Canvas(img)
    cv.centered(w / 2, 220, "执业期考核证明", "serif_bold", 60, INK, spacing=14, body=False)
    vk = face("kai", *f.values())
    span = f"{fmt_date(f['period_start'], 'cn')}至{fmt_date(f['period_end'], 'cn')}"
    rows = [("姓名", f["name"]), ("证件号", f["id_number"]),
            ("执业类别", f["practice_category"]), ("执业单位", f["work_unit"]),
            ("考核周期", span), ("考核结论", f["result"])]  # fmt: skip
    y = 380.0
    for label, value in rows:
        k = face(vk, value)
        size = fit(k, 34, f"{label}：{value}", w - 200, 28)
        lw = font("kai", size).getlength(f"{label}：")
        vw = font(k, size).getlength(value)
        x = w / 2 - (lw + vw) / 2
        x = cv.text((x, y), f"{label}：", "kai", size)
        cv.text((x, y), value, k, size)
        y += 84
    cv.centered(w / 2, y + 60, "特此证明。", "kai", 34, INK)
    unit = f["work_unit"]
    uk = face("kai", unit)
    size = fit(uk, 34, unit, 760, 28)
    width = max(font(uk, size).getlength(unit), font("kai", 34).getlength("二〇二六年一月十六日"))
    sign_off(img, cv, rng, [unit, fmt_date(f["date"], "hanzi")], w / 2 + width / 2, y + 230,
             uk, size, unit, radius=122, lead=66)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "practice_period_cert")


# --------------------------------------------------------------------------------------------
# 承诺书: a two-pair table over a grey 注意事项 box, signed by hand


def pledge_notes(doc: Doc, rng: random.Random) -> Rendered:
    """A pledge (portrait, Song/Serif) as a school's graduate office prints it: the title, a
    ruled table of label | value pairs (姓名 | … | 预计毕业 2026年6月 on one row; 证件号码,
    就读学校, 专业 across), the promise in running text, 本人签名 and 签署日期 written by hand in
    blue-black (2026.1.15), then a grey 注意事项 box at the foot; no seal."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 253), rng, 0.4)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 200, "承诺书", "serif_bold", 64, INK, spacing=30, body=False)
    vk = face("serif", *f.values())
    g = iso(f["expected_graduation"] + "-01")
    x0, x1 = 100.0, w - 100.0
    mid, lw = x0 + (x1 - x0) / 2, 180.0
    rows: list[tuple[tuple[str, str], ...]] = [
        (("姓名", f["name"]), ("预计毕业", f"{g.year}年{g.month}月")),
        (("证件号码", f["id_number"]),),
        (("就读学校", f["school"]),),
        (("专业", f["major"]),),
    ]
    top, rh = 290.0, 84.0
    for i, cells in enumerate(rows):
        ya = top + i * rh
        d.line((x0, ya, x1, ya), fill=INK, width=2)
        edges = [x0, mid, x1] if len(cells) == 2 else [x0, x1]
        for c, (label, value) in enumerate(cells):
            cx = edges[c]
            d.rectangle((cx, ya, cx + lw, ya + rh), fill=(238, 238, 240))
            d.line((cx + lw, ya, cx + lw, ya + rh), fill=INK, width=2)
            if c:
                d.line((cx, ya, cx, ya + rh), fill=INK, width=2)
            cv.text((cx + 16, ya + rh * 0.64), label, "serif", 28)
            k = face(vk, value)
            room = edges[c + 1] - cx - lw - 30
            cv.text((cx + lw + 16, ya + rh * 0.64), value, k, fit(k, 30, value, room, 26))
    bottom = top + len(rows) * rh
    d.line((x0, bottom, x1, bottom), fill=INK, width=2)
    d.line((x0, top, x0, bottom), fill=INK, width=2)
    d.line((x1, top, x1, bottom), fill=INK, width=2)
    text = (
        "本人承诺：所提交的报考材料及信息真实、准确；本人将于预计毕业时间前取得毕业证书，"
        "如未能按时取得或所提交材料不实，本人愿承担由此产生的一切后果。"
    )
    y = paragraph(cv, text, (), x0, x1, bottom + 90, "serif", 30, 62)
    y += 110
    name = f["name"]
    x = cv.text((560, y), "本人签名：", "serif", 30)
    cv.text((x + 10, y + 6), name, face("kai", name), 50, BLUE_BLACK)
    dt = iso(f["date"])
    x = cv.text((560, y + 100), "签署日期：", "serif", 30)
    cv.text((x + 10, y + 104), f"{dt.year}.{dt.month}.{dt.day}", "kai", 42, BLUE_BLACK)
    y += 200
    d.rectangle((x0, y, x1, y + 230), fill=(236, 236, 238))
    cv.text((x0 + 20, y + 52), "注意事项：", "serif_bold", 28)
    note = "1.本承诺书须由考生本人手写签名；2.考生须在报名审核时提交承诺书原件。"
    paragraph(cv, note, (), x0 + 20, x1 - 20, y + 110, "serif", 28, 54, indent=False)
    return Rendered(img, None, cv.min_glyph, "pledge")


# --------------------------------------------------------------------------------------------
# 医疗机构执业许可证: Hei, the subjects in a box of their own on the right


def licence_sidebox(doc: Doc, rng: random.Random) -> Rendered:
    """A licence (portrait, Hei): the title, label over value on the left (机构名称, 地址,
    法定代表人, 主要负责人, 登记号, 有效期限 2022年05月01日至2027年04月30日), a ruled box on
    the right headed 诊疗科目 with the subjects one a line, the seal over the issuer's name and
    a padded date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (254, 253, 249), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 200, "医疗机构执业许可证", "hei", 62, INK, spacing=8, body=False)
    vk = face("hei", *f.values())
    x0, split, x1 = 100.0, 820.0, w - 100.0
    valid = f"{fmt_date(f['valid_from'], 'pad')}至{fmt_date(f['valid_until'], 'pad')}"
    rows = [("机构名称", f["work_unit"]), ("地址", f["address"]), ("法定代表人", f["legal_rep"]),
            ("主要负责人", f["head"]), ("登记号", f["registration_number"]),
            ("有效期限", valid)]  # fmt: skip
    y = 320.0
    for label, value in rows:
        cv.text((x0, y), label, "hei", 28, GREY)
        k = face(vk, value)
        cv.text((x0, y + 50), value, k, fit(k, 32, value, split - x0 - 40, 26))
        y += 130
    subjects = f["subjects"].split("；")
    sk = face(vk, *subjects)
    top = 290.0
    lead = min(62.0, 900.0 / max(1, len(subjects)))
    bottom = top + 90 + lead * len(subjects) + 20
    d.rectangle((split, top, x1, bottom), outline=INK, width=2)
    d.line((split, top + 70, x1, top + 70), fill=INK, width=2)
    cv.text((split + 24, top + 48), "诊疗科目", "hei", 30)
    for i, subject in enumerate(subjects):
        size = fit(sk, 30, subject, x1 - split - 44, 26)
        cv.text((split + 22, top + 120 + i * lead), subject, sk, size)
    issuer = f["issuer"]
    ik = face("hei", issuer)
    sign_off(img, cv, rng, [issuer, fmt_date(f["issue_date"], "pad")], x1,
             min(max(y, bottom) + 160, h - 220), ik, fit(ik, 32, issuer, 700, 26), issuer,
             radius=125, lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "licence")


# --------------------------------------------------------------------------------------------
# 确有专长/出师 certificate: an embossed photo, a ruled table


def mentorship_embossed(doc: Doc, rng: random.Random) -> Rendered:
    """A certificate (portrait, Song/Serif): the title, the photo top right with a colourless
    embossed seal pressed over its lower corner, a ruled table (姓名 | … | 性别 | …; 身份证号;
    专长内容 or 出师专业; 证书编号), a statement, the issuer's seal over its name and a date in
    年月日."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 251, 246), rng, 0.6)
    cv = Canvas(img)
    d = cv.draw
    title = f.get("title") or "传统医学医术确有专长证书"
    cv.centered(w / 2, 200, title, "serif_bold", fit("serif_bold", 54, title, w - 200, 36),
                INK, body=False)  # fmt: skip
    box = (w - 330, 270, w - 120, 530)
    _portrait(img, doc, box, (234, 236, 238))
    cx, cy = box[0] + 20, box[3] - 10
    for r, shade in ((86, (200, 200, 196)), (80, (226, 226, 222)), (58, (204, 204, 200))):
        d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=shade, width=3)
    taught = "师承" in title or "出师" in title
    vk = face("serif", *f.values())
    x0, x1 = 110.0, w - 380.0
    rows = [("姓名", f["name"]), ("性别", f["gender"]), ("身份证号", f["id_number"]),
            ("出师专业" if taught else "专长内容", f["major"])]  # fmt: skip
    top, rh, lw = 290.0, 80.0, 180.0
    for i, (label, value) in enumerate(rows):
        ya = top + i * rh
        d.line((x0, ya, x1, ya), fill=INK, width=2)
        cv.text((x0 + 16, ya + rh * 0.64), label, "serif", 28)
        k = face(vk, value)
        cv.text((x0 + lw + 16, ya + rh * 0.64), value, k,
                fit(k, 30, value, x1 - x0 - lw - 30, 26))  # fmt: skip
    bottom = top + len(rows) * rh
    for x in (x0, x0 + lw, x1):
        d.line((x, top, x, bottom), fill=INK, width=2)
    d.line((x0, bottom, x1, bottom), fill=INK, width=2)
    num = f["cert_number"]
    x = cv.text((x0, bottom + 90), "证书编号：", "serif", 30)
    cv.text((x, bottom + 90), num, "serif", fit("serif", 32, num, w - 120 - x, 26))
    what = "出师" if taught else "确有专长"
    text = f"该同志经考核合格，符合{what}条件，特发此证。"
    y = paragraph(cv, text, (), x0, w - 120, bottom + 200, "serif", 32, 66)
    issuer = f["issuer"]
    ik = face("serif", issuer)
    sign_off(img, cv, rng, [issuer, fmt_date(f["issue_date"], "cn")], w - 120, y + 220, ik,
             fit(ik, 32, issuer, 640, 26), issuer, radius=122, lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "mentorship_cert")


# --------------------------------------------------------------------------------------------
# 医师资格证书 / 医师执业证书: the 编码 at the foot, a stamped date


def qualification_footcode(doc: Doc, rng: random.Random) -> Rendered:
    """A qualification certificate (portrait, Ming at 34): the title, the photo top centre, the
    running text (…经国家医师资格考试合格，取得执业助理医师资格，…类别), 姓名 and 身份证号 as
    lines above it, the authority's seal over its name and a dotted 签发日期, then under a rule
    at the foot 证书编码 in a grey label."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (253, 252, 247), rng, 0.6)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 200, "医师资格证书", "ming", 66, INK, spacing=20, body=False)
    _portrait(img, doc, (int(w / 2 - 100), 270, int(w / 2 + 100), 520), (236, 236, 234))
    vk = face("ming", *f.values())
    x0, x1 = 130.0, w - 130.0
    y = 620.0
    for label, value in (("姓　　名", f["name"]), ("身份证号", f["id_number"])):
        x = cv.text((x0, y), f"{label}：", "ming", 32)
        k = face(vk, value)
        cv.text((x + 6, y), value, k, fit(k, 34, value, x1 - x - 6, 26))
        y += 76
    text = (
        f"该同志经国家医师资格考试合格，取得{f['qualification']}资格，"
        f"类别：{f['qual_category']}。特发此证。"
    )
    y = paragraph(cv, text, (f["qualification"],), x0, x1, y + 50, vk, 34, 72)
    authority = health_authority(iso(f["issue_date"]))
    ak = face("ming", authority)
    y = sign_off(img, cv, rng, [authority, f"签发日期：{fmt_date(f['issue_date'], 'dot')}"],
                 x1, y + 140, ak, fit(ak, 32, authority, 600, 26), authority, radius=120,
                 lead=64)  # fmt: skip
    foot = max(y + 80, h - 240)
    d.line((x0, foot, x1, foot), fill=RULE, width=2)
    num = f["qualification_number"]
    x = cv.text((x0, foot + 70), "证书编码：", "ming", 28, GREY)
    cv.text((x + 6, foot + 70), num, "serif", fit("serif", 32, num, x1 - x - 6, 26))
    return Rendered(img, None, cv.min_glyph, "assistant_qualification")


def practice_stampdate(doc: Doc, rng: random.Random) -> Rendered:
    """A practice certificate (portrait, Song/Serif): the title, the photo top left beside
    姓名 / 性别 / 身份证号 lines, then 执业级别 … 主要执业机构 and 证书编号 as lines, the issuer's
    seal over its name, with the date stamped beside it in red-brown numbering-machine digits
    (2016-04-06) after a printed 发证日期."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 254, 250), rng, 0.5)
    cv = Canvas(img)
    cv.centered(w / 2, 200, "医师执业证书", "serif_bold", 64, INK, spacing=18, body=False)
    _portrait(img, doc, (120, 280, 320, 530), (236, 238, 240))
    vk = face("serif", *f.values())
    y = 340.0
    for label, value in (("姓　　名", f["name"]), ("性　　别", f["gender"]),
                         ("身份证号", f["id_number"])):  # fmt: skip
        x = cv.text((370, y), f"{label}：", "serif", 30)
        k = face(vk, value)
        cv.text((x + 6, y), value, k, fit(k, 32, value, w - 110 - x - 6, 26))
        y += 80
    y = 620.0
    for label, value in (("执业级别", f["practice_level"]), ("执业类别", f["practice_category"]),
                         ("执业范围", f["scope"]), ("主要执业机构", f["work_unit"]),
                         ("证书编号", f["practice_number"])):  # fmt: skip
        x = cv.text((120, y), f"{label}：", "serif", 30)
        k = face(vk, value)
        cv.text((x + 6, y), value, k, fit(k, 32, value, w - 120 - x - 6, 26))
        y += 80
    x = cv.text((120, y + 40), "发证日期：", "serif", 30)
    cv.text((x + 10, y + 42), f["registration_date"], "mono", 32, STAMP_INK)
    issuer = f["issuer"]
    ik = face("serif", issuer)
    sign_off(img, cv, rng, ["发证机关", issuer], w - 120, y + 190, ik,
             fit(ik, 32, issuer, 620, 26), issuer, radius=118, lead=62)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "assistant_practice")


# --------------------------------------------------------------------------------------------
# 毕业证书 / 学位证书: the photo right of the text, a degree's foot table


def diploma_photoright(doc: Doc, rng: random.Random) -> Rendered:
    """A diploma (portrait, Song/Serif at 34): the title, the photo on the right with the
    running text to its left (学生…，性别…，于2011年09月入学，2014年7月毕业于本校…专业（…年制…），
    学完教学计划规定的全部课程，成绩合格，准予毕业。), 校（院）长 printed, the seal over the
    school's name and a dashed date, 证书编号 bottom left."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (252, 250, 243), rng, 0.7)
    cv = Canvas(img)
    cv.centered(w / 2, 210, "毕业证书", "serif_bold", 80, INK, spacing=40, body=False)
    _portrait(img, doc, (w - 330, 320, w - 120, 580), (230, 234, 240))
    enrol, grad = iso(f["enrol"] + "-01"), iso(f["graduation"] + "-01")
    school = f["school"]
    end = f"{grad.year}年{grad.month}月"
    text = (
        f"学生{f['name']}，性别{f['gender']}，于{enrol:%Y年%m月}入学，{end}毕业于{school}"
        f"{f['major']}专业（{f['years']}年制{f['education_level']}），学完教学计划规定的全部"
        "课程，成绩合格，准予毕业。"
    )
    vk = face("serif", *f.values())
    keep = (f["name"], school, f["major"], end)
    y = paragraph(cv, text, keep, 130, w - 380, 370, vk, 34, 74)
    principal = f.get("principal") or ""
    x = cv.text((130, max(y, 640) + 80), "校（院）长：", "serif", 32)
    if principal:
        cv.text((x, max(y, 640) + 80), principal, face("serif", principal), 32)
    sk = face("serif", school)
    y = sign_off(img, cv, rng, [school, f["issue_date"]], w - 130, max(y, 640) + 230, sk,
                 fit(sk, 34, school, 620, 26), school, radius=125, lead=64)  # fmt: skip
    num = f["diploma_number"]
    x = cv.text((130, y + 120), "证书编号：", "serif", 28, GREY)
    cv.text((x, y + 120), num, "serif", fit("serif", 30, num, w - 130 - x, 26))
    return Rendered(img, None, cv.min_glyph, "diploma")


def degree_foottable(doc: Doc, rng: random.Random) -> Rendered:
    """A degree certificate (portrait, Hei at 34): 学位证书 as the title, the photo top centre,
    the sentence (…，…，1997年12月7日出生，在…学习…专业，已通过…学位论文答辩，经审核符合《中华
    人民共和国学位条例》的规定，授予医学硕士学位。), 学位评定委员会主席 printed and the school's
    seal, then a small ruled table at the foot: 证书编号 | 授予日期 (2022年07月01日)."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 251), rng, 0.5)
    cv = Canvas(img)
    d = cv.draw
    level = f["degree_level"]
    cv.centered(w / 2, 200, "学位证书", "hei", 76, INK, spacing=30, body=False)
    _portrait(img, doc, (int(w / 2 - 100), 270, int(w / 2 + 100), 520), (236, 236, 236))
    field = "理学" if "护理" in f["major"] else "医学"
    school = f["school"]
    born = fmt_date(f["birth_date"], "cn")
    degree = f"{field}{level}学位"
    text = (
        f"{f['name']}，{f['gender']}，{born}出生，在{school}{f['major']}专业学习，已通过"
        f"{level}学位论文答辩，经审核符合《中华人民共和国学位条例》的规定，授予{degree}。"
    )
    vk = face("hei", *f.values())
    keep = (f["name"], school, f["major"], born, degree)
    y = paragraph(cv, text, keep, 130, w - 130, 640, vk, 34, 74)
    chair = f.get("chair") or ""
    x = cv.text((130, y + 80), "学位评定委员会主席：", "hei", 32)
    if chair:
        cv.text((x, y + 80), chair, face("hei", chair), 32)
    sk = face("hei", school)
    y = sign_off(img, cv, rng, [school], w - 130, y + 220, sk, fit(sk, 34, school, 640, 26),
                 school, radius=120, lead=62)  # fmt: skip
    top, rh = max(y + 90, h - 330), 70.0
    x0, mid, x1 = 130.0, w / 2, w - 130.0
    d.rectangle((x0, top, x1, top + 2 * rh), outline=INK, width=2)
    d.line((x0, top + rh, x1, top + rh), fill=INK, width=2)
    d.line((mid, top, mid, top + 2 * rh), fill=INK, width=2)
    for cx, head, value in ((x0, "证书编号", f["degree_number"]),
                            (mid, "授予日期", fmt_date(f["issue_date"], "pad"))):  # fmt: skip
        cv.text((cx + 16, top + rh * 0.66), head, "hei", 28, GREY)
        cv.text((cx + 16, top + rh * 1.66), value, "hei", fit("hei", 30, value, mid - x0 - 30, 26))
    return Rendered(img, None, cv.min_glyph, "degree")


# --------------------------------------------------------------------------------------------
# 学历证书电子注册备案表: a dark sidebar, born-digital PDF


def sidebar_rows(f: dict[str, str]) -> list[tuple[str, str]]:
    """This layout's (label, value) rows in print order; dates in 年月日."""
    return [
        ("姓名", f["name"]),
        ("性别", f["gender"]),
        ("证件号码", f["id_number"]),
        ("出生日期", fmt_date(f["birth_date"], "cn")),
        ("学校名称", f["school"]),
        ("专业", f["major"]),
        ("层次", f["record_level"]),
        ("学历类别", f["record_category"]),
        ("学制", f["years"]),
        ("入学日期", fmt_date(f["enrol_date"], "cn")),
        ("毕（结）业日期", fmt_date(f["graduation_date"], "cn")),
        ("证书编号", f["diploma_number"]),
        ("校（院）长", f.get("principal") or ""),
    ]


def record_sidebar(doc: Doc, rng: random.Random) -> Rendered:
    """A 备案表 (portrait, Sans): a dark blue-grey sidebar down the left edge, the title and
    更新日期 to its right, the photo top right, label：value lines (证件号码, 层次, dates in
    年月日), then 在线验证码 and 报告有效期至 boxed at the foot."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.4)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((0, 0, 70, h), fill=(52, 64, 84))
    title = f["title"]
    x0, x1 = 130.0, w - 100.0
    cv.text((x0, 180), title, "sans_bold", fit("sans_bold", 48, title, w - 480, 30), INK,
            body=False)  # fmt: skip
    cv.text((x0, 250), f"更新日期：{fmt_date(f['update_date'], 'cn')}", "sans", 26, GREY)
    _portrait(img, doc, (w - 300, 110, w - 110, 350), None)
    vk = face("sans", *f.values())
    y = 420.0
    for label, value in sidebar_rows(f):
        x = cv.text((x0, y), f"{label}：", "sans", 28, GREY)
        if value:
            k = face(vk, value)
            cv.text((x + 6, y), value, k, fit(k, 30, value, x1 - x - 6, 26))
        y += 68
    y += 30
    d.rectangle((x0, y, x1, y + 150), outline=RULE, width=2)
    cv.text((x0 + 20, y + 60), f"在线验证码：{f['verification_code']}", "sans", 28)
    valid = fmt_date(f["valid_until"], "cn")
    cv.text((x0 + 20, y + 120), f"报告有效期至：{valid}", "sans", 28)
    return Rendered(img, None, cv.min_glyph, "diploma_record")


def record_sidebar_pdf(fields: dict[str, str]) -> bytes:
    """The 备案表 as downloaded: a born-digital PDF with a text layer, a sidebar and lines."""
    from lab.synth import pdfdoc
    from lab.synth.families_edu import FIXED_DATE

    title = fields["title"]
    rows = [f"{label}：{value}" for label, value in sidebar_rows(fields)]
    tail = [f"在线验证码：{fields['verification_code']}",
            f"报告有效期至：{fmt_date(fields['valid_until'], 'cn')}"]  # fmt: skip
    head = f"更新日期：{fmt_date(fields['update_date'], 'cn')}"
    pdf = pdfdoc._new_pdf(title, FIXED_DATE, [title, head, *rows, *tail])
    pdf.set_fill_color(52, 64, 84)
    pdf.rect(0, 0, 6, 297, style="F")
    pdf.set_font("noto", size=15)
    pdf.set_xy(20, 14)
    pdf.cell(140, 10, title)
    pdf.set_font("noto", size=9)
    pdf.set_xy(20, 24)
    pdf.cell(140, 6, head)
    pdf.set_font("noto", size=10)
    y = 38.0
    for line in rows:
        pdf.set_xy(20, y)
        pdf.cell(170, 6, line)
        y += 7
    y += 4
    pdf.rect(20, y, 170, 18)
    for line in tail:
        pdf.set_xy(22, y + 1)
        pdf.cell(160, 7, line)
        y += 8
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# 社会保险: each month split into the unit's and the person's shares

#: the person's share of the base per insurance (the unit's: the rate below)
SHARES = {"养老": (0.16, 0.08), "医疗": (0.08, 0.02), "失业": (0.005, 0.005)}


def _share(kind: str) -> tuple[float, float]:
    for key, rates in SHARES.items():
        if key in kind:
            return rates
    return (0.005, 0.0)


def shares_rows(f: dict[str, str]) -> list[tuple[str, str, str, str, str, str]]:
    """(缴费月份 2025-08, 险种, 缴费基数, 单位缴纳, 个人缴纳, 状态) per payment, as stored."""
    out = []
    for m, kind, base, state in _payments(f):
        unit, own = _share(kind)
        b = float(base)
        out.append((f"{m[:4]}-{m[4:]}", kind, base, f"{b * unit:.2f}", f"{b * own:.2f}", state))
    return out


def si_shares(doc: Doc, rng: random.Random) -> Rendered:
    """A 社保 print (portrait, Sans): the title, 姓名 | 证件号码 on one line and 单位名称 under it,
    a table with one row per month and insurance (缴费月份 2025-08 | 险种 | 缴费基数 | 单位缴纳 |
    个人缴纳 | 状态), grey head, the agency's seal over its name and a dashed date."""
    w, h = PORTRAIT
    f = doc.fields
    img = paper(w, h, (255, 255, 255), rng, 0.3)
    cv = Canvas(img)
    d = cv.draw
    title = f["title"]
    cv.centered(w / 2, 160, title, "sans_bold", fit("sans_bold", 46, title, w - 200, 30), INK,
                body=False)  # fmt: skip
    vk = face("sans", f["name"], f["work_unit"])
    x0, x1 = 70.0, w - 70.0
    nk = face(vk, f["name"])
    x = cv.text((x0, 250), "姓名：", "sans", 28)
    x = cv.text((x + 4, 250), f["name"], nk, fit(nk, 28, f["name"], 300, 26))
    x = cv.text((max(x + 40, 520), 250), "证件号码：", "sans", 28)
    cv.text((x + 4, 250), f["id_number"], "sans", 28)
    uk = face(vk, f["work_unit"])
    x = cv.text((x0, 310), "单位名称：", "sans", 28)
    cv.text((x + 4, 310), f["work_unit"], uk, fit(uk, 28, f["work_unit"], x1 - x - 4, 26))
    rows = shares_rows(f)
    heads = ("缴费月份", "险种", "缴费基数", "单位缴纳", "个人缴纳", "状态")
    widths = (160.0, 390.0, 160.0, 150.0, 150.0, x1 - x0 - 1010.0)
    top = 360.0
    rh = min(52.0, 1000.0 / (len(rows) + 1))
    d.rectangle((x0, top, x1, top + rh), fill=(226, 228, 232))
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
            size = fit("sans", 26, cell, wd - 12, 26)
            cv.text((x + 8, top + i * rh + rh * 0.7), cell, "sans", size)
            x += wd
    agency = f["agency"]
    ak = face("sans", agency)
    sign_off(img, cv, rng, [agency, f["print_date"]], x1, min(bottom + 120, h - 140), ak,
             fit(ak, 28, agency, 560, 26), agency, radius=110, lead=52)  # fmt: skip
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def si_shares_pdf(fields: dict[str, str]) -> bytes:
    """The print as downloaded from the portal: a born-digital PDF with a text layer."""
    from lab.synth import pdfdoc
    from lab.synth.families_edu import FIXED_DATE

    title = fields["title"]
    person = [f"姓名：{fields['name']}  证件号码：{fields['id_number']}",
              f"单位名称：{fields['work_unit']}"]  # fmt: skip
    rows = shares_rows(fields)
    heads = ("缴费月份", "险种", "缴费基数", "单位缴纳", "个人缴纳", "状态")
    texts = [title, *person, *heads, *(" ".join(r) for r in rows)]
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
    pdf.set_font("noto", size=8)
    for row in (heads, *rows):
        pdf.set_xy(15, y)
        for wd, cell in zip((24, 58, 26, 24, 24, 24), row, strict=True):
            pdf.cell(wd, 6, cell, border=1)
        y += 6
    pdf.set_font("noto", size=10)
    pdf.set_xy(15, y + 6)
    pdf.cell(180, 6, f"{fields['agency']}  {fields['print_date']}")
    return pdfdoc._finish(pdf)


# --------------------------------------------------------------------------------------------
# Registration

HELD_OUT = (
    ("probation_cert", "signatories", probation_signatories, None,
     "Serif proof: label：value lines with 试用期 dotted …—…, 考核结果 in a ruled box, three "
     "signatory lines (科室负责人, 人事科负责人, 分管院长) signed by hand, seal over the unit "
     "and a dotted date"),
    ("practice_period_cert", "kaicentre", practice_period_kaicentre, None,
     "Kai proof from a county 卫健局: every line centred (姓名, 证件号, 执业类别, 执业单位, "
     "考核周期 in 年月日 …至…, 考核结论), 特此证明, seal over the unit and a hanzi date, centred"),
    ("pledge", "notes", pledge_notes, None,
     "Serif 承诺书: a ruled table of grey-labelled pairs (姓名 | 预计毕业 on one row; 证件号码, "
     "就读学校, 专业), the promise as running text, 本人签名 and a dotted 签署日期 by hand in "
     "blue-black, a grey 注意事项 box at the foot; no seal"),
    ("licence", "sidebox", licence_sidebox, None,
     "Hei licence: grey labels over values on the left (登记号 among them, 有效期限 padded "
     "年月日 …至…), the subjects one a line in a ruled 诊疗科目 box on the right, seal and a "
     "padded date"),
    ("mentorship_cert", "embossed", mentorship_embossed, None,
     "Serif certificate: photo top right under a colourless embossed seal, a ruled label | "
     "value table (身份证号), 证书编号 under it, a statement, seal and a date in 年月日"),
    ("assistant_qualification", "footcode", qualification_footcode, None,
     "Ming certificate: photo top centre, 姓名 and 身份证号 lines, running text naming the "
     "qualification and its 类别, seal over the authority with a dotted 签发日期, 证书编码 at "
     "the foot under a rule"),
    ("assistant_practice", "stampdate", practice_stampdate, None,
     "Serif certificate: photo top left beside 姓名 / 性别 / 身份证号, 主要执业机构 and 证书编号 "
     "lines, 发证日期 stamped in red-brown ISO digits, seal over 发证机关"),
    ("diploma", "photoright", diploma_photoright, None,
     "Serif diploma: the running text left of the photo (于2011年09月入学，2014年7月毕业于…), "
     "校（院）长 printed, seal and an ISO date, 证书编号 bottom left in grey"),
    ("degree", "foottable", degree_foottable, None,
     "Hei degree: photo top centre, the sentence ending 授予医学硕士学位。, 主席 printed, the "
     "school's seal, a ruled foot table of 证书编号 | 授予日期 (padded 年月日)"),
    ("diploma_record", "sidebar", record_sidebar, record_sidebar_pdf,
     "Sans 备案表: a dark sidebar down the left edge, the title beside it, photo top right, "
     "grey label：value lines with dates in 年月日, 在线验证码 and 报告有效期至 boxed; PDF "
     "born-digital with a text layer"),
    ("social_insurance", "shares", si_shares, si_shares_pdf,
     "Sans print: 姓名 and 证件号码 on one line, 单位名称, a table per month and insurance "
     "(缴费月份 2025-08 | 险种 | 缴费基数 | 单位缴纳 | 个人缴纳 | 状态), seal and an ISO date; PDF "
     "born-digital with a text layer"),
)  # fmt: skip
