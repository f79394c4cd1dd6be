"""Rate limits of the web channels, per conversation and per client address (Rasa environment)."""

from __future__ import annotations

from bot.guard import texts
from bot.guard.messages import LANGUAGES
from bot.ratelimit import ChatRateLimiter, Verdict
from bot.settings import Settings

MAX_SENDER_CHARS = 128  # conversation ids are hex strings or pseudonyms far shorter than this


class Admission:
    """Token buckets per sender and per client address; a message needs a token from both."""

    def __init__(self, settings: Settings) -> None:
        """Buckets sized by the settings (SENDER_RATE_*, ADDRESS_RATE_*)."""
        self.senders = ChatRateLimiter(settings.sender_rate_burst, settings.sender_rate_per_second)
        self.addresses = ChatRateLimiter(settings.address_rate_burst, settings.address_rate_per_second)
        self.exempt = set(settings.rate_limit_exempt.replace(",", " ").split())

    def check(self, sender: str, address: str) -> Verdict:
        """ALLOW, WARN (over a limit: answer "slow down" once) or DROP (over a limit, already told)."""
        verdicts = {self.senders.check(sender)}
        if address not in self.exempt:
            verdicts.add(self.addresses.check(address))
        if verdicts == {Verdict.ALLOW}:
            return Verdict.ALLOW
        return Verdict.WARN if Verdict.WARN in verdicts else Verdict.DROP


def slow_down(sender: str) -> str:
    """The "please slow down" answer in the conversation's language."""
    return texts.pick(texts.SLOW_DOWN, LANGUAGES.of(sender))
