"""The place resources: the gazetteer, its spotter and the cue words around names
(``data/places/cues.tsv``), loaded once by ``load``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import spacy
from spacy.matcher import PhraseMatcher

from spotrep import data
from spotrep.geo import Gazetteer

_CUE_KINDS = (
    "locative",
    "division",
    "vicinity",
    "institution",
    "landmark",
    "direction",
    "area",
    "addressee",
    "settlement",
)


@dataclass(frozen=True, slots=True)
class Cues:
    """Words around a name that change its reading (``data/places/cues.tsv``)."""

    locative: frozenset[str]
    division: frozenset[str]
    vicinity: frozenset[str]
    institution: frozenset[str]
    landmark: frozenset[str]
    direction: frozenset[str]
    area: frozenset[str]
    addressee: frozenset[str]
    settlement: frozenset[str]


@dataclass(frozen=True, slots=True)
class PlaceResources:
    """The gazetteer and place lexicons, opened once per process."""

    gazetteer: Gazetteer
    cues: Cues
    spotter: PhraseMatcher
    """Case-sensitive matcher of ``Gazetteer.surface_names``."""


def read_cues() -> Cues:
    """The cue lexicon (``data/places/cues.tsv``: kind, word)."""
    kinds: dict[str, set[str]] = {k: set() for k in _CUE_KINDS}
    for kind, word in data.rows("places", "cues.tsv", width=2):
        kinds[kind].add(word.strip().lower())
    return Cues(*(frozenset(kinds[k]) for k in _CUE_KINDS))


def load() -> PlaceResources:
    return resources_for(Gazetteer.open())


def resources_for(gazetteer: Gazetteer) -> PlaceResources:
    """The place resources around an open gazetteer (tests pass a small one)."""
    return PlaceResources(gazetteer, read_cues(), _spotter(gazetteer.surface_names()))


def _spotter(names: Sequence[str]) -> PhraseMatcher:
    """A PhraseMatcher over ``names`` (spaCy's rule-based English tokenizer, as the model's)."""
    blank = spacy.blank("en")
    matcher = PhraseMatcher(blank.vocab, attr="ORTH")
    matcher.add("PLACE", [blank.make_doc(n) for n in names if n[:1].isupper()])
    return matcher
