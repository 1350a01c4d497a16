"""One victim told in words, no figure: "A girl child was killed", "killing a woman and nine
children", "An Israeli tank crew killed a Reuters reporter", "Haniyeh was killed", and the
single victims a figure breaks down ("Eleven people including a woman and child").

casualties.py asks these of each sentence; each returns Casualty records with a figure of 1.
"""
from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick

from .actors import _SHADOW_WORDS, find_actors
from .figure_status import _status
from .lexicon import load
from .numbers import Casualty, Quantity
from .text import foldsafe


# one victim told in words, no figure: "A girl child was killed and two others were injured",
# "Girl child killed two others injured", "killing a woman and nine children", "An Israeli tank
# crew killed a Reuters reporter", "The attack killed our colleague Issam Abdallah"
_SINGULAR_NOUNS = "(" + "|".join(sorted(load("casualty_words.json")["singular_victims"], key=len, reverse=True)) + ")"
_ADJ = r"(?:(?:young|little|teenage|elderly|old|local)\s+)?"
# the words between a determiner and the noun: lower-case modifiers (casualty_words.json) or
# capitalised names ("a Reuters reporter", "an Israeli soldier", "a senior Hamas commander")
_MODS = r"((?:[\w'’.-]+\s+){0,2})"
_DET = r"(?:an?|one|another|our|his|her|their)"
# matched on the lower case around each noun hit (anchored: far cheaper than one case-folding scan)
_SINGULAR_BEFORE = re.compile(rf"(?:(?<![\w-]){_DET}\s+{_MODS}$|^\s*{_ADJ}$)")
_SINGULAR_AFTER = re.compile(r"(?:\s+child)?\s+(?:(?:was|has\s+been|had\s+been)\s+(?:also\s+|reportedly\s+)?)?"
                             r"(?:killed|shot\s+dead|martyred|slain|assassinated)\b")
_SINGULAR_OBJECT = re.compile(rf"\b(?:killing|killed|kills|kill|claiming\s+the\s+life\s+of|claimed\s+the\s+life\s+of|"
                              rf"shot\s+dead|assassinated|assassinating)\s+{_DET}\s+{_MODS}$")
_SINGULAR_GATE = ("kill", "Kill", "dead", "martyr", "slain", "life", "assassinat", "Assassinat")
# the nouns alone, on the lower case: most sentences with "killed" name none of them
_SINGULAR_NOUN = re.compile(rf"\b{_SINGULAR_NOUNS}\b")
_NOUN_NEXT = re.compile(rf"\s+(?!child\b){_SINGULAR_NOUNS}\b")
_SINGULAR_FRAGMENTS = ("child", "man", "girl", "boy", "civilian", "baby", "infant", "toddler", "teenager",
                       "journalist", "soldier", "fighter", "reporter", "photographer", "doctor", "nurse",
                       "paramedic", "student", "colleague", "militant", "officer", "commander", "leader",
                       "terrorist", "rebel")


def _has_singular_noun(low: str) -> bool:
    """Whether ``low`` holds one of _SINGULAR_NOUNS (as any substring: "man" stands for woman,
    policeman and cameraman); False means ``_SINGULAR_NOUN`` cannot match it."""
    for f in _SINGULAR_FRAGMENTS:
        if f in low:
            return True
    return False


def _singular_nouns(low: str, shadow: str | None = None) -> list[tuple[int, int, str]]:
    """``(start, end, noun)`` of each ``_SINGULAR_NOUN`` match in ``low``. The nouns are single
    words between two \\b: each match is a whole run of word characters, so on ASCII text an
    automaton over the sentence's shadow (actors._SHADOW_WORDS, word characters other than
    a-z read "0") finds the same ones in one pass. ``shadow``: that shadow, when at hand."""
    if not low.isascii():
        return [(m.start(), m.end(), m.group(1)) for m in _SINGULAR_NOUN.finditer(low)] \
            if _has_singular_noun(low) else []
    shadow = "#" + (low.encode("ascii").translate(_SHADOW_WORDS).decode("ascii") if shadow is None else shadow) + "#"
    return [(end - ln, end - ln + len(noun), noun) for end, (ln, noun) in _singular_automaton().iter(shadow)]


