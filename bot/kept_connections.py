"""The Rasa server's calls to the action server over kept-alive connections (Rasa environment).

Rasa 3.6 opens a new HTTP client session, and with it a new TCP connection, for every call to the action
server (`EndpointConfig.request`). Under load (py-spy, 100 senders) opening them was about 3 % of the Rasa
server's time, and each new connection cost nginx and the action server an accept and a closing as well; a
call took 0.65 ms of CPU time (client and server together) with a new connection, 0.28 ms with a kept one.
Here each endpoint keeps one session per event loop; aiohttp reuses its idle connections and closes them after
its keep-alive time (15 s), before nginx or the action server would (see bot.processes).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

KEPT = "_kept_session"  # set on an endpoint: the event loop its session belongs to, and the session


def install() -> None:
    """Make every `async with endpoint.session()` use the endpoint's kept session."""
    from rasa.utils.endpoints import EndpointConfig

    new_session = EndpointConfig.session

    @contextlib.asynccontextmanager
    async def kept_session(self: EndpointConfig) -> AsyncIterator[Any]:
        """The endpoint's open session on this event loop (a new one the first time or after it closed)."""
        loop = asyncio.get_running_loop()
        kept_loop, session = getattr(self, KEPT, (None, None))
        if kept_loop is not loop or session.closed:
            session = new_session(self)
            setattr(self, KEPT, (loop, session))
        yield session

    EndpointConfig.session = kept_session
