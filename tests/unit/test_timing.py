"""Per-stage CPU time (issue 19): each stage is charged only its own time, and what no stage
claimed in a task is "checks"."""

from __future__ import annotations

import time

import pytest

from stages import timing


def _burn(seconds: float) -> None:
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


@pytest.fixture(autouse=True)
def _fresh() -> None:
    timing.reset()


def test_a_nested_stage_is_not_charged_to_the_one_around_it() -> None:
    with timing.task(uploads=2):
        with timing.stage("normalise"):
            _burn(0.02)
            with timing.stage("detect"):
                _burn(0.05)
        _burn(0.01)
    snap = timing.snapshot()
    total = snap["total"][0]
    # the outer stage's own time excludes the nested one's (5:2), and the parts add up
    assert snap["detect"][0] > snap["normalise"][0]
    parts = snap["normalise"][0] + snap["detect"][0] + snap["checks"][0]
    assert parts == pytest.approx(total, abs=2e-3)
    assert snap["uploads"] == (0.0, 2)
    assert snap["detect"][1] == snap["normalise"][1] == snap["total"][1] == 1


def test_a_timed_function_counts_every_call_even_one_that_raises() -> None:
    @timing.timed("decode")
    def decode(fail: bool) -> int:
        if fail:
            raise ValueError("bad file")
        return 1

    assert decode(False) == 1
    with pytest.raises(ValueError):
        decode(True)
    assert timing.snapshot()["decode"][1] == 2


def test_snapshots_of_several_workers_add_up() -> None:
    a = {"detect": (1.0, 2), "total": (3.0, 1)}
    b = {"detect": (0.5, 1), "recognise": (2.0, 4)}
    assert timing.merge([a, b]) == {
        "detect": (1.5, 3),
        "total": (3.0, 1),
        "recognise": (2.0, 4),
    }
