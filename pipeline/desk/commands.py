"""`certcheck users add|disable` and `certcheck serve` (CONTRACT §4)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from models.errors import ExitCode, UsageError

from . import events


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    users = sub.add_parser("users", help="the reviewer's desk: add or disable an account")
    usub = users.add_subparsers(dest="users_command", required=True, metavar="ACTION")
    add = usub.add_parser("add", help="create an account (password: one line on stdin)")
    add.add_argument("out", type=Path, help="the run's OUT folder")
    add.add_argument("username")
    add.add_argument("--role", choices=("reviewer", "admin"), required=True)
    add.add_argument(
        "--site",
        action="append",
        default=[],
        metavar="考点",
        help="a 考点 the reviewer sees (repeat for several; an admin sees the whole window)",
    )
    add.add_argument("--db", default=None, help="database URL (default: OUT/desk/desk.sqlite)")
    add.set_defaults(handler=cmd_users_add)
    dis = usub.add_parser("disable", help="end an account (its sessions too)")
    dis.add_argument("out", type=Path)
    dis.add_argument("username")
    dis.add_argument("--db", default=None)
    dis.set_defaults(handler=cmd_users_disable)

    serve = sub.add_parser("serve", help="serve the reviewer's desk for the run in OUT")
    serve.add_argument("out", type=Path, help="the run's OUT folder")
    serve.add_argument("--db", default=None, help="database URL (default: OUT/desk/desk.sqlite)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--insecure-cookies",
        action="store_true",
        help="session cookies without the Secure flag, for plain HTTP (e.g. behind no TLS "
        "on a trusted network); browsers accept Secure cookies on http://localhost anyway",
    )
    serve.add_argument(
        "--spot-check",
        type=float,
        default=None,
        metavar="SHARE",
        help="share of auto-cleared applicants that enter the queue marked 抽查 (default 0.02)",
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes (each with its own connections; default 1)",
    )
    serve.set_defaults(handler=cmd_serve)


def _out(out: Path) -> Path:
    if not out.is_dir():
        raise UsageError(f"{out} is not a folder: give the OUT of a finished `certcheck run`")
    return out


def _url(args: argparse.Namespace) -> str:
    from .db import default_url

    return str(args.db) if args.db else default_url(args.out)


def cmd_users_add(args: argparse.Namespace) -> int:
    from . import auth
    from .db import open_db

    out = _out(args.out)
    if args.role == "reviewer" and not args.site:
        raise UsageError("a reviewer needs at least one --site 考点")
    line = sys.stdin.readline()
    password = line.rstrip("\r\n")
    if not password:
        raise UsageError("no password on standard input (one line)")
    db = open_db(_url(args))
    try:
        with db.write.begin() as s:
            try:
                auth.add_user(s, args.username, password, args.role, list(args.site))
            except ValueError as exc:
                raise UsageError(str(exc)) from exc
    finally:
        db.dispose()
    events.append(
        out,
        "user_add",
        "cli",
        None,
        {"username": args.username, "role": args.role, "sites": list(args.site)},
    )
    if not getattr(args, "quiet", False):
        print(f"user {args.username} added ({args.role})")
    return ExitCode.ok


def cmd_users_disable(args: argparse.Namespace) -> int:
    from . import auth
    from .db import open_db

    out = _out(args.out)
    db = open_db(_url(args))
    try:
        with db.write.begin() as s:
            try:
                auth.disable_user(s, args.username)
            except ValueError as exc:
                raise UsageError(str(exc)) from exc
    finally:
        db.dispose()
    events.append(out, "user_disable", "cli", None, {"username": args.username})
    if not getattr(args, "quiet", False):
        print(f"user {args.username} disabled")
    return ExitCode.ok


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .app import create_app
    from .data import DEFAULT_SPOT_SHARE

    out = _out(args.out)
    share = DEFAULT_SPOT_SHARE if args.spot_check is None else args.spot_check
    if not 0 <= share <= 1:
        raise UsageError("--spot-check must be a share between 0 and 1")
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    secure = not args.insecure_cookies
    app = create_app(out, args.db, secure_cookies=secure, spot_share=share)
    print(f"certcheck desk: http://{args.host}:{args.port}/ (Ctrl+C to stop)", flush=True)
    options: dict[str, Any] = {
        "log_level": "warning",
        "access_log": False,
        "timeout_keep_alive": 30,
    }
    if args.workers == 1:
        uvicorn.run(app, host=args.host, port=args.port, **options)
        return ExitCode.ok
    # several processes: each builds the app from the environment (the run is loaded already)
    app.state.desk.db.dispose()
    os.environ.update(
        {
            "CERTCHECK_DESK_OUT": str(out.resolve()),
            "CERTCHECK_DESK_DB": args.db or "",
            "CERTCHECK_DESK_SECURE": "1" if secure else "0",
            "CERTCHECK_DESK_SPOT": repr(share),
        }
    )
    uvicorn.run(
        "pipeline.desk.app:app_from_env",
        factory=True,
        workers=args.workers,
        host=args.host,
        port=args.port,
        **options,
    )
    return ExitCode.ok
