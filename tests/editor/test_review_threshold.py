"""`bot.editor review` calls unsure what the FallbackClassifier's threshold in config.yml calls unsure."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from bot.editor.cli import app
from bot.settings import ROOT
from tests.editor.test_inbox_stats import tracker

FALLBACK_THRESHOLD = re.compile(r"(- name: FallbackClassifier\n\s+threshold: )[0-9.]+")


def config_with_threshold(path: Path, threshold: str) -> Path:
    """A copy of the project's config.yml whose FallbackClassifier has this threshold."""
    text, replaced = FALLBACK_THRESHOLD.subn(rf"\g<1>{threshold}", (ROOT / "config.yml").read_text())
    assert replaced == 1, "no FallbackClassifier threshold in config.yml"
    path.write_text(text)
    return path


def listed(tmp_path: Path, *options: str) -> list[str]:
    """The texts `review --list --json` shows for the stored conversations."""
    tmp_path.mkdir()
    state = str(tmp_path / "state.json")
    arguments = ["review", "--tracker-store", tracker(tmp_path), "--state", state, "--days", "0"]
    result = CliRunner().invoke(app, [*arguments, "--list", "--json", *options])
    assert result.exit_code == 0, result.output
    return [group["text"] for group in json.loads(result.stdout)]


# Taken for off topic with 55 %: unsure below a threshold of 0.7, sure enough above one of 0.5.
UNSURE = "Wie wird das Wetter?"


def test_the_default_threshold_is_the_one_in_config_yml(tmp_path: Path) -> None:
    strict = config_with_threshold(tmp_path / "strict.yml", "0.7")
    lax = config_with_threshold(tmp_path / "lax.yml", "0.5")
    assert UNSURE in listed(tmp_path / "strict", "--config", str(strict))
    assert UNSURE not in listed(tmp_path / "lax", "--config", str(lax))


def test_the_option_still_wins(tmp_path: Path) -> None:
    strict = config_with_threshold(tmp_path / "strict.yml", "0.7")
    assert UNSURE not in listed(tmp_path / "lax", "--config", str(strict), "--threshold", "0.5")
