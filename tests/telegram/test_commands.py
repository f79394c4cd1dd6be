"""The command menu: Telegram shows it in the language of the resident's app, in each language of the bot."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest
from telegram import BotCommand
from telegram.error import BadRequest
from telegram.ext import CommandHandler

from bot.language import EASY_READ, languages
from bot.settings import Settings
from bot.telegram.app import build_application, publish_commands

# Telegram has no language code for Leichte Sprache: its readers see the German menu.
TELEGRAM_LANGUAGES = [code for code in languages() if code != EASY_READ]


class FakeBot:
    """Records the menus set through set_my_commands, per language code; refuses the ones asked to."""

    def __init__(self, refuse: Sequence[str] = ()) -> None:
        """No menu set yet."""
        self.menus: dict[str | None, dict[str, str]] = {}
        self.refuse = refuse

    async def set_my_commands(self, commands: Sequence[BotCommand], language_code: str | None = None) -> bool:
        """Keep the menu of `language_code` (None: every app language without one of its own)."""
        if language_code in self.refuse:
            raise BadRequest("Bad Request: language code is invalid")
        self.menus[language_code] = {command.command: command.description for command in commands}
        return True


def published(bot: FakeBot) -> dict[str | None, dict[str, str]]:
    """The menus the gateway publishes at start."""
    asyncio.run(publish_commands(bot))
    return bot.menus


def test_every_language_of_the_bot_gets_a_menu_and_german_is_the_default() -> None:
    menus = published(FakeBot())
    assert set(menus) == {None, *TELEGRAM_LANGUAGES}
    assert menus[None] == menus["de"]
    assert menus["de"]["sprache"] == "Sprache wählen / Language"


@pytest.mark.parametrize("code", [code for code in TELEGRAM_LANGUAGES if code != "de"])
def test_each_menu_is_in_its_own_language_and_offers_the_language_choice(code: str) -> None:
    menus = published(FakeBot())
    german = set(menus["de"].values())
    assert len(menus[code]) == len(menus["de"])
    assert not german & set(menus[code].values()), "descriptions left in German"
    assert {"sprache", "language"} & set(menus[code])


def test_the_turkish_menu_is_the_one_in_its_language_file() -> None:
    assert published(FakeBot())["tr"] == languages()["tr"].texts["telegram"]["COMMANDS"]


def test_a_refused_menu_leaves_the_others_in_place() -> None:
    menus = published(FakeBot(refuse=["ar"]))
    assert "ar" not in menus and {None, "de", "tr"} <= set(menus)


def test_every_command_in_a_menu_is_one_the_gateway_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "1:abc")
    application = build_application(Settings(), b"unit-test-salt-0123456789")
    answered = {
        command
        for handler in application.handlers[0]
        if isinstance(handler, CommandHandler)
        for command in handler.commands
    }
    for code, menu in published(FakeBot()).items():
        assert set(menu) <= answered, code
