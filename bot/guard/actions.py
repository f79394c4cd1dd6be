"""Custom actions with a time limit and a circuit breaker: a down or hung action server is answered with a
clear message within seconds, not after Rasa's 5-minute request timeout (Rasa environment)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from bot.guard import texts
from bot.language import LANGUAGE_SLOT

logger = logging.getLogger(__name__)

T = TypeVar("T")


class Breaker:
    """After a failure the action server is left alone for `cooldown` seconds; then one message tries it."""

    def __init__(self, cooldown: float, clock: Callable[[], float] = time.monotonic) -> None:
        """A closed breaker that opens for `cooldown` seconds after each failure."""
        self.cooldown = cooldown
        self.clock = clock
        self.open_until = 0.0
        self.healthy = True

    def allows(self) -> bool:
        """True when the action server may be asked (closed, or the cooldown is over)."""
        return self.clock() >= self.open_until

    def failed(self, reason: str) -> None:
        """Open the breaker; the first failure after a success is logged."""
        self.open_until = self.clock() + self.cooldown
        if self.healthy:
            logger.error("Action server unavailable (%s): answering with the fault message", reason)
        self.healthy = False

    def succeeded(self) -> None:
        """Close the breaker; a recovery is logged."""
        if not self.healthy:
            logger.warning("Action server answers again")
        self.healthy = True
        self.open_until = 0.0


CHECK_EVERY_SECONDS = 0.25


async def within(awaitable: Awaitable[T], timeout: float, step: float = CHECK_EVERY_SECONDS) -> T:
    """The awaitable's result, or TimeoutError after `timeout` seconds of the event loop running.

    Unlike asyncio.wait_for, time in which this server's own event loop was stalled (Rasa loads a new model
    in it for several seconds) counts only as one step: an answer that arrived meanwhile is still taken.
    """
    task = asyncio.ensure_future(awaitable)
    loop = asyncio.get_running_loop()
    waited = 0.0
    try:
        while waited < timeout:
            started = loop.time()
            done, _ = await asyncio.wait({task}, timeout=min(step, timeout - waited))
            if done:
                return task.result()
            waited += min(loop.time() - started, 2 * step)
    except BaseException:
        task.cancel()
        raise
    task.cancel()
    raise asyncio.TimeoutError


def fault_events(tracker: Any) -> list[Any]:
    """The bot's fault message as the action's only event."""
    from rasa.shared.core.events import BotUttered

    return [BotUttered(text=texts.pick(texts.FAULT, tracker.get_slot(LANGUAGE_SLOT)))]


def install(timeout: float, cooldown: float, on_fault: Callable[[], None] = lambda: None) -> Breaker:
    """Run every custom action with `timeout`; a failure or an open breaker answers with the fault message
    and calls `on_fault` (the metrics count it as an error: the resident got no answer)."""
    from rasa.core.actions.action import ActionExecutionRejection, RemoteAction

    breaker = Breaker(cooldown)
    run = RemoteAction.run

    def fault(tracker: Any, failure: str | None = None) -> list[Any]:
        """The fault message instead of the action's events; a new failure opens the breaker."""
        if failure:
            breaker.failed(failure)
        on_fault()
        return fault_events(tracker)

    async def guarded_run(
        self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any
    ) -> Any:
        """RemoteAction.run within the time limit, or the fault message."""
        if not breaker.allows():
            return fault(tracker)
        try:
            events = await within(run(self, output_channel, nlg, tracker, domain), timeout)
        except ActionExecutionRejection:
            raise
        except asyncio.TimeoutError:
            return fault(tracker, f"no answer within {timeout:.1f} s")
        except Exception as error:  # noqa: BLE001 - connection refused, HTTP 500, invalid reply …
            return fault(tracker, type(error).__name__)
        breaker.succeeded()
        return events

    RemoteAction.run = guarded_run
    return breaker
