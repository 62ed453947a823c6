"""Checker profiles (``gost2025``, ``gost2016``): the numbers live in ``profiles.yaml``."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import UnknownProfileError
from ..findings import Severity

PROFILES_FILE = Path(__file__).with_name("profiles.yaml")
DEFAULT_PROFILE = "gost2025"


@dataclass(frozen=True)
class Profile:
    """The numbers one standard sets (see ``profiles.yaml`` for each key's meaning)."""

    name: str
    title: str
    page_width_mm: float
    page_height_mm: float
    page_tolerance_mm: float
    margin_min_mm: dict[str, float]
    margin_left_permanent_mm: float
    header_distance_min_mm: float
    font_sizes_pt: tuple[float, ...]
    requisite_font_sizes_pt: tuple[float, ...]
    table_font_range_pt: tuple[float, float]
    font_families: tuple[str, ...] | None
    first_line_indent_cm: float
    indent_tolerance_cm: float
    line_spacing: tuple[float, float]
    requisite_line_spacing: float
    paragraph_spacing_max_pt: float
    mark_max_width_cm: float
    max_empty_paragraphs: int
    tab_tolerance_mm: float
    max_levels: int
    title_required: bool
    place_of_issue: bool
    appendix_mark_style: str
    approval_words: dict[str, str]
    model_abbreviations: frozenset[str]
    known_abbreviations: frozenset[str]
    name_abbreviations: frozenset[str]
    severity: dict[str, Severity] = field(default_factory=dict)
    disabled: frozenset[str] = frozenset()


def _deep_merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    with PROFILES_FILE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


PROFILES: tuple[str, ...] = tuple(_raw()["profiles"])


def _coerce(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    for key in ("font_sizes_pt", "requisite_font_sizes_pt", "table_font_range_pt", "line_spacing"):
        out[key] = tuple(float(v) for v in out[key])
    if out["font_families"] is not None:
        out["font_families"] = tuple(out["font_families"])
    for key in ("model_abbreviations", "known_abbreviations", "name_abbreviations", "disabled"):
        out[key] = frozenset(out.get(key) or ())
    out["severity"] = {rule: Severity(value) for rule, value in (out.get("severity") or {}).items()}
    if out["appendix_mark_style"] not in ("any", "gost", "lenobl"):
        raise ValueError(
            f"appendix_mark_style: any, gost or lenobl, not {out['appendix_mark_style']!r}"
        )
    return out


@cache
def load_profile(name: str = DEFAULT_PROFILE) -> Profile:
    """Return the profile `name` (``gost2025`` or ``gost2016``).

    Raises UnknownProfileError (a DocgenError) with the known names for any other name.
    """
    raw = _raw()
    if name not in raw["profiles"]:
        raise UnknownProfileError(
            f"неизвестный профиль проверки «{name}»; есть: {', '.join(PROFILES)}"
        )
    data = _deep_merge(raw["base"], raw["profiles"][name] or {})
    known = {f.name for f in fields(Profile)}
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"profiles.yaml: unknown keys {sorted(unknown)} in {name}")
    return Profile(name=name, **_coerce(data))
