"""Re-measure the near-duplicate image check on generated windows (no OCR needed).

    python -m pipeline.imagehash_eval WINDOW [WINDOW ...]

For every upload: its fingerprint, and those of simulated copies (JPEG q50/q95, PNG,
80-95 % resize, 2-4 % crops, random mixes). Prints per slot the closest pair of uploads of
*different* applicants (the false-match margin), the largest distance of each kind of copy
(the miss margin), and the false matches / misses at the thresholds in `stages.imagehash`.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

from PIL import Image, ImageOps

from stages import imagehash as ih
from stages.normalise import ImageDecodeError, load_image


def _encode(im: Image.Image, fmt: str, quality: int = 85) -> bytes:
    buf = io.BytesIO()
    im.save(buf, fmt, quality=quality)
    return buf.getvalue()


def copies(data: bytes, rng: random.Random) -> dict[str, bytes]:
    """Simulated re-uploads of one file: what a copier's phone or editor does to it."""
    im = ImageOps.exif_transpose(Image.open(io.BytesIO(data))).convert("RGB")
    w, h = im.size

    def crop(left: float, t: float, r: float, b: float) -> Image.Image:
        return im.crop((round(w * left), round(h * t), w - round(w * r), h - round(h * b)))

    out = {
        "jpeg50": _encode(im, "JPEG", 50),
        "jpeg95": _encode(im, "JPEG", 95),
        "png": _encode(im, "PNG"),
        "resize80": _encode(
            im.resize((int(w * 0.8), int(h * 0.8)), Image.Resampling.LANCZOS), "JPEG"
        ),
        "resize95": _encode(
            im.resize((int(w * 0.95), int(h * 0.95)), Image.Resampling.LANCZOS), "JPEG"
        ),
        "crop2": _encode(crop(0.02, 0.02, 0.02, 0.02), "JPEG"),
        "crop4": _encode(crop(0.04, 0.04, 0.04, 0.04), "JPEG"),
        "crop4_one_corner": _encode(crop(0.04, 0.04, 0, 0), "JPEG"),
    }
    for i in range(2):
        c = crop(*(rng.uniform(0, 0.04) for _ in range(4)))
        s = rng.uniform(0.8, 1.0)
        c = c.resize(
            (max(1, int(c.width * s)), max(1, int(c.height * s))), Image.Resampling.LANCZOS
        )
        out[f"mix{i}"] = _encode(c, "JPEG", rng.randint(50, 95))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("windows", nargs="+", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    keys: list[tuple[str, str, str]] = []  # (applicant, slot, path)
    prints: list[str] = []
    copy_prints: list[dict[str, str]] = []
    spent = 0.0
    for window in args.windows:
        for path in sorted((window / "uploads").glob("*/*/*")):
            data = path.read_bytes()
            try:
                image, _ = load_image(data)
            except ImageDecodeError:
                continue
            t0 = time.perf_counter()
            fp = ih.fingerprint(image)
            spent += time.perf_counter() - t0
            keys.append((f"{window.name}/{path.parts[-3]}", path.parts[-2], str(path)))
            prints.append(fp)
            copy_prints.append(
                {k: ih.fingerprint(load_image(v)[0]) for k, v in copies(data, rng).items()}
            )
    n = len(prints)
    print(f"{n} uploads, fingerprint {1000 * spent / max(n, 1):.2f} ms each after decoding")
    parsed = [ih.Fingerprint.parse(p) for p in prints]

    # (1) closest different-applicant pairs per slot (all pairs: this is the measurement)
    closest: dict[str, tuple[float, float]] = defaultdict(lambda: (float("inf"), float("inf")))
    false = 0
    for i in range(n):
        for j in range(i + 1, n):
            if keys[i][0] == keys[j][0]:
                continue
            slot = keys[i][1] if keys[i][1] == keys[j][1] else "cross-slot"
            grey, colour = ih.distance(parsed[i], parsed[j])
            g0, c0 = closest[slot]
            closest[slot] = (min(g0, grey), min(c0, colour if grey <= ih.MAX_GREY else c0))
            if grey <= ih.MAX_GREY and colour <= ih.MAX_COLOUR:
                false += 1
                print(
                    f"  false match: {keys[i][:2]} ~ {keys[j][:2]} grey {grey:.2f} "
                    f"colour {colour:.1f}"
                )
    print(
        "different applicants, smallest aligned grey difference (colour diff among those "
        f"under MAX_GREY={ih.MAX_GREY}):"
    )
    for slot, (g, c) in sorted(closest.items()):
        print(f"  {slot:16s} grey {g:6.2f}   colour {c:6.1f}")

    # (2) copies
    worst: dict[str, list[float]] = defaultdict(list)
    misses = 0
    for i, cps in enumerate(copy_prints):
        for kind, fp in cps.items():
            grey, colour = ih.distance(parsed[i], ih.Fingerprint.parse(fp))
            worst[kind].append(grey)
            worst[kind + " colour"].append(colour)
            misses += not (grey <= ih.MAX_GREY and colour <= ih.MAX_COLOUR)
    print("copies, largest distance by kind:")
    for kind, ds in worst.items():
        print(f"  {kind:24s} max {max(ds):6.2f}")

    # (3) through the index: planted copies among all uploads
    index: ih.Index[tuple[str, ...]] = ih.Index()
    for k, fp in zip(keys, prints, strict=True):
        index.add(k, fp)
    for k, cps in zip(keys, copy_prints, strict=True):
        for kind, fp in cps.items():
            index.add((*k, kind), fp)
    groups = index.groups()
    found = {k for g in groups for k in g if len(k) == 4}
    total = sum(len(c) for c in copy_prints)
    wrong = [g for g in groups if len({k[2] for k in g}) > 1]
    print(f"thresholds: grey <= {ih.MAX_GREY}, colour <= {ih.MAX_COLOUR}")
    print(
        f"pairwise: {false} false matches between different applicants, "
        f"{misses} of {total} copies missed"
    )
    print(
        f"index over {len(index.keys)} fingerprints: {index.comparisons} comparisons "
        f"(all pairs would be {len(index.keys) * (len(index.keys) - 1) // 2}); "
        f"{len(found)} of {total} copies found; {len(wrong)} groups mix different uploads"
    )
    for grp in wrong[:10]:
        print("   ", [k[:2] for k in grp if len(k) == 3])
    return 0


if __name__ == "__main__":
    sys.exit(main())
