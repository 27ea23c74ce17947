"""Exports: ACLED CSV rows, GeoJSON, JSON Lines, GeoParquet; status and borrowed tolls."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import pytest
from codebook import row_problems, rules

from spotrep import export
from spotrep.export.acled import (
    acled_columns,
    disorder_type,
    event_id_cnty,
    interaction,
    interaction_label,
    one_line,
    source_scale,
)
from spotrep.records import Article, Result, Span, Toll
from spotrep.store import Store

CODEBOOK = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_acled_csv_of_incidents(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    assert export.write("acled-csv", export.incidents(store), out) == 2  # no flood, no claim
    assert out.read_text(encoding="utf-8").splitlines()[0] == ",".join(CODEBOOK)
    strike, rally = read_csv(out)
    assert strike["event_date"] == "2024-03-05" and strike["year"] == "2024"
    assert strike["time_precision"] == "1"
    assert strike["disorder_type"] == "Political violence"
    assert strike["sub_event_type"] == "Air/drone strike"
    assert strike["actor1"] == "Military Forces of Russia" and strike["inter1"] == "State forces"
    assert strike["actor2"] == "Civilians (Ukraine)" and strike["inter2"] == "Civilians"
    assert strike["assoc_actor_2"] == ""  # the minibus is no actor
    assert strike["interaction"] == "State forces-Civilians"
    assert strike["civilian_targeting"] == "Civilian targeting"
    assert (strike["iso"], strike["country"], strike["region"]) == ("804", "Ukraine", "Europe")
    assert strike["admin1"] == "Kharkiv Oblast" and strike["location"] == "Kharkiv"
    assert strike["geo_precision"] == "1"
    assert float(strike["latitude"]) == pytest.approx(49.9935)
    assert strike["fatalities"] == "3"  # the conservative figure of 3 vs 5
    assert "3 (Outlet A), 5 (Outlet B)" in strike["notes"]  # and the disagreement is kept
    assert strike["source"] == "Outlet A; Outlet B"
    assert strike["source_scale"] == "National"  # .ua outlet, event in Ukraine; .com unknown
    assert strike["event_id_cnty"].startswith("UKR") and strike["timestamp"].isdigit()
    assert strike["tags"] == strike["admin2"] == strike["admin3"] == ""  # unknown stays empty
    assert rally["time_precision"] == "2" and rally["disorder_type"] == "Demonstrations"
    assert rally["actor1"] == "Protesters (Senegal)" and rally["interaction"] == "Protesters only"
    assert rally["fatalities"] == "0"  # none reported is 0, as ACLED writes it
    assert rally["source"] == "'@Outlet C"  # a formula start, neutralised


def test_acled_csv_with_numeric_inter(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    export.write("acled-csv", export.incidents(store), out,
                 options=export.AcledOptions(numeric_inter=True))
    strike, rally = read_csv(out)
    assert (strike["inter1"], strike["inter2"], strike["interaction"]) == ("1", "7", "17")
    assert (rally["inter1"], rally["inter2"], rally["interaction"]) == ("6", "", "60")


def test_acled_csv_of_events_holds_reported_conflict_events(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert export.write("acled-csv", export.events(store), out) == 3
    rows = read_csv(out)
    assert [r["sub_event_type"] for r in rows] == ["Air/drone strike"] * 2 + ["Peaceful protest"]
    assert rows[0]["notes"] == "A strike on Kharkiv killed 3."  # the evidence, on one line
    assert rows[2]["notes"].startswith("'=HYPERLINK")
    assert sum(int(r["fatalities"]) for r in rows) == 8  # not the claim's 5, not the plan's


@pytest.mark.parametrize("what", ["incidents", "events"])
def test_every_row_keeps_the_codebook(store: Store, tmp_path: Path, what: str) -> None:
    out = tmp_path / "acled.csv"
    export.write("acled-csv", getattr(export, what)(store), out)
    for row in read_csv(out):
        assert row_problems(row) == [], row["event_id_cnty"]


def test_the_codebook_covers_every_column_and_catches_a_bad_row() -> None:
    assert [r["column"] for r in rules()] == CODEBOOK == list(acled_columns())
    bad = dict.fromkeys(CODEBOOK, "")
    bad.update(event_id_cnty="syr12", event_date="2024-03-05", year="2023", inter1="Rebels",
               actor1="3", interaction="State forces", latitude="91", notes="a\nb")
    problems = row_problems(bad)
    for column in ("event_id_cnty", "year", "inter1", "actor1", "latitude", "notes", "country",
                   "fatalities"):
        assert any(p.startswith(column + ":") for p in problems), column


def test_event_exports_hold_the_statuses_asked_for(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    export.write("jsonl", export.events(store), out)
    default = [json.loads(line)["event"] for line in out.read_text().splitlines()]
    assert {e["status"] for e in default} == {"reported"}
    export.write("geojson", export.events(store), out, export.parse_statuses("all"))
    props = [f["properties"] for f in json.loads(out.read_text())["features"]]
    assert sorted(p["status"] for p in props).count("planned") == 1
    assert all(p["evidence"] for p in props if p["code"] == "AIR_STRIKE")
    claim = next(p for p in props if p["code"] == "ATTRIB")
    assert claim["fatalities"] == 0 and claim["acled"] is False  # the attack's toll, not its own


@pytest.mark.parametrize(("value", "expected"), [
    ("reported", {"reported"}), ("denied, planned", {"denied", "planned"}),
    ("all", {"reported", "denied", "hypothetical", "threatened", "planned"}),
])
def test_parse_statuses(value: str, expected: set[str]) -> None:
    assert export.parse_statuses(value) == expected


@pytest.mark.parametrize("value", ["happened", "", "reported,maybe"])
def test_unknown_status_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="unknown status"):
        export.parse_statuses(value)


def test_geojson_has_flat_typed_properties(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "incidents.geojson"
    export.write("geojson", export.incidents(store), out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    first = next(f for f in doc["features"] if f["properties"]["code"] == "AIR_STRIKE")
    assert first["geometry"] == {"type": "Point", "coordinates": [36.2304, 49.9935]}
    p = first["properties"]
    assert not any(isinstance(v, dict | list) for v in p.values())  # flat
    assert (p["code"], p["sub_event_type"], p["country"]) == ("AIR_STRIKE", "Air/drone strike",
                                                             "Ukraine")
    assert (p["date_start"], p["date_precision"], p["geo_precision"]) == ("2024-03-05", "day", 1)
    assert (p["fatalities"], p["fatalities_max"], p["corroboration"]) == (3, 5, 2)
    assert p["outlets"] == "Outlet A; Outlet B"
    assert p["conflicts"] == "fatalities: 3 (Outlet A), 5 (Outlet B)"
    flood = next(f["properties"] for f in doc["features"] if f["properties"]["code"]
                 == "NATURAL_DISASTER")
    assert flood["fatalities"] == 10 and flood["disorder_type"] is None and not flood["acled"]
    assert flood["admin1"] == "Idlib Governorate" and flood["country"] == "Syria"


def test_jsonl_of_results_round_trips(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    assert export.write("jsonl", store.results(), out) == 5
    back = [Result.from_dict(json.loads(line)) for line in out.read_text().splitlines()]
    assert [r.article.id for r in back] == ["a1", "b1", "c1", "f1", "d1"]


def test_parquet_has_typed_columns_and_a_geometry(store: Store, tmp_path: Path) -> None:
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    out = tmp_path / "incidents.parquet"
    assert export.write("parquet", export.incidents(store), out) == 4
    table = pq.read_table(out)
    assert table.column_names[: len(CODEBOOK)] == CODEBOOK
    types = {f.name: str(f.type) for f in table.schema}
    assert types["event_date"] == types["date_start"] == types["date_end"] == "date32[day]"
    assert (types["fatalities"], types["latitude"], types["geometry"]) == ("int64", "double",
                                                                           "binary")
    geo = json.loads(table.schema.metadata[b"geo"])
    assert geo["primary_column"] == "geometry"
    assert geo["columns"]["geometry"]["encoding"] == "WKB"
    strike = next(r for r in table.to_pylist() if r["code"] == "AIR_STRIKE")
    assert strike["fatalities"] == 3 and json.loads(strike["record"])["corroboration"] == 2


@pytest.mark.parametrize("fmt", ["acled-csv", "geojson", "parquet"])
def test_results_are_refused_where_rows_are_incidents_or_events(
    store: Store, tmp_path: Path, fmt: export.Format
) -> None:
    with pytest.raises(ValueError, match="jsonl only"):
        export.write(fmt, store.results(), tmp_path / "x")


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export.write("xlsx", [], tmp_path / "x")  # type: ignore[arg-type]


def test_an_empty_store_exports_a_header(tmp_path: Path) -> None:
    with Store.open(tmp_path / "empty.db") as store:
        assert export.write("acled-csv", export.incidents(store), tmp_path / "a.csv") == 0
        assert export.write("geojson", export.incidents(store), tmp_path / "a.json") == 0
    assert (tmp_path / "a.csv").read_text().startswith("event_id_cnty,")
    assert json.loads((tmp_path / "a.json").read_text())["features"] == []


def test_standard_output(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert export.write("acled-csv", export.incidents(store), "-") == 2
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 2


@pytest.mark.parametrize(("code", "expected"), [
    ("ARMED_CLASH", "Political violence"),
    ("PEACE_PROTEST", "Demonstrations"),
    ("VIOL_DEMONSTR", "Demonstrations"),
    ("FORCE_AGAINST_PROTEST", "Political violence; Demonstrations"),
    ("ARREST", "Strategic developments"),
    ("NATURAL_DISASTER", None),
])
def test_disorder_type(code: str, expected: str | None) -> None:
    assert disorder_type(code) == expected


@pytest.mark.parametrize(("i1", "i2", "expected"), [
    (1, 7, 17), (7, 1, 17), (6, None, 60), (None, 3, None), (2, 2, 22),
])
def test_interaction(i1: int | None, i2: int | None, expected: int | None) -> None:
    assert interaction(i1, i2) == expected


@pytest.mark.parametrize(("k1", "k2", "expected"), [
    ("Civilians", "State forces", "State forces-Civilians"),
    ("Protesters", None, "Protesters only"),
    ("Rebel group", "Rebel group", "Rebel group-Rebel group"),
    (None, "Civilians", None),
])
def test_interaction_label(k1: str | None, k2: str | None, expected: str | None) -> None:
    assert interaction_label(k1, k2) == expected


@pytest.mark.parametrize(("urls", "cc", "expected"), [
    (["https://x.com.ng/a", "https://y.co.uk/b"], "NG", "National-International"),
    (["https://y.co.uk/b"], "NG", "International"),
    (["https://wire.example.com/a", None], "NG", None),
    (["https://x.com.ng/a"], None, None),
])
def test_source_scale(urls: list[str | None], cc: str | None, expected: str | None) -> None:
    assert source_scale(urls, cc) == expected


def test_event_id_cnty_is_stable_and_lettered() -> None:
    syria = export.acled.countries()["SY"]
    first = event_id_cnty("inc_1", syria)
    assert first == event_id_cnty("inc_1", syria) != event_id_cnty("inc_2", syria)
    assert first.startswith("SYR") and first[3:].isdigit()
    assert event_id_cnty("inc_1", None).startswith("XXX")


@pytest.mark.parametrize(("text", "expected"), [
    ("one\ntwo\r\nthree", "one two three"), ("  ", None), (None, None), ("a\tb", "a b"),
])
def test_notes_are_one_line(text: str | None, expected: str | None) -> None:
    assert one_line(text) == expected


@pytest.mark.parametrize(("cc", "name", "region"), [
    ("SY", "Syria", "Middle East"), ("TR", "Turkey", "Middle East"),
    ("CD", "Democratic Republic of Congo", "Middle Africa"), ("CI", "Ivory Coast",
                                                              "Western Africa"),
    ("RU", "Russia", "Europe"), ("US", "United States", "North America"),
    ("KE", "Kenya", "Eastern Africa"), ("AF", "Afghanistan", "South Asia"),
])
def test_acled_country_names_and_regions(cc: str, name: str, region: str) -> None:
    found = export.acled.countries()[cc]
    assert (found.name, found.region) == (name, region)


def test_every_country_has_a_region() -> None:
    assert all(c.region for c in export.acled.countries().values())


def test_a_figure_two_events_of_one_article_share_is_counted_once(tmp_path: Path) -> None:
    from export_records import strike

    text = "Clashes and an attack on the village killed 8."
    clash = strike(8, text, code="ARMED_CLASH")
    attack = strike(8, text, code="ATTACK", eid="e2")
    span = Span(37, 46, text[37:46])
    clash, attack = (dataclasses.replace(e, fatalities=Toll(8, text="8", span=span))
                     for e in (clash, attack))
    attack = dataclasses.replace(attack, where=dataclasses.replace(
        attack.where, name="Elsewhere", lat=48.0, lon=30.0))  # not one incident
    with Store.open(tmp_path / "s.db") as store:
        store.add_result(Result(Article(text, "s1", "2024-03-06", "O"), (clash, attack)))
        assert len(store.incidents()) == 2
        out = tmp_path / "a.csv"
        export.write("acled-csv", export.incidents(store), out)
        events = tmp_path / "e.csv"
        export.write("acled-csv", export.events(store), events)
    for path in (out, events):
        rows = read_csv(path)
        assert sum(int(r["fatalities"]) for r in rows) == 8, path.name
        assert any("counted with" in r["notes"] and "e1" in r["notes"] for r in rows)
