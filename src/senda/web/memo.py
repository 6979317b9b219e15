"""An in-process memo for computed page data that is costly to pickle.

Django's local-memory cache pickles every value; a triage ranking of 1,700 cases takes
~90 ms to unpickle, more than computing it. :class:`Memo` keeps the objects themselves,
per process, least-recently-used first out. Keys must carry their own version (see
``audit.latest_write``): nothing here ever expires on its own.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

MEMOS: list[Memo] = []


class Memo:
    def __init__(self, maxsize: int = 32) -> None:
        self.maxsize = maxsize
        self._items: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()
        MEMOS.append(self)

    def get_or_set(self, key: str, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()  # outside the lock: a slow computation blocks no other key
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def clear_all() -> None:
    """Empty every memo (tests)."""
    for memo in MEMOS:
        memo.clear()
