"""The store's Python API: writing results, idempotence, versions, merging, queries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from store_records import KYIV

from spotrep.records import Failure, Result
from spotrep.store import Filters, Store
from spotrep.store import statements as stmt
from spotrep.store.engine import database_url
from spotrep.store.migrations import MIGRATIONS, migrate, schema_version
from spotrep.store.store import content_hash, identity


def test_result_round_trips_with_its_text(
    store: Store, make_result: Callable[..., Result], make_event: Callable[..., object]
) -> None:
    result = make_result("a1", (make_event(),))
    assert store.add_result(result, source="x.jsonl").status == "new"
    (back,) = store.results()
    assert back == result
    assert store.has_article(result.article)


def test_adding_the_same_result_twice_changes_nothing(
    store: Store, make_result: Callable[..., Result], make_event: Callable[..., object]
) -> None:
    result = make_result("a1", (make_event(), make_event(id="e2", code="ARREST")))
    store.add_result(result)
    before = store.counts()
    assert store.add_result(result).status == "unchanged"
    assert store.counts() == before
    assert before["events"] == 2 and before["incidents"] == 2


def test_changed_text_at_same_url_is_a_linked_version(
    store: Store, make_result: Callable[..., Result], make_event: Callable[..., object]
) -> None:
    url = "https://news.example/a"
    old = make_result("v1", (make_event(fatalities=2),), text="first text", url=url)
    new = make_result("v2", (make_event(fatalities=4),), text="second text", url=url)
    other = make_result("b1", (make_event(fatalities=3),), outlet="Other")
    store.add_result(old)
    store.add_result(other)
    assert store.add_result(new).status == "version"
    assert store.add_result(old).status == "unchanged"  # an old text coming back is known
    assert [e.article_id for e in store.events()] == ["b1", "v2"]
    (incident,) = store.incidents()
    assert {r.article_id for r in incident.reports} == {"b1", "v2"}
    assert {v[0] for c in incident.conflicts for v in c.values} == {3, 4}
    assert store.counts()["articles"] == 3


def test_failures_are_recorded_once(store: Store) -> None:
    failure = Failure("bad.txt", "empty text", "in/bad.txt")
    assert store.add_failure(failure)
    assert not store.add_failure(failure)
    assert store.add_failure(Failure("bad.txt", "binary file", "in/bad.txt"))
    assert [f.reason for f in store.failures()] == ["empty text", "binary file"]
    assert store.failures()[0].source == "in/bad.txt"


def test_reports_from_two_outlets_merge_and_others_do_not(
    store: Store, make_result: Callable[..., Result], make_event: Callable[..., object]
) -> None:
    store.add_result(make_result("a1", (make_event(fatalities=3),), outlet="A"))
    store.add_result(make_result("b1", (make_event(fatalities=5),), outlet="B"))
    store.add_result(make_result("c1", (make_event(place=KYIV),), outlet="C"))
    store.add_result(make_result("d1", (make_event(status="denied"),), outlet="D"))
    incidents = {len(i.reports): i for i in store.incidents()}
    assert sorted(incidents) == [1, 2]
    merged = incidents[2].to_dict()
    assert merged["corroboration"] == 2
    assert merged["fatalities"]["count"] == 3
    assert merged["conflicts"][0]["field"] == "fatalities"
    by_article = {e.article_id: e.incident_id for e in store.events()}
    assert by_article["a1"] == by_article["b1"] == merged["id"]
    assert by_article["d1"] is None  # only reported events merge


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(), ["a1", "b1", "c1"]),
    (Filters(since=date(2024, 3, 10)), ["c1"]),
    (Filters(until=date(2024, 3, 5)), ["a1", "b1"]),
    (Filters(country="UKR", code="ARREST"), ["b1", "c1"]),
    (Filters(country="fr"), []),
    (Filters(country="Ukraine", code="explosions/remote violence"), ["a1"]),
    (Filters(near=(50.45, 30.52), km=20), ["b1"]),
    (Filters(near=(50.0, 36.2), km=5), ["a1", "c1"]),
    (Filters(text="CEASEFIRE"), ["c1"]),
    (Filters(text="100%"), []),  # LIKE wildcards are literal
    (Filters(limit=1), ["a1"]),
])
def test_event_filters(
    store: Store, make_result: Callable[..., Result], make_event: Callable[..., object],
    filters: Filters, expected: list[str],
) -> None:
    store.add_result(make_result("a1", (make_event(),)))
    store.add_result(make_result("b1", (make_event(code="ARREST", place=KYIV),)))
    store.add_result(make_result("c1", (make_event(code="ARREST", day="2024-03-12"),),
                                 text="The ceasefire held."))
    assert [e.article_id for e in store.events(filters)] == expected


def test_incident_filters(
    store: Store, make_result: Callable[..., Result], make_event: Callable[..., object]
) -> None:
    store.add_result(make_result("a1", (make_event(),), outlet="A", text="Drones over Kharkiv"))
    store.add_result(make_result("b1", (make_event(),), outlet="B"))
    store.add_result(make_result("c1", (make_event(place=KYIV, code="ARREST"),)))
    assert len(store.incidents()) == 2
    assert [i.code for i in store.incidents(Filters(near=(50.45, 30.52), km=10))] == ["ARREST"]
    (hit,) = store.incidents(Filters(text="drones"))
    assert len(hit.reports) == 2
    assert store.incidents(Filters(country="FR")) == []


@pytest.mark.parametrize("bad", [
    {"km": 0}, {"near": (95.0, 0.0)},
])
def test_bad_filters_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        Filters(**bad)  # type: ignore[arg-type]


def test_unknown_country_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="unknown country"):
        store.events(Filters(country="Atlantis"))


def test_migrations_upgrade_an_older_store(bare_engine: sa.Engine) -> None:
    engine = bare_engine
    assert schema_version(engine) == 0
    assert migrate(engine, upto=1) == [1]
    assert schema_version(engine) == 1
    assert migrate(engine) == [m.version for m in MIGRATIONS[1:]]
    assert migrate(engine) == []
    assert schema_version(engine) == MIGRATIONS[-1].version


def test_sqlite_store_uses_wal(tmp_path: Path) -> None:
    with Store.open(tmp_path / "x.db", create=True) as s, s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_env_var_sets_the_default_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPOTREP_DB", str(tmp_path / "sub" / "env.db"))
    with Store.open(create=True):
        pass
    assert (tmp_path / "sub" / "env.db").exists()


@pytest.mark.parametrize(("target", "expected"), [
    ("postgresql://u@127.0.0.1:5432/db", "postgresql+psycopg://u@127.0.0.1:5432/db"),
    ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
    ("sqlite:///:memory:", "sqlite:///:memory:"),
])
def test_database_urls(target: str, expected: str) -> None:
    assert database_url(target) == expected


def test_a_path_becomes_an_absolute_sqlite_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert database_url("sub/x.db") == f"sqlite:///{tmp_path.resolve()}/sub/x.db"
    assert not (tmp_path / "sub").exists()  # spelling a URL creates nothing


def test_default_path_is_in_the_user_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    from spotrep.store import default_db_path

    monkeypatch.delenv("SPOTREP_DB", raising=False)
    path = default_db_path()
    assert path.name == "spotrep.db" and "spotrep" in path.parent.name


def test_new_version_never_reuses_a_live_incident_id(
    store: Store, make_result: Callable[..., Result], make_event: Callable[..., object]
) -> None:
    store.add_result(make_result("a1", (make_event(),), text="first", outlet="A"))
    store.add_result(make_result("b1", (make_event(),), outlet="B"))
    (shared,) = store.incidents()
    # the same article (same id) rewritten: now about another day, so it leaves the incident
    store.add_result(make_result("a1", (make_event(day="2024-04-20"),), text="second"))
    reports = {i.id: [r.article_id for r in i.reports] for i in store.incidents()}
    assert reports[shared.id] == ["b1"]
    assert sorted(reports.values()) == [["a1"], ["b1"]]


def test_one_text_at_two_urls_is_one_article(
    store: Store, make_result: Callable[..., Result], make_event: Callable[..., object]
) -> None:
    """A syndicated or moved story: the same text at another address adds nothing."""
    first = make_result("same", (make_event(),), text="wire", url="https://a.example/x",
                        outlet="a.example")
    copy = make_result("same", (make_event(),), text="wire", url="https://b.example/y",
                       outlet="b.example")
    assert store.add_result(first).status == "new"
    assert store.add_result(copy).status == "unchanged"
    assert store.known([(identity(copy.article), content_hash("wire"))]) != set()
    (incident,) = store.incidents()
    assert [r.outlet for r in incident.reports] == ["a.example"]
    assert incident.corroboration == 1
    assert store.counts()["articles"] == 1


@pytest.mark.parametrize("variant", [
    "http://news.example/a", "https://news.example/a/", "https://www.news.example/a",
    "https://news.example/a?utm_source=rss&utm_medium=feed", "https://news.example/a?fbclid=x",
    "https://m.news.example/a", "https://news.example/a/amp", "https://amp.news.example/a",
    "https://news.example/a?outputType=amp", "https://news.example/a#comments",
])
def test_a_variant_of_an_address_is_a_version_of_its_article(
    store: Store, make_result: Callable[..., Result], make_event: Callable[..., object],
    variant: str,
) -> None:
    store.add_result(make_result("v1", (make_event(fatalities=2),), text="first",
                                 url="https://news.example/a"))
    assert store.has_url(variant)
    later = make_result("v2", (make_event(fatalities=4),), text="second", url=variant)
    assert store.add_result(later).status == "version"
    assert [e.article_id for e in store.events()] == ["v2"]
    assert not store.has_url("https://news.example/b")


def _reports_of(store: Store) -> list[list[str]]:
    return sorted(sorted(r.article_id for r in inc.reports) for inc in store.incidents())


@pytest.mark.parametrize("other_writer", [True, False])
def test_merging_sees_what_another_writer_added(
    db_target: str, make_result: Callable[..., Result], make_event: Callable[..., object],
    other_writer: bool,
) -> None:
    """Each store caches the incidents it wrote; one another process changed is read again."""
    with Store.open(db_target, create=True) as first, Store.open(db_target) as second:
        first.add_result(make_result("a1", (make_event(fatalities=2),), outlet="A"))
        writer = second if other_writer else first
        writer.add_result(make_result("b1", (make_event(fatalities=3),), outlet="B"))
        first.add_result(make_result("c1", (make_event(fatalities=2),), outlet="C"))
        assert _reports_of(first) == [["a1", "b1", "c1"]]
        assert len(first.members) == 1


def test_a_new_version_leaving_an_incident_is_seen_by_the_cache(
    store: Store, make_result: Callable[..., Result], make_event: Callable[..., object]
) -> None:
    url = "https://news.example/a"
    store.add_result(make_result("a1", (make_event(),), outlet="A"))
    store.add_result(make_result("v1", (make_event(),), outlet="V", url=url, text="first"))
    # the new version reports another day: its event leaves the incident (count goes down)
    later = make_event(day="2024-03-20")
    store.add_result(make_result("v2", (later,), outlet="V", url=url, text="second"))
    store.add_result(make_result("c1", (make_event(),), outlet="C"))
    assert _reports_of(store) == [["a1", "c1"], ["v2"]]


def test_migration_3_adds_and_fills_incident_versions(
    db_target: str, make_result: Callable[..., Result], make_event: Callable[..., object]
) -> None:
    with Store.open(db_target, create=True) as s:
        for aid in ("a1", "b1"):
            s.add_result(make_result(aid, (make_event(),), outlet=aid))
        with s.engine.begin() as conn:  # back to a version 2 store
            conn.exec_driver_sql("DROP INDEX ix_incidents_country_window_newest")
            for column in ("member_count", "newest_member"):
                conn.exec_driver_sql(f"ALTER TABLE incidents DROP COLUMN {column}")
            conn.exec_driver_sql("DELETE FROM spotrep_migrations WHERE version >= 3")
        assert migrate(s.engine) == [m.version for m in MIGRATIONS[2:]]
        with s.engine.connect() as conn:
            row = conn.exec_driver_sql(
                "SELECT member_count, newest_member FROM incidents").one()
            top = conn.exec_driver_sql("SELECT max(pk) FROM events").scalar()
        assert tuple(row) == (2, top)
        s.add_result(make_result("c1", (make_event(),), outlet="c1"))
        assert _reports_of(s) == [["a1", "b1", "c1"]]


def test_known_tells_which_texts_of_which_articles_are_stored(
    store: Store, make_result: Callable[..., Result]
) -> None:
    url = "https://news.example/a"
    first = make_result("v1", text="first text", url=url)
    second = make_result("v2", text="second text", url=url)
    same = make_result("b1", text="first text")  # the same text without a URL: the same
    store.add_result(first)
    store.add_result(second)
    keys = [(identity(r.article), content_hash(r.article.text)) for r in (first, second, same)]
    unstored = (url, content_hash("third text"))
    assert store.known([*keys, unstored]) == set(keys)
    assert store.known([]) == set()
    # more than one statement's parameters
    many = [(f"id:x{i}", content_hash(f"x{i}")) for i in range(stmt.MAX_PARAMETERS + 5)]
    assert store.known([*many, *keys]) == set(keys)


def test_migration_6_adds_runs_to_an_older_store(bare_engine: sa.Engine) -> None:
    engine = bare_engine
    migrate(engine, upto=4)
    with engine.begin() as conn:  # as a store written before migration 6 has it
        conn.execute(sa.text("DROP INDEX IF EXISTS ix_articles_run"))
        conn.execute(sa.text("ALTER TABLE articles DROP COLUMN run_id"))
    assert migrate(engine) == [m.version for m in MIGRATIONS if m.version >= 5]
    with engine.connect() as conn:
        names = {c["name"] for c in sa.inspect(conn).get_columns("articles")}
        assert "run_id" in names and sa.inspect(conn).has_table("ingest_runs")


def test_a_missing_migration_is_applied_even_after_a_later_one(
    bare_engine: sa.Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from spotrep.store import migrations

    engine = bare_engine
    without_five = tuple(m for m in MIGRATIONS if m.version != 5)
    monkeypatch.setattr(migrations, "MIGRATIONS", without_five)
    migrate(engine)  # 1..4 and 6: as a branch without migration 5 left it
    ran: list[int] = []
    five = migrations.Migration(5, "a migration another branch added", lambda c: ran.append(5))
    ordered = sorted((*without_five, five), key=lambda m: m.version)
    monkeypatch.setattr(migrations, "MIGRATIONS", tuple(ordered))
    assert migrations.missing_versions(engine) == [5]
    assert migrate(engine) == [5] and ran == [5]
    assert migrate(engine) == []


def test_migration_9_adds_incident_reach_to_an_older_store(
    db_target: str, make_result: Callable[..., Result], make_event: Callable[..., object]
) -> None:
    from spotrep.store import schema

    with Store.open(db_target, create=True) as s:
        s.add_result(make_result("a1", (make_event(),), outlet="A"))
        with s.engine.begin() as conn:  # back to a version 8 store
            for column in schema.V9_INCIDENT_COLUMNS:
                conn.exec_driver_sql(f"ALTER TABLE incidents DROP COLUMN {column}")
            conn.exec_driver_sql("DELETE FROM spotrep_migrations WHERE version >= 9")
        assert migrate(s.engine) == [9, 10]
        with s.engine.connect() as conn:
            reach = conn.exec_driver_sql("SELECT reach_south, member_codes FROM incidents").one()
        assert tuple(reach) == (None, None)  # stored before: found from anywhere
        s.add_result(make_result("b1", (make_event(),), outlet="B"))
        assert _reports_of(s) == [["a1", "b1"]]
