"""docgen.ru.nominative: a name found in an oblique case back in the nominative.

Driven by the gold set of declensions (tests/data/ru/declension_cases.yaml): every form of
every official name, institution and service must come back to its nominative. Positions
that are participles used as nouns («заведующего методическим кабинетом») are not
recognised yet; they are listed, so one that starts to work must leave the list.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from docgen.ru import Phrase, inflect, nominative

GOLD_FILE = Path(__file__).resolve().parents[1] / "data" / "ru" / "declension_cases.yaml"
GOLD = yaml.safe_load(GOLD_FILE.read_text(encoding="utf-8"))["items"]
OBLIQUE = ("gent", "datv", "accs", "ablt", "loct")
#: (id of the gold item, case) not turned back yet: «заведующего методическим кабинетом»
#: (pos-08), «исполняющего обязанности председателя комитета» (pos-09; the ablt form works).
NOT_YET = {
    *(("pos-08", c) for c in OBLIQUE),
    *(("pos-09", c) for c in ("gent", "datv", "accs", "loct")),
}


def _params():
    for item in GOLD:
        if item["cat"] in ("fio", "fio_init"):
            continue
        for case in OBLIQUE:
            yield pytest.param(item, case, id=f"{item['id']}-{case}")


@pytest.mark.parametrize(("item", "case"), list(_params()))
def test_every_gold_form_comes_back_to_the_nominative(item, case):
    got = nominative(item[case], case)
    if (item["id"], case) in NOT_YET:
        assert got != item["nomn"], "работает: уберите из NOT_YET"
        return
    assert got == item["nomn"]


@pytest.mark.parametrize(
    ("phrase", "case", "expected"),
    [
        (
            "комитетом образования администрации Кировского района",
            "ablt",
            "комитет образования администрации Кировского района",
        ),
        (
            "муниципальной информационно-методической службе",
            "loct",
            "муниципальная информационно-методическая служба",
        ),
        ("города Кызыла", "gent", "город Кызыл"),
        ("главного специалиста комитета", "gent", "главный специалист комитета"),
        ("МБУДО «Кировский центр»", "gent", "МБУДО «Кировский центр»"),
        ("комитет", "nomn", "комитет"),
        ("казенного учреждения", "gent", "казенное учреждение"),
    ],
)
def test_nominative_of_typical_phrases(phrase, case, expected):
    assert nominative(phrase, case) == expected


def test_nominative_is_the_inverse_of_inflect():
    name = (
        "комитет образования администрации Кировского муниципального района Ленинградской области"
    )
    for case in OBLIQUE:
        assert nominative(inflect(Phrase(name), case), case) == name


@pytest.mark.parametrize(
    ("phrase", "case", "expected"),
    [
        # -- a dictionary name after an agreeing generic word comes back --
        ("города Твери", "gent", "город Тверь"),
        ("городом Кызылом", "ablt", "город Кызыл"),
        # -- a name the dictionary does not know, ending like an indeclinable one, stays
        #    as written (not «посёлок Кугеся»); the forward declension leaves it too --
        ("посёлка Кугеси", "gent", "посёлок Кугеси"),
        ("поселку Кугеси", "datv", "поселок Кугеси"),
        # -- after «республика» the whole name stays --
        ("Республики Марий Эл", "gent", "Республика Марий Эл"),
    ],
)
def test_a_name_after_a_generic_word_comes_back_only_where_it_declines(phrase, case, expected):
    assert nominative(phrase, case) == expected
    assert inflect(Phrase(expected), case) == phrase


def test_a_word_not_in_that_case_is_left_as_written():
    # -- «комитета» is genitive, not dative: nothing to turn back --
    assert nominative("комитета образования", "datv") == "комитета образования"


@pytest.mark.parametrize(
    ("name", "gender"),
    [
        ("И.В. Носова", "f"),
        ("В.А. Воробьев", "m"),
        ("Носова Ирина Викторовна", "f"),
        ("К.Л. Ковальчук", None),
    ],
)
def test_gender_of_a_name_only_when_the_name_shows_it(name, gender):
    from docgen.ru import gender_of

    assert gender_of(name) == gender


@pytest.mark.parametrize(
    ("given", "case", "expected"),
    [
        # -- pymorphy writes «посёлок»: an «ё» the text did not have is not introduced (T-10) --
        ("поселка городского типа", "gent", "поселок городского типа"),
        ("Зеленым поселком", "ablt", "Зеленый поселок"),
        # -- an «ё» that was typed stays; capitals are copied, all caps stay all caps --
        ("посёлка городского типа", "gent", "посёлок городского типа"),
        ("КОМИТЕТОМ ОБРАЗОВАНИЯ", "ablt", "КОМИТЕТ ОБРАЗОВАНИЯ"),
    ],
)
def test_the_nominative_is_spelled_like_the_text(given, case, expected):
    assert nominative(given, case) == expected
