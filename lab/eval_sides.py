"""Issue 15's figures side by side: the families we did not tune on beside those we did.

`make eval` scores the same seed twice, once on windows of held-out layout families and once
on tuned ones (lab.synth.families); this prints both scores' headline figures in one table,
with each material's share of clean uploads whose every finding passes (all its families).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path
from typing import Any


def _material_counts(s: dict[str, Any]) -> dict[str, list[int]]:
    """Per material (families and folders summed): [all pass, clean uploads]."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for key, (ok, n) in s.get("family_counts", {}).items():
        row = out[key.split("/", 1)[0]]
        row[0] += ok
        row[1] += n
    return dict(out)


def _pct(ok: int, n: int) -> str:
    return f"{ok}/{n} = {ok / n:.1%}" if n else "-"


def rows(scores: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """(figure, one cell per score) in the order the issue lists its numbers."""
    table: list[tuple[str, list[str]]] = [
        ("families", [str(s.get("families", "all")) for s in scores]),
        ("seed", [str(s.get("seed", "")) for s in scores]),
        ("applicants (faulted/clean)", [f"{s['faulted']}/{s['clean']}" for s in scores]),
        ("recall of injected faults", [f"{s['recall']:.1%}" for s in scores]),
        ("clean applicants sent to review", [f"{s['false_alarm_rate']:.1%}" for s in scores]),
    ]
    for key in sorted({k for s in scores for k in s.get("reads", {})}):
        table.append((f"exact reads: {key}", [s.get("reads", {}).get(key, "-") for s in scores]))
    materials = sorted({m for s in scores for m in _material_counts(s)})
    per = [_material_counts(s) for s in scores]
    for m in materials:
        table.append((f"all pass: {m}", [_pct(*p.get(m, [0, 0])) for p in per]))
    families = sorted({k for s in scores for k in s.get("family_counts", {})})
    for k in families:
        table.append(
            (f"  family {k}", [_pct(*s.get("family_counts", {}).get(k, [0, 0])) for s in scores])
        )
    table.append(
        (
            "core-s per upload",
            [f"{s['cpu_seconds'] / s['uploads']:.3f}" if s.get("uploads") else "-" for s in scores],
        )
    )
    return table


def cmd_eval_sides(args: argparse.Namespace) -> int:
    scores = [json.loads(Path(p).read_text(encoding="utf-8")) for p in args.scores]
    table = rows(scores)
    width = max(len(name) for name, _ in table)
    cols = [max(len(r[1][i]) for r in table) for i in range(len(scores))]
    print("\n== issue 15: held-out beside tuned layout families ==")
    for name, cells in table:
        print(
            f"{name:<{width}}  " + "  ".join(f"{c:>{w}}" for c, w in zip(cells, cols, strict=True))
        )
    return 0
