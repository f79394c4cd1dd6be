"""Tracker fixtures and a knowledge base loaded from knowledge/ into a fresh SQLite file."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.texts import interface_text
from bot.knowledge.db import create_tables, get_sessionmaker
from bot.knowledge.loader import load_knowledge, read_knowledge
from bot.knowledge.rasa_data import full_domain

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    """The bot's domain as Rasa sees it: domain.yml plus the topic intents from knowledge/."""
    return full_domain(yaml.safe_load((ROOT / "domain.yml").read_text()), read_knowledge(ROOT / "knowledge"))


@pytest.fixture(autouse=True)
def knowledge_base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """DATABASE_URL pointing at a fresh SQLite file with the real knowledge/ content."""
    url = f"sqlite:///{tmp_path / 'knowledge.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    create_tables(url)
    with get_sessionmaker(url).begin() as session:
        load_knowledge(session, read_knowledge(ROOT / "knowledge"))
    yield url


def make_tracker(
    text: str,
    intent: str,
    entities: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
    intent_ranking: list[dict[str, Any]] | None = None,
    **parse_data: Any,
) -> Tracker:
    """A tracker whose latest message is `text`, classified as `intent`."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "entities": [{"entity": e, "value": v} for item in entities or [] for e, v in item.items()],
        "intent_ranking": intent_ranking or [{"name": intent, "confidence": 0.9}],
        **parse_data,
    }
    return Tracker("resident", slots or {}, latest, [], False, None, {}, "action_listen")


def render(message: dict[str, Any], domain: dict[str, Any], language: str = "de") -> str:
    """What the resident reads: the text, or the response variant of the language filled in, as Rasa does."""
    if not message.get("response"):
        return message.get("text") or ""
    values = {key: str(value) for key, value in message.items() if key not in ("response", "buttons")}
    return interface_text(domain, message["response"], language, **values)


@pytest.fixture
def run_action(domain: dict[str, Any]) -> Callable[..., tuple[list[str], list[dict[str, Any]], list[dict]]]:
    """Run an action on a tracker; returns the rendered texts, the raw messages and the events."""

    def run(action: Action, tracker: Tracker) -> tuple[list[str], list[dict[str, Any]], list[dict]]:
        dispatcher = CollectingDispatcher()
        # as Rasa calls the action server (enable_selective_domain): without the domain
        events = asyncio.run(action.run(dispatcher, tracker, {}))
        language = tracker.get_slot("language") or "de"
        return [render(m, domain, language) for m in dispatcher.messages], dispatcher.messages, events

    return run
