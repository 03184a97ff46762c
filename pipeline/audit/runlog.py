"""One run's audit records: who ran what, on which inputs, with which code, engines, models,
rules and calibration; every check's result; which parts were reused from which run, and which
were recomputed because they no longer matched the log. Written whole at the end of the run
beside the contract files (pipeline.run.write_outputs), chained to the runs before and signed.

A run never trusts a part the log contradicts: the last run's log names every part it used
(its key and content digest); a part whose key is the logged one but whose digest is not was
changed after it was logged, so it is recomputed and the discrepancy recorded. When the last
run's log itself cannot be verified with this run's key (edited, or signed elsewhere), no part
is reused.
"""

from __future__ import annotations

import contextlib
import fcntl
import getpass
import hashlib
import json
import logging
import os
import secrets
import socket
import sys
import time
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from models import ApplicantResult, Finding, Rules

from .. import versions
from ..outdir import tmp_path
from . import sign
from .chain import ZERO, Broken, canonical, file_sha256, seal_line, sha256_hex, walk

if TYPE_CHECKING:
    from stages.calibrate import Calibration

    from ..outdir import Staged
    from ..state import Scratch
    from ..window import Window

log = logging.getLogger(__name__)

#: A finding's fields, in findings.jsonl's order (its to_json without asdict's deep copy).
FINDING_FIELDS = tuple(Finding.__dataclass_fields__)
AUDIT = "audit"
RUNS = "runs"
CURRENT = "current-run"
DESK_EVENTS = "desk-events.jsonl"
DESK_LOCK = "desk-events.lock"
KEYS = "keys"
#: The system's own actor in the log (a person's name for reviewer events).
SYSTEM = "certcheck"
#: What a run's signature covers, besides the root: a fixed label so a signature made for
#: anything else never verifies as a run's.
SIGNED_LABEL = "certcheck audit run root v1"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def new_run_id() -> str:
    """Sorts by start time (UTC, microseconds); the random tail keeps ids apart across hosts."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ") + "-" + secrets.token_hex(3)


def signed_message(run_id: str, last_seq: int, root: str, log_sha256: str) -> bytes:
    """What a run's signature covers: its last record's place and hash (the chain's root up to
    this run) and the sha256 of its whole log file (a later run checks that alone)."""
    return canonical(
        {"label": SIGNED_LABEL, "run_id": run_id, "last_seq": last_seq, "root": root,
         "log_sha256": log_sha256}
    )  # fmt: skip


def key_id(key: Ed25519PublicKey) -> str:
    return sign.fingerprint(key)[:32]


def segments(out: Path) -> list[Path]:
    """Every run's log in chain order (by its first record's seq; by name where that line
    cannot be read, so a broken one still takes its place)."""
    folder = out / AUDIT / RUNS
    paths = sorted(folder.glob("*.jsonl")) if folder.is_dir() else []

    def first_seq(path: Path) -> tuple[int, str]:
        with contextlib.suppress(OSError, ValueError, TypeError), path.open("rb") as f:
            return int(json.loads(f.readline())["seq"]), path.name
        return sys.maxsize, path.name

    return sorted(paths, key=first_seq)


def read_segment(
    path: Path, name: str, seq: int | None = None, prev: str | None = None
) -> list[dict[str, Any]]:
    """A run's records, checked: chained to (`seq`, `prev`), or to whatever its first record
    names when those are None (the last run read alone). Raises Broken."""
    if seq is None or prev is None:
        try:
            with path.open("rb") as f:
                first = json.loads(f.readline())
            seq, prev = int(first["seq"]) - 1, str(first["prev"])
        except (OSError, ValueError, KeyError, TypeError):
            raise Broken(f"{name} line 1", "not a JSON record (edited or truncated)") from None
    records = [r for _, r in walk(path, name, seq, prev)]
    run_id = path.name.removesuffix(".jsonl")
    if not records:
        raise Broken(name, "the run's log is empty (truncated)")
    for number, record in enumerate(records, start=1):
        if record.get("run_id") != run_id:
            raise Broken(f"{name} line {number}", f"names run {record.get('run_id')!r}")
    if records[0].get("kind") != "run":
        raise Broken(f"{name} line 1", "the run's log does not start with its run record")
    if records[-1].get("kind") != "run_end":
        raise Broken(f"{name} line {len(records)}", "the run's log ends early (truncated)")
    return records


def check_signature(out: Path, run_id: str, records: list[dict[str, Any]]) -> str:
    """The signing key's id when `runs/<run_id>.sig` signs this run's last record; Broken
    otherwise."""
    name = f"{AUDIT}/{RUNS}/{run_id}.sig"
    try:
        sig = json.loads((out / name).read_text(encoding="utf-8"))
        kid, signature = str(sig["key"]), str(sig["signature"])
    except FileNotFoundError:
        raise Broken(name, "the run's signature is missing") from None
    except (OSError, ValueError, KeyError, TypeError):
        raise Broken(name, "not a signature file") from None
    last = records[-1]
    if sig.get("run_id") != run_id or sig.get("last_seq") != last["seq"]:
        raise Broken(name, f"signs another record than the run's last (seq {last['seq']})")
    if sig.get("root") != last["hash"]:
        raise Broken(name, "signs another root than the run's log ends with")
    key = public_key(out, kid)
    if key is None:
        raise Broken(f"{AUDIT}/{KEYS}/{kid}.pub", "the signing key's public half is missing or "
                     "is not the key it is named after")  # fmt: skip
    message = signed_message(run_id, last["seq"], last["hash"], str(sig.get("log_sha256")))
    if sig.get("log_sha256") != file_sha256(out / AUDIT / RUNS / f"{run_id}.jsonl")[0]:
        raise Broken(name, "signs another log file than the run's (its bytes changed)")
    if not sign.valid(key, message, signature):
        raise Broken(name, "the signature does not verify (the root or the key was changed)")
    return kid


def public_key(out: Path, kid: str) -> Ed25519PublicKey | None:
    """OUT's copy of the public key named `kid`, only when it really is that key."""
    try:
        key = sign.load_public((out / AUDIT / KEYS / f"{kid}.pub").read_bytes())
    except OSError:
        return None
    return key if key is not None and key_id(key) == kid else None


