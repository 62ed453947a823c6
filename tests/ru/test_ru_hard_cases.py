"""The hard-case gold set (tests/data/ru/hard_cases.yaml, issue 16): every default form exact.

The items are hand-written; `gold_accuracy.py` prints the same comparison per class.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest
import yaml

import docgen.ru as ru

_SPEC = importlib.util.spec_from_file_location(
    "gold_accuracy", Path(__file__).with_name("gold_accuracy.py")
)
gold = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(gold)
CASES, GOLD, accepted, produce = gold.CASES, gold.GOLD, gold.accepted, gold.produce
ITEMS = gold.load()
CLASSES = ("agree", "bracket", "generic", "ordinal", "surname", "iface", "override")


def _params():
    for item in ITEMS:
        for case in CASES:
            yield pytest.param(item, case, id=f"{item['id']}-{case}")


@pytest.mark.parametrize(("item", "case"), list(_params()))
def test_hard_case_default_form(item, case):
    assert produce(ru, item, case) == item[case]


@pytest.mark.parametrize("item", ITEMS, ids=[i["id"] for i in ITEMS])
def test_hard_case_nominative_is_kept(item):
    assert produce(ru, item, "nomn") == item["nomn"]


def test_gold_covers_every_class_with_sources():
    with GOLD.open(encoding="utf-8") as f:
        sources = yaml.safe_load(f)["sources"]
    counts = Counter(item["cat"] for item in ITEMS)
    assert len(ITEMS) >= 100
    assert set(counts) == set(CLASSES)
    assert all(counts[c] >= 4 for c in CLASSES)
    assert all(item["source"] in sources for item in ITEMS)
    assert len({item["id"] for item in ITEMS}) == len(ITEMS)


def test_alternative_forms_differ_from_the_default():
    for item in ITEMS:
        for case, forms in item.get("alt", {}).items():
            assert item[case] not in forms, item["id"]


def test_every_override_reaches_an_accepted_variant_of_the_default():
    """A hint selects a form usage accepts: the override item's forms are the default or `alt`."""
    plain = {(i["nomn"], i["gender"]): i for i in ITEMS if "gender" in i and "hints" not in i}
    overrides = [i for i in ITEMS if "hints" in i]
    assert overrides
    for item in overrides:
        default = plain[(item["nomn"], item["gender"])]
        for case in CASES:
            assert item[case] in accepted(default, case), (item["id"], case)
