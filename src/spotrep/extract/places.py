"""Toponyms, geocoded with the offline gazetteer."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from spotrep.records import Place


@dataclass(frozen=True, slots=True)
class PlaceResources:
    """The gazetteer and place lexicons, opened once per process."""


def load() -> PlaceResources:
    return PlaceResources()


def find_places(doc: Doc, res: PlaceResources) -> tuple[Place, ...]:
    """Every place mention in ``doc``; not built yet, so none."""
    return ()
