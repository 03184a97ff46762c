"""Measure page orientation and deskew against ground truth: real third-party scans and a
generated window.

Real data (`orientation_gt.tsv`, see its MANIFEST) lists rotations of the raw pixels; an
upload with a turning EXIF tag (3/6/8) is upright once a viewer honours the tag, so its truth
here is 0 (CONTRACT §3 reports the turn as a viewer shows the file). PDFs are rendered as a
viewer shows them (`/Rotate` and the content transform honoured), one row per page.

    python -m lab.eval_orientation [--real DIR] [--window DIR [--truth FILE]]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

DEFAULT_REAL = Path(__file__).resolve().parents[2] / "shared" / "realdata"
_TURNING_EXIF = {3, 6, 8}


def _cpu() -> float:
    """Core-seconds used so far by this process and its finished children (tesseract)."""
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + child.ru_utime + child.ru_stime


def _pages(spec: str) -> list[int]:
    if "-" in spec:
        lo, hi = spec.split("-", 1)
        return list(range(int(lo), int(hi) + 1))
    return [int(spec or 1)]


def _real_rows(realdata: Path) -> Iterator[dict[str, str]]:
    with open(realdata / "orientation_gt.tsv", encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, delimiter="\t")


def _engine() -> Any:
    """The single-threaded engine a worker uses (and OpenCV on one thread, like a worker)."""
    import cv2

    from stages.ocr.rapid import RapidEngine

    cv2.setNumThreads(1)
    return RapidEngine(threads=1)


def evaluate_real(realdata: Path, engine: Any = None) -> list[dict[str, Any]]:
    """One result per image / PDF page of `orientation_gt.tsv`: truth (as a viewer shows
    the file), ours, skew truth and ours, and the core-seconds normalisation took."""
    from stages.normalise import load_image, normalise
    from stages.pdfpages import render_pages

    engine = engine or _engine()
    _warm_up(engine)
    results: list[dict[str, Any]] = []
    for row in _real_rows(realdata):
        path = realdata / row["file"]
        data = path.read_bytes()
        exif_tag = int(row.get("exif_orientation") or 1)
        truth = 0 if exif_tag in _TURNING_EXIF else int(row["content_rotation_cw"])
        try:
            skew_truth: float | None = float(row.get("skew_ccw_deg") or "")
        except ValueError:
            skew_truth = None
        pages = _pages(row.get("page", "1"))
        if path.suffix.lower() == ".pdf":
            rendered = render_pages(data, max_pages=max(pages))
            images = [(rendered[p - 1], 1, p) for p in pages]
        else:
            image, exif = load_image(data)
            images = [(image, exif, 1)]
        for image, exif, page in images:
            t0 = _cpu()
            norm = normalise(image, engine, exif_orientation=exif)
            cost = _cpu() - t0
            skew_err = None if skew_truth is None else norm.skew - skew_truth
            results.append(
                {
                    "file": row["file"],
                    "page": page,
                    "size": f"{image.shape[1]}x{image.shape[0]}",
                    "exif": exif,
                    "truth": truth,
                    "ours": norm.rotation,
                    "ok": norm.rotation == truth,
                    "confidence": norm.rotation_confidence,
                    "skew_truth": skew_truth,
                    "skew": norm.skew,
                    "skew_error": skew_err,
                    "document_found": norm.document_found,
                    "source": norm.orientation_source,
                    "lines": len(norm.quads),
                    "cpu_s": cost,
                }
            )
    return results


def _truth_uploads(truth: Path) -> Iterator[dict[str, Any]]:
    """Upload entries of a truth file: the generator writes one line per applicant with an
    `uploads` list; a flat file with one upload per line is read as well."""
    with open(truth, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            if isinstance(rec.get("uploads"), list):
                yield from rec["uploads"]
            else:
                yield rec


def _upload_path(rec: dict[str, Any]) -> str | None:
    for key in ("file", "path", "upload", "upload_path"):
        if isinstance(rec.get(key), str):
            return str(rec[key])
    return None


def evaluate_synthetic(window: Path, truth: Path, engine: Any = None) -> dict[str, Any]:
    """Rotation accuracy (and skew error) over every decodable image upload in `truth`.

    Photos go through `photo_orientation`, documents through `normalise`, PDFs (first page)
    through `render_pages` then `normalise`. Costs are core-seconds of documents only
    (decoding excluded), Tesseract subprocesses included.
    """
    from stages.normalise import ImageDecodeError, load_image, normalise, photo_orientation
    from stages.pdfpages import render_pages

    engine = engine or _engine()
    _warm_up(engine)
    total = right = skipped = 0
    skew_errors: list[float] = []
    costs: list[float] = []
    wrong: list[dict[str, Any]] = []
    by_slot: dict[str, list[int]] = {}
    sources: dict[str, int] = {}
    for rec in _truth_uploads(truth):
        rel = _upload_path(rec)
        if rel is None or rec.get("rotation") is None:
            skipped += 1
            continue
        path = window / rel
        try:
            data = path.read_bytes()
            if data[:5] == b"%PDF-":
                image, exif = render_pages(data, max_pages=1)[0], 1
            else:
                image, exif = load_image(data)
        except (OSError, ImageDecodeError):
            skipped += 1  # empty / truncated / not an image: the upload rules' business
            continue
        slot = str(rec.get("slot", ""))
        if slot == "photo":
            rotation, conf = photo_orientation(image)
            skew = None
        else:
            t0 = _cpu()
            norm = normalise(image, engine, exif_orientation=exif)
            costs.append(_cpu() - t0)
            rotation, conf, skew = norm.rotation, norm.rotation_confidence, norm.skew
            sources[norm.orientation_source] = sources.get(norm.orientation_source, 0) + 1
        total += 1
        want = int(rec["rotation"]) % 360
        tally = by_slot.setdefault(slot, [0, 0])
        tally[1] += 1
        if rotation == want:
            right += 1
            tally[0] += 1
        else:
            wrong.append({"file": rel, "truth": want, "ours": rotation, "confidence": conf})
        if skew is not None and rec.get("skew") is not None and rotation == want:
            skew_errors.append(abs(skew - float(rec["skew"])))
    return {
        "uploads": total,
        "rotation_right": right,
        "rotation_accuracy": right / total if total else None,
        "by_slot": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_slot.items())},
        "orientation_source": sources,
        "skew_mae": float(np.mean(skew_errors)) if skew_errors else None,
        "skew_p95": float(np.percentile(skew_errors, 95)) if skew_errors else None,
        "doc_cpu_s_mean": float(np.mean(costs)) if costs else None,
        "doc_cpu_s_p95": float(np.percentile(costs, 95)) if costs else None,
        "doc_cpu_s_max": float(np.max(costs)) if costs else None,
        "skipped": skipped,
        "wrong": wrong,
    }


def _warm_up(engine: Any) -> None:
    """One throw-away call: onnxruntime's first run costs several times a normal one."""
    from stages.normalise import normalise

    normalise(np.full((480, 640, 3), 255, np.uint8), engine)


