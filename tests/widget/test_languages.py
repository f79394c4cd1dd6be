"""The widget in the residents' own languages (knowledge/languages/): menu, right to left, lang on every text.

Against the real stack, like the other browser tests; the expected texts are read from i18n.js and
knowledge/languages/ (chat.interface_texts), so the tests follow the translators' texts.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from bot.widget_languages import widget_languages

from .chat import HSU_ANSWER, SCREENSHOTS, Chat, describe, interface_texts

pytestmark = pytest.mark.e2e

LANGUAGES = {language["code"]: language for language in widget_languages()}
ARABIC = LANGUAGES["ar"]["name"]
MENU_PAYLOAD = '/choose_language{{"language":"{code}"}}'

# The gaps between each line of an element's text and the element's content box, left and right (a line of
# mixed directions has a rectangle per run: they are joined by their top).
LINE_GAPS = """el => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const left = box.left + parseFloat(style.paddingLeft);
    const right = box.right - parseFloat(style.paddingRight);
    const lines = new Map();
    for (const run of range.getClientRects()) {
        const top = Math.round(run.top);
        const line = lines.get(top) || [Infinity, -Infinity];
        lines.set(top, [Math.min(line[0], run.left), Math.max(line[1], run.right)]);
    }
    return [...lines.values()].map(([start, end]) => [start - left, right - end]);
}"""


def alignment(element: Locator) -> str:
    """'left' or 'right' when every line of the element's text starts at that side (and some line does not
    reach the other)."""
    lines = element.evaluate(LINE_GAPS)
    flush_left = all(abs(gap_left) < 2 for gap_left, _ in lines)
    flush_right = all(abs(gap_right) < 2 for _, gap_right in lines)
    if flush_left != flush_right:
        return "left" if flush_left else "right"
    return f"unclear: {lines}"


def user_events(stack, session: str) -> list[dict]:
    """The resident's messages as the server stored them."""
    return [event for event in stack.tracker(session)["events"] if event.get("event") == "user"]


def wait_for_user_event(stack, session: str, text: str, timeout: float = 30.0) -> dict:
    """The stored message with this text, once it is there."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [event for event in user_events(stack, session) if event.get("text") == text]
        if found:
            return found[0]
        time.sleep(0.3)
    raise AssertionError(f"{text!r} not in {[event.get('text') for event in user_events(stack, session)]}")


def bubble_languages(chat: Chat) -> list[list[str | None]]:
    """[kind, lang, dir] of every bubble in the log."""
    return chat.bubbles.evaluate_all(
        "els => els.map(e => [e.classList.contains('user') ? 'user' : 'bot',"
        " e.getAttribute('lang'), e.getAttribute('dir')])"
    )


def test_arabic_turns_the_widget_right_to_left(chat: Chat, stack) -> None:
    """Choosing العربية: dir=rtl and lang=ar on the root, texts right-aligned, the layout mirrored, the
    interface in Arabic (English where there is no Arabic text yet), the choice sent as the menu's payload."""
    chat.goto()
    chat.open()
    notice = chat.panel.locator(".privacy p").first
    assert alignment(notice) == "left"
    expect(chat.root).to_have_attribute("dir", "ltr")

    chat.choose_language(ARABIC)
    texts = interface_texts("ar")
    expect(chat.root).to_have_attribute("dir", "rtl")
    expect(chat.root).to_have_attribute("lang", "ar")
    expect(chat.language_menu).to_have_accessible_name(f"Sprache / Language: {ARABIC}")
    notice_region = chat.panel.get_by_role("region", name=texts["privacyHeading"])
    expect(notice_region).to_contain_text(texts["privacyText"])
    assert alignment(notice) == "right"  # an English text (no Arabic one yet) written left to right
    # What has no direction of its own, as every Arabic text, is right to left and starts on the right.
    base = chat.panel.locator(".privacy").evaluate(
        "el => [getComputedStyle(el).direction, getComputedStyle(el).textAlign]"
    )
    assert base in (["rtl", "start"], ["rtl", "right"]), base
    chat.panel.get_by_role("button", name=texts["privacyAck"], exact=True).click()
    chat.wait_online()

    # (an English placeholder in the Arabic field is isolated by U+2068 … U+2069, so its punctuation stays)
    placeholder = re.compile(f"^\u2068?{re.escape(texts['placeholder'])}\u2069?$")
    expect(chat.input).to_have_attribute("placeholder", placeholder)
    send = chat.panel.get_by_role("button", name=texts["send"], exact=True)
    close = chat.panel.get_by_role("button", name=texts["close"], exact=True)
    new = chat.panel.get_by_role("button", name=texts["newConversation"], exact=True)
    expect(new).to_have_accessible_description(texts["newConversationLabel"])
    # Mirrored: the send button left of the message field, the close button left of the title.
    assert send.bounding_box()["x"] < chat.input.bounding_box()["x"]
    assert close.bounding_box()["x"] < chat.panel.locator("h2").bounding_box()["x"]

    # The bot is told with the menu's payload once the notice is acknowledged; no bubble of the resident.
    wait_for_user_event(stack, chat.session_id(), MENU_PAYLOAD.format(code="ar"))
    expect(chat.user_messages).to_have_count(0)
    expect(chat.log).not_to_contain_text("choose_language")


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_each_language_has_no_axe_violation_and_a_screenshot(
    new_page: Callable[..., Page], web_url: str, code: str
) -> None:
    """axe-core (WCAG 2.1 A/AA) finds nothing with the menu open, at the notice and in a conversation, in
    every language of the menu; the screenshot goes to docs/screenshots/widget-<code>.png."""
    language = LANGUAGES[code]
    chat = Chat(new_page(reduced_motion="reduce"), web_url)
    chat.goto()
    chat.open()
    chat.language_menu.click()
    expect(chat.language_list).to_be_visible()
    violations = chat.axe_violations()
    assert not violations, "menu open:\n" + describe(violations)
    chat.language_list.get_by_role("button", name=language["name"], exact=True).click()
    expect(chat.root).to_have_attribute("lang", language["htmlLang"])
    expect(chat.root).to_have_attribute("dir", language["dir"])
    texts = interface_texts(code)
    notice = chat.panel.get_by_role("region", name=texts["privacyHeading"])
    expect(notice).to_be_visible()
    violations = chat.axe_violations()
    assert not violations, "privacy notice:\n" + describe(violations)

    notice.get_by_role("button", name=texts["privacyAck"], exact=True).click()
    chat.wait_online()
    expect(chat.input).to_have_accessible_name(texts["inputLabel"])
    if code != "de":  # the bot answers the choice first
        expect(chat.answers).to_have_count(1, timeout=30_000)
        chat.wait_idle()
    answer = chat.ask("Was ist HSU?")
    expect(answer).to_contain_text(HSU_ANSWER)
    violations = chat.axe_violations()
    assert not violations, "conversation:\n" + describe(violations)
    assert all(lang for _, lang, _ in bubble_languages(chat)), bubble_languages(chat)

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    chat.user_messages.last.evaluate("el => el.closest('.msg').scrollIntoView({block: 'start'})")
    chat.page.screenshot(path=SCREENSHOTS / f"widget-{code}.png")


