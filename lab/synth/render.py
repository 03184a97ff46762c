"""Drawing the documents upright, at a good resolution, before any capture effects.

Each renderer takes a `Doc` (what to print, dates in ISO form) and a `random.Random` (layout
jitter, font and style choices) and returns a `Rendered` image plus the smallest body-text glyph
height it drew, so the capture step can keep text legible when it shrinks the page.
Layouts follow the real documents closely enough for a label-based reader: every label is
printed with its value on the same line.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from lab.synth.people import Look

FONT_DIR = "/usr/share/fonts/opentype/noto/"
FONTS = {
    "sans": ("NotoSansCJK-Regular.ttc", 2),
    "sans_bold": ("NotoSansCJK-Bold.ttc", 2),
    "serif": ("NotoSerifCJK-Regular.ttc", 2),
    "serif_bold": ("NotoSerifCJK-Bold.ttc", 2),
    "mono": ("NotoSansCJK-Regular.ttc", 7),
    # other issuers' typefaces (layout families): Kai, Ming, Hei (Debian fonts-arphic-*,
    # fonts-wqy-zenhei)
    "kai": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    "ming": ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    "hei": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
}


@lru_cache(maxsize=16)
def font_file(kind: str) -> Any:
    """The typeface `kind` as fontTools reads it (lazily)."""
    from fontTools.ttLib import TTFont

    name, index = FONTS[kind]
    path = name if name.startswith("/") else FONT_DIR + name
    return TTFont(path, fontNumber=index, lazy=True)


@lru_cache(maxsize=8192)
def drawn(kind: str, char: str) -> bool:
    """`kind` draws `char`: it maps the character to a glyph with an outline (AR PL UKai maps
    䶮 to an empty glyph, so a name printed in it lost that character)."""
    from fontTools.pens.boundsPen import BoundsPen

    typeface = font_file(kind)
    glyph = typeface.getBestCmap().get(ord(char))
    if glyph is None:
        return False
    glyphs = typeface.getGlyphSet()
    pen = BoundsPen(glyphs)
    glyphs[glyph].draw(pen)
    return pen.bounds is not None


INK = (18, 18, 20)
RED = (200, 28, 32)

DOC_TYPES = (
    "id_front",
    "id_back",
    "diploma",
    "licence",
    "probation_cert",
    "photo",
    "id_handheld",
    "degree",
    "diploma_record",
    "assistant_qualification",
    "assistant_practice",
    "practice_period_cert",
    "mentorship_cert",
    "pledge",
    "social_insurance",
)


@lru_cache(maxsize=128)
def font(kind: str, size: int) -> ImageFont.FreeTypeFont:
    name, index = FONTS[kind]
    path = name if name.startswith("/") else FONT_DIR + name
    return ImageFont.truetype(path, size, index=index)


@lru_cache(maxsize=128)
def glyph_height(kind: str, size: int) -> int:
    """Ink height of a full CJK glyph: what "glyph height" means for legibility rules."""
    box = font(kind, size).getbbox("国")
    return int(box[3] - box[1])


@dataclass(slots=True)
class Doc:
    """What a document prints. `fields` hold ISO dates; the renderer formats them its own way."""

    doc_type: str
    fields: dict[str, str]
    look: Look | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TextRun:
    """One string as a renderer drew it (baseline-left anchored)."""

    text: str
    x: float
    y: float  # baseline
    kind: str
    size: int
    spacing: float = 0.0

    def box(self, part: str) -> tuple[float, float, float, float] | None:
        """The ink box (x0, y0, x1, y1) of the first `part` within the run, or None."""
        i = self.text.find(part)
        if i < 0 or not part:
            return None
        f = font(self.kind, self.size)
        x0 = self.x + f.getlength(self.text[:i]) + self.spacing * i
        x1 = x0 + f.getlength(part) + self.spacing * (len(part) - 1)
        return (x0, self.y - glyph_height(self.kind, self.size), x1, self.y)


#: The text runs of the page being rendered (set by `render`; None: not recording).
_RUNS: list[TextRun] | None = None


@dataclass(slots=True)
class Rendered:
    image: Image.Image  # RGB, upright
    mask: Image.Image | None  # L, 255 where the document is (rounded card corners)
    min_glyph: int  # smallest body-text glyph height in pixels
    doc_type: str
    card_glyph: int = 0  # id_handheld: the held card's number glyph height in pixels
    texts: list[TextRun] = field(default_factory=list)  # what was printed where

    def box_of(self, value: str) -> tuple[float, float, float, float] | None:
        """Where `value` is printed (the first run holding it), or None."""
        for run in self.texts:
            b = run.box(value)
            if b is not None:
                return b
        return None


class Canvas:
    """An image plus the smallest text glyph drawn on it."""

    def __init__(self, img: Image.Image) -> None:
        self.img = img
        self.draw = ImageDraw.Draw(img)
        self.min_glyph = 10_000

    def text(
        self,
        xy: tuple[float, float],
        s: str,
        kind: str,
        size: int,
        fill: tuple[int, int, int] = INK,
        *,
        anchor: str = "ls",
        body: bool = True,
        spacing: float = 0.0,
    ) -> float:
        """Draw `s` (baseline-anchored by default); return the x where it ends."""
        f = font(kind, size)
        if body:
            self.min_glyph = min(self.min_glyph, glyph_height(kind, size))
        if _RUNS is not None and anchor == "ls":
            _RUNS.append(TextRun(s, xy[0], xy[1], kind, size, spacing))
        if not spacing:
            self.draw.text(xy, s, font=f, fill=fill, anchor=anchor)
            return xy[0] + f.getlength(s)
        x, y = xy
        for ch in s:
            self.draw.text((x, y), ch, font=f, fill=fill, anchor=anchor)
            x += f.getlength(ch) + spacing
        return x - spacing

    def centered(
        self,
        cx: float,
        y: float,
        s: str,
        kind: str,
        size: int,
        fill=INK,
        spacing: float = 0.0,
        body: bool = True,
    ) -> None:
        f = font(kind, size)
        width = f.getlength(s) + spacing * (len(s) - 1)
        self.text((cx - width / 2, y), s, kind, size, fill, spacing=spacing, body=body)


# --------------------------------------------------------------------------------------------
# Text helpers


def tokens(s: str, keep: tuple[str, ...] = ()) -> list[str]:
    """Split for wrapping: digit/Latin runs and the strings in `keep` stay whole."""
    out: list[str] = []
    i = 0
    while i < len(s):
        for k in keep:
            if k and s.startswith(k, i):
                out.append(k)
                i += len(k)
                break
        else:
            if s[i].isascii() and s[i].isalnum():
                j = i
                while j < len(s) and s[j].isascii() and (s[j].isalnum() or s[j] in ".-"):
                    j += 1
                out.append(s[i:j])
                i = j
            else:
                out.append(s[i])
                i += 1
    return out


def wrap(s: str, kind: str, size: int, width: float, keep: tuple[str, ...] = ()) -> list[str]:
    """Greedy wrap that never splits a number or a kept word, and keeps punctuation off
    the start of a line (as Chinese typesetting does)."""
    f = font(kind, size)
    lines: list[str] = []
    cur = ""
    for tok in tokens(s, keep):
        if cur and f.getlength(cur + tok) > width and tok not in "，。；：、）":
            lines.append(cur)
            cur = tok
        else:
            cur += tok
    if cur:
        lines.append(cur)
    return lines


CN_DIGITS = "〇一二三四五六七八九"


def cn_number(n: int) -> str:
    if n <= 10:
        return "十" if n == 10 else CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def cn_date(d: date) -> str:
    """二〇二〇年六月三十日"""
    year = "".join(CN_DIGITS[int(c)] for c in str(d.year))
    return f"{year}年{cn_number(d.month)}月{cn_number(d.day)}日"


def iso(s: str) -> date:
    return date.fromisoformat(s)


# --------------------------------------------------------------------------------------------
# Backgrounds, portraits, stamps


def guilloche(
    w: int,
    h: int,
    base: tuple[int, int, int],
    tint: tuple[int, int, int],
    rng: random.Random,
    strength: float = 1.0,
) -> Image.Image:
    """A security-print pattern (interfering sine waves); one of a few cached variants,
    cropped at a random offset, so each card differs without recomputing the waves."""
    pattern = _guilloche(w, h, base, tint, strength, rng.randrange(3))
    dx, dy = rng.randrange(0, w // 8), rng.randrange(0, h // 8)
    return Image.fromarray(np.ascontiguousarray(pattern[dy : dy + h, dx : dx + w]))


@lru_cache(maxsize=16)
def _guilloche(
    w: int,
    h: int,
    base: tuple[int, int, int],
    tint: tuple[int, int, int],
    strength: float,
    variant: int,
) -> np.ndarray:
    r = random.Random(variant)
    W, H = w + w // 8, h + h // 8  # noqa: N806 - the padded size
    hw, hh = W // 2, H // 2
    y, x = np.mgrid[0:hh, 0:hw].astype(np.float32)
    a, b, c = r.uniform(9, 14), r.uniform(40, 70), r.uniform(0, 6.28)
    v = np.sin(x / a + 2.5 * np.sin(y / b + c)) + np.sin((x + y) / (a * 1.7) + np.sin(x / 53))
    v += 0.6 * np.sin(np.hypot(x - hw * 0.7, y - hh * 0.45) / 6.0)
    v = (v - v.min()) / (v.max() - v.min())
    v = np.clip(v * 2.2 - 1.4, 0, 1) * 0.35 * strength
    base_a = np.array(base, np.float32)
    tint_a = np.array(tint, np.float32)
    rgb = (base_a * (1 - v[..., None]) + tint_a * v[..., None]).astype(np.uint8)
    out = cv2.resize(rgb, (W, H), interpolation=cv2.INTER_LINEAR)
    out.setflags(write=False)
    return out


def draw_portrait(
    img: Image.Image, box: tuple[int, int, int, int], look: Look, bg: tuple[int, int, int] | None
) -> None:
    """Head and shoulders in flat shapes: a stand-in for a face photo (no real face).

    Face shape and size, hairstyle, clothes and collar, glasses, shoulders and head position
    all come from `look`, so different people give clearly different pictures."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    layer = Image.new("RGB", (w, h), bg or (255, 255, 255))
    if bg is None:
        layer = img.crop(box).convert("RGB")
    d = ImageDraw.Draw(layer)
    k = look.head
    cx = w / 2 + look.head_dx * w
    dy = look.head_dy * h
    fw = 0.19 * w * look.face_w * k
    top, chin = 0.18 * h + dy, 0.18 * h + dy + 0.40 * h * look.face_h * k
    mid = (top + chin) / 2
    hair = look.hair

    def yy(f: float) -> float:  # a height on the face, 0 = top, 1 = chin
        return top + f * (chin - top)

    style = look.hair_style
    if style in ("long", "bob"):
        low = 0.80 * h if style == "long" else yy(1.02)
        d.rounded_rectangle((cx - fw * 1.38, yy(-0.1), cx + fw * 1.38, low), fw * 0.7, fill=hair)
    sw = 0.62 * w * look.shoulder
    body_top = min(yy(1.25), 0.86 * h)
    d.ellipse(
        (cx - sw, body_top, cx + sw, body_top + 1.6 * (h - body_top) + 0.3 * h), fill=look.clothes
    )
    cs = look.collar_style
    if cs in ("v", "shirt", "tie"):
        d.polygon(
            [
                (cx - 0.17 * w, body_top + 0.02 * h),
                (cx + 0.17 * w, body_top + 0.02 * h),
                (cx, body_top + 0.22 * h),
            ],
            fill=look.shirt,
        )
    if cs == "tie":
        tie = (look.clothes[2], look.clothes[0], 60)
        d.polygon(
            [
                (cx - 0.025 * w, body_top + 0.04 * h),
                (cx + 0.025 * w, body_top + 0.04 * h),
                (cx + 0.04 * w, h),
                (cx - 0.04 * w, h),
            ],
            fill=tie,
        )
    if cs == "shirt":
        for sx in (-1, 1):
            d.polygon(
                [
                    (cx, body_top + 0.03 * h),
                    (cx + sx * 0.2 * w, body_top + 0.0 * h),
                    (cx + sx * 0.14 * w, body_top + 0.12 * h),
                ],
                fill=(250, 250, 250),
            )
    nw = 0.1 * w * look.face_w * k
    d.rectangle((cx - nw, mid, cx + nw, body_top + 0.03 * h), fill=look.skin)
    if cs == "round":
        d.chord(
            (cx - nw * 1.6, body_top - 0.04 * h, cx + nw * 1.6, body_top + 0.06 * h),
            0,
            180,
            fill=look.shirt,
        )
    elif cs == "none":
        d.polygon(
            [(cx - nw, body_top), (cx + nw, body_top), (cx, body_top + 0.1 * h)], fill=look.skin
        )
    # Head: hair mass, ears, face, fringe.
    if style == "bun":
        d.ellipse((cx - fw * 0.5, yy(-0.35), cx + fw * 0.5, yy(0.05)), fill=hair)
    bulk = {"crop": 1.06, "short": 1.16, "side": 1.2, "curly": 1.35}.get(style, 1.2)
    d.ellipse((cx - fw * bulk, yy(-0.12), cx + fw * bulk, yy(0.62)), fill=hair)
    for sx in (-1, 1):
        ex = cx + sx * fw * 0.97
        d.ellipse((ex - fw * 0.15, yy(0.42), ex + fw * 0.15, yy(0.62)), fill=look.skin)
    d.ellipse((cx - fw, top, cx + fw, chin), fill=look.skin)
    if style == "side":
        d.polygon(
            [
                (cx - fw * 1.05, yy(0.3)),
                (cx - fw * 0.9, yy(-0.05)),
                (cx + fw * 1.1, yy(0.02)),
                (cx + fw * 1.0, yy(0.22)),
            ],
            fill=hair,
        )
    elif style == "crop":
        d.chord((cx - fw * 1.0, yy(-0.08), cx + fw * 1.0, yy(0.3)), 180, 360, fill=hair)
    elif style == "curly":
        for i in range(7):
            px = cx - fw + i * fw / 3
            d.ellipse((px - fw * 0.22, yy(-0.12), px + fw * 0.22, yy(0.2)), fill=hair)
    else:
        d.chord(
            (cx - fw * 1.08, yy(-0.1), cx + fw * 1.08, yy(0.55 if style == "bob" else 0.45)),
            180,
            360,
            fill=hair,
        )
    shade = tuple(max(0, c - 60) for c in look.skin)
    eye_y = yy(0.5)
    for sx in (-1, 1):
        ex = cx + sx * fw * look.eye_gap
        d.ellipse(
            (ex - fw * 0.12, eye_y - fw * 0.06, ex + fw * 0.12, eye_y + fw * 0.06),
            fill=(45, 35, 30),
        )
        if look.brow:
            d.line(
                (ex - fw * 0.16, eye_y - fw * 0.2, ex + fw * 0.16, eye_y - fw * 0.22),
                fill=hair,
                width=max(2, int(w * 0.012 * look.brow)),
            )
        if look.glasses == "round":
            d.ellipse(
                (ex - fw * 0.27, eye_y - fw * 0.22, ex + fw * 0.27, eye_y + fw * 0.22),
                outline=look.frame_color,
                width=max(2, w // 110),
            )
        elif look.glasses == "rect":
            d.rectangle(
                (ex - fw * 0.3, eye_y - fw * 0.17, ex + fw * 0.3, eye_y + fw * 0.17),
                outline=look.frame_color,
                width=max(2, w // 110),
            )
    if look.glasses:
        d.line(
            (cx - fw * (look.eye_gap - 0.27), eye_y, cx + fw * (look.eye_gap - 0.27), eye_y),
            fill=look.frame_color,
            width=max(2, w // 130),
        )
    d.line((cx - fw * 0.05, yy(0.62), cx, yy(0.72)), fill=shade, width=max(1, w // 150))
    mw = fw * (0.22 + 0.1 * look.face_w)
    d.line((cx - mw, yy(0.83), cx + mw, yy(0.83)), fill=shade, width=max(2, w // 90))
    layer = layer.filter(ImageFilter.GaussianBlur(max(0.6, w / 400)))
    img.paste(layer, (x0, y0))


def draw_stamp(
    img: Image.Image,
    center: tuple[float, float],
    radius: float,
    ring_text: str,
    rng: random.Random,
    bottom_text: str = "",
) -> None:
    """A red round seal (ring, star, curved unit name) blended like ink: multiply, uneven."""
    size = int(radius * 2 + 8)
    layer = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(layer)
    c = size / 2
    ring = max(4, int(radius * 0.06))
    d.ellipse((c - radius, c - radius, c + radius, c + radius), outline=255, width=ring)
    star_r = radius * 0.30
    pts = []
    for k in range(10):
        r = star_r if k % 2 == 0 else star_r * 0.4
        ang = -math.pi / 2 + k * math.pi / 5
        pts.append((c + r * math.cos(ang), c + r * math.sin(ang)))
    d.polygon(pts, fill=255)
    n = len(ring_text)
    fs = max(12, int(radius * 0.26))
    f = font("sans_bold", fs)
    span = min(250.0, 22.0 * n)
    tr = radius - ring - fs * 0.75
    for i, ch in enumerate(ring_text):
        theta = math.radians(90 + span / 2 - (span * (i + 0.5) / n))
        px, py = c + tr * math.cos(theta), c - tr * math.sin(theta)
        g = Image.new("L", (fs * 2, fs * 2), 0)
        ImageDraw.Draw(g).text((fs, fs), ch, font=f, fill=255, anchor="mm")
        g = g.rotate(math.degrees(theta) - 90, resample=Image.Resampling.BILINEAR)
        layer.paste(255, (int(px - fs), int(py - fs)), g)
    if bottom_text:
        bf = font("sans_bold", max(10, int(fs * 0.75)))
        d.text((c, c + radius * 0.55), bottom_text, font=bf, fill=255, anchor="mm")
    layer = layer.rotate(rng.uniform(-25, 25), resample=Image.Resampling.BILINEAR)
    layer = layer.filter(ImageFilter.GaussianBlur(1.0))
    alpha = np.asarray(layer, np.float32) / 255.0
    # Uneven ink: a smooth random field, so some parts of the seal print lighter.
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    ph = rng.uniform(0, 6.28)
    ink = 0.62 + 0.25 * np.sin(xx / (size / 2.3) + ph) * np.cos(yy / (size / 3.1) - ph)
    alpha *= ink
    x0, y0 = int(center[0] - size / 2), int(center[1] - size / 2)
    region = (max(0, x0), max(0, y0), min(img.width, x0 + size), min(img.height, y0 + size))
    crop = np.asarray(img.crop(region), np.float32)
    a = alpha[region[1] - y0 : region[3] - y0, region[0] - x0 : region[2] - x0, None]
    color = np.array(RED, np.float32) / 255.0
    out = crop * (1 - a) + crop * color * a
    img.paste(Image.fromarray(out.astype(np.uint8)), region[:2])


def emblem(img: Image.Image, box: tuple[int, int, int, int]) -> None:
    """A stylised national emblem (red disc, gold stars, gate and wheat ring)."""
    x0, y0, x1, y1 = box
    d = ImageDraw.Draw(img)
    cx, cy, r = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2
    gold, red = (222, 170, 40), (205, 32, 36)
    for k in range(28):
        ang = math.pi * 0.15 + k * (math.pi * 1.7 / 27)
        px, py = cx + r * 0.9 * math.cos(ang), cy + r * 0.9 * math.sin(ang)
        d.ellipse((px - r * 0.11, py - r * 0.07, px + r * 0.11, py + r * 0.07), fill=gold)
    d.ellipse((cx - r * 0.75, cy - r * 0.75, cx + r * 0.75, cy + r * 0.75), fill=red)

    def star(sx: float, sy: float, sr: float) -> None:
        pts = []
        for k in range(10):
            rr = sr if k % 2 == 0 else sr * 0.4
            ang = -math.pi / 2 + k * math.pi / 5
            pts.append((sx + rr * math.cos(ang), sy + rr * math.sin(ang)))
        d.polygon(pts, fill=gold)

    star(cx - r * 0.3, cy - r * 0.35, r * 0.2)
    for k, (dx, dy) in enumerate(((0.0, -0.55), (0.15, -0.42), (0.18, -0.22), (0.05, -0.05))):
        star(cx + dx * r, cy + dy * r, r * 0.07 + 0 * k)
    d.rectangle((cx - r * 0.5, cy + r * 0.15, cx + r * 0.5, cy + r * 0.22), fill=gold)
    d.rectangle((cx - r * 0.4, cy + r * 0.22, cx + r * 0.4, cy + r * 0.45), fill=gold)
    for k in range(5):
        gx = cx - r * 0.32 + k * r * 0.16
        d.rectangle((gx - r * 0.04, cy + r * 0.30, gx + r * 0.04, cy + r * 0.45), fill=red)
    d.ellipse((cx - r * 0.18, cy + r * 0.62, cx + r * 0.18, cy + r * 0.98), fill=gold)


def rounded_mask(w: int, h: int, radius: int) -> Image.Image:
    m = Image.new("L", (w, h), 0)
    ImageDraw.Draw(m).rounded_rectangle((0, 0, w - 1, h - 1), radius, fill=255)
    return m


def paper(
    w: int, h: int, color: tuple[int, int, int], rng: random.Random, amount: float = 6.0
) -> Image.Image:
    """A page of paper with a faint, smooth unevenness (flat digital white looks fake)."""
    sw, sh = w // 8, h // 8
    yy, xx = np.mgrid[0:sh, 0:sw].astype(np.float32)
    f = np.sin(xx / rng.uniform(9, 20) + rng.uniform(0, 6)) * np.cos(yy / rng.uniform(9, 20))
    small = np.clip(np.array(color, np.float32) + (f * amount / 2)[..., None], 0, 255)
    return Image.fromarray(
        cv2.resize(small.astype(np.uint8), (w, h), interpolation=cv2.INTER_LINEAR)
    )


# --------------------------------------------------------------------------------------------
# Documents


def render_id_front(doc: Doc, rng: random.Random) -> Rendered:
    """身份证人像面: 85.6×54 mm at 20 px/mm."""
    w, h = 1712, 1080
    f = doc.fields
    img = guilloche(w, h, (232, 236, 240), (170, 195, 220), rng)
    cv = Canvas(img)
    lab = (38, 70, 120)
    lx, vx = 130 + rng.randint(-6, 6), 320 + rng.randint(-6, 6)
    ls, vs = 46, 60
    vk = rng.choice(("sans", "sans", "serif"))
    y = 210
    cv.text((lx, y), "姓名", "sans", ls, lab)
    cv.text((vx, y), f["name"], vk, vs)
    y += 130
    cv.text((lx, y), "性别", "sans", ls, lab)
    cv.text((vx, y), f["gender"], vk, vs)
    cv.text((vx + 260, y), "民族", "sans", ls, lab)
    cv.text((vx + 420, y), f["ethnicity"], vk, vs)
    y += 130
    b = iso(f["birth_date"])
    cv.text((lx, y), "出生", "sans", ls, lab)
    x = cv.text((vx, y), str(b.year), vk, vs)
    x = cv.text((x + 16, y), "年", "sans", ls, lab)
    x = cv.text((x + 16, y), str(b.month), vk, vs)
    x = cv.text((x + 16, y), "月", "sans", ls, lab)
    x = cv.text((x + 16, y), str(b.day), vk, vs)
    cv.text((x + 16, y), "日", "sans", ls, lab)
    y += 130
    cv.text((lx, y), "住址", "sans", ls, lab)
    # Up to the portrait: about 15 characters a line, so addresses take one or two lines.
    for line in wrap(f["address"], vk, vs - 8, 1125 - vx)[:3]:
        cv.text((vx, y), line, vk, vs - 8)
        y += 80
    draw_portrait(img, (1150, 150, 1600, 740), doc.look or _default_look(), None)
    cv.text((lx, 935), "公民身份号码", "sans", ls, lab)
    cv.text((lx + 390, 940), f["id_number"], "mono", 70, spacing=8)
    return Rendered(img, rounded_mask(w, h, 70), cv.min_glyph, "id_front")


def render_id_back(doc: Doc, rng: random.Random) -> Rendered:
    """身份证国徽面: emblem, the card title, 签发机关 and 有效期限."""
    w, h = 1712, 1080
    f = doc.fields
    img = guilloche(w, h, (236, 238, 236), (205, 190, 160), rng, strength=1.0)
    cv = Canvas(img)
    emblem(img, (120, 90, 420, 390))
    cv.text((540, 240), "中华人民共和国", "serif_bold", 96, spacing=18, body=False)
    cv.text((560, 450), "居民身份证", "serif_bold", 140, spacing=40, body=False)
    lab = (38, 60, 100)
    lx, vx = 300 + rng.randint(-8, 8), 580
    vk = rng.choice(("sans", "serif"))
    cv.text((lx, 790), "签发机关", "sans", 48, lab)
    cv.text((vx, 790), f["issuer"], vk, 56)
    start = iso(f["validity_start"]).strftime("%Y.%m.%d")
    end = f["validity_end"]
    end_s = end if end == "长期" else iso(end).strftime("%Y.%m.%d")
    cv.text((lx, 920), "有效期限", "sans", 48, lab)
    cv.text((vx, 920), f"{start}-{end_s}", vk, 56)
    return Rendered(img, rounded_mask(w, h, 70), cv.min_glyph, "id_back")


def render_diploma(doc: Doc, rng: random.Random) -> Rendered:
    """毕业证书, landscape on cream paper: title, photo box, paragraph, school, number, date."""
    w, h = 1754, 1240
    f = doc.fields
    tone = (250, 244, 226) if rng.random() < 0.7 else (248, 246, 238)
    img = paper(w, h, tone, rng)
    cv = Canvas(img)
    d = cv.draw
    frame = rng.choice(((150, 40, 36), (120, 80, 30), (40, 60, 110)))
    d.rectangle((36, 36, w - 37, h - 37), outline=frame, width=12)
    d.rectangle((62, 62, w - 63, h - 63), outline=frame, width=3)
    for cx, cy in ((62, 62), (w - 63, 62), (62, h - 63), (w - 63, h - 63)):
        d.rectangle((cx - 14, cy - 14, cx + 14, cy + 14), fill=frame)
    title_red = (150, 22, 24)
    heading = doc.extra.get("heading", "普通高等学校")
    cv.centered(w / 2, 200, heading, "serif_bold", 64, INK, spacing=10, body=False)
    cv.centered(w / 2, 345, "毕业证书", "serif_bold", 120, title_red, spacing=36, body=False)

    blue = (90, 140, 205) if rng.random() < 0.7 else (250, 250, 250)
    draw_portrait(img, (170, 440, 470, 840), doc.look or _default_look(), blue)
    d.rectangle((170, 440, 470, 840), outline=(90, 90, 90), width=2)
    # Steel seal on the photo corner: a light embossed ring.
    d.ellipse((360, 730, 520, 890), outline=(200, 200, 200), width=5)

    b = iso(f["birth_date"])
    e = iso(f["enrol"] + "-01")
    g = iso(f["graduation"] + "-01")
    level = f.get("education_level", "本科")
    years = f.get("years", "五")
    text = (
        f"学生 {f['name']}，性别 {f['gender']}，{b.year}年{b.month}月{b.day}日生，"
        f"于{e.year}年{e.month}月至{g.year}年{g.month}月在本校{f['major']}专业{years}年制"
        f"{level}学习，修完教学计划规定的全部课程，成绩合格，准予毕业。"
    )
    ps = 46
    x0, right = 570, 1620
    y = 500
    keep = (
        f"学生 {f['name']}",
        f["major"],
        f"{b.year}年{b.month}月{b.day}日",
        f"{e.year}年{e.month}月",
        f"{g.year}年{g.month}月",
    )
    lines = wrap(text, "serif", ps, right - x0, keep)
    for i, line in enumerate(lines):
        cv.text((x0 + (2 * ps if i == 0 else 0), y), line, "serif", ps)
        y += 84
    y = max(y + 60, 940)
    cv.text((1000, y), f["school"], "serif_bold", 58)
    cv.text((1000, y + 90), f"校（院）长：{f['principal']}", "serif", 44)
    issued = iso(f["issue_date"])
    date_s = (
        cn_date(issued)
        if doc.extra.get("date_style") == "cn"
        else (f"{issued.year}年{issued.month}月{issued.day}日")
    )
    cv.text((1000, y + 175), date_s, "serif", 44)
    cv.text((150, 1150), "证书编号：" + f["diploma_number"], "serif", 44)
    draw_stamp(img, (1000 + 330 + rng.uniform(-20, 40), y + 150), 112, f["school"], rng)
    return Rendered(img, None, cv.min_glyph, "diploma")


def render_licence(doc: Doc, rng: random.Random) -> Rendered:
    """医疗机构执业许可证（副本）, portrait on pale green; the seal sits over the lower fields
    only, never over 机构名称 or 有效期限."""
    w, h = 1240, 1754
    f = doc.fields
    img = guilloche(w, h, (226, 240, 226), (150, 195, 150), rng, strength=0.6)
    img.paste(paper(w - 160, h - 160, (249, 252, 246), rng, 4), (80, 80))
    cv = Canvas(img)
    d = cv.draw
    green = (40, 110, 60)
    d.rectangle((80, 80, w - 81, h - 81), outline=green, width=6)
    d.rectangle((96, 96, w - 97, h - 97), outline=green, width=2)
    cv.centered(w / 2, 250, "医疗机构执业许可证", "serif_bold", 84, INK, spacing=4, body=False)
    cv.centered(w / 2, 350, "（副本）", "serif_bold", 60, INK, body=False)
    lx, vx, right = 124, 370, 1125
    ls, vs = 44, 46
    vk = rng.choice(("serif", "sans"))
    y = 490
    step = 96

    def row(label: str, value: str, wrap_it: bool = False) -> None:
        nonlocal y
        cv.text((lx, y), label, "sans", ls)
        size = vs
        while not wrap_it and size > 38 and font(vk, size).getlength(value) > right - vx:
            size -= 1
        words = tuple(value.split("；"))  # never break a 诊疗科目 inside its name
        lines = wrap(value, vk, vs, right - vx, words) if wrap_it else [value]
        for line in lines:
            cv.text((vx, y), line, vk, size)
            y += 72
        y += step - 72

    row("机构名称", f["work_unit"])
    row("地址", f["address"], True)
    row("法定代表人", f["legal_rep"])
    row("主要负责人", f["head"])
    row("登记号", f["registration_number"])
    vf, vt = iso(f["valid_from"]), iso(f["valid_until"])
    row("有效期限", f"自{vf:%Y年%m月%d日}至{vt:%Y年%m月%d日}")
    row("诊疗科目", f["subjects"], True)
    stamp_y = y + 40
    row("发证机关", f["issuer"])
    row("发证日期", f"{iso(f['issue_date']):%Y年%m月%d日}")
    draw_stamp(
        img,
        (vx + 420 + rng.uniform(-40, 60), stamp_y + rng.uniform(-10, 30)),
        150,
        f["issuer"],
        rng,
    )
    return Rendered(img, None, cv.min_glyph, "licence")


def render_probation(doc: Doc, rng: random.Random) -> Rendered:
    """医师资格考试试用期考核证明: a ruled table, then the unit's seal and the date."""
    f = doc.fields
    start, end = iso(f["period_start"]), iso(f["period_end"])
    rows: list[list[str]] = [
        ["姓名", f["name"], "性别", f["gender"]],
        ["身份证号", f["id_number"]],
        ["试用机构", f["work_unit"]],
        ["试用时间", f"{start:%Y年%m月%d日}至{end:%Y年%m月%d日}"],
        ["试用科室", f["department"]],
        ["考核结果", f["result"]],
    ]
    return _assessment(
        doc,
        rng,
        "医师资格考试试用期考核证明",
        "兹证明下列人员在我单位试用期满，考核情况如下：",
        rows,
        "probation_cert",
    )


def render_practice_period(doc: Doc, rng: random.Random) -> Rendered:
    """执业助理医师报考执业医师执业期考核证明: the same ruled form as the probation proof."""
    f = doc.fields
    start, end = iso(f["period_start"]), iso(f["period_end"])
    rows: list[list[str]] = [
        ["姓名", f["name"], "性别", f["gender"]],
        ["身份证号", f["id_number"]],
        ["执业机构", f["work_unit"]],
        ["执业时间", f"{start:%Y年%m月%d日}至{end:%Y年%m月%d日}"],
        ["执业类别", f["practice_category"]],
        ["考核结果", f["result"]],
    ]
    return _assessment(
        doc,
        rng,
        "执业助理医师报考执业医师执业期考核证明",
        "兹证明下列执业助理医师在我单位执业，考核情况如下：",
        rows,
        "practice_period_cert",
        title_size=52,
    )


def _assessment(
    doc: Doc,
    rng: random.Random,
    title: str,
    intro: str,
    rows: list[list[str]],
    doc_type: str,
    title_size: int = 66,
) -> Rendered:
    """A unit's assessment proof: title, a ruled table, opinion, signature, seal and date."""
    w, h = 1240, 1754
    f = doc.fields
    img = paper(w, h, (252, 252, 250), rng, 3)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 230, title, "serif_bold", title_size, INK, body=False)
    cv.text((110, 360), intro, "sans", 44)
    x0, x1, top, rh = 110, 1130, 420, 124
    lk, vk = "sans", rng.choice(("serif", "sans"))
    ls, vs = 44, 46
    cols4 = (x0, x0 + 220, x0 + 680, x0 + 840, x1)
    for i, cells in enumerate(rows):
        ya, yb = top + i * rh, top + (i + 1) * rh
        base = (ya + yb) / 2 + 16
        d.line((x0, ya, x1, ya), fill=INK, width=3)
        if len(cells) == 4:
            for c in range(4):
                kind, size = (lk, ls) if c % 2 == 0 else (vk, vs)
                # Long minority names shrink to fit their cell rather than spill over.
                while size > 38 and font(kind, size).getlength(cells[c]) > (
                    cols4[c + 1] - cols4[c] - 34
                ):
                    size -= 1
                cv.text((cols4[c] + 24, base), cells[c], kind, size)
            for cx in cols4[1:4]:
                d.line((cx, ya, cx, yb), fill=INK, width=3)
        else:
            size = vs
            while size > 38 and font(vk, size).getlength(cells[1]) > x1 - x0 - 270:
                size -= 1
            cv.text((x0 + 24, base), cells[0], lk, ls)
            cv.text((x0 + 244, base), cells[1], vk, size)
            d.line((cols4[1], ya, cols4[1], yb), fill=INK, width=3)
    bottom = top + len(rows) * rh
    opinion = "考核合格，同意报考。" if f["result"] == "合格" else "考核未通过。"
    d.line((x0, bottom, x1, bottom), fill=INK, width=3)
    cv.text((x0 + 24, bottom + 80), "考核意见", lk, ls)
    cv.text((x0 + 244, bottom + 80), opinion, vk, vs)
    bottom += 200
    d.line((x0, bottom, x1, bottom), fill=INK, width=3)
    d.line((x0, top, x0, bottom), fill=INK, width=3)
    d.line((x1, top, x1, bottom), fill=INK, width=3)
    d.line((cols4[1], bottom - 200, cols4[1], bottom), fill=INK, width=3)

    y = bottom + 170
    cv.text((x0, y), "负责人签字：", "sans", 44)
    signature(cv.draw, x0 + 290, y - 10, rng)
    cv.text((700, y), "单位（公章）", "sans", 44)
    signed = iso(f["date"])
    cv.text((700, y + 100), f"{signed:%Y年%m月%d日}", "sans", 44)
    draw_stamp(
        img, (830 + rng.uniform(-30, 30), y + 10 + rng.uniform(-20, 20)), 140, f["work_unit"], rng
    )
    return Rendered(img, None, cv.min_glyph, doc_type)


def signature(d: ImageDraw.ImageDraw, x: float, y: float, rng: random.Random) -> None:
    """A handwritten scribble."""
    pts = [(x + k * 22, y + rng.uniform(-25, 15)) for k in range(10)]
    d.line(pts, fill=(30, 30, 60), width=4, joint="curve")


def _ymd(s: str) -> str:
    d = iso(s)
    return f"{d.year}年{d.month}月{d.day}日"


def _certificate(
    doc: Doc,
    rng: random.Random,
    title: str,
    rows: list[tuple[str, str]],
    *,
    sentence: str = "",
    seal: str,
    doc_type: str,
    tint: tuple[int, int, int] = (246, 244, 232),
    frame: tuple[int, int, int] = (150, 40, 36),
) -> Rendered:
    """A booklet certificate laid open: title, photo on the left, label/value rows on the
    right, the issuer's seal over the last rows (医师资格证书, 医师执业证书, 出师证书)."""
    w, h = 1754, 1240
    img = paper(w, h, tint, rng, 5)
    cv = Canvas(img)
    d = cv.draw
    d.rectangle((30, 30, w - 31, h - 31), outline=frame, width=8)
    d.rectangle((50, 50, w - 51, h - 51), outline=frame, width=2)
    size = 84 if len(title) <= 8 else 64
    cv.centered(w / 2, 190, title, "serif_bold", size, frame, spacing=12, body=False)
    if doc.look is not None:
        draw_portrait(img, (140, 330, 440, 730), doc.look, (240, 242, 246))
        d.rectangle((140, 330, 440, 730), outline=(90, 90, 90), width=2)
    y = 300
    if sentence:
        for line in wrap(sentence, "serif", 42, 1080):
            cv.text((540, y), line, "serif", 42)
            y += 70
        y += 20
    lk = rng.choice(("sans", "serif"))
    vk = rng.choice(("serif", "sans"))
    lx, vx, right = 540, 830, w - 100
    # Rows end high enough that the seal, below and right of the last (short) value, never
    # covers a number or a name.
    step = max(62, min(88, (960 - y) // max(1, len(rows))))
    for label, value in rows:
        y += step
        cv.text((lx, y), label, lk, 42)
        vs = 44
        while vs > 34 and font(vk, vs).getlength(value) > right - vx:
            vs -= 1
        cv.text((vx, y), value, vk, vs)
    seal_x = max(vx + 470, vx + font(vk, 44).getlength(rows[-1][1]) + 150)
    draw_stamp(img, (seal_x + rng.uniform(-20, 40), y + 95 + rng.uniform(-10, 15)), 130, seal, rng)
    return Rendered(img, None, cv.min_glyph, doc_type)


def render_assistant_qualification(doc: Doc, rng: random.Random) -> Rendered:
    """医师资格证书 (执业助理医师)."""
    f = doc.fields
    rows = [
        ("姓名", f["name"]),
        ("性别", f["gender"]),
        ("出生日期", _ymd(f["birth_date"])),
        ("身份证件号码", f["id_number"]),
        ("资格级别", f["qualification"]),
        ("资格类别", f["qual_category"]),
        ("资格证书编码", f["qualification_number"]),
        ("签发日期", _ymd(f["issue_date"])),
    ]
    return _certificate(
        doc,
        rng,
        "医师资格证书",
        rows,
        sentence=f"经国家医师资格考试，成绩合格，具有{f['qualification']}资格。",
        seal="中华人民共和国国家卫生健康委员会",
        doc_type="assistant_qualification",
        tint=(244, 247, 240),
        frame=(40, 90, 60),
    )


def render_assistant_practice(doc: Doc, rng: random.Random) -> Rendered:
    """医师执业证书."""
    f = doc.fields
    rows = [
        ("姓名", f["name"]),
        ("性别", f["gender"]),
        ("出生日期", _ymd(f["birth_date"])),
        ("身份证号", f["id_number"]),
        ("医师级别", f["practice_level"]),
        ("执业类别", f["practice_category"]),
        ("执业范围", f["scope"]),
        (doc.extra.get("unit_label", "执业地点"), f["work_unit"]),
        ("执业证书编码", f["practice_number"]),
        (doc.extra.get("date_label", "发证日期"), _ymd(f["registration_date"])),
    ]
    return _certificate(
        doc,
        rng,
        "医师执业证书",
        rows,
        seal=f["issuer"],
        doc_type="assistant_practice",
        tint=(240, 244, 250),
        frame=(40, 60, 120),
    )


def render_mentorship(doc: Doc, rng: random.Random) -> Rendered:
    """传统医学师承出师证书 / 传统医学医术确有专长证书."""
    f = doc.fields
    rows = [
        ("姓名", f["name"]),
        ("性别", f["gender"]),
        ("身份证号", f["id_number"]),
        ("专业", f["major"]),
        ("证书编号", f["cert_number"]),
        ("发证机关", f["issuer"]),
        ("发证日期", _ymd(f["issue_date"])),
    ]
    return _certificate(doc, rng, f["title"], rows, seal=f["issuer"], doc_type="mentorship_cert")


def render_degree(doc: Doc, rng: random.Random) -> Rendered:
    """学士/硕士/博士学位证书: title, photo, the 授予 paragraph, school, chair, number, date."""
    w, h = 1754, 1240
    f = doc.fields
    img = paper(w, h, (250, 246, 232) if rng.random() < 0.6 else (246, 246, 240), rng)
    cv = Canvas(img)
    d = cv.draw
    frame = rng.choice(((120, 30, 40), (30, 60, 120), (110, 80, 30)))
    d.rectangle((40, 40, w - 41, h - 41), outline=frame, width=10)
    d.rectangle((66, 66, w - 67, h - 67), outline=frame, width=3)
    level = f["degree_level"]
    cv.centered(w / 2, 250, f"{level}学位证书", "serif_bold", 104, frame, spacing=24, body=False)
    draw_portrait(
        img,
        (170, 400, 470, 800),
        doc.look or _default_look(),
        (200, 60, 60) if rng.random() < 0.3 else (90, 140, 205),
    )
    d.rectangle((170, 400, 470, 800), outline=(90, 90, 90), width=2)
    b = iso(f["birth_date"])
    study = "课程的学习" if level == "学士" else "研究生学业"
    text = (
        f"{f['name']}，{f['gender']}，{b.year}年{b.month}月{b.day}日生。"
        f"在{f['school']}{f['major']}专业完成了{level}学位{study}，"
        f"经审核符合《中华人民共和国学位条例》的规定，授予医学{level}学位。"
    )
    keep = (
        f["name"],
        f"{b.year}年{b.month}月{b.day}日",
        f["school"],
        f["major"],
        "《中华人民共和国学位条例》",
    )
    y = 470
    for i, line in enumerate(wrap(text, "serif", 46, 1620 - 570, keep)):
        cv.text((570 + (92 if i == 0 else 0), y), line, "serif", 46)
        y += 84
    y = max(y + 60, 930)
    cv.text((860, y), f["school"], "serif_bold", 52)
    chair_end = cv.text((860, y + 80), f"学位评定委员会主席 {f['chair']}", "serif", 42)
    cv.text((860, y + 160), _ymd(f["issue_date"]), "serif", 42)
    cv.text((150, 1150), "证书编号：" + f["degree_number"], "serif", 42)
    # The seal sits right of the chair's name, over the date line's empty end.
    draw_stamp(img, (chair_end + 130 + rng.uniform(0, 30), y + 150), 112, f["school"], rng)
    return Rendered(img, None, cv.min_glyph, "degree")


RECORD_TITLE = "教育部学历证书电子注册备案表"


def record_rows(f: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """The 备案表's two-column rows (label, value, label, value), as printed."""
    return [
        ("姓名", f["name"], "性别", f["gender"]),
        ("证件号码", f["id_number"], "出生日期", _ymd_pad(f["birth_date"])),
        ("入学日期", _ymd_pad(f["enrol_date"]), "毕(结)业日期", _ymd_pad(f["graduation_date"])),
        ("学校名称", f["school"], "专业", f["major"]),
        ("学制", f"{f['years']}年", "层次", f["record_level"]),
        ("学历类别", f["record_category"], "学习形式", "普通全日制"),
        ("毕(结)业", "毕业", "校(院)长姓名", f["principal"]),
        ("证书编号", group4(f["diploma_number"]), "", ""),
    ]


def group4(s: str) -> str:
    return " ".join(s[i : i + 4] for i in range(0, len(s), 4))


def _ymd_pad(s: str) -> str:
    return f"{iso(s):%Y年%m月%d日}"


def render_diploma_record(doc: Doc, rng: random.Random) -> Rendered:
    """教育部学历证书电子注册备案表 as a printed page / screenshot (the PDF is in pdfdoc)."""
    w, h = 1240, 1754
    f = doc.fields
    img = paper(w, h, (253, 253, 252), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    blue = (30, 80, 150)
    cv.centered(w / 2 - 60, 150, f["title"], "sans_bold", 52, blue, body=False)
    x0, x1, top, rh = 80, 1160, 420, 96
    cv.text((x0, top - 40), f"更新日期：{_ymd_pad(f['update_date'])}", "sans", 32)
    cols = (x0, x0 + 220, x0 + 560, x0 + 780, x1)
    draw_portrait(
        img, (x1 - 160, top - 215, x1 - 10, top - 10), doc.look or _default_look(), (250, 250, 250)
    )
    for i, (la, va, lb, vb) in enumerate(record_rows(f)):
        ya, yb = top + i * rh, top + (i + 1) * rh
        base = (ya + yb) / 2 + 12
        d.line((x0, ya, x1, ya), fill=(140, 150, 170), width=2)
        cv.text((cols[0] + 16, base), la, "sans", 34, (90, 90, 100))
        vs = 36
        limit = (cols[2] if lb else x1) - cols[1] - 24
        while vs > 30 and font("sans", vs).getlength(va) > limit:
            vs -= 1
        cv.text((cols[1] + 16, base), va, "sans", vs)
        if lb:
            cv.text((cols[2] + 16, base), lb, "sans", 34, (90, 90, 100))
            vs = 36
            while vs > 30 and font("sans", vs).getlength(vb) > x1 - cols[3] - 24:
                vs -= 1
            cv.text((cols[3] + 16, base), vb, "sans", vs)
            for cx in cols[1:4]:
                d.line((cx, ya, cx, yb), fill=(140, 150, 170), width=2)
        else:
            d.line((cols[1], ya, cols[1], yb), fill=(140, 150, 170), width=2)
    bottom = top + len(record_rows(f)) * rh
    d.line((x0, bottom, x1, bottom), fill=(140, 150, 170), width=2)
    d.line((x0, top, x0, bottom), fill=(140, 150, 170), width=2)
    d.line((x1, top, x1, bottom), fill=(140, 150, 170), width=2)
    y = bottom + 110
    cv.text((x0, y), f"在线验证码 {f['verification_code']}", "sans_bold", 38)
    cv.text((x0, y + 80), f"在线验证报告有效期至 {_ymd_pad(f['valid_until'])}", "sans", 36)
    # A QR-like block of modules.
    q0, qs = x1 - 250, 10
    for r in range(25):
        for c in range(25):
            if rng.random() < 0.5 or (r < 7 and c < 7) or (r < 7 and c > 17) or (r > 17 and c < 7):
                d.rectangle(
                    (q0 + c * qs, y - 60 + r * qs, q0 + c * qs + qs - 1, y - 60 + r * qs + qs - 1),
                    fill=INK,
                )
    cv.text(
        (x0, h - 120), "学信网 https://www.chsi.com.cn", "sans", 30, (110, 110, 120), body=False
    )
    return Rendered(img, None, cv.min_glyph, "diploma_record")


PLEDGE_TITLE = "应届医学专业毕业生医师资格考试报考承诺书"
PLEDGE_TEXT = (
    "本人承诺：本人为应届医学专业毕业生，所填报的报名信息及提交的材料真实、准确、有效。"
    "本人将在规定时间内取得毕业证书，如未能按时取得，本人自愿放弃本年度医师资格考试成绩，"
    "并承担由此产生的一切后果。"
)


def render_pledge(doc: Doc, rng: random.Random) -> Rendered:
    """应届医学专业毕业生医师资格考试报考承诺书: rows, promise paragraph, signature, date."""
    w, h = 1240, 1754
    f = doc.fields
    img = paper(w, h, (252, 252, 250), rng, 3)
    cv = Canvas(img)
    d = cv.draw
    # One line, so a reader finds the whole title.
    cv.centered(
        w / 2, 250, PLEDGE_TITLE, "serif_bold", (w - 150) // len(PLEDGE_TITLE), INK, body=False
    )
    g = iso(f["expected_graduation"] + "-01")
    rows = [
        ("姓名", f["name"]),
        ("身份证号", f["id_number"]),
        ("毕业学校", f["school"]),
        ("专业", f["major"]),
        ("预计毕业时间", f"{g.year}年{g.month}月"),
    ]
    x0, x1, top, rh = 110, 1130, 400, 110
    vk = rng.choice(("serif", "sans"))
    for i, (label, value) in enumerate(rows):
        ya, yb = top + i * rh, top + (i + 1) * rh
        base = (ya + yb) / 2 + 16
        d.line((x0, ya, x1, ya), fill=INK, width=3)
        cv.text((x0 + 24, base), label, "sans", 44)
        cv.text((x0 + 324, base), value, vk, 46)
    bottom = top + len(rows) * rh
    d.line((x0, bottom, x1, bottom), fill=INK, width=3)
    for x in (x0, x0 + 300, x1):
        d.line((x, top, x, bottom), fill=INK, width=3)
    y = bottom + 110
    for i, line in enumerate(wrap(PLEDGE_TEXT, "sans", 42, x1 - x0 - 40)):
        cv.text((x0 + (84 if i == 0 else 0), y), line, "sans", 42)
        y += 72
    y += 120
    cv.text((640, y), "承诺人（签字）：", "sans", 44)
    signature(d, 980, y - 10, rng)
    cv.text((640, y + 110), _ymd(f["date"]), "sans", 44)
    return Rendered(img, None, cv.min_glyph, "pledge")


SI_HEADER = ("缴费年月", "险种", "缴费基数", "缴费状态")
#: Layout family "serial" (another issuer's system): a 序号 column first, the insurance
#: before the month (费款所属期), its own status words, 公民身份号码 beside the name and the
#: unit as 参保单位名称 (issue 15's report of real 社保 proofs).
SI_SERIAL_HEADER = ("序号", "险种", "费款所属期", "缴费基数", "缴费状态")


def si_family(f: dict[str, str]) -> str:
    """The social-insurance layout family of a document ("table" unless it says)."""
    return f.get("family", "table")


def si_payments(f: dict[str, str]) -> list[tuple[str, ...]]:
    """`payments` is "YYYYMM|险种|基数|状态" rows joined by ";"; the table's cells in the
    document's layout family, its status words its own (`paid`/`unpaid` fields)."""
    out: list[tuple[str, ...]] = []
    words = {"已缴": f.get("paid", "已缴"), "欠缴": f.get("unpaid", "欠缴")}
    for row in f["payments"].split(";"):
        if row:
            a, b, c, e = row.split("|")
            state = words.get(e, e)
            if si_family(f) == "serial":
                out.append((str(len(out) + 1), b, a, c, state))
            else:
                out.append((a, b, c, state))
    return out


def si_header(f: dict[str, str]) -> tuple[str, ...]:
    return SI_SERIAL_HEADER if si_family(f) == "serial" else SI_HEADER


def si_person_lines(f: dict[str, str]) -> list[tuple[str, str]]:
    """The holder's lines above the table: (left, right) texts of each row."""
    if si_family(f) == "serial":
        return [
            (f"姓名：{f['name']}", f"公民身份号码：{f['id_number']}"),
            (f"参保单位名称：{f['work_unit']}", ""),
        ]
    return [
        (f"姓名：{f['name']}", f"社会保障号码：{f['id_number']}"),
        (f"单位名称：{f['work_unit']}", ""),
    ]


def render_social_insurance(doc: Doc, rng: random.Random) -> Rendered:
    """社会保险个人缴费证明: header rows, then one table row per month and insurance."""
    w, h = 1240, 1754
    f = doc.fields
    img = paper(w, h, (253, 253, 252), rng, 2)
    cv = Canvas(img)
    d = cv.draw
    cv.centered(w / 2, 170, f["title"], "sans_bold", 52, INK, body=False)
    y = 270
    for k, (left, right) in enumerate(si_person_lines(f)):
        cv.text((90, y + 66 * k), left, "sans", 36)
        if right:
            cv.text((560, y + 66 * k), right, "sans", 36)
    rows = si_payments(f)
    x0, x1, top = 90, 1150, y + 120
    rh = min(58, (h - 330 - top) // (len(rows) + 1))
    if si_family(f) == "serial":
        cols: tuple[int, ...] = (x0, x0 + 90, x0 + 510, x0 + 720, x0 + 880, x1)
    else:
        cols = (x0, x0 + 220, x0 + 640, x0 + 860, x1)
    for i, cells in enumerate([si_header(f), *rows]):
        ya = top + i * rh
        d.line((x0, ya, x1, ya), fill=INK, width=2)
        kind = "sans_bold" if i == 0 else "sans"
        for c, text in enumerate(cells):
            cv.text((cols[c] + 14, ya + rh / 2 + 11), text, kind, 32)
    bottom = top + (len(rows) + 1) * rh
    d.line((x0, bottom, x1, bottom), fill=INK, width=2)
    for cx in cols:
        d.line((cx, top, cx, bottom), fill=INK, width=2)
    cv.text((90, bottom + 80), f"打印日期：{_ymd_pad(f['print_date'])}", "sans", 34)
    cv.text((700, bottom + 80), "（本证明加盖业务专用章有效）", "sans", 30, body=False)
    draw_stamp(img, (900 + rng.uniform(-30, 30), bottom + 200), 130, f["agency"], rng, "业务专用章")
    return Rendered(img, None, cv.min_glyph, "social_insurance")


def render_id_handheld(doc: Doc, rng: random.Random) -> Rendered:
    """本人手持身份证: the person (head and shoulders) holding the rendered id_front card,
    a little turned, in front of the chest. `extra["legible"]` "1": the card is big enough
    that its number reads (≥ 20 px glyphs after capture, which keeps the long side ≤ 1600 px);
    otherwise it is smaller and its text is not meant to be read."""
    w, h = 1200, 1600
    look = doc.look or _default_look()
    wall = rng.choice(((232, 228, 220), (214, 220, 226), (236, 236, 232), (205, 196, 185)))
    base = np.array(wall, np.float32)
    ramp = np.linspace(-1, 1, h, dtype=np.float32)[:, None, None] * (12 * look.bg_grad)
    side = np.linspace(-1, 1, w, dtype=np.float32)[None, :, None] * rng.uniform(-10, 10)
    img = Image.fromarray(np.clip(base + ramp + side, 0, 255).astype(np.uint8))
    pw = round(h * 0.69 * rng.uniform(0.85, 1.0))
    px0 = (w - pw) // 2 + rng.randint(-60, 60)
    draw_portrait(img, (max(0, px0), 0, min(w, px0 + pw), h), look, None)
    card = render_id_front(Doc("id_front", doc.fields, look), random.Random(rng.random()))
    legible = doc.extra.get("legible", "1") == "1"
    number_glyph = glyph_height("mono", 70)
    # The card's number glyph on this photo: 23-30 px when legible, 10-15 px otherwise.
    target = rng.uniform(24, 31) if legible else rng.uniform(10, 15)
    k = target / number_glyph
    cw = min(round(card.image.width * k), w - 40)
    ch = round(cw * card.image.height / card.image.width)
    small = card.image.resize((cw, ch), Image.Resampling.LANCZOS)
    mask = (card.mask or rounded_mask(card.image.width, card.image.height, 70)).resize((cw, ch))
    angle = rng.uniform(-7, 7)
    small = small.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    mask = mask.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    cx = w / 2 + rng.uniform(-0.08, 0.08) * w
    top = h - small.height - rng.randint(30, 140)
    if not legible:  # a small card is held higher, under the chin
        top = round(h * rng.uniform(0.62, 0.7))
    px, py = int(cx - small.width / 2), int(top)
    d = ImageDraw.Draw(img)
    # Hands: palms behind the card's lower corners, thumbs over its edge.
    for sx in (-1, 1):
        fx = cx + sx * (small.width / 2 - 30)
        d.rounded_rectangle(
            (fx - 55, py + small.height - 110, fx + 55, min(h, py + small.height + 200)),
            45,
            fill=look.skin,
        )
    img.paste(small, (px, py), mask)
    for sx in (-1, 1):
        fx = cx + sx * (small.width / 2 - 40)
        d.rounded_rectangle(
            (fx - 28, py + small.height - 70, fx + 22, py + small.height + 10), 20, fill=look.skin
        )
    glyph = round(number_glyph * k * math.cos(math.radians(abs(angle))))
    # Keep the capture from shrinking a legible card below reading size; illegible ones
    # only bound the capture like an ordinary photo.
    return Rendered(img, None, max(glyph * 9 // 10, 12) if legible else 40, "id_handheld", glyph)


def render_photo(look: Look, rng: random.Random) -> Image.Image:
    """报名照片 小2寸: 390×567 px, light background (the person's own tone and faint
    gradient), head and shoulders."""
    w, h = 390, 567
    base = np.array(look.bg, np.float32)
    ramp = np.linspace(-1, 1, h, dtype=np.float32)[:, None, None] * (6 * look.bg_grad)
    arr = np.clip(base[None, None, :] + ramp + np.zeros((h, w, 1), np.float32), 0, 255)
    img = Image.fromarray(arr.astype(np.uint8))
    margin = rng.randint(-8, 8)
    draw_portrait(img, (0, 20 + margin, w, h), look, None)
    return img


def _default_look() -> Look:
    return Look((230, 195, 165), (30, 25, 22), (30, 35, 50), False, 1.0, True)


RENDERERS = {
    "id_front": render_id_front,
    "id_back": render_id_back,
    "diploma": render_diploma,
    "licence": render_licence,
    "probation_cert": render_probation,
    "practice_period_cert": render_practice_period,
    "assistant_qualification": render_assistant_qualification,
    "assistant_practice": render_assistant_practice,
    "mentorship_cert": render_mentorship,
    "degree": render_degree,
    "diploma_record": render_diploma_record,
    "pledge": render_pledge,
    "social_insurance": render_social_insurance,
    "id_handheld": render_id_handheld,
}


def render(doc: Doc, rng: random.Random) -> Rendered:
    """Draw `doc` upright; the result records where each string was printed."""
    global _RUNS
    runs: list[TextRun] = []
    outer, _RUNS = _RUNS, runs
    from lab.synth import families

    draw = families.renderer(doc.doc_type, doc.fields.get("family")) or RENDERERS[doc.doc_type]
    try:
        out = draw(doc, rng)
    finally:
        _RUNS = outer
    if doc.doc_type != "id_handheld":  # the held card's runs are in card coordinates
        out.texts = runs
    return out


#: The seal a stamp-over-text hard case adds, by document: (fields it may cover, the field
#: naming the sealing body, or a fixed name).
STAMP_OVER: dict[str, tuple[tuple[str, ...], str]] = {
    "diploma": (("name", "school"), "school"),
    "degree": (("name", "school"), "school"),
    "probation_cert": (("name", "work_unit"), "work_unit"),
    "practice_period_cert": (("name", "work_unit"), "work_unit"),
    "licence": (("work_unit",), "issuer"),
    "assistant_qualification": (("name",), "=中华人民共和国国家卫生健康委员会"),
    "assistant_practice": (("name", "work_unit"), "issuer"),
    "mentorship_cert": (("name",), "issuer"),
    "social_insurance": (("name", "work_unit"), "agency"),
}


def stamp_targets(doc: Doc, rendered: Rendered) -> list[str]:
    """The fields of `doc` a seal could be stamped over (printed, and this document type
    carries a seal)."""
    fields = STAMP_OVER.get(doc.doc_type, ((), ""))[0]
    return [f for f in fields if doc.fields.get(f) and rendered.box_of(doc.fields[f])]


def stamp_over(doc: Doc, rendered: Rendered, target: str, rng: random.Random) -> dict[str, float]:
    """A red seal stamped partly over the printed `target` field (the red multiplies, so the
    dark text stays readable under it); returns where it went, in rendered pixels."""
    box = rendered.box_of(doc.fields[target])
    assert box is not None
    x0, y0, x1, y1 = box
    body = STAMP_OVER[doc.doc_type][1]
    ring = body[1:] if body.startswith("=") else doc.fields.get(body, "")
    radius = rng.uniform(105, 140)
    mid = (y0 + y1) / 2
    if rng.random() < 0.65:
        # the seal below the line: its ring and curved unit name run across the characters
        cx = x0 + (x1 - x0) * rng.uniform(0.3, 1.0)
        cy = mid + radius * rng.uniform(0.6, 0.85)
    else:  # the star over the value's second half
        cx = x0 + (x1 - x0) * rng.uniform(0.5, 1.0)
        cy = mid + radius * rng.uniform(-0.1, 0.1)
    draw_stamp(rendered.image, (cx, cy), radius, ring or "专用章", rng)
    return {"x": round(cx, 1), "y": round(cy, 1), "radius": round(radius, 1)}
