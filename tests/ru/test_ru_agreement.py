"""Agreement beyond the head noun: participles after a comma, coordinated modifiers, brackets."""

from __future__ import annotations

import pytest

from docgen.ru import inflect


@pytest.mark.parametrize(
    ("given", "case", "expected"),
    [
        # -- a participle or adjective after a comma takes the head's case --
        (
            "учреждения, находящиеся в ведении комитета",
            "ablt",
            "учреждениями, находящимися в ведении комитета",
        ),
        ("документ, утвержденный приказом", "gent", "документа, утвержденного приказом"),
        ("педагоги, участвующие в конкурсе", "accs", "педагогов, участвующих в конкурсе"),
        ("кабинеты, оснащенные компьютерами", "accs", "кабинеты, оснащенные компьютерами"),
        ("служба, созданная при комитете", "accs", "службу, созданную при комитете"),
        ("лица, не являющиеся служащими", "datv", "лицам, не являющимся служащими"),
        # -- homogeneous participles joined by «и», also after a comma --
        (
            "школы, открытые в 2023 году и оснащенные оборудованием",
            "loct",
            "школах, открытых в 2023 году и оснащенных оборудованием",
        ),
        (
            "учреждение, подведомственное комитету, и расположенное в районе",
            "gent",
            "учреждения, подведомственного комитету, и расположенного в районе",
        ),
        # -- modifiers separated by commas before a noun head --
        (
            "образовательные, культурные и спортивные учреждения",
            "gent",
            "образовательных, культурных и спортивных учреждений",
        ),
    ],
)
def test_postpositive_phrase_agrees_with_the_head(given, case, expected):
    assert inflect(given, case) == expected


@pytest.mark.parametrize(
    ("given", "case", "expected"),
    [
        # -- already agreeing with a dependent noun in another case: unchanged --
        (
            "руководители учреждений, подведомственных комитету",
            "datv",
            "руководителям учреждений, подведомственных комитету",
        ),
        # -- the nearest noun is an accusative after a preposition and agrees: it is meant --
        (
            "лица, ответственные за мероприятия, включенные в план",
            "ablt",
            "лицами, ответственными за мероприятия, включенные в план",
        ),
        # -- not in agreement with the head (number): not its modifier --
        (
            "руководитель, ответственные лица и секретарь",
            "datv",
            "руководителю, ответственные лица и секретарь",
        ),
        # -- a noun after the comma is no participle --
        (
            "Положение о порядке, сроках и условиях конкурса",
            "gent",
            "Положения о порядке, сроках и условиях конкурса",
        ),
    ],
)
def test_postpositive_phrase_left_alone_when_it_qualifies_another_word(given, case, expected):
    assert inflect(given, case) == expected


@pytest.mark.parametrize(
    ("given", "case", "expected"),
    [
        (
            "Народный Хурал (парламент) республики",
            "gent",
            "Народного Хурала (парламента) республики",
        ),
        ("методист (консультант)", "ablt", "методистом (консультантом)"),
        ("рабочая группа (комиссия)", "accs", "рабочую группу (комиссию)"),
        ("руководитель (заведующий)", "datv", "руководителю (заведующему)"),
        (
            "отдел опеки (структурное подразделение) администрации",
            "loct",
            "отделе опеки (структурном подразделении) администрации",
        ),
    ],
)
def test_bracketed_apposition_takes_the_case(given, case, expected):
    assert inflect(given, case) == expected


@pytest.mark.parametrize(
    ("given", "case"),
    [
        ("Государственное Собрание (Ил Тумэн)", "gent"),  # a proper name
        ("муниципальная методическая служба (ММС)", "datv"),  # an abbreviation
        ("комитет (далее – комитет образования)", "ablt"),  # a definition
        ("начальник отдела (сектора) кадров", "datv"),  # explains «отдела», same case
        ("совет (при главе района)", "gent"),  # not a noun phrase
        ("служба («горячая линия»)", "gent"),  # quoted
    ],
)
def test_bracket_that_is_no_apposition_stays(given, case):
    bracket = given[given.index("(") : given.rindex(")") + 1]
    got = inflect(given, case)
    assert bracket in got and got != given
