"""Issue 19: the run's OCR precision (`certcheck run --ocr-precision`, or
$CERTCHECK_OCR_PRECISION): carried by each task to the worker's engine, in the part key when
not fp32, and a value nobody knows stops the run as our failure (exit 7)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from models import Rules
from models.errors import EngineError
from pipeline import run
from pipeline.cli import main
from pipeline.process import ApplicantTask
from stages.ocr import rapid

TASK = ApplicantTask("1", "/w", "/o", None, (), (), Rules(), date(2026, 1, 31))


def test_the_precision_is_in_the_part_key_only_when_not_fp32() -> None:
    assert TASK.precision == "fp32"
    assert run.task_key(replace(TASK, precision="int8")) != run.task_key(TASK)


def test_a_task_takes_the_runs_precision_to_the_workers_engine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(rapid.PRECISION_ENV, "int8")
    assert run.ocr_precision() == "int8"
    asked: list[str] = []

    def shared(threads: int = 1, precision: str = "fp32") -> object:
        asked.append(precision)
        return object()

    monkeypatch.setattr(rapid, "shared", shared)
    monkeypatch.setattr(run, "run_budgeted", lambda task, engine: "done")
    assert run.run_task(replace(TASK, precision="int8")) == "done"
    assert run.run_task(TASK) == "done"  # fp32 whatever this process's environment says
    assert asked == ["int8", "fp32"]


def test_an_unknown_precision_stops_the_run_as_ours(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(rapid.PRECISION_ENV, "int4")
    with pytest.raises(EngineError, match="int4"):
        run.ocr_precision()
    monkeypatch.delenv(rapid.PRECISION_ENV)
    assert run.ocr_precision() == "fp32"


def test_the_cli_option_sets_the_precision_for_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(rapid.PRECISION_ENV, "")  # unset; restored after the test
    seen: list[str] = []

    def fake_run(*args: Any, **kwargs: Any) -> dict[str, Any]:
        seen.append(run.ocr_precision())
        return {
            "window": "w", "region": "天津市", "reference_date": "2026-01-31", "applicants": 0,
            "review": 0, "clear": 0, "uploads": 0, "seconds": 0, "reused": 0,
        }  # fmt: skip

    monkeypatch.setattr("pipeline.run.run_window", fake_run)
    root = tmp_path / "window"
    root.mkdir()
    (root / "applicants.jsonl").write_text(json.dumps({"applicant_id": "1"}) + "\n")
    assert main(["run", str(root), "--out", str(tmp_path / "out"), "-q"]) == 0
    args = ["run", str(root), "--out", str(tmp_path / "out"), "-q", "--ocr-precision", "int8"]
    assert main(args) == 0
    assert seen == ["fp32", "int8"]
    monkeypatch.undo()
    assert run.ocr_precision() == "fp32"  # nothing left behind for other tests


def test_the_runs_record_names_the_derived_model_and_how_it_was_made(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from pipeline import versions
    from stages.ocr import derived

    made = derived.Derived(tmp_path / "rec.int8.onnx", "ab" * 32, "cd" * 32, rapid.INT8_REC)
    monkeypatch.setattr(rapid, "derived_models", lambda p: {"rec": made} if p == "int8" else {})
    monkeypatch.setenv(rapid.PRECISION_ENV, "int8")
    versions.model_hashes.cache_clear()
    try:
        assert versions.model_hashes()["rec.int8.onnx"] == "ab" * 32  # in the part key too
        v = versions.engine_versions()
    finally:
        versions.model_hashes.cache_clear()
    assert v["ppocr_precision"] == "int8"
    assert v["ppocr_derived:rec.int8.onnx"].startswith(
        f"sha256 {'ab' * 32} from sha256 {'cd' * 32}"
    )
    assert "per-channel" in v["ppocr_derived:rec.int8.onnx"]


def test_a_derived_model_that_cannot_be_made_stops_the_run_as_ours(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pipeline import versions
    from stages.ocr.base import EngineUnavailable

    def broken(precision: str) -> dict[str, object]:
        raise EngineUnavailable("disk full")

    monkeypatch.setattr(rapid, "derived_models", broken)
    monkeypatch.setenv(rapid.PRECISION_ENV, "int8")
    versions.model_hashes.cache_clear()
    try:
        with pytest.raises(EngineError, match="disk full"):
            versions.model_hashes()
    finally:
        versions.model_hashes.cache_clear()
