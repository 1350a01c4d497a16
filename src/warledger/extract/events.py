"""Assembles Events from one article's mentions: figures, dates, places, actors, triggers.

Each sentence (and the title) with a counted casualty, or with a strong trigger plus a place or
a date, is a candidate; candidates reporting the same incident (the headline's "kills 16" and
the body's "at least 16 people were killed") merge into one Event. Title evidence carries
offsets into the title and ``value["field"] == "title"``; body evidence offsets into the body.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from typing import Any, Callable

from ..records import Article, Count, Event, Mention, Place, Span, content_id
from .actors import agent_score, category, find_actors, find_claimants, reporting_verb_near
from . import context
from .casualties import Casualty, find_casualties
from .lexicon import load
from .nonevents import not_agent, screen_units
from .numbers import number_starts
from .dates import DateMention, find_dates, parse_dateline, parse_published
from .text import sentences
from .types import best_trigger, classify, in_context, find_triggers, find_triggers_spans

PlaceFinder = Callable[..., list]
_UNNAMED = set(load("actors.json")["unnamed"]["words"])
_PROGOV = frozenset(load("actors.json")["pro_government_outlets"]["sources"])
_KIND_RANK = {"locality": 0, "landmark": 1, "district": 2, "governorate": 3, "country": 5}


@dataclass(slots=True)
class Unit:
    """A sentence of the body, or the title, with what was found in it."""

    field: str  # "title" | "body"
    text: str  # the whole field's text (offsets index into it)
    start: int
    end: int
    index: int  # sentence number in the body (-1 for the title)
    casualties: list[Casualty] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    places: list[Any] = field(default_factory=list)
    triggers: list = field(default_factory=list)
    dates_done: bool = False
    skip_to: int = 0  # the dateline's end: no event date before it
    pub: date | None = None  # publication day, for resolving the unit's dates (``_dates``)
    low: str | None = None  # the whole field's lower case when it is ASCII (same offsets)
    claims: list | None = None  # claimant hits beside a reporting verb (``_claims``), once found


@dataclass(slots=True)
class Candidate:
    units: list[Unit]
    killed: Count
    injured: Count
    victims: dict[str, Count]
    victim_sides: dict[str, str]
    fatal: bool
    evidence: list[Mention] = field(default_factory=list)
    date: str | None = None
    date_precision: str | None = None
    date_basis: str | None = None
    place: Place | None = None
    place_rank: int = 9
    actor1: str | None = None
    actor1_score: float = 0.0
    actor2: str | None = None
    claimed_by: list[str] = field(default_factory=list)
    trigger: Any = None
    title: bool = False
    date_from_report: bool = False  # only a reporting day ("said on Monday") dated it
    part: bool = False  # its figures break down a toll given before ("Six children were among the dead")


def extract_article(article: Article, *, find_places: PlaceFinder | None = None) -> list[Event]:
    """The events one article reports, the headline event first and marked primary."""
    finder = find_places or _default_finder()
    body, title = article.body or "", article.title or ""
    pub = parse_published(article.published)
    dl = parse_dateline(body)
    if pub is None and dl is not None:
        pub = dl[0]
    skip_to = dl[1] if dl and dl[1] < 120 else 0  # the dateline is not an event date
    body_places = _safe_places(finder, body, title)
    title_places = _safe_places(finder, title, None) if title else []

    units: list[Unit] = []
    if title.strip():
        units.append(_unit("title", title, 0, len(title), -1, pub, title_places, 0,
                           find_triggers(title, 0, len(title)), None, title.lower() if title.isascii() else None))
    spans = sentences(body)
    nums = number_starts(body)
    body_low = body.lower() if body.isascii() else None  # same offsets: Unit.low
    placed = _places_by_span(body_places, spans)
    k, n = 0, len(nums)
    for i, ((s, e), trig) in enumerate(zip(spans, find_triggers_spans(body, spans))):
        while k < n and nums[k] < s:
            k += 1
        j = k
        while j < n and nums[j] < e:
            j += 1
        # _unit(..., in_span=True), inlined: this runs once per sentence
        units.append(Unit("body", body, s, e, i, find_casualties(body, s, e, [p - s for p in nums[k:j]]),
                          places=placed[i], triggers=trig, skip_to=skip_to, pub=pub, low=body_low))
        k = j
    screen_units(units)  # accidents, money, hedges, false triggers (nonevents.py)

    progov = (article.source or "").lower() in _PROGOV
    cands: list[Candidate] = []
    for u in units:
        c = _candidate(article.id, u, units, pub, progov)
        if c is not None:
            cands.append(c)
    events = _merge(cands)
    countries = [p for p in body_places if getattr(p, "kind", "") == "country" and not _dateline(p)]
    title_countries = [p for p in title_places if getattr(p, "kind", "") == "country"]
    return _finish(article, events, units, pub, (countries, title_countries))


def _default_finder() -> PlaceFinder:
    try:
        from . import places  # the gazetteer helper's module
        return places.find_places
    except Exception:  # not shipped yet, or its data is missing: no places
        return lambda text, title=None: []


def _safe_places(finder: PlaceFinder, text: str, title: str | None) -> list:
    if not text:
        return []
    try:
        return list(finder(text, title=title) if title is not None else finder(text))
    except TypeError:
        return list(finder(text))


def _unit(fld: str, text: str, s: int, e: int, idx: int, pub: date | None, places: list, skip_to: int,
          triggers: list, nums: list[int] | None = None, low: str | None = None,
          in_span: bool = False) -> Unit:
    """``in_span``: ``places`` are already the unit's own (``_places_by_span``)."""
    u = Unit(fld, text, s, e, idx, skip_to=skip_to)
    u.casualties = find_casualties(text, s, e, nums)
    u.places = places if in_span else _own_places(places, s, e)
    u.triggers = triggers
    u.pub = pub
    u.low = low
    return u


