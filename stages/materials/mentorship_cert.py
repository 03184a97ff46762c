"""The mentorship_cert material: its extractor and its checks (see stages.materials)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from models import Finding, Reading

from ..crosscheck import (
    Context,
    person_checks,
)
from ..extract import (
    ID_LABELS,
    person_fields,
)
from ..looks import Look
from ..read import Row
from . import Material

MENTOR_LABELS = (r"姓名", r"性[别別]", r"身份证号", r"专业", r"证书编号", r"发证机关", r"发证日期")


def extract_mentorship(rows: Sequence[Row]) -> dict[str, Reading]:
    return person_fields(rows, MENTOR_LABELS, r"身份证号(?:码)?")


def check_mentorship(
    ctx: Context, r: Mapping[str, Reading], look: Look | None
) -> Iterator[Finding]:
    yield from person_checks(ctx, r, look)


MATERIAL = Material(
    slot="mentorship_cert",
    extract=extract_mentorship,
    check=check_mentorship,
    fields=("name", "id_number"),
    printed=("name",),
    personal=True,
    markers=("师承", "出师", "确有专长", "医术", "传统医学", "中医(药)?管理局"),
    heading="出师证书|确有专长证书",
    short_value_labels=("性别", "性別", "姓名", *ID_LABELS),
)
