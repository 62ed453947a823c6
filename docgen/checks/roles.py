"""Roles of the paragraphs of one part: the act (blank, kind, date and number, title,
preamble, clauses, signature), an appendix (mark, heading, body) or other text.

The act kinds the document is read with (``model.kinds``) say which line is the kind, which
paragraph is the operative formula and which lines go on a mark."""

from __future__ import annotations

import re

from .kinds import KindWords
from .memo import kinds_memo, para_memo
from .model import DocModel, Para, Part
from .patterns import MARKER_RE, POSITION_RE, SUBITEM_RE
from .predicates import (
    clause_number,
    continues_heading,
    continues_mark,
    has_name,
    is_clause,
    is_datenum,
    is_doc_head,
    is_kind,
    is_mark_start,
    is_sign_start,
    looks_title,
    truncated_mark,
)


def act_roles(model: DocModel, part: Part, paras: list[Para]) -> None:
    """Set the roles of an act: blank, kind, date and number, title, body, signature."""
    own(part, paras)
    kinds = model.kinds
    kind_at = next((i for i, p in enumerate(paras[:12]) if is_kind(p, kinds)), None)
    i = 0
    if kind_at is not None:
        for p in paras[:kind_at]:
            p.role = p.role or "blank"
        kind_para = paras[kind_at]
        kind_para.role = "kind"
        kind = kinds.blank.get(re.sub(r"[\s\u00a0]", "", kind_para.clean).upper())
        if kind is not None:
            part.act_kind, part.act_genitive = kind.upper, kind.gent
        i = kind_at + 1
    while i < len(paras) and i - (kind_at or 0) <= 4 and is_datenum(paras[i]):
        paras[i].role = "datenum"
        i += 1
    if i < len(paras) and looks_title(paras[i], kinds):
        paras[i].role = "title"
        i += 1
        while (
            i < len(paras)
            and paras[i].role in ("", "title")
            and paras[i].style
            and paras[i].style == paras[i - 1].style
            and looks_title(paras[i], kinds)
            and not paras[i].clean.startswith(("О ", "Об "))
        ):
            paras[i].role = "title"
            i += 1
    sign_at = _find_signature(paras, i)
    body = paras[i:sign_at] if sign_at is not None else paras[i:]
    _body_roles(body, "act", kinds)
    if sign_at is not None:
        _sign_roles(paras[sign_at:])


def appendix_roles(model: DocModel, part: Part, paras: list[Para]) -> None:
    """Set the roles of an appendix: mark, anything before the heading, heading, body."""
    own(part, paras)
    kinds = model.kinds
    i = 0
    first = paras[0]
    if is_mark_start(first) or truncated_mark(first, kinds):
        first.role = "mark"
        i = 1
        while i < len(paras) and i < 12 and continues_mark(paras[i - 1], paras[i], kinds):
            paras[i].role = "mark"
            i += 1
    head_at = next(
        (
            j
            for j in range(i, min(len(paras), i + 16))
            if is_doc_head(paras[j]) or is_clause(paras[j])
        ),
        None,
    )
    if head_at is not None and not is_clause(paras[head_at]):
        for p in paras[i:head_at]:
            p.role = "extra"
        paras[head_at].role = "doctitle"
        i = head_at + 1
        while i < len(paras) and i - head_at < 8 and continues_heading(paras[i - 1], paras[i]):
            paras[i].role = "doctitle"
            i += 1
    sign_at = _find_signature(paras, i, need_name=True)
    _body_roles(paras[i:sign_at] if sign_at is not None else paras[i:], "appendix", kinds)
    if sign_at is not None:
        _sign_roles(paras[sign_at:])


def other_roles(model: DocModel, part: Part, paras: list[Para]) -> None:
    """Set the roles of text that is neither an act nor an appendix (body roles only)."""
    own(part, paras)
    _body_roles(paras, "other", model.kinds)


def own(part: Part, paras: list[Para]) -> None:
    """Make `paras` belong to `part`."""
    for para in paras:
        para.part = part
        part.paras.append(para)


def _find_signature(paras: list[Para], start: int, need_name: bool = False) -> int | None:
    """Return the index in `paras` where the signature block starts, or None."""
    for j in range(start, len(paras)):
        para = paras[j]
        if para.role == "sign":
            return j
        if para.role or not is_sign_start(para):
            continue
        block = paras[j : j + 8]
        near_end = not need_name or j >= len(paras) - 8
        if (
            any(has_name(p) for p in block)
            and near_end
            and (POSITION_RE.match(para.clean) or has_name(para))
        ):
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


def _body_roles(paras: list[Para], part_kind: str, kinds: KindWords) -> None:
    in_list = False
    seen_clause = False
    for i, para in enumerate(paras):
        hint = para.role
        text = para.clean
        if hint in ("sign", "mark", "doctitle", "kind", "datenum", "blank", "title"):
            continue
        match = clause_number(para)
        marked, subitem, tabs = _line_shape(para)
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        if tabs and hint != "heading":
            role = "tabrow"
        elif match and not (marked and in_list and subitem):
            num = match[2]
            role = (
                "heading"
                if hint == "heading" or (part_kind != "act" and _heading_like(text, num, nxt))
                else "clause"
            )
            seen_clause = True
            in_list = False
        elif hint == "heading":
            role = "heading"
            in_list = False
        elif _order(para, kinds):
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
        elif (
            text.endswith(".")
            and role == "item"
            and not (nxt is not None and nxt.clean[:1].islower() and not is_clause(nxt))
        ):
            in_list = False


@para_memo
def _line_shape(text: str, clean: str) -> tuple[bool, bool, bool]:
    """Return (a list marker or «1)» at the start, «1)» at the start, two tabs or more)."""
    subitem = bool(SUBITEM_RE.match(text))
    return bool(MARKER_RE.match(text)) or subitem, subitem, text.count("\t") >= 2


@kinds_memo
def _order(text: str, clean: str, kinds: KindWords) -> bool:
    """Return True for the operative word «ПРИКАЗЫВАЮ:», «… постановляет:»."""
    return bool(kinds.order_re.match(clean))


def _heading_like(text: str, num: str, nxt: Para | None) -> bool:
    """Return True for «N. Заголовок»: level 1, short, and no final period or followed by N.1."""
    if "." in num or len(text) > 150:
        return False
    opens_section = nxt is not None and bool(re.match(rf"^\s*{num}\.1\.", nxt.clean))
    return opens_section or not text.endswith((".", ";")) or text.isupper()
