"""Retry Bot API requests after flood control (429) and network errors, with bounded backoff."""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
import random
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import BaseRateLimiter

logger = logging.getLogger(__name__)


def retry_after_seconds(error: RetryAfter) -> float:
    """The wait Telegram asked for, in seconds."""
    value = error.retry_after  # a timedelta with PTB_TIMEDELTA=1 (set by main), else an int
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


class BotApiRetry(BaseRateLimiter[None]):
    """Calls each Bot API method again after RetryAfter or a network error, `attempts` times at most."""

    def __init__(
        self,
        attempts: int = 4,
        backoff: float = 0.5,
        max_wait: float = 30.0,
        max_flood_wait: float = 900.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        """Try `attempts` times; back off after network errors; after a 429 wait as Telegram asks."""
        self.attempts = attempts
        self.backoff = backoff
        self.max_wait = max_wait
        self.max_flood_wait = max_flood_wait
        self.sleep = sleep

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to clean up."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        """Run the request; on a retryable error wait and run it again."""
        for attempt in range(1, self.attempts + 1):
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                wait = retry_after_seconds(error)
                if attempt == self.attempts or wait > self.max_flood_wait:
                    # Telegram refuses every message to the chat for that long: nobody can be told now.
                    logger.error("Flood control on %s for %.0f s: the reply is dropped", endpoint, wait)
                    raise
                # A long wait is waited out: the answer arrives late rather than never.
                logger.warning("Flood control on %s: retrying in %.1f s", endpoint, wait)
            except BadRequest:
                raise
            except NetworkError as error:  # includes TimedOut
                if attempt == self.attempts:
                    raise
                wait = min(self.max_wait, self.backoff * 2 ** (attempt - 1)) * random.uniform(1.0, 1.5)
                logger.warning("%s on %s: retrying in %.1f s", type(error).__name__, endpoint, wait)
            await self.sleep(wait)
        raise AssertionError("unreachable")
