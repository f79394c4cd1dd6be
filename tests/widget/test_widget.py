"""The website chat widget in a real browser (Debian's chromium) against the running bot."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from .chat import HSU_ANSWER, Chat, describe

pytestmark = pytest.mark.e2e

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
