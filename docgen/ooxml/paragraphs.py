"""Reading a story part's paragraphs: text, whether in a table, whether Word numbers them.

Parsed with :func:`~docgen.ooxml.tree.parse` (template parts are read once per lint, not
per document). Word's automatic numbering is ``w:numPr`` in the paragraph's properties or
in its style's::

    <w:p><w:pPr><w:pStyle w:val="ListNumber"/><w:numPr><w:numId w:val="3"/></w:numPr>…
    <w:style w:styleId="ListNumber"><w:pPr><w:numPr>…</w:numPr></w:pPr></w:style>
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .ns import qn
from .tree import XmlError, parse

_P, _T, _TC = qn("w:p"), qn("w:t"), qn("w:tc")
_PSTYLE = f"{qn('w:pPr')}/{qn('w:pStyle')}"
_NUMPR = f"{qn('w:pPr')}/{qn('w:numPr')}"
_VAL, _STYLE_ID = qn("w:val"), qn("w:styleId")
__all__ = ["Paragraph", "XmlError", "numbered_styles", "paragraphs"]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of `part`: its 1-based `index` there, `text`, whether it stands in a
    table cell and whether Word numbers it automatically."""

    part: str
    index: int
    text: str
    in_table: bool
    numbered: bool


def paragraphs(part: str, xml: str | bytes, numbered_styles=frozenset()) -> Iterator[Paragraph]:
    """Yield every paragraph of the part `part` (its XML `xml`), nested ones included.

    `numbered_styles` are the style ids that switch numbering on (:func:`numbered_styles`).
    Raises XmlError when `xml` is not well-formed.
    """
    root = parse(xml)
    for i, p in enumerate(root.iter(_P), 1):
        text = "".join(t.text or "" for t in p.iter(_T))
        in_table = any(a.tag == _TC for a in p.iterancestors())
        style = p.find(_PSTYLE)
        numbered = p.find(_NUMPR) is not None or (
            style is not None and style.get(_VAL) in numbered_styles
        )
        yield Paragraph(part, i, text, in_table, numbered)


def numbered_styles(styles_xml: str | bytes | None) -> frozenset[str]:
    """Return the ids of the paragraph styles that switch Word's automatic numbering on;
    none when the styles part is missing or broken."""
    if not styles_xml:
        return frozenset()
    try:
        root = parse(styles_xml)
    except XmlError:
        return frozenset()
    return frozenset(
        s.get(_STYLE_ID) for s in root.iter(qn("w:style")) if s.find(_NUMPR) is not None
    )
