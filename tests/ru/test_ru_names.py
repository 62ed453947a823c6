"""docgen.ru.inflect_name, initials and Person: layouts, gender, invariant surnames."""

from __future__ import annotations

import pytest

from docgen.ru import InflectionFailed, Person, inflect_name, initials

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("given", "gender", "case", "expected"),
    [
        # female surnames and first names in a consonant do not decline; men's do (pitfall 11)
        ("Монгуш Чейнеш Сергеевна", "f", "datv", "Монгуш Чейнеш Сергеевне"),
        ("Ковальчук Елена Петровна", "f", "gent", "Ковальчук Елены Петровны"),
        ("Ковальчук Илья Никитич", "m", "gent", "Ковальчука Ильи Никитича"),
        ("Е.П. Ковальчук", "f", "datv", "Е.П. Ковальчук"),
        ("И.Н. Ковальчук", "m", "datv", "И.Н. Ковальчуку"),
        ("Абрамович Анна Ильинична", "f", "ablt", "Абрамович Анной Ильиничной"),
        ("Абрамович Павел Ильич", "m", "ablt", "Абрамовичем Павлом Ильичом"),
        # -ко, -их/-ых never decline; -а declines for both (pitfall 11)
        ("Шевченко Никита Андреевич", "m", "datv", "Шевченко Никите Андреевичу"),
        ("Черных Дмитрий Ильич", "m", "gent", "Черных Дмитрия Ильича"),
        ("Сорока Олег Игоревич", "m", "accs", "Сороку Олега Игоревича"),
        ("Сорока Ольга Игоревна", "f", "accs", "Сороку Ольгу Игоревну"),
        # оглы/кызы, Tuvan hyphenated patronymic, double surnames
        ("Мамедов Эльчин Исмаил оглы", "m", "datv", "Мамедову Эльчину Исмаил оглы"),
        ("Алиева Лейла Исмаил кызы", "f", "ablt", "Алиевой Лейлой Исмаил кызы"),
        ("Ооржак Айдын Кара-оолович", "m", "loct", "Ооржаке Айдыне Кара-ооловиче"),
        (
            "Римский-Корсаков Николай Андреевич",
            "m",
            "gent",
            "Римского-Корсакова Николая Андреевича",
        ),
        # other layouts keep their spacing
        ("И.В.\u00a0Носова", "f", "datv", "И.В.\u00a0Носовой"),
        ("Носова И.В.", "f", "ablt", "Носовой И.В."),
        ("И. В. Носова", "f", "gent", "И. В. Носовой"),
        ("Ирина Викторовна Носова", "f", "datv", "Ирине Викторовне Носовой"),
        ("Иванов Иван", "m", "datv", "Иванову Ивану"),
        # capitals and «ё»
        ("НОСОВА ИРИНА ВИКТОРОВНА", "f", "gent", "НОСОВОЙ ИРИНЫ ВИКТОРОВНЫ"),
        ("Воробьев Василий Александрович", "m", "gent", "Воробьева Василия Александровича"),
        ("Ковальчук Илья Никитич", "m", "ablt", "Ковальчуком Ильей Никитичем"),
        ("Чайковский Пётр Ильич", "m", "gent", "Чайковского Петра Ильича"),
    ],
)
def test_name_declines(given, gender, case, expected):
    assert inflect_name(given, case, gender) == expected


@pytest.mark.parametrize(
    ("given", "case", "expected"),
    [
        ("Носова Ирина Викторовна", "datv", "Носовой Ирине Викторовне"),  # patronymic tells
        ("Иванов Сергей Петрович", "gent", "Иванова Сергея Петровича"),
        ("Ковальчук Елена Петровна", "gent", "Ковальчук Елены Петровны"),
        ("Мамедов Эльчин Исмаил оглы", "gent", "Мамедова Эльчина Исмаил оглы"),
        ("И.В. Носова", "gent", "И.В. Носовой"),  # a plainly Russian surname tells
        ("С.П. Иванов", "datv", "С.П. Иванову"),
        ("А.Н. Шевченко", "ablt", "А.Н. Шевченко"),  # the same for both genders
        ("Д.И. Черных", "datv", "Д.И. Черных"),
        ("О.И. Сорока", "accs", "О.И. Сороку"),
    ],
)
def test_gender_is_not_needed_where_the_name_tells(given, case, expected):
    assert inflect_name(given, case) == expected


