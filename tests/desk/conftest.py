"""Fixtures of the desk's tests: a finished run's OUT written directly (no OCR), the app on
SQLite or on a PostgreSQL server the tests start themselves, and logged-in clients."""

from __future__ import annotations

import csv
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from models import ApplicantResult, Page, Reading

APPLICANTS = [
    # id, name, site, id_number, problems [(slot, field, status, expected, observed)]
    (
        "2026120000001",
        "张三",
        "和平区",
        "12010119970125746X",
        [("id_front", "name", "mismatch", "张三", "张山")],
    ),
    (
        "2026120000002",
        "李四",
        "河西区",
        "120101199801011234",
        [("photo", "presence", "missing", None, None)],
    ),
    ("2026120000003", "王五", "和平区", "120101199901011235", []),
    (
        "2026120000004",
        "赵六",
        "和平区",
        "120101199901011236",
        [
            ("diploma", "diploma_number", "unreadable", "101231202005001234", None),
            ("licence", "validity", "expired", "2026-12-31", "2025-01-01"),
        ],
    ),
    (
        "2026120000005",
        "钱七",
        "南开区",
        "120101199901011237",
        [("id_back", "file", "invalid", None, None)],
    ),
]
PASSWORD = "correct horse 电池"
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _finding(aid: str, slot: str, fld: str, status: str, exp: Any, obs: Any) -> dict[str, Any]:
    path = None if slot in ("form", "window") else f"uploads/{aid}/{slot}/{slot}.jpg"
    return {
        "applicant_id": aid,
        "slot": slot,
        "file": path,
        "field": fld,
        "status": status,
        "expected": exp,
        "observed": obs,
        "confidence": 0.9 if obs else None,
        "message": f"{slot} {fld} {status}",
        "check": f"{slot}.{fld}",
        "evidence": f"evidence/{aid}/{slot}-{fld}.png" if status == "mismatch" else None,
        "variant": None,
    }


def write_out(out: Path, applicants: list[Any] | None = None) -> Path:
    """A finished run's OUT as certcheck run writes it: applicants.csv (BOM), findings.jsonl,
    forms.jsonl, the parts (pages and readings) and the page images and crops."""
    from pipeline.run import write_part

    applicants = APPLICANTS if applicants is None else applicants
    out.mkdir(parents=True, exist_ok=True)
    rows, lines, forms = [], [], []
    for aid, name, site, idn, problems in applicants:
        findings = [_finding(aid, "id_front", "orientation", "pass", None, "0")]
        findings += [_finding(aid, *p) for p in problems]
        lines += findings
        rows.append([aid, "review" if problems else "clear", len(problems)])
        forms.append(
            {
                "applicant_id": aid,
                "name": name,
                "site": site,
                "region": "天津市",
                "id_number": idn,
                "id_type": "resident_id",
            }
        )
        page_rel = f"pages/{aid}/id_front-1.png"
        (out / page_rel).parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (200, 120), "white").save(out / page_rel)
        for f in findings:
            if f["evidence"]:
                (out / f["evidence"]).parent.mkdir(parents=True, exist_ok=True)
                Image.new("RGB", (60, 20), "gray").save(out / f["evidence"])
        upload = f"uploads/{aid}/id_front/id_front.jpg"
        result = ApplicantResult(
            aid,
            (),
            pages=(Page(upload, 1, page_rel, 200, 120, 0, 0.0, 1.0, True),),
            readings=((upload, Reading("name", name, 0.93, "rapid", page_rel, (10, 10, 80, 30))),),
        )
        write_part(out, result, "test")
    with (out / "applicants.csv").open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["applicant_id", "verdict", "findings"])
        w.writerows(rows)
    (out / "findings.jsonl").write_text(
        "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8"
    )
    (out / "forms.jsonl").write_text(
        "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in forms), encoding="utf-8"
    )
    return out


# -- PostgreSQL, started by the tests -----------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Postgres:
    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="certcheck-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.n = 0
        self.prefix: list[str] = []
        if os.geteuid() == 0:  # initdb refuses root: run the server as Debian's postgres user
            self.prefix = ["runuser", "-u", "postgres", "--"]
            os.chmod(self.root, 0o755)
            shutil.chown(self.root, "postgres")

    def _run(self, *args: str) -> None:
        subprocess.run([*self.prefix, *args], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        self._run(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        self._run(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.root / "log"),
            "-w",
            "-o",
            f"-p {self.port} -h 127.0.0.1 -k {self.root} -c fsync=off",
            "start",
        )

    def stop(self) -> None:
        try:
            self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def new_database(self) -> str:
        import psycopg

        self.n += 1
        name = f"desk{self.n}_{int(time.time())}"
        with psycopg.connect(
            f"postgresql://postgres@127.0.0.1:{self.port}/postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL 15 binaries not found in {PG_BIN} (apt-get install postgresql)")
    pg = Postgres()
    pg.start()
    try:
        yield pg
    finally:
        pg.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'desk.sqlite'}"
    pg: Postgres = request.getfixturevalue("postgres")
    return pg.new_database()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return write_out(tmp_path / "out")


def add_users(url: str) -> None:
    from pipeline.desk import auth
    from pipeline.desk.db import open_db

    db = open_db(url)
    with db.write.begin() as s:
        auth.add_user(s, "alice", PASSWORD, "reviewer", ["和平区"])
        auth.add_user(s, "bob", PASSWORD, "reviewer", ["和平区", "河西区"])
        auth.add_user(s, "carol", PASSWORD, "reviewer", ["河西区"])
        auth.add_user(s, "root", PASSWORD, "admin", [])
    db.dispose()


@pytest.fixture
def app(out: Path, db_url: str) -> Iterator[Any]:
    from pipeline.desk.app import create_app

    add_users(db_url)
    application = create_app(out, db_url)
    yield application
    application.state.desk.db.dispose()


@pytest.fixture
def client_for(app: Any) -> Iterator[Callable[..., Any]]:
    """A logged-in client for a user name (its CSRF token in `.csrf`), or anonymous."""
    from starlette.testclient import TestClient

    clients: list[TestClient] = []

    def make(username: str | None = None) -> Any:
        c = TestClient(app, base_url="https://testserver")
        clients.append(c)
        c.csrf = None  # type: ignore[attr-defined]
        if username:
            r = c.post("/api/login", json={"username": username, "password": PASSWORD})
            assert r.status_code == 200, r.text
            c.csrf = r.json()["csrf_token"]  # type: ignore[attr-defined]
        return c

    yield make
    for c in clients:
        c.close()


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 at its lowest cost in tests (the product's default takes ~0.3 s a hash here)."""
    from argon2 import PasswordHasher

    from pipeline.desk import auth

    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(auth, "_hasher", cheap)
    monkeypatch.setattr(auth, "_DUMMY", cheap.hash("certcheck-no-such-user"))