def _dates(u: Unit) -> list[DateMention]:
    """The unit's dates, found when first asked for (dates are the slow part; most sentences
    never need theirs)."""
    if not u.dates_done:
        u.dates = [d for d in find_dates(u.text, u.start, u.end, published=u.pub) if d.start >= u.skip_to]
        u.dates_done = True
    return u.dates


def _own_places(places: list, s: int, e: int) -> list:
    return [p for p in places if s <= p.start and p.end <= e and getattr(p, "kind", "") != "country"]


def _places_by_span(places: list, spans: list[tuple[int, int]]) -> list[list]:
    """``_own_places`` for each of the sorted, disjoint sentence spans, in one pass: a mention
    lies inside at most the last span starting at or before it."""
    if not places:
        return [[] for _ in spans]
    if any(not (p.start < p.end) for p in places):  # an empty mention could sit on two edges
        return [_own_places(places, s, e) for s, e in spans]
    out: list[list] = [[] for _ in spans]
    starts = [s for s, _ in spans]
    for p in places:
        if getattr(p, "kind", "") == "country":
            continue
        k = bisect_right(starts, p.start) - 1
        if k >= 0 and p.end <= spans[k][1]:
            out[k].append(p)
    return out


def _mention(article_id: str, u: Unit, kind: str, s: int, e: int, value: dict, label: str) -> Mention:
    """``value`` is the caller's own fresh dict: it is kept (with ``field`` added), not copied."""
    value["field"] = u.field
    return Mention(kind=kind, span=Span(article_id, s, e, u.text[s:e], field=u.field), value=value, label=label)


def _sum(counts: list[Count]) -> Count:
    if not counts:
        return Count()
    if len(counts) == 1:
        return counts[0]
    if all(c.unquantified for c in counts):
        return Count(unquantified=True, qualifier="unquantified")
    counts = [c for c in counts if not c.unquantified]
    best = sum(c.best or 0 for c in counts)
    low = sum(c.low for c in counts) if all(c.low is not None for c in counts) else None
    high = sum(c.high for c in counts) if all(c.high is not None for c in counts) else None
    return Count(low=low, best=best, high=high, qualifier="sum")


def _count(c: Casualty) -> Count:
    q = c.qty
    return Count(low=q.low, best=q.best, high=q.high, qualifier=q.qualifier, unquantified=q.unquantified)


def _candidate(aid: str, u: Unit, units: list[Unit], pub: date | None, progov: bool = False) -> Candidate | None:
    if not u.casualties and not u.triggers:
        return None  # most sentences: no figure and no trigger, so no event (the check below)
    live = [c for c in u.casualties if c.status == "event" and c.outcome in ("killed", "injured")]
    if not live:
        strong = [t for t in u.triggers if not t.weak]
        # a non-fatal event: a strong trigger with a place or a date, nothing hypothetical
        blocked = any(c.status != "event" for c in u.casualties)
        if u.field == "title" and not blocked and strong and u.places and not _hedged(u):
            pass  # a headline without a figure: it may still say where the headline event was
        elif u.field == "title" or blocked or not strong or not (u.places or [d for d in _dates(u) if not d.reporting]):
            return None
        if _hedged(u):
            return None
    if progov:  # "120 militants" in Al-Alam are the armed opposition
        for c in live:
            if c.group == "combatants" and c.side is None and c.noun in _UNNAMED:
                c.side = "Armed opposition"
    live, twin = _dedupe(live)
    # a repeated figure's breakdowns belong to the one kept: "Shelling in West Aleppo left 11
    # people dead on Friday ... Eleven people including a woman and child were killed"
    alias: dict[int, int] = {}
    if twin:
        index = {id(c): i for i, c in enumerate(u.casualties)}
        alias = {index[d]: index[k] for d, k in twin.items()}
    killed_top = [c for c in live if c.outcome == "killed" and c.parent is None]
    injured_top = [c for c in live if c.outcome == "injured" and c.parent is None]
    victims: dict[str, list[Count]] = {}
    sides: dict[str, int] = {}
    top_ids = {id(c) for c in killed_top}  # identity: equal figures sit at distinct offsets
    for i, c in enumerate(u.casualties):
        if id(c) not in top_ids:
            continue
        kids, seen_kids = [], set()
        for k in u.casualties:
            if k.parent is not None and (k.parent == i or alias.get(k.parent) == i) and k.outcome == "killed" \
                    and (k.group, k.qty.best) not in seen_kids:
                seen_kids.add((k.group, k.qty.best))
                kids.append(k)
        g = c.group or "people"
        if g == "people":
            spec = [k for k in kids if k.group in ("civilians", "combatants")]
            if not spec:
                victims.setdefault("civilians", []).append(_count(c))
        elif g in ("children", "women"):
            victims.setdefault("civilians", []).append(_count(c))
            victims.setdefault(g, []).append(_count(c))
        else:
            victims.setdefault(g, []).append(_count(c))
            if g == "combatants" and c.side:
                sides[c.side] = sides.get(c.side, 0) + (c.qty.best or 0)
        for k in kids:
            if k.group in ("children", "women", "civilians", "combatants"):
                victims.setdefault(k.group, []).append(_count(k))
                if k.group in ("children", "women") and g not in ("people", "civilians", "children", "women"):
                    victims.setdefault("civilians", []).append(_count(k))
                if k.group == "combatants" and k.side:
                    sides[k.side] = sides.get(k.side, 0) + (k.qty.best or 0)
    cand = Candidate(
        units=[u], killed=_sum([_count(c) for c in killed_top]),
        injured=_sum([_count(c) for c in injured_top]),
        victims={k: _sum(v) for k, v in victims.items()},
        victim_sides=({"combatants": max(sides, key=sides.get)} if sides else {}),
        fatal=bool(killed_top), title=u.field == "title",
        part=bool(killed_top) and all("part" in c.notes for c in killed_top),
    )
    for c in live:
        label = c.outcome or "casualty"
        cand.evidence.append(_mention(aid, u, "casualty", c.start, c.end, {
            "low": c.qty.low, "best": c.qty.best, "high": c.qty.high, "qualifier": c.qty.qualifier,
            "unquantified": c.qty.unquantified, "group": c.group, "side": c.side,
            "breakdown_of": c.parent}, label))
    _date(aid, cand, u, live)
    _place(aid, cand, u, live, units[0].places if units[0].field == "title" else None)  # the title comes first
    _actors(aid, cand, u, live, units)
    _claimants(aid, cand, u, units)
    cand.trigger = in_context(best_trigger(u.triggers, fatal=cand.fatal), u.triggers, u.text,
                              {k: v.best or v.unquantified for k, v in cand.victims.items()}, cand.fatal)
    if cand.trigger is not None:
        t = cand.trigger
        cand.evidence.append(_mention(aid, u, "trigger", t.start, t.end, {"trigger": t.text.lower()}, "trigger"))
    return cand


