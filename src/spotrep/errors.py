"""Every exception spotrep raises, in one place.

::

    SpotrepError
    ├── InputError            an article or input file cannot be read
    │   ├── EmptyTextError    the article has no text
    │   ├── BinaryInputError  the bytes are not UTF-8 text
    │   └── RecordError       a JSONL line is not an article object
    │   └── SourceError       a URL or feed cannot be fetched or read
    ├── UsageError            a command line that cannot be carried out (exit status 2)
    │   ├── FilterError       a query filter that cannot be used (also a ValueError)
    │   └── StoreOpenError    --db names no store, not a spotrep store, or one out of reach
    ├── ModelError            the spaCy pipeline is missing or cannot be loaded
    ├── DataError             a data file the package ships is missing or malformed
    └── StoreError            the event store cannot be opened or used
        └── StoreOpenError    (also a UsageError, above)

Callers that process many articles catch ``InputError`` per article and go on; ``ModelError``
and ``DataError`` mean the installation is broken and stop the run.
"""

from __future__ import annotations


class SpotrepError(Exception):
    """Base of every error spotrep raises on purpose."""


class InputError(SpotrepError):
    """An article or input file cannot be read."""


class EmptyTextError(InputError):
    """The article has no text to read."""


class BinaryInputError(InputError):
    """The input is binary or not valid UTF-8."""


class RecordError(InputError):
    """A JSONL line is not an article object with a ``text``."""


class SourceError(InputError):
    """A URL or feed cannot be fetched or read (HTTP error, size cap, not a feed)."""


class UsageError(SpotrepError):
    """A command line that cannot be carried out; exits with status 2."""


class FilterError(UsageError, ValueError):
    """A query filter that cannot be used: an unknown country or code, a point off the globe."""


class ModelError(SpotrepError):
    """The spaCy English pipeline is not installed or cannot be loaded."""


class DataError(SpotrepError):
    """A data file shipped with spotrep is missing or malformed."""


class StoreError(SpotrepError):
    """The event store cannot be opened or used (e.g. a SQLite library too old for it)."""


class StoreOpenError(StoreError, UsageError):
    """The store named by ``--db`` (or ``$SPOTREP_DB``) does not exist, is not a spotrep store,
    or cannot be reached: a usage error (exit status 2), since the command named it."""
