"""bot.web without a browser: the demo page, the injected Rasa URL, headers and unknown paths."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx
import pytest

from bot import web

RASA_URL = 'https://chat.example.org:5005/"><script>alert(1)</script>'


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """bot.web on a free port, in a thread, with a hostile Rasa URL."""
    server = web.make_server("127.0.0.1", 0, RASA_URL)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_demo_page_embeds_the_widget_with_one_script_tag_and_escaped_url(base_url: str) -> None:
    """The page has exactly one script tag; the Rasa URL lands in data-server, escaped."""
    reply = httpx.get(base_url + "/")
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("text/html")
    page = reply.text
    assert page.count("<script") == 1
    assert 'src="/dortmund-chat.js"' in page
    assert (
        'data-server="https://chat.example.org:5005/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in page
    )
    assert '<html lang="de">' in page


def test_demo_page_csp_allows_sockets_only_to_rasa(base_url: str) -> None:
    """The CSP forbids inline code and lets the page connect to the Rasa origin over HTTP(S) and WebSocket."""
    csp = httpx.get(base_url + "/").headers["content-security-policy"]
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp
    assert "connect-src 'self' https://chat.example.org:5005 wss://chat.example.org:5005;" in csp


def test_english_page_and_stylesheet(base_url: str) -> None:
    """/en is the English demo page; the page's stylesheet is served as CSS."""
    assert '<html lang="en">' in httpx.get(base_url + "/en").text
    assert httpx.get(base_url + "/demo.css").headers["content-type"].startswith("text/css")


def test_bundle_is_served_as_javascript(base_url: str) -> None:
    """The widget bundle comes as JavaScript (or a clear 503 when it has not been built)."""
    reply = httpx.get(base_url + "/dortmund-chat.js")
    if web.BUNDLE.is_file():
        assert reply.status_code == 200
        assert reply.headers["content-type"].startswith("text/javascript")
        assert reply.headers["x-content-type-options"] == "nosniff"
    else:
        assert reply.status_code == 503
        assert "setup_widget.sh" in reply.text


def test_unknown_path_is_404_and_head_has_no_body(base_url: str) -> None:
    """Nothing else is served; HEAD answers with headers only."""
    assert httpx.get(base_url + "/../pyproject.toml").status_code == 404
    assert httpx.get(base_url + "/widget/src/index.js").status_code == 404
    head = httpx.head(base_url + "/")
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["content-length"]) > 0


def test_privacy_page_says_what_is_stored_and_for_how_long(base_url: str) -> None:
    """The privacy answers cite /datenschutz: it exists, in German, with the bot's retention period."""
    from bot.retention import RETENTION_DAYS

    response = httpx.get(f"{base_url}/datenschutz")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert '<html lang="de">' in page and "zufälligen Gesprächsnummer" in page
    assert f"{RETENTION_DAYS} Tage gespeichert" in page and "{{" not in page
