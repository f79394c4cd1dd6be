"""The console in Debian's chromium: axe-core and keyboard on every page, two editors, validation, undo."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect

from bot.console.app import create_app
from bot.console.config import Config
from tests.stack import free_port
from tests.widget.chat import AXE_JS, DESKTOP, ROOT, WCAG_TAGS, describe

from .conftest import PASSWORD, add_account

pytestmark = pytest.mark.e2e
SCREENSHOTS = ROOT / "docs" / "screenshots"


@contextmanager
def serving(config: Config) -> Iterator[str]:
    """The console of `config` on a free port, served by uvicorn as `python -m bot.console` serves it."""
    port = free_port()
    # No WebSockets, as `python -m bot.console` (the environment's `websockets` is too old for uvicorn's).
    settings = uvicorn.Config(create_app(config), host="127.0.0.1", port=port, log_level="warning", ws="none")
    server = uvicorn.Server(settings)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        assert thread.is_alive(), "the console did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture
def console_url(config: Config) -> Iterator[str]:
    """The console of the test configuration with an admin and an editor."""
    add_account(config, "adam", "admin")
    add_account(config, "erika")
    with serving(config) as url:
        yield url


def open_page(browser: Browser) -> Page:
    """A page in a fresh browser context (own cookies)."""
    return browser.new_context(viewport=DESKTOP, locale="de-DE").new_page()


def axe(page: Page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page."""
    page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    return page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
            .violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary}))}))""",
        WCAG_TAGS,
    )


def sign_in_by_keyboard(page: Page, url: str, name: str) -> None:
    """Log in with Tab, typing and Enter only."""
    page.goto(f"{url}/login")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Zum Inhalt springen")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_attribute("name", "name")
    page.keyboard.type(name)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{url}/posteingang")


FOCUSED = """() => [document.activeElement.textContent.trim(),
    getComputedStyle(document.activeElement).outlineStyle]"""


def tab_to(page: Page, label: str, limit: int = 80) -> None:
    """Press Tab until the focused control is named `label` (and its focus is visible)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused[0] == label:
            assert focused[1] != "none", f"focus on {label!r} is not visible"
            return
    raise AssertionError(f"{label!r} not reachable with Tab")


PAGES = ["posteingang", "antworten", "antworten/hsu_overview", "training", "statistik", "konten", "protokoll"]
# Pages whose lists grow with the data (all answers, every finding): their screenshot shows the top only.
GROWING_PAGES = {"antworten", "training"}


def test_every_page_passes_axe_and_the_inbox_works_by_keyboard(browser: Browser, console_url: str) -> None:
    page = open_page(browser)
    page.goto(f"{console_url}/login")
    assert not (found := axe(page)), "login:\n" + describe(found)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "console-login.png")
    sign_in_by_keyboard(page, console_url, "adam")
    for path in PAGES:
        page.goto(f"{console_url}/{path}")
        found = axe(page)
        assert not found, f"{path}:\n" + describe(found)
        page.screenshot(
            path=SCREENSHOTS / f"console-{path.replace('/', '-')}.png", full_page=path not in GROWING_PAGES
        )
    page.goto(f"{console_url}/posteingang")
    cards = page.locator("ol.inbox > li")
    expect(cards).to_have_count(3)
    expect(cards.first.locator("h2")).to_contain_text("[Name]")
    expect(page.locator("ol.inbox")).to_contain_text("<script>alert('x')</script>")  # shown as text
    tab_to(page, "Ignorieren")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("ignoriert")
    expect(cards).to_have_count(2)


def _edit(page: Page, url: str, name: str) -> None:
    """Sign in and open the edit form of hsu_overview."""
    sign_in_by_keyboard(page, url, name)
    page.goto(f"{url}/antworten/hsu_overview")


def test_two_editors_validation_and_undo(browser: Browser, console_url: str, config: Config) -> None:
    first, second = open_page(browser), open_page(browser)
    _edit(first, console_url, "erika")
    _edit(second, console_url, "adam")
    first.get_by_label("Antworttext", exact=True).fill("Neuer Text über den HSU, gespeichert von Erika.")
    first.get_by_role("button", name="Speichern").click()
    expect(first.get_by_role("status")).to_contain_text("Gespeichert")
    second.get_by_label("Antworttext", exact=True).fill("Ein anderer Text über den HSU, von Adam.")
    second.get_by_role("button", name="Speichern").click()
    expect(second.get_by_role("alert")).to_contain_text("NICHT gespeichert")
    knowledge = Path(config.project.knowledge / "hsu.yml").read_text(encoding="utf-8")
    assert "gespeichert von Erika" in knowledge and "von Adam" not in knowledge

    second.get_by_label("Quelle (genaue Seite)").fill("keine-adresse")
    second.get_by_role("button", name="Speichern").click()
    expect(second.locator("#fehler-source_url")).to_contain_text("http(s) URL")
    expect(second.get_by_label("Quelle (genaue Seite)")).to_have_attribute("aria-invalid", "true")
    assert not (found := axe(second)), "validation error:\n" + describe(found)
    second.screenshot(path=SCREENSHOTS / "console-answer-error.png")

    first.get_by_role("button", name="Rückgängig machen").click()
    expect(first.get_by_role("status")).to_contain_text("rückgängig gemacht")
    expect(first.get_by_label("Antworttext", exact=True)).to_contain_text(
        "Der Herkunftssprachliche Unterricht"
    )


MARK_CONTROLS = """() => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, '
        + '[tabindex]:not([tabindex="-1"])';
    const visible = el => !el.disabled && el.getClientRects().length > 0
        && getComputedStyle(el).visibility !== 'hidden';
    const controls = [...document.querySelectorAll(selector)].filter(visible);
    controls.forEach((el, i) => el.dataset.control = String(i));
    return controls.length;
}"""
# A date field's focus is on its day, month or year part inside it, which Chromium itself highlights.
FOCUSED_CONTROL = """() => {
    const el = document.activeElement, style = getComputedStyle(el);
    const shown = style.outlineStyle !== 'none' || style.boxShadow !== 'none' || el.type === 'date';
    return [el.dataset.control ?? null, shown,
        el.outerHTML.slice(0, 120)];
}"""


def test_every_control_of_every_page_is_reached_by_tab_with_visible_focus(
    browser: Browser, console_url: str
) -> None:
    for path in PAGES:
        page = open_page(browser)  # a fresh tab: Tab never starts in the last page's browser frame
        sign_in_by_keyboard(page, console_url, "adam")
        page.goto(f"{console_url}/{path}")
        count = page.evaluate(MARK_CONTROLS)
        reached: set[str] = set()
        for _ in range(2 * count + 6):  # a date field takes three steps (day, month, year)
            if len(reached) == count:
                break
            page.keyboard.press("Tab")
            control, visible_focus, html = page.evaluate(FOCUSED_CONTROL)
            if control is not None:
                assert visible_focus, f"{path}: focus on {html} is not visible"
                reached.add(control)
        missing = sorted(set(map(str, range(count))) - reached, key=int)
        assert not missing, f"{path}: controls {missing} of {count} are not reached with Tab"
