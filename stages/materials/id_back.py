"""The id_back material: its extractor and its checks (see stages.materials)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from models import Finding, Reading

from ..crosscheck import (
    Context,
    validity_check,
)
from ..dates import parse_period
from ..extract import (
    iso_date,
    row_value,
)
from ..looks import Look
from ..read import Row, clean
from . import Material


def extract_id_back(rows: Sequence[Row]) -> dict[str, Reading]:
    out: dict[str, Reading] = {}
    period = row_value(rows, "validity", r"有效期限", r"(.+)")
    if period is None:  # the label can be misread; any row holding a date range will do
        for row in rows:
            start, end, open_ended = parse_period(clean(row.text))
            if start and (end or open_ended):
                period = Reading(
                    "validity",
                    clean(row.text),
                    row.confidence,
                    row.lines[0].engine,
                    box=row.box,
                    source=row.text,
                )
                break
    if period:
        start, end, open_ended = parse_period(period.value)
        value = "长期" if open_ended else iso_date(end) if end else ""
        if value:
            out["validity"] = replace(period, value=value)
    return out


def check_id_back(ctx: Context, r: Mapping[str, Reading], look: Look | None) -> Iterator[Finding]:
    yield validity_check(ctx, r.get("validity"), "有效期限")


MATERIAL = Material(
    sealed=False,
    slot="id_back",
    extract=extract_id_back,
    check=check_id_back,
    fields=("validity",),
    printed=("validity",),
    markers=("居民身份证", "签发机关", "有效期限", "中华人民共和国"),
    heading="居民身份证",
    skip_labels=("签发机关",),
)
