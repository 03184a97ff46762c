"""Seals and signatures where the rules require them (issue 15, item 3; seed 003: 所提供材料中
凡须法人、本人签字、所在单位盖章等缺一不可).

Pure: a page's pixels and its recognised lines in, findings out. A seal is a red, round or oval
blob of a seal's size whose ring shows round most of its outline; a signature is dark,
hand-drawn ink right of the page's 签字/签名 label. Which material needs which is rules data
(`Rules.seal_slots`, `Rules.signature_slots`: `[marks]` in pipeline/rules/).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from models import SLOT_LABELS, Finding, Rules, TextLine, Upload, checks

Box = tuple[int, int, int, int]

#: Seal red: OpenCV hue (0-180) within this of pure red, saturation and value at least these.
RED_HUE = 12
RED_MIN_SAT = 60
RED_MIN_VAL = 70
#: A seal's diameter in text line heights (our documents: 5-7; a hard capture's stamp 4-6).
SEAL_MIN_LINES = 2.5
SEAL_MAX_LINES = 14.0
#: A seal's outline is round or oval: its box's sides within this ratio.
SEAL_MAX_ASPECT = 1.6
#: Share of the outline's 36 angular sectors that hold red ink near the rim (a ring; part of
#: it may print faintly or lie under black print).
SEAL_RING_SHARE = 0.55
#: Labels beside which the signer signs (a 承诺书's signer is its 承诺人).
SIGN_LABELS = ("签字", "签名", "承诺人")
#: A label word followed by one of these is running text going on to another clause (a
#: notice's 须本人签名；… or 签字，…), not a label beside which one signs. (Not 、: a label
#: may list what goes beside it, 签字、按手印：.)
IN_CLAUSE = frozenset("；;，,")
#: … and what such a list may hold before its colon (、按手印, 、盖章).
LISTED_MAX = 6
#: Signature ink: this much darker than the paper beside it, covering at least this many
#: square line heights and spanning at least this many line heights.
SIGN_CONTRAST = 50.0
SIGN_MIN_AREA = 0.05
SIGN_MIN_SPAN = 1.0
#: A CJK character's ink stands about this share of its advance (the em): where a label of n
#: characters ends is n advances from where its print starts.
INK_PER_EM = 0.88


@dataclass(frozen=True, slots=True)
class Seal:
    box: Box
    ring: float  # share of the rim's sectors with red ink


#: A seal's red faded by an overexposed capture (its saturation mostly 30-57 where print
#: stays black): looked for only when the seal check finds no seal of RED_MIN_SAT, the
#: outline's size and ring still required.
RED_FAINT_SAT = 30
#: A seal is stamped on paper: the pixels of its box that are not its red stand on a ground of
#: this saturation at most (median). Paper measured 9-29 round the seals of 639 sealed uploads;
#: a wooden desk's grain, whose reddish streaks join into seal-sized rings at a photo's
#: edge, 150-154. Set between the two by reasoning, not fitted.
SEAL_GROUND_MAX_SAT = 80


def red_mask(image: np.ndarray, min_sat: int = RED_MIN_SAT) -> np.ndarray:
    """Where seal red is (BGR image in; uint8 0/1 mask out)."""
    if image.ndim != 3:
        return np.zeros(image.shape[:2], np.uint8)
    hsv = cv2.cvtColor(image, cv2.COLOR_BGR2HSV)
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    red = ((h <= RED_HUE) | (h >= 180 - RED_HUE)) & (s >= min_sat) & (v >= RED_MIN_VAL)
    return red.astype(np.uint8)


def _ring_share(mask: np.ndarray) -> float:
    """Share of 36 angular sectors round the box's centre with red ink in the outer fifth."""
    h, w = mask.shape
    ys, xs = np.nonzero(mask)
    if len(xs) == 0:
        return 0.0
    cy, cx = (h - 1) / 2, (w - 1) / 2
    ry, rx = max(h / 2, 1.0), max(w / 2, 1.0)
    r = np.hypot((xs - cx) / rx, (ys - cy) / ry)
    rim = r >= 0.75
    ang = (np.arctan2(ys[rim] - cy, xs[rim] - cx) + math.pi) / (2 * math.pi)
    sectors = np.unique(np.minimum(35, (ang * 36).astype(int)))
    return len(sectors) / 36


