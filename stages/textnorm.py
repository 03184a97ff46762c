"""Text normalisation for comparing what a form says with what a document prints.

The rules say a licence whose institution name does not fully match fails, so matching is
exact — but only after removing differences that are typography, not content: whitespace,
full/half width, bracket style, dash and middle-dot variants.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_OPEN = "([【〔〖｛{〘〚"
_CLOSE = ")]】〕〗｝}〙〛"
_DASH = "‐‑‒–—―−﹣－⁃"
_DOT = "·•・‧･∙⋅"
_TABLE = str.maketrans(
    {**{c: "(" for c in _OPEN}, **{c: ")" for c in _CLOSE}, **{c: "-" for c in _DASH},
     **{c: "·" for c in _DOT}}
)  # fmt: skip
_WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFKC (full-width → half-width), no whitespace, one bracket, dash and middle-dot form."""
    t = unicodedata.normalize("NFKC", text)
    t = _WHITESPACE.sub("", t)
    # Zero-width characters survive NFKC and \s; they are never content.
    t = t.replace("\u200b", "").replace("\u200c", "").replace("\u200d", "").replace("\ufeff", "")
    return t.translate(_TABLE)


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def fold_variants(text: str) -> str:
    """Traditional character forms to simplified (OpenCC t2s). Only for comparing: the
    recogniser sometimes answers with the traditional form of a printed simplified character
    (黄 → 黃, 别 → 別, 𫖯 → 頫), which is the same character, not a different name. Applied to
    both sides of a comparison, never to a value we report or store."""
    return str(_t2s().convert(text)) if text else text


def _s2t() -> Any:
    import opencc

    return opencc.OpenCC("s2t")


def traditional(text: str) -> str:
    """The text's traditional character forms (OpenCC s2t): how a recogniser that answers
    with traditional forms (临床医学 read 監床醫學) would spell the form's value. Only for
    scoring a crop against the form's value, never reported."""
    return str(_s2t().convert(text)) if text else text


def comparable(text: str) -> str:
    """The form in which two texts are compared: `normalise`d, variants folded."""
    return fold_variants(normalise(text))


def same_institution(a: str, b: str) -> bool:
    """Exact match after `comparable`; an empty name never matches (no fuzzy matching: a
    licence that does not fully match fails review)."""
    na, nb = comparable(a), comparable(b)
    return bool(na) and na == nb


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insert, delete, substitute each cost 1)."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def similarity(a: str, b: str) -> float:
    """1 − edit distance / longer length of the normalised texts; for confidence, not verdicts."""
    na, nb = normalise(a), normalise(b)
    if not na and not nb:
        return 1.0
    return 1.0 - edit_distance(na, nb) / max(len(na), len(nb))
