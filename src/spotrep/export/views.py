"""Which records an export holds, and with which tolls: the rules that keep sums honest.

- ACLED rows only for ACLED's 25 sub-event types reported as having happened.
- Event exports hold the statuses asked for (``reported`` by default) and say which.
- A code that reports another event's toll (``data/export/borrowed_tolls.txt``: attributions,
  diplomatic events) carries none, so no figure is counted once for the attack and again for
  the claim of it.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Iterator
from typing import get_args

from spotrep import data
from spotrep.export.acled import is_acled
from spotrep.export.item import Item
from spotrep.merge import Incident
from spotrep.records import Status

STATUSES: tuple[str, ...] = get_args(Status)
DEFAULT_STATUSES = frozenset({"reported"})


@functools.cache
def borrowed_toll_codes() -> frozenset[str]:
    return frozenset(data.lines("export", "borrowed_tolls.txt"))


def status_of(item: Item) -> str:
    """An incident merges reported events only; an event says its own status."""
    r = item.record
    return "reported" if isinstance(r, Incident) else r.event.status


def code_of(item: Item) -> str:
    r = item.record
    return r.code if isinstance(r, Incident) else r.event.code


def parse_statuses(value: str) -> frozenset[str]:
    """``reported,denied`` or ``all`` -> the statuses; a clear error for an unknown one."""
    wanted = {s.strip() for s in value.split(",") if s.strip()}
    if "all" in wanted:
        return frozenset(STATUSES)
    unknown = sorted(wanted - set(STATUSES))
    if unknown or not wanted:
        raise ValueError(f"unknown status {', '.join(unknown) or value!r} "
                         f"(one or more of {', '.join(STATUSES)}, or all)")
    return frozenset(wanted)


def own_tolls(item: Item) -> Item:
    """The item without a toll its code borrows from another event."""
    if code_of(item) not in borrowed_toll_codes():
        return item
    r = item.record
    if isinstance(r, Incident):
        return dataclasses.replace(item, record=dataclasses.replace(r, fatalities=None))
    event = dataclasses.replace(r.event, fatalities=None)
    return dataclasses.replace(item, record=dataclasses.replace(r, event=event))


def with_statuses(items: Iterable[Item], statuses: frozenset[str]) -> Iterator[Item]:
    for item in items:
        if status_of(item) in statuses:
            yield own_tolls(item)


def acled_only(items: Iterable[Item]) -> Iterator[Item]:
    """The items ACLED would code (see ``is_acled``)."""
    for item in items:
        if is_acled(code_of(item), status_of(item)):
            yield item
