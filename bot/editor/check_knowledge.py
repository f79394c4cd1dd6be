"""Checks of the knowledge base and of how domain, rules and stories refer to it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from bot.editor.findings import ERROR, WARNING, Finding
from bot.editor.nlu_data import read_directory, yaml_files
from bot.editor.project import Project, domain_actions, domain_intents
from bot.knowledge.loader import KnowledgeError, read_knowledge

ANSWER_ACTION = re.compile(r"^action_answer_(?P<topic>[a-z0-9_]+)$")
# action_answer_followup answers from the topic of the previous answer; it names no topic of its own.
NOT_A_TOPIC = {"followup"}
# What to do about the loader's messages (see docs/knowledge-format.md, section 6).
_ADVICE = [
    ("is missing", "Pflichtfeld ergänzen (z. B. source_url mit der Quelle der Angaben)."),
    ("http(s) URL", "Vollständige Adresse mit https:// eintragen."),
    ("YYYY-MM-DD", "Datum als JJJJ-MM-TT schreiben, z. B. 2025-08-01 (oder null ohne Datum)."),
    ("in the future", "Stand darf nicht in der Zukunft liegen: Datum der Quelle eintragen."),
    ("unknown field", "Feldname prüfen (Tippfehler?)."),
    ("characters long", "Antwort kürzen (höchstens 700 Zeichen)."),
    ("already used", "Namen nur einmal verwenden."),
    ("YAML syntax", "Einrückung, Doppelpunkte und Anführungszeichen in dieser Zeile prüfen."),
]


@dataclass
class KnowledgeFile:
    """What `check` needs from one knowledge file: topic, intent and entries with their lines."""

    path: Path
    slug: str | None = None
    intent: str | None = None
    lines: dict[str, int] = field(default_factory=dict)
    entries: list[dict[str, Any]] = field(default_factory=list)


def _line_of(node: yaml.Node) -> int:
    """1-based line of a YAML node."""
    return node.start_mark.line + 1


def scan_knowledge(path: Path) -> KnowledgeFile:
    """Topic, intent and entries of a knowledge file with line numbers; tolerant of invalid content."""
    found = KnowledgeFile(path)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except yaml.YAMLError:
        return found
    if not isinstance(root, yaml.MappingNode):
        return found
    for key, value in root.value:
        if key.value == "topic" and isinstance(value, yaml.MappingNode):
            for field_key, field_value in value.value:
                if field_key.value in ("slug", "intent") and isinstance(field_value, yaml.ScalarNode):
                    setattr(found, field_key.value, str(field_value.value))
                    found.lines[f"topic.{field_key.value}"] = _line_of(field_key)
        if key.value == "entries" and isinstance(value, yaml.SequenceNode):
            for item in value.value:
                if not isinstance(item, yaml.MappingNode):
                    continue
                entry: dict[str, Any] = {"line": _line_of(item)}
                for field_key, field_value in item.value:
                    if isinstance(field_value, yaml.ScalarNode):
                        entry[field_key.value] = field_value.value
                        entry[f"{field_key.value}_line"] = _line_of(field_key)
                found.entries.append(entry)
    return found


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
            if entry.get("slug") == label.group(1):
                return int(entry["line"])
    if where == "topic":
        return scanned.lines.get("topic.slug")
    text = scanned.path.read_text(encoding="utf-8").splitlines()
    if label:
        for number, line in enumerate(text, start=1):
            if label.group(1) in line:
                return number
    return None


def _german(message: str) -> str:
    """The loader's most common words in German (the rest of its message stays as it is)."""
    for english, german in (("entry '", "Antwort '"), ("entity '", "Name '"), ("field '", "Feld '")):
        message = message.replace(english, german)
    return message.replace("is missing", "fehlt").replace(
        "unknown field (typo?)", "unbekanntes Feld (Tippfehler?)"
    )


def loader_problems(project: Project, files: dict[str, KnowledgeFile]) -> list[Finding]:
    """The knowledge loader's own validation (the same rules as when loading into the bot)."""
    try:
        read_knowledge(project.knowledge)
    except KnowledgeError as error:
        findings = []
        for problem in error.problems:
            line = _entry_line(files, problem.file, problem.where)
            message = _german(str(problem).split(": ", 1)[1] if ": " in str(problem) else str(problem))
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


def stale_entries(project: Project, files: dict[str, KnowledgeFile], max_age_days: int) -> list[Finding]:
    """Entries whose as-of date is older than the allowed age, and entries whose source has no date."""
    oldest = date.today() - timedelta(days=max_age_days)
    findings = []
    for scanned in files.values():
        for entry in scanned.entries:
            slug, value = entry.get("slug", "?"), entry.get("as_of")
            line = entry.get("as_of_line") or entry["line"]
            if value in (None, "null", "~", ""):
                if "as_of_line" in entry or "as_of" in entry:
                    findings.append(
                        Finding(
                            "no_date",
                            WARNING,
                            project.show(scanned.path),
                            line,
                            f"Antwort {slug}: Quelle ohne Datum – bitte prüfen",
                            "Quelle öffnen, Angaben prüfen; hat die Seite ein Datum, als as_of eintragen.",
                        )
                    )
                continue
            try:
                as_of = date.fromisoformat(str(value))
            except ValueError:
                continue  # reported by the loader
            if as_of < oldest:
                age = (date.today() - as_of).days
                findings.append(
                    Finding(
                        "stale",
                        WARNING,
                        project.show(scanned.path),
                        line,
                        f"Antwort {slug}: Stand {as_of.isoformat()} ist {age} Tage alt "
                        f"(erlaubt: {max_age_days})",
                        "Quelle erneut prüfen, Antwort aktualisieren und as_of auf das neue Datum setzen.",
                    )
                )
    return findings


