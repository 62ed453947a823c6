"""The error tree drawn in docgen/errors.py is the tree the module defines."""

from __future__ import annotations

import inspect
import re

import pytest

from docgen import errors

#: A line of the drawn tree: its indentation (where the name starts) and the class name.
TREE_LINE_RE = re.compile(r"^(?P<indent>[ │├└─]*)(?P<name>[A-Z]\w+Error)\b", re.M)


def drawn_tree(doc: str) -> dict[str, str | None]:
    """Return each class of the drawing with the class it hangs from (None for the root)."""
    parents: dict[str, str | None] = {}
    stack: list[tuple[int, str]] = []
    for match in TREE_LINE_RE.finditer(doc):
        depth = len(match["indent"])
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parents[match["name"]] = stack[-1][1] if stack else None
        stack.append((depth, match["name"]))
    return parents


def defined_tree() -> dict[str, str | None]:
    classes = {
        name: cls
        for name, cls in vars(errors).items()
        if inspect.isclass(cls) and issubclass(cls, errors.DocgenError)
    }
    return {
        name: (None if cls is errors.DocgenError else cls.__bases__[0].__name__)
        for name, cls in classes.items()
    }


def test_the_drawn_tree_is_the_defined_tree():
    assert drawn_tree(errors.__doc__) == defined_tree()


@pytest.mark.parametrize(
    ("drawing", "expected"),
    [
        (
            "A\n    DocgenError\n     ├── ExtraError\n     │    └── InnerError\n",
            {"InnerError": "ExtraError"},
        ),
        ("    DocgenError\n     └── ExtraError\n", {"ExtraError": "DocgenError"}),
    ],
)
def test_the_drawing_is_read_by_indentation(drawing, expected):
    assert expected.items() <= drawn_tree(drawing).items()


def test_every_error_carries_its_place_in_the_text():
    error = errors.VariablesError("нет значения", "variables/lo/_region.yaml:3")
    assert str(error) == "variables/lo/_region.yaml:3: нет значения"
