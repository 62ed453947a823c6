"""String helpers for one paragraph's markup, shared by the render-time edits.

The shape they expect is the one every writer produces (ECMA-376 §17.3.1): a paragraph
starts with its properties, and those start with the style::

    <w:p …><w:pPr><w:pStyle w:val="ID"/><w:keepNext/>…</w:pPr><w:r>…<w:t>text</w:t></w:r></w:p>

A nested paragraph (a text box inside a run) is not looked into.
"""

from __future__ import annotations

import re

PARAGRAPH_CLOSE = "</w:p>"
_TEXT_RE = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")


def paragraph_start(xml: str, before: int) -> int:
    """Return where the last paragraph starting before `before` starts (-1: none)."""
    # -- one backward search: ``<w:pPr>`` and ``<w:pStyle`` on the way are skipped --
    pos = before
    while (pos := xml.rfind("<w:p", 0, pos)) >= 0:
        if xml.startswith((">", " "), pos + 4):
            return pos
    return -1


def text_of(paragraph: str) -> str:
    """Return the text of `paragraph`: its ``<w:t>`` nodes joined (markup not decoded)."""
    return "".join(_TEXT_RE.findall(paragraph))


def has_paragraph_property(paragraph: str, prop: str) -> bool:
    """Return True when the ``w:pPr`` of `paragraph` holds `prop` (``"<w:keepNext/>"``)."""
    open_end = paragraph.find(">") + 1
    if not paragraph.startswith("<w:pPr>", open_end):
        return False
    return prop in paragraph[open_end : paragraph.find("</w:pPr>", open_end)]


def with_paragraph_property(paragraph: str, prop: str, *, last: bool = False) -> str:
    """Return `paragraph` with the element `prop` added to its ``w:pPr`` (made if missing).

    `prop` goes after ``w:pStyle`` (schema order for ``w:keepNext``, ``w:keepLines``…),
    or at the end of ``w:pPr`` when `last` (``w:sectPr``)::

        <w:p><w:pPr><w:pStyle w:val="a"/></w:pPr>…  →  <w:p><w:pPr><w:pStyle w:val="a"/>PROP…
        <w:p><w:r>…                                 →  <w:p><w:pPr>PROP</w:pPr><w:r>…
    """
    open_end = paragraph.find(">") + 1
    if paragraph.startswith("<w:pPr/>", open_end):
        return f"{paragraph[:open_end]}<w:pPr>{prop}</w:pPr>{paragraph[open_end + 8 :]}"
    if not paragraph.startswith("<w:pPr>", open_end):
        return f"{paragraph[:open_end]}<w:pPr>{prop}</w:pPr>{paragraph[open_end:]}"
    if last:
        at = paragraph.find("</w:pPr>", open_end)
    else:
        at = open_end + len("<w:pPr>")
        if paragraph.startswith("<w:pStyle ", at):
            at = paragraph.find("/>", at) + 2
    return paragraph[:at] + prop + paragraph[at:]


def uses_style(xml: str, style_id: str) -> bool:
    """Return True when a paragraph of `xml` is in the style `style_id`."""
    return f'<w:pStyle w:val="{style_id}"/>' in xml
