"""Text comparison shared by the review inbox and the checks: normalisation and similarity."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

# Rasa entity annotations: [text](entity), [text](entity:value), [text]{"entity": ...}, [text][{...}].
ENTITY_ANNOTATION = re.compile(r"\[(?P<text>[^\]]+?)\](?:\([^)]*\)|\{[^}]*\}|\[[^\]]*\])")
_WORD = re.compile(r"\w+")


def strip_annotations(text: str) -> str:
    """Replace entity annotations by their text: `[Arabisch](hsu_language)` -> `Arabisch`."""
    return ENTITY_ANNOTATION.sub(lambda match: match.group("text"), text)


def example_key(text: str) -> str:
    """The key duplicate examples are found by (here and in `make validate`): no case, spaces, punctuation."""
    compact = "".join(char for char in strip_annotations(text).lower() if not char.isspace())
    without_punctuation = "".join(char for char in compact if not unicodedata.category(char).startswith("P"))
    return without_punctuation or compact


def words(text: str) -> str:
    """Lower-case words separated by single spaces, for similarity."""
    return " ".join(_WORD.findall(strip_annotations(text).lower()))


def similarity(first: str, second: str) -> float:
    """difflib ratio of the word forms of two texts (0..1)."""
    return SequenceMatcher(None, words(first), words(second), autojunk=False).ratio()


def is_similar(first: str, second: str, threshold: float) -> bool:
    """True when the word forms are at least `threshold` similar; cheap bounds first."""
    matcher = SequenceMatcher(None, words(first), words(second), autojunk=False)
    return (
        matcher.real_quick_ratio() >= threshold
        and matcher.quick_ratio() >= threshold
        and matcher.ratio() >= threshold
    )
