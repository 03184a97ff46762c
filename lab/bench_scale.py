"""`make bench-scale` (issue 19): what a run costs besides the OCR, as the window grows.

Cheap synthetic windows: the sample window's forms under new ids (each with its own ID and
diploma number, so the duplicate check finds nothing) and no uploads, so no OCR runs: every
second and byte measured is the pipeline's own (window loading, Dask, parts, the
cross-applicant checks, the report, the contract files, the audit log). No hook in the
product: the windows are ordinary windows, run by `certcheck run` in a child process.

For each size it prints: the window's load time (`load_window`, here), the run's wall time,
the time to the first result (the first part under OUT/parts), the main process's peak RSS
(VmHWM), the largest worker's peak RSS, and CPU milliseconds per applicant (the main
process, and all processes together); then the same window is run again into the same OUT
(every applicant unchanged: issue 19's incremental re-run) and its wall time, time per
applicant and main RSS are printed beside (`--no-rerun` skips it).
`python -m lab.bench_scale --sizes 1000 10000`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "window"
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def birth_date(i: int) -> date:
    return date(1975, 1, 1) + timedelta(days=i // 1000)


def id_number(i: int) -> str:
    """A resident ID number, unique per `i` (birth date and sequence number), with a valid
    check digit (GB 11643)."""
    body = f"120101{birth_date(i):%Y%m%d}{i % 1000:03d}"
    return body + _ID_CHECK[sum(int(c) * w for c, w in zip(body, _ID_WEIGHTS, strict=True)) % 11]


def make_window(root: Path, n: int) -> None:
    """`n` applicants, the sample's forms cycled under new ids, and no uploads."""
    root.mkdir(parents=True)
    shutil.copy(SAMPLE / "window.toml", root / "window.toml")
    forms = [json.loads(x) for x in (SAMPLE / "applicants.jsonl").read_text("utf-8").splitlines()]
    with (root / "applicants.jsonl").open("w", encoding="utf-8") as f:
        for i in range(n):
            form = dict(forms[i % len(forms)])
            form["applicant_id"] = f"2027{i:09d}"
            form["id_number"] = id_number(i)
            form["birth_date"] = birth_date(i).isoformat()
            form["education"] = {**form["education"], "diploma_number": f"9{i:017d}"}
            f.write(json.dumps(form, ensure_ascii=False) + "\n")
    (root / "uploads").mkdir()


