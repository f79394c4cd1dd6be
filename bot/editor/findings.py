"""A problem found by `check`, worded for editors: where it is, what is wrong, what to do."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

ERROR = "Fehler"
WARNING = "Warnung"
NOTE = "Hinweis"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, NOTE: 2}


@dataclass(frozen=True)
class Finding:
    """One problem: kind (stable, for scripts), severity, place, message and advice."""

    kind: str
    severity: str
    file: str
    line: int | None
    message: str
    todo: str

    @property
    def place(self) -> str:
        """file:line, or just the file."""
        return f"{self.file}:{self.line}" if self.line else self.file

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly form."""
        return asdict(self) | {"place": self.place}


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then by file and line."""
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.file, f.line or 0, f.message))
