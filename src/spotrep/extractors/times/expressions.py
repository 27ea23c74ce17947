"""The words of one time expression: the time lexicon (``data/times/lexicon.tsv``), the
tokens, numbers and units read from them, and the ``Context`` an expression is resolved in."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Literal

from spotrep import data
from spotrep.records import TimeType

Tense = Literal["past", "present", "future", "none"]
"""The tense of the clause an expression dates; "none" when no verb governs it."""

_TOKEN = re.compile(
    r"\d{1,2}:\d{2}|'\d0s|\d+(?:st|nd|rd|th)\b|\d+s\b|\d+/\d+|\d+(?:\.\d+)?|[a-z]+(?:'s)?\.?"
)

_MERIDIEM = re.compile(r"\b([ap])\.\s?m\b\.?")

YEAR_UNITS = {"DE": 10, "CE": 100}

_TIME_UNITS = {"H": "H", "TM": "M", "S": "S"}


@dataclass(frozen=True, slots=True)
class TimeLexicon:
    """word -> category -> value, from ``data/times/lexicon.tsv``."""

    entries: Mapping[str, Mapping[str, str]]
    holidays: tuple[tuple[str, str], ...] = ()
    """(name, rule) of named days, longest name first so "christmas eve" wins."""

    def get(self, word: str, category: str) -> str | None:
        return self.entries.get(word, {}).get(category)

    def has(self, word: str, category: str) -> bool:
        return category in self.entries.get(word, {})


def load_time_lexicon() -> TimeLexicon:
    table: dict[str, dict[str, str]] = {}
    for row in data.records("times", "lexicon.tsv"):
        table.setdefault(row["word"], {})[row["category"]] = row["value"]
    holidays = sorted(
        ((w, c["holiday"]) for w, c in table.items() if "holiday" in c), key=lambda h: -len(h[0])
    )
    entries = MappingProxyType({w: MappingProxyType(c) for w, c in table.items()})
    return TimeLexicon(entries, tuple(holidays))


@dataclass(frozen=True, slots=True)
class Normal:
    """A normalized expression: its TimeML type and value (None when unresolvable)."""

    type: TimeType
    value: str | None
    relative: bool = False
    """True when the value was counted from another time ("a year earlier"): such a value is
    not the temporal focus that later anaphoric expressions refer to."""


@dataclass(frozen=True, slots=True)
class Context:
    """What an expression is resolved against."""

    words: tuple[str, ...]
    anchor: date | None
    tense: Tense
    lex: TimeLexicon
    reference: str | None

    def cat(self, category: str) -> list[tuple[int, str]]:
        """(position, value) of the words of ``category``."""
        found = ((i, self.lex.get(w, category)) for i, w in enumerate(self.words))
        return [(i, v) for i, v in found if v is not None]

    def first(self, category: str) -> str | None:
        hits = self.cat(category)
        return hits[0][1] if hits else None

    def direction(self) -> int:
        """-1 back from the anchor, +1 forward: an explicit shift word wins over the tense."""
        shift = self.first("shift")
        if shift in ("-1", "+1"):
            return int(shift)
        return 1 if self.tense == "future" else -1


def tokens(text: str, lex: TimeLexicon) -> tuple[str, ...]:
    """Lower-case words; abbreviation periods kept only where the lexicon knows the word."""
    lowered = _MERIDIEM.sub(lambda m: f" {m[1]}m ", text.lower().replace("-", " "))
    out: list[str] = []
    for tok in _TOKEN.findall(lowered):
        if tok.endswith(".") and tok not in lex.entries:
            tok = tok[:-1]
        if tok.endswith("'s") and tok not in lex.entries:
            tok = tok[:-2]
        out.append(tok)
    return tuple(out)


def first_number(ctx: Context) -> tuple[int, str] | None:
    """Position and count of the first quantity word ("three", "48", "several" -> X)."""
    for i, w in enumerate(ctx.words):
        if w.isdigit() and len(w) < 4:
            return i, w
        nxt = ctx.words[i + 1] if i + 1 < len(ctx.words) else ""
        if w in ("a", "an") and (ctx.lex.has(nxt, "vague_number") or ctx.lex.has(nxt, "number")):
            continue
        value = ctx.lex.get(w, "number")
        if value is not None and value not in ("0.5",):
            return i, _compound_number(ctx, i, value)
        vague = ctx.lex.get(w, "vague_number")
        if vague is not None:
            return i, vague
    return None


def _compound_number(ctx: Context, i: int, value: str) -> str:
    """``twenty four`` -> 24; ``a hundred`` -> 100; ``two thousand`` -> 2000."""
    total = int(value)
    nxt = ctx.words[i + 1] if i + 1 < len(ctx.words) else ""
    times = ctx.lex.get(nxt, "multiplier")
    if times is not None:
        return str(max(total, 1) * int(times))
    ones = ctx.lex.get(nxt, "number")
    if total >= 20 and ones is not None and ones.isdigit() and int(ones) < 10:
        return str(total + int(ones))
    return str(total)


def first_unit(ctx: Context) -> tuple[int, str] | None:
    hits = [(i, u) for i, u in ctx.cat("unit") if u != "WE"]
    return hits[-1] if hits else None


def duration_value(count: str, unit: str) -> str:
    if unit in _TIME_UNITS:
        return f"PT{count}{_TIME_UNITS[unit]}"
    if unit in YEAR_UNITS:
        return f"P{int(count) * YEAR_UNITS[unit]}Y" if count.isdigit() else "PXY"
    if unit == "2W":
        return "P2W"
    return f"P{count}{unit}"


def unit_after(ctx: Context, position: int) -> tuple[int, str] | None:
    """The unit a count measures: the first one after it ("nine months of the year")."""
    hits = [(i, u) for i, u in ctx.cat("unit") if u != "WE" and i > position]
    return hits[0] if hits else None
