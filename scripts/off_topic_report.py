"""How many held-out off-topic questions per language get no knowledge answer; exits 1 below the target.

Reads the output of scripts/parse_questions.py for tests/nlu/off_topic/ (questions under `out_of_scope`).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from answer_report import NO_ANSWER, ROOT, decide


def main() -> int:
    """Command line: print the share kept out per language, fail below --min-kept."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("parsed", type=Path)
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge")
    parser.add_argument("--min-kept", type=float, default=0.9)
    args = parser.parse_args()
    kept: dict[str, list[bool]] = defaultdict(list)
    for question, entry, _, _ in decide(json.loads(args.parsed.read_text(encoding="utf-8")), args.knowledge):
        kept[question["language"]].append(entry == NO_ANSWER)
    print(f"{'language':10} {'questions':>9} {'kept out':>9}")
    for language, flags in sorted(kept.items()):
        print(f"{language:10} {len(flags):9d} {sum(flags) / len(flags):9.3f}")
    below = [language for language, flags in kept.items() if sum(flags) / len(flags) < args.min_kept]
    if below:
        print(f"Below {args.min_kept:.0%} kept out: {', '.join(sorted(below))}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
