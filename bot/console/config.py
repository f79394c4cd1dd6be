"""What the console works on: its database, the conversations, the project's files and the Rasa server."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.console.jobs import Trainer
from bot.console.rasa_check import RasaCheck
from bot.editor.project import STATE_FILE, Project, fallback_threshold
from bot.settings import Settings


@dataclass
class Config:
    """Paths and URLs of one console (tests point them at copies)."""

    database_url: str
    tracker_store: str
    knowledge_database_url: str
    project: Project = field(default_factory=Project)
    review_state: Path = STATE_FILE
    # Messages the bot was less sure of are in the inbox; None: the FallbackClassifier's, from config.yml.
    threshold: float | None = None
    trainer: Trainer = field(default_factory=Trainer)
    rasa_check: RasaCheck = field(default_factory=RasaCheck)

    def __post_init__(self) -> None:
        """Take the threshold from the project's config.yml unless one was given."""
        if self.threshold is None:
            self.threshold = fallback_threshold(self.project.config)

    @classmethod
    def from_settings(cls, settings: Settings) -> Config:
        """The console of this installation, as configured by environment variables."""
        return cls(settings.editor_database_url, settings.tracker_store_url, settings.knowledge_database_url)
