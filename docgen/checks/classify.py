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

from .model import DocModel, Para, Part
from .patterns import (
    ACT_KINDS,
    CLAUSE_RE,
    DATE_RE,
    DOC_HEAD_RE,
    MARKER_RE,
    NAME_IOF,
    ORDER_RE,
    POSITION_RE,
    SUBITEM_RE,
)

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
_MARK_START_RE = re.compile(
    r"^(?:(?:Приложение|ПРИЛОЖЕНИЕ)(?:\s+№?\s*\d+)?(?:\s+к\s+\w+.*)?|УТВЕРЖДЕН[АОЫ]?|Утвержден[аоы]?"
    r"|УТВЕРЖДАЮ|Утверждаю|СОГЛАСОВАН[АОЫ]?)$")
_MARK_LINE_RE = re.compile(
    r"^(?:к\s+(?:распоряжению|приказу|постановлению|решению)\b|(?:распоряжением|приказом|"
    r"постановлением|решением)\b|от\s|\(приложение|Приложение|№\s)", re.IGNORECASE)
_TRUNCATED_MARK_RE = re.compile(r"^(?:распоряжением|приказом|постановлением|решением)\b")
_PREAMBLE_RE = re.compile(r"^(?:Во\s+исполнение|В\s+соответствии|В\s+целях|На\s+основании|"
                          r"Руководствуясь|В\s+связи|С\s+целью|Рассмотрев|Учитывая)\b")
_PLACE_RE = re.compile(r"^(?:г\.|пгт|пос\.|с\.|д\.|город|поселок|посёлок)[\s\u00a0]")
_NAME_ONLY_RE = re.compile(rf"^(?:_+\s*)?{NAME_IOF}$")
_NAME_END_RE = re.compile(rf"(?:\t|\s)(?:_+\s*)?{NAME_IOF}$")
_SHEET_RE = re.compile(r"^(?:ЛИСТ\s+СОГЛАСОВАНИЯ|ЛИСТ\s+ОЗНАКОМЛЕНИЯ|ПОЯСНИТЕЛЬНАЯ\s+ЗАПИСКА)\b")
_HEAD_CONT_RE = re.compile(r"^(?:о|об|обо|по|на|в|для|муниципальн\w*)\s", re.IGNORECASE)


def classify(model: DocModel) -> DocModel:
    """Set `role` and `part` of every paragraph of `model` and fill ``model.parts``."""
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
        {"act": _act_roles, "appendix": _appendix_roles}.get(kind, _other_roles)(model, part, blocks)
    _assign_parts(model)
    _table_requisites(model)
    _number_appendices(model)
    return model


# -- predicates ---------------------------------------------------------------------------

def is_kind(para: Para) -> bool:
    """Return True for the act-kind line «РАСПОРЯЖЕНИЕ» (letter-spacing allowed)."""
    if para.role == "kind":
        return True
    squeezed = re.sub(r"[\s\u00a0]", "", para.clean)
    return squeezed in ACT_KINDS


def is_clause(para: Para) -> bool:
    """Return True for a paragraph that starts with a clause number «2.1.»."""
    return bool(CLAUSE_RE.match(para.text) or CLAUSE_RE.match(para.clean))


def is_mark_start(para: Para) -> bool:
    """Return True for the first line of an appendix mark or approval mark."""
    return para.role == "mark" or bool(_MARK_START_RE.match(para.clean.split("\n", 1)[0].strip()))


def is_doc_head(para: Para) -> bool:
    """Return True for the first line of an approved document's heading («ПОЛОЖЕНИЕ»)."""
    if para.role == "doctitle":
        return True
    text = para.clean
    if para.role or is_clause(para) or len(text) > 400 or text.endswith((".", ";", ",", ":")):
        return False
    return bool(DOC_HEAD_RE.match(text))


def is_sign_start(para: Para) -> bool:
    """Return True for the first line of a signature block («Председатель комитета …»)."""
    if para.role == "sign":
        return True
    text = para.clean
    if is_clause(para) or len(text) > 200 or text.endswith((".", ";", ":")):
        return bool(_NAME_END_RE.search(text)) and not is_clause(para) and len(text) < 200
    return bool(POSITION_RE.match(text) or _NAME_ONLY_RE.match(text) or _NAME_END_RE.search(text))


def has_name(para: Para) -> bool:
    """Return True when the paragraph ends with «И.О. Фамилия»."""
    return bool(_NAME_ONLY_RE.match(para.clean) or _NAME_END_RE.search(para.clean))


def _same_block(prev: Para, para: Para) -> bool:
    """Return True when two text lines are adjacent (no empty line between them)."""
    return prev.line is not None and para.line == prev.line + 1


# -- parts ---------------------------------------------------------------------------------

