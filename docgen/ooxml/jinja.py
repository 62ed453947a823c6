"""A story part's XML → Jinja source, and rendered Jinja output → XML again.

This is docxtpl's tag clean-up (``DocxTemplate.patch_xml``, ``render_xml_part`` and
``resolve_listing`` of docxtpl 0.20), ported step by step so that docgen does not depend
on docxtpl's internals; tests/ooxml/test_ooxml_jinja.py compares every step with docxtpl itself.
Template editors write tags as text in Word; Word splits text into runs as it pleases, so
before Jinja can read a part its tags are joined again and docxtpl's extended tags are
rewritten:

* ``{%p …%}``, ``{%tr …%}``, ``{%tc …%}``, ``{%r …%}`` (also ``{{p …}}``, ``{#p …#}``):
  the tag replaces its whole paragraph, table row, cell or run (a loop repeats a row);
* ``{%- …`` / ``… -%}``: join with the previous / next paragraph's text;
* ``{% colspan N %}``, ``{% cellbg C %}``: the cell's ``w:gridSpan`` / ``w:shd`` fill;
* ``{% vm %}``, ``{% hm %}``: vertical / horizontal merge of a cell in a loop;
* ``{_{`` ``}_}`` ``{_%`` ``%_}``: literal ``{{ }} {% %}`` in the output.

After rendering, a tab, newline, ``\\a`` or ``\\f`` inside ``<w:t>`` becomes a tab run, a
line break, a new paragraph or a page break (:func:`resolve_listing`).
"""

from __future__ import annotations

import re


def _tagged_element_re(element: str, opening: str, rest: str) -> re.Pattern:
    """``<w:ELEMENT …>…{%ELEMENT rest…</w:ELEMENT>``, the tag's opening and rest captured."""
    return re.compile(
        f"<w:{element}[ >](?:(?!<w:{element}[ >]).)*({opening}){element} ({rest}).*?</w:{element}>",
        re.DOTALL,
    )


