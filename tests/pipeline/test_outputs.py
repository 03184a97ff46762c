"""The run's own safety (issue 16): our failures stop the run with their exit code and are
never kept; one run at a time on an OUT; whole files only; cells Excel would run escaped."""

from __future__ import annotations

import csv
import errno
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from pipeline import outdir
from pipeline.cli import main
from pipeline.process import ApplicantTask, process_applicant
from pipeline.run import csv_cell
from stages.ocr.base import OcrEngine
from tests.conftest import SAMPLE
from tests.fakes import FakeEngine, TimingOutEngine

#: an applicant of the sample window with few uploads (4)
ONE = ("2026120000577",)


def small_window(tmp_path: Path, ids: tuple[str, ...] = ONE) -> Path:
    """Applicants of the sample window (or others, with its first form and no uploads)."""
    root = tmp_path / "window"
    root.mkdir()
    shutil.copy(SAMPLE / "window.toml", root / "window.toml")
    lines = {
        json.loads(line)["applicant_id"]: line
        for line in (SAMPLE / "applicants.jsonl").read_text("utf-8").splitlines()
    }
    text = ""
    for aid in ids:
        if aid in lines:
            text += lines[aid] + "\n"
            shutil.copytree(SAMPLE / "uploads" / aid, root / "uploads" / aid)
        else:
            form = json.loads(next(iter(lines.values())))
            text += json.dumps({**form, "applicant_id": aid}, ensure_ascii=False) + "\n"
    (root / "applicants.jsonl").write_text(text, "utf-8")
    return root


def engine_is(monkeypatch: pytest.MonkeyPatch, engine: OcrEngine) -> None:
    """Workers (here: --sync) read with `engine`, and Tesseract is not asked."""

    def task(t: ApplicantTask) -> Any:
        return process_applicant(t, engine, FakeEngine(["x"]))

    monkeypatch.setattr("pipeline.run.run_task", task)


def run(root: Path, out: Path, *extra: str) -> int:
    return main(["run", str(root), "--out", str(out), "--sync", "--no-progress", *extra])


def parts(out: Path) -> list[str]:
    return sorted(p.name for p in (out / "parts").rglob("*.json"))


def findings(out: Path) -> list[dict[str, Any]]:
    lines = (out / "findings.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_pages_that_cannot_be_written_stop_the_run_and_nothing_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine_is(monkeypatch, FakeEngine(["姓名"]))
    root, out = small_window(tmp_path), tmp_path / "out"
    out.mkdir()
    (out / "pages").write_text("a file where the pages folder must be")
    assert run(root, out) == 6
    err = capsys.readouterr().err.strip()
    assert err.startswith("certcheck: cannot write") and "\n" not in err
    assert parts(out) == [] and not (out / "applicants.csv").exists()
    # once OUT is fixed, every applicant is processed, none blamed for our disk
    (out / "pages").unlink()
    assert run(root, out) == 0
    assert len(parts(out)) == 1
    assert run(root, tmp_path / "fresh") == 0
    assert findings(out) == findings(tmp_path / "fresh")


@pytest.mark.parametrize("where", ["pages", "parts"])
def test_a_full_disk_stops_the_run_with_exit_6(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    where: str,
) -> None:
    engine_is(monkeypatch, FakeEngine(["姓名"]))

    def full(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), where)

    if where == "pages":
        monkeypatch.setattr(outdir, "write_bytes", full)
    else:
        monkeypatch.setattr("pipeline.run.write_part", full)
    out = tmp_path / "out"
    assert run(small_window(tmp_path), out) == 6
    assert "No space left on device" in capsys.readouterr().err
    assert parts(out) == [] and not (out / "applicants.csv").exists()


