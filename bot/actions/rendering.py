"""An entry of the knowledge base as the resident reads it: text, notes, sources and as-of date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from babel.dates import format_date

from bot.actions.texts import interface_text
from bot.knowledge.models import Entry
from bot.language import DEFAULT_LANGUAGE
from bot.settings import Settings

# A line break inside a sentence (not after . : ! ? or a blank line, not before a bullet).
BREAK_INSIDE_SENTENCE = re.compile(r"(?<![.:!?)\n])\n(?![\n•])")


def format_as_of(as_of: str | None, language: str, domain: dict[str, Any]) -> str:
    """The as-of value with the precision it has: a day, "September 2025" or "2025"; never an invented day."""
    if not as_of:
        return interface_text(domain, "utter_answer_undated", language)
    parts = [int(part) for part in as_of.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    day = date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
    pattern = "medium" if len(parts) == 3 else "MMMM y"
    return format_date(day, format=pattern, locale=language.split("-")[0])


def full_address(source: str) -> str:
    """A source as a link: pages of the bot itself (/datenschutz) get the bot's public address."""
    return Settings().public_url.rstrip("/") + source if source.startswith("/") else source


@dataclass(frozen=True)
class Answer:
    """A knowledge-base entry copied out of its session, in the language it will be shown in."""

    text: str
    sources: tuple[str, ...]
    as_of: str | None
    uncertain: str | None
    outdated: bool
    official_url: str
    language: str
    translation: str  # "original", "reviewed", "unreviewed" or "missing"

    @classmethod
    def from_entry(cls, entry: Entry, language: str, today: date, placeholders: dict[str, str]) -> Answer:
        """The entry's text in the language (German when there is none), placeholders filled."""
        translated = entry.translation(language) if language != DEFAULT_LANGUAGE else None
        if language == DEFAULT_LANGUAGE:
            state = "original"
        else:
            state = "missing" if translated is None else ("reviewed" if translated.reviewed else "unreviewed")
        text = (translated.answer if translated else entry.answer).strip()
        text = BREAK_INSIDE_SENTENCE.sub(" ", text)
        for key, value in placeholders.items():
            text = text.replace("{" + key + "}", value)
        return cls(
            text=text,
            sources=(entry.source_url, *entry.more_sources),
            as_of=entry.as_of,
            uncertain=translated.uncertain if translated else entry.uncertain,
            outdated=entry.review_by is not None and entry.review_by < today,
            official_url=entry.topic.official_url,
            language=language,
            translation=state,
        )

    @property
    def text_language(self) -> str:
        """The language the answer's text is written in (German when there is no translation)."""
        return DEFAULT_LANGUAGE if self.translation == "missing" else self.language

    def render(self, domain: dict[str, Any]) -> str:
        """The text, then notes (uncertain, out of date, translation), then source and as-of date."""
        language = self.language
        parts = [self.text]
        if self.translation == "missing":
            parts.insert(0, interface_text(domain, "utter_answer_untranslated_note", language))
        if self.uncertain:
            parts.append(
                interface_text(domain, "utter_answer_uncertain_note", language, uncertain=self.uncertain)
            )
        if self.outdated:
            parts.append(
                interface_text(domain, "utter_answer_outdated_note", language, official_url=self.official_url)
            )
        if self.translation in ("reviewed", "unreviewed"):
            parts.append(
                interface_text(domain, f"utter_answer_{self.translation}_translation_note", language)
            )
        sources = ", ".join(full_address(source) for source in self.sources)
        as_of = format_as_of(self.as_of, language, domain)
        parts.append(interface_text(domain, "utter_answer_source", language, sources=sources, as_of=as_of))
        return "\n\n".join(part for part in parts if part)
