"""Validators of values against each other: the registry and the generic ones."""

from __future__ import annotations

import pytest
import yaml

from docgen.validators import VALIDATORS, validator
from docgen.validators.generic import unique

from paths import VARIABLES


def test_a_decorated_function_is_registered_under_its_name():
    @validator("test_always_fine")
    def always_fine(value, data, path):
        return []

    try:
        assert VALIDATORS["test_always_fine"] is always_fine
    finally:
        del VALIDATORS["test_always_fine"]


def test_every_validator_the_shipped_schema_names_is_registered():
    files = [VARIABLES / "_schema.yaml", *sorted((VARIABLES / "_schema").glob("*.yaml"))]
    files += sorted(VARIABLES.glob("*/_schema.yaml"))
    named = {
        spec["validate"]
        for file in files
        for spec in (yaml.safe_load(file.read_text(encoding="utf-8")) or {}).values()
        if isinstance(spec, dict) and spec.get("validate")
    }
    assert named and named <= set(VALIDATORS)


@pytest.mark.parametrize(
    ("value", "problems"),
    [
        (["fz-1", "fz-2"], []),
        ([], []),
        ("не список", []),
        (["fz-1", "fz-2", "fz-1"], ["act.repeals[2]: значение повторяется: «fz-1»"]),
        (
            ["Совет  ММС", "совет ммс", "совет ММС"],
            [
                "act.repeals[1]: значение повторяется: «совет ммс»",
                "act.repeals[2]: значение повторяется: «совет ММС»",
            ],
        ),
    ],
)
def test_unique_reports_each_repeat_ignoring_case_and_spacing(value, problems):
    assert unique(value, {}, "act.repeals") == problems
