"""What the checker tests take from outside the document: today and the shipped registry."""

from __future__ import annotations

import datetime as dt

from docgen.acts import ActRegistry

from shipped import core

#: The day the checker tests take for today (undated drafts are judged against it).
TODAY = dt.date(2026, 12, 7)


def shipped_registry() -> ActRegistry:
    """Return the registry of cited acts shipped in variables/ (every level)."""
    return core().registry()
