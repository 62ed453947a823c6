"""Render errors a template editor can act on: the template, the paragraph with a short
quote, and the variable.

Jinja knows only the line of its source where evaluation failed. The tag clean-up puts
each paragraph on a line of its own (docgen.ooxml.jinja), so that line is the failing
paragraph's markup; its text is matched back to the template's paragraphs to number it as
the linter does («основной текст, абзац 12»). The variable is picked from the paragraph's
tags by what the message names: the missing attribute, the undefined name or the filter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from types import TracebackType

from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from .environment import VALUE_ERRORS
from .errors import DocgenError, InflectionError, TemplateRenderError
from .ooxml import jinja
from .ooxml.ns import describe
from .ooxml.paragraphs import XmlError, paragraphs
from .uses import TAG_RE, Use, syntax_hint, uses_in_text

#: The file name Jinja gives a template made from a string (its frames in a traceback).
_TEMPLATE_FILE = "<template>"
_ATTRIBUTE_RE = re.compile(r"has no attribute '([^']+)'")
_UNDEFINED_RE = re.compile(r"^'([^']+)' is undefined")
_FILTER_RE = re.compile(r"фильтр «?(\w+)")
_NOISE_RE = re.compile(r"[\s'\"‘’“”«»-]")
_TAG_PREFIX_RE = re.compile(r"\{%-?\s*(?:p|tr|tc|r)\s")
QUOTE_LENGTH = 120


@dataclass(frozen=True)
class Place:
    """Where in a part rendering failed: the paragraph (1-based, as the linter counts;
    None when it cannot be told), its text and the variables its tags read."""

    part: str
    paragraph: int | None
    quote: str
    variables: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        where = describe(self.part)
        return f"{where}, абзац {self.paragraph}" if self.paragraph else where


def render_error(
    exc: Exception, template_id: str, part: str, source: str, xml: str, env
) -> DocgenError:
    """Return the DocgenError to raise for `exc`, raised while rendering `part` of the
    template `template_id` (its Jinja `source`, its original `xml`)."""
    place = locate(exc, part, source, xml, env)
    where = f"шаблон {template_id}" + (f", {place.label}" if place else "")
    context = [place.quote] if place and place.quote else []
    if isinstance(exc, InflectionError):
        return InflectionError(exc.message + _about(place), f"{where}, {exc.location}")
    if isinstance(exc, DocgenError):
        return exc
    if isinstance(exc, UndefinedError):
        message = f"шаблон обращается к неизвестной переменной: {exc.message}"
    elif isinstance(exc, SecurityError):
        message = f"запрещённое обращение в шаблоне: {exc}"
    elif isinstance(exc, VALUE_ERRORS):
        message = f"ошибка при заполнении шаблона: {exc}"
    else:
        message = f"ошибка шаблона: {exc}"
    return TemplateRenderError(message + _about(place), where, context)


def locate(exc: Exception, part: str, source: str, xml: str, env) -> Place | None:
    """Return where in `part` `exc` was raised, or None when Jinja did not say."""
    return place_at(template_line(exc.__traceback__), str(exc), part, source, xml, env)


def syntax_error(exc: TemplateSyntaxError, template_id: str, part: str, source: str, xml: str):
    """Return the TemplateRenderError for a syntax error in `part` of `template_id`: its
    paragraph, the quote and, for a typographic quote in a tag, how to fix it."""
    place = place_at(exc.lineno, exc.message or "", part, source, xml, None)
    where = f"шаблон {template_id}, " + (place.label if place else describe(part))
    hint = syntax_hint(exc.message or "")
    message = f"ошибка синтаксиса шаблона: {exc.message}" + (f" — {hint}" if hint else "")
    context = [place.quote] if place else jinja.source_context(source, exc.lineno)
    return TemplateRenderError(message, where, context)


def place_at(
    lineno: int | None, message: str, part: str, source: str, xml: str, env
) -> Place | None:
    """Return the place of Jinja source line `lineno` in `part`; `env` (when given) parses
    the paragraph's tags to name the variables `message` is about."""
    lines = source.split("\n")
    if lineno is None or not 1 <= lineno <= len(lines):
        return None
    text = jinja.strip_markup(lines[lineno - 1]).strip()
    found = uses_in_text(text, env) if env is not None else []
    index, quote = _paragraph(text, part, xml)
    return Place(part, index, (quote or text)[:QUOTE_LENGTH], _suspects(message, found))


def template_line(tb: TracebackType | None) -> int | None:
    """Return the template source line of the innermost template frame in `tb`."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == _TEMPLATE_FILE:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _paragraph(text: str, part: str, xml: str) -> tuple[int | None, str]:
    """Return the number and text of the template paragraph that became the source line
    `text` (None and "" when it cannot be told).

    The clean-up moves a paragraph tag (``{%p endfor %}``) onto the line before and may
    change spaces and quotes, so: the paragraph whose text is the line's; else the one
    holding most of the line's tags (the first of equals).
    """
    try:
        originals = [(p.index, p.text, _normal(p.text)) for p in paragraphs(part, xml)]
    except XmlError:
        return None, ""
    wanted = _normal(text)
    for index, original, normal in originals:
        if normal and normal == wanted:
            return index, original
    tags = [_normal(tag) for tag in TAG_RE.findall(text)]
    held = [
        (sum(t in normal for t in tags), -index, original) for index, original, normal in originals
    ]
    count, index, original = max(held, default=(0, 0, ""))
    return (-index, original) if count else (None, "")


def _normal(text: str) -> str:
    """Return `text` without what the clean-up may change: spaces, quotes, tag prefixes."""
    return _NOISE_RE.sub("", _TAG_PREFIX_RE.sub("{%", text))


def _suspects(message: str, found: Sequence[Use]) -> tuple[str, ...]:
    """Return the variables of `found` the error `message` is most likely about."""
    names = list(dict.fromkeys(u.written for u in found))
    attribute = _ATTRIBUTE_RE.search(message)
    if attribute:
        hit = [n for n in names if n.endswith("." + attribute.group(1))]
        return tuple(hit or names)
    undefined = _UNDEFINED_RE.search(message)
    if undefined:
        hit = [n for n in names if n.split(".")[0] == undefined.group(1)]
        return tuple(hit or names)
    named_filter = _FILTER_RE.search(message)
    if named_filter:
        hit = [u.written for u in found if named_filter.group(1) in u.filters]
        return tuple(dict.fromkeys(hit)) or tuple(names)
    return tuple(names)


def _about(place: Place | None) -> str:
    if not place or not place.variables:
        return ""
    shown = ", ".join(f"«{v}»" for v in place.variables[:3])
    word = "переменная" if len(place.variables) == 1 else "переменные"
    return f" ({word} {shown})"