def test_language_menu_by_keyboard_only(chat: Chat) -> None:
    """Reach the menu with Tab, open it with Enter, move with the arrow keys, Home and End, close it with
    Escape (the chat stays open), choose Arabic with Enter, then go on by keyboard; focus always visible."""
    chat.goto()
    for _ in range(20):
        chat.page.keyboard.press("Tab")
        if (chat.active_element().get("label") or "").endswith("Chat öffnen"):
            break
    chat.page.keyboard.press("Enter")
    expect(chat.panel).to_be_visible()
    for _ in range(10):
        chat.page.keyboard.press("Shift+Tab")
        if chat.active_element()["text"].startswith("Sprache / Language"):
            break
    focused = chat.active_element()
    assert focused["text"] == "Sprache / Language: Deutsch", focused
    assert focused["outline"].startswith("solid")

    names = [language["name"] for language in LANGUAGES.values()]
    chat.page.keyboard.press("Enter")
    expect(chat.language_list).to_be_visible()
    assert chat.active_element()["text"] == names[0]
    for name in [*names[1:], names[0]]:  # down through the menu and round to the first again
        chat.page.keyboard.press("ArrowDown")
        focused = chat.active_element()
        assert focused["text"] == name
        assert focused["outline"].startswith("solid") and focused["outlineColor"] != "rgb(255, 255, 255)"
    chat.page.keyboard.press("End")
    assert chat.active_element()["text"] == names[-1]
    chat.page.keyboard.press("Home")
    assert chat.active_element()["text"] == names[0]

    chat.page.keyboard.press("Escape")
    expect(chat.language_list).to_be_hidden()
    expect(chat.panel).to_be_visible()
    assert chat.active_element()["text"] == "Sprache / Language: Deutsch"
    chat.page.keyboard.press("ArrowDown")  # opens the list too
    expect(chat.language_list).to_be_visible()
    chat.page.keyboard.press("End")
    chat.page.keyboard.press("Tab")  # leaving the list closes it
    expect(chat.language_list).to_be_hidden()
    chat.page.keyboard.press("Shift+Tab")
    chat.page.keyboard.press("Space")
    for _ in range(names.index(ARABIC)):
        chat.page.keyboard.press("ArrowDown")
    assert chat.active_element()["text"] == ARABIC
    chat.page.keyboard.press("Enter")
    expect(chat.root).to_have_attribute("dir", "rtl")
    expect(chat.language_list).to_be_hidden()
    assert chat.active_element()["text"] == f"Sprache / Language: {ARABIC}"
    assert chat.active_element()["expanded"] == "false"

    texts = interface_texts("ar")
    for _ in range(10):
        chat.page.keyboard.press("Tab")
        if chat.active_element()["text"] == texts["privacyAck"]:
            break
    chat.page.keyboard.press("Enter")
    expect(chat.input).to_be_focused()
    chat.wait_online()
    expect(chat.answers).to_have_count(1, timeout=30_000)  # the bot's answer to the choice
    chat.wait_idle()
    chat.page.keyboard.type("Was ist HSU?")
    chat.page.keyboard.press("Enter")
    expect(chat.answers).to_have_count(2, timeout=30_000)
    expect(chat.answers.last).to_contain_text(HSU_ANSWER)


