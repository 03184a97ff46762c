"""Seals and signatures on synthetic pages: seal vs none, signed vs blank, rules decide."""

from __future__ import annotations

import math
from dataclasses import replace

import cv2
import numpy as np
import pytest

from models import Rules, TextLine, Upload
from stages import seals

pytestmark = pytest.mark.unit

LINE = 30
UPLOAD = Upload(applicant_id="a1", slot="probation_cert", path="uploads/a1/p/p.jpg", size=1,
                sha256="0", kind="jpeg")  # fmt: skip
RULES = Rules(seal_slots=("probation_cert",), signature_slots=("pledge",))


def _paper(w: int = 900, h: int = 700) -> np.ndarray:
    img = np.full((h, w, 3), 240, np.uint8)
    for i in range(6):
        cv2.putText(img, "HXEKWMAZ 12345", (60, 90 + 60 * i), cv2.FONT_HERSHEY_SIMPLEX, 1.0,
                    (20, 20, 20), 2, cv2.LINE_AA)  # fmt: skip
    return img


def _stamp(img: np.ndarray, cx: int, cy: int, r: int, faint: bool = False) -> np.ndarray:
    """A red seal: ring, star and some lettering, multiplied over the page like ink."""
    layer = np.zeros(img.shape[:2], np.uint8)
    cv2.circle(layer, (cx, cy), r, 255, max(3, r // 15))
    star = [
        (cx + (r * 0.3 if k % 2 == 0 else r * 0.12) * math.cos(-math.pi / 2 + k * math.pi / 5),
         cy + (r * 0.3 if k % 2 == 0 else r * 0.12) * math.sin(-math.pi / 2 + k * math.pi / 5))
        for k in range(10)
    ]  # fmt: skip
    cv2.fillPoly(layer, [np.array(star, np.int32)], 255)
    cv2.putText(layer, "SEAL", (cx - r // 2, cy + r // 2), cv2.FONT_HERSHEY_SIMPLEX, 0.9, 255, 2)
    a = layer.astype(np.float32)[..., None] / 255.0 * (0.5 if faint else 0.85)
    red = np.array([32, 28, 200], np.float32) / 255.0  # BGR
    out = img.astype(np.float32) * (1 - a + a * red)
    return out.astype(np.uint8)


def test_a_red_seal_is_found_and_its_absence_is_missing() -> None:
    page = _paper()
    sealed = _stamp(page, 650, 450, 90)
    assert seals.find_seals(sealed, LINE)
    assert seals.find_seals(_stamp(page, 650, 450, 90, faint=True), LINE)
    assert not seals.find_seals(page, LINE)
    ok = list(seals.check_marks("a1", UPLOAD, "probation_cert", RULES, sealed, [], LINE))
    assert [(f.field, f.status, f.check) for f in ok] == [("seal", "pass", "probation_cert.seal")]
    bad = list(seals.check_marks("a1", UPLOAD, "probation_cert", RULES, page, [], LINE))
    assert [(f.field, f.status) for f in bad] == [("seal", "missing")]
    assert "公章" in bad[0].message


def _desk(w: int = 1100, h: int = 900) -> np.ndarray:
    """A wooden desk: a tan ground (hue ~15, not seal red) with darker grain, and redder knots
    of a seal's size (on real photos the grain's red streaks close into such rings)."""
    rng = np.random.default_rng(3)
    img = np.zeros((h, w, 3), np.uint8)
    img[:] = (60, 110, 160)  # BGR tan: saturation ~160
    for y in range(0, h, 14):
        wobble = int(rng.integers(-15, 15))
        cv2.line(img, (0, y), (w, y + wobble), (50, 90, 140), 2)
    for cx, cy in ((120, 200), (980, 650)):  # knots: red-brown, hue ~4
        cv2.circle(img, (cx, cy), 80, (45, 60, 160), 9)
    return img


def test_a_wooden_desks_grain_is_no_seal_but_a_seal_on_the_paper_on_it_is() -> None:
    desk = _desk()
    assert seals.find_seals(desk, LINE)  # red rings of a seal's size: the red alone says seal
    ring_only = list(seals.check_marks("a1", UPLOAD, "probation_cert", RULES, desk, [], LINE))
    assert [(f.field, f.status) for f in ring_only] == [("seal", "missing")]
    # the page cut out of the photo holds no seal; the whole photo (the frame) holds knots
    page = _paper()
    on_desk = list(
        seals.check_marks("a1", UPLOAD, "probation_cert", RULES, page, [], LINE, (desk, LINE))
    )
    assert [(f.field, f.status) for f in on_desk] == [("seal", "missing")]
    framed = desk.copy()
    framed[100:800, 150:1050] = _stamp(page, 650, 450, 90)
    sealed = list(
        seals.check_marks("a1", UPLOAD, "probation_cert", RULES, page, [], LINE, (framed, LINE))
    )
    assert [(f.field, f.status) for f in sealed] == [("seal", "pass")]


def test_red_print_that_is_not_round_or_not_seal_sized_is_no_seal() -> None:
    page = _paper()
    cv2.rectangle(page, (100, 500), (800, 540), (32, 28, 200), -1)  # a red banner
    cv2.circle(page, (700, 150), 12, (32, 28, 200), 3)  # a small red mark
    assert not seals.find_seals(page, LINE)


def test_rules_decide_which_slots_are_checked() -> None:
    page = _paper()
    assert not list(seals.check_marks("a1", UPLOAD, "diploma", RULES, page, [], LINE))
    none = replace(RULES, seal_slots=())
    assert not list(seals.check_marks("a1", UPLOAD, "probation_cert", none, page, [], LINE))


def _pledge(signed: bool) -> tuple[np.ndarray, list[TextLine]]:
    img = _paper()
    for k in range(8):  # the label's print: eight full-width characters, 22 px ink, 25 advance
        x = 304 + 25 * k
        cv2.rectangle(img, (x, 564), (x + 21, 585), (20, 20, 20), 2)
        cv2.line(img, (x + 11, 564), (x + 11, 585), (20, 20, 20), 2)
    label = TextLine("承诺人（签字）：", 0.95, (300, 560, 540, 590), "rapid")
    if signed:
        pts = np.array([(560 + 20 * k, 575 + (12 if k % 2 else -14)) for k in range(10)], np.int32)
        cv2.polylines(img, [pts], False, (60, 30, 30), 3, cv2.LINE_AA)
    return img, [label]


def test_a_signature_right_of_its_label_passes_and_a_blank_is_missing() -> None:
    slot = "pledge"
    up = replace(UPLOAD, slot=slot)
    img, lines = _pledge(signed=True)
    ok = list(seals.check_marks("a1", up, slot, RULES, img, lines, LINE))
    assert [(f.field, f.status, f.check) for f in ok] == [("signature", "pass", "pledge.signature")]
    img, lines = _pledge(signed=False)
    bad = list(seals.check_marks("a1", up, slot, RULES, img, lines, LINE))
    assert [(f.field, f.status) for f in bad] == [("signature", "missing")]
    assert "签字" in bad[0].message


def test_a_thumbprint_without_a_signature_is_no_signature() -> None:
    """签名并按手印: a red thumbprint right of the label, the pen's strokes missing. Red is a
    seal's or a thumbprint's ink, never a pen's."""
    img, lines = _pledge(signed=False)
    cv2.ellipse(img, (620, 575), (28, 36), 0, 0, 360, (110, 110, 225), -1)  # BGR: red
    for r in range(6, 34, 6):
        cv2.ellipse(img, (620, 575), (r, r + 6), 0, 0, 360, (80, 80, 200), 2)
    up = replace(UPLOAD, slot="pledge")
    bad = list(seals.check_marks("a1", up, "pledge", RULES, img, lines, LINE))
    assert [(f.field, f.status) for f in bad] == [("signature", "missing")]
    signed, _ = _pledge(signed=True)
    cv2.ellipse(signed, (760, 575), (28, 36), 0, 0, 360, (110, 110, 225), -1)
    ok = list(seals.check_marks("a1", up, "pledge", RULES, signed, lines, LINE))
    assert [(f.field, f.status) for f in ok] == [("signature", "pass")]


def test_signature_strokes_read_into_the_label_line_still_count() -> None:
    img, _ = _pledge(signed=True)
    # the reader joined the scribble to the label: one line reaching over the signature
    joined = [TextLine("承诺人（签字）：一", 0.7, (300, 560, 760, 590), "rapid")]
    ink = seals.signature_ink(img, joined, LINE)
    assert ink is not None and ink.signed and ink.after == "一"
    blank, _ = _pledge(signed=False)
    label_only = [TextLine("承诺人（签字）：", 0.9, (300, 560, 760, 590), "rapid")]
    ink = seals.signature_ink(blank, label_only, LINE)
    assert ink is not None and not ink.signed


def test_a_notice_asking_for_a_signature_is_no_place_to_sign() -> None:
    """注意事项: 1.本承诺书须由考生本人手写签名；2.考生须…: the notice's words run on after
    签名 into the next clause, print the reader reads after it; only the blank beside the real
    label decides."""
    img, lines = _pledge(signed=False)
    for k in range(20):  # the notice's print, two lines below the label
        x = 100 + 25 * k
        cv2.rectangle(img, (x, 644), (x + 21, 665), (20, 20, 20), 2)
    notice = TextLine("1.本承诺书须由考生本人手写签名；2.考生须在报名审核时提交承诺书原件。",
                      0.99, (96, 640, 600, 670), "rapid")  # fmt: skip
    up = replace(UPLOAD, slot="pledge")
    bad = list(seals.check_marks("a1", up, "pledge", RULES, img, [*lines, notice], LINE))
    assert [(f.field, f.status) for f in bad] == [("signature", "missing")]
    signed, _ = _pledge(signed=True)
    ok = list(seals.check_marks("a1", up, "pledge", RULES, signed, [*lines, notice], LINE))
    assert [(f.field, f.status) for f in ok] == [("signature", "pass")]
    # a label listing what goes beside it is still a label
    listed = [TextLine("考生签字、按手印：", 0.95, (300, 560, 540, 590), "rapid")]
    ink = seals.signature_ink(signed, listed, LINE)
    assert ink is not None and ink.signed
    blank, _ = _pledge(signed=False)
    ink = seals.signature_ink(blank, listed, LINE)
    assert ink is not None and ink.after == "" and not ink.signed


def test_a_bracketed_label_ends_where_its_brackets_close() -> None:
    """承诺人（签名并按手印）：read whole: the words after 签名 inside the brackets are the
    label's, not a signature read into its line; the blank beside it is missing."""
    blank, _ = _pledge(signed=False)
    label = [TextLine("承诺人（签名并按手印）：", 0.99, (300, 560, 540, 590), "rapid")]
    ink = seals.signature_ink(blank, label, LINE)
    assert ink is not None and ink.after == "" and not ink.signed
    signed, _ = _pledge(signed=True)
    ink = seals.signature_ink(signed, label, LINE)
    assert ink is not None and ink.signed
    # a scribble read into the line after the brackets still counts
    joined = [TextLine("承诺人（签名并按手印）：一", 0.7, (300, 560, 760, 590), "rapid")]
    ink = seals.signature_ink(signed, joined, LINE)
    assert ink is not None and ink.after == "一"


def test_no_signature_label_read_is_unreadable_not_missing() -> None:
    up = replace(UPLOAD, slot="pledge")
    img, _ = _pledge(signed=True)
    found = list(seals.check_marks("a1", up, "pledge", RULES, img, [], LINE))
    assert [(f.field, f.status) for f in found] == [("signature", "unreadable")]


def test_a_seal_outside_the_outline_the_page_was_cut_to_still_counts() -> None:
    """The outline found may be a table inside the sheet (the seal below it cut away): the
    whole upload is looked at before a seal is called missing."""
    table = _paper()
    whole = _stamp(_paper(1800, 1400), 1400, 1150, 150)
    cut = list(seals.check_marks("a1", UPLOAD, "probation_cert", RULES, table, [], LINE))
    assert [f.status for f in cut] == ["missing"]
    found = list(
        seals.check_marks(
            "a1", UPLOAD, "probation_cert", RULES, table, [], LINE, frame=(whole, LINE)
        )
    )
    assert [f.status for f in found] == ["pass"]


def test_a_pages_seal_map_answers_as_find_seals_and_measures_red_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 19: the reader and the seal check ask the same page for its seals, each with its
    own line height; the red is measured once and every answer is find_seals' own."""
    page = _stamp(_stamp(_paper(), 650, 450, 90), 200, 520, 60, faint=True)
    expected = {px: seals.find_seals(page, px) for px in (12, 20, 30, 31, 45)}
    calls = []
    real = seals.red_mask
    monkeypatch.setattr(seals, "red_mask", lambda img, *sat: calls.append(sat) or real(img, *sat))
    seal_map = seals.SealMap(page)
    assert {px: seal_map.find(px) for px in expected} == expected
    found = list(
        seals.check_marks("a1", UPLOAD, "probation_cert", RULES, page, [], LINE, seal_map=seal_map)
    )
    assert [f.status for f in found] == ["pass"]
    assert len(calls) == 1
    # a map of another image (a second look's page) is not used for this one
    other = _paper()
    assert not seal_map.is_of(other)
    found = list(
        seals.check_marks("a1", UPLOAD, "probation_cert", RULES, other, [], LINE, seal_map=seal_map)
    )
    # measured again for it, then once more for a faded seal's paler red
    assert [f.status for f in found] == ["missing"] and len(calls) == 3
    assert calls[-1] == (seals.RED_FAINT_SAT,)


def test_the_line_to_sign_on_with_specks_on_it_is_no_signature() -> None:
    """An underline to sign on (within the box read or not) with a few specks on it is a
    blank; a signature written across the same underline still counts."""
    up = replace(UPLOAD, slot="pledge")
    for signed in (False, True):
        img, lines = _pledge(signed=signed)
        cv2.line(img, (550, 588), (800, 586), (30, 30, 30), 2)
        for x in (600, 660, 730):  # what was left where strokes crossed it
            cv2.rectangle(img, (x, 584), (x + 5, 586), (40, 40, 40), -1)
        found = list(seals.check_marks("a1", up, "pledge", RULES, img, lines, LINE))
        assert [(f.field, f.status) for f in found] == [
            ("signature", "pass" if signed else "missing")
        ]


def test_a_frame_edge_beside_the_label_is_no_signature() -> None:
    """A photographed page in its dark frame: the area right of 考生签名 reaches the frame's
    edge, a dark band from top to bottom of what is looked at; a flat scrawl of a signature
    (its strokes long and low) still counts."""
    up = replace(UPLOAD, slot="pledge")
    for signed in (False, True):
        img, lines = _pledge(signed=False)
        cv2.rectangle(img, (700, 400), (740, 700), (45, 45, 45), -1)
        if signed:
            pts = np.array([(560, 570), (575, 585), (640, 586), (650, 572), (690, 584)], np.int32)
            cv2.polylines(img, [pts], False, (60, 30, 30), 3, cv2.LINE_AA)
        found = list(seals.check_marks("a1", up, "pledge", RULES, img, lines, LINE))
        assert [(f.field, f.status) for f in found] == [
            ("signature", "pass" if signed else "missing")
        ]


def test_a_desk_a_slanted_line_and_the_lines_around_are_no_signature() -> None:
    """A page photographed on a desk: beyond the paper's edge right of 签字 a grainy desk; the
    line to sign on drawn a degree askew; the end of the sentence above the label and the
    date under it reaching into the area. None is a signature; a signature written there
    still counts."""
    up = replace(UPLOAD, slot="pledge")
    rng = np.random.default_rng(3)
    for signed in (False, True):
        img, lines = _pledge(signed=signed)
        desk = rng.integers(150, 215, size=(img.shape[0], img.shape[1] - 760, 3), dtype=np.uint8)
        img[:, 760:] = desk  # the desk beyond the paper, from x 760
        cv2.line(img, (550, 592), (740, 586), (30, 30, 30), 2)  # askew: 6 px over 190
        cv2.putText(img, "ABCDEFGHIJKLMN", (300, 548), cv2.FONT_HERSHEY_SIMPLEX, 0.9,
                    (20, 20, 20), 2)  # fmt: skip
        above = TextLine("遵守考试纪律。", 0.99, (300, 528, 700, 552), "rapid")
        found = list(seals.check_marks("a1", up, "pledge", RULES, img, [*lines, above], LINE))
        assert [(f.field, f.status) for f in found] == [
            ("signature", "pass" if signed else "missing")
        ]


def _photocopy(ring: int = 170, text: int = 60) -> np.ndarray:
    """A grey page: a seal's ring and star in light grey over a line of dark print."""
    page = np.full((700, 900), 232, np.uint8)
    cv2.circle(page, (600, 400), 110, ring, 6)
    cv2.fillPoly(page, [np.array([(600, 330), (620, 390), (580, 390)], np.int32)], ring)
    cv2.putText(page, "SCHOOL", (470, 420), cv2.FONT_HERSHEY_SIMPLEX, 2.0, text, 6)
    cv2.circle(page, (180, 200), 80, 90, -1)  # a photo's dark disc: no ring
    return cv2.cvtColor(page, cv2.COLOR_GRAY2BGR)


def test_a_photocopied_grey_ring_is_a_grey_seal_and_a_dark_disc_is_not() -> None:
    found = seals.grey_seals(_photocopy(), 30.0)
    assert len(found) == 1
    seal = found[0]
    assert abs(seal.centre[0] - 600) <= 3 and abs(seal.centre[1] - 400) <= 3
    assert abs(seal.radius - 110) <= 3
    assert 60 < seal.wash < 170 < seal.paper  # between the print and the ring's grey
    # the same page in colour has its seals found red, never grey
    coloured = _photocopy()
    cv2.circle(coloured, (600, 400), 110, (40, 40, 220), 6)
    assert seals.grey_seals(coloured, 30.0) == []
    # a ring as dark as the print cannot be washed by its level: not taken
    assert seals.grey_seals(_photocopy(ring=70), 30.0) == []
    # and a page without a ring has none
    assert seals.grey_seals(np.full((700, 900, 3), 232, np.uint8), 30.0) == []


def test_the_grey_wash_takes_the_ring_and_keeps_the_print_under_it() -> None:
    from stages.read import _grey_wash

    page = _photocopy()
    seal = seals.grey_seals(page, 30.0)[0]
    patch = _grey_wash([seal])(page, 250, 550, 450, 750)
    grey = patch[:, :, 0]
    assert page[400, 710, 0] == 170  # the ring's right side, on the page
    assert grey[400 - 250, 710 - 450] == seal.paper  # washed to the paper in the patch
    before = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY)[250:550, 450:750]
    assert (grey < 100).sum() == (before < 100).sum()  # every pixel of the print kept
    assert not ((grey > 120) & (grey < 200)).sum() > 0.01 * grey.size  # the ring and star are gone
    assert _grey_wash([seal])(page, 300, 300, 450, 750).shape == (0, 300, 3)  # nothing cut


def _pale(img: np.ndarray, cx: int, cy: int, r: int) -> np.ndarray:
    """A seal whose red an overexposed capture faded to pink (saturation about 45)."""
    out = img.copy()
    cv2.circle(out, (cx, cy), r, (200, 195, 240), 6)
    cv2.putText(out, "SEAL", (cx - r // 2, cy), cv2.FONT_HERSHEY_SIMPLEX, 0.9, (200, 195, 240), 2)
    return out


def test_a_seal_faded_pink_by_the_capture_still_passes_the_seal_check() -> None:
    page = _paper()
    pale = _pale(page, 650, 450, 90)
    assert not seals.find_seals(pale, LINE)  # too pale for the reader's red
    ok = list(seals.check_marks("a1", UPLOAD, "probation_cert", RULES, pale, [], LINE))
    assert [(f.field, f.status) for f in ok] == [("seal", "pass")]
    # a pink banner is no seal, faint or not
    cv2.rectangle(page, (100, 500), (800, 540), (200, 195, 240), -1)
    bad = list(seals.check_marks("a1", UPLOAD, "probation_cert", RULES, page, [], LINE))
    assert [(f.field, f.status) for f in bad] == [("seal", "missing")]
