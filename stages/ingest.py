"""Reading a window's applicants.jsonl and window.toml into shared records.

A bad applicant line is the applicant's problem and becomes a Finding; a bad window.toml is
the operator's problem and raises ValueError so the CLI can stop with a clear message.
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from models import ApplicantForm, Assistant, Education, Exam, Finding, WindowInfo, checks
from models.paths import MAX_ID_LENGTH
from stages.form_checks import malformed_line_finding

BOM = "\ufeff"
_ID_GUESS = re.compile(r'"applicant_id"\s*:\s*"(\d+)"')
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: Unicode categories an id may not hold: controls (NUL included), format characters
#: (bidi overrides, zero-width), surrogates, line and paragraph separators.
_CONTROL = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})

_TOP_FIELDS = (
    "name", "id_type", "id_number", "gender", "birth_date", "ethnicity", "work_unit",
    "duty_status", "region", "site",
)  # fmt: skip
_EDU_FIELDS = ("level", "school", "major", "graduation", "diploma_number", "study_mode")
_EXAM_FIELDS = ("code", "category", "level")
_ASSISTANT_FIELDS = (
    "qualification_date", "qualification_number", "practice_number", "registration_date",
)  # fmt: skip


def _text(value: Any) -> str:
    """A form value as text, kept as typed; numbers that JSON parsed are turned back into text."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _sub(obj: Any, keys: tuple[str, ...]) -> dict[str, str]:
    if not isinstance(obj, dict):
        return {}
    return {k: _text(obj.get(k)) for k in keys}


def is_blank(line: str) -> bool:
    """Blank lines (a lone BOM included) are skipped, not errors."""
    return not line.lstrip(BOM).strip()


def applicant_id_problem(applicant_id: str) -> str | None:
    """Why an id cannot be an applicant's folder name (a short Chinese phrase), or None.

    The id names the applicant's folder under uploads/ and, encoded, the files written for
    them; one that a file system would refuse or read as a path is a finding for its line.
    """
    if not applicant_id:
        return "报名序列号为空"
    if applicant_id != applicant_id.strip():
        return "报名序列号首尾有空白字符"
    if len(applicant_id) > MAX_ID_LENGTH:
        return f"报名序列号过长（{len(applicant_id)}个字符，最多{MAX_ID_LENGTH}个）"
    if applicant_id in (".", ".."):
        return "报名序列号不能是“.”或“..”"
    if "/" in applicant_id or "\\" in applicant_id:
        return "报名序列号含有斜杠"
    if any(unicodedata.category(c) in _CONTROL for c in applicant_id):
        return "报名序列号含有控制字符或不可见字符"
    return None


def _shown_id(applicant_id: str) -> str:
    """The id as a reviewer can read it: control and invisible characters as \\uXXXX."""
    shown = "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in _CONTROL else c for c in applicant_id
    )
    return shown if len(shown) <= 200 else shown[:200] + "…"


def bad_id_finding(line_no: int, applicant_id: str, problem: str) -> Finding:
    """A line whose applicant_id cannot be used: its own row (`line-<n>`), never a path."""
    return checks.finding(
        checks.FORM_LINE_ID,
        applicant_id=f"line-{line_no}",
        slot="form",
        file=None,
        field="line",
        status="invalid",
        expected=f"报名序列号可用作文件夹名（非空，不超过{MAX_ID_LENGTH}个字符，不含斜杠或控制字符）",
        observed=_shown_id(applicant_id),
        confidence=1.0,
        message=f"applicants.jsonl第{line_no}行的报名序列号无法使用（{problem}），"
        "无法与上传材料对应，该考生的报名信息需人工核对。",
    )