def test_every_bubble_has_lang_and_dir_where_it_differs(chat: Chat) -> None:
    """The resident's bubbles have the interface's language, the bot's the one the server names; dir only when
    the bubble is written the other way than the widget. Kept over a reload; the language is per tab."""
    chat.start()
    chat.ask("Was ist HSU?")
    assert {tuple(bubble) for bubble in bubble_languages(chat)} == {("user", "de", None), ("bot", "de", None)}

    chat.choose_language(ARABIC)
    expect(chat.answers).to_have_count(2, timeout=30_000)  # the bot's answer to the choice
    chat.wait_idle()
    # German bubbles in a right-to-left widget say that they are written left to right.
    assert all(direction == "ltr" for _, lang, direction in bubble_languages(chat) if lang == "de")
    answer = chat.ask("Was ist der Integrationsrat?")
    expect(answer).to_contain_text("Integrationsrat")
    expect(chat.log.locator(".msg.user").last).to_have_attribute("lang", "ar")
    assert chat.log.locator(".msg.user").last.get_attribute("dir") is None
    expect(chat.root).to_have_attribute("dir", "rtl")  # a German answer does not switch the interface back

    before = bubble_languages(chat)
    assert all(lang for _, lang, _ in before)
    assert all((direction == "ltr") == (lang != "ar") for _, lang, direction in before), before
    chat.page.reload()
    expect(chat.root).to_have_attribute("dir", "rtl")
    expect(chat.bubbles).to_have_count(len(before))
    assert bubble_languages(chat) == before

    other = Chat(chat.page.context.new_page(), chat.base_url)  # another tab starts in the page's language
    other.goto()
    expect(other.root).to_have_attribute("lang", "de")
    other.open()
    expect(other.bubbles).to_have_count(len(before))
    langs = [lang for _, lang, _ in bubble_languages(other)]
    assert langs == [lang for _, lang, _ in before]


def test_a_bot_message_in_another_language_switches_the_interface(chat: Chat) -> None:
    """The resident writes English on the German page: the bot answers in English (lang=en from the server)
    and the interface follows; a German answer later does not switch it back."""
    chat.start()
    answer = chat.ask("What is HSU?")
    expect(answer.locator(".msg").first).to_have_attribute("lang", "en")
    expect(chat.root).to_have_attribute("lang", "en")
    english = interface_texts("en")
    expect(chat.panel.get_by_role("button", name=english["send"], exact=True)).to_be_visible()
    expect(chat.language_menu).to_have_accessible_name("Sprache / Language: English")
    expect(chat.log.locator(".msg.user").first).to_have_attribute("lang", "de")  # written before the switch

    answer = chat.ask("Was ist der Integrationsrat?")
    expect(answer.locator(".msg").first).to_have_attribute("lang", "de")
    expect(chat.root).to_have_attribute("lang", "en")
    chat.page.reload()
    expect(chat.root).to_have_attribute("lang", "en")


def test_the_bot_switches_to_the_language_chosen_in_the_menu(chat: Chat, stack) -> None:
    """After choosing Türkçe the conversation's language slot is tr (action_choose_language ran), and the bot
    confirms in Turkish (lang=tr), so the interface stays Turkish."""
    chat.start()
    chat.choose_language(LANGUAGES["tr"]["name"])
    wait_for_user_event(stack, chat.session_id(), MENU_PAYLOAD.format(code="tr"))
    expect(chat.answers).to_have_count(1, timeout=30_000)
    chat.wait_idle()
    slots = [e for e in stack.tracker(chat.session_id())["events"] if e.get("event") == "slot"]
    assert {"name": "language", "value": "tr"} in [{"name": e["name"], "value": e["value"]} for e in slots]
    expect(chat.answers.first.locator(".msg").first).to_have_attribute("lang", "tr")
    expect(chat.root).to_have_attribute("lang", "tr")
