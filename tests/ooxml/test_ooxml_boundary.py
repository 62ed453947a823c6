"""Only docgen.ooxml knows WordprocessingML: no other module parses XML, spells an element
or runs a regex over markup, and none reaches into python-docx's private attributes."""

from __future__ import annotations

import ast
import re

import pytest

from paths import REPO

#: Modules not yet moved onto the layer, each with why. The lead empties this set;
#: test_exceptions_are_still_needed says when an entry can go.
EXCEPTIONS = {
    # -- not WordprocessingML: lxml parses poppler's XHTML («pdftotext -bbox»: pages, lines,
    # -- words with their boxes) and the PDF's XMP metadata (PDF/A part and conformance)
    "docgen/pdf/reader.py",
}
SCANNED = ("docgen", "web", "tools", "bench")
LAYER = "docgen/ooxml/"
PRIVATE = {"_element", "_p", "_r", "_tbl", "_tr", "_tc", "_sectPr", "_body", "_part"}
#: A regex that reads markup: a tag («<w:», «</», «<[^>]») or a namespace.
_MARKUP_PATTERN_RE = re.compile(r"<[/\w\[(]|xmlns|\bw:")
_RE_FUNCTIONS = {
    "compile",
    "search",
    "match",
    "fullmatch",
    "sub",
    "subn",
    "findall",
    "finditer",
    "split",
}


def modules() -> list[str]:
    found = []
    for top in SCANNED:
        for path in sorted((REPO / top).rglob("*.py")):
            rel = path.relative_to(REPO).as_posix()
            if not rel.startswith(LAYER):
                found.append(rel)
    return found


def excepted(rel: str) -> bool:
    return any(rel == e or (e.endswith("/") and rel.startswith(e)) for e in EXCEPTIONS)


def strings(node) -> list[str]:
    return [
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def is_markup_pattern(pattern: str) -> bool:
    pattern = re.sub(r"\(\?P<\w+>|\(\?<[=!]", "", pattern)  # -- named groups, lookbehinds --
    return _MARKUP_PATTERN_RE.search(pattern) is not None


def violations(source: str) -> list[str]:
    """Return what in `source` belongs in docgen.ooxml, one line each."""
    tree = ast.parse(source)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            found += [f"{node.lineno}: imports {n}" for n in names if n.split(".")[0] == "lxml"]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if "<w:" in node.value or "</w:" in node.value:
                found.append(f"{node.lineno}: XML literal {node.value[:40]!r}")
        elif isinstance(node, ast.Attribute) and node.attr in PRIVATE:
            found.append(f"{node.lineno}: python-docx private attribute .{node.attr}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.func.attr in _RE_FUNCTIONS
            and node.args
            and any(is_markup_pattern(s) for s in strings(node.args[0]))
        ):
            found.append(f"{node.lineno}: re.{node.func.attr} over markup")
    return found


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("from lxml import etree", "imports lxml"),
        ("import lxml.etree as ET", "imports lxml"),
        ("x = '<w:p>' + y", "XML literal"),
        ("x = f'</w:t>{y}'", "XML literal"),
        ("import re\nre.sub(r'<[^>]+>', '', xml)", "over markup"),
        ("import re\nTAG = re.compile(r'</?p>')", "over markup"),
        ('import re\nre.findall(r\'w:ascii="([^"]+)"\', xml)', "over markup"),
        ("p._p.append(x)", "private attribute ._p"),
        ("section._sectPr", "private attribute ._sectPr"),
    ],
)
def test_the_rule_catches(source, kind):
    assert any(kind in v for v in violations(source)), violations(source)


@pytest.mark.parametrize(
    "source",
    [
        "import re\nre.compile(r'(?P<name>\\w+)\\s*=')",
        "import re\nre.match(r'(?<=\\d)\\.', text)",
        "NAME = 'word/document.xml'",
        "self._cache = {}",
        "from docgen.ooxml import jinja",
    ],
)
def test_the_rule_lets_pass(source):
    assert violations(source) == []


@pytest.mark.parametrize("rel", [m for m in modules() if not excepted(m)])
def test_no_ooxml_knowledge_outside_the_layer(rel):
    assert violations((REPO / rel).read_text(encoding="utf-8")) == [], rel


def covered(entry: str) -> list[str]:
    return [m for m in modules() if m == entry or (entry.endswith("/") and m.startswith(entry))]


@pytest.mark.parametrize("entry", sorted(e for e in EXCEPTIONS if covered(e)))
def test_exceptions_are_still_needed(entry):
    hits = covered(entry)
    assert any(violations((REPO / m).read_text(encoding="utf-8")) for m in hits), (
        f"{entry} no longer needs an exception — remove it from EXCEPTIONS"
    )