def find_seals(image: np.ndarray, line_px: float) -> list[Seal]:
    """Red round or oval blobs of a seal's size on the page."""
    return SealMap(image).find(line_px)


class SealMap:
    """One page image's seal red, measured once and asked as often as the recipe needs
    (issue 19): the reader looks for seals to read under them, the seal check again, each
    with its own line height. The red mask is computed once; its joined blobs once per
    closing size; a blob's ring once. `find(line_px)` is exactly `find_seals`' answer."""

    def __init__(self, image: np.ndarray, min_sat: int = RED_MIN_SAT) -> None:
        self.image = image
        self.min_sat = min_sat
        self._mask: np.ndarray | None = None
        #: closing size -> (blob count, labels, stats)
        self._blobs: dict[int, tuple[int, np.ndarray, np.ndarray]] = {}
        #: (closing size, blob) -> ring share
        self._rings: dict[tuple[int, int], float] = {}
        #: rounded line height -> grey seals
        self._grey: dict[int, list[GreySeal]] = {}

    def grey(self, line_px: float) -> list[GreySeal]:
        """Photocopied (grey) seals of the page, for print of this line height (cached)."""
        key = round(line_px)
        if key not in self._grey:
            self._grey[key] = grey_seals(self.image, line_px)
        return self._grey[key]

    def on_paper(self, seal: Seal) -> bool:
        """The seal's box is paper where it is not red (not a wooden desk, a coloured ground)."""
        x0, y0, x1, y1 = seal.box
        patch = self.image[y0:y1, x0:x1]
        if patch.ndim != 3 or patch.size == 0:
            return False
        ground = self.mask[y0:y1, x0:x1] == 0
        if not ground.any():
            return False
        sat = cv2.cvtColor(patch, cv2.COLOR_BGR2HSV)[..., 1][ground]
        return float(np.median(sat)) <= SEAL_GROUND_MAX_SAT

    def stamped(self, line_px: float) -> list[Seal]:
        """The seals of `find` that stand on paper: what the seal check counts."""
        return [seal for seal in self.find(line_px) if self.on_paper(seal)]

    def is_of(self, image: np.ndarray) -> bool:
        """The map was measured on this very image (not a copy: a second look's page)."""
        return image is self.image

    @property
    def mask(self) -> np.ndarray:
        if self._mask is None:
            self._mask = red_mask(self.image, self.min_sat)
        return self._mask

    def find(self, line_px: float) -> list[Seal]:
        """Red round or oval blobs of a seal's size, for print of this line height."""
        mask = self.mask
        if not mask.any():
            return []
        k = max(3, round(line_px * 0.4)) | 1
        if k not in self._blobs:
            joined = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
            n, labels, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
            self._blobs[k] = (n, labels, stats)
        n, labels, stats = self._blobs[k]
        out = []
        for i in range(1, n):
            x, y, w, h, _area = (int(v) for v in stats[i])
            d = max(w, h)
            if not SEAL_MIN_LINES * line_px <= d <= SEAL_MAX_LINES * line_px:
                continue
            if max(w, h) > SEAL_MAX_ASPECT * min(w, h):
                continue
            ring = self._rings.get((k, i))
            if ring is None:
                blob = labels[y : y + h, x : x + w] == i
                ring = _ring_share(mask[y : y + h, x : x + w] * blob)
                self._rings[(k, i)] = ring
            if ring >= SEAL_RING_SHARE:
                out.append(Seal((x, y, x + w, y + h), round(ring, 2)))
        return out


