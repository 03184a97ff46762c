"""Issue 19's bench numbers: CPU by stage, and Dask against a plain process pool.

The same tasks (`pipeline.run.build_tasks` on the bench window, the product's `run_task`)
run on a private Dask cluster (`pipeline.cluster.local_client`, configured as a run
configures it) and on a `ProcessPoolExecutor` of as many processes, at each worker count, in
one bench run. Throughput is uploads per wall-clock second from the first submit to the last
result (start-up of the cluster or pool excluded, the engines' loading on the first task
included in both). The stage table comes from the workers' own counters (stages.timing),
read through the Dask worker plugin (`pipeline.cluster.stage_times`) or, for the pool, from
each process's last answer.
"""

from __future__ import annotations

import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import replace
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from stages import timing

Snapshot = dict[str, tuple[float, int]]


def _pool_setup() -> None:
    """A pool process set up as a Dask worker is (one core: pipeline.run.run_task)."""
    for var in ("OMP_THREAD_LIMIT", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"
    timing.reset()


def _started(_: int) -> int:
    time.sleep(0.2)  # long enough for every process of the pool to take one
    return os.getpid()


def _pool_task(task: Any) -> tuple[int, Snapshot]:
    """One applicant in a pool process: the result is dropped (as a run keeps only parts);
    the process's counters so far come back, keyed by its pid."""
    from pipeline.run import run_task

    run_task(task)
    return os.getpid(), timing.snapshot()


def _tasks(window: Path, out: Path) -> list[Any]:
    from pipeline.rules import load_rules
    from pipeline.run import build_tasks
    from pipeline.window import load_window

    loaded = load_window(window, None)
    info = loaded.info
    rules = load_rules(info.region, exam_year=info.exam_year, opens=info.opens)
    return build_tasks(loaded, out, rules)


def _fresh(out: Path) -> Path:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    return out


def run_pool(tasks: list[Any], workers: int) -> tuple[float, Snapshot]:
    """Wall seconds for all tasks on a plain process pool, and the stage totals."""
    last: dict[int, Snapshot] = {}
    with ProcessPoolExecutor(
        workers, mp_context=get_context("spawn"), initializer=_pool_setup
    ) as ex:
        # start every process before the clock (a Dask cluster is started before it too)
        list(ex.map(_started, range(workers)))
        t0 = time.perf_counter()
        for fut in as_completed([ex.submit(_pool_task, t) for t in tasks]):
            pid, snap = fut.result()
            if snap.get("total", (0.0, 0))[1] >= last.get(pid, {}).get("total", (0.0, 0))[1]:
                last[pid] = snap
        wall = time.perf_counter() - t0
    return wall, timing.merge(list(last.values()))


def run_dask(tasks: list[Any], workers: int, work: Path) -> tuple[float, Snapshot]:
    """Wall seconds for all tasks on a private local Dask cluster configured as a run's is,
    and the stage totals its workers' plugin counted."""
    import dask
    from dask.distributed import as_completed as dask_completed

    from pipeline import budget
    from pipeline.cluster import local_client, stage_times
    from pipeline.run import run_task
    from stages.limits import DEFAULT_BUDGET

    dask.config.set(
        {
            "distributed.worker.profile.enabled": False,
            "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
            **budget.DASK_CONFIG,
        }
    )
    for var in ("OMP_THREAD_LIMIT", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"
    with local_client(workers, work, memory_limit=DEFAULT_BUDGET.worker_memory or 0) as client:
        client.wait_for_workers(workers)
        t0 = time.perf_counter()
        futures = [client.submit(run_task, t, pure=False) for t in tasks]
        for fut in dask_completed(futures):
            fut.result()
            fut.release()
        wall = time.perf_counter() - t0
        times = stage_times(client)
    return wall, timing.merge(list(times.values()))


def compare(window: Path, work: Path, worker_counts: tuple[int, ...] = (1, 2)) -> dict[str, Any]:
    """Dask and the pool at each worker count, on the same tasks, one after the other."""
    uploads = sum(1 for p in (window / "uploads").rglob("*") if p.is_file())
    rows: dict[str, Any] = {"uploads": uploads, "runs": {}}
    for n in worker_counts:
        for kind in ("pool", "dask"):
            out = _fresh(work / f"exec-{kind}-{n}")
            tasks = [replace(t, out_root=str(out.resolve())) for t in _tasks(window, out)]
            if kind == "pool":
                wall, snap = run_pool(tasks, n)
            else:
                wall, snap = run_dask(tasks, n, _fresh(work / f"exec-scratch-{n}"))
            rows["runs"][f"{kind}-{n}"] = {
                "workers": n,
                "wall_s": round(wall, 2),
                "uploads_per_s": round(uploads / wall, 3),
                "stages": {k: [round(c, 3), calls] for k, (c, calls) in snap.items()},
            }
        pool, dask_ = rows["runs"][f"pool-{n}"], rows["runs"][f"dask-{n}"]
        rows[f"dask_vs_pool_{n}"] = round(dask_["uploads_per_s"] / pool["uploads_per_s"], 3)
    return rows


def stage_table(stages: dict[str, list[float]], uploads: int) -> list[str]:
    """The stage table's lines: CPU seconds, share, ms per upload, calls."""
    total = stages.get("total", [0.0, 0])[0] or 1e-9
    lines = [f"{'stage':12s} {'cpu_s':>8s} {'share':>6s} {'ms/upload':>10s} {'calls':>7s}"]
    for name in timing.STAGES:
        cpu, calls = stages.get(name, [0.0, 0])
        lines.append(
            f"{name:12s} {cpu:8.1f} {cpu / total:6.1%} {1000 * cpu / max(1, uploads):10.1f} "
            f"{int(calls):7d}"
        )
    lines.append(
        f"{'total':12s} {total:8.1f} {1:6.1%} {1000 * total / max(1, uploads):10.1f} "
        f"{int(stages.get('total', [0, 0])[1]):7d}"
    )
    return lines


def print_compare(rows: dict[str, Any]) -> None:
    uploads = rows["uploads"]
    print("\n== executors: same tasks, same run ==")
    for name, run in rows["runs"].items():
        total = run["stages"].get("total", [0.0, 0])[0]
        print(
            f"{name:8s} wall {run['wall_s']:7.1f} s  {run['uploads_per_s']:6.2f} uploads/s  "
            f"task CPU {total / max(1, uploads):.3f} core-s/upload"
        )
    for key, value in rows.items():
        if key.startswith("dask_vs_pool_"):
            print(f"{key:32s} {value}")
    last = max(rows["runs"].values(), key=lambda r: (r["workers"], "dask" in str(r)))
    dask_runs = [r for k, r in rows["runs"].items() if k.startswith("dask-")]
    shown = dask_runs[-1] if dask_runs else last
    print(f"\n== CPU by stage (Dask, {shown['workers']} workers, worker plugin) ==")
    for line in stage_table(shown["stages"], uploads):
        print(line)
