"""certcheck command line.

`certcheck run WINDOW --out OUT` is the product (CONTRACT §1). Other commands are plugins:
entry points in the group `certcheck.commands`, each a `register(subparsers)` that adds its
subcommands with `set_defaults(handler=fn)`, `fn(args) -> int` (the lab's samples, eval, …
come this way from the separate `lab` package, which the product never imports). A plugin
that cannot be loaded is skipped (logged with -v); it never breaks `certcheck run`.

One handler in `main` turns every error into its exit code (`models.errors.ExitCode`):

  0    the run was done, whatever the findings say
  2    bad arguments
  3    the window cannot be read
  4    a rule or calibration file is wrong, or window.toml names an unknown region (考区)
  5    the --scheduler address is malformed or no scheduler answers there
  6    OUT cannot be used: a file, not writable, full, or in use by another run
  7    an OCR engine cannot be started (its models or libraries are missing)
  15   internal error: a bug (re-run with -v for the traceback)
  130  interrupted (finished applicants are kept in OUT/parts)

-v/--verbose and -q/--quiet (errors only: no warnings, progress bar or summary) are accepted
before and after the subcommand.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import logging
import os
import re
import sys
import traceback
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from models.errors import CertcheckError, ExitCode, OutputError, UsageError

log = logging.getLogger(__name__)
PLUGIN_GROUP = "certcheck.commands"
#: The table of the module docstring, for --help (tests keep the two and ExitCode in step).
EXIT_CODES = """\
  0    the run was done, whatever the findings say
  2    bad arguments
  3    the window cannot be read
  4    a rule or calibration file is wrong, or window.toml names an unknown region (考区)
  5    the --scheduler address is malformed or no scheduler answers there
  6    OUT cannot be used: a file, not writable, full, or in use by another run
  7    an OCR engine cannot be started (its models or libraries are missing)
  15   internal error: a bug (re-run with -v for the traceback)
  130  interrupted (finished applicants are kept in OUT/parts)"""
INTERRUPTED = "certcheck: interrupted; finished applicants are kept in OUT/parts"


def _version() -> str:
    try:
        return importlib.metadata.version("certcheck")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - a bare source tree
        return "0+unknown"


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


class _Parser(argparse.ArgumentParser):
    """Every parser, the subcommands' (plugins' included) too, takes -v and -q. Their default
    is SUPPRESS so that a subcommand's parser, which did not see a flag given before the
    subcommand, does not overwrite it with False."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_argument(
            "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="debug detail"
        )
        self.add_argument(
            "-q",
            "--quiet",
            action="store_true",
            default=argparse.SUPPRESS,
            help="errors only: no warnings, progress bar or summary",
        )


def _add_run(sub: Any) -> None:
    run = sub.add_parser("run", help="process an upload window and write OUT (CONTRACT §3)")
    run.add_argument(
        "window", type=Path, help="the window folder (window.toml, applicants.jsonl, uploads/)"
    )
    run.add_argument(
        "--out", type=Path, required=True, help="output folder (created; re-runs resume)"
    )
    run.add_argument(
        "--workers", type=_positive, default=None, help="local worker processes (default: cores)"
    )
    run.add_argument(
        "--scheduler",
        default=None,
        help="address of an existing dask.distributed scheduler, e.g. tcp://host:8786",
    )
    run.add_argument(
        "--sync",
        action="store_true",
        help="no Dask: process applicants one by one in this process (debugging)",
    )
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    run.add_argument(
        "--dashboard",
        action="store_true",
        help="serve Dask's dashboard for the local cluster on 127.0.0.1 and print its link "
        "(needs the extra: pip install 'certcheck[dashboard]')",
    )
    _add_budgets(run)
    run.add_argument(
        "--ocr-precision",
        choices=("fp32", "int8"),
        default=None,
        help="the PP-OCR models' precision (issue 19; default: $CERTCHECK_OCR_PRECISION, else "
        "fp32): int8 runs the recogniser's MatMul weights quantised, made once from the "
        "wheel's model into $CERTCHECK_MODEL_CACHE (default ~/.cache/certcheck/models)",
    )
    run.add_argument(
        "--audit-key",
        type=Path,
        default=None,
        metavar="PATH",
        help="the Ed25519 key that signs the run's audit log, kept outside OUT (made on first "
        "use; default: $CERTCHECK_AUDIT_KEY, else $XDG_DATA_HOME/certcheck/audit-ed25519.pem)",
    )
    run.set_defaults(handler=cmd_run)


