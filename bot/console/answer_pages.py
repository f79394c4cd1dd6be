"""Antworten: every entry with text, source, as-of date, examples and translation; edit, history, undo."""

from __future__ import annotations

import difflib
from datetime import date
from typing import Any

import yaml
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.console import entries
from bot.console.db import audit
from bot.console.models import AnswerChange
from bot.console.web import config, database, form, refuse, render
from bot.editor.nlu_data import clean_example
from bot.knowledge.db import create_tables, get_sessionmaker
from bot.knowledge.loader import load_knowledge
from bot.knowledge.schema import TopicFile


def reload_knowledge(request: Request, topic_files: list[TopicFile]) -> None:
    """Load the validated knowledge files into the bot's database (as bot.knowledge.loader does)."""
    settings = config(request)
    create_tables(settings.knowledge_database_url)
    with get_sessionmaker(settings.knowledge_database_url).begin() as session:
        load_knowledge(session, topic_files)


async def answer_list(request: Request) -> Response:
    """GET /antworten: all entries, topic by topic."""
    found = await run_in_threadpool(entries.all_entries, config(request).project.knowledge)
    topics: dict[str, list[entries.Located]] = {}
    for entry in found:
        topics.setdefault(entry.topic, []).append(entry)
    return render(request, "answers.html", topics=topics)


def form_values(entry: dict[str, Any]) -> dict[str, str]:
    """An entry's editable fields as the form shows them."""
    english = (entry.get("translations") or {}).get("en") or {}
    return {
        "question": str(entry.get("question") or ""),
        "answer": str(entry.get("answer") or "").strip(),
        "source_url": str(entry.get("source_url") or ""),
        "as_of": "" if entry.get("as_of") is None else str(entry["as_of"]),
        "review_by": "" if entry.get("review_by") is None else str(entry["review_by"]),
        "examples": "\n".join(str(text) for text in entry.get("examples") or []),
        "en_question": str(english.get("question") or ""),
        "en_answer": str(english.get("answer") or "").strip(),
        "en_reviewed": "ja" if english.get("reviewed") else "",
    }


def _date_or_text(text: str, year_as_number: bool) -> Any:
    """A date field as the loader reads YAML: a year as a number, a day as a date, else the text."""
    if year_as_number and text.isdigit() and len(text) == 4:
        return int(text)
    try:
        return date.fromisoformat(text)
    except ValueError:
        return text


def changes_from(fields: dict[str, str], current: dict[str, Any]) -> dict[str, Any]:
    """The entry's new field values from the form (unchanged text keeps its written form)."""
    text = {key: fields.get(key, "").replace("\r\n", "\n").strip() for key in form_values({})}
    changes: dict[str, Any] = {"question": text["question"], "source_url": text["source_url"]}
    if text["answer"] != str(current.get("answer") or "").strip():
        changes["answer"] = text["answer"]
    changes["as_of"] = _date_or_text(text["as_of"], True) if text["as_of"] else None
    if text["as_of"] == str(current.get("as_of")):
        changes["as_of"] = current.get("as_of")
    changes["review_by"] = _date_or_text(text["review_by"], False) if text["review_by"] else None
    changes["examples"] = [clean_example(line) for line in text["examples"].split("\n") if line.strip()]
    translations = dict(current.get("translations") or {})
    english = dict(translations.get("en") or {})
    if text["en_answer"]:
        if text["en_answer"] != str(english.get("answer") or "").strip():
            english["answer"] = text["en_answer"]
        english["question"] = text["en_question"] or None
        english["reviewed"] = fields.get("en_reviewed") == "ja"
        translations["en"] = {key: value for key, value in english.items() if value is not None}
    else:
        translations.pop("en", None)
    changes["translations"] = translations or None
    return changes


def _history(request: Request, slug: str) -> list[AnswerChange]:
    """The saved changes of an entry, newest first."""
    query = select(AnswerChange).where(AnswerChange.slug == slug).order_by(AnswerChange.id.desc())
    return list(database(request).scalars(query))


