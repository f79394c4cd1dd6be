"""Run the Telegram gateway: `python -m bot.telegram` (polling; webhook if TELEGRAM_WEBHOOK_URL is set)."""

from __future__ import annotations

import logging
import os
import sys

from bot.settings import Settings
from bot.telegram.config import check, pseudonym_salt, webhook_path


def main() -> None:
    """Read the settings from the environment and run the gateway until it is stopped."""
    try:
        settings = Settings()
        check(settings)
    except ValueError as error:  # a setting that is missing, invalid or not a number
        sys.exit(f"Telegram gateway: {error}")
    # Imported once the settings are known to be valid: the gateway's texts read them on import.
    from bot.telegram.app import ALLOWED_UPDATES, build_application

    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=settings.log_level)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its request lines contain the bot token
    # python-telegram-bot 23's durations, without deprecation notices
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    application = build_application(settings, pseudonym_salt(settings))
    if settings.telegram_webhook_url:
        application.run_webhook(
            listen=settings.telegram_webhook_listen,
            port=settings.telegram_webhook_port,
            url_path=webhook_path(settings),
            webhook_url=settings.telegram_webhook_url,
            secret_token=settings.telegram_webhook_secret,
            allowed_updates=ALLOWED_UPDATES,
            bootstrap_retries=5,
        )
    else:
        application.run_polling(allowed_updates=ALLOWED_UPDATES, bootstrap_retries=5)


if __name__ == "__main__":
    main()
