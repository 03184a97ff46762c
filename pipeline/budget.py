"""The time and memory budget of an upload while a worker processes it, and what the run
does when an upload kills its worker.

* Time: in a Dask worker the task runs in a non-main thread, where no signal can interrupt
  it, so a watchdog thread of the worker process ends the process when one upload runs past
  `Budget.upload_timeout` (Tesseract's own timeout does not cover the recogniser or a PDF
  parser). In `--sync` mode (main thread) SIGALRM raises `limits.OverTime` instead, which
  becomes the upload's finding at once.
* Memory: the nanny of each local worker ends it over `Budget.worker_memory` (run_dask).
* Attribution: before each upload the worker writes a breadcrumb, `OUT/.inflight/<safe id>`,
  naming the upload (and, when the watchdog ends the process, why). When
  a task dies, the retry of the applicant reads it and skips an upload the watchdog timed out;
  when the task dies again (Dask's `allowed-failures`, then `KilledWorker`), the main process
  resubmits the applicant with the upload the breadcrumb names marked over budget. That
  upload gets a `file.budget` finding, the rest of the applicant is checked, and the part is
  kept under the applicant's ordinary key, so a re-run reuses it and does not die again.
  With no breadcrumb to blame an upload, the applicant gets one `processing.worker_lost`
  finding (our failure, never the applicant's), and that result is never cached.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import FrameType
from typing import Any

from models import ApplicantResult, Upload, checks
from models.paths import safe_name
from stages import limits

from .process import ApplicantTask

log = logging.getLogger(__name__)

INFLIGHT = ".inflight"
#: why an upload was marked over budget: the watchdog timed it out, or its worker died
TIME, LOST = limits.TIMED_OUT, "lost"


# -- breadcrumbs -------------------------------------------------------------------------------


def crumb_file(out: Path, applicant_id: str) -> Path:
    """The applicant's breadcrumb, named as its part is (`models.paths.safe_name`): no id is
    ever a path."""
    return out / INFLIGHT / safe_name(applicant_id)


def read_crumb(out: Path, applicant_id: str) -> tuple[str, str] | None:
    """(upload path, reason) of the upload the applicant's last worker was on, if any."""
    try:
        data = json.loads(crumb_file(out, applicant_id).read_text(encoding="utf-8"))
        return str(data["path"]), str(data.get("reason", ""))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def clear_crumbs(out: Path) -> None:
    """Forget the breadcrumbs of an earlier run (one killed as a whole leaves some behind:
    they say nothing about this run's workers)."""
    shutil.rmtree(out / INFLIGHT, ignore_errors=True)


def _write_crumb(path: Path, upload: str, reason: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"path": upload, "reason": reason}), encoding="utf-8")


# -- the watchdog of a worker process ----------------------------------------------------------