def _dedupe(live: list[Casualty]) -> tuple[list[Casualty], dict[int, int]]:
    """A figure repeated in one run-on sentence counts once: FA-KES often repeats the lede
    without a full stop ("... on Wednesday Seven civilians were killed ..."). Also gives
    id(dropped) -> id(kept) for each repeat dropped."""
    seen: dict[tuple, Casualty] = {}
    twin: dict[int, Casualty] = {}
    for c in live:
        if c.parent is not None or c.qty.best is None:
            continue
        key = (c.qty.best, c.group or "people", c.outcome)
        if key in seen:
            twin[id(c)] = seen[key]
        else:
            seen[key] = c
    if not twin:
        return live, {}
    return [c for c in live if id(c) not in twin], {d: id(k) for d, k in twin.items()}


_HEDGE = re.compile(r"\b(?:could|would|might|may|will|plans?|threat|warn|denied|deny)\w*\b", re.I)


def _hedged(u: Unit) -> bool:
    # on the slice, not (pos, endpos): "\b" at a sentence's first letter must not see the text before it
    return _HEDGE.search(u.text[u.start:u.end]) is not None


def _anchor(live: list[Casualty], u: Unit) -> int:
    return live[0].start if live else u.start


def _date(aid: str, cand: Candidate, u: Unit, live: list[Casualty]) -> None:
    if not _dates(u):
        return
    a = _anchor(live, u)
    pool = [d for d in u.dates if not d.reporting and d.precision in ("day", "window")] or \
           _past_period(u.dates, u.pub) or [d for d in u.dates if d.precision in ("day", "window")]
    if not pool:
        return
    d = min(pool, key=lambda d: abs(d.start - a))
    cand.date, cand.date_precision, cand.date_basis = d.date, d.precision, d.basis
    cand.date_from_report = d.reporting
    cand.evidence.append(_mention(aid, u, "date", d.start, d.end,
                                  {"date": d.date, "precision": d.precision, "basis": d.basis}, "event_date"))


def _past_period(dates: list[DateMention], pub: date | None) -> list[DateMention]:
    """A month or week before publication, when the sentence names no event day: "sarin gas
    killed hundreds of civilians in Ghouta near Damascus in August 2013", "ISIL terrorists
    beheaded eight Syrian militants ... last week ... a monitor said Monday" (issue 3: such
    background events were dated on the dateline or the day of the statement)."""
    if pub is None:
        return []
    first = pub.replace(day=1).isoformat()
    return [d for d in dates if not d.reporting and (
        (d.precision == "month" and d.date < first) or (d.precision == "week" and d.date < pub.isoformat()))]


def _period(c: Candidate) -> bool:
    return c.date_precision in ("week", "month")


def _background(c: Candidate, pub: date | None) -> bool:
    """Dated by its own sentence to a month well before publication (``_past_period``); not
    "last week" or "during April" in a May article, often the very topic of the report."""
    return pub is not None and c.date_precision == "month" and c.date is not None \
        and c.date < (pub - timedelta(days=45)).isoformat()


def _place_rank(p: Any) -> int:
    return _KIND_RANK.get(getattr(p, "kind", None) or "", 4)


def _dateline(p: Any) -> bool:
    """Where the reporter filed ("BEIRUT (Reuters) -"), not necessarily where it happened."""
    return bool(getattr(p, "dateline", False))


