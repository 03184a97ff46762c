"""The Tesseract wrapper against the real engine: versions, orientation, errors translated."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from stages.ocr.base import OcrError, OcrTimeout
from stages.ocr.tesseract import TesseractEngine

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def _line(text: str) -> np.ndarray:
    img = Image.new("RGB", (60 + 40 * len(text), 90), "white")
    ImageDraw.Draw(img).text((20, 15), text, fill="black", font=ImageFont.truetype(FONT, 40))
    return np.asarray(img)[:, :, ::-1].copy()


def _page() -> np.ndarray:
    img = Image.new("RGB", (1200, 900), "white")
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 34)
    for i in range(12):
        d.text(
            (60, 40 + i * 70),
            "The quick brown fox jumps over the lazy dog 12345",
            fill="black",
            font=font,
        )
    return np.asarray(img)[:, :, ::-1].copy()


def test_versions_are_recorded() -> None:
    v = TesseractEngine().versions()
    assert v["engine"].startswith("tesseract ")
    assert "chi_sim.traineddata" in v


def test_reads_a_number_line() -> None:
    (rec,) = TesseractEngine(lang="eng").recognise([_line("120101199701257460")])
    assert rec.text == "120101199701257460"


def test_osd_finds_an_upside_down_page() -> None:
    rotation, conf = TesseractEngine().osd_rotation(np.ascontiguousarray(np.rot90(_page(), 2)))
    assert rotation == 180 and conf > 0


def test_timeout_and_failures_become_our_errors() -> None:
    engine = TesseractEngine(timeout=0.001)
    with pytest.raises(OcrTimeout):
        engine.page_text(_page())
    with pytest.raises(OcrError):
        TesseractEngine(lang="no_such_language").recognise([_line("12")])
