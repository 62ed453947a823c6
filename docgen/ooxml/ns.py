"""Namespaces and part names of a WordprocessingML package (ECMA-376 part 1).

Everything else in docgen names a part or an element through these constants, so that
the knowledge of the format lives in one place.
"""

from __future__ import annotations

import re

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_NS = "http://www.w3.org/XML/1998/namespace"
#: The namespaces of docgen's element names, by prefix (as python-docx spells them).
NAMESPACES = {"w": W_NS, "r": R_NS, "xml": XML_NS}

#: The main document part.
DOCUMENT = "word/document.xml"
#: The style definitions part.
STYLES = "word/styles.xml"
#: The document settings part.
SETTINGS = "word/settings.xml"
#: The package's content types (the ZIP member every package must have).
CONTENT_TYPES = "[Content_Types].xml"

_HEADER_FOOTER_RE = re.compile(r"word/(?:header|footer)\d*\.xml")
_STORY_RE = re.compile(r"word/(?:document|header\d*|footer\d*|footnotes|endnotes)\.xml")


def qn(name: str) -> str:
    """Return the Clark name of a prefixed name: ``qn("w:p")`` → ``{…/main}p``."""
    prefix, _, local = name.partition(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def is_header_or_footer(part: str) -> bool:
    """Return True for a header or footer part («word/header1.xml», «word/footer.xml»)."""
    return _HEADER_FOOTER_RE.fullmatch(part) is not None


def is_story(part: str) -> bool:
    """Return True for a part whose text a reader sees: body, headers, footers, notes.

    These are the parts that may hold template tags.
    """
    return _STORY_RE.fullmatch(part) is not None


def describe(part: str) -> str:
    """Return how a template editor names `part`: «основной текст», «колонтитул header1.xml»."""
    if part == DOCUMENT:
        return "основной текст"
    name = part.rsplit("/", 1)[-1]
    return "сноски" if name.endswith("notes.xml") else f"колонтитул {name}"
