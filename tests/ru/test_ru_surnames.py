"""Surname rules on top of pytrovich, per-person hints, gender tags (surnames.py, names.py)."""

from __future__ import annotations

import pytest

from docgen.ru import FILTERS, InflectionFailed, Person, inflect, inflect_name, initials

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("given", "gender", "case", "expected"),
    [
        # -- adjectival surnames decline as adjectives; after г, к, х the ending has «и» --
        ("Долгий Андрей Петрович", "m", "gent", "Долгого Андрея Петровича"),
        ("Строгий Иван Ильич", "m", "loct", "Строгом Иване Ильиче"),
        ("Глухой Олег Иванович", "m", "ablt", "Глухим Олегом Ивановичем"),
        ("Толстой Лев Николаевич", "m", "ablt", "Толстым Львом Николаевичем"),
        ("Рыжий Петр Петрович", "m", "datv", "Рыжему Петру Петровичу"),
        ("Верхняя Анна Ивановна", "f", "accs", "Верхнюю Анну Ивановну"),
        ("Горячая Ольга Олеговна", "f", "gent", "Горячей Ольги Олеговны"),
        # -- not adjectival: no vowel before the ending, or a common noun --
        ("Цой Виктор Робертович", "m", "gent", "Цоя Виктора Робертовича"),
        # -- a surname that is a common noun keeps the vowel the noun keeps --
        ("Кузнец Иван Петрович", "m", "gent", "Кузнеца Ивана Петровича"),
        ("Кузнец Иван Петрович", "m", "ablt", "Кузнецом Иваном Петровичем"),
        # -- a fleeting vowel is kept by default --
        ("Журавель Андрей Петрович", "m", "gent", "Журавеля Андрея Петровича"),
        ("Кравец Андрей Петрович", "m", "datv", "Кравецу Андрею Петровичу"),
        ("Заяц Андрей Петрович", "m", "ablt", "Заяцем Андреем Петровичем"),
        # -- women's consonant surnames stay --
        ("Кузнец Анна Петровна", "f", "gent", "Кузнец Анны Петровны"),
        # -- double surnames: only parts that are surnames; Tuvan compounds: the last part --
        ("Петров-Водкин Кузьма Сергеевич", "m", "ablt", "Петровым-Водкиным Кузьмой Сергеевичем"),
        ("Бонч-Бруевич Андрей Ильич", "m", "gent", "Бонч-Бруевича Андрея Ильича"),
        ("Сарыг-оол Степан Агбанович", "m", "gent", "Сарыг-оола Степана Агбановича"),
        ("Кара-оол Айлана Эресовна", "f", "datv", "Кара-оол Айлане Эресовне"),
        # -- East-Asian names: the last part, a man's, if it ends in a consonant --
        ("Ким Ир Сен", "m", "datv", "Ким Ир Сену"),
        ("Хо Ши Мин", "m", "ablt", "Хо Ши Мином"),
        ("Пак Чон Хи", "m", "gent", "Пак Чон Хи"),
        ("Хан Мён Сук", "f", "gent", "Хан Мён Сук"),
        # -- a woman's first name in a soft consonant declines; a hard one does not --
        ("Гарипова Гузель Ринатовна", "f", "ablt", "Гариповой Гузелью Ринатовной"),
        ("Сафина Айгуль Маратовна", "f", "gent", "Сафиной Айгули Маратовны"),
        ("Хасанова Гульназ Ильдаровна", "f", "gent", "Хасановой Гульназ Ильдаровны"),
    ],
)
def test_surname_rules(given, gender, case, expected):
    assert inflect_name(Person(given, gender), case) == expected


@pytest.mark.parametrize(
    ("hints", "case", "expected"),
    [
        ({}, "gent", "Кравеца Сергея Николаевича"),
        ({"fleeting_vowel": True}, "gent", "Кравца Сергея Николаевича"),
        ({"fleeting_vowel": True}, "ablt", "Кравцом Сергеем Николаевичем"),
        ({"indeclinable": True}, "datv", "Кравец Сергею Николаевичу"),
        ({"indeclinable": "surname"}, "datv", "Кравец Сергею Николаевичу"),
        ({"indeclinable": ["фамилия", "имя"]}, "datv", "Кравец Сергей Николаевичу"),
        ({"indeclinable": ("surname", "name", "patronymic")}, "gent", "Кравец Сергей Николаевич"),
    ],
)
def test_person_hints(hints, case, expected):
    person = Person("Кравец Сергей Николаевич", "m", **hints)
    assert inflect_name(person, case) == expected


def test_hints_reach_initials_filters_and_plain_inflect():
    person = Person("Кузнец Андрей Петрович", "m", indeclinable=True)
    assert initials(person, "gent") == f"А.П.{NBSP}Кузнец"
    assert inflect(person, "datv") == "Кузнец Андрею Петровичу"
    upper = FILTERS["upfirst"](person)
    assert isinstance(upper, Person) and upper.indeclinable == person.indeclinable
    assert FILTERS["case"](upper, "gent") == "Кузнец Андрея Петровича"
    assert initials(Person("Кузнец Андрей Петрович", "m"), "gent") == f"А.П.{NBSP}Кузнеца"


def test_person_from_yaml_mapping_with_hints():
    person = Person.coerce(
        {"fio": "Гарипова Гузель Ринатовна", "gender": "ж", "indeclinable": ["name"]}
    )
    assert person.indeclinable == frozenset({"firstname"})
    assert inflect_name(person, "gent") == "Гариповой Гузель Ринатовны"
    assert Person.coerce({"fio": "Заяц Виктор Андреевич", "fleeting_vowel": True}).fleeting_vowel


@pytest.mark.parametrize(
    "hints",
    [{"indeclinable": "отчество2"}, {"indeclinable": ["surname", "x"]}, {"fleeting_vowel": "да"}],
)
def test_bad_hints_are_rejected_in_russian(hints):
    with pytest.raises(ValueError, match="фамилия|true или false"):
        Person("Кравец Сергей Николаевич", "m", **hints)


@pytest.mark.parametrize(("tag", "code"), [("masc", "m"), ("femn", "f"), ("MASC", "m")])
def test_pymorphy_gender_tags_are_accepted(tag, code):
    assert Person("Ковальчук Илья Никитич", tag).gender == code
    expected = "Ковальчука Ильи Никитича" if code == "m" else "Ковальчук Ильи Никитича"
    assert inflect_name("Ковальчук Илья Никитич", "gent", gender=tag) == expected


def test_unknown_gender_tag_still_rejected():
    with pytest.raises(ValueError, match="m или f"):
        Person("Ковальчук Илья Никитич", "neut")


def test_east_asian_name_needs_gender_where_it_matters_and_has_no_initials():
    with pytest.raises(InflectionFailed, match="gender"):
        inflect_name("Ким Ир Сен", "gent")
    assert inflect_name("Пак Чон Хи", "gent") == "Пак Чон Хи"  # the same either way
    assert initials(Person("Ким Ир Сен", "m"), "gent") == "Ким Ир Сена"
