"""One upload's recipe, and the applicant's closing steps: the verification stage.

`read_upload` is a pure function of an upload's bytes: decode, turn upright, read, check
against the form, and say which images to keep (normalised pages, evidence crops). It knows
nothing of Dask or files; pipeline.process reads the bytes and writes the images where
`UploadJob` says. `finish_applicant` then runs the checks that need all of an applicant's
documents (the `?` of a form must be the same character on each).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np

from models import (
    SLOT_LABELS,
    ApplicantForm,
    Finding,
    Page,
    Provenance,
    Reading,
    Rules,
    TextLine,
    Upload,
    checks,
)
from models.paths import safe_name

from . import (
    classify,
    crosscheck,
    formsearch,
    limits,
    materials,
    photo,
    quality,
    rarenames,
    read,
    seals,
)
from .imagehash import fingerprint
from .looks import SecondLook
from .normalise import (
    DET_SIDE,
    RETRY_DET_SIDE,
    ImageDecodeError,
    Normalised,
    load_image,
    normalise,
    photo_orientation,
)
from .ocr.base import OcrEngine, OcrError
from .pdfpages import read_pdf

EVIDENCE_PAD = 12
#: The slot of 其他材料: what is uploaded there is read for what it is.
OTHER = "other"
#: Pages of a PDF that are read.
MAX_PDF_PAGES = 3


@dataclass(frozen=True, slots=True)
class Engines:
    """The OCR engines of this process: the recogniser, and the second engine (Tesseract)
    that re-reads a field the first reads differently from the form (None: not installed)."""

    ocr: OcrEngine
    second: OcrEngine | None = None


@dataclass(frozen=True, slots=True)
class UploadJob:
    """One upload to check, and where (relative to OUT) its images are to be kept."""

    applicant_id: str
    form: ApplicantForm | None
    rules: Rules
    reference_date: date
    upload: Upload
    #: the upload's number within its slot (0, 1, …): two uploads never share an image name
    index: int
    pages_dir: str
    evidence_dir: str


@dataclass(frozen=True, slots=True)
class KeptImage:
    """An image the pipeline is to write: `path` relative to OUT, JPEG `quality`."""

    path: str
    pixels: np.ndarray
    quality: int = 85


@dataclass
class UploadOutcome:
    """What one upload produced (records, and the images to write)."""

    findings: list[Finding] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    readings: list[Reading] = field(default_factory=list)
    images: dict[str, KeptImage] = field(default_factory=dict)
    #: stages.imagehash fingerprint of the first page, for the cross-applicant check
    fingerprint: str | None = None
    #: the material an upload outside its own slot was found to be (an upload in 其他材料,
    #: or a required material in another slot), for the presence check
    read_as: str | None = None

    def keep(self, path: str, pixels: np.ndarray, quality: int = 85) -> str:
        self.images[path] = KeptImage(path, pixels, quality)
        return path


def processing_error(applicant_id: str, upload: Upload, exc: BaseException) -> Finding:
    """An upload we could not process: a person looks at the original file."""
    if isinstance(exc, limits.Refused):  # over a budget, encrypted, scripted: it says why
        return exc.finding(applicant_id, upload)
    label = SLOT_LABELS.get(upload.slot, upload.slot)
    if isinstance(exc, ImageDecodeError):
        reason = "文件损坏或不是有效图片"
    elif isinstance(exc, OcrError):
        reason = "文字识别引擎出错"
    else:
        reason = "处理出错"
    return checks.finding(
        checks.PROCESSING_ERROR,
        applicant_id=applicant_id,
        slot=upload.slot,
        file=upload.path,
        field="file",
        status="invalid",
        expected="可正常打开的图片或 PDF",
        observed=f"{type(exc).__name__}: {str(exc)[:200]}",
        confidence=None,
        message=f"系统无法处理该{label}文件（{reason}），请人工查看原文件。",
    )


def _orientation(job: UploadJob, rotation: int, conf: float) -> Finding:
    flagged = job.rules.flag_rotation and rotation != 0
    label = SLOT_LABELS.get(job.upload.slot, job.upload.slot)
    return checks.finding(
        checks.ORIENTATION,
        applicant_id=job.applicant_id,
        slot=job.upload.slot,
        file=job.upload.path,
        field="orientation",
        status="invalid" if flagged else "pass",
        expected="0",
        observed=str(rotation),
        confidence=conf,
        message=(
            f"{label}为正向。"
            if rotation == 0
            else f"{label}被旋转了 {rotation} 度（顺时针），已自动转正后识别。"
        ),
    )


def doc_type_finding(job: UploadJob, doc: classify.DocType) -> Finding:
    """Is the page the slot's material? (classify)"""
    slot = job.upload.slot
    label = SLOT_LABELS.get(slot, slot)
    expected = classify.is_expected(doc, slot)
    seen = SLOT_LABELS.get(doc.best, "无法判断") if doc.best else "无法判断"
    if expected:
        status, msg = "pass", f"上传的材料是{label}。"
    elif expected is False:
        status, msg = "invalid", f"{label}栏上传的材料看起来是“{seen}”，不是{label}。"
    else:
        status, msg = "unreadable", f"无法确认{label}栏上传的是否为{label}，请人工核对。"
    score = doc.score(classify.SHOWS.get(slot, slot))
    return checks.finding(
        checks.DOC_TYPE,
        applicant_id=job.applicant_id,
        slot=slot,
        file=job.upload.path,
        field="doc_type",
        status=status,  # type: ignore[arg-type]
        expected=label,
        observed=seen,
        confidence=min(1.0, 0.5 + 0.1 * max(score, doc.score(doc.best or ""))),
        message=msg,
    )


