"""Load on the REST channel: concurrent senders waiting for each reply, fresh or long conversations.

The load runs on the cores it measures: aiohttp's client took a fifth of httpx's CPU time per request
(0.5 ms against 2.5 ms at 100 senders), time the bot's processes get back.
"""

from __future__ import annotations

import asyncio
import statistics
import time
import uuid
from dataclasses import dataclass

import aiohttp

# A benchmark sender sends as fast as it is answered: the per-sender rate limit (bot.channels.limits) would
# refuse it after a few turns, so the benchmarks lift it; they measure the answering, not the refusing.
UNLIMITED_SENDERS = {"sender_rate_burst": 100_000, "sender_rate_per_second": 100_000.0}


@dataclass
class Load:
    """Result of one load run."""

    p50_ms: float
    p95_ms: float
    turns_per_second: float


async def send_turns(
    client: aiohttp.ClientSession,
    url: str,
    sender: str,
    questions: list[str],
    turns: range,
    latencies: list[float],
) -> None:
    """Send one sender's turns in order, each after the reply to the one before; note each latency."""
    offset = int(sender.rsplit("-", 1)[-1])
    for turn in turns:
        started = time.perf_counter()
        message = {"sender": sender, "message": questions[(offset + turn) % len(questions)]}
        async with client.post(url, json=message) as reply:
            reply.raise_for_status()
            await reply.read()
        latencies.append((time.perf_counter() - started) * 1000)


def client_session(timeout: float) -> aiohttp.ClientSession:
    """One client for all senders, a kept-alive connection per sender (as each browser keeps its own)."""
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=0), timeout=aiohttp.ClientTimeout(total=timeout)
    )


def summary(latencies: list[float], elapsed: float) -> Load:
    """Median, 95th percentile and turns per second of a run."""
    ordered = sorted(latencies)
    return Load(statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))], len(ordered) / elapsed)


async def load(url: str, questions: list[str], senders: int, turns_per_sender: int) -> Load:
    """Send turns from concurrent senders; each is a new conversation, waiting for each reply."""
    latencies: list[float] = []
    run = uuid.uuid4().hex[:8]
    async with client_session(120) as client:
        started = time.perf_counter()
        await asyncio.gather(
            *(
                send_turns(client, url, f"bench-{run}-{n}", questions, range(turns_per_sender), latencies)
                for n in range(senders)
            )
        )
        elapsed = time.perf_counter() - started
    return summary(latencies, elapsed)


async def long_conversations(url: str, questions: list[str], senders: int, turns: int, measured: int) -> Load:
    """Each sender continues one conversation to `turns` turns; only the last `measured` turns are timed."""
    run = uuid.uuid4().hex[:8]
    names = [f"long-{run}-{n}" for n in range(senders)]
    async with client_session(300) as client:
        # all senders write their untimed turns first, so that every timed turn is one of a long conversation
        history: list[float] = []
        await asyncio.gather(
            *(send_turns(client, url, name, questions, range(turns - measured), history) for name in names)
        )
        latencies: list[float] = []
        started = time.perf_counter()
        await asyncio.gather(
            *(
                send_turns(client, url, name, questions, range(turns - measured, turns), latencies)
                for name in names
            )
        )
        elapsed = time.perf_counter() - started
    return summary(latencies, elapsed)
