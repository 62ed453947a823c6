"""Section properties (``w:sectPr``) in a body's XML: joining bodies into sections, and
reading each section's page.

A body's last child is its final section's properties; every earlier section ends on
the paragraph whose ``w:pPr`` carries them::

    <w:p>…</w:p><w:p><w:pPr><w:sectPr>SECTION 1</w:sectPr></w:pPr>…</w:p>
    <w:p>…</w:p><w:sectPr>SECTION 2 (the last)</w:sectPr>

    <w:sectPr><w:headerReference w:type="default" r:id="rId9"/><w:type w:val="continuous"/>
      <w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>
      <w:pgMar w:top="1134" w:right="567" w:bottom="1134" w:left="1701" w:header="709" …/>
      <w:pgNumType w:start="1"/><w:titlePg/></w:sectPr>

Joining is string operations on these known shapes (they run for every document
rendered); reading parses (:class:`SectionProperties`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import body as _body
from .markup import paragraph_start, with_paragraph_property
from .ns import R_NS
from .tree import W, attr, is_on, parse, to_int

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


# -- reading ----------------------------------------------------------------------------

_TYPE, _PG_SZ, _PG_MAR, _TITLE_PG = W + "type", W + "pgSz", W + "pgMar", W + "titlePg"
_PG_NUM, _HEADER_REF, _RID, _T = W + "pgNumType", W + "headerReference", f"{{{R_NS}}}id", W + "t"
MARGINS = ("left", "right", "top", "bottom", "header", "footer", "gutter")


@dataclass(frozen=True)
class SectionProperties:
    """What a ``w:sectPr`` says, lengths in twips.

    `start` is how the section begins (``w:type``: «nextPage», «continuous», «evenPage»…);
    `width`, `height` and `orient` are None when ``w:pgSz`` does not give them; `margins`
    has every key of :data:`MARGINS` (0 when not given); `page_start` is the page number
    the section restarts at; `headers` are the (type, relationship id) of its header
    references in order.
    """

    start: str = "nextPage"
    width: int | None = None
    height: int | None = None
    orient: str | None = None
    margins: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MARGINS, 0))
    title_page: bool = False
    page_start: int | None = None
    headers: tuple[tuple[str, str | None], ...] = ()


def section_properties(sect) -> SectionProperties:
    """Return what the ``w:sectPr`` element `sect` says."""
    size = sect.find(_PG_SZ)
    mar = sect.find(_PG_MAR)
    start = attr(sect.find(_PG_NUM), "start")
    return SectionProperties(
        start=attr(sect.find(_TYPE), "val") or "nextPage",
        width=to_int(attr(size, "w")),
        height=to_int(attr(size, "h")),
        orient=attr(size, "orient"),
        # -- a negative top or bottom margin keeps its distance (the text may not move
        # -- for the header), so the distance is what counts --
        margins={key: abs(to_int(attr(mar, key)) or 0) for key in MARGINS},
        title_page=bool(is_on(sect.find(_TITLE_PG))),
        page_start=int(start) if start and start.isdigit() else None,
        headers=tuple(
            (attr(ref, "type") or "default", ref.get(_RID)) for ref in sect.findall(_HEADER_REF)
        ),
    )


@dataclass(frozen=True)
class BodySection:
    """A section of a body: its properties and its first paragraph text that is not blank
    (stripped; "" when it has none)."""

    properties: SectionProperties
    first_text: str


def body_sections(document_xml: bytes | str) -> list[BodySection]:
    """Return the sections of the document part `document_xml` in order.

    Raises XmlError when it is not well-formed, ValueError when it has no body.
    """
    body = _body.document_body(parse(document_xml))
    if body is None:
        raise ValueError("no w:body")
    sections = []
    first = ""
    for paragraph in body.iter(_body.PARAGRAPH):
        if not first:
            first = "".join(t.text or "" for t in paragraph.iter(_T)).strip()
        sect = _body.paragraph_section(paragraph)
        if sect is not None:
            sections.append(BodySection(section_properties(sect), first))
            first = ""
    final = _body.final_section(body)
    if final is not None:
        sections.append(BodySection(section_properties(final), first))
    return sections
