"""Installs the guards into the Rasa server process and adds its /health endpoint (Rasa environment)."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable
from typing import Any

from bot.editor.redact import redact
from bot.guard import actions, messages
from bot.settings import Settings

logger = logging.getLogger(__name__)

HEALTH_CHECK_SECONDS = 2.0
HEALTH_SENDER = "health-check"  # a conversation id nobody uses: reading it costs one indexed query


def redacting_record_factory(factory: Any) -> Any:
    """A log record factory whose messages have personal data replaced (Rasa logs message texts)."""

    def make_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = factory(*args, **kwargs)
        try:
            record.msg, record.args = redact(record.getMessage()), None
        except Exception:  # noqa: BLE001 - a record that cannot be formatted stays as it is
            pass
        return record

    return make_record


async def check(probe: Any) -> str:
    """ "ok", or what went wrong, within HEALTH_CHECK_SECONDS."""
    try:
        await asyncio.wait_for(probe(), HEALTH_CHECK_SECONDS)
    except asyncio.TimeoutError:
        return f"no answer within {HEALTH_CHECK_SECONDS:.0f} s"
    except Exception as error:  # noqa: BLE001 - reported, not raised
        return f"error: {type(error).__name__}"
    return "ok"


async def action_server_probe(agent: Any) -> None:
    """GET the action server's /health."""
    import aiohttp

    url = agent.action_endpoint.url.rsplit("/", 1)[0] + "/health"
    async with aiohttp.ClientSession() as session, session.get(url) as reply:
        reply.raise_for_status()


async def health_report(app: Any, breaker: actions.Breaker) -> dict[str, Any]:
    """The state of each part the bot needs to answer."""
    agent = app.ctx.agent
    parts: dict[str, str] = {"model": "ok" if agent and agent.is_ready() else "not loaded"}
    if agent is not None:
        parts["conversation_store"] = await check(lambda: agent.tracker_store.retrieve(HEALTH_SENDER))
        parts["action_server"] = await check(lambda: action_server_probe(agent))
        if parts["action_server"] == "ok" and not breaker.healthy:
            parts["action_server"] = "recovering"
    return {"status": "ok" if set(parts.values()) == {"ok"} else "degraded", "parts": parts}


def install_app_settings(settings: Settings, breaker: actions.Breaker) -> None:
    """Wrap rasa.core.run.configure_app: request size limit and the /health route."""
    import rasa.core.run
    from sanic import response

    configure_app = rasa.core.run.configure_app

    def configured_app(*args: Any, **kwargs: Any) -> Any:
        """Rasa's app with REQUEST_MAX_SIZE from the settings and GET /health."""
        app = configure_app(*args, **kwargs)
        app.config.REQUEST_MAX_SIZE = settings.request_max_bytes

        async def health(request: Any) -> Any:
            report = await health_report(request.app, breaker)
            return response.json(report, status=200 if report["status"] == "ok" else 503)

        app.add_route(health, "/health", methods=["GET"])
        return app

    rasa.core.run.configure_app = configured_app


def install_broker_expiry() -> None:
    """Events sent to RabbitMQ expire after the retention period, like the conversations they come from."""
    import datetime as dt

    from rasa.core.brokers.pika import PikaEventBroker

    from bot.settings import RETENTION_DAYS

    make_message = PikaEventBroker._message

    def expiring_message(self: PikaEventBroker, event: dict[str, Any], headers: Any) -> Any:
        """Rasa's persistent message with a per-message TTL (RabbitMQ drops it when it expires)."""
        message = make_message(self, event, headers)
        message.expiration = dt.timedelta(days=RETENTION_DAYS)
        return message

    PikaEventBroker._message = expiring_message


def token_from_environment(settings: Settings, argv: list[str]) -> None:
    """Give Rasa the API token as an argument inside this process, so it never shows in the process list."""
    if "--auth-token" not in argv and "--enable-api" in argv:
        argv += ["--auth-token", settings.api_token]


def install(on_action_fault: Callable[[], None] = lambda: None) -> None:
    """Every guard: typed text, size limits, fault answers (each calls `on_action_fault`), redacted logs,
    /health, token from the env."""
    settings = Settings()
    logging.setLogRecordFactory(redacting_record_factory(logging.getLogRecordFactory()))
    messages.install()
    timeout, cooldown = settings.action_timeout_seconds, settings.fault_cooldown_seconds
    breaker = actions.install(timeout, cooldown, on_action_fault)
    install_app_settings(settings, breaker)
    install_broker_expiry()
    token_from_environment(settings, sys.argv)
