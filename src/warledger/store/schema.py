"""Tables of the store (SQLAlchemy Core, so SQLite and PostgreSQL share one definition).

Each table keeps the full record as JSON in `data` plus the columns that filters and
indexes need; the JSON is the truth, the columns are derived from it on write.
"""
from __future__ import annotations

from sqlalchemy import (
    Boolean, Column, Float, Index, Integer, MetaData, PrimaryKeyConstraint, String, Table, Text,
)

metadata = MetaData()

migrations = Table(
    "migrations", metadata,
    Column("name", String(200), primary_key=True),
    Column("applied_at", String(40), nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", String(40), primary_key=True),
    Column("source", String(200), index=True),
    Column("url", Text),
    Column("title", Text, nullable=False),
    Column("published", String(40), index=True),
    Column("language", String(10)),
    Column("reader", String(40)),
    Column("body", Text, nullable=False),
    Column("data", Text, nullable=False),
    Column("ingested_at", String(40), nullable=False),
)

sightings = Table(
    "sightings", metadata,
    Column("article_id", String(40), nullable=False, index=True),
    Column("origin", Text, nullable=False),  # path (+ "!member") + " " + locator
    Column("sha256", String(64)),
    Column("first_seen", String(40), nullable=False),
    PrimaryKeyConstraint("article_id", "origin"),
)

events = Table(
    "events", metadata,
    Column("id", String(40), primary_key=True),
    Column("article_id", String(40), nullable=False, index=True),
    Column("is_primary", Boolean, nullable=False, default=False),
    Column("date", String(10), index=True),
    Column("admin1", String(200), index=True),
    Column("country", String(8)),
    Column("lat", Float),
    Column("lon", Float),
    Column("event_type", String(80)),
    Column("actor1", String(200)),
    Column("killed_best", Integer),
    Column("data", Text, nullable=False),
)

ledger_events = Table(
    "ledger_events", metadata,
    Column("id", String(40), primary_key=True),
    Column("date", String(10), index=True),
    Column("admin1", String(200), index=True),
    Column("country", String(8)),
    Column("lat", Float),
    Column("lon", Float),
    Column("event_type", String(80)),
    Column("actor1", String(200)),
    Column("killed_best", Integer),
    Column("n_sources", Integer),
    Column("credibility", Float),
    Column("data", Text, nullable=False),
)

claims = Table(
    "claims", metadata,
    Column("ledger_id", String(40), nullable=False, index=True),
    Column("event_id", String(40), nullable=False, index=True),
    Column("article_id", String(40), nullable=False, index=True),
    Column("source", String(200)),
    PrimaryKeyConstraint("ledger_id", "event_id"),
)

verdicts = Table(
    "verdicts", metadata,
    Column("subject", String(120), primary_key=True),
    Column("subject_kind", String(20), nullable=False),
    Column("score", Float, nullable=False),
    Column("label", Integer),
    Column("data", Text, nullable=False),
)

reference_records = Table(
    "reference_records", metadata,
    Column("id", String(80), primary_key=True),
    Column("dataset", String(80), nullable=False, index=True),
    Column("date_start", String(10), index=True),
    Column("date_end", String(10)),
    Column("admin1", String(200)),
    Column("country", String(80)),
    Column("lat", Float),
    Column("lon", Float),
    Column("best", Integer),
    Column("low", Integer),
    Column("high", Integer),
    Column("data", Text, nullable=False),
)

Index("ix_events_date_admin1", events.c.date, events.c.admin1)
Index("ix_ledger_date_admin1", ledger_events.c.date, ledger_events.c.admin1)
