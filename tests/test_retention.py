"""Conversations older than 30 days are deleted from the tracker store (SQLite, PostgreSQL), as promised."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection

from bot.retention import RETENTION_DAYS, delete_old_events, purge
from bot.settings import ROOT

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
NOW = 1_800_000_000.0
DAY = 86400.0
COLUMNS = (
    "(id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL, type_name VARCHAR(255) NOT NULL, "
    "timestamp FLOAT, intent_name VARCHAR(255), action_name VARCHAR(255), data TEXT)"
)


def session(sender: str, started: float, *message_times: float) -> list[tuple[str, str, float]]:
    """A conversation session: session_started, then one user message and one bot reply per time."""
    events = [(sender, "session_started", started)]
    for moment in message_times:
        events += [(sender, "user", moment), (sender, "bot", moment + 1)]
    return events


EVENTS = (
    session("old", NOW - 40 * DAY, NOW - 40 * DAY)
    + session("recent", NOW - 2 * DAY, NOW - 2 * DAY)
    + session("returned", NOW - 45 * DAY, NOW - 45 * DAY)
    + session("returned", NOW - 5 * DAY, NOW - 5 * DAY)
    + session("chatting now", NOW - 40 * DAY, NOW - 40 * DAY)
    + session("chatting now", NOW - 300, NOW - 300)
    # a session still open that began before the cutoff (someone wrote at least hourly for a month)
    + session("never paused", NOW - 31 * DAY, NOW - 31 * DAY, NOW - 600)
)


def fill(connection: Connection) -> None:
    """Insert the example conversations."""
    connection.execute(
        text(
            "INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (:sender, :type, :time, '{}')"
        ),
        [{"sender": sender, "type": kind, "time": moment} for sender, kind, moment in EVENTS],
    )


def remaining(connection: Connection) -> dict[str, list[float]]:
    """Timestamps of the events left, per conversation."""
    rows = connection.execute(text("SELECT sender_id, timestamp FROM events ORDER BY id"))
    left: dict[str, list[float]] = {}
    for sender, moment in rows:
        left.setdefault(sender, []).append(moment)
    return left


@pytest.fixture(params=["sqlite", "postgresql"])
def tracker_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Connection]:
    """An events table like Rasa's: in a SQLite file, or a PostgreSQL temporary table that is rolled back."""
    if request.param == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
        create = f"CREATE TABLE events {COLUMNS}"
    else:
        engine = create_engine(POSTGRES)
        # a temporary table comes first in PostgreSQL's search path, so `events` means this one
        columns = COLUMNS.replace("INTEGER PRIMARY KEY", "SERIAL PRIMARY KEY")
        create = f"CREATE TEMPORARY TABLE events {columns}"
    with engine.connect() as connection:
        transaction = connection.begin()
        connection.execute(text(create))
        fill(connection)
        yield connection
        transaction.rollback()
    engine.dispose()


def test_conversations_older_than_the_retention_period_are_deleted(tracker_store: Connection) -> None:
    """Old conversations go entirely; recent ones and the open session of someone chatting now stay."""
    deleted = delete_old_events(tracker_store, NOW, RETENTION_DAYS, open_minutes=60)
    left = remaining(tracker_store)
    assert "old" not in left
    assert left["recent"] == [NOW - 2 * DAY, NOW - 2 * DAY, NOW - 2 * DAY + 1]
    assert left["returned"] == [NOW - 5 * DAY, NOW - 5 * DAY, NOW - 5 * DAY + 1]
    assert left["chatting now"] == [NOW - 300, NOW - 300, NOW - 299]
    assert left["never paused"] == [NOW - 31 * DAY, NOW - 31 * DAY, NOW - 31 * DAY + 1, NOW - 600, NOW - 599]
    assert deleted == 3 + 3 + 3
    assert delete_old_events(tracker_store, NOW, RETENTION_DAYS, open_minutes=60) == 0


def test_a_paused_long_session_is_deleted_once_it_has_expired(tracker_store: Connection) -> None:
    """Once nobody has written for longer than the session expiration, its old events go too."""
    delete_old_events(tracker_store, NOW + 2 * 3600, RETENTION_DAYS, open_minutes=60)
    assert remaining(tracker_store)["never paused"] == [NOW - 600, NOW - 599]


def test_purge_of_a_store_without_conversations_deletes_nothing(tmp_path: Path) -> None:
    """A fresh installation (no events table yet) is no error."""
    assert purge(f"sqlite:///{tmp_path / 'empty.db'}") == 0


def test_privacy_answers_state_the_retention_period() -> None:
    """What the bot tells residents about deletion matches what the purge does."""
    privacy = (ROOT / "knowledge" / "privacy.yml").read_text(encoding="utf-8")
    stated = {int(days) for days in re.findall(r"(\d+)\s+Tage", privacy)}
    assert stated == {RETENTION_DAYS}
