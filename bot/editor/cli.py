"""The editors' command line: `python -m bot.editor review|check|evaluate|retrain|stats`."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.prompt import Prompt
from sqlalchemy.exc import SQLAlchemyError

from bot.editor import check_knowledge, check_nlu, check_rasa, rasa_cli
from bot.editor import review as decisions
from bot.editor.evaluation import read_evaluation, write_report
from bot.editor.evaluation import table as evaluation_table
from bot.editor.findings import ERROR, WARNING, sort_findings
from bot.editor.inbox import OUT_OF_SCOPE, Group, find_group
from bot.editor.nlu_data import AppendError, all_blocks
from bot.editor.project import OUTPUT, STATE_FILE, Project
from bot.editor.retrain import RetrainError
from bot.editor.retrain import retrain as run_retrain
from bot.editor.server import ServerError
from bot.editor.state import ReviewState
from bot.editor.stats import charts, compute
from bot.editor.tracker import read_events
from bot.editor.views import findings_table, group_panel, inbox_table, intent_menu, stats_tables
from bot.processes import latest_model
from bot.settings import ROOT, Settings

app = typer.Typer(
    help="Werkzeuge für die Redaktion des Dortmunder Info-Chats.", no_args_is_help=True, add_completion=False
)
review_app = typer.Typer(help="Nachrichten prüfen, die der Bot nicht verstanden hat oder die 👎 bekamen.")
app.add_typer(review_app, name="review")

TrackerStore = Annotated[
    str | None,
    typer.Option(
        "--tracker-store", help="Datenbank der Gespräche (Standard: TRACKER_STORE_URL / var/tracker.db)"
    ),
]
DataDir = Annotated[Path, typer.Option("--data", help="Ordner der Trainingsdaten")]
DomainFile = Annotated[Path, typer.Option("--domain", help="domain.yml")]
ConfigFile = Annotated[Path, typer.Option("--config", help="config.yml")]
KnowledgeDir = Annotated[Path, typer.Option("--knowledge", help="Ordner der Wissensbasis")]
TestDir = Annotated[Path, typer.Option("--test-data", help="Ordner des NLU-Testdatensatzes")]
ModelsDir = Annotated[Path, typer.Option("--models", help="Ordner der Modelle")]
AsJson = Annotated[bool, typer.Option("--json", help="Ausgabe als JSON (für Skripte)")]


def console(stderr: bool = False) -> Console:
    """The terminal output (created per command, so tests can capture it); stderr when stdout is JSON."""
    return Console(highlight=False, stderr=stderr)


def tracker_url(given: str | None) -> str:
    """The tracker store to read: the option, else the bot's setting."""
    return given or Settings().tracker_store_url


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
    threshold: Annotated[float, typer.Option(help="Antworten unter dieser Sicherheit zeigen")] = 0.7,
    similarity: Annotated[
        float, typer.Option(help="ähnliche Formulierungen ab diesem Wert gruppieren")
    ] = 0.85,
    days: Annotated[int, typer.Option(help="Nachrichten der letzten N Tage (0 = alle)")] = 90,
    state: Annotated[Path, typer.Option(help="Datei mit den schon geprüften Nachrichten")] = STATE_FILE,
    data: DataDir = ROOT / "data",
    domain: DomainFile = ROOT / "domain.yml",
    test_data: TestDir = ROOT / "tests" / "nlu",
    list_only: Annotated[bool, typer.Option("--list", help="nur auflisten, nichts fragen")] = False,
    as_json: AsJson = False,
) -> None:
    """Offene Nachrichten ansehen und zuordnen (ohne Unterbefehl: interaktiv)."""
    options = ReviewOptions(
        tracker_url(tracker_store),
        threshold,
        similarity,
        state,
        Project(data.resolve().parent, data, domain, test_nlu=test_data),
        days,
    )
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