def _part_starts(model: DocModel, body: list[Para]) -> list[tuple[int, str]]:
    if not body:
        return []
    starts = [(0, _first_kind(body))]
    has_body = False
    signed = False
    kind = starts[0][1]
    prev: Para | None = None
    for i, para in enumerate(body):
        if i and prev is not None:
            new_kind = None
            prev_mark = is_mark_start(prev) or prev.role == "mark"
            if is_mark_start(para) and (has_body or para.new_page) and not prev_mark or is_doc_head(para) and not prev_mark and (
                    (kind == "act" and signed) or para.new_page):
                new_kind = "appendix"
            elif _SHEET_RE.match(para.clean) and (has_body or para.new_page):
                new_kind = "other"
            elif para.new_page and is_kind(para):
                new_kind = "act"
            if new_kind:
                starts.append((i, new_kind))
                kind, has_body, signed = new_kind, False, False
        if is_clause(para) or (para.role in ("text", "heading") and not is_mark_start(para)) or not para.role and len(para.clean) > 200:
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
    cells = [p for p in model.paragraphs[prev.index + 1:para.index] if p.in_table and not p.empty]
    return any(POSITION_RE.match(p.clean) for p in cells) and any(has_name(p) for p in cells)


def _first_kind(body: list[Para]) -> str:
    first = body[0]
    if any(is_kind(p) for p in body[:12]):
        for p in body[:12]:
            if is_kind(p):
                return "act"
            if is_mark_start(p) or is_doc_head(p):
                break
    if is_mark_start(first) or is_doc_head(first) or _TRUNCATED_MARK_RE.match(first.clean):
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
        cells = [p for p in model.paragraphs[table.first:table.last + 1] if not p.empty]
        if not cells or table.rows > 3 or cells[0].part is None:
            continue
        part = cells[0].part
        after = next((p for p in model.paragraphs[table.last + 1:] if not p.empty and not p.in_table), None)
        if part.kind == "act" and not part.role("sign") and part.role("clause") and \
                any(POSITION_RE.match(p.clean) for p in cells) and any(has_name(p) for p in cells):
            for para in cells:
                para.role = "sign"
        elif part.kind == "act" and not part.role("datenum") and after is not None and \
                after.role in ("title", "preamble") and any(_datenum_text(p.clean) for p in cells):
            for para in cells:
                if _datenum_text(para.clean):
                    para.role = "datenum"
        elif after is not None and after.part is not None and after.part is not part and \
                after.part.kind == "appendix" and not after.part.role("mark"):
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


def _own(part: Part, paras: list[Para]) -> None:
    for para in paras:
        para.part = part
        part.paras.append(para)


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


# -- roles ---------------------------------------------------------------------------------

def _act_roles(model: DocModel, part: Part, paras: list[Para]) -> None:
    _own(part, paras)
    kind_at = next((i for i, p in enumerate(paras[:12]) if is_kind(p)), None)
    i = 0
    if kind_at is not None:
        for p in paras[:kind_at]:
            p.role = p.role or "blank"
        kind_para = paras[kind_at]
        kind_para.role = "kind"
        kind = re.sub(r"[\s\u00a0]", "", kind_para.clean).upper()
        part.act_kind = kind if kind in ACT_KINDS else None
        i = kind_at + 1
    while i < len(paras) and i - (kind_at or 0) <= 4 and _is_datenum(paras[i]):
        paras[i].role = "datenum"
        i += 1
    if i < len(paras) and _looks_title(paras[i]):
        paras[i].role = "title"
        i += 1
        while i < len(paras) and paras[i].role in ("", "title") and paras[i].style and \
                paras[i].style == paras[i - 1].style and _looks_title(paras[i]) and \
                not paras[i].clean.startswith(("О ", "Об ")):
            paras[i].role = "title"
            i += 1
    sign_at = _find_signature(paras, i)
    body = paras[i:sign_at] if sign_at is not None else paras[i:]
    _body_roles(body, "act")
    if sign_at is not None:
        _sign_roles(paras[sign_at:])


def _appendix_roles(model: DocModel, part: Part, paras: list[Para]) -> None:
    _own(part, paras)
    i = 0
    first = paras[0]
    if is_mark_start(first) or _TRUNCATED_MARK_RE.match(first.clean):
        first.role = "mark"
        i = 1
        while i < len(paras) and i < 12 and _continues_mark(paras[i - 1], paras[i]):
            paras[i].role = "mark"
            i += 1
    head_at = next((j for j in range(i, min(len(paras), i + 16))
                    if is_doc_head(paras[j]) or is_clause(paras[j])), None)
    if head_at is not None and not is_clause(paras[head_at]):
        for p in paras[i:head_at]:
            p.role = "extra"
        paras[head_at].role = "doctitle"
        i = head_at + 1
        while i < len(paras) and i - head_at < 8 and _continues_heading(paras[i - 1], paras[i]):
            paras[i].role = "doctitle"
            i += 1
    sign_at = _find_signature(paras, i, need_name=True)
    _body_roles(paras[i:sign_at] if sign_at is not None else paras[i:], "appendix")
    if sign_at is not None:
        _sign_roles(paras[sign_at:])


