"""Redaction time against message size for hostile inputs: linear growth means a stored 300 kB message cannot
hang `review` or the Rasa server (which redacts every message before storing it). Prints a table."""

from __future__ import annotations

import time

from bot.editor.redact import find_and_redact

HOSTILE = {
    "letters without @": "a",
    "hyphenated capitals": "A-",
    "dotted letters": "a.",
    "digits": "0",
    "German text with data": "Ich heiße Erika Muster, Mail erika@example.org, Tel. 0231 1234567. ",
}
SIZES = [8_000, 32_000, 300_000]


def seconds(text: str) -> float:
    """Best of three redaction times."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        find_and_redact(text)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    """Print one row per input kind with the time at each size and the growth from 8 k to 300 k."""
    print(f"| input | {' | '.join(f'{size // 1000} k chars' for size in SIZES)} | 300 k / 8 k |")
    print("|---|" + "---|" * (len(SIZES) + 1))
    for name, unit in HOSTILE.items():
        times = [seconds((unit * (size // len(unit) + 1))[:size]) for size in SIZES]
        cells = " | ".join(f"{value * 1000:.0f} ms" for value in times)
        print(f"| {name} | {cells} | {times[-1] / times[0]:.0f}× (size 38×) |")


if __name__ == "__main__":
    main()