def _vm(pid: int, key: str) -> int:
    """A /proc/<pid>/status field in bytes (VmHWM: peak RSS), 0 once the process is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as f:
                found += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return found


def _descendants(pid: int) -> list[int]:
    out, todo = [], _children(pid)
    while todo:
        child = todo.pop()
        out.append(child)
        todo += _children(child)
    return out


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


@dataclass
class Watch:
    """Polls the run's processes: peak RSS of the main one and of the largest worker, and
    when the first part appears."""

    pid: int
    parts: Path
    started: float
    main_peak: int = 0
    worker_peak: int = 0
    first_result: float | None = None
    stop: bool = False

    def _any_part(self) -> bool:
        with contextlib.suppress(OSError):
            return any(True for d in self.parts.iterdir() for _ in d.glob("*.json"))
        return False

    def run(self) -> None:
        while not self.stop:
            self.main_peak = max(self.main_peak, _vm(self.pid, "VmHWM"))
            for child in _descendants(self.pid):
                if "spawn_main" in _cmdline(child):  # a Dask worker (not a resource tracker)
                    self.worker_peak = max(self.worker_peak, _vm(child, "VmHWM"))
            if self.first_result is None and self._any_part():
                self.first_result = time.perf_counter() - self.started
            time.sleep(0.2)


def measure(n: int, work: Path, workers: int, rerun: bool = True) -> dict[str, float]:
    from pipeline.window import load_window

    root, out = work / f"window-{n}", work / f"out-{n}"
    shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    make_window(root, n)
    t0 = time.perf_counter()
    load_window(root)
    load = time.perf_counter() - t0
    env = {**os.environ, "CERTCHECK_AUDIT_KEY": str(work / "audit-key.pem")}
    first = _run(root, out, workers, env, n)
    # the same window again into the same OUT: every applicant unchanged (issue 19)
    again = _run(root, out, workers, env, n) if rerun else {}
    shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    row = {"applicants": n, "load_s": load, **first}
    if again:
        row["rerun_s"] = again["wall_s"]
        row["rerun_ms"] = again["wall_s"] / n * 1000
        row["rerun_main_peak_mb"] = again["main_peak_mb"]
    return row


def _run(root: Path, out: Path, workers: int, env: dict[str, str], n: int) -> dict[str, float]:
    """`certcheck run` in a child, watched: wall time, first part, peak RSS, CPU."""
    code = "import sys; from pipeline.cli import main; sys.exit(main(sys.argv[1:]))"
    cmd = [sys.executable, "-c", code, "run", str(root), "--out", str(out)]
    cmd += ["--workers", str(workers), "--no-progress", "-q"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env)
    watch = Watch(proc.pid, out / "parts", started)
    thread = threading.Thread(target=watch.run, daemon=True)
    thread.start()
    main_cpu = 0.0
    while proc.poll() is None:
        try:
            with open(f"/proc/{proc.pid}/stat", encoding="ascii") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            main_cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError):
            pass
        time.sleep(0.2)
    wall = time.perf_counter() - started
    watch.stop = True
    thread.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"certcheck run failed at {n} applicants (exit {proc.returncode})")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "wall_s": wall,
        "first_result_s": watch.first_result if watch.first_result is not None else float("nan"),
        "main_peak_mb": watch.main_peak / 2**20,
        "worker_peak_mb": watch.worker_peak / 2**20,
        "main_cpu_ms": main_cpu / n * 1000,
        "cpu_ms": cpu / n * 1000,
    }


COLUMNS = (
    ("applicants", "applicants", "{:.0f}"),
    ("load_s", "load s", "{:.2f}"),
    ("wall_s", "run s", "{:.1f}"),
    ("first_result_s", "first result s", "{:.1f}"),
    ("main_peak_mb", "main RSS MB", "{:.0f}"),
    ("worker_peak_mb", "worker RSS MB", "{:.0f}"),
    ("main_cpu_ms", "main CPU ms/applicant", "{:.2f}"),
    ("cpu_ms", "all CPU ms/applicant", "{:.2f}"),
    ("rerun_s", "re-run s", "{:.1f}"),
    ("rerun_ms", "re-run ms/applicant", "{:.2f}"),
    ("rerun_main_peak_mb", "re-run main RSS MB", "{:.0f}"),
)


def table(rows: list[dict[str, float]]) -> str:
    head = [c[1] for c in COLUMNS]
    body = [[fmt.format(r[key]) if key in r else "-" for key, _, fmt in COLUMNS] for r in rows]
    widths = [max(len(x) for x in col) for col in zip(head, *body, strict=True)]
    lines = ["| " + " | ".join(h.rjust(w) for h, w in zip(head, widths, strict=True)) + " |"]
    lines.append("|" + "|".join("-" * (w + 1) + ":" for w in widths) + "|")
    for row in body:
        lines.append("| " + " | ".join(x.rjust(w) for x, w in zip(row, widths, strict=True)) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("eval/bench-scale"))
    parser.add_argument(
        "--no-rerun", action="store_true", help="skip the re-run of each unchanged window"
    )
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in args.sizes:
        rows.append(measure(n, args.work.resolve(), args.workers, not args.no_rerun))
        print(table(rows[-1:]).splitlines()[-1], flush=True)
    print(f"\nbench-scale: {args.workers} workers, no uploads (no OCR): the pipeline's own costs")
    print(table(rows))
    (args.work / "bench-scale.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
