"""Issue 19: the same PP-OCR models, run cheaper? (`make bench-models`)

Real inputs are harvested first: the product's own `process_applicant` runs with the fp32
engine over a generated window of the tuned layout families (a tuning seed, never a held-out
family or the real data), and every image handed to `detect` and every crop handed to
`recognise` is kept (`eval/bench-models/harvest-seed<S>.pkl`, reused by later runs). Then each
variant's ONNX sessions replace the engine's own, and on one thread it reads the same crops and
detects on the same pages:

- rec: CPU ms per crop (`time.process_time`: the machine is shared, wall time is noise), the
  session's share of it, the share of crops whose text equals the fp32 read and the mean
  character edit distance to it;
- det: CPU ms per page, the share of fp32 boxes matched by a box of the variant (polygon IoU
  >= 0.7) and, of the matched boxes, the share whose reads (the fp32 recogniser on each box's
  crop) are equal.

Static (QDQ) quantisation is calibrated on the inputs of another tuning seed's window.

The "v4 mobile" variants are smaller models, not the same ones: the PP-OCRv4 mobile det/rec of
the PyPI wheel `rapidocr_onnxruntime==1.4.4`, fetched into `<work>/wheels` when missing (`pip
download --no-deps`: never installed, it needs opencv-python) and read out of the zip. Their
recogniser has its own character list (its ONNX metadata), so its output is decoded with that
list by RapidOCR's own CTC decoder and compared as text with the v6 fp32 read; its row also
says how many v6 reads hold a character the v4 list lacks.
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from stages.textnorm import edit_distance

Session = Callable[[np.ndarray], np.ndarray]

IOU_MATCH = 0.7

#: The PyPI wheel with the PP-OCRv4 mobile models, and where they are inside it.
V4_WHEEL = "rapidocr_onnxruntime==1.4.4"
V4_MEMBERS = {
    "rec": "rapidocr_onnxruntime/models/ch_PP-OCRv4_rec_infer.onnx",
    "det": "rapidocr_onnxruntime/models/ch_PP-OCRv4_det_infer.onnx",
}
#: Rare characters of names that the recogniser must be able to say (checked in each list).
RARE_NAME_CHARS = "䶮玙彧"


@dataclass
class Harvest:
    """What the fp32 engine was asked during one window's run."""

    pages: list[np.ndarray] = field(default_factory=list)
    crops: list[np.ndarray] = field(default_factory=list)


class _Recorder:
    """The engine, with every detector page and recogniser crop kept on the way."""

    def __init__(self, engine: Any, harvest: Harvest) -> None:
        self._engine = engine
        self._harvest = harvest

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def detect(self, image: np.ndarray) -> Any:
        self._harvest.pages.append(np.array(image, copy=True))
        return self._engine.detect(image)

    def recognise(self, crops: Sequence[np.ndarray]) -> Any:
        self._harvest.crops.extend(np.array(c, copy=True) for c in crops)
        return self._engine.recognise(crops)


def harvest(work: Path, seed: int, applicants: int, hard: float) -> Harvest:
    """Run the product over a generated tuned window of `seed`, keeping the engine's inputs."""
    cache = work / f"harvest-seed{seed}-n{applicants}-h{hard}.pkl"
    if cache.is_file():
        with cache.open("rb") as f:
            kept: Harvest = pickle.load(f)
        return kept
    from pipeline.process import process_applicant
    from pipeline.rules import load_rules
    from pipeline.run import build_tasks
    from pipeline.window import load_window
    from stages.ocr.rapid import RapidEngine

    from .evaluate import fresh, generate

    window = work / f"window-seed{seed}"
    generate(window, applicants, seed, hard=hard, families="tuned")
    loaded = load_window(window, None)
    info = loaded.info
    rules = load_rules(info.region, exam_year=info.exam_year, opens=info.opens)
    out = work / f"out-seed{seed}"
    fresh(out)
    kept = Harvest()
    engine = _Recorder(RapidEngine(threads=1), kept)
    for task in build_tasks(loaded, out, rules):
        process_applicant(task, engine)
    tmp = cache.with_suffix(".tmp")
    with tmp.open("wb") as f:
        pickle.dump(kept, f, protocol=5)
    tmp.replace(cache)
    return kept


