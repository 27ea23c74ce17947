"""The data files spotrep ships (lexicons, dictionaries, gazetteer sources), and their readers.

Files are UTF-8 text; lines starting with ``#`` and blank lines are comments. TSV files are
tab-separated; a TSV read with ``records`` has a header line naming its columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources


def text(*path: str) -> str:
    """The whole text of ``data/<path...>``."""
    return resources.files(__name__).joinpath(*path).read_text(encoding="utf-8")


def lines(*path: str) -> tuple[str, ...]:
    """The stripped lines of a data file, comments and blank lines left out."""
    return tuple(
        line.strip() for line in text(*path).splitlines() if line.strip() and line[0] != "#"
    )


def rows(*path: str) -> Iterator[list[str]]:
    """The tab-separated fields of each line of a data file, comments left out."""
    for line in text(*path).splitlines():
        if line.strip() and line[0] != "#":
            yield line.split("\t")


def records(*path: str) -> tuple[dict[str, str], ...]:
    """The rows of a TSV file with a header line, as column -> value."""
    header, *body = rows(*path)
    width = len(header)
    return tuple(dict(zip(header, row + [""] * (width - len(row)), strict=True)) for row in body)
