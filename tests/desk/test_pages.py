"""The pages beside the API: CSRF on their forms, the admin page (templates, figures), the
per-考点 summary, the queue's filters and search, the images' scope."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

A1, A2, A4 = "2026120000001", "2026120000002", "2026120000004"


@pytest.fixture(params=["sqlite"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The pages run on SQLite (the API tests cover PostgreSQL)."""
    return f"sqlite:///{tmp_path / 'desk.sqlite'}"


def _version(html: str) -> str:
    found = re.search(r'name="version" value="(\d+)"', html)
    assert found
    return found.group(1)


def test_page_forms_need_the_sessions_csrf_token(client_for: Any) -> None:
    c = client_for("alice")
    html = c.get(f"/applicants/{A1}").text
    form = {"decision": "pass", "version": _version(html)}
    r = c.post(
        f"/applicants/{A1}/decide", data=form | {"csrf_token": "forged"}, follow_redirects=False
    )
    assert r.status_code == 403
    assert c.post("/logout", data={}, follow_redirects=False).status_code == 403
    r = c.post(
        f"/applicants/{A1}/decide", data=form | {"csrf_token": c.csrf}, follow_redirects=False
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/next?after=")
    assert c.get(f"/api/applicants/{A1}").json()["decision"]["decision"] == "pass"


def test_a_bad_page_decision_keeps_what_was_typed(client_for: Any) -> None:
    c = client_for("alice")
    html = c.get(f"/applicants/{A1}").text
    r = c.post(
        f"/applicants/{A1}/decide",
        data={
            "decision": "reject",
            "reason": "",
            "feedback": "请补充",
            "version": _version(html),
            "csrf_token": c.csrf,
        },
    )
    assert r.status_code == 422 and "不通过时必须填写原因" in r.text and "请补充" in r.text


def test_the_admin_page_is_for_admins_and_edits_templates(client_for: Any, out: Path) -> None:
    assert client_for("alice").get("/admin").status_code == 403
    root = client_for("root")
    page = root.get("/admin")
    assert page.status_code == 200 and "机器漏检率" in page.text and "推翻率" in page.text
    r = root.post(
        "/admin", data={"slot": "photo", "text": "请上传白底证件照。", "csrf_token": root.csrf}
    )
    assert r.status_code == 200 and "已保存" in r.text
    alice = client_for("alice")
    h = {"X-CSRF-Token": alice.csrf}
    alice.post(
        f"/api/applicants/{A1}/decision",
        headers=h,
        json={"decision": "resubmit", "materials": ["photo"], "version": 0},
    )
    assert (
        alice.get(f"/api/applicants/{A1}").json()["decision"]["feedback"]
        == "报名照片：请上传白底证件照。"
    )
    kinds = [
        json.loads(x)["kind"]
        for x in (out / "audit" / "desk-events.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert "template_edit" in kinds


def test_override_rate_counts_dismissed_findings(client_for: Any) -> None:
    alice = client_for("alice")
    f = next(
        x for x in alice.get(f"/api/applicants/{A4}").json()["findings"] if x["status"] != "pass"
    )
    alice.post(
        f"/api/applicants/{A4}/findings/{f['sha256']}/review",
        json={"action": "dismiss", "reason": "证书清晰可读"},
        headers={"X-CSRF-Token": alice.csrf},
    )
    page = client_for("root").get("/admin").text
    assert f["check"] in page and "100.0%" in page


def test_summary_per_site_and_queue_filters(client_for: Any) -> None:
    root = client_for("root")
    h = {"X-CSRF-Token": root.csrf}
    root.post(f"/api/applicants/{A2}/decision", json={"decision": "pass", "version": 0}, headers=h)
    summary = root.get("/summary").text
    assert "和平区" in summary and "河西区" in summary
    q = root.get("/", params={"type": "licence.validity.expired"}).text
    assert "赵六" in q and "张三" not in q
    q = root.get("/", params={"material": "id_front"}).text
    assert "张三" in q and "赵六" not in q
    q = root.get("/", params={"q": "赵"}).text
    assert "赵六" in q and "张三" not in q
    assert "李四" not in root.get("/").text  # decided: not in the to-do queue
    assert "李四" in root.get("/", params={"state": "decided"}).text
    assert "12010119970125746X" not in root.get("/", params={"state": "all"}).text


def test_images_only_of_an_applicant_in_scope(client_for: Any) -> None:
    alice, carol = client_for("alice"), client_for("carol")
    page = f"pages/{A1}/id_front-1.png"
    assert alice.get(f"/applicants/{A1}/file", params={"path": page}).status_code == 200
    assert carol.get(f"/applicants/{A1}/file", params={"path": page}).status_code == 404
    # another applicant's image through one's own applicant is refused too
    other = f"pages/{A4}/id_front-1.png"
    assert alice.get(f"/applicants/{A1}/file", params={"path": other}).status_code == 404
