"""Typography of inserted values: quotes, dashes, hyphens and no-break spaces.

The rules are T-01…T-07 of docs/reference/gost.md.

`typograph` is idempotent and keeps no-break spaces it finds. Nested quotes are
«ёлочки» by default, as acts write them (T-01: «О внесении изменений в … «Об
образовании …»»); ``nested="„“"`` gives „лапки“ (Розенталь) instead.
"""

from __future__ import annotations

import re
from functools import lru_cache

NBSP = "\u00a0"
_SP = r"[ \t\u00a0\u202f]"
_MONTHS = r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
_QUOTE_CHARS = '«»"„“”'
_RULES: list[tuple[re.Pattern[str], str]] = [
    # -- T-07: runs of spaces, spaces before punctuation --
    (re.compile(r"(?<=\S) {2,}(?=\S)"), " "),
    (re.compile(r"(?<=\S)[ \t]+(?=[,;:!?)])"), ""),
    (re.compile(r"\([ \t]+"), "("),
    # -- T-03: hyphen characters inside a word become «-»; dashes glued between letters too --
    (re.compile(r"(?<=[^\W\d_])[\u2010\u2011\u2012\u2013\u2014](?=[^\W\d_])"), "-"),
    # -- T-02: ranges of years and of numbers before a unit take an en dash, no spaces --
    (
        re.compile(
            r"\b((?:19|20)\d{2})" + _SP + r"?[-\u2010-\u2014]" + _SP + r"?((?:19|20)\d{2})\b"
        ),
        "\\1\u2013\\2",
    ),
    (
        re.compile(
            r"\b(\d{1,4})"
            + _SP
            + r"?[-\u2013\u2014]"
            + _SP
            + r"?(\d{1,4})\b(?="
            + _SP
            + r"*(?:год|гг\.|г\.|%|час|лет|человек|дн|месяц))"
        ),
        "\\1\u2013\\2",
    ),
    # -- T-02: a dash between words: no-break space before it, ordinary space after --
    (re.compile(r"(?<=\S)" + _SP + r"+[-\u2010-\u2014]" + _SP + r"+(?=\S)"), NBSP + "\u2013 "),
    (re.compile(r"(\(далее)" + _SP + r"*-" + _SP + r"*(?=\S)"), "\\1" + NBSP + "\u2013 "),
    # -- T-04: «№» and a no-break space; «№№» stays as typed --
    (re.compile(r"№" + _SP + r"*(?=[^\s№])"), "№" + NBSP),
    # -- T-05: year and «г.»/«гг.»; day, month and year in a verbal date --
    (re.compile(r"(?<=\d)" + _SP + r"*(?=гг?\.)"), NBSP),
    (re.compile(r"\b(\d{1,2})" + _SP + r"+(?=" + _MONTHS + r")"), "\\1" + NBSP),
    (re.compile(r"(" + _MONTHS + r")" + _SP + r"+(?=\d{4})"), "\\1" + NBSP),
    # -- T-05: initials and surname: «И.В.\u00a0Носова», «Носова\u00a0И.В.» --
    (
        re.compile(r"\b([А-ЯЁ])\." + _SP + r"?([А-ЯЁ])\." + _SP + r"*(?=[А-ЯЁ][а-яё])"),
        "\\1.\\2." + NBSP,
    ),
    (
        re.compile(
            r"\b([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)"
            + _SP
            + r"+([А-ЯЁ])\."
            + _SP
            + r"?([А-ЯЁ])\.(?!"
            + _SP
            + r"*[А-ЯЁ][а-яё])"
        ),
        "\\1" + NBSP + "\\2.\\3.",
    ),
    # -- T-14 (project convention): «30\u00a0%» --
    (re.compile(r"(?<=\d)" + _SP + r"?%"), NBSP + "%"),
]


def typograph(text: str, nested: str = "«»") -> str:
    """Return `text` with acts' typography: «ёлочки», « – », no-break spaces, single spaces.

    "Об образовании" и "дорожная карта" - 2023-2026 гг. → «Об образовании» и «дорожная
    карта»\u00a0– 2023–2026\u00a0гг. `nested` is the pair used inside quotes: «» (default,
    docs/reference/gost.md T-01) or „“. Leading and trailing spaces are removed.
    """
    if len(nested) != 2:
        raise ValueError(f"nested должен быть парой кавычек, например «» или „“, а не {nested!r}")
    return _typograph(str(text), nested)


# -- a pure function of two strings, called for the same names and citations in every
# -- document (about 0.2 ms each): memoised, bounded --
@lru_cache(maxsize=8192)
def _typograph(text: str, nested: str) -> str:
    text = _quotes(text, nested)
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text.strip(" \t\n")


def _quotes(text: str, nested: str) -> str:
    """Return `text` with every quote mark replaced by «ёлочки» (or `nested` inside them).

    Straight and curly marks are opening after a space, a bracket, a dash or another
    opening mark, closing otherwise. Spaces just inside the marks are removed (T-01).
    """
    if not any(ch in text for ch in _QUOTE_CHARS):
        return text
    out: list[str] = []
    depth = 0
    for i, ch in enumerate(text):
        if ch not in _QUOTE_CHARS:
            out.append(ch)
            continue
        before = text[i - 1] if i else " "
        if ch in "«„":
            opening = True
        elif ch in "»”":
            opening = False
        else:  # " and “ open at depth 0 or after a space or bracket; “ closes „ in Russian style
            opening = depth == 0 or before.isspace() or before in "([{«„–—-/"
        if opening:
            out.append("«" if depth == 0 else nested[0])
            depth += 1
        else:
            depth = max(depth - 1, 0)
            out.append("»" if depth == 0 else nested[1])
    result = "".join(out)
    result = re.sub(r"([«" + nested[0] + r"])" + _SP + r"+", r"\1", result)
    return re.sub(_SP + r"+([»" + nested[1] + r"])", r"\1", result)
