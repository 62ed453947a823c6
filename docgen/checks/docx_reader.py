""".docx bytes → :class:`DocModel`, in one pass over the XML (zipfile + lxml).

The only module of the checker that reads WordprocessingML. It walks ``w:body`` in
order (paragraphs, tables, content controls), resolves each paragraph's effective
formatting with :class:`~docgen.checks.styles.StyleSheet`, reads every ``w:sectPr``
(page size, margins, ``w:titlePg``, ``w:pgNumType``, headers with inheritance from the
previous section) and the document settings G-16/G-17 need.

The package comes from .docx bytes (:func:`read_docx`) or, to skip the ZIP, from its parts
as a mapping of part name to XML (:func:`read_parts`). What depends only on a part's bytes
is memoised across documents in bounded LRU tables: the style sheet (per styles + theme),
headers, settings, relationships, and each paragraph's text and effective formatting (per
style sheet, table style and the paragraph's XML). Generated packages repeat most
paragraphs, so most of a document is read from those tables; the result is the same model.
"""

from __future__ import annotations

import io
import itertools
import math
import posixpath
import re
import zipfile
from collections.abc import Mapping

from lxml import etree

from .memo import LRU
from .model import DocModel, Format, HeaderInfo, Para, Section, Table
from .patterns import strip_marks
from .styles import W_NS, StyleSheet, W, attr, is_on, merge, ppr_props, rpr_props

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TWIP_MM = 25.4 / 1440
TWIP_CM = 2.54 / 1440
_P, _R, _TBL, _SDT = W + "p", W + "r", W + "tbl", W + "sdt"
_CONTAINERS = {
    W + "hyperlink",
    W + "ins",
    W + "smartTag",
    W + "fldSimple",
    W + "customXml",
    W + "moveTo",
    W + "sdtContent",
    W + "dir",
    W + "bdo",
}
_JC = {
    "both": "justify",
    "distribute": "justify",
    "justify": "justify",
    "center": "center",
    "right": "right",
    "end": "right",
    "left": "left",
    "start": "left",
}
_PAGE_RE = re.compile(r"^\s*PAGE\b")

#: Sizes of the memo tables (entries): style sheets, paragraphs, headers, small parts.
SHEET_CACHE_SIZE = 16
PARA_CACHE_SIZE = 4096
PART_CACHE_SIZE = 64
_SHEETS = LRU(SHEET_CACHE_SIZE)
_PARAS = LRU(PARA_CACHE_SIZE)
_HEADERS = LRU(PART_CACHE_SIZE)
_SMALL = LRU(PART_CACHE_SIZE)
_SERIAL = itertools.count(1)


class DocxFormatError(ValueError):
    """The bytes are not a WordprocessingML package this reader understands."""


def read_docx(data: bytes) -> DocModel:
    """Return the model of the .docx `data`; raise DocxFormatError when it is not one."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise DocxFormatError("это не ZIP-архив .docx") from exc
    with zf:
        try:
            return _Reader(_ZipParts(zf)).read()
        except etree.XMLSyntaxError as exc:
            raise DocxFormatError(f"повреждён XML: {exc}") from exc
        except (KeyError, zipfile.BadZipFile) as exc:
            raise DocxFormatError(f"повреждён архив: {exc}") from exc


def read_parts(parts: Mapping[str, bytes | str]) -> DocModel:
    """Return the model of a package given as its parts: part name → XML (bytes or str).

    The same model :func:`read_docx` makes of the .docx holding these parts, without the
    ZIP: ``{"_rels/.rels": …, "word/document.xml": …, "word/_rels/document.xml.rels": …,
    "word/styles.xml": …, "word/header1.xml": …, …}`` (parts a .docx does not need for
    checking, such as images, may be left out). Raises DocxFormatError like read_docx.
    """
    try:
        return _Reader(_MappingParts(parts)).read()
    except etree.XMLSyntaxError as exc:
        raise DocxFormatError(f"повреждён XML: {exc}") from exc
    except KeyError as exc:
        raise DocxFormatError(f"повреждён архив: {exc}") from exc


class _ZipParts:
    """The parts of a .docx ZIP archive."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self.names = set(zf.namelist())

    def read(self, name: str) -> bytes:
        return self.zf.read(name)


