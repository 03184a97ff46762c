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
import itertools
import json
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack, suppress
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
from .rules import RulesError, load_rules
from .state import INDEX, DiskMap, FileStat, Index, PartEntry, Scratch
from .window import Window, WindowError, load_window

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
    if task.precision != "fp32":  # other models read otherwise (fp32 keys as before)
        h.update(f"precision={task.precision}".encode())
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
        if task.precision == "fp32":  # the call as before issue 19's option
            engine = rapid.shared(threads=1)
        else:
            engine = rapid.shared(threads=1, precision=task.precision)
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


def _part_json(path: Path) -> dict[str, Any] | None:
    """A part file's JSON object, or None: unreadable, not an object, or a link (opened
    with O_NOFOLLOW: a part replaced by a link is never read through it)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)
        with os.fdopen(fd, "rb") as f:
            data = json.loads(f.read().decode("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _load_part(path: Path) -> dict[str, Any] | None:
    """A part's content when it is whole and unchanged since it was written, else None."""
    data = _part_json(path)
    if data is None or data.get("digest") != _digest(data):
        return None
    return data


def part_fingerprint(path: Path) -> tuple[str, str] | None:
    """A part's key and its digest as recomputed from its content (None: unreadable), for
    `certcheck audit verify`."""
    data = _part_json(path)
    return None if data is None else (str(data.get("key")), _digest(data))


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


def make_task(
    window: Window, applicant_id: str, out: Path, rules: Rules, limits: Budget = DEFAULT_BUDGET
) -> ApplicantTask:
    """One applicant's task, built when it is to be submitted (issue 19: the window's tasks
    are never all held)."""
    return ApplicantTask(
        applicant_id=applicant_id,
        window_root=str(Path(window.info.root).resolve()),
        out_root=str(out.resolve()),
        form=window.forms.get(applicant_id),
        uploads=tuple(window.uploads.get(applicant_id, [])),
        prior_findings=tuple(window.findings.get(applicant_id, [])),
        rules=rules,
        reference_date=window.info.reference_date,
        budget=limits,
        precision=ocr_precision(),
    )


def ocr_precision() -> str:
    """The run's OCR precision ($CERTCHECK_OCR_PRECISION, set by `certcheck run
    --ocr-precision`); a value it does not know stops the run (exit 7)."""
    from stages.ocr import rapid
    from stages.ocr.base import EngineUnavailable

    try:
        return rapid.configured_precision()
    except EngineUnavailable as exc:
        raise EngineError(str(exc)) from exc


def build_tasks(
    window: Window, out: Path, rules: Rules, limits: Budget = DEFAULT_BUDGET
) -> list[ApplicantTask]:
    return [make_task(window, aid, out, rules, limits) for aid in window.order]


def run_sync(tasks: Iterable[ApplicantTask]) -> Iterator[ApplicantResult]:
    """The synchronous path: same task function, this process, one after another."""
    for task in tasks:
        yield run_task(task)


#: Tasks in flight per worker thread: enough that no worker waits for the main process
#: between two applicants, few enough that the main process's memory does not grow with N.
IN_FLIGHT_PER_THREAD = 3


def _configure_dask() -> None:
    """Dask's settings for our workers, set before any cluster starts."""
    import dask

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


def _open_client(
    stack: ExitStack, workers: int, scheduler: str | None, work_dir: Path | None, limits: Budget
) -> Any:
    """A client on the scheduler, or on a private LocalCluster (closed with `stack`)."""
    import dask
    from dask.distributed import Client

    from models.errors import SchedulerError

    from .cluster import close, local_client

    if scheduler:
        # A malformed address is refused before any Client exists: a Client that fails on an
        # unknown scheme can trip distributed's own close-time assertion (a CI run saw
        # AssertionError instead of ValueError), and that would read as our bug (exit 15).
        try:
            _check_address(scheduler)
        except ValueError as exc:
            raise SchedulerError(
                f"--scheduler {scheduler!r} is not a scheduler address ({exc}); "
                "expected e.g. tcp://host:8786"
            ) from exc
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
        return client
    return stack.enter_context(
        local_client(
            workers,
            work_dir or Path(tempfile.gettempdir()),
            memory_limit=limits.worker_memory or 0,
        )
    )


def _check_address(address: str) -> None:
    """ValueError unless `address` names a known comm scheme and, for tcp/tls, a host:port."""
    from distributed.comm import parse_address
    from distributed.comm.addressing import parse_host_port
    from distributed.comm.registry import get_backend

    scheme, location = parse_address(address)
    get_backend(scheme)
    if scheme in ("tcp", "tls"):
        parse_host_port(location)


