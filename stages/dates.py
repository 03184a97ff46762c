"""Dates as Chinese documents and forms print them, read tolerantly from OCR text.

Covers `2020-06-30`, `2020.06.30`, `2020/6/30`, `2020年6月30日` (spaces anywhere), Chinese
numerals (`二〇二〇年六月三十日`), year-month forms and validity periods such as
`2016.03.01-2036.03.01`, `2020.05.10-长期` and `自2022年01月01日至2027年12月31日`.
Nothing here raises for bad text: what cannot be read is None.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterator
from datetime import date, timedelta

MIN_YEAR = 1800
MAX_YEAR = 2199

# Year digits: 〇 (U+3007), ○ (U+25CB) and the letter O all turn up for zero in print and OCR.
_YEAR_DIGITS = {
    "〇": 0, "○": 0, "零": 0, "O": 0, "o": 0, "0": 0,
    "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_SMALL = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_YC = "〇○零Oo0一二三四五六七八九"
_NC = "〇零一二三四五六七八九十廿卅"

# Dash-like characters NFKC leaves alone; all become "-".
_DASHES = str.maketrans({c: "-" for c in "‐‑‒–—―−﹣－⁃"})

#: a dotted date's dot is sometimes read as a colon or a middle dot (2021:05.27): accepted
#: where the other separator is a dot
_SEP = r"\s*[-./年:·]\s*"
_SEP2 = r"\s*[-./月:·]\s*"
_MISREAD_DOT = frozenset(":·")
_NUM_DATE = re.compile(
    r"(?<![0-9])(?P<y>[0-9]{4})(?P<s1>" + _SEP + r")(?P<m>[0-9]{1,2})(?P<s2>" + _SEP2 + r")"
    r"(?P<d>[0-9]{1,2})(?![0-9])(?:\s*日)?"
)
#: a dotted date whose first dot the recogniser lost (2021.05.27 read 202105.27): a
#: two-digit month, the second separator kept
_LOST_DOT_DATE = re.compile(
    r"(?<![0-9.])(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<s2>[./])(?P<d>[0-9]{1,2})(?![0-9])"
)
_COMPACT_DATE = re.compile(r"(?<![0-9])(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})(?![0-9])")
#: four year digits; or 二 and two more of this century's with its 〇 lost (二二三 for
#: 二〇二三: the recogniser drops the ring between two strokes), no other year reads so
#: or 二, the ring of 〇 read as another round shape (8, D, Q, 口: a large ○ in some faces),
#: and two more numerals (二8一九 for 二〇一九): a year of this century in numerals has 〇 there
_RING = "8DQ口@"
_CN_NUMERAL = "〇○零一二三四五六七八九"
_CN_YEAR = (
    rf"(?:[{_YC}](?:\s*[{_YC}]){{3}}|二\s*[一二]\s*[{_YC}](?!\s*[{_YC}])"
    rf"|二\s*[{_RING}]\s*[{_CN_NUMERAL}]\s*[{_CN_NUMERAL}])"
)
_CN_NUM = rf"[{_NC}](?:\s*[{_NC}]){{0,2}}"
_CN_DATE = re.compile(rf"(?P<y>{_CN_YEAR})\s*年\s*(?P<m>{_CN_NUM})\s*月\s*(?P<d>{_CN_NUM})\s*日")
_NUM_YM = re.compile(
    r"(?<![0-9])(?P<y>[0-9]{4})\s*(?P<s>[-./年])\s*(?P<m>[0-9]{1,2})(?![0-9])(?:\s*月)?"
)
_CN_YM = re.compile(rf"(?P<y>{_CN_YEAR})\s*年\s*(?P<m>{_CN_NUM})\s*月")
_OPEN_END = ("长期", "永久", "至今")


def _prepare(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_DASHES)


def _cn_year(s: str) -> int | None:
    chars = [c for c in s if not c.isspace()]
    if len(chars) == 4 and chars[0] == "二" and chars[1] in _RING:
        chars[1] = "〇"  # 二8一九: the ring of 二〇一九 (_CN_YEAR)
    digits = [_YEAR_DIGITS.get(c) for c in chars]
    if len(digits) == 3 and digits[0] == 2 and digits[1] in (1, 2):
        digits.insert(1, 0)  # 二二三: the 〇 of 二〇二三 lost (_CN_YEAR)
    if len(digits) != 4 or any(d is None for d in digits):
        return None
    return int("".join(str(d) for d in digits))


def _cn_small(s: str) -> int | None:
    """一..三十一 as written in dates: 十 = 10, 十二 = 12, 二十 = 20, 廿一 = 21, 三十一 = 31."""
    s = "".join(c for c in s if not c.isspace())
    s = s.replace("廿", "二十").replace("卅", "三十")
    if not s:
        return None
    if "十" not in s:
        if len(s) == 1 and s in _SMALL:
            return _SMALL[s]
        return None
    tens_s, _, ones_s = s.partition("十")
    if "十" in ones_s:
        return None
    if tens_s == "":
        tens = 1
    elif tens_s in _SMALL:
        tens = _SMALL[tens_s]
    else:
        return None
    if ones_s == "":
        ones = 0
    elif ones_s in _SMALL:
        ones = _SMALL[ones_s]
    else:
        return None
    return tens * 10 + ones


def _mk_date(y: int | None, m: int | None, d: int | None) -> date | None:
    if y is None or m is None or d is None or not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _ym_ok(y: int | None, m: int | None) -> tuple[int, int] | None:
    if y is None or m is None or not MIN_YEAR <= y <= MAX_YEAR or not 1 <= m <= 12:
        return None
    return (y, m)


def _date_spans(text: str, compact: bool = False) -> Iterator[tuple[int, int, date]]:
    """(start, end, date) for every full date in prepared text, in order of position."""
    found: list[tuple[int, int, date]] = []
    for mt in _NUM_DATE.finditer(text):
        if "年" in mt["s1"] and "月" not in mt["s2"]:
            continue
        s1, s2 = mt["s1"].strip(), mt["s2"].strip()
        if (s1 in _MISREAD_DOT or s2 in _MISREAD_DOT) and "." not in (s1, s2):
            continue
        d = _mk_date(int(mt["y"]), int(mt["m"]), int(mt["d"]))
        if d:
            found.append((mt.start(), mt.end(), d))
    for mt in _CN_DATE.finditer(text):
        d = _mk_date(_cn_year(mt["y"]), _cn_small(mt["m"]), _cn_small(mt["d"]))
        if d:
            found.append((mt.start(), mt.end(), d))
    for mt in _LOST_DOT_DATE.finditer(text):
        d = _mk_date(int(mt["y"]), int(mt["m"]), int(mt["d"]))
        if d and not any(s <= mt.start() < e for s, e, _d in found):
            found.append((mt.start(), mt.end(), d))
    if compact:
        for mt in _COMPACT_DATE.finditer(text):
            d = _mk_date(int(mt["y"]), int(mt["m"]), int(mt["d"]))
            if d:
                found.append((mt.start(), mt.end(), d))
    found.sort(key=lambda t: t[0])
    last_end = -1
    for start, end, d in found:
        if start >= last_end:
            yield start, end, d
            last_end = end


def _ym_spans(text: str) -> Iterator[tuple[int, int, tuple[int, int]]]:
    found: list[tuple[int, int, tuple[int, int]]] = []
    for mt in _NUM_YM.finditer(text):
        ym = _ym_ok(int(mt["y"]), int(mt["m"]))
        if ym:
            found.append((mt.start(), mt.end(), ym))
    for mt in _CN_YM.finditer(text):
        ym = _ym_ok(_cn_year(mt["y"]), _cn_small(mt["m"]))
        if ym:
            found.append((mt.start(), mt.end(), ym))
    found.sort(key=lambda t: t[0])
    yield from found


def parse_date(text: str) -> date | None:
    """The date that `text` consists of (surrounding spaces allowed), else None.

    Also accepts the compact `20200630`, which is only trusted when it stands alone.
    """
    t = _prepare(text).strip()
    if not t:
        return None
    for start, end, d in _date_spans(t, compact=True):
        if start == 0 and end == len(t):
            return d
    return None


def parse_year_month(text: str) -> tuple[int, int] | None:
    """(year, month) for `2020-06`, `2020.06`, `2020年6月`, `二〇二〇年十二月`.

    A full date is accepted too and gives its month, since diplomas print the day that
    forms ask only the month of.
    """
    t = _prepare(text).strip()
    if not t:
        return None
    d = parse_date(t)
    if d:
        return (d.year, d.month)
    for start, end, ym in _ym_spans(t):
        if start == 0 and end == len(t):
            return ym
    return None


def find_year_month(text: str) -> tuple[int, int] | None:
    """The first year and month printed in a line (2019年2月, 二○一九年二月, 2019.02), else
    None: a document that prints a month without its day."""
    for _start, _end, ym in _ym_spans(_prepare(text)):
        return ym
    return None


def date_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every full date in a line of OCR text, in reading order; the text's
    own positions (its preparation keeps every character in place)."""
    return [(s, e) for s, e, _ in _date_spans(_prepare(text))]


