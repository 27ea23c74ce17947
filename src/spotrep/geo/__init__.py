"""The offline gazetteer: GeoNames towns, countries and divisions plus our curated places."""

from spotrep.geo.build import build_index, data_version
from spotrep.geo.index import Entry, Gazetteer, default_index_path, ensure_index
from spotrep.geo.normalize import name_key

__all__ = [
    "Entry",
    "Gazetteer",
    "build_index",
    "data_version",
    "default_index_path",
    "ensure_index",
    "name_key",
]
