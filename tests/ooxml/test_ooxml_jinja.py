"""docgen.ooxml.jinja: docxtpl's tag clean-up, step by step, against docxtpl itself."""

from __future__ import annotations

import io
import zipfile

import pytest
from docxtpl import DocxTemplate

from docgen.ooxml import jinja
from docgen.ooxml.ns import is_story

from shipped import core

#: docxtpl's methods need no template loaded; the instance is constructed as documented.
DOCXTPL = DocxTemplate(io.BytesIO())

P = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"

CLEAN = [
    # -- tags split across runs are joined --
    (
        "<w:p><w:r><w:t>{{ act.</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>number }}</w:t></w:r></w:p>",
        '<w:p><w:r><w:t xml:space="preserve">{{ act.number }}</w:t></w:r></w:p>',
    ),
    (
        "<w:p><w:r><w:t>{</w:t></w:r><w:r><w:t>{ x }</w:t></w:r><w:r><w:t>}</w:t></w:r></w:p>",
        '<w:p><w:r><w:t xml:space="preserve">{{ x }}</w:t></w:r></w:p>',
    ),
    # -- a text node holding a tag keeps its spaces --
    (P.format("а {{ x }} б"), '<w:p><w:r><w:t xml:space="preserve">а {{ x }} б</w:t></w:r></w:p>'),
    # -- {%p / {%tr / {%tc / {%r: the tag replaces its element --
    (P.format("{%p if x %}"), "{% if x %}"),
    (
        "<w:tbl><w:tr><w:tc>" + P.format("{%tr for r in rows %}") + "</w:tc></w:tr></w:tbl>",
        "<w:tbl>{% for r in rows %}</w:tbl>",
    ),
    ("<w:tr><w:tc>" + P.format("{%tc endfor %}") + "</w:tc></w:tr>", "<w:tr>{% endfor %}</w:tr>"),
    (
        "<w:p><w:r><w:t>а</w:t></w:r><w:r><w:t>{%r if x %}</w:t></w:r></w:p>",
        '<w:p><w:r><w:t>а</w:t></w:r><w:r><w:t xml:space="preserve"></w:t></w:r>{% if x %}'
        '<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>',
    ),
    (P.format("{{p x }}"), "{{ x }}"),
    (P.format("{#p комментарий #}"), "{# комментарий #}"),
    # -- {%- joins the previous paragraph's text, -%} the next one's --
    (
        P.format("а") + P.format("{%- if x %}б"),
        "<w:p><w:r><w:t>а{% if x %}б</w:t></w:r></w:p>",
    ),
    # -- Word's typographic quotes and escaped brackets inside a tag --
    (
        P.format("{{ x | case(\u2018gent\u2019) }}"),
        "<w:p><w:r><w:t xml:space=\"preserve\">{{ x | case('gent') }}</w:t></w:r></w:p>",
    ),
    (
        P.format("{% if a &gt; 1 %}"),
        '<w:p><w:r><w:t xml:space="preserve">{% if a > 1 %}</w:t></w:r></w:p>',
    ),
    # -- cell tags --
    (
        '<w:tc><w:tcPr><w:tcW w:w="100"/></w:tcPr><w:p><w:r><w:t>{% colspan n %}</w:t></w:r>'
        "<w:r><w:t></w:t></w:r></w:p></w:tc>",
        # -- the tag's run, now empty, goes (and so does any other empty run) --
        '<w:tc><w:tcPr><w:gridSpan w:val="{{n }}"/><w:tcW w:w="100"/></w:tcPr><w:p></w:p></w:tc>',
    ),
    (
        "<w:tc><w:tcPr></w:tcPr>" + P.format("{% cellbg c %}") + "</w:tc>",
        '<w:tc><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{{c }}"/></w:tcPr><w:p></w:p>'
        "</w:tc>",
    ),
    (
        "<w:tc><w:tcPr></w:tcPr>" + P.format("а{% vm %}") + "</w:tc>",
        '<w:tc><w:tcPr><w:vMerge w:val="{% if loop.first %}restart{% else %}continue'
        '{% endif %}"/></w:tcPr><w:p><w:r><w:t xml:space="preserve">{% if loop.first %}а'
        "{% endif %}</w:t></w:r></w:p></w:tc>",
    ),
    (
        "<w:tc><w:tcPr></w:tcPr>" + P.format("а{% hm %}") + "</w:tc>",
        '{% if loop.first %}<w:tc><w:tcPr><w:gridSpan w:val="{{ loop.length }}"/></w:tcPr>'
        '<w:p><w:r><w:t xml:space="preserve">а</w:t></w:r></w:p></w:tc>{% endif %}',
    ),
    (
        '<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>' + P.format("а{% hm %}") + "</w:tc>",
        '{% if loop.first %}<w:tc><w:tcPr><w:gridSpan w:val="{{ 2 * loop.length }}"/></w:tcPr>'
        '<w:p><w:r><w:t xml:space="preserve">а</w:t></w:r></w:p></w:tc>{% endif %}',
    ),
    # -- nothing to do --
    (P.format("просто текст"), P.format("просто текст")),
]


