"""Where an event happened: the place its own sentence names, else one inherited from nearby
sentences, the headline or the dateline, with countries as the last resort."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from ..records import Place
from .candidates import Candidate, Unit, anchor, mention
from .casualties import Casualty


_KIND_RANK = {"locality": 0, "landmark": 1, "district": 2, "governorate": 3, "country": 5}


def place_rank(p: Any) -> int:
    return _KIND_RANK.get(getattr(p, "kind", None) or "", 4)


def is_dateline(p: Any) -> bool:
    """Where the reporter filed ("BEIRUT (Reuters) -"), not necessarily where it happened."""
    return bool(getattr(p, "dateline", False))


def _real(places: list) -> list:
    return [p for p in places if not is_dateline(p)]


def choose_place(aid: str, cand: Candidate, u: Unit, live: list[Casualty], title_places: list | None = None) -> None:
    own = _real(u.places)
    if not own:  # nothing, or only the dateline: inherit_place looks further first
        return
    a = anchor(live, u)
    p = min(own, key=lambda p: (place_rank(p), abs(p.start - a)))
    # a weak locality match in another governorate than the sure places around it is likely a
    # namesake: "al-Maleh north of Aleppo" is not the Malah of As-Sweida
    if (_score(p) or 1.0) < 0.7:  # the sure places are only asked about a weak match
        sure = [x for x in own + _real(title_places or []) if (_score(x) or 0) >= 0.9 and _admin1(x)]
        if sure and _admin1(p) not in {_admin1(x) for x in sure}:
            inside = [x for x in own if _admin1(x) in {_admin1(y) for y in sure}]
            if inside:
                p = min(inside, key=lambda x: (place_rank(x), abs(x.start - a)))
    set_place(aid, cand, u, p)
    cand.own_place = (u, p)


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
        if _SCALARS.issuperset(map(type, vals)):  # every value's type a plain scalar
            return dict(zip(_PLACE_FIELDS, vals))
    return pl.to_dict() if hasattr(pl, "to_dict") else {}


def set_place(aid: str, cand: Candidate, u: Unit, p: Any, label: str = "location") -> None:
    cand.place = p.place
    cand.place_rank = place_rank(p)
    val = _place_dict(p.place)
    val.update({"kind": getattr(p, "kind", None), "score": getattr(p, "score", None)})
    cand.evidence.append(mention(aid, u, "place", p.start, p.end, val, label))


_OWN_COUNTRY_REACH = 8  # sentences


def inherit_place(aid: str, c: Candidate, u0: Unit, body_units: list[Unit], title_unit: Unit | None,
                   countries: tuple[list, list] = ([], []), others: Sequence[Candidate] = ()) -> None:
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
                found = prev[0], min(_real(prev[0].places), key=place_rank), "location_inherited"
                break
    if found is None and title_unit is not None and _real(title_unit.places):
        found = title_unit, min(_real(title_unit.places), key=place_rank), "location_title"
    if found is None and u0.field == "body" and not own_c:
        # a follow-up sentence ("The attack killed our colleague Issam Abdallah") happened where
        # the nearest earlier event its own sentence placed did, not in a later sentence's city
        # nor the dateline's ("BEIRUT/THE HAGUE, March 7 (Reuters) - ... killed a Reuters
        # reporter in Lebanon")
        earlier = [o.own_place for o in others if o is not c and o.own_place is not None
                   and o.own_place[0].field == "body" and o.own_place[0].index < u0.index]
        if earlier:
            x, p = max(earlier, key=lambda t: t[0].index)
            set_place(aid, c, x, p, "location_event")
            return
    if found is None:
        # the article's first place, or its first in a country the headline or the event's own
        # sentence names when it has one: a Syrian gas attack told from New York is not there.
        # With a country the sentence puts the event in ("in northern Syria") the place must lie
        # within a few sentences, else the country is the place (below): "BEIRUT/THE HAGUE ...
        # killed a Reuters reporter in Lebanon" is not in the Beirut of the last paragraphs
        home = {p.place.country for p in title_c} | {p.place.country for p in body_c if u0.start <= p.start < u0.end}
        firsts = [(x, min(_real(x.places), key=place_rank)) for x in body_units if _real(x.places)]
        near = [t for t in firsts if not own_c or abs(t[0].index - u0.index) <= _OWN_COUNTRY_REACH]
        x, p = next((t for t in near if t[1].place.country in home), firsts[0] if firsts else (None, None))
        if x is not None:
            found = x, p, "location_article"
    if found is not None and (not own_c or found[1].place.country in {p.place.country for p in own_c}):
        set_place(aid, c, *found)
        return
    if own_c:
        set_place(aid, c, u0, own_c[0], "location_country")
        c.own_place = (u0, own_c[0])
        return
    body_c = [p for p in body_c if _locative(body_units[0].text, p)] if body_units else []
    if title_c or body_c:
        x = title_unit if title_c and title_unit is not None else next(
            x for x in body_units if x.start <= body_c[0].start < x.end)
        set_place(aid, c, x, (title_c or body_c)[0], "location_country")
        return
    for x in body_units:
        if x.places:
            set_place(aid, c, x, min(x.places, key=place_rank), "location_dateline")
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


# a country with a direction word where the sentence puts the attack: "the Oct. 7 attacks on
# southern Israel, which Israeli figures say killed 1,200 and took over 250 hostages into Gaza"
_DIRECTED = re.compile(r"\b(?:in|on|across|inside|against|targeting|throughout)\s+(?:the\s+)?(?:far\s+)?"
                       r"(?:north|south|east|west|central|northern|southern|eastern|western|northeast|northwest|"
                       r"southeast|southwest|northeastern|northwestern|southeastern|southwestern)\s+$", re.I)


def directed_country(aid: str, c: Candidate, u0: Unit, body_c: list) -> None:
    """The event's own sentence names a country with a direction word before its figure, and
    the place chosen is in another country: the country is the place (country precision; the
    gazetteer holds no "Southern District" outside Syria and Iraq)."""
    if u0.field != "body" or not body_c:
        return
    a = min((m.span.start for m in c.evidence if m.kind == "casualty" and m.span.field == "body"
             and u0.start <= m.span.start < u0.end), default=None)
    if a is None:
        return
    for p in body_c:
        if u0.start <= p.start and p.end <= a and _DIRECTED.search(u0.text, max(u0.start, p.start - 40), p.start):
            if c.place is None or c.place.country != p.place.country:
                set_place(aid, c, u0, p, "location_country")
                c.own_place = (u0, p)
            return
