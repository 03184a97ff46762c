"""The same-image check: fingerprints, the band index and the `window`/`image` findings."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from stages import imagehash as ih
from stages import window_checks
from stages.normalise import load_image


def _card(seed: int, *, text: str = "", background: int = 0, shift: int = 0) -> Image.Image:
    """A 'document capture': one printed template (emblem, title bars, field labels) on a
    background, with a variable line of 'text' (dark blocks) — like every ID-card back."""
    rng = random.Random(seed)
    bg = [(120, 90, 60), (200, 200, 205), (60, 70, 80), (150, 120, 100)][background % 4]
    im = Image.new("RGB", (640, 480), bg)
    d = ImageDraw.Draw(im)
    for _ in range(40):  # background texture: wood grain, a desk, a sofa
        x, y = rng.randrange(640), rng.randrange(480)
        tone = tuple(max(0, min(255, c + rng.randint(-40, 40))) for c in bg)
        d.ellipse((x, y, x + rng.randint(10, 90), y + rng.randint(5, 40)), fill=tone)
    x0, y0 = 80 + shift, 70 + shift // 2
    d.rounded_rectangle((x0, y0, x0 + 480, y0 + 300), 18, fill=(236, 238, 235))
    d.ellipse((x0 + 20, y0 + 20, x0 + 90, y0 + 90), fill=(200, 30, 30))  # the emblem
    d.rectangle((x0 + 150, y0 + 30, x0 + 420, y0 + 55), fill=(30, 30, 30))  # 中华人民共和国
    d.rectangle((x0 + 170, y0 + 75, x0 + 400, y0 + 110), fill=(20, 20, 20))  # 居民身份证
    for row in range(2):  # 签发机关 / 有效期限 labels and values
        y = y0 + 200 + 40 * row
        d.rectangle((x0 + 60, y, x0 + 120, y + 14), fill=(60, 60, 60))
        vr = random.Random(f"{text}/{row}")
        x = x0 + 140
        for _ in range(vr.randint(6, 12)):
            w = vr.randint(10, 18)
            d.rectangle((x, y, x + w, y + 16), fill=(35, 35, 35))
            x += w + 4
    return im


def _portrait(shirt: tuple[int, int, int], skin: tuple[int, int, int]) -> Image.Image:
    """A registration photo: head and shoulders on white, as every applicant sends."""
    im = Image.new("RGB", (390, 567), (246, 246, 248))
    d = ImageDraw.Draw(im)
    d.ellipse((-60, 400, 450, 760), fill=shirt)
    d.rectangle((160, 300, 230, 430), fill=skin)
    d.ellipse((115, 130, 275, 330), fill=skin)
    d.ellipse((110, 110, 280, 220), fill=(30, 25, 20))
    return im


def _png(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def _fp(im: Image.Image) -> str:
    """Through bytes and `load_image`, as the pipeline sees an upload."""
    return ih.fingerprint(load_image(_png(im))[0])


def _copy_bytes(
    im: Image.Image, *, quality: int = 85, scale: float = 1.0, crop=(0.0, 0.0, 0.0, 0.0)
) -> bytes:
    w, h = im.size
    left, top, right, bottom = crop
    c = im.crop((round(w * left), round(h * top), w - round(w * right), h - round(h * bottom)))
    if scale != 1.0:
        c = c.resize((round(c.width * scale), round(c.height * scale)), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    c.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def _copy(im: Image.Image, **kwargs) -> str:
    return ih.fingerprint(load_image(_copy_bytes(im, **kwargs))[0])


def _same(a: str, b: str) -> bool:
    """The fingerprints alone (strict thresholds): what a run without the files decides."""
    return ih.same_image(ih.Fingerprint.parse(a), ih.Fingerprint.parse(b))


def _same_file(a: bytes, b: bytes) -> bool:
    """Both stages: the coarse fingerprint candidate, then the files aligned."""
    fa, fb = (ih.Fingerprint.parse(ih.fingerprint(load_image(x)[0])) for x in (a, b))
    grey, colour = ih.distance(fa, fb)
    if grey > ih.COARSE_GREY or colour > ih.COARSE_COLOUR:
        return False
    return ih.align(ih.prepare_upload(a), ih.prepare_upload(b)).copy


def test_fingerprint_accepts_pil_and_bgr_arrays_alike() -> None:
    im = _card(1)
    bgr = np.ascontiguousarray(np.asarray(im)[:, :, ::-1])
    assert ih.fingerprint(im) == ih.fingerprint(bgr)
    assert ih.fingerprint(im.convert("L")).startswith(ih.VERSION)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"quality": 50},
        {"quality": 95},
        {"scale": 0.8},
        {"scale": 0.9, "quality": 60},
        {"crop": (0.04, 0.04, 0.04, 0.04)},
        {"crop": (0.04, 0.0, 0.0, 0.04)},
        {"crop": (0.02, 0.03, 0.0, 0.01), "scale": 0.85, "quality": 60},
    ],
)
def test_copies_match(kwargs: dict) -> None:
    for im in (_card(7, text="天津市公安局河西分局"), _portrait((30, 35, 60), (220, 180, 150))):
        original, copy = _png(im), _copy_bytes(im, **kwargs)
        assert _same_file(original, copy) and _same_file(copy, original)
        if "crop" not in kwargs:  # re-encodes and resizes: the fingerprints alone suffice
            assert _same(_fp(im), _copy(im, **kwargs))


def test_png_jpeg_round_trip_matches() -> None:
    im = _card(3)
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=80)
    again = io.BytesIO()
    Image.open(io.BytesIO(buf.getvalue())).save(again, "PNG")
    assert _same(ih.fingerprint(load_image(buf.getvalue())[0]), _fp(Image.open(again)))


def test_two_captures_of_one_template_do_not_match() -> None:
    """Same printed template; another background, framing or the variable text."""
    base = _card(1, text="甲", background=0)
    others = [
        _card(2, text="甲", background=1),
        _card(1, text="甲", background=0, shift=40),
        _card(5, text="甲", background=0),  # another desk of one colour, same framing
    ]
    for other in others:
        assert not _same(_fp(base), _fp(other))
        assert not _same_file(_png(base), _png(other))
        assert not _same_file(_png(base), _copy_bytes(other, crop=(0.03, 0.02, 0.01, 0.03)))


def test_two_flatbed_scans_differing_only_in_text_do_not_match() -> None:
    """Same framing, background and light, only the variable text different: within what a
    16 px thumbnail can tell apart (a coarse candidate), not what the aligned files show."""
    a, b = _card(1, text="天津市公安局河西分局"), _card(1, text="天津市公安局南开分局")
    grey, _ = ih.distance(ih.Fingerprint.parse(_fp(a)), ih.Fingerprint.parse(_fp(b)))
    assert grey <= ih.COARSE_GREY
    assert not _same_file(_png(a), _png(b))
    assert not _same_file(_png(a), _copy_bytes(b, crop=(0.02, 0.02, 0.02, 0.02), scale=0.9))


def test_two_portraits_on_white_do_not_match() -> None:
    a = _portrait((30, 35, 60), (220, 180, 150))
    for other in (
        _portrait((110, 30, 35), (220, 180, 150)),
        _portrait((30, 35, 60), (170, 120, 90)),
    ):
        assert not _same(_fp(a), _fp(other))
        assert not _same_file(_png(a), _png(other))


@settings(max_examples=12)
@given(
    scale=st.floats(0.8, 1.0),
    quality=st.integers(50, 95),
    seed=st.integers(0, 50),
)
def test_any_reencoded_or_resized_copy_matches(scale: float, quality: int, seed: int) -> None:
    im = _card(seed, text=str(seed), background=seed)
    assert _same(_fp(im), _copy(im, quality=quality, scale=scale))


def test_index_finds_a_planted_pair_without_comparing_all_pairs() -> None:
    rng = np.random.default_rng(5)
    items: list[tuple[str, str]] = []
    for i in range(300):  # smooth random images: all different, none degenerate
        noise = rng.normal(0, 1, (12, 9, 3))
        im = Image.fromarray(np.uint8(np.clip(128 + 60 * noise, 0, 255))).resize(
            (360, 480), Image.Resampling.BICUBIC
        )
        items.append((f"a{i}", ih.fingerprint(im)))
        if i == 123:
            planted = im
    items.append(("copy", _copy(planted, quality=60, scale=0.9)))
    index: ih.Index[str] = ih.Index()
    for key, fp in items:
        index.add(key, fp)
    assert index.groups() == [["a123", "copy"]]
    assert index.comparisons < len(items) * (len(items) - 1) // 2 // 20


def test_precise_verifications_stay_few_among_look_alike_documents() -> None:
    """30 captures of one template (what the coarse stage cannot tell apart) and a cropped,
    resized copy of one: the copy is found, and files are opened for a few pairs only."""
    uploads: dict[str, bytes] = {}
    for i in range(30):
        uploads[f"a{i}"] = _png(_card(i, text=f"第{i}号", background=i, shift=i % 5 * 6))
    uploads["copy"] = _copy_bytes(
        _card(7, text="第7号", background=7, shift=12), crop=(0.03, 0.02, 0.04, 0.01), scale=0.9
    )
    prepared: dict[str, np.ndarray] = {}
    calls: list[tuple[str, str]] = []

    def verify(a: str, b: str) -> bool:
        calls.append((a, b))
        pa, pb = (prepared.setdefault(k, ih.prepare_upload(uploads[k])) for k in (a, b))
        return ih.align(pa, pb).copy

    index: ih.Index[str] = ih.Index()
    for key, data in uploads.items():
        index.add(key, ih.fingerprint(load_image(data)[0]))
    assert index.groups(verify=verify) == [["a7", "copy"]]
    n = len(uploads)
    assert index.verifications == len(calls) <= ih.MAX_CANDIDATES * n
    assert len(calls) < n * (n - 1) // 2 // 4, (len(calls), index.comparisons)


def test_precise_verifications_are_capped_per_upload() -> None:
    """A pathological window: 40 uploads the fingerprints cannot tell apart, none a copy.
    Each is verified against its MAX_CANDIDATES closest only: linear, not all pairs."""
    fp = _fp(_card(3))
    index: ih.Index[int] = ih.Index()
    n = 40
    for i in range(n):
        index.add(i, fp)
    seen: list[tuple[int, int]] = []
    assert index.groups(verify=lambda a, b: seen.append((a, b)) or False) == []
    assert index.verifications == len(seen) == index.candidates <= ih.MAX_CANDIDATES * n
    assert len(seen) < n * (n - 1) // 2 // 2
    assert index.over_cap == n * (n - 1) // 2 - index.candidates


def test_unreadable_files_fall_back_to_the_fingerprints() -> None:
    card = _card(1)
    items = [("a", _fp(card)), ("b", _copy(card, quality=60)), ("c", _copy(card, crop=(0.04,) * 4))]
    groups = ih.near_duplicate_groups(items, verify=lambda a, b: None)
    assert groups == [["a", "b"]]  # the crop needs the files


def test_index_skips_foreign_fingerprints() -> None:
    assert ih.near_duplicate_groups([("a", "zz00"), ("b", "h1zz")]) == []


def test_window_findings_name_the_other_applicant_and_slots() -> None:
    card, photo = _card(1), _portrait((30, 35, 60), (220, 180, 150))
    records = [
        ("A", "id_back", "uploads/A/id_back/x.jpg", _fp(card)),
        ("B", "id_back", "uploads/B/id_back/y.jpg", _copy(card, quality=60)),
        ("A", "photo", "uploads/A/photo/p.jpg", _fp(_portrait((110, 30, 35), (170, 120, 90)))),
        ("C", "diploma", "uploads/C/diploma/d.jpg", _fp(photo)),
        ("C", "degree", "uploads/C/degree/e.jpg", _copy(photo, scale=0.9)),
    ]
    found = {f.file: f for f in window_checks.same_images(records)}
    assert set(found) == {r[2] for r in records} - {"uploads/A/photo/p.jpg"}
    a = found["uploads/A/id_back/x.jpg"]
    assert (a.applicant_id, a.slot, a.field, a.status) == ("A", "window", "image", "mismatch")
    assert "B id_back" in (a.observed or "") and "考生 B 的 身份证国徽面" in a.message
    assert "考生 A" in found["uploads/B/id_back/y.jpg"].message
    c = found["uploads/C/diploma/d.jpg"]
    assert c.message == "同一图片被上传到 毕业证书 和 学位证书 两个材料栏目。"


def test_a_copied_upload_is_found_through_the_pipeline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tiny generated window, one applicant's ID-card back re-encoded into another's
    folder; the synchronous run (fake OCR: the check needs none) flags both."""
    from lab.synth import generate_window
    from pipeline import run
    from stages.ocr import rapid
    from tests.fakes import FakeEngine

    window = tmp_path / "w"
    generate_window(window, 3, seed=777, fault_rate=0.0)
    ids = sorted(p.name for p in (window / "uploads").iterdir())
    source = next((window / "uploads" / ids[0] / "id_back").iterdir())
    target_dir = window / "uploads" / ids[1] / "id_back"
    for old in target_dir.iterdir():
        old.unlink()
    im = Image.open(source).convert("RGB")
    w, h = im.size  # cropped by ~3 % per side: only the files, aligned, show it is a copy
    im = im.crop((round(w * 0.03), round(h * 0.02), w - round(w * 0.04), h - round(h * 0.03)))
    im.resize((round(im.width * 0.9), round(im.height * 0.9))).save(
        target_dir / "copy.jpg", "JPEG", quality=70
    )
    monkeypatch.setattr(rapid, "shared", lambda threads=1: FakeEngine([]))
    out = tmp_path / "out"
    run.run_window(window, out, sync=True, progress=False)
    rows = [json.loads(x) for x in (out / "findings.jsonl").read_text("utf-8").splitlines()]
    hits = {r["applicant_id"]: r for r in rows if r["slot"] == "window" and r["field"] == "image"}
    assert set(hits) == {ids[0], ids[1]}
    assert ids[1] in hits[ids[0]]["observed"] and "身份证国徽面" in hits[ids[0]]["message"]
    assert hits[ids[1]]["file"].endswith("copy.jpg")
    part = json.loads(run.part_path(out, ids[0]).read_text("utf-8"))
    assert part["fingerprints"] and run.read_part(out, ids[0], part["key"]) is not None


