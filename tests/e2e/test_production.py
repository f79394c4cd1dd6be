"""The production configuration for real: PostgreSQL stores, Redis lock store, RabbitMQ event broker."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pika
import pytest
import redis
from sqlalchemy import create_engine, text

from bot.retention import RETENTION_DAYS, purge
from tests.stack import Stack, running_stack

pytestmark = pytest.mark.e2e

POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
REDIS = "redis://127.0.0.1:6379/3"
RABBITMQ = "amqp://guest:guest@127.0.0.1:5672/"
QUEUE = f"dortmund_bot_test_{uuid.uuid4().hex[:6]}"


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The stack with the production services of this machine."""
    with running_stack(
        Path(tmp_path_factory.mktemp("production")),
        knowledge_url="postgresql+psycopg://postgres@127.0.0.1:5432/test",
        tracker_store_url=POSTGRES,
        lock_store_url=REDIS,
        event_broker_url=RABBITMQ,
        event_broker_queue=QUEUE,
    ) as running:
        yield running
    with pika.BlockingConnection(pika.URLParameters(RABBITMQ)) as connection:
        connection.channel().queue_delete(QUEUE)


def test_conversation_is_stored_in_postgresql_and_survives_a_restart(production: Stack) -> None:
    sender = f"prod-{uuid.uuid4().hex[:8]}"
    assert "27" in production.texts("Wie viele Mitglieder hat der Integrationsrat?", sender)
    production.restart_rasa()
    assert "Quelle:" in production.texts("Wer darf ihn wählen?", sender)
    engine = create_engine(POSTGRES.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT data FROM events WHERE sender_id = :sender AND type_name = 'user'"),
            {"sender": sender},
        ).all()
    assert [json.loads(row.data)["text"] for row in rows] == [
        "Wie viele Mitglieder hat der Integrationsrat?",
        "Wer darf ihn wählen?",
    ]


def test_events_reach_rabbitmq_redacted_and_expire_after_the_retention_period(production: Stack) -> None:
    sender = f"prod-{uuid.uuid4().hex[:8]}"
    production.texts("Was ist HSU? Schreiben Sie an erika.muster@example.org", sender)
    with pika.BlockingConnection(pika.URLParameters(RABBITMQ)) as connection:
        channel = connection.channel()
        messages = []
        while (message := channel.basic_get(QUEUE, auto_ack=True))[0] is not None:
            messages.append((message[1], json.loads(message[2])))
    user = [e for _, e in messages if e.get("sender_id") == sender and e.get("event") == "user"]
    assert user and "example.org" not in json.dumps(user)
    assert {properties.expiration for properties, _ in messages} == {str(RETENTION_DAYS * 86_400_000)}


def test_messages_take_the_redis_lock(production: Stack) -> None:
    client = redis.Redis.from_url(REDIS)
    before = client.info("commandstats").get("cmdstat_evalsha", {}).get("calls", 0)
    production.texts("Was ist HSU?", f"prod-{uuid.uuid4().hex[:8]}")
    after = client.info("commandstats").get("cmdstat_evalsha", {}).get("calls", 0)
    assert after > before


def test_conversations_past_the_retention_period_are_deleted(production: Stack) -> None:
    sender = f"prod-{uuid.uuid4().hex[:8]}"
    production.texts("Was ist der Integrationsrat?", sender)
    purge(POSTGRES)  # today: this conversation is kept
    assert any(e["event"] == "user" for e in production.tracker(sender)["events"])
    a_month_later = time.time() + (RETENTION_DAYS + 1) * 86400
    assert purge(POSTGRES, now=a_month_later) >= 3
    assert not any(e["event"] == "user" for e in production.tracker(sender)["events"])
    # the resident can still write: a new conversation begins
    assert "freiwillig" in production.texts("Was ist HSU?", sender)
