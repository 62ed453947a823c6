"""Fixtures of the checker tests: the seed texts, a clean act package as text and as .docx.

In the samples «~» stands for a no-break space, so the texts stay readable.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from checks.checkenv import TODAY, shipped_registry

from docgen.acts import ActRegistry
from docgen.checks import check_file
from docgen.docxbuild import build_docx

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"


def nb(text: str) -> str:
    """Return `text` with «~» turned into no-break spaces."""
    return text.replace("~", "\u00a0")


#: A clean распоряжение + Положение in plain text: no finding of any text rule.
BASE_TEXT = nb("""\
Администрация Кировского муниципального района Ленинградской области
КОМИТЕТ ОБРАЗОВАНИЯ

РАСПОРЯЖЕНИЕ

от 23.05.2023 №~233

г.~Кировск

Об утверждении Положения о муниципальной методической службе

Во исполнение приказа комитета общего и профессионального образования Ленинградской области от 11.05.2023 №~17 «Об утверждении положения о региональной системе»:

1. Утвердить Положение о муниципальной методической службе согласно приложению к настоящему распоряжению.

2. Признать утратившим силу распоряжение комитета образования от 26.02.2019 №~45 «Об утверждении Положения о методической службе».

3. Контроль за исполнением настоящего распоряжения оставляю за собой.

Председатель комитета\tИ.В.~Носова

УТВЕРЖДЕНО
распоряжением комитета образования
от 23.05.2023 №~233
(приложение)

ПОЛОЖЕНИЕ
о муниципальной методической службе

1. Общие положения

1.1. Положение о муниципальной методической службе (далее~– Положение) разработано в соответствии с:

Федеральным законом от 29~декабря~2012~г. №~273-ФЗ «Об образовании в Российской Федерации»;

Указом Президента Российской Федерации от 21~июля~2020~г. №~474 «О национальных целях развития Российской Федерации».

1.2. Положение определяет цели и задачи муниципальной методической службы (далее~– ММС).

1.3. Положение утверждается комитетом образования администрации Кировского муниципального района (далее~– комитет).

2. Основные понятия

2.1. В настоящем Положении используются следующие понятия:

2.1.1. «методическая работа»~– комплекс практических мероприятий;

2.1.2. «методический совет»~– коллегиальный орган;

2.1.3. «методист»~– педагогический работник.

3. Организация деятельности

3.1. ММС создается с целями:

формирования системы методического обеспечения;

синхронизации деятельности комитета с деятельностью комитета общего и профессионального образования Ленинградской области;

поэтапного перехода работы комитета на новый формат.

3.2. Работа ММС осуществляется на основе годового плана, утвержденного комитетом.
""")

#: The same package as docgen template markup (docgen.docxbuild), plus a landscape roadmap.
BASE_MARKUP = nb("""\
.blank Администрация Кировского муниципального района Ленинградской области
.authority КОМИТЕТ ОБРАЗОВАНИЯ
.empty
.kind РАСПОРЯЖЕНИЕ
.empty
.datenum от 23.05.2023 №~233
.datenum г.~Кировск
.empty
.title Об утверждении Положения о муниципальной методической службе и плана мероприятий («дорожной карты») по развитию методической службы
.empty
Во исполнение приказа комитета общего и профессионального образования Ленинградской области от 11.05.2023 №~17 «Об утверждении положения о региональной системе»:
1. Утвердить Положение о муниципальной методической службе (приложение~1).
2. Утвердить план мероприятий («дорожную карту») по развитию методической службы (приложение~2).
3. Контроль за исполнением настоящего распоряжения оставляю за собой.
.empty
.empty
.sign Председатель комитета\\tИ.В.~Носова
.section portrait
.mark УТВЕРЖДЕНО
.mark распоряжением комитета образования
.mark от 23.05.2023 №~233
.mark (приложение~1)
.empty
.doctitle ПОЛОЖЕНИЕ
.doctitle о муниципальной методической службе
.empty
.heading 1. Общие положения
1.1. Положение о муниципальной методической службе (далее~– Положение) разработано в соответствии с:
Федеральным законом от 29~декабря~2012~г. №~273-ФЗ «Об образовании в Российской Федерации»;
Указом Президента Российской Федерации от 21~июля~2020~г. №~474 «О национальных целях развития Российской Федерации».
1.2. Положение определяет цели и задачи муниципальной методической службы (далее~– ММС).
.heading 2. Организация деятельности
2.1. ММС создается с целями:
формирования системы методического обеспечения;
поэтапного перехода на новый формат.
.section landscape
.markland УТВЕРЖДЕН
.markland распоряжением комитета образования
.markland от 23.05.2023 №~233
.markland (приложение~2)
.empty
.doctitle ПЛАН МЕРОПРИЯТИЙ («ДОРОЖНАЯ КАРТА»)
.doctitle по развитию методической службы
.empty
.table 6,40,14,20,20
|! №~п/п | Наименование мероприятия | Срок исполнения | Ответственные исполнители | Ожидаемый результат
|= 1. Нормативное обеспечение
| 1.1. | Разработка положений | до~01.09.2024 | ММС | Положения утверждены
| 1.2. | Разработка плана | до~01.10.2024 | ММС | План утвержден
|= 2. Методическое обеспечение
| 2.1. | Семинары | ежегодно | ММС | Проведены семинары
.endtable
""")


@pytest.fixture(scope="session")
def base_text() -> str:
    """Return the clean act package as plain text."""
    return BASE_TEXT


@pytest.fixture(scope="session")
def edit_text():
    """Return a function replacing `anchor` of BASE_TEXT by `replacement` («~» = NBSP)."""

    def edit(anchor: str, replacement: str) -> str:
        anchor, replacement = nb(anchor), nb(replacement)
        assert anchor in BASE_TEXT, anchor
        return BASE_TEXT.replace(anchor, replacement, 1)

    return edit


@pytest.fixture(scope="session")
def registry() -> ActRegistry:
    """Return the shipped registry of cited acts."""
    return shipped_registry()


@pytest.fixture(scope="session")
def seed_findings(registry):
    """Return a function: seed number («000») → findings of the checker on that seed.

    With the shipped registry of cited acts and TODAY for the undated seeds.
    """
    cache: dict[str, list] = {}

    def findings(number: str):
        if number not in cache:
            path = next(SEEDS.glob(f"{number}_*.txt"))
            cache[number] = check_file(path, registry=registry, today=TODAY)
        return cache[number]

    return findings


@pytest.fixture(scope="session")
def base_docx(tmp_path_factory) -> bytes:
    """Return the .docx bytes of BASE_MARKUP built the way docgen builds its templates."""
    path = tmp_path_factory.mktemp("checks") / "base.docx"
    build_docx(BASE_MARKUP, path)
    return path.read_bytes()


@pytest.fixture
def edit_docx(base_docx):
    """Return a function applying `change(document)` to a copy of the base .docx → bytes."""

    def edit(change) -> bytes:
        document = docx.Document(io.BytesIO(base_docx))
        change(document)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    return edit
