"""`certcheck reliability`: run the hostile corpus (lab.hostile) through `certcheck run` as a
real subprocess, under observation, and score it (issue 16's "Numbers").

What is measured, and how:

- per kind, a clear answer or a MISS, against the kind's expectation (lab.hostile);
- crashes: the run's exit code, `internal error`/tracebacks on stderr, generic
  "处理出错" processing errors;
- rows: exactly one applicants.csv row per applicant line (and upload folder without a line);
- memory: the peak RSS of the main process and of every worker (the process tree sampled
  with psutil every ~0.1 s) against 1.5 GB;
- time: the slowest applicant's `seconds` (read through `pipeline.run.load_results`; one kind
  per applicant, so applicant ≈ upload) against the per-upload budget (`--upload-timeout`'s
  default when `certcheck run` has one, else 120 s), and the run's wall time;
- reads outside WINDOW and writes outside OUT: the run under `strace -f` (when installed):
  every open whose file turned out to be outside WINDOW though its path was inside it (a
  followed symlink), every open of a sentinel file, every write, create, rename, unlink or
  mkdir outside OUT (/dev, /proc, /sys and bytecode caches aside); the sentinel folder's
  listing is also compared before and after;
- window probes (lab.hostile.write_probes): tricks that cannot share the corpus's window
  (a FIFO window.toml, implausible `closes`, OUT inside WINDOW and the reverse), each run on
  its own: it must end within 30 s with its exit code.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models import FIELD_LABELS
from pipeline.audit import sign
from pipeline.process import PROGRAM_FAILED

from . import hostile

RSS_BOUND = 1_500_000_000  # bytes (1.5 GB)
DEFAULT_BUDGET_S = 120.0
#: the audit signing key the traced run uses, in the work folder (made before the trace)
AUDIT_KEY = "audit-ed25519.pem"
#: Fields that compare a document's content with the form, and `doc_type` (the corpus's
#: pictures are no documents, so every decodable one gets it): a finding on one of them says
#: nothing about the file being hostile, so it does not count as a `flag`; nor do the
#: cross-applicant `window.*` checks.
CONTENT_FIELDS = frozenset(FIELD_LABELS) - {
    "line", "presence", "file", "orientation", "quality", "image",
}  # fmt: skip
GENERIC = "（处理出错）"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TRACED = "open,openat,openat2,creat,rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat"
WRITE_FLAGS = ("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC")
IGNORED_PREFIXES = ("/dev/", "/proc/", "/sys/")


# -- reading OUT ---------------------------------------------------------------------------


def read_findings(out: Path) -> list[dict[str, Any]] | None:
    """findings.jsonl's objects (bad lines skipped), or None when there is none."""
    path = out / "findings.jsonl"
    if not path.is_file():
        return None
    found = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        if isinstance(obj, dict):
            found.append(obj)
    return found


def read_rows(out: Path) -> list[list[str]] | None:
    """applicants.csv's rows after the header, or None when there is none."""
    path = out / "applicants.csv"
    if not path.is_file():
        return None
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as f:
        rows = list(csv.reader(f))
    return rows[1:]


