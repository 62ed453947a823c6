"""A paragraph read by :mod:`docgen.ooxml.formatting` → the model's :class:`Format`.

Lengths become cm and points, the line spacing a multiple of single spacing; fonts and
sizes are counted over visible characters. What the reader memoises per paragraph is
frozen (tuples only, :func:`paragraph_facts`), and every paragraph of the model gets its
own Format from it (:func:`thaw`), so no rule can change another document's.
"""

from __future__ import annotations

from ..ooxml.formatting import ParagraphRead
from .model import Format
from .patterns import strip_marks

TWIP_CM = 2.54 / 1440
#: The fields of Format.direct (a paragraph's own formatting the layout rules look at).
_DIRECT = frozenset(("align", "first_line", "left", "right", "line", "before", "after", "tabs"))

#: A Format as stored in the paragraph memo: its fields, fonts and sizes as item tuples.
FrozenFormat = tuple


def paragraph_facts(read: ParagraphRead) -> tuple:
    """Return what the model takes from a paragraph, all of it determined by its XML.

    (text, clean text, style name, frozen Format, page break before, page break in the
    runs, ends a section).
    """
    fmt = _format(read)
    frozen = (
        fmt.align,
        fmt.first_line,
        fmt.left,
        fmt.right,
        fmt.line,
        fmt.line_rule,
        fmt.before,
        fmt.after,
        fmt.tabs,
        fmt.numbered,
        fmt.bold,
        fmt.caps,
        tuple(fmt.fonts.items()),
        tuple(fmt.sizes.items()),
        fmt.direct,
    )
    return (
        read.text,
        strip_marks(read.text),
        read.style,
        frozen,
        read.format.page_break_before,
        read.page_break,
        read.ends_section,
    )


def thaw(frozen: FrozenFormat) -> Format:
    """Return a new Format (own dicts) from its frozen fields."""
    # -- spelled out: one call per paragraph of every checked document, and a starred
    #    unpacking costs twice as much --
    (align, first_line, left, right, line, line_rule, before, after, tabs, numbered, bold,
     caps, fonts, sizes, direct) = frozen  # fmt: skip
    return Format(
        align, first_line, left, right, line, line_rule, before, after, tabs, numbered, bold,
        caps, dict(fonts), dict(sizes), direct,
    )  # fmt: skip


def _format(read: ParagraphRead) -> Format:
    """Return the model's Format of a paragraph: lengths in cm, fonts and sizes counted
    over visible characters, bold and capitals only when every run with text is."""
    fonts: dict[str, int] = {}
    sizes: dict[float, int] = {}
    bold = caps = bool(read.runs)
    for visible, font, size, run_bold, run_caps in read.runs:
        font = font or "?"
        fonts[font] = fonts.get(font, 0) + visible
        sizes[size] = sizes.get(size, 0) + visible
        bold = bold and run_bold
        caps = caps and run_caps
    props = read.format
    if props.line_rule == "auto":
        line_value = props.line / 240
    else:
        # -- an exact or minimum spacing (twips) as a multiple of the main size's line --
        size = max(sizes, key=sizes.get) if sizes else 14.0
        line_value = (props.line / 20) / (size * 1.15)
    return Format(
        align=props.align,
        first_line=props.first_line * TWIP_CM,
        left=props.left * TWIP_CM,
        right=props.right * TWIP_CM,
        line=round(line_value, 3),
        line_rule=props.line_rule,
        before=props.before / 20,
        after=props.after / 20,
        tabs=tuple((kind, pos * TWIP_CM) for kind, pos in props.tabs),
        numbered=props.numbered,
        bold=bold,
        caps=caps,
        fonts=fonts,
        sizes=sizes,
        direct=props.direct & _DIRECT,
    )
