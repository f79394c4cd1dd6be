"""A 160-turn conversation stored as Rasa's processor does, read by bot.tracker_store and Rasa's store."""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from sqlalchemy import text

from bot import tracker_store as conversation_store
from bot.endpoints import tracker_store
from bot.settings import ROOT

TURNS = 160
RESTART_AT = 100  # the Rasa server restarted: the store reads this conversation's whole session once
NEW_SESSION_AT = 140  # the session expired: Rasa's action_session_start, no slots carried over
# A slot like the `language` slot being added: it steers the dialogue, so the policies see it.
LANGUAGE_SLOT = {
    "language": {"type": "text", "influence_conversation": True, "mappings": [{"type": "custom"}]}
}


class Broker:
    """An event broker that keeps what it is sent."""

    def __init__(self) -> None:
        """No events yet."""
        self.published: list[dict[str, Any]] = []

    def publish(self, event: dict[str, Any]) -> None:
        """Keep one event."""
        self.published.append(event)


def user(text: str, intent: str, at: float) -> UserUttered:
    """A resident's message as the NLU parsed it."""
    parse = {"intent": {"name": intent, "confidence": 0.9}, "entities": [], "text": text}
    return UserUttered(text, parse["intent"], [], parse, timestamp=at)


def turn_events(number: int, at: float) -> list[Event]:
    """The events of one turn: topic answers, a language choice, greetings and reverted fallbacks."""
    if number == 3:
        return [user("Auf Arabisch bitte", "choose_language", at), SlotSet("language", "ar", timestamp=at)]
    if number == 5:  # the topic a follow-up at the very end still refers to
        answer = [
            ActionExecuted("action_answer_huckarde", timestamp=at),
            BotUttered("Huckarde …", timestamp=at),
        ]
        return [
            user("Geld für die Fassade?", "ask_huckarde", at),
            *answer,
            SlotSet("topic", "huckarde", timestamp=at),
        ]
    if number % 7 == 0:  # not understood: the NLU's language entity is undone with the message
        fallback = [ActionExecuted("action_default_fallback", timestamp=at), BotUttered("?", timestamp=at)]
        return [
            user(f"asdf {number}", "nlu_fallback", at),
            SlotSet("language", "tr", timestamp=at),
            *fallback,
        ]
    if number % 3 == 0:
        return [
            user("Hallo", "greet", at),
            ActionExecuted("utter_greet", timestamp=at),
            BotUttered("Hallo!", timestamp=at),
        ]
    return [
        user("Danke", "thanks", at),
        ActionExecuted("utter_thanks", timestamp=at),
        BotUttered("Gern!", timestamp=at),
    ]


def closing_events(number: int, at: float) -> list[Event]:
    """What ends a turn: a rewind after a fallback, then listening."""
    rewind = [UserUtteranceReverted(timestamp=at)] if number % 7 == 0 else []
    return [*rewind, ActionExecuted("action_listen", timestamp=at)]


def session_start(at: float) -> list[Event]:
    """What Rasa's action_session_start adds to a conversation."""
    listen = ActionExecuted("action_listen", timestamp=at)
    return [ActionExecuted("action_session_start", timestamp=at), SessionStarted(at), listen]


def apply(tracker: DialogueStateTracker, events: list[Event], domain: Domain) -> None:
    """Add events to a tracker as Rasa's processor does, keeping their times."""
    for event in events:
        tracker.update(event, domain)


def compared(number: int) -> bool:
    """Whether to compare a turn's reading with Rasa's (which is slow): every 5th turn and the last 40."""
    return number % 5 == 0 or number > TURNS - 40


def differences(ours: DialogueStateTracker, rasa: DialogueStateTracker | None, domain: Domain) -> list[str]:
    """What the policies and actions would see differently in the two trackers."""
    if rasa is None:
        return ["Rasa read nothing"]
    found = []
    if ours.current_slot_values() != rasa.current_slot_values():
        found.append(f"slots {ours.current_slot_values()} != {rasa.current_slot_values()}")
    if ours.latest_message != rasa.latest_message or ours.latest_action_name != rasa.latest_action_name:
        found.append("latest message or action")
    if ours.active_loop_name != rasa.active_loop_name or ours.is_paused() != rasa.is_paused():
        found.append("loop or pause")
    if ours.past_states(domain)[-6:] != rasa.past_states(domain)[-6:]:
        found.append("last six dialogue states")
    return found


