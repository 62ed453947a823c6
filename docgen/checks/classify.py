"""Give each paragraph a role and split the document into parts (act, appendices).

Roles: ``empty``, ``blank`` (authority lines of the act), ``kind`` (РАСПОРЯЖЕНИЕ…),
``datenum``, ``title`` («Об утверждении …»), ``preamble``, ``order`` (ПРИКАЗЫВАЮ:),
``clause`` (numbered), ``item`` (list item), ``text``, ``heading`` (section heading of
an appendix), ``sign`` (signature block), ``mark`` (appendix / approval mark),
``extra`` (anything between the mark and the heading, tails after the signature),
``doctitle`` (the appendix heading «ПОЛОЖЕНИЕ / о …»), ``tabrow`` (a table typed with
tabs) and ``cell`` (a table cell).

docgen's own style names are used when present (users bring any .docx, so every role
also has a text-only rule); in plain text a block of lines without an empty line
between them stays together, as text extraction leaves requisites.
"""

from __future__ import annotations

import re

from .kinds import KindWords
from .model import DocModel, Para, Part
from .patterns import POSITION_RE
from .predicates import (
    datenum_text,
    has_name,
    is_clause,
    is_doc_head,
    is_kind,
    is_mark_start,
    is_sign_start,
    truncated_mark,
)
from .roles import act_roles, appendix_roles, other_roles

#: docgen style names (lower case) → the role they imply.
STYLE_ROLES = {
    "текст": "text",
    "текст без отступа": "noindent",
    "бланк": "blank",
    "бланк орган": "blank",
    "вид акта": "kind",
    "дата и номер": "datenum",
    "заголовок к тексту": "title",
    "подпись": "sign",
    "гриф": "mark",
    "гриф альбомный": "mark",
    "заголовок документа": "doctitle",
    "заголовок раздела": "heading",
}
_SHEET_RE = re.compile(r"^(?:ЛИСТ\s+СОГЛАСОВАНИЯ|ЛИСТ\s+ОЗНАКОМЛЕНИЯ|ПОЯСНИТЕЛЬНАЯ\s+ЗАПИСКА)\b")


def classify(model: DocModel, kinds: KindWords | None = None) -> DocModel:
    """Set `role` and `part` of every paragraph of `model` and fill ``model.parts``.

    `kinds` (default: the model's, the shared kinds unless set) are the act kinds the
    document is read with; the model keeps them.
    """
    if kinds is not None:
        model.kinds = kinds
    for para in model.paragraphs:
        if para.in_table:
            para.role = "cell"
        elif para.empty:
            para.role = "empty"
        else:
            para.role = STYLE_ROLES.get((para.style or "").lower(), "")
    body = model.body()
    starts = _part_starts(model, body)
    for n, (start, kind) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(body)
        part = Part(kind=kind, ordinal=n)
        model.parts.append(part)
        blocks = body[start:end]
        {"act": act_roles, "appendix": appendix_roles}.get(kind, other_roles)(model, part, blocks)
    _assign_parts(model)
    _table_requisites(model)
    _number_appendices(model)
    return model


def _part_starts(model: DocModel, body: list[Para]) -> list[tuple[int, str]]:
    if not body:
        return []
    kinds = model.kinds
    starts = [(0, _first_kind(body, kinds))]
    has_body = False
    signed = False
    kind = starts[0][1]
    prev: Para | None = None
    for i, para in enumerate(body):
        if i and prev is not None:
            new_kind = None
            prev_mark = is_mark_start(prev) or prev.role == "mark"
            if (
                is_mark_start(para)
                and (has_body or para.new_page)
                and not prev_mark
                or is_doc_head(para)
                and not prev_mark
                and ((kind == "act" and signed) or para.new_page)
            ):
                new_kind = "appendix"
            elif _SHEET_RE.match(para.clean) and (has_body or para.new_page):
                new_kind = "other"
            elif para.new_page and is_kind(para, kinds):
                new_kind = "act"
            if new_kind:
                starts.append((i, new_kind))
                kind, has_body, signed = new_kind, False, False
        if (
            is_clause(para)
            or (para.role in ("text", "heading") and not is_mark_start(para))
            or not para.role
            and len(para.clean) > 200
        ):
            has_body = True
        if kind == "act" and has_body and is_sign_start(para) and has_name(para):
            signed = True
        if kind == "act" and has_body and para.role == "sign":
            signed = True
        if kind == "act" and has_body and prev is not None and _signed_in_table(model, prev, para):
            signed = True
        prev = para
    return starts


def _signed_in_table(model: DocModel, prev: Para, para: Para) -> bool:
    """Return True when a table between `prev` and `para` holds a position and a name."""
    cells = [p for p in model.paragraphs[prev.index + 1 : para.index] if p.in_table and not p.empty]
    return any(POSITION_RE.match(p.clean) for p in cells) and any(has_name(p) for p in cells)


def _first_kind(body: list[Para], kinds: KindWords) -> str:
    first = body[0]
    if any(is_kind(p, kinds) for p in body[:12]):
        for p in body[:12]:
            if is_kind(p, kinds):
                return "act"
            if is_mark_start(p) or is_doc_head(p):
                break
    if is_mark_start(first) or is_doc_head(first) or truncated_mark(first, kinds):
        return "appendix"
    return "other"


def _assign_parts(model: DocModel) -> None:
    current: Part | None = model.parts[0] if model.parts else None
    for para in model.paragraphs:
        if para.part is not None:
            current = para.part
        elif current is not None:
            para.part = current
            current.paras.append(para)
    for part in model.parts:
        part.paras.sort(key=lambda p: p.index)


def _table_requisites(model: DocModel) -> None:
    """Find requisites typed in a small (borderless) table: signature, date and number, mark."""
    for table in model.tables:
        cells = [p for p in model.paragraphs[table.first : table.last + 1] if not p.empty]
        if not cells or table.rows > 3 or cells[0].part is None:
            continue
        part = cells[0].part
        after = next(
            (p for p in model.paragraphs[table.last + 1 :] if not p.empty and not p.in_table), None
        )
        if (
            part.kind == "act"
            and not part.role("sign")
            and part.role("clause")
            and any(POSITION_RE.match(p.clean) for p in cells)
            and any(has_name(p) for p in cells)
        ):
            for para in cells:
                para.role = "sign"
        elif (
            part.kind == "act"
            and not part.role("datenum")
            and after is not None
            and after.role in ("title", "preamble")
            and any(datenum_text(p.clean) for p in cells)
        ):
            for para in cells:
                if datenum_text(para.clean):
                    para.role = "datenum"
        elif (
            after is not None
            and after.part is not None
            and after.part is not part
            and after.part.kind == "appendix"
            and not after.part.role("mark")
        ):
            start = next((p for p in cells if is_mark_start(p)), None)
            if start is None:
                continue
            for para in cells:
                if (para.row, para.col) == (start.row, start.col):
                    para.role = "mark"
                part.paras.remove(para)
                para.part = after.part
                after.part.paras.append(para)
            after.part.paras.sort(key=lambda p: p.index)


def _number_appendices(model: DocModel) -> None:
    appendices = [p for p in model.parts if p.kind == "appendix"]
    for n, part in enumerate(appendices, 1):
        for para in part.role("mark"):
            match = re.search(r"(?:Приложение|приложение|ПРИЛОЖЕНИЕ)\s*№?\s*(\d+)", para.clean)
            if match:
                part.number = int(match.group(1))
                break
        if part.number is None and len(appendices) > 1:
            part.number = n
