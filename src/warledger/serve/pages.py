"""The HTML pages: the ledger (map, timeline, table), event pages and article pages.

Server-rendered with Jinja2 (autoescaping on: article text is untrusted) and a little
vanilla JS in static/app.js; each page reads the same functions as its /api/ twin.
"""
from __future__ import annotations

import html
import json
import math
from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ..records import Count, LedgerEvent
from ..store import EventFilter, Store
from . import api
from .app import HERE
from .borders import XSCALE, load_borders, project, svg_paths

router = APIRouter(include_in_schema=False)

env = Environment(loader=FileSystemLoader(HERE / "templates"),
                  autoescape=select_autoescape(["html", "svg"], default=True))

MAX_ROWS = 3000  # table rows and markers drawn at once; the rest are one export away
KINDS = ("place", "date", "number", "casualty", "actor", "claimant", "weapon", "trigger", "framing")
TYPE_COLOURS = {
    "Battles": "#d62728", "Explosions/Remote violence": "#ff7f0e", "Violence against civilians": "#9467bd",
    "Strategic developments": "#2ca02c", "Protests": "#1f77b4", "Riots": "#8c564b",
}
OTHER_COLOUR = "#7f7f7f"
SYRIA_BBOX = (35.6, 32.3, 42.4, 37.4)


def render(name: str, request: Request, **ctx: Any) -> HTMLResponse:
    tpl = env.get_template(name)
    return HTMLResponse(tpl.render(request=request, kinds=KINDS, **ctx))


def error_page(request: Request, status: int, message: str) -> str:
    return env.get_template("error.html").render(request=request, status=status, message=message)


# ---------------------------------------------------------------------- the ledger page


@router.get("/", response_class=HTMLResponse)
def index(request: Request, flt: EventFilter = Depends(api.event_filter),
          view: str = Query("ledger", pattern="^(ledger|events)$"),
          colour: str = Query("type", pattern="^(type|credibility)$"),
          interval: str = Query("auto", pattern="^(auto|day|week)$")):
    store: Store = request.app.state.store
    # the period is brushed in the browser (it filters map and table at once), so the
    # server leaves date_from/date_to to the page and draws the whole timeline
    brush = (flt.date_from, flt.date_to)
    flt.date_from = flt.date_to = None
    if view == "ledger":
        items = store.ledger(flt, limit=MAX_ROWS + 1)
        if not items and not _filtered(flt) and store.events(limit=1):
            view, items = "events", store.events(flt, limit=MAX_ROWS + 1)  # not corroborated yet
    else:
        items = store.events(flt, limit=MAX_ROWS + 1)
    truncated = len(items) > MAX_ROWS
    items = items[:MAX_ROWS]
    rows = [_row(it, view) for it in items]
    stats = api.compute_stats(items, "week")
    query = {k: v for k, v in request.query_params.items() if v and k not in ("date_from", "date_to")}
    empty_store = not items and not _filtered(flt) and not store.articles(limit=1)
    return render("index.html", request, rows=rows, view=view, colour=colour, flt=flt, query=query,
                  brush=brush, truncated=truncated, max_rows=MAX_ROWS, stats=stats,
                  map=map_svg(rows), timeline=timeline(rows, interval), empty_store=empty_store,
                  type_colours=TYPE_COLOURS, other_colour=OTHER_COLOUR,
                  api_query=_qs(request, drop=()))


def _filtered(flt: EventFilter) -> bool:
    return any(getattr(flt, k) not in (None, False) for k in flt.__dataclass_fields__)


def _qs(request: Request, drop=("cursor",)) -> str:
    from urllib.parse import urlencode

    items = [(k, v) for k, v in request.query_params.multi_items()
             if v and k not in drop and k not in ("colour", "interval")]
    return urlencode(items)


