"""The side-by-side table sums each material's families and keeps every score's column."""

from __future__ import annotations

from lab.eval_sides import rows


def score(families: str, ok: int) -> dict:
    return {
        "families": families,
        "seed": 1,
        "faulted": 2,
        "clean": 3,
        "recall": 1.0,
        "false_alarm_rate": 0.0,
        "reads": {"name": "9/10 (90.0%)"},
        "family_counts": {"diploma/a": [ok, 2], "diploma/b": [1, 1]},
        "cpu_seconds": 10.0,
        "uploads": 20,
    }


def test_material_share_sums_its_families_per_score() -> None:
    table = dict(rows([score("held-out", 1), score("tuned", 2)]))
    assert table["families"] == ["held-out", "tuned"]
    assert table["all pass: diploma"] == ["2/3 = 66.7%", "3/3 = 100.0%"]
    assert table["exact reads: name"] == ["9/10 (90.0%)", "9/10 (90.0%)"]
    assert table["core-s per upload"] == ["0.500", "0.500"]
