"""The desk's web app: the JSON API of CONTRACT §4 and the reviewer's pages.

Starlette, not a framework that validates bodies before the handler runs: the contract's
order of answers (401 without a session before anything else, then 403 without the CSRF
token, 404 out of scope, 422 for a bad body, 409 for a stale version) is kept by hand.
Handlers are plain functions run in the thread pool, each in one database transaction; the
events they queue are appended to the log after it commits.
"""

from __future__ import annotations

import json
import math
import posixpath
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from models import FIELD_LABELS, ID_TYPE_LABELS, SLOT_LABELS, STATUS_LABELS

from . import auth, events, service
from .data import DEFAULT_SPOT_SHARE, SPOT_TYPE, load_run
from .db import Applicant, Database, FeedbackTemplate, User, open_db

COOKIE = "certcheck_session"
STATIC = Path(__file__).resolve().parent.parent / "static"
DESK_STATIC = Path(__file__).resolve().parent / "static"
Handler = Callable[["Ctx"], Response]


@dataclass
class Desk:
    """What every request needs: OUT, the database, and how cookies are set."""

    out: Path
    db: Database
    secure_cookies: bool = True
    #: per site: the problem types and materials of its applicants (the queue's filters)
    facets: dict[str, tuple[set[str], set[str]]] = field(default_factory=dict)


