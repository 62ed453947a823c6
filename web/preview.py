"""HTML preview of a generated .docx (mammoth), placeholders highlighted."""

from __future__ import annotations

import io
import re

import mammoth
from markupsafe import Markup

from docgen import PARAGRAPH_STYLES as STYLES

#: docgen's paragraph styles → HTML classes (alignment and indents come from style.css).
STYLE_MAP = "\n".join(f"p[style-name='{s.name}'] => p.s-{s.key}:fresh" for s in STYLES.values())
_PLACEHOLDER_RE = re.compile(r"\[не заполнено: [^\]<]*\]")
#: Links in a template may only point to the web or to mail; anything else is neutralised.
_UNSAFE_HREF_RE = re.compile(r'href="(?!https?://|mailto:|#)[^"]*"', re.I)
_MARK_RE = re.compile(r'<p class="s-mark(?:land)?">')
_SIGN_RE = re.compile(r'<p class="s-sign">([^<\t]*(?:<[^>]+>[^<\t]*)*?)\t(.*?)</p>')


def docx_to_html(data: bytes) -> Markup:
    """Return the body of .docx `data` as safe HTML; «[не заполнено: …]» become <mark>."""
    result = mammoth.convert_to_html(io.BytesIO(data), style_map=STYLE_MAP)
    # -- mammoth escapes every text it copies, so the markup added here is the only markup --
    html = _PLACEHOLDER_RE.sub(
        lambda m: f'<mark class="placeholder">{m.group()}</mark>', result.value
    )
    # -- the signature: position at the left, name at the right margin (a tab in Word) --
    html = _UNSAFE_HREF_RE.sub('href="#"', html)
    html = _SIGN_RE.sub(r'<p class="s-sign"><span>\1</span><span>\2</span></p>', html)
    return Markup(_section_breaks(html))


def _section_breaks(html: str) -> str:
    """Return `html` with a rule before each approval mark that follows other content."""
    pieces, pos = [], 0
    for match in _MARK_RE.finditer(html):
        previous = html.rfind("<p", 0, match.start())
        if previous > 0 and not html.startswith('<p class="s-mark', previous):
            pieces += [html[pos : match.start()], '<hr class="section-break">']
            pos = match.start()
    return "".join(pieces) + html[pos:]
