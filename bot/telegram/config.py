"""Gateway settings from environment variables."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bot.telegram.sender_id import load_or_create_salt

VAR = Path(__file__).resolve().parents[2] / "var"
DEFAULT_SALT_FILE = VAR / "telegram_salt"
DEFAULT_STATE_FILE = VAR / "telegram_conversations.json"
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")


class ConfigError(Exception):
    """A missing or invalid setting; the message says which and what to do."""


@dataclass(frozen=True)
class Settings:
    """Everything the gateway needs to run."""

    token: str
    salt: bytes
    rasa_url: str
    rasa_timeout: float = 10.0
    api_url: str | None = None
    webhook_url: str | None = None
    webhook_secret: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    state_file: Path = DEFAULT_STATE_FILE
    rate_burst: int = 5
    rate_per_second: float = 0.5

    @property
    def webhook_path(self) -> str:
        """The path part of the webhook URL, where the gateway listens."""
        return urlsplit(self.webhook_url or "").path.lstrip("/")


def _number(env: Mapping[str, str], name: str, default: float, kind: type = float) -> float:
    """A numeric setting, or a ConfigError naming it."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{name} must be positive, got {raw!r}")
    return value


def load_settings(env: Mapping[str, str], salt_file: Path = DEFAULT_SALT_FILE) -> Settings:
    """Read the settings; TELEGRAM_ID_SALT is required in webhook (production) mode."""
    token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not token:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and export its token")
    webhook_url = env.get("TELEGRAM_WEBHOOK_URL", "").strip() or None
    webhook_secret = env.get("TELEGRAM_WEBHOOK_SECRET", "").strip() or None
    salt_text = env.get("TELEGRAM_ID_SALT", "").strip()
    if salt_text and len(salt_text) < 16:
        raise ConfigError("TELEGRAM_ID_SALT is too short: use a random secret of at least 16 characters")
    if webhook_url and not salt_text:
        raise ConfigError("webhook (production) mode needs TELEGRAM_ID_SALT: a random secret, 16+ characters")
    if webhook_url and not (webhook_secret and _SECRET_TOKEN.fullmatch(webhook_secret)):
        raise ConfigError("webhook mode needs TELEGRAM_WEBHOOK_SECRET (1-256 characters: A-Z a-z 0-9 _ -)")
    salt = salt_text.encode("utf-8") if salt_text else load_or_create_salt(salt_file)
    state = env.get("TELEGRAM_STATE_FILE", "").strip()
    return Settings(
        token=token,
        salt=salt,
        rasa_url=env.get("RASA_URL", "").strip() or f"http://localhost:{env.get('RASA_PORT') or 5005}",
        rasa_timeout=_number(env, "RASA_TIMEOUT", 10.0),
        api_url=env.get("TELEGRAM_API_URL", "").strip() or None,
        webhook_url=webhook_url,
        webhook_secret=webhook_secret,
        webhook_listen=env.get("TELEGRAM_WEBHOOK_LISTEN", "").strip() or "0.0.0.0",
        webhook_port=int(_number(env, "TELEGRAM_WEBHOOK_PORT", 8443, int)),
        state_file=Path(state) if state else DEFAULT_STATE_FILE,
        rate_burst=int(_number(env, "TELEGRAM_RATE_BURST", 5, int)),
        rate_per_second=_number(env, "TELEGRAM_RATE_PER_SECOND", 0.5),
    )
