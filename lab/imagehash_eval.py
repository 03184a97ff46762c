"""Re-measure the two-stage same-image check on generated windows (no OCR needed).

    python -m lab.imagehash_eval WINDOW [WINDOW ...] [--every N]

For every upload (a PDF: its first page): the fingerprint, the prepared image that precise
verification aligns, and simulated copies (JPEG q50/q95, PNG, 80/95 % resize, 2/4 % crops,
random mixes of crop <= 4 %, resize 80-100 % and JPEG q50-95). Prints:

1. stage 1, per slot: the smallest coarse (fingerprint) distance between *different*
   applicants' uploads, and the largest coarse distance of each kind of copy: the coarse
   thresholds must pass every copy;
2. stage 2, per slot: the smallest precise score (`imagehash.Alignment.tile`) between
   different applicants' uploads that reach it (coarse candidates, plus each upload's
   nearest other-applicant upload of its slot), and the largest score of each kind of copy;
3. false matches and misses at the thresholds in `stages.imagehash`;
4. the whole check through the index over uploads + copies: candidate pairs before/after the
   veto (readings from the windows' ground truth, i.e. a perfect OCR), precise
   verifications against all pairs, copies found, groups mixing different uploads, time.

Pairs the generator made on purpose (`reused_from` in the ground truth) are not counted as
false matches.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from PIL import Image

from stages import imagehash as ih
from stages.normalise import ImageDecodeError, load_image
from stages.pdfpages import render_pages
from stages.window_checks import IDENTIFYING, SHARED_SLOTS, _differ

Key = tuple[str, str, str]  # (window/applicant, slot, path)


def _encode(im: Image.Image, fmt: str, quality: int = 85) -> bytes:
    buf = io.BytesIO()
    im.save(buf, fmt, quality=quality)
    return buf.getvalue()


def copies(image: np.ndarray, rng: random.Random) -> dict[str, bytes]:
    """Simulated re-uploads of one upright upload: what a copier's phone or editor does."""
    im = Image.fromarray(np.ascontiguousarray(image[:, :, ::-1]))
    w, h = im.size

    def crop(left: float, t: float, r: float, b: float) -> Image.Image:
        return im.crop((round(w * left), round(h * t), w - round(w * r), h - round(h * b)))

    def resize(c: Image.Image, s: float) -> Image.Image:
        size = (max(1, round(c.width * s)), max(1, round(c.height * s)))
        return c.resize(size, Image.Resampling.LANCZOS)

    out = {
        "jpeg50": _encode(im, "JPEG", 50),
        "jpeg95": _encode(im, "JPEG", 95),
        "png": _encode(im, "PNG"),
        "resize80": _encode(resize(im, 0.8), "JPEG"),
        "resize95": _encode(resize(im, 0.95), "JPEG"),
        "crop2": _encode(crop(0.02, 0.02, 0.02, 0.02), "JPEG"),
        "crop4": _encode(crop(0.04, 0.04, 0.04, 0.04), "JPEG"),
        "crop4_one_corner": _encode(crop(0.04, 0.04, 0, 0), "JPEG"),
    }
    for i in range(2):
        c = resize(crop(*(rng.uniform(0, 0.04) for _ in range(4))), rng.uniform(0.8, 1.0))
        out[f"mix{i}"] = _encode(c, "JPEG", rng.randint(50, 95))
    return out


def _decode(data: bytes) -> np.ndarray:
    if data[:5] == b"%PDF-":
        return render_pages(data, max_pages=1)[0]
    return load_image(data)[0]


