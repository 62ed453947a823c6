"""A generated document as a text view shows it: blocks in reading order, each paragraph
with docgen's paragraph style and its text cut at the placeholders.

::

    from docgen import text_view, TextParagraph

    for block in text_view(result.docx):
        if isinstance(block, TextParagraph) and block.role == "sign":
            position, _, name = block.text.partition("\\t")

A paragraph's `style` is docgen's :class:`~docgen.layout.ParagraphStyle` (its role
``key``, alignment, first-line indent …) when the document's style of that name is one of
docgen's (:data:`docgen.layout.STYLES`), else None. Its `spans` are its text cut into
plain text and placeholders «[не заполнено: …]» / «[проверить: …]» (a draft shows them
highlighted). The XML is read by :mod:`docgen.ooxml.textview`.
"""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass

from .errors import CheckInputError
from .layout import STYLES, ParagraphStyle
from .ooxml.ns import DOCUMENT
from .ooxml.ns import STYLES as STYLES_PART
from .ooxml.parts import PackageError, read_parts
from .ooxml.textview import ViewParagraph, read_view
from .ooxml.tree import XmlError
from .placeholders import PREFIX, REVIEW_PREFIX

#: A placeholder as the reader sees it.
PLACEHOLDER_RE = re.compile(
    r"\[(?:" + "|".join(re.escape(p) for p in (PREFIX, REVIEW_PREFIX)) + r")[^\]]*\]"
)
_BY_NAME = {style.name: style for style in STYLES.values()}


@dataclass(frozen=True)
class Span:
    """A piece of a paragraph's text; `placeholder` when it is «[не заполнено: …]» or
    «[проверить: …]»."""

    text: str
    placeholder: bool = False


@dataclass(frozen=True)
class TextParagraph:
    """A paragraph: its text (tabs and line breaks as ``\\t`` and ``\\n``), docgen's style
    (None for any other style) and the text cut into spans."""

    text: str
    style: ParagraphStyle | None
    spans: tuple[Span, ...]

    @property
    def role(self) -> str | None:
        """Return the style's key («text», «sign», «mark» …), None for other styles."""
        return self.style.key if self.style else None


@dataclass(frozen=True)
class TextTable:
    """A table: its rows, each a tuple of cells, each cell a tuple of blocks."""

    rows: tuple[tuple[tuple[TextParagraph | TextTable, ...], ...], ...]


def text_view(docx: bytes) -> tuple[TextParagraph | TextTable, ...]:
    """Return the body of the .docx `docx` as blocks: paragraphs and tables, in order.

    Raises CheckInputError when `docx` is not a .docx or its document part is not XML.
    """
    try:
        _, parts = read_parts(
            io.BytesIO(docx), lambda names: [n for n in (DOCUMENT, STYLES_PART) if n in names]
        )
    except (PackageError, zlib.error, NotImplementedError, RuntimeError) as exc:
        raise CheckInputError(f"документ не читается как .docx: {exc}") from None
    if DOCUMENT not in parts:
        raise CheckInputError(f"документ не читается как .docx: нет части {DOCUMENT}")
    try:
        blocks = read_view(parts[DOCUMENT], parts.get(STYLES_PART))
    except XmlError as exc:
        raise CheckInputError(f"документ не читается как .docx: {exc}", DOCUMENT) from None
    return _blocks(blocks)


def _blocks(blocks) -> tuple[TextParagraph | TextTable, ...]:
    return tuple(
        _paragraph(b)
        if isinstance(b, ViewParagraph)
        else TextTable(tuple(tuple(_blocks(cell) for cell in row) for row in b.rows))
        for b in blocks
    )


def _paragraph(p: ViewParagraph) -> TextParagraph:
    return TextParagraph(p.text, _BY_NAME.get(p.style or ""), spans(p.text))


def spans(text: str) -> tuple[Span, ...]:
    """Return `text` cut into plain spans and placeholder spans (no empty ones)."""
    out: list[Span] = []
    pos = 0
    for match in PLACEHOLDER_RE.finditer(text):
        if match.start() > pos:
            out.append(Span(text[pos : match.start()]))
        out.append(Span(match.group(), True))
        pos = match.end()
    if pos < len(text):
        out.append(Span(text[pos:]))
    return tuple(out)