# -- what the last run's log says --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoggedPart:
    key: str
    digest: str
    run_id: str  # the run that computed it


@dataclass
class Earlier:
    """The chain's end (a new run links to it) and the parts the last run logged."""

    seq: int = 0
    prev: str = ZERO
    parts: Mapping[str, LoggedPart] = field(default_factory=dict)
    #: False when the last log could not be verified: then no part in OUT is trusted
    trusted: bool = True
    note: str = "no earlier run in this OUT"
    last_run: str | None = None


def _last_line(path: Path) -> bytes:
    """A file's last line, read from its end (a run's log may be gigabytes)."""
    with path.open("rb") as f:
        size = f.seek(0, os.SEEK_END)
        step = 1 << 16
        while True:
            start = max(0, size - step)
            f.seek(start)
            lines = f.read(size - start).splitlines()
            if len(lines) > 1 or start == 0:
                return lines[-1]  # IndexError for an empty file, as a whole read gave
            step *= 4


def read_earlier(out: Path, ours: Ed25519PublicKey, store: Scratch | None = None) -> Earlier:
    """The last run's log, trusted when its signature by our key covers its bytes (the whole
    file's sha256 is signed, so its records need not be re-hashed one by one here; `certcheck
    audit verify` does that). Read line by line; with `store` its parts are kept there."""
    segs = segments(out)
    if not segs:
        return Earlier()
    last = segs[-1]
    run_id = last.name.removesuffix(".jsonl")
    name = f"{AUDIT}/{RUNS}/{last.name}"
    try:
        try:
            end = json.loads(_last_line(last))
        except (OSError, ValueError, IndexError):
            raise Broken(name, "not a run's log (edited or truncated)") from None
        if not isinstance(end, dict) or end.get("kind") != "run_end":
            raise Broken(name, "the run's log ends early (truncated)")
        kid = check_signature(out, run_id, [end])
        if kid != key_id(ours):
            raise Broken(name, f"signed with another key ({kid}) than this run's")
    except Broken as exc:
        seq, prev = _tail(last)
        log.warning("the audit log of the last run cannot be verified (%s): no part is reused", exc)
        return Earlier(seq, prev, {}, False, f"not verified: {exc}", run_id)
    parts: MutableMapping[str, LoggedPart] = store.map("earlier_parts") if store else {}
    with last.open("rb") as f:
        for line in f:
            if b'"kind":"applicant"' not in line:  # only a record's own key looks like this
                continue
            r = json.loads(line)
            part = r["payload"].get("part")
            if part:
                parts[r["applicant_id"]] = LoggedPart(part["key"], part["digest"], part["run_id"])
    return Earlier(end["seq"], end["hash"], parts, True, "verified", run_id)


