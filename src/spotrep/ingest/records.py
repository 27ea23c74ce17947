"""Article input records: the spec's JSONL object and publication dates."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from spotrep.records import Article, Failure

_OPTIONAL_TEXT_KEYS = ("outlet", "url", "title")
_JSON_KINDS = {"list": "array", "str": "string", "int": "number", "float": "number",
               "bool": "boolean", "NoneType": "null", "dict": "object"}
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")
"""NUL (refused by PostgreSQL text) and lone surrogates (not encodable as UTF-8)."""
_YEAR = re.compile(r"\b\d{4}\b")
EARLIEST_PUBLISHED = date(1800, 1, 1)
LATEST_PUBLISHED = date(2200, 12, 31)
"""Publication dates outside these are typing errors; relative dates need a sane anchor."""
MAX_PUBLISHED_CHARS = 100


def storable(text: str) -> tuple[str, int]:
    """``text`` with NULs and lone surrogates made U+FFFD (same length, so spans still index
    it), and how many were replaced."""
    found = len(_UNSTORABLE.findall(text))
    return (_UNSTORABLE.sub("\ufffd", text) if found else text), found


def normalize_published(value: object) -> tuple[str | None, str | None]:
    """An ISO date (``YYYY-MM-DD``) and a warning if unusable or ambiguous.

    Reads ISO dates and datetimes (the date as written, whatever the time zone), RFC 2822
    (``Mon, 24 Jun 2024 10:00:00 GMT``) and written forms with a day and a four-digit year
    (``25 August 2022``, ``Aug. 25, 2022``, ``25/08/2022``).
    """
    if value is None or value == "":
        return None, None
    found: date | None = None
    warning: str | None = None
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    elif isinstance(value, str) and len(value) <= MAX_PUBLISHED_CHARS:
        found, warning = _parse_date(value.strip())
    if found is None:
        return None, warning or (
            f"unparseable publication date {_shown(value)} ignored (expected a date with a day "
            "and a year, e.g. 2024-06-24 or Mon, 24 Jun 2024 10:00:00 GMT)")
    if not EARLIEST_PUBLISHED <= found <= LATEST_PUBLISHED:
        return None, (f"publication date {found.isoformat()} ignored: outside "
                      f"{EARLIEST_PUBLISHED.year}-{LATEST_PUBLISHED.year}")
    return found.isoformat(), warning


def _parse_date(raw: str) -> tuple[date | None, str | None]:
    try:
        return date.fromisoformat(raw[:10]), None
    except ValueError:
        pass
    for parse in (lambda s: datetime.fromisoformat(s.replace("Z", "+00:00")),
                  parsedate_to_datetime):
        try:
            return parse(raw).date(), None
        except (ValueError, TypeError, IndexError, OverflowError):
            pass
    if not _YEAR.search(raw):
        return None, None  # "last Tuesday", "25/08/22": no anchor a date can rest on
    return _written_date(raw)


def _written_date(raw: str) -> tuple[date | None, str | None]:
    from dateutil import parser

    readings: list[date] = []
    for dayfirst, default in ((False, datetime(1, 1, 1)), (True, datetime(1, 1, 1)),
                              (False, datetime(2, 2, 2))):
        try:
            readings.append(parser.parse(raw, dayfirst=dayfirst, default=default,
                                         ignoretz=True).date())
        except (ValueError, OverflowError):
            return None, None
    month_first, day_first, other_default = readings
    if (month_first.month, month_first.day) != (other_default.month, other_default.day):
        return None, f"publication date {_shown(raw)} ignored: it gives no day"
    if month_first != day_first:
        return month_first, (f"ambiguous publication date {_shown(raw)} read month first as "
                             f"{month_first.isoformat()} (day first would be "
                             f"{day_first.isoformat()})")
    return month_first, None


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def article_from_mapping(
    record: object, fallback_id: str | None = None, notes: tuple[str, ...] = ()
) -> Article | Failure:
    """An Article from one input object (unknown keys ignored), or why it is unusable.

    An unparseable ``published``, a metadata value that is not text, NUL bytes and lone
    surrogates do not fail the article: each is dropped or replaced with a note that ends up in
    the result's warnings.
    """
    if not isinstance(record, Mapping):
        kind = _JSON_KINDS.get(type(record).__name__, "value")
        return Failure(fallback_id or "?", f"input record is a JSON {kind}, not an object")
    found: list[str] = list(notes)
    rid = _text_or_none(record.get("id"), "id", found)
    raw_text = record.get("text")
    if not isinstance(raw_text, str):
        what = "has no 'text'" if raw_text is None else "has a 'text' that is not a string"
        return Failure(rid or fallback_id or "?", f"input record {what}")
    text, replaced = storable(raw_text)
    if replaced:
        found.append(f"{replaced} NUL or lone surrogate character(s) in the text replaced "
                     "by U+FFFD")
    published, warning = normalize_published(record.get("published"))
    if warning:
        found.append(warning)
    extra: dict[str, Any] = {k: _text_or_none(record.get(k), k, found)
                             for k in _OPTIONAL_TEXT_KEYS}
    return Article.create(text, id=rid, published=published, notes=tuple(found), **extra)


def _text_or_none(value: object, key: str, notes: list[str]) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        kind = _JSON_KINDS.get(type(value).__name__, "value")
        notes.append(f"{key!r} is a JSON {kind}, not text: ignored")
        return None
    text, _ = storable(value if isinstance(value, str) else str(value))
    return text