# -- docxtpl's patterns, kept character for character (their behaviour, quirks
# -- included, is what templates are written against)
_SPLIT_DELIMITER_RE = re.compile(
    r"(?<={)(<[^>]*>)+(?=[\{%\#])|(?<=[%\}\#])(<[^>]*>)+(?=\})", re.DOTALL
)
_TAG_BODY_RE = re.compile(r"{%(?:(?!%}).)*|{#(?:(?!#}).)*|{{(?:(?!}}).)*", re.DOTALL)
_TEXT_BOUNDARY_RE = re.compile(r"</w:t>.*?(<w:t>|<w:t [^>]*>)", re.DOTALL)
_COLSPAN_RE = re.compile(
    r"(<w:tc[ >](?:(?!<w:tc[ >]).)*){%\s*colspan\s+([^%]*)\s*%}(.*?</w:tc>)", re.DOTALL
)
_CELLBG_RE = re.compile(
    r"(<w:tc[ >](?:(?!<w:tc[ >]).)*){%\s*cellbg\s+([^%]*)\s*%}(.*?</w:tc>)", re.DOTALL
)
_EMPTY_RUN_RE = re.compile(r"<w:r[ >](?:(?!<w:r[ >]).)*<w:t></w:t>.*?</w:r>", re.DOTALL)
_GRID_SPAN_RE = re.compile(r"<w:gridSpan[^/]*/>")
_SHADING_RE = re.compile(r"<w:shd[^/]*/>")
_CELL_PROPS_RE = re.compile(r"(<w:tcPr[^>]*>)")
_UNPRESERVED_TAG_RE = re.compile(r"<w:t>((?:(?!<w:t>).)*)({{.*?}}|{%.*?%})", re.DOTALL)
_RUN_TAG_RE = re.compile(r"({{r\s.*?}}|{%r\s.*?%})", re.DOTALL)
_TRIM_LEFT_RE = re.compile(r"</w:t>(?:(?!</w:t>).)*?{%-", re.DOTALL)
_TRIM_RIGHT_RE = re.compile(r"-%}(?:(?!<w:t[ >]|{%|{{).)*?<w:t[^>]*?>", re.DOTALL)
_ELEMENT_TAG_RES = [
    _tagged_element_re(y, "{%|{{", "[^}%]*(?:%}|}})") for y in ("tr", "tc", "p", "r")
]
_ELEMENT_COMMENT_RES = [_tagged_element_re(y, "{#", "[^}#]*(?:#})") for y in ("tr", "tc", "p")]
_VM_CELL_RE = re.compile(r"<w:tc[ >](?:(?!<w:tc[ >]).)*?{%\s*vm\s*%}.*?</w:tc[ >]", re.DOTALL)
_VM_TEXT_RE = re.compile(
    r"(</w:tcPr[ >].*?<w:t(?:.*?)>)(.*?)(?:{%\s*vm\s*%})(.*?)(</w:t>)", re.DOTALL
)
_HM_CELL_RE = re.compile(r"<w:tc[ >](?:(?!<w:tc[ >]).)*?{%\s*hm\s*%}.*?</w:tc[ >]", re.DOTALL)
_HM_TEXT_RE = re.compile(
    r"(</w:tcPr[ >].*?<w:t(?:.*?)>)(.*?)(?:{%\s*hm\s*%})(.*?)(</w:t>)", re.DOTALL
)
_HM_RE = re.compile(r"{%\s*hm\s*%}", re.DOTALL)
_GRID_SPAN_VALUE_RE = re.compile(r'(w:gridSpan w:val=")(\d+)(")', re.DOTALL)
_INSIDE_TAG_RE = re.compile(r"(?<=\{[\{%])(.*?)(?=[\}%]})")
_PARAGRAPH_START_RE = re.compile(r"<w:p([ >])")
_LISTING_PARAGRAPH_RE = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)
_LISTING_RUN_RE = re.compile(r"<w:r(?: [^>]*)?>.*?</w:r>", re.DOTALL)
_LISTING_TEXT_RE = re.compile(r"<w:t(?: [^>]*)?>.*?</w:t>", re.DOTALL)
_PARAGRAPH_PROPS_RE = re.compile(r"<w:pPr>.*?</w:pPr>")
_RUN_PROPS_RE = re.compile(r"<w:rPr>.*?</w:rPr>")
_LISTING_CHARS = ("\t", "\n", "\a", "\f")
_TAG_CHARS = {
    "&#8216;": "'",
    "&lt;": "<",
    "&gt;": ">",
    "\u201c": '"',
    "\u201d": '"',
    "\u2018": "'",
    "\u2019": "'",
}
_ESCAPES = {"{_{": "{{", "}_}": "}}", "{_%": "{%", "%_}": "%}"}
_MARKUP_RE = re.compile(r"<[^>]+>")


def jinja_source(xml: str) -> str:
    """Return the Jinja source of a story part (or a body): tags cleaned, one paragraph a line.

    Each ``<w:p`` starts a new line, so Jinja's line numbers point at paragraphs
    (:func:`source_context`); :func:`finish` joins them again.
    """
    return _PARAGRAPH_START_RE.sub(r"\n<w:p\1", clean_tags(xml))


def finish(xml: str) -> str:
    """Return rendered Jinja output as XML: lines joined, escapes undone, listings resolved."""
    xml = join_paragraph_lines(xml)
    if "_" in xml:
        for escaped, plain in _ESCAPES.items():
            xml = xml.replace(escaped, plain)
    return resolve_listing(xml)


def join_paragraph_lines(xml: str) -> str:
    """Return `xml` without the line breaks :func:`jinja_source` put before paragraphs.

    ``…</w:p>\\n<w:p>…`` → ``…</w:p><w:p>…``; any other ``\\n`` (in a value) stays.
    """
    if "\n" not in xml:
        return xml
    # -- a split on the rare character beats a substring search over the whole part --
    lines = xml.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        if not line.startswith(("<w:p>", "<w:p ")):
            out.append("\n")
        out.append(line)
    return "".join(out)


