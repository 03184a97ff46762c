from __future__ import annotations

import random

import cv2
import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from stages.window_checks import (
    ImageKey,
    duplicate_images,
    duplicate_values,
    hamming,
    near_duplicate_pairs,
    phash,
)


def _doc(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    img = np.full((600, 900, 3), 235, np.uint8)
    for _ in range(25):
        x, y = rng.integers(0, 800), rng.integers(0, 560)
        cv2.rectangle(img, (int(x), int(y)), (int(x + rng.integers(20, 200)), int(y + 20)),
                      (40, 40, 40), -1)
    return img


def test_phash_survives_recompression_rescale_and_small_crop() -> None:
    img = _doc(1)
    ok, jpg = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 45])
    again = cv2.imdecode(jpg, cv2.IMREAD_COLOR)
    small = cv2.resize(again, (450, 300))
    cropped = img[6:-6, 9:-9]
    h = phash(img)
    assert hamming(h, phash(again)) <= 3
    assert hamming(h, phash(small)) <= 3
    assert hamming(h, phash(cropped)) <= 3
    assert hamming(h, phash(_doc(2))) > 3


def test_duplicate_id_numbers_flag_both_applicants() -> None:
    found = list(duplicate_values([("a", "id_number", "12010119970125746x"),
                                   ("b", "id_number", "12010119970125746X"),
                                   ("c", "id_number", "120101199701257467"),
                                   ("c", "diploma_number", ""), ("d", "diploma_number", "")]))
    assert sorted(f.applicant_id for f in found) == ["a", "b"]
    assert all(f.slot == "window" and f.status == "invalid" and f.message for f in found)


def test_same_image_two_applicants_and_two_slots_but_not_shared_licence() -> None:
    h = phash(_doc(3))
    keys = [ImageKey("a", "id_front", "fa", h), ImageKey("b", "id_front", "fb", h ^ 1),
            ImageKey("a", "id_back", "fa2", h), ImageKey("c", "licence", "fc", phash(_doc(4))),
            ImageKey("d", "licence", "fd", phash(_doc(4)))]
    found = list(duplicate_images(keys))
    checks = sorted((f.applicant_id, f.check) for f in found)
    assert ("b", "window.same_image_two_applicants") in checks
    assert ("a", "window.same_image_two_slots") in checks
    assert not any(f.applicant_id in ("c", "d") for f in found)


@given(st.lists(st.integers(min_value=0, max_value=2**64 - 1), min_size=2, max_size=40),
       st.integers(min_value=0, max_value=3), st.integers(min_value=0))
def test_banded_index_finds_every_close_pair(hashes: list[int], flips: int, seed: int) -> None:
    rng = random.Random(seed)
    near = hashes[0]
    for bit in rng.sample(range(64), flips):
        near ^= 1 << bit
    keys = [ImageKey(str(i), "id_front", str(i), h) for i, h in enumerate([*hashes, near])]
    pairs = near_duplicate_pairs(keys)
    brute = {(i, j) for i in range(len(keys)) for j in range(i + 1, len(keys))
             if hamming(keys[i].hash, keys[j].hash) <= 3}
    assert pairs == brute
