"""Plain text → :class:`DocModel`: one line is one paragraph.

Lines are counted as docs/reference/gost.md §4 counts them.

Text extracted from DOCX/PDF breaks sentences across lines; the rules that care
(T-13 broken paragraphs) look at neighbouring lines, the rest read each line alone.
Empty lines stay in the model (role «empty») so that line numbers and blocks survive.
"""

from __future__ import annotations

from .model import DocModel, Para
from .patterns import strip_marks


def read_text(text: str) -> DocModel:
    """Return the model of plain `text` (no formatting, no sections)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    model = DocModel(source="text")
    for i, line in enumerate(lines):
        model.paragraphs.append(Para(index=i, text=line, line=i + 1, clean=strip_marks(line)))
    return model
