"""Serves the demo page and the chat widget bundle: `python -m bot.web` (WIDGET_PORT, RASA_PUBLIC_URL)."""

from __future__ import annotations

import argparse
import html
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from bot.settings import PRIVACY_PAGE, RETENTION_DAYS, Settings

ROOT = Path(__file__).resolve().parent.parent
WIDGET_DIR = ROOT / "widget"
BUNDLE = WIDGET_DIR / "dist" / "dortmund-chat.js"
PLACEHOLDER = "{{RASA_PUBLIC_URL}}"
PAGES = {
    "/": "index.html",
    "/index.html": "index.html",
    "/en": "en.html",
    "/en.html": "en.html",
    # The chat's own privacy page: the source of the privacy answers and the widget's privacy link.
    PRIVACY_PAGE: "datenschutz.html",
}
STATIC = {"/demo.css": ("demo.css", "text/css; charset=utf-8")}


def rasa_origins(rasa_url: str) -> str:
    """Returns the HTTP and WebSocket origins of the Rasa server for the page's connect-src."""
    parts = urlsplit(rasa_url)
    ws_scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{parts.scheme}://{parts.netloc} {ws_scheme}://{parts.netloc}"


def content_security_policy(rasa_url: str) -> str:
    """Returns a strict CSP for the demo page: no inline script or style, sockets only to Rasa."""
    return (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; "
        f"connect-src 'self' {rasa_origins(rasa_url)}; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'"
    )


def render_page(name: str, rasa_url: str) -> bytes:
    """Returns a demo page with the Rasa URL put into the widget's data-server attribute."""
    template = (WIDGET_DIR / "demo" / name).read_text(encoding="utf-8")
    page = template.replace(PLACEHOLDER, html.escape(rasa_url, quote=True))
    return page.replace("{{RETENTION_DAYS}}", str(RETENTION_DAYS)).encode("utf-8")


def make_handler(rasa_url: str) -> type[BaseHTTPRequestHandler]:
    """Builds a request handler class bound to the given public Rasa URL."""

    class Handler(BaseHTTPRequestHandler):
        """Answers GET and HEAD for the demo pages, their stylesheet and the widget bundle."""

        server_version = "DortmundChatDemo/1.0"

        def do_GET(self) -> None:
            """Serves one resource."""
            self.respond(send_body=True)

        def do_HEAD(self) -> None:
            """Serves one resource's headers."""
            self.respond(send_body=False)

        def respond(self, send_body: bool) -> None:
            """Looks up the path and writes status, headers and (optionally) the body."""
            path = urlsplit(self.path).path
            headers = {
                "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": "strict-origin-when-cross-origin",
            }
            if path in PAGES:
                body = render_page(PAGES[path], rasa_url)
                headers["Content-Security-Policy"] = content_security_policy(rasa_url)
                self.send(HTTPStatus.OK, "text/html; charset=utf-8", body, headers, send_body)
            elif path == "/dortmund-chat.js":
                if not BUNDLE.is_file():
                    msg = b"Widget not built: run scripts/setup_widget.sh (or npm run build in widget/).\n"
                    self.send(
                        HTTPStatus.SERVICE_UNAVAILABLE, "text/plain; charset=utf-8", msg, headers, send_body
                    )
                    return
                headers["Cache-Control"] = "no-cache"
                headers["Access-Control-Allow-Origin"] = "*"
                js = BUNDLE.read_bytes()
                self.send(HTTPStatus.OK, "text/javascript; charset=utf-8", js, headers, send_body)
            elif path in STATIC:
                name, content_type = STATIC[path]
                body = (WIDGET_DIR / "demo" / name).read_bytes()
                self.send(HTTPStatus.OK, content_type, body, headers, send_body)
            elif path == "/healthz":
                self.send(HTTPStatus.OK, "text/plain; charset=utf-8", b"ok\n", headers, send_body)
            else:
                self.send(
                    HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"Not found\n", headers, send_body
                )

        def send(
            self, status: HTTPStatus, content_type: str, body: bytes, headers: dict[str, str], send_body: bool
        ) -> None:
            """Writes one complete response."""
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if send_body:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
            """Logs requests to stderr in one short line."""
            sys.stderr.write(f"web: {self.address_string()} {format % args}\n")

    return Handler


def make_server(host: str, port: int, rasa_url: str) -> ThreadingHTTPServer:
    """Creates (binds) the demo HTTP server."""
    server = ThreadingHTTPServer((host, port), make_handler(rasa_url))
    server.daemon_threads = True
    return server


def main(argv: list[str] | None = None) -> None:
    """Runs the demo server until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__)
    settings = Settings()
    parser.add_argument("--host", default=settings.widget_host)
    parser.add_argument("--port", type=int, default=settings.widget_port)
    parser.add_argument("--rasa-url", default=settings.rasa_public_url)
    args = parser.parse_args(argv)
    if not BUNDLE.is_file():
        print(f"web: warning: {BUNDLE} is missing; run scripts/setup_widget.sh", file=sys.stderr)
    server = make_server(args.host, args.port, args.rasa_url)
    print(
        f"web: demo page with chat widget on http://{args.host}:{args.port}/ (Rasa: {args.rasa_url})",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
