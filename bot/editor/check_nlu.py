"""Checks of the NLU training data: duplicates, near-duplicates across intents, too few examples."""

from __future__ import annotations

from collections import defaultdict
from difflib import SequenceMatcher

from bot.editor.findings import ERROR, WARNING, Finding
from bot.editor.nlu_data import Example, intent_blocks, read_directory, yaml_files
from bot.editor.project import Project, domain_intents
from bot.editor.text import words


def _place(project: Project, example: Example) -> str:
    """file:line of an example."""
    return f"{project.show(example.path)}:{example.line}"


def same_example_two_intents(project: Project, examples: list[Example]) -> list[Finding]:
    """The same (normalised) example under more than one intent."""
    by_key: dict[str, list[Example]] = defaultdict(list)
    for example in examples:
        by_key[example.key].append(example)
    findings = []
    for group in by_key.values():
        intents = sorted({example.intent for example in group})
        if len(intents) < 2:
            continue
        first = group[0]
        others = "; ".join(f"{e.intent} in {_place(project, e)}" for e in group[1:])
        findings.append(
            Finding(
                "duplicate_example",
                ERROR,
                project.show(first.path),
                first.line,
                f"„{first.plain}“ steht unter mehreren Absichten: {first.intent} hier, {others}",
                "Entscheiden Sie, welche Absicht passt, und löschen Sie die anderen Zeilen.",
            )
        )
    return findings


def test_examples_in_training(project: Project, examples: list[Example]) -> list[Finding]:
    """Examples of the held-out test set that also stand in the training data."""
    training = {example.key: example for example in examples}
    findings = []
    for test in read_directory(project.test_nlu):
        if test.key in training:
            found = training[test.key]
            findings.append(
                Finding(
                    "test_example_in_training",
                    ERROR,
                    project.show(found.path),
                    found.line,
                    f"„{found.plain}“ steht auch im Testdatensatz ({_place(project, test)})",
                    "Aus den Trainingsdaten löschen oder anders formulieren – "
                    "sonst misst die Bewertung nichts.",
                )
            )
    return findings


def near_duplicates(project: Project, examples: list[Example], threshold: float) -> list[Finding]:
    """Examples of different intents whose wording is almost the same (difflib ratio ≥ threshold)."""
    forms = sorted(((words(example.text), example) for example in examples), key=lambda pair: len(pair[0]))
    matcher = SequenceMatcher(autojunk=False)
    findings = []
    for i, (form_a, first) in enumerate(forms):
        matcher.set_seq2(form_a)
        for form_b, second in forms[i + 1 :]:
            # difflib's ratio is at most 2*min/(a+b): stop once the longer texts cannot reach the threshold.
            if not form_a or 2 * len(form_a) / (len(form_a) + len(form_b)) < threshold:
                break
            if second.intent == first.intent or second.key == first.key:
                continue
            matcher.set_seq1(form_b)
            if matcher.quick_ratio() < threshold or matcher.ratio() < threshold:
                continue
            later, earlier = sorted((first, second), key=lambda e: (str(e.path), e.line), reverse=True)
            findings.append(
                Finding(
                    "near_duplicate",
                    WARNING,
                    project.show(later.path),
                    later.line,
                    f"„{later.plain}“ ({later.intent}) ist fast gleich wie „{earlier.plain}“ "
                    f"({earlier.intent}, {_place(project, earlier)})",
                    "Prüfen Sie, ob beide Absichten stimmen; ein Beispiel umformulieren oder löschen.",
                )
            )
    return findings


def too_few_examples(project: Project, examples: list[Example], minimum: int) -> list[Finding]:
    """Intents of the domain with fewer than `minimum` examples."""
    counts: dict[str, int] = defaultdict(int)
    for example in examples:
        counts[example.intent] += 1
    blocks = {block.intent: block for path in yaml_files(project.nlu) for block in intent_blocks(path)}
    findings = []
    for intent in domain_intents(project.domain):
        if counts[intent] >= minimum:
            continue
        block = blocks.get(intent)
        file, line = (
            (project.show(block.path), block.intent_line) if block else (project.show(project.domain), None)
        )
        findings.append(
            Finding(
                "too_few_examples",
                WARNING,
                file,
                line,
                f"Absicht {intent} hat nur {counts[intent]} Beispiele (mindestens {minimum} empfohlen)",
                "Weitere typische Fragen von Bürgerinnen und Bürgern als Beispiele ergänzen.",
            )
        )
    return findings


def check_nlu(project: Project, min_examples: int, near_threshold: float) -> list[Finding]:
    """All NLU data checks."""
    examples = read_directory(project.data)
    return [
        *same_example_two_intents(project, examples),
        *test_examples_in_training(project, examples),
        *near_duplicates(project, examples, near_threshold),
        *too_few_examples(project, examples, min_examples),
    ]
