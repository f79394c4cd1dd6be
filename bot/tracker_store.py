"""The Rasa server's conversation store: Rasa's SQL tracker store, cheaper per message (Rasa environment).

Per message Rasa reads the conversation and writes its new events. Under load (py-spy, 20 concurrent senders)
that took a third of the Rasa server's CPU time on SQLite. This store keeps Rasa's table and queries but:
- reads only the events' id, type and JSON, instead of building an ORM object per stored event;
- on SQLite keeps one connection per thread instead of opening the file twice per message, and writes through
  a write-ahead log with `synchronous=NORMAL`: a commit survives a crash or restart of the server; only a
  power failure of the machine may lose the last messages (PostgreSQL in production is unaffected).

And it bounds the work per message in long conversations. Rasa reads the whole current session for every
message, replays it, lets the policies walk it and posts it to the action server for every action, so a turn
at the 200th message cost six times one at the 2nd. For the processing of a message this store reads only the
events from `WINDOW_TURNS` resident messages back; the state the earlier events left (slots, active loop,
pause) comes first, as a session start with those values. The rules look back one message, the actions read
the latest message, the slots and the latest answer (bot.rasa_server sends them the last turns). The full
history stays in the table: `retrieve_full_tracker` (the HTTP API's tracker), the editors' inbox and
statistics and the 30-day deletion read all of it.

Its database round trips run in a few threads of their own, not in the server's event loop: a read or write
waiting for PostgreSQL blocked every other conversation of the server meanwhile (a third of the loop's time
under load, py-spy at 100 senders). Parsing and replaying events stays in the loop.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import ACTION_SESSION_START_NAME
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    ConversationPaused,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.orm import Query, Session, sessionmaker
from sqlalchemy.sql import Select

WINDOW_TURNS = 10  # resident messages a long session is read with: far more than the policies look back
REMEMBERED_CONVERSATIONS = 10_000  # window starts kept in memory (a few hundred bytes each)
# Conversations whose read events are kept parsed (up to a window of events, some kB each): those active now.
PARSED_CONVERSATIONS = 1_000
# Set on every tracker this store reads or saves: how many of its events are stored or stand for stored ones.
STORED_EVENTS = "_conversation_store_stored_events"
# Database round trips at once: one per message the server processes at a time (bot.rasa_server), and spare.
DATABASE_THREADS = 4
SESSION_STARTED = SessionStarted.type_name
Result = TypeVar("Result")


def use_write_ahead_log(connection: Any, _record: Any) -> None:
    """SQLite connection settings: WAL journal, no fsync per commit, wait up to 5 s for a lock."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


@dataclass(frozen=True)
class WindowStart:
    """Where reading a long session begins, and the state the events before it left."""

    event_id: int
    timestamp: float
    slots: tuple[tuple[str, Any], ...]
    active_loop: str | None
    paused: bool

    @classmethod
    def at(cls, event_id: int, timestamp: float, tracker: DialogueStateTracker) -> WindowStart:
        """The start at stored event `event_id`, with the state of `tracker` just before that event."""
        slots = tuple(
            (name, copy.deepcopy(slot.value))
            for name, slot in tracker.slots.items()
            if slot.value != slot.initial_value
        )
        return cls(event_id, timestamp, slots, tracker.active_loop_name, tracker.is_paused())

    def events(self) -> list[Event]:
        """New events that recreate the state: a session start, then the slots, the active loop, the pause."""
        at = self.timestamp
        events: list[Event] = [ActionExecuted(ACTION_SESSION_START_NAME, timestamp=at), SessionStarted(at)]
        events += [SlotSet(name, copy.deepcopy(value), timestamp=at) for name, value in self.slots]
        if self.active_loop:
            events.append(ActiveLoop(self.active_loop, timestamp=at))
        if self.paused:
            events.append(ConversationPaused(at))
        return events


def window_cut(events: list[tuple[int, Event]]) -> int | None:
    """Index of the action before the `WINDOW_TURNS`-th last resident message; None for shorter windows."""
    users = [index for index, (_, event) in enumerate(events) if isinstance(event, UserUttered)]
    if len(users) <= WINDOW_TURNS:
        return None
    first_kept = users[-WINDOW_TURNS]
    actions = [index for index in range(first_kept) if isinstance(events[index][1], ActionExecuted)]
    return actions[-1] if actions and actions[-1] > 0 else None


def continues(start: WindowStart, rows: list[Any]) -> bool:
    """Whether rows read from a window start are its session: still stored (not deleted), no new session."""
    if not rows or rows[0].id != start.event_id:
        return False
    return not any(row.type_name == SESSION_STARTED for row in rows)