def _row(it, view: str) -> dict[str, Any]:
    is_ledger = isinstance(it, LedgerEvent)
    sources = sorted({c.source for c in it.claims if c.source}) if is_ledger else []
    cred = it.credibility if is_ledger else None
    return {"id": it.id, "date": it.date or "", "admin1": it.place.admin1 or "",
            "place": it.place.name or it.place.gazetteer_name or it.place.admin1 or "",
            "lat": it.place.lat, "lon": it.place.lon, "type": it.event_type or "",
            "actor1": it.actor1 or "", "actor2": it.actor2 or "", "killed": it.killed,
            "killed_best": it.killed.best, "sources": sources,
            "n_sources": it.n_sources if is_ledger else 1, "credibility": cred,
            "type_colour": TYPE_COLOURS.get(it.event_type or "", OTHER_COLOUR),
            "cred_colour": credibility_colour(cred), "view": view}


def credibility_colour(score: float | None) -> str:
    """Red (0) → amber (0.5) → green (1); grey when unscored."""
    if score is None:
        return OTHER_COLOUR
    s = min(1.0, max(0.0, score))
    if s < 0.5:
        a, b, t = (0xd7, 0x30, 0x27), (0xfe, 0xc4, 0x4f), s / 0.5
    else:
        a, b, t = (0xfe, 0xc4, 0x4f), (0x1a, 0x98, 0x50), (s - 0.5) / 0.5
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b))


def fmt_count(c: Count | None) -> str:
    """'12 (10–15)', '12', 'unquantified' or '–'."""
    if c is None or (c.best is None and c.low is None and c.high is None):
        return "unquantified" if c is not None and c.unquantified else "–"
    best = c.best if c.best is not None else c.low
    lo, hi = c.low, c.high
    if (lo is None or lo == best) and (hi is None or hi == best):
        return str(best)
    return f"{best} ({'' if lo is None else lo}–{'' if hi is None else hi})"


def http_url(url: str | None) -> str:
    """The URL when it is http(s), else '' (a javascript: link in a feed must not become a link)."""
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else ""


env.filters["count"] = fmt_count
env.filters["http_url"] = http_url


# ---------------------------------------------------------------------- map


