"""The compile-once renderer gives what plain docxtpl gives, for every template and set.

docgen adds what docxtpl knows nothing of: pagination properties (keep-with-next on
lead-ins and before the signature) — the reference gets them here by python-docx's public
API, independently of docgen.ooxml.pagination — and highlighted placeholders (the
reference gets docgen.ooxml.highlight's, tested on its own in tests/ooxml/).
"""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docxtpl import DocxTemplate
from lxml import etree

from docgen import layout
from docgen.ooxml.highlight import highlight_placeholders
from docgen.placeholders import MARKED_RE, visible
from docgen.render import ClauseCounter, compile_template, render_package

from shipped import core

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def cases():
    dg = core()
    for package_id in dg.package_ids():
        package = dg.package(package_id)
        for set_id in dg.set_ids():
            if package.accepts(set_id):
                yield package_id, set_id


def text_nodes(paragraph) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t"))


def body_texts(data: bytes) -> list[str]:
    doc = docx.Document(io.BytesIO(data))
    texts = []
    for p in doc.element.body.iter(f"{W}p"):
        texts.append(MARKED_RE.sub(lambda m: visible(m.group(1)), text_nodes(p)))
    return texts


def body_c14n(data: bytes, highlight: bool = False) -> bytes:
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    if highlight:
        xml = highlight_placeholders(xml)[0]
    body = etree.fromstring(xml.encode("utf-8")).find(f"{W}body")
    return etree.tostring(body, method="c14n")


def with_pagination(data: bytes) -> bytes:
    """Return `data` with docgen's pagination rules applied through python-docx."""
    doc = docx.Document(io.BytesIO(data))
    paragraphs = doc.paragraphs
    for p in paragraphs:
        if text_nodes(p._p).rstrip().endswith(":"):
            p.paragraph_format.keep_with_next = True
    sign = layout.STYLES["sign"].name
    at = next((i for i, p in enumerate(paragraphs) if p.style.name == sign), None)
    body = list(doc.element.body)
    if at is not None:
        i = at - 1
        # -- back to the last paragraph with text, as long as nothing but paragraphs stand between
        while i >= 0 and body.index(paragraphs[i]._p) == body.index(paragraphs[i + 1]._p) - 1:
            paragraphs[i].paragraph_format.keep_with_next = True
            if text_nodes(paragraphs[i]._p).strip():
                break
            i -= 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("package_id", "set_id"), list(cases()))
def test_compiled_render_equals_docxtpl(package_id, set_id):
    env = core().environment
    for template, context in core().parts(package_id, set_id):
        naive = DocxTemplate(template.path)
        naive.render(dict(context, num=ClauseCounter()), jinja_env=env)
        buffer = io.BytesIO()
        naive.save(buffer)
        compiled = compile_template(template, env)
        ours = render_package([(compiled, context)]).data
        assert body_texts(ours) == body_texts(buffer.getvalue()), template.id
        # -- column loops: docgen repairs the table grid, docxtpl only pads it --
        if not compiled.fix_tables:
            reference = with_pagination(buffer.getvalue())
            assert body_c14n(ours) == body_c14n(reference, highlight=True), template.id
