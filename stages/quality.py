"""Quality gates on a normalised page: blurred, glare over the print, cut off at an edge, print
too small (issue 15, item 4).

Each gate answers the question an applicant can act on ("retake it in better light") instead
of a bare 无法识别. Pure: the page's pixels and its detected text lines in, measures and
findings out. Every measure is relative to the page's own print (the height of its text
lines), so the same capture enlarged or shrunk measures the same; only "too small" is in the
upload's own pixels, since that is what a reader was given.

What is not gated: screen recapture and photocopies (no reliable measure on our material),
the registration photo (not a document) and the hand-held ID photo (its card's print has its
own rule, `handheld_min_digit_px`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import cv2
import numpy as np

from models import SLOT_LABELS, Finding, TextLine, Upload, checks

Box = tuple[int, int, int, int]

#: Lines shorter than this (px, normalised page) are specks, not print.
MIN_LINE_PX = 6
#: Lines measured for blur: the longest ones (a page has up to ~60).
BLUR_LINES = 40
#: Least ink contrast (grey levels) for a line to tell anything about blur.
MIN_LINE_CONTRAST = 40.0
#: Blur: the estimated Gaussian spread of the print's edges, in line heights, above which the
#: page is blurred (tuning windows 5501, 5502, 5601: clean pages at most 0.044, the
#: generator's blurred captures from 0.10, its too-small ones 0.066-0.078).
BLUR_MAX = 0.085
#: Print of a legible size on a page of a document's lines (FEW_LINES at least) is blurred
#: from this spread: small print's edges are soft by its size alone (the band 0.05-0.09 the
#: too-small captures measure is what BLUR_MAX stands above), legible print's are not.
#: Measured: clean pages of the reports' windows at most 0.030 (91 sampled), real scans and
#: photos of ../shared/realdata of 8 lines or more at most 0.046; a blurred licence of 20 px
#: glyphs (σ 5.4 px) 0.070. Set between by reasoning, not fitted.
BLUR_MAX_LEGIBLE = 0.06
#: The line height a blurred page's spread is measured against is at most this share of the
#: page's longer side (body text on our documents: 2.5-5%).
BLUR_LINE_SHARE = 0.04
#: Too small: the median text line's box height in the upload's own pixels below which print
#: is too small to read (tuning windows: clean pages, hard low-resolution captures included,
#: 26 px at least; the generator's 6-8 px glyphs give 14-19 px boxes).
SMALL_MIN_PX = 22.0
#: Glare: a blob this bright (grey level, after smoothing)…
GLARE_LEVEL = 248
#: …at least this many square line heights in area and at most this share of the page…
GLARE_MIN_AREA = 2.0
GLARE_MAX_SHARE = 0.25
#: …nearly convex (at most this share of its convex hull is not bright: print or shade inside
#: it makes it blank paper shaped by the print round it)…
GLARE_MAX_HOLES = 0.1
#: …and this much brighter than the paper round it (median paper grey, print closed over, of
#: a ring one to two and a half line heights out): smooth lighting and a white scan are not.
GLARE_RING_DELTA = 14.0
#: The same margin holds on each side of the blob (median grey of the ring straight above,
#: below, left and right of it; a side the border leaves out, or of fewer than SIDE_MIN_PX
#: pixels, is not counted): a white strip between the page's edge and a grey band is darker
#: on one side only (the report windows' lamp glares the gate finds: 32-61 on their lightest
#: side; the tenth report's strip above a 执业证书's grey band: 3).
SIDE_MIN_PX = 4
#: Cut off: print within this many px of the page's border, on lines at least this many line
#: heights long, counts as print running over the edge.
CUT_MARGIN_PX = 1
CUT_MIN_LINES = 2
#: …or this many print strokes (at most 0.4 line heights wide, this much darker than the
#: ground beside them) crossing one side of the upload's own border (tuning windows: clean
#: uploads at most 9, a hard capture's shadow and seal at the edge; the generator's cuts
#: through print 1-25, most of them 10 or more).
CUT_MIN_STROKES = 10
STROKE_CONTRAST = 60.0

#: Cut labels: a line starting at the page's left border (within this many line heights)
#: with the tail of a word the material prints (机关 of 签发机关) begins where the frame cut.
CUT_LABEL_REACH = 0.5
#: Print at the frame's edge: lines starting (or ending) within this many line heights of the
#: upload's border, on a page that is the whole upload (no document outline found) …
NEAR_BORDER = 0.4
#: … at least this many of them, with CUT_LABEL_STROKES print strokes cut on that border
#: (a clean photo shows the desk or the paper's margin round the print).
CUT_NEAR_LINES = 3
#: Shortest tail that says which word it ends (characters).
CUT_LABEL_TAIL = 2
#: One such line is enough with this many print strokes crossing the same (left) border: half
#: of what strokes alone need (CUT_MIN_STROKES).
CUT_LABEL_STROKES = 5

#: Few lines: a page of a material on which the detector found fewer lines than this may have
#: had its body text missed (too small or too blurred for the detector: only the title's
#: blobs found), so its line height is also measured from the ink (`ink_line_px`).
FEW_LINES = 8
#: A text line's ink (the rows its print darkens) is about this share of the detector's box
#: round it (tuning window 4441: six clean licences and diplomas, 0.44-0.61).
INK_PER_BOX = 0.55
#: A document page whose long side is under this many px once cut from the capture (the
#: page small in the frame, never enlarged): its body lines are measured from the ink too, as
#: on a page with FEW_LINES. The too-small pages of the fifteenth and sixteenth reports'
#: windows and of a tuning window measured 269-703 px; 160 other pages sampled, 788 or more.
SMALL_PAGE_PX = 760
#: Ink strips: the page is cut into this many vertical strips, so lines of two columns, or a
#: skew, do not merge into one run of rows.
INK_STRIPS = 8
#: A row of a strip is ink when this share of it is dark.
INK_ROW_SHARE = 0.02
#: Slots whose design prints few lines (the ID card): the detector's lines are all there is.
FEW_LINES_BY_DESIGN = frozenset({"id_front", "id_back"})

#: The slots that are not gated (see the module docstring).
UNGATED = frozenset({"photo", "id_handheld"})


@dataclass(frozen=True, slots=True)
class Measures:
    """What the gates look at, for one page (None: not measurable on this page)."""

    lines: int
    line_px: float | None  # median text line height, normalised page px
    #: the body print's line height in the upload's own px (measured from the ink too where
    #: the detector found few lines: `FEW_LINES`)
    glyph_px: float | None
    blur: float | None  # edge spread / line height (median over lines)
    glare: float  # area of the largest glare blob over print, in square line heights
    glare_box: Box | None
    cut_lines: int  # text lines running into the page's border
    cut_side: str | None  # top | bottom | left | right (where most of them run out)
    cut_strokes: int = 0  # dark strokes crossing the upload's border, on its side with most
    stroke_side: str | None = None
    cut_labels: int = 0  # lines at the left border starting with a printed word's tail
    ink_sized: bool = False  # glyph_px is the ink's (the detector's lines were larger)
    near_lines: int = 0  # lines at the upload's border on the strokes' side (NEAR_BORDER)


@dataclass(frozen=True, slots=True)
class Problem:
    """One gate that failed: its check, what was measured and the message for the applicant."""

    gate: str  # blur | glare | cut_off | too_small
    observed: str
    message: str
    #: a short cause to append to a field's 无法识别 message
    cause: str


def boxes_of(quads: Sequence[np.ndarray]) -> list[Box]:
    """Axis-aligned boxes of the detector's quads (normalised page px)."""
    out: list[Box] = []
    for q in quads:
        pts = np.asarray(q, np.float32).reshape(-1, 2)
        x0, y0 = np.floor(pts.min(axis=0)).astype(int)
        x1, y1 = np.ceil(pts.max(axis=0)).astype(int)
        if min(x1 - x0, y1 - y0) >= MIN_LINE_PX:
            out.append((int(x0), int(y0), int(x1), int(y1)))
    return out


