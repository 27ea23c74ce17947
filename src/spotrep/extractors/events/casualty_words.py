"""The casualty lexicons (``data/casualties/*.tsv``): number words, victim nouns, toll verbs."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal, cast

from spotrep import data
from spotrep.errors import DataError

TollKind = Literal["fatal", "injury", "casualty", "harm"]

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
    care_verbs: frozenset[str] = frozenset()
    """"were treated for injuries": verbs whose patient suffered the toll noun."""


RELATIONS = frozenset({"min", "max", "approx"})

TOLL_KINDS = frozenset({"fatal", "injury", "casualty", "harm"})

NUMBER_ROLES = frozenset({"unit", "multiplier", "scale"})

REVISION_ROLES = frozenset({"noun", "verb"})


def _rows(name: str, low: int, high: int | None = None) -> Iterator[tuple[str, list[str]]]:
    """(where, fields) of each line of ``data/casualties/<name>``, ``where`` naming the file and
    line for an error; a line with fewer than ``low`` or more than ``high`` fields (default:
    ``low``) is a ``DataError``."""
    top = low if high is None else high
    for n, line in enumerate(data.text("casualties", name).splitlines(), 1):
        if not line.strip() or line[0] == "#":
            continue
        fields = line.split("\t")
        where = f"spotrep/data/casualties/{name}, line {n}"
        if not low <= len(fields) <= top or not fields[0].strip():
            raise DataError(f"{where}: {len(fields)} fields, expected {low}"
                            + ("" if top == low else f" to {top}"))
        yield where, fields


def _integer(where: str, value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise DataError(f"{where}: {value!r} is not a whole number") from None


def _one_of(where: str, value: str, allowed: frozenset[str]) -> str:
    if value not in allowed:
        raise DataError(f"{where}: {value!r} is not one of {', '.join(sorted(allowed))}")
    return value


def _words(name: str) -> frozenset[str]:
    return frozenset(fields[0] for _, fields in _rows(name, 1))


def load() -> CasualtyResources:
    """The casualty lexicons; a malformed row is a ``DataError`` naming its file and line."""
    numbers = [(w, _integer(at, v), _one_of(at, r, NUMBER_ROLES))
               for at, (w, v, r) in _rows("numbers.tsv", 3)]
    by_role = {
        role: MappingProxyType({w: v for w, v, r in numbers if r == role})
        for role in ("unit", "multiplier", "scale")
    }
    tolls = [(at, row) for at, row in _rows("tolls.tsv", 2, 3)]
    revisions = [(w, _one_of(at, r, REVISION_ROLES)) for at, (w, r) in _rows("revisions.tsv", 2)]
    return CasualtyResources(
        units=by_role["unit"],
        multipliers=by_role["multiplier"],
        scales=by_role["scale"],
        vague=MappingProxyType(
            {tuple(p.split()): _integer(at, c) for at, (p, c) in _rows("vague.tsv", 2)}
        ),
        bounds=MappingProxyType({
            tuple(p.split()): cast(Relation, _one_of(at, r, RELATIONS))
            for at, (p, r) in _rows("bounds.tsv", 2)
        }),
        tolls=MappingProxyType(
            {row[0]: cast(TollKind, _one_of(at, row[1], TOLL_KINDS)) for at, row in tolls}
        ),
        required_heads=MappingProxyType(
            {row[0]: frozenset(row[2].split("|")) for _, row in tolls if len(row) > 2 and row[2]}
        ),
        bearer_verbs=_words("bearer_verbs.txt"),
        agentive_verbs=_words("agentive_verbs.txt"),
        counters=_words("counters.txt"),
        toll_nouns=frozenset(w for w, role in revisions if role == "noun"),
        revision_verbs=frozenset(w for w, role in revisions if role == "verb"),
        care_verbs=_words("care_verbs.txt"),
    )
