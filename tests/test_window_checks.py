from __future__ import annotations

from stages.window_checks import duplicate_values


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
