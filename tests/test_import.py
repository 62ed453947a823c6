"""docgen import: an existing act read back into a variable set, with a deviation report.

* Seed 000 (Кировский район, text extracted from the signed act) gives its requisites,
  the committee's name in the nominative, the signer, the cited acts by registry id, the
  service — and a report that lists its two slips: the duplicate clause 2.1.13 and the
  service name half renamed (4.10.1).
* Round trip over every shipped package × set, with no exception: the generated act
  imported, the YAML written into a copy of ``variables/`` as the set, the act generated
  again from it must be the same text, the deviation report empty, and every value of the
  set that shows in the act must come back — the lists the package prints (tables,
  repeated paragraphs) item by item.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from click.testing import CliRunner

from docgen import Docgen, Settings, ru
from docgen.act_import import import_act
from docgen.act_import.requisites import parse_date
from docgen.act_import.slots import pattern
from docgen.cli import cli
from docgen.errors import CheckInputError, UnknownIdError
from docgen.schema import UNKNOWN
from docgen.variables import parse_yaml

from doctext import text_of
from paths import SEEDS, TEMPLATES, VARIABLES
from shipped import core, package_set_pairs

SEED_000 = SEEDS / "000_f4b46eba82c31ebb.txt"


@pytest.fixture(scope="module")
def seed_000():
    return import_act(
        core(), SEED_000.read_bytes(), SEED_000.name, package_id="lenobl-mms", region="leningrad"
    )


def _value(result, path):
    return result.values[path].value


def test_seed_000_requisites(seed_000):
    assert _value(seed_000, "act.date") == dt.date(2023, 5, 23)
    assert _value(seed_000, "act.number") == "233"
    assert _value(seed_000, "act.kind") == "распоряжение"
    assert _value(seed_000, "signer.name") == "И.В. Носова"
    assert _value(seed_000, "signer.gender") == "f"
    assert _value(seed_000, "signer.position") == "Заместитель председателя комитета"
    assert _value(seed_000, "authority.blank") == "КОМИТЕТ ОБРАЗОВАНИЯ"
    assert seed_000.values["act.date"].line.where == "распоряжение, стр. 9"


def test_seed_000_names_in_the_nominative(seed_000):
    # -- found as «комитетом образования …» (1.3), «комитета образования …» (3.1) --
    assert _value(seed_000, "authority.name") == (
        "комитет образования администрации Кировского муниципального района Ленинградской области"
    )
    assert _value(seed_000, "authority.short") == "комитет"
    assert _value(seed_000, "municipality.name") == (
        "Кировский муниципальный район Ленинградской области"
    )
    assert _value(seed_000, "service.name") == "муниципальная информационно-методическая служба"
    assert _value(seed_000, "service.abbr") == "МИМС"


def test_seed_000_cited_acts_by_registry_id(seed_000):
    mandate = _value(seed_000, "act.mandate")
    assert [item["act"] for item in mandate] == ["lenobl-ko-prikaz-2023-17"]
    assert mandate[0]["formula"] == "Во исполнение"
    assert _value(seed_000, "act.repeals") == ["kirovsky-ko-rasp-2019-45"]
    # -- the Положение of 2023 cites the Указ № 474 in force then, not the region's № 309 --
    assert "ukaz-2020-474" in _value(seed_000, "service.legal_bases")


def test_seed_000_report_lists_its_slips(seed_000):
    text = seed_000.report()
    changed = [d for d in seed_000.deviations if d.group == "изменено"]
    duplicate = [d for d in changed if d.text.startswith("2.1.13.") and "методист" in d.text]
    assert duplicate and duplicate[0].expected.startswith("2.1.14.")
    assert "в акте «2.1.13.» вместо «2.1.14.»" in text
    renamed = [d for d in changed if d.clause == "4.10.1"]
    assert renamed and "информационно-методической" in renamed[0].expected
    assert "п. 4.10.1" in text
    for group in ("изменено", "добавлено", "исключено"):
        assert f"{group} (" in text


def test_seed_000_yaml_names_the_source_of_every_value(seed_000):
    text = seed_000.yaml()
    data = parse_yaml(text, "импорт")
    assert data["authority"]["name"].startswith("комитет образования администрации")
    assert data["act"]["date"] == dt.date(2023, 5, 23)
    lines = text.splitlines()
    for n, line in enumerate(lines):
        if line.startswith("  ") and not line.startswith(("  #", "  -", "   ")):
            assert lines[n - 1].startswith("  # "), line
    assert "# распоряжение, стр. 9: «от 23.05.2023 года № 233»" in text
    # -- values the region gives (the region's mandate) are named, not repeated --
    assert "mandate" not in data.get("act", {})
    assert "act.mandate" in text


def test_a_value_the_act_does_not_show_is_unknown_not_guessed():
    act = core().generate("lenobl-mms", "leningrad/kirovsky", draft=True, check=False)
    text = "\n".join(t for t in text_of(act.docx) if not t.startswith(("от ", "Заместитель")))
    result = import_act(
        core(), text.encode(), "act.txt", package_id="lenobl-mms", region="leningrad"
    )
    for path in ("act.date", "act.number", "signer.name", "signer.position"):
        assert path in result.unknown
        assert path not in result.values
    data = parse_yaml(result.yaml(), "импорт")
    assert data["act"]["date"] is UNKNOWN and data["signer"]["name"] is UNKNOWN


# -- round trip over every shipped set -------------------------------------------------------


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    return tmp_path_factory.mktemp("variables")


def _appears(value, text: str) -> bool:
    """Return True when `value` (a name, a text, a date) can be read in `text`."""
    if isinstance(value, dt.date):
        return ru.date_digital(value) in text or ru.date_long(value).replace("\u00a0", " ") in text
    if isinstance(value, dict):
        return any(str(v) in text for v in value.values())
    if isinstance(value, str) and value:
        forms = [value]
        try:
            forms += [ru.inflect(ru.Phrase(value), c) for c in ("gent", "datv", "ablt", "loct")]
        except ru.InflectionFailed:
            pass
        return any(f.replace("\u00a0", " ") in text for f in forms)
    return False


@pytest.mark.parametrize(("package_id", "set_id"), package_set_pairs())
def test_round_trip(package_id, set_id, tree, tmp_path):
    dg = core()
    act = dg.generate(package_id, set_id, draft=True, check=False)
    region, _, slug = set_id.partition("/")
    result = import_act(dg, act.docx, "act.docx", package_id=package_id, region=region)
    assert result.report().endswith(
        "Отклонений нет: акт совпадает с тем, что docgen формирует по этим значениям.\n"
    )
    # -- the YAML as the set itself, in a copy of the shipped tree --
    root = tmp_path / "variables"
    shutil.copytree(VARIABLES, root)
    target = root / region / (f"{slug}.yaml" if slug else "_own.yaml")
    target.write_text(result.yaml(), encoding="utf-8")
    again = Docgen(Settings(templates_dir=TEMPLATES, variables_dir=root, run_checks=False))
    assert text_of(again.generate(package_id, set_id, draft=True).docx) == text_of(act.docx)
    # -- every value of the set's own file that shows in the act comes back --
    original = dg.variables(set_id)
    imported = again.variables(set_id)
    own = f"variables/{region}/{slug}.yaml" if slug else f"variables/{region}/_own.yaml"
    text = "\n".join(text_of(act.docx)).replace("\u00a0", " ")
    used = {v for t in dg.package_templates(dg.package(package_id)) for v in t.variables}
    checked = 0
    for path, origin in original.origins.items():
        if not origin.startswith(own) or "[" in path or path not in used:
            continue
        value = _at(original.data, path)
        if isinstance(value, list):
            # -- a list the package prints (a table, repeated paragraphs, cited acts) comes
            #    back item by item; typography may have put no-break spaces into its texts --
            checked += 1
            assert _spaces(_at(imported.data, path)) == _spaces(value), path
            continue
        if isinstance(value, dict) and "nomn" not in value:
            continue
        if value is UNKNOWN or not _appears(value, text):
            continue
        checked += 1
        got = _at(imported.data, path)
        nomn = value["nomn"] if isinstance(value, dict) else value
        got_nomn = got["nomn"] if isinstance(got, dict) else got
        assert got_nomn == nomn, path
    assert checked or not slug


def _spaces(value):
    """Return `value` with every no-break space in its texts made a plain one."""
    if isinstance(value, str):
        return value.replace("\u00a0", " ")
    if isinstance(value, list):
        return [_spaces(v) for v in value]
    if isinstance(value, dict):
        return {k: _spaces(v) for k, v in value.items()}
    return value


def _at(data, path):
    node = data
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


# -- pieces ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23.05.2023", dt.date(2023, 5, 23)),
        ("11 мая 2023", dt.date(2023, 5, 11)),
        ("31.02.2024", None),
        ("первое мая", None),
    ],
)
def test_dates_of_citations(text, expected):
    assert parse_date(text) == expected


def test_two_values_side_by_side_are_not_split_blindly():
    assert pattern("Положение о qZ1LOCTq qZ2GENTq") is None
    made = pattern("Положение о qZ1LOCTq qZ2GENTq", {2: {"gent": "Кировского района"}})
    regex, groups = made
    assert groups == [(1, "loct", False)]
    match = regex.fullmatch("Положение о методической службе Кировского района")
    assert match and match.group(1).strip() == "методической службе"


def test_wrong_region_or_unreadable_file_is_refused():
    with pytest.raises(UnknownIdError):
        import_act(core(), b"", "a.txt", package_id="lenobl-mms", region="tyva")
    with pytest.raises(CheckInputError):
        import_act(core(), b"not a docx", "a.docx", package_id="lenobl-mms", region="leningrad")


@pytest.mark.parametrize(
    "where", [("--region", "leningrad"), ("--municipality", "leningrad/kirovsky")]
)
def test_cli_writes_the_set_and_the_report(tmp_path, where):
    out = tmp_path / "kirovsky.yaml"
    args = ["import", str(SEED_000), "--package", "lenobl-mms", *where, "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "значений найдено" in result.output
    assert parse_yaml(out.read_text(encoding="utf-8"), "импорт")["act"]["number"] == "233"
    report = (tmp_path / "kirovsky.report.txt").read_text(encoding="utf-8")
    assert "2.1.13" in report


def test_cli_needs_a_region_or_a_municipality(tmp_path):
    args = ["import", str(SEED_000), "--package", "lenobl-mms", "-o", str(tmp_path / "x.yaml")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "укажите --region или --municipality" in result.output


@pytest.mark.parametrize(
    ("set_id", "repeals"),
    [
        # -- Кировский's own registry holds the repealed act --
        ("leningrad/kirovsky", ["kirovsky-ko-rasp-2019-45"]),
        # -- another municipality's does not: the act is noted as missing, not taken from a
        #    neighbour's registry --
        ("leningrad/gatchinsky", None),
    ],
)
def test_cited_acts_are_matched_in_the_municipalitys_registry(set_id, repeals):
    found = import_act(
        core(),
        SEED_000.read_bytes(),
        SEED_000.name,
        package_id="lenobl-mms",
        region="leningrad",
        set_id=set_id,
    )
    assert [m["act"] for m in _value(found, "act.mandate")] == ["lenobl-ko-prikaz-2023-17"]
    if repeals:
        assert _value(found, "act.repeals") == repeals
    else:
        assert "act.repeals" not in found.values
        assert any("утрата силы" in note and "№ 45" in note for note in found.notes), found.notes


def test_a_set_of_another_region_is_refused():
    with pytest.raises(UnknownIdError, match="не из региона"):
        import_act(
            core(),
            SEED_000.read_bytes(),
            SEED_000.name,
            package_id="lenobl-mms",
            region="leningrad",
            set_id="khmao/oktyabrsky",
        )
