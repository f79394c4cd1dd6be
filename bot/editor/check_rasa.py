"""Rasa's own validation (`rasa data validate` on data/ and the files generated from knowledge/)."""

from __future__ import annotations

import re

from rich.console import Console

from bot.editor import rasa_cli
from bot.editor.findings import ERROR, NOTE, WARNING, Finding
from bot.editor.nlu_data import IntentBlock, all_blocks
from bot.editor.project import Project

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_WARNING = re.compile(
    r"UserWarning: (?P<message>.*?)(?=\n\S*/[^\n]*UserWarning|\n\d{4}-\d\d-\d\d |\Z)", re.DOTALL
)
_ERROR_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ERROR\s+\S+\s+-\s+(?P<message>.*)$", re.MULTILINE)
_UNUSED_UTTERANCE = re.compile(r"The utterance '(?P<name>[^']+)' is not used in any story or rule")
_INTENT_NOT_IN_DOMAIN = re.compile(r"labeled with intent '(?P<intent>[^']+)'\. This intent is not listed")
_INTENT_WITHOUT_DATA = re.compile(
    r"The intent '(?P<intent>[^']+)' is listed in the domain file, but is not found"
)
_INTENT_UNUSED = re.compile(r"The intent '(?P<intent>[^']+)' is not used in any story or rule")
_MULTIPLE_INTENTS = re.compile(r"was found labeled with multiple different intents")


def rasa_messages(output: str) -> list[str]:
    """The warnings and errors in Rasa's output, one text each."""
    clean = _ANSI.sub("", output)
    messages = [" ".join(match.group("message").split()) for match in _WARNING.finditer(clean)]
    messages += [match.group("message").strip() for match in _ERROR_LINE.finditer(clean)]
    return [re.sub(r"\s*More info at \S+", "", message) for message in messages]


def _intent_finding(project: Project, message: str, first_block: dict[str, IntentBlock]) -> Finding | None:
    """A finding for Rasa's messages about intents: no domain entry, no examples, no rule."""
    domain = project.show(project.domain)
    if match := _INTENT_NOT_IN_DOMAIN.search(message):
        intent = match.group("intent")
        block = first_block.get(intent)
        return Finding(
            "rasa_intent_not_in_domain",
            ERROR,
            project.show(block.path) if block else domain,
            block.intent_line if block else None,
            f"Die Absicht {intent} hat Beispiele, steht aber nicht in domain.yml",
            f"Absicht-Namen prüfen (Tippfehler?) oder {intent} in domain.yml eintragen lassen.",
        )
    if match := _INTENT_WITHOUT_DATA.search(message):
        return Finding(
            "rasa_intent_without_examples",
            ERROR,
            domain,
            None,
            f"Die Absicht {match.group('intent')} steht in domain.yml, hat aber keine Beispiele",
            "Beispielfragen in data/nlu/ ergänzen.",
        )
    if match := _INTENT_UNUSED.search(message):
        return Finding(
            "rasa_intent_unused",
            ERROR,
            domain,
            None,
            f"Auf die Absicht {match.group('intent')} reagiert keine Regel und keine Geschichte",
            "Regel in data/rules/ ergänzen (Entwicklungsteam).",
        )
    return None


def _unused_note(domain: str, names: list[str]) -> Finding:
    """One note for all responses no rule uses (the answer action sends them)."""
    shown = ", ".join(sorted(names)[:3]) + (", …" if len(names) > 3 else "")
    return Finding(
        "rasa_unused_responses",
        NOTE,
        domain,
        None,
        f"{len(names)} Antworttexte stehen in keiner Regel ({shown})",
        "Kein Handlungsbedarf, wenn eine Aktion sie benutzt (so ist es bei diesem Bot).",
    )


def summarise(project: Project, returncode: int, output: str, blocks: list[IntentBlock]) -> list[Finding]:
    """Findings from Rasa's validation output; harmless notes are folded into one line."""
    first_block: dict[str, IntentBlock] = {}
    for block in blocks:
        first_block.setdefault(block.intent, block)
    domain = project.show(project.domain)
    findings: list[Finding] = []
    unused_utterances: list[str] = []
    explained = False
    for message in rasa_messages(output):
        if match := _UNUSED_UTTERANCE.search(message):
            unused_utterances.append(match.group("name"))
        elif _MULTIPLE_INTENTS.search(message):
            explained = True  # reported with file and line by the duplicate check
        elif finding := _intent_finding(project, message, first_block):
            findings.append(finding)
        else:
            severity = ERROR if returncode else WARNING
            findings.append(Finding("rasa", severity, domain, None, f"Rasa meldet: {message}", ""))
    if returncode and not explained and not any(f.severity == ERROR for f in findings):
        tail = " ".join(_ANSI.sub("", output).strip().splitlines()[-3:])
        findings.append(
            Finding("rasa", ERROR, domain, None, f"rasa data validate ist fehlgeschlagen: {tail}", "")
        )
    return findings + ([_unused_note(domain, unused_utterances)] if unused_utterances else [])


def rasa_findings(project: Project, console: Console) -> list[Finding]:
    """Generate the Rasa files from knowledge/, run `rasa data validate` on everything and summarise it."""
    files = project.generate_rasa_files(project.output / "rasa")
    if files is None:
        return [
            Finding(
                "rasa_skipped",
                NOTE,
                project.show(project.knowledge),
                None,
                "Rasas Prüfung übersprungen: die Wissensbasis hat Fehler",
                "Erst die Fehler in knowledge/ beheben, dann erneut prüfen.",
            )
        ]
    log = project.output / "rasa-validate.log"
    result = rasa_cli.run(rasa_cli.validate_arguments(files), log, "Rasa prüft die Trainingsdaten", console)
    return summarise(project, result.returncode, result.output, all_blocks(project.data))
