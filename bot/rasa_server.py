"""Rasa's command line with fixes for speed under load in Rasa 3.6 (run with the Rasa environment).

Profiling the Rasa server under load (py-spy, 20 concurrent senders) showed two costs that do not depend on
the message:
- every reply of the action server is checked with `jsonschema.validate`, which first checks the (constant)
  schema against the JSON Schema 2020-12 meta-schema: 42 % of the server's CPU time;
- every event read from the tracker store looks up its class by walking all subclasses of `Event`: 7 %.
`apply_speedups` keeps both checks and their results but does the constant work once.

And one for waiting times: Rasa starts every message at once. A message that waits for the action server
then queues behind every message that arrived meanwhile, so answers from the knowledge base took three times
as long as a greeting (p95 700 ms vs 220 ms at 20 senders). `MessageQueue` lets two messages be processed at
a time, in order of arrival: the same throughput, and every message waits about as long as any other.

The action server is sent the events of the last ACTION_HISTORY_TURNS resident messages, not the whole
session: the actions read the latest message, the slots and the latest answer, and serialising every event of
the conversation for every action call was a tenth of the server's time per message.

And one for the CPU: the numerical libraries (OpenBLAS, TensorFlow) start a thread per core that keeps
spinning after each small computation. The server computes one message at a time, so those threads only took
CPU time from the action server and the other instances on the machine. `one_thread_of_arithmetic` gives each
library one thread (a value set in the environment wins).

Behind nginx (`make cluster`) a REST message keeps its request's id (X-Request-ID), so that a message nginx
resends after its server died is not processed twice (`install_resend_check`).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import functools
import os
from collections.abc import AsyncIterator
from typing import Any

ARITHMETIC_THREAD_VARIABLES = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "TF_NUM_INTRAOP_THREADS",
    "TF_NUM_INTEROP_THREADS",
)
ACTION_HISTORY_TURNS = 3  # the actions look back to the latest answer ("show the German original")
MESSAGES_AT_ONCE = 2  # one can use the CPU while the other waits for the action server
LONGEST_WAIT_SECONDS = 5.0  # a message never waits longer for its turn (e.g. behind a hung action server)
REQUEST_ID_HEADER = "X-Request-ID"  # nginx sets it (deploy/nginx/) and keeps it when it resends a request
REST_WEBHOOK = "/webhooks/rest/webhook"
# The request id of the REST message being handled; set for every request (a keep-alive connection's
# requests share one task, and with it this context).
rest_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("rest_request_id", default=None)


class MessageQueue:
    """Lets a few messages be processed at once, the others wait in order; none waits past a time limit."""

    def __init__(self, at_once: int = MESSAGES_AT_ONCE, longest_wait: float = LONGEST_WAIT_SECONDS) -> None:
        """A queue with `at_once` places; a message waits at most `longest_wait` seconds for one."""
        self.places = asyncio.Semaphore(at_once)
        self.longest_wait = longest_wait

    @contextlib.asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Wait for a place (or until the time limit), hold it while the message is processed."""
        try:
            await asyncio.wait_for(self.places.acquire(), self.longest_wait)
            holds_place = True
        except asyncio.TimeoutError:
            holds_place = False
        try:
            yield
        finally:
            if holds_place:
                self.places.release()


@functools.cache
def action_result_validator() -> Any:
    """A validator for the action server's reply format, its schema checked once."""
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(self: Any, result: dict[str, Any]) -> bool:
    """RemoteAction._validate_action_result with the validator built once; same errors as Rasa's."""
    from jsonschema import ValidationError, exceptions
    from rasa.shared.constants import DOCS_BASE_URL

    error = exceptions.best_match(action_result_validator().iter_errors(result))
    if error is None:
        return True
    assert isinstance(error, ValidationError)
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from the Action "
        f"endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
    )
    raise error


@functools.cache
def event_classes() -> dict[str, type]:
    """Every event class by its type name, as Event.resolve_by_type finds them (first match wins)."""
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    classes: dict[str, type] = {}
    for cls in all_subclasses(Event):
        classes.setdefault(cls.type_name, cls)
    return classes


def recent_events(events: Any) -> list[Any]:
    """The events from the ACTION_HISTORY_TURNS-th last resident message on (all of a shorter session)."""
    events = list(events)
    users = [index for index, event in enumerate(events) if event.type_name == "user"]
    return events[users[-ACTION_HISTORY_TURNS] :] if len(users) >= ACTION_HISTORY_TURNS else events


class RecentTurns:
    """A tracker as the action server is sent it: the current state with the events of the last turns."""

    def __init__(self, tracker: Any) -> None:
        """Wrap the tracker Rasa is about to send."""
        self.tracker, self.sender_id = tracker, tracker.sender_id

    def current_state(self, _verbosity: Any) -> dict[str, Any]:
        """The tracker's state (slots, latest message ...) with only the recent events."""
        from rasa.shared.core.trackers import EventVerbosity

        state = self.tracker.current_state(EventVerbosity.NONE)
        state["events"] = [event.as_dict() for event in recent_events(self.tracker.events)]
        return state


