"""PDF uploads: pages rendered as a PDF viewer shows them, and the embedded text layer.

Rendering (pdfplumber over pypdfium2) honours the page `/Rotate` key and whatever the content
stream's transform does to embedded scans, so a page "turned" by either means reaches
normalisation exactly as a reviewer would see it; extracting the embedded images instead
would hide both turns. Resolution is bounded per page: poster-sized pages would otherwise
render to hundreds of megapixels, and stamp-sized ones to a few dozen pixels.
"""

from __future__ import annotations

import io
import itertools
import logging
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import limits, timing
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
        if _needs_password(exc):
            raise limits.encrypted() from exc
        raise PdfDecodeError(f"the file cannot be read as a PDF: {exc}") from exc


def _needs_password(exc: BaseException) -> bool:
    """pdfminer could not decrypt the file with the empty password (pdfplumber wraps the
    error: it is among the arguments or causes)."""
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    seen: list[object] = [exc]
    while seen:
        item = seen.pop()
        if isinstance(item, PDFPasswordIncorrect):
            return True
        if isinstance(item, BaseException):
            seen.extend(item.args)
            if item.__cause__ is not None:
                seen.append(item.__cause__)
    return False


def page_dpi(width_pt: float, height_pt: float, dpi: int) -> float:
    """The resolution a page of this size (points, as displayed) is rendered at."""
    longer = max(width_pt, height_pt, 1.0) / 72.0
    eff = float(dpi)
    eff = min(eff, MAX_RENDER_SIDE / longer)
    eff = max(eff, min(MAX_DPI, MIN_RENDER_SIDE / longer))
    return eff


def render_pages(data: bytes, dpi: int = 150, max_pages: int = 5) -> list[np.ndarray]:
    """The first `max_pages` pages as BGR uint8 images, as a PDF viewer displays them."""
    return read_pdf(data, max_pages, dpi=dpi, text=False).images


def _render(page: Any, dpi: int) -> np.ndarray:
    # pdfplumber reports width/height with /Rotate already applied
    res = page_dpi(float(page.width), float(page.height), dpi)
    try:
        im = page.to_image(resolution=res, antialias=True).original
    except Exception as exc:  # noqa: BLE001 - pdfium errors on broken pages
        raise PdfDecodeError(f"page {page.page_number} cannot be rendered: {exc}") from exc
    rgb = np.asarray(im.convert("RGB"))
    return np.ascontiguousarray(rgb[:, :, ::-1])


@dataclass(frozen=True, eq=False)
class PdfRead:
    """The pages read of a PDF: images, text layers (when asked for), and how many pages
    the file has (more than were read, perhaps)."""

    images: list[np.ndarray]
    layers: list[list[tuple[str, tuple[float, ...]]]]
    total_pages: int


@timing.timed("pdf")
def read_pdf(data: bytes, max_pages: int, *, dpi: int = 150, text: bool = True) -> PdfRead:
    """The first `max_pages` pages rendered and (with `text`) their text layers, from one
    parse of the file, after the budget checks (`preflight`): an encrypted, scripted,
    too long or too complex PDF raises `limits.Refused` before any page is parsed."""
    total = preflight(data, max_pages)
    images: list[np.ndarray] = []
    layers: list[list[tuple[str, tuple[float, ...]]]] = []
    with _open(data) as pdf:
        if not pdf.pages:
            raise PdfDecodeError("the PDF has no pages")
        _check_actions(pdf)
        _check_content(data, pdf.pages[:max_pages])
        for page in pdf.pages[:max_pages]:
            images.append(_render(page, dpi))
            if text:
                layers.append(_page_lines(page))
        return PdfRead(images, layers, total if total is not None else len(pdf.pages))


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
    preflight(data, max_pages)
    with _open(data) as pdf:
        _check_actions(pdf)
        _check_content(data, pdf.pages[:max_pages])
        return [_page_lines(page) for page in pdf.pages[:max_pages]]


def _page_lines(page: Any) -> list[tuple[str, tuple[float, ...]]]:
    lines: list[tuple[str, tuple[float, ...]]] = []
    try:
        if not page.rotation % 360:
            w, h = float(page.width), float(page.height)
            # (a line's characters leave its spaces out: they tell a string's words apart
            # from strings set by their own positions)
            blanks = [c for c in page.chars if not str(c.get("text", "")).strip()]
            for line in page.extract_text_lines(return_chars=True):
                for text, (x0, top, x1, bottom) in _pieces(line, blanks):
                    lines.append((text, (x0 / w, top / h, x1 / w, bottom / h)))
    except Exception:  # noqa: BLE001 - a broken text layer is as good as none
        lines = []
    if sum(len(t) for t, _ in lines) < MIN_TEXT_CHARS:
        lines = []
    return lines


#: A gap wider than this many character heights ends a piece of a text-layer line.
PIECE_GAP = 2.0
#: A character starting this many character heights before the previous one ends was placed
#: by its own position, not by the previous one's advance: a new piece (kerning moves a
#: character back a small fraction of this).
BACK_STEP = 0.3