# -- sessions --------------------------------------------------------------------------------


class Timed:
    """A session callable that counts its own CPU time."""

    def __init__(self, run: Session) -> None:
        self.run = run
        self.cpu = 0.0
        self.calls = 0

    def __call__(self, x: np.ndarray) -> np.ndarray:
        t0 = time.process_time()
        out = self.run(x)
        self.cpu += time.process_time() - t0
        self.calls += 1
        return out


def ort_session(
    path: Path, *, level: str = "all", arena: bool = True, spinning: bool = True
) -> Session:
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.log_severity_level = 4
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    so.enable_cpu_mem_arena = arena
    so.graph_optimization_level = {
        "basic": ort.GraphOptimizationLevel.ORT_ENABLE_BASIC,
        "extended": ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
        "all": ort.GraphOptimizationLevel.ORT_ENABLE_ALL,
    }[level]
    if not spinning:
        so.add_session_config_entry("session.intra_op.allow_spinning", "0")
        so.add_session_config_entry("session.inter_op.allow_spinning", "0")
    sess = ort.InferenceSession(str(path), so, providers=["CPUExecutionProvider"])
    name = sess.get_inputs()[0].name

    def run(x: np.ndarray) -> np.ndarray:
        return np.asarray(sess.run(None, {name: x})[0])

    return run


class OwnCharacters:
    """A recogniser session whose model has its own character list (not the engine's)."""

    def __init__(self, run: Session, characters: Sequence[str]) -> None:
        self.run = run
        self.characters = list(characters)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.run(x)


def model_characters(path: Path) -> list[str]:
    """The character list a PaddleOCR recogniser carries in its ONNX metadata ("character")."""
    import onnx

    meta = {p.key: p.value for p in onnx.load(str(path), load_external_data=False).metadata_props}
    if "character" not in meta:
        raise ValueError(f"{path.name} has no character list in its metadata")
    return meta["character"].splitlines()


def ctc_decoder(characters: Sequence[str]) -> Any:
    """RapidOCR's own CTC greedy decoder (`CTCLabelDecode`, what the engine's recogniser
    decodes with) over `characters` (blank and space added as RapidOCR adds them)."""
    from rapidocr.ch_ppocr_rec.utils import CTCLabelDecode

    return CTCLabelDecode(character=list(characters))


def v4_models(work: Path) -> dict[str, Path]:
    """The PP-OCRv4 mobile models ("rec", "det") of `V4_WHEEL`, read out of the wheel (fetched
    into `work/wheels` with `pip download --no-deps` when missing) into `work/models/v4`."""
    out = work / "models" / "v4"
    paths = {role: out / Path(member).name for role, member in V4_MEMBERS.items()}
    if all(p.is_file() for p in paths.values()):
        return paths
    wheels = work / "wheels"
    name, version = V4_WHEEL.split("==")
    found = sorted(wheels.glob(f"{name}-{version}-*.whl"))
    if not found:
        cmd = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", V4_WHEEL]
        subprocess.run([*cmd, "-d", str(wheels)], check=True)
        found = sorted(wheels.glob(f"{name}-{version}-*.whl"))
    if not found:
        raise FileNotFoundError(f"no {V4_WHEEL} wheel in {wheels}")
    out.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(found[0]) as z:
        for role, member in V4_MEMBERS.items():
            tmp = paths[role].with_suffix(".tmp")
            tmp.write_bytes(z.read(member))
            tmp.replace(paths[role])
    return paths


def outside(texts: Sequence[str], characters: Sequence[str]) -> tuple[float, dict[str, int]]:
    """Share of `texts` holding a character not in `characters`, and those characters (how
    many texts hold each)."""
    known = set(characters) | {" "}
    missing: dict[str, int] = {}
    hit = 0
    for text in texts:
        lost = {c for c in text if c not in known}
        hit += bool(lost)
        for c in lost:
            missing[c] = missing.get(c, 0) + 1
    return hit / max(1, len(texts)), dict(sorted(missing.items(), key=lambda kv: -kv[1]))


