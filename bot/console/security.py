"""Sign-in: server-side sessions, CSRF tokens and the lockout after repeated failed logins."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.console.models import Account, LoginFailure, LoginSession, now

COOKIE = "konsole_sitzung"
LOGIN_COOKIE = "konsole_anmeldung"  # double-submit CSRF token of the login form (before a session exists)
SESSION_HOURS = 8
LOCK_MINUTES = 15
ACCOUNT_FAILURES = 5  # failed logins for one account name within LOCK_MINUTES, then it is locked
ADDRESS_FAILURES = 20  # failed logins from one address within LOCK_MINUTES, then it is locked


@dataclass(frozen=True)
class Visitor:
    """The signed-in account of a request and its session's CSRF token."""

    name: str
    role: str
    csrf: str
    token_hash: str


def token_hash(token: str) -> str:
    """What the database keeps of a session token."""
    return hashlib.sha256(token.encode()).hexdigest()


def aware(stamp: datetime) -> datetime:
    """A time from the database in UTC (SQLite returns it without time zone)."""
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)


def open_session(session: Session, account: Account) -> str:
    """Start a session for an account (expired sessions are deleted); returns the token for the cookie."""
    session.execute(
        delete(LoginSession).where(LoginSession.last_seen < now() - timedelta(hours=SESSION_HOURS))
    )
    token = secrets.token_urlsafe(32)
    row = LoginSession(token_hash=token_hash(token), account_id=account.id, csrf=secrets.token_urlsafe(32))
    session.add(row)
    return token


def visitor(session: Session, token: str | None) -> Visitor | None:
    """The active account behind a session cookie, if the session is open and not expired."""
    if not token:
        return None
    row = session.get(LoginSession, token_hash(token))
    if row is None:
        return None
    account = session.get(Account, row.account_id)
    if account is None or not account.active or aware(row.last_seen) < now() - timedelta(hours=SESSION_HOURS):
        session.delete(row)
        return None
    row.last_seen = now()
    return Visitor(account.name, account.role, row.csrf, row.token_hash)


def close_session(session: Session, token: str | None) -> None:
    """End a session on the server (logout)."""
    if token:
        session.execute(delete(LoginSession).where(LoginSession.token_hash == token_hash(token)))


def same_token(expected: str, given: object) -> bool:
    """Constant-time comparison of a CSRF token."""
    return isinstance(given, str) and bool(given) and hmac.compare_digest(expected, given)


def _failures(session: Session, key: str) -> int:
    """Failed logins of a key within the lock period."""
    since = now() - timedelta(minutes=LOCK_MINUTES)
    query = select(func.count()).where(LoginFailure.key == key, LoginFailure.at >= since)
    return int(session.scalar(query) or 0)


def locked(session: Session, name: str, address: str) -> bool:
    """True when the account name or the address failed too often recently."""
    return (
        _failures(session, f"konto:{name}") >= ACCOUNT_FAILURES
        or _failures(session, f"adresse:{address}") >= ADDRESS_FAILURES
    )


def record_failure(session: Session, name: str, address: str) -> None:
    """Count a failed login for the account name and the address; older failures (and addresses) go."""
    session.execute(delete(LoginFailure).where(LoginFailure.at < now() - timedelta(minutes=LOCK_MINUTES)))
    session.add_all([LoginFailure(key=f"konto:{name}"), LoginFailure(key=f"adresse:{address}")])


def clear_failures(session: Session, name: str) -> None:
    """A successful login forgets the account's failures (the address's stay)."""
    session.execute(delete(LoginFailure).where(LoginFailure.key == f"konto:{name}"))
