"""Build the German spaCy pipeline that Rasa's SpacyNLP loads (no pretrained model is reachable here)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

# Turkish writes a case ending after a name with an apostrophe ("Hörde'de", "Leeds'te"): split it off, so that
# the entity ruler finds the name as it is written in the knowledge base.
NAME_ENDING = r"['’][^\W\d_]{1,5}"  # spaCy adds the end anchor


def read_patterns(path: Path) -> list[dict]:
    """Read EntityRuler patterns written from the knowledge base (one JSON object per line)."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def build_pipeline(patterns: list[dict], output: Path) -> Path:
    """Blank German pipeline + lookup lemmatizer (spacy-lookups-data) + entity ruler; saved to `output`."""
    import spacy
    from spacy.util import compile_suffix_regex

    nlp = spacy.blank("de")
    nlp.tokenizer.suffix_search = compile_suffix_regex([*nlp.Defaults.suffixes, NAME_ENDING]).search
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    nlp.initialize()
    ruler.add_patterns(patterns)
    nlp.meta["name"] = "dortmund_de"
    nlp.meta["description"] = "spacy.blank('de') + lookup lemmas + entity ruler generated from knowledge/"
    output.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    return output


def main() -> None:
    """Command line: build the pipeline from a patterns file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--patterns", type=Path, default=Path("var/entity_patterns.jsonl"))
    parser.add_argument("--output", type=Path, default=Path("var/spacy_de"))
    args = parser.parse_args()
    patterns = read_patterns(args.patterns)
    build_pipeline(patterns, args.output)
    print(f"spaCy pipeline with {len(patterns)} entity patterns written to {args.output}")


if __name__ == "__main__":
    main()
