"""Text normalisation shared by the loader, the queries and the entity patterns."""

from __future__ import annotations

import re
import unicodedata

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
# Letters of any script (Cyrillic and Arabic names too) and digits; not the underscore.
_WORD = re.compile(r"[^\W_]+")


def fold_umlauts(text: str) -> str:
    """Lower-case text with ä, ö, ü, ß written as ae, oe, ue, ss."""
    return unicodedata.normalize("NFC", text).lower().translate(_UMLAUTS)


def words(text: str) -> list[str]:
    """The words of a text: lower-case, umlauts folded, other accents and punctuation removed."""
    folded = unicodedata.normalize("NFKD", fold_umlauts(text))
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    return _WORD.findall(plain)


def normalise(text: str) -> str:
    """The words of a text joined by single spaces, for comparing names and examples."""
    return " ".join(words(text))


def with_umlaut_variants(names: list[str]) -> list[str]:
    """The names plus their umlaut-free variants (ä→ae, ö→oe, ü→ue, ß→ss), without duplicates."""
    result: list[str] = []
    for name in names:
        folded = fold_umlauts(name)
        for candidate in (name, folded) if folded != name.lower() else (name,):
            if candidate not in result:
                result.append(candidate)
    return result
