"""Dates as documents print them: render random dates every supported way and read them back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stages import dates as dates_mod
from stages.dates import find_dates, months_between, parse_date, parse_period, parse_year_month

CN_DIGITS_0 = "〇一二三四五六七八九"
CN_DIGITS_ZERO = "零一二三四五六七八九"

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


def cn_year(y: int, digits: str = CN_DIGITS_0) -> str:
    return "".join(digits[int(c)] for c in f"{y:04d}")


def cn_small(n: int) -> str:
    """1..31 as dates write them: 十, 十二, 二十, 三十一."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS_0[tens] + "十")
    return head + (CN_DIGITS_0[ones] if ones else "")


DATE_FORMATS: list[Callable[[date], str]] = [
    lambda d: d.isoformat(),
    lambda d: f"{d.year}.{d.month:02d}.{d.day:02d}",
    lambda d: f"{d.year}.{d.month}.{d.day}",
    lambda d: f"{d.year}/{d.month}/{d.day}",
    lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}",
    lambda d: f"{d.year}-{d.month}-{d.day}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: f"{d.year}年{d.month:02d}月{d.day:02d}日",
    lambda d: f"{d.year} 年 {d.month} 月 {d.day} 日",
    lambda d: f"{d.year}. {d.month:02d} .{d.day:02d}",
    lambda d: f"{cn_year(d.year)}年{cn_small(d.month)}月{cn_small(d.day)}日",
    lambda d: f"{cn_year(d.year, CN_DIGITS_ZERO)}年{cn_small(d.month)}月{cn_small(d.day)}日",
    lambda d: f"{cn_year(d.year)} 年 {cn_small(d.month)} 月 {cn_small(d.day)} 日",
    lambda d: f"{d:%Y%m%d}",
    # full-width digits as some PDFs print them
    lambda d: f"{d.year}年{d.month}月{d.day}日".translate(
        str.maketrans("0123456789", "０１２３４５６７８９")
    ),
]

YM_FORMATS: list[Callable[[int, int], str]] = [
    lambda y, m: f"{y}-{m:02d}",
    lambda y, m: f"{y}.{m:02d}",
    lambda y, m: f"{y}.{m}",
    lambda y, m: f"{y}/{m}",
    lambda y, m: f"{y}年{m}月",
    lambda y, m: f"{y} 年 {m:02d} 月",
    lambda y, m: f"{cn_year(y)}年{cn_small(m)}月",
    lambda y, m: f"{cn_year(y, CN_DIGITS_ZERO)}年{cn_small(m)}月",
]


@given(dates, st.sampled_from(range(len(DATE_FORMATS))))
def test_parse_date_round_trip(d: date, fmt: int) -> None:
    text = DATE_FORMATS[fmt](d)
    assert parse_date(text) == d, text
    assert parse_date(f"  {text} ") == d


@given(dates, st.sampled_from(range(len(DATE_FORMATS))))
def test_find_dates_in_a_line(d: date, fmt: int) -> None:
    if fmt == 13:  # compact form is only trusted on its own
        return
    text = f"出生日期：{DATE_FORMATS[fmt](d)} 编号12010119970125746X"
    assert find_dates(text) == [d], text


@given(st.integers(1900, 2100), st.integers(1, 12), st.sampled_from(range(len(YM_FORMATS))))
def test_parse_year_month_round_trip(y: int, m: int, fmt: int) -> None:
    text = YM_FORMATS[fmt](y, m)
    assert parse_year_month(text) == (y, m), text


@given(dates, dates, st.sampled_from(["-", "－", "—", "–", "‐", "~", "～", "至", "到", " - "]))
def test_parse_period_round_trip(a: date, b: date, dash: str) -> None:
    text = f"{a:%Y.%m.%d}{dash}{b:%Y.%m.%d}"
    assert parse_period(text) == (a, b, False), text
    text = f"自{a.year}年{a.month:02d}月{a.day:02d}日{dash}{b.year}年{b.month}月{b.day}日"
    assert parse_period(text) == (a, b, False), text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-06-30", date(2020, 6, 30)),
        ("2020.06.30", date(2020, 6, 30)),
        ("2020/6/30", date(2020, 6, 30)),
        ("2020年6月30日", date(2020, 6, 30)),
        ("2020 年 6 月 30 日", date(2020, 6, 30)),
        ("二〇二〇年六月三十日", date(2020, 6, 30)),
        ("二零二零年六月三十日", date(2020, 6, 30)),
        ("二〇二〇年十二月三十一日", date(2020, 12, 31)),
        ("二〇二〇年十月十日", date(2020, 10, 10)),
        ("二〇二〇年二月廿九日", date(2020, 2, 29)),
        ("2020-02-30", None),
        ("2020-13-01", None),
        ("二〇二〇年十三月一日", None),
        ("2020-06", None),
        ("出生2020-06-30", None),
        ("", None),
        ("长期", None),
        ("0000-01-01", None),
        # a dotted date's dot read as a colon or lost by the recogniser
        ("2021:05.27", date(2021, 5, 27)),
        ("2021.05:27", date(2021, 5, 27)),
        ("2021:05:27", None),
        ("202105.27", date(2021, 5, 27)),
        ("123456.78", None),
        # the ring of 〇 read as another round shape, in a year of numerals only
        ("二8一九年二月八日", date(2019, 2, 8)),
        ("二口二三年一月五日", date(2023, 1, 5)),
        ("2819年2月8日", None),
        ("三8一九年二月八日", None),
    ],
)
def test_parse_date_examples(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-06", (2020, 6)),
        ("2020年6月", (2020, 6)),
        ("2020.06", (2020, 6)),
        ("二〇二〇年十二月", (2020, 12)),
        ("2020-06-30", (2020, 6)),
        ("2020-13", None),
        ("2020", None),
        ("6月", None),
        ("", None),
    ],
)
def test_parse_year_month_examples(text: str, expected: tuple[int, int] | None) -> None:
    assert parse_year_month(text) == expected


