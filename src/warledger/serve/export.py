"""Exports of the ledger (or the extracted events) as CSV, GeoJSON and Parquet.

CSV uses ACLED-like columns plus warledger's own; the CLI's `export` and the API's
/api/export both call `export()`.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..errors import ExportError
from ..records import Count, Event, LedgerEvent
from ..store import EventFilter, Store

FORMATS = ("csv", "geojson", "parquet")
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "geojson": "application/geo+json",
               "parquet": "application/vnd.apache.parquet"}

ACLED_COLUMNS = [
    "event_id", "event_date", "year", "event_type", "sub_event_type", "actor1", "actor2",
    "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "source",
    "notes", "fatalities",
]
OWN_COLUMNS = [
    "fatalities_low", "fatalities_high", "killed_civilians", "killed_children", "killed_women",
    "injured", "credibility", "n_sources", "evidence",
]
COLUMNS = ACLED_COLUMNS + OWN_COLUMNS

# ACLED's geo_precision: 1 the named place, 2 a nearby place or district, 3 a larger region.
GEO_PRECISION = {"place": 1, "district": 2, "governorate": 3, "country": 3}

# A cell starting with one of these is run as a formula by Excel/LibreOffice (OWASP "CSV
# injection"); article text can start with "-" or "=" just by quoting a headline.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def export(store: Store, fmt: str, flt: EventFilter | None = None, *, view: str = "ledger",
           out: str | Path | None = None, limit: int | None = None) -> bytes:
    """Export ledger events (view="ledger") or extracted events (view="events") as bytes.

    Writes the bytes to `out` too when given. Example: ``export(Store(), "csv", out="l.csv")``.
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    rows = export_rows(store, flt, view=view, limit=limit)
    data = {"csv": to_csv, "geojson": to_geojson, "parquet": to_parquet}[fmt](rows)
    if out is not None:
        Path(out).write_bytes(data)
    return data


def export_rows(store: Store, flt: EventFilter | None = None, *, view: str = "ledger",
                limit: int | None = None) -> list[dict[str, Any]]:
    """One dict per event with the export COLUMNS (typed: ints, floats, None)."""
    if view == "ledger":
        return [ledger_row(le) for le in store.ledger(flt, limit=limit)]
    if view == "events":
        events = store.events(flt, limit=limit)
        ids = {e.article_id for e in events}
        sources = {a.id: a.source for a in store.iter_articles(ids=ids)} if ids else {}
        return [event_row(e, sources.get(e.article_id)) for e in events]
    raise ExportError(f"unknown view {view!r}; use ledger or events")


def ledger_row(le: LedgerEvent) -> dict[str, Any]:
    claims = le.claims
    # the victims breakdown of the claim whose figure the ledger adopted (else the first with one)
    chosen = next((c for c in claims if c.killed.best == le.killed.best and c.victims), None) \
        or next((c for c in claims if c.victims), None)
    victims = chosen.victims if chosen else {}
    sources = sorted({c.source for c in claims if c.source})
    evidence = " | ".join(dict.fromkeys(c.evidence.text for c in claims if c.evidence and c.evidence.text))
    notes = "; ".join(le.contradictions)
    return _row(le.id, le.date, le, le.place, "; ".join(sources), notes, le.killed, le.injured,
                victims, le.credibility, le.n_sources, evidence)


def event_row(e: Event, source: str | None = None) -> dict[str, Any]:
    evidence = e.sentence.text if e.sentence and e.sentence.text else ""
    return _row(e.id, e.date, e, e.place, source or "", e.notes or "", e.killed, e.injured,
                e.victims, e.confidence, 1, evidence)


def _row(eid, edate, rec, place, source, notes, killed: Count, injured: Count,
         victims: dict[str, Count], credibility, n_sources, evidence) -> dict[str, Any]:
    def best(c: Count | None) -> int | None:
        return c.best if c is not None else None

    return {
        "event_id": eid, "event_date": edate, "year": int(edate[:4]) if edate and edate[:4].isdigit() else None,
        "event_type": rec.event_type, "sub_event_type": rec.sub_event_type,
        "actor1": rec.actor1, "actor2": rec.actor2,
        "admin1": place.admin1, "admin2": place.admin2,
        "location": place.name or place.gazetteer_name, "latitude": place.lat, "longitude": place.lon,
        "geo_precision": GEO_PRECISION.get(place.precision or ""), "source": source, "notes": notes,
        "fatalities": killed.best,
        "fatalities_low": killed.low, "fatalities_high": killed.high,
        "killed_civilians": best(victims.get("civilians")), "killed_children": best(victims.get("children")),
        "killed_women": best(victims.get("women")), "injured": injured.best,
        "credibility": credibility, "n_sources": n_sources, "evidence": evidence,
    }


def neutralise(value: Any) -> Any:
    """Defuse a text cell that a spreadsheet would run as a formula (prefix a quote)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def to_csv(rows: Iterable[dict[str, Any]]) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: ("" if r.get(k) is None else neutralise(r.get(k))) for k in COLUMNS})
    return buf.getvalue().encode("utf-8")


def to_geojson(rows: Iterable[dict[str, Any]]) -> bytes:
    """RFC 7946 FeatureCollection of Points; events without coordinates get a null geometry."""
    feats = []
    for r in rows:
        lat, lon = r.get("latitude"), r.get("longitude")
        geom = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
        feats.append({"type": "Feature", "id": r["event_id"], "geometry": geom,
                      "properties": {k: r.get(k) for k in COLUMNS}})
    return json.dumps({"type": "FeatureCollection", "features": feats},
                      ensure_ascii=False).encode("utf-8")


def parquet_schema():
    import pyarrow as pa

    types = {"event_date": pa.date32(), "year": pa.int32(), "latitude": pa.float64(),
             "longitude": pa.float64(), "geo_precision": pa.int8(), "credibility": pa.float64(),
             "n_sources": pa.int32()}
    for k in ("fatalities", "fatalities_low", "fatalities_high", "killed_civilians",
              "killed_children", "killed_women", "injured"):
        types[k] = pa.int64()
    return pa.schema([(k, types.get(k, pa.string())) for k in COLUMNS])


def to_parquet(rows: Sequence[dict[str, Any]]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = list(rows)
    cols = {k: [r.get(k) for r in rows] for k in COLUMNS}
    cols["event_date"] = [_to_date(v) for v in cols["event_date"]]
    table = pa.Table.from_pydict(cols, schema=parquet_schema())
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


def _to_date(v: str | None) -> date | None:
    try:
        return date.fromisoformat(v[:10]) if v else None
    except ValueError:  # a partial date ("2017-04") has no day: leave it empty, not wrong
        return None
