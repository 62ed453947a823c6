"""The built-in rules; importing this package registers them all.

Text rules (run on .docx and .txt): typography, punctuation, capitals, dates, timeline,
numbering, lists, artefacts, abbreviations, consistency, act, basis, references, appendix.
Layout rules (.docx only, template-dependent): page, formatting.
"""

from . import (
    abbreviations,
    act,
    appendix,
    artefacts,
    basis,
    capitals,
    consistency,
    dates,
    formatting,
    lists,
    numbering,
    page,
    punctuation,
    references,
    timeline,
    typography,
)

__all__ = [
    "abbreviations",
    "act",
    "appendix",
    "artefacts",
    "basis",
    "capitals",
    "consistency",
    "dates",
    "formatting",
    "lists",
    "numbering",
    "page",
    "punctuation",
    "references",
    "timeline",
    "typography",
]