@lru_cache(maxsize=1)
def _singular_automaton() -> ahocorasick.Automaton:
    """Each singular noun between two non-word shadow characters (" ", "-", "#"); a hit ending
    at ``end`` of the "#"-padded shadow starts at ``end - ln`` in the text (``ln``: key length
    less one)."""
    auto = ahocorasick.Automaton()
    for noun in _singular_lex()[0]:
        for p in " -#":
            for q in " -#":
                auto.add_word(p + noun + q, (len(noun) + 1, noun))
    auto.make_automaton()
    return auto


def _maybe_singular(text: str, start: int, end: int, low: str | None = None) -> bool:
    """A cheap pre-test for ``_singulars``: an outcome word in the sentence (no slicing)."""
    if low is not None:  # any(k in low for k in _SINGULAR_GATE), spelt out ("Kill" is not in a lower case)
        return "kill" in low or "dead" in low or "martyr" in low or "slain" in low or "life" in low \
            or "assassinat" in low
    # the regex, one substring test per word: its alternation of literals has no literal scan
    return any(text.find(k, start, end) >= 0 for k in _SINGULAR_GATE)


def _mods_ok(sent: str, s: int, mods: str) -> bool:
    """Each word between the determiner and the noun (``mods``, the lower case ending at ``s``)
    is a listed modifier or capitalised: "a Reuters reporter", not "a car bomb ... a bus driver"."""
    if not mods:
        return True
    allowed = _singular_lex()[1]
    base = s - len(mods)
    for m in _WORD_RUN.finditer(mods):
        if m.group(0) not in allowed and m.group(0) not in _singular_lex()[0] and not sent[base + m.start():base + m.start() + 1].isupper():
            return False
    return True


_WORD_RUN = re.compile(r"\S+")


# "13 militants of the so-called Islamic State", "23 people most of them from the Ahrar al-Sham
# militant group" (1965511217: the 23 were civilians and Ahrar al-Sham the perpetrator)
_OF_SIDE = re.compile(r"(?:\s+(?:most|many|some|all|several)\s+of\s+(?:them|whom))?"
                      r"\s+(?:of|from|belonging\s+to|loyal\s+to)\s+(?:the\s+)?([^.,;]{0,60})")


@lru_cache(maxsize=1)
def _singular_lex() -> tuple[dict, frozenset, frozenset]:
    lex = load("casualty_words.json")
    return lex["singular_victims"], frozenset(lex["singular_modifiers"]), frozenset(lex["name_stop"])


def _singular_group(noun: str, np_text: str, after: str) -> tuple[str, str | None]:
    """The victim group of one victim, and the side of a combatant ("an Israeli soldier"); a
    leader is a combatant only beside an armed actor ("a Hamas leader", "leader of ISIS")."""
    group = _singular_lex()[0].get(noun, "people")
    hits = find_actors(np_text) if group in ("combatants", "leader") else []
    if group == "leader":
        if not hits:
            of = _OF_SIDE.match(after)
            hits = find_actors(of.group(1))[:1] if of else []
        group = "combatants" if hits else "people"
    return group, (hits[-1].name if hits and group == "combatants" else None)


def _singulars(text: str, start: int, end: int, low: str | None, shadow: str | None = None) -> list[Casualty]:
    """``shadow``: ``low``'s actors._SHADOW_WORDS shadow, when at hand (ASCII)."""
    sent = text[start:end]
    low = low if low is not None else sent.lower()
    out: list[Casualty] = []
    for s, e, noun in _singular_nouns(low, shadow):  # most sentences with "killed" name none of them
        pre = low[max(0, s - 45):s]
        bm = _SINGULAR_BEFORE.search(pre if s >= 45 else low[:s])
        if bm and _SINGULAR_AFTER.match(low, e) and _mods_ok(sent, s, bm.group(1) or ""):
            mods = bm.group(1) or ""
        else:
            om = _SINGULAR_OBJECT.search(pre)
            if not (om and _mods_ok(sent, s, om.group(1) or "")):
                continue
            mods = om.group(1) or ""
        if (s > 0 and (low[s - 1] == "-")) or (e < len(low) and low[e] == "-"):
            continue  # "pro-government fighter", "child-care"
        if _NOUN_NEXT.match(low, e) or out and s < out[-1].end - start:
            continue  # "a terrorist commander": the last noun is the victim; "girl child" is one
        if low.startswith(" child", e):  # "a girl child"
            e += 6
        # the side from the noun phrase's own words ("an Israeli soldier"), not the sentence's
        # perpetrator: "The Syrian army killed a terrorist commander" (1965511129)
        group, side = _singular_group(noun, sent[max(0, s - len(mods)):e], sent[e:])
        q = Quantity(s + start, e + start, sent[s:e], 1, 1, 1)
        c = Casualty(s + start, e + start, q, "killed", group, noun, side)
        c.status = _one_status(sent, s, e, c, low)
        out.append(c)
    if "kill" in low or "assassinat" in low or "shot dead" in low or "slain" in low:
        taken = [(c.start - start, c.end - start) for c in out]
        out += [c for c in _named(sent, start, low) if not any(a < c.end - start and c.start - start < b for a, b in taken)]
    return out


