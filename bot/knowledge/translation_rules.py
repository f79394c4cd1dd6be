"""What translations keep: the German numbers, dates and interface texts; Leichte Sprache: short sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bot.language import languages

# Sentences in Leichte Sprache (Netzwerk Leichte Sprache): short on average, none long.
EASY_READ_MEAN_WORDS = 12
EASY_READ_MAX_WORDS = 15


def _month_names() -> dict[int, tuple[str, ...]]:
    """Each month's names in every language file (knowledge/languages/), German first: it names a date."""
    names: dict[int, list[str]] = {month: [] for month in range(1, 13)}
    for language in languages().values():
        for month, forms in enumerate(language.months, start=1):
            names[month] += [form.lower() for form in forms if form.lower() not in names[month]]
    return {month: tuple(forms) for month, forms in names.items()}


MONTHS = _month_names()
_MONTH_OF = {name: month for month, names in MONTHS.items() for name in names}
# A month name as a whole word (an abbreviation may end in a full stop); Arabic may add the other name
# ("يونيو/حزيران", "يونيو (حزيران)").
# English words besides months ("children from 6 may take part"): months only when capitalised.
_CAPITALISED = {"may", "march"}
_NAMES = "|".join(
    f"(?-i:{name.capitalize()})" if name in _CAPITALISED else re.escape(name)
    for name in sorted(_MONTH_OF, key=len, reverse=True)
)
_MONTH = rf"(?<!\w)(?P<month>{_NAMES})(?!\w)\.?(?:\s*[/(]\s*(?:{_NAMES})\s*\)?)?"
_YEAR = r"(?P<year>\d{4})(?!\d)"
_DAY = r"(?<![\d.,/])(?P<day>\d{1,2})"
# Every way a date is written in the bot's languages; each found date is taken out before the next pattern.
_DATES = [
    re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)"),  # 2024-06-13
    re.compile(rf"{_DAY}/(?P<month>\d{{1,2}})/{_YEAR}"),  # 13/06/2024, as in Arabic
    re.compile(rf"{_DAY}\.(?P<month>\d{{1,2}})\.(?:{_YEAR})?"),  # 13.06.2024, 13.06.
    re.compile(rf"{_DAY}(?:\.|st|nd|rd|th)?\s*(?:of\s+)?{_MONTH}(?:,?\s*{_YEAR})?", re.IGNORECASE),  # 13 June
    re.compile(  # June 13, 2024
        rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d.,:]?\d)(?:,\s*{_YEAR})?", re.IGNORECASE
    ),
    re.compile(rf"{_MONTH}\s+{_YEAR}", re.IGNORECASE),  # June 2024
]
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# "21:00" is the hour written as "21 Uhr" in German.
_FULL_HOUR = re.compile(r"\b(\d{1,2}):00\b")
# What an interface text has filled in when it is shown: {topic}, {official_url}, {days} …
_PLACEHOLDER = re.compile(r"\{\w+\}")
# An interface text a language lacks.
MISSING = "fehlt"
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|\n+")
# Arabic writes its own digits and separators (١٣٫٥, ٢٬٠٠٠) as often as 13,5 and 2.000.
_ARABIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789,.")

# Day, month, year; a date may lack day or year ("13.06.", "Juni 2024").
Date = tuple[int | None, int, int | None]


def _date(match: re.Match[str]) -> Date | None:
    """The date a pattern found, None when it is no date (a 13th month, a 40th day)."""
    fields = match.groupdict()
    month_text = (fields["month"] or "").lower()
    month = int(month_text) if month_text.isdigit() else _MONTH_OF[month_text]
    day = int(fields["day"]) if fields.get("day") else None
    year = int(fields["year"]) if fields.get("year") else None
    return (day, month, year) if 1 <= month <= 12 and 1 <= (day or 1) <= 31 else None


