"""Measure the same-image check at scale on document-like uploads (`make bench-similar`).

    python -m lab.similar_bench [--sizes 1000,5000,20000] [--work eval/similar] [--seed 19]

The generator draws N uploads of a few material templates (ID-card back, diploma,
probation certificate, degree, social-insurance page), each a different person's text on
the template, mostly scanned alike (a flatbed: same background and framing, the worst
case for a thumbnail index) and some photographed on a desk. Every `COPY_EVERY`-th
upload is followed by a true re-upload of it by another applicant: re-encoded (JPEG
q50-95), resized (80-95 %), cropped (2-4 % per side) or photographed again (light,
gamma, blur, noise, a 90 % resize and a JPEG). Sets of size N are prefixes of one
sequence, so one generation serves every N.

Fingerprints (and the prepared images precise verification aligns, kept as the workers
would keep them) are computed once, in a process pool, and cached under `--work`, so the
bench times the check itself: `stages.window_checks.same_images` driven by
`pipeline.similar` (index, candidates, verification in a pool). The table gives, per N,
the CPU seconds per upload of the check (this process and the verifying pool together),
the index's counters (pairs/upload: pairs the bounded probe proposed, a vetoed pair once
from each side that proposed it; dist/upload: those
not vetoed by the readings, whose fingerprint distance was computed), and recall / false
pairs on the known re-uploads; with
`--readings` the uploads carry their owner's ID number as OCR would read it (the veto).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import random
import resource
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from stages import imagehash as ih
from stages.normalise import load_image

COPY_EVERY = 25
COPY_KINDS = ("reencode", "resize", "crop", "rephoto")
TEMPLATES = ("id_back", "diploma", "probation_cert", "degree", "social_insurance")
#: long side of a generated upload: what `imagehash.prepare` keeps of a real scan
SIDE = ih.SIDE


def _template(kind: int, person: int, rng: random.Random, photo: bool) -> Image.Image:
    """One capture of template `kind` with person `person`'s text."""
    landscape = kind in (0, 3)
    w, h = (SIDE, SIDE * 2 // 3) if landscape else (SIDE * 3 // 4, SIDE)
    bg = (205, 205, 208)
    shift = (0, 0)
    if photo:  # on a desk: another background and framing
        bg = tuple(rng.randint(40, 200) for _ in range(3))  # type: ignore[assignment]
        shift = (rng.randint(-20, 20), rng.randint(-20, 20))
    elif rng.random() < 0.5:  # a flatbed: the page placed a little differently
        shift = (rng.randint(-3, 3), rng.randint(-3, 3))
    im = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(im)
    m = w // 14
    x0, y0 = m + shift[0], m + shift[1]
    x1, y1 = w - m + shift[0], h - m + shift[1]
    paper = [(238, 238, 232), (244, 236, 214), (236, 240, 244), (248, 246, 240), (240, 240, 240)]
    d.rectangle((x0, y0, x1, y1), fill=paper[kind])
    # the template: emblem, title bars, field labels (identical for every person)
    t = random.Random(1000 + kind)
    d.ellipse((x0 + 12, y0 + 12, x0 + 52, y0 + 52), fill=(190, 30, 30))
    d.rectangle((x0 + (x1 - x0) // 4, y0 + 18, x1 - (x1 - x0) // 4, y0 + 40), fill=(40, 40, 40))
    rows = 6 + kind
    step = (y1 - y0 - 80) // rows
    for r in range(rows):
        y = y0 + 70 + r * step
        d.rectangle((x0 + 16, y, x0 + 16 + t.randint(30, 60), y + 10), fill=(80, 80, 80))
    # the person's text: values beside the labels, a photo box on some templates
    p = random.Random(person * 7919 + kind)
    for r in range(rows):
        y = y0 + 70 + r * step
        x = x0 + 90
        for _ in range(p.randint(3, 10)):
            cw = p.randint(8, 14)
            d.rectangle((x, y - 1, x + cw, y + 11), fill=(25, 25, 30))
            x += cw + 3
    if kind in (1, 3):
        tone = tuple(p.randint(90, 220) for _ in range(3))
        d.rectangle((x1 - 80, y0 + 60, x1 - 20, y0 + 140), fill=tone)  # type: ignore[arg-type]
    return im


def _jpeg(im: Image.Image, quality: int) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def _copy(im: Image.Image, kind: str, rng: random.Random) -> bytes:
    """A true re-upload of `im` of the given kind."""
    w, h = im.size
    if kind == "reencode":
        return _jpeg(im, rng.randint(50, 95))
    if kind == "resize":
        s = rng.uniform(0.8, 0.95)
        return _jpeg(im.resize((round(w * s), round(h * s)), Image.Resampling.LANCZOS), 85)
    if kind == "crop":
        c = [rng.uniform(0.02, 0.04) for _ in range(4)]
        box = (round(w * c[0]), round(h * c[1]), w - round(w * c[2]), h - round(h * c[3]))
        return _jpeg(im.crop(box), rng.randint(70, 90))
    # photographed again: other light and gamma, a softer lens, sensor noise, another size
    a = np.asarray(im).astype(np.float32) / 255
    a = np.clip(a ** rng.uniform(0.85, 1.15) * rng.uniform(0.9, 1.05), 0, 1) * 255
    a = a + np.random.default_rng(rng.randrange(1 << 30)).normal(0, 3, a.shape)
    out = Image.fromarray(np.uint8(np.clip(a, 0, 255))).filter(ImageFilter.GaussianBlur(0.7))
    out = out.resize((round(w * 0.9), round(h * 0.9)), Image.Resampling.BILINEAR)
    return _jpeg(out, 75)


def upload(seed: int, i: int) -> tuple[bytes, int, int, str]:
    """Upload i of the sequence: (bytes, template, person, copy kind or ""). Upload i is a
    copy of upload i-1 when i % COPY_EVERY == 1; its person (what it shows) is i-1's."""
    is_copy = i % COPY_EVERY == 1
    src = i - 1 if is_copy else i
    rng = random.Random(f"{seed}/{src}")
    kind, photo = rng.randrange(len(TEMPLATES)), rng.random() < 0.2
    im = _template(kind, src, rng, photo)
    if not is_copy:
        return _jpeg(im, 90), kind, src, ""
    crng = random.Random(f"{seed}/copy/{i}")
    how = COPY_KINDS[(i // COPY_EVERY) % len(COPY_KINDS)]
    return _copy(im, how, crng), kind, src, how


def _row(args: tuple[int, int]) -> str:
    seed, i = args
    data, kind, person, how = upload(seed, i)
    image = load_image(data)[0]
    return f"{i}\t{kind}\t{person}\t{how or '-'}\t{ih.fingerprint(image)}"


def prepared(seed: int, path: str) -> np.ndarray | None:
    """What `imagehash.prepare_upload` makes of the upload at `path` (regenerated from its
    number: the files are not kept), as `pipeline.similar.reread` would from the file."""
    return ih.prepare_upload(upload(seed, int(Path(path).stem))[0])


def load(work: Path, seed: int, n: int, jobs: int) -> list[tuple[int, int, int, str, str]]:
    """(i, template, person, copy kind, fingerprint) for uploads 0..n-1, from the cache
    under `work` (extended in a process pool when shorter)."""
    work.mkdir(parents=True, exist_ok=True)
    cache = work / f"prints-{seed}.tsv"
    rows = cache.read_text().splitlines() if cache.exists() else []
    if len(rows) < n:
        t0 = time.perf_counter()
        with ProcessPoolExecutor(jobs) as pool, cache.open("a") as f:
            for line in pool.map(_row, [(seed, i) for i in range(len(rows), n)], chunksize=64):
                f.write(line + "\n")
                rows.append(line)
        print(f"generated {n} uploads in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    out = []
    for line in rows[:n]:
        i, kind, person, how, fp = line.split("\t")
        out.append((int(i), int(kind), int(person), "" if how == "-" else how, fp))
    return out


def records(
    rows: list[tuple[int, int, int, str, str]],
) -> Iterator[tuple[str, str, str, str]]:
    """(applicant_id, slot, path, fingerprint): one applicant per upload."""
    for i, kind, _person, _how, fp in rows:
        yield f"A{i:06d}", TEMPLATES[kind], f"uploads/A{i:06d}/{TEMPLATES[kind]}/{i}.jpg", fp


def _id(person: int) -> str:
    """The ID number OCR reads on a person's document (distinct people differ in several
    digits, as two real numbers do)."""
    return hashlib.sha1(str(person).encode()).hexdigest()[:17].upper()


def _cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: list[str] | None = None) -> int:
    from pipeline import similar

    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("--sizes", default="1000,5000,20000")
    ap.add_argument("--work", type=Path, default=Path("eval/similar"))
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--readings", action="store_true", help="uploads carry their owner's ID number")
    ap.add_argument("--no-verify", action="store_true", help="fingerprints alone (no files)")
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",")]
    rows = load(args.work, args.seed, max(sizes), args.jobs)
    print(
        f"same-image check, document-like uploads ({len(TEMPLATES)} templates, 80 % scanned "
        f"alike), a true re-upload after every {COPY_EVERY}th; readings: "
        f"{'owner ID numbers' if args.readings else 'none'}; verification: "
        f"{'none' if args.no_verify else f'aligned files, pool of {args.jobs}'}"
    )
    head = (
        f"{'uploads':>8} {'CPU-s':>8} {'ms/upload':>9} {'wall-s':>7} {'pairs/upload':>12} "
        f"{'dist/upload':>11} "
        f"{'candidates':>10} "
        f"{'/upload':>7} {'verified':>8} {'recall':>7} {'false':>5}  recall by kind"
    )
    print(head)
    print("-" * len(head))
    for n in sizes:
        sub = rows[:n]
        recs = list(records(sub))
        person = {r[2]: p for r, (_, _, p, _, _) in zip(recs, sub, strict=True)}
        index_of = {r[2]: i for r, (i, *_rest) in zip(recs, sub, strict=True)}
        read = {path: {"id_number": _id(p)} for path, p in person.items()} if args.readings else {}
        stats: dict[str, int] = {}
        c0, w0 = _cpu(), time.perf_counter()
        found = similar.window_same_images(
            recs,
            read,
            None if args.no_verify else partial(prepared, args.seed),
            jobs=args.jobs,
            stats=stats,
        )
        cpu, wall = _cpu() - c0, time.perf_counter() - w0
        flagged = {f.file for f in found}
        true_pairs = [(r, recs[k - 1]) for k, r in enumerate(recs) if sub[k][3]]
        by_kind: dict[str, list[bool]] = {}
        for (_, _, path, _), (_, _, src, _) in true_pairs:
            how = sub[index_of[path]][3]
            by_kind.setdefault(how, []).append(path in flagged and src in flagged)
        hits = sum(sum(v) for v in by_kind.values())
        # a flagged upload that is neither a copy nor a copied original is a false match
        planted = {p for a, b in true_pairs for p in (a[2], b[2])}
        false = len(flagged - planted)
        kinds = " ".join(f"{k} {sum(v)}/{len(v)}" for k, v in sorted(by_kind.items()))
        print(
            f"{n:>8} {cpu:>8.1f} {1000 * cpu / n:>9.2f} {wall:>7.1f} "
            f"{(stats.get('comparisons', 0) + stats.get('vetoed', 0)) / n:>12.1f} "
            f"{stats.get('comparisons', 0) / n:>11.2f} "
            f"{stats.get('candidates', 0):>10} {stats.get('candidates', 0) / n:>7.2f} "
            f"{stats.get('verifications', 0):>8} {hits / max(1, len(true_pairs)):>7.3f} "
            f"{false:>5}  {kinds}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
