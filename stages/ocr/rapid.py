"""PP-OCR (det / 180° cls / rec) through RapidOCR's onnxruntime models.

The models ship inside the `rapidocr` wheel, so nothing is downloaded at run time. We call the
three predictors separately (not the all-in-one `__call__`) because normalisation reuses the
detector's boxes for orientation and deskew, and reading only needs the recogniser on crops.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from .. import timing
from . import ctc, derived
from .base import EngineUnavailable, OcrError, Quad, Recognition

NAME = "ppocr"
#: The recogniser pads every crop to at least this width (RapidOCR's default is 320): with
#: one crop per call, a two-character label then cost as much as a whole line. 96 px cut
#: recognition time by 27% (summed over the five materials of the sample window) with the same
#: reads.
REC_MIN_WIDTH = 96
_LOCK = threading.Lock()

#: What the models can run at (issue 19, `make bench-models`). "fp32": the wheel's models as
#: shipped (the default). "int8": the recogniser's MatMul weights quantised to int8
#: (onnxruntime dynamic quantisation, made from the wheel's model into the cache of
#: `stages.ocr.derived`); its convolutions and the detector stay fp32, since every int8 form
#: of them measured either cost more or read too many crops differently.
PRECISIONS = ("fp32", "int8")
#: The environment variable the operator sets (or `certcheck run --ocr-precision`).
PRECISION_ENV = "CERTCHECK_OCR_PRECISION"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
INT8_REC = derived.Recipe(
    method="dynamic", weight_type="QInt8", per_channel=True, op_types=("MatMul",)
)


def configured_precision() -> str:
    """The precision $CERTCHECK_OCR_PRECISION asks for ("fp32" when unset)."""
    value = os.environ.get(PRECISION_ENV, "").strip() or "fp32"
    if value not in PRECISIONS:
        raise EngineUnavailable(f"{PRECISION_ENV}={value!r} is not one of {', '.join(PRECISIONS)}")
    return value


def wheel_model(name: str) -> Path:
    """A model file shipped inside the rapidocr wheel."""
    try:
        import rapidocr
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise EngineUnavailable(f"rapidocr is not installed: {exc}") from exc
    path = Path(rapidocr.__file__).parent / "models" / name
    if not path.is_file():
        raise EngineUnavailable(f"the rapidocr wheel has no {name}")
    return path


def derived_models(precision: str, cache: Path | None = None) -> dict[str, derived.Derived]:
    """The derived models `precision` runs on, by role ("rec", "det"; made now when not
    cached); none for fp32."""
    if precision not in PRECISIONS:
        raise EngineUnavailable(f"unknown OCR precision {precision!r}")
    if precision == "int8":
        return {"rec": derived.derive(wheel_model(REC_MODEL), INT8_REC, cache)}
    return {}


class RapidEngine:
    """One instance per process: onnxruntime sessions are not shared between processes."""

    name = NAME

    def __init__(
        self,
        threads: int = 1,
        det_limit_side: int = 736,
        precision: str = "fp32",
        cache: Path | None = None,
    ) -> None:
        """`precision`: one of PRECISIONS; `cache`: the derived models' folder (default:
        `derived.default_cache()`)."""
        try:
            from rapidocr import RapidOCR
            from rapidocr.ch_ppocr_rec import TextRecInput
            from rapidocr.utils.process_img import get_rotate_crop_image
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise EngineUnavailable(f"rapidocr is not installed: {exc}") from exc
        params: dict[str, Any] = {
            "Global.log_level": "error",
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            "Det.limit_side_len": det_limit_side,
            "Det.limit_type": "max",
            # rapidocr turns the arena off; on one thread it saves ~15% of detection time
            "EngineConfig.onnxruntime.enable_cpu_mem_arena": True,
            "Rec.rec_batch_num": 1,
            "Rec.rec_img_shape": [3, 48, REC_MIN_WIDTH],
        }
        made = derived_models(precision, cache)
        if "rec" in made:
            params["Rec.model_path"] = str(made["rec"].path)
        if "det" in made:
            params["Det.model_path"] = str(made["det"].path)
        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        try:
            self._ocr = RapidOCR(params=params)
            self._det = self._ocr._load_det_model()
            self._cls = self._ocr._load_cls_model()
            self._rec = self._ocr._load_rec_model()
        except Exception as exc:  # noqa: BLE001 - any engine failure is ours to translate
            raise EngineUnavailable(f"PP-OCR models could not be loaded: {exc}") from exc
        _table_preprocess(self._det)
        self._charset: frozenset[str] | None = None
        self._index: dict[str, int] | None = None
        self._rec_input = TextRecInput
        self._crop = get_rotate_crop_image
        self._versions = {
            "engine": f"rapidocr {metadata.version('rapidocr')}",
            "onnxruntime": metadata.version("onnxruntime"),
            "det_model": Path(str(self._ocr.cfg.Det.model_path or "PP-OCRv6_det_small")).name,
            "rec_model": Path(str(self._ocr.cfg.Rec.model_path or "PP-OCRv6_rec_small")).name,
            "cls_model": Path(str(self._ocr.cfg.Cls.model_path or "ppocr_mobile_v2.0_cls")).name,
            "precision": precision,
        }
        for role, model in made.items():  # for audit: the derived model and what made it
            self._versions.update(
                {
                    f"{role}_model_sha256": model.sha256,
                    f"{role}_source_sha256": model.source_sha256,
                    f"{role}_quantisation": model.recipe.describe(),
                    f"{role}_quantisation_settings": model.recipe.settings(),
                }
            )
        self.precision = precision

    def versions(self) -> dict[str, str]:
        return dict(self._versions)

    @property
    def charset(self) -> frozenset[str]:
        """Every character the recogniser can output (its CTC dictionary)."""
        if self._charset is None:
            chars = getattr(self._rec.postprocess_op, "character", None) or []
            self._charset = frozenset(c for c in chars if isinstance(c, str) and len(c) == 1)
        return self._charset

    def detect(self, image: np.ndarray) -> list[Quad]:
        try:
            with timing.stage("detect"):
                out = self._det(np.ascontiguousarray(image))
        except Exception as exc:  # noqa: BLE001
            raise OcrError(f"PP-OCR detection failed: {exc}") from exc
        if out.boxes is None:
            return []
        return [np.asarray(b, dtype=np.float32) for b in out.boxes]

    def crop(self, image: np.ndarray, quad: Quad) -> np.ndarray:
        """The quad's content warped to a horizontal strip (tall strips are turned 90° CCW)."""
        return self._crop(image, np.asarray(quad, dtype=np.float32).copy())

    def recognise(self, crops: Sequence[np.ndarray]) -> list[Recognition]:
        if not crops:
            return []
        try:
            with timing.stage("recognise"):
                out = self._rec(self._rec_input(img=list(crops), return_word_box=False))
        except Exception as exc:  # noqa: BLE001
            raise OcrError(f"PP-OCR recognition failed: {exc}") from exc
        txts = out.txts or ()
        scores = list(out.scores or ())
        return [Recognition(str(t), float(s)) for t, s in zip(txts, scores, strict=False)]

    def support(self, crop: np.ndarray, texts: Sequence[str]) -> list[float]:
        """log P(text | crop) under the recogniser's CTC output, for each candidate text
        (see `ctc.log_prob`): how well the crop supports each reading."""
        if not texts:
            return []
        if self._index is None:
            chars = self._rec.postprocess_op.character
            self._index = {c: i for i, c in enumerate(chars) if i and isinstance(c, str)}
        probs, _ratio = self._frames(crop)
        return [ctc.log_prob(probs, t, self._index) for t in texts]

    def _frames(self, crop: np.ndarray) -> tuple[np.ndarray, float]:
        """The recogniser's per-frame class probabilities for one crop (T, C), and the width
        ratio its input was padded to."""
        try:
            h, w = crop.shape[:2]
            ratio = max(w / max(1, h), REC_MIN_WIDTH / 48)
            with timing.stage("recognise"):
                batch = self._rec.resize_norm_img(crop, ratio)[np.newaxis].astype(np.float32)
                return np.asarray(self._rec.session(batch))[0], ratio
        except Exception as exc:  # noqa: BLE001
            raise OcrError(f"PP-OCR recognition failed: {exc}") from exc

    def char_positions(self, crop: np.ndarray) -> list[tuple[str, float]]:
        """The greedy reading of a line crop, each character with the x (crop pixels) of its
        CTC peak: where in the line the recogniser saw it."""
        probs, ratio = self._frames(crop)
        h, w = crop.shape[:2]
        chars = self._rec.postprocess_op.character
        # frames span the padded input; the crop fills the first `used` pixels of it
        padded = int(48 * ratio)
        used = min(padded, int(np.ceil(48 * w / max(1, h))))
        per_frame = padded / probs.shape[0] * (w / max(1, used))
        out: list[tuple[str, float]] = []
        prev, start = 0, 0
        labels = [*probs.argmax(axis=1).tolist(), 0]
        for t, label in enumerate(labels):
            if label != prev:
                if prev != 0:
                    out.append((str(chars[prev]), ((start + t - 1) / 2 + 0.5) * per_frame))
                start = t
            prev = label
        return out

    def upside_down(self, crops: Sequence[np.ndarray]) -> list[float]:
        if not crops:
            return []
        try:
            with timing.stage("classify180"):
                out = self._cls(list(crops))
        except Exception as exc:  # noqa: BLE001
            raise OcrError(f"PP-OCR orientation classifier failed: {exc}") from exc
        probs = []
        for label, score in out.cls_res or []:
            probs.append(float(score) if "180" in str(label) else 1.0 - float(score))
        return probs