def openvino_session(path: Path) -> Session:
    import openvino as ov

    core = ov.Core()
    core.set_property(
        "CPU",
        {"INFERENCE_NUM_THREADS": 1, "NUM_STREAMS": 1, "PERFORMANCE_HINT": "LATENCY"},
    )
    request = core.compile_model(str(path), "CPU").create_infer_request()

    def run(x: np.ndarray) -> np.ndarray:
        request.infer({0: x})
        return np.array(request.get_output_tensor(0).data, copy=True)

    return run


# -- derived models --------------------------------------------------------------------------


def dynamic_int8(src: Path, dst: Path, weight: str, per_channel: bool, ops: str) -> Path:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    if not dst.is_file():
        op_types = None if ops == "all" else ops.split(",")
        quantize_dynamic(
            src,
            dst,
            weight_type=QuantType.QInt8 if weight == "s8" else QuantType.QUInt8,
            per_channel=per_channel,
            op_types_to_quantize=op_types,
        )
    return dst


def _feeds(inputs: Sequence[np.ndarray]) -> Any:
    from onnxruntime.quantization import CalibrationDataReader

    class Reader(CalibrationDataReader):  # type: ignore[misc]
        def __init__(self) -> None:
            self._it: Iterator[np.ndarray] = iter(inputs)

        def get_next(self) -> dict[str, np.ndarray] | None:
            x = next(self._it, None)
            return None if x is None else {"x": x}

    return Reader()


def opset13(src: Path, dst: Path) -> Path:
    """The model at opset 13 (per-channel QDQ needs QuantizeLinear's axis, opset >= 13)."""
    import onnx
    from onnx import version_converter

    if not dst.is_file():
        onnx.save(version_converter.convert_version(onnx.load(src), 13), dst)
    return dst


def static_qdq(
    src: Path, dst: Path, inputs: Sequence[np.ndarray], per_channel: bool, ops: str = "all"
) -> Path:
    from onnxruntime.quantization import CalibrationMethod, QuantFormat, QuantType, quantize_static

    if not dst.is_file():
        if per_channel:
            src = opset13(src, dst.with_name(src.stem + "-opset13.onnx"))
        quantize_static(
            src,
            dst,
            _feeds(inputs),
            quant_format=QuantFormat.QDQ,
            activation_type=QuantType.QUInt8,
            weight_type=QuantType.QInt8,
            per_channel=per_channel,
            calibrate_method=CalibrationMethod.MinMax,
            op_types_to_quantize=None if ops == "all" else ops.split(","),
        )
    return dst


# -- measuring -------------------------------------------------------------------------------


def _iou(a: np.ndarray, b: np.ndarray) -> float:
    from shapely.geometry import Polygon

    pa, pb = Polygon(a).buffer(0), Polygon(b).buffer(0)
    union = pa.union(pb).area
    return float(pa.intersection(pb).area / union) if union > 0 else 0.0


@dataclass
class Measured:
    """One variant's sessions and what they cost and answered, summed over the chunks."""

    name: str
    rec: Timed
    det: Timed
    rec_cpu: float = 0.0
    det_cpu: float = 0.0
    texts: list[str] = field(default_factory=list)
    boxes: list[list[np.ndarray]] = field(default_factory=list)
    #: the recogniser's own CTC decoder, where its model has its own character list
    decode: Any = None


def _with(engine: Any, part: str, session: Session) -> Any:
    """Put `session` into the engine's recogniser or detector; returns the one it had."""
    predictor = engine._rec if part == "rec" else engine._det
    own = predictor.session
    predictor.session = session
    return own


def _with_rec(engine: Any, session: Session, decode: Any) -> tuple[Any, Any]:
    """Put `session` (and its own decoder, when given) into the engine's recogniser;
    returns the session and decoder it had."""
    rec = engine._rec
    own = (rec.session, rec.postprocess_op)
    rec.session = session
    if decode is not None:
        rec.postprocess_op = decode
    return own


def _rec_back(engine: Any, own: tuple[Any, Any]) -> None:
    engine._rec.session, engine._rec.postprocess_op = own


