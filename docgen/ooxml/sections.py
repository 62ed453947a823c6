"""Section properties (``w:sectPr``) in a body's XML: joining bodies into sections.

A body's last child is its final section's properties; every earlier section ends on
the paragraph whose ``w:pPr`` carries them::

    <w:p>…</w:p><w:p><w:pPr><w:sectPr>SECTION 1</w:sectPr></w:pPr>…</w:p>
    <w:p>…</w:p><w:sectPr>SECTION 2 (the last)</w:sectPr>

String operations on these known shapes: they run for every document rendered.
"""

from __future__ import annotations

import re

from .markup import paragraph_start, with_paragraph_property

_SECT_OPEN = "<w:sectPr"
_SECT_CLOSE = "</w:sectPr>"
_HEADER_REF_RE = re.compile(r"<w:(?:header|footer)Reference\b[^>]*/>")
_PAGE_RESTART_RE = re.compile(r'(<w:pgNumType\b[^>]*?) w:start="\d+"')


def split_final_section(body: str) -> tuple[str, str]:
    """Return (content, final ``w:sectPr``) of `body`; the second is "" when it has none.

    ``<w:p>…</w:p><w:sectPr>…</w:sectPr>`` → (``<w:p>…</w:p>``, ``<w:sectPr>…</w:sectPr>``).
    """
    cut = body.rfind(_SECT_OPEN)
    end = body.rfind(_SECT_CLOSE)
    if cut < 0 or end < cut:
        return body, ""
    return body[:cut], body[cut : end + len(_SECT_CLOSE)]


def final_section(body: str) -> str:
    """Return the final ``<w:sectPr>…</w:sectPr>`` of `body` ("" when it has none)."""
    return split_final_section(body)[1]


def header_references(sect: str) -> str:
    """Return the header and footer references of `sect`, as they stand, joined.

    ``<w:sectPr><w:headerReference w:type="default" r:id="rId9"/>…`` → the reference tags.
    """
    return "".join(_HEADER_REF_RE.findall(sect))


def with_header_references(sect: str, references: str) -> str:
    """Return `sect` with its header/footer references replaced by `references`.

    The new ones go first, where the schema puts them: ``<w:sectPr …>REFERENCES<w:pgSz …``.
    (Relationship ids are the first part's: every section shows the package's headers.)
    """
    sect = _HEADER_REF_RE.sub("", sect)
    return sect.replace(">", ">" + references, 1)


def without_page_restart(sect: str) -> str:
    """Return `sect` numbering its pages on from the previous section's.

    ``<w:pgNumType w:fmt="decimal" w:start="1"/>`` → ``<w:pgNumType w:fmt="decimal"/>``.
    """
    return _PAGE_RESTART_RE.sub(r"\1", sect)


def end_section(content: str, sect: str) -> str:
    """Return `content` whose last paragraph carries `sect`, ending a section there.

    ``…<w:p><w:pPr><w:pStyle w:val="a"/></w:pPr>…</w:p>`` →
    ``…<w:p><w:pPr><w:pStyle w:val="a"/>SECT</w:pPr>…</w:p>`` (a paragraph without
    ``w:pPr`` gets one). When `content` does not end with a paragraph, or its last one
    already ends a section, an empty paragraph carrying `sect` is added.
    """
    if not sect:
        return content
    if content.endswith("</w:p>"):
        start = paragraph_start(content, len(content))
        paragraph = content[start:]
        if _SECT_OPEN not in paragraph:
            return content[:start] + with_paragraph_property(paragraph, sect, last=True)
    return content + "<w:p><w:pPr>" + sect + "</w:pPr></w:p>"
