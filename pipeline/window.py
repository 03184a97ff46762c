"""Read an upload window from disk (CONTRACT §2) into records: forms, uploads, and the
findings that reading itself produced (malformed lines, duplicate ids, folders without a form).
"""

from __future__ import annotations

import hashlib
import logging
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from models import ApplicantForm, Finding, Upload, WindowInfo, checks
from models.errors import CertcheckError, ExitCode
from stages.ingest import parse_applicant_line, parse_window_toml
from stages.upload_rules import sniff

log = logging.getLogger(__name__)
#: The keys of window.toml (CONTRACT §2, all optional).
WINDOW_KEYS = ("window", "region", "opens", "closes")


class WindowError(CertcheckError):
    """The window cannot be processed at all (the operator's problem, not an applicant's)."""

    exit_code = ExitCode.window


@dataclass
class Window:
    info: WindowInfo
    order: list[str]  # applicant ids in form order, then folders without a form line
    forms: dict[str, ApplicantForm]
    uploads: dict[str, list[Upload]]
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    stray: list[str] = field(default_factory=list)  # files outside uploads/<id>/<slot>/<file>


def hash_file(path: Path) -> tuple[str, int, str]:
    """sha256, size and sniffed kind, reading the file once."""
    h = hashlib.sha256()
    head = b""
    size = 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            if not head:
                head = chunk[:64]
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size, sniff(head)


def inventory(root: Path) -> tuple[dict[str, list[Upload]], list[str]]:
    uploads: dict[str, list[Upload]] = {}
    stray: list[str] = []
    base = root / "uploads"
    if not base.is_dir():
        return uploads, stray
    for path in sorted(p for p in base.rglob("*") if p.is_file()):
        rel = path.relative_to(root)
        parts = rel.parts  # uploads, id, slot, file
        if len(parts) != 4 or path.name.startswith("."):
            stray.append(rel.as_posix())
            continue
        digest, size, kind = hash_file(path)
        upload = Upload(parts[1], parts[2], rel.as_posix(), size, digest, kind)
        uploads.setdefault(parts[1], []).append(upload)
    return uploads, stray


def _missing_form(applicant_id: str) -> Finding:
    return checks.finding(
        checks.FORM_LINE_MISSING,
        applicant_id=applicant_id,
        slot="form",
        file=None,
        field="line",
        status="missing",
        expected="applicants.jsonl 中有该考生的报名信息",
        observed=None,
        confidence=1.0,
        message="该考生上传了材料，但报名信息文件中没有对应的报名记录，无法核对。",
    )


def _duplicate(form: ApplicantForm, first_line: int) -> Finding:
    return checks.finding(
        checks.FORM_LINE_DUPLICATE,
        applicant_id=form.applicant_id,
        slot="form",
        file=None,
        field="line",
        status="invalid",
        expected="报名序列号在本批次中唯一",
        observed=f"第 {form.line_no} 行与第 {first_line} 行重复",
        confidence=1.0,
        message=f"报名序列号重复：第 {form.line_no} 行与第 {first_line} 行相同，"
        "只核对了第一条记录。",
    )


def _warn_unknown_keys(toml_path: Path, text: str) -> None:
    """A misspelled key (`close = …`) would otherwise silently fall back to the run date. It is
    a warning, not an error: CONTRACT §2 lists the keys but does not forbid others, and a
    window that outside tools wrote with an extra key is still readable."""
    unknown = sorted(set(tomllib.loads(text.lstrip("\ufeff"))) - set(WINDOW_KEYS))
    if unknown:
        log.warning(
            "%s: unknown key(s) %s ignored; window.toml knows %s",
            toml_path,
            ", ".join(unknown),
            ", ".join(WINDOW_KEYS),
        )


def load_window(root: Path, run_date: date | None = None) -> Window:
    """Everything in the window; raises WindowError only when it cannot be read at all."""
    root = Path(root)
    run_date = run_date or date.today()
    if not root.is_dir():
        raise WindowError(f"window folder not found: {root}")
    toml_path = root / "window.toml"
    try:
        text = toml_path.read_text(encoding="utf-8") if toml_path.exists() else ""
        info = parse_window_toml(text, str(root), run_date)
    except (ValueError, OSError) as exc:
        raise WindowError(f"{toml_path}: {exc}") from exc
    _warn_unknown_keys(toml_path, text)
    jsonl = root / "applicants.jsonl"
    if not jsonl.is_file():
        raise WindowError(f"{jsonl} not found: a window needs its applicants.jsonl (CONTRACT §2)")
    try:
        raw = jsonl.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise WindowError(f"{jsonl} is not UTF-8: {exc}") from exc

    forms: dict[str, ApplicantForm] = {}
    findings: dict[str, list[Finding]] = {}
    order: list[str] = []
    for line_no, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        parsed = parse_applicant_line(line, line_no)
        if isinstance(parsed, Finding):
            findings.setdefault(parsed.applicant_id, []).append(parsed)
            if parsed.applicant_id not in order:
                order.append(parsed.applicant_id)
            continue
        if parsed.applicant_id in forms:
            findings.setdefault(parsed.applicant_id, []).append(
                _duplicate(parsed, forms[parsed.applicant_id].line_no)
            )
            continue
        forms[parsed.applicant_id] = parsed
        if parsed.applicant_id not in order:
            order.append(parsed.applicant_id)

    uploads, stray = inventory(root)
    for applicant_id in sorted(uploads):
        if applicant_id not in forms and applicant_id not in findings:
            findings[applicant_id] = [_missing_form(applicant_id)]
        if applicant_id not in order:
            order.append(applicant_id)
    return Window(info, order, forms, uploads, findings, stray)
