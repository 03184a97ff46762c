"""Quality gates on synthetic pages: sharp vs blurred, glare vs none, cut vs whole, small vs not."""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np
import pytest

from models import Upload
from stages import quality

pytestmark = pytest.mark.unit

LINE = 30  # px: the height of a text line on the synthetic page


def _page(paper: int = 205, w: int = 900, h: int = 700, x0: int = 60) -> tuple[np.ndarray, list]:
    """A grey page with eight lines of dark print, and the detector's quads round them."""
    img = np.full((h, w, 3), paper, np.uint8)
    quads = []
    for i in range(8):
        y = 80 + i * 70
        cv2.putText(img, "HXEKWMAZ 1234567", (x0, y + LINE - 6), cv2.FONT_HERSHEY_SIMPLEX, 1.1,
                    (20, 20, 20), 3, cv2.LINE_AA)  # fmt: skip
        box = [[x0 - 4, y], [x0 + 560, y], [x0 + 560, y + LINE], [x0 - 4, y + LINE]]
        quads.append(np.array(box, np.float32))
    return img, quads


def _gates(img: np.ndarray, quads: list, scale: float = 1.0) -> set[str]:
    return {p.gate for p in quality.problems(quality.measure(img, quads, scale), "毕业证书")}


def test_sharp_page_passes_every_gate() -> None:
    img, quads = _page()
    assert _gates(img, quads) == set()


def test_blurred_page_is_blurred() -> None:
    img, quads = _page()
    blurred = cv2.GaussianBlur(img, (0, 0), 0.25 * LINE)
    m = quality.measure(blurred, quads, 1.0)
    assert m.blur is not None and m.blur > quality.BLUR_MAX
    assert quality.measure(img, quads, 1.0).blur < quality.BLUR_MAX  # type: ignore[operator]
    assert "blur" in _gates(blurred, quads)


def test_blur_is_relative_to_the_print_not_the_pixels() -> None:
    img, quads = _page()
    big = cv2.resize(img, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)
    big_quads = [q * 2 for q in quads]
    assert _gates(big, big_quads, 2.0) == set()


def test_glare_over_print_is_glare() -> None:
    img, quads = _page()
    glared = img.astype(np.float32)
    yy, xx = np.mgrid[0 : img.shape[0], 0 : img.shape[1]].astype(np.float32)
    d2 = ((xx - 300) / 110) ** 2 + ((yy - 250) / 70) ** 2
    a = np.minimum(1.0, 2.0 * np.exp(-1.6 * d2))[..., None]
    glared = (glared + (255 - glared) * a).astype(np.uint8)
    m = quality.measure(glared, quads, 1.0)
    assert m.glare >= quality.GLARE_MIN_AREA and m.glare_box is not None
    assert "glare" in _gates(glared, quads)


def test_white_scan_and_bright_paper_are_not_glare() -> None:
    img, quads = _page(paper=252)  # a flat-bed scan: the paper itself is near white
    assert quality.measure(img, quads, 1.0).glare == 0.0
    lit, quads = _page(paper=215)  # smooth lighting: one side brighter, up to white
    ramp = np.linspace(0, 45, lit.shape[1], dtype=np.float32)[None, :, None]
    lit = np.clip(lit.astype(np.float32) + ramp, 0, 255).astype(np.uint8)
    assert "glare" not in _gates(lit, quads)


def test_a_white_strip_beside_a_grey_band_is_not_glare() -> None:
    # a certificate's grey header band under a strip of white paper at the page's top edge:
    # brighter than the band, but hardly brighter than the paper beside it
    img, quads = _page(paper=238)
    band = img[55:125]
    band[band > 200] = 205  # the first line's print stays dark on the band
    img[:55, :650] = 252  # paper lit a little unevenly: 252 to the left, 246 to the right
    img[:55, 650:] = 246
    assert "glare" not in _gates(img, quads)
    assert quality.measure(img, quads, 1.0).glare == 0.0
    img[:55] = 252  # the strip the page's whole width: only the band beside it at all
    assert quality.measure(img, quads, 1.0).glare == 0.0
    img[:, :20] = img[:, -20:] = 238  # …or within a line of it, a frame's margin beside it
    assert quality.measure(img, quads, 1.0).glare == 0.0


def test_print_cut_at_the_edge_is_cut_off() -> None:
    img, quads = _page(x0=60)
    cut = np.ascontiguousarray(img[:, 200:])
    cut_quads = [np.clip(q - np.array([200, 0], np.float32), 0, None) for q in quads]
    m = quality.measure(cut, cut_quads, 1.0)
    assert m.cut_lines >= quality.CUT_MIN_LINES and m.cut_side == "left"
    assert "cut_off" in _gates(cut, cut_quads)
    assert quality.measure(img, quads, 1.0).cut_lines == 0


