"""Read-only queries on the knowledge base; every function takes the caller's session first."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.knowledge.models import EntityValue, Entry, LoadInfo, Topic
from bot.knowledge.schema import PLACEHOLDER_FACETS
from bot.knowledge.text import normalise, words

# Keywords this short match only a whole word ("wer" must not match "werden").
SHORT_KEYWORD = 3


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


def _matches(keyword: list[str], text: list[str]) -> bool:
    """Whether the keyword's words start consecutive words of the text (short words must be equal)."""
    size = len(keyword)
    for start in range(len(text) - size + 1):
        window = text[start : start + size]
        if all(
            w == k if len(k) <= SHORT_KEYWORD else w.startswith(k)
            for k, w in zip(keyword, window, strict=True)
        ):
            return True
    return False


def keyword_score(keywords: list[str], text: str) -> tuple[int, int]:
    """How well keywords match a text: (words of all matching keywords, their letters) - higher is better."""
    text_words = words(text)
    matched_words = matched_letters = 0
    for keyword in keywords:
        keyword_words = words(keyword)
        if keyword_words and _matches(keyword_words, text_words):
            matched_words += len(keyword_words)
            matched_letters += sum(len(word) for word in keyword_words)
    return matched_words, matched_letters


def best_entry(session: Session, topic_slug: str, text: str) -> Entry | None:
    """The topic's entry whose keywords match the text best; no match or a tie gives the overview."""
    entries = list(
        session.scalars(select(Entry).join(Entry.topic).where(Topic.slug == topic_slug).order_by(Entry.id))
    )
    overview = next((entry for entry in entries if entry.facet == "overview"), None)
    scored = [
        (keyword_score(entry.keywords, text), entry)
        for entry in entries
        if entry.facet not in PLACEHOLDER_FACETS
    ]
    top = max((score for score, _ in scored), default=(0, 0))
    best = [entry for score, entry in scored if score == top]
    if top == (0, 0) or len(best) != 1:
        return overview
    return best[0]


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
