"""Screens out what only looks like political violence: accidents, money, hedges, and words of
violence that name something else. The rules are data (data/nonevents.json, GUIDE.md).

Runs on a sentence's casualty figures and triggers after they are found: a figure that is not
an event gets a status other than "event" (events.py then counts it nowhere, and a sentence
holding one makes no non-fatal event either), a false trigger is dropped.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import ahocorasick

from .candidates import Unit
from .lexicon import load


@lru_cache(maxsize=1)
def _rx() -> dict[str, Any]:
    lex = load("nonevents.json")
    acc, nc = lex["accident"], lex["not_casualty"]
    return {
        # the patterns are lower case and run on the lower-cased sentence (faster than re.I)
        "false": [re.compile(p["pattern"]) for p in lex["false_triggers"]["patterns"]],
        "gates": [tuple(p["gate"]) for p in lex["false_triggers"]["patterns"]],
        "gate": _automaton(g for p in lex["false_triggers"]["patterns"] for g in p["gate"]),
        "accident": re.compile("|".join(f"(?:{p})" for p in acc["patterns"])),
        "violence": re.compile(acc["violence"]),
        "vehicles": frozenset(w.lower() for w in acc["vehicle_triggers"]),
        "money_after": re.compile(nc["money_after"]),
        "money_before": re.compile(nc["money_before"]),
        "outcome_before": re.compile(nc["outcome_before"]),
        "hedge": re.compile(lex["hedges"]["pattern"]),
        "source_after": re.compile(lex["not_agent"]["source_after"]),
        "owner_gap": re.compile(lex["not_agent"]["owner_gap"], re.I),
        "kinds": _kinds_automaton(lex["gates"]),
        "context": frozenset(w.lower() for w in lex["context_triggers"]["words"]),
    }


def _automaton(words: Any) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for w in words:
        auto.add_word(w, w)
    auto.make_automaton()
    return auto


def _kinds_automaton(gates: dict) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for kind, words in gates.items():
        if kind.startswith("_"):
            continue
        for w in words:
            auto.add_word(w, auto.get(w, ()) + (kind,))
    auto.make_automaton()
    return auto


def _kinds(low: str) -> set[str]:
    """The kinds of rule (accident, money, bodily, hedge) whose gate words ``low`` holds."""
    return {k for _, ks in _rx()["kinds"].iter(low) for k in ks}


def drop_false_triggers(text: str, start: int, end: int, triggers: list, low: str | None = None) -> list:
    """``triggers`` of the sentence ``text[start:end]`` without those a false-trigger pattern
    covers: "shooting down the helicopter" (the helicopter is the target, not the weapon), "took
    over 250 hostages", "protection to civilians against Russian airstrikes"."""
    if not triggers:
        return triggers
    low = text[start:end].lower() if low is None else low  # ``low``: the sentence's lower case
    rx = _rx()
    if len(low) != end - start:
        return triggers
    # the gate words in the sentence, in one automaton pass (it reports every occurrence of
    # every word, so ``g in found`` is ``g in low``)
    found = {w for _, w in rx["gate"].iter(low)}
    if not found:
        return triggers  # most sentences: none of the patterns' words
    spans = [(m.start("t") + start, m.end("t") + start)
             for pat, gate in zip(rx["false"], rx["gates"]) if not found.isdisjoint(gate)
             for m in pat.finditer(low) if m.group("t")]
    if not spans:
        return triggers
    return [t for t in triggers if not any(s <= t.start and t.end <= e for s, e in spans)]


def accident(text: str, start: int, end: int, triggers: list, low: str | None = None) -> bool:
    """The sentence puts its deaths down to an accident ("killed in a helicopter crash") and
    names no violence beside it: no strong trigger but a vehicle's, no "shot down"."""
    rx = _rx()
    sent = text[start:end].lower() if low is None else low
    if rx["accident"].search(sent) is None or rx["violence"].search(sent) is not None:
        return False
    return all(t.weak or t.text.lower() in rx["vehicles"] for t in triggers)


