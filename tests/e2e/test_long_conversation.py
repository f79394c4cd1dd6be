"""End to end: a 300-turn conversation keeps its topic and follow-ups, and every action call stays small."""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
import yaml

from bot.editor.inbox import THUMBS_DOWN, collect
from bot.editor.stats import compute
from bot.editor.tracker import read_events
from tests.stack import Stack, free_port

pytestmark = pytest.mark.e2e

TURNS = 300
EVENTS_PER_ACTION_CALL_BOUND = (
    80  # 10 resident messages and this one; Rasa as shipped sends over 1,200 at the end
)
# Messages that neither set nor need a topic; "Was kannst du?" and the gibberish go to the action server.
CHATTER = [
    "Hallo",
    "Was kannst du?",
    "Danke",
    "Wie wird das Wetter morgen?",
    "xqzv blorf",
    "Bist du ein Bot?",
]


class ActionCallRecorder:
    """A proxy in front of the action server that notes how many events each action call carries."""

    def __init__(self, action_port: int) -> None:
        """Listen on a free port and forward to the action server on `action_port`."""
        self.events_sent: list[int] = []
        recorder = self

        class Forward(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                """Note the size of the tracker, pass the call on, send the reply back."""
                body = self.rfile.read(int(self.headers["Content-Length"]))
                recorder.events_sent.append(len(json.loads(body)["tracker"]["events"]))
                reply = httpx.post(f"http://127.0.0.1:{action_port}{self.path}", content=body, timeout=30)
                self.send_response(reply.status_code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply.content)))
                self.end_headers()
                self.wfile.write(reply.content)

            def log_message(self, *_: object) -> None:
                """Quiet."""

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Forward)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        """The webhook URL Rasa calls."""
        return f"http://127.0.0.1:{self.server.server_address[1]}/webhook"


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Stack, ActionCallRecorder]]:
    """The stack with its action calls through an ActionCallRecorder; one sender writes 300 turns fast."""
    stack = Stack(Path(tmp_path_factory.mktemp("long")), sender_rate_burst=1000, sender_rate_per_second=100.0)
    recorder = ActionCallRecorder(stack.settings.action_port)
    config = yaml.safe_load(stack.endpoints.read_text())
    config["action_endpoint"]["url"] = recorder.url
    stack.endpoints.write_text(yaml.safe_dump(config))
    try:
        stack.start()
        yield stack, recorder
    finally:
        stack.stop()
        recorder.server.shutdown()


@dataclass
class LongConversation:
    """A 300-turn conversation on the recorded stack: its replies and the action calls after each turn."""

    stack: Stack
    sender: str
    replies: dict[int, str] = field(default_factory=dict)
    action_calls_so_far: list[int] = field(default_factory=list)


@pytest.fixture(scope="module")
def conversation(recorded: tuple[Stack, ActionCallRecorder]) -> LongConversation:
    """A topic question, chatter with a 👎 in the middle, then follow-ups at turns 298 to 300."""
    stack, recorder = recorded
    talk = LongConversation(stack, f"e2e-long-{uuid.uuid4().hex[:8]}")
    for turn in range(1, TURNS + 1):
        # The 👎 is the widget's control: it travels as a payload (typed, it would be text).
        talk.replies[turn] = stack.texts(message(turn), talk.sender, payload=turn == 150)
        talk.action_calls_so_far.append(len(recorder.events_sent))
    return talk


def message(turn: int) -> str:
    """What the resident writes at a turn."""
    special = {
        1: "Gibt es in Huckarde-Nord Geld für die Hausfassade?",
        150: '/feedback{"rating":"down"}',
        TURNS - 2: "Und bis wann?",
        TURNS - 1: "Was ist HSU?",
        TURNS: "Und auf Arabisch?",
    }
    return special.get(turn) or CHATTER[turn % len(CHATTER)]


def test_follow_ups_at_the_end_of_a_300_turn_conversation(conversation: LongConversation) -> None:
    """The topic of the first message, 297 turns back, is still the one "Und bis wann?" refers to."""
    assert "Quelle:" in conversation.replies[1]
    assert all(conversation.replies[turn] for turn in range(2, TURNS - 2))
    assert "Rückmeldung" in conversation.replies[150]
    assert "2025" in conversation.replies[TURNS - 2]
    assert "freiwillig" in conversation.replies[TURNS - 1]
    assert "Arabisch" in conversation.replies[TURNS] and "Quelle:" in conversation.replies[TURNS]


def test_action_calls_carry_a_bounded_tracker_as_the_conversation_grows(
    conversation: LongConversation, recorded: tuple[Stack, ActionCallRecorder]
) -> None:
    """Actions ran all along the conversation; none of the calls got more than a bounded number of events."""
    calls = conversation.action_calls_so_far
    assert calls[10] < calls[100] < calls[200] < calls[TURNS - 4]
    assert max(recorded[1].events_sent) <= EVENTS_PER_ACTION_CALL_BOUND


def test_the_full_history_stays_for_the_api_and_the_editors(conversation: LongConversation) -> None:
    """The HTTP API's tracker, the statistics and the inbox see all 300 messages and the 👎 in the middle."""
    stack, sender = conversation.stack, conversation.sender
    assert len([event for event in stack.tracker(sender)["events"] if event["event"] == "user"]) == TURNS
    events = [event for event in read_events(stack.settings.tracker_store_url) if event.sender_id == sender]
    assert compute(events).messages == TURNS - 1  # the rating is not a message
    rated = [item.text for item in collect(events, 0.5) if THUMBS_DOWN in item.reasons]
    assert rated == [message(149)]
