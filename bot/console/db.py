"""The console's database: engine and sessions per URL, tables created on first use."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session, sessionmaker

from bot.console.models import AuditEntry, Base
from bot.editor.tracker import sqlalchemy_url


@lru_cache(maxsize=8)
def engine(url: str) -> Engine:
    """One engine per URL, with the console's tables created."""
    created = create_engine(sqlalchemy_url(url), pool_pre_ping=True)
    Base.metadata.create_all(created)
    return created


@lru_cache(maxsize=8)
def sessions(url: str) -> sessionmaker[Session]:
    """The session factory for a URL; use it as `with sessions(url).begin() as s:`."""
    return sessionmaker(bind=engine(url), expire_on_commit=False)


def audit(session: Session, user: str, action: str, what: str) -> None:
    """Record a change in the audit log (in the caller's transaction)."""
    session.add(AuditEntry(user=user, action=action, what=what[:2000]))
