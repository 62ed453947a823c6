"""docgen.ru.FILTERS: the table, its docstrings, and the filters inside a Jinja template."""

from __future__ import annotations

import inspect
import re
from datetime import date

import pytest
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

import docgen.ru as ru
from docgen.ru import FILTERS, InflectionFailed, Person, Phrase

NBSP = "\u00a0"
REQUIRED = {
    "case",
    "initials",
    "name_case",
    "date_digital",
    "date_long",
    "month_year",
    "years",
    "plural",
    "num_words",
    "percent",
    "typograph",
    "upfirst",
    "lowfirst",
}


def test_table_has_the_filters_templates_rely_on():
    assert REQUIRED <= set(FILTERS)


@pytest.mark.parametrize("name", sorted(FILTERS))
def test_every_filter_has_a_docstring_with_a_russian_example(name):
    doc = inspect.getdoc(FILTERS[name]) or ""
    assert doc.splitlines()[0].startswith("Return"), "the docstring leads with what is returned"
    example = [line for line in doc.splitlines() if "→" in line]
    assert example, "a one-line example «… → …»"
    assert re.search(r"[а-яё]", example[0]), "the example is in Russian"


def test_public_names():
    public = {n for n in dir(ru) if not n.startswith("_") and not inspect.ismodule(getattr(ru, n))}
    assert set(ru.__all__) == public | {"spelling"}  # the module holding YO_POLICY
    for name in (
        "inflect",
        "inflect_name",
        "initials",
        "Phrase",
        "Person",
        "FILTERS",
        "CASES",
        "normalize_case",
        "typograph",
        "InflectionFailed",
    ):
        assert name in ru.__all__


def test_package_imports_nothing_else_from_docgen():
    import pathlib

    root = pathlib.Path(ru.__file__).parent
    for path in root.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+(docgen|\.\.)", text, re.M), path.name


@pytest.fixture(scope="module")
def env():
    environment = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
    environment.filters.update(FILTERS)
    return environment


CONTEXT = {
    "authority": {
        "name": Phrase(
            "комитет образования администрации Кировского муниципального района",
            forms={"ablt": "комитетом по образованию"},
        )
    },
    "service": "муниципальная методическая служба",
    "signer": Person("Носова Ирина Викторовна", gender="f"),
    "deputy": Person("Е.П. Ковальчук"),
    "act": {"date": date(2023, 5, 23), "deadline": "2024-09-01"},
    "period": (2023, 2026),
    "abbr": "МБУДО «Кировский ЦИТ»",
}


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{{ authority.name | case('ablt') }}", "комитетом по образованию"),
        (
            "{{ authority.name | case('datv') | upfirst }}",
            "Комитету образования администрации Кировского муниципального района",
        ),
        ("{{ service | case('р') }}", "муниципальной методической службы"),
        ("{{ signer | case('datv') }}", "Носовой Ирине Викторовне"),
        ("{{ signer | name_case('gent') }}", "Носовой Ирины Викторовны"),
        ("{{ deputy | name_case('gent', 'f') }}", "Е.П. Ковальчук"),
        ("{{ signer | initials }}", f"И.В.{NBSP}Носова"),
        ("{{ signer | initials('datv') }}", f"И.В.{NBSP}Носовой"),
        ("{{ act.date | date_digital }}", "23.05.2023"),
        ("{{ act.date | date_long }}", f"23{NBSP}мая{NBSP}2023{NBSP}г."),
        ("{{ act.deadline | month_year }}", f"сентябрь{NBSP}2024{NBSP}г."),
        ("на {{ period | years }}", f"на 2023–2026{NBSP}годы"),
        ("в {{ period | years('loct') }}", f"в 2023–2026{NBSP}годах"),
        ("{{ 5 | plural('год') }}", f"5{NBSP}лет"),
        ("{{ 23 | num_words('gent') }}", "двадцати трех"),
        ("{{ 1234567.5 | number }}", f"1{NBSP}234{NBSP}567,5"),
        ("{{ 30 | percent }}", f"30{NBSP}%"),
        ("{{ '\"ММС\" - служба' | typograph }}", f"«ММС»{NBSP}– служба"),
        ("{{ 'Комитет образования' | lowfirst }}", "комитет образования"),
        ("{{ abbr | lowfirst }}", "МБУДО «Кировский ЦИТ»"),
        ("{{ '«дорожная карта»' | upfirst }}", "«Дорожная карта»"),
    ],
)
def test_filters_in_a_template(env, template, expected):
    got = env.from_string(template).render(CONTEXT)
    assert got == expected


@pytest.mark.parametrize(
    ("template", "error"),
    [
        ("{{ deputy | case('datv') }}", InflectionFailed),
        ("{{ 'утвердить' | case('gent') }}", InflectionFailed),
        ("{{ 'вчера' | date_long }}", ValueError),
        ("{{ none | case('gent') }}", ValueError),
        ("{{ 'x' | percent }}", ValueError),
    ],
)
def test_filters_raise_instead_of_returning_the_input(env, template, error):
    with pytest.raises(error):
        env.from_string(template).render(CONTEXT)


def test_upfirst_and_lowfirst_keep_explicit_forms():
    phrase = Phrase("Комитет образования", forms={"ablt": "Комитетом по образованию"})
    low = FILTERS["lowfirst"](phrase)
    assert isinstance(low, Phrase) and low.forms == {"ablt": "комитетом по образованию"}
    assert FILTERS["case"](low, "ablt") == "комитетом по образованию"
    person = FILTERS["upfirst"](Person("носова ирина викторовна", "f"))
    assert isinstance(person, Person) and person.gender == "f"
