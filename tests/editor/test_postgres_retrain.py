"""PostgreSQL tracker store: review, statistics, and an assignment that retraining makes the bot learn.

The retrained model is swapped into the running server while three residents keep chatting: no request
fails and no conversation is lost.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from bot.editor import retrain as retrain_module
from bot.editor.cli import app
from bot.editor.project import Project
from bot.guard.texts import FAULT
from bot.processes import latest_model
from tests.editor.conftest import copy_project, project_arguments
from tests.editor.helpers import (
    THUMBS_DOWN,
    THUMBS_UP,
    UNKNOWN_WORDING,
    ask,
    editor,
    group_with,
    inbox,
    new_sender,
)
from tests.postgres import SERVER, fresh_database
from tests.stack import Stack, running_stack

pytestmark = pytest.mark.e2e

INTENT = "ask_integration_council"
ENTRY = "integration_council_members"
# Three residents send about three messages a second each: far above a resident's limit (SENDER_RATE_*).
LOAD_TEST_RATES = {
    "sender_rate_burst": 1000,
    "sender_rate_per_second": 100.0,
    "address_rate_burst": 1000,
    "address_rate_per_second": 100.0,
}


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    """A fresh PostgreSQL database for the tracker store, dropped afterwards."""
    with fresh_database("editor") as name:
        yield f"{SERVER}/{name}"


@pytest.fixture(scope="module")
def pg_stack(tmp_path_factory: pytest.TempPathFactory, database: str) -> Iterator[Stack]:
    """The bot with its conversations in PostgreSQL; rate limits raised as a deployment would for a load."""
    workdir = Path(tmp_path_factory.mktemp("editor_pg"))
    with running_stack(workdir, tracker_store_url=database, **LOAD_TEST_RATES) as running:
        yield running


@pytest.fixture(scope="module")
def asked(pg_stack: Stack) -> None:
    """Residents' conversations in PostgreSQL."""
    ask(pg_stack, UNKNOWN_WORDING)
    ask(pg_stack, "Was ist HSU?", THUMBS_UP)
    ask(pg_stack, "Wie viele Mitglieder hat der Integrationsrat?", THUMBS_DOWN)
    ask(pg_stack, "😀😀")


def test_review_reads_postgresql(pg_stack: Stack, asked: None, tmp_path: Path) -> None:
    groups = inbox(pg_stack.settings.tracker_store_url, str(tmp_path / "state.json"))
    unknown = group_with(groups, UNKNOWN_WORDING)
    assert unknown["guess"] != INTENT or unknown["confidence"] < 0.7
    assert set(unknown["reasons"]) & {"nicht verstanden", "unsicher"}
    rated = group_with(groups, "Wie viele Mitglieder hat der Integrationsrat?")
    assert rated["reasons"] == ["👎 bewertet"] and "27" in rated["answer"]
    assert groups.index(rated) < groups.index(unknown)  # newest first
    assert not [g for g in groups if "😀" in g["text"] or "Was ist HSU?" == g["text"]]


