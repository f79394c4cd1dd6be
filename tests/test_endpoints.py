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
        "query": {"connect_timeout": "2", "options": "-c statement_timeout=2000"},
    }
    assert config["lock_store"] == {
        "type": "bot.lock_store.FifoRedisLockStore",
        "url": "cache",
        "port": 6380,
        "db": 2,
        "password": "pw",
        "use_ssl": False,
        "key_prefix": "dortmund_bot",
        "lock_lifetime": 20.0,
    }
    assert config["event_broker"] == {
        "type": "pika",
        "url": "mq",
        "port": 5673,
        "username": "user",
        "password": "pass",
        "queues": ["events"],
    }


def test_tls_options_and_vhosts_are_kept_and_the_file_is_private(tmp_path: Path) -> None:
    """TLS settings in the store URLs reach Rasa; the file with passwords is readable by its owner only."""
    settings = Settings(
        tracker_store_url="postgresql://bot:secret@db:5432/tracker?sslmode=verify-full",
        lock_store_url="rediss://:pw@cache:6380/0",
        event_broker_url="amqps://user:pass@mq/city-vhost?heartbeat=30",
        api_token="t",
    )
    path = write_endpoints(settings, tmp_path / "endpoints.yml")
    config = yaml.safe_load(path.read_text())
    assert config["tracker_store"]["query"]["sslmode"] == "verify-full"
    assert config["lock_store"]["use_ssl"] is True
    assert config["event_broker"]["url"] == "amqps://mq:5671/city-vhost?heartbeat=30"
    assert config["event_broker"]["port"] == 5671
    assert path.stat().st_mode & 0o777 == 0o600


def test_the_action_server_may_be_elsewhere(tmp_path: Path) -> None:
    """Behind a load balancer (make cluster, Kubernetes) Rasa calls action servers at ACTION_SERVER_URL."""
    settings = Settings(action_server_url="http://actions:5055/webhook", api_token="t")
    config = yaml.safe_load(write_endpoints(settings, tmp_path / "endpoints.yml").read_text())
    assert config["action_endpoint"]["url"] == "http://actions:5055/webhook"
