"""Build the python-telegram-bot Application for the gateway."""

from __future__ import annotations

import logging

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    MessageHandler,
    filters,
)

from bot.ratelimit import ChatRateLimiter
from bot.telegram import handlers
from bot.telegram.config import Settings
from bot.telegram.rasa_client import RasaClient
from bot.telegram.retry import BotApiRetry
from bot.telegram.sender_id import Conversations

logger = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
COMMANDS = [
    BotCommand("hilfe", "Was ich weiß"),
    BotCommand("datenschutz", "Hinweise zum Datenschutz"),
    BotCommand("neu", "Neues Gespräch beginnen"),
    BotCommand("sprache", "Sprache wählen / Language"),
]


async def _post_init(application: Application) -> None:
    """Open the Rasa connection pool and publish the command menu."""
    await application.bot_data[handlers.STATE_KEY].rasa.open()
    try:
        await application.bot.set_my_commands(COMMANDS)
    except TelegramError as error:
        logger.warning("Could not set the command menu: %s", type(error).__name__)
    logger.info("Telegram gateway ready as @%s", application.bot.username)


async def _post_shutdown(application: Application) -> None:
    """Close the Rasa connection pool."""
    await application.bot_data[handlers.STATE_KEY].rasa.close()


def build_application(settings: Settings) -> Application:
    """The Application with all handlers, Bot API retries and concurrent updates."""
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .defaults(Defaults(link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .concurrent_updates(True)
        .rate_limiter(BotApiRetry())
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if settings.api_url:
        builder = builder.base_url(settings.api_url)
    application = builder.build()
    application.bot_data[handlers.STATE_KEY] = handlers.GatewayState(
        rasa=RasaClient(settings.rasa_url, timeout=settings.rasa_timeout),
        conversations=Conversations(settings.salt, settings.state_file),
        rate_limiter=ChatRateLimiter(settings.rate_burst, settings.rate_per_second),
    )
    private = filters.ChatType.PRIVATE
    message = filters.UpdateType.MESSAGE
    addressed = handlers.ADDRESSED
    application.add_handlers(
        [
            CommandHandler("start", handlers.start),
            CommandHandler(["hilfe", "help"], handlers.help_command),
            CommandHandler("datenschutz", handlers.privacy),
            CommandHandler("neu", handlers.new_conversation),
            CommandHandler(["sprache", "language"], handlers.language_menu),
            MessageHandler(message & filters.COMMAND & private, handlers.unknown_command),
            MessageHandler(message & filters.TEXT & ~filters.COMMAND & addressed, handlers.text_message),
            CallbackQueryHandler(handlers.button_press),
            MessageHandler(
                message & ~filters.TEXT & ~filters.StatusUpdate.ALL & addressed,
                handlers.unsupported_message,
            ),
        ]
    )
    application.add_error_handler(handlers.error_handler)
    return application
