"""One applicant, end to end: the unit of work a Dask task runs (and the synchronous path).

The only code that touches files on a worker: it reads each upload's bytes, hands them to the
verification stage (stages.recipe), writes the normalised pages and evidence crops the stage
asks for under OUT, and returns an `ApplicantResult` of records. A file the stages find bad
(it cannot be decoded, it is over a budget: a `ProcessingError` naming why) becomes an
`invalid` finding for that upload; the applicant and the run go on. Our own failures are never
blamed on the applicant: an upload that cannot be read from WINDOW any more (WindowError), an
image that cannot be written under OUT (OutputError) or an engine that cannot start
(EngineError) stop the run; an engine that times out or crashes on one upload, or any other
exception (a bug of ours or of a library, which cannot say the file is at fault), gives a
`processing.system_error` finding and the applicant's result is not kept (`retry_later`), so
the next run checks it again.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import cv2

from models import (
    SLOT_LABELS,
    ApplicantForm,
    ApplicantResult,
    Finding,
    Page,
    Reading,
    Rules,
    Upload,
    checks,
)
from models.errors import EngineError, ProcessingError
from models.paths import safe_name, sharded
from stages import form_checks, limits, recipe, timing, upload_rules
from stages.ocr.base import EngineUnavailable, OcrEngine, OcrError
from stages.rarenames import UnknownNames

from . import outdir
from .window import WindowError, read_upload

log = logging.getLogger(__name__)

IMAGE_KINDS = {"jpeg", "png", "gif", "bmp", "webp", "tiff"}


@dataclass(frozen=True, slots=True)
class ApplicantTask:
    """Everything a worker needs for one applicant; small and picklable (paths, not pixels)."""

    applicant_id: str
    window_root: str
    out_root: str
    form: ApplicantForm | None
    uploads: tuple[Upload, ...]
    prior_findings: tuple[Finding, ...]
    rules: Rules
    reference_date: date
    #: the run's budgets (stages.limits); uploads marked over budget after their worker
    #: died, as (path, reason), are not processed again (pipeline.budget)
    budget: limits.Budget = limits.DEFAULT_BUDGET
    over_budget: tuple[tuple[str, str], ...] = ()
    #: the OCR models' precision (stages.ocr.rapid.PRECISIONS; issue 19), chosen by the run
    precision: str = "fp32"


#: What the pipeline wraps each upload's processing in (pipeline.budget.UploadGuard).
Guard = Callable[[Upload], AbstractContextManager[object]]


_SECOND: list[OcrEngine | None] = []


def second_engine() -> OcrEngine | None:
    """This process's Tesseract, built once; None where it is not installed."""
    if not _SECOND:
        try:
            from stages.ocr.tesseract import TesseractEngine

            _SECOND.append(TesseractEngine(timeout=30))
        except Exception:  # noqa: BLE001 - no second engine: decide on the first alone
            _SECOND.append(None)
    return _SECOND[0]


def _encode(image: recipe.KeptImage) -> bytes:
    """A page or crop as the bytes of its file (a failure here is ours, pixels we made: a
    system error for the upload, tried again by the next run)."""
    suffix = Path(image.path).suffix or ".jpg"
    ok, encoded = cv2.imencode(suffix, image.pixels, [cv2.IMWRITE_JPEG_QUALITY, image.quality])
    if not ok:
        raise ValueError(f"cannot encode {image.path}")
    return bytes(encoded.tobytes())


def _write(out: Path, rel: str, data: bytes) -> None:
    """Write one page or crop whole (write then rename); failing is the run's error, not the
    applicant's (cv2.imwrite would only answer False, and leave half a file on a full disk)."""
    path = out / rel
    with outdir.writing(f"under OUT ({rel})"):
        path.parent.mkdir(parents=True, exist_ok=True)
        outdir.write_bytes(path, data)