def test_find_dates_ignores_digits_inside_longer_numbers() -> None:
    assert find_dates("12010119970125746X") == []
    assert find_dates("证书编号 104461201905004220") == []
    assert find_dates("签发日期 2016.03.01-2036.03.01") == [date(2016, 3, 1), date(2036, 3, 1)]
    assert find_dates("出生 1997 年 1 月 25 日") == [date(1997, 1, 25)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016.03.01-2036.03.01", (date(2016, 3, 1), date(2036, 3, 1), False)),
        ("2020.05.10-长期", (date(2020, 5, 10), None, True)),
        ("有效期限 2020.05.10-长期", (date(2020, 5, 10), None, True)),
        ("自2022年01月01日至2027年12月31日", (date(2022, 1, 1), date(2027, 12, 31), False)),
        ("2024年07月01日至2025年06月30日", (date(2024, 7, 1), date(2025, 6, 30), False)),
        ("2024.07.01—2025.06.30", (date(2024, 7, 1), date(2025, 6, 30), False)),
        ("2024.07.01~2025.06.30", (date(2024, 7, 1), date(2025, 6, 30), False)),
        ("2024.07.01到2025.06.30", (date(2024, 7, 1), date(2025, 6, 30), False)),
        ("20160301-20360301", (date(2016, 3, 1), date(2036, 3, 1), False)),
        ("2024年7月至2025年6月", (date(2024, 7, 1), date(2025, 6, 30), False)),
        ("2020年7月至今", (date(2020, 7, 1), None, True)),
        ("2020.05.10", (date(2020, 5, 10), None, False)),
        ("长期", (None, None, True)),
        ("看不清", (None, None, False)),
    ],
)
def test_parse_period_examples(text: str, expected: tuple[date | None, date | None, bool]) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize(
    ("a", "b", "months"),
    [
        (date(2024, 7, 1), date(2025, 6, 30), 12),
        (date(2024, 7, 1), date(2025, 6, 29), 11),
        (date(2024, 7, 15), date(2025, 7, 14), 12),
        (date(2024, 7, 15), date(2025, 7, 13), 11),
        (date(2024, 1, 1), date(2024, 1, 31), 1),
        (date(2023, 1, 31), date(2023, 2, 27), 1),
        (date(2024, 3, 1), date(2024, 3, 1), 0),
        (date(2025, 1, 1), date(2024, 1, 1), 0),
    ],
)
def test_months_between(a: date, b: date, months: int) -> None:
    assert months_between(a, b) == months


@given(dates, st.integers(0, 600))
def test_months_between_adding_months(a: date, n: int) -> None:
    """A period from the 1st to the day before the 1st n months on is exactly n months."""
    start = a.replace(day=1)
    y, m = divmod(start.month - 1 + n, 12)
    end = date(start.year + y, m + 1, 1) - timedelta(days=1)
    assert months_between(start, end) == n


date_chars = st.text(
    alphabet="0123456789.-/年月日〇零一二三四五六七八九十廿 至长期~—Ox", max_size=40
)


@given(st.one_of(st.text(max_size=40), date_chars))
def test_never_raises_on_any_text(text: str) -> None:
    d = parse_date(text)
    assert d is None or isinstance(d, date)
    ym = parse_year_month(text)
    assert ym is None or 1 <= ym[1] <= 12
    assert all(isinstance(x, date) for x in find_dates(text))
    start, end, open_ended = parse_period(text)
    assert open_ended in (True, False)
    if end is not None:
        assert start is not None and not open_ended


def test_a_chinese_numeral_year_that_lost_its_ring_is_read() -> None:
    """二〇二三 read 二二三: the recogniser drops the 〇 between two strokes."""
    from datetime import date

    from stages.dates import find_dates

    got = find_dates("于二二三年十二月一日至二○二五年一月三十一日")
    assert got == [date(2023, 12, 1), date(2025, 1, 31)]
    assert find_dates("二〇二三年十二月一日") == [date(2023, 12, 1)]
    assert find_dates("三二三年十二月一日") == []  # no year of ours reads so


@pytest.mark.parametrize(
    ("text", "read", "form", "want"),
    [
        ("于2084年7月毕业", (2084, 7), (2024, 7), ("2084年7", "2024年7")),
        ("毕业日期 2023.06.30", (2023, 6), (2024, 10), ("2023.06", "2024.10")),
        ("2019-09至2024-07", (2024, 7), (2023, 7), ("2024-07", "2023-07")),
        ("于二〇二四年七月毕业", (2024, 7), (2023, 7), None),
        ("于2024年7月毕业", (2023, 7), (2024, 7), None),
    ],
)
def test_printed_year_month_rewrites_the_print_of_a_month(
    text: str, read: tuple[int, int], form: tuple[int, int], want: tuple[str, str] | None
) -> None:
    assert dates_mod.printed_year_month(text, read, form) == want
