"""Inbox rules and statistics on stored events (the end-to-end tests use real conversations)."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from typer.testing import CliRunner

from bot.editor.cli import app
from bot.editor.inbox import collect, group
from bot.editor.state import ReviewState
from bot.editor.stats import ANSWERED_ENTRY, compute
from bot.editor.tracker import Event, read_events

DAY = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc).timestamp()


def user(sender: str, seconds: float, text: str, intent: str, confidence: float, **extra: object) -> tuple:
    """A stored user event as Rasa's SQL tracker store writes it."""
    parse = {"intent": {"name": intent, "confidence": confidence}, "text": text, "entities": []}
    if intent == "nlu_fallback":
        parse["intent_ranking"] = [parse["intent"], {"name": "ask_iga", "confidence": 0.31}]
    parse.update(extra)
    data = {"event": "user", "text": text, "parse_data": parse, "input_channel": extra.pop("channel", "rest")}
    return (sender, "user", DAY + seconds, intent, None, json.dumps(data))


def bot(sender: str, seconds: float, text: str, entry: str = "") -> tuple:
    """A stored bot message (naming the knowledge entry it answered with in its metadata)."""
    data = {"event": "bot", "text": text, "metadata": {ANSWERED_ENTRY: entry} if entry else {}}
    return (sender, "bot", DAY + seconds, None, None, json.dumps(data))


def rating(sender: str, seconds: float, value: str) -> tuple:
    """The widget's 👍/👎."""
    text = f'/feedback{{"rating":"{value}"}}'
    data = {
        "event": "user",
        "text": text,
        "input_channel": "socketio",
        "parse_data": {
            "intent": {"name": "feedback", "confidence": 1.0},
            "entities": [{"entity": "rating", "value": value}],
        },
    }
    return (sender, "user", DAY + seconds, "feedback", None, json.dumps(data))