#: A character whose start lies within this many character heights of another's end was
#: placed by that one's advance: the next character of the same string.
CHAINED = 0.05
#: A digit or Latin letter is at most this many character heights wide; one the file makes
#: wider (a CID font with no widths of its own takes 1 em for every glyph) overstates where
#: its string ends, and so understates the gap to what the file set after it.
NARROW = 0.6
#: Where the file overstates the widths, a width over this many heights is overstated.
OVERSTATED = 0.8


def _in_strings(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A line's characters string by string, strings left to right. pdfplumber orders
    them by position alone, so where a file's glyph widths overstate its glyphs a string
    runs on over the next cell's text and the two interleave (2025.06-2025.12 | 7 read as
    2025.06-2025.7 | 12); each character continues the string whose last one's advance
    ends where it starts."""
    strings: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda c: float(c["x0"])):
        height = max(float(char["bottom"]) - float(char["top"]), 1.0)
        x0 = float(char["x0"])
        for string in strings:
            if abs(float(string[-1]["x1"]) - x0) <= CHAINED * height:
                string.append(char)
                break
        else:
            strings.append([char])
    return [c for string in strings for c in string]


def _own_place(char: dict[str, Any], ends: Sequence[float], height: float) -> bool:
    """No character of the line (a space included) ends where `char` starts: the file set
    it by its own position, not by the previous one's advance."""
    x0 = float(char["x0"])
    return all(abs(x1 - x0) > CHAINED * height for x1 in ends)


def _overstated(run: Sequence[dict[str, Any]], height: float) -> float:
    """How much further the run's digits and Latin letters reach than such glyphs do (0
    where the file's widths are true)."""
    wide = [
        float(c["x1"]) - float(c["x0"])
        for c in run
        if str(c["text"]).isascii() and float(c["x1"]) - float(c["x0"]) > OVERSTATED * height
    ]
    return sum(w - NARROW * height for w in wide)


def _pieces(
    line: dict[str, Any], blanks: Sequence[dict[str, Any]] = ()
) -> list[tuple[str, tuple[float, float, float, float]]]:
    """A text-layer line cut where its characters are far apart, as a scan's text
    detector cuts it: a table row comes as one line, and what stands in which column
    (a √ under a month number, a value under its header) is known only from the
    pieces' boxes. Running text and a label with its value one space apart stay whole."""
    chars = [c for c in line.get("chars", ()) if str(c.get("text", "")).strip()]
    if not chars:
        text = str(line.get("text", "")).strip()
        box = (float(line["x0"]), float(line["top"]), float(line["x1"]), float(line["bottom"]))
        return [(text, box)] if text else []
    chars = _in_strings(chars)
    out: list[tuple[str, tuple[float, float, float, float]]] = []
    run: list[dict[str, Any]] = [chars[0]]

    def close(cap: float | None = None) -> None:
        """The run as a piece; `cap`: where the next piece was placed, which this one's
        overstated widths run past."""
        text = "".join(str(c["text"]) for c in run)
        x0 = min(float(c["x0"]) for c in run)
        x1 = max(float(c["x1"]) for c in run)
        if cap is not None:
            x1 = max(x0, min(x1, cap))
        top = min(float(c["top"]) for c in run)
        bottom = max(float(c["bottom"]) for c in run)
        out.append((text, (x0, top, x1, bottom)))

    top, bottom = float(line["top"]), float(line["bottom"])
    ends = [float(c["x1"]) for c in chars] + [
        float(c["x1"])
        for c in blanks
        if top <= (float(c["top"]) + float(c["bottom"])) / 2 <= bottom
    ]

    for prev, char in itertools.pairwise(chars):
        height = max(float(prev["bottom"]) - float(prev["top"]), 1.0)
        gap = float(char["x0"]) - float(prev["x1"])
        if (
            gap > PIECE_GAP * height
            or gap < -BACK_STEP * height
            or (
                gap > 0
                and _own_place(char, ends, height)
                and gap + _overstated(run, height) > PIECE_GAP * height
            )
        ):
            # far apart, or placed back over the previous character: a character set by
            # its own position (a table cell's text) where the file's glyph widths are
            # wider than its glyphs (pdfplumber places a string's characters by them)
            close(float(char["x0"]) if gap < 0 else None)
            run = []
        elif gap > 0.25 * height:
            run.append(
                {
                    "text": " ",
                    "x0": prev["x1"],
                    "x1": prev["x1"],
                    "top": prev["top"],
                    "bottom": prev["bottom"],
                }
            )
        run.append(char)
    close()
    return out


# -- budgets: what is checked before pdfplumber parses a page ---------------------------------


def preflight(data: bytes, max_pages: int) -> int | None:
    """The page count, after pdfium (C++, cheap) checked the file: more pages than
    `limits.MAX_PDF_PAGES_TOTAL`, document JavaScript. None where pdfium cannot open the
    file (pdfplumber then says what is wrong: a password, or a broken file)."""
    import pypdfium2
    import pypdfium2.raw as raw

    if not data:
        raise PdfDecodeError("the file is empty")
    try:
        doc = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        # pdfium's error code is a process-wide "last error" that a file failing for another
        # reason does not reset (a page tree without pages read as "password" after an
        # encrypted file): pdfminer, opening it next, says whether a password is the reason
        return None
    try:
        total = len(doc)
        if total > limits.MAX_PDF_PAGES_TOTAL:
            raise limits.too_many_pages(total)
        if raw.FPDFDoc_GetJavaScriptActionCount(doc.raw) > 0:
            raise limits.scripted("JavaScript")
        return total
    finally:
        doc.close()


