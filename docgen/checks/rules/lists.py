"""Lists inside clauses (T-12): no «-» markers, «;» between items and «.» at the end,
no item ending in «:» without a nested list, no two items run together."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from ..memo import str_memo, text_memo
from ..model import DocModel, Para
from ..patterns import CLAUSE_RE, MARKER_RE, SUBITEM_RE
from ..predicates import clause_number
from ..registry import Issue, issue, rule
from ._common import ERROR, WARNING, next_body

_JOINERS = {"и", "или", "а", "также", "числе", "либо", "в", "на", "по", "с", "для"}


def _runs(doc: DocModel) -> Iterator[list[Para]]:
    """Yield runs of consecutive list items (empty paragraphs do not break a run)."""
    run: list[Para] = []
    for para in doc.paragraphs:
        if para.empty or para.in_table:
            continue
        if para.role == "item":
            run.append(para)
            continue
        if run:
            yield run
        run = []
    if run:
        yield run


@text_memo
def _marked(text: str) -> tuple[str, str] | None:
    """Return (marker, space after it) of a list item «- …», None for a clause or «1)»."""
    if CLAUSE_RE.match(text) or SUBITEM_RE.match(text):
        return None
    match = MARKER_RE.match(text)
    return (match.group("marker"), match.group("space")) if match else None


def _markers(run: list[Para]) -> Iterator[Issue]:
    marked = [p for p in run if _marked(p)]
    if not marked:
        return
    glued = [p for p in marked if not _marked(p)[1]]
    if glued:
        yield issue(
            glued[0],
            f"маркер списка без пробела после него (пунктов: {len(glued)})",
            "убрать маркеры: пункты перечня — абзацы без обозначений или «1)», «а)»",
            severity=ERROR,
        )
    if len(glued) < len(marked):
        first = next(p for p in marked if p not in glued)
        yield issue(
            first,
            f"перечень оформлен маркерами «{_marked(first)[0]}» "
            f"(пунктов: {len(marked) - len(glued)})",
            "в нормативном тексте пункты перечня — абзацы без маркеров или «1)», «а)»",
        )


def _items(run: list[Para]) -> list[tuple[Para, str]]:
    """Return (first paragraph, text) per item, joining lines broken mid-sentence."""
    items: list[tuple[Para, str]] = []
    for para in run:
        text = para.clean
        if (
            items
            and not items[-1][1].endswith((";", ".", ":", "!", "?"))
            and text[:1].islower()
            and not _marked(para)
        ):
            first, prev = items[-1]
            items[-1] = (first, prev + " " + text)
        else:
            items.append((para, text))
    return items


def _endings(items: list[tuple[Para, str]]) -> Iterator[Issue]:
    chunk: list[tuple[Para, str]] = []
    for item in items:
        if item[1].endswith(":"):
            yield from _chunk_endings(chunk)
            chunk = []
        else:
            chunk.append(item)
    yield from _chunk_endings(chunk)


def _chunk_endings(items: list[tuple[Para, str]]) -> Iterator[Issue]:
    ends = [text[-1:] for _, text in items]
    if len(items) < 3 or ";" not in ends:
        return
    for (para, _), end, (_, following) in zip(items[:-1], ends[:-1], items[1:], strict=False):
        if end == "." and (_continues(following) or ends.count(";") >= 2):
            yield issue(
                para,
                "пункт перечня кончается точкой, соседние — «;»",
                "«;» в конце пункта, «.» только после последнего",
                severity=WARNING,
            )


@str_memo
def _continues(text: str) -> bool:
    """Return True when the item `text` (its marker dropped) starts with a lower-case letter."""
    return MARKER_RE.sub("", text, count=1)[:1].islower()


def _dangling_colon(items: list[tuple[Para, str]]) -> Iterator[Issue]:
    for (para, text), (nxt, _) in pairwise(items):
        if (
            text.endswith(":")
            and _marked(para)
            and _marked(nxt)
            and _marked(para)[0] == _marked(nxt)[0]
        ):
            yield issue(
                para,
                "пункт перечня кончается двоеточием, а вложенного перечня нет",
                "«;» в конце или вложенный перечень «а)», «б)»",
                severity=ERROR,
            )


def _run_together(items: list[tuple[Para, str]]) -> Iterator[Issue]:
    if len(items) < 3:
        return
    for para, text in items:
        head = _repeated_head(text)
        if head is not None:
            yield issue(
                para,
                f"в пункте перечня второй раз «{head}» — возможно, два пункта слиты",
                "разделить пункты «;» и разрывом абзаца",
                severity=WARNING,
            )


@str_memo
def _repeated_head(text: str) -> str | None:
    """Return the first word of an item when it comes again after a content word, else None."""
    words = re.findall(r"[А-Яа-яЁё-]+|[,;:.()«»]", MARKER_RE.sub("", text, count=1))
    if len(words) < 4 or len(words[0]) < 6 or not words[0].islower():
        return None
    head = words[0]
    for i in range(2, len(words)):
        if (
            words[i] == head
            and words[i - 1].isalpha()
            and words[i - 1].islower()
            and words[i - 1] not in _JOINERS
        ):
            return head
    return None


@rule(
    "T-12",
    WARNING,
    "text",
    "Перечни: без маркеров «-», «;» между пунктами, без слитых пунктов",
    also=(ERROR,),
)
def lists(doc: DocModel, profile):
    for run in _runs(doc):
        yield from _markers(run)
        items = _items(run)
        yield from _endings(items)
        yield from _dangling_colon(items)
        yield from _run_together(items)
    yield from _clause_lists(doc)


def _clause_lists(doc: DocModel) -> Iterator[Issue]:
    """Numbered definitions (2.1.1 … 2.1.13 under «2.1. … понятия:») are a list too."""
    groups: dict[tuple, list[tuple[Para, str]]] = {}
    opened: set[tuple] = set()
    for part in doc.parts:
        for para in part.paras:
            if para.role != "clause":
                continue
            num = clause_number(para)[0]
            if para.clean.endswith(":"):
                opened.add((id(part),) + num)
            parent = (id(part),) + num[:-1]
            if parent in opened:
                text = para.clean
                nxt = next_body(doc, para)
                if not text.endswith((";", ".", ":")) and nxt is not None and nxt.role == "text":
                    text = nxt.clean
                groups.setdefault(parent, []).append((para, text))
    for items in groups.values():
        yield from _endings(items)
