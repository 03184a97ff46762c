"""What the desk does, apart from HTTP: the queue, an applicant's detail, decisions with
optimistic locking, reservations, finding reviews, the 反馈意见 export and the admin figures.

Every function takes the caller (`Principal`) and answers only within their scope: an
applicant outside it is `None`, exactly as an unknown id, so a reviewer cannot even learn
that it exists. The web layer (pipeline.desk.app) turns results into HTTP answers.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Select, and_, case, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import SLOT_LABELS, SLOTS

from . import events
from .auth import Principal, _aware, now
from .data import FINDING_KEYS, SPOT_TYPE, finding_hash
from .db import (
    Applicant,
    ApplicantDetail,
    DecisionHistory,
    DecisionRow,
    FeedbackTemplate,
    FindingReview,
    Reservation,
)

_S = TypeVar("_S", bound=Select)  # type: ignore[type-arg]
DECISIONS = ("pass", "resubmit", "reject")
DECISION_LABELS = {"pass": "通过", "resubmit": "需补充材料", "reject": "不通过"}
RESERVATION = timedelta(minutes=15)
PAGE_SIZE = 50
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MATERIAL_SLOTS = tuple(s for s in SLOTS)


def emit(
    db: Session, kind: str, actor: str, applicant_id: str | None, payload: dict[str, Any]
) -> None:
    """Queue a reviewer event; the web layer appends it to the log once the transaction that
    made it has committed (an event never describes a change that was rolled back)."""
    db.info.setdefault("desk_events", []).append((kind, actor, applicant_id, payload))


def details(db: Session, applicant_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The applicant's form and findings as the run wrote them."""
    row = db.get(ApplicantDetail, applicant_id)
    if row is None:
        return {}, []
    return json.loads(row.form_json), json.loads(row.findings_json)


def scope(stmt: _S, p: Principal) -> _S:
    return stmt if p.is_admin else stmt.where(Applicant.site.in_(p.sites))


def visible(db: Session, p: Principal, applicant_id: str) -> Applicant | None:
    """The applicant when it exists and `p` may see it; None otherwise (404 either way)."""
    row = db.get(Applicant, applicant_id)
    if row is None or not p.may_see(row.site):
        return None
    return row


# -- the queue ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Filters:
    type: str = ""  # slot.field.status
    material: str = ""  # slot
    site: str = ""
    q: str = ""  # id or name
    state: str = "todo"  # todo | decided | all


def queue_query(p: Principal, f: Filters) -> Select[Applicant, DecisionRow, Reservation]:
    stmt = scope(
        select(Applicant, DecisionRow, Reservation)
        .outerjoin(DecisionRow, DecisionRow.applicant_id == Applicant.applicant_id)
        .outerjoin(Reservation, Reservation.applicant_id == Applicant.applicant_id),
        p,
    )
    if f.type:
        stmt = stmt.where(Applicant.types.like(f"% {_like(f.type)} %", escape="\\"))
    if f.material:
        stmt = stmt.where(Applicant.materials.like(f"% {_like(f.material)} %", escape="\\"))
    if f.site:
        stmt = stmt.where(Applicant.site == f.site)
    if f.q:
        stmt = stmt.where(
            or_(
                Applicant.applicant_id == f.q,
                Applicant.applicant_id.like(f"{_like(f.q)}%", escape="\\"),
                Applicant.name.like(f"%{_like(f.q)}%", escape="\\"),
            )
        )
    if f.state == "todo":
        stmt = stmt.where(
            Applicant.severity < 9,
            or_(DecisionRow.applicant_id.is_(None), DecisionRow.reopened.is_(True)),
        )
    elif f.state == "decided":
        stmt = stmt.where(DecisionRow.applicant_id.is_not(None))
    return stmt.order_by(Applicant.severity, Applicant.top_type, Applicant.position)


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def queue(
    db: Session, p: Principal, f: Filters, page: int = 1, size: int = PAGE_SIZE
) -> tuple[list[dict[str, Any]], int]:
    """One page of the queue and the number of applicants matching."""
    stmt = queue_query(p, f)
    total = db.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    rows = db.execute(stmt.limit(size).offset((max(page, 1) - 1) * size)).all()
    t = now()
    out = []
    for a, d, r in rows:
        held = r is not None and _aware(r.expires_at) > t and r.username != p.username
        out.append(
            {
                "applicant_id": a.applicant_id,
                "name": a.name,
                "site": a.site,
                "id_number": a.id_masked,
                "verdict": a.verdict,
                "n_findings": a.n_findings,
                "top_type": a.top_type,
                "spot_check": a.spot_check,
                "decision": d.decision if d is not None else None,
                "reopened": bool(d is not None and d.reopened),
                "reserved_by": r.username if held and r is not None else None,
            }
        )
    return out, total


