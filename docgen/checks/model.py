"""The neutral document model every rule reads: paragraphs, tables, sections, parts.

Built once per document, from a .docx (:mod:`docgen.checks.docx_reader`, with effective
formatting) or from plain text (:mod:`docgen.checks.text_reader`, one line = one
paragraph); then :mod:`docgen.checks.classify` gives each paragraph a role and splits the
document into parts (the act, each appendix) — reading it with the act kinds in effect
(:mod:`docgen.checks.kinds`), which the model keeps for the rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .kinds import KindWords, kind_words

#: Roles a paragraph can have (set by the classifier).
BODY_ROLES = frozenset({"text", "clause", "item", "preamble"})
REQUISITE_ROLES = frozenset(
    {"blank", "kind", "datenum", "title", "order", "sign", "mark", "doctitle", "extra"}
)


@dataclass
class Format:
    """Effective paragraph formatting of a .docx paragraph (lengths in cm, sizes in pt).

    `direct` names the properties set on the paragraph itself rather than by its style;
    `fonts` and `sizes` count visible characters per font name and per size.
    """

    align: str = "left"
    first_line: float = 0.0
    left: float = 0.0
    right: float = 0.0
    line: float = 1.0
    line_rule: str = "auto"
    before: float = 0.0
    after: float = 0.0
    tabs: tuple[tuple[str, float], ...] = ()
    numbered: bool = False
    bold: bool = False
    caps: bool = False
    fonts: dict[str, int] = field(default_factory=dict)
    sizes: dict[float, int] = field(default_factory=dict)
    direct: frozenset[str] = frozenset()


@dataclass(eq=False)
class Para:
    """One paragraph (a line of a .txt, a paragraph or a table-cell paragraph of a .docx)."""

    index: int
    text: str
    line: int | None = None
    number: int | None = None
    section: int = 0
    table: int | None = None
    row: int | None = None
    col: int | None = None
    style: str | None = None
    fmt: Format | None = None
    new_page: bool = False
    role: str = ""
    clean: str = ""
    part: Part | None = None
    #: (text, memo dict) of :mod:`docgen.checks.memo` — per-text results, not the paragraph's state.
    memo: tuple[str, dict] | None = field(default=None, repr=False, compare=False)

    @property
    def empty(self) -> bool:
        """Return True for a paragraph with no visible text."""
        return not self.clean

    @property
    def in_table(self) -> bool:
        """Return True for a paragraph inside a table cell."""
        return self.table is not None

    def position(self) -> str:
        """Return where the paragraph is, in Russian: «стр. 91», «абзац 12», «таблица 1, …»."""
        if self.line is not None:
            return f"стр. {self.line}"
        if self.table is not None:
            return f"таблица {self.table + 1}, строка {self.row + 1}, ячейка {self.col + 1}"
        return f"абзац {self.number}"


@dataclass
class HeaderInfo:
    """A header part as far as page numbering goes (G-04/G-05)."""

    has_page: bool = False
    align: str | None = None
    literal: str = ""


@dataclass
class Section:
    """Page setup of one .docx section (lengths in mm) and its headers."""

    index: int
    width: float = 0.0
    height: float = 0.0
    orient: str = "portrait"
    margins: dict[str, float] = field(default_factory=dict)
    title_pg: bool = False
    page_start: int | None = None
    headers: dict[str, HeaderInfo] = field(default_factory=dict)
    first: int = 0
    last: int = -1
    est_lines: int = 0

    @property
    def text_width(self) -> float:
        """Return the width of the text area, mm."""
        return self.width - self.margins.get("left", 0) - self.margins.get("right", 0)

    def position(self) -> str:
        """Return «раздел N» (1-based)."""
        return f"раздел {self.index + 1}"


@dataclass
class Table:
    """A .docx table: grid, header-row repetition, unsplittable rows."""

    index: int
    section: int = 0
    rows: int = 0
    cols: int = 0
    grid: tuple[float, ...] = ()
    header_rows: int = 0
    cant_split: int = 0
    first: int = 0
    last: int = -1

    @property
    def width(self) -> float:
        """Return the sum of the grid columns, mm."""
        return sum(self.grid)

    def position(self) -> str:
        """Return «таблица N» (1-based)."""
        return f"таблица {self.index + 1}"


@dataclass(eq=False)
class Part:
    """A document of the package: the act (`act`), an appendix, or `other` text."""

    kind: str
    paras: list[Para] = field(default_factory=list)
    number: int | None = None
    #: the act's kind from its blank, upper case («РАСПОРЯЖЕНИЕ»); None when not known
    act_kind: str | None = None
    #: that kind in the genitive («распоряжения»)
    act_genitive: str | None = None
    ordinal: int = 0

    @property
    def label(self) -> str:
        """Return the Russian name of the part for locations: «распоряжение», «приложение 2»."""
        if self.kind == "act":
            return (self.act_kind or "акт").lower()
        if self.kind == "appendix":
            return f"приложение {self.number}" if self.number else "приложение"
        return "документ"

    @property
    def genitive(self) -> str:
        """Return the label in the genitive: «распоряжения», «приложения 2»."""
        if self.kind == "act":
            return self.act_genitive or "акта"
        return self.label.replace("приложение", "приложения", 1).replace("документ", "документа", 1)

    def role(self, *roles: str) -> list[Para]:
        """Return the paragraphs of the part with one of `roles`, in order."""
        return [p for p in self.paras if p.role in roles]

    def body(self) -> list[Para]:
        """Return the non-empty paragraphs outside tables, in order."""
        return [p for p in self.paras if not p.empty and not p.in_table]


@dataclass(frozen=True)
class RunContext:
    """What a rule run knows besides the document: today's date and the registry of cited acts.

    `today` stands in for the act's date where the act has none (a draft); `registry` (a
    :class:`docgen.acts.ActRegistry`) lets rules look cited acts up — without one, the
    rules that need it report nothing. Rules never read the clock themselves.
    """

    today: dt.date | None = None
    registry: Any = None


@dataclass
class DocModel:
    """A document as the rules see it.

    `source` is «docx» or «text»; `settings` holds document-wide .docx settings
    (``autoHyphenation``, ``lang``); `parts` is filled by the classifier, and `kinds` are
    the act kinds the classifier read the document with (the rules read them too).
    """

    source: str
    paragraphs: list[Para] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)
    parts: list[Part] = field(default_factory=list)
    kinds: KindWords = field(default_factory=kind_words, repr=False, compare=False)
    #: Scratch dict of the rule run in progress (see :func:`docgen.checks.memo.cached_in_run`).
    run: dict | None = field(default=None, repr=False, compare=False)
    #: Today and the registry of cited acts for the rule run in progress.
    context: RunContext = field(default_factory=RunContext, repr=False, compare=False)

    @property
    def is_docx(self) -> bool:
        """Return True when the model came from a .docx (formatting is known)."""
        return self.source == "docx"

    def body(self) -> list[Para]:
        """Return the non-empty paragraphs outside tables, in order."""
        return [p for p in self.paragraphs if not p.empty and not p.in_table]

    def next_nonempty(self, para: Para, *, same_table: bool = True) -> Para | None:
        """Return the next non-empty paragraph after `para` (outside tables), or None."""
        paragraphs = self.paragraphs
        for i in range(para.index + 1, len(paragraphs)):
            p = paragraphs[i]
            if not p.clean or (same_table and p.table is not None):
                continue
            return p
        return None

    def where(self, para: Para) -> str:
        """Return the location of `para` with its part: «приложение 1, стр. 91»."""
        pos = para.position()
        part = para.part
        if part is not None and (len(self.parts) > 1 or part.kind != "other"):
            return f"{part.label}, {pos}"
        return pos
