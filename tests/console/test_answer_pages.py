"""Antworten: edit with the loader's validation, reload without restart, conflict, history, diff and undo."""

from __future__ import annotations

from sqlalchemy import create_engine, text
from starlette.testclient import TestClient

from bot.console.config import Config

from .conftest import csrf_of

PAGE = "/antworten/hsu_overview"
NEW_TEXT = "Der HSU ist ein freiwilliger Unterricht in der Herkunftssprache, neu formuliert für den Test."


def _form(page: str) -> dict[str, str]:
    """The edit form's fields as the browser would send them (unchanged)."""
    import html
    import re

    fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page))
    fields.update(re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S))
    fields = {key: html.unescape(value) for key, value in fields.items()}
    if 'name="en_reviewed" value="ja" checked' not in page:
        fields.pop("en_reviewed", None)
    return fields


def _save(client: TestClient, page: str, **changes: str):
    """Submit the edit form of `page` with some fields changed."""
    return client.post(PAGE, data={**_form(page), **changes}, follow_redirects=False)


def _bot_answer(config: Config) -> str:
    """The answer text the bot reads from its knowledge database."""
    engine = create_engine(config.knowledge_database_url)
    with engine.connect() as connection:
        return connection.execute(
            text("SELECT answer FROM kb_entry WHERE slug = 'hsu_overview'")
        ).scalar_one()


def test_list_shows_entries_with_source_as_of_and_translation_state(editor: TestClient) -> None:
    page = editor.get("/antworten").text
    assert "Was ist HSU?" in page
    assert "https://dortmund.de/themen/bildung" in page
    assert "noch nicht geprüft" in page or "geprüft" in page


def test_saving_writes_the_file_and_the_bot_answers_with_it_at_once(
    editor: TestClient, config: Config
) -> None:
    page = editor.get(PAGE).text
    answer = _save(editor, page, answer=NEW_TEXT)
    assert answer.status_code == 303
    assert NEW_TEXT in (config.project.knowledge / "hsu.yml").read_text(encoding="utf-8")
    assert _bot_answer(config).strip() == NEW_TEXT
    assert "# Herkunftssprachlicher Unterricht (HSU)" in (config.project.knowledge / "hsu.yml").read_text()
    assert "Gespeichert" in editor.get(answer.headers["location"]).text


def test_unchanged_form_changes_nothing(editor: TestClient, config: Config) -> None:
    before = (config.project.knowledge / "hsu.yml").read_text(encoding="utf-8")
    assert _save(editor, editor.get(PAGE).text).status_code == 303
    assert (config.project.knowledge / "hsu.yml").read_text(encoding="utf-8") == before


def test_validation_error_is_shown_on_the_field_and_nothing_written(
    editor: TestClient, config: Config
) -> None:
    before = (config.project.knowledge / "hsu.yml").read_text(encoding="utf-8")
    answer = _save(
        editor, editor.get(PAGE).text, source_url="keine-adresse", answer="**fett** geschrieben hier"
    )
    assert answer.status_code == 422
    source_field = answer.text.split('id="source_url"')[1].split("<label")[0]
    assert "must be an http(s) URL" in source_field
    assert 'aria-invalid="true"' in source_field
    answer_field = answer.text.split('id="answer"')[1].split("<label")[0]
    assert "bold markup" in answer_field
    assert 'value="keine-adresse"' in answer.text  # the editor's input is kept
    assert (config.project.knowledge / "hsu.yml").read_text(encoding="utf-8") == before


def test_too_few_examples_are_refused_on_the_examples_field(editor: TestClient) -> None:
    answer = _save(editor, editor.get(PAGE).text, examples="Was ist HSU genau?")
    assert answer.status_code == 422
    assert "at least 3" in answer.text.split('id="examples"')[1].split("<fieldset")[0]


def test_second_of_two_editors_saving_the_same_entry_is_told(
    editor: TestClient, admin: TestClient, config: Config
) -> None:
    first, second = editor.get(PAGE).text, admin.get(PAGE).text
    assert _save(editor, first, answer=NEW_TEXT).status_code == 303
    late = _save(admin, second, answer="Eine ganz andere Fassung des Antworttextes.")
    assert late.status_code == 409
    assert "NICHT gespeichert" in late.text
    assert _bot_answer(config).strip() == NEW_TEXT
    assert "ganz andere Fassung" not in (config.project.knowledge / "hsu.yml").read_text(encoding="utf-8")


def test_history_shows_the_diff_and_undo_restores(editor: TestClient, config: Config) -> None:
    original = (config.project.knowledge / "hsu.yml").read_text(encoding="utf-8")
    _save(editor, editor.get(PAGE).text, answer=NEW_TEXT)
    page = editor.get(PAGE).text
    change = page.split('href="/aenderungen/')[1].split('"')[0]
    diff = editor.get(f"/aenderungen/{change}").text
    assert "+answer: " in diff.replace("&#39;", "'") or "+  Der HSU ist ein freiwilliger" in diff
    assert "-answer: " in diff or "Der Herkunftssprachliche Unterricht (HSU) ist ein freiwilliges" in diff
    undone = editor.post(
        f"/aenderungen/{change}/rueckgaengig", data={"csrf": csrf_of(page)}, follow_redirects=False
    )
    assert undone.status_code == 303
    assert NEW_TEXT not in (config.project.knowledge / "hsu.yml").read_text(encoding="utf-8")
    assert _bot_answer(config).startswith("Der Herkunftssprachliche Unterricht (HSU)")
    restored = (config.project.knowledge / "hsu.yml").read_text(encoding="utf-8")
    assert restored == original
    assert "rückgängig gemacht" in editor.get(PAGE).text


def test_changes_are_in_the_audit_log(editor: TestClient, admin: TestClient) -> None:
    _save(editor, editor.get(PAGE).text, answer=NEW_TEXT)
    log = admin.get("/protokoll").text
    assert "erika" in log and "Antwort geändert" in log and "hsu_overview" in log
