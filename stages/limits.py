"""Processing budgets of one upload, and the findings that say an upload was refused.

An upload is data an applicant controls: a 189 KB PNG can claim 13000×13000 pixels (1.95 GB
decoded), a 13 KB PDF can hold 6 MB of drawing operators (49 s and 2 GB in pdfplumber). Each
such case is measured before the expensive step and refused with a finding that says why, so
one file never takes a worker (or the window) down. `Refused` is the exception a stage raises;
the recipe turns it into the finding it describes (`Refused.finding`).
"""

from __future__ import annotations

from dataclasses import dataclass

from models import SLOT_LABELS, Finding, Status, Upload, checks
from models.errors import ProcessingError

#: Decoded pixels an image (or an image inside a PDF page) may have: 50 MP is a 8660×5770
#: scan, beyond any certificate at 600 dpi; a JPEG counts after its reduced-scale decode.
MAX_DECODED_PIXELS = 50_000_000
#: An image whose shorter side is below this, or whose sides differ by more than this ratio,
#: shows no document (a 1×1 pixel, a 20000×10 strip): refused before decoding.
MIN_IMAGE_SIDE = 16
MAX_ASPECT = 25.0
#: PDFs with more pages are refused unread (the reads are of the first MAX_PDF_PAGES).
MAX_PDF_PAGES_TOTAL = 50
#: Page objects (text runs, paths, images) of one page that is read: pdfplumber's text layer
#: costs ~0.25 ms and ~10 KB per object; real pages hold a few hundred (the sample's ≤ 200).
MAX_PAGE_OBJECTS = 20_000
#: Decoded content-stream bytes of one page, checked before any parser builds its objects.
MAX_PAGE_CONTENT_BYTES = 16_000_000
#: Wall-clock seconds one upload may take in a worker (CLI --upload-timeout).
DEFAULT_UPLOAD_TIMEOUT = 120.0
#: Memory of one local worker process (CLI --worker-memory): over it the worker is ended.
DEFAULT_WORKER_MEMORY = "1.5GB"
#: The reason an upload is marked over budget when the watchdog timed it out.
TIMED_OUT = "time"


@dataclass(frozen=True, slots=True)
class Budget:
    """The run's budgets that a task carries (and the part key covers: a different budget
    may change which uploads are over it). None: no limit."""

    upload_timeout: float | None = DEFAULT_UPLOAD_TIMEOUT
    worker_memory: int | None = None


DEFAULT_BUDGET = Budget()


class Refused(ProcessingError, ValueError):
    """An upload refused for a stated reason; it becomes the finding `finding` builds."""

    check: checks.Check = checks.FILE_BUDGET
    status: Status = "invalid"
    expected = "在处理上限以内的文件"

    def __init__(self, detail: str, *, observed: str, message: str) -> None:
        super().__init__(detail)
        self.observed = observed
        self.message = message

    def finding(self, applicant_id: str, upload: Upload) -> Finding:
        return checks.finding(
            self.check,
            applicant_id=applicant_id,
            slot=upload.slot,
            file=upload.path,
            field="file",
            status=self.status,
            expected=self.expected,
            observed=self.observed,
            confidence=None,
            message=self.message,
        )


class OverBudget(Refused):
    """Over a size budget (pixels, pages, page content): the applicant can send a smaller
    file, so it is `invalid`."""


class TooComplex(OverBudget):
    """A page too complex to parse: not the applicant's mistake, a person reads it."""

    status: Status = "unreadable"


class OverTime(Refused):
    """An upload that ran past its time (or a worker's memory) budget: `unreadable`, a
    person looks at the original."""

    status: Status = "unreadable"


class PdfEncrypted(Refused):
    check = checks.PDF_ENCRYPTED
    expected = "未加密的 PDF"


class PdfScripted(Refused):
    check = checks.PDF_SCRIPT
    expected = "不含脚本或自动动作的普通 PDF"


def too_many_pixels(width: int, height: int) -> OverBudget:
    return OverBudget(
        f"{width}x{height} pixels is over the budget of {MAX_DECODED_PIXELS} decoded pixels",
        observed=f"{width}×{height} 像素",
        message=f"图片像素过大（{width}×{height}），超出处理上限，请缩小后重新上传。",
    )


