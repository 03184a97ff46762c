"""Reading a character the recogniser never learnt, by comparing its print with glyphs.

A form's `?` stands for a character the registration system could not type (𬘡, 𬭚, 䶮 …:
outside GBK). PP-OCR has such characters in its dictionary but ranks the printed one far down
(150th–250th of 344 at that position on generated windows): it reads the nearest common
look-alike (细, 谆, 龚) with high confidence. Here the character's own print is cut out of the
line and compared, shape against shape, with each untypable character rendered in a reference
font, and with the character that was read. The reference font is not one the synthetic
windows print with (BabelStone Han, a Song-style font; the generator uses Noto), so the
figures `make eval` reports for this are cross-font, as on a real document.

The same comparison settles a rare character the form could type but the recogniser reads
as a commoner look-alike (亓 as 元): there only the form's character and the one read compete
(`looks_like`).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

log = logging.getLogger(__name__)

#: Fonts the reference glyphs are rendered from: (path, face index). Each that holds a character
#: draws it and the closest drawing counts (two Ming/Song designs: the print's own font is not
#: known); none installed → no glyph reading (the rest of the pipeline is as before).
REFERENCE_FONTS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf", 0),
    ("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf", 0),
    ("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf", 0),
)
#: Side of the normalised glyph image compared (ink box scaled into a square, blurred).
SIDE = 48
#: The print is also compared shifted by up to this many pixels of SIDE each way (a stroke
#: the ink box caught, or missed, at an edge moves the whole box).
SHIFT = 2
#: A glyph matches when its similarity (cosine of the normalised images) reaches this and leads
#: the character the recogniser read by MIN_LEAD. Set on the `?` names of earlier generated
#: windows (221 prints; seeds not reported): 156 of the 185 look-alike reads became the printed
#: character, 1 another untypable one; a wrong cut (the neighbour, a cell a seal broke) tops
#: out near 0.5. The similarity floor guards the pick among hundreds of candidates.
MIN_SIMILARITY = 0.6
MIN_LEAD = 0.02
#: The character read leads an untypable one by this much: the print is not that character
#: (on the same prints a look-alike led the untypable character printed by at most 0.05; a
#: clearly different printed character, a name fault, by 0.57 or more).
RULE_OUT = 0.2
#: A rare character of a typed name (GB 2312 level 2 or beyond) read as a commoner look-alike
#: (亓 as 元, 玙 as 玲) is taken as printed when the print looks like it by MIN_SIMILARITY and
#: leads the look-alike by this much. A look-alike fault (the form's 婧 printed 靖) must keep
#: its reading: set on earlier generated windows (seeds not reported), where the form's
#: character never led a printed look-alike (−0.002 at most; 30 such prints) while 14 of 39
#: misread rare characters led by 0.06 or more.
RARE_LEAD = 0.06


@dataclass(frozen=True, slots=True)
class Match:
    """The best untypable character for a print, against the character read there."""

    char: str
    similarity: float
    read_similarity: float

    @property
    def decisive(self) -> bool:
        return (
            self.similarity >= MIN_SIMILARITY and self.similarity - self.read_similarity >= MIN_LEAD
        )


@functools.cache
def untypable(charset: frozenset[str]) -> frozenset[str]:
    """The Han characters of `charset` that GBK cannot encode: what a form's `?` may hide."""
    out = set()
    for ch in charset:
        if len(ch) != 1 or not _is_han(ch):
            continue
        try:
            ch.encode("gbk")
        except UnicodeEncodeError:
            out.add(ch)
    return frozenset(out)


def _is_han(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x3400 <= cp <= 0x4DBF
        or 0x4E00 <= cp <= 0x9FFF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x3134F
    )


def ink(crop: np.ndarray) -> np.ndarray:
    """Dark print as a boolean mask: a seal's red and a card's pale blue are light in every
    channel's maximum, so they drop out; ruled table lines are removed."""
    grey = crop.max(axis=2) if crop.ndim == 3 else crop
    _, mask = cv2.threshold(grey, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    h = mask.shape[0]
    full = mask.sum(axis=0) >= 0.9 * h  # a column inked top to bottom: a cell's border
    # a run longer than 1.5 line heights is a rule, not a stroke
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, int(1.5 * h)), 1))
    rules = cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel)
    mask[cv2.dilate(rules, np.ones((3, 3), np.uint8)) > 0] = 0
    mask[:, np.convolve(full, [1, 1, 1], "same") > 0] = 0
    return mask.astype(bool)


def glyph_at(crop: np.ndarray, x: float, step: int = 0) -> np.ndarray | None:
    """The print of the character the recogniser placed at `x` (its CTC peak, which falls in
    the right part of a character) in a one-line crop, or of the `step`-th character after
    it, as a tight ink mask.

    Columns of ink are grouped into characters no wider than about the text's height (a
    left-right character such as 细 is two columns)."""
    mask = ink(crop)
    rows = mask.sum(axis=1)
    if rows.sum() == 0:
        return None
    cum = np.cumsum(rows) / rows.sum()
    height = max(4, int(np.searchsorted(cum, 0.98) - np.searchsorted(cum, 0.02)) + 1)
    cols = mask.sum(axis=0) > 0
    glyphs: list[list[int]] = []
    start = None
    for i, on in enumerate([*cols, False]):
        if on and start is None:
            start = i
        elif not on and start is not None:
            if glyphs and i - glyphs[-1][0] <= 1.12 * height:
                glyphs[-1][1] = i
            else:
                glyphs.append([start, i])
            start = None
    near = [
        (abs((a + b) / 2 - (x - 0.15 * height)), k)
        for k, (a, b) in enumerate(glyphs)
        if a - 0.15 * height <= x <= b + 0.35 * height
    ]
    if not near or min(near)[1] + step >= len(glyphs):
        return None
    a, b = glyphs[min(near)[1] + step]
    cell = mask[:, a:b]
    inked = np.nonzero(cell.any(axis=1))[0]
    return cell[inked.min() : inked.max() + 1]


