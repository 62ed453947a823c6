"""Parsing a part into an lxml tree, safely, and reading WordprocessingML attributes.

Packages come from users (uploaded templates, documents to check): the parser expands no
entities and fetches nothing. Values are read the way Word reads them::

    <w:b/>  <w:b w:val="1"/>  <w:b w:val="true"/>  → on       <w:b w:val="0"/> → off
    <w:ind w:firstLine="709"/>                        → 709 (twips; «709.0» too)
"""

from __future__ import annotations

import threading

from lxml import etree

from .ns import W_NS

#: The Clark prefix of WordprocessingML names: ``W + "p"`` is ``{…/main}p``.
W = f"{{{W_NS}}}"
_VAL = W + "val"
_OFF = frozenset({"0", "false", "off", "none"})
# -- a parser serves one thread at a time (lxml locks it), so each thread has its own --
_LOCAL = threading.local()


class XmlError(ValueError):
    """A part is not well-formed XML (message: the parser's)."""


def parse(xml: str | bytes):
    """Return the root element of `xml`; raise XmlError when it is not well-formed.

    No entity is expanded, no DTD or other document fetched.
    """
    parser = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = _LOCAL.parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        return etree.fromstring(xml.encode("utf-8") if isinstance(xml, str) else xml, parser)
    except etree.XMLSyntaxError as exc:
        raise XmlError(str(exc)) from None


def serialize(el) -> bytes:
    """Return the XML of the element `el` alone (its tail left out)."""
    return etree.tostring(el, with_tail=False)


def attr(el, name: str) -> str | None:
    """Return the ``w:NAME`` attribute of `el` (None when `el` is None or has none)."""
    return None if el is None else el.get(W + name)


def is_on(el) -> bool | None:
    """Return the value of a boolean property element: None when absent, ``<w:b/>`` is on."""
    if el is None:
        return None
    return (el.get(_VAL) or "1").lower() not in _OFF


def to_int(value: str | None) -> int | None:
    """Return a measure written as `value` («709», «709.0») as an int; None when unreadable."""
    try:
        return int(float(value)) if value is not None else None
    except (ValueError, OverflowError):
        return None
