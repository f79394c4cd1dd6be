"""A TCP proxy that can be stopped like a database server: open connections are cut, new ones refused.

The machine's PostgreSQL is shared, so the fault tests stop this proxy in front of it instead.
"""

from __future__ import annotations

import socket
import threading

from tests.stack import free_port


class TcpProxy:
    """Forwards 127.0.0.1:<port> to a target address while it runs."""

    def __init__(self, target_port: int, target_host: str = "127.0.0.1") -> None:
        """A proxy on a free port for `target_host:target_port` (not yet listening)."""
        self.target = (target_host, target_port)
        self.port = free_port()
        self.listener: socket.socket | None = None
        self.connections: list[socket.socket] = []
        self.lock = threading.Lock()

    def start(self) -> TcpProxy:
        """Listen and forward (again, on the same port)."""
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def stop(self) -> None:
        """Refuse new connections and cut the open ones, as a stopped server does."""
        if self.listener is not None:
            # shutdown, not only close: it wakes the thread blocked in accept(), which would keep accepting
            close_now(self.listener)
            self.listener = None
        with self.lock:
            for connection in self.connections:
                close_now(connection)
            self.connections.clear()

    def _accept(self, listener: socket.socket) -> None:
        """Accept clients until the listener is closed; pump each in both directions."""
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                close_now(client)
                continue
            server.settimeout(None)
            with self.lock:
                self.connections += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=pump, args=(source, sink), daemon=True).start()


def pump(source: socket.socket, sink: socket.socket) -> None:
    """Copy bytes from source to sink until either side closes."""
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    close_now(sink)
    close_now(source)


def close_now(connection: socket.socket) -> None:
    """Shut a socket down and close it, ignoring errors of an already closed one."""
    try:
        connection.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    connection.close()
