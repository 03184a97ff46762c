"""Issue 19's bench: the stage table, and Dask against a plain pool on the same tasks."""

from __future__ import annotations

from pathlib import Path

import pytest

from lab import bench_stages
from stages import timing


def test_the_stage_table_has_every_stage_and_their_shares() -> None:
    stages = {"recognise": [3.0, 10], "detect": [1.0, 2], "checks": [1.0, 1], "total": [5.0, 1]}
    lines = bench_stages.stage_table(stages, uploads=2)
    names = [line.split()[0] for line in lines[1:]]
    assert names == [*timing.STAGES, "total"]
    recognise = next(line for line in lines if line.startswith("recognise"))
    assert recognise.split() == ["recognise", "3.0", "60.0%", "1500.0", "10"]


@pytest.mark.slow
def test_dask_and_the_pool_run_the_same_tasks_and_count_their_stages(tmp_path: Path) -> None:
    from lab.evaluate import generate

    window = tmp_path / "w"
    generate(window, 1, 5)
    rows = bench_stages.compare(window, tmp_path / "work", (1,))
    pool, dask = rows["runs"]["pool-1"], rows["runs"]["dask-1"]
    for run in (pool, dask):
        assert run["stages"]["total"][1] == 1  # one applicant
        assert run["stages"]["uploads"][1] == rows["uploads"]
        assert run["stages"]["detect"][1] >= 1 and run["stages"]["recognise"][1] >= 1
    assert rows["dask_vs_pool_1"] > 0
