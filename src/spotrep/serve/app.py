"""The read-only HTTP API and the page: ``create_app(store)`` returns the ASGI application.

Every route is a GET: nothing here writes to the store. The page is one HTML file with its
scripts and styles under ``/static``, served with a Content-Security-Policy that allows only
this origin's scripts (no inline script, no eval) and, when the user switches the online
tile layer on, images from that tile server alone.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import orjson
from fastapi import Depends, FastAPI, HTTPException, Request, Response
from fastapi import Path as PathParam
from fastapi import Query as Param
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from spotrep import __version__
from spotrep._taxonomy import TAXONOMY
from spotrep.records import Result
from spotrep.serve import exports, views
from spotrep.serve import summary as summary_of
from spotrep.serve.cache import ColumnsCache
from spotrep.serve.query import read_filters
from spotrep.store import Filters, Store, columns, queries

STATIC = Path(str(files("spotrep.serve") / "static"))
MAX_PAGE = 1000
COMPRESS_LEVEL = 5
"""gzip level of the other answers (small): 9 takes several times as long for a few percent."""


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


Filtered = Annotated[Filters, Depends(read_filters)]
Offset = Annotated[int, Param(ge=0, le=10_000_000)]
Limit = Annotated[int, Param(ge=1, le=MAX_PAGE)]
Id = Annotated[str, PathParam(min_length=1, max_length=200)]
BAD_FILTER: dict[int | str, dict[str, Any]] = {
    400: {"description": "A filter value that cannot be used; `detail` says why"}}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No such record"}}
IncidentSort = Annotated[queries.IncidentSort, Param(description="date, fatalities or "
                         "corroboration (outlets); a leading - for the highest first")]


def event_columns(store: Store, q: Filters) -> columns.EventColumns:
    """The filtered events' columns: read from the events' columns unless an actor or speaker
    filter needs the decoded events."""
    if queries.events_by_columns(q):
        return columns.read_columns(store.engine, q)
    return columns.from_values([columns.event_values(se) for se in store.events(q)])


def columns_json(store: Store, q: Filters) -> bytes:
    """``event_columns`` as JSON (built by the database where it can: ``columns.columns_json``)."""
    if queries.events_by_columns(q):
        return columns.columns_json(store.engine, q)
    return orjson.dumps(event_columns(store, q).to_dict())


def _results_by_id(store: Store, article_ids: Iterable[str]) -> dict[str, Result]:
    """The current results of these articles, by article id (those the store holds)."""
    return {r.article.id: r for r in store.results(article_ids)}


def create_app(store: Store, tiles: Tiles | None = None, warm: bool = False) -> FastAPI:
    """The API over ``store`` (read-only) and the page, with their security headers.

    ``warm``: read the map's columns for the unfiltered view at once, in a thread, so that
    the first page load does not wait for it.
    """
    kept = ColumnsCache(store)
    if warm:
        everything = Filters()
        threading.Thread(target=kept.gzipped, daemon=True, args=(
            everything, lambda: columns_json(store, everything))).start()
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

    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=COMPRESS_LEVEL)
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

    @app.get("/api/events", summary="Events matching the filters: columnar or a page of rows",
             responses=BAD_FILTER)
    def events(
        request: Request,
        q: Filtered,
        format: Literal["rows", "columns"] = "rows",
        offset: Offset = 0,
        limit: Limit = 100,
    ) -> Any:
        if format == "columns":
            body = kept.gzipped(q, lambda: columns_json(store, q))
            if "gzip" in request.headers.get("accept-encoding", ""):
                return Response(body, media_type="application/json",
                                headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
            return Response(gzip.decompress(body), media_type="application/json")
        if queries.events_in_sql(q):
            total, page = queries.select_event_page(store.engine, q, offset, limit)
        else:
            found = store.events(q)
            total, page = len(found), found[offset: offset + limit]
        return {"total": total, "offset": offset, "limit": limit,
                "rows": [views.event_row(se) for se in page]}

    @app.get("/api/incidents", summary="Incidents matching the filters, a page at a time",
             responses=BAD_FILTER)
    def incidents(q: Filtered, offset: Offset = 0, limit: Limit = 100,
                  sort: IncidentSort = "date") -> dict[str, Any]:
        if queries.incidents_in_sql(q):
            total, page = queries.select_incident_page(store.engine, q, offset, limit, sort)
        else:
            found = queries.sorted_incidents(store.incidents(q), sort)
            total, page = len(found), found[offset: offset + limit]
        return {"total": total, "offset": offset, "limit": limit,
                "rows": [views.incident_summary(i) for i in page]}

    @app.get("/api/incidents/{incident_id}",
             summary="One incident: its reports with evidence, outlets, claims and conflicts",
             responses=NOT_FOUND)
    def incident(incident_id: Id) -> dict[str, Any]:
        inc = store.incident_by_id(incident_id)
        if inc is None:
            raise HTTPException(404, f"no incident {incident_id!r}")
        results = _results_by_id(store, (r.article_id for r in inc.reports))
        return views.incident_detail(inc, results)

    @app.get("/api/articles/{article_id}",
             summary="One article: its text with the spans of every event field and claim",
             responses=NOT_FOUND)
    def article(article_id: Id) -> dict[str, Any]:
        res = store.result(article_id)
        if res is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return views.article_view(res)

    @app.get("/api/summary", summary="Events and fatalities per group of the filtered events",
             responses=BAD_FILTER)
    def summary(q: Filtered, by: summary_of.By = "month") -> dict[str, Any]:
        if by in summary_of.BY_RECORD:
            keyed = [(k, se.event.fatalities.count if se.event.fatalities else None)
                     for se in store.events(q) for k in summary_of.record_keys(se, by)]
        else:
            cols = event_columns(store, q)
            keyed = list(zip(summary_of.column_keys(cols, by), cols.columns["fatalities"],
                             strict=True))
        return {"by": by, "groups": summary_of.groups(keyed)}

    @app.get("/api/export", summary="The filtered events as ACLED CSV, their claims as CSV, or "
                                    "GeoJSON", response_class=Response, responses=BAD_FILTER)
    def export(q: Filtered, format: exports.ExportFormat = "events-csv") -> Response:
        found = store.events(q)
        if format == "geojson":
            body, media, name = exports.geojson(found), "application/geo+json", "events.geojson"
        elif format == "claims-csv":
            results = _results_by_id(store, {se.article_id for se in found})
            body, media, name = exports.claims_csv(found, results), "text/csv", "claims.csv"
        else:
            body, media, name = exports.events_csv(found), "text/csv", "events.csv"
        return Response(body, media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    return app
