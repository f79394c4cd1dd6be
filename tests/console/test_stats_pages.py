"""Statistik: numbers and charts for a date range."""

from __future__ import annotations

import re
from datetime import date, timedelta

from starlette.testclient import TestClient


def test_statistics_count_the_messages_of_the_range(editor: TestClient) -> None:
    page = editor.get("/statistik").text
    assert "<dt>Nachrichten</dt><dd>4</dd>" in page
    assert "<dt>Nicht verstanden</dt><dd>2 (50 %)</dd>" in page
    assert "<dt>Bewertungen 👍 : 👎</dt><dd>1 : 0</dd>" in page
    past = (date.today() - timedelta(days=60)).isoformat()
    empty = editor.get(f"/statistik?von={past}&bis={past}").text
    assert "<dt>Nachrichten</dt><dd>0</dd>" in empty


def test_top_answers_name_the_entry_with_its_ratings(editor: TestClient) -> None:
    table = editor.get("/statistik").text.split('<table id="antworten">')[1].split("</table>")[0]
    cells = [re.sub(r"\s+", " ", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", table, re.DOTALL)]
    assert cells == [
        '<a href="/antworten/hsu_overview">Was ist HSU?</a> (hsu_overview)',
        "Herkunftssprachlicher Unterricht (HSU)",
        "1",
        "1",
        "0",
    ]


def test_charts_are_svg_of_the_range(editor: TestClient) -> None:
    page = editor.get("/statistik").text
    sources = [source.replace("&amp;", "&") for source in re.findall(r'<img src="([^"]+)"', page)]
    assert [source.split("?")[0] for source in sources][1:3] == [
        "/statistik/themen.svg",
        "/statistik/antworten.svg",
    ]
    for source in sources:
        chart = editor.get(source)
        assert chart.status_code == 200
        assert chart.headers["content-type"].startswith("image/svg+xml")
        assert b"<svg" in chart.content
    assert editor.get("/statistik/unbekannt.svg").status_code == 404
