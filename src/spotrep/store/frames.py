"""Events and incidents as flat rows and as pandas DataFrames, for analysis in a notebook.

One row per event (or incident), one column per field, every value a plain scalar: names
joined with "; ", dates as ISO text in the rows and as ``datetime64`` in a DataFrame, tolls as
nullable integers (``Int64``: an unknown toll stays missing, never 0). pandas is optional: it
is imported only when a DataFrame is asked for (``pip install 'spotrep[pandas]'``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from spotrep.errors import StoreError
from spotrep.merge import Incident
from spotrep.records import Actor, Place, Toll, When
from spotrep.store.filters import country_name
from spotrep.store.stored import StoredEvent

if TYPE_CHECKING:
    import pandas as pd

Row = dict[str, Any]

_PLACE = ("country", "country_name", "admin1", "place", "lat", "lon", "geo_precision")
_TOLLS = ("fatalities", "fatalities_min", "fatalities_max", "injuries")
EVENT_COLUMNS = (
    "article_id", "event_id", "incident_id", "code", "event_type", "sub_event_type", "status",
    "date_start", "date_end", "date_precision", *_PLACE, *_TOLLS, "actor1", "actor2",
    "assoc_actors", "weapon", "claims", "confidence", "evidence", "outlet", "published", "url",
    "title",
)
INCIDENT_COLUMNS = (
    "incident_id", "code", "event_type", "sub_event_type", "date_start", "date_end",
    "date_precision", *_PLACE, *_TOLLS, "actor1", "actor2", "assoc_actors", "reports",
    "corroboration", "outlets", "articles", "conflicts", "fatalities_disputed",
)
_DATES = ("date_start", "date_end", "published")
_INTEGERS = ("geo_precision", *_TOLLS, "claims", "reports", "corroboration")


def _names(actors: Sequence[Actor], *roles: str) -> str | None:
    names = dict.fromkeys(a.name or a.text for a in actors if a.role in roles)
    return "; ".join(names) or None


def _when(w: When) -> Row:
    return {"date_start": w.start, "date_end": w.end or w.start, "date_precision": w.precision}


def _where(p: Place | None) -> Row:
    if p is None:
        return dict.fromkeys(_PLACE)
    return {"country": p.country, "country_name": country_name(p.country) or None,
            "admin1": p.admin1, "place": p.name, "lat": p.lat, "lon": p.lon,
            "geo_precision": p.precision}


def _tolls(fatalities: Toll | None, injuries: Toll | None) -> Row:
    f = fatalities
    return {"fatalities": f.count if f else None,
            "fatalities_min": (f.min if f.min is not None else f.count) if f else None,
            "fatalities_max": (f.max if f.max is not None else f.count) if f else None,
            "injuries": injuries.count if injuries else None}


def event_row(se: StoredEvent) -> Row:
    """One stored event as a flat row of ``EVENT_COLUMNS``."""
    e = se.event
    return {
        "article_id": se.article_id, "event_id": e.id, "incident_id": se.incident_id,
        "code": e.code, "event_type": e.event_type, "sub_event_type": e.sub_event_type,
        "status": e.status, **_when(e.when), **_where(e.where),
        **_tolls(e.fatalities, e.injuries),
        "actor1": _names(e.actors, "actor1"), "actor2": _names(e.actors, "actor2"),
        "assoc_actors": _names(e.actors, "assoc_actor_1", "assoc_actor_2"),
        "weapon": e.weapon.text if e.weapon else None, "claims": len(e.claims),
        "confidence": e.confidence,
        "evidence": " ".join(e.evidence[0].text.split()) if e.evidence else None,
        "outlet": se.outlet, "published": se.published, "url": se.url, "title": se.title,
    }


def incident_row(inc: Incident) -> Row:
    """One incident as a flat row of ``INCIDENT_COLUMNS``."""
    outlets = dict.fromkeys(r.outlet for r in inc.reports if r.outlet)
    return {
        "incident_id": inc.id, "code": inc.code, "event_type": inc.event_type,
        "sub_event_type": inc.sub_event_type, **_when(inc.when), **_where(inc.where),
        **_tolls(inc.fatalities, inc.injuries),
        "actor1": _names(inc.actors, "actor1"), "actor2": _names(inc.actors, "actor2"),
        "assoc_actors": _names(inc.actors, "assoc_actor_1", "assoc_actor_2"),
        "reports": len(inc.reports), "corroboration": inc.corroboration,
        "outlets": "; ".join(outlets) or None,
        "articles": "; ".join(dict.fromkeys(r.article_id for r in inc.reports)),
        "conflicts": "; ".join(c.field for c in inc.conflicts) or None,
        "fatalities_disputed": any(c.field == "fatalities" for c in inc.conflicts),
    }


def frame(rows: Iterable[Row], columns: Sequence[str]) -> pd.DataFrame:
    """A DataFrame of flat rows with typed columns (dates, nullable integers), even when empty."""
    try:
        import pandas as pd
    except ImportError:
        raise StoreError(
            "DataFrames need pandas: pip install 'spotrep[pandas]' (or use the *_rows methods)"
        ) from None
    df = pd.DataFrame(list(rows), columns=list(columns))
    for name in columns:
        if name in _DATES:
            df[name] = pd.to_datetime(df[name], format="%Y-%m-%d")
        elif name in _INTEGERS:
            df[name] = df[name].astype("Int64")
        elif name in ("lat", "lon", "confidence"):
            df[name] = df[name].astype("float64")
        elif name == "fatalities_disputed":
            df[name] = df[name].astype("bool")
    return df
