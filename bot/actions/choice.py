"""Which knowledge entry answers the latest message: topic from the intent, a named thing or the conversation;
entry from a named thing, else from the learnt ranking of the topic's entries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.knowledge import queries
from bot.knowledge.models import EntityValue, Entry, Topic
from bot.knowledge.schema import ENTITY_FACETS, ENTITY_KINDS, PLACEHOLDER_FACETS

# The entity a button carries to name its answer directly ("/ask_hsu{"knowledge_entry": "hsu_deadline"}").
ENTRY_ENTITY = "knowledge_entry"
# Below this confidence, with a runner-up of at least UNSURE_SECOND, the resident chooses between the two.
UNSURE_BELOW = 0.45
UNSURE_SECOND = 0.20
# A ranking this sure of an entry that is not about a named value answers although the message names one:
# "Does HSU need a Polish passport?" asks whether nationality matters, not whether Polish is taught.
SURE_RANKING = 0.9


@dataclass
class Choice:
    """The chosen topic and entry, values for its placeholders, two alternatives when unsure, and the
    ranking's confidence in the entry (0 when the ranking did not choose it)."""

    topic: Topic | None = None
    entry: Entry | None = None
    placeholders: dict[str, str] = field(default_factory=dict)
    alternatives: list[Entry] = field(default_factory=list)
    confidence: float = 0.0


def _entry(session: Session, slug: str) -> Entry | None:
    """The entry with this slug."""
    return session.scalar(select(Entry).where(Entry.slug == slug))


def named_values(session: Session, parse: dict[str, Any]) -> list[EntityValue]:
    """The knowledge-base values (languages, districts, partner cities ...) named in the message."""
    found = []
    for entity in parse.get("entities") or []:
        if entity.get("entity") in ENTITY_KINDS:
            value = queries.resolve_entity(session, entity["entity"], str(entity.get("value", "")))
            if value is not None and value not in found:
                found.append(value)
    return found


def _topic(
    session: Session, parse: dict[str, Any], named: list[EntityValue], current: str | None
) -> Topic | None:
    """The topic of the intent; for a follow-up, the topic of a named thing, else the conversation's."""
    intent = (parse.get("intent") or {}).get("name") or ""
    topic = queries.topic_by_intent(session, intent)
    if topic is not None:
        return topic
    if named:
        return named[0].topic
    return queries.topic_by_slug(session, current) if current else None


def _by_named_value(session: Session, topic: Topic, named: list[EntityValue]) -> Choice | None:
    """The entry about a named value, or the template for covered/not covered values of its kind."""
    for value in (v for v in named if v.topic_id == topic.id):
        about = next((entry for entry in topic.entries if entry.about == value.value), None)
        if about is not None:
            return Choice(topic, about)
        facet = ENTITY_FACETS.get((value.kind, value.covered))
        template = queries.entry_by_facet(session, topic.slug, facet) if facet else None
        if template is not None:
            return Choice(topic, template, {PLACEHOLDER_FACETS[facet]: value.value})
    return None


def _by_ranking(session: Session, topic: Topic, parse: dict[str, Any]) -> Choice:
    """The likeliest entry of the topic; two alternatives when the ranking is unsure."""
    ranking = (parse.get("answer_ranking") or {}).get(topic.slug) or []
    ranked = [(item["confidence"], _entry(session, item["entry"])) for item in ranking]
    ranked = [
        (confidence, entry)
        for confidence, entry in ranked
        if entry is not None and entry.topic_id == topic.id
    ]
    if not ranked:
        return Choice(topic, queries.entry_by_facet(session, topic.slug, "overview"))
    choice = Choice(topic, ranked[0][1], confidence=ranked[0][0])
    if len(ranked) > 1 and ranked[0][0] < UNSURE_BELOW and ranked[1][0] >= UNSURE_SECOND:
        choice.alternatives = [ranked[0][1], ranked[1][1]]
    return choice


def choose_entry(session: Session, parse: dict[str, Any], current_topic: str | None) -> Choice:
    """The answer to the message `parse` (Rasa's parse data) in a conversation about `current_topic`."""
    for entity in parse.get("entities") or []:
        if entity.get("entity") == ENTRY_ENTITY:
            entry = _entry(session, str(entity.get("value")))
            if entry is not None:
                return Choice(entry.topic, entry)
    named = named_values(session, parse)
    topic = _topic(session, parse, named, current_topic)
    if topic is None:
        return Choice()
    ranked = _by_ranking(session, topic, parse)
    by_name = _by_named_value(session, topic, named)
    if by_name is None or _sure_of_other_entry(ranked):
        return ranked
    return by_name


def _sure_of_other_entry(ranked: Choice) -> bool:
    """The ranking is sure of an entry that neither is about a value nor answers for a named value."""
    entry = ranked.entry
    return (
        entry is not None
        and ranked.confidence >= SURE_RANKING
        and entry.about is None
        and entry.facet not in PLACEHOLDER_FACETS
    )
