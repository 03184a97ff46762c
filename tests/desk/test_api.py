"""The JSON API of CONTRACT §4, row by row, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from pipeline.desk import auth

from .conftest import PASSWORD

A1, A2, A3, A4 = "2026120000001", "2026120000002", "2026120000003", "2026120000004"


def _events(out: Path) -> list[dict[str, Any]]:
    path = out / "audit" / "desk-events.jsonl"
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def test_login_200_cookie_and_csrf(client_for: Any) -> None:
    c = client_for()
    r = c.post("/api/login", json={"username": "alice", "password": PASSWORD})
    assert r.status_code == 200
    assert r.json()["csrf_token"]
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "secure" in cookie


def test_login_401_bad_password_unknown_user_and_disabled(client_for: Any, app: Any) -> None:
    c = client_for()
    assert c.post("/api/login", json={"username": "alice", "password": "x"}).status_code == 401
    assert c.post("/api/login", json={"username": "nobody", "password": "x"}).status_code == 401
    with app.state.desk.db.write.begin() as s:
        auth.disable_user(s, "carol")
    r = c.post("/api/login", json={"username": "carol", "password": PASSWORD})
    assert r.status_code == 401


def test_login_429_after_repeated_failures_even_with_the_right_password(client_for: Any) -> None:
    c = client_for()
    for _ in range(auth.MAX_FAILURES):
        assert c.post("/api/login", json={"username": "bob", "password": "no"}).status_code == 401
    r = c.post("/api/login", json={"username": "bob", "password": PASSWORD})
    assert r.status_code == 429


def test_login_422_for_a_bad_body(client_for: Any) -> None:
    assert client_for().post("/api/login", json=["alice"]).status_code == 422


def test_every_api_route_is_401_without_a_session(client_for: Any) -> None:
    c = client_for()
    assert c.post("/api/logout").status_code == 401
    assert c.get("/api/applicants").status_code == 401
    assert c.get(f"/api/applicants/{A1}").status_code == 401
    r = c.post(f"/api/applicants/{A1}/decision", json={"decision": "pass", "version": 0})
    assert r.status_code == 401
    assert c.get("/api/export/feedback.csv").status_code == 401
    assert c.get("/api/anything").status_code == 401


def test_pages_send_the_browser_to_login_without_a_session(client_for: Any) -> None:
    c = client_for()
    for path in ("/", f"/applicants/{A1}", "/admin", "/summary"):
        r = c.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login"), path


def test_logout_ends_the_session(client_for: Any) -> None:
    c = client_for("alice")
    assert c.post("/api/logout").status_code == 200
    assert c.get("/api/applicants").status_code == 401


def test_list_only_in_scope_and_masked(client_for: Any) -> None:
    rows = client_for("alice").get("/api/applicants").json()["applicants"]
    assert {r["applicant_id"] for r in rows} == {A1, A3, A4}
    assert all(r["site"] == "和平区" for r in rows)
    for r in rows:
        assert set(r) >= {"applicant_id", "name", "site", "verdict", "decision", "id_number"}
        assert r["decision"] is None
        assert r["id_number"].strip("*") == r["id_number"][-4:]
    assert rows[0]["id_number"] == "*" * 14 + "746X"
    everyone = client_for("root").get("/api/applicants").json()["applicants"]
    assert len(everyone) == 5
    # needing review first: the most severe problem first
    assert [r["verdict"] for r in everyone][-1] == "clear"


def test_detail_and_404_out_of_scope_like_an_unknown_id(client_for: Any) -> None:
    c = client_for("alice")
    r = c.get(f"/api/applicants/{A1}")
    assert r.status_code == 200
    body = r.json()
    assert body["form"]["name"] == "张三" and body["version"] == 0 and body["decision"] is None
    keys = {
        "applicant_id",
        "slot",
        "file",
        "field",
        "status",
        "expected",
        "observed",
        "confidence",
        "message",
    }
    assert all(keys <= set(f) for f in body["findings"])
    assert body["uploads"][0]["pages"][0]["boxes"][0]["field"] == "name"
    out_of_scope = c.get(f"/api/applicants/{A2}")
    unknown = c.get("/api/applicants/9999")
    assert out_of_scope.status_code == unknown.status_code == 404
    assert out_of_scope.json() == unknown.json()


def _decide(c: Any, aid: str, body: dict[str, Any], csrf: str | None = "") -> Any:
    headers = {"X-CSRF-Token": c.csrf if csrf == "" else csrf} if csrf is not None else {}
    return c.post(f"/api/applicants/{aid}/decision", json=body, headers=headers)


def test_decision_200_with_version_then_409_for_the_stale_one(client_for: Any, out: Path) -> None:
    alice, bob = client_for("alice"), client_for("bob")
    r = _decide(
        alice,
        A1,
        {
            "decision": "resubmit",
            "materials": ["id_front"],
            "feedback": "请重新上传身份证人像面",
            "reason": "",
            "version": 0,
        },
    )
    assert r.status_code == 200 and r.json() == {"version": 1}
    stale = _decide(bob, A1, {"decision": "pass", "version": 0})
    assert stale.status_code == 409
    assert stale.json()["current"]["decision"] == "resubmit"
    assert stale.json()["version"] == 1
    r = _decide(bob, A1, {"decision": "pass", "version": 1})
    assert r.status_code == 200 and r.json() == {"version": 2}
    got = alice.get(f"/api/applicants/{A1}").json()
    assert got["version"] == 2 and got["decision"]["decision"] == "pass"
    listed = {r["applicant_id"]: r for r in alice.get("/api/applicants").json()["applicants"]}
    assert listed[A1]["decision"] == "pass"
    decisions = [e for e in _events(out) if e["kind"] == "decision"]
    assert [e["payload"]["version"] for e in decisions] == [1, 2]
    assert all(len(e["payload"]["findings"]) == 1 for e in decisions)


def test_decision_403_without_or_with_a_wrong_csrf_token(client_for: Any) -> None:
    c = client_for("alice")
    assert _decide(c, A1, {"decision": "pass", "version": 0}, csrf=None).status_code == 403
    assert _decide(c, A1, {"decision": "pass", "version": 0}, csrf="forged").status_code == 403
    other = client_for("bob")  # another session's token is not this one's
    assert _decide(c, A1, {"decision": "pass", "version": 0}, csrf=other.csrf).status_code == 403
    assert c.get(f"/api/applicants/{A1}").json()["decision"] is None


def test_decision_404_out_of_scope(client_for: Any) -> None:
    c = client_for("alice")
    assert _decide(c, A2, {"decision": "pass", "version": 0}).status_code == 404
    assert _decide(c, "nope", {"decision": "pass", "version": 0}).status_code == 404


def test_decision_422_for_bad_bodies(client_for: Any) -> None:
    c = client_for("alice")
    bad = [
        {"decision": "maybe", "version": 0},
        {"decision": "pass"},
        {"decision": "pass", "version": -1},
        {"decision": "pass", "version": "0"},
        {"decision": "resubmit", "version": 0, "materials": []},
        {"decision": "resubmit", "version": 0, "materials": ["passport_scan"]},
        {"decision": "reject", "version": 0, "reason": ""},
        {"decision": "pass", "version": 0, "feedback": 3},
        {"decision": "pass", "version": 0, "deadline": "next week"},
    ]
    for body in bad:
        assert _decide(c, A1, body).status_code == 422, body
    r = c.post(
        f"/api/applicants/{A1}/decision",
        content=b"{not json",
        headers={"X-CSRF-Token": c.csrf, "content-type": "application/json"},
    )
    assert r.status_code == 422
    assert c.get(f"/api/applicants/{A1}").json()["decision"] is None


def test_reservation_blocks_a_second_reviewer_until_released(client_for: Any) -> None:
    alice, bob = client_for("alice"), client_for("bob")
    r = alice.post(f"/api/applicants/{A4}/reserve", headers={"X-CSRF-Token": alice.csrf})
    assert r.status_code == 200
    r = bob.post(f"/api/applicants/{A4}/reserve", headers={"X-CSRF-Token": bob.csrf})
    assert r.status_code == 409 and r.json()["reserved_by"] == "alice"
    blocked = _decide(bob, A4, {"decision": "pass", "version": 0})
    assert blocked.status_code == 409 and blocked.json()["reserved_by"] == "alice"
    alice.post(f"/api/applicants/{A4}/release", headers={"X-CSRF-Token": alice.csrf})
    assert _decide(bob, A4, {"decision": "pass", "version": 0}).status_code == 200


def test_feedback_csv_with_bom_one_row_per_decided_applicant_in_scope(client_for: Any) -> None:
    alice, carol = client_for("alice"), client_for("carol")
    _decide(
        alice,
        A1,
        {
            "decision": "resubmit",
            "materials": ["id_front", "photo"],
            "feedback": '=HYPERLINK("x")',
            "version": 0,
            "deadline": "2026-12-20",
        },
    )
    _decide(alice, A4, {"decision": "reject", "reason": "证书过期", "version": 0})
    _decide(carol, A2, {"decision": "pass", "version": 0})
    r = alice.get("/api/export/feedback.csv")
    assert r.status_code == 200 and r.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == [A1, A4]
    a1 = rows[1]
    assert a1[3] == "需补充材料" and a1[4] == "身份证人像面、报名照片"
    assert a1[5].startswith("'=")  # a formula is kept as text
    assert a1[7] == "2026-12-20"


def test_finding_review_confirm_and_dismiss(client_for: Any, out: Path) -> None:
    c = client_for("alice")
    f = next(x for x in c.get(f"/api/applicants/{A1}").json()["findings"] if x["status"] != "pass")
    url = f"/api/applicants/{A1}/findings/{f['sha256']}/review"
    h = {"X-CSRF-Token": c.csrf}
    assert c.post(url, json={"action": "dismiss"}, headers=h).status_code == 422
    assert (
        c.post(url, json={"action": "dismiss", "reason": "照片上是张三"}, headers=h).status_code
        == 200
    )
    got = c.get(f"/api/applicants/{A1}").json()
    assert (
        next(x for x in got["findings"] if x["sha256"] == f["sha256"])["review"]["action"]
        == "dismiss"
    )
    assert _events(out)[-1]["payload"]["finding"] == f["sha256"]


def test_event_log_is_a_hash_chain_without_full_id_numbers(client_for: Any, out: Path) -> None:
    from pipeline.desk.events import ZERO, sha256_json

    c = client_for("alice")
    _decide(c, A1, {"decision": "pass", "version": 0})
    c.post("/api/logout")
    events = _events(out)
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    prev = ZERO
    for e in events:
        assert e["prev"] == prev
        body = {k: v for k, v in e.items() if k != "hash"}
        assert e["hash"] == sha256_json(body)
        prev = e["hash"]
    text = (out / "audit" / "desk-events.jsonl").read_text(encoding="utf-8")
    assert "12010119970125746X" not in text
    assert [e["kind"] for e in events] == ["login", "decision", "logout"]


def test_feedback_xlsx_holds_the_same_rows_and_exports_are_logged(
    client_for: Any, out: Path
) -> None:
    from openpyxl import load_workbook

    alice = client_for("alice")
    _decide(alice, A1, {"decision": "resubmit", "materials": ["photo"], "version": 0})
    r = alice.get("/api/export/feedback.xlsx")
    assert r.status_code == 200
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0][0] == "报名序列号" and rows[1][0] == A1 and rows[1][4] == "报名照片"
    assert alice.get("/export/feedback.csv").content.startswith(b"\xef\xbb\xbf")
    exports = [e["payload"]["what"] for e in _events(out) if e["kind"] == "export"]
    assert exports == ["feedback.xlsx", "feedback.csv"]
    assert client_for().get("/api/export/feedback.xlsx").status_code == 401


def test_the_login_page_returns_only_to_this_site(client_for: Any) -> None:
    c = client_for()
    for target, expected in (
        ("/summary", "/summary"),
        ("//evil.example/x", "/"),
        ("/\\evil.example", "/"),
        ("https://evil.example/", "/"),
    ):
        r = c.post(
            "/login",
            data={"username": "alice", "password": PASSWORD, "next": target},
            follow_redirects=False,
        )
        assert r.status_code == 303 and r.headers["location"] == expected, target
