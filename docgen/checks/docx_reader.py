""".docx bytes → :class:`DocModel`, in one pass over the XML (zipfile + lxml).

The only module of the checker that reads WordprocessingML. It walks ``w:body`` in
order (paragraphs, tables, content controls), resolves each paragraph's effective
formatting with :class:`~docgen.checks.styles.StyleSheet`, reads every ``w:sectPr``
(page size, margins, ``w:titlePg``, ``w:pgNumType``, headers with inheritance from the
previous section) and the document settings G-16/G-17 need.
"""

from __future__ import annotations

import io
import math
import posixpath
import re
import zipfile

from lxml import etree

from .model import DocModel, Format, HeaderInfo, Para, Section, Table
from .patterns import strip_marks
from .styles import StyleSheet, W, attr, is_on, merge, ppr_props, rpr_props

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
TWIP_MM = 25.4 / 1440
TWIP_CM = 2.54 / 1440
_P, _R, _TBL, _SDT = W + "p", W + "r", W + "tbl", W + "sdt"
_CONTAINERS = {W + "hyperlink", W + "ins", W + "smartTag", W + "fldSimple", W + "customXml",
               W + "moveTo", W + "sdtContent", W + "dir", W + "bdo"}
_JC = {"both": "justify", "distribute": "justify", "justify": "justify", "center": "center",
       "right": "right", "end": "right", "left": "left", "start": "left"}
_PAGE_RE = re.compile(r"^\s*PAGE\b")


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
            return _Reader(zf).read()
        except etree.XMLSyntaxError as exc:
            raise DocxFormatError(f"повреждён XML: {exc}") from exc
        except (KeyError, zipfile.BadZipFile) as exc:
            raise DocxFormatError(f"повреждён архив: {exc}") from exc


class _Reader:
    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self.names = set(zf.namelist())
        self.main = self._main_part()
        self.rels = self._rels(self.main)
        self.sheet = StyleSheet(self._part_of_type("styles"), self._part_of_type("theme"))
        self.model = DocModel(source="docx")
        self.body_number = 0
        self.break_next = False
        self.section_first = 0
        self.section_types: list[str] = []
        self._headers: dict[str, HeaderInfo] = {}

    # -- package --
    def _xml(self, name: str):
        try:
            return etree.fromstring(self.zf.read(name))
        except (KeyError, etree.XMLSyntaxError) as exc:
            raise DocxFormatError(f"повреждена часть {name}") from exc

    def _main_part(self) -> str:
        if "_rels/.rels" in self.names:
            for rel in self._xml("_rels/.rels"):
                if rel.get("Type", "").endswith("/officeDocument"):
                    return rel.get("Target", "").lstrip("/")
        if "word/document.xml" in self.names:
            return "word/document.xml"
        raise DocxFormatError("в архиве нет word/document.xml")

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        folder, name = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", name + ".rels")
        out = {}
        if rels_name in self.names:
            for rel in self._xml(rels_name):
                target = rel.get("Target", "")
                if rel.get("TargetMode") == "External":
                    continue
                path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join(folder, target))
                out[rel.get("Id")] = (rel.get("Type", "").rsplit("/", 1)[-1], path)
        return out

    def _part_of_type(self, kind: str) -> bytes | None:
        for rel_kind, path in self.rels.values():
            if rel_kind == kind and path in self.names:
                return self.zf.read(path)
        return None

    # -- body --
    def read(self) -> DocModel:
        root = self._xml(self.main)
        body = root.find(W + "body")
        if body is None:
            raise DocxFormatError("в документе нет тела (w:body)")
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

    def _paragraph(self, p, table_ctx) -> None:
        ppr = p.find(W + "pPr")
        style_id = attr(ppr.find(W + "pStyle"), "val") if ppr is not None else None
        table_style = table_ctx[4] if table_ctx else None
        base_p, base_r = self.sheet.base(style_id, table_style)
        direct = ppr_props(ppr)
        props = merge(base_p, direct) if direct else base_p
        text, stats, page_break = _runs(p, self.sheet, base_r)
        model = self.model
        para = Para(index=len(model.paragraphs), text=text, clean=strip_marks(text),
                    section=len(model.sections), style=self.sheet.name(style_id),
                    fmt=_format(props, direct, stats, self.sheet))
        if table_ctx:
            para.table, para.row, para.col = table_ctx[0], table_ctx[1], table_ctx[2]
        else:
            self.body_number += 1
            para.number = self.body_number
            if self.break_next or props.get("pbb") or page_break == "before":
                para.new_page = True
            # -- an empty paragraph holding only a page break starts the page after it --
            self.break_next = page_break == "after" or (page_break == "before" and not text.strip())
        model.paragraphs.append(para)
        sect = ppr.find(W + "sectPr") if ppr is not None else None
        if sect is not None and not table_ctx:
            self._close_section(sect)

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
        grid = tuple((int(attr(c, "w") or 0)) * TWIP_MM
                     for c in tbl.findall(f"{W}tblGrid/{W}gridCol"))
        table = Table(index=index, section=len(model.sections), grid=grid,
                      first=len(model.paragraphs))
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
            for p in self._xml(rel[1]).iter(_P):
                _header_paragraph(p, self.sheet, info)
        self._headers[rid or ""] = info
        return info

    def _finish_sections(self) -> None:
        model = self.model
        for section, kind in zip(model.sections, self.section_types):
            if section.index and kind != "continuous" and section.first < len(model.paragraphs):
                model.paragraphs[section.first].new_page = True
            section.est_lines = _estimate_lines(model, section)

    def _settings(self) -> None:
        data = self._part_of_type("settings")
        if data:
            root = etree.fromstring(data)
            hyph = root.find(W + "autoHyphenation")
            self.model.settings["autoHyphenation"] = "true" if is_on(hyph) else "false"
        self.model.settings["lang"] = self.sheet.lang or ""


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
            props = merge(base_r, sheet.char_chain(char_style), run_props) if (
                run_props or char_style) else base_r
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
    names = {"jc": "align", "first": "first_line", "left": "left", "right": "right",
             "line": "line", "before": "before", "after": "after", "tabs": "tabs"}
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
    for para in model.paragraphs[section.first:section.last + 1]:
        n = max(1, math.ceil(len(para.text) / per_line))
        if para.table is None:
            lines += n
        else:
            table = model.tables[para.table]
            cell_chars = max(8, int(per_line / max(1, table.cols)))
            key = (para.table, para.row)
            rows[key] = max(rows.get(key, 0), math.ceil(max(1, len(para.text)) / cell_chars))
    return lines + sum(rows.values())
