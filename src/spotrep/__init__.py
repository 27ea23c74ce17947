"""spotrep: read conflict news reports, write an auditable event dataset.

>>> import spotrep
>>> sorted(spotrep.__all__)[:3]
['Actor', 'Article', 'Claim']
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from spotrep.errors import (
    BinaryInputError,
    DataError,
    EmptyTextError,
    InputError,
    ModelError,
    RecordError,
    SpotrepError,
    StoreError,
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
    "StoreError",
    "Time",
    "Toll",
    "When",
    "__version__",
    "extract",
    "extract_many",
    "process",
]

if TYPE_CHECKING:
    from spotrep.api import extract, extract_many, process

_API = frozenset({"extract", "extract_many", "process"})


def __getattr__(name: str) -> Any:
    """The extraction API, imported on first use: commands that only query the store, and
    worker processes that only read records, need not import spaCy (about a second)."""
    if name in _API:
        from spotrep import api

        return getattr(api, name)
    raise AttributeError(f"module 'spotrep' has no attribute {name!r}")
