"""The assistant_qualification material: its extractor and its checks (see stages.materials)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from models import Finding, Reading

from ..certnumbers import qualification_problems
from ..crosscheck import (
    Context,
    compare,
    judged,
    person_checks,
    same_id,
)
from ..extract import (
    ID_LABELS,
    labelled,
    number_field,
    person_fields,
    put_reading,
)
from ..looks import Look
from ..read import Row
from . import Material

QUALIFICATION_RE = re.compile(r"(?<![0-9])([0-9]{26}[0-9Xx]|[0-9]{23}[0-9Xx])(?![0-9Xx])")


AQ_LABELS = (
    r"姓名",
    r"性[别別]",
    r"出生日期",
    r"身份证件号码",
    r"资格级别",
    r"资格类别",
    r"资格证书编码",
    r"签发日期",
    r"专业",
)


def extract_qualification(rows: Sequence[Row]) -> dict[str, Reading]:
    out = person_fields(rows, AQ_LABELS, r"身份证件号码|身份证号")
    put_reading(
        out,
        number_field(
            rows, "qualification_number", r"资格证书编码|证书编码", QUALIFICATION_RE, True
        ),
    )
    put_reading(out, labelled(rows, "qualification", r"资格级别", AQ_LABELS))
    put_reading(out, labelled(rows, "category", r"资格类别", AQ_LABELS))
    return out


def check_qualification(
    ctx: Context, r: Mapping[str, Reading], look: Look | None
) -> Iterator[Finding]:
    a = ctx.form.assistant
    yield from person_checks(ctx, r, look)
    number = r.get("qualification_number")
    expected = a.qualification_number if a else ""
    agreed = not expected
    if expected:
        found = compare(ctx, "qualification_number", expected, number, same_id, look)
        agreed = found.status == "pass"
        yield found
    if number is not None and agreed:
        problems = qualification_problems(
            number.value, ctx.form.id_number, a.qualification_date if a else ""
        )
        if problems:
            yield judged(
                ctx,
                "qualification_number",
                number,
                False,
                "年份+代码+本人身份证号",
                "",
                f"资格证书编码{'；'.join(problems)}。",
                "invalid",
            )
    level = r.get("qualification")
    if level is not None:
        yield judged(
            ctx,
            "qualification",
            level,
            "助理" in level.value,
            "执业助理医师",
            "资格级别为执业助理医师。",
            f"资格级别为“{level.value}”，不是执业助理医师。",
        )
    category = r.get("category")
    exam = ctx.form.exam.category
    if category is not None and exam:
        # 乡村全科 assistants may sit the 临床 or 中医 exam (003 一(三))
        allowed = {exam} | ({"乡村全科"} if exam in ("临床", "中医") else set())
        yield judged(
            ctx,
            "category",
            category,
            any(a in category.value for a in allowed),
            exam,
            f"资格类别“{category.value}”与报考类别一致。",
            f"资格类别为“{category.value}”，与报考类别“{exam}”不符。",
        )


MATERIAL = Material(
    slot="assistant_qualification",
    extract=extract_qualification,
    check=check_qualification,
    fields=("name", "id_number", "qualification_number", "qualification", "category"),
    printed=("name", "qualification_number"),
    personal=True,
    markers=(
        "医师资格证书",
        "资格级别",
        "资格类别",
        "资格证书编码",
        "医师资格考试",
    ),
    heading="医师资格证书",
    short_value_labels=("性别", "性別", "姓名", "身份证件号码", *ID_LABELS),
)