def _title_over_small_print(body_scale: float) -> tuple[np.ndarray, list]:
    """A page whose detector found only its big title: the body lines (cv2 text at
    `body_scale`) lie under it unfound."""
    img = np.full((900, 700, 3), 235, np.uint8)
    cv2.putText(img, "TITLE", (200, 90), cv2.FONT_HERSHEY_SIMPLEX, 2.0, (20, 20, 20), 4)
    for i in range(30):
        y = 150 + i * int(60 * body_scale)
        cv2.putText(img, "HXEKWMAZ 1234567 ABCD", (60, y), cv2.FONT_HERSHEY_SIMPLEX,
                    body_scale, (20, 20, 20), 1, cv2.LINE_AA)  # fmt: skip
    title = np.array([[190, 40], [420, 40], [420, 100], [190, 100]], np.float32)
    return img, [title]


def test_the_ink_measures_the_body_print_the_detector_missed() -> None:
    small, quads = _title_over_small_print(0.35)  # ~8 px capitals: too small to read
    m = quality.measure(small, quads, 1.0)
    assert m.line_px == 60 and m.glyph_px is not None and m.glyph_px < quality.SMALL_MIN_PX
    assert "too_small" in {p.gate for p in quality.problems(m, "毕业证书")}
    # a card prints few lines by design: its lines are all there is
    card = quality.measure(small, quads, 1.0, few_lines_by_design=True)
    assert card.glyph_px == 60
    # body print of a readable size under the same title is not too small
    fine, quads = _title_over_small_print(0.9)
    assert "too_small" not in _gates(fine, quads)
    ink = quality.ink_line_px(cv2.cvtColor(fine, cv2.COLOR_BGR2GRAY))
    assert ink is not None and 14 <= ink <= 24  # 0.9 × cv2's ~22 px capitals


def test_a_small_page_measures_its_body_from_the_ink_however_many_lines_were_found() -> None:
    """A diploma small in the frame (453 px tall once cut out): the detector's boxes on it
    are its larger print and blobs of several body lines, nine of them, 23 px tall."""
    page, _ = _title_over_small_print(0.35)
    small = cv2.resize(page, (350, 450), interpolation=cv2.INTER_AREA)
    blobs = [
        np.array([[40, 60 + 40 * i], [300, 60 + 40 * i], [300, 83 + 40 * i], [40, 83 + 40 * i]],
                 np.float32)
        for i in range(9)
    ]  # fmt: skip
    m = quality.measure(small, blobs, 1.0)
    assert m.line_px == 23 and m.glyph_px is not None and m.glyph_px < quality.SMALL_MIN_PX
    # the same boxes on a page of a usual size are taken as they are
    large = cv2.resize(page, (700, 900), interpolation=cv2.INTER_AREA)
    assert quality.measure(large, blobs, 1.0).glyph_px == 23


def test_printed_words_cut_at_the_left_border_are_cut_off() -> None:
    """An ID card's back framed through its labels: 机关 | … and 期限 | … at the border."""
    from models import TextLine

    words = ("居民身份证", "签发机关", "有效期限")

    def line(text: str, x0: int) -> TextLine:
        return TextLine(text, 0.99, (x0, 100, x0 + 400, 100 + LINE), "fake")

    cut = [line("居民身份证", 120), line("机关天津市公安局", 4), line("期限2025.06.02-2035", 6)]
    assert quality.cut_labels(cut, words, LINE) == 2
    img, quads = _page()
    m = quality.measure(img, quads, 1.0, lines=cut, words=words)
    assert m.cut_labels == 2 and "cut_off" in {p.gate for p in quality.problems(m, "身份证")}
    # set in from the border, whole, or a tail that is a word of its own: nothing cut
    whole = [line("签发机关天津市公安局", 4), line("机关天津市公安局", 3 * LINE)]
    assert quality.cut_labels(whole, words, LINE) == 0
    assert quality.cut_labels([line("期限2025", 2)], (*words, "期限"), LINE) == 0
    one = quality.measure(img, quads, 1.0, lines=cut[:2], words=words)
    assert "cut_off" not in {p.gate for p in quality.problems(one, "身份证")}
    # one cut word and the stubs of cut print on the same border (本校修完… of 在本校修完…)
    m = quality.Measures(15, 45.0, 45.0, 0.02, 0.0, None, 0, None, 9, "left", 1)
    assert "cut_off" in {p.gate for p in quality.problems(m, "毕业证书")}
    assert "cut_off" not in {p.gate for p in quality.problems(replace(m, cut_strokes=3), "x")}
    assert "cut_off" not in {p.gate for p in quality.problems(replace(m, stroke_side="top"), "x")}
    # a line that starts with a whole word holding the tail is no cut word
    assert quality.cut_labels([line("在本校修完全部课程", 2)], ("在本校",), LINE) == 0
    assert (
        quality.cut_labels([line("本校修完全部课程，准予毕业", 2)], ("在本校", "准予毕业"), LINE)
        == 1
    )


