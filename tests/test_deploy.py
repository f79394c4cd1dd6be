"""deploy/: the images start what `make cluster` starts, and the manifests run them as intended."""

from __future__ import annotations

import json
import re
import threading
import types
from pathlib import Path

import httpx
import pytest
import yaml
from rasa_sdk import endpoint
from starlette.testclient import TestClient

from bot import serve, web
from bot.console.app import create_app
from bot.console.config import Config
from bot.settings import ROOT

DOCKER = ROOT / "deploy" / "docker"
K8S = ROOT / "deploy" / "k8s"
IMAGES = {"rasa": "rasa", "actions": "actions", "widget": "widget", "console": "console"}
PROBES = ("startupProbe", "readinessProbe", "livenessProbe")


def instruction(dockerfile: Path, name: str) -> list[str]:
    """The exec form of the last ENTRYPOINT or CMD of a Dockerfile ([] when there is none)."""
    found = re.findall(rf"^{name} (\[.*\])$", dockerfile.read_text(), re.MULTILINE)
    return json.loads(found[-1]) if found else []


def manifests() -> list[dict]:
    """Every Kubernetes object in deploy/k8s/."""
    return [doc for path in sorted(K8S.glob("*.yaml")) for doc in yaml.safe_load_all(path.read_text()) if doc]


def pod_specs() -> list[tuple[str, dict]]:
    """The pod specs of the Deployments, Jobs and CronJobs with their kind."""
    specs = []
    for doc in manifests():
        spec = doc.get("spec", {})
        if doc["kind"] == "CronJob":
            spec = spec["jobTemplate"]["spec"]
        if doc["kind"] in {"Deployment", "Job", "CronJob"}:
            specs.append((doc["kind"], spec["template"]["spec"]))
    return specs


@pytest.mark.parametrize("service", IMAGES)
def test_each_image_starts_its_service_with_the_command_make_cluster_uses(service: str) -> None:
    dockerfile = DOCKER / f"{IMAGES[service]}.Dockerfile"
    command = instruction(dockerfile, "ENTRYPOINT") + instruction(dockerfile, "CMD")
    local = [part.replace(str(ROOT), "/app") for part in serve.launcher(service)]
    assert command == local
    assert re.search(r"^USER 10001$", dockerfile.read_text(), re.MULTILINE)  # never root
    assert len(re.findall(r"^FROM ", dockerfile.read_text(), re.MULTILINE)) >= 2  # multi-stage


def test_every_pod_runs_a_known_service_as_non_root_with_resource_requests_and_the_secret() -> None:
    for kind, spec in pod_specs():
        assert spec["securityContext"]["runAsNonRoot"] is True
        for container in spec["containers"]:
            image = container["image"].rsplit("/", 1)[1].split(":")[0]
            service = (container.get("args") or [image])[0]
            assert service in serve.SERVICES, container["name"]
            assert container["resources"]["requests"]["cpu"], container["name"]
            assert {"secretRef": {"name": "dortmund-bot"}} in container["envFrom"]
            if kind == "Deployment":
                assert container["readinessProbe"]["httpGet"]["path"] in {"/health", "/healthz"}


def test_the_rasa_and_action_servers_scale_and_conversations_are_deleted_daily() -> None:
    objects = {(doc["kind"], doc["metadata"]["name"]): doc for doc in manifests()}
    for name in ("dortmund-bot-rasa", "dortmund-bot-actions"):
        assert objects[("HorizontalPodAutoscaler", name)]["spec"]["minReplicas"] >= 2
    retention = objects[("CronJob", "dortmund-bot-retention")]["spec"]
    assert retention["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]["args"] == ["retention"]


def deployed_containers() -> dict[str, dict]:
    """The container of each Deployment by the service it runs."""
    containers = {}
    for doc in manifests():
        if doc["kind"] == "Deployment":
            container = doc["spec"]["template"]["spec"]["containers"][0]
            image = container["image"].rsplit("/", 1)[1].split(":")[0]
            containers[(container.get("args") or [image])[0]] = container
    return containers


def probe_paths(container: dict) -> dict[str, str]:
    """The HTTP path of each probe the container has."""
    return {probe: container[probe]["httpGet"]["path"] for probe in PROBES if probe in container}


def widget_status(path: str) -> int:
    """The status bot.web (the widget image's server) answers GET `path` with."""
    server = web.make_server("127.0.0.1", 0, "http://localhost:5005")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        return httpx.get(f"http://127.0.0.1:{server.server_address[1]}{path}", timeout=10).status_code
    finally:
        server.shutdown()
        server.server_close()


def console_status(path: str) -> int:
    """The status the editors' console answers GET `path` with, without a session."""
    client = TestClient(create_app(Config("sqlite://", "sqlite://", "sqlite://")))
    return client.get(path, follow_redirects=False).status_code


def test_every_deployment_is_probed_for_readiness_and_liveness() -> None:
    for service, container in deployed_containers().items():
        assert {"readinessProbe", "livenessProbe"} <= set(probe_paths(container)), service


def test_the_widget_and_console_probes_ask_a_page_their_server_answers_with_200() -> None:
    containers = deployed_containers()
    for path in probe_paths(containers["widget"]).values():
        assert widget_status(path) == 200, path
    for path in probe_paths(containers["console"]).values():
        assert console_status(path) == 200, path  # a 404 would keep every console pod unready


def test_the_action_server_probes_ask_its_health_route() -> None:
    routes = {route.path for route in endpoint.create_app(types.ModuleType("no_actions")).router.routes}
    assert "health" in routes
    assert set(probe_paths(deployed_containers()["actions"]).values()) == {"/health"}


def test_the_rasa_server_takes_messages_once_its_stores_answer_and_restarts_only_when_hung() -> None:
    paths = probe_paths(deployed_containers()["rasa"])
    # /health (bot/guard/server.py) answers 503 while the model, the conversation store or the action
    # server is missing: the pod gets no messages then, but is not restarted for a fault elsewhere.
    assert paths == {"startupProbe": "/health", "readinessProbe": "/health", "livenessProbe": "/"}
