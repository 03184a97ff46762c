"""The probation_cert material: its extractor and its checks (see stages.materials)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from models import Finding, Reading, Status

from .. import textnorm
from ..crosscheck import (
    MISMATCH_CONFIDENCE,
    Context,
    compare,
    material_finding,
    result_check,
    same_id,
    same_name,
)
from ..dates import months_between, parse_date, parse_period
from ..extract import (
    GRADES,
    ID_LABEL_RE,
    ID_LABELS,
    ID_RE,
    NAME_LABEL,
    RESULT_LABELS,
    assessment_result,
    iso_date,
    labelled,
    labelled_name,
    number_field,
    row_value,
    service_period,
)
from ..looks import Look
from ..read import Row
from . import Material

#: The labels a probation proof prints beside its holder's particulars: a value never runs on
#: into one (a table's head row 姓名 | 公民身份号码 | 所在科室 | 考核结果 over its value row).
PROBATION_LABELS = (
    r"性[别別]",
    ID_LABEL_RE,
    r"(?:所在|试用)?科\s*室",
    r"试用(?:机构|单位|时间|期限|起止时间)",
    r"用人单位",
    r"工作单位",
    r"职\s*[务称]",
    r"专\s*业",
    r"学\s*历",
    RESULT_LABELS,
)


def extract_probation(rows: Sequence[Row]) -> dict[str, Reading]:
    out: dict[str, Reading] = {}
    # the name up to the next of the proof's labels, or under its label; else up to 性别
    name = labelled_name(rows, PROBATION_LABELS) or row_value(
        rows, "name", f"(?:{NAME_LABEL})", r"(?!性[别別])(.+?)(?:性[别別]|$)"
    )
    if name:
        out["name"] = name
    gender = row_value(rows, "gender", r"性[别別]", r"[^男女\d]{0,2}([男女])")
    if gender:
        out["gender"] = gender
    number = number_field(rows, "id_number", ID_LABEL_RE, ID_RE, upper=True)
    if number:
        out["id_number"] = number
    unit = row_value(rows, "work_unit", r"试用(?:机构|单位)", r"(.+)")
    if unit:
        out["work_unit"] = unit
    period = row_value(rows, "period", r"试用(?:时间|期限|起止时间)", r"(.+)") or service_period(
        rows
    )
    if period:
        start, end, _open = parse_period(period.value)
        if start and end:
            out["period"] = replace(period, value=f"{iso_date(start)}/{iso_date(end)}")
    # the grade read across line breaks first (a letter's "考核结果为合" / "格。"), then a
    # grade after or under a label (a head row over its value row; a boxed 考核结果 caption
    # over its grade), and only then whatever follows 考核结果 (经评定不合格): the running
    # text's 考核结果如上 is no result where the grade stands in its box
    result = (
        assessment_result(rows)
        or labelled(rows, "result", RESULT_LABELS, PROBATION_LABELS, GRADES)
        or row_value(rows, "result", r"考核结果", r"(.+)")
    )
    if result:
        out["result"] = result
    return out


def check_probation(ctx: Context, r: Mapping[str, Reading], look: Look | None) -> Iterator[Finding]:
    f = ctx.form
    yield compare(ctx, "name", f.name, r.get("name"), same_name, look)
    yield compare(ctx, "id_number", f.id_number, r.get("id_number"), same_id, look)
    yield compare(
        ctx, "work_unit", f.work_unit, r.get("work_unit"), textnorm.same_institution, look
    )
    period = r.get("period")
    need = ctx.rules.probation_min_months
    if period is None:
        yield material_finding(
            ctx,
            "period",
            "unreadable",
            f"不少于{need}个月",
            None,
            None,
            "未能识别试用期考核证明上的试用时间，请人工核对。",
        )
    else:
        start_s, _, end_s = period.value.partition("/")
        start, end = parse_date(start_s), parse_date(end_s)
        months = months_between(start, end) if start and end else -1
        ok = months >= need
        status: Status = (
            "pass"
            if ok
            else (
                "invalid"
                if period.confidence >= MISMATCH_CONFIDENCE and months >= 0
                else "unreadable"
            )
        )
        yield material_finding(
            ctx,
            "period",
            status,
            f"不少于{need}个月",
            f"{start_s} 至 {end_s}（{months}个月）",
            period.confidence,
            f"试用时间满{need}个月。"
            if ok
            else f"试用时间为{months}个月，不足{need}个月。"
            if status == "invalid"
            else "试用时间无法可靠识别，请人工核对。",
        )
    yield result_check(ctx, r.get("result"), "试用期考核结果")


MATERIAL = Material(
    slot="probation_cert",
    extract=extract_probation,
    check=check_probation,
    fields=("name", "id_number", "work_unit", "period", "result"),
    # the national form (附2) prints the 试用时间 from … to …: a proof read without it is
    # read again closer (a date in small print, 二〇二四 read ○二四)
    printed=("name", "id_number", "work_unit", "period"),
    personal=True,
    # a letter (证明) names none of the form's labels: its wording identifies it
    markers=(
        "试用期考核",
        "试用机构",
        "考核结果",
        "试用时间",
        "试用科室",
        "试用期(?:满|实践)",
        "兹证明.{1,12}同志",
        "考核(?:意见|结论|等级)",
    ),
    heading="试用期考核",
    short_value_labels=("性别", "性別", "姓名", "试用机构", "试用时间", *ID_LABELS),
    skip_labels=("试用科室", "考核意见", "负责人", "单位(公章)"),
)
