"""`make cluster` with 1 and 2 instances behind nginx, beside the single process (`make run`) and a vanilla
`rasa init` bot, in one run: turns per second and p95 at 20 and 100 senders.

All four run at once and are measured in turn, ROUNDS times; each cell is the median of its rounds. This
machine's speed drifts by a fifth within minutes (the vanilla bot measured alone in one block gave 29 and 36
turns/s in two runs); measured one block after the other, a drift between two blocks became a ratio.

Needs the trained model, PostgreSQL, Redis and nginx on this machine (as the cluster tests); prints a table.
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.load import UNLIMITED_SENDERS, Load, load  # noqa: E402
from benchmarks.run import VANILLA_QUESTIONS, vanilla_bot  # noqa: E402
from bot.cluster import Cluster  # noqa: E402
from bot.settings import Settings  # noqa: E402
from tests.stack import Stack, free_port  # noqa: E402

QUESTIONS = [
    "Was ist HSU?",
    "Wie viele Mitglieder hat der Integrationsrat?",
    "Wer darf ihn wählen?",
    "Hallo",
    "What is the Integrationsrat?",
    "Wann ist die nächste Wahl?",
]
DATABASE = "postgresql://postgres@127.0.0.1:5432/cluster_bench"
# 600 turns per load: with 200 (about 2 s at 100 turns/s) one run's ratios differed by half from the next's.
LOADS = {"20 senders": (20, 30), "100 senders": (100, 6)}
ROUNDS = 3


def measure_loads(url: str, questions: list[str]) -> dict[str, Load]:
    """Warm up, then each load of LOADS."""
    asyncio.run(load(url, questions, 4, 3))
    return {name: asyncio.run(load(url, questions, *shape)) for name, shape in LOADS.items()}


@contextlib.contextmanager
def single_process(workdir: Path) -> Iterator[str]:
    """The bot as `make run` starts it (one Rasa server and one action server, no nginx): its REST url."""
    stack = Stack(workdir, **UNLIMITED_SENDERS)
    try:
        stack.start()
        yield f"{stack.rasa_url}/webhooks/rest/webhook"
    finally:
        stack.stop()


@contextlib.contextmanager
def cluster(size: int, workdir: Path) -> Iterator[str]:
    """A cluster of `size` instances behind nginx on the shared stores: its REST url."""
    settings = Settings(
        knowledge_database_url=DATABASE.replace("postgresql://", "postgresql+psycopg://"),
        tracker_store_url=DATABASE,
        lock_store_url="redis://127.0.0.1:6379/6",
        event_broker_url="",
        **UNLIMITED_SENDERS,
        api_token="bench-token",
        widget_port=free_port(),
        cluster_port=free_port(),
    )
    ports = [free_port() for _ in range(2 * size)]
    running = Cluster(settings, workdir, ports[:size], ports[size:])
    try:
        running.start()
        yield f"{running.url}/webhooks/rest/webhook"
    finally:
        running.stop()


def median_loads(rounds: list[dict[str, Load]]) -> dict[str, Load]:
    """Per load, the median of each measure over the rounds."""
    return {
        name: Load(
            statistics.median(r[name].p50_ms for r in rounds),
            statistics.median(r[name].p95_ms for r in rounds),
            statistics.median(r[name].turns_per_second for r in rounds),
        )
        for name in LOADS
    }


def table(results: dict[str, dict[str, Load]]) -> str:
    """One column per cluster size: turns per second and p95 at each load."""
    lines = ["| measure | " + " | ".join(results) + " |", "|---" * (len(results) + 1) + "|"]
    for name in LOADS:
        lines.append(
            f"| {name}: turns/s | "
            + " | ".join(f"{r[name].turns_per_second:.1f}" for r in results.values())
            + " |"
        )
        lines.append(
            f"| {name}: p95 (ms) | " + " | ".join(f"{r[name].p95_ms:.0f}" for r in results.values()) + " |"
        )
    return "\n".join(lines)


def ratios(results: dict[str, dict[str, Load]]) -> str:
    """The ratios the scale-out issue asks for, at 20 senders."""
    rate = {name: result["20 senders"].turns_per_second for name, result in results.items()}
    two, one = rate["2 instances behind nginx"], rate["1 instance behind nginx"]
    vanilla, single = rate["vanilla `rasa init`"], rate["single process"]
    return (
        f"At 20 senders: 2 instances / 1 instance {two / one:.2f}×, "
        f"2 instances / vanilla {two / vanilla:.2f}×, single process / vanilla {single / vanilla:.2f}×"
    )


def main() -> None:
    """Start the single process, 1 and 2 instances and the vanilla bot; measure them in turn ROUNDS times."""
    with tempfile.TemporaryDirectory() as temporary, contextlib.ExitStack() as running:
        workdir = Path(temporary)
        bots = {
            "single process": (running.enter_context(single_process(workdir / "single")), QUESTIONS),
            "1 instance behind nginx": (running.enter_context(cluster(1, workdir / "1")), QUESTIONS),
            "2 instances behind nginx": (running.enter_context(cluster(2, workdir / "2")), QUESTIONS),
            "vanilla `rasa init`": (
                running.enter_context(vanilla_bot(workdir / "vanilla"))["url"],
                VANILLA_QUESTIONS,
            ),
        }
        rounds: dict[str, list[dict[str, Load]]] = {name: [] for name in bots}
        for number in range(ROUNDS):
            for name, (url, questions) in bots.items():
                rounds[name].append(measure_loads(url, questions))
            print(f"round {number + 1} of {ROUNDS} measured", file=sys.stderr, flush=True)
    results = {name: median_loads(measured) for name, measured in rounds.items()}
    print(table(results))
    print(ratios(results))
    rates = [
        f"{name}: " + ", ".join(f"{r['20 senders'].turns_per_second:.0f}" for r in measured)
        for name, measured in rounds.items()
    ]
    print("Turns/s at 20 senders in each round: " + "; ".join(rates))


if __name__ == "__main__":
    main()
