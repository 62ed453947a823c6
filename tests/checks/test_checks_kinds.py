"""The checker reads act kinds from the kinds data: a region's own kind is read like a shared one.

A region declares «указание» with the formula «ПРЕДЛАГАЮ:» (as docs/guide.md «Новый вид
акта» does). Read with that region's kinds, its acts are checked clean; read with the shared
kinds only, the old false findings come back (G-09/G-12 on «ПРЕДЛАГАЮ:», G-31 on the control
clause, G-34/G-35 on «к указанию»/«указанием»). What the shared kinds read stays the same.
"""

from __future__ import annotations

import re
import shutil

import pytest
from checks.checkenv import TODAY
from checks.conftest import BASE_TEXT, nb
from click.testing import CliRunner

from docgen import Docgen, Settings
from docgen.checks import (
    check_docx,
    check_file,
    check_text,
    load_profile,
    model_from_docx,
    model_from_text,
)
from docgen.checks.kinds import KindWords, kind_words, shared_kinds
from docgen.checks.runner import cached_layout
from docgen.cli import cli
from docgen.kinds import kinds_files, load_kinds

from paths import SEEDS, TEMPLATES, VARIABLES

PACKAGE = "lenobl-mms"
KIND = 'указание:\n  issued: true\n  issuer: руководитель органа\n  formula: "ПРЕДЛАГАЮ:"\n'
#: What the old hard-coded checker reported on a region's «указание»: the formula as a
#: paragraph of text (indent, alignment), the control clause, the appendix mark or approval.
OLD_FINDINGS = {"G-09", "G-12", "G-31"}
MARK_FINDING = {"gost": "G-34", "lenobl": "G-35"}


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    """Return (core with checks, set id) of a copy of the library: the package's first set
    with every value known (no placeholder hides a finding), its region declares «указание»."""
    root = tmp_path_factory.mktemp("kinds") / "variables"
    shutil.copytree(VARIABLES, root)
    dg = Docgen(Settings(templates_dir=TEMPLATES, variables_dir=root, run_checks=True))
    known = [s for s in dg.sets_for(PACKAGE) if not dg.generate(PACKAGE, s, draft=True).missing]
    assert known, f"у документа {PACKAGE} нет набора без пропусков"
    set_id = known[0]
    path = root / set_id.partition("/")[0] / "_kinds.yaml"
    path.write_text((path.read_text("utf-8") if path.exists() else "") + KIND, encoding="utf-8")
    return dg, set_id


def region_kinds(dg: Docgen, set_id: str):
    return dg.kinds(set_id.partition("/")[0])


def generated(dg: Docgen, set_id: str, kind: str, mark: str):
    overrides = {"act.kind": kind, "format.appendix_mark": mark}
    return dg.generate(PACKAGE, set_id, overrides, draft=True)


def rules(findings) -> set[str]:
    return {f.rule for f in findings if f.rule != "G-51"}


@pytest.mark.parametrize("mark", sorted(MARK_FINDING))
def test_a_region_kind_generated_for_its_set_is_checked_clean(lib, mark):
    dg, set_id = lib
    result = generated(dg, set_id, "указание", mark)
    assert rules(result.findings) == rules(generated(dg, set_id, "приказ", mark).findings)
    assert not rules(result.findings) & (OLD_FINDINGS | set(MARK_FINDING.values()) | {"G-28"})
    model = model_from_docx(result.docx, region_kinds(dg, set_id))
    act = model.parts[0]
    assert (act.kind, act.act_kind, act.label, act.genitive) == (
        "act",
        "УКАЗАНИЕ",
        "указание",
        "указания",
    )
    assert [p.clean for p in act.role("order")] == ["ПРЕДЛАГАЮ:"]
    marks = " ".join(p.clean for part in model.parts[1:] for p in part.role("mark"))
    assert ("к указанию" if mark == "gost" else "указанием") in marks


@pytest.mark.parametrize("mark", sorted(MARK_FINDING))
def test_the_same_document_with_the_kind_unknown_to_the_data_gets_the_old_findings(lib, mark):
    dg, set_id = lib
    data = generated(dg, set_id, "указание", mark).docx
    found = check_docx(data, registry=dg.registry(set_id), today=TODAY)
    assert rules(found) == OLD_FINDINGS | {MARK_FINDING[mark]}
    formula = [f for f in found if f.rule in ("G-09", "G-12")]
    assert formula and all(f.location == formula[0].location for f in formula)
    assert model_from_docx(data).parts[0].act_kind is None


def test_memoised_layout_is_kept_per_kinds(lib):
    # -- the layout of one template version is computed once per kinds read with, not once --
    dg, set_id = lib
    data = generated(dg, set_id, "указание", "lenobl").docx
    region = region_kinds(dg, set_id)
    key = "test-layout-per-kinds"
    for kinds, expected in ((None, True), (region, False), (None, True), (region, False)):
        found = check_docx(data, layout_key=key, text=False, kinds=kinds)
        assert ("G-09" in rules(found)) is expected, kinds
    profile = load_profile()
    shared, own = (cached_layout(key, profile, kind_words(k)) for k in (None, region))
    assert shared is not None and own is not None and shared != own


