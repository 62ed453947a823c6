"""Return the page format each section of a .docx declares, and where it begins.

The page checks compare the rendered pages with these declarations (P-04): a section's
first page is found by the text the section begins with (its `anchor`), since every
section but a continuous one starts on a new page.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from ..ooxml.ns import DOCUMENT
from ..ooxml.sections import SectionProperties, body_sections

_MM_PER_TWIP = 25.4 / 1440
#: The page Word assumes when a section gives no size: A4 portrait (twips).
_A4_TWIPS = (11906, 16838)


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
    """Return the sections of `docx` in order, from each ``w:sectPr`` and ``w:pgSz``.

    A section's anchor is its first paragraph with text.
    """
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        document = package.read(DOCUMENT)
    return [_format(s.properties, s.first_text) for s in body_sections(document)]


def _format(props: SectionProperties, anchor: str) -> SectionFormat:
    width = props.width if props.width is not None else _A4_TWIPS[0]
    height = props.height if props.height is not None else _A4_TWIPS[1]
    return SectionFormat(
        width * _MM_PER_TWIP,
        height * _MM_PER_TWIP,
        anchor,
        new_page=props.start != "continuous",
        orient=props.orient,
    )