def interactive(options: ReviewOptions, groups: list[Group], out: Console) -> None:
    """Go through the inbox group by group and ask for a decision."""
    if not groups:
        out.print("Keine offenen Nachrichten – alles geprüft.")
        return
    state = ReviewState(options.state)
    intents = decisions.assignable_intents(options.project)
    out.print(intent_menu(intents))
    question = "Nummer der Absicht · o = nicht unser Thema · i = ignorieren · Enter = später · q = Ende"
    done = 0
    for number, group in enumerate(groups, start=1):
        out.print(group_panel(group, number, len(groups)))
        while True:
            answer = Prompt.ask(question, default="", show_default=False, console=out).strip().lower()
            try:
                if answer == "q":
                    out.print(f"{done} Entscheidungen gespeichert.")
                    return
                if answer == "":
                    break
                if answer == "i":
                    out.print(decisions.ignore(group, state).message)
                elif answer == "o":
                    out.print(decisions.assign(group, OUT_OF_SCOPE, options.project, state).message)
                elif answer.isdigit() and 1 <= int(answer) <= len(intents):
                    out.print(
                        decisions.assign(group, intents[int(answer) - 1], options.project, state).message
                    )
                else:
                    out.print("[red]Bitte eine Nummer aus der Liste, o, i, Enter oder q.[/red]")
                    continue
                done += 1
                break
            except AppendError as error:
                out.print(f"[red]{error}[/red]")
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
    item_id: Annotated[str, typer.Argument(metavar="ID", help="ID aus `review --list`")],
    intent: Annotated[str, typer.Argument(help="Absicht, z. B. ask_hsu oder out_of_scope")],
) -> None:
    """Eine Nachricht (mit ihren ähnlichen) einer Absicht als Beispiel zuordnen."""
    options: ReviewOptions = context.obj
    group, state = _chosen(options, item_id)
    try:
        typer.echo(decisions.assign(group, intent, options.project, state).message)
    except AppendError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(1) from None


@review_app.command("out-of-scope")
def review_out_of_scope(
    context: typer.Context,
    item_id: Annotated[str, typer.Argument(metavar="ID", help="ID aus `review --list`")],
) -> None:
    """Eine Nachricht als „nicht unser Thema“ (out_of_scope) eintragen."""
    review_assign(context, item_id, OUT_OF_SCOPE)


@review_app.command("ignore")
def review_ignore(
    context: typer.Context,
    item_id: Annotated[str, typer.Argument(metavar="ID", help="ID aus `review --list`")],
) -> None:
    """Eine Nachricht ignorieren: sie wird nicht mehr angezeigt, die Trainingsdaten bleiben gleich."""
    options: ReviewOptions = context.obj
    group, state = _chosen(options, item_id)
    typer.echo(decisions.ignore(group, state).message)


@app.command()
def check(
    data: DataDir = ROOT / "data",
    domain: DomainFile = ROOT / "domain.yml",
    config: ConfigFile = ROOT / "config.yml",
    knowledge: KnowledgeDir = ROOT / "knowledge",
    test_data: TestDir = ROOT / "tests" / "nlu",
    min_examples: Annotated[
        int, typer.Option(help="so viele Beispiele braucht jede Absicht mindestens")
    ] = 10,
    max_age_days: Annotated[int, typer.Option(help="so alt (Tage) darf der Stand einer Antwort sein")] = 730,
    near: Annotated[float, typer.Option(help="Ähnlichkeit, ab der Beispiele als fast gleich gelten")] = 0.9,
    rasa: Annotated[
        bool, typer.Option("--rasa/--no-rasa", help="auch `rasa data validate` ausführen")
    ] = True,
    as_json: AsJson = False,
) -> None:
    """Trainingsdaten und Wissensbasis prüfen; Exit-Code 1 bei Fehlern."""
    project = Project(data.resolve().parent, data, domain, config, knowledge, test_data)
    out = console(stderr=as_json)
    findings = [
        *check_nlu.check_nlu(project, min_examples, near),
        *check_knowledge.check_knowledge(project, max_age_days),
    ]
    if rasa:
        log = (OUTPUT if project.root == ROOT else project.root / "var" / "redaktion") / "rasa-validate.log"
        result = rasa_cli.run(rasa_cli.validate_arguments(project), log, "Rasa prüft die Trainingsdaten", out)
        findings += check_rasa.summarise(project, result.returncode, result.output, all_blocks(project.data))
    findings = sort_findings(findings)
    errors = sum(f.severity == ERROR for f in findings)
    warnings = sum(f.severity == WARNING for f in findings)
    if as_json:
        typer.echo(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=1))
    else:
        if findings:
            out.print(findings_table(findings))
        style = "bold red" if errors else "bold green"
        out.print(f"[{style}]{errors} Fehler, {warnings} Warnungen[/{style}]")
    if errors:
        raise typer.Exit(1)


