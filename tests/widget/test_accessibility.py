"""The widget's accessibility in Debian's chromium: keyboard only, axe-core, 200 % zoom, reduced motion."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from .chat import DESKTOP, HSU_ANSWER, PHONE, SCREENSHOTS, Chat, describe

pytestmark = pytest.mark.e2e


def test_keyboard_only(chat: Chat) -> None:
    """Open, read the notice, type, send, rate and close with the keyboard alone; focus is always visible."""
    chat.goto()
    for _ in range(20):
        chat.page.keyboard.press("Tab")
        if (chat.active_element().get("label") or "").endswith("Chat öffnen"):
            break
    assert (chat.active_element().get("label") or "").endswith("Chat öffnen"), "launcher not reachable by Tab"
    assert chat.active_element()["outline"].startswith("solid"), "no visible focus on the launcher"

    chat.page.keyboard.press("Enter")
    expect(chat.panel).to_be_visible()
    assert chat.active_element()["text"].startswith("Verstanden")
    chat.page.keyboard.press("Enter")
    expect(chat.input).to_be_focused()
    chat.wait_online()

    chat.page.keyboard.type("Was ist HSU?")
    chat.page.keyboard.press("Enter")
    expect(chat.answers).to_have_count(1, timeout=30_000)
    expect(chat.answers.last).to_contain_text(HSU_ANSWER)
    expect(chat.input).to_be_focused()

    # Backwards from the input: the rating buttons of the answer come right before it.
    chat.wait_idle()
    chat.page.keyboard.press("Shift+Tab")
    assert chat.active_element()["label"] == "Nicht hilfreich"
    assert chat.active_element()["outline"].startswith("solid")
    chat.page.keyboard.press("Shift+Tab")
    assert chat.active_element()["label"] == "Hilfreich"
    chat.page.keyboard.press("Space")
    expect(chat.answers.first.get_by_role("button", name="Hilfreich", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )

    chat.page.keyboard.press("Escape")
    expect(chat.panel).to_be_hidden()
    assert (chat.active_element().get("label") or "").endswith("Chat öffnen")
    chat.page.keyboard.press("Enter")
    expect(chat.input).to_be_focused()


@pytest.mark.parametrize(("name", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_accessibility_axe_and_screenshot(
    new_page: Callable[..., Page], web_url: str, name: str, viewport
) -> None:
    """axe-core finds no WCAG 2.1 A/AA violation, closed, at the privacy notice and in a conversation."""
    chat = Chat(new_page(viewport=viewport, reduced_motion="reduce"), web_url)
    chat.goto()
    violations = chat.axe_violations()
    assert not violations, "closed widget:\n" + describe(violations)

    chat.open()
    violations = chat.axe_violations()
    assert not violations, "privacy notice:\n" + describe(violations)

    chat.accept_privacy()
    chat.wait_online()
    chat.ask("Was ist HSU?")
    chat.page.get_by_role("button", name="Hilfreich", exact=True).click()
    expect(chat.answers).to_have_count(2, timeout=30_000)
    chat.wait_idle()
    violations = chat.axe_violations()
    assert not violations, "conversation:\n" + describe(violations)

    # The panel fits the screen, nothing scrolls sideways, every control is on screen.
    box = chat.panel.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0
    assert box["x"] + box["width"] <= viewport["width"] and box["y"] + box["height"] <= viewport["height"]
    assert chat.panel.evaluate("p => p.scrollWidth <= p.clientWidth")
    for control in (
        chat.input,
        chat.panel.get_by_role("button", name="Senden"),
        chat.panel.get_by_label("Chat schließen"),
    ):
        expect(control).to_be_in_viewport()

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if name == "desktop":  # the question and the start of the answer; the phone shows its end and the rating
        chat.user_messages.first.evaluate("el => el.closest('.msg').scrollIntoView({block: 'start'})")
    chat.page.screenshot(path=SCREENSHOTS / f"widget-{name}.png")


def test_usable_at_200_percent_zoom(new_page: Callable[..., Page], web_url: str) -> None:
    """At 200 % zoom of a 1280×800 window (640×400 CSS pixels) the chat fills the window and still works."""
    chat = Chat(new_page(viewport={"width": 640, "height": 400}, device_scale_factor=2), web_url)
    chat.start()
    answer = chat.ask("Was ist HSU?")
    expect(answer).to_contain_text(HSU_ANSWER)
    assert chat.panel.bounding_box() == {"x": 0, "y": 0, "width": 640, "height": 400}
    assert chat.panel.evaluate("p => p.scrollWidth <= p.clientWidth"), "the panel scrolls sideways"
    expect(chat.input).to_be_in_viewport()
    expect(chat.panel.get_by_role("button", name="Senden")).to_be_in_viewport()
    expect(answer.locator(".source a")).to_be_visible()
    violations = chat.axe_violations()
    assert not violations, describe(violations)
    chat.panel.get_by_role("button", name="Chat schließen").click()
    expect(chat.panel).to_be_hidden()


def test_reduced_motion_stops_animations(new_page: Callable[..., Page], web_url: str) -> None:
    """With prefers-reduced-motion the panel does not slide in and the typing dots do not blink."""
    chat = Chat(new_page(reduced_motion="reduce"), web_url)
    chat.goto()
    chat.open()
    assert chat.panel.evaluate("p => getComputedStyle(p).animationName") == "none"
    moving = Chat(new_page(reduced_motion="no-preference"), chat.base_url)
    moving.goto()
    moving.open()
    assert moving.panel.evaluate("p => getComputedStyle(p).animationName") != "none"
