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
    """The interface the stages rely on. Implementations must be picklable by name only:
    workers build their own instance (see `stages.ocr.get_engine`)."""

    name: str

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