def _tail(path: Path) -> tuple[int, str]:
    """The last readable record's place, to go on from a log that failed verification."""
    seq, prev = 0, ZERO
    with contextlib.suppress(OSError), path.open("rb") as f:
        for raw in f:
            with contextlib.suppress(ValueError, KeyError, TypeError):
                rec = json.loads(raw)
                seq, prev = int(rec["seq"]), str(rec["hash"])
    return seq, prev


# -- the run's trail ---------------------------------------------------------------------


class RunTrail:
    """Collects one run's audit facts while it runs; `stage` writes them with the outputs."""

    def __init__(
        self, out: Path, key_file: Path | None, started: float, store: Scratch | None = None
    ) -> None:
        """`store`: the run's scratch store (pipeline.state): the per-applicant records are
        kept there, not in memory (issue 19)."""
        t0 = time.perf_counter()
        self.out = out
        self.key: Ed25519PrivateKey = sign.load_or_create(sign.key_path(key_file))
        #: what seals the run's own records in OUT/.index (pipeline.similar.Verified): a
        #: key derived from the audit key, never written anywhere
        seed = b"certcheck index seal v1" + self.key.private_bytes_raw()
        self.secret: bytes = hashlib.sha256(seed).digest()
        self.run_id = new_run_id()
        self.started = datetime.fromtimestamp(started, UTC).isoformat(timespec="microseconds")
        self.earlier = read_earlier(out, self.key.public_key(), store)
        self.recomputed: list[dict[str, Any]] = []
        #: applicant → the part used: (key, digest, run that computed it)
        self.parts: MutableMapping[str, LoggedPart] = store.map("trail_parts") if store else {}
        self.reused: MutableMapping[str, str] = store.map("trail_reused") if store else {}
        self._now = ""
        #: the run record's long lists (inventory, reused): token -> their items, made again
        #: each time the record is written, never held (issue 19)
        self.streamed: dict[str, Callable[[], Iterator[Any]]] = {}
        self.seconds = time.perf_counter() - t0

    def _stream(self, items: Callable[[], Iterator[Any]]) -> str:
        """A list of the run record that is written item by item: the record holds a token
        (unique to the run) in its place, `Streamed` writes the items there."""
        token = f"\x00certcheck-list-{secrets.token_hex(12)}\x00"
        self.streamed[token] = items
        return token

    def admit(self, applicant_id: str, key: str, seen: dict[str, str]) -> bool:
        """May the (whole, current-key) part in OUT be reused? Not when the log says
        otherwise; the discrepancy is recorded. `seen`: the part's `digest` and `run`
        (pipeline.run.read_part)."""
        digest = seen.get("digest", "")
        logged = self.earlier.parts.get(applicant_id)
        reason = None
        if not self.earlier.trusted:
            reason = "the last run's audit log cannot be verified"
        elif logged is not None and logged.key == key and logged.digest != digest:
            reason = "the part's digest is not the one the audit log recorded (changed)"
        if reason is not None:
            log.warning("part of applicant %s recomputed: %s", applicant_id, reason)
            self.recomputed.append(
                {
                    "applicant_id": applicant_id,
                    "reason": reason,
                    "logged_digest": logged.digest if logged else None,
                    "found_digest": digest,
                    "logged_in": self.earlier.last_run,
                }
            )
            return False
        run = seen.get("run") or (logged.run_id if logged else "") or "an earlier run"
        self.parts[applicant_id] = LoggedPart(key, digest, run)
        self.reused[applicant_id] = run
        return True

    def computed(self, applicant_id: str, key: str, digest: str) -> None:
        self.parts[applicant_id] = LoggedPart(key, digest, self.run_id)

    # -- writing -------------------------------------------------------------------------

    def begin(
        self,
        staged: Staged,
        window: Window,
        rules: Rules,
        cal: Calibration | None,
        summary: dict[str, Any],
    ) -> LogWriter:
        """Start the run's log (its run record and the parts recomputed against the last
        log); the applicants' records follow one at a time (`LogWriter.applicant`, in form
        order), so the log of a national window is never held whole (issue 19)."""
        t0 = time.perf_counter()
        self._now = now()  # the records are made together, at the end of the run
        audit = self.out / AUDIT
        (audit / RUNS).mkdir(parents=True, exist_ok=True)
        (audit / KEYS).mkdir(exist_ok=True)
        run = self._run_record(window, rules, cal, summary)
        writer = LogWriter(self, staged, window, run)
        writer.add(self._record("run", run, actor=run["operator"]["name"]), streamed=True)
        for r in self.recomputed:
            writer.add(self._record("part_recomputed", r, r["applicant_id"]))
        self.seconds += time.perf_counter() - t0
        return writer

    def applicant_records(self, window: Window, result: ApplicantResult) -> list[dict[str, Any]]:
        """One applicant's records: its inputs, part and verdict, then each check."""
        aid = result.applicant_id
        form = window.forms.get(aid)
        part = self.parts.get(aid)
        uploads = window.uploads.get(aid, [])
        by_path = {u.path: u for u in uploads}
        records = [
            self._record(
                "applicant",
                {
                    "form_sha256": sha256_hex(form.raw.encode()) if form else None,
                    "id_number": form.id_number if form else None,
                    "uploads": [u.sha256 for u in uploads],
                    "part": _part_json(part),
                    "reused_from": self.reused.get(aid),
                    "verdict": result.verdict,
                    "findings": sum(1 for f in result.findings if f.needs_review),
                    "checks": len(result.findings),
                },
                aid,
            )
        ]
        for finding in result.findings:
            upload = by_path.get(finding.file) if finding.file else None
            payload = {
                "finding": {name: getattr(finding, name) for name in FINDING_FIELDS},
                "file_sha256": upload.sha256 if upload else None,
            }
            records.append(self._record("check", payload, aid))
        return records

    def _record(
        self, kind: str, payload: dict[str, Any], applicant_id: str | None = None, actor: str = ""
    ) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "time": self._now or now(),
            "actor": actor or SYSTEM,
            "kind": kind,
            "applicant_id": applicant_id,
            "payload": payload,
        }

    def _run_record(
        self, window: Window, rules: Rules, cal: Calibration | None, summary: dict[str, Any]
    ) -> dict[str, Any]:
        from ..calibration import calibration_file
        from ..rules import RULES_DIR

        info = window.info
        root = Path(info.root)
        user, host = _user(), socket.gethostname()
        model_sha = versions.model_hashes()
        cal_file = calibration_file()
        counts = {
            k: summary[k]
            for k in ("applicants", "review", "clear", "uploads", "reused", "retry_next_run")
        }
        counts["recomputed_against_log"] = len(self.recomputed)
        return {
            "run_id": self.run_id,
            "started": self.started,
            "ended": now(),
            "operator": {"user": user, "host": host, "name": f"{user}@{host}", "pid": os.getpid()},
            "command": sys.argv,
            "code": {
                "certcheck": versions.code_version(),
                "source_sha256": versions.source_hash(),
                "git_commit": git_commit(),
            },
            "engines": summary.get("versions", {}),
            "models": [
                {"file": str(p), "sha256": model_sha.get(p.name), "bytes": p.stat().st_size}
                for p in versions.model_files()
            ],
            "rules": [_hashed(RULES_DIR / name, name) for name in rules.sources],
            "calibration": {
                "file": str(cal_file) if cal_file else None,
                "sha256": file_sha256(cal_file)[0] if cal_file and cal else None,
                "used": cal.source if cal else "none (raw recogniser scores)",
            },
            "window": {
                "root": str(root.resolve()),
                "name": info.name,
                "region": info.region,
                "opens": info.opens.isoformat() if info.opens else None,
                "closes": info.closes.isoformat() if info.closes else None,
                "reference_date": info.reference_date.isoformat(),
                "files": [
                    _hashed(root / name, name)
                    for name in ("window.toml", "applicants.jsonl")
                    if (root / name).is_file()
                ],
            },
            "inventory": self._stream(lambda: _inventory(window)),
            "stray": list(window.stray),
            "counts": counts,
            "reused": self._stream(
                lambda: ({"applicant_id": a, "from_run": r} for a, r in self.reused.items())
            ),
            "recomputed": self.recomputed,
            "earlier_log": self.earlier.note,
            "audit_key": key_id(self.key.public_key()),
            "audit_seconds_before_writing": round(self.seconds, 4),
        }


