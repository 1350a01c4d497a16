"""Pair scores: how likely two Events describe one real event.

Events become column arrays once (`Features`); candidate pairs are then scored all at
once with numpy, so 100k events score in seconds. Each component is in [0, 1] and the
score is their weighted mean; a few hard vetoes (far apart, different event kinds) cap it.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date as _date
from typing import Sequence

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer
from sklearn.preprocessing import normalize

from ..records import Count, Event

PRECISE = {"place", "district"}
CIVILIAN_KEYS = {"civilians", "children", "women"}
COMBATANT_KEYS = {"combatants"}


@dataclass(frozen=True)
class ScoreOptions:
    """Weights of the pair score's components and its vetoes (declared once here)."""

    weights: dict[str, float] = field(default_factory=lambda: {
        "place": 0.2, "date": 0.15, "type": 0.2, "text": 0.2, "figures": 0.15,
        "actor": 0.05, "victims": 0.05,
    })
    vague_place: float = 0.3  # score of a pair where either place is only a governorate
    text_floor: float = 0.05  # cosine of unrelated sentences that share stock words ...
    text_span: float = 0.4  # ... and the extra cosine that counts as full agreement
    max_exact_gap: int = 1  # days between two day-precise reports of one event
    near_km: float = 3.0  # same spot: two precise places this close score 1
    far_km: float = 25.0  # two precise places this far apart score 0 ...
    max_km: float = 60.0  # ... and beyond this they can never be one event
    # Different ACLED event types (a battle vs a bombing) are different events; the
    # cap keeps such a pair below any sensible threshold whatever else agrees.
    type_mismatch_cap: float = 0.5
    # Two texts that name neighbouring days AND tolls this far apart (both ratio and gap)
    # are two events: "at least 21 civilians" on Monday 18 July 2016 near Manbij and "at
    # least 85 civilians on Tuesday" (the Tokhar strike) were one ledger event. Partisan
    # tolls of one day stay together (58 vs 72 for Khan Sheikhun is a ratio of 1.24).
    split_ratio: float = 2.0
    split_gap: float = 5.0


@dataclass
class Features:
    """Events as column arrays: what the vectorised scorer reads."""

    day: np.ndarray  # date ordinal, -1 when unknown
    day_exact: np.ndarray  # bool: date precision is "day"
    lat: np.ndarray
    lon: np.ndarray
    precise: np.ndarray  # bool: place/district precision with coordinates
    place_key: np.ndarray  # int code of gazetteer id or place name, -1 unknown
    etype: np.ndarray  # int codes, -1 unknown
    subtype: np.ndarray
    cause: np.ndarray
    actor: np.ndarray
    killed: np.ndarray  # float, nan unknown
    killed_firm: np.ndarray  # bool: a number was written ("at least 21"), not "dozens"
    victims: np.ndarray  # 0 unknown, 1 civilians, 2 combatants, 3 both
    article: np.ndarray  # int code of article id
    text: object  # sparse TF-IDF rows (L2-normalised), or None


def _coder() -> tuple[dict, callable]:
    table: dict = {}

    def code(v):
        if v is None or v == "":
            return -1
        return table.setdefault(str(v).strip().lower(), len(table))
    return table, code


def day_ordinal(iso: str | None) -> int:
    if not iso or len(iso) < 10:
        return -1
    try:
        return _date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return -1


def killed_value(e: Event) -> float:
    k = e.killed
    for v in (k.best, k.low, k.high):
        if v is not None:
            return float(v)
    return math.nan


VAGUE = {"vague", "unquantified"}


def is_vague(c: Count) -> bool:
    """A toll given in words ("dozens", "scores") or not at all."""
    return c.unquantified or (c.qualifier or "") in VAGUE


def killed_firm(e: Event) -> bool:
    """A toll the text states as a number: "dozens" (coded 12) proves no disagreement.

    A sum is as vague as its parts: "killed dozens of civilians including children"
    comes out as a sum of 12."""
    if math.isnan(killed_value(e)) or is_vague(e.killed):
        return False
    return not (e.killed.qualifier == "sum" and any(is_vague(v) for v in e.victims.values()))


