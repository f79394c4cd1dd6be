"""Parse held-out questions with a trained model (Rasa environment); the answer report reads the output.

tests/nlu/answers/<topic>.yml holds, per knowledge entry, questions by language. The report decides the answer
with the same function as the answer action (app environment), so this script only runs the NLU.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

import yaml

# The model's custom components (bot.nlu) must be importable, also when the script is run by hand.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def read_questions(folder: Path) -> list[dict[str, str]]:
    """Every question of every file as {"text", "entry", "language", "file"}."""
    questions = []
    for path in sorted(folder.glob("*.yml")):
        for entry, by_language in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            for language, texts in by_language.items():
                for text in texts:
                    questions.append({"text": text, "entry": entry, "language": language, "file": path.name})
    return questions


async def parse_all(model: Path, questions: list[dict[str, str]]) -> list[dict]:
    """The NLU parse of each question."""
    import logging

    import skops.io  # noqa: F401 - before Rasa loads TensorFlow, see bot/rasa_server.py
    import structlog
    from rasa.core.agent import Agent

    # Rasa logs every parse at debug level; the report needs only the results.
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))

    agent = Agent.load(str(model))
    parsed = []
    for question in questions:
        parse = await agent.parse_message(question["text"])
        parsed.append({**question, "parse": parse})
    return parsed


def main() -> int:
    """Command line: parse the questions, write JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--questions", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    questions = read_questions(args.questions)
    parsed = asyncio.run(parse_all(args.model, questions))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(parsed, ensure_ascii=False), encoding="utf-8")
    print(f"{len(parsed)} questions parsed into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
