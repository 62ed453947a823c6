"""The rules of issue 10 (legally complete acts) beyond their one-line examples: preamble
(G-53), appendix references (G-54), acts that lost force (G-55), past terms (G-56), place of
issue (G-23), doubled punctuation (T-15), generic words in capitals (T-16).

«~» in the samples is a no-break space.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
import yaml
from checks.checkenv import TODAY
from checks.conftest import nb

from docgen.acts import ActRegistry, CitedAct
from docgen.checks import (
    RunContext,
    check_docx,
    check_file,
    check_parts,
    check_text,
    check_text_model,
    load_profile,
    model_from_docx,
    model_from_text,
)
from docgen.checks.rules._common import document_date
from docgen.cli import main
from docgen.findings import Severity
from docgen.settings import Settings

from shipped import documents_and_sets, generate

PREAMBLE = (
    "Во исполнение приказа комитета общего и профессионального образования Ленинградской "
    "области от 11.05.2023 №~17 «Об утверждении положения о региональной системе»:\n\n"
)


def _found(findings, rule: str):
    return [f for f in findings if f.rule == rule]


def _set_text(document, start: str, text: str) -> None:
    """Give the body paragraph that starts with `start` the text `text` (its style stays)."""
    para = next(p for p in document.paragraphs if p.text.startswith(nb(start)))
    para.text = nb(text)


def _drop(document, start: str) -> None:
    para = next(p for p in document.paragraphs if p.text.startswith(nb(start)))
    para._element.getparent().remove(para._element)


# -- G-53 -----------------------------------------------------------------------------------
def test_act_without_preamble_is_an_error(edit_text):
    found = _found(check_text(edit_text(PREAMBLE, "")), "G-53")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert "нет преамбулы" in found[0].message
    assert found[0].quote.startswith("1. Утвердить")


def test_order_word_right_after_the_title_is_no_preamble(edit_text):
    text = edit_text(PREAMBLE, "ПРИКАЗЫВАЮ:\n\n").replace("РАСПОРЯЖЕНИЕ", "ПРИКАЗ", 1)
    found = _found(check_text(text), "G-53")
    assert found and found[0].quote == "ПРИКАЗЫВАЮ:"
    with_preamble = edit_text(PREAMBLE, PREAMBLE.replace("»:", "»,") + "ПРИКАЗЫВАЮ:\n\n")
    assert not _found(check_text(with_preamble.replace("РАСПОРЯЖЕНИЕ", "ПРИКАЗ", 1)), "G-53")


@pytest.mark.parametrize(
    "preamble",
    [
        "[не заполнено: Правовое основание]\n\n",
        "На основании Устава муниципального образования,\n\n",
        "В целях развития методической службы:\n\n",
    ],
)
def test_any_lead_in_or_its_placeholder_counts_as_the_preamble(edit_text, preamble):
    assert not _found(check_text(edit_text(PREAMBLE, nb(preamble))), "G-53")


def test_an_appendix_alone_needs_no_preamble(base_text):
    положение = base_text[base_text.index("УТВЕРЖДЕНО") :]
    assert not _found(check_text(положение), "G-53")


def test_docx_without_preamble_fails_check_and_cli(edit_docx, base_docx, tmp_path, capsys):
    assert not _found(check_docx(base_docx), "G-53")
    data = edit_docx(lambda d: _drop(d, "Во исполнение"))
    found = _found(check_docx(data), "G-53")
    assert [(f.severity, f.location) for f in found] == [(Severity.ERROR, "распоряжение, абзац 11")]
    path = tmp_path / "no-preamble.docx"
    path.write_bytes(data)
    assert main(["check", str(path)]) == 1
    assert "ошибка G-53 · распоряжение, абзац 11: у распоряжения нет преамбулы" in (
        capsys.readouterr().out
    )


# -- G-54 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("reference", "message"),
    [
        (
            "согласно приложению~3 к настоящему распоряжению",
            "нет приложения 3: у распоряжения одно",
        ),
        ("(приложение~1)", "приложение одно — номер 1 не ставится"),
        ("согласно приложениям~1–2", "нет приложения 1, 2"),
    ],
)
def test_single_appendix_takes_no_number(edit_text, reference, message):
    text = edit_text("согласно приложению к настоящему распоряжению", reference)
    found = _found(check_text(text), "G-54")
    assert [f.severity for f in found] == [Severity.ERROR]
    assert message in found[0].message


@pytest.mark.parametrize(
    "reference",
    [
        "согласно приложению~3 к распоряжению комитета от 01.02.2019 №~213-р «Об утверждении»",
        "согласно приложению к приказу Минпросвещения России от 11.05.2023 №~17 «Об утверждении»",
        "в приложении~2 к Положению о методической службе",
        "согласно приложению к настоящему распоряжению, с приложением документов",
    ],
)
def test_appendices_of_other_documents_are_not_judged(edit_text, reference):
    text = edit_text("согласно приложению к настоящему распоряжению", reference)
    assert not _found(check_text(text), "G-54")


def test_inside_an_appendix_only_references_to_the_act_count(edit_text):
    own = edit_text("3.2. Работа ММС осуществляется", "3.2. Работа ММС (приложение~1) ведётся")
    assert not _found(check_text(own), "G-54")
    act = edit_text(
        "3.2. Работа ММС осуществляется",
        "3.2. Работа ММС согласно приложению~3 к настоящему распоряжению ведётся",
    )
    found = _found(check_text(act), "G-54")
    assert [f.location for f in found] == ["приложение, стр. 62"]


def test_appendix_reference_without_appendices_is_an_error(base_text):
    act = base_text[: base_text.index("УТВЕРЖДЕНО")]
    found = _found(check_text(act), "G-54")
    assert found and "приложений у распоряжения нет" in found[0].message


def test_numbered_mark_of_a_single_appendix_is_reported(edit_text):
    text = edit_text("(приложение)\n", "(приложение~3)\n")
    found = _found(check_text(text), "G-54")
    assert any("в отметке номер 3" in f.message for f in found)


def test_docx_reference_to_a_missing_appendix(edit_docx, base_docx):
    assert not _found(check_docx(base_docx), "G-54")
    data = edit_docx(
        lambda d: _set_text(
            d, "2. Утвердить", "2. Утвердить план мероприятий (приложение~3), как в приложении~2."
        )
    )
    found = _found(check_docx(data), "G-54")
    assert [f.message for f in found] == ["нет приложения 3: у распоряжения приложения 1, 2"]
    assert found[0].location == "распоряжение, абзац 13"


def test_unnumbered_reference_among_several_appendices(edit_docx):
    data = edit_docx(
        lambda d: _set_text(d, "2. Утвердить", "2. Утвердить план согласно приложению.")
    )
    found = _found(check_docx(data), "G-54")
    assert found and "без номера, а приложений 2" in found[0].message


# -- G-55 -----------------------------------------------------------------------------------
OLD = CitedAct(
    id="prikaz-old",
    kind="приказ",
    issuer="комитет образования",
    date=dt.date(2019, 2, 26),
    number="45",
    title="Об утверждении Положения о методической службе",
    status="утратил силу",
    status_date=dt.date(2023, 1, 10),
    superseded_by="prikaz-new",
)
NEW = CitedAct(
    id="prikaz-new",
    kind="приказ",
    date=dt.date(2023, 1, 10),
    number="3-од",
    title="О методической службе",
)
BUILT = ActRegistry({OLD.id: OLD, NEW.id: NEW})
CITING = "3.2. Работа ММС ведётся по приказу комитета от 26.02.2019 №~45 «Об утверждении»."


def test_citing_an_act_that_lost_force_names_the_replacement(edit_text):
    text = edit_text("3.2. Работа ММС осуществляется", CITING)
    found = _found(check_text(text, registry=BUILT, today=TODAY), "G-55")
    assert [f.severity for f in found] == [Severity.WARNING]
    message = found[0].message
    assert "приказ от 26.02.2019 №\u00a045" in message and "утратил силу 10.01.2023" in message
    assert "действует приказ от 10.01.2023 №\u00a03-од «О методической службе»" in message
    assert found[0].location == "приложение, стр. 62"


def test_acts_that_lost_force_after_the_act_date_are_fine(edit_text):
    text = edit_text("3.2. Работа ММС осуществляется", CITING)
    text = text.replace("от 23.05.2023", "от 23.05.2022")
    assert not _found(check_text(text, registry=BUILT, today=TODAY), "G-55")


def test_undated_act_is_judged_on_today(edit_text):
    text = edit_text("3.2. Работа ММС осуществляется", CITING)
    text = text.replace("от 23.05.2023 №~233".replace("~", "\u00a0"), "от [не заполнено: Дата]", 1)
    before = check_text(text, registry=BUILT, today=dt.date(2022, 12, 31))
    after = check_text(text, registry=BUILT, today=dt.date(2023, 1, 10))
    assert not _found(before, "G-55")
    assert _found(after, "G-55")


@pytest.mark.parametrize(
    "clause",
    [
        # -- the repeal clause cites what lost force on purpose --
        "3.2. Признать утратившим силу приказ комитета от 26.02.2019 №~45 «Об утверждении».",
        # -- another kind of act with the same date and number --
        "3.2. Работа ведётся по решению совета от 26.02.2019 №~45 «Об утверждении».",
    ],
)
def test_citations_that_are_not_judged(edit_text, clause):
    text = edit_text("3.2. Работа ММС осуществляется", clause)
    assert not _found(check_text(text, registry=BUILT, today=TODAY), "G-55")


def test_without_a_registry_nothing_is_looked_up(edit_text):
    text = edit_text("3.2. Работа ММС осуществляется", CITING)
    assert not _found(check_text(text, today=TODAY), "G-55")


def test_shipped_registry_and_check_parts(edit_docx, registry):
    data = edit_docx(lambda d: _set_text(d, "от 23.05.2023", "от 23.05.2025 №~233"))
    via_docx = _found(check_docx(data, registry=registry, today=TODAY), "G-55")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    via_parts = _found(check_parts(parts, registry=registry, today=TODAY), "G-55")
    assert via_docx == via_parts
    assert [f.location for f in via_docx] == ["приложение 1, абзац 30"]
    assert "№\u00a0474" in via_docx[0].message and "действует указ от 07.05.2024" in (
        via_docx[0].message
    )
    assert "№\u00a0309" in via_docx[0].message


def test_generated_sets_citing_the_superseded_decree(registry):
    settings = Settings(run_checks=False)
    superseded = registry.find(dt.date(2020, 7, 21), "474")
    replacement = registry.replacement(superseded)
    citing = 0
    for document_id, set_id in documents_and_sets(settings):
        data = generate(document_id, set_id, draft=True, settings=settings).docx
        model = model_from_docx(data)
        if not any("\u00a0474 «" in p.text for p in model.paragraphs):
            continue
        citing += 1
        found = _found(check_docx(data, registry=registry, today=TODAY), "G-55")
        dated = document_date(model)
        if dated is not None and superseded.in_force_on(dated):
            assert found == [], (document_id, set_id)
        else:
            assert found, (document_id, set_id)
            assert f"№\u00a0{replacement.number} «{replacement.title}»" in found[0].message
    assert citing


# -- G-56 -----------------------------------------------------------------------------------
def test_past_target_names_the_act_date(edit_text):
    text = edit_text("3.2. Работа ММС осуществляется", "3.2. К~2022~году работа ведётся")
    found = _found(check_text(text, today=TODAY), "G-56")
    assert [f.message for f in found] == [
        "срок «К\u00a02022\u00a0году» раньше даты акта (23.05.2023)"
    ]


@pytest.mark.parametrize(
    "words",
    [
        "(к 2022 году – не менее 70 %)",
        "до 01.09.2022",
        "не позднее 1 сентября 2022 г.",
        "в 2022 году",
        "на 2020–2022 годы",
        "в декабре 2022 г.",
        "апрель 2023 г.",
        "в марте 2023 г.",
        "(нарастающим итогом): 2022 г. – 5, 2024 г. – 10",
    ],
)
def test_past_terms(edit_text, words):
    text = edit_text("3.2. Работа ММС осуществляется", f"3.2. Работа ММС {words} осуществляется")
    assert _found(check_text(text, today=TODAY), "G-56"), words


@pytest.mark.parametrize(
    "words",
    [
        "по приказу от 21.07.2020 №~474 «Об утверждении»",
        "по программе «Развитие образования на период до 2020 года»",
        "по стратегии на период до 2020 года",
        "в декабре 2023 г., к 2024 году, на 2023–2026 годы, до 01.06.2023",
        "июнь 2023 г.",
        "в мае 2023 г.",
    ],
)
def test_terms_that_are_not_past(edit_text, words):
    text = edit_text(
        "3.2. Работа ММС осуществляется", nb(f"3.2. Работа ММС {words} осуществляется")
    )
    assert not _found(check_text(text, today=TODAY), "G-56"), words


@pytest.mark.parametrize(
    "clause", ["3.2. До~01.09.2022 работа ведётся", "3.2. Не позднее 1~сентября~2022~г. работа"]
)
def test_past_deadline_at_the_start_of_a_clause(edit_text, clause):
    text = edit_text("3.2. Работа ММС осуществляется", clause)
    found = _found(check_text(text, today=TODAY), "G-56")
    assert found and "2022" in found[0].quote


def test_repeal_clause_dates_are_not_terms(edit_text):
    text = edit_text(
        "«Об утверждении Положения о методической службе».",
        "«Об утверждении Положения о методической службе» (в редакции до 2020 года).",
    )
    assert not _found(check_text(text, today=TODAY), "G-56")


def test_undated_act_compares_terms_with_today(edit_text):
    text = edit_text("3.2. Работа ММС осуществляется", "3.2. К~2024~году работа ведётся")
    text = text.replace("от 23.05.2023 №\u00a0233", "от [не заполнено: Дата]", 1)
    assert not _found(check_text(text, today=dt.date(2024, 3, 1)), "G-56")
    found = _found(check_text(text, today=dt.date(2025, 1, 1)), "G-56")
    assert found and "сегодняшней даты (01.01.2025; у акта нет даты)" in found[0].message


def test_roadmap_deadline_cells_and_year_columns(edit_docx, base_docx):
    assert not _found(check_docx(base_docx, today=TODAY), "G-56")

    def change(document):
        table = document.tables[0]
        table.cell(2, 2).paragraphs[0].text = nb("до~01.09.2022")
        table.cell(3, 2).paragraphs[0].text = "2022 г."
        table.cell(0, 4).paragraphs[0].text = "2022"

    found = _found(check_docx(edit_docx(change), today=TODAY), "G-56")
    assert {f.location for f in found} == {
        "приложение 2, таблица 1, строка 3, ячейка 3",
        "приложение 2, таблица 1, строка 4, ячейка 3",
        "приложение 2, таблица 1, строка 1, ячейка 5",
    }


# -- G-23 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "place", ["г.~Кировск", "пгт~Октябрьское", "Санкт-Петербург", "г. Кызыл", "с.~Ивановка"]
)
def test_place_of_issue_forms(edit_text, place):
    text = edit_text("г.~Кировск", place)
    found = check_text(text)
    assert not _found(found, "G-23") and not _found(found, "G-25"), place


def test_place_of_issue_can_be_turned_off_in_the_profile(edit_text):
    text = edit_text("\n\nг.~Кировск", "")
    profile = load_profile("gost2025")
    assert _found(check_text(text, profile), "G-23")
    quiet = dataclasses.replace(profile, place_of_issue=False)
    assert not _found(check_text(text, quiet), "G-23")
    assert load_profile("gost2016").place_of_issue is True


def test_place_missing_on_a_draft_blank_is_still_reported(edit_text):
    text = edit_text("\n\nг.~Кировск", "").replace(
        "от 23.05.2023 №\u00a0233", "от [не заполнено: Дата]", 1
    )
    found = _found(check_text(text), "G-23")
    assert [f.location for f in found] == ["распоряжение, стр. 4"]


# -- T-15 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("words", "message"),
    [
        ("от 15~сентября~2021~г..", "две точки подряд"),
        ("службы.,", "точка и ещё один знак"),
        ("службы,.", "два знака препинания подряд"),
        ("службы:.", "два знака препинания подряд"),
        ("службы,,", "знак препинания повторён"),
    ],
)
def test_doubled_punctuation(edit_text, words, message):
    text = edit_text("утвержденного комитетом.", f"утвержденного комитетом {words}")
    found = _found(check_text(text), "T-15")
    assert found and message in found[0].message and found[0].severity is Severity.ERROR


@pytest.mark.parametrize(
    "words",
    ["от 15~сентября~2021~г., а также", "и т.~д.; кроме того", "(И.В.~Носова И.В.:", "и так..."],
)
def test_stops_of_abbreviations_and_ellipses_are_fine(edit_text, words):
    text = edit_text("утвержденного комитетом.", f"утвержденного комитетом {words} ММС.")
    assert not _found(check_text(text), "T-15"), words


def test_colon_before_an_operative_word_with_its_own_colon(edit_text):
    text = edit_text("системе»:\n\n1.", "системе»:\n\nПРИКАЗЫВАЮ:\n\n1.")
    found = _found(check_text(text.replace("РАСПОРЯЖЕНИЕ", "ПРИКАЗ", 1)), "T-15")
    assert [f.message for f in found] == ["двоеточие в конце преамбулы и в «ПРИКАЗЫВАЮ:»"]
    assert found[0].location == "приказ, стр. 12"


# -- T-16 -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "words",
    [
        "с учреждением «Центр развития образования»",
        "с министерством. Муниципальное учреждение",
        "в соответствии с: Муниципальное учреждение",
        "с МКУ «ЦРО», Министерством просвещения Российской Федерации",
        "с Правительством Российской Федерации и Президентом Российской Федерации",
        "по Федеральному закону",
        "с Государственной Думой",
        "(Муниципальное учреждение)",
        "по приказу от 11.05.2023 №~17 «Об утверждении Комплекса мер, Плана мероприятий»",
    ],
)
def test_proper_names_and_sentence_starts_keep_capitals(edit_text, words):
    text = edit_text("с деятельностью комитета общего", f"с деятельностью {words} комитета общего")
    assert not _found(check_text(text), "T-16"), words


def test_first_words_of_items_and_cells_keep_capitals(edit_docx):
    def change(document):
        _set_text(document, "2. Утвердить", "2. Комплекс мер (приложение~2).")
        document.tables[0].cell(2, 1).paragraphs[0].text = "Программа развития"

    assert not _found(check_docx(edit_docx(change)), "T-16")


def test_generic_capital_after_a_comma(edit_text):
    text = edit_text(
        "с деятельностью комитета общего",
        "с деятельностью района, Муниципальное казенное учреждение «Центр» и комитета общего",
    )
    found = _found(check_text(text), "T-16")
    assert [(f.message, f.severity) for f in found] == [
        ("«Муниципальное» с прописной в середине предложения", Severity.WARNING)
    ]


def test_capitals_data_names_its_sources():
    path = Path(__file__).resolve().parents[2] / "docgen" / "checks" / "capitals.yaml"
    text = path.read_text(encoding="utf-8")
    assert "gost.md §3 T-11" in text and "review.md §6" in text
    data = yaml.safe_load(text)
    assert all(stem == stem.lower() and " " not in stem for stem in data["stems"])
    assert {"учреждени", "комплекс", "мер", "программ", "план"} <= set(data["stems"])


# -- the run context ------------------------------------------------------------------------
def test_check_file_threads_registry_and_today(tmp_path, edit_text):
    path = tmp_path / "act.txt"
    path.write_text(edit_text("3.2. Работа ММС осуществляется", CITING), encoding="utf-8")
    assert _found(check_file(path, registry=BUILT, today=TODAY), "G-55")
    assert not _found(check_file(path, today=TODAY), "G-55")


def test_the_context_lasts_one_run(base_text):
    model = model_from_text(base_text)
    check_text_model(model, registry=BUILT, today=TODAY)
    assert model.context == RunContext()
