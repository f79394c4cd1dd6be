"""The gateway's parts on their own: pseudonyms, rate limits, buttons, rendering, settings, retries."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

from bot.ratelimit import ChatRateLimiter, Verdict
from bot.settings import Settings
from bot.telegram.config import check, pseudonym_salt, webhook_path
from bot.telegram.replies import ButtonPayloads, plain_links, render
from bot.telegram.retry import BotApiRetry
from bot.telegram.sender_id import Conversations, load_or_create_salt, sender_id
from bot.telegram.texts import CHOOSE

SALT = b"unit-test-salt-0123456789"
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")


# --- pseudonyms -----------------------------------------------------------------------------------------


def test_sender_id_is_the_hmac_of_the_chat_id() -> None:
    expected = hmac.new(SALT, b"123456789", hashlib.sha256).hexdigest()
    assert sender_id(123456789, SALT) == expected
    assert sender_id(123456789, b"another-salt-0123456") != expected
    assert sender_id(123456789, SALT, 1) != expected
    assert sender_id(-100123, SALT) != sender_id(100123, SALT)


def test_the_development_salt_is_created_once_with_mode_600(tmp_path: Path) -> None:
    path = tmp_path / "var" / "telegram_salt"
    salt = load_or_create_salt(path)
    assert len(salt) == 64
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_salt(path) == salt


def test_conversations_rotate_and_survive_a_restart(tmp_path: Path) -> None:
    state = tmp_path / "conversations.json"
    conversations = Conversations(SALT, state)
    first = conversations.current(42)
    assert first == sender_id(42, SALT)
    second = conversations.start_new(42)
    assert second != first and conversations.current(42) == second
    assert conversations.current(43) == sender_id(43, SALT)  # other chats keep theirs
    assert Conversations(SALT, state).current(42) == second
    stored = json.loads(state.read_text())
    assert stored == {first: 1}  # only the pseudonym and a counter, never the chat id
    assert stat.S_IMODE(state.stat().st_mode) == 0o600


# --- per-chat rate limit ------------------------------------------------------------------------------


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_token_bucket_warns_once_then_drops_then_recovers() -> None:
    clock = Clock()
    limiter = ChatRateLimiter(burst=3, rate=0.5, clock=clock)
    verdicts = [limiter.check(1) for _ in range(6)]
    assert verdicts == [Verdict.ALLOW] * 3 + [Verdict.WARN, Verdict.DROP, Verdict.DROP]
    assert limiter.check(2) is Verdict.ALLOW  # another chat is not affected
    clock.now = 2.0  # one token back
    assert [limiter.check(1) for _ in range(3)] == [Verdict.ALLOW, Verdict.WARN, Verdict.DROP]
    clock.now = 100.0
    assert [limiter.check(1) for _ in range(4)] == [Verdict.ALLOW] * 3 + [Verdict.WARN]


def test_idle_chats_are_forgotten() -> None:
    clock = Clock()
    limiter = ChatRateLimiter(burst=2, rate=1.0, clock=clock, max_chats=10)
    for chat in range(10):
        limiter.check(chat)
    clock.now = 5.0
    limiter.check(99)
    assert len(limiter._buckets) == 1


# --- buttons and rendering ----------------------------------------------------------------------------


def test_short_payloads_are_the_callback_data_long_ones_get_a_key() -> None:
    payloads = ButtonPayloads()
    assert payloads.encode("/ask_hsu") == "/ask_hsu"
    long_payload = '/choose{"topic": "Hof- und Fassadenprogramm Huckarde-Nord, Förderbedingungen"}'
    key = payloads.encode(long_payload)
    assert len(key.encode()) <= 64 and key != long_payload
    assert payloads.decode(key) == long_payload
    assert payloads.decode("/ask_hsu") == "/ask_hsu"
    assert payloads.decode("#ffffffffffffffffffffffff") is None
    assert payloads.encode("#hash") != "#hash"  # a payload that looks like a key is mapped, too


def test_payload_keys_are_bounded() -> None:
    payloads = ButtonPayloads(capacity=2)
    keys = [payloads.encode("/x" + "y" * 70 + str(n)) for n in range(3)]
    assert payloads.decode(keys[0]) is None and payloads.decode(keys[2]) is not None


def test_markdown_links_become_plain_urls() -> None:
    assert plain_links("Mehr: [Stadt Dortmund](https://www.dortmund.de/hsu).") == (
        "Mehr: Stadt Dortmund (https://www.dortmund.de/hsu)."
    )
    assert plain_links("[https://www.dortmund.de/](https://www.dortmund.de/)") == "https://www.dortmund.de/"
    assert plain_links("Kein [Link] (hier)") == "Kein [Link] (hier)"


def test_render_text_buttons_images_and_empty() -> None:
    payloads = ButtonPayloads()
    replies: list[dict[str, Any]] = [
        {"recipient_id": "x", "text": "Hallo"},
        {"recipient_id": "x", "image": "https://www.dortmund.de/bild.png"},
        {"recipient_id": "x", "text": "Welches Thema?", "buttons": [{"title": "HSU", "payload": "/ask_hsu"}]},
        {
            "recipient_id": "x",
            "buttons": [{"title": "Ja", "payload": "/affirm"}, {"title": "", "payload": "/x"}],
        },
        {"recipient_id": "x", "custom": {"something": 1}},
    ]
    messages = render(replies, payloads, CHOOSE["de"])
    assert [m.text for m in messages] == [
        "Hallo",
        "https://www.dortmund.de/bild.png",
        "Welches Thema?",
        "Bitte wählen Sie:",
    ]
    assert messages[0].keyboard is None
    assert [[b.text for b in row] for row in messages[2].keyboard.inline_keyboard] == [["HSU"]]
    assert [[b.callback_data for b in row] for row in messages[3].keyboard.inline_keyboard] == [["/affirm"]]
    assert render([], payloads, CHOOSE["de"]) == []


# --- settings -----------------------------------------------------------------------------------------

TELEGRAM_ENV = ("TELEGRAM_", "RASA_URL", "RASA_TIMEOUT", "RASA_PORT")


def gateway_settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> Settings:
    """bot.settings.Settings as the gateway reads them, from exactly these Telegram variables."""
    for name in list(os.environ):
        if name.startswith(TELEGRAM_ENV):
            monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return Settings()


def test_settings_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = gateway_settings(monkeypatch, TELEGRAM_BOT_TOKEN="1:abc")
    check(settings)
    assert settings.rasa_url == "http://localhost:5005"
    assert not settings.telegram_webhook_url and not settings.telegram_api_url
    assert settings.telegram_webhook_port == 8443 and settings.rasa_timeout_seconds == 10.0
    assert pseudonym_salt(settings, tmp_path / "salt") == (tmp_path / "salt").read_bytes().strip()
    moved = gateway_settings(monkeypatch, TELEGRAM_BOT_TOKEN="1:abc", RASA_PORT="5999")
    assert moved.rasa_url == "http://localhost:5999"  # follows the port `make run` gives Rasa


def test_the_token_and_the_keys_are_not_shown_in_a_logged_settings_object(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    env = {
        "TELEGRAM_BOT_TOKEN": "1:bot-token",
        "TELEGRAM_ID_SALT": "salt-" * 4,
        "TELEGRAM_WEBHOOK_SECRET": "s3cret-of-the-webhook",
    }
    shown = repr(gateway_settings(monkeypatch, **env))
    assert not [value for value in env.values() if value in shown]


def test_settings_for_a_webhook_and_a_self_hosted_api(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = gateway_settings(
        monkeypatch,
        TELEGRAM_BOT_TOKEN="1:abc",
        TELEGRAM_API_URL="http://127.0.0.1:8081/bot",
        TELEGRAM_WEBHOOK_URL="https://bot.example.org/telegram/hook",
        TELEGRAM_WEBHOOK_SECRET="s3cret_-",
        TELEGRAM_ID_SALT="a-long-random-production-salt",
        RASA_URL="http://rasa:5005",
    )
    check(settings)
    assert settings.telegram_api_url == "http://127.0.0.1:8081/bot"
    assert webhook_path(settings) == "telegram/hook" and settings.telegram_webhook_port == 8443
    assert pseudonym_salt(settings) == b"a-long-random-production-salt"
    assert settings.rasa_url == "http://rasa:5005"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "TELEGRAM_BOT_TOKEN"),
        ({"TELEGRAM_WEBHOOK_URL": "https://x/h", "TELEGRAM_WEBHOOK_SECRET": "ok"}, "TELEGRAM_ID_SALT"),
        ({"TELEGRAM_WEBHOOK_URL": "https://x/h", "TELEGRAM_ID_SALT": "s" * 16}, "TELEGRAM_WEBHOOK_SECRET"),
        (
            {
                "TELEGRAM_WEBHOOK_URL": "https://x/h",
                "TELEGRAM_ID_SALT": "s" * 16,
                "TELEGRAM_WEBHOOK_SECRET": "a b",
            },
            "TELEGRAM_WEBHOOK_SECRET",
        ),
        ({"TELEGRAM_ID_SALT": "short"}, "TELEGRAM_ID_SALT"),
        ({"TELEGRAM_WEBHOOK_PORT": "port"}, "TELEGRAM_WEBHOOK_PORT"),
        ({"TELEGRAM_RATE_BURST": "0"}, "TELEGRAM_RATE_BURST"),
        ({"RASA_TIMEOUT": "-1"}, "RASA_TIMEOUT"),
    ],
)
def test_bad_settings_are_named(env: dict[str, str], message: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if env:
        env = {"TELEGRAM_BOT_TOKEN": "1:abc", **env}
    with pytest.raises(ValueError, match=message):
        check(gateway_settings(monkeypatch, **env))


# --- Bot API retries ----------------------------------------------------------------------------------


def _run_with_failures(
    failures: list[Exception], attempts: int = 4, waits: list[float] | None = None
) -> tuple[list[str], object]:
    """Run a request through BotApiRetry that fails with `failures` first; returns calls and result."""
    calls: list[str] = []
    waited = waits if waits is not None else []

    async def sleep(seconds: float) -> None:
        waited.append(seconds)

    async def request() -> bool:
        calls.append("call")
        if len(calls) <= len(failures):
            raise failures[len(calls) - 1]
        return True

    retry = BotApiRetry(attempts=attempts, backoff=0.01, sleep=sleep)
    try:
        result: object = asyncio.run(retry.process_request(request, (), {}, "sendMessage", {}, None))
    except Exception as error:  # noqa: BLE001 (the test inspects it)
        result = error
    return calls, result


def test_retry_after_and_network_errors_are_retried() -> None:
    calls, result = _run_with_failures([RetryAfter(0), TimedOut(), NetworkError("Bad Gateway")])
    assert result is True and len(calls) == 4


def test_retries_are_bounded() -> None:
    calls, result = _run_with_failures([NetworkError("down")] * 10, attempts=3)
    assert isinstance(result, NetworkError) and len(calls) == 3


def test_bad_requests_and_long_flood_waits_are_not_retried() -> None:
    calls, result = _run_with_failures([BadRequest("Message is too long")])
    assert isinstance(result, BadRequest) and len(calls) == 1
    calls, result = _run_with_failures([RetryAfter(3600)])
    assert isinstance(result, RetryAfter) and len(calls) == 1


def test_a_long_flood_wait_is_waited_out_and_the_reply_still_sent() -> None:
    """Telegram asks to wait 45 s (over the 30 s network backoff cap): the answer arrives late, not never."""
    waits: list[float] = []
    calls, result = _run_with_failures([RetryAfter(45)], waits=waits)
    assert result is True and len(calls) == 2
    assert waits == [45]