@dataclass
class Ctx:
    request: Request
    db: Session
    user: auth.Principal | None
    body: bytes
    form: dict[str, list[str]]
    desk: Desk

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A short writing transaction beside the request's reading one (SQLite: the write
        lock is held only for it, not while a password is verified or a page rendered); its
        events are appended once it has committed."""
        with self.desk.db.write.begin() as w:
            yield w
            queued = list(w.info.pop("desk_events", []))
        for kind, actor, aid, payload in queued:
            events.append(self.desk.out, kind, actor, aid, payload)

    def field(self, name: str, default: str = "") -> str:
        values = self.form.get(name)
        return values[0] if values else default


def _client(request: Request) -> str:
    return request.client.host if request.client else "?"


def endpoint(kind: str, *, write: bool = False) -> Callable[[Handler], Any]:
    """Wrap a handler: read the body, open the transaction (a writing one for `write`),
    resolve the session (401 for the API, the login page for pages, nothing for `public`),
    run the handler in the thread pool, append its events after the commit."""

    def deco(fn: Handler) -> Any:
        async def run(request: Request) -> Response:
            body = await request.body()
            form: dict[str, list[str]] = {}
            ctype = request.headers.get("content-type", "")
            if request.method == "POST" and ctype.startswith("application/x-www-form-urlencoded"):
                parsed = await request.form()
                form = {k: [str(v) for v in parsed.getlist(k)] for k in parsed}
            desk: Desk = request.app.state.desk
            return await run_in_threadpool(_call, fn, kind, write, request, body, form, desk)

        run.__name__ = fn.__name__
        return run

    return deco


def _call(
    fn: Handler,
    kind: str,
    write: bool,
    request: Request,
    body: bytes,
    form: dict[str, list[str]],
    desk: Desk,
) -> Response:
    maker = desk.db.write if write else desk.db.read
    with maker.begin() as db:
        user = auth.principal(db, request.cookies.get(COOKIE))
        if user is None and kind == "api":
            return JSONResponse({"error": "未登录或会话已过期"}, status_code=401)
        if user is None and kind == "page":
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse("/login?" + urlencode({"next": target}), status_code=303)
        response = fn(Ctx(request, db, user, body, form, desk))
        queued = list(db.info.pop("desk_events", []))
        if response.status_code >= 400 and kind == "api" and not queued:
            db.rollback()
    for kind_, actor, aid, payload in queued:
        events.append(desk.out, kind_, actor, aid, payload)
    return response


def _json_body(ctx: Ctx) -> Any:
    try:
        return json.loads(ctx.body or b"null")
    except ValueError:
        return None


def _error(status: int, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


# -- the API (CONTRACT §4) -----------------------------------------------------------------------


def _login(ctx: Ctx, username: str, password: str) -> tuple[int, str | None, str | None]:
    """(status, cookie token, csrf token) of a login attempt."""
    client = _client(ctx.request)
    if auth.throttled(ctx.db, username, client):
        with ctx.write() as w:
            service.emit(w, "login_failed", username[:64], None, {"reason": "throttled"})
        return 429, None, None
    user = auth.check_password(ctx.db, username, password)  # slow by design: no write lock
    with ctx.write() as w:
        if user is None:
            auth.record_failure(w, username, client)
            service.emit(w, "login_failed", username[:64], None, {"reason": "bad_credentials"})
            return 401, None, None
        auth.clear_failures(w, username)
        token, csrf = auth.open_session(w, user)
        service.emit(w, "login", user.username, None, {"role": user.role})
    return 200, token, csrf


def _set_cookie(ctx: Ctx, response: Response, token: str) -> None:
    response.set_cookie(
        COOKIE,
        token,
        max_age=int(auth.SESSION_LIFETIME.total_seconds()),
        path="/",
        httponly=True,
        samesite="strict",
        secure=ctx.desk.secure_cookies,
    )


@endpoint("public")
def api_login(ctx: Ctx) -> Response:
    body = _json_body(ctx)
    if (
        not isinstance(body, dict)
        or not isinstance(body.get("username"), str)
        or not isinstance(body.get("password"), str)
    ):
        return _error(422, '需要 JSON 对象 {"username", "password"}')
    status, token, csrf = _login(ctx, body["username"], body["password"])
    if status == 429:
        return _error(429, "登录失败次数过多，请稍后再试", retry_after=int(auth.WINDOW.seconds))
    if status == 401 or token is None:
        return _error(401, "用户名或密码错误")
    response = JSONResponse({"csrf_token": csrf})
    _set_cookie(ctx, response, token)
    return response


@endpoint("api", write=True)
def api_logout(ctx: Ctx) -> Response:
    assert ctx.user is not None
    auth.close_session(ctx.db, ctx.user)
    service.emit(ctx.db, "logout", ctx.user.username, None, {})
    response = JSONResponse({"ok": True})
    response.delete_cookie(COOKIE, path="/")
    return response


def _filters(request: Request) -> service.Filters:
    q = request.query_params
    return service.Filters(
        type=q.get("type", ""),
        material=q.get("material", ""),
        site=q.get("site", ""),
        q=q.get("q", "").strip(),
        state=q.get("state", "all" if request.url.path.startswith("/api/") else "todo"),
    )


def _int(text: str | None, default: int | None, lo: int = 0) -> int | None:
    try:
        return max(lo, int(text)) if text not in (None, "") else default
    except ValueError:
        return default


@endpoint("api")
def api_applicants(ctx: Ctx) -> Response:
    assert ctx.user is not None
    q = ctx.request.query_params
    rows = service.list_applicants(
        ctx.db,
        ctx.user,
        _filters(ctx.request),
        _int(q.get("limit"), None),
        _int(q.get("offset"), 0) or 0,
    )
    return JSONResponse({"applicants": rows})


def _applicant(ctx: Ctx) -> Applicant | None:
    assert ctx.user is not None
    return service.visible(ctx.db, ctx.user, ctx.request.path_params["applicant_id"])


@endpoint("api")
def api_applicant(ctx: Ctx) -> Response:
    a = _applicant(ctx)
    if a is None:
        return _error(404, "没有这名考生")
    assert ctx.user is not None
    return JSONResponse(service.detail(ctx.db, ctx.user, ctx.desk.out, a))


@endpoint("api", write=True)
def api_decision(ctx: Ctx) -> Response:
    assert ctx.user is not None
    if not auth.csrf_ok(ctx.user, ctx.request.headers.get("x-csrf-token")):
        return _error(403, "缺少或无效的 CSRF 令牌")
    a = _applicant(ctx)
    if a is None:
        return _error(404, "没有这名考生")
    try:
        d = service.parse_decision(_json_body(ctx))
    except service.BadBody as exc:
        return _error(422, str(exc))
    result = service.decide(ctx.db, ctx.user, ctx.desk.out, a, d)
    if isinstance(result, service.Conflict):
        if result.reserved_by:
            message = f"{result.reserved_by} 正在审核这名考生"
        else:
            message = "该考生已由他人作出决定，请查看最新决定后再提交"
        return _error(
            409,
            message,
            version=result.version,
            current=result.current,
            reserved_by=result.reserved_by,
        )
    return JSONResponse({"version": result})


@endpoint("api", write=True)
def api_reserve(ctx: Ctx) -> Response:
    assert ctx.user is not None
    if not auth.csrf_ok(ctx.user, ctx.request.headers.get("x-csrf-token")):
        return _error(403, "缺少或无效的 CSRF 令牌")
    a = _applicant(ctx)
    if a is None:
        return _error(404, "没有这名考生")
    if ctx.request.url.path.endswith("/release"):
        if service.release(ctx.db, ctx.user, a.applicant_id):
            service.emit(ctx.db, "release", ctx.user.username, a.applicant_id, {})
        return JSONResponse({"ok": True})
    other = service.reserve(ctx.db, ctx.user, a.applicant_id)
    if other is not None:
        return _error(409, f"{other} 正在审核这名考生", reserved_by=other)
    service.emit(ctx.db, "reserve", ctx.user.username, a.applicant_id, {})
    return JSONResponse({"reservation": service.reservation_of(ctx.db, a.applicant_id)})


@endpoint("api", write=True)
def api_finding_review(ctx: Ctx) -> Response:
    assert ctx.user is not None
    if not auth.csrf_ok(ctx.user, ctx.request.headers.get("x-csrf-token")):
        return _error(403, "缺少或无效的 CSRF 令牌")
    a = _applicant(ctx)
    if a is None:
        return _error(404, "没有这名考生")
    body = _json_body(ctx)
    if not isinstance(body, dict):
        return _error(422, '需要 JSON 对象 {"action", "reason"}')
    try:
        ok = service.review_finding(
            ctx.db,
            ctx.user,
            ctx.desk.out,
            a,
            ctx.request.path_params["sha"],
            str(body.get("action", "")),
            str(body.get("reason", "") or ""),
        )
    except service.BadBody as exc:
        return _error(422, str(exc))
    return JSONResponse({"ok": True}) if ok else _error(404, "没有这条问题")


def _csv_response(text: str, filename: str) -> Response:
    return Response(
        ("\ufeff" + text).encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"},
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _export(ctx: Ctx, what: str) -> Response:
    """反馈意见 of the decided applicants in scope, as CSV (UTF-8 with BOM) or XLSX; logged."""
    assert ctx.user is not None
    if what == "feedback.xlsx":
        data, n = service.feedback_xlsx(ctx.db, ctx.user)
        response: Response = Response(
            data,
            media_type=XLSX,
            headers={
                "Content-Disposition": "attachment; filename*=UTF-8''" + quote("反馈意见.xlsx")
            },
        )
    else:
        text, n = service.feedback_csv(ctx.db, ctx.user)
        response = _csv_response(text, "反馈意见.csv")
    with ctx.write() as w:
        service.emit(w, "export", ctx.user.username, None, {"what": what, "rows": n})
    return response


@endpoint("api")
def api_feedback_csv(ctx: Ctx) -> Response:
    return _export(ctx, "feedback.csv")


@endpoint("api")
def api_feedback_xlsx(ctx: Ctx) -> Response:
    return _export(ctx, "feedback.xlsx")


# -- pages -------------------------------------------------------------------------------------


def _env() -> Any:
    from pipeline.report import environment

    return environment()


def render(ctx: Ctx, name: str, status: int = 200, **values: Any) -> HTMLResponse:
    base = {
        "static": "/static/",
        "user": ctx.user,
        "csrf": ctx.user.csrf_token if ctx.user else "",
        "slot_label": lambda s: SLOT_LABELS.get(s, s),
        "field_label": lambda s: FIELD_LABELS.get(s, s),
        "status_label": lambda s: STATUS_LABELS.get(s, s),
        "type_label": type_label,
        "beijing": beijing,
        "id_type_label": lambda s: ID_TYPE_LABELS.get(s, s),
        "decision_labels": service.DECISION_LABELS,
        "message": "",
    }
    html = _env().get_template(f"desk/{name}").render(**(base | values))
    return HTMLResponse(
        html,
        status_code=status,
        headers={
            "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
            "frame-ancestors 'none'",
            "X-Frame-Options": "DENY",
        },
    )


def beijing(iso: str) -> str:
    """A stored UTC time as reviewers read it: Beijing time (UTC+8), to the minute."""
    from datetime import datetime, timedelta, timezone

    try:
        t = datetime.fromisoformat(iso).astimezone(timezone(timedelta(hours=8)))
    except ValueError:
        return iso
    return t.strftime("%Y-%m-%d %H:%M") + "（北京时间）"


def type_label(key: str) -> str:
    """`slot.field.status` in words: 身份证人像面 · 姓名 · 不一致."""
    if key == SPOT_TYPE:
        return "抽查"
    parts = key.split(".")
    if len(parts) != 3:
        return key
    slot, fld, status = parts
    return " · ".join(
        (
            SLOT_LABELS.get(slot, "报名表" if slot == "form" else slot),
            FIELD_LABELS.get(fld, fld),
            STATUS_LABELS.get(status, status),
        )
    )


def _safe_next(target: str) -> str:
    """Where to go after logging in: a path of this site only (no `//host`, no `/\\host`)."""
    ok = target.startswith("/") and not target.startswith("//") and "\\" not in target
    return target if ok else "/"


@endpoint("public")
def login_page(ctx: Ctx) -> Response:
    if ctx.user is not None:
        return RedirectResponse("/", status_code=303)
    return render(ctx, "login.html", next=_safe_next(ctx.request.query_params.get("next", "/")))


@endpoint("public")
def login_submit(ctx: Ctx) -> Response:
    target = _safe_next(ctx.field("next", "/"))
    status, token, _csrf = _login(ctx, ctx.field("username"), ctx.field("password"))
    if status != 200 or token is None:
        message = "登录失败次数过多，请15分钟后再试。" if status == 429 else "用户名或密码错误。"
        return render(ctx, "login.html", status=status, next=target, message=message)
    response = RedirectResponse(target, status_code=303)
    _set_cookie(ctx, response, token)
    return response


def _page_csrf(ctx: Ctx) -> bool:
    assert ctx.user is not None
    return auth.csrf_ok(ctx.user, ctx.field("csrf_token"))


def _forbidden(ctx: Ctx) -> Response:
    return render(
        ctx,
        "message.html",
        status=403,
        title="请求无效",
        message="页面已过期（CSRF 令牌无效），请返回后刷新页面再操作。",
    )


def _not_found(ctx: Ctx) -> Response:
    return render(
        ctx,
        "message.html",
        status=404,
        title="没有这名考生",
        message="没有这名考生，或其不在您负责的考点。",
    )


@endpoint("page", write=True)
def logout_submit(ctx: Ctx) -> Response:
    assert ctx.user is not None
    if not _page_csrf(ctx):
        return _forbidden(ctx)
    auth.close_session(ctx.db, ctx.user)
    service.emit(ctx.db, "logout", ctx.user.username, None, {})
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


def _facets(ctx: Ctx) -> tuple[list[str], list[str], list[str]]:
    assert ctx.user is not None
    sites = sorted(s for s in ctx.desk.facets if ctx.user.may_see(s))
    types: set[str] = set()
    mats: set[str] = set()
    for s in sites:
        t, m = ctx.desk.facets[s]
        types |= t
        mats |= m
    return sites, sorted(types), sorted(mats)


@endpoint("page")
def queue_page(ctx: Ctx) -> Response:
    assert ctx.user is not None
    f = _filters(ctx.request)
    page = _int(ctx.request.query_params.get("page"), 1, 1) or 1
    rows, total = service.queue(ctx.db, ctx.user, f, page)
    sites, types, mats = _facets(ctx)
    params = {
        k: v
        for k, v in (
            ("type", f.type),
            ("material", f.material),
            ("site", f.site),
            ("q", f.q),
            ("state", f.state),
        )
        if v
    }
    pages = max(1, math.ceil(total / service.PAGE_SIZE))
    return render(
        ctx,
        "queue.html",
        rows=rows,
        total=total,
        page=page,
        pages=pages,
        prev_url=f"/?{urlencode(params | {'page': page - 1})}" if page > 1 else "",
        next_url=f"/?{urlencode(params | {'page': page + 1})}" if page < pages else "",
        f=f,
        sites=sites,
        types=types,
        materials=mats,
        query=urlencode(params),
    )


@endpoint("page")
def next_page(ctx: Ctx) -> Response:
    """The first applicant of the queue (same filters) no one else is working on."""
    assert ctx.user is not None
    f = _filters(ctx.request)
    skip = ctx.request.query_params.get("after", "")
    rows, _total = service.queue(ctx.db, ctx.user, f, 1, 20)
    for r in rows:
        if r["applicant_id"] != skip and not r["reserved_by"]:
            back = urlencode(
                {
                    k: v
                    for k, v in (
                        ("type", f.type),
                        ("material", f.material),
                        ("site", f.site),
                        ("q", f.q),
                    )
                    if v
                }
            )
            url = "/applicants/" + quote(r["applicant_id"], safe="")
            return RedirectResponse(url + (f"?{back}" if back else ""), status_code=303)
    return RedirectResponse("/?done=1", status_code=303)


def _applicant_view(ctx: Ctx, a: Applicant, status: int = 200, **extra: Any) -> Response:
    assert ctx.user is not None
    view = service.detail(ctx.db, ctx.user, ctx.desk.out, a)
    problems = [f for f in view["findings"] if f["status"] != "pass"]
    passes = [f for f in view["findings"] if f["status"] == "pass"]
    flagged = sorted({f["slot"] for f in problems if f["slot"] in service.MATERIAL_SLOTS})
    held = view["reservation"]
    held_by = held["by"] if held and held["by"] != ctx.user.username else None
    back = ctx.request.url.query
    values: dict[str, Any] = {
        "a": view,
        "problems": problems,
        "passes": passes,
        "flagged": flagged,
        "all_slots": service.MATERIAL_SLOTS,
        "templates": service.templates(ctx.db),
        "held_by": held_by,
        "aid_url": "/applicants/" + quote(a.applicant_id, safe=""),
        "back": back,
        "entered": None,
        "conflict": None,
        "mask": events.mask_id,
    }
    return render(ctx, "applicant.html", status=status, **(values | extra))


@endpoint("page")
def applicant_page(ctx: Ctx) -> Response:
    """The applicant's page; opening it reserves the applicant when no one else holds it."""
    assert ctx.user is not None
    a = _applicant(ctx)
    if a is None:
        return _not_found(ctx)
    with ctx.write() as w:
        fresh = service.reservation_of(w, a.applicant_id) is None
        other = service.reserve(w, ctx.user, a.applicant_id)
        if other is None and fresh:
            service.emit(w, "reserve", ctx.user.username, a.applicant_id, {})
    return _applicant_view(ctx, a, held_by=other)


