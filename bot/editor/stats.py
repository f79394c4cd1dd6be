"""Usage statistics from the tracker store: conversations per day and channel, topics, answers, ratings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.editor.inbox import FALLBACK, FEEDBACK, UNCLEAR
from bot.editor.tracker import Event, conversations

# The key of a bot message's metadata naming the knowledge entry it answered with (bot.actions.answer).
ANSWERED_ENTRY = "knowledge_entry"
TOPIC_LABELS = {FALLBACK: "nicht verstanden", UNCLEAR: "unklare Eingabe", "out_of_scope": "nicht unser Thema"}


def local_zone() -> ZoneInfo | timezone:
    """Dortmund's time zone (UTC if the system has no time zone data)."""
    try:
        return ZoneInfo("Europe/Berlin")
    except ZoneInfoNotFoundError:
        return timezone.utc


@dataclass
class Stats:
    """Counts for one period."""

    conversations: Counter[tuple[date, str]] = field(default_factory=Counter)
    intents: Counter[str] = field(default_factory=Counter)  # understood messages by intent
    answers: Counter[str] = field(default_factory=Counter)  # answers sent by knowledge entry
    answers_up: Counter[str] = field(default_factory=Counter)  # 👍 by the entry rated
    answers_down: Counter[str] = field(default_factory=Counter)  # 👎 by the entry rated
    messages: int = 0
    fallbacks: int = 0
    unclear: int = 0
    thumbs_up: int = 0
    thumbs_down: int = 0

    @property
    def days(self) -> list[date]:
        """The days with conversations, oldest first."""
        return sorted({day for day, _ in self.conversations})

    @property
    def channels(self) -> list[str]:
        """The channels used, most used first."""
        totals: Counter[str] = Counter()
        for (_, channel), count in self.conversations.items():
            totals[channel] += count
        return [channel for channel, _ in totals.most_common()]

    @property
    def fallback_rate(self) -> float:
        """Share of residents' messages the bot did not understand."""
        return self.fallbacks / self.messages if self.messages else 0.0

    def top_answers(self, top: int) -> list[tuple[str, int, int, int]]:
        """The most sent answers: entry, times sent, 👍 and 👎 it got."""
        return [
            (entry, count, self.answers_up[entry], self.answers_down[entry])
            for entry, count in self.answers.most_common(top)
        ]

    @property
    def thumbs_up_share(self) -> float | None:
        """Share of 👍 among all ratings (None without ratings)."""
        total = self.thumbs_up + self.thumbs_down
        return self.thumbs_up / total if total else None


def _count_message(stats: Stats, event: Event) -> None:
    """Count one resident's message (not a rating): understood by intent, not understood, unclear."""
    stats.messages += 1
    if event.intent not in (FALLBACK, UNCLEAR):
        stats.intents[event.intent or "?"] += 1
    stats.fallbacks += event.intent == FALLBACK
    stats.unclear += event.intent == UNCLEAR


def _count_rating(stats: Stats, event: Event, entry: str | None) -> None:
    """Count a 👍/👎, also for the entry of the answer it rates (if the bot answered with one)."""
    rating = event.entity("rating")
    stats.thumbs_up += rating == "up"
    stats.thumbs_down += rating == "down"
    if entry and rating in ("up", "down"):
        (stats.answers_up if rating == "up" else stats.answers_down)[entry] += 1


def compute(events: Iterable[Event], since: datetime | None = None) -> Stats:
    """Count conversations, intents, answers, fallbacks and ratings of user messages (from `since` on)."""
    zone = local_zone()
    stats = Stats()
    for conversation in conversations(iter(events)):
        days: dict[date, str] = {}
        entry: str | None = None  # the entry of the bot's latest answer, which a rating is about
        for event in conversation:
            if since and event.time < since:
                continue
            if event.type_name == "bot" and (
                answered := (event.data.get("metadata") or {}).get(ANSWERED_ENTRY)
            ):
                entry = str(answered)
                stats.answers[entry] += 1
            if event.type_name != "user":
                continue
            if event.intent == FEEDBACK:
                _count_rating(stats, event, entry)
                continue
            entry = None
            days.setdefault(event.time.astimezone(zone).date(), event.channel)
            _count_message(stats, event)
        for day, channel in days.items():
            stats.conversations[(day, channel)] += 1
    return stats


