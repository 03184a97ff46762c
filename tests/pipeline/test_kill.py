"""Kill tests with real processes (issue 16): `certcheck run` on the sample window with two
local workers, killed at a moment (kill -9 of the main process, kill -9 of one worker, Ctrl-C
with a worker hung), then run again: applicants.csv and findings.jsonl byte for byte those of
the uninterrupted run (`sample_run`), and a kill never leaves half a contract file.

To stay short, most runs start from an OUT that already holds some applicants' parts (as an
interrupted run leaves it): only the others are computed."""

from __future__ import annotations

import contextlib
import os
import queue
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import psutil
import pytest

from pipeline import cli
from tests.conftest import ROOT, SAMPLE

CONTRACT = ("applicants.csv", "findings.jsonl")
#: a liveness bound, not a timing threshold: a run that does not end within it is hung
LIVENESS = 300


def _terminal_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Run:
    """`certcheck -v run SAMPLE --out OUT --workers 2` as a subprocess in its own session, its
    log lines gathered by a thread (so the pipe never fills)."""

    def __init__(self, out: Path) -> None:
        cmd = [sys.executable, "-m", "pipeline.cli", "-v", "run", str(SAMPLE), "--out", str(out)]
        self.proc = subprocess.Popen(
            [*cmd, "--workers", "2", "--no-progress"],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
            # Ctrl-C as at a terminal: a runner that started the tests in the background
            # (nohup …, `cmd &` without job control) passes SIGINT down ignored
            preexec_fn=_terminal_sigint,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.log: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.log.append(line)
            self.lines.put(line)

    def wait_for_line(self, text: str) -> bool:
        """True once a log line holds `text`; False when the run ended first."""
        while True:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                if self.proc.poll() is not None and self.lines.empty():
                    return False
                continue
            if text in line:
                return True

    def wait_until(self, cond: Callable[[], bool]) -> bool:
        """True once `cond()` holds; False when the run ended first."""
        deadline = time.monotonic() + LIVENESS
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            if cond():
                return True
            time.sleep(0.2)
        raise AssertionError("the run neither ended nor got there")

    def workers(self) -> list[psutil.Process]:
        """The Dask worker processes (multiprocessing children of the main process)."""
        try:
            children = psutil.Process(self.proc.pid).children()
        except psutil.NoSuchProcess:
            return []
        found = []
        for child in children:
            try:
                if "spawn_main" in " ".join(child.cmdline()):
                    found.append(child)
            except psutil.Error:
                continue
        return found

    def busy_worker(self, seconds: float = 3.0) -> psutil.Process | None:
        """A worker that has worked `seconds` of CPU time (its engine loaded, an applicant
        under way), or None."""
        for worker in self.workers():
            try:
                times = worker.cpu_times()
                if times.user + times.system >= seconds:
                    return worker
            except psutil.Error:
                continue
        return None

    def end(self) -> int:
        """Wait for the main process (liveness bound), then kill whatever of its session is
        left (workers orphaned by kill -9)."""
        try:
            return self.proc.wait(timeout=LIVENESS)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
            self.reader.join(timeout=LIVENESS)  # every line read


def seeded_out(sample_run: Path, out: Path, drop: Iterable[str] = ()) -> Path:
    """OUT as an interrupted run leaves it: the parts of every applicant but `drop`, and no
    outputs yet."""
    (out / "parts").mkdir(parents=True)
    for part in (sample_run / "parts").rglob("*.json"):
        if part.stem not in set(drop):
            copy = out / part.relative_to(sample_run)  # in its shard (issue 19)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(part, copy)
    return out


def applicant_ids() -> list[str]:
    return sorted(p.name for p in (SAMPLE / "uploads").iterdir())


def whole_or_absent(out: Path, sample_run: Path) -> None:
    """What a kill leaves of the contract files: each the whole new file, or none."""
    for name in CONTRACT:
        if (out / name).exists():
            assert (out / name).read_bytes() == (sample_run / name).read_bytes(), name


def finish_and_compare(out: Path, sample_run: Path) -> None:
    rc = Run(out).end()
    assert rc == 0
    for name in CONTRACT:
        assert (out / name).read_bytes() == (sample_run / name).read_bytes(), name
    assert not list(out.rglob("*.tmp")) and not (out / ".work").exists()


@pytest.mark.slow  # a run with OCR killed and finished: ~30 s (CI: make test-slow)
def test_kill_9_of_the_main_process_while_it_writes_the_outputs(
    sample_run: Path, tmp_path: Path
) -> None:
    out = seeded_out(sample_run, tmp_path / "out")  # every part kept: straight to writing
    run = Run(out)
    try:
        assert run.wait_for_line("writing outputs"), "".join(run.log)
        run.proc.send_signal(signal.SIGKILL)
    finally:
        assert run.end() == -signal.SIGKILL
    whole_or_absent(out, sample_run)
    finish_and_compare(out, sample_run)


@pytest.mark.slow  # four applicants read again after the kill: ~40-50 s (CI: make test-slow)
def test_kill_9_of_one_worker_and_the_run_still_completes(sample_run: Path, tmp_path: Path) -> None:
    out = seeded_out(sample_run, tmp_path / "out", drop=applicant_ids()[:4])
    run = Run(out)
    try:
        assert run.wait_until(lambda: run.busy_worker() is not None)
        busy = run.busy_worker()
        assert busy is not None
        busy.kill()
    finally:
        rc = run.end()
    assert rc == 0, "".join(run.log)
    for name in CONTRACT:
        assert (out / name).read_bytes() == (sample_run / name).read_bytes(), name


@pytest.mark.slow  # two runs with OCR: 25 s on a quiet 2-core machine, 2 min on a busy one
def test_ctrl_c_ends_the_run_promptly_even_with_a_hung_worker(
    sample_run: Path, tmp_path: Path
) -> None:
    out = seeded_out(sample_run, tmp_path / "out", drop=applicant_ids()[4:8])
    run = Run(out)
    try:
        assert run.wait_until(lambda: run.busy_worker() is not None)
        workers = run.workers()
        hung = workers[0]
        hung.suspend()  # SIGSTOP: a worker that answers nothing any more
        os.killpg(run.proc.pid, signal.SIGINT)  # Ctrl-C: the terminal signals the whole group
        rc = run.proc.wait(timeout=LIVENESS)
    finally:
        run.end()
    assert rc == 130, "".join(run.log)
    # the main process handles it; the workers (SIGINT ignored) print no tracebacks
    assert "KeyboardInterrupt" not in "".join(run.log)
    assert run.log[-1].strip() == cli.INTERRUPTED
    assert not [w for w in workers if w.is_running() and w.status() != psutil.STATUS_ZOMBIE]
    assert not list(out.rglob("*.tmp"))
    finish_and_compare(out, sample_run)


@pytest.mark.slow
def test_kill_9_of_the_main_process_at_ten_random_moments(sample_run: Path, tmp_path: Path) -> None:
    rng = random.Random(16)
    ids = applicant_ids()
    passed = 0
    for trial in range(10):
        delay = rng.uniform(1.0, 45.0)
        while True:  # a moment the run ended before is no kill: another, earlier, moment
            drop = rng.sample(ids, rng.randint(0, 4))
            out = seeded_out(sample_run, tmp_path / f"out{trial}-{delay:.1f}", drop=drop)
            run = Run(out)
            started = time.monotonic()
            try:
                run.wait_until(lambda: time.monotonic() > started + delay)  # noqa: B023
                if run.proc.poll() is None:
                    run.proc.send_signal(signal.SIGKILL)
            finally:
                rc = run.end()
            if rc == -signal.SIGKILL:
                break
            delay *= rng.uniform(0.3, 0.9)
        phase = "while" if any("writing outputs" in line for line in run.log) else "before"
        print(f"kill {trial}: {len(drop)} to compute, after {delay:.1f} s, {phase} writing")
        whole_or_absent(out, sample_run)
        finish_and_compare(out, sample_run)
        passed += 1
    print(f"{passed}/10 kills resumed to identical outputs")
    assert passed == 10
