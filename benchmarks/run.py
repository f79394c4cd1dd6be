"""Benchmark the bot beside a vanilla `rasa init` bot: latency and throughput (fresh and long conversations),
start-up, training time, memory.

Prints a Markdown table. Everything runs on loopback, with a fixed number of turns, and stops by itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.load import UNLIMITED_SENDERS, Load, load, long_conversations  # noqa: E402
from bot import processes  # noqa: E402
from bot.knowledge.rasa_data import rasa_file_arguments  # noqa: E402
from bot.settings import Settings  # noqa: E402
from tests.stack import Stack, free_port  # noqa: E402

QUESTIONS = [
    "Was ist HSU?",
    "Wie viele Mitglieder hat der Integrationsrat?",
    "Wer kann Fördermittel für ein Integrationsprojekt beantragen?",
    "Gibt es Zuschüsse für Fassaden in Huckarde-Nord?",
    "Wann ist die IGA 2027?",
    "Welche Partnerstädte hat Dortmund?",
    "Hallo",
    "Wie wird das Wetter morgen?",
]
VANILLA_QUESTIONS = ["hello", "I am sad", "yes", "bye", "are you a bot?", "great", "no", "hi"]


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (from /proc)."""
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except FileNotFoundError:
            continue
        pids.extend(int(child) for child in children)
    return total / 1024


def timed(command: list[str], cwd: Path) -> float:
    """Run a command to completion; return its wall-clock seconds."""
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=processes.child_environment(), check=True, capture_output=True)
    return time.perf_counter() - started


LONG_TURNS, LONG_MEASURED = 300, 50  # each long conversation's length; its last turns are timed


def measure_load(url: str, questions: list[str], long: bool = True) -> dict[str, Load]:
    """Warm up, then 1 sender x 40 turns, 20 senders x 20 turns and (if `long`) 20 long conversations."""
    asyncio.run(load(url, questions, 2, 3))
    result = {
        "1 sender": asyncio.run(load(url, questions, 1, 40)),
        "20 senders": asyncio.run(load(url, questions, 20, 20)),
    }
    if long:
        result["long"] = asyncio.run(long_conversations(url, questions, 20, LONG_TURNS, LONG_MEASURED))
    return result


class RasaAsShippedStack(Stack):
    """This bot on plain `rasa run` with Rasa's own SQL tracker store: without bot.rasa_server and
    bot.tracker_store, to show what they change."""

    def __init__(self, workdir: Path) -> None:
        """The stack's endpoints with Rasa's tracker store type."""
        super().__init__(workdir, **UNLIMITED_SENDERS)
        config = yaml.safe_load(self.endpoints.read_text())
        config["tracker_store"]["type"] = "SQL"
        self.endpoints.write_text(yaml.safe_dump(config))

    def rasa_command(self) -> list[str]:
        """`rasa run` with the same arguments."""
        command = super().rasa_command()
        return [str(processes.RASA), *command[command.index("run") :]]


def measure_stack(stack: Stack, long: bool = True) -> dict[str, object]:
    """Start a stack, restart Rasa for the cold start, then load (long conversations if `long`) and memory."""
    try:
        stack.start()
        cold_start = stack.restart_rasa()
        result = measure_load(f"{stack.rasa_url}/webhooks/rest/webhook", QUESTIONS, long)
        assert stack.rasa and stack.actions
        memory = f"{rss_mb(stack.rasa.pid):.0f} + actions {rss_mb(stack.actions.pid):.0f}"
    finally:
        stack.stop()
    return {"cold_start": cold_start, "load": result, "rss": memory}


def benchmark_ours(workdir: Path) -> dict[str, object]:
    """Our bot: full training time, cold start, load, memory."""
    training = timed(
        [
            str(processes.RASA),
            "train",
            *rasa_file_arguments(ROOT, ROOT / "var" / "rasa"),
            "--force",
            "--out",
            str(workdir / "models"),
            "--fixed-model-name",
            "bench",
        ],
        ROOT,
    )
    workdir.mkdir(parents=True, exist_ok=True)
    return {"training": training, **measure_stack(Stack(workdir, **UNLIMITED_SENDERS))}


def benchmark_as_shipped(workdir: Path) -> dict[str, object]:
    """This bot's model and action server on Rasa as shipped (training is the same)."""
    workdir.mkdir(parents=True, exist_ok=True)
    # no long conversations: issue 14 has its figures (11 turns/s at turn 225); they would add 10+ minutes
    return {"training": None, **measure_stack(RasaAsShippedStack(workdir), long=False)}