def test_lines_at_the_frames_border_with_cut_strokes_are_cut_off() -> None:
    """A diploma framed through its label column: its values' lines start at the upload's
    left border (within 0.4 line heights) and print strokes cross it; a page whose
    document outline was found (its border is the paper's) is not measured so."""
    img, quads = _page(x0=10)  # eight lines starting 6 px from the border (LINE 30)
    boxes = quality.boxes_of(quads)
    assert quality._near_border(boxes, img.shape, LINE, "left") == 8
    assert quality._near_border(boxes, img.shape, LINE, "right") == 0
    assert quality._near_border(quality.boxes_of(_page(x0=60)[1]), img.shape, LINE, "left") == 0
    assert quality.measure(img, quads, 1.0, img).near_lines == 0  # the paper's border
    m = quality.Measures(8, 30.0, 30.0, 0.02, 0.0, None, 0, None, 6, "left", 0, False, 8)
    assert "cut_off" in {p.gate for p in quality.problems(m, "毕业证书")}
    assert "cut_off" not in {p.gate for p in quality.problems(replace(m, near_lines=2), "x")}
    assert "cut_off" not in {p.gate for p in quality.problems(replace(m, cut_strokes=4), "x")}


def test_small_print_in_the_upload_is_too_small() -> None:
    img, quads = _page()
    # the page enlarged 2× for reading from an upload whose lines stood 15 px tall
    assert "too_small" in _gates(img, quads, scale=2.0)
    assert "too_small" not in _gates(img, quads, scale=1.0)


def test_findings_one_pass_or_one_per_failed_gate_with_chinese_messages() -> None:
    upload = Upload(applicant_id="a1", slot="diploma", path="uploads/a1/diploma/d.jpg",
                    sha256="0", size=1, kind="jpeg")  # fmt: skip
    ok = list(quality.findings("a1", upload, "diploma", []))
    assert [(f.field, f.status, f.check) for f in ok] == [("quality", "pass", "quality")]
    img, quads = _page()
    blurred = cv2.GaussianBlur(img, (0, 0), 0.25 * LINE)
    found = quality.problems(quality.measure(blurred, quads, 1.0), "毕业证书")
    bad = list(quality.findings("a1", upload, "diploma", found))
    assert {f.check for f in bad} == {"quality.blur"}
    assert all(f.status == "unreadable" and "模糊" in f.message for f in bad)


def test_an_unreadable_field_names_the_page_problem() -> None:
    from models import checks

    img, quads = _page()
    found = quality.problems(
        quality.measure(cv2.GaussianBlur(img, (0, 0), 0.25 * LINE), quads, 1.0), "毕业证书"
    )
    f = checks.finding(
        checks.QUALITY, applicant_id="a1", slot="diploma", file=None, field="name",
        status="unreadable", expected="张三", observed=None, confidence=None,
        message="姓名无法识别。",
    )  # fmt: skip
    assert "图片模糊" in quality.with_cause(f, found).message
    assert quality.with_cause(f, []).message == "姓名无法识别。"


def test_print_cut_by_the_upload_border_is_seen_in_the_frame() -> None:
    img, quads = _page(x0=60)
    cut = np.ascontiguousarray(img[:, 96:])  # through the X of every line
    cut_quads = [q - np.array([96, 0], np.float32) for q in quads]  # the detector saw past it
    whole = quality.measure(img, quads, 1.0, frame=img)
    assert whole.cut_strokes < quality.CUT_MIN_STROKES
    m = quality.measure(cut, cut_quads, 1.0, frame=cut)
    assert m.cut_strokes >= quality.CUT_MIN_STROKES and m.stroke_side == "left"
    assert "cut_off" in {p.gate for p in quality.problems(m, "毕业证书")}


def test_a_shadow_across_the_frames_edge_is_no_row_of_cut_strokes() -> None:
    """A phone's shadow darkening one end of the bottom edge, its boundary noisy (JPEG): dark
    against the edge as a whole, but no stroke against the ground beside it."""
    rng = np.random.default_rng(3)
    frame = np.full((600, 900), 205, np.int16)
    frame[:, :450] = 140  # the shadow's half of the edge, about as dark as a stroke would be
    frame = np.clip(frame + rng.normal(0, 12, frame.shape), 0, 255).astype(np.uint8)
    count, _side = quality._border_strokes(frame, 30.0)
    assert count < quality.CUT_MIN_STROKES
    # print cut by the same edge is still seen: dark stubs on the light part
    for x in range(520, 880, 24):
        frame[-14:, x : x + 4] = 20
    count, side = quality._border_strokes(frame, 30.0)
    assert count >= quality.CUT_MIN_STROKES and side == "bottom"


