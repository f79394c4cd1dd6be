"""Checks of the answers' sources and translations."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

import yaml

from bot.editor.findings import ERROR, NOTE, WARNING, Finding
from bot.editor.knowledge_files import KnowledgeFile, ScannedEntry
from bot.editor.project import Project
from bot.guard import texts as guard_texts
from bot.knowledge.rasa_data import variant_language
from bot.knowledge.translation_rules import (
    MISSING,
    easy_read_problems,
    interface_problems,
    number_problems,
    placeholders,
)
from bot.language import ANSWER_LANGUAGES, DEFAULT_LANGUAGE, EASY_READ, Language, load_languages
from bot.telegram import texts as telegram_texts
from bot.widget_languages import DAYS_IN_JAVASCRIPT, DAYS_PLACEHOLDER, interface_texts

# What bot/telegram/texts.py fills into its texts: the German ones have the values, translations {NAME}.
TELEGRAM_VALUES = ("RETENTION_DAYS", "PRIVACY_URL", "CITY_CONTACT_URL")


def is_bare_domain(url: str) -> bool:
    """True for an address without a page, such as https://lokalklick.eu/ (this bot's /datenschutz is not)."""
    parts = urlsplit(url.strip())
    return bool(parts.scheme and parts.netloc) and parts.path.strip("/") == "" and not parts.query


def _sources(entry: ScannedEntry) -> list[tuple[str, int]]:
    """Every source of an entry with its line: source_url and the items of more_sources."""
    found = []
    source = entry.values.get("source_url")
    if isinstance(source, str):
        found.append((source, entry.line_of("source_url")))
    more = entry.values.get("more_sources")
    if isinstance(more, list):
        lines = entry.item_lines.get("more_sources", [])
        found += [(url, line) for url, line in zip(more, lines, strict=False) if isinstance(url, str)]
    return found


def bare_domain_sources(project: Project, files: dict[str, KnowledgeFile]) -> list[Finding]:
    """Sources that name only a website, not the page the facts are on."""
    findings = []
    for scanned in files.values():
        for entry in scanned.entries:
            for url, line in _sources(entry):
                if is_bare_domain(url):
                    findings.append(
                        Finding(
                            "bare_domain_source",
                            ERROR,
                            project.show(scanned.path),
                            line,
                            f"Antwort {entry.slug}: Die Quelle {url} ist nur die Startseite, nicht die Seite "
                            "mit den Angaben",
                            "Die genaue Adresse des Artikels oder der Seite mit den Angaben eintragen.",
                        )
                    )
    return findings


def _translations(entry: ScannedEntry) -> dict[str, dict]:
    """The entry's translations by language (only well-formed ones)."""
    translations = entry.values.get("translations")
    if not isinstance(translations, dict):
        return {}
    return {language: item for language, item in translations.items() if isinstance(item, dict)}


def _listing(names: list[str]) -> str:
    """The first names of a long list, enough to find them."""
    return ", ".join(names[:4]) + (", …" if len(names) > 4 else "")


def _note(
    project: Project, scanned: KnowledgeFile, entries: list[ScannedEntry], text: str, todo: str
) -> Finding:
    """One note for several entries of a file, at the first entry's line."""
    slugs = _listing([entry.slug for entry in entries])
    count = f"{len(entries)} Antwort" + ("en" if len(entries) > 1 else "")
    return Finding(
        "translation", NOTE, project.show(scanned.path), entries[0].line, f"{count} {text}: {slugs}", todo
    )


def translation_notes(project: Project, files: dict[str, KnowledgeFile]) -> list[Finding]:
    """Per file and language of knowledge/languages/: answers without a translation, unreviewed ones."""
    languages = [code for code in ANSWER_LANGUAGES if code != DEFAULT_LANGUAGE]
    findings = []
    for scanned in files.values():
        missing: dict[str, list[ScannedEntry]] = defaultdict(list)
        unreviewed: dict[str, list[ScannedEntry]] = defaultdict(list)
        for entry in scanned.entries:
            translations = _translations(entry)
            for language in languages:
                if language not in translations:
                    missing[language].append(entry)
                elif str(translations[language].get("reviewed")).lower() != "true":
                    unreviewed[language].append(entry)
        for language, entries in missing.items():
            todo = "Übersetzung ergänzen (docs/knowledge-format.md); bis dahin antwortet der Bot auf Deutsch."
            findings.append(_note(project, scanned, entries, f"ohne Übersetzung „{language}“", todo))
        for language, entries in unreviewed.items():
            todo = "Übersetzung mit dem deutschen Text vergleichen, dann reviewed: true setzen."
            text = f"mit Übersetzung „{language}“, noch nicht geprüft"
            findings.append(_note(project, scanned, entries, text, todo))
    return findings


def _rule_problems(entry: ScannedEntry, language: str, translation: dict) -> list[str]:
    """Numbers that differ from the German text; for Leichte Sprache also too long sentences."""
    problems = []
    for field in ("answer", "uncertain"):
        german, translated = entry.values.get(field), translation.get(field)
        problems += [f"{field} {problem}" for problem in number_problems(german, translated)]
    if language == EASY_READ:
        problems += [
            f"answer: {problem}" for problem in easy_read_problems(str(translation.get("answer") or ""))
        ]
    return problems


