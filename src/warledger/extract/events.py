"""Assembles Events from one article's mentions: figures, dates, places, actors, triggers.

Each sentence (and the title) with a counted casualty, or with a strong trigger plus a place or
a date, is a candidate; candidates reporting the same incident (the headline's "kills 16" and
the body's "at least 16 people were killed") merge into one Event. Title evidence carries
offsets into the title and ``value["field"] == "title"``; body evidence offsets into the body.
The working records are in candidates.py, place choice in event_places.py, merging in merging.py.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, timedelta
from typing import Callable

from ..records import Article, Count, Event, Place, Span, content_id
from .actors import agent_score, category, reporting_verb_near
from . import context, furniture
from .candidates import Candidate, Unit, actors_of, anchor, claimants_of, mention, sum_counts, to_count
from .casualties import Casualty, find_casualties
from .event_places import choose_place, directed_country, inherit_place, is_dateline
from .lexicon import load
from .merging import merge_candidates
from .nonevents import not_agent, screen_units
from .numbers import number_starts
from .dates import DateMention, dateline_end, find_dates, parse_dateline, parse_published
from .text import lowered_twin, sentences
from .types import best_trigger, classify, in_context, find_triggers, find_triggers_spans

PlaceFinder = Callable[..., list]
_UNNAMED = set(load("actors.json")["unnamed"]["words"])
_PROGOV = frozenset(load("actors.json")["pro_government_outlets"]["sources"])


def extract_article(article: Article, *, find_places: PlaceFinder | None = None) -> list[Event]:
    """The events one article reports, the headline event first and marked primary."""
    finder = find_places or _default_finder()
    body, title = furniture.masked(article.body or ""), article.title or ""
    pub = parse_published(article.published)
    dl = parse_dateline(body)
    if pub is None and dl is not None:
        pub = dl[0]
    # the dateline is not an event date ("BEIRUT/THE HAGUE, March 7 (Reuters) - ... killed a
    # Reuters reporter in Lebanon in October")
    skip_to = dl[1] if dl and dl[1] < 120 else dateline_end(body)
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
    events = merge_candidates(cands)
    countries = [p for p in body_places if getattr(p, "kind", "") == "country" and not is_dateline(p)]
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
        u.dates = [d for d in find_dates(u.text, u.start, u.end, published=u.pub, lower=u.low) if d.start >= u.skip_to]
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


def _candidate(aid: str, u: Unit, units: list[Unit], pub: date | None, progov: bool = False) -> Candidate | None:
    if not u.casualties and not u.triggers:
        return None  # most sentences: no figure and no trigger, so no event (the check below)
    live = [c for c in u.casualties if c.status == "event" and c.outcome in ("killed", "injured")]
    # a background toll ("after a series of anthrax incidents had killed five people") is an
    # event only with a place or a day of its own, and never the headline one
    back = [c for c in u.casualties if c.status == "background" and c.outcome in ("killed", "injured")]
    # ... and never summed with the sentence's own toll (1923102874: 19 + "dozens" = 31)
    if back and not live and (_real_places(u) or any(not d.reporting for d in _dates(u))):
        live += back
    else:
        back = []
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
        parent_civ = False  # the toll itself is counted as civilians
        if g == "people":
            # "22 people including six civilians" tells the rest apart; "six people including a
            # journalist" does not: a journalist is one of six civilians (1923848203 was 1)
            spec = [k for k in kids if k.group == "combatants" or k.group == "civilians" and k.noun in _CIVILIAN_WORDS]
            if not spec:
                victims.setdefault("civilians", []).append(to_count(c))
                parent_civ = True
        elif g in ("children", "women"):
            victims.setdefault("civilians", []).append(to_count(c))
            victims.setdefault(g, []).append(to_count(c))
        else:
            victims.setdefault(g, []).append(to_count(c))
            if g == "combatants" and c.side:
                sides[c.side] = sides.get(c.side, 0) + (c.qty.best or 0)
        for k in kids:
            if k.group == "civilians" and (parent_civ or g == "civilians") or k.group == g == "combatants":
                # already inside the toll: "49 Nusra Front militants including seven of its field
                # commanders" is 49 combatants (1962495739 was 56)
                continue
            if k.group in ("children", "women", "civilians", "combatants"):
                victims.setdefault(k.group, []).append(to_count(k))
                if k.group in ("children", "women") and g not in ("people", "civilians", "children", "women"):
                    victims.setdefault("civilians", []).append(to_count(k))
                if k.group == "combatants" and k.side:
                    sides[k.side] = sides.get(k.side, 0) + (k.qty.best or 0)
    cand = Candidate(
        background=bool(back) and all(c.status == "background" for c in live),
        units=[u], killed=sum_counts([to_count(c) for c in killed_top]),
        injured=sum_counts([to_count(c) for c in injured_top]),
        victims={k: sum_counts(v) for k, v in victims.items()},
        victim_sides=({"combatants": max(sides, key=lambda k: sides[k])} if sides else {}),
        fatal=bool(killed_top), title=u.field == "title",
        part=bool(killed_top) and all("part" in c.notes for c in killed_top),
    )
    for c in live:
        label = c.outcome or "casualty"
        cand.evidence.append(mention(aid, u, "casualty", c.start, c.end, {
            "low": c.qty.low, "best": c.qty.best, "high": c.qty.high, "qualifier": c.qty.qualifier,
            "unquantified": c.qty.unquantified, "group": c.group, "side": c.side,
            "breakdown_of": c.parent}, label))
    _date(aid, cand, u, live)
    choose_place(aid, cand, u, live, units[0].places if units[0].field == "title" else None)  # the title comes first
    _actors(aid, cand, u, live, units)
    _claimants(aid, cand, u, units)
    cand.trigger = in_context(best_trigger(u.triggers, fatal=cand.fatal), u.triggers, u.text,
                              {k: v.best or v.unquantified for k, v in cand.victims.items()}, cand.fatal)
    if cand.trigger is not None:
        t = cand.trigger
        cand.evidence.append(mention(aid, u, "trigger", t.start, t.end, {"trigger": t.text.lower()}, "trigger"))
    return cand


_CIVILIAN_WORDS = frozenset({"civilians", "civilian"})
_FAR_DAY = 100  # characters: a day this far from the figure, past a month named next to it, is another clause's
_LATER_CLAUSE = re.compile(r"\b(?:after|following|in\s+(?:retaliation|revenge|response)\s+(?:for|to))\b", re.I)
_LATER_CLAUSE_LOW = lowered_twin(_LATER_CLAUSE)


def _later_clause(u: Unit, a: int) -> re.Match[str] | None:
    """``_LATER_CLAUSE.search(u.text, a, u.end)``; over an ASCII text's lower case only when one
    of its words is there (the \\b-led pattern gets no literal scan from sre)."""
    low = u.low
    if low is None:
        return _LATER_CLAUSE.search(u.text, a, u.end)
    e = u.end
    if low.find("after", a, e) < 0 and low.find("following", a, e) < 0 and low.find("retaliation", a, e) < 0 \
            and low.find("revenge", a, e) < 0 and low.find("response", a, e) < 0:
        return None
    return _LATER_CLAUSE_LOW.search(low, a, e)


def _real_places(u: Unit) -> list:
    return [p for p in u.places if not is_dateline(p)]


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
_HEDGE_GATE = ("ould", "might", "may", "will", "plan", "threat", "warn", "den")  # as in _hedged


def _hedged(u: Unit) -> bool:
    s, e = u.start, u.end
    if u.low is not None:
        # a fragment of each of _HEDGE's words ("ould": could/would, "den": denied/deny); on ASCII
        # text (``Unit.low``) none in the sentence's lower case means no match (_HEDGE_GATE)
        low = u.low[s:e]
        if not ("ould" in low or "might" in low or "may" in low or "will" in low or "plan" in low
                or "threat" in low or "warn" in low or "den" in low):
            return False
    # on the slice, not (pos, endpos): "\b" at a sentence's first letter must not see the text before it
    return _HEDGE.search(u.text[s:e]) is not None


def _date(aid: str, cand: Candidate, u: Unit, live: list[Casualty]) -> None:
    if not _dates(u):
        return
    a = anchor(live, u)
    days = [d for d in u.dates if not d.reporting and d.precision in ("day", "window")]
    past = _past_period(u.dates, u.pub)
    pool = days or past or [d for d in u.dates if d.precision in ("day", "window")]
    if not pool:
        return
    d = min(pool, key=lambda d: abs(d.start - a))
    if days and past:
        # a run-on sentence: "killed at least 37 civilians in Maaret Al Numan in April sparking
        # condemnation ... peace talks Civilians flee ... on Sunday" dates the toll by its own month
        p = min(past, key=lambda d: abs(d.start - a))
        if abs(p.start - a) < abs(d.start - a) and abs(d.start - a) > _FAR_DAY:
            d = p
    cand.date, cand.date_precision, cand.date_basis = d.date, d.precision, d.basis
    cand.date_from_report = d.reporting
    cand.evidence.append(mention(aid, u, "date", d.start, d.end,
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
        (d.precision in ("month", "year") and d.date < first)
        or (d.precision == "week" and d.date < pub.isoformat()))]


def _background(c: Candidate, pub: date | None) -> bool:
    """Dated by its own sentence to a month well before publication (``_past_period``); not
    "last week" or "during April" in a May article, often the very topic of the report."""
    return c.background or pub is not None and c.date_precision in ("month", "year") and c.date is not None \
        and c.date < (pub - timedelta(days=45)).isoformat()


def _actors(aid: str, cand: Candidate, u: Unit, live: list[Casualty], units: list[Unit]) -> None:
    hits = actors_of(u)
    victim_spans = [(c.start, c.end) for c in live]
    best, best_score = None, 0.0
    a = anchor(live, u)
    own_side = cand.victim_sides.get("combatants")
    # "The Syrian regime has killed at least 43 people in the town of Jayrud ... after a downed pilot
    # was killed by rebels": a clause opened after the figure tells another deed and lends its agent
    # only when the main clause names none
    cut = _later_clause(u, a) if hits else None
    main_best = None
    for h in hits:
        if any(s <= h.start < e for s, e in victim_spans):
            continue
        if h.name == own_side:
            continue  # "30 members of the YPG and asayesh were killed when two IS suicide bombers ..."
        if not_agent(u.text, u.start, u.end, h.start, h.end):
            continue
        sc = agent_score(u.text, h)
        if sc > best_score or (sc == best_score and sc > 0 and best and abs(h.start - a) < abs(best.start - a)):
            best, best_score = h, sc
        if cut is not None and h.start < cut.start() and sc > 0 and (main_best is None or sc > main_best[1]):
            main_best = (h, sc)
    if cut is not None and main_best is not None and best is not None and best.start >= cut.start():
        best, best_score = main_best
    if best is not None:
        cand.actor1, cand.actor1_score = best.name, best_score
        cand.evidence.append(mention(aid, u, "actor", best.start, best.end,
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
                cand.evidence.append(mention(aid, x, "claimant", h.start, h.end, {"name": h.name}, "claimed_by"))
        if cand.claimed_by:
            return


def _claims(x: Unit) -> list:
    """The unit's claimants beside a reporting verb, found once: a sentence is asked again as
    the next sentence of the one before it."""
    if x.claims is None:
        x.claims = [h for h in claimants_of(x) if reporting_verb_near(x.text, h.start, h.end, low=x.low)]
    return x.claims


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
        primary_i = next((i for i, c in enumerate(cands) if c.fatal and not c.background),
                         next((i for i, c in enumerate(cands) if c.fatal), 0))
    for i, c in enumerate(cands):
        u0 = c.units[0]
        if c.place is None:
            inherit_place(article.id, c, u0, body_units, title_unit, countries, cands)
        directed_country(article.id, c, u0, countries[0])
        if c.date is None or c.date_from_report:
            _neighbour_date(article.id, c, body_units, own, pub)
        if c.date is None:
            c.date = pub.isoformat() if pub else None
            c.date_precision, c.date_basis = "publication", "publication"
        _from_context(article.id, c, body_units, title_unit, own)
        cls = classify(c.trigger, victims={k: v.best or v.unquantified for k, v in c.victims.items()},
                       actor1=c.actor1, actor2=c.actor2, fatal=c.fatal)
        su = next((x for x in c.units if x.field == "body"), u0)
        # the sentence as published (``su.text`` has its furniture blanked: furniture.py)
        sent = Span(article.id, su.start, su.end, (article.body if su.field == "body" else su.text)[su.start:su.end])
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
        c.evidence.append(mention(aid, x, "trigger", t.start, t.end, {"trigger": t.text.lower()}, "trigger_nearby"))
    if c.actor1 is None:
        side = c.victim_sides.get("combatants")
        got = context.perpetrator(c, body_units, own, side)
        if got is not None and got[0].name != c.actor2:
            h, x = got
            c.actor1, c.actor1_score = h.name, 0.9
            c.evidence.append(mention(aid, x, "actor", h.start, h.end,
                                       {"name": h.name, "category": category(h.name)}, "perpetrator_nearby"))


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
            c.evidence.append(mention(aid, x, "date", d.start, d.end, {"date": d.date, "precision": d.precision,
                                                                         "basis": d.basis}, "event_date_nearby"))
            return


