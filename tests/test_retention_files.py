"""The retention job also empties the server logs and the editors' review decisions after 30 days."""

from __future__ import annotations

import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot import retention
from bot.editor.state import ReviewState

NOW = 1_800_000_000.0
DAY = 86400.0


def test_logs_are_archived_daily_and_deleted_after_the_retention_period(tmp_path: Path) -> None:
    log = tmp_path / "rasa.log"
    with log.open("ab") as server_output:  # opened like bot.processes.start opens a server's log
        server_output.write(b"Mail von [E-Mail] erhalten\n")
        server_output.flush()
        os.utime(log, (NOW - DAY, NOW - DAY))
        [archive] = retention.rotate_logs(tmp_path, NOW)
        server_output.write(b"today\n")  # the server keeps writing to the file it opened
        server_output.flush()
    assert archive.read_bytes() == b"Mail von [E-Mail] erhalten\n"
    assert log.read_bytes() == b"today\n"
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    assert retention.rotate_logs(tmp_path, NOW + 60) == []  # once a day
    assert retention.delete_old_logs(tmp_path, NOW + 20 * DAY) == 0
    assert retention.delete_old_logs(tmp_path, NOW + 30 * DAY) == 1
    assert not archive.exists() and log.read_bytes() == b"today\n"


def decision(days_ago: float, text: str) -> dict[str, str | None]:
    """A review decision as ReviewState.record writes it."""
    at = datetime.fromtimestamp(NOW, timezone.utc) - timedelta(days=days_ago)
    return {"decision": "ignored", "intent": None, "text": text, "at": at.isoformat(timespec="seconds")}


def write_state(path: Path) -> None:
    """A review state with an old and a recent decision."""
    decisions = {"old": decision(31, "Meine IBAN ist ..."), "recent": decision(2, "Was ist HSU?")}
    path.write_text(json.dumps({"version": 1, "decisions": decisions}), encoding="utf-8")


def test_review_decisions_older_than_the_retention_period_are_forgotten(tmp_path: Path) -> None:
    state = tmp_path / "review_state.json"
    write_state(state)
    assert retention.forget_old_reviews(state, NOW) == 1
    assert "IBAN" not in state.read_text(encoding="utf-8")
    kept = ReviewState(state)
    assert kept.reviewed("recent") and not kept.reviewed("old")
    assert retention.forget_old_reviews(tmp_path / "missing.json", NOW) == 0


def test_the_retention_job_covers_store_logs_and_reviews(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    logs, state = tmp_path / "logs", tmp_path / "review_state.json"
    logs.mkdir()
    old_archive = logs / "actions.log.2020-01-01"
    old_archive.write_text("old")
    os.utime(old_archive, (NOW - 40 * DAY, NOW - 40 * DAY))
    write_state(state)
    monkeypatch.setattr(retention, "LOGS", logs)
    monkeypatch.setattr(retention, "STATE_FILE", state)
    settings = retention.Settings(tracker_store_url=f"sqlite:///{tmp_path / 'tracker.db'}")
    counts = retention.purge_all(settings, NOW)
    assert counts == {"conversation events": 0, "log archives": 1, "review decisions": 1}
    assert not old_archive.exists()
