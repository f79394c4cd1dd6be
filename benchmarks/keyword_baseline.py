"""The answer choice within the right topic: the learnt selector against the keyword matcher it replaced.

Reads the held-out answer questions as `make test-nlu` parsed them (results/answers/parsed.json) and the
keyword lists the knowledge files had before the selector (git history, commit KEYWORD_COMMIT). Only questions
whose answer existed then count. Prints a table per language.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.knowledge.text import words  # noqa: E402

# The last commit with `keywords:` in the knowledge files and the keyword matcher in bot/knowledge/queries.py.
KEYWORD_COMMIT = "8a8202b^"
PARSED = ROOT / "results" / "answers" / "parsed.json"
# Keywords this short matched only a whole word ("wer" must not match "werden"), as in the old matcher.
SHORT_KEYWORD = 3


def git_show(path: str) -> str:
    """A file as it was at KEYWORD_COMMIT."""
    command = ["git", "-C", str(ROOT), "show", f"{KEYWORD_COMMIT}:{path}"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def old_keywords() -> dict[str, list[tuple[str, str | None, list[str]]]]:
    """Per topic, each entry's (slug, facet, keywords) as they were."""
    command = ["git", "-C", str(ROOT), "ls-tree", "--name-only", KEYWORD_COMMIT, "knowledge/"]
    paths = subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()
    topics = {}
    for path in paths:
        data = yaml.safe_load(git_show(path))
        topics[data["topic"]["slug"]] = [
            (entry["slug"], entry.get("facet"), [str(k) for k in entry.get("keywords") or []])
            for entry in data["entries"]
        ]
    return topics


def starts_words(keyword: list[str], text: list[str]) -> bool:
    """Whether the keyword's words start consecutive words of the text (short words must be equal)."""
    size = len(keyword)
    windows = (text[start : start + size] for start in range(len(text) - size + 1))
    return any(all(map(word_matches, keyword, window)) for window in windows)


def word_matches(keyword_word: str, word: str) -> bool:
    """A keyword word matches a word it starts; a short one only the same word."""
    return word == keyword_word if len(keyword_word) <= SHORT_KEYWORD else word.startswith(keyword_word)


def keyword_score(keywords: list[str], text: str) -> tuple[int, int]:
    """The old matcher's score: words and letters of the keywords that start consecutive words of the text."""
    text_words = words(text)
    matched_words = matched_letters = 0
    for keyword in (words(k) for k in keywords):
        if keyword and starts_words(keyword, text_words):
            matched_words += len(keyword)
            matched_letters += sum(len(k) for k in keyword)
    return matched_words, matched_letters


def keyword_choice(entries: list[tuple[str, str | None, list[str]]], text: str) -> str | None:
    """The old matcher's choice: the entry whose keywords match best; no match or a tie gives the overview."""
    overview = next((slug for slug, facet, _ in entries if facet == "overview"), None)
    scored = [(keyword_score(keywords, text), slug) for slug, _, keywords in entries if keywords]
    top = max((score for score, _ in scored), default=(0, 0))
    best = [slug for score, slug in scored if score == top]
    return overview if top == (0, 0) or len(best) != 1 else best[0]


def main() -> None:
    """Print right answers per language for both ways of choosing, given the right topic."""
    if not PARSED.exists():
        sys.exit(f"{PARSED.relative_to(ROOT)} is missing: run `make test-nlu` first")
    topics = old_keywords()
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for question in json.loads(PARSED.read_text(encoding="utf-8")):
        topic = question["file"].removesuffix(".yml")
        if question["entry"] not in {slug for slug, _, _ in topics.get(topic, [])}:
            continue  # an answer added since: the keyword matcher never had it
        ranking = question["parse"]["answer_ranking"].get(topic) or [{"entry": None}]
        for language in (question["language"], "all"):
            counts = tally[language]
            counts[0] += 1
            counts[1] += keyword_choice(topics[topic], question["text"]) == question["entry"]
            counts[2] += ranking[0]["entry"] == question["entry"]
    print("| language | questions | keyword matcher | learnt selector |\n|---|---|---|---|")
    for language in sorted(tally, key=lambda code: (code == "all", code)):
        total, by_keywords, by_selector = tally[language]
        print(f"| {language} | {total} | {by_keywords / total:.3f} | {by_selector / total:.3f} |")


if __name__ == "__main__":
    main()
