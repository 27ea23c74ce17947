"""The read-only HTTP API and the page: ``create_app(store)`` returns the ASGI application.

Every route is a GET: nothing here writes to the store. The page is one HTML file with its
scripts and styles under ``/static``, served with a Content-Security-Policy that allows only
this origin's scripts (no inline script, no eval) and, when the user switches the online
tile layer on, images from that tile server alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, HTTPException, Request, Response
from fastapi import Path as PathParam
from fastapi import Query as Param
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from spotrep import __version__
from spotrep._taxonomy import TAXONOMY
from spotrep.merge import Incident
from spotrep.serve import _interim, exports, reads, views
from spotrep.serve.query import Query, read_query
from spotrep.store import Store, StoredEvent

STATIC = Path(str(files("spotrep.serve") / "static"))
MAX_PAGE = 1000


@dataclass(frozen=True, slots=True)
class Tiles:
    """An online tile layer the user may switch on (off until they do)."""

    url: str
    attribution: str

    @property
    def origin(self) -> str:
        parts = urlsplit(self.url.replace("{s}", "a"))
        return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(tiles: Tiles | None) -> str:
    images = "'self' data:" + (f" {tiles.origin}" if tiles else "")
    return ("default-src 'none'; script-src 'self'; style-src 'self'; "
            f"img-src {images}; connect-src 'self'; font-src 'self'; base-uri 'none'; "
            "form-action 'none'; frame-ancestors 'none'")


def _filtered_events(store: Store, q: Query) -> list[StoredEvent]:
    return _interim.events(store, q, store.events(q.store_filters()))


def _filtered_incidents(store: Store, q: Query) -> list[Incident]:
    return _interim.incidents(store, q, store.incidents(q.store_filters()))


Filtered = Annotated[Query, Depends(read_query)]
Offset = Annotated[int, Param(ge=0, le=10_000_000)]
Limit = Annotated[int, Param(ge=1, le=MAX_PAGE)]
Id = Annotated[str, PathParam(min_length=1, max_length=200)]
SummaryBy = Literal["week", "month", "day", "country", "admin1", "code", "event_type", "actor",
                    "outlet", "status"]


def _group_keys(se: StoredEvent, by: str) -> Sequence[str | None]:
    e = se.event
    day = e.when.start
    if by == "actor":
        return [a.name or a.text for a in e.actors if a.role == "actor1"] or [None]
    if day is not None and by in ("day", "week", "month"):
        from datetime import date, timedelta

        d = date.fromisoformat(day)
        if by == "week":
            d -= timedelta(days=d.weekday())
        elif by == "month":
            d = d.replace(day=1)
        return [d.isoformat()]
    where = e.where
    keys: dict[str, str | None] = {
        "country": where.country if where else None, "admin1": where.admin1 if where else None,
        "code": e.code, "event_type": e.event_type, "outlet": se.outlet, "status": e.status,
    }
    return [keys.get(by)]


def create_app(store: Store, tiles: Tiles | None = None) -> FastAPI:
    """The API over ``store`` (read-only) and the page, with their security headers."""
    app = FastAPI(title="spotrep", version=__version__, openapi_url="/api/openapi.json",
                  docs_url=None, redoc_url=None,
                  description="Read-only JSON API over a spotrep store; the page at / is built "
                              "on it. Every list takes the same filters as the command line.")
    csp = content_security_policy(tiles)

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = csp
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        return response

    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/api/config", summary="What the page needs to start: version, tile layer")
    def config() -> dict[str, Any]:
        return {"version": __version__,
                "tiles": None if tiles is None else {"url": tiles.url,
                                                     "attribution": tiles.attribution},
                "taxonomy": {c: [n.event_type, n.sub_event_type] for c, n in TAXONOMY.items()}}

    @app.get("/api/events", summary="Events matching the filters: columnar or a page of rows")
    def events(
        q: Filtered,
        format: Literal["rows", "columns"] = "rows",
        offset: Offset = 0,
        limit: Limit = 100,
    ) -> dict[str, Any]:
        found = _filtered_events(store, q)
        if format == "columns":
            return views.event_columns(found)
        page = found[offset: offset + limit]
        return {"total": len(found), "offset": offset, "limit": limit,
                "rows": [views.event_row(se) for se in page]}

    @app.get("/api/incidents", summary="Incidents matching the filters, a page at a time")
    def incidents(q: Filtered, offset: Offset = 0, limit: Limit = 100) -> dict[str, Any]:
        found = _filtered_incidents(store, q)
        return {"total": len(found), "offset": offset, "limit": limit,
                "rows": [views.incident_summary(i) for i in found[offset: offset + limit]]}

    @app.get("/api/incidents/{incident_id}",
             summary="One incident: its reports with evidence, outlets, claims and conflicts")
    def incident(incident_id: Id) -> dict[str, Any]:
        inc = reads.incident(store, incident_id)
        if inc is None:
            raise HTTPException(404, f"no incident {incident_id!r}")
        results = reads.results(store, (r.article_id for r in inc.reports))
        return views.incident_detail(inc, results)

    @app.get("/api/articles/{article_id}",
             summary="One article: its text with the spans of every event field and claim")
    def article(article_id: Id) -> dict[str, Any]:
        res = reads.result(store, article_id)
        if res is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return views.article_view(res)

    @app.get("/api/summary", summary="Events and fatalities per group of the filtered events")
    def summary(q: Filtered, by: SummaryBy = "month") -> dict[str, Any]:
        counts: Counter[str | None] = Counter()
        killed: Counter[str | None] = Counter()
        for se in _filtered_events(store, q):
            for key in _group_keys(se, by):
                counts[key] += 1
                killed[key] += (se.event.fatalities.count or 0) if se.event.fatalities else 0
        groups = [{"key": k, "events": n, "fatalities": killed[k]}
                  for k, n in sorted(counts.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))]
        return {"by": by, "groups": groups}

    @app.get("/api/export", summary="The filtered events as ACLED CSV, their claims as CSV, or "
                                    "GeoJSON", response_class=Response)
    def export(q: Filtered, format: exports.ExportFormat = "events-csv") -> Response:
        found = _filtered_events(store, q)
        if format == "geojson":
            body, media, name = exports.geojson(found), "application/geo+json", "events.geojson"
        elif format == "claims-csv":
            results = reads.results(store, {se.article_id for se in found})
            body, media, name = exports.claims_csv(found, results), "text/csv", "claims.csv"
        else:
            body, media, name = exports.events_csv(found), "text/csv", "events.csv"
        return Response(body, media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    return app
