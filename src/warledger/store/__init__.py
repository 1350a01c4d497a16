"""The store: Articles, Events, LedgerEvents, Verdicts and reference records.

SQLite (one file, WAL) by default, any SQLAlchemy URL (PostgreSQL) without new code.
Every write method takes a whole batch and commits it in one transaction, so a
failed batch changes nothing. Writes are upserts keyed by content-hash ids, so
re-running any stage is safe.
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator, Sequence

from sqlalchemy import Connection, Engine, and_, create_engine, delete, event, func, or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from ..errors import NotFoundError, StoreError
from ..records import Article, Event, LedgerEvent, Verdict
from ..settings import resolve_db_url
from . import migrations, schema

__all__ = ["Store", "open_store", "BatchResult", "EventFilter"]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class BatchResult:
    """What one ingest batch did to the store."""

    new: int = 0
    duplicate: int = 0  # already stored (same id): recorded as a sighting, nothing else changes
    new_ids: list[str] | None = None


@dataclass
class EventFilter:
    """Filters shared by events and ledger events (CLI flags, API query params)."""

    date_from: str | None = None
    date_to: str | None = None
    admin1: str | None = None
    country: str | None = None
    event_type: str | None = None
    actor: str | None = None
    min_killed: int | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    article_id: str | None = None
    source: str | None = None
    text: str | None = None
    credibility_min: float | None = None
    credibility_max: float | None = None
    primary_only: bool = False


class Store:
    """A warledger database; `Store()` opens the per-user default SQLite file."""

    def __init__(self, db: str | None = None, *, echo: bool = False):
        self.url = resolve_db_url(db)
        kw: dict[str, Any] = {}
        if self.url in ("sqlite://", "sqlite:///:memory:"):
            # one shared connection, so every thread (an API server's too) sees the same data
            kw = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
        try:
            self.engine: Engine = create_engine(self.url, echo=echo, future=True, **kw)
        except (SQLAlchemyError, ImportError) as exc:
            raise StoreError(f"cannot open store {self.url!r}: {exc}") from exc
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            with self.engine.begin() as conn:
                self.applied_migrations = migrations.apply(conn)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot initialise store {self.url!r}: {exc}") from exc

    # ------------------------------------------------------------------ plumbing
    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One all-or-nothing unit of work."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"store write failed, nothing was written: {exc}") from exc

    def close(self) -> None:
        self.engine.dispose()

    def table_rows(self, name: str) -> list[tuple]:
        """Every row of a table in key order (tests compare runs with this)."""
        table = schema.metadata.tables[name]
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(select(table).order_by(*table.primary_key.columns))]

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for name, t in schema.metadata.tables.items() if name != "migrations"
            }

    # ------------------------------------------------------------------ articles
    def add_articles(self, items: Sequence[tuple[Article, str]],
                     conn: Connection | None = None) -> BatchResult:
        """Store a batch of (article, origin) pairs whole or not at all.

        An id already present (in the store or earlier in the batch) is a duplicate:
        only a new sighting (origin) is recorded, the stored article is not touched.
        Pass `conn` (from `transaction()`) to make several calls one batch.
        """
        if conn is None:
            with self.transaction() as conn:
                return self.add_articles(items, conn)
        result = BatchResult(new_ids=[])
        now = _now()
        ids = list({a.id for a, _ in items})
        existing: set[str] = set()
        for chunk in _chunks(ids, 500):
            existing |= set(conn.execute(
                select(schema.articles.c.id).where(schema.articles.c.id.in_(chunk))).scalars())
        seen_sightings: set[tuple[str, str]] = set()
        for chunk in _chunks(ids, 500):
            seen_sightings |= {
                (r.article_id, r.origin) for r in conn.execute(
                    select(schema.sightings.c.article_id, schema.sightings.c.origin)
                    .where(schema.sightings.c.article_id.in_(chunk)))
            }
        rows, sight_rows = [], []
        for art, origin in items:
            if art.id in existing:
                result.duplicate += 1
            else:
                existing.add(art.id)
                result.new += 1
                result.new_ids.append(art.id)
                rows.append(_article_row(art, now))
            if (art.id, origin) not in seen_sightings:
                seen_sightings.add((art.id, origin))
                sight_rows.append({"article_id": art.id, "origin": origin,
                                   "sha256": art.raw.sha256, "first_seen": now})
        if rows:
            conn.execute(schema.articles.insert(), rows)
        if sight_rows:
            conn.execute(schema.sightings.insert(), sight_rows)
        return result

    def get_article(self, article_id: str) -> Article:
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.articles.c.data).where(
                schema.articles.c.id == article_id)).scalar_one_or_none()
            if row is None:  # allow unambiguous id prefixes, as git does
                rows = conn.execute(select(schema.articles.c.data).where(
                    schema.articles.c.id.like(article_id + "%")).limit(2)).scalars().all()
                if len(rows) == 1:
                    row = rows[0]
        if row is None:
            raise NotFoundError(f"no article with id {article_id!r}; list ids with `warledger articles`")
        return Article.from_json(row)

    def articles(
        self, *, source: str | None = None, since: str | None = None, until: str | None = None,
        text_query: str | None = None, ids: Iterable[str] | None = None,
        limit: int | None = None, offset: int = 0,
    ) -> list[Article]:
        return list(self.iter_articles(source=source, since=since, until=until,
                                       text_query=text_query, ids=ids, limit=limit, offset=offset))

    def iter_articles(
        self, *, source: str | None = None, since: str | None = None, until: str | None = None,
        text_query: str | None = None, ids: Iterable[str] | None = None,
        limit: int | None = None, offset: int = 0,
    ) -> Iterator[Article]:
        t = schema.articles
        q = select(t.c.data).order_by(t.c.published, t.c.id)
        conds = []
        if source:
            conds.append(t.c.source == source)
        if since:
            conds.append(t.c.published >= since)
        if until:
            conds.append(t.c.published < until + "\uffff")
        if text_query:
            like = f"%{text_query}%"
            conds.append(or_(t.c.title.ilike(like), t.c.body.ilike(like)))
        if ids is not None:
            conds.append(t.c.id.in_(list(ids)))
        if conds:
            q = q.where(and_(*conds))
        if limit is not None:
            q = q.limit(limit)
        if offset:
            q = q.offset(offset)
        # stream: PostgreSQL's default cursor would load every article into memory first
        with self.engine.connect().execution_options(yield_per=500) as conn:
            for data in conn.execute(q).scalars():
                yield Article.from_json(data)

    def article_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(schema.articles.c.id).order_by(schema.articles.c.id)).scalars())

    def sightings(self, article_id: str) -> list[dict[str, Any]]:
        t = schema.sightings
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(
                select(t).where(t.c.article_id == article_id).order_by(t.c.first_seen, t.c.origin))]

    # ------------------------------------------------------------------ events
    def replace_events(self, by_article: dict[str, list[Event]]) -> int:
        """Replace the events of each given article (idempotent re-extraction)."""
        n = 0
        with self.transaction() as conn:
            for article_id, evs in by_article.items():
                conn.execute(delete(schema.events).where(schema.events.c.article_id == article_id))
                if evs:
                    conn.execute(schema.events.insert(), [_event_row(e) for e in evs])
                    n += len(evs)
        return n

    def _events_query(self, flt: EventFilter | None, limit: int | None, offset: int, order: str):
        flt = flt or EventFilter()
        t = schema.events
        conds = _common_conds(t, flt)
        if flt.primary_only:
            conds.append(t.c.is_primary.is_(True))
        if flt.article_id:
            conds.append(t.c.article_id == flt.article_id)
        if flt.source or flt.text:
            a = schema.articles
            sub = select(a.c.id)
            if flt.source:
                sub = sub.where(a.c.source == flt.source)
            if flt.text:
                like = f"%{flt.text}%"
                sub = sub.where(or_(a.c.title.ilike(like), a.c.body.ilike(like)))
            conds.append(t.c.article_id.in_(sub))
        return _paged(select(t.c.data).where(and_(*conds)) if conds else select(t.c.data),
                      t, order, limit, offset)

    def events_json(self, flt: EventFilter | None = None, *, limit: int | None = None,
                    offset: int = 0, order: str = "date") -> list[str]:
        """As `events()`, but the stored JSON text, unparsed (the API sends it back as is)."""
        with self.engine.connect() as conn:
            return list(conn.execute(self._events_query(flt, limit, offset, order)).scalars())

    def events(self, flt: EventFilter | None = None, *, limit: int | None = None,
               offset: int = 0, order: str = "date") -> list[Event]:
        return [Event.from_json(d) for d in self.events_json(flt, limit=limit, offset=offset, order=order)]

    def get_event(self, event_id: str) -> Event:
        with self.engine.connect() as conn:
            d = conn.execute(select(schema.events.c.data).where(
                schema.events.c.id == event_id)).scalar_one_or_none()
        if d is None:
            raise NotFoundError(f"no event with id {event_id!r}; list ids with `warledger events`")
        return Event.from_json(d)

    def extracted_article_ids(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.execute(select(schema.events.c.article_id).distinct()).scalars())

    # ------------------------------------------------------------------ ledger
    def replace_ledger(self, ledger: Sequence[LedgerEvent]) -> int:
        """Replace the whole ledger (corroboration is recomputed over all events)."""
        with self.transaction() as conn:
            conn.execute(delete(schema.claims))
            conn.execute(delete(schema.ledger_events))
            rows, claim_rows = [], []
            for le in ledger:
                rows.append(_ledger_row(le))
                for c in le.claims:
                    claim_rows.append({"ledger_id": le.id, "event_id": c.event_id,
                                       "article_id": c.article_id, "source": c.source})
            for chunk in _chunks(rows, 1000):
                conn.execute(schema.ledger_events.insert(), chunk)
            for chunk in _chunks(claim_rows, 1000):
                conn.execute(schema.claims.insert(), chunk)
        return len(ledger)

    def _ledger_query(self, flt: EventFilter | None, limit: int | None, offset: int, order: str):
        flt = flt or EventFilter()
        t = schema.ledger_events
        conds = _common_conds(t, flt)
        if flt.credibility_min is not None:
            conds.append(t.c.credibility >= flt.credibility_min)
        if flt.credibility_max is not None:
            conds.append(t.c.credibility <= flt.credibility_max)
        if flt.source or flt.article_id:
            c = schema.claims
            sub = select(c.c.ledger_id)
            if flt.source:
                sub = sub.where(c.c.source == flt.source)
            if flt.article_id:
                sub = sub.where(c.c.article_id == flt.article_id)
            conds.append(t.c.id.in_(sub))
        if flt.text:
            conds.append(t.c.data.ilike(f"%{flt.text}%"))
        return _paged(select(t.c.data).where(and_(*conds)) if conds else select(t.c.data),
                      t, order, limit, offset)

    def ledger_json(self, flt: EventFilter | None = None, *, limit: int | None = None,
                    offset: int = 0, order: str = "date") -> list[str]:
        """As `ledger()`, but the stored JSON text, unparsed."""
        with self.engine.connect() as conn:
            return list(conn.execute(self._ledger_query(flt, limit, offset, order)).scalars())

    def ledger(self, flt: EventFilter | None = None, *, limit: int | None = None,
               offset: int = 0, order: str = "date") -> list[LedgerEvent]:
        return [LedgerEvent.from_json(d)
                for d in self.ledger_json(flt, limit=limit, offset=offset, order=order)]

    def get_ledger_event(self, ledger_id: str) -> LedgerEvent:
        with self.engine.connect() as conn:
            d = conn.execute(select(schema.ledger_events.c.data).where(
                schema.ledger_events.c.id == ledger_id)).scalar_one_or_none()
        if d is None:
            raise NotFoundError(f"no ledger event with id {ledger_id!r}; list ids with `warledger ledger`")
        return LedgerEvent.from_json(d)

    # ------------------------------------------------------------------ verdicts
    def replace_verdicts(self, verdicts: Sequence[Verdict]) -> int:
        with self.transaction() as conn:
            conn.execute(delete(schema.verdicts))
            rows = [{"subject": v.subject, "subject_kind": v.subject_kind, "score": v.score,
                     "label": v.label, "data": v.to_json()} for v in verdicts]
            for chunk in _chunks(rows, 1000):
                conn.execute(schema.verdicts.insert(), chunk)
        return len(verdicts)

    def verdicts(self, subjects: Iterable[str] | None = None, kind: str | None = None) -> list[Verdict]:
        t = schema.verdicts
        q = select(t.c.data).order_by(t.c.subject)
        if subjects is not None:
            q = q.where(t.c.subject.in_(list(subjects)))
        if kind:
            q = q.where(t.c.subject_kind == kind)
        with self.engine.connect() as conn:
            return [Verdict.from_json(d) for d in conn.execute(q).scalars()]

    # ------------------------------------------------------------------ reference ledgers
    def add_reference_records(self, dataset: str, records: Sequence[dict[str, Any]]) -> int:
        """Upsert reference casualty records (dicts with id, date_start, lat, lon, best ...)."""
        t = schema.reference_records
        cols = {c.name for c in t.columns} - {"data", "dataset"}
        with self.transaction() as conn:
            ids = [str(r["id"]) for r in records]
            for chunk in _chunks(ids, 500):
                conn.execute(delete(t).where(t.c.id.in_(chunk)))
            rows = [{**{k: r.get(k) for k in cols}, "id": str(r["id"]), "dataset": dataset,
                     "data": json.dumps(r, ensure_ascii=False, sort_keys=True, default=str)}
                    for r in records]
            for chunk in _chunks(rows, 1000):
                conn.execute(t.insert(), chunk)
        return len(records)

    def reference_records(self, dataset: str | None = None) -> list[dict[str, Any]]:
        t = schema.reference_records
        q = select(t.c.data, t.c.dataset).order_by(t.c.id)
        if dataset:
            q = q.where(t.c.dataset == dataset)
        with self.engine.connect() as conn:
            return [{**json.loads(d), "dataset": ds} for d, ds in conn.execute(q)]


def open_store(db: str | None = None) -> Store:
    """Open (creating and migrating if needed) the store at `db` or the default."""
    return Store(db)


# ---------------------------------------------------------------------- helpers

def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _chunks(seq: Sequence, n: int) -> Iterator[Sequence]:
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


def _article_row(a: Article, now: str) -> dict[str, Any]:
    return {"id": a.id, "source": a.source, "url": a.url, "title": a.title,
            "published": a.published, "language": a.language, "reader": a.reader,
            "body": a.body, "data": a.to_json(), "ingested_at": now}


def _event_row(e: Event) -> dict[str, Any]:
    return {"id": e.id, "article_id": e.article_id, "is_primary": bool(e.primary), "date": e.date,
            "admin1": e.place.admin1, "country": e.place.country, "lat": e.place.lat,
            "lon": e.place.lon, "event_type": e.event_type, "actor1": e.actor1,
            "killed_best": e.killed.best, "data": e.to_json()}


def _ledger_row(le: LedgerEvent) -> dict[str, Any]:
    return {"id": le.id, "date": le.date, "admin1": le.place.admin1, "country": le.place.country,
            "lat": le.place.lat, "lon": le.place.lon, "event_type": le.event_type,
            "actor1": le.actor1, "killed_best": le.killed.best, "n_sources": le.n_sources,
            "credibility": le.credibility, "data": le.to_json()}


def _common_conds(t, flt: EventFilter) -> list:
    conds = []
    if flt.date_from:
        conds.append(t.c.date >= flt.date_from)
    if flt.date_to:
        conds.append(t.c.date <= flt.date_to)
    if flt.admin1:
        conds.append(func.lower(t.c.admin1) == flt.admin1.lower())
    if flt.country:
        conds.append(func.lower(t.c.country) == flt.country.lower())
    if flt.event_type:
        conds.append(func.lower(t.c.event_type) == flt.event_type.lower())
    if flt.actor:
        conds.append(t.c.actor1.ilike(f"%{flt.actor}%"))
    if flt.min_killed is not None:
        conds.append(t.c.killed_best >= flt.min_killed)
    if flt.bbox:
        w, s, e, n = flt.bbox
        conds += [t.c.lon >= w, t.c.lon <= e, t.c.lat >= s, t.c.lat <= n]
    return conds


def _paged(q, t, order: str, limit: int | None, offset: int):
    q = q.order_by(*_order(t, order))
    if limit is not None:
        q = q.limit(limit)
    return q.offset(offset) if offset else q


def _order(t, order: str) -> list:
    desc = order.startswith("-")
    key = order.lstrip("-")
    col = {"date": t.c.date, "killed": t.c.killed_best, "id": t.c.id}.get(key)
    if col is None:
        raise ValueError(f"unknown sort {order!r}; use date, killed or id (prefix - for descending)")
    return [col.desc() if desc else col.asc(), t.c.id]


