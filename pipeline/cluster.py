"""The Dask cluster a run uses: a private local one, or an existing scheduler.

The local cluster is private to the run:
- TLS with credentials made for this run only (`Security.temporary()`, kept in memory): the
  scheduler and workers listen on 127.0.0.1 and accept only peers holding them, so no other
  local process can connect and run code in our workers (a plain `tcp://` client is refused);
- no dashboard: Dask's scheduler always starts an HTTP server (on :8787 unless told
  otherwise, even with `dashboard_address=None`, and registers it as its "dashboard"); here it
  starts on an ephemeral 127.0.0.1 port with no routes and is stopped at once; the workers'
  own HTTP servers (127.0.0.1, ephemeral ports) serve no routes. Only on request (`certcheck
  run --dashboard`, `dashboard()` here) does the scheduler serve Dask's dashboard (bokeh,
  the `dashboard` extra), on 127.0.0.1 only, plain HTTP, read-only views: anyone on this
  machine can read task names (applicant ids) and progress there while the run lasts;
- the workers' scratch space is OUT/.work/ (`local_directory`, and TMPDIR, which the worker
  processes inherit from `outdir.scratch`).

An existing scheduler (`--scheduler ADDRESS`) is the operator's: its security (TLS or not) is
its own configuration; we connect with plain Dask defaults.

Ctrl-C is the main process's to handle: the workers ignore SIGINT (`pipeline.worker_setup`,
a Dask preload), so a terminal's Ctrl-C, which reaches the whole process group, ends the run
with one line and exit 130 instead of a traceback from every worker. Closing never hangs on a
stuck worker: each step has a time limit, and worker processes still alive after it are
killed.
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from models.errors import UsageError
from stages import timing

log = logging.getLogger(__name__)

#: seconds to wait for the client and the cluster to close before their processes are killed
CLOSE_TIMEOUT = 10
#: where `dashboard()` serves Dask's dashboard: loopback only; Dask takes another port
#: (and says so) when 8787 is taken
DASHBOARD_ADDRESS = "127.0.0.1:8787"
#: the dashboard address the next local cluster serves on; None (the default): no dashboard
_dashboard: str | None = None


def dashboard_available() -> str | None:
    """None when Dask's dashboard can be served here, else why not (for the operator)."""
    try:
        import bokeh  # noqa: F401
        import distributed.dashboard.scheduler  # noqa: F401  # checks bokeh's version
    except ImportError as exc:
        return (
            f"--dashboard needs bokeh ({exc}): install the extra, "
            "e.g. pip install 'certcheck[dashboard]'"
        )
    return None


@contextmanager
def dashboard(address: str = DASHBOARD_ADDRESS) -> Iterator[None]:
    """Local clusters started inside this block serve Dask's dashboard on `address` (a
    127.0.0.1 one) and print its link to stderr. Without bokeh (the `dashboard` extra): a
    UsageError, exit 2, before anything starts."""
    global _dashboard
    missing = dashboard_available()
    if missing:
        raise UsageError(missing)
    before, _dashboard = _dashboard, address
    try:
        yield
    finally:
        _dashboard = before


def _private_config() -> dict[str, Any]:
    return {
        # with the dashboard on request, the scheduler keeps Dask's default routes (its
        # /info pages, which the dashboard links to); without it, none
        **({} if _dashboard else {"distributed.scheduler.http.routes": []}),
        "distributed.worker.http.routes": [],
        # Ctrl-C is the main process's to handle: the workers ignore SIGINT
        "distributed.worker.preload": ["pipeline.worker_setup"],
        # Issue 19: every server's event-loop health tick (20 ms) and the workers' system
        # monitor (500 ms, metrics for a dashboard we do not serve) kept an idle cluster of
        # two workers at 0.077 cores; at 1 s and 5 s, 0.023 (measured with psutil over 20 s
        # on this 2-core machine). The memory monitor, which the worker budget needs, stays.
        "distributed.admin.tick.interval": "1s",
        "distributed.admin.system-monitor.interval": "5s",
    }


@contextmanager
def local_client(workers: int, work_dir: Path, **worker_kwargs: Any) -> Iterator[Any]:
    """A Client on a private LocalCluster of single-threaded worker processes."""
    import dask
    from dask.distributed import Client
    from distributed.security import Security

    security = Security.temporary()
    local = work_dir / "dask"
    local.mkdir(parents=True, exist_ok=True)
    with dask.config.set({**_private_config(), "temporary-directory": str(local)}):
        cluster = _cluster(workers, security, local, worker_kwargs)
        # the scheduler (in this process) enables Dask's GC diagnosis as the workers do; it
        # is off for the same reason (pipeline.worker_setup)
        from distributed.gc import disable_gc_diagnosis

        disable_gc_diagnosis(force=True)
        try:
            if _dashboard is None:
                cluster.sync(_no_http, cluster.scheduler)
                cluster.scheduler_info.get("services", {}).pop("dashboard", None)
            cluster.sync(_bounded, cluster.scheduler)
            client = Client(cluster, security=security)
            register_stage_times(client)
            client.register_plugin(BoundedCaches(), name=BoundedCaches.name)
            if _dashboard is not None:
                print(f"Dask dashboard: {client.dashboard_link}", file=sys.stderr, flush=True)
        except BaseException:
            close(None, cluster)
            raise
        try:
            yield client
        finally:
            close(client, cluster)


def _cluster(workers: int, security: Any, local: Path, worker_kwargs: dict[str, Any]) -> Any:
    from dask.distributed import LocalCluster

    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        protocol="tls://",
        security=security,
        dashboard_address=_dashboard,
        scheduler_kwargs={
            "dashboard": _dashboard is not None,
            "dashboard_address": _dashboard or "127.0.0.1:0",
        },
        local_directory=str(local),
        silence_logs=logging.ERROR,
        **worker_kwargs,
    )


