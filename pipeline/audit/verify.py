"""`certcheck audit verify OUT`: recompute the whole trail and name the first place it breaks.

In order: every run's log (each record's hash, its place in the one chain that runs through
all runs, the run's own shape), each run's signature and the key that made it, the run record
beside each log, the public key and `current-run`, the files the last run wrote
(`findings.jsonl`, `applicants.csv`, `audit/run.json`: a mismatch names the first line that
differs from the logged checks), then the desk's event log (its chain, and every head a run
anchored in its own log).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from . import sign
from .chain import ZERO, Broken, canonical, file_sha256
from .runlog import (
    AUDIT,
    CURRENT,
    DESK_EVENTS,
    RUNS,
    check_signature,
    key_id,
    public_key,
    read_segment,
    segments,
    walk_desk,
)


@dataclass
class Trail:
    """The verified trail: every run's records in chain order and the desk's events."""

    runs: list[tuple[str, list[dict[str, Any]]]] = field(default_factory=list)
    desk: list[dict[str, Any]] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def records(self) -> int:
        return sum(len(r) for _, r in self.runs)


def verify(out: Path, pinned: list[Ed25519PublicKey] | None = None) -> Trail:
    """The trail when every check holds; raises Broken naming the first that does not."""
    trail = Trail()
    segs = segments(out)
    if not segs:
        raise Broken(f"{AUDIT}/{RUNS}", "no run's audit log in this OUT")
    _no_orphans(out, {p.name.removesuffix(".jsonl") for p in segs})
    allowed = {key_id(k) for k in pinned or []}
    seq, prev = 0, ZERO
    for path in segs:
        run_id = path.name.removesuffix(".jsonl")
        name = f"{AUDIT}/{RUNS}/{path.name}"
        records = read_segment(path, name, seq, prev)
        kid = check_signature(out, run_id, records)
        if allowed and kid not in allowed:
            raise Broken(
                f"{AUDIT}/{RUNS}/{run_id}.sig",
                f"signed with key {kid}, not one given with --public-key",
            )
        if kid not in trail.keys:
            trail.keys.append(kid)
        _same_run_record(out, run_id, records[0])
        trail.runs.append((run_id, records))
        seq, prev = records[-1]["seq"], records[-1]["hash"]
    last_id, last = trail.runs[-1]
    last_kid = trail.keys[-1] if len(trail.keys) == 1 else _signer(out, last_id)
    _current_key(out, last_kid)
    _current_run(out, last_id)
    _outputs(out, last_id, last)
    _parts(out, last_id, last)
    trail.desk = _desk(out, trail.runs)
    return trail


def _no_orphans(out: Path, logged: set[str]) -> None:
    for path in sorted((out / AUDIT / RUNS).iterdir()):
        stem = path.name.rsplit(".", 1)[0]
        if path.suffix in (".json", ".sig") and stem not in logged:
            raise Broken(f"{AUDIT}/{RUNS}/{path.name}", "belongs to no run's log (the log removed)")


def _signer(out: Path, run_id: str) -> str:
    sig = json.loads((out / AUDIT / RUNS / f"{run_id}.sig").read_text(encoding="utf-8"))
    return str(sig["key"])


def _same_run_record(out: Path, run_id: str, first: dict[str, Any]) -> None:
    name = f"{AUDIT}/{RUNS}/{run_id}.json"
    try:
        data = json.loads((out / name).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise Broken(name, "the run record is missing") from None
    except (OSError, ValueError):
        raise Broken(name, "not a JSON run record (edited or truncated)") from None
    if canonical(data) != canonical(first["payload"]):
        raise Broken(name, "differs from the run record in the run's log (edited)")


def _current_key(out: Path, kid: str) -> None:
    name = f"{AUDIT}/{sign.PUBLIC_NAME}"
    try:
        key = sign.load_public((out / name).read_bytes())
    except OSError:
        raise Broken(name, "the public key is missing") from None
    if key is None or key_id(key) != kid or public_key(out, kid) is None:
        raise Broken(name, f"is not the key that signed the last run ({kid}): replaced")


def _current_run(out: Path, run_id: str) -> None:
    name = f"{AUDIT}/{CURRENT}"
    try:
        text = (out / name).read_text(encoding="utf-8").strip()
    except OSError:
        raise Broken(name, "missing") from None
    if text != run_id:
        raise Broken(name, f"names {text!r}, but the last run is {run_id}")


def _outputs(out: Path, run_id: str, records: list[dict[str, Any]]) -> None:
    """The files the last run wrote are still the ones its log describes."""
    files = next(r["payload"] for r in records if r["kind"] == "outputs")
    for name, want in files.items():
        path = out / name
        try:
            digest, _size = file_sha256(path)
        except OSError:
            raise Broken(name, f"missing (run {run_id} wrote it)") from None
        if digest == want["sha256"]:
            continue
        if name == "findings.jsonl":
            _first_finding_difference(path, run_id, records)
        if name == "applicants.csv":
            _first_row_difference(path, records)
        raise Broken(name, f"not the file run {run_id} wrote (sha256 differs)")


def _parts(out: Path, run_id: str, records: list[dict[str, Any]]) -> None:
    """A part the last run logged (same key) must still have the logged digest; a part with
    another key was written later by a run that did not finish (a cache, not a record)."""
    from ..run import find_part, part_fingerprint

    for r in records:
        logged = r["payload"].get("part") if r["kind"] == "applicant" else None
        if not logged:
            continue
        path = find_part(out, r["applicant_id"])  # either layout (issue 19: shards)
        name = path.relative_to(out).as_posix()
        found = part_fingerprint(path)
        if found is None or found[0] != logged["key"]:
            continue  # gone (a cache) or rewritten under another key by a later run
        if found[1] != logged["digest"]:
            raise Broken(
                f"{name} (applicant {r['applicant_id']})",
                f"changed after run {run_id} logged it (digest differs; the next run "
                "recomputes it)",
            )


def _first_finding_difference(path: Path, run_id: str, records: list[dict[str, Any]]) -> None:
    logged = [(n, r) for n, r in enumerate(records, start=1) if r["kind"] == "check"]
    lines = path.read_bytes().decode("utf-8", "replace").splitlines()
    for number, (line, (log_line, record)) in enumerate(zip(lines, logged, strict=False), 1):
        try:
            same = canonical(json.loads(line)) == canonical(record["payload"]["finding"])
        except ValueError:
            same = False
        if not same:
            raise Broken(
                f"findings.jsonl line {number} (applicant {record['applicant_id']})",
                f"differs from the check logged in {AUDIT}/{RUNS}/{run_id}.jsonl line "
                f"{log_line} (edited, removed, inserted or moved)",
            )
    if len(lines) != len(logged):
        raise Broken(
            f"findings.jsonl line {min(len(lines), len(logged)) + 1}",
            f"{len(lines)} findings where the run logged {len(logged)} (removed or added)",
        )


def _first_row_difference(path: Path, records: list[dict[str, Any]]) -> None:
    from ..run import csv_cell

    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(["applicant_id", "verdict", "findings"])
    for r in records:
        if r["kind"] == "applicant":
            p = r["payload"]
            writer.writerow([csv_cell(r["applicant_id"]), p["verdict"], p["findings"]])
    want = buf.getvalue().splitlines()
    got = path.read_bytes().decode("utf-8-sig", "replace").splitlines()
    for number, (a, b) in enumerate(zip(got, want, strict=False), start=1):
        if a != b:
            raise Broken(f"applicants.csv line {number}", f"{a!r} where the run logged {b!r}")
    if len(got) != len(want):
        raise Broken(
            f"applicants.csv line {min(len(got), len(want)) + 1}",
            f"{len(got)} lines where the run logged {len(want)} (rows removed or added)",
        )


def _desk(out: Path, runs: list[tuple[str, list[dict[str, Any]]]]) -> list[dict[str, Any]]:
    path = out / AUDIT / DESK_EVENTS
    events = list(walk_desk(path)) if path.is_file() else []
    name = f"{AUDIT}/{DESK_EVENTS}"
    for run_id, records in runs:
        head = next(r["payload"] for r in records if r["kind"] == "desk_head")
        seq = head.get("seq") or 0
        if seq == 0:
            continue
        if len(events) < seq:
            raise Broken(
                f"{name} line {len(events) + 1}",
                f"run {run_id} saw {seq} reviewer events; only {len(events)} left (removed)",
            )
        if events[seq - 1]["hash"] != head["hash"]:
            raise Broken(
                f"{name} line {seq}",
                f"not the reviewer event run {run_id} saw there (the log was rewritten)",
            )
    return events
