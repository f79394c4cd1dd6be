"""What Rasa learns from knowledge/: every entry's examples with the entry in their metadata."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.loader import read_knowledge
from bot.knowledge.rasa_data import answer_nlu, answer_texts, entry_examples

ROOT = Path(__file__).resolve().parents[2]


def test_templates_for_a_named_value_are_marked_so_that_no_ranking_offers_them() -> None:
    blocks = answer_nlu(read_knowledge(ROOT / "knowledge"))["nlu"]
    marks = {(block["metadata"]["entry"], block["metadata"].get("needs_named_value")) for block in blocks}
    # "Ja, {language} steht auf der Liste": only a named language can fill it
    assert ("hsu_language_covered", True) in marks and ("hsu_language_covered", None) not in marks
    assert ("huckarde_district_not_covered", True) in marks
    assert ("hsu_languages", None) in marks and ("hsu_languages", True) not in marks


def test_every_example_is_generated_once_and_the_answer_texts_once_per_entry() -> None:
    topic_files = read_knowledge(ROOT / "knowledge")
    blocks = answer_nlu(topic_files)["nlu"]
    for topic_file in topic_files:
        for entry in topic_file.entries:
            own = [block for block in blocks if block["metadata"]["entry"] == entry.slug]
            examples = [line[2:] for block in own for line in block["examples"].splitlines()]
            assert examples == entry_examples(entry)
            assert [block["metadata"].get("texts") for block in own if "texts" in block["metadata"]] == [
                answer_texts(entry)
            ]
            assert all(block["intent"] == topic_file.topic.intent for block in own)
