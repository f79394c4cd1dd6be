"""Usage statistics from the tracker store: conversations per day and channel, topics, fallbacks, ratings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.editor.inbox import FALLBACK, FEEDBACK, UNCLEAR
from bot.editor.tracker import Event, conversations

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

    @property
    def thumbs_up_share(self) -> float | None:
        """Share of 👍 among all ratings (None without ratings)."""
        total = self.thumbs_up + self.thumbs_down
        return self.thumbs_up / total if total else None


def compute(events: Iterable[Event], since: datetime | None = None) -> Stats:
    """Count conversations, intents, fallbacks and ratings of user messages (from `since` on)."""
    zone = local_zone()
    stats = Stats()
    for conversation in conversations(iter(events)):
        days: dict[date, str] = {}
        for event in conversation:
            if event.type_name != "user" or (since and event.time < since):
                continue
            if event.intent == FEEDBACK:
                rating = event.entity("rating")
                stats.thumbs_up += rating == "up"
                stats.thumbs_down += rating == "down"
                continue
            days.setdefault(event.time.astimezone(zone).date(), event.channel)
            stats.messages += 1
            if event.intent not in (FALLBACK, UNCLEAR):
                stats.intents[event.intent or "?"] += 1
            stats.fallbacks += event.intent == FALLBACK
            stats.unclear += event.intent == UNCLEAR
        for day, channel in days.items():
            stats.conversations[(day, channel)] += 1
    return stats


def topic_label(intent: str) -> str:
    """An intent as editors read it."""
    return TOPIC_LABELS.get(intent, intent)


def charts(stats: Stats, out: Path, top: int = 10) -> list[Path]:
    """PNG charts: conversations per day and channel, top topics, understood/not understood and ratings."""
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, figure in figures(stats, top):
        written.append(out / f"{name}.png")
        figure.savefig(written[-1], dpi=110)
        plt.close(figure)
    return written


def figures(stats: Stats, top: int = 10) -> list[tuple[str, Any]]:
    """The charts as matplotlib figures by file name (the CLI saves PNG, the web console SVG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    made = []
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
    made.append(("gespraeche_pro_tag", figure))

    figure, axis = plt.subplots(figsize=(9, 4.5))
    common = stats.intents.most_common(top)[::-1]
    axis.barh([topic_label(name) for name, _ in common], [count for _, count in common], color="#004f9f")
    axis.set_title(f"Häufigste Themen (Top {top})")
    axis.set_xlabel("Nachrichten")
    axis.xaxis.get_major_locator().set_params(integer=True)
    figure.tight_layout()
    made.append(("themen", figure))

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
    made.append(("qualitaet", figure))
    return made
