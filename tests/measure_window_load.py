"""Time `load_window` on a window of N form lines and no uploads (issue 16: loading was
quadratic in the applicants): `python -m tests.measure_window_load [N]` (default 50,000)."""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from pipeline.window import load_window


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        with (root / "applicants.jsonl").open("w", encoding="utf-8") as f:
            for i in range(n):
                form = {"applicant_id": f"2026{i:09d}", "name": "张三", "id_type": "resident_id",
                        "id_number": "120101199701257467", "gender": "女",
                        "education": {"level": "本科"}}  # fmt: skip
                f.write(json.dumps(form, ensure_ascii=False) + "\n")
        (root / "uploads").mkdir()
        started = time.perf_counter()
        window = load_window(root)
        seconds = time.perf_counter() - started
    print(f"load_window: {n} form lines, {len(window.order)} applicants: {seconds:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