def _warm() -> None:
    """In each worker: the OCR engine loaded before the first task needs it (a failure is
    left for the task to raise, as the run's EngineError)."""
    with suppress(Exception):
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        import cv2

        cv2.setNumThreads(1)
        from stages.ocr import rapid

        rapid.shared(threads=1, precision=rapid.configured_precision())


class EarlyClient:
    """The cluster started in a thread while the window loads (issue 19: the first result
    sooner on a national window), the workers' OCR engines loaded on the way. `get` waits
    for it; `close` ends it, used or not."""

    def __init__(self, workers: int, scheduler: str | None, work_dir: Path, limits: Budget) -> None:
        _configure_dask()
        self._stack = ExitStack()
        self._args = (workers, scheduler, work_dir, limits)
        self._client: Any = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._start, name="certcheck-cluster", daemon=True)
        self._thread.start()

    def _start(self) -> None:
        try:
            self._client = _open_client(self._stack, *self._args)
            with suppress(Exception):
                self._client.run(_warm)
        except BaseException as exc:  # noqa: BLE001 - raised again in the main thread by get
            self._error = exc

    def get(self) -> tuple[ExitStack, Any]:
        """The stack that closes the client, and the client (the caller now owns both)."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        stack, self._stack = self._stack, ExitStack()
        return stack, self._client

    def close(self) -> None:
        self._thread.join()
        self._stack.close()


def run_dask(
    tasks: Iterable[ApplicantTask],
    keys: Mapping[str, str],
    workers: int,
    scheduler: str | None,
    work_dir: Path | None = None,
    limits: Budget = DEFAULT_BUDGET,
    early: EarlyClient | None = None,
) -> Iterator[ApplicantResult]:
    """A task per applicant on a private LocalCluster of single-threaded worker processes
    (pipeline.cluster; scratch space in `work_dir`), or on an existing scheduler; results are
    yielded as they complete. A local worker is ended over `limits.worker_memory`; an
    applicant whose worker died twice is tried again without the upload that killed it
    (pipeline.budget). `early`: a client started beforehand (this run closes it)."""
    if early is not None:
        stack, client = early.get()
    else:
        _configure_dask()
        stack = ExitStack()
        client = _open_client(stack, workers, scheduler, work_dir, limits)
    try:

        def key_of(t: ApplicantTask) -> str:
            return f"applicant-{t.applicant_id}-{keys[t.applicant_id][:8]}"

        # back-pressure (issue 19): a few tasks per worker thread in flight, the next one
        # submitted as each finishes; the rest of the window waits, not yet built
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
    # OUT is held before the window is read (a second run on OUT stops at once) and the
    # window is read into OUT/.work (issue 19: never held in memory); a window that cannot
    # be read leaves no OUT when this run created it
    fresh = _first_missing(out)
    with outdir.writing(f"OUT ({out})"):
        out.mkdir(parents=True, exist_ok=True)
    try:
        with outdir.locked(out):
            return _run_in(out, window_dir, run_date, opts)
    except (WindowError, RulesError):
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        raise


def _first_missing(path: Path) -> Path | None:
    """The outermost folder of `path` that does not exist yet (what creating it adds)."""
    missing = None
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing = folder
    return missing


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


def _load(
    window_dir: Path,
    run_date: date | None,
    store: Scratch | None = None,
    index: Index | None = None,
) -> tuple[Window, Rules]:
    window = load_window(window_dir, run_date, store=store, index=index, lazy=store is not None)
    info = window.info
    return window, load_rules(info.region, exam_year=info.exam_year, opens=info.opens)


def _run_in(out: Path, window_dir: Path, run_date: date | None, opts: _Options) -> dict[str, Any]:
    """The run under OUT's lock: what a killed run left half-done removed, scratch in OUT,
    the per-applicant state in SQLite files (pipeline.state) rather than in memory."""
    removed = outdir.clean_stale(out)
    if removed:
        log.info("removed %d temporary files an interrupted run left", removed)
    budget.clear_crumbs(out)
    with outdir.scratch(out) as work, ExitStack() as stack:
        with outdir.writing("the state under OUT/.work and OUT/.index"):
            store = Scratch(work / "state.sqlite")
            stack.callback(store.close)
            index = Index(out)
            stack.callback(index.close)
        early = None
        # a first run into OUT: the cluster starts while the window loads (on a re-run most
        # applicants are usually reused, and the cluster is started only if one is not)
        if not opts.sync and not index.has_parts():
            workers = opts.workers or os.cpu_count() or 1
            early = EarlyClient(workers, opts.scheduler, work, opts.limits)
            stack.callback(early.close)
        window, rules = _load(window_dir, run_date, store, index)
        stack.callback(window.close)
        index.commit()  # the uploads' hashes: kept even if the run is stopped
        return _run_locked(window, out, rules, work, opts, _State(store, index, early))


@dataclass
class _State:
    """The run's per-applicant state on disk (pipeline.state), and its counters."""

    store: Scratch
    index: Index
    early: EarlyClient | None = None
    reused: int = 0
    retried: int = 0

    def __post_init__(self) -> None:
        #: applicant → its slim record (what the window checks need), in form order
        self.slim: DiskMap[ApplicantResult] = self.store.map("slim")
        #: applicant → the cross-applicant findings added to it
        self.extra: DiskMap[tuple[Finding, ...]] = self.store.map("extra")
        #: the tasks in flight: applicant → (key, place in the window)
        self.inflight: dict[str, tuple[str, int]] = {}
        self.keys = _InflightKeys(self.inflight)