@app.command()
def evaluate(
    model: Annotated[Path | None, typer.Option(help="Modell (Standard: das neueste in models/)")] = None,
    test_data: TestDir = ROOT / "tests" / "nlu",
    out: Annotated[Path, typer.Option(help="Ordner für Bericht und Diagramme")] = OUTPUT / "bewertung",
) -> None:
    """Präzision, Trefferquote und F1 je Absicht auf dem Testdatensatz, mit HTML-Bericht."""
    terminal = console()
    model = model or latest_model()
    result = rasa_cli.run(
        rasa_cli.test_nlu_arguments(model, test_data, out), out / "rasa.log", "Teste das Modell", terminal
    )
    if result.returncode != 0:
        terminal.print(f"[red]rasa test nlu ist fehlgeschlagen, siehe {out / 'rasa.log'}[/red]")
        raise typer.Exit(1)
    evaluation = read_evaluation(out, model.name)
    terminal.print(evaluation_table(evaluation))
    terminal.print(f"Makro-F1: {evaluation.macro_f1:.3f} · Bericht: {write_report(evaluation)}")


@app.command()
def retrain(
    data: DataDir = ROOT / "data",
    domain: DomainFile = ROOT / "domain.yml",
    config: ConfigFile = ROOT / "config.yml",
    test_data: TestDir = ROOT / "tests" / "nlu",
    models: ModelsDir = ROOT / "models",
    rasa_url: Annotated[str | None, typer.Option(help="Adresse des laufenden Rasa-Servers")] = None,
    token: Annotated[str | None, typer.Option(help="Token der Rasa-API (Standard: RASA_AUTH_TOKEN)")] = None,
    current_model: Annotated[Path | None, typer.Option(help="Datei des laufenden Modells")] = None,
    tolerance: Annotated[float, typer.Option(help="so viel schlechter (Makro-F1) darf das neue sein")] = 0.0,
    out: Annotated[Path, typer.Option(help="Ordner für Berichte und Logs")] = OUTPUT / "training",
) -> None:
    """Neu trainieren; das Modell des laufenden Servers nur tauschen, wenn das neue nicht schlechter ist."""
    terminal = console()
    project = Project(data.resolve().parent, data, domain, config, test_nlu=test_data, models=models)
    out.mkdir(parents=True, exist_ok=True)
    url = rasa_url or f"http://127.0.0.1:{Settings().rasa_port}"
    token = token or Settings().api_token
    try:
        result = run_retrain(project, url, token, terminal, out, current_model, tolerance)
    except (RetrainError, ServerError) as error:
        terminal.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from None
    new, old = result.new.macro_f1, result.old.macro_f1
    terminal.print(evaluation_table(result.new, "Neues Modell"))
    if result.swapped:
        terminal.print(
            f"[bold green]Neues Modell aktiv:[/bold green] {result.model.name} – Makro-F1 neu {new:.3f}, "
            f"bisher {old:.3f}{f' (innerhalb der Toleranz {tolerance:.3f})' if new < old else ''}; "
            f"Wechsel in {result.seconds_to_swap:.1f} s ohne Neustart."
        )
    else:
        terminal.print(
            f"[bold yellow]Altes Modell bleibt:[/bold yellow] das neue ist schlechter – "
            f"Makro-F1 neu {new:.3f} < bisher {old:.3f}. Berichte: {result.new.folder / 'bericht.html'}"
        )
        raise typer.Exit(2)


@app.command()
def stats(
    tracker_store: TrackerStore = None,
    days: Annotated[int, typer.Option(help="Zeitraum: die letzten N Tage (0 = alles)")] = 30,
    top: Annotated[int, typer.Option(help="so viele Themen zeigen")] = 10,
    out: Annotated[Path, typer.Option(help="Ordner für die Diagramme (PNG)")] = OUTPUT / "statistik",
) -> None:
    """Gespräche pro Tag und Kanal, häufigste Themen, Fallback-Quote und 👍/👎 – als Tabelle und PNG."""
    terminal = console()
    since = datetime.now(timezone.utc) - timedelta(days=days) if days else None
    try:
        result = compute(read_events(tracker_url(tracker_store), since.timestamp() if since else None), since)
    except SQLAlchemyError as error:
        raise typer.BadParameter(f"Gespräche nicht lesbar ({str(error).splitlines()[0]})") from None
    for view in stats_tables(result, top):
        terminal.print(view)
    for path in charts(result, out, top):
        terminal.print(f"Diagramm: {path}")


def main() -> None:
    """Run the command line."""
    app()
