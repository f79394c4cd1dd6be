"""Pydantic models and rules for one knowledge file (knowledge/<topic>.yml) and for all files together."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    ValidationInfo,
    field_validator,
    model_validator,
)

from bot.knowledge.text import fold_umlauts

# The kinds of names the bot recognises in messages (entity ruler, NLU, domain and actions use these).
EntityKind = Literal["hsu_language", "district", "funding_programme", "event", "partner_city"]
ENTITY_KINDS: tuple[str, ...] = get_args(EntityKind)
# Facets whose answer is a template: the bot fills in the named placeholder.
PLACEHOLDER_FACETS = {
    "language_covered": "language",
    "language_not_covered": "language",
    "district_covered": "district",
    "district_not_covered": "district",
}
# The template that answers for a named value of a kind, covered by the topic or not.
ENTITY_FACETS = {
    ("hsu_language", True): "language_covered",
    ("hsu_language", False): "language_not_covered",
    ("district", True): "district_covered",
    ("district", False): "district_not_covered",
}
# A topic that lists values of these kinds needs these facets, so the bot can answer for every value.
REQUIRED_FACETS = {key: facet for key, facet in ENTITY_FACETS.items() if key != ("district", True)}
MAX_ANSWER = 700
# Fewer examples than this cannot teach the bot when to choose an answer.
MIN_EXAMPLES = 3
MAX_TITLE = 40
# Titles in other languages and scripts take more characters for the same words.
MAX_TRANSLATED_TITLE = 60

_SLUG = re.compile(r"^[a-z0-9_]+$")
_FACET = re.compile(r"^[a-z][a-z0-9_]*$")
_URL = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?(/\S*)?$")
# A page of the bot's own web server (its privacy page), written as a path: /datenschutz.
_OWN_PAGE = re.compile(r"^/[a-z0-9][a-z0-9/_-]*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z]{2,8})?$")
_AS_OF = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_MARKDOWN = (
    (re.compile(r"\*\*|__"), "bold markup (** or __)"),
    (re.compile(r"\]\("), "a Markdown link [text](url)"),
    (re.compile(r"^\s*(#|[-*+] )", re.MULTILINE), "a Markdown heading or list ('#', '- ', '* '); use '•'"),
    (re.compile(r"`"), "a backtick"),
)


def _slug(value: str) -> str:
    """A slug: lower-case letters, digits and underscores."""
    if not _SLUG.match(value):
        raise ValueError("must use only a-z, 0-9 and _ (no capitals, spaces or umlauts)")
    return value


def _url(value: str) -> str:
    """A complete http(s) address."""
    if not _URL.match(value):
        raise ValueError("must be an http(s) URL")
    return value


def _facet(value: str) -> str:
    """A facet name: a lower-case word, underscores allowed."""
    if not _FACET.match(value):
        raise ValueError("must be a lower-case word such as overview, deadline, contact")
    return value


def _as_of(value: Any) -> str:
    """A day (2025-09-13), a month ("2025-09") or a year (2025), not in the future; kept as written."""
    if isinstance(value, datetime) or isinstance(value, bool):
        raise ValueError(_AS_OF_FORMAT)
    if isinstance(value, date):
        value = value.isoformat()
    match = _AS_OF.match(str(value).strip())
    if not match:
        raise ValueError(_AS_OF_FORMAT)
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        earliest = date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(_AS_OF_FORMAT) from None
    if earliest > date.today():
        raise ValueError(f"must not be in the future (today is {date.today().isoformat()})")
    return match.group(0)


_AS_OF_FORMAT = 'must be a day (2025-09-13), a month in quotes ("2025-09") or a year (2025)'


def _review_by(value: Any) -> date:
    """A day written as YYYY-MM-DD."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError("must be a date written as YYYY-MM-DD, e.g. 2026-03-31") from None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValueError("must be a date written as YYYY-MM-DD, e.g. 2026-03-31")
    return value


def _source(value: str) -> str:
    """A complete http(s) address, or a path of the bot's own web server such as /datenschutz."""
    if not (_URL.match(value) or _OWN_PAGE.match(value)):
        raise ValueError("must be an http(s) URL (or a page of this bot such as /datenschutz)")
    return value


def _language(value: str) -> str:
    """A language code such as en, tr or de-ls."""
    if not _LANGUAGE.match(value):
        raise ValueError(f"'{value}' must be a language code such as en, tr, ar or de-ls")
    return value


def _example(value: str) -> str:
    """An example question: one line of plain text."""
    if "\n" in value or len(value.strip()) < 2 or len(value) > 300:
        raise ValueError("must be one line of 2 to 300 characters")
    return value.strip()


def _alias(value: str) -> str:
    """An alias: written in lower case."""
    if value != value.lower() or value != value.strip() or not value:
        raise ValueError(f"'{value}' must be written in lower case without spaces around it")
    return value


def _plain(value: str) -> str:
    """Plain text: no Markdown except line breaks and '•' bullets."""
    for pattern, what in _MARKDOWN:
        if pattern.search(value):
            raise ValueError(f"contains {what}; only plain text, line breaks and '•' bullets are allowed")
    return value.strip()