#: A photocopy's seal (issue 15): the copier turns red ink grey, so no red is left to find.
#: Pages whose pixels carry no more colour than this (99th percentile of max - min channel)
#: are looked at for grey rings.
GREY_PAGE_CHROMA = 24
#: The detector's circles are found on the page shrunk by this factor (cost: ~13 ms a page).
GREY_SHRINK = 2
#: A ring: at its radius this share of 360 points at least GREY_INK levels under the paper,
#: and its median this many levels under the paper's both inside and outside it (a photo's
#: dark disc or a text block has no light band either side).
GREY_RING_INK = 0.7
GREY_INK = 25
GREY_RING_CONTRAST = 20
#: Where the ring is looked for round the detector's radius, and how far either side of it
#: the paper is measured (pixels of the page).
GREY_RING_SEARCH = 6
GREY_RING_BESIDE = 12
#: Ink at least this lighter-than-the-ring share of the way from the ring's median to the
#: paper is taken for the seal's (its ring, star and lettering print as one grey); print
#: under it, darker, stays.
GREY_WASH_SHARE = 0.25
#: A ring no lighter than this many levels above the page's darkest print (its 1st
#: percentile) cannot be told from the print by its level: not washed.
GREY_RING_OVER_PRINT = 30


@dataclass(frozen=True, slots=True)
class GreySeal:
    """A photocopied seal: its ring's centre and radius, and the grey level from which ink
    inside it is the seal's (`wash`), the paper's level round it."""

    box: Box
    centre: tuple[int, int]
    radius: int
    wash: int
    paper: int


def colourless(image: np.ndarray) -> bool:
    """A grey page (a photocopy, a greyscale scan): no colour anywhere to speak of."""
    if image.ndim != 3:
        return True
    small = image[::4, ::4].astype(np.int16)
    chroma = small.max(axis=2) - small.min(axis=2)
    return float(np.percentile(chroma, 99)) <= GREY_PAGE_CHROMA


def _ring_profile(
    grey: np.ndarray, cx: float, cy: float, r: float, paper: float
) -> tuple[float, float]:
    """(share of 360 points on the circle of radius r at least GREY_INK under the `paper`
    level, their median grey level)."""
    ang = np.linspace(0, 2 * math.pi, 360, endpoint=False)
    h, w = grey.shape
    xs = np.clip((cx + r * np.cos(ang)).astype(int), 0, w - 1)
    ys = np.clip((cy + r * np.sin(ang)).astype(int), 0, h - 1)
    v = grey[ys, xs].astype(np.int16)
    return float((v < paper - GREY_INK).mean()), float(np.median(v))


def _paper_level(grey: np.ndarray) -> float:
    return float(np.percentile(grey[::4, ::4], 90))


