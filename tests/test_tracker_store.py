"""bot.tracker_store reads and writes conversations as Rasa's own SQL tracker store (SQLite, PostgreSQL)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import yaml

from tests.rasa_env import run_in_rasa_env

POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
DOMAIN_SLOTS = yaml.safe_load((Path(__file__).resolve().parents[1] / "domain.yml").read_text())["slots"]


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_conversations_are_the_same_whichever_store_wrote_or_read_them(database: str, tmp_path: Path) -> None:
    """Existing conversations stay readable, and Rasa could still read what this store wrote."""
    url = f"sqlite:///{tmp_path / 'tracker.db'}" if database == "sqlite" else POSTGRES
    results = run_in_rasa_env("conversation_store", url, f"store-test-{uuid.uuid4().hex[:8]}")
    pairings = {key: value for key, value in results.items() if "->" in key}
    assert len(pairings) == 4
    for result in pairings.values():
        assert result == {
            "latest session": [
                "Wer ist im Integrationsrat?",
                "Antwort zu integrationsrat – Quelle: https://www.dortmund.de/",
            ],
            "topic": "integrationsrat",
            "all sessions": [
                "Was ist HSU?",
                "Antwort zu hsu – Quelle: https://www.dortmund.de/",
                "Und auf Arabisch?",
                "Antwort zu hsu – Quelle: https://www.dortmund.de/",
                "Wer ist im Integrationsrat?",
                "Antwort zu integrationsrat – Quelle: https://www.dortmund.de/",
            ],
            "unknown sender": [],
        }
    if database == "sqlite":
        assert results["journal mode"] == "wal"


NEW_EVENTS_PER_TURN = 12  # one turn: a resident message, actions, bot messages (and a new session start)
EVENTS_PER_TURN_BOUND = 80  # a window of 10 resident messages is about 50 events; 160 turns are over 600


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_long_conversation_is_read_in_a_bounded_window_with_the_same_state(
    database: str, tmp_path: Path
) -> None:
    """Turns 10 to 160 read a bounded number of events and see what Rasa's store shows; all stored alike."""
    # the same slots (one set long ago, one reverted with a fallback), latest message and last dialogue states
    url = f"sqlite:///{tmp_path / 'tracker.db'}" if database == "sqlite" else POSTGRES
    results = run_in_rasa_env("long_conversation", url, f"long-test-{uuid.uuid4().hex[:8]}")
    ours, rasa = results["ours"], results["rasa"]
    restart = results["restart at"] - 1  # after a restart of the server the whole session is read once
    assert ours["read"][restart] == rasa["read"][restart] > EVENTS_PER_TURN_BOUND
    del ours["read"][restart], ours["in tracker"][restart]
    assert max(ours["read"][10:]) <= EVENTS_PER_TURN_BOUND
    # between restarts only the events stored since the last message are parsed, not the whole window
    assert max(ours["read"][1:restart] + ours["read"][restart + 1 :]) <= NEW_EVENTS_PER_TURN
    assert max(ours["in tracker"][10:]) <= EVENTS_PER_TURN_BOUND
    assert max(rasa["read"]) > 5 * EVENTS_PER_TURN_BOUND  # the measure sees Rasa's reading grow
    assert ours["mismatches"] == {}
    assert ours["slots before the new session"] == {
        "topic": "huckarde",
        "language": "ar",
        "leichte_sprache": False,
        "session_started_metadata": None,
    }
    # A new session without carried-over slots: every slot back to its initial value (the language: German).
    initial = {name: slot.get("initial_value") for name, slot in DOMAIN_SLOTS.items()}
    assert ours["final slots"] == rasa["final slots"] == dict.fromkeys(ours["final slots"]) | initial
    assert results["stored alike"] and results["published alike"]
    assert results["full history"] == results["stored"] > 600
    assert not results["after deletion"]


def test_a_conversation_waiting_for_the_database_does_not_hold_up_the_others() -> None:
    """While PostgreSQL makes one read and one write wait, the server goes on with other work; both finish."""
    results = run_in_rasa_env("store_waits", POSTGRES, f"wait-test-{uuid.uuid4().hex[:8]}")
    assert results["shortest wait"] > 1.0  # the table really was held while the store waited
    assert results["longest pause"] < 0.3
    assert results["read"] == ["Was ist HSU?"]
    assert results["stored"] == [
        "Was ist HSU?",
        "Antwort zu hsu – Quelle: https://www.dortmund.de/",
        "Und auf Arabisch?",
        "Antwort zu hsu – Quelle: https://www.dortmund.de/",
    ]