def _real(places: list) -> list:
    return [p for p in places if not _dateline(p)]


def _place(aid: str, cand: Candidate, u: Unit, live: list[Casualty], title_places: list | None = None) -> None:
    own = _real(u.places)
    if not own:  # nothing, or only the dateline: _inherit_place looks further first
        return
    a = _anchor(live, u)
    p = min(own, key=lambda p: (_place_rank(p), abs(p.start - a)))
    # a weak locality match in another governorate than the sure places around it is likely a
    # namesake: "al-Maleh north of Aleppo" is not the Malah of As-Sweida
    sure = [x for x in own + _real(title_places or []) if (_score(x) or 0) >= 0.9 and _admin1(x)]
    if (_score(p) or 1.0) < 0.7 and sure and _admin1(p) not in {_admin1(x) for x in sure}:
        inside = [x for x in own if _admin1(x) in {_admin1(y) for y in sure}]
        if inside:
            p = min(inside, key=lambda x: (_place_rank(x), abs(x.start - a)))
    _set_place(aid, cand, u, p)


def _score(p: Any) -> float | None:
    return getattr(p, "score", None)


def _admin1(p: Any) -> str | None:
    return getattr(getattr(p, "place", None), "admin1", None)


_PLACE_FIELDS = tuple(f.name for f in fields(Place))
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _place_dict(pl: Any) -> dict:
    """``pl.to_dict()``; a Place of plain values (the usual case) without the generic walk."""
    if type(pl) is Place:
        vals = [getattr(pl, f) for f in _PLACE_FIELDS]
        if all(type(v) in _SCALARS for v in vals):
            return dict(zip(_PLACE_FIELDS, vals))
    return pl.to_dict() if hasattr(pl, "to_dict") else {}


def _set_place(aid: str, cand: Candidate, u: Unit, p: Any, label: str = "location") -> None:
    cand.place = p.place
    cand.place_rank = _place_rank(p)
    val = _place_dict(p.place)
    val.update({"kind": getattr(p, "kind", None), "score": getattr(p, "score", None)})
    cand.evidence.append(_mention(aid, u, "place", p.start, p.end, val, label))


def _actors(aid: str, cand: Candidate, u: Unit, live: list[Casualty], units: list[Unit]) -> None:
    hits = find_actors(u.text[u.start:u.end], u.start, u.low[u.start:u.end] if u.low is not None else None)
    victim_spans = [(c.start, c.end) for c in live]
    best, best_score = None, 0.0
    a = _anchor(live, u)
    for h in hits:
        if any(s <= h.start < e for s, e in victim_spans):
            continue
        if not_agent(u.text, u.start, u.end, h.start, h.end):
            continue
        sc = agent_score(u.text, h)
        if sc > best_score or (sc == best_score and sc > 0 and best and abs(h.start - a) < abs(best.start - a)):
            best, best_score = h, sc
    if best is not None:
        cand.actor1, cand.actor1_score = best.name, best_score
        cand.evidence.append(_mention(aid, u, "actor", best.start, best.end,
                                      {"name": best.name, "category": category(best.name)}, "perpetrator"))
    if cand.victim_sides.get("combatants") and cand.victim_sides["combatants"] != cand.actor1:
        cand.actor2 = cand.victim_sides["combatants"]
    elif cand.victims.get("civilians") and not cand.victims.get("combatants"):
        cand.actor2 = "Civilians"
    if cand.actor1 == cand.actor2 and cand.actor1 is not None:
        cand.actor1 = None


def _claimants(aid: str, cand: Candidate, u: Unit, units: list[Unit]) -> None:
    pool = [u]
    if u.field == "body":
        j = u.index + 1 + (units[0].field == "title")  # the title, if any, comes first
        pool += [units[j]] if j < len(units) else []
    for x in pool:
        for h in _claims(x):
            if h.name not in cand.claimed_by:
                cand.claimed_by.append(h.name)
                cand.evidence.append(_mention(aid, x, "claimant", h.start, h.end, {"name": h.name}, "claimed_by"))
        if cand.claimed_by:
            return


def _claims(x: Unit) -> list:
    """The unit's claimants beside a reporting verb, found once: a sentence is asked again as
    the next sentence of the one before it."""
    if x.claims is None:
        x.claims = [h for h in find_claimants(x.text[x.start:x.end], x.start,
                                              x.low[x.start:x.end] if x.low is not None else None)
                    if reporting_verb_near(x.text, h.start, h.end, low=x.low)]
    return x.claims


def _same_incident(a: Candidate, b: Candidate) -> bool:
    """Two candidates of one article report one incident."""
    if a.killed.best is not None and a.killed.best == b.killed.best:
        # a period ("last week") holds the day another sentence names for the same toll; a day
        # someone "said Friday" is not the day of the killing ("... killed 42 people including
        # seven children a monitoring group said Friday" then "Thursdays air strikes ... 42 dead")
        return a.date is None or b.date is None or a.date == b.date or _period(a) or _period(b) \
            or a.date_from_report or b.date_from_report
    return False