#: Actions a PDF may run by itself (on opening, on a page, from a link) that we refuse.
_ACTIONS = {"JavaScript": "JavaScript", "Launch": "Launch（启动程序）", "ImportData": "ImportData"}


def _action(obj: Any, depth: int = 0) -> str | None:
    """The first refused action in an action dictionary and its /Next chain."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral

    action = resolve1(obj)
    if depth > 8:
        return None
    if isinstance(action, list):
        for item in action:
            found = _action(item, depth + 1)
            if found:
                return found
        return None
    if not isinstance(action, dict):
        return None
    kind = resolve1(action.get("S"))
    name = kind.name if isinstance(kind, PSLiteral) else None
    if isinstance(name, bytes):
        name = name.decode("latin-1")
    if name in _ACTIONS:
        return _ACTIONS[name]
    return _action(action.get("Next"), depth + 1) if "Next" in action else None


def _actions_of(triggers: Any) -> str | None:
    """The first refused action of an additional-actions (/AA) dictionary."""
    from pdfminer.pdftypes import resolve1

    triggers = resolve1(triggers)
    if isinstance(triggers, dict):
        for value in triggers.values():
            found = _action(value)
            if found:
                return found
    return None


def _check_actions(pdf: Any) -> None:
    """Refuse a PDF that runs something by itself: a JavaScript name tree, an open action,
    or additional actions of the document, a page or an annotation that are JavaScript or
    Launch. A plain /OpenAction destination (open at page 1) is fine."""
    from pdfminer.pdftypes import resolve1

    try:
        catalog = pdf.doc.catalog
        names = resolve1(catalog.get("Names"))
        found = "JavaScript" if isinstance(names, dict) and "JavaScript" in names else None
        found = found or _action(catalog.get("OpenAction")) or _actions_of(catalog.get("AA"))
        for page in pdf.pages:
            if found:
                break
            attrs = page.page_obj.attrs
            found = _actions_of(attrs.get("AA"))
            for annot in resolve1(attrs.get("Annots")) or []:
                annot = resolve1(annot)
                if found or not isinstance(annot, dict):
                    continue
                found = _action(annot.get("A")) or _actions_of(annot.get("AA"))
    except limits.Refused:
        raise
    except Exception:  # noqa: BLE001 - a broken structure is rendered (or refused) as before
        return
    if found:
        raise limits.scripted(found)


def _content_bytes(stream: Any, cap: int) -> int:
    """Decoded length of a content stream, never decoding more than `cap` + 1 bytes of a
    Flate stream (a small file can inflate a thousandfold)."""
    from pdfminer.pdftypes import resolve1

    stream = resolve1(stream)
    filters = [f[0] if isinstance(f, tuple) else f for f in stream.get_filters()]
    names = [getattr(f, "name", f) for f in filters]
    if not names:
        return len(stream.rawdata or b"")
    if names == ["FlateDecode"] and stream.rawdata is not None:
        try:
            return len(zlib.decompressobj().decompress(stream.rawdata, cap + 1))
        except zlib.error:
            return 0
    return len(stream.get_data())


def _check_content(data: bytes, pages: Any) -> None:
    """The pages to be read: their content size (decoded, bounded), then pdfium's count of
    their objects and the pixels of their images, before pdfplumber builds a Python object
    per operator."""
    import pypdfium2
    import pypdfium2.raw as raw
    from pdfminer.pdftypes import resolve1

    for page in pages:
        contents = resolve1(page.page_obj.attrs.get("Contents"))
        streams = contents if isinstance(contents, list) else [contents]
        size = 0
        for stream in streams:
            try:
                size += _content_bytes(stream, limits.MAX_PAGE_CONTENT_BYTES)
            except Exception:  # noqa: BLE001 - a broken stream draws nothing
                continue
        if size > limits.MAX_PAGE_CONTENT_BYTES:
            raise limits.page_too_complex(page.page_number, f"绘图指令超过 {size / 1e6:.0f} MB")
    if not pages:
        return
    doc = pypdfium2.PdfDocument(data)
    try:
        for page in pages:
            handle = doc[page.page_number - 1]
            count = raw.FPDFPage_CountObjects(handle.raw)
            if count > limits.MAX_PAGE_OBJECTS:
                raise limits.page_too_complex(page.page_number, f"{count} 个页面对象")
            for obj in handle.get_objects(max_depth=2):
                if obj.type != raw.FPDF_PAGEOBJ_IMAGE:
                    continue
                w, h = obj.get_px_size()
                if w * h > limits.MAX_DECODED_PIXELS:
                    raise limits.page_too_complex(page.page_number, f"内嵌图片 {w}×{h} 像素")
    except pypdfium2.PdfiumError:
        return  # rendering will say what is wrong with the page
    finally:
        doc.close()
