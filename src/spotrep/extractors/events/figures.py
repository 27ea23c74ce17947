"""Figures: how many people a phrase counts ("at least 12", "dozens", "two soldiers and a
civilian"), with its bound (min, max, approx)."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from spotrep.extractors._syntax import PLURAL_TAGS
from spotrep.extractors.events.casualty_words import (
    INDEFINITE,
    NOUN_MODIFIER_DEPS,
    ONE_PERSON,
    ONE_WORDS,
    CasualtyResources,
    Relation,
)


@dataclass(frozen=True, slots=True)
class Figure:
    """A count read from some tokens, with its bounds and the tokens it came from."""

    count: int | None
    low: int | None
    high: int | None
    first: int
    last: int
    explicit: bool = True
    """False when the count is only implied ("the driver", "civilians"), not stated."""


def _word_value(word: str, res: CasualtyResources) -> tuple[str, float] | None:
    digits = word.replace(",", "")
    try:
        return "unit", float(digits)
    except ValueError:
        pass
    for role, table in (
        ("unit", res.units),
        ("multiplier", res.multipliers),
        ("scale", res.scales),
    ):
        if word in table:
            return role, table[word]
    return None


def _is_number_word(word: str, res: CasualtyResources) -> bool:
    return all(part and _word_value(part, res) is not None for part in word.split("-"))


def number_value(words: Sequence[str], res: CasualtyResources) -> int | None:
    """The value of a run of number words and digits: "twenty-five", "two dozen", "1,200"."""
    total = current = 0.0
    seen = False
    for word in (p for w in words for p in w.split("-") if p and p != "and"):
        found = _word_value(word, res)
        if found is None:
            return None
        role, value = found
        seen = True
        if role == "unit":
            current += value
        elif role == "multiplier":
            current = (current or 1) * value
        else:
            total += (current or 1) * value
            current = 0
    value = total + current  # "1e400", "nan", "infinity" are floats but no count
    return int(value) if seen and math.isfinite(value) else None


def _joins(words: Sequence[str], j: int, res: CasualtyResources) -> bool:
    """Whether ``words[j]`` continues the number run before it ("two dozen", "2 million")."""
    word, prev = words[j], words[j - 1]
    nxt = words[j + 1] if j + 1 < len(words) else ""
    if word in res.multipliers or word in res.scales:
        return True
    if word in ("-", "and"):
        after_digits = prev[:1].isdigit()
        return (
            _is_number_word(nxt, res)
            and not after_digits
            and (word == "-" or prev in res.multipliers or prev in res.scales)
        )
    return _is_number_word(word, res) and not word[:1].isdigit() and not prev[:1].isdigit()


def _measure(words: Sequence[str], end: int, res: CasualtyResources) -> bool:
    """Whether the number before ``end`` is part of a hyphenated modifier ("a 10-year-old")."""
    return end + 1 < len(words) and words[end] == "-" and not _is_number_word(words[end + 1], res)


def _number_runs(words: Sequence[str], res: CasualtyResources) -> list[tuple[int, int]]:
    """(start, end) of each maximal run of number words in ``words``."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if not _is_number_word(words[i], res) or words[i] in res.multipliers:
            i += 1
            continue
        j = i + 1
        while j < len(words) and _joins(words, j, res):
            j += 1
        if not _measure(words, j, res):
            runs.append((i, j))
        i = j
    return runs


def _bound_before(
    words: Sequence[str], at: int, res: CasualtyResources
) -> tuple[Relation | None, int]:
    """How the words before ``words[at]`` bound the figure there, and where they start."""
    for size in (3, 2, 1):
        start = at - size
        if start >= 0 and tuple(words[start:at]) in res.bounds:
            return res.bounds[tuple(words[start:at])], start
    return None, at


def _vague(words: Sequence[str], res: CasualtyResources) -> tuple[int, int, int] | None:
    """(count, start, end) of the first vague quantity in ``words``."""
    for i in range(len(words)):
        for size in (3, 2, 1):
            phrase = tuple(words[i : i + size])
            if len(phrase) == size and phrase in res.vague:
                return res.vague[phrase], i, i + size
    return None