def measure(
    engine: Any, runs: list[Measured], crops: Sequence[np.ndarray], pages: Sequence[np.ndarray]
) -> None:
    """Every variant on each chunk of crops and pages in turn, so that a change in the
    machine's load falls on all variants alike (CPU time, one thread)."""
    for m in runs:  # warm-up, not counted
        own_rec = _with_rec(engine, m.rec, m.decode)
        engine.recognise(crops[:3])
        _rec_back(engine, own_rec)
        own = _with(engine, "det", m.det)
        engine.detect(pages[0])
        _with(engine, "det", own)
        m.rec.cpu = m.det.cpu = 0.0
    for start in range(0, len(crops), 25):
        chunk = crops[start : start + 25]
        for m in runs:
            own_rec = _with_rec(engine, m.rec, m.decode)
            try:
                t0 = time.process_time()
                for crop in chunk:
                    m.texts.extend(r.text for r in engine.recognise([crop]))
                m.rec_cpu += time.process_time() - t0
            finally:
                _rec_back(engine, own_rec)
    for start in range(0, len(pages), 3):
        chunk = pages[start : start + 3]
        for m in runs:
            own = _with(engine, "det", m.det)
            try:
                t0 = time.process_time()
                m.boxes.extend(engine.detect(page) for page in chunk)
                m.det_cpu += time.process_time() - t0
            finally:
                _with(engine, "det", own)


def det_agreement(
    engine: Any, pages: Sequence[np.ndarray], ref: Measured, got: Measured
) -> tuple[float, float]:
    """Share of fp32 boxes matched (IoU >= 0.7) and of those, reads equal (fp32 recogniser;
    a box equal to its match is read equal without reading it)."""
    total = matched = equal = 0
    for page, want, have in zip(pages, ref.boxes, got.boxes, strict=True):
        for box in want:
            total += 1
            best, best_iou = None, 0.0
            for other in have:
                iou = _iou(box, other)
                if iou > best_iou:
                    best, best_iou = other, iou
            if best is None or best_iou < IOU_MATCH:
                continue
            matched += 1
            if np.array_equal(box, best):
                equal += 1
                continue
            a, b = engine.recognise([engine.crop(page, box), engine.crop(page, best)])
            equal += a.text == b.text
    return matched / max(1, total), equal / max(1, matched)


def _subsample(items: list[np.ndarray], n: int) -> list[np.ndarray]:
    if len(items) <= n:
        return items
    idx = np.linspace(0, len(items) - 1, n).round().astype(int)
    return [items[i] for i in idx]


def _rec_inputs(engine: Any, crops: Sequence[np.ndarray]) -> list[np.ndarray]:
    """The recogniser's input for each crop, as `RapidEngine` makes it (one crop a run)."""
    from stages.ocr.rapid import REC_MIN_WIDTH

    out = []
    for crop in crops:
        h, w = crop.shape[:2]
        ratio = max(w / max(1, h), REC_MIN_WIDTH / 48)
        out.append(engine._rec.resize_norm_img(crop, ratio)[np.newaxis].astype(np.float32))
    return out


def _det_inputs(engine: Any, pages: Sequence[np.ndarray]) -> list[np.ndarray]:
    pre = engine._det.get_preprocess()
    return [pre(np.ascontiguousarray(p)) for p in pages]