def find_dates(text: str) -> list[date]:
    """Every full date in a line of OCR text, in reading order (spaces tolerated)."""
    return [d for _, _, d in _date_spans(_prepare(text))]


def _last_day(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def parse_period(text: str) -> tuple[date | None, date | None, bool]:
    """(start, end, open_ended) of a validity or service period.

    The first two dates found are start and end, whatever joins them (- – — ~ 至 到).
    `open_ended` is True when the end is written as 长期/永久 (ID cards) or 至今 (periods still
    running); the end is then None. Month-precision periods (`2024年7月至2025年6月`) give the
    first day of the start month and the last day of the end month.
    """
    t = _prepare(text)
    spans: list[tuple[int, int, date, bool]] = [
        (s, e, d, True) for s, e, d in _date_spans(t, compact=True)
    ]
    taken = [(s, e) for s, e, _, _ in spans]
    for s, e, (y, m) in _ym_spans(t):
        if all(e <= ts or s >= te for ts, te in taken):
            spans.append((s, e, date(y, m, 1), False))
    spans.sort(key=lambda x: x[0])
    if not spans:
        return (None, None, any(w in t for w in _OPEN_END))
    s0, e0, start, _ = spans[0]
    if len(spans) >= 2:
        _, _, end, end_full = spans[1]
        if not end_full:
            end = _last_day(end.year, end.month)
        return (start, end, False)
    open_ended = any(w in t[e0:] for w in _OPEN_END)
    return (start, None, open_ended)


def months_between(a: date, b: date) -> int:
    """Whole months in the period from `a` to `b`, both days included.

    2024-07-01..2025-06-30 is 12 months; a period ending the day before the same day-of-month
    is a whole month, and a start on the 29th-31st is whole when it reaches the end of a
    shorter month. A period ending before it starts counts 0.
    """
    if b < a:
        return 0
    after = b + timedelta(days=1)  # first day not in the period
    months = (after.year - a.year) * 12 + (after.month - a.month)
    if after.day < a.day and after != _last_day(after.year, after.month):
        months -= 1
    return max(months, 0)


#: a year and its month printed in digits inside a line (2024年7月, 2024.07, 2024-07-01)
_PRINTED_YM = re.compile(r"(?<![0-9])(?P<y>[0-9]{4})(?P<s>[-./年])(?P<m>[0-9]{1,2})(?![0-9])")


def printed_year_month(
    text: str, read: tuple[int, int], form: tuple[int, int]
) -> tuple[str, str] | None:
    """Where `text` prints the month `read` in digits: (that print, the same print of the
    form's month), so that the form's month can be scored on the crop in the reading's own
    format (2084年7月 against 2024年7月). The month keeps the print's width (07 or 7). None
    where the month is not printed in digits (二〇二四年七月) or not in `text`."""
    for mt in _PRINTED_YM.finditer(_prepare(text)):
        if (int(mt["y"]), int(mt["m"])) != read:
            continue
        month = f"{form[1]:02d}" if len(mt["m"]) == 2 else str(form[1])
        span = text[mt.start() : mt.end()]
        return span, f"{form[0]:04d}{span[4 : 4 + len(mt['s'])]}{month}"
    return None
