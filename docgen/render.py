"""Rendering: templates compiled once, documents assembled per call. The only docxtpl user.

A template is compiled once per version (content hash): docxtpl's tag clean-up
(``patch_xml``) and Jinja compilation of its body and headers happen then, and its static
parts are deflated then. Per document only the Jinja render, the joining of a package's
parts and the deflation of the rendered XML remain.

A package is ONE .docx: the act, then each appendix as a new section on a new page. The
first part supplies the package-level files (styles, settings, headers); styles only the
later parts define are added; page-number headers are the first part's for every section.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Template, TemplateSyntaxError, UndefinedError
from jinja2 import TemplateError as JinjaTemplateError
from jinja2.exceptions import SecurityError

from . import tablegrid
from .environment import VALUE_ERRORS
from .errors import DocgenError, InflectionError, TemplateError, TemplateRenderError
from .placeholders import MARKED_RE, OPEN, labels_in, visible
from .templates import DocTemplate
from .zipwrite import Member, deflate, write_zip

DOCUMENT = "word/document.xml"
#: zlib level for the parts rendered per document: level 1 costs a third of level 6 for
#: about 20 % more bytes (docs/reference/perf.md); static parts are deflated once at level 6.
RENDERED_LEVEL = 1
STYLES = "word/styles.xml"
_TAG_RE = re.compile(r"<[^>]+>")
_BODY_OPEN_RE = re.compile(r"<w:body(?: [^>]*)?>")
_HDR_REF_RE = re.compile(r"<w:(?:header|footer)Reference\b[^>]*/>")
_STYLE_RE = re.compile(r'<w:style\b[^>]*w:styleId="([^"]+)"[^>]*>.*?</w:style>', re.S)
_RUN_WITH_MARK_RE = re.compile(r"<w:r(?: [^>]*)?>(?:(?!</w:r>).)*?" + OPEN + r".*?</w:r>", re.S)
# -- docxtpl's patch_xml and resolve_listing use no instance state --
_DOCXTPL = DocxTemplate.__new__(DocxTemplate)


@dataclass(frozen=True)
class RenderedDocument:
    """The .docx `data` of a rendered document and the `placeholders` it still shows."""

    data: bytes
    placeholders: tuple[str, ...] = ()
    parts: tuple[str, ...] = field(default=())


class ClauseCounter:
    """Literal clause numbers for one part: ``{{ num(1) }}`` → «2.», ``{{ num(3) }}`` → «2.1.13.».

    Numbers are computed while rendering, so clauses removed by a condition never leave a
    gap and none can come out twice.
    """

    def __init__(self) -> None:
        self._counters: list[int] = []

    def __call__(self, level: int) -> str:
        if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= 4:
            raise ValueError(f"уровень пункта должен быть от 1 до 4, а не {level!r}")
        if level > len(self._counters) + 1:
            raise ValueError(f"пункт уровня {level} без пункта уровня {level - 1} перед ним")
        del self._counters[level:]
        if len(self._counters) < level:
            self._counters.append(0)
        self._counters[level - 1] += 1
        return ".".join(str(n) for n in self._counters) + "."


@dataclass(frozen=True, eq=False)
class CompiledTemplate:
    """One template version, ready to render: compiled body and headers, static parts."""

    id: str
    version: str
    names: tuple[str, ...]
    raw: Mapping[str, bytes]
    static: Mapping[str, Member]
    doc_prefix: str
    doc_suffix: str
    body: Template
    headers: Mapping[str, Template]
    #: the body uses column tags: table grids are repaired after rendering
    fix_tables: bool = False


def jinja_source(xml: str) -> str:
    """Return the Jinja source docxtpl makes of an XML part (tags joined across runs)."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", _DOCXTPL.patch_xml(xml))


def docx_context(source: str, lineno: int | None) -> list[str]:
    """Return the text (tags stripped) of the paragraphs around Jinja line `lineno`."""
    if not lineno:
        return []
    lines = source.splitlines()[max(lineno - 3, 0) : lineno + 2]
    return [t for t in (_TAG_RE.sub("", line).strip() for line in lines) if t]


