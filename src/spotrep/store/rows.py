"""Results rebuilt from the store's rows: each fact is read from the one table that holds it.

The article from ``articles``, its events, claims and places from their tables (in the order
they were written, which is the result's order), and from ``results`` only what no other
table holds: the article's language, the times and the warnings (``packing``). Plain SQL on a
``Driver``, so that the write path (reviving an older version) and the readers share it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from spotrep.records import Article, Claim, Event, Place, Result
from spotrep.store import packing, schema
from spotrep.store import statements as stmt
from spotrep.store.statements import Driver

_a, _r, _e, _c, _p = (schema.articles.name, schema.results.name, schema.events.name,
                      schema.claims.name, schema.places.name)

ARTICLES = (f"SELECT pk, article_id, url, outlet, published, title, text FROM {_a}"
            " WHERE pk {pks}")
RESULTS = f"SELECT article_pk, json FROM {_r} WHERE article_pk {{pks}}"
EVENTS = f"SELECT article_pk, json FROM {_e} WHERE article_pk {{pks}} ORDER BY pk"
CLAIMS = (f"SELECT article_pk, {', '.join(packing.CLAIM_HELD)}, json FROM {_c}"
          " WHERE article_pk {pks} ORDER BY pk")
PLACES = (f"SELECT article_pk, {', '.join(packing.PLACE_HELD)}, json FROM {_p}"
          " WHERE article_pk {pks} ORDER BY pk")

CHUNK = 500
"""Articles read per round of queries."""


def result_json(result: Result) -> str:
    """The ``results`` row of a result: what no other table holds."""
    text = result.article.text
    rest = {"language": result.article.language,
            "times": [t.to_dict() for t in result.times],
            "warnings": list(result.warnings)}
    return packing.dumps(packing.packed_value(rest, text))


def results_by_pk(db: Driver, pks: Sequence[int]) -> dict[int, Result]:
    """The results of the stored articles with these primary keys (those that exist)."""
    out: dict[int, Result] = {}
    for chunk in stmt.chunks(sorted(set(pks)), CHUNK):
        out.update(_results(db, chunk))
    return out


def _results(db: Driver, pks: Sequence[int]) -> dict[int, Result]:
    def rows(sql: str) -> list[Any]:
        return db.rows(*db.listing(sql, pks=pks))

    texts: dict[int, str] = {}
    articles: dict[int, tuple[Any, ...]] = {}
    for pk, *fields in rows(ARTICLES):
        articles[pk] = tuple(fields)
        texts[pk] = fields[-1]
    events: dict[int, list[Event]] = {}
    for pk, data in rows(EVENTS):
        events.setdefault(pk, []).append(packing.event(data, texts[pk]))
    claims: dict[int, list[Claim]] = {}
    for pk, *columns, data in rows(CLAIMS):
        held = dict(zip(packing.CLAIM_HELD, columns, strict=True))
        claims.setdefault(pk, []).append(packing.claim(data, texts[pk], held))
    places: dict[int, list[Place]] = {}
    for pk, *columns, data in rows(PLACES):
        held = dict(zip(packing.PLACE_HELD, columns, strict=True))
        places.setdefault(pk, []).append(packing.place(data, texts[pk], held))
    out: dict[int, Result] = {}
    for pk, data in rows(RESULTS):
        if pk not in articles:
            continue
        rest: Mapping[str, Any] = json.loads(data)
        article_id, url, outlet, published, title, text = articles[pk]
        article = Article(text=text, id=article_id, published=published, outlet=outlet,
                          url=url, title=title, language=rest.get("language"))
        out[pk] = Result(article, tuple(events.get(pk, ())), tuple(claims.get(pk, ())),
                         tuple(places.get(pk, ())), packing.times(rest.get("times", []), text),
                         tuple(rest.get("warnings", ())))
    return out