def read_page(
    slot: str,
    image: np.ndarray,
    quads: Sequence[np.ndarray],
    engine: OcrEngine,
    seal_map: seals.SealMap | None = None,
) -> list[TextLine]:
    """The page's text lines: recognition, then the second reads where the detector is
    known to fail (stages.read). `seal_map`: the image's seal red, measured once for the
    page and shared with the seal check."""
    material = materials.get(slot)
    skip = material.skip_labels if material else ()
    columns = material.skip_columns if material else ()
    lines = read.without_leaders(read.recognise_lines(image, tuple(quads), engine, skip, columns))
    lines = read.drop_faint(image, lines)
    short = material.short_value_labels if material else ()
    if short:
        lines = read.fill_lone_labels(image, lines, short, engine)
    lines = read.restretch_numbers(image, lines, engine)
    lines = read.read_cut_dates(image, lines, engine)
    lines = read.read_grid_marks(image, lines, engine)
    lines = read.reread_near_seals(image, lines, engine)
    if material is not None and material.sealed:
        lines = read.read_under_seals(image, lines, engine, seal_map)
        lines = read.drop_seal_lettering(image, lines, seal_map)
    lines = read.reread_sealed_names(image, read.join_overlapping(lines), engine)
    # a date cut inside its day, as the re-reads near seals left the line
    lines = read.read_cut_days(image, lines, engine)
    # last: the pieces a seal split a date into, as the reads near and under seals left them
    # and the re-reads' leaders taken out too
    return read.drop_faint(image, read.without_leaders(read.read_split_dates(image, lines, engine)))


def _lost_header(slot: str, found: dict[str, Reading]) -> bool:
    """Neither the holder's name nor number was read off a material that prints both."""
    material = materials.get(slot)
    return (
        material is not None
        and material.personal
        and "name" not in found
        and "id_number" not in found
    )


def _lacks_printed(slot: str, found: dict[str, Reading]) -> bool:
    """A field every copy of the material prints is missing from what was read."""
    material = materials.get(slot)
    return material is not None and any(f not in found for f in material.printed)


def _with_text_px(reading: Reading, image: np.ndarray, scale: float) -> Reading:
    """The reading with the height of its print in the upload's own pixels (the page image
    is the upload scaled by `scale`)."""
    if reading.box is None or scale <= 0:
        return reading
    x0, y0, x1, y1 = reading.box
    ink = read.ink_height(image[max(0, y0) : y1, max(0, x0) : x1])
    return reading if ink is None else replace(reading, text_px=round(ink / scale, 1))


def _closer_reads(readings: dict[str, Reading], findings: list[Finding]) -> dict[str, Reading]:
    """Readings replaced by what a closer look read where that look passed the field
    (variants VERIFIED and SECOND_LOOK): the reviewer, the exports and the audit then show
    the reading the decision rests on (provenance LOOK)."""
    out = dict(readings)
    closer = (checks.Variant.VERIFIED, checks.Variant.SECOND_LOOK)
    for f in findings:
        r = out.get(f.field)
        if (
            r is not None
            and f.status == "pass"
            and f.observed
            and f.observed != r.value
            and f.variant in closer
        ):
            out[f.field] = r.with_provenance(Provenance.LOOK, value=f.observed)
    return out