@pytest.mark.parametrize(
    "given", ["Е.П. Ковальчук", "Ким Т.Е.", "В.Р. Цой", "А.И. Абрамович", "Салчак А.А."]
)
def test_gender_required_where_the_surname_does_not_tell(given):
    with pytest.raises(InflectionFailed, match="gender: m или f"):
        inflect_name(given, "datv")
    with pytest.raises(InflectionFailed, match="в наборе переменных"):
        initials(Person(given), "gent")


def test_person_gender_and_forms_are_used():
    person = Person("Е.П. Ковальчук", gender="ж", forms={"datv": "Е.П. Ковальчук (по приказу)"})
    assert person.gender == "f"
    assert inflect_name(person, "gent") == "Е.П. Ковальчук"
    assert inflect_name(person, "datv") == "Е.П. Ковальчук (по приказу)"
    assert inflect_name(Person("Е.П. Ковальчук", "m"), "gent") == "Е.П. Ковальчука"
    assert inflect_name(Person("Е.П. Ковальчук", "m"), "gent", gender="f") == "Е.П. Ковальчук"


@pytest.mark.parametrize(
    ("given", "case", "expected"),
    [
        ("Носова Ирина Викторовна", "nomn", f"И.В.{NBSP}Носова"),
        ("Носова Ирина Викторовна", "datv", f"И.В.{NBSP}Носовой"),
        ("И.В. Носова", "nomn", f"И.В.{NBSP}Носова"),
        ("И. В. Носова", "nomn", f"И.В.{NBSP}Носова"),
        ("Носова И.В.", "ablt", f"И.В.{NBSP}Носовой"),
        ("Ирина Викторовна Носова", "nomn", f"И.В.{NBSP}Носова"),
        ("Мамедов Эльчин Исмаил оглы", "nomn", f"Э.И.{NBSP}Мамедов"),
        ("Римский-Корсаков Николай Андреевич", "gent", f"Н.А.{NBSP}Римского-Корсакова"),
    ],
)
def test_initials(given, case, expected):
    assert initials(Person(given, "f" if "Носова" in given else "m"), case) == expected


def test_initials_need_no_gender_in_the_nominative():
    assert initials("Ковальчук Елена Петровна") == f"Е.П.{NBSP}Ковальчук"
    assert initials("Е.П. Ковальчук") == f"Е.П.{NBSP}Ковальчук"


@pytest.mark.parametrize(
    "given",
    ["", "Носова", "foo bar", "Носова И.В. Петрова", "Носова Ирина Викторовна Петровна Иванова"],
)
def test_not_a_name_raises(given):
    with pytest.raises(InflectionFailed):
        inflect_name(given, "gent", "f")


def test_bad_gender_is_rejected():
    with pytest.raises(ValueError, match="m или f"):
        Person("Носова Ирина Викторовна", gender="x")


@pytest.mark.parametrize(
    ("value", "text", "gender", "forms"),
    [
        ("Носова Ирина Викторовна", "Носова Ирина Викторовна", None, {}),
        (
            {"fio": "Носова Ирина Викторовна", "gender": "f", "datv": "Носовой И.В."},
            "Носова Ирина Викторовна",
            "f",
            {"datv": "Носовой И.В."},
        ),
        (
            {"surname": "Носова", "name": "Ирина", "patronymic": "Викторовна", "gender": "ж"},
            "Носова Ирина Викторовна",
            "f",
            {},
        ),
    ],
)
def test_person_coerce(value, text, gender, forms):
    person = Person.coerce(value)
    assert (str(person), person.gender, person.forms) == (text, gender, forms)


def test_person_from_parts():
    person = Person.from_parts("Ооржак", "Айдын", "Кара-оолович", gender="m")
    assert person == "Ооржак Айдын Кара-оолович" and person.gender == "m"