def list_applicants(
    db: Session, p: Principal, f: Filters, limit: int | None, offset: int
) -> list[dict[str, Any]]:
    """The API's list (CONTRACT §4): everyone in scope, masked, in the queue's order."""
    stmt = queue_query(p, f)
    if limit is not None:
        stmt = stmt.limit(limit)
    if offset:
        stmt = stmt.offset(offset)
    return [
        {
            "applicant_id": a.applicant_id,
            "name": a.name,
            "site": a.site,
            "verdict": a.verdict,
            "decision": d.decision if d is not None else None,
            "id_number": a.id_masked,
            "spot_check": a.spot_check,
            "findings": a.n_findings,
        }
        for a, d, _r in db.execute(stmt).all()
    ]


# -- one applicant -----------------------------------------------------------------------------


def decision_json(d: DecisionRow | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {
        "decision": d.decision,
        "reason": d.reason,
        "feedback": d.feedback,
        "materials": json.loads(d.materials or "[]"),
        "deadline": d.deadline or None,
        "decided_by": d.decided_by,
        "decided_at": _aware(d.decided_at).isoformat(),
        "version": d.version,
        "reopened": d.reopened,
    }


def detail(db: Session, p: Principal, out: Path, a: Applicant) -> dict[str, Any]:
    """The applicant's form, findings, uploads (pages with the boxes read) and decision."""
    from pipeline.run import load_result

    form, findings = details(db, a.applicant_id)
    reviews: dict[str, dict[str, Any]] = {}
    for r in db.scalars(
        select(FindingReview)
        .where(FindingReview.applicant_id == a.applicant_id)
        .order_by(FindingReview.id)
    ):
        reviews[r.finding_hash] = {"action": r.action, "reason": r.reason, "by": r.by}
    shown = []
    for f in findings:
        h = finding_hash(f)
        item = {k: f.get(k) for k in FINDING_KEYS}
        item |= {k: f.get(k) for k in ("check", "evidence", "variant")}
        item["sha256"] = h
        item["review"] = reviews.get(h)
        shown.append(item)
    result = load_result(out, a.applicant_id)
    pages: dict[str, list[dict[str, Any]]] = {}
    boxes: dict[str, list[dict[str, Any]]] = {}
    if result is not None:
        for _path, reading in result.readings:
            if reading.page_image and reading.box:
                boxes.setdefault(reading.page_image, []).append(
                    {
                        "field": reading.field,
                        "value": reading.value,
                        "confidence": reading.confidence,
                        "box": reading.box,
                    }
                )
        for pg in result.pages:
            pages.setdefault(pg.upload_path, []).append(
                {
                    "image": pg.image_path,
                    "width": pg.width,
                    "height": pg.height,
                    "rotation": pg.rotation,
                    "boxes": boxes.get(pg.image_path, []),
                }
            )
    files: dict[str, str] = {}
    for f in findings:
        if f.get("file") and f.get("slot") not in ("form", "window"):
            files.setdefault(f["file"], f["slot"])
    uploads = [
        {"slot": slot, "file": path, "pages": pages.get(path, [])} for path, slot in files.items()
    ]
    d = db.get(DecisionRow, a.applicant_id)
    return {
        "applicant_id": a.applicant_id,
        "name": a.name,
        "site": a.site,
        "region": a.region,
        "verdict": a.verdict,
        "spot_check": a.spot_check,
        "form": form,
        "findings": shown,
        "uploads": uploads,
        "decision": decision_json(d),
        "version": d.version if d is not None else 0,
        "reservation": reservation_of(db, a.applicant_id),
    }


def allowed_files(detail_view: dict[str, Any]) -> set[str]:
    """The files under OUT an applicant's page may show: its pages and evidence crops."""
    paths = {pg["image"] for u in detail_view["uploads"] for pg in u["pages"]}
    paths |= {f["evidence"] for f in detail_view["findings"] if f.get("evidence")}
    return paths


# -- reservations ------------------------------------------------------------------------------


def reservation_of(db: Session, applicant_id: str) -> dict[str, Any] | None:
    r = db.get(Reservation, applicant_id)
    if r is None or _aware(r.expires_at) <= now():
        return None
    return {"by": r.username, "expires_at": _aware(r.expires_at).isoformat()}


def reserve(db: Session, p: Principal, applicant_id: str) -> str | None:
    """Reserve the applicant for `p` (or extend their reservation); returns who else holds
    it when someone does, else None."""
    t = now()
    r = db.get(Reservation, applicant_id, with_for_update=True)
    if r is not None and _aware(r.expires_at) > t and r.username != p.username:
        return r.username
    if r is None:
        try:
            with db.begin_nested():
                db.execute(
                    insert(Reservation).values(
                        applicant_id=applicant_id, username=p.username, expires_at=t + RESERVATION
                    )
                )
        except IntegrityError:
            other = db.get(Reservation, applicant_id, populate_existing=True)
            return other.username if other is not None else None
    else:
        r.username, r.expires_at = p.username, t + RESERVATION
    return None


def held_by_other(db: Session, p: Principal, applicant_id: str) -> str | None:
    r = db.get(Reservation, applicant_id)
    if r is not None and _aware(r.expires_at) > now() and r.username != p.username:
        return r.username
    return None


def release(db: Session, p: Principal, applicant_id: str) -> bool:
    res = db.execute(
        delete(Reservation).where(
            Reservation.applicant_id == applicant_id, Reservation.username == p.username
        )
    )
    return bool(getattr(res, "rowcount", 0))


# -- decisions ---------------------------------------------------------------------------------


class BadBody(ValueError):
    """A decision body that does not follow the contract (422)."""


@dataclass(frozen=True, slots=True)
class DecisionIn:
    decision: str
    version: int
    reason: str = ""
    feedback: str = ""
    materials: tuple[str, ...] = ()
    deadline: str = ""
    errors: list[str] = field(default_factory=list)


def parse_decision(body: Any) -> DecisionIn:
    """Validate a decision body; BadBody says what is wrong (in Chinese, for the page too)."""
    if not isinstance(body, dict):
        raise BadBody("请求内容必须是 JSON 对象")
    decision = body.get("decision")
    if decision not in DECISIONS:
        raise BadBody("decision 必须是 pass、resubmit 或 reject")
    version = body.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise BadBody("version 必须是非负整数（尚未决定时为 0）")
    texts = {}
    for key in ("reason", "feedback", "deadline"):
        value = body.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str) or len(value) > 4000:
            raise BadBody(f"{key} 必须是不超过 4000 字的文本")
        texts[key] = value.strip()
    materials = body.get("materials", [])
    if materials is None:
        materials = []
    if not isinstance(materials, list) or not all(isinstance(m, str) for m in materials):
        raise BadBody("materials 必须是材料类型（slot）的列表")
    unknown = [m for m in materials if m not in MATERIAL_SLOTS]
    if unknown:
        raise BadBody(f"未知的材料类型：{', '.join(unknown)}")
    if decision == "resubmit" and not materials:
        raise BadBody("需补充材料时必须选择至少一项材料")
    if decision == "reject" and not texts["reason"]:
        raise BadBody("不通过时必须填写原因")
    if texts["deadline"] and not _DATE.fullmatch(texts["deadline"]):
        raise BadBody("截止日期格式应为 YYYY-MM-DD")
    return DecisionIn(
        decision,
        version,
        texts["reason"],
        texts["feedback"],
        tuple(dict.fromkeys(materials)),
        texts["deadline"],
    )


