"""The new document's body made into a redline of the old one, container by container.

A container (the body, a table cell) is a sequence of paragraphs and tables. Its items are
aligned with the old document's (:func:`docgen.redline.diff.align`); then

* an equal item stays as it is;
* a changed paragraph gets its runs rebuilt from the word diff: equal and inserted text
  keep the new runs' formatting, deleted text the old runs';
* an inserted paragraph has its runs and its mark marked inserted;
* a deleted paragraph is copied in from the old document, its runs and mark deleted;
* tables pair with tables: rows are aligned like paragraphs, cells of paired rows are
  containers again; rows and tables on one side only are marked inserted or deleted whole.

Only text is compared, so formatting that differs is never shown as a change: the new
document's formatting stands. Every comparison is also kept as a :class:`Row` of the
side-by-side view. The tree is read through :mod:`docgen.ooxml.storytext` and marked
through :mod:`docgen.ooxml.revisions`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..ooxml import storytext as story
from ..ooxml.revisions import DELETED, INSERTED, Revisions, keep_last_mark, neutralise, set_runs
from ..ooxml.storytext import Segment
from .diff import DELETE, EQUAL, INSERT, Piece, align, word_diff

#: Spans of an old paragraph's text to replace before comparing: (start, end, text).
Substitute = Callable[[str], list[tuple[int, int, str]]]
#: An element of the document tree (opaque here: only the layer looks inside).
Element = Any


@dataclass(frozen=True)
class Row:
    """One paragraph of the side-by-side view: `op` «equal», «change», «insert», «delete».

    `old` and `new` are the texts (empty on the side a paragraph is missing from);
    `pieces` the word diff of a changed paragraph.
    """

    op: str
    old: str
    new: str
    pieces: tuple[Piece, ...] = ()


class Tracker:
    """Makes the new body a redline of the old one; `rows` collects the comparisons."""

    def __init__(self, revisions: Revisions, styles: set[str], substitute: Substitute) -> None:
        self.revisions = revisions
        self.styles = styles
        self.substitute = substitute
        self.rows: list[Row] = []

    # -- containers ------------------------------------------------------------------------

    def container(self, old: Element, new: Element) -> None:
        """Make container `new` (body or cell) a redline of container `old`."""
        old_items = story.items(old)
        new_items = story.items(new)
        pairs = align(
            [self._old_text(x) for x in old_items],
            [story.text(x) for x in new_items],
            [story.kind(x) for x in old_items],
            [story.kind(x) for x in new_items],
        )
        # -- (paragraph, mark) in document order; marks are applied at the end --
        ordered: list[tuple[Element, str | None]] = []
        pending: list[Element] = []
        for i, j in pairs:
            if j is None:
                copied = self._deleted(old_items[i])
                pending.append(copied)
                if story.kind(copied) == "p":
                    ordered.append((copied, DELETED))
                continue
            element = new_items[j]
            for copied in pending:
                story.put_before(element, copied)
            pending = []
            if i is None:
                self._inserted(element)
                if story.kind(element) == "p":
                    ordered.append((element, INSERTED))
            elif story.kind(element) == "p":
                ordered += self._paragraph(old_items[i], element)
            else:
                self._table(old_items[i], element)
        self._place_tail(new, new_items, pending)
        marks = keep_last_mark([mark for _, mark in ordered])
        for (p, _), mark in zip(ordered, marks, strict=True):
            if mark is not None:
                self.revisions.mark_paragraph(p, mark)

    def _place_tail(self, new: Element, new_items: list, pending: list) -> None:
        """Put the deleted items (or rows) that follow every new one at the end of `new`."""
        if new_items:
            anchor = new_items[-1]
            for copied in pending:
                story.put_after(anchor, copied)
                anchor = copied
            return
        for copied in pending:
            story.append_item(new, copied)

    # -- paragraphs ------------------------------------------------------------------------

    def _old_segments(self, p: Element) -> list[Segment]:
        segs = story.segments(p)
        if segs is None:
            segs = [Segment(story.paragraph_text(p), None)]
        for start, end, text in reversed(self.substitute("".join(s.text for s in segs))):
            segs = story.replace_text(segs, start, end, text)
        return segs

    def _old_text(self, element: Element) -> str:
        if story.kind(element) == "p":
            return "".join(s.text for s in self._old_segments(element))
        return story.text(element, self._old_text)

    def _paragraph(self, old: Element, new: Element) -> list[tuple[Element, str | None]]:
        """Return the ordered (paragraph, mark) entries for the pair `old` → `new`."""
        old_segs = self._old_segments(old)
        old_text = "".join(s.text for s in old_segs)
        new_text = story.paragraph_text(new)
        if old_text == new_text:
            self.rows.append(Row(EQUAL, old_text, new_text))
            return [(new, None)]
        new_segs = story.segments(new)
        if new_segs is None:
            # -- a field or a drawing cannot be rebuilt: the old paragraph goes, the new comes --
            copied = self._deleted(old)
            story.put_before(new, copied)
            self._inserted(new)
            return [(copied, DELETED), (new, INSERTED)]
        pieces = word_diff(old_text, new_text)
        runs = []
        for piece in pieces:
            end = piece.start + len(piece.text)
            if piece.op == DELETE:
                runs += self.revisions.runs(
                    story.slice_segments(old_segs, piece.start, end), DELETED
                )
            else:
                change = INSERTED if piece.op == INSERT else None
                runs += self.revisions.runs(
                    story.slice_segments(new_segs, piece.start, end), change
                )
        set_runs(new, runs)
        self.rows.append(Row("change", old_text, new_text, tuple(pieces)))
        return [(new, None)]

    def _inserted(self, element: Element) -> None:
        """Mark the runs (and the rows of a table) of new `element` inserted."""
        for p in story.paragraphs(element):
            self.rows.append(Row(INSERT, "", story.paragraph_text(p)))
        if story.kind(element) == "tbl":
            for tr in story.table_rows(element):
                self.revisions.mark_row(tr, INSERTED)
        self.revisions.wrap_runs(element, INSERTED)

    def _deleted(self, old: Element) -> Element:
        """Return a copy of old `old` (paragraph, row or table) with its text deleted."""
        copied = story.clone(old)
        for target, source in zip(story.paragraphs(copied), story.paragraphs(old), strict=True):
            segs = self._old_segments(source)
            self.rows.append(Row(DELETE, "".join(s.text for s in segs), ""))
            set_runs(target, self.revisions.runs(segs, DELETED))
        neutralise(copied, self.styles)
        for tr in story.table_rows(copied) if story.kind(copied) != "p" else []:
            self.revisions.mark_row(tr, DELETED)
        return copied

    # -- tables ----------------------------------------------------------------------------

    def _table(self, old: Element, new: Element) -> None:
        """Make table `new` a redline of table `old`, row by row."""
        old_rows, new_rows = story.rows(old), story.rows(new)
        pairs = align(
            [story.text(r, self._old_text) for r in old_rows], [story.text(r) for r in new_rows]
        )
        pending: list[Element] = []
        for i, j in pairs:
            if j is None:
                pending.append(self._deleted(old_rows[i]))
                continue
            row = new_rows[j]
            for copied in pending:
                story.put_before(row, copied)
            pending = []
            if i is None:
                self._inserted_row(row)
                continue
            old_cells, new_cells = story.cells(old_rows[i]), story.cells(row)
            if len(old_cells) != len(new_cells):
                story.put_before(row, self._deleted(old_rows[i]))
                self._inserted_row(row)
                continue
            for old_cell, new_cell in zip(old_cells, new_cells, strict=True):
                self.container(old_cell, new_cell)
        self._place_tail(new, new_rows, pending)

    def _inserted_row(self, row: Element) -> None:
        for p in story.paragraphs(row):
            self.rows.append(Row(INSERT, "", story.paragraph_text(p)))
        self.revisions.mark_row(row, INSERTED)
        self.revisions.wrap_runs(row, INSERTED)


def placeholder_spans(pattern: re.Pattern, blank: str) -> Substitute:
    """Return a substitute that replaces every match of `pattern` with `blank`."""

    def spans(text: str) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), blank) for m in pattern.finditer(text)]

    return spans