@endpoint("page", write=True)
def decide_submit(ctx: Ctx) -> Response:
    assert ctx.user is not None
    if not _page_csrf(ctx):
        return _forbidden(ctx)
    a = _applicant(ctx)
    if a is None:
        return _not_found(ctx)
    entered = {
        "decision": ctx.field("decision"),
        "reason": ctx.field("reason"),
        "feedback": ctx.field("feedback"),
        "materials": ctx.form.get("materials", []),
        "deadline": ctx.field("deadline"),
        "version": _int(ctx.field("version"), -1, -1),
    }
    try:
        d = service.parse_decision(entered)
    except service.BadBody as exc:
        return _applicant_view(ctx, a, status=422, entered=entered, message=str(exc))
    result = service.decide(ctx.db, ctx.user, ctx.desk.out, a, d)
    if isinstance(result, service.Conflict):
        return _applicant_view(ctx, a, status=409, entered=entered, conflict=result)
    back = ctx.field("back")
    after = urlencode({"after": a.applicant_id})
    return RedirectResponse(f"/next?{after}" + (f"&{back}" if back else ""), status_code=303)


@endpoint("page", write=True)
def review_submit(ctx: Ctx) -> Response:
    assert ctx.user is not None
    if not _page_csrf(ctx):
        return _forbidden(ctx)
    a = _applicant(ctx)
    if a is None:
        return _not_found(ctx)
    try:
        service.review_finding(
            ctx.db,
            ctx.user,
            ctx.desk.out,
            a,
            ctx.request.path_params["sha"],
            ctx.field("action"),
            ctx.field("reason"),
        )
    except service.BadBody as exc:
        return _applicant_view(ctx, a, status=422, message=str(exc))
    url = "/applicants/" + quote(a.applicant_id, safe="")
    return RedirectResponse(url + "#problems", status_code=303)


