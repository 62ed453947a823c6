"""The core object: library, resolve, context, parts, generate, views and version-keyed caches."""

from __future__ import annotations

import io
import os
import re
import shutil
import textwrap

import docx
import pytest

import docgen.core
from docgen import (
    Docgen,
    MissingValuesError,
    OverlaySource,
    Settings,
    TemplateError,
    TemplateFiles,
    UnknownIdError,
    VariablesError,
)
from docgen.docxbuild import build_docx

from paths import REPO

ACTS = """
fz-2012-273:
  kind: федеральный закон
  date: 2012-12-29
  number: 273-ФЗ
  title: Об образовании в Российской Федерации
ukaz-2020-474:
  kind: указ
  issuer: Президент Российской Федерации
  date: 2020-07-21
  number: "474"
  title: О национальных целях развития Российской Федерации на период до 2030 года
  status: утратил силу
  status_date: 2024-05-07
  superseded_by: ukaz-2024-309
ukaz-2024-309:
  kind: указ
  issuer: Президент Российской Федерации
  date: 2024-05-07
  number: "309"
  title: О национальных целях развития Российской Федерации на период до 2036 года
"""
REGION = """
region:
  name: Ленинградская область
  authority: комитет общего и профессионального образования Ленинградской области
act:
  basis:
    - act: fz-2012-273
service:
  name: муниципальная методическая служба
  abbr: ММС
"""
TOWN = """
municipality:
  name: Кировский муниципальный район Ленинградской области
  kind: муниципальный район
  short: Кировский район
authority:
  name: комитет образования
  blank: КОМИТЕТ ОБРАЗОВАНИЯ
act:
  kind: распоряжение
  date: 2023-05-23
  number: "233"
signer:
  position: Председатель комитета
  name: И.В. Носова
  gender: f
"""
OWN = """
authority:
  name: комитет общего и профессионального образования Ленинградской области
  blank: КОМИТЕТ
act:
  kind: распоряжение
  date: 2023-01-10
  number: "1-р"
signer:
  position: Председатель комитета
  name: В.И. Ильин
  gender: m
"""
ACT = """
.title {{ cover.title }}
{{ cover.preamble }}
{%p for clause in cover.clauses %}
{{ num(clause.level) }} {{ clause.text }}
{%p endfor %}
Номер {{ act.number }}
"""
DOC = """
.heading {{ part.heading }}
{{ part.subject }} ({{ service.abbr }})
"""


class Library:
    """A tiny template library and variable tree in a temporary folder."""

    def __init__(self, root):
        self.templates = root / "templates_docx"
        self.variables = root / "variables"
        (self.templates / "packages").mkdir(parents=True)
        self.variables.mkdir()
        for name in ("_schema.yaml", "_kinds.yaml", "_wording.yaml"):
            shutil.copy(REPO / "variables" / name, self.variables / name)
        self.var("_acts.yaml", ACTS)
        self.var("lo/_region.yaml", REGION)
        self.var("lo/_own.yaml", OWN)
        self.var("lo/town.yaml", TOWN)
        self.var("lo/village.yaml", TOWN.replace('"233"', '"7"'))
        self.var("xx/_region.yaml", REGION.replace("Ленинградская", "Псковская"))
        self.var("xx/far.yaml", TOWN)
        self.template("act", ACT, "kind: cover")
        self.template(
            "doc", DOC, "kind: appendix\ndoc_title: Положение о {{ service.name | case('loct') }}"
        )
        self.package("pack", "parts: [act, doc]")

    def var(self, relpath: str, text: str):
        path = self.variables / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def template(self, template_id: str, markup: str, meta: str, folder=None) -> TemplateFiles:
        folder = folder or self.templates
        build_docx(textwrap.dedent(markup), folder / f"{template_id}.docx")
        (folder / f"{template_id}.yaml").write_text(
            f"id: {template_id}\ntitle: Тест {template_id}\nregions: [lo]\nvariables: []\n"
            + meta
            + "\n",
            encoding="utf-8",
        )
        return TemplateFiles(
            template_id, folder / f"{template_id}.docx", folder / f"{template_id}.yaml"
        )

    def package(self, package_id: str, body: str) -> None:
        (self.templates / "packages" / f"{package_id}.yaml").write_text(
            f"id: {package_id}\ntitle: Пакет {package_id}\nregions: [lo]\n{body}\n",
            encoding="utf-8",
        )

    def docgen(self, **settings) -> Docgen:
        return Docgen(
            Settings(
                templates_dir=self.templates,
                variables_dir=self.variables,
                **{"run_checks": False, **settings},
            )
        )


@pytest.fixture
def lib(tmp_path):
    return Library(tmp_path)


@pytest.fixture
def dg(lib):
    return lib.docgen()


