"""Prometheus metrics of one Rasa server at GET /metrics: turns, their duration, fallbacks, errors (Rasa env).

Each instance counts its own; Prometheus scrapes each instance (deploy/k8s/ annotates the pods), adds them up.
nginx in front of `make cluster` does not pass /metrics on to the public port.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest

FALLBACK_INTENT = "nlu_fallback"
FALLBACK_ACTIONS = {"action_default_fallback", "action_two_stage_fallback"}
BUCKETS = (0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.5, 5.0, 10.0)


class TurnMetrics:
    """The counters and the latency histogram of the messages this server processed."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        """Register the metrics (in their own registry unless one is given)."""
        self.registry = registry or CollectorRegistry()
        self.turns = Counter("dortmund_bot_turns", "Messages processed", ["channel"], registry=self.registry)
        self.seconds = Histogram(
            "dortmund_bot_turn_seconds", "Time to process a message", buckets=BUCKETS, registry=self.registry
        )
        self.fallbacks = Counter(
            "dortmund_bot_fallbacks", "Messages answered by a fallback", registry=self.registry
        )
        self.errors = Counter(
            "dortmund_bot_errors", "Messages whose processing failed", registry=self.registry
        )

    @contextlib.asynccontextmanager
    async def turn(self, channel: str) -> AsyncIterator[None]:
        """Count and time one message; an exception counts as an error and goes on."""
        started = time.perf_counter()
        try:
            yield
        except Exception:
            self.errors.inc()
            raise
        finally:
            self.turns.labels(channel or "unknown").inc()
            self.seconds.observe(time.perf_counter() - started)

    def count_fallback(self, tracker: Any) -> None:
        """Count a fallback when the latest message was not understood or a fallback action answered it."""
        intent = (tracker.latest_message.intent or {}).get("name") if tracker.latest_message else None
        actions = set()
        for event in reversed(tracker.events):
            if getattr(event, "type_name", "") == "user":
                break
            actions.add(getattr(event, "action_name", None))
        if intent == FALLBACK_INTENT or actions & FALLBACK_ACTIONS:
            self.fallbacks.inc()

    def exposition(self) -> tuple[bytes, str]:
        """The metrics in Prometheus' text format, and its content type."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


def instrument(metrics: TurnMetrics, handle: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """Agent.handle_message, counted and timed."""

    async def handle_counted(self: Any, message: Any) -> Any:
        """Process the message within `metrics.turn`."""
        async with metrics.turn(getattr(message, "input_channel", None) or "unknown"):
            return await handle(self, message)

    return handle_counted


def install(metrics: TurnMetrics | None = None) -> TurnMetrics:
    """Count every message the agent processes, fallbacks as trackers are saved, and serve GET /metrics."""
    import rasa.core.run
    from rasa.core.agent import Agent
    from rasa.core.processor import MessageProcessor
    from sanic import response

    metrics = metrics or TurnMetrics()
    Agent.handle_message = instrument(metrics, Agent.handle_message)
    save_tracker = MessageProcessor.save_tracker

    async def save_and_count(self: MessageProcessor, tracker: Any) -> None:
        """MessageProcessor.save_tracker, counting a fallback in the turn."""
        metrics.count_fallback(tracker)
        await save_tracker(self, tracker)

    MessageProcessor.save_tracker = save_and_count
    configure_app = rasa.core.run.configure_app

    def configured_app(*args: Any, **kwargs: Any) -> Any:
        """Rasa's app with GET /metrics."""
        app = configure_app(*args, **kwargs)

        async def serve_metrics(_: Any) -> Any:
            """GET /metrics in Prometheus' text format."""
            body, content_type = metrics.exposition()
            return response.raw(body, content_type=content_type)

        app.add_route(serve_metrics, "/metrics", methods=["GET"])
        return app

    rasa.core.run.configure_app = configured_app
    return metrics
