"""A tiny stand-in for Rasa's REST channel with scripted answers, stoppable and restartable on one port."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

LONG_PARAGRAPH = (
    "Der Herkunftssprachliche Unterricht wird in Dortmund in vielen Sprachen angeboten und ergänzt den "
    "Regelunterricht. Die Teilnahme ist freiwillig, die Anmeldung erfolgt über die Schule. "
)
LONG_ANSWER = "\n\n".join(f"Absatz {n}: " + (LONG_PARAGRAPH * 4).strip() for n in range(1, 16))
LONG_PAYLOAD = (
    '/choose_topic{"topic": "Hof- und Fassadenprogramm Huckarde-Nord", "detail": "Förderbedingungen"}'
)
CAPABILITIES = "Ich kenne mich aus mit HSU, dem Integrationsrat und Förderprogrammen."
PRIVACY = "Ich speichere Ihre Nachrichten 30 Tage unter einer pseudonymen Kennung."


def answer(message: str) -> list[dict[str, Any]]:
    """Rasa's scripted reply to `message`."""
    if message == "/ask_capabilities":
        return [{"text": CAPABILITIES}]
    if message == "/ask_privacy":
        return [{"text": PRIVACY}]
    if message == "Knöpfe bitte":
        return [
            {
                "text": "Meinten Sie eines dieser Themen?",
                "buttons": [
                    {"title": "HSU", "payload": "/ask_hsu"},
                    {"title": "Huckarde", "payload": LONG_PAYLOAD},
                ],
            }
        ]
    if message == "Lange Antwort bitte":
        return [{"text": LONG_ANSWER, "buttons": [{"title": "Mehr", "payload": "/more"}]}]
    if message == "Link bitte":
        return [{"text": "Quelle: [Stadt Dortmund](https://www.dortmund.de/hsu)"}]
    if message == "Nichts":
        return []
    if message == "/choose_language":
        languages = {"de": "Deutsch", "tr": "Türkçe", "ar": "العربية"}
        buttons = [
            {"title": name, "payload": f'/choose_language{{"language": "{code}"}}'}
            for code, name in languages.items()
        ]
        return [{"text": "In welcher Sprache soll ich antworten?", "buttons": buttons}]
    return [{"text": f"Antwort auf: {message}"}]


class FakeRasa:
    """Rasa's REST channel on a fixed loopback port; records (sender, message) of every request."""

    def __init__(self) -> None:
        """Create the fake; `start()` opens the port."""
        self.received: list[tuple[str, str]] = []
        self.payloads: list[tuple[str, str]] = []  # (sender, payload) sent as {"payload": …}
        self.delay = 0.0
        self.port = 0
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        """Base URL, as RASA_URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FakeRasa:
        """Serve (again on the same port after a stop)."""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
                text = body.get("payload", body.get("message"))
                with fake._lock:
                    fake.received.append((body["sender"], text))
                    if "payload" in body:
                        fake.payloads.append((body["sender"], text))
                    delay = fake.delay
                time.sleep(delay)
                data = json.dumps(answer(text)).encode("utf-8")
                self.send_response(200 if self.path == "/webhooks/rest/webhook" else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, name="fake-rasa", daemon=True).start()
        return self

    def stop(self) -> None:
        """Close the port: the gateway's requests are refused until `start()`."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def messages_from(self, sender: str) -> list[str]:
        """Messages that reached Rasa from `sender`."""
        with self._lock:
            return [message for who, message in self.received if who == sender]

    def payloads_from(self, sender: str) -> list[str]:
        """Payloads (not typed text) that reached Rasa from `sender`."""
        with self._lock:
            return [payload for who, payload in self.payloads if who == sender]

    def senders(self) -> set[str]:
        """Every sender id that reached Rasa."""
        with self._lock:
            return {who for who, _ in self.received}
