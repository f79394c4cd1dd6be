"""Debian's chromium driven by Playwright: one browser per test process, shared by the widget and console
tests (Playwright's sync API runs one event loop per thread, so a second browser cannot start beside it)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, expect, sync_playwright

from tests.widget.chat import AXE_JS

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SETUP_HINT = "run scripts/setup_widget.sh (npm packages, widget bundle, chromium)"


@contextmanager
def launched_chromium() -> Iterator[Browser]:
    """Headless chromium, closed afterwards; fails with the setup hint without chromium or axe-core."""
    assert CHROMIUM.exists(), f"{CHROMIUM} missing: {SETUP_HINT}"
    assert AXE_JS.is_file(), f"axe-core missing: {SETUP_HINT}"
    expect.set_options(timeout=10_000)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
