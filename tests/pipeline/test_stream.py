"""Streaming (issue 19): a bounded number of tasks in flight, progress by upload."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from models import ApplicantResult
from pipeline import budget
from tests.fakes import FakeEngine
from tests.pipeline.test_outputs import engine_is, run, small_window


def _answer(task: Any) -> ApplicantResult:
    return ApplicantResult(str(task), ())


def test_results_keep_only_a_window_of_tasks_in_flight() -> None:
    """As many tasks in flight as were first submitted: the next one goes when one is done."""
    from dask.distributed import Client

    with Client(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=None) as c:
        submitted = []

        class Counting:
            def submit(self, *args: Any, **kwargs: Any) -> Any:
                submitted.append(args[1])
                return c.submit(*args, **kwargs)

        client = Counting()
        tasks = [f"a{i}" for i in range(20)]
        first = tasks[:3]
        futures = [client.submit(_answer, t, key=f"k-{t}", pure=False) for t in first]
        seen = []
        for result in budget.results(
            client, _answer, futures, first, iter(tasks[3:]), lambda t: f"k-{t}"
        ):
            seen.append(result.applicant_id)
            assert len(submitted) - len(seen) <= 3  # never more in flight than at the start
    assert sorted(seen) == sorted(tasks) and sorted(submitted) == sorted(tasks)


def test_the_progress_bar_counts_uploads_and_applicants(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine_is(monkeypatch, FakeEngine(["姓名"]))
    monkeypatch.setenv("CERTCHECK_PROGRESS", "1")
    root = small_window(tmp_path, ("2026120000577", "x1"))  # 4 uploads, then none
    from pipeline.cli import main

    assert main(["run", str(root), "--out", str(tmp_path / "out"), "--sync"]) == 0
    err = capsys.readouterr().err
    assert "4/4" in err and "份材料" in err and "考生 2/2" in err


def test_a_rerun_builds_the_same_outputs_from_the_parts(tmp_path: Path, monkeypatch: Any) -> None:
    """Every output is built from the parts on disk: a run that computed its applicants and
    one that reused them all write the same files."""
    engine_is(monkeypatch, FakeEngine(["姓名"]))
    root, out = small_window(tmp_path, ("2026120000577", "x1", "x2")), tmp_path / "out"
    assert run(root, out) == 0
    first = {n: (out / n).read_bytes() for n in ("findings.jsonl", "applicants.csv")}
    assert run(root, out) == 0
    assert {n: (out / n).read_bytes() for n in first} == first