@endpoint("page", write=True)
def release_submit(ctx: Ctx) -> Response:
    assert ctx.user is not None
    if not _page_csrf(ctx):
        return _forbidden(ctx)
    a = _applicant(ctx)
    if a is None:
        return _not_found(ctx)
    if service.release(ctx.db, ctx.user, a.applicant_id):
        service.emit(ctx.db, "release", ctx.user.username, a.applicant_id, {})
    return RedirectResponse("/", status_code=303)


@endpoint("page")
def file_page(ctx: Ctx) -> Response:
    """A page image or evidence crop of an applicant in scope, from OUT (no other file)."""
    assert ctx.user is not None
    a = _applicant(ctx)
    if a is None:
        return _not_found(ctx)
    path = ctx.request.query_params.get("path", "")
    view = service.detail(ctx.db, ctx.user, ctx.desk.out, a)
    norm = posixpath.normpath(path)
    if path not in service.allowed_files(view) or norm.startswith(("/", "..")):
        return Response("没有这个文件", status_code=404)
    full = (ctx.desk.out / norm).resolve()
    if not full.is_relative_to(ctx.desk.out.resolve()) or not full.is_file():
        return Response("没有这个文件", status_code=404)
    return FileResponse(full, headers={"Cache-Control": "private, max-age=3600"})


