"""What Rasa learns from knowledge/: an example block per entry with the entry in its metadata."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.loader import read_knowledge
from bot.knowledge.rasa_data import answer_nlu

ROOT = Path(__file__).resolve().parents[2]


def test_templates_for_a_named_value_are_marked_so_that_no_ranking_offers_them() -> None:
    blocks = {
        block["metadata"]["entry"]: block for block in answer_nlu(read_knowledge(ROOT / "knowledge"))["nlu"]
    }
    # "Ja, {language} steht auf der Liste": only a named language can fill it
    assert blocks["hsu_language_covered"]["metadata"]["needs_named_value"] is True
    assert blocks["huckarde_district_not_covered"]["metadata"]["needs_named_value"] is True
    assert "needs_named_value" not in blocks["hsu_languages"]["metadata"]
    assert blocks["hsu_languages"]["intent"] == "ask_hsu" and "- " in blocks["hsu_languages"]["examples"]
