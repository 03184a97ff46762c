"""Tesseract through pytesseract: version gate, timeouts, single-threaded, errors translated.

Tesseract is the baseline engine and the second opinion on numbers. It is run as a
subprocess by pytesseract; `OMP_THREAD_LIMIT=1` keeps each call on one core because we
parallelise across worker processes instead (as OCRmyPDF does).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from .. import timing
from .base import EngineUnavailable, LimitedEngine, OcrError, OcrTimeout, Quad, Recognition

NAME = "tesseract"
MIN_VERSION = (4, 1)
DEFAULT_TIMEOUT = 30.0


@lru_cache(maxsize=1)
def probe() -> dict[str, str]:
    """Check once per process that tesseract and its language data are usable."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        out = subprocess.run(
            ["tesseract", "--version"], capture_output=True, text=True, timeout=20, check=True
        )
        langs = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=20, check=True
        )
    except FileNotFoundError as exc:
        raise EngineUnavailable(
            "tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim "
            "tesseract-ocr-osd, or run `make install`)"
        ) from exc
    except (subprocess.SubprocessError, OSError) as exc:
        raise EngineUnavailable(f"tesseract does not run: {exc}") from exc
    text = out.stdout + out.stderr
    m = re.search(r"tesseract\s+v?(\d+)\.(\d+)(?:\.(\d+))?", text)
    if not m:
        raise EngineUnavailable(f"cannot read the tesseract version from {text[:80]!r}")
    version = tuple(int(g or 0) for g in m.groups())
    if version[:2] < MIN_VERSION:
        raise EngineUnavailable(f"tesseract {m.group(0)} is older than 4.1")
    available = set(langs.stdout.split()[1:]) if langs.stdout else set()
    missing = {"chi_sim", "osd"} - available
    if missing:
        raise EngineUnavailable(f"tesseract language data missing: {', '.join(sorted(missing))}")
    tessdata = re.search(r'"(.+?)"', langs.stdout.splitlines()[0] if langs.stdout else "")
    data_dir = Path(tessdata.group(1)) if tessdata else Path()
    info = {"engine": f"tesseract {'.'.join(map(str, version))}"}
    for lang in ("chi_sim", "eng", "osd"):
        f = data_dir / f"{lang}.traineddata"
        if f.exists():
            info[f"{lang}.traineddata"] = f"{f.stat().st_size} bytes"
    return info


class TesseractEngine(LimitedEngine):
    """Tesseract, one line at a time: the second engine that re-reads a disagreeing field."""

    name = NAME

    def __init__(self, lang: str = "chi_sim", timeout: float = DEFAULT_TIMEOUT) -> None:
        self._info = probe()
        self.lang = lang
        self.timeout = timeout

    def versions(self) -> dict[str, str]:
        return dict(self._info)

    def _call(self, fn_name: str, image: np.ndarray, config: str, lang: str | None = None) -> str:
        import pytesseract

        fn = getattr(pytesseract, fn_name)
        try:
            kwargs = {"config": config, "timeout": self.timeout}
            if lang is not None:
                kwargs["lang"] = lang
            with timing.stage("tesseract", children=True):
                return str(fn(_to_rgb(image), **kwargs))
        except RuntimeError as exc:  # pytesseract raises RuntimeError on its own timeout
            if "timeout" in str(exc).lower():
                raise OcrTimeout(f"tesseract took longer than {self.timeout:.0f} s") from exc
            raise OcrError(f"tesseract failed: {exc}") from exc
        except pytesseract.TesseractError as exc:
            raise OcrError(f"tesseract failed: {exc.message or exc}") from exc
        except (OSError, ValueError) as exc:
            raise OcrError(f"tesseract failed: {exc}") from exc

    def detect(self, image: np.ndarray) -> list[Quad]:
        raise OcrError("the tesseract wrapper does not offer line detection; use ppocr")

    def crop(self, image: np.ndarray, quad: Quad) -> np.ndarray:
        raise OcrError("the tesseract wrapper does not offer line detection; use ppocr")

    def recognise(self, crops: Sequence[np.ndarray]) -> list[Recognition]:
        out = []
        for crop in crops:
            text = self._call("image_to_string", crop, "--psm 7", self.lang)
            out.append(Recognition(re.sub(r"\s+", "", text), 0.5))
        return out

    def upside_down(self, crops: Sequence[np.ndarray]) -> list[float]:
        raise OcrError("the tesseract wrapper does not classify line orientation")

    def page_text(self, image: np.ndarray, lang: str = "chi_sim+eng") -> str:
        """Whole-page recognition (psm 3): the naive baseline the benchmark compares with."""
        return self._call("image_to_string", image, "--psm 3", lang)

    def osd_rotation(self, image: np.ndarray) -> tuple[int, float]:
        """Tesseract OSD: (clockwise content rotation, confidence); (0, 0.0) when it gives up."""
        try:
            text = self._call("image_to_osd", image, "--psm 0")
        except OcrError as exc:
            if "Too few characters" in str(exc) or "Invalid resolution" in str(exc):
                return 0, 0.0
            raise
        rot = re.search(r"Orientation in degrees:\s*(\d+)", text)
        conf = re.search(r"Orientation confidence:\s*([\d.]+)", text)
        return (int(rot.group(1)) if rot else 0), (float(conf.group(1)) if conf else 0.0)


def _to_rgb(image: np.ndarray) -> np.ndarray:
    if image.ndim == 3 and image.shape[2] == 3:
        return np.ascontiguousarray(image[:, :, ::-1])
    return image
