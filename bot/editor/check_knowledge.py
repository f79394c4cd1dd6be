"""Checks of the knowledge base: the loader's rules, old as-of dates and overdue answers."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from bot.editor.findings import ERROR, WARNING, Finding
from bot.editor.knowledge_files import KnowledgeFile, ScannedEntry, german
from bot.editor.project import Project
from bot.knowledge.loader import KnowledgeError, read_knowledge

# What to do about the loader's messages (see docs/knowledge-format.md, section 6).
_ADVICE = [
    ("is missing", "Pflichtfeld ergänzen (z. B. source_url mit der Quelle der Angaben)."),
    ("http(s) URL", "Vollständige Adresse mit https:// eintragen."),
    (
        "a month in quotes",
        'Stand als Tag (2025-09-13), Monat in Anführungszeichen ("2025-09") oder Jahr (2025).',
    ),
    ("YYYY-MM-DD", "Datum als JJJJ-MM-TT schreiben, z. B. 2026-03-31."),
    ("already an example of", "Eine Beispielfrage gehört zu genau einer Antwort: bei einer löschen."),
    ("in the future", "Stand darf nicht in der Zukunft liegen: Datum der Quelle eintragen."),
    ("unknown field", "Feldname prüfen (Tippfehler?)."),
    ("characters long", "Antwort kürzen (höchstens 700 Zeichen)."),
    ("already used", "Namen nur einmal verwenden."),
    ("YAML syntax", "Einrückung, Doppelpunkte und Anführungszeichen in dieser Zeile prüfen."),
]


def _entry_line(files: dict[str, KnowledgeFile], name: str, where: str | None) -> int | None:
    """The line of the entry or entity a loader problem names ("entry 'hsu_overview'")."""
    scanned = files.get(name.split("/")[-1])
    if not scanned or not where:
        return None
    match = re.search(r"line (\d+)", where)
    if match:
        return int(match.group(1))
    label = re.search(r"'([^']+)'", where)
    if label:
        for entry in scanned.entries:
            if entry.slug == label.group(1):
                return entry.line
    if where == "topic":
        return scanned.lines.get("topic.slug")
    text = scanned.path.read_text(encoding="utf-8").splitlines()
    if label:
        for number, line in enumerate(text, start=1):
            if label.group(1) in line:
                return number
    return None


def loader_problems(project: Project, files: dict[str, KnowledgeFile]) -> list[Finding]:
    """The knowledge loader's own validation (the same rules as when loading into the bot)."""
    try:
        read_knowledge(project.knowledge)
    except KnowledgeError as error:
        findings = []
        for problem in error.problems:
            line = _entry_line(files, problem.file, problem.where)
            message = german(str(problem).split(": ", 1)[1] if ": " in str(problem) else str(problem))
            advice = next((text for key, text in _ADVICE if key in problem.message), "")
            findings.append(
                Finding(
                    "knowledge_invalid",
                    ERROR,
                    project.show(project.knowledge / problem.file.split("/")[-1]),
                    line,
                    message,
                    f"{advice} Siehe docs/knowledge-format.md.".strip(),
                )
            )
        return findings
    return []


def _latest_day(as_of: str) -> date | None:
    """The last day an as-of value covers: "2025" → 31.12.2025, "2025-09" → 30.09.2025; None if unreadable."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", as_of.strip())
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        if day:
            return date(year, month or 1, day)
        if month:
            return date(year, month, calendar.monthrange(year, month)[1])
        return date(year, 12, 31)
    except ValueError:
        return None  # reported by the loader


def _age(project: Project, scanned: KnowledgeFile, entry: ScannedEntry, max_age_days: int) -> Finding | None:
    """A warning when the entry's as-of date is missing or older than allowed."""
    value = entry.values.get("as_of")
    line = entry.line_of("as_of")
    if value in (None, ""):
        if "as_of" not in entry.values:
            return None  # the loader reports the missing field
        return Finding(
            "no_date",
            WARNING,
            project.show(scanned.path),
            line,
            f"Antwort {entry.slug}: Quelle ohne Datum – bitte prüfen",
            "Quelle öffnen, Angaben prüfen; hat die Seite ein Datum, als as_of eintragen.",
        )
    latest = _latest_day(str(value))
    if latest is None or latest >= date.today() - timedelta(days=max_age_days):
        return None
    return Finding(
        "stale",
        WARNING,
        project.show(scanned.path),
        line,
        f"Antwort {entry.slug}: Stand {value} ist älter als {max_age_days} Tage",
        "Quelle erneut prüfen, Antwort aktualisieren und as_of auf das neue Datum setzen.",
    )


def stale_entries(project: Project, files: dict[str, KnowledgeFile], max_age_days: int) -> list[Finding]:
    """Entries whose as-of date is older than the allowed age, and entries whose source has no date."""
    found = (
        _age(project, scanned, entry, max_age_days) for scanned in files.values() for entry in scanned.entries
    )
    return [finding for finding in found if finding]


def overdue_entries(project: Project, files: dict[str, KnowledgeFile]) -> list[Finding]:
    """Entries whose `review_by` date has passed: the bot adds „möglicherweise nicht mehr aktuell“."""
    findings = []
    for scanned in files.values():
        for entry in scanned.entries:
            try:
                review_by = date.fromisoformat(str(entry.values.get("review_by") or "").strip())
            except ValueError:
                continue  # none, or reported by the loader
            if review_by >= date.today():
                continue
            findings.append(
                Finding(
                    "overdue",
                    WARNING,
                    project.show(scanned.path),
                    entry.line_of("review_by"),
                    f"Antwort {entry.slug}: überfällig seit {review_by:%d.%m.%Y} (review_by) – der Bot sagt "
                    "dazu, dass die Angaben veraltet sein können",
                    "Quelle prüfen, Antwort und as_of aktualisieren, review_by auf das nächste Prüfdatum "
                    "setzen (oder löschen, wenn die Antwort nicht mehr abläuft).",
                )
            )
    return findings


def check_knowledge(project: Project, files: dict[str, KnowledgeFile], max_age_days: int) -> list[Finding]:
    """All checks of the knowledge files' content and dates."""
    return [
        *loader_problems(project, files),
        *stale_entries(project, files, max_age_days),
        *overdue_entries(project, files),
    ]
