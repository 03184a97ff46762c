"""Certificate numbers whose structure ties them to their holder (domain-facts A3)."""

from __future__ import annotations

from . import idnumber
from .dates import parse_year_month


def _as18(number: str) -> str:
    if len(number) == 15:
        try:
            return idnumber.upgrade15(number)
        except ValueError:
            return number
    return number


def qualification_problems(number: str, id_number: str, qualified: str) -> list[str]:
    """What is wrong with a 医师资格证书编码 for this holder (domain-facts A3): 24 or 27
    characters, the year it was obtained, then codes, then the holder's ID number."""
    n = number.strip().upper()
    out = []
    if len(n) not in (24, 27):
        return [f"长度为{len(n)}位（应为24或27位）"]
    tail = _as18(n[9:])
    own = _as18(id_number.strip().upper())
    if own and tail != own:
        out.append(f"末尾证件号码“{n[9:]}”不是本人身份证号")
    ym = parse_year_month(qualified) if qualified else None
    if ym and n[:4] != f"{ym[0]:04d}":
        out.append(f"年份“{n[:4]}”与取得资格年月“{qualified}”不符")
    return out
