"""`certcheck bench-report OUT`: how long writing the reviewer's report takes.

The results and the window of a finished run are loaded once (the window is the one named in
OUT/audit/run.json's neighbour: pass it), optionally replicated under fresh ids to a larger
window, and `pipeline.report.write_report` is timed into a scratch folder: wall-clock median
and CPU median of several repeats after one warm-up.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from models import ApplicantForm, ApplicantResult


def _replicate(
    order: list[str],
    results: dict[str, ApplicantResult],
    forms: dict[str, ApplicantForm],
    copies: int,
) -> tuple[list[str], dict[str, ApplicantResult], dict[str, ApplicantForm]]:
    """The same applicants `copies` times over, each copy under fresh ids."""
    big_order: list[str] = []
    big_results: dict[str, ApplicantResult] = {}
    big_forms: dict[str, ApplicantForm] = {}
    for k in range(copies):
        for aid in order:
            new = f"{aid}-{k}" if k else aid
            r = results[aid]
            big_results[new] = dataclasses.replace(
                r,
                applicant_id=new,
                findings=tuple(dataclasses.replace(f, applicant_id=new) for f in r.findings),
            )
            if aid in forms:
                big_forms[new] = dataclasses.replace(forms[aid], applicant_id=new)
            big_order.append(new)
    return big_order, big_results, big_forms


def cmd_bench_report(args: argparse.Namespace) -> int:
    from pipeline import report, versions
    from pipeline.calibration import calibrate, load_calibration
    from pipeline.run import add_window_findings, load_results
    from pipeline.window import load_window

    window = load_window(args.window)
    results = add_window_findings(window, load_results(args.out))
    cal = load_calibration()
    results = {aid: calibrate(r, cal) for aid, r in results.items()}
    order = [a for a in window.order if a in results]
    order, results, forms = _replicate(order, results, dict(window.forms), args.copies)
    ordered = [results[a] for a in order]
    engines = versions.engine_versions()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        report.write_report(out, window.info, ordered, forms, versions=engines)  # warm-up
        wall, cpu = [], []
        for _ in range(args.repeats):
            shutil.rmtree(out / "report", ignore_errors=True)
            t0, c0 = time.perf_counter(), time.process_time()
            report.write_report(out, window.info, ordered, forms, versions=engines)
            wall.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
    print(
        f"report of {len(order)} applicants: wall median {statistics.median(wall) * 1000:.0f} ms,"
        f" CPU median {statistics.median(cpu) * 1000:.0f} ms ({args.repeats} repeats,"
        f" {statistics.median(cpu) / len(order) * 1000:.2f} ms CPU per applicant)"
    )
    return 0