def test_a_template_crowding_its_buckets_is_probed_boundedly() -> None:
    """300 uploads with one fingerprint (a template scanned alike): their band buckets are
    crowded, so each upload reads only a bounded part of them (linear at 100,000
    applicants), and the candidates stay within MAX_CANDIDATES per upload; equal readings
    can still propose a pair (`extra`)."""
    fp = _fp(_card(3))
    index: ih.Index[int] = ih.Index()
    n = 300
    for i in range(n):
        index.add(i, fp)
    asked: list[tuple[int, int]] = []

    def verify(a: int, b: int) -> bool:
        asked.append((a, b))
        return (a, b) == (3, 7)

    assert index.groups(extra=[(3, 7)], verify=verify) == [[3, 7]]
    assert (3, 7) in asked and index.crowded > 0
    assert index.comparisons <= ih.PROBE_BUDGET * n < n * (n - 1) // 2
    assert len(asked) == index.verifications == index.candidates <= ih.MAX_CANDIDATES * n


def test_a_crowded_template_costs_the_same_per_upload_at_any_size() -> None:
    """Comparisons and candidates per upload do not grow with the number of look-alike
    uploads (the bounded probe), where probing whole buckets grew with them."""
    fp = _fp(_card(3))
    per_upload = []
    for n in (100, 400):
        index: ih.Index[int] = ih.Index()
        for i in range(n):
            index.add(i, fp)
        index.coarse_pairs()
        per_upload.append((index.comparisons / n, index.candidates / n))
    (c1, k1), (c2, k2) = per_upload
    assert c2 <= c1 * 1.1 and k2 <= k1 * 1.1
    assert c2 <= ih.PROBE_BUDGET and k2 <= ih.MAX_CANDIDATES


