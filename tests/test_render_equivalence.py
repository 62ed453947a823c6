"""The compile-once renderer gives what plain docxtpl gives, for every template and set."""

from __future__ import annotations

import io

import docx
import pytest
from docxtpl import DocxTemplate
from lxml import etree

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


def body_texts(data: bytes) -> list[str]:
    doc = docx.Document(io.BytesIO(data))
    texts = []
    for p in doc.element.body.iter(f"{W}p"):
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        texts.append(MARKED_RE.sub(lambda m: visible(m.group(1)), text))
    return texts


def body_c14n(data: bytes) -> bytes:
    body = docx.Document(io.BytesIO(data)).element.body
    return etree.tostring(body, method="c14n")


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
        placeholders = any("[не заполнено" in t for t in body_texts(ours))
        # -- column loops: docgen repairs the table grid, docxtpl only pads it --
        if not placeholders and not compiled.fix_tables:
            assert body_c14n(ours) == body_c14n(buffer.getvalue()), template.id
