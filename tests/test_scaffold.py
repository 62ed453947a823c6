"""``docgen new region | municipality | package | template`` (issue 12, item 2).

Each command writes commented YAML with every required key (``!unknown`` where the editor
must fill), refuses to overwrite, and its result validates and drafts at once. Run in a
temporary copy of the shipped library; the schema decides what is required.
"""

from __future__ import annotations

import io

import docx
import pytest
from click.testing import CliRunner

from docgen import Docgen, MissingValuesError, Settings
from docgen.cli import cli
from docgen.errors import ScaffoldError
from docgen.scaffold import new_municipality, new_region
from docgen.scaffold_library import new_package, new_template
from docgen.schema import UNKNOWN
from docgen.variables import read_yaml

from shipped import copied

NAME = "Энский муниципальный округ Московской области"


@pytest.fixture
def dg(tmp_path) -> Docgen:
    return copied(tmp_path)


def _flat(data, prefix="") -> dict:
    out = {}
    for key, value in data.items():
        if isinstance(value, dict) and "nomn" not in value:
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def _text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


# ------------------------------------------------------------------------------ region


def test_a_new_region_has_every_required_key_and_validates(dg):
    done = new_region(dg, "moskovskaya", "Московская область")
    root = dg.settings.variables_dir / "moskovskaya"
    assert {p.name for p in done.written} == {
        "_region.yaml",
        "_acts.yaml",
        "_kinds.yaml",
        "_schema.yaml",
    }
    values = _flat(read_yaml(root / "_region.yaml"))
    required = [f.path for f in dg.schema("moskovskaya").fields.values() if f.required_always]
    assert required and all(path in values for path in required)
    assert values["region.name"] == "Московская область"
    assert values["region.authority"] is UNKNOWN and values["act.mandate"] is UNKNOWN
    assert dg.variables("moskovskaya").missing == ("act.mandate", "region.authority")
    assert ("act.mandate", "Правовое основание, общее для региона (преамбула)") in done.to_fill
    # -- the commented files load as empty tables, their examples are comments --
    assert dg.kinds("moskovskaya").names() == dg.kinds().names()
    assert "# указание:" in (root / "_kinds.yaml").read_text(encoding="utf-8")
    assert len(dg.registry("moskovskaya")) == len(dg.registry("moskovskaya/x"))


def test_every_key_has_its_label_in_a_comment(dg):
    new_region(dg, "moskovskaya", "Московская область")
    text = (dg.settings.variables_dir / "moskovskaya" / "_region.yaml").read_text("utf-8")
    assert "# Региональный орган управления образованием" in text
    assert "#   mandate:\n" in text  # -- the example of a basis, commented --
    assert "  # institute:" in text  # -- an optional key, commented out --


@pytest.mark.parametrize("bad", ["Moskva", "1region", "mos kva", "_x", ""])
def test_a_bad_region_id_is_refused(dg, bad):
    with pytest.raises(ScaffoldError, match="недопустимый идентификатор региона"):
        new_region(dg, bad, "Московская область")


def test_an_existing_region_is_not_overwritten(dg):
    before = (dg.settings.variables_dir / "tyva" / "_region.yaml").read_bytes()
    with pytest.raises(ScaffoldError, match="уже есть"):
        new_region(dg, "tyva", "Республика Тыва")
    assert (dg.settings.variables_dir / "tyva" / "_region.yaml").read_bytes() == before


def test_a_region_needs_a_name(dg):
    with pytest.raises(ScaffoldError, match="--name"):
        new_region(dg, "moskovskaya", "  ")


def test_the_installed_data_folder_is_refused(tmp_path):
    import docgen

    installed = docgen.scaffold._INSTALLED / "variables"
    dg = Docgen(Settings(variables_dir=installed, templates_dir=tmp_path, run_checks=False))
    with pytest.raises(ScaffoldError, match="DOCGEN_VARIABLES_DIR"):
        new_region(dg, "moskovskaya", "Московская область")


# ------------------------------------------------------------------------ municipality


def test_a_new_municipality_has_every_required_key_not_given_by_its_region(dg):
    new_region(dg, "moskovskaya", "Московская область")
    done = new_municipality(dg, "moskovskaya/ensky", NAME)
    values = _flat(read_yaml(done.written[0]))
    schema = dg.schema("moskovskaya/ensky")
    inherited = _flat(read_yaml(dg.settings.variables_dir / "moskovskaya" / "_region.yaml"))
    for spec in schema.fields.values():
        if spec.required and "[]" not in spec.path and spec.default is None:
            assert (spec.path in values) != (spec.path in inherited), spec.path
    assert values["municipality.name"] == NAME
    assert values["municipality.kind"] == "муниципальный округ"  # -- found in the name --
    assert values["act.kind"] is UNKNOWN
    assert [p for p, _ in done.to_fill] == [p for p, v in values.items() if v is UNKNOWN]