def test_a_copy_among_a_crowded_template_is_still_proposed() -> None:
    """100 flatbed scans of one template, different text (their buckets over BUCKET_CAP), and
    a re-encoded copy of one of them: the bounded probe still proposes the true pair (once
    crowded buckets were skipped and only equal readings could find it)."""
    n = 100
    items = [(k, _fp(_card(1, text=f"第{k}号"))) for k in range(n)]
    items.append((n, _copy(_card(1, text="第42号"), quality=70)))
    index: ih.Index[int] = ih.Index()
    for key, fp in items:
        index.add(key, fp)
    groups = index.groups(verify=lambda a, b: {a, b} == {42, n})
    assert groups == [[42, n]]
    assert index.crowded > 0 and index.candidates <= ih.MAX_CANDIDATES * (n + 1)


def test_the_index_keeps_about_a_kilobyte_per_upload() -> None:
    """Issue 19: the index of a national window is held in one process; its per-upload
    records are compact (they were ~7.5 KB of Python objects). Measured as the growth from
    200 to 1,200 uploads, so that one-time costs do not count."""
    import tracemalloc

    rng = np.random.default_rng(3)
    prints = [ih.fingerprint(rng.integers(0, 255, (48, 64, 3), np.uint8)) for _ in range(1200)]
    keys = [f"u{k}" for k in range(1200)]
    index: ih.Index[str] = ih.Index()
    tracemalloc.start()
    try:
        for k, (key, fp) in enumerate(zip(keys, prints, strict=True)):
            if k == 200:
                before, _ = tracemalloc.get_traced_memory()
            index.add(key, fp)
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (after - before) / 1000 < 2000, (after - before) / 1000
