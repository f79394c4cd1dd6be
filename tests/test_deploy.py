"""deploy/: the images start what `make cluster` starts, and the manifests run them as intended."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from bot import serve
from bot.settings import ROOT

DOCKER = ROOT / "deploy" / "docker"
K8S = ROOT / "deploy" / "k8s"
IMAGES = {"rasa": "rasa", "actions": "actions", "widget": "widget", "console": "console"}


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