class _Watchdog:
    """One thread per worker process: ends the process when the upload in flight is past
    its deadline (after writing why into its breadcrumb)."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._armed: tuple[float, Path, str] | None = None
        threading.Thread(target=self._watch, name="certcheck-watchdog", daemon=True).start()

    def arm(self, seconds: float, crumb: Path, upload: str) -> None:
        with self._lock:
            self._armed = (time.monotonic() + seconds, crumb, upload)
            self._lock.notify()

    def disarm(self) -> None:
        with self._lock:
            self._armed = None
            self._lock.notify()

    def _watch(self) -> None:
        with self._lock:
            while True:
                if self._armed is None:
                    self._lock.wait()
                    continue
                deadline, crumb, upload = self._armed
                left = deadline - time.monotonic()
                if left > 0:
                    self._lock.wait(left)
                    continue
                try:
                    _write_crumb(crumb, upload, TIME)
                finally:
                    os.kill(os.getpid(), signal.SIGKILL)


_WATCHDOG: list[_Watchdog] = []


def _watchdog() -> _Watchdog:
    if not _WATCHDOG:
        _WATCHDOG.append(_Watchdog())
    return _WATCHDOG[0]


def in_dask_worker() -> bool:
    """Is this code running as a task of a Dask worker (whose process we may end)?"""
    if "distributed" not in sys.modules:
        return False
    from distributed import get_worker

    try:
        get_worker()
    except ValueError:
        return False
    return True


class UploadGuard:
    """`guard(upload)` around one upload's processing: the breadcrumb and the time budget."""

    def __init__(self, task: ApplicantTask) -> None:
        self.timeout = task.budget.upload_timeout
        self.crumb = crumb_file(Path(task.out_root), task.applicant_id)
        self.worker = in_dask_worker()
        self.main = threading.current_thread() is threading.main_thread()

    @contextmanager
    def __call__(self, upload: Upload) -> Iterator[None]:
        if self.worker:
            with self._watched(upload):
                yield
        elif self.main and self.timeout:
            with _alarm(self.timeout):
                yield
        else:
            yield

    @contextmanager
    def _watched(self, upload: Upload) -> Iterator[None]:
        _write_crumb(self.crumb, upload.path)
        if self.timeout:
            _watchdog().arm(self.timeout, self.crumb, upload.path)
        try:
            yield
        finally:
            if self.timeout:
                _watchdog().disarm()
            self.crumb.unlink(missing_ok=True)


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """SIGALRM after `seconds` raises `limits.OverTime` in the main thread (sync mode)."""

    def expired(signum: int, frame: FrameType | None) -> None:
        raise limits.over_time(seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# -- the local cluster and the results ---------------------------------------------------------

#: Dask settings for our workers: a task whose worker died ALLOWED_FAILURES + 1 times is
#: given up (KilledWorker) and its applicant tried again without the upload to blame; the
#: nanny ends a worker at 95% of its memory limit, and nothing else (no pausing a worker
#: whose OCR models fill its budget, no spilling: results are small).
ALLOWED_FAILURES = 1
DASK_CONFIG: dict[str, object] = {
    "distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
    # one task per worker thread (not 1.1): a task queued on a worker dies with it and is
    # counted as a failure of its own
    "distributed.scheduler.worker-saturation": 1.0,
    "distributed.worker.memory.target": False,
    "distributed.worker.memory.spill": False,
    "distributed.worker.memory.pause": False,
    "distributed.worker.memory.terminate": 0.95,
}


def results(
    client: Any,
    fn: Callable[[ApplicantTask], ApplicantResult],
    futures: list[Any],
    tasks: list[ApplicantTask],
    more: Iterator[ApplicantTask] | None = None,
    key_of: Callable[[ApplicantTask], str] | None = None,
) -> Iterator[ApplicantResult]:
    """Each applicant's result as it completes. A task that failed with `KilledWorker` is
    submitted again with the upload its breadcrumb names marked over budget (as often as
    there are uploads to blame); with none, the applicant's result is `worker_lost`.

    `more` (streaming, issue 19): tasks not yet submitted; one is submitted (keyed by
    `key_of`) each time an applicant is finished, so the tasks in flight stay as many as
    `futures` held at the start, never the whole window."""
    from dask.distributed import as_completed
    from distributed.scheduler import KilledWorker

    by_key = {f.key: t for f, t in zip(futures, tasks, strict=True)}
    retried: set[str] = set()
    done = as_completed(futures)

    def feed() -> None:
        task = next(more, None) if more is not None else None
        if task is None:
            return
        key = key_of(task) if key_of is not None else None
        future = client.submit(fn, task, key=key, pure=False)
        by_key[future.key] = task
        done.add(future)

    for future in done:
        task = by_key.pop(future.key)
        try:
            result = future.result()
        except KilledWorker:
            again = after_worker_death(task)
            if again is None and task.applicant_id not in retried:
                # no upload of its own to blame: it may only have been queued on a worker
                # another applicant's upload killed; once more before we give up
                retried.add(task.applicant_id)
                again = task
            if again is None:
                log.warning("workers died processing applicant %s: not checked", task.applicant_id)
                result = worker_lost(task)
            else:
                key = f"{future.key}-retry{len(again.over_budget)}"
                retry = client.submit(fn, again, key=key, pure=False)
                by_key[retry.key] = again
                done.add(retry)
                future.release()
                continue
        future.release()
        feed()  # the next task before this result is written: the workers never wait on us
        yield result


# -- after a worker death ----------------------------------------------------------------------


def timed_out_before(task: ApplicantTask) -> ApplicantTask:
    """The task, with the upload marked that the watchdog timed out in an earlier attempt
    of this run (so the retry does not spend the same time again)."""
    crumb = read_crumb(Path(task.out_root), task.applicant_id)
    if crumb is None or crumb[1] != TIME:
        return task
    return mark(task, crumb[0], TIME) or task


def mark(task: ApplicantTask, path: str, reason: str) -> ApplicantTask | None:
    """The task with `path` marked over budget; None when it is no upload of the applicant's
    or is marked already (nothing more to try)."""
    known = {u.path for u in task.uploads}
    if path not in known or path in dict(task.over_budget):
        return None
    return replace(task, over_budget=(*task.over_budget, (path, reason)))


def after_worker_death(task: ApplicantTask) -> ApplicantTask | None:
    """After `KilledWorker`: the task again with the upload the breadcrumb names marked over
    budget, or None when no upload can be blamed (the applicant is then `worker_lost`)."""
    crumb = read_crumb(Path(task.out_root), task.applicant_id)
    if crumb is None:
        return None
    path, reason = crumb
    log.warning(
        "upload %s ended its worker (%s): marked over budget",
        path,
        "time budget" if reason == TIME else "memory or time",
    )
    return mark(task, path, TIME if reason == TIME else LOST)


def worker_lost(task: ApplicantTask) -> ApplicantResult:
    """The applicant's result when its worker died and no upload can be blamed: our failure,
    one finding, never cached (`process.retry_later`)."""
    lost = checks.finding(
        checks.WORKER_LOST,
        applicant_id=task.applicant_id,
        slot="form",
        file=None,
        field="file",
        status="unreadable",
        expected=None,
        observed="工作进程异常退出",
        confidence=None,
        message="系统处理该考生材料时工作进程异常退出（非考生原因），未能自动核对，请人工审核全部材料。",
    )
    return ApplicantResult(
        applicant_id=task.applicant_id, findings=(*task.prior_findings, lost), pages=()
    )
