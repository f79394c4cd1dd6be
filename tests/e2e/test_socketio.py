"""The website channel (Socket.IO) against the running stack: allowed origins, server-issued conversation ids,
and "Neues Gespräch" leaving the old conversation."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import socketio

from tests.stack import Stack, running_stack

pytestmark = pytest.mark.e2e

CITY_SITE = "https://www.dortmund.de"  # as in production, the only site that may embed the widget
WAIT_SECONDS = 60  # generous: these tests check what arrives, not how fast


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The stack with RASA_CORS_ORIGINS set to the city's site (the shared one allows every origin)."""
    with running_stack(Path(tmp_path_factory.mktemp("site")), cors_origins=CITY_SITE) as running:
        yield running


@contextmanager
def widget(stack: Stack, origin: str = CITY_SITE) -> Iterator[socketio.SimpleClient]:
    """A Socket.IO client as the widget connects from a page on `origin`."""
    client = socketio.SimpleClient()
    # long polling: the websocket client would add an Origin header of its own
    client.connect(stack.rasa_url, headers={"Origin": origin}, transports=["polling"], wait_timeout=30)
    try:
        yield client
    finally:
        client.disconnect()


def next_event(client: socketio.SimpleClient, name: str) -> object:
    """The data of the next event called `name` (other events are skipped)."""
    while True:
        event, *data = client.receive(timeout=WAIT_SECONDS)
        if event == name:
            return data[0] if data else None


def join(client: socketio.SimpleClient, session_id: str | None) -> str:
    """Ask for a conversation as the widget does; the id the server confirms."""
    client.emit("session_request", {"session_id": session_id})
    confirmed = next_event(client, "session_confirm")
    assert isinstance(confirmed, str)
    return confirmed


def ask(client: socketio.SimpleClient, text: str) -> str:
    """Send typed text and return the text of the bot's next message."""
    client.emit("user_uttered", {"message": text})
    reply = next_event(client, "bot_uttered")
    assert isinstance(reply, dict)
    return str(reply.get("text", ""))


def test_a_page_on_another_origin_cannot_connect(stack: Stack) -> None:
    with pytest.raises(socketio.exceptions.ConnectionError):
        with widget(stack, origin="https://evil.example"):
            pass
    with widget(stack) as client:  # the city's own page can
        assert "freiwillig" in ask(client, "Was ist HSU?")


@pytest.mark.parametrize("chosen", ["my-own-id", "0123456789abcdef0123456789abcdef.forged", ""])
def test_a_conversation_id_the_server_did_not_issue_is_replaced(stack: Stack, chosen: str) -> None:
    with widget(stack) as client:
        issued = join(client, chosen)
        assert issued != chosen
        ask(client, "Was ist HSU?")
    assert not [event for event in stack.tracker(chosen or "x")["events"] if event["event"] == "user"]
    assert [event["text"] for event in stack.tracker(issued)["events"] if event["event"] == "user"] == [
        "Was ist HSU?"
    ]


def test_a_returning_widget_continues_its_own_conversation(stack: Stack) -> None:
    with widget(stack) as first_visit:
        issued = join(first_visit, None)
        ask(first_visit, "Was ist HSU?")
    with widget(stack) as next_visit:
        assert join(next_visit, issued) == issued
        ask(next_visit, "Wie viele Mitglieder hat der Integrationsrat?")
    assert len([event for event in stack.tracker(issued)["events"] if event["event"] == "user"]) == 2


def test_neues_gespraech_leaves_the_old_conversation(stack: Stack) -> None:
    """After "Neues Gespräch" the widget no longer receives what is said in the old conversation."""
    with widget(stack) as resident, widget(stack) as second_tab:
        old = join(resident, None)
        new = join(resident, "new-random-id-from-the-widget")
        assert new != old
        assert join(second_tab, old) == old
        old_answer = ask(second_tab, "Was ist HSU?")
        new_answer = ask(resident, "Wie viele Mitglieder hat der Integrationsrat?")
    # had the resident stayed in the old room, the answer about HSU would have come first
    assert "27" in new_answer and new_answer != old_answer
