"""make bench-scale's windows (issue 19): ordinary windows, each applicant its own ID."""

from __future__ import annotations

import json
from pathlib import Path

from lab import bench_scale
from pipeline.window import load_window
from stages import idnumber


def test_the_synthetic_window_is_an_ordinary_window_of_distinct_valid_ids(tmp_path: Path) -> None:
    bench_scale.make_window(tmp_path / "w", 50)
    window = load_window(tmp_path / "w")
    assert len(window.order) == 50 and not window.findings and not window.uploads
    forms = window.forms.values()
    assert len({f.id_number for f in forms}) == 50
    assert all(idnumber.is_valid(f.id_number) for f in forms)
    lines = (tmp_path / "w" / "applicants.jsonl").read_text("utf-8").splitlines()
    assert json.loads(lines[3])["birth_date"] == bench_scale.birth_date(3).isoformat()


def test_the_table_has_a_row_per_size() -> None:
    row = {key: 1.0 for key, _, _ in bench_scale.COLUMNS}
    text = bench_scale.table([row, {**row, "applicants": 10.0}])
    lines = text.splitlines()
    assert len(lines) == 4 and "main RSS MB" in lines[0] and lines[3].lstrip("| ").startswith("10")
