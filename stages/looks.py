"""Closer looks at one field's crop, for the comparison with the form (stages.crosscheck).

A `Look` answers the questions a comparison may ask of the crop a reading came from: read it
again closer (`__call__`), score the form's value against the reading on it (`support`), let a
second engine read it (`agree`), say how sure the recogniser was of one character
(`char_share`), cut one character's print out (`glyph`). The base answers None to each (no
crop to look at); `SecondLook` asks the engine.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace

import cv2
import numpy as np

from models import Reading, TextLine

from . import glyphs, read, textnorm
from .ocr.base import OcrEngine, OcrError


class Look:
    """No closer look possible: every question answered with None."""

    def __call__(self, reading: Reading) -> Reading | None:
        """The field re-read from its crop, enlarged and contrast-stretched."""
        return None

    def support(self, reading: Reading, expected: str) -> Sequence[tuple[float, str]] | None:
        """For each look at the crop: log P(expected) − log P(what that look reads), with
        the value it reads in the field's place."""
        return None

    def agree(self, reading: Reading) -> Reading | None:
        """The field as a second engine reads the same crop."""
        return None

    def char_share(self, reading: Reading, position: int) -> float | None:
        """The recogniser's share of "a character is here" for the one read at `position`."""
        return None

    def glyph(self, reading: Reading, position: int) -> np.ndarray | None:
        """The print of the reading's character at `position`, cut out of its line."""
        return None


def _in_reads_forms(form: str, value: str) -> str:
    """The form's value spelt in the forms the reading uses: where the reading's character
    at a place folds to the form's, the reading's (醫 for 医); elsewhere the form's in its
    traditional form (臨 for 临, as a recogniser answering in traditional forms would spell
    it). The form's value in full traditional forms when the lengths differ."""
    if len(form) != len(value):
        return textnorm.traditional(form)
    return "".join(
        r if textnorm.fold_variants(r) == c else textnorm.traditional(c)
        for c, r in zip(form, value, strict=True)
    )