def swap_kind(text: str) -> str:
    """Return BASE_TEXT's распоряжение as an указание with the formula «ПРЕДЛАГАЮ:»."""
    for old, new in (
        ("РАСПОРЯЖЕНИЕ\n", "УКАЗАНИЕ\n"),
        ("о региональной системе»:", "о региональной системе»,\n\nПРЕДЛАГАЮ:"),
        ("к настоящему распоряжению", "к настоящему указанию"),
        ("настоящего распоряжения", "настоящего указания"),
        ("распоряжением комитета", "указанием комитета"),
    ):
        assert old in text, old
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="module")
def text_kinds(tmp_path_factory):
    """Return the kinds of a region «lo» that declares «указание»."""
    root = tmp_path_factory.mktemp("text-kinds")
    shutil.copy(VARIABLES / "_kinds.yaml", root / "_kinds.yaml")
    (root / "lo").mkdir()
    (root / "lo" / "_kinds.yaml").write_text(KIND, encoding="utf-8")
    return load_kinds(kinds_files(root, "lo"), root)


def test_a_text_act_of_a_region_kind_reads_like_a_shared_one(text_kinds):
    text = swap_kind(BASE_TEXT)
    assert check_text(BASE_TEXT) == []
    # -- in turn, so a memo of one kinds table never answers for the other --
    for _ in range(2):
        assert check_text(text, kinds=text_kinds) == []
        old = check_text(text)
        assert {"G-35"} <= rules(old), old
    model = model_from_text(text, text_kinds)
    roles = {p.clean: p.role for p in model.paragraphs}
    assert (roles["УКАЗАНИЕ"], roles["ПРЕДЛАГАЮ:"]) == ("kind", "order")
    assert model_from_text(text).parts[0].kind == "other"


def test_the_kind_words_in_the_text_follow_the_kinds(text_kinds):
    # -- the same paragraph, judged per kinds: «Указанием» with a capital mid-sentence is a
    # -- kind of act (T-11) only where «указание» is a kind --
    text = swap_kind(BASE_TEXT).replace(
        "1. Утвердить Положение", "1. В соответствии с Указанием комитета утвердить Положение"
    )
    for _ in range(2):
        own = [f for f in check_text(text, kinds=text_kinds) if f.rule == "T-11"]
        assert [f.quote for f in own] == ["Указанием"], own
        assert not [f for f in check_text(text) if f.rule == "T-11"]


@pytest.mark.parametrize(
    ("edit", "rule", "message"),
    [
        (("ПРЕДЛАГАЮ:", ""), "G-28", "в указании нет слова «ПРЕДЛАГАЮ:» перед пунктами"),
        (
            ("настоящего указания оставляю", "указания оставляю"),
            "G-31",
            "нестандартная формула контроля",
        ),
        (
            ("УТВЕРЖДЕНО\nуказанием", "УТВЕРЖДЕНО\nприказом"),
            "G-35",
            "в грифе «приказом», а акт — указание",
        ),
    ],
)
def test_a_region_kind_is_still_judged(text_kinds, edit, rule, message):
    text = swap_kind(BASE_TEXT).replace(*edit)
    found = [f for f in check_text(text, kinds=text_kinds) if f.rule == rule]
    assert [f.message for f in found] == [message]
    assert found[0].location.startswith("указание, ") or rule == "G-35"


def test_a_mark_names_the_act_by_the_kinds_explicit_form(tmp_path):
    # -- a two-word kind with an explicit dative: the mark «к распоряжению главы» is its own --
    shutil.copy(VARIABLES / "_kinds.yaml", tmp_path / "_kinds.yaml")
    (tmp_path / "lo").mkdir()
    (tmp_path / "lo" / "_kinds.yaml").write_text(
        "распоряжение главы:\n  issued: true\n  forms: {datv: распоряжению главы}\n",
        encoding="utf-8",
    )
    kinds = load_kinds(kinds_files(tmp_path, "lo"), tmp_path)
    mark = nb("Приложение\nк распоряжению комитета образования\nот 23.05.2023 №~233\n")
    text = BASE_TEXT.replace("РАСПОРЯЖЕНИЕ\n", "РАСПОРЯЖЕНИЕ ГЛАВЫ\n")
    text = text.replace(
        nb("УТВЕРЖДЕНО\nраспоряжением комитета образования\nот 23.05.2023 №~233\n(приложение)\n"),
        mark.replace("к распоряжению", "к распоряжению главы"),
    )
    model = model_from_text(text, kinds)
    assert model.parts[0].act_kind == "РАСПОРЯЖЕНИЕ ГЛАВЫ"
    assert [f.rule for f in check_text(text, kinds=kinds) if f.rule == "G-34"] == []
    wrong = check_text(text.replace("к распоряжению главы", "к распоряжению"), kinds=kinds)
    assert [f.message for f in wrong if f.rule == "G-34"] == [
        "в отметке «к распоряжению», а акт — распоряжение главы"
    ]


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_the_seeds_read_the_same_with_every_known_kind(lib, seed):
    # -- a region's own kind changes nothing in documents that do not use it --
    dg, _ = lib
    path = SEEDS / seed
    registry = dg.registry()
    shared = check_file(path, registry=registry, today=TODAY)
    assert shared
    assert check_file(path, registry=registry, today=TODAY, kinds=dg.known_kinds()) == shared
    assert "указание" in dg.known_kinds() and "указание" not in dg.kinds()


