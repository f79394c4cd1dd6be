"""Checks of the answers' sources and translations."""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import urlsplit

from bot.editor.findings import ERROR, NOTE, Finding
from bot.editor.knowledge_files import KnowledgeFile, ScannedEntry
from bot.editor.project import Project
from bot.knowledge.translation_rules import easy_read_problems, number_problems
from bot.language import ANSWER_LANGUAGES, DEFAULT_LANGUAGE, EASY_READ


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


def _note(
    project: Project, scanned: KnowledgeFile, entries: list[ScannedEntry], text: str, todo: str
) -> Finding:
    """One note for several entries of a file, at the first entry's line."""
    slugs = ", ".join(entry.slug for entry in entries[:4]) + (", …" if len(entries) > 4 else "")
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


def check_entries(project: Project, files: dict[str, KnowledgeFile]) -> list[Finding]:
    """Sources and translations of every answer."""
    return [
        *bare_domain_sources(project, files),
        *translation_errors(project, files),
        *translation_notes(project, files),
    ]
