"""The editors' command line: `python -m bot.editor review|check|evaluate|retrain|stats|user`."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.exc import SQLAlchemyError

from bot.console.user_cli import user_app
from bot.editor import rasa_cli
from bot.editor.answers import answers_table
from bot.editor.check_entries import check_entries
from bot.editor.check_knowledge import check_knowledge
from bot.editor.check_nlu import check_nlu
from bot.editor.check_rasa import rasa_findings
from bot.editor.evaluation import Evaluation, evaluation_jobs, read_evaluation, write_report
from bot.editor.evaluation import table as evaluation_table
from bot.editor.findings import ERROR, WARNING, sort_findings
from bot.editor.knowledge_files import scan_directory
from bot.editor.options import (
    AsJson,
    ConfigFile,
    DataDir,
    DomainFile,
    KnowledgeDir,
    ModelsDir,
    TestDir,
    TrackerStore,
    console,
    tracker_url,
)
from bot.editor.project import OUTPUT, Project
from bot.editor.retrain import RetrainError, worse
from bot.editor.retrain import retrain as run_retrain
from bot.editor.review_cli import review_app
from bot.editor.server import ServerError
from bot.editor.stats import charts, compute
from bot.editor.tracker import read_events
from bot.editor.translations import translations_app
from bot.editor.views import findings_table, stats_tables
from bot.processes import latest_model
from bot.settings import ROOT, Settings

app = typer.Typer(
    help="Werkzeuge für die Redaktion des Dortmunder Info-Chats.", no_args_is_help=True, add_completion=False
)
app.add_typer(review_app, name="review")
app.add_typer(user_app, name="user")
app.add_typer(translations_app, name="translations")


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
    min_answer_examples: Annotated[
        int, typer.Option(help="so viele Beispielfragen braucht jede Antwort mindestens")
    ] = 5,
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
    files = scan_directory(project.knowledge)
    findings = [
        *check_nlu(project, files, min_examples, min_answer_examples, near),
        *check_knowledge(project, files, max_age_days),
        *check_entries(project, files),
        *(rasa_findings(project, out) if rasa else []),
    ]
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
    knowledge: KnowledgeDir = ROOT / "knowledge",
    test_data: TestDir = ROOT / "tests" / "nlu",
    out: Annotated[Path, typer.Option(help="Ordner für Bericht und Diagramme")] = OUTPUT / "bewertung",
) -> None:
    """Anteil richtiger Antworten und Präzision, Trefferquote und F1 je Absicht, mit HTML-Bericht."""
    terminal = console()
    model = model or latest_model()
    project = Project(knowledge=knowledge, test_nlu=test_data)
    for name in ("intent_report.json", "parsed.json"):
        (out / name).unlink(missing_ok=True)  # always a fresh evaluation
    jobs = evaluation_jobs(model, project, out)
    for label, result in rasa_cli.run_all(jobs, terminal).items():
        if result.returncode != 0:
            terminal.print(f"[red]Die Bewertung ({label}) ist fehlgeschlagen, siehe {jobs[label].log}[/red]")
            raise typer.Exit(1)
    evaluation = read_evaluation(out, model.name, project.knowledge)
    if evaluation.answers:
        terminal.print(answers_table(evaluation.answers))
    terminal.print(evaluation_table(evaluation))
    terminal.print(
        f"Richtige Antwort: {evaluation.answer_accuracy:.1%} · "
        f"Makro-F1 (Absichten): {evaluation.macro_f1:.3f}"
        f" · Bericht: {write_report(evaluation)}"
    )


def _comparison(new: Evaluation, old: Evaluation) -> str:
    """Both models' numbers: macro-F1 of the intents and the share of right answers."""
    return (
        f"Makro-F1 neu {new.macro_f1:.3f}, bisher {old.macro_f1:.3f}; richtige Antwort neu "
        f"{new.answer_accuracy:.1%}, bisher {old.answer_accuracy:.1%}"
    )


@app.command()
def retrain(
    data: DataDir = ROOT / "data",
    domain: DomainFile = ROOT / "domain.yml",
    config: ConfigFile = ROOT / "config.yml",
    knowledge: KnowledgeDir = ROOT / "knowledge",
    test_data: TestDir = ROOT / "tests" / "nlu",
    models: ModelsDir = ROOT / "models",
    rasa_url: Annotated[str | None, typer.Option(help="Adresse des laufenden Rasa-Servers")] = None,
    token: Annotated[str | None, typer.Option(help="Token der Rasa-API (Standard: RASA_AUTH_TOKEN)")] = None,
    current_model: Annotated[Path | None, typer.Option(help="Datei des laufenden Modells")] = None,
    tolerance: Annotated[
        float,
        typer.Option(help="so viel schlechter (Makro-F1, Anteil richtiger Antworten) darf das neue sein"),
    ] = 0.0,
    out: Annotated[Path, typer.Option(help="Ordner für Berichte und Logs")] = OUTPUT / "training",
) -> None:
    """Neu trainieren; das Modell des laufenden Servers nur tauschen, wenn das neue nicht schlechter ist."""
    terminal = console()
    project = Project(data.resolve().parent, data, domain, config, knowledge, test_data, models)
    out.mkdir(parents=True, exist_ok=True)
    url = rasa_url or f"http://127.0.0.1:{Settings().rasa_port}"
    try:
        result = run_retrain(
            project, url, token or Settings().api_token, terminal, out, current_model, tolerance
        )
    except (RetrainError, ServerError) as error:
        terminal.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from None
    new, old = result.new, result.old
    terminal.print(evaluation_table(new, "Neues Modell"))
    if result.swapped:
        within = f" (innerhalb der Toleranz {tolerance:.3f})" if worse(new, old, 0.0) else ""
        terminal.print(
            f"[bold green]Neues Modell aktiv:[/bold green] {result.model.name} – "
            f"{_comparison(new, old)}{within}; "
            f"Wechsel in {result.seconds_to_swap:.1f} s ohne Neustart."
        )
    else:
        terminal.print(
            f"[bold yellow]Altes Modell bleibt:[/bold yellow] das neue ist schlechter – "
            f"{_comparison(new, old)}. "
            f"Berichte: {new.folder / 'bericht.html'}"
        )
        raise typer.Exit(2)


@app.command()
def stats(
    tracker_store: TrackerStore = None,
    days: Annotated[int, typer.Option(help="Zeitraum: die letzten N Tage (0 = alles)")] = 30,
    top: Annotated[int, typer.Option(help="so viele Themen und Antworten zeigen")] = 10,
    out: Annotated[Path, typer.Option(help="Ordner für die Diagramme (PNG)")] = OUTPUT / "statistik",
) -> None:
    """Gespräche pro Tag und Kanal, häufigste Themen und Antworten, Fallback-Quote, 👍/👎 (auch als PNG)."""
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
