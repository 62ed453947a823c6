"""The shape of docgen.ru: a leaf package without import cycles, with bounded plain-value memos."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

import docgen.ru as ru

PACKAGE = Path(ru.__file__).parent
MODULES = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")
# -- annotations a memoised function may take: plain values only, never objects --
PLAIN = re.compile(r"^(str|int|float|bool|None|Decimal|frozenset\[str\]|tuple\[str, \.\.\.\])$")


def _imports(module: str) -> set[str]:
    """Return the sibling modules `module` imports, at any level (functions included)."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found |= {a.name for a in node.names}
    return found & set(MODULES)


def test_no_import_cycle_inside_the_layer():
    graph = {m: _imports(m) for m in MODULES}
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for nxt in sorted(graph[module]):
            assert state.get(nxt) != "open", " → ".join([*path, module, nxt])
            if nxt not in state:
                visit(nxt, [*path, module])
        state[module] = "done"

    for module in MODULES:
        if module not in state:
            visit(module, [])
    assert "warmup" not in set().union(*graph.values()) - {"warmup"}
    assert "numbers" not in graph["morph"] and graph["morph"] == set()


def test_layer_imports_nothing_else_from_docgen():
    for module in [*MODULES, "__init__"]:
        tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert node.level <= 1 and not (node.module or "").startswith("docgen"), module
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("docgen") for a in node.names), module


def _memos():
    for name in MODULES:
        module = importlib.import_module(f"docgen.ru.{name}")
        for attr, value in vars(module).items():
            if callable(getattr(value, "cache_info", None)) and value.__module__ == module.__name__:
                yield f"{name}.{attr}", value


def test_memos_are_bounded_and_keyed_on_plain_values():
    memos = dict(_memos())
    assert {"morph.parse", "morph.form", "declension._inflect_text"} <= set(memos)
    for name, memo in memos.items():
        params = inspect.signature(memo.__wrapped__).parameters
        maxsize = memo.cache_info().maxsize
        assert maxsize is not None or not params, f"{name}: unbounded memo with arguments"
        for param in params.values():
            kinds = str(param.annotation).replace("'", "").split(" | ")
            assert all(PLAIN.match(k) for k in kinds), (name, param)


def test_word_memo_is_keyed_on_strings_not_on_readings():
    from docgen.ru import morph

    morph.form.cache_clear()
    assert ru.inflect("методический совет", "gent") == "методического совета"
    assert morph.form.cache_info().currsize > 0
    assert not hasattr(morph, "warm_up")


def test_data_tables_load_and_warm_up_runs():
    from docgen.ru import morph, places, surnames

    ru.warm_up()
    assert morph.analyzer() is morph.analyzer()
    assert places.table().agree and surnames.tables().adjectival["masc"]


@pytest.mark.parametrize("name", ["generic_words.yaml", "surnames.yaml"])
def test_data_files_name_their_sources(name):
    text = (PACKAGE / name).read_text(encoding="utf-8")
    assert "Sources:" in text and "Розенталь" in text