class ConversationStore(SQLTrackerStore):
    """Rasa's SQLTrackerStore reading only event JSON, and only the last turns of long sessions."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Create the store as Rasa does; then, on SQLite, swap in a pooled engine with WAL settings."""
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            url = self.engine.url
            self.engine.dispose()
            # a connection per thread: the database threads' and the event loop's (Rasa's own reads)
            pool_size = DATABASE_THREADS + 1
            self.engine = sa.create_engine(url, poolclass=sa.pool.SingletonThreadPool, pool_size=pool_size)
            sa.event.listen(self.engine, "connect", use_write_ahead_log)
            self.sessionmaker = sessionmaker(bind=self.engine)
        self.window_starts: OrderedDict[str, WindowStart] = OrderedDict()
        self.parsed: OrderedDict[str, dict[int, Event]] = OrderedDict()
        self.window_query, self.latest_session_query = self._statements()
        self.database = ThreadPoolExecutor(DATABASE_THREADS, thread_name_prefix="conversation-store")

    async def _in_database_thread(self, work: Callable[..., Result], *arguments: Any) -> Result:
        """Run `work` in a database thread, the event loop free meanwhile."""
        return await asyncio.get_running_loop().run_in_executor(self.database, work, *arguments)

    def _event_query(self, session: Session, sender_id: str, fetch_events_from_all_sessions: bool) -> Query:
        """Rasa's query for a conversation's events (same filter and order), selecting id, type and JSON."""
        query = super()._event_query(session, sender_id, fetch_events_from_all_sessions)
        return query.with_entities(self.SQLEvent.id, self.SQLEvent.type_name, self.SQLEvent.data)

    def _stored_rows(self, sender_id: str, start: WindowStart | None) -> tuple[list[Any], WindowStart | None]:
        """Ids, types and JSON of the current session's stored events (in a database thread).

        With a window start every event from it on, as long as they continue its session (see `continues`);
        else, and without one, Rasa's query for the latest session.
        """
        with self.engine.connect() as connection:
            if start is not None:
                parameters = {"sender_id": sender_id, "first_id": start.event_id}
                rows = connection.execute(self.window_query, parameters).all()
                if continues(start, rows):
                    return rows, start
            return connection.execute(self.latest_session_query, {"sender_id": sender_id}).all(), None

    def _statements(self) -> tuple[Select, Select]:
        """Rasa's queries for a conversation's events from a window start on, and in its latest session.

        Built once with the sender as a parameter: building Rasa's ORM query for every message took longer
        than PostgreSQL took to answer it. The window's query has no search for the latest session start,
        which reads the whole conversation.
        """
        sender = sa.bindparam("sender_id")
        with self.session_scope() as session:  # builds the queries, executes nothing
            window = self._event_query(session, sender, fetch_events_from_all_sessions=True).statement
            latest = self._event_query(session, sender, fetch_events_from_all_sessions=False).statement
        return window.where(self.SQLEvent.id >= sa.bindparam("first_id")), latest

    def _parsed(self, sender_id: str, rows: list[Any]) -> list[tuple[int, Event]]:
        """The stored events as Rasa events; those parsed for the previous message are reused.

        A stored event never changes (a deleted one is no longer among the rows), and parsing the JSON of
        every event of the window for every message was a tenth of the server's time per message.
        """
        known = self.parsed.pop(sender_id, {})
        events = [(row.id, known.get(row.id) or Event.from_parameters(json.loads(row.data))) for row in rows]
        events = [(event_id, event) for event_id, event in events if event is not None]
        self.parsed[sender_id] = dict(events)
        if len(self.parsed) > PARSED_CONVERSATIONS:
            self.parsed.popitem(last=False)
        return events

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The current session for processing a message: the stored state, then the last turns."""
        rows, start = await self._in_database_thread(
            self._stored_rows, sender_id, self.window_starts.pop(sender_id, None)
        )
        events = self._parsed(sender_id, rows)
        if not events:
            return None
        tracker = DialogueStateTracker(sender_id, self.domain.slots)
        for event in start.events() if start else []:
            tracker.update(event)
        cut = window_cut(events)
        for index, (event_id, event) in enumerate(events):
            if index == cut:
                start = WindowStart.at(event_id, event.timestamp, tracker)
            tracker.update(event)
        if start is not None:
            self._remember(sender_id, start)
        setattr(tracker, STORED_EVENTS, len(tracker.events))
        return tracker

    def _remember(self, sender_id: str, start: WindowStart) -> None:
        """Keep the window start for the next message; forget the conversation unused the longest."""
        self.window_starts[sender_id] = start
        if len(self.window_starts) > REMEMBERED_CONVERSATIONS:
            self.window_starts.popitem(last=False)

    def _stored_count(self, sender_id: str) -> int:
        """Rasa's count of a conversation's stored events in its latest session (in a database thread)."""
        with self.session_scope() as session:
            return self._event_query(session, sender_id, fetch_events_from_all_sessions=False).count()

    def _insert(self, rows: list[dict[str, Any]]) -> None:
        """Store event rows in one statement and commit (in a database thread)."""
        with self.engine.begin() as connection:
            connection.execute(self.SQLEvent.__table__.insert(), rows)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Rasa's save: the new events published to the event broker, then stored as the same rows as Rasa's
        store writes, in one statement instead of an ORM object per event; the tracker counts them stored."""
        stored = getattr(tracker, STORED_EVENTS, None)
        if stored is None:
            # a tracker not read here (a new conversation, events put through the HTTP API): Rasa's count
            stored = await self._in_database_thread(self._stored_count, tracker.sender_id)
        events = list(itertools.islice(tracker.events, stored, len(tracker.events)))
        if self.event_broker is not None:
            await self._stream_new_events(self.event_broker, events, tracker.sender_id)
        if events:
            rows = [event_row(tracker.sender_id, event) for event in events]
            await self._in_database_thread(self._insert, rows)
        setattr(tracker, STORED_EVENTS, len(tracker.events))


def event_row(sender_id: str, event: Event) -> dict[str, Any]:
    """The table row of an event, as Rasa's SQLTrackerStore.save writes it."""
    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }
