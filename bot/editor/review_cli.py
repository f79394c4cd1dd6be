"""The command `review`: residents' questions the bot missed, assigned to an answer or an intent."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.prompt import Prompt
from sqlalchemy.exc import SQLAlchemyError

from bot.editor import review as decisions
from bot.editor.inbox import OUT_OF_SCOPE, Group, find_group
from bot.editor.nlu_data import AppendError
from bot.editor.options import (
    AsJson,
    ConfigFile,
    DataDir,
    DomainFile,
    KnowledgeDir,
    TestDir,
    TrackerStore,
    console,
    tracker_url,
)
from bot.editor.project import STATE_FILE, Project, fallback_threshold
from bot.editor.state import ReviewState
from bot.editor.views import group_panel, inbox_table, numbered_menu
from bot.settings import ROOT

review_app = typer.Typer(help="Nachrichten prüfen, die der Bot nicht verstanden hat oder die 👎 bekamen.")
ItemId = Annotated[str, typer.Argument(metavar="ID", help="ID aus `review --list`")]
PROMPT = (
    "Nummer der Antwort oder Absicht · o = nicht unser Thema · i = ignorieren · Enter = später · q = Ende"
)


@dataclass(frozen=True)
class ReviewOptions:
    """Options shared by the review subcommands."""

    tracker_store: str
    threshold: float
    similarity: float
    state: Path
    project: Project
    days: int

    def inbox(self, state: ReviewState) -> list[Group]:
        """The open inbox groups."""
        try:
            since = time.time() - self.days * 86400 if self.days else None
            return decisions.load_inbox(self.tracker_store, self.threshold, state, self.similarity, since)
        except SQLAlchemyError as error:
            message = str(error).splitlines()[0]
            raise typer.BadParameter(
                f"Gespräche nicht lesbar ({message})", param_hint="--tracker-store"
            ) from None


@review_app.callback(invoke_without_command=True)
def review(
    context: typer.Context,
    tracker_store: TrackerStore = None,
    threshold: Annotated[
        float | None,
        typer.Option(
            help="Antworten unter dieser Sicherheit zeigen (Standard: FallbackClassifier in config.yml)"
        ),
    ] = None,
    similarity: Annotated[
        float, typer.Option(help="ähnliche Formulierungen ab diesem Wert gruppieren")
    ] = 0.85,
    days: Annotated[int, typer.Option(help="Nachrichten der letzten N Tage (0 = alle)")] = 90,
    state: Annotated[Path, typer.Option(help="Datei mit den schon geprüften Nachrichten")] = STATE_FILE,
    data: DataDir = ROOT / "data",
    domain: DomainFile = ROOT / "domain.yml",
    config: ConfigFile = ROOT / "config.yml",
    knowledge: KnowledgeDir = ROOT / "knowledge",
    test_data: TestDir = ROOT / "tests" / "nlu",
    list_only: Annotated[bool, typer.Option("--list", help="nur auflisten, nichts fragen")] = False,
    as_json: AsJson = False,
) -> None:
    """Offene Nachrichten ansehen und einer Antwort oder Absicht zuordnen (ohne Unterbefehl: interaktiv)."""
    project = Project(data.resolve().parent, data, domain, config, knowledge, test_data)
    if threshold is None:
        threshold = fallback_threshold(project.config)
    options = ReviewOptions(tracker_url(tracker_store), threshold, similarity, state, project, days)
    context.obj = options
    if context.invoked_subcommand:
        return
    out = console()
    groups = options.inbox(ReviewState(state))
    if as_json:
        typer.echo(json.dumps([group.as_dict() for group in groups], ensure_ascii=False, indent=1))
    elif list_only:
        out.print(inbox_table(groups) if groups else "Keine offenen Nachrichten – alles geprüft.")
    else:
        interactive(options, groups, out)


def choices(project: Project, out: Console) -> list[str]:
    """Print the numbered answers (topic and question) and intents; returns the targets in that order."""
    answers = decisions.assignable_answers(project)
    intents = decisions.assignable_intents(project)
    out.print(
        numbered_menu("Antworten (Thema: Frage)", [answer.label for answer in answers], columns=2, width=60)
    )
    out.print(numbered_menu("Andere Absichten", intents, first=len(answers) + 1))
    return [*(answer.slug for answer in answers), *intents]


def decide(
    answer: str, group: Group, targets: list[str], options: ReviewOptions, state: ReviewState
) -> str | None:
    """Carry out one typed decision; its message, or None when the input was not understood."""
    if answer == "i":
        return decisions.ignore(group, state).message
    if answer == "o":
        return decisions.assign(group, OUT_OF_SCOPE, options.project, state).message
    if answer.isdigit() and 1 <= int(answer) <= len(targets):
        return decisions.assign(group, targets[int(answer) - 1], options.project, state).message
    return None


def interactive(options: ReviewOptions, groups: list[Group], out: Console) -> None:
    """Go through the inbox group by group and ask for a decision."""
    if not groups:
        out.print("Keine offenen Nachrichten – alles geprüft.")
        return
    state = ReviewState(options.state)
    targets = choices(options.project, out)
    done = 0
    for number, group in enumerate(groups, start=1):
        out.print(group_panel(group, number, len(groups)))
        while True:
            answer = Prompt.ask(PROMPT, default="", show_default=False, console=out).strip().lower()
            if answer == "q":
                out.print(f"{done} Entscheidungen gespeichert.")
                return
            if answer == "":
                break
            try:
                message = decide(answer, group, targets, options, state)
            except AppendError as error:
                out.print(f"[red]{error}[/red]")
                continue
            if message is None:
                out.print("[red]Bitte eine Nummer aus der Liste, o, i, Enter oder q.[/red]")
                continue
            out.print(message)
            done += 1
            break
    out.print(f"Fertig: {done} Entscheidungen gespeichert.")


def _chosen(options: ReviewOptions, item_id: str) -> tuple[Group, ReviewState]:
    """The open group with this id, or a clear error."""
    state = ReviewState(options.state)
    group = find_group(options.inbox(state), item_id)
    if group is None:
        raise typer.BadParameter(
            f"keine offene Nachricht mit der ID {item_id} (schon geprüft?)", param_hint="ID"
        )
    return group, state


@review_app.command("assign")
def review_assign(
    context: typer.Context,
    item_id: ItemId,
    target: Annotated[
        str, typer.Argument(metavar="ANTWORT", help="Antwort (z. B. hsu_deadline) oder Absicht (z. B. greet)")
    ],
) -> None:
    """Eine Nachricht (mit ihren ähnlichen) einer Antwort oder Absicht als Beispiel zuordnen."""
    options: ReviewOptions = context.obj
    group, state = _chosen(options, item_id)
    try:
        typer.echo(decisions.assign(group, target, options.project, state).message)
    except AppendError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(1) from None


@review_app.command("out-of-scope")
def review_out_of_scope(context: typer.Context, item_id: ItemId) -> None:
    """Eine Nachricht als „nicht unser Thema“ (out_of_scope) eintragen."""
    review_assign(context, item_id, OUT_OF_SCOPE)


@review_app.command("ignore")
def review_ignore(context: typer.Context, item_id: ItemId) -> None:
    """Eine Nachricht ignorieren: sie wird nicht mehr angezeigt, die Trainingsdaten bleiben gleich."""
    options: ReviewOptions = context.obj
    group, state = _chosen(options, item_id)
    typer.echo(decisions.ignore(group, state).message)
