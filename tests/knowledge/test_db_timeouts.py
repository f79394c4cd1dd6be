"""The knowledge base fails fast when its database is down or hung, so the resident is answered in time."""

from __future__ import annotations

import socket
import threading

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from bot.knowledge.db import timeouts


def silent_server() -> tuple[socket.socket, int]:
    """A TCP port that accepts connections and never answers (a hung database server)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    threading.Thread(target=lambda: [server.accept() for _ in range(8)], daemon=True).start()
    return server, server.getsockname()[1]


def test_a_hung_postgresql_server_fails_the_connection_instead_of_waiting_forever() -> None:
    server, port = silent_server()
    url = f"postgresql+psycopg://bot@127.0.0.1:{port}/knowledge"
    engine = create_engine(url, connect_args=timeouts(url, 1))
    try:
        with pytest.raises(OperationalError), engine.connect():
            pass
    finally:
        engine.dispose()
        server.close()


def test_a_statement_that_runs_too_long_is_cancelled_by_postgresql() -> None:
    url = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    engine = create_engine(url, connect_args=timeouts(url, 1))
    try:
        with pytest.raises(OperationalError, match="statement timeout"), engine.connect() as connection:
            connection.execute(text("SELECT pg_sleep(5)"))
    finally:
        engine.dispose()
