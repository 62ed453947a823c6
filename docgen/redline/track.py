"""The new document's body made into a redline of the old one, container by container.

A container (the body, a table cell) is a sequence of paragraphs and tables. Its items are
aligned with the old document's (:func:`docgen.redline.diff.align`); then

* an equal item stays as it is;
* a changed paragraph gets its runs rebuilt from the word diff: equal and inserted text
  keep the new runs' formatting, deleted text the old runs' (:mod:`.wordml`);
* an inserted paragraph has its runs and its mark marked inserted;
* a deleted paragraph is copied in from the old document, its runs and mark deleted;
* tables pair with tables: rows are aligned like paragraphs, cells of paired rows are
  containers again; rows and tables on one side only are marked inserted or deleted whole.

Only text is compared, so formatting that differs is never shown as a change: the new
document's formatting stands. Every comparison is also kept as a :class:`Row` of the
side-by-side view.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from . import wordml
from .diff import DELETE, EQUAL, INSERT, Piece, align, word_diff
from .wordml import DEL, INS, SECTPR, TBL, TC, TR, P, Revisions, Segment

#: Spans of an old paragraph's text to replace before comparing: (start, end, text).
Substitute = Callable[[str], list[tuple[int, int, str]]]


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

    def container(self, old: etree._Element, new: etree._Element) -> None:
        """Make container `new` (body or cell) a redline of container `old`."""
        old_items = _items(old)
        new_items = _items(new)
        pairs = align(
            [self._old_text(x) for x in old_items],
            [_text(x) for x in new_items],
            [_kind(x) for x in old_items],
            [_kind(x) for x in new_items],
        )
        # -- (element, kind, mark) in document order; marks are applied at the end --
        ordered: list[list] = []
        pending: list[etree._Element] = []
        for i, j in pairs:
            if j is None:
                copied = self._deleted(old_items[i])
                pending.append(copied)
                ordered.append([copied, _kind(copied), DEL if copied.tag == P else None])
                continue
            element = new_items[j]
            for copied in pending:
                element.addprevious(copied)
            pending = []
            if i is None:
                self._inserted(element)
                ordered.append([element, _kind(element), INS if element.tag == P else None])
            elif element.tag == P:
                ordered += self._paragraph(old_items[i], element)
            else:
                self._table(old_items[i], element)
                ordered.append([element, "tbl", None])
        self._place_tail(new, new_items, pending)
        _rotate_tail(ordered)
        for element, kind, mark in ordered:
            if kind == "p" and mark is not None:
                self.revisions.mark_paragraph(element, mark)

    def _place_tail(self, new, new_items, pending) -> None:
        """Put the deleted items that follow every new item at the end of `new`."""
        if not pending:
            return
        if new_items:
            anchor = new_items[-1]
            for copied in pending:
                anchor.addnext(copied)
                anchor = copied
            return
        sect = new.find(SECTPR)
        for copied in pending:
            if sect is not None:
                sect.addprevious(copied)
            else:
                new.append(copied)

    # -- paragraphs ------------------------------------------------------------------------

    def _old_segments(self, p: etree._Element) -> list[Segment]:
        segs = wordml.segments(p)
        if segs is None:
            segs = [Segment(wordml.paragraph_text(p), None)]
        for start, end, text in reversed(self.substitute("".join(s.text for s in segs))):
            segs = wordml.replace_text(segs, start, end, text)
        return segs

    def _old_text(self, element: etree._Element) -> str:
        if element.tag == P:
            return "".join(s.text for s in self._old_segments(element))
        return _text(element, self._old_text)

    def _paragraph(self, old: etree._Element, new: etree._Element) -> list[list]:
        """Return the ordered entries for the pair of paragraphs `old` → `new`."""
        old_segs = self._old_segments(old)
        old_text = "".join(s.text for s in old_segs)
        new_text = wordml.paragraph_text(new)
        if old_text == new_text:
            self.rows.append(Row(EQUAL, old_text, new_text))
            return [[new, "p", None]]
        new_segs = wordml.segments(new)
        if new_segs is None:
            # -- a field or a drawing cannot be rebuilt: the old paragraph goes, the new comes --
            copied = self._deleted(old)
            new.addprevious(copied)
            self._inserted(new)
            return [[copied, "p", DEL], [new, "p", INS]]
        pieces = word_diff(old_text, new_text)
        runs = []
        for piece in pieces:
            end = piece.start + len(piece.text)
            if piece.op == DELETE:
                runs += self.revisions.runs(wordml.slice_segments(old_segs, piece.start, end), DEL)
            else:
                tag = INS if piece.op == INSERT else None
                runs += self.revisions.runs(wordml.slice_segments(new_segs, piece.start, end), tag)
        wordml.set_runs(new, runs)
        self.rows.append(Row("change", old_text, new_text, tuple(pieces)))
        return [[new, "p", None]]

    def _inserted(self, element: etree._Element) -> None:
        """Mark the runs (and the rows of a table) of new `element` inserted."""
        for p in [element] if element.tag == P else element.iter(P):
            self.rows.append(Row(INSERT, "", wordml.paragraph_text(p)))
        if element.tag == TBL:
            for tr in element.iter(TR):
                self.revisions.mark_row(tr, INS)
        self.revisions.wrap_runs(element, INS)

    def _deleted(self, old: etree._Element) -> etree._Element:
        """Return a copy of old `old` (paragraph, row or table) with its text deleted."""
        copied = copy.deepcopy(old)
        pairs = (
            [(copied, old)]
            if old.tag == P
            else list(zip(list(copied.iter(P)), list(old.iter(P)), strict=True))
        )
        for target, source in pairs:
            segs = self._old_segments(source)
            self.rows.append(Row(DELETE, "".join(s.text for s in segs), ""))
            wordml.set_runs(target, self.revisions.runs(segs, DEL))
        wordml.neutralise(copied, self.styles)
        rows = [copied] if copied.tag == TR else copied.iter(TR)
        for tr in rows:
            self.revisions.mark_row(tr, DEL)
        return copied

    # -- tables ----------------------------------------------------------------------------

    def _table(self, old: etree._Element, new: etree._Element) -> None:
        """Make table `new` a redline of table `old`, row by row."""
        old_rows, new_rows = old.findall(TR), new.findall(TR)
        pairs = align([_text(r, self._old_text) for r in old_rows], [_text(r) for r in new_rows])
        pending: list[etree._Element] = []
        for i, j in pairs:
            if j is None:
                pending.append(self._deleted(old_rows[i]))
                continue
            row = new_rows[j]
            for copied in pending:
                row.addprevious(copied)
            pending = []
            if i is None:
                self._inserted_row(row)
                continue
            old_cells, new_cells = old_rows[i].findall(TC), row.findall(TC)
            if len(old_cells) != len(new_cells):
                row.addprevious(self._deleted(old_rows[i]))
                self._inserted_row(row)
                continue
            for old_cell, new_cell in zip(old_cells, new_cells, strict=True):
                self.container(old_cell, new_cell)
        anchor = new_rows[-1] if new_rows else None
        for copied in pending:
            if anchor is None:
                new.append(copied)
            else:
                anchor.addnext(copied)
            anchor = copied

    def _inserted_row(self, row: etree._Element) -> None:
        for p in row.iter(P):
            self.rows.append(Row(INSERT, "", wordml.paragraph_text(p)))
        self.revisions.mark_row(row, INS)
        self.revisions.wrap_runs(row, INS)


def _items(container: etree._Element) -> list[etree._Element]:
    return [c for c in container if c.tag in (P, TBL)]


def _kind(element: etree._Element) -> str:
    return "p" if element.tag == P else "tbl"


def _text(element: etree._Element, para: Callable[[etree._Element], str] | None = None) -> str:
    """Return the text of a paragraph, row or table (cells and paragraphs on own lines)."""
    para = para or wordml.paragraph_text
    if element.tag == P:
        return para(element)
    return "\n".join(para(p) for p in element.iter(P))


def _rotate_tail(ordered: list[list]) -> None:
    """Keep a container's last paragraph mark unchanged (Word cannot remove it).

    When the container ends with inserted or deleted paragraphs, every paragraph mark from
    the last unchanged one on moves one paragraph back: the texts seen on accepting and on
    rejecting stay the same, and the last mark is an ordinary one. Tables between them
    (inserted or deleted whole, row by row) do not take part.
    """
    paragraphs = [entry for entry in ordered if entry[1] == "p"]
    if not paragraphs or paragraphs[-1][2] is None:
        return
    k = len(paragraphs) - 1
    while k >= 0 and paragraphs[k][2] is not None:
        k -= 1
    if k < 0:
        return
    for n in range(k, len(paragraphs) - 1):
        paragraphs[n][2] = paragraphs[n + 1][2]
    paragraphs[-1][2] = None


def placeholder_spans(pattern: re.Pattern, blank: str) -> Substitute:
    """Return a substitute that replaces every match of `pattern` with `blank`."""

    def spans(text: str) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), blank) for m in pattern.finditer(text)]

    return spans
