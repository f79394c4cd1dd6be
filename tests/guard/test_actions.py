"""The action time limit: a hung action server is given up on, a stall of the bot's own server is not."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.guard.actions import within


async def answer_after(seconds: float) -> str:
    """An action server that answers after `seconds`; reading the reply takes a few turns of the loop."""
    await asyncio.sleep(seconds)
    for _ in range(3):
        await asyncio.sleep(0)
    return "answer"


def test_a_hung_action_is_given_up_on_after_the_timeout() -> None:
    async def ask() -> str:
        return await within(answer_after(60), timeout=0.5)

    with pytest.raises(asyncio.TimeoutError):
        asyncio.run(ask())


def test_an_answer_that_came_while_the_servers_own_loop_stalled_is_taken() -> None:
    async def ask() -> str:
        loop = asyncio.get_running_loop()
        # The loop stalls longer than the timeout, as when Rasa loads a new model.
        loop.call_later(0.05, time.sleep, 1.5)
        return await within(answer_after(0.2), timeout=1.0)

    assert asyncio.run(ask()) == "answer"


def test_errors_of_the_action_are_passed_on() -> None:
    async def failing() -> str:
        raise ConnectionError("refused")

    with pytest.raises(ConnectionError):
        asyncio.run(within(failing(), timeout=1.0))