Slug = Annotated[str, AfterValidator(_slug)]
Url = Annotated[str, AfterValidator(_url)]
Facet = Annotated[str, AfterValidator(_facet)]
AsOf = Annotated[str, BeforeValidator(_as_of)]
ReviewBy = Annotated[date, BeforeValidator(_review_by)]
Source = Annotated[str, AfterValidator(_source)]
Language = Annotated[str, AfterValidator(_language)]
Example = Annotated[str, AfterValidator(_example)]
Alias = Annotated[str, AfterValidator(_alias)]
PlainText = Annotated[str, AfterValidator(_plain)]


class _Strict(BaseModel):
    """Base: unknown fields are errors, text is stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _check_placeholders(value: str, facet: str | None) -> str:
    """At most MAX_ANSWER characters; placeholders exactly where the facet needs them."""
    if len(value) > MAX_ANSWER:
        raise ValueError(f"is {len(value)} characters long, at most {MAX_ANSWER} are allowed")
    found = set(_PLACEHOLDER.findall(value))
    needed = PLACEHOLDER_FACETS.get(facet) if facet else None
    if needed and needed not in found:
        raise ValueError(f"facet '{facet}' needs the placeholder {{{needed}}} in the answer")
    extra = found - {needed} if needed else found
    if extra and facet:
        names = ", ".join(f"{{{name}}}" for name in sorted(extra))
        raise ValueError(
            f"placeholder {names} is not allowed here; curly braces only for {{language}}/{{district}}"
        )
    return value


class TopicTranslation(_Strict):
    """The topic's title in another language."""

    title: Annotated[str, Field(min_length=3, max_length=MAX_TRANSLATED_TITLE)]


class EntryTranslation(_Strict):
    """An entry's text in another language: the same facts, source and as-of date as the German text."""

    question: Annotated[str, Field(min_length=3, max_length=200)] | None = None
    answer: Annotated[PlainText, Field(min_length=10)]
    uncertain: Annotated[PlainText, Field(min_length=10, max_length=400)] | None = None
    # How residents ask in this language; the answer choice learns them with the entry's other examples.
    examples: list[Example] = Field(default_factory=list)
    reviewed: StrictBool = False


class TopicSpec(_Strict):
    """The 'topic:' block of a knowledge file."""

    slug: Slug
    intent: Slug
    title: Annotated[str, Field(min_length=3, max_length=MAX_TITLE)]
    official_url: Url
    translations: dict[Language, TopicTranslation] = Field(default_factory=dict)


class EntrySpec(_Strict):
    """One item of 'entries:': an answer with its example questions, source and as-of date."""

    slug: Slug
    facet: Facet
    question: Annotated[str, Field(min_length=3, max_length=200)]
    examples: Annotated[list[Example], Field(min_length=MIN_EXAMPLES)]
    answer: Annotated[PlainText, Field(min_length=10)]
    source_url: Source
    more_sources: list[Source] = Field(default_factory=list)
    as_of: AsOf | None  # null: the source page shows no date
    review_by: ReviewBy | None = None
    uncertain: Annotated[PlainText, Field(min_length=10, max_length=400)] | None = None
    about: Annotated[str, Field(min_length=2, max_length=100)] | None = None
    translations: dict[Language, EntryTranslation] = Field(default_factory=dict)

    @field_validator("examples")
    @classmethod
    def _no_repeats(cls, value: list[str]) -> list[str]:
        """The same example only once."""
        if len({text.lower() for text in value}) != len(value):
            raise ValueError("contains the same text twice")
        return value

    @field_validator("answer")
    @classmethod
    def _answer_rules(cls, value: str, info: ValidationInfo) -> str:
        """Length and placeholders of the German text."""
        return _check_placeholders(value, info.data.get("facet"))

    @field_validator("uncertain")
    @classmethod
    def _no_placeholder(cls, value: str | None) -> str | None:
        """The uncertainty note is shown as written: no placeholders."""
        if value and _PLACEHOLDER.search(value):
            raise ValueError("must not contain placeholders in curly braces")
        return value

    @model_validator(mode="after")
    def _translations_match(self) -> EntrySpec:
        """A translation has the German text's placeholders, and an uncertainty note exactly when it has."""
        for language, translation in self.translations.items():
            try:
                _check_placeholders(translation.answer, self.facet)
            except ValueError as error:
                raise ValueError(f"translation '{language}': answer {error}") from None
            if (translation.uncertain is None) != (self.uncertain is None):
                raise ValueError(f"translation '{language}': needs 'uncertain' exactly when the entry has it")
        return self


class EntitySpec(_Strict):
    """One item of 'entities:': a value the bot recognises in messages."""

    kind: EntityKind
    value: Annotated[str, Field(min_length=2, max_length=100)]
    aliases: list[Alias] = Field(default_factory=list)
    covered: StrictBool

    @field_validator("aliases")
    @classmethod
    def _no_manual_variants(cls, value: list[str], info: ValidationInfo) -> list[str]:
        """Umlaut-free variants are added by the loader and must not be written by hand."""
        names = [info.data.get("value", ""), *value]
        for alias in value:
            for other in names:
                if other.lower() != alias and fold_umlauts(other) == alias:
                    raise ValueError(f"'{alias}' is added automatically from '{other}'; please remove it")
        if len(set(value)) != len(value):
            raise ValueError("contains the same alias twice")
        return value


class TopicFile(_Strict):
    """A whole knowledge file: one topic, its entries and the entity values it recognises."""

    topic: TopicSpec
    entries: Annotated[list[EntrySpec], Field(min_length=1)]
    entities: list[EntitySpec] = Field(default_factory=list)
