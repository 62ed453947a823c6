"""Which fonts a .docx asks for and which ones this machine will actually use for them.

LibreOffice, like fontconfig, replaces a missing font by a substitute; for Times New
Roman, Arial and Courier New the Liberation fonts are metric-compatible (same advance
widths, so the same line and page breaks). The DOCX is never changed: the conversion
result only records the substitution so the report can say so.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from dataclasses import dataclass

from ..ooxml import ns
from ..ooxml.fonts import font_families, theme_fonts

#: Fonts whose Liberation counterpart has the same metrics (Liberation fonts' own
#: description: «metric-compatible with Times New Roman, Arial, Courier New»).
METRIC_COMPATIBLE = {
    "times new roman": "Liberation Serif",
    "arial": "Liberation Sans",
    "courier new": "Liberation Mono",
}

_THEME = "word/theme/theme1.xml"


@dataclass(frozen=True)
class FontSubstitution:
    """A font the document asks for (`requested`) and the one used instead (`used`)."""

    requested: str
    used: str

    @property
    def metric_compatible(self) -> bool:
        """Return True when `used` keeps the line breaks of `requested` (same metrics)."""
        return METRIC_COMPATIBLE.get(self.requested.casefold(), "").casefold() == (
            self.used.casefold()
        )

    def __str__(self) -> str:
        text = f"шрифт «{self.requested}» не установлен, использован «{self.used}»"
        if self.metric_compatible:
            return text + " (метрически совместимый: переносы строк и страниц те же)"
        return text + " (метрики отличаются: разбивка на страницы может измениться)"


def requested_fonts(docx: bytes) -> tuple[str, ...]:
    """Return the Latin/Cyrillic font families the .docx names, in first-use order.

    Reads ``w:rFonts`` (``w:ascii``, ``w:hAnsi``) of styles, body, headers and footers;
    theme references (``w:asciiTheme="minorHAnsi"``) resolve through the theme part.
    Raises ``zipfile.BadZipFile``, ``KeyError`` (no body part) or
    :class:`docgen.ooxml.tree.XmlError` when `docx` is not a well-formed .docx.
    """
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        names = package.namelist()
        if ns.DOCUMENT not in names:
            raise KeyError(ns.DOCUMENT)
        theme = theme_fonts(package.read(_THEME)) if _THEME in names else {}
        parts = [n for n in names if n in (ns.STYLES, ns.DOCUMENT) or ns.is_header_or_footer(n)]
        found: dict[str, None] = {}
        for name in parts:
            for family in font_families(package.read(name), theme):
                found.setdefault(family, None)
    return tuple(found)


def fc_match(family: str) -> str | None:
    """Return the family fontconfig uses for `family`, or None without ``fc-match``."""
    program = shutil.which("fc-match")
    if program is None:
        return None
    done = subprocess.run(
        [program, "-f", "%{family[0]}", family], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        return None
    return done.stdout.strip() or None


def substitutions(families, match=fc_match) -> tuple[FontSubstitution, ...]:
    """Return a substitution for every family in `families` that `match` replaces."""
    out = []
    for family in families:
        used = match(family)
        if used and used.casefold() != family.casefold():
            out.append(FontSubstitution(family, used))
    return tuple(out)
