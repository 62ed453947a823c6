"""What the checker tests take from outside the document: today and the shipped registry."""

from __future__ import annotations

import datetime as dt

from docgen.acts import ActRegistry, load_registry, registry_files
from docgen.settings import Settings

#: The day the checker tests take for today (undated drafts are judged against it).
TODAY = dt.date(2026, 12, 7)


def shipped_registry() -> ActRegistry:
    """Return the registry of cited acts shipped in variables/ (every level)."""
    variables_dir = Settings().variables_dir
    return load_registry(registry_files(variables_dir), variables_dir)
