"""Webhook mode: the gateway registers its URL with a secret token and rejects requests without it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.stack import free_port
from tests.telegram.fake_rasa import FakeRasa
from tests.telegram.gateway import GatewayProcess, wait_until
from tests.telegram.standin import BotApiStandIn

SECRET = "webhook-secret_0123456789"


@pytest.fixture(scope="module")
def webhook_gateway(
    api: BotApiStandIn, fake_rasa: FakeRasa, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GatewayProcess]:
    """The gateway in webhook mode on a free loopback port."""
    port = free_port()
    process = GatewayProcess(
        api,
        fake_rasa.url,
        tmp_path_factory.mktemp("webhook"),
        TELEGRAM_WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram/hook",
        TELEGRAM_WEBHOOK_SECRET=SECRET,
        TELEGRAM_WEBHOOK_LISTEN="127.0.0.1",
        TELEGRAM_WEBHOOK_PORT=str(port),
    )
    process.start(ready_method="setWebhook")
    wait_until(lambda: _listening(port), 15, "the webhook port")
    yield process
    process.stop()


def _listening(port: int) -> bool:
    """Something answers HTTP on the port."""
    try:
        httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
    except httpx.TransportError:
        return False
    return True


def _post(url: str, update: dict, secret: str | None) -> int:
    """POST an update like Telegram does; returns the HTTP status."""
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    return httpx.post(url, json=update, headers=headers, timeout=10).status_code


def test_the_webhook_is_registered_with_its_secret(
    api: BotApiStandIn, webhook_gateway: GatewayProcess
) -> None:
    registration = api.calls_of("setWebhook")[-1].params
    assert registration["url"] == webhook_gateway.env["TELEGRAM_WEBHOOK_URL"]
    assert registration["secret_token"] == SECRET
    assert set(registration["allowed_updates"]) == {"message", "callback_query"}
    assert not api.calls_of("getUpdates")


def test_requests_without_the_right_secret_are_refused(
    api: BotApiStandIn, webhook_gateway: GatewayProcess, fake_rasa: FakeRasa, chat_id: int
) -> None:
    url = webhook_gateway.env["TELEGRAM_WEBHOOK_URL"]
    forged = {"update_id": 90001, **api.text_update(chat_id, "Gefälschte Nachricht")}
    assert _post(url, forged, "wrong-secret") == 403
    assert _post(url, forged, None) == 403
    genuine = {"update_id": 90002, **api.text_update(chat_id, "Echte Nachricht")}
    assert _post(url, genuine, SECRET) == 200
    assert api.wait_for_texts(chat_id, 1) == ["Antwort auf: Echte Nachricht"]
    assert fake_rasa.messages_from(webhook_gateway.sender_for(chat_id)) == ["Echte Nachricht"]