class _TablePreprocess:
    """The detector's input, as RapidOCR's own preprocessing makes it, from a table of the
    256 values a byte can take (issue 19): RapidOCR scales, centres and divides each pixel
    in float64 then casts, ~8 ms a page at 576 px on one core; a looked-up byte gives the very
    same float32 in ~1 ms. The table is made by RapidOCR's own `normalize`, so it follows its
    mean, std and scale; anything but a BGR byte image takes RapidOCR's own path."""

    def __init__(self, base: Any, table: np.ndarray) -> None:
        self.base = base
        self.table = table  # (1, 256, 3) float32

    def __call__(self, img: np.ndarray) -> np.ndarray | None:
        if img.dtype != np.uint8 or img.ndim != 3 or img.shape[2] != 3:
            return self.base(img)  # type: ignore[no-any-return]
        resized = self.base.resize(img)
        if resized is None:
            return None
        values = cv2.LUT(np.ascontiguousarray(resized), self.table)
        return np.ascontiguousarray(values.transpose(2, 0, 1))[np.newaxis]


def _table_preprocess(det: Any) -> None:
    """Give the detector `_TablePreprocess` (it builds its preprocessing on every call)."""
    make = getattr(det, "get_preprocess", None)
    if make is None:
        return
    base = make()
    if not hasattr(base, "normalize") or not hasattr(base, "resize"):
        return
    byte = np.repeat(np.arange(256, dtype=np.uint8).reshape(256, 1, 1), 3, axis=2)
    table = np.ascontiguousarray(np.asarray(base.normalize(byte), np.float32).reshape(1, 256, 3))

    def get_preprocess() -> _TablePreprocess:
        return _TablePreprocess(make(), table)

    det.get_preprocess = get_preprocess


_INSTANCES: dict[str, RapidEngine] = {}


def shared(threads: int = 1, precision: str = "fp32") -> RapidEngine:
    """The process's engine at `precision` (a run's tasks name theirs), built on first use
    (models load once per worker process)."""
    with _LOCK:
        if precision not in _INSTANCES:
            _INSTANCES[precision] = RapidEngine(threads=threads, precision=precision)
        return _INSTANCES[precision]
