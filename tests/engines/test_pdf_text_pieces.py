"""A text-layer line is cut where its characters stand far apart (a table row), as a scan's
text detector cuts it, and kept whole where they are a word space apart."""

from __future__ import annotations

import pytest

from stages.pdfpages import text_lines
from tests.fakes import one_page_pdf as _pdf


def _row(items: list[tuple[int, str]], y: int = 700) -> bytes:
    """Strings drawn at x positions on one baseline, 10 pt."""
    parts = [b"BT /F1 10 Tf %d %d Td (%s) Tj ET" % (x, y, s.encode()) for x, s in items]
    return b" ".join(parts)


def test_a_table_row_comes_in_pieces_with_their_columns() -> None:
    row = [(60, "2025"), (200, "V"), (230, "V"), (260, "X"), (400, "9200.00")]
    label = _row([(60, "Payment record of the insured person, all months")], y=740)
    (page,) = text_lines(_pdf(_row(row) + b" " + label))
    texts = [t for t, _ in page]
    assert texts == [
        "Payment record of the insured person, all months",
        "2025",
        "V",
        "V",
        "X",
        "9200.00",
    ]
    boxes = {t: b for t, b in page if t in {"2025", "X", "9200.00"}}
    assert abs(boxes["X"][0] - 260 / 612) < 0.01
    assert boxes["2025"][2] < boxes["X"][0] < boxes["9200.00"][0]


def test_words_a_space_apart_stay_one_line() -> None:
    (page,) = text_lines(_pdf(_row([(60, "Name Zhang San, born 1997 in Tianjin")])))
    assert [t for t, _ in page] == ["Name Zhang San, born 1997 in Tianjin"]


@pytest.mark.parametrize("count_at", [204, 195, 185])
def test_a_cell_placed_back_over_overstated_widths_is_a_piece_of_its_own(count_at: int) -> None:
    # a file whose glyph widths say 1 em each: pdfplumber runs the period on past where the
    # next cell's count was placed (2025.05-2025.128 as one piece, or the two interleaved:
    # 2025.05-2025.182; the months not read)
    row = [(60, "2025.05-2025.12"), (count_at, "8"), (300, "0")]
    label = _row([(60, "Pension insurance paid")], y=740)
    (page,) = text_lines(_pdf(_row(row) + b" " + label, widths=1000))
    assert [t for t, _ in page][1:] == ["2025.05-2025.12", "8", "0"]
    boxes = dict(page)
    assert boxes["2025.05-2025.12"][2] <= boxes["8"][0] < boxes["0"][0]


@pytest.mark.parametrize("gap_em", [0.9, 1.5])
def test_a_cell_just_after_overstated_widths_is_a_piece_of_its_own(gap_em: float) -> None:
    # 1 em a glyph (a CID font without widths): an 18-digit number seems to end 0.9 or 1.5
    # em before the code set at the next column, where its digits end far earlier; the
    # number and the code were read as one piece (and then neither)
    number = "321011202307005965"
    code_at = 60 + 10 * len(number) + int(10 * gap_em)
    row = [(60, number), (code_at, "323EUWSCZCTMNS4Z")]
    label = _row([(60, "Certificate number")], y=740)
    (page,) = text_lines(_pdf(_row(row) + b" " + label, widths=1000))
    assert [t for t, _ in page][1:] == [number, "323EUWSCZCTMNS4Z"]


def test_letter_spaced_words_with_true_widths_stay_whole() -> None:
    # the same gap after glyphs of their own widths is a wide word space, not a column
    (page,) = text_lines(_pdf(_row([(60, "Name"), (100, "Zhang San, born 1997 in Tianjin")])))
    assert [t for t, _ in page] == ["Name Zhang San, born 1997 in Tianjin"]
