"""Benchmark the bot beside a vanilla `rasa init` bot: latency, throughput, start-up, training time, memory.

Prints a Markdown table. Everything runs on loopback, with a fixed number of turns, and stops by itself.
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot import processes  # noqa: E402
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


@dataclass
class Load:
    """Result of one load run."""

    p50_ms: float
    p95_ms: float
    turns_per_second: float


async def load(url: str, questions: list[str], senders: int, turns_per_sender: int) -> Load:
    """Send turns from concurrent senders (each sender waits for its reply before the next turn)."""
    latencies: list[float] = []

    async def sender(client: httpx.AsyncClient, number: int) -> None:
        for turn in range(turns_per_sender):
            started = time.perf_counter()
            reply = await client.post(
                url,
                json={"sender": f"bench-{number}", "message": questions[(number + turn) % len(questions)]},
            )
            reply.raise_for_status()
            latencies.append((time.perf_counter() - started) * 1000)

    async with httpx.AsyncClient(timeout=120) as client:
        started = time.perf_counter()
        await asyncio.gather(*(sender(client, n) for n in range(senders)))
        elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return Load(statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))], len(ordered) / elapsed)


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


def measure_load(url: str, questions: list[str]) -> dict[str, Load]:
    """Warm up, then 1 sender x 40 turns and 20 senders x 10 turns."""
    asyncio.run(load(url, questions, 2, 3))
    return {
        "1 sender": asyncio.run(load(url, questions, 1, 40)),
        "20 senders": asyncio.run(load(url, questions, 20, 10)),
    }


def benchmark_ours(workdir: Path) -> dict[str, object]:
    """Our bot: full training time, cold start, load, memory."""
    training = timed(
        [
            str(processes.RASA),
            "train",
            "--force",
            "--out",
            str(workdir / "models"),
            "--fixed-model-name",
            "bench",
        ],
        ROOT,
    )
    workdir.mkdir(parents=True, exist_ok=True)
    stack = Stack(workdir)
    try:
        stack.start()
        cold_start = stack.restart_rasa()
        result = measure_load(f"{stack.rasa_url}/webhooks/rest/webhook", QUESTIONS)
        memory = f"{rss_mb(stack.rasa.pid):.0f} + actions {rss_mb(stack.actions.pid):.0f}"
    finally:
        stack.stop()
    return {"training": training, "cold_start": cold_start, "load": result, "rss": memory}


def benchmark_vanilla(workdir: Path) -> dict[str, object]:
    """A vanilla `rasa init` bot measured the same way."""
    workdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(processes.RASA), "init", "--no-prompt", "--init-dir", str(workdir)],
        env=processes.child_environment(),
        check=True,
        capture_output=True,
    )
    training = timed([str(processes.RASA), "train", "--force", "--out", "models"], workdir)
    settings = Settings(rasa_port=free_port(), action_port=free_port(), api_token="bench")
    command = [
        str(processes.RASA),
        "run",
        "--enable-api",
        "--auth-token",
        "bench",
        "--port",
        str(settings.rasa_port),
        "--interface",
        "127.0.0.1",
        "--model",
        "models",
    ]
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
        cold_start = time.perf_counter() - started
        url = f"http://127.0.0.1:{settings.rasa_port}/webhooks/rest/webhook"
        result = measure_load(url, VANILLA_QUESTIONS)
        memory = f"{rss_mb(rasa.pid):.0f}"
    finally:
        processes.stop(rasa)
    return {"training": training, "cold_start": cold_start, "load": result, "rss": memory}


def table(ours: dict[str, object], vanilla: dict[str, object]) -> str:
    """The results as a Markdown table."""
    rows = [("full training (s)", f"{ours['training']:.0f}", f"{vanilla['training']:.0f}")]
    rows.append(("cold start to ready (s)", f"{ours['cold_start']:.1f}", f"{vanilla['cold_start']:.1f}"))
    for senders in ("1 sender", "20 senders"):
        mine, theirs = ours["load"][senders], vanilla["load"][senders]  # type: ignore[index]
        rows.append(
            (
                f"{senders}: p50 / p95 (ms)",
                f"{mine.p50_ms:.0f} / {mine.p95_ms:.0f}",
                f"{theirs.p50_ms:.0f} / {theirs.p95_ms:.0f}",
            )
        )
        rows.append(
            (f"{senders}: turns per second", f"{mine.turns_per_second:.1f}", f"{theirs.turns_per_second:.1f}")
        )
    rows.append(("RSS after load (MB)", str(ours["rss"]), str(vanilla["rss"])))
    lines = ["| measure | this bot | vanilla `rasa init` |", "|---|---|---|"]
    return "\n".join(lines + [f"| {a} | {b} | {c} |" for a, b, c in rows])


def main() -> None:
    """Run both benchmarks and print the table."""
    with tempfile.TemporaryDirectory() as temporary:
        ours = benchmark_ours(Path(temporary) / "ours")
        print(f"this bot measured: {ours}", flush=True)
        vanilla = benchmark_vanilla(Path(temporary) / "vanilla")
    print(table(ours, vanilla))


if __name__ == "__main__":
    main()