@dataclass
class _Page:
    """One page on its way through the recipe."""

    number: int
    image: np.ndarray  # what the fields are read off (normalised, or the PDF's render)
    scale: float
    path: str
    lines: list[TextLine]
    layer: bool  # read from the PDF's text layer
    raw: np.ndarray
    exif: int
    norm: Normalised | None = None
    #: the quality gates that failed on this page (stages.quality)
    problems: tuple[quality.Problem, ...] = ()
    #: the page image's seal red, measured once for the reader and the seal check
    seal_map: seals.SealMap | None = None
    #: the slot whose material the page's lines were read as (an upload in 其他材料 is read
    #: as `other`, then checked as the material it was found to be)
    read_for: str = ""


def _page_name(job: UploadJob, page_no: int) -> str:
    suffix = f"_{page_no}" if page_no else ""
    return f"{job.pages_dir}/{safe_name(job.upload.slot)}_{job.index}{suffix}.jpg"


def _layer_page(
    job: UploadJob,
    out: UploadOutcome,
    raw: np.ndarray,
    exif: int,
    page_no: int,
    layer: list[tuple[str, tuple[float, ...]]],
) -> _Page:
    """A born-digital PDF page: its own text, no OCR, nothing to turn."""
    h, w = raw.shape[:2]
    if page_no == 0:
        out.findings.append(_orientation(job, 0, 1.0))
    path = out.keep(_page_name(job, page_no), raw)
    out.pages.append(Page(job.upload.path, page_no, path, w, h, 0, 0.0, 1.0, True, exif))
    lines = [
        TextLine(
            text,
            1.0,
            (int(b[0] * w), int(b[1] * h), int(np.ceil(b[2] * w)), int(np.ceil(b[3] * h))),
            "pdf-text",
        )
        for text, b in layer
    ]
    return _Page(page_no, raw, 1.0, path, lines, True, raw, exif)


def _scanned_page(
    job: UploadJob, out: UploadOutcome, raw: np.ndarray, exif: int, page_no: int, engine: OcrEngine
) -> _Page:
    """A scan or photo: turned upright, deskewed, cropped to the document, then read."""
    slot = job.upload.slot
    material = materials.get(slot)
    side = material.detect_side if material and material.detect_side else DET_SIDE
    norm = normalise(raw, engine, exif_orientation=exif, det_side=side)
    if page_no == 0:
        out.findings.append(_orientation(job, norm.rotation, norm.rotation_confidence))
    path = out.keep(_page_name(job, page_no), norm.image)
    h, w = norm.image.shape[:2]
    out.pages.append(
        Page(
            job.upload.path,
            page_no,
            path,
            w,
            h,
            norm.rotation,
            norm.skew,
            norm.rotation_confidence,
            norm.document_found,
            exif,
        )
    )
    readable = material is not None or slot == OTHER
    seal_map = seals.SealMap(norm.image)
    lines = read_page(slot, norm.image, norm.quads, engine, seal_map) if readable else []
    found: tuple[quality.Problem, ...] = ()
    if material is not None and slot not in quality.UNGATED:
        found = tuple(
            quality.problems(
                quality.measure(
                    norm.image,
                    norm.quads,
                    norm.scale,
                    raw,
                    lines,
                    _printed_words(material, slot in quality.FEW_LINES_BY_DESIGN),
                    slot in quality.FEW_LINES_BY_DESIGN,
                    not norm.document_found,
                ),
                SLOT_LABELS.get(slot, slot),
            )
        )
        if page_no == 0:
            out.findings.extend(quality.findings(job.applicant_id, job.upload, slot, found))
    return _Page(
        page_no, norm.image, norm.scale, path, lines, False, raw, exif, norm, found, seal_map, slot
    )


def _printed_words(material: materials.Material, card: bool = False) -> tuple[str, ...]:
    """The material's markers that are words as printed (not patterns), for a label the
    frame cut (stages.quality.cut_labels); a card's two-character labels too (姓名, 住址:
    each printed alone at the card's left edge, so its last character alone is a cut one)."""
    shortest = 2 if card else 3
    words = (m for m in material.markers if re.fullmatch(r"[\u4e00-\u9fff]+", m))
    return tuple(m for m in words if len(m) >= shortest)


