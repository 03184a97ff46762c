"""GB 11643-1999 resident identity numbers (居民身份证号码): checksum, parts, legacy upgrade.

Only length, format, checksum and the birth date are hard rules. The region code is never
used to reject a number: real numbers keep codes that were later retired (see
shared/reference/domain-facts.md A1, python-stdnum #442).
"""

from __future__ import annotations

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"


def check_char(body17: str) -> str:
    """The 18th character for the first 17 digits (ISO 7064 MOD 11-2)."""
    if len(body17) != 17 or not body17.isdigit():
        raise ValueError(f"need 17 digits, got {body17!r}")
    total = sum(int(d) * w for d, w in zip(body17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]
