"""How the bot's processes are started and when they are ready: shared by `make run`, tests and benchmarks."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from bot.settings import ROOT, Settings

APP_PYTHON = ROOT / ".venv" / "app" / "bin" / "python"
RASA = ROOT / ".venv" / "rasa" / "bin" / "rasa"
RASA_PYTHON = ROOT / ".venv" / "rasa" / "bin" / "python"


def child_environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for child processes: the repo importable, TensorFlow and telemetry quiet."""
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": str(ROOT),
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "RASA_TELEMETRY_ENABLED": "false",
            "SANIC_HOST": env.get("ACTION_SERVER_HOST", "127.0.0.1"),
            # Rasa's event loop stops for ~10 s while it loads a new model (PUT /model, `bot.editor retrain`);
            # a connection it opened to the action server just before must stay open that long.
            "SANIC_KEEP_ALIVE_TIMEOUT": env.get("SANIC_KEEP_ALIVE_TIMEOUT", "120"),
        }
    )
    env.update(extra or {})
    return env


def action_server_command(settings: Settings) -> list[str]:
    """The rasa_sdk action server with the topic actions of bot.actions."""
    return [
        str(APP_PYTHON),
        "-m",
        "rasa_sdk",
        "--actions",
        "bot.actions",
        "--port",
        str(settings.action_port),
    ]


def rasa_server_command(settings: Settings, endpoints: Path, model: Path) -> list[str]:
    """The Rasa server (bot.rasa_server) with REST and Socket.IO; the API token goes in its environment."""
    return [
        str(RASA_PYTHON),
        "-m",
        "bot.rasa_server",
        "run",
        "--model",
        str(model),
        "--endpoints",
        str(endpoints),
        "--credentials",
        str(ROOT / "credentials.yml"),
        "--port",
        str(settings.rasa_port),
        "--interface",
        settings.rasa_interface,
        "--enable-api",
        "--cors",
        *settings.allowed_origins,
    ]


def rasa_server_environment(settings: Settings) -> dict[str, str]:
    """The Rasa server's environment: the settings (the API token too, kept out of the process list)."""
    return child_environment(settings.environment())


def start(command: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start a process in its own process group, its output appended to a log file."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as output:
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=env or child_environment(),
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop(process: subprocess.Popen, timeout: float = 5.0) -> None:
    """Stop a process and its children: SIGTERM to the group, SIGKILL after the timeout."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, 15)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        process.wait()


def wait_until(check: Callable[[], bool], process: subprocess.Popen, timeout: float, what: str) -> float:
    """Poll `check` until it is true; fail early if the process died. Returns the seconds waited."""
    import httpx  # here, not at the top: `python -m bot.serve rasa` imports this module in the Rasa env

    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with code {process.returncode} before it was ready")
        try:
            if check():
                return time.monotonic() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise TimeoutError(f"{what} not ready after {timeout:.0f} s")


def action_server_ready(settings: Settings) -> bool:
    """The action server answers its health check."""
    import httpx

    return httpx.get(f"http://127.0.0.1:{settings.action_port}/health", timeout=2).status_code == 200


def rasa_server_ready(settings: Settings) -> bool:
    """The Rasa server has loaded a model."""
    import httpx

    reply = httpx.get(
        f"http://127.0.0.1:{settings.rasa_port}/status", params={"token": settings.api_token}, timeout=2
    )
    return reply.status_code == 200 and bool(reply.json().get("model_file"))


def latest_model(directory: Path = ROOT / "models") -> Path:
    """The newest trained model file."""
    models = sorted(directory.glob("*.tar.gz"), key=lambda path: path.stat().st_mtime)
    if not models:
        raise FileNotFoundError(f"no trained model in {directory}: run `make train`")
    return models[-1]