class _InflightKeys(Mapping[str, str]):
    """The keys of the tasks in flight (what run_dask names their Dask keys after)."""

    def __init__(self, inflight: dict[str, tuple[str, int]]) -> None:
        self._inflight = inflight

    def __getitem__(self, applicant_id: str) -> str:
        return self._inflight[applicant_id][0]

    def __iter__(self) -> Iterator[str]:
        return iter(self._inflight)

    def __len__(self) -> int:
        return len(self._inflight)


def _run_locked(
    window: Window, out: Path, rules: Rules, work: Path, opts: _Options, state: _State
) -> dict[str, Any]:
    """Streaming (issue 19): tasks are built as the bounded submission asks for the next one,
    each result is written to its part as it arrives and only a small record of it is kept
    (on disk: what the cross-applicant checks need); the outputs are then built from the
    parts on disk, one applicant at a time, in form order."""
    trail = RunTrail(out, opts.audit_key, opts.started, state.store)  # -- audit (issue 18)
    bar = _progress(window, opts.progress)

    def todo() -> Iterator[ApplicantTask]:
        """The applicants to compute, in form order; a reusable part is taken on the way."""
        # each applicant's folder is walked (its uploads hashed) when its turn comes: the
        # first task goes out before a national window is hashed whole (issue 19)
        for pos, aid in enumerate(window.applicants()):
            task = make_task(window, aid, out, rules, opts.limits)
            key = task_key(task)
            if _reuse(out, aid, key, pos, trail, state):
                state.reused += 1
                bar.update(aid)
                continue
            state.inflight[aid] = (key, pos)
            yield task

    unkept = work / "unkept"  # results not kept as parts (our failures), until the outputs
    _compute(window, out, todo(), trail, state, unkept, opts, bar)
    if not window.complete:  # every applicant was handed out: the walk ended with them
        raise RuntimeError("the window's walk did not finish")
    budget.clear_crumbs(out)
    # the slim records hold no findings of their own: the window's are all there is to add
    for aid, found in similar.window_findings(
        window, state.slim, state.store.db, similar.Verified(state.index, trail.secret, window)
    ).items():
        state.extra[aid] = tuple(found)
    return _write_all(window, out, rules, trail, state, unkept, opts)


def _reuse(out: Path, aid: str, key: str, pos: int, trail: RunTrail, state: _State) -> bool:
    """Is the applicant's part in OUT reusable (its key is this run's, it is whole and
    unchanged, and the audit log does not contradict it)? Its slim record is then kept.
    A part whose stat is the one the index recorded is not read (issue 19: an unchanged
    applicant costs a stat and a lookup); any other is read and checked whole. The stat is
    the part's own (lstat): a part replaced by a link never matches and is read."""
    path = part_path(out, aid)
    try:
        st = FileStat.of(os.lstat(path))
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"cannot read the part {path}: {exc.strerror or exc}") from exc
    entry = state.index.part(aid, st) if st is not None else None
    if entry is not None:
        if entry.key != key:  # stale: recomputed
            return False
        if not trail.admit(aid, key, {"digest": entry.digest, "run": entry.run}):
            return False
        state.slim.set(aid, result_from_json(entry.slim), pos)
        return True
    seen: dict[str, str] = {}
    cached = read_part(out, aid, key, seen)
    # a part the audit log contradicts is recomputed
    if cached is None or not trail.admit(aid, key, seen):
        return False
    slim = slim_result(cached)
    state.slim.set(aid, slim, pos)
    _index_part(out, aid, state, PartEntry(key, seen["digest"], seen["run"], _slim_json(slim)))
    return True


def _slim_json(slim: ApplicantResult) -> dict[str, Any]:
    return result_to_json(slim, "")


def _slim_text(result: ApplicantResult | None) -> str:
    """A result's slim record, canonically encoded (to compare two)."""
    if result is None:
        return ""
    data = _slim_json(slim_result(result))
    data.pop("seconds", None)
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _index_part(out: Path, aid: str, state: _State, entry: PartEntry) -> None:
    """Record the part's stat with its key and digest (the next run's lookup)."""
    try:
        st = FileStat.of(os.lstat(part_path(out, aid)))
    except OSError:
        return  # not indexed: the next run reads it
    state.index.record_part(aid, st, entry)


