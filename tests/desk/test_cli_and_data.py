"""`certcheck users` and `certcheck serve` on the command line, and the run loaded from OUT:
reloads only on change, re-runs reopen changed applicants (nothing decided is lost), spot
checks, a real run's OUT, the event log under concurrent writers."""

from __future__ import annotations

import io
import json
import threading
from pathlib import Path
from typing import Any

import pytest

from models.errors import ExitCode
from pipeline.cli import main
from pipeline.desk import events
from pipeline.desk.app import create_app
from pipeline.desk.data import load_run
from pipeline.desk.db import DecisionHistory

from .conftest import APPLICANTS, PASSWORD, write_out

A1, A3 = "2026120000001", "2026120000003"


def _login(app: Any, user: str, password: str = PASSWORD) -> Any:
    from starlette.testclient import TestClient

    c = TestClient(app, base_url="https://testserver")
    r = c.post("/api/login", json={"username": user, "password": password})
    c.csrf = r.json().get("csrf_token") if r.status_code == 200 else None
    c.status = r.status_code
    return c


def test_users_add_reads_the_password_from_stdin_and_disable_ends_it(
    out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret 密码\n"))
    assert main(["users", "add", str(out), "dora", "--role", "reviewer", "--site", "和平区"]) == 0
    app = create_app(out)  # the same database: OUT/desk/desk.sqlite
    assert (out / "desk" / "desk.sqlite").is_file()
    c = _login(app, "dora", "s3cret 密码")
    assert c.status == 200
    assert {r["site"] for r in c.get("/api/applicants").json()["applicants"]} == {"和平区"}
    assert main(["users", "disable", str(out), "dora"]) == 0
    assert c.get("/api/applicants").status_code == 401  # her session ended with her
    assert _login(app, "dora", "s3cret 密码").status == 401
    kinds = [
        json.loads(x)["kind"]
        for x in (out / "audit" / "desk-events.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert kinds[0] == "user_add" and "user_disable" in kinds
    app.state.desk.db.dispose()


def test_users_add_refusals(
    out: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("pw\n"))
    assert main(["users", "add", str(out), "eve", "--role", "reviewer"]) == ExitCode.bad_args
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["users", "add", str(out), "eve", "--role", "admin"]) == ExitCode.bad_args
    monkeypatch.setattr("sys.stdin", io.StringIO("pw\n"))
    assert main(["users", "add", str(out), "eve", "--role", "admin"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("pw\n"))
    assert main(["users", "add", str(out), "eve", "--role", "admin"]) == ExitCode.bad_args
    assert "exists" in capsys.readouterr().err
    assert main(["users", "disable", str(out), "nobody"]) == ExitCode.bad_args


def test_serve_refuses_an_out_that_is_not_a_finished_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "half").mkdir()
    assert main(["serve", str(tmp_path / "half")]) == ExitCode.output
    err = capsys.readouterr().err
    assert "not a finished certcheck run" in err and "不是已完成的核对结果目录" in err
    assert main(["serve", str(tmp_path / "missing")]) == ExitCode.bad_args


def test_serve_names_a_database_it_cannot_use(
    out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "postgresql://nobody:secretpw@127.0.0.1:1/none"
    assert main(["serve", str(out), "--db", url]) == ExitCode.output
    err = capsys.readouterr().err
    assert "cannot be used" in err and "secretpw" not in err


def test_a_rerun_reopens_changed_applicants_and_keeps_their_decisions(
    out: Path, db_url: str
) -> None:
    from .conftest import add_users

    add_users(db_url)
    app = create_app(out, db_url)
    alice = _login(app, "alice")
    r = alice.post(
        f"/api/applicants/{A1}/decision",
        json={"decision": "pass", "version": 0},
        headers={"X-CSRF-Token": alice.csrf},
    )
    assert r.status_code == 200
    assert A1 not in {
        x["applicant_id"] for x in alice.get("/api/applicants?state=todo").json()["applicants"]
    }
    db = app.state.desk.db
    assert load_run(out, db.write) == 0  # nothing changed: nothing reloaded
    # the applicant re-uploads; the re-run reads another name
    changed = [
        (*a[:4], [("id_front", "name", "mismatch", "张三", "张珊")]) if a[0] == A1 else a
        for a in APPLICANTS
    ]
    write_out(out, changed)
    assert load_run(out, db.write) == len(APPLICANTS)
    todo = alice.get("/api/applicants?state=todo").json()["applicants"]
    assert A1 in {x["applicant_id"] for x in todo}
    got = alice.get(f"/api/applicants/{A1}").json()
    assert got["decision"]["decision"] == "pass" and got["decision"]["reopened"] is True
    with db.read() as s:
        assert s.query(DecisionHistory).filter_by(applicant_id=A1).count() == 1
    r = alice.post(
        f"/api/applicants/{A1}/decision",
        json={"decision": "pass", "version": 1},
        headers={"X-CSRF-Token": alice.csrf},
    )
    assert r.json() == {"version": 2}
    assert alice.get(f"/api/applicants/{A1}").json()["decision"]["reopened"] is False
    db.dispose()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_spot_checks_put_a_share_of_cleared_applicants_in_the_queue(out: Path, db_url: str) -> None:
    from .conftest import add_users

    add_users(db_url)
    app = create_app(out, db_url, spot_share=1.0)
    root = _login(app, "root")
    todo = {
        x["applicant_id"]: x for x in root.get("/api/applicants?state=todo").json()["applicants"]
    }
    assert todo[A3]["spot_check"] is True and todo[A3]["verdict"] == "clear"
    assert "抽查" in root.get("/").text
    app.state.desk.db.dispose()
    none = create_app(out, f"sqlite:///{out.parent / 'other.sqlite'}", spot_share=0.0)
    add_users(f"sqlite:///{out.parent / 'other.sqlite'}")
    root = _login(none, "root")
    assert A3 not in {
        x["applicant_id"] for x in root.get("/api/applicants?state=todo").json()["applicants"]
    }
    none.state.desk.db.dispose()


def test_the_event_log_stays_one_chain_under_concurrent_writers(tmp_path: Path) -> None:
    def write(n: int) -> None:
        for i in range(15):
            events.append(tmp_path, "reserve", f"r{n}", f"a{i}", {"i": i})

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lines = (tmp_path / "audit" / "desk-events.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(x) for x in lines]
    assert [r["seq"] for r in records] == list(range(1, 61))
    for prev, rec in zip([None, *records], records, strict=False):
        assert rec["prev"] == (prev["hash"] if prev else events.ZERO)


def test_mask_id_shows_at_most_the_last_four() -> None:
    assert events.mask_id("12010119970125746X") == "**************746X"
    assert events.mask_id("1234") == "****"
    assert events.mask_id("") == ""


def test_serves_a_real_runs_out(sample_run_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample window's OUT, as certcheck run wrote it: forms, findings and the parts'
    page images reach the API."""
    out = sample_run_copy
    forms = [json.loads(x) for x in (out / "forms.jsonl").read_text(encoding="utf-8").splitlines()]
    assert forms and all("applicant_id" in f for f in forms)
    monkeypatch.setattr("sys.stdin", io.StringIO("pw\n"))
    assert main(["users", "add", str(out), "root", "--role", "admin"]) == 0
    app = create_app(out)
    root = _login(app, "root", "pw")
    rows = root.get("/api/applicants").json()["applicants"]
    assert len(rows) >= len(forms)
    names = {f["applicant_id"]: f.get("name") for f in forms}
    assert all(r["name"] == (names.get(r["applicant_id"]) or "") for r in rows)
    flagged = next(r for r in rows if r["verdict"] == "review" and r["applicant_id"] in names)
    got = root.get(f"/api/applicants/{flagged['applicant_id']}").json()
    pages = [p for u in got["uploads"] for p in u["pages"]]
    assert pages
    aid = flagged["applicant_id"]
    img = root.get(f"/applicants/{aid}/file", params={"path": pages[0]["image"]})
    assert img.status_code == 200 and img.content[:4] in (
        b"\x89PNG",
        b"\xff\xd8\xff\xe0",
        b"\xff\xd8\xff\xe1",
        b"\xff\xd8\xff\xdb",
    )
    # nothing but the applicant's own images is served
    bad = root.get(f"/applicants/{aid}/file", params={"path": "../../etc/passwd"})
    assert bad.status_code == 404
    assert root.get(f"/applicants/{aid}/file", params={"path": "findings.jsonl"}).status_code == 404
    app.state.desk.db.dispose()


def test_the_migrations_build_the_models_schema(tmp_path: Path) -> None:
    """Alembic's scripts and the SQLAlchemy models describe the same tables (a model changed
    without a migration fails here)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from pipeline.desk.db import Base, open_db

    db = open_db(f"sqlite:///{tmp_path / 'schema.sqlite'}")
    engine = db.write.kw["bind"]
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    db.dispose()
    assert diff == []
