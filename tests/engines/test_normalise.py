"""Normalisation on images drawn here: turns, EXIF, broken files, transparency, photos, PDFs."""

from __future__ import annotations

import io
import os

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from stages.normalise import ImageDecodeError, load_image, normalise, photo_orientation
from stages.pdfpages import render_pages, text_layer
from tests.fakes import one_page_pdf

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
CARD_LINES = (
    ("姓名", "欧阳晓彧"),
    ("性别", "女    民族  汉"),
    ("出生", "1997年1月25日"),
    ("住址", "天津市和平区南京路一二三号"),
    ("公民身份号码", "12010119970125746X"),
)


@pytest.fixture(scope="module")
def engine():  # type: ignore[no-untyped-def]
    pytest.importorskip("rapidocr")
    from stages.ocr.rapid import RapidEngine

    return RapidEngine(threads=1)


def card() -> np.ndarray:
    """An ID-card-like page (BGR): labels and values in Chinese on a tinted card."""
    if not os.path.exists(FONT):
        pytest.skip("Noto Sans CJK is not installed")
    img = Image.new("RGB", (856, 540), (228, 234, 240))
    d = ImageDraw.Draw(img)
    label, value = ImageFont.truetype(FONT, 26, index=2), ImageFont.truetype(FONT, 32, index=2)
    y = 70
    for lab, val in CARD_LINES:
        d.text((50, y), lab, font=label, fill=(40, 70, 120))
        d.text((50 + label.getlength(lab) + 30, y - 4), val, font=value, fill=(20, 20, 20))
        y += 88
    d.rectangle((620, 60, 800, 300), fill=(200, 205, 215))
    return cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)


