"""Decisions on the review inbox: assign an intent (adds a training example), mark out of scope, ignore."""

from __future__ import annotations

from dataclasses import dataclass

from bot.editor.inbox import OUT_OF_SCOPE, Group, collect, group
from bot.editor.nlu_data import AppendError, append_example, find_duplicate, read_directory
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
    """The domain's intents an editor can choose from."""
    return [intent for intent in domain_intents(project.domain) if intent not in NOT_ASSIGNABLE]


def assign(chosen: Group, intent: str, project: Project, state: ReviewState) -> Outcome:
    """Add the group's newest wording as an example of `intent`, unless it is already there."""
    intents = assignable_intents(project)
    if intent not in intents:
        raise AppendError(f"Unbekannte Absicht '{intent}'. Möglich sind: {', '.join(intents)}")
    text = chosen.text
    ids = [item.id for item in chosen.items]
    existing = find_duplicate(text, read_directory(project.data))
    if existing and existing.intent == intent:
        state.record(ids, "assigned", text, intent)
        where = f"{project.show(existing.path)}:{existing.line}"
        return Outcome(f"„{text}“ steht schon als Beispiel für {intent} in {where} – nichts geändert.")
    if existing:
        where = f"{project.show(existing.path)}:{existing.line}"
        raise AppendError(
            f"„{text}“ steht schon als Beispiel für {existing.intent} in {where}. Ein Beispiel darf nur "
            f"zu einer Absicht gehören: dort ändern oder löschen, dann erneut zuordnen."
        )
    in_test = find_duplicate(text, read_directory(project.test_nlu))
    if in_test:
        where = f"{project.show(in_test.path)}:{in_test.line}"
        raise AppendError(
            f"„{text}“ steht im Testdatensatz ({where}). Testfragen dürfen nicht ins Training, sonst misst "
            f"die Bewertung nichts mehr. Bitte ignorieren oder anders formulieren."
        )
    path, line = append_example(project.nlu, intent, text)
    state.record(ids, "assigned", text, intent)
    label = "außerhalb der Themen (out_of_scope)" if intent == OUT_OF_SCOPE else intent
    return Outcome(f"„{text}“ als Beispiel für {label} eingetragen: {project.show(path)}:{line}", added=True)


def ignore(chosen: Group, state: ReviewState) -> Outcome:
    """Remember the group as reviewed without changing the training data."""
    state.record([item.id for item in chosen.items], "ignored", chosen.text)
    return Outcome(f"„{chosen.text}“ ignoriert – wird nicht mehr angezeigt.")
