"""How many held-out off-topic questions (../shared/eval) the bot keeps out, rather than answer with Dortmund.

Prints a table per data set. The questions are only read here, never used for training.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.stack import Stack  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
# A reply from the knowledge base: an answer with its source, or "I lack that fact, see the official page".
KNOWLEDGE_ANSWER_MARKERS = ("Quelle:", "habe ich nicht. Sie finden")


def questions() -> dict[str, list[str]]:
    """The evaluation questions per data set."""
    found: dict[str, list[str]] = {}
    for path in sorted(EVAL.glob("*/*.tsv")):
        with path.open(newline="", encoding="utf-8") as rows:
            texts = [
                row.get("text_de") or row.get("question_de") or ""
                for row in csv.DictReader(rows, delimiter="\t")
            ]
        found[path.parent.name] = [text for text in texts if text.strip()]
    return found


def main() -> None:
    """Ask every question in a fresh conversation and count Dortmund answers (those with a source)."""
    with tempfile.TemporaryDirectory() as workdir:
        stack = Stack(Path(workdir)).start()
        try:
            lines = [
                "| data set | questions | kept out | Dortmund answer given | most frequent wrong answer |"
            ]
            lines.append("|---|---|---|---|---|")
            for name, texts in questions().items():
                wrong: Counter[str] = Counter()
                for text in texts:
                    reply = stack.texts(text, f"eval-{uuid.uuid4().hex[:8]}")
                    if any(marker in reply for marker in KNOWLEDGE_ANSWER_MARKERS):
                        wrong[reply.split("\n")[0][:50]] += 1
                kept = len(texts) - sum(wrong.values())
                common = wrong.most_common(1)[0][0] if wrong else "-"
                share = f"{kept} ({kept / len(texts):.0%})"
                lines.append(f"| {name} | {len(texts)} | {share} | {len(texts) - kept} | {common} |")
        finally:
            stack.stop()
    print("\n".join(lines))


if __name__ == "__main__":
    main()
