"""docgen.ru.inflect / inflect_name against the gold set and the pitfalls of russian.md §3."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from docgen.ru import CASES, InflectionFailed, Person, Phrase, inflect, inflect_name, spelling

_HERE = Path(__file__).resolve()
_COPY = _HERE.parents[1] / "data" / "ru" / "declension_cases.yaml"
_SHARED = _HERE.parents[2].parent / "shared" / "data" / "declension_cases.yaml"
GOLD_FILE = _COPY if _COPY.exists() else _SHARED
with GOLD_FILE.open(encoding="utf-8") as _f:
    GOLD = yaml.safe_load(_f)["items"]


def _gold_params():
    for item in GOLD:
        for case in CASES:
            yield pytest.param(item, case, id=f"{item['id']}-{case}")


@pytest.mark.parametrize(("item", "case"), list(_gold_params()))
def test_gold_set_declines_in_every_case(item, case):
    accepted = [item[case], *item.get("alt", {}).get(case, [])]
    if "gender" in item:
        got = inflect_name(Person(item["nomn"], gender=item["gender"]), case)
    else:
        got = inflect(item["nomn"], case)
    assert got in accepted


def test_gold_set_is_complete():
    assert len(GOLD) == 140
    assert {item["cat"] for item in GOLD if "gender" in item} == {"fio", "fio_init"}


@pytest.mark.parametrize(
    ("given", "case", "expected"),
    [
        # animacy decides the accusative (pitfall 6)
        ("заместитель председателя", "accs", "заместителя председателя"),
        ("Комитет", "accs", "Комитет"),
        ("педагогические работники", "accs", "педагогических работников"),
        ("управленческие кадры", "accs", "управленческие кадры"),
        ("органы местного самоуправления", "accs", "органы местного самоуправления"),
        ("обучающиеся", "accs", "обучающихся"),
        ("служащие", "accs", "служащих"),
        ("наставляемый", "accs", "наставляемого"),
        # ambiguous first words (pitfall 2)
        ("ведущий специалист", "datv", "ведущему специалисту"),
        ("рабочая группа", "ablt", "рабочей группой"),
        (
            "исполняющий обязанности председателя комитета",
            "gent",
            "исполняющего обязанности председателя комитета",
        ),
        (
            "временно исполняющий обязанности главы",
            "datv",
            "временно исполняющему обязанности главы",
        ),
        ("образовательные организации", "gent", "образовательных организаций"),
        ("общее и профессиональное образование", "loct", "общем и профессиональном образовании"),
        # hyphenated adjectives vs noun compounds (pitfall 8)
        (
            "муниципальная информационно-методическая служба",
            "gent",
            "муниципальной информационно-методической службы",
        ),
        ("Тес-Хемский кожуун", "datv", "Тес-Хемскому кожууну"),
        ("педагог-наставник", "ablt", "педагогом-наставником"),
        ("дети-инвалиды", "gent", "детей-инвалидов"),
        ("Санкт-Петербург", "loct", "Санкт-Петербурге"),
        # a place-name adjective pymorphy knows only as a surname
        ("Каменский городской округ", "gent", "Каменского городского округа"),
        ("Каменский городской округ", "accs", "Каменский городской округ"),
        ("Каменское городское поселение", "ablt", "Каменским городским поселением"),
        # «город X», «г. X» and other appositions (pitfall 7)
        ("город Кызыл", "gent", "города Кызыла"),
        ("г. Кызыл", "datv", "г. Кызылу"),
        ("город Пыть-Ях", "ablt", "городом Пыть-Яхом"),
        ("город Ях", "gent", "города Яха"),
        ("город Кош-Агач", "gent", "города Кош-Агача"),
        ("город Пикалёво", "gent", "города Пикалёво"),
        ("город Сланцы", "datv", "городу Сланцы"),
        ("город Сосновый Бор", "gent", "города Сосновый Бор"),
        ("Республика Тыва", "ablt", "Республикой Тыва"),
        ("городское поселение Октябрьское", "gent", "городского поселения Октябрьское"),
        (
            "Ханты-Мансийский автономный округ - Югра",
            "datv",
            "Ханты-Мансийскому автономному округу - Югре",
        ),
        (
            "Октябрьский район Ханты-Мансийского автономного округа – Югры",
            "datv",
            "Октябрьскому району Ханты-Мансийского автономного округа – Югры",
        ),
        (
            "заместитель председателя комитета – начальник отдела",
            "datv",
            "заместителю председателя комитета – начальнику отдела",
        ),
        # the tail stays untouched (pitfall 3)
        (
            "муниципальное образование Тосненский район",
            "gent",
            "муниципального образования Тосненский район",
        ),
        # quotes and parentheses are opaque (pitfall 4)
        (
            "муниципальная программа «Развитие «Кировского» района»",
            "gent",
            "муниципальной программы «Развитие «Кировского» района»",
        ),
        (
            "муниципальная методическая служба (далее – ММС)",
            "datv",
            "муниципальной методической службе (далее – ММС)",
        ),
        ('национальный проект "Образование"', "ablt", 'национальным проектом "Образование"'),
        ("«Дорожная карта»", "gent", "«Дорожная карта»"),
        # abbreviation heads are invariant
        (
            "МБУДО «Кировский центр информационных технологий»",
            "datv",
            "МБУДО «Кировский центр информационных технологий»",
        ),
        ("ГАОУ ДПО «ЛОИРО»", "ablt", "ГАОУ ДПО «ЛОИРО»"),
        ("ММС", "gent", "ММС"),
        ("и.о. председателя комитета", "datv", "и.о. председателя комитета"),
        ("И.о. председателя комитета", "datv", "И.о. председателя комитета"),
        # capitals, no-break spaces, numbers, loc2
        ("КОМИТЕТ ОБРАЗОВАНИЯ", "gent", "КОМИТЕТА ОБРАЗОВАНИЯ"),
        ("Комитет\u00a0образования", "datv", "Комитету\u00a0образования"),
        ("2023/2024 учебный год", "loc2", "2023/2024 учебном году"),
        ("2023/2024 учебный год", "loct", "2023/2024 учебном годе"),
        ("детский сад № 5", "loc2", "детском саду № 5"),
        # the ё policy (pitfall 5)
        ("муниципальное казенное учреждение", "gent", "муниципального казенного учреждения"),
        ("Берёзовский район", "gent", "Берёзовского района"),
        ("трёхстороннее соглашение", "ablt", "трёхсторонним соглашением"),
    ],
)
def test_phrase_pitfalls(given, case, expected):
    assert inflect(given, case) == expected


@pytest.mark.parametrize(
    "given",
    [
        "муниципальное казенное учреждение",
        "Воробьев",
        "казенный",
        "трехстороннее соглашение",
        "учет",
        "расчетный счет",
    ],
)
@pytest.mark.parametrize("case", CASES)
def test_no_yo_is_introduced(given, case):
    assert "ё" not in inflect(given, case).lower()


def test_yo_policy_can_keep_dictionary_spelling(monkeypatch):
    monkeypatch.setattr(spelling, "YO_POLICY", "ё")
    got = inflect("муниципальное казенное учреждение", "gent")
    assert got == "муниципального казённого учреждения"


@pytest.mark.parametrize("case", ["р", "родительный", "Родительный падеж", "gen", "gent"])
def test_case_names_in_russian_and_english(case):
    assert inflect("дорожная карта", case) == "дорожной карты"


@pytest.mark.parametrize(
    "given",
    [
        "",
        "   ",
        "12345",
        "№ 5",
        "Hello world",
        "утвердить положение",
        "о службе",
        "быстро",
        "и",
    ],
)
def test_unparseable_phrase_raises_instead_of_returning_input(given):
    with pytest.raises(InflectionFailed) as info:
        inflect(given, "gent")
    assert "родительный" in str(info.value)


def test_error_names_phrase_and_case():
    with pytest.raises(InflectionFailed) as info:
        inflect("утвердить положение", "datv")
    error = info.value
    assert (error.phrase, error.case) == ("утвердить положение", "datv")
    assert "«утвердить положение»" in str(error) and "дательный" in str(error)
    assert isinstance(error, ValueError)


def test_unknown_case_is_a_value_error():
    with pytest.raises(ValueError, match="неизвестный падеж"):
        inflect("дорожная карта", "вокатив")


def test_explicit_form_wins():
    phrase = Phrase("комитет образования", forms={"datv": "Комитету по образованию", "р": "X"})
    assert inflect(phrase, "datv") == "Комитету по образованию"
    assert inflect(phrase, "gent") == "X"
    assert inflect(phrase, "ablt") == "комитетом образования"
    assert inflect(phrase, "nomn") == "комитет образования"
    assert inflect(Phrase("детский сад", forms={"loct": "детском саде"}), "loc2") == "детском саде"
    assert inflect(Phrase("детский сад"), "loc2") == "детском саду"


def test_phrase_from_yaml_mapping():
    phrase = Phrase.coerce({"nomn": "город Пикалёво", "gent": "города Пикалёво"})
    assert phrase == "город Пикалёво" and phrase.forms == {"gent": "города Пикалёво"}
    with pytest.raises(ValueError):
        Phrase.coerce({"gent": "города"})


def test_inflect_of_a_person_goes_through_the_name_rules():
    assert inflect(Person("Ким Татьяна Евгеньевна", "f"), "gent") == "Ким Татьяны Евгеньевны"


@pytest.mark.parametrize(
    ("given", "case", "expected"),
    [
        ("Носова Ирина Викторовна", "gent", "Носовой Ирины Викторовны"),
        ("И.В. Носова", "datv", "И.В. Носовой"),
        ("Мамедов Эльчин Исмаил оглы", "datv", "Мамедову Эльчину Исмаил оглы"),
    ],
)
def test_a_plain_string_that_is_a_name_goes_through_the_name_rules(given, case, expected):
    assert inflect(given, case) == expected


def test_a_plain_name_string_without_gender_raises():
    with pytest.raises(InflectionFailed, match="gender"):
        inflect("Е.П. Ковальчук", "datv")


def test_nominative_is_returned_as_stored():
    assert inflect("муниципальный  методист", "nomn") == "муниципальный  методист"