def test_stats_from_postgresql(pg_stack: Stack, asked: None, tmp_path: Path) -> None:
    result = editor("stats", "--tracker-store", pg_stack.settings.tracker_store_url, "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Gespräche pro Tag und Kanal" in result.stdout and "rest" in result.stdout
    assert "1 : 1 (50% hilfreich)" in result.stdout
    assert "ask_integration_council" in result.stdout
    # The answer action names its entry in the stored bot message: the 👎 counts for that answer.
    assert re.search(rf"{ENTRY}\s*│\s*1\s*│\s*0\s*│\s*1", result.stdout), result.stdout
    for name in ("gespraeche_pro_tag.png", "themen.png", "antworten.png", "qualitaet.png"):
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


class Resident(threading.Thread):
    """Keeps chatting over the REST channel (bounded in count and time) and records every reply."""

    QUESTIONS = (
        "Was ist HSU?",
        "Wie viele Mitglieder hat der Integrationsrat?",
        "Welche Partnerstädte gibt es?",
    )

    def __init__(self, stack: Stack) -> None:
        """Chat with `stack` in one conversation."""
        super().__init__(daemon=True)
        self.stack, self.sender = stack, new_sender("resident")
        self.stop = threading.Event()
        self.replies: list[tuple[float, float, int, str]] = []

    def run(self) -> None:
        """Send until stopped, at most 3000 messages or 20 minutes."""
        started = time.monotonic()
        url = f"{self.stack.rasa_url}/webhooks/rest/webhook"
        with httpx.Client(timeout=120) as client:
            while not self.stop.is_set() and len(self.replies) < 3000 and time.monotonic() - started < 1200:
                sent = time.monotonic()
                question = self.QUESTIONS[len(self.replies) % len(self.QUESTIONS)]
                try:
                    reply = client.post(url, json={"sender": self.sender, "message": question})
                    text = (
                        " ".join(m.get("text", "") for m in reply.json()) if reply.status_code == 200 else ""
                    )
                    self.replies.append((sent, time.monotonic(), reply.status_code, text))
                except (httpx.HTTPError, ValueError) as error:
                    self.replies.append((sent, time.monotonic(), 0, repr(error)))
                time.sleep(0.2)


def test_assigned_example_is_learned_and_swapped_in_without_losing_a_request(
    pg_stack: Stack, asked: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project: Project = copy_project(tmp_path / "project", answer_tests=("integration_council", "hsu"))
    state = str(tmp_path / "state.json")
    group = group_with(inbox(pg_stack.settings.tracker_store_url, state), UNKNOWN_WORDING)
    review = ["review", "--tracker-store", pg_stack.settings.tracker_store_url, "--state", state]
    assign = editor(*review, *project_arguments(project), "assign", group["id"], ENTRY)
    assert assign.returncode == 0, assign.stderr
    assert f"Antwort {ENTRY}" in assign.stdout and "knowledge/integration_council.yml:" in assign.stdout
    paths = [*project_arguments(project), "--config", str(project.config)]
    check = editor("check", "--json", *paths)
    errors = [f for f in json.loads(check.stdout) if f["severity"] == "Fehler"]
    assert check.returncode == 0 and not errors, errors

    before = pg_stack.parse(UNKNOWN_WORDING)["intent"]
    assert before["name"] != INTENT or before["confidence"] < 0.7
    earlier = new_sender()
    assert "Quelle:" in pg_stack.texts("Gibt es in Huckarde-Nord Geld für die Hausfassade?", earlier)
    swaps: list[tuple[float, float]] = []
    residents = [Resident(pg_stack) for _ in range(3)]  # three conversations at the same time

    def swap_while_residents_chat(*args: object, **kwargs: object) -> float:
        """The real swap, timed, with the residents chatting from a little before it (not during training)."""
        for resident in residents:
            resident.start()
        time.sleep(2)
        started = time.monotonic()
        seconds = original_swap(*args, **kwargs)
        swaps.append((started, time.monotonic()))
        return seconds

    original_swap = retrain_module.swap_model
    monkeypatch.setattr(retrain_module, "swap_model", swap_while_residents_chat)
    try:
        result = CliRunner().invoke(
            app,
            ["retrain", *project_arguments(project), "--config", str(project.config)]
            + ["--models", str(project.models), "--current-model", str(latest_model())]
            + ["--rasa-url", pg_stack.rasa_url, "--token", pg_stack.token, "--tolerance", "0.02"]
            + ["--out", str(tmp_path / "reports")],
            env={"COLUMNS": "200"},
        )
        time.sleep(2)  # a few more messages with the new model
    finally:
        for resident in residents:
            resident.stop.set()
        for resident in residents:
            if resident.is_alive():
                resident.join(60)
    assert result.exit_code == 0, result.output + pg_stack.log_tail()
    assert "Neues Modell aktiv" in result.output and "Makro-F1 neu 0." in result.output
    assert "richtige Antwort neu " in result.output

    # Nobody noticed the swap: every message answered, including those sent while the model was loaded.
    [(swap_start, swap_end)] = swaps
    replies = [reply for resident in residents for reply in resident.replies]
    failed = [r for r in replies if r[2] != 200 or not r[3].strip() or r[3] in FAULT.values()]
    assert not failed, (
        f"{len(failed)} of {len(replies)} messages failed or got no answer around the swap: the action "
        "server must keep a connection open longer than Rasa needs to load a model "
        "(SANIC_KEEP_ALIVE_TIMEOUT), and the action time limit must not count the stall of the model load "
        "(bot.guard.actions.within)"
    )
    during = [r for r in replies if r[0] < swap_end and r[1] > swap_start]
    assert during, "no message during the swap"
    assert [r for r in replies if r[0] > swap_end]
    for resident in residents:
        tracker = pg_stack.tracker(resident.sender)
        user_events = [e for e in tracker["events"] if e["event"] == "user"]
        assert len(user_events) == len(resident.replies)
    assert "2025" in pg_stack.texts("Und bis wann?", earlier)  # the conversation from before goes on
    print(
        f"\nretrain: {' '.join(result.output.strip().splitlines()[-2:])}"
        f"\nresidents: {len(replies)} messages, "
        f"{len(during)} overlapping the {swap_end - swap_start:.1f} s swap, slowest reply "
        f"{max(r[1] - r[0] for r in replies):.1f} s"
    )

    # The server runs the new model, which now understands the assigned wording.
    [installed] = project.models.glob("dortmund-*.tar.gz")
    status = httpx.get(f"{pg_stack.rasa_url}/status", params={"token": pg_stack.token}, timeout=30).json()
    assert status["model_file"] == installed.name
    after = pg_stack.parse(UNKNOWN_WORDING)["intent"]
    assert after["name"] == INTENT, after
    ranking = pg_stack.parse(UNKNOWN_WORDING)["answer_ranking"]["integration_council"]
    assert ranking[0]["entry"] == ENTRY, ranking  # the answer it was assigned to

    # Both models were evaluated, each with a German HTML report that embeds Rasa's charts.
    reports = sorted((tmp_path / "reports").glob("*/bericht.html"))
    assert len(reports) == 2
    for report in reports:
        page = report.read_text(encoding="utf-8")
        assert '<html lang="de">' in page and "Trefferquote" in page and INTENT in page
        assert page.count('src="data:image/png;base64,') == 2
