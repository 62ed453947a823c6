"""Tracked changes written into a document tree (:mod:`.storytext`): ``w:ins`` and ``w:del``.

Every mark has ``w:author`` and ``w:date`` (the time in UTC, ``2024-05-01T12:00:00Z``);
``w:id`` is unique in the document. The shapes, all in the ``w`` namespace::

    inserted text       <w:ins w:id="7" w:author="docgen" w:date="…">
                          <w:r><w:rPr>…</w:rPr><w:t xml:space="preserve">текст</w:t></w:r>
                        </w:ins>
    deleted text        <w:del w:id="8" …><w:r><w:rPr>…</w:rPr>
                          <w:delText xml:space="preserve">текст</w:delText></w:r></w:del>
    inserted ¶ mark     <w:p><w:pPr>…<w:rPr><w:ins w:id="9" …/></w:rPr></w:pPr>…</w:p>
    deleted ¶ mark      <w:p><w:pPr>…<w:rPr><w:del w:id="10" …/></w:rPr></w:pPr>…</w:p>
    inserted table row  <w:tr><w:trPr><w:ins w:id="11" …/></w:trPr>…</w:tr>
    deleted table row   <w:tr><w:trPr><w:del w:id="12" …/></w:trPr>…</w:tr>

A paragraph's mark joins it to the next one: accepting a deleted mark (or rejecting an
inserted one) merges the two paragraphs; the last mark of a container cannot go
(:func:`keep_last_mark`). ``w:ins``/``w:del`` come first in a paragraph mark's ``w:rPr``
(CT_ParaRPr) and last in ``w:trPr`` (before ``w:trPrChange``); ``w:rPr`` comes before
``w:sectPr`` in ``w:pPr``.
"""

from __future__ import annotations

import copy
import datetime as dt

from lxml import etree

from .ns import NAMESPACES, XML_NS, qn
from .storytext import Element, Segment

#: The two kinds of change.
INSERTED, DELETED = "ins", "del"
_TAGS = {INSERTED: qn("w:ins"), DELETED: qn("w:del")}
_R, _T, _DELTEXT = qn("w:r"), qn("w:t"), qn("w:delText")
_PPR, _RPR, _TRPR, _SECTPR = qn("w:pPr"), qn("w:rPr"), qn("w:trPr"), qn("w:sectPr")
_PPRCHANGE, _TRPRCHANGE, _TBLPREX = qn("w:pPrChange"), qn("w:trPrChange"), qn("w:tblPrEx")
_ID, _AUTHOR, _DATE, _VAL = qn("w:id"), qn("w:author"), qn("w:date"), qn("w:val")
_XML_SPACE = f"{{{XML_NS}}}space"


