"""LedgerEvents with their claims as text, JSON lines or CSV (one row per claim)."""
from __future__ import annotations

import csv
import io
import json
from typing import Sequence

from ..records import Count, LedgerEvent

FORMATS = ("text", "json", "jsonl", "csv")


def _count(c: Count) -> str:
    if c.best is None:
        return "some" if c.unquantified else "?"
    if c.low is not None and c.high is not None and c.low != c.high:
        return f"{c.best} ({c.low}–{c.high})"
    return str(c.best)


def _claim_count(c: Count) -> str:
    if c.best is None and c.low is None and c.high is None:
        return "some" if c.unquantified else "?"
    return str(c.best if c.best is not None else c.low if c.low is not None else c.high)


def as_text(ledger: Sequence[LedgerEvent]) -> str:
    out = []
    for le in ledger:
        where = le.place.name or le.place.admin1 or le.place.country or "place unknown"
        kind = le.sub_event_type or le.event_type or "event"
        single = "single-source" if le.n_sources == 1 else f"{le.n_sources} independent sources"
        out.append(f"{le.id}  {le.date or 'date unknown'}  {where}  {kind}  killed {_count(le.killed)}"
                   f"  injured {_count(le.injured)}  [{single}]")
        if le.actor1:
            out.append(f"    perpetrator: {le.actor1}")
        for flag in le.contradictions:
            out.append(f"    ! {flag}")
        for c in le.claims:
            dup = f"  (copy of {c.duplicate_of})" if c.duplicate_of else ""
            ev = (c.evidence.text if c.evidence and c.evidence.text else "").strip()
            out.append(f"    - {c.source or '?'} {c.published or ''} {c.article_id}: killed "
                       f"{_claim_count(c.killed)}, injured {_claim_count(c.injured)}"
                       f"{', by ' + c.actor1 if c.actor1 else ''}{dup}")
            if ev:
                out.append(f"      “{ev[:240]}{'…' if len(ev) > 240 else ''}”")
    return "\n".join(out)


CSV_FIELDS = ["ledger_id", "date", "place", "admin1", "country", "lat", "lon", "event_type",
              "sub_event_type", "actor1", "killed_low", "killed_best", "killed_high",
              "injured_low", "injured_best", "injured_high", "n_sources", "contradictions",
              "claim_article_id", "claim_source", "claim_published", "claim_killed",
              "claim_injured", "claim_actor1", "claim_duplicate_of", "claim_evidence"]


def as_csv(ledger: Sequence[LedgerEvent]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS)
    w.writeheader()
    for le in ledger:
        base = {"ledger_id": le.id, "date": le.date, "place": le.place.name,
                "admin1": le.place.admin1, "country": le.place.country, "lat": le.place.lat,
                "lon": le.place.lon, "event_type": le.event_type,
                "sub_event_type": le.sub_event_type, "actor1": le.actor1,
                "killed_low": le.killed.low, "killed_best": le.killed.best,
                "killed_high": le.killed.high, "injured_low": le.injured.low,
                "injured_best": le.injured.best, "injured_high": le.injured.high,
                "n_sources": le.n_sources, "contradictions": " | ".join(le.contradictions)}
        for c in le.claims:
            w.writerow({**base, "claim_article_id": c.article_id, "claim_source": c.source,
                        "claim_published": c.published, "claim_killed": c.killed.best,
                        "claim_injured": c.injured.best, "claim_actor1": c.actor1,
                        "claim_duplicate_of": c.duplicate_of,
                        "claim_evidence": c.evidence.text if c.evidence else None})
    return buf.getvalue()


def render_ledger(ledger: Sequence[LedgerEvent], fmt: str = "text") -> str:
    """The ledger in one of FORMATS; raises ValueError for an unknown format."""
    if fmt == "text":
        return as_text(ledger)
    if fmt == "json":
        return json.dumps([le.to_dict() for le in ledger], ensure_ascii=False, indent=2)
    if fmt == "jsonl":
        return "\n".join(le.to_json() for le in ledger)
    if fmt == "csv":
        return as_csv(ledger)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
