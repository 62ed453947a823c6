"""Reading a package's parts and cutting ``word/document.xml`` into prefix, body and suffix.

The body split is a string operation on a known shape (python-docx, Word and LibreOffice
all write it)::

    <?xml …?><w:document xmlns:w="…" …><w:body>  BODY  </w:body></w:document>
    └──────────────── prefix ─────────────────┘        └──────── suffix ───────┘

so a template's body can be compiled and rendered alone and put back between the two.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

_BODY_OPEN_RE = re.compile(r"<w:body(?: [^>]*)?>")
_BODY_CLOSE = "</w:body>"
_XMLNS_RE = re.compile(r'\sxmlns(?::\w+)?="[^"]*"')


class PackageError(ValueError):
    """The file is not a ZIP package or its parts cannot be read (message: the cause)."""


@dataclass(frozen=True)
class BodySplit:
    """``word/document.xml`` cut around the body: ``prefix + body + suffix`` is the part."""

    prefix: str
    body: str
    suffix: str


def read_parts(
    source: str | Path | IO[bytes],
    select: Callable[[tuple[str, ...]], Iterable[str]] | None = None,
) -> tuple[tuple[str, ...], dict[str, bytes]]:
    """Return the member names of the package `source` in order and the bytes of the
    members `select` picks from those names (every member without it).

    Raises PackageError when `source` cannot be read as a ZIP archive.
    """
    try:
        with zipfile.ZipFile(source) as zf:
            names = tuple(zf.namelist())
            return names, {n: zf.read(n) for n in (select(names) if select else names)}
    except (OSError, zipfile.BadZipFile, KeyError, EOFError) as exc:
        raise PackageError(str(exc)) from None


def split_body(document_xml: str) -> BodySplit | None:
    """Return `document_xml` cut into prefix, body and suffix; None when it has no body.

    ``<w:document …><w:body>BODY</w:body></w:document>``: the prefix ends with the
    ``<w:body>`` start tag, the suffix starts with ``</w:body>``.
    """
    opening = _BODY_OPEN_RE.search(document_xml)
    end = document_xml.rfind(_BODY_CLOSE)
    if not opening or end < opening.end():
        return None
    return BodySplit(
        document_xml[: opening.end()], document_xml[opening.end() : end], document_xml[end:]
    )


def body_of(document_xml: str) -> str:
    """Return the inside of ``<w:body>`` of `document_xml`; the whole text when there is none."""
    split = split_body(document_xml)
    return split.body if split else document_xml


def namespace_declarations(start_tags: str) -> str:
    """Return the ``xmlns`` declarations in `start_tags`, each with its leading space.

    ``<w:document xmlns:w="…" xmlns:r="…">`` → ``' xmlns:w="…" xmlns:r="…"'``: what an
    element cut out of the document needs to be parsed on its own.
    """
    return "".join(_XMLNS_RE.findall(start_tags))


def without_namespace_declarations(xml: str) -> str:
    """Return `xml` with every ``xmlns`` declaration removed (the inverse of the above)."""
    return _XMLNS_RE.sub("", xml)
