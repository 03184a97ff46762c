"""Phone and scanner capture effects, within the upload rules unless a fault says otherwise.

A rendered page is turned (0/90/180/270), skewed, perspective-warped, laid on a desk or a
scanner bed, lit unevenly, blurred a little and given sensor noise, then encoded as a JPEG
(quality 60-90) or a palette PNG, shrinking quality and then size until it fits 200 KB. The
scale never drops below what keeps body text at least `MIN_GLYPH_PX` tall, because the point of
the samples is to test reading, not to produce unreadable scans.

Hard captures (`HARD_CONDITIONS`, drawn from a generator of their own so ordinary captures do
not change) add what real uploads also have: a page small in a phone frame (body text 14-18 px),
glare, shadows, heavy JPEG, larger turns with skew up to 8°; the seal over text is the
renderer's (`render.stamp_over`). Every condition leaves each field readable to a person.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np
from PIL import Image

from lab.synth.render import Rendered

MAX_BYTES = 200_000  # under 200 KB whether a KB is 1000 or 1024 bytes
PHOTO_MAX_BYTES = 40_000
MIN_GLYPH_PX = 20  # aim a little above the 18 px legibility floor: perspective shrinks a bit
ORIENTATION_TURN = {6: 90, 3: 180, 8: 270}  # EXIF tag → clockwise turn a viewer applies
#: Hard capture conditions, in the order the truth lists them.
HARD_CONDITIONS = ("lowres", "glare", "shadow", "jpeg_heavy", "stamp", "turn_skew")
LOWRES_GLYPH_PX = (14.0, 18.0)
HEAVY_JPEG_QUALITY = (25, 45)
HARD_SKEW = (3.0, 8.0)
#: Capture faults (issue 15, quality gates), one per faulty upload, each beyond what a person
#: reads comfortably: a defocused shot (Gaussian spread as a share of the body text's height),
#: a lamp's glare that washes the print out, a frame that cuts the page (share of the page cut
#: off from one side), a page so small in the frame that its body text is a few px tall.
QUALITY_FAULTS = ("blur", "glare", "cut", "small")
FAULT_BLUR = (0.22, 0.32)
FAULT_CUT = (0.15, 0.28)
FAULT_GLYPH_PX = (6.0, 8.0)

# PIL transposes that turn the content clockwise by the key's angle.
CLOCKWISE = {
    90: Image.Transpose.ROTATE_270,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}


@dataclass(slots=True)
class Shot:
    """One encoded capture and what was done to it (for the ground truth)."""

    data: bytes
    fmt: str  # jpeg | png
    rotation: int  # clockwise turn of the content as an EXIF-honouring viewer shows it
    skew: float  # degrees, counter-clockwise positive (as models.Page.skew)
    exif_orientation: int
    width: int
    height: int
    background: str  # wood | fabric | grey | desk (on a desk) | cropped | scanner
    scale: float  # final pixels per rendered pixel
    image: Image.Image  # the displayed image (content as a viewer shows it)
    hard: dict[str, object] = field(default_factory=dict)  # hard conditions' parameters


def turn(img: Image.Image, clockwise: int) -> Image.Image:
    return img.transpose(CLOCKWISE[clockwise]) if clockwise % 360 else img


def pick_rotation(rng: random.Random) -> int:
    r = rng.random()
    return 0 if r < 0.55 else 90 if r < 0.70 else 180 if r < 0.85 else 270


# --------------------------------------------------------------------------------------------
# Backgrounds


def background(
    kind: str, w: int, h: int, rng: random.Random, nrng: np.random.Generator
) -> np.ndarray:
    """A desk surface as float32 RGB at the size asked (callers ask for a quarter frame)."""
    sw, sh = w, h
    y, x = np.mgrid[0:sh, 0:sw].astype(np.float32)
    if kind == "wood":
        base = np.array(
            rng.choice(((150, 105, 65), (120, 80, 50), (185, 145, 100), (95, 62, 40))), np.float32
        )
        ang = rng.uniform(-0.3, 0.3) + (math.pi / 2 if rng.random() < 0.5 else 0)
        u = x * math.cos(ang) + y * math.sin(ang)
        v = -x * math.sin(ang) + y * math.cos(ang)
        wobble = cv2.resize(
            nrng.standard_normal((6, 6)).astype(np.float32), (sw, sh), interpolation=cv2.INTER_CUBIC
        )
        grain = np.sin(v / rng.uniform(2.0, 4.0) + 2.5 * wobble + 0.02 * u)
        field = 1 + 0.06 * grain + 0.05 * np.sin(v / 17.0 + wobble)
        rgb = base * field[..., None]
    elif kind == "fabric":
        base = np.array(
            rng.choice(((70, 90, 120), (150, 60, 60), (90, 110, 80), (200, 190, 170))), np.float32
        )
        weave = np.sin(x / 1.6) * np.sin(y / 1.6)
        folds = cv2.resize(
            nrng.standard_normal((5, 5)).astype(np.float32), (sw, sh), interpolation=cv2.INTER_CUBIC
        )
        rgb = base * (1 + 0.05 * weave + 0.08 * folds)[..., None]
    elif kind == "scanner":
        tone = rng.uniform(232, 252)
        rgb = np.full((sh, sw, 3), tone, np.float32)
    else:  # grey, desk (light laminate), cropped (a thin desk border round the page)
        tone = rng.uniform(120, 175) if kind == "grey" else rng.uniform(205, 230)
        low = cv2.resize(
            nrng.standard_normal((4, 4)).astype(np.float32), (sw, sh), interpolation=cv2.INTER_CUBIC
        )
        rgb = np.repeat((tone * (1 + 0.04 * low))[..., None], 3, axis=2)
    return rgb.astype(np.float32)


# --------------------------------------------------------------------------------------------
# Geometry


def _fit_scale(w: int, h: int, fw: int, fh: int, skew: float) -> float:
    c, s = abs(math.cos(math.radians(skew))), abs(math.sin(math.radians(skew)))
    return min(0.96 * fw / (w * c + h * s), 0.96 * fh / (w * s + h * c))


def plan_frame(
    w: int, h: int, s_min: float, skew: float, on_desk: bool, rng: random.Random
) -> tuple[int, int, float]:
    """Frame size and page scale: long side 1000-1600 px, page at 55-85% of a desk frame."""
    # Most phone/WeChat images are on the small side of the range; keeps windows compact.
    long_side = 1000 + 600 * rng.random() ** 3
    if on_desk:
        cover = rng.uniform(0.55, 0.85)
        aspect = 4 / 3
    else:
        cover = 1.0
        c, s = abs(math.cos(math.radians(skew))), abs(math.sin(math.radians(skew)))
        bw, bh = w * c + h * s, w * s + h * c
        aspect = max(bw, bh) / min(bw, bh) * (1 + rng.uniform(0.0, 0.04))

    def frame(long_px: float) -> tuple[int, int]:
        short = long_px / aspect
        return (round(long_px), round(short)) if w >= h else (round(short), round(long_px))

    def scale(fw: int, fh: int) -> float:
        fit = _fit_scale(w, h, fw, fh, skew) if on_desk else _fit_scale(w, h, fw, fh, skew) / 0.96
        if not on_desk:
            fit *= rng.uniform(0.93, 0.985)
        return min(math.sqrt(cover * fw * fh / (w * h)), fit)

    fw, fh = frame(long_side)
    s = scale(fw, fh)
    if s < s_min:
        long_side = min(1600.0, long_side * s_min / s * 1.01)
        fw, fh = frame(long_side)
        s = scale(fw, fh)
        if s < s_min:
            s = min(s_min, _fit_scale(w, h, fw, fh, skew))
    return fw, fh, s


def place(
    img: np.ndarray,
    fw: int,
    fh: int,
    skew: float,
    persp: float,
    rng: random.Random,
    matrix: list[np.ndarray] | None = None,
) -> np.ndarray:
    """Warp the (already scaled) RGBA page into the frame: turn by `skew` (CCW), jitter corners.
    `matrix`, when given, receives the page-to-frame perspective matrix."""
    h, w = img.shape[:2]
    rad = math.radians(skew)
    c, s = math.cos(rad), math.sin(rad)
    corners = np.array([(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)])
    # Counter-clockwise on screen (y grows downwards).
    rot = np.array([[c, s], [-s, c]])
    quad = corners @ rot.T
    jitter = persp * min(w, h)
    quad += np.array(
        [[rng.uniform(-jitter, jitter), rng.uniform(-jitter, jitter)] for _ in range(4)]
    )
    lo, hi = quad.min(axis=0), quad.max(axis=0)
    slack_x = max(0.0, (fw - 4 - (hi[0] - lo[0])) / 2)
    slack_y = max(0.0, (fh - 4 - (hi[1] - lo[1])) / 2)
    cx = fw / 2 - (lo[0] + hi[0]) / 2 + rng.uniform(-slack_x, slack_x) * 0.8
    cy = fh / 2 - (lo[1] + hi[1]) / 2 + rng.uniform(-slack_y, slack_y) * 0.8
    quad += (cx, cy)
    src = np.array([(0, 0), (w, 0), (w, h), (0, h)], np.float32)
    m = cv2.getPerspectiveTransform(src, quad.astype(np.float32))
    if matrix is not None:
        matrix.append(m)
    return cv2.warpPerspective(
        img, m, (fw, fh), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT
    )


def lighting(w: int, h: int, strength: float, rng: random.Random) -> np.ndarray:
    """Vignette plus a directional gradient, as a phone torch or a window gives."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    x /= max(x.max(), 1)
    y /= max(y.max(), 1)
    cx, cy = rng.uniform(0.3, 0.7), rng.uniform(0.3, 0.7)
    vig = 1 - strength * rng.uniform(0.3, 0.9) * ((x - cx) ** 2 + (y - cy) ** 2)
    ang = rng.uniform(0, 2 * math.pi)
    slope = strength * rng.uniform(-0.5, 0.5)
    grad = slope * ((x - 0.5) * math.cos(ang) + (y - 0.5) * math.sin(ang))
    return (vig + grad).astype(np.float32)


