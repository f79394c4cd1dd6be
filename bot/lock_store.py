"""A conversation lock that holds across Rasa servers: a FIFO ticket queue in Redis, changed by Lua scripts.

Rasa 3.6's RedisLockStore reads a conversation's ticket lock, changes it in Python and writes it back: two
servers that take a ticket at the same moment both get the same number and process the conversation at once
(rasa #9213). Here every change is one Lua script, which Redis runs atomically:

- `issue` takes the next number (INCR) and queues it with an expiry;
- `poll` drops expired tickets, renews the caller's own and says whether it is first in the queue;
- `release` removes the ticket and, when the queue is empty, the conversation's keys.

A live holder renews its ticket while it works, so only a dead server's ticket expires (after `lock_lifetime`
seconds) and stops blocking the conversation. Rasa loads this class from endpoints.yml
(`lock_store: type: bot.lock_store.FifoRedisLockStore`, see bot/endpoints.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LockError, LockStore

logger = logging.getLogger(__name__)

DEFAULT_LIFETIME_SECONDS = 20.0
POLL_SECONDS = 0.02  # Rasa's store polls once a second: at 20 queued messages that was most of their wait

_NOW = (
    "local t = redis.call('TIME') "
    + "local now = t[1] * 1000 + math.floor(t[2] / 1000) "
    + "local expires = string.format('%d', now + ARGV[2]) "
)
_KEEP = "for _, key in ipairs(KEYS) do redis.call('PEXPIRE', key, 2 * ARGV[2]) end "
ISSUE = (
    _NOW
    + "local n = redis.call('INCR', KEYS[1]) redis.call('ZADD', KEYS[2], n, n) "
    + "redis.call('HSET', KEYS[3], n, expires) "
    + _KEEP
    + "return n"
)
POLL = (
    _NOW
    + "for _, n in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do "
    + "  local expiry = tonumber(redis.call('HGET', KEYS[3], n)) "
    + "  if expiry == nil or expiry < now then "
    + "    redis.call('ZREM', KEYS[2], n) redis.call('HDEL', KEYS[3], n) "
    + "  end "
    + "end "
    + "if not redis.call('ZSCORE', KEYS[2], ARGV[1]) then return -1 end "
    + "redis.call('HSET', KEYS[3], ARGV[1], expires) "
    + _KEEP
    + "if redis.call('ZRANGE', KEYS[2], 0, 0)[1] == ARGV[1] then return 1 end return 0"
)
RELEASE = (
    "redis.call('ZREM', KEYS[2], ARGV[1]) redis.call('HDEL', KEYS[3], ARGV[1]) "
    + "if redis.call('ZCARD', KEYS[2]) == 0 then redis.call('DEL', KEYS[1], KEYS[2], KEYS[3]) end return 0"
)


class FifoRedisLockStore(LockStore):
    """Messages of one conversation take turns in order of arrival, whichever Rasa server received them."""

    def __init__(self, endpoint_config: Any = None, client: Any = None, **options: Any) -> None:
        """Connect from endpoints.yml (url, port, db, password, use_ssl, key_prefix, lock_lifetime)."""
        options = {**getattr(endpoint_config, "kwargs", {}), **options}
        self.red = client or redis.Redis(
            host=getattr(endpoint_config, "url", None) or "localhost",
            port=int(options.get("port", 6379)),
            db=int(options.get("db", 0)),
            password=options.get("password"),
            ssl=bool(options.get("use_ssl", False)),
            socket_timeout=10,
        )
        self.key_prefix = f"{options.get('key_prefix', 'rasa')}:fifo_lock:"
        self.lifetime = float(options.get("lock_lifetime", DEFAULT_LIFETIME_SECONDS))
        self.scripts = {name: self.red.register_script(code) for name, code in self._scripts().items()}
        # One thread takes the tickets: with a pool, two messages arriving milliseconds apart could reach
        # Redis in the other order and be answered out of order.
        self.ticket_desk = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lock-tickets")
        super().__init__()

    @staticmethod
    def _scripts() -> dict[str, str]:
        """The Lua scripts by name."""
        return {"issue": ISSUE, "poll": POLL, "release": RELEASE}

    def _keys(self, conversation_id: str) -> list[str]:
        """The conversation's keys: last ticket number, queue (sorted set), expiry per ticket (hash)."""
        base = self.key_prefix + conversation_id
        return [f"{base}:last", f"{base}:queue", f"{base}:expiry"]

    def _run(self, name: str, conversation_id: str, *args: Any) -> int:
        """Run one of the scripts on the conversation's keys."""
        lifetime_ms = round(self.lifetime * 1000)
        return int(self.scripts[name](keys=self._keys(conversation_id), args=[*args, lifetime_ms]))

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = 0) -> int:
        """Queue a new ticket for the conversation; its number."""
        return self._run("issue", conversation_id, 0)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        """Remove the ticket; the conversation's keys go with the last one."""
        self._run("release", conversation_id, ticket_number)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Remove the ticket (Rasa's name for it)."""
        self.finish_serving(conversation_id, ticket_number)

    def get_lock(self, conversation_id: str) -> TicketLock | None:
        """The conversation's queue as Rasa's TicketLock (for inspection only; changes go through scripts)."""
        queue = self.red.zrange(self._keys(conversation_id)[1], 0, -1)
        if not queue:
            return None
        lock = TicketLock(conversation_id)
        for number in queue:
            lock.issue_ticket(self.lifetime, int(number))
        return lock

    def delete_lock(self, conversation_id: str) -> None:
        """Delete the conversation's queue."""
        self.red.delete(*self._keys(conversation_id))

    def save_lock(self, lock: TicketLock) -> None:
        """Not used: tickets change only through the atomic scripts."""
        raise NotImplementedError("FifoRedisLockStore changes tickets only through its scripts")

    async def _wait_for_turn(self, conversation_id: str, ticket: int) -> None:
        """Poll until the ticket is first in the queue; LockError when it expired meanwhile."""
        while True:
            state = await asyncio.to_thread(self._run, "poll", conversation_id, ticket)
            if state == 1:
                return
            if state == -1:
                raise LockError(f"The lock ticket of conversation '{conversation_id}' expired.")
            await asyncio.sleep(POLL_SECONDS)

    async def _renew(self, conversation_id: str, ticket: int) -> None:
        """Keep the held ticket alive while the message is processed."""
        while True:
            await asyncio.sleep(self.lifetime / 4)
            await asyncio.to_thread(self._run, "poll", conversation_id, ticket)

    @contextlib.asynccontextmanager
    async def lock(
        self, conversation_id: str, lock_lifetime: float = 0, wait_time_in_seconds: float = 0
    ) -> AsyncIterator[TicketLock]:
        """Hold the conversation's lock: wait for the turn, renew while held, release at the end."""
        ticket = await asyncio.get_running_loop().run_in_executor(
            self.ticket_desk, self.issue_ticket, conversation_id
        )
        renewal: asyncio.Task | None = None
        try:
            await self._wait_for_turn(conversation_id, ticket)
            renewal = asyncio.create_task(self._renew(conversation_id, ticket))
            yield TicketLock(conversation_id)
        finally:
            if renewal:
                renewal.cancel()
            await asyncio.to_thread(self.cleanup, conversation_id, ticket)
