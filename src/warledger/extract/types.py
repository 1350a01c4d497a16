"""Event type (ACLED), UCDP type of violence and cause of death from trigger words.

The triggers are data (data/event_types.json), in priority order: a sentence naming both
"clashes" and "coalition air strikes" is an air strike (cause shelling, GUIDE.md). Generic
words ("strike", "attack", "bomb") only decide when nothing more specific is said.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .actors import Matcher
from .lexicon import load

# generic words: "The US missile strike" is a missile attack, not an air strike
WEAK = {"strike", "strikes", "attack", "attacks", "attacked", "bomb", "bombs", "operation",
        "operations", "offensive", "assault", "bombing", "bombed", "raids", "jets", "aircraft",
        "shot", "shooting", "mine", "mines", "advances", "advanced", "surrounded", "besieged",
        "deal", "settlement", "captured", "seized", "cleared", "regained", "bomber", "bombers",
        "suicide", "combat", "shell", "throat", "gunmen", "rally", "agreement", "bombardment",
        "bombardments", "air force", "stormed", "explosives"}
# state forces (and state-backed paramilitaries) by the actor lexicon's `kind`: their territorial
# gains are "Government regains territory", their killings of civilians state violence
STATE = frozenset(a["name"] for a in load("actors.json")["actors"] if a["kind"] in ("state", "paramilitary"))


@dataclass(slots=True)
class Trigger:
    start: int
    end: int
    text: str
    rule: int  # index into the rules (priority)
    weak: bool

    def __init__(self, start: int, end: int, text: str, rule: int, weak: bool):
        """Written out: mypyc compiles it (the dataclass's runs interpreted); eq and repr stay."""
        self.start, self.end, self.text, self.rule, self.weak = start, end, text, rule, weak


@lru_cache(maxsize=1)
def _rules() -> list[dict]:
    return load("event_types.json")["rules"]


@lru_cache(maxsize=1)
def _matcher() -> Matcher:
    table: dict[str, list[str]] = {}
    seen: set[str] = set()
    for i, r in enumerate(_rules()):
        for trig in r["triggers"]:
            key = trig if trig.isupper() else trig.lower()
            if key not in seen:  # the first (highest-priority) rule owns a trigger
                seen.add(key)
                table.setdefault(str(i), []).append(trig)
    return Matcher(table)


def find_triggers(text: str, start: int = 0, end: int | None = None, lower: str | None = None) -> list[Trigger]:
    """Event triggers in ``text[start:end]`` (offsets into ``text``)."""
    end = len(text) if end is None else end
    low = lower[start:end] if lower is not None else None
    return [Trigger(h.start, h.end, h.text, int(h.name), h.text.lower() in WEAK)
            for h in _matcher().find(text[start:end], start, low)]


def find_triggers_spans(text: str, spans: list[tuple[int, int]]) -> list[list[Trigger]]:
    """``find_triggers(text, s, e)`` for each of sorted, disjoint ``spans``, in one pass."""
    rule = _rule_index()
    return [[Trigger(s, e, t, rule[name], t.lower() in WEAK) for s, e, t, name in hits] if hits else []
            for hits in _matcher().find_spans_raw(text, spans)]


@lru_cache(maxsize=1)
def _rule_index() -> dict[str, int]:
    """The matcher's names ("0", "1", ...) as rule indices: ``int(name)``, looked up."""
    return {str(i): i for i in range(len(_rules()))}


@lru_cache(maxsize=1)
def _no_means() -> frozenset[str]:
    return frozenset(t.lower() for t in load("event_types.json")["no_means"]["triggers"])


@lru_cache(maxsize=1)
def _not_lent() -> frozenset[str]:
    return frozenset(t.lower() for t in load("event_types.json")["no_means"]["not_lent"])


def battle_word(t: Trigger) -> bool:
    """A battle word ("repelled", "offensive") that says nothing of the weapon used."""
    return t.text.lower() in _not_lent()


def names_means(t: Trigger) -> bool:
    """Whether the trigger says how the violence was done ("air strike", "clashes"), unlike a
    bare "attack" or "operation" (data/event_types.json ``no_means``)."""
    return t.text.lower() not in _no_means()


def nonfatal(t: Trigger) -> bool:
    """A trigger of a non-fatal event type (arrests, protests, agreements, ...)."""
    return bool(_rules()[t.rule].get("nonfatal"))


def territorial(t: Trigger) -> bool:
    """A trigger of territory changing hands ("recaptured", "took over")."""
    return bool(_rules()[t.rule].get("territory"))


def event_type_of(t: Trigger) -> str:
    """The ACLED event type the trigger's rule gives, before the victims are read."""
    return _rules()[t.rule]["type"]


def cause_of(t: Trigger) -> str:
    """The cause of death the trigger's rule gives."""
    return _rules()[t.rule]["cause"]


def best_trigger(triggers: list[Trigger], *, fatal: bool = True) -> Trigger | None:
    """The trigger that decides the type: strong before weak, then rule priority."""
    cands = [t for t in triggers if not (fatal and _rules()[t.rule].get("nonfatal"))]
    if not cands:
        # a death is no strategic development: "Two civilians ... have been killed ... in the first
        # deaths reported in areas covered by a ... ceasefire" (a protest word stays: in_context)
        cands = [t for t in triggers if not (fatal and _rules()[t.rule]["type"] == "Strategic developments")]
    if not cands:
        return None
    return min(cands, key=lambda t: (t.weak, t.rule, t.start))


@lru_cache(maxsize=1)
def _protest() -> dict:
    ctx = load("event_types.json")["protest_context"]
    subs = {r["sub"]: i for i, r in enumerate(_rules())}
    return {"protest": {subs[x] for x in ctx["protest_rules"]}, "clash": {subs[x] for x in ctx["clash_rules"]},
            "protesters": subs[ctx["victims_protesters"]], "combatants": subs[ctx["victims_combatants"]],
            "words": frozenset(ctx["clash_words"]), "gap": ctx["max_gap"],
            "before": re.compile(ctx["background_before"], re.I), "after": re.compile(ctx["background_after"], re.I)}


def in_context(best: Trigger | None, triggers: list[Trigger], text: str, victims: dict,
               fatal: bool = False) -> Trigger | None:
    """``best`` read with the sentence's other triggers: "Three people have died during protests
    ... after violent clashes erupted" is excessive force against protesters, not a battle; a
    protest where people were killed is no peaceful protest."""
    if best is None:
        return best
    if best.text.lower() == "bombing" and _A_BOMBING.search(text, max(0, best.start - 12), best.start):
        return Trigger(best.start, best.end, best.text, _ied_rule(), best.weak)
    pr = _protest()
    combatants = victims.get("combatants") and not victims.get("civilians")
    if fatal and best.rule in pr["protest"] and _rules()[best.rule].get("nonfatal") and not _background(best, text):
        return Trigger(best.start, best.end, best.text, pr["combatants"] if combatants else pr["protesters"], best.weak)
    if len(triggers) < 2:
        return best
    if best.rule not in pr["clash"] or best.text.lower() not in pr["words"]:
        return best
    for t in triggers:
        if t.rule in pr["protest"] and abs(t.start - best.start) <= pr["gap"] and not _background(t, text):
            rule = pr["combatants"] if combatants else pr["protesters"]
            return Trigger(best.start, best.end, best.text, rule, best.weak)
    return best


# "bombing" is aerial bombing ("the bombing of eastern Aleppo", "Russian bombing"), but "a
# terrorist bombing which targeted on Sunday a bus" (1965511156) is one bomb: an IED
_A_BOMBING = re.compile(r"\b(?:an?|terrorist|terror)\s+\Z", re.I)


@lru_cache(maxsize=1)
def _ied_rule() -> int:
    return next(i for i, r in enumerate(_rules()) if r["sub"] == "Remote explosive/landmine/IED")


def _background(t: Trigger, text: str) -> bool:
    """A protest word in a background clause: "began in 2011 with anti-government protests"."""
    pr = _protest()
    return pr["before"].search(text[max(0, t.start - 60):t.start]) is not None \
        or pr["after"].search(text[t.end:t.end + 40]) is not None


def classify(trigger: Trigger | None, *, victims: dict, actor1: str | None,
             actor2: str | None, fatal: bool) -> dict:
    """ACLED event/sub-event type, UCDP type of violence and cause for one event."""
    if fatal and trigger is not None and _rules()[trigger.rule]["type"] == "Strategic developments":
        trigger = None  # deaths are no agreement or arrest: the headline's "ceasefire" lent to a toll
    if trigger is None:
        if not fatal:
            return {"event_type": None, "sub_event_type": None, "cause": None, "violence_type": None}
        rule = {"type": "Violence against civilians" if _civilian_only(victims) else "Battles",
                "sub": "Attack" if _civilian_only(victims) else "Armed clash", "cause": "unknown"}
    else:
        rule = _rules()[trigger.rule]
    etype, sub, cause = rule["type"], rule["sub"], rule["cause"]
    if trigger is not None and not names_means(trigger):
        cause = "unknown"  # "the attack", "a military operation": no word says gunfire
    if rule.get("territory"):
        state_actor = actor1 in STATE
        if rule["territory"] == "government" and actor1 and not state_actor:
            sub = "Non-state actor overtakes territory"
        elif rule["territory"] == "nonstate" and state_actor:
            sub = "Government regains territory"
    if sub == "Armed clash" and _civilian_only(victims) and not _two_sided(trigger):
        etype, sub = "Violence against civilians", "Attack"  # "gunmen shot dead civilians"
    vt = None
    if fatal or etype in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        if etype == "Violence against civilians" or (_civilian_only(victims) and actor1 and actor1 not in STATE):
            vt = 3
        elif actor1 in STATE or actor2 in STATE:
            vt = 1
        elif actor1 and actor2:
            vt = 2
        elif _civilian_only(victims):
            vt = 3
        else:
            vt = 1 if actor1 is None else 2
    return {"event_type": etype, "sub_event_type": sub, "cause": cause, "violence_type": vt}


# fighting between two sides stays a battle when only civilians died in it (ACLED: civilians
# caught in a clash are the battle's fatalities): "Clashes between the two sides have rocked the
# city leaving 23 civilians - including nine children - dead"
_TWO_SIDED = frozenset({"clashes", "clash", "clashed", "fighting", "battle", "battles", "confrontations",
                        "firefight", "exchange of fire", "crossfire", "cross-fire"})


def _two_sided(t: Trigger | None) -> bool:
    return t is not None and t.text.lower() in _TWO_SIDED


def _civilian_only(victims: dict) -> bool:
    return bool(victims.get("civilians")) and not victims.get("combatants")