def test_a_new_municipality_in_a_shipped_region_drafts_its_package_at_once(dg):
    done = new_municipality(dg, "leningrad/novy", "Новый муниципальный район Ленинградской области")
    values = _flat(read_yaml(done.written[0]))
    assert "service.name" not in values  # -- the region gives it --
    assert "docgen generate lenobl-mms leningrad/novy --draft -o novy-lenobl-mms.docx" in (
        done.next_steps
    )
    result = dg.generate("lenobl-mms", "leningrad/novy", draft=True)
    assert "[не заполнено: Орган управления образованием" in _text(result.docx)
    assert "Новому муниципальному району" not in result.missing
    with pytest.raises(MissingValuesError) as refused:
        dg.generate("lenobl-mms", "leningrad/novy")
    assert "Вид акта" in refused.value.missing


def test_a_kind_not_in_the_name_stays_unknown(dg):
    done = new_municipality(dg, "leningrad/novy", "Новое поселение")
    assert _flat(read_yaml(done.written[0]))["municipality.kind"] is UNKNOWN


def test_a_municipality_needs_its_region(dg):
    with pytest.raises(ScaffoldError, match="docgen new region nowhere"):
        new_municipality(dg, "nowhere/ensky", NAME)


def test_a_municipality_id_has_a_slug(dg):
    with pytest.raises(ScaffoldError, match="регион/муниципалитет"):
        new_municipality(dg, "leningrad", NAME)


def test_an_existing_municipality_is_not_overwritten(dg):
    with pytest.raises(ScaffoldError, match="уже есть"):
        new_municipality(dg, "leningrad/kirovsky", NAME)


def test_what_does_not_validate_is_removed_again(dg):
    region = dg.settings.variables_dir / "leningrad" / "_region.yaml"
    text = region.read_text("utf-8").replace("  name: Ленинградская область", "  nmae: x")
    region.write_text(text, encoding="utf-8")
    with pytest.raises(ScaffoldError, match="не прошло проверку и удалено"):
        new_municipality(dg, "leningrad/novy", NAME)
    assert not (dg.settings.variables_dir / "leningrad" / "novy.yaml").exists()


# ---------------------------------------------------------------- template and package


def test_a_new_template_is_a_copy_for_its_region(dg):
    new_region(dg, "moskovskaya", "Московская область")
    done = new_template(dg, "polozhenie-mms-mo", "polozhenie-mms-lenobl", ["moskovskaya"])
    copy, source = dg.template("polozhenie-mms-mo"), dg.template("polozhenie-mms-lenobl")
    assert done.written[0].read_bytes() == source.path.read_bytes()
    assert copy.regions == ("moskovskaya",) and copy.variables == source.variables
    assert copy.title == "Положение о муниципальной методической службе (Московская область)"
    assert (copy.kind, copy.doc_title, copy.doc_gender) == (
        source.kind,
        source.doc_title,
        source.doc_gender,
    )
    assert [f for f in dg.lint(done.written[0]) if f.severity.value == "error"] == []


def test_a_template_copy_without_regions_keeps_the_sources(dg):
    new_template(dg, "cover-copy", "cover-approval")
    assert "moskovskaya" in dg.template("cover-copy").regions  # -- «all» is kept --


def test_a_taken_id_is_refused(dg):
    with pytest.raises(ScaffoldError, match="уже занят"):
        new_template(dg, "lenobl-mms", "cover-approval")


def test_a_package_with_a_foreign_regional_template_is_refused_with_the_way_out(dg):
    new_region(dg, "moskovskaya", "Московская область")
    with pytest.raises(ScaffoldError) as refused:
        new_package(dg, "mosobl-mms", "lenobl-mms", "moskovskaya")
    message = str(refused.value)
    assert "polozhenie-mms-lenobl" in message and "cover-approval" not in message
    assert "docgen new template" in message and "--appendix" in message
    assert not (dg.settings.templates_dir / "packages" / "mosobl-mms.yaml").exists()


