"""The Leningrad package end to end: Кировский reproduces seed 000; every district named right."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml

from docgen import Docgen
from docgen.batch import run_batch

from doctext import text_of, words
from shipped import generate

DATA = Path(__file__).parent / "data"
EXPECTED = yaml.safe_load((DATA / "expected_forms.yaml").read_text(encoding="utf-8"))
SEED = (DATA / "seeds" / "000_f4b46eba82c31ebb.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def kirovsky(settings) -> list[str]:
    return text_of(generate("lenobl-mms", "leningrad/kirovsky", settings=settings).docx)


def test_cover_carries_the_requisites_of_seed_000(kirovsky):
    cover = kirovsky[: kirovsky.index("УТВЕРЖДЕНО")]
    nonempty = [t for t in cover if t]
    assert nonempty[:5] == [
        "Администрация Кировского муниципального района Ленинградской области",
        "КОМИТЕТ ОБРАЗОВАНИЯ",
        "РАСПОРЯЖЕНИЕ",
        "от 23.05.2023 №\u00a0233",
        "г.\u00a0Кировск",
    ]
    assert nonempty[5] == (
        "Об утверждении Положения о муниципальной информационно-методической "
        "службе Кировского муниципального района Ленинградской области"
    )
    # -- the regional mandate (act.mandate of the region), cited from the registry --
    assert nonempty[6] == (
        "Во исполнение приказа комитета общего и профессионального образования Ленинградской "
        "области от 11.05.2023 №\u00a017 «Об утверждении положения о региональной системе "
        "научно-методического сопровождения педагогических работников и управленческих кадров "
        "Ленинградской области»:"
    )
    assert nonempty[7] == (
        "1. Утвердить Положение о муниципальной информационно-методической службе Кировского "
        "муниципального района Ленинградской области согласно приложению к настоящему "
        "распоряжению."
    )
    assert nonempty[8] == (
        "2. Признать утратившим силу распоряжение комитета образования администрации "
        "Кировского муниципального района Ленинградской области от 26.02.2019 №\u00a045 "
        "«Об утверждении Положения о муниципальной информационно-методической службе "
        "Кировского района Ленинградской области (новая редакция)»."
    )
    assert nonempty[9] == "3. Контроль за исполнением настоящего распоряжения оставляю за собой."
    assert nonempty[10] == "Заместитель председателя комитета\tИ.В.\u00a0Носова"


def test_cover_matches_seed_000_word_for_word_but_for_deliberate_fixes(kirovsky):
    seed_cover = SEED[: SEED.index("ПОЛОЖЕНИЕ")]
    ours = " ".join(kirovsky[: kirovsky.index("УТВЕРЖДЕНО")])
    diff = [
        (op, " ".join(words(seed_cover)[i1:i2]), " ".join(words(ours)[j1:j2]))
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(
            None, words(seed_cover), words(ours), autojunk=False
        ).get_opcodes()
        if op != "equal"
    ]
    assert diff == [
        # -- T-06: no «года» after a digital date --
        ("delete", "года", ""),
        # -- G-23: the place of issue on the blank --
        ("insert", "", "г. кировск"),
        # -- one date style in the act's citations (act.citation_date: digital) --
        ("replace", "11 мая 2023 года", "11.05.2023"),
        # -- a cited act is spelled as in the registry: its issuer's full name --
        ("insert", "", "администрации кировского муниципального района ленинградской области"),
        # -- T-06: no «г.» after a digital date --
        ("delete", "г.", ""),
    ]


def test_appendix_mark_and_heading(kirovsky):
    start = kirovsky.index("УТВЕРЖДЕНО")
    assert kirovsky[start : start + 4] == [
        "УТВЕРЖДЕНО",
        "распоряжением комитета образования администрации Кировского муниципального района "
        "Ленинградской области",
        "от 23.05.2023 №\u00a0233",
        "(приложение)",
    ]
    assert "ПОЛОЖЕНИЕ" in kirovsky[start + 4 : start + 7]


def test_gost_style_mark_is_selectable(settings):
    text = text_of(
        generate(
            "lenobl-mms", "leningrad/kirovsky", {"format.appendix_mark": "gost"}, settings=settings
        ).docx
    )
    start = text.index("Приложение")
    assert text[start : start + 3] == [
        "Приложение",
        "к распоряжению комитета образования администрации Кировского муниципального района "
        "Ленинградской области",
        "от 23.05.2023 №\u00a0233",
    ]
    assert "УТВЕРЖДЕНО" not in text


@pytest.fixture(scope="module")
def batch(tmp_path_factory, settings):
    out = tmp_path_factory.mktemp("batch")
    report = run_batch("lenobl-mms", out, region="leningrad", draft=True, docgen=Docgen(settings))
    return out, report


def test_batch_writes_a_package_for_every_district(batch, settings):
    out, report = batch
    districts = Docgen(settings).sets_for("lenobl-mms", "leningrad")
    assert districts and [i.municipality for i in report.items] == districts
    assert not report.failed
    assert sorted(p.name for p in out.glob("*.docx")) == sorted(i.file for i in report.items)


def _phrase_forms(value) -> dict:
    nominative = value["nomn"] if isinstance(value, dict) else value
    return EXPECTED["phrases"][nominative]


def test_every_district_is_named_in_the_right_case(batch):
    out, report = batch
    assert report.items
    for item in report.items:
        values = EXPECTED["sets"][item.municipality]
        text = " ".join(text_of((out / item.file).read_bytes()))
        name = _phrase_forms(values["municipality.name"])
        service = _phrase_forms(values.get("service.name", "муниципальная методическая служба"))
        assert f"Об утверждении Положения о {service['loct']} {name['gent']}" in text, (
            item.municipality
        )
        if "authority.name" in values:
            authority = _phrase_forms(values["authority.name"])
            assert f"Положение утверждается {authority['ablt']}" in text, item.municipality
            assert (
                f"распоряжением {authority['gent']}" in text
                or f"приказом {authority['gent']}" in text
            ), item.municipality
        else:
            assert "[не заполнено: Орган управления образованием" in text, item.municipality
