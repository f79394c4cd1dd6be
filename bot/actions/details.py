"""Whether a question asks for a fact (phone number, opening hours, fee ...) that the chosen answer lacks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.knowledge.text import normalise, words
from bot.settings import ROOT

DETAILS_FILE = ROOT / "knowledge" / "common" / "details.yml"


@dataclass(frozen=True)
class Detail:
    """A kind of fact: the words that ask for it and the pattern that finds it in an answer."""

    name: str
    asked_with: tuple[tuple[str, ...], ...]
    found_by: re.Pattern[str]

    def asked_in(self, question: str) -> bool:
        """Whether the question uses one of the asking words (as the beginning of its words)."""
        tokens = words(question)
        for phrase in self.asked_with:
            size = len(phrase)
            for start in range(len(tokens) - size + 1):
                if all(
                    token.startswith(part)
                    for part, token in zip(phrase, tokens[start : start + size], strict=True)
                ):
                    return True
        return False


@lru_cache(maxsize=4)
def load_details(path: Path = DETAILS_FILE) -> tuple[Detail, ...]:
    """The kinds of facts from knowledge/common/details.yml."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return tuple(
        Detail(
            name=name,
            asked_with=tuple(tuple(normalise(word).split()) for word in spec["asked_with"]),
            found_by=re.compile(spec["found_by"], re.IGNORECASE),
        )
        for name, spec in raw.items()
    )


def missing_detail(question: str, answer_text: str, path: Path = DETAILS_FILE) -> str | None:
    """The name of a fact the question asks for and the answer does not contain, if any."""
    for detail in load_details(path):
        if detail.asked_in(question) and not detail.found_by.search(answer_text):
            return detail.name
    return None
