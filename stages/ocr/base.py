"""What every OCR engine wrapper offers, and the one error family they raise.

Engines work on numpy images (BGR, uint8) in memory; callers never see an engine's own
exception types, only `OcrError` and its subclasses, so the pipeline can turn "we could not
process this" into one finding and go on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from models.errors import ProcessingError

#: A text region as four (x, y) corners, clockwise from top-left, in image pixels.
Quad = np.ndarray


class OcrError(ProcessingError):
    """The engine could not process an image (not a problem of the applicant's material)."""


class EngineUnavailable(OcrError):
    """The engine or its language data is missing or too old."""


class OcrTimeout(OcrError):
    """The engine did not answer within its time limit."""


@dataclass(frozen=True, slots=True)
class Recognition:
    """One recognised crop: text, mean confidence, and per-character confidences."""

    text: str
    confidence: float
    char_confidences: tuple[float, ...] = ()


class OcrEngine(Protocol):
    """The interface the stages rely on; the stages take an engine of this type and never
    probe it for methods. An engine that cannot score or place characters says so by
    answering None (`support`, `char_positions`, `charset`). Workers build their own
    instance (onnxruntime sessions are not shared between processes)."""

    name: str

    @property
    def charset(self) -> frozenset[str] | None:
        """The characters the recogniser can output; None: unknown (every one assumed)."""
        ...

    def crop(self, image: np.ndarray, quad: Quad) -> np.ndarray:
        """The upright line image of one detected region."""
        ...

    def support(self, crop: np.ndarray, texts: Sequence[str]) -> list[float] | None:
        """log P(text | crop) for each candidate text; None: the engine cannot score."""
        ...

    def char_positions(self, crop: np.ndarray) -> list[tuple[str, float]] | None:
        """The line's reading, each character with the x of where it was seen; None: the
        engine cannot place characters."""
        ...

    def versions(self) -> dict[str, str]:
        """Engine and model/language-data versions, for the audit trail."""
        ...

    def detect(self, image: np.ndarray) -> list[Quad]:
        """Text-line regions, in reading order is not guaranteed."""
        ...

    def recognise(self, crops: Sequence[np.ndarray]) -> list[Recognition]:
        """Text of each single-line crop (horizontal, upright)."""
        ...

    def upside_down(self, crops: Sequence[np.ndarray]) -> list[float]:
        """For each horizontal line crop, the probability that it is turned by 180°."""
        ...


class LimitedEngine:
    """Defaults for an engine that can neither score crops nor place characters."""

    @property
    def charset(self) -> frozenset[str] | None:
        return None

    def support(self, crop: np.ndarray, texts: Sequence[str]) -> list[float] | None:
        return None

    def char_positions(self, crop: np.ndarray) -> list[tuple[str, float]] | None:
        return None


class UnavailableEngine(LimitedEngine):
    """Stands in for an engine that failed to load: every call raises the reason, so each
    upload reports it as our failure (never the applicant's) and the run goes on."""

    name = "unavailable"

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def _fail(self) -> EngineUnavailable:
        return EngineUnavailable(f"OCR engine unavailable: {self.reason}")

    def versions(self) -> dict[str, str]:
        return {"engine": f"unavailable ({self.reason})"}

    def detect(self, image: np.ndarray) -> list[Quad]:
        raise self._fail()

    def crop(self, image: np.ndarray, quad: Quad) -> np.ndarray:
        raise self._fail()

    def recognise(self, crops: Sequence[np.ndarray]) -> list[Recognition]:
        raise self._fail()

    def upside_down(self, crops: Sequence[np.ndarray]) -> list[float]:
        raise self._fail()