def _look_again(
    job: UploadJob,
    out: UploadOutcome,
    page: _Page,
    found: dict[str, Reading],
    engine: OcrEngine,
    fields_of: Callable[[list[read.Row]], dict[str, Reading]],
) -> dict[str, Reading]:
    """Read a scanned page again where the first read missed what the material prints:
    the whole frame where the outline found may be a table inside the sheet (its header rows
    cut off), or closer where a small print was below the detector's reach. The read that
    found more is kept (and its page image). `fields_of`: a read's fields, the form-aware
    search included (a unit printed only in the sign-off counts as found)."""
    slot, norm = job.upload.slot, page.norm
    if norm is None:
        return found
    material = materials.get(slot)
    side = material.detect_side if material and material.detect_side else DET_SIDE
    if norm.document_found and _lost_header(slot, found):
        again = normalise(
            page.raw, engine, exif_orientation=page.exif, det_side=side, find_doc=False
        )
    elif side < RETRY_DET_SIDE and _lacks_printed(slot, found):
        if norm.det_side >= RETRY_DET_SIDE and page.read_for == slot:
            # normalisation took the closer look itself: the same page at the same side
            # (find_doc as it found), read for the same material, is the very read made
            # already (an upload in 其他材料 was read as `other`: read again as its material)
            return found
        again = normalise(
            page.raw,
            engine,
            exif_orientation=page.exif,
            det_side=RETRY_DET_SIDE,
            find_doc=norm.document_found,
        )
    else:
        return found
    found2 = fields_of(read.group_rows(read_page(slot, again.image, again.quads, engine)))
    if len(found2) <= len(found):
        return found
    page.image, page.scale = again.image, again.scale
    out.keep(page.path, again.image)
    return found2


def _verify(
    job: UploadJob,
    out: UploadOutcome,
    page: _Page,
    readings: dict[str, Reading],
    engines: Engines,
    held: rarenames.UnknownNames,
) -> None:
    """Check the page's readings against the form; crops of flagged fields are kept."""
    form, upload = job.form, job.upload
    assert form is not None
    ctx = crosscheck.Context(
        form=form,
        slot=upload.slot,
        file=upload.path,
        reference_date=job.reference_date,
        rules=job.rules,
        charset=engines.ocr.charset,
    )
    look = None if page.layer else SecondLook(engines.ocr, upload.slot, page.image, engines.second)
    if look is not None and "name" in readings:
        named = rarenames.untypable_name(form, readings["name"], look, engines.ocr.charset)
        readings["name"] = rarenames.rare_name(form, named, look)
    findings = list(materials.crosscheck(ctx, readings, look))
    readings = _closer_reads(readings, findings)
    if look is not None:
        held.keep(ctx, look, findings, readings)
    flagged = {
        f.field: readings[f.field] for f in findings if f.needs_review and f.field in readings
    }
    crops = _evidence(job, out, page, flagged)
    out.findings.extend(
        quality.with_cause(replace(f, evidence=crops.get(f.field)), page.problems)
        if f.needs_review
        else f
        for f in findings
    )
    out.readings.extend(readings.values())


def _evidence(
    job: UploadJob, out: UploadOutcome, page: _Page, readings: dict[str, Reading]
) -> dict[str, str]:
    """A crop of each flagged field, named by upload and page so none overwrites another."""
    crops: dict[str, str] = {}
    image = page.image
    h, w = image.shape[:2]
    suffix = f"_{page.number}" if page.number else ""
    for name, reading in readings.items():
        if reading.box is None:
            continue
        x0, y0, x1, y1 = reading.box
        crop = image[
            max(0, y0 - EVIDENCE_PAD) : min(h, y1 + EVIDENCE_PAD),
            max(0, x0 - EVIDENCE_PAD) : min(w, x1 + EVIDENCE_PAD),
        ]
        if crop.size:
            slot = safe_name(job.upload.slot)  # a folder name: any length, any characters
            path = f"{job.evidence_dir}/{slot}_{job.index}{suffix}_{name}.jpg"
            crops[name] = out.keep(path, crop, 90)
    return crops


