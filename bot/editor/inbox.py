"""The review inbox: messages the bot did not understand, was unsure about, or whose answer got a 👎."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.editor.redact import find_and_redact
from bot.editor.text import is_similar
from bot.editor.tracker import Event, conversations

FALLBACK = "nlu_fallback"
UNCLEAR = "unclear_input"
OUT_OF_SCOPE = "out_of_scope"
FEEDBACK = "feedback"
# Input the bot rightly refused: nothing an editor could turn into an example.
PURE_BAD_INPUT = {"empty", "no_words", "markup", "too_long"}

NOT_UNDERSTOOD = "nicht verstanden"
UNCLEAR_TEXT = "unklare Eingabe"
FOREIGN = "andere Sprache"
UNSURE = "unsicher"
UNSURE_OUT_OF_SCOPE = "unsicher, ob außerhalb der Themen"
THUMBS_DOWN = "👎 bewertet"


@dataclass
class Item:
    """One resident's message worth a look, already without personal data."""

    id: str
    time: datetime
    channel: str
    text: str
    guess: str | None
    confidence: float
    reasons: list[str] = field(default_factory=list)
    answer: str = ""
    personal_data: list[str] = field(default_factory=list)
    previous: str = ""  # the resident's message before this one in the conversation (for follow-ups)


@dataclass
class Group:
    """Messages with similar wording, shown and decided on together; the newest first."""

    items: list[Item]

    @property
    def id(self) -> str:
        """The id of the newest message: the handle an editor types."""
        return self.items[0].id

    @property
    def text(self) -> str:
        """The newest wording."""
        return self.items[0].text

    @property
    def variants(self) -> list[str]:
        """The other distinct wordings."""
        return [text for text in dict.fromkeys(item.text for item in self.items[1:]) if text != self.text]

    @property
    def reasons(self) -> list[str]:
        """Why these messages are in the inbox."""
        return list(dict.fromkeys(reason for item in self.items for reason in item.reasons))

    @property
    def answer(self) -> str:
        """The bot's answer that got a 👎, if any."""
        return next((item.answer for item in self.items if item.answer), "")

    @property
    def previous(self) -> str:
        """What the resident asked just before the newest wording (context for follow-up questions)."""
        return self.items[0].previous

    def as_dict(self) -> dict[str, Any]:
        """A JSON-friendly summary (no sender ids)."""
        newest = self.items[0]
        return {
            "id": self.id,
            "text": self.text,
            "variants": self.variants,
            "count": len(self.items),
            "newest": newest.time.isoformat(timespec="seconds"),
            "channels": sorted({item.channel for item in self.items}),
            "reasons": self.reasons,
            "guess": newest.guess,
            "confidence": round(newest.confidence, 3),
            "answer": self.answer,
            "previous": self.previous,
            "item_ids": [item.id for item in self.items],
            "personal_data_removed": sorted({kind for item in self.items for kind in item.personal_data}),
        }


def item_id(event: Event) -> str:
    """A stable id for one message: hash of conversation id and time stamp."""
    return hashlib.sha1(f"{event.sender_id}|{event.timestamp!r}".encode()).hexdigest()[:10]


def best_guess(event: Event) -> tuple[str | None, float]:
    """The bot's best real intent: for a fallback the top of the ranking that is not the fallback."""
    if event.intent != FALLBACK:
        return event.intent, event.confidence
    for candidate in event.parse.get("intent_ranking") or []:
        if candidate.get("name") != FALLBACK:
            return candidate.get("name"), float(candidate.get("confidence") or 0.0)
    return None, 0.0


def reasons_for(event: Event, threshold: float) -> list[str]:
    """Why a user message needs a look (empty list: it does not)."""
    intent = event.intent
    if intent == FALLBACK:
        return [NOT_UNDERSTOOD]
    if intent == UNCLEAR:
        problem = event.parse.get("input_problem")
        if problem in PURE_BAD_INPUT:
            return []
        return [FOREIGN if problem == "foreign_language" else UNCLEAR_TEXT]
    if intent == FEEDBACK:
        return []
    if event.confidence < threshold:
        return [UNSURE_OUT_OF_SCOPE if intent == OUT_OF_SCOPE else UNSURE]
    return []


def _new_item(event: Event, previous: Event | None) -> Item:
    """An inbox item for a user message, with personal data removed."""
    text, kinds = find_and_redact(event.text)
    guess, confidence = best_guess(event)
    before = find_and_redact(previous.text)[0] if previous else ""
    return Item(item_id(event), event.time, event.channel, text, guess, confidence, [], "", kinds, before)


def collect(events: Iterable[Event], threshold: float) -> list[Item]:
    """Inbox items from all conversations, newest first."""
    items: dict[str, Item] = {}
    for conversation in conversations(iter(events)):
        question: Event | None = None
        earlier: Event | None = None  # the question before `question`
        answers: list[str] = []
        for event in conversation:
            if event.type_name == "bot" and question is not None:
                answers.append(event.text)
            if event.type_name != "user":
                continue
            if event.intent == FEEDBACK:
                if event.entity("rating") == "down" and question is not None:
                    item = items.get(item_id(question)) or _new_item(question, earlier)
                    item.reasons.append(THUMBS_DOWN)
                    item.answer = find_and_redact("\n\n".join(text for text in answers if text))[0]
                    items[item.id] = item
                continue
            if event.text.startswith("/"):
                continue
            earlier, question, answers = question, event, []
            reasons = reasons_for(event, threshold)
            if reasons:
                item = _new_item(event, earlier)
                item.reasons.extend(reasons)
                items[item.id] = item
    return sorted(items.values(), key=lambda item: item.time, reverse=True)


def group(items: list[Item], similarity: float = 0.85) -> list[Group]:
    """Similar wordings together (difflib ratio of the words), groups ordered by their newest message."""
    groups: list[Group] = []
    for item in items:
        for candidate in groups:
            if is_similar(item.text, candidate.text, similarity):
                candidate.items.append(item)
                break
        else:
            groups.append(Group([item]))
    return groups


def find_group(groups: list[Group], wanted: str) -> Group | None:
    """The group that contains a message id (or whose id starts with what the editor typed)."""
    for candidate in groups:
        if any(item.id == wanted for item in candidate.items):
            return candidate
    matches = (
        [candidate for candidate in groups if candidate.id.startswith(wanted)] if len(wanted) >= 4 else []
    )
    return matches[0] if len(matches) == 1 else None