# --------------------------------------------------------------------------------------------
# Encoding


def exif_bytes(orientation: int, camera: tuple[str, str, str] | None) -> bytes:
    exif = Image.Exif()
    if camera:
        exif[0x010F], exif[0x0110], exif[0x0132] = camera
    exif[0x0112] = orientation
    return exif.tobytes()


def jpeg(
    img: Image.Image, quality: int, exif: bytes | None = None, subsampling: int | None = None
) -> bytes:
    buf = io.BytesIO()
    kw: dict[str, object] = {"quality": quality, "optimize": True}
    if exif:
        kw["exif"] = exif
    if subsampling is not None:
        kw["subsampling"] = subsampling
    img.save(buf, "JPEG", **kw)
    return buf.getvalue()


def png(img: Image.Image, colors: int) -> bytes:
    buf = io.BytesIO()
    q = img.quantize(colors=colors, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    q.save(buf, "PNG", compress_level=7)
    return buf.getvalue()


def shrink(img: Image.Image, factor: float) -> Image.Image:
    w, h = round(img.width * factor), round(img.height * factor)
    arr = cv2.resize(np.asarray(img), (w, h), interpolation=cv2.INTER_AREA)
    return Image.fromarray(arr)


def fit_jpeg(
    img: Image.Image,
    quality: int,
    exif: bytes | None,
    scale: float,
    s_min: float,
    max_bytes: int = MAX_BYTES,
    subsampling: int | None = None,
) -> tuple[bytes, Image.Image, float]:
    """Lower quality, then size (keeping text legible as long as possible), until it fits."""
    q = quality
    while True:
        data = jpeg(img, q, exif, subsampling)
        if len(data) <= max_bytes:
            return data, img, scale
        if q > 45:
            q = max(45, q - 8)
            continue
        factor = 0.9 if scale * 0.9 >= s_min or q <= 30 else max(s_min / scale, 0.97)
        if factor >= 0.999:
            q -= 5  # last resort, text would get too small: give up quality instead
            continue
        img, scale = shrink(img, factor), scale * factor


def fit_png(img: Image.Image, scale: float, s_min: float) -> tuple[bytes, Image.Image, float]:
    for colors in (64, 32, 16):
        data = png(img, colors)
        if len(data) <= MAX_BYTES:
            return data, img, scale
    gray = img.convert("L").convert("RGB")
    while True:
        data = png(gray, 16)
        if len(data) <= MAX_BYTES:
            return data, gray, scale
        factor = 0.9 if scale * 0.9 >= s_min else 0.95
        gray, img, scale = shrink(gray, factor), shrink(img, factor), scale * factor


def oversize_jpeg(
    img: Image.Image,
    rng: random.Random,
    exif: bytes | None = None,
    lo: int = 230_000,
    hi: int = 600_000,
) -> tuple[bytes, Image.Image]:
    """A JPEG between `lo` and `hi` bytes: a phone's full-quality original, not recompressed."""
    target = rng.uniform(lo * 1.1, hi * 0.8)
    best: tuple[float, bytes, Image.Image] | None = None
    for factor in (1.0, 1.3, 1.6, 2.0):
        big = (
            img
            if factor == 1.0
            else Image.fromarray(
                cv2.resize(
                    np.asarray(img),
                    (round(img.width * factor), round(img.height * factor)),
                    interpolation=cv2.INTER_CUBIC,
                )
            )
        )
        for q in (98, 95, 92, 88, 84, 80):
            data = jpeg(big, q, exif, subsampling=0)
            if lo <= len(data) <= hi:
                score = abs(len(data) - target)
                if best is None or score < best[0]:
                    best = (score, data, big)
        if best is not None:
            return best[1], best[2]
    raise RuntimeError("could not make an oversize JPEG")


# --------------------------------------------------------------------------------------------
# Hard conditions


def lowres_frame(
    w: int, h: int, glyph: float, min_glyph: int, skew: float, rng: random.Random
) -> tuple[int, int, float]:
    """A phone frame in which the page covers only 25-45% of the area, scaled so that the
    body text is `glyph` px tall: (frame width, frame height, scale)."""
    s = glyph / max(min_glyph, 1)
    cover = rng.uniform(0.25, 0.45)
    area = w * h * s * s / cover
    long_px = math.sqrt(area * 4 / 3)
    short_px = long_px * 3 / 4
    fw, fh = (round(long_px), round(short_px)) if w >= h else (round(short_px), round(long_px))
    # never so tight that the turned page does not fit
    grow = max(1.0, s / _fit_scale(w, h, fw, fh, skew))
    return round(fw * grow), round(fh * grow), s


def _print_point(
    doc: Rendered, rotation: int, scale: float, m: np.ndarray, rng: random.Random
) -> tuple[float, float] | None:
    """The centre of one of the page's printed strings (a field's value or label), in frame
    pixels: rendered page → turned clockwise → scaled → warped into the frame."""
    runs = [r for r in doc.texts if len(r.text) >= 2]
    if not runs:
        return None
    run = rng.choice(runs)
    box = run.box(run.text)
    if box is None:
        return None
    return _frame_point(doc, (box[0] + box[2]) / 2, (box[1] + box[3]) / 2, rotation, scale, m)


def _frame_point(
    doc: Rendered, x: float, y: float, rotation: int, scale: float, m: np.ndarray
) -> tuple[float, float]:
    """A point of the rendered page in frame pixels: turned clockwise, scaled, warped."""
    w, h = doc.image.size
    turned = {0: (x, y), 90: (h - y, x), 180: (w - x, h - y), 270: (y, w - x)}[rotation % 360]
    pt = np.array([[[turned[0] * scale, turned[1] * scale]]], np.float32)
    fx, fy = cv2.perspectiveTransform(pt, m)[0, 0]
    return float(fx), float(fy)


def add_glare(
    out: np.ndarray,
    alpha: np.ndarray,
    rng: random.Random,
    washed: bool = False,
    at: tuple[float, float] | None = None,
) -> dict[str, object]:
    """A specular highlight on the page: an elongated soft blob (a lamp's or window's
    reflection), mostly over print, that washes out towards white but keeps text visible in
    its core (peak 55-78%); its long axis is 8-22% of the frame's short side, so it may cross
    part of a text line but never a whole field.

    `washed` (the glare fault): the lamp is reflected full on the print, always where there is
    print: its core is saturated white over several characters, so the print there is gone."""
    fh, fw = out.shape[:2]
    page = alpha[::4, ::4] > 200
    ink = page & (out[::4, ::4].min(axis=2) < 110)
    # mostly where there is print (that is where glare hurts), else anywhere on the page
    ys, xs = np.nonzero(ink if ink.any() and (washed or rng.random() < 0.75) else page)
    if len(xs) == 0:
        return {}
    k = rng.randrange(len(xs))
    cx, cy = at if at is not None else (float(xs[k] * 4), float(ys[k] * 4))
    short = min(fw, fh)
    major = short * rng.uniform(0.08, 0.22)
    minor = major * rng.uniform(0.18, 0.6)
    ang = rng.uniform(0, math.pi)
    peak = rng.uniform(0.55, 0.78)
    if washed:
        major = short * rng.uniform(0.10, 0.18)
        minor = major * rng.uniform(0.45, 0.8)
        peak = rng.uniform(1.6, 2.2)  # clipped at 1: a saturated core
    y, x = np.mgrid[0:fh, 0:fw].astype(np.float32)
    u = (x - cx) * math.cos(ang) + (y - cy) * math.sin(ang)
    v = -(x - cx) * math.sin(ang) + (y - cy) * math.cos(ang)
    d2 = (u / major) ** 2 + (v / minor) ** 2
    a = np.minimum(1.0, peak * np.exp(-d2 * 1.6))
    a *= alpha.astype(np.float32) * (1 / 255.0)  # the paper shines, the desk less so
    warm = np.array([1.0, rng.uniform(0.98, 1.0), rng.uniform(0.93, 1.0)], np.float32)
    f = out.astype(np.float32)
    f += (255.0 * warm - f) * a[..., None]
    out[...] = np.clip(f, 0, 255).astype(np.uint8)
    return {
        "center": [round(cx), round(cy)],
        "size": [round(major), round(minor)],
        "peak": round(peak, 2),
    }


#: A page's side (as rendered) turned clockwise by the capture's turn: where it lies in the frame.
_TURNED_SIDE = {
    0: {"left": "left", "top": "top"},
    90: {"left": "top", "top": "right"},
    180: {"left": "right", "top": "bottom"},
    270: {"left": "bottom", "top": "left"},
}


def cut_frame(
    out: np.ndarray,
    alpha: np.ndarray,
    doc: Rendered,
    rotation: int,
    scale: float,
    m: np.ndarray,
    rng: random.Random,
) -> tuple[np.ndarray, dict[str, object]]:
    """The frame cut through the middle of a printed string on the page's left or top side
    (where every document prints: labels, the title), as a shot taken too close: the print
    runs on past the border. A string within 5-45% of the page from that side is chosen;
    without one, 15-28% of the page is cut off."""
    ys, xs = np.nonzero(alpha > 128)
    if len(xs) == 0:
        return out, {}
    page_side = rng.choice(("left", "top"))
    side = _TURNED_SIDE[rotation % 360][page_side]
    w, h = doc.image.size
    runs = []
    for run in doc.texts:
        box = run.box(run.text) if len(run.text) >= 2 else None
        if box is None:
            continue
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        if 0.05 <= (cx / w if page_side == "left" else cy / h) <= 0.45:
            runs.append((cx, cy, run.text))
    x0, x1, y0, y1 = int(xs.min()), int(xs.max()), int(ys.min()), int(ys.max())
    if runs:
        cx, cy, text = rng.choice(runs)
        fx, fy = _frame_point(doc, cx, cy, rotation, scale, m)
        at = round(fx) if side in ("left", "right") else round(fy)
    else:
        text, share = "", rng.uniform(*FAULT_CUT)
        at = {
            "left": x0 + round(share * (x1 - x0)),
            "right": x1 - round(share * (x1 - x0)),
            "top": y0 + round(share * (y1 - y0)),
            "bottom": y1 - round(share * (y1 - y0)),
        }[side]
    cut = {"left": out[:, at:], "right": out[:, :at], "top": out[at:], "bottom": out[:at]}[side]
    return np.ascontiguousarray(cut), {"side": side, "page_side": page_side, "through": text}


def add_shadow(out: np.ndarray, rng: random.Random) -> dict[str, object]:
    """A soft shadow over part of the page: the phone's or a hand's silhouette coming in from
    an edge, or a dark gradient across the page; it darkens by 30-55% at most, so dark text
    stays readable in it."""
    fh, fw = out.shape[:2]
    qw, qh = max(8, fw // 4), max(8, fh // 4)
    mask = np.zeros((qh, qw), np.float32)
    kind = rng.choice(("hand", "phone", "gradient"))
    if kind == "gradient":
        y, x = np.mgrid[0:qh, 0:qw].astype(np.float32)
        ang = rng.uniform(0, 2 * math.pi)
        t = ((x / qw - 0.5) * math.cos(ang) + (y / qh - 0.5) * math.sin(ang)) * 2
        mask = np.clip(t + rng.uniform(-0.2, 0.4), 0, 1).astype(np.float32)
    else:
        edge = rng.choice(("top", "bottom", "left", "right"))
        along, depth = (qw, qh) if edge in ("top", "bottom") else (qh, qw)
        width = along * (rng.uniform(0.2, 0.35) if kind == "hand" else rng.uniform(0.3, 0.5))
        reach = depth * (rng.uniform(0.3, 0.55) if kind == "hand" else rng.uniform(0.35, 0.6))
        c = along * rng.uniform(0.2, 0.8)
        shape = np.zeros((depth, along), np.uint8)
        a0, a1 = int(c - width / 2), int(c + width / 2)
        if kind == "phone":
            cv2.rectangle(shape, (a0, -10), (a1, int(reach)), 255, -1)
        else:  # a forearm from the edge and a rounded hand at its end
            arm = int(width * 0.55)
            cv2.rectangle(shape, (int(c - arm / 2), -10), (int(c + arm / 2), int(reach)), 255, -1)
            cv2.ellipse(
                shape,
                (int(c), int(reach)),
                (int(width / 2), int(width * 0.45)),
                rng.uniform(-30, 30),
                0,
                360,
                255,
                -1,
            )
        if edge == "bottom":
            shape = shape[::-1]
        elif edge == "left":
            shape = shape.T
        elif edge == "right":
            shape = shape.T[:, ::-1]
        mask = np.ascontiguousarray(shape).astype(np.float32) / 255.0
        mask = cv2.GaussianBlur(mask, (0, 0), max(2.0, min(qw, qh) * rng.uniform(0.03, 0.07)))
    strength = rng.uniform(0.3, 0.55)
    factor = 1.0 - strength * cv2.resize(mask, (fw, fh), interpolation=cv2.INTER_LINEAR)
    tint = np.array([1.0, 1.0, rng.uniform(1.0, 1.06)], np.float32)  # shadows go a little blue
    f = out.astype(np.float32) * factor[..., None] * tint
    out[...] = np.clip(f, 0, 255).astype(np.uint8)
    return {"kind": kind, "strength": round(strength, 2)}


# --------------------------------------------------------------------------------------------
# The capture itself


def capture(
    doc: Rendered,
    rng: random.Random,
    nrng: np.random.Generator,
    *,
    fmt: str = "jpeg",
    exif_turn: bool = False,
    camera: tuple[str, str, str] | None = None,
    oversize: bool = False,
    rotation: int | None = None,
    framing: str | None = None,
    hard: Sequence[str] = (),
    hrng: random.Random | None = None,
    fault: str | None = None,
    frng: random.Random | None = None,
) -> Shot:
    """Photograph or scan a rendered page.

    `fmt` png means a scanner (no desk, no noise, palette PNG). `exif_turn` stores the pixels
    turned and writes an EXIF Orientation tag that turns them back for the viewer; `camera`
    adds phone EXIF (make, model, time). `oversize` makes a >200 KB JPEG for the file fault.
    `framing` "photo": the rendered image already is the whole photo (a person holding a
    card), so it fills the frame: no desk, no scanner bed.
    `hard` names hard conditions (`HARD_CONDITIONS`; "stamp" is the renderer's) whose draws
    come from `hrng` only; `rng` makes the same draws as without them. `fault` names a
    capture fault (`QUALITY_FAULTS`) whose draws come from `frng` only; its parameters go to
    `Shot.hard["fault"]`.
    """
    hard = tuple(c for c in hard if c != "stamp")
    hr = hrng or random.Random(0)
    info: dict[str, object] = {}
    rot = pick_rotation(rng) if rotation is None else rotation
    if "turn_skew" in hard:
        rot = hr.choice((90, 180, 180, 270))
    img = turn(doc.image, rot)
    w, h = img.size
    on_desk = fmt == "jpeg" and rng.random() < 0.7 and framing != "photo"
    if "lowres" in hard and framing != "photo":
        on_desk = True  # a phone held far off: the desk shows round the page
    scan = fmt == "png" or (not on_desk and rng.random() < 0.5 and framing != "photo")
    skew = rng.uniform(-2.5, 2.5) if scan else rng.uniform(-5, 5)
    if "turn_skew" in hard:
        skew = hr.choice((-1, 1)) * hr.uniform(*HARD_SKEW)
        info["turn_skew"] = {"rotation": rot, "skew": round(skew, 2)}
    s_min = MIN_GLYPH_PX / max(doc.min_glyph, 1)
    fw, fh, s = plan_frame(w, h, s_min, skew, on_desk, rng)
    if "lowres" in hard:
        glyph = hr.uniform(*LOWRES_GLYPH_PX)
        fw, fh, s = lowres_frame(w, h, glyph, doc.min_glyph, skew, hr)
        s_min = s
        info["lowres"] = {"glyph_px": round(glyph, 1)}
    fr = frng or random.Random(0)
    if fault == "small":
        glyph = fr.uniform(*FAULT_GLYPH_PX)
        fw, fh, s = lowres_frame(w, h, glyph, doc.min_glyph, skew, fr)
        s_min = s
        info["fault"] = {"kind": fault, "glyph_px": round(glyph, 1)}
    if on_desk:
        bg_kind = rng.choice(("wood", "wood", "fabric", "grey", "desk"))
    else:
        bg_kind = "scanner" if scan else "cropped"

    size = (max(1, round(w * s)), max(1, round(h * s)))
    page = cv2.resize(np.asarray(img), size, interpolation=cv2.INTER_AREA)
    if doc.mask is not None:
        pmask = cv2.resize(np.asarray(turn(doc.mask, rot)), size, interpolation=cv2.INTER_AREA)
    else:
        pmask = np.full(page.shape[:2], 255, np.uint8)
    persp = rng.uniform(0.0, 0.03) if on_desk else rng.uniform(0.0, 0.006)
    to_frame: list[np.ndarray] = []
    warped = place(np.dstack([page, pmask]), fw, fh, skew, persp, rng, to_frame)
    alpha = np.ascontiguousarray(warped[..., 3])
    # Background, shadow, light and colour cast are smooth: build them at quarter size.
    qw, qh = max(8, fw // 4), max(8, fh // 4)
    bg = background(bg_kind, qw, qh, rng, nrng)
    if on_desk:
        small_alpha = cv2.resize(alpha, (qw, qh), interpolation=cv2.INTER_AREA)
        shadow = cv2.GaussianBlur(small_alpha, (0, 0), rng.uniform(1.5, 3.5))
        shadow = np.roll(shadow, (rng.randint(1, 4), rng.randint(-3, 3)), axis=(0, 1))
        bg *= (1 - 0.35 * shadow.astype(np.float32) / 255.0)[..., None]
    bg_full = cv2.resize(
        np.clip(bg, 0, 255).astype(np.uint8), (fw, fh), interpolation=cv2.INTER_LINEAR
    )
    a = alpha.astype(np.float32) * (1 / 255.0)
    out = cv2.blendLinear(np.ascontiguousarray(warped[..., :3]), bg_full, a, 1.0 - a)
    strength = rng.uniform(0.15, 0.45) if on_desk else 0.0 if scan else rng.uniform(0.05, 0.2)
    if strength:
        light = lighting(qw, qh, strength, rng)[..., None]
        cast = (
            np.array([rng.uniform(0.96, 1.04), 1.0, rng.uniform(0.94, 1.04)], np.float32)
            if on_desk
            else np.ones(3, np.float32)
        )
        factor = np.clip(light * cast * 200.0, 0, 255).astype(np.uint8)
        factor = cv2.resize(factor, (fw, fh), interpolation=cv2.INTER_LINEAR)
        out = cv2.multiply(out, factor, scale=1 / 200.0)
    if "shadow" in hard:
        info["shadow"] = add_shadow(out, hr)
    if "glare" in hard:
        info["glare"] = add_glare(out, alpha, hr)
    if fault == "glare":
        # a lamp's reflection saturates the sensor: exposure is set for it, the paper darker
        out = cv2.convertScaleAbs(out, alpha=fr.uniform(0.8, 0.9))
        at = _print_point(doc, rot, s, to_frame[0], fr)
        info["fault"] = {"kind": fault, **add_glare(out, alpha, fr, washed=True, at=at)}
    if rng.random() < 0.35:
        out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.4, 1.2))
    if fault == "blur":
        k = fr.uniform(*FAULT_BLUR)
        sigma = k * s * doc.min_glyph
        out = cv2.GaussianBlur(out, (0, 0), sigma)
        info["fault"] = {"kind": fault, "sigma_glyph": round(k, 3), "sigma_px": round(sigma, 2)}
    if fault == "cut":
        out, cut = cut_frame(out, alpha, doc, rot, s, to_frame[0], fr)
        fh, fw = out.shape[:2]
        info["fault"] = {"kind": fault, **cut}
    if fmt == "jpeg":
        # Sensor grain, drawn at half size: phone noise is not pixel-independent anyway.
        sigma = rng.uniform(0.6, 1.6) if on_desk else rng.uniform(0.3, 1.0)
        half = nrng.standard_normal(((fh + 1) // 2, (fw + 1) // 2), dtype=np.float32)
        grain = cv2.resize(half * sigma * 1.6, (fw, fh), interpolation=cv2.INTER_LINEAR)
        out16 = out.astype(np.int16)
        out16 += np.rint(grain).astype(np.int16)[..., None]
        out = np.clip(out16, 0, 255).astype(np.uint8)
    shown = Image.fromarray(out)

    orientation = 1
    if fmt == "png":
        data, shown, s = fit_png(shown, s, s_min)
        stored = shown
    else:
        if exif_turn:
            orientation = rng.choice((6, 3, 8))
        exif = exif_bytes(orientation, camera) if (camera or exif_turn) else None
        # The stored pixels are the shown image turned back by the tag's turn.
        stored = turn(shown, (360 - ORIENTATION_TURN.get(orientation, 0)) % 360)
        if oversize:
            data, stored = oversize_jpeg(stored, rng, exif)
        else:
            quality = 60 + round(30 * rng.random() ** 3)  # most phone shares are ~60-75
            subsampling = None
            if "jpeg_heavy" in hard:  # re-shared through a chat app or two: 4:2:0, low quality
                quality, subsampling = hr.randint(*HEAVY_JPEG_QUALITY), 2
                info["jpeg_heavy"] = {"quality": quality}
            data, stored, s = fit_jpeg(stored, quality, exif, s, s_min, subsampling=subsampling)
        shown = turn(stored, ORIENTATION_TURN.get(orientation, 0))
    return Shot(
        data,
        fmt,
        rot,
        round(skew, 2),
        orientation,
        stored.width,
        stored.height,
        bg_kind,
        s,
        shown,
        info,
    )


def encode_photo(
    img: Image.Image, rng: random.Random, nrng: np.random.Generator, mode: str = "ok"
) -> tuple[bytes, str]:
    """The registration photo as the photo tool writes it: a JPEG under 40 KB.

    `mode` "large" makes 45-90 KB (fine grain at high quality), "png" a PNG upload.
    """
    if mode == "png":
        buf = io.BytesIO()
        img.save(buf, "PNG", compress_level=9)
        return buf.getvalue(), "png"
    if mode == "large":
        arr = np.asarray(img, np.float32)
        for sigma in (2.0, 3.0, 4.5, 6.0, 8.0, 11.0):
            grain = nrng.standard_normal(arr.shape[:2], dtype=np.float32)[..., None] * sigma
            noisy = Image.fromarray(np.clip(arr + grain, 0, 255).astype(np.uint8))
            for q in (98, 96, 93, 90):
                data = jpeg(noisy, q, subsampling=0)
                if 47_000 <= len(data) <= 90_000:
                    return data, "jpeg"
        raise RuntimeError("could not make an oversize photo")
    q = rng.randint(82, 92)
    while True:
        data = jpeg(img, q)
        if len(data) <= PHOTO_MAX_BYTES or q <= 30:
            return data, "jpeg"
        q -= 6
