"""Fixtures for the console: a project copy, a tracker store with residents' messages, a signed-in client."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from rich.console import Console
from starlette.testclient import TestClient

from bot.console import accounts
from bot.console.app import create_app
from bot.console.config import Config
from bot.console.db import sessions
from bot.console.jobs import Trainer
from bot.console.rasa_check import RasaCheck
from bot.editor.findings import WARNING, Finding
from bot.editor.project import Project
from bot.editor.stats import ANSWERED_ENTRY
from bot.settings import ROOT

PASSWORD = "richtig-geheim-123"
NOW = time.time()
SCRIPT = "<script>alert('x')</script> Wann hat das Bürgerbüro offen?"


def copy_project(target: Path, examples_per_answer: int | None = None) -> Project:
    """Training data, domain, config and knowledge base in `target` (no held-out test questions); with
    `examples_per_answer`, only that many examples per answer and language (a model trained in a fraction of
    the time, for tests of the retraining mechanism rather than of the model)."""
    for name in ("data", "knowledge"):
        shutil.copytree(ROOT / name, target / name)
    if examples_per_answer:
        for path in (target / "knowledge").glob("*.yml"):
            thin_examples(path, examples_per_answer)
    for name in ("domain.yml", "config.yml"):
        shutil.copy(ROOT / name, target / name)
    (target / "tests" / "nlu").mkdir(parents=True)
    return Project(
        target,
        target / "data",
        target / "domain.yml",
        target / "config.yml",
        target / "knowledge",
        target / "tests" / "nlu",
        target / "models",
    )


def thin_examples(path: Path, keep: int) -> None:
    """Keep the first `keep` examples of each entry and each of its translations in a knowledge file."""
    knowledge = yaml.safe_load(path.read_text(encoding="utf-8"))
    for entry in knowledge["entries"]:
        entry["examples"] = entry["examples"][:keep]
        for translation in (entry.get("translations") or {}).values():
            translation["examples"] = (translation.get("examples") or [])[:keep]
    path.write_text(yaml.safe_dump(knowledge, allow_unicode=True, sort_keys=False), encoding="utf-8")


def user(sender: str, seconds: float, text: str, intent: str, confidence: float) -> tuple:
    """A stored user event as Rasa's SQL tracker store writes it."""
    parse = {"intent": {"name": intent, "confidence": confidence}, "text": text, "entities": []}
    if intent == "nlu_fallback":
        parse["intent_ranking"] = [parse["intent"], {"name": "ask_hsu", "confidence": 0.31}]
    data = {"event": "user", "text": text, "parse_data": parse, "input_channel": "rest"}
    return (sender, "user", NOW - 3600 + seconds, intent, None, json.dumps(data))


def answer(sender: str, seconds: float, entry: str, rating: str) -> list[tuple]:
    """The bot's answer with an entry (in its metadata, as the answer action sends it) and a rating."""
    said = {"event": "bot", "text": "Antwort", "metadata": {ANSWERED_ENTRY: entry}}
    parse = {
        "intent": {"name": "feedback", "confidence": 1.0},
        "entities": [{"entity": "rating", "value": rating}],
    }
    rated = {"event": "user", "text": f'/feedback{{"rating":"{rating}"}}', "parse_data": parse}
    return [
        (sender, "bot", NOW - 3600 + seconds, None, None, json.dumps(said)),
        (sender, "user", NOW - 3600 + seconds + 0.5, "feedback", None, json.dumps(rated)),
    ]


