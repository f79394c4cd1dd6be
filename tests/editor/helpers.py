"""Helpers for the editors' end-to-end tests: real conversations over the REST channel."""

from __future__ import annotations

import json
import subprocess
import uuid

from bot import processes
from bot.guard.inbound import FEEDBACK_PAYLOADS
from bot.settings import ROOT
from tests.stack import Stack

# A wording the trained model does not understand, which the editors' tests assign to the Integrationsrat's
# members entry (the earlier ones the model learnt to understand as its examples grew).
UNKNOWN_WORDING = "Wie groß ist die Runde, die für Ausländer spricht?"

THUMBS_UP, THUMBS_DOWN = FEEDBACK_PAYLOADS


def new_sender(prefix: str = "editor") -> str:
    """A fresh conversation id."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def ask(stack: Stack, question: str, rating: str | None = None) -> str:
    """Ask one question in a new conversation, optionally rate the answer; returns the bot's answer."""
    sender = new_sender()
    answer = stack.texts(question, sender)
    if rating:
        stack.send(rating, sender, payload=True)  # as the widget's 👍/👎 sends it
    return answer


def editor(*arguments: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m bot.editor ...` as an editor would."""
    return subprocess.run(
        [str(processes.APP_PYTHON), "-m", "bot.editor", *arguments],
        cwd=ROOT,
        env=processes.child_environment({"COLUMNS": "200"}),
        capture_output=True,
        text=True,
        timeout=600,
    )


def inbox(tracker_store: str, state: str, *extra: str) -> list[dict]:
    """The open review inbox as JSON."""
    result = editor("review", "--tracker-store", tracker_store, "--state", state, "--list", "--json", *extra)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def group_with(groups: list[dict], text: str) -> dict:
    """The inbox group whose newest wording or a variant contains `text`."""
    matches = [g for g in groups if text in g["text"] or any(text in v for v in g["variants"])]
    assert len(matches) == 1, f"{text!r} in {len(matches)} groups: {[g['text'] for g in groups]}"
    return matches[0]