def compile_template(template: DocTemplate, env) -> CompiledTemplate:
    """Return `template` compiled in `env`: Jinja bodies and headers, deflated static parts.

    Pure and costly (tens of milliseconds): the core object keeps the result per
    template content hash.
    """
    try:
        with zipfile.ZipFile(template.path) as zf:
            names = tuple(zf.namelist())
            raw = {name: zf.read(name) for name in names}
    except (OSError, zipfile.BadZipFile) as exc:
        raise TemplateError(f"файл не читается как .docx: {exc}", str(template.path)) from None
    if DOCUMENT not in raw:
        raise TemplateError("в файле нет word/document.xml", str(template.path))
    where = f"шаблон {template.id}"
    doc = raw[DOCUMENT].decode("utf-8")
    opening = _BODY_OPEN_RE.search(doc)
    end = doc.rfind("</w:body>")
    if not opening or end < 0:
        raise TemplateError("в word/document.xml нет тела документа", where)
    body_xml = doc[opening.end() : end]
    body = _compile_part(body_xml, env, where)
    headers = {}
    for name in names:
        if re.match(r"word/(header|footer)\d*\.xml$", name):
            xml = raw[name].decode("utf-8")
            if "{" in xml:
                headers[name] = _compile_part(xml, env, f"{where}, колонтитул {name}")
    rendered = {DOCUMENT, *headers}
    static = {n: deflate(n, raw[n]) for n in names if n not in rendered}
    return CompiledTemplate(
        template.id,
        template.content_hash,
        names,
        raw,
        static,
        doc[: opening.end()],
        doc[end:],
        body,
        headers,
        tablegrid.needs_fixing(body_xml),
    )


def _compile_part(xml: str, env, where: str) -> Template:
    source = jinja_source(xml)
    try:
        return env.from_string(source)
    except TemplateSyntaxError as exc:
        raise TemplateRenderError(
            f"ошибка синтаксиса шаблона: {exc.message}", where, docx_context(source, exc.lineno)
        ) from None


def _render_xml(template: Template, context: Mapping[str, Any], where: str) -> str:
    try:
        xml = template.render(context)
    except UndefinedError as exc:
        raise TemplateRenderError(
            f"шаблон обращается к неизвестной переменной: {exc.message}", where
        ) from None
    except SecurityError as exc:
        raise TemplateRenderError(f"запрещённое обращение в шаблоне: {exc}", where) from None
    except InflectionError as exc:
        raise InflectionError(exc.message, f"{where}, {exc.location}") from None
    except DocgenError:
        raise
    except JinjaTemplateError as exc:
        raise TemplateRenderError(f"ошибка шаблона: {exc}", where) from None
    except VALUE_ERRORS as exc:
        raise TemplateRenderError(f"ошибка при заполнении шаблона: {exc}", where) from None
    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    if "\t" in xml or "\n" in xml:
        xml = _DOCXTPL.resolve_listing(xml)
    return xml


@dataclass(frozen=True, eq=False)
class Assembly:
    """What joining a package's parts needs, computed once per set of template versions.

    `styled` memoises the deflated styles part per (font, size) asked for.
    """

    styles: bytes
    header_refs: str
    styled: dict[tuple[str | None, int | None], Member] = field(default_factory=dict)


def make_assembly(parts: Sequence[CompiledTemplate]) -> Assembly:
    """Return the styles and page-number headers a package of `parts` shares."""
    master = parts[0]
    styles = master.raw.get(STYLES, b"").decode("utf-8")
    have = set(_STYLE_RE.findall(styles))
    extra = []
    for part in parts[1:]:
        for match in _STYLE_RE.finditer(part.raw.get(STYLES, b"").decode("utf-8")):
            if match.group(1) not in have:
                have.add(match.group(1))
                extra.append(match.group(0))
    if extra:
        cut = styles.rfind("</w:styles>")
        styles = styles[:cut] + "".join(extra) + styles[cut:]
    body_src = master.raw[DOCUMENT].decode("utf-8")
    sect = body_src[body_src.rfind("<w:sectPr") :]
    return Assembly(styles.encode("utf-8"), "".join(_HDR_REF_RE.findall(sect)))


def render_package(
    parts: Sequence[tuple[CompiledTemplate, Mapping[str, Any]]],
    assembly: Assembly | None = None,
    *,
    font: str | None = None,
    font_size: int | None = None,
    continuous_page_numbers: bool = False,
) -> RenderedDocument:
    """Return the .docx made of every (compiled template, context) in `parts`, in order."""
    compiled = tuple(c for c, _ in parts)
    assembly = assembly or make_assembly(compiled)
    master = compiled[0]
    pieces = []
    for index, (template, context) in enumerate(parts):
        values = dict(context)
        values["num"] = ClauseCounter()
        inner = _render_xml(template.body, values, f"шаблон {template.id}")
        if template.fix_tables:
            inner = tablegrid.fix_tables(inner, tablegrid.namespaces_of(template.doc_prefix))
        cut = inner.rfind("<w:sectPr")
        content, sect = inner[:cut], inner[cut : inner.rfind("</w:sectPr>") + len("</w:sectPr>")]
        if index:
            sect = _HDR_REF_RE.sub("", sect)
            sect = sect.replace(">", ">" + assembly.header_refs, 1)
            if continuous_page_numbers:
                sect = re.sub(r'(<w:pgNumType\b[^>]*?) w:start="\d+"', r"\1", sect)
        pieces.append((content, sect))
    body = []
    for index, (content, sect) in enumerate(pieces):
        body.append(content if index == len(pieces) - 1 else _end_section(content, sect))
    body.append(pieces[-1][1])
    document = master.doc_prefix + "".join(body) + master.doc_suffix
    labels: list[str] = []
    if OPEN in document:
        labels = labels_in(document)
        document = _RUN_WITH_MARK_RE.sub(_highlight_run, document)
    rendered: dict[str, Member] = {
        DOCUMENT: deflate(DOCUMENT, document.encode("utf-8"), RENDERED_LEVEL)
    }
    for name, header in master.headers.items():
        xml = _render_xml(header, dict(parts[0][1]), f"шаблон {master.id}, {name}")
        rendered[name] = deflate(name, xml.encode("utf-8"), RENDERED_LEVEL)
    styles = _styles_member(assembly, master, font, font_size)
    if styles is not None:
        rendered[STYLES] = styles
    members = [rendered.get(name) or master.static[name] for name in master.names]
    return RenderedDocument(write_zip(members), tuple(labels), tuple(c.id for c in compiled))