@endpoint("page")
def feedback_page(ctx: Ctx) -> Response:
    name = ctx.request.url.path.rsplit("/", 1)[-1]
    return _export(ctx, name)


@endpoint("page")
def summary_page(ctx: Ctx) -> Response:
    assert ctx.user is not None
    return render(ctx, "summary.html", rows=service.site_summary(ctx.db, ctx.user))


@endpoint("page", write=True)
def admin_page(ctx: Ctx) -> Response:
    assert ctx.user is not None
    if not ctx.user.is_admin:
        return render(
            ctx, "message.html", status=403, title="无权访问", message="只有管理员可以打开此页面。"
        )
    message = ""
    if ctx.request.method == "POST":
        if not _page_csrf(ctx):
            return _forbidden(ctx)
        slot = ctx.field("slot")
        text = ctx.field("text").strip()
        if slot in service.MATERIAL_SLOTS and text:
            row = ctx.db.get(FeedbackTemplate, slot)
            if row is None:
                ctx.db.add(FeedbackTemplate(slot=slot, text=text))
            else:
                row.text = text
            service.emit(
                ctx.db, "template_edit", ctx.user.username, None, {"slot": slot, "text": text}
            )
            message = f"已保存“{SLOT_LABELS.get(slot, slot)}”的反馈意见模板。"
    users = list(ctx.db.scalars(select(User).order_by(User.username)))
    return render(
        ctx,
        "admin.html",
        message=message,
        templates=service.templates(ctx.db),
        all_slots=service.MATERIAL_SLOTS,
        rates=service.override_rates(ctx.db),
        spot=service.spot_check_figures(ctx.db),
        users=[
            {
                "username": u.username,
                "role": u.role,
                "sites": json.loads(u.sites),
                "disabled": u.disabled,
            }
            for u in users
        ],
    )


