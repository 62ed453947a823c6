"""The one Jinja environment: sandboxed, strict, autoescaping; filters keep placeholders."""

from __future__ import annotations

import datetime as dt

import pytest
from jinja2 import UndefinedError
from jinja2.exceptions import SecurityError

from docgen.acts import CitedAct
from docgen.citation import Citation
from docgen.environment import make_environment
from docgen.errors import InflectionError
from docgen.kinds import load_kinds
from docgen.placeholders import REVIEW_PREFIX, Missing, labels_in
from docgen.wording import load_wording

from paths import VARIABLES


@pytest.fixture(scope="module")
def env():
    return make_environment()


def render(env, source: str, **values) -> str:
    return env.from_string(source).render(**values)


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ items.append(3) }}",
        "{{ mapping.update({'a': 2}) }}",
        "{{ items.__len__.__self__ }}",
    ],
)
def test_templates_cannot_reach_python_or_change_the_shared_context(env, source):
    items, mapping = [1, 2], {"a": 1}
    with pytest.raises(SecurityError):
        render(env, source, items=items, mapping=mapping)
    assert items == [1, 2] and mapping == {"a": 1}


def test_an_undefined_name_is_an_error_not_an_empty_string(env):
    with pytest.raises(UndefinedError, match="act"):
        render(env, "Номер {{ act.number }}")


def test_values_are_escaped_and_come_out_literally(env):
    value = "ООО <Ромашка> & «Co» {{ 1 + 1 }}"
    assert render(env, "{{ v }}", v=value) == "ООО &lt;Ромашка&gt; &amp; «Co» {{ 1 + 1 }}"


@pytest.mark.parametrize(
    "source",
    [
        "{{ v | case('gent') }}",
        "{{ v | initials('datv') }}",
        "{{ v | date_digital }}",
        "{{ v | upper }}",
        "{{ v | upfirst }}",
        "{{ v | plural('год') }}",
    ],
)
def test_every_filter_passes_an_unknown_value_through(env, source):
    missing = Missing("ФИО подписывающего")
    assert labels_in(render(env, source, v=missing)) == ["ФИО подписывающего"]


def test_filters_still_work_on_known_values(env):
    assert render(env, "{{ v | case('datv') }}", v="комитет образования") == "комитету образования"
    assert render(env, "{{ v | date_digital }}", v=dt.date(2023, 5, 3)) == "03.05.2023"
    assert render(env, "{{ v | upper }}", v="приказ") == "ПРИКАЗ"


def test_a_phrase_that_cannot_be_declined_names_the_filter(env):
    with pytest.raises(
        InflectionError, match="не удалось поставить «qwrtzx» в родительный"
    ) as info:
        render(env, "{{ v | case('gent') }}", v="qwrtzx")
    assert info.value.location == "фильтр case"


def test_cite_prints_a_registry_act_in_the_case_and_date_style_asked(env):
    act = CitedAct("fz", "федеральный закон", dt.date(2012, 12, 29), "273-ФЗ", "Об образовании")
    kinds = load_kinds([VARIABLES / "_kinds.yaml"], VARIABLES)
    wording = load_wording([VARIABLES / "_wording.yaml"], VARIABLES)
    cited = Citation(act, kinds, wording)
    assert render(env, "{{ b | cite('ablt', 'digital') }}", b=cited) == (
        "Федеральным законом от 29.12.2012 №\u00a0273-ФЗ «Об образовании»"
    )
    assert render(env, "{{ b | cite }}", b=cited).startswith(
        "Федеральный закон от 29\u00a0декабря\u00a02012\u00a0г."
    )
    with pytest.raises(ValueError, match="cite: ожидается акт из реестра"):
        render(env, "{{ b | cite }}", b="Федеральный закон № 273-ФЗ")


def test_review_marks_text_proposed_without_a_source(env):
    out = render(env, "{{ 'мероприятия без источника' | review }}")
    assert labels_in(out) == [f"{REVIEW_PREFIX}мероприятия без источника"]