def edge_spread(grey: np.ndarray) -> float | None:
    """The Gaussian spread (px) that would make the sharpest edges of a line's print as soft as
    they are: a step of contrast C blurred by sigma has a steepest slope C / (sigma √(2π))."""
    if grey.size == 0 or min(grey.shape) < 4:
        return None
    lo, hi = np.percentile(grey, (3, 97))
    contrast = float(hi - lo)
    if contrast < MIN_LINE_CONTRAST:
        return None
    g = grey.astype(np.float32)
    gx = cv2.Sobel(g, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(g, cv2.CV_32F, 0, 1, ksize=3)
    mag = cv2.magnitude(gx, gy) / 8.0  # the 3×3 Sobel weighs a slope eightfold
    steep = float(np.percentile(mag, 99.5))
    if steep <= 0:
        return None
    return contrast / (steep * float(np.sqrt(2 * np.pi)))


def _blur(grey: np.ndarray, boxes: Sequence[Box], line_px: float) -> float | None:
    """The print's edge spread over the page's text lines, in line heights. A blurred page's
    lines run together into a few tall blobs, so the line height used is at most a typical
    document's print (BLUR_LINE_SHARE of the page's longer side)."""
    longest = sorted(boxes, key=lambda b: b[2] - b[0], reverse=True)[:BLUR_LINES]
    spreads = []
    for x0, y0, x1, y1 in longest:
        s = edge_spread(grey[max(0, y0) : y1, max(0, x0) : x1])
        if s is not None:
            spreads.append(s)
    if not spreads:
        spread = edge_spread(grey)
        if spread is None:
            return None
        spreads = [spread]
    line = min(line_px, BLUR_LINE_SHARE * max(grey.shape))
    return float(np.median(spreads)) / max(1.0, line)


def _paper(grey: np.ndarray, line_px: float) -> tuple[np.ndarray, float]:
    """The page's paper brightness with the print closed over (grey closing wider than a
    character, at a scale where a line is ~8 px tall), and its fraction of the full size."""
    f = min(1.0, 8.0 / max(line_px, 1.0))
    small = cv2.resize(grey, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else grey
    k = max(3, round(line_px * f * 1.3)) | 1
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    return cv2.medianBlur(paper, 5), f


def _glare(grey: np.ndarray, boxes: Sequence[Box], line_px: float) -> tuple[float, Box | None]:
    """The largest saturated blob, near print, that is clearly brighter than the paper round
    it (a highlight's halo; smooth lighting and a white scan have none)."""
    h, w = grey.shape
    smooth = cv2.GaussianBlur(grey, (0, 0), 1.5)
    r = max(1, round(line_px * 0.3))
    bright = cv2.morphologyEx(
        (smooth >= GLARE_LEVEL).astype(np.uint8), cv2.MORPH_OPEN, np.ones((r, r), np.uint8)
    )
    n, labels, stats, _ = cv2.connectedComponentsWithStats(bright, connectivity=8)
    unit = line_px * line_px
    candidates = [
        k
        for k in range(1, n)
        if GLARE_MIN_AREA * unit <= stats[k, cv2.CC_STAT_AREA] <= GLARE_MAX_SHARE * h * w
    ]
    if not candidates:
        return 0.0, None
    paper, f = _paper(grey, line_px)
    near = max(1, round(line_px * f))
    best, best_box = 0.0, None
    for k in candidates:
        x, y, bw, bh, area = (int(v) for v in stats[k])
        box = (x, y, x + bw, y + bh)
        if not _near_print(box, boxes, line_px):
            continue
        m = line_px  # a page's frame or margin rule may stand between it and the border
        if (x <= m and x + bw >= w - m) or (y <= m and y + bh >= h - m):
            continue  # from one side of the page to the other: a margin's strip of paper
        blob = cv2.resize(
            (labels == k).astype(np.uint8), paper.shape[::-1], interpolation=cv2.INTER_NEAREST
        )
        if not blob.any():
            continue
        if _holes(blob) > GLARE_MAX_HOLES:
            continue  # paper between print (a blank part of the page), not washed-out print
        inner = cv2.dilate(blob, np.ones((2 * near + 1,) * 2, np.uint8))
        outer = cv2.dilate(blob, np.ones((5 * near + 1,) * 2, np.uint8))
        ring = paper[(outer > 0) & (inner == 0)]
        if ring.size == 0:
            continue
        # the paper round a highlight is darker on every side: its lighter quarter too
        core = float(np.median(paper[blob > 0]))
        if core - float(np.percentile(ring, 75)) < GLARE_RING_DELTA:
            continue
        if core - _lightest_side(paper, (outer > 0) & (inner == 0), blob) < GLARE_RING_DELTA:
            continue  # a strip of white paper darker only on one side (a band beside it)
        if area / unit > best:
            best, best_box = area / unit, box
    return best, best_box


def _lightest_side(paper: np.ndarray, ring: np.ndarray, blob: np.ndarray) -> float:
    """The median paper grey of the ring's lightest side (above, below, left, right of the
    blob's box; a side the page's border leaves out is not counted)."""
    ys, xs = np.nonzero(blob)
    y0, y1, x0, x1 = ys.min(), ys.max(), xs.min(), xs.max()
    rys, rxs = np.nonzero(ring)
    vals = paper[rys, rxs]
    across, along = (rxs >= x0) & (rxs <= x1), (rys >= y0) & (rys <= y1)
    sides = (across & (rys < y0), across & (rys > y1), along & (rxs < x0), along & (rxs > x1))
    medians = [float(np.median(vals[side])) for side in sides if side.sum() >= SIDE_MIN_PX]
    return max(medians) if medians else 255.0


def _holes(blob: np.ndarray) -> float:
    """Share of the blob's convex hull it does not cover: print or shade inside it. A
    highlight washes everything under it out; a blank stretch of paper is shaped by the
    print round it."""
    pts = cv2.findNonZero(blob)
    if pts is None:
        return 1.0
    hull = np.zeros_like(blob)
    cv2.fillConvexPoly(hull, cv2.convexHull(pts), 1)
    inside = int(hull.sum())
    return 1.0 - float(blob.sum()) / inside if inside else 1.0


def _near_print(blob: Box, boxes: Sequence[Box], line_px: float) -> bool:
    x0, y0, x1, y1 = blob
    m = line_px
    return any(
        bx0 < x1 + m and bx1 > x0 - m and by0 < y1 + m and by1 > y0 - m
        for bx0, by0, bx1, by1 in boxes
    )


def _cut(boxes: Sequence[Box], shape: tuple[int, ...], line_px: float) -> tuple[int, str | None]:
    """Text lines whose box runs into the page's border (the print goes on past the edge)."""
    h, w = shape[:2]
    sides: dict[str, int] = {}
    m = CUT_MARGIN_PX
    for x0, y0, x1, y1 in boxes:
        if max(x1 - x0, y1 - y0) < 0.6 * line_px:
            continue  # a speck: too little to say the print goes on
        for side, hit in (
            ("left", x0 <= m),
            ("right", x1 >= w - 1 - m),
            ("top", y0 <= m),
            ("bottom", y1 >= h - 1 - m),
        ):
            if hit:
                sides[side] = sides.get(side, 0) + 1
    if not sides:
        return 0, None
    side = max(sides, key=lambda s: sides[s])
    return sum(sides.values()), side


def _near_border(boxes: Sequence[Box], shape: tuple[int, ...], line_px: float, side: str) -> int:
    """Lines whose box starts (or ends) within NEAR_BORDER line heights of the page's `side`."""
    h, w = shape[:2]
    near = NEAR_BORDER * line_px
    edge = {
        "left": lambda b: b[0] <= near,
        "right": lambda b: b[2] >= w - 1 - near,
        "top": lambda b: b[1] <= near,
        "bottom": lambda b: b[3] >= h - 1 - near,
    }[side]
    return sum(1 for b in boxes if max(b[2] - b[0], b[3] - b[1]) >= 0.6 * line_px and edge(b))


def _border_strokes(grey: np.ndarray, line_px: float) -> tuple[int, str | None]:
    """Dark strokes crossing the frame's border, on the side with most: print cut by the
    frame leaves the stubs of its strokes on the edge (a title cut through its characters
    shows no line the detector finds). A desk, a scanner bed or a page's margin shows none."""
    depth = max(3, round(line_px * 0.15))
    band = max(depth + 2, round(line_px * 0.6))
    counts: dict[str, int] = {}
    for side, strip in (
        ("top", grey[1 : 1 + band]),
        ("bottom", grey[::-1][1 : 1 + band]),
        ("left", grey[:, 1 : 1 + band].T),
        ("right", grey[:, ::-1][:, 1 : 1 + band].T),
    ):
        if strip.shape[0] < band or strip.shape[1] < 4 * band:
            continue
        # each stroke against the ground beside it along the edge (the lightest within a
        # couple of line heights), not the whole edge's: a shadow or a gradient across the
        # frame's edge is dark but no stroke, and its noisy boundary is no row of stubs
        deepest = strip[:depth].max(axis=0).astype(np.uint8)
        reach = max(3, round(2 * line_px)) | 1
        ground = cv2.dilate(deepest[None, :], np.ones((1, reach), np.uint8))[0]
        dark = deepest.astype(np.int16) < ground.astype(np.int16) - STROKE_CONTRAST
        edges = np.flatnonzero(np.diff(np.concatenate(([0], dark.astype(np.int8), [0]))))
        runs = edges[1::2] - edges[::2]
        counts[side] = int((runs <= max(2.0, line_px * 0.4)).sum())
    if not counts:
        return 0, None
    side = max(counts, key=lambda k: counts[k])
    return counts[side], side


def cut_labels(lines: Sequence[TextLine], words: Sequence[str], line_px: float) -> int:
    """Lines starting at the page's left border with the tail of a word the material prints
    (机关 | 天津市公安局 where the card prints 签发机关): the frame cut the word's head off.
    A tail that is itself one of the words (期限 beside 有效期限) says nothing; nor does a
    line set in from the border, or one starting with a whole word."""
    tails = {w[i:] for w in words for i in range(1, len(w) - CUT_LABEL_TAIL + 1)} - set(words)
    # a two-character label's last character standing alone (名 of 姓名, 址 of 住址: a card's
    # labels, each a line of its own left of its value)
    singles = {w[-1] for w in words if len(w) == 2} - set(words)
    reach = CUT_LABEL_REACH * line_px
    count = 0
    for ln in lines:
        text = "".join(ln.text.split())
        if ln.box[0] > reach or text.startswith(tuple(words)):
            continue
        if text.startswith(tuple(tails)) or text in singles:
            count += 1
    return count


def ink_line_px(grey: np.ndarray) -> float | None:
    """The median height (px) of the runs of rows the print darkens, strip by strip, with
    long rules (a table's, a frame's) taken out first: the height of a text line's ink,
    found whether the detector saw the line or not."""
    h, w = grey.shape[:2]
    if h < 40 or w < 40:
        return None
    g = cv2.GaussianBlur(grey, (3, 3), 0)
    dark = cv2.adaptiveThreshold(g, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    across = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((1, max(15, w // 15)), np.uint8))
    down = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((max(15, h // 15), 1), np.uint8))
    ink = cv2.subtract(dark, cv2.bitwise_or(across, down)) > 0
    width = w // INK_STRIPS
    runs: list[int] = []
    for i in range(INK_STRIPS):
        strip = ink[:, i * width : (i + 1) * width]
        per_row = strip.sum(axis=1)
        on = per_row > INK_ROW_SHARE * width
        edges = np.flatnonzero(np.diff(np.concatenate(([0], on.astype(np.int8), [0]))))
        for a, b in zip(edges[::2], edges[1::2], strict=True):
            # a line's ink, not a speck's or a rule's remains (a few dark rows)
            if b - a >= 3 and per_row[a:b].sum() > 0.05 * (b - a) * width:
                runs.append(int(b - a))
    return float(np.median(runs)) if runs else None


def measure(
    image: np.ndarray,
    quads: Sequence[np.ndarray],
    scale: float,
    frame: np.ndarray | None = None,
    lines: Sequence[TextLine] = (),
    words: Sequence[str] = (),
    few_lines_by_design: bool = False,
    page_is_frame: bool = False,
) -> Measures:
    """The page's quality measures. `image` BGR (or grey) normalised page; `quads` the
    detector's lines in it; `scale` normalised px per upload px; `frame` the upload as a
    viewer shows it (for print cut by its border), when there is one; `lines` the page's
    read lines and `words` the words its material prints (for a label cut at the border);
    `few_lines_by_design` for a card, whose few lines are all it prints; `page_is_frame` when
    no document outline was found (the page's border is the upload's)."""
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    boxes = boxes_of(quads)
    if not boxes:
        return Measures(0, None, None, None, 0.0, None, 0, None)
    line_px = float(np.median([min(b[2] - b[0], b[3] - b[1]) for b in boxes]))
    body_px = line_px  # the print's size for blur and too-small
    if (len(boxes) < FEW_LINES or max(grey.shape[:2]) < SMALL_PAGE_PX) and not few_lines_by_design:
        # the detector may have found only the title (or, on a page this small, only its
        # larger print and blobs of several body lines): the body's lines as the ink shows them
        ink = ink_line_px(grey)
        if ink is not None and ink / INK_PER_BOX < line_px:
            body_px = ink / INK_PER_BOX
    glyph_px = body_px / scale if scale > 0 else None
    blur = _blur(grey, boxes, body_px)
    glare, glare_box = _glare(grey, boxes, line_px)
    cut, side = _cut(boxes, grey.shape, line_px)
    strokes, stroke_side = 0, None
    if frame is not None and scale > 0:
        raw = frame if frame.ndim == 2 else cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        strokes, stroke_side = _border_strokes(raw, line_px / scale)
    labels = cut_labels(lines, words, line_px) if words else 0
    near = (
        _near_border(boxes, grey.shape, line_px, stroke_side)
        if page_is_frame and stroke_side is not None
        else 0
    )
    return Measures(
        len(boxes),
        line_px,
        glyph_px,
        blur,
        glare,
        glare_box,
        cut,
        side,
        strokes,
        stroke_side,
        labels,
        body_px < line_px,
        near,
    )


SIDE_WORDS = {"top": "上", "bottom": "下", "left": "左", "right": "右"}


def problems(m: Measures, label: str) -> list[Problem]:
    """The gates that fail on measures `m`, each with a message for the applicant (反馈意见)."""
    out: list[Problem] = []
    # a blurred page's ink breaks into short runs: its size is the detector's or none
    legible = m.glyph_px is not None and m.glyph_px >= SMALL_MIN_PX and m.lines >= FEW_LINES
    bar = BLUR_MAX_LEGIBLE if legible else BLUR_MAX
    blurred = m.blur is not None and m.blur > bar
    if m.glyph_px is not None and m.glyph_px < SMALL_MIN_PX and not (blurred and m.ink_sized):
        out.append(
            Problem(
                "too_small",
                f"文字行高约 {m.glyph_px:.0f} 像素",
                f"{label}图片中的文字过小，无法看清，请将材料放满画面重新拍摄或扫描后上传。",
                "图片文字过小",
            )
        )
    if blurred:
        out.append(
            Problem(
                "blur",
                f"模糊度 {m.blur:.3f}（上限 {bar}）",
                f"{label}图片模糊，请在光线充足处对焦后重新拍摄并上传清晰的原件照片。",
                "图片模糊",
            )
        )
    if m.glare >= GLARE_MIN_AREA:
        out.append(
            Problem(
                "glare",
                f"反光区域约 {m.glare:.0f} 个字高见方",
                f"{label}图片有反光遮挡文字，请避开灯光直射、关闭闪光灯后重新拍摄上传。",
                "图片反光遮挡文字",
            )
        )
    # a blurred page's detector boxes are blobs, not lines: they say nothing of an edge
    cut_side = m.cut_side if m.cut_lines >= CUT_MIN_LINES and not blurred else None
    if cut_side is None and m.cut_strokes >= CUT_MIN_STROKES:
        cut_side = m.stroke_side
    if (
        cut_side is None
        and not blurred
        and (
            m.cut_labels >= CUT_MIN_LINES
            or (m.cut_labels and m.stroke_side == "left" and m.cut_strokes >= CUT_LABEL_STROKES)
        )
    ):
        # two words cut at the left border, or one and the stubs of cut print beside it
        cut_side = "left"
    near = m.near_lines >= CUT_NEAR_LINES and m.cut_strokes >= CUT_LABEL_STROKES
    if cut_side is None and not blurred and near:  # lines at the border, their strokes cut
        cut_side = m.stroke_side
    if cut_side is not None:
        side = SIDE_WORDS[cut_side]
        labels = f"，{m.cut_labels} 处标签缺字" if m.cut_labels else ""
        labels += f"，{m.near_lines} 行贴边" if m.near_lines >= CUT_NEAR_LINES else ""
        out.append(
            Problem(
                "cut_off",
                f"图片{side}边缘截断文字（{m.cut_lines} 行，{m.cut_strokes} 处笔画{labels}）",
                f"{label}图片{side}侧不完整，文字被截断，请拍摄材料全貌（四边完整）后重新上传。",
                f"图片{side}侧不完整",
            )
        )
    return out


def findings(
    applicant_id: str, upload: Upload, slot: str, found: Sequence[Problem]
) -> Iterator[Finding]:
    """One `quality` finding per failed gate, or one pass when every gate passed."""
    label = SLOT_LABELS.get(slot, slot)
    if not found:
        yield checks.finding(
            checks.QUALITY,
            applicant_id=applicant_id,
            slot=slot,
            file=upload.path,
            field="quality",
            status="pass",
            expected="清晰、无反光、完整、文字可辨",
            observed=None,
            confidence=None,
            message=f"{label}图片清晰完整。",
        )
        return
    for p in found:
        yield checks.finding(
            checks.QUALITY_GATES[p.gate],
            applicant_id=applicant_id,
            slot=slot,
            file=upload.path,
            field="quality",
            status="unreadable",
            expected="清晰、无反光、完整、文字可辨",
            observed=p.observed,
            confidence=None,
            message=p.message,
        )


def with_cause(f: Finding, found: Sequence[Problem]) -> Finding:
    """A field's 无法识别 finding that names the page's quality problem as its likely cause."""
    if f.status != "unreadable" or not found or f.field == "quality":
        return f
    causes = "、".join(p.cause for p in found)
    return replace(
        f, message=f"{f.message}（可能原因：{causes}，建议考生重新上传清晰完整的材料。）"
    )
