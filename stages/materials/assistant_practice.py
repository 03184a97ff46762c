"""The assistant_practice material: its extractor and its checks (see stages.materials)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date

from models import Finding, Reading

from .. import textnorm
from ..crosscheck import (
    Context,
    compare,
    judged,
    not_found,
    person_checks,
    same_id,
    same_month,
)
from ..dates import find_dates, parse_date
from ..extract import (
    ID_LABELS,
    date_reading,
    labelled,
    line_reading,
    number_field,
    person_fields,
    put_reading,
)
from ..looks import Look
from ..read import Row
from . import Material

PRACTICE_RE = re.compile(r"(?<![0-9])([0-9]{15})(?![0-9])")


AP_LABELS = (
    r"姓名",
    r"性[别別]",
    r"出生日期",
    r"身份证号",
    r"医师级别",
    r"执业类别",
    r"执业范围",
    r"执业地点",
    r"主要执业机构",
    r"执业证书编码",
    r"发证日期",
    r"注册日期",
)


def extract_practice(rows: Sequence[Row]) -> dict[str, Reading]:
    out = person_fields(rows, AP_LABELS, r"身份证号")
    put_reading(out, number_field(rows, "practice_number", r"执业证书编码|证书编码", PRACTICE_RE))
    put_reading(out, labelled(rows, "work_unit", r"执业地点|主要执业机构", AP_LABELS))
    # (a booklet's date under its label is read by `labelled`, from the cell below)
    registered = labelled(rows, "registration", r"发证日期|注册日期", AP_LABELS) or _dated(rows)
    # a booklet may print the month only (二○一九年二月): the form's registration is a month too
    put_reading(out, date_reading(registered) or date_reading(registered, month_only=True))
    return out


#: A line that is nothing but a date (2020年12月10日, 二〇二〇年十二月十日, 2020.12.10).
_DATE_LINE = re.compile(r"[0-9〇○零一二三四五六七八九十年月日./\-\s]{6,}")


def _dated(rows: Sequence[Row]) -> Reading | None:
    """The certificate's own date where no label names it: the last line that is nothing but
    a date (under the issuer of an approval letter: 经审核，准予在…注册执业 … 二〇二〇年十二月十日),
    the date the registration was granted."""
    for row in reversed(rows):
        for line in reversed(row.lines):
            text = "".join(line.text.split())
            if _DATE_LINE.fullmatch(text) and find_dates(text):
                return line_reading("registration", line, text)
    return None


def _cutoff(ctx: Context) -> date | None:
    level = ctx.form.education.level
    for lv, day in ctx.rules.registration_cutoffs:
        if lv == level:
            return date.fromisoformat(day)
    return None


def check_practice(ctx: Context, r: Mapping[str, Reading], look: Look | None) -> Iterator[Finding]:
    a = ctx.form.assistant
    yield from person_checks(ctx, r, look)
    number = r.get("practice_number")
    yield compare(ctx, "practice_number", a.practice_number if a else "", number, same_id, look)
    yield compare(
        ctx, "work_unit", ctx.form.work_unit, r.get("work_unit"), textnorm.same_institution, look
    )
    reg = r.get("registration")
    form_reg = a.registration_date if a else ""
    if reg is None:
        yield not_found(ctx, "registration", form_reg or None)
        return
    if form_reg:
        yield compare(ctx, "registration", form_reg, replace(reg, value=reg.value[:7]), same_month)
    cutoff = _cutoff(ctx)
    day = parse_date(reg.value)
    if cutoff and day is None and len(reg.value) == 7:
        # a month printed without its day decides only when the whole month lies on one
        # side of the cutoff (its cutoff month itself is left to the form's date)
        month = (int(reg.value[:4]), int(reg.value[5:7]))
        if month != (cutoff.year, cutoff.month):
            day = date(*month, 1)
    if cutoff and day:
        yield judged(
            ctx,
            "registration",
            reg,
            day <= cutoff,
            f"不晚于 {cutoff.isoformat()}",
            f"执业注册时间 {reg.value} 不晚于{ctx.rules.exam_year}年报考的截止日期"
            f" {cutoff.isoformat()}。",
            f"执业注册时间为 {reg.value}，晚于{ctx.form.education.level}学历报考"
            f"{ctx.rules.exam_year}年执业医师的注册截止日期 {cutoff.isoformat()}。",
            "invalid",
        )


MATERIAL = Material(
    slot="assistant_practice",
    extract=extract_practice,
    check=check_practice,
    fields=("name", "id_number", "practice_number", "work_unit", "registration"),
    printed=("name", "practice_number", "work_unit"),
    personal=True,
    markers=(
        "医师执业证书",
        "执业地点|主要执业机构",
        "执业类别",
        "执业范围",
        "执业证书编码",
        "医师级别",
    ),
    heading="医师执业证书",
    short_value_labels=("性别", "性別", "姓名", "主要执业机构", "执业地点", *ID_LABELS),
)