def make_tracker(path: Path, rows: list[tuple]) -> str:
    """A SQLite tracker store holding these events."""
    with sqlite3.connect(path) as connection:
        connection.execute(
            "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), type_name VARCHAR(255), "
            "timestamp FLOAT, intent_name VARCHAR(255), action_name VARCHAR(255), data TEXT)"
        )
        connection.executemany(
            "INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
    return f"sqlite:///{path}"


RESIDENTS = [
    user("a", 1, "Wie melde ich mein Kind für Türkischunterricht in der Schule an?", "nlu_fallback", 0.4),
    user("b", 2, SCRIPT, "nlu_fallback", 0.3),
    user("c", 3, "Wann ist Sperrmüll in Huckarde? Ich heiße Frau Müller", "out_of_scope", 0.5),
    user("d", 4, "Was ist HSU?", "ask_hsu", 0.98),
    *answer("d", 4.5, "hsu_overview", "up"),
]


class SlowTrainer:
    """A stand-in for retraining that waits until the test lets it finish."""

    def __init__(self) -> None:
        """Not released yet."""
        self.release = threading.Event()

    def __call__(self, project: Project, console: Console) -> str:
        """Report progress, wait, then report a swapped model."""
        console.print("Trainiere neues Modell")
        self.release.wait(60)  # a safety limit only: the test releases it
        return "Neues Modell aktiv: dortmund-test.tar.gz – Makro-F1 neu 0.950, bisher 0.940"


class StandInValidation:
    """A stand-in for `rasa data validate`: one warning, after the test lets it finish (or an error)."""

    def __init__(self) -> None:
        """Not released yet, not run yet."""
        self.release = threading.Event()
        self.runs = 0
        self.error: Exception | None = None

    def __call__(self, project: Project, console: Console) -> list[Finding]:
        """Wait, then report what Rasa would."""
        self.runs += 1
        self.release.wait(60)  # a safety limit only: the test releases it
        if self.error:
            raise self.error
        return [Finding("rasa", WARNING, "domain.yml", None, "Rasa meldet: Stellvertreter-Warnung", "")]


@pytest.fixture
def rasa_validation() -> StandInValidation:
    """The stand-in for Rasa's validation of the console under test."""
    return StandInValidation()


@pytest.fixture
def slow_trainer() -> SlowTrainer:
    """The stand-in retraining of the console under test."""
    return SlowTrainer()


@pytest.fixture
def config(tmp_path: Path, slow_trainer: SlowTrainer, rasa_validation: StandInValidation) -> Config:
    """A console on a project copy, its own databases and a tracker store with residents' messages."""
    return Config(
        database_url=f"sqlite:///{tmp_path / 'console.db'}",
        tracker_store=make_tracker(tmp_path / "tracker.db", RESIDENTS),
        knowledge_database_url=f"sqlite:///{tmp_path / 'knowledge.db'}",
        project=copy_project(tmp_path / "project"),
        review_state=tmp_path / "review_state.json",
        trainer=Trainer(slow_trainer),
        rasa_check=RasaCheck(rasa_validation),
    )


def add_account(config: Config, name: str, role: str = "editor") -> None:
    """Create an account with the test password."""
    with sessions(config.database_url).begin() as session:
        accounts.add(session, name, role, PASSWORD, "test")


def csrf_of(html: str) -> str:
    """The CSRF token in a page's forms."""
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def sign_in(client: TestClient, name: str, password: str = PASSWORD):
    """Log in through the login form; returns the response."""
    token = csrf_of(client.get("/login").text)
    return client.post(
        "/login", data={"name": name, "password": password, "csrf": token}, follow_redirects=False
    )


@pytest.fixture
def client(config: Config) -> TestClient:
    """A browser without a session."""
    return TestClient(create_app(config))


@pytest.fixture
def editor(config: Config) -> TestClient:
    """A browser signed in as the editor `erika`."""
    add_account(config, "erika")
    signed_in = TestClient(create_app(config))
    assert sign_in(signed_in, "erika").status_code == 303
    return signed_in


@pytest.fixture
def admin(config: Config) -> TestClient:
    """A browser signed in as the admin `adam`."""
    add_account(config, "adam", "admin")
    signed_in = TestClient(create_app(config))
    assert sign_in(signed_in, "adam").status_code == 303
    return signed_in


def post_form(client: TestClient, page: str, action: str, data: dict, **options) -> object:
    """Submit a form of a page with that page's CSRF token."""
    return client.post(action, data={"csrf": csrf_of(client.get(page).text), **data}, **options)


Poster = Callable[..., object]
