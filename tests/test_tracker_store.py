"""bot.tracker_store reads and writes conversations as Rasa's own SQL tracker store (SQLite, PostgreSQL)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from tests.rasa_env import run_in_rasa_env

POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"


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
