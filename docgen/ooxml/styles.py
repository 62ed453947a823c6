"""The style definitions part (``word/styles.xml``) as text: styles by id and name, the
styles a later part adds to a package, the document's font and size.

The shapes (python-docx, Word and LibreOffice write them so)::

    <w:styles …><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" …/>
      <w:sz w:val="28"/><w:szCs w:val="28"/>…</w:rPr></w:rPrDefault>…</w:docDefaults>
      <w:style w:type="paragraph" w:styleId="ID"><w:name w:val="NAME"/>…</w:style>…</w:styles>
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_STYLE_RE = re.compile(r'<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>.*?</w:style>', re.S)
_NAME_RE = re.compile(r'<w:name w:val="([^"]*)"/>')
_FONT_ATTR_RE = re.compile(r'(w:(?:ascii|hAnsi|cs|eastAsia)=")[^"]*(")')
_DEFAULT_SIZE_RE = re.compile(r'<w:rPrDefault>.*?<w:sz w:val="(\d+)"', re.S)
_STYLES_CLOSE = "</w:styles>"


def styles(styles_xml: str) -> Iterator[tuple[str, str]]:
    """Yield (style id, the style's whole ``<w:style>…</w:style>``) in document order."""
    for match in _STYLE_RE.finditer(styles_xml):
        yield match.group(1), match.group(0)


def style_id(styles_xml: str, name: str) -> str | None:
    """Return the id of the style named `name` (as Word shows it), or None."""
    for sid, xml in styles(styles_xml):
        found = _NAME_RE.search(xml)
        if found and found.group(1) == name:
            return sid
    return None


def with_styles_of(styles_xml: str, others: Iterable[str]) -> str:
    """Return `styles_xml` with every style of the `others` parts whose id it lacks added
    at its end (the first definition of an id wins)."""
    have = {sid for sid, _ in styles(styles_xml)}
    extra = []
    for other in others:
        for sid, xml in styles(other):
            if sid not in have:
                have.add(sid)
                extra.append(xml)
    if not extra:
        return styles_xml
    cut = styles_xml.rfind(_STYLES_CLOSE)
    return styles_xml[:cut] + "".join(extra) + styles_xml[cut:]


def with_font(styles_xml: str, font: str | None = None, size_pt: int | None = None) -> str:
    """Return `styles_xml` with every font named `font` and the default size `size_pt`.

    Every ``w:ascii``/``w:hAnsi``/``w:cs``/``w:eastAsia`` attribute takes the font; every
    ``<w:sz>``/``<w:szCs>`` equal to the default size (``w:rPrDefault``) takes the new one,
    so styles with their own size (tables: 12 pt) keep it.
    """
    if font:
        safe = font.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        styles_xml = _FONT_ATTR_RE.sub(lambda m: m.group(1) + safe + m.group(2), styles_xml)
    if size_pt:
        default = _DEFAULT_SIZE_RE.search(styles_xml)
        new = str(size_pt * 2)
        if default and default.group(1) != new:
            old = default.group(1)
            styles_xml = styles_xml.replace(f'<w:sz w:val="{old}"/>', f'<w:sz w:val="{new}"/>')
            styles_xml = styles_xml.replace(f'<w:szCs w:val="{old}"/>', f'<w:szCs w:val="{new}"/>')
    return styles_xml
