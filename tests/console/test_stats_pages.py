"""Statistik: numbers and charts for a date range."""

from __future__ import annotations

from datetime import date, timedelta

from starlette.testclient import TestClient


def test_statistics_count_the_messages_of_the_range(editor: TestClient) -> None:
    page = editor.get("/statistik").text
    assert "<dt>Nachrichten</dt><dd>4</dd>" in page
    assert "<dt>Nicht verstanden</dt><dd>2 (50 %)</dd>" in page
    past = (date.today() - timedelta(days=60)).isoformat()
    empty = editor.get(f"/statistik?von={past}&bis={past}").text
    assert "<dt>Nachrichten</dt><dd>0</dd>" in empty


def test_charts_are_svg_of_the_range(editor: TestClient) -> None:
    page = editor.get("/statistik").text
    source = page.split('<img src="')[1].split('"')[0].replace("&amp;", "&")
    chart = editor.get(source)
    assert chart.status_code == 200
    assert chart.headers["content-type"].startswith("image/svg+xml")
    assert b"<svg" in chart.content
    assert editor.get("/statistik/unbekannt.svg").status_code == 404
