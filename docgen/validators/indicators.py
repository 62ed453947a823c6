"""Validators of the tyva-mms efficiency indicators (``kyzyl.indicators``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .registry import validator


@validator("kyzyl_indicators")
def kyzyl_indicators(value: Any, data: Mapping[str, Any], path: str) -> list[str]:
    """A percentage target lies in 1…100; a count target («не менее N …») is at least 1."""
    problems = []
    for i, item in enumerate(value if isinstance(value, list) else []):
        target = item.get("target") if isinstance(item, Mapping) else None
        if not isinstance(target, int):  # unknown (!unknown) targets are not checked
            continue
        unit = item.get("unit")
        if unit is None and not 1 <= target <= 100:
            problems.append(
                f"{path}[{i}].target: целевое значение в процентах — от 1 до 100, "
                f"а не {target} (для показателя-количества задайте unit)"
            )
        elif unit is not None and target < 1:
            problems.append(f"{path}[{i}].target: «не менее {target} {unit}» — нужно число от 1")
    return problems
