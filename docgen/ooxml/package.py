"""A package's relationships (which part is the body, the styles, a header) and settings.

The shapes read (ECMA-376 part 2 for relationships)::

    _rels/.rels:  <Relationships …><Relationship Id="rId1" Target="word/document.xml"
                    Type="…/officeDocument/2006/relationships/officeDocument"/>…
    word/_rels/document.xml.rels:  <Relationship Id="rId9" Type="…/header" Target="header1.xml"/>
    word/settings.xml:  <w:settings …><w:autoHyphenation/>…</w:settings>

Relationship targets are relative to the folder of the part that has them.
"""

from __future__ import annotations

import posixpath

from .tree import W, is_on

#: The package's own relationships (the part every package must name its body in).
ROOT_RELS = "_rels/.rels"
_AUTO_HYPHENATION = W + "autoHyphenation"


def rels_name(part: str) -> str:
    """Return the name of the relationships part of `part`.

    «word/document.xml» → «word/_rels/document.xml.rels».
    """
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def main_part(root) -> str | None:
    """Return the name of the main document part the package relationships `root` (the
    parsed ``_rels/.rels``) point to, or None."""
    for rel in root:
        if rel.get("Type", "").endswith("/officeDocument"):
            return rel.get("Target", "").lstrip("/")
    return None


def relationships(root, part: str) -> dict[str, tuple[str, str]]:
    """Return id → (type, part name) of the internal relationships `root` of `part`.

    The type is the last segment of the relationship type («header», «styles», «theme»);
    external targets (hyperlinks) are left out.
    """
    folder = posixpath.dirname(part)
    out = {}
    for rel in root:
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        path = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        out[rel.get("Id")] = (rel.get("Type", "").rsplit("/", 1)[-1], path)
    return out


def auto_hyphenation(root) -> bool:
    """Return True when the settings part `root` switches automatic hyphenation on."""
    return bool(is_on(root.find(_AUTO_HYPHENATION)))
