"""Issue 19: the detector's input made from a byte table is RapidOCR's own, value for value,
so the boxes it finds are the same."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from stages.normalise import load_image

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "window" / "uploads"


@pytest.fixture(scope="module")
def engine():  # type: ignore[no-untyped-def]
    from stages.ocr.rapid import RapidEngine

    return RapidEngine()


def test_the_detectors_table_input_is_rapidocrs_own_and_finds_the_same_boxes(engine) -> None:  # type: ignore[no-untyped-def]
    from rapidocr.ch_ppocr_det.utils import DetPreProcess

    from stages.ocr.rapid import _TablePreprocess

    det = engine._det
    table = det.get_preprocess()
    assert isinstance(table, _TablePreprocess)
    own = DetPreProcess(det.limit_side_len, det.limit_type, det.mean, det.std)
    page, _exif = load_image(sorted(SAMPLES.glob("*/licence/*.jpg"))[0].read_bytes())
    rng = np.random.default_rng(19)
    for image in (page, page[::3, ::2], rng.integers(0, 256, (97, 701, 3), dtype=np.uint8)):
        image = np.ascontiguousarray(image)
        expected, got = own(image), table(image)
        assert got.dtype == expected.dtype and np.array_equal(got, expected)
    floats = rng.random((64, 80, 3)) * 255  # not a byte image: RapidOCR's own path
    assert np.array_equal(table(floats), own(floats))
    boxes = engine.detect(page)
    patched = det.get_preprocess
    det.get_preprocess = lambda: own
    try:
        plain = engine.detect(page)
    finally:
        det.get_preprocess = patched
    assert len(boxes) == len(plain) > 0
    assert all(np.array_equal(a, b) for a, b in zip(boxes, plain, strict=True))
