"""Placeholders: marked spans for unknown values and review notes, and what readers see."""

from __future__ import annotations

import pytest

from docgen.placeholders import CLOSE, OPEN, REVIEW_PREFIX, Missing, labels_in, visible


@pytest.mark.parametrize(
    ("prefix", "body"),
    [(None, "не заполнено: Номер акта"), (REVIEW_PREFIX, "проверить: Номер акта")],
)
def test_a_placeholder_is_its_prefixed_label_between_markers(prefix, body):
    missing = Missing("Номер акта") if prefix is None else Missing("Номер акта", prefix)
    assert missing == f"{OPEN}{body}{CLOSE}"
    assert missing.label == "Номер акта"
    assert visible(body) == f"[{body}]"


def test_attributes_of_an_unknown_value_stay_unknown():
    missing = Missing("ФИО подписывающего")
    assert missing.forms is missing and missing.name.gender is missing
    with pytest.raises(AttributeError):
        missing._private  # noqa: B018 - the access itself is what is tested


def test_labels_in_lists_each_label_once_in_order():
    text = f"от {Missing('Дата')} № {Missing('Номер')}, снова {Missing('Дата')}; "
    text += str(Missing("основание", REVIEW_PREFIX))
    assert labels_in(text) == ["Дата", "Номер", "проверить: основание"]
    assert labels_in("обычный текст") == []