# -- the app -----------------------------------------------------------------------------------


def compute_facets(db: Database) -> dict[str, tuple[set[str], set[str]]]:
    facets: dict[str, tuple[set[str], set[str]]] = {}
    with db.read() as s:
        for site, types, mats in s.execute(
            select(Applicant.site, Applicant.types, Applicant.materials).distinct()
        ):
            t, m = facets.setdefault(site, (set(), set()))
            t.update(types.split())
            m.update(mats.split())
    return facets


def build_app(desk: Desk) -> Starlette:
    routes = [
        Route("/api/login", api_login, methods=["POST"]),
        Route("/api/logout", api_logout, methods=["POST"]),
        Route("/api/applicants", api_applicants, methods=["GET"]),
        Route("/api/applicants/{applicant_id:str}", api_applicant, methods=["GET"]),
        Route("/api/applicants/{applicant_id:str}/decision", api_decision, methods=["POST"]),
        Route("/api/applicants/{applicant_id:str}/reserve", api_reserve, methods=["POST"]),
        Route("/api/applicants/{applicant_id:str}/release", api_reserve, methods=["POST"]),
        Route(
            "/api/applicants/{applicant_id:str}/findings/{sha:str}/review",
            api_finding_review,
            methods=["POST"],
        ),
        Route("/api/export/feedback.csv", api_feedback_csv, methods=["GET"]),
        Route("/api/export/feedback.xlsx", api_feedback_xlsx, methods=["GET"]),
        Route("/api/{rest:path}", _api_unknown, methods=["GET", "POST", "PUT", "DELETE"]),
        Route("/login", login_page, methods=["GET"]),
        Route("/login", login_submit, methods=["POST"]),
        Route("/logout", logout_submit, methods=["POST"]),
        Route("/", queue_page, methods=["GET"]),
        Route("/next", next_page, methods=["GET"]),
        Route("/summary", summary_page, methods=["GET"]),
        Route("/export/feedback.csv", feedback_page, methods=["GET"]),
        Route("/export/feedback.xlsx", feedback_page, methods=["GET"]),
        Route("/admin", admin_page, methods=["GET", "POST"]),
        Route("/applicants/{applicant_id:str}", applicant_page, methods=["GET"]),
        Route("/applicants/{applicant_id:str}/decide", decide_submit, methods=["POST"]),
        Route("/applicants/{applicant_id:str}/release", release_submit, methods=["POST"]),
        Route("/applicants/{applicant_id:str}/file", file_page, methods=["GET"]),
        Route(
            "/applicants/{applicant_id:str}/findings/{sha:str}",
            review_submit,
            methods=["POST"],
        ),
        Mount("/static/desk", StaticFiles(directory=DESK_STATIC), name="desk-static"),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes)
    app.state.desk = desk
    return app


@endpoint("api")
def _api_unknown(ctx: Ctx) -> Response:
    return _error(404, "没有这个接口")


def create_app(
    out: Path,
    url: str | None = None,
    *,
    secure_cookies: bool = True,
    spot_share: float = DEFAULT_SPOT_SHARE,
) -> Starlette:
    """The app for the run in OUT: migrate the database, load the run when it changed."""
    from .db import default_url

    db = open_db(url or default_url(out))
    load_run(out, db.write, spot_share)
    desk = Desk(out.resolve(), db, secure_cookies, compute_facets(db))
    return build_app(desk)


def app_from_env() -> Starlette:
    """The app of one of several server processes (`certcheck serve --workers N`)."""
    import os

    return create_app(
        Path(os.environ["CERTCHECK_DESK_OUT"]),
        os.environ.get("CERTCHECK_DESK_DB") or None,
        secure_cookies=os.environ.get("CERTCHECK_DESK_SECURE", "1") != "0",
        spot_share=float(os.environ.get("CERTCHECK_DESK_SPOT", DEFAULT_SPOT_SHARE)),
    )