def _whole_of(part: Candidate, events: list[Candidate]) -> Candidate | None:
    """The toll a part ("Six children were among the dead") breaks down: the nearest fatal event
    told in the three sentences before it, with a figure at least as large."""
    first = part.units[0].index
    for e in reversed(events):
        if not e.fatal or e.killed.best is None:
            continue
        last = max((u.index for u in e.units if u.field == "body"), default=-9)
        if first - last > 3:
            return None
        return e if e.killed.best >= (part.killed.best or 0) else None
    return None


def _add_parts(into: Candidate, part: Candidate) -> None:
    """A later sentence's breakdown joins the toll: its children and women, not its total."""
    into.units += part.units
    into.evidence += part.evidence
    for k in ("children", "women"):
        if k in part.victims and k not in into.victims:
            into.victims[k] = part.victims[k]


# a figure told by someone else: "A hospital source in Hassakeh city said there were more than 20
# dead", "The claim which did not mention a wedding said 40 people had been killed"
_ATTRIBUTED = re.compile(r"\b(?:said|says|told|according\s+to|claim(?:ed|s)?|reported|put\s+the)\b", re.I)
_TOLL_WORD = re.compile(r"\b(?:toll|claim|figure|count|tally)\b", re.I)
_NEW_INCIDENT = re.compile(r"\b(?:another|other|separate(?:ly)?|elsewhere|second|third|meanwhile|also|"
                           r"(?<!than\s)more\s+(?:people|civilians|children|were|have|had)|"
                           r"further|additional|earlier|later|previous|same\s+day)\b", re.I)


def _other_count(a: Candidate, b: Candidate) -> bool:
    """``b``, told after ``a``, is another source's figure for ``a``'s incident, not a new one:
    no day or place of its own (or ``a``'s), the same victims, a figure of the same size, said
    by someone, and nothing announcing another incident. GUIDE.md: one incident told twice is
    one event, the other figure kept as low/high."""
    if not (a.fatal and b.fatal) or a.title or b.title or a.killed.best is None or b.killed.best is None:
        return False
    if a.part or b.part or b.date is not None and b.date != a.date and not b.date_from_report:
        return False
    if _period(a) or "vague" in (a.killed.qualifier, b.killed.qualifier):
        return False  # "Hundreds of civilians died in a sarin gas attack ... in August 2013"
    if b.place is not None and (a.place is None or _gov(a.place) != _gov(b.place)
                                or _gov(b.place) is None and b.place.name != a.place.name):
        return False
    ga, gb = _group(a), _group(b)
    if ga != gb and "people" not in (ga, gb):
        return False
    if not a.killed.best / 2 <= b.killed.best <= a.killed.best * 2:
        return False
    u = b.units[0]
    text = u.text[u.start:u.end]
    if not _ATTRIBUTED.search(text) or _NEW_INCIDENT.search(text):
        return False
    strong = [t for t in u.triggers if not t.weak]
    return not strong or _TOLL_WORD.search(text) is not None


def _add_count(into: Candidate, other: Candidate) -> None:
    """Another source's figure for the same incident widens the range; the best stays."""
    into.units += other.units
    into.evidence += other.evidence
    k, o = into.killed, other.killed
    figs = [x for x in (k.low, k.best, k.high, o.low, o.best, o.high) if x is not None]
    into.killed = Count(low=min(figs), best=k.best, high=max(figs), qualifier=k.qualifier,
                        unquantified=k.unquantified)
    if into.injured.best is None and other.injured.best is not None:
        into.injured = other.injured


def _merge(cands: list[Candidate]) -> list[Candidate]:
    events: list[Candidate] = []
    title = next((c for c in cands if c.title), None)
    body = [c for c in cands if not c.title]
    for c in body:
        if c.part:
            whole = _whole_of(c, events)
            if whole is not None:
                _add_parts(whole, c)
                continue
        target = next((e for e in events if e.fatal and c.fatal and _same_incident(e, c)), None)
        if target is None:
            target = next((e for e in events if _restates(e, c) or _contains(c, e) or _contains(e, c)), None)
        if target is None and c.fatal and events:
            told = next((e for e in reversed(events) if _other_count(e, c)), None)
            if told is not None:
                _add_count(told, c)
                continue
        if target is None and not c.fatal and c.injured.best is not None and events:
            prev = events[-1]
            if prev.fatal and prev.units[-1].index >= c.units[0].index - 1 and prev.injured.best is None:
                target = prev  # "... wounding scores more the source told Anadolu Agency"
        if target is None and not c.fatal and c.injured.best is None and events and events[-1].fatal:
            prev = events[-1]
            killed_word = _KILLED_WORD.search(c.units[0].text, c.units[0].start, c.units[0].end)
            if killed_word and prev.units[-1].field == "body" and prev.units[-1].index == c.units[0].index - 1:
                target = prev  # "Takfiri militants were killed in fighting on Wednesday" elaborates
        if target is not None:
            _absorb(target, c)
        else:
            events.append(c)
    if title is not None and not title.fatal and title.injured.best is None:
        # "The army advances on al-Rasafa in Raqqa ...": a headline without a figure only
        # decides which event is the headline one when the body's lede is elsewhere
        fatal_body = [e for e in events if e.fatal]
        tg = _gov(title.place)
        lede_gov = _gov(fatal_body[0].place) if fatal_body else None
        title_govs = {_gov(p.place) for u in title.units for p in u.places}
        if fatal_body and tg and lede_gov and lede_gov not in title_govs:
            same = next((e for e in fatal_body if _gov(e.place) == tg), None)
            if same is not None:
                _absorb(same, title, title_into_body=True)
                same.title = True
                events.remove(same)
                events.insert(0, same)
            else:
                events.insert(0, title)
        return events
    if title is not None:
        fatal_body = [e for e in events if e.fatal]
        # the headline's figure may be one part of the lede's ("kill 120 ISIS fighters" and
        # "Some 120 ISIS fighters and 60 foreign mercenaries were killed")
        match = next((e for e in fatal_body[:4] if _same_incident(e, title)
                      or (e is fatal_body[0] and _part_of(title, e))), None)
        if match is None and title.fatal and fatal_body:
            match = fatal_body[0]  # headline and body disagree: keep both figures, body's best
        if match is None and not title.fatal and events:
            match = next((e for e in events if e.injured.best is not None), None)
        if match is not None:
            _absorb(match, title, title_into_body=True)
            match.title = True
        else:
            events.insert(0, title)
    return events


