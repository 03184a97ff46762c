"""`certcheck calibrate`: fit the confidence calibration the product applies.

Fitting lives here, in the lab, because only tuning runs need it; the product keeps the
`Calibration` table and applying it (`stages.calibrate`, `pipeline.calibration`). The fit
bins raw scores with the product's own `bin_index`, so the table it writes is the one the
product reads.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable

from pipeline.calibration import CALIBRATION_FILE
from stages.calibrate import EDGES, Calibration, bin_index

from .evaluate import decisions, run_regions

#: The field decisions' outcomes a calibration is fitted for.
OUTCOMES = ("pass", "mismatch", "unreadable")


def fit(samples: Iterable[tuple[str, float, bool]], source: str = "") -> Calibration:
    """From (status, raw confidence, decision right?) of tuning decisions."""
    nbins = len(EDGES) - 1
    acc: dict[str, list[list[float]]] = {s: [[0, 0, 0.0] for _ in range(nbins)] for s in OUTCOMES}
    for status, raw, right in samples:
        if status not in acc:
            continue
        row = acc[status][bin_index(raw)]
        row[0] += 1
        row[1] += bool(right)
        row[2] += raw
    return Calibration(
        tuple(
            (s, tuple((int(n), int(r), float(t)) for n, r, t in rows)) for s, rows in acc.items()
        ),
        source,
    )


def cmd_calibrate(args: argparse.Namespace) -> int:
    """Fit the calibration on tuning windows run without one (raw scores)."""
    runs = run_regions(args, env={"CERTCHECK_CALIBRATION": "none"})
    if runs is None:
        return 1
    samples = [s for r in runs for s in decisions(r["window"], r["out"], r["truth"], raw=True)]
    regions = ",".join(r["region"] for r in runs)
    cal = fit(
        samples,
        f"certcheck calibrate --seed {args.seed} --applicants {args.applicants}"
        f" --regions {regions} ({len(samples)} decisions)",
    )
    target = args.output or CALIBRATION_FILE
    target.write_text(json.dumps(cal.to_json(), ensure_ascii=False, indent=1) + "\n", "utf-8")
    wrong = sum(1 for _s, _c, right in samples if not right)
    print(f"fitted on {len(samples)} field decisions ({wrong} wrong): {target}")
    for status, rows in cal.counts:
        seen = [(n, r) for n, r, _ in rows if n]
        print(f"  {status}: " + ", ".join(f"{r}/{n}" for n, r in seen))
    return 0
