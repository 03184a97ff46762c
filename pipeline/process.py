"""One applicant, end to end: the unit of work a Dask task runs (and the synchronous path).

The only code that touches files on a worker: it reads each upload's bytes, hands them to the
verification stage (stages.recipe), writes the normalised pages and evidence crops the stage
asks for under OUT, and returns an `ApplicantResult` of records. Anything that goes wrong while
processing one upload becomes an `invalid` finding for that upload; the applicant and the run
go on.
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

from models import ApplicantForm, ApplicantResult, Finding, Page, Reading, Rules, Upload
from models.paths import safe_name
from stages import form_checks, limits, recipe, upload_rules
from stages.ocr.base import OcrEngine
from stages.rarenames import UnknownNames

from .window import read_upload

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


def _write(out: Path, image: recipe.KeptImage) -> None:
    path = out / image.path
    path.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(path), image.pixels, [cv2.IMWRITE_JPEG_QUALITY, image.quality])


def _job(task: ApplicantTask, upload: Upload, index: int) -> recipe.UploadJob:
    return recipe.UploadJob(
        applicant_id=task.applicant_id,
        form=task.form,
        rules=task.rules,
        reference_date=task.reference_date,
        upload=upload,
        index=index,
        pages_dir=f"pages/{safe_name(task.applicant_id)}",  # an id is data, never a path
        evidence_dir=f"evidence/{safe_name(task.applicant_id)}",
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
    each upload is processed in (its time budget)."""
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
        try:
            with (guard or _unguarded)(upload):
                data = read_upload(root, upload.path)  # never through a link
                recipe.read_upload(_job(task, upload, index), data, engines, held, outcome)
                for image in outcome.images.values():
                    _write(out, image)
        except Exception as exc:  # noqa: BLE001 - one bad file never sinks the applicant
            log.debug("processing %s failed:\n%s", upload.path, traceback.format_exc())
            findings.append(recipe.processing_error(task.applicant_id, upload, exc))
            continue
        finally:
            if outcome.fingerprint is not None:
                prints.append((upload.slot, upload.path, outcome.fingerprint))
        findings.extend(outcome.findings)
        pages.extend(outcome.pages)
        readings.extend((upload.path, r) for r in outcome.readings)
    findings, readings = recipe.finish_applicant(task.form, held, findings, readings)
    return ApplicantResult(
        applicant_id=task.applicant_id,
        findings=tuple(findings),
        pages=tuple(pages),
        readings=tuple(readings),
        seconds=time.process_time() - start,
        fingerprints=tuple(prints),
    )
