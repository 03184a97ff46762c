"""Normalisation: from an uploaded file to an upright, deskewed, cropped working page.

Everything downstream (reading, field checks, evidence crops) assumes text lines run left to
right and the page fills the image, so this stage decides three things once per page:

* where the document is (a phone capture shows a table top around the card),
* by how much the content is turned (0/90/180/270, as an EXIF-honouring viewer shows the file:
  that is what an applicant and a reviewer see, and what CONTRACT §3 reports), and
* the small residual skew.

Cost matters more than elegance here (the whole product has 0.5 core-seconds per upload): the
page is analysed at detector resolution, the PP-OCR detector runs once, and its line boxes serve
orientation, deskew, and (transformed into output coordinates) the reader downstream. The 180°
decision comes from PP-OCR's line classifier on a handful of line crops; Tesseract's OSD is
asked only when the lines disagree or there are too few of them.
"""

from __future__ import annotations

import io
import logging
import math
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageOps

from models.errors import ProcessingError

from . import limits, timing

#: Longer side the detector sees: 576 px keeps it at 0.09–0.10 core-s per document (sample
#: window) while Chinese certificate text stays well above DB's smallest line height
#: (RapidEngine's own cap is 736). 576 and 640 gave the same orientations on the real data
#: (43/43); at 576 the detector can miss a lone one-character value (性别 女), which the reader
#: recovers (`stages.read.fill_lone_labels`).
DET_SIDE = 576
#: Large JPEGs are decoded at reduced scale, but never below this longer side.
DECODE_SIDE = 3200
#: Longer side of the copy the document outline is searched on.
DOC_SIDE = 512
#: A document outline must cover at least this share of the frame to be believed.
MIN_DOC_AREA = 0.20
#: ... and at most this share: beyond it the "outline" is the frame itself (a flat scan).
MAX_DOC_AREA = 0.97
#: Inside/outside colour difference (8-bit Lab) an outline needs to be a sheet's edge.
MIN_DOC_CONTRAST = 6.0
#: Analysis size of the second look at an upload where no text line was found at DET_SIDE.
RETRY_DET_SIDE = 2 * DET_SIDE
#: Opening (px on the DOC_SIDE copy) that removes edge spurs from a filled outline.
SPUR_OPEN = 9
#: Larger measured skews are not corrected (more likely a misreading than a real capture).
MAX_SKEW = 25.0
#: Small images are enlarged up to this factor for analysis (finer line angles).
MAX_UPSCALE = 2.0
#: Lines whose crops may go to the 180° classifier, in batches of this many crops ...
CLS_LINES = 10
CLS_BATCH = 6
#: ... stopping once the weighted vote (-1..1) is at least this clear.
CLEAR_VOTE = 0.8
#: Below this vote margin the line classifier is backed up by Tesseract OSD ...
WEAK_VOTE = 0.5
#: A crop whose ink, dots left out, spans less than this share of its height holds no
#: letters: a run of dotted leaders (at the baseline) or a rule, which PP-OCR's 180°
#: classifier calls upside down with certainty (a tuned 备案表 with dotted leaders turned
#: over: six leader crops, ink over 0.08-0.10 of the height, each voting 0.998-1.0).
LETTER_EXTENT = 0.3
DOT_SIZE = 0.15
#: ... whose answer counts from this OSD confidence on; it sees the page at most this long.
OSD_TRUST = 2.0
OSD_SIDE = 2000
#: A horizontal page whose vote is this weak, with no OSD answer, is taken as upright.
PRIOR_VOTE = 0.3

#: Photos: Lab distance from the background that counts as figure; weight of the figure's
#: centre of mass against edge coverage; bonus for the turns a frame's shape allows.
PHOTO_FIGURE_DELTA = 18.0
PHOTO_MASS_WEIGHT = 1.0
PHOTO_SHAPE_PRIOR = 0.05
#: Below this confidence a photo is not turned away from how it was uploaded.
PHOTO_MIN_TURN = 0.1

_EXIF_ORIENTATION = 0x0112
_log = logging.getLogger(__name__)


class ImageDecodeError(ProcessingError, ValueError):
    """The upload is not a decodable image (truncated, corrupt, unsupported, or too large)."""


@dataclass(frozen=True, eq=False)
class Normalised:
    """A page ready for reading, and what was done to it (for the orientation finding).

    `image` is BGR uint8, upright, deskewed, cropped to the document (perspective corrected
    when its four corners were found), longer side <= max_side. `rotation` is the clockwise
    turn of the content as an EXIF-honouring viewer shows the file (CONTRACT §3); `skew`
    the tilt of the text lines in that view, counter-clockwise positive, which was removed.
    `quads` are the detector's text lines mapped into `image`, each 4x2 float32 clockwise
    from top-left, ready for `engine.crop`. Not comparable with ==: it holds arrays.
    """

    image: np.ndarray
    rotation: int
    rotation_confidence: float
    skew: float
    document_found: bool
    exif_orientation: int
    quads: tuple[np.ndarray, ...]
    orientation_source: str = ""  # "lines" (PP-OCR), "osd" (Tesseract), "prior" (no evidence)
    #: output px per upload px (per px of the document's own outline when it was warped):
    #: how large the upload itself shows what is read, for rules about legibility
    scale: float = 1.0
    #: the analysis side the detector read the page at (RETRY_DET_SIDE after a closer look):
    #: a second look at that side would redo this very normalisation
    det_side: int = DET_SIDE


# --------------------------------------------------------------------------------------------
# Decoding


@timing.timed("decode")
def load_image(data: bytes, *, max_side: int = DECODE_SIDE) -> tuple[np.ndarray, int]:
    """Decode an upload to BGR uint8 as an EXIF-honouring viewer shows it, plus its EXIF tag.

    Pillow decodes (it reads every format applicants send, and the EXIF tag); the image is
    transposed by its EXIF Orientation so that "rotation" later means what a person sees.
    Large JPEGs are decoded at a reduced DCT scale, never below `max_side` on the longer
    side: a 48-megapixel phone photo costs a quarter of the time and memory that way, and
    nothing downstream looks at more than 1600 pixels.
    """
    if not data:
        raise ImageDecodeError("the file is empty")
    try:
        with warnings.catch_warnings():
            # Pillow warns from 89 MP on; our own, lower budget is checked below
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im: Image.Image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise _bomb(exc) from exc
    except Exception as exc:  # noqa: BLE001 - Pillow raises many types for corrupt files
        raise ImageDecodeError(f"the file cannot be decoded as an image: {exc}") from exc
    try:
        if im.format == "JPEG" and max(im.size) > max_side:
            k = max_side / max(im.size)
            im.draft(None, (math.ceil(im.size[0] * k), math.ceil(im.size[1] * k)))
        # the header says how large the decode will be: refuse before paying for it
        if im.size[0] * im.size[1] > limits.MAX_DECODED_PIXELS:
            raise limits.too_many_pixels(*im.size)
        shape = limits.bad_shape(*im.size)
        if shape is not None:
            raise shape
        im.load()
    except limits.Refused:
        raise
    except Exception as exc:  # noqa: BLE001 - Pillow raises many types for corrupt files
        raise ImageDecodeError(f"the file cannot be decoded as an image: {exc}") from exc
    orientation = _exif_orientation(im)
    if orientation != 1:
        try:
            im = ImageOps.exif_transpose(im)
        except Exception:  # noqa: BLE001 - a broken EXIF block must not lose the image
            im = _transpose_by_tag(im, orientation)
    return _to_bgr(im), orientation


