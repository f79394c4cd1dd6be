"""Statistik: conversations per day and channel, top topics and answers, fallback rate and ratings."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bot.console.entries import all_entries
from bot.console.web import config, refuse, render
from bot.editor.stats import Stats, compute, figures, local_zone, topic_label
from bot.editor.tracker import Event, read_events

CHARTS = {
    "gespraeche_pro_tag": "Gespräche pro Tag und Kanal",
    "themen": "Häufigste Themen",
    "antworten": "Häufigste Antworten",
    "qualitaet": "Verstanden, nicht verstanden und Bewertungen",
}
# pyplot keeps global state: one chart at a time.
PLOT_LOCK = threading.Lock()


def date_range(request: Request) -> tuple[date, date]:
    """The chosen range (?von=…&bis=…), by default the last 30 days."""
    today = datetime.now(local_zone()).date()
    try:
        until = date.fromisoformat(request.query_params.get("bis") or today.isoformat())
        since = date.fromisoformat(
            request.query_params.get("von") or (until - timedelta(days=29)).isoformat()
        )
    except ValueError:
        return today - timedelta(days=29), today
    return (since, until) if since <= until else (until, since)


def _within(events: Iterator[Event], until: float) -> Iterator[Event]:
    """The events before the end of the range."""
    return (event for event in events if event.timestamp < until)


def statistics(request: Request) -> Stats:
    """The counts of `python -m bot.editor stats` for the chosen range."""
    since, until = date_range(request)
    start = datetime.combine(since, time(), local_zone())
    end = datetime.combine(until + timedelta(days=1), time(), local_zone()).timestamp()
    return compute(_within(read_events(config(request).tracker_store, start.timestamp()), end), start)


def answer_rows(stats: Stats, knowledge: Path, top: int = 10) -> list[dict[str, Any]]:
    """The most sent answers with their topic and question as the knowledge files name them, 👍 and 👎."""
    known = {entry.slug: entry for entry in all_entries(knowledge)}
    rows = []
    for slug, count, up, down in stats.top_answers(top):
        entry = known.get(slug)
        rows.append(
            {
                "slug": slug,
                "known": entry is not None,
                "question": str(entry.values.get("question") or "") if entry else "",
                "topic": entry.topic if entry else "",
                "count": count,
                "up": up,
                "down": down,
            }
        )
    return rows


async def stats_page(request: Request) -> Response:
    """GET /statistik: numbers, tables and charts."""
    since, until = date_range(request)
    stats = await run_in_threadpool(statistics, request)
    answers = await run_in_threadpool(answer_rows, stats, config(request).project.knowledge)
    top = [(topic_label(name), count) for name, count in stats.intents.most_common(10)]
    days = [(day, [stats.conversations[(day, channel)] for channel in stats.channels]) for day in stats.days]
    query = f"von={since.isoformat()}&bis={until.isoformat()}"
    return render(
        request,
        "stats.html",
        stats=stats,
        since=since,
        until=until,
        top=top,
        answers=answers,
        days=days,
        charts=CHARTS,
        query=query,
    )


def _svg(stats: Stats, name: str) -> bytes:
    """One chart as SVG."""
    import matplotlib.pyplot as plt

    with PLOT_LOCK:
        made = dict(figures(stats))
        buffer = io.BytesIO()
        made[name].savefig(buffer, format="svg")
        for figure in made.values():
            plt.close(figure)
    return buffer.getvalue()


async def chart(request: Request) -> Response:
    """GET /statistik/{name}.svg: a chart of the chosen range."""
    name = request.path_params["name"]
    if name not in CHARTS:
        return refuse(request, 404, "Dieses Diagramm gibt es nicht.")
    stats = await run_in_threadpool(statistics, request)
    return Response(await run_in_threadpool(_svg, stats, name), media_type="image/svg+xml")
