"""The social_insurance material: its extractor and its checks (see stages.materials)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence

from models import Finding, Reading

from .. import textnorm
from ..crosscheck import (
    Context,
    compare,
    judged,
    material_finding,
    not_found,
    person_checks,
)
from ..extract import (
    labelled,
    person_fields,
    put_reading,
    union_box,
)
from ..looks import Look
from ..read import PAID_MARKS, UNPAID_MARKS, YEAR_CELL, Row, clean, month_axis
from . import Material

#: The labels a 社保缴费证明 prints beside its values; each ends the value before it on a row
#: ("姓名 张三 公民身份号码 …": the name stops at the next label). Issuers word them
#: differently: 社会保障号码 / 公民身份号码 / 身份证号码 / 证件号码, 单位名称 / 参保单位名称 ….
SI_LABELS = (
    r"姓\s*名",
    r"性\s*别",
    r"社会保障号码",
    r"公民身份号码",
    r"身份证号码?",
    r"证件号码",
    r"个人编号",
    r"单位名称",
    r"参保单位(?:名称)?",
    r"缴费单位(?:名称)?",
    r"单位编号",
    r"参保状态",
    r"缴费年月",
    r"费款所属期",
    r"险种",
    r"序号",
    r"打印日期",
    # a payment table's column headers: after 参保单位 in a header row they are the next
    # columns' names, never the unit (the unit is the column's cells under it)
    r"结算期",
    r"缴费基数",
    r"缴费状态",
    r"个人缴纳",
    r"单位缴纳",
    r"到账状态",
    r"(?:养老|医疗|失业|工伤|生育)保险",
)
SI_ID_LABEL = r"社会保障号码|公民身份号码|身份证号码?|证件号码"
SI_UNIT_LABEL = r"单位名称|参保单位(?:名称)?|缴费单位(?:名称)?"

#: What a payment table prints for a month, as data: the words for a month not paid are
#: looked for first ("未足额" holds "足额"). Issuers' systems say 已缴 / 已缴费 / 已实缴 /
#: 正常缴费 / 已到账 …, and 欠缴 / 未缴 / 欠费 / 中断 …
UNPAID_WORDS = ("欠缴", "未缴", "欠费", "未到账", "未足额", "中断", "停缴", "暂停")
PAID_WORDS = ("已缴", "已实缴", "实缴", "已到账", "正常", "足额", "已收")
#: The header of the month column (the table's header row names it).
MONTH_HEADER_RE = re.compile(r"缴费年月|费款所属期|所属期|缴费月份|缴费期间|结算期|年月")

_MONTH = r"(20\d{2})\s*(?:[-年./]\s*(0?[1-9]|1[0-2])(?![0-9])|(0[1-9]|1[0-2])(?![0-9]))"
MONTH_RE = re.compile(_MONTH)
#: A row that covers several months at once ("2025年10月至2025年12月 正常缴费").
RANGE_RE = re.compile(_MONTH + r"\s*月?\s*(?:至|到|~|～|—|－|-)\s*" + _MONTH)
#: A month followed by a day is a date (打印日期 2026年01月05日), not a payment month.
DAY_AFTER_RE = re.compile(r"\s*月?\s*[-./]?\s*\d{1,2}\s*日|\s*[-./]\d{1,2}(?![0-9])")
#: A row's 序号 before its month ("3 2025-10 …").
SERIAL_RE = re.compile(r"\s*\d{1,3}\s*(?=20\d{2})")


#: A word for a month not paid, denied (无欠缴, 未欠费, 没有欠缴记录): the row says none is owed.
NONE_OWED_RE = re.compile(r"(?:无|未|没有|不存在|不)(?:欠缴|欠费)(?:记录|情况|月份)?")
#: A row in words counting the months it paid (累计缴费5个月, 实缴 12 个月).
INLINE_COUNT_RE = re.compile(r"(?:累计|实际)?(?:实缴|已缴|缴费)\s*[0-9]{1,3}\s*个?月")


def payment_state(text: str) -> str:
    """欠缴, 已缴, or ? (no status word) for a row's text."""
    if NONE_OWED_RE.search(text):
        rest = NONE_OWED_RE.sub(" ", text)
        return "欠缴" if any(w in rest for w in UNPAID_WORDS) else "已缴"
    if any(w in text for w in UNPAID_WORDS):
        return "欠缴"
    if any(w in text for w in PAID_WORDS):
        return "已缴"
    return "?"


def _month_key(m: re.Match[str], first: int = 1) -> str:
    year, month = m.group(first), m.group(first + 1) or m.group(first + 2)
    return f"{year}-{int(month):02d}"


