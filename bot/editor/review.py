"""Decisions on the review inbox: assign to an answer or an intent (adds an example), out of scope, ignore."""

from __future__ import annotations

from dataclasses import dataclass

from bot.editor.inbox import OUT_OF_SCOPE, Group, collect, group
from bot.editor.knowledge_files import (
    answer_test_questions,
    append_entry_example,
    knowledge_examples,
    scan_directory,
)
from bot.editor.nlu_data import AppendError, Example, append_example, find_duplicate, read_directory
from bot.editor.project import Project, domain_intents
from bot.editor.state import ReviewState
from bot.editor.tracker import read_events

# Intents an editor should not give residents' questions: the widget's rating, and bad input.
NOT_ASSIGNABLE = {"feedback", "unclear_input"}


@dataclass(frozen=True)
class Outcome:
    """What a decision did, in the editors' words."""

    message: str
    added: bool = False


@dataclass(frozen=True)
class Answer:
    """A knowledge entry a question can be assigned to: its topic, intent, slug and question."""

    topic: str
    intent: str
    slug: str
    question: str

    @property
    def label(self) -> str:
        """How the menu shows it: topic and the entry's question."""
        return f"{self.topic}: {self.question}"


def load_inbox(
    tracker_store: str,
    threshold: float,
    state: ReviewState,
    similarity: float = 0.85,
    since: float | None = None,
) -> list[Group]:
    """Open inbox groups: messages not yet reviewed, similar wordings together, newest first."""
    events = read_events(tracker_store, since)
    items = [item for item in collect(events, threshold) if not state.reviewed(item.id)]
    return group(items, similarity)


def assignable_intents(project: Project) -> list[str]:
    """The intents of domain.yml an editor can choose from (greet, out_of_scope …; topics are answers)."""
    return [intent for intent in domain_intents(project.domain) if intent not in NOT_ASSIGNABLE]


def assignable_answers(project: Project) -> list[Answer]:
    """Every answer of the knowledge base, file by file in the order written."""
    return [
        Answer(
            scanned.slug or scanned.path.stem,
            scanned.intent or "",
            entry.slug,
            str(entry.values.get("question")),
        )
        for scanned in scan_directory(project.knowledge).values()
        for entry in scanned.entries
    ]


def training_examples(project: Project) -> list[Example]:
    """Every training example: data/nlu/ and the answers' examples in knowledge/."""
    return [*read_directory(project.data), *knowledge_examples(scan_directory(project.knowledge))]


def _unknown(target: str, intents: list[str], answers: list[Answer]) -> AppendError:
    """The error for a target that is neither an intent nor an answer; a topic's intent lists its answers."""
    of_topic = [answer.slug for answer in answers if answer.intent == target]
    if of_topic:
        return AppendError(
            f"{target} ist ein Thema mit mehreren Antworten. Bitte die passende Antwort wählen: "
            f"{', '.join(of_topic)}"
        )
    return AppendError(
        f"Unbekannte Absicht oder Antwort '{target}'. Möglich sind die Absichten {', '.join(intents)} "
        "und die Antworten der Wissensbasis (Liste in `review`, z. B. hsu_overview)."
    )


def _refuse_duplicates(text: str, target: str, project: Project) -> Example | None:
    """The same example of the same target (nothing to do); an error if elsewhere or a test question."""
    existing = find_duplicate(text, training_examples(project))
    where = f"{project.show(existing.path)}:{existing.line}" if existing else ""
    if existing and existing.owner == target:
        return existing
    if existing:
        raise AppendError(
            f"„{text}“ steht schon als Beispiel für {existing.described} in {where}. Ein Beispiel darf "
            "nur zu einer Absicht oder Antwort gehören: dort ändern oder löschen, dann erneut zuordnen."
        )
    tests = [*read_directory(project.test_nlu), *answer_test_questions(project.answer_tests)]
    in_test = find_duplicate(text, tests)
    if in_test:
        raise AppendError(
            f"„{text}“ steht im Testdatensatz ({project.show(in_test.path)}:{in_test.line}). Testfragen "
            "dürfen nicht ins Training, sonst misst die Bewertung nichts mehr. Bitte ignorieren oder "
            "anders formulieren."
        )
    return None


def assign(chosen: Group, target: str, project: Project, state: ReviewState) -> Outcome:
    """Add the group's newest wording as an example of an answer (knowledge entry) or an intent."""
    intents, answers = assignable_intents(project), assignable_answers(project)
    answer = next((item for item in answers if item.slug == target), None)
    if answer is None and target not in intents:
        raise _unknown(target, intents, answers)
    text, ids = chosen.text, [item.id for item in chosen.items]
    described = f"Antwort {target}" if answer else f"Absicht {target}"
    existing = _refuse_duplicates(text, target, project)
    if existing:
        state.record(ids, "assigned", text, answer.intent if answer else target, target if answer else None)
        where = f"{project.show(existing.path)}:{existing.line}"
        return Outcome(f"„{text}“ steht schon als Beispiel für {described} in {where} – nichts geändert.")
    if answer:
        path, line = append_entry_example(project.knowledge, target, text)
        state.record(ids, "assigned", text, answer.intent, target)
        label = f"die Antwort {target} ({answer.label})"
    else:
        path, line = append_example(project.nlu, target, text)
        state.record(ids, "assigned", text, target)
        label = "außerhalb der Themen (out_of_scope)" if target == OUT_OF_SCOPE else target
    return Outcome(f"„{text}“ als Beispiel für {label} eingetragen: {project.show(path)}:{line}", added=True)


def ignore(chosen: Group, state: ReviewState) -> Outcome:
    """Remember the group as reviewed without changing the training data."""
    state.record([item.id for item in chosen.items], "ignored", chosen.text)
    return Outcome(f"„{chosen.text}“ ignoriert – wird nicht mehr angezeigt.")
