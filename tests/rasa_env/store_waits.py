"""bot.tracker_store while PostgreSQL holds the events table locked: is the event loop free? (Rasa env)."""

from __future__ import annotations

import asyncio
import json
import sys
import threading
import time
from typing import Any

from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import text

from bot.settings import ROOT
from tests.rasa_env.conversation_store import created_from_endpoints, texts, turn

HELD_SECONDS = 1.5


async def longest_pause(until: asyncio.Future[Any]) -> float:
    """The longest gap between the event loop's turns, as another conversation would feel it, until done."""
    longest, last = 0.0, time.perf_counter()
    while not until.done():
        await asyncio.sleep(0.01)
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
    return longest


def hold_events_table(store: Any, locked: threading.Event) -> None:
    """Lock the events table for HELD_SECONDS from another connection, as a long migration or backup might."""
    with store.engine.begin() as connection:
        connection.execute(text("LOCK TABLE events IN ACCESS EXCLUSIVE MODE"))
        locked.set()
        time.sleep(HELD_SECONDS)


async def while_held(store: Any, work: Any) -> tuple[Any, float, float]:
    """Run `work` while the table is held: its result, the loop's longest pause, the seconds it took."""
    locked = threading.Event()
    holder = threading.Thread(target=hold_events_table, args=(store, locked))
    holder.start()
    locked.wait()
    started = time.perf_counter()
    task = asyncio.ensure_future(work)
    pause = await longest_pause(task)
    result, took = await task, time.perf_counter() - started
    holder.join()
    return result, pause, took


async def measure(url: str, sender: str) -> dict[str, Any]:
    """A read and a write of a conversation while the table is held."""
    store = created_from_endpoints(url, None, Domain.load(str(ROOT / "domain.yml")))
    tracker = DialogueStateTracker(sender, store.domain.slots)
    turn(tracker, "Was ist HSU?", "hsu", 1000.0)
    await store.save(tracker)
    read, read_pause, read_took = await while_held(store, store.retrieve(sender))
    turn(read, "Und auf Arabisch?", "hsu", 1001.0)
    _, write_pause, write_took = await while_held(store, store.save(read))
    stored = await store.retrieve(sender)
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM events WHERE sender_id = :sender"), {"sender": sender})
    return {
        "read": texts(read)[:1],
        "stored": texts(stored),
        "longest pause": max(read_pause, write_pause),
        "shortest wait": min(read_took, write_took),
    }


def main() -> None:
    """Print the measures for the PostgreSQL URL and sender given."""
    print(json.dumps(asyncio.run(measure(sys.argv[1], sys.argv[2]))))


if __name__ == "__main__":
    main()