def tracker(tmp_path: Path) -> str:
    """A SQLite tracker store with a few conversations."""
    path = tmp_path / "tracker.db"
    with sqlite3.connect(path) as connection:
        connection.execute(
            "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), type_name VARCHAR(255), "
            "timestamp FLOAT, intent_name VARCHAR(255), action_name VARCHAR(255), data TEXT)"
        )
        rows = [
            user("a", 1, "Wann ist die Gartenschau offen?", "nlu_fallback", 0.5),
            user("a", 2, "Wann ist die Gartenschau geöffnet?", "nlu_fallback", 0.5),
            user("b", 3, "Was ist HSU?", "ask_hsu", 0.97),
            bot("b", 3.5, "HSU ist freiwillig.", "hsu_overview"),
            rating("b", 4, "down"),
            user("c", 5, "Wie wird das Wetter?", "out_of_scope", 0.55),
            user("c", 6, "Wie wird das Wetter morgen in Dortmund bei mir?", "out_of_scope", 0.99),
            user("d", 7, "😀", "unclear_input", 1.0, input_problem="no_words"),
            user("d", 86400 + 8, "Was ist HSU?", "ask_hsu", 0.9, channel="telegram"),
            bot("d", 86400 + 8.5, "HSU ist freiwillig.", "hsu_overview"),
            rating("d", 86400 + 9, "up"),
        ]
        connection.executemany(
            "INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
    return f"sqlite:///{path}"


def test_inbox_rules_grouping_and_state(tmp_path: Path) -> None:
    items = collect(read_events(tracker(tmp_path)), threshold=0.7)
    groups = group(items)
    assert [g.text for g in groups] == [
        "Wie wird das Wetter?",
        "Was ist HSU?",
        "Wann ist die Gartenschau geöffnet?",
    ]
    assert groups[0].reasons == ["unsicher, ob außerhalb der Themen"] and groups[0].previous == ""
    assert groups[1].reasons == ["👎 bewertet"] and groups[1].answer == "HSU ist freiwillig."
    assert groups[2].variants == ["Wann ist die Gartenschau offen?"]
    assert groups[2].previous == "Wann ist die Gartenschau offen?"  # same conversation, asked before
    assert groups[2].items[0].guess == "ask_iga" and groups[2].items[0].confidence == 0.31
    state = ReviewState(tmp_path / "state.json")
    state.record([item.id for item in groups[2].items], "ignored", groups[2].text)
    again = (
        [
            item
            for item in collect(read_events(tracker(tmp_path / "again")), 0.7)
            if not ReviewState(tmp_path / "state.json").reviewed(item.id)
        ]
        if False
        else None
    )
    assert again is None
    reloaded = ReviewState(tmp_path / "state.json")
    open_items = [item for item in items if not reloaded.reviewed(item.id)]
    assert {item.text for item in open_items} == {"Wie wird das Wetter?", "Was ist HSU?"}


def test_stats_counts_conversations_topics_fallbacks_and_ratings(tmp_path: Path) -> None:
    stats = compute(read_events(tracker(tmp_path)))
    assert sum(stats.conversations.values()) == 5  # d talked on two days
    assert stats.channels == ["rest", "telegram"]
    assert stats.messages == 7 and stats.fallbacks == 2 and stats.unclear == 1
    assert stats.fallback_rate == 2 / 7
    assert (stats.thumbs_up, stats.thumbs_down) == (1, 1)
    assert stats.intents == {"ask_hsu": 2, "out_of_scope": 2}


def test_the_command_line_shows_top_answers_with_their_ratings(tmp_path: Path) -> None:
    url = tracker(tmp_path)
    result = CliRunner().invoke(
        app,
        ["stats", "--tracker-store", url, "--days", "0", "--out", str(tmp_path / "charts")],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    table = result.output.split("Häufigste Antworten (Top 10)")[1]
    assert re.search(r"hsu_overview\s*│\s*2\s*│\s*1\s*│\s*1", table), table
    assert (tmp_path / "charts" / "antworten.png").read_bytes()[:4] == b"\x89PNG"


def test_stats_count_answers_per_entry_and_the_ratings_they_got() -> None:
    def event(sender: str, seconds: float, kind: str, **data: object) -> Event:
        """A stored event of a conversation."""
        return Event(0, sender, kind, DAY + seconds, None, None, data)

    def asked(sender: str, seconds: float, intent: str) -> Event:
        """A resident's question with its intent."""
        return event(sender, seconds, "user", text="?", parse_data={"intent": {"name": intent}})

    def rated(sender: str, seconds: float, value: str) -> Event:
        """The widget's 👍/👎."""
        parse = {"intent": {"name": "feedback"}, "entities": [{"entity": "rating", "value": value}]}
        return event(sender, seconds, "user", text="/feedback", parse_data=parse)

    def answered(sender: str, seconds: float, entry: str | None) -> Event:
        """The bot's reply, naming the entry when it answered with one."""
        return event(sender, seconds, "bot", text="…", metadata={ANSWERED_ENTRY: entry} if entry else {})

    events = [
        *(asked("a", 1, "ask_hsu"), answered("a", 2, "hsu_deadline"), rated("a", 3, "down")),
        *(asked("a", 4, "ask_hsu"), answered("a", 5, "hsu_overview"), rated("a", 6, "up")),
        *(asked("b", 1, "ask_hsu"), answered("b", 2, "hsu_deadline"), rated("b", 3, "up")),
        *(asked("c", 1, "nlu_fallback"), answered("c", 2, None), rated("c", 3, "down")),
        *(asked("d", 1, "ask_hsu"), answered("d", 2, "hsu_overview"), asked("d", 3, "greet")),
        rated("d", 4, "down"),  # about the greeting, not about the answer before it
    ]
    stats = compute(events)
    assert stats.answers == {"hsu_deadline": 2, "hsu_overview": 2}
    assert stats.top_answers(1) == [("hsu_deadline", 2, 1, 1)]
    assert stats.top_answers(5)[1] == ("hsu_overview", 2, 1, 0)
    assert (stats.thumbs_up, stats.thumbs_down) == (2, 3) and stats.fallback_rate == 1 / 6
    later = compute(events, datetime.fromtimestamp(DAY + 2.5, tz=timezone.utc))
    assert later.answers == {"hsu_overview": 1} and later.answers_up == {"hsu_overview": 1}