def _compute(
    window: Window,
    out: Path,
    todo: Iterator[ApplicantTask],
    trail: RunTrail,
    state: _State,
    unkept: Path,
    opts: _Options,
    bar: _Bar,
) -> None:
    """Process `todo`, each result written as it arrives (a part; one not kept, to `unkept`)
    and its small record kept in `state.slim`; counts in `state.retried` how many are to be
    tried again next run. No cluster is started when nothing is to be computed."""
    first = next(todo, None)
    workers = opts.workers or os.cpu_count() or 1
    tasks = itertools.chain([first], todo) if first is not None else iter(())
    if first is None and state.early is not None:
        state.early.close()  # nothing to compute: the cluster started for nothing
    stream = (
        run_sync(tasks)
        if opts.sync or first is None
        else run_dask(
            tasks, state.keys, workers, opts.scheduler, unkept.parent, opts.limits, state.early
        )
    )
    for result in stream:
        aid = result.applicant_id
        key, pos = state.inflight.pop(aid)
        slim = slim_result(result)
        if retry_later(result):  # our failure: reported, not kept
            state.retried += 1
            with outdir.writing("the scratch folder OUT/.work"):
                write_part(unkept, result, key)
        else:
            with outdir.writing("a part under OUT/parts"):
                digest = write_part(out, result, key, trail.run_id)
            trail.computed(aid, key, digest)
            _index_part(out, aid, state, PartEntry(key, digest, trail.run_id, _slim_json(slim)))
        state.slim.set(aid, slim, pos)
        bar.update(aid)
    bar.close()


def _write_all(
    window: Window,
    out: Path,
    rules: Rules,
    trail: RunTrail,
    state: _State,
    unkept: Path,
    opts: _Options,
) -> dict[str, Any]:
    """The report, then the contract files and the audit log, each from the parts on disk."""
    cal = load_calibration()
    extra = state.extra

    def final(check: bool = False) -> Iterator[ApplicantResult]:
        """Every applicant's final result, read back from disk one at a time, in form order.
        `check`: the slim record the window checks used is the part's (one taken from the
        part index was not read from the part: an index changed behind our back stops the
        run here, before any output is written)."""
        for aid in window.order:
            kept = trail.parts.get(aid)
            result = _reread(unkept if kept is None else out, aid, kept.digest if kept else None)
            if check and _slim_text(result) != _slim_text(state.slim.get(aid)):
                state.index.forget_part(aid)
                raise OutputError(
                    f"the part index (OUT/{INDEX}) does not match the part of applicant {aid}: "
                    "it was changed; nothing was written; run again"
                )
            found = extra.get(aid)
            if found:
                result = replace(result, findings=(*result.findings, *found))
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
            out,
            window.info,
            counted(final(check=True)),
            window.forms,
            versions=engine_versions,
            cache=state.index,
        )
    summary = {
        "run_id": trail.run_id,
        "window": window.info.name,
        "region": window.info.region,
        "reference_date": window.info.reference_date.isoformat(),
        "applicants": len(window.order),
        "review": verdicts["review"],
        "clear": verdicts["clear"],
        "uploads": window.upload_count(),
        "reused": state.reused,
        "retry_next_run": state.retried,
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

    def __init__(self, window: Window, enabled: bool) -> None:
        self.window = window
        self.uploads = window.uploads
        self.total = len(window.order)
        self.applicants = 0
        self.bar: Any = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(  # the totals are known once the walk of uploads/ is done
                total=window.upload_count() if window.complete else None,
                initial=0,
                unit="份材料",
                desc="certcheck",
                file=sys.stderr,
                disable=not sys.stderr.isatty() and not os.environ.get("CERTCHECK_PROGRESS"),
            )
            self._postfix()

    def _postfix(self) -> None:
        self.bar.set_postfix_str(f"考生 {self.applicants}/{self.total}", refresh=False)

    def _totals(self) -> None:
        """The totals, once the walk of uploads/ has found every applicant and upload."""
        if self.bar is not None and self.bar.total is None and self.window.complete:
            self.total = len(self.window.order)
            self.bar.total = self.window.upload_count()

    def update(self, applicant_id: str) -> None:
        self.applicants += 1
        self._totals()
        if self.bar is not None:
            self._postfix()
            self.bar.update(len(self.uploads.get(applicant_id, ())))

    def close(self) -> None:
        if self.bar is not None:
            if self.bar.total is None:
                self._totals()
                self._postfix()
                self.bar.refresh()
            self.bar.close()


def _progress(window: Window, enabled: bool) -> _Bar:
    return _Bar(window, enabled)
