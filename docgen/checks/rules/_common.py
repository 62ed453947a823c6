"""Helpers the rule modules share: which paragraphs to read, and regex tables."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ...findings import Severity
from ..model import BODY_ROLES, DocModel, Para
from ..patterns import quote_at
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
        if self.needles and not any(n in text for n in self.needles):
            return False
        return self.guard is None or self.guard(text)


def pattern(regex: str, message: str, hint: str = "", severity: Severity | None = None,
            skip=None, flags: int = 0, needles: tuple[str, ...] = (), guard=None) -> Pattern:
    """Return a :class:`Pattern` with `regex` compiled once."""
    return Pattern(re.compile(regex, flags), message, hint, severity, skip, needles, guard)


def text_paras(doc: DocModel) -> Iterator[Para]:
    """Yield every paragraph with visible text (body and table cells)."""
    return (p for p in doc.paragraphs if p.text.strip(" \t\u00a0"))


def body_paras(doc: DocModel, roles: Iterable[str] = BODY_ROLES) -> list[Para]:
    """Return the non-empty paragraphs whose role is one of `roles`."""
    roles = set(roles)
    return [p for p in doc.paragraphs if not p.empty and p.role in roles]


def scan(para: Para, table: Iterable[Pattern], text: str | None = None) -> Iterator[Issue]:
    """Yield an issue per match of each pattern of `table` in the paragraph.

    Patterns earlier in the table win: a later match overlapping an earlier one is dropped.
    """
    text = para.text if text is None else text
    taken: list[tuple[int, int]] = []
    for pat in table:
        if not pat.candidates(text):
            continue
        for match in pat.regex.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken) and end > start:
                continue
            if pat.skip is not None and pat.skip(para, match):
                continue
            taken.append((start, max(end, start + 1)))
            yield issue(para, pat.message, pat.hint, quote_at(text, start, end), pat.severity)


def first_lines(paras: list[Para], limit: int = 6) -> str:
    """Return «стр. 3, 7, 12» / «абзацы 3, 7» for the first `limit` paragraphs."""
    if not paras:
        return ""
    positions = [p.position() for p in paras[:limit]]
    more = f" и ещё {len(paras) - limit}" if len(paras) > limit else ""
    return ", ".join(positions) + more