def templates(db: Session) -> dict[str, str]:
    return {s: t for s, t in db.execute(select(FeedbackTemplate.slot, FeedbackTemplate.text))}


def compose_feedback(db: Session, materials: tuple[str, ...]) -> str:
    """The 反馈意见 from the materials' templates, when the reviewer wrote none."""
    tpl = templates(db)
    return "\n".join(
        f"{SLOT_LABELS.get(m, m)}：{tpl.get(m, '请按要求重新上传。')}" for m in materials
    )


@dataclass(frozen=True, slots=True)
class Conflict:
    """Someone decided after the version the caller saw, or holds the reservation."""

    current: dict[str, Any] | None
    version: int
    reserved_by: str | None = None


def decide(db: Session, p: Principal, out: Path, a: Applicant, d: DecisionIn) -> int | Conflict:
    """Record the decision when `d.version` is the current one; the new version, or the
    conflict (nothing is written then: the caller keeps what they entered)."""
    other = held_by_other(db, p, a.applicant_id)
    current = db.get(DecisionRow, a.applicant_id)
    current_version = current.version if current is not None else 0
    if other is not None:
        return Conflict(decision_json(current), current_version, other)
    if d.version != current_version:
        return Conflict(decision_json(current), current_version)
    feedback = d.feedback
    if d.decision == "resubmit" and not feedback:
        feedback = compose_feedback(db, d.materials)
    t = now()
    values = {
        "version": d.version + 1,
        "decision": d.decision,
        "reason": d.reason,
        "feedback": feedback,
        "materials": json.dumps(list(d.materials)),
        "deadline": d.deadline,
        "decided_by": p.username,
        "decided_at": t,
        "content_hash": a.content_hash,
        "reopened": False,
    }
    try:
        with db.begin_nested():
            if current is None:
                db.execute(insert(DecisionRow).values(applicant_id=a.applicant_id, **values))
                ok = True
            else:
                res = db.execute(
                    update(DecisionRow)
                    .where(
                        and_(
                            DecisionRow.applicant_id == a.applicant_id,
                            DecisionRow.version == d.version,
                        )
                    )
                    .values(**values)
                    .execution_options(synchronize_session=False)
                )
                ok = getattr(res, "rowcount", 0) == 1
    except IntegrityError:
        ok = False
    if not ok:
        now_row = db.get(DecisionRow, a.applicant_id, populate_existing=True)
        return Conflict(decision_json(now_row), now_row.version if now_row else 0)
    history = {k: v for k, v in values.items() if k != "reopened"}
    db.execute(insert(DecisionHistory).values(applicant_id=a.applicant_id, **history))
    db.execute(
        delete(Reservation).where(
            Reservation.applicant_id == a.applicant_id, Reservation.username == p.username
        )
    )
    _form, findings = details(db, a.applicant_id)
    about = [f for f in findings if f.get("status") != "pass"] or findings
    emit(
        db,
        "decision",
        p.username,
        a.applicant_id,
        {
            "decision": d.decision,
            "reason": d.reason,
            "feedback": feedback,
            "materials": list(d.materials),
            "deadline": d.deadline or None,
            "version": d.version + 1,
            "run": events.current_run(out),
            "content_hash": a.content_hash,
            "spot_check": a.spot_check,
            "findings": [finding_hash(f) for f in about],
        },
    )
    return d.version + 1


