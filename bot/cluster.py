"""`make cluster`: CLUSTER_SIZE Rasa and action servers behind nginx on CLUSTER_PORT (Ctrl-C stops all).

They share PostgreSQL (conversations, knowledge base), Redis (conversation locks, Socket.IO replies) and
RabbitMQ (events). Each service is started with `python -m bot.serve …`, the container images' entry points.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot import processes, serve
from bot.settings import ROOT, VAR, Settings

TEMPLATE = ROOT / "deploy" / "nginx" / "cluster.conf.template"
NGINX = ("nginx", "/usr/sbin/nginx")
# What the cluster shares when the environment names nothing else (the services of a developer's machine).
LOCAL_SERVICES = {
    "knowledge_database_url": "postgresql+psycopg://postgres@127.0.0.1:5432/dortmund_bot",
    "tracker_store_url": "postgresql://postgres@127.0.0.1:5432/dortmund_bot",
    "lock_store_url": "redis://127.0.0.1:6379/0",
    "event_broker_url": "amqp://guest:guest@127.0.0.1:5672/",
}


def shared_settings(settings: Settings) -> Settings:
    """The settings with shared stores: SQLite or an in-memory lock would split the conversations."""
    changes = {}
    for name, default in LOCAL_SERVICES.items():
        value = getattr(settings, name)
        if not value or value.startswith("sqlite"):
            changes[name] = default
    public = f"http://localhost:{settings.cluster_port}"
    changes["socketio_redis_url"] = settings.socketio_redis_url or changes.get(
        "lock_store_url", settings.lock_store_url
    )
    changes["rasa_public_url"] = public
    changes["public_url"] = public
    return dataclasses.replace(settings, **changes)


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database of `url` when it does not exist yet."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return
    server = parsed.set(drivername="postgresql+psycopg", database="postgres")
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        query = text("SELECT 1 FROM pg_database WHERE datname = :name")
        if connection.execute(query, {"name": parsed.database}).first() is None:
            connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    engine.dispose()


def nginx_binary() -> str:
    """nginx from the PATH or Debian's place for it; scripts/setup_cluster.sh installs it."""
    for candidate in NGINX:
        found = shutil.which(candidate)
        if found:
            return found
    raise FileNotFoundError("nginx is not installed: run scripts/setup_cluster.sh (apt-get install nginx)")


def nginx_config(
    workdir: Path, listen: str, rasa: list[int], actions: list[int], ports: dict[str, int]
) -> str:
    """The nginx configuration from deploy/nginx/cluster.conf.template."""
    servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=3s;" for port in rasa)
    values = {
        "workdir": str(workdir),
        "listen": listen,
        "rasa_servers": servers,
        "action_servers": "\n".join(
            f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=3s;" for port in actions
        ),
        "widget_port": str(ports["widget"]),
        "actions_port": str(ports["actions"]),
    }
    config = TEMPLATE.read_text()
    for name, value in values.items():
        config = config.replace("{{" + name + "}}", value)
    return config


