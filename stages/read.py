"""Recognise the detected text lines of a normalised page and group them into visual rows.

PP-OCR returns one box per text run; a label and its value ("姓名  欧阳晓彧", or the two cells
of a table row) often come back as separate boxes. Grouping boxes whose vertical extents
overlap gives rows that read like the printed line, which the label-based parsers need.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from models import TextLine

from .ocr.base import Quad


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


def recognise_lines(image: np.ndarray, quads: Sequence[Quad], engine: object) -> list[TextLine]:
    """Recognise every quad (one crop each) with the engine's recogniser."""
    crops = [engine.crop(image, q) for q in quads]  # type: ignore[attr-defined]
    recs = engine.recognise(crops)  # type: ignore[attr-defined]
    name = str(getattr(engine, "name", "ocr"))
    return [
        TextLine(r.text, r.confidence, quad_box(q), name)
        for q, r in zip(quads, recs, strict=True)
        if r.text.strip()
    ]


def group_rows(lines: Sequence[TextLine]) -> list[Row]:
    """Rows top to bottom; a line joins a row when its vertical centre lies inside the row's
    first line or that line's centre inside it (a lone "男" has a tighter box than "性别")."""
    rows: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda t: ((t.box[1] + t.box[3]) / 2, t.box[0])):
        y0, y1 = line.box[1], line.box[3]
        centre = (y0 + y1) / 2
        placed = False
        for row in rows:
            r0, r1 = row[0].box[1], row[0].box[3]
            if r0 <= centre <= r1 or y0 <= (r0 + r1) / 2 <= y1:
                row.append(line)
                placed = True
                break
        if not placed:
            rows.append([line])
    return [Row(tuple(sorted(r, key=lambda t: t.box[0]))) for r in rows]
