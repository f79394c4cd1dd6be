"""The Posteingang's "unsicher" follows the FallbackClassifier's threshold in the project's config.yml."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.testclient import TestClient

from bot.console.app import create_app
from bot.console.config import Config
from bot.console.jobs import Trainer
from bot.console.rasa_check import RasaCheck

from .conftest import (
    RESIDENTS,
    SlowTrainer,
    StandInValidation,
    add_account,
    copy_project,
    make_tracker,
    sign_in,
)

FALLBACK_THRESHOLD = re.compile(r"(- name: FallbackClassifier\n\s+threshold: )[0-9.]+")


def inbox_with_threshold(tmp_path: Path, threshold: str) -> list[str]:
    """The questions an editor sees in the Posteingang when config.yml says `threshold`."""
    project = copy_project(tmp_path / "project")
    config_yml, replaced = FALLBACK_THRESHOLD.subn(rf"\g<1>{threshold}", project.config.read_text())
    assert replaced == 1, "no FallbackClassifier threshold in config.yml"
    project.config.write_text(config_yml)
    config = Config(
        database_url=f"sqlite:///{tmp_path / 'console.db'}",
        tracker_store=make_tracker(tmp_path / "tracker.db", RESIDENTS),
        knowledge_database_url=f"sqlite:///{tmp_path / 'knowledge.db'}",
        project=project,
        review_state=tmp_path / "review_state.json",
        trainer=Trainer(SlowTrainer()),
        rasa_check=RasaCheck(StandInValidation()),
    )
    add_account(config, "erika")
    client = TestClient(create_app(config))
    assert sign_in(client, "erika").status_code == 303
    return re.findall(r'<h2 class="question">„(.*?)“</h2>', client.get("/posteingang").text)


def test_with_a_higher_threshold_in_config_yml_a_98_percent_answer_is_in_the_inbox(tmp_path: Path) -> None:
    assert "Was ist HSU?" not in inbox_with_threshold(tmp_path / "at 0.7", "0.7")
    assert "Was ist HSU?" in inbox_with_threshold(tmp_path / "stricter", "0.99")


def test_with_a_lower_threshold_in_config_yml_a_50_percent_guess_is_not(tmp_path: Path) -> None:
    assert any("Sperrmüll" in question for question in inbox_with_threshold(tmp_path / "at 0.7", "0.7"))
    assert not any("Sperrmüll" in question for question in inbox_with_threshold(tmp_path / "laxer", "0.45"))
