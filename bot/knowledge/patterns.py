"""spaCy EntityRuler patterns from the validated knowledge files (no database needed)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.knowledge.schema import TopicFile
from bot.knowledge.text import with_umlaut_variants


def entity_patterns(topic_files: list[TopicFile]) -> list[dict[str, str]]:
    """One pattern {"label": kind, "pattern": name, "id": value} per value, alias and umlaut-free variant."""
    patterns: list[dict[str, str]] = []
    for topic_file in topic_files:
        for entity in topic_file.entities:
            for name in with_umlaut_variants([entity.value, *entity.aliases]):
                patterns.append({"label": entity.kind, "pattern": name, "id": entity.value})
    return patterns


def main(argv: list[str] | None = None) -> int:
    """Command line: write the patterns as JSON lines (the input of bot/nlu/spacy_pipeline.py)."""
    from bot.knowledge.loader import KnowledgeError, read_knowledge
    from bot.settings import ROOT, VAR

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, default=ROOT / "knowledge", help="folder with the .yml files")
    parser.add_argument("--out", type=Path, default=VAR / "entity_patterns.jsonl")
    args = parser.parse_args(argv)
    try:
        patterns = entity_patterns(read_knowledge(args.dir))
    except KnowledgeError as error:
        print(f"No patterns written, the knowledge files have problems:\n{error}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    lines = "".join(json.dumps(pattern, ensure_ascii=False) + "\n" for pattern in patterns)
    args.out.write_text(lines, encoding="utf-8")
    print(f"{len(patterns)} entity patterns written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
