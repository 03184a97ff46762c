"""Per-stage CPU time (issue 19) is counted in the worker process and read out through the
Dask worker plugin, never carried in an applicant's result."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import distributed

from models import ApplicantResult
from pipeline import outdir
from pipeline.cluster import local_client, stage_times
from pipeline.process import process_applicant
from stages import timing
from tests.fakes import FakeEngine
from tests.pipeline.test_process import ID_LINES, _jpeg, _task

assert distributed.__version__


def test_an_applicant_is_counted_by_stage_in_its_process(tmp_path: Path) -> None:
    timing.reset()
    task = _task(tmp_path, {"id_front/a.jpg": _jpeg((1000, 630)), "photo/p.jpg": _jpeg((390, 567))})
    process_applicant(task, FakeEngine(ID_LINES))
    snap = timing.snapshot()
    assert snap["total"][1] == 1 and snap["uploads"][1] == 2
    assert snap["decode"][1] == 2  # each upload decoded once
    assert snap["normalise"][1] >= 1
    assert "checks" in snap
    # nothing of it in the result
    assert not any("stage" in f.name or "timing" in f.name for f in fields(ApplicantResult))


def _staged() -> int:
    with timing.task(uploads=3), timing.stage("recognise"):
        return sum(range(10_000))


def test_the_worker_plugin_answers_each_workers_stage_times(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with outdir.scratch(out) as work, local_client(1, work) as client:
        assert client.submit(_staged, pure=False).result() == sum(range(10_000))
        (answer,) = stage_times(client).values()
    assert answer["recognise"][1] == 1
    assert answer["uploads"][1] == 3
    assert answer["tasks"][1] == 1


def _housekeeping() -> tuple[object, object]:
    import dask

    return (
        dask.config.get("distributed.admin.tick.interval"),
        dask.config.get("distributed.admin.system-monitor.interval"),
    )


def test_the_local_clusters_housekeeping_wakes_seldom(tmp_path: Path) -> None:
    """An idle two-worker cluster burnt 0.077 cores on its 20 ms ticks and 500 ms system
    monitor (issue 19): the workers of a run's cluster tick once a second."""
    out = tmp_path / "out"
    out.mkdir()
    with outdir.scratch(out) as work, local_client(1, work) as client:
        (seen,) = client.run(_housekeeping).values()
    assert seen == ("1s", "5s")
