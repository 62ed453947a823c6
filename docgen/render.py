"""Rendering: templates compiled once, documents assembled per call.

A template is compiled once per version (content hash): the tag clean-up that turns its
XML into Jinja source (docgen.ooxml.jinja, docxtpl's rules) and Jinja compilation of its
body and headers happen then, and its static parts are deflated then. Per document only
the Jinja render, the joining of a package's parts, the pagination properties
(docgen.ooxml.pagination) and the deflation of the rendered XML remain. Every edit of the
XML is a docgen.ooxml function.

A package is ONE .docx: the act, then each appendix as a new section on a new page. The
first part supplies the package-level files (styles, settings, headers); styles only the
later parts define are added; page-number headers are the first part's for every section.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Template, TemplateSyntaxError
from jinja2 import TemplateError as JinjaTemplateError

from . import layout
from .environment import VALUE_ERRORS
from .errors import DocgenError, TemplateError
from .located import render_error, syntax_error
from .ooxml import highlight, jinja, markup, pagination, sections, tablegrid
from .ooxml import parts as package_parts
from .ooxml import styles as style_defs
from .ooxml.ns import DOCUMENT, STYLES, is_header_or_footer
from .templates import DocTemplate
from .zipwrite import Member, deflate, write_zip

#: zlib level for the parts rendered per document: level 1 costs a third of level 6 for
#: about 20 % more bytes (docs/reference/perf.md); static parts are deflated once at level 6.
RENDERED_LEVEL = 1


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
    #: the xmlns declarations of the document element (to parse a table on its own)
    namespaces: str = ""
    #: the style id of the signature paragraph, when the body has one
    signature_style: str | None = None

    def xml(self, part: str) -> str:
        """Return the template's own XML of `part` (as the editor made it)."""
        return self.raw[part].decode("utf-8")

    def source(self, part: str) -> str:
        """Return the Jinja source `part` was compiled from (made again: errors only)."""
        xml = self.xml(part)
        if part == DOCUMENT:
            xml = package_parts.split_body(xml).body
        return jinja.jinja_source(xml)


def compile_template(template: DocTemplate, env) -> CompiledTemplate:
    """Return `template` compiled in `env`: Jinja bodies and headers, deflated static parts.

    Pure and costly (tens of milliseconds): the core object keeps the result per
    template content hash.
    """
    try:
        names, raw = package_parts.read_parts(template.path)
    except package_parts.PackageError as exc:
        raise TemplateError(f"файл не читается как .docx: {exc}", str(template.path)) from None
    if DOCUMENT not in raw:
        raise TemplateError("в файле нет word/document.xml", str(template.path))
    document = raw[DOCUMENT].decode("utf-8")
    split = package_parts.split_body(document)
    if split is None:
        raise TemplateError("в word/document.xml нет тела документа", f"шаблон {template.id}")
    body = _compile_part(split.body, env, template.id, DOCUMENT, document)
    headers = {}
    for name in names:
        if is_header_or_footer(name):
            xml = raw[name].decode("utf-8")
            if "{" in xml:
                headers[name] = _compile_part(xml, env, template.id, name, xml)
    rendered = {DOCUMENT, *headers}
    static = {n: deflate(n, raw[n]) for n in names if n not in rendered}
    signature = style_defs.style_id(
        raw.get(STYLES, b"").decode("utf-8"), layout.STYLES["sign"].name
    )
    return CompiledTemplate(
        template.id,
        template.content_hash,
        names,
        raw,
        static,
        split.prefix,
        split.suffix,
        body,
        headers,
        tablegrid.needs_fixing(split.body),
        package_parts.namespace_declarations(split.prefix),
        signature if signature and markup.uses_style(split.body, signature) else None,
    )


def _compile_part(xml: str, env, template_id: str, part: str, original: str) -> Template:
    """Return the Jinja template of a part's `xml` (`original`: the part as made, for
    numbering a syntax error's paragraph)."""
    source = jinja.jinja_source(xml)
    try:
        return env.from_string(source)
    except TemplateSyntaxError as exc:
        raise syntax_error(exc, template_id, part, source, original) from None


def _render_part(compiled: CompiledTemplate, part: str, context: Mapping[str, Any]) -> str:
    """Return the rendered XML of `part` (the body or a header) of `compiled`."""
    template = compiled.body if part == DOCUMENT else compiled.headers[part]
    try:
        xml = template.render(context)
    except (JinjaTemplateError, DocgenError, *VALUE_ERRORS) as exc:
        raise render_error(
            exc, compiled.id, part, compiled.source(part), compiled.xml(part), template.environment
        ) from None
    return jinja.finish(xml)


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
    styles = style_defs.with_styles_of(
        master.raw.get(STYLES, b"").decode("utf-8"),
        [part.raw.get(STYLES, b"").decode("utf-8") for part in parts[1:]],
    )
    sect = sections.final_section(master.raw[DOCUMENT].decode("utf-8"))
    return Assembly(styles.encode("utf-8"), sections.header_references(sect))


def render_package(
    parts: Sequence[tuple[CompiledTemplate, Mapping[str, Any]]],
    assembly: Assembly | None = None,
    *,
    font: str | None = None,
    font_size: int | None = None,
    continuous_page_numbers: bool = False,
) -> RenderedDocument:
    """Return the .docx made of every (compiled template, context) in `parts`, in order.

    Each part after the first is a new section showing the first part's headers; with
    `continuous_page_numbers` its pages number on from the previous part's.
    """
    compiled = tuple(c for c, _ in parts)
    assembly = assembly or make_assembly(compiled)
    master = compiled[0]
    body = []
    last = len(parts) - 1
    for index, (template, context) in enumerate(parts):
        values = dict(context)
        values["num"] = ClauseCounter()
        inner = _render_part(template, DOCUMENT, values)
        if template.fix_tables:
            inner = tablegrid.fix_tables(inner, template.namespaces)
        content, sect = sections.split_final_section(inner)
        content = pagination.keep_ending_together(pagination.keep_lead_ins_with_next(content))
        if template.signature_style:
            content = pagination.keep_with_signature(content, template.signature_style)
        if index:
            sect = sections.with_header_references(sect, assembly.header_refs)
            if continuous_page_numbers:
                sect = sections.without_page_restart(sect)
        body.append(content + sect if index == last else sections.end_section(content, sect))
    document, labels = highlight.highlight_placeholders(
        master.doc_prefix + "".join(body) + master.doc_suffix
    )
    rendered: dict[str, Member] = {
        DOCUMENT: deflate(DOCUMENT, document.encode("utf-8"), RENDERED_LEVEL)
    }
    for name in master.headers:
        xml = _render_part(master, name, dict(parts[0][1]))
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
            styles = style_defs.with_font(styles.decode("utf-8"), font, size).encode("utf-8")
        # -- None: the master's static part is right as it is --
        member = deflate(STYLES, styles) if styles != master.raw.get(STYLES) else None
        assembly.styled[key] = member
    return assembly.styled[key]
