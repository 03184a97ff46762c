"""Accounts, sessions, CSRF tokens and login throttling.

Passwords are argon2id hashes (argon2-cffi). A session is a random token in an HttpOnly,
SameSite=Strict cookie (Secure unless the operator serves plain HTTP on loopback); the
database keeps only its sha256, so a copy of the database opens no session. Each session has
its own CSRF token, which every state-changing request must echo (header `X-CSRF-Token`, or
the form field `csrf_token` for the pages). Throttling: after `MAX_FAILURES` failed logins
within `WINDOW` for one user name or one client address, logins answer 429 until the
failures age out (a correct password too: a guesser learns nothing).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from .db import DeskSession, LoginFailure, User

ROLES = ("reviewer", "admin")
SESSION_LIFETIME = timedelta(hours=12)
MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
_hasher = PasswordHasher()
#: argon2 verifications at once: each takes ~64 MiB and a core for a fraction of a second, so
#: a burst of logins (a shift starting) queues here instead of exhausting memory
_VERIFYING = threading.BoundedSemaphore(4)
#: verified against when the user does not exist, so both cases take the same time
_DUMMY = _hasher.hash("certcheck-no-such-user")


@dataclass(frozen=True, slots=True)
class Principal:
    """The logged-in user of a request."""

    username: str
    role: str
    sites: tuple[str, ...]
    csrf_token: str
    token_hash: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def may_see(self, site: str) -> bool:
        return self.is_admin or site in self.sites


def now() -> datetime:
    return datetime.now(UTC)


def _aware(t: datetime) -> datetime:
    """SQLite hands back naive datetimes: they were written in UTC."""
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def add_user(db: Session, username: str, password: str, role: str, sites: list[str]) -> User:
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if not username or len(username) > 64:
        raise ValueError("the user name must have 1 to 64 characters")
    if not password:
        raise ValueError("the password is empty")
    user = db.get(User, username)
    if user is not None:
        raise ValueError(f"user {username!r} exists already")
    user = User(
        username=username,
        password_hash=hash_password(password),
        role=role,
        sites=json.dumps(sites, ensure_ascii=False),
        disabled=False,
        created_at=now(),
    )
    db.add(user)
    return user


def disable_user(db: Session, username: str) -> None:
    user = db.get(User, username)
    if user is None:
        raise ValueError(f"no user {username!r}")
    user.disabled = True
    db.execute(delete(DeskSession).where(DeskSession.username == username))


def throttled(db: Session, username: str, client: str) -> bool:
    since = now() - WINDOW
    n = db.scalar(
        select(func.count())
        .select_from(LoginFailure)
        .where(
            LoginFailure.at > since,
            or_(LoginFailure.username == username, LoginFailure.client == client),
        )
    )
    return (n or 0) >= MAX_FAILURES


def check_password(db: Session, username: str, password: str) -> User | None:
    """The user when the password is right and the account active, else None."""
    user = db.get(User, username)
    stored = user.password_hash if user is not None else _DUMMY
    ok: bool
    try:
        with _VERIFYING:
            ok = _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        ok = False
    if user is None or not ok or user.disabled:
        return None
    return user


def record_failure(db: Session, username: str, client: str) -> None:
    db.add(LoginFailure(username=username[:64], client=client[:64], at=now()))
    db.execute(delete(LoginFailure).where(LoginFailure.at < now() - 2 * WINDOW))


def clear_failures(db: Session, username: str) -> None:
    db.execute(delete(LoginFailure).where(LoginFailure.username == username))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(db: Session, user: User) -> tuple[str, str]:
    """A new session for `user`: (cookie token, CSRF token)."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    t = now()
    db.execute(delete(DeskSession).where(DeskSession.expires_at < t))  # the table stays small
    db.add(
        DeskSession(
            token_hash=_token_hash(token),
            username=user.username,
            csrf_token=csrf,
            created_at=t,
            expires_at=t + SESSION_LIFETIME,
        )
    )
    return token, csrf


def principal(db: Session, token: str | None) -> Principal | None:
    """Who holds `token`, when it names a live session of an active user."""
    if not token:
        return None
    th = _token_hash(token)
    row = db.execute(
        select(DeskSession, User)
        .join(User, User.username == DeskSession.username)
        .where(DeskSession.token_hash == th)
    ).first()
    if row is None:
        return None
    sess, user = row
    if user.disabled or _aware(sess.expires_at) <= now():
        return None
    sites: Any = json.loads(user.sites or "[]")
    return Principal(user.username, user.role, tuple(sites), sess.csrf_token, th)


def close_session(db: Session, p: Principal) -> None:
    db.execute(delete(DeskSession).where(DeskSession.token_hash == p.token_hash))


def csrf_ok(p: Principal, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(p.csrf_token, given or "")