def screen_casualties(text: str, start: int, end: int, casualties: list, *, accident_: bool = False,
                      kinds: set[str] | None = None) -> None:
    """Set the status of the sentence's figures that are no event: money ("thousands of
    pounds"), a non-bodily injury ("emotional injury"), a hedge ("potentially leading to the
    deaths of"), an accident (``accident_``, decided by the caller)."""
    if not casualties:
        return
    if kinds is None:
        kinds = _kinds(text[start:end].lower())
    if not kinds and not accident_:
        return  # none of the words the rules below need
    rx = _rx()
    money, bodily, hedge = "money" in kinds, "bodily" in kinds, "hedge" in kinds
    for c in casualties:
        if c.status != "event":
            continue
        if accident_:
            c.status = "accident"
            continue
        q = c.qty
        fig_end = c.start + (q.end - q.start)
        if money and rx["money_after"].match(text[fig_end:min(end, fig_end + 40)].lower()) \
                or money and rx["money_before"].search(text[max(start, c.start - 8):c.start].lower()):
            c.status = "money"
        elif bodily and c.trigger is not None and rx["outcome_before"].search(text[max(start, c.trigger[0] - 20):c.trigger[0]].lower()):
            c.status = "not_bodily"
        elif hedge and rx["hedge"].search(text[max(start, c.start - 45):c.start].lower()):
            c.status = "hypothetical"
    # a breakdown shares its figure's fate: "thousands of pounds, including ..."
    for c in casualties:
        if c.parent is not None and c.status == "event" and 0 <= c.parent < len(casualties):
            c.status = casualties[c.parent].status


def screen_units(units: list[Unit]) -> None:
    """``drop_false_triggers`` and ``screen_casualties`` over one article's units (events.Unit,
    the title first if any). A sentence that names no cause at all borrows the headline's
    accident ("Train carrying dozens of GOP lawmakers hits truck" over "One person ... was
    killed") when nothing in the article speaks of violence."""
    title = units[0] if units and units[0].field == "title" else None
    title_acc: bool | None = None
    ctx = _rx()["context"]
    held: list = []  # context triggers ("suffocation") waiting for their rule's support
    support: set[int] = set()  # rules some other trigger of the article names
    for u in units:
        if not u.triggers and not u.casualties:
            continue
        low = u.low[u.start:u.end] if u.low is not None else u.text[u.start:u.end].lower()
        if u.triggers:
            u.triggers = drop_false_triggers(u.text, u.start, u.end, u.triggers, low)
            for t in u.triggers:
                if t.text.lower() in ctx:
                    held.append(t)
                else:
                    support.add(t.rule)
        if not u.casualties:
            continue
        kinds = _kinds(low)
        acc = "accident" in kinds and accident(u.text, u.start, u.end, u.triggers, low)
        if not acc and not u.triggers and u.field == "body" and title is not None:
            if title_acc is None:
                title_acc = _title_accident(title, units)
            acc = title_acc
        screen_casualties(u.text, u.start, u.end, u.casualties, accident_=acc, kinds=kinds)
    for t in held:
        if t.rule not in support:
            t.weak = True


def _title_accident(title: Unit, units: list[Unit]) -> bool:
    if not accident(title.text, title.start, title.end, title.triggers):
        return False
    vehicles = _rx()["vehicles"]
    if any(not t.weak and t.text.lower() not in vehicles for u in units for t in u.triggers):
        return False
    body = next((u.text for u in units if u.field == "body"), "")
    return _rx()["violence"].search(body.lower()) is None


def not_agent(text: str, start: int, end: int, hs: int, he: int) -> bool:
    """The actor named at ``text[hs:he]`` is no perpetrator, whatever verb follows: the source
    of a figure ("which Israeli figures say killed 1,200", GUIDE.md: who reports a figure is
    attribution) or the owner of a downed aircraft ("a Russian helicopter was shot down")."""
    rx = _rx()
    if rx["source_after"].match(text[he:min(end, he + 40)].lower()):
        return True
    sent = text[start:end]
    if "down" not in sent:
        return False
    low = sent.lower()
    for pat in rx["false"][:3]:  # the shoot-down patterns: their 't' is the downed aircraft
        for m in pat.finditer(low):
            ts = m.start("t") + start
            if hs <= ts < he or 0 <= ts - he <= 25 and rx["owner_gap"].fullmatch(text, he, ts):
                return True
    return False
