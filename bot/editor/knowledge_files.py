"""Knowledge files as the editors' tools read them: entries with line numbers, examples and test questions."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML

from bot.editor.nlu_data import AppendError, Example, clean_example, yaml_tree
from bot.knowledge.loader import KnowledgeError, read_knowledge

_NULL = "tag:yaml.org,2002:null"


@dataclass
class ScannedEntry:
    """One entry of a knowledge file: its values as written and the lines of its fields and list items."""

    slug: str
    line: int
    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, list[int]] = field(default_factory=dict)

    def line_of(self, name: str) -> int:
        """The line of a field, else the entry's first line."""
        return self.lines.get(name, self.line)


@dataclass
class KnowledgeFile:
    """What the tools need from one knowledge file: topic, intent and entries with their lines."""

    path: Path
    slug: str | None = None
    intent: str | None = None
    lines: dict[str, int] = field(default_factory=dict)
    entries: list[ScannedEntry] = field(default_factory=list)


def _line_of(node: yaml.Node) -> int:
    """1-based line of a YAML node."""
    return node.start_mark.line + 1


def plain(node: yaml.Node) -> Any:
    """A node as Python values; scalars stay text as written (dates too), null becomes None."""
    if isinstance(node, yaml.ScalarNode):
        return None if node.tag == _NULL else str(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [plain(item) for item in node.value]
    return {str(key.value): plain(value) for key, value in node.value}


def _entry(node: yaml.MappingNode) -> ScannedEntry:
    """One entry with the lines of its fields and of the items of its lists."""
    entry = ScannedEntry("?", _line_of(node))
    for key, value in node.value:
        name = str(key.value)
        entry.values[name] = plain(value)
        entry.lines[name] = _line_of(key)
        if isinstance(value, yaml.SequenceNode):
            entry.item_lines[name] = [_line_of(item) for item in value.value]
    slug = entry.values.get("slug")
    entry.slug = slug if isinstance(slug, str) else "?"
    return entry


def scan_knowledge(path: Path) -> KnowledgeFile:
    """Topic, intent and entries of a knowledge file with line numbers; tolerant of invalid content."""
    found = KnowledgeFile(path)
    try:
        root = yaml_tree(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return found
    if not isinstance(root, yaml.MappingNode):
        return found
    for key, value in root.value:
        if key.value == "topic" and isinstance(value, yaml.MappingNode):
            for field_key, field_value in value.value:
                if field_key.value in ("slug", "intent") and isinstance(field_value, yaml.ScalarNode):
                    setattr(found, field_key.value, str(field_value.value))
                    found.lines[f"topic.{field_key.value}"] = _line_of(field_key)
        if key.value == "entries" and isinstance(value, yaml.SequenceNode):
            found.entries += [_entry(item) for item in value.value if isinstance(item, yaml.MappingNode)]
    return found


def scan_directory(folder: Path) -> dict[str, KnowledgeFile]:
    """Every knowledge file of a folder by file name."""
    return {path.name: scan_knowledge(path) for path in sorted(folder.glob("*.yml"))}


def knowledge_examples(files: dict[str, KnowledgeFile]) -> list[Example]:
    """The example questions of every entry, under the topic's intent and the entry's slug."""
    examples = []
    for scanned in files.values():
        for entry in scanned.entries:
            texts = entry.values.get("examples")
            if not isinstance(texts, list):
                continue
            for text, line in zip(texts, entry.item_lines.get("examples", []), strict=False):
                if isinstance(text, str) and text.strip():
                    examples.append(
                        Example(text.strip(), scanned.intent or "", scanned.path, line, entry.slug)
                    )
    return examples


def _test_questions(path: Path) -> list[Example]:
    """The held-out questions of one tests/nlu/answers file (`entry: {de: [...], en: [...]}`)."""
    try:
        root = yaml_tree(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        return []
    found = []
    for entry, by_language in root.value if isinstance(root, yaml.MappingNode) else []:
        for _, questions in by_language.value if isinstance(by_language, yaml.MappingNode) else []:
            for question in questions.value if isinstance(questions, yaml.SequenceNode) else []:
                if isinstance(question, yaml.ScalarNode) and str(question.value).strip():
                    text = str(question.value).strip()
                    found.append(Example(text, "", path, _line_of(question), str(entry.value)))
    return found


def answer_test_questions(folder: Path) -> list[Example]:
    """The held-out questions per answer (tests/nlu/answers/*.yml)."""
    return [question for path in sorted(folder.glob("*.yml")) for question in _test_questions(path)]


def round_trip() -> YAML:
    """A ruamel.yaml round trip that writes the knowledge files as they are written (null stays null)."""
    handler = YAML()
    handler.preserve_quotes = True
    handler.width = 4096
    handler.indent(mapping=2, sequence=4, offset=2)
    handler.representer.add_representer(
        type(None), lambda representer, _: representer.represent_scalar(_NULL, "null")
    )
    return handler


def _problems(error: KnowledgeError) -> str:
    """The first loader problems, one per line."""
    return "\n".join(german(str(problem)) for problem in error.problems[:3])


def append_entry_example(knowledge: Path, slug: str, text: str) -> tuple[Path, int]:
    """Append an example to an entry's `examples:`, keeping comments and layout; the files must still load."""
    try:
        read_knowledge(knowledge)
    except KnowledgeError as error:
        raise AppendError(
            f"Die Wissensbasis hat Fehler – bitte zuerst beheben (`check`):\n{_problems(error)}"
        ) from None
    path = next(
        (f.path for f in scan_directory(knowledge).values() if any(e.slug == slug for e in f.entries)), None
    )
    if path is None:
        raise AppendError(f"Die Antwort {slug} steht in keiner Datei in {knowledge}")
    before = path.read_text(encoding="utf-8")
    handler = round_trip()
    content = handler.load(before)
    entry = next(item for item in content["entries"] if item.get("slug") == slug)
    entry["examples"].append(clean_example(text))
    written = io.StringIO()
    handler.dump(content, written)
    path.write_text(written.getvalue(), encoding="utf-8")
    try:
        read_knowledge(knowledge)
    except KnowledgeError as error:
        path.write_text(before, encoding="utf-8")
        raise AppendError(f"Nicht eingetragen, die Datei wäre ungültig:\n{_problems(error)}") from None
    scanned = next(e for e in scan_knowledge(path).entries if e.slug == slug)
    return path, scanned.item_lines["examples"][-1]


def german(message: str) -> str:
    """The loader's most common words in German (the rest of its message stays as it is)."""
    for english, german_word in (("entry '", "Antwort '"), ("entity '", "Name '"), ("field '", "Feld '")):
        message = message.replace(english, german_word)
    return message.replace("is missing", "fehlt").replace(
        "unknown field (typo?)", "unbekanntes Feld (Tippfehler?)"
    )
