"""Page checks on a rendered PDF (docs/reference/review.md, «Pages»): findings P-01…P-04.

What a делопроизводитель sends back once the act is on paper::

    P-01  a page holding a single line of text (or none)
    P-02  a page ending in a lead-in «…являются:» whose list starts on the next page
    P-03  the signature block alone at the top of a page
    P-04  a page whose size or orientation is not what its section declares

    findings = check_pdf(pdf_bytes, docx_bytes)   # the declared sections come from the .docx
    findings = check_pdf(pdf_bytes)               # without it: every page A4, either way

The page number in the top or bottom margin is not body text (see :mod:`.reader`).
The signature line is recognised from the layout: a line of two parts far apart — the
position at the left, «И.О. Фамилия» (or a draft's «[не заполнено: …]») ending at the
right, as the right tab puts it; the block is that line with the position's earlier
lines directly above it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..findings import Finding, Severity
from .reader import PT_PER_MM, Line, Page, read_pages
from .sections import A4_PORTRAIT, SectionFormat, declared_sections

#: Rule id → (severity, Russian title): the rows the shells add to their rules table.
PAGE_RULES = {
    "P-01": (Severity.ERROR, "На странице больше одной строки текста"),
    "P-02": (Severity.ERROR, "Страница не кончается вводной фразой с «:» (список — на следующей)"),
    "P-03": (Severity.ERROR, "Подпись не стоит одна в начале страницы"),
    "P-04": (Severity.ERROR, "Формат и ориентация страниц — как объявлено в разделах документа"),
}

_NAME_RE = re.compile(
    r"^(?:[А-ЯЁ]\.\s?){1,2}[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?$|^\[не заполнено:[^\]]*\]$"
)
_CLOSED_RE = re.compile(r"[.;:!?»)]$")


@dataclass(frozen=True)
class PageLimits:
    """Geometry the checks rely on (mm); defaults fit ГОСТ Р 7.0.97 pages."""

    #: Page numbers sit within this distance of the top or bottom edge (header ≥ 10 mm).
    header_zone_mm: float = 18.0
    #: The tab between the position and the name leaves at least this gap.
    signature_gap_mm: float = 15.0
    #: A position takes at most this many lines, the one with the name included.
    signature_lines: int = 4
    #: Rendered and declared page sizes may differ by this much.
    size_tolerance_mm: float = 2.0


def _finding(rule: str, page: int | None, message: str, quote: str = "", hint: str = ""):
    location = f"страница {page}" if page else "документ"
    return Finding(rule, PAGE_RULES[rule][0], location, message, hint, quote)


def single_line_pages(pages: Sequence[Page]) -> Iterator[Finding]:
    """Yield P-01 for every page with one line of body text, or none at all."""
    for page in pages:
        if len(page.lines) == 1:
            yield _finding(
                "P-01",
                page.number,
                f"на странице {page.number} только одна строка текста",
                quote=page.lines[0].text,
                hint="перенести на страницу ещё строку или убрать лишнюю строку",
            )
        elif not page.lines:
            yield _finding("P-01", page.number, f"страница {page.number} пустая")


def stranded_lead_ins(pages: Sequence[Page]) -> Iterator[Finding]:
    """Yield P-02 for every page but the last whose last line ends with «:».

    A colon inside an open bracket is not a lead-in: a draft's «[не заполнено: …]»
    broken after its colon.
    """
    for page in pages[:-1]:
        last = page.lines[-1].text.rstrip() if page.lines else ""
        if last.endswith(":") and last.rfind("[") <= last.rfind("]"):
            yield _finding(
                "P-02",
                page.number,
                f"вводная фраза с «:» в конце страницы {page.number}, "
                f"её продолжение — на странице {page.number + 1}",
                quote=page.lines[-1].text,
                hint="перенести вводную фразу на следующую страницу вместе со списком",
            )


def is_signature(line: Line, limits: PageLimits = PageLimits()) -> bool:
    """Return True when `line` is «должность<tab>И.О. Фамилия» as the layout shows it."""
    if len(line.segments) != 2:
        return False
    position, name = line.segments
    gap = name.x0 - position.x1
    return gap >= limits.signature_gap_mm * PT_PER_MM and bool(_NAME_RE.match(name.text))


def signature_block(page: Page, limits: PageLimits = PageLimits()) -> tuple[int, int] | None:
    """Return (first, signature) line indexes of the signature block on `page`, or None.

    The block grows upwards from the signature line over the position's earlier lines:
    single-spaced, aligned with it, one part each, not ending a sentence.
    """
    for index, line in enumerate(page.lines):
        if not is_signature(line, limits):
            continue
        first = index
        while first > 0 and index - first < limits.signature_lines - 1:
            above, below = page.lines[first - 1], page.lines[first]
            height = below.bottom - below.top
            if (
                below.top - above.bottom > 0.5 * height
                or abs(above.x0 - line.x0) > 2
                or len(above.segments) != 1
                or _CLOSED_RE.search(above.text)
            ):
                break
            first -= 1
        return first, index
    return None


def lone_signatures(pages: Sequence[Page], limits: PageLimits = PageLimits()) -> Iterator[Finding]:
    """Yield P-03 for every page that begins with the signature block."""
    for page in pages:
        block = signature_block(page, limits)
        if block is not None and block[0] == 0:
            yield _finding(
                "P-03",
                page.number,
                f"подпись стоит одна в начале страницы {page.number}, без текста акта над ней",
                quote=page.lines[block[1]].text,
                hint="перенести на страницу с подписью хотя бы последний абзац текста",
            )


def page_formats(
    pages: Sequence[Page],
    sections: Sequence[SectionFormat] | None = None,
    expected_pages: int | None = None,
    limits: PageLimits = PageLimits(),
) -> Iterator[Finding]:
    """Yield P-04 for pages whose size or orientation differs from their section's.

    `sections` are the declared sections in order (:func:`declared_sections`); each
    starts on the first later page that begins with its text. Without them every page
    must be A4 in either orientation. `expected_pages` also checks the page count.
    """
    if expected_pages is not None and expected_pages != len(pages):
        yield _finding("P-04", None, f"в PDF {len(pages)} стр., ожидалось {expected_pages}")
    if not sections:
        for page in pages:
            if not _same_size(page, A4_PORTRAIT, limits):
                yield _finding(
                    "P-04", page.number, f"на странице {page.number} формат {_size(page)}, а не A4"
                )
        return
    # -- a continuous section shares the page of the one before: same format --
    sections = [s for i, s in enumerate(sections) if i == 0 or s.new_page]
    starts = [0]
    for number, section in enumerate(sections[1:], 2):
        later = range(starts[-1] + 1, len(pages))
        start = next((i for i in later if _begins_with(pages[i], section.anchor)), None)
        if start is None:
            start = next((i for i in later if _fits(pages[i], section, limits)), None)
        if start is None:
            yield _finding(
                "P-04", None, f"в PDF нет страниц раздела {number} ({section.label})",
                quote=section.anchor,
            )  # fmt: skip
            break
        starts.append(start)
    bounds = zip(starts, [*starts[1:], len(pages)], strict=True)
    for number, (section, (start, end)) in enumerate(zip(sections, bounds, strict=False), 1):
        for page in pages[start:end]:
            if not _fits(page, section, limits):
                yield _finding(
                    "P-04",
                    page.number,
                    f"на странице {page.number} формат {_size(page)}, а раздел {number} "
                    f"объявлен: {section.label}",
                    hint=section.label,
                )


def _same_size(page: Page, section: SectionFormat, limits: PageLimits) -> bool:
    got = sorted((page.width_mm, page.height_mm))
    want = sorted((section.width_mm, section.height_mm))
    return all(abs(a - b) <= limits.size_tolerance_mm for a, b in zip(got, want, strict=True))


def _fits(page: Page, section: SectionFormat, limits: PageLimits) -> bool:
    return _same_size(page, section, limits) and page.landscape == section.landscape


def _size(page: Page) -> str:
    orientation = "альбомная" if page.landscape else "книжная"
    return f"{page.width_mm:.0f}×{page.height_mm:.0f} мм, {orientation} ориентация"


def _squash(text: str) -> str:
    return "".join(text.split()).casefold()


def _begins_with(page: Page, anchor: str) -> bool:
    key = _squash(anchor)[:30]
    return bool(key) and _squash(" ".join(line.text for line in page.lines[:4])).startswith(key)


def check_pages(
    pages: Sequence[Page],
    sections: Sequence[SectionFormat] | None = None,
    expected_pages: int | None = None,
    limits: PageLimits = PageLimits(),
) -> list[Finding]:
    """Return the findings of all page checks on already read `pages`."""
    return [
        *single_line_pages(pages),
        *stranded_lead_ins(pages),
        *lone_signatures(pages, limits),
        *page_formats(pages, sections, expected_pages, limits),
    ]


def check_pdf(
    pdf: bytes,
    docx: bytes | None = None,
    *,
    sections: Sequence[SectionFormat] | None = None,
    expected_pages: int | None = None,
    limits: PageLimits = PageLimits(),
) -> list[Finding]:
    """Return the page findings of `pdf`; sections declared by `docx` unless given."""
    if sections is None and docx is not None:
        sections = declared_sections(docx)
    pages = read_pages(pdf, limits.header_zone_mm)
    return check_pages(pages, sections, expected_pages, limits)
