"""Fixtures: the Bot API stand-in, a fake Rasa, and the gateway process between them."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from tests.telegram.fake_rasa import FakeRasa
from tests.telegram.gateway import GatewayProcess
from tests.telegram.standin import BotApiStandIn

_chat_ids = itertools.count(1001)


@pytest.fixture(scope="module")
def api() -> Iterator[BotApiStandIn]:
    """The Bot API stand-in."""
    standin = BotApiStandIn().start()
    yield standin
    standin.stop()


@pytest.fixture(scope="module")
def fake_rasa() -> Iterator[FakeRasa]:
    """A scripted Rasa REST channel."""
    rasa = FakeRasa().start()
    yield rasa
    rasa.stop()


@pytest.fixture(scope="module")
def gateway(
    api: BotApiStandIn, fake_rasa: FakeRasa, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GatewayProcess]:
    """The gateway polling the stand-in and talking to the fake Rasa (Rasa timeout 2 s)."""
    process = GatewayProcess(api, fake_rasa.url, tmp_path_factory.mktemp("gateway"), RASA_TIMEOUT="2")
    process.start()
    yield process
    process.stop()


@pytest.fixture
def chat_id() -> int:
    """A chat id no other test uses."""
    return next(_chat_ids)


@pytest.fixture
def other_chat_id() -> int:
    """A second chat id no other test uses."""
    return next(_chat_ids)
