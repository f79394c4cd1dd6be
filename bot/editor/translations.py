"""Translations: import a translator's file for one language, and approve a translation (`reviewed: true`)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from ruamel.yaml.scalarstring import LiteralScalarString

from bot.editor.knowledge_files import round_trip
from bot.editor.options import KnowledgeDir, console
from bot.knowledge.loader import KnowledgeError, read_knowledge
from bot.knowledge.text import fold_umlauts
from bot.language import LANGUAGES_DIR, TEXT_SECTIONS

translations_app = typer.Typer(help="Übersetzungen einlesen und freigeben.", no_args_is_help=True)
# What an imported answer text carries besides its words: translations start unreviewed.
ENTRY_FIELDS = ("question", "answer", "uncertain", "examples")


def _aliases(entities: list[Any], names: dict[str, list[str]]) -> None:
    """Add the names of entity values in the language to their aliases (each once)."""
    for entity in entities or []:
        names_so_far = [entity["value"], *(entity.get("aliases") or [])]
        # The loader adds umlaut-free variants itself (hoerde for Hörde): those are not written.
        known = {name.lower() for name in names_so_far} | {fold_umlauts(name) for name in names_so_far}
        for name in names.get(entity["value"]) or []:
            if name.lower() not in known:
                entity.setdefault("aliases", []).append(name.lower())
                known |= {name.lower(), fold_umlauts(name)}


def _block(value: Any) -> Any:
    """Texts with line breaks as literal blocks (`|`), as editors write answers."""
    return LiteralScalarString(value) if isinstance(value, str) and "\n" in value else value


def _merge_file(content: Any, delivery: dict[str, Any], code: str) -> int:
    """Put the delivery's texts into one knowledge file's content; return how many entries got a text."""
    title = (delivery.get("topics") or {}).get(content["topic"]["slug"])
    if title:
        content["topic"].setdefault("translations", {})[code] = {"title": title}
    merged = 0
    for entry in content["entries"]:
        item = (delivery.get("entries") or {}).get(entry["slug"])
        if not item:
            continue
        text = {field: _block(item[field]) for field in ENTRY_FIELDS if item.get(field)}
        entry.setdefault("translations", {})[code] = {**text, "reviewed": False}
        merged += 1
    _aliases(content.get("entities"), delivery.get("entities") or {})
    return merged


def import_language(delivery_path: Path, code: str, knowledge: Path, languages: Path = LANGUAGES_DIR) -> int:
    """Merge a delivery (answers, examples, names, interface texts) into knowledge/; return entries merged."""
    delivery = yaml.safe_load(delivery_path.read_text(encoding="utf-8")) or {}
    handler, merged, before = round_trip(), 0, {}
    for path in sorted(knowledge.glob("*.yml")):
        before[path] = path.read_text(encoding="utf-8")
        content = handler.load(before[path])
        merged += _merge_file(content, delivery, code)
        written = io.StringIO()
        handler.dump(content, written)
        path.write_text(written.getvalue(), encoding="utf-8")
    try:
        read_knowledge(knowledge)
    except KnowledgeError:
        for path, text in before.items():
            path.write_text(text, encoding="utf-8")
        raise
    _write_interface(languages / f"{code}.yml", delivery)
    return merged


class _BlockDumper(yaml.SafeDumper):
    """Writes texts with line breaks as literal blocks (`|`), readable for editors."""


_BlockDumper.add_representer(
    str,
    lambda dumper, value: dumper.represent_scalar(
        "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None
    ),
)


def _write_interface(path: Path, delivery: dict[str, Any]) -> None:
    """Write the delivery's interface texts into the language's file, keeping its name and detection."""
    before = path.read_text(encoding="utf-8") if path.exists() else ""
    language = yaml.safe_load(before) or {}
    header = "".join(line + "\n" for line in before.splitlines() if line.startswith("#"))
    for section in TEXT_SECTIONS:
        if delivery.get(section):
            language[section] = delivery[section]
    text = yaml.dump(language, Dumper=_BlockDumper, allow_unicode=True, sort_keys=False, width=110)
    path.write_text(header + text, encoding="utf-8")


def approve(knowledge: Path, slug: str, code: str) -> Path:
    """Mark the entry's translation into `code` as reviewed; return the file it is in."""
    handler = round_trip()
    for path in sorted(knowledge.glob("*.yml")):
        content = handler.load(path.read_text(encoding="utf-8"))
        entry = next((item for item in content["entries"] if item.get("slug") == slug), None)
        if entry is None:
            continue
        translation = (entry.get("translations") or {}).get(code)
        if translation is None:
            raise KeyError(f"Die Antwort {slug} hat keine Übersetzung '{code}'")
        translation["reviewed"] = True
        written = io.StringIO()
        handler.dump(content, written)
        path.write_text(written.getvalue(), encoding="utf-8")
        return path
    raise KeyError(f"Die Antwort {slug} steht in keiner Datei in {knowledge}")


@translations_app.command("import")
def import_command(
    file: Annotated[
        Path, typer.Argument(help="Datei der Übersetzung (Aufbau: knowledge/languages/README.md)")
    ],
    language: Annotated[str, typer.Option(help="Sprachcode, z. B. tr")],
    knowledge: KnowledgeDir = Path("knowledge"),
) -> None:
    """Eine gelieferte Übersetzung in knowledge/ übernehmen (als ungeprüft markiert)."""
    try:
        merged = import_language(file, language, knowledge)
    except KnowledgeError as error:
        console().print("[red]Nicht übernommen, die Wissensbasis wäre ungültig:[/red]")
        console().print("\n".join(str(problem) for problem in error.problems))
        raise typer.Exit(1) from None
    console().print(f"{merged} Antworten in '{language}' übernommen (ungeprüft).")


@translations_app.command("approve")
def approve_command(
    entry: Annotated[str, typer.Argument(help="Antwort, z. B. hsu_deadline")],
    language: Annotated[str, typer.Argument(help="Sprachcode, z. B. tr")],
    knowledge: KnowledgeDir = Path("knowledge"),
) -> None:
    """Eine Übersetzung nach Prüfung freigeben (reviewed: true)."""
    try:
        path = approve(knowledge, entry, language)
    except KeyError as error:
        console().print(f"[red]{error.args[0]}[/red]")
        raise typer.Exit(1) from None
    console().print(f"Übersetzung '{language}' von {entry} freigegeben ({path}).")
