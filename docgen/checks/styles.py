"""Effective formatting of .docx paragraphs and runs through Word's style inheritance.

The order Word applies (lowest first): ``docDefaults`` → table style → paragraph style and
its ``basedOn`` chain → character style chain → direct formatting. Each property is
resolved separately (a style that sets only ``w:jc`` leaves the indents to its parent).
The XML shapes read here::

    <w:pPr><w:pStyle w:val="a3"/><w:jc w:val="both"/><w:ind w:firstLine="709"/>
           <w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>
           <w:tabs><w:tab w:val="right" w:pos="9355"/></w:tabs><w:numPr>…</w:numPr></w:pPr>
    <w:rPr><w:rStyle w:val="…"/><w:rFonts w:ascii="Times New Roman" w:hAnsi="…"/>
           <w:b/><w:caps/><w:sz w:val="28"/></w:rPr>

Property dicts use short keys: ``jc first left right before after line lineRule tabs
numbered pbb`` (paragraph) and ``font sz b caps`` (run); lengths stay in twips.
"""

from __future__ import annotations

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_OFF = {"0", "false", "off", "none"}


def w(tag: str) -> str:
    """Return the Clark name of the WordprocessingML element or attribute `tag`."""
    return W + tag


def attr(el, name: str) -> str | None:
    """Return the w:`name` attribute of `el` (None when `el` is None or has none)."""
    return None if el is None else el.get(W + name)


def is_on(el) -> bool | None:
    """Return the value of an OOXML boolean element: None when absent, `<w:b/>` is True."""
    if el is None:
        return None
    return (el.get(W + "val") or "1").lower() not in _OFF


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value is not None else None
    except ValueError:
        return None


_JC, _IND, _SPACING, _TABS, _NUM_PR, _PBB = (
    W + t for t in ("jc", "ind", "spacing", "tabs", "numPr", "pageBreakBefore")
)
_PPR_CHILDREN = frozenset((_JC, _IND, _SPACING, _TABS, _NUM_PR, _PBB))
_RFONTS, _SZ, _B, _CAPS = (W + t for t in ("rFonts", "sz", "b", "caps"))
_RPR_CHILDREN = frozenset((_RFONTS, _SZ, _B, _CAPS))


def _first_children(el, tags: frozenset) -> dict:
    """Return the first child of `el` with each tag of `tags` (what ``el.find`` gives)."""
    found: dict = {}
    for child in el:
        tag = child.tag
        if tag in tags and tag not in found:
            found[tag] = child
    return found


def ppr_props(ppr) -> dict:
    """Return the paragraph properties set in a `w:pPr` element (twips)."""
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
        first, hanging = _int(attr(ind, "firstLine")), _int(attr(ind, "hanging"))
        if hanging is not None:
            out["first"] = -hanging
        elif first is not None:
            out["first"] = first
        for key, names in (("left", ("left", "start")), ("right", ("right", "end"))):
            for name in names:
                value = _int(attr(ind, name))
                if value is not None:
                    out[key] = value
                    break
    spacing = children.get(_SPACING)
    if spacing is not None:
        for key in ("before", "after", "line"):
            value = _int(attr(spacing, key))
            if value is not None:
                out[key] = value
        rule = attr(spacing, "lineRule")
        if rule:
            out["lineRule"] = rule
    tabs = children.get(_TABS)
    if tabs is not None:
        out["tabs"] = [
            (attr(t, "val") or "left", _int(attr(t, "pos")) or 0) for t in tabs.findall(W + "tab")
        ]
    num_pr = children.get(_NUM_PR)
    if num_pr is not None:
        num_id = attr(num_pr.find(W + "numId"), "val")
        out["numbered"] = num_id not in (None, "0")
    pbb = is_on(children.get(_PBB))
    if pbb is not None:
        out["pbb"] = pbb
    return out


def rpr_props(rpr) -> dict:
    """Return the run properties set in a `w:rPr` element (font, half-point size, b, caps)."""
    out: dict = {}
    if rpr is None:
        return out
    children = _first_children(rpr, _RPR_CHILDREN)
    if not children:
        return out
    fonts = children.get(_RFONTS)
    if fonts is not None:
        name = attr(fonts, "hAnsi") or attr(fonts, "ascii")
        theme = attr(fonts, "hAnsiTheme") or attr(fonts, "asciiTheme")
        if name:
            out["font"] = name
        elif theme:
            out["font"] = "theme:" + ("major" if theme.startswith("major") else "minor")
    size = _int(attr(children.get(_SZ), "val"))
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