def _styles_member(
    assembly: Assembly, master: CompiledTemplate, font: str | None, size: int | None
) -> Member | None:
    """Return the deflated styles part when it differs from the first template's own."""
    key = (font, size)
    if key not in assembly.styled:
        styles = assembly.styles
        if font or size:
            styles = _styles_with_font(styles, font, size)
        # -- None: the master's static part is right as it is --
        member = deflate(STYLES, styles) if styles != master.raw.get(STYLES) else None
        assembly.styled[key] = member
    return assembly.styled[key]


def _end_section(content: str, sect: str) -> str:
    """Return `content` ending with a paragraph that carries `sect` (the section's setup)."""
    if content.endswith("</w:p>"):
        start = max(content.rfind("<w:p>"), content.rfind("<w:p "))
        paragraph = content[start:]
        if "<w:sectPr" not in paragraph:
            if "<w:pPr>" in paragraph or "<w:pPr " in paragraph:
                close = paragraph.find("</w:pPr>")
                paragraph = paragraph[:close] + sect + paragraph[close:]
            else:
                open_end = paragraph.find(">") + 1
                paragraph = (
                    paragraph[:open_end] + "<w:pPr>" + sect + "</w:pPr>" + paragraph[open_end:]
                )
            return content[:start] + paragraph
    return content + "<w:p><w:pPr>" + sect + "</w:pPr></w:p>"


def _highlight_run(match: re.Match) -> str:
    """Split a run at placeholder markers; the placeholder part gets a yellow highlight."""
    run = match.group(0)
    head = re.match(r"<w:r(?: [^>]*)?>", run).group(0)
    rpr_match = re.search(r"<w:rPr>.*?</w:rPr>|<w:rPr/>", run, re.S)
    rpr = rpr_match.group(0) if rpr_match else ""
    marked_rpr = (
        rpr.replace("</w:rPr>", '<w:highlight w:val="yellow"/></w:rPr>')
        if rpr and rpr != "<w:rPr/>"
        else '<w:rPr><w:highlight w:val="yellow"/></w:rPr>'
    )

    def split_text(t_match: re.Match) -> str:
        text = t_match.group(1)
        if OPEN not in text:
            return t_match.group(0)
        out = []
        pos = 0
        for m in MARKED_RE.finditer(text):
            out.append(text[pos : m.start()])
            out.append(
                f'</w:t></w:r>{head}{marked_rpr}<w:t xml:space="preserve">'
                f'{visible(m.group(1))}</w:t></w:r>{head}{rpr}<w:t xml:space="preserve">'
            )
            pos = m.end()
        out.append(text[pos:])
        return f'<w:t xml:space="preserve">{"".join(out)}</w:t>'

    return re.sub(r"<w:t(?: [^>]*)?>(.*?)</w:t>", split_text, run, flags=re.S)


def _styles_with_font(styles: bytes, font: str | None, size: int | None) -> bytes:
    text = styles.decode("utf-8")
    if font:
        safe = font.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        text = re.sub(
            r'(w:(?:ascii|hAnsi|cs|eastAsia)=")[^"]*(")',
            lambda m: m.group(1) + safe + m.group(2),
            text,
        )
    if size:
        default_half_points = re.search(r"<w:rPrDefault>.*?<w:sz w:val=\"(\d+)\"", text, re.S)
        if default_half_points and default_half_points.group(1) != str(size * 2):
            old = default_half_points.group(1)
            text = text.replace(f'<w:sz w:val="{old}"/>', f'<w:sz w:val="{size * 2}"/>')
            text = text.replace(f'<w:szCs w:val="{old}"/>', f'<w:szCs w:val="{size * 2}"/>')
    return text.encode("utf-8")
