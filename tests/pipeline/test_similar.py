"""pipeline.similar: candidates of the same-image check verified in chunks, in parallel."""

from __future__ import annotations

import io
from functools import partial
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from pipeline import similar
from stages import imagehash as ih
from stages.normalise import load_image

LOADS: list[str] = []


def _page(seed: int) -> Image.Image:
    """A page of 'text' blocks, different for every seed."""
    rng = np.random.default_rng(seed)
    im = Image.new("RGB", (360, 480), (240, 240, 236))
    d = ImageDraw.Draw(im)
    for row in range(12):
        x = 20
        while x < 320:
            w = int(rng.integers(8, 30))
            d.rectangle((x, 30 + 36 * row, x + w, 46 + 36 * row), fill=(30, 30, 30))
            x += w + int(rng.integers(4, 20))
    return im


def _jpeg(im: Image.Image, quality: int = 85) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def _files() -> dict[str, bytes]:
    """Three pages and a 3 %-cropped, resized re-upload of the first."""
    files = {f"p{k}.jpg": _jpeg(_page(k)) for k in range(3)}
    im = _page(0)
    w, h = im.size
    crop = im.crop((11, 14, w - 11, h - 14)).resize((300, 393))
    files["copy.jpg"] = _jpeg(crop, 70)
    return files


FILES = _files()


def _load(path: str) -> np.ndarray | None:
    LOADS.append(path)
    data = FILES.get(path)
    return None if data is None else ih.prepare_upload(data)


def test_verify_chunk_prepares_each_upload_once() -> None:
    LOADS.clear()
    pairs = [("p0.jpg", "copy.jpg"), ("p0.jpg", "p1.jpg"), ("p1.jpg", "copy.jpg")]
    assert similar.verify_chunk(_load, pairs) == [True, False, False]
    assert sorted(LOADS) == ["copy.jpg", "p0.jpg", "p1.jpg"]


def test_an_unreadable_upload_is_left_to_the_fingerprints() -> None:
    assert similar.verify_all(_load, [("p0.jpg", "gone.jpg")]) == [None]


def test_verify_all_keeps_the_order_of_the_pairs_across_chunks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(similar, "CHUNK", 2)
    pairs = [("p2.jpg", "p1.jpg"), ("copy.jpg", "p0.jpg"), ("p1.jpg", "p0.jpg")]
    assert similar.verify_all(_load, pairs) == [False, True, False]


def test_window_same_images_finds_a_cropped_copy_from_the_files(tmp_path: Path) -> None:
    """Through the files under a window root (`reread`), a cropped copy on another
    applicant is found; the fingerprints alone do not find a crop."""
    records = []
    for aid, name in (("A", "p0.jpg"), ("B", "copy.jpg"), ("C", "p1.jpg"), ("D", "p2.jpg")):
        rel = f"uploads/{aid}/diploma/{name}"
        (tmp_path / rel).parent.mkdir(parents=True)
        (tmp_path / rel).write_bytes(FILES[name])
        records.append((aid, "diploma", rel, ih.fingerprint(load_image(FILES[name])[0])))
    stats: dict[str, int] = {}
    found = similar.window_same_images(
        records, {}, partial(similar.reread, str(tmp_path)), jobs=1, stats=stats
    )
    assert sorted(f.applicant_id for f in found) == ["A", "B"]
    assert stats["verifications"] >= 1
    assert similar.window_same_images(records, {}, None) == []