def map_svg(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Everything the map template draws: viewBox, border paths, markers (projected)."""
    pts = [(r["lon"], r["lat"]) for r in rows if r["lat"] is not None and r["lon"] is not None]
    if pts:
        # fit the bulk of the events, not the outliers: one "Aleppo" geocoded to another
        # continent would otherwise zoom the whole map out to the world
        w, e = _robust_range([p[0] for p in pts])
        s, n = _robust_range([p[1] for p in pts])
    else:
        w, s, e, n = SYRIA_BBOX
    cx, cy = (w + e) / 2, (s + n) / 2
    half_w = max((e - w) / 2 * 1.15, 3.5)
    half_h = max((n - s) / 2 * 1.15, 2.5)
    if half_w * XSCALE / half_h < 4 / 3:  # a fixed 4:3 frame, whatever the data's shape
        half_w = 4 / 3 * half_h / XSCALE
    else:
        half_h = half_w * XSCALE * 3 / 4
    w, e, s, n = cx - half_w, cx + half_w, cy - half_h, cy + half_h
    x0, y0 = project(w, n)
    x1, y1 = project(e, s)
    vb = (x0, y0, x1 - x0, y1 - y0)
    unit = vb[3] / 150  # marker radius unit: 1/150 of the view's height
    markers = []
    for r in sorted((r for r in rows if r["lat"] is not None and r["lon"] is not None),
                    key=lambda r: -(r["killed_best"] or 0)):
        x, y = project(r["lon"], r["lat"])
        k = r["killed_best"] or 0
        markers.append({**r, "x": round(x, 3), "y": round(y, 3),
                        "r": round(unit * min(5.0, 0.8 + math.sqrt(k) * 0.3), 3)})
    pad = 25.0
    countries = [(name, d) for (name, d), bb in zip(svg_paths()["countries"], _country_bboxes())
                 if bb[0] <= e + pad and bb[2] >= w - pad and bb[1] <= n + pad and bb[3] >= s - pad]
    return {"viewbox": " ".join(f"{v:.3f}" for v in vb), "countries": countries,
            "admin1": svg_paths()["admin1"], "markers": markers, "unit": round(unit, 4),
            "located": len(markers), "unlocated": len(rows) - len(markers)}


def _robust_range(values: list[float]) -> tuple[float, float]:
    v = sorted(values)
    if len(v) < 20:
        return v[0], v[-1]
    # drop 5% at each end: in the FA-KES ledger ~4% of events sit in Washington, Moscow or
    # Europe (statements geocoded to the capital that made them)
    k = len(v) // 20
    return v[k], v[-1 - k]


_BBOXES: list[tuple[float, float, float, float]] | None = None


def _country_bboxes() -> list[tuple[float, float, float, float]]:
    global _BBOXES
    if _BBOXES is None:
        out = []
        for f in load_borders()["countries"]:
            xs = [p[0] for r in f["rings"] for p in r] or [0.0]
            ys = [p[1] for r in f["rings"] for p in r] or [0.0]
            out.append((min(xs), min(ys), max(xs), max(ys)))
        _BBOXES = out
    return _BBOXES


# ---------------------------------------------------------------------- timeline


def timeline(rows: list[dict[str, Any]], interval: str = "auto") -> dict[str, Any]:
    """Bars of killed and ticks of event counts per day or week, with an even time axis."""
    days = sorted(date.fromisoformat(r["date"][:10]) for r in rows if _is_date(r["date"]))
    if not days:
        return {"bars": [], "interval": "week", "ticks": []}
    span = (days[-1] - days[0]).days
    if interval == "auto":
        interval = "day" if span <= 120 else "week"
    step = 1 if interval == "day" else 7
    start = days[0] if interval == "day" else days[0] - timedelta(days=days[0].weekday())
    n_bins = span // step + 2
    killed = [0] * n_bins
    count = [0] * n_bins
    for r in rows:
        if not _is_date(r["date"]):
            continue
        i = (date.fromisoformat(r["date"][:10]) - start).days // step
        killed[i] += r["killed_best"] or 0
        count[i] += 1
    while n_bins > 1 and not count[n_bins - 1]:
        n_bins -= 1
    killed, count = killed[:n_bins], count[:n_bins]
    # x in percent of the width (the SVG has no viewBox, so labels keep their size at any
    # width); y in pixels of a fixed-height chart
    H = 160.0
    bw = 100.0 / n_bins
    kmax, cmax = max(killed) or 1, max(count) or 1
    bars = []
    for i in range(n_bins):
        d0 = start + timedelta(days=i * step)
        d1 = d0 + timedelta(days=step - 1)
        kh = math.sqrt(killed[i] / kmax) * (H - 10)  # square root: one massacre must not flatten the rest
        bars.append({"x": round(i * bw, 4), "w": round(bw * 0.85, 4), "cx": round((i + 0.5) * bw, 4),
                     "h": round(kh, 2), "y": round(14 + H - kh, 2),
                     "cy": round(14 + H - count[i] / cmax * (H - 10), 2),
                     "start": d0.isoformat(), "end": d1.isoformat(), "killed": killed[i], "events": count[i]})
    end = start + timedelta(days=n_bins * step - 1)
    return {"bars": bars, "interval": interval, "ticks": _ticks(start, end, 100.0), "height": H,
            "base": 14 + H, "start": start.isoformat(), "end": end.isoformat(), "kmax": kmax, "cmax": cmax}


def _is_date(s: str) -> bool:
    try:
        date.fromisoformat(s[:10])
        return True
    except (TypeError, ValueError):
        return False


def _ticks(start: date, end: date, width: float) -> list[dict[str, Any]]:
    total = max((end - start).days + 1, 1)
    out = []
    if total > 400:  # years
        for y in range(start.year + 1, end.year + 1):
            d = date(y, 1, 1)
            out.append({"x": round((d - start).days / total * width, 1), "label": str(y)})
    else:  # months
        y, m = start.year, start.month
        while True:
            m += 1
            if m > 12:
                y, m = y + 1, 1
            d = date(y, m, 1)
            if d > end:
                break
            out.append({"x": round((d - start).days / total * width, 1), "label": d.strftime("%b %Y")})
    return out


# ---------------------------------------------------------------------- event pages


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str):
    from ..errors import NotFoundError

    store: Store = request.app.state.store
    try:
        detail = api.ledger_detail(store, event_id)
    except NotFoundError:
        detail = None
    if detail is not None:
        le = LedgerEvent.from_dict(detail["event"])
        claims = []
        for c in le.claims:
            v = detail["claim_verdicts"].get(f"{c.event_id}:{c.article_id}")
            art = detail["articles"].get(c.article_id)
            claims.append({"claim": c, "verdict": v, "article": art,
                           "article_verdict": detail["article_verdicts"].get(c.article_id)})
        return render("ledger_event.html", request, le=le, claims=claims, detail=detail,
                      cred_colour=credibility_colour(le.credibility),
                      refs=detail["reference_records"])
    d = api.event_detail(store, event_id)  # raises NotFoundError → 404 page
    from ..records import Event

    ev = Event.from_dict(d["event"])
    return render("event.html", request, ev=ev, detail=d)


# ---------------------------------------------------------------------- article pages


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, outlet: str | None = None, q: str | None = Query(None, max_length=200),
                  page: api.Page = Depends(api.page_params)):
    store: Store = request.app.state.store
    items = store.articles(source=outlet.lower() if outlet else None, text_query=q or None,
                           limit=page.limit + 1, offset=page.offset)
    data = api._paged(items, page, api._article_summary)
    return render("articles.html", request, data=data, outlet=outlet or "", q=q or "",
                  api_query=_qs(request, drop=()))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str):
    store: Store = request.app.state.store
    d = api.article_detail(store, article_id)
    from ..records import Article

    art = Article.from_dict(d["article"])
    body = highlight(art.body, d["spans"])
    counts: dict[str, int] = {}
    for s in d["spans"]:
        counts[s["kind"]] = counts.get(s["kind"], 0) + 1
    return render("article.html", request, art=art, body=body, detail=d, counts=counts)


def highlight(text: str, spans: list[dict[str, Any]]) -> Markup:
    """The body as HTML with each span wrapped in <mark class="k-KIND">; all text escaped.

    Spans nest (a number inside a casualty phrase); a span that crosses another's edge is
    left out rather than producing broken markup.
    """
    opens: dict[int, list[dict]] = {}
    stack: list[dict] = []
    kept: list[dict] = []
    for s in sorted(spans, key=lambda d: (d["start"], -d["end"])):
        while stack and stack[-1]["end"] <= s["start"]:
            stack.pop()
        if stack and s["end"] > stack[-1]["end"]:
            continue  # partial overlap
        stack.append(s)
        kept.append(s)
        opens.setdefault(s["start"], []).append(s)
    closes: dict[int, int] = {}
    for s in kept:
        closes[s["end"]] = closes.get(s["end"], 0) + 1
    bounds = sorted({0, len(text)} | set(opens) | set(closes))
    out: list[str] = []
    for i, pos in enumerate(bounds):
        out.append("</mark>" * closes.get(pos, 0))
        for s in opens.get(pos, []):
            kind = s["kind"] if s["kind"] in KINDS else "other"
            out.append(f'<mark class="k-{kind}" tabindex="0" data-tip="{html.escape(_tip(s), quote=True)}">')
        if i + 1 < len(bounds):
            out.append(html.escape(text[pos:bounds[i + 1]], quote=False))
    return Markup("".join(out))


def _tip(s: dict[str, Any]) -> str:
    value = s.get("value")
    shown = json.dumps(value, ensure_ascii=False, sort_keys=True) if value else "(no parsed value)"
    return f"{s['kind']}" + (f" · {s['label']}" if s.get("label") else "") + f": {shown}"
