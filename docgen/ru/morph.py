"""The one pymorphy3 analyser of the process, created lazily, and a memoised `parse`.

Creating `MorphAnalyzer` loads a 16 MB dictionary (about 0.1 s, +28 MB RSS), so it
happens once per process; call `warm_up()` at application start to pay it there.
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
def inflect(reading, grammemes: frozenset[str]):
    """Return pymorphy's form of `reading` with `grammemes`, or None (memoised)."""
    return reading.inflect(grammemes)


def warm_up() -> None:
    """Load the dictionary, the name rules and babel's Russian data now, not on first use."""
    analyzer()
    from . import dates, names, numbers

    names.maker()
    dates.date_long("2000-01-01")
    dates.month_year("2000-01-01")
    numbers.plural(2, "год")
