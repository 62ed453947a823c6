"""An existing act as the importer reads it: its paragraphs with roles and places.

The conformance checker's document model (:func:`docgen.checks.model_from_docx`,
:func:`docgen.checks.model_from_text`) gives every paragraph its role (blank, kind, date
and number, title, preamble, clause, item, signature, mark …) and its part (the act, an
appendix). Text extracted from a .docx or a PDF breaks sentences across lines: a line that
continues a sentence (it starts with a small letter and the line before it does not end
a sentence or a list item) is joined to that line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..checks import model_from_docx, model_from_text
from ..checks.docx_reader import DocxFormatError
from ..errors import CheckInputError

#: Paragraph texts are compared with white space made plain (no-break spaces, runs).
_SPACES_RE = re.compile(r"[\s\u00a0\u202f]+")
#: Ordinary white space (a no-break space is kept: it is part of the value «г.\u00a0Кировск»).
_ORDINARY_RE = re.compile(r"[ \t\r\n]+")
#: A clause number at the start of a paragraph: «2.1.13.»
CLAUSE_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.(?=\s|$)")
#: Extraction artefacts of the seeds (shared/README.md): bookmarks and bold marks.
_ARTEFACT_RE = re.compile(r"\[bookmark: [^\]]*\]|\*\*")


def plain(text: str) -> str:
    """Return `text` with every run of white space (no-break ones too) one plain space."""
    return _SPACES_RE.sub(" ", text).strip()


def collapse(text: str) -> str:
    """Return `text` with runs of ordinary white space (tabs too) one space; no-break kept."""
    return _ORDINARY_RE.sub(" ", text).strip()


@dataclass(frozen=True)
class Line:
    """A paragraph of the act: its `text` (white space collapsed, no-break spaces kept),
    `role`, `part` kind and place (`where`).

    `part` is «act», «appendix» or «other»; `where` reads «распоряжение, стр. 9» or
    «приложение, абзац 41»; `clause` is the clause number it starts with, or the last one
    before it in its part («2.1.13»), empty before the first. `cell` is (table, row,
    column) for a paragraph in a table cell of a .docx, None elsewhere.
    """

    text: str
    role: str
    part: str
    where: str
    clause: str = ""
    numbered: bool = False
    cell: tuple[int, int, int] | None = None


def read_act(data: bytes, name: str, kinds=None) -> list[Line]:
    """Return the non-empty paragraphs of the act in `data` (.docx, or text when `name`
    ends with .txt), read with the act `kinds` (docgen.kinds; default: the shared ones).
    Raises CheckInputError naming `name` when it cannot be read."""
    if name.lower().endswith(".txt"):
        for encoding in ("utf-8-sig", "cp1251"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise CheckInputError("текст не в кодировке UTF-8 или Windows-1251", name)
        return _lines(model_from_text(_ARTEFACT_RE.sub("", text), kinds), join=True)
    try:
        model = model_from_docx(data, kinds)
    except DocxFormatError as exc:
        raise CheckInputError(f"не читается как .docx: {exc}", name) from None
    return _lines(model, join=False)


def _lines(model, *, join: bool) -> list[Line]:
    out: list[Line] = []
    clause_by_part: dict[int, str] = {}
    for para in model.paragraphs:
        text = collapse(para.text)
        if not plain(text):
            continue
        part = para.part
        kind = part.kind if part is not None else "other"
        if join and out and _continues(out[-1], text, kind):
            last = out.pop()
            out.append(
                Line(
                    f"{last.text} {text}",
                    last.role,
                    last.part,
                    last.where,
                    last.clause,
                    last.numbered,
                )
            )
            continue
        key = id(part)
        match = CLAUSE_RE.match(text)
        if match:
            clause_by_part[key] = match.group(1)
        where = model.where(para)
        cell = (para.table, para.row, para.col) if para.table is not None else None
        clause = clause_by_part.get(key, "")
        out.append(Line(text, para.role, kind, where, clause, bool(match), cell))
    return out


def _continues(previous: Line, text: str, part: str) -> bool:
    """Return True when `text` goes on with the sentence of `previous` (a broken line)."""
    return (
        previous.part == part
        and text[:1].islower()
        and not previous.text.endswith((".", ";", ":", "!", "?"))
        and previous.role not in ("blank", "kind", "datenum", "sign", "mark", "doctitle")
    )