def test_an_engine_timeout_is_reported_as_ours_and_tried_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = small_window(tmp_path), tmp_path / "out"
    engine_is(monkeypatch, TimingOutEngine(["姓名"]))
    assert run(root, out) == 0  # every applicant has its row
    ours = [f for f in findings(out) if f["check"] == "processing.system_error"]
    assert ours and all("非考生原因" in f["message"] for f in ours)
    assert parts(out) == []  # nothing kept: the next run checks them again
    engine_is(monkeypatch, FakeEngine(["姓名"]))
    assert run(root, out) == 0
    assert len(parts(out)) == 1
    assert not [f for f in findings(out) if f["check"] == "processing.system_error"]


def test_an_engine_that_cannot_start_exits_7_and_blames_nobody(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(threads: int = 1) -> Any:
        raise RuntimeError("model file missing")

    monkeypatch.setattr("stages.ocr.rapid.shared", broken)
    out = tmp_path / "out"
    assert run(small_window(tmp_path), out) == 7
    assert "OCR engine cannot be started" in capsys.readouterr().err
    assert parts(out) == [] and not (out / "findings.jsonl").exists()


def test_a_second_run_on_the_same_out_exits_6_naming_the_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with outdir.locked(out):
        assert run(small_window(tmp_path, ("x1",)), out) == 6
        err = capsys.readouterr().err
        assert "in use by another certcheck run" in err and f"pid {os.getpid()}," in err
        # at once: before the window is read (hashing a large one takes minutes)
        assert run(tmp_path / "no such window", out) == 6
    assert not (out / "applicants.csv").exists()


def test_what_a_killed_run_left_half_done_is_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "parts").mkdir(parents=True)
    (out / "parts" / ".x.json.tmp").write_text("half")
    (out / ".findings.jsonl.tmp").write_text("half")
    (out / ".work" / "tmp").mkdir(parents=True)
    assert run(small_window(tmp_path, ("x1",)), out) == 0
    assert not list(out.rglob("*.tmp")) and not (out / ".work").exists()


def test_ids_that_would_start_a_formula_are_escaped_in_the_csv(tmp_path: Path) -> None:
    ids = ("=1+2", "+1", "-1", "@SUM(A1)", "2026120000001")
    out = tmp_path / "out"
    assert run(small_window(tmp_path, ids), out) == 0
    with (out / "applicants.csv").open(encoding="utf-8-sig", newline="") as f:
        column = [row[0] for row in csv.reader(f)][1:]
    assert column == ["'=1+2", "'+1", "'-1", "'@SUM(A1)", "2026120000001"]
    # findings.jsonl keeps the id as it is
    assert {f["applicant_id"] for f in findings(out)} == set(ids)


def test_csv_cell() -> None:
    for text in ("=A1", "+1", "-1", "@x", "\tx", "\rx"):
        assert csv_cell(text) == "'" + text
    assert csv_cell("2026120000001") == "2026120000001" and csv_cell("") == ""


def test_a_failed_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "findings.jsonl"
    old.write_text("old whole file\n")
    staged = outdir.Staged()
    with pytest.raises(OSError), staged.open(old) as fh:
        fh.write("half of the new")
        raise OSError(errno.ENOSPC, "No space left on device")
    staged.commit()
    assert old.read_text() == "old whole file\n" and not list(tmp_path.glob("*.tmp"))
    outdir.write_text(old, "new\n")
    assert old.read_text() == "new\n" and not list(tmp_path.glob("*.tmp"))


def test_a_run_writes_its_temporary_files_inside_out(tmp_path: Path) -> None:
    import tempfile

    out = tmp_path / "out"
    out.mkdir()
    before = tempfile.gettempdir()
    with outdir.scratch(out) as work:
        assert tempfile.gettempdir() == str(work / "tmp") == os.environ["TMPDIR"]
        # onnxruntime keeps a usage database under $XDG_CACHE_HOME (else ~/.cache)
        assert os.environ["XDG_CACHE_HOME"] == str(work / "cache")
        assert work.parent == out
    assert tempfile.gettempdir() == before and not work.exists()
    assert os.environ.get("XDG_CACHE_HOME") != str(work / "cache")
