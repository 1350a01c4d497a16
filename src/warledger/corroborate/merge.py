"""A cluster of Events → one LedgerEvent: every claim, the range of figures, the conflicts.

Wire copies and several articles of one outlet count as one independent source (its
figure: the highest it gave); the event's best figure is the one most independent
sources give, else the median of theirs (the lower middle one when even).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from statistics import median_low
from typing import Iterable, Sequence

from ..records import Article, Claim, Count, Event, LedgerEvent, Place, content_id
from .similarity import is_vague, victim_kind

PRECISION_RANK = {"place": 0, "district": 1, "governorate": 2, "country": 3}


@dataclass(frozen=True)
class MergeOptions:
    """When two independent figures count as "far apart" (both ratio and gap must hold)."""

    far_ratio: float = 2.0
    far_gap: int = 5  # "3 killed" vs "7 killed" is normal noise, not a contradiction


def ledger_id(event_ids: Iterable[str]) -> str:
    """Stable id of a ledger event: a hash of its sorted member event ids."""
    return content_id(*sorted(event_ids), prefix="le_")


def make_claim(e: Event, art: Article | None, canonical: dict[str, str]) -> Claim:
    canon = canonical.get(e.article_id)
    return Claim(
        event_id=e.id, article_id=e.article_id,
        source=art.source if art else None, published=art.published if art else None,
        date=e.date, killed=e.killed, injured=e.injured, victims=dict(e.victims),
        actor1=e.actor1, actor2=e.actor2, claimed_by=list(e.claimed_by), evidence=e.sentence,
        duplicate_of=canon if canon and canon != e.article_id else None,
    )


def source_key(c: Claim, articles: dict[str, Article], canonical: dict[str, str]) -> str:
    """Who really stands behind a claim: the outlet of the text it copies, else its own.

    alaraby republishing ahram's AFP copy on Khan Sheikhun counts for ahram, while
    alaraby's own report of the same attack still counts for alaraby.
    """
    origin = canonical.get(c.article_id, c.article_id)
    art = articles.get(origin)
    outlet = art.source if art is not None and art.source else (c.source if origin == c.article_id else None)
    return f"outlet:{outlet.lower()}" if outlet else f"text:{origin}"


def source_groups(claims: Sequence[Claim], articles: dict[str, Article],
                  canonical: dict[str, str]) -> list[list[int]]:
    """Claim indexes grouped by independent source (see `source_key`), in first-seen order."""
    groups: dict[str, list[int]] = {}
    for k, c in enumerate(claims):
        groups.setdefault(source_key(c, articles, canonical), []).append(k)
    return list(groups.values())


def _figure(c: Count) -> int | None:
    for v in (c.best, c.low, c.high):
        if v is not None:
            return v
    return None


def combine_counts(counts: Sequence[Count], groups: list[list[int]]) -> Count:
    """low/high: the lowest and highest claims; best: most-supported figure, else the median."""
    lows = [c.low if c.low is not None else _figure(c) for c in counts]
    highs = [c.high if c.high is not None else _figure(c) for c in counts]
    lows = [v for v in lows if v is not None]
    highs = [v for v in highs if v is not None]
    per_source = []
    for g in groups:
        # a source's claim is its highest figure: an outlet's later articles raise the toll
        # ("Death toll from Aleppo bus convoy bomb attack at least 126" after "at least 112")
        figs = [f for f in (_figure(counts[k]) for k in g) if f is not None]
        if figs:
            per_source.append(max(figs))
    if not per_source:
        return Count(unquantified=any(c.unquantified for c in counts))
    support = Counter(per_source).most_common()
    if support[0][1] >= 2 and (len(support) == 1 or support[1][1] < support[0][1]):
        best = support[0][0]
    else:
        best = median_low(sorted(per_source))
    low, high = min(lows + [best]), max(highs + [best])
    qualifier = counts[0].qualifier if len(counts) == 1 else ("range" if low != high else None)
    return Count(low=low, best=best, high=high, qualifier=qualifier)


def _mode(values: Iterable[str | None], *, strict: bool = False) -> str | None:
    """Most common non-empty value; on a tie the alphabetically first, or None if `strict`."""
    c = Counter(v for v in values if v)
    if not c:
        return None
    top = c.most_common()
    if strict and len(top) > 1 and top[1][1] == top[0][1]:
        return None
    best_n = top[0][1]
    return sorted(v for v, n in top if n == best_n)[0]


def _label(claims: Sequence[Claim], k: int) -> str:
    return claims[k].source or claims[k].article_id


def contradictions(claims: Sequence[Claim], events: Sequence[Event], groups: list[list[int]],
                   opt: MergeOptions) -> list[str]:
    """Flags: figures far apart, different culprits, civilians in one report and fighters in another."""
    flags = []
    for what in ("killed", "injured"):
        figs = []
        for g in groups:
            # "dozens" (coded 12) contradicts no toll: sputnik's "killed dozens of people"
            # in Ghouta was flagged as far apart from the 1400 of the same attack
            vals = [(f, k) for k in g if (f := _figure(getattr(claims[k], what))) is not None
                    and not is_vague(getattr(claims[k], what))]
            if vals:
                figs.append(min(vals))
        if len(figs) >= 2:
            lo, hi = min(figs), max(figs)
            if hi[0] - lo[0] >= opt.far_gap and hi[0] >= opt.far_ratio * max(lo[0], 1):
                flags.append(f"figures_far_apart: {what} {lo[0]} ({_label(claims, lo[1])}) "
                             f"vs {hi[0]} ({_label(claims, hi[1])})")
    culprits: dict[str, list[str]] = {}
    for k, c in enumerate(claims):
        if c.actor1 and c.actor1.lower() != "unknown":
            culprits.setdefault(c.actor1, []).append(_label(claims, k))
    if len(culprits) > 1:
        flags.append("different_culprits: " + "; ".join(
            f"{a} ({', '.join(sorted(set(s)))})" for a, s in sorted(culprits.items())))
    kinds = [victim_kind(e) for e in events]
    civ = sorted({_label(claims, k) for k, v in enumerate(kinds) if v == 1})
    fighters = sorted({_label(claims, k) for k, v in enumerate(kinds) if v == 2})
    if civ and fighters:
        flags.append(f"civilians_vs_fighters: civilians in {', '.join(civ)}; "
                     f"fighters in {', '.join(fighters)}")
    return flags


def _best_place(events: Sequence[Event]) -> Place:
    ranked = sorted(events, key=lambda e: (PRECISION_RANK.get(e.place.precision or "", 4), e.id))
    top = PRECISION_RANK.get(ranked[0].place.precision or "", 4)
    finest = [e for e in ranked if PRECISION_RANK.get(e.place.precision or "", 4) == top]
    key = _mode(e.place.gazetteer_id or e.place.gazetteer_name or e.place.name or "" for e in finest)
    for e in finest:
        if (e.place.gazetteer_id or e.place.gazetteer_name or e.place.name or "") == (key or ""):
            return replace(e.place)
    return replace(finest[0].place)


def _best_date(events: Sequence[Event]) -> str | None:
    exact = [e.date for e in events if e.date and (e.date_precision or "day") == "day"]
    pool = exact or [e.date for e in events if e.date]
    if not pool:
        return None
    c = Counter(pool).most_common()
    return min(d for d, n in c if n == c[0][1])  # a tie goes to the earliest report date


def merge_cluster(events: Sequence[Event], articles: dict[str, Article],
                  canonical: dict[str, str], options: MergeOptions | None = None) -> LedgerEvent:
    """One LedgerEvent from the events of one cluster."""
    opt = options or MergeOptions()
    if len(events) == 1:  # most ledger events have one report: skip the votes
        e = events[0]
        claim = make_claim(e, articles.get(e.article_id), canonical)
        one = [[0]]
        return LedgerEvent(
            id=ledger_id([e.id]), date=e.date, place=replace(e.place), event_type=e.event_type,
            sub_event_type=e.sub_event_type,
            actor1=e.actor1 if (e.actor1 or "").lower() != "unknown" else None,
            actor2=e.actor2 or None, killed=combine_counts([claim.killed], one),
            injured=combine_counts([claim.injured], one), claims=[claim], n_sources=1)
    events = sorted(events, key=lambda e: ((articles.get(e.article_id).published or "")
                                           if articles.get(e.article_id) else "",
                                           e.article_id, e.id))
    claims = [make_claim(e, articles.get(e.article_id), canonical) for e in events]
    groups = source_groups(claims, articles, canonical)
    return LedgerEvent(
        id=ledger_id(e.id for e in events),
        date=_best_date(events),
        place=_best_place(events),
        event_type=_mode(e.event_type for e in events),
        sub_event_type=_mode(e.sub_event_type for e in events),
        # one vote per independent source (a wire copy does not vote twice); a tie
        # between culprits names nobody: the contradiction flag says who blamed whom
        actor1=_mode((_mode(claims[k].actor1 for k in g
                            if (claims[k].actor1 or "").lower() != "unknown") for g in groups),
                     strict=True),
        actor2=_mode((_mode(claims[k].actor2 for k in g) for g in groups), strict=True),
        killed=combine_counts([c.killed for c in claims], groups),
        injured=combine_counts([c.injured for c in claims], groups),
        claims=claims,
        n_sources=len(groups),
        contradictions=contradictions(claims, events, groups, opt),
    )
