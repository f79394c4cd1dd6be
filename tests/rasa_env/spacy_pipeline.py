"""The entities the built spaCy pipeline finds in texts, after saving and loading (run in the Rasa env)."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import spacy

from bot.nlu.spacy_pipeline import build_pipeline


def main() -> None:
    """Arguments: patterns and texts as JSON; prints each text's entities as [label, id, text]."""
    patterns, texts = (json.loads(argument) for argument in sys.argv[1:3])
    with tempfile.TemporaryDirectory() as folder:
        nlp = spacy.load(build_pipeline(patterns, Path(folder) / "pipeline"))
        found = {text: [[e.label_, e.ent_id_, e.text] for e in nlp(text).ents] for text in texts}
    print(json.dumps(found, ensure_ascii=False))


if __name__ == "__main__":
    main()
