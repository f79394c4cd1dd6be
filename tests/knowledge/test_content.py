"""Checks over all real knowledge files: as-of dates after the events they report, full source addresses."""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import urlparse

import pytest

from bot.knowledge.schema import TopicFile

MONTHS = "januar februar märz april mai juni juli august september oktober november dezember".split()
# "13.09.2020" or "13. September 2020" (the German answer text).
GERMAN_DAY = re.compile(
    r"\b(\d{1,2})\.\s?(\d{1,2})\.(\d{4})\b|\b(\d{1,2})\.\s(" + "|".join(MONTHS) + r")\s(\d{4})\b", re.I
)
# A deadline is announced before it comes, not reported after it: "bis zum 24. Januar", "Frist war der ...".
DEADLINE_BEFORE = re.compile(r"\b(bis|frist)\b[^.]{0,40}$", re.I)


def latest_day(as_of: str) -> date:
    """The last day an as-of value of day, month or year precision stands for."""
    parts = [int(part) for part in as_of.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return following - timedelta(days=1)
    return date(parts[0], 12, 31)


def reported_days(answer: str) -> list[date]:
    """Past days the answer reports (deadlines it announces are left out)."""
    days = []
    for match in GERMAN_DAY.finditer(answer):
        if DEADLINE_BEFORE.search(answer[: match.start()]):
            continue
        if match.group(1):
            day = date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        else:
            day = date(int(match.group(6)), MONTHS.index(match.group(5).lower()) + 1, int(match.group(4)))
        if day < date.today():
            days.append(day)
    return days


def test_no_as_of_lies_before_an_event_its_answer_reports(topic_files: list[TopicFile]) -> None:
    early = [
        f"{entry.slug}: as_of {entry.as_of}, reports {day.isoformat()}"
        for topic_file in topic_files
        for entry in topic_file.entries
        if entry.as_of
        for day in reported_days(entry.answer)
        if day > latest_day(entry.as_of)
    ]
    assert early == []


def test_an_as_of_before_the_reported_event_is_found() -> None:
    answer = "Die Wahl war am 13. September 2020. Anträge waren bis zum 24. Januar 2024 möglich."
    assert reported_days(answer) == [date(2020, 9, 13)]
    assert latest_day("2020-09") == date(2020, 9, 30) and latest_day("2020-09-01") < date(2020, 9, 13)
    assert latest_day("2020") == date(2020, 12, 31) and latest_day("2020-12") == date(2020, 12, 31)


def test_every_source_is_a_full_article_address(topic_files: list[TopicFile]) -> None:
    bare = [
        f"{entry.slug}: {source}"
        for topic_file in topic_files
        for entry in topic_file.entries
        for source in (entry.source_url, *entry.more_sources)
        if source.startswith("http") and not (urlparse(source).path.strip("/") or urlparse(source).query)
    ]
    assert bare == []


def test_privacy_answers_cite_the_bots_own_privacy_page(topic_files: list[TopicFile]) -> None:
    privacy = next(topic_file for topic_file in topic_files if topic_file.topic.slug == "privacy")
    assert {entry.source_url for entry in privacy.entries} == {"/datenschutz"}


ENGLISH_MONTHS = (
    "january february march april may june july august september october november december".split()
)
ENGLISH_DAY = re.compile(
    r"\b(\d{1,2}) ("
    + "|".join(ENGLISH_MONTHS)
    + r") (\d{4})\b|\b("
    + "|".join(ENGLISH_MONTHS)
    + r") (\d{1,2}),? (\d{4})\b",
    re.I,
)
# Years, amounts and counts: numbers of three digits or more (times of day and small counts are written
# differently from language to language: "18 Uhr", "6 pm").
BIG_NUMBER = re.compile(r"\d{1,3}(?:[.,]\d{3})+|\d{3,}")


def dates_and_numbers(text: str) -> set[str]:
    """The full dates (as ISO days) and the numbers of three or more digits in a German or English text."""
    found = set()
    for match in GERMAN_DAY.finditer(text):
        if match.group(1):
            found.add(f"{match.group(3)}-{int(match.group(2)):02d}-{int(match.group(1)):02d}")
        else:
            month = MONTHS.index(match.group(5).lower()) + 1
            found.add(f"{match.group(6)}-{month:02d}-{int(match.group(4)):02d}")
    for match in ENGLISH_DAY.finditer(text):
        day, month, year = (
            (match.group(1), match.group(2), match.group(3)) if match.group(1) else match.group(5, 4, 6)
        )
        found.add(f"{year}-{ENGLISH_MONTHS.index(month.lower()) + 1:02d}-{int(day):02d}")
    rest = ENGLISH_DAY.sub(" ", GERMAN_DAY.sub(" ", text))
    found |= {re.sub(r"[.,]", "", number) for number in BIG_NUMBER.findall(rest)}
    return found


def test_dates_and_numbers_are_compared_across_languages() -> None:
    german = "Am 13.06.2013 gab es 170.000 Euro, seit 2012; Anstoß 18 Uhr."
    english = "On 13 June 2013 there were 170,000 euros, since 2012; kick-off 6 pm."
    assert dates_and_numbers(german) == dates_and_numbers(english) == {"2013-06-13", "170000", "2012"}
    assert dates_and_numbers("seit 2011") != dates_and_numbers("since 2012")


@pytest.mark.parametrize("language", ["en"])
def test_every_entry_has_a_translation_with_the_same_dates_and_numbers(
    topic_files: list[TopicFile], language: str
) -> None:
    missing, different = [], []
    for topic_file in topic_files:
        for entry in topic_file.entries:
            translation = entry.translations.get(language)
            if translation is None:
                missing.append(entry.slug)
            elif dates_and_numbers(entry.answer) != dates_and_numbers(translation.answer):
                different.append(
                    f"{entry.slug}: {dates_and_numbers(entry.answer) ^ dates_and_numbers(translation.answer)}"
                )
    assert missing == [] and different == []


def test_every_entry_has_at_least_five_examples(topic_files: list[TopicFile]) -> None:
    few = [
        entry.slug for topic_file in topic_files for entry in topic_file.entries if len(entry.examples) < 5
    ]
    assert few == []
