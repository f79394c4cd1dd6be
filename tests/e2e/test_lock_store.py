"""bot.lock_store on a real Redis: messages of one conversation take turns across servers, in order."""

from __future__ import annotations

import pytest

from tests.rasa_env import run_in_rasa_env

pytestmark = pytest.mark.e2e


def test_two_servers_take_turns_in_order_of_arrival_and_a_dead_holder_blocks_only_a_lifetime() -> None:
    result = run_in_rasa_env("lock_store", "redis://127.0.0.1:6379/5")
    assert result["type"] == "FifoRedisLockStore"
    expected = [step for number in range(20) for step in (["start", number], ["end", number])]
    assert result["held"] == expected  # never two at once, in order of arrival, none lost
    assert result["burst"] == list(range(20))  # a double-sent message on one server is not overtaken
    assert (
        0.5 < result["waited"] < 3
    )  # the dead server's ticket (lifetime 1 s) expired, then the lock was free
