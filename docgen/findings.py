"""Findings: what the checker, the linter and the batch report about a document."""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass


class Severity(enum.Enum):
    """How bad a finding is; `error` blocks a signature-ready document."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        """Return the Russian word for the severity («ошибка», …)."""
        return {"error": "ошибка", "warning": "предупреждение", "info": "замечание"}[self.value]


@dataclass(frozen=True)
class Finding:
    """One problem: `rule` id (G-xx / T-xx / L-xx), `severity`, where, Russian message and hint."""

    rule: str
    severity: Severity
    location: str
    message: str
    hint: str = ""
    quote: str = ""

    def to_dict(self) -> dict[str, str]:
        """Return the finding as a JSON-ready dict."""
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    def __str__(self) -> str:
        text = f"{self.severity.label} {self.rule} · {self.location}: {self.message}"
        if self.quote:
            text += f" — «{self.quote}»"
        if self.hint:
            text += f" (исправление: {self.hint})"
        return text


def has_errors(findings: Iterable[Finding]) -> bool:
    """Return True when any finding is of error severity."""
    return any(f.severity is Severity.ERROR for f in findings)


def format_json(findings: Iterable[Finding]) -> str:
    """Return findings as a JSON array (UTF-8 text, Cyrillic unescaped)."""
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2)