def photographed(page: np.ndarray, rotation: int, skew: float) -> np.ndarray:
    """`page` laid on a dark desk, tilted by `skew` (CCW), then turned clockwise."""
    h, w = page.shape[:2]
    frame = np.full((h + 300, w + 300, 3), (60, 70, 80), np.uint8)
    m = cv2.getRotationMatrix2D((w / 2, h / 2), skew, 1.0)
    m[:, 2] += 150
    cv2.warpAffine(page, m, (w + 300, h + 300), dst=frame, borderMode=cv2.BORDER_TRANSPARENT)
    return np.ascontiguousarray(np.rot90(frame, k=-(rotation // 90)))


def encoded(image: np.ndarray, fmt: str = ".jpg") -> bytes:
    ok, buf = cv2.imencode(fmt, image)
    assert ok
    return buf.tobytes()


# --------------------------------------------------------------------------------------------
# Documents


@pytest.mark.parametrize(("rotation", "skew"), [(0, 4.0), (90, -3.0), (180, 2.0), (270, -5.0)])
def test_turned_card_is_detected_and_corrected(engine, rotation: int, skew: float) -> None:
    image, exif = load_image(encoded(photographed(card(), rotation, skew)))
    norm = normalise(image, engine, exif_orientation=exif)
    assert norm.rotation == rotation
    assert norm.rotation_confidence > 0.5
    assert norm.document_found
    assert norm.skew == pytest.approx(skew, abs=1.5)
    out_h, out_w = norm.image.shape[:2]
    assert out_w > out_h  # the card is landscape again
    assert max(out_w, out_h) <= 1600
    # the quads are the detector's lines, in output coordinates and now horizontal
    assert len(norm.quads) >= 5
    for q in norm.quads:
        assert q.shape == (4, 2)
        assert q[:, 0].min() > -10 and q[:, 0].max() < out_w + 10
        assert q[:, 1].min() > -10 and q[:, 1].max() < out_h + 10
    widths = [np.linalg.norm(q[1] - q[0]) for q in norm.quads]
    heights = [np.linalg.norm(q[3] - q[0]) for q in norm.quads]
    assert np.median(widths) > 2 * np.median(heights)


def test_upright_scan_is_left_alone(engine) -> None:
    page = card()
    norm = normalise(page, engine)
    assert (norm.rotation, norm.skew, norm.document_found) == (0, 0.0, False)
    assert norm.image.shape == page.shape


def test_large_input_is_scaled_down(engine) -> None:
    big = cv2.resize(card(), None, fx=3, fy=3, interpolation=cv2.INTER_CUBIC)
    norm = normalise(big, engine, max_side=1200)
    assert max(norm.image.shape[:2]) == 1200
    assert norm.rotation == 0


def test_exif_rotated_file_counts_as_upright(engine) -> None:
    """Pixels stored turned, with EXIF Orientation 6: a viewer shows the card upright."""
    shown = card()
    stored = Image.fromarray(cv2.cvtColor(np.rot90(shown, k=1), cv2.COLOR_BGR2RGB))
    exif = Image.Exif()
    exif[0x0112] = 6
    buf = io.BytesIO()
    stored.save(buf, "JPEG", quality=90, exif=exif.tobytes())
    image, tag = load_image(buf.getvalue())
    assert tag == 6
    assert image.shape == shown.shape
    norm = normalise(image, engine, exif_orientation=tag)
    assert norm.rotation == 0
    assert norm.exif_orientation == 6


# --------------------------------------------------------------------------------------------
# Decoding


def test_truncated_and_garbage_bytes_raise_decode_error() -> None:
    data = encoded(card())
    with pytest.raises(ImageDecodeError, match="decoded|truncated"):
        load_image(data[: len(data) // 2])
    with pytest.raises(ImageDecodeError):
        load_image(b"")
    with pytest.raises(ImageDecodeError):
        load_image(b"not an image at all" * 10)
    assert issubclass(ImageDecodeError, ValueError)


def _text_mask() -> np.ndarray:
    mask = np.zeros((120, 400), np.uint8)
    cv2.putText(mask, "TEST 123", (10, 85), cv2.FONT_HERSHEY_SIMPLEX, 2.2, 255, 8)
    return mask


@pytest.mark.parametrize("ink", [255, 0])
def test_transparent_png_stays_legible(ink: int) -> None:
    """White text on transparency lands on black, dark text on white."""
    mask = _text_mask()
    rgba = np.zeros((*mask.shape, 4), np.uint8)
    rgba[..., :3] = ink
    rgba[..., 3] = mask
    buf = io.BytesIO()
    Image.fromarray(rgba, "RGBA").save(buf, "PNG")
    image, _ = load_image(buf.getvalue())
    assert image.shape == (*mask.shape, 3) and image.dtype == np.uint8
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY).astype(float)
    text, ground = grey[mask > 200].mean(), grey[mask == 0].mean()
    assert abs(text - ground) > 200


@pytest.mark.parametrize("mode", ["L", "P", "CMYK", "LA", "I;16", "1"])
def test_other_modes_decode_to_bgr(mode: str) -> None:
    base = Image.fromarray(cv2.cvtColor(card(), cv2.COLOR_BGR2RGB))
    if mode == "I;16":
        arr = (np.asarray(base.convert("L")).astype(np.uint16) * 257).astype(np.uint16)
        im = Image.fromarray(arr)
        fmt = "PNG"
    else:
        im = base.convert(mode)
        fmt = "TIFF" if mode == "CMYK" else "PNG"
    buf = io.BytesIO()
    im.save(buf, fmt)
    image, tag = load_image(buf.getvalue())
    assert tag == 1
    assert image.shape == (540, 856, 3) and image.dtype == np.uint8
    assert int(image.max()) - int(image.min()) > 100  # contrast survived the conversion


# --------------------------------------------------------------------------------------------
# Registration photos


def portrait() -> np.ndarray:
    """Head and shoulders on a white background (小2寸 proportions)."""
    img = np.full((567, 390, 3), 250, np.uint8)
    cv2.ellipse(img, (195, 640), (260, 200), 0, 0, 360, (60, 40, 30), -1)  # shoulders
    cv2.rectangle(img, (165, 330), (225, 460), (150, 180, 215), -1)  # neck
    cv2.ellipse(img, (195, 250), (95, 120), 0, 0, 360, (150, 180, 215), -1)  # face
    cv2.ellipse(img, (195, 175), (105, 70), 0, 180, 360, (25, 25, 30), -1)  # hair
    return img


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_photo_orientation(rotation: int) -> None:
    turned = np.ascontiguousarray(np.rot90(portrait(), k=-(rotation // 90)))
    image, _ = load_image(encoded(turned))
    got, confidence = photo_orientation(image)
    assert got == rotation
    assert confidence > 0.5


def test_a_photo_whose_two_ways_up_score_alike_is_not_turned() -> None:
    # a figure running from edge to edge, a little wider at the top (hair at the top edge,
    # clothes as light as the backdrop): 180 wins by a hair, which is no evidence for a turn
    img = np.full((567, 390, 3), 250, np.uint8)
    cv2.rectangle(img, (165, 0), (225, 566), (60, 40, 30), -1)
    cv2.rectangle(img, (160, 0), (230, 20), (60, 40, 30), -1)
    got, confidence = photo_orientation(img)
    assert got == 0 and confidence < 0.1
    flipped = np.ascontiguousarray(img[::-1])  # the same photo upside down: bottom wider
    assert photo_orientation(flipped)[0] == 0


def test_blank_photo_has_no_confidence() -> None:
    assert photo_orientation(np.full((300, 200, 3), 250, np.uint8)) == (0, 0.0)


# --------------------------------------------------------------------------------------------
# PDFs


def _pdf(rotate: int) -> bytes:
    """A one-page PDF: a black square at the top-left of the unrotated page, /Rotate set."""
    content = b"0 0 0 rg 20 700 72 72 re f BT /F1 24 Tf 120 720 Td (Hello) Tj ET"
    return one_page_pdf(content, rotate)


def _square_corner(page: np.ndarray) -> tuple[bool, bool]:
    """(top, left) half holding the black square."""
    ys, xs = np.nonzero(cv2.cvtColor(page, cv2.COLOR_BGR2GRAY) < 60)
    return bool(ys.mean() < page.shape[0] / 2), bool(xs.mean() < page.shape[1] / 2)


@pytest.mark.parametrize(
    ("rotate", "shape_wide", "corner"),
    [
        (0, False, (True, True)),
        (90, True, (True, False)),
        (180, False, (False, False)),
        (270, True, (False, True)),
    ],
)
def test_pdf_pages_render_as_a_viewer_shows_them(
    rotate: int, shape_wide: bool, corner: tuple[bool, bool]
) -> None:
    (page,) = render_pages(_pdf(rotate), dpi=72)
    h, w = page.shape[:2]
    assert (w > h) == shape_wide
    assert _square_corner(page) == corner
    assert "Hello" in text_layer(_pdf(rotate))[0]


def test_broken_pdf_raises_decode_error() -> None:
    with pytest.raises(ImageDecodeError):
        render_pages(b"%PDF-1.4\n% nothing else")


def test_a_thick_blob_the_detector_boxed_does_not_outvote_thin_text_lines() -> None:
    from stages.normalise import _horizontal_share, _Line

    text = [_Line(np.array([100.0, 50.0 * i]), np.array([0.0, 1.0]), 110.0, 14.0) for i in range(4)]
    face = _Line(np.array([300.0, 200.0]), np.array([1.0, 0.0]), 344.0, 208.0)
    share, _ = _horizontal_share([*text, face])
    assert share < 0.5
    # without enough lines to judge what is thick, nothing is dropped
    assert _horizontal_share([text[0], face])[0] > 0.5


def test_a_small_card_in_a_large_frame_is_looked_at_again_closer(engine) -> None:
    # a card held small in a 2400-px frame: at the detector's usual size its glyphs are ~4 px,
    # too small to find; the second look at twice the scale finds the lines and the turn
    small = cv2.resize(card(), None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    frame = np.full((1800, 2400, 3), (200, 205, 210), np.uint8)
    frame[700 : 700 + small.shape[0], 900 : 900 + small.shape[1]] = small
    turned = np.ascontiguousarray(np.rot90(frame, k=-1))
    norm = normalise(turned, engine, find_doc=False)
    assert norm.rotation == 90
    assert len(norm.quads) >= 3


def test_a_shadow_edge_running_off_the_sheet_does_not_cut_the_outline() -> None:
    from stages.normalise import find_document

    frame = np.full((432, 576, 3), (60, 90, 140), np.uint8)  # a brown desk
    sheet = np.array([[100, 80], [480, 70], [490, 330], [110, 345]], np.int32)
    cv2.fillConvexPoly(frame, sheet, (235, 240, 242))
    # a phone's shadow: the sheet's lower right darker, its edge running on across the desk
    shade = np.zeros(frame.shape[:2], np.uint8)
    cv2.fillConvexPoly(shade, np.array([[300, 432], [576, 200], [576, 432]], np.int32), 1)
    frame[shade > 0] = (frame[shade > 0] * 0.6).astype(np.uint8)
    doc = find_document(frame)
    assert doc is not None
    # the outline reaches the sheet's far corner, not the shadow's edge across it
    assert np.linalg.norm(doc[2] - np.array([490, 330])) < 15


def test_an_outline_that_cuts_text_lines_is_told_from_one_with_margins() -> None:
    from stages.normalise import _cuts_text

    def line(x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
        return np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)

    inside = [line(40, 40 + 50 * i, 400, 70 + 50 * i) for i in range(6)]
    assert not _cuts_text(inside, (400, 500, 3))
    # the crop's left edge runs through three of the lines
    cut = inside[:3] + [line(0, 40 + 50 * i, 300, 70 + 50 * i) for i in range(3, 6)]
    assert _cuts_text(cut, (400, 500, 3))
    # one line touching an edge (a page number at the sheet's very edge) is not enough
    assert not _cuts_text([*inside, line(0, 380, 60, 399)], (400, 500, 3))


def test_a_ruled_table_inside_a_photographed_page_is_not_taken_for_the_sheet() -> None:
    """A 社保 statement photographed whole: its table's ruled frame is a clean quadrilateral,
    but the page's title and holder lines lie outside it; cropping to the frame lost them
    and put the table's header at the crop's edge (taken for cut off)."""
    from stages.normalise import _print_outside

    def page(with_print: bool) -> np.ndarray:
        frame = np.full((576, 432), 231, np.uint8)  # a light grey backdrop
        sheet = np.array([[40, 40], [392, 30], [400, 540], [48, 548]], np.int32)
        cv2.fillConvexPoly(frame, sheet, 250)
        cv2.rectangle(frame, (80, 190), (360, 460), 20, 2)  # the table's rules
        for y in range(215, 460, 25):
            cv2.line(frame, (80, y), (360, y), 20, 1)
            cv2.putText(frame, "2025 8700.00", (90, y - 6), 0, 0.4, 20, 1)
        if with_print:  # title, name and ID lines, print date
            for y, text in ((80, "SOCIAL INSURANCE"), (120, "NAME ID 1202251989"),
                            (150, "UNIT TIANJIN"), (500, "PRINTED 2025-12-22")):  # fmt: skip
                cv2.putText(frame, text, (70, y), 0, 0.6, 20, 2)
        return frame

    table = np.array([[80, 190], [360, 190], [360, 460], [80, 460]], np.float32)
    assert _print_outside(page(True), table)
    assert not _print_outside(page(False), table)  # only the sheet's paper round it
    # a sheet with print on it, on a dark desk: nothing printed outside the sheet
    desk = np.full((576, 432), 90, np.uint8)
    desk[40:540, 40:392] = page(True)[40:540, 40:392]
    sheet = np.array([[40, 40], [392, 40], [392, 540], [40, 540]], np.float32)
    assert not _print_outside(desk, sheet)


@pytest.mark.parametrize("rotation", [0, 180])
@pytest.mark.parametrize("seed", [1, 3])
def test_dotted_leaders_do_not_vote_a_page_over(engine, rotation: int, seed: int) -> None:
    # a tuned 备案表 family: each label joined to its right-aligned value by dotted leaders;
    # PP-OCR's 180° classifier calls a crop of leader dots upside down with certainty
    import random

    from lab.synth import render as rnd
    from tests.lab.test_families_more import doc_for

    out = rnd.render(doc_for("diploma_record", "leaders", seed), random.Random(seed))
    page = cv2.cvtColor(np.asarray(out.image.convert("RGB")), cv2.COLOR_RGB2BGR)
    assert normalise(photographed(page, rotation, 2.5), engine).rotation == rotation
