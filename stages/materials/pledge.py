"""The pledge material: its extractor and its checks (see stages.materials)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from models import Finding, Reading

from .. import textnorm
from ..crosscheck import (
    Context,
    compare,
    person_checks,
)
from ..extract import (
    ID_LABELS,
    labelled,
    person_fields,
    put_reading,
)
from ..looks import Look
from ..read import Row
from . import Material

PLEDGE_LABELS = (r"姓名", r"身份证号", r"毕业学校", r"专业", r"预计毕业时间", r"承诺人")


def extract_pledge(rows: Sequence[Row]) -> dict[str, Reading]:
    out = person_fields(rows, PLEDGE_LABELS, r"身份证号(?:码)?")
    put_reading(out, labelled(rows, "school", r"毕业学校", PLEDGE_LABELS))
    return out


def check_pledge(ctx: Context, r: Mapping[str, Reading], look: Look | None) -> Iterator[Finding]:
    yield from person_checks(ctx, r, look)
    school = ctx.form.education.school
    yield compare(ctx, "school", school, r.get("school"), textnorm.same_institution, look)


MATERIAL = Material(
    slot="pledge",
    extract=extract_pledge,
    check=check_pledge,
    fields=("name", "id_number", "school"),
    printed=("name",),
    personal=True,
    markers=("承诺书", "应届", "本人承诺", "预计毕业", "承诺人"),
    heading="报考承诺书",
    short_value_labels=("姓名", *ID_LABELS),
)
