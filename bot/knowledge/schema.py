"""Pydantic models and rules for one knowledge file (knowledge/<topic>.yml) and for all files together."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    ValidationInfo,
    field_validator,
)

from bot.knowledge.text import fold_umlauts, normalise

ENTITY_KINDS = ("hsu_language", "district", "funding_programme", "event")
# Facets whose answer is a template: the bot fills in the named placeholder.
PLACEHOLDER_FACETS = {
    "language_covered": "language",
    "language_not_covered": "language",
    "district_covered": "district",
    "district_not_covered": "district",
}
# A topic that lists values of these kinds needs these facets, so the bot can answer for every value.
REQUIRED_FACETS = {
    ("hsu_language", True): "language_covered",
    ("hsu_language", False): "language_not_covered",
    ("district", False): "district_not_covered",
}
MAX_ANSWER = 700
MAX_TITLE = 40

_SLUG = re.compile(r"^[a-z0-9_]+$")
_FACET = re.compile(r"^[a-z][a-z0-9_]*$")
_URL = re.compile(r"^https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:\d+)?(/\S*)?$")
_KEYWORD = re.compile(r"^[a-zäöüß0-9]+([ -][a-zäöüß0-9]+)*$")
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


def _as_of(value: Any) -> date:
    """An ISO date (YYYY-MM-DD) that is not in the future."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError("must be a date written as YYYY-MM-DD, e.g. 2025-08-01") from None
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValueError("must be a date written as YYYY-MM-DD, e.g. 2025-08-01")
    if value > date.today():
        raise ValueError(f"must not be in the future (today is {date.today().isoformat()})")
    return value


def _keyword(value: Any) -> str:
    """A keyword: a lower-case word stem or a short phrase (numbers are accepted as text)."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError("must be a word, not a list or a yes/no value")
    if not _KEYWORD.match(value):
        raise ValueError(f"'{value}' must be lower-case letters/digits, words separated by one space or '-'")
    return value


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
AsOf = Annotated[date, BeforeValidator(_as_of)]
Keyword = Annotated[str, BeforeValidator(_keyword)]
Alias = Annotated[str, AfterValidator(_alias)]
PlainText = Annotated[str, AfterValidator(_plain)]


class _Strict(BaseModel):
    """Base: unknown fields are errors, text is stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class TopicSpec(_Strict):
    """The 'topic:' block of a knowledge file."""

    slug: Slug
    intent: Slug
    title: Annotated[str, Field(min_length=3, max_length=MAX_TITLE)]
    official_url: Url


class EntrySpec(_Strict):
    """One item of 'entries:': an answer with its source and as-of date."""

    slug: Slug
    facet: Facet
    question: Annotated[str, Field(min_length=3, max_length=200)]
    keywords: list[Keyword] = Field(default_factory=list)
    answer: Annotated[PlainText, Field(min_length=10)]
    source_url: Url
    as_of: AsOf | None  # null: the source page shows no date
    uncertain: Annotated[PlainText, Field(min_length=10, max_length=400)] | None = None

    @field_validator("keywords")
    @classmethod
    def _keywords_present(cls, value: list[str], info: ValidationInfo) -> list[str]:
        """Every entry except the placeholder templates needs keywords."""
        if not value and info.data.get("facet") not in PLACEHOLDER_FACETS:
            raise ValueError("needs at least one keyword")
        if len(set(value)) != len(value):
            raise ValueError("contains the same keyword twice")
        return value

    @field_validator("answer")
    @classmethod
    def _answer_rules(cls, value: str, info: ValidationInfo) -> str:
        """At most MAX_ANSWER characters; placeholders exactly where the facet needs them."""
        if len(value) > MAX_ANSWER:
            raise ValueError(f"is {len(value)} characters long, at most {MAX_ANSWER} are allowed")
        facet = info.data.get("facet")
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

    @field_validator("uncertain")
    @classmethod
    def _no_placeholder(cls, value: str | None) -> str | None:
        """The uncertainty note is shown as written: no placeholders."""
        if value and _PLACEHOLDER.search(value):
            raise ValueError("must not contain placeholders in curly braces")
        return value


