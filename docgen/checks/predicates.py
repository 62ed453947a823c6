"""Predicates the classifier uses: is this paragraph an act kind, a mark, a heading, …

Each looks at one paragraph (or two neighbours) and its text; docgen's style names, when
present, have already set a role, which the predicates trust. Those that need the act kinds
(the kind line, the operative formula, the lines of a mark) take the document's
:class:`~docgen.checks.kinds.KindWords`.
"""

from __future__ import annotations

import re

from .kinds import KindWord, KindWords
from .memo import kinds_memo, para_memo
from .model import Para
from .patterns import (
    CLAUSE_RE,
    DATE_RE,
    DOC_HEAD_RE,
    NAME_IOF,
    PLACE_LINE_RE,
    POSITION_RE,
)

_MARK_START_RE = re.compile(
    r"^(?:(?:Приложение|ПРИЛОЖЕНИЕ)(?:\s+№?\s*\d+)?(?:\s+к\s+\w+.*)?|УТВЕРЖДЕН[АОЫ]?|Утвержден[аоы]?"
    r"|УТВЕРЖДАЮ|Утверждаю|СОГЛАСОВАН[АОЫ]?)$"
)
_PREAMBLE_RE = re.compile(
    r"^(?:Во\s+исполнение|В\s+соответствии|В\s+целях|На\s+основании|"
    r"Руководствуясь|В\s+связи|С\s+целью|Рассмотрев|Учитывая)\b"
)
_NAME_ONLY_RE = re.compile(rf"^(?:_+\s*)?{NAME_IOF}$")
_NAME_END_RE = re.compile(rf"(?:\t|\s)(?:_+\s*)?{NAME_IOF}$")
_HEAD_CONT_RE = re.compile(r"^(?:о|об|обо|по|на|в|для|муниципальн\w*)\s", re.IGNORECASE)


@para_memo
def clause_number(text: str, clean: str) -> tuple[tuple[int, ...], bool, str] | None:
    """Return (number, a list marker before it?, number as written) of a paragraph that
    starts with a clause number «2.1.», or None."""
    match = CLAUSE_RE.match(text) or CLAUSE_RE.match(clean)
    if not match:
        return None
    num = match.group("num")
    return tuple(int(n) for n in num.split(".")), bool(match.group("marker")), num


@kinds_memo
def _kind(text: str, clean: str, kinds: KindWords) -> KindWord | None:
    """Return the act kind the text names without any whitespace («РАСПОРЯЖЕНИЕ»), or None."""
    # -- str.split() splits at exactly the characters «\s» matches (NBSP among them) --
    return kinds.blank.get("".join(clean.split()))


@para_memo
def _mark_start(text: str, clean: str) -> bool:
    """Return True when the first line of the text starts a mark (see is_mark_start)."""
    return bool(_MARK_START_RE.match(clean.split("\n", 1)[0].strip()))


@para_memo
def _doc_head(text: str, clean: str) -> bool:
    """Return True when the text alone makes a document heading (see is_doc_head)."""
    if (
        CLAUSE_RE.match(text)
        or CLAUSE_RE.match(clean)
        or len(clean) > 400
        or clean.endswith((".", ";", ",", ":"))
    ):
        return False
    return bool(DOC_HEAD_RE.match(clean))


def _may_end_with_name(clean: str) -> bool:
    """Return False when «…Фамилия$» cannot match: the last letter (before a final line
    break) is not a lower-case Cyrillic one."""
    last = clean[-2:-1] if clean.endswith("\n") else clean[-1:]
    return "а" <= last <= "я" or last == "ё"


def _ends_with_name(clean: str) -> bool:
    return _may_end_with_name(clean) and bool(
        _NAME_ONLY_RE.match(clean) or _NAME_END_RE.search(clean)
    )


@para_memo
def _sign_name(text: str, clean: str) -> tuple[bool, bool]:
    """Return (the first line of a signature, ends with «И.О. Фамилия») read in the text alone."""
    clause = bool(CLAUSE_RE.match(text) or CLAUSE_RE.match(clean))
    if clause or len(clean) > 200 or clean.endswith((".", ";", ":")):
        sign = (
            _may_end_with_name(clean)
            and bool(_NAME_END_RE.search(clean))
            and not clause
            and len(clean) < 200
        )
    else:
        sign = bool(POSITION_RE.match(clean)) or _ends_with_name(clean)
    return sign, _ends_with_name(clean)


