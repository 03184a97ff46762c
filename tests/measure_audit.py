"""What the audit trail costs a run (issue 18: at most 5%): `python -m tests.measure_audit
[--workers N] [--forms N]` (`make bench-audit`).

Three runs, each timed whole, against the time the trail itself took (reading and verifying
the last run's log, checking parts against it, building, hashing, sealing and signing the
run's records: `audit_seconds`, measured inside the run):

1. the sample window (12 applicants, 83 uploads), fresh: the real engines, the usual case;
2. the same again, every applicant reused from (1): the cheapest run there is;
3. N form lines without uploads (default 2,000), a second time so every part is reused: many
   check records and applicants for almost no work, the trail's worst share.

Then `certcheck audit verify` on (3). The signing key is made in a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "window"


def timed_run(window: Path, out: Path, workers: int) -> tuple[float, dict[str, Any]]:
    from pipeline.run import run_window

    started = time.perf_counter()
    summary = run_window(window, out, workers=workers, progress=False)
    return time.perf_counter() - started, summary


def report(label: str, seconds: float, summary: dict[str, Any]) -> None:
    audit = summary["audit_seconds"]
    share = 100 * audit / seconds
    print(
        f"{label}: run {seconds:.2f} s, of which the audit trail {audit:.3f} s = {share:.2f}% "
        f"({summary['applicants']} applicants, {summary['reused']} reused)"
    )


def forms_window(root: Path, n: int) -> Path:
    root.mkdir()
    shutil.copy(SAMPLE / "window.toml", root / "window.toml")
    first = json.loads((SAMPLE / "applicants.jsonl").read_text("utf-8").splitlines()[0])
    with (root / "applicants.jsonl").open("w", encoding="utf-8") as f:
        for i in range(n):
            form = {**first, "applicant_id": f"2026{i:09d}"}
            f.write(json.dumps(form, ensure_ascii=False) + "\n")
    (root / "uploads").mkdir()
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--forms", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        os.environ["CERTCHECK_AUDIT_KEY"] = str(tmp / "audit-ed25519.pem")
        out = tmp / "sample-out"
        report("sample window, fresh", *timed_run(SAMPLE, out, args.workers))
        report("sample window, all reused", *timed_run(SAMPLE, out, args.workers))
        window = forms_window(tmp / "forms", args.forms)
        forms_out = tmp / "forms-out"
        timed_run(window, forms_out, args.workers)
        report(f"{args.forms} forms without uploads, all reused",
               *timed_run(window, forms_out, args.workers))  # fmt: skip
        from pipeline.audit.verify import verify

        started = time.perf_counter()
        trail = verify(forms_out)
        print(
            f"audit verify on it: {time.perf_counter() - started:.2f} s for {trail.records} "
            f"records of {len(trail.runs)} runs"
        )


if __name__ == "__main__":
    main()