def translation_errors(project: Project, files: dict[str, KnowledgeFile]) -> list[Finding]:
    """Translations whose numbers or dates differ from the German; Leichte Sprache with long sentences."""
    findings = []
    for scanned in files.values():
        for entry in scanned.entries:
            for language, translation in _translations(entry).items():
                for problem in _rule_problems(entry, language, translation):
                    findings.append(
                        Finding(
                            "translation_rules",
                            ERROR,
                            project.show(scanned.path),
                            entry.line,
                            f"Antwort {entry.slug}, Übersetzung „{language}“: {problem}",
                            "Zahlen und Daten wie im deutschen Text; Leichte Sprache: kurze Sätze.",
                        )
                    )
    return findings


def _german_texts(module: ModuleType) -> dict[str, str]:
    """The German texts of bot/telegram/texts.py or bot/guard/texts.py by name (each a dict by language)."""
    # Only texts: Telegram's command menu (a mapping) is published per app language, which Leichte Sprache
    # has none of (bot/telegram/app.py and its tests see to the menus).
    return {
        name: value[DEFAULT_LANGUAGE]
        for name, value in vars(module).items()
        if name.isupper() and isinstance(value, dict) and isinstance(value.get(DEFAULT_LANGUAGE), str)
    }


def _telegram_placeholders(text: str) -> set[str]:
    """The {NAME}s a Telegram text keeps: those whose value the German text has filled in."""
    values = {name: str(getattr(telegram_texts, name)) for name in TELEGRAM_VALUES}
    return {
        "{" + name + "}"
        for name, value in values.items()
        if re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text)
    }


def german_interface_texts(responses: dict[str, list[dict]]) -> dict[str, dict[str, set[str]]]:
    """Every interface text of German by section and name, with the placeholders a translation keeps."""
    # A note only translations need ("machine-made translation …") has no German text: its English one counts.
    originals = {
        name: next((v for v in variants if variant_language(v) == DEFAULT_LANGUAGE), variants[0])
        for name, variants in responses.items()
    }
    return {
        "responses": {name: placeholders(variant.get("text")) for name, variant in originals.items()},
        "telegram": {name: _telegram_placeholders(t) for name, t in _german_texts(telegram_texts).items()},
        "guard": {name: placeholders(text) for name, text in _german_texts(guard_texts).items()},
        "widget": {
            name: {DAYS_PLACEHOLDER} if DAYS_IN_JAVASCRIPT in source else set()
            for name, source in interface_texts().items()
        },
    }


def builtin_languages(responses: dict[str, list[dict]]) -> set[str]:
    """The languages whose interface texts are in domain.yml and the code (German, English), not in files."""
    return {variant_language(variant) for variants in responses.values() for variant in variants}


def _line_of(path: Path, section: str, name: str | None = None) -> int | None:
    """The line of a section of a language file, or of a text in it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next((number for number, line in enumerate(lines) if line.startswith(f"{section}:")), None)
    if start is None or name is None:
        return None if start is None else start + 1
    found = (number for number, line in enumerate(lines[start:], start) if line.startswith(f"  {name}:"))
    return next(found, start) + 1


def _missing_texts(place: str, path: Path, language: Language, section: str, names: list[str]) -> Finding:
    """One finding for the texts a section of a language file lacks."""
    # German stands in for a missing text (in the widget English, marked as English, as designed): wrong for a
    # resident who chose another language, readable for one who chose Leichte Sprache.
    shown_in = "Englisch" if section == "widget" else "Deutsch"
    readable = section == "widget" or language.html_lang == DEFAULT_LANGUAGE
    count = "1 Oberflächentext fehlt" if len(names) == 1 else f"{len(names)} Oberflächentexte fehlen"
    return Finding(
        "interface_text",
        WARNING if readable else ERROR,
        place,
        _line_of(path, section),
        f"Sprache „{language.code}“: {count} in {section}: {_listing(names)}",
        f"Texte ergänzen (knowledge/languages/README.md); bis dahin erscheinen sie auf {shown_in}.",
    )


def _language_findings(project: Project, path: Path, language: Language, german: dict) -> list[Finding]:
    """The interface texts one language lacks (one finding per section) or fills in otherwise."""
    place = project.show(path)
    findings, missing = [], defaultdict(list)
    for section, name, problem in interface_problems(german, language.texts):
        if problem == MISSING:
            missing[section].append(name)
            continue
        message = f"Sprache „{language.code}“, {section}.{name}: {problem}"
        todo = "Die Platzhalter in {…} genau wie im deutschen Text schreiben, nicht übersetzen."
        findings.append(Finding("interface_text", ERROR, place, _line_of(path, section, name), message, todo))
    findings += [_missing_texts(place, path, language, section, names) for section, names in missing.items()]
    return findings


def interface_findings(project: Project) -> list[Finding]:
    """Interface texts a language of knowledge/languages/ lacks, or writes with other placeholders."""
    responses = (yaml.safe_load(project.domain.read_text(encoding="utf-8")) or {}).get("responses") or {}
    german, builtin = german_interface_texts(responses), builtin_languages(responses)
    directory = project.knowledge / "languages"
    return [
        finding
        for code, language in load_languages(directory).items()
        if code not in builtin
        for finding in _language_findings(project, directory / f"{code}.yml", language, german)
    ]


def check_entries(project: Project, files: dict[str, KnowledgeFile]) -> list[Finding]:
    """Sources and translations of every answer, and the interface texts of every language."""
    return [
        *bare_domain_sources(project, files),
        *translation_errors(project, files),
        *translation_notes(project, files),
        *interface_findings(project),
    ]
