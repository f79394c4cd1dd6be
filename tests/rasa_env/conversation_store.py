"""Conversations written and read by Rasa's SQLTrackerStore and by bot.tracker_store (run in the Rasa env)."""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from sqlalchemy import text

from bot.endpoints import tracker_store
from bot.settings import ROOT
from bot.tracker_store import ConversationStore


def created_from_endpoints(url: str, store_type: str | None, domain: Domain) -> TrackerStore:
    """The tracker store Rasa creates from bot.endpoints' config for `url` (optionally another store type)."""
    config = tracker_store(url)
    if store_type:
        config["type"] = store_type
    return TrackerStore.create(EndpointConfig.from_dict(config), domain)


def turn(tracker: DialogueStateTracker, text: str, topic: str, timestamp: float) -> None:
    """One resident message and the bot's answer."""
    tracker.update(UserUttered(text, {"name": f"ask_{topic}", "confidence": 0.9}, timestamp=timestamp))
    tracker.update(ActionExecuted(f"action_answer_{topic}", timestamp=timestamp))
    tracker.update(BotUttered(f"Antwort zu {topic} – Quelle: https://www.dortmund.de/", timestamp=timestamp))
    tracker.update(SlotSet("topic", topic, timestamp=timestamp))
    tracker.update(ActionExecuted("action_listen", timestamp=timestamp))


def texts(tracker: DialogueStateTracker | None) -> list[str]:
    """User and bot texts of a tracker, in order."""
    if tracker is None:
        return []
    return [event.text for event in tracker.events if isinstance(event, (UserUttered, BotUttered))]


async def exchange(writer: SQLTrackerStore, reader: SQLTrackerStore, sender: str) -> dict[str, Any]:
    """Two sessions written turn by turn by one store, read back by the other."""
    tracker = DialogueStateTracker(sender, writer.domain.slots)
    turn(tracker, "Was ist HSU?", "hsu", 1000.0)
    await writer.save(tracker)
    tracker = await writer.retrieve(sender)
    turn(tracker, "Und auf Arabisch?", "hsu", 1001.0)
    await writer.save(tracker)
    tracker = await writer.retrieve(sender)
    tracker.update(ActionExecuted("action_session_start", timestamp=9000.0))
    tracker.update(SessionStarted(timestamp=9000.0))
    turn(tracker, "Wer ist im Integrationsrat?", "integrationsrat", 9001.0)
    await writer.save(tracker)
    latest = await reader.retrieve(sender)
    return {
        "latest session": texts(latest),
        "topic": latest.get_slot("topic") if latest else None,
        "all sessions": texts(await reader.retrieve_full_tracker(sender)),
        "unknown sender": texts(await reader.retrieve(f"{sender}-nobody")),
    }


async def compare(url: str, sender: str) -> dict[str, Any]:
    """Every pairing of writer and reader: Rasa's store and ours."""
    domain = Domain.load(str(ROOT / "domain.yml"))
    stores = {
        "rasa": created_from_endpoints(url, "SQL", domain),
        "ours": created_from_endpoints(url, None, domain),
    }
    assert type(stores["rasa"]) is SQLTrackerStore and type(stores["ours"]) is ConversationStore
    results = {
        f"{writer} -> {reader}": await exchange(stores[writer], stores[reader], f"{sender}-{writer}-{reader}")
        for writer in stores
        for reader in stores
    }
    engine = stores["ours"].engine
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            results["journal mode"] = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM events WHERE sender_id LIKE :prefix"), {"prefix": f"{sender}-%"})
    return results


def main() -> None:
    """Print the comparison for the tracker store URL and sender prefix given."""
    print(json.dumps(asyncio.run(compare(sys.argv[1], sys.argv[2]))))


if __name__ == "__main__":
    main()