def _photo(job: UploadJob, out: UploadOutcome, raw: np.ndarray, exif: int, page_no: int) -> None:
    """The registration photo: its turn, shape and background; nothing is read off it."""
    rotation, conf = photo_orientation(raw)
    out.findings.append(_orientation(job, rotation, conf))
    upright = np.ascontiguousarray(np.rot90(raw, k=rotation // 90)) if rotation else raw
    path = out.keep(f"{job.pages_dir}/photo_{job.index}.jpg", upright)
    h, w = upright.shape[:2]
    out.pages.append(Page(job.upload.path, page_no, path, w, h, rotation, 0.0, conf, False, exif))
    out.findings.extend(photo.check_photo(job.applicant_id, job.upload.path, raw))


def decode(
    upload: Upload, data: bytes
) -> tuple[list[tuple[np.ndarray, int]], list[list[tuple[str, tuple[float, ...]]]], int]:
    """The upload's page images (with EXIF orientation), for a PDF each page's text layer
    ([] for a page without one), and how many pages the file has (more than are read for
    a PDF of over MAX_PDF_PAGES)."""
    if upload.kind == "pdf":
        pdf = read_pdf(data, MAX_PDF_PAGES)
        return [(page, 1) for page in pdf.images], pdf.layers, pdf.total_pages
    return [load_image(data)], [], 1


def read_upload(
    job: UploadJob,
    data: bytes,
    engines: Engines,
    held: rarenames.UnknownNames,
    out: UploadOutcome | None = None,
) -> UploadOutcome:
    """Everything one upload says: its pages, orientation, type, fields and their checks,
    gathered in `out`. Raises (ImageDecodeError, OcrError, …) only where the upload could not
    be processed; `out` then holds what was found before (its image fingerprint)."""
    out = out if out is not None else UploadOutcome()
    upload = job.upload
    images, layers, total = decode(upload, data)
    for page_no, (raw, exif) in enumerate(images):
        if page_no == 0:
            out.fingerprint = fingerprint(raw)
        if upload.slot == "photo":
            _photo(job, out, raw, exif, page_no)
            continue
        layer = layers[page_no] if page_no < len(layers) else []
        if layer:
            page = _layer_page(job, out, raw, exif, page_no, layer)
        else:
            page = _scanned_page(job, out, raw, exif, page_no, engines.ocr)
        if upload.slot == OTHER:
            _read_other(job, out, page, engines, held)
        elif materials.get(upload.slot) is not None:
            _read_fields(job, out, page, engines, held)
    if total > len(images):
        out.findings.append(_pages_left(job, out, len(images), total))
    return out


def _pages_left(job: UploadJob, out: UploadOutcome, read_pages: int, total: int) -> Finding:
    """A PDF longer than what is read: a `pass` note when the pages read gave every field
    the material prints and a doc-type pass (the rest cannot change a check), else the
    reviewer is told the missing part may be on the pages not read."""
    material = materials.get(job.upload.slot)
    found = {r.field for r in out.readings}
    complete = material is None or (
        all(f in found for f in material.printed)
        and any(f.check == checks.DOC_TYPE.id and f.status == "pass" for f in out.findings)
    )
    return limits.pages_checked(job.applicant_id, job.upload, read_pages, total, complete)


def _read_fields(
    job: UploadJob,
    out: UploadOutcome,
    page: _Page,
    engines: Engines,
    held: rarenames.UnknownNames,
) -> None:
    """The page's type, then (when it is the slot's material) its fields and their checks."""
    slot = job.upload.slot
    rows = read.group_rows(page.lines)
    doc = classify.classify(row.text for row in rows)
    out.findings.append(quality.with_cause(doc_type_finding(job, doc), page.problems))
    if classify.is_expected(doc, slot) is False:
        if doc.best is not None and classify.is_expected(doc, doc.best):
            out.read_as = doc.best  # the wrong slot, but a material the rules may require
        return  # the wrong document: its fields would only add noise
    _check_fields(job, out, page, engines, held, rows)


def _check_fields(
    job: UploadJob,
    out: UploadOutcome,
    page: _Page,
    engines: Engines,
    held: rarenames.UnknownNames,
    rows: list[read.Row],
) -> None:
    """The fields of the job's material read off the page and checked against the form."""
    slot = job.upload.slot
    if page.number == 0:  # before a second look may replace the page's image
        out.findings.extend(_marks(job, page))
    material = materials.get(slot)
    form = job.form

    def fields_of(rows: list[read.Row]) -> dict[str, Reading]:
        found = materials.extract(slot, rows)
        if form is not None and material is not None:
            # form-aware: a field the parser missed is looked for as the form's value
            found = formsearch.complete(material.fields, form, rows, found)
        return found

    found = fields_of(rows)
    if not page.layer:
        found = _look_again(job, out, page, found, engines.ocr, fields_of)
    readings = {k: replace(v, page_image=page.path) for k, v in found.items()}
    if not page.layer and slot == "id_handheld" and "id_number" in readings:
        # the upload rule asks that the held card be legible: measure its print
        readings["id_number"] = _with_text_px(readings["id_number"], page.image, page.scale)
    if job.form is None:
        out.readings.extend(readings.values())
        return
    _verify(job, out, page, readings, engines, held)


def _marks(job: UploadJob, page: _Page) -> list[Finding]:
    """The seal and the signature the rules ask of the material (stages.seals)."""
    slot = job.upload.slot
    if slot not in job.rules.seal_slots and slot not in job.rules.signature_slots:
        return []
    heights = [ln.box[3] - ln.box[1] for ln in page.lines if ln.box[3] > ln.box[1]]
    line_px = float(np.median(heights)) if heights else max(page.image.shape[:2]) * 0.025
    cut = page.norm is not None and page.norm.document_found and page.scale > 0
    frame = (page.raw, line_px / page.scale) if cut else None
    return list(
        seals.check_marks(
            job.applicant_id,
            job.upload,
            slot,
            job.rules,
            page.image,
            page.lines,
            line_px,
            frame,
            page.seal_map,
        )
    )


def _read_other(
    job: UploadJob,
    out: UploadOutcome,
    page: _Page,
    engines: Engines,
    held: rarenames.UnknownNames,
) -> None:
    """An upload in 其他材料 is read for what it is (issue 15): a material the classifier is
    sure of is checked as that material (its findings name the material's slot, the file
    stays the one in `other`), and the applicant's presence check counts it
    (`upload_rules.found_elsewhere`); anything else is left as an extra document."""
    rows = read.group_rows(page.lines)
    doc = classify.classify(row.text for row in rows)
    material = doc.best if doc.best and classify.is_expected(doc, doc.best) else None
    if page.number == 0:
        out.findings.append(other_finding(job, material, doc))
    if material is None or materials.get(material) is None or page.number:
        return
    out.read_as = material
    as_material = replace(
        job,
        upload=replace(job.upload, slot=material),
        evidence_dir=f"{job.evidence_dir}/{OTHER}_{job.index}",
    )
    _check_fields(as_material, out, page, engines, held, rows)


def other_finding(job: UploadJob, material: str | None, doc: classify.DocType) -> Finding:
    """What an upload in 其他材料 was found to be: never a problem in itself."""
    label = SLOT_LABELS.get(material, material) if material else None
    return checks.finding(
        checks.DOC_TYPE,
        applicant_id=job.applicant_id,
        slot=job.upload.slot,
        file=job.upload.path,
        field="doc_type",
        status="pass",
        expected=SLOT_LABELS[OTHER],
        observed=label or "无法判断",
        confidence=min(1.0, 0.5 + 0.1 * doc.score(material)) if material else None,
        message=(
            f"“其他材料”栏上传的是{label}，已按{label}核对。"
            if label
            else "“其他材料”栏上传的材料未识别为需核对的材料，未作核对。"
        ),
    )


def finish_applicant(
    form: ApplicantForm | None,
    held: rarenames.UnknownNames,
    findings: list[Finding],
    readings: list[tuple[str, Reading]],
) -> tuple[list[Finding], list[tuple[str, Reading]]]:
    """The checks that need all of an applicant's documents: a form's `?` stands for one
    character, the same on every document."""
    if form is None:
        return findings, readings
    findings, readings = rarenames.untypable_agreed(form, held, findings, readings)
    pages_of = {(path, r.field): r.page_image for path, r in readings}
    agreed = crosscheck.unknown_characters_agree(findings, held.rescore)
    findings = [
        replace(f, evidence=pages_of.get((f.file or "", f.field))) if f is not g else f
        for f, g in zip(agreed, findings, strict=True)
    ]
    return findings, readings
