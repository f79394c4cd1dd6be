"""Options and helpers shared by the editors' commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from bot.settings import Settings

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
TestDir = Annotated[
    Path, typer.Option("--test-data", help="Ordner der Testfragen (test_nlu.yml und answers/)")
]
ModelsDir = Annotated[Path, typer.Option("--models", help="Ordner der Modelle")]
AsJson = Annotated[bool, typer.Option("--json", help="Ausgabe als JSON (für Skripte)")]


def console(stderr: bool = False) -> Console:
    """The terminal output (created per command, so tests can capture it); stderr when stdout is JSON."""
    return Console(highlight=False, stderr=stderr)


def tracker_url(given: str | None) -> str:
    """The tracker store to read: the option, else the bot's setting."""
    return given or Settings().tracker_store_url