def _span(start: str, end: str) -> list[str]:
    """Every month from `start` to `end` (YYYY-MM), at most ten years of them."""
    y, mo = int(start[:4]), int(start[5:])
    out: list[str] = []
    while f"{y}-{mo:02d}" <= end and len(out) < 120:
        out.append(f"{y}-{mo:02d}")
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    return out


def _payment_months(text: str) -> list[re.Match[str]]:
    """The months a row's text names that are not the start of a date."""
    return [m for m in MONTH_RE.finditer(text) if not DAY_AFTER_RE.match(text, m.end())]


def _months_in(text: str, spans: bool = False) -> list[str]:
    """The payment months a row names: a range's every month, else its first month that is
    not the start of a date. `spans`: the table's header names a start and an end column
    (起始年月 / 截止年月), so a row's first two months are its range."""
    rng = RANGE_RE.search(text)
    if rng:
        return _span(_month_key(rng, 1), _month_key(rng, 4))
    found = _payment_months(text)
    if spans and len(found) >= 2:
        return _span(_month_key(found[0]), _month_key(found[1]))
    return [_month_key(found[0])] if found else []


#: A header naming a start and an end column: the table lists runs of months.
SPAN_HEADER_RE = re.compile(r"(?:起始|开始|起)(?:年月|月份|时间|日期)?.*(?:截止|结束|终止|止)")


#: A header column counting the months paid (实缴月数) or naming the months owed (欠缴年月):
#: a 权益记录单's row per insurance gives its run of months, how many were paid and which
#: were not, and no status word.
PAID_COUNT_RE = re.compile(r"(?:实缴|已缴|缴费)月数")
_COUNT = re.compile(r"(?<![0-9.])([0-9]{1,3})(?![0-9.])")


def _counted_states(text: str, keys: Sequence[str]) -> list[tuple[str, str]] | None:
    """A run of months whose row counts the months paid: the months named after the run
    are owed (欠缴); the rest are paid when the count says so (it equals the run less the
    owed ones); None when the row does not say."""
    rng = RANGE_RE.search(text)
    if rng is None:
        return None
    rest = text[rng.end() :]
    owed = {_month_key(m) for m in _payment_months(rest)} & set(keys)
    count = _COUNT.search(RANGE_RE.sub(" ", MONTH_RE.sub(" ", rest)))
    if count is None or int(count.group(1)) != len(keys) - len(owed):
        return None
    return [(key, "欠缴" if key in owed else "已缴") for key in keys]


def _is_payment_row(text: str, below_header: bool) -> bool:
    """A row of the payment table: it begins with its month (after a 序号), says a payment
    status, or stands below the table's header."""
    starts = bool(MONTH_RE.match(text) or SERIAL_RE.match(text))
    return starts or below_header or payment_state(text) != "?"


def _is_header(text: str) -> bool:
    return bool(MONTH_HEADER_RE.search(text)) and not MONTH_RE.search(text)


def spaced_text(row: Row) -> str:
    """The row's text with one space between its cells and words: a 序号, a month and an
    amount must not run together into one number ("1 202510 6500" is not "12025106500")."""
    return " ".join(
        " ".join(unicodedata.normalize("NFKC", line.text).split()) for line in row.lines
    )


def payment_months(rows: Sequence[Row]) -> tuple[dict[str, str], list[Row]]:
    """Each month the table shows, with its state, and the rows it was read from. Columns
    are found by what the header names, in any order; rows are read as text, so a 序号
    column, a status column anywhere or a row covering a range of months all read."""
    months: dict[str, str] = {}
    used: list[Row] = []
    below_header = spans = blocks = counted = False
    stray: str | None = None  # the last row's text: states read without their month
    heads: list[tuple[str, int]] = []  # month headings over cards: (month, left x)
    for row in rows:
        text = spaced_text(row)
        found_heads = _month_headings(row)
        if len(found_heads) == 1 and stray is not None:
            # not a card's heading: a table row's month cell grouped into a row of its own
            # below its states (a table photographed a little askew)
            key = found_heads[0][0]
            if months.get(key) != "已缴":
                months[key] = payment_state(stray)
            used.append(row)
            stray = None
            continue
        if found_heads:
            heads = found_heads
            continue
        if heads:
            cards = _card_states(row, heads)
            if cards:
                for key, state in cards:
                    if months.get(key) != "已缴":  # one paid insurance makes the month paid
                        months[key] = state
                used.append(row)
                continue
            heads = []  # past the cards (a summary line, the issuer)
        if _is_header(text):
            below_header = True
            spans = bool(SPAN_HEADER_RE.search(text))
            # the header names the month column (or any column) twice: two blocks of rows
            # side by side (one block's 年月 lost under a stain leaves its 险种, 状态 …)
            blocks = len(MONTH_HEADER_RE.findall(text)) >= 2 or _repeats_a_column(text)
            counted = bool(PAID_COUNT_RE.search(text))
            continue
        if blocks and not spans and _is_payment_row(text, below_header):
            found = _block_months(text)
            stray = None
        else:
            keys = _months_in(text, spans)
            if not keys:
                # a row of states with no month: its month's cell may have been grouped
                # into a row of its own just below (a table photographed a little askew)
                stray = text if below_header and _table_states(text) else None
                continue
            if not _is_payment_row(text, below_header):
                continue
            state = payment_state(text)
            if state == "?" and stray is not None:
                state = payment_state(stray)  # the month's cell alone; its states above
            stray = None
            found = [(key, state) for key in keys]
            if (counted and state == "?") or INLINE_COUNT_RE.search(text):
                found = _counted_states(text, keys) or found
        if not found:
            continue
        for key, state in found:
            if months.get(key) != "已缴":  # one paid insurance row makes the month paid
                months[key] = state
        used.append(row)
    return months, used