class EntitySpec(_Strict):
    """One item of 'entities:': a value the bot recognises in messages."""

    kind: Literal["hsu_language", "district", "funding_programme", "event"]
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


@dataclass(frozen=True)
class Problem:
    """One validation problem, printed as 'file: where: field 'x': message'."""

    file: str
    where: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        """One line naming file, entry and field."""
        parts = [self.file]
        if self.where:
            parts.append(self.where)
        if self.field:
            parts.append(f"field '{self.field}'")
        return ": ".join([*parts, self.message])


def file_problems(name: str, stem: str, topic_file: TopicFile) -> list[Problem]:
    """Rules within one file: file name, slug prefix, facets, required template entries."""
    problems: list[Problem] = []
    slug = topic_file.topic.slug
    if stem != slug:
        problems.append(
            Problem(name, "topic", "slug", f"must match the file name: '{stem}' (or rename the file)")
        )
    facets: dict[str, str] = {}
    for entry in topic_file.entries:
        where = f"entry '{entry.slug}'"
        if entry.slug != slug and not entry.slug.startswith(slug + "_"):
            problems.append(Problem(name, where, "slug", f"must start with the topic slug: '{slug}_'"))
        if entry.facet in facets:
            problems.append(
                Problem(
                    name, where, "facet", f"'{entry.facet}' is already used by entry '{facets[entry.facet]}'"
                )
            )
        facets.setdefault(entry.facet, entry.slug)
    if "overview" not in facets:
        problems.append(
            Problem(name, "topic", "entries", "exactly one entry needs facet 'overview' (none found)")
        )
    for entity in topic_file.entities:
        needed = REQUIRED_FACETS.get((entity.kind, entity.covered))
        if needed and needed not in facets:
            problems.append(
                Problem(
                    name,
                    f"entity '{entity.value}'",
                    "covered",
                    f"topic needs an entry with facet '{needed}' to answer for this value",
                )
            )
            facets[needed] = "(reported)"
    return problems


def cross_file_problems(files: Iterable[tuple[str, TopicFile]]) -> list[Problem]:
    """Rules across all files: unique topic slugs and intents, entry slugs, entity values and aliases."""
    problems: list[Problem] = []
    seen: dict[tuple[str, str], str] = {}

    def claim(key: tuple[str, str], owner: str, problem: Problem) -> None:
        """Record a unique key or report that another file/entry already uses it."""
        if key in seen and seen[key] != owner:
            problems.append(
                Problem(problem.file, problem.where, problem.field, f"{problem.message} {seen[key]}")
            )
        seen.setdefault(key, owner)

    for name, topic_file in files:
        topic = topic_file.topic
        claim(
            ("topic", topic.slug), name, Problem(name, "topic", "slug", f"'{topic.slug}' is already used in")
        )
        claim(
            ("intent", topic.intent),
            name,
            Problem(name, "topic", "intent", f"'{topic.intent}' is already used in"),
        )
        for index, entry in enumerate(topic_file.entries):
            where = f"entry '{entry.slug}'"
            owner = f"{name} (entry #{index + 1})"
            claim(("entry", entry.slug), owner, Problem(name, where, "slug", "is already used in"))
        for index, entity in enumerate(topic_file.entities):
            where = f"entity '{entity.value}'"
            owner = f"{name} (entity '{entity.value}', #{index + 1})"
            claim(
                ("value", entity.kind + ":" + entity.value),
                owner,
                Problem(name, where, "value", "is already used in"),
            )
            for alias in dict.fromkeys(normalise(text) for text in [entity.value, *entity.aliases]):
                message = f"name '{alias}' is already used in"
                claim(("alias", alias), owner, Problem(name, where, "aliases", message))
    return problems
