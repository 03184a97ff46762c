"""Cross-applicant checks (slot `window`): what no single applicant's file shows.

Duplicate registrations (one ID number on two applicants) and one diploma number on two
applicants. Values are grouped by key, never compared pairwise, so the check stays linear on
a window of 100,000 applicants.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from models import Finding


def _value_findings(field: str, label: str, owners: dict[str, list[str]]) -> Iterator[Finding]:
    for value, applicants in owners.items():
        distinct = sorted(set(applicants))
        if len(distinct) < 2:
            continue
        for aid in distinct:
            others = [a for a in distinct if a != aid]
            yield Finding(
                applicant_id=aid,
                slot="window",
                file=None,
                field=field,
                status="invalid",
                expected=f"{label}在本批次中唯一",
                observed=f"与 {'、'.join(others[:5])}{'等' if len(others) > 5 else ''} 相同",
                confidence=1.0,
                message=f"{label}“{value}”同时出现在报名序列号 "
                f"{'、'.join(others[:5])} 的报名信息中，可能为重复报名，请人工核对。",
                check=f"window.duplicate_{field}",
            )


def duplicate_values(records: Iterable[tuple[str, str, str]]) -> Iterator[Finding]:
    """records: (applicant_id, field, value); `id_number` and `diploma_number` are checked."""
    labels = {"id_number": "身份证号", "diploma_number": "毕业证书编号"}
    owners: dict[str, dict[str, list[str]]] = {f: defaultdict(list) for f in labels}
    for aid, field, value in records:
        value = value.strip().upper()
        if field in owners and value:
            owners[field][value].append(aid)
    for field, label in labels.items():
        yield from _value_findings(field, label, owners[field])
