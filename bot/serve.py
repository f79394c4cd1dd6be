"""One service in the foreground, configured by the environment: `python -m bot.serve SERVICE`.

The container images' entry points (deploy/docker/) and `make cluster` (bot/cluster.py) start services with
these same commands, so what the cluster test runs is what the images run.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bot import processes
from bot.endpoints import write_endpoints
from bot.settings import ROOT, VAR, Settings

SERVICES = ("rasa", "actions", "widget", "knowledge", "retention", "console")


def launcher(service: str) -> list[str]:
    """`python -m bot.serve SERVICE` with the interpreter of the service's environment (as in the images)."""
    python = processes.RASA_PYTHON if service == "rasa" else processes.APP_PYTHON
    return [str(python), "-m", "bot.serve", service]


def endpoints_path(settings: Settings) -> Path:
    """Where the Rasa server's endpoints file is written (ENDPOINTS_FILE, else one per port in var/)."""
    return Path(os.environ.get("ENDPOINTS_FILE") or VAR / f"endpoints-{settings.rasa_port}.yml")


def model_path() -> Path:
    """The model the Rasa server loads: MODEL_PATH, else the newest in models/."""
    return Path(os.environ["MODEL_PATH"]) if os.environ.get("MODEL_PATH") else processes.latest_model()


def command(service: str, settings: Settings) -> tuple[list[str], dict[str, str]]:
    """The command line and environment of a service."""
    app = [str(processes.APP_PYTHON), "-m"]
    if service == "rasa":
        endpoints = write_endpoints(settings, endpoints_path(settings))
        run = processes.rasa_server_command(settings, endpoints, model_path())
        return run, processes.rasa_server_environment(settings)
    environment = processes.child_environment(settings.environment())
    commands = {
        "actions": processes.action_server_command(settings),
        "widget": [*app, "bot.web", "--host", settings.widget_host, "--port", str(settings.widget_port)],
        "knowledge": [*app, "bot.knowledge.loader", "--dir", str(ROOT / "knowledge")],
        "retention": [*app, "bot.retention"],
        "console": [*app, "bot.console"],
    }
    return commands[service], environment


def main(argv: list[str] | None = None) -> None:
    """Replace this process by the service (signals and the exit code are the service's own)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("service", choices=SERVICES)
    args = parser.parse_args(argv)
    run, environment = command(args.service, Settings())
    sys.stdout.flush()
    os.execve(run[0], run, environment)


if __name__ == "__main__":
    main()
