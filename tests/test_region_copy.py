"""A contribution of data does not fail the tests: a shipped region copied under a new id.

``leningrad`` is copied to ``leningrad2`` in a temporary tree with its sets and registry
files; registry ids are renamed where they must be (an id is unique across the tree), the
region's packages and templates list the copy too, and the expectations get the copy's
sets (the same names: the copy is of the same municipalities). Then the data-driven checks
the shipped sets pass (tests/datachecks.py) pass on the bigger tree — nothing counts sets.
"""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from docgen import Docgen, Settings
from docgen.acts import registry_files
from docgen.batch import run_batch

from datachecks import (
    Expectations,
    coverage_problems,
    document_problems,
    form_cases,
    form_problem,
    registry_problems,
    unknowns_problems,
)
from paths import REPO

SOURCE, COPY = "leningrad", "leningrad2"


@pytest.fixture(scope="module")
def copied(tmp_path_factory) -> tuple[Docgen, Expectations]:
    root = tmp_path_factory.mktemp("copy")
    variables, templates = root / "variables", root / "templates_docx"
    shutil.copytree(REPO / "variables", variables)
    shutil.copytree(REPO / "templates_docx", templates)
    shutil.copytree(variables / SOURCE, variables / COPY)
    renamed = _rename_registry_ids(variables)
    _serve_the_copy(templates)
    dg = Docgen(Settings(templates_dir=templates, variables_dir=variables, run_checks=False))
    return dg, _expectations(renamed)


def _rename_registry_ids(variables) -> dict[str, str]:
    """Rename every act the copy's registry files declare («x» → «x-copy»), in its files."""
    files = [f for f in registry_files(variables, f"{COPY}/kirovsky") if COPY in f.parts]
    files += sorted((variables / COPY / "_acts").glob("*.yaml"))
    ids = {key for f in dict.fromkeys(files) for key in yaml.safe_load(f.read_text("utf-8"))}
    renamed = {act_id: f"{act_id}-copy" for act_id in ids}
    pattern = re.compile(r"(?<![\w.-])(" + "|".join(map(re.escape, ids)) + r")(?![\w.-])")
    for path in (variables / COPY).rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(pattern.sub(lambda m: renamed[m.group(1)], text), encoding="utf-8")
    return renamed


def _serve_the_copy(templates) -> None:
    """List the copy wherever the source region is listed (packages and templates)."""
    for path in [*templates.glob("*.yaml"), *(templates / "packages").glob("*.yaml")]:
        text = path.read_text(encoding="utf-8")
        path.write_text(
            re.sub(rf"^regions: \[{SOURCE}\]$", f"regions: [{SOURCE}, {COPY}]", text, flags=re.M),
            encoding="utf-8",
        )


def _expectations(renamed: dict[str, str]) -> Expectations:
    shipped = Expectations.load()
    forms = dict(shipped.forms)
    forms["sets"] = {**shipped.forms["sets"], **_copied(shipped.forms["sets"])}
    acts = {renamed[k]: v for k, v in shipped.forms["acts"].items() if k in renamed}
    forms["acts"] = {**shipped.forms["acts"], **acts}
    return Expectations(forms, {**shipped.unknowns, **_copied(shipped.unknowns)})


def _copied(table: dict) -> dict:
    """Return the entries of the source region's sets under the copy's ids."""
    return {f"{COPY}{k[len(SOURCE) :]}": v for k, v in table.items() if k.split("/")[0] == SOURCE}


def test_the_copy_is_in_the_tree(copied):
    dg, _ = copied
    copies = [s for s in dg.set_ids() if s.split("/")[0] == COPY]
    sources = [s for s in dg.set_ids() if s.split("/")[0] == SOURCE]
    assert [s.split("/", 1)[-1] for s in copies[1:]] == [s.split("/", 1)[-1] for s in sources[1:]]
    assert dg.sets_for("lenobl-mms", COPY) == copies[1:]


def test_every_set_of_the_bigger_tree_loads_with_its_unknowns(copied):
    dg, expected = copied
    assert [p for s in dg.set_ids() for p in unknowns_problems(dg, expected, s)] == []


def test_every_name_of_the_bigger_tree_is_expected_and_declines(copied):
    dg, expected = copied
    assert coverage_problems(dg, expected) == []
    assert registry_problems(dg, expected) == []
    copies = [c for c in form_cases(expected) if c[0].split("/")[0] == COPY]
    assert copies
    assert [p for c in copies if (p := form_problem(dg, expected, *c))] == []


def test_every_document_drafts_for_every_set_of_the_bigger_tree(copied):
    dg, _ = copied
    problems, made = document_problems(dg)
    assert problems == []
    assert made > len(Docgen(Settings(run_checks=False)).set_ids())


def test_the_batch_of_the_copy_makes_a_package_per_municipality(copied, tmp_path):
    dg, _ = copied
    report = run_batch("lenobl-mms", tmp_path, region=COPY, draft=True, docgen=dg, workers=1)
    assert not report.failed
    assert [i.municipality for i in report.items] == dg.sets_for("lenobl-mms", COPY)


def test_a_set_without_expectations_is_named(copied):
    dg, expected = copied
    partial = Expectations(
        expected.forms, {k: v for k, v in expected.unknowns.items() if k != COPY}
    )
    assert unknowns_problems(dg, partial, COPY) == [f"{COPY}: нет в expected_unknowns.yaml"]
