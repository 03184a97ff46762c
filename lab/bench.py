"""`certcheck bench`: core-seconds per upload, ours against the naive Tesseract loop; then
(lab.bench_stages) where the CPU goes by stage, and Dask against a plain process pool.

The naive loop (OSD, turn, full-page chi_sim+eng, the form's values searched in the text) is
what a first attempt looks like; it runs in a child process with a worker per core, as the
product does, so the two CPU figures compare.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from stages.extract import clean

from .evaluate import fresh, generate, load_forms, load_jsonl, run_certcheck, score


def _naive_one(path: str) -> tuple[str, str]:
    """What a user writes first: Tesseract OSD, turn, full-page chi_sim+eng."""
    import numpy as np

    from stages.normalise import load_image
    from stages.ocr.tesseract import TesseractEngine

    engine = TesseractEngine(timeout=120)
    try:
        image, _exif = load_image(Path(path).read_bytes())
    except Exception:  # noqa: BLE001
        return path, ""
    try:
        rotation, _conf = engine.osd_rotation(image)
        if rotation:
            image = np.ascontiguousarray(np.rot90(image, k=rotation // 90))
        return path, engine.page_text(image)
    except Exception:  # noqa: BLE001
        return path, ""


def naive_main(window: str, out_json: str, workers: int) -> None:
    """Run the naive loop over every image upload with a process per core."""
    from multiprocessing import Pool

    os.environ["OMP_THREAD_LIMIT"] = "1"
    files = sorted(str(p) for p in Path(window, "uploads").rglob("*") if p.is_file())
    with Pool(workers) as pool:
        texts = dict(pool.map(_naive_one, files, chunksize=1))
    Path(out_json).write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")


def naive_score(window: Path, texts: dict[str, str], truth_path: Path) -> dict[str, float]:
    """The naive loop's checks: the form's values must appear in each page's text."""
    forms = load_forms(window)
    wants = {
        "id_front": ("name", "id_number"),
        "diploma": ("name", "diploma_number"),
        "licence": ("work_unit",),
        "probation_cert": ("name", "id_number", "work_unit"),
    }
    flagged = set()
    for path, text in texts.items():
        rel = Path(path).relative_to(window)
        aid, slot = rel.parts[1], rel.parts[2]
        form = forms.get(aid)
        if form is None:
            flagged.add(aid)
            continue
        page = clean(text)
        for key in wants.get(slot, ()):
            value = form.get(key) or (form.get("education") or {}).get(key, "")
            if value and clean(str(value)) not in page:
                flagged.add(aid)
    truth = load_jsonl(truth_path)
    faults = [t for t in truth if not t["clean"]]
    cleans = [t for t in truth if t["clean"]]
    return {
        "recall": sum(t["applicant_id"] in flagged for t in faults) / max(1, len(faults)),
        "false_alarm_rate": sum(t["applicant_id"] in flagged for t in cleans) / max(1, len(cleans)),
    }


def cmd_bench(args: argparse.Namespace) -> int:
    work: Path = args.work
    window = work / f"window-seed{args.seed}"
    out = work / f"out-seed{args.seed}"
    truth = generate(window, args.applicants, args.seed)
    workers = args.workers or os.cpu_count() or 1
    uploads = sum(1 for p in (window / "uploads").rglob("*") if p.is_file())
    fresh(out)
    code, wall, cpu = run_certcheck(
        "run", str(window), "--out", str(out), "--no-progress", "--workers", str(workers)
    )
    if code != 0:
        print(f"certcheck run failed with exit code {code}")
        return 1
    ours = score(out, truth)
    naive_json = work / "naive.json"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from lab.bench import naive_main; "
            "naive_main(sys.argv[1], sys.argv[2], int(sys.argv[3]))",
            str(window),
            str(naive_json),
            str(workers),
        ],
        check=True,
    )
    n_wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    n_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    texts = json.loads(naive_json.read_text(encoding="utf-8"))
    naive = naive_score(window, texts, truth)
    n_files = len(texts)
    result = {
        "seed": args.seed,
        "applicants": args.applicants,
        "uploads": uploads,
        "workers": workers,
        "certcheck_wall_s": round(wall, 1),
        "certcheck_cpu_s": round(cpu, 1),
        "certcheck_core_s_per_upload": round(cpu / uploads, 3),
        "naive_files": n_files,
        "naive_wall_s": round(n_wall, 1),
        "naive_cpu_s": round(n_cpu, 1),
        "naive_core_s_per_upload": round(n_cpu / max(1, n_files), 3),
        "speedup_core_s_per_upload": round((n_cpu / max(1, n_files)) / (cpu / uploads), 2),
        "speedup_wall": round(n_wall / wall, 2),
        "certcheck_recall": round(ours["recall"], 3),
        "certcheck_false_alarm_rate": round(ours["false_alarm_rate"], 3),
        "naive_recall": round(naive["recall"], 3),
        "naive_false_alarm_rate": round(naive["false_alarm_rate"], 3),
    }
    print("\n== bench ==")
    for k, v in result.items():
        print(f"{k:32s} {v}")
    counts = tuple(int(n) for n in str(args.executor_workers).split(",") if int(n) > 0)
    if counts:  # issue 19: stage table, Dask against a plain pool on the same tasks
        from .bench_stages import compare, print_compare

        rows = compare(window, work, counts)
        print_compare(rows)
        result["executors"] = rows
        for n in counts:
            result[f"dask_vs_pool_{n}"] = rows[f"dask_vs_pool_{n}"]
    (work / f"bench-seed{args.seed}.json").write_text(
        json.dumps(result, indent=2), encoding="utf-8"
    )
    return 0
