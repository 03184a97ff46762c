"""Reading an untypable character by its shape (stages.glyphs), printed in a font the reference
glyphs are not drawn from (Noto, as the synthetic windows print)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from models import ApplicantForm, Provenance, Reading, Rules
from stages import crosscheck, glyphs, materials, rarenames  # noqa: F401 (materials registers the check ids)
from stages.looks import SecondLook

SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def line(text: str, font: str = SERIF, width: int = 520) -> np.ndarray:
    img = Image.new("RGB", (width, 90), "white")
    ImageDraw.Draw(img).text(
        (20, 15), text, font=ImageFont.truetype(font, 44, index=2), fill="black"
    )
    return np.asarray(img)[:, :, ::-1].copy()


def printed(char: str, font: str = SERIF) -> np.ndarray:
    """The ink mask of one character as a document prints it."""
    mask = glyphs.ink(line(char, font, 120))
    ys, xs = np.nonzero(mask)
    return mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]


@pytest.fixture(scope="module")
def candidates() -> frozenset[str]:
    from stages.ocr.rapid import RapidEngine

    return glyphs.untypable(RapidEngine().charset)


def test_untypable_characters_are_the_han_ones_gbk_cannot_encode() -> None:
    assert glyphs.untypable(frozenset("张𬘡䶮a頫·？")) == frozenset("𬘡䶮")


def test_the_reference_fonts_are_installed() -> None:
    # `make install` puts them there; without them `?` names are read as before, silently
    assert glyphs.font_versions()
    assert glyphs.reference("𬘡")


@pytest.mark.parametrize(("char", "look_alike"), [("𬘡", "细"), ("𬭚", "谆"), ("𬇙", "贝")])
@pytest.mark.parametrize("font", [SERIF, SANS])
def test_an_untypable_character_is_found_among_all_of_them(
    candidates: frozenset[str], char: str, look_alike: str, font: str
) -> None:
    match = glyphs.best_untypable(printed(char, font), look_alike, candidates)
    assert match is not None and match.char == char and match.decisive


@pytest.mark.parametrize("char", ["细", "明", "张"])
def test_a_printed_common_character_is_not_taken_for_an_untypable_one(
    candidates: frozenset[str], char: str
) -> None:
    match = glyphs.best_untypable(printed(char), char, candidates)
    assert match is not None and not match.decisive


def test_a_clearly_different_character_rules_an_untypable_one_out() -> None:
    assert glyphs.ruled_out(printed("明"), "明", "𬘡") is True
    # the look-alike the recogniser reads does not rule out what is really printed
    assert glyphs.ruled_out(printed("𬘡"), "细", "𬘡") is False


def test_the_character_is_cut_out_of_its_line_by_position(candidates: frozenset[str]) -> None:
    image = line("姓名乔𬘡性别")
    font = ImageFont.truetype(SERIF, 44, index=2)
    left, width = 20 + font.getlength("姓名乔"), font.getlength("𬘡")
    # the recogniser's peak falls in the right part of a character; or, where it did not read
    # the character at all, the print after the one before it
    at = glyphs.glyph_at(image, left + 0.7 * width)
    after_qiao = glyphs.glyph_at(image, left - 0.3 * width, step=1)
    assert at is not None and after_qiao is not None and np.array_equal(at, after_qiao)
    match = glyphs.best_untypable(at, "细", candidates)
    assert match is not None and match.char == "𬘡" and match.decisive


def test_a_ruled_table_cell_leaves_only_the_print() -> None:
    image = line("乔𬘡", width=300)
    image[5:8, :] = 0  # rules above and below, a cell border on the left
    image[84:87, :] = 0
    image[:, 10:12] = 0
    mask = glyphs.ink(image)
    assert not mask[5:8].any() and not mask[84:87].any() and not mask[:, 10:12].any()
    assert mask[20:75, 20:130].any()


def test_the_recognisers_look_alike_is_replaced_from_the_crop() -> None:
    from stages.ocr.rapid import RapidEngine

    engine = RapidEngine()
    image = line("姓名乔𬘡")
    look = SecondLook(engine, "id_front", image)
    reading = Reading("name", "乔细", 0.97, "ppocr", box=(15, 10, 470, 80), source="姓名乔细")
    mask = look.glyph(reading, 1)
    assert mask is not None
    match = glyphs.best_untypable(mask, "细", glyphs.untypable(engine.charset))
    assert match is not None and match.char == "𬘡" and match.decisive


def test_the_untypable_character_read_at_a_forms_question_mark_is_named() -> None:
    form = ApplicantForm("1", name="乔?")
    ctx = crosscheck.Context(form, "id_front", "f", date(2026, 1, 31), Rules())
    reading = Reading("name", "乔𬘡", 0.97, "ppocr", provenance=(Provenance.GLYPH,))
    f = crosscheck.compare(ctx, "name", form.name, reading, crosscheck.same_name)
    assert f.status == "pass" and "𬘡" in f.message


@pytest.mark.parametrize(("printed_there", "agreed"), [("𬘡", True), ("明", False)])
def test_a_character_another_document_shows_is_read_where_the_print_looks_like_it(
    tmp_path: Path, printed_there: str, agreed: bool
) -> None:
    from stages.ocr.rapid import RapidEngine

    engine = RapidEngine()
    form = ApplicantForm("1", name="乔?")
    held = rarenames.UnknownNames(engine.charset)
    ctx = crosscheck.Context(form, "diploma", "d.jpg", date(2026, 1, 31), Rules())
    look = SecondLook(engine, "diploma", line("姓名乔" + printed_there))
    held.unknown_names["d.jpg"] = (ctx, look)
    read_as = "乔细" if agreed else "乔明"
    readings = [
        ("r.pdf", Reading("name", "乔𬘡", 1.0, "pdf-text")),  # a text layer shows the character
        (
            "d.jpg",
            Reading("name", read_as, 0.97, "ppocr", box=(15, 10, 470, 80), source="姓名" + read_as),
        ),
    ]
    before = crosscheck.compare(ctx, "name", form.name, readings[1][1], crosscheck.same_name)
    findings, after = rarenames.untypable_agreed(form, held, [before], readings)
    (reading,) = [r for path, r in after if path == "d.jpg"]
    if agreed:
        assert reading.value == "乔𬘡" and reading.provenance == (Provenance.GLYPH,)
        assert findings[0].status == "pass" and "𬘡" in findings[0].message
    else:  # a clearly different character printed there stays as read (a name fault)
        assert reading.value == "乔明" and findings == [before]


@pytest.mark.parametrize(("rare", "look_alike"), [("亓", "元"), ("玙", "玲"), ("仉", "仇")])
@pytest.mark.parametrize("font", [SERIF, SANS])
def test_a_rare_form_character_read_as_a_look_alike_is_seen_in_the_print(
    rare: str, look_alike: str, font: str
) -> None:
    assert glyphs.looks_like(printed(rare, font), look_alike, rare)


@pytest.mark.parametrize(("form_char", "printed_char"), [("婧", "靖"), ("薇", "微"), ("昊", "吴")])
@pytest.mark.parametrize("font", [SERIF, SANS])
def test_a_printed_look_alike_of_a_rare_form_character_stays_as_read(
    form_char: str, printed_char: str, font: str
) -> None:
    # a look-alike fault: the document prints another character than the form's
    assert not glyphs.looks_like(printed(printed_char, font), printed_char, form_char)


@pytest.mark.parametrize(
    ("printed_name", "read_as", "kept"),
    [
        ("亓辰涛", "元辰涛", "亓辰涛"),  # the rare character printed: taken from the print
        ("元辰涛", "元辰涛", "元辰涛"),  # the look-alike printed: a name fault, kept as read
        ("林晓", "林哓", "林哓"),  # the form's character is the commoner one: not judged here
    ],
)
def test_a_rare_form_character_replaces_the_look_alike_only_where_printed(
    tmp_path: Path, printed_name: str, read_as: str, kept: str
) -> None:
    from stages.ocr.rapid import RapidEngine

    engine = RapidEngine()
    form_name = "林晓" if read_as == "林哓" else "亓辰涛"
    look = SecondLook(engine, "diploma", line("姓名" + printed_name))
    reading = Reading(
        "name", read_as, 0.97, "ppocr", box=(15, 10, 470, 80), source="姓名" + read_as
    )
    got = rarenames.rare_name(ApplicantForm("1", name=form_name), reading, look)
    assert got.value == kept
    assert got.provenance == ((Provenance.GLYPH,) if kept != read_as else ())
