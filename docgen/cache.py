"""A small bounded, thread-safe memo table, owned by the core object (never module-level)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class LRU(Generic[V]):
    """At most `maxsize` values by key, the least recently used dropped first.

    `get(key, make)` returns the stored value or stores and returns ``make()``; `make`
    runs outside the lock, so two threads may both make a value the first time (the
    values are equal by construction: keys name the content they are made from).
    """

    def __init__(self, maxsize: int) -> None:
        if maxsize < 1:
            raise ValueError("maxsize must be at least 1")
        self.maxsize = maxsize
        self._data: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        """Return the value stored under `key`, making and storing it when absent."""
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        value = make()
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.maxsize:
                self._data.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every stored value."""
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)
