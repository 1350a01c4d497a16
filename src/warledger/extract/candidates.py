"""The working records of event assembly: a sentence with what was found in it (Unit), a
would-be event (Candidate), and the Mention and Count helpers every assembly step uses."""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from datetime import date
from typing import Any

from ..records import Count, Mention, Place, Span
from .actors import Hit, actors_and_claimants
from .casualties import Casualty
from .dates import DateMention


@dataclass(slots=True)
class Unit:
    """A sentence of the body, or the title, with what was found in it."""

    field: str  # "title" | "body"
    text: str  # the whole field's text (offsets index into it)
    start: int
    end: int
    index: int  # sentence number in the body (-1 for the title)
    casualties: list[Casualty] = dc_field(default_factory=list)
    dates: list[DateMention] = dc_field(default_factory=list)
    places: list[Any] = dc_field(default_factory=list)
    triggers: list = dc_field(default_factory=list)
    dates_done: bool = False
    skip_to: int = 0  # the dateline's end: no event date before it
    pub: date | None = None  # publication day, for resolving the unit's dates (``_dates``)
    low: str | None = None  # the whole field's lower case when it is ASCII (same offsets)
    claims: list | None = None  # claimant hits beside a reporting verb (``_claims``), once found
    actors: list[Hit] | None = None  # every actor hit of the sentence (``actors_of``), once found
    claimants: list[Hit] | None = None  # every claimant hit (``claimants_of``), found with ``actors``

    # the dataclass's own __init__ (its generated code) runs interpreted under mypyc; this one,
    # the same, is compiled (dataclass keeps a class's own __init__; eq and repr are its)
    def __init__(self, field: str, text: str, start: int, end: int, index: int,
                 casualties: list[Casualty] | None = None, dates: list[DateMention] | None = None,
                 places: list[Any] | None = None, triggers: list | None = None, dates_done: bool = False,
                 skip_to: int = 0, pub: date | None = None, low: str | None = None, claims: list | None = None,
                 actors: list[Hit] | None = None, claimants: list[Hit] | None = None):
        self.field, self.text, self.start, self.end, self.index = field, text, start, end, index
        self.casualties = [] if casualties is None else casualties
        self.dates = [] if dates is None else dates
        self.places = [] if places is None else places
        self.triggers = [] if triggers is None else triggers
        self.dates_done, self.skip_to, self.pub, self.low = dates_done, skip_to, pub, low
        self.claims, self.actors, self.claimants = claims, actors, claimants


@dataclass(slots=True)
class Candidate:
    units: list[Unit]
    killed: Count
    injured: Count
    victims: dict[str, Count]
    victim_sides: dict[str, str]
    fatal: bool
    evidence: list[Mention] = dc_field(default_factory=list)
    date: str | None = None
    date_precision: str | None = None
    date_basis: str | None = None
    place: Place | None = None
    place_rank: int = 9
    actor1: str | None = None
    actor1_score: float = 0.0
    actor2: str | None = None
    claimed_by: list[str] = dc_field(default_factory=list)
    trigger: Any = None
    title: bool = False
    date_from_report: bool = False  # only a reporting day ("said on Monday") dated it
    part: bool = False  # its figures break down a toll given before ("Six children were among the dead")
    background: bool = False  # a past-perfect toll in an "after" clause (figure_status._after_had)
    own_place: tuple | None = None  # (unit, place mention) when its own sentence named the place

    def __init__(self, units: list[Unit], killed: Count, injured: Count, victims: dict[str, Count],
                 victim_sides: dict[str, str], fatal: bool, evidence: list[Mention] | None = None,
                 date: str | None = None, date_precision: str | None = None, date_basis: str | None = None,
                 place: Place | None = None, place_rank: int = 9, actor1: str | None = None,
                 actor1_score: float = 0.0, actor2: str | None = None, claimed_by: list[str] | None = None,
                 trigger: Any = None, title: bool = False, date_from_report: bool = False, part: bool = False,
                 background: bool = False, own_place: tuple | None = None):
        """Compiled, as ``Unit.__init__``."""
        self.units, self.killed, self.injured, self.victims = units, killed, injured, victims
        self.victim_sides, self.fatal = victim_sides, fatal
        self.evidence = [] if evidence is None else evidence
        self.date, self.date_precision, self.date_basis = date, date_precision, date_basis
        self.place, self.place_rank, self.actor1, self.actor1_score = place, place_rank, actor1, actor1_score
        self.actor2 = actor2
        self.claimed_by = [] if claimed_by is None else claimed_by
        self.trigger, self.title, self.date_from_report, self.part = trigger, title, date_from_report, part
        self.background, self.own_place = background, own_place


def mention(article_id: str, u: Unit, kind: str, s: int, e: int, value: dict, label: str) -> Mention:
    """``value`` is the caller's own fresh dict: it is kept (with ``field`` added), not copied."""
    value["field"] = u.field
    return Mention(kind=kind, span=Span(article_id, s, e, u.text[s:e], field=u.field), value=value, label=label)


def sum_counts(counts: list[Count]) -> Count:
    if not counts:
        return Count()
    if len(counts) == 1:
        return counts[0]
    if all(c.unquantified for c in counts):
        return Count(unquantified=True, qualifier="unquantified")
    counts = [c for c in counts if not c.unquantified]
    best = sum(c.best or 0 for c in counts)
    low = sum(c.low or 0 for c in counts) if all(c.low is not None for c in counts) else None
    high = sum(c.high or 0 for c in counts) if all(c.high is not None for c in counts) else None
    return Count(low=low, best=best, high=high, qualifier="sum")


def to_count(c: Casualty) -> Count:
    q = c.qty
    return Count(low=q.low, best=q.best, high=q.high, qualifier=q.qualifier, unquantified=q.unquantified)


def anchor(live: list[Casualty], u: Unit) -> int:
    return live[0].start if live else u.start


def actors_of(u: Unit) -> list[Hit]:
    """``find_actors`` over the unit's sentence, found once: the event's own sentence asks, and
    again as a neighbour of another event (context.perpetrator). The hits are only read."""
    hits = u.actors
    return _lexicons(u)[0] if hits is None else hits


def claimants_of(u: Unit) -> list[Hit]:
    """``find_claimants`` over the unit's sentence, found once, with its actors: nearly every
    sentence asked for one is asked for the other (the claim and the perpetrator)."""
    hits = u.claimants
    return _lexicons(u)[1] if hits is None else hits


def _lexicons(u: Unit) -> tuple[list[Hit], list[Hit]]:
    both = actors_and_claimants(u.text[u.start:u.end], u.start, u.low[u.start:u.end] if u.low is not None else None)
    u.actors, u.claimants = both
    return both
