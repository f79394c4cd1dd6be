"""bot.rasa_server: the faster checks accept and reject what Rasa's own checks do (in the Rasa env)."""

from __future__ import annotations

import asyncio
import json

from bot.rasa_server import MessageQueue
from tests.rasa_env import run_in_rasa_env

REPLIES = [
    {"events": [{"event": "slot", "name": "topic", "value": "hsu"}], "responses": [{"text": "HSU …"}]},
    {"events": [], "responses": []},
    {},
    {"events": "not a list"},
    {"events": [{"name": "topic"}]},
    {"responses": [{"text": "a"}], "events": [{"event": 5}]},
]
TYPE_NAMES = [
    "user",
    "bot",
    "action",
    "slot",
    "session_started",
    "action_execution_rejected",
    "nonsense",
    "topic",
]


def test_checks_give_the_same_results_as_rasa() -> None:
    """Valid action replies pass, broken ones fail with Rasa's message, every event type resolves alike."""
    outcomes = run_in_rasa_env("speedups", json.dumps(REPLIES), json.dumps(TYPE_NAMES))
    assert outcomes["ours"][:2] == outcomes["rasa"][:2]
    validation, events = outcomes["ours"][:2]
    assert [result[0] for result in validation] == ["ok", "ok", "ok", "error", "error", "error"]
    assert "Failed to validate Action server response" in validation[3][2]
    assert events[0] == ["ok", "<class 'rasa.shared.core.events.UserUttered'>"]
    assert events[-2][:2] == ["error", "ValueError"]


def test_the_action_server_gets_the_state_and_the_events_of_the_last_turns() -> None:
    """A long conversation's actions see the same message, slots and latest answer; short ones everything."""
    outcomes = run_in_rasa_env("speedups", json.dumps(REPLIES), json.dumps(TYPE_NAMES))
    (rasa_short, rasa_long), (ours_short, ours_long) = outcomes["rasa"][2:], outcomes["ours"][2:]
    assert ours_short == rasa_short
    ours, rasa = ours_long.pop("tracker"), rasa_long.pop("tracker")
    assert ours_long == rasa_long
    assert {key: value for key, value in ours.items() if key != "events"} == {
        key: value for key, value in rasa.items() if key != "events"
    }
    assert ours["latest_message"]["text"] == "Original bitte" and ours["slots"]["topic"] == "topic_12"
    assert ours["events"] == rasa["events"][-len(ours["events"]) :] and len(ours["events"]) < 20
    answers = [event["metadata"] for event in ours["events"] if event["event"] == "bot"]
    assert answers[-1] == {"answered_entry": "entry_12"}


def test_messages_are_processed_two_at_a_time_in_order_of_arrival() -> None:
    """Residents' messages take their turn as they arrive; no more than two are processed at once."""

    async def scenario() -> tuple[int, list[int]]:
        queue = MessageQueue(at_once=2, longest_wait=30)
        started: list[int] = []
        running = most = 0

        async def message(number: int) -> None:
            nonlocal running, most
            async with queue.turn():
                started.append(number)
                running += 1
                most = max(most, running)
                await asyncio.sleep(0.01)
                running -= 1

        await asyncio.gather(*(message(number) for number in range(8)))
        return most, started

    most, started = asyncio.run(scenario())
    assert most == 2
    assert started == list(range(8))


def test_a_stuck_message_holds_up_the_others_only_until_the_time_limit() -> None:
    """Behind a message that hangs (say, on the action server) the next one still gets an answer."""

    async def scenario() -> tuple[bool, bool]:
        queue = MessageQueue(at_once=1, longest_wait=0.05)
        release = asyncio.Event()

        async def hanging() -> None:
            async with queue.turn():
                await release.wait()

        stuck = asyncio.create_task(hanging())
        await asyncio.sleep(0)
        async with queue.turn():
            answered_while_stuck = not stuck.done()
        release.set()
        await stuck
        async with queue.turn():
            place_taken = queue.places.locked()
        return answered_while_stuck, place_taken and not queue.places.locked()

    answered_while_stuck, place_given_back = asyncio.run(asyncio.wait_for(scenario(), 10))
    assert answered_while_stuck
    assert place_given_back
