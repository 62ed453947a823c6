"""Plain-text comparison: paragraphs aligned one to one, then words within a paragraph.

Both steps use :mod:`difflib` (see the package docstring for why no comparison package):

* :func:`align` pairs the paragraphs of two documents. Identical paragraphs anchor the
  alignment; between anchors, paragraphs are paired by the words they share (a dynamic
  programme that keeps their order), so a reworded clause is one changed paragraph, not a
  deleted one and an inserted one.
* :func:`word_diff` gives the pieces of one changed paragraph: equal, deleted, inserted.
  Joining the equal and inserted pieces gives the new text exactly, the equal and deleted
  ones the old text exactly — the property a redline's «accept all» and «reject all» need.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

#: Words, runs of white space, and single other characters (punctuation, «», №).
TOKEN_RE = re.compile(r"\w+|\s+|[^\w\s]")
#: Paragraphs sharing less than this share of their words are not one changed paragraph.
PAIR_THRESHOLD = 0.5

EQUAL, INSERT, DELETE = "equal", "insert", "delete"


@dataclass(frozen=True)
class Piece:
    """A piece of a changed paragraph: `op` is «equal», «insert» or «delete».

    `start` is where `text` begins in its own side's text: the new text for equal and
    inserted pieces, the old text for deleted ones.
    """

    op: str
    text: str
    start: int


def tokens(text: str) -> list[str]:
    """Return `text` cut into words, white-space runs and single other characters."""
    return TOKEN_RE.findall(text)


def _key(token: str) -> str:
    # -- a no-break space and a space are one word boundary for the alignment; the exact
    #    characters still come out as a change (see word_diff) --
    return " " if token.isspace() else token


def word_diff(old: str, new: str) -> list[Piece]:
    """Return the pieces turning `old` into `new`, deletions before insertions in a change.

    Tokens are compared exactly; a run of white space that merely separates two changes
    is folded into them, so a replaced phrase reads as one deletion and one insertion.
    """
    old_tokens, new_tokens = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(
        None, [_key(t) for t in old_tokens], [_key(t) for t in new_tokens], autojunk=False
    )
    # -- ops as (op, old tokens, new tokens); equal spans whose characters differ (a
    #    no-break space for a space) become a replacement token by token --
    ops: list[tuple[str, list[str], list[str]]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            ops.append(("change", old_tokens[i1:i2], new_tokens[j1:j2]))
            continue
        for a, b in zip(old_tokens[i1:i2], new_tokens[j1:j2], strict=True):
            ops.append(("equal", [a], [b]) if a == b else ("change", [a], [b]))
    merged = _fold_separators(ops)
    pieces: list[Piece] = []
    old_at = new_at = 0
    for tag, a, b in merged:
        old_text, new_text = "".join(a), "".join(b)
        if tag == "equal":
            pieces.append(Piece(EQUAL, new_text, new_at))
        else:
            if old_text:
                pieces.append(Piece(DELETE, old_text, old_at))
            if new_text:
                pieces.append(Piece(INSERT, new_text, new_at))
        old_at += len(old_text)
        new_at += len(new_text)
    return pieces


def _fold_separators(ops):
    """Return `ops` with neighbouring changes joined, white space between them included."""
    out: list[tuple[str, list[str], list[str]]] = []
    for i, (tag, a, b) in enumerate(ops):
        between = (
            tag == "equal"
            and a[0].isspace()
            and 0 < i < len(ops) - 1
            and ops[i - 1][0] == "change"
            and ops[i + 1][0] == "change"
        )
        if between:
            tag = "change"
        if tag == "change" and out and out[-1][0] == "change":
            out[-1] = ("change", out[-1][1] + a, out[-1][2] + b)
        elif tag == "equal" and out and out[-1][0] == "equal":
            out[-1] = ("equal", out[-1][1] + a, out[-1][2] + b)
        else:
            out.append((tag, list(a), list(b)))
    return out


def similarity(old: str, new: str) -> float:
    """Return the share of words `old` and `new` have in common (Dice, 0…1)."""
    return _dice(_words(old), _words(new))


def _words(text: str) -> Counter:
    return Counter(w.lower() for w in re.findall(r"\w+", text))


def _dice(a: Counter, b: Counter) -> float:
    total = sum(a.values()) + sum(b.values())
    if not total:
        return 1.0
    return 2 * sum((a & b).values()) / total


def align(
    old: Sequence[str],
    new: Sequence[str],
    old_kinds: Sequence[str] | None = None,
    new_kinds: Sequence[str] | None = None,
) -> list[tuple[int | None, int | None]]:
    """Return the alignment of the items `old` and `new` (their texts), in document order.

    Each element is (i, j): a pair of one old and one new item (equal or changed), (i,
    None) an old item deleted, (None, j) a new item inserted; deletions come before the
    insertions they stand beside. Items pair only with items of the same kind
    (`old_kinds`/`new_kinds`: «p» paragraph, «tbl» table; all paragraphs by default).
    """
    old_kinds = old_kinds or ["p"] * len(old)
    new_kinds = new_kinds or ["p"] * len(new)
    old_keys = [f"{k}\0{_norm(t)}" for k, t in zip(old_kinds, old, strict=True)]
    new_keys = [f"{k}\0{_norm(t)}" for k, t in zip(new_kinds, new, strict=True)]
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    out: list[tuple[int | None, int | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [(i1 + k, j1 + k) for k in range(i2 - i1)]
        else:
            out += _pair_block(old, new, old_kinds, new_kinds, range(i1, i2), range(j1, j2))
    return out


def _norm(text: str) -> str:
    return " ".join(text.split())


def _pair_block(old, new, old_kinds, new_kinds, rows: range, cols: range):
    """Return the best order-keeping pairing of old items `rows` with new items `cols`."""
    if not rows or not cols:
        return [(i, None) for i in rows] + [(None, j) for j in cols]
    old_words = [_words(old[i]) for i in rows]
    new_words = [_words(new[j]) for j in cols]
    n, m = len(rows), len(cols)

    def score(a: int, b: int) -> float:
        if old_kinds[rows[a]] != new_kinds[cols[b]]:
            return 0.0
        if not old[rows[a]].strip() or not new[cols[b]].strip():
            # -- an empty paragraph pairs only with an empty one --
            return 1.0 if not old[rows[a]].strip() and not new[cols[b]].strip() else 0.0
        value = _dice(old_words[a], new_words[b])
        return value if value >= PAIR_THRESHOLD else 0.0

    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        for b in range(m - 1, -1, -1):
            s = score(a, b)
            best[a][b] = max(best[a + 1][b], best[a][b + 1], best[a + 1][b + 1] + s if s else 0)
    out: list[tuple[int | None, int | None]] = []
    dels: list[tuple[int | None, int | None]] = []
    ins: list[tuple[int | None, int | None]] = []
    a = b = 0
    while a < n and b < m:
        s = score(a, b)
        if s and best[a][b] == best[a + 1][b + 1] + s:
            out += dels + ins + [(rows[a], cols[b])]
            dels, ins = [], []
            a, b = a + 1, b + 1
        elif best[a][b] == best[a + 1][b]:
            dels.append((rows[a], None))
            a += 1
        else:
            ins.append((None, cols[b]))
            b += 1
    dels += [(rows[k], None) for k in range(a, n)]
    ins += [(None, cols[k]) for k in range(b, m)]
    return out + dels + ins
