"""Budgets with real worker processes: an upload that hangs or eats memory ends its worker;
the run gives that upload a file.budget finding, checks the rest, completes, and a re-run
reuses the part instead of dying on it again."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from PIL import Image

from pipeline import budget, run
from pipeline.cli import build_parser, main
from stages import limits, recipe
from stages.limits import Budget
from tests.fakes import FakeEngine
from tests.pipeline import budget_hooks

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "window"
FORMS = [
    json.loads(line) for line in (SAMPLES / "applicants.jsonl").read_text("utf-8").splitlines()
]


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (320, 200), "white").save(buf, "PNG")
    return buf.getvalue()


def _window(tmp_path: Path, uploads: dict[str, list[str]]) -> Path:
    """A window of sample forms under new ids, each with the named uploads (tiny PNGs)."""
    root = tmp_path / "window"
    shutil.copy(SAMPLES / "window.toml", root.mkdir(parents=True) or root / "window.toml")
    lines = []
    for n, (aid, files) in enumerate(uploads.items()):
        lines.append(json.dumps({**FORMS[n], "applicant_id": aid}, ensure_ascii=False))
        for rel in files:
            path = root / "uploads" / aid / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(_png())
    (root / "applicants.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def _findings(out: Path) -> list[dict[str, object]]:
    text = (out / "findings.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def _budget_findings(out: Path) -> list[dict[str, object]]:
    return [f for f in _findings(out) if f["check"] == "file.budget"]


def _checked(out: Path, aid: str, name: str) -> bool:
    """The upload was processed: it has its orientation finding."""
    return any(
        f["applicant_id"] == aid and f["field"] == "orientation" and str(f["file"]).endswith(name)
        for f in _findings(out)
    )


A, B, C = "2026129999001", "2026129999002", budget_hooks.DIES_BEFORE_UPLOADS


@pytest.fixture()
def hostile(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run, "run_task", budget_hooks.run_hostile)


@pytest.mark.usefixtures("hostile")
def test_an_upload_over_the_time_budget_ends_its_worker_and_gets_a_finding(
    tmp_path: Path,
) -> None:
    window = _window(tmp_path, {A: ["id_front/card.png", "other/sleep.png"], B: ["id_front/b.png"]})
    out = tmp_path / "out"
    argv = ["-q", "run", str(window), "--out", str(out), "--workers", "1", "--no-progress"]
    assert main([*argv, "--upload-timeout", "2"]) == 0  # the window completes
    (over,) = _budget_findings(out)
    assert over["applicant_id"] == A and str(over["file"]).endswith("other/sleep.png")
    assert over["status"] == "unreadable" and "时间上限（2 秒）" in str(over["message"])
    assert _checked(out, A, "card.png") and _checked(out, B, "b.png")
    assert not (out / budget.INFLIGHT).exists() or not any((out / budget.INFLIGHT).iterdir())
    assert main([*argv, "--upload-timeout", "2"]) == 0
    assert json.loads((out / "audit" / "run.json").read_text("utf-8"))["reused"] == 2
    assert _budget_findings(out) == [over]


@pytest.mark.usefixtures("hostile")
def test_an_upload_over_the_memory_budget_is_marked_after_its_worker_died_twice(
    tmp_path: Path,
) -> None:
    window = _window(tmp_path, {A: ["id_front/card.png", "other/hog.png"], B: ["id_front/b.png"]})
    out = tmp_path / "out"
    limit = Budget(None, 700_000_000)
    run.run_window(window, out, workers=1, progress=False, limits=limit)
    (over,) = _budget_findings(out)
    assert over["applicant_id"] == A and str(over["file"]).endswith("other/hog.png")
    assert over["status"] == "unreadable" and "内存或时间" in str(over["message"])
    assert _checked(out, A, "card.png") and _checked(out, B, "b.png")
    assert run.run_window(window, out, workers=1, progress=False, limits=limit)["reused"] == 2


@pytest.mark.usefixtures("hostile")
def test_a_worker_death_no_upload_explains_is_our_failure_and_not_cached(tmp_path: Path) -> None:
    window = _window(
        tmp_path, {A: ["id_front/card.png"], B: ["id_front/b.png"], C: ["id_front/c.png"]}
    )
    out = tmp_path / "out"
    summary = run.run_window(window, out, workers=1, progress=False, limits=Budget(None, None))
    assert summary["applicants"] == 3
    lost = [f for f in _findings(out) if f["check"] == "processing.worker_lost"]
    assert [f["applicant_id"] for f in lost] == [C]
    assert "非考生原因" in str(lost[0]["message"])
    assert _budget_findings(out) == []
    assert {p.stem for p in (out / "parts").rglob("*.json")} == {A, B}


def test_sync_mode_times_an_upload_out_with_sigalrm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recipe, "read_upload", budget_hooks.misbehaving_read_upload)
    monkeypatch.setattr(run, "run_task", lambda task: run.run_budgeted(task, FakeEngine(["姓名"])))
    window = _window(tmp_path, {A: ["id_front/card.png", "other/sleep.png"]})
    out = tmp_path / "out"
    run.run_window(window, out, sync=True, progress=False, limits=Budget(1.0, None))
    (over,) = _budget_findings(out)
    assert str(over["file"]).endswith("other/sleep.png") and "1 秒" in str(over["message"])
    assert _checked(out, A, "card.png")


def test_the_budgets_are_options_of_run_and_in_the_part_key(tmp_path: Path) -> None:
    args = build_parser().parse_args(["run", "w", "--out", "o"])
    assert args.upload_timeout == limits.DEFAULT_UPLOAD_TIMEOUT
    assert args.worker_memory == 1_500_000_000
    args = build_parser().parse_args(
        ["run", "w", "--out", "o", "--upload-timeout", "30", "--worker-memory", "800MB"]
    )
    assert (args.upload_timeout, args.worker_memory) == (30.0, 800_000_000)
    window = _window(tmp_path, {A: ["id_front/card.png"]})
    from pipeline.rules import load_rules
    from pipeline.window import load_window

    loaded = load_window(window)
    rules = load_rules(loaded.info.region)
    (one,) = run.build_tasks(loaded, tmp_path / "out", rules, Budget(120.0, None))
    (two,) = run.build_tasks(loaded, tmp_path / "out", rules, Budget(30.0, None))
    assert run.task_key(one) != run.task_key(two)
