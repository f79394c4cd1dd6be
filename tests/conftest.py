"""Shared fixtures: the running stack for end-to-end tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.stack import Stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Action server and Rasa server with the trained model, fresh SQLite knowledge base and tracker store."""
    running = Stack(tmp_path_factory.mktemp("stack"))
    try:
        running.start()
    except Exception:
        print(running.log_tail())
        running.stop()
        raise
    yield running
    running.stop()
