"""Recognise the detected text lines of a normalised page and group them into visual rows.

PP-OCR returns one box per text run; a label and its value ("姓名  欧阳晓彧", or the two cells
of a table row) often come back as separate boxes. Grouping boxes whose vertical extents
overlap gives rows that read like the printed line, which the label-based parsers need.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import cv2
import numpy as np

from models import TextLine

from .dates import find_dates, find_year_month
from .names import CJK_RANGE
from .ocr.base import Quad, Recognition
from .textnorm import fold_variants

if TYPE_CHECKING:
    from .seals import GreySeal, SealMap


@dataclass(frozen=True, slots=True)
class Row:
    """Text lines on one visual row, left to right."""

    lines: tuple[TextLine, ...]

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)

    @property
    def confidence(self) -> float:
        return min((line.confidence for line in self.lines), default=0.0)

    @property
    def box(self) -> tuple[int, int, int, int]:
        xs0, ys0, xs1, ys1 = zip(*(line.box for line in self.lines), strict=True)
        return min(xs0), min(ys0), max(xs1), max(ys1)


def quad_box(quad: Quad) -> tuple[int, int, int, int]:
    q = np.asarray(quad)
    return (
        int(q[:, 0].min()),
        int(q[:, 1].min()),
        int(np.ceil(q[:, 0].max())),
        int(np.ceil(q[:, 1].max())),
    )


def clean(text: str) -> str:
    """NFKC (full-width → half-width), no whitespace: how labels and values are compared."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


#: Dotted leaders between a label and its value (医师姓名……………潘超): runs of these, read
#: whole or in pieces. A run of two or more (or one ellipsis character) inside a line stands
#: for the colon it replaces; at the line's start or end it is dropped, as is a lone full
#: stop there beside a CJK character (医师姓名. | .中国医科大学…: a leader's last dot). A lone
#: middle dot stays: it joins the parts of a minority name (艾力·吐尔洪).
_LEADER_CHARS = "…‥⋯.．·・"
_LEADER_RUN = re.compile(f"[{re.escape(_LEADER_CHARS)}]+")
_STOPS = ".．"
#: One CJK character, compiled (the pattern lives in stages.names, a module without imports).
CJK_CHAR = re.compile(CJK_RANGE)


def strip_leaders(text: str) -> str:
    """`text` without its dotted leaders (see `_LEADER_RUN`)."""

    def one(m: re.Match[str]) -> str:
        run, start, end = m.group(), m.start(), m.end()
        leader = len(run) >= 2 or run in "…‥⋯"
        if start == 0 or end == len(text):
            beside = text[end : end + 1] if start == 0 else text[start - 1 : start]
            lone_stop = run in _STOPS and CJK_CHAR.match(beside) is not None
            return "" if leader or lone_stop else run
        if not leader:
            return run
        return "" if text[start - 1] in ":：" or text[end] in ":：" else "："

    return _LEADER_RUN.sub(one, text)


def without_leaders(lines: Sequence[TextLine]) -> list[TextLine]:
    """The lines with dotted leaders taken out of their text (`strip_leaders`); a line that
    was nothing but leaders is dropped."""
    out = []
    for line in lines:
        text = strip_leaders(line.text)
        if text.strip():
            out.append(line if text == line.text else replace(line, text=text))
    return out


#: A line whose print stands out from its paper by less than this share of the page's typical
#: line (median over its lines; contrast: the box's 90th grey percentile less its 3rd) and
#: by less than FAINT_LEVELS grey levels is a background pattern's text (a 底纹 of the title's
#: words, a watermark), not print: a 执业证书 on a green 底纹 had 10-11 against 60 for its grey
#: labels and 106-193 for its values.
FAINT_SHARE = 0.25
FAINT_LEVELS = 25.0


def _contrast(grey: np.ndarray, box: tuple[int, int, int, int]) -> float | None:
    x0, y0, x1, y1 = box
    crop = grey[max(0, y0) : max(0, y1), max(0, x0) : max(0, x1)]
    if crop.size == 0:
        return None
    return float(np.percentile(crop, 90)) - float(np.percentile(crop, 3))


def drop_faint(image: np.ndarray, lines: Sequence[TextLine]) -> list[TextLine]:
    """The lines without those a background pattern printed (FAINT_SHARE, FAINT_LEVELS)."""
    if len(lines) < 3:
        return list(lines)
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    contrasts = [_contrast(grey, ln.box) for ln in lines]
    known = [c for c in contrasts if c is not None]
    if not known:
        return list(lines)
    floor = min(FAINT_LEVELS, FAINT_SHARE * float(np.median(known)))
    return [ln for ln, c in zip(lines, contrasts, strict=True) if c is None or c >= floor]


