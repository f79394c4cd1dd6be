"""The running Rasa server's model endpoints: which model is loaded, and swapping it without a restart."""

from __future__ import annotations

import time
from pathlib import Path

import httpx


class ServerError(Exception):
    """The Rasa server did not do what was asked; the message says what happened."""


def loaded_model(rasa_url: str, token: str) -> str:
    """The file name of the model the server has loaded."""
    try:
        reply = httpx.get(f"{rasa_url}/status", params={"token": token}, timeout=30)
    except httpx.HTTPError as error:
        raise ServerError(f"Rasa-Server unter {rasa_url} nicht erreichbar: {error}") from None
    if reply.status_code in (401, 403):
        raise ServerError("Der Rasa-Server lehnt das Token ab (RASA_AUTH_TOKEN oder var/rasa_token prüfen)")
    reply.raise_for_status()
    return str(reply.json().get("model_file") or "")


def swap_model(rasa_url: str, token: str, model: Path, timeout: float = 600) -> float:
    """Load another model into the running server (PUT /model, no restart); returns the seconds it took."""
    # Rasa loads the new agent while requests queue, then switches app.ctx.agent; trackers stay in the store.
    started = time.monotonic()
    try:
        reply = httpx.put(
            f"{rasa_url}/model",
            params={"token": token},
            json={"model_file": str(model.resolve())},
            timeout=timeout,
        )
    except httpx.HTTPError as error:
        raise ServerError(f"Modellwechsel fehlgeschlagen: {error}") from None
    if reply.status_code != 204:
        raise ServerError(f"Modellwechsel abgelehnt ({reply.status_code}): {reply.text[:300]}")
    if loaded_model(rasa_url, token) != model.name:
        raise ServerError(f"Der Server meldet nach dem Wechsel nicht das neue Modell {model.name}")
    return time.monotonic() - started