def test_a_package_for_a_new_region_drafts_at_once(dg):
    new_region(dg, "moskovskaya", "Московская область")
    new_municipality(dg, "moskovskaya/ensky", NAME)
    new_template(dg, "polozhenie-mms-mo", "polozhenie-mms-lenobl", ["moskovskaya"])
    done = new_package(dg, "mosobl-mms", "lenobl-mms", "moskovskaya", ["polozhenie-mms-mo"])
    package = dg.package("mosobl-mms")
    assert package.parts == ("cover-approval", "polozhenie-mms-mo")
    assert package.regions == ("moskovskaya",)
    assert package.title.endswith("(Московская область)")
    assert dg.sets_for("mosobl-mms") == ["moskovskaya/ensky"]
    assert done.next_steps[0].startswith("docgen generate mosobl-mms moskovskaya/ensky --draft")
    text = _text(dg.generate("mosobl-mms", "moskovskaya/ensky", draft=True).docx)
    assert "Об утверждении Положения о [не заполнено: Наименование методической службы]" in text


def test_a_package_copy_keeps_its_conditions_and_defaults(dg):
    new_package(dg, "hmao-copy", "hmao-msms", "khmao")
    copy, source = dg.package("hmao-copy"), dg.package("hmao-msms")
    assert copy.parts == source.parts and copy.conditions == source.conditions
    assert copy.defaults == source.defaults
    dg.generate("hmao-copy", "khmao/oktyabrsky", draft=True)


def test_an_appendix_must_be_an_appendix(dg):
    with pytest.raises(ScaffoldError, match="не приложение"):
        new_package(dg, "x", "lenobl-mms", "leningrad", ["cover-approval"])


def test_a_package_needs_a_package_to_copy(dg):
    with pytest.raises(ScaffoldError, match="шаблон, а не пакет"):
        new_package(dg, "x", "polozhenie-mms-lenobl", "leningrad")


# ------------------------------------------------------------------------------ the CLI


def test_the_commands_print_what_to_fill_and_what_next(dg):
    env = {
        "DOCGEN_VARIABLES_DIR": str(dg.settings.variables_dir),
        "DOCGEN_TEMPLATES_DIR": str(dg.settings.templates_dir),
        "DOCGEN_RUN_CHECKS": "0",
    }
    runner = CliRunner()
    result = runner.invoke(
        cli, ["new", "region", "moskovskaya", "--name", "Московская область"], env=env
    )
    assert result.exit_code == 0, result.output
    assert "Заполните (сейчас !unknown):" in result.output
    assert "region.authority — Региональный орган управления образованием" in result.output
    result = runner.invoke(
        cli, ["new", "municipality", "moskovskaya/ensky", "--name", NAME], env=env
    )
    assert result.exit_code == 0 and "cover-approval moskovskaya/ensky" in result.output
    result = runner.invoke(cli, ["validate"], env=env)
    unknown = len(dg.variables("moskovskaya/ensky").missing)
    assert result.exit_code == 0 and f"✓ moskovskaya/ensky (неизвестно: {unknown})" in result.output
    assert "Нет документов для наборов: moskovskaya/ensky" in result.output
    result = runner.invoke(cli, ["new", "region", "moskovskaya", "--name", "М"], env=env)
    assert result.exit_code == 1 and "уже есть" in result.output
    result = runner.invoke(cli, ["new", "region", "moskovskaya"], env=env)
    assert result.exit_code == 2


@pytest.mark.parametrize(("regions", "refused"), [("[moskovskaya]", False), ("[tyva]", True)])
def test_lint_knows_the_fields_the_templates_regions_add(dg, regions, refused):
    from docgen.docxbuild import build_docx

    new_region(dg, "moskovskaya", "Московская область")
    schema = dg.settings.variables_dir / "moskovskaya" / "_schema.yaml"
    schema.write_text("moskovskaya.meetings:\n  type: text\n  label: Заседания\n", "utf-8")
    docx_path = dg.settings.templates_dir / "t-mo.docx"
    build_docx("Заседания проводятся {{ moskovskaya.meetings }}.", docx_path)
    docx_path.with_suffix(".yaml").write_text(
        f"id: t-mo\ntitle: Т\nkind: cover\nregions: {regions}\nvariables: [moskovskaya.meetings]\n",
        encoding="utf-8",
    )
    rules = [f.rule for f in dg.lint(docx_path)]
    assert ("L-04" in rules) is refused


def test_a_key_the_region_gives_is_not_overridden_by_an_unknown(dg):
    new_region(dg, "moskovskaya", "Московская область")
    region = dg.settings.variables_dir / "moskovskaya" / "_region.yaml"
    text = region.read_text("utf-8").replace(
        "  mandate: !unknown", "  mandate: !unknown\n  kind: приказ"
    )
    region.write_text(text, encoding="utf-8")
    done = new_municipality(dg, "moskovskaya/ensky", NAME)
    assert "act.kind" not in _flat(read_yaml(done.written[0]))
    assert dg.variables("moskovskaya/ensky").data["act"]["kind"] == "приказ"