def review_finding(
    db: Session, p: Principal, out: Path, a: Applicant, sha: str, action: str, reason: str
) -> bool:
    """Confirm or dismiss one of the applicant's findings; False when no such finding."""
    if action not in ("confirm", "dismiss"):
        raise BadBody("action 必须是 confirm 或 dismiss")
    if action == "dismiss" and not reason.strip():
        raise BadBody("驳回问题时必须填写理由")
    found = next((f for f in details(db, a.applicant_id)[1] if finding_hash(f) == sha), None)
    if found is None:
        return False
    db.add(
        FindingReview(
            applicant_id=a.applicant_id,
            finding_hash=sha,
            check_id=str(found.get("check") or ""),
            action=action,
            reason=reason.strip(),
            by=p.username,
            at=now(),
        )
    )
    emit(
        db,
        "finding_review",
        p.username,
        a.applicant_id,
        {
            "finding": sha,
            "check": found.get("check"),
            "action": action,
            "reason": reason.strip(),
            "run": events.current_run(out),
        },
    )
    return True


# -- exports and figures -----------------------------------------------------------------------


FEEDBACK_HEADER = (
    "报名序列号",
    "姓名",
    "考点",
    "审核结果",
    "需补充材料",
    "反馈意见",
    "原因",
    "截止日期",
    "审核人",
    "审核时间",
    "版本",
)


