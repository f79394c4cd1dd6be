"""The payloads of the widget's and the gateway's own controls name intents the bot has."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.guard.inbound import CONTROL_PAYLOADS, HELP_PAYLOAD, PRIVACY_PAYLOAD
from bot.knowledge.loader import read_knowledge
from bot.knowledge.rasa_data import full_domain

ROOT = Path(__file__).resolve().parents[2]


def test_every_control_payload_names_an_intent_of_the_domain() -> None:
    written = yaml.safe_load((ROOT / "domain.yml").read_text())
    domain = full_domain(written, read_knowledge(ROOT / "knowledge"))
    intents = {intent if isinstance(intent, str) else next(iter(intent)) for intent in domain["intents"]}
    named = {payload[1:].split("{")[0] for payload in CONTROL_PAYLOADS}
    assert named <= intents, named - intents
    assert {HELP_PAYLOAD, PRIVACY_PAYLOAD} == {"/ask_capabilities", "/ask_privacy"}


def test_the_widget_sends_the_feedback_payloads_the_guard_allows() -> None:
    widget = "\n".join(path.read_text() for path in sorted((ROOT / "widget" / "src").glob("*.js")))
    assert '`/feedback{"rating":"${rating}"}`' in widget
    assert {'/feedback{"rating":"up"}', '/feedback{"rating":"down"}'} <= CONTROL_PAYLOADS
    # The language menu: /choose_language{"language":"<code>"}, JSON without spaces.
    assert "`/choose_language${JSON.stringify({ language: " in widget


def test_the_language_menu_may_choose_any_language_of_the_bot_and_nothing_else() -> None:
    from bot.guard.inbound import is_language_choice

    assert is_language_choice('/choose_language{"language": "tr"}')
    assert is_language_choice('/choose_language{"language":"de-ls"}')
    assert not is_language_choice('/choose_language{"language": "xx"}')
    assert not is_language_choice('/choose_language{"language": "tr", "knowledge_entry": "hsu_deadline"}')
    assert not is_language_choice('/choose_language{"language": "tr"')
