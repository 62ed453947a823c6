"""Split a phrase into words, spaces, dashes, punctuation and opaque spans.

An ordinal written in digits with its ending («1-й», «3-я», «10-е») is one token. Opaque
spans are never changed by the inflector: «…» (nested «ёлочки» included),
„…“, “…”, "…" and (…) (nested parentheses and quotes included). An unmatched opening
mark makes the rest of the phrase opaque: better to leave it than to guess.
"""

from __future__ import annotations

import re
from typing import NamedTuple

WORD, SPACE, DASH, PUNCT, NUMBER, OPAQUE = "word", "space", "dash", "punct", "number", "opaque"
ORDINAL = "ordinal"

# -- a word may start with digits and a hyphen («5-летний»); «5-й» (1–3 letters) is an ordinal --
_WORD_RE = re.compile(
    r"(?:\d+[-\u2010\u2011](?=[^\W\d_]{4}))?[^\W\d_]+(?:[-\u2010\u2011][^\W\d_]+)*"
)
_NUMBER_RE = re.compile(r"\d+(?:[.,/]\d+)*")
# -- a written ending has one to three letters («5-й», «5-го», «5-ми»); longer is a word --
_ORDINAL_RE = re.compile(r"\d+[-\u2010\u2011][а-яё]{1,3}(?![^\W\d_])", re.IGNORECASE)
_SPACE_RE = re.compile(r"\s+")
_PAIRS = {"«": "»", "(": ")", "„": "“", "“": "”", '"': '"'}


class Token(NamedTuple):
    kind: str
    text: str


def _closing(text: str, start: int) -> int:
    """Return the index just past the mark that closes the one at `start`."""
    closer = _PAIRS[text[start]]
    i = start + 1
    while i < len(text):
        ch = text[i]
        if ch == closer:
            return i + 1
        i = _closing(text, i) if ch in _PAIRS else i + 1
    return len(text)


def tokenize(text: str) -> list[Token]:
    """Return the tokens of `text`; joining their texts gives `text` back unchanged."""
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in _PAIRS:
            end = _closing(text, i)
            tokens.append(Token(OPAQUE, text[i:end]))
            i = end
            continue
        for kind, regex in (
            (SPACE, _SPACE_RE),
            (WORD, _WORD_RE),
            (ORDINAL, _ORDINAL_RE),
            (NUMBER, _NUMBER_RE),
        ):
            m = regex.match(text, i)
            if m:
                tokens.append(Token(kind, m.group()))
                i = m.end()
                break
        else:
            tokens.append(Token(DASH if ch in "–—-\u2010\u2011\u2012" else PUNCT, ch))
            i += 1
    return tokens


def split_at_dashes(tokens: list[Token]) -> list[list[Token]]:
    """Return `tokens` cut after every dash with a space on both sides («округ – Югра»).

    The dash and the space after it end the part before the cut.
    """
    parts: list[list[Token]] = [[]]
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        parts[-1].append(tok)
        if (
            tok.kind == DASH
            and 0 < i < len(tokens) - 2
            and tokens[i - 1].kind == SPACE
            and tokens[i + 1].kind == SPACE
        ):
            parts[-1].append(tokens[i + 1])
            parts.append([])
            i += 1
        i += 1
    return parts