def _bomb(exc: Exception) -> limits.OverBudget:
    """Pillow's own bomb refusal (over 179 MP, raised on opening) as our budget finding."""
    found = re.search(r"\((\d+) pixels\)", str(exc))
    pixels = f"{int(found.group(1)) / 1e6:.0f} 百万像素" if found else "像素数"
    return limits.OverBudget(
        f"Pillow refused the image: {exc}",
        observed=pixels,
        message=f"图片像素过大（{pixels}），超出处理上限，请缩小后重新上传。",
    )


def _exif_orientation(im: Image.Image) -> int:
    try:
        value = int(im.getexif().get(_EXIF_ORIENTATION, 1))
    except Exception:  # noqa: BLE001 - unreadable EXIF is the same as none
        return 1
    return value if 1 <= value <= 8 else 1


def _transpose_by_tag(im: Image.Image, orientation: int) -> Image.Image:
    method = {
        2: Image.Transpose.FLIP_LEFT_RIGHT,
        3: Image.Transpose.ROTATE_180,
        4: Image.Transpose.FLIP_TOP_BOTTOM,
        5: Image.Transpose.TRANSPOSE,
        6: Image.Transpose.ROTATE_270,
        7: Image.Transpose.TRANSVERSE,
        8: Image.Transpose.ROTATE_90,
    }.get(orientation)
    return im.transpose(method) if method is not None else im


def _to_bgr(im: Image.Image) -> np.ndarray:
    """Any Pillow mode to BGR uint8; transparency flattened onto a contrasting background."""
    mode = im.mode
    if mode in ("I", "I;16", "I;16L", "I;16B", "I;16N", "F"):
        grey = _to_uint8(np.asarray(im), mode)
        return cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR)
    has_alpha = mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        mode == "P" and "transparency" in im.info
    )
    if mode == "L" and "transparency" in im.info:
        has_alpha = True
    if not has_alpha:
        rgb = np.asarray(im.convert("RGB"))
        return np.ascontiguousarray(rgb[:, :, ::-1])
    rgba = np.asarray(im.convert("RGBA"))
    if rgba.shape[0] * rgba.shape[1] <= BAND_PIXELS:
        return _flatten_alpha(rgba.astype(np.float32))
    return _flatten_alpha_banded(rgba)


#: Large images are converted in bands of about this many pixels: a 50 MP RGBA page as one
#: float array peaked at 3.2 GB, over a worker's memory budget.
BAND_PIXELS = 4_000_000


