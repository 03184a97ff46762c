"""Issue 19: the recogniser at int8 (RapidEngine(precision="int8")), with the real models: its
model derived from the wheel's into the cache once, recorded in versions(), and the same
reads as fp32 on rendered lines."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from stages.ocr import derived
from stages.ocr.base import EngineUnavailable

FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
LINES = ("姓名张伟", "公民身份号码12010119970125746X", "天津市第一中心医院", "2021年07月01日")


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def int8(cache: Path):  # type: ignore[no-untyped-def]
    from stages.ocr.rapid import RapidEngine

    return RapidEngine(precision="int8", cache=cache)


def line(text: str) -> np.ndarray:
    img = Image.new("RGB", (40 * len(text) + 40, 64), "white")
    ImageDraw.Draw(img).text((20, 8), text, font=ImageFont.truetype(FONT, 36), fill="black")
    return np.asarray(img)[:, :, ::-1].copy()


def test_int8_reads_rendered_lines_as_fp32_does(int8) -> None:  # type: ignore[no-untyped-def]
    from stages.ocr.rapid import RapidEngine

    fp32 = RapidEngine()
    crops = [line(t) for t in LINES]
    want = [r.text for r in fp32.recognise(crops)]
    assert want == list(LINES)  # the lines are legible: a fair comparison
    assert [r.text for r in int8.recognise(crops)] == want
    assert fp32.versions()["precision"] == "fp32" and "rec_model_sha256" not in fp32.versions()


def test_versions_record_the_derived_model_and_how_it_was_made(int8, cache: Path) -> None:  # type: ignore[no-untyped-def]
    from stages.ocr.rapid import INT8_REC, REC_MODEL, wheel_model

    v = int8.versions()
    (made,) = sorted(cache.glob("*.onnx"))
    assert v["precision"] == "int8"
    assert v["rec_model"] == made.name
    assert v["rec_model_sha256"] == derived.file_sha256(made)
    assert v["rec_source_sha256"] == derived.file_sha256(wheel_model(REC_MODEL))
    assert v["rec_quantisation_settings"] == INT8_REC.settings()
    assert "QInt8" in v["rec_quantisation"] and "MatMul" in v["rec_quantisation"]


def test_the_derived_model_is_reused_and_a_damaged_one_made_again(
    int8, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from stages.ocr.rapid import RapidEngine

    (made,) = sorted(cache.glob("*.onnx"))
    good = made.read_bytes()

    def not_again(src: Path, dst: Path, recipe: derived.Recipe) -> None:
        raise AssertionError("made again although cached")

    monkeypatch.setattr(derived, "quantise", not_again)
    assert RapidEngine(precision="int8", cache=cache).versions() == int8.versions()
    monkeypatch.undo()
    made.write_bytes(good[:1000])  # a file cut short
    again = RapidEngine(precision="int8", cache=cache)
    assert made.read_bytes() == good and again.versions() == int8.versions()


def test_an_unknown_precision_is_our_failure(cache: Path) -> None:
    from stages.ocr.rapid import RapidEngine

    with pytest.raises(EngineUnavailable):
        RapidEngine(precision="int4", cache=cache)


def test_the_quantiser_makes_the_same_bytes_every_time(cache: Path, tmp_path: Path) -> None:
    """Workers that make it at once rename equal files over each other, and the sha256 the
    main process records is the one every worker loads."""
    from stages.ocr.rapid import derived_models

    assert (
        derived_models("int8", cache)["rec"].sha256
        == derived_models("int8", tmp_path)["rec"].sha256
    )
