"""Article input records: the spec's JSONL object and publication dates."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from spotrep.records import Article, Failure

_OPTIONAL_TEXT_KEYS = ("outlet", "url", "title")
_JSON_KINDS = {"list": "array", "str": "string", "int": "number", "float": "number",
               "bool": "boolean", "NoneType": "null"}


def normalize_published(value: object) -> tuple[str | None, str | None]:
    """An ISO date (``YYYY-MM-DD``) from an ISO date or datetime, and a warning if unusable."""
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime):
        return value.date().isoformat(), None
    if isinstance(value, date):
        return value.isoformat(), None
    if isinstance(value, str):
        raw = value.strip()
        try:
            return date.fromisoformat(raw[:10]).isoformat(), None
        except ValueError:
            pass
        try:
            return datetime.fromisoformat(raw.replace("Z", "+00:00")).date().isoformat(), None
        except ValueError:
            pass
    return None, f"unparseable publication date {value!r} ignored (expected an ISO date)"


def article_from_mapping(record: object, fallback_id: str | None = None) -> Article | Failure:
    """An Article from one input object (unknown keys ignored), or why it is unusable.

    An unparseable ``published`` does not fail the article: it is dropped with a note that
    ends up in the result's warnings.
    """
    if not isinstance(record, Mapping):
        kind = _JSON_KINDS.get(type(record).__name__, "value")
        return Failure(fallback_id or "?", f"input record is a JSON {kind}, not an object")
    rid = _text_or_none(record.get("id"))
    text = record.get("text")
    if not isinstance(text, str):
        what = "has no 'text'" if text is None else "has a 'text' that is not a string"
        return Failure(rid or fallback_id or "?", f"input record {what}")
    published, warning = normalize_published(record.get("published"))
    extra: dict[str, Any] = {k: _text_or_none(record.get(k)) for k in _OPTIONAL_TEXT_KEYS}
    notes = (warning,) if warning else ()
    return Article.create(text, id=rid, published=published, notes=notes, **extra)


def _text_or_none(value: object) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)
