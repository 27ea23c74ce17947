"""Places: toponyms found in the text (toponyms), each read as one gazetteer entry (readings)."""

from spotrep.extractors.places.cues import Cues, PlaceResources, load, read_cues, resources_for
from spotrep.extractors.places.geocoding import find_places

__all__ = ["Cues", "PlaceResources", "find_places", "load", "read_cues", "resources_for"]
