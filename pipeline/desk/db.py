"""The desk's database: tables (SQLAlchemy 2 declarative), engine, migrations on start.

SQLite inside OUT (`OUT/desk/desk.sqlite`, WAL so readers never wait for the one writer) is
the default; `postgresql://…` (psycopg 3) is a shared server for many reviewers. The schema
is owned by the Alembic scripts in `pipeline/desk/migrations`, run on every start (a no-op
when the database is current), so an older database is upgraded, never recreated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    create_engine,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from models.errors import CertcheckError, ExitCode


class DeskError(CertcheckError):
    """The desk cannot start: OUT is not a finished run, or the database cannot be used."""

    exit_code = ExitCode.output


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(16))  # reviewer | admin
    sites: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of 考点
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DeskSession(Base):
    """A login: the cookie carries the token, the table only its sha256."""

    __tablename__ = "sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    username: Mapped[str] = mapped_column(ForeignKey("users.username"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LoginFailure(Base):
    """One failed login, for throttling (by user name and by client address)."""

    __tablename__ = "login_failures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    client: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class Applicant(Base):
    """One applicant of the run, loaded from OUT: the queue's columns plus the detail as JSON."""

    __tablename__ = "applicants"
    applicant_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)  # form order
    name: Mapped[str] = mapped_column(String(128), default="")
    site: Mapped[str] = mapped_column(String(128), default="")
    region: Mapped[str] = mapped_column(String(128), default="")
    id_masked: Mapped[str] = mapped_column(String(64), default="")
    verdict: Mapped[str] = mapped_column(String(16))
    n_findings: Mapped[int] = mapped_column(Integer, default=0)
    #: 0 most severe … 9 nothing to review: the queue's first key
    severity: Mapped[int] = mapped_column(Integer, default=9)
    top_type: Mapped[str] = mapped_column(String(128), default="")  # slot.field.status
    types: Mapped[str] = mapped_column(Text, default="")  # " slot.field.status … " for filters
    materials: Mapped[str] = mapped_column(Text, default="")  # " slot … " with a problem
    spot_check: Mapped[bool] = mapped_column(Boolean, default=False)  # 抽查
    content_hash: Mapped[str] = mapped_column(String(64), default="")  # findings' sha256

    __table_args__ = (
        # the queue's order with the id: a 考点's queue and its count read the index only
        Index(
            "ix_applicants_site_queue", "site", "severity", "top_type", "position", "applicant_id"
        ),
        Index("ix_applicants_queue", "severity", "top_type", "position", "applicant_id"),
    )


class ApplicantDetail(Base):
    """The form and findings of an applicant as JSON, apart from the queue's narrow rows (a
    queue of thousands reads small rows only)."""

    __tablename__ = "applicant_details"
    applicant_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    form_json: Mapped[str] = mapped_column(Text, default="{}")
    findings_json: Mapped[str] = mapped_column(Text, default="[]")


class DecisionRow(Base):
    """The current decision on an applicant; `version` grows by one with each decision."""

    __tablename__ = "decisions"
    applicant_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(16))  # pass | resubmit | reject
    reason: Mapped[str] = mapped_column(Text, default="")
    feedback: Mapped[str] = mapped_column(Text, default="")
    materials: Mapped[str] = mapped_column(Text, default="[]")
    deadline: Mapped[str] = mapped_column(String(10), default="")
    decided_by: Mapped[str] = mapped_column(String(64))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    content_hash: Mapped[str] = mapped_column(String(64), default="")  # the findings decided on
    reopened: Mapped[bool] = mapped_column(Boolean, default=False)


class DecisionHistory(Base):
    """Every decision ever made (nothing decided is lost, a later one included)."""

    __tablename__ = "decision_history"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    applicant_id: Mapped[str] = mapped_column(String(128), index=True)
    version: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    feedback: Mapped[str] = mapped_column(Text, default="")
    materials: Mapped[str] = mapped_column(Text, default="[]")
    deadline: Mapped[str] = mapped_column(String(10), default="")
    decided_by: Mapped[str] = mapped_column(String(64))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    content_hash: Mapped[str] = mapped_column(String(64), default="")


class FindingReview(Base):
    """A reviewer's confirm/dismiss of one finding (by the sha256 of its canonical JSON)."""

    __tablename__ = "finding_reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    applicant_id: Mapped[str] = mapped_column(String(128), index=True)
    finding_hash: Mapped[str] = mapped_column(String(64))
    check_id: Mapped[str] = mapped_column(String(128), default="")
    action: Mapped[str] = mapped_column(String(16))  # confirm | dismiss
    reason: Mapped[str] = mapped_column(Text, default="")
    by: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Reservation(Base):
    """Who is working on an applicant until when (expires by itself)."""

    __tablename__ = "reservations"
    applicant_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class FeedbackTemplate(Base):
    """The 反馈意见 offered for a material when it must be uploaded again (admin-editable)."""

    __tablename__ = "feedback_templates"
    slot: Mapped[str] = mapped_column(String(64), primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class Meta(Base):
    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


def default_url(out: Path) -> str:
    return f"sqlite:///{(out / 'desk' / 'desk.sqlite').resolve()}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def make_engine(url: str, *, immediate: bool = False) -> Engine:
    """An engine for `url` (postgresql:// means psycopg 3); SQLite gets WAL and a busy wait.

    `immediate`: SQLite transactions take the write lock when they begin (BEGIN IMMEDIATE),
    for requests that write: a deferred one that reads and then writes fails at once when
    another writer committed in between (WAL's busy snapshot), whereas an immediate one waits
    its turn. Readers keep deferred transactions and never wait for the writer.
    """
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        begin = "BEGIN IMMEDIATE" if immediate else "BEGIN"

        def _no_autobegin(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself

        def _begin(conn: Any) -> None:
            conn.exec_driver_sql(begin)

        event.listen(engine, "connect", _no_autobegin)
        event.listen(engine, "begin", _begin)
        return engine
    return create_engine(url, pool_size=20, max_overflow=40, pool_pre_ping=True)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (Alembic, as a library)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


@dataclass(frozen=True, slots=True)
class Database:
    """The migrated database: sessions for reading and for writing (see make_engine)."""

    url: str
    read: sessionmaker[Session]
    write: sessionmaker[Session]

    def dispose(self) -> None:
        for maker in (self.read, self.write):
            bind = maker.kw.get("bind")
            if bind is not None:
                bind.dispose()


def open_db(url: str) -> Database:
    """The database at `url`, migrated; DeskError when it cannot be used."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        reader = make_engine(url)
        writer = make_engine(url, immediate=True) if url.startswith("sqlite") else reader
        migrate(writer)
    except (SQLAlchemyError, OSError) as exc:
        where = _redact(url)
        raise DeskError(f"the desk's database {where} cannot be used: {_first(exc)}") from exc
    return Database(
        url,
        sessionmaker(reader, expire_on_commit=False),
        sessionmaker(writer, expire_on_commit=False),
    )


def _first(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _redact(url: str) -> str:
    """A URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "(unparsable URL)"