class StyleSheet:
    """The styles of one .docx with memoised effective properties per style."""

    def __init__(self, styles_xml: bytes | None, theme_xml: bytes | None = None) -> None:
        self._styles: dict[str, tuple[str, str, str | None, dict, dict]] = {}
        self.default: dict[str, str] = {}
        self.doc_ppr: dict = {}
        self.doc_rpr: dict = {}
        self.lang: str | None = None
        self._theme = _theme_fonts(theme_xml)
        self._chain_cache: dict[tuple[str, str], tuple[dict, dict]] = {}
        self._base_cache: dict[tuple[str | None, str | None], tuple[dict, dict]] = {}
        if styles_xml:
            self._parse(etree.fromstring(styles_xml))

    def _parse(self, root) -> None:
        defaults = root.find(W + "docDefaults")
        if defaults is not None:
            self.doc_ppr = ppr_props(defaults.find(f"{W}pPrDefault/{W}pPr"))
            rpr = defaults.find(f"{W}rPrDefault/{W}rPr")
            self.doc_rpr = rpr_props(rpr)
            if rpr is not None:
                self.lang = attr(rpr.find(W + "lang"), "val")
        for style in root.findall(W + "style"):
            sid = attr(style, "styleId")
            kind = attr(style, "type") or "paragraph"
            if not sid:
                continue
            name = attr(style.find(W + "name"), "val") or sid
            based = attr(style.find(W + "basedOn"), "val")
            rpr = style.find(W + "rPr")
            self._styles[sid] = (
                kind,
                name,
                based,
                ppr_props(style.find(W + "pPr")),
                rpr_props(rpr),
            )
            if style.get(W + "default") in ("1", "true", "on"):
                self.default.setdefault(kind, sid)
            if (
                kind == "paragraph"
                and self.lang is None
                and name.lower() == "normal"
                and rpr is not None
            ):
                self.lang = attr(rpr.find(W + "lang"), "val")

    def name(self, style_id: str | None, kind: str = "paragraph") -> str | None:
        """Return the display name of `style_id` (the default style when None)."""
        sid = style_id or self.default.get(kind)
        style = self._styles.get(sid or "")
        return style[1] if style else None

    def chain(self, style_id: str | None, kind: str = "paragraph") -> tuple[dict, dict]:
        """Return (pPr, rPr) of `style_id` merged along its basedOn chain, base first."""
        sid = style_id if style_id in self._styles else self.default.get(kind)
        if not sid:
            return {}, {}
        key = (sid, kind)
        if key not in self._chain_cache:
            layers = []
            seen = set()
            while sid and sid in self._styles and sid not in seen:
                seen.add(sid)
                layers.append(self._styles[sid])
                sid = self._styles[sid][2]
            layers.reverse()
            self._chain_cache[key] = (
                merge(*(s[3] for s in layers)),
                merge(*(s[4] for s in layers)),
            )
        return self._chain_cache[key]

    def base(self, style_id: str | None, table_style: str | None = None) -> tuple[dict, dict]:
        """Return the (pPr, rPr) a paragraph gets from defaults, table style and its style."""
        key = (style_id, table_style)
        if key not in self._base_cache:
            p_chain, r_chain = self.chain(style_id)
            t_ppr, t_rpr = self.chain(table_style, "table") if table_style else ({}, {})
            self._base_cache[key] = (
                merge(self.doc_ppr, t_ppr, p_chain),
                merge(self.doc_rpr, t_rpr, r_chain),
            )
        return self._base_cache[key]

    def char_chain(self, style_id: str | None) -> dict:
        """Return the rPr of the character style `style_id` along its chain ({} if none)."""
        if not style_id:
            return {}
        return self.chain(style_id, "character")[1] if style_id in self._styles else {}

    def font_name(self, font: str | None) -> str | None:
        """Return a font name with theme references («theme:minor») resolved."""
        if font and font.startswith("theme:"):
            return self._theme.get(font[6:])
        return font


def _theme_fonts(theme_xml: bytes | None) -> dict[str, str]:
    if not theme_xml:
        return {}
    try:
        root = etree.fromstring(theme_xml)
    except etree.XMLSyntaxError:
        return {}
    out = {}
    for kind in ("major", "minor"):
        latin = root.find(f".//{{{A_NS}}}{kind}Font/{{{A_NS}}}latin")
        if latin is not None and latin.get("typeface"):
            out[kind] = latin.get("typeface")
    return out
