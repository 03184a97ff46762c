"""The reviewer-event log shared with the audit (`OUT/audit/desk-events.jsonl`).

One JSON object per line, hash-chained: `prev` is the previous record's `hash`, `hash` the
sha256 of the record without it (canonical JSON: sorted keys, no spaces, UTF-8). Writers of
any process serialise on an exclusive `flock` of `OUT/audit/desk-events.lock`, read the last
record under it, append and fsync, so `seq` grows by one with no gap or fork. Full ID numbers
never appear here (`mask_id`).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

LOG = Path("audit") / "desk-events.jsonl"
LOCK = Path("audit") / "desk-events.lock"
ZERO = "0" * 64
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


def canonical(record: dict[str, Any]) -> bytes:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def sha256_json(record: dict[str, Any]) -> str:
    """The sha256 of a record's canonical JSON (a finding's too: what a decision rests on)."""
    return hashlib.sha256(canonical(record)).hexdigest()


def mask_id(number: str) -> str:
    """An ID number with at most its last 4 characters shown."""
    if not number:
        return ""
    keep = number[-4:] if len(number) > 4 else ""
    return "*" * (len(number) - len(keep)) + keep


def _last(path: Path) -> dict[str, Any] | None:
    """The log's last record, reading backwards from the end (the log grows large)."""
    try:
        with path.open("rb") as f:
            f.seek(0, os.SEEK_END)
            end = f.tell()
            block = b""
            pos = end
            while pos > 0:
                step = min(65536, pos)
                pos -= step
                f.seek(pos)
                block = f.read(step) + block
                lines = block.rstrip(b"\n").split(b"\n")
                if len(lines) > 1 or pos == 0:
                    last = lines[-1]
                    return json.loads(last) if last.strip() else None
    except FileNotFoundError:
        return None
    return None


def append(
    out: Path,
    kind: str,
    actor: str,
    applicant_id: str | None = None,
    payload: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Append one event; returns the record written."""
    if kind not in KINDS:
        raise ValueError(f"unknown event kind {kind!r}")
    log, lock = out / LOG, out / LOCK
    log.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as lk:
        fcntl.flock(lk, fcntl.LOCK_EX)
        try:
            last = _last(log)
            record: dict[str, Any] = {
                "seq": (int(last["seq"]) + 1) if last else 1,
                "time": datetime.now(UTC).isoformat(),
                "actor": actor,
                "kind": kind,
                "applicant_id": applicant_id,
                "payload": payload or {},
                "prev": last["hash"] if last else ZERO,
            }
            record["hash"] = hashlib.sha256(canonical(record)).hexdigest()
            with log.open("ab") as f:
                f.write(canonical(record) + b"\n")
                f.flush()
                os.fsync(f.fileno())
        finally:
            fcntl.flock(lk, fcntl.LOCK_UN)
    return record


def current_run(out: Path) -> str | None:
    """The run id the audit keeps in `OUT/audit/current-run`, when there is one."""
    try:
        return (out / "audit" / "current-run").read_text(encoding="utf-8").strip() or None
    except OSError:
        return None