@pytest.mark.parametrize(("xml", "expected"), CLEAN)
def test_clean_tags(xml, expected):
    assert jinja.clean_tags(xml) == expected


@pytest.mark.parametrize(("xml", "expected"), CLEAN)
def test_clean_tags_is_docxtpls_patch_xml(xml, expected):
    assert jinja.clean_tags(xml) == DOCXTPL.patch_xml(xml)


def shipped_story_parts():
    for template_id in core().template_ids():
        with zipfile.ZipFile(core().template(template_id).path) as zf:
            for name in zf.namelist():
                if is_story(name):
                    yield f"{template_id}:{name}", zf.read(name).decode("utf-8")


@pytest.mark.parametrize(("where", "xml"), list(shipped_story_parts()))
def test_every_shipped_part_cleans_as_docxtpl_cleans_it(where, xml):
    assert jinja.clean_tags(xml) == DOCXTPL.patch_xml(xml), where


def test_jinja_source_puts_each_paragraph_on_a_line_and_finish_joins_them():
    xml = P.format("а") + '<w:p w:rsidR="1">' + "<w:r><w:t>б</w:t></w:r></w:p>"
    source = jinja.jinja_source(xml)
    assert source.splitlines() == [
        "",
        P.format("а"),
        '<w:p w:rsidR="1"><w:r><w:t>б</w:t></w:r></w:p>',
    ]
    assert jinja.finish(source) == xml


LISTINGS = [
    (
        "<w:t>а\tб</w:t>",
        "<w:t>а</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:tab/></w:r><w:r>"
        '<w:rPr><w:b/></w:rPr><w:t xml:space="preserve">б</w:t>',
    ),
    ("<w:t>а\nб</w:t>", '<w:t>а</w:t><w:br/><w:t xml:space="preserve">б</w:t>'),
    (
        "<w:t>а\aб</w:t>",
        '<w:t>а</w:t></w:r></w:p><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r>'
        '<w:rPr><w:b/></w:rPr><w:t xml:space="preserve">б</w:t>',
    ),
    (
        "<w:t>а\fб</w:t>",
        '<w:t>а</w:t></w:r></w:p><w:p><w:r><w:br w:type="page"/></w:r></w:p>'
        '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>'
        '<w:t xml:space="preserve">б</w:t>',
    ),
    ("<w:t>без особых знаков</w:t>", "<w:t>без особых знаков</w:t>"),
]


@pytest.mark.parametrize(("text", "expected"), LISTINGS)
def test_resolve_listing(text, expected):
    head = '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>'
    xml = f"{head}{text}</w:r></w:p>"
    assert jinja.resolve_listing(xml) == f"{head}{expected}</w:r></w:p>"
    assert jinja.resolve_listing(xml) == DOCXTPL.resolve_listing(xml)


def test_resolve_listing_leaves_other_paragraphs_as_they_are():
    xml = P.format("а") + P.format("б\nв") + P.format("г")
    assert jinja.resolve_listing(xml) == DOCXTPL.resolve_listing(xml)
    assert jinja.resolve_listing(xml).startswith(P.format("а"))


@pytest.mark.parametrize(
    ("rendered", "expected"),
    [("{_{ x }_}", "{{ x }}"), ("{_% if %_}", "{% if %}"), ("a_b", "a_b")],
)
def test_finish_undoes_escapes(rendered, expected):
    assert jinja.finish(P.format(rendered)) == P.format(expected)


def test_source_context_names_the_paragraphs_around_a_line():
    source = jinja.jinja_source("".join(P.format(t) for t in "абвгде"))
    assert jinja.source_context(source, 4) == ["а", "б", "в", "г", "д"]
    assert jinja.source_context(source, None) == []


@pytest.mark.parametrize(
    ("xml", "text"),
    [("<w:p><w:r><w:t>а</w:t></w:r></w:p>", "а"), ('<w:t xml:space="preserve"> б </w:t>', " б ")],
)
def test_strip_markup(xml, text):
    assert jinja.strip_markup(xml) == text
