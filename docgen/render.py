"""Rendering: the only module that uses docxtpl (and, with docgen.docxbuild, raw XML).

``render_parts`` renders each template of a package with the same context and joins them
into one document, each part starting a new section; placeholders for unknown values
become highlighted runs; the result is the .docx bytes plus the placeholders it shows.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxcompose.composer import Composer
from docxtpl import DocxTemplate
from jinja2 import TemplateError as JinjaTemplateError
from jinja2 import TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from .errors import DocgenError, InflectionError, TemplateRenderError
from .placeholders import MARKED_RE, OPEN, labels_in, visible
from .templates import DocTemplate


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
        if not isinstance(level, int) or not 1 <= level <= 4:
            raise ValueError(f"уровень пункта должен быть от 1 до 4, а не {level!r}")
        if level > len(self._counters) + 1:
            raise ValueError(f"пункт уровня {level} без пункта уровня {level - 1} перед ним")
        del self._counters[level:]
        if len(self._counters) < level:
            self._counters.append(0)
        self._counters[level - 1] += 1
        return ".".join(str(n) for n in self._counters) + "."


def render_part(template: DocTemplate, context: Mapping[str, Any], env):
    """Return the python-docx Document of `template` rendered with `context` in `env`."""
    tpl = DocxTemplate(template.path)
    values = dict(context)
    values["num"] = ClauseCounter()
    where = f"шаблон {template.id}"
    try:
        tpl.render(values, jinja_env=env)
    except TemplateSyntaxError as exc:
        raise TemplateRenderError(f"ошибка синтаксиса шаблона: {exc.message}", where,
                                  list(getattr(exc, "docx_context", []) or [])) from None
    except UndefinedError as exc:
        raise TemplateRenderError(
            f"шаблон обращается к неизвестной переменной: {exc.message}", where) from None
    except SecurityError as exc:
        raise TemplateRenderError(f"запрещённое обращение в шаблоне: {exc}", where) from None
    except InflectionError as exc:
        raise InflectionError(exc.message, f"{where}, {exc.location}") from None
    except DocgenError:
        raise
    except JinjaTemplateError as exc:
        raise TemplateRenderError(f"ошибка шаблона: {exc}", where) from None
    except (ValueError, TypeError) as exc:
        raise TemplateRenderError(f"ошибка при заполнении шаблона: {exc}", where) from None
    return tpl.docx


def render_parts(parts: Sequence[tuple[DocTemplate, Mapping[str, Any]]], env, *,
                 font: str | None = None, font_size: int | None = None,
                 continuous_page_numbers: bool = False) -> RenderedDocument:
    """Return the document made of every (template, context) in `parts`, in order."""
    documents = [render_part(template, context, env) for template, context in parts]
    master = documents[0]
    if len(documents) > 1:
        _join(master, documents[1:])
    if continuous_page_numbers:
        for section in master.sections[1:]:
            pg = section._sectPr.find(qn("w:pgNumType"))
            if pg is not None:
                pg.attrib.pop(qn("w:start"), None)
    if font or font_size:
        _apply_font(master, font, font_size)
    labels = _finish_text(master)
    buffer = io.BytesIO()
    master.save(buffer)
    return RenderedDocument(buffer.getvalue(), tuple(labels), tuple(t.id for t, _ in parts))


def _join(master, others) -> None:
    """Append `others` to `master`, each as its own section with its own page setup.

    docxcompose copies content, styles and referenced parts but keeps only the master's
    last section properties; so the master's body section is first turned into a
    paragraph-level one, and the appended document's page setup becomes the new body
    section. Headers are the master's (all docgen templates share the page-number header).
    """
    composer = Composer(master)
    for doc in others:
        body = master.element.body
        body_sect = body.find(qn("w:sectPr"))
        refs = [deepcopy(r) for r in body_sect
                if r.tag in (qn("w:headerReference"), qn("w:footerReference"))]
        _close_section(body, deepcopy(body_sect))
        composer.append(doc)
        new_sect = deepcopy(doc.element.body.find(qn("w:sectPr")))
        for r in list(new_sect):
            if r.tag in (qn("w:headerReference"), qn("w:footerReference")):
                new_sect.remove(r)
        for i, r in enumerate(refs):
            new_sect.insert(i, r)
        body.replace(body.find(qn("w:sectPr")), new_sect)


def _close_section(body, sect_pr) -> None:
    last = body.find(qn("w:sectPr")).getprevious()
    if last is None or last.tag != qn("w:p") or last.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
        last = OxmlElement("w:p")
        body.find(qn("w:sectPr")).addprevious(last)
    p_pr = last.find(qn("w:pPr"))
    if p_pr is None:
        p_pr = OxmlElement("w:pPr")
        last.insert(0, p_pr)
    p_pr.append(sect_pr)


def _apply_font(doc, font: str | None, size: int | None) -> None:
    styles = doc.styles.element
    targets = [styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")]
    normal = doc.styles["Normal"].element.find(qn("w:rPr"))
    targets.append(normal)
    for rpr in targets:
        if rpr is None:
            continue
        if font:
            fonts = rpr.find(qn("w:rFonts"))
            if fonts is not None:
                for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                    fonts.set(qn(attr), font)
        if size:
            for tag in ("w:sz", "w:szCs"):
                el = rpr.find(qn(tag))
                if el is not None:
                    el.set(qn("w:val"), str(int(size * 2)))


def _finish_text(doc) -> list[str]:
    """Turn placeholder markers into highlighted runs and newlines into line breaks.

    Returns the placeholder labels found, in document order.
    """
    roots = [doc.element.body]
    for section in doc.sections:
        for hdr in (section.header, section.first_page_header, section.footer):
            if hdr._has_definition:
                roots.append(hdr._element)
    found: list[str] = []
    for root in roots:
        for t in list(root.iter(qn("w:t"))):
            text = t.text or ""
            if OPEN in text:
                found.extend(labels_in(text))
                _split_run(t, text)
            elif "\n" in text:
                _split_run(t, text)
    return list(dict.fromkeys(found))


def _split_run(t, text: str) -> None:
    run = t.getparent()
    if run.tag != qn("w:r"):
        return
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for match in MARKED_RE.finditer(text):
        pieces.append((text[pos:match.start()], False))
        pieces.append((visible(match.group(1)), True))
        pos = match.end()
    pieces.append((text[pos:], False))
    anchor = run
    for piece, marked in pieces:
        if not piece:
            continue
        new_run = deepcopy(run)
        for child in list(new_run):
            if child.tag != qn("w:rPr"):
                new_run.remove(child)
        if marked:
            r_pr = new_run.find(qn("w:rPr"))
            if r_pr is None:
                r_pr = OxmlElement("w:rPr")
                new_run.insert(0, r_pr)
            highlight = OxmlElement("w:highlight")
            highlight.set(qn("w:val"), "yellow")
            r_pr.append(highlight)
        for j, line in enumerate(piece.split("\n")):
            if j:
                new_run.append(OxmlElement("w:br"))
            if line:
                t_el = OxmlElement("w:t")
                t_el.set(qn("xml:space"), "preserve")
                t_el.text = line
                new_run.append(t_el)
        anchor.addnext(new_run)
        anchor = new_run
    # -- the run may hold more than this w:t (tabs, other text): keep the rest in place --
    siblings = [c for c in run if c.tag != qn("w:rPr")]
    if siblings == [t]:
        run.getparent().remove(run)
    else:
        t.getparent().remove(t)