def _rule_steps(path: Path) -> list[tuple[int, str, str]]:
    """(line, 'intent'|'action', name) for every step of the rules and stories in one file."""
    steps = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = re.match(r"^\s*-\s*(rule|story|intent|action)\s*:\s*(\S.*?)\s*$", line)
        if match:
            steps.append((number, match.group(1), match.group(2).strip("'\"")))
    return steps


def cross_references(project: Project, files: dict[str, KnowledgeFile]) -> list[Finding]:
    """Domain, rules and stories against the knowledge base, in both directions."""
    topics = {scanned.slug: scanned for scanned in files.values() if scanned.slug}
    intents = set(domain_intents(project.domain))
    actions = domain_actions(project.domain)
    examples = {example.intent for example in read_directory(project.data)}
    domain_lines = project.domain.read_text(encoding="utf-8").splitlines()
    findings = []

    def missing_topic(file: str, line: int | None, action: str, topic: str) -> Finding:
        """An answer action whose knowledge file does not exist."""
        return Finding(
            "missing_knowledge",
            ERROR,
            file,
            line,
            f"{action} soll aus dem Wissensthema „{topic}“ antworten, aber knowledge/{topic}.yml fehlt",
            f"knowledge/{topic}.yml anlegen (docs/knowledge-format.md) oder den Namen korrigieren.",
        )

    for action in actions:
        match = ANSWER_ACTION.match(action)
        if match and match.group("topic") not in NOT_A_TOPIC and match.group("topic") not in topics:
            line = next((n for n, text in enumerate(domain_lines, 1) if text.strip() == f"- {action}"), None)
            findings.append(missing_topic(project.show(project.domain), line, action, match.group("topic")))
    for path in [*yaml_files(project.data / "rules"), *yaml_files(project.data / "stories")]:
        last_intent: str | None = None
        for line, kind, name in _rule_steps(path):
            if kind in ("rule", "story"):
                last_intent = None
            elif kind == "intent":
                last_intent = name
            elif match := ANSWER_ACTION.match(name):
                topic = match.group("topic")
                if topic in NOT_A_TOPIC:
                    continue
                if topic not in topics:
                    findings.append(missing_topic(project.show(path), line, name, topic))
                elif last_intent and topics[topic].intent and topics[topic].intent != last_intent:
                    findings.append(
                        Finding(
                            "rule_mismatch",
                            WARNING,
                            project.show(path),
                            line,
                            f"Auf die Absicht {last_intent} folgt {name}, aber knowledge/{topic}.yml gehört "
                            f"zur Absicht {topics[topic].intent}",
                            "Regel prüfen: Absicht und Antwort-Aktion müssen zum selben Thema gehören.",
                        )
                    )
    for slug, scanned in topics.items():
        file, line = project.show(scanned.path), scanned.lines.get("topic.intent")
        intent = scanned.intent
        if intent and intent not in intents:
            findings.append(
                Finding(
                    "intent_missing",
                    ERROR,
                    file,
                    line,
                    f"Das Thema {slug} gehört zur Absicht {intent}, die in domain.yml nicht steht",
                    f"Absicht {intent} in domain.yml (intents) eintragen lassen "
                    "oder topic.intent korrigieren.",
                )
            )
        elif intent and intent not in examples:
            findings.append(
                Finding(
                    "intent_without_examples",
                    ERROR,
                    file,
                    line,
                    f"Für die Absicht {intent} (Thema {slug}) gibt es keine Beispielfragen in data/nlu/",
                    f"Beispielfragen unter „- intent: {intent}“ in data/nlu/{slug}.yml anlegen.",
                )
            )
        if f"action_answer_{slug}" not in actions:
            findings.append(
                Finding(
                    "action_missing",
                    ERROR,
                    file,
                    scanned.lines.get("topic.slug"),
                    f"Zum Thema {slug} gibt es keine Aktion action_answer_{slug} in domain.yml",
                    "Ohne diese Aktion beantwortet der Bot das Thema nie: Entwicklungsteam fragen.",
                )
            )
    return findings


def check_knowledge(project: Project, max_age_days: int) -> list[Finding]:
    """All knowledge-base checks."""
    files = {path.name: scan_knowledge(path) for path in sorted(project.knowledge.glob("*.yml"))}
    return [
        *loader_problems(project, files),
        *stale_entries(project, files, max_age_days),
        *cross_references(project, files),
    ]