def source_context(source: str, lineno: int | None) -> list[str]:
    """Return the text (markup stripped) of the paragraphs around Jinja line `lineno`."""
    if not lineno:
        return []
    lines = source.splitlines()[max(lineno - 3, 0) : lineno + 2]
    return [t for t in (strip_markup(line).strip() for line in lines) if t]


def strip_markup(xml: str) -> str:
    """Return `xml` with every tag removed: ``<w:r><w:t>a</w:t></w:r>`` → ``a``."""
    return _MARKUP_RE.sub("", xml)


def clean_tags(xml: str) -> str:
    """Return `xml` with docxtpl's clean-up applied (``DocxTemplate.patch_xml``)."""
    xml = join_split_tags(xml)
    xml = _COLSPAN_RE.sub(
        lambda m: _cell_tag(m, _GRID_SPAN_RE, '<w:gridSpan w:val="{{%s}}"/>'), xml
    )
    xml = _CELLBG_RE.sub(
        lambda m: _cell_tag(
            m, _SHADING_RE, '<w:shd w:val="clear" w:color="auto" w:fill="{{%s}}"/>'
        ),
        xml,
    )
    xml = preserve_tag_spaces(xml)
    xml = trim_joined_paragraphs(xml)
    xml = replace_tagged_elements(xml)
    xml = _VM_CELL_RE.sub(_vertical_merge, xml)
    xml = _HM_CELL_RE.sub(_horizontal_merge, xml)
    return _INSIDE_TAG_RE.sub(lambda m: _plain_tag_chars(m.group(0)), xml)


def join_split_tags(xml: str) -> str:
    """Return `xml` with every Jinja tag joined into one text node.

    ``{<w:t>{ x }</w:t></w:r><w:r><w:t>}`` → ``{{ x }}``: markup between the two braces
    of a delimiter goes, and so does everything from ``</w:t>`` to the next ``<w:t …>``
    inside a tag.
    """
    xml = _SPLIT_DELIMITER_RE.sub("", xml)
    return _TAG_BODY_RE.sub(lambda m: _TEXT_BOUNDARY_RE.sub("", m.group(0)), xml)


def preserve_tag_spaces(xml: str) -> str:
    """Return `xml` where a text node holding a tag keeps its spaces, and ``{%r``/``{{r``
    tags stand in runs of their own.

    ``<w:t>a {{ x }}`` → ``<w:t xml:space="preserve">a {{ x }}``.
    """
    xml = _UNPRESERVED_TAG_RE.sub(r'<w:t xml:space="preserve">\1\2', xml)
    return _RUN_TAG_RE.sub(
        r'</w:t></w:r><w:r><w:t xml:space="preserve">\1</w:t></w:r><w:r><w:t xml:space="preserve">',
        xml,
    )


def trim_joined_paragraphs(xml: str) -> str:
    """Return `xml` where ``{%-`` joins the previous text node and ``-%}`` the next one.

    ``a</w:t></w:r></w:p><w:p><w:r><w:t>{%- if x %}`` → ``a{% if x %}``.
    """
    xml = _TRIM_LEFT_RE.sub("{%", xml)
    return _TRIM_RIGHT_RE.sub("%}", xml)


def replace_tagged_elements(xml: str) -> str:
    """Return `xml` where a row, cell, paragraph or run holding a ``{%tr``, ``{%tc``,
    ``{%p`` or ``{%r`` tag (or ``{{p``…, ``{#p``…) is replaced by the bare tag.

    ``<w:p><w:r><w:t>{%p if x %}</w:t></w:r></w:p>`` → ``{% if x %}``.
    """
    for pattern in _ELEMENT_TAG_RES:
        xml = pattern.sub(r"\1 \2", xml)
    for pattern in _ELEMENT_COMMENT_RES:
        xml = pattern.sub(r"\1 \2", xml)
    return xml


