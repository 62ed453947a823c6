"""The shipped variable sets (variables/): every region and municipality, whatever their number.

1. Every set loads and validates, and ``missing`` lists exactly the values marked ``!unknown``
   (tests/data/expected_unknowns.yaml is the hand-kept list of what still has to be found).
2. Every name-like value (schema type ``phrase`` or ``person``) of every set declines into the
   hand-written, hand-checked forms of tests/data/expected_forms.yaml, through
   ``docgen.ru.inflect`` / ``docgen.ru.inflect_name``. Explicit forms given in the YAML
   (a mapping ``{nomn: …, gent: …}``) win over the rules, so for them the override is compared.

Nothing here counts sets: the checks (tests/datachecks.py) iterate over what is shipped, and a
contributor adds a set's expectations to the two data files (docs/guide.md says how).
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from docgen.schema import CASE_KEYS
from docgen.variables import list_sets

from datachecks import (
    Expectations,
    coverage_problems,
    data_of,
    form_cases,
    form_problem,
    nominative,
    registry_problems,
    unknowns_problems,
)
from paths import REPO
from shipped import core

VARIABLES = REPO / "variables"
EXPECTED = Expectations.load()
SHIPPED = list_sets(VARIABLES)


# ---------------------------------------------------------------- 1. load and validate


def test_every_shipped_set_has_its_expectations():
    assert sorted(EXPECTED.unknowns) == sorted(SHIPPED)
    assert sorted(EXPECTED.forms["sets"]) == sorted(SHIPPED)


@pytest.mark.parametrize("set_id", SHIPPED)
def test_set_loads_and_validates(set_id):
    assert unknowns_problems(core(), EXPECTED, set_id) == []


@pytest.mark.parametrize("set_id", [s for s in SHIPPED if s.startswith("leningrad/")])
def test_municipality_basics(set_id):
    data = data_of(core(), set_id)
    centre = data["municipality"]["centre"]
    if set_id != "leningrad/kirovsky":  # the seed's file, written with a plain space
        assert centre.startswith("г.\u00a0"), centre
    kind = data["municipality"]["kind"]
    name = nominative(data["municipality"]["name"])
    if set_id.endswith(("/vyborgsky", "/tosnensky")):
        assert kind == "муниципальный район" and name.endswith("район Ленинградской области")
    else:
        assert name.endswith(f"{kind} Ленинградской области"), (kind, name)


# ---------------------------------------------------------------- 2. forms in six cases


def test_expected_forms_cover_every_name_like_value_of_every_set():
    assert coverage_problems(core(), EXPECTED) == []


def test_expected_forms_file_is_complete():
    forms_file = EXPECTED.forms
    for nomn, forms in {**forms_file["phrases"], **forms_file["persons"]}.items():
        assert forms["nomn"] == nomn
        assert set(forms) - {"gender"} == set(CASE_KEYS), nomn
    for nomn, forms in forms_file["persons"].items():
        assert forms["gender"] in ("m", "f"), nomn
    used = {v for paths in forms_file["sets"].values() for v in paths.values()}
    used |= {v for names in forms_file["acts"].values() for v in names.values()}
    assert used == set(forms_file["phrases"]) | set(forms_file["persons"])


def test_expected_forms_cover_every_act_of_the_registry():
    assert registry_problems(core(), EXPECTED) == []


def _act_params():
    for act_id, names in EXPECTED.forms["acts"].items():
        for key in names:
            for case in CASE_KEYS:
                yield pytest.param(act_id, key, case, id=f"{act_id}:{key}:{case}")


@pytest.mark.parametrize(("act_id", "key", "case"), list(_act_params()))
def test_registry_names_decline(act_id, key, case):
    from docgen.ru import Phrase, inflect

    value = getattr(core().registry().get(act_id), key)
    forms = dict(value) if isinstance(value, Mapping) else {"nomn": value}
    expected = EXPECTED.forms["phrases"][forms["nomn"]][case]
    assert inflect(Phrase(forms["nomn"], forms=forms), case) == expected


@pytest.mark.parametrize(
    ("set_id", "path", "case"),
    [pytest.param(*c, id=":".join(c)) for c in form_cases(EXPECTED)],
)
def test_name_declines(set_id, path, case):
    assert form_problem(core(), EXPECTED, set_id, path, case) == ""
