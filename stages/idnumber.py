"""GB 11643-1999 resident identity numbers (居民身份证号码): checksum, parts, legacy upgrade.

Only length, format, checksum and the birth date are hard rules. The region code is never
used to reject a number: real numbers keep codes that were later retired (see
shared/reference/domain-facts.md A1, python-stdnum #442).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"

ProblemKind = Literal["empty", "length", "format", "legacy15", "checksum", "birth_date"]

_RE18 = re.compile(r"[0-9]{17}[0-9X]")
_RE15 = re.compile(r"[0-9]{15}")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class IdParts:
    """A well-formed 18-character number and what it encodes."""

    number: str  # normalised: no spaces, half-width, upper-case X
    region: str  # first 6 digits, reported but never judged
    birth_date: date
    sex: str  # "男" or "女"

    @property
    def sequence(self) -> str:
        return self.number[14:17]


@dataclass(frozen=True, slots=True)
class IdProblem:
    """Why a number is not a valid 18-character number; `kinds` lists every problem found.

    When the digits are readable, `birth_date`/`sex` are still filled (from an upgraded
    number for `legacy15`) so callers can keep cross-checking the form.
    """

    number: str
    kinds: tuple[ProblemKind, ...]
    expected_check: str | None = None  # check char the first 17 digits call for
    birth_date: date | None = None
    sex: str | None = None
    birth_code: str | None = None  # the 8 (or 6 for 15-digit) raw birth digits

    @property
    def kind(self) -> ProblemKind:
        return self.kinds[0]


#: A classify marker: text shaped like an ID number, counted only where its check digit holds
#: (stages.classify), since diplomas and licences print 18-digit numbers of their own.
ID_SHAPED = r"[1-9]\d{16}[\dX]"


def normalise(number: str) -> str:
    """Half-width, no whitespace, upper-case: how people type is not a difference."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", number)).upper()


def check_char(body17: str) -> str:
    """The 18th character for the first 17 digits (ISO 7064 MOD 11-2)."""
    if len(body17) != 17 or not body17.isdigit() or not body17.isascii():
        raise ValueError(f"need 17 digits, got {body17!r}")
    total = sum(int(d) * w for d, w in zip(body17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def sex_of(digit17: str) -> str:
    """GB 11643: an odd sequence digit is male."""
    return "男" if int(digit17) % 2 == 1 else "女"


def birth_date_of(code8: str) -> date | None:
    """The YYYYMMDD birth code as a date, or None when it is not a real calendar date."""
    try:
        return date(int(code8[0:4]), int(code8[4:6]), int(code8[6:8]))
    except ValueError:
        return None


def upgrade15(n15: str) -> str:
    """GB 11643-1989 → 1999: insert the century "19" and append the check character."""
    n15 = normalise(n15)
    if not _RE15.fullmatch(n15):
        raise ValueError(f"need 15 digits, got {n15!r}")
    body = n15[:6] + "19" + n15[6:]
    return body + check_char(body)


def parse(number: str, today: date | None = None) -> IdParts | IdProblem:
    """Split a number into its parts, or say what is wrong with it.

    `today` bounds the birth date (a birth date in the future is a problem); it defaults to
    the current date. The region code is returned but never judged.
    """
    today = today or date.today()
    n = normalise(number)
    if not n:
        return IdProblem(n, ("empty",))
    if len(n) == 15:
        if not _RE15.fullmatch(n):
            return IdProblem(n, ("format",))
        up = upgrade15(n)
        born = birth_date_of(up[6:14])
        return IdProblem(
            n,
            ("legacy15",),
            birth_date=born,
            sex=sex_of(n[14]),
            birth_code=n[6:12],
        )
    if len(n) != 18:
        return IdProblem(n, ("length",))
    if not _RE18.fullmatch(n):
        return IdProblem(n, ("format",))
    kinds: list[ProblemKind] = []
    expected = check_char(n[:17])
    if expected != n[17]:
        kinds.append("checksum")
    born = birth_date_of(n[6:14])
    if born is None or born > today:
        kinds.append("birth_date")
    if kinds or born is None:
        return IdProblem(
            n,
            tuple(kinds),
            expected_check=expected,
            birth_date=born,
            sex=sex_of(n[16]),
            birth_code=n[6:14],
        )
    return IdParts(n, n[:6], born, sex_of(n[16]))


def is_valid(number: str, today: date | None = None) -> bool:
    """True only for a well-formed 18-character number; 15-digit numbers are not accepted."""
    return isinstance(parse(number, today), IdParts)
