"""CPU time by stage, kept per process (issue 19): where an upload's core-seconds go.

A stage is timed with `with stage("detect"):`; time is charged to the innermost open stage
only (normalisation's own work excludes the detector and classifier runs it makes), so the
stages add up to the task's time. The clock is the thread's CPU time (a Dask worker's other
threads, its heartbeats and comms, are not charged to the task) plus, for a stage that runs
a child process (Tesseract), the CPU its children used while it was open.

Nothing here knows of Dask or of the records a task returns: the totals live in the process
and are read out by whoever hosts the work (pipeline.cluster's worker plugin, the bench's
process pool), never carried inside an applicant's result.
"""

from __future__ import annotations

import resource
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

#: The stages the bench prints, in order; "checks" is what a task spent outside all others
#: (reading rules, cross-checks, quality, seals, the photo, the fingerprint).
STAGES = (
    "decode",
    "pdf",
    "normalise",
    "detect",
    "classify180",
    "recognise",
    "tesseract",
    "checks",
)

_lock = threading.Lock()
_cpu: dict[str, float] = {}
_calls: dict[str, int] = {}
_local = threading.local()


def _children() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _stack() -> list[list[float]]:
    stack: list[list[float]] | None = getattr(_local, "stack", None)
    if stack is None:
        stack = []
        _local.stack = stack
    return stack


def _add(name: str, cpu: float, calls: int) -> None:
    with _lock:
        _cpu[name] = _cpu.get(name, 0.0) + cpu
        _calls[name] = _calls.get(name, 0) + calls


@contextmanager
def stage(name: str, children: bool = False) -> Iterator[None]:
    """Charge the CPU time spent inside to `name`, less that of stages opened within;
    `children`: add the CPU of child processes that ended meanwhile (a subprocess engine)."""
    stack = _stack()
    frame = [0.0]  # CPU time of nested stages
    stack.append(frame)
    t0 = time.thread_time()
    c0 = _children() if children else 0.0
    try:
        yield
    finally:
        spent = time.thread_time() - t0
        stack.pop()
        if stack:
            stack[-1][0] += spent
        extra = _children() - c0 if children else 0.0
        _add(name, spent - frame[0] + extra, 1)


def timed(name: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A function whose every call is the stage `name`."""

    def wrap(fn: Callable[P, R]) -> Callable[P, R]:
        @wraps(fn)
        def inner(*args: P.args, **kwargs: P.kwargs) -> R:
            with stage(name):
                return fn(*args, **kwargs)

        return inner

    return wrap


@contextmanager
def task(uploads: int) -> Iterator[None]:
    """One unit of work (an applicant): its whole CPU time is "total"; whatever no stage
    claimed becomes "checks"."""
    t0 = time.thread_time()
    c0 = _children()
    try:
        yield
    finally:
        _add("total", time.thread_time() - t0 + _children() - c0, 1)
        _add("uploads", 0.0, uploads)


def snapshot() -> dict[str, tuple[float, int]]:
    """This process's totals so far: stage -> (CPU seconds, calls); "checks" derived."""
    with _lock:
        out = {k: (_cpu[k], _calls[k]) for k in _cpu}
    if "total" in out:
        staged = sum(v[0] for k, v in out.items() if k not in ("total", "uploads"))
        out["checks"] = (max(0.0, out["total"][0] - staged), out["total"][1])
    return out


def reset() -> None:
    """Start counting afresh (a worker joining, a bench run starting)."""
    with _lock:
        _cpu.clear()
        _calls.clear()


def merge(snapshots: list[dict[str, tuple[float, int]]]) -> dict[str, tuple[float, int]]:
    """The sum over processes (workers) of their snapshots."""
    out: dict[str, tuple[float, int]] = {}
    for snap in snapshots:
        for k, (cpu, calls) in snap.items():
            c, n = out.get(k, (0.0, 0))
            out[k] = (c + float(cpu), n + int(calls))
    return out
