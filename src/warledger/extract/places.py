"""Find and resolve the place names in an article: "Kafar Hamra near Aleppo" → Kafr Hamra (Aleppo, SY).

Names are matched by transliteration key (translit.name_key) with one Aho-Corasick pass, then each
ambiguous name is resolved from the whole text: governorates and other places named, the country,
population and feature type, and cues such as "the village of X" or "X's northern countryside".
The gazetteer (gazetteer.py) also reads the user's places from $WARLEDGER_GAZETTEER; the world part
joins only for texts that name a country outside Syria and Iraq. Organisations ("Al Jazeera"),
people ("Mike Pompeo") and datelines ("ZURICH (Reuters) -") are told apart in nonplaces.py;
epithets ("the Syrian capital") are read in epithets.py.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Callable

from ..records import Place
from .gazetteer import WORLD, Entry, Gazetteer, get_gazetteer
from . import epithets
from .nonplaces import MID_DATELINE_AFTER, ORG_AFTER, core_person, _ARTICLE_NEXT, _DATELINE, _NonPlaces, _nonplaces, _outside, _person
from .translit import ARTICLE_WORDS as _ARTICLE_RAW
from .place_tokens import _WORD, _Tokens, _token_info, _tokens
from . import unlisted

__all__ = ["PlaceMention", "find_places", "get_gazetteer"]


DIRECTIONS = {"northern", "southern", "eastern", "western", "north", "south", "east", "west",
              "northeastern", "northwestern", "southeastern", "southwestern", "central", "rural",
              "north-eastern", "north-western", "south-eastern", "south-western"}
# "Aleppo province", "Idlib's southern countryside", "rural Hama", "the countryside of Homs"
GOV_AFTER = {"province", "provinces", "governorate", "governorates", "countryside", "region", "suburbs"}
GOV_BEFORE = {"rural", "reef", "rif"}
GOV_OF = {"province", "governorate", "countryside", "suburbs"}
DISTRICT_AFTER = {"district", "area", "region"}
# "the village of X", "X town", "the three towns of Nubbul, al-Zahra and Andan"
LOC_NOUNS = {"village", "villages", "town", "towns", "city", "cities", "neighbourhood",
             "neighborhood", "neighbourhoods", "neighborhoods", "district", "districts", "suburb",
             "suburbs", "camp", "hamlet", "localities", "township", "outskirts"}
LOC_AFTER = {"village", "town", "city", "neighbourhood", "neighborhood", "camp", "suburb"}
WEAK_BEFORE = {"in", "near", "at", "from", "outside", "around", "into", "to", "towards", "toward",
               "between", "besieged", "across", "inside", "via", "over"}
# Keys of words that begin Arabic place names ("Kafr", "Tal", "Deir", "Ain", "Khan", "Ras", "Umm"):
# alone before another capitalised word they are the start of a name the gazetteer lacks
# ("Kfar Zeitoun-Shamaliya"), not the village "Al Kafr".
NAME_PARTS = {"kfr", "tal", "dir", "ain", "jbl", "shikh", "abu", "bab", "khan", "ras", "um", "umm",
              "wadi", "jisr", "bir", "bit", "biit", "marj", "tel", "kasr", "hai", "hi", "tall", "khirbit",
              "mazra", "kafr", "bani", "bint", "sit", "ibn", "rif", "new", "old"}
MIN_SCORE = 0.5
# A foreign city counts without its country named only if it is this big: "Sarkh, Logar" in an
# Afghanistan story is not Sarh (Chad, 139,000 people)
WORLD_SIZEABLE = 200_000
DATELINE_PENALTY = 0.1
# an epithet ("the Syrian capital") names one place for sure, but it is no name: below a sure name
EPITHET_SCORE = 0.9
# a small Syrian/Iraqi village in a text that names other countries and neither Syria nor Iraq
# needs this much more than MIN_SCORE
ABROAD_PENALTY = 0.2
_HOME = frozenset({"SY", "IQ"})
# "Damascus countryside", "rural Damascus", "Damascus province" mean Rif Dimashq, not the city
# governorate (OCHA splits them; news does not)
GOV_CUE_REDIRECT = {"Damascus": "Rural Damascus"}  # below this a candidate reading is dropped: a wrong village is worse than none


@dataclass
class PlaceMention:
    """A place named in the text, resolved to the gazetteer."""

    start: int
    end: int
    text: str
    place: Place
    score: float  # confidence 0..1
    kind: str  # locality | district | governorate | country | landmark
    candidates: int  # how many gazetteer entries the name had
    # where the reporter filed ("ZURICH (Reuters) -", "Aleppo, SANA-" at the start of the body),
    # not necessarily where the event was: its score is lowered by DATELINE_PENALTY
    dateline: bool = False


class _Match:
    """A name found in a text, its cues and its reading. A plain class: under mypyc a dataclass
    __init__ runs in the interpreter (1.8% of the place finder's time), this one compiles."""

    __slots__ = ("start", "end", "key", "cands", "capital", "sent_initial", "gov_cue",
                 "district_cue", "strong", "of_cue", "weak", "best", "score", "final")

    def __init__(self, start: int, end: int, key: str, cands: list[int], capital: bool,
                 sent_initial: bool) -> None:
        self.start = start
        self.end = end
        self.key = key
        self.cands = cands
        self.capital = capital
        self.sent_initial = sent_initial
        self.gov_cue = False
        self.district_cue = False
        self.strong = False
        self.of_cue = False  # "the village of X": the only cue that overrides the hard stoplist
        self.weak = False
        self.best = -1
        self.score = 0.0
        # the reading no context can change: no reading at all, or a single one already at 1.0
        # (context only adds to a score, and the score is capped at 1.0); the second pass skips it
        self.final = False

    def __repr__(self) -> str:  # as the dataclass printed it, for test failures
        return f"_Match({self.start}, {self.end}, {self.key!r}, best={self.best}, score={self.score})"


_PRECISION = {"locality": "place", "landmark": "place", "district": "district",
              "governorate": "governorate", "country": "country"}


def _prior(g: Gazetteer, key: str, i: int, e: Entry) -> float:
    if e.kind == "country":
        p = 0.95
    elif e.kind == "governorate":
        p = 0.85
    elif e.extra:
        p = 0.86
    elif e.kind == "district":
        p = 0.6
    elif e.kind == "landmark":
        p = 0.7
    elif e.pop >= 20000:
        p = 0.88
    elif e.pop >= 5000 or e.fcode in ("PPLA", "PPLA2", "PPLC"):
        p = 0.75
    elif e.fcode == "PPLA3" or e.pop > 0:
        p = 0.6
    elif e.fcode == "PPLQ":
        p = 0.2  # abandoned
    elif e.fcode == "PPLL":
        p = 0.3
    else:
        p = 0.35  # a village of unknown size: needs context or a cue ("Talks in Ankara" ≠ Anqarah)
    if (key, i) in g.preferred:
        p += 0.1
    return p


def _notable(g: Gazetteer, key: str, i: int, e: Entry) -> bool:
    return (e.pop >= 20000 or e.kind in ("country", "governorate") or e.extra
            or (key, i) in g.preferred)


def _km(a: Entry, b: Entry) -> float:
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return 1e9
    dy = (a.lat - b.lat) * 111.0
    dx = (a.lon - b.lon) * 111.0 * math.cos(math.radians(a.lat))
    return math.hypot(dx, dy)


# (first word, last word, key, candidates) of a name in a text
_Span = tuple[int, int, str, list[int]]
# what a reading is scored against: (admin1 counts, the key's own share of them, admin2 counts,
# its own share, other places' latitudes, their points, countries named)
_Ctx = tuple[dict[str, int], dict[str, int], dict[str, int], dict[str, int], list[float],
             list[tuple[float, float]], set[str]]


def _spans(g: Gazetteer, text: str, tk: _Tokens, use_world: bool) -> list[_Span]:
    """(first word, last word, key, candidates) of each name, longest leftmost first, none
    overlapping; the cheap half of a scan, enough to see which countries a text names."""
    kkeys, kept, words, starts = tk.kkeys, tk.kept, tk.words, tk.starts
    if not kkeys:
        return []
    if tk.raw is None:
        keystr = " " + " ".join(kkeys) + " "
        # patterns are " key ": a match starts right after a space, and the spaces before it
        # count the tokens before it
        # (first token, minus the tokens after it, key): a plain sort puts them leftmost, longest first
        tk.raw = raw = []
        # the spaces are counted from the previous match's start, not from 0 each time: matches
        # come in end order, so starts move mostly forward
        at, n = 0, -1
        end: int
        key: str
        for end, key in g.automaton().iter(keystr):
            s = end - len(key)
            if s >= at:
                n += keystr.count(" ", at, s)
            else:
                n -= keystr.count(" ", s, at)
            at = s
            raw.append((n, -key.count(" "), key))
    if use_world:
        raw_matches = tk.raw + [(i, i - j, k) for i, j, k in g.world_hits(kkeys)]
    else:
        raw_matches = tk.raw[:]
    raw_matches.sort()
    core_only = not use_world and g.world_merged
    entries, by_key = g.entries, g.by_key
    memo = g.caches.setdefault("core_cands", {})
    out = []
    taken = -1
    keys = tk.keys
    for first, neg, key in raw_matches:
        if first <= taken:
            continue
        last = first - neg
        ti, tl = kept[first], kept[last]
        c0 = words[ti][0]
        if not (c0.isupper() or "\u0600" <= c0 <= "\u06ff"):
            continue
        cands = by_key.get(key) or g.cands(key)
        if core_only:
            c = memo.get(key)
            if c is None:
                c = memo[key] = [i for i in cands if entries[i].source != WORLD]
            if not c:
                continue
            cands = c
        if key in NAME_PARTS and tl + 1 < len(words) and words[tl + 1][0].isupper() \
                and text[starts[tl] + len(words[tl]):starts[tl + 1]] in (" ", "-"):
            continue
        if ti > 0 and keys[ti - 1] in NAME_PARTS and words[ti - 1][0].isupper() \
                and text[starts[ti - 1] + len(words[ti - 1]):starts[ti]] in (" ", "-"):
            continue  # "Kfar Zeitoun": the tail of a name the gazetteer lacks
        taken = last
        out.append((ti, tl, key, cands))
    return out


def _matches(g: Gazetteer, text: str, tk: _Tokens, spans: list[_Span]) -> list[_Match]:
    """The names of `_spans` with the cues around them ("the village of X", "X province")."""
    words, starts = tk.words, tk.starts
    nw = len(words)
    out: list[_Match] = []
    low = None
    for ti, tl, key, cands in spans:
        start = starts[ti]
        # keep the article in the span: "al-Zahra", "Az Zahra'"
        if ti > 0 and words[ti - 1].lower() in _ARTICLE_RAW and (
                text[starts[ti - 1] + len(words[ti - 1]):start] == "-"
                or (words[ti - 1][0].isupper() and text[starts[ti - 1] + len(words[ti - 1]):start] == " ")):
            ti -= 1
            start = starts[ti]
        n = tk.length(words[tl])
        if n is None:  # the caches were emptied (a long run) since the text was keyed
            n = _token_info(g, words[tl], tk.world)[1]
        end = starts[tl] + n
        j = start - 1
        while j >= 0 and text[j] in " \t\"'“‘(":
            j -= 1
        sent_initial = j < 0 or text[j] in ".!?:\n"
        m = _Match(start, end, key, cands, True, sent_initial)
        # the two words before and after: "the village of X", "X's northern countryside"; the
        # second ones matter only after "of" and before a direction
        p1 = words[ti - 1].lower() if ti else ""
        p2 = (words[ti - 2].lower() if ti > 1 else "") if p1 == "of" else ""
        n1 = words[tl + 1].lower() if tl + 1 < nw else ""
        n2 = (words[tl + 2].lower() if tl + 2 < nw else "") if n1 in DIRECTIONS else ""
        if words[tl].lower() in GOV_AFTER or words[ti].lower() in GOV_BEFORE:
            m.gov_cue = True  # the name itself says it: "Idlib Province", "Rif Dimashq"
        if n1 and (n1 in GOV_AFTER or (n1 in DIRECTIONS and n2 in GOV_AFTER)):
            m.gov_cue = True
        if p1 and (p1 in GOV_BEFORE or (p1 == "of" and p2 in GOV_OF)):
            m.gov_cue = True
        if n1 in DISTRICT_AFTER:
            m.district_cue = True
        if p1 == "of" and p2 in LOC_NOUNS:
            m.strong = m.of_cue = True
        elif n1 in LOC_AFTER:
            m.strong = True
        if p1 in WEAK_BEFORE:
            m.weak = True
        # a list continues its cue: "the three towns of Nubbul, al-Zahra and Andan"
        if out and out[-1].strong:
            if low is None:
                low = text.lower()
            gap = low[out[-1].end:start].strip(" ,")
            if gap in ("", "and", "or", ", and") or _LIST_GAP.fullmatch(gap):
                m.strong = True
        out.append(m)
    return out


def _scan(g: Gazetteer, text: str, use_world: bool) -> list[_Match]:
    """All name matches of a text with their cues (tests and tools; find_places splits it up)."""
    tk = _tokens(g, text, use_world)
    return _matches(g, text, tk, _spans(g, text, tk, use_world))


_LIST_GAP = re.compile(r"(?:'s|s)?\s*,?\s*(?:and|or)?")


@dataclass(slots=True)
class _Reading:
    """What a candidate's score owes to the gazetteer alone, worked out once per name key."""

    i: int
    e: Entry
    s0: float  # prior, raised for the town a district is named after
    loc: bool  # locality or landmark
    hard: bool  # hard-stoplisted name: nothing without "the village of"
    stop: bool  # stoplisted or short name ("Bab", "Hit"): needs a notable place or a cue
    notable: bool
    world: bool
    world_dead: bool  # a world city dwarfed by a namesake
    world_weak: bool  # a world city that counts only when its country is named
    cos: float


def _readings(g: Gazetteer, key: str, cands: list[int], use_world: bool) -> list[_Reading]:
    memo = g.caches.setdefault("readings", {})
    r = memo.get((key, use_world))
    if r is not None:
        return r
    entries = g.entries
    big = max((entries[j].pop for j in cands if entries[j].source == WORLD), default=0)
    out = []
    for i in cands:
        e = entries[i]
        s0 = _prior(g, key, i, e)
        if e.kind == "locality" and e.pop < 20000:
            # the town a district is named after: "Maarat al-Numan" the town, not Al Ma'ra district
            for j in cands:
                o = entries[j]
                if j != i and o.kind in ("district", "governorate") and o.admin1 == e.admin1 and o.pop:
                    s0 = max(s0, 0.8)
                    break
        world = e.source == WORLD
        out.append(_Reading(
            i, e, s0, e.kind in ("locality", "landmark"),
            key in g.hard_stop_keys and not e.extra,
            key in g.stop_keys or len(key) <= 3, _notable(g, key, i, e),
            world, world and e.pop * 5 < big,
            # a foreign city counts when its country is named or it is a big city that dwarfs its
            # namesakes ("Geneva" the Swiss city, not Geneva, Illinois, though the US is named)
            world and (e.pop < WORLD_SIZEABLE or any(
                entries[j].pop * 5 > e.pop for j in cands if j != i and entries[j].source == WORLD)),
            math.cos(math.radians(e.lat)) if e.lat is not None else 0.0))
    memo[(key, use_world)] = out
    return out


def _plan(g: Gazetteer, m: _Match, use_world: bool) -> list[tuple[_Reading, tuple[float, ...]]]:
    """The readings a match can take, each with the score steps its cues add (in the order they
    are added, so sums round as before); the ones its cues rule out are dropped."""
    memo = g.caches.setdefault("plans", {})
    sig = (m.key, use_world, m.gov_cue, m.district_cue, m.strong, m.of_cue, m.weak, m.sent_initial)
    plan = memo.get(sig)
    if plan is not None:
        return plan
    if len(memo) > 100_000:  # a long run over many texts: stay bounded
        memo.clear()
    plan = []
    for r in _readings(g, m.key, m.cands, use_world):
        if r.hard and not m.of_cue:
            continue  # "the Syrian city of": "Syrian" is never Serian (Malaysia)
        # stoplisted words and very short names ("Bab", "Hit") need a notable place or a clear cue
        if not m.strong and r.stop and (not r.notable or m.sent_initial):
            continue
        if r.world_dead:
            continue
        kind, steps = r.e.kind, []
        if m.gov_cue:
            steps.append(0.4 if kind == "governorate" else -0.3)
        elif m.district_cue and kind == "district":
            steps.append(0.3)
        if m.strong:
            steps.append(0.25 if r.loc else -0.2)
        elif m.weak and r.loc:
            steps.append(0.05)
        plan.append((r, tuple(steps)))
    memo[sig] = plan
    return plan


_NEAR = 25 / 111.0 + 1e-9  # degrees of latitude within which a point can be 25 km away


def _resolve(g: Gazetteer, m: _Match, plan: list[tuple[_Reading, tuple[float, ...]]], ctx: _Ctx) -> None:
    best_i, best, second_i, second = -1, 0.0, -1, 0.0
    si = m.sent_initial
    a1, a1_own, a2, a2_own, lats, points, countries = ctx
    # each reading's score in the context, added up inline: ~30 readings an article, where a call
    # and unpacking the context cost as much as the sums (tests/test_fastpaths_places.py keeps the
    # former _score function as the reference)
    for r, steps in plan:
        e = r.e
        s = r.s0
        if a1 and a1.get(e.admin1, 0) > a1_own.get(e.admin1, 0):
            s += 0.2
        if e.admin2 and a2 and a2.get(e.admin2, 0) > a2_own.get(e.admin2, 0):
            s += 0.1
        if lats and s < 0.7 and r.loc and e.lat is not None and e.lon is not None:
            lat, lon, c = e.lat, e.lon, r.cos
            near = points[bisect_left(lats, lat - _NEAR):bisect_right(lats, lat + _NEAR)]
            # the arithmetic of _km, step for step
            if near and any(math.hypot((lon - alon) * 111.0 * c, (lat - alat) * 111.0) < 25
                            for alat, alon in near):
                s += 0.1
        if r.world:
            s -= 0.15  # Syria/Iraq news: "Daraya" is Darayya near Damascus, not Ad Dir'iyah
            if r.world_weak and e.country not in countries:
                continue  # a score of 0.0: never above best or second (both start at 0.0)
        if countries:
            s += 0.05 if e.country in countries else -0.1
        elif e.country == "SY":
            s += 0.05  # warledger's home war: Syria over Iraq when the text does not say
        for x in steps:
            s += x
        if si and s < 0.6:
            s -= 0.1
        # s is uncapped: 1.2 must beat 1.05 when comparing readings
        if s > best:
            best_i, best, second_i, second = r.i, s, best_i, best
        elif s > second:
            second_i, second = r.i, s
    conf = best
    if second_i >= 0 and best_i >= 0:
        a, b = g.entries[best_i], g.entries[second_i]
        nested = a.admin1 == b.admin1 and ({a.kind, b.kind} & {"governorate", "district"})
        if not nested and _km(a, b) > 5:
            conf = best - 0.5 * max(0.0, second - best + 0.3)
    m.best, m.score = best_i, round(max(0.0, min(conf, 1.0)), 3)


def _resolve_all(g: Gazetteer, matches: list[_Match], ctx_of: Callable[[str], _Ctx], use_world: bool,
                 memo: dict[tuple, tuple[int, float, bool]] | None = None) -> None:
    # a reading depends only on the name, its cues and the context: "Syria" named 20 times is
    # resolved once per pass ("the Syrian ..." alone is 2,490 matches in the FA-KES articles)
    if memo is None:
        memo = {}
    for m in matches:
        if m.final:
            continue
        sig = (m.key, m.gov_cue, m.district_cue, m.strong, m.of_cue, m.weak, m.sent_initial)
        r = memo.get(sig)
        if r is None:
            plan = _plan(g, m, use_world)
            if plan:
                _resolve(g, m, plan, ctx_of(m.key))
                m.final = len(plan) == 1 and m.score == 1.0
            else:
                m.best, m.score, m.final = -1, 0.0, True
            memo[sig] = (m.best, m.score, m.final)
        else:
            m.best, m.score, m.final = r


_EMPTY: dict[str, int] = {}


# "the town of al-Quria in Deir ez-Zor province": the text says which governorate holds the name,
# whatever the readings' priors say (al-Quria was Al Qurayya in Sweida)
_IN_GOV = re.compile(r"\s*,?\s+in\s+(?:the\s+)?(?:(?:north|south|east|west|central|rural)\w*\s+)?\Z", re.I)


def _contained(g: Gazetteer, text: str, core: list[_Match]) -> None:
    entries = g.entries
    moved: dict[tuple[str, int], int] = {}  # (key, reading) -> the governorate's reading
    for m, n in zip(core, core[1:]):
        if m.best < 0 or n.best < 0 or n.start - m.end > 40:
            continue
        gov = entries[n.best]
        if gov.kind != "governorate" and not n.gov_cue:
            continue
        e = entries[m.best]
        if e.kind not in ("locality", "landmark") or e.admin1 == gov.admin1 or not gov.admin1:
            continue
        if not _IN_GOV.match(text[m.end:n.start]):
            continue
        inside = [i for i in m.cands if entries[i].admin1 == gov.admin1 and entries[i].kind in ("locality", "landmark")]
        if inside:
            moved[(m.key, m.best)] = m.best = max(inside, key=lambda i: entries[i].pop)
    if moved:  # the same name elsewhere in the text is the same place ("killed dozens of people in al-Quria")
        for m in core:
            m.best = moved.get((m.key, m.best), m.best)


class _Context:
    """Governorates, districts and places the text names confidently, counted per name key so that
    a mention is never its own context ("Aleppo" twice does not vouch for itself)."""

    def __init__(self, g: Gazetteer, matches: list[_Match], countries: set[str]) -> None:
        self.countries = countries
        # counts: plain dicts, the key's own share subtracted when read (see _score)
        admin1: dict[str, int] = {}
        admin2: dict[str, int] = {}
        by_key: dict[str, tuple[dict[str, int], dict[str, int]]] = {}
        self.anchors: dict[int, str] = {}  # entry index -> key that named it
        entries = g.entries
        for o in matches:
            if o.best < 0 or o.score < 0.6:
                continue
            e = entries[o.best]
            if e.kind == "country":
                continue
            own = by_key.get(o.key)
            if own is None:
                own = by_key[o.key] = ({}, {})
            a1, a2 = own
            a1[e.admin1] = a1.get(e.admin1, 0) + 1
            admin1[e.admin1] = admin1.get(e.admin1, 0) + 1
            if e.kind in ("locality", "landmark"):
                a2[e.admin2] = a2.get(e.admin2, 0) + 1
                admin2[e.admin2] = admin2.get(e.admin2, 0) + 1
                self.anchors.setdefault(o.best, o.key)
        self.admin1, self.admin2, self.by_key = admin1, admin2, by_key
        # sorted by latitude: a candidate looks only at the points in its band (bisect)
        self.points: list[tuple[tuple[float, float], str]] = sorted(
            ((e.lat, e.lon), k) for e, k in ((g.entries[i], k) for i, k in self.anchors.items())
            if e.lat is not None and e.lon is not None)
        pts = [p for p, _k in self.points]
        self.views: dict[str | None, _Ctx] = {
            None: (admin1, _EMPTY, admin2, _EMPTY, [p[0] for p in pts], pts, countries)}

    def view(self, key: str) -> _Ctx:
        """The context of a key's mentions: (admin1 counts, the key's own share of them, admin2
        counts, its own share, other places' points, countries)."""
        v = self.views.get(key)
        if v is None:
            own = self.by_key.get(key)
            if own is None:  # the key named nothing confidently: every point is another place's
                v = self.views[None]
            else:
                pts = [p for p, k in self.points if k != key]
                v = (self.admin1, own[0], self.admin2, own[1], [p[0] for p in pts], pts, self.countries)
            self.views[key] = v
        return v




_SHORT = 300  # texts this long or shorter are kept by _prepared: titles


def _prepared(g: Gazetteer, np: _NonPlaces, text: str) -> list:
    """[organisation ranges, core tokens, core spans, world (tokens, spans) or None] of a text.

    Short texts are kept (the last few hundred): extract() matches each title twice, with its body
    and alone. Kept in g.caches, so a gazetteer change (or the world part loading) empties them."""
    short = len(text) <= _SHORT
    if short:
        memo = g.caches.setdefault("short_texts", {})
        r = memo.get(text)
        if r is not None:
            return r
    orgs = np.org_ranges(text)
    tk = _tokens(g, text, False)
    r = [orgs, tk, _outside(_spans(g, text, tk, False), tk.starts, orgs), None]
    if short:
        if len(memo) >= 256:
            memo.clear()
        memo[text] = r
    return r


def _world_prepared(g: Gazetteer, text: str, prep: list) -> tuple:
    """(tokens, spans) of a `_prepared` text keyed with the world part's words too."""
    if prep[3] is None:
        tk = _tokens(g, text, True, prep[1])
        prep[3] = (tk, _outside(_spans(g, text, tk, True), tk.starts, prep[0]))
    return prep[3]


def find_places(text: str, *, title: str | None = None, world: bool | None = None) -> list[PlaceMention]:
    """All place mentions in `text`, in order, each resolved using the whole text (and title).

    `world`: also match cities and regions outside Syria and Iraq; by default only when the text
    names another country.
    """
    g = get_gazetteer()
    np = _nonplaces()
    # "an Al Jazeera video camera", "Agence France-Presse": organisations are no places, and
    # they name no country either
    prep = _prepared(g, np, text)
    tk, spans = prep[1], prep[2]
    tprep = _prepared(g, np, title) if title else None
    ttk, tspans = (tprep[1], tprep[2]) if tprep else (None, [])
    countries: set[str] = set()
    named = g.caches.setdefault("countries", {})
    for sp in (spans, tspans):  # "Russia" is also the village Ar Rusiyah: the country wins here
        for _ti, _tl, key, cands in sp:
            cs = named.get(key)
            if cs is None:
                cs = named[key] = frozenset(g.entries[i].country for i in cands
                                            if g.entries[i].kind == "country")
            if cs:
                countries.update(cs)
    if world is None:
        world = bool(countries - {"SY", "IQ"})
    if world:
        g.load_world()
        tk, spans = _world_prepared(g, text, prep)
        if tprep and title is not None:
            ttk, tspans = _world_prepared(g, title, tprep)
    core = _matches(g, text, tk, spans)
    matches = core + (_matches(g, title, ttk, tspans) if ttk and title is not None else [])
    # the first pass reads only the countries named: its readings hold for every text naming
    # the same ones, and most FA-KES articles name Syria and one to three others
    ctx0: _Ctx = (_EMPTY, _EMPTY, _EMPTY, _EMPTY, [], [], countries)
    pass1 = g.caches.setdefault("pass1_final", {})
    memo = pass1.get((frozenset(countries), world))
    if memo is None or len(memo) > 20_000:
        if len(pass1) > 500:
            pass1.clear()
        memo = pass1[(frozenset(countries), world)] = {}
    _resolve_all(g, matches, lambda key: ctx0, world, memo)
    # second pass: every other confident mention, the title's too, is context; only the text's
    # own mentions are returned, so only they are resolved again
    _resolve_all(g, core, _Context(g, matches, countries).view, world)
    _contained(g, text, core)
    out = []
    # a story that names other countries and neither Syria nor Iraq nor any of their governorates or
    # towns: "Alma al-Chaab", "Houla" in a Lebanon story are no small Syrian villages. (FA-KES
    # articles often say "Syrian" and never "Syria": their Hama or Idlib keeps Syria in)
    abroad = bool(countries) and not (countries & _HOME) and not any(
        m.best >= 0 and m.score >= 0.6 and g.entries[m.best].country in _HOME
        and _notable(g, m.key, m.best, g.entries[m.best]) for m in matches)
    persons: set[str] = set()  # keys read as a person's name once: "Kevin King" ... "King and Weeks"
    kept = []
    skip_to = -1  # the rest of a name whose first word was dropped: "al-Chaab" of "Alma al-Chaab"
    for m in core:
        if m.best < 0 or m.score < MIN_SCORE or m.start < skip_to:
            continue
        e = g.entries[m.best]
        if e.source == WORLD and e.kind == "locality" and _person(np, g, text, m):
            persons.add(m.key)
            continue
        if e.source != WORLD and e.kind == "locality" and not _notable(g, m.key, m.best, e) \
                and core_person(text, m.start, m.end):
            continue
        if e.kind != "country" and ORG_AFTER.match(text, m.end):
            continue
        if abroad and e.country in _HOME and e.kind == "locality" and not _notable(g, m.key, m.best, e):
            nxt = _ARTICLE_NEXT.match(text, m.end) if " " not in m.key else None
            if nxt:  # "Alma al-Chaab": drop the rest of the name too
                w = _WORD.match(text, nxt.end() - 1)
                skip_to = w.end() if w else m.end
                continue
            if m.score < MIN_SCORE + ABROAD_PENALTY:
                continue
        kept.append((m, e))
    dl = _DATELINE.match(text)
    dl_end = dl.end() if dl else -1
    for m, e in kept:
        if m.key in persons and e.source == WORLD:
            continue
        if m.gov_cue and e.kind == "governorate" and e.name in GOV_CUE_REDIRECT:
            e = g.admin1.get(GOV_CUE_REDIRECT[e.name], e)
        prec = _PRECISION.get(e.kind, "place")
        place = Place(name=text[m.start:m.end], gazetteer_name=e.name, gazetteer_id=e.id,
                      admin2=e.admin2 or None, admin1=e.admin1 or None, country=e.country,
                      lat=e.lat, lon=e.lon, precision=prec)
        if m.end <= dl_end or text[m.start:m.end].isupper() and MID_DATELINE_AFTER.match(text, m.end):
            out.append(PlaceMention(m.start, m.end, text[m.start:m.end], place,
                                    round(max(0.0, m.score - DATELINE_PENALTY), 3), e.kind, len(m.cands), True))
            continue
        out.append(PlaceMention(m.start, m.end, text[m.start:m.end], place, m.score, e.kind,
                                len(m.cands)))
    for s, end, name, gov in unlisted.find(g, text, out):
        place = Place(name=name, gazetteer_name=None, gazetteer_id=None, admin2=None,
                      admin1=gov.place.admin1, country=gov.place.country, lat=gov.place.lat,
                      lon=gov.place.lon, precision="governorate")
        out.append(PlaceMention(s, end, name, place, 0.5, "locality", 0))
    out = _with_epithets(g, text, out)
    out.sort(key=lambda p: p.start)
    return out


def _with_epithets(g: Gazetteer, text: str, found: list[PlaceMention]) -> list[PlaceMention]:
    """"the Syrian capital" → Damascus (epithets.py); the epithet's span wins over a country
    read inside it ("Syria" of "Syrias second city") and yields to any other name found there."""
    spots = epithets.find(text)
    if not spots:
        return found
    for s, e, city, cc in spots:
        inside = [p for p in found if p.start < e and s < p.end]
        if any(p.kind != "country" for p in inside):
            continue
        # "the Syrian capital Damascus", "Syrias second city, Aleppo": the name that follows is
        # the place's name; the epithet adds nothing
        if any(0 <= p.start - e <= 2 and p.kind == "locality" for p in found):
            continue
        i = epithets.entry_for(g, city, cc)
        if i is None:
            continue
        en = g.entries[i]
        place = Place(name=text[s:e], gazetteer_name=en.name, gazetteer_id=en.id,
                      admin2=en.admin2 or None, admin1=en.admin1 or None, country=en.country,
                      lat=en.lat, lon=en.lon, precision=_PRECISION.get(en.kind, "place"))
        found = [p for p in found if p not in inside]
        found.append(PlaceMention(s, e, text[s:e], place, EPITHET_SCORE, en.kind, 1))
    return found


