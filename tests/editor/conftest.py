"""Fixtures for the editors' tools: a copy of the project's data that tests may change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.editor.project import Project
from bot.settings import ROOT


def copy_project(target: Path, answer_tests: tuple[str, ...] = ()) -> Project:
    """Copy training data, domain, config, knowledge base and NLU test set into `target` (with `answer_tests`
    only those topics' answer questions: a retraining evaluates both models on them, fewer are quicker)."""
    for name in ("data", "knowledge", "tests/nlu"):
        shutil.copytree(ROOT / name, target / name)
    for path in (target / "tests" / "nlu" / "answers").glob("*.yml"):
        if answer_tests and path.stem not in answer_tests:
            path.unlink()
    for name in ("domain.yml", "config.yml"):
        shutil.copy(ROOT / name, target / name)
    return Project(
        root=target,
        data=target / "data",
        domain=target / "domain.yml",
        config=target / "config.yml",
        knowledge=target / "knowledge",
        test_nlu=target / "tests" / "nlu",
        models=target / "models",
    )


def project_arguments(project: Project) -> list[str]:
    """Command-line options that point a command at a project copy."""
    return [
        "--data",
        str(project.data),
        "--domain",
        str(project.domain),
        "--knowledge",
        str(project.knowledge),
        "--test-data",
        str(project.test_nlu),
    ]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A fresh copy of the project's data in tmp_path."""
    return copy_project(tmp_path / "project")
