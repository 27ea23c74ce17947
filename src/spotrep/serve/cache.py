"""The map's bulk answer, kept while the store is unchanged.

Reading, encoding and compressing 100,000 events' columns takes seconds; the page asks for
the same set on every load. ``ColumnsCache`` keeps the last few answers (compressed JSON) by
their filters, each with the store's version when it was read: the highest primary key and
row count of the events and articles tables, which every ingest, new version and deletion
changes. A request whose store version differs reads the store again. One cache per app,
made by ``create_app``; nothing is kept between processes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from isal import igzip

from spotrep.store import Filters, Store, schema

Version = tuple[Any, ...]
COMPRESS_LEVEL = 1
"""gzip level of the cached answers (ISA-L's igzip, gzip's format: 8 MB of columns in a fifth
of zlib's level 1 time, and smaller)."""


def store_version(store: Store) -> Version:
    e, a = schema.events, schema.articles
    with store.engine.connect() as conn:
        events = conn.execute(sa.select(sa.func.max(e.c.pk), sa.func.count(e.c.pk))).one()
        articles = conn.execute(sa.select(sa.func.max(a.c.pk), sa.func.count(a.c.pk))).one()
    return (*events, *articles)


class ColumnsCache:
    def __init__(self, store: Store, size: int = 8) -> None:
        self.store = store
        self.size = size
        self._entries: OrderedDict[Filters, tuple[Version, bytes]] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[Filters, threading.Lock] = {}

    def gzipped(self, filters: Filters, build: Callable[[], bytes]) -> bytes:
        """``build()`` (the JSON answer for these filters) gzip-compressed, built when not kept.
        Requests for filters being built wait for that build (the page's first load while
        the server warms up reads the store once, not twice)."""
        version = store_version(self.store)
        with self._lock:
            kept = self._fresh(filters, version)
            if kept is not None:
                return kept
            building = self._building.setdefault(filters, threading.Lock())
        with building:
            with self._lock:
                kept = self._fresh(filters, version)
            if kept is not None:
                return kept
            body = igzip.compress(build(), COMPRESS_LEVEL)
            with self._lock:
                self._entries[filters] = (version, body)
                self._entries.move_to_end(filters)
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
                self._building.pop(filters, None)
        return body

    def _fresh(self, filters: Filters, version: Version) -> bytes | None:
        kept = self._entries.get(filters)
        if kept is None or kept[0] != version:
            return None
        self._entries.move_to_end(filters)
        return kept[1]