def descriptor(mask: np.ndarray) -> np.ndarray | None:
    """The ink box scaled into a SIDE² square (aspect kept), blurred, zero-mean, unit-norm:
    a dot product of two is their similarity."""
    ys, xs = np.nonzero(mask)
    if len(xs) < 4:
        return None
    box = mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1].astype(np.float32)
    h, w = box.shape
    side = max(h, w)
    square = np.zeros((side, side), np.float32)
    top, left = (side - h) // 2, (side - w) // 2
    square[top : top + h, left : left + w] = box
    out = cv2.resize(square, (SIDE, SIDE), interpolation=cv2.INTER_AREA)
    out = cv2.GaussianBlur(out, (0, 0), 1.5)
    out -= out.mean()
    norm = float(np.linalg.norm(out))
    return out / norm if norm > 0 else None


@functools.cache
def _fonts() -> tuple[tuple[object, frozenset[int]], ...]:
    """The reference fonts installed, each with the code points it draws."""
    from fontTools.ttLib import TTFont
    from PIL import ImageFont

    out = []
    for path, index in REFERENCE_FONTS:
        if not Path(path).exists():
            continue
        try:
            cmap = frozenset(TTFont(path, fontNumber=index, lazy=True).getBestCmap())
            out.append((ImageFont.truetype(path, 64, index=index), cmap))
        except Exception as exc:  # noqa: BLE001 - a broken font only turns this reading off
            log.warning("reference font %s unusable: %s", path, exc)
    if not out:
        log.warning("no reference font for untypable characters; `?` names read as before")
    return tuple(out)


def font_versions() -> dict[str, str]:
    """The reference fonts in use, for the audit trail."""
    from fontTools.ttLib import TTFont

    out = {}
    for path, index in REFERENCE_FONTS:
        if Path(path).exists():
            name = TTFont(path, fontNumber=index, lazy=True)["name"]
            version = name.getDebugName(5) or "unknown version"
            out[f"glyph_font:{Path(path).name}"] = version
    return out


@functools.lru_cache(maxsize=4096)
def reference(char: str) -> tuple[np.ndarray, ...]:
    """The descriptors of `char` as each reference font that holds it draws it."""
    from PIL import Image, ImageDraw

    out = []
    for font, cmap in _fonts():
        if ord(char) not in cmap:
            continue
        canvas = Image.new("L", (128, 128), 255)
        ImageDraw.Draw(canvas).text((32, 32), char, font=font, fill=0)  # type: ignore[arg-type]
        drawn = descriptor(np.asarray(canvas) < 128)
        if drawn is not None:
            out.append(drawn)
    return tuple(out)


def similarities(mask: np.ndarray, chars: Sequence[str]) -> dict[str, float]:
    """Similarity of the print to each character the reference fonts draw: the best over the
    fonts and the print's small shifts."""
    have = descriptor(mask)
    if have is None:
        return {}
    owners, rows = [], []
    for ch in dict.fromkeys(chars):
        for ref in reference(ch):
            owners.append(ch)
            rows.append(ref.ravel())
    if not rows:
        return {}
    refs = np.stack(rows)
    shifted = np.stack(
        [
            np.roll(have, (dy, dx), axis=(0, 1)).ravel()
            for dy in range(-SHIFT, SHIFT + 1)
            for dx in range(-SHIFT, SHIFT + 1)
        ]
    )
    best = (refs @ shifted.T).max(axis=1)
    out: dict[str, float] = {}
    for ch, score in zip(owners, best.tolist(), strict=True):
        out[ch] = max(out.get(ch, -1.0), score)
    return out


def best_untypable(mask: np.ndarray, read: str, candidates: Iterable[str]) -> Match | None:
    """The untypable character the print looks most like, with how much the character the
    recogniser read (`read`) looks like it; None: nothing to compare."""
    others = sorted(set(candidates) - {read})
    sims = similarities(mask, [read, *others])
    if read not in sims:
        return None
    best = max(others, key=lambda c: sims.get(c, -1.0), default=None)
    if best is None or best not in sims:
        return None
    return Match(best, round(sims[best], 4), round(sims[read], 4))


def ruled_out(mask: np.ndarray, read: str, alternative: str) -> bool | None:
    """Does the print clearly look like `read` and not like `alternative`? None: cannot say."""
    sims = similarities(mask, [read, alternative])
    if len(sims) < 2:
        return None
    return sims[read] - sims[alternative] >= RULE_OUT


def looks_like(mask: np.ndarray, read: str, expected: str) -> bool:
    """Does the print clearly look like `expected` rather than the `read` look-alike (see
    RARE_LEAD)? False where either cannot be drawn."""
    sims = similarities(mask, [read, expected])
    if len(sims) < 2:
        return False
    return sims[expected] >= MIN_SIMILARITY and sims[expected] - sims[read] >= RARE_LEAD
