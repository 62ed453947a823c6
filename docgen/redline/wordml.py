"""WordprocessingML of tracked changes: the one module of the redline that knows the XML.

(To move into the shared OOXML layer, ``docgen/ooxml/``, when it exists.) The shapes
written here, all in the ``w`` namespace, with ``w:author`` «docgen» and ``w:date`` the
generation time in UTC (``2024-05-01T12:00:00Z``); ``w:id`` is unique in the document::

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
inserted one) merges the two paragraphs. ``w:ins``/``w:del`` come first in a paragraph
mark's ``w:rPr`` (CT_ParaRPr) and last in ``w:trPr`` (before ``w:trPrChange``); ``w:rPr``
comes before ``w:sectPr`` in ``w:pPr``.

Text is read as python-docx reads it: ``w:t`` its text, ``w:tab``/``w:ptab`` «\\t»,
``w:br`` (line break) and ``w:cr`` «\\n», ``w:noBreakHyphen`` «-».
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def q(tag: str) -> str:
    """Return the Clark name of ``w:tag``."""
    return f"{{{W}}}{tag}"


P, R, T, TBL, TR, TC = q("p"), q("r"), q("t"), q("tbl"), q("tr"), q("tc")
PPR, RPR, TRPR, TCPR, SECTPR = q("pPr"), q("rPr"), q("trPr"), q("tcPr"), q("sectPr")
INS, DEL, DELTEXT = q("ins"), q("del"), q("delText")
#: Run children that carry no text and may be dropped when a run is rebuilt.
_IGNORABLE_IN_RUN = {q("lastRenderedPageBreak"), q("softHyphen"), RPR}
#: Paragraph children that may be dropped when a paragraph's runs are rebuilt.
_IGNORABLE_IN_P = {q("proofErr"), q("bookmarkStart"), q("bookmarkEnd"), PPR}


@dataclass(frozen=True)
class Segment:
    """Text of one run (`rpr` is its ``w:rPr``, None for none)."""

    text: str
    rpr: etree._Element | None


def run_text(run: etree._Element, *, deleted: bool = False) -> str:
    """Return the text of ``w:r`` `run` (``w:delText`` instead of ``w:t`` when `deleted`)."""
    out = []
    text_tag = DELTEXT if deleted else T
    for child in run:
        tag = child.tag
        if tag == text_tag:
            out.append(child.text or "")
        elif tag in (q("tab"), q("ptab")):
            out.append("\t")
        elif tag == q("br") and child.get(q("type")) in (None, "textWrapping"):
            out.append("\n")
        elif tag == q("cr"):
            out.append("\n")
        elif tag == q("noBreakHyphen"):
            out.append("-")
    return "".join(out)


def paragraph_runs(p: etree._Element) -> list[etree._Element]:
    """Return the runs of paragraph `p` a reader sees: its own, in hyperlinks, inserted."""
    runs = []
    for child in p:
        if child.tag == R:
            runs.append(child)
        elif child.tag in (q("hyperlink"), INS, q("smartTag"), q("fldSimple")):
            runs += [r for r in child.iter(R)]
    return runs


def paragraph_text(p: etree._Element) -> str:
    """Return the text of paragraph `p` as python-docx gives it (deleted text left out)."""
    return "".join(run_text(r) for r in paragraph_runs(p))


def segments(p: etree._Element) -> list[Segment] | None:
    """Return the runs of `p` as segments, or None when `p` holds more than plain text runs.

    Plain means: runs of text, tabs and line breaks (with bookmarks and proofing marks
    around them). A field, a drawing or a hyperlink makes the paragraph one that the
    redline replaces whole instead of rebuilding its runs.
    """
    out = []
    for child in p:
        if child.tag in _IGNORABLE_IN_P:
            continue
        if child.tag != R:
            return None
        for part in child:
            if part.tag in _IGNORABLE_IN_RUN:
                continue
            if part.tag not in (T, q("tab"), q("br"), q("cr"), q("noBreakHyphen"), q("ptab")):
                return None
            if part.tag == q("br") and part.get(q("type")) not in (None, "textWrapping"):
                return None
        out.append(Segment(run_text(child), child.find(RPR)))
    return out


def slice_segments(segs: list[Segment], start: int, end: int) -> list[Segment]:
    """Return the parts of `segs` covering characters `start`…`end` of their joined text."""
    out, at = [], 0
    for seg in segs:
        lo, hi = at, at + len(seg.text)
        at = hi
        if hi <= start or lo >= end or not seg.text:
            continue
        out.append(Segment(seg.text[max(start, lo) - lo : min(end, hi) - lo], seg.rpr))
    return out


def replace_text(segs: list[Segment], start: int, end: int, text: str) -> list[Segment]:
    """Return `segs` with characters `start`…`end` replaced by `text` (formatting of `start`)."""
    head = slice_segments(segs, 0, start)
    middle = slice_segments(segs, start, end)
    total = sum(len(s.text) for s in segs)
    tail = slice_segments(segs, end, total)
    rpr = middle[0].rpr if middle else (head[-1].rpr if head else None)
    return [*head, Segment(text, rpr), *tail]


class Revisions:
    """Writes revision marks of one author at one time, numbering them from `first_id`."""

    def __init__(self, author: str, when: dt.datetime, first_id: int) -> None:
        self.author = author
        self.date = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.next_id = first_id

    def mark(self, tag: str) -> etree._Element:
        """Return an empty ``w:ins`` or ``w:del`` (`tag`) with id, author and date."""
        element = etree.Element(tag)
        element.set(q("id"), str(self.next_id))
        element.set(q("author"), self.author)
        element.set(q("date"), self.date)
        self.next_id += 1
        return element

    def runs(self, segs: list[Segment], tag: str | None) -> list[etree._Element]:
        """Return runs for `segs`: plain (`tag` None), or wrapped in one ``w:ins``/``w:del``."""
        runs = [_run(s, deleted=tag == DEL) for s in segs if s.text]
        if tag is None or not runs:
            return runs
        wrapper = self.mark(tag)
        wrapper.extend(runs)
        return [wrapper]

    def mark_paragraph(self, p: etree._Element, tag: str) -> None:
        """Mark the paragraph mark of `p` inserted or deleted (`tag`)."""
        ppr = p.find(PPR)
        if ppr is None:
            ppr = etree.Element(PPR)
            p.insert(0, ppr)
        rpr = ppr.find(RPR)
        if rpr is None:
            rpr = etree.Element(RPR)
            after = [c for c in ppr if c.tag in (SECTPR, q("pPrChange"))]
            if after:
                after[0].addprevious(rpr)
            else:
                ppr.append(rpr)
        rpr.insert(0, self.mark(tag))

    def mark_row(self, tr: etree._Element, tag: str) -> None:
        """Mark table row `tr` inserted or deleted (`tag`)."""
        trpr = tr.find(TRPR)
        if trpr is None:
            trpr = etree.Element(TRPR)
            after = [c for c in tr if c.tag != q("tblPrEx")]
            if after:
                after[0].addprevious(trpr)
            else:
                tr.append(trpr)
        change = trpr.find(q("trPrChange"))
        if change is not None:
            change.addprevious(self.mark(tag))
        else:
            trpr.append(self.mark(tag))

    def wrap_runs(self, element: etree._Element, tag: str) -> None:
        """Wrap every run inside `element` in ``w:ins``/``w:del`` (`tag`); deleted text
        becomes ``w:delText``."""
        for run in list(element.iter(R)):
            parent = run.getparent()
            if parent.tag in (INS, DEL):
                continue
            if tag == DEL:
                for t in run.findall(T):
                    t.tag = DELTEXT
                for instr in run.findall(q("instrText")):
                    instr.tag = q("delInstrText")
            wrapper = self.mark(tag)
            run.addprevious(wrapper)
            wrapper.append(run)


def _run(seg: Segment, *, deleted: bool) -> etree._Element:
    """Return a ``w:r`` holding `seg` (tabs and line breaks as their elements)."""
    run = etree.Element(R)
    if seg.rpr is not None:
        run.append(copy.deepcopy(seg.rpr))
    text_tag = DELTEXT if deleted else T
    buffer = ""

    def flush() -> None:
        nonlocal buffer
        if buffer:
            t = etree.SubElement(run, text_tag)
            t.text = buffer
            t.set(XML_SPACE, "preserve")
            buffer = ""

    for char in seg.text:
        if char == "\t":
            flush()
            etree.SubElement(run, q("tab"))
        elif char == "\n":
            flush()
            etree.SubElement(run, q("br"))
        else:
            buffer += char
    flush()
    return run


def set_runs(p: etree._Element, runs: list[etree._Element]) -> None:
    """Replace the content of paragraph `p` (all but its ``w:pPr``) with `runs`."""
    for child in list(p):
        if child.tag != PPR:
            p.remove(child)
    p.extend(runs)


def max_id(root: etree._Element) -> int:
    """Return the largest numeric ``w:id`` in `root` (0 when there is none)."""
    ids = [int(v) for v in root.xpath("//@w:id", namespaces={"w": W}) if v.lstrip("-").isdigit()]
    return max(ids, default=0)


def neutralise(element: etree._Element, styles: set[str]) -> None:
    """Make a copy from another document safe here: no section break, no unknown styles."""
    for ppr in element.iter(PPR):
        for sect in ppr.findall(SECTPR):
            ppr.remove(sect)
    for tag in ("pStyle", "rStyle", "tblStyle"):
        for ref in list(element.iter(q(tag))):
            if ref.get(q("val")) not in styles:
                ref.getparent().remove(ref)
    for ref in list(element.iter(q("numPr"))):
        ref.getparent().remove(ref)


def style_ids(styles_xml: bytes | None) -> set[str]:
    """Return the style ids defined in ``word/styles.xml`` (`styles_xml`)."""
    if not styles_xml:
        return set()
    root = etree.fromstring(styles_xml)
    return {s.get(q("styleId")) for s in root.iter(q("style")) if s.get(q("styleId"))}
