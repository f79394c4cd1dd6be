"""Tables of the console: accounts, server-side sessions, failed logins, audit log and answer history."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

EDITOR = "editor"
ADMIN = "admin"
ROLES = (EDITOR, ADMIN)


def now() -> datetime:
    """The current time in UTC."""
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    """Base of the console's tables (separate from the knowledge base, which the loader replaces)."""


class Account(Base):
    """An editor's or admin's account."""

    __tablename__ = "console_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default=EDITOR)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class LoginSession(Base):
    """A signed-in browser: the cookie holds a random token, the table only its hash."""

    __tablename__ = "console_session"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("console_account.id", ondelete="CASCADE"))
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class LoginFailure(Base):
    """A failed login, counted per account name and per address for the lockout."""

    __tablename__ = "console_login_failure"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(128), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class AuditEntry(Base):
    """One change made in the console or by the command line: who, when, what."""

    __tablename__ = "console_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)
    user: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    what: Mapped[str] = mapped_column(Text, default="")


class AnswerChange(Base):
    """One saved edit of a knowledge entry: the entry before and after (YAML), for the diff and undo."""

    __tablename__ = "console_answer_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)
    user: Mapped[str] = mapped_column(String(64))
    slug: Mapped[str] = mapped_column(String(128), index=True)
    before: Mapped[str] = mapped_column(Text)
    after: Mapped[str] = mapped_column(Text)
    undone_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
