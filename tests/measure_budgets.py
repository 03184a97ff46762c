"""Peak RSS and wall time of one worker processing each hostile upload (issue 16):
`python -m tests.measure_budgets [--tree DIR]`. Each case runs `process_applicant` with the
real recogniser in a fresh process whose code comes from DIR (default: this tree), so the
same command measures the code before a change (e.g. `--tree /work/main`) and after it."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests import budget_files as files


def _legit_50mp(alpha: bool = False) -> bytes:
    """The largest image within the pixel budget: an 8000×6200 scan, mostly paper (RGB, or
    RGBA with a translucent margin: the costliest conversion)."""
    import io

    import numpy as np
    from PIL import Image

    page = np.full((6200, 8000, 3), 245, np.uint8)
    for y in range(400, 6000, 300):
        page[y : y + 60, 600:7400] = 30  # lines of "print"
    image = Image.fromarray(page)
    if alpha:
        mask = np.full((6200, 8000), 255, np.uint8)
        mask[:200] = 128
        image.putalpha(Image.fromarray(mask))
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


CASES = {
    "png-13000x13000": ("other/huge.png", lambda: files.png_bilevel(13000, 13000)),
    "pdf-6MB-operators": ("social_insurance/ops.pdf", lambda: files.pdf([files.operator_bomb()])),
    "png-8000x6200-ok": ("diploma/scan.png", _legit_50mp),
    "png-8000x6200-rgba": ("diploma/rgba.png", lambda: _legit_50mp(alpha=True)),
}

CHILD = r"""
import json, os, resource, sys, time
# the venv's editable install finds the packages in its own tree first: measure DIR's
sys.meta_path = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
sys.path.insert(0, os.environ["MEASURE_TREE"])
from datetime import date
from pathlib import Path
from models import Upload
from pipeline.process import ApplicantTask, process_applicant
from pipeline.rules import load_rules
from pipeline.window import hash_file
from stages.ocr import rapid
root, rel = Path(sys.argv[1]), sys.argv[2]
path = root / "uploads" / "2026120000017" / rel
digest, size, kind = hash_file(path)
rel_path = path.relative_to(root).as_posix()
upload = Upload("2026120000017", rel.split("/")[0], rel_path, size, digest, kind)
task = ApplicantTask("2026120000017", str(root), str(root / "out"), None, (upload,), (),
                     load_rules("天津市"), date(2026, 1, 31))
engine = rapid.shared(threads=1)
start = time.perf_counter()
result = process_applicant(task, engine)
seconds = time.perf_counter() - start
import pipeline
assert pipeline.__file__.startswith(os.environ["MEASURE_TREE"]), pipeline.__file__
print(json.dumps({
    "seconds": round(seconds, 2),
    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    "findings": [f"{f.check}:{f.status}" for f in result.findings],
}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tree", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args()
    env = {**os.environ, "MEASURE_TREE": str(args.tree.resolve()), "OMP_THREAD_LIMIT": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, (rel, make) in CASES.items():
            path = root / "uploads" / "2026120000017" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(make())
            run = subprocess.run(
                [sys.executable, "-c", CHILD, str(root), rel],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            lines = run.stdout.strip().splitlines()
            report = json.loads(lines[-1]) if lines else {"error": run.stderr[-500:]}
            size = path.stat().st_size
            print(f"{args.tree.name:>14}  {name:<18} {size / 1024:7.0f} KB  {json.dumps(report)}")


if __name__ == "__main__":
    main()
