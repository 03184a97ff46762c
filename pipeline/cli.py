"""certcheck command line.

Exit codes: 0 the run was done (whatever the findings say); 2 bad arguments; 3 the window
cannot be read; 4 a rule file is wrong; 5 a scheduler cannot be reached; 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import logging
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_ARGS, EXIT_WINDOW, EXIT_RULES, EXIT_SCHEDULER, EXIT_INTERRUPTED = 0, 2, 3, 4, 5, 130


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="certcheck",
        description="Check the scans uploaded for the 医师资格考试 registration against the form.",
        epilog="exit codes: 0 done (whatever the findings say), 2 bad arguments, 3 unreadable "
        "window, 4 rule file error, 5 scheduler unreachable, 130 interrupted",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="log debugging detail")
    sub = p.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="process an upload window and write OUT (CONTRACT §3)")
    run.add_argument(
        "window", type=Path, help="the window folder (window.toml, applicants.jsonl, uploads/)"
    )
    run.add_argument(
        "--out", type=Path, required=True, help="output folder (created; re-runs resume)"
    )
    run.add_argument(
        "--workers",
        type=_positive,
        default=None,
        help="local worker processes (default: one per core)",
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

    for ep in importlib.metadata.entry_points(group="certcheck.commands"):
        ep.load()(sub)
    return p


def cmd_run(args: argparse.Namespace) -> int:
    from .calibration import CalibrationError
    from .rules import RulesError
    from .run import run_window
    from .window import WindowError

    try:
        summary = run_window(
            args.window,
            args.out,
            workers=args.workers,
            scheduler=args.scheduler,
            sync=args.sync,
            progress=not args.no_progress,
        )
    except WindowError as exc:
        print(f"certcheck: cannot read the window: {exc}", file=sys.stderr)
        return EXIT_WINDOW
    except (RulesError, CalibrationError) as exc:
        print(f"certcheck: rule file error: {exc}", file=sys.stderr)
        return EXIT_RULES
    except OSError as exc:
        if args.scheduler and "connect" in str(exc).lower() or "Timed out" in str(exc):
            print(f"certcheck: cannot reach the scheduler {args.scheduler}: {exc}", file=sys.stderr)
            return EXIT_SCHEDULER
        raise
    print(
        f"窗口 {summary['window'] or args.window}（{summary['region'] or '未指定考区'}，"
        f"审核基准日 {summary['reference_date']}）：考生 {summary['applicants']} 人，"
        f"需人工审核 {summary['review']} 人，自动通过 {summary['clear']} 人；"
        f"上传文件 {summary['uploads']} 个，用时 {summary['seconds']} 秒。"
    )
    if summary["reused"]:
        print(f"（{summary['reused']} 名考生的结果沿用自上次运行。）")
    out = args.out
    print(f"Results: {out / 'applicants.csv'}, {out / 'findings.jsonl'}")
    print(f"Report:  {out / summary['report']}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not args.verbose:
        # the scheduler's start-up chatter is not the operator's business; distributed sets
        # its loggers' levels from dask's config when it is imported, so say it there
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")
        logging.getLogger("distributed").setLevel(logging.ERROR)
    try:
        if args.command == "run":
            return cmd_run(args)
        if getattr(args, "handler", None):
            return args.handler(args)
    except KeyboardInterrupt:
        print("certcheck: interrupted; finished applicants are kept in OUT/parts", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_ARGS


if __name__ == "__main__":
    sys.exit(main())
