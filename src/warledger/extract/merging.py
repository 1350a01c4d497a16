"""One incident, one event: merges an article's candidates that report the same incident (a
headline and its lede, a restated or superseded toll, another source's figure, a breakdown of
a toll given before) and keeps different incidents apart."""
from __future__ import annotations

import re

from ..records import Count, Place
from .candidates import Candidate, sum_counts
from .types import event_type_of as classify_type


def _period(c: Candidate) -> bool:
    return c.date_precision in ("week", "month", "year")


def _same_incident(a: Candidate, b: Candidate) -> bool:
    """Two candidates of one article report one incident."""
    if a.killed.best == 1 and b.killed.best == 1:
        # one victim is a weak tie: a day inside the other's period and the same governorate,
        # where both name theirs ("One civilian was killed ... on al-Jalloum" on Monday is not
        # "In October last year Anadolu Agency reporter Salih Mahmoud Leyla was killed")
        return _days_agree(a, b) and (a.place is None or b.place is None or _gov(a.place) == _gov(b.place))
    if a.killed.best is not None and a.killed.best == b.killed.best:
        # the same figure for other victims is another incident: "Regime
        # airstrikes killed 20 civilians on Monday" and "the opposition killed at least 20 army
        # troops when they blew up a tunnel"
        if {_named_group(a), _named_group(b)} == {"civilians", "combatants"}:
            return False
        # a period ("last week") holds the day another sentence names for the same toll; a day
        # someone "said Friday" is not the day of the killing ("... killed 42 people including
        # seven children a monitoring group said Friday" then "Thursdays air strikes ... 42 dead")
        return a.date is None or b.date is None or a.date == b.date or _period(a) or _period(b) \
            or a.date_from_report or b.date_from_report
    return False


def _days_agree(a: Candidate, b: Candidate) -> bool:
    """No day of either, the same day, a day someone only said it, or a day inside the other's
    month ("in October" and "the Oct. 13 attack")."""
    if a.date is None or b.date is None or a.date == b.date or a.date_from_report or b.date_from_report:
        return True
    for p, d in ((a, b), (b, a)):
        if p.date_precision == "month" and (d.date or "")[:7] == (p.date or "")[:7]:
            return True
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


def _title_whole(title: Candidate | None, part: Candidate) -> bool:
    """The headline gives the toll the part breaks down ("... kills 20" then "Six children were
    among the dead"), so the part stays to carry its breakdown to the headline's event."""
    return title is not None and title.fatal and title.killed.best is not None \
        and title.killed.best >= (part.killed.best or 0)


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


def _vague(k: Count) -> bool:
    return k.qualifier == "vague"


def _counted(k: Count) -> bool:
    return k.best is not None and not k.unquantified and k.qualifier != "vague"


def _vague_then_count(v: Candidate, c: Candidate) -> bool:
    """``v``'s worded toll and ``c``'s figure tell one incident: "A suspected chemical attack ...
    killed dozens of civilians ... on Tuesday" and "The attack on the town of Khan Sheikhun killed
    at least 58 civilians". GUIDE.md: vague words count only when the text gives no figure."""
    if not (v.fatal and c.fatal) or v.title or c.title or v.part or c.part:
        return False
    if not (_vague(v.killed) and _counted(c.killed)) or (c.killed.best or 0) < (v.killed.best or 0):
        return False
    if _period(v) or _period(c) or not _days_agree(v, c):
        return False
    if _gov(v.place) and _gov(c.place) and _gov(v.place) != _gov(c.place):
        return False
    if {_named_group(v), _named_group(c)} == {"civilians", "combatants"}:
        return False
    later = c if c.units[0].index > v.units[0].index else v
    u = later.units[0]
    # not _NEW_INCIDENT: "dozens more have received treatment" announces no other incident
    return not _OTHER_INCIDENT.search(u.text, u.start, u.end)


_OTHER_INCIDENT = re.compile(r"\b(?:another|other|separate(?:ly)?|elsewhere|second|third|meanwhile|further|"
                             r"additional|earlier|later|previous|same\s+day)\b", re.I)


# more dead of the incident just told: "Another seven people of a local armed group were also
# killed in the clash" (1965511116), "ISIS also lost 15 fighters in the attack" (1926479016)
_ALSO = re.compile(r"\b(?:also|another|further|additional)\b", re.I)
_SAME_INCIDENT = re.compile(r"\b(?:in|during)\s+the\s+(?:same\s+)?(?P<noun>clash(?:es)?|attacks?|fighting|strikes?|raids?|"
                            r"bombing|assault|battle|offensive|ambush|explosion|blast|shelling)\b(?!\s+(?:on|in)\s+[A-Z])", re.I)
# ... and the noun must fit the incident: "It also said that 19 regime fighters were killed in the
# fighting" after air raids that killed 13 civilians is the ground battle, not the raids
_BATTLE_NOUNS = ("clash", "fighting", "battle", "offensive", "ambush")
_REMOTE_NOUNS = ("strike", "raid", "bombing", "explosion", "blast", "shelling")


def _also_of(c: Candidate, events: list[Candidate]) -> Candidate | None:
    """The event whose incident ``c`` adds victims to: the last fatal one, told in the three
    sentences before, when ``c``'s own sentence says "also ... in the clash" and names no other
    day or governorate."""
    if c.title or c.part or c.killed.best is None:
        return None
    u = c.units[0]
    same = _SAME_INCIDENT.search(u.text, u.start, u.end)
    if same is None or not _ALSO.search(u.text, u.start, u.end):
        return None
    prev = next((e for e in reversed(events) if e.fatal and e.killed.best is not None), None)
    if prev is None or prev.title and len(prev.units) == 1:
        return None
    kind = classify_type(prev.trigger) if prev.trigger is not None else None
    noun = same.group("noun").lower()
    if kind == "Battles" and noun.startswith(_REMOTE_NOUNS) or \
            kind == "Explosions/Remote violence" and noun.startswith(_BATTLE_NOUNS):
        return None
    return prev if _told_just_after(c, prev) else None


