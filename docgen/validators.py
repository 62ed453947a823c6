"""Checks of values against each other, named in the schema by ``check: <name>``.

Type checks live in docgen.schema; these see the whole validated set, e.g. «every
deadline of the roadmap lies inside its period». Each is a small registered function
returning Russian problem messages (empty when all is well).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any, Mapping[str, Any], str], list[str]]
CHECKS: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    """Register the decorated function as the check `name`."""

    def register(func: Check) -> Check:
        CHECKS[name] = func
        return func

    return register


@check("unique")
def unique(value: Any, data: Mapping[str, Any], path: str) -> list[str]:
    """Items of a list must not repeat: «п. 1.1 перечисляет один акт дважды»."""
    if not isinstance(value, list):
        return []
    seen: set[str] = set()
    problems = []
    for i, item in enumerate(value):
        key = " ".join(str(item).split()).casefold()
        if key in seen:
            problems.append(f"{path}[{i}]: значение повторяется: «{str(item)[:80]}»")
        seen.add(key)
    return problems
