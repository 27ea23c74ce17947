"""spotrep: read conflict news reports, write an auditable event dataset.

>>> import spotrep
>>> sorted(spotrep.__all__)[:3]
['Actor', 'Article', 'Claim']
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from spotrep.api import extract, extract_many, process
from spotrep.errors import (
    BinaryInputError,
    DataError,
    EmptyTextError,
    InputError,
    ModelError,
    RecordError,
    SpotrepError,
)
from spotrep.records import (
    Actor,
    Article,
    Claim,
    Event,
    Failure,
    Mention,
    Place,
    Result,
    Span,
    Speaker,
    Time,
    Toll,
    When,
)

try:
    __version__ = version("spotrep")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"

__all__ = [
    "Actor",
    "Article",
    "BinaryInputError",
    "Claim",
    "DataError",
    "EmptyTextError",
    "Event",
    "Failure",
    "InputError",
    "Mention",
    "ModelError",
    "Place",
    "RecordError",
    "Result",
    "Span",
    "Speaker",
    "SpotrepError",
    "Time",
    "Toll",
    "When",
    "__version__",
    "extract",
    "extract_many",
    "process",
]
