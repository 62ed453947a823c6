"""The built-in rules; importing this package registers them all.

Text rules (run on .docx and .txt): typography, dates, numbering, lists, artefacts,
abbreviations, consistency, act, appendix. Layout rules (.docx only, template-dependent):
page, formatting.
"""

from . import (
    abbreviations,
    act,
    appendix,
    artefacts,
    consistency,
    dates,
    formatting,
    lists,
    numbering,
    page,
    typography,
)

__all__ = [
    "abbreviations",
    "act",
    "appendix",
    "artefacts",
    "consistency",
    "dates",
    "formatting",
    "lists",
    "numbering",
    "page",
    "typography",
]
