from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from stages import imagehash
from stages.window_checks import Key, duplicate_values, same_images


def test_duplicate_id_numbers_flag_both_applicants() -> None:
    found = list(
        duplicate_values(
            [
                ("a", "id_number", "12010119970125746x"),
                ("b", "id_number", "12010119970125746X"),
                ("c", "id_number", "120101199701257467"),
                ("c", "diploma_number", ""),
                ("d", "diploma_number", ""),
            ]
        )
    )
    assert sorted(f.applicant_id for f in found) == ["a", "b"]
    assert all(f.slot == "window" and f.status == "invalid" and f.message for f in found)


def test_duplicate_diploma_numbers() -> None:
    found = list(
        duplicate_values(
            [
                ("a", "diploma_number", "100621202005000123"),
                ("b", "diploma_number", "100621202005000123"),
                ("b", "id_number", "x"),
            ]
        )
    )
    assert sorted((f.applicant_id, f.field) for f in found) == [
        ("a", "diploma_number"),
        ("b", "diploma_number"),
    ]


def _print(seed: int) -> str:
    rng = np.random.default_rng(seed)
    small = np.uint8(np.clip(128 + 60 * rng.normal(0, 1, (12, 9, 3)), 0, 255))
    return imagehash.fingerprint(Image.fromarray(small).resize((360, 480)))


def test_same_images_asks_verify_after_the_veto() -> None:
    """One fingerprint on four uploads: the licence across applicants is vetoed before any
    file is opened; verify decides the others."""
    fp = _print(1)
    records = [
        ("A", "id_back", "uploads/A/id_back/1.jpg", fp),
        ("B", "id_back", "uploads/B/id_back/2.jpg", fp),
        ("C", "licence", "uploads/C/licence/3.jpg", fp),
        ("D", "photo", "uploads/D/photo/4.jpg", _print(2)),
    ]
    asked: list[tuple[Key, Key]] = []

    def verify(a: Key, b: Key) -> bool:
        asked.append((a, b))
        return True

    stats: dict[str, int] = {}
    found = list(same_images(records, verify=verify, stats=stats))
    assert sorted(f.applicant_id for f in found) == ["A", "B"]
    assert [(a[0], b[0]) for a, b in asked] == [("A", "B")]
    # each licence pair is vetoed once from each side that proposed it
    assert stats["verifications"] == 1 and stats["vetoed"] == 4


def test_same_images_verify_says_different() -> None:
    fp = _print(1)
    records = [("A", "photo", "a.jpg", fp), ("B", "photo", "b.jpg", fp)]
    assert list(same_images(records, verify=lambda a, b: False)) == []
    assert len(list(same_images(records, verify=lambda a, b: None))) == 2  # fingerprints decide


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab1X ", max_size=7), st.text(alphabet="ab1X ", max_size=7))
def test_within_one_is_an_edit_distance_of_at_most_one(a: str, b: str) -> None:
    """The veto's linear check agrees with Levenshtein (issue 19: it runs on every pair the
    index proposes, before any distance)."""
    from stages.textnorm import edit_distance
    from stages.window_checks import _within_one

    assert _within_one(a, b) == (edit_distance(a, b) <= 1)


def test_a_vetoed_pair_costs_no_fingerprint_distance() -> None:
    """Readings that differ drop a pair before its distance is computed (issue 19)."""
    base = np.full((120, 160, 3), 200, np.uint8)
    base[30:90, 40:120] = 40
    fp = imagehash.fingerprint(base)
    records = [("A1", "diploma", "a.jpg", fp), ("B2", "diploma", "b.jpg", fp)]
    read = {"a.jpg": {"name": "张三"}, "b.jpg": {"name": "李四五"}}
    stats: dict[str, int] = {}
    assert list(same_images(records, read, stats=stats)) == []
    assert stats["vetoed"] >= 1 and stats["comparisons"] == 0