def test_a_blurred_page_is_not_also_called_cut_off() -> None:
    img, quads = _page()
    blurred = cv2.GaussianBlur(img, (0, 0), 0.25 * LINE)
    blob = [np.array([[0, 40], [900, 40], [900, 660], [0, 660]], np.float32)] * 3
    assert _gates(blurred, blob) == {"blur"}


def _recipe(pixels: np.ndarray, slot: str = "diploma") -> list:
    """The findings of one upload read through the recipe with a fake engine."""
    from datetime import date

    from pipeline.rules import load_rules
    from stages import recipe
    from stages.rarenames import UnknownNames
    from tests.fakes import FakeEngine

    ok, png = cv2.imencode(".png", pixels)
    assert ok
    upload = Upload(applicant_id="a1", slot=slot, path=f"uploads/a1/{slot}/d.png", size=1,
                    sha256="0", kind="png")  # fmt: skip
    job = recipe.UploadJob("a1", None, load_rules("天津市"), date(2026, 1, 31), upload, 0,
                           "pages/a1", "evidence/a1")  # fmt: skip
    engine = FakeEngine(["xx", "yy", "zz"])
    out = recipe.read_upload(job, png.tobytes(), recipe.Engines(engine), UnknownNames(None))
    return out.findings


def test_the_recipe_reports_the_gates_and_names_the_cause_on_unreadable_findings() -> None:
    img, _ = _page()
    sharp = _recipe(img)
    assert [f.status for f in sharp if f.field == "quality"] == ["pass"]
    blurred = _recipe(cv2.GaussianBlur(img, (0, 0), 0.25 * LINE))
    assert [(f.check, f.status) for f in blurred if f.field == "quality"] == [
        ("quality.blur", "unreadable")
    ]
    (doc,) = [f for f in blurred if f.field == "doc_type"]
    assert doc.status == "unreadable" and "可能原因：图片模糊" in doc.message
    assert not [f for f in _recipe(img, "photo") if f.field == "quality"]  # not a document


def test_legible_print_is_held_to_a_stricter_blur_bar_than_small_print() -> None:
    """A document page of legible print whose edges spread 7% of a line is blurred (the 16th
    report's tuned licence: 20 px glyphs under σ 5.4 px measured 0.070); small print's edges
    are that soft by its size alone, so only the too-small gate speaks for it; and a crop of
    a line or two is not measured against the document bar."""

    def gates(glyph_px: float, lines: int, blur: float) -> set[str]:
        m = quality.Measures(lines, glyph_px, glyph_px, blur, 0.0, None, 0, None)
        return {p.gate for p in quality.problems(m, "医疗机构执业许可证")}

    assert gates(56.0, 11, 0.070) == {"blur"}
    assert gates(56.0, 11, 0.046) == set()  # the softest real document scan measured
    assert gates(14.0, 30, 0.070) == {"too_small"}
    assert gates(27.0, 1, 0.070) == set()
    assert gates(27.0, 1, 0.090) == {"blur"}
    (found,) = quality.problems(quality.Measures(11, 56.0, 56.0, 0.07, 0.0, None, 0, None), "证")
    assert "上限 0.06" in found.observed


def test_a_cards_two_character_labels_cut_to_their_last_character() -> None:
    """An ID card's front framed through its label column: 名, 生, 址 stand alone at the
    border where the card prints 姓名, 出生, 住址 (the slow e2e window's missed cut-off). A
    word's last character counts only standing alone, and only among a card's words."""
    from models import TextLine
    from stages import materials
    from stages.recipe import _printed_words

    def line(text: str, x0: int, y: int = 100) -> TextLine:
        return TextLine(text, 0.99, (x0, y, x0 + 40 * len(text), y + LINE), "fake")

    card = _printed_words(materials.get("id_front"), card=True)  # type: ignore[arg-type]
    assert {"姓名", "出生", "住址"} <= set(card)
    cut = [line("名", 12), line("史辰沨", 132), line("生", 15, 200), line("址", 12, 300)]
    assert quality.cut_labels(cut, card, LINE) == 3
    # set in from the border, or the whole label: nothing cut; a lone character inside a
    # value's line is no label
    assert quality.cut_labels([line("名", 3 * LINE), line("姓名", 4)], card, LINE) == 0
    assert quality.cut_labels([line("名人", 4)], card, LINE) == 0
    # other materials' words: three characters and more, as before
    diploma = _printed_words(materials.get("diploma"))  # type: ignore[arg-type]
    assert all(len(w) >= 3 for w in diploma)
