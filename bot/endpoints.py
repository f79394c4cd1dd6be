"""Write the Rasa endpoints file (action server, tracker store, lock store, event broker) from settings."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.engine import make_url

from bot.settings import VAR, Settings

CONVERSATION_STORE = "bot.tracker_store.ConversationStore"


def tracker_store(url: str) -> dict[str, Any]:
    """The conversation store (Rasa's SQL tracker store, see bot.tracker_store) for SQLite or PostgreSQL."""
    parsed = make_url(url)
    dialect = parsed.get_backend_name()
    if dialect == "sqlite":
        return {"type": CONVERSATION_STORE, "dialect": "sqlite", "db": parsed.database}
    store = {
        "type": CONVERSATION_STORE,
        "dialect": dialect,
        "url": parsed.host or "localhost",
        "port": parsed.port or 5432,
        "db": parsed.database,
        "username": parsed.username,
        "password": parsed.password or "",
    }
    return {key: value for key, value in store.items() if value is not None}


def lock_store(url: str) -> dict[str, Any]:
    """Rasa's Redis lock store for a redis:// URL."""
    parsed = make_url(url)
    store = {
        "type": "redis",
        "url": parsed.host,
        "port": parsed.port or 6379,
        "db": int(parsed.database or 0),
    }
    if parsed.password:
        store["password"] = parsed.password
    return store | {"key_prefix": "dortmund_bot"}


def event_broker(url: str, queue: str) -> dict[str, Any]:
    """Rasa's RabbitMQ (pika) event broker for an amqp:// URL."""
    parsed = make_url(url.replace("amqp://", "amqp+pika://", 1))
    return {
        "type": "pika",
        "url": parsed.host,
        "port": parsed.port or 5672,
        "username": parsed.username or "guest",
        "password": parsed.password or "guest",
        "queues": [queue],
    }


def endpoints(settings: Settings) -> dict[str, Any]:
    """The endpoints configuration; lock store and event broker only when their URLs are set."""
    config: dict[str, Any] = {
        "action_endpoint": {"url": f"http://127.0.0.1:{settings.action_port}/webhook"},
        "tracker_store": tracker_store(settings.tracker_store_url),
    }
    if settings.lock_store_url:
        config["lock_store"] = lock_store(settings.lock_store_url)
    if settings.event_broker_url:
        config["event_broker"] = event_broker(settings.event_broker_url, settings.event_broker_queue)
    return config


def write_endpoints(settings: Settings, path: Path) -> Path:
    """Write the endpoints file and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(endpoints(settings), sort_keys=False))
    return path


def main() -> None:
    """Command line: write var/endpoints.yml from the environment."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output", type=Path, default=VAR / "endpoints.yml")
    args = parser.parse_args()
    print(f"endpoints written to {write_endpoints(Settings(), args.output)}")


if __name__ == "__main__":
    main()
