"""What a run's results rest on: the code, the engines, their models and data files.

`source_hash` and `model_hashes` make the part cache key (a code change or a new model makes
finished parts stale: they are recomputed) and go into the audit record with
`engine_versions`. Each is computed once per process.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from models.errors import EngineError
from stages.ocr.derived import file_sha256

#: The product's packages: their Python sources are the code a part's key covers.
PACKAGES = ("models", "stages", "pipeline")
_ROOT = Path(__file__).resolve().parent.parent


def code_version() -> str:
    try:
        return metadata.version("certcheck")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


@functools.lru_cache(maxsize=1)
def source_hash() -> str:
    """sha256 over the product's Python sources (path and bytes, in path order)."""
    h = hashlib.sha256()
    for package in PACKAGES:
        for path in sorted((_ROOT / package).rglob("*.py")):
            h.update(path.relative_to(_ROOT).as_posix().encode())
            h.update(b"\0")
            h.update(path.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


def model_files() -> list[Path]:
    """The model and data files the engines read: PP-OCR's ONNX models, Tesseract's
    language data, the reference fonts of the glyph comparison."""
    files: list[Path] = []
    with contextlib.suppress(ImportError):
        import rapidocr

        files += sorted((Path(rapidocr.__file__).parent / "models").glob("*.onnx"))
    for folder in (
        Path("/usr/share/tesseract-ocr/5/tessdata"),
        Path("/usr/share/tesseract-ocr/4.00/tessdata"),
    ):
        files += [folder / f"{lang}.traineddata" for lang in ("chi_sim", "eng", "osd")]
    from stages import glyphs

    files += [Path(path) for path, _index in glyphs.REFERENCE_FONTS]
    return [f for f in files if f.is_file()]


@functools.lru_cache(maxsize=1)
def model_hashes() -> dict[str, str]:
    """File name → sha256 of every model and data file in use, the derived models of the
    configured OCR precision included (made here, before any worker needs them)."""
    hashes = {f.name: file_sha256(f) for f in model_files()}
    hashes.update({m.path.name: m.sha256 for m in _derived().values()})
    return hashes


def _derived() -> dict[str, Any]:
    """The derived models of $CERTCHECK_OCR_PRECISION (issue 19); failing to make them
    stops the run (exit 7), no applicant blamed."""
    from stages.ocr import rapid
    from stages.ocr.base import EngineUnavailable

    try:
        return rapid.derived_models(rapid.configured_precision())
    except EngineUnavailable as exc:
        raise EngineError(f"the OCR engine cannot be started: {exc}") from exc


def engine_versions() -> dict[str, str]:
    """Versions of the code, the libraries and engines, for the report and the audit."""
    versions = {"certcheck": code_version(), "python": sys.version.split()[0]}
    for dist in (
        "rapidocr",
        "onnxruntime",
        "opencv-python-headless",
        "Pillow",
        "dask",
        "pytesseract",
        "pdfplumber",
    ):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[dist] = metadata.version(dist)
    from stages import glyphs

    versions.update(glyphs.font_versions())
    for model in _derived().values():  # issue 19: int8 models, recorded with how they were made
        versions["ppocr_precision"] = "int8"
        versions[f"ppocr_derived:{model.path.name}"] = (
            f"sha256 {model.sha256} from sha256 {model.source_sha256}, {model.recipe.describe()}"
        )
    try:
        from stages.ocr.tesseract import probe

        versions.update({f"tesseract:{k}": v for k, v in probe().items()})
    except Exception as exc:  # noqa: BLE001 - recorded, not fatal: the run uses PP-OCR
        versions["tesseract"] = f"unavailable ({exc})"
    return versions
