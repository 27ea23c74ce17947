"""The data files spotrep ships (lexicons, dictionaries, gazetteer sources), and their readers.

Files are UTF-8 text; lines starting with ``#`` and blank lines are comments. TSV files are
tab-separated; a TSV read with ``records`` has a header line naming its columns. A file that is
missing, not UTF-8 or malformed raises ``DataError`` naming the file (and the line).
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources

from spotrep.errors import DataError


def _name(path: tuple[str, ...]) -> str:
    return "spotrep/data/" + "/".join(path)


def text(*path: str) -> str:
    """The whole text of ``data/<path...>``."""
    try:
        return resources.files(__name__).joinpath(*path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{_name(path)}: cannot be read ({exc})") from exc


def _numbered(path: tuple[str, ...]) -> Iterator[tuple[int, str]]:
    """(line number, line) of the lines that are not comments or blank."""
    for n, line in enumerate(text(*path).splitlines(), 1):
        if line.strip() and line[0] != "#":
            yield n, line


def lines(*path: str) -> tuple[str, ...]:
    """The stripped lines of a data file, comments and blank lines left out."""
    return tuple(line.strip() for _, line in _numbered(path))


def rows(*path: str, width: int | None = None) -> Iterator[list[str]]:
    """The tab-separated fields of each line of a data file, comments left out; with ``width``,
    a line with another number of fields is a ``DataError``."""
    for n, line in _numbered(path):
        fields = line.split("\t")
        if width is not None and len(fields) != width:
            raise DataError(f"{_name(path)}, line {n}: {len(fields)} fields, expected {width}")
        yield fields


def records(*path: str) -> tuple[dict[str, str], ...]:
    """The rows of a TSV file with a header line, as column -> value (missing trailing fields
    are empty); a line with more fields than the header is a ``DataError``."""
    numbered = list(_numbered(path))
    if not numbered:
        raise DataError(f"{_name(path)}: no header line")
    header = numbered[0][1].split("\t")
    width = len(header)
    out = []
    for n, line in numbered[1:]:
        row = line.split("\t")
        if len(row) > width:
            raise DataError(f"{_name(path)}, line {n}: {len(row)} fields, the header has {width}")
        out.append(dict(zip(header, row + [""] * (width - len(row)), strict=True)))
    return tuple(out)