def _one_status(sent: str, s: int, e: int, c: Casualty, low: str) -> str:
    """``_status`` of one victim: one person is no cumulative total, whatever period the
    sentence names ("killed a terrorist commander ... the latest in a series of blows ... in
    recent weeks")."""
    st = _status(sent, s, e, c, None, low)
    return "event" if st == "cumulative" else st


# one victim named: "Haniyeh was killed by an airstrike in Tehran", "The first shell killed
# Abdallah, 37", "the Oct. 13 attack that killed visuals journalist Issam Abdallah"
_NAME = r"[A-Z][a-z'’]+(?:(?:\s+|-)(?:(?:al|el|bin|ibn|bint|abu|de|van|der)(?:\s+|-))?[A-Z][a-z'’]+){0,3}"
_NAMED_PASSIVE = re.compile(r"\b(?:was|has\s+been|had\s+been)\s+(?:also\s+|reportedly\s+|allegedly\s+)?"
                            r"(?:killed|shot\s+dead|assassinated|slain|martyred)\b")
_NAME_BEFORE = re.compile(rf"(?:\b{_SINGULAR_NOUNS}\s+)?({_NAME})\s+$")
_NAMED_VERB = re.compile(r"\b(?:killed|killing|assassinated|assassinating|shot\s+dead)\s+")
_NAME_AFTER = re.compile(rf"(?:(?:an?|our|his|her|their|the)\s+)?(?:((?:[\w'’.-]+\s+){{0,2}}?){_SINGULAR_NOUNS.lower()}\s+)?({_NAME})"
                         r"(?=\s*(?:[,.;:)\"”’]|\s[-–—]\s|$)|\s+(?:in|on|at|near|when|while|as|after|during|last|inside|outside|with|by)\b)")
_UPPER = re.compile(r"[A-Z]")
_AGE_AFTER = re.compile(r",\s*\d{1,2}\b")
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|be|being|is|are)\s+(?:\w+ly\s+)?$")
# a name after a preposition is a place or a group, not the one killed: "the commander of Faylaq
# al-Sham in Hama was killed", "A reporter from Al-Jazeera was killed"
_PREP_BEFORE = re.compile(r"\b(?:in|of|at|near|from|to|for|with|by|on|into|across|outside|inside|against|"
                          r"around|under|over|between|the)\s+$", re.I)
_DEMONYM_PLURAL = re.compile(r"(?:ans|is|ds|ks|ese|ers)$")


def _matches_at(rx: re.Pattern[str], low: str, keys: tuple[str, ...]) -> list[re.Match[str]]:
    """``list(rx.finditer(low))`` for a pattern opening with \\b and one of ``keys``, tried only
    where a key starts: the leading \\b keeps sre from scanning for a first letter, so a
    whole-sentence finditer tries the pattern at every character (3x slower). ``match(low, i)``
    reads the character before ``i`` for the \\b; the patterns' matches cannot overlap (no key
    starts a word inside one), so each key hit is tried on its own."""
    out = []
    for key in keys:
        i = low.find(key)
        while i >= 0:
            m = rx.match(low, i)
            if m is not None:
                out.append(m)
            i = low.find(key, i + 1)
    if len(out) > 1:
        out.sort(key=_START)
    return out


def _named_verbs(low: str) -> list[re.Match[str]]:
    """``list(_NAMED_VERB.finditer(low))`` (each match one verb and the whitespace after it)."""
    return _matches_at(_NAMED_VERB, low, ("kill", "assassinat", "shot"))


def _named_passives(low: str) -> list[re.Match[str]]:
    """``list(_NAMED_PASSIVE.finditer(low))`` ("was", "has been", "had been", then the verb)."""
    return _matches_at(_NAMED_PASSIVE, low, ("was", "has", "had"))


_START = re.Match.start