def grey_seals(image: np.ndarray, line_px: float) -> list[GreySeal]:
    """Grey rings of a seal's size on a colourless page (a photocopied seal): circles the
    Hough detector proposes, kept where a thin grey ring stands between lighter paper inside
    and outside it. Empty on a page with colour (its seals are red: `SealMap.find`)."""
    if line_px <= 0 or not colourless(image):
        return []
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    f = GREY_SHRINK
    small = cv2.resize(grey, (grey.shape[1] // f, grey.shape[0] // f), interpolation=cv2.INTER_AREA)
    rmin = max(4, int(SEAL_MIN_LINES * line_px / 2 / f))
    rmax = max(rmin + 1, int(SEAL_MAX_LINES * line_px / 2 / f))
    found = cv2.HoughCircles(
        cv2.medianBlur(small, 3), cv2.HOUGH_GRADIENT, dp=1, minDist=2 * rmin,
        param1=80, param2=30, minRadius=rmin, maxRadius=rmax,
    )  # fmt: skip
    if found is None:
        return []
    paper = _paper_level(grey)
    darkest = float(np.percentile(grey[::2, ::2], 1))
    out: list[GreySeal] = []
    for cx, cy, r0 in found[0]:
        cx, cy, r0 = float(cx) * f, float(cy) * f, float(r0) * f
        # the ring's radius: the darkest circle near the detector's
        r = min(
            (r0 + d for d in range(-GREY_RING_SEARCH, GREY_RING_SEARCH + 1)),
            key=lambda rr: _ring_profile(grey, cx, cy, rr, paper)[1],
        )
        ink, ring = _ring_profile(grey, cx, cy, r, paper)
        inside = _ring_profile(grey, cx, cy, max(1.0, r - GREY_RING_BESIDE), paper)[1]
        outside = _ring_profile(grey, cx, cy, r + GREY_RING_BESIDE, paper)[1]
        if ink < GREY_RING_INK or ring > min(inside, outside) - GREY_RING_CONTRAST:
            continue
        if ring < darkest + GREY_RING_OVER_PRINT:
            continue  # as dark as the print: its level tells nothing
        h, w = grey.shape
        box = (max(0, int(cx - r)), max(0, int(cy - r)), min(w, int(cx + r) + 1),
               min(h, int(cy + r) + 1))  # fmt: skip
        wash = round(ring - GREY_WASH_SHARE * (paper - ring))
        out.append(GreySeal(box, (round(cx), round(cy)), round(r), wash, round(paper)))
    return out


@dataclass(frozen=True, slots=True)
class Ink:
    """What lies right of a signature label: dark ink (area in square line heights, span in
    line heights) and any text the reader read after the label on its line (a signature's
    strokes joined to the label's line, read as 一 or √)."""

    area: float
    span: float
    after: str

    @property
    def signed(self) -> bool:
        return bool(self.after) or (self.area >= SIGN_MIN_AREA and self.span >= SIGN_MIN_SPAN)


def _first_of(text: str, marks: str, start: int) -> int:
    """Where the first of `marks` stands in `text` from `start` on (-1: none does)."""
    found = [i for i in (text.find(m, start) for m in marks) if i >= 0]
    return min(found) if found else -1


def _label(line: TextLine) -> tuple[int, str] | None:
    """Where a line's 签字/签名 label ends (with a closing bracket and colon, as a character
    index) and the text after it, or None."""
    text = line.text
    at, end = max(((text.find(w), text.find(w) + len(w)) for w in SIGN_LABELS), default=(-1, 0))
    if at < 0:
        return None
    if text[end : end + 1] in IN_CLAUSE:
        return None  # an instruction's words (须由考生本人手写签名；2.…), no place to sign
    if text[end : end + 1] == "、":  # 签字、按手印：: the label lists what goes beside it
        colon = _first_of(text, "：:", end)
        end = colon if 0 <= colon - end <= LISTED_MAX else end
    opened = max(text.rfind("（", 0, at), text.rfind("(", 0, at))
    if opened > max(text.rfind("）", 0, at), text.rfind(")", 0, at)):
        # the label is a remark in brackets (承诺人（签名并按手印）：): it ends where they close
        closes = _first_of(text, "）)", end)
        end = closes if closes >= 0 else end
    while end < len(text) and text[end] in "）)]】:：.。 ":
        end += 1
    return end, text[end:].strip(" _-—.:：")


def _label_columns_end(ink: np.ndarray, chars: int) -> int:
    """The column where a printed label of `chars` full-width characters ends, in a line's
    ink mask (rows: the line's box): from where its print starts, `chars` advances of a
    character whose ink stands INK_PER_EM of its advance (CJK print), measured on the first
    characters' columns. Not by gaps in the print: a handwritten name is as tall as print."""
    rows = np.arange(ink.shape[0])[:, None]
    has = ink.any(axis=0)
    cols = np.flatnonzero(has)
    if len(cols) == 0:
        return 0
    top = np.where(ink, rows, ink.shape[0]).min(axis=0)
    bottom = np.where(ink, rows, -1).max(axis=0)
    extent = np.where(has, bottom - top + 1, 0)
    first = extent[cols[0] : cols[0] + 2 * ink.shape[0]]
    glyph = float(np.percentile(first[first > 0], 90))
    return int(cols[0] + round(chars * glyph / INK_PER_EM))


#: A printed rule (the line to sign on, a table's or a frame's edge) is a straight run of ink
#: at least this many line heights long; a pen's strokes cross it, never run along it.
RULE_MIN_LINES = 3.0
#: … and a vertical one runs down at least this share of the area looked at.
RULE_DOWN_SHARE = 0.9
#: A rule may drift this many pixels across its run (a page photographed a little askew).
RULE_SLANT = 5


def _rules(ink: np.ndarray, hgt: float) -> np.ndarray:
    """The printed rules in an ink mask, with a pixel either side (their anti-aliased
    edges): the line to sign on, a table's vertical rule, a page's or a frame's edge. None
    is a signature, whether the area looked at reaches them or not; a pen's strokes slant
    and curve, and are never that long and straight."""
    length = max(3, round(RULE_MIN_LINES * hgt))
    mask = ink.astype(np.uint8)
    # thickened across its run first, so a rule a photo left a degree or two askew stays one
    # run (RULE_SLANT px of drift over its length)
    thick_v = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (1, RULE_SLANT)))
    thick_h = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (RULE_SLANT, 1)))
    across = cv2.morphologyEx(
        thick_v, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1))
    )
    # a vertical one crosses the whole area looked at (a pen's tall stroke does not)
    tall = max(length, round(RULE_DOWN_SHARE * ink.shape[0]))
    down = cv2.morphologyEx(
        thick_h, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, tall))
    )
    # with its ragged ends (the run a slant left short of the kernel's length)
    ends = max(3, round(0.5 * hgt)) | 1
    across = cv2.dilate(across, cv2.getStructuringElement(cv2.MORPH_RECT, (ends, 3)))
    down = cv2.dilate(down, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 1)))
    return np.logical_or(across > 0, down > 0)