def feedback_rows(db: Session, p: Principal) -> list[list[Any]]:
    """反馈意见 of every decided applicant in scope, one row each, in form order; text cells
    that a spreadsheet would run as a formula are kept as text (pipeline.run.csv_cell)."""
    from pipeline.run import csv_cell

    stmt = scope(
        select(Applicant, DecisionRow).join(
            DecisionRow, DecisionRow.applicant_id == Applicant.applicant_id
        ),
        p,
    ).order_by(Applicant.position)
    rows: list[list[Any]] = []
    for a, d in db.execute(stmt).all():
        mats = "、".join(SLOT_LABELS.get(m, m) for m in json.loads(d.materials or "[]"))
        rows.append(
            [
                csv_cell(a.applicant_id),
                csv_cell(a.name),
                csv_cell(a.site),
                DECISION_LABELS.get(d.decision, d.decision),
                mats,
                csv_cell(d.feedback),
                csv_cell(d.reason),
                d.deadline,
                csv_cell(d.decided_by),
                _aware(d.decided_at).isoformat(timespec="seconds"),
                d.version,
            ]
        )
    return rows


def feedback_csv(db: Session, p: Principal) -> tuple[str, int]:
    """反馈意见 of every decided applicant in scope: CSV text (the caller adds the BOM)."""
    rows = feedback_rows(db, p)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(FEEDBACK_HEADER)
    w.writerows(rows)
    return buf.getvalue(), len(rows)


def feedback_xlsx(db: Session, p: Principal) -> tuple[bytes, int]:
    """The same rows as an Excel workbook (every cell text but the version)."""
    from openpyxl import Workbook

    rows = feedback_rows(db, p)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "反馈意见"
    ws.append(list(FEEDBACK_HEADER))
    for row in rows:
        ws.append(row)
    for col, width in zip("ABCDEFGHIJK", (16, 10, 10, 10, 24, 60, 30, 12, 10, 22, 6), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), len(rows)


def site_summary(db: Session, p: Principal) -> list[dict[str, Any]]:
    """Per 考点: applicants, to review, decided by outcome."""
    stmt = scope(
        select(
            Applicant.site,
            func.count(),
            func.sum(case((Applicant.severity < 9, 1), else_=0)),
            func.count(DecisionRow.applicant_id),
        ).outerjoin(DecisionRow, DecisionRow.applicant_id == Applicant.applicant_id),
        p,
    ).group_by(Applicant.site)
    rows = {
        s: {"site": s, "applicants": n, "review": int(r or 0), "decided": dn}
        for s, n, r, dn in db.execute(stmt).all()
    }
    by = scope(
        select(Applicant.site, DecisionRow.decision, func.count()).join(
            DecisionRow, DecisionRow.applicant_id == Applicant.applicant_id
        ),
        p,
    ).group_by(Applicant.site, DecisionRow.decision)
    for s, dec, n in db.execute(by).all():
        rows[s][dec] = n
    return [rows[s] for s in sorted(rows)]


def override_rates(db: Session) -> list[dict[str, Any]]:
    """Per check: findings reviewed, dismissed (the machine was wrong), and the share."""
    stmt = select(FindingReview.check_id, FindingReview.action, func.count()).group_by(
        FindingReview.check_id, FindingReview.action
    )
    by: dict[str, dict[str, int]] = {}
    for check, action, n in db.execute(stmt).all():
        by.setdefault(check or "?", {"confirm": 0, "dismiss": 0})[action] = n
    out = []
    for check in sorted(by):
        c, dm = by[check]["confirm"], by[check]["dismiss"]
        out.append(
            {
                "check": check,
                "confirmed": c,
                "dismissed": dm,
                "rate": dm / (c + dm) if c + dm else 0.0,
            }
        )
    return out


def spot_check_figures(db: Session) -> dict[str, Any]:
    """Spot checks drawn, decided, and the share not passed (what the machine missed)."""
    drawn = db.scalar(select(func.count()).where(Applicant.spot_check.is_(True))) or 0
    rows = db.execute(
        select(DecisionRow.decision, func.count())
        .join(Applicant, Applicant.applicant_id == DecisionRow.applicant_id)
        .where(Applicant.spot_check.is_(True))
        .group_by(DecisionRow.decision)
    ).all()
    decided = sum(n for _d, n in rows)
    missed = sum(n for d, n in rows if d != "pass")
    return {
        "drawn": drawn,
        "decided": decided,
        "missed": missed,
        "rate": missed / decided if decided else 0.0,
        "label": SPOT_TYPE,
    }
