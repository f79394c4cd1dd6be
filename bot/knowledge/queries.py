"""Read-only queries on the knowledge base; every function takes the caller's session first."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.knowledge.models import EntityValue, Entry, LoadInfo, Topic
from bot.knowledge.text import normalise


def topic_by_intent(session: Session, intent: str) -> Topic | None:
    """The topic answered for a Rasa intent."""
    return session.scalar(select(Topic).where(Topic.intent == intent))


def topic_by_slug(session: Session, slug: str) -> Topic | None:
    """The topic with this slug."""
    return session.scalar(select(Topic).where(Topic.slug == slug))


def list_topics(session: Session) -> list[Topic]:
    """All topics, sorted by title."""
    return list(session.scalars(select(Topic).order_by(Topic.title, Topic.slug)))


def entry_by_facet(session: Session, topic_slug: str, facet: str) -> Entry | None:
    """The entry of a topic with this facet."""
    query = select(Entry).join(Entry.topic).where(Topic.slug == topic_slug, Entry.facet == facet)
    return session.scalar(query)


def resolve_entity(session: Session, kind: str, text: str) -> EntityValue | None:
    """The value of this kind whose name or alias equals the text (case, umlauts, punctuation ignored)."""
    wanted = normalise(text)
    if not wanted:
        return None
    values = session.scalars(select(EntityValue).where(EntityValue.kind == kind).order_by(EntityValue.id))
    for value in values:
        if wanted in {normalise(name) for name in [value.value, *value.aliases]}:
            return value
    return None


def last_load(session: Session) -> LoadInfo | None:
    """The most recent successful load of the knowledge files."""
    return session.scalar(select(LoadInfo).order_by(LoadInfo.id.desc()).limit(1))
