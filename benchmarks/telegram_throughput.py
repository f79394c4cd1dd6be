"""Messages per second and reply latency through the Telegram gateway, beside Rasa's REST channel alone.

Starts the stack (action server + Rasa with the trained model, as the tests do), the Bot API stand-in of the
tests and the real gateway process, all on loopback. Each simulated chat asks one question at a time and waits
for the complete answer; every question comes from a fresh chat (or REST sender), so each answer is known in
advance. A fixed number of messages per run; the script stops by itself.

    .venv/app/bin/python benchmarks/telegram_throughput.py [--chats 50] [--messages 300]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.telegram.texts import UNAVAILABLE  # noqa: E402
from tests.stack import Stack  # noqa: E402
from tests.telegram.gateway import GatewayProcess  # noqa: E402
from tests.telegram.standin import BotApiStandIn  # noqa: E402

QUESTIONS = [
    "Was ist HSU?",
    "In welchen Sprachen gibt es herkunftssprachlichen Unterricht?",
    "Wer sitzt im Integrationsrat?",
    "Wann wurde der Integrationsrat gewählt?",
    "Wer kann Fördermittel für Integrationsprojekte beantragen?",
    "Was ist KOMM-AN NRW?",
    "Was ist das Hof- und Fassadenprogramm in Huckarde?",
    "Was ist der Zukunftsgarten der IGA 2027?",
    "Welche Spiele der EURO 2024 waren in Dortmund?",
    "Welche Partnerstädte hat Dortmund?",
    "Was ist MigraDO?",
    "Was speichert der Chatbot?",
]
REPLY_TIMEOUT = 60.0


@dataclass
class Result:
    """One measured run."""

    path: str
    chats: int
    latencies: list[float]
    seconds: float
    errors: int
    cpu_seconds: float | None = None  # the gateway process's CPU time during the run

    def row(self) -> str:
        """A table row."""
        ordered = sorted(self.latencies) or [float("nan")]
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        rate = len(self.latencies) / self.seconds if self.seconds else 0.0
        cpu = (
            f"{self.cpu_seconds * 1000 / len(self.latencies):.1f}"
            if self.cpu_seconds and self.latencies
            else "-"
        )
        return (
            f"| {self.path:<20} | {self.chats:>5} | {len(self.latencies):>8} | {rate:>7.1f} "
            f"| {statistics.median(ordered) * 1000:>7.0f} | {p95 * 1000:>7.0f} | {self.errors:>6} "
            f"| {cpu:>10} |"
        )


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def expected_reply_counts(stack: Stack) -> dict[str, int]:
    """How many messages Rasa answers to each question in a fresh conversation (also warms Rasa up)."""
    return {question: len(stack.send(question, f"bench-probe-{n}")) for n, question in enumerate(QUESTIONS)}


def run_rest(stack: Stack, chats: int, messages: int) -> Result:
    """`chats` concurrent REST senders, `messages` questions in all, each from a fresh sender."""
    latencies: list[float] = []
    errors = 0
    counter = itertools.count()

    async def sender(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while (n := next(counter)) < messages:
            started = time.perf_counter()
            try:
                reply = await client.post(
                    "/webhooks/rest/webhook",
                    json={"sender": f"bench-rest-{n}", "message": QUESTIONS[n % len(QUESTIONS)]},
                )
                reply.raise_for_status()
                latencies.append(time.perf_counter() - started)
            except httpx.HTTPError:
                errors += 1

    async def main() -> float:
        limits = httpx.Limits(max_connections=chats)
        async with httpx.AsyncClient(base_url=stack.rasa_url, limits=limits, timeout=REPLY_TIMEOUT) as client:
            started = time.perf_counter()
            await asyncio.gather(*(sender(client) for _ in range(chats)))
            return time.perf_counter() - started

    seconds = asyncio.run(main())
    return Result("REST channel alone", chats, latencies, seconds, errors)


def _turn_over(api: BotApiStandIn, chat_id: int, expected: int) -> list[str]:
    """The texts sent to the chat once its answer is complete or the gateway gave up; else []."""
    sent = api.sent_texts(chat_id)
    return sent if len(sent) >= expected or UNAVAILABLE in sent else []


def run_gateway(
    gateway: GatewayProcess, counts: dict[str, int], chats: int, messages: int, first_chat: int
) -> Result:
    """`chats` simultaneous Telegram chats through the gateway, `messages` questions in all."""
    api = gateway.api
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = itertools.count()

    def chat_worker(_: int) -> None:
        nonlocal errors
        while (n := next(counter)) < messages:
            chat_id, question = first_chat + n, QUESTIONS[n % len(QUESTIONS)]
            expected = max(1, counts[question])
            started = time.monotonic()
            api.send_text(chat_id, question)
            try:
                sent = api.wait_for(lambda c=chat_id, e=expected: _turn_over(api, c, e), REPLY_TIMEOUT)
            except AssertionError:
                sent = []
            with lock:
                if not sent or UNAVAILABLE in sent:
                    errors += 1
                else:
                    latencies.append(api.calls_of("sendMessage", chat_id)[expected - 1].at - started)

    assert gateway.process is not None
    cpu_before, started = cpu_seconds(gateway.process.pid), time.monotonic()
    with ThreadPoolExecutor(max_workers=chats) as pool:
        list(pool.map(chat_worker, range(chats)))
    seconds, cpu = time.monotonic() - started, cpu_seconds(gateway.process.pid) - cpu_before
    return Result("Telegram gateway", chats, latencies, seconds, errors, cpu)


def measure(label: str, run: Callable[[], Result]) -> Result:
    """Run one measurement and say so."""
    print(f"... {label}", flush=True)
    return run()


def main() -> int:
    """Start everything, measure, print the table, stop everything."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=50, help="simultaneous chats / REST senders")
    parser.add_argument("--messages", type=int, default=300, help="questions per run")
    parser.add_argument(
        "--rasa-timeout",
        default="60",
        help="the gateway's RASA_TIMEOUT (production: 10 s; 60 s = the REST client's)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="telegram-bench-") as workdir:
        stack = Stack(Path(workdir))
        api = BotApiStandIn().start()
        gateway = GatewayProcess(api, stack.rasa_url, Path(workdir), RASA_TIMEOUT=args.rasa_timeout)
        try:
            print("Starting the stack (action server, Rasa) ...", flush=True)
            stack.start()
            gateway.start()
            counts = expected_reply_counts(stack)
            warmup = measure("warm-up", lambda: run_gateway(gateway, counts, 10, 20, first_chat=10_000))
            if warmup.errors:
                raise RuntimeError(f"gateway warm-up failed:\n{gateway.log()[-2000:]}")
            results = [
                measure("REST, 1 sender", lambda: run_rest(stack, 1, 30)),
                measure("gateway, 1 chat", lambda: run_gateway(gateway, counts, 1, 30, first_chat=20_000)),
                measure(f"REST, {args.chats} senders", lambda: run_rest(stack, args.chats, args.messages)),
                measure(
                    f"gateway, {args.chats} chats",
                    lambda: run_gateway(gateway, counts, args.chats, args.messages, first_chat=30_000),
                ),
            ]
        finally:
            gateway.stop()
            api.stop()
            stack.stop()

    print()
    print("| path                 | chats | answered |   msg/s |  p50 ms |  p95 ms | errors | CPU ms/msg |")
    print("|----------------------|------:|---------:|--------:|--------:|--------:|-------:|-----------:|")
    for result in results:
        print(result.row())
    print(
        "\nLatency: question sent → last reply message (gateway: as recorded by the Bot API stand-in; "
        "REST: HTTP response). Each question from a fresh chat/sender. Errors: no answer, or the gateway's "
        f"'not reachable' message (gateway RASA_TIMEOUT={args.rasa_timeout} s). CPU: the gateway process's."
    )
    return 0 if not any(result.errors for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
