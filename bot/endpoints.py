"""Write the Rasa endpoints file (action server, tracker store, lock store, event broker) from settings."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import yaml
from sqlalchemy.engine import make_url

from bot.settings import VAR, Settings

CONVERSATION_STORE = "bot.tracker_store.ConversationStore"


def tracker_store(url: str, timeout: float = 2.0) -> dict[str, Any]:
    """The conversation store (Rasa's SQL tracker store, see bot.tracker_store) for SQLite or PostgreSQL.

    The URL's options (e.g. sslmode=verify-full) are kept; PostgreSQL gets a connect and a statement timeout,
    so that a store that is down or hung is answered with the fault message within seconds.
    """
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
        "query": {
            "connect_timeout": str(max(1, round(timeout))),
            "options": f"-c statement_timeout={round(timeout * 1000)}",
            **dict(parsed.query),
        },
    }
    return {key: value for key, value in store.items() if value is not None}


LOCK_STORE = "bot.lock_store.FifoRedisLockStore"


def lock_store(url: str, lifetime: float = 20.0) -> dict[str, Any]:
    """The lock store for a redis:// URL: bot.lock_store's, which holds across several Rasa servers."""
    parsed = make_url(url)
    store = {
        "type": LOCK_STORE,
        "url": parsed.host,
        "port": parsed.port or 6379,
        "db": int(parsed.database or 0),
        "use_ssl": parsed.drivername == "rediss",
    }
    if parsed.password:
        store["password"] = parsed.password
    return store | {"key_prefix": "dortmund_bot", "lock_lifetime": lifetime}


def event_broker(url: str, queue: str) -> dict[str, Any]:
    """Rasa's RabbitMQ (pika) event broker for an amqp:// or amqps:// URL, keeping its vhost and options."""
    parts = urlsplit(url)
    parsed = make_url(url.replace(f"{parts.scheme}://", "amqp+pika://", 1))
    port = parsed.port or (5671 if parts.scheme == "amqps" else 5672)
    host = parsed.host
    if parts.scheme == "amqps" or parts.path.strip("/") or parts.query:
        # Rasa's broker takes a URL as host: TLS (amqps), the vhost and options stay in it.
        host = urlunsplit((parts.scheme, f"{parsed.host}:{port}", parts.path, parts.query, ""))
    return {
        "type": "pika",
        "url": host,
        "port": port,
        "username": parsed.username or "guest",
        "password": parsed.password or "guest",
        "queues": [queue],
    }


def endpoints(settings: Settings) -> dict[str, Any]:
    """The endpoints configuration; lock store and event broker only when their URLs are set."""
    config: dict[str, Any] = {
        "action_endpoint": {
            "url": settings.action_server_url or f"http://127.0.0.1:{settings.action_port}/webhook",
            # the domain is not posted with every action call; the actions read its responses themselves
            "enable_selective_domain": True,
        },
        "tracker_store": tracker_store(settings.tracker_store_url, settings.database_timeout_seconds),
    }
    if settings.lock_store_url:
        config["lock_store"] = lock_store(settings.lock_store_url, settings.lock_lifetime_seconds)
    if settings.event_broker_url:
        config["event_broker"] = event_broker(settings.event_broker_url, settings.event_broker_queue)
    return config


def write_endpoints(settings: Settings, path: Path) -> Path:
    """Write the endpoints file (it holds database passwords: mode 600) and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.chmod(0o600)
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