#: Ink this many line heights thick every way is no pen's: a desk beyond the paper's edge, a
#: shadow, a photo's corner. A stroke is a few pixels wide, however it curves.
BROAD_LINES = 0.4


def _broad(ink: np.ndarray, hgt: float) -> np.ndarray:
    """The broad dark areas of an ink mask (what an opening BROAD_LINES line heights square
    keeps), grown by as much: the desk round a photographed page, never a signature."""
    k = max(3, round(BROAD_LINES * hgt))
    mask = ink.astype(np.uint8)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
    broad = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)
    # its ragged fringe too (a desk's grain, half over the ink threshold): as far again
    return cv2.dilate(broad, kernel) > 0


#: A column of the area whose lighter quarter is this much darker than the paper is off the
#: paper (a column through print and a signature keeps a quarter of its pixels paper)…
OFF_PAPER = 25.0
#: … and the desk goes on to the area's end: this share of the columns from there are off.
OFF_PAPER_RUN = 0.9


def _off_paper(area: np.ndarray, ground: float, edge: int = 0) -> np.ndarray:
    """The columns beyond the paper's edge (a desk round a photographed page, on to the
    area's end) and `edge` columns before it (the paper's edge and its shadow); nothing
    when the area stays on the paper."""
    off = (np.percentile(area, 75, axis=0) < ground - OFF_PAPER).astype(float)
    mask = np.zeros(area.shape, bool)
    if not off.any():
        return mask
    # the share of off columns from each column to the end
    tail = np.cumsum(off[::-1])[::-1] / np.arange(len(off), 0, -1)
    starts = np.flatnonzero((tail >= OFF_PAPER_RUN) & (off > 0))
    if len(starts):
        mask[:, max(0, starts[0] - edge) :] = True
    return mask


def _other_lines(
    lines: Sequence[TextLine], label: TextLine, area: tuple[int, int, int, int]
) -> np.ndarray:
    """The boxes, in the area looked at, of the printed lines above and below the label's
    (their middle outside its row): the end of the sentence over 签名, the date under it.
    A signature stands on the label's row; lines there are kept, whatever they read."""
    xa, ya, xb, yb = area
    mask = np.zeros((yb - ya, xb - xa), bool)
    for ln in lines:
        if ln is label:
            continue
        x0, y0, x1, y1 = ln.box
        middle = (y0 + y1) / 2
        if label.box[1] <= middle <= label.box[3]:
            continue
        mask[max(0, y0 - ya) : max(0, y1 - ya), max(0, x0 - xa) : max(0, x1 - xa)] = True
    return mask


