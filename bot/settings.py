"""Configuration from environment variables, with safe defaults for a laptop (documented in the README)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
LOGS = VAR / "logs"  # the servers' output under `make run`, rotated by bot.retention
# How long conversations are kept. Residents read it in knowledge/privacy.yml (tests/test_retention.py checks
# that both agree), on the privacy page, in the widget (built in) and in the Telegram gateway's texts.
RETENTION_DAYS = 30
# The chat's own privacy page on the widget's web server (bot/web.py).
PRIVACY_PAGE = "/datenschutz"
# Default ports, also of the URLs that follow them (RASA_PUBLIC_URL, RASA_URL, PUBLIC_URL).
DEFAULT_RASA_PORT = "5005"
DEFAULT_WIDGET_PORT = "8000"


def _env(name: str, default: str) -> str:
    """An environment variable, or the default when it is unset or empty."""
    return os.environ.get(name) or default


def _cast(variable: str, value: str, cast: Callable[[str], Any]) -> Any:
    """`value` made a number (or path …) by `cast`; a ValueError names the variable."""
    try:
        return cast(value)
    except ValueError:
        raise ValueError(f"{variable}: {value!r} is not a valid {cast.__name__}") from None


def setting(variable: str, default: str, cast: Callable[[str], Any] = str, secret: bool = False) -> Any:
    """A dataclass field read from an environment variable, which `Settings.environment` passes on."""
    return field(
        default_factory=lambda: _cast(variable, _env(variable, default), cast),
        repr=not secret,
        metadata={"env": variable},
    )


@dataclass(frozen=True)
class Settings:
    """Ports, database URLs and the optional production services."""

    rasa_port: int = setting("RASA_PORT", DEFAULT_RASA_PORT, int)
    action_port: int = setting("ACTION_SERVER_PORT", "5055", int)
    widget_port: int = setting("WIDGET_PORT", DEFAULT_WIDGET_PORT, int)
    # The interface the Rasa server listens on; 0.0.0.0 behind a reverse proxy on another machine.
    rasa_interface: str = setting("RASA_INTERFACE", "127.0.0.1")
    widget_host: str = setting("WIDGET_HOST", "127.0.0.1")
    # Where the residents' browsers reach the Rasa server (written into the demo page).
    rasa_public_url: str = field(
        default_factory=lambda: _env(
            "RASA_PUBLIC_URL", f"http://localhost:{_env('RASA_PORT', DEFAULT_RASA_PORT)}"
        ),
        metadata={"env": "RASA_PUBLIC_URL"},
    )
    # The knowledge base the actions answer from (loaded from knowledge/ by bot.knowledge.loader).
    knowledge_database_url: str = setting("DATABASE_URL", f"sqlite:///{VAR / 'knowledge.db'}")
    tracker_store_url: str = setting("TRACKER_STORE_URL", f"sqlite:///{VAR / 'tracker.db'}")
    lock_store_url: str = setting("LOCK_STORE_URL", "")
    event_broker_url: str = setting("EVENT_BROKER_URL", "")
    event_broker_queue: str = setting("EVENT_BROKER_QUEUE", "dortmund_bot_events")
    cors_origins: str = setting("RASA_CORS_ORIGINS", "*")
    # Where residents reach the widget's web server (its privacy page is a source of the privacy answers).
    public_url: str = field(
        default_factory=lambda: _env(
            "PUBLIC_URL", f"http://localhost:{_env('WIDGET_PORT', DEFAULT_WIDGET_PORT)}"
        ),
        metadata={"env": "PUBLIC_URL"},
    )
    api_token: str = field(default_factory=lambda: auth_token(), metadata={"env": "RASA_AUTH_TOKEN"})
    # Socket.IO session ids are signed with this key, so that only the server can issue one.
    session_secret: str = field(
        default_factory=lambda: secret("SESSION_SECRET", "session_secret"), metadata={"env": "SESSION_SECRET"}
    )
    # Requests to the Rasa server (REST bodies, Socket.IO packets) larger than this are refused with 413.
    request_max_bytes: int = setting("REQUEST_MAX_BYTES", "16384", int)
    # Per sender (conversation): a burst of messages, then this many per second; then "Bitte langsamer".
    sender_rate_burst: int = setting("SENDER_RATE_BURST", "5", int)
    sender_rate_per_second: float = setting("SENDER_RATE_PER_SECOND", "0.5", float)
    # Per client address: higher, since many residents may share one (a library, an office behind NAT).
    address_rate_burst: int = setting("ADDRESS_RATE_BURST", "30", int)
    address_rate_per_second: float = setting("ADDRESS_RATE_PER_SECOND", "3", float)
    # A refused REST request is answered (429) only when its sender may send again, at most this late.
    refusal_hold_seconds: float = setting("REFUSAL_HOLD_SECONDS", "2", float)
    # Addresses limited per sender only: the Telegram gateway and scripts on this machine. Behind a reverse
    # proxy, let Sanic see the client's address (SANIC_PROXIES_COUNT / SANIC_REAL_IP_HEADER).
    rate_limit_exempt: str = setting("RATE_LIMIT_EXEMPT", "127.0.0.1 ::1")
    # A custom action that has not answered after this long gets the fault message instead (5 s promise).
    action_timeout_seconds: float = setting("ACTION_TIMEOUT", "3.5", float)
    # After a failure, the action server is not asked again for this long: answers come at once.
    fault_cooldown_seconds: float = setting("FAULT_COOLDOWN", "10", float)
    # Connect and statement timeouts of the databases (knowledge base, conversation store).
    database_timeout_seconds: float = setting("DATABASE_TIMEOUT", "2", float)
    # The action server answers from a copy of the knowledge base and asks it this often for a newer load.
    knowledge_recheck_seconds: float = setting("KNOWLEDGE_RECHECK", "2", float)
    # Where the Rasa server reaches the action server (default: this machine's ACTION_SERVER_PORT).
    action_server_url: str = setting("ACTION_SERVER_URL", "")
    # A conversation's lock (bot.lock_store) is given up this long after its server stopped renewing it.
    lock_lifetime_seconds: float = setting("LOCK_LIFETIME", "20", float)
    # Redis that carries Socket.IO replies between Rasa servers (several instances); none for one server.
    socketio_redis_url: str = setting("SOCKETIO_REDIS_URL", "")
    # `make cluster`: this many Rasa servers and action servers behind nginx on this port.
    cluster_size: int = setting("CLUSTER_SIZE", "2", int)
    cluster_port: int = setting("CLUSTER_PORT", "8080", int)
    # The editors' web console (python -m bot.console): address, port and its accounts' database.
    editor_port: int = setting("EDITOR_PORT", "8001", int)
    editor_host: str = setting("EDITOR_HOST", "127.0.0.1")
    # Accounts, sessions and the audit log; by default the knowledge base's database (DATABASE_URL).
    editor_database_url: str = field(
        default_factory=lambda: _env(
            "EDITOR_DATABASE_URL", _env("DATABASE_URL", f"sqlite:///{VAR / 'knowledge.db'}")
        ),
        metadata={"env": "EDITOR_DATABASE_URL"},
    )
    # When set at start, the account `admin` is created or gets this password (as Grafana and Keycloak do).
    # Not passed on to child processes (no env metadata) and not shown in repr().
    editor_admin_password: str = field(default_factory=lambda: _env("EDITOR_ADMIN_PASSWORD", ""), repr=False)
    # The Telegram gateway (python -m bot.telegram; `make run` starts it when the token is set). It polls
    # Telegram, or with a webhook URL it is a webhook server (production).
    telegram_token: str = setting("TELEGRAM_BOT_TOKEN", "", str.strip, secret=True)
    # Key of the HMAC that turns a chat id into the Rasa sender id; unset: a random one in var/telegram_salt.
    telegram_id_salt: str = setting("TELEGRAM_ID_SALT", "", str.strip, secret=True)
    telegram_webhook_url: str = setting("TELEGRAM_WEBHOOK_URL", "", str.strip)
    telegram_webhook_secret: str = setting("TELEGRAM_WEBHOOK_SECRET", "", str.strip, secret=True)
    telegram_webhook_listen: str = setting("TELEGRAM_WEBHOOK_LISTEN", "0.0.0.0", str.strip)
    telegram_webhook_port: int = setting("TELEGRAM_WEBHOOK_PORT", "8443", int)
    # A self-hosted Bot API server (e.g. http://127.0.0.1:8081/bot); unset: Telegram's.
    telegram_api_url: str = setting("TELEGRAM_API_URL", "", str.strip)
    # Per chat, the conversation number /neu advances (only pseudonyms and numbers).
    telegram_state_file: Path = setting("TELEGRAM_STATE_FILE", str(VAR / "telegram_conversations.json"), Path)
    telegram_rate_burst: int = setting("TELEGRAM_RATE_BURST", "5", int)
    telegram_rate_per_second: float = setting("TELEGRAM_RATE_PER_SECOND", "0.5", float)
    # Where the gateway reaches the Rasa server, and how long it waits before "nicht erreichbar".
    rasa_url: str = field(
        default_factory=lambda: _env("RASA_URL", f"http://localhost:{_env('RASA_PORT', DEFAULT_RASA_PORT)}"),
        metadata={"env": "RASA_URL"},
    )
    rasa_timeout_seconds: float = setting("RASA_TIMEOUT", "10", float)
    # The gateway's log level (DEBUG logs message contents). Not passed on: Rasa reads LOG_LEVEL too.
    log_level: str = field(default_factory=lambda: _env("LOG_LEVEL", "INFO").upper())

    def environment(self) -> dict[str, str]:
        """These settings as environment variables, for a child process that reads its own Settings()."""
        return {item.metadata["env"]: str(getattr(self, item.name)) for item in fields(self) if item.metadata}

    @property
    def allowed_origins(self) -> list[str]:
        """RASA_CORS_ORIGINS as a list (separated by commas or spaces); ["*"] allows every origin."""
        return [origin for origin in self.cors_origins.replace(",", " ").split() if origin] or ["*"]


def secret(variable: str, file_name: str) -> str:
    """The environment variable, or a random secret kept in var/<file_name> (mode 600)."""
    value = os.environ.get(variable)
    if value:
        return value
    path = VAR / file_name
    if not path.exists():
        VAR.mkdir(exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(32))
    path.chmod(0o600)
    return path.read_text().strip()


def auth_token() -> str:
    """RASA_AUTH_TOKEN, or a random token kept in var/rasa_token (mode 600): the HTTP API is never open."""
    return secret("RASA_AUTH_TOKEN", "rasa_token")