class _MappingParts:
    """The parts of a package held in a mapping (str parts are UTF-8 encoded)."""

    def __init__(self, parts: Mapping[str, bytes | str]) -> None:
        self.parts = parts
        self.names = set(parts)

    def read(self, name: str) -> bytes:
        data = self.parts[name]
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)


def _style_sheet(styles: bytes | None, theme: bytes | None) -> StyleSheet:
    """Return the (memoised) style sheet of `styles` and `theme`, with a unique `serial`."""
    key = (styles, theme)
    sheet = _SHEETS.get(key)
    if sheet is None:
        sheet = StyleSheet(styles, theme)
        sheet.serial = next(_SERIAL)
        _SHEETS.put(key, sheet)
    return sheet


class _Reader:
    def __init__(self, source) -> None:
        self.source = source
        self.names = source.names
        self.main = self._main_part()
        self.rels = self._rels(self.main)
        self.sheet = _style_sheet(self._part_of_type("styles"), self._part_of_type("theme"))
        self.model = DocModel(source="docx")
        self.body_number = 0
        self.break_next = False
        self.section_first = 0
        self.section_types: list[str] = []
        self._headers: dict[str, HeaderInfo] = {}
        self._keys: dict | None = None
        self._root_tag = b""

    # -- package --
    def _read(self, name: str) -> bytes:
        try:
            return self.source.read(name)
        except KeyError as exc:
            raise DocxFormatError(f"повреждена часть {name}") from exc

    def _xml(self, name: str, data: bytes | None = None):
        try:
            return etree.fromstring(self._read(name) if data is None else data)
        except etree.XMLSyntaxError as exc:
            raise DocxFormatError(f"повреждена часть {name}") from exc

    def _main_part(self) -> str:
        if "_rels/.rels" in self.names:
            data = self._read("_rels/.rels")
            key = ("main", data)
            found = _SMALL.get(key)
            if found is None:
                found = (None,)
                for rel in self._xml("_rels/.rels", data):
                    if rel.get("Type", "").endswith("/officeDocument"):
                        found = (rel.get("Target", "").lstrip("/"),)
                        break
                _SMALL.put(key, found)
            if found[0] is not None:
                return found[0]
        if "word/document.xml" in self.names:
            return "word/document.xml"
        raise DocxFormatError("в архиве нет word/document.xml")

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        folder, name = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", name + ".rels")
        if rels_name not in self.names:
            return {}
        data = self._read(rels_name)
        key = ("rels", folder, data)
        found = _SMALL.get(key)
        if found is None:
            out = {}
            for rel in self._xml(rels_name, data):
                target = rel.get("Target", "")
                if rel.get("TargetMode") == "External":
                    continue
                path = (
                    target.lstrip("/")
                    if target.startswith("/")
                    else posixpath.normpath(posixpath.join(folder, target))
                )
                out[rel.get("Id")] = (rel.get("Type", "").rsplit("/", 1)[-1], path)
            found = tuple(out.items())
            _SMALL.put(key, found)
        return dict(found)

    def _part_of_type(self, kind: str) -> bytes | None:
        for rel_kind, path in self.rels.values():
            if rel_kind == kind and path in self.names:
                return self.source.read(path)
        return None

    # -- body --
    def read(self) -> DocModel:
        data = self._read(self.main)
        root = self._xml(self.main, data)
        body = root.find(W + "body")
        if body is None:
            raise DocxFormatError("в документе нет тела (w:body)")
        self._index_paragraphs(data, root)
        self._walk(body, None)
        final = body.find(W + "sectPr")
        self._close_section(final)
        self._settings()
        self._finish_sections()
        return self.model

    def _walk(self, container, table_ctx) -> None:
        for child in container:
            tag = child.tag
            if tag == _P:
                self._paragraph(child, table_ctx)
            elif tag == _TBL:
                self._table(child, table_ctx)
            elif tag == _SDT or tag in _CONTAINERS:
                content = child.find(W + "sdtContent") if tag == _SDT else child
                if content is not None:
                    self._walk(content, table_ctx)

    def _index_paragraphs(self, data: bytes, root) -> None:
        """Find each paragraph's own XML in `data`, the memo key of what is read from it.

        Used only when the XML allows no other reading: no comments, CDATA, DTD or
        processing instructions, every namespace declared on the root element and ``w``
        the only prefix of WordprocessingML. Otherwise paragraphs are keyed by their
        serialisation.
        """
        start = _ROOT_START_RE.search(data)
        if start is None or _MARKUP_RE.search(data, 1) or data.find(b"xmlns", start.end()) != -1:
            return
        nsmap = root.nsmap
        if nsmap.get("w") != W_NS or sum(uri == W_NS for uri in nsmap.values()) != 1:
            return
        spans: list[tuple[int, int]] = []
        stack: list[int] = []
        for match in _P_TAG_RE.finditer(data, start.end()):
            if match.group(1):
                if not stack:
                    return
                spans.append((stack.pop(), match.end()))
                continue
            tag = _P_START_RE.match(data, match.start())
            if tag is None:
                return
            if tag.group(1):
                spans.append((match.start(), tag.end()))
            else:
                stack.append(match.start())
        elements = list(root.iter(_P))
        if stack or len(spans) != len(elements):
            return
        spans.sort()
        self._keys = {el: data[a:b] for el, (a, b) in zip(elements, spans, strict=False)}
        self._root_tag = start.group(0)

    def _paragraph(self, p, table_ctx) -> None:
        table_style = table_ctx[4] if table_ctx else None
        xml = self._keys.get(p) if self._keys is not None else None
        key = (
            (self.sheet.serial, table_style, self._root_tag, xml)
            if xml is not None
            else (self.sheet.serial, table_style, b"", etree.tostring(p, with_tail=False))
        )
        facts = _PARAS.get(key)
        if facts is None:
            facts = _paragraph_facts(p, self.sheet, table_style)
            _PARAS.put(key, facts)
        text, clean, style, fmt, pbb, page_break, has_sect = facts
        model = self.model
        para = Para(
            index=len(model.paragraphs),
            text=text,
            clean=clean,
            section=len(model.sections),
            style=style,
            fmt=_thaw(fmt),
        )
        if table_ctx:
            para.table, para.row, para.col = table_ctx[0], table_ctx[1], table_ctx[2]
        else:
            self.body_number += 1
            para.number = self.body_number
            if self.break_next or pbb or page_break == "before":
                para.new_page = True
            # -- an empty paragraph holding only a page break starts the page after it --
            self.break_next = page_break == "after" or (page_break == "before" and not text.strip())
        model.paragraphs.append(para)
        if has_sect and not table_ctx:
            self._close_section(p.find(W + "pPr").find(W + "sectPr"))

    def _table(self, tbl, outer) -> None:
        model = self.model
        if outer is not None:
            # -- a nested table: its paragraphs belong to the outer cell --
            for tr in tbl.iter(W + "tr"):
                for tc in tr.findall(W + "tc"):
                    self._walk(tc, outer)
            return
        index = len(model.tables)
        tbl_pr = tbl.find(W + "tblPr")
        style = attr(tbl_pr.find(W + "tblStyle"), "val") if tbl_pr is not None else None
        grid = tuple(
            (int(attr(c, "w") or 0)) * TWIP_MM for c in tbl.findall(f"{W}tblGrid/{W}gridCol")
        )
        table = Table(
            index=index, section=len(model.sections), grid=grid, first=len(model.paragraphs)
        )
        model.tables.append(table)
        header_open = True
        for r, tr in enumerate(tbl.findall(W + "tr")):
            tr_pr = tr.find(W + "trPr")
            is_header = bool(tr_pr is not None and is_on(tr_pr.find(W + "tblHeader")))
            if header_open and is_header:
                table.header_rows += 1
            else:
                header_open = False
            if tr_pr is not None and is_on(tr_pr.find(W + "cantSplit")):
                table.cant_split += 1
            col = 0
            for tc in tr.findall(W + "tc"):
                span = int(attr(tc.find(f"{W}tcPr/{W}gridSpan"), "val") or 1)
                self._walk(tc, (index, r, col, span, style))
                col += span
            table.cols = max(table.cols, col)
            table.rows = r + 1
        table.last = len(model.paragraphs) - 1

    # -- sections --
    def _close_section(self, sect) -> None:
        model = self.model
        index = len(model.sections)
        section = Section(index=index, first=self.section_first, last=len(model.paragraphs) - 1)
        prev = model.sections[-1] if model.sections else None
        self.section_types.append("nextPage")
        if sect is not None:
            self.section_types[-1] = attr(sect.find(W + "type"), "val") or "nextPage"
            size = sect.find(W + "pgSz")
            section.width = int(attr(size, "w") or 0) * TWIP_MM
            section.height = int(attr(size, "h") or 0) * TWIP_MM
            section.orient = attr(size, "orient") or "portrait"
            mar = sect.find(W + "pgMar")
            for key in ("left", "right", "top", "bottom", "header", "footer", "gutter"):
                section.margins[key] = abs(int(attr(mar, key) or 0)) * TWIP_MM
            section.title_pg = bool(is_on(sect.find(W + "titlePg")))
            start = attr(sect.find(W + "pgNumType"), "start")
            section.page_start = int(start) if start and start.isdigit() else None
            for ref in sect.findall(W + "headerReference"):
                kind = attr(ref, "type") or "default"
                section.headers[kind] = self._header(ref.get(f"{{{R_NS}}}id"))
        if prev is not None:
            for kind, info in prev.headers.items():
                section.headers.setdefault(kind, info)
        model.sections.append(section)
        self.section_first = len(model.paragraphs)

    def _header(self, rid: str | None) -> HeaderInfo:
        if rid in self._headers:
            return self._headers[rid]
        info = HeaderInfo()
        rel = self.rels.get(rid or "")
        if rel and rel[1] in self.names:
            data = self._read(rel[1])
            key = (self.sheet.serial, data)
            found = _HEADERS.get(key)
            if found is None:
                for p in self._xml(rel[1], data).iter(_P):
                    _header_paragraph(p, self.sheet, info)
                _HEADERS.put(key, (info.has_page, info.align, info.literal))
            else:
                info.has_page, info.align, info.literal = found
        self._headers[rid or ""] = info
        return info

    def _finish_sections(self) -> None:
        model = self.model
        for section, kind in zip(model.sections, self.section_types, strict=False):
            if section.index and kind != "continuous" and section.first < len(model.paragraphs):
                model.paragraphs[section.first].new_page = True
            section.est_lines = _estimate_lines(model, section)

    def _settings(self) -> None:
        data = self._part_of_type("settings")
        if data:
            key = ("settings", data)
            hyphenation = _SMALL.get(key)
            if hyphenation is None:
                root = etree.fromstring(data)
                hyphenation = "true" if is_on(root.find(W + "autoHyphenation")) else "false"
                _SMALL.put(key, hyphenation)
            self.model.settings["autoHyphenation"] = hyphenation
        self.model.settings["lang"] = self.sheet.lang or ""


