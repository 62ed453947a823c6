"""Pagination fit for signing, set on a rendered body: what must not end a page.

* A lead-in — a paragraph whose text ends with «:» («3.2. Задачами МИМС являются:», the
  preamble before «ПРИКАЗЫВАЮ:») — keeps with the next paragraph, so a page never ends
  on it.
* The act's last clause and the empty paragraphs between it and the signature keep with
  the next, so the signature never stands alone at the top of a page; likewise the last
  paragraph of any part never stands alone on its last page.

Both add ``<w:keepNext/>`` to a paragraph's properties (after its ``w:pStyle``)::

    <w:p><w:pPr><w:pStyle w:val="Текст"/></w:pPr><w:r><w:t>Задачами МИМС являются:</w:t></w:r></w:p>
    → <w:p><w:pPr><w:pStyle w:val="Текст"/><w:keepNext/></w:pPr>…</w:p>

Paragraphs in table cells are left alone (there ``w:keepNext`` ties table rows together).
They run for every document: string operations, the body is scanned once.
"""

from __future__ import annotations

import re

from .markup import (
    PARAGRAPH_CLOSE,
    has_paragraph_property,
    paragraph_start,
    text_of,
    with_paragraph_property,
)

KEEP_NEXT = "<w:keepNext/>"
#: What may follow the colon in the text node that ends a lead-in.
_LEAD_IN_END_RE = re.compile(r":\s*</w:t>")
_TABLE_TAIL = "w:tbl>"


def keep_lead_ins_with_next(body: str) -> str:
    """Return `body` where every paragraph outside tables whose text ends with «:» keeps
    with the next paragraph."""
    tables = None
    spans = []
    for match in _LEAD_IN_END_RE.finditer(body):
        end = body.find(PARAGRAPH_CLOSE, match.end())
        if end < 0:
            continue
        tail = body[match.end() : end]
        if ("<w:t>" in tail or "<w:t " in tail) and text_of(tail).strip():
            continue  # -- more text follows in the paragraph --
        start = paragraph_start(body, match.start())
        if tables is None:
            tables = _table_spans(body)
        if start < 0 or any(a < start < b for a, b in tables):
            continue
        spans.append((start, end + len(PARAGRAPH_CLOSE)))
    return _keep_next(body, spans)


def keep_with_signature(body: str, style_id: str) -> str:
    """Return `body` where the paragraphs before the first one in style `style_id` (the
    signature), back to and including the last one with text, keep with the next.

    Only paragraphs directly before it count: a table or a cell ends the walk.
    """
    found = body.find(f'<w:pStyle w:val="{style_id}"/>')
    if found < 0:
        return body
    return _keep_next(body, _lead_up(body, paragraph_start(body, found)))


def keep_ending_together(body: str) -> str:
    """Return `body` whose last paragraph with text never stands alone on a page: the
    paragraphs before it, back to and including the previous one with text, keep with
    the next. Nothing changes when a table comes first (its rows keep their own way).
    """
    end = len(body)
    while (paragraph := _paragraph_before(body, end)) is not None:
        start, end = paragraph
        if text_of(body[start:end]).strip():
            return _keep_next(body, _lead_up(body, start))
        end = start
    return body


def _lead_up(body: str, start: int) -> list[tuple[int, int]]:
    """Return the spans of the paragraphs directly before the one at `start`, back to and
    including the first one with text, in order."""
    spans = []
    while (paragraph := _paragraph_before(body, start)) is not None:
        spans.append(paragraph)
        start = paragraph[0]
        if text_of(body[paragraph[0] : paragraph[1]]).strip():
            break
    return spans[::-1]


def _paragraph_before(body: str, pos: int) -> tuple[int, int] | None:
    """Return (start, end) of the paragraph that ends right before `pos` (whitespace
    between them allowed); None when something else does (a table, a cell's end)."""
    end = pos
    while end and body[end - 1].isspace():
        end -= 1  # -- line breaks Jinja tags leave between paragraphs --
    if end <= 0 or not body.endswith(PARAGRAPH_CLOSE, 0, end):
        return None
    start = paragraph_start(body, end)
    return (start, end) if start >= 0 else None


def _keep_next(body: str, spans: list[tuple[int, int]]) -> str:
    """Return `body` with ``w:keepNext`` added to the paragraphs at `spans` (in order)."""
    if not spans:
        return body
    out = []
    pos = 0
    for start, end in spans:
        if start < pos:
            continue  # -- the same paragraph twice --
        paragraph = body[start:end]
        out.append(body[pos:start])
        # -- an explicit <w:keepNext w:val="0"/> is the editor's choice: left as it is --
        if has_paragraph_property(paragraph, "<w:keepNext"):
            out.append(paragraph)
        else:
            out.append(with_paragraph_property(paragraph, KEEP_NEXT))
        pos = end
    out.append(body[pos:])
    return "".join(out)


def _table_spans(body: str) -> list[tuple[int, int]]:
    """Return (start, end) of every outermost table in `body`.

    One split on ``w:tbl>`` finds both ``<w:tbl>`` and ``</w:tbl>`` (``<w:tblPr>`` has no
    such tail): a piece ending with ``<`` precedes an opening, one ending with ``</`` a close.
    """
    pieces = body.split(_TABLE_TAIL)
    spans = []
    depth = start = pos = 0
    for piece in pieces[:-1]:
        pos += len(piece)
        if piece.endswith("</"):
            depth -= 1
            if depth == 0:
                spans.append((start, pos + len(_TABLE_TAIL)))
            depth = max(depth, 0)
        elif piece.endswith("<"):
            if depth == 0:
                start = pos - 1
            depth += 1
        pos += len(_TABLE_TAIL)
    return spans
