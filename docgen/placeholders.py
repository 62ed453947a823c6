"""Placeholders for unknown values: how they travel through rendering and come out.

An unknown value becomes a :class:`Missing` string wrapped in private-use marker
characters. Filters pass it through unchanged; after rendering, docgen.render turns each
marked span into a highlighted run «[не заполнено: …]» and lists it in the result.
"""

from __future__ import annotations

import re

OPEN, CLOSE = "\ue000", "\ue001"
MARKED_RE = re.compile(f"{OPEN}([^{CLOSE}]*){CLOSE}")
PREFIX = "не заполнено: "
#: The prefix of a placeholder for text docgen proposes without a source.
REVIEW_PREFIX = "проверить: "


class Missing(str):
    """A placeholder for the unknown value labelled `label`.

    `prefix` says what the reader must do: «не заполнено: » (a value to give) by default,
    «проверить: » for text docgen proposes without a source.
    """

    def __new__(cls, label: str, prefix: str = PREFIX):
        obj = super().__new__(cls, f"{OPEN}{prefix}{label}{CLOSE}")
        obj.label = label
        return obj

    def __getattr__(self, name: str):
        # -- `signer.name.forms` and the like on an unknown value stay unknown --
        if name.startswith("_"):
            raise AttributeError(name)
        return self


def visible(label_text: str) -> str:
    """Return the text a reader sees for a placeholder body («[не заполнено: …]»)."""
    return f"[{label_text}]"


def labels_in(text: str) -> list[str]:
    """Return the labels of the placeholders in `text`, in order, without repeats."""
    seen: dict[str, None] = {}
    for match in MARKED_RE.finditer(text):
        seen.setdefault(match.group(1).removeprefix(PREFIX), None)
    return list(seen)