class Cluster:
    """The processes of the cluster: nginx, the widget, and per instance a Rasa server and action server."""

    def __init__(
        self, settings: Settings, workdir: Path, rasa_ports: list[int], action_ports: list[int]
    ) -> None:
        """Configure (nothing starts yet); `settings` name the shared stores and the public port."""
        self.settings = settings
        self.workdir = workdir
        self.rasa_ports = rasa_ports
        self.action_ports = action_ports
        self.action_proxy_port = settings.cluster_port + 1
        self.running: dict[str, subprocess.Popen] = {}

    @property
    def url(self) -> str:
        """Where residents (and tests) reach the cluster."""
        return f"http://127.0.0.1:{self.settings.cluster_port}"

    def instance(self, index: int) -> Settings:
        """The settings of Rasa server / action server number `index`."""
        return dataclasses.replace(
            self.settings,
            rasa_port=self.rasa_ports[index],
            action_port=self.action_ports[index],
            action_server_url=f"http://127.0.0.1:{self.action_proxy_port}/webhook",
        )

    def serve(self, service: str, settings: Settings, name: str) -> subprocess.Popen:
        """Start `python -m bot.serve SERVICE` with these settings, its output in the workdir."""
        environment = processes.child_environment(settings.environment())
        environment.update({"SANIC_PROXIES_COUNT": "1", "ENDPOINTS_FILE": str(self.workdir / f"{name}.yml")})
        command = serve.launcher(service)
        self.running[name] = processes.start(command, self.workdir / f"{name}.log", environment)
        return self.running[name]

    def load_knowledge(self) -> None:
        """Create the databases if needed and load knowledge/ into the shared knowledge base."""
        ensure_database(self.settings.knowledge_database_url)
        ensure_database(self.settings.tracker_store_url)
        environment = processes.child_environment(self.settings.environment())
        command = serve.launcher("knowledge")
        subprocess.run(command, cwd=ROOT, env=environment, check=True, capture_output=True)

    def start_proxy(self) -> None:
        """Write the nginx configuration and start nginx in the foreground."""
        (self.workdir / "nginx-tmp").mkdir(parents=True, exist_ok=True)
        ports = {"widget": self.settings.widget_port, "actions": self.action_proxy_port}
        listen = f"{self.settings.rasa_interface}:{self.settings.cluster_port}"
        config = nginx_config(self.workdir, listen, self.rasa_ports, self.action_ports, ports)
        path = self.workdir / "nginx.conf"
        path.write_text(config)
        error_log = str(self.workdir / "nginx-error.log")
        command = [nginx_binary(), "-c", str(path), "-p", str(self.workdir), "-e", error_log]
        self.running["nginx"] = processes.start(command, self.workdir / "nginx.log")

    def start_rasa(self, index: int) -> None:
        """Start Rasa server `index` (again, after it was stopped)."""
        self.serve("rasa", self.instance(index), f"rasa-{index + 1}")

    def wait_for_rasa(self, index: int, timeout: float = 300) -> None:
        """Wait until Rasa server `index` has loaded its model."""
        process = self.running[f"rasa-{index + 1}"]
        settings = self.instance(index)
        processes.wait_until(
            lambda: processes.rasa_server_ready(settings), process, timeout, f"rasa-{index + 1}"
        )

    def start(self) -> Cluster:
        """Start everything and wait until every server is ready."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.load_knowledge()
        self.serve("widget", self.settings, "widget")
        for index in range(len(self.rasa_ports)):
            self.serve("actions", self.instance(index), f"actions-{index + 1}")
            self.start_rasa(index)
        self.start_proxy()
        for index in range(len(self.action_ports)):
            settings = self.instance(index)
            process = self.running[f"actions-{index + 1}"]
            processes.wait_until(lambda s=settings: processes.action_server_ready(s), process, 60, "actions")
        for index in range(len(self.rasa_ports)):
            self.wait_for_rasa(index)
        processes.wait_until(self.proxy_ready, self.running["nginx"], 30, "nginx")
        return self

    def proxy_ready(self) -> bool:
        """nginx answers and reaches a Rasa server."""
        return httpx.get(f"{self.url}/health", timeout=5).status_code == 200

    def kill(self, name: str) -> None:
        """Kill one process at once (SIGKILL), as a crash or a lost machine would."""
        process = self.running[name]
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop(self) -> None:
        """Stop every process the cluster started."""
        for process in reversed(list(self.running.values())):
            processes.stop(process)

    def log_tail(self, lines: int = 30) -> str:
        """The last lines of every log, for failure messages."""
        tails = []
        for path in sorted(self.workdir.glob("*.log")):
            tails.append(
                f"--- {path.name}\n" + "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
            )
        return "\n".join(tails)


def local_cluster(settings: Settings) -> Cluster:
    """The cluster of `make cluster`: ports counted up from RASA_PORT and ACTION_SERVER_PORT."""
    size = settings.cluster_size
    rasa = [settings.rasa_port + index for index in range(size)]
    actions = [settings.action_port + index for index in range(size)]
    return Cluster(shared_settings(settings), VAR / "cluster", rasa, actions)


def main() -> int:
    """Start the cluster, report where it is, run until Ctrl-C or until a process stops."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C, also when started in the background
    cluster = local_cluster(Settings())
    try:
        print(
            f"Starting {cluster.settings.cluster_size} instances (logs in {cluster.workdir}) ...", flush=True
        )
        cluster.start()
        print(
            f"\nThe cluster is running on {cluster.url}/ (widget demo), {cluster.url}/webhooks/rest/webhook"
            f" (REST), {cluster.url}/socket.io/ (Socket.IO).\nPress Ctrl-C to stop.",
            flush=True,
        )
        while all(process.poll() is None for process in cluster.running.values()):
            time.sleep(0.5)
        stopped = [name for name, process in cluster.running.items() if process.poll() is not None]
        print(f"Stopped unexpectedly: {', '.join(stopped)} (see {cluster.workdir}).", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        print("\nStopping ...", flush=True)
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