async def converse(
    store: TrackerStore, rasa: SQLTrackerStore | None, sender: str, domain: Domain
) -> dict[str, Any]:
    """Store TURNS turns through `store`; per turn the events read and what differs from `rasa`'s reading."""
    read: list[int] = []
    in_tracker: list[int] = []
    mismatches: dict[int, list[str]] = {}
    slots_before_new_session: dict[str, Any] = {}
    for number in range(1, TURNS + 1):
        at = 1000.0 + number
        if number == RESTART_AT and isinstance(store, conversation_store.ConversationStore):
            store.window_starts.clear()  # all a restart loses: where windows start, the parsed events
            store.parsed.clear()
        deserialised_before = Event.from_parameters.calls
        tracker = await store.retrieve(sender)
        read.append(Event.from_parameters.calls - deserialised_before)
        if tracker is None:
            tracker = await store.create_tracker(sender, append_action_listen=False)
        in_tracker.append(len(tracker.events))
        if rasa and compared(number) and (found := differences(tracker, await rasa.retrieve(sender), domain)):
            mismatches[number] = found
        if number == NEW_SESSION_AT:
            slots_before_new_session = tracker.current_slot_values()
        if number in (1, NEW_SESSION_AT):
            apply(tracker, session_start(at), domain)
        apply(tracker, turn_events(number, at) + closing_events(number, at), domain)
        await store.save(tracker)
    final = await store.retrieve(sender)
    return {
        "read": read,
        "in tracker": in_tracker,
        "mismatches": mismatches,
        "slots before the new session": slots_before_new_session,
        "final slots": final.current_slot_values() if final else None,
    }


def count_deserialised() -> None:
    """Count the events built from stored JSON (by either store)."""
    original = Event.from_parameters

    def counted(parameters: dict[str, Any]) -> Event | None:
        counted.calls += 1  # type: ignore[attr-defined]
        return original(parameters)

    counted.calls = 0  # type: ignore[attr-defined]
    Event.from_parameters = counted  # type: ignore[method-assign]


def stored(connection: Any, sender: str) -> list[dict[str, Any]]:
    """A conversation's stored events, in order."""
    rows = connection.execute(text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender})
    return [json.loads(row.data) for row in rows]


async def compare(url: str, sender: str) -> dict[str, Any]:
    """The same conversation written by bot.tracker_store and by Rasa's store; what each read and stored."""
    count_deserialised()
    domain = Domain.load(str(ROOT / "domain.yml")).merge(Domain.from_dict({"slots": LANGUAGE_SLOT}))
    ours = TrackerStore.create(EndpointConfig.from_dict(tracker_store(url)), domain)
    rasa = TrackerStore.create(EndpointConfig.from_dict(tracker_store(url) | {"type": "SQL"}), domain)
    assert type(ours) is conversation_store.ConversationStore and type(rasa) is SQLTrackerStore
    ours.event_broker = Broker()
    results = {
        "ours": await converse(ours, rasa, f"{sender}-ours", domain),
        "rasa": await converse(rasa, None, f"{sender}-rasa", domain),
        "restart at": RESTART_AT,
    }
    with ours.engine.begin() as connection:
        results["stored alike"] = stored(connection, f"{sender}-ours") == stored(connection, f"{sender}-rasa")
        results["published alike"] = ours.event_broker.published == [
            {"sender_id": f"{sender}-ours", **event} for event in stored(connection, f"{sender}-ours")
        ]
        full = await ours.retrieve_full_tracker(f"{sender}-ours")
        results["full history"] = len(full.events) if full else 0
        results["stored"] = len(stored(connection, f"{sender}-ours"))
        connection.execute(text("DELETE FROM events WHERE sender_id LIKE :prefix"), {"prefix": f"{sender}-%"})
    results["after deletion"] = await ours.retrieve(f"{sender}-ours") is not None
    return results


def main() -> None:
    """Print the comparison for the tracker store URL and sender prefix given."""
    print(json.dumps(asyncio.run(compare(sys.argv[1], sys.argv[2]))))


if __name__ == "__main__":
    main()