def _read(root: Path, upload: Upload) -> bytes:
    """The upload's bytes. It was listed and hashed when the window was loaded: failing to read
    it now means the window changed under the run (ours to report, not the applicant's)."""
    try:
        return read_upload(root, upload.path)  # never through a link
    except (OSError, ValueError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise WindowError(
            f"{upload.path} can no longer be read ({why}): the window changed "
            "during the run; run again once it is complete"
        ) from exc


#: why the system failed on an upload, as the reviewer reads it
ENGINE_FAILED = "文字识别引擎出错"
PROGRAM_FAILED = "程序出错"


def system_error(
    applicant_id: str, upload: Upload, exc: BaseException, reason: str = ENGINE_FAILED
) -> Finding:
    """The system failed on this upload (an engine's timeout or crash, an unexpected exception
    of ours): not the applicant's doing, checked again by the next run."""
    label = SLOT_LABELS.get(upload.slot, upload.slot)
    return checks.finding(
        checks.PROCESSING_SYSTEM,
        applicant_id=applicant_id,
        slot=upload.slot,
        file=upload.path,
        field="file",
        status="unreadable",
        expected=None,
        observed=f"{type(exc).__name__}: {str(exc)[:200]}",
        confidence=None,
        message=f"系统处理该{label}文件时出错（{reason}，非考生原因），请人工查看原文件；重新运行将再次核对。",
    )


#: Findings of our own failures (an engine timeout or crash on an upload, a worker lost with
#: no upload to blame): the result carrying one is reported but never kept.
SYSTEM_FAILURES = frozenset({checks.PROCESSING_SYSTEM.id, checks.WORKER_LOST.id})


def retry_later(result: ApplicantResult) -> bool:
    """True when the system failed on the applicant (`SYSTEM_FAILURES`): the result is
    reported but not kept, so the next run processes the applicant again."""
    return any(f.check in SYSTEM_FAILURES for f in result.findings)


def _job(task: ApplicantTask, upload: Upload, index: int) -> recipe.UploadJob:
    return recipe.UploadJob(
        applicant_id=task.applicant_id,
        form=task.form,
        rules=task.rules,
        reference_date=task.reference_date,
        upload=upload,
        index=index,
        # an id is data, never a path; in shards (issue 19): no folder of 800,000 entries
        pages_dir=f"pages/{sharded(safe_name(task.applicant_id))}",
        evidence_dir=f"evidence/{sharded(safe_name(task.applicant_id))}",
    )


def _unguarded(upload: Upload) -> AbstractContextManager[object]:
    return nullcontext()


def process_applicant(
    task: ApplicantTask,
    engine: OcrEngine,
    second: OcrEngine | None = None,
    guard: Guard | None = None,
) -> ApplicantResult:
    """All checks for one applicant. Never raises for bad input. `second`: the engine that
    re-reads a disagreeing field (default: this process's Tesseract); `guard`: the context
    each upload is processed in (its time budget). Its CPU time by stage is counted in
    this process (stages.timing), read out by the worker plugin, never in the result."""
    with timing.task(len(task.uploads)):
        return _process_applicant(task, engine, second, guard)


def _process_applicant(
    task: ApplicantTask,
    engine: OcrEngine,
    second: OcrEngine | None,
    guard: Guard | None,
) -> ApplicantResult:
    start = time.process_time()
    engines = recipe.Engines(engine, second if second is not None else second_engine())
    findings: list[Finding] = list(task.prior_findings)
    if task.form is not None:
        findings.extend(form_checks.check_form(task.form, task.rules, task.reference_date))
        findings.extend(upload_rules.check_presence(task.form, task.uploads, task.rules))
    pages: list[Page] = []
    readings: list[tuple[str, Reading]] = []
    prints: list[tuple[str, str, str]] = []
    held = UnknownNames(engine.charset)
    out, root = Path(task.out_root), Path(task.window_root)
    counters: dict[str, int] = {}
    found: dict[str, Upload] = {}  # a material found outside its slot → that upload
    read_as: dict[str, str] = {}  # an upload in 其他材料 → the material it was read as
    aid, over_budget = task.applicant_id, dict(task.over_budget)
    for upload in task.uploads:
        findings.extend(upload_rules.check_upload(upload, task.rules))
        if upload.kind not in IMAGE_KINDS and upload.kind != "pdf":
            continue
        index = counters.get(upload.slot, 0)
        counters[upload.slot] = index + 1
        if upload.path in over_budget:
            findings.append(limits.marked(aid, upload, over_budget[upload.path], task.budget))
            continue
        outcome = recipe.UploadOutcome()
        files: list[tuple[str, bytes]] = []
        try:
            with (guard or _unguarded)(upload):  # its time budget (pipeline.budget)
                data = _read(root, upload)
                recipe.read_upload(_job(task, upload, index), data, engines, held, outcome)
                files = [(image.path, _encode(image)) for image in outcome.images.values()]
        except WindowError:  # the window changed under the run: ours, stops the run
            raise
        except EngineUnavailable as exc:  # not this upload's fault: no upload can be read
            raise EngineError(f"the OCR engine cannot be used: {exc}") from exc
        except OcrError as exc:  # a timeout or crash on this upload: ours, tried again
            log.warning("engine failed on %s: %s", upload.path, exc)
            findings.append(system_error(task.applicant_id, upload, exc))
            continue
        except ProcessingError as exc:  # the stages found the file bad and say why
            findings.append(recipe.processing_error(task.applicant_id, upload, exc))
            continue
        except Exception as exc:  # noqa: BLE001 - one bad file never sinks the applicant
            # Nothing says the file is at fault: ours, not kept, tried again by the next run.
            log.error("processing %s failed: %s: %s", upload.path, type(exc).__name__, exc)
            log.debug("processing %s failed:\n%s", upload.path, traceback.format_exc())
            findings.append(system_error(task.applicant_id, upload, exc, PROGRAM_FAILED))
            continue
        finally:
            if outcome.fingerprint is not None:
                prints.append((upload.slot, upload.path, outcome.fingerprint))
        for rel, encoded in files:
            _write(out, rel, encoded)
        if outcome.read_as:  # a material found outside its own slot
            found.setdefault(outcome.read_as, upload)
            if upload.slot == recipe.OTHER:
                read_as[upload.path] = outcome.read_as
        findings.extend(outcome.findings)
        pages.extend(outcome.pages)
        readings.extend((upload.path, r) for r in outcome.readings)
    findings = upload_rules.found_elsewhere(findings, found)
    findings = upload_rules.rules_as_read(findings, task.uploads, read_as, task.rules)
    findings, readings = recipe.finish_applicant(task.form, held, findings, readings)
    return ApplicantResult(
        applicant_id=task.applicant_id,
        findings=tuple(findings),
        pages=tuple(pages),
        readings=tuple(readings),
        seconds=time.process_time() - start,
        fingerprints=tuple(prints),
    )
