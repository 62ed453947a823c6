"""HTML preview of a generated .docx: paragraphs by docgen style, placeholders highlighted.

docgen's documents use its own paragraph styles, so the preview needs only what the
library's text view (:func:`docgen.text_view`) gives: paragraphs with their style and
placeholder spans, and tables. Every text is escaped; links, images and fields are their
plain text, so nothing in a document can inject markup or a link.
"""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from docgen import PARAGRAPH_STYLES as STYLES
from docgen import CheckInputError, TextParagraph, TextTable, text_view

#: docgen's paragraph style keys → HTML classes (alignment and indents from style.css).
STYLE_CLASSES = {s.key: f"s-{s.key}" for s in STYLES.values()}
#: The approval marks («УТВЕРЖДЕНО …») that start a document of the package.
MARK_ROLES = frozenset({"mark", "markland"})
UNREADABLE = '<p class="muted">Предпросмотр недоступен: документ не читается.</p>'


def docx_to_html(data: bytes) -> Markup:
    """Return the body of .docx `data` as safe HTML; «[не заполнено: …]» become <mark>."""
    try:
        blocks = text_view(data)
    except CheckInputError:
        return Markup(UNREADABLE)
    out: list[str] = []
    _blocks(blocks, out, [None])
    return Markup("".join(out))


def _blocks(blocks, out: list[str], last: list[str | None]) -> None:
    """Append the HTML of `blocks` to `out`; `last` holds the role of the paragraph shown
    last (None before any), for the rule before each document of the package."""
    for block in blocks:
        if isinstance(block, TextTable):
            out.append("<table>")
            for row in block.rows:
                out.append("<tr>")
                for cell in row:
                    out.append("<td>")
                    _blocks(cell, out, last)
                    out.append("</td>")
                out.append("</tr>")
            out.append("</table>")
        elif block.text.strip():
            out.append(_paragraph(block, last))


def _paragraph(p: TextParagraph, last: list[str | None]) -> str:
    role = p.role
    head = ""
    # -- each further document of the package («УТВЕРЖДЕНО …») starts after a rule --
    if role in MARK_ROLES and last[0] is not None and last[0] not in MARK_ROLES:
        head = '<hr class="section-break">'
    last[0] = role or ""
    css = STYLE_CLASSES.get(role or "")
    attr = f' class="{css}"' if css else ""
    pieces = [_span(s.text, s.placeholder) for s in p.spans]
    if role == "sign":
        pieces = _signature(p)
    return f"{head}<p{attr}>{''.join(pieces)}</p>"


def _signature(p: TextParagraph) -> list[str]:
    """Return the signature as two <span>: the position at the left, the name at the right
    margin (a tab in Word); one piece when it has no tab."""
    left: list[str] = []
    right: list[str] | None = None
    for span in p.spans:
        if right is None and not span.placeholder and "\t" in span.text:
            before, _, after = span.text.partition("\t")
            left.append(_span(before, False))
            right = [_span(after, False)]
        elif right is None:
            left.append(_span(span.text, span.placeholder))
        else:
            right.append(_span(span.text, span.placeholder))
    if right is None:
        return left
    return ["<span>", *left, "</span><span>", *right, "</span>"]


def _span(text: str, placeholder: bool) -> str:
    text = escape(text, quote=False)
    return f'<mark class="placeholder">{text}</mark>' if placeholder else text
