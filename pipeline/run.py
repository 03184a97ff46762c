"""Run a window: build one task per applicant, execute them on Dask (or in this process), and
write OUT as results arrive.

Each finished applicant is written to `OUT/parts/<safe id>.json` at once (atomic rename), so an
interrupted run keeps what was done and a re-run with the same inputs skips it. The contract
files (`applicants.csv`, `findings.jsonl`) and the report are assembled from the parts at the
end, in form order, so the output does not depend on which worker finished first. An
applicant the system failed on (an engine timeout, a lost worker: `process.retry_later`) is
reported but not kept, so the next run checks it again. The whole run holds OUT's lock and
writes every file whole (pipeline.outdir).
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from models import ApplicantResult, Finding, Page, Reading, Rules
from models.errors import EngineError, OutputError
from models.paths import safe_name, sharded
from stages import window_checks
from stages.calibrate import Calibration
from stages.limits import DEFAULT_BUDGET, Budget
from stages.ocr.base import OcrEngine

from . import budget, outdir, similar, versions
from .audit.runlog import RunTrail
from .calibration import calibrate, load_calibration
from .process import ApplicantTask, process_applicant, retry_later
from .rules import load_rules
from .window import Window, load_window

log = logging.getLogger(__name__)
PARTS = "parts"
#: 3: parts carry a digest of their content and the key covers the code and models
FORMAT_VERSION = "3"


@functools.lru_cache(maxsize=1)
def code_and_models() -> str:
    """The code (a hash of the product's sources) and every model file the engines read."""
    h = hashlib.sha256(versions.source_hash().encode())
    for name, digest in sorted(versions.model_hashes().items()):
        h.update(f"{name}={digest}".encode())
    return h.hexdigest()


def task_key(task: ApplicantTask) -> str:
    """Changes whenever the inputs (form, uploads' hashes), rules, code or models change:
    a stale part is recomputed. The calibration is not in it: parts keep the raw scores and
    the calibration is applied when the outputs are written."""
    h = hashlib.sha256()
    h.update(FORMAT_VERSION.encode())
    h.update(code_and_models().encode())
    h.update(repr(task.form).encode())
    h.update(repr(task.uploads).encode())
    h.update(repr(task.prior_findings).encode())
    h.update(repr(task.rules).encode())
    h.update(task.reference_date.isoformat().encode())
    h.update(repr(task.budget).encode())  # another budget may put other uploads over it
    return h.hexdigest()[:24]


# -- one applicant in a worker process -------------------------------------------------------


def run_task(task: ApplicantTask) -> ApplicantResult:
    """The Dask task: the process's OCR engine is built once and reused by later tasks."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    import cv2

    cv2.setNumThreads(1)  # one core per worker process: parallelism comes from Dask
    from stages.ocr import rapid

    engine: OcrEngine
    try:
        engine = rapid.shared(threads=1)
    except Exception as exc:  # noqa: BLE001 - no applicant's fault: the run stops (exit 7)
        raise EngineError(f"the OCR engine cannot be started: {exc}") from exc
    return run_budgeted(task, engine)


def run_budgeted(task: ApplicantTask, engine: OcrEngine) -> ApplicantResult:
    """One applicant under the run's budgets (pipeline.budget): an upload the watchdog timed
    out in an earlier attempt is not tried again, each other one is timed."""
    task = budget.timed_out_before(task)
    return process_applicant(task, engine, guard=budget.UploadGuard(task))


# -- (de)serialising results -----------------------------------------------------------------


def result_to_json(result: ApplicantResult, key: str) -> dict[str, Any]:
    return {
        "key": key,
        "applicant_id": result.applicant_id,
        "seconds": round(result.seconds, 4),
        "findings": [f.to_json() for f in result.findings],
        "pages": [asdict(p) for p in result.pages],
        "readings": [[path, asdict(r)] for path, r in result.readings],
        "fingerprints": [list(fp) for fp in result.fingerprints],
    }


def result_from_json(data: dict[str, Any]) -> ApplicantResult:
    return ApplicantResult(
        applicant_id=data["applicant_id"],
        findings=tuple(Finding.from_json(f) for f in data["findings"]),
        pages=tuple(Page(**p) for p in data["pages"]),
        readings=tuple((path, Reading.from_json(r)) for path, r in data["readings"]),
        fingerprints=tuple((s, p, h) for s, p, h in data.get("fingerprints", [])),
        seconds=float(data.get("seconds", 0.0)),
    )


def _digest(data: dict[str, Any]) -> str:
    """sha256 of a part's content (everything but the digest itself), canonically encoded."""
    body = {k: v for k, v in data.items() if k != "digest"}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def part_path(out: Path, applicant_id: str) -> Path:
    """Where the applicant's part is kept: `parts/<shard>/<safe id>.json` (issue 19: no
    folder of 800,000 entries; models.paths.sharded)."""
    return out / PARTS / f"{sharded(safe_name(applicant_id))}.json"  # an id is data, never a path


def legacy_part_path(out: Path, applicant_id: str) -> Path:
    """Where a part was kept before the shards (`parts/<safe id>.json`): still read, and moved
    to its shard when a run reuses it."""
    return out / PARTS / f"{safe_name(applicant_id)}.json"


def find_part(out: Path, applicant_id: str) -> Path:
    """The applicant's part file in either layout (the sharded one when neither exists)."""
    path = part_path(out, applicant_id)
    if path.exists():
        return path
    legacy = legacy_part_path(out, applicant_id)
    return legacy if legacy.exists() else path


def write_part(out: Path, result: ApplicantResult, key: str, run_id: str = "") -> str:
    """Write the part; returns its content digest (the audit log records it)."""
    path = part_path(out, result.applicant_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = result_to_json(result, key)
    if run_id:  # audit (issue 18): the run that computed it, covered by the digest
        data["run"] = run_id
    data["digest"] = _digest(data)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)
    legacy_part_path(out, result.applicant_id).unlink(missing_ok=True)  # the old layout's
    return str(data["digest"])


def _load_part(path: Path) -> dict[str, Any] | None:
    """A part's content when it is whole and unchanged since it was written, else None."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("digest") != _digest(data):
        return None
    return data


def part_fingerprint(path: Path) -> tuple[str, str] | None:
    """A part's key and its digest as recomputed from its content (None: unreadable), for
    `certcheck audit verify`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    return str(data.get("key")), _digest(data)


def read_part(
    out: Path, applicant_id: str, key: str, seen: dict[str, str] | None = None
) -> ApplicantResult | None:
    """The kept result, or None (recomputed) when it is missing, stale (another key),
    truncated or changed since it was written (its digest no longer matches). `seen` gets
    the part's digest and the run that computed it (for the audit log's check)."""
    path = find_part(out, applicant_id)
    data = _load_part(path)
    if data is None:
        if path.exists():
            log.warning("part %s is damaged or was changed: recomputed", path.name)
        return None
    if data.get("key") != key:
        return None
    if path != part_path(out, applicant_id):  # the old flat layout: moved to its shard
        new = part_path(out, applicant_id)
        new.parent.mkdir(parents=True, exist_ok=True)
        path.replace(new)
    if seen is not None:
        seen.update(digest=str(data["digest"]), run=str(data.get("run", "")))
    try:
        return result_from_json(data)
    except (TypeError, KeyError, ValueError):
        log.warning("part %s cannot be read: recomputed", path.name)
        return None


def load_result(out: Path, applicant_id: str) -> ApplicantResult | None:
    """One applicant's kept result (whole and unchanged), or None: for the reviewer's desk,
    which must not read 100,000 parts to show one applicant."""
    data = _load_part(find_part(out, applicant_id))
    try:
        return result_from_json(data) if data is not None else None
    except (TypeError, KeyError, ValueError):
        return None


def load_results(out: Path) -> dict[str, ApplicantResult]:
    """Every applicant's result kept in OUT (before window checks and calibration), by id:
    the public way to read what the workers left, so no caller depends on the part format."""
    results: dict[str, ApplicantResult] = {}
    folder = out / PARTS
    # the old flat layout first, so a sharded part (newer) wins over a stale flat one
    paths = [*sorted(folder.glob("*.json")), *sorted(folder.glob("*/*.json"))]
    for path in paths if folder.is_dir() else []:
        data = _load_part(path)
        try:
            result = result_from_json(data) if data is not None else None
        except (TypeError, KeyError, ValueError):
            continue
        if result is None:
            continue
        results[result.applicant_id] = result
    return results


# -- tasks and executors ---------------------------------------------------------------------


def build_tasks(
    window: Window, out: Path, rules: Rules, limits: Budget = DEFAULT_BUDGET
) -> list[ApplicantTask]:
    ref = window.info.reference_date
    return [
        ApplicantTask(
            applicant_id=aid,
            window_root=str(Path(window.info.root).resolve()),
            out_root=str(out.resolve()),
            form=window.forms.get(aid),
            uploads=tuple(window.uploads.get(aid, [])),
            prior_findings=tuple(window.findings.get(aid, [])),
            rules=rules,
            reference_date=ref,
            budget=limits,
        )
        for aid in window.order
    ]


def run_sync(tasks: Iterable[ApplicantTask]) -> Iterator[ApplicantResult]:
    """The synchronous path: same task function, this process, one after another."""
    for task in tasks:
        yield run_task(task)


#: Tasks in flight per worker thread: enough that no worker waits for the main process
#: between two applicants, few enough that the main process's memory does not grow with N.
IN_FLIGHT_PER_THREAD = 3


def run_dask(
    tasks: list[ApplicantTask],
    keys: dict[str, str],
    workers: int,
    scheduler: str | None,
    work_dir: Path | None = None,
    limits: Budget = DEFAULT_BUDGET,
) -> Iterator[ApplicantResult]:
    """A task per applicant on a private LocalCluster of single-threaded worker processes
    (pipeline.cluster; scratch space in `work_dir`), or on an existing scheduler; results are
    yielded as they complete. A local worker is ended over `limits.worker_memory`; an
    applicant whose worker died twice is tried again without the upload that killed it
    (pipeline.budget)."""
    import dask
    from dask.distributed import Client

    from models.errors import SchedulerError

    from .cluster import close, local_client

    # The worker's statistical profiler samples every thread every 10 ms: measured here as
    # about 0.3 core-seconds per upload of pure overhead, so it is off for our workers.
    # The nanny sets MALLOC_TRIM_THRESHOLD_ for workers; any explicit value turns off glibc's
    # adaptive mmap threshold, so every large image or ONNX buffer is mmapped and unmapped
    # again, and the page faults cost as much system time as the OCR (measured on the sample
    # window: 23 s of 67 s). None unsets it.
    dask.config.set(
        {
            "distributed.worker.profile.enabled": False,
            "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
            **budget.DASK_CONFIG,
        }
    )

    # inherited by local worker processes: each is single-threaded, Dask runs one per core
    for var in ("OMP_THREAD_LIMIT", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"
    stack = ExitStack()
    if scheduler:
        # dask raises ValueError for a malformed address, OSError (TimeoutError among them)
        # when nobody answers; the connect timeout is dask's (30 s unless configured)
        try:
            client = Client(scheduler, timeout=dask.config.get("distributed.comm.timeouts.connect"))
        except ValueError as exc:
            raise SchedulerError(
                f"--scheduler {scheduler!r} is not a scheduler address ({exc}); "
                "expected e.g. tcp://host:8786"
            ) from exc
        except OSError as exc:
            raise SchedulerError(f"cannot reach the scheduler at {scheduler}: {exc}") from exc
        stack.callback(close, client, None)
    else:
        client = stack.enter_context(
            local_client(
                workers,
                work_dir or Path(tempfile.gettempdir()),
                memory_limit=limits.worker_memory or 0,
            )
        )
    try:

        def key_of(t: ApplicantTask) -> str:
            return f"applicant-{t.applicant_id}-{keys[t.applicant_id][:8]}"

        # back-pressure (issue 19): a few tasks per worker thread in flight, the next one
        # submitted as each finishes; the rest of the window waits here as plain records
        threads = sum(client.nthreads().values()) or workers
        pending = iter(tasks)
        first = [t for _, t in zip(range(IN_FLIGHT_PER_THREAD * threads), pending, strict=False)]
        futures = [client.submit(run_task, t, key=key_of(t), pure=False) for t in first]
        yield from budget.results(client, run_task, futures, first, pending, key_of)
    finally:
        stack.close()  # closes within time limits: Ctrl-C or a hung worker never hangs here


# -- outputs ---------------------------------------------------------------------------------


def add_window_findings(window: Window, results: similar.Results) -> similar.Results:
    """Cross-applicant checks over all results; returns results with those findings added
    (a view over `results`, which is read once here: see `similar.window_findings`)."""
    return similar.WithFindings(results, similar.window_findings(window, results))


#: first characters that make a spreadsheet read a cell as a formula (OWASP: CSV injection)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A text cell Excel shows as text: one that would start a formula gets a leading `'`."""
    return "'" + text if text.startswith(FORMULA_START) else text


def write_outputs(
    out: Path,
    window: Window,
    results: Iterable[ApplicantResult],
    summary: dict[str, Any],
    audit_trail: tuple[RunTrail, Rules, Calibration | None] | None = None,
) -> None:
    """The contract files and audit/run.json, each written whole under a temporary name, then
    renamed into place together: a run killed here leaves the old files or the new ones.
    `results`: every applicant's final result in `window.order`, consumed once, one at a
    time (streaming, issue 19: never all held). With `audit_trail`, the run's audit log
    (pipeline.audit) is staged with them, its records written as the results pass."""
    staged = outdir.Staged()
    log_writer = None
    try:
        audit = out / "audit"
        audit.mkdir(exist_ok=True)
        if audit_trail is not None:  # -- audit (issue 18): the run's log, records as they pass
            trail, rules, cal = audit_trail
            log_writer = trail.begin(staged, window, rules, cal, summary)
        with ExitStack() as files:  # closed last in, first out: findings.jsonl staged first
            table = files.enter_context(
                staged.open(out / "applicants.csv", encoding="utf-8-sig", newline="")
            )
            findings = files.enter_context(staged.open(out / "findings.jsonl"))
            writer = csv.writer(table)
            writer.writerow(["applicant_id", "verdict", "findings"])
            for r in results:
                for finding in r.findings:
                    findings.write(json.dumps(finding.to_json(), ensure_ascii=False) + "\n")
                count = sum(1 for x in r.findings if x.needs_review)
                writer.writerow([csv_cell(r.applicant_id), r.verdict, count])
                if log_writer is not None:
                    log_writer.applicant(r)
        # the form lines as read, for the reviewer's desk (pipeline.desk reads them from OUT)
        with staged.open(out / "forms.jsonl") as f:
            for aid in window.order:
                form = window.forms.get(aid)
                if form is not None:  # keyed by the id as read (an odd id is still data)
                    line = {**json.loads(form.raw), "applicant_id": aid}
                    f.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
        staged.write_text(audit / "run.json", json.dumps(summary, ensure_ascii=False, indent=2))
        if log_writer is not None:
            names = ("findings.jsonl", "applicants.csv", "audit/run.json")
            log_writer.finish({n: staged.pending(out / n) for n in names})
        staged.commit()
    finally:
        staged.discard()
        if log_writer is not None:
            log_writer.discard()


def run_window(
    window_dir: Path,
    out: Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    sync: bool = False,
    progress: bool = True,
    run_date: date | None = None,
    limits: Budget = DEFAULT_BUDGET,
    audit_key: Path | None = None,
) -> dict[str, Any]:
    """Process a window into OUT; returns a summary. Raises WindowError/RulesError when the
    run itself cannot be done, OutputError when OUT cannot be written or another run holds it,
    EngineError when an OCR engine cannot be started. `audit_key`: the signing key's file
    (pipeline.audit.sign.key_path)."""
    opts = _Options(workers, scheduler, sync, progress, limits, time.time(), audit_key)
    if out.is_dir():  # held before the window is read: a second run on OUT stops at once
        with outdir.locked(out):
            window, rules = _load(window_dir, run_date)
            return _run_in(out, window, rules, opts)
    window, rules = _load(window_dir, run_date)  # a window that cannot be read creates no OUT
    with outdir.writing(f"OUT ({out})"):
        out.mkdir(parents=True, exist_ok=True)
    with outdir.locked(out):
        return _run_in(out, window, rules, opts)


@dataclass(frozen=True, slots=True)
class _Options:
    """How `run_window` was asked to run, handed on to the steps under OUT's lock."""

    workers: int | None
    scheduler: str | None
    sync: bool
    progress: bool
    limits: Budget
    started: float
    audit_key: Path | None = None


def _load(window_dir: Path, run_date: date | None) -> tuple[Window, Rules]:
    window = load_window(window_dir, run_date)
    info = window.info
    return window, load_rules(info.region, exam_year=info.exam_year, opens=info.opens)


def _run_in(out: Path, window: Window, rules: Rules, opts: _Options) -> dict[str, Any]:
    """The run under OUT's lock: what a killed run left half-done removed, scratch in OUT."""
    removed = outdir.clean_stale(out)
    if removed:
        log.info("removed %d temporary files an interrupted run left", removed)
    budget.clear_crumbs(out)
    with outdir.scratch(out) as work:
        return _run_locked(window, out, rules, work, opts)


def _run_locked(
    window: Window, out: Path, rules: Rules, work: Path, opts: _Options
) -> dict[str, Any]:
    """Streaming (issue 19): each result is written to its part as it arrives and only a
    small record of it is kept (what the cross-applicant checks need); the outputs are then
    built from the parts on disk, one applicant at a time, in form order."""
    tasks = build_tasks(window, out, rules, opts.limits)
    keys = {t.applicant_id: task_key(t) for t in tasks}
    trail = RunTrail(out, opts.audit_key, opts.started)  # -- audit (issue 18)
    slim: dict[str, ApplicantResult] = {}  # what the window checks need, per applicant
    todo = []
    for task in tasks:
        seen: dict[str, str] = {}
        cached = read_part(out, task.applicant_id, keys[task.applicant_id], seen)
        # a part the audit log contradicts is recomputed
        if cached is not None and trail.admit(task.applicant_id, keys[task.applicant_id], seen):
            slim[task.applicant_id] = slim_result(cached)
        else:
            todo.append(task)
    unkept = work / "unkept"  # results not kept as parts (our failures), until the outputs
    retried = _compute(window, out, todo, keys, trail, slim, unkept, opts)
    budget.clear_crumbs(out)
    extra = {aid: r.findings for aid, r in add_window_findings(window, slim).items() if r.findings}
    del slim
    reused = len(tasks) - len(todo)
    return _write_all(window, out, rules, trail, extra, unkept, opts, reused, retried)


def _compute(
    window: Window,
    out: Path,
    todo: list[ApplicantTask],
    keys: dict[str, str],
    trail: RunTrail,
    slim: dict[str, ApplicantResult],
    unkept: Path,
    opts: _Options,
) -> int:
    """Process `todo`, each result written as it arrives (a part; one not kept, to `unkept`)
    and its small record put in `slim`; returns how many are to be tried again next run."""
    uploads = {aid: len(window.uploads.get(aid, [])) for aid in window.order}
    bar = _progress(uploads, slim, opts.progress)
    workers = opts.workers or os.cpu_count() or 1
    stream = (
        run_sync(todo)
        if opts.sync or not todo
        else run_dask(todo, keys, workers, opts.scheduler, unkept.parent, opts.limits)
    )
    retried = 0
    for result in stream:
        aid = result.applicant_id
        if retry_later(result):  # our failure: reported, not kept
            retried += 1
            with outdir.writing("the scratch folder OUT/.work"):
                write_part(unkept, result, keys[aid])
        else:
            with outdir.writing("a part under OUT/parts"):
                key = keys[aid]
                digest = write_part(out, result, key, trail.run_id)
            trail.computed(aid, key, digest)
        slim[aid] = slim_result(result)
        bar.update(aid)
    bar.close()
    return retried


def _write_all(
    window: Window,
    out: Path,
    rules: Rules,
    trail: RunTrail,
    extra: dict[str, tuple[Finding, ...]],
    unkept: Path,
    opts: _Options,
    reused: int,
    retried: int,
) -> dict[str, Any]:
    """The report, then the contract files and the audit log, each from the parts on disk."""
    cal = load_calibration()

    def final() -> Iterator[ApplicantResult]:
        """Every applicant's final result, read back from disk one at a time, in form order."""
        for aid in window.order:
            kept = trail.parts.get(aid)
            result = _reread(unkept if kept is None else out, aid, kept.digest if kept else None)
            if aid in extra:
                result = replace(result, findings=(*result.findings, *extra[aid]))
            yield calibrate(result, cal)

    log.info("writing outputs")
    engine_versions = versions.engine_versions()
    from .report import write_report

    verdicts = {"review": 0, "clear": 0}

    def counted(results: Iterator[ApplicantResult]) -> Iterator[ApplicantResult]:
        for r in results:
            verdicts[r.verdict] += 1
            yield r

    with outdir.writing("the report under OUT/report"):
        report = write_report(
            out, window.info, counted(final()), window.forms, versions=engine_versions
        )
    summary = {
        "run_id": trail.run_id,
        "window": window.info.name,
        "region": window.info.region,
        "reference_date": window.info.reference_date.isoformat(),
        "applicants": len(window.order),
        "review": verdicts["review"],
        "clear": verdicts["clear"],
        "uploads": sum(len(v) for v in window.uploads.values()),
        "reused": reused,
        "retry_next_run": retried,
        "stray_files": window.stray,
        "rules": list(rules.sources),
        "calibration": cal.source if cal else "none (raw recogniser scores)",
        "versions": engine_versions,
        "source_sha256": versions.source_hash(),
        "model_sha256": versions.model_hashes(),
        "seconds": round(time.time() - opts.started, 2),
        "report": str(report.relative_to(out)),
    }
    with outdir.writing("the results in OUT"):
        write_outputs(out, window, final(), summary, (trail, rules, cal))
    log.info("outputs written")
    summary["audit_seconds"] = round(trail.seconds, 4)  # the trail's own cost (bench-audit)
    return summary


def slim_result(result: ApplicantResult) -> ApplicantResult:
    """What the cross-applicant checks read of a result (its fingerprints and identifying
    readings), without its findings and pages: held for every applicant until the end."""
    readings = tuple((p, r) for p, r in result.readings if r.field in window_checks.IDENTIFYING)
    return ApplicantResult(
        applicant_id=result.applicant_id,
        findings=(),
        pages=(),
        readings=readings,
        fingerprints=result.fingerprints,
    )


def _reread(base: Path, applicant_id: str, digest: str | None) -> ApplicantResult:
    """An applicant's result as this run left it under `base` (OUT, or the scratch folder
    for one not kept); `digest`: the one the audit log records for it. A part changed or
    gone since this run wrote or admitted it stops the run (OUT is not ours alone)."""
    data = _load_part(part_path(base, applicant_id))
    if data is None or (digest is not None and data.get("digest") != digest):
        raise OutputError(
            f"the part of applicant {applicant_id} under {base} changed or vanished during "
            "the run: nothing was written; run again"
        )
    return result_from_json(data)


class _Bar:
    """Progress by upload (issue 19), the applicants done beside it: one applicant may hold
    one upload or forty, so a bar by applicant alone stalls and jumps."""

    def __init__(self, uploads: dict[str, int], done: Iterable[str], enabled: bool) -> None:
        self.uploads = uploads
        finished = set(done)
        self.applicants = len(finished)
        self.bar: Any = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(
                total=sum(uploads.values()),
                initial=sum(uploads.get(a, 0) for a in finished),
                unit="份材料",
                desc="certcheck",
                file=sys.stderr,
                disable=not sys.stderr.isatty() and not os.environ.get("CERTCHECK_PROGRESS"),
            )
            self._postfix()

    def _postfix(self) -> None:
        self.bar.set_postfix_str(f"考生 {self.applicants}/{len(self.uploads)}", refresh=False)

    def update(self, applicant_id: str) -> None:
        self.applicants += 1
        if self.bar is not None:
            self._postfix()
            self.bar.update(self.uploads.get(applicant_id, 0))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _progress(uploads: dict[str, int], done: Iterable[str], enabled: bool) -> _Bar:
    return _Bar(uploads, done, enabled)
