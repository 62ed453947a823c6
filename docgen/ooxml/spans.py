"""Each paragraph's own XML as it stands in a part's bytes, found without serialising.

A reader that memoises what it takes from a paragraph needs a key that is the paragraph's
XML; cutting it out of the part's bytes is much faster than ``etree.tostring``. The cut
is exact only on a plain shape, so :func:`paragraph_sources` refuses every other one::

    <w:document xmlns:w="…main" xmlns:r="…">   every namespace declared here, «w» the only
      <w:body><w:p …>…</w:p><w:p/>…            prefix of WordprocessingML; no comments,
                                               CDATA, DTD or processing instructions
"""

from __future__ import annotations

import re

from .body import PARAGRAPH
from .ns import W_NS

_ROOT_START_RE = re.compile(
    rb"""<(?![?!])[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*>"""
)
#: Markup the index does not allow: comments, CDATA, DTD, processing instructions.
_MARKUP_RE = re.compile(rb"<[!?]")
# -- one literal first character keeps the scan fast --
# -- (a group in a top-level alternative does not) --
_P_TAG_RE = re.compile(rb"<(?:w:p[\s/>]|(/)w:p\s*>)")
_P_START_RE = re.compile(rb"""<w:p(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(/?)>""")


def paragraph_sources(data: bytes, root) -> tuple[bytes, dict] | None:
    """Return (the root element's start tag, paragraph element → its XML in `data`) for
    the part `data` parsed as `root`; None when the part's shape does not allow the cut.

    The start tag carries the namespace declarations every paragraph's XML depends on.
    """
    start = _ROOT_START_RE.search(data)
    if start is None or _MARKUP_RE.search(data, 1) or data.find(b"xmlns", start.end()) != -1:
        return None
    nsmap = root.nsmap
    if nsmap.get("w") != W_NS or sum(uri == W_NS for uri in nsmap.values()) != 1:
        return None
    spans: list[tuple[int, int]] = []
    stack: list[int] = []
    for match in _P_TAG_RE.finditer(data, start.end()):
        if match.group(1):
            if not stack:
                return None
            spans.append((stack.pop(), match.end()))
            continue
        tag = _P_START_RE.match(data, match.start())
        if tag is None:
            return None
        if tag.group(1):
            spans.append((match.start(), tag.end()))
        else:
            stack.append(match.start())
    elements = list(root.iter(PARAGRAPH))
    if stack or len(spans) != len(elements):
        return None
    spans.sort()
    return start.group(0), {el: data[a:b] for el, (a, b) in zip(elements, spans, strict=False)}
