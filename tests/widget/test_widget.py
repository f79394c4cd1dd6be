"""The website chat widget in a real browser (Debian's chromium) against the running bot."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from .chat import DESKTOP, PHONE, SCREENSHOTS, Chat, describe

pytestmark = pytest.mark.e2e

HSU_ANSWER = re.compile(r"Herkunftssprachliche[rn]? Unterricht|freiwillig")
# Messages for which the bot offers quick replies: its topic overview, or an ambiguous message (two topics).
QUICK_REPLY_CANDIDATES = [
    "Was kannst du?",
    "Integration",
    "Projekt",
    "Dortmund international",
    "Anmeldung",
    "Rat",
    "Förderung Schule",
]


def test_question_gets_answer_with_source_link_and_rating(chat: Chat, stack) -> None:
    """A resident asks about HSU, sees the answer with its source, and rates it with a thumbs-up."""
    chat.start()
    answer = chat.ask("Was ist HSU?")

    expect(answer).to_contain_text(HSU_ANSWER)
    source = answer.locator(".source a")
    expect(source).to_have_count(1)
    expect(source).to_have_attribute("href", re.compile(r"^https://(www\.)?dortmund\.de/"))
    expect(answer.locator(".source")).to_contain_text(re.compile(r"Quelle:.*Stand:"))
    expect(chat.user_messages).to_have_text(["Was ist HSU?"])

    thumbs_up = answer.get_by_role("button", name="Hilfreich", exact=True)
    thumbs_down = answer.get_by_role("button", name="Nicht hilfreich")
    expect(thumbs_up).to_have_attribute("aria-pressed", "false")
    thumbs_up.click()
    expect(thumbs_up).to_have_attribute("aria-pressed", "true")
    expect(thumbs_down).to_have_attribute("aria-pressed", "false")
    thanks = chat.answers.last
    expect(thanks).to_contain_text("Danke für Ihre Rückmeldung")
    expect(thanks.get_by_role("button", name="Hilfreich", exact=True)).to_have_count(0)
    # The rating is not shown as a message of the resident.
    expect(chat.user_messages).to_have_text(["Was ist HSU?"])
    expect(chat.log).not_to_contain_text("/feedback")

    # Staff find the rated answer in the conversation: the rating with the answer it belongs to.
    events = stack.tracker(chat.session_id())["events"]
    ratings = [
        e
        for e in events
        if e.get("event") == "user" and e.get("parse_data", {}).get("intent", {}).get("name") == "feedback"
    ]
    assert len(ratings) == 1
    assert {"entity": "rating", "value": "up"} in [
        {"entity": e["entity"], "value": e["value"]} for e in ratings[0]["parse_data"]["entities"]
    ]
    assert HSU_ANSWER.search(ratings[0]["metadata"]["feedback_on"])


def test_quick_reply_sends_its_payload(chat: Chat, stack) -> None:
    """When the bot offers topics as buttons, clicking one shows its title and answers that topic."""
    offers = {}
    for text in QUICK_REPLY_CANDIDATES:
        buttons = [b for m in stack.send(text, f"widget-probe-{text}") for b in m.get("buttons", [])]
        if buttons:
            offers[text] = buttons
            break
    assert offers, f"none of {QUICK_REPLY_CANDIDATES} made the bot offer quick replies"
    question, buttons = next(iter(offers.items()))

    chat.start()
    answer = chat.ask(question)
    replies = answer.locator(".quick-replies").get_by_role("button")
    expect(replies).to_have_text([b["title"] for b in buttons])
    replies.first.click()

    expect(chat.user_messages.last).to_have_text(buttons[0]["title"])
    expect(chat.answers).to_have_count(2, timeout=30_000)
    expect(chat.answers.last.locator(".source a")).to_have_count(1)
    expect(answer.locator(".quick-replies")).to_have_count(0)
    expect(chat.log).not_to_contain_text(buttons[0]["payload"])
    expect(chat.input).to_be_focused()


def test_reload_continues_the_conversation(chat: Chat) -> None:
    """After a page reload the history is there and the bot still knows the topic."""
    chat.start()
    chat.ask("Welche Sprachen gibt es beim HSU?")
    session = chat.session_id()

    chat.page.reload()
    expect(chat.panel).to_be_visible()
    expect(chat.user_messages).to_have_text(["Welche Sprachen gibt es beim HSU?"])
    expect(chat.answers).to_have_count(1)
    chat.wait_online()
    assert chat.session_id() == session

    answer = chat.ask("Und auf Arabisch?")
    expect(answer).to_contain_text("Arabisch")
    expect(answer.locator(".source a")).to_have_count(1)


def test_two_tabs_share_one_conversation(chat: Chat) -> None:
    """A second tab of the same site shows the same conversation, and each answer appears once in each tab."""
    chat.start()
    chat.ask("Was ist HSU?")
    other = Chat(chat.page.context.new_page(), chat.base_url)
    other.goto()
    other.open()
    other.wait_online()
    expect(other.user_messages).to_have_text(["Was ist HSU?"])

    other.ask("Was ist der Integrationsrat?")
    expect(chat.user_messages).to_have_text(["Was ist HSU?", "Was ist der Integrationsrat?"])
    expect(chat.answers).to_have_count(2)
    expect(other.answers).to_have_count(2)
    expect(chat.answers.last).to_contain_text("Integrationsrat")
    assert chat.session_id() == other.session_id()


def test_server_restart_shows_offline_keeps_text_and_recovers(chat: Chat, stack) -> None:
    """The Rasa server goes away: the widget says so, keeps the typed text, refuses to send, then recovers."""
    chat.start()
    chat.ask("Was ist HSU?")
    try:
        stack.stop_rasa()
        expect(chat.status).to_have_text("Offline", timeout=30_000)
        expect(chat.connection_notice).to_contain_text("Keine Verbindung")
        chat.input.fill("Und auf Türkisch?")
        chat.input.press("Enter")
        expect(chat.panel.get_by_role("alert")).to_contain_text("Nicht gesendet")
        expect(chat.input).to_have_value("Und auf Türkisch?")
        expect(chat.user_messages).to_have_count(1)
        violations = chat.axe_violations()
        assert not violations, describe(violations)
    finally:
        stack.start_rasa()

    chat.wait_online(timeout=60_000)
    expect(chat.connection_notice).to_contain_text("Wieder verbunden")
    expect(chat.input).to_have_value("Und auf Türkisch?")
    chat.input.press("Enter")
    expect(chat.answers).to_have_count(2, timeout=30_000)
    expect(chat.answers.last).to_contain_text("Türkisch")
    expect(chat.panel.locator(".send-error")).to_have_text("")


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


def test_html_in_messages_is_shown_as_text(chat: Chat) -> None:
    """Markup typed by a resident (or sent by the bot) appears literally and never runs."""
    hostile = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"><b>fett</b>'
    chat.start()
    chat.ask(hostile)
    expect(chat.user_messages.last).to_have_text(hostile)
    assert chat.page.evaluate("window.__pwned") is None
    tags = chat.log.evaluate(
        "log => [...new Set([...log.querySelectorAll('*')].map(el => el.tagName.toLowerCase()))]"
    )
    assert not set(tags) & {"script", "img", "b", "iframe", "style"}, tags
    links = chat.log.locator("a").evaluate_all("as => as.map(a => a.protocol)")
    assert set(links) <= {"https:", "http:"}


def test_new_conversation_clears_history_and_session(chat: Chat) -> None:
    """'Neues Gespräch' empties the log and starts a new conversation id."""
    chat.start()
    chat.ask("Was ist HSU?")
    old = chat.session_id()
    chat.page.get_by_role("button", name=re.compile("^Neues Gespräch")).click()
    expect(chat.answers).to_have_count(0)
    expect(chat.user_messages).to_have_count(0)
    assert chat.session_id() != old
    expect(chat.input).to_be_focused()
    answer = chat.ask("Was ist der Integrationsrat?")
    expect(answer).to_contain_text("Integrationsrat")


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


def test_english_host_page_gets_english_texts(chat: Chat) -> None:
    """On a page with lang="en" the widget speaks English; the privacy link keeps its German name."""
    chat.goto("/en")
    expect(chat.launcher).to_have_accessible_name(re.compile("Open chat$"))
    chat.open()
    expect(chat.panel.get_by_role("heading", name="Privacy notice")).to_be_visible()
    link = chat.panel.get_by_role("link", name=re.compile("Datenschutzhinweise dieses Chats"))
    expect(link).to_have_attribute("href", re.compile(r"^http://127\.0\.0\.1:\d+/datenschutz$"))
    chat.accept_privacy()
    expect(chat.input).to_have_attribute("placeholder", re.compile("^Your question"))
    expect(chat.panel.get_by_role("button", name="Send")).to_be_visible()


def test_privacy_notice_before_first_message(chat: Chat) -> None:
    """The notice says what is stored and for how long, links the chat's privacy page, and is shown once."""
    chat.goto()
    chat.open()
    notice = chat.panel.get_by_role("region", name="Hinweis zum Datenschutz")
    expect(notice).to_contain_text("zufälligen Gesprächsnummer")
    expect(notice).to_contain_text("30 Tage")
    link = notice.get_by_role("link", name=re.compile("Datenschutzhinweisen dieses Chats"))
    expect(link).to_have_attribute("href", re.compile(r"^http://127\.0\.0\.1:\d+/datenschutz$"))
    expect(chat.input).to_be_hidden()
    chat.accept_privacy()
    expect(notice).to_be_hidden()
    chat.page.reload()
    expect(chat.panel).to_be_visible()  # it was open before the reload
    expect(chat.input).to_be_visible()
    expect(chat.panel.get_by_role("region", name="Hinweis zum Datenschutz")).to_be_hidden()


def test_no_css_leaks_in_either_direction(new_page: Callable[..., Page], web_url: str) -> None:
    """Hostile page CSS does not change the widget, and the widget does not change the page."""
    probe = "el => ['color', 'fontFamily', 'fontSize', 'backgroundColor'].map(p => getComputedStyle(el)[p])"

    bare = new_page()
    bare.route("**/dortmund-chat.js", lambda route: route.abort())
    bare.goto(web_url + "/")
    page_without_widget = [bare.locator(sel).first.evaluate(probe) for sel in ("h1", "p", "a", "body")]

    chat = Chat(new_page(bypass_csp=True), web_url)
    chat.start()
    page_with_widget = [chat.page.locator(sel).first.evaluate(probe) for sel in ("h1", "p", "a", "body")]
    assert page_with_widget == page_without_widget

    send = chat.panel.get_by_role("button", name="Senden")
    before = send.evaluate(probe)
    chat.page.add_style_tag(
        content="* { color: rgb(255, 0, 0) !important; font-family: serif !important; }"
        " * { font-size: 40px !important; } button { background: rgb(0, 255, 0) !important; }"
    )
    assert send.evaluate(probe) == before
    assert "Comic" not in before[1] and before[3] != "rgb(255, 235, 59)"