_ROOT_START_RE = re.compile(
    rb"""<(?![?!])[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*>"""
)
#: Markup the paragraph index does not allow: comments, CDATA, DTD, processing instructions.
_MARKUP_RE = re.compile(rb"<[!?]")
# -- one literal first character keeps the scan fast --
# -- (a group in a top-level alternative does not) --
_P_TAG_RE = re.compile(rb"<(?:w:p[\s/>]|(/)w:p\s*>)")
_P_START_RE = re.compile(rb"""<w:p(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(/?)>""")

#: A Format as stored in the paragraph memo: its fields, fonts and sizes as item tuples.
FrozenFormat = tuple


def _paragraph_facts(p, sheet: StyleSheet, table_style: str | None) -> tuple:
    """Return what the model takes from paragraph `p`, all of it determined by its XML.

    (text, clean text, style name, frozen Format, page break before, page break in the
    runs, has a w:sectPr).
    """
    ppr = p.find(W + "pPr")
    style_id = attr(ppr.find(W + "pStyle"), "val") if ppr is not None else None
    base_p, base_r = sheet.base(style_id, table_style)
    direct = ppr_props(ppr)
    props = merge(base_p, direct) if direct else base_p
    text, stats, page_break = _runs(p, sheet, base_r)
    fmt = _format(props, direct, stats, sheet)
    frozen = (
        fmt.align,
        fmt.first_line,
        fmt.left,
        fmt.right,
        fmt.line,
        fmt.line_rule,
        fmt.before,
        fmt.after,
        fmt.tabs,
        fmt.numbered,
        fmt.bold,
        fmt.caps,
        tuple(fmt.fonts.items()),
        tuple(fmt.sizes.items()),
        fmt.direct,
    )
    has_sect = ppr is not None and ppr.find(W + "sectPr") is not None
    return (
        text,
        strip_marks(text),
        sheet.name(style_id),
        frozen,
        bool(props.get("pbb")),
        page_break,
        has_sect,
    )


