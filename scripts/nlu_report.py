"""Print the per-intent report of `rasa test nlu` and fail when intent macro-F1 is below the target."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def report_lines(report: dict) -> list[str]:
    """A table of precision, recall, F1 and support per intent, worst F1 first."""
    intents = {name: row for name, row in report.items() if isinstance(row, dict) and "support" in row}
    averages = {
        name: intents.pop(name) for name in ("macro avg", "weighted avg", "micro avg") if name in intents
    }
    lines = [f"{'intent':32} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>7}"]
    for name, row in sorted(intents.items(), key=lambda item: item[1]["f1-score"]):
        scores = f"{row['precision']:9.3f} {row['recall']:7.3f} {row['f1-score']:6.3f}"
        lines.append(f"{name:32} {scores} {row['support']:7d}")
    for name, row in averages.items():
        lines.append(f"{name:32} {row['precision']:9.3f} {row['recall']:7.3f} {row['f1-score']:6.3f}")
    return lines


def main() -> int:
    """Command line: report path and minimum macro-F1."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("report", type=Path)
    parser.add_argument("--min-macro-f1", type=float, default=0.90)
    args = parser.parse_args()
    report = json.loads(args.report.read_text())
    print("\n".join(report_lines(report)))
    macro_f1 = report["macro avg"]["f1-score"]
    if macro_f1 < args.min_macro_f1:
        print(f"FAILED: intent macro-F1 {macro_f1:.3f} is below {args.min_macro_f1:.2f}", file=sys.stderr)
        return 1
    print(f"ok: intent macro-F1 {macro_f1:.3f} (target {args.min_macro_f1:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