_MONTH_ONLY = re.compile(r"(20\d{2})\s*(?:年\s*(0?[1-9]|1[0-2])\s*月?|[-./]\s*(0?[1-9]|1[0-2]))")
#: An insurance a card's row names (a summary line, 全部险种已缴费, names none).
INSURANCE_RE = re.compile(r"养老|医疗|失业|工伤|生育")


def _month_headings(row: Row) -> list[tuple[str, int]]:
    """A row of nothing but months (2025年05月 | 2025年06月): the headings of month cards
    side by side, each card's insurances and their states on the rows under it."""
    heads = []
    for line in row.lines:
        m = _MONTH_ONLY.fullmatch(clean(line.text))
        if m is None:
            return []
        heads.append((_month_key(m), line.box[0]))
    return heads


def _card_states(row: Row, heads: Sequence[tuple[str, int]]) -> list[tuple[str, str]]:
    """A card row under month headings (养老保险 8200.00 已缴费 | 养老保险 … 已缴费): each
    status word's month is the heading whose card it stands in (the last heading starting
    left of it). Nothing when the row names no insurance or no status."""
    if not INSURANCE_RE.search(spaced_text(row)):
        return []
    out = []
    for line in row.lines:
        state = payment_state(line.text)
        if state == "?":
            continue
        centre = (line.box[0] + line.box[2]) / 2
        left = [key for key, x in heads if x <= centre]
        out.append((left[-1] if left else heads[0][0], state))
    return out


_AMOUNT = re.compile(r"\d+\.\d{2}(?!\d)")
_STATE_WORD = re.compile("|".join(sorted((*PAID_WORDS, *UNPAID_WORDS), key=len, reverse=True)))


def _table_states(text: str) -> bool:
    """A row of a payment table's cells without its month: a status, and an amount or a
    second status (not a summary line's one 已缴)."""
    if payment_state(text) == "?":
        return False
    return bool(_AMOUNT.search(text)) or len(_STATE_WORD.findall(text)) >= 2


def _repeats_a_column(header: str) -> bool:
    """A header naming one of its columns (two characters or more) twice."""
    names = [w for w in header.split() if len(w) >= 2]
    return len(names) != len(set(names))


def _printed_months(rows: Sequence[Row]) -> set[str]:
    """Every payment month any row names (a table row the reader did not take among them)."""
    return {_month_key(m) for row in rows for m in _payment_months(spaced_text(row))}


def _block_months(text: str) -> list[tuple[str, str]]:
    """A row of side-by-side blocks: each month with the status printed after it, up to the
    next block's month."""
    found = _payment_months(text)
    out = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        out.append((_month_key(m), payment_state(text[m.end() : end])))
    return out


