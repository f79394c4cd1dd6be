"""A resident's view of the chat widget in a browser page: what they click, type and see."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "widget" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
# The start of the HSU overview answer, as the widget shows it.
HSU_ANSWER = re.compile(r"Herkunftssprachliche[rn]? Unterricht|freiwillig")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ANSWER_TIMEOUT_MS = 30_000


class Chat:
    """Drives the widget on the demo page like a resident would."""

    def __init__(self, page: Page, base_url: str) -> None:
        """Wraps a page that will show the demo site at base_url."""
        self.page = page
        self.base_url = base_url

    # ---- what the resident sees ----

    @property
    def launcher(self) -> Locator:
        """The round button that opens the chat."""
        return self.page.get_by_role("button", name=re.compile(r"Chat öffnen|Open chat"))

    @property
    def panel(self) -> Locator:
        """The chat window."""
        return self.page.get_by_role("dialog")

    @property
    def log(self) -> Locator:
        """The message history."""
        return self.page.get_by_role("log")

    @property
    def input(self) -> Locator:
        """The message field (its name, "Ihre Nachricht" in German, is checked per language)."""
        return self.panel.get_by_role("textbox")

    @property
    def status(self) -> Locator:
        """The connection state shown in the toolbar."""
        return self.panel.locator(".status")

    @property
    def connection_notice(self) -> Locator:
        """The banner that explains an interrupted connection."""
        return self.panel.locator(".connection")

    @property
    def answers(self) -> Locator:
        """One element per bot answer (all bubbles of one reply)."""
        return self.log.locator(".turn")

    @property
    def user_messages(self) -> Locator:
        """The texts of the resident's own messages."""
        return self.log.locator(".msg.user .text")

    @property
    def bubbles(self) -> Locator:
        """Every message bubble, the resident's and the bot's."""
        return self.log.locator(".msg")

    @property
    def root(self) -> Locator:
        """The widget's root element inside its shadow root: it carries lang and dir."""
        return self.page.locator("dortmund-chat .dc")

    @property
    def language_menu(self) -> Locator:
        """The button of the language menu in the header."""
        return self.panel.get_by_role("button", name="Sprache / Language")

    @property
    def language_list(self) -> Locator:
        """The list of languages the menu opens."""
        return self.panel.get_by_role("list", name="Sprache / Language")

    # ---- what the resident does ----

    def goto(self, path: str = "/") -> None:
        """Opens the demo page."""
        self.page.goto(self.base_url + path)
        expect(self.launcher.or_(self.panel)).to_be_visible()

    def open(self) -> None:
        """Clicks the launcher."""
        self.launcher.click()
        expect(self.panel).to_be_visible()

    def accept_privacy(self) -> None:
        """Acknowledges the privacy notice."""
        self.page.get_by_role("button", name=re.compile(r"^(Verstanden|Understood)")).click()
        expect(self.input).to_be_focused()

    def choose_language(self, name: str) -> None:
        """Opens the language menu and picks a language by its name (in itself)."""
        self.language_menu.click()
        self.language_list.get_by_role("button", name=name, exact=True).click()
        expect(self.language_list).to_be_hidden()

    def start(self, path: str = "/") -> None:
        """Opens the page and the chat, acknowledges the notice and waits for the connection."""
        self.goto(path)
        self.open()
        self.accept_privacy()
        self.wait_online()

    def wait_online(self, timeout: float = ANSWER_TIMEOUT_MS) -> None:
        """Waits until the toolbar says the chat is connected (in whatever language it speaks)."""
        expect(self.status).to_have_attribute("data-state", "online", timeout=timeout)

    def ask(self, text: str) -> Locator:
        """Types a question, sends it with Enter and returns the bot's answer once it is there."""
        before = self.answers.count()
        self.input.fill(text)
        self.input.press("Enter")
        expect(self.input).to_have_value("")
        expect(self.answers).to_have_count(before + 1, timeout=ANSWER_TIMEOUT_MS)
        self.wait_idle()
        # by position, not `.last`: a later message (the thanks for a rating) must not move the locator
        return self.answers.nth(before)

    def wait_idle(self) -> None:
        """Waits until the typing indicator is gone."""
        expect(self.panel.locator(".typing.active")).to_have_count(0, timeout=ANSWER_TIMEOUT_MS)

    def session_id(self) -> str:
        """The conversation id the widget keeps in localStorage."""
        raw = self.page.evaluate("localStorage.getItem('dortmund-chat:v1:session')")
        return json.loads(raw)["id"]

    def active_element(self) -> dict[str, str | None]:
        """Describes the focused element, looking inside the widget's shadow root."""
        return self.page.evaluate(
            """() => {
                let el = document.activeElement;
                while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
                if (!el) return {};
                const style = getComputedStyle(el);
                return {
                    tag: el.tagName.toLowerCase(),
                    label: el.getAttribute('aria-label') || (el.textContent || '').trim(),
                    text: (el.textContent || '').trim(),
                    outline: style.outlineStyle + ' ' + style.outlineWidth,
                    outlineColor: style.outlineColor,
                    expanded: el.getAttribute('aria-expanded'),
                };
            }"""
        )

    def axe_violations(self) -> list[dict]:
        """Runs axe-core (WCAG 2.1 A and AA rules) on the whole page, the widget's shadow DOM included."""
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):
            self.page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
        result = self.page.evaluate(
            """async (tags) => {
                const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']};
                const r = await axe.run(document, options);
                return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary}))}));
            }""",
            WCAG_TAGS,
        )
        return result


def describe(violations: list[dict]) -> str:
    """Formats axe violations for an assertion message."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {n['target']}: {n['summary']}" for n in v["nodes"][:5])
    return "\n".join(lines)


def node_json(script: str) -> object:
    """What a Node.js script prints as JSON."""
    node = shutil.which("node")
    assert node, "Node.js is missing: run scripts/setup_widget.sh"
    run = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@lru_cache(maxsize=1)
def builtin_texts() -> dict[str, dict[str, str]]:
    """The German and English texts of widget/src/i18n.js, with the bot's retention period."""
    from bot.retention import RETENTION_DAYS

    i18n = (ROOT / "widget" / "src" / "i18n.js").as_uri()
    script = (
        f"globalThis.__RETENTION_DAYS__ = {RETENTION_DAYS}; import({json.dumps(i18n)})"
        ".then((m) => console.log(JSON.stringify(m.STRINGS)))"
    )
    return node_json(script)  # type: ignore[return-value]


def interface_texts(code: str) -> dict[str, str]:
    """What the widget should say in a language: its texts of knowledge/languages/, the rest in German (for
    Leichte Sprache) or English."""
    from bot.language import languages
    from bot.retention import RETENTION_DAYS

    builtin = builtin_texts()
    if code in builtin:
        return builtin[code]
    language = languages()[code]
    own = {key: text.replace("{days}", str(RETENTION_DAYS)) for key, text in language.texts["widget"].items()}
    return builtin["de" if language.html_lang == "de" else "en"] | own
