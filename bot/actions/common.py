"""What the answer actions share: a knowledge-base session and buttons that name an answer."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from bot.actions.choice import ENTRY_ENTITY
from bot.knowledge.db import database_url
from bot.knowledge.models import Entry, Topic
from bot.knowledge.snapshot import knowledge_copy


@contextmanager
def knowledge_session() -> Iterator[Session]:
    """A short read transaction on the action server's copy of the knowledge base (bot.knowledge.snapshot)."""
    with knowledge_copy(database_url()).session_factory().begin() as session:
        yield session


def entry_button(entry: Entry, language: str, title: str | None = None) -> dict[str, str]:
    """A button that asks for exactly this entry; its title is the entry's question in the language."""
    translated = entry.translation(language)
    title = title or (translated.question if translated and translated.question else entry.question)
    payload = f"/{entry.topic.intent}{json.dumps({ENTRY_ENTITY: entry.slug})}"
    return {"title": title, "payload": payload}


def topic_title(topic: Topic, language: str) -> str:
    """The topic's title in the language, German when it has none."""
    return topic.title_translations.get(language) or topic.title
