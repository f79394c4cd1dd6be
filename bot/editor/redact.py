"""Removes personal data from residents' messages before an editor sees them or they become training data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = "Januar|Februar|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
_DATE = (
    rf"(?:\d{{1,2}}\.\s?\d{{1,2}}\.\s?(?:\d{{4}}|\d{{2}})\b|\d{{1,2}}\.\s?(?:{_MONTHS})\s\d{{4}}\b"
    r"|\d{4}-\d{2}-\d{2}\b|\d{1,2}/\d{1,2}/\d{4}\b)"
)
_STREET_SUFFIX = r"(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|ufer|pfad|chaussee|wall|markt)"
_ID_WORDS = (
    r"Steuer-?ID|Steuer-?Identifikationsnummer|Identifikationsnummer|Steuernummer|St\.?-?Nr\.?|IdNr\.?"
    r"|Personalausweis(?:nummer|-?Nr\.?)?|Ausweis(?:nummer|-?Nr\.?)?|Reisepass(?:nummer|-?Nr\.?)?"
    r"|Pass(?:nummer|-?Nr\.?)|Sozialversicherungsnummer|SV-?Nummer|Rentenversicherungsnummer"
    r"|Versichertennummer|Kundennummer|Aktenzeichen|Az\.|Aufenthaltstitel(?:nummer)?"
)


@dataclass(frozen=True)
class Rule:
    """One kind of personal data: what it looks like and the placeholder that replaces it."""

    kind: str
    placeholder: str
    pattern: re.Pattern[str]
    min_digits: int = 0
    keep_group: str | None = None  # a named group (e.g. the word "geboren") that stays in the text


def _rules() -> list[Rule]:
    """The rules in the order they are applied (specific before general)."""
    flags = re.IGNORECASE
    return [
        Rule(
            "email",
            "[E-Mail]",
            # Starts only at the beginning of a run of address characters and is bounded (RFC 5321: 64),
            # so a long run without "@" is read once, not once per position (linear time).
            re.compile(
                r"(?<![\w.+%-])[\w.+%-]{1,64}\s?(?:@|\(at\)|\[at\])\s?[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.[a-z]{2,24}",
                flags,
            ),
        ),
        Rule(
            "iban",
            "[IBAN]",
            re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?\b", flags),
            min_digits=10,
        ),
        Rule(
            "birth_date",
            "[Geburtsdatum]",
            re.compile(
                rf"(?P<keep>\b(?:geboren(?:\s+am)?|geb\.|Geburtsdatum|Geburtstag|born(?:\s+on)?|DOB)\s*:?\s*)"
                rf"{_DATE}",
                flags,
            ),
            keep_group="keep",
        ),
        Rule(
            "id_number",
            "[ID-Nummer]",
            re.compile(
                rf"(?P<keep>\b(?:{_ID_WORDS})\s*(?:ist|lautet|:|-|=)?\s*)"
                r"[A-Z0-9](?:[A-Z0-9]|[ /.-](?=[A-Z0-9])){4,24}",
                flags,
            ),
            min_digits=2,
            keep_group="keep",
        ),
        Rule(
            "phone",
            "[Telefon]",
            re.compile(
                r"(?<![\w+])(?:(?:\+|00)\s?\d{1,3}[\s/-]*(?:\(0\)[\s/-]*)?\(?\d{1,5}\)?|\(?0\d{1,5}\)?)"
                r"(?:[ \t/-]{0,2}\d+){1,5}"
            ),
            min_digits=6,
        ),
        Rule("tax_number", "[Steuernummer]", re.compile(r"\b\d{2,3}/\d{3,4}/\d{4,5}\b")),
        Rule("social_security", "[SV-Nummer]", re.compile(r"\b\d{2}\s?\d{6}\s?[A-Z]\s?\d{3}\b")),
        Rule("tax_id", "[Steuer-ID]", re.compile(r"\b\d{2}\s\d{3}\s\d{3}\s\d{3}\b")),
        Rule(
            "id_card",
            "[Ausweisnummer]",
            re.compile(r"\b[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}\b"),
            min_digits=3,
        ),
        Rule("long_number", "[Nummer]", re.compile(r"\b\d{7,}\b")),
        Rule(
            "address",
            "[Adresse]",
            re.compile(
                # Street names are bounded (40 characters): a long hyphenated run is not rescanned per word.
                rf"\b(?:[A-ZÄÖÜ][a-zäöüß]{{1,40}}[\s-])?[A-ZÄÖÜ][\wäöüß-]{{0,40}}?{_STREET_SUFFIX}\s*\d{{1,4}}\s?[a-zA-Z]?\b"
                r"|\b[A-ZÄÖÜ][\wäöüß-]{0,40}\s(?:Straße|Strasse|Str\.|Weg|Platz|Allee|Gasse|Ring)\s*\d{1,4}[a-zA-Z]?\b"
            ),
        ),
        Rule(
            "name",
            "[Name]",
            re.compile(
                r"(?P<keep>\b(?:(?i:ich\s+heiße|ich\s+heisse|mein\s+name\s+ist|name\s*:)|Frau|Herrn?|Fr\.|Hr\.)\s+)"
                r"[A-Za-zÄÖÜäöüß][\wäöüß'-]+(?:\s+[A-ZÄÖÜ][\wäöüß'-]+)?"
            ),
            keep_group="keep",
        ),
        Rule("date", "[Datum]", re.compile(_DATE)),
    ]


_RULES: list[Rule] | None = None


def rules() -> list[Rule]:
    """The compiled rules (compiled on first use)."""
    global _RULES
    if _RULES is None:
        _RULES = _rules()
    return _RULES


def _old_enough_to_be_a_birth_date(text: str, today: date) -> bool:
    """A date whose year lies more than 14 years back: probably a date of birth, not an appointment."""
    years = re.findall(r"\d{4}", text)
    return bool(years) and 1900 <= int(years[-1]) <= today.year - 14


def _apply(rule: Rule, text: str, found: list[str], today: date) -> str:
    """Replace every match of one rule that passes its digit count (and, for plain dates, its age)."""

    def replace(match: re.Match[str]) -> str:
        """The placeholder for one match, or the match itself when it is not personal data."""
        whole = match.group(0)
        keep = match.group(rule.keep_group) if rule.keep_group else ""
        value = whole[len(keep) :]
        if sum(char.isdigit() for char in value) < rule.min_digits:
            return whole
        if rule.kind == "date" and not _old_enough_to_be_a_birth_date(value, today):
            return whole
        found.append(rule.kind)
        trailing = value[len(value.rstrip()) :]
        return keep + rule.placeholder + trailing

    return rule.pattern.sub(replace, text)


def find_and_redact(text: str, today: date | None = None) -> tuple[str, list[str]]:
    """The text with personal data replaced by placeholders, and the kinds that were found."""
    found: list[str] = []
    today = today or date.today()
    for rule in rules():
        text = _apply(rule, text, found, today)
    return text, found


def redact(text: str) -> str:
    """The text with e-mail addresses, phone numbers, IBANs, IDs, addresses, names, birth dates replaced."""
    return find_and_redact(text)[0]