class LogWriter:
    """The run's log file, written record by record under a temporary name (its sha256
    kept on the way) and staged with the contract files by `finish`, with the run record,
    the signature, the public key and `current-run`."""

    def __init__(self, trail: RunTrail, staged: Staged, window: Window, run: dict[str, Any]):
        self.trail, self.staged, self.window, self.run = trail, staged, window, run
        self.path = trail.out / AUDIT / RUNS / f"{trail.run_id}.jsonl"
        self.tmp = tmp_path(self.path)
        self._file: BinaryIO | None = self.tmp.open("wb")
        self._sha = hashlib.sha256()
        self.seq, self.prev = trail.earlier.seq, trail.earlier.prev
        self.count = 0

    def add(self, record: dict[str, Any], streamed: bool = False) -> None:
        """One record, sealed at its place in the chain. `streamed`: the record holds the
        trail's list tokens (the run record), whose items are written one by one."""
        assert self._file is not None, "the log was finished"
        self.seq += 1
        if streamed:
            self._add_streamed(record)
        else:
            line, self.prev = seal_line(record, self.seq, self.prev)
            data = line.encode()
            self._file.write(data)
            self._sha.update(data)
        self.count += 1

    def _add_streamed(self, record: dict[str, Any]) -> None:
        """`seal_line`'s bytes, written piece by piece: the canonical text is hashed as it
        goes and its closing brace held back for the hash to follow."""
        assert self._file is not None
        body = {k: v for k, v in record.items() if k not in ("seq", "prev", "hash")}
        body["seq"], body["prev"] = self.seq, self.prev
        own = hashlib.sha256()
        held = b""
        for piece in splice(canonical(body).decode(), self.trail.streamed, _canonical_list):
            if held:
                self._file.write(held)
                self._sha.update(held)
            held = piece.encode()
            own.update(held)
        digest = own.hexdigest()
        assert held.endswith(b"}")
        tail = held[:-1] + f',"hash":"{digest}"}}\n'.encode()
        self._file.write(tail)
        self._sha.update(tail)
        self.prev = digest

    def applicant(self, result: ApplicantResult) -> None:
        t0 = time.perf_counter()
        for record in self.trail.applicant_records(self.window, result):
            self.add(record)
        self.trail.seconds += time.perf_counter() - t0

    def finish(self, outputs: dict[str, Path]) -> None:
        """The log's last records (the desk's head, the outputs' hashes, the run's end), then
        the files beside it. `outputs`: name → the staged file."""
        t0 = time.perf_counter()
        trail = self.trail
        self.add(trail._record("desk_head", desk_head(trail.out)))
        files = {}
        for name, path in outputs.items():
            digest, size = file_sha256(path)
            files[name] = {"sha256": digest, "bytes": size}
        self.add(trail._record("outputs", files))
        end = {"ended": now(), "records": self.count + 1, "counts": self.run["counts"]}
        self.add(trail._record("run_end", end))
        assert self._file is not None
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        self._file = None
        audit = trail.out / AUDIT
        staged = self.staged
        staged.adopt(self.tmp, self.path)
        with staged.open(audit / RUNS / f"{trail.run_id}.json") as f:  # json.dumps(indent=1)
            text = json.dumps(self.run, ensure_ascii=False, indent=1)
            for piece in splice(text, trail.streamed, _indented_list):
                f.write(piece)
        file_digest = self._sha.hexdigest()
        pub = trail.key.public_key()
        kid = key_id(pub)
        signature = {
            "run_id": trail.run_id,
            "last_seq": self.seq,
            "root": self.prev,
            "log_sha256": file_digest,
            "key": kid,
            "signature": sign.sign(
                trail.key, signed_message(trail.run_id, self.seq, self.prev, file_digest)
            ),
        }
        staged.write_text(audit / RUNS / f"{trail.run_id}.sig", json.dumps(signature, indent=1))
        pem = sign.public_pem(pub).decode()
        staged.write_text(audit / KEYS / f"{kid}.pub", pem)
        staged.write_text(audit / sign.PUBLIC_NAME, pem)
        staged.write_text(audit / CURRENT, trail.run_id + "\n")
        trail.seconds += time.perf_counter() - t0

    def discard(self) -> None:
        """After a failure: the unfinished log is not left behind (a staged one is the
        Staged's to remove)."""
        if self._file is not None:
            self._file.close()
            self._file = None
            with contextlib.suppress(OSError):
                self.tmp.unlink()


