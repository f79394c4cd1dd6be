"""Telegram channel: a python-telegram-bot gateway that relays chats to the Rasa REST channel."""
