"""The desk in a real browser: Debian's chromium driven by Playwright (no browser download).

Login, the queue (masked IDs, keyboard), deciding a flagged applicant in three key presses,
the reservation and the version conflict between two reviewers, scoping, logout; at 800 px
wide. Screenshots go to the folder named by $DESK_SCREENSHOTS (the README's, docs/desk, were made
with `DESK_SCREENSHOTS=docs/desk pytest tests/desk/test_browser.py`), else to a temporary one,
so a test run leaves the work tree as it was.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from .conftest import PASSWORD, _free_port

pytestmark = pytest.mark.desk_browser
CHROMIUM = Path("/usr/bin/chromium")
A1, A2, A4 = "2026120000001", "2026120000002", "2026120000004"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("DESK_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def server(app: Any) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    for _ in range(600):  # a server that cannot start fails the test, not hangs it
        if srv.started or not t.is_alive():
            break
        time.sleep(0.05)
    assert srv.started, "the desk's server did not start"
    yield f"http://localhost:{port}"
    srv.should_exit = True
    t.join(10)


@pytest.fixture(params=["sqlite"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The browser tests run on SQLite only (the API tests cover PostgreSQL)."""
    return f"sqlite:///{tmp_path / 'desk.sqlite'}"


def _login(browser: Any, base: str, user: str) -> Any:
    ctx = browser.new_context(viewport={"width": 800, "height": 900}, locale="zh-CN")
    page = ctx.new_page()
    page.goto(base + "/")
    assert "/login" in page.url
    page.fill("#username", user)
    page.fill("#password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_selector("#queue")
    return page


#: A4's printable width (210 mm less 2 x 10 mm margins) in CSS pixels
A4_PX = 718


def _fits(page: Any, width: int) -> bool:
    """Nothing on the page is wider than `width` (no sideways scrolling at 800 px, nothing cut
    off the right edge of an A4 sheet)."""
    return bool(page.evaluate("document.documentElement.scrollWidth") <= width)


def _fits_a4(page: Any) -> bool:
    size = page.viewport_size
    page.set_viewport_size({"width": A4_PX, "height": 1000})
    page.emulate_media(media="print")
    ok = _fits(page, A4_PX)
    page.emulate_media(media="screen")
    page.set_viewport_size(size)
    return ok


def test_login_queue_and_decide_in_three_keys(
    browser: Any, server: str, app: Any, shots: Path
) -> None:
    page = _login(browser, server, "alice")
    rows = page.locator("#queue tbody tr")
    assert rows.count() == 2  # 和平区's two flagged applicants; the clear one is not queued
    text = page.inner_text("#queue")
    assert "**************746X" in text and "12010119970125746X" not in text
    assert "河西区" not in text
    page.screenshot(path=str(shots / "queue.png"), full_page=True)
    assert _fits(page, 800) and _fits_a4(page)
    # the first row is the most severe: 赵六 (unreadable + expired) sorts after 张三 (mismatch)
    page.keyboard.press("Enter")  # 1: open the selected applicant
    page.wait_for_selector("#decide-form")
    assert A1 in page.url
    page.keyboard.press("2")  # 2: 需补充材料, the flagged materials and their 反馈意见 filled in
    assert page.is_checked("#d-resubmit")
    assert page.is_checked("input[name=materials][value=id_front]")
    assert "身份证人像面" in page.input_value("#feedback")
    page.screenshot(path=str(shots / "applicant.png"), full_page=True)
    assert _fits(page, 800) and _fits_a4(page)
    page.keyboard.press("Enter")  # 3: submit; the next applicant opens
    page.wait_for_url(f"**/applicants/{A4}*")
    from pipeline.desk.db import DecisionRow

    with app.state.desk.db.read() as s:
        d = s.get(DecisionRow, A1)
        assert d is not None and d.decision == "resubmit" and d.decided_by == "alice"
    page.context.close()


def test_reservation_and_version_conflict_between_two_reviewers(
    browser: Any, server: str, app: Any, shots: Path
) -> None:
    from sqlalchemy import update

    from pipeline.desk.auth import now
    from pipeline.desk.db import Reservation

    alice = _login(browser, server, "alice")
    bob = _login(browser, server, "bob")
    alice.goto(f"{server}/applicants/{A1}")
    bob.goto(f"{server}/applicants/{A1}")
    assert "alice 正在审核" in bob.inner_text("#held")
    assert bob.is_disabled("#decide-submit")
    # alice's reservation lapses (15 minutes pass); bob decides first
    with app.state.desk.db.write.begin() as s:
        s.execute(update(Reservation).values(expires_at=now() - timedelta(seconds=1)))
    bob.goto(f"{server}/applicants/{A1}")
    bob.check("#d-pass")
    bob.click("#decide-submit")
    bob.wait_for_url("**/applicants/*")
    # alice still has the page with version 0: her decision is refused, her text kept
    alice.check("#d-reject")
    alice.fill("#reason", "身份证姓名与报名信息不符")
    alice.click("#decide-submit")
    alice.wait_for_selector("#conflict")
    assert "bob" in alice.inner_text("#conflict")
    assert alice.input_value("#reason") == "身份证姓名与报名信息不符"
    alice.screenshot(path=str(shots / "conflict.png"), full_page=True)
    # submitting again on the version now shown decides
    alice.click("#decide-submit")
    alice.wait_for_url(f"**/applicants/{A4}*")
    from pipeline.desk.db import DecisionRow

    with app.state.desk.db.read() as s:
        d = s.get(DecisionRow, A1)
        assert d is not None and d.decision == "reject" and d.version == 2
    alice.context.close()
    bob.context.close()


def test_scoping_and_logout(browser: Any, server: str, shots: Path) -> None:
    carol = _login(browser, server, "carol")
    assert carol.locator("#queue tbody tr").count() == 1
    assert "李四" in carol.inner_text("#queue")
    r = carol.goto(f"{server}/applicants/{A1}")
    assert r is not None and r.status == 404
    assert "张三" not in carol.content()
    carol.goto(f"{server}/")
    carol.click("#logout")
    carol.wait_for_url("**/login*")
    carol.goto(f"{server}/")
    assert "/login" in carol.url
    carol.screenshot(path=str(shots / "login.png"))
    carol.context.close()
