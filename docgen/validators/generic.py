"""Validators for any schema: list items that must not repeat."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..schema import UNKNOWN
from .registry import validator


@validator("unique")
def unique(value: Any, data: Mapping[str, Any], path: str) -> list[str]:
    """Items of a list must not repeat: «п. 1.1 перечисляет один акт дважды»."""
    if not isinstance(value, list):
        return []
    seen: set[str] = set()
    problems = []
    for i, item in enumerate(value):
        if item is UNKNOWN:
            continue  # -- two acts not yet identified are not the same act --
        key = " ".join(str(item).split()).casefold()
        if key in seen:
            problems.append(f"{path}[{i}]: значение повторяется: «{str(item)[:80]}»")
        seen.add(key)
    return problems
