"""The compile-once renderer gives what plain docxtpl gives, for every template and set.

docgen adds what docxtpl knows nothing of: pagination properties (keep-with-next on
lead-ins, before the signature and before a part's last paragraph) — the reference gets
them here through python-docx, independently of docgen.ooxml.pagination — and highlighted
placeholders (the reference gets docgen.ooxml.highlight's, tested in tests/ooxml/).
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


def lead_up(body: list, index: int) -> list:
    """Return the paragraph elements directly before `body[index]` back to the one with
    text."""
    found = []
    for element in reversed(body[:index]):
        if element.tag != f"{W}p":
            break
        found.append(element)
        if text_nodes(element).strip():
            break
    return found


def with_pagination(data: bytes) -> bytes:
    """Return `data` with docgen's pagination rules applied through python-docx."""
    doc = docx.Document(io.BytesIO(data))
    keep = [p._p for p in doc.paragraphs if text_nodes(p._p).rstrip().endswith(":")]
    body = [e for e in doc.element.body if e.tag != f"{W}sectPr"]
    sign = layout.STYLES["sign"].name
    at = next((p._p for p in doc.paragraphs if p.style.name == sign), None)
    if at is not None:
        keep += lead_up(body, body.index(at))
    for i in range(len(body) - 1, -1, -1):
        if body[i].tag != f"{W}p":
            break
        if text_nodes(body[i]).strip():
            keep += lead_up(body, i)
            break
    for p in doc.paragraphs:
        if p._p in keep:
            p.paragraph_format.keep_with_next = True
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
