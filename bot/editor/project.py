"""Where the editors' files are: training data, domain, knowledge base, test set, models and outputs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

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
        """The folder of the NLU training files."""
        return self.data / "nlu"

    def show(self, path: Path) -> str:
        """A path as an editor reads it: relative to the project root when possible."""
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)


STATE_FILE = VAR / "review_state.json"
OUTPUT = VAR / "redaktion"


def read_yaml(path: Path) -> Any:
    """The content of a YAML file (None when empty)."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def domain_intents(domain: Path) -> list[str]:
    """The intents listed in the domain, in their order."""
    content = read_yaml(domain) or {}
    intents = []
    for item in content.get("intents") or []:
        intents.append(next(iter(item)) if isinstance(item, dict) else str(item))
    return intents


def domain_actions(domain: Path) -> list[str]:
    """The custom actions listed in the domain."""
    content = read_yaml(domain) or {}
    return [str(action) for action in content.get("actions") or []]