class SecondLook(Look):
    """A closer look at a field whose reading disagrees with the form: re-read its crop at
    twice the size, contrast-stretched (`__call__`), and score how well the crop supports the
    form's value against the reading (`support`, when the engine can)."""

    def __init__(
        self,
        engine: OcrEngine,
        slot: str,
        image: np.ndarray,
        second: OcrEngine | None = None,
    ) -> None:
        self.engine = engine
        self.second = second
        self.slot = slot
        self.image = image
        #: (value, box, position) → the cut-out print (glyph): a name at a `?` is looked at by
        #: the document's reading, the applicant's agreement and the rescoring in turn
        self._glyphs: dict[tuple[str, tuple[int, int, int, int], int], np.ndarray | None] = {}

    def _extract(self, rows: Sequence[read.Row]) -> dict[str, Reading]:
        from .materials import extract  # the materials' checks take looks: imported late

        return extract(self.slot, rows)

    @property
    def can_score(self) -> bool:
        """The engine scores texts on a crop (an empty question costs it nothing)."""
        return self.engine.support(self.image[:1, :1], []) is not None

    def _crop(self, box: tuple[int, int, int, int], pad: int) -> np.ndarray:
        x0, y0, x1, y1 = box
        h, w = self.image.shape[:2]
        return self.image[max(0, y0 - pad) : min(h, y1 + pad), max(0, x0 - pad) : min(w, x1 + pad)]

    def __call__(self, reading: Reading) -> Reading | None:
        if reading.box is None:
            return None
        crop = self._crop(reading.box, max(8, (reading.box[3] - reading.box[1]) // 2))
        if crop.size == 0:
            return None
        big = cv2.resize(crop, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
        lab = cv2.cvtColor(big, cv2.COLOR_BGR2LAB)
        clahe = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8))
        lab[:, :, 0] = clahe.apply(lab[:, :, 0])
        big = cv2.cvtColor(lab, cv2.COLOR_LAB2BGR)
        quads = self.engine.detect(big)
        rows = read.group_rows(read.recognise_lines(big, quads, self.engine))
        again = self._extract(rows).get(reading.field)
        if again is None:
            return None
        return replace(again, box=reading.box)

    def agree(self, reading: Reading) -> Reading | None:
        """The field as the second engine (Tesseract, one line) reads the same crop."""
        second = self.second
        if second is None or reading.box is None:
            return None
        crop = self._crop(reading.box, 6)
        if crop.size == 0:
            return None
        try:
            (rec,) = second.recognise([crop])
        except OcrError:
            return None
        line = TextLine(rec.text, rec.confidence, reading.box, second.name)
        return self._extract([read.Row((line,))]).get(reading.field)

    def char_share(self, reading: Reading, position: int) -> float | None:
        """How much of the crop's "some character here" probability at `position` of the
        reading goes to the character read there: near 1 for a printed common character,
        low where the recogniser only found its nearest look-alike (a character outside
        what it can say, which is what a form's `?` stands for)."""
        if reading.box is None or not reading.source:
            return None
        source, value = read.clean(reading.source), read.clean(reading.value)
        if not 0 <= position < len(value) or value not in source:
            return None
        wild = source.replace(value, value[:position] + "\x00" + value[position + 1 :], 1)
        crop = self._crop(reading.box, 4)
        if crop.size == 0 or crop.shape[0] < 8:
            return None
        scores = self.engine.support(crop, [source, wild])
        if scores is None:
            return None
        got, anything = scores
        return float(math.exp(min(0.0, got - anything)))

    def glyph(self, reading: Reading, position: int) -> np.ndarray | None:
        """The print of the reading's character at `position`, cut out of its line (see
        glyphs.glyph_at); None where the engine cannot place characters or the line reads
        otherwise now."""
        if reading.box is None:
            return None
        key = (reading.value, reading.box, position)
        if key not in self._glyphs:
            self._glyphs[key] = self._cut_glyph(reading, reading.box, position)
        return self._glyphs[key]

    def _cut_glyph(
        self, reading: Reading, box: tuple[int, int, int, int], position: int
    ) -> np.ndarray | None:
        value = read.clean(reading.value)
        crop = self._crop(box, 4)
        if not 0 <= position < len(value) or crop.size == 0 or crop.shape[0] < 8:
            return None
        seen = self.engine.char_positions(crop)
        if seen is None:
            return None
        text = "".join(ch for ch, _x in seen)
        # the crop may read another look-alike (a letter) there now: the reading came from
        # another look
        found = re.search(
            re.escape(value[:position]) + r"[^\W\d_]" + re.escape(value[position + 1 :]), text
        )
        if found is not None:
            return glyphs.glyph_at(crop, seen[found.start() + position][1])
        if position > 0 and value[:position] in text:
            # the character left unread (姓名 侯超 性别): the print after the one before it
            return glyphs.glyph_at(crop, seen[text.index(value[:position]) + position - 1][1], 1)
        return None

    def support(self, reading: Reading, expected: str) -> list[tuple[float, str]] | None:
        """log P(form's value) − log P(what the crop reads as) on the reading's own row
        crop, for each look at it, with the value read in the field's place on that look
        (the prior odds of the form's characters depend on which ones compete)."""
        if reading.box is None or not reading.source or not self.can_score:
            return None
        source = read.clean(reading.source)
        value = read.clean(reading.value)
        if not value or value not in source:
            return None
        form = read.clean(expected)
        at = source.index(value)
        before, after = source[:at], source[at + len(value) :]
        # a minority name's `·` is optional on documents (米娜瓦尔司马义): either form counts
        # and a recogniser answering in traditional forms (監床醫學 for 临床医学) is scored
        # against the form's value in those forms too
        forms = (form, form.replace("·", ""), _in_reads_forms(form, value))
        wanted = [before + f + after for f in dict.fromkeys(forms)]

        def in_place(seen: str) -> str:
            """What `seen` reads where the form's value stands (the line around it read
            alike), else the first reading's value."""
            if (
                len(seen) > len(before) + len(after)
                and seen.startswith(before)
                and seen.endswith(after)
            ):
                return seen[len(before) : len(seen) - len(after)]
            return reading.value

        box = reading.box
        extra = len(form) - len(value)
        if extra > 0 and source.endswith(value):
            # the line may have been cut where a seal or glare broke it: look as far to the
            # right as the form's longer value would reach, and judge that wider crop
            x0, y0, x1, y1 = box
            box = (x0, y0, x1 + int((x1 - x0) / max(1, len(source)) * (extra + 1)), y1)
        elif extra < 0 and value.startswith(form) and source.endswith(value):
            # read longer than the form's value: seal lettering past the print may have been
            # read into the line; when the line goes on past its last dark print and seal ink
            # lies there, judge the crop only as far as the print reaches (seal ink is light
            # in the red channel, print dark)
            x0, y0, x1, y1 = box
            end = read.print_end(self._crop(box, 0))
            cut = x0 + end + max(2, (y1 - y0) // 4) if end is not None else x1
            tail = self._crop((cut, y0, x1, y1), 0)
            if cut < x1 - (y1 - y0) // 2 and read.without_seal(tail) is not None:
                box = (x0, y0, cut, y1)
        crop = self._crop(box, 4)
        if crop.size == 0 or crop.shape[0] < 8:
            return None
        if box != reading.box:
            (again,) = self.engine.recognise([crop])
            source = read.clean(again.text) or source
        scores = self.engine.support(crop, [source, *wanted])
        if scores is None:
            return None
        got, *want = scores
        # a crop cut or widened here was read afresh: what it reads in the field's place
        gaps = [(float(max(want) - got), in_place(source) if box != reading.box else reading.value)]
        plain = read.without_seal(crop)
        if plain is not None:
            # a red seal over the value is not part of it: judge the crop without the seal
            # too (as washed, and with its levels stretched so seal ink left mid-grey turns
            # white), against what the recogniser reads there; the kinder verdict counts
            for view in (plain, read.levelled(plain)):
                (again,) = self.engine.recognise([view])
                seen = read.clean(again.text)
                scored = self.engine.support(view, [seen, *wanted]) if seen else None
                if scored:
                    got2, *want2 = scored
                    gaps.append((float(max(want2) - got2), in_place(seen)))
        return gaps
