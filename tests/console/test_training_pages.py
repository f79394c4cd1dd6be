"""Training: the checks as a list with links, one retraining at a time with progress and result."""

from __future__ import annotations

import time

from starlette.testclient import TestClient

from bot.console.config import Config

from .conftest import SlowTrainer, csrf_of


def _wait_until_done(client: TestClient) -> dict:
    """The retraining's state once it has finished."""
    for _ in range(100):
        state = client.get("/api/training").json()
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
