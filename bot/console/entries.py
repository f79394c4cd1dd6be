"""Editing knowledge entries: read, validate as the loader does, save with a version check, undo."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from bot.editor.knowledge_files import german, round_trip
from bot.knowledge.loader import KnowledgeError, read_knowledge
from bot.knowledge.schema import TopicFile

# One save at a time in this process: the version check and the write belong together.
SAVE_LOCK = threading.Lock()


class Conflict(Exception):
    """The entry changed since the form was opened; nothing was written."""


@dataclass
class Invalid(Exception):
    """The loader refuses the changed entry: messages by form field ('' for the whole entry)."""

    errors: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Located:
    """An entry as written in its knowledge file: typed values (as the loader reads them) and the file."""

    path: Path
    topic: str
    values: dict[str, Any]

    @property
    def slug(self) -> str:
        """The entry's slug."""
        return str(self.values["slug"])

    @property
    def version(self) -> str:
        """A hash of the entry's content: the form carries it to notice a change by someone else."""
        return hashlib.sha256(as_yaml(self.values).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Saved:
    """A saved edit: the entry before and after, and the validated knowledge files to load."""

    before: Located
    after: Located
    topic_files: list[TopicFile]


def as_yaml(values: dict[str, Any]) -> str:
    """An entry as readable YAML (the diff of the history compares these)."""
    return yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=100)


def _raw(path: Path) -> dict[str, Any]:
    """The typed content of a knowledge file (empty when it cannot be read)."""
    try:
        content = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError):
        return {}
    return content if isinstance(content, dict) else {}


def all_entries(knowledge: Path) -> list[Located]:
    """Every entry of every knowledge file, file by file in the order written."""
    found = []
    for path in sorted(knowledge.glob("*.yml")):
        content = _raw(path)
        topic = str((content.get("topic") or {}).get("title") or path.stem)
        for values in content.get("entries") or []:
            if isinstance(values, dict) and isinstance(values.get("slug"), str):
                found.append(Located(path, topic, values))
    return found


def find_entry(knowledge: Path, slug: str) -> Located | None:
    """The entry of that slug, if any."""
    return next((entry for entry in all_entries(knowledge) if entry.slug == slug), None)


def _ruamel(value: Any) -> Any:
    """A value for the round-trip writer: multi-line text as a block (|), nested maps and lists kept."""
    if isinstance(value, str) and "\n" in value.strip():
        return LiteralScalarString(value.strip() + "\n")
    if isinstance(value, dict):
        return CommentedMap({key: _ruamel(item) for key, item in value.items()})
    if isinstance(value, list):
        return CommentedSeq([_ruamel(item) for item in value])
    return value


def _written(path: Path, slug: str, changes: dict[str, Any]) -> str:
    """The file's text with the entry's fields changed (None removes a field); comments stay."""
    handler = round_trip()
    content = handler.load(path.read_text(encoding="utf-8"))
    entry = next(item for item in content["entries"] if item.get("slug") == slug)
    for key, value in changes.items():
        if value is None and key != "as_of":
            entry.pop(key, None)
        else:
            entry[key] = _ruamel(value)
    out = io.StringIO()
    handler.dump(content, out)
    return out.getvalue()


def _field_of(problem_field: str | None) -> str:
    """The form field a loader problem belongs to."""
    name = problem_field or ""
    if name.startswith("translations"):
        return "en_question" if "question" in name else "en_answer"
    return name.split(" ")[0]


def _errors(error: KnowledgeError, slug: str) -> dict[str, list[str]]:
    """The loader's problems: those of the entry by form field, the others for the whole entry ('')."""
    errors: dict[str, list[str]] = {}
    for problem in error.problems:
        key = ""
        if problem.where == f"entry '{slug}'":
            key = "en_answer" if problem.message.startswith("translation") else _field_of(problem.field)
        errors.setdefault(key, []).append(german(problem.message if key else str(problem)))
    return errors


def validate(knowledge: Path, path: Path, text: str, slug: str) -> list[TopicFile]:
    """Check the changed file together with all others exactly as the loader does; raise Invalid."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / knowledge.name
        copy.mkdir()
        for other in knowledge.glob("*.yml"):
            shutil.copy(other, copy / other.name)
        (copy / path.name).write_text(text, encoding="utf-8")
        try:
            return read_knowledge(copy)
        except KnowledgeError as error:
            raise Invalid(_errors(error, slug)) from None


def save(knowledge: Path, slug: str, version: str, changes: dict[str, Any]) -> Saved:
    """Write the changes if the entry is still at `version` and the files stay valid."""
    with SAVE_LOCK:
        before = find_entry(knowledge, slug)
        if before is None:
            raise Invalid({"": [f"Die Antwort {slug} gibt es nicht mehr."]})
        if before.version != version:
            raise Conflict(slug)
        changed = {key: value for key, value in changes.items() if before.values.get(key) != value}
        if not changed:
            return Saved(before, before, [])
        text = _written(before.path, slug, changed)
        topic_files = validate(knowledge, before.path, text, slug)
        temporary = before.path.with_suffix(".tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, before.path)
        after = find_entry(knowledge, slug)
        assert after is not None
        return Saved(before, after, topic_files)


def restore_changes(current: dict[str, Any], wanted: dict[str, Any]) -> dict[str, Any]:
    """The field changes that turn the current entry into the wanted one (for undo)."""
    changes = {key: value for key, value in wanted.items() if current.get(key) != value}
    changes.update({key: None for key in current if key not in wanted})
    return changes
