"""Bounded, exact memoisation of per-paragraph results across documents.

Generated packages repeat most of their paragraphs from one municipality to the next, and
many rules compute something that depends on a paragraph's text alone (the matches of a
regex table, the words of a paragraph, the names in it). :func:`text_memo` memoises such
a pure function of the text per distinct text, in one LRU table shared by all rules; a
value is computed once per text, and only values that cannot be changed (tuples, strings,
frozensets, None) are stored. Nothing about a paragraph other than its text goes into a
memoised value, so a document can never see another document's findings. What also depends
on the act kinds a document is read with (:func:`kinds_memo`, :func:`kinds_text_memo`) is
kept under the kinds' value key beside the text.

:func:`cached_in_run` keeps what every rule would rebuild (the paragraphs with visible
text, the next body paragraph of each, the numbering scopes) once per ``run_rules`` call,
in a scratch dict the runner opens on the model (``DocModel.run``).

Other memo tables (style sheets, paragraphs' XML → text and formatting, headers, name
comparisons) are :class:`LRU` instances; :func:`clear_memos` empties all of them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

#: Distinct paragraph texts remembered (least recently used ones are dropped).
TEXT_MEMO_SIZE = 4096

_TEXTS: OrderedDict[str, dict] = OrderedDict()
_LOCK = threading.Lock()
T = TypeVar("T")


def entry(text: str) -> dict:
    """Return the memo dict of `text` (created empty when the text is new)."""
    with _LOCK:
        found = _TEXTS.get(text)
        if found is None:
            found = _TEXTS[text] = {}
            if len(_TEXTS) > TEXT_MEMO_SIZE:
                _TEXTS.popitem(last=False)
        else:
            _TEXTS.move_to_end(text)
        return found


def para_entry(para) -> dict:
    """Return the memo dict of `para`'s text (remembered on the paragraph for its text)."""
    memo = para.memo
    text = para.text
    if memo is not None and memo[0] is text:
        return memo[1]
    found = entry(text)
    para.memo = (text, found)
    return found


def text_memo(func: Callable[[str], T]) -> Callable[[Any], T]:
    """Decorate a pure function of a paragraph's text: ``f(para)`` → ``func(para.text)``, memoised.

    `func` must return an immutable value and read nothing but the text.
    """

    def get(para) -> T:
        memo = para.memo
        found = memo[1] if memo is not None and memo[0] is para.text else para_entry(para)
        try:
            return found[func]
        except KeyError:
            value = found[func] = func(para.text)
            return value

    get.__wrapped__ = func
    get.__name__ = func.__name__
    get.__doc__ = func.__doc__
    return get


def para_memo(func: Callable[[str, str], T]) -> Callable[[Any], T]:
    """Decorate a pure function of a paragraph's text and clean text: ``f(para)``, memoised.

    ``func(para.text, para.clean)`` must return an immutable value. Memoised under the
    text, with the clean text it was computed for (a model built by hand may pair them
    differently).
    """

    def get(para) -> T:
        memo = para.memo
        found = memo[1] if memo is not None and memo[0] is para.text else para_entry(para)
        clean = para.clean
        hit = found.get(func)
        if hit is not None and (hit[0] is clean or hit[0] == clean):
            return hit[1]
        value = func(para.text, clean)
        found[func] = (clean, value)
        return value

    get.__wrapped__ = func
    get.__name__ = func.__name__
    get.__doc__ = func.__doc__
    return get


def kinds_memo(func: Callable[[str, str, Any], T]) -> Callable[[Any, Any], T]:
    """Decorate a pure function of a paragraph's text, clean text and the act kinds
    (:class:`docgen.checks.kinds.KindWords`): ``f(para, kinds)``, memoised.

    Memoised under the text and the kinds' value key (``kinds.key``): documents read with
    equal kinds share the results, other kinds get their own.
    """

    def get(para, kinds) -> T:
        memo = para.memo
        found = memo[1] if memo is not None and memo[0] is para.text else para_entry(para)
        clean = para.clean
        slot = (func, kinds.key)
        hit = found.get(slot)
        if hit is not None and (hit[0] is clean or hit[0] == clean):
            return hit[1]
        value = func(para.text, clean, kinds)
        found[slot] = (clean, value)
        return value

    get.__wrapped__ = func
    get.__name__ = func.__name__
    get.__doc__ = func.__doc__
    return get


def kinds_text_memo(func: Callable[[str, Any], T]) -> Callable[[Any, Any], T]:
    """Decorate a pure function of a paragraph's text and the act kinds: ``f(para, kinds)``
    → ``func(para.text, kinds)``, memoised under the text and ``kinds.key``."""

    def get(para, kinds) -> T:
        memo = para.memo
        found = memo[1] if memo is not None and memo[0] is para.text else para_entry(para)
        slot = (func, kinds.key)
        try:
            return found[slot]
        except KeyError:
            value = found[slot] = func(para.text, kinds)
            return value

    get.__wrapped__ = func
    get.__name__ = func.__name__
    get.__doc__ = func.__doc__
    return get


def str_memo(func: Callable[[str], T]) -> Callable[[str], T]:
    """Decorate a pure function of one string (a paragraph's clean text, an item): memoised.

    `func` must return an immutable value.
    """

    def get(text: str) -> T:
        found = entry(text)
        try:
            return found[func]
        except KeyError:
            value = found[func] = func(text)
            return value

    get.__wrapped__ = func
    get.__name__ = func.__name__
    get.__doc__ = func.__doc__
    return get


def clear_text_memo() -> None:
    """Forget every memoised per-text result."""
    with _LOCK:
        _TEXTS.clear()


_TABLES: list[LRU] = []


class LRU:
    """A small thread-safe mapping that keeps its `size` most recently used items.

    Every LRU made is forgotten by :func:`clear_memos`.
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        _TABLES.append(self)

    def get(self, key, default=None):
        """Return the value under `key` (marking it recently used), or `default`.

        Without the lock: each OrderedDict operation is atomic, and an item another thread
        drops between the two steps reads as missing (computed again, never wrong).
        """
        data = self._data
        try:
            value = data[key]
            data.move_to_end(key)
        except KeyError:
            return default
        return value

    def put(self, key, value) -> None:
        """Remember `value` under `key`, dropping the least recently used item when full."""
        with self._lock:
            data = self._data
            data[key] = value
            data.move_to_end(key)
            while len(data) > self.size:
                data.popitem(last=False)

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)


def clear_memos() -> None:
    """Forget every memoised result: per-text results and every LRU table."""
    clear_text_memo()
    for table in _TABLES:
        table.clear()


def cached_in_run(doc, key: str, build: Callable[[], T]) -> T:
    """Return `build()` computed once per rule run on `doc` (every call outside a run)."""
    scratch = doc.run
    if scratch is None:
        return build()
    try:
        return scratch[key]
    except KeyError:
        value = scratch[key] = build()
        return value