class Revisions:
    """Writes the marks of one `author` at one time `when`, numbered from `first_id`."""

    def __init__(self, author: str, when: dt.datetime, first_id: int) -> None:
        self.author = author
        self.date = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.next_id = first_id

    def mark(self, change: str) -> Element:
        """Return an empty ``w:ins`` or ``w:del`` (`change`) with id, author and date."""
        element = etree.Element(_TAGS[change])
        element.set(_ID, str(self.next_id))
        element.set(_AUTHOR, self.author)
        element.set(_DATE, self.date)
        self.next_id += 1
        return element

    def runs(self, segs: list[Segment], change: str | None) -> list[Element]:
        """Return runs for `segs`: plain (`change` None), or in one ``w:ins``/``w:del``."""
        runs = [_run(s, deleted=change == DELETED) for s in segs if s.text]
        if change is None or not runs:
            return runs
        wrapper = self.mark(change)
        wrapper.extend(runs)
        return [wrapper]

    def mark_paragraph(self, p: Element, change: str) -> None:
        """Mark the paragraph mark of `p` inserted or deleted (`change`)."""
        ppr = p.find(_PPR)
        if ppr is None:
            ppr = etree.Element(_PPR)
            p.insert(0, ppr)
        rpr = ppr.find(_RPR)
        if rpr is None:
            rpr = etree.Element(_RPR)
            after = [c for c in ppr if c.tag in (_SECTPR, _PPRCHANGE)]
            if after:
                after[0].addprevious(rpr)
            else:
                ppr.append(rpr)
        rpr.insert(0, self.mark(change))

    def mark_row(self, tr: Element, change: str) -> None:
        """Mark table row `tr` inserted or deleted (`change`)."""
        trpr = tr.find(_TRPR)
        if trpr is None:
            trpr = etree.Element(_TRPR)
            after = [c for c in tr if c.tag != _TBLPREX]
            if after:
                after[0].addprevious(trpr)
            else:
                tr.append(trpr)
        pending = trpr.find(_TRPRCHANGE)
        if pending is not None:
            pending.addprevious(self.mark(change))
        else:
            trpr.append(self.mark(change))

    def wrap_runs(self, element: Element, change: str) -> None:
        """Put every run inside `element` in a ``w:ins``/``w:del`` (`change`); deleted text
        becomes ``w:delText`` (and field codes ``w:delInstrText``)."""
        for run in list(element.iter(_R)):
            if run.getparent().tag in _TAGS.values():
                continue
            if change == DELETED:
                for t in run.findall(_T):
                    t.tag = _DELTEXT
                for instr in run.findall(qn("w:instrText")):
                    instr.tag = qn("w:delInstrText")
            wrapper = self.mark(change)
            run.addprevious(wrapper)
            wrapper.append(run)


def _run(seg: Segment, *, deleted: bool) -> Element:
    """Return a ``w:r`` holding `seg` (tabs and line breaks as their elements)."""
    run = etree.Element(_R)
    if seg.rpr is not None:
        run.append(copy.deepcopy(seg.rpr))
    text_tag = _DELTEXT if deleted else _T
    buffer = ""

    def flush() -> None:
        nonlocal buffer
        if buffer:
            t = etree.SubElement(run, text_tag)
            t.text = buffer
            t.set(_XML_SPACE, "preserve")
            buffer = ""

    for char in seg.text:
        if char == "\t":
            flush()
            etree.SubElement(run, qn("w:tab"))
        elif char == "\n":
            flush()
            etree.SubElement(run, qn("w:br"))
        else:
            buffer += char
    flush()
    return run


def set_runs(p: Element, runs: list[Element]) -> None:
    """Replace the content of paragraph `p` (all but its ``w:pPr``) with `runs`."""
    for child in list(p):
        if child.tag != _PPR:
            p.remove(child)
    p.extend(runs)


def keep_last_mark(marks: list[str | None]) -> list[str | None]:
    """Return the marks of a container's paragraphs with its last paragraph mark ordinary.

    `marks` holds, in order, the change of each paragraph's mark (INSERTED, DELETED or
    None). Word cannot remove a container's last paragraph mark: when the container ends
    with inserted or deleted paragraphs, every mark from the last unchanged one on moves
    one paragraph back, so the texts seen on accepting and on rejecting stay the same.
    """
    out = list(marks)
    if not out or out[-1] is None:
        return out
    k = len(out) - 1
    while k >= 0 and out[k] is not None:
        k -= 1
    if k < 0:
        return out
    out[k:-1] = out[k + 1 :]
    out[-1] = None
    return out


def max_id(root: Element) -> int:
    """Return the largest numeric ``w:id`` in `root` (0 when there is none)."""
    ids = [int(v) for v in root.xpath("//@w:id", namespaces=NAMESPACES) if v.lstrip("-").isdigit()]
    return max(ids, default=0)


def neutralise(element: Element, styles: set[str]) -> None:
    """Make a copy from another document safe here: no section break, no numbering, no
    style that `styles` (the ids this document defines) lacks."""
    for ppr in element.iter(_PPR):
        for sect in ppr.findall(_SECTPR):
            ppr.remove(sect)
    for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
        for ref in list(element.iter(qn(tag))):
            if ref.get(_VAL) not in styles:
                ref.getparent().remove(ref)
    for ref in list(element.iter(qn("w:numPr"))):
        ref.getparent().remove(ref)