_KILLED_WORD = re.compile(r"\b(?:were|was|been)\s+killed\b|\bkilled\s+in\b", re.I)


def _absorb(into: Candidate, other: Candidate, title_into_body: bool = False) -> None:
    into.units += other.units
    into.evidence += other.evidence
    if not title_into_body and (_contains(other, into) or (_restates(into, other) and _loose(into.killed))):
        # the body's most specific figure (GUIDE.md): "more than 30" then "killed 32 rebels"
        into.killed, into.victim_sides = other.killed, other.victim_sides or into.victim_sides
        into.victims = {**into.victims, **other.victims}
    elif into.killed.best is None and not into.killed.unquantified and (other.killed.best is not None or other.killed.unquantified):
        into.killed, into.victims, into.victim_sides = other.killed, other.victims, other.victim_sides
        into.fatal = other.fatal
    elif not into.victims:
        into.victims, into.victim_sides = other.victims, other.victim_sides
    else:  # the headline may name a breakdown the body leaves out ("84 people including 17 children")
        for k in ("children", "women"):
            if k in other.victims and k not in into.victims:
                into.victims[k] = other.victims[k]
    if into.injured.best is None and other.injured.best is not None:
        into.injured = other.injured
    if other.date is not None and (into.date is None or (into.date_from_report and not other.date_from_report)):
        into.date, into.date_precision, into.date_basis = other.date, other.date_precision, other.date_basis
        into.date_from_report = other.date_from_report
    if other.place is not None and (into.place is None or other.place_rank < into.place_rank):
        into.place, into.place_rank = other.place, other.place_rank
    # the victims' own side is not the perpetrator: "Russian Airstrikes Kill 120 Daesh
    # Terrorists" over a body sentence naming "Daesh terrorists"
    victim_sides = {into.victim_sides.get("combatants"), other.victim_sides.get("combatants")} - {None}
    if other.actor1 and other.actor1 not in victim_sides and (
            into.actor1 is None or into.actor1 in victim_sides or other.actor1_score > into.actor1_score):
        into.actor1, into.actor1_score = other.actor1, other.actor1_score
    if into.actor2 is None:
        into.actor2 = other.actor2
    for cl in other.claimed_by:
        if cl not in into.claimed_by:
            into.claimed_by.append(cl)
    if into.trigger is None or (into.trigger.weak and other.trigger is not None and not other.trigger.weak):
        into.trigger = other.trigger or into.trigger


def _finish(article: Article, cands: list[Candidate], units: list[Unit], pub: date | None,
            countries: tuple[list, list] = ([], [])) -> list[Event]:
    """``countries``: the country mentions of the body (not the dateline's) and of the title."""
    body_units = [u for u in units if u.field == "body"]
    title_unit = next((u for u in units if u.field == "title"), None)
    events: list[Event] = []
    primary_i = next((i for i, c in enumerate(cands) if c.title), None)
    # sentences that are some event's own figure: their dates are not lent to another event
    own: dict[int, set[int]] = {}  # sentence index -> id() of the fatal candidates owning it
    for c in cands:
        if c.fatal:
            for u in c.units:
                if u.field == "body":
                    own.setdefault(u.index, set()).add(id(c))
    if primary_i is None:
        # a background event ("Hundreds of civilians died in a sarin gas attack in Ghouta ... in
        # August 2013") is not the headline one while the article reports a recent one
        primary_i = next((i for i, c in enumerate(cands) if c.fatal and not _background(c, pub)), None)
    if primary_i is None:
        primary_i = next((i for i, c in enumerate(cands) if c.fatal), 0)
    for i, c in enumerate(cands):
        u0 = c.units[0]
        if c.place is None:
            _inherit_place(article.id, c, u0, body_units, title_unit, countries)
        if c.date is None or c.date_from_report:
            _neighbour_date(article.id, c, body_units, own, pub)
        if c.date is None:
            c.date = pub.isoformat() if pub else None
            c.date_precision, c.date_basis = "publication", "publication"
        _from_context(article.id, c, body_units, title_unit, own)
        cls = classify(c.trigger, victims={k: v.best or v.unquantified for k, v in c.victims.items()},
                       actor1=c.actor1, actor2=c.actor2, fatal=c.fatal)
        su = next((x for x in c.units if x.field == "body"), u0)
        sent = Span(article.id, su.start, su.end, su.text[su.start:su.end])
        conf = 0.35 + 0.2 * (c.killed.best is not None) + 0.15 * (c.place is not None) \
            + 0.1 * (c.date_basis != "publication") + 0.1 * (c.actor1 is not None) \
            + 0.1 * bool(c.claimed_by)
        events.append(Event(
            id=content_id(article.id, su.field, str(su.start), str(su.end), prefix="e_"),
            article_id=article.id, primary=(i == primary_i), date=c.date,
            date_precision=c.date_precision, date_basis=c.date_basis, place=c.place or Place(),
            actor1=c.actor1, actor2=c.actor2, event_type=cls["event_type"],
            sub_event_type=cls["sub_event_type"], violence_type=cls["violence_type"],
            cause=cls["cause"],
            killed=c.killed, injured=c.injured, victims=c.victims, victim_sides=c.victim_sides,
            claimed_by=c.claimed_by, confidence=round(min(conf, 1.0) if c.fatal else min(conf, 1.0) * 0.6, 3),
            sentence=sent, evidence=c.evidence,
            notes=None if c.fatal or c.injured.best is not None else "non-fatal",
        ))
    events.sort(key=lambda e: not e.primary)
    return events


