"""Two Rasa servers' lock stores on one Redis, as Rasa uses them (run in the Rasa env; needs Redis)."""

from __future__ import annotations

import asyncio
import json
import sys
import time
import uuid

from rasa.core.lock_store import LockStore
from rasa.utils.endpoints import EndpointConfig

from bot.endpoints import lock_store


def store(url: str, lifetime: float) -> LockStore:
    """The lock store Rasa creates from bot.endpoints' configuration."""
    return LockStore.create(EndpointConfig.from_dict(lock_store(url, lifetime)))


def count_tickets(server: LockStore, issued: list[int]) -> None:
    """Note every ticket the server takes (the moment a message arrives at the shared queue)."""
    take = server.issue_ticket
    server.issue_ticket = lambda conversation, *args: issued.append(take(conversation, *args)) or issued[-1]


async def take_turns(servers: list[LockStore], conversation: str, messages: int) -> list[list[object]]:
    """`messages` messages of one conversation, alternately on each server; who held the lock when."""
    held: list[list[object]] = []
    issued: list[int] = []
    for server in servers:
        count_tickets(server, issued)

    async def process(number: int) -> None:
        async with servers[number % len(servers)].lock(conversation):
            held.append(["start", number])
            await asyncio.sleep(0.01)
            held.append(["end", number])

    tasks = []
    for number in range(messages):
        tasks.append(asyncio.create_task(process(number)))
        while len(issued) <= number:  # arrival order: the next message comes once this one is queued
            await asyncio.sleep(0.001)
    await asyncio.gather(*tasks)
    return held


async def burst_on_one_server(server: LockStore, conversation: str, messages: int) -> list[int]:
    """`messages` messages of one conversation arriving on one server at the same moment; order served."""
    served: list[int] = []

    async def process(number: int) -> None:
        async with server.lock(conversation):
            served.append(number)

    await asyncio.gather(*(process(number) for number in range(messages)))
    return served


async def dead_holder(servers: list[LockStore], conversation: str) -> float:
    """A server takes the lock and dies (never renews nor releases); seconds until another gets it."""
    servers[0].issue_ticket(conversation)
    started = time.monotonic()
    async with servers[1].lock(conversation):
        return time.monotonic() - started


async def main(url: str) -> dict[str, object]:
    """Both checks on fresh conversation ids."""
    servers = [store(url, 1.0), store(url, 1.0)]
    held = await take_turns(servers, f"lock-{uuid.uuid4().hex}", 20)
    burst = await burst_on_one_server(store(url, 1.0), f"lock-{uuid.uuid4().hex}", 20)
    waited = await dead_holder(servers, f"lock-{uuid.uuid4().hex}")
    return {"held": held, "burst": burst, "waited": waited, "type": type(servers[0]).__name__}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1]))))
