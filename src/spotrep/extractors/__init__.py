"""Extractors: plain functions over a parsed ``Doc``, one subpackage per stage.

``times`` and ``places`` read the text alone; ``events`` links each event to the times and places
found; ``claims`` links each attribution to the events it reports. Each stage's ``__init__``
exports its entry function (``find_*``), its frozen ``*Resources`` and the ``load`` that reads its
data files once (``pipeline.Resources.load`` calls them and passes the resources in). Label sets
and parse-tree helpers the stages share are in ``_syntax``.
"""
