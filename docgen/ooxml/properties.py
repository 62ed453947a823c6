"""Paragraph and run properties (``w:pPr``, ``w:rPr``) as dicts, and their layering.

The shapes read::

    <w:pPr><w:pStyle w:val="a3"/><w:jc w:val="both"/><w:ind w:firstLine="709"/>
           <w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>
           <w:tabs><w:tab w:val="right" w:pos="9355"/></w:tabs><w:numPr>…</w:numPr>
           <w:pageBreakBefore/></w:pPr>
    <w:rPr><w:rStyle w:val="…"/><w:rFonts w:ascii="Times New Roman" w:hAnsi="…"/>
           <w:b/><w:caps/><w:sz w:val="28"/></w:rPr>

Property dicts use short keys: ``jc first left right before after line lineRule tabs
numbered pbb`` (paragraph) and ``font sz b caps`` (run); lengths stay in twips, sizes in
half-points; a theme font is ``"theme:major"`` or ``"theme:minor"``. Only what is set is
in a dict, so that layers (:func:`merge`) override property by property.
"""

from __future__ import annotations

from .tree import W, attr, is_on, to_int

#: ``w:jc`` values → left, center, right, justify (ECMA-376 §17.18.44, old and new names).
ALIGN = {
    "both": "justify",
    "distribute": "justify",
    "justify": "justify",
    "center": "center",
    "right": "right",
    "end": "right",
    "left": "left",
    "start": "left",
}

_JC, _IND, _SPACING, _TABS, _NUM_PR, _PBB = (
    W + t for t in ("jc", "ind", "spacing", "tabs", "numPr", "pageBreakBefore")
)
_PPR_CHILDREN = frozenset((_JC, _IND, _SPACING, _TABS, _NUM_PR, _PBB))
_RFONTS, _SZ, _B, _CAPS = (W + t for t in ("rFonts", "sz", "b", "caps"))
_RPR_CHILDREN = frozenset((_RFONTS, _SZ, _B, _CAPS))
_TAB, _NUM_ID = W + "tab", W + "numId"


def _first_children(el, tags: frozenset) -> dict:
    """Return the first child of `el` with each tag of `tags` (what ``el.find`` gives)."""
    found: dict = {}
    for child in el:
        tag = child.tag
        if tag in tags and tag not in found:
            found[tag] = child
    return found


def ppr_props(ppr) -> dict:
    """Return the paragraph properties set in the ``w:pPr`` element `ppr` (None: none)."""
    out: dict = {}
    if ppr is None:
        return out
    children = _first_children(ppr, _PPR_CHILDREN)
    if not children:
        return out
    jc = attr(children.get(_JC), "val")
    if jc:
        out["jc"] = jc
    ind = children.get(_IND)
    if ind is not None:
        first, hanging = to_int(attr(ind, "firstLine")), to_int(attr(ind, "hanging"))
        if hanging is not None:
            out["first"] = -hanging
        elif first is not None:
            out["first"] = first
        for key, names in (("left", ("left", "start")), ("right", ("right", "end"))):
            for name in names:
                value = to_int(attr(ind, name))
                if value is not None:
                    out[key] = value
                    break
    spacing = children.get(_SPACING)
    if spacing is not None:
        for key in ("before", "after", "line"):
            value = to_int(attr(spacing, key))
            if value is not None:
                out[key] = value
        rule = attr(spacing, "lineRule")
        if rule:
            out["lineRule"] = rule
    tabs = children.get(_TABS)
    if tabs is not None:
        out["tabs"] = [
            (attr(t, "val") or "left", to_int(attr(t, "pos")) or 0) for t in tabs.findall(_TAB)
        ]
    num_pr = children.get(_NUM_PR)
    if num_pr is not None:
        # -- ``w:numId w:val="0"`` switches a style's numbering off --
        num_id = attr(num_pr.find(_NUM_ID), "val")
        out["numbered"] = num_id not in (None, "0")
    pbb = is_on(children.get(_PBB))
    if pbb is not None:
        out["pbb"] = pbb
    return out


def rpr_props(rpr) -> dict:
    """Return the run properties set in the ``w:rPr`` element `rpr` (None: none)."""
    out: dict = {}
    if rpr is None:
        return out
    children = _first_children(rpr, _RPR_CHILDREN)
    if not children:
        return out
    fonts = children.get(_RFONTS)
    if fonts is not None:
        # -- Cyrillic and Latin text take the hAnsi/ascii font (cs is complex scripts) --
        name = attr(fonts, "hAnsi") or attr(fonts, "ascii")
        theme = attr(fonts, "hAnsiTheme") or attr(fonts, "asciiTheme")
        if name:
            out["font"] = name
        elif theme:
            out["font"] = "theme:" + ("major" if theme.startswith("major") else "minor")
    size = to_int(attr(children.get(_SZ), "val"))
    if size is not None:
        out["sz"] = size
    for key, tag in (("b", _B), ("caps", _CAPS)):
        value = is_on(children.get(tag))
        if value is not None:
            out[key] = value
    return out


def merge(*layers: dict) -> dict:
    """Return the property dicts applied in order; tab stops add up (``clear`` removes)."""
    out: dict = {}
    for layer in layers:
        for key, value in layer.items():
            if key == "tabs":
                stops = {pos: kind for kind, pos in out.get("tabs", [])}
                for kind, pos in value:
                    if kind == "clear":
                        stops.pop(pos, None)
                    else:
                        stops[pos] = kind
                out["tabs"] = [(kind, pos) for pos, kind in sorted(stops.items())]
            else:
                out[key] = value
    return out
