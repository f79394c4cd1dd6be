"""Residents' personal data never reaches an editor's screen or the training data."""

from __future__ import annotations

from datetime import date

import pytest

from bot.editor.redact import find_and_redact, redact

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("message", "secret", "placeholder"),
    [
        ("Meine Mail ist max.mustermann@gmx.de, bitte melden", "max.mustermann@gmx.de", "[E-Mail]"),
        ("Schreiben Sie an a.yilmaz (at) web.de", "yilmaz", "[E-Mail]"),
        ("Ruf mich an: 0231 50-12345", "50-12345", "[Telefon]"),
        ("Meine Nummer +49 176 12345678", "12345678", "[Telefon]"),
        ("Tel. (0231) 123 456 ab 9 Uhr", "123 456", "[Telefon]"),
        ("Handy 0176/1234567", "1234567", "[Telefon]"),
        ("0049 231 5012345 ist meine Nummer", "5012345", "[Telefon]"),
        ("Überweisung von DE89 3704 0044 0532 0130 00 ist raus", "3704 0044", "[IBAN]"),
        ("iban: DE89370400440532013000", "DE89370400440532013000", "[IBAN]"),
        ("Ich bin geboren am 12.03.1985 in Köln", "12.03.1985", "[Geburtsdatum]"),
        ("Geburtsdatum: 1990-07-01", "1990-07-01", "[Geburtsdatum]"),
        ("Mein Sohn wurde am 3.4.2001 geboren", "3.4.2001", "[Datum]"),
        ("Meine Steuer-ID ist 12 345 678 901", "678 901", "[ID-Nummer]"),
        ("Steuernummer 123/456/78901 steht auf dem Bescheid", "78901", "[ID-Nummer]"),
        ("Die 12345678901 ist meine Identnummer", "12345678901", "[Nummer]"),
        ("Personalausweisnummer: L01X00T47", "L01X00T47", "[ID-Nummer]"),
        ("Sozialversicherungsnummer 12 150385 M 123", "150385", "[ID-Nummer]"),
        ("Ich wohne in der Musterstraße 12a, 44137 Dortmund", "Musterstraße 12", "[Adresse]"),
        ("Unsere Wohnung ist Rheinische Straße 5", "Rheinische Straße 5", "[Adresse]"),
        ("Mein Name ist Max Mustermann und ich habe eine Frage", "Mustermann", "[Name]"),
        ("ich heiße ayse und frage für meine Tochter", "ayse", "[Name]"),
        ("Termin bei Herrn Özdemir im Amt", "Özdemir", "[Name]"),
    ],
)
def test_each_kind_of_personal_data_is_replaced(message: str, secret: str, placeholder: str) -> None:
    text, kinds = find_and_redact(message, today=TODAY)
    assert secret not in text
    assert placeholder in text
    assert kinds


@pytest.mark.parametrize(
    "question",
    [
        "Was ist HSU in Klasse 10?",
        "Bis wann muss ich 2025 anmelden? Frist 15.03.2025",
        "Kann mein Sohn in der 8. Klasse noch teilnehmen?",
        "Wie viele Mitglieder hat der Integrationsrat, 27?",
        "Unterrichtszeiten HSU 2025/26",
        "Gibt es für KOMM-AN NRW 2024 bis zu 10000 Euro?",
        "Wann ist die IGA 2027?",
    ],
)
def test_ordinary_questions_stay_as_they_are(question: str) -> None:
    assert redact(question) == question


def test_several_kinds_in_one_message() -> None:
    text, kinds = find_and_redact(
        "Hallo, ich bin Frau Kaya, Tel 0231 9876543, mail kaya@example.org, IBAN DE89370400440532013000"
    )
    assert text == "Hallo, ich bin Frau [Name], Tel [Telefon], mail [E-Mail], IBAN [IBAN]"
    assert sorted(kinds) == ["email", "iban", "name", "phone"]
