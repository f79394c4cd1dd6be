"""Checks of the gateway's settings (the Telegram fields of bot.settings.Settings) and its pseudonym key."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path
from urllib.parse import urlsplit

from bot.settings import VAR, Settings
from bot.telegram.sender_id import load_or_create_salt

# The development key of the pseudonyms, created on first use when TELEGRAM_ID_SALT is not set.
SALT_FILE = VAR / "telegram_salt"
MIN_SALT_LENGTH = 16
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what Telegram accepts as a webhook's secret_token
_POSITIVE = (
    "telegram_webhook_port",
    "telegram_rate_burst",
    "telegram_rate_per_second",
    "rasa_timeout_seconds",
)


class ConfigError(ValueError):
    """A missing or invalid setting; the message says which and what to do."""


def variable(name: str) -> str:
    """The environment variable of the Settings field `name`, as error messages name it."""
    return next(item.metadata["env"] for item in fields(Settings) if item.name == name)


def check(settings: Settings) -> None:
    """Raise ConfigError when the gateway cannot run with these settings; TELEGRAM_ID_SALT in webhook mode."""
    salt = variable("telegram_id_salt")
    if not settings.telegram_token:
        raise ConfigError(
            f"{variable('telegram_token')} is not set: create a bot with @BotFather, export its token"
        )
    if settings.telegram_id_salt and len(settings.telegram_id_salt) < MIN_SALT_LENGTH:
        raise ConfigError(
            f"{salt} is too short: use a random secret of at least {MIN_SALT_LENGTH} characters"
        )
    if settings.telegram_webhook_url and not settings.telegram_id_salt:
        raise ConfigError(
            f"webhook (production) mode needs {salt}: a random secret, {MIN_SALT_LENGTH}+ characters"
        )
    if settings.telegram_webhook_url and not _SECRET_TOKEN.fullmatch(settings.telegram_webhook_secret):
        raise ConfigError(
            f"webhook mode needs {variable('telegram_webhook_secret')} (1-256 of A-Z a-z 0-9 _ -)"
        )
    for name in _POSITIVE:
        if getattr(settings, name) <= 0:
            raise ConfigError(f"{variable(name)} must be positive, got {getattr(settings, name)}")


def pseudonym_salt(settings: Settings, salt_file: Path = SALT_FILE) -> bytes:
    """TELEGRAM_ID_SALT, or the development salt kept in `salt_file` (created on first use)."""
    return settings.telegram_id_salt.encode("utf-8") or load_or_create_salt(salt_file)


def webhook_path(settings: Settings) -> str:
    """The path part of the webhook URL, where the gateway listens."""
    return urlsplit(settings.telegram_webhook_url).path.lstrip("/")
