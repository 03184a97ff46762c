"""Time `load_window` on a window of N form lines (issue 16: loading was quadratic in the
applicants; issue 19: it stays linear with uploads too):
`python -m tests.measure_window_load [N ...] [--uploads K]` (default 50,000 lines, no uploads;
K tiny files per applicant). With several N it prints microseconds per applicant for each, so
a step that grows faster than N shows as a rising column."""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from pipeline.window import load_window

_JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 60  # sniffed as a jpeg; never decoded here


def make_window(root: Path, n: int, uploads: int) -> None:
    """N form lines, and `uploads` one-block files per applicant in its id_front slot."""
    with (root / "applicants.jsonl").open("w", encoding="utf-8") as f:
        for i in range(n):
            form = {"applicant_id": f"2026{i:09d}", "name": "张三", "id_type": "resident_id",
                    "id_number": "120101199701257467", "gender": "女",
                    "education": {"level": "本科"}}  # fmt: skip
            f.write(json.dumps(form, ensure_ascii=False) + "\n")
    (root / "uploads").mkdir()
    for i in range(n if uploads else 0):
        slot = root / "uploads" / f"2026{i:09d}" / "id_front"
        os.makedirs(slot)
        for k in range(uploads):
            (slot / f"{k}.jpg").write_bytes(_JPEG)


def measure(n: int, uploads: int) -> float:
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        make_window(root, n, uploads)
        started = time.perf_counter()
        window = load_window(root)
        seconds = time.perf_counter() - started
    print(
        f"load_window: {n} form lines, {len(window.order)} applicants, "
        f"{sum(len(v) for v in window.uploads.values())} uploads: {seconds:.2f} s, "
        f"{seconds / max(n, 1) * 1e6:.0f} µs per applicant"
    )
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("n", type=int, nargs="*", default=[50_000])
    parser.add_argument("--uploads", type=int, default=0)
    args = parser.parse_args()
    for n in args.n:
        measure(n, args.uploads)


if __name__ == "__main__":
    main()