def _row_bands(height: int, width: int) -> list[slice]:
    rows = max(1, BAND_PIXELS // max(width, 1))
    return [slice(y, min(height, y + rows)) for y in range(0, height, rows)]


def _to_uint8(arr: np.ndarray, mode: str) -> np.ndarray:
    """Grey images of 16/32 bits or floats to 8 bits, keeping the full range visible
    (the scale from the whole image, the conversion band by band to bound memory)."""
    factor = 1.0
    if mode == "F":
        hi = float(np.nanmax(arr)) if arr.size else 1.0
        factor = 255.0 if hi <= 1.0 else 1.0
    elif mode.startswith("I;16") or float(arr.max(initial=0)) > 255:
        # 16-bit data; some scanners fill only 12 bits, so scale by what is used
        hi = float(arr.max(initial=0))
        factor = 255.0 / (65535.0 if hi > 4095 else max(hi, 1.0))
    out = np.empty(arr.shape[:2], np.uint8)
    for band in _row_bands(*arr.shape[:2]):
        a = arr[band].astype(np.float64)
        out[band] = np.clip(np.nan_to_num(a * factor if factor != 1.0 else a), 0, 255)
    return out


def _flatten_alpha(rgba: np.ndarray) -> np.ndarray:
    """Composite onto white, or onto black when the visible content is itself light.

    White text on a transparent background (a common export of "signature" or "stamp"
    images) disappears on white; the background is chosen to contrast with what is visible.
    """
    alpha = rgba[:, :, 3] / 255.0
    rgb = rgba[:, :, :3]
    if float(alpha.min(initial=1.0)) >= 0.999:
        return np.ascontiguousarray(rgb[:, :, ::-1].astype(np.uint8))
    weight = float(alpha.sum())
    background = 255.0
    if weight > 0:
        lum = rgb @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
        visible_lum = float((lum * alpha).sum()) / weight
        if visible_lum > 160:
            background = 0.0
    return _composite(rgb, alpha, background)


def _composite(rgb: np.ndarray, alpha: np.ndarray, background: float) -> np.ndarray:
    out = rgb * alpha[:, :, None] + background * (1.0 - alpha[:, :, None])
    return np.ascontiguousarray(np.clip(out + 0.5, 0, 255).astype(np.uint8)[:, :, ::-1])


def _flatten_alpha_banded(rgba: np.ndarray) -> np.ndarray:
    """`_flatten_alpha` of a large uint8 RGBA image, band by band (same rule, bounded
    memory)."""
    h, w = rgba.shape[:2]
    if int(rgba[:, :, 3].min(initial=255)) == 255:
        return np.ascontiguousarray(rgba[:, :, 2::-1])
    weight = visible = 0.0
    weights = np.array([0.299, 0.587, 0.114], dtype=np.float32)
    for band in _row_bands(h, w):
        alpha = rgba[band, :, 3] / np.float32(255.0)
        weight += float(alpha.sum(dtype=np.float64))
        visible += float(((rgba[band, :, :3] @ weights) * alpha).sum(dtype=np.float64))
    background = 0.0 if weight > 0 and visible / weight > 160 else 255.0
    out = np.empty((h, w, 3), np.uint8)
    for band in _row_bands(h, w):
        part = rgba[band].astype(np.float32)
        out[band] = _composite(part[:, :, :3], part[:, :, 3] / 255.0, background)
    return out


# --------------------------------------------------------------------------------------------
# Geometry helpers (3x3 matrices acting on column vectors (x, y, 1))


def _scale(sx: float, sy: float | None = None) -> np.ndarray:
    return np.array([[sx, 0, 0], [0, sx if sy is None else sy, 0], [0, 0, 1]], dtype=np.float64)


def _translate(tx: float, ty: float) -> np.ndarray:
    return np.array([[1, 0, tx], [0, 1, ty], [0, 0, 1]], dtype=np.float64)


def _rotate_ccw(deg: float) -> np.ndarray:
    """Rotation turning content counter-clockwise as displayed (image y axis points down)."""
    r = math.radians(deg)
    c, s = math.cos(r), math.sin(r)
    return np.array([[c, s, 0], [-s, c, 0], [0, 0, 1]], dtype=np.float64)


def _apply(m: np.ndarray, pts: np.ndarray) -> np.ndarray:
    p = np.asarray(pts, dtype=np.float64).reshape(-1, 2)
    h = np.hstack([p, np.ones((len(p), 1))]) @ m.T
    return (h[:, :2] / h[:, 2:3]).astype(np.float32)


def _shrink(img: np.ndarray, s: float) -> np.ndarray:
    """Rescale by about `s` cheaply: an exact integer box filter, then bilinear for the rest.

    OpenCV's INTER_AREA is ten times slower at fractional factors than at integer ones, and
    this runs on every upload. Use `_scaled` when the exact factor matters.
    """
    return _scaled(img, s)[0]


def _scaled(img: np.ndarray, s: float) -> tuple[np.ndarray, np.ndarray]:
    """`img` rescaled by about `s`, and the exact 3x3 map from `img` to the result."""
    h, w = img.shape[:2]
    if abs(s - 1.0) < 1e-3:
        return img, _scale(1.0)
    size = (max(1, round(w * s)), max(1, round(h * s)))
    if s > 1:
        out = cv2.resize(img, size, interpolation=cv2.INTER_CUBIC)
        return out, _scale(size[0] / w, size[1] / h)
    k = min(int(1.0 / s), w, h)
    cw, ch = w, h
    if k >= 2:
        cw, ch = w // k * k, h // k * k
        img = cv2.resize(img[:ch, :cw], (cw // k, ch // k), interpolation=cv2.INTER_AREA)
    if (img.shape[1], img.shape[0]) != size:
        img = cv2.resize(img, size, interpolation=cv2.INTER_LINEAR)
    return img, _scale(size[0] / cw, size[1] / ch)


def _order_corners(pts: np.ndarray) -> np.ndarray:
    """Four points clockwise from top-left (valid for near-axis-aligned quads)."""
    p = np.asarray(pts, dtype=np.float32).reshape(4, 2)
    c = p.mean(axis=0)
    ang = np.arctan2(p[:, 1] - c[1], p[:, 0] - c[0])
    p = p[np.argsort(ang)]  # clockwise on screen (y down), starting anywhere
    start = int(np.argmin(p[:, 0] + p[:, 1]))
    return np.roll(p, -start, axis=0)


# --------------------------------------------------------------------------------------------
# Document outline


def find_document(image: np.ndarray) -> np.ndarray | None:
    """The largest plausible 4-corner outline (clockwise from top-left, image pixels), or None.

    Looked for on a small copy: colour edges (Canny per channel, so a pale-blue form on a
    white scanner lid still shows) and a light-on-dark threshold (a white sheet on a desk)
    each give contours; a candidate must be a convex quadrilateral covering 20-97 % of the
    frame with roughly right angles, and must differ in colour from what lies just outside
    it: a table or a printed frame inside a flat scan is paper on both sides, and cropping
    to it would cut off the title, the stamp and the date.
    """
    h, w = image.shape[:2]
    small, m_small = _scaled(_as_bgr(image), min(1.0, DOC_SIDE / max(h, w)))
    blur = cv2.GaussianBlur(small, (5, 5), 0)
    frame_area = float(small.shape[0] * small.shape[1])
    lab = cv2.cvtColor(blur, cv2.COLOR_BGR2LAB)
    candidates: list[np.ndarray] = []
    edges: np.ndarray = np.zeros(small.shape[:2], np.uint8)
    for ch in cv2.split(blur):
        edges = cv2.bitwise_or(edges, cv2.Canny(ch, 20, 60))
    edges = cv2.morphologyEx(edges, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    candidates.extend(cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)[0])
    # the same outlines filled, with thin spurs opened away: a shadow's edge running from a
    # corner of the sheet to the frame joins the outline and stops it being a quadrilateral
    filled = np.zeros_like(edges)
    outer = cv2.findContours(edges, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)[0]
    cv2.drawContours(filled, outer, -1, 255, cv2.FILLED)
    filled = cv2.morphologyEx(filled, cv2.MORPH_OPEN, np.ones((SPUR_OPEN, SPUR_OPEN), np.uint8))
    candidates.extend(cv2.findContours(filled, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)[0])
    grey = cv2.cvtColor(blur, cv2.COLOR_BGR2GRAY)
    distance = _background_distance(lab)
    masks = (_otsu(grey), _otsu(distance, floor=12), (distance > 12).astype(np.uint8) * 255)
    for mask in masks:
        mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((7, 7), np.uint8))
        mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
        candidates.extend(cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)[0])
    best: np.ndarray | None = None
    best_area = 0.0
    for cnt in sorted(candidates, key=cv2.contourArea, reverse=True)[:16]:
        area = float(cv2.contourArea(cnt))
        if area < MIN_DOC_AREA * frame_area or area <= best_area:
            continue
        quad = _quad_of(cnt)
        if quad is None:
            continue
        qarea = float(cv2.contourArea(quad))
        if not MIN_DOC_AREA * frame_area <= qarea <= MAX_DOC_AREA * frame_area:
            continue
        if qarea <= best_area or not _plausible_quad(quad, small.shape):
            continue
        if _edge_contrast(lab, quad) < MIN_DOC_CONTRAST or not _outside_is_background(lab, quad):
            continue
        if _print_outside(grey, quad):
            continue  # a table's or a printed frame's rules inside a page photographed whole
        best, best_area = quad, qarea
    if best is None:
        return None
    return _order_corners(_apply(np.linalg.inv(m_small), best))


def _otsu(img: np.ndarray, floor: float = 0.0) -> np.ndarray:
    t, mask = cv2.threshold(img, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    if t < floor:
        _, mask = cv2.threshold(img, floor, 255, cv2.THRESH_BINARY)
    return mask


#: Print outside an outline: strokes this much darker than the light ground round them…
PRINT_INK_DELTA = 50
#: …on ground at least this light (paper, not a desk)…
PRINT_GROUND = 170
#: …making up this share of the light ground outside the outline, in this many pixels at
#: least (on the DOC_SIDE copy: a title line is some hundreds).
PRINT_OUTSIDE_SHARE = 0.02
PRINT_OUTSIDE_MIN_PX = 150


def _print_outside(grey: np.ndarray, quad: np.ndarray) -> bool:
    """Is there print on paper outside the outline? A ruled table photographed with the page
    round it has the page's title, the holder's lines and the date outside its frame; the
    backdrop round a sheet (a desk, a scanner lid, a hand) holds none."""
    mask = np.zeros(grey.shape[:2], np.uint8)
    cv2.fillConvexPoly(mask, np.round(quad).astype(np.int32), 255)
    outside = cv2.dilate(mask, np.ones((17, 17), np.uint8)) == 0
    ground = cv2.morphologyEx(grey, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    light = outside & (ground >= PRINT_GROUND)
    ink = light & (ground.astype(np.int16) - grey.astype(np.int16) > PRINT_INK_DELTA)
    n_ink, n_light = int(np.count_nonzero(ink)), int(np.count_nonzero(light))
    return n_ink >= PRINT_OUTSIDE_MIN_PX and n_ink >= PRINT_OUTSIDE_SHARE * n_light


def _background_distance(lab: np.ndarray) -> np.ndarray:
    """Per-pixel colour distance (largest Lab channel difference, doubled) from the frame
    border's median colour: the desk or the scanner lid around a sheet."""
    border = np.concatenate([lab[0], lab[-1], lab[:, 0], lab[:, -1]])
    ref = np.median(border, axis=0).round().astype(np.uint8)
    c0, c1, c2 = cv2.split(cv2.absdiff(lab, np.full(lab.shape, ref, np.uint8)))
    largest = cv2.max(cv2.max(c0, c1), c2)
    return cv2.add(largest, largest)


def _quad_of(contour: np.ndarray) -> np.ndarray | None:
    """The contour as four corners, when it is (nearly) a convex quadrilateral."""
    hull = cv2.convexHull(contour)
    peri = cv2.arcLength(hull, True)
    hull_area = float(cv2.contourArea(hull))
    if hull_area <= 0 or float(cv2.contourArea(contour)) < 0.85 * hull_area:
        return None  # a ragged cluster (text, clutter), not an outline
    for eps in (0.015, 0.02, 0.03, 0.045):
        approx = cv2.approxPolyDP(hull, eps * peri, True)
        if len(approx) == 4:
            quad = approx.reshape(4, 2).astype(np.float32)
            if float(cv2.contourArea(quad)) >= 0.9 * hull_area:
                return quad
            return None
    return None


def _plausible_quad(quad: np.ndarray, shape: tuple[int, ...]) -> bool:
    """Corner angles within 55-125° (a phone held over a sheet); not the frame itself."""
    q = _order_corners(quad)
    for i in range(4):
        a, b, c = q[i - 1], q[i], q[(i + 1) % 4]
        v1, v2 = a - b, c - b
        cosang = float(np.dot(v1, v2) / (np.linalg.norm(v1) * np.linalg.norm(v2) + 1e-9))
        if abs(cosang) > math.cos(math.radians(55)):
            return False
    h, w = shape[:2]
    margin = 0.02 * max(h, w)
    near = (q[:, 0] < margin) | (q[:, 0] > w - margin) | (q[:, 1] < margin)
    near |= q[:, 1] > h - margin
    return not bool(near.all())


def _bands(lab: np.ndarray, quad: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The quad's mask and the bands 5-13 px inside and outside its edge (the edge itself,
    blurred or ruled, is skipped)."""
    mask = np.zeros(lab.shape[:2], np.uint8)
    cv2.fillConvexPoly(mask, np.round(quad).astype(np.int32), 255)
    near, far = np.ones((11, 11), np.uint8), np.ones((27, 27), np.uint8)
    inner = cv2.subtract(cv2.erode(mask, near), cv2.erode(mask, far))
    outer = cv2.subtract(cv2.dilate(mask, far), cv2.dilate(mask, near))
    return mask, inner, outer


def _edge_contrast(lab: np.ndarray, quad: np.ndarray) -> float:
    """Colour difference (8-bit Lab) between bands 5-13 px inside and outside `quad`.

    Only sides with room outside the frame count; a quad whose outside is entirely off the
    frame has no evidence either way and scores 0.
    """
    mask, inner, outer = _bands(lab, quad)
    if int(np.count_nonzero(outer)) < 50 or int(np.count_nonzero(inner)) < 50:
        return 0.0
    a = np.median(lab[inner > 0].astype(np.float32), axis=0)
    b = np.median(lab[outer > 0].astype(np.float32), axis=0)
    return float(np.linalg.norm(a - b))


#: Lab distance below which the frame's border has the colour of the document's paper.
PAPER_EDGE_DELTA = 10.0
#: A quad covering at least this share of the frame is taken for the sheet whatever its colour.
SHEET_AREA = 0.75


def _outside_is_background(lab: np.ndarray, quad: np.ndarray) -> bool:
    """Is what lies just outside `quad` the backdrop (the colour of the frame's border)
    rather than more paper? A table on a scanned page has paper around it, with a grey
    scanner margin beyond; cropping to the table would cut off the header rows."""
    border = np.concatenate([lab[0], lab[-1], lab[:, 0], lab[:, -1]]).astype(np.float32)
    ref = np.median(border, axis=0)
    mask, inner, outer = _bands(lab, quad)
    if int(np.count_nonzero(outer)) < 50 or int(np.count_nonzero(inner)) < 50:
        return True
    a = np.median(lab[inner > 0].astype(np.float32), axis=0)
    b = np.median(lab[outer > 0].astype(np.float32), axis=0)
    if float(np.linalg.norm(b - ref)) > float(np.linalg.norm(b - a)):
        return False
    # the frame's edge is the paper itself (a flat scan filling the frame): a quad well
    # inside it is a table or a printed frame, not the sheet (a sheet on a scanner lid of
    # its own colour fills most of the frame and is kept)
    if np.count_nonzero(mask) >= SHEET_AREA * mask.size:
        return True
    inside = lab[mask > 0].astype(np.float32)
    light = inside[:, 0] >= np.percentile(inside[:, 0], 90)
    paper = np.median(inside[light], axis=0)
    return float(np.linalg.norm(paper - ref)) >= PAPER_EDGE_DELTA


# --------------------------------------------------------------------------------------------
# Orientation from text lines


@dataclass(frozen=True)
class _Line:
    """A detected text line as a rotated rectangle."""

    centre: np.ndarray  # (x, y)
    axis: np.ndarray  # unit vector along the longer side, x >= 0
    length: float
    thickness: float

    @property
    def vertical(self) -> bool:
        return abs(float(self.axis[1])) > abs(float(self.axis[0]))

    @property
    def elongation(self) -> float:
        return self.length / self.thickness


def _lines(quads: Sequence[np.ndarray]) -> list[_Line]:
    out = []
    for q in quads:
        (cx, cy), (w, h), ang = cv2.minAreaRect(np.asarray(q, dtype=np.float32).reshape(-1, 2))
        r = math.radians(ang)
        ax = np.array([math.cos(r), math.sin(r)])
        if h > w:
            ax = np.array([-ax[1], ax[0]])
            w, h = h, w
        if ax[0] < 0 or (ax[0] == 0 and ax[1] < 0):
            ax = -ax
        if w < 2 or h < 2:
            continue
        out.append(_Line(np.array([cx, cy]), ax, float(w), float(h)))
    return out


def _axis_weight(ln: _Line) -> float:
    """How much a line says about the text direction: single characters say nothing."""
    if ln.elongation < 1.6:
        return 0.0
    return ln.thickness * min(ln.length, 12 * ln.thickness) * min(1.0, (ln.elongation - 1.4) / 2)


#: A "line" this many times thicker than the page's median line is a blob the detector
#: boxed (a face in a hand-held ID photo, a portrait), not text: it says nothing of direction.
BLOB_THICKNESS = 4.0


def _horizontal_share(lines: Sequence[_Line]) -> tuple[float, float]:
    """Share of the direction evidence lying horizontally, and the evidence in all."""
    wh = wv = 0.0
    thick = [ln.thickness for ln in lines if _axis_weight(ln) > 0]
    limit = BLOB_THICKNESS * float(np.median(thick)) if len(thick) >= 3 else math.inf
    for ln in lines:
        w = _axis_weight(ln) if ln.thickness <= limit else 0.0
        if ln.vertical:
            wv += w
        else:
            wh += w
    total = wh + wv
    return (wh / total if total else 0.5), total


def _line_crops(
    source: np.ndarray,
    to_analysis: np.ndarray,
    lines: Sequence[_Line],
    vertical: bool,
    limit: int = CLS_LINES,
) -> tuple[list[np.ndarray], list[float]]:
    """Classifier-sized crops of the largest lines along one axis, upright if the content
    is turned by 0° (horizontal axis) or 90° (vertical axis).

    Lines are found at analysis scale but cut from `source` (mapped by `to_analysis`): on a
    full page the analysis copy leaves text 6-8 px high, too little for the classifier.
    Long lines are cut into chunks of about the classifier's 4:1 input (it squeezes longer
    crops); the middle chunk of every line comes first so that an early stop has heard
    from several lines.
    """
    picked = [ln for ln in lines if ln.elongation >= 1.3 and ln.vertical == vertical]
    if len(picked) > limit:
        # boxes much thicker than the typical line are paragraphs merged at analysis scale
        # (or display titles); the classifier only knows single lines
        typical = float(
            np.median(
                [ln.thickness for ln in picked if ln.elongation >= 2.5]
                or [ln.thickness for ln in picked]
            )
        )
        single = [ln for ln in picked if ln.thickness <= 1.6 * typical]
        picked = single if len(single) >= min(limit, len(picked)) // 2 else picked
    picked.sort(key=lambda ln: ln.thickness * min(ln.length, 10 * ln.thickness), reverse=True)
    jobs: list[tuple[int, np.ndarray, np.ndarray, float, float, float]] = []
    for ln in picked[:limit]:
        u = ln.axis.copy()
        if vertical and u[1] < 0:
            u = -u
        n = max(1, min(3, math.ceil(ln.length / (4.5 * ln.thickness) - 0.3)))
        seg = ln.length / n
        order = sorted(range(n), key=lambda i: abs(i - (n - 1) / 2))
        for rank, i in enumerate(order):
            c = ln.centre + u * (-ln.length / 2 + seg * (i + 0.5))
            weight = ln.thickness * min(seg, 5 * ln.thickness) / n**0.5
            jobs.append((rank, c, u, seg, ln.thickness, weight))
    jobs.sort(key=lambda j: j[0])
    crops: list[np.ndarray] = []
    weights: list[float] = []
    for _, c, u, seg, thick, weight in jobs:
        v = np.array([-u[1], u[0]])  # "down" for text running along u
        p0 = c - u * seg / 2 - v * thick / 2
        src = np.array([p0, p0 + u * seg, p0 + v * thick], dtype=np.float32)
        out_w, out_h = max(8, min(400, round(seg * 48.0 / thick))), 48
        dst = np.array([[0, 0], [out_w, 0], [0, out_h]], dtype=np.float32)
        m = cv2.getAffineTransform(src, dst)
        full = np.vstack([m, [0.0, 0.0, 1.0]]) @ to_analysis
        crop = cv2.warpPerspective(
            source, full, (out_w, out_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
        )
        letters = _letters(crop)
        if letters is None:
            continue  # dotted leaders or a rule: nothing to orient by
        crops.append(letters)
        weights.append(weight)
    return crops, weights


def _letters(crop: np.ndarray) -> np.ndarray | None:
    """The crop with its dots painted over with the paper, or None when what ink is left
    spans less than LETTER_EXTENT of its height (dotted leaders alone, a rule): nothing to
    orient by. Dots are specks of ink under DOT_SIZE of the height each way (leaders, full
    stops): PP-OCR's 180° classifier reads a run of leader dots on the baseline as a line
    upside down."""
    grey = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY) if crop.ndim == 3 else crop
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    size = DOT_SIZE * grey.shape[0]
    small = (stats[:, cv2.CC_STAT_WIDTH] <= size) & (stats[:, cv2.CC_STAT_HEIGHT] <= size)
    small[0] = False  # the background
    dots = small[labels]
    letters = (ink > 0) & ~dots
    rows = np.flatnonzero(letters.mean(axis=1) > 0.01)
    if not rows.size or (rows[-1] - rows[0] + 1) / grey.shape[0] < LETTER_EXTENT:
        return None
    return _painted_over(crop, dots, ink) if dots.any() else crop


def _painted_over(image: np.ndarray, specks: np.ndarray, ink: np.ndarray) -> np.ndarray:
    """A copy of `image` with the `specks` mask (and a pixel round it) painted the paper's
    colour (the median of what `ink` leaves uncovered)."""
    out = image.copy()
    paper = np.median(image[ink == 0], axis=0) if (ink == 0).any() else 255
    out[cv2.dilate(specks.astype(np.uint8), np.ones((3, 3), np.uint8)) > 0] = paper
    return out


def _vote_180(
    engine: Any,
    source: np.ndarray,
    to_analysis: np.ndarray,
    lines: Sequence[_Line],
    vertical: bool,
) -> float:
    """Weighted vote in -1..1 of PP-OCR's 180° classifier: positive means upside down.

    Crops go in batches of six and the vote stops once it is clear, which is the common
    case: printed Chinese lines are classified with near certainty.
    """
    crops, weights = _line_crops(source, to_analysis, lines, vertical)
    num = den = 0.0
    for i in range(0, len(crops), CLS_BATCH):
        probs = engine.upside_down(crops[i : i + CLS_BATCH])
        for w, p in zip(weights[i : i + CLS_BATCH], probs, strict=False):
            num += w * (2.0 * p - 1.0)
            den += w
        if den and abs(num / den) >= CLEAR_VOTE:
            break
    return num / den if den else 0.0


def _osd(image: np.ndarray) -> tuple[int, float] | None:
    """Tesseract OSD (rotation, confidence), or None when it is not installed or fails."""
    from .ocr.base import OcrError
    from .ocr.tesseract import TesseractEngine

    try:
        result = TesseractEngine(timeout=10).osd_rotation(image)
    except OcrError:
        return None
    _log.debug("tesseract osd %s on %s", result, image.shape)
    return result


@dataclass(frozen=True)
class _Turn:
    """The content turn of a page and where the decision came from (for diagnostics)."""

    rotation: int
    confidence: float
    source: str  # "lines", "osd", "prior"
    vote: float = 0.0
    axis_margin: float = 0.0


def _detect_turn(
    engine: Any,
    image: np.ndarray,
    lines: Sequence[_Line],
    source: np.ndarray | None = None,
    to_analysis: np.ndarray | None = None,
    osd_view: Callable[[], np.ndarray] | None = None,
) -> _Turn:
    """Clockwise 0/90/180/270 content turn of `image`, from its detected text lines.

    Lines lying mostly vertical mean 90 or 270; PP-OCR's line classifier then says which
    of the pair. When the lines are few, disagree about their axis, or split their 180°
    vote (scripts the classifier does not know, sheet music, drawings), Tesseract's OSD is
    asked; with no confident answer from either, upright is the best guess (most uploads
    are). `image` is the analysis copy the lines were found on; line crops are cut from
    `source` (default: `image`) through `to_analysis`, the map from source to analysis;
    `osd_view` makes the (larger) copy Tesseract sees, only when it is needed.
    """
    if source is None or to_analysis is None:
        source, to_analysis = image, np.eye(3)
    share, evidence = _horizontal_share(lines)
    axis_margin = abs(2.0 * share - 1.0)
    vertical = share < 0.5
    vote = _vote_180(engine, source, to_analysis, lines, vertical) if evidence > 0 else 0.0
    rotation = (90 if vertical else 0) + (180 if vote > 0 else 0)
    confidence = min(1.0, abs(vote)) * (0.5 + 0.5 * axis_margin)
    n_voting = sum(1 for ln in lines if _axis_weight(ln) > 0)
    if n_voting >= 1 and axis_margin >= 0.5 and abs(vote) >= WEAK_VOTE:
        return _Turn(rotation, confidence, "lines", vote, axis_margin)
    # no text found at all: Tesseract would only be guessing (it "reads" noise at 180°)
    osd = _osd(osd_view() if osd_view is not None else image) if lines else None
    needed = OSD_TRUST if n_voting else 2 * OSD_TRUST
    if osd is not None and osd[1] >= needed:
        osd_rot = osd[0] % 360
        osd_conf = min(1.0, osd[1] / (2 * OSD_TRUST))
        same_axis = (osd_rot % 180 == 90) == vertical
        if n_voting == 0 or axis_margin < 0.5 or same_axis or osd[1] >= 2 * OSD_TRUST:
            return _Turn(osd_rot, max(osd_conf, confidence), "osd", vote, axis_margin)
    if n_voting == 0 or (abs(vote) < PRIOR_VOTE and not vertical):
        return _Turn(0, 0.0 if n_voting == 0 else confidence, "prior", vote, axis_margin)
    return _Turn(rotation, confidence, "lines", vote, axis_margin)


def _skew(lines: Sequence[_Line], rotation: int) -> float | None:
    """Counter-clockwise residual skew (degrees) of the lines once the turn is undone.

    A length-weighted median of the line angles; snapped to 0 when it is within what the
    boxes can resolve (a one-word image measures ±0.8° from pixel rounding alone); None
    without any line long enough to measure.
    """
    rot = _rotate_ccw(rotation)[:2, :2]
    angles, weights, inv_var = [], [], []
    for ln in lines:
        if ln.elongation < 2.5:
            continue
        a = rot @ ln.axis
        if a[0] < 0:
            a = -a
        ang = -math.degrees(math.atan2(a[1], a[0]))
        if abs(ang) > 45:
            continue
        angles.append(ang)
        weights.append(ln.length)
        inv_var.append(1.0 / math.degrees(2.0 / ln.length) ** 2)
    if not angles:
        return None
    order = np.argsort(angles)
    cum = np.cumsum(np.asarray(weights)[order])
    median = float(np.asarray(angles)[order][int(np.searchsorted(cum, cum[-1] / 2))])
    resolvable = 1.5 / math.sqrt(sum(inv_var))
    if abs(median) > MAX_SKEW or abs(median) < resolvable:
        return 0.0
    return median


# --------------------------------------------------------------------------------------------
# The stage


@dataclass(frozen=True, eq=False)
class _View:
    """The analysis copy of a page, and how it sits in the source (so the output is one warp).

    `to_view` maps source px to `image` px; `scale` is analysis px per natural px; `natural`
    the page's own size in source px (the document outline's, or the whole frame's);
    `doc_skew` the outline's tilt, which the warp to `image` already removed.
    """

    image: np.ndarray
    to_view: np.ndarray
    scale: float
    natural: tuple[float, float]
    doc_skew: float = 0.0


@dataclass(frozen=True, eq=False)
class _Placement:
    """Where the upright, deskewed page lands in the output: the map from analysis px, the
    output size, and output px per natural px (which is `Normalised.scale`)."""

    from_view: np.ndarray
    size: tuple[int, int]
    scale: float


#: Dotted leaders, as the detector's input shows them: specks at most LEADER_DOT of the image's
#: long side each way (1-3 px at the analysis scale), at least LEADER_RUN of them chained on
#: one baseline at an even step of at most LEADER_STEP dot sizes (`_chains`).
LEADER_DOT = 0.006
LEADER_RUN = 6
LEADER_ROW = 1.5
LEADER_STEP = 8.0


def leaders_out(image: np.ndarray) -> np.ndarray:
    """The detector's input with dotted leaders painted over with the paper (the image
    itself where it has none). The detector scores a box by its mean text probability, and
    a label joined to its value by a long run of dots scores too low to be kept: most lines
    of a page laid out 医师姓名…………潘超 were not found."""
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    _, labels, stats, centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
    size = max(2, round(LEADER_DOT * max(grey.shape)))
    sums = cv2.integral((ink > 0).astype(np.uint8))
    h, w = grey.shape
    x, y = stats[1:, cv2.CC_STAT_LEFT], stats[1:, cv2.CC_STAT_TOP]
    bw, bh = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    # alone on the paper: no other ink within a dot's size of it (a stroke of a small
    # character has its neighbours close by)
    x0, y0 = np.maximum(0, x - size), np.maximum(0, y - size)
    x1, y1 = np.minimum(w, x + bw + size), np.minimum(h, y + bh + size)
    around = sums[y1, x1] - sums[y0, x1] - sums[y1, x0] + sums[y0, x0] - stats[1:, cv2.CC_STAT_AREA]
    alone = (bw <= size) & (bh <= size) & (around <= 0)
    small = [int(k) + 1 for k in np.flatnonzero(alone)]
    if len(small) < LEADER_RUN:
        return image
    # the page may lie turned by 90° here (it is turned upright after detection): runs
    # down the image count as well as across
    dots = [
        k
        for axes in (centres, centres[:, ::-1])
        for chain in _chains(small, axes, size)
        if len(chain) >= LEADER_RUN
        for k in chain
    ]
    if not dots:
        return image
    return _painted_over(image, np.isin(labels, dots), ink)


def _chains(specks: list[int], centres: np.ndarray, size: int) -> list[list[int]]:
    """Specks chained left to right: each continues the chain whose last speck lies at most
    LEADER_STEP dot sizes to its left, on its baseline (within LEADER_ROW px, plus a tenth
    of the step for a page a few degrees askew), at about the chain's step (within half)."""
    chains: list[list[int]] = []
    for k in sorted(specks, key=lambda j: centres[j, 0]):
        x, y = centres[k]
        best, best_dx = None, 0.0
        for chain in chains:
            last = chain[-1]
            dx, dy = x - centres[last, 0], abs(y - centres[last, 1])
            if not 0 < dx <= LEADER_STEP * size or dy > LEADER_ROW + 0.1 * dx:
                continue
            if len(chain) > 1:
                step = centres[last, 0] - centres[chain[-2], 0]
                if abs(dx - step) > 0.5 * step:
                    continue
            if best is None or dx < best_dx:
                best, best_dx = chain, dx
        if best is None:
            chains.append([k])
        else:
            best.append(k)
    return chains


@timing.timed("normalise")
def normalise(
    image: np.ndarray,
    engine: Any,
    *,
    exif_orientation: int = 1,
    max_side: int = 1600,
    det_side: int = DET_SIDE,
    find_doc: bool = True,
) -> Normalised:
    """Crop, turn upright, deskew and scale a document page; say how it was turned.

    `image` is BGR as an EXIF-honouring viewer shows it (what `load_image` returns). All
    analysis happens on a copy at most `det_side` pixels long (the detector runs once, on
    it); the output is one warp of the input, so it is resampled only once.
    """
    src = _as_bgr(image)
    h, w = src.shape[:2]
    frame, m_frame = _scaled(src, min(MAX_UPSCALE, det_side / max(h, w)))

    doc = find_document(frame) if find_doc else None
    if doc is not None:
        view = _document_view(src, frame, m_frame, doc, det_side)
    else:
        view = _View(frame, m_frame, float(m_frame[0, 0]), (w, h))

    quads = engine.detect(leaders_out(view.image))
    again = partial(normalise, image, engine, exif_orientation=exif_orientation, max_side=max_side)
    if doc is not None and _cuts_text(quads, view.image.shape):
        # the outline runs through text (a shadow's edge, a fold taken for the sheet's
        # edge): the sheet is larger than the outline, so read the frame as it is
        return again(det_side=det_side, find_doc=False)
    lines = _lines(quads)
    if _wants_closer_look(lines, det_side, max(h, w), view.image):
        return again(det_side=RETRY_DET_SIDE, find_doc=find_doc)

    turn = _detect_turn(engine, view.image, lines, src, view.to_view, partial(_osd_view, src, view))
    skew = _skew(lines, turn.rotation) or 0.0
    reported = _seen_skew(quads, view, turn.rotation, skew) if doc is not None else skew
    place = _placement(view, turn.rotation, skew, max_side)
    out = _render(src, view, place, turn.rotation, skew, doc is not None)
    out_quads = tuple(_order_corners(_apply(place.from_view, q)) for q in quads)
    return Normalised(
        image=out,
        rotation=turn.rotation,
        rotation_confidence=round(float(turn.confidence), 3),
        skew=round(float(reported), 2),
        document_found=doc is not None,
        exif_orientation=exif_orientation,
        quads=out_quads,
        orientation_source=turn.source,
        scale=float(place.scale),
        det_side=det_side,
    )


def _document_view(
    src: np.ndarray, frame: np.ndarray, m_frame: np.ndarray, doc: np.ndarray, det_side: int
) -> _View:
    """The document outline `doc` (in `frame` px) warped flat at analysis scale.

    The detector reads the sheet itself, not the desk around it, at the outline's own size;
    when the outline is small in the frame the warp starts from a finer copy of the source
    than `frame`, so its text is not enlarged from already-lost pixels.
    """
    doc_src = _apply(np.linalg.inv(m_frame), doc)
    nat_w = max(_dist(doc_src[0], doc_src[1]), _dist(doc_src[3], doc_src[2]))
    nat_h = max(_dist(doc_src[0], doc_src[3]), _dist(doc_src[1], doc_src[2]))
    rect = np.array([[0, 0], [nat_w, 0], [nat_w, nat_h], [0, nat_h]], dtype=np.float32)
    h_doc = cv2.getPerspectiveTransform(doc_src, rect).astype(np.float64)
    a = min(MAX_UPSCALE, det_side / max(nat_w, nat_h))
    base, m_base = frame, m_frame
    if a > 1.25 * m_frame[0, 0] and m_frame[0, 0] < 1:
        base, m_base = _scaled(src, min(1.0, a))
    m_sa = _scale(a) @ h_doc
    size_a = (max(1, round(nat_w * a)), max(1, round(nat_h * a)))
    analysis = cv2.warpPerspective(
        base,
        m_sa @ np.linalg.inv(m_base),
        size_a,
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_REPLICATE,
    )
    return _View(analysis, m_sa, a, (nat_w, nat_h), _doc_angle(doc_src))


def _wants_closer_look(
    lines: Sequence[_Line], det_side: int, upload_side: int, analysis: np.ndarray
) -> bool:
    """No text line at analysis scale, yet the upload has pixels to spare.

    A card held small in a hand-held photo prints 7-8 px glyphs at analysis scale, below
    what the detector finds; such a page is looked at again at twice the scale (rare, so
    the cost is paid only then).
    """
    return (
        det_side < RETRY_DET_SIDE
        and not any(_axis_weight(ln) > 0 for ln in lines)
        and upload_side >= 1.5 * max(analysis.shape[:2])
    )


def _osd_view(src: np.ndarray, view: _View) -> np.ndarray:
    """The grey copy of the analysis view that Tesseract OSD sees, made only when asked.

    OSD needs text at scan resolution, not at analysis scale, so the view is cut from the
    source again, at up to OSD_SIDE px.
    """
    a, analysis, m_sa = view.scale, view.image, view.to_view
    b = min(MAX_UPSCALE, OSD_SIDE * a / max(analysis.shape[:2]))  # view px per source px
    size = (max(1, round(analysis.shape[1] * b / a)), max(1, round(analysis.shape[0] * b / a)))
    pre, m_pre = _scaled(src, 1.25 * b) if b < 0.8 else (src, _scale(1.0))
    m = _scale(b / a) @ m_sa @ np.linalg.inv(m_pre)
    out = cv2.warpPerspective(pre, m, size, flags=cv2.INTER_LINEAR)
    return cv2.cvtColor(out, cv2.COLOR_BGR2GRAY)


def _seen_skew(quads: Sequence[np.ndarray], view: _View, rotation: int, skew: float) -> float:
    """The tilt of the text as the upload shows it, for a page warped to its outline.

    The warp removed most of the tilt, so the lines are measured again in source px; when
    none is long enough there, the residual skew plus the outline's own tilt stands in.
    """
    inv = np.linalg.inv(view.to_view)
    seen = _skew(_lines([_apply(inv, q) for q in quads]), rotation)
    return seen if seen is not None else skew + view.doc_skew


def _placement(view: _View, rotation: int, skew: float, max_side: int) -> _Placement:
    """Analysis px to output px: upright and deskewed, at the origin, longer side <= max_side.

    The page's extent is taken from its exact analysis-space size: the analysis image's own
    size is rounded, and scaling that back up would lose or gain a pixel of the output.
    """
    a = view.scale
    t = _rotate_ccw(-skew) @ _rotate_ccw(rotation)
    aw, ah = view.natural[0] * a, view.natural[1] * a
    corners = _apply(t, np.array([[0, 0], [aw, 0], [aw, ah], [0, ah]], dtype=np.float32))
    x0, y0 = corners.min(axis=0)
    x1, y1 = corners.max(axis=0)
    g = min(1.0, max_side * a / max(x1 - x0, y1 - y0))  # output px per natural px
    m_ao = _scale(g / a) @ _translate(-x0, -y0) @ t
    out_w = min(max_side, max(1, round((x1 - x0) * g / a)))
    out_h = min(max_side, max(1, round((y1 - y0) * g / a)))
    return _Placement(m_ao, (out_w, out_h), g)


def _render(
    src: np.ndarray, view: _View, place: _Placement, rotation: int, skew: float, warped: bool
) -> np.ndarray:
    """The output page, resampled from the source once.

    A whole frame with no skew is only shrunk and turned (exact, and the cheapest); otherwise
    one affine (frame) or perspective (document outline) warp, from a copy brought near the
    output scale first so the warp does not alias.
    """
    out_w, out_h = place.size
    if not warped and skew == 0.0:
        out = np.ascontiguousarray(np.rot90(_shrink(src, place.scale), k=rotation // 90))
        if out.shape[:2] != (out_h, out_w):
            out = cv2.resize(out, (out_w, out_h), interpolation=cv2.INTER_LINEAR)
        return out
    g = place.scale
    pre, m_pre = _scaled(src, min(1.0, 1.25 * g)) if g < 0.8 else (src, _scale(1.0))
    m = place.from_view @ view.to_view @ np.linalg.inv(m_pre)
    if not warped:
        return cv2.warpAffine(
            pre,
            m[:2],
            (out_w, out_h),
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=_border_colour(view.image),
        )
    return cv2.warpPerspective(
        pre, m, (out_w, out_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
    )


#: Text lines reaching the edge of the outline's crop that mark the outline as cutting text.
CUT_LINES = 2
CUT_SHARE = 0.2


def _cuts_text(quads: Sequence[np.ndarray], shape: tuple[int, ...]) -> bool:
    """Do several text lines run into the edge of a crop to a document outline? A sheet
    has margins: its print never touches its edge, so such lines were cut by the crop."""
    h, w = shape[:2]
    text = [ln for ln in _lines(quads) if ln.elongation >= 1.6]
    cut = 0
    for q in quads:
        xy = np.asarray(q, dtype=np.float32).reshape(-1, 2)
        x0, y0 = xy.min(axis=0)
        x1, y1 = xy.max(axis=0)
        cut += bool(x0 <= 2 or y0 <= 2 or x1 >= w - 3 or y1 >= h - 3)
    return cut >= CUT_LINES and cut >= CUT_SHARE * max(1, len(text))


def _dist(p: np.ndarray, q: np.ndarray) -> float:
    return float(np.hypot(*(np.asarray(p, np.float64) - np.asarray(q, np.float64))))


def _doc_angle(doc: np.ndarray) -> float:
    """Counter-clockwise tilt of the document outline: its four edges' angles, modulo 90°."""
    angles = []
    for i in range(4):
        d = doc[(i + 1) % 4] - doc[i]
        ang = -math.degrees(math.atan2(float(d[1]), float(d[0])))
        angles.append((ang + 45.0) % 90.0 - 45.0)
    return float(np.mean(angles))


def _border_colour(img: np.ndarray) -> tuple[float, float, float]:
    edge = np.concatenate([img[0], img[-1], img[:, 0], img[:, -1]]).reshape(-1, img.shape[2])
    med = np.median(edge, axis=0)
    return (float(med[0]), float(med[1]), float(med[2]))


def _as_bgr(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    return image


# --------------------------------------------------------------------------------------------
# Registration photos


#: Share of an edge band the figure must fill for that edge to count as "shoulders here".
PHOTO_EDGE_MIN = 0.05


def photo_orientation(image: np.ndarray) -> tuple[int, float]:
    """Which way is up for a head-and-shoulders photo on a plain light background.

    There is no text to read, so the cue is the layout: the background shows along the top
    and the sides, while the shoulders and clothing fill the bottom edge and pull the mass
    of the figure down. Returns the clockwise content turn (0/90/180/270, the same
    convention as `normalise`) and a confidence in 0..1.
    """
    src = _as_bgr(image)
    h, w = src.shape[:2]
    small = _shrink(src, min(1.0, 160.0 / max(h, w)))
    lab = cv2.cvtColor(cv2.GaussianBlur(small, (3, 3), 0), cv2.COLOR_BGR2LAB).astype(np.float32)
    sh, sw = lab.shape[:2]
    border = np.concatenate([lab[0], lab[-1], lab[:, 0], lab[:, -1]])
    background = np.median(border, axis=0)
    figure = np.linalg.norm(lab - background, axis=2) > PHOTO_FIGURE_DELTA
    if figure.mean() < 0.02:
        return 0, 0.0  # a blank frame: nothing to go on
    band_h = max(1, round(0.06 * sh))
    band_w = max(1, round(0.06 * sw))
    # figure along each edge, in content terms of where that edge would be "down"
    edges = {
        0: float(figure[-band_h:].mean()),  # bottom edge filled: upright
        90: float(figure[:, :band_w].mean()),  # content turned clockwise: bottom on the left
        180: float(figure[:band_h].mean()),
        270: float(figure[:, -band_w:].mean()),
    }
    if sh > 1.1 * sw and max(edges.values()) < PHOTO_EDGE_MIN:
        # nothing of the figure reaches any edge (clothes as light as the backdrop): the mass
        # is then the head alone and says nothing; portrait frames are upright by default
        return 0, 0.2
    ys, xs = np.nonzero(figure)
    cy = (float(ys.mean()) + 0.5) / sh - 0.5  # > 0: mass below the middle
    cx = (float(xs.mean()) + 0.5) / sw - 0.5
    pull = {0: cy, 90: -cx, 180: -cy, 270: cx}
    scores = {r: edges[r] + PHOTO_MASS_WEIGHT * pull[r] for r in edges}
    if sh > 1.1 * sw:  # portrait frames are almost always upright or upside down
        scores[0] += PHOTO_SHAPE_PRIOR
        scores[180] += PHOTO_SHAPE_PRIOR
    elif sw > 1.1 * sh:
        scores[90] += PHOTO_SHAPE_PRIOR
        scores[270] += PHOTO_SHAPE_PRIOR
    ranked = sorted(scores, key=lambda r: scores[r], reverse=True)
    margin = scores[ranked[0]] - scores[ranked[1]]
    confidence = round(min(1.0, max(0.0, margin) / 0.3), 3)
    if ranked[0] != 0 and ranked[1] == 0 and confidence < PHOTO_MIN_TURN:
        # two ways up scored alike (light clothes, hair at the top edge): no evidence for
        # a turn, so the photo is taken as uploaded
        return 0, confidence
    return ranked[0], confidence
