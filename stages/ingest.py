"""Reading a window's applicants.jsonl and window.toml into shared records.

A bad applicant line is the applicant's problem and becomes a Finding; a bad window.toml is
the operator's problem and raises ValueError so the CLI can stop with a clear message.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from models import ApplicantForm, Assistant, Education, Exam, Finding, WindowInfo
from stages.form_checks import malformed_line_finding

BOM = "\ufeff"
_ID_GUESS = re.compile(r'"applicant_id"\s*:\s*"(\d+)"')
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

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
    applicant_id = _text(raw_id).strip() if isinstance(raw_id, str | int) else ""
    if isinstance(raw_id, bool) or not applicant_id:
        return malformed_line_finding(line_no, text, "缺少报名序列号applicant_id", guess)

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
    opens = _toml_date(data, "opens")
    closes = _toml_date(data, "closes")
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
