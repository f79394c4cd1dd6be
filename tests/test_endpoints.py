"""The Rasa endpoints file written from the environment."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.endpoints import write_endpoints
from bot.settings import Settings


def test_defaults_are_a_sqlite_tracker_store_and_no_broker(tmp_path: Path) -> None:
    settings = Settings(tracker_store_url=f"sqlite:///{tmp_path / 't.db'}", action_port=5999, api_token="t")
    config = yaml.safe_load(write_endpoints(settings, tmp_path / "endpoints.yml").read_text())
    assert config["action_endpoint"]["url"] == "http://127.0.0.1:5999/webhook"
    assert config["tracker_store"] == {
        "type": "bot.tracker_store.ConversationStore",
        "dialect": "sqlite",
        "db": str(tmp_path / "t.db"),
    }
    assert "lock_store" not in config and "event_broker" not in config


def test_production_urls_become_postgresql_redis_and_rabbitmq(tmp_path: Path) -> None:
    settings = Settings(
        tracker_store_url="postgresql://bot:secret@db.internal:5433/tracker",
        lock_store_url="redis://:pw@cache:6380/2",
        event_broker_url="amqp://user:pass@mq:5673/",
        event_broker_queue="events",
        api_token="t",
    )
    config = yaml.safe_load(write_endpoints(settings, tmp_path / "endpoints.yml").read_text())
    assert config["tracker_store"] == {
        "type": "bot.tracker_store.ConversationStore",
        "dialect": "postgresql",
        "url": "db.internal",
        "port": 5433,
        "db": "tracker",
        "username": "bot",
        "password": "secret",
    }
    assert config["lock_store"] == {
        "type": "redis",
        "url": "cache",
        "port": 6380,
        "db": 2,
        "password": "pw",
        "key_prefix": "dortmund_bot",
    }
    assert config["event_broker"] == {
        "type": "pika",
        "url": "mq",
        "port": 5673,
        "username": "user",
        "password": "pass",
        "queues": ["events"],
    }
