"""Style inheritance: the effective properties a paragraph or run gets from the styles part.

The order Word applies (lowest first): ``w:docDefaults`` → table style → paragraph style
and its ``w:basedOn`` chain → character style chain → direct formatting. Each property is
resolved separately (a style that sets only ``w:jc`` leaves the indents to its parent).
The shapes read::

    <w:styles …><w:docDefaults><w:rPrDefault><w:rPr>…<w:lang w:val="ru-RU"/></w:rPr>
      </w:rPrDefault><w:pPrDefault><w:pPr>…</w:pPr></w:pPrDefault></w:docDefaults>
      <w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/>
        <w:basedOn w:val="…"/><w:pPr>…</w:pPr><w:rPr>…</w:rPr></w:style>…</w:styles>

Properties are the dicts of :mod:`docgen.ooxml.properties`.
"""

from __future__ import annotations

from .fonts import theme_fonts
from .properties import merge, ppr_props, rpr_props
from .tree import W, XmlError, attr, parse

_DEFAULTS, _STYLE, _NAME, _BASED_ON = W + "docDefaults", W + "style", W + "name", W + "basedOn"
_PPR, _RPR, _LANG, _DEFAULT = W + "pPr", W + "rPr", W + "lang", W + "default"


class StyleSheet:
    """The styles of one package, with memoised effective properties per style.

    `lang` is the document's language (``w:lang`` of the defaults, else of Normal).
    Raises XmlError when the styles part is not well-formed (a broken theme part only
    leaves theme fonts unresolved).
    """

    def __init__(self, styles_xml: bytes | None, theme_xml: bytes | None = None) -> None:
        # -- id → (type, name, basedOn, pPr props, rPr props) --
        self._styles: dict[str, tuple[str, str, str | None, dict, dict]] = {}
        self.default: dict[str, str] = {}
        self.doc_ppr: dict = {}
        self.doc_rpr: dict = {}
        self.lang: str | None = None
        self._theme = _theme(theme_xml)
        self._chain_cache: dict[tuple[str, str], tuple[dict, dict]] = {}
        self._base_cache: dict[tuple[str | None, str | None], tuple[dict, dict]] = {}
        if styles_xml:
            self._parse(parse(styles_xml))

    def _parse(self, root) -> None:
        defaults = root.find(_DEFAULTS)
        if defaults is not None:
            self.doc_ppr = ppr_props(defaults.find(f"{W}pPrDefault/{W}pPr"))
            rpr = defaults.find(f"{W}rPrDefault/{W}rPr")
            self.doc_rpr = rpr_props(rpr)
            if rpr is not None:
                self.lang = attr(rpr.find(_LANG), "val")
        for style in root.findall(_STYLE):
            sid = attr(style, "styleId")
            kind = attr(style, "type") or "paragraph"
            if not sid:
                continue
            name = attr(style.find(_NAME), "val") or sid
            based = attr(style.find(_BASED_ON), "val")
            rpr = style.find(_RPR)
            self._styles[sid] = (kind, name, based, ppr_props(style.find(_PPR)), rpr_props(rpr))
            if style.get(_DEFAULT) in ("1", "true", "on"):
                self.default.setdefault(kind, sid)
            if (
                kind == "paragraph"
                and self.lang is None
                and name.lower() == "normal"
                and rpr is not None
            ):
                self.lang = attr(rpr.find(_LANG), "val")

    def name(self, style_id: str | None, kind: str = "paragraph") -> str | None:
        """Return the display name of `style_id` (the default style when None)."""
        sid = style_id or self.default.get(kind)
        style = self._styles.get(sid or "")
        return style[1] if style else None

    def chain(self, style_id: str | None, kind: str = "paragraph") -> tuple[dict, dict]:
        """Return (pPr, rPr) of `style_id` merged along its basedOn chain, base first.

        An unknown id stands for the default style of `kind`; a loop in the chain ends it.
        """
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


def _theme(theme_xml: bytes | None) -> dict[str, str]:
    if not theme_xml:
        return {}
    try:
        return theme_fonts(theme_xml)
    except XmlError:
        return {}
