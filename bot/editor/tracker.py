"""Reads conversations from Rasa's SQL tracker store (SQLite or PostgreSQL) without importing Rasa."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

EVENT_TYPES = ("user", "bot", "action")


@dataclass(frozen=True)
class Event:
    """One stored event of a conversation."""

    id: int
    sender_id: str
    type_name: str
    timestamp: float
    intent_name: str | None
    action_name: str | None
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def time(self) -> datetime:
        """When it happened (UTC)."""
        return datetime.fromtimestamp(self.timestamp, tz=timezone.utc)

    @property
    def text(self) -> str:
        """The message text of a user or bot event."""
        return str(self.data.get("text") or "")

    @property
    def parse(self) -> dict[str, Any]:
        """The NLU result of a user event."""
        return self.data.get("parse_data") or {}

    @property
    def intent(self) -> str | None:
        """The intent the NLU gave a user message."""
        return (self.parse.get("intent") or {}).get("name") or self.intent_name

    @property
    def confidence(self) -> float:
        """The confidence of that intent."""
        return float((self.parse.get("intent") or {}).get("confidence") or 0.0)

    @property
    def channel(self) -> str:
        """The channel a user message came through (rest, socketio, telegram, ...)."""
        metadata = self.data.get("metadata") or {}
        return str(self.data.get("input_channel") or metadata.get("channel") or "unbekannt")

    def entity(self, name: str) -> str | None:
        """The value of the first entity of that name in a user message."""
        for entity in self.parse.get("entities") or []:
            if entity.get("entity") == name:
                return str(entity.get("value"))
        return None


def sqlalchemy_url(url: str) -> str:
    """Rasa's tracker store URL for SQLAlchemy 2: PostgreSQL through psycopg 3."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def read_events(url: str, since: float | None = None) -> Iterator[Event]:
    """User, bot and action events, conversation by conversation in the order they happened."""
    engine = create_engine(sqlalchemy_url(url))
    query = (
        "SELECT id, sender_id, type_name, timestamp, intent_name, action_name, data FROM events "
        "WHERE type_name IN ('user', 'bot', 'action')"
        + (" AND timestamp >= :since" if since is not None else "")
        + " ORDER BY sender_id, timestamp, id"
    )
    try:
        with engine.connect() as connection:
            for row in connection.execute(text(query), {"since": since} if since is not None else {}):
                try:
                    data = json.loads(row.data) if row.data else {}
                except ValueError:
                    data = {}
                yield Event(
                    row.id,
                    row.sender_id,
                    row.type_name,
                    float(row.timestamp or 0.0),
                    row.intent_name,
                    row.action_name,
                    data,
                )
    finally:
        engine.dispose()


def conversations(events: Iterator[Event]) -> Iterator[list[Event]]:
    """Events grouped by conversation (sender id)."""
    current: list[Event] = []
    for event in events:
        if current and event.sender_id != current[0].sender_id:
            yield current
            current = []
        current.append(event)
    if current:
        yield current
