"""Check the examples: no test question also in the training data, no example under two intents or answers.

Training examples: data/nlu/ and the answers' `examples:` in knowledge/*.yml. Test questions:
tests/nlu/test_nlu.yml and the questions per answer in tests/nlu/answers/*.yml.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.editor.text import example_key, strip_annotations  # noqa: E402


@dataclass(frozen=True)
class Example:
    """One example: its text without entity annotations, its intent, its answer (if any) and its file."""

    text: str
    intent: str
    source: str
    entry: str | None = None

    @property
    def key(self) -> str:
        """The normalised text examples are compared by."""
        return example_key(self.text)


@dataclass
class OverlapReport:
    """What the check found; `ok` when there is nothing to complain about."""

    training_count: int
    test_count: int
    test_in_training: list[tuple[Example, Example]] = field(default_factory=list)
    training_conflicts: list[list[Example]] = field(default_factory=list)
    test_conflicts: list[list[Example]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no test example is in the training data and no example has two intents."""
        return not (self.test_in_training or self.training_conflicts or self.test_conflicts)


def _example_texts(examples: object) -> list[str]:
    """The example texts of one `examples:` value (a `- ` list in a block string, or a list of texts)."""
    if isinstance(examples, str):
        lines = (line.strip() for line in examples.splitlines())
        return [line[2:].strip() for line in lines if line.startswith("- ") and line[2:].strip()]
    if isinstance(examples, list):
        texts = [item.get("text") if isinstance(item, dict) else item for item in examples]
        return [str(text).strip() for text in texts if text is not None and str(text).strip()]
    return []


def read_examples(path: Path) -> list[Example]:
    """All intent examples of one Rasa YAML NLU file (synonyms, regexes and lookups are skipped)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found: list[Example] = []
    for item in data.get("nlu") or []:
        if isinstance(item, dict) and "intent" in item:
            for text in _example_texts(item.get("examples")):
                found.append(Example(strip_annotations(text), str(item["intent"]), str(path)))
    return found


def read_directory(directory: Path) -> list[Example]:
    """Intent examples of all YAML files below a directory, in a stable order."""
    files = sorted([*directory.rglob("*.yml"), *directory.rglob("*.yaml")])
    return [example for path in files for example in read_examples(path)]


def _yaml(path: Path) -> dict:
    """A YAML file's mapping (empty when it holds something else)."""
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    return content if isinstance(content, dict) else {}


def read_knowledge(directory: Path) -> list[Example]:
    """The answers' examples in knowledge/*.yml, under the topic's intent and the entry's slug."""
    found = []
    for path in sorted(directory.glob("*.yml")):
        content = _yaml(path)
        intent = str((content.get("topic") or {}).get("intent", ""))
        for entry in content.get("entries") or []:
            if isinstance(entry, dict):
                slug = str(entry.get("slug"))
                found += [
                    Example(strip_annotations(text), intent, str(path), slug)
                    for text in _example_texts(entry.get("examples"))
                ]
    return found


def read_answer_questions(directory: Path, intents: dict[str, str]) -> list[Example]:
    """The held-out questions per answer (`entry: {de: [...], en: [...]}`), under the entry's topic intent."""
    found = []
    for path in sorted(directory.glob("*.yml")):
        for slug, by_language in _yaml(path).items():
            for texts in (by_language or {}).values() if isinstance(by_language, dict) else []:
                for text in _example_texts(texts):
                    found.append(Example(text, intents.get(str(slug), ""), str(path), str(slug)))
    return found


def intent_conflicts(examples: Iterable[Example]) -> list[list[Example]]:
    """Groups of examples with the same normalised text but more than one intent or more than one answer."""
    by_key: dict[str, list[Example]] = defaultdict(list)
    for example in examples:
        by_key[example.key].append(example)
    return [
        group
        for group in by_key.values()
        if len({e.intent for e in group if e.intent}) > 1 or len({e.entry for e in group if e.entry}) > 1
    ]


def find_overlaps(training: list[Example], test: list[Example]) -> OverlapReport:
    """Compare training and test examples after normalisation."""
    training_by_key = {example.key: example for example in training}
    report = OverlapReport(training_count=len(training), test_count=len(test))
    report.test_in_training = [
        (example, training_by_key[example.key]) for example in test if example.key in training_by_key
    ]
    report.training_conflicts = intent_conflicts(training)
    report.test_conflicts = intent_conflicts(test)
    return report


def check(training_dir: Path, test_dir: Path, knowledge_dir: Path | None = None) -> OverlapReport:
    """Read training data, knowledge examples and both test sets, and compare them."""
    knowledge = read_knowledge(knowledge_dir) if knowledge_dir else []
    intents = {example.entry: example.intent for example in knowledge if example.entry}
    training = [*read_directory(training_dir), *knowledge]
    test = [*read_directory(test_dir), *read_answer_questions(test_dir / "answers", intents)]
    return find_overlaps(training, test)


def _label(example: Example) -> str:
    """intent, or intent/entry for an answer's example."""
    return f"{example.intent}/{example.entry}" if example.entry else example.intent


def format_report(report: OverlapReport) -> list[str]:
    """Human-readable lines: one per problem, or the single ok line."""
    if report.ok:
        return [
            f"ok: {report.training_count} training examples, {report.test_count} test examples, no overlap"
        ]
    lines = []
    for test_example, training_example in report.test_in_training:
        lines.append(
            f"test example also in training data: {test_example.text!r} "
            f"({_label(test_example)}, {test_example.source}) = {training_example.text!r} "
            f"({_label(training_example)}, {training_example.source})"
        )
    for kind, groups in (("training", report.training_conflicts), ("test", report.test_conflicts)):
        for group in groups:
            where = "; ".join(f"{_label(example)} in {example.source}: {example.text!r}" for example in group)
            lines.append(f"{kind} example under several intents or answers: {where}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Command line: print the report and return 1 if there is any overlap."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--training", type=Path, default=ROOT / "data" / "nlu", help="training data dir")
    parser.add_argument(
        "--knowledge", type=Path, help="knowledge files dir (default: knowledge/ beside data/)"
    )
    parser.add_argument(
        "--test", type=Path, default=ROOT / "tests" / "nlu", help="test data dir (with answers/)"
    )
    args = parser.parse_args(argv)
    knowledge = args.knowledge or args.training.resolve().parent.parent / "knowledge"
    report = check(args.training, args.test, knowledge)
    for line in format_report(report):
        print(line)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
