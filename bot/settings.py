"""Configuration from environment variables, with safe defaults for a laptop (documented in the README)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
# How long conversations are kept. Residents read it in knowledge/privacy.yml (tests/test_retention.py checks
# that both agree), on the privacy page, in the widget (built in) and in the Telegram gateway's texts.
RETENTION_DAYS = 30
# The chat's own privacy page on the widget's web server (bot/web.py).
PRIVACY_PAGE = "/datenschutz"


def _env(name: str, default: str) -> str:
    """An environment variable, or the default when it is unset or empty."""
    return os.environ.get(name) or default


@dataclass(frozen=True)
class Settings:
    """Ports, database URLs and the optional production services."""

    rasa_port: int = field(default_factory=lambda: int(_env("RASA_PORT", "5005")))
    action_port: int = field(default_factory=lambda: int(_env("ACTION_SERVER_PORT", "5055")))
    widget_port: int = field(default_factory=lambda: int(_env("WIDGET_PORT", "8000")))
    tracker_store_url: str = field(
        default_factory=lambda: _env("TRACKER_STORE_URL", f"sqlite:///{VAR / 'tracker.db'}")
    )
    lock_store_url: str = field(default_factory=lambda: _env("LOCK_STORE_URL", ""))
    event_broker_url: str = field(default_factory=lambda: _env("EVENT_BROKER_URL", ""))
    event_broker_queue: str = field(default_factory=lambda: _env("EVENT_BROKER_QUEUE", "dortmund_bot_events"))
    cors_origins: str = field(default_factory=lambda: _env("RASA_CORS_ORIGINS", "*"))
    # Where residents reach the widget's web server (its privacy page is a source of the privacy answers).
    public_url: str = field(
        default_factory=lambda: _env("PUBLIC_URL", f"http://localhost:{_env('WIDGET_PORT', '8000')}")
    )
    api_token: str = field(default_factory=lambda: auth_token())


def auth_token() -> str:
    """RASA_AUTH_TOKEN, or a random token kept in var/rasa_token (mode 600): the HTTP API is never open."""
    token = os.environ.get("RASA_AUTH_TOKEN")
    if token:
        return token
    path = VAR / "rasa_token"
    if not path.exists():
        VAR.mkdir(exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(32))
    return path.read_text().strip()
