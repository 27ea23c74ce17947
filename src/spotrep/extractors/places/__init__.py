"""Places: toponyms found in the text (toponyms), each read as one gazetteer entry (readings)."""

from spotrep.extractors.places.cues import PlaceResources, load, resources_for
from spotrep.extractors.places.geocoding import find_places

__all__ = ["PlaceResources", "find_places", "load", "resources_for"]
