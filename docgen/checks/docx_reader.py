""".docx bytes → :class:`DocModel`, in one pass over the document.

Every fact about the package comes from :mod:`docgen.ooxml` (relationships, style
inheritance, paragraphs and runs, tables, sections, headers, settings); this module walks
the body in order and builds the model the rules read: paragraph numbers and pages,
tables, sections with headers inherited from the previous section, the document settings
G-16/G-17 need (each paragraph's Format: :mod:`docgen.checks.docx_format`).

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
import zipfile
from collections.abc import Mapping

from ..ooxml import body as ooxml_body
from ..ooxml import package
from ..ooxml.formatting import header_numbering as read_header
from ..ooxml.formatting import read_paragraph
from ..ooxml.ns import DOCUMENT
from ..ooxml.sections import section_properties
from ..ooxml.spans import paragraph_sources
from ..ooxml.stylesheet import StyleSheet
from ..ooxml.tree import XmlError, parse, serialize
from .docx_format import paragraph_facts, thaw
from .memo import LRU
from .model import DocModel, HeaderInfo, Para, Section, Table

TWIP_MM = 25.4 / 1440

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
        except XmlError as exc:
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
    except XmlError as exc:
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


def _style_sheet(styles: bytes | None, theme: bytes | None) -> tuple[int, StyleSheet]:
    """Return the (memoised) style sheet of `styles` and `theme` with its unique serial
    (the memo key of what is read with it)."""
    key = (styles, theme)
    found = _SHEETS.get(key)
    if found is None:
        found = (next(_SERIAL), StyleSheet(styles, theme))
        _SHEETS.put(key, found)
    return found


class _Reader:
    def __init__(self, source) -> None:
        self.source = source
        self.names = source.names
        self.main = self._main_part()
        self.rels = self._rels(self.main)
        self.serial, self.sheet = _style_sheet(
            self._part_of_type("styles"), self._part_of_type("theme")
        )
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
            return parse(self._read(name) if data is None else data)
        except XmlError as exc:
            raise DocxFormatError(f"повреждена часть {name}") from exc

    def _main_part(self) -> str:
        if package.ROOT_RELS in self.names:
            data = self._read(package.ROOT_RELS)
            key = ("main", data)
            found = _SMALL.get(key)
            if found is None:
                found = (package.main_part(self._xml(package.ROOT_RELS, data)),)
                _SMALL.put(key, found)
            if found[0] is not None:
                return found[0]
        if DOCUMENT in self.names:
            return DOCUMENT
        raise DocxFormatError(f"в архиве нет {DOCUMENT}")

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        rels_name = package.rels_name(part)
        if rels_name not in self.names:
            return {}
        data = self._read(rels_name)
        key = ("rels", part, data)
        found = _SMALL.get(key)
        if found is None:
            found = tuple(package.relationships(self._xml(rels_name, data), part).items())
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
        body = ooxml_body.document_body(root)
        if body is None:
            raise DocxFormatError("в документе нет тела (w:body)")
        self._index_paragraphs(data, root)
        self._walk(body, None)
        self._close_section(ooxml_body.final_section(body))
        self._settings()
        self._finish_sections()
        return self.model

    def _walk(self, container, table_ctx) -> None:
        ooxml_body.walk(container, self._paragraph, self._table, table_ctx)

    def _index_paragraphs(self, data: bytes, root) -> None:
        """Find each paragraph's own XML in `data`, the memo key of what is read from it
        (:func:`docgen.ooxml.spans.paragraph_sources`); where the part's shape does not
        allow it, paragraphs are keyed by their serialisation."""
        found = paragraph_sources(data, root)
        if found is not None:
            self._root_tag, self._keys = found

    def _paragraph(self, p, table_ctx) -> None:
        table_style = table_ctx[4] if table_ctx else None
        xml = self._keys.get(p) if self._keys is not None else None
        key = (
            (self.serial, table_style, self._root_tag, xml)
            if xml is not None
            else (self.serial, table_style, b"", serialize(p))
        )
        facts = _PARAS.get(key)
        if facts is None:
            facts = paragraph_facts(read_paragraph(p, self.sheet, table_style))
            _PARAS.put(key, facts)
        text, clean, style, fmt, pbb, page_break, has_sect = facts
        model = self.model
        para = Para(
            index=len(model.paragraphs),
            text=text,
            clean=clean,
            section=len(model.sections),
            style=style,
            fmt=thaw(fmt),
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
            self._close_section(ooxml_body.paragraph_section(p))

    def _table(self, tbl, outer) -> None:
        model = self.model
        if outer is not None:
            # -- a nested table: its paragraphs belong to the outer cell --
            for tc in ooxml_body.all_cells(tbl):
                self._walk(tc, outer)
            return
        index = len(model.tables)
        layout = ooxml_body.table_layout(tbl)
        table = Table(
            index=index,
            section=len(model.sections),
            rows=layout.rows,
            cols=layout.cols,
            grid=tuple(w * TWIP_MM for w in layout.grid),
            header_rows=layout.header_rows,
            cant_split=layout.cant_split,
            first=len(model.paragraphs),
        )
        model.tables.append(table)
        for cell in layout.cells:
            self._walk(cell.element, (index, cell.row, cell.col, cell.span, layout.style))
        table.last = len(model.paragraphs) - 1

    # -- sections --
    def _close_section(self, sect) -> None:
        model = self.model
        index = len(model.sections)
        section = Section(index=index, first=self.section_first, last=len(model.paragraphs) - 1)
        prev = model.sections[-1] if model.sections else None
        self.section_types.append("nextPage")
        if sect is not None:
            props = section_properties(sect)
            self.section_types[-1] = props.start
            section.width = (props.width or 0) * TWIP_MM
            section.height = (props.height or 0) * TWIP_MM
            section.orient = props.orient or "portrait"
            section.margins = {key: value * TWIP_MM for key, value in props.margins.items()}
            section.title_pg = props.title_page
            section.page_start = props.page_start
            for kind, rid in props.headers:
                section.headers[kind] = self._header(rid)
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
            key = (self.serial, data)
            found = _HEADERS.get(key)
            if found is None:
                read = read_header(self._xml(rel[1], data), self.sheet)
                found = (read.has_page, read.align, read.literal)
                _HEADERS.put(key, found)
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
                hyphenation = "true" if package.auto_hyphenation(parse(data)) else "false"
                _SMALL.put(key, hyphenation)
            self.model.settings["autoHyphenation"] = hyphenation
        self.model.settings["lang"] = self.sheet.lang or ""


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
