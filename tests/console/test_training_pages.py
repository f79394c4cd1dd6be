"""Training: the checks as a list with links, one retraining at a time with progress and result."""

from __future__ import annotations

import time

from starlette.testclient import TestClient

from bot.console.config import Config

from .conftest import SlowTrainer, StandInValidation, csrf_of


def _wait_until_done(client: TestClient, api: str = "/api/training") -> dict:
    """The state of the retraining (or Rasa's validation) once it has finished."""
    for _ in range(100):
        state = client.get(api).json()
        if not state["laeuft"]:
            return state
        time.sleep(0.05)
    raise AssertionError("retraining did not finish")


def test_checks_are_listed_with_a_link_to_the_entry(editor: TestClient, config: Config) -> None:
    hsu = config.project.knowledge / "hsu.yml"
    text = hsu.read_text(encoding="utf-8")
    hsu.write_text(text.replace("    as_of: 2025\n", "    as_of: 2019\n", 1), encoding="utf-8")
    page = editor.get("/training").text
    assert "Prüfung der Daten" in page
    assert 'href="/antworten/hsu_overview">knowledge/hsu.yml:' in page


def test_retrain_runs_one_at_a_time_with_progress_and_result(
    editor: TestClient, admin: TestClient, slow_trainer: SlowTrainer
) -> None:
    page = editor.get("/training").text
    assert editor.post("/training/start", data={"csrf": csrf_of(page)}).status_code == 200
    running = editor.get("/api/training").json()
    assert running["laeuft"] and running["gestartet_von"] == "erika"
    assert "Trainiere neues Modell" in running["fortschritt"]
    shown = admin.get("/training").text
    assert "Training läuft (gestartet von erika)" in shown
    assert 'id="start" disabled' in shown
    admin.post("/training/start", data={"csrf": csrf_of(shown)})
    assert admin.get("/api/training").json()["gestartet_von"] == "erika"  # the second start was refused
    slow_trainer.release.set()
    done = _wait_until_done(editor)
    assert done["ergebnis"].startswith("Neues Modell aktiv")
    assert not done["fehlgeschlagen"]
    assert "Neues Modell aktiv" in editor.get("/training").text
    log = admin.get("/protokoll").text
    assert "Neu trainieren gestartet" in log and "Neu trainieren beendet" in log


def test_rasas_validation_runs_in_the_background_and_again_after_a_change(
    editor: TestClient, config: Config, rasa_validation: StandInValidation
) -> None:
    page = editor.get("/training").text  # rendered while the stand-in waits: the page does not wait
    assert "läuft im Hintergrund" in page and 'data-running="1"' in page
    assert editor.get("/api/rasa-pruefung").json()["laeuft"]
    rasa_validation.release.set()
    assert _wait_until_done(editor, "/api/rasa-pruefung")["meldungen"] == 1
    page = editor.get("/training").text
    assert "Rasa meldet: Stellvertreter-Warnung" in page and "ist enthalten: 1 Meldungen" in page
    assert rasa_validation.runs == 1  # nothing changed: no new run
    hsu = config.project.knowledge / "hsu.yml"
    hsu.write_text(hsu.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    rasa_validation.release.clear()
    assert "läuft im Hintergrund" in editor.get("/training").text
    rasa_validation.release.set()
    _wait_until_done(editor, "/api/rasa-pruefung")
    assert rasa_validation.runs == 2


def test_a_failed_validation_is_shown_and_tried_again(
    editor: TestClient, rasa_validation: StandInValidation
) -> None:
    rasa_validation.error, _ = RuntimeError("Rasa nicht gefunden"), rasa_validation.release.set()
    editor.get("/training")
    assert _wait_until_done(editor, "/api/rasa-pruefung")["fehler"] == "Rasa nicht gefunden"
    assert "Rasas eigene Prüfung ist fehlgeschlagen: Rasa nicht gefunden" in editor.get("/training").text
    assert rasa_validation.runs == 2
