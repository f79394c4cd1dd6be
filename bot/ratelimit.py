"""Token buckets per chat, sender or client address: one flooding sender is slowed down, nobody else."""

from __future__ import annotations

import enum
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass


class Verdict(enum.Enum):
    """What to do with an incoming message."""

    ALLOW = "allow"
    WARN = "warn"  # over the limit: drop it and tell the user once
    DROP = "drop"  # over the limit and already told


@dataclass
class _Bucket:
    """Tokens left, when they were counted, and whether the chat was already warned."""

    tokens: float
    updated: float
    warned: bool = False


class ChatRateLimiter:
    """A token bucket per chat: `burst` messages at once, then `rate` messages per second."""

    def __init__(
        self, burst: int, rate: float, clock: Callable[[], float] = time.monotonic, max_chats: int = 10_000
    ) -> None:
        """Allow bursts of `burst` messages refilled at `rate` per second; remember at most `max_chats`."""
        if burst < 1 or rate <= 0:
            raise ValueError("burst must be >= 1 and rate > 0")
        self.burst = burst
        self.rate = rate
        self._clock = clock
        self._max_chats = max_chats
        self._buckets: dict[Hashable, _Bucket] = {}

    def check(self, chat_id: Hashable) -> Verdict:
        """Take a token for one message of `chat_id` and say whether it may be handled."""
        now = self._clock()
        bucket = self._buckets.get(chat_id)
        if bucket is None:
            self._forget_idle(now)
            bucket = self._buckets[chat_id] = _Bucket(tokens=self.burst, updated=now)
        bucket.tokens = self._tokens(bucket, now)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            bucket.warned = False
            return Verdict.ALLOW
        if bucket.warned:
            return Verdict.DROP
        bucket.warned = True
        return Verdict.WARN

    def seconds_until_allowed(self, chat_id: Hashable) -> float:
        """How long `chat_id` has to wait for its next message to be allowed (0 when it may send now)."""
        bucket = self._buckets.get(chat_id)
        if bucket is None:
            return 0.0
        return max(0.0, (1 - self._tokens(bucket, self._clock())) / self.rate)

    def _tokens(self, bucket: _Bucket, now: float) -> float:
        """The bucket's tokens at `now`: refilled at `rate` since it was last counted, at most `burst`."""
        return min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)

    def _forget_idle(self, now: float) -> None:
        """Drop buckets that have refilled completely once too many chats are tracked."""
        if len(self._buckets) < self._max_chats:
            return
        refill_time = self.burst / self.rate
        for chat_id in [key for key, value in self._buckets.items() if now - value.updated >= refill_time]:
            del self._buckets[chat_id]
