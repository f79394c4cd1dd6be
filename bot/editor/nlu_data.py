"""Rasa YAML NLU files: read examples with their lines, and append a new example to the right file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from bot.editor.text import example_key, strip_annotations

NEW_FILE_HEADER = 'version: "3.1"\n\nnlu:\n'


@dataclass(frozen=True)
class Example:
    """One example: its text as written, its intent (and answer, in knowledge/), and where it stands."""

    text: str
    intent: str
    path: Path
    line: int
    entry: str | None = None

    @cached_property
    def key(self) -> str:
        """The normalised text duplicates are found by."""
        return example_key(self.text)

    @property
    def plain(self) -> str:
        """The text without entity annotations."""
        return strip_annotations(self.text)

    @property
    def owner(self) -> str:
        """What the example teaches the bot: an answer (knowledge entry) or an intent."""
        return self.entry or self.intent

    @property
    def described(self) -> str:
        """The owner in the editors' words: „Antwort hsu_overview“ or „Absicht greet“."""
        return f"Antwort {self.entry}" if self.entry else f"Absicht {self.intent}"


@dataclass(frozen=True)
class IntentBlock:
    """The `examples: |` block of one intent in one file: its lines (0-based, end exclusive)."""

    intent: str
    path: Path
    first: int
    end: int
    style: str | None
    indent: int
    intent_line: int


def yaml_files(directory: Path) -> list[Path]:
    """YAML files below a folder, in a stable order."""
    if not directory.exists():
        return []
    return sorted([*directory.rglob("*.yml"), *directory.rglob("*.yaml")])


def yaml_tree(text: str) -> yaml.Node | None:
    """The YAML node tree of a text, with line numbers; libyaml's parser where installed (far faster)."""
    return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def intent_blocks(path: Path) -> list[IntentBlock]:
    """The intent items of one NLU file, found with the YAML parser so that line numbers are exact."""
    root = yaml_tree(path.read_text(encoding="utf-8"))
    if not isinstance(root, yaml.MappingNode):
        return []
    blocks = []
    for key, value in root.value:
        if key.value != "nlu" or not isinstance(value, yaml.SequenceNode):
            continue
        for item in value.value:
            if not isinstance(item, yaml.MappingNode):
                continue
            fields = {k.value: v for k, v in item.value}
            intent, examples = fields.get("intent"), fields.get("examples")
            if isinstance(intent, yaml.ScalarNode) and isinstance(examples, yaml.ScalarNode):
                first = examples.start_mark.line + (1 if examples.style in ("|", ">") else 0)
                key_column = next(k.start_mark.column for k, _ in item.value if k.value == "examples")
                end = examples.end_mark.line + 1
                blocks.append(
                    IntentBlock(
                        str(intent.value),
                        path,
                        first,
                        end,
                        examples.style,
                        key_column,
                        intent.start_mark.line + 1,
                    )
                )
    return blocks


def block_lines(block: IntentBlock, lines: list[str]) -> range:
    """The line numbers (0-based) of a block's content: indented deeper than its `examples:` key."""
    end = block.first
    for number in range(block.first, min(block.end, len(lines))):
        line = lines[number]
        if line.strip() and len(line) - len(line.lstrip()) <= block.indent:
            break
        end = number + 1
    return range(block.first, end)


def all_blocks(directory: Path) -> list[IntentBlock]:
    """The intent blocks of every YAML file below a folder."""
    return [block for path in yaml_files(directory) for block in intent_blocks(path)]


def read_examples(path: Path) -> list[Example]:
    """All intent examples of one file with their line numbers (1-based)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for block in intent_blocks(path):
        for number in block_lines(block, lines):
            stripped = lines[number].strip()
            if stripped.startswith("- ") and stripped[2:].strip():
                found.append(Example(stripped[2:].strip(), block.intent, path, number + 1))
    return found


def read_directory(directory: Path) -> list[Example]:
    """Intent examples of every YAML file below a folder (files without `nlu:` give none)."""
    return [example for path in yaml_files(directory) for example in read_examples(path)]


def clean_example(text: str) -> str:
    """One line of plain text that Rasa cannot mistake for an entity annotation or YAML syntax."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\]\s*(?=[({\[])", "] ", text)
    return text


class AppendError(Exception):
    """The example cannot be added; the message says why in the editors' words."""


def find_duplicate(text: str, examples: list[Example]) -> Example | None:
    """An existing example with the same normalised text."""
    key = example_key(text)
    return next((example for example in examples if example.key == key), None)


def append_example(nlu_dir: Path, intent: str, text: str) -> tuple[Path, int]:
    """Append one example to the file that already holds the intent (or a new file); returns file and line."""
    blocks = [
        block for path in yaml_files(nlu_dir) for block in intent_blocks(path) if block.intent == intent
    ]
    line_text = clean_example(text)
    if not blocks:
        path = nlu_dir / f"{intent}.yml"
        if path.exists():
            raise AppendError(f"{path} gibt es schon, enthält aber die Absicht {intent} nicht")
        path.write_text(f"{NEW_FILE_HEADER}  - intent: {intent}\n    examples: |\n      - {line_text}\n")
        return path, 6
    block = blocks[-1]
    if block.style != "|":
        raise AppendError(f"{block.path}: die Beispiele für {intent} stehen nicht als 'examples: |'-Block")
    content = block.path.read_text(encoding="utf-8")
    lines = content.splitlines(keepends=True)
    last = max((number for number in block_lines(block, lines) if lines[number].strip()), default=None)
    if last is None:
        raise AppendError(f"{block.path}: der Block für {intent} hat noch keine Beispiele")
    indent = lines[last][: len(lines[last]) - len(lines[last].lstrip())]
    if not lines[last].endswith("\n"):
        lines[last] += "\n"
    lines.insert(last + 1, f"{indent}- {line_text}\n")
    block.path.write_text("".join(lines), encoding="utf-8")
    return block.path, last + 2