def grid_months(rows: Sequence[Row]) -> tuple[dict[str, str], list[Row]]:
    """Months of a year × month grid (a header of month numbers 1-12, a row per year, a
    paid or unpaid mark in a month's cell): each mark's month is the header column under
    which it stands, from a line fitted through the month numbers read (a number the
    recogniser missed leaves its column's place known). A month whose cell shows no mark
    read is `?`: a small mark the detector missed is no evidence of an unpaid month."""
    months: dict[str, str] = {}
    used: list[Row] = []
    fit: tuple[float, float] | None = None
    for row in rows:
        cells = [(clean(ln.text), (ln.box[0] + ln.box[2]) / 2) for ln in row.lines]
        axis = month_axis(row)
        if axis is not None:
            fit = axis
            continue
        if fit is None or not cells or not YEAR_CELL.fullmatch(cells[0][0]):
            continue
        year = int(cells[0][0][:4])
        found = False
        for text, x in cells[1:]:
            state = "已缴" if text in PAID_MARKS else "欠缴" if text in UNPAID_MARKS else ""
            month = round((x - fit[0]) / fit[1]) if fit[1] else 0
            if state and 1 <= month <= 12:
                key = f"{year}-{month:02d}"
                if months.get(key) != "已缴":  # one paid insurance makes the month paid
                    months[key] = state
                found = True
        if found:
            used.append(row)
            # a cell whose mark was not read is not an unpaid month: unknown (?), so that a
            # missed mark goes to a person as unreadable, never as a mismatch
            for month in range(1, 13):
                months.setdefault(f"{year}-{month:02d}", "?")
    return months, used


def extract_insurance(rows: Sequence[Row]) -> dict[str, Reading]:
    out = person_fields(rows, SI_LABELS, SI_ID_LABEL)
    put_reading(out, labelled(rows, "work_unit", SI_UNIT_LABEL, SI_LABELS))
    months, used = payment_months(rows)
    if not used:
        months, used = grid_months(rows)
    if used:
        # a month the page prints outside the rows read is no evidence of its absence: its
        # state unknown (?), so that a month missing from the table read goes to a person
        # as unreadable, never as a mismatch (a block of a two-block table not taken)
        for key in _printed_months(rows):
            months.setdefault(key, "?")
        value = ";".join(f"{k}:{v}" for k, v in sorted(months.items()))
        box = union_box(used)
        out["period"] = Reading(
            "period",
            value,
            min(r.confidence for r in used),
            used[0].lines[0].engine,
            box=box,
            source=" / ".join(r.text for r in used),
        )
    return out


def check_insurance(ctx: Context, r: Mapping[str, Reading], look: Look | None) -> Iterator[Finding]:
    yield from person_checks(ctx, r, look)
    yield compare(
        ctx, "work_unit", ctx.form.work_unit, r.get("work_unit"), textnorm.same_institution, look
    )
    need = ctx.rules.insurance_months
    if not need:
        return
    expected = "、".join(need) + " 已缴"
    period = r.get("period")
    if period is None:
        yield not_found(ctx, "period", expected)
        return
    months = dict(item.split(":", 1) for item in period.value.split(";") if ":" in item)
    absent = [m for m in need if m not in months]
    unpaid = [m for m in need if months.get(m) == "欠缴"]
    unsure = [m for m in need if months.get(m) == "?"]
    ok = not absent and not unpaid and not unsure
    bad = []
    if absent:
        bad.append(f"缺少 {'、'.join(absent)}")
    if unpaid:
        bad.append(f"{'、'.join(unpaid)} 为欠缴")
    # months read without their state (?) make the reading no evidence of a month missing
    # either: the reader lost the states, so it may have lost months too
    doubtful = any(v == "?" for v in months.values())
    if not unpaid and (unsure or (absent and doubtful)):
        yield material_finding(
            ctx,
            "period",
            "unreadable",
            expected,
            period.value,
            period.confidence,
            f"社保缴费证明上 {'、'.join(sorted(unsure + absent))} 的缴费状态无法识别，请人工核对。",
        )
        return
    yield judged(
        ctx,
        "period",
        period,
        ok,
        expected,
        f"社保缴费证明列有 {'、'.join(need)} 的已缴记录。",
        f"社保缴费证明{'；'.join(bad)}（要求报名前连续{len(need)}个月已缴）。",
    )


MATERIAL = Material(
    slot="social_insurance",
    extract=extract_insurance,
    check=check_insurance,
    fields=("name", "id_number", "work_unit", "period"),
    printed=("name", "work_unit", "period"),
    personal=True,
    markers=(
        "社会保险",
        "缴费",
        "社会保障号码|公民身份号码",
        "险种",
        "已缴|欠缴|已实缴|正常缴费|欠费",
        "缴费年月|费款所属期",
        "养老保险|医疗保险|失业保险|工伤保险",
        "参保(?:单位|人|人员|地)",
    ),
    heading="社会保险|参保.{0,4}缴费",
    short_value_labels=("姓名", "单位名称"),
    skip_columns=(
        "险种",
        "缴费基数",
        "缴费金额",
        "单位缴费",
        "个人缴费",
        "单位缴纳",
        "个人缴纳",
    ),
)