def _take_dates(text: str | None) -> tuple[set[Date], str]:
    """The dates of a text, however written, and the text without them."""
    found: set[Date] = set()
    rest = (text or "").translate(_ARABIC)

    def take(match: re.Match[str]) -> str:
        date = _date(match)
        if date is None:
            return match[0]
        found.add(date)
        return " "

    for pattern in _DATES:
        rest = pattern.sub(take, rest)
    return found, rest


def dates(text: str | None) -> set[Date]:
    """The dates of a text as (day, month, year): "13.06.2024", "13 June 2024", "١٣ يونيو ٢٠٢٤" are one."""
    return _take_dates(text)[0]


def numbers(text: str | None) -> set[str]:
    """The numbers of a text apart from its dates (amounts, years, hours), without thousands separators."""
    rest = _FULL_HOUR.sub(r"\1", _take_dates(text)[1])
    return {re.sub(r"[.,]", "", number).lstrip("0") or "0" for number in _NUMBER.findall(rest)}


def show_date(date: Date) -> str:
    """A date as German editors write it: 13.06.2024, 13.06. or Juni 2024."""
    day, month, year = date
    if day is None:
        return f"{MONTHS[month][0].capitalize()} {year}"
    return f"{day:02d}.{month:02d}." + (str(year) if year else "")


def number_problems(german: str | None, translated: str | None) -> Iterator[str]:
    """What differs: numbers and dates of the German text the translation lacks, and ones it adds."""
    missing, added = numbers(german) - numbers(translated), numbers(translated) - numbers(german)
    if missing:
        yield "ohne die Zahlen " + ", ".join(sorted(missing))
    if added:
        yield "mit Zahlen, die im deutschen Text fehlen: " + ", ".join(sorted(added))
    lacked, extra = _sorted(dates(german) - dates(translated)), _sorted(dates(translated) - dates(german))
    if lacked:
        yield ("ohne das Datum " if len(lacked) == 1 else "ohne die Daten ") + ", ".join(lacked)
    if extra:
        yield (
            "mit einem Datum, das im deutschen Text fehlt: "
            if len(extra) == 1
            else "mit Daten, die im deutschen Text fehlen: "
        ) + ", ".join(extra)


def _sorted(found: set[Date]) -> list[str]:
    """Dates in the order of the calendar, as editors write them."""
    return [show_date(date) for date in sorted(found, key=lambda date: (date[2] or 0, date[1], date[0] or 0))]


def placeholders(text: Any) -> set[str]:
    """The placeholders of an interface text ({topic} …); none in a text that is not a string."""
    return set(_PLACEHOLDER.findall(text)) if isinstance(text, str) else set()


def interface_problems(
    german: dict[str, dict[str, set[str]]], texts: dict[str, dict[str, Any]]
) -> Iterator[tuple[str, str, str]]:
    """(section, name, problem) per interface text of German the language lacks or fills in otherwise."""
    for section, wanted in german.items():
        own = texts.get(section) or {}
        for name, keep in wanted.items():
            text = own.get(name)
            if not text:
                yield section, name, MISSING
                continue
            lost, added = sorted(keep - placeholders(text)), sorted(placeholders(text) - keep)
            if lost:
                yield section, name, "ohne den Platzhalter " + ", ".join(lost)
            if added:
                yield (
                    section,
                    name,
                    "mit dem Platzhalter " + ", ".join(added) + ", den der deutsche Text nicht hat",
                )


def sentence_lengths(text: str) -> list[int]:
    """Words per sentence (a line without a full stop counts as one sentence)."""
    return [len(part.split()) for part in _SENTENCE_END.split(text) if part.strip()]


def easy_read_problems(text: str) -> Iterator[str]:
    """Sentences too long for Leichte Sprache."""
    lengths = sentence_lengths(text)
    if lengths and max(lengths) > EASY_READ_MAX_WORDS:
        yield f"ein Satz hat {max(lengths)} Wörter (höchstens {EASY_READ_MAX_WORDS})"
    mean = sum(lengths) / len(lengths) if lengths else 0
    if mean > EASY_READ_MEAN_WORDS:
        yield f"Sätze haben im Mittel {mean:.1f} Wörter (höchstens {EASY_READ_MEAN_WORDS})"
