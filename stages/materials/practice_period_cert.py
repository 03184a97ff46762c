"""The practice_period_cert material: its extractor and its checks (see stages.materials)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from models import Finding, Reading

from .. import textnorm
from ..crosscheck import (
    Context,
    compare,
    person_checks,
    result_check,
)
from ..extract import (
    GRADES,
    ID_LABEL_RE,
    ID_LABELS,
    assessment_result,
    labelled,
    person_fields,
    put_reading,
)
from ..looks import Look
from ..read import Row
from . import Material

PPC_LABELS = (
    r"姓名",
    r"性[别別]",
    r"身份证号",
    r"公民身份号码",
    r"证件号码",
    r"执业机构",
    r"执业单位",
    r"工作单位",
    r"执业地点",
    r"执业时间",
    r"执业期间",
    r"执业期限",
    r"执业类别",
    r"考核结果",
    r"考核意见",
)


def extract_practice_period(rows: Sequence[Row]) -> dict[str, Reading]:
    out = person_fields(rows, PPC_LABELS, ID_LABEL_RE)
    put_reading(out, labelled(rows, "work_unit", r"执业(?:机构|单位|地点)|工作单位", PPC_LABELS))
    # the grade read across line breaks first (a letter's "考核意" / "见：合格"); under its
    # label only a grade is the result (考核结果 | 备注 | … over a row per year)
    put_reading(
        out,
        assessment_result(rows)
        or labelled(rows, "result", r"考核结果|(?:执业期)?考核结论", PPC_LABELS, GRADES),
    )
    return out


def check_practice_period(
    ctx: Context, r: Mapping[str, Reading], look: Look | None
) -> Iterator[Finding]:
    yield from person_checks(ctx, r, look)
    yield compare(
        ctx, "work_unit", ctx.form.work_unit, r.get("work_unit"), textnorm.same_institution, look
    )
    yield result_check(ctx, r.get("result"), "执业期考核结果")


MATERIAL = Material(
    slot="practice_period_cert",
    extract=extract_practice_period,
    check=check_practice_period,
    fields=("name", "id_number", "work_unit", "result"),
    printed=("name", "work_unit"),
    personal=True,
    # a letter (证明) names none of the form's labels: its wording identifies it
    markers=(
        "执业期考核",
        "执业机构",
        "执业时间",
        "考核结果",
        "执业类别",
        "系我单位执业助理医师",
        "同意其?报考执业医师",
        "兹证明.{1,12}(?:同志|[(（][男女])",
        "考核(?:意见|结论|等级)",
    ),
    heading="执业期考核证明",
    short_value_labels=("性别", "性別", "姓名", "执业机构", *ID_LABELS),
    skip_labels=("执业时间", "执业类别", "考核意见", "负责人", "单位(公章)"),
)
