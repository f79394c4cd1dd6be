"""Fixtures for the widget browser tests: the demo server (bot.web), Debian chromium, one page per test."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page

from tests.browser import SETUP_HINT
from tests.stack import free_port

from .chat import DESKTOP, ROOT, Chat

BUNDLE = ROOT / "widget" / "dist" / "dortmund-chat.js"

# Collected in the page, read when the test ends: Content-Security-Policy violations.
CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation',
    (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def wait_for_http(url: str, process: subprocess.Popen, timeout: float = 20.0) -> None:
    """Waits until url answers 200, failing early when the process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"bot.web exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


@pytest.fixture(scope="session")
def web_url(stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo page server (python -m bot.web) on a free port, its widget pointed at the test Rasa server."""
    assert BUNDLE.is_file(), f"widget bundle missing: {SETUP_HINT}"
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT), WIDGET_PORT=str(port), RASA_PUBLIC_URL=stack.rasa_url)
    log = tmp_path_factory.mktemp("web") / "web.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.web", "--host", "127.0.0.1"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{url}/healthz", process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Opens pages in fresh browser contexts (empty storage); fails the test on JS errors or CSP breaches."""
    pages: list[tuple[Page, list[str]]] = []

    def make(viewport: dict[str, int] = DESKTOP, **options: object) -> Page:
        context = browser.new_context(viewport=viewport, locale="de-DE", **options)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.add_init_script(CSP_WATCH)
        pages.append((page, errors))
        return page

    yield make
    problems = []
    for page, errors in pages:
        problems += [f"JS error: {e}" for e in errors]
        if not page.is_closed():
            problems += [f"CSP violation: {v}" for v in page.evaluate("window.__cspViolations || []")]
        page.context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def chat(new_page: Callable[..., Page], web_url: str) -> Chat:
    """The widget on the German demo page, desktop size."""
    return Chat(new_page(), web_url)