def resolve_listing(xml: str) -> str:
    """Return rendered `xml` where special characters inside ``<w:t>`` become markup.

    A tab → ``</w:t></w:r><w:r>RPR<w:tab/></w:r><w:r>RPR<w:t xml:space="preserve">``;
    ``\\n`` → ``</w:t><w:br/><w:t xml:space="preserve">``; ``\\a`` → a new paragraph and
    ``\\f`` → a page break between two paragraphs, each with the paragraph's ``w:pPr``
    (RPR: the run's ``w:rPr``). Paragraphs without such characters are left as they are.
    """
    if not any(c in xml for c in _LISTING_CHARS):
        return xml
    return _LISTING_PARAGRAPH_RE.sub(_listing_paragraph, xml)


def _listing_paragraph(m: re.Match) -> str:
    paragraph = m.group(0)
    if not any(c in paragraph for c in _LISTING_CHARS):
        return paragraph
    props = _PARAGRAPH_PROPS_RE.search(paragraph)
    p_props = props.group(0) if props else ""

    def run(rm: re.Match) -> str:
        found = _RUN_PROPS_RE.search(rm.group(0))
        r_props = found.group(0) if found else ""
        return _LISTING_TEXT_RE.sub(
            lambda t: _listing_text(t.group(0), r_props, p_props), rm.group(0)
        )

    return _LISTING_RUN_RE.sub(run, paragraph)


def _listing_text(text: str, r_props: str, p_props: str) -> str:
    text = text.replace(
        "\t",
        f'</w:t></w:r><w:r>{r_props}<w:tab/></w:r><w:r>{r_props}<w:t xml:space="preserve">',
    )
    text = text.replace(
        "\a",
        f'</w:t></w:r></w:p><w:p>{p_props}<w:r>{r_props}<w:t xml:space="preserve">',
    )
    text = text.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
    return text.replace(
        "\f",
        '</w:t></w:r></w:p><w:p><w:r><w:br w:type="page"/></w:r></w:p>'
        f'<w:p>{p_props}<w:r>{r_props}<w:t xml:space="preserve">',
    )


def _cell_tag(m: re.Match, old_re: re.Pattern, new: str) -> str:
    """``<w:tc>…{% colspan N %}…</w:tc>``: the cell's property set from the tag, the tag's
    now empty run dropped."""
    cell = _EMPTY_RUN_RE.sub("", m.group(1) + m.group(3))
    cell = old_re.sub("", cell, count=1)
    # -- a replacement template, as docxtpl has it (a backslash in the tag is an escape) --
    return _CELL_PROPS_RE.sub(r"\1" + new % m.group(2), cell)


def _vertical_merge(m: re.Match) -> str:
    """``<w:tc>…<w:t>a{% vm %}b</w:t>…`` in a loop: merged with the cell above but in the
    first iteration, text shown once."""

    def merge(t: re.Match) -> str:
        return (
            '<w:vMerge w:val="{% if loop.first %}restart{% else %}continue{% endif %}"/>'
            + t.group(1)
            + "{% if loop.first %}"
            + t.group(2)
            + t.group(3)
            + "{% endif %}"
            + t.group(4)
        )

    return _VM_TEXT_RE.sub(merge, m.group(0))


def _horizontal_merge(m: re.Match) -> str:
    """``<w:tc>…{% hm %}…`` in a loop: one cell spanning the loop's length."""
    cell = m.group(0)
    if re.search(r"w:gridSpan", cell):
        cell = _GRID_SPAN_VALUE_RE.sub(
            lambda g: g.group(1) + "{{ " + g.group(2) + " * loop.length }}" + g.group(3), cell
        )
        cell = _HM_RE.sub("", cell)
    else:
        cell = _HM_TEXT_RE.sub(
            lambda t: (
                '<w:gridSpan w:val="{{ loop.length }}"/>'
                + t.group(1)
                + t.group(2)
                + t.group(3)
                + t.group(4)
            ),
            cell,
        )
    return "{% if loop.first %}" + cell + "{% endif %}"


def _plain_tag_chars(tag: str) -> str:
    """Inside a tag, Word's typographic quotes and escaped ``< >`` become plain ones."""
    for word_char, plain in _TAG_CHARS.items():
        tag = tag.replace(word_char, plain)
    return tag
