"""Splitting long answers for Telegram's 4,096-character limit."""

from __future__ import annotations

import pytest

from bot.telegram.splitting import TELEGRAM_LIMIT, split_text, utf16_len


def words(text: str) -> list[str]:
    """The words of `text`, to check that splitting loses and adds nothing."""
    return text.split()


def test_short_text_is_one_message() -> None:
    assert split_text("  Was ist HSU?\n") == ["Was ist HSU?"]
    assert split_text("   \n ") == []


def test_text_at_the_limit_is_not_split() -> None:
    text = "a" * TELEGRAM_LIMIT
    assert split_text(text) == [text]
    assert len(split_text(text + "b")) == 2


def test_paragraphs_win_over_lines_and_words() -> None:
    first = "Erster Absatz mit etwas Text.\nZweite Zeile im ersten Absatz."
    second = "Zweiter Absatz, der nicht mehr hineinpasst."
    assert split_text(f"{first}\n\n{second}", limit=len(first) + 10) == [first, second]


def test_lines_win_over_words() -> None:
    text = "Zeile eins hat Inhalt\nZeile zwei hat auch Inhalt"
    assert split_text(text, limit=30) == ["Zeile eins hat Inhalt", "Zeile zwei hat auch Inhalt"]


def test_an_early_paragraph_break_does_not_make_a_tiny_message() -> None:
    text = "Kurz.\n\n" + "Ein sehr langer Absatz ohne Zeilenumbruch " * 5
    chunks = split_text(text, limit=100)
    assert len(chunks[0]) > 50  # filled up to a word boundary instead of stopping after "Kurz."
    assert words(" ".join(chunks)) == words(text)


def test_words_are_not_cut() -> None:
    text = " ".join(f"Wort{n}" for n in range(2000))
    chunks = split_text(text)
    assert len(chunks) > 1
    assert all(utf16_len(chunk) <= TELEGRAM_LIMIT for chunk in chunks)
    assert words(" ".join(chunks)) == words(text)


def test_a_word_longer_than_the_limit_is_cut_hard() -> None:
    url = "https://www.dortmund.de/" + "x" * 9000
    chunks = split_text(url)
    assert [len(chunk) for chunk in chunks] == [4096, 4096, len(url) - 8192]
    assert "".join(chunks) == url


def test_emoji_count_twice_as_telegram_counts_utf16() -> None:
    text = "😀" * 3000  # 6,000 UTF-16 code units
    chunks = split_text(text)
    assert [utf16_len(chunk) for chunk in chunks] == [4096, 6000 - 4096]
    assert "".join(chunks) == text


@pytest.mark.parametrize("limit", [2, 7, 64, 500])
def test_every_chunk_fits_and_nothing_is_lost(limit: int) -> None:
    text = ("Integrationsrat Dortmund 😀 Wahl 2025.\n" * 40 + "\n\n") * 3
    chunks = split_text(text, limit=limit)
    assert all(chunk and utf16_len(chunk) <= limit for chunk in chunks)
    assert "".join("".join(chunks).split()) == "".join(text.split())