def topic_label(intent: str) -> str:
    """An intent as editors read it."""
    return TOPIC_LABELS.get(intent, intent)


def charts(stats: Stats, out: Path, top: int = 10) -> list[Path]:
    """PNG charts: conversations per day and channel, top topics and answers, understood and ratings."""
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, figure in figures(stats, top):
        written.append(out / f"{name}.png")
        figure.savefig(written[-1], dpi=110)
        plt.close(figure)
    return written


def _per_day(stats: Stats) -> Any:
    """Stacked bars: conversations per day and channel."""
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(9, 4.5))
    days, bottom = stats.days, [0] * len(stats.days)
    for channel in stats.channels:
        counts = [stats.conversations[(day, channel)] for day in days]
        axis.bar([day.strftime("%d.%m.") for day in days], counts, bottom=bottom, label=channel)
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    axis.set_xlim(-0.5 - max(0, 3 - len(days)), len(days) - 0.5 + max(0, 3 - len(days)))
    axis.set_title("Gespräche pro Tag und Kanal")
    axis.set_ylabel("Gespräche")
    if stats.channels:
        axis.legend(title="Kanal", loc="upper left", bbox_to_anchor=(1.0, 1.0))
    axis.yaxis.get_major_locator().set_params(integer=True)
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure


def _ranking(counts: Counter[str], top: int, title: str, unit: str, label: Callable[[str], str] = str) -> Any:
    """Horizontal bars: the `top` most frequent names, the most frequent at the top."""
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(9, 4.5))
    common = counts.most_common(top)[::-1]
    axis.barh([label(name) for name, _ in common], [count for _, count in common], color="#004f9f")
    axis.set_title(f"{title} (Top {top})")
    axis.set_xlabel(unit)
    axis.xaxis.get_major_locator().set_params(integer=True)
    figure.tight_layout()
    return figure


def _quality(stats: Stats) -> Any:
    """Bars: understood and not understood messages; 👍 and 👎."""
    import matplotlib.pyplot as plt

    figure, (left, right) = plt.subplots(1, 2, figsize=(9, 4))
    understood = stats.messages - stats.fallbacks - stats.unclear
    left.bar(
        ["verstanden", "nicht verstanden", "unklare Eingabe"],
        [understood, stats.fallbacks, stats.unclear],
        color=["#2e7d32", "#c62828", "#f9a825"],
    )
    left.set_title(f"Nachrichten (nicht verstanden: {stats.fallback_rate:.0%})")
    right.bar(
        ["hilfreich (Daumen hoch)", "nicht hilfreich (Daumen runter)"],
        [stats.thumbs_up, stats.thumbs_down],
        color=["#2e7d32", "#c62828"],
    )
    right.set_title("Bewertungen der Antworten")
    for axis in (left, right):
        axis.yaxis.get_major_locator().set_params(integer=True)
        axis.tick_params(axis="x", labelsize=8)
    figure.tight_layout()
    return figure


def figures(stats: Stats, top: int = 10) -> list[tuple[str, Any]]:
    """The charts as matplotlib figures by file name (the CLI saves PNG, the web console SVG)."""
    import matplotlib

    matplotlib.use("Agg")
    return [
        ("gespraeche_pro_tag", _per_day(stats)),
        ("themen", _ranking(stats.intents, top, "Häufigste Themen", "Nachrichten", topic_label)),
        ("antworten", _ranking(stats.answers, top, "Häufigste Antworten", "gesendet")),
        ("qualitaet", _quality(stats)),
    ]