def _inventory(window: Window) -> Iterator[dict[str, Any]]:
    """Every upload of the window, applicant by applicant in form order."""
    for aid in window.order:
        for u in window.uploads.get(aid, []):
            yield {
                "applicant_id": u.applicant_id,
                "slot": u.slot,
                "path": u.path,
                "bytes": u.size,
                "sha256": u.sha256,
                "kind": u.kind,
            }


def splice(
    text: str,
    lists: Mapping[str, Callable[[], Iterator[Any]]],
    encode: Callable[[Iterator[Any]], Iterator[str]],
) -> Iterator[str]:
    """`text` (a JSON document holding list tokens as strings) in pieces, each token's
    string replaced by its list as `encode` writes it: the document the lists themselves
    would have given, never held whole."""
    tokens = {json.dumps(token): items for token, items in lists.items()}
    start = 0
    while True:
        found = [(text.find(t, start), t) for t in tokens]
        found = [(at, t) for at, t in found if at >= 0]
        if not found:
            yield text[start:]
            return
        at, token = min(found)
        yield text[start:at]
        yield from encode(tokens[token]())
        start = at + len(token)


def _canonical_list(items: Iterator[Any]) -> Iterator[str]:
    """A list as `chain.canonical` encodes it: `[a,b]`, `[]`."""
    sep = "["
    for item in items:
        yield sep + canonical(item).decode()
        sep = ","
    yield "]" if sep == "," else "[]"


