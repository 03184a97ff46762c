"""PDF uploads: pages rendered as a PDF viewer shows them, and the embedded text layer.

Rendering (pdfplumber over pypdfium2) honours the page `/Rotate` key and whatever the content
stream's transform does to embedded scans, so a page "turned" by either means reaches
normalisation exactly as a reviewer would see it; extracting the embedded images instead
would hide both turns. Resolution is bounded per page: poster-sized pages would otherwise
render to hundreds of megapixels, and stamp-sized ones to a few dozen pixels.
"""

from __future__ import annotations

import io
import logging

import numpy as np

from .normalise import ImageDecodeError

#: Rendered pages are at most this many pixels on the longer side ...
MAX_RENDER_SIDE = 2400
#: ... and at least this many (tiny pages are rendered at a higher resolution).
MIN_RENDER_SIDE = 800
#: Never render above this resolution, whatever the page size.
MAX_DPI = 600


class PdfDecodeError(ImageDecodeError):
    """The upload is not a readable PDF (corrupt, encrypted, or without pages)."""


def _open(data: bytes):  # type: ignore[no-untyped-def]
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    if not data:
        raise PdfDecodeError("the file is empty")
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many types for corrupt files
        raise PdfDecodeError(f"the file cannot be read as a PDF: {exc}") from exc


def page_dpi(width_pt: float, height_pt: float, dpi: int) -> float:
    """The resolution a page of this size (points, as displayed) is rendered at."""
    longer = max(width_pt, height_pt, 1.0) / 72.0
    eff = float(dpi)
    eff = min(eff, MAX_RENDER_SIDE / longer)
    eff = max(eff, min(MAX_DPI, MIN_RENDER_SIDE / longer))
    return eff


def render_pages(data: bytes, dpi: int = 150, max_pages: int = 5) -> list[np.ndarray]:
    """The first `max_pages` pages as BGR uint8 images, as a PDF viewer displays them."""
    pages: list[np.ndarray] = []
    with _open(data) as pdf:
        if not pdf.pages:
            raise PdfDecodeError("the PDF has no pages")
        for page in pdf.pages[:max_pages]:
            # pdfplumber reports width/height with /Rotate already applied
            res = page_dpi(float(page.width), float(page.height), dpi)
            try:
                im = page.to_image(resolution=res, antialias=True).original
            except Exception as exc:  # noqa: BLE001 - pdfium errors on broken pages
                raise PdfDecodeError(f"page {page.page_number} cannot be rendered: {exc}") from exc
            rgb = np.asarray(im.convert("RGB"))
            pages.append(np.ascontiguousarray(rgb[:, :, ::-1]))
    return pages


def text_layer(data: bytes) -> list[str]:
    """Each page's embedded text (empty for scanned pages without a text layer).

    pdfplumber reads text in displayed coordinates, so on a page turned by its `/Rotate`
    key it reads the turned lines backwards ("olleH"); such pages are read by pdfium in
    content order instead, which for generated PDFs is the reading order.
    """
    out: list[str] = []
    with _open(data) as pdf:
        for index, page in enumerate(pdf.pages):
            try:
                if page.rotation % 360:
                    out.append(_pdfium_text(data, index))
                else:
                    out.append(page.extract_text() or "")
            except Exception:  # noqa: BLE001 - a broken text layer is as good as none
                out.append("")
    return out


def _pdfium_text(data: bytes, index: int) -> str:
    import pypdfium2

    doc = pypdfium2.PdfDocument(data)
    try:
        textpage = doc[index].get_textpage()
        return str(textpage.get_text_range()).replace("\r\n", "\n")
    finally:
        doc.close()


#: A page with at least this many characters of embedded text is read from its text layer.
MIN_TEXT_CHARS = 20


def text_lines(data: bytes, max_pages: int = 5) -> list[list[tuple[str, tuple[float, ...]]]]:
    """Per page, the embedded text lines with their boxes as fractions of the displayed page
    (x0, top, x1, bottom in 0..1); an empty list for a page without a usable text layer
    (a scan, or a page turned by /Rotate, which is OCRed like an image instead)."""
    out: list[list[tuple[str, tuple[float, ...]]]] = []
    with _open(data) as pdf:
        for page in pdf.pages[:max_pages]:
            lines: list[tuple[str, tuple[float, ...]]] = []
            try:
                if not page.rotation % 360:
                    w, h = float(page.width), float(page.height)
                    for line in page.extract_text_lines(return_chars=False):
                        text = str(line.get("text", "")).strip()
                        if text:
                            box = (
                                line["x0"] / w,
                                line["top"] / h,
                                line["x1"] / w,
                                line["bottom"] / h,
                            )
                            lines.append((text, box))
            except Exception:  # noqa: BLE001 - a broken text layer is as good as none
                lines = []
            if sum(len(t) for t, _ in lines) < MIN_TEXT_CHARS:
                lines = []
            out.append(lines)
    return out
