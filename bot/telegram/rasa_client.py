"""Client for Rasa's REST channel (POST /webhooks/rest/webhook)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

REST_PATH = "/webhooks/rest/webhook"


class RasaUnavailable(Exception):
    """Rasa did not answer in time or answered with an error."""


class RasaClient:
    """Sends one message per call to Rasa's REST channel and returns the bot's messages."""

    def __init__(self, base_url: str, timeout: float = 10.0) -> None:
        """Talk to the Rasa server at `base_url`, giving up after `timeout` seconds."""
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self._client: httpx.AsyncClient | None = None

    async def open(self) -> None:
        """Create the connection pool."""
        if self._client is None:
            self._client = httpx.AsyncClient(
                base_url=self.base_url,
                timeout=httpx.Timeout(self.timeout),
                limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
            )

    async def close(self) -> None:
        """Close the connection pool."""
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def send(self, sender: str, message: str, payload: bool = False) -> list[dict[str, Any]]:
        """Send typed text (or a payload) as `sender`; return Rasa's replies or raise RasaUnavailable."""
        await self.open()
        assert self._client is not None
        body = {"sender": sender, "payload" if payload else "message": message}
        try:
            response = await asyncio.wait_for(self._client.post(REST_PATH, json=body), self.timeout)
            response.raise_for_status()
            replies = response.json()
        except (httpx.HTTPError, ValueError, asyncio.TimeoutError) as error:
            raise RasaUnavailable(type(error).__name__) from error
        if not isinstance(replies, list):
            raise RasaUnavailable("unexpected response")
        return [reply for reply in replies if isinstance(reply, dict)]
