"""Rate limits of the web channels: a refused sender is held back until it may send again."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from bot.channels import limits
from bot.channels.limits import MAX_HELD_REFUSALS, Admission
from bot.ratelimit import Verdict
from bot.settings import Settings

SETTINGS = replace(
    Settings(),
    sender_rate_burst=2,
    sender_rate_per_second=0.5,
    refusal_hold_seconds=5.0,
    rate_limit_exempt="",
)


@pytest.fixture
def waits(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The seconds each held refusal waited (asyncio.sleep recorded, not slept)."""
    recorded: list[float] = []

    async def sleep(seconds: float) -> None:
        recorded.append(seconds)

    monkeypatch.setattr(limits.asyncio, "sleep", sleep)
    return recorded


def test_a_refused_sender_waits_until_it_may_send_again(waits: list[float]) -> None:
    admission = Admission(SETTINGS)
    verdicts = [admission.check("flooder", "10.0.0.1") for _ in range(3)]
    assert verdicts == [Verdict.ALLOW, Verdict.ALLOW, Verdict.WARN]
    asyncio.run(admission.hold_refusal("flooder", "10.0.0.1"))
    assert waits and 1.9 < waits[0] <= 2.0  # one message per two seconds
    asyncio.run(admission.hold_refusal("resident", "10.0.0.2"))
    assert len(waits) == 1  # a sender within its limit is never held


def test_the_hold_is_capped_by_the_setting(waits: list[float]) -> None:
    admission = Admission(replace(SETTINGS, refusal_hold_seconds=0.5))
    for _ in range(3):
        admission.check("flooder", "10.0.0.1")
    asyncio.run(admission.hold_refusal("flooder", "10.0.0.1"))
    assert waits == [0.5]


def test_parallel_refusals_of_one_address_are_held_only_up_to_a_limit() -> None:
    admission = Admission(SETTINGS)
    senders = [f"sender-{n}" for n in range(MAX_HELD_REFUSALS + 1)]
    for sender in senders:
        for _ in range(3):
            admission.check(sender, "10.0.0.1")

    async def refuse_all() -> None:
        held = [asyncio.create_task(admission.hold_refusal(s, "10.0.0.1")) for s in senders[:-1]]
        await asyncio.sleep(0)
        assert admission.held["10.0.0.1"] == MAX_HELD_REFUSALS
        one_more = admission.hold_refusal(senders[-1], "10.0.0.1")
        with pytest.raises(StopIteration):  # finished without waiting: refused at once
            one_more.send(None)
        for task in held:
            task.cancel()
        await asyncio.gather(*held, return_exceptions=True)

    asyncio.run(refuse_all())
    assert not admission.held  # cancelled holds are given back