def variants(
    rec_src: Path, det_src: Path, models: Path, calib: Harvest, engine: Any, only: set[str]
) -> Iterator[tuple[str, Callable[[], tuple[Session, Session]]]]:
    """(name, maker of the (rec, det) sessions); makers run lazily so a failure is one row.
    A recogniser with its own character list comes as `OwnCharacters`."""

    def v4(det: str) -> Callable[[], tuple[Session, Session]]:
        def make() -> tuple[Session, Session]:
            paths = v4_models(models.parent)
            rec = OwnCharacters(ort_session(paths["rec"]), model_characters(paths["rec"]))
            return rec, ort_session(paths["det"] if det == "v4" else det_src)

        return make

    def dyn(weight: str, pc: bool, ops: str) -> Callable[[], tuple[Session, Session]]:
        tag = f"dyn-{weight}-{'pc' if pc else 'pt'}-{ops.replace(',', '+')}"

        def make() -> tuple[Session, Session]:
            r = dynamic_int8(rec_src, models / f"rec-{tag}.onnx", weight, pc, ops)
            d = dynamic_int8(det_src, models / f"det-{tag}.onnx", weight, pc, ops)
            return ort_session(r), ort_session(d)

        return make

    def qdq(pc: bool, ops: str = "all") -> Callable[[], tuple[Session, Session]]:
        tag = f"qdq-{'pc' if pc else 'pt'}-{ops.replace(',', '+')}"

        def make() -> tuple[Session, Session]:
            r = static_qdq(
                rec_src, models / f"rec-{tag}.onnx", _rec_inputs(engine, calib.crops), pc, ops
            )
            d = static_qdq(
                det_src, models / f"det-{tag}.onnx", _det_inputs(engine, calib.pages), pc, ops
            )
            return ort_session(r), ort_session(d)

        return make

    table: list[tuple[str, Callable[[], tuple[Session, Session]]]] = [
        ("fp32", lambda: (ort_session(rec_src), ort_session(det_src))),
        (
            "fp32 no-spin",
            lambda: (
                ort_session(rec_src, spinning=False),
                ort_session(det_src, spinning=False),
            ),
        ),
        (
            "fp32 arena-off",
            lambda: (ort_session(rec_src, arena=False), ort_session(det_src, arena=False)),
        ),
        (
            "fp32 opt-extended",
            lambda: (
                ort_session(rec_src, level="extended"),
                ort_session(det_src, level="extended"),
            ),
        ),
        ("dyn s8 per-tensor", dyn("s8", False, "all")),
        ("dyn s8 per-channel", dyn("s8", True, "all")),
        ("dyn u8 per-tensor", dyn("u8", False, "all")),
        ("dyn u8 per-channel", dyn("u8", True, "all")),
        ("dyn s8 MatMul only", dyn("s8", False, "MatMul")),
        ("dyn s8 per-channel MatMul only", dyn("s8", True, "MatMul")),
        ("dyn u8 MatMul only", dyn("u8", False, "MatMul")),
        ("qdq per-tensor", qdq(False)),
        ("qdq per-channel", qdq(True)),
        ("qdq per-channel Conv only", qdq(True, ops="Conv")),
        # OpenVINO on the QDQ models is not here: compiling them raised a RuntimeError in one
        # run and ended the process with a segmentation fault in the next (OpenVINO 2026.4)
        ("openvino fp32", lambda: (openvino_session(rec_src), openvino_session(det_src))),
        # smaller models (PP-OCRv4 mobile, their own character list), fp32
        ("v4 mobile rec+det", v4("v4")),
        ("v4 mobile rec, v6 det", v4("v6")),
    ]
    for name, make in table:
        if not only or name == "fp32" or any(o in name for o in only):  # fp32: the reference
            yield name, make


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--work", type=Path, default=Path("eval/bench-models"))
    p.add_argument("--seed", type=int, default=4450, help="tuning seed measured on")
    p.add_argument("--calib-seed", type=int, default=4451, help="tuning seed calibrated on")
    p.add_argument("--applicants", type=int, default=15)
    p.add_argument("--calib-applicants", type=int, default=6)
    p.add_argument("--hard", type=float, default=0.25)
    p.add_argument("--crops", type=int, default=800, help="at most this many crops, evenly")
    p.add_argument("--pages", type=int, default=60, help="at most this many pages, evenly")
    p.add_argument("--only", action="append", default=[], help="variants whose name has it")
    args = p.parse_args(argv)
    if args.seed == args.calib_seed:
        p.error("--calib-seed must differ from --seed")

    import rapidocr

    from stages.ocr.rapid import RapidEngine

    work: Path = args.work
    models = work / "models"
    models.mkdir(parents=True, exist_ok=True)
    src = Path(rapidocr.__file__).parent / "models"
    rec_src, det_src = src / "PP-OCRv6_rec_small.onnx", src / "PP-OCRv6_det_small.onnx"

    data = harvest(work, args.seed, args.applicants, args.hard)
    print(f"seed {args.seed}: {len(data.crops)} crops, {len(data.pages)} detector pages")
    crops = _subsample(data.crops, args.crops)
    pages = _subsample(data.pages, args.pages)
    engine = RapidEngine(threads=1)
    calib_h = harvest(work, args.calib_seed, args.calib_applicants, args.hard)
    calib = Harvest(_subsample(calib_h.pages, 20), _subsample(calib_h.crops, 200))
    print(f"calibration seed {args.calib_seed}: {len(calib.crops)} crops, {len(calib.pages)} pages")
    print(f"measured: {len(crops)} crops, {len(pages)} pages, one thread, CPU time")

    rows: list[dict[str, Any]] = []
    runs: list[Measured] = []
    for name, make in variants(rec_src, det_src, models, calib, engine, set(args.only)):
        try:
            rec_s, det_s = make()
            rec_s(_rec_inputs(engine, crops[:1])[0])  # a session that cannot run fails here
        except Exception as exc:  # noqa: BLE001 - a variant that fails is one row
            msg = f"{type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''}"
            print(f"{name:<32} failed: {msg}", flush=True)
            rows.append({"variant": name, "error": msg})
            continue
        decode = ctc_decoder(rec_s.characters) if isinstance(rec_s, OwnCharacters) else None
        runs.append(Measured(name, Timed(rec_s), Timed(det_s), decode=decode))
    measure(engine, runs, crops, pages)
    header = (
        f"{'variant':<32} {'rec ms/crop':>11} {'(session)':>9} {'rec =fp32':>9} "
        f"{'edit/crop':>9} {'det ms/page':>11} {'(session)':>9} {'boxes':>6} {'reads=':>6}"
    )
    print(header, flush=True)
    ref = runs[0]
    nc, np_ = max(1, len(crops)), max(1, len(pages))
    for m in runs:
        same = sum(a == b for a, b in zip(m.texts, ref.texts, strict=True))
        edits = sum(edit_distance(a, b) for a, b in zip(m.texts, ref.texts, strict=True))
        boxes, reads = det_agreement(engine, pages, ref, m)
        row = {
            "variant": m.name,
            "rec_ms_per_crop": round(1000 * m.rec_cpu / nc, 2),
            "rec_session_ms": round(1000 * m.rec.cpu / nc, 2),
            "rec_equal": round(same / nc, 4),
            "rec_edits_per_crop": round(edits / nc, 4),
            "det_ms_per_page": round(1000 * m.det_cpu / np_, 2),
            "det_session_ms": round(1000 * m.det.cpu / np_, 2),
            "det_boxes_matched": round(boxes, 4),
            "det_reads_equal": round(reads, 4),
        }
        if m.decode is not None:  # its own character list: what the fp32 (v6) reads lose
            chars = m.decode.character[1:-1]  # less the blank and space RapidOCR adds
            share, missing = outside(ref.texts, chars)
            row["text_equal_v6"] = row["rec_equal"]
            row["characters"] = len(chars)
            row["v6_reads_outside"] = round(share, 4)
            row["v6_chars_outside"] = missing
            row["rare_name_chars_known"] = {c: c in set(chars) for c in RARE_NAME_CHARS}
        rows.append(row)
        print(
            f"{m.name:<32} {row['rec_ms_per_crop']:>11.2f} {row['rec_session_ms']:>9.2f} "
            f"{row['rec_equal']:>9.1%} {row['rec_edits_per_crop']:>9.3f} "
            f"{row['det_ms_per_page']:>11.2f} {row['det_session_ms']:>9.2f} "
            f"{row['det_boxes_matched']:>6.1%} {row['det_reads_equal']:>6.1%}",
            flush=True,
        )
    for done in rows:
        if "v6_reads_outside" in done:
            lost = "".join(list(done["v6_chars_outside"])[:30])
            print(
                f"{done['variant']}: {done['characters']} characters; text = v6 "
                f"{done['text_equal_v6']:.1%}; v6 reads with a character not in its list "
                f"{done['v6_reads_outside']:.1%} ({lost or 'none'}); "
                f"rare name characters known: {done['rare_name_chars_known']}",
                flush=True,
            )
    result = {
        "seed": args.seed,
        "calib_seed": args.calib_seed,
        "crops": len(crops),
        "pages": len(pages),
        "rows": rows,
    }
    (work / f"bench-models-seed{args.seed}.json").write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
