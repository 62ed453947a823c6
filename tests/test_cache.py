"""The bounded LRU table the core object keeps its caches in."""

from __future__ import annotations

import threading

import pytest

from docgen.cache import LRU


def test_a_value_is_made_once_and_then_served():
    cache, made = LRU(4), []
    for _ in range(3):
        assert cache.get("a", lambda: made.append("a") or "A") == "A"
    assert made == ["a"] and len(cache) == 1


def test_the_least_recently_used_value_is_dropped_first():
    cache = LRU(2)
    cache.get("a", lambda: 1)
    cache.get("b", lambda: 2)
    cache.get("a", lambda: -1)  # -- «a» used again: «b» is now the oldest --
    cache.get("c", lambda: 3)
    assert len(cache) == 2
    assert cache.get("a", lambda: "remade") == 1
    assert cache.get("b", lambda: "remade") == "remade"


def test_clear_forgets_everything():
    cache = LRU(2)
    cache.get("a", lambda: 1)
    cache.clear()
    assert len(cache) == 0 and cache.get("a", lambda: 2) == 2


@pytest.mark.parametrize("size", [0, -1])
def test_a_cache_holds_at_least_one_value(size):
    with pytest.raises(ValueError):
        LRU(size)


def test_many_threads_share_one_cache_safely():
    cache = LRU(8)
    errors = []

    def work(n: int) -> None:
        for i in range(500):
            key = (n + i) % 16
            if cache.get(key, lambda k=key: k * k) != key * key:
                errors.append(key)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(cache) == 8
