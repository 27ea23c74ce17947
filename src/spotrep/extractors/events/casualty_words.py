"""The casualty lexicons (``data/casualties/*.tsv``): number words, victim nouns, toll verbs."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, cast

from spotrep import data

TollKind = Literal["fatal", "injury", "casualty"]

Relation = Literal["min", "max", "approx"]


ONE_PERSON = frozenset({"he", "she", "him", "her"})

ONE_WORDS = frozenset({"a", "an", "another", "one"})

NOUN_MODIFIER_DEPS = frozenset({"det", "amod", "compound", "nummod", "poss", "quantmod", "nmod"})

INDEFINITE = frozenset({"anyone", "anybody", "someone", "somebody", "everyone", "everybody"})


@dataclass(frozen=True, slots=True)
class CasualtyResources:
    """Number words, vague quantities, bound words and toll words, read once per process."""

    units: Mapping[str, int]
    multipliers: Mapping[str, int]
    scales: Mapping[str, int]
    vague: Mapping[tuple[str, ...], int]
    bounds: Mapping[tuple[str, ...], Relation]
    tolls: Mapping[str, TollKind]
    required_heads: Mapping[str, frozenset[str]]
    bearer_verbs: frozenset[str]
    agentive_verbs: frozenset[str]
    counters: frozenset[str] = frozenset()
    toll_nouns: frozenset[str] = frozenset()
    revision_verbs: frozenset[str] = frozenset()
    """"bringing the toll to 22": the nouns naming a toll and the verbs revising it."""


def _rows(name: str) -> Iterator[list[str]]:
    return data.rows("casualties", name)


def load() -> CasualtyResources:
    """The casualty lexicons."""
    numbers = list(_rows("numbers.tsv"))
    by_role = {
        role: MappingProxyType({w: int(v) for w, v, r in numbers if r == role})
        for role in ("unit", "multiplier", "scale")
    }
    tolls = list(_rows("tolls.tsv"))
    return CasualtyResources(
        units=by_role["unit"],
        multipliers=by_role["multiplier"],
        scales=by_role["scale"],
        vague=MappingProxyType({tuple(p.split()): int(c) for p, c in _rows("vague.tsv")}),
        bounds=MappingProxyType(
            {tuple(p.split()): cast(Relation, r) for p, r in _rows("bounds.tsv")}
        ),
        tolls=MappingProxyType({row[0]: cast(TollKind, row[1]) for row in tolls}),
        required_heads=MappingProxyType(
            {row[0]: frozenset(row[2].split("|")) for row in tolls if len(row) > 2 and row[2]}
        ),
        bearer_verbs=frozenset(row[0] for row in _rows("bearer_verbs.txt")),
        agentive_verbs=frozenset(row[0] for row in _rows("agentive_verbs.txt")),
        counters=frozenset(row[0] for row in _rows("counters.txt")),
        toll_nouns=frozenset(w for w, role in _rows("revisions.tsv") if role == "noun"),
        revision_verbs=frozenset(w for w, role in _rows("revisions.tsv") if role == "verb"),
    )