def apply_speedups() -> None:
    """Do the constant work of two per-message checks once, send the action server the recent events only,
    process messages through a MessageQueue."""
    from rasa.core.actions.action import RemoteAction
    from rasa.core.agent import Agent
    from rasa.shared.core.events import Event

    resolve_by_type = Event.resolve_by_type

    def cached_resolve_by_type(type_name: str, default: type | None = None) -> type | None:
        """Event.resolve_by_type from a dictionary; unknown names go to Rasa's own lookup."""
        found = event_classes().get(type_name)
        return found if found is not None else resolve_by_type(type_name, default)

    queue = MessageQueue()
    handle_message = Agent.handle_message
    action_call_format = RemoteAction._action_call_format

    def recent_action_call_format(self: RemoteAction, tracker: Any, domain: Any) -> dict[str, Any]:
        """Rasa's request to the action server, with the events of the last turns only."""
        return action_call_format(self, RecentTurns(tracker), domain)

    async def handle_message_in_turn(self: Agent, message: Any) -> Any:
        """Agent.handle_message once the message's turn has come."""
        async with queue.turn():
            return await handle_message(self, message)

    RemoteAction._validate_action_result = validate_action_result
    RemoteAction._action_call_format = recent_action_call_format
    Event.resolve_by_type = staticmethod(cached_resolve_by_type)
    Agent.handle_message = handle_message_in_turn


class AlreadyProcessed(Exception):
    """A REST message stored before: its server died after storing it, before answering; nginx resent it."""

    def __init__(self, answers: list[Any]) -> None:
        """The bot's stored answers to the message."""
        super().__init__("message already processed")
        self.answers = answers


def stored_answers(tracker: Any, message_id: str) -> list[Any] | None:
    """The bot's messages after the stored user message `message_id`; None when it is not stored."""
    events = list(tracker.events)
    for index in range(len(events) - 1, -1, -1):
        if events[index].type_name == "user" and getattr(events[index], "message_id", None) == message_id:
            return [event for event in events[index + 1 :] if event.type_name == "bot"]
    return None


def install_request_ids() -> None:
    """A REST message's id is its request's X-Request-ID, which nginx keeps when it resends the request."""
    import rasa.core.run
    from rasa.core.agent import Agent

    configure_app, handle_message = rasa.core.run.configure_app, Agent.handle_message

    def configured_app(*args: Any, **kwargs: Any) -> Any:
        """Rasa's app, noting each REST request's id."""
        app = configure_app(*args, **kwargs)

        async def note_request_id(request: Any) -> None:
            webhook = request.path.rstrip("/").endswith(REST_WEBHOOK)
            rest_request_id.set(request.headers.get(REQUEST_ID_HEADER) if webhook else None)

        app.register_middleware(note_request_id, "request")
        return app

    async def handle_with_request_id(self: Agent, message: Any) -> Any:
        """Agent.handle_message; a REST message's id is its request's."""
        request_id = rest_request_id.get()
        if request_id and message.input_channel == "rest":
            message.message_id = request_id
        return await handle_message(self, message)

    rasa.core.run.configure_app = configured_app
    Agent.handle_message = handle_with_request_id


def install_resend_check() -> None:
    """A REST message stored before is answered with its stored answers, not processed again.

    nginx resends a POST whose server died before answering (proxy_next_upstream non_idempotent), so that no
    message is lost; when that server had stored the turn just before it died, processing it again would
    store and answer the message twice. The check runs under the conversation's lock, so after that turn.
    """
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa.core.processor import MessageProcessor

    process, with_tracker = MessageProcessor.handle_message, MessageProcessor._handle_message_with_tracker

    async def check_with_tracker(self: MessageProcessor, message: Any, tracker: Any) -> None:
        """Stop at a message stored before; else go on."""
        resent = message.message_id == rest_request_id.get()  # only a request's id can come again
        answers = stored_answers(tracker, message.message_id) if resent else None
        if answers is not None:
            raise AlreadyProcessed(answers)
        await with_tracker(self, message, tracker)

    async def process_once(self: MessageProcessor, message: Any) -> Any:
        """MessageProcessor.handle_message, or the stored answers of a message processed before."""
        try:
            return await process(self, message)
        except AlreadyProcessed as stored:
            for event in stored.answers:
                await message.output_channel.send_response(message.sender_id, event.message())
            channel = message.output_channel
            return channel.messages if isinstance(channel, CollectingOutputChannel) else None

    MessageProcessor.handle_message = process_once
    MessageProcessor._handle_message_with_tracker = check_with_tracker


def install_all() -> Any:
    """Speed-ups, guards and metrics, as the server runs them (tests call this too); the TurnMetrics."""
    from bot.graph_runner import install as install_graph_runner
    from bot.guard.server import install as install_guards
    from bot.kept_connections import install as keep_connections
    from bot.metrics import install as install_metrics

    apply_speedups()
    install_graph_runner()  # the model's graph run node after node, without Dask's scheduling
    keep_connections()  # calls to the action server reuse their connections
    # Metrics first, so they wrap inside the guard: the guard answers a failed turn with the fault message
    # and raises nothing, so a counter installed around it would never see the error.
    metrics = install_metrics()  # turns, latency, fallbacks and errors at GET /metrics
    # typed text stays text, size limits, fault answers (counted as errors), redaction, /health (bot/guard)
    install_guards(on_action_fault=metrics.errors.inc)
    install_request_ids()
    install_resend_check()  # a message nginx resent after its server died is not processed twice
    return metrics


def one_thread_of_arithmetic() -> None:
    """One thread for each numerical library, unless the environment says otherwise (before they load)."""
    for variable in ARITHMETIC_THREAD_VARIABLES:
        os.environ.setdefault(variable, "1")


def main() -> None:
    """Apply the speed-ups, then run Rasa's command line with this process's arguments."""
    one_thread_of_arithmetic()
    # skops (the answer selector's safe model format) looks up hundreds of names in every loaded module when
    # it is first imported: before TensorFlow is loaded that takes 3 s, after it 14 s of each server start.
    import skops.io  # noqa: F401

    install_all()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
