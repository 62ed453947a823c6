"""HTML preview of a generated .docx (mammoth), placeholders highlighted."""

from __future__ import annotations

import io
import re

import mammoth
from markupsafe import Markup

from docgen.layout import STYLES

#: docgen's paragraph styles → HTML classes (alignment and indents come from style.css).
STYLE_MAP = "\n".join(f"p[style-name='{s.name}'] => p.s-{s.key}:fresh" for s in STYLES.values())
_PLACEHOLDER_RE = re.compile(r"\[не заполнено: [^\]<]*\]")


def docx_to_html(data: bytes) -> Markup:
    """Return the body of .docx `data` as safe HTML; «[не заполнено: …]» become <mark>."""
    result = mammoth.convert_to_html(io.BytesIO(data), style_map=STYLE_MAP)
    # -- mammoth escapes every text it copies, so the markup added here is the only markup --
    html = _PLACEHOLDER_RE.sub(lambda m: f'<mark class="placeholder">{m.group()}</mark>',
                               result.value)
    return Markup(html)
