"""Remembers which residents' messages an editor has already reviewed (var/review_state.json)."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any


def decided_at(entry: dict[str, Any]) -> datetime:
    """When a decision was made; an entry without a readable time counts as old (it is purged)."""
    try:
        stamp = datetime.fromisoformat(str(entry.get("at")))
    except ValueError:
        return datetime.min.replace(tzinfo=timezone.utc)
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)


class ReviewState:
    """Decisions per message id: assigned (with intent and answer) or ignored; saved atomically as JSON."""

    def __init__(self, path: Path) -> None:
        """Read the state file if it exists."""
        self.path = path
        self.decisions: dict[str, dict[str, Any]] = {}
        if path.exists():
            content = json.loads(path.read_text(encoding="utf-8") or "{}")
            self.decisions = dict(content.get("decisions") or {})

    def reviewed(self, item_id: str) -> bool:
        """True when an editor already decided on this message."""
        return item_id in self.decisions

    def record(
        self,
        item_ids: list[str],
        decision: str,
        text: str,
        intent: str | None = None,
        entry: str | None = None,
    ) -> None:
        """Remember one decision (intent, and answer if any) for the messages of a group and save."""
        stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
        decided = {"decision": decision, "intent": intent, "text": text, "at": stamp}
        for item_id in item_ids:
            self.decisions[item_id] = decided | ({"entry": entry} if entry else {})
        self.save()

    def forget_before(self, cutoff: datetime) -> int:
        """Drop decisions made before `cutoff` (they quote residents' messages); returns how many."""
        old = [item_id for item_id, entry in self.decisions.items() if decided_at(entry) < cutoff]
        for item_id in old:
            del self.decisions[item_id]
        if old:
            self.save()
        return len(old)

    def save(self) -> None:
        """Write the file (via a temporary file, so a crash never leaves half a file)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        content = {"version": 1, "decisions": self.decisions}
        temporary.write_text(json.dumps(content, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(temporary, self.path)
