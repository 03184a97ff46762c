"""The hash chain shared by the run logs and the desk's event log.

A record is a JSON object with `seq` (1, 2, …), `prev` (the previous record's `hash`, or 64
zeros) and `hash`: sha256 of the UTF-8 bytes of the record without `hash`, as canonical JSON
(sorted keys, no spaces, non-ASCII kept). Changing, removing, inserting or reordering a
record breaks the chain at that place, which `walk` names.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ZERO = "0" * 64
#: json.dumps(..., ensure_ascii=False, sort_keys=True, separators=(",", ":")), made once
#: (json.dumps builds an encoder per call when given options: a third of the log's cost)
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical(obj: Any) -> bytes:
    """The one byte encoding every audit hash is taken over."""
    return _CANONICAL.encode(obj).encode()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def record_hash(record: dict[str, Any]) -> str:
    return sha256_hex(canonical({k: v for k, v in record.items() if k != "hash"}))


def file_sha256(path: Path) -> tuple[str, int]:
    """sha256 and size of a file, read in blocks."""
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size


def seal(record: dict[str, Any], seq: int, prev: str) -> dict[str, Any]:
    """The record with its place in the chain: seq, prev and its own hash."""
    body = {k: v for k, v in record.items() if k not in ("seq", "prev", "hash")}
    body["seq"], body["prev"] = seq, prev
    body["hash"] = record_hash(body)
    return body


def seal_line(record: dict[str, Any], seq: int, prev: str) -> tuple[str, str]:
    """The record sealed at its place, as one log line, and its hash: the canonical bytes
    hashed once and the hash appended (a line's key order is free; readers recompute the
    canonical form)."""
    body = {k: v for k, v in record.items() if k not in ("seq", "prev", "hash")}
    body["seq"], body["prev"] = seq, prev
    text = _CANONICAL.encode(body)
    digest = sha256_hex(text.encode())
    return f'{text[:-1]},"hash":"{digest}"}}\n', digest


class Broken(Exception):
    """The first place where a log or file no longer is what the trail says: `where` is a file
    relative to OUT, with the line and record where there is one."""

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(where, reason)
        self.where, self.reason = where, reason

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def walk(path: Path, name: str, seq: int, prev: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each (line number, record) of a JSON Lines log that continues the chain after (`seq`,
    `prev`); raises Broken naming the first line that does not."""
    with path.open("rb") as f:
        data = f.read()
    if data and not data.endswith(b"\n"):
        raise Broken(f"{name}", "the file does not end with a whole line (truncated)")
    for number, raw in enumerate(data.splitlines(), start=1):
        where = f"{name} line {number}"
        try:
            record = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise Broken(where, "not a JSON record (edited or truncated)") from None
        if not isinstance(record, dict):
            raise Broken(where, "not a JSON object")
        got = record.get("seq")
        if record.get("hash") != record_hash(record):
            raise Broken(where + _about(record), "its content does not match its hash (edited)")
        if got != seq + 1:
            raise Broken(
                where + _about(record),
                f"sequence number {got} where {seq + 1} was due (a record removed, inserted "
                "or moved)",
            )
        if record.get("prev") != prev:
            raise Broken(
                where + _about(record),
                "does not link to the record before it (a record removed, inserted or moved)",
            )
        seq, prev = got, record["hash"]
        yield number, record


def _about(record: dict[str, Any]) -> str:
    bits = [f"seq {record.get('seq')}", str(record.get("kind", "?"))]
    if record.get("applicant_id"):
        bits.append(f"applicant {record['applicant_id']}")
    return " (" + ", ".join(bits) + ")"
