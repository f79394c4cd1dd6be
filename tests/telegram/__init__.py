"""Tests of the Telegram gateway against a local stand-in for the Bot API."""