def _from_context(aid: str, c: Candidate, body_units: list[Unit], title_unit: Unit | None, own: dict) -> None:
    """The means of a bare "attack" and a perpetrator from the sentences around the event."""
    got = context.means_trigger(c, body_units, title_unit, own)
    if got is not None:
        t, x = got
        c.trigger = t
        c.evidence.append(_mention(aid, x, "trigger", t.start, t.end, {"trigger": t.text.lower()}, "trigger_nearby"))
    if c.actor1 is None:
        side = c.victim_sides.get("combatants")
        got = context.perpetrator(c, body_units, own, side)
        if got is not None and got[0].name != c.actor2:
            h, x = got
            c.actor1, c.actor1_score = h.name, 0.9
            c.evidence.append(_mention(aid, x, "actor", h.start, h.end,
                                       {"name": h.name, "category": category(h.name)}, "perpetrator_nearby"))


def _inherit_place(aid: str, c: Candidate, u0: Unit, body_units: list[Unit], title_unit: Unit | None,
                   countries: tuple[list, list] = ([], [])) -> None:
    """No place in the event's sentences: the nearest earlier sentence's, else the headline's,
    else the article's first; a dateline place only when the article names no other. A country
    the event's own sentence names overrules a place borrowed from another country ("BEIRUT/THE
    HAGUE ... killed a Reuters reporter in Lebanon" is not in The Hague) and, when the article
    names no place inside a country ("Three people have died during protests in Bolivia"), is
    the place, at country precision (else the headline's country, else the body's first)."""
    body_c, title_c = countries
    own_c = _own_countries(u0, body_c, title_c)
    found: tuple[Unit, Any, str] | None = None
    if u0.field == "body":
        for back in range(1, 3):
            j = u0.index - back  # body_units[j].index == j
            prev = [body_units[j]] if 0 <= j < len(body_units) else []
            if prev and _real(prev[0].places):
                found = prev[0], min(_real(prev[0].places), key=_place_rank), "location_inherited"
                break
    if found is None and title_unit is not None and _real(title_unit.places):
        found = title_unit, min(_real(title_unit.places), key=_place_rank), "location_title"
    if found is None:
        x = next((x for x in body_units if _real(x.places)), None)
        if x is not None:
            found = x, min(_real(x.places), key=_place_rank), "location_article"
    if found is not None and (not own_c or found[1].place.country in {p.place.country for p in own_c}):
        _set_place(aid, c, *found)
        return
    if own_c:
        _set_place(aid, c, u0, own_c[0], "location_country")
        return
    body_c = [p for p in body_c if _locative(body_units[0].text, p)] if body_units else []
    if title_c or body_c:
        x = title_unit if title_c else next(x for x in body_units if x.start <= body_c[0].start < x.end)
        _set_place(aid, c, x, (title_c or body_c)[0], "location_country")
        return
    for x in body_units:
        if x.places:
            _set_place(aid, c, x, min(x.places, key=_place_rank), "location_dateline")
            return


# a country the sentence puts the event in: "in Lebanon", "in northwestern Syria"; not
# "Britain-based", "backed by Russia", "Turkeys state-run news agency"
_IN_BEFORE = re.compile(r"\b(?:in|inside)\s+(?:the\s+)?(?:(?:north|south|east|west|central|northern|southern|"
                        r"eastern|western|northeast|northwest|southeast|southwest|northeastern|northwestern|"
                        r"southeastern|southwestern|rural|neighbouring|neighboring)\s+){0,2}$", re.I)


def _own_countries(u0: Unit, body_c: list, title_c: list) -> list:
    """The countries the unit's own sentence names after "in" (the headline: any it names)."""
    if u0.field == "title":
        return title_c
    return [p for p in body_c if u0.start <= p.start and p.end <= u0.end and _locative(u0.text, p)]


# ... but not where someone is based, speaks or shelters, nor a name ("Islamic State in Iraq and
# the Levant"), nor two countries at once ("fighting IS in Iraq and Syria")
_NOT_LOCATIVE_BEFORE = re.compile(r"\b(?:based|said|says|told|shelter|refuge|living|live|lives|born|state|"
                                  r"meeting|talks|conference|summit|sources|network|hospitals?|treated|treatment)\s+in\s+\S*$", re.I)