def read_stray(out: Path) -> list[str]:
    """The files the run set aside as belonging to no applicant (audit/run.json's
    `stray_files`, where the run writes one)."""
    try:
        data = json.loads((out / "audit" / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    stray = data.get("stray_files") if isinstance(data, dict) else None
    return [str(s) for s in stray] if isinstance(stray, list) else []


def _names(f: dict[str, Any], path: str) -> bool:
    file = f.get("file")
    if not isinstance(file, str) or not path:
        return False
    return file == path or file.startswith(path.rstrip("/") + "/")


def _generic(f: dict[str, Any]) -> bool:
    """An exception nothing translated: a crash of ours on the file, whichever finding it got
    (processing.error before 2026-12-07, a system error since)."""
    message = str(f.get("message", ""))
    if f.get("check") == "processing.error":
        return GENERIC in message
    return f.get("check") == "processing.system_error" and PROGRAM_FAILED in message


def _short(fs: Iterable[dict[str, Any]], limit: int = 3) -> str:
    """'status:check' of the findings, the non-pass ones first."""
    ordered = sorted(fs, key=lambda f: f.get("status") == "pass")
    items = [f"{f.get('status')}:{f.get('check') or f.get('field')}" for f in ordered]
    more = f" +{len(items) - limit}" if len(items) > limit else ""
    return ", ".join(items[:limit]) + more if items else "no finding"


# -- scoring one kind ----------------------------------------------------------------------


@dataclass
class Verdict:
    kind: str
    group: str
    expect: str
    clear: bool
    found: str
    note: str = ""


def _flagged(on: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        f for f in on
        if f.get("status") != "pass" and not _generic(f) and f.get("field") not in CONTENT_FIELDS
        and not str(f.get("check", "")).startswith("window.")
    ]  # fmt: skip


def _read(kind: dict[str, Any], on: list[dict[str, Any]], findings: list[dict[str, Any]]) -> bool:
    """Read like any upload: an orientation finding (or, for a PDF, any finding) names it,
    none of them is a processing error, and its slot is not reported missing."""
    if not on or any(f.get("check") == "processing.error" for f in on):
        return False
    pdf = str(kind.get("path", "")).lower().endswith(".pdf")
    if not pdf and not any(f.get("field") == "orientation" for f in on):
        return False
    aid, slot = kind.get("applicant_id"), kind.get("slot")
    return not any(
        f.get("applicant_id") == aid and f.get("slot") == slot and f.get("status") == "missing"
        for f in findings
    )


def _line_findings(kind: dict[str, Any], findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    line = kind.get("line")
    ids = {kind.get("applicant_id"), f"line-{line}"} - {None}
    mark = re.compile(rf"第\s*{line}\s*行") if line else None
    return [
        f for f in findings
        if f.get("status") != "pass" and f.get("slot") in ("form", "window")
        and f.get("field") == "line"
        and (f.get("applicant_id") in ids or (mark is not None and mark.search(
            f"{f.get('message', '')} {f.get('observed', '')}")))
    ]  # fmt: skip


def _csv_cells(aid: str, rows: list[list[str]]) -> list[str]:
    want = aid.strip()
    return [r[0] for r in rows if r and (r[0] == aid or r[0].lstrip("'\t ") == want)]


def score_kind(
    kind: dict[str, Any],
    findings: list[dict[str, Any]] | None,
    rows: list[list[str]] | None,
    escapes: dict[str, list[str]],
    stray: Sequence[str] = (),
) -> Verdict:
    """Did the run give `kind` a clear answer? `escapes`: what strace saw leave the trees
    through the kind's path (reads through links, writes for ids)."""
    name, expect = kind["name"], kind["expect"]

    def verdict(clear: bool, found: str) -> Verdict:
        return Verdict(name, kind["group"], expect, clear, found, kind.get("note", ""))

    if findings is None:
        return verdict(False, "no findings.jsonl")
    path = kind.get("path") or ""
    on = [f for f in findings if _names(f, path)]
    aid = kind.get("applicant_id")
    escaped = escapes.get(name, [])
    if escaped:
        return verdict(False, f"left the tree: {escaped[0]}" + _more(escaped))
    if expect in ("flag", "handled", "read"):
        if any(_generic(f) for f in on):
            return verdict(False, "generic processing error: " + _short(on))
        flagged = _flagged(on)
        read = _read(kind, on, findings)
        clear = {"flag": bool(flagged), "read": read, "handled": bool(flagged) or read}[expect]
        return verdict(clear, ("read; " if read else "") + _short(flagged or on))
    if expect == "stray":
        if path in stray:
            return verdict(True, "listed in audit/run.json stray_files")
        flagged = _flagged(on)
        return verdict(bool(flagged), _short(flagged or on))
    if expect == "ignored":
        companion = [f for f in findings if _names(f, kind.get("companion") or "")]
        if on:
            return verdict(False, "named by " + _short(on))
        if kind.get("companion") and not companion:
            return verdict(False, "the real upload beside it was not read")
        return verdict(True, "no finding names it")
    if expect == "line":
        lf = _line_findings(kind, findings)
        return verdict(bool(lf), _short(lf) if lf else "no form/line finding")
    if expect == "missing":
        miss = [
            f for f in findings
            if f.get("applicant_id") == aid and f.get("slot") == kind.get("slot")
            and f.get("status") == "missing"
        ]  # fmt: skip
        return verdict(bool(miss), _short(miss) if miss else "no missing finding")
    if expect in ("csv", "row"):
        if rows is None:
            return verdict(False, "no applicants.csv")
        cells = _csv_cells(str(aid), rows)
        if expect == "row":
            lf = _line_findings(kind, findings)
            return verdict(bool(cells) or bool(lf), "row" if cells else _short(lf))
        bad = [c for c in cells if c.startswith(FORMULA_START)]
        if not cells:
            # an id refused as a folder name (a tab, a control character) is its line's
            # finding and row `line-N`: no formula reaches the spreadsheet either
            lf = _line_findings(kind, findings)
            return verdict(bool(lf), _short(lf) if lf else "no row")
        return verdict(not bad, f"cell {bad[0]!r} starts a formula" if bad else f"{cells[0]!r}")
    raise ValueError(f"unknown expectation {expect!r}")


def _more(items: Sequence[str]) -> str:
    return f" (+{len(items) - 1})" if len(items) > 1 else ""


def check_rows(meta: dict[str, Any], rows: list[list[str]] | None) -> dict[str, Any]:
    """Exactly one row per applicant line (and per folder without a line)."""
    if rows is None:
        return {"ok": False, "expected": meta["rows"], "found": None, "problems": ["no csv"]}
    problems = []
    ids = [r[0] if r else "" for r in rows]
    for aid in meta["plain_ids"]:
        n = ids.count(aid)
        if n != 1:
            problems.append(f"{aid}: {n} rows")
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    problems += [f"{i!r} appears more than once" for i in dupes]
    if len(rows) != meta["rows"]:
        problems.insert(0, f"{len(rows)} rows, expected {meta['rows']}")
    return {"ok": not problems, "expected": meta["rows"], "found": len(rows), "problems": problems}


# -- watching the process tree --------------------------------------------------------------


@dataclass
class Peaks:
    """Peak RSS per process of the run's tree, sampled while it runs."""

    by_pid: dict[int, dict[str, Any]] = field(default_factory=dict)

    def sample(self, root: int) -> None:
        import psutil

        try:
            top = psutil.Process(root)
            procs = [top, *top.children(recursive=True)]
        except psutil.Error:
            return
        for p in procs:
            try:
                rss = p.memory_info().rss
                entry = self.by_pid.get(p.pid)
                if entry is None:
                    entry = {"pid": p.pid, "role": self._role(p, top), "peak": 0}
                    self.by_pid[p.pid] = entry
                entry["peak"] = max(entry["peak"], rss)
            except psutil.Error:
                continue

    @staticmethod
    def _role(p: Any, top: Any) -> str:
        """main: the certcheck process (the top one, or strace's child); worker: a Python
        process below it (forked workers share main's command line); else its name."""
        name, cmdline = p.name(), p.cmdline()
        if name == "strace":
            return "strace"
        if p.pid == top.pid or (top.name() == "strace" and p.ppid() == top.pid):
            return "main"
        text = " ".join(cmdline)
        if "resource_tracker" in text or "forkserver" in text:
            return "helper"
        if name.startswith("python") or "python" in os.path.basename(cmdline[0] if cmdline else ""):
            return "worker"
        return name or "other"

    def product(self) -> list[dict[str, Any]]:
        """The product's processes (main, workers, engines), largest first."""
        found = [e for e in self.by_pid.values() if e["role"] not in ("strace", "helper")]
        return sorted(found, key=lambda e: -e["peak"])


@dataclass
class RunResult:
    rc: int | None
    wall: float
    stdout: str
    stderr: str
    timed_out: bool
    peaks: Peaks


def observe(cmd: list[str], cwd: Path, timeout: float, interval: float = 0.1) -> RunResult:
    """Run `cmd` in its own session, sampling its tree's memory; on timeout the whole
    session is killed (by its process-group id)."""
    started = time.monotonic()
    env = {k: v for k, v in os.environ.items() if k != "CERTCHECK_PROGRESS"}
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True,
    )  # fmt: skip
    peaks = Peaks()
    done = threading.Event()
    out: dict[str, bytes] = {}

    def pump() -> None:
        o, e = proc.communicate()
        out["stdout"], out["stderr"] = o, e
        done.set()

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    timed_out = False
    while not done.wait(interval):
        peaks.sample(proc.pid)
        if time.monotonic() - started > timeout:
            timed_out = True
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            done.wait(30)
            break
    reader.join(5)
    return RunResult(
        proc.returncode,
        time.monotonic() - started,
        out.get("stdout", b"").decode("utf-8", "replace"),
        out.get("stderr", b"").decode("utf-8", "replace"),
        timed_out,
        peaks,
    )


# -- strace ----------------------------------------------------------------------------------

_LINE = re.compile(r"^(\d+)\s+(.*)$")
_CALL = re.compile(r"^(\w+)\((.*)\)\s+=\s+(-?\d+)(?:<((?:\\x[0-9a-f]{2})*)>)?")
_TOKEN = re.compile(r'(AT_FDCWD|\d+)<((?:\\x[0-9a-f]{2})*)>|"((?:\\x[0-9a-f]{2})*)"|(O_[A-Z_|]+)')


def _hex(text: str) -> str:
    return os.fsdecode(bytes.fromhex(text.replace("\\x", "")))


@dataclass(frozen=True, slots=True)
class Access:
    """One traced call: the path(s) asked for (made absolute) and what they resolved to."""

    pid: int
    call: str
    paths: tuple[str, ...]
    write: bool
    ok: bool
    resolved: str | None  # the opened file's real path (strace -y)


def parse_strace(text: str, cwd: str) -> list[Access]:
    """The calls of an `strace -f -y -xx` log, unfinished/resumed halves joined."""
    pending: dict[str, str] = {}
    calls = []
    for raw in text.splitlines():
        m = _LINE.match(raw)
        if not m:
            continue
        pid, rest = m.groups()
        if rest.endswith("<unfinished ...>"):
            pending[pid] = rest[: -len("<unfinished ...>")]
            continue
        resumed = re.match(r"^<\.\.\. \w+ resumed>\s?", rest)
        if resumed:
            rest = pending.pop(pid, "") + rest[resumed.end() :]
        c = _CALL.match(rest)
        if not c:
            continue
        name, args, ret, fdpath = c.groups()
        paths: list[str] = []
        flags = ""
        base = cwd
        for fd, fdp, string, flag in _TOKEN.findall(args):
            if fd:
                base = _hex(fdp)
            elif string or (not fd and not flag):
                p = _hex(string)
                paths.append(os.path.normpath(os.path.join(base, p)))
                base = cwd
            elif flag:
                flags += flag + "|"
        write = name not in ("open", "openat", "openat2") or any(w in flags for w in WRITE_FLAGS)
        calls.append(
            Access(
                int(pid), name, tuple(paths), write, int(ret) >= 0, _hex(fdpath) if fdpath else None
            )  # fmt: skip
        )
    return calls


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def _ignored(path: str) -> bool:
    return (
        path == "/dev/null"
        or path.startswith(IGNORED_PREFIXES)
        or "/__pycache__/" in path
        or path.endswith((".pyc", ".pyc.tmp"))
    )


def outside(calls: list[Access], window: str, out: str, sentinel: str) -> dict[str, list[str]]:
    """Reads outside WINDOW (a sentinel file, or a window path that resolved outside it) and
    writes outside OUT, each as 'call path [→ real path]'."""
    reads: list[str] = []
    writes: list[str] = []
    for c in calls:
        if not c.ok:
            continue
        if c.write:
            for p in c.paths:
                real = c.resolved if c.resolved and c.call.startswith("open") else p
                if not _under(real, out) and not _ignored(real):
                    writes.append(f"{c.call} {real}")
            continue
        asked = c.paths[0] if c.paths else ""
        real = c.resolved or asked
        if _under(real, sentinel) or (
            _under(asked, window) and not _under(real, window) and not _ignored(asked)
        ):
            reads.append(f"{c.call} {asked} → {real}")
    return {"reads": _dedupe(reads), "writes": _dedupe(writes)}


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


#: What the writes outside OUT seen so far were (a label helps the reader judge them).
WRITE_LABELS = (
    ("dask-scratch-space", "Dask scratch space"),
    ("/tess_", "Tesseract's temporary files (pytesseract)"),
    (".onnxruntime", "onnxruntime's usage database"),
    ("/sentinel/", "the sentinel folder: an id escaped OUT"),
)


def summarise_writes(writes: list[str], depth: int = 2) -> list[str]:
    """Writes grouped by their first `depth` folders, with counts (Dask scratch dirs are
    dozens of lines) and a label where the kind of write is known."""
    groups: dict[str, list[str]] = {}
    for w in writes:
        path = w.partition(" ")[2]
        groups.setdefault("/".join(path.split("/")[: depth + 1]), []).append(path)
    lines = []
    for key, paths in sorted(groups.items()):
        label = next((lab for mark, lab in WRITE_LABELS if mark in paths[0]), "")
        if not label and re.fullmatch(r"/tmp/[a-z0-9_]{8}", paths[0]):
            label = "an anonymous temporary file (tempfile: created, then unlinked)"
        text = f"{key}/… ({len(paths)})" if len(paths) > 1 else paths[0]
        lines.append(f"{text}  [{label}]" if label else text)
    return lines


def escapes_by_kind(
    meta: dict[str, Any], seen: dict[str, list[str]], window: str, work: str
) -> dict[str, list[str]]:
    """What left the trees through each kind: a read through its link or folder, a write
    under the sentinel for an id that climbs out."""
    found: dict[str, list[str]] = {}
    for kind in meta["kinds"]:
        path = kind.get("path")
        if kind["group"] == "link" and path:
            full = os.path.join(window, path)
            hits = [r for r in seen["reads"] if _under(r.split(" ")[1], full)]
            if hits:
                found[kind["name"]] = hits
        if kind["name"] in ("id_traversal", "id_dotdot"):
            leaf = os.path.join(work, hostile.SENTINEL, os.path.basename(kind["applicant_id"]))
            hits = [w for w in seen["writes"] if leaf in w]
            if hits:
                found[kind["name"]] = hits
    return found


# -- the command ---------------------------------------------------------------------------


def upload_budget(certcheck: list[str]) -> tuple[float, str]:
    """`--upload-timeout`'s default from `certcheck run --help`, else 120 s."""
    try:
        text = subprocess.run(
            [*certcheck, "run", "--help"], capture_output=True, text=True, timeout=120
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        text = ""
    at = text.rfind("--upload-timeout")  # the option's own help, not the usage line
    if at >= 0:
        m = re.search(r"default[:=]?\s*([0-9.]+)", text[at : at + 600])
        if m:
            return float(m.group(1)), "certcheck run --upload-timeout default"
    return DEFAULT_BUDGET_S, "no --upload-timeout: issue 16's 120 s"


def certcheck_command() -> list[str]:
    script = Path(sys.executable).with_name("certcheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pipeline.cli"]


def _fresh(work: Path) -> None:
    """Remove what an earlier measurement left in `work` (only the names it writes)."""
    for name in (hostile.WINDOW, hostile.SENTINEL, "out", hostile.PROBES):
        path = work / name
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.exists():
            shutil.rmtree(path)
    for name in (hostile.EXPECTATIONS, "strace.log", "reliability.json", "run.stderr.txt"):
        (work / name).unlink(missing_ok=True)


def measure(
    work: Path,
    workers: int,
    timeout: float,
    use_strace: bool,
    skip: frozenset[str] = frozenset(),
    probe_timeout: float = 30.0,
) -> dict[str, Any]:
    work = work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    _fresh(work)
    t0 = time.monotonic()
    window = hostile.write_corpus(work, skip)
    corpus_s = time.monotonic() - t0
    meta = hostile.load_expectations(work)
    sentinel = work / hostile.SENTINEL
    before = hostile.manifest(sentinel)
    out = work / "out"
    certcheck = certcheck_command()
    budget, budget_source = upload_budget(certcheck)
    # the run signs its audit log (issue 18) with a key made here, before the trace: a key
    # made on first use would be the run's one write outside OUT
    key = work / AUDIT_KEY
    sign.load_or_create(key)
    cmd = [*certcheck, "run", str(window), "--out", str(out), "--workers", str(workers),
           "--no-progress", "--audit-key", str(key)]  # fmt: skip
    strace = shutil.which("strace") if use_strace else None
    log = work / "strace.log"
    if strace:
        cmd = [strace, "-f", "--seccomp-bpf", "-y", "-xx", "-e", f"trace={TRACED}",
               "-o", str(log), "--", *cmd]  # fmt: skip
    run = observe(cmd, work, timeout)
    (work / "run.stderr.txt").write_text(run.stderr, encoding="utf-8")
    findings, rows = read_findings(out), read_rows(out)
    seen: dict[str, list[str]] | None = None
    if strace and log.exists():
        calls = parse_strace(log.read_text(encoding="utf-8", errors="replace"), str(work))
        seen = outside(calls, str(window), str(out), str(sentinel))
    after = hostile.manifest(sentinel)
    changed = sorted(
        bytes.fromhex(k).decode("utf-8", "replace")
        for k in set(before) | set(after) if before.get(k) != after.get(k)
    )  # fmt: skip
    escapes = escapes_by_kind(meta, seen or {"reads": [], "writes": []}, str(window), str(work))
    for kind in meta["kinds"]:
        if kind["name"] in ("id_traversal", "id_dotdot") and changed:
            escapes.setdefault(kind["name"], [f"sentinel changed: {changed[0]}"])
    stray = read_stray(out)
    verdicts = [score_kind(k, findings, rows, escapes, stray) for k in meta["kinds"]]
    probes = run_probes(work, certcheck, probe_timeout)
    return {
        "corpus": {
            "kinds": len(meta["kinds"]),
            "skipped": meta["skipped"],
            "seconds": round(corpus_s, 2),
            "bytes": _size(window),
        },  # fmt: skip
        "command": " ".join(cmd),
        "kinds": [v.__dict__ for v in verdicts],
        "probes": probes,
        "crashes": crashes(run, findings),
        "rows": check_rows(meta, rows),
        "memory": memory(run.peaks),
        "time": timing(out, meta, budget, budget_source, run),
        "outside": {
            "traced": bool(strace),
            "reads": seen["reads"] if seen else None,
            "writes": seen["writes"] if seen else None,
            "writes_grouped": summarise_writes(seen["writes"]) if seen else None,
            "sentinel_changed": changed,
        },
    }


def run_probes(work: Path, certcheck: list[str], timeout: float) -> list[dict[str, Any]]:
    """Each window-level probe on its own: it must end within `timeout` with its exit code."""
    found = []
    for probe in hostile.write_probes(work):
        base = work / hostile.PROBES
        cmd = [*certcheck, "run", str(base / probe.window), "--out", str(base / probe.out),
               "--workers", "1", "--no-progress"]  # fmt: skip
        run = observe(cmd, work, timeout)
        ok = not run.timed_out and run.rc in probe.rc
        said = [line for line in run.stderr.splitlines() if line.startswith("certcheck:")]
        tail = said[-1:] or [line for line in run.stderr.splitlines() if line.strip()][-1:]
        found.append(
            {"name": probe.name, "note": probe.note, "expected_rc": list(probe.rc),
             "rc": None if run.timed_out else run.rc, "timed_out": run.timed_out,
             "seconds": round(run.wall, 1), "ok": ok, "stderr": tail[0] if tail else ""}
        )  # fmt: skip
    return found


def _size(root: Path) -> int:
    total = 0
    for dirpath, _, files in os.walk(root):
        for name in files:
            p = os.path.join(dirpath, name)
            if os.path.isfile(p) and not os.path.islink(p):
                total += os.path.getsize(p)
    return total


def crashes(run: RunResult, findings: list[dict[str, Any]] | None) -> dict[str, Any]:
    generic = [f"{f.get('file')}: {f.get('observed')}" for f in findings or [] if _generic(f)]
    err = run.stderr
    tail = [line for line in err.splitlines() if line.strip()][-3:]
    return {
        "rc": run.rc,
        "timed_out": run.timed_out,
        "internal_error": "internal error" in err,
        "traceback": "Traceback" in err,
        "generic_processing_errors": generic,
        "stderr_tail": tail,
        "count": int(run.rc != 0) + len(generic)
        + int("internal error" in err or "Traceback" in err),
    }  # fmt: skip


def memory(peaks: Peaks) -> dict[str, Any]:
    procs = peaks.product()
    top = max((p["peak"] for p in procs), default=0)
    return {
        "bound": RSS_BOUND,
        "peak": top,
        "ok": bool(procs) and top <= RSS_BOUND,
        "processes": procs,
    }


def timing(
    out: Path, meta: dict[str, Any], budget: float, source: str, run: RunResult
) -> dict[str, Any]:
    from pipeline.run import load_results

    results = load_results(out)
    by_id = {k["applicant_id"]: k["name"] for k in meta["kinds"] if k.get("applicant_id")}
    seconds = sorted(((r.seconds, aid) for aid, r in results.items()), reverse=True)
    slowest = seconds[0] if seconds else None
    return {
        "budget": budget,
        "budget_source": source,
        "applicants_with_parts": len(results),
        "slowest": {
            "seconds": round(slowest[0], 2),
            "applicant_id": slowest[1],
            "kind": by_id.get(slowest[1]),
        }
        if slowest
        else None,  # fmt: skip
        "over_budget": [aid for s, aid in seconds if s > budget],
        "ok": bool(seconds) and seconds[0][0] <= budget and not run.timed_out,
        "wall": round(run.wall, 1),
    }


# -- printing ------------------------------------------------------------------------------


def totals(report: dict[str, Any]) -> dict[str, Any]:
    kinds = report["kinds"]
    clear = sum(1 for k in kinds if k["clear"])
    o = report["outside"]
    probes = report.get("probes", [])
    probes_ok = sum(1 for p in probes if p["ok"])
    return {
        "clear": f"{clear}/{len(kinds)}",
        "probes_ok": f"{probes_ok}/{len(probes)}",
        "crashes": report["crashes"]["count"],
        "rows_ok": report["rows"]["ok"],
        "peak_rss_mb": round(report["memory"]["peak"] / 1e6),
        "slowest_upload_s": (report["time"]["slowest"] or {}).get("seconds"),
        "reads_outside": None if o["reads"] is None else len(o["reads"]),
        "writes_outside": None if o["writes"] is None else len(o["writes"]),
        "all_met": clear == len(kinds)
        and probes_ok == len(probes)
        and report["crashes"]["count"] == 0
        and report["rows"]["ok"]
        and report["memory"]["ok"]
        and report["time"]["ok"]
        and o["reads"] == []
        and o["writes"] == []
        and not o["sentinel_changed"],
    }  # fmt: skip


def render(report: dict[str, Any]) -> str:
    cp = report["corpus"]
    lines = [f"corpus: {cp['kinds']} kinds, {cp['bytes'] / 1e6:.1f} MB, written in "
             f"{cp['seconds']} s" + (f"; left out: {', '.join(cp['skipped'])}"
                                     if cp["skipped"] else ""), ""]  # fmt: skip
    lines += [f"{'kind':<26} {'group':<6} {'expect':<8} {'clear':<5} found", "-" * 100]
    for k in report["kinds"]:
        mark = "yes" if k["clear"] else "MISS"
        lines.append(f"{k['kind']:<26} {k['group']:<6} {k['expect']:<8} {mark:<5} {k['found']}")
    if report.get("probes"):
        lines += ["", f"{'window probe':<26} {'rc':<13} {'ok':<5} note / stderr", "-" * 100]
    for p in report.get("probes", []):
        got = "hung, killed" if p["timed_out"] else f"{p['rc']} (want {p['expected_rc'][0]})"
        lines.append(f"{p['name']:<26} {got:<13} {'yes' if p['ok'] else 'MISS':<5} "
                     f"{p['note']}; {p['stderr'][:60]}")  # fmt: skip
    c, r, m, t, o = (report[x] for x in ("crashes", "rows", "memory", "time", "outside"))
    lines += ["", f"exit code {c['rc']}" + (" (timed out, killed)" if c["timed_out"] else "")
              + f"; internal error on stderr: {c['internal_error']}; traceback: {c['traceback']};"
              f" generic processing errors: {len(c['generic_processing_errors'])}"]  # fmt: skip
    lines += [f"  stderr: {line}" for line in c["stderr_tail"]]
    lines.append(f"rows: {r['found']} of {r['expected']} expected; " + (
        "ok" if r["ok"] else "; ".join(r["problems"][:5])))  # fmt: skip
    lines.append(f"peak RSS (bound {m['bound'] / 1e6:.0f} MB): " + ", ".join(
        f"{p['role']} {p['peak'] / 1e6:.0f} MB" for p in m["processes"][:8]))  # fmt: skip
    s = t["slowest"]
    lines.append(
        f"time: budget {t['budget']:.0f} s ({t['budget_source']}); "
        + (f"slowest applicant {s['seconds']} s ({s['kind']})" if s else "no parts written")
        + f"; {t['applicants_with_parts']} parts; run wall time {t['wall']} s"
    )
    if not o["traced"]:
        lines.append("outside WINDOW/OUT: not measured (strace not installed)")
    else:
        lines.append(f"reads outside WINDOW: {len(o['reads'])}")
        lines += [f"  {x}" for x in o["reads"][:20]]
        lines.append(f"writes outside OUT: {len(o['writes'])}")
        lines += [f"  {x}" for x in o["writes_grouped"][:20]]
    if o["sentinel_changed"]:
        lines.append(f"sentinel folder changed: {', '.join(o['sentinel_changed'][:5])}")
    tt = report["totals"]
    lines += ["", (
        f"TOTAL: clear {tt['clear']} kinds; window probes {tt['probes_ok']}; "
        f"crashes {tt['crashes']}; rows ok {tt['rows_ok']}; "
        f"peak RSS {tt['peak_rss_mb']} MB; slowest upload {tt['slowest_upload_s']} s; "
        f"reads outside {tt['reads_outside']}; writes outside {tt['writes_outside']}; "
        f"all targets met: {tt['all_met']}")]  # fmt: skip
    return "\n".join(lines)


def cmd_reliability(args: argparse.Namespace) -> int:
    skip = frozenset(n.strip() for n in (args.skip or "").split(",") if n.strip())
    try:
        report = measure(args.work, args.workers, args.timeout, not args.no_strace, skip)
    except ValueError as exc:
        print(f"certcheck: {exc}", file=sys.stderr)
        return 2
    report["totals"] = totals(report)
    (args.work / "reliability.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    print(render(report))
    print(f"\n(written: {args.work / 'reliability.json'})")
    return 1 if args.check and not report["totals"]["all_met"] else 0