def _add_audit(sub: Any) -> None:
    """`certcheck audit verify|export OUT` (CONTRACT §5; pipeline.audit)."""
    audit = sub.add_parser("audit", help="verify or export the audit trail of OUT")
    group = audit.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    verify = group.add_parser(
        "verify", help="recompute the audit trail: exit 0 when intact, 1 naming the first break"
    )
    verify.add_argument("out", type=Path, help="a run's output folder")
    verify.add_argument(
        "--public-key",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="a PEM public key every run must be signed with (repeatable); without it the keys "
        "in OUT are used and their fingerprints printed",
    )
    verify.set_defaults(handler=cmd_audit_verify)
    export = group.add_parser(
        "export", help="write the verified trail: one row per check, verdict and reviewer event"
    )
    export.add_argument("out", type=Path, help="a run's output folder")
    export.add_argument("--format", required=True, choices=("jsonl", "csv", "xlsx", "parquet"))
    export.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="FILE",
        help="where to write (default: OUT/audit/exports/audit-<time>.<format>)",
    )
    export.set_defaults(handler=cmd_audit_export)


def _seconds(text: str) -> float:
    value = float(text)
    if not value >= 0:
        raise argparse.ArgumentTypeError("must be a number of seconds, 0 for no limit")
    return value


_UNITS = {"": 1, "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12}
_UNITS |= {"kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40}


def _bytes(text: str) -> int:
    """A size as dask writes them (1.5GB, 800MB, 2GiB, or bytes); dask itself is not
    imported here: its config must be read after logging is set up."""
    found = re.fullmatch(r"\s*(\d+(?:\.\d*)?)\s*([a-zA-Z]*)\s*", text)
    unit = found.group(2).lower() if found else ""
    if found is None or unit not in _UNITS:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 1.5GB, 800MB; 0: no limit)")
    return int(float(found.group(1)) * _UNITS[unit])


def _add_budgets(run: argparse.ArgumentParser) -> None:
    """The per-upload budgets (pipeline.budget). They are in the part key: a changed budget
    recomputes the applicants."""
    from stages import limits

    run.add_argument(
        "--upload-timeout",
        type=_seconds,
        default=limits.DEFAULT_UPLOAD_TIMEOUT,
        metavar="SECONDS",
        help="wall-clock budget of one upload; over it the upload gets a file.budget finding "
        "(default: %(default)g; 0: no limit)",
    )
    run.add_argument(
        "--worker-memory",
        type=_bytes,
        default=limits.DEFAULT_WORKER_MEMORY,
        metavar="SIZE",
        help="memory of each local worker process; a worker over it is ended and the upload "
        "it was on gets a file.budget finding (default: %(default)s; 0: no limit)",
    )


def _add_desk(sub: Any) -> None:
    """`certcheck users` and `certcheck serve`: the reviewer's desk (CONTRACT §4)."""
    from .desk.commands import register

    register(sub)


def _load_plugins(sub: Any) -> list[str]:
    """Let each `certcheck.commands` entry point add its subcommands; returns why the ones
    that failed did (logged once logging is set up)."""
    failures = []
    for ep in importlib.metadata.entry_points(group=PLUGIN_GROUP):
        try:
            ep.load()(sub)
        except Exception as exc:  # its extra not installed, or its own bug: not run's problem
            failures.append(f"plugin {ep.name} ({ep.value}) skipped: {type(exc).__name__}: {exc}")
    return failures


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="certcheck",
        description="Check the scans uploaded for the 医师资格考试 registration against the form.",
        epilog="exit codes:\n" + EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"certcheck {_version()}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_run(sub)
    _add_desk(sub)
    _add_audit(sub)
    p.set_defaults(plugin_failures=_load_plugins(sub))
    return p


def check_out(out: Path) -> None:
    """OUT must be a folder we can write in, or one we can create: say so before any work."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {out} is a file, not a folder")
    existing = next(p for p in (out, *out.absolute().parents) if os.path.lexists(p))
    if not existing.is_dir():
        raise OutputError(f"--out {out} cannot be created: {existing} is not a folder")
    if not os.access(existing, os.W_OK | os.X_OK):
        what = "written" if existing == out else "created"
        raise OutputError(f"--out {out} cannot be {what}: no permission to write in {existing}")


def check_apart(window: Path, out: Path) -> None:
    """OUT inside WINDOW (its pages would become uploads on the re-run) or WINDOW inside OUT
    (the run would write over its own input) is refused, comparing real paths."""
    w, o = window.resolve(), out.resolve()
    if o == w:
        raise UsageError(f"--out {out} is the window folder itself: choose a folder outside it")
    if o.is_relative_to(w):
        raise UsageError(f"--out {out} is inside the window {window}: choose a folder outside it")
    if w.is_relative_to(o):
        raise UsageError(f"the window {window} is inside --out {out}: choose a folder outside it")


def _dashboard(args: argparse.Namespace) -> AbstractContextManager[None]:
    """What `--dashboard` asks for: Dask's dashboard of the local cluster (pipeline.cluster),
    or a UsageError (exit 2) where there is none to serve or bokeh is missing."""
    if not args.dashboard:
        return nullcontext()
    from . import cluster

    if args.sync:
        raise UsageError("--dashboard shows a Dask cluster: --sync runs without one")
    if args.scheduler:
        raise UsageError(
            "--dashboard serves the local cluster's dashboard; an existing scheduler serves its "
            "own (dask scheduler --dashboard-address, :8787 by default): see docs/cluster.md"
        )
    missing = cluster.dashboard_available()
    if missing:
        raise UsageError(missing)
    return cluster.dashboard()


def cmd_run(args: argparse.Namespace) -> int:
    from stages.limits import Budget

    from .run import run_window

    quiet = getattr(args, "quiet", False)
    dashboard = _dashboard(args)  # before OUT is touched: a flag that cannot be honoured
    check_apart(args.window, args.out)
    check_out(args.out)
    if args.ocr_precision:  # the workers inherit it (a local cluster's, or --sync's engine)
        from stages.ocr.rapid import PRECISION_ENV

        os.environ[PRECISION_ENV] = args.ocr_precision
    with dashboard:
        summary = run_window(
            args.window,
            args.out,
            workers=args.workers,
            scheduler=args.scheduler,
            sync=args.sync,
            progress=not args.no_progress and not quiet,
            limits=Budget(args.upload_timeout or None, args.worker_memory or None),
            audit_key=args.audit_key,
        )
    if quiet:
        return ExitCode.ok
    print(
        f"窗口 {summary['window'] or args.window}（{summary['region'] or '未指定考区'}，"
        f"审核基准日 {summary['reference_date']}）：考生 {summary['applicants']} 人，"
        f"需人工审核 {summary['review']} 人，自动通过 {summary['clear']} 人；"
        f"上传文件 {summary['uploads']} 个，用时 {summary['seconds']} 秒。"
    )
    if summary["reused"]:
        print(f"（{summary['reused']} 名考生的结果沿用自上次运行。）")
    if summary.get("retry_next_run"):
        print(
            f"（{summary['retry_next_run']} 名考生有文件因系统原因未能处理（非考生原因），"
            "结果未保存，重新运行将再次核对。）"
        )
    out = args.out
    print(f"Results: {out / 'applicants.csv'}, {out / 'findings.jsonl'}")
    print(f"Report:  {out / summary['report']}")
    if summary.get("run_id"):
        runs = out / "audit" / "runs"
        print(f"Audit:   run {summary['run_id']} in {runs} (certcheck audit verify)")
    return ExitCode.ok


def _audited_out(out: Path) -> None:
    if not out.is_dir():
        raise UsageError(f"{out} is not a run's output folder")


def _pinned_keys(files: list[Path]) -> list[Any]:
    from .audit import sign

    keys = []
    for path in files:
        try:
            key = sign.load_public(path.read_bytes())
        except OSError as exc:
            raise UsageError(f"--public-key {path}: {exc.strerror}") from exc
        if key is None:
            raise UsageError(f"--public-key {path} is not a PEM Ed25519 public key")
        keys.append(key)
    return keys


def cmd_audit_verify(args: argparse.Namespace) -> int:
    """Exit 0 when the whole trail is intact, 1 naming the first broken record or file."""
    from .audit import sign
    from .audit.chain import Broken
    from .audit.runlog import key_id
    from .audit.verify import verify

    _audited_out(args.out)
    try:
        trail = verify(args.out, _pinned_keys(args.public_key))
    except Broken as exc:
        print(f"certcheck: audit trail broken at {exc.where}: {exc.reason}", file=sys.stderr)
        return 1
    local = sign.existing_public(sign.key_path())
    if not getattr(args, "quiet", False):
        print(
            f"audit trail intact: {len(trail.runs)} runs, {trail.records} records, "
            f"{len(trail.desk)} reviewer events; signed with key "
            + ", ".join(trail.keys)
            + ("" if args.public_key else " (compare with the published fingerprint)")
        )
    if local is not None and key_id(local) not in trail.keys:
        log.warning("the runs were signed with another key than this machine's (%s)", key_id(local))
    return ExitCode.ok


def cmd_audit_export(args: argparse.Namespace) -> int:
    """The verified trail in an auditor's format; a broken trail is not exported (exit 1)."""
    import getpass
    from datetime import UTC, datetime

    from . import outdir
    from .audit import events, export
    from .audit.chain import Broken, file_sha256
    from .audit.verify import verify

    _audited_out(args.out)
    try:
        trail = verify(args.out)
    except Broken as exc:
        print(
            f"certcheck: not exported: the audit trail is broken at {exc.where}: {exc.reason}",
            file=sys.stderr,
        )
        return 1
    output = args.output
    if output is None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        output = args.out / "audit" / "exports" / f"audit-{stamp}.{args.format}"
    with outdir.writing(f"the export {output}"):
        output.parent.mkdir(parents=True, exist_ok=True)
        count = export.write(trail, args.format, output)
        digest, size = file_sha256(output)
        try:
            actor = getpass.getuser()
        except (OSError, KeyError):
            actor = f"uid {os.getuid()}"
        events.append(
            args.out,
            "export",
            actor,
            {"format": args.format, "file": str(output), "rows": count, "sha256": digest,
             "bytes": size, "tool": "certcheck audit export"},
        )  # fmt: skip
    if not getattr(args, "quiet", False):
        print(f"{count} rows: {output}")
    return ExitCode.ok


def _one_line(exc: BaseException) -> str:
    text = "; ".join(line.strip() for line in str(exc).splitlines() if line.strip())
    return text or type(exc).__name__


def _setup_logging(verbose: bool, quiet: bool) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not verbose:
        # the scheduler's start-up chatter is not the operator's business; distributed sets
        # its loggers' levels from dask's config when it is imported, so say it there
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")
        logging.getLogger("distributed").setLevel(logging.ERROR)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, bad arguments: argparse said why
        return exc.code if isinstance(exc.code, int) else ExitCode.bad_args
    verbose = getattr(args, "verbose", False)
    quiet = getattr(args, "quiet", False)
    if verbose and quiet:
        parser.print_usage(sys.stderr)
        print("certcheck: error: -q and -v exclude each other", file=sys.stderr)
        return ExitCode.bad_args
    _setup_logging(verbose, quiet)
    for failure in args.plugin_failures:
        log.debug(failure)
    try:
        handler = getattr(args, "handler", None)
        if handler is None:
            raise RuntimeError(f"command {args.command!r} registered no handler")
        return int(handler(args))
    except CertcheckError as exc:
        if verbose:
            traceback.print_exc()
        print(f"certcheck: {_one_line(exc)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return ExitCode.interrupted
    except Exception as exc:
        if verbose:
            traceback.print_exc()
        hint = "" if verbose else "; re-run with -v for the traceback"
        print(
            f"certcheck: internal error (a bug, please report it): "
            f"{type(exc).__name__}: {_one_line(exc)}{hint}",
            file=sys.stderr,
        )
        return ExitCode.internal


if __name__ == "__main__":
    sys.exit(main())
