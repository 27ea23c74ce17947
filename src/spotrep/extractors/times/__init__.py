"""Times: DATE/TIME/DURATION/SET expressions, normalized to TimeML values against the
publication date (recognition, then normalization of each expression's words)."""

from spotrep.extractors.times.recognition import TimeResources, find_times, load

__all__ = ["TimeResources", "find_times", "load"]
