"""Every exception spotrep raises, in one place.

::

    SpotrepError
    ├── InputError            an article or input file cannot be read
    │   ├── EmptyTextError    the article has no text
    │   ├── BinaryInputError  the bytes are not UTF-8 text
    │   ├── RecordError       a JSONL line is not an article object
    │   └── SourceError       a URL or feed cannot be fetched or read
    ├── UsageError            a command line that cannot be carried out (exit status 2)
    ├── ModelError            the spaCy pipeline is missing or cannot be loaded
    ├── DataError             a data file the package ships is missing or malformed
    └── StoreError            the event store cannot be opened or used

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


class ModelError(SpotrepError):
    """The spaCy English pipeline is not installed or cannot be loaded."""


class DataError(SpotrepError):
    """A data file shipped with spotrep is missing or malformed."""


class StoreError(SpotrepError):
    """The event store cannot be opened or used (e.g. a SQLite library too old for it)."""
