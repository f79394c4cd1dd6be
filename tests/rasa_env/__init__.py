"""Checks that need Rasa itself: each module here runs in the Rasa environment and prints one JSON result."""

from __future__ import annotations

import json
import subprocess
from typing import Any


def run_in_rasa_env(module: str, *arguments: str) -> Any:
    """Run `python -m tests.rasa_env.<module>` with the Rasa environment; return the JSON it printed last."""
    from bot import processes  # not at import time: the modules here run where httpx is not installed

    result = subprocess.run(
        [str(processes.RASA_PYTHON), "-m", f"tests.rasa_env.{module}", *arguments],
        env=processes.child_environment({"SQLALCHEMY_SILENCE_UBER_WARNING": "1"}),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])