def _thaw(frozen: FrozenFormat) -> Format:
    """Return a new Format (own dicts) from its frozen fields."""
    (
        align,
        first_line,
        left,
        right,
        line,
        line_rule,
        before,
        after,
        tabs,
        numbered,
        bold,
        caps,
        fonts,
        sizes,
        direct,
    ) = frozen
    return Format(
        align,
        first_line,
        left,
        right,
        line,
        line_rule,
        before,
        after,
        tabs,
        numbered,
        bold,
        caps,
        dict(fonts),
        dict(sizes),
        direct,
    )


def _iter_runs(container):
    for child in container:
        tag = child.tag
        if tag == _R:
            yield child
        elif tag in _CONTAINERS:
            yield from _iter_runs(child)
        elif tag == _SDT:
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _iter_runs(content)


def _runs(p, sheet: StyleSheet, base_r: dict):
    """Return (text, per-run stats, page break) of paragraph `p`.

    stats: list of (visible chars, props); page break: None, «before» (no text before the
    break) or «after».
    """
    parts: list[str] = []
    stats = []
    page_break = None
    for run in _iter_runs(p):
        rpr = run.find(W + "rPr")
        chunk = []
        for el in run:
            tag = el.tag
            if tag == W + "t":
                chunk.append(el.text or "")
            elif tag == W + "tab":
                chunk.append("\t")
            elif tag in (W + "br", W + "cr"):
                if attr(el, "type") == "page":
                    page_break = "after" if "".join(parts + chunk).strip() else "before"
                else:
                    chunk.append("\n")
            elif tag == W + "noBreakHyphen":
                chunk.append("\u2011")
        text = "".join(chunk)
        if not text:
            continue
        parts.append(text)
        visible = len(text) - text.count(" ") - text.count("\t") - text.count("\n")
        if visible:
            run_props = rpr_props(rpr)
            char_style = attr(rpr.find(W + "rStyle"), "val") if rpr is not None else None
            props = (
                merge(base_r, sheet.char_chain(char_style), run_props)
                if (run_props or char_style)
                else base_r
            )
            stats.append((visible, props))
    return "".join(parts), stats, page_break


