"""A paragraph as Word shows it: its text, page breaks, and effective formatting of the
paragraph and of each run with text (:class:`~docgen.ooxml.stylesheet.StyleSheet` applied).

The shapes read::

    <w:p><w:pPr><w:pStyle w:val="a3"/><w:jc w:val="both"/>…</w:pPr>
      <w:r><w:rPr><w:rStyle w:val="…"/><w:b/></w:rPr><w:t>text</w:t><w:tab/>
        <w:br/><w:br w:type="page"/><w:noBreakHyphen/></w:r>
      <w:hyperlink …><w:r>…</w:r></w:hyperlink>                 (containers: read through)
      <w:fldSimple w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple>
      <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>
      <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r>
      <w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>

Word's defaults stand where nothing is set: left aligned, single spacing (``w:line``
240, rule «auto»), no indents or spacing, 10 pt (``w:sz`` 20 half-points), not bold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from .body import CONTAINERS, PARAGRAPH
from .properties import ALIGN, merge, ppr_props, rpr_props
from .stylesheet import StyleSheet
from .tree import W, attr

_PPR, _PSTYLE, _RPR, _RSTYLE = W + "pPr", W + "pStyle", W + "rPr", W + "rStyle"
_R, _SDT, _SDT_CONTENT, _SECT_PR = W + "r", W + "sdt", W + "sdtContent", W + "sectPr"
_T, _TAB, _BR, _CR, _NB_HYPHEN = W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen"
_FLD_SIMPLE, _FLD_CHAR, _INSTR = W + "fldSimple", W + "fldChar", W + "instrText"
_PAGE_FIELD_RE = re.compile(r"^\s*PAGE\b")
#: Half-points of a run no style sizes (10 pt).
DEFAULT_SIZE = 20
#: The paragraph properties :attr:`ParagraphFormat.direct` names, by property key.
_FIELDS = {
    "jc": "align",
    "first": "first_line",
    "left": "left",
    "right": "right",
    "line": "line",
    "lineRule": "line_rule",
    "before": "before",
    "after": "after",
    "tabs": "tabs",
    "numbered": "numbered",
    "pbb": "page_break_before",
}


# -- named tuples, not dataclasses: one of each per paragraph read, and tuples are the
# -- cheapest to make --


class RunFormat(NamedTuple):
    """A run with visible text: how many visible characters (not spaces, tabs, breaks),
    its font (theme resolved; None when unknown), size in pt, bold and capitals."""

    visible: int
    font: str | None
    size: float
    bold: bool
    caps: bool


class ParagraphFormat(NamedTuple):
    """Effective paragraph formatting: lengths in twips, `line` in 240ths of a line (rule
    «auto») or in twips («exact», «atLeast»), tab stops as (kind, position).

    `direct` names the fields set on the paragraph itself rather than by its styles.
    """

    align: str
    first_line: int
    left: int
    right: int
    line: int
    line_rule: str
    before: int
    after: int
    tabs: tuple[tuple[str, int], ...]
    numbered: bool
    page_break_before: bool
    direct: frozenset[str]


class ParagraphRead(NamedTuple):
    """A paragraph: its style id and display name, text (tabs and line breaks as ``\\t``
    and ``\\n``), formatting, runs with visible text, `page_break` (None, «before»: no text
    before the page break, «after») and whether it ends a section."""

    style_id: str | None
    style: str | None
    text: str
    format: ParagraphFormat
    runs: tuple[RunFormat, ...]
    page_break: str | None
    ends_section: bool


def read_paragraph(p, sheet: StyleSheet, table_style: str | None = None) -> ParagraphRead:
    """Return the paragraph element `p` as Word shows it, in a table of `table_style`."""
    ppr = p.find(_PPR)
    style_id = attr(ppr.find(_PSTYLE), "val") if ppr is not None else None
    base_p, base_r = sheet.base(style_id, table_style)
    direct = ppr_props(ppr)
    props = merge(base_p, direct) if direct else base_p
    text, runs, page_break = _runs(p, sheet, base_r)
    fmt = ParagraphFormat(
        ALIGN.get(props.get("jc", "left"), "left"),
        props.get("first", 0),
        props.get("left", 0),
        props.get("right", 0),
        props.get("line", 240),
        props.get("lineRule", "auto"),
        props.get("before", 0),
        props.get("after", 0),
        tuple(props.get("tabs", ())),
        bool(props.get("numbered")),
        bool(props.get("pbb")),
        frozenset(map(_FIELDS.__getitem__, direct)),
    )
    ends_section = ppr is not None and ppr.find(_SECT_PR) is not None
    return ParagraphRead(style_id, sheet.name(style_id), text, fmt, runs, page_break, ends_section)


def _iter_runs(container):
    for child in container:
        tag = child.tag
        if tag == _R:
            yield child
        elif tag in CONTAINERS:
            yield from _iter_runs(child)
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _iter_runs(content)


def _runs(p, sheet: StyleSheet, base_r: dict):
    """Return (text, runs with visible text, page break) of paragraph `p`."""
    parts: list[str] = []
    runs = []
    page_break = None
    for run in _iter_runs(p):
        rpr = run.find(_RPR)
        chunk = []
        for el in run:
            tag = el.tag
            if tag == _T:
                chunk.append(el.text or "")
            elif tag == _TAB:
                chunk.append("\t")
            elif tag == _BR or tag == _CR:
                if attr(el, "type") == "page":
                    page_break = "after" if "".join(parts + chunk).strip() else "before"
                else:
                    chunk.append("\n")
            elif tag == _NB_HYPHEN:
                chunk.append("\u2011")
        text = "".join(chunk)
        if not text:
            continue
        parts.append(text)
        visible = len(text) - text.count(" ") - text.count("\t") - text.count("\n")
        if visible:
            run_props = rpr_props(rpr)
            char_style = attr(rpr.find(_RSTYLE), "val") if rpr is not None else None
            props = (
                merge(base_r, sheet.char_chain(char_style), run_props)
                if (run_props or char_style)
                else base_r
            )
            runs.append(
                RunFormat(
                    visible,
                    sheet.font_name(props.get("font")),
                    props.get("sz", DEFAULT_SIZE) / 2,
                    bool(props.get("b")),
                    bool(props.get("caps")),
                )
            )
    return "".join(parts), tuple(runs), page_break


@dataclass(frozen=True)
class HeaderNumbering:
    """What a header part says about page numbers: whether it has a PAGE field, the
    alignment of the (last) paragraph holding one, and its literal text outside fields."""

    has_page: bool = False
    align: str | None = None
    literal: str = ""


def header_numbering(root, sheet: StyleSheet) -> HeaderNumbering:
    """Return the page numbering of the header part `root`."""
    has_page, align, literal = False, None, ""
    for p in root.iter(PARAGRAPH):
        ppr = p.find(_PPR)
        style_id = attr(ppr.find(_PSTYLE), "val") if ppr is not None else None
        texts = []
        state = "text"
        here = False
        for el in p.iter(_FLD_SIMPLE, _FLD_CHAR, _INSTR, _T):
            tag = el.tag
            if tag == _FLD_SIMPLE:
                here = here or bool(_PAGE_FIELD_RE.match(attr(el, "instr") or ""))
            elif tag == _FLD_CHAR:
                kind = attr(el, "fldCharType")
                state = {"begin": "instr", "separate": "result", "end": "text"}.get(kind, state)
            elif tag == _INSTR:
                here = here or bool(_PAGE_FIELD_RE.match(el.text or ""))
            elif state == "text" and not _in_field_simple(el):
                texts.append(el.text or "")
        if here:
            has_page = True
            props = merge(sheet.base(style_id)[0], ppr_props(ppr))
            align = ALIGN.get(props.get("jc", "left"), "left")
        literal = (literal + "".join(texts)).strip()
    return HeaderNumbering(has_page, align, literal)


def _in_field_simple(el) -> bool:
    parent = el.getparent()
    while parent is not None and parent.tag != PARAGRAPH:
        if parent.tag == _FLD_SIMPLE:
            return True
        parent = parent.getparent()
    return False
