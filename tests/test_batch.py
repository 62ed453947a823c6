"""Batch: every municipality, atomic outputs, failures isolated, resumable, reports."""

from __future__ import annotations

import json
import shutil

import pytest

from docgen import Docgen, Settings
from docgen.batch import run_batch
from docgen.files import write_atomic

from paths import REPO


@pytest.fixture
def vars_copy(tmp_path):
    variables = tmp_path / "variables"
    shutil.copytree(REPO / "variables", variables)
    return variables


def test_one_broken_set_does_not_stop_the_batch(tmp_path, vars_copy, settings):
    (vars_copy / "leningrad" / "luzhsky.yaml").write_text("act: [\n", encoding="utf-8")
    s = Settings(templates_dir=settings.templates_dir, variables_dir=vars_copy, run_checks=False)
    report = run_batch(
        "lenobl-mms", tmp_path / "out", region="leningrad", docgen=Docgen(s), workers=2
    )
    statuses = {i.municipality: i.status for i in report.items}
    assert statuses["leningrad/luzhsky"] == "failed"
    assert "variables/leningrad/luzhsky.yaml:" in report.failed[0].errors[0]
    others = Docgen(s).sets_for("lenobl-mms", "leningrad")
    others.remove("leningrad/luzhsky")
    assert others and [m for m, st in statuses.items() if st != "failed"] == others
    assert len(list((tmp_path / "out").glob("*.docx"))) == len(others)


def test_rerun_skips_unchanged_items_and_redoes_changed_ones(tmp_path, vars_copy, settings):
    s = Settings(templates_dir=settings.templates_dir, variables_dir=vars_copy, run_checks=False)
    out = tmp_path / "out"
    first = run_batch("lenobl-mms", out, region="leningrad", docgen=Docgen(s), workers=1)
    assert not any(i.skipped for i in first.items)
    kirovsky = vars_copy / "leningrad" / "kirovsky.yaml"
    kirovsky.write_text(
        kirovsky.read_text(encoding="utf-8").replace('"233"', '"234"'), encoding="utf-8"
    )
    second = run_batch("lenobl-mms", out, region="leningrad", docgen=Docgen(s), workers=1)
    redone = [i.municipality for i in second.items if not i.skipped]
    assert redone == ["leningrad/kirovsky"]


def test_reports_in_three_formats(tmp_path, settings):
    report = run_batch(
        "lenobl-mms",
        tmp_path,
        region="leningrad",
        draft=True,
        docgen=Docgen(settings),
        workers=1,
        municipalities=["leningrad/kirovsky", "leningrad/gatchinsky"],
    )
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert [i["municipality"] for i in data["items"]] == [
        "leningrad/kirovsky",
        "leningrad/gatchinsky",
    ]
    assert "leningrad/gatchinsky: есть незаполненные значения" in (
        tmp_path / "report.txt"
    ).read_text(encoding="utf-8")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert html.count("<tr class=") == 2
    assert report.items[1].missing


def test_write_atomic_leaves_the_old_file_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")

    def boom(*args):
        raise OSError("диск заполнен")

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


# -- an item whose document has error-level findings is not «ok» ------------------------------

BLANK_POINT = "  points:\n    - text: Назначить ответственного ___.\n"
DOUBLED_POINT = "  points:\n    - text: Назначить ответственного,, как принято.\n"


@pytest.mark.parametrize(
    ("draft", "act_lines", "status", "rules"),
    [
        (False, "", "ok", []),
        (False, BLANK_POINT, "findings", ["G-51"]),
        (True, DOUBLED_POINT, "findings", ["T-15"]),
        # -- a draft's own placeholders (G-51) are what a draft is for --
        (True, "  number: !unknown\n", "missing", []),
    ],
    ids=["clean-final", "blank-in-final", "doubled-comma-in-draft", "unknown-in-draft"],
)
def test_an_item_with_error_findings_is_reported_as_such(
    tmp_path, vars_copy, settings, draft, act_lines, status, rules
):
    kirovsky = vars_copy / "leningrad" / "kirovsky.yaml"
    text = kirovsky.read_text(encoding="utf-8")
    if "number: !unknown" in act_lines:
        text = text.replace('  number: "233"\n', "")
    kirovsky.write_text(text.replace("  control: self\n", "  control: self\n" + act_lines), "utf-8")
    s = Settings(templates_dir=settings.templates_dir, variables_dir=vars_copy, run_checks=True)
    report = run_batch(
        "lenobl-mms",
        tmp_path / "out",
        draft=draft,
        docgen=Docgen(s),
        workers=1,
        municipalities=["leningrad/kirovsky"],
    )
    [item] = report.items
    assert item.status == status
    errors = [f["rule"] for f in item.findings if f["severity"] == "error"]
    assert [r for r in errors if r != "G-51" or not draft] == rules
    text = (tmp_path / "out" / "report.txt").read_text(encoding="utf-8")
    assert ("есть ошибки оформления" in text) == (status == "findings")
    assert all(f"error {rule} ·" in text for rule in rules)


def test_rerun_redoes_the_items_whose_registry_or_package_changed(tmp_path, vars_copy, settings):
    """An item's output depends on more than its own layers: the cited acts of its registry,
    the wording, the kinds and the package's own file (its defaults and conditions)."""
    s = Settings(templates_dir=settings.templates_dir, variables_dir=vars_copy, run_checks=False)
    out = tmp_path / "out"
    first = run_batch("lenobl-mms", out, region="leningrad", docgen=Docgen(s), workers=1)
    every = sorted(i.municipality for i in first.items)
    acts = vars_copy / "leningrad" / "_acts.yaml"
    acts.write_text(acts.read_text(encoding="utf-8") + "\n# правка\n", encoding="utf-8")
    second = run_batch("lenobl-mms", out, region="leningrad", docgen=Docgen(s), workers=1)
    assert sorted(i.municipality for i in second.items if not i.skipped) == every
    wording = vars_copy / "_wording.yaml"
    wording.write_text(wording.read_text(encoding="utf-8") + "\n# правка\n", encoding="utf-8")
    third = run_batch("lenobl-mms", out, region="leningrad", docgen=Docgen(s), workers=1)
    assert sorted(i.municipality for i in third.items if not i.skipped) == every