def _format(props: dict, direct: dict, stats, sheet: StyleSheet) -> Format:
    fonts: dict[str, int] = {}
    sizes: dict[float, int] = {}
    bold = caps = bool(stats)
    for count, run in stats:
        font = sheet.font_name(run.get("font")) or "?"
        fonts[font] = fonts.get(font, 0) + count
        size = run.get("sz", 20) / 2
        sizes[size] = sizes.get(size, 0) + count
        bold = bold and bool(run.get("b"))
        caps = caps and bool(run.get("caps"))
    rule = props.get("lineRule", "auto")
    line = props.get("line", 240)
    if rule == "auto":
        line_value = line / 240
    else:
        size = max(sizes, key=sizes.get) if sizes else 14.0
        line_value = (line / 20) / (size * 1.15)
    names = {
        "jc": "align",
        "first": "first_line",
        "left": "left",
        "right": "right",
        "line": "line",
        "before": "before",
        "after": "after",
        "tabs": "tabs",
    }
    return Format(
        align=_JC.get(props.get("jc", "left"), "left"),
        first_line=props.get("first", 0) * TWIP_CM,
        left=props.get("left", 0) * TWIP_CM,
        right=props.get("right", 0) * TWIP_CM,
        line=round(line_value, 3),
        line_rule=rule,
        before=props.get("before", 0) / 20,
        after=props.get("after", 0) / 20,
        tabs=tuple((kind, pos * TWIP_CM) for kind, pos in props.get("tabs", ())),
        numbered=bool(props.get("numbered")),
        bold=bold,
        caps=caps,
        fonts=fonts,
        sizes=sizes,
        direct=frozenset(names[k] for k in direct if k in names),
    )


