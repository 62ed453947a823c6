"""Return the page format each section of a .docx declares, and where it begins.

The page checks compare the rendered pages with these declarations (P-04): a section's
first page is found by the text the section begins with (its `anchor`), since every
section but a continuous one starts on a new page.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MM_PER_TWIP = 25.4 / 1440


@dataclass(frozen=True)
class SectionFormat:
    """A section's declared page: size in mm, its first text, whether it starts a page.

    `orient` is ``w:orient`` as written («landscape», «portrait» or None); when given it
    decides the orientation, so a landscape section whose width and height were not
    swapped (python-docx issue 298) is still declared landscape.
    """

    width_mm: float
    height_mm: float
    anchor: str = ""
    new_page: bool = True
    orient: str | None = None

    @property
    def landscape(self) -> bool:
        if self.orient:
            return self.orient == "landscape"
        return self.width_mm > self.height_mm

    @property
    def label(self) -> str:
        """Return «A4 книжная» / «297×210 мм альбомная» for messages."""
        short, long_ = sorted((self.width_mm, self.height_mm))
        size = f"{short:.0f}×{long_:.0f} мм"
        if {round(self.width_mm), round(self.height_mm)} == {210, 297}:
            size = "A4"
        return f"{size}, {'альбомная' if self.landscape else 'книжная'} ориентация"


#: What a PDF without its .docx is checked against: A4, either orientation.
A4_PORTRAIT = SectionFormat(210.0, 297.0)


def declared_sections(docx: bytes) -> list[SectionFormat]:
    """Return the sections of `docx` in order, from each ``w:sectPr`` and ``w:pgSz``."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        body = etree.fromstring(package.read("word/document.xml")).find(f"{{{W}}}body")
    sections = []
    anchor = ""
    for para in body.iter(f"{{{W}}}p"):
        if not anchor:
            anchor = "".join(t.text or "" for t in para.iter(f"{{{W}}}t")).strip()
        sect = para.find(f"{{{W}}}pPr/{{{W}}}sectPr")
        if sect is not None:
            sections.append(_format(sect, anchor))
            anchor = ""
    final = body.find(f"{{{W}}}sectPr")
    if final is not None:
        sections.append(_format(final, anchor))
    return sections


def _format(sect: etree._Element, anchor: str) -> SectionFormat:
    size = sect.find(f"{{{W}}}pgSz")
    width = float(size.get(f"{{{W}}}w", 11906)) if size is not None else 11906.0
    height = float(size.get(f"{{{W}}}h", 16838)) if size is not None else 16838.0
    kind = sect.find(f"{{{W}}}type")
    start = kind.get(f"{{{W}}}val", "nextPage") if kind is not None else "nextPage"
    return SectionFormat(
        width * _MM_PER_TWIP,
        height * _MM_PER_TWIP,
        anchor,
        new_page=start != "continuous",
        orient=size.get(f"{{{W}}}orient") if size is not None else None,
    )
