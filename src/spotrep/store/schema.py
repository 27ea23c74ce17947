"""The store's tables (the current schema), as SQLAlchemy Core: one definition for every dialect.

Dates are ISO strings (``YYYY-MM-DD``), which compare correctly as text on SQLite and PostgreSQL
alike; JSON columns hold the contract's JSON as text so a record reads back byte-for-byte.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

migrations = sa.Table(
    "spotrep_migrations",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("applied_at", sa.String(40), nullable=False),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.Text, nullable=False),
    # the URL when known, else the article id: versions of one article share it
    sa.Column("identity", sa.Text, nullable=False),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("published", sa.String(10)),
    sa.Column("title", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("previous_pk", sa.Integer, sa.ForeignKey("articles.pk")),
    sa.Column("current", sa.Boolean, nullable=False),
    sa.Column("source", sa.Text),
    sa.Column("ingested_at", sa.String(40), nullable=False),
    # (v6) the ingest run that stored it: ``spotrep delete --run`` removes what one run added
    sa.Column("run_id", sa.String(40)),
    sa.UniqueConstraint("identity", "content_hash", name="uq_articles_identity_hash"),
)

V6_ARTICLE_COLUMNS = ("run_id",)

# (v7) each fact is held once: ``results.json`` only what no other table holds, and every
# ``json`` column packed (``packing``: spans as offsets into ``articles.text``, no nulls, no
# field a column of the row holds)
results = sa.Table(
    "results",
    metadata,
    sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk"), primary_key=True),
    sa.Column("json", sa.Text, nullable=False),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk"), nullable=False),
    sa.Column("event_id", sa.Text, nullable=False),
    # (v7) no event_type, sub_event_type (the code gives them) nor article_id (the article's)
    sa.Column("code", sa.String(40), nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("date_start", sa.String(10)),
    sa.Column("date_end", sa.String(10)),
    sa.Column("date_precision", sa.String(10)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("country", sa.String(2)),
    sa.Column("admin1", sa.Text),
    sa.Column("place_name", sa.Text),
    sa.Column("geo_precision", sa.Integer),
    sa.Column("fatalities", sa.Integer),
    sa.Column("injuries", sa.Integer),
    sa.Column("current", sa.Boolean, nullable=False),
    sa.Column("json", sa.Text, nullable=False),
    sa.UniqueConstraint("article_pk", "event_id", name="uq_events_article_event"),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk"), nullable=False),
    sa.Column("claim_id", sa.Text, nullable=False),
    sa.Column("speaker_name", sa.Text),
    sa.Column("speaker_kind", sa.String(20)),
    sa.Column("form", sa.String(20)),
    sa.Column("json", sa.Text, nullable=False),
)

places = sa.Table(
    "places",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk"), nullable=False),
    sa.Column("name", sa.Text),
    sa.Column("geonameid", sa.BigInteger),
    sa.Column("feature", sa.String(20)),
    sa.Column("country", sa.String(2)),
    sa.Column("admin1", sa.Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("precision", sa.Integer),
    sa.Column("json", sa.Text, nullable=False),
)

incidents = sa.Table(
    "incidents",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("code", sa.String(40), nullable=False),
    sa.Column("date_start", sa.String(10)),
    sa.Column("date_end", sa.String(10)),
    # the union of the members' date windows: the block a new report is compared in
    sa.Column("window_lo", sa.String(10)),
    sa.Column("window_hi", sa.String(10)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("country", sa.String(2)),
    sa.Column("fatalities", sa.Integer),
    sa.Column("corroboration", sa.Integer, nullable=False),
    sa.Column("json", sa.Text, nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
    # (v3) the member count and newest member's event pk: a version of the member set, which
    # only gains members newer than all before or loses some (``store.MemberCache``)
    sa.Column("member_count", sa.Integer),
    sa.Column("newest_member", sa.Integer),
    # (v9) the box the incident can be joined from (``blocking.incident_reach``); NULL: from
    # anywhere (a member without a precise place, or an incident stored before v9)
    sa.Column("reach_south", sa.Float),
    sa.Column("reach_north", sa.Float),
    sa.Column("reach_west", sa.Float),
    sa.Column("reach_east", sa.Float),
    # (v9) its members' codes, each between spaces (``blocking.member_codes``); NULL: unknown
    sa.Column("member_codes", sa.Text),
)

V3_INCIDENT_COLUMNS = ("member_count", "newest_member")
V9_REACH_COLUMNS = ("reach_south", "reach_north", "reach_west", "reach_east")
V9_INCIDENT_COLUMNS = (*V9_REACH_COLUMNS, "member_codes")

incident_members = sa.Table(
    "incident_members",
    metadata,
    sa.Column("event_pk", sa.Integer, sa.ForeignKey("events.pk"), primary_key=True),
    sa.Column("incident_id", sa.String(40), sa.ForeignKey("incidents.id"), nullable=False),
)

failures = sa.Table(
    "failures",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    # sha256 of source, article id and reason: the same failure is recorded once
    sa.Column("key", sa.String(64), nullable=False, unique=True),
    sa.Column("source", sa.Text),
    sa.Column("article_id", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("first_seen", sa.String(40), nullable=False),
    sa.Column("last_seen", sa.String(40), nullable=False),
)

loaded_parts = sa.Table(
    "loaded_parts",
    metadata,
    # (v5) the sha256 of a run's part file (``spotrep load``): a part is loaded once
    sa.Column("digest", sa.String(64), primary_key=True),
    sa.Column("articles", sa.Integer, nullable=False),
    sa.Column("loaded_at", sa.String(40), nullable=False),
)

ingest_runs = sa.Table(
    "ingest_runs",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("started_at", sa.String(40), nullable=False),
    sa.Column("sources", sa.Text, nullable=False),  # JSON list of what the command was given
    sa.Column("spotrep", sa.String(40), nullable=False),
)

V1_TABLES = (articles, results, events, claims, places, incidents, incident_members, failures)

V2_INDEXES = (
    sa.Index("ix_articles_article_id", articles.c.article_id),
    sa.Index("ix_articles_url", articles.c.url),
    sa.Index("ix_events_date", events.c.date_start, events.c.date_end),
    sa.Index("ix_events_code", events.c.code),
    sa.Index("ix_events_country", events.c.country),
    sa.Index("ix_incident_members_incident", incident_members.c.incident_id),
)

V4_DROPPED_INDEXES = ("ix_incidents_window",)
"""(v2) ``(window_lo, window_hi)``: a block's ``window_lo <= hi`` ranges over every incident
that began before it, which in a store filled in date order is nearly all of them."""

V4_INDEXES = (
    # a block's ``window_hi >= lo`` ranges over the incidents still open at its start: in a
    # store filled in date order, those of the last days (and the few with long windows)
    sa.Index("ix_incidents_window_end", incidents.c.window_hi, incidents.c.window_lo),
)

V6_TABLES = (ingest_runs,)
V6_INDEXES = (
    sa.Index("ix_articles_run", articles.c.run_id),
    # a text is stored once, whatever its URL: the write path and ``known`` look it up
    sa.Index("ix_articles_content_hash", articles.c.content_hash),
    sa.Index("ix_articles_source", articles.c.source),
)

V7_DROPPED_COLUMNS = {"events": ("event_type", "sub_event_type", "article_id"),
                      "incidents": ("event_type",)}
"""Columns before v7 that repeated what the code or another table gives."""

V8_INDEXES = (
    # the explorer's bulk read (``store.columns``): every event's narrow columns, in date order,
    # from this index alone, without reading the table rows that carry each event's JSON
    sa.Index("ix_events_columns", events.c.date_start, events.c.article_pk, events.c.pk,
             events.c.current, events.c.date_end, events.c.date_precision,
             events.c.geo_precision, events.c.fatalities, events.c.code, events.c.status,
             events.c.country, events.c.admin1, events.c.lat, events.c.lon, events.c.event_id,
             events.c.place_name),
)

V10_DROPPED_INDEXES = ("ix_incidents_country_window",)
"""(v5) ``(country, window_hi, window_lo)``: incidents tying on both window ends came in
whatever order the engine read them."""
V10_INDEXES = (
    # a block is one country's incidents still open at the report's dates, latest ending
    # first, then latest starting (the narrowest window), then the one a report joined last
    # (each event is a member of one incident, so no two share a newest member): which ones
    # a block's cap keeps is then the same on every engine and in every run, where PostgreSQL
    # had returned the incidents tying on both ends in the order of their tuples, which
    # vacuum and updates move
    sa.Index("ix_incidents_country_window_newest", incidents.c.country, incidents.c.window_hi,
             incidents.c.window_lo, incidents.c.newest_member),
)
