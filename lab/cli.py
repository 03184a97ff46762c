"""The lab's `certcheck` subcommands: samples generate, eval, eval-real, calibrate, bench,
diff-runs, bench-report.

`certcheck` finds them through the `certcheck.commands` entry point (`register`), so the
product's CLI never imports the lab. Each subcommand's handler imports its module only when
it runs, to keep `certcheck run` starting as fast as without the lab.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_ARGS = 0, 2
REGIONS = "天津市,北京市,辽宁省"


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the lab's subcommands to `certcheck`'s; each sets `handler` (args → exit code)."""
    _add_samples(subparsers)
    _add_eval(subparsers)
    er = subparsers.add_parser(
        "eval-real", help="measure on the third-party material in shared/realdata"
    )
    er.add_argument("realdata", type=Path)
    er.add_argument("--work", type=Path, default=Path("eval/real"))
    er.set_defaults(handler=_eval_real)
    _add_calibrate(subparsers)
    _add_bench(subparsers)
    _add_diff(subparsers)
    _add_reliability(subparsers)


def _add_samples(subparsers: argparse._SubParsersAction) -> None:
    samples = subparsers.add_parser("samples", help="synthetic sample windows")
    ssub = samples.add_subparsers(dest="samples_command", required=True)
    gen = ssub.add_parser("generate", help="render a window with ground truth beside it")
    gen.add_argument("out", type=Path, help="window folder to create (must not exist or be empty)")
    gen.add_argument("--applicants", type=_positive, default=12)
    gen.add_argument("--seed", type=int, default=7)
    gen.add_argument("--region", default="天津市")
    gen.add_argument("--hard", type=float, default=0.0, metavar="SHARE", help="hard-case share")
    _families_option(gen)
    gen.set_defaults(handler=_samples_generate)


def _families_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--families",
        choices=("all", "tuned", "held-out"),
        default="tuned",
        help="layout families the documents are drawn from: held-out ones were never used "
        "to tune the readers, so only a report run names them (lab/synth/families.py; "
        "default: %(default)s)",
    )


def _eval_sides(args: argparse.Namespace) -> int:
    from .eval_sides import cmd_eval_sides

    return cmd_eval_sides(args)


def _add_eval(subparsers: argparse._SubParsersAction) -> None:
    sides = subparsers.add_parser(
        "eval-sides", help="issue 15's figures of several eval scores side by side"
    )
    sides.add_argument("scores", nargs="+", type=Path, help="score-seed*.json files of eval")
    sides.set_defaults(handler=_eval_sides)
    ev = subparsers.add_parser(
        "eval", help="generate fresh windows (one per region), run them, score against the truth"
    )
    ev.add_argument("--seed", type=int, required=True)
    ev.add_argument("--applicants", type=_positive, default=60, help="in all, split by region")
    ev.add_argument(
        "--regions",
        default=REGIONS,
        help="comma-separated 考区 (one window each; default: %(default)s)",
    )
    ev.add_argument(
        "--hard",
        type=float,
        default=0.25,
        help="share of applicants captured under hard conditions (default: %(default)s)",
    )
    ev.add_argument("--work", type=Path, default=Path("eval/synthetic"))
    ev.add_argument("--workers", type=_positive, default=None)
    _families_option(ev)
    ev.set_defaults(handler=_eval)


def _add_calibrate(subparsers: argparse._SubParsersAction) -> None:
    cal = subparsers.add_parser(
        "calibrate",
        help="fit the confidence calibration on fresh tuning windows (never the eval seed)",
    )
    cal.add_argument("--seed", type=int, required=True)
    cal.add_argument("--applicants", type=_positive, default=150, help="in all, split by region")
    cal.add_argument("--regions", default=REGIONS)
    cal.add_argument("--hard", type=float, default=0.25)
    cal.add_argument("--work", type=Path, default=Path("eval/calibration"))
    cal.add_argument("--workers", type=_positive, default=None)
    cal.add_argument("--output", type=Path, default=None, help="default: pipeline/calibration.json")
    cal.set_defaults(handler=_calibrate)


