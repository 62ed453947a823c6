"""Placeholders for unknown values: how they travel through rendering and come out.

An unknown value becomes a :class:`Missing` string wrapped in private-use marker
characters. Filters pass it through unchanged; after rendering, docgen.render turns each
marked span into a highlighted run «[не заполнено: …]» and lists it in the result.

Whatever a template does with an unknown value, it stays unknown: an attribute of it, a
call of it, and (for an unknown list or mapping, :class:`MissingItems`) each item of it —
so ``{% for b in service.legal_bases %}{{ b.title }}`` over ``!unknown`` shows one
placeholder instead of failing on the characters of a string.
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
        # -- `signer.name.forms` and the like on an unknown value stay unknown; the names
        #    the sandbox asks before a call are not attributes (or nothing could be called) --
        if name.startswith("_") or name in _NOT_ATTRIBUTES:
            raise AttributeError(name)
        return self

    def __call__(self, *args, **kwargs):
        # -- `act.text('ablt')` on an unknown act is as unknown as the act --
        return self


class MissingItems(Missing):
    """A placeholder for an unknown list (``act.points: !unknown``).

    It iterates as one unknown `item` (itself when none is given), and any index gives that
    item, so a loop over it prints the placeholder once and ``rows[n - 1].figures`` stays
    unknown.
    """

    def __new__(cls, label: str, item=None, prefix: str = PREFIX):
        obj = super().__new__(cls, label, prefix)
        obj.item = obj if item is None else item
        return obj

    def __iter__(self):
        yield self.item

    def __getitem__(self, key):
        return self.item if isinstance(key, int) else self


#: Attributes the Jinja sandbox and markupsafe look up on a value before using it.
_NOT_ATTRIBUTES = frozenset({"unsafe_callable", "alters_data", "jinja_pass_arg"})


def visible(label_text: str) -> str:
    """Return the text a reader sees for a placeholder body («[не заполнено: …]»)."""
    return f"[{label_text}]"


def labels_in(text: str) -> list[str]:
    """Return the labels of the placeholders in `text`, in order, without repeats."""
    seen: dict[str, None] = {}
    for match in MARKED_RE.finditer(text):
        seen.setdefault(match.group(1).removeprefix(PREFIX), None)
    return list(seen)