def _named(sent: str, start: int, low: str) -> list[Casualty]:
    """One victim named as the subject of "was killed" or the object of "killed"; not in a
    headline set in title case, nor a pronoun, a day, an actor or a people ("killed Iraqis")."""
    found: list[tuple[int, int, str | None]] = []  # name span, title noun
    if "was " in low or "been " in low:  # what _NAMED_PASSIVE cannot match without
        for m in _named_passives(low):
            nm = _NAME_BEFORE.search(sent, max(0, m.start() - 80), m.start())
            if nm and not _PREP_BEFORE.search(sent, max(0, nm.start() - 12), nm.start()):
                found.append((nm.start(2), nm.end(2), nm.group(1)))
    for m in _named_verbs(low):
        if _UPPER.search(sent, m.end(), m.end() + 70) is None:
            continue  # no capital in reach: no name (_NAME_AFTER spans at most ~60 characters to it)
        if _PASSIVE_BEFORE.search(low, max(0, m.start() - 25), m.start()):
            continue  # "were killed Monday in Aleppo": no object
        nm = _NAME_AFTER.match(sent, m.end())
        if nm and nm.group(2) is None and " " not in nm.group(3) and not _AGE_AFTER.match(sent, nm.end(3)):
            continue  # one bare word is a person only with an age: "The first shell killed Abdallah, 37"
        if nm and (nm.group(2) is None or not nm.group(1) or _mods_ok(sent, nm.start(2), nm.group(1))):
            found.append((nm.start(3), nm.end(3), nm.group(2)))
    if not found:
        return []
    words = [w for w in sent.split() if w[:1].isalnum()]  # a stray quote mark is no word
    if len(words) >= 3 and sum(w[:1].isupper() for w in words) > 0.6 * len(words):
        return []  # "Hamas Leader Killed In Tehran": every word is capitalised
    stop = _singular_lex()[2]
    out: list[Casualty] = []
    for s, e, noun in found:
        name = sent[s:e]
        first = name.split()[0].split("-")[0]
        if first in stop or any(a < e and s < b for a, b, _ in [(c.start - start, c.end - start, 0) for c in out]):
            continue
        if noun is None and " " not in name and _DEMONYM_PLURAL.search(name):
            continue  # "killed Iraqis in Mosul", "killed Kurds"
        if find_actors(name):
            continue  # "killed Hezbollah", "Israel was ..."
        group, side = _singular_group(noun.lower(), sent[max(0, s - 45):e], sent[e:]) if noun else ("people", None)
        q = Quantity(s + start, e + start, name, 1, 1, 1)
        c = Casualty(s + start, e + start, q, "killed", group, noun.lower() if noun else None, side)
        c.status = _one_status(sent, s, e, c, low)
        c.notes.append("named")
        out.append(c)
    return out




# a singular victim after a breakdown word: "including a woman and child"
_SINGLE = re.compile(r"(?:including|among them|among whom)\s+(?:(?:an?|one)\s+)?"
                     r"(woman|child|girl|boy|baby|infant|man|journalist|doctor)"
                     r"(?:\s+and\s+(?:an?\s+)?(woman|child|girl|boy|baby|infant|man))?\b", re.I)


_SINGLE_GROUPS = {"woman": "women", "child": "children", "girl": "children", "boy": "children",
                  "baby": "children", "infant": "children", "man": "people", "journalist": "civilians",
                  "doctor": "civilians"}


def _single_victims(text: str, start: int, end: int, out: list[Casualty], low: str | None = None) -> None:
    """'Eleven people including a woman and child': one woman, one child, inside the figure."""
    sent = text[start:end]
    if low is None:
        low = sent.lower()
    if "including" not in low and "among" not in low and foldsafe(sent):
        return  # the pattern starts "including", "among them" or "among whom"
    groups = _SINGLE_GROUPS
    for m in _SINGLE.finditer(sent):
        parent = None
        for i, c in enumerate(out):
            if c.parent is None and c.end - start <= m.start() and c.outcome in ("killed", "injured"):
                parent = i
        if parent is None:
            continue
        for gi in (1, 2):
            if m.group(gi):
                g = groups[m.group(gi).lower()]
                q = Quantity(m.start(gi) + start, m.end(gi) + start, m.group(gi), 1, 1, 1)
                out.append(Casualty(m.start(gi) + start, m.end(gi) + start, q, out[parent].outcome,
                                    g, m.group(gi).lower(), parent=parent, status=out[parent].status))
