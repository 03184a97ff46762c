"""A fake OCR engine for fast tests: it 'reads' lines scripted by the test."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from models import Reading, TextLine
from stages.looks import Look
from stages.ocr.base import LimitedEngine, Recognition
from stages.read import Row


def rows(*texts: str, confidence: float = 0.99) -> list[Row]:
    """One row per text, stacked top to bottom, as the reader would group them."""
    out = []
    for i, text in enumerate(texts):
        out.append(
            Row(
                (
                    TextLine(
                        text, confidence, (10, 40 * i, 10 + 30 * len(text), 40 * i + 30), "fake"
                    ),
                )
            )
        )
    return out


class FakeEngine(LimitedEngine):
    """Each detected 'line' is a horizontal band of the image; its text comes from a script."""

    name = "fake"

    def __init__(self, lines: Sequence[str], confidence: float = 0.99) -> None:
        self.lines = list(lines)
        self.confidence = confidence

    def versions(self) -> dict[str, str]:
        return {"engine": "fake"}

    def detect(self, image: np.ndarray) -> list[np.ndarray]:
        h, w = image.shape[:2]
        step = max(1, h // (len(self.lines) + 1))
        return [
            np.array(
                [
                    [5, i * step + 2],
                    [w - 5, i * step + 2],
                    [w - 5, i * step + step - 2],
                    [5, i * step + step - 2],
                ],
                dtype=np.float32,
            )
            for i in range(len(self.lines))
        ]

    def crop(self, image: np.ndarray, quad: np.ndarray) -> np.ndarray:
        """A token crop whose width tells `recognise` which scripted line it is."""
        h = image.shape[0]
        step = max(1, h // (len(self.lines) + 1))
        index = int(round((float(quad[0][1]) - 2) / step))
        return np.zeros((1, index + 1, 3), np.uint8)

    def recognise(self, crops: Sequence[np.ndarray]) -> list[Recognition]:
        return [self._scripted(c) for c in crops]

    def _scripted(self, crop: np.ndarray) -> Recognition:
        """A token crop's scripted line; a crop the stages cut themselves (a closer look) reads
        as nothing, as an engine that sees no text answers."""
        if crop.shape[0] == 1 and 1 <= crop.shape[1] <= len(self.lines):
            return Recognition(self.lines[crop.shape[1] - 1], self.confidence)
        return Recognition("", 0.0)

    def upside_down(self, crops: Sequence[np.ndarray]) -> list[float]:
        return [0.0 for _ in crops]


class FnLook(Look):
    """A closer look that re-reads a field with `fn` and can answer nothing else."""

    def __init__(self, fn: Callable[[Reading], Reading | None]) -> None:
        self.fn = fn

    def __call__(self, reading: Reading) -> Reading | None:
        return self.fn(reading)


class CrashingEngine(FakeEngine):
    """Detection fails as an engine crash does (a bug or a broken model inside it)."""

    def detect(self, image: np.ndarray) -> list[np.ndarray]:
        raise RuntimeError("simulated crash inside the engine")


class TimingOutEngine(FakeEngine):
    """Recognition never answers in time (the wrapper's own time limit fires)."""

    def recognise(self, crops: Sequence[np.ndarray]) -> list[Recognition]:
        from stages.ocr.base import OcrTimeout

        raise OcrTimeout("simulated: the engine took longer than its limit")


def one_page_pdf(content: bytes, rotate: int = 0, widths: int | None = None) -> bytes:
    """A one-page PDF (612 x 792 pt, /Rotate `rotate`) drawing `content` with Helvetica as
    /F1: the smallest file pdfplumber and pdfium both read, written by hand. `widths`: every
    character's width in the font's /Widths (a file that overstates its glyphs' widths)."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    if widths is not None:
        table = b" ".join([b"%d" % widths] * 95)
        font = (  # not one of the standard 14 fonts, whose built-in metrics would win
            b"<< /Type /Font /Subtype /Type1 /BaseFont /WideSans "
            b"/FirstChar 32 /LastChar 126 /Widths [" + table + b"] >>"
        )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Rotate %d "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>" % rotate,
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        font,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
