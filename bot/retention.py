"""Deletes what holds conversations after 30 days, as the bot's privacy answers promise: the tracker store,
the server logs in var/logs (rotated daily) and the editors' review decisions (var/review_state.json).
Events sent to the broker expire by themselves (bot/guard/server.py).

`make run` does this at start and every hour; a production deployment runs `python -m bot.retention` daily
(cron, systemd timer or Kubernetes CronJob) with the same TRACKER_STORE_URL as the Rasa server.
"""

from __future__ import annotations

import argparse
import shutil
import time
from datetime import datetime, timezone
from pathlib import Path

import yaml
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection

from bot.editor.project import STATE_FILE
from bot.editor.state import ReviewState
from bot.editor.tracker import sqlalchemy_url
from bot.settings import LOGS, RETENTION_DAYS, ROOT, Settings

# Logs are rotated once a day: an archive's first line is at most a day older than its last one, so an
# archive is deleted a day early to keep every line at most RETENTION_DAYS.
ROTATION_DAYS = 1

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


def rotate_logs(directory: Path, now: float) -> list[Path]:
    """Archive each non-empty log once a day as `<name>.<date>`; returns the new archives."""
    today = datetime.fromtimestamp(now, timezone.utc).date().isoformat()
    archives = []
    for log in sorted(directory.glob("*.log")):
        archive = log.with_name(f"{log.name}.{today}")
        if log.stat().st_size == 0 or archive.exists():
            continue
        shutil.copy2(log, archive)  # keeps the time of the last line, which decides when it is deleted
        archive.chmod(0o600)
        # Truncated, not replaced: the servers keep appending to the file they opened (O_APPEND).
        with log.open("r+b") as opened:
            opened.truncate(0)
        archives.append(archive)
    return archives


def delete_old_logs(directory: Path, now: float, days: float = RETENTION_DAYS) -> int:
    """Delete log archives whose last line is older than the retention period (less a rotation)."""
    cutoff = now - (days - ROTATION_DAYS) * 86400
    old = [path for path in directory.glob("*.log.*") if path.stat().st_mtime < cutoff]
    for path in old:
        path.unlink()
    return len(old)


def forget_old_reviews(path: Path, now: float, days: float = RETENTION_DAYS) -> int:
    """Drop the editors' decisions older than the retention period (they quote residents' messages)."""
    if not path.exists():
        return 0
    return ReviewState(path).forget_before(datetime.fromtimestamp(now - days * 86400, timezone.utc))


def purge_all(settings: Settings, now: float | None = None) -> dict[str, int]:
    """Everything past the retention period: tracker store, server logs, review decisions (counts)."""
    now = now or time.time()
    counts = {"conversation events": purge(settings.tracker_store_url, now)}
    if LOGS.is_dir():
        rotate_logs(LOGS, now)
        counts["log archives"] = delete_old_logs(LOGS, now)
    counts["review decisions"] = forget_old_reviews(STATE_FILE, now)
    return counts


def main() -> None:
    """Command line: purge the tracker store of TRACKER_STORE_URL (or --tracker-store), logs, reviews."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tracker-store", default=None, help="database URL (default: TRACKER_STORE_URL)")
    args = parser.parse_args()
    settings = Settings(tracker_store_url=args.tracker_store) if args.tracker_store else Settings()
    counts = purge_all(settings)
    print(f"Deleted after {RETENTION_DAYS} days: " + ", ".join(f"{n} {what}" for what, n in counts.items()))


if __name__ == "__main__":
    main()