def _add_bench(subparsers: argparse._SubParsersAction) -> None:
    bench = subparsers.add_parser(
        "bench", help="core-seconds per upload vs the naive Tesseract loop"
    )
    bench.add_argument("--seed", type=int, required=True)
    bench.add_argument("--applicants", type=_positive, default=16)
    bench.add_argument("--work", type=Path, default=Path("eval/bench"))
    bench.add_argument("--workers", type=_positive, default=None)
    bench.add_argument(
        "--executor-workers",
        default="1,2",
        help="worker counts at which Dask and a plain process pool run the same tasks "
        "(comma-separated; 0: skip the comparison)",
    )
    bench.set_defaults(handler=_bench)


def _add_diff(subparsers: argparse._SubParsersAction) -> None:
    diff = subparsers.add_parser(
        "diff-runs",
        help="do two runs of the same windows agree? (status, slot, field per applicant)",
    )
    diff.add_argument("--a", action="append", required=True, help="OUT of the first run")
    diff.add_argument("--b", action="append", required=True, help="OUT of the second run")
    diff.set_defaults(handler=_diff)
    rep = subparsers.add_parser("bench-report", help="time writing the report of a finished run")
    rep.add_argument("window", type=Path, help="the window OUT was run on")
    rep.add_argument("out", type=Path, help="a finished run's OUT (its parts are read)")
    rep.add_argument("--copies", type=_positive, default=1, help="replicate the applicants")
    rep.add_argument("--repeats", type=_positive, default=5)
    rep.set_defaults(handler=_bench_report)


def _add_reliability(subparsers: argparse._SubParsersAction) -> None:
    rel = subparsers.add_parser(
        "reliability",
        help="run the hostile corpus (issue 16) under observation and score it",
    )
    rel.add_argument(
        "--work", type=Path, default=Path("eval/reliability"), help="folder for the corpus and OUT"
    )
    rel.add_argument("--workers", type=_positive, default=2)
    rel.add_argument(
        "--timeout",
        type=float,
        default=900.0,
        help="seconds before the run is killed as hung (default: %(default)s)",
    )
    rel.add_argument(
        "--skip", default="", metavar="KIND,…", help="leave these kinds out of the corpus"
    )
    rel.add_argument("--no-strace", action="store_true", help="do not trace file accesses")
    rel.add_argument("--check", action="store_true", help="exit 1 unless every target is met")
    rel.set_defaults(handler=_reliability)


def _reliability(args: argparse.Namespace) -> int:
    from .reliability import cmd_reliability

    return cmd_reliability(args)


def _diff(args: argparse.Namespace) -> int:
    from .diff import cmd_diff

    return cmd_diff(args)


def _bench_report(args: argparse.Namespace) -> int:
    from .bench_report import cmd_bench_report

    return cmd_bench_report(args)


def _samples_generate(args: argparse.Namespace) -> int:
    from .synth import generate_window

    try:
        truth = generate_window(
            args.out,
            args.applicants,
            args.seed,
            region=args.region,
            hard=args.hard,
            families=args.families,
        )
    except FileExistsError as exc:
        print(f"certcheck: {exc}", file=sys.stderr)
        return EXIT_ARGS
    print(f"Window: {args.out}\nGround truth: {truth}")
    return EXIT_OK


def _eval(args: argparse.Namespace) -> int:
    from . import evaluate

    return evaluate.cmd_eval(args)


def _eval_real(args: argparse.Namespace) -> int:
    from . import evaluate

    return evaluate.cmd_eval_real(args)


def _calibrate(args: argparse.Namespace) -> int:
    from . import calibrate

    return calibrate.cmd_calibrate(args)


def _bench(args: argparse.Namespace) -> int:
    from . import bench

    return bench.cmd_bench(args)
