"""Extractors: plain functions over a parsed ``Doc``, one concern per module.

``times`` and ``places`` read the text alone; ``events`` links each event to the times and places
found; ``claims`` links each attribution to the events it reports. Each module has one entry
function (``find_*``) and a ``load`` that reads its data files once per process.
"""