def test_the_shared_kinds_read_by_default_are_the_shipped_ones(lib):
    dg, set_id = lib
    assert kind_words().key == KindWords(shared_kinds()).key == kind_words(Docgen().kinds()).key
    assert kind_words(region_kinds(dg, set_id)).key != kind_words().key
    # -- built once per kinds table --
    assert kind_words(dg.kinds()) is kind_words(dg.kinds())


def test_the_stems_of_the_kinds_are_the_head_words(lib):
    words = kind_words()
    assert words.stems["распоряжение"] == "распоряжени"
    assert words.stems["федеральный закон"] == "закон"
    assert set(words.issued_stems) <= set(words.act_stems)
    for name, stem in words.stems.items():
        assert re.search(rf"\b{stem}", name), name


def test_standalone_check_reads_a_file_with_every_known_kind(lib, tmp_path):
    dg, set_id = lib
    path = tmp_path / "ukazanie.docx"
    path.write_bytes(generated(dg, set_id, "указание", "gost").docx)
    env = {
        "DOCGEN_VARIABLES_DIR": str(dg.settings.variables_dir),
        "DOCGEN_TEMPLATES_DIR": str(TEMPLATES),
    }
    known = CliRunner().invoke(cli, ["check", str(path)], env=env, catch_exceptions=False)
    shipped = CliRunner().invoke(
        cli, ["check", str(path)], env={**env, "DOCGEN_VARIABLES_DIR": str(VARIABLES)}
    )
    found = set(re.findall(r"\b([GT]-\d\d)\b", known.output)) - {"G-51"}
    old = set(re.findall(r"\b([GT]-\d\d)\b", shipped.output)) - {"G-51"}
    assert not found & OLD_FINDINGS, known.output
    assert OLD_FINDINGS | {"G-34"} <= old, shipped.output


def with_kind(kind: str, operative: str) -> str:
    """Return BASE_TEXT as an act of `kind` whose preamble ends with `operative`."""
    text = BASE_TEXT.replace("РАСПОРЯЖЕНИЕ\n", f"{kind.upper()}\n")
    return text.replace("о региональной системе»:", f"о региональной системе»{operative}")


def test_each_shared_kind_with_a_formula_needs_it_before_the_clauses():
    kinds = shared_kinds()
    formulas = [kinds.get(name) for name in kinds.issued() if kinds.get(name).formula]
    assert formulas
    for kind in formulas:
        given = [",\n\n" + kind.formula, ",\n\n" + " ".join(kind.formula)]
        if kind.collective:
            given.append(", " + kind.collective.replace("…", "Кировского района"))
        for operative in given:
            found = check_text(with_kind(kind.name, operative))
            assert not [f for f in found if f.rule in ("G-28", "T-15")], (kind.name, found)
        missing = [f.message for f in check_text(with_kind(kind.name, ":")) if f.rule == "G-28"]
        assert len(missing) == 1 and f"«{kind.formula}»" in missing[0], (kind.name, missing)
    # -- the messages of the hard-coded checker, word for word --
    assert [f.message for f in check_text(with_kind("приказ", ":")) if f.rule == "G-28"] == [
        "в приказе нет слова «ПРИКАЗЫВАЮ:» перед пунктами"
    ]
    assert [
        (f.message, f.hint) for f in check_text(with_kind("постановление", ":")) if f.rule == "G-28"
    ] == [
        (
            "в постановлении нет «постановляет:»/«ПОСТАНОВЛЯЮ:» перед пунктами",
            "«администрация … постановляет:»",
        )
    ]
    assert not [f for f in check_text(with_kind("распоряжение", ":")) if f.rule == "G-28"]


def test_an_act_of_a_region_kind_is_imported_as_that_kind(lib):
    from docgen.act_import import import_act

    dg, set_id = lib
    result = generated(dg, set_id, "указание", "gost")
    imported = import_act(
        dg, result.docx, "акт.docx", package_id=PACKAGE, region=set_id.partition("/")[0]
    )
    assert imported.values["act.kind"].value == "указание"
    assert not imported.deviations, imported.report()
