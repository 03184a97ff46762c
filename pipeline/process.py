"""One applicant, end to end: the unit of work a Dask task runs (and the synchronous path).

This is the only code that touches files on a worker: it reads the uploads, writes normalised
pages and evidence crops under OUT, and returns an `ApplicantResult` of records. Anything that
goes wrong while processing one upload becomes an `invalid` finding for that upload; the
applicant and the run go on.
"""

from __future__ import annotations

import logging
import math
import re
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import cv2
import numpy as np

from models import (
    SLOT_LABELS,
    ApplicantForm,
    ApplicantResult,
    Finding,
    Page,
    Reading,
    Rules,
    TextLine,
    Upload,
)
from stages import (
    classify,
    crosscheck,
    extract,
    form_checks,
    glyphs,
    names,
    photo,
    read,
    textnorm,
    upload_rules,
)
from stages.imagehash import fingerprint
from stages.normalise import (
    DET_SIDE,
    RETRY_DET_SIDE,
    ImageDecodeError,
    load_image,
    normalise,
    photo_orientation,
)
from stages.ocr.base import OcrError
from stages.pdfpages import render_pages, text_lines

log = logging.getLogger(__name__)

IMAGE_KINDS = {"jpeg", "png", "gif", "bmp", "webp", "tiff"}
EVIDENCE_PAD = 12


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


def _error_finding(task: ApplicantTask, upload: Upload, exc: BaseException) -> Finding:
    label = SLOT_LABELS.get(upload.slot, upload.slot)
    return Finding(
        applicant_id=task.applicant_id,
        slot=upload.slot,
        file=upload.path,
        field="file",
        status="invalid",
        expected="可正常打开的图片或 PDF",
        observed=f"{type(exc).__name__}: {str(exc)[:200]}",
        confidence=None,
        message=f"系统无法处理该{label}文件（{_reason(exc)}），请人工查看原文件。",
        check="processing.error",
    )


def _reason(exc: BaseException) -> str:
    if isinstance(exc, ImageDecodeError):
        return "文件损坏或不是有效图片"
    if isinstance(exc, OcrError):
        return "文字识别引擎出错"
    return "处理出错"


def _orientation(task: ApplicantTask, upload: Upload, rotation: int, conf: float) -> Finding:
    flagged = task.rules.flag_rotation and rotation != 0
    label = SLOT_LABELS.get(upload.slot, upload.slot)
    return Finding(
        applicant_id=task.applicant_id,
        slot=upload.slot,
        file=upload.path,
        field="orientation",
        status="invalid" if flagged else "pass",
        expected="0",
        observed=str(rotation),
        confidence=round(conf, 4),
        message=(
            f"{label}为正向。"
            if rotation == 0
            else f"{label}被旋转了 {rotation} 度（顺时针），已自动转正后识别。"
        ),
        check="orientation",
    )


def _lost_header(slot: str, found: dict[str, Reading]) -> bool:
    """Neither the holder's name nor number was read off a material that prints both."""
    return slot in extract.PERSONAL and "name" not in found and "id_number" not in found


def _with_text_px(reading: Reading, image: np.ndarray, scale: float) -> Reading:
    """The reading with the height of its print in the upload's own pixels (the page image
    is the upload scaled by `scale`)."""
    if reading.box is None or scale <= 0:
        return reading
    x0, y0, x1, y1 = reading.box
    ink = read.ink_height(image[max(0, y0) : y1, max(0, x0) : x1])
    return reading if ink is None else replace(reading, text_px=round(ink / scale, 1))


def _renamed(reading: Reading, value: str) -> Reading:
    """The reading with characters the glyph comparison named (the engine says so)."""
    if value == reading.value:
        return reading
    return replace(
        reading,
        value=value,
        source=reading.source.replace(reading.value, value, 1),
        engine=reading.engine if reading.engine.endswith("+glyph") else f"{reading.engine}+glyph",
    )


def _closer_reads(readings: dict[str, Reading], findings: list[Finding]) -> dict[str, Reading]:
    """Readings replaced by what a closer look read where that look passed the field
    (crosscheck's `.verified` and `.second_look`): the reviewer, the exports and the audit
    then show the reading the decision rests on (engine `…+look`)."""
    out = dict(readings)
    for f in findings:
        r = out.get(f.field)
        if (
            r is not None
            and f.status == "pass"
            and f.observed
            and f.observed != r.value
            and f.check.endswith((".verified", ".second_look"))
        ):
            out[f.field] = replace(r, value=f.observed, engine=f"{r.engine}+look")
    return out