def _edit(request: Request, entry: entries.Located, values: dict[str, str], **extra: Any) -> Response:
    """The edit form of an entry with its history."""
    history = _history(request, entry.slug)
    status = extra.pop("status", 200)
    return render(request, "answer.html", status, entry=entry, values=values, history=history, **extra)


async def answer_page(request: Request) -> Response:
    """GET /antworten/{slug}: the edit form."""
    entry = entries.find_entry(config(request).project.knowledge, request.path_params["slug"])
    if entry is None:
        return refuse(request, 404, "Diese Antwort gibt es nicht.")
    return _edit(request, entry, form_values(entry.values))


def record(request: Request, saved: entries.Saved, action: str) -> AnswerChange:
    """Reload the knowledge base; keep the change for the history and the audit log."""
    before, after = saved.before, saved.after
    reload_knowledge(request, saved.topic_files)
    change = AnswerChange(
        user=request.state.visitor.name,
        slug=after.slug,
        before=entries.as_yaml(before.values),
        after=entries.as_yaml(after.values),
    )
    database(request).add(change)
    audit(database(request), request.state.visitor.name, action, f"{after.slug} ({after.path.name})")
    database(request).flush()
    return change


async def save_answer(request: Request) -> Response:
    """POST /antworten/{slug}: validate as the loader does, write, reload, audit; refuse a stale version."""
    knowledge, fields = config(request).project.knowledge, form(request)
    current = entries.find_entry(knowledge, request.path_params["slug"])
    if current is None:
        return refuse(request, 404, "Diese Antwort gibt es nicht.")
    try:
        changes = changes_from(fields, current.values)
        saved = await run_in_threadpool(
            entries.save, knowledge, current.slug, fields.get("version", ""), changes
        )
    except entries.Conflict:
        message = (
            "Jemand hat diese Antwort inzwischen geändert. Ihre Änderung wurde NICHT gespeichert. "
            "Unten steht der neue Stand; bitte Ihre Änderung erneut eintragen."
        )
        return _edit(request, current, form_values(current.values), conflict=message, status=409)
    except entries.Invalid as invalid:
        return _edit(request, current, fields, errors=invalid.errors, status=422)
    if saved.before.version != saved.after.version:
        record(request, saved, "Antwort geändert")
    return RedirectResponse(f"/antworten/{saved.after.slug}?gespeichert=1", status_code=303)


def diff(change: AnswerChange) -> list[str]:
    """The change as unified diff lines."""
    lines = difflib.unified_diff(
        change.before.splitlines(), change.after.splitlines(), "vorher", "nachher", lineterm="", n=2
    )
    return list(lines)[2:]


async def change_page(request: Request) -> Response:
    """GET /aenderungen/{id}: the diff of one change."""
    change = database(request).get(AnswerChange, int(request.path_params["change"]))
    if change is None:
        return refuse(request, 404, "Diese Änderung gibt es nicht.")
    return render(request, "change.html", change=change, lines=diff(change))


async def undo(request: Request) -> Response:
    """POST /aenderungen/{id}/rueckgaengig: restore the entry as it was before that change."""
    change = database(request).get(AnswerChange, int(request.path_params["change"]))
    knowledge = config(request).project.knowledge
    current = entries.find_entry(knowledge, change.slug) if change else None
    if change is None or current is None:
        return refuse(request, 404, "Diese Änderung gibt es nicht.")
    if entries.as_yaml(current.values) != change.after:
        message = (
            "Die Antwort wurde danach noch einmal geändert: bitte zuerst die neuere Änderung zurücknehmen."
        )
        return refuse(request, 409, message)
    wanted = yaml.safe_load(change.before)
    try:
        changes = entries.restore_changes(current.values, wanted)
        saved = entries.save(knowledge, current.slug, current.version, changes)
    except (entries.Conflict, entries.Invalid):
        return refuse(request, 409, "Rückgängig machen geht nicht: die Wissensbasis wäre ungültig.")
    undone = record(request, saved, "Änderung rückgängig gemacht")
    change.undone_by = undone.id
    return RedirectResponse(f"/antworten/{current.slug}?rueckgaengig=1", status_code=303)
