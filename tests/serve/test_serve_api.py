"""The JSON API over the test store: filters, records, exports, errors, and what it refuses."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from serve_records import HOSTILE

from spotrep.cli import main

STATIC = Path(__file__).resolve().parents[2] / "src" / "spotrep" / "serve" / "static"

ALL = {"mosul-a", "mosul-b", "mosul-c", "gao-a", "gao-b", "kharkiv-week", "lviv-month",
       "unplaced", "hostile"}


def articles_of(api: httpx.Client, **params: Any) -> set[str]:
    response = api.get("/api/events", params={"limit": 1000, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["rows"])
    return {r["article_id"] for r in body["rows"]}


@pytest.mark.parametrize(("params", "expected"), [
    ({}, ALL),
    ({"since": "2024-05-01"}, {"gao-a", "gao-b", "lviv-month"}),
    ({"until": "2024-02-28"}, {"unplaced"}),
    ({"since": "2024-03-01", "until": "2024-03-31"}, {"mosul-a", "mosul-b", "mosul-c", "hostile"}),
    ({"country": "Mali"}, {"gao-a", "gao-b"}),
    ({"country": "UA"}, {"kharkiv-week", "lviv-month"}),
    ({"admin1": "nineveh"}, {"mosul-a", "mosul-b", "mosul-c", "hostile"}),
    ({"admin1": "Ninev"}, set()),  # admin1 is the whole name
    ({"code": "PEACE_PROTEST"}, {"lviv-month"}),
    ({"code": "Protests"}, {"lviv-month"}),
    ({"code": ["PEACE_PROTEST", "ARMED_CLASH"]}, {"lviv-month", "unplaced"}),
    ({"code": "Shelling/artillery/missile attack"}, {"kharkiv-week"}),
    ({"actor": "militant"}, {"gao-a", "gao-b"}),
    ({"actor": "nobody at all"}, set()),
    ({"speaker": "governor"}, {"gao-a", "gao-b"}),
    ({"outlet": "kyiv"}, {"kharkiv-week", "lviv-month"}),
    ({"status": "reported"}, ALL),
    ({"status": "denied"}, set()),
    ({"min_fatalities": 9}, {"mosul-b", "gao-a", "gao-b"}),
    ({"min_fatalities": 0}, ALL - {"lviv-month"}),
    ({"precision": 1}, ALL - {"gao-a", "gao-b", "unplaced"}),
    ({"date_precision": "day"}, ALL - {"kharkiv-week", "lviv-month"}),
    ({"date_precision": "week"}, ALL - {"lviv-month"}),
    ({"min_corroboration": 3}, {"mosul-a", "mosul-b", "mosul-c"}),
    ({"min_corroboration": 2}, {"mosul-a", "mosul-b", "mosul-c", "gao-a", "gao-b"}),
    ({"has_conflicts": "true"}, {"mosul-a", "mosul-b", "mosul-c"}),
    ({"bbox": "20,40,40,55"}, {"kharkiv-week", "lviv-month"}),
    ({"bbox": "170,-90,-170,90"}, set()),  # across the 180th meridian: nothing there
    ({"bbox": "-10,10,50,40"}, {"mosul-a", "mosul-b", "mosul-c", "hostile", "gao-a", "gao-b"}),
    ({"text": "convoy"}, {"hostile"}),
    ({"near": "36.3,43.1", "km": 10}, {"mosul-a", "mosul-b", "mosul-c", "hostile"}),
    ({"near": "49.9,36.0", "km": 30}, {"kharkiv-week"}),
    ({"near": "49.9,36.0", "km": 1}, set()),
])
def test_events_take_the_cli_filters(
    api: httpx.Client, params: dict[str, Any], expected: set[str]
) -> None:
    assert articles_of(api, **params) == expected


@pytest.mark.parametrize(("params", "message"), [
    ({"country": "Atlantis"}, "unknown country"),
    ({"code": "NOT_A_CODE"}, "unknown event code"),
    ({"bbox": "1,2,3"}, "bbox wants"),
    ({"bbox": "1,50,3,40"}, "is not WEST,SOUTH,EAST,NORTH"),
    ({"bbox": "nan,1,2,3"}, "is not WEST,SOUTH,EAST,NORTH"),
    ({"near": "91,0"}, "is not a latitude,longitude"),
    ({"near": "north"}, "near wants LAT,LON"),
    ({"since": "2024-05-01", "until": "2024-01-01"}, "is after"),
])
def test_a_bad_filter_is_a_400_that_says_why(
    api: httpx.Client, params: dict[str, Any], message: str
) -> None:
    response = api.get("/api/events", params=params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


@pytest.mark.parametrize("params", [
    {"since": "yesterday"}, {"precision": 4}, {"status": "rumoured"}, {"limit": 0},
    {"min_fatalities": -1}, {"format": "xml"},
])
def test_a_malformed_parameter_is_a_422(api: httpx.Client, params: dict[str, Any]) -> None:
    assert api.get("/api/events", params=params).status_code == 422


def test_columns_hold_the_same_events_as_rows(api: httpx.Client) -> None:
    body = api.get("/api/events", params={"format": "columns", "country": "IQ"}).json()
    rows = api.get("/api/events", params={"country": "IQ"}).json()["rows"]
    cols, dicts = body["columns"], body["dictionaries"]
    assert body["total"] == len(rows) == len(cols["lat"]) == 4
    decoded = [(dicts["article"][a], dicts["event"][e], dicts["code"][c])
               for a, e, c in zip(cols["article"], cols["event"], cols["code"], strict=True)]
    assert decoded == [(r["article_id"], r["event_id"], r["code"]) for r in rows]


def test_paging(api: httpx.Client) -> None:
    first = api.get("/api/events", params={"limit": 4}).json()
    second = api.get("/api/events", params={"limit": 4, "offset": 4}).json()
    assert first["total"] == second["total"] == len(ALL)
    assert len(first["rows"]) == 4
    assert not {r["id"] for r in first["rows"]} & {r["id"] for r in second["rows"]}


def test_incidents_and_one_incident_in_full(api: httpx.Client) -> None:
    rows = api.get("/api/incidents", params={"min_corroboration": 3}).json()["rows"]
    (mosul,) = rows
    assert mosul["corroboration"] == 3 and not mosul["single_source"]
    assert mosul["outlets"] == ["Gulf Courier", "Northern Wire", "Tigris Daily"]
    assert mosul["first_report"] == "2024-03-06"
    full = api.get(f"/api/incidents/{mosul['id']}").json()
    words = [c["words"] for c in full["conflict_details"]]
    assert "4-12 killed: reports disagree" in words
    assert len(full["report_list"]) == 3 and len(full["claims"]) == 3
    assert {c["figure"] for c in full["claims"]} == {"4 killed", "12 killed", "7 killed"}
    evidence = full["report_list"][0]["evidence"][0]
    assert {p["mark"] for p in evidence} >= {"actor", "place", "date", "number"}
    single = api.get("/api/incidents", params={"outlet": "Kyiv Ledger"}).json()["rows"]
    assert single and all(r["single_source"] for r in single)


def test_the_article_view_keeps_the_text_exact(api: httpx.Client) -> None:
    body = api.get("/api/articles/hostile").json()
    assert "".join(p["text"] for p in body["segments"]) == body["text"]
    assert body["text"].startswith(HOSTILE) and body["article"]["title"] == HOSTILE
    text = body["text"]
    for event in body["events"]:
        for s in event["spans"]:
            assert 0 <= s["start"] < s["end"] <= len(text)


@pytest.mark.parametrize("path", ["/api/incidents/inc_nope", "/api/articles/nope"])
def test_unknown_records_are_404(api: httpx.Client, path: str) -> None:
    response = api.get(path)
    assert response.status_code == 404 and "nope" in response.json()["detail"]


def test_summary_groups_add_up(api: httpx.Client) -> None:
    for by in ("country", "admin1", "day", "month", "week", "code", "event_type", "actor",
               "outlet", "status"):
        groups = api.get("/api/summary", params={"by": by}).json()["groups"]
        assert sum(g["events"] for g in groups) == len(ALL), by
    mali = api.get("/api/summary", params={"by": "country", "country": "ML"}).json()["groups"]
    assert mali == [{"key": "ML", "events": 2, "fatalities": 18}]


def test_exports_hold_exactly_what_is_filtered(api: httpx.Client) -> None:
    params = {"country": "IQ"}
    events = api.get("/api/export", params={**params, "format": "events-csv"})
    assert events.headers["content-type"].startswith("text/csv")
    assert "attachment" in events.headers["content-disposition"]
    assert len(list(csv.DictReader(io.StringIO(events.text)))) == 4
    claims = list(csv.DictReader(io.StringIO(
        api.get("/api/export", params={**params, "format": "claims-csv"}).text)))
    assert len(claims) == 4
    assert {c["figure"] for c in claims} == {"4 killed", "12 killed", "7 killed", "3 killed"}
    geo = api.get("/api/export", params={**params, "format": "geojson"}).json()
    assert len(geo["features"]) == 4


def test_the_api_is_read_only(api: httpx.Client) -> None:
    spec = api.get("/api/openapi.json").json()
    methods = {m for ops in spec["paths"].values() for m in ops}
    assert methods == {"get"}
    for path in ("/api/events", "/api/incidents", "/api/articles/hostile", "/"):
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            assert api.request(method, path).status_code == 405, (method, path)


def test_the_page_has_a_strict_policy_and_no_inline_script(api: httpx.Client) -> None:
    page = api.get("/")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe" not in csp
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page.text, flags=re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
    assert not re.search(r"<[^>]+\son[a-z]+=", page.text), "inline event handler"
    assert "style=" not in page.text
    assert api.get("/api/events").headers["content-security-policy"] == csp


def test_static_files_are_served_compressed(api: httpx.Client) -> None:
    response = api.get("/static/vendor/leaflet/leaflet.js", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"


def test_config_names_the_tile_layer_but_does_not_use_it(api: httpx.Client) -> None:
    body = api.get("/api/config").json()
    assert body["tiles"]["url"].startswith("https://tiles.invalid/")
    assert body["taxonomy"]["AIR_STRIKE"] == ["Explosions/Remote violence", "Air/drone strike"]
    csp = api.get("/").headers["content-security-policy"]
    assert "img-src 'self' data: https://tiles.invalid" in csp


@pytest.mark.parametrize("manifest", [STATIC / "vendor" / "manifest.json",
                                      Path(__file__).parent / "vendor" / "manifest.json"])
def test_vendored_files_match_their_manifest(manifest: Path) -> None:
    entries = json.loads(manifest.read_text())["files"]
    assert entries
    for entry in entries:
        data = (manifest.parent / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["file"]
        assert entry["version"] and entry["licence"]
    licences = {e["file"] for e in entries if e["file"].endswith("LICENSE")}
    assert {e["package"] for e in entries} == {
        e["package"] for e in entries if any(f.startswith(e["file"].split("/")[0])
                                              for f in licences)}


def test_serve_refuses_a_store_that_does_not_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.db"
    assert main(["serve", "--db", str(missing)]) == 1
    assert "no store at" in capsys.readouterr().err
    assert not missing.exists()


def test_serve_warns_off_loopback(
    store_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bound: list[tuple[str, int]] = []
    monkeypatch.setattr("spotrep.serve.serve", lambda app, host, port: bound.append((host, port)))
    assert main(["serve", "--db", str(store_path), "--port", "8123"]) == 0
    assert "warning" not in capsys.readouterr().err
    assert main(["serve", "--db", str(store_path), "--host", "0.0.0.0"]) == 0
    assert "warning: serving on 0.0.0.0" in capsys.readouterr().err
    assert bound == [("127.0.0.1", 8123), ("0.0.0.0", 8000)]
    assert main(["serve", "--db", str(store_path), "--tiles-url", "http://x/{z}"]) == 2
