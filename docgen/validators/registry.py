"""The registry of validators: name (as written in the schema) → function."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Validator = Callable[[Any, Mapping[str, Any], str], list[str]]
VALIDATORS: dict[str, Validator] = {}


def validator(name: str) -> Callable[[Validator], Validator]:
    """Register the decorated function as the validator `name`."""

    def register(func: Validator) -> Validator:
        VALIDATORS[name] = func
        return func

    return register
