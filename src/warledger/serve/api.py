"""The REST API under /api/: events, ledger, articles, outlets, statistics, exports, ingest.

Every route reads the store through the library (EventFilter, Store methods); query
parameters are parsed once here (`event_filter`, `page_params`) and reused by the pages.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from sqlalchemy import func, select

from ..errors import NotFoundError
from ..records import Article, Event, LedgerEvent
from ..store import EventFilter, Store
from . import examples as ex
from .export import FORMATS, MEDIA_TYPES, export

router = APIRouter(prefix="/api")

MAX_LIMIT = 1000
DEFAULT_LIMIT = 100
SORTS = ("date", "-date", "killed", "-killed", "id", "-id")
# POST /api/articles: refuse before parsing anything bigger (a newsroom batch is far smaller)
MAX_POST_BYTES = 5_000_000
MAX_POST_ARTICLES = 200
MAX_ARTICLE_CHARS = 500_000

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def get_store(request: Request) -> Store:
    return request.app.state.store


class ResponseCache:
    """Finished JSON bodies of GET routes, by path and query, for `ttl` seconds.

    Under 20 concurrent map/table clients the same filtered pages are asked again and
    again; parsing 100 stored events back into records for each costs ~20 ms of CPU.
    A write through POST /api/articles clears it; a write by another process (the CLI)
    shows after at most `ttl` seconds.
    """

    def __init__(self, ttl: float = 5.0, size: int = 512):
        import threading
        from collections import OrderedDict

        self.ttl, self.size = ttl, size
        self._items: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def key(self, request: Request) -> str:
        return request.url.path + "?" + "&".join(f"{k}={v}" for k, v in sorted(request.query_params.multi_items()))

    def get(self, key: str) -> bytes | None:
        import time

        if self.ttl <= 0:
            return None
        with self._lock:
            hit = self._items.get(key)
            if hit and hit[0] > time.monotonic():
                self._items.move_to_end(key)
                self.hits += 1
                return hit[1]
            self.misses += 1
            return None

    def put(self, key: str, body: bytes) -> None:
        import time

        if self.ttl <= 0:
            return
        with self._lock:
            self._items[key] = (time.monotonic() + self.ttl, body)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def cached_json(request: Request, build) -> Response:
    """The JSON response `build()` makes, served from the app's ResponseCache when fresh."""
    cache: ResponseCache = request.app.state.cache
    key = cache.key(request)
    body = cache.get(key)
    if body is None:
        built = build()
        body = built if isinstance(built, bytes) else \
            json.dumps(built, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        cache.put(key, body)
    return Response(body, media_type="application/json")


# ---------------------------------------------------------------------- query parsing


def _date_bound(value: str | None, name: str, upper: bool) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD → the first (or last) day it covers."""
    if not value:
        return None
    value = value.strip()
    if not _DATE.match(value):
        raise HTTPException(400, f"{name}={value!r} is not a date; use YYYY-MM-DD (or YYYY-MM, YYYY)")
    parts = value.split("-")
    try:
        if len(parts) == 3:
            date.fromisoformat(value)
            return value
        if len(parts) == 2:
            y, m = int(parts[0]), int(parts[1])
            first = date(y, m, 1)
            if not upper:
                return first.isoformat()
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return (nxt - timedelta(days=1)).isoformat()
        return f"{value}-12-31" if upper else f"{value}-01-01"
    except ValueError:
        raise HTTPException(400, f"{name}={value!r} is not a real date; use YYYY-MM-DD") from None


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        w, s, e, n = (float(x) for x in value.split(","))
    except ValueError:
        raise HTTPException(400, f"bbox={value!r} must be four numbers west,south,east,north "
                                 "(e.g. 35.5,32.3,42.4,37.4)") from None
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
        raise HTTPException(400, f"bbox={value!r} is out of range: west,south,east,north in degrees, "
                                 "south <= north")
    return w, s, e, n


def event_filter(
    date_from: str | None = Query(None, description="First day (YYYY-MM-DD, YYYY-MM or YYYY).",
                                  examples=["2017-04-01"]),
    date_to: str | None = Query(None, description="Last day, inclusive.", examples=["2017-04-30"]),
    bbox: str | None = Query(None, description="west,south,east,north in degrees.",
                             examples=["35.5,32.3,42.4,37.4"]),
    admin1: str | None = Query(None, description="Governorate / admin-1 name (case-insensitive).",
                               examples=["Idlib"]),
    governorate: str | None = Query(None, description="Alias of admin1.", examples=["Aleppo"]),
    country: str | None = Query(None, description="ISO 3166-1 alpha-2 code.", examples=["SY"]),
    event_type: str | None = Query(None, description="ACLED event type.",
                                   examples=["Explosions/Remote violence"]),
    actor: str | None = Query(None, description="Perpetrator (substring, case-insensitive).",
                              examples=["Islamic State"]),
    min_killed: int | None = Query(None, ge=0, description="Minimum killed (best figure).", examples=[10]),
    outlet: str | None = Query(None, description="Outlet (article source) that reported it.",
                               examples=["reuters"]),
    credibility_min: float | None = Query(None, ge=0, le=1, description="Ledger only: lowest credibility.",
                                          examples=[0.5]),
    credibility_max: float | None = Query(None, ge=0, le=1, description="Ledger only: highest credibility.",
                                          examples=[1.0]),
    q: str | None = Query(None, max_length=200, description="Text search.", examples=["chemical"]),
) -> EventFilter:
    lo, hi = _date_bound(date_from, "date_from", False), _date_bound(date_to, "date_to", True)
    if lo and hi and lo > hi:
        raise HTTPException(400, f"date_from {lo} is after date_to {hi}")
    return EventFilter(date_from=lo, date_to=hi, admin1=admin1 or governorate, country=country,
                       event_type=event_type, actor=actor, min_killed=min_killed, bbox=_bbox(bbox),
                       source=outlet.lower() if outlet else None, text=q or None,
                       credibility_min=credibility_min, credibility_max=credibility_max)


@dataclass
class Page:
    limit: int
    offset: int
    sort: str
    fingerprint: str


def page_params(
    request: Request,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.", examples=[50]),
    cursor: str | None = Query(None, description="Opaque `next_cursor` of the previous page.",
                               examples=["eyJvIjogNTB9"]),
    sort: str = Query("date", description="date, killed or id; prefix - for descending.",
                      examples=["-killed"]),
) -> Page:
    if sort not in SORTS:
        raise HTTPException(400, f"sort={sort!r} is unknown; use one of {', '.join(SORTS)}")
    fp = _fingerprint(request, sort)
    offset = 0
    if cursor:
        try:
            data = json.loads(base64.urlsafe_b64decode(cursor.encode() + b"==="))
            offset, cfp = int(data["o"]), data["f"]
        except (ValueError, KeyError, TypeError):
            raise HTTPException(400, "cursor is malformed; pass the next_cursor of a previous page") from None
        if cfp != fp or offset < 0:
            raise HTTPException(400, "cursor belongs to other filters or sort; start again without cursor")
    return Page(limit, offset, sort, fp)


def _fingerprint(request: Request, sort: str) -> str:
    items = sorted((k, v) for k, v in request.query_params.multi_items() if k not in ("cursor", "limit"))
    return hashlib.sha1(json.dumps([request.url.path, sort, items]).encode()).hexdigest()[:12]


def _cursor(page: Page, n: int) -> str:
    raw = json.dumps({"o": page.offset + n, "f": page.fingerprint}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _paged(items: list, page: Page, dump) -> dict[str, Any]:
    more = len(items) > page.limit
    items = items[:page.limit]
    return {"items": [dump(x) for x in items], "count": len(items),
            "next_cursor": _cursor(page, len(items)) if more else None}


def _paged_raw(rows: list[str], page: Page) -> bytes:
    more = len(rows) > page.limit
    rows = rows[:page.limit]
    nxt = json.dumps(_cursor(page, len(rows))) if more else "null"
    return ('{"items":[' + ",".join(rows) + f'],"count":{len(rows)},"next_cursor":{nxt}}}').encode("utf-8")


def raw_records(store: Store, which: str, flt: EventFilter, *, limit: int, offset: int, order: str) -> list[str]:
    """The stored JSON of events or ledger events, unparsed: the list routes send it back
    as is (parsing 100 records into dataclasses cost ~20 ms of CPU per request)."""
    fn = store.events_json if which == "events" else store.ledger_json
    return fn(flt, limit=limit, offset=offset, order=order)


def _ok(example: Any, media: str = "application/json") -> dict:
    return {200: {"content": {media: {"example": example}}}}


# ---------------------------------------------------------------------- events and ledger


@router.get("/events", summary="Extracted events (one per article and incident)",
            responses=_ok(ex.EVENTS_PAGE))
def list_events(request: Request, flt: EventFilter = Depends(event_filter), page: Page = Depends(page_params),
                store: Store = Depends(get_store)):
    return cached_json(request, lambda: _paged_raw(raw_records(
        store, "events", flt, limit=page.limit + 1, offset=page.offset, order=page.sort), page))


@router.get("/events/{event_id}", summary="One extracted event with its article and ledger event",
            responses=_ok(ex.EVENT_DETAIL))
def get_event(event_id: str, store: Store = Depends(get_store)):
    return JSONResponse(event_detail(store, event_id))


@router.get("/ledger", summary="Ledger events: incidents corroborated across outlets",
            responses=_ok(ex.LEDGER_PAGE))
def list_ledger(request: Request, flt: EventFilter = Depends(event_filter), page: Page = Depends(page_params),
                store: Store = Depends(get_store)):
    return cached_json(request, lambda: _paged_raw(raw_records(
        store, "ledger", flt, limit=page.limit + 1, offset=page.offset, order=page.sort), page))


@router.get("/ledger/{ledger_id}", summary="One ledger event with all claims, verdicts and reference matches",
            responses=_ok(ex.LEDGER_DETAIL))
def get_ledger(ledger_id: str, store: Store = Depends(get_store)):
    return JSONResponse(ledger_detail(store, ledger_id))


def ledger_detail(store: Store, ledger_id: str) -> dict[str, Any]:
    le = store.get_ledger_event(ledger_id)
    keys = [f"{c.event_id}:{c.article_id}" for c in le.claims]
    art_ids = sorted({c.article_id for c in le.claims})
    verdicts = {v.subject: v.to_dict() for v in store.verdicts(keys + art_ids)}
    arts = {a.id: _article_summary(a) for a in store.iter_articles(ids=art_ids)}
    wanted = {m for v in verdicts.values() for m in v.get("reference_matches") or []}
    refs = [r for r in store.reference_records() if str(r.get("id")) in wanted] if wanted else []
    return {"event": le.to_dict(),
            "claim_verdicts": {k: verdicts[k] for k in keys if k in verdicts},
            "article_verdicts": {k: verdicts[k] for k in art_ids if k in verdicts},
            "articles": arts, "reference_records": refs}


def event_detail(store: Store, event_id: str) -> dict[str, Any]:
    ev = store.get_event(event_id)
    try:
        art = _article_summary(store.get_article(ev.article_id))
    except NotFoundError:
        art = None
    ledger_ids = [le.id for le in store.ledger(EventFilter(article_id=ev.article_id))
                  if any(c.event_id == ev.id for c in le.claims)]
    verdicts = {v.subject: v.to_dict() for v in store.verdicts([ev.article_id])}
    return {"event": ev.to_dict(), "article": art, "ledger_ids": ledger_ids,
            "article_verdict": verdicts.get(ev.article_id)}


# ---------------------------------------------------------------------- articles and outlets


def _article_summary(a: Article) -> dict[str, Any]:
    return {"id": a.id, "title": a.title, "source": a.source, "url": a.url, "published": a.published,
            "language": a.language, "reader": a.reader, "chars": len(a.body)}


@router.get("/articles", summary="Articles (without their bodies)", responses=_ok(ex.ARTICLES_PAGE))
def list_articles(
    outlet: str | None = Query(None, description="Outlet (source).", examples=["alalam"]),
    since: str | None = Query(None, description="Published on or after.", examples=["2013-01-01"]),
    until: str | None = Query(None, description="Published on or before.", examples=["2013-12-31"]),
    q: str | None = Query(None, max_length=200, description="Text search in title and body.",
                          examples=["Aleppo"]),
    page: Page = Depends(page_params), store: Store = Depends(get_store),
):
    # articles come by publication date, then id, whatever `sort` says
    items = store.articles(source=outlet.lower() if outlet else None,
                           since=_date_bound(since, "since", False), until=_date_bound(until, "until", True),
                           text_query=q or None, limit=page.limit + 1, offset=page.offset)
    return JSONResponse(_paged(items, page, _article_summary))


@router.get("/articles/{article_id}", summary="One article with every extracted span",
            responses=_ok(ex.ARTICLE_DETAIL))
def get_article(article_id: str, store: Store = Depends(get_store)):
    return JSONResponse(article_detail(store, article_id))


def article_detail(store: Store, article_id: str) -> dict[str, Any]:
    art = store.get_article(article_id)
    events = store.events(EventFilter(article_id=art.id))
    verdict = next(iter(store.verdicts([art.id])), None)
    return {"article": art.to_dict(), "spans": article_spans(art, events),
            "events": [e.id for e in events], "verdict": verdict.to_dict() if verdict else None}


def article_spans(art: Article, events: list[Event]) -> list[dict[str, Any]]:
    """Every extracted value with valid offsets into the body (the same list `warledger
    explain` prints): event evidence, every place named, loaded framing terms."""
    from ..explain import article_values

    return article_values(art, events)


@router.get("/articles/{article_id}/raw", summary="The raw input the article was read from",
            response_class=PlainTextResponse, responses=_ok("string(4) \"test\"", "text/plain"))
def get_article_raw(article_id: str, store: Store = Depends(get_store)):
    art = store.get_article(article_id)
    if art.raw.text is None:
        raise HTTPException(404, f"article {art.id} kept no raw text (source {art.raw.path!r}; "
                                 "raw inputs above raw_text_limit are kept by reference only)")
    # text/plain + nosniff: the raw HTML of a page is shown, never rendered
    return PlainTextResponse(art.raw.text, headers={"Content-Disposition": "inline"})


@router.get("/outlets", summary="Outlets with their article, event and claim counts",
            responses=_ok(ex.OUTLETS))
def list_outlets(store: Store = Depends(get_store)):
    from ..store import schema

    a, e, c = schema.articles, schema.events, schema.claims
    with store.engine.connect() as conn:
        arts = dict(conn.execute(select(a.c.source, func.count()).group_by(a.c.source)).all())
        evs = dict(conn.execute(select(a.c.source, func.count()).select_from(
            e.join(a, e.c.article_id == a.c.id)).group_by(a.c.source)).all())
        cls = dict(conn.execute(select(c.c.source, func.count()).group_by(c.c.source)).all())
    names = sorted(set(arts) | set(cls), key=lambda s: (s is None, s or ""))
    return JSONResponse({"items": [{"outlet": n, "articles": arts.get(n, 0), "events": evs.get(n, 0),
                                    "claims": cls.get(n, 0)} for n in names]})


# ---------------------------------------------------------------------- statistics


@router.get("/stats", summary="Counts and killed by day or week, by type and by governorate",
            responses=_ok(ex.STATS))
def stats(
    request: Request,
    interval: str = Query("week", pattern="^(day|week)$", description="day or week (weeks start Monday).",
                          examples=["week"]),
    view: str = Query("ledger", pattern="^(ledger|events)$", description="ledger or events.",
                      examples=["ledger"]),
    flt: EventFilter = Depends(event_filter), store: Store = Depends(get_store),
):
    return cached_json(request, lambda: compute_stats(
        store.ledger(flt) if view == "ledger" else store.events(flt), interval))


def period_start(d: str, interval: str) -> str | None:
    try:
        day = date.fromisoformat(d[:10])
    except (TypeError, ValueError):
        return None
    return (day - timedelta(days=day.weekday())).isoformat() if interval == "week" else day.isoformat()


def compute_stats(items: list, interval: str = "week") -> dict[str, Any]:
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_type: Counter = Counter()
    by_admin1: Counter = Counter()
    killed_total = undated = 0
    for it in items:
        k = it.killed.best or 0
        killed_total += k
        by_type[it.event_type or "unknown"] += 1
        by_admin1[it.place.admin1 or "unknown"] += 1
        p = period_start(it.date, interval) if it.date else None
        if p is None:
            undated += 1
            continue
        per[p][0] += 1
        per[p][1] += k
    return {"interval": interval, "events": len(items), "killed": killed_total, "undated": undated,
            "by_period": [{"period": p, "events": v[0], "killed": v[1]} for p, v in sorted(per.items())],
            "by_type": dict(by_type.most_common()), "by_admin1": dict(by_admin1.most_common())}


# ---------------------------------------------------------------------- export


@router.get("/export", summary="The filtered ledger (or events) as CSV, GeoJSON or Parquet",
            responses={200: {"content": {"text/csv": {"example": ex.CSV_EXAMPLE},
                                         "application/geo+json": {"example": ex.GEOJSON_EXAMPLE}}}})
def export_route(
    format: str = Query("csv", pattern="^(csv|geojson|parquet)$", description=", ".join(FORMATS),
                        examples=["geojson"]),
    view: str = Query("ledger", pattern="^(ledger|events)$", description="ledger or events.",
                      examples=["ledger"]),
    flt: EventFilter = Depends(event_filter), store: Store = Depends(get_store),
):
    data = export(store, format, flt, view=view)
    ext = {"csv": "csv", "geojson": "geojson", "parquet": "parquet"}[format]
    return Response(data, media_type=MEDIA_TYPES[format],
                    headers={"Content-Disposition": f'attachment; filename="warledger-{view}.{ext}"'})


# ---------------------------------------------------------------------- POST /api/articles


_POST_BODY = {
    "required": True,
    "content": {"application/json": {
        "schema": {"type": "object", "required": ["articles"], "properties": {"articles": {
            "type": "array", "maxItems": MAX_POST_ARTICLES, "items": {
                "type": "object", "required": ["title", "body"],
                "properties": {k: {"type": "string"} for k in
                               ("title", "body", "source", "url", "published", "language")}}}}},
        "example": ex.POST_ARTICLES,
    }},
}


@router.post("/articles", summary="Push new reports: ingest, extract, corroborate and verify them",
             status_code=201, openapi_extra={"requestBody": _POST_BODY},
             responses={201: {"content": {"application/json": {"example": ex.POST_RESULT}}}})
async def post_articles(request: Request):
    check_token(request)
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_POST_BYTES:
        raise HTTPException(413, f"request body is {declared} bytes; the limit is {MAX_POST_BYTES}: "
                                 "send fewer articles per request")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_POST_BYTES:
            raise HTTPException(413, f"request body exceeds {MAX_POST_BYTES} bytes: send fewer "
                                     "articles per request")
    items = parse_posted(bytes(body))
    store: Store = request.app.state.store
    from starlette.concurrency import run_in_threadpool

    result = await run_in_threadpool(ingest_posted_articles, store, items)
    request.app.state.cache.clear()
    return JSONResponse(result, status_code=201)


def check_token(request: Request) -> None:
    """Writes need the configured token, compared in constant time."""
    expected: str | None = request.app.state.write_token
    if not expected:
        raise HTTPException(403, "this server is read-only; start it with --write-token "
                                 "(or WARLEDGER_WRITE_TOKEN) to accept POST /api/articles")
    auth = request.headers.get("authorization", "")
    given = auth[7:].strip() if auth.lower().startswith("bearer ") else request.headers.get("x-warledger-token", "")
    if not given:
        raise HTTPException(401, "missing token: send 'Authorization: Bearer <token>'")
    if not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise HTTPException(403, "wrong token")


def parse_posted(body: bytes) -> list[dict[str, Any]]:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise HTTPException(400, f"body is not UTF-8 JSON ({exc}); send {{\"articles\": [...]}}") from None
    items = data.get("articles") if isinstance(data, dict) else data
    if not isinstance(items, list) or not items:
        raise HTTPException(422, "body must be {\"articles\": [{\"title\": ..., \"body\": ...}, ...]}")
    if len(items) > MAX_POST_ARTICLES:
        raise HTTPException(413, f"{len(items)} articles in one request; the limit is {MAX_POST_ARTICLES}")
    out = []
    for i, it in enumerate(items):
        if not isinstance(it, dict):
            raise HTTPException(422, f"articles[{i}] is not an object")
        for k in ("title", "body"):
            if not isinstance(it.get(k), str) or not it[k].strip():
                raise HTTPException(422, f"articles[{i}].{k} is missing or empty")
        for k in ("source", "url", "published", "language"):
            if it.get(k) is not None and not isinstance(it[k], str):
                raise HTTPException(422, f"articles[{i}].{k} must be a string")
        if len(it["body"]) + len(it["title"]) > MAX_ARTICLE_CHARS:
            raise HTTPException(413, f"articles[{i}] has more than {MAX_ARTICLE_CHARS} characters")
        out.append({k: it.get(k) for k in ("title", "body", "source", "url", "published", "language")})
    return out


def ingest_posted_articles(store: Store, items: list[dict[str, Any]]) -> dict[str, Any]:
    """Pushed reports go through the same JSON Lines reader (cleaning, ids, datelines) as
    files do, then `pipeline.run_articles`: extract → corroborate → verify."""
    from .. import pipeline
    from ..ingest import Document, ReadOptions, read_document

    data = "".join(json.dumps(it, ensure_ascii=False) + "\n" for it in items).encode("utf-8")
    doc = Document.from_bytes("api:POST /api/articles", data)
    results = list(read_document(doc, ReadOptions(), format="jsonl"))
    articles = [r for r in results if isinstance(r, Article)]
    rejected = [r.to_dict() for r in results if not isinstance(r, Article)]
    report = pipeline.run_articles(store, articles, origin="api:POST /api/articles")
    return {"ids": [a.id for a in articles], "rejected": rejected, "report": report.to_dict()}