def _print_real(results: list[dict[str, Any]]) -> None:
    head = f"{'file':44} {'pg':>2} {'size':>10} {'exif':>4} {'truth':>5} {'ours':>5} {'conf':>5}"
    print(head + f" {'ok':>3} {'by':>5} {'skew':>7} {'ours':>7} {'err':>6} {'doc':>3} {'cpu s':>6}")
    for r in results:
        st = "" if r["skew_truth"] is None else f"{r['skew_truth']:+.2f}"
        err = "" if r["skew_error"] is None else f"{r['skew_error']:+.2f}"
        print(
            f"{r['file']:44} {r['page']:>2} {r['size']:>10} {r['exif']:>4} {r['truth']:>5} "
            f"{r['ours']:>5} {r['confidence']:>5.2f} {'yes' if r['ok'] else 'NO':>3} "
            f"{r['source']:>5} "
            f"{st:>7} {r['skew']:>+7.2f} {err:>6} {'y' if r['document_found'] else '':>3} "
            f"{r['cpu_s']:>6.3f}"
        )
    n = len(results)
    ok = sum(r["ok"] for r in results)
    errs = [abs(r["skew_error"]) for r in results if r["skew_error"] is not None]
    costs = [r["cpu_s"] for r in results]
    print(f"\nrotation right: {ok}/{n}")
    if errs:
        print(
            f"skew |error| (deg) over {len(errs)} rows: mean {np.mean(errs):.2f}, "
            f"max {np.max(errs):.2f}"
        )
    print(f"normalise core-seconds: mean {np.mean(costs):.3f}, max {np.max(costs):.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--real", type=Path, default=DEFAULT_REAL, help="shared/realdata folder")
    ap.add_argument("--window", type=Path, help="a generated window to score")
    ap.add_argument("--truth", type=Path, help="its truth file (default WINDOW.truth.jsonl)")
    args = ap.parse_args(argv)
    engine = _engine()
    if args.real and (args.real / "orientation_gt.tsv").exists():
        _print_real(evaluate_real(args.real, engine))
    elif args.window is None:
        print(f"{args.real} not found: no real-data evaluation", file=sys.stderr)
    if args.window is not None:
        truth = args.truth or args.window.with_name(args.window.name + ".truth.jsonl")
        summary = evaluate_synthetic(args.window, truth, engine)
        wrong = summary.pop("wrong")
        print("\nsynthetic window:", json.dumps(summary, indent=1))
        for w in wrong[:30]:
            print("  wrong:", w)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
