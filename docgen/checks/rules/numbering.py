"""Clause numbering (T-08 / G-46) and its depth (G-26), per document and per table.

Each part (the act, each appendix) and each table is its own numbering scope. The
sequence check is docs/reference/gost.md's T-08 algorithm: a number either opens the next level with
«…1» or continues one of the open levels by one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..memo import cached_in_run, text_memo
from ..model import DocModel, Para
from ..patterns import CLAUSE_RE, SUBITEM_RE
from ..predicates import clause_number
from ..registry import Issue, issue, rule
from ._common import ERROR

_CELL_NUM_RE = re.compile(r"^[ \u00a0]*(?P<num>\d{1,2}(?:\.\d{1,3}){0,6})\.?[ \u00a0]*$")
_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"


def _fmt(num: tuple[int, ...]) -> str:
    return ".".join(map(str, num)) + "."


def scopes(doc: DocModel) -> Iterator[list[tuple[Para, tuple[int, ...], bool]]]:
    """Yield each numbering scope as (paragraph, number, has marker) in order."""
    return iter(cached_in_run(doc, "scopes", lambda: list(_scopes(doc))))


def _scopes(doc: DocModel) -> Iterator[list[tuple[Para, tuple[int, ...], bool]]]:
    for part in doc.parts:
        seq = []
        for para in part.paras:
            if para.role not in ("clause", "heading") or para.table is not None:
                continue
            found = clause_number(para)
            if found:
                seq.append((para, found[0], found[1]))
        if seq:
            yield seq
    for table in doc.tables:
        seq = []
        seen_rows = set()
        for para in doc.paragraphs[table.first : table.last + 1]:
            if para.col != 0 or para.row in seen_rows:
                continue
            seen_rows.add(para.row)
            num = _cell_number(para)
            if num:
                seq.append((para, num, False))
        if seq:
            yield seq


@text_memo
def _cell_number(text: str) -> tuple[int, ...] | None:
    """Return the clause number a table cell starts with («1.2.» or «1.2»), or None."""
    match = _CELL_NUM_RE.match(text) or CLAUSE_RE.match(text)
    return tuple(int(n) for n in match.group("num").split(".")) if match else None


def _expected(prev: tuple[int, ...]) -> list[tuple[int, ...]]:
    if not prev:
        return [(1,)]
    options = [prev + (1,)]
    for depth in range(len(prev), 0, -1):
        options.append(prev[: depth - 1] + (prev[depth - 1] + 1,))
    return options


def _explain(num: tuple[int, ...], prev: tuple[int, ...]) -> tuple[str, str]:
    expected = _expected(prev)
    hint = "ожидался " + " или ".join(_fmt(e) for e in expected[:3])
    if num == prev:
        return f"номер {_fmt(num)} повторяется", hint
    if prev and len(num) == len(prev) and num[:-1] == prev[:-1] and num[-1] > prev[-1] + 1:
        missing = _fmt(num[:-1] + (prev[-1] + 1,))
        return f"пропущен номер {missing} (после {_fmt(prev)} идёт {_fmt(num)})", hint
    if len(num) > len(prev) + 1 or (len(num) == len(prev) + 1 and num[-1] != 1):
        return (
            f"скачок уровня нумерации: после {_fmt(prev) if prev else 'начала'} идёт {_fmt(num)}",
            hint,
        )
    if (
        prev
        and len(num) <= len(prev)
        and num[:-1] == prev[: len(num) - 1]
        and num[-1] <= prev[len(num) - 1]
    ):
        return f"нумерация начата заново: после {_fmt(prev)} идёт {_fmt(num)}", hint
    return f"номер {_fmt(num)} не продолжает {_fmt(prev) if prev else 'нумерацию'}", hint


def check_sequence(seq) -> Iterator[Issue]:
    """Yield an issue for each number that does not continue the one before it."""
    prev: tuple[int, ...] = ()
    for para, num, marker in seq:
        if marker:
            yield issue(
                para,
                f"перед номером {_fmt(num)} стоит маркер списка",
                "номер пункта без «-» перед ним",
            )
        if num not in _expected(prev):
            message, hint = _explain(num, prev)
            yield issue(para, message, hint)
        prev = num


def _subitems(doc: DocModel) -> Iterator[Issue]:
    """Yield issues of «1)»/«а)» sub-items: a marker before them, a broken sequence."""
    prev_label: str | None = None
    for para in doc.paragraphs:
        if para.role in ("clause", "heading"):
            prev_label = None
            continue
        if para.role != "item":
            continue
        match = SUBITEM_RE.match(para.text)
        if not match:
            continue
        label = match.group("label")
        if match.group("marker"):
            yield issue(
                para,
                f"перед подпунктом «{label})» стоит маркер списка",
                "подпункт без «-»: «1) …» или «а) …»",
            )
        if prev_label is not None and not _follows(prev_label, label) and label not in ("1", "а"):
            yield issue(
                para,
                f"после «{prev_label})» идёт «{label})»",
                f"ожидался «{_next_label(prev_label)})»",
            )
        prev_label = label


def _follows(prev: str, label: str) -> bool:
    return _next_label(prev) == label


def _next_label(label: str) -> str:
    if label.isdigit():
        return str(int(label) + 1)
    i = _LETTERS.find(label)
    return _LETTERS[i + 1] if 0 <= i < len(_LETTERS) - 1 else "?"


@rule("T-08", ERROR, "text", "Нумерация пунктов: без дублей, пропусков, скачков уровня и маркеров")
def numbering(doc: DocModel, profile):
    for seq in scopes(doc):
        yield from check_sequence(seq)
    yield from _subitems(doc)


@rule("G-26", ERROR, "text", "Не более четырёх уровней нумерации (ГОСТ Р 7.0.97, п. 5.18)")
def numbering_depth(doc: DocModel, profile):
    for seq in scopes(doc):
        for para, num, _ in seq:
            if len(num) > profile.max_levels:
                yield issue(
                    para,
                    f"пункт {_fmt(num)} — уровень {len(num)}, допускается не более "
                    f"{profile.max_levels}",
                    "перестроить текст: подпункты «1)», «а)»",
                )
