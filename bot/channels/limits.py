"""Rate limits of the web channels, per conversation and per client address (Rasa environment)."""

from __future__ import annotations

import asyncio
from collections import Counter

from bot.guard import texts
from bot.guard.messages import LANGUAGES
from bot.language import DEFAULT_LANGUAGE
from bot.ratelimit import ChatRateLimiter, Verdict
from bot.settings import Settings

MAX_SENDER_CHARS = 128  # conversation ids are hex strings or pseudonyms far shorter than this
# Refusals held back at once per client address; more are refused at once (a flood of parallel connections
# is for a reverse proxy's connection limit, such as nginx's limit_conn).
MAX_HELD_REFUSALS = 4


class Admission:
    """Token buckets per sender and per client address; a message needs a token from both."""

    def __init__(self, settings: Settings) -> None:
        """Buckets sized by the settings (SENDER_RATE_*, ADDRESS_RATE_*)."""
        self.senders = ChatRateLimiter(settings.sender_rate_burst, settings.sender_rate_per_second)
        self.addresses = ChatRateLimiter(settings.address_rate_burst, settings.address_rate_per_second)
        self.exempt = set(settings.rate_limit_exempt.replace(",", " ").split())
        self.hold_seconds = settings.refusal_hold_seconds
        self.held: Counter[str] = Counter()

    def check(self, sender: str, address: str) -> Verdict:
        """ALLOW, WARN (over a limit: answer "slow down" once) or DROP (over a limit, already told)."""
        verdicts = {self.senders.check(sender)}
        if address not in self.exempt:
            verdicts.add(self.addresses.check(address))
        if verdicts == {Verdict.ALLOW}:
            return Verdict.ALLOW
        return Verdict.WARN if Verdict.WARN in verdicts else Verdict.DROP

    async def hold_refusal(self, sender: str, address: str) -> None:
        """Keep a refused request waiting until its sender may send again (at most REFUSAL_HOLD_SECONDS).

        Like nginx's limit_req: a client that waits for each answer is slowed to the allowed pace instead of
        keeping the server busy with refusals, which would slow down everybody else.
        """
        wait = self.senders.seconds_until_allowed(sender)
        if address not in self.exempt:
            wait = max(wait, self.addresses.seconds_until_allowed(address))
        hold = min(wait, self.hold_seconds)
        if self.held[address] >= MAX_HELD_REFUSALS or hold <= 0:
            return
        self.held[address] += 1
        try:
            await asyncio.sleep(hold)
        finally:
            self.held[address] -= 1
            if not self.held[address]:
                del self.held[address]


def slow_down(sender: str) -> str:
    """The "please slow down" answer in the conversation's language."""
    return texts.pick(texts.SLOW_DOWN, LANGUAGES.of(sender))


def slow_down_language(sender: str) -> str:
    """The language slow_down(sender) is written in (German when there is no text in the conversation's)."""
    language = LANGUAGES.of(sender)
    return language if language in texts.SLOW_DOWN else DEFAULT_LANGUAGE
