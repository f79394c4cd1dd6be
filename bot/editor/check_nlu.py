"""Checks of the examples (data/nlu/, and the answers' in knowledge/): duplicates, test leaks, counts."""

from __future__ import annotations

import bisect
from collections import defaultdict
from difflib import SequenceMatcher

import numpy
from rapidfuzz import fuzz, process

from bot.editor.findings import ERROR, WARNING, Finding
from bot.editor.knowledge_files import KnowledgeFile, answer_test_questions, knowledge_examples
from bot.editor.nlu_data import Example, intent_blocks, read_directory, yaml_files
from bot.editor.project import Project, domain_intents
from bot.editor.text import words
from bot.knowledge.text import normalise


def _place(project: Project, example: Example) -> str:
    """file:line of an example."""
    return f"{project.show(example.path)}:{example.line}"


def _loader_reports(group: list[Example]) -> bool:
    """True when only answers share the example word for word: the knowledge loader reports that itself."""
    return all(example.entry for example in group) and len({normalise(e.plain) for e in group}) == 1


def same_example_two_owners(project: Project, examples: list[Example]) -> list[Finding]:
    """The same (normalised) example under more than one intent or answer."""
    by_key: dict[str, list[Example]] = defaultdict(list)
    for example in examples:
        by_key[example.key].append(example)
    findings = []
    for group in by_key.values():
        if len({example.owner for example in group}) < 2 or _loader_reports(group):
            continue
        first = group[0]
        others = "; ".join(f"{e.described} in {_place(project, e)}" for e in group[1:])
        findings.append(
            Finding(
                "duplicate_example",
                ERROR,
                project.show(first.path),
                first.line,
                f"„{first.plain}“ steht mehrfach: {first.described} hier, {others}",
                "Entscheiden Sie, welche Absicht oder Antwort passt, und löschen Sie die anderen Zeilen.",
            )
        )
    return findings


def test_examples_in_training(project: Project, examples: list[Example]) -> list[Finding]:
    """Questions of the held-out test sets (intents and answers) that also stand in the training data."""
    training = {example.key: example for example in examples}
    findings = []
    for test in [*read_directory(project.test_nlu), *answer_test_questions(project.answer_tests)]:
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


# Examples compared at once with those of similar length: bounds the memory of one comparison.
COMPARED_AT_ONCE = 500


def candidate_pairs(forms: list[str], threshold: float) -> list[tuple[int, int]]:
    """Index pairs (i < j) whose rapidfuzz Indel ratio reaches the threshold, found in C++.

    The ratio (2·LCS / total length) cannot reach it when the shorter text is below
    threshold / (2 − threshold) of the longer: each text is compared only with texts of about its length.
    """
    order = sorted(range(len(forms)), key=lambda index: len(forms[index]))
    lengths = [len(forms[index]) for index in order]
    shortest_share = threshold / (2 - threshold) - 1e-9  # a pair right at the threshold stays in
    cutoff = threshold * 100 - 1  # scores are rounded to whole percent
    pairs: list[tuple[int, int]] = []
    for start in range(0, len(order), COMPARED_AT_ONCE):
        block = order[start : start + COMPARED_AT_ONCE]
        end = bisect.bisect_right(lengths, lengths[start + len(block) - 1] / shortest_share)
        scores = process.cdist(
            [forms[index] for index in block],
            [forms[index] for index in order[start:end]],
            scorer=fuzz.ratio,
            score_cutoff=cutoff,
            workers=-1,
            dtype=numpy.uint8,
        )
        for row, column in numpy.argwhere(scores):
            if column > row:  # each pair once: the other text is later in the order
                pairs.append(tuple(sorted((block[row], order[start + column]))))
    return sorted(pairs)


def near_duplicates(project: Project, examples: list[Example], threshold: float) -> list[Finding]:
    """Examples of different intents or answers with almost the same wording (difflib ratio ≥ threshold)."""
    forms = [words(example.text) for example in examples]
    # rapidfuzz's Indel ratio is never below difflib's ratio, so it finds every candidate pair; difflib then
    # decides, as the editors' "similar" always has.
    matcher = SequenceMatcher(autojunk=False)
    findings = []
    for i, j in candidate_pairs(forms, threshold):
        first, second = examples[i], examples[j]
        if second.owner == first.owner or second.key == first.key or not forms[i]:
            continue
        matcher.set_seqs(forms[j], forms[i])
        if matcher.ratio() < threshold:
            continue
        later, earlier = sorted((first, second), key=lambda e: (str(e.path), e.line), reverse=True)
        findings.append(
            Finding(
                "near_duplicate",
                WARNING,
                project.show(later.path),
                later.line,
                f"„{later.plain}“ ({later.described}) ist fast gleich wie „{earlier.plain}“ "
                f"({earlier.described}, {_place(project, earlier)})",
                "Prüfen Sie, ob beide Zuordnungen stimmen; ein Beispiel umformulieren oder löschen.",
            )
        )
    return findings


def too_few_examples(project: Project, examples: list[Example], minimum: int) -> list[Finding]:
    """Intents of domain.yml (greet, out_of_scope …) with fewer than `minimum` examples in data/nlu/."""
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


def too_few_entry_examples(project: Project, files: dict[str, KnowledgeFile], minimum: int) -> list[Finding]:
    """Answers with fewer than `minimum` example questions (the loader refuses fewer than three)."""
    findings = []
    for scanned in files.values():
        for entry in scanned.entries:
            examples = entry.values.get("examples")
            count = len(examples) if isinstance(examples, list) else 0
            if not count or count >= minimum:
                continue  # none at all: the loader reports it
            findings.append(
                Finding(
                    "too_few_entry_examples",
                    WARNING,
                    project.show(scanned.path),
                    entry.line_of("examples"),
                    f"Antwort {entry.slug} hat nur {count} Beispielfragen (mindestens {minimum} empfohlen)",
                    "Weitere Fragen ergänzen, wie Bürgerinnen und Bürger sie stellen: "
                    "förmlich und locker, mit Tippfehlern, ohne Umlaute, auch auf Englisch.",
                )
            )
    return findings


def check_nlu(
    project: Project, files: dict[str, KnowledgeFile], min_examples: int, min_entry: int, near: float
) -> list[Finding]:
    """All example checks, over data/nlu/ and the answers' examples in knowledge/."""
    examples = [*read_directory(project.data), *knowledge_examples(files)]
    return [
        *same_example_two_owners(project, examples),
        *test_examples_in_training(project, examples),
        *near_duplicates(project, examples, near),
        *too_few_examples(project, read_directory(project.data), min_examples),
        *too_few_entry_examples(project, files, min_entry),
    ]