def is_kind(para: Para, kinds: KindWords) -> bool:
    """Return True for the act-kind line «РАСПОРЯЖЕНИЕ» (letter-spacing allowed)."""
    if para.role == "kind":
        return True
    return _kind(para, kinds) is not None


def truncated_mark(para: Para, kinds: KindWords) -> bool:
    """Return True for a mark that lost its first line: «распоряжением комитета …»."""
    return bool(kinds.truncated_mark_re.match(para.clean))


def is_clause(para: Para) -> bool:
    """Return True for a paragraph that starts with a clause number «2.1.»."""
    return clause_number(para) is not None


def is_mark_start(para: Para) -> bool:
    """Return True for the first line of an appendix mark or approval mark."""
    return para.role == "mark" or _mark_start(para)


def is_doc_head(para: Para) -> bool:
    """Return True for the first line of an approved document's heading («ПОЛОЖЕНИЕ»)."""
    if para.role == "doctitle":
        return True
    if para.role:
        return False
    return _doc_head(para)


def is_sign_start(para: Para) -> bool:
    """Return True for the first line of a signature block («Председатель комитета …»)."""
    if para.role == "sign":
        return True
    return _sign_name(para)[0]


def has_name(para: Para) -> bool:
    """Return True when the paragraph ends with «И.О. Фамилия»."""
    return _sign_name(para)[1]


def same_block(prev: Para, para: Para) -> bool:
    """Return True when two text lines are adjacent (no empty line between them)."""
    return prev.line is not None and para.line == prev.line + 1


def continues_mark(prev: Para, para: Para, kinds: KindWords) -> bool:
    """Return True when `para` goes on the mark that `prev` belongs to."""
    if para.role == "mark":
        return True
    if (
        para.role
        or is_doc_head(para)
        or is_clause(para)
        or is_mark_start(para)
        and prev.role != "mark"
    ):
        return False
    if para.line is not None:
        return same_block(prev, para)
    if prev.clean.startswith("(приложение") or prev.clean.endswith(")"):
        return False
    if kinds.mark_line_re.match(para.clean):
        return True
    fmt, prev_fmt = para.fmt, prev.fmt
    if fmt is not None and prev_fmt is not None:
        return (fmt.left >= 3 or fmt.align == "right") and para.style == prev.style
    return False


def continues_heading(prev: Para, para: Para) -> bool:
    """Return True when `para` goes on the appendix heading («ПОЛОЖЕНИЕ» / «о …»)."""
    if para.role == "doctitle":
        return True
    if para.role or is_clause(para) or para.clean.endswith((".", ";")):
        return False
    if para.line is not None:
        return same_block(prev, para)
    return bool(_HEAD_CONT_RE.match(para.clean)) or (para.clean.isupper() and prev.clean.isupper())


def is_datenum(para: Para) -> bool:
    """Return True for a line of the act's date, number or place on the blank."""
    if para.role == "datenum":
        return True
    return not para.role and datenum_text(para.clean)


def datenum_text(text: str) -> bool:
    """Return True for a line of the act's date, number or place («от 23.05.2023 № 233»)."""
    if len(text) > 90 or text.startswith(("О ", "Об ")):
        return False
    return bool(
        DATE_RE.search(text)
        or text.startswith("№")
        or re.search(r"\sN?№", text)
        or PLACE_LINE_RE.match(text)
        or re.match(r"^от\s", text)
    )


def looks_title(para: Para, kinds: KindWords) -> bool:
    """Return True for the heading to the act's text (or what stands in its place)."""
    text = para.clean
    if para.role == "title":
        return True
    if para.role or is_clause(para) or kinds.order_re.match(text):
        return False
    if text.startswith(("О ", "Об ", "О\u00a0", "Об\u00a0")):
        return True
    return len(text) <= 300 and not text.endswith((":", ".")) and not _PREAMBLE_RE.match(text)