def read_figure(tokens: Sequence[Token], res: CasualtyResources) -> Figure | None:
    """The count stated by ``tokens`` (a noun phrase's left part): figures, ranges, vague words."""
    words = [t.lower_ for t in tokens]
    runs = _number_runs(words, res)
    if runs:
        start, end = runs[0]
        value = number_value(words[start:end], res)
        if value is not None:
            return _bounded(tokens, words, runs, value, res)
    vague = _vague(words, res)
    if vague is not None:
        count, start, end = vague
        return Figure(count, count, None, tokens[start].i, tokens[end - 1].i)
    return None


def _bounded(
    tokens: Sequence[Token],
    words: Sequence[str],
    runs: Sequence[tuple[int, int]],
    value: int,
    res: CasualtyResources,
) -> Figure:
    start, end = runs[0]
    if len(runs) > 1 and runs[1][0] - end == 1 and words[end] in {"to", "-", "or", "and"}:
        high = number_value(words[runs[1][0] : runs[1][1]], res)
        if high is not None and high >= value:
            return Figure(value, value, high, tokens[start].i, tokens[runs[1][1] - 1].i)
    relation, first = _bound_before(words, start, res)
    low = value if relation in (None, "min") else None
    high = value if relation is None or relation == "max" else None
    return Figure(value, low, high, tokens[first].i, tokens[end - 1].i)


def _left_part(head: Token) -> list[Token]:
    """The head noun and what precedes it in its phrase, plus two words before the phrase
    (bound words like "between" are often attached elsewhere)."""
    doc = head.doc
    left = head.left_edge.i
    before: list[Token] = []
    for i in range(left - 1, max(left - 3, head.sent.start - 1), -1):
        if not doc[i].is_alpha or doc[i].like_num:
            break
        before.insert(0, doc[i])
    inside = [t for t in head.subtree if t.i <= head.i]
    of = [c for c in head.rights if c.lower_ == "of"]
    return before + inside + of[:1]


def _conjuncts(head: Token) -> list[Token]:
    return [head, *(c for c in head.conjuncts if c.i > head.i)]


def phrase_figure(head: Token, res: CasualtyResources) -> Figure | None:
    """How many people the noun phrase headed by ``head`` names, conjuncts added up: "the driver
    and two passengers" (3), but not "several people, activists and the group" (3)."""
    figures = [_one_phrase(h, res) for h in _conjuncts(head)]
    first = figures[0]
    if first is None or len(figures) == 1:
        return first
    return combined_figure([dataclasses.replace(first, explicit=True), *figures[1:]])


def is_disjoined(word: Token) -> bool:
    """ "killed or wounded 26": how many of each is not said."""
    verbs = [word, word.head] if word.dep_ == "conj" else [word]
    return word.pos_ == "VERB" and any(
        c.dep_ == "cc" and c.lower_ in ("or", "and/or") for v in verbs for c in v.children
    )


def combined_figure(figures: Sequence[Figure | None]) -> Figure | None:
    """The sum of the stated figures, else the first figure at all."""
    stated = [f for f in figures if f is not None and f.explicit]
    if len(stated) == 1:
        return stated[0]
    if not stated:
        return next((f for f in figures if f is not None), None)
    counts = [f.count for f in stated if f.count is not None]
    lows = [f.low for f in stated if f.low is not None]
    highs = [f.high for f in stated if f.high is not None]
    return Figure(
        sum(counts) if counts else None,
        sum(lows) if lows else None,
        sum(highs) if len(highs) == len(stated) else None,
        min(f.first for f in stated),
        max(f.last for f in stated),
    )


def _one_phrase(head: Token, res: CasualtyResources) -> Figure | None:
    tokens = _left_part(head)
    figure = read_figure(tokens, res)
    if figure is not None:
        return Figure(figure.count, figure.low, figure.high, figure.first, head.i)
    modifiers = [c for c in head.lefts if c.dep_ in NOUN_MODIFIER_DEPS]
    first = min([head.i, *(t.i for c in modifiers for t in c.subtree)])
    if head.lower_ in INDEFINITE:
        return None
    article = any(c.dep_ == "det" and c.lower_ in ONE_WORDS for c in head.children)
    if article or head.lower_ in ONE_PERSON or head.ent_type_ == "PERSON":
        return Figure(1, 1, 1, first, head.i)
    if head.tag_ == "NN":
        return Figure(1, 1, 1, first, head.i, explicit=False)
    if head.tag_ in PLURAL_TAGS:
        return Figure(None, 2, None, first, head.i, explicit=False)
    return None
