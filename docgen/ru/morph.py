"""The one pymorphy3 analyser of the process, created lazily, and its memoised word look-ups.

Creating `MorphAnalyzer` loads a 16 MB dictionary (about 0.1 s, +28 MB RSS), so it
happens once per process (`docgen.ru.warm_up()` pays it at application start). The word
memos live here and only here: `parse` and `form` are pure functions of strings, bounded,
and the benchmark empties them to measure new words.
"""

from __future__ import annotations

import threading
from functools import lru_cache

_lock = threading.Lock()
_analyzer = None


def analyzer():
    """Return the process-wide `pymorphy3.MorphAnalyzer`, creating it on first use."""
    global _analyzer
    if _analyzer is None:
        with _lock:
            if _analyzer is None:
                import pymorphy3

                _analyzer = pymorphy3.MorphAnalyzer(lang="ru")
    return _analyzer


@lru_cache(maxsize=20000)
def parse(word: str) -> tuple:
    """Return pymorphy's readings of the lower-case `word`, best score first (memoised)."""
    return tuple(analyzer().parse(word))


@lru_cache(maxsize=20000)
def form(word: str, lemma: str, tag: str, grammemes: frozenset[str]) -> str | None:
    """Return the form with `grammemes` of the reading of `word` with `lemma` and `tag`, or None.

    Keyed on plain strings, not on pymorphy objects: the reading is found again among
    `parse(word)` (memoised too).
    """
    for reading in parse(word):
        if reading.normal_form == lemma and str(reading.tag) == tag:
            found = reading.inflect(set(grammemes))
            return None if found is None else found.word
    return None


def inflect(reading, grammemes) -> str | None:
    """Return the form of pymorphy `reading` with `grammemes` (a word), or None."""
    return form(reading.word, reading.normal_form, str(reading.tag), frozenset(grammemes))
