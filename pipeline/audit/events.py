"""Appending to the reviewer-event log, `OUT/audit/desk-events.jsonl`, in the format shared with
the desk: one JSON object per line, `seq` from 1, `prev`/`hash` chained as in `chain`, written
under an exclusive flock on `desk-events.lock` and fsynced. The desk writes its events (login,
decision, …) this way; `certcheck audit export` records itself here as an `export` event.
Full ID numbers never go into this log.
"""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path
from typing import Any

from .chain import ZERO, canonical, seal
from .runlog import AUDIT, DESK_EVENTS, DESK_LOCK, now


def append(
    out: Path, kind: str, actor: str, payload: dict[str, Any], applicant_id: str | None = None
) -> dict[str, Any]:
    """Append one event after the log's last record; returns it as written."""
    folder = out / AUDIT
    folder.mkdir(parents=True, exist_ok=True)
    lock = os.open(folder / DESK_LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        path = folder / DESK_EVENTS
        seq, prev = _last(path)
        record = seal(
            {"time": now(), "actor": actor, "kind": kind, "applicant_id": applicant_id,
             "payload": payload},
            seq + 1,
            prev,
        )  # fmt: skip
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW,
                     0o644)  # fmt: skip
        try:
            os.write(fd, canonical(record) + b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)
        return record
    finally:
        os.close(lock)


def _last(path: Path) -> tuple[int, str]:
    """The last record's seq and hash (0 and zeros for an empty or absent log), read
    backwards from the end: the log grows with every reviewer action."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
    except FileNotFoundError:
        return 0, ZERO
    with os.fdopen(fd, "rb") as f:
        pos = f.seek(0, os.SEEK_END)
        block = b""
        while pos > 0:
            step = min(65536, pos)
            pos -= step
            f.seek(pos)
            block = f.read(step) + block
            lines = block.rstrip(b"\n").split(b"\n")
            if len(lines) > 1 or pos == 0:
                if not lines[-1].strip():
                    return 0, ZERO
                record = json.loads(lines[-1])
                return int(record["seq"]), str(record["hash"])
    return 0, ZERO
