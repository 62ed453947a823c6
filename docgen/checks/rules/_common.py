"""Helpers the rule modules share: which paragraphs to read, and regex tables."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from ...findings import Severity
from ..memo import cached_in_run, kinds_text_memo, para_entry
from ..model import BODY_ROLES, DocModel, Para, Part
from ..patterns import UNFILLED_RE, parse_date, quote_at
from ..registry import Issue, issue

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Pattern:
    """One line of a rule's regex table: what to find, what to say, how to fix it.

    `skip(para, match)` returning True drops a match (exceptions the regex cannot say);
    `needles`, when given, are substrings one of which a text must contain for the regex
    to run at all, and `guard(text)` a cheaper test (most paragraphs have nothing to report).
    """

    regex: re.Pattern
    message: str
    hint: str = ""
    severity: Severity | None = None
    skip: Callable[[Para, re.Match], bool] | None = None
    needles: tuple[str, ...] = ()
    guard: Callable[[str], bool] | None = None

    def candidates(self, text: str) -> bool:
        """Return False when `text` cannot match (no needle in it, or the guard says no)."""
        if self.needles:
            for needle in self.needles:
                if needle in text:
                    break
            else:
                return False
        return self.guard is None or self.guard(text)


class Patterns(tuple):
    """A regex table (a tuple of :class:`Pattern`) whose scan results are memoised per text.

    Hashed by identity, so it is a cheap memo key; build one with :func:`patterns`.
    `needles` is the union of its patterns' needles when every pattern has some (a text
    with none of them has no match), else empty.
    """

    __hash__ = object.__hash__
    needles: tuple[str, ...] = ()

    def __eq__(self, other) -> bool:
        return self is other

    def __ne__(self, other) -> bool:
        return self is not other


def patterns(*table: Pattern) -> Patterns:
    """Return a regex table for :func:`scan` whose results are memoised per paragraph text."""
    out = Patterns(table)
    if all(pat.needles for pat in table):
        out.needles = tuple(dict.fromkeys(n for pat in table for n in pat.needles))
    return out


def pattern(
    regex: str,
    message: str,
    hint: str = "",
    severity: Severity | None = None,
    skip=None,
    flags: int = 0,
    needles: tuple[str, ...] = (),
    guard=None,
) -> Pattern:
    """Return a :class:`Pattern` with `regex` compiled once."""
    return Pattern(re.compile(regex, flags), message, hint, severity, skip, needles, guard)


def text_paras(doc: DocModel) -> Iterator[Para]:
    """Yield every paragraph with visible text (body and table cells)."""
    return iter(
        cached_in_run(
            doc, "text_paras", lambda: [p for p in doc.paragraphs if p.text.strip(" \t\u00a0")]
        )
    )


def body_paras(doc: DocModel, roles: Iterable[str] = BODY_ROLES) -> list[Para]:
    """Return the non-empty paragraphs whose role is one of `roles`."""
    roles = set(roles)
    return [p for p in doc.paragraphs if p.clean and p.role in roles]


def next_body(doc: DocModel, para: Para) -> Para | None:
    """Return ``doc.next_nonempty(para)`` (the next non-empty paragraph outside tables).

    Within a rule run the answers for every paragraph are computed once, in one pass.
    """
    if doc.run is None:
        return doc.next_nonempty(para)
    following = cached_in_run(doc, "next_body", lambda: _next_body(doc.paragraphs))
    return following[para.index] if 0 <= para.index < len(following) else doc.next_nonempty(para)


def _next_body(paragraphs: list[Para]) -> list[Para | None]:
    out: list[Para | None] = [None] * len(paragraphs)
    nxt = None
    for i in range(len(paragraphs) - 1, -1, -1):
        out[i] = nxt
        para = paragraphs[i]
        if para.clean and para.table is None:
            nxt = para
    return out


#: Pure functions of a paragraph's text whose result most paragraphs lack, by name, and
#: whether they take the act kinds too.
_SPARSE: dict[str, tuple[Callable[..., object], bool]] = {}


def sparse(name: str, *, kinds: bool = False):
    """Register the decorated pure function of a text under `name` (see :func:`found_in`).

    It must return an immutable value, falsy when the text has nothing for its rule. With
    `kinds` it is ``func(text, kinds)``: it reads the act kinds (``doc.kinds``) too.
    """

    def register(func):
        _SPARSE[name] = (func, kinds)
        return func

    return register


@kinds_text_memo
def _sparse_results(text: str, kinds) -> tuple | None:
    """Return the result of every registered sparse function on `text`, in order; None
    when none found anything (most paragraphs)."""
    results = tuple(
        [func(text, kinds) if with_kinds else func(text) for func, with_kinds in _SPARSE.values()]
    )
    return results if any(results) else None


def found_in(doc: DocModel, name: str) -> list[tuple[Para, object]]:
    """Return (paragraph, result) of the paragraphs with visible text where the sparse
    function `name` found something, in document order.

    One pass per rule run computes every sparse function (memoised per text), so rules
    that read every paragraph but report on few do not each walk the document.
    """
    return cached_in_run(doc, "sparse", lambda: _sparse_index(doc))[name]


def _sparse_index(doc: DocModel) -> dict[str, list[tuple[Para, object]]]:
    names = list(_SPARSE)
    index: dict[str, list[tuple[Para, object]]] = {name: [] for name in names}
    lists = [index[name] for name in names]
    kinds = doc.kinds
    for para in text_paras(doc):
        results = _sparse_results(para, kinds)
        if results is None:
            continue
        for found, value in zip(lists, results, strict=True):
            if value:
                found.append((para, value))
    return index


#: What a memoised scan keeps of an issue: message, hint, quote, severity.
Found = tuple[str, str, str, "Severity | None"]


def scan(para: Para, table: Iterable[Pattern], text: str | None = None) -> Sequence[Issue]:
    """Return an issue per match of each pattern of `table` in the paragraph.

    Patterns earlier in the table win: a later match overlapping an earlier one is dropped.
    A :class:`Patterns` table scanning the paragraph's own text is memoised per text
    (``skip`` functions read only ``para.text`` and the match).
    """
    if text is None and type(table) is Patterns:
        memo = para.memo
        found = memo[1] if memo is not None and memo[0] is para.text else para_entry(para)
        hits = found.get(table)
        if hits is None:
            hits = found[table] = _scan(para, table, para.text)
        if not hits:
            return ()
        return [
            Issue(para, message, hint, quote, severity) for message, hint, quote, severity in hits
        ]
    return [
        issue(para, message, hint, quote, severity)
        for message, hint, quote, severity in _scan(
            para, table, para.text if text is None else text
        )
    ]


def _scan(para: Para, table: Iterable[Pattern], text: str) -> tuple[Found, ...]:
    needles = getattr(table, "needles", ())
    if needles:
        for needle in needles:
            if needle in text:
                break
        else:
            return ()
    out: list[Found] = []
    taken: list[tuple[int, int]] = []
    for pat in table:
        if pat.needles:
            for needle in pat.needles:
                if needle in text:
                    break
            else:
                continue
        if pat.guard is not None and not pat.guard(text):
            continue
        for match in pat.regex.finditer(text):
            start, end = match.span()
            if taken and end > start and any(start < e and s < end for s, e in taken):
                continue
            if pat.skip is not None and pat.skip(para, match):
                continue
            taken.append((start, max(end, start + 1)))
            out.append((pat.message, pat.hint, quote_at(text, start, end), pat.severity))
    return tuple(out)


_QUOTED_RE = re.compile(r"«[^«»]*»")


def unquoted(text: str) -> str:
    """Return `text` with every «…» (nested too) blanked out, same length."""
    while "«" in text:
        new = _QUOTED_RE.sub(lambda m: " " * len(m.group(0)), text)
        if new == text:
            break
        text = new
    return text


def first_lines(paras: list[Para], limit: int = 6) -> str:
    """Return «стр. 3, 7, 12» / «абзацы 3, 7» for the first `limit` paragraphs."""
    if not paras:
        return ""
    positions = [p.position() for p in paras[:limit]]
    more = f" и ещё {len(paras) - limit}" if len(paras) > limit else ""
    return ", ".join(positions) + more


def acts(doc: DocModel) -> list[Part]:
    """Return the parts of `doc` that are acts (распоряжение, приказ, …), in order."""
    return [p for p in doc.parts if p.kind == "act"]


def appendices(doc: DocModel) -> list[Part]:
    """Return the parts of `doc` that are appendices, in order."""
    return [p for p in doc.parts if p.kind == "appendix"]


def as_date(day: int, month: int, year: int) -> dt.date | None:
    """Return the date, or None for a day that does not exist («31.02.2024»)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def document_date(doc: DocModel) -> dt.date | None:
    """Return the date of the act: from its blank, or (an appendix alone) from the first mark.

    None when the act is undated — a draft's «[не заполнено: Дата акта]» — or absent.
    """
    return cached_in_run(doc, "document_date", lambda: _document_date(doc))


def _document_date(doc: DocModel) -> dt.date | None:
    found = acts(doc)
    if found:
        lines = found[0].role("datenum")
    else:
        marked = [p for p in appendices(doc) if p.role("mark")]
        lines = marked[0].role("mark") if marked else []
    for para in lines:
        if UNFILLED_RE.search(para.text):
            return None
        parsed = parse_date(para.clean)
        if parsed:
            return as_date(*parsed)
    return None


def judged_on(doc: DocModel) -> tuple[dt.date | None, bool]:
    """Return (the day the document's dates are judged against, True when it is the act's own).

    The act's own date when it has one, else ``doc.context.today`` (an undated draft would
    be signed today); (None, False) when neither is known.
    """
    own = document_date(doc)
    if own is not None:
        return own, True
    return doc.context.today, False


def day_label(day: dt.date, own: bool) -> str:
    """Return «даты акта (23.11.2023)» or «сегодняшней даты (07.12.2026): у акта нет даты»."""
    text = day.strftime("%d.%m.%Y")
    return f"даты акта ({text})" if own else f"сегодняшней даты ({text}; у акта нет даты)"
