"""Entry-level accuracy and topic macro-F1 on the held-out questions, decided as the answer action decides.

Reads the output of scripts/parse_questions.py, loads knowledge/ into a temporary SQLite database and prints
accuracy per language, topic F1 and every confusion; exits 1 below the targets.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.actions.choice import choose_entry  # noqa: E402
from bot.knowledge.db import create_tables, get_sessionmaker  # noqa: E402
from bot.knowledge.loader import load_knowledge, read_knowledge  # noqa: E402

NO_ANSWER = "(none)"
# (question, chosen entry, chosen topic, the two answers offered when unsure)
Decision = tuple[dict, str, str, list[str]]


def decide(parsed: list[dict], knowledge: Path) -> list[Decision]:
    """(question, chosen entry, chosen topic, the two offered when unsure) for each parsed question."""
    url = f"sqlite:///{tempfile.mkdtemp()}/knowledge.db"
    create_tables(url)
    results = []
    with get_sessionmaker(url).begin() as session:
        load_knowledge(session, read_knowledge(knowledge))
        for question in parsed:
            choice = choose_entry(session, question["parse"], None)
            entry = choice.entry.slug if choice.entry else NO_ANSWER
            topic = choice.topic.slug if choice.topic else NO_ANSWER
            results.append((question, entry, topic, [e.slug for e in choice.alternatives]))
    return results


def topic_of(slug: str, topics: set[str]) -> str:
    """The topic slug an entry slug starts with (the longest that fits)."""
    return max((t for t in topics if slug == t or slug.startswith(t + "_")), key=len, default=NO_ANSWER)


def macro_f1(pairs: list[tuple[str, str]]) -> tuple[float, dict[str, float]]:
    """Macro-F1 over the expected labels, and F1 per label."""
    labels = sorted({expected for expected, _ in pairs})
    scores = {}
    for label in labels:
        tp = sum(1 for e, p in pairs if e == label and p == label)
        fp = sum(1 for e, p in pairs if e != label and p == label)
        fn = sum(1 for e, p in pairs if e == label and p != label)
        scores[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return sum(scores.values()) / len(scores), scores


def report(results: list[Decision], topics: set[str]) -> tuple[dict[str, float], float, list[str]]:
    """Accuracy per language (and "all"), topic macro-F1 and the printed lines."""
    by_language: dict[str, list[bool]] = defaultdict(list)
    confusions: Counter[tuple[str, str]] = Counter()
    for question, entry, _, _ in results:
        by_language[question["language"]].append(entry == question["entry"])
        if entry != question["entry"]:
            confusions[(question["entry"], entry)] += 1
    correct = [ok for oks in by_language.values() for ok in oks]
    accuracy = sum(correct) / len(correct)
    pairs = [(topic_of(q["entry"], topics), topic) for q, _, topic, _ in results]
    topic_f1, per_topic = macro_f1(pairs)
    unsure = [question["entry"] in offered for question, *_, offered in results if offered]
    lines = [f"{'language':10} {'questions':>9} {'entry accuracy':>15}"]
    for language, oks in sorted(by_language.items()):
        lines.append(f"{language:10} {len(oks):9d} {sum(oks) / len(oks):15.3f}")
    lines.append(f"{'all':10} {len(correct):9d} {accuracy:15.3f}")
    lines.append(f"Asked to choose between two answers: {len(unsure)}, the right one offered: {sum(unsure)}")
    lines.append("")
    lines.append(f"{'topic':28} {'f1':>6}")
    lines += [f"{topic:28} {score:6.3f}" for topic, score in sorted(per_topic.items(), key=lambda i: i[1])]
    lines.append(f"{'topic macro-F1':28} {topic_f1:6.3f}")
    lines.append("")
    lines.append("Confusions (expected entry -> chosen entry: count):")
    lines += [f"  {e} -> {c}: {n}" for (e, c), n in confusions.most_common()] or ["  none"]
    per_language = {language: sum(oks) / len(oks) for language, oks in by_language.items()}
    return {**per_language, "all": accuracy}, topic_f1, lines


def main() -> int:
    """Command line: parsed questions, targets."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("parsed", type=Path)
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge")
    parser.add_argument("--min-accuracy", type=float, default=0.9, help="entry accuracy in every language")
    parser.add_argument(
        "--min-language-accuracy",
        action="append",
        default=[],
        metavar="LANGUAGE=SHARE",
        help="another floor for one language, e.g. de=0.95",
    )
    parser.add_argument("--min-topic-f1", type=float, default=0.95)
    args = parser.parse_args()
    parsed = json.loads(args.parsed.read_text(encoding="utf-8"))
    topics = {topic_file.topic.slug for topic_file in read_knowledge(args.knowledge)}
    accuracy, topic_f1, lines = report(decide(parsed, args.knowledge), topics)
    print("\n".join(lines))
    floors = {language: args.min_accuracy for language in accuracy if language != "all"}
    floors.update({item.split("=")[0]: float(item.split("=")[1]) for item in args.min_language_accuracy})
    below = [
        f"{code} {accuracy[code]:.3f} < {floor:.2f}"
        for code, floor in floors.items()
        if accuracy[code] < floor
    ]
    failed = bool(below) or topic_f1 < args.min_topic_f1
    verdict = "FAILED" if failed else "ok"
    summary = f"entry accuracy {accuracy['all']:.3f}, topic macro-F1 {topic_f1:.3f}"
    print(f"{verdict}: {summary} (topic target {args.min_topic_f1:.2f})")
    for line in below:
        print(f"  entry accuracy below its floor: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
