"""Rules that need more than one field: within one knowledge file, and across all files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.knowledge.schema import REQUIRED_FACETS, TopicFile
from bot.knowledge.text import normalise


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
    """Rules within one file: file name, slug prefix, facets, required templates, `about` values."""
    problems: list[Problem] = []
    slug = topic_file.topic.slug
    if stem != slug:
        problems.append(
            Problem(name, "topic", "slug", f"must match the file name: '{stem}' (or rename the file)")
        )
    facets: dict[str, str] = {}
    values = {entity.value for entity in topic_file.entities}
    for entry in topic_file.entries:
        where = f"entry '{entry.slug}'"
        if entry.slug != slug and not entry.slug.startswith(slug + "_"):
            problems.append(Problem(name, where, "slug", f"must start with the topic slug: '{slug}_'"))
        if entry.facet in facets:
            message = f"'{entry.facet}' is already used by entry '{facets[entry.facet]}'"
            problems.append(Problem(name, where, "facet", message))
        facets.setdefault(entry.facet, entry.slug)
        if entry.about is not None and entry.about not in values:
            message = f"'{entry.about}' must be the value of an entity in this file"
            problems.append(Problem(name, where, "about", message))
    if "overview" not in facets:
        problems.append(
            Problem(name, "topic", "entries", "exactly one entry needs facet 'overview' (none found)")
        )
    for entity in topic_file.entities:
        needed = REQUIRED_FACETS.get((entity.kind, entity.covered))
        if needed and needed not in facets:
            message = f"topic needs an entry with facet '{needed}' to answer for this value"
            problems.append(Problem(name, f"entity '{entity.value}'", "covered", message))
            facets[needed] = "(reported)"
    return problems


def cross_file_problems(files: Iterable[tuple[str, TopicFile]]) -> list[Problem]:
    """Rules across all files: unique topic slugs and intents, entry slugs, examples, entity names."""
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
            owner = f"{name} (entry '{entry.slug}')"
            claim(
                ("entry", entry.slug),
                f"{name} (entry #{index + 1})",
                Problem(name, where, "slug", "is already used in"),
            )
            for example in entry.examples:
                message = f"example '{example}' is already an example of"
                claim(("example", normalise(example)), owner, Problem(name, where, "examples", message))
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
