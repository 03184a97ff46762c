"""The reviewer-event log shared with the audit (`OUT/audit/desk-events.jsonl`).

One JSON object per line, hash-chained: `prev` is the previous record's `hash`, `hash` the
sha256 of the record without it (canonical JSON: sorted keys, no spaces, UTF-8). Writers of
any process serialise on an exclusive `flock` of `OUT/audit/desk-events.lock`, read the last
record under it, append and fsync, so `seq` grows by one with no gap or fork. Full ID numbers
never appear here (`mask_id`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.audit import events as audit_events
from pipeline.audit.chain import ZERO, canonical, sha256_hex
from pipeline.audit.runlog import AUDIT, CURRENT, DESK_EVENTS, DESK_LOCK

LOG = Path(AUDIT) / DESK_EVENTS
LOCK = Path(AUDIT) / DESK_LOCK
__all__ = [
    "KINDS",
    "LOCK",
    "LOG",
    "ZERO",
    "append",
    "canonical",
    "current_run",
    "mask_id",
    "sha256_json",
]
KINDS = frozenset(
    {
        "login",
        "login_failed",
        "logout",
        "reserve",
        "release",
        "decision",
        "finding_review",
        "export",
        "user_add",
        "user_disable",
        "template_edit",
    }
)


def sha256_json(record: dict[str, Any]) -> str:
    """The sha256 of a record's canonical JSON (a finding's too: what a decision rests on)."""
    return sha256_hex(canonical(record))


def mask_id(number: str) -> str:
    """An ID number with at most its last 4 characters shown."""
    if not number:
        return ""
    keep = number[-4:] if len(number) > 4 else ""
    return "*" * (len(number) - len(keep)) + keep


def append(
    out: Path,
    kind: str,
    actor: str,
    applicant_id: str | None = None,
    payload: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Append one event of a known kind (`pipeline.audit.events.append` writes it); returns
    the record written."""
    if kind not in KINDS:
        raise ValueError(f"unknown event kind {kind!r}")
    return audit_events.append(out, kind, actor, payload or {}, applicant_id)


def current_run(out: Path) -> str | None:
    """The run id the audit keeps in `OUT/audit/current-run`, when there is one."""
    try:
        return (out / AUDIT / CURRENT).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None
