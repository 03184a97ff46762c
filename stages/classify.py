"""Which material is this? Keyword evidence per document type, counted on the page's text.

Printed headings and labels are the most stable thing on these documents; two or more of a
type's markers identify it. A page whose text matches another type better than the slot's
own is the wrong document (e.g. the diploma uploaded as the ID card front).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from . import idnumber
from .textnorm import fold_variants

MIN_MARKERS = 2


def _tables() -> tuple[dict[str, tuple[str, ...]], dict[str, str], dict[str, str]]:
    """Markers, headings and stand-ins of every material (stages.materials), in its order."""
    from .materials import MATERIALS

    markers = {m.slot: m.markers for m in MATERIALS.values() if m.markers}
    headings = {m.slot: m.heading for m in MATERIALS.values() if m.heading}
    shows = {m.slot: m.shows for m in MATERIALS.values() if m.shows}
    return markers, headings, shows


MARKERS, HEADINGS, SHOWS = _tables()


@dataclass(frozen=True, slots=True)
class DocType:
    best: str | None
    scores: dict[str, int]

    def score(self, doc_type: str) -> int:
        return self.scores.get(doc_type, 0)


def classify(texts: Iterable[str]) -> DocType:
    # PP-OCR answers some large serif titles in traditional characters (傳統醫學…證書)
    text = fold_variants(re.sub(r"\s+", "", "".join(texts)))
    text = text.replace("（", "(").replace("）", ")")
    scores = {}
    titled = set()
    for doc_type, markers in MARKERS.items():
        n = sum(1 for m in markers if _hit(m, text))
        if re.search(HEADINGS[doc_type], text):
            n += 2
            titled.add(doc_type)
        scores[doc_type] = n
    # a tie goes to the material whose own title is printed
    best = max(scores, key=lambda k: (scores[k], k in titled))
    return DocType(best if scores[best] >= MIN_MARKERS else None, scores)


def _hit(marker: str, text: str) -> bool:
    """The marker is on the page; an ID-shaped number only where its check digit holds."""
    if marker == idnumber.ID_SHAPED:
        return any(idnumber.is_valid(m.group()) for m in re.finditer(marker, text))
    return re.search(marker, text) is not None


def is_expected(doc: DocType, slot: str) -> bool | None:
    """True: the slot's material; False: clearly another one; None: cannot tell."""
    if slot == "id_handheld" and doc.best in (None, "id_front") and doc.score("id_front") >= 1:
        # a person holding a card: the card's few legible words (its number, 姓名) suffice
        return True
    slot = SHOWS.get(slot, slot)
    if slot not in MARKERS:
        return True
    own = doc.score(slot)
    if own >= MIN_MARKERS and own >= max(doc.scores.values()) - 1:
        return True
    if doc.best is not None and doc.best != slot:
        return False
    return None