def _lacks_printed(slot: str, found: dict[str, Reading]) -> bool:
    """A field every copy of the material prints is missing from what was read."""
    return any(field not in found for field in extract.PRINTED.get(slot, ()))


_SECOND: list[object] = []


def _second_engine():  # type: ignore[no-untyped-def]
    """This process's Tesseract, built once; None where it is not installed."""
    if not _SECOND:
        try:
            from stages.ocr.tesseract import TesseractEngine

            _SECOND.append(TesseractEngine(timeout=30))
        except Exception:  # noqa: BLE001 - no second engine: decide on the first alone
            _SECOND.append(None)
    return _SECOND[0]


class SecondLook:
    """A closer look at a field whose reading disagrees with the form: re-read its crop at
    twice the size, contrast-stretched (`__call__`), and score how well the crop supports the
    form's value against the reading (`support`, when the engine can)."""

    def __init__(self, engine: object, slot: str, image: np.ndarray) -> None:
        self.engine = engine
        self.slot = slot
        self.image = image
        #: (value, box, position) → the cut-out print (glyph): a name at a `?` is looked at by
        #: the document's reading, the applicant's agreement and the rescoring in turn
        self._glyphs: dict[tuple[str, tuple[int, int, int, int], int], np.ndarray | None] = {}

    def _crop(self, box: tuple[int, int, int, int], pad: int) -> np.ndarray:
        x0, y0, x1, y1 = box
        h, w = self.image.shape[:2]
        return self.image[max(0, y0 - pad) : min(h, y1 + pad), max(0, x0 - pad) : min(w, x1 + pad)]

    def __call__(self, reading: Reading) -> Reading | None:
        if reading.box is None:
            return None
        crop = self._crop(reading.box, max(8, (reading.box[3] - reading.box[1]) // 2))
        if crop.size == 0:
            return None
        big = cv2.resize(crop, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
        lab = cv2.cvtColor(big, cv2.COLOR_BGR2LAB)
        clahe = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8))
        lab[:, :, 0] = clahe.apply(lab[:, :, 0])
        big = cv2.cvtColor(lab, cv2.COLOR_LAB2BGR)
        quads = self.engine.detect(big)  # type: ignore[attr-defined]
        rows = read.group_rows(read.recognise_lines(big, quads, self.engine))
        again = extract.extract(self.slot, rows).get(reading.field)
        if again is None:
            return None
        return replace(again, box=reading.box)

    def agree(self, reading: Reading) -> Reading | None:
        """The field as the second engine (Tesseract, one line) reads the same crop."""
        second = _second_engine()
        if second is None or reading.box is None:
            return None
        crop = self._crop(reading.box, 6)
        if crop.size == 0:
            return None
        try:
            (rec,) = second.recognise([crop])
        except OcrError:
            return None
        line = TextLine(rec.text, rec.confidence, reading.box, second.name)
        return extract.extract(self.slot, [read.Row((line,))]).get(reading.field)

    def char_share(self, reading: Reading, position: int) -> float | None:
        """How much of the crop's "some character here" probability at `position` of the
        reading goes to the character read there: near 1 for a printed common character,
        low where the recogniser only found its nearest look-alike (a character outside
        what it can say, which is what a form's `?` stands for)."""
        score = getattr(self.engine, "support", None)
        if score is None or reading.box is None or not reading.source:
            return None
        source, value = read.clean(reading.source), read.clean(reading.value)
        if not 0 <= position < len(value) or value not in source:
            return None
        wild = source.replace(value, value[:position] + "\x00" + value[position + 1 :], 1)
        crop = self._crop(reading.box, 4)
        if crop.size == 0 or crop.shape[0] < 8:
            return None
        got, anything = score(crop, [source, wild])
        return float(math.exp(min(0.0, got - anything)))

    def glyph(self, reading: Reading, position: int) -> np.ndarray | None:
        """The print of the reading's character at `position`, cut out of its line (see
        glyphs.glyph_at); None where the engine cannot place characters or the line reads
        otherwise now."""
        if reading.box is None:
            return None
        key = (reading.value, reading.box, position)
        if key not in self._glyphs:
            self._glyphs[key] = self._cut_glyph(reading, reading.box, position)
        return self._glyphs[key]

    def _cut_glyph(
        self, reading: Reading, box: tuple[int, int, int, int], position: int
    ) -> np.ndarray | None:
        place = getattr(self.engine, "char_positions", None)
        if place is None:
            return None
        value = read.clean(reading.value)
        crop = self._crop(box, 4)
        if not 0 <= position < len(value) or crop.size == 0 or crop.shape[0] < 8:
            return None
        seen = place(crop)
        text = "".join(ch for ch, _x in seen)
        # the crop may read another look-alike (a letter) there now: the reading came from
        # another look
        found = re.search(
            re.escape(value[:position]) + r"[^\W\d_]" + re.escape(value[position + 1 :]), text
        )
        if found is not None:
            return glyphs.glyph_at(crop, seen[found.start() + position][1])
        if position > 0 and value[:position] in text:
            # the character left unread (姓名 侯超 性别): the print after the one before it
            return glyphs.glyph_at(crop, seen[text.index(value[:position]) + position - 1][1], 1)
        return None

    def support(self, reading: Reading, expected: str) -> list[tuple[float, str]] | None:
        """log P(form's value) − log P(what the crop reads as) on the reading's own row
        crop, for each look at it, with the value read in the field's place on that look
        (the prior odds of the form's characters depend on which ones compete)."""
        score = getattr(self.engine, "support", None)
        if score is None or reading.box is None or not reading.source:
            return None
        source = read.clean(reading.source)
        value = read.clean(reading.value)
        if not value or value not in source:
            return None
        form = read.clean(expected)
        at = source.index(value)
        before, after = source[:at], source[at + len(value) :]
        # a minority name's `·` is optional on documents (米娜瓦尔司马义): either form counts
        wanted = [before + f + after for f in dict.fromkeys((form, form.replace("·", "")))]

        def in_place(seen: str) -> str:
            """What `seen` reads where the form's value stands (the line around it read
            alike), else the first reading's value."""
            if (
                len(seen) > len(before) + len(after)
                and seen.startswith(before)
                and seen.endswith(after)
            ):
                return seen[len(before) : len(seen) - len(after)]
            return reading.value

        box = reading.box
        extra = len(form) - len(value)
        if extra > 0 and source.endswith(value):
            # the line may have been cut where a seal or glare broke it: look as far to the
            # right as the form's longer value would reach, and judge that wider crop
            x0, y0, x1, y1 = box
            box = (x0, y0, x1 + int((x1 - x0) / max(1, len(source)) * (extra + 1)), y1)
        elif extra < 0 and value.startswith(form) and source.endswith(value):
            # read longer than the form's value: seal lettering past the print may have been
            # read into the line; when the line goes on past its last dark print and seal ink
            # lies there, judge the crop only as far as the print reaches (seal ink is light
            # in the red channel, print dark)
            x0, y0, x1, y1 = box
            end = read.print_end(self._crop(box, 0))
            cut = x0 + end + max(2, (y1 - y0) // 4) if end is not None else x1
            tail = self._crop((cut, y0, x1, y1), 0)
            if cut < x1 - (y1 - y0) // 2 and read.without_seal(tail) is not None:
                box = (x0, y0, cut, y1)
        crop = self._crop(box, 4)
        if crop.size == 0 or crop.shape[0] < 8:
            return None
        if box != reading.box:
            (again,) = self.engine.recognise([crop])  # type: ignore[attr-defined]
            source = read.clean(again.text) or source
        got, *want = score(crop, [source, *wanted])
        # a crop cut or widened here was read afresh: what it reads in the field's place
        gaps = [(float(max(want) - got), in_place(source) if box != reading.box else reading.value)]
        plain = read.without_seal(crop)
        if plain is not None:
            # a red seal over the value is not part of it: judge the crop without the seal
            # too (as washed, and with its levels stretched so seal ink left mid-grey turns
            # white), against what the recogniser reads there; the kinder verdict counts
            for view in (plain, read.levelled(plain)):
                (again,) = self.engine.recognise([view])  # type: ignore[attr-defined]
                seen = read.clean(again.text)
                if seen:
                    got2, *want2 = score(view, [seen, *wanted])
                    gaps.append((float(max(want2) - got2), in_place(seen)))
        return gaps


class Worker:
    """Per-applicant state: where to write, and the OCR engine of this process."""

    def __init__(self, task: ApplicantTask, engine: object) -> None:
        self.task = task
        self.engine = engine
        self.out = Path(task.out_root)
        self.root = Path(task.window_root)
        self.prints: list[tuple[str, str, str]] = []  # (slot, path, image fingerprint)
        #: (file, check) of a name passed at a `?` → its crop and reading, for
        #: crosscheck.unknown_characters_agree to score the other documents' characters on
        self.rescorable: dict[tuple[str, str], tuple[SecondLook, Reading]] = {}
        #: file → its check context and crop source, for each name read against a form `?`
        self.unknown_names: dict[str, tuple[crosscheck.Context, SecondLook]] = {}

    def rel(self, path: Path) -> str:
        return path.relative_to(self.out).as_posix()

    def save(self, sub: str, name: str, image: np.ndarray, quality: int = 85) -> str:
        folder = self.out / sub / self.task.applicant_id
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        cv2.imwrite(str(path), image, [cv2.IMWRITE_JPEG_QUALITY, quality])
        return self.rel(path)

    def images(self, upload: Upload) -> list[tuple[np.ndarray, int]]:
        data = (self.root / upload.path).read_bytes()
        if upload.kind == "pdf":
            return [(page, 1) for page in render_pages(data, max_pages=3)]
        return [load_image(data)]

    def pdf_text(self, upload: Upload) -> list[list[tuple[str, tuple[float, ...]]]]:
        """The PDF's text layer per page ([] per page without one); images have none."""
        if upload.kind != "pdf":
            return []
        return text_lines((self.root / upload.path).read_bytes(), max_pages=3)

    def second_look(self, slot: str, image: np.ndarray) -> SecondLook:
        return SecondLook(self.engine, slot, image)

    def evidence(
        self, slot: str, image: np.ndarray, readings: dict[str, Reading]
    ) -> dict[str, str]:
        """Crop every read field once, lazily written only for fields that end up flagged."""
        crops: dict[str, str] = {}
        h, w = image.shape[:2]
        for name, reading in readings.items():
            if reading.box is None:
                continue
            x0, y0, x1, y1 = reading.box
            crop = image[
                max(0, y0 - EVIDENCE_PAD) : min(h, y1 + EVIDENCE_PAD),
                max(0, x0 - EVIDENCE_PAD) : min(w, x1 + EVIDENCE_PAD),
            ]
            if crop.size:
                crops[name] = self.save("evidence", f"{slot}_{name}.jpg", crop, 90)
        return crops

    def document(
        self, upload: Upload, index: int
    ) -> Iterator[Finding | Page | tuple[str, Reading]]:
        task = self.task
        layers = self.pdf_text(upload)
        for page_no, (raw, exif) in enumerate(self.images(upload)):
            if page_no == 0:  # for the cross-applicant same-image check (window_checks)
                self.prints.append((upload.slot, upload.path, fingerprint(raw)))
            if upload.slot == "photo":
                rotation, conf = photo_orientation(raw)
                yield _orientation(task, upload, rotation, conf)
                upright = np.ascontiguousarray(np.rot90(raw, k=rotation // 90)) if rotation else raw
                path = self.save("pages", f"photo_{index}.jpg", upright)
                h, w = upright.shape[:2]
                yield Page(upload.path, page_no, path, w, h, rotation, 0.0, conf, False, exif)
                yield from photo.check_photo(task.applicant_id, upload.path, raw)
                continue
            layer = layers[page_no] if page_no < len(layers) else []
            suffix = f"_{page_no}" if page_no else ""
            if layer:  # born-digital PDF: its own text, no OCR, nothing to turn
                h, w = raw.shape[:2]
                page_image, scale = raw, 1.0
                if page_no == 0:
                    yield _orientation(task, upload, 0, 1.0)
                path = self.save("pages", f"{upload.slot}_{index}{suffix}.jpg", raw)
                yield Page(upload.path, page_no, path, w, h, 0, 0.0, 1.0, True, exif)
                if upload.slot not in extract.EXTRACTORS:
                    continue
                lines = [
                    TextLine(
                        text,
                        1.0,
                        (
                            int(b[0] * w),
                            int(b[1] * h),
                            int(np.ceil(b[2] * w)),
                            int(np.ceil(b[3] * h)),
                        ),
                        "pdf-text",
                    )
                    for text, b in layer
                ]
            else:
                side = extract.DETECT_SIDE.get(upload.slot, DET_SIDE)
                norm = normalise(raw, self.engine, exif_orientation=exif, det_side=side)
                page_image, scale = norm.image, norm.scale
                if page_no == 0:
                    yield _orientation(task, upload, norm.rotation, norm.rotation_confidence)
                path = self.save("pages", f"{upload.slot}_{index}{suffix}.jpg", norm.image)
                h, w = norm.image.shape[:2]
                yield Page(
                    upload.path,
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
                if upload.slot not in extract.EXTRACTORS:
                    continue
                lines = self.read_page(upload.slot, norm.image, norm.quads)
            rows = read.group_rows(lines)
            doc = classify.classify(row.text for row in rows)
            yield from self.doc_type(upload, doc)
            if classify.is_expected(doc, upload.slot) is False:
                continue  # the wrong document: its fields would only add noise
            found = extract.extract(upload.slot, rows)
            if not layer and norm.document_found and _lost_header(upload.slot, found):
                # the outline found may be a table inside the sheet (its header rows cut
                # off): read the whole frame instead and keep whichever read more
                again = normalise(
                    raw, self.engine, exif_orientation=exif, det_side=side, find_doc=False
                )
            elif not layer and side < RETRY_DET_SIDE and _lacks_printed(upload.slot, found):
                # a field the material prints was not found: small print the detector missed
                # at analysis scale (a certificate number in a corner); look again closer
                again = normalise(
                    raw,
                    self.engine,
                    exif_orientation=exif,
                    det_side=RETRY_DET_SIDE,
                    find_doc=norm.document_found,
                )
            else:
                again = None
            if again is not None:
                lines2 = self.read_page(upload.slot, again.image, again.quads)
                found2 = extract.extract(upload.slot, read.group_rows(lines2))
                if len(found2) > len(found):
                    found, page_image, scale = found2, again.image, again.scale
                    path = self.save("pages", f"{upload.slot}_{index}{suffix}.jpg", again.image)
            readings = {k: replace(v, page_image=path) for k, v in found.items()}
            if not layer and upload.slot == "id_handheld" and "id_number" in readings:
                # the upload rule asks that the held card be legible: measure its print
                readings["id_number"] = _with_text_px(readings["id_number"], page_image, scale)
            ctx = crosscheck.Context(
                form=task.form,  # type: ignore[arg-type]
                slot=upload.slot,
                file=upload.path,
                reference_date=task.reference_date,
                rules=task.rules,
                charset=getattr(self.engine, "charset", None),
            )
            if task.form is None:
                yield from readings.items()
                continue
            look = None if layer else self.second_look(upload.slot, page_image)
            if look is not None and "name" in readings:
                readings["name"] = self.rare_name(self.untypable_name(readings["name"], look), look)
                if any(q in task.form.name for q in names.UNTYPABLE):
                    self.unknown_names[upload.path] = (ctx, look)
            findings = list(crosscheck.crosscheck(ctx, readings, look))
            readings = _closer_reads(readings, findings)
            for f in findings:
                if look is not None and f.check.endswith(".unknown_typable"):
                    self.rescorable[(upload.path, f.check)] = (look, readings[f.field])
            flagged = {
                f.field: readings[f.field]
                for f in findings
                if f.needs_review and f.field in readings
            }
            crops = self.evidence(upload.slot, page_image, flagged)
            for f in findings:
                yield replace(f, evidence=crops.get(f.field)) if f.needs_review else f
            yield from readings.items()

    def untypable_name(self, reading: Reading, look: SecondLook) -> Reading:
        """The name with each character read where the form has `?` replaced by the
        untypable character its print clearly looks like (stages.glyphs), when the recogniser
        read a look-alike there: the reviewer and the region (which completes such names) see
        the character itself. Anything uncertain is left as read."""
        form = self.task.form
        charset = getattr(self.engine, "charset", None)
        if form is None or charset is None or not any(q in form.name for q in names.UNTYPABLE):
            return reading
        wanted = names.normalise_name(form.name)
        value = reading.value
        if read.clean(value) != value or len(value) != len(wanted):
            return reading
        candidates = glyphs.untypable(charset)
        chars = list(value)
        for i, ch in enumerate(wanted):
            if ch not in names.UNTYPABLE or value[i] in candidates:
                continue
            mask = look.glyph(reading, i)
            match = glyphs.best_untypable(mask, value[i], candidates) if mask is not None else None
            if match is not None and match.decisive:
                chars[i] = match.char
        return _renamed(reading, "".join(chars))

    def rare_name(self, reading: Reading, look: SecondLook) -> Reading:
        """The name with a commoner look-alike read where the form has a rare character (GB
        2312 level 2 or beyond, no commoner than the one read) replaced by the form's
        character, when the print clearly looks like it (glyphs.looks_like): the recogniser
        ranks rare characters low, so it reads 亓 as 元 with confidence."""
        form = self.task.form
        if form is None or any(q in form.name for q in names.UNTYPABLE):
            return reading
        wanted = names.normalise_name(form.name).replace(names.MIDDLE_DOT, "")
        value = reading.value
        if read.clean(value) != value or len(value) != len(wanted):
            return reading
        chars = list(value)
        for i, (want, got) in enumerate(zip(wanted, value, strict=True)):
            if (
                want == textnorm.fold_variants(got)
                or not names.is_cjk_ideograph(want)
                or not names.is_cjk_ideograph(got)
                or names.rarity(want) < max(1, names.rarity(got))
            ):
                continue
            mask = look.glyph(reading, i)
            if mask is not None and glyphs.looks_like(mask, got, want):
                chars[i] = want
        return _renamed(reading, "".join(chars))

    def untypable_agreed(
        self, findings: list[Finding], readings: list[tuple[str, Reading]]
    ) -> tuple[list[Finding], list[tuple[str, Reading]]]:
        """Findings and readings with a look-alike read at a form's `?` replaced by the
        untypable character another of the applicant's documents shows there (its text layer,
        or a print untypable_name matched), where this print looks more like that character
        than like the look-alike. One candidate proposed by another document needs only the
        lead; picking one out of hundreds needed the similarity floor too."""
        form = self.task.form
        charset = getattr(self.engine, "charset", None)
        if form is None or charset is None or not self.unknown_names:
            return findings, readings
        candidates = glyphs.untypable(charset)
        wanted = names.normalise_name(form.name)
        shown: dict[int, set[str]] = {}
        for _path, r in readings:
            if r.field == "name" and len(r.value) == len(wanted):
                for i, ch in enumerate(wanted):
                    if ch in names.UNTYPABLE and r.value[i] in candidates:
                        shown.setdefault(i, set()).add(r.value[i])
        if not shown:
            return findings, readings
        changed: dict[str, Finding] = {}
        out = []
        for path, r in readings:
            held = self.unknown_names.get(path)
            if held is None or r.field != "name" or len(r.value) != len(wanted):
                out.append((path, r))
                continue
            ctx, look = held
            chars = list(r.value)
            for i, options in sorted(shown.items()):
                if r.value[i] in candidates:
                    continue
                mask = look.glyph(r, i)
                sims = (
                    glyphs.similarities(mask, [r.value[i], *sorted(options)])
                    if mask is not None
                    else {}
                )
                best = max(options, key=lambda c: sims.get(c, -1.0))
                if (
                    r.value[i] in sims
                    and sims.get(best, -1.0) - sims[r.value[i]] >= glyphs.MIN_LEAD
                ):
                    chars[i] = best
            named = _renamed(r, "".join(chars))
            out.append((path, named))
            if named is not r:
                changed[path] = crosscheck.compare(
                    ctx, "name", form.name, named, crosscheck.same_name, look
                )
        findings = [
            changed[f.file] if f.file in changed and f.field == "name" and f.slot != "form" else f
            for f in findings
        ]
        return findings, out

    def rescore(self, f: Finding, alternative: str) -> float | None:
        """log P(alternative) − log P(what was read) on the crop a name passed at a `?` was
        read from (crosscheck.Rescore). An untypable alternative the recogniser never learnt
        is judged by the print's shape where it can be cut out: 0 (not ruled out) or −inf."""
        held = self.rescorable.get((f.file or "", f.check))
        if held is None:
            return None
        look, reading = held
        odd = [
            i for i, (a, b) in enumerate(zip(reading.value, alternative, strict=False)) if a != b
        ]
        charset = getattr(self.engine, "charset", None) or frozenset()
        if len(alternative) == len(reading.value) and len(odd) == 1:
            (i,) = odd
            mask = look.glyph(reading, i) if alternative[i] in glyphs.untypable(charset) else None
            out = (
                glyphs.ruled_out(mask, reading.value[i], alternative[i])
                if mask is not None
                else None
            )
            if out is not None:
                return -math.inf if out else 0.0
        looks = look.support(reading, alternative)
        return max(g for g, _alt in looks) if looks else None

    def read_page(
        self, slot: str, image: np.ndarray, quads: tuple[np.ndarray, ...]
    ) -> list[TextLine]:
        """The page's text lines: recognition, then the second reads where the detector is
        known to fail (stages.read)."""
        lines = read.recognise_lines(
            image,
            quads,
            self.engine,
            extract.SKIP_LABELS.get(slot, ()),
            extract.SKIP_COLUMNS.get(slot, ()),
        )
        short = extract.SHORT_VALUE_LABELS.get(slot)
        if short:
            lines = read.fill_lone_labels(image, lines, short, self.engine)
        lines = read.restretch_numbers(image, lines, self.engine)
        lines = read.reread_near_seals(image, lines, self.engine)
        return read.reread_sealed_names(image, lines, self.engine)

    def doc_type(self, upload: Upload, doc: classify.DocType) -> Iterator[Finding]:
        label = SLOT_LABELS.get(upload.slot, upload.slot)
        expected = classify.is_expected(doc, upload.slot)
        seen = SLOT_LABELS.get(doc.best, "无法判断") if doc.best else "无法判断"
        if expected:
            status, msg = "pass", f"上传的材料是{label}。"
        elif expected is False:
            status, msg = "invalid", f"{label}栏上传的材料看起来是“{seen}”，不是{label}。"
        else:
            status, msg = "unreadable", f"无法确认{label}栏上传的是否为{label}，请人工核对。"
        score = doc.score(classify.SHOWS.get(upload.slot, upload.slot))
        yield Finding(
            applicant_id=self.task.applicant_id,
            slot=upload.slot,
            file=upload.path,
            field="doc_type",
            status=status,  # type: ignore[arg-type]
            expected=label,
            observed=seen,
            confidence=round(min(1.0, 0.5 + 0.1 * max(score, doc.score(doc.best or ""))), 4),
            message=msg,
            check="doc_type",
        )


def process_applicant(task: ApplicantTask, engine: object) -> ApplicantResult:
    """All checks for one applicant. Never raises for bad input."""
    start = time.process_time()
    findings: list[Finding] = list(task.prior_findings)
    pages: list[Page] = []
    readings: list[tuple[str, Reading]] = []
    if task.form is not None:
        findings.extend(form_checks.check_form(task.form, task.rules, task.reference_date))
        findings.extend(upload_rules.check_presence(task.form, task.uploads, task.rules))
    worker = Worker(task, engine)
    counters: dict[str, int] = {}
    for upload in task.uploads:
        findings.extend(upload_rules.check_upload(upload, task.rules))
        if upload.kind not in IMAGE_KINDS and upload.kind != "pdf":
            continue
        index = counters.get(upload.slot, 0)
        counters[upload.slot] = index + 1
        produced: list[Finding | Page | tuple[str, Reading]] = []
        try:
            produced = list(worker.document(upload, index))
        except Exception as exc:  # noqa: BLE001 - one bad file never sinks the applicant
            log.debug("processing %s failed:\n%s", upload.path, traceback.format_exc())
            findings.append(_error_finding(task, upload, exc))
            continue
        for item in produced:
            if isinstance(item, Finding):
                findings.append(item)
            elif isinstance(item, Page):
                pages.append(item)
            else:
                readings.append((upload.path, item[1]))

    # a `?` of the form stands for one character: the applicant's documents must agree on it
    findings, readings = worker.untypable_agreed(findings, readings)

    pages_of = {(path, r.field): r.page_image for path, r in readings}
    agreed = crosscheck.unknown_characters_agree(findings, worker.rescore)
    findings = [
        replace(f, evidence=pages_of.get((f.file or "", f.field))) if f is not g else f
        for f, g in zip(agreed, findings, strict=True)
    ]
    return ApplicantResult(
        applicant_id=task.applicant_id,
        findings=tuple(findings),
        pages=tuple(pages),
        readings=tuple(readings),
        seconds=time.process_time() - start,
        fingerprints=tuple(worker.prints),
    )