def _header_paragraph(p, sheet: StyleSheet, info: HeaderInfo) -> None:
    """Add what paragraph `p` of a header says about page numbering to `info`."""
    ppr = p.find(W + "pPr")
    style_id = attr(ppr.find(W + "pStyle"), "val") if ppr is not None else None
    props = merge(sheet.base(style_id)[0], ppr_props(ppr))
    literal = []
    state = "text"
    has_page = False
    for el in p.iter(W + "fldSimple", W + "fldChar", W + "instrText", W + "t"):
        tag = el.tag
        if tag == W + "fldSimple":
            has_page = has_page or bool(_PAGE_RE.match(attr(el, "instr") or ""))
        elif tag == W + "fldChar":
            kind = attr(el, "fldCharType")
            state = {"begin": "instr", "separate": "result", "end": "text"}.get(kind, state)
        elif tag == W + "instrText":
            has_page = has_page or bool(_PAGE_RE.match(el.text or ""))
        elif state == "text" and not _in_field_simple(el):
            literal.append(el.text or "")
    if has_page:
        info.has_page = True
        info.align = _JC.get(props.get("jc", "left"), "left")
    info.literal = (info.literal + "".join(literal)).strip()


def _in_field_simple(el) -> bool:
    parent = el.getparent()
    while parent is not None and parent.tag != _P:
        if parent.tag == W + "fldSimple":
            return True
        parent = parent.getparent()
    return False


def _estimate_lines(model: DocModel, section: Section) -> int:
    """Return a rough count of text lines in `section` (for «more than one page?»)."""
    width = section.text_width or 165
    per_line = max(20, int(width / 2.6))
    lines = 0
    rows: dict[tuple[int, int], int] = {}
    for para in model.paragraphs[section.first : section.last + 1]:
        n = max(1, math.ceil(len(para.text) / per_line))
        if para.table is None:
            lines += n
        else:
            table = model.tables[para.table]
            cell_chars = max(8, int(per_line / max(1, table.cols)))
            key = (para.table, para.row)
            rows[key] = max(rows.get(key, 0), math.ceil(max(1, len(para.text)) / cell_chars))
    return lines + sum(rows.values())