def _encodable(obj: Any) -> bool:
    """False when a string holds a lone surrogate (a `\\ud800` escape): it cannot be written
    to any UTF-8 output, so the line is refused as a whole."""
    try:
        json.dumps(obj, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def parse_applicant_line(line: str, line_no: int) -> ApplicantForm | Finding:
    """One line of applicants.jsonl; a line that cannot be a form becomes a Finding.

    Callers skip blank lines first (`is_blank`, or use `parse_applicants`); one passed here
    anyway is reported rather than silently dropped.
    """
    text = line.lstrip(BOM).strip()
    if not text:
        return malformed_line_finding(line_no, line, "空行", None)
    guess_m = _ID_GUESS.search(text)
    guess = guess_m.group(1) if guess_m else None
    try:
        obj = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        where = f"，第{exc.colno}列附近出错" if isinstance(exc, json.JSONDecodeError) else ""
        return malformed_line_finding(line_no, text, f"不是有效的JSON{where}", guess)
    if not isinstance(obj, dict):
        return malformed_line_finding(line_no, text, "不是JSON对象", guess)
    raw_id = obj.get("applicant_id")
    applicant_id = _text(raw_id) if isinstance(raw_id, str | int) else ""
    if isinstance(raw_id, bool) or not applicant_id.strip():
        return malformed_line_finding(line_no, text, "缺少报名序列号applicant_id", guess)
    problem = applicant_id_problem(applicant_id)
    if problem:
        return bad_id_finding(line_no, applicant_id, problem)
    if "\\u" in text and not _encodable(obj):
        return malformed_line_finding(line_no, text, "含有无效的Unicode字符（孤立的代理项）", guess)

    top = {k: _text(obj.get(k)) for k in _TOP_FIELDS}
    assistant_obj = obj.get("assistant")
    assistant = None
    if isinstance(assistant_obj, dict):
        values = _sub(assistant_obj, _ASSISTANT_FIELDS)
        if any(v.strip() for v in values.values()):
            assistant = Assistant(**values)
    return ApplicantForm(
        applicant_id=applicant_id,
        exam=Exam(**_sub(obj.get("exam"), _EXAM_FIELDS)),
        education=Education(**_sub(obj.get("education"), _EDU_FIELDS)),
        assistant=assistant,
        line_no=line_no,
        raw=json.dumps(obj, ensure_ascii=False, sort_keys=True),
        **top,
    )


def parse_applicants(lines: Iterable[str]) -> Iterator[ApplicantForm | Finding]:
    """Every non-blank line of applicants.jsonl, numbered from 1 as an editor shows them."""
    for line_no, line in enumerate(lines, 1):
        if not is_blank(line):
            yield parse_applicant_line(line, line_no)


def _toml_date(data: dict[str, Any], key: str) -> date | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        v = value.strip()
        if not v:
            return None
        if _ISO_DATE.fullmatch(v):
            try:
                return date.fromisoformat(v)
            except ValueError:
                pass
        raise ValueError(f"window.toml: {key} = {value!r} is not a real date in YYYY-MM-DD form")
    raise ValueError(
        f"window.toml: {key} must be a date (e.g. {key} = 2026-02-28), "
        f"got {type(value).__name__} {value!r}"
    )


#: No window of this exam opened before this date: an earlier one is a typing error.
EARLIEST_DATE = date(2000, 1, 1)
#: How far after the run date a window may close (registration is planned a year ahead).
LATEST_YEARS = 2


def _plausible(value: date | None, key: str, run_date: date) -> date | None:
    """A date that cannot be this window's (0001-01-01, 9999-12-31) would silently make every
    validity check pass or fail: the operator is told instead."""
    if value is None:
        return None
    try:
        latest = run_date.replace(year=run_date.year + LATEST_YEARS)
    except ValueError:  # 29 February
        latest = run_date.replace(year=run_date.year + LATEST_YEARS, day=28)
    if not EARLIEST_DATE <= value <= latest:
        raise ValueError(
            f"window.toml: {key} = {value.isoformat()} is implausible: expected a date from "
            f"{EARLIEST_DATE.isoformat()} to {latest.isoformat()} "
            f"({LATEST_YEARS} years after the run date {run_date.isoformat()})"
        )
    return value


def _toml_text(data: dict[str, Any], key: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise ValueError(
            f"window.toml: {key} must be a string, got {type(value).__name__} {value!r}"
        )
    return value.strip()


def parse_window_toml(text: str, root: str, run_date: date) -> WindowInfo:
    """window.toml (all keys optional); raises ValueError naming the bad key."""
    try:
        data = tomllib.loads(text.lstrip(BOM))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"window.toml is not valid TOML: {exc}") from exc
    opens = _plausible(_toml_date(data, "opens"), "opens", run_date)
    closes = _plausible(_toml_date(data, "closes"), "closes", run_date)
    if opens and closes and opens > closes:
        raise ValueError(
            f"window.toml: opens ({opens.isoformat()}) is after closes ({closes.isoformat()})"
        )
    return WindowInfo(
        root=root,
        name=_toml_text(data, "window"),
        region=_toml_text(data, "region"),
        opens=opens,
        closes=closes,
        run_date=run_date,
    )
