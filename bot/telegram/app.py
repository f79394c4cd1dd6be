"""Build the python-telegram-bot Application for the gateway."""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, LinkPreviewOptions, Update
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

from bot.language import DEFAULT_LANGUAGE
from bot.ratelimit import ChatRateLimiter
from bot.settings import Settings
from bot.telegram import handlers, texts
from bot.telegram.rasa_client import RasaClient
from bot.telegram.retry import BotApiRetry
from bot.telegram.sender_id import Conversations

logger = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]


def command_menus() -> dict[str | None, list[BotCommand]]:
    """The command menu per Telegram language code; None: German, for every other app language."""
    # Telegram takes two-letter ISO 639-1 codes only; Leichte Sprache (de-ls) has none.
    menus = {
        code: [BotCommand(command, description) for command, description in commands.items()]
        for code, commands in texts.COMMANDS.items()
        if len(code) == 2
    }
    return {None: menus[DEFAULT_LANGUAGE], **menus}


async def publish_commands(bot: Bot) -> None:
    """Set the command menu in each language; a menu Telegram refuses leaves the others in place."""
    for code, commands in command_menus().items():
        try:
            await bot.set_my_commands(commands, language_code=code)
        except TelegramError as error:
            logger.warning("Could not set the command menu (%s): %s", code or "default", type(error).__name__)


async def _post_init(application: Application) -> None:
    """Open the Rasa connection pool and publish the command menus."""
    await application.bot_data[handlers.STATE_KEY].rasa.open()
    await publish_commands(application.bot)
    logger.info("Telegram gateway ready as @%s", application.bot.username)


async def _post_shutdown(application: Application) -> None:
    """Close the Rasa connection pool."""
    await application.bot_data[handlers.STATE_KEY].rasa.close()


def build_application(settings: Settings, salt: bytes) -> Application:
    """The Application with all handlers, Bot API retries and concurrent updates; `salt` keys pseudonyms."""
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token)
        .defaults(Defaults(link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .concurrent_updates(True)
        .rate_limiter(BotApiRetry())
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if settings.telegram_api_url:
        builder = builder.base_url(settings.telegram_api_url)
    application = builder.build()
    application.bot_data[handlers.STATE_KEY] = handlers.GatewayState(
        rasa=RasaClient(settings.rasa_url, timeout=settings.rasa_timeout_seconds),
        conversations=Conversations(salt, settings.telegram_state_file),
        rate_limiter=ChatRateLimiter(settings.telegram_rate_burst, settings.telegram_rate_per_second),
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
