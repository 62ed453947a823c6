"""Fonts a package names: the theme's major and minor fonts, and the ``w:rFonts`` of a part.

The shapes read::

    <a:theme …><a:themeElements><a:fontScheme …>
      <a:majorFont><a:latin typeface="Cambria"/>…</a:majorFont>
      <a:minorFont><a:latin typeface="Calibri"/>…</a:minorFont>…
    <w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/>
    <w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/>   (→ the theme's minor)
"""

from __future__ import annotations

from collections.abc import Iterator

from .tree import W, parse

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_RFONTS = W + "rFonts"
#: The attributes naming the font of Latin and Cyrillic text, and their theme references.
_SLOTS = tuple((W + slot, W + slot + "Theme") for slot in ("ascii", "hAnsi"))


def theme_fonts(theme_xml: bytes | str) -> dict[str, str]:
    """Return the Latin typefaces of a theme part: ``{"major": "Cambria", "minor": …}``.

    Raises XmlError when `theme_xml` is not well-formed.
    """
    root = parse(theme_xml)
    out = {}
    for kind in ("major", "minor"):
        latin = root.find(f".//{{{A_NS}}}{kind}Font/{{{A_NS}}}latin")
        if latin is not None and latin.get("typeface"):
            out[kind] = latin.get("typeface")
    return out


def theme_font(theme: dict[str, str], reference: str | None) -> str | None:
    """Return the font a theme reference of the ascii/hAnsi slot stands for, or None.

    ``"minorHAnsi"``, ``"minorAscii"`` → ``theme["minor"]``; other references (East Asian,
    complex scripts) name no Latin font.
    """
    if not reference or reference[5:] not in ("Ascii", "HAnsi"):
        return None
    return theme.get(reference[:5])


def font_families(xml: bytes | str, theme: dict[str, str]) -> Iterator[str]:
    """Yield the Latin/Cyrillic font of every ``w:rFonts`` of the part `xml`, in document
    order: ``w:ascii`` then ``w:hAnsi``, each a name or a reference into `theme`
    (:func:`theme_fonts`). Raises XmlError when `xml` is not well-formed."""
    for fonts in parse(xml).iter(_RFONTS):
        for name, reference in _SLOTS:
            family = fonts.get(name) or theme_font(theme, fonts.get(reference))
            if family:
                yield family
