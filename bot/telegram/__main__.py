"""Run the Telegram gateway: `python -m bot.telegram` (polling; webhook if TELEGRAM_WEBHOOK_URL is set)."""

from __future__ import annotations

import logging
import os
import sys

from bot.telegram.app import ALLOWED_UPDATES, build_application
from bot.telegram.config import ConfigError, load_settings


def main() -> None:
    """Read the settings from the environment and run the gateway until it is stopped."""
    logging.basicConfig(
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        level=os.environ.get("LOG_LEVEL", "INFO").upper(),
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its request lines contain the bot token
    os.environ.setdefault(
        "PTB_TIMEDELTA", "1"
    )  # python-telegram-bot 23's durations, without deprecation notices
    try:
        settings = load_settings(os.environ)
    except ConfigError as error:
        sys.exit(f"Telegram gateway: {error}")
    application = build_application(settings)
    if settings.webhook_url:
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=settings.webhook_path,
            webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret,
            allowed_updates=ALLOWED_UPDATES,
            bootstrap_retries=5,
        )
    else:
        application.run_polling(allowed_updates=ALLOWED_UPDATES, bootstrap_retries=5)


if __name__ == "__main__":
    main()
