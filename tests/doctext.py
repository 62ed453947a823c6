"""Helpers the tests share: texts of a .docx, normalised words, clause numbers, what renders."""

from __future__ import annotations

import io
import re

import docx
from docx.table import Table, _Cell

CLAUSE_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.(?=[\s\u00a0])")


def text_of(data: bytes) -> list[str]:
    """Return the texts of the body paragraphs of .docx `data`."""
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def texts_with_cells(data: bytes) -> list[str]:
    """Return python-docx's texts of the body's paragraphs of .docx `data` in reading order,
    table cells included — each cell once, as it stands in its row (``row.cells`` repeats a
    merged cell per grid column and row)."""
    out: list[str] = []

    def walk(container) -> None:
        for item in container.iter_inner_content():
            if isinstance(item, Table):
                for row in item.rows:
                    for tc in row._tr.tc_lst:
                        walk(_Cell(tc, item))
            else:
                out.append(item.text)

    walk(docx.Document(io.BytesIO(data)))
    return out


def words(text: str) -> list[str]:
    """Return the normalised words of `text`: lower case, ё→е, NBSP→space, no bare punctuation."""
    text = text.replace("\u00a0", " ").replace("ё", "е").lower()
    return [w for w in re.findall(r"[\w«»\-–.№]+", text) if re.search(r"\w", w)]


def numbers(paragraphs: list[str]) -> list[tuple[int, ...]]:
    """Return the clause numbers opening `paragraphs` («2.1.13.» → (2, 1, 13))."""
    found = [CLAUSE_RE.match(p) for p in paragraphs]
    return [tuple(int(n) for n in m.group(1).split(".")) for m in found if m]


def assert_sequential(nums: list[tuple[int, ...]]) -> None:
    """Fail unless `nums` have no duplicates, gaps, restarts or level jumps (gost.md T-08)."""
    prev: tuple[int, ...] = ()
    for n in nums:
        ok = (len(n) == len(prev) + 1 and n[:-1] == prev and n[-1] == 1) or (
            1 <= len(n) <= len(prev)
            and n[:-1] == prev[: len(n) - 1]
            and n[-1] == prev[len(n) - 1] + 1
        )
        assert ok, f"{n} после {prev}"
        prev = n
