"""`certcheck diff-runs A B`: do two runs' findings agree? (status, slot and field per applicant)

Refactors must hold behaviour: this compares two OUT folders of the same window finding by
finding, keyed by (applicant, slot, file, field), and lists every difference.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from pathlib import Path


def _findings(out: Path) -> Counter[tuple[str, str, str, str, str]]:
    """(applicant, slot, file, field, status) of every finding, counted."""
    rows: Counter[tuple[str, str, str, str, str]] = Counter()
    with (out / "findings.jsonl").open(encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            rows[(d["applicant_id"], d["slot"], d["file"] or "", d["field"], d["status"])] += 1
    return rows


def _verdicts(out: Path) -> dict[str, str]:
    with (out / "applicants.csv").open(encoding="utf-8-sig") as f:
        return {r["applicant_id"]: r["verdict"] for r in csv.DictReader(f)}


def diff(a: Path, b: Path) -> dict[str, object]:
    fa, fb = _findings(a), _findings(b)
    va, vb = _verdicts(a), _verdicts(b)
    only_a, only_b = fa - fb, fb - fa
    return {
        "findings": sum(fa.values()),
        "only_in_a": sorted(only_a.elements()),
        "only_in_b": sorted(only_b.elements()),
        "verdicts_changed": sorted(k for k in va.keys() | vb.keys() if va.get(k) != vb.get(k)),
    }


def cmd_diff(args: argparse.Namespace) -> int:
    total = 0
    for a, b in zip(args.a, args.b, strict=True):
        d = diff(Path(a), Path(b))
        n = len(d["only_in_a"]) + len(d["only_in_b"])  # type: ignore[arg-type]
        total += n
        changed = d["verdicts_changed"]
        print(f"{a} vs {b}: {d['findings']} findings, {n} differ, verdicts changed: {changed}")
        for row in d["only_in_a"]:  # type: ignore[attr-defined]
            print("  only in A:", *row)
        for row in d["only_in_b"]:  # type: ignore[attr-defined]
            print("  only in B:", *row)
    return 0 if total == 0 else 1