def _row_groups(boxes: Sequence[tuple[int, int, int, int]]) -> list[list[int]]:
    """Indices of boxes on one visual row, rows top to bottom, boxes left to right; a box
    joins a row when its vertical centre lies inside the row's first box or that box's centre
    inside it (a lone "男" has a tighter box than "性别")."""
    rows: list[list[int]] = []
    order = sorted(range(len(boxes)), key=lambda i: ((boxes[i][1] + boxes[i][3]) / 2, boxes[i][0]))
    # a long line left a little tilted has a tall box that would swallow the next row's
    # labels: judge membership on each box's core, at most 1.3 line heights tall
    heights = sorted(b[3] - b[1] for b in boxes)
    limit = 1.3 * heights[len(heights) // 2] if heights else 0.0

    def extent(i: int) -> tuple[float, float]:
        y0, y1 = boxes[i][1], boxes[i][3]
        if limit and y1 - y0 > limit:
            c = (y0 + y1) / 2
            return c - limit / 2, c + limit / 2
        return y0, y1

    for i in order:
        y0, y1 = extent(i)
        centre = (y0 + y1) / 2
        for row in rows:
            r0, r1 = extent(row[0])
            if r0 <= centre <= r1 or y0 <= (r0 + r1) / 2 <= y1:
                row.append(i)
                break
        else:
            rows.append([i])
    return [sorted(r, key=lambda i: boxes[i][0]) for r in rows]


#: A table header's column: (centre x, skipped, half the header cell's width).
Column = tuple[float, bool, float]


def _header_columns(row: Sequence[TextLine], skip_columns: Sequence[str]) -> list[Column]:
    """A table header's columns; empty unless the row names a column to skip and has at
    least three cells."""
    cells = sorted(row, key=lambda t: t.box[0])
    skipped = [_only_skipped(clean(t.text), tuple(skip_columns)) for t in cells]
    if len(cells) < 3 or not any(skipped):
        return []
    return [
        ((t.box[0] + t.box[2]) / 2, skip, (t.box[2] - t.box[0]) / 2)
        for t, skip in zip(cells, skipped, strict=True)
    ]


def _only_skipped(text: str, skip_columns: tuple[str, ...]) -> bool:
    """The header cell names only columns to skip: a cell the detector merged from several
    headers (个人缴纳 单位缴纳 到账状态) that names a kept column too is read."""
    if not text.startswith(skip_columns):
        return False
    while text.startswith(skip_columns):
        name = next(s for s in skip_columns if text.startswith(s))
        text = text[len(name) :].lstrip("()（）/、,，")
    return not re.search(r"[\u4e00-\u9fff]{2}", text)


def _in_skipped_column(box: tuple[int, int, int, int], columns: Sequence[Column]) -> bool:
    """True when the box's centre is nearest a column to skip and the box spans no kept
    column's centre (a cell merged with a kept neighbour is read). A box wholly beyond the
    outermost header cell is in a column the header row did not show (a bent page can drop
    the last header cell into the next row): it is read."""
    x0, x1 = box[0], box[2]
    centre = (x0 + x1) / 2
    first, last = columns[0], columns[-1]
    if x0 > last[0] + last[2] or x1 < first[0] - first[2]:
        return False
    _, skip, _ = min(columns, key=lambda c: abs(c[0] - centre))
    return skip and not any(x0 < c < x1 for c, skipped, _ in columns if not skipped)


def _follow_columns(
    columns: list[Column], row_boxes: Sequence[tuple[int, int, int, int]]
) -> list[Column]:
    """The columns moved to where this row's cells are: a photographed table drifts and
    narrows down the page (a tilt, a perspective) by more than half a column over its length,
    but little from one row to the next. A column takes the centre of the one box of the row
    nearest it that spans no other column's centre, when that is within half the header
    cell's width (a row group missing the column's cell must not pull it onto the next
    column's); every box is known, read or not."""
    nearest: dict[int, list[float]] = {}
    for x0, _y0, x1, _y1 in row_boxes:
        centre = (x0 + x1) / 2
        k = min(range(len(columns)), key=lambda j: abs(columns[j][0] - centre))
        if not any(x0 < c < x1 for j, (c, _, _) in enumerate(columns) if j != k):
            nearest.setdefault(k, []).append(centre)
    return [
        (nearest[k][0], skip, half)
        if len(nearest.get(k, ())) == 1 and abs(nearest[k][0] - c) <= half
        else (c, skip, half)
        for k, (c, skip, half) in enumerate(columns)
    ]


#: A read this unsure of at most this many characters is the recogniser's guess at a speck,
#: a rule's end or a box's corner (姓名 | 最 (0.04) | 性别: the value printed under the
#: label), never a value: taken beside a label it hides the value below.
SPECK_CONFIDENCE = 0.2
SPECK_CHARS = 2


def _speck(text: str, confidence: float) -> bool:
    return confidence < SPECK_CONFIDENCE and len(clean(text)) <= SPECK_CHARS


def recognise_lines(
    image: np.ndarray,
    quads: Sequence[Quad],
    engine: object,
    skip_labels: Sequence[str] = (),
    skip_columns: Sequence[str] = (),
) -> list[TextLine]:
    """Recognise the detected lines. A row whose label is in `skip_labels` (an address, a
    list of 诊疗科目 …: text no check reads) is left after its label, and so are the indented
    lines that continue it; below a table header naming a column in `skip_columns` (险种,
    缴费基数 …), that column's cells are left unread. Recognition is most of the cost of a
    page."""
    name = str(getattr(engine, "name", "ocr"))
    boxes = [quad_box(q) for q in quads]

    def read(indices: Sequence[int]) -> list[TextLine]:
        crops = [engine.crop(image, quads[i]) for i in indices]  # type: ignore[attr-defined]
        recs = engine.recognise(crops)  # type: ignore[attr-defined]
        return [
            TextLine(r.text, r.confidence, boxes[i], name)
            for i, r in zip(indices, recs, strict=True)
            if r.text.strip() and not _speck(r.text, r.confidence)
        ]

    if not skip_labels and not skip_columns:
        return read(range(len(quads)))
    out: list[TextLine] = []
    # (left x, height, bottom y, where its value starts) of the last skipped label's row, or
    # of its last continuation
    skipped_at: tuple[int, int, int, int] | None = None
    columns: list[Column] = []  # the table header's, once one is seen
    starts: list[int] = []  # where the previous row's boxes after its first begin
    for row in _row_groups(boxes):
        x0, y0, _x1, y1 = boxes[row[0]]
        if skipped_at is not None:
            left, height, bottom, indent = skipped_at
            # an indented continuation of the skipped row follows it closely, starting about
            # where its value did; the next field's label can stand as far in on a card
            # photographed at a slant (公民身份号码 under 住址), but a line's gap further down.
            # A box far to the right is another column (a licence booklet's right page), never
            # a continuation.
            reach = min(left + FAR_COLUMN * height, indent + 2 * height)
            close = left + height < x0 < reach and y0 - bottom < height
            if close and not ruled_between(image, (x0, bottom, _x1, y0)):
                skipped_at = (left, height, max(bottom, y1), indent)
                out.extend(read([i for i in row if _far(boxes[i], left, height)]))
                continue
        first = read(row[:1])
        out.extend(first)
        starts, above = [boxes[i][0] for i in row[1:]], starts
        if first and skip_labels and clean(first[0].text).startswith(tuple(skip_labels)):
            beside = _other_column(row, boxes, x0, y1 - y0, above)
            value = [i for i in row[1:] if i not in beside]
            indent = boxes[value[0]][0] if value else x0 + GAP_COLUMN * (y1 - y0)
            skipped_at = (x0, y1 - y0, y1, indent)
            out.extend(read(beside))
            continue
        skipped_at = None
        if columns:
            columns = _follow_columns(columns, [boxes[i] for i in row])
        rest = [i for i in row[1:] if not (columns and _in_skipped_column(boxes[i], columns))]
        others = read(rest)
        out.extend(others)
        if skip_columns and not columns:
            columns = _header_columns(first + others, skip_columns)
    return out


#: A rule: a row of the gap between two lines dark across this share of their width.
RULE_SHARE = 0.6
#: …each of its pixels this much darker than the gap's paper (grey levels: a printed
#: table's light grey rule is 20-25 below its paper).
RULE_CONTRAST = 12


def ruled_between(image: np.ndarray, gap: tuple[int, int, int, int]) -> bool:
    """A table's rule crosses the gap (x0, top, x1, bottom) between a line and the one under
    it: the lower one stands in the next cell, not continuing the upper one's value."""
    x0, top, x1, bottom = gap
    h, w = image.shape[:2]
    x0, x1, top, bottom = max(0, x0), min(w, x1), max(0, top), min(h, bottom)
    if bottom - top < 1 or x1 - x0 < 4:
        return False
    strip = image[top:bottom, x0:x1]
    grey = strip if strip.ndim == 2 else cv2.cvtColor(strip, cv2.COLOR_BGR2GRAY)
    ground = float(np.percentile(grey, 90))
    dark = (grey.astype(np.int16) < ground - RULE_CONTRAST).mean(axis=1)
    return bool((dark >= RULE_SHARE).any())


#: A box this many line heights right of a skipped label stands in another column: it is
#: read (a two-page booklet prints its second page beside the first).
FAR_COLUMN = 16


#: A gap this many line heights wide on a skipped label's row opens another column: what
#: lies right of it is read (the booklet's right page printed beside 发证机关, a wide margin
#: apart, nearer than FAR_COLUMN; a two-column 副本's list of 诊疗科目 five heights right of
#: its 地址).
GAP_COLUMN = 4
#: After a skipped label's value, a gap this many line heights wide opens the next cell.
CELL_GAP = 2


def _far(box: tuple[int, int, int, int], left: int, height: int) -> bool:
    return box[0] > left + FAR_COLUMN * max(1, height)


def _other_column(
    row: Sequence[int],
    boxes: Sequence[tuple[int, int, int, int]],
    left: int,
    height: int,
    above: Sequence[int] = (),
) -> list[int]:
    """The boxes of a skipped label's row (left to right) that stand in another column:
    beyond FAR_COLUMN, right of a gap of GAP_COLUMN line heights, past the label's value by a
    gap of CELL_GAP (登记号 | its number | 有效期限 | 自2022年3月1日: the next cell's), or past a
    gap of CELL_GAP where a box of the row above began (`above`: 地址：… | the first line of
    the 诊疗科目 whose label stands above it, in the right column)."""
    out: list[int] = []
    right = boxes[row[0]][2]
    beyond = False
    for n, i in enumerate(row[1:]):
        box = boxes[i]
        gap = box[0] - right
        aligned = any(abs(box[0] - x) <= height for x in above)
        beyond = (
            beyond
            or gap > GAP_COLUMN * max(1, height)
            or ((n > 0 or aligned) and gap > CELL_GAP * max(1, height))
        )
        if beyond or _far(box, left, height):
            out.append(i)
        right = max(right, box[2])
    return out


#: Share of a crop's pixels that must be seal-red before the seal is taken out of it.
SEAL_SHARE = 0.02


def without_seal(crop: np.ndarray, share: float = SEAL_SHARE) -> np.ndarray | None:
    """The crop with red seal ink washed out (its red channel, where red ink is as light as
    paper and black print stays dark), or None when there is no seal to speak of (less than
    `share` of its pixels seal red)."""
    if crop.ndim != 3 or crop.size == 0 or _red_share(crop) < share:
        return None
    grey = np.ascontiguousarray(crop[:, :, 2])
    return np.ascontiguousarray(np.repeat(grey[:, :, None], 3, axis=2))


def _read_washed(engine: object, crop: np.ndarray) -> Recognition:
    """The recogniser's read of `crop` with a seal's red washed out where one lies over it
    (the crop as it is where none does)."""
    plain = without_seal(crop)
    (rec,) = engine.recognise([crop if plain is None else plain])  # type: ignore[attr-defined]
    return rec


#: Where `levelled` puts white: this share of the way from the print's darkest (3rd
#: percentile) to the paper (90th percentile) of the red channel.
LEVEL_WHITE = 0.5


def levelled(plain: np.ndarray) -> np.ndarray:
    """A seal-washed crop (`without_seal`) with its levels stretched so that what is lighter
    than halfway between print and paper turns white: on a low-resolution or heavily
    compressed capture the seal's ink stays mid-grey in the red channel and its star or
    lettering still reads as strokes, while print stays dark."""
    grey = plain[:, :, 0].astype(np.float32)
    lo, hi = np.percentile(grey, (3, 90))
    white = lo + (hi - lo) * LEVEL_WHITE
    out = np.clip((grey - lo) / max(1.0, white - lo) * 255, 0, 255).astype(np.uint8)
    return np.ascontiguousarray(np.repeat(out[:, :, None], 3, axis=2))


#: Print is darker than this share of the way from the darkest (3rd percentile) to the
#: paper (90th) in the red channel; compressed seal ink at its darkest stays above it.
PRINT_DARK = 0.35


def print_end(crop: np.ndarray) -> int | None:
    """The last column of the crop that holds dark print in the red channel (where red seal
    ink, star and lettering alike, is light), or None when there is none."""
    if crop.ndim != 3 or crop.size == 0:
        return None
    red = crop[:, :, 2].astype(np.float32)
    lo, hi = np.percentile(red, (3, 90))
    if hi - lo < 1:
        return None
    dark = (red < lo + (hi - lo) * PRINT_DARK).sum(axis=0) >= 2
    cols = np.flatnonzero(dark)
    return int(cols[-1]) if cols.size else None


#: A pixel row belongs to the print's band when it holds at least this share of the ink of
#: the line's inkiest row: strokes that only poke out (a descender, a speck) do not count.
INK_ROW_SHARE = 0.25


def ink_height(crop: np.ndarray) -> int | None:
    """How many pixels tall the print of a one-line crop stands: the span of the rows that
    carry ink (Otsu's split of dark print from light ground). The detector's box around a
    line is padded and varies with the capture; the ink is what a reader has to see."""
    if crop.size == 0 or min(crop.shape[:2]) < 3:
        return None
    grey = crop if crop.ndim == 2 else cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    if int(grey.max()) - int(grey.min()) < 16:
        return None  # a flat patch: no print to measure
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    profile = (ink > 0).mean(axis=1)
    rows = np.flatnonzero(profile >= INK_ROW_SHARE * profile.max())
    return int(rows[-1] - rows[0] + 1)


#: Labels of the row that holds the holder's name (a table's 姓名, a diploma's 学生…).
NAME_ROW_LABELS = ("姓名", "学生")
#: A name's row is read washed with this little seal red in it: a seal over the end of a long
#: line of running text (学生买买提·吐尔逊，性别男，1999年…) is a small share of its crop.
NAME_SEAL_SHARE = 0.005


def reread_sealed_names(
    image: np.ndarray, lines: Sequence[TextLine], engine: object
) -> list[TextLine]:
    """Each line of a name's row that a red seal overlaps is recognised again with the seal
    washed out (`without_seal`), and the washed read is kept when sure (or the surer): the seal's
    strokes otherwise read as characters of the name, or hide it. Where the two disagree, the
    read kept is only as sure as the other (a person decides, never a mismatch on the seal's
    lettering). Costs one small crop per sealed name line, and only when it happens."""
    out = list(lines)
    h_img, w_img = image.shape[:2]
    index = {id(line): i for i, line in enumerate(lines)}
    for row in group_rows(lines):
        if not any(clean(ln.text).startswith(NAME_ROW_LABELS) for ln in row.lines):
            continue
        for line in row.lines:
            x0, y0, x1, y1 = line.box
            pad = max(2, (y1 - y0) // 8)
            crop = image[
                max(0, y0 - pad) : min(h_img, y1 + pad), max(0, x0 - pad) : min(w_img, x1 + pad)
            ]
            plain = without_seal(crop, NAME_SEAL_SHARE)
            if plain is None:
                continue
            (rec,) = engine.recognise([plain])  # type: ignore[attr-defined]
            same = clean(rec.text) == clean(line.text)
            if rec.text.strip() and rec.confidence > line.confidence:
                out[index[id(line)]] = replace(line, text=rec.text, confidence=rec.confidence)
            elif rec.text.strip() and not same and rec.confidence >= SEAL_READ_CONFIDENCE:
                # the washed read, when sure, is the print's: the seal's red read through
                # adds strokes (吐尔逊 read 吐尔通医 through the ring); no surer than either
                out[index[id(line)]] = replace(line, text=rec.text, confidence=rec.confidence)
            elif not same:
                # the two reads disagree: what was read through the seal may be the seal's own
                # lettering (专科学 over 禚阳宇): no more sure than the washed read
                sure = min(line.confidence, rec.confidence if rec.text.strip() else 0.0)
                out[index[id(line)]] = replace(line, confidence=sure)
    return out


#: Share of seal-red pixels in the gap between two lines of a row that marks the gap as a
#: seal over text; the widest such gap (in line heights) read over; and the least confidence
#: at which the joined read replaces the detector's two lines.
SEAL_GAP_SHARE = 0.04
SEAL_REACH = 4
SEAL_READ_CONFIDENCE = 0.8


def _red_share(crop: np.ndarray) -> float:
    """Share of seal-red pixels (red well above green and blue) in a BGR crop."""
    if crop.ndim != 3 or crop.size == 0:
        return 0.0
    b, g, r = (crop[:, :, i].astype(np.int16) for i in range(3))
    return float(((r - np.maximum(g, b)) > 40).mean())


def reread_near_seals(
    image: np.ndarray, lines: Sequence[TextLine], engine: object
) -> list[TextLine]:
    """A seal over printed text often splits the detector's line where the seal lies
    (天津 | seal | 民医院): two lines of a row with seal ink in the gap between them are read
    again as one crop, the seal washed out, and the joined read is kept when it is confident
    and longer than the two. Only a gap closed by text on both sides is read over: a line
    merely ending at a seal is left as it is (reaching past it reads the seal's own lettering
    or a portrait's edge). Costs one crop per such gap, and only then."""
    h_img, w_img = image.shape[:2]
    out: list[TextLine] = []
    for row in group_rows(lines):
        items = list(row.lines)
        i = 0
        while i < len(items):
            line = items[i]
            nxt = items[i + 1] if i + 1 < len(items) else None
            if nxt is None or not _seal_between(image, line, nxt):
                out.append(line)
                i += 1
                continue
            x0, y0, _x1, y1 = line.box
            y0, y1 = min(y0, nxt.box[1]), max(y1, nxt.box[3])
            pad = max(2, (y1 - y0) // 8)
            crop = image[max(0, y0 - pad) : min(h_img, y1 + pad), x0 : min(w_img, nxt.box[2])]
            rec = _read_washed(engine, crop)
            before = clean(line.text) + clean(nxt.text)
            if rec.confidence >= SEAL_READ_CONFIDENCE and len(clean(rec.text)) > len(before):
                out.append(
                    TextLine(rec.text, rec.confidence, (x0, y0, nxt.box[2], y1), line.engine)
                )
                i += 2
            else:
                out.append(line)
                i += 1
    return out


def _seal_between(image: np.ndarray, a: TextLine, b: TextLine) -> bool:
    """Seal ink in the gap between two lines of a row, the gap no wider than SEAL_REACH line
    heights (a table's next column lies further)."""
    h = max(1, a.box[3] - a.box[1])
    gap0, gap1 = a.box[2], b.box[0]
    if gap1 - gap0 < h // 2 or gap1 - gap0 > SEAL_REACH * h:
        return False
    return _red_share(image[a.box[1] : a.box[3], gap0:gap1]) >= SEAL_GAP_SHARE


#: Around a seal, where a line under it is looked for: this many line heights beside it (a
#: unit's name under the seal runs past its rim) and above/below it.
UNDER_SEAL_SIDE = 6.0
UNDER_SEAL_UPDOWN = 0.5
#: A line found under a seal is kept when read at least this confidently, with this many
#: characters (a seal's own lettering is washed out before detection).
UNDER_SEAL_MIN_CHARS = 2
#: A line found washed extends one read before when it reaches this many line heights
#: further right (about one more character).
EXTEND_MIN = 0.6


def read_under_seals(
    image: np.ndarray,
    lines: Sequence[TextLine],
    engine: object,
    seal_map: SealMap | None = None,
) -> list[TextLine]:
    """A line printed under a seal (a letter's unit above its date, the seal over both) is
    often not detected at all: the seal's red ring and lettering break the detector's text
    map. Around each seal on the page, the red ink is washed out (red channel) and the
    detector runs again on that patch alone; a line it finds there that no line read
    already covers is recognised and added. Lines read through the seal's ink are read
    again washed. Costs one small detection per seal and a crop per line it covers, and
    only on pages with a seal. `seal_map`: the image's seal red, measured once for the page
    (stages.seals.SealMap; the seal check asks it again)."""
    from .seals import SealMap  # seals knows nothing of reading; no import cycle

    if image.ndim != 3 or not lines:
        return list(lines)
    heights = [ln.box[3] - ln.box[1] for ln in lines if ln.box[3] > ln.box[1]]
    line_px = float(np.median(heights)) if heights else 0.0
    if line_px <= 0:
        return list(lines)
    out = list(lines)
    h_img, w_img = image.shape[:2]
    name = str(getattr(engine, "name", "ocr"))
    if seal_map is None or not seal_map.is_of(image):
        seal_map = SealMap(image)
    boxes = [s.box for s in seal_map.find(line_px)]
    wash: Wash = _washed
    if not boxes:  # a photocopy's seals are grey: washed by their level, not their colour
        grey = seal_map.grey(line_px)
        boxes, wash = [s.box for s in grey], _grey_wash(grey)
    if not boxes:
        return out

    out = _reread_washed(image, out, boxes, engine, wash)
    for seal in boxes:
        sx0, sy0, sx1, sy1 = seal
        side, updown = round(UNDER_SEAL_SIDE * line_px), round(UNDER_SEAL_UPDOWN * line_px)
        x0, y0 = max(0, sx0 - side), max(0, sy0 - updown)
        x1, y1 = min(w_img, sx1 + side), min(h_img, sy1 + updown)
        plain = wash(image, y0, y1, x0, x1)
        new = _washed_finds(engine.detect(plain), (x0, y0), seal, out, line_px)  # type: ignore[attr-defined]
        if not new:
            continue
        crops = [
            _washed_line(image, box, [out[i].box for i in split], wash)
            if split
            else engine.crop(plain, q)  # type: ignore[attr-defined]
            for box, q, split in new
        ]
        recs = engine.recognise(crops)  # type: ignore[attr-defined]
        gone: set[int] = set()
        for (box, _q, split), rec in zip(new, recs, strict=True):
            text = rec.text.strip()
            if rec.confidence < SEAL_READ_CONFIDENCE or len(clean(text)) < UNDER_SEAL_MIN_CHARS:
                continue
            if not split:
                out.append(TextLine(text, rec.confidence, box, name))
            elif not gone & set(split) and _continues(
                clean(text),
                # a piece read unsure is the seal's ink read as a character (天津 | 花 |
                # 镇卫生院): the washed read need not hold it
                [clean(out[i].text) for i in split if out[i].confidence >= SEAL_READ_CONFIDENCE],
            ):
                joined = _union([box] + [out[i].box for i in split])
                # across, all it holds; up and down, the washed line's own height (a piece
                # read through the seal's ring may stand taller than its line)
                union = (joined[0], box[1], joined[2], box[3])
                out[split[0]] = TextLine(text, rec.confidence, union, out[split[0]].engine)
                gone.update(split[1:])  # pieces the seal split the line into, now read whole
        out = [ln for i, ln in enumerate(out) if i not in gone]
    return out


def _washed_finds(
    quads: Sequence[Quad],
    at: tuple[int, int],
    seal: tuple[int, int, int, int],
    out: Sequence[TextLine],
    line_px: float,
) -> list[tuple[tuple[int, int, int, int], Quad, tuple[int, ...]]]:
    """The lines the washed patch's detector found over the seal worth reading: one no line
    read covers, or one that extends the line(s) read before (box, quad, those lines in
    reading order, or none)."""
    new: list[tuple[tuple[int, int, int, int], Quad, tuple[int, ...]]] = []
    for q in quads:
        bx0, by0, bx1, by1 = quad_box(q)
        box = (bx0 + at[0], by0 + at[1], bx1 + at[0], by1 + at[1])
        if not _overlaps(box, seal):
            continue
        under = sorted(
            (i for i, ln in enumerate(out) if _inside(ln.box, box)),
            key=lambda i: out[i].box[0],
        )
        if not under and not any(_covered(box, ln.box) for ln in out):
            new.append((box, q, ()))
        elif under and (
            len(under) >= 2
            or _extends(box, _union([out[i].box for i in under]), line_px)
            or _starts_under(box, out[under[0]].box, seal)
        ):
            # the seal cut the line read before short, or split it in pieces
            new.append((box, q, tuple(under)))
    return new


def _washed_line(
    image: np.ndarray,
    box: tuple[int, int, int, int],
    lines: Sequence[tuple[int, int, int, int]],
    wash: Wash,
) -> np.ndarray:
    """The whole line washed: from the start of the box found washed to the end of the
    line(s) read before, which may run on past the patch looked at round the seal."""
    x0, _y0, x1, _y1 = _union([box, *lines])
    pad = max(2, (box[3] - box[1]) // 8)
    return wash(image, max(0, box[1] - pad), min(image.shape[0], box[3] + pad), x0, x1)


#: A patch of the page (image, y0, y1, x0, x1) with the seals' ink washed out.
Wash = Callable[[np.ndarray, int, int, int, int], np.ndarray]


def _washed(image: np.ndarray, ya: int, yb: int, xa: int, xb: int) -> np.ndarray:
    """A patch of the page with the red washed out (its red channel): only the patches
    looked at are made, never the whole page."""
    return np.ascontiguousarray(np.repeat(image[ya:yb, xa:xb, 2:3], 3, axis=2))


def _grey_wash(seals: Sequence[GreySeal]) -> Wash:
    """Washing for a photocopy's grey seals: inside each ring (and its ink's width round it),
    what is at least as light as the seal's `wash` level turns to the paper; darker print
    under it stays (the copier turned the red a lighter grey than the black)."""

    def wash(image: np.ndarray, ya: int, yb: int, xa: int, xb: int) -> np.ndarray:
        patch = image[ya:yb, xa:xb]
        if patch.size == 0:  # a patch cut to nothing at the page's edge: nothing to wash
            return np.zeros((*patch.shape[:2], 3), np.uint8)
        grey = patch if patch.ndim == 2 else cv2.cvtColor(patch, cv2.COLOR_BGR2GRAY)
        grey = grey.copy()
        yy, xx = np.mgrid[ya:yb, xa:xb]
        for seal in seals:
            cx, cy = seal.centre
            rim = seal.radius + GREY_RIM_PX
            disc = (xx - cx) ** 2 + (yy - cy) ** 2 <= rim * rim
            grey[disc & (grey >= seal.wash)] = seal.paper
        return np.ascontiguousarray(np.repeat(grey[:, :, None], 3, axis=2))

    return wash


#: A grey seal's ring is washed this many pixels past the radius its middle was found at.
GREY_RIM_PX = 8


def _reread_washed(
    image: np.ndarray,
    lines: list[TextLine],
    seals: Sequence[tuple[int, int, int, int]],
    engine: object,
    wash: Wash = _washed,
) -> list[TextLine]:
    """A line read through a seal's ink (注册日期：2021.5.27 read 202185.27) is read again
    with the red washed out, kept when the washed read is the more confident."""
    out = list(lines)
    h_img = image.shape[0]
    over = [i for i, ln in enumerate(out) if any(_overlaps(ln.box, s) for s in seals)]
    if not over:
        return out
    crops = []
    for i in over:
        x0, y0, x1, y1 = out[i].box
        pad = max(2, (y1 - y0) // 8)
        crops.append(wash(image, max(0, y0 - pad), min(h_img, y1 + pad), max(0, x0), x1))
    recs = engine.recognise(crops)  # type: ignore[attr-defined]
    for i, rec in zip(over, recs, strict=True):
        washed, read = clean(rec.text), clean(out[i].text)
        if not washed:
            continue
        if rec.confidence > out[i].confidence or (
            # the washed read, when sure, is the print's: the seal's lettering read through
            # adds or swaps a character (北京大学第一医院 read 第健 at 0.999, 健 of the seal's
            # 卫生健康委员会); the same box holds the same print, so a read that lost or
            # gained more than a character is not taken (red print washed out with the seal)
            washed != read
            and rec.confidence >= SEAL_READ_CONFIDENCE
            and abs(len(washed) - len(read)) <= 1
        ):
            out[i] = TextLine(rec.text, rec.confidence, out[i].box, out[i].engine)
    return out


def _extends(
    box: tuple[int, int, int, int], line: tuple[int, int, int, int], line_px: float
) -> bool:
    """The box found with the seal washed out reaches a character further right than the
    line read before (12022120010 | seal | 620720X read only to the seal), or further left
    (a date whose first characters lie under the seal: 二〇一八年… read from 八年…)."""
    right = box[2] - line[2] >= EXTEND_MIN * line_px and box[0] <= line[0] + line_px
    left = line[0] - box[0] >= EXTEND_MIN * line_px and box[2] >= line[2] - line_px
    return right or left


def _starts_under(
    box: tuple[int, int, int, int],
    line: tuple[int, int, int, int],
    seal: tuple[int, int, int, int],
) -> bool:
    """The line read before starts under the seal (or a line height before its box: the ring
    is round, its box square) and the washed box starts before it: its first character (段
    of 段芳霞，女，…; 河 of 河北省…) may be lost to the seal's ink, which no margin of the
    detector's boxes tells."""
    height = line[3] - line[1]
    return box[0] < line[0] and seal[0] - height <= line[0] <= seal[2]


#: Pieces read over the same ink may share this many characters (北京 | 京市实验…).
PIECE_OVERLAP = 2


def _continues(text: str, pieces: Sequence[str]) -> bool:
    """The washed read holds the line(s) read before, in order (variant forms folded: 職業
    for 职业): one line at its start or its end, and more; pieces the seal split a line into
    (六年十二 | 二十六日; 沧州医学高等 | 专科学校), each in turn, two of them perhaps reading
    the same character (北京 | 京市实验职業学校)."""
    if not pieces or not all(pieces):
        return False
    text = fold_variants(text)
    pieces = [fold_variants(p) for p in pieces]
    if len(text) <= max(len(p) for p in pieces):
        return False
    if len(pieces) == 1:
        return text.startswith(pieces[0]) or text.endswith(pieces[0])
    at = 0
    for piece in pieces:
        found = text.find(piece, max(0, at - PIECE_OVERLAP))
        if found < 0:
            return False
        at = found + len(piece)
    return True


def _inside(line: tuple[int, int, int, int], box: tuple[int, int, int, int]) -> bool:
    """Most of the line read before lies within the box found washed (a piece of it)."""
    ix = min(box[2], line[2]) - max(box[0], line[0])
    iy = min(box[3], line[3]) - max(box[1], line[1])
    return ix >= 0.6 * (line[2] - line[0]) and iy >= 0.5 * (box[3] - box[1])


def _union(boxes: Sequence[tuple[int, int, int, int]]) -> tuple[int, int, int, int]:
    """The smallest box holding all of `boxes`."""
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _covered(box: tuple[int, int, int, int], other: tuple[int, int, int, int]) -> bool:
    """Half of the box's height and a third of its width lie within a line read already."""
    ix = min(box[2], other[2]) - max(box[0], other[0])
    iy = min(box[3], other[3]) - max(box[1], other[1])
    if ix <= 0 or iy <= 0:
        return False
    return iy >= 0.5 * (box[3] - box[1]) and ix >= (box[2] - box[0]) / 3


#: How far (in label heights) right of a lone 姓名 label the reader looks for the name.
NAME_REACH = 9
#: Labels of an institution's name (up to ~20 characters), and how far right of them to look.
UNIT_LABELS = ("试用机构", "执业机构", "主要执业机构", "执业地点", "单位名称", "机构名称")
UNIT_REACH = 22
#: Labels of a date range (2024年07月01日至2025年07月31日) or an ID number, as long as a
#: unit's name.
LONG_VALUE_LABELS = ("试用时间", "身份证号", "身份证件号码")


def fill_lone_labels(
    image: np.ndarray, lines: Sequence[TextLine], labels: Sequence[str], engine: object
) -> list[TextLine]:
    """The detector can miss a value of one character (性别 女), or one under a seal's star:
    for each of `labels` found with nothing to its right on its row, recognise the strip
    right of it and add what is there. Costs one small crop, and only when it happens."""
    out = list(lines)
    h_img, w_img = image.shape[:2]
    for row in group_rows(lines):
        for i, line in enumerate(row.lines):
            label = clean(line.text).rstrip(":：")
            x0, y0, x1, y1 = line.box
            h = y1 - y0
            last = i  # the label's last box on the row
            if label not in labels and i + 1 < len(row.lines):
                # a label spaced out into two boxes (姓 | 名): the pair is the label
                second = row.lines[i + 1]
                pair = (label + clean(second.text)).rstrip(":：")
                if pair in labels and second.box[0] - x1 < 3 * h:
                    label, x1, last = pair, second.box[2], i + 1
            if label not in labels:
                continue
            # a name (2-4 characters, often across a table's column gap) needs a wider look
            reach = (
                NAME_REACH
                if label.startswith("姓名")
                else UNIT_REACH
                if label.startswith(UNIT_LABELS + LONG_VALUE_LABELS)
                else 3
            ) * h
            nxt = row.lines[last + 1].box[0] if last + 1 < len(row.lines) else w_img
            if nxt - x1 < 3 * h:
                continue  # something was read where the value would be
            pad = h // 4
            right = min(w_img, x1 + reach, nxt)
            strip = image[max(0, y0 - pad) : min(h_img, y1 + pad), x1:right]
            if strip.size == 0:
                continue
            # a seal stamped over the value is what usually hides it from the detector
            rec = _read_washed(engine, strip)
            text = rec.text.strip().strip("()（）[]【】|:：")
            box = (x1, y0, right, y1)
            if text and not _speck(text, rec.confidence) and not _read_already(text, box, lines):
                # a line the detector found reaching into the strip (the value printed under
                # the label): what the strip reads may be that line's tops, a guess
                near = any(_overlaps(box, ln.box) for ln in lines if ln is not line)
                sure = min(rec.confidence, GUESS_CONFIDENCE) if near else rec.confidence
                out.append(TextLine(text, sure, box, line.engine))
    return out


#: The confidence a read keeps at most where it is a guess (a strip beside a label that a found
#: line reaches into, a date read whole across a seal): under crosscheck.CLEAR_MISMATCH_FLOOR
#: (0.5), so it may confirm the form's value, never contradict it (unreadable then), and the
#: form's value printed alone nearby decides (stages.formsearch).
GUESS_CONFIDENCE = 0.45


def _overlaps(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    """The two boxes share some area (a line's box reaching into a seal's or a strip's)."""
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


#: A line ending in a year (…于2026年, 2024.07.0 cut): the detector stopped short of a date's
#: month. The strip right of it is read, this many line heights far.
CUT_DATE_REACH = 5
_YEAR_END = re.compile(r"(?:19|20)[0-9]{2}年$")
_MONTH_START = re.compile(r"(?:0?[1-9]|1[0-2])月")


def read_cut_dates(image: np.ndarray, lines: Sequence[TextLine], engine: object) -> list[TextLine]:
    """A line that ends in a year with nothing read right of it on its row (glare or a
    faint patch over the month: 于2026年 | 6月毕业): the strip right of it is recognised and
    kept when it starts with a month. Costs one small crop, and only when it happens."""
    out = list(lines)
    h_img, w_img = image.shape[:2]
    for row in group_rows(lines):
        for i, line in enumerate(row.lines):
            if not _YEAR_END.search(clean(line.text)):
                continue
            x0, y0, x1, y1 = line.box
            h = max(1, y1 - y0)
            nxt = row.lines[i + 1].box[0] if i + 1 < len(row.lines) else w_img
            right = min(w_img, x1 + CUT_DATE_REACH * h, nxt)
            if right - x1 < h:
                continue  # something was read right after it
            pad = h // 4
            strip = image[max(0, y0 - pad) : min(h_img, y1 + pad), x1:right]
            if strip.size == 0:
                continue
            rec = _read_washed(engine, strip)
            text = rec.text.strip()
            if _MONTH_START.match(clean(text)) and not _speck(text, rec.confidence):
                out.append(TextLine(text, rec.confidence, (x1, y0, right, y1), line.engine))
    return out


#: A line ending in a date whose day has one digit though its month has two (…至2025-06-3):
#: the detector's box stopped inside the day (2025-06-30在 read 2025-06-3), and the date
#: read is another day. The line is read again this many line heights wider.
CUT_DAY_REACH = 2
_CUT_DAY = re.compile(r"(?:19|20)[0-9]{2}([-./])[01][0-9]\1[0-9]$")


def read_cut_days(image: np.ndarray, lines: Sequence[TextLine], engine: object) -> list[TextLine]:
    """A line ending in a date cut inside its day, with nothing read right of it on its
    row: the line is recognised again over a crop reaching further right (the seal's red
    washed out) and kept in its place when it reads the same text on, the day whole and at
    most two characters after it (…至2025-06-30在). Costs one crop, and only when it happens."""
    out = list(lines)
    h_img, w_img = image.shape[:2]
    for row in group_rows(lines):
        for i, line in enumerate(row.lines):
            text = clean(line.text)
            if not _CUT_DAY.search(text):
                continue
            x0, y0, x1, y1 = line.box
            h = max(1, y1 - y0)
            nxt = row.lines[i + 1].box[0] if i + 1 < len(row.lines) else w_img
            right = min(w_img, x1 + CUT_DAY_REACH * h, nxt)
            if right - x1 < h // 2:
                continue  # something was read right after it
            pad = h // 4
            crop = image[max(0, y0 - pad) : min(h_img, y1 + pad), max(0, x0 - pad) : right]
            if crop.size == 0:
                continue
            rec = _read_washed(engine, crop)
            again = clean(rec.text)
            if not re.fullmatch(re.escape(text) + r"[0-9](?![0-9]).{0,2}", again):
                continue
            out[out.index(line)] = TextLine(
                rec.text.strip(),
                min(line.confidence, rec.confidence),
                (x0, y0, right, y1),
                line.engine,
            )
    return out


#: A line starting with a year cut short (一九年二月, 16年6月): a seal or a gap split the date,
#: the year's head in a box of its own that was lost.
_SHORT_YEAR_START = re.compile(r"^(?:[〇○零Oo一二三四五六七八九]{0,3}|[0-9]{1,3})年")
#: How far left of such a line the date's head is looked for (line heights).
SPLIT_DATE_REACH = 4


def read_split_dates(
    image: np.ndarray, lines: Sequence[TextLine], engine: object
) -> list[TextLine]:
    """A date split into pieces by a seal over it (二 | 〇 | 一九年二月 | 八日, the year's head
    lost as specks): the strip from the line before it (its label) to the date's last piece
    is recognised whole, the seal's red washed out, and kept in place of the pieces when it
    reads a date with its whole year. Costs one crop, and only when it happens."""
    out = list(lines)
    h_img, w_img = image.shape[:2]
    for row in group_rows(lines):
        for i, line in enumerate(row.lines):
            if not _SHORT_YEAR_START.match(clean(line.text)):
                continue
            x0, y0, x1, y1 = line.box
            h = max(1, y1 - y0)
            left = row.lines[i - 1].box[2] if i > 0 else 0
            start = max(left + 2, x0 - SPLIT_DATE_REACH * h, 0)
            pieces, end = [line], x1
            for nxt in row.lines[i + 1 :]:  # the date's later pieces (八日)
                if nxt.box[0] - end > 2 * h:
                    break
                pieces.append(nxt)
                end = nxt.box[2]
            if x0 - start < h // 2:
                continue  # nothing lies left of it: the year was never printed there
            pad = h // 4
            top = min(p.box[1] for p in pieces)
            bottom = max(p.box[3] for p in pieces)
            strip = image[
                max(0, top - pad) : min(h_img, bottom + pad), int(start) : min(w_img, end + pad)
            ]
            if strip.size == 0:
                continue
            rec = _read_washed(engine, strip)
            text = rec.text.strip()
            whole = find_dates(text) or find_year_month(text)
            if not whole or _speck(text, rec.confidence) or not _holds_in_order(text, pieces):
                continue
            for p in pieces:
                out.remove(p)
            # what was lost under the seal is a guess: it may confirm the form's date, never
            # contradict it (below the comparison's floor for a mismatch: unreadable then)
            sure = min(rec.confidence, GUESS_CONFIDENCE)  # 一五 read 二五 under the ring
            out.append(TextLine(text, sure, (int(start), top, end, bottom), line.engine))
            break
    return out


def _holds_in_order(text: str, pieces: Sequence[TextLine]) -> bool:
    """The whole read keeps what each piece read, in order: it only adds what was lost (二〇
    before 一九年二月), never reads a piece otherwise (一五年 under a seal's ring is not
    二五年)."""
    whole, at = clean(text), 0
    for piece in pieces:
        found = whole.find(clean(piece.text), at)
        if found < 0:
            return False
        at = found + len(clean(piece.text))
    return True


def _read_already(text: str, box: tuple[int, int, int, int], lines: Sequence[TextLine]) -> bool:
    """The strip's read is (part of) a line the detector found that reaches into the strip:
    the value printed under its label (姓名 over 古丽米拉·艾买尔, the strip catching the
    name's top, read 米拉·艾买尔), not a value beside it."""
    want = clean(text)
    for ln in lines:
        ix = min(box[2], ln.box[2]) - max(box[0], ln.box[0])
        iy = min(box[3], ln.box[3]) - max(box[1], ln.box[1])
        if ix > 0 and iy > 0 and want and _mostly_in(want, clean(ln.text)):
            return True
    return False


def _mostly_in(part: str, whole: str) -> bool:
    """`part` is in `whole`, or a run of at least half of it (and 3 characters) is: a
    glimpse of the tops of the line below read partly as guesses (天津医科大学第二医院 read
    十学第二医院, 中国医科大学附属第一医院 read 学联屋第一医院)."""
    if part in whole:
        return True
    need = max(3, (len(part) + 1) // 2)
    return any(part[k : k + need] in whole for k in range(len(part) - need + 1))


#: Lengths of the numbers the materials print: practice certificate 15, ID and diploma 18,
#: qualification certificate 24 or 27. A digit run one or two short of one of them is most
#: likely that number with a repeated digit merged: CTC reads "111" as "11" when a long line
#: leaves too few frames per character.
NUMBER_LENGTHS = (15, 18, 24, 27)
_RUN = re.compile(r"(?<![0-9Xx])[0-9]+[Xx]?(?![0-9Xx])")
#: How much wider a line is re-read: more frames per character keep repeated digits apart.
STRETCH = 1.8


def _short(run: str) -> bool:
    n = len(run)
    return n not in NUMBER_LENGTHS and any(0 < full - n <= 2 for full in NUMBER_LENGTHS)


def restretch_numbers(
    image: np.ndarray, lines: Sequence[TextLine], engine: object
) -> list[TextLine]:
    """Re-read, stretched wider, each line holding one digit run just short of a printed
    number's length (and no run of such a length); keep the re-read when it holds one number
    of a length the short run falls short of. Costs one crop per such line, and only when it
    happens."""
    out = []
    h_img, w_img = image.shape[:2]
    for line in lines:
        text = clean(line.text)
        runs = _RUN.findall(text)
        short = [r for r in runs if _short(r)]
        if len(short) != 1 or any(len(r) in NUMBER_LENGTHS for r in runs):
            out.append(line)
            continue
        x0, y0, x1, y1 = line.box
        pad = max(2, (y1 - y0) // 6)
        crop = image[
            max(0, y0 - pad) : min(h_img, y1 + pad), max(0, x0 - pad) : min(w_img, x1 + pad)
        ]
        if crop.size == 0:
            out.append(line)
            continue
        wide = cv2.resize(crop, None, fx=STRETCH, fy=1.0, interpolation=cv2.INTER_CUBIC)
        (rec,) = engine.recognise([wide])  # type: ignore[attr-defined]
        n = len(short[0])
        full = [
            r
            for r in _RUN.findall(clean(rec.text))
            if len(r) in NUMBER_LENGTHS and 0 < len(r) - n <= 2
        ]
        if len(full) == 1:
            # keep the first read's other text (its label); take only the number
            fixed = text.replace(short[0], full[0], 1)
            out.append(replace(line, text=fixed, confidence=min(line.confidence, rec.confidence)))
        else:
            out.append(line)
    return out


def group_rows(lines: Sequence[TextLine]) -> list[Row]:
    """The lines as visual rows, top to bottom, each left to right."""
    return [Row(tuple(lines[i] for i in g)) for g in _row_groups([t.box for t in lines])]


def join_overlapping(lines: Sequence[TextLine]) -> list[TextLine]:
    """Two lines of a row whose boxes overlap, the first's end read again as the second's
    start (辽宁 | 医药职业 | 职业学院: a seal split the detector's line into boxes that
    overlap), become one line without the repeat. The ink under the overlap was read twice;
    only a repeat of at least one character where the boxes overlap is joined."""
    out: list[TextLine] = []
    for row in group_rows(lines):
        merged: list[TextLine] = []
        for line in row.lines:
            prev = merged[-1] if merged else None
            if prev is not None and line.box[0] < prev.box[2]:
                a, b = clean(prev.text), clean(line.text)
                k = next((k for k in range(min(len(a), len(b)), 0, -1) if a[-k:] == b[:k]), 0)
                if k and k < len(b):
                    box = (
                        min(prev.box[0], line.box[0]),
                        min(prev.box[1], line.box[1]),
                        max(prev.box[2], line.box[2]),
                        max(prev.box[3], line.box[3]),
                    )
                    conf = min(prev.confidence, line.confidence)
                    merged[-1] = TextLine(a + b[k:], conf, box, prev.engine)
                    continue
            merged.append(line)
        out.extend(merged)
    return out


#: Marks a year × month grid prints in a month's cell (its legend: √：已缴费 ×：未缴费).
PAID_MARKS = frozenset("√✓✔")
UNPAID_MARKS = frozenset("×✗✘xX")
#: A grid's header names at least this many of the months 1-12 in cells of their own.
GRID_MIN_MONTHS = 6
#: A cell's crop: this share of a month column's width either side of its centre.
GRID_CELL_HALF = 0.45
#: A mark read off a cell's own crop is kept at this confidence or more.
GRID_MARK_CONFIDENCE = 0.5
YEAR_CELL = re.compile(r"(?:19|20)\d{2}(?:年(?:度)?)?")


def month_axis(row: Row) -> tuple[float, float] | None:
    """x = a + b·month through a grid header's month numbers (1-12, each in a cell of its
    own), when the row holds at least GRID_MIN_MONTHS of them: a number the recogniser
    missed leaves its column's place known."""
    numbers = []
    for ln in row.lines:
        t = clean(ln.text)
        if t.isdigit() and 1 <= int(t) <= 12:
            numbers.append((int(t), (ln.box[0] + ln.box[2]) / 2))
    if len(numbers) < GRID_MIN_MONTHS or len({m for m, _ in numbers}) < 2:
        return None
    b, a = np.polyfit([m for m, _ in numbers], [x for _, x in numbers], 1)
    return (float(a), float(b)) if b > 0 else None


def read_grid_marks(image: np.ndarray, lines: Sequence[TextLine], engine: object) -> list[TextLine]:
    """A year × month grid's marks (√ paid, × unpaid) are small and thin: the detector
    misses many of them, or reads one as 7. Under a header of month numbers, every year
    row's month cell that holds no mark read is recognised from its own crop (the cell
    between the columns' midpoints, the year cell's height), and a mark read there
    confidently replaces what was read in the cell. Costs a crop per such cell, and only on
    a page with such a grid."""
    rows = group_rows(lines)
    axis: tuple[float, float] | None = None
    cells: list[tuple[int, tuple[int, int, int, int], list[TextLine]]] = []
    h_img, w_img = image.shape[:2]
    for row in rows:
        found = month_axis(row)
        if found is not None:
            axis = found
            continue
        if axis is None or not YEAR_CELL.fullmatch(clean(row.lines[0].text)):
            continue
        a, b = axis
        _x0, y0, _x1, y1 = row.lines[0].box
        for month in range(1, 13):
            cx = a + b * month
            x0, x1 = round(cx - GRID_CELL_HALF * b), round(cx + GRID_CELL_HALF * b)
            if x0 < 0 or x1 > w_img or x1 - x0 < 2:
                continue
            inside = [ln for ln in row.lines[1:] if x0 <= (ln.box[0] + ln.box[2]) / 2 <= x1]
            if any(clean(ln.text) in PAID_MARKS | UNPAID_MARKS for ln in inside):
                continue
            cells.append((month, (x0, max(0, y0), x1, min(h_img, y1)), inside))
    if not cells:
        return list(lines)
    crops = [image[y0:y1, x0:x1] for _m, (x0, y0, x1, y1), _in in cells]
    recs = engine.recognise(crops)  # type: ignore[attr-defined]
    name = str(getattr(engine, "name", "ocr"))
    out = list(lines)
    for (_m, box, inside), rec in zip(cells, recs, strict=True):
        mark = clean(rec.text)
        if mark not in PAID_MARKS | UNPAID_MARKS or rec.confidence < GRID_MARK_CONFIDENCE:
            continue
        out = [ln for ln in out if not any(ln is i for i in inside)]
        out.append(TextLine(mark, rec.confidence, box, name))
    return out


#: A line lying this much within a seal…
LETTERING_INSIDE = 0.6
#: …whose ink (pixels this much darker than the crop's paper in the green channel, where red
#: and black ink are both dark) is at least this share seal red, is the seal's own lettering.
LETTERING_INK_DELTA = 60
LETTERING_RED_SHARE = 0.8


def drop_seal_lettering(
    image: np.ndarray, lines: Sequence[TextLine], seal_map: SealMap | None = None
) -> list[TextLine]:
    """A seal's own lettering round its ring (辽宁医药职业学院, read 国药职业学院) is never a
    value: a line within a seal whose ink is nearly all red is dropped. Print under a seal
    (a letter's unit, the date) is black and stays; the seal check measures the seal from
    its pixels, never from this text."""
    from .seals import SealMap

    if image.ndim != 3 or not lines:
        return list(lines)
    heights = [ln.box[3] - ln.box[1] for ln in lines if ln.box[3] > ln.box[1]]
    if not heights:
        return list(lines)
    if seal_map is None or not seal_map.is_of(image):
        seal_map = SealMap(image)
    seals = [s.box for s in seal_map.find(float(np.median(heights)))]
    if not seals:
        return list(lines)
    return [ln for ln in lines if not _lettering(image, ln.box, seals)]


def _lettering(
    image: np.ndarray,
    box: tuple[int, int, int, int],
    seals: Sequence[tuple[int, int, int, int]],
) -> bool:
    x0, y0, x1, y1 = box
    area = max(1, (x1 - x0) * (y1 - y0))
    inside = max(
        max(0, min(x1, s[2]) - max(x0, s[0])) * max(0, min(y1, s[3]) - max(y0, s[1])) for s in seals
    )
    if inside < LETTERING_INSIDE * area:
        return False
    crop = image[max(0, y0) : y1, max(0, x0) : x1].astype(np.int16)
    if crop.size == 0:
        return False
    b, g, r = crop[:, :, 0], crop[:, :, 1], crop[:, :, 2]
    ink = g < np.percentile(g, 90) - LETTERING_INK_DELTA
    if not ink.any():
        return False
    red = (r - np.maximum(g, b)) > 40
    return float((red & ink).sum()) / float(ink.sum()) >= LETTERING_RED_SHARE