@contextlib.contextmanager
def vanilla_bot(workdir: Path) -> Iterator[dict[str, Any]]:
    """A vanilla `rasa init` bot, trained and serving: its url, process, training time and cold start."""
    workdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(processes.RASA), "init", "--no-prompt", "--init-dir", str(workdir)],
        env=processes.child_environment(),
        check=True,
        capture_output=True,
    )
    training = timed([str(processes.RASA), "train", "--force", "--out", "models"], workdir)
    settings = Settings(rasa_port=free_port(), action_port=free_port(), api_token="bench")
    command = [str(processes.RASA), "run", "--enable-api", "--auth-token", "bench"]
    command += ["--port", str(settings.rasa_port), "--interface", "127.0.0.1", "--model", "models"]
    started = time.perf_counter()
    rasa = subprocess.Popen(
        command,
        cwd=workdir,
        env=processes.child_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        processes.wait_until(lambda: processes.rasa_server_ready(settings), rasa, 180, "vanilla Rasa")
        url = f"http://127.0.0.1:{settings.rasa_port}/webhooks/rest/webhook"
        yield {"url": url, "process": rasa, "training": training, "cold_start": time.perf_counter() - started}
    finally:
        processes.stop(rasa)


def benchmark_vanilla(workdir: Path) -> dict[str, object]:
    """A vanilla `rasa init` bot measured the same way."""
    with vanilla_bot(workdir) as bot:
        result = measure_load(bot["url"], VANILLA_QUESTIONS, long=False)
        memory = f"{rss_mb(bot['process'].pid):.0f}"
    return {"training": bot["training"], "cold_start": bot["cold_start"], "load": result, "rss": memory}


MEASURES = [
    "full training (s)",
    "cold start to ready (s)",
    "1 sender: p50 / p95 (ms)",
    "1 sender: turns per second",
    "20 senders: p50 / p95 (ms)",
    "20 senders: turns per second",
    f"long conversations (20 senders, turns {LONG_TURNS - LONG_MEASURED + 1}–{LONG_TURNS}): p50 / p95 (ms)",
    "long conversations: turns per second",
    "long conversations vs 20 senders fresh: turns per second / p95",
    "RSS after load (MB)",
]


def long_cells(fresh: Load, long: Load | None) -> list[str]:
    """The long conversations' figures and their ratio to fresh ones; dashes where not measured."""
    if long is None:
        return ["–", "–", "–"]
    throughput = 100 * long.turns_per_second / fresh.turns_per_second
    ratio = f"{throughput:.0f} % / {long.p95_ms / fresh.p95_ms:.2f}×"
    return [f"{long.p50_ms:.0f} / {long.p95_ms:.0f}", f"{long.turns_per_second:.1f}", ratio]


def column(result: dict[str, Any]) -> list[str]:
    """One bot's results, in the order of MEASURES."""
    one, twenty = result["load"]["1 sender"], result["load"]["20 senders"]
    return [
        "same" if result["training"] is None else f"{result['training']:.0f}",
        f"{result['cold_start']:.1f}",
        f"{one.p50_ms:.0f} / {one.p95_ms:.0f}",
        f"{one.turns_per_second:.1f}",
        f"{twenty.p50_ms:.0f} / {twenty.p95_ms:.0f}",
        f"{twenty.turns_per_second:.1f}",
        *long_cells(twenty, result["load"].get("long")),
        str(result["rss"]),
    ]


def table(columns: dict[str, dict[str, Any]]) -> str:
    """The results as a Markdown table, one column per bot."""
    values = [column(result) for result in columns.values()]
    lines = ["| measure | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    rows = zip(MEASURES, *values, strict=True)
    lines += [f"| {name} | " + " | ".join(cells) + " |" for name, *cells in rows]
    return "\n".join(lines)


def main() -> None:
    """Run the three benchmarks and print the table."""
    columns: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as temporary:
        columns["this bot"] = benchmark_ours(Path(temporary) / "ours")
        print(f"this bot measured: {columns['this bot']}", flush=True)
        columns["this bot on Rasa as shipped"] = benchmark_as_shipped(Path(temporary) / "shipped")
        print(f"as shipped measured: {columns['this bot on Rasa as shipped']}", flush=True)
        columns["vanilla `rasa init`"] = benchmark_vanilla(Path(temporary) / "vanilla")
    print(table(columns))


if __name__ == "__main__":
    main()
