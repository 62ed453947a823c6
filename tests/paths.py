"""Where the tests find the repository's own files (the shipped library, the seeds)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = REPO / "templates_docx"
VARIABLES = REPO / "variables"
SEEDS = REPO / "tests" / "data" / "seeds"
