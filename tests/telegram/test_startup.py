"""Starting the gateway with a setting it cannot use stops it at once, naming the variable."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.telegram.gateway import ROOT


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({}, "TELEGRAM_BOT_TOKEN"),
        ({"TELEGRAM_BOT_TOKEN": "1:abc", "TELEGRAM_WEBHOOK_PORT": "port"}, "TELEGRAM_WEBHOOK_PORT"),
        ({"TELEGRAM_BOT_TOKEN": "1:abc", "TELEGRAM_WEBHOOK_URL": "https://x/h"}, "TELEGRAM_ID_SALT"),
    ],
)
def test_a_bad_setting_stops_the_gateway_with_its_name(env: dict[str, str], named: str) -> None:
    inherited = {
        key: value for key, value in os.environ.items() if not key.startswith(("TELEGRAM_", "RASA_"))
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot.telegram"],
        cwd=ROOT,
        env={**inherited, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Telegram gateway: ") and named in result.stderr
    assert "Traceback" not in result.stderr
