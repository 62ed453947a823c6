"""Read a rendered PDF with poppler: each page's text lines with their positions, the
PDF/A identification and the fonts (embedded or not).

poppler's ``pdftotext -bbox`` gives every word with its box, ``pdfinfo -meta`` the XMP
metadata, ``pdffonts`` the fonts (Debian ``poppler-utils``). They read the PDF from
stdin; nothing is written to disk. (pdfplumber gives the same words, but took 1.75 s
for a 20-page act against poppler's 0.08 s.)

A *line* is the words sharing a baseline, left to right, split into `segments` where a
gap is much wider than the line's usual word spacing: a signature's position and name
are two segments of one line (a tab sets them apart), a justified line is one segment
however wide its spaces, a table row is a segment per cell. Page numbers in the top or
bottom margin are left out of `lines`: the page checks look at the body only.
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
from dataclasses import dataclass

from lxml import etree

from ..errors import PdfReadError

PT_PER_MM = 72 / 25.4
_PDFAID = "http://www.aiim.org/pdfa/ns/id/"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XHTML = "{http://www.w3.org/1999/xhtml}"
_PAGE_NUMBER_RE = re.compile(r"^[-–—\s]*\d{1,4}[-–—\s]*$")
#: A gap starts a new segment when wider than this (pt) and than 3× the line's lower median
#: gap («Глава<tab>И.О. Фамилия» has two gaps, one wide: the plain median would be their mean).
SEGMENT_GAP_PT = 12.0


@dataclass(frozen=True)
class Segment:
    """Words of a line without a wide gap between them: text and horizontal extent (pt)."""

    text: str
    x0: float
    x1: float


@dataclass(frozen=True)
class Line:
    """One text line: its `segments` left to right and its box (pt from the top-left)."""

    segments: tuple[Segment, ...]
    top: float
    bottom: float

    @property
    def text(self) -> str:
        """Return the line's text, segments joined by one space."""
        return " ".join(s.text for s in self.segments)

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1


@dataclass(frozen=True)
class Page:
    """A page: 1-based `number`, size in mm, body `lines` top to bottom (no page numbers)."""

    number: int
    width_mm: float
    height_mm: float
    lines: tuple[Line, ...]

    @property
    def landscape(self) -> bool:
        return self.width_mm > self.height_mm


@dataclass(frozen=True)
class PdfFont:
    """A font the PDF uses: its base name (subset tag removed) and whether it is embedded."""

    name: str
    embedded: bool


def _poppler(tool: str, pdf: bytes, *args: str) -> bytes:
    """Return the output of poppler's `tool` run on `pdf` (fed on stdin)."""
    program = shutil.which(tool)
    if program is None:
        raise PdfReadError(f"не установлен {tool} (пакет poppler-utils)")
    done = subprocess.run(
        [program, *args, "fd://0", *(["-"] if tool == "pdftotext" else [])],
        input=pdf,
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PdfReadError(f"файл не читается как PDF ({reason[-1] if reason else tool})")
    return done.stdout


def read_pages(pdf: bytes, header_zone_mm: float = 18.0) -> list[Page]:
    """Return the pages of `pdf` with their body lines.

    A line of digits only (optionally between dashes) whose box lies within
    `header_zone_mm` of the top or bottom edge is a page number and is left out.
    """
    zone = header_zone_mm * PT_PER_MM
    # -- poppler sets up colour transforms from a PDF/A output intent's ICC profile on
    #    every page: 0.41 s instead of 0.02 s for a 10-page act. Words need no colour, so
    #    the key is hidden from it; the name keeps its length, so no offset moves --
    hidden = pdf.replace(b"/OutputIntents", b"/OutputIntentX")
    root = etree.fromstring(_poppler("pdftotext", hidden, "-bbox"))
    pages = []
    for number, page in enumerate(root.iter(f"{_XHTML}page"), 1):
        width, height = float(page.get("width")), float(page.get("height"))
        words = [
            (w.text or "", float(a["xMin"]), float(a["yMin"]), float(a["xMax"]), float(a["yMax"]))
            for w in page.iter(f"{_XHTML}word")
            for a in (w.attrib,)
        ]
        lines = [
            line
            for line in _lines(words)
            if not (
                _PAGE_NUMBER_RE.match(line.text)
                and (line.top < zone or line.bottom > height - zone)
            )
        ]
        pages.append(Page(number, width / PT_PER_MM, height / PT_PER_MM, tuple(lines)))
    return pages


def _lines(words: list[tuple[str, float, float, float, float]]) -> list[Line]:
    """Return `words` (text, x0, top, x1, bottom) as lines: same top within 2 pt."""
    rows: list[list[tuple]] = []
    for word in sorted(words, key=lambda w: (round(w[2]), w[1])):
        if rows and abs(rows[-1][0][2] - word[2]) <= 2:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w[1])
        gaps = [b[1] - a[3] for a, b in zip(row, row[1:], strict=False)]
        wide = max(SEGMENT_GAP_PT, 3 * statistics.median_low(gaps)) if gaps else SEGMENT_GAP_PT
        segments: list[list[tuple]] = [[row[0]]]
        for word in row[1:]:
            if word[1] - segments[-1][-1][3] > wide:
                segments.append([word])
            else:
                segments[-1].append(word)
        lines.append(
            Line(
                tuple(
                    Segment(" ".join(w[0] for w in seg), seg[0][1], seg[-1][3]) for seg in segments
                ),
                min(w[2] for w in row),
                max(w[4] for w in row),
            )
        )
    return lines


def pdfa_part(pdf: bytes) -> tuple[str, str] | None:
    """Return the PDF/A ``(part, conformance)`` from the XMP metadata (``("2", "B")``), or None."""
    xmp = _poppler("pdfinfo", pdf, "-meta").strip()
    if not xmp:
        return None
    root = etree.fromstring(xmp)
    values = {}
    for key in ("part", "conformance"):
        element = root.find(f".//{{{_PDFAID}}}{key}")
        found = element.text if element is not None else None
        for description in root.iter(f"{{{_RDF}}}Description"):
            found = found or description.get(f"{{{_PDFAID}}}{key}")
        values[key] = (found or "").strip()
    return (values["part"], values["conformance"]) if values["part"] else None


def pdf_fonts(pdf: bytes) -> list[PdfFont]:
    """Return every font `pdf` uses, once each, with its embedding (``pdffonts``)."""
    found: dict[str, bool] = {}
    rows = _poppler("pdffonts", pdf).decode("utf-8", "replace").splitlines()[2:]
    for row in rows:
        # -- the last five columns are emb, sub, uni, object number and generation --
        fields = row.split()
        if len(fields) >= 6:
            found[fields[0].split("+", 1)[-1]] = fields[-5] == "yes"
    return [PdfFont(name, embedded) for name, embedded in found.items()]
