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

import bisect
import difflib
import math
import operator
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


def _bag(text: str) -> frozenset[str]:
    """Return the words of `text` in lower case, a word's repeats as «word», «word␀1»…

    As a set, its size is the number of words and its intersection with another bag the
    number of words they share, repeats counted.
    """
    seen: Counter = Counter()
    bag = []
    for word in (w.lower() for w in re.findall(r"\w+", text)):
        bag.append(f"{word}\0{seen[word]}" if seen[word] else word)
        seen[word] += 1
    return frozenset(bag)


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
    scores = _pair_scores(
        [(old_kinds[i], old[i]) for i in rows], [(new_kinds[j], new[j]) for j in cols]
    )
    best = _best_table(scores, len(cols))
    n, m = len(rows), len(cols)
    out: list[tuple[int | None, int | None]] = []
    dels: list[tuple[int | None, int | None]] = []
    ins: list[tuple[int | None, int | None]] = []
    a = b = 0
    while a < n and b < m:
        s = scores[a].get(b)
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


def _pair_scores(olds: list[tuple[str, str]], news: list[tuple[str, str]]) -> list[dict]:
    """Return, for each old (kind, text), its new items' indexes → score, scores ≥ threshold.

    A score is the items' Dice share of words, or 1.0 for two items without words (two
    empty paragraphs, or two of punctuation only). Only pairs that can reach the threshold
    are measured: a pair sharing a share ≥ T of its words shares at least T·|A|/(2 − T) of
    the words of each side A, so it shares one of each side's |A| − that + 1 rarest words
    (the prefix filter of set-similarity joins); common words alone pair nothing.
    """
    old_bags = [_bag(text) for _, text in olds]
    new_bags = [_bag(text) for _, text in news]
    scores: list[dict] = [{} for _ in olds]
    # -- items without words: an empty one pairs only with an empty one --
    wordless: dict[tuple[str, bool], list[int]] = {}
    for b, (kind, text) in enumerate(news):
        if not new_bags[b]:
            wordless.setdefault((kind, bool(text.strip())), []).append(b)
    for a, (kind, text) in enumerate(olds):
        if not old_bags[a]:
            scores[a] = dict.fromkeys(wordless.get((kind, bool(text.strip())), ()), 1.0)
    frequency = Counter(word for bag in old_bags + new_bags for word in bag)
    holders: dict[str, list[int]] = {}
    for a, bag in enumerate(old_bags):
        for word in _prefix(bag, frequency):
            holders.setdefault(word, []).append(a)
    for b, bag in enumerate(new_bags):
        kind, size = news[b][0], len(bag)
        for a in {a for word in _prefix(bag, frequency) for a in holders.get(word, ())}:
            if olds[a][0] == kind:
                # -- Dice as 2·shared/total, the same float as from the words' counts --
                value = 2 * len(old_bags[a] & bag) / (len(old_bags[a]) + size)
                if value >= PAIR_THRESHOLD:
                    scores[a][b] = value
    return scores


def _prefix(bag: frozenset[str], frequency: Counter) -> list[str]:
    """Return the rarest words of `bag` that a pair over the threshold must share one of."""
    if not bag:
        return []
    # -- the least overlap, rounded down a hair so a float error never drops a pair --
    least = max(1, math.ceil(PAIR_THRESHOLD * len(bag) / (2 - PAIR_THRESHOLD) - 1e-9))
    return sorted(bag, key=lambda word: (frequency[word], word))[: len(bag) - least + 1]


def _best_table(scores: list[dict], m: int) -> list[list[float]]:
    """Return best[a][b]: the greatest total score pairing old items a… with new items b….

    The table of the recurrence best[a][b] = max(best[a+1][b], best[a][b+1],
    best[a+1][b+1] + score(a, b)), built row by row from the end. A row is its lower row
    raised where a pair of its own reaches further: each row is non-increasing, so the
    raised stretch left of a pair ends where the lower row catches up (found by bisection);
    a row without pairs is its lower row, shared.
    """
    below = [0.0] * (m + 1)
    best = [below]
    for row_scores in reversed(scores):
        if row_scores:
            row = below[:]
            columns = sorted(row_scores, reverse=True)
            for k, b in enumerate(columns):
                value = max(below[b], row[b + 1], below[b + 1] + row_scores[b])
                row[b] = value
                stop = columns[k + 1] + 1 if k + 1 < len(columns) else 0
                # -- columns left of b take `value` while the lower row is under it --
                first = bisect.bisect_right(below, -value, stop, b, key=operator.neg)
                row[first:b] = [value] * (b - first)
            below = row
        best.append(below)
    best.reverse()
    return best