def _indented_list(items: Iterator[Any]) -> Iterator[str]:
    """A list as `json.dumps(run, ensure_ascii=False, indent=1)` writes one of the run
    record's own values (its items two levels in)."""
    sep = "[\n  "
    for item in items:
        yield sep + json.dumps(item, ensure_ascii=False, indent=1).replace("\n", "\n  ")
        sep = ",\n  "
    yield "\n ]" if sep != "[\n  " else "[]"


def _part_json(part: LoggedPart | None) -> dict[str, str] | None:
    if part is None:
        return None  # not kept (our failure): the next run checks the applicant again
    return {"key": part.key, "digest": part.digest, "run_id": part.run_id}


def _hashed(path: Path, name: str) -> dict[str, Any]:
    digest, size = file_sha256(path)
    return {"file": name, "sha256": digest, "bytes": size}


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no name for this uid (a container)
        return f"uid {os.getuid()}"


def git_commit() -> str | None:
    """The commit the product's sources were checked out at, read from .git without running
    git; None outside a checkout."""
    root = Path(versions.__file__).resolve().parent.parent
    git = root / ".git"
    with contextlib.suppress(OSError, ValueError):
        if git.is_file():  # a worktree: "gitdir: <path>"
            git = Path(git.read_text().split(":", 1)[1].strip())
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref:"):
            return head
        ref = head[4:].strip()
        common = git
        if (git / "commondir").is_file():
            common = (git / (git / "commondir").read_text().strip()).resolve()
        for base in (git, common):
            if (base / ref).is_file():
                return (base / ref).read_text().strip()
        for line in (common / "packed-refs").read_text().splitlines():
            if line.endswith(" " + ref):
                return line.split(" ", 1)[0]
    return None


def desk_head(out: Path) -> dict[str, Any]:
    """The desk log's last record (seq, hash), read under its lock; anchored in every run's
    log so that removing reviewer events from the end is seen too."""
    path = out / AUDIT / DESK_EVENTS
    if not path.is_file():
        return {"seq": 0, "hash": ZERO}
    with _desk_locked(out):
        try:
            records = list(walk_desk(path))
        except Broken as exc:
            return {"broken": str(exc)}
    if not records:
        return {"seq": 0, "hash": ZERO}
    return {"seq": records[-1]["seq"], "hash": records[-1]["hash"]}


def walk_desk(path: Path) -> Iterator[dict[str, Any]]:
    name = f"{AUDIT}/{DESK_EVENTS}"
    for _, record in walk(path, name, 0, ZERO):
        yield record


@contextlib.contextmanager
def _desk_locked(out: Path) -> Iterator[None]:
    """A shared flock on the desk's lock file when there is one (never created here)."""
    lock = out / AUDIT / DESK_LOCK
    try:
        fd = os.open(lock, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)