def _other_roles(model: DocModel, part: Part, paras: list[Para]) -> None:
    _own(part, paras)
    _body_roles(paras, "other")


def _continues_mark(prev: Para, para: Para) -> bool:
    if para.role == "mark":
        return True
    if para.role or is_doc_head(para) or is_clause(para) or is_mark_start(para) and \
            prev.role != "mark":
        return False
    if para.line is not None:
        return _same_block(prev, para)
    if prev.clean.startswith("(приложение") or prev.clean.endswith(")"):
        return False
    if _MARK_LINE_RE.match(para.clean):
        return True
    fmt, prev_fmt = para.fmt, prev.fmt
    if fmt is not None and prev_fmt is not None:
        return (fmt.left >= 3 or fmt.align == "right") and para.style == prev.style
    return False


def _continues_heading(prev: Para, para: Para) -> bool:
    if para.role == "doctitle":
        return True
    if para.role or is_clause(para) or para.clean.endswith((".", ";")):
        return False
    if para.line is not None:
        return _same_block(prev, para)
    return bool(_HEAD_CONT_RE.match(para.clean)) or (para.clean.isupper() and prev.clean.isupper())


def _is_datenum(para: Para) -> bool:
    if para.role == "datenum":
        return True
    return not para.role and _datenum_text(para.clean)


def _datenum_text(text: str) -> bool:
    """Return True for a line of the act's date, number or place («от 23.05.2023 № 233»)."""
    if len(text) > 90 or text.startswith(("О ", "Об ")):
        return False
    return bool(DATE_RE.search(text) or text.startswith("№") or re.search(r"\sN?№", text)
                or _PLACE_RE.match(text) or re.match(r"^от\s", text))


def _looks_title(para: Para) -> bool:
    text = para.clean
    if para.role == "title":
        return True
    if para.role or is_clause(para) or ORDER_RE.match(text):
        return False
    if text.startswith(("О ", "Об ", "О\u00a0", "Об\u00a0")):
        return True
    return len(text) <= 300 and not text.endswith((":", ".")) and not _PREAMBLE_RE.match(text)


def _find_signature(paras: list[Para], start: int, need_name: bool = False) -> int | None:
    """Return the index in `paras` where the signature block starts, or None."""
    for j in range(start, len(paras)):
        para = paras[j]
        if para.role == "sign":
            return j
        if para.role or not is_sign_start(para):
            continue
        block = paras[j:j + 8]
        near_end = not need_name or j >= len(paras) - 8
        if any(has_name(p) for p in block) and near_end and (
                POSITION_RE.match(para.clean) or has_name(para)):
            return j
    return None


def _sign_roles(paras: list[Para]) -> None:
    in_block = True
    for para in paras:
        if in_block:
            if para.role in ("", "sign", "noindent", "text"):
                para.role = "sign"
            if has_name(para):
                in_block = False
        else:
            para.role = "extra" if para.role in ("", "noindent", "text") else para.role


def _body_roles(paras: list[Para], part_kind: str) -> None:
    in_list = False
    seen_clause = False
    for i, para in enumerate(paras):
        hint = para.role
        text = para.clean
        if hint in ("sign", "mark", "doctitle", "kind", "datenum", "blank", "title"):
            continue
        match = CLAUSE_RE.match(para.text) or CLAUSE_RE.match(text)
        marked = MARKER_RE.match(para.text) or SUBITEM_RE.match(para.text)
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        if para.text.count("\t") >= 2 and hint != "heading":
            role = "tabrow"
        elif match and not (marked and in_list and SUBITEM_RE.match(para.text)):
            num = match.group("num")
            role = "heading" if hint == "heading" or (
                part_kind != "act" and _heading_like(text, num, nxt)) else "clause"
            seen_clause = True
            in_list = False
        elif hint == "heading":
            role = "heading"
            in_list = False
        elif ORDER_RE.match(text):
            role = "order"
        elif marked or in_list:
            role = "item"
        elif part_kind == "act" and not seen_clause and hint != "noindent":
            role = "preamble"
        else:
            role = "text"
        para.role = role
        if text.endswith(":"):
            in_list = True
        elif text.endswith(".") and role == "item" and not (
                nxt is not None and nxt.clean[:1].islower() and not is_clause(nxt)):
            in_list = False


def _heading_like(text: str, num: str, nxt: Para | None) -> bool:
    """Return True for «N. Заголовок»: level 1, short, and no final period or followed by N.1."""
    if "." in num or len(text) > 150:
        return False
    opens_section = nxt is not None and bool(re.match(rf"^\s*{num}\.1\.", nxt.clean))
    return opens_section or not text.endswith((".", ";")) or text.isupper()


