"""Dotted leaders are painted out of the detector's input, and nothing else is."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from stages.normalise import leaders_out

pytestmark = pytest.mark.unit


def _page(turned: bool = False) -> np.ndarray:
    """A 576-px analysis copy: a label block, a leader of 2-px dots every 7 px, a value
    block; below it a row of small print whose strokes stand close together."""
    img = np.full((432, 576, 3), 245, np.uint8)
    cv2.rectangle(img, (40, 100), (90, 110), (30, 30, 30), -1)  # the label
    for x in range(100, 400, 7):
        cv2.rectangle(img, (x, 108), (x + 1, 109), (60, 60, 60), -1)
    cv2.rectangle(img, (410, 100), (470, 110), (30, 30, 30), -1)  # the value
    for x in range(40, 300, 4):  # small print: specks each beside the next
        cv2.rectangle(img, (x, 200), (x + 1, 201), (30, 30, 30), -1)
        cv2.rectangle(img, (x, 203), (x + 2, 204), (30, 30, 30), -1)
    return np.ascontiguousarray(np.rot90(img)) if turned else img


@pytest.mark.parametrize("turned", [False, True])
def test_a_leader_is_painted_out_and_print_is_left(turned: bool) -> None:
    img = _page(turned)
    out = leaders_out(img)
    page = np.rot90(out, k=-1) if turned else out
    assert (page[106:111, 100:400] > 200).all()  # the dots are paper now
    assert (page[100:111, 40:91] < 60).all() and (page[100:111, 410:471] < 60).all()
    assert (
        page[198:206, 40:300] == (np.rot90(img, k=-1) if turned else img)[198:206, 40:300]
    ).all()


def test_a_page_without_leaders_is_returned_as_it_is() -> None:
    img = _page()
    img[106:111, 100:400] = 245
    assert leaders_out(img) is img
