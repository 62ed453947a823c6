"""HTML preview of a generated .docx: paragraphs by docgen style, placeholders highlighted.

docgen's documents use its own paragraph styles, so the text view needs only paragraphs
(classed by style), tables and tabs: the XML is read directly with lxml, about ten times
faster than a general converter. Every text is escaped; links, images and fields become
their plain text, so nothing in a document can inject markup or a link.
"""

from __future__ import annotations

import html
import io
import re
import zipfile

from lxml import etree
from markupsafe import Markup

from docgen import PARAGRAPH_STYLES as STYLES

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: docgen's paragraph style names → HTML classes (alignment and indents from style.css).
STYLE_CLASSES = {s.name: f"s-{s.key}" for s in STYLES.values()}
_PLACEHOLDER_RE = re.compile(r"\[(?:не заполнено|проверить): [^\]<]*\]")
_MARK_RE = re.compile(r'<p class="s-mark(?:land)?">')
_SIGN_RE = re.compile(r'<p class="s-sign">([^<\t]*(?:<[^>]+>[^<\t]*)*?)\t(.*?)</p>')
#: Elements whose text is never shown: deleted text, field codes, drawings' alt text.
_SKIP = {f"{_W}del", f"{_W}instrText", f"{_W}delText", f"{_W}rPr", f"{_W}pPr"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def docx_to_html(data: bytes) -> Markup:
    """Return the body of .docx `data` as safe HTML; «[не заполнено: …]» become <mark>."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            body = etree.fromstring(zf.read("word/document.xml"), _PARSER).find(f"{_W}body")
            styles = _style_names(zf)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):
        return Markup('<p class="muted">Предпросмотр недоступен: документ не читается.</p>')
    pieces: list[str] = []
    for child in body if body is not None else ():
        _block(child, styles, pieces)
    html_text = _PLACEHOLDER_RE.sub(
        lambda m: f'<mark class="placeholder">{m.group()}</mark>', "".join(pieces)
    )
    # -- the signature: position at the left, name at the right margin (a tab in Word) --
    html_text = _SIGN_RE.sub(r'<p class="s-sign"><span>\1</span><span>\2</span></p>', html_text)
    return Markup(_section_breaks(html_text))


def _style_names(zf: zipfile.ZipFile) -> dict[str, str]:
    """Return paragraph style id → class (only docgen's styles get one)."""
    try:
        root = etree.fromstring(zf.read("word/styles.xml"), _PARSER)
    except (KeyError, etree.XMLSyntaxError):
        return {}
    out = {}
    for style in root.iter(f"{_W}style"):
        name = style.find(f"{_W}name")
        css = STYLE_CLASSES.get(name.get(f"{_W}val")) if name is not None else None
        if css:
            out[style.get(f"{_W}styleId")] = css
    return out


def _block(node, styles: dict[str, str], out: list[str]) -> None:
    if node.tag == f"{_W}p":
        text = _text(node)
        if not text.strip():
            return
        style = node.find(f"{_W}pPr/{_W}pStyle")
        css = styles.get(style.get(f"{_W}val")) if style is not None else None
        attr = f' class="{css}"' if css else ""
        out.append(f"<p{attr}>{html.escape(text, quote=False)}</p>")
    elif node.tag == f"{_W}tbl":
        out.append("<table>")
        for row in node.iter(f"{_W}tr"):
            out.append("<tr>")
            for cell in row.iterchildren(f"{_W}tc"):
                out.append("<td>")
                for child in cell:
                    _block(child, styles, out)
                out.append("</td>")
            out.append("</tr>")
        out.append("</table>")
    elif node.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
        for child in node:
            _block(child, styles, out)


def _text(paragraph) -> str:
    parts: list[str] = []

    def walk(node) -> None:
        for child in node:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == f"{_W}t":
                parts.append(child.text or "")
            elif tag == f"{_W}tab":
                parts.append("\t")
            elif tag in (f"{_W}br", f"{_W}cr"):
                parts.append("\n")
            else:
                walk(child)

    walk(paragraph)
    return "".join(parts)


def _section_breaks(text: str) -> str:
    """Return `text` with a rule before each approval mark that follows other content."""
    pieces, pos = [], 0
    for match in _MARK_RE.finditer(text):
        previous = text.rfind("<p", 0, match.start())
        if previous > 0 and not text.startswith('<p class="s-mark', previous):
            pieces += [text[pos : match.start()], '<hr class="section-break">']
            pos = match.start()
    return "".join(pieces) + text[pos:]
