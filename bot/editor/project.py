"""Where the editors' files are: training data, domain, knowledge base, test set, models and outputs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge.loader import KnowledgeError, read_knowledge
from bot.knowledge.rasa_data import write_rasa_files
from bot.settings import ROOT, VAR


@dataclass(frozen=True)
class Project:
    """Paths of one copy of the project (the repository, or a copy in a test)."""

    root: Path = ROOT
    data: Path = ROOT / "data"
    domain: Path = ROOT / "domain.yml"
    config: Path = ROOT / "config.yml"
    knowledge: Path = ROOT / "knowledge"
    test_nlu: Path = ROOT / "tests" / "nlu"
    models: Path = ROOT / "models"

    @property
    def nlu(self) -> Path:
        """The folder of the NLU training files (greetings, out of scope …; topics are in knowledge/)."""
        return self.data / "nlu"

    @property
    def intent_tests(self) -> Path:
        """The held-out intent test set."""
        return self.test_nlu / "test_nlu.yml"

    @property
    def answer_tests(self) -> Path:
        """The held-out questions per answer (tests/nlu/answers/<topic>.yml)."""
        return self.test_nlu / "answers"

    @property
    def output(self) -> Path:
        """Where the tools write logs, reports and generated files for this project."""
        return OUTPUT if self.root.resolve() == ROOT.resolve() else self.root / "var" / "redaktion"

    def generate_rasa_files(self, out: Path) -> RasaFiles | None:
        """Write what Rasa reads from knowledge/ (as `python -m bot.knowledge.rasa_data`); None if invalid."""
        try:
            topic_files = read_knowledge(self.knowledge)
        except KnowledgeError:
            return None
        write_rasa_files(topic_files, self.domain, out)
        return RasaFiles(out / "domain.yml", [self.data, out / "data"], self.config)

    def show(self, path: Path) -> str:
        """A path as an editor reads it: relative to the project root when possible."""
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)


@dataclass(frozen=True)
class RasaFiles:
    """The domain, data folders and config that Rasa's commands get (hand-written plus generated)."""

    domain: Path
    data: list[Path]
    config: Path

    def arguments(self) -> list[str]:
        """--domain, --data and --config for a Rasa command."""
        return [
            "--domain",
            str(self.domain),
            "--data",
            *map(str, self.data),
            "--config",
            str(self.config),
        ]


STATE_FILE = VAR / "review_state.json"
OUTPUT = VAR / "redaktion"
# Rasa's own default, for a FallbackClassifier without a threshold.
RASA_FALLBACK_THRESHOLD = 0.3


def read_yaml(path: Path) -> Any:
    """The content of a YAML file (None when empty)."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def fallback_threshold(config: Path = ROOT / "config.yml") -> float:
    """The FallbackClassifier's threshold in a Rasa config.yml: below it, the bot did not understand."""
    pipeline = (read_yaml(config) or {}).get("pipeline") or []
    classifier = next((item for item in pipeline if item.get("name") == "FallbackClassifier"), None)
    if classifier is None:
        raise ValueError(f"{config} has no FallbackClassifier in its pipeline")
    return float(classifier.get("threshold", RASA_FALLBACK_THRESHOLD))


def domain_intents(domain: Path) -> list[str]:
    """The intents listed in the domain, in their order."""
    content = read_yaml(domain) or {}
    intents = []
    for item in content.get("intents") or []:
        intents.append(next(iter(item)) if isinstance(item, dict) else str(item))
    return intents
