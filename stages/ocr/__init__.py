"""OCR engines: one wrapper module each, behind `stages.ocr.base.OcrEngine`."""

from __future__ import annotations

from .base import EngineUnavailable, OcrEngine, OcrError, OcrTimeout, Recognition

__all__ = ["EngineUnavailable", "OcrEngine", "OcrError", "OcrTimeout", "Recognition"]
