"""Artefacts left by extraction or templating (T-13) and unfilled fields (G-51)."""

from __future__ import annotations

import re

from ..model import DocModel
from ..registry import issue, rule
from ._common import ERROR, WARNING, next_body, pattern, patterns, scan, text_paras

_ARTEFACTS = patterns(
    pattern(
        r"\[bookmark:[^\]]*\]",
        "артефакт извлечения текста: закладка",
        "удалить «[bookmark: …]»",
        needles=("[bookmark",),
    ),
    pattern(
        r"\*\*", "разметка Markdown «**»", "удалить «**»; выделение — форматом", needles=("**",)
    ),
    pattern(
        r"\{\{|\}\}|\{%|%\}|\{#|#\}",
        "незаполненный тег шаблона",
        "заполнить или удалить тег",
        needles=("{", "}"),
    ),
)
_FIELDS = patterns(
    pattern(
        r"_{3,}(?![ \u00a0]*[А-ЯЁ]\.[ \u00a0]?[А-ЯЁ]\.)",
        "незаполненное поле «___»",
        "вписать значение",
        needles=("___",),
    ),
    pattern(
        r"\[не заполнено:[^\]]*\]",
        "значение не заполнено (черновик)",
        "задать значение в наборе переменных и сформировать чистовик",
        needles=("[не заполнено",),
    ),
    pattern(
        r"\[проверить:[^\]]*\]",
        "текст предложен без источника и не проверен (черновик)",
        "проверить по существу и снять отметку в наборе переменных (review: false)",
        needles=("[проверить",),
    ),
)
_ENDS_MID_SENTENCE = re.compile(r"[а-яёa-z0-9,]$")
_STARTS_LOWER = re.compile(r"^(?:[-–—•][ \u00a0]*)?[а-яё]")
_CONTINUABLE = frozenset({"text", "clause", "item", "preamble"})


@rule(
    "T-13",
    ERROR,
    "text",
    "Артефакты: «[bookmark]», «**», теги шаблона, разорванные абзацы",
    also=(WARNING,),
)
def artefacts(doc: DocModel, profile):
    for para in text_paras(doc):
        yield from scan(para, _ARTEFACTS)
    for para in doc.paragraphs:
        if para.role not in _CONTINUABLE or para.in_table:
            continue
        nxt = next_body(doc, para)
        if nxt is None or nxt.role not in _CONTINUABLE or nxt.part is not para.part:
            continue
        # -- «…$» can only match in the last two characters (before a final line break) --
        clean = para.clean
        if _ENDS_MID_SENTENCE.search(clean, max(0, len(clean) - 2)) and _STARTS_LOWER.match(
            nxt.clean
        ):
            yield issue(
                para,
                f"абзац разорван посреди предложения, продолжение — {nxt.position()}",
                "соединить абзацы",
                severity=WARNING,
            )


@rule("G-51", ERROR, "text", "Незаполненные поля: «___», «[не заполнено: …]», «[проверить: …]»")
def unfilled(doc: DocModel, profile):
    for para in text_paras(doc):
        yield from scan(para, _FIELDS)
