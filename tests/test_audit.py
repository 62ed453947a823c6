"""``docgen validate``: sets, templates, packages and every draft, all failures at once;
templates and packages that serve every region (``regions: all``)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from docgen import Docgen, TemplateError
from docgen.audit import audit
from docgen.cli import cli
from docgen.templates import AllRegions

from shipped import copied, core, package_set_pairs


@pytest.fixture
def tree(tmp_path) -> Docgen:
    return copied(tmp_path)


def test_the_shipped_library_passes_and_every_package_is_drafted_for_every_set():
    report = audit(core())
    assert report.ok, report.failures
    assert set(package_set_pairs()) <= set(report.drafts)
    assert sorted(report.sets) == core().set_ids()


def test_every_failure_is_reported_at_once(tree):
    root, templates = tree.settings.variables_dir, tree.settings.templates_dir
    # -- a broken set, a package naming a region that does not exist, a package whose
    #    appendix is another region's --
    (root / "leningrad" / "luzhsky.yaml").write_text("act: [\n", encoding="utf-8")
    (templates / "packages" / "stray.yaml").write_text(
        "id: stray\ntitle: Т\nregions: [nowhere]\nparts: [cover-approval]\n", encoding="utf-8"
    )
    (templates / "packages" / "foreign.yaml").write_text(
        "id: foreign\ntitle: Т\nregions: [tyva]\nparts: [cover-approval, polozhenie-mms-lenobl]\n",
        encoding="utf-8",
    )
    report = audit(tree)
    subjects = [f.subject for f in report.failures]
    assert "набор leningrad/luzhsky" in subjects
    assert "пакет stray" in subjects and "пакет foreign" in subjects
    assert any("nowhere" in f.message for f in report.failures if f.subject == "пакет stray")
    foreign = next(f for f in report.failures if f.subject == "пакет foreign")
    assert "polozhenie-mms-lenobl" in foreign.message and "tyva" in foreign.message
    # -- the other sets were still drafted --
    assert ("lenobl-mms", "leningrad/kirovsky") in report.drafts
    assert not any(s == "leningrad/luzhsky" for _, s in report.drafts)


def test_a_draft_that_fails_is_named_with_its_document_and_set(tree, monkeypatch):
    template = tree.settings.templates_dir / "polozhenie-mms-kyzyl.yaml"
    text = template.read_text("utf-8").replace('doc_title: "', 'doc_title: "{{ nothing }} ')
    template.write_text(text, encoding="utf-8")
    report = audit(tree)
    assert [f.subject for f in report.failures] == ["tyva-mms · tyva/kyzyl"]
    assert "doc_title" in report.failures[0].message


def test_validate_without_drafts_skips_rendering(tree):
    report = audit(tree, render=False)
    assert report.ok and report.drafts == []


def test_the_cli_prints_every_failure_and_exits_1(tree):
    (tree.settings.variables_dir / "leningrad" / "luzhsky.yaml").write_text("act: [\n", "utf-8")
    env = {
        "DOCGEN_VARIABLES_DIR": str(tree.settings.variables_dir),
        "DOCGEN_TEMPLATES_DIR": str(tree.settings.templates_dir),
    }
    result = CliRunner().invoke(cli, ["validate"], env=env)
    assert result.exit_code == 1
    assert "✗ набор leningrad/luzhsky: " in result.output and "ошибок: 1" in result.output
    assert "✓ leningrad/kirovsky" in result.output and "Черновиков сформировано" in result.output


# ------------------------------------------------------------------- regions: all


def test_the_acts_blank_serves_every_region_even_a_new_one():
    template = core().template("cover-approval")
    assert isinstance(template.regions, AllRegions)
    assert all(r in template.regions for r in ("leningrad", "a-region-added-later"))
    municipal = [s for s in core().set_ids() if "/" in s]
    assert core().sets_for("cover-approval") == municipal


def test_a_package_may_serve_every_region(tree):
    (tree.settings.templates_dir / "packages" / "act-only.yaml").write_text(
        "id: act-only\ntitle: Акт\nregions: all\nparts: [cover-approval]\n", encoding="utf-8"
    )
    assert tree.sets_for("act-only") == [s for s in tree.set_ids() if "/" in s]
    assert tree.sets_for("act-only", "tyva") == ["tyva/kyzyl"]
    assert audit(tree).ok


def test_an_all_regions_package_of_a_regional_template_is_reported(tree):
    (tree.settings.templates_dir / "packages" / "everywhere.yaml").write_text(
        "id: everywhere\ntitle: Т\nregions: all\nparts: [cover-approval, polozhenie-mms-kyzyl]\n",
        encoding="utf-8",
    )
    failures = [f for f in audit(tree, render=False).failures if f.subject == "пакет everywhere"]
    assert failures and "polozhenie-mms-kyzyl" in failures[0].message


@pytest.mark.parametrize("regions", ["leningrad", "[]", "{a: b}", "[1]", "every"])
def test_regions_must_be_a_list_or_all(tree, regions):
    meta = tree.settings.templates_dir / "cover-approval.yaml"
    text = meta.read_text("utf-8").replace("regions: all", f"regions: {regions}")
    meta.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError, match="regions: список регионов"):
        tree.template("cover-approval")