def text_of(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def touch(path, text: str) -> None:
    """Rewrite `path` so that its version (modification time, size) surely changes."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


# -- the library ---------------------------------------------------------------------------


def test_library_lists_templates_and_packages_sorted_ignoring_foreign_files(lib, dg):
    (lib.templates / "Копия шаблона.docx").write_bytes(b"")
    lib.package("another", "parts: [act]")
    assert dg.template_ids() == ["act", "doc"]
    assert dg.package_ids() == ["another", "pack"]
    assert dg.set_ids() == ["lo", "lo/town", "lo/village", "xx", "xx/far"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda dg: dg.template("nope"), "шаблон «nope» не найден (есть: act, doc)"),
        (lambda dg: dg.package("nope"), "документ «nope» не найден (есть: pack, act, doc)"),
        (lambda dg: dg.template("../act"), "недопустимый идентификатор шаблона «../act»"),
        (lambda dg: dg.package("Pack"), "недопустимый идентификатор документа «Pack»"),
        (lambda dg: dg.variables("lo/nowhere"), "набор переменных «lo/nowhere» не найден"),
    ],
)
def test_an_unknown_or_malformed_id_is_refused_in_russian(dg, call, message):
    with pytest.raises(UnknownIdError, match=re.escape(message)):
        call(dg)


def test_a_bare_template_id_is_a_package_of_one_part(dg):
    package = dg.package("doc")
    assert (package.id, package.parts, package.regions) == ("doc", ("doc",), ("lo",))
    assert dg.package("pack").parts == ("act", "doc")


@pytest.mark.parametrize(
    ("set_id", "message"),
    [
        ("xx/far", "предназначен для регионов: lo; набор «xx/far» относится к региону «xx»"),
        ("lo", "формируется по набору муниципального образования"),
    ],
)
def test_resolve_refuses_a_set_of_another_region_or_level(dg, set_id, message):
    with pytest.raises(UnknownIdError, match=message):
        dg.resolve("pack", set_id)


def test_resolve_gives_the_package_its_templates_and_the_set(dg):
    resolved = dg.resolve("pack", "lo/town")
    assert resolved.package.id == "pack"
    assert [t.id for t in resolved.templates] == ["act", "doc"]
    assert resolved.variables.id == "lo/town"


# -- context and parts ---------------------------------------------------------------------


def test_context_holds_every_declared_variable_the_package_and_the_appendices(dg):
    context = dg.context("pack", "lo/town")
    assert context["act"]["number"] == "233"
    assert not context["act"]["place"]  # -- declared, not given: a falsy placeholder --
    assert context["package"] == {"id": "pack", "title": "Пакет pack", "municipality": "lo/town"}
    [appendix] = context["appendices"]
    assert appendix["title"] == "Положение о муниципальной методической службе"
    assert (appendix["number"], appendix["ref"]) == (None, "(приложение)")
    assert context["cover"]["title"] == (
        "Об утверждении Положения о муниципальной методической службе"
    )


def test_parts_give_each_appendix_its_entry_and_the_act_none(dg):
    (act, act_context), (doc, doc_context) = dg.parts("pack", "lo/town")
    assert (act.id, act_context["part"]) == ("act", None)
    assert (doc.id, doc_context["part"]["heading"]) == ("doc", "ПОЛОЖЕНИЕ")


@pytest.mark.parametrize(
    ("override", "included"),
    [({}, ["act"]), ({"act.points": [{"text": "Довести до сведения."}]}, ["act", "doc"])],
)
def test_a_conditional_part_is_included_only_when_its_condition_holds(lib, dg, override, included):
    lib.package("cond", "parts: [act, {template: doc, when: act.points}]")
    assert [t.id for t, _ in dg.parts("cond", "lo/town", override)] == included


def test_a_condition_that_does_not_evaluate_names_the_package(lib, dg):
    lib.package("broken", "parts: [act, {template: doc, when: 'act.number + 1'}]")
    with pytest.raises(TemplateError, match="условие «act.number \\+ 1» не вычисляется"):
        dg.context("broken", "lo/town")


# -- generate --------------------------------------------------------------------------------


def test_generate_renders_every_part_and_says_what_it_was_made_from(dg):
    result = dg.generate("pack", "lo/town")
    text = text_of(result.docx)
    assert "Об утверждении Положения о муниципальной методической службе" in text
    assert "В соответствии с Федеральным законом от 29.12.2012" in text
    assert "Номер 233" in text and "ПОЛОЖЕНИЕ" in text and "(ММС)" in text
    assert result.missing == () and result.draft is False
    assert [t.id for t in result.templates] == ["act", "doc"]
    assert result.cited_acts == ("fz-2012-273",)
    assert (result.requisites.number, result.requisites.place) == ("233", "Кировский район")


def test_the_variables_hash_follows_the_values_not_the_files(dg):
    first = dg.generate("pack", "lo/town").variables_hash
    assert dg.generate("pack", "lo/town", {"act.number": "233"}).variables_hash == first
    assert dg.generate("pack", "lo/town", {"act.number": "234"}).variables_hash != first


def test_a_draft_marks_unknown_values_and_a_final_is_refused(dg):
    unknown = {"act.number": docgen.UNKNOWN}
    draft = dg.generate("pack", "lo/town", unknown, draft=True)
    assert draft.missing == ("Номер акта",)
    assert "Номер [не заполнено: Номер акта]" in text_of(draft.docx)
    with pytest.raises(MissingValuesError, match="не заполнены значения — Номер акта"):
        dg.generate("pack", "lo/town", unknown)


def test_the_region_schema_extends_only_the_sets_of_that_region(lib, dg):
    lib.var("lo/_schema.yaml", "service.motto:\n  type: text\n  label: Девиз\n")
    assert "service.motto" in dg.schema("lo/town").fields
    assert "service.motto" not in dg.schema("xx/far").fields
    assert "service.motto" not in dg.schema().fields


# -- package defaults --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region_writes", "town_writes", "expected"),
    [
        ("", "", "first"),
        ("  title_names: all\n", "", "all"),
        ("", "  title_names: all\n", "all"),
    ],
)
def test_package_defaults_apply_only_where_the_set_gives_nothing(
    lib, dg, region_writes, town_writes, expected
):
    lib.package("chosen", "parts: [act, doc]\ndefaults:\n  act.title_names: first")
    lib.var("lo/_region.yaml", REGION.replace("act:\n", "act:\n" + region_writes))
    lib.var("lo/town.yaml", TOWN.replace("act:\n", "act:\n" + town_writes))
    assert dg.context("chosen", "lo/town")["act"]["title_names"] == expected
    # -- the defaults of one package never leak into another's context --
    assert dg.context("pack", "lo/town")["act"]["title_names"] == "all"


@pytest.mark.parametrize(
    ("defaults", "message"),
    [
        ("act.number: '1'", "defaults: «act.number» — не поле выбора схемы"),
        ("act.nothing: first", "defaults: «act.nothing» — не поле выбора схемы"),
        ("act.title_names: some", "defaults: act.title_names: допустимые значения: all, first"),
    ],
)
def test_package_defaults_must_be_valid_choices_of_the_schema(lib, dg, defaults, message):
    lib.package("chosen", f"parts: [act]\ndefaults:\n  {defaults}")
    with pytest.raises(TemplateError, match=message) as info:
        dg.package("chosen")
    assert info.value.location == "templates_docx/packages/chosen.yaml"


# -- sets_for, citations, checks ---------------------------------------------------------------


def test_sets_for_lists_the_sets_of_the_package_regions_and_level(lib, dg):
    assert dg.sets_for("pack") == ["lo/town", "lo/village"]
    assert dg.sets_for("pack", "lo") == ["lo/town", "lo/village"]
    lib.package("own", "parts: [act]\nlevel: region")
    assert dg.sets_for("own") == ["lo"]
    with pytest.raises(UnknownIdError, match="не предназначен для региона «xx»"):
        dg.sets_for("pack", "xx")


def test_a_citation_is_seen_from_the_set(lib, dg):
    lib.var(
        "lo/_acts/town.yaml",
        "town-rasp-2019-45:\n  kind: распоряжение\n  issuer: комитет образования\n"
        "  date: 2019-02-26\n  number: '45'\n  title: Об утверждении Положения\n",
    )
    cited = dg.citation("town-rasp-2019-45", "lo/town")
    assert cited.text("ablt", "digital") == (
        "распоряжением комитета образования от 26.02.2019 №\u00a045 «Об утверждении Положения»"
    )
    assert dg.citation("fz-2012-273").text("gent", "digital").startswith("Федерального закона")
    with pytest.raises(VariablesError, match="акт «town-rasp-2019-45» не найден в реестре"):
        dg.citation("town-rasp-2019-45", "lo/village")


CITING = "В соответствии с Указом Президента Российской Федерации от 21.07.2020 № 474 «О целях»:"


@pytest.mark.parametrize(
    ("status", "flagged"),
    [("  status: утратил силу\n", True), ("  status: действует\n", False)],
)
def test_check_docx_judges_citations_by_the_registry(lib, tmp_path, status, flagged):
    lib.var("_acts.yaml", ACTS.replace("  status: утратил силу\n", status))
    build_docx(CITING, tmp_path / "act.docx")
    findings = lib.docgen().check_docx((tmp_path / "act.docx").read_bytes(), set_id="lo/town")
    lost = [f for f in findings if f.rule == "G-55"]
    assert bool(lost) == flagged
    if flagged:
        assert "№\u00a0309" in lost[0].message


# -- views and caches --------------------------------------------------------------------------


@pytest.fixture
def counted(monkeypatch):
    """Return the number of calls of the core's readers and compiler, by name."""
    calls = {"read_template": 0, "load_variables": 0, "compile_template": 0, "read_package": 0}
    for name in calls:
        real = getattr(docgen.core, name)

        def wrapper(*args, _real=real, _name=name, **kwargs):
            calls[_name] += 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(docgen.core, name, wrapper)
    return calls


def test_a_view_renders_its_overlay_and_shares_the_caches(lib, dg, tmp_path, counted):
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    files = lib.template(
        "doc",
        DOC + "Загруженная версия\n",
        "kind: appendix\ndoc_title: Положение о {{ service.name | case('loct') }}",
        folder=uploads,
    )
    view = dg.using(OverlaySource(dg.templates, {"doc": files}))
    assert "Загруженная версия" not in text_of(dg.generate("pack", "lo/town").docx)
    assert counted == {
        "read_template": 2,
        "load_variables": 1,
        "compile_template": 2,
        "read_package": 1,
    }
    assert "Загруженная версия" in text_of(view.generate("pack", "lo/town").docx)
    # -- only the uploaded template is new to the shared caches --
    assert counted == {
        "read_template": 3,
        "load_variables": 1,
        "compile_template": 3,
        "read_package": 1,
    }
    assert view.environment is dg.environment
    assert "Загруженная версия" not in text_of(dg.generate("pack", "lo/town").docx)
    assert counted["compile_template"] == 3


def test_an_unchanged_file_is_not_read_again_and_a_changed_one_is_picked_up(lib, dg, counted):
    assert "Номер 233" in text_of(dg.generate("pack", "lo/town").docx)
    dg.generate("pack", "lo/town")
    assert (counted["load_variables"], counted["read_template"]) == (1, 2)

    touch(lib.variables / "lo" / "town.yaml", TOWN.replace('"233"', '"1234"'))
    assert "Номер 1234" in text_of(dg.generate("pack", "lo/town").docx)
    assert (counted["load_variables"], counted["read_template"]) == (2, 2)

    touch(
        lib.templates / "doc.yaml",
        (lib.templates / "doc.yaml").read_text() + "level: municipality\n",
    )
    dg.generate("pack", "lo/town")
    assert (counted["load_variables"], counted["read_template"]) == (2, 3)


def test_a_changed_package_or_registry_is_picked_up(lib, dg):
    assert dg.package("pack").title == "Пакет pack"
    touch(
        lib.templates / "packages" / "pack.yaml",
        "id: pack\ntitle: Новое название\nregions: [lo]\nparts: [act, doc]\n",
    )
    assert dg.package("pack").title == "Новое название"
    touch(lib.variables / "_acts.yaml", ACTS.replace("Об образовании", "Об образовании (ред.)"))
    assert "(ред.)" in dg.citation("fz-2012-273").text()


def test_a_set_shares_no_container_with_the_layers_it_is_read_from():
    """The region's and the shared layers are parsed once per file version and read by
    every set below them, and the schema's defaults serve every set: what one set's data
    does to its lists and mappings must not reach the next set."""
    from shipped import SHIPPED

    dg = Docgen(SHIPPED)
    region = "leningrad"
    first, second = [s for s in dg.set_ids() if s.startswith(region + "/")][:2]
    expected = Docgen(SHIPPED).variables(second).data
    # -- an override makes a set of its own (not kept), whose data a caller may change --
    data = dg.variables(first, {"act.number": "1"}).data

    def spoil(node):
        if isinstance(node, list):
            for item in node:
                spoil(item)
            node.append("чужое")
        elif isinstance(node, dict):
            for item in node.values():
                spoil(item)
            node["чужое"] = 1

    spoil(data)
    assert dg.variables(second).data == expected


def test_a_changed_registry_or_wording_reaches_the_generated_act(lib, dg):
    """The set's values hold its citations: they are made again when the registry or the
    wording changes, not only when the set's own files do."""
    assert "«Об образовании в Российской Федерации»" in text_of(dg.generate("pack", "lo/town").docx)
    touch(lib.variables / "_acts.yaml", ACTS.replace("Об образовании", "Об образовании (ред.)"))
    assert "«Об образовании (ред.) в Российской" in text_of(dg.generate("pack", "lo/town").docx)
    wording = lib.variables / "_wording.yaml"
    touch(wording, wording.read_text().replace('citation: "{kind} ', 'citation: "{kind} (акт) '))
    assert "законом (акт) от 29" in text_of(dg.generate("pack", "lo/town").docx)
