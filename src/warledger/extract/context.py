"""What an event's own sentence leaves out, read from the sentences around it: the means of a
bare "attack" and a perpetrator named in the sentence before or after the toll.

events.py calls these once per event, after merging; each borrowed value is recorded as
evidence labelled ``*_nearby`` so that ``warledger explain`` shows where it came from.
"""
from __future__ import annotations

import re
from typing import Any

from .actors import agent_score
from .candidates import actors_of
from .types import battle_word, cause_of, names_means, nonfatal, territorial

# a perpetrator borrowed from a neighbour must be made the agent there by the words around it
# ("Kurdish fighters Kills 30 Daesh terrorist", "The Islamic State group claimed responsibility
# for the attack"); a bare mention (0.5 = "fighting against X", 0 = no verb) is not enough
_AGENT_MIN = 0.9
# the actor's own fighters as the victims: "the number of ISIS terrorist killed and injured"
_AS_VICTIMS = re.compile(r"\s+(?:\w+\s+){0,2}?(?:terrorists?|militants?|fighters?|members?|soldiers?|troops?|"
                         r"jihadists?|extremists?|gunmen|rebels?)\s+(?:(?:were|was|have\s+been|had\s+been)\s+)?"
                         r"(?:killed|dead|died|wounded|injured|slain|eliminated)\b", re.I)


def _says_means(t: Any) -> bool:
    """A trigger that may lend an event its means: a specific one ("clashes", "air strikes",
    "car bomb"), or a generic one of a remote weapon ("strikes", "bomb"); not a battle or
    territory word ("offensive", "besieged", "took over") that says nothing of the weapon."""
    if not names_means(t) or nonfatal(t) or territorial(t) or battle_word(t):
        return False
    return not t.weak or cause_of(t) != "shooting"


def _near(idx: int, body: list, own: dict, cid: int, before: int, after: int) -> list:
    """Body sentences around sentence ``idx``, nearest first (earlier before later at one
    distance), without those that are another fatal event's own."""
    out = []
    for d in range(1, max(before, after) + 1):
        for j in ((idx - d) if d <= before else None, (idx + d) if d <= after else None):
            if j is None or not 0 <= j < len(body):
                continue
            owners = own.get(j)
            if owners and (len(owners) > 1 or cid not in owners):
                continue
            out.append(body[j])
    return out


def means_trigger(c: Any, body: list, title: Any, own: dict) -> tuple[Any, Any] | None:
    """A trigger naming the means (air strike, shelling, bomb, ...) for an event whose own
    trigger names none: "35 people were killed by the attack which struck a school complex"
    two sentences after "Airstrikes targeting a school complex in the town of Hass"."""
    if c.trigger is not None and names_means(c.trigger):
        return None
    idx = [u.index for u in c.units if u.field == "body"]
    pool = []
    if idx:
        pool += _near(min(idx), body, own, id(c), 2, 1)
    if title is not None and not any(u.field == "title" for u in c.units):
        pool.append(title)
    for u in pool:
        ts = [t for t in u.triggers if _says_means(t)]
        if ts:
            return min(ts, key=lambda t: (t.weak, t.rule, t.start)), u
    return None


def perpetrator(c: Any, body: list, own: dict, victim_side: str | None) -> tuple[Any, Any] | None:
    """A perpetrator made the agent in the sentence before or after the event's own ("The
    Islamic State group claimed responsibility for the attack"), when its own names none."""
    idx = [u.index for u in c.units if u.field == "body"]
    if not idx:
        return None
    for u in _near(min(idx), body, own, id(c), 1, 1):
        if not u.triggers and "responsib" not in u.text[u.start:u.end]:
            continue  # a sentence about something else (history, reactions)
        hits = actors_of(u)  # the sentence's hits, found once (find_actors; ``lower`` changes nothing)
        best = None
        for h in hits:
            if h.name == victim_side or _AS_VICTIMS.match(u.text, h.end):
                continue
            sc = agent_score(u.text, h)
            if sc >= _AGENT_MIN and (best is None or sc > best[0]):
                best = (sc, h)
        if best is not None:
            return best[1], u
    return None