_NOT_LOCATIVE_AFTER = re.compile(r"\s*(?:and|or|,)\s+(?:the\s+)?[A-Z]")


def _locative(text: str, p: Any) -> bool:
    lo = max(0, p.start - 30)
    return _IN_BEFORE.search(text, lo, p.start) is not None \
        and _NOT_LOCATIVE_BEFORE.search(text, lo, p.start) is None \
        and _NOT_LOCATIVE_AFTER.match(text, p.end) is None


_STRICT_LOWER = {"more than", "over", "upwards of", "in excess of"}


def _group(c: Candidate) -> str:
    v = c.victims
    if v.get("combatants") and not v.get("civilians"):
        return "combatants"
    if v.get("civilians") and not v.get("combatants"):
        return "civilians"
    return "mixed" if v else "people"


def _loose(k: Count) -> bool:
    """A strict lower bound that promises a precise figure: "more than 30", "over 60". Not "at
    least 44": a later "toll of 48" is then another source's count, not the same one refined."""
    return k.best is not None and k.high is None and (k.qualifier or "").lower() in _STRICT_LOWER


def _restates(a: Candidate, b: Candidate) -> bool:
    """``b`` restates ``a``'s incident, one figure a lower bound the other meets: "More than 60
    Syrian government soldiers were killed ... Saturday" and "Sixty-two Syrian soldiers were
    killed ... in these strikes"; the same victims, day and governorate."""
    if not (a.fatal and b.fatal) or a.killed.best is None or b.killed.best is None:
        return False
    if a.title or b.title:
        return False
    if a.date and b.date and a.date != b.date and not (a.date_from_report or b.date_from_report):
        return False
    if _group(a) != _group(b):
        return False
    pa, pb = a.place, b.place
    if pa is not None and pb is not None and pa.admin1 and pb.admin1 and pa.admin1 != pb.admin1:
        return False
    if _loose(a.killed) and b.killed.qualifier is None:
        lo, ex = a.killed.best, b.killed.best
    elif _loose(b.killed) and a.killed.qualifier is None:
        lo, ex = b.killed.best, a.killed.best
    else:
        return False
    return lo < ex <= max(lo * 1.5, lo + 10)


def _neighbour_date(aid: str, c: Candidate, body_units: list[Unit], own: dict, pub: date | None) -> None:
    """No event date in the event's own sentences: a sentence or two around that tells of the
    incident may give it ("The killings ... took place on Wednesday", "The blast on Sunday night
    struck ..."). Only days within a week before publication; "today" adds nothing."""
    idx = [u.index for u in c.units if u.field == "body"] or [-1]
    mine = set(idx)
    cid, first = id(c), min(idx)
    near = []
    # body_units[j].index == j: only sentences within two of the event's can be near
    around = sorted({j for i in idx for j in range(i - 2, i + 3) if 0 <= j < len(body_units)})
    for j in around:
        if j in mine:
            continue
        owners = own.get(j)  # another event's own sentence lends it no date
        if owners and (len(owners) > 1 or cid not in owners):
            continue
        dist = min(abs(j - i) for i in idx)  # 1 or 2: within two, and not one of ours
        near.append((dist, j > first, body_units[j]))
    for _, _, x in sorted(near, key=lambda t: (t[0], t[1])):
        if not x.triggers and not any(k.outcome == "killed" for k in x.casualties):
            continue
        pool = [d for d in _dates(x) if not d.reporting and d.precision in ("day", "window")]
        if pub is not None:
            lo = pub.toordinal() - 7
            pool = [d for d in pool if lo <= date.fromisoformat(d.date).toordinal() <= pub.toordinal()
                    and not (d.basis == "relative" and d.date == pub.isoformat())]
        if pool:
            d = pool[0]
            c.date, c.date_precision, c.date_basis, c.date_from_report = d.date, d.precision, d.basis, False
            c.evidence.append(_mention(aid, x, "date", d.start, d.end, {"date": d.date, "precision": d.precision,
                                                                         "basis": d.basis}, "event_date_nearby"))
            return


def _gov(p: Place | None) -> str | None:
    return p.admin1 if p is not None and p.country in (None, "SY") else None


def _part_of(title: Candidate, e: Candidate) -> bool:
    """The headline's figure is one of the top-level killed figures of ``e``'s sentence."""
    if title.killed.best is None or e.killed.best == title.killed.best:
        return False
    return any(m.kind == "casualty" and m.label == "killed" and m.value.get("breakdown_of") is None
               and m.value.get("best") == title.killed.best and m.value.get("field") == "body"
               for m in e.evidence)


def _contains(a: Candidate, b: Candidate) -> bool:
    """``a`` is the fuller statement of ``b``'s incident: "Eleven children were killed on
    Thursday in a barrel bomb attack" and "Fifteen civilians among them 11 children were killed
    in a barrel bomb attack ... on Thursday"."""
    if not (a.fatal and b.fatal) or a.title or b.title or a.killed.best is None or b.killed.best is None:
        return False
    if a.date and b.date and a.date != b.date:
        return False
    if _gov(a.place) and _gov(b.place) and _gov(a.place) != _gov(b.place):
        return False
    for g in ("children", "women"):
        bg, ag = b.victims.get(g), a.victims.get(g)
        if bg is not None and ag is not None and bg.best == b.killed.best == ag.best and a.killed.best > bg.best:
            return True
    return False
