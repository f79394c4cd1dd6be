"""`make run`: start the action server, the Rasa server, the widget demo page and (with a token) Telegram."""

from __future__ import annotations

import argparse
import importlib.util
import signal
import subprocess
import sys
import time

from bot import processes, retention
from bot.endpoints import write_endpoints
from bot.settings import LOGS, VAR, Settings


def optional_services(settings: Settings) -> dict[str, list[str]]:
    """The widget demo page, the editors' console, and the Telegram gateway when TELEGRAM_BOT_TOKEN is set."""
    python = str(processes.APP_PYTHON)
    services = {}
    if importlib.util.find_spec("bot.web"):
        services["widget demo page"] = [python, "-m", "bot.web", "--port", str(settings.widget_port)]
    if importlib.util.find_spec("bot.console"):
        services["console for editors"] = [python, "-m", "bot.console", "--port", str(settings.editor_port)]
    if settings.telegram_token and importlib.util.find_spec("bot.telegram"):
        services["Telegram gateway"] = [python, "-m", "bot.telegram"]
    return services


PURGE_INTERVAL_SECONDS = 3600


def purge_old_conversations(settings: Settings) -> None:
    """Delete conversations, logs and reviews past the retention period; a failure is reported, not fatal."""
    try:
        counts = retention.purge_all(settings)
    except Exception as error:  # noqa: BLE001 - the bot keeps running; the next hour tries again
        print(f"Could not delete old conversations: {error}", file=sys.stderr, flush=True)
        return
    if any(counts.values()):
        deleted = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
        print(f"Deleted after {retention.RETENTION_DAYS} days: {deleted}.", flush=True)


def start_servers(settings: Settings) -> dict[str, subprocess.Popen]:
    """Start the action server and the Rasa server and wait until both are ready."""
    endpoints = write_endpoints(settings, VAR / "endpoints.yml")
    started = time.monotonic()
    running = {
        "action server": processes.start(processes.action_server_command(settings), LOGS / "actions.log")
    }
    command = processes.rasa_server_command(settings, endpoints, processes.latest_model())
    environment = processes.rasa_server_environment(settings)
    running["Rasa server"] = processes.start(command, LOGS / "rasa.log", environment)
    print(f"Starting servers (logs in {LOGS}) ...", flush=True)
    processes.wait_until(
        lambda: processes.action_server_ready(settings), running["action server"], 60, "action server"
    )
    processes.wait_until(
        lambda: processes.rasa_server_ready(settings), running["Rasa server"], 180, "Rasa server"
    )
    print(f"Ready after {time.monotonic() - started:.1f} s.", flush=True)
    return running


def main() -> int:
    """Run until Ctrl-C or until one process stops; then stop every process that was started."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--shell", action="store_true", help="chat in the terminal instead of serving channels"
    )
    args = parser.parse_args()
    settings = Settings()
    running: dict[str, subprocess.Popen] = {}
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        running = start_servers(settings)
        if args.shell:
            url = f"http://127.0.0.1:{settings.rasa_port}/webhooks/rest/webhook"
            return subprocess.call([sys.executable, "-m", "bot.chat", "--url", url])
        for name, command in optional_services(settings).items():
            running[name] = processes.start(command, LOGS / f"{name.split()[0].lower()}.log")
        print(
            "\nThe bot is running:\n"
            f"  Website widget demo:  http://localhost:{settings.widget_port}/\n"
            f"  REST channel:         POST http://localhost:{settings.rasa_port}/webhooks/rest/webhook"
            ' {"sender": "me", "message": "Was ist HSU?"}\n'
            f"  Socket.IO channel:    http://localhost:{settings.rasa_port}/socket.io/\n"
            f"  HTTP API token:       RASA_AUTH_TOKEN or {VAR / 'rasa_token'}\n"
            f"  Editors' console:     http://localhost:{settings.editor_port}/ (EDITOR_ADMIN_PASSWORD)\n"
            + ("  Telegram gateway:     running\n" if "Telegram gateway" in running else "")
            + "Press Ctrl-C to stop.",
            flush=True,
        )
        last_purge = -PURGE_INTERVAL_SECONDS
        while all(process.poll() is None for process in running.values()):
            if time.monotonic() - last_purge >= PURGE_INTERVAL_SECONDS:
                purge_old_conversations(settings)
                last_purge = time.monotonic()
            time.sleep(0.5)
        stopped = [name for name, process in running.items() if process.poll() is not None]
        print(f"Stopped unexpectedly: {', '.join(stopped)} (see {LOGS}).", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        print("\nStopping ...", flush=True)
        for process in running.values():
            processes.stop(process)


if __name__ == "__main__":
    sys.exit(main())
