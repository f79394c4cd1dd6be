"""Soak test: 20 residents for 10 minutes with one flooding sender beside them, and a run without the flood.

Targets (issue 12): 0 errors for the residents, their p95 within 1.5x of the run without the flood, memory
growth of each server under 10 % over the flooded run. Prints Markdown tables; `--minutes 1` for a quick try.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import QUESTIONS, rss_mb  # noqa: E402
from tests.stack import Stack, running_stack  # noqa: E402

RESIDENTS = 20
# A resident reads the answer before writing again: 2.5 s keeps each under the per-sender limit (0.5/s).
THINK_SECONDS = 2.5
TURNS_PER_CONVERSATION = 10  # then the resident starts a new conversation, as residents do
FLOOD_CONNECTIONS = 2
P95_FACTOR, MEMORY_GROWTH = 1.5, 0.10


@dataclass
class Run:
    """What the residents saw during one run."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    def percentile(self, share: float) -> float:
        """A latency percentile in ms (0 when nothing was measured)."""
        ordered = sorted(self.latencies_ms)
        return ordered[int(share * (len(ordered) - 1))] if ordered else 0.0


async def resident(client: httpx.AsyncClient, url: str, number: int, until: float, run: Run) -> None:
    """One resident asking questions in conversations of TURNS_PER_CONVERSATION turns until `until`."""
    turn = 0
    while time.monotonic() < until:
        sender = f"soak-{uuid.uuid4().hex[:8]}-{number}"
        for _ in range(TURNS_PER_CONVERSATION):
            started = time.perf_counter()
            try:
                reply = await client.post(
                    url, json={"sender": sender, "message": QUESTIONS[(number + turn) % len(QUESTIONS)]}
                )
                answered = reply.status_code == 200 and any(m.get("text") for m in reply.json())
            except (httpx.HTTPError, ValueError):
                answered = False
            run.latencies_ms.append((time.perf_counter() - started) * 1000)
            run.errors += not answered
            turn += 1
            await asyncio.sleep(THINK_SECONDS)
            if time.monotonic() >= until:
                return


async def residents(url: str, minutes: float) -> Run:
    """RESIDENTS residents for `minutes`, starting spread over one think time."""
    run = Run()
    until = time.monotonic() + minutes * 60

    async def staggered(client: httpx.AsyncClient, number: int) -> None:
        await asyncio.sleep(THINK_SECONDS * number / RESIDENTS)
        await resident(client, url, number, until, run)

    started = time.monotonic()
    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=RESIDENTS)) as client:
        await asyncio.gather(*(staggered(client, n) for n in range(RESIDENTS)))
    run.seconds = time.monotonic() - started
    return run


async def flood_async(url: str, stop: Any, counts: dict) -> None:
    """One sender posting as fast as the server answers, on FLOOD_CONNECTIONS connections."""

    async def connection(client: httpx.AsyncClient) -> None:
        while not stop.is_set():
            try:
                reply = await client.post(url, json={"sender": "soak-flooder", "message": "Hallo"})
                counts[reply.status_code] = counts.get(reply.status_code, 0) + 1
            except httpx.HTTPError:
                counts["error"] = counts.get("error", 0) + 1

    async with httpx.AsyncClient(timeout=60) as client:
        await asyncio.gather(*(connection(client) for _ in range(FLOOD_CONNECTIONS)))


def flood(url: str, stop: Any, counts: dict) -> None:
    """The flooding sender, in its own process so that it does not slow down the residents' client."""
    local: dict = {}
    asyncio.run(flood_async(url, stop, local))
    counts.update(local)


def memory(stack: Stack) -> dict[str, float]:
    """Resident memory of each server in MB."""
    assert stack.rasa and stack.actions
    return {"Rasa server": rss_mb(stack.rasa.pid), "action server": rss_mb(stack.actions.pid)}


def soak(stack: Stack, minutes: float, baseline_minutes: float) -> dict:
    """Warm up, run without the flood, then with it; memory after the warm-up, before and after the flood."""
    url = f"{stack.rasa_url}/webhooks/rest/webhook"
    asyncio.run(residents(url, 0.5))
    warm = memory(stack)
    baseline = asyncio.run(residents(url, baseline_minutes))
    before = memory(stack)
    with multiprocessing.Manager() as manager:
        counts, stop = manager.dict(), multiprocessing.Event()
        flooder = multiprocessing.Process(target=flood, args=(url, stop, counts))
        flooder.start()
        flooded = asyncio.run(residents(url, minutes))
        stop.set()
        flooder.join(60)
        flood_counts = dict(counts)
    runs = {"without flood": baseline, "with flood": flooded}
    return {"runs": runs, "flood": flood_counts, "memory": (warm, before, memory(stack))}


def report(result: dict) -> str:
    """The results as Markdown tables, with each target and whether it was met."""
    runs, (warm, before, after) = result["runs"], result["memory"]
    lines = [
        "| run | minutes | turns | errors | p50 (ms) | p95 (ms) | turns/s |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, run in runs.items():
        turns = len(run.latencies_ms)
        lines.append(
            f"| {name} | {run.seconds / 60:.1f} | {turns} | {run.errors} | {run.percentile(0.5):.0f}"
            f" | {run.percentile(0.95):.0f} | {turns / max(run.seconds, 1e-9):.1f} |"
        )
    counts = result["flood"]
    refused, total = counts.get(429, 0), sum(counts.values())
    lines.append(f"\nFlooding sender: {total} requests, {refused} refused with 429, statuses {counts}.\n")
    lines += ["| server | RSS MB: warmed up | flood begins | flood ends | growth |", "|---" * 5 + "|"]
    growths = []
    for name in before:
        growths.append(after[name] / before[name] - 1)
        memory_mb = f"{warm[name]:.0f} | {before[name]:.0f} | {after[name]:.0f}"
        lines.append(f"| {name} | {memory_mb} | {growths[-1]:+.1%} |")
    flooded = runs["with flood"]
    ratio = flooded.percentile(0.95) / max(runs["without flood"].percentile(0.95), 1e-9)
    lines += [
        "",
        f"- residents' errors with the flood: {flooded.errors} (target 0)",
        f"- p95 with / without the flood: {ratio:.2f}x (target <= {P95_FACTOR}x)",
        f"- largest memory growth: {max(growths):+.1%} (target < {MEMORY_GROWTH:.0%})",
    ]
    return "\n".join(lines)


def main() -> None:
    """Start a stack with SQLite stores, soak it and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--minutes", type=float, default=10.0, help="length of the run with the flood")
    parser.add_argument("--baseline-minutes", type=float, default=None, help="without flood (default: same)")
    args = parser.parse_args()
    baseline = args.minutes if args.baseline_minutes is None else args.baseline_minutes
    with tempfile.TemporaryDirectory() as temporary, running_stack(Path(temporary)) as stack:
        result = soak(stack, args.minutes, baseline)
    print(report(result))


if __name__ == "__main__":
    main()