async def _no_http(scheduler: Any) -> None:
    """Stop the HTTP server Dask's scheduler always starts (it registers it as its
    "dashboard"): a private run needs none."""
    scheduler.http_server.stop()
    scheduler.services.pop("dashboard", None)


def close(client: Any | None, cluster: Any | None) -> None:
    """Close the client and cluster within CLOSE_TIMEOUT each, then kill any worker process
    still alive (a hung worker never keeps the run alive, Ctrl-C included)."""
    if client is not None:
        with suppress(Exception):
            client.close(timeout=CLOSE_TIMEOUT)
    if cluster is not None:
        with suppress(Exception):
            cluster.close(timeout=CLOSE_TIMEOUT)
    for child in multiprocessing.active_children():
        log.warning("killing worker process %s that did not stop", child.pid)
        with suppress(Exception):
            child.kill()
            child.join(CLOSE_TIMEOUT)


# -- state that grows with the tasks a run submits (issue 19) -------------------------------

#: tasks (graphs) between two trims of Dask's per-task leftovers
TRIM_EVERY = 1000

try:  # base classes only where distributed is installed (always, with the product's deps)
    from distributed.diagnostics.plugin import SchedulerPlugin as _SchedulerBase
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerBase
except ImportError:  # pragma: no cover
    _SchedulerBase = _WorkerBase = object  # type: ignore[assignment,misc]


def trim_dask_state(scheduler: Any | None = None) -> None:
    """Drop what Dask keeps of every task long after it is forgotten, and collect the
    garbage cycles (measured on a 12,000-applicant run and on 30,000 trivial tasks: ~0.5-0.7
    KB per task in this process, growing to the end): `dask.utils.key_split`'s cache
    (100,000 keys, each task's unique key held; a pure function's cache, so clearing it
    changes nothing but time) and, on `scheduler`, each span's list of the collections
    submitted to it (one `{"type": "Future"}` per `client.submit`, never bounded: kept once
    each, which is all the dashboard shows)."""
    import gc

    import dask.utils

    dask.utils.key_split.cache_clear()
    # reference cycles (a comm's timed-out waits, their frames and tracebacks) otherwise wait
    # for a full collection, which a process of many long-lived objects seldom runs
    gc.collect()
    spans = getattr(scheduler, "extensions", {}).get("spans") if scheduler is not None else None
    for span in getattr(spans, "spans", {}).values():
        with suppress(AttributeError, KeyError, TypeError):
            kinds = span._metadata["collections"]
            if len(kinds) > 1:
                unique: list[Any] = []
                for kind in kinds:
                    if kind not in unique:
                        unique.append(kind)
                kinds[:] = unique


class BoundedState(_SchedulerBase):  # type: ignore[misc,valid-type]
    """On the run's private scheduler (in this process): `trim_dask_state` every
    `TRIM_EVERY` graphs (one per applicant), so the main process's memory does not grow
    with the window (issue 19)."""

    name = "certcheck-bounded-state"

    def __init__(self) -> None:
        self.graphs = 0

    def update_graph(self, scheduler: Any, **kwargs: Any) -> None:
        self.graphs += 1
        if self.graphs % TRIM_EVERY == 0:
            trim_dask_state(scheduler)


class BoundedCaches(_WorkerBase):  # type: ignore[misc,valid-type]
    """In each worker: `dask.utils.key_split`'s cache cleared every `TRIM_EVERY` tasks (it
    holds every task's key: the worker's memory grew with the window)."""

    name = "certcheck-bounded-caches"

    def __init__(self) -> None:
        self.tasks = 0

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        if finish == "memory":
            self.tasks += 1
            if self.tasks % TRIM_EVERY == 0:
                trim_dask_state()


async def _bounded(scheduler: Any) -> None:
    scheduler.add_plugin(BoundedState(), name=BoundedState.name)


# -- per-stage CPU time (issue 19) -----------------------------------------------------------

try:  # a base class only where distributed is installed (always, with the product's deps)
    from distributed.diagnostics.plugin import WorkerPlugin as _Base
except ImportError:  # pragma: no cover
    _Base = object  # type: ignore[assignment,misc]


class StageTimes(_Base):  # type: ignore[misc,valid-type]
    """A worker plugin: each worker counts its tasks' CPU time by stage (stages.timing) from
    when it joins, and answers `stage_times`; nothing of it travels in a task's result."""

    name = "certcheck-stage-times"

    def __init__(self) -> None:
        self.tasks = 0

    def setup(self, worker: Any) -> None:
        timing.reset()
        self.tasks = 0

    def transition(self, key: Any, start: str, finish: str, **kwargs: Any) -> None:
        if start == "executing" and finish == "memory":
            self.tasks += 1

    def snapshot(self) -> dict[str, tuple[float, int]]:
        return {**timing.snapshot(), "tasks": (0.0, self.tasks)}


def register_stage_times(client: Any) -> None:
    """Install the stage-time plugin on every worker of `client`'s cluster (and on any that
    joins later)."""
    client.register_plugin(StageTimes(), name=StageTimes.name)


def _worker_stage_times(dask_worker: Any) -> dict[str, tuple[float, int]]:
    plugin = dask_worker.plugins.get(StageTimes.name)
    if isinstance(plugin, StageTimes):
        return plugin.snapshot()
    return timing.snapshot()


def stage_times(client: Any) -> dict[str, dict[str, tuple[float, int]]]:
    """Each worker's CPU seconds and calls by stage (worker address -> stage -> totals)."""
    answers: dict[str, dict[str, tuple[float, int]]] = client.run(_worker_stage_times)
    return answers
