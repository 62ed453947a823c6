"""The registry of cited acts (docgen.acts): loading, validation, look-ups, supersession."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import textwrap
from pathlib import Path

import pytest

from docgen.acts import MUNICIPAL_ACTS_DIR, ActRegistry, load_registry, registry_files
from docgen.errors import MissingValuesError, VariablesError
from docgen.variables import list_sets

from doctext import text_of
from shipped import core, generate, package_set_pairs, variables

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "variables"

FEDERAL = """\
old:
  kind: указ
  issuer: Президент Российской Федерации
  date: 2020-07-21
  number: "474"
  title: О старом
  status: утратил силу
  status_date: 2024-05-07
  superseded_by: new
new:
  kind: указ
  issuer: Президент Российской Федерации
  date: 2024-05-07
  number: "309"
  title: О новом
"""


def write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    write(tmp_path, "_acts.yaml", FEDERAL)
    write(
        tmp_path,
        "north/_acts.yaml",
        """\
        reg-1:
          kind: приказ
          issuer: {nomn: комитет образования, gent: комитета образования}
          date: 11.05.2023
          number: "17"
          title: Об утверждении положения
        """,
    )
    write(
        tmp_path,
        "north/_acts/town.yaml",
        """\
        town-45:
          kind: распоряжение
          issuer: комитет образования
          date: 2019-02-26
          number: 45-р
          title: Об утверждении Положения
        """,
    )
    (tmp_path / "north" / "_region.yaml").write_text("{}", encoding="utf-8")
    return tmp_path


def test_a_set_sees_federal_its_region_and_its_own_acts(tree: Path):
    files = registry_files(tree, "north/town")
    registry = load_registry(files, tree)
    assert {a.id for a in registry} == {"old", "new", "reg-1", "town-45"}
    assert {a.id for a in load_registry(registry_files(tree, "north"), tree)} == {
        "old",
        "new",
        "reg-1",
    }
    assert registry.get("reg-1").issuer == {
        "nomn": "комитет образования",
        "gent": "комитета образования",
    }


def test_find_by_date_and_number_ignores_spacing_and_case(tree: Path):
    registry = load_registry(registry_files(tree), tree)
    assert registry.find(dt.date(2019, 2, 26), "45-Р").id == "town-45"
    assert registry.find(dt.date(2019, 2, 26), "46-р") is None


def test_superseded_act_names_its_replacement_and_was_in_force_before(tree: Path):
    registry = load_registry(registry_files(tree), tree)
    old = registry.get("old")
    assert not old.in_force
    assert old.in_force_on(dt.date(2023, 5, 23))
    assert not old.in_force_on(dt.date(2024, 5, 7))
    assert not old.in_force_on(None)
    assert registry.replacement(old).id == "new"
    assert registry.replacement(registry.get("new")) is None


def test_unknown_id_is_reported_with_a_suggestion(tree: Path):
    registry = load_registry(registry_files(tree), tree)
    with pytest.raises(VariablesError, match="«olt».*возможно, имелось в виду «old»"):
        registry.get("olt")


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("x:\n  kind: указ\n  date: 2020-01-01\n  number: '1'\n", "не заданы поля: title"),
        (
            "x:\n  kind: указ\n  date: 2020-01-01\n  number: '1'\n  title: T\n  status: отменён\n",
            "status «отменён»",
        ),
        (
            "x:\n  kind: указ\n  date: 2020-01-01\n  number: '1'\n  title: T\n"
            "  status: утратил силу\n",
            "нужна дата status_date",
        ),
        (
            "x:\n  kind: указ\n  date: 2020-13-01\n  number: '1'\n  title: T\n",
            "date: такой даты нет",
        ),
        ("x:\n  kind: указ\n  date: вчера\n  number: '1'\n  title: T\n", "date: ожидается"),
        (
            "x:\n  kind: указ\n  date: 2020-01-01\n  number: '1'\n  title: T\n  superseded_by: y\n",
            "неизвестный акт «y»",
        ),
        ("x:\n  kind: указ\n  date: 2020-01-01\n  number: '1'\n  title: T\n  titel: U\n", "titel"),
        ("X Y:\n  kind: указ\n  date: 2020-01-01\n  number: '1'\n  title: T\n", "идентификатор"),
    ],
)
def test_bad_entries_are_refused_with_file_and_line(tmp_path: Path, entry: str, message: str):
    write(tmp_path, "_acts.yaml", entry)
    with pytest.raises(VariablesError) as info:
        load_registry(registry_files(tmp_path), tmp_path)
    assert message in str(info.value)
    assert "variables/_acts.yaml:1" in str(info.value)


def test_an_id_declared_on_two_levels_is_refused(tree: Path):
    write(tree, "north/_acts.yaml", FEDERAL.replace("new:", "newer:"))
    with pytest.raises(VariablesError, match="«old» уже есть в variables/_acts.yaml:1"):
        load_registry(registry_files(tree), tree)


def test_every_shipped_registry_file_loads_and_every_supersession_resolves():
    registry = load_registry(registry_files(SHIPPED), SHIPPED)
    assert isinstance(registry, ActRegistry) and len(registry) > 0
    for act in registry:
        if not act.in_force:
            replacement = registry.replacement(act)
            assert replacement is not None and replacement.in_force, act.id


# ------------------------------------------------- the shipped registry and the sets agree


def registry_problems(variables_dir: Path) -> list[str]:
    """Return every disagreement between the registry and the variable sets of `variables_dir`.

    A municipal registry file names a shipped set; every act names its source, and an act
    marked «изменён» names the act that changed it; every set loads, which means every act
    it cites (preamble, repeals, legal-bases lists) is in the registry visible from it.
    """
    problems = []
    for path in sorted(variables_dir.glob(f"*/{MUNICIPAL_ACTS_DIR}/*.yaml")):
        if not (path.parent.parent / path.name).exists():
            problems.append(f"{path.relative_to(variables_dir)}: нет набора «{path.stem}»")
    for act in load_registry(registry_files(variables_dir), variables_dir):
        if not act.source:
            problems.append(f"{act.origin}: {act.id}: не указан source")
        if act.status == "изменён" and not act.amended_by:
            problems.append(f"{act.origin}: {act.id}: изменён, но не указан amended_by")
    for set_id in list_sets(variables_dir):
        try:
            variables(set_id, variables_dir)
        except VariablesError as exc:
            problems.append(str(exc))
    return problems


def test_shipped_registry_agrees_with_the_shipped_sets():
    assert registry_problems(SHIPPED) == []


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    root = tmp_path / "variables"
    shutil.copytree(SHIPPED, root)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        (
            lambda root: (root / "leningrad" / MUNICIPAL_ACTS_DIR / "kirovsky.yaml").rename(
                root / "leningrad" / MUNICIPAL_ACTS_DIR / "kirovskiy.yaml"
            ),
            "нет набора «kirovskiy»",
        ),
        (
            lambda root: _edit(
                root / "leningrad" / "kirovsky.yaml",
                "- kirovsky-ko-rasp-2019-45",
                "- kirovsky-ko-rasp-2019-46",
            ),
            "act.repeals[0]: акт «kirovsky-ko-rasp-2019-46» не найден в реестре актов; "
            "возможно, имелось в виду «kirovsky-ko-rasp-2019-45»",
        ),
        (
            lambda root: _edit(
                root / "leningrad" / "_region.yaml",
                "- act: lenobl-ko-prikaz-2023-17",
                "- act: khmao-depobr-prikaz-2023-10-p-777",
            ),
            "act.mandate[0].act: акт «khmao-depobr-prikaz-2023-10-p-777» не найден",
        ),
        (
            lambda root: _edit(root / "_acts.yaml", "  amended_by: minpros-rasp-2022-r-303\n", ""),
            "minpros-rasp-2020-r-174: изменён, но не указан amended_by",
        ),
        (
            lambda root: _edit(
                root / "leningrad" / MUNICIPAL_ACTS_DIR / "kirovsky.yaml",
                "source: seed 000, стр. 3–11 (бланк, дата и номер, заголовок)",
                'source: ""',
            ),
            "kirovsky-ko-rasp-2023-233: не указан source",
        ),
    ],
    ids=["file-without-set", "unknown-id", "other-region", "amended-by-whom", "no-source"],
)
def test_a_disagreement_is_reported(shipped_copy: Path, fault, message: str):
    fault(shipped_copy)
    assert any(message in problem for problem in registry_problems(shipped_copy))


def test_an_unknown_citation_names_the_file_and_line(shipped_copy: Path):
    _edit(shipped_copy / "leningrad" / "kirovsky.yaml", "- ukaz-2020-474", "- ukaz-2020-475")
    problems = registry_problems(shipped_copy)
    assert any(
        "variables/leningrad/kirovsky.yaml:" in p and "service.legal_bases[1]" in p
        for p in problems
    ), problems


def test_a_set_only_sees_its_own_municipal_acts():
    kirovsky = load_registry(registry_files(SHIPPED, "leningrad/kirovsky"), SHIPPED)
    gatchinsky = load_registry(registry_files(SHIPPED, "leningrad/gatchinsky"), SHIPPED)
    assert "kirovsky-ko-rasp-2019-45" in kirovsky and "lenobl-ko-prikaz-2023-17" in kirovsky
    assert "kirovsky-ko-rasp-2019-45" not in gatchinsky
    assert "lenobl-ko-prikaz-2023-17" in gatchinsky and "fz-2012-273" in gatchinsky
    assert "khmao-depobr-prikaz-2023-10-p-777" not in gatchinsky


def test_an_entry_of_a_kind_the_kinds_table_lacks_is_refused(tmp_path: Path):
    write(
        tmp_path,
        "_acts.yaml",
        "x:\n  kind: закон-указ\n  date: 2020-01-01\n  number: '1'\n  title: T\n",
    )
    with pytest.raises(VariablesError, match="kind «закон-указ»: допустимы указ, приказ"):
        load_registry(registry_files(tmp_path), tmp_path, kinds=("указ", "приказ"))


def test_a_document_known_through_a_letter_needs_no_title(tmp_path: Path):
    write(
        tmp_path,
        "_acts.yaml",
        "x:\n  kind: протокол\n  date: 2018-12-24\n  number: '16'\n  document: паспорт проекта\n",
    )
    assert load_registry(registry_files(tmp_path), tmp_path).get("x").title == ""


@pytest.mark.parametrize(("package_id", "set_id"), package_set_pairs())
def test_a_final_without_its_legal_basis_is_refused(package_id, set_id):
    """Every shipped act with its preamble's bases emptied: the draft marks the missing
    basis, the final is refused naming it (a document without a cover has no preamble)."""
    templates = core().package_templates(core().package(package_id))
    if templates[0].kind != "cover":
        pytest.skip(f"{package_id}: документ без распоряжения или приказа — нет преамбулы")
    no_basis = {"act.mandate": [], "act.basis": []}
    draft = generate(package_id, set_id, no_basis, draft=True)
    assert any("правовое основание" in str(m) for m in draft.missing), draft.missing
    with pytest.raises(MissingValuesError, match="правовое основание"):
        generate(package_id, set_id, no_basis)


@pytest.mark.parametrize(("package_id", "set_id"), package_set_pairs())
def test_every_shipped_act_cites_its_basis_in_the_preamble(package_id, set_id):
    """The act's legal basis (the region's mandate, then the municipality's own) is in the
    registry visible from the set, and each act of it is cited by its number between the
    title and the first operative clause."""
    dg = core()
    templates = dg.package_templates(dg.package(package_id))
    if templates[0].kind != "cover":
        pytest.skip(f"{package_id}: документ без распоряжения или приказа — нет преамбулы")
    data = dg.variables(set_id).data["act"]
    bases = [b["act"] for b in [*(data.get("mandate") or []), *(data.get("basis") or [])]]
    assert bases, f"{set_id}: нет правового основания"
    registry = dg.registry(set_id)
    texts = [" ".join(t.split()) for t in text_of(generate(package_id, set_id, draft=True).docx)]
    first_clause = next(i for i, t in enumerate(texts) if re.match(r"1\.\s", t))
    preamble = " ".join(texts[:first_clause])
    for act_id in bases:
        number = registry.get(act_id).number
        assert f"№ {number}" in preamble, (act_id, preamble[-400:])