class BadShape(Refused):
    check = checks.FILE_DIMENSIONS
    expected = f"短边不小于 {MIN_IMAGE_SIDE} 像素、长宽比不超过 {MAX_ASPECT:g}:1 的图片"


def bad_shape(width: int, height: int) -> BadShape | None:
    """The refusal of an image of this size, or None when it may show a document."""
    short, long = sorted((width, height))
    if short >= MIN_IMAGE_SIDE and long <= MAX_ASPECT * short:
        return None
    return BadShape(
        f"{width}x{height} pixels shows no document",
        observed=f"{width}×{height} 像素",
        message=f"图片尺寸异常（{width}×{height} 像素），无法辨认，请上传清晰完整的材料图片。",
    )


def too_many_pages(pages: int) -> OverBudget:
    return OverBudget(
        f"{pages} pages is over the budget of {MAX_PDF_PAGES_TOTAL}",
        observed=f"{pages} 页",
        message=(
            f"PDF 页数过多（共 {pages} 页，上限 {MAX_PDF_PAGES_TOTAL} 页），超出处理上限，"
            "请只上传所需页面。"
        ),
    )


def page_too_complex(page_no: int, what: str) -> TooComplex:
    return TooComplex(
        f"page {page_no} is over the content budget: {what}",
        observed=f"第 {page_no} 页：{what}",
        message=(
            f"PDF 第 {page_no} 页内容过于复杂（{what}），超出处理上限，无法自动核对，"
            "请人工查看原文件。"
        ),
    )


def encrypted() -> PdfEncrypted:
    return PdfEncrypted(
        "the PDF needs a password to open",
        observed="PDF 设置了打开密码",
        message="PDF 文件设置了密码，无法打开，请上传未加密的文件。",
    )


def scripted(what: str) -> PdfScripted:
    return PdfScripted(
        f"the PDF carries {what}",
        observed=what,
        message="PDF 文件含有脚本或自动动作，系统不予处理，请重新导出为普通 PDF 或图片。",
    )


def over_time(seconds: float | None) -> OverTime:
    """The upload ran past the time budget (`seconds`), or killed its worker (None: time or
    memory, we cannot tell which)."""
    if seconds is None:
        return OverTime(
            "the upload ended its worker process (memory or time budget)",
            observed="超出内存或时间上限",
            message="该文件处理超出资源限制（内存或时间），无法自动核对，请人工查看原文件。",
        )
    return OverTime(
        f"the upload ran past its time budget of {seconds:g} s",
        observed=f"超过 {seconds:g} 秒",
        message=f"该文件处理超出时间上限（{seconds:g} 秒），无法自动核对，请人工查看原文件。",
    )


def marked(applicant_id: str, upload: Upload, reason: str, budget: Budget) -> Finding:
    """The finding of an upload marked over budget after it ended its worker: by the time
    budget (`reason` TIMED_OUT), or by memory or time (we cannot tell which)."""
    seconds = budget.upload_timeout if reason == TIMED_OUT else None
    return over_time(seconds).finding(applicant_id, upload)


def pages_checked(
    applicant_id: str, upload: Upload, read: int, total: int, complete: bool
) -> Finding:
    """A PDF with more pages than are read. `complete`: every field the slot's material
    prints was found on the pages read, so the pages left cannot change a check (a `pass`
    note for the audit); otherwise what is missing may be on them and a person looks."""
    label = SLOT_LABELS.get(upload.slot, upload.slot)
    if complete:
        status: Status = "pass"
        message = f"{label} PDF 共 {total} 页，已核对前 {read} 页，所需信息均在其中。"
    else:
        status = "unreadable"
        message = (
            f"{label} PDF 共 {total} 页，只核对了前 {read} 页，所需信息可能在其余页面，请人工查看。"
        )
    return checks.finding(
        checks.PDF_PAGES,
        applicant_id=applicant_id,
        slot=upload.slot,
        file=upload.path,
        field="file",
        status=status,
        expected=f"所需信息在前 {read} 页",
        observed=f"共 {total} 页，核对前 {read} 页",
        confidence=None,
        message=message,
    )
