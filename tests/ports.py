"""A free port for test servers; imports nothing beyond the standard library, so both environments use it."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A TCP port on the loopback interface that nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