def _told_just_after(c: Candidate, prev: Candidate) -> bool:
    """``c`` is told in the three sentences after ``prev``'s, on no other day, in no other governorate."""
    last = max((x.index for x in prev.units if x.field == "body"), default=-9)
    if not 0 < c.units[0].index - last <= 3:
        return False
    if c.date is not None and prev.date is not None and c.date != prev.date and not c.date_from_report:
        return False
    return not (_gov(c.place) and _gov(prev.place) and _gov(c.place) != _gov(prev.place))


# "The ISIS group killed more than 50 people in an attack on two government-held villages ..."
# then "the attack on two villages killed 15 civilians and 27 pro-government fighters with another
# 10 bodies yet to be identified" (1926479016): the same incident, its victims told apart
_THE_INCIDENT = re.compile(r"\bthe\s+(?:attack|attacks|strike|strikes|air\s*strikes?|raids?|bombing|assault|blast|"
                           r"explosion|shelling|massacre)\b", re.I)


def _breaks_down(c: Candidate, events: list[Candidate]) -> Candidate | None:
    """The event whose toll ``c``'s sentence, naming "the attack" before its figures, breaks into
    civilians and combatants: the last fatal one, three sentences back at most, with a toll of
    people about as large and no day or governorate of its own against ``c``'s."""
    if c.title or c.part or c.killed.best is None or not (c.victims.get("civilians") and c.victims.get("combatants")):
        return None
    u = c.units[0]
    first = min((m.span.start for m in c.evidence if m.kind == "casualty"), default=u.end)
    if not _THE_INCIDENT.search(u.text, u.start, first):
        return None
    prev = next((e for e in reversed(events) if e.fatal and e.killed.best is not None), None)
    if prev is None or _named_group(prev) is not None or (c.killed.best or 0) > (prev.killed.best or 0) * 1.25:
        return None  # ("more than 50" told apart as 15 + 27 + 10)
    return prev if _told_just_after(c, prev) else None


def _add_victims(into: Candidate, other: Candidate) -> None:
    """``other``'s dead are more dead of ``into``'s incident: tolls and victim groups add up."""
    into.units += other.units
    into.evidence += other.evidence
    into.killed = sum_counts([into.killed, other.killed])
    for k, v in other.victims.items():
        into.victims[k] = sum_counts([into.victims[k], v]) if k in into.victims else v
    if into.injured.best is None:
        into.injured = other.injured


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


def merge_candidates(cands: list[Candidate]) -> list[Candidate]:
    events: list[Candidate] = []
    title = next((c for c in cands if c.title), None)
    body = [c for c in cands if not c.title]
    for c in body:
        if c.part:
            whole = _whole_of(c, events)
            if whole is not None:
                _add_parts(whole, c)
                continue
            if not _title_whole(title, c):
                # "The victims included 51 children 28 women ..." after a monthly total (a
                # cumulative figure, no event): a breakdown with no toll to break down is no
                # incident of its own (1926479108)
                continue
        target = next((e for e in events if e.fatal and c.fatal and _same_incident(e, c)), None)
        if target is None:
            target = next((e for e in events if _restates(e, c) or _contains(c, e) or _contains(e, c)), None)
        if target is None and c.fatal:
            target = next((e for e in events if _vague_then_count(e, c) or _vague_then_count(c, e)), None)
        if target is None and c.fatal and events:
            prev = _also_of(c, events)
            if prev is not None:
                _add_victims(prev, c)
                continue
            prev = _breaks_down(c, events)
            if prev is not None:
                # the toll stays; the victims are the breakdown's (GUIDE.md: the most specific figures)
                prev.units += c.units
                prev.evidence += c.evidence
                prev.victims, prev.victim_sides = dict(c.victims), c.victim_sides or prev.victim_sides
                continue
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
    if not title_into_body and _vague(into.killed) and _counted(other.killed):
        # the figure replaces the worded toll and its victims ("killing dozens of them", then
        # "28 terrorists were killed"): GUIDE.md, vague words count only without a figure
        into.killed, into.victims = other.killed, dict(other.victims)
        into.victim_sides = other.victim_sides or into.victim_sides
    elif not title_into_body and (_contains(other, into) or (_restates(into, other) and _loose(into.killed))):
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


_STRICT_LOWER = {"more than", "over", "upwards of", "in excess of"}


def _group(c: Candidate) -> str:
    v = c.victims
    if v.get("combatants") and not v.get("civilians"):
        return "combatants"
    if v.get("civilians") and not v.get("combatants"):
        return "civilians"
    return "mixed" if v else "people"


_CIVILIAN_NOUNS = frozenset({"civilians", "children", "women"})


def _named_group(c: Candidate) -> str | None:
    """"civilians" or "combatants" when the text names only that kind of victim for the toll
    ("20 civilians", "20 army troops"); None for "people" and mixed tolls."""
    gs = {m.value.get("group") for m in c.evidence if m.kind == "casualty" and m.label == "killed"
          and m.value.get("breakdown_of") is None}
    gs = {"civilians" if g in _CIVILIAN_NOUNS else g for g in gs}
    return next(iter(gs)) if len(gs) == 1 and gs <= {"civilians", "combatants"} else None


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