def victim_kind(e: Event) -> int:
    civ = any((e.victims.get(k) is not None and (e.victims[k].best or e.victims[k].low or
               e.victims[k].unquantified)) for k in CIVILIAN_KEYS)
    com = any((e.victims.get(k) is not None and (e.victims[k].best or e.victims[k].low or
               e.victims[k].unquantified)) for k in COMBATANT_KEYS)
    return (1 if civ else 0) + (2 if com else 0)


_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def light_stem(word: str) -> str:
    """Fold English inflections so "bomber", "bombing" and "bombs" meet (nltk is not a
    dependency; the headlines "Suicide bombing kills at least 16" and "Motorbike bomber
    kills 16 outside bakery" must share a word)."""
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    for suffix in ("ing", "er", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[:-len(suffix)]
    return word


def analyze(text: str) -> list[str]:
    """Lower-cased, stemmed content words: the tokens the text component compares."""
    return [light_stem(w) for w in _TOKEN.findall(text.lower()) if w not in ENGLISH_STOP_WORDS]


def event_text(e: Event, titles: dict[str, str]) -> str:
    """The words that name the incident: its sentence, plus the headline for a primary event."""
    parts = [e.sentence.text if e.sentence and e.sentence.text else ""]
    if e.primary or not parts[0]:
        parts.append(titles.get(e.article_id, ""))
    return " ".join(p for p in parts if p)


def build_features(events: Sequence[Event], titles: dict[str, str] | None = None,
                   idf_power: float = 2.0) -> Features:
    titles = titles or {}
    _, place_code = _coder()
    _, type_code = _coder()
    _, sub_code = _coder()
    _, cause_code = _coder()
    _, actor_code = _coder()
    _, art_code = _coder()
    n = len(events)
    lat = np.full(n, np.nan)
    lon = np.full(n, np.nan)
    for i, e in enumerate(events):
        if e.place.lat is not None and e.place.lon is not None:
            lat[i], lon[i] = e.place.lat, e.place.lon
    precise = np.array([(e.place.precision in PRECISE) for e in events], dtype=bool) & ~np.isnan(lat)
    texts = [event_text(e, titles) for e in events]
    text = tfidf(texts, idf_power)
    return Features(
        day=np.array([day_ordinal(e.date) for e in events], dtype=np.int64),
        day_exact=np.array([(e.date_precision or "day") == "day" for e in events], dtype=bool),
        lat=lat, lon=lon, precise=precise,
        place_key=np.array([place_code(e.place.gazetteer_id or e.place.gazetteer_name or e.place.name)
                            for e in events], dtype=np.int64),
        etype=np.array([type_code(e.event_type) for e in events], dtype=np.int64),
        subtype=np.array([sub_code(e.sub_event_type) for e in events], dtype=np.int64),
        cause=np.array([cause_code(None if e.cause == "unknown" else e.cause) for e in events],
                       dtype=np.int64),
        actor=np.array([actor_code(None if (e.actor1 or "").lower() == "unknown" else e.actor1)
                        for e in events], dtype=np.int64),
        killed=np.array([killed_value(e) for e in events], dtype=float),
        killed_firm=np.array([killed_firm(e) for e in events], dtype=bool),
        victims=np.array([victim_kind(e) for e in events], dtype=np.int64),
        article=np.array([art_code(e.article_id) for e in events], dtype=np.int64),
        text=text,
    )


def tfidf(texts: Sequence[str], idf_power: float = 2.0):
    """L2-normalised rows of sublinear tf × idf^power; None when no text has a content word.

    Document frequencies are the input's own plus the shipped background's, so a pair
    scores alike alone or among 100k events. idf counts twice (power 2): stock phrasing
    ("a source told the agency that ... claimed the lives of") recurs across unrelated
    reports; names are what tell them apart.
    """
    from .background import background_df

    cv = CountVectorizer(analyzer=analyze, dtype=np.float32)
    try:
        counts = cv.fit_transform(texts).tocsr()
    except ValueError:  # no content word anywhere
        return None
    n_bg, bg = background_df()
    vocab = cv.get_feature_names_out()
    df = np.bincount(counts.indices, minlength=len(vocab)) + np.array(
        [bg.get(w, 0) for w in vocab], dtype=np.float64)
    idf = np.log((1.0 + len(texts) + n_bg) / (1.0 + df)) + 1.0
    counts.data = 1.0 + np.log(counts.data)
    return normalize(counts.multiply((idf ** idf_power).astype(np.float32)).tocsr())


def haversine_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi, dl = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def _match(a: np.ndarray, b: np.ndarray, unknown: float = 0.5, differ: float = 0.0) -> np.ndarray:
    known = (a >= 0) & (b >= 0)
    return np.where(known, np.where(a == b, 1.0, differ), unknown)


def components(f: Features, i: np.ndarray, j: np.ndarray, opt: ScoreOptions) -> dict[str, np.ndarray]:
    """Each component's similarity for the pairs (i[k], j[k])."""
    # place: distance when both are precise, the same named place, else "compatible, vague"
    both_precise = f.precise[i] & f.precise[j]
    with np.errstate(invalid="ignore"):
        d = haversine_km(f.lat[i], f.lon[i], f.lat[j], f.lon[j])
    dist_sim = np.clip((opt.far_km - d) / (opt.far_km - opt.near_km), 0.0, 1.0)
    # a governorate-level place ("in Aleppo province") is compatible with anything in the
    # block but is no evidence that two reports share an event: it scores below neutral
    same_name = (f.place_key[i] >= 0) & (f.place_key[i] == f.place_key[j])
    place = np.where(both_precise, dist_sim, opt.vague_place)
    place = np.where(same_name & both_precise, np.maximum(place, 0.9), place)

    # date: one day apart is common (a night raid reported the next morning)
    dd = np.abs(f.day[i] - f.day[j]).astype(float)
    exact = f.day_exact[i] & f.day_exact[j]
    date = np.where(exact, np.interp(dd, [0, 1, 2, 3], [1.0, 0.5, 0.1, 0.0]),
                    np.interp(dd, [0, 3, 7], [0.7, 0.5, 0.0]))

    # type: sub-event agreement is strongest; a differing sub-type of the same type is weak
    sub = _match(f.subtype[i], f.subtype[j], unknown=-1.0, differ=0.3)
    et = _match(f.etype[i], f.etype[j], unknown=0.5, differ=0.0)
    cause = _match(f.cause[i], f.cause[j], unknown=-1.0, differ=0.3)
    typ = np.where(sub >= 0, np.minimum(sub, np.where(et == 0.0, 0.0, 1.0)), et)
    typ = np.where((cause >= 0) & (et == 0.5), cause, typ)

    # figures: partisan tolls differ, so this only nudges; 3 vs 4 agree, 7 vs 70 do not
    ka, kb = f.killed[i], f.killed[j]
    known = ~np.isnan(ka) & ~np.isnan(kb)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(np.maximum(ka, kb) > 0, np.minimum(ka, kb) / np.maximum(ka, kb), 1.0)
    close = np.abs(ka - kb) <= 1
    # "dozens" is coded 12 (ACLED's conservative rule), so it would "agree" with any toll
    # near 12: TRT's "Dozens of civilians have reportedly been killed ... as they fled" (the
    # Tokhar strike, 19 July 2016) scored as close to "at least 15" of the day before
    firm = f.killed_firm[i] & f.killed_firm[j]
    figures = np.where(known & firm, np.where(close, 1.0, ratio), 0.5)

    # actors: "different culprits" is what partisan outlets do, so a mismatch is mild
    actor = _match(f.actor[i], f.actor[j], unknown=0.5, differ=0.25)

    va, vb = f.victims[i], f.victims[j]
    victims = np.where((va == 0) | (vb == 0), 0.5, np.where((va & vb) > 0, 1.0, 0.2))

    text = np.full(i.shape, 0.3)
    if f.text is not None and i.size:
        cos = _row_dots(f.text, i, j)
        # short sentences by two outlets share few words even for one event: AFP's and
        # al-Manar's Castello Road sentences have cosine 0.28, while the air strikes on east
        # Aleppo and SANA's rocket on al-Sulaimaniyeh the same day have 0.12
        text = np.clip((cos - opt.text_floor) / opt.text_span, 0.0, 1.0)
    return {"place": place, "date": date, "type": typ, "text": text, "figures": figures,
            "actor": actor, "victims": victims, "_distance": np.where(both_precise, d, np.nan),
            "_etype_differ": (et == 0.0)}


def _row_dots(x, i: np.ndarray, j: np.ndarray, chunk: int = 200_000) -> np.ndarray:
    out = np.empty(i.shape, dtype=float)
    for s in range(0, i.size, chunk):
        a, b = x[i[s:s + chunk]], x[j[s:s + chunk]]
        out[s:s + chunk] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out


def score_pairs(f: Features, i: np.ndarray, j: np.ndarray, opt: ScoreOptions | None = None
                ) -> np.ndarray:
    """Scores in [0, 1] for the pairs (i[k], j[k]); 0 for pairs that can never be one event."""
    opt = opt or ScoreOptions()
    i, j = np.asarray(i, dtype=np.int64), np.asarray(j, dtype=np.int64)
    comp = components(f, i, j, opt)
    total = sum(opt.weights.values())
    score = sum(opt.weights[k] * comp[k] for k in opt.weights) / total
    score = np.where(comp["_etype_differ"], np.minimum(score, opt.type_mismatch_cap), score)
    far = np.nan_to_num(comp["_distance"], nan=0.0) > opt.max_km
    # Two reports that each give the day, two or more days apart, are two events: rebel
    # shells on west Aleppo were reported by SANA for the 12th, 13th, 14th and 15th of
    # August 2016 alike, and nothing but the day told them apart.
    days_apart = (f.day_exact[i] & f.day_exact[j]) & (np.abs(f.day[i] - f.day[j]) > opt.max_exact_gap)
    far |= days_apart | day_split(f, i, j, opt)
    return np.where(far, 0.0, score)


def day_split(f: Features, i: np.ndarray, j: np.ndarray, opt: ScoreOptions) -> np.ndarray:
    """Pairs whose texts name different days and whose stated tolls are far apart.

    One day apart is allowed for a night raid reported the next morning, but then the
    toll agrees; "Two civilians were killed on Monday" in New Aleppo and "more than 14
    dead" in al-Sheikh Maqsoud two days before a Thursday report are two shellings.
    """
    exact = f.day_exact[i] & f.day_exact[j] & (f.day[i] >= 0) & (f.day[j] >= 0)
    other_day = exact & (f.day[i] != f.day[j])
    firm = f.killed_firm[i] & f.killed_firm[j]
    lo = np.fmin(f.killed[i], f.killed[j])
    hi = np.fmax(f.killed[i], f.killed[j])
    with np.errstate(invalid="ignore"):
        far = (hi - lo >= opt.split_gap) & (hi >= opt.split_ratio * np.maximum(lo, 1.0))
    return other_day & firm & far


def explain_pair(a: Event, b: Event, titles: dict[str, str] | None = None,
                 opt: ScoreOptions | None = None, corpus: Sequence[Event] = ()) -> dict[str, float]:
    """Each component and the final score for one pair (for tests and explanations).

    Pass the other events as `corpus` to weigh words as `corroborate` does (idf over all
    events); without it, idf comes from the pair alone and shared words weigh little.
    """
    opt = opt or ScoreOptions()
    f = build_features([a, b, *[e for e in corpus if e.id not in (a.id, b.id)]], titles)
    i, j = np.array([0]), np.array([1])
    comp = components(f, i, j, opt)
    out = {k: float(comp[k][0]) for k in opt.weights}
    out["score"] = float(score_pairs(f, i, j, opt)[0])
    return out
