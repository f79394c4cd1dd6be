"""Shared fixtures: the running stack for end-to-end tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.stack import Stack, running_stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Action server and Rasa server with the trained model, fresh SQLite knowledge base and tracker store."""
    with running_stack(tmp_path_factory.mktemp("stack")) as running:
        yield running
