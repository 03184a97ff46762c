"""The diploma material: its extractor and its checks (see stages.materials)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from models import Finding, Reading

from ..crosscheck import (
    Context,
    compare,
    material_finding,
    same_id,
    same_month,
    same_name,
    same_text,
)
from ..dates import find_dates, parse_period
from ..extract import (
    Joined,
    iso_date,
    labelled_name,
    number_field,
    put_reading,
    school_line,
    service_period,
)
from ..looks import Look
from ..read import Row
from . import Material

#: The labels a diploma printed as a form may set beside its 姓名 (where the name stops).
DIPLOMA_LABELS = (
    "出生日期",
    "学制",
    "专业",
    "学历层次",
    "层次",
    "证书编号",
    "编号",
    "入学",
    "毕业",
)
DIPLOMA_NO_RE = re.compile(r"(?<![0-9])([0-9]{17,18})(?![0-9])")


def extract_diploma(rows: Sequence[Row]) -> dict[str, Reading]:
    out: dict[str, Reading] = {}
    joined = Joined.of(rows)
    t = joined.text
    # the name ends at the comma the diploma prints after it; up to two characters between
    # that comma and 性别 are a seal's lettering (尉迟敏诗,业性别: 职业学院 round the ring)
    # (学生姓名 is a label: its name, when the glare hid it, is no "姓名")
    m = re.search(r"学生(?!姓名|名字)[:：]?([^,，]+?)(?:[,，][^,，]{0,2})?性[别別]", t)
    if m:
        out["name"] = joined.reading("name", m)
    else:  # a form's or a bilingual diploma's 姓名 label, the name beside or under it
        put_reading(out, labelled_name(rows, DIPLOMA_LABELS))
    m = re.search(r"性[别別][:：]?([男女])", t)
    if m:
        out["gender"] = joined.reading("gender", m)
    m = re.search(r"(\d{4}年\d{1,2}月\d{1,2}日)生", t)
    if m:
        dates = find_dates(m.group(1))
        if dates:
            out["birth_date"] = joined.reading("birth_date", m, value=iso_date(dates[0]))
    # the study period, wherever its row starts (the portrait beside it can add marks), or
    # its start and end apart (于2017年9月入学，2022年6月在…修业期满)
    # (a speck by the line's start read as a letter or two can stand between its halves)
    m = re.search(
        r"(\d{4})年(\d{1,2})月(?:\d{1,2}日)?(?:入学[,，]?)?[A-Za-z]{0,2}"
        r"[至到\-—]?(\d{4})年(\d{1,2})月",
        t,
    )
    if m:
        grad = f"{int(m.group(3)):04d}-{int(m.group(4)):02d}"
        out["graduation"] = joined.reading("graduation", m, group=3, value=grad)
    else:  # a table or another wording: the study period, or the graduation under its label
        put_reading(out, _graduation(rows, joined))
    m = re.search(r"在(?:本|我)校(.+?)专业", t)
    if m:
        out["major"] = joined.reading("major", m)
    number = number_field(rows, "diploma_number", r"证书编号|编号", DIPLOMA_NO_RE)
    if number:
        out["diploma_number"] = number
    put_reading(out, school_line(rows))
    return out


_GRADUATED = re.compile(
    r"毕业(?:时间|日期|年月)?[:：]*(\d{4})\s*[年./\-]\s*(\d{1,2})"
    r"|(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*\d{1,2}\s*日)?\s*(?:毕业|结业)(?!时间|日期|年月|证)"
)


def _graduation(rows: Sequence[Row], joined: Joined) -> Reading | None:
    """The month of graduation where the diploma does not print the standard sentence."""
    period = service_period(rows, "graduation")
    if period is not None:
        _start, end, _open = parse_period(period.value)
        if end is not None:
            return replace(period, value=f"{end.year:04d}-{end.month:02d}")
    m = _GRADUATED.search(joined.text)
    if m:
        first = 1 if m.group(1) else 3  # 毕业时间 2024年6月, or 于2024年6月毕业
        ym = f"{int(m.group(first)):04d}-{int(m.group(first + 1)):02d}"
        return joined.reading("graduation", m, group=first, value=ym)
    return None


LEVEL_CODES = {
    "01": "博士研究生",
    "02": "硕士研究生",
    "04": "第二学士学位",
    "05": "本科",
    "06": "专科",
}


FORM_LEVEL_CODES = {
    "研究生": {"01", "02"},
    "本科": {"05", "04"},
    "专科": {"06"},
    "大专": {"06"},
}


def check_diploma(ctx: Context, r: Mapping[str, Reading], look: Look | None) -> Iterator[Finding]:
    e = ctx.form.education
    yield compare(ctx, "name", ctx.form.name, r.get("name"), same_name, look)
    yield compare(ctx, "diploma_number", e.diploma_number, r.get("diploma_number"), same_id, look)
    yield compare(ctx, "school", e.school, r.get("school"), same_text, look)
    yield compare(ctx, "major", e.major, r.get("major"), same_text, look)
    if ctx.form.duty_status.strip() == "当年毕业研究生":
        # a long-programme student uploads the earlier (本科) diploma; the form's graduation
        # and level are the degree still to come (003 7(2))
        return
    yield compare(ctx, "graduation", e.graduation, r.get("graduation"), same_month, look)
    number = r.get("diploma_number")
    allowed = FORM_LEVEL_CODES.get(e.level)
    if number is not None and len(number.value) == 18 and allowed:
        code = number.value[10:12]
        ok = code in allowed
        yield material_finding(
            ctx,
            "education_level",
            "pass" if ok else "mismatch",
            e.level,
            LEVEL_CODES.get(code, f"代码{code}"),
            number.confidence,
            f"证书编号第11–12位（{code}）表示的学历层次与报名表一致。"
            if ok
            else f"证书编号第11–12位为{code}（{LEVEL_CODES.get(code, '未知层次')}），"
            f"与报名表填写的学历“{e.level}”不符。",
        )


MATERIAL = Material(
    slot="diploma",
    extract=extract_diploma,
    check=check_diploma,
    fields=("name", "diploma_number", "school", "major", "graduation", "education_level"),
    printed=("name", "diploma_number", "school"),
    markers=("毕业证书", "准予毕业", "证书编号", "校(\\(?院\\)?)?长", "在本校", "在我校", "学习"),
    heading="毕业证书|毕业证明书",
    skip_labels=("校(院)长", "校长", "院长"),
)