def _truth(window: Path) -> tuple[dict[str, dict[str, str]], set[frozenset[str]]]:
    """Ground-truth readings (identifying fields per upload path) and planted pairs."""
    readings: dict[str, dict[str, str]] = {}
    planted: set[frozenset[str]] = set()
    path = window.parent / f"{window.name}.truth.jsonl"
    if not path.exists():
        return readings, planted
    rows = [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
    files = {
        (r["applicant_id"], u["slot"]): str(window / u["file"]) for r in rows for u in r["uploads"]
    }
    for r in rows:
        for u in r["uploads"]:
            p = str(window / u["file"])
            fields = {k: str(v) for k, v in u.get("fields", {}).items()}
            read = {k: v for k, v in fields.items() if k in IDENTIFYING}
            if "validity_end" in fields:  # named as the extractors name them
                read["validity"] = fields["validity_end"]
            if "period_start" in fields and "period_end" in fields:
                read["period"] = f"{fields['period_start']}/{fields['period_end']}"
            readings[p] = read
            src = u.get("reused_from")
            if src and (src["applicant_id"], src["slot"]) in files:
                planted.add(frozenset({p, files[src["applicant_id"], src["slot"]]}))
    return readings, planted


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("windows", nargs="+", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--every", type=int, default=1, help="copies of every N-th upload only")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    keys: list[Key] = []
    prints: list[ih.Fingerprint] = []
    texts: list[str] = []
    prepared: dict[str, np.ndarray] = {}
    copy_prints: list[dict[str, tuple[str, np.ndarray]]] = []
    readings: dict[str, dict[str, str]] = {}
    planted: set[frozenset[str]] = set()
    t_print = t_prep = 0.0
    for window in args.windows:
        r, p = _truth(window)
        readings.update(r)
        planted |= p
        for path in sorted((window / "uploads").glob("*/*/*")):
            data = path.read_bytes()
            try:
                image = _decode(data)
            except ImageDecodeError:
                continue
            t0 = time.perf_counter()
            fp = ih.fingerprint(image)
            t1 = time.perf_counter()
            prepared[str(path)] = ih.prepare_upload(data)
            t_print += t1 - t0
            t_prep += time.perf_counter() - t1
            keys.append((f"{window.name}/{path.parts[-3]}", path.parts[-2], str(path)))
            prints.append(ih.Fingerprint.parse(fp))
            texts.append(fp)
            cps: dict[str, tuple[str, np.ndarray]] = {}
            if len(copy_prints) % args.every == 0:
                for kind, b in copies(image, rng).items():
                    cps[kind] = (ih.fingerprint(load_image(b)[0]), ih.prepare_upload(b))
            copy_prints.append(cps)
    n = len(keys)
    print(
        f"{n} uploads; fingerprint {1000 * t_print / max(n, 1):.2f} ms, prepare (decode + "
        f"shrink) {1000 * t_prep / max(n, 1):.1f} ms each"
    )
    print(
        f"thresholds: coarse grey <= {ih.COARSE_GREY}, colour <= {ih.COARSE_COLOUR}; strict "
        f"(no files) grey <= {ih.MAX_GREY}, colour <= {ih.MAX_COLOUR}; precise tile <= "
        f"{ih.MAX_TILE}, overlap >= {ih.MIN_OVERLAP}; cap {ih.MAX_CANDIDATES} candidates per upload"
    )

    def is_planted(i: int, j: int) -> bool:
        return frozenset({keys[i][2], keys[j][2]}) in planted

    # (1) coarse distances between different applicants' uploads of one slot
    by_slot: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        by_slot[k[1]].append(i)
    coarse_min: dict[str, float] = defaultdict(lambda: math.inf)
    nearest: dict[int, tuple[float, int]] = {}  # not vetoed
    nearest_any: dict[int, tuple[float, int]] = {}  # vetoed or not: if OCR read nothing
    candidates: list[tuple[int, int]] = []
    vetoed = 0

    def vetoes(i: int, j: int) -> bool:
        ra, rb = readings.get(keys[i][2], {}), readings.get(keys[j][2], {})
        return keys[i][1] in SHARED_SLOTS or any(ih_differ(ra, rb, f) for f in IDENTIFYING)

    t0 = time.perf_counter()
    for slot, members in by_slot.items():
        for a, i in enumerate(members):
            for j in members[a + 1 :]:
                if keys[i][0] == keys[j][0] or is_planted(i, j):
                    continue
                grey, colour = ih.distance(prints[i], prints[j])
                coarse_min[slot] = min(coarse_min[slot], grey)
                for x, y in ((i, j), (j, i)):
                    if grey < nearest_any.get(x, (math.inf, -1))[0]:
                        nearest_any[x] = (grey, y)
                if vetoes(i, j):
                    vetoed += grey <= ih.COARSE_GREY and colour <= ih.COARSE_COLOUR
                    continue
                for x, y in ((i, j), (j, i)):
                    if grey < nearest.get(x, (math.inf, -1))[0]:
                        nearest[x] = (grey, y)
                if grey <= ih.COARSE_GREY and colour <= ih.COARSE_COLOUR:
                    candidates.append((i, j))
    pairs_same_slot = sum(len(m) * (len(m) - 1) // 2 for m in by_slot.values())
    print(
        f"stage 1: {len(candidates) + vetoed} of {pairs_same_slot} same-slot pairs of "
        f"different applicants within the coarse thresholds, {vetoed} of them vetoed "
        f"(shared slot, or the ground truth's readings differ), {len(candidates)} left "
        f"({time.perf_counter() - t0:.0f} s)"
    )

    # (2) precise scores between different applicants not vetoed: candidates + nearest
    todo = set(candidates) | {(min(i, j), max(i, j)) for i, (_, j) in nearest.items()}
    unvetoed = set(todo)
    todo |= {(min(i, j), max(i, j)) for i, (_, j) in nearest_any.items()}
    precise_min: dict[str, tuple[float, str]] = defaultdict(lambda: (math.inf, ""))
    precise_any: dict[str, tuple[float, str]] = defaultdict(lambda: (math.inf, ""))
    false_precise: list[str] = []
    false_any = 0
    t0 = time.perf_counter()
    for i, j in sorted(todo):
        al = ih.align(prepared[keys[i][2]], prepared[keys[j][2]])
        slot = keys[i][1]
        valid = al.overlap >= ih.MIN_OVERLAP  # a tile score of a failed alignment says little
        if valid and al.tile < precise_any[slot][0]:
            precise_any[slot] = (al.tile, f"{keys[i][0]} ~ {keys[j][0]}")
        false_any += al.copy
        if (i, j) not in unvetoed:
            continue
        if valid and al.tile < precise_min[slot][0]:
            precise_min[slot] = (al.tile, f"{keys[i][0]} ~ {keys[j][0]}")
        if al.copy:
            false_precise.append(f"{keys[i][:2]} ~ {keys[j][:2]} tile {al.tile:.1f}")
    spent = time.perf_counter() - t0
    print(
        f"stage 2: {len(todo)} precise alignments of different applicants' uploads, "
        f"{1000 * spent / max(len(todo), 1):.0f} ms each"
    )
    print(
        "different applicants, per slot: smallest coarse grey; smallest precise tile score "
        "among pairs not vetoed, and without the veto (each upload's nearest, as if OCR had "
        "read nothing)"
    )
    for slot in sorted(by_slot):
        tile, who = precise_min[slot]
        any_tile, any_who = precise_any[slot]
        print(
            f"  {slot:24s} coarse {coarse_min[slot]:6.2f}   precise {tile:6.1f}   "
            f"without veto {any_tile:6.1f}  {any_who}"
        )
    print(f"false matches without the veto (nearest pairs): {false_any}")
    print(f"false matches (precise, different applicants, not vetoed): {len(false_precise)}")
    for line in false_precise[:10]:
        print("   ", line)

    # (3) copies: coarse distance and precise score, original first or copy first
    worst: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    miss_coarse = miss_precise = total = 0
    for i, cps in enumerate(copy_prints):
        for kind, (fp, prep) in cps.items():
            total += 1
            grey, colour = ih.distance(prints[i], ih.Fingerprint.parse(fp))
            pa, pb = (prepared[keys[i][2]], prep) if total % 2 else (prep, prepared[keys[i][2]])
            al = ih.align(pa, pb)
            w = worst[kind]
            worst[kind] = [max(w[0], grey), max(w[1], colour), max(w[2], al.tile)]
            miss_coarse += not (grey <= ih.COARSE_GREY and colour <= ih.COARSE_COLOUR)
            miss_precise += not al.copy
            if not al.copy:
                print(f"  missed: {keys[i][:2]} {kind}: {al}")
    print("copies, largest coarse grey / colour and precise tile score by kind:")
    for kind, (g, c, t) in worst.items():
        print(f"  {kind:18s} coarse grey {g:5.2f} colour {c:4.2f}   precise {t:5.1f}")
    print(
        f"copies missed: {miss_coarse} of {total} by the coarse thresholds, "
        f"{miss_precise} by precise verification"
    )

    # (4) through the index: uploads + planted copies, veto from the ground truth
    index: ih.Index[tuple[str, ...]] = ih.Index()
    images: dict[tuple[str, ...], np.ndarray] = {}
    for k, fp in zip(keys, texts, strict=True):
        index.add(k, fp)
        images[k] = prepared[k[2]]
    for k, cps in zip(keys, copy_prints, strict=True):
        for kind, (fp, prep) in cps.items():
            index.add((*k, kind), fp)
            images[(*k, kind)] = prep

    def veto(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
        if a[0] != b[0] and (a[1] in SHARED_SLOTS or b[1] in SHARED_SLOTS):
            return True
        ra, rb = readings.get(a[2], {}), readings.get(b[2], {})
        return a[2] != b[2] and any(ih_differ(ra, rb, f) for f in IDENTIFYING)

    def verify(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
        return ih.align(images[a], images[b]).copy

    t0 = time.perf_counter()
    groups = index.groups(veto, verify)
    spent = time.perf_counter() - t0
    found = {k for g in groups for k in g if len(k) == 4}
    copies_total = sum(len(c) for c in copy_prints)
    wrong = [
        g
        for g in groups
        if len({k[2] for k in g}) > 1
        and not any(frozenset({x[2], y[2]}) in planted for x in g for y in g)
    ]
    m = len(index.keys)
    print(
        f"index over {m} fingerprints: {index.comparisons} fingerprint distances, "
        f"{index.candidates} coarse candidate pairs, {index.vetoed} vetoed, "
        f"{index.verifications} precise verifications, {index.over_cap} beyond the cap "
        f"(all pairs would be {m * (m - 1) // 2}); {spent:.1f} s"
    )
    print(
        f"  {len(found)} of {copies_total} copies found; {len(wrong)} groups mix different "
        f"uploads; planted pairs found: "
        f"{sum(any(frozenset({x[2], y[2]}) in planted for x in g for y in g) for g in groups)}"
        f" of {len(planted)}"
    )
    for grp in wrong[:10]:
        print("   ", [k[:2] for k in grp if len(k) == 3])
    return 0


def ih_differ(ra: dict[str, str], rb: dict[str, str], field: str) -> bool:
    """The window check's veto on one identifying field."""
    return field in ra and field in rb and _differ(ra[field], rb[field])


if __name__ == "__main__":
    sys.exit(main())
