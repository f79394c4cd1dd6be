"""Read, validate and load the knowledge files; command line `python -m bot.knowledge.loader`."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from sqlalchemy import delete
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.knowledge.db import create_tables, database_url, get_engine, get_sessionmaker
from bot.knowledge.models import EntityValue, Entry, EntryTranslation, LoadInfo, Topic
from bot.knowledge.rules import Problem, cross_file_problems, file_problems
from bot.knowledge.schema import EntrySpec, TopicFile
from bot.knowledge.text import with_umlaut_variants
from bot.settings import ROOT

_PYDANTIC_MESSAGES = {
    "Field required": "is missing",
    "Extra inputs are not permitted": "unknown field (typo?)",
}


class KnowledgeError(Exception):
    """The knowledge files have problems; str() lists one line per problem."""

    def __init__(self, problems: list[Problem]) -> None:
        """Keep the problems and build the message from them."""
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


# libyaml's parser where installed: the pure-Python one took seconds for the knowledge files' examples.
class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML loader that refuses a key written twice in the same block."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """Like SafeLoader, but a duplicate key is an error with its line."""
        keys: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in keys:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key '{key}' is written twice", key_node.start_mark
                )
            keys.add(key)
        return super().construct_mapping(node, deep=deep)


def _parse(path: Path, name: str) -> tuple[Any, list[Problem]]:
    """The YAML content of one file, or the syntax problem with its line."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader), []
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f"line {mark.line + 1}" if mark else None
        text = " ".join(part for part in (error.context, error.problem) if part)
        return None, [Problem(name, line, None, f"YAML syntax error: {text}")]
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        return None, [Problem(name, None, None, f"cannot be read: {error}")]


def _where(raw: Any, loc: tuple[Any, ...]) -> tuple[str | None, str | None]:
    """Turn a pydantic error location into ('entry 'slug'', 'field') for the message."""
    block = loc[0] if loc else None
    if block in ("entries", "entities") and len(loc) >= 2 and isinstance(loc[1], int):
        items = raw.get(block) if isinstance(raw, dict) else None
        item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
        key = "slug" if block == "entries" else "value"
        label = item.get(key) if isinstance(item, dict) else None
        name = f"'{label}'" if isinstance(label, str) else f"#{loc[1] + 1}"
        return f"{'entry' if block == 'entries' else 'entity'} {name}", _field(loc[2:])
    if block == "topic":
        return "topic", _field(loc[1:])
    return None, _field(loc)


def _field(parts: tuple[Any, ...]) -> str | None:
    """A field name from a pydantic location; list positions become '(item N)'."""
    shown = [part for part in parts if part != "[key]"]  # pydantic's marker for a bad dictionary key
    text = " ".join(f"(item {part + 1})" if isinstance(part, int) else str(part) for part in shown)
    return text or None


def _validate(raw: Any, name: str) -> tuple[TopicFile | None, list[Problem]]:
    """The validated file, or its problems."""
    if not isinstance(raw, dict):
        return None, [
            Problem(name, None, None, "must contain the blocks 'topic:', 'entries:' and 'entities:'")
        ]
    try:
        return TopicFile.model_validate(raw), []
    except ValidationError as error:
        problems = []
        for item in error.errors():
            where, field = _where(raw, tuple(item["loc"]))
            message = item["msg"].removeprefix("Value error, ")
            problems.append(Problem(name, where, field, _PYDANTIC_MESSAGES.get(message, message)))
        return None, problems


def read_knowledge(directory: str | Path) -> list[TopicFile]:
    """Parse and validate every knowledge/*.yml file; raise KnowledgeError listing all problems."""
    folder = Path(directory)
    paths = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    problems = [
        Problem(f"{folder.name}/{p.name}", None, None, "rename to .yml") for p in folder.glob("*.yaml")
    ]
    if not paths:
        raise KnowledgeError(
            [*problems, Problem(str(folder), None, None, "no knowledge files (*.yml) found")]
        )
    valid: list[tuple[str, TopicFile]] = []
    for path in paths:
        name = f"{folder.name}/{path.name}"
        raw, parse_problems = _parse(path, name)
        topic_file, found = _validate(raw, name) if not parse_problems else (None, parse_problems)
        problems.extend(found)
        if topic_file is not None:
            problems.extend(file_problems(name, path.stem, topic_file))
            valid.append((name, topic_file))
    problems.extend(cross_file_problems(valid))
    if problems:
        raise KnowledgeError(problems)
    return [topic_file for _, topic_file in valid]


def _topic_row(topic_file: TopicFile) -> Topic:
    """The Topic with its entries and entity values (aliases with umlaut-free variants)."""
    spec = topic_file.topic
    topic = Topic(
        slug=spec.slug,
        intent=spec.intent,
        title=spec.title,
        official_url=spec.official_url,
        title_translations={language: item.title for language, item in spec.translations.items()},
    )
    topic.entries = [_entry_row(entry) for entry in topic_file.entries]
    topic.entities = [
        EntityValue(
            kind=entity.kind,
            value=entity.value,
            aliases=[
                name for name in with_umlaut_variants([entity.value, *entity.aliases]) if name != entity.value
            ],
            covered=entity.covered,
        )
        for entity in topic_file.entities
    ]
    return topic


def _entry_row(spec: EntrySpec) -> Entry:
    """The Entry with its translations."""
    entry = Entry(**spec.model_dump(exclude={"translations"}))
    entry.translations = [
        EntryTranslation(language=language, **item.model_dump(exclude={"examples"}))
        for language, item in spec.translations.items()
    ]
    return entry


def load_knowledge(session: Session, topic_files: list[TopicFile]) -> LoadInfo:
    """Replace the whole knowledge base in the caller's transaction; a failure leaves the old data."""
    session.execute(delete(EntityValue))
    session.execute(delete(EntryTranslation))
    session.execute(delete(Entry))
    session.execute(delete(Topic))
    topics = [_topic_row(topic_file) for topic_file in topic_files]
    session.add_all(topics)
    info = LoadInfo(
        loaded_at=datetime.now(timezone.utc),
        files=len(topic_files),
        topics=len(topics),
        entries=sum(len(topic.entries) for topic in topics),
        entity_values=sum(len(topic.entities) for topic in topics),
    )
    session.add(info)
    session.flush()
    return info


def main(argv: list[str] | None = None) -> int:
    """Command line: validate knowledge/*.yml and replace the database content in one transaction."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--database-url", help="SQLAlchemy URL (default: env DATABASE_URL or var/knowledge.db)"
    )
    parser.add_argument("--dir", type=Path, default=ROOT / "knowledge", help="folder with the .yml files")
    args = parser.parse_args(argv)
    url = args.database_url or database_url()
    try:
        topic_files = read_knowledge(args.dir)
    except KnowledgeError as error:
        count = len(error.problems)
        print(
            f"Knowledge NOT loaded ({count} problem(s)); the previous data stays:\n{error}", file=sys.stderr
        )
        return 1
    shown = "the database"
    try:
        shown = get_engine(url).url.render_as_string(hide_password=True)
        create_tables(url)
        with get_sessionmaker(url).begin() as session:
            info = load_knowledge(session, topic_files)
            summary = f"{info.topics} topics, {info.entries} entries, {info.entity_values} entity values"
    except SQLAlchemyError as error:
        print(f"Knowledge NOT loaded into {shown}; the previous data stays:\n{error}", file=sys.stderr)
        return 1
    print(f"Loaded {summary} from {len(topic_files)} files into {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
