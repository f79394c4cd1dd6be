"""Deletes conversations older than 30 days from Rasa's tracker store, as the bot's privacy answers promise.

`make run` does this at start and every hour; a production deployment runs `python -m bot.retention` daily
(cron, systemd timer or Kubernetes CronJob) with the same TRACKER_STORE_URL as the Rasa server.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import yaml
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection

from bot.editor.tracker import sqlalchemy_url
from bot.settings import RETENTION_DAYS, ROOT, Settings

DELETE_OLD_EVENTS = text(
    "DELETE FROM events WHERE timestamp < :cutoff AND ("
    # a conversation nobody wrote to within the session expiration time: every old event goes
    " sender_id NOT IN (SELECT recent.sender_id FROM events recent WHERE recent.timestamp >= :open_since)"
    # a conversation still open: old events before its current session (Rasa reads only that session)
    " OR timestamp < (SELECT MAX(started.timestamp) FROM events started"
    "  WHERE started.sender_id = events.sender_id AND started.type_name = 'session_started'))"
)


def session_expiration_minutes(domain: Path = ROOT / "domain.yml") -> float:
    """After how many minutes without a message Rasa starts a new conversation session (domain.yml)."""
    config = yaml.safe_load(domain.read_text(encoding="utf-8")).get("session_config") or {}
    return float(config.get("session_expiration_time", 60))


def delete_old_events(connection: Connection, now: float, days: float, open_minutes: float) -> int:
    """Delete events older than `days`, keeping the current session of a conversation still open."""
    result = connection.execute(
        DELETE_OLD_EVENTS, {"cutoff": now - days * 86400, "open_since": now - open_minutes * 60}
    )
    return result.rowcount


def purge(url: str, now: float | None = None, days: float = RETENTION_DAYS) -> int:
    """Delete old conversations from the tracker store at `url` in one transaction; returns the count."""
    engine = create_engine(sqlalchemy_url(url))
    try:
        with engine.begin() as connection:
            if not engine.dialect.has_table(connection, "events"):
                return 0
            return delete_old_events(connection, now or time.time(), days, session_expiration_minutes())
    finally:
        engine.dispose()


def main() -> None:
    """Command line: purge the tracker store of TRACKER_STORE_URL (or --tracker-store)."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tracker-store", default=None, help="database URL (default: TRACKER_STORE_URL)")
    args = parser.parse_args()
    url = args.tracker_store or Settings().tracker_store_url
    deleted = purge(url)
    print(f"Deleted {deleted} conversation events older than {RETENTION_DAYS} days.")


if __name__ == "__main__":
    main()
