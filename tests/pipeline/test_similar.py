"""pipeline.similar: candidates of the same-image check verified in chunks, in parallel."""

from __future__ import annotations

import io
from collections.abc import ItemsView, Iterator, Mapping
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import numpy as np
import pytest
from PIL import Image, ImageDraw

from models import ApplicantResult
from pipeline import similar
from pipeline.window import Window
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


class _Passes(Mapping[str, ApplicantResult]):
    """Results that count their passes and refuse lookups (a disk-backed mapping read in
    form order, issue 19)."""

    def __init__(self, results: dict[str, ApplicantResult]) -> None:
        self.results, self.passes = results, 0

    def __getitem__(self, aid: str) -> ApplicantResult:
        raise AssertionError(f"looked up {aid}")

    def __iter__(self) -> Iterator[str]:
        self.passes += 1
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def items(self) -> ItemsView[str, ApplicantResult]:
        self.passes += 1
        return self.results.items()


def test_window_findings_read_the_results_once_and_add_to_them_as_a_view(tmp_path: Path) -> None:
    for aid in ("A", "B"):
        (tmp_path / f"uploads/{aid}/diploma").mkdir(parents=True)
        (tmp_path / f"uploads/{aid}/diploma/p0.jpg").write_bytes(FILES["p0.jpg"])
    fps = {
        a: ih.fingerprint(load_image(FILES[f])[0])
        for a, f in zip("ABC", ["p0.jpg"] * 2 + ["p1.jpg"], strict=True)
    }
    results = _Passes(
        {
            aid: ApplicantResult(
                applicant_id=aid,
                findings=(),
                pages=(),
                readings=(),
                fingerprints=(("diploma", f"uploads/{aid}/diploma/p0.jpg", fps[aid]),),
            )
            for aid in ("A", "B", "C")
        }
    )
    window = cast(Window, SimpleNamespace(forms={}, info=SimpleNamespace(root=tmp_path)))
    extra = similar.window_findings(window, results)
    assert results.passes == 1 and sorted(extra) == ["A", "B"]
    view = similar.WithFindings(results, extra)
    found = {aid: r.findings for aid, r in view.items()}
    assert results.passes == 2 and [len(found[a]) for a in "ABC"] == [1, 1, 0]
    assert found["A"][0].check == "window.same_image" and len(view) == 3
