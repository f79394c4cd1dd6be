"""`make cluster` with 1 and 2 instances behind nginx, beside the single process (`make run`) and a vanilla
`rasa init` bot, in one run: turns per second and p95 at 20 and 100 senders.

Needs the trained model, PostgreSQL, Redis and nginx on this machine (as the cluster tests); prints a table.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
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


def measure_loads(url: str, questions: list[str]) -> dict[str, Load]:
    """Warm up, then each load of LOADS."""
    asyncio.run(load(url, questions, 4, 3))
    return {name: asyncio.run(load(url, questions, *shape)) for name, shape in LOADS.items()}


def measure_single(workdir: Path) -> dict[str, Load]:
    """The bot as `make run` starts it: one Rasa server and one action server, no nginx."""
    stack = Stack(workdir, **UNLIMITED_SENDERS)
    try:
        stack.start()
        return measure_loads(f"{stack.rasa_url}/webhooks/rest/webhook", QUESTIONS)
    finally:
        stack.stop()


def measure_vanilla(workdir: Path) -> dict[str, Load]:
    """A vanilla `rasa init` bot under the same loads (its own questions)."""
    with vanilla_bot(workdir) as bot:
        return measure_loads(bot["url"], VANILLA_QUESTIONS)


def measure(size: int, workdir: Path) -> dict[str, Load]:
    """Start a cluster of `size` instances, warm it up, then each load of LOADS."""
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
    cluster = Cluster(settings, workdir, ports[:size], ports[size:])
    url = f"{cluster.url}/webhooks/rest/webhook"
    try:
        cluster.start()
        return measure_loads(url, QUESTIONS)
    finally:
        cluster.stop()


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
    """Measure the single process, 1 and 2 instances and the vanilla bot in turn; print the table."""
    results = {}
    with tempfile.TemporaryDirectory() as temporary:
        results["single process"] = measure_single(Path(temporary) / "single")
        for size in (1, 2):
            results[f"{size} instance{'s' if size > 1 else ''} behind nginx"] = measure(
                size, Path(temporary) / str(size)
            )
            print(f"measured {size} instance(s)", file=sys.stderr, flush=True)
        results["vanilla `rasa init`"] = measure_vanilla(Path(temporary) / "vanilla")
    print(table(results))
    print(ratios(results))


if __name__ == "__main__":
    main()
