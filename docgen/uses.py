"""Which variables a template uses: paths as written and as the schema knows them.

A loop variable stands for an item of the list it runs over, so in ::

    {% for p in act.points %}{{ p.text }}{% endfor %}

``p.text`` is the schema's ``act.points[].text``. Loops over a list passed through a
filter that keeps its items (``| sort``, ``| selectattr``, …) resolve the same way; any
other filter makes new items, and their fields are not followed.

Used by the linter (L-04/L-05 with their paragraphs) and by render errors (the variable
a failing paragraph uses).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from jinja2 import TemplateSyntaxError, nodes

#: A template tag as an editor sees it in a paragraph's text.
TAG_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
#: Filters whose result holds the very items of the list they get.
ITEM_PRESERVING_FILTERS = frozenset(
    {"sort", "reverse", "selectattr", "rejectattr", "select", "reject", "unique", "list"}
)
#: The quotes Word types for «"» and «'» (docxtpl itself straightens “ ” ‘ ’ in tags).
TYPOGRAPHIC_QUOTES = "«»„“”‘’‚‛"
_TAG_WORD_RE = re.compile(r"^\{%-?\s*(?:(?:p|tr|tc|r)\s+)?(\w+)\s*(.*?)\s*-?%\}$", re.S)


@dataclass(frozen=True)
class Use:
    """One use of a variable: `path` as the schema names it («act.points[].text»),
    `written` as the template spells it («p.text»), the `filters` applied to it."""

    path: str
    written: str
    filters: tuple[str, ...] = ()


def uses(tree: nodes.Node, local: Iterable[str] = ()) -> list[Use]:
    """Return every variable `tree` reads, loop variables resolved to their list's items.

    Names the template sets itself (``{% set %}``, macro arguments, loop variables over
    something that is not a variable) and the names in `local` are left out.
    """
    stored = set(local) | stored_names(tree)
    out: list[Use] = []
    _visit(tree, {}, stored, out, ())
    return out


def syntax_hint(message: str) -> str:
    """Return how to fix a Jinja syntax error a Word user makes, or an empty string.

    Word replaces typed quotes with typographic ones; Jinja reads only straight quotes.
    """
    if "unexpected char" in message and any(q in message for q in TYPOGRAPHIC_QUOTES):
        return (
            "в теге типографские кавычки («», „“, ‘’), которые Word ставит сам: "
            "наберите в теге прямые ' или \" (если Word снова заменит их, отключите "
            "в параметрах автозамены «Заменять при вводе прямые кавычки парными»)"
        )
    if "unexpected char" in message:
        return "в теге есть знак, которого нет в языке шаблонов: проверьте его набор"
    return ""


def stored_names(tree: nodes.Node) -> set[str]:
    """Return the names `tree` assigns: ``{% set %}`` targets, loop variables, arguments."""
    return {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}


def expression_of(tag: str) -> str | None:
    """Return the expression of one tag as ``{{ … }}`` source, or None when it has none.

    ``{% if a.b %}`` → ``{{ a.b }}``; ``{%p for x in xs %}`` → ``{{ xs }}``;
    ``{% set y = f(x) %}`` → ``{{ f(x) }}``; ``{% endif %}`` → None.
    """
    if tag.startswith("{{"):
        return tag
    match = _TAG_WORD_RE.match(tag)
    if not match:
        return None
    word, rest = match.groups()
    if word in ("if", "elif") and rest:
        return "{{ " + rest + " }}"
    if word == "for" and " in " in rest:
        return "{{ " + rest.split(" in ", 1)[1] + " }}"
    if word == "set" and "=" in rest:
        return "{{ " + rest.split("=", 1)[1] + " }}"
    return None


def uses_in_text(text: str, env) -> list[Use]:
    """Return the variables the tags in a paragraph's `text` read, tag by tag (each tag is
    parsed on its own: a loop's item fields stay as written)."""
    found: list[Use] = []
    for tag in TAG_RE.findall(text):
        source = expression_of(tag)
        if source is None:
            continue
        try:
            found += uses(env.parse(source))
        except TemplateSyntaxError:
            continue
    return found


def mentions(text: str, written: str) -> bool:
    """Return True when a tag in `text` spells the variable `written` («s.nam»)."""
    pattern = re.compile(r"(?<![\w.])" + re.escape(written) + r"(?![\w(])")
    return any(pattern.search(tag) for tag in TAG_RE.findall(text))


def _visit(
    node: nodes.Node,
    aliases: dict[str, str],
    stored: set[str],
    out: list[Use],
    filters: tuple[str, ...],
) -> None:
    if isinstance(node, nodes.For):
        _visit(node.iter, aliases, stored, out, ())
        inner = dict(aliases)
        source = _items_of(node.iter, aliases)
        if isinstance(node.target, nodes.Name) and source:
            inner[node.target.name] = source + "[]"
        for child in [*node.body, *([node.test] if node.test else [])]:
            _visit(child, inner, stored, out, ())
        for child in node.else_:
            _visit(child, aliases, stored, out, ())
        return
    if isinstance(node, nodes.Filter):
        if node.node is not None:
            _visit(node.node, aliases, stored, out, (*filters, node.name))
        for child in [*node.args, *(k.value for k in node.kwargs)]:
            _visit(child, aliases, stored, out, ())
        return
    if isinstance(node, (nodes.Getattr, nodes.Name)):
        written = _written(node)
        if written is not None:
            use = _resolve(written, aliases, stored)
            if use:
                out.append(Use(use, written, filters))
            return
    for child in node.iter_child_nodes():
        _visit(child, aliases, stored, out, ())


def _items_of(node: nodes.Node, aliases: dict[str, str]) -> str | None:
    """Return the variable a loop runs over, through filters that keep its items."""
    while isinstance(node, nodes.Filter) and node.name in ITEM_PRESERVING_FILTERS:
        node = node.node
    written = _written(node)
    if written is None:
        return None
    head = written.split(".")[0]
    if head in aliases:
        return aliases[head] + written[len(head) :]
    return written


def _resolve(written: str, aliases: dict[str, str], stored: set[str]) -> str | None:
    head = written.split(".")[0]
    if head in aliases:
        return aliases[head] + written[len(head) :]
    if head in stored:
        return None
    return written


def _written(node: nodes.Node) -> str | None:
    """Return «a.b.c» for a chain of attribute reads on a loaded name, else None."""
    parts = []
    while isinstance(node, nodes.Getattr):
        parts.append(node.attr)
        node = node.node
    if isinstance(node, nodes.Name) and node.ctx == "load":
        parts.append(node.name)
        return ".".join(reversed(parts))
    return None


def written_forms(found: Iterable[Use], path: str) -> Iterator[str]:
    """Yield, once each, the spellings of the uses of `path`."""
    seen = set()
    for use in found:
        if use.path == path and use.written not in seen:
            seen.add(use.written)
            yield use.written