def signature_ink(image: np.ndarray, lines: Sequence[TextLine], line_px: float) -> Ink | None:
    """What lies right of the page's signature label, the best of its labels; None when no
    label was read. The detector's box often reaches over the signature while the reader
    reads only the label, so where the label ends is found in the print itself."""
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    h_img, w_img = grey.shape
    best: Ink | None = None
    for line in lines:
        label = _label(line)
        if label is None:
            continue
        end, after = label
        x0, y0, x1, y1 = line.box
        hgt = max(y1 - y0, line_px * 0.5, 4)
        ya, yb = max(0, round(y0 - hgt)), min(h_img, round(y1 + 0.3 * hgt))
        xa, xb = max(0, x0), min(w_img, round(max(x1, x0) + 8 * hgt))
        area = grey[ya:yb, xa:xb]
        found = Ink(0.0, 0.0, after)
        if area.size:
            ground = float(np.percentile(area, 75))
            ink = area < ground - SIGN_CONTRAST
            if image.ndim == 3:
                # red is a seal's or a thumbprint's (签名并按手印), never a pen's: documents are
                # signed in black or blue ink
                # (a thumbprint's paler ridges and fringe too: faint red, and a pixel round it)
                red = red_mask(image[ya:yb, xa:xb], RED_FAINT_SAT)
                ink &= cv2.dilate(red, np.ones((3, 3), np.uint8)) == 0
            ink &= ~_rules(ink, hgt)
            ink &= ~_broad(ink, hgt)
            ink &= ~_off_paper(area, ground, round(0.25 * hgt))
            ink &= ~_other_lines(lines, line, (xa, ya, xb, yb))
            row0, row1 = max(0, y0 - ya), max(0, y1 - ya)
            start = _label_columns_end(ink[row0:row1], end) + round(0.1 * hgt)
            right = ink[:, start:]
            cols = np.flatnonzero(right.any(axis=0))
            span = float(cols[-1] - cols[0] + 1) if len(cols) else 0.0
            found = Ink(float(right.sum()) / (hgt * hgt), span / hgt, after)
        if best is None or (found.signed, found.area) > (best.signed, best.area):
            best = found
    return best


def _finding(
    check: checks.Check,
    applicant_id: str,
    upload: Upload,
    slot: str,
    field: str,
    status: str,
    expected: str,
    observed: str | None,
    message: str,
) -> Finding:
    return checks.finding(
        check,
        applicant_id=applicant_id,
        slot=slot,
        file=upload.path,
        field=field,
        status=status,  # type: ignore[arg-type]
        expected=expected,
        observed=observed,
        confidence=None,
        message=message,
    )


def check_marks(
    applicant_id: str,
    upload: Upload,
    slot: str,
    rules: Rules,
    image: np.ndarray,
    lines: Sequence[TextLine],
    line_px: float,
    frame: tuple[np.ndarray, float] | None = None,
    seal_map: SealMap | None = None,
) -> Iterator[Finding]:
    """The seal and signature findings the rules ask of this slot's material (none when they
    ask for neither). `frame`: the whole upload and its line height, when the page was cut
    to an outline inside it — a seal outside that outline (under a table the outline took for
    the page) is still the document's seal. `seal_map`: the page image's seal red measured
    before (by the reader), reused when it is of this very image."""
    label = SLOT_LABELS.get(slot, slot)
    if slot in rules.seal_slots:
        page_map = seal_map if seal_map is not None and seal_map.is_of(image) else None
        # a red ring counts where it stands on paper: a wooden desk's grain makes rings too
        seals = (page_map or SealMap(image)).stamped(line_px)
        if not seals and frame is not None:
            seals = SealMap(frame[0]).stamped(frame[1])
        if not seals:  # a seal's red faded by the capture is still a seal
            seals = SealMap(image, RED_FAINT_SAT).stamped(line_px)
        if seals:
            yield _finding(
                checks.SEAL[slot], applicant_id, upload, slot, "seal", "pass", "加盖公章",
                f"红色印章 {len(seals)} 枚", f"{label}已加盖公章。",
            )  # fmt: skip
        else:
            yield _finding(
                checks.SEAL[slot], applicant_id, upload, slot, "seal", "missing", "加盖公章",
                "未见红色印章",
                f"{label}未见单位公章（红章），请加盖单位公章后重新拍摄上传。",
            )  # fmt: skip
    if slot in rules.signature_slots:
        ink = signature_ink(image, lines, line_px)
        if ink is None:
            status, observed = "unreadable", "未识别到签字处"
            message = f"未能在{label}上找到签字处，请人工核对是否已本人签字。"
        elif ink.signed:
            status, observed, message = "pass", "已签字", f"{label}已签字。"
        else:
            status, observed = "missing", "签字处空白"
            message = f"{label}签字处空白，请本人手写签字后重新拍摄上传。"
        yield _finding(
            checks.SIGNATURE[slot], applicant_id, upload, slot, "signature", status,
            "本人签字", observed, message,
        )  # fmt: skip
