"""Calls through Rasa's EndpointConfig before and after bot.kept_connections: connections used (Rasa env)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import web
from rasa.utils.endpoints import EndpointConfig

from bot import kept_connections
from tests.ports import free_port

CALLS = 4


async def serving(port: int, peers: list[Any]) -> web.AppRunner:
    """A stand-in action server that notes each call's client address and answers with JSON."""

    async def webhook(request: web.Request) -> web.Response:
        peers.append(request.transport.get_extra_info("peername")[1])
        return web.json_response({"events": [], "responses": [{"text": await request.text()}]})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner


async def calls(endpoint: EndpointConfig, first: int) -> list[str]:
    """CALLS calls in turn, each waiting for its answer: the texts answered."""
    replies = [await endpoint.request(json={"call": first + n}) for n in range(CALLS)]
    return [reply["responses"][0]["text"] for reply in replies]


async def measure() -> dict[str, Any]:
    """Connections used by CALLS calls with Rasa's sessions, with kept ones, and after a server restart."""
    port, peers = free_port(), []
    endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook")
    runner = await serving(port, peers)
    rasa = await calls(endpoint, 0)
    rasa_connections, peers[:] = len(set(peers)), []
    kept_connections.install()
    kept = await calls(endpoint, CALLS)
    kept_connections_used, peers[:] = len(set(peers)), []
    await runner.cleanup()  # the action server restarts: its connections close
    runner = await serving(port, peers)
    after_restart = await calls(endpoint, 2 * CALLS)
    await getattr(endpoint, kept_connections.KEPT)[1].close()
    await runner.cleanup()
    return {
        "answers": rasa + kept + after_restart,
        "connections": [rasa_connections, kept_connections_used, len(set(peers))],
    }


def main() -> None:
    """Print the measures."""
    print(json.dumps(asyncio.run(measure())))


if __name__ == "__main__":
    main()
