"""Places named by an epithet: "near the Syrian capital" is Damascus, "Syria's second city" Aleppo.

The gazetteer matcher reads names, and a lower-case "capital" or "city" is no name; these
phrases are news' most common way of naming a capital, so they get their own small pattern
(data/place_epithets.json), run only on texts that hold "capital" or " city".
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import load
from .translit import name_key

_APOS = "['’]?"
# "the Islamic State groups de facto Syrian capital" is Raqqa, not Damascus
_NOT_THE_STATES = re.compile(r"(?:de\s+facto?r?|self-(?:declared|proclaimed|styled)|so-called|"
                             r"(?:Islamic\s+State|(?-i:IS)|ISIS|ISIL|Daesh|caliphate)\S*)\s+(?:\w+\s+)?$", re.I)


@lru_cache(maxsize=1)
def _table() -> tuple[re.Pattern[str], list[tuple[re.Pattern[str], tuple[str, str]]]]:
    """One pattern over every epithet, and per epithet its own pattern → (city, country)."""
    data = load("place_epithets.json")
    alts: list[str] = []
    target: list[tuple[re.Pattern[str], tuple[str, str]]] = []
    for cc, row in data["capital"].items():
        forms = "|".join(re.escape(n).replace(r"\ ", r"\s+") + "(?:" + _APOS + "s)?" for n in row["names"])
        alts.append(rf"(?:{forms})\s+capital")
        target.append((re.compile(rf"^(?:{forms})\s+capital$", re.I), (row["city"], cc)))
    for row in data["other"]:
        for p in row["phrases"]:
            pat = re.escape(p).replace("'", _APOS).replace(r"\ ", r"\s+").replace(r"\-", "[- ]")
            alts.append(pat)
            target.append((re.compile(rf"^{pat}$", re.I), (row["city"], row["country"])))
    # every epithet ends in "capital" or "city": it is matched backwards from those words
    rx = re.compile(r"\b(" + "|".join(alts) + r")$", re.I)
    return rx, target


@lru_cache(maxsize=1)
def _before_last() -> tuple[str, ...]:
    """The word each epithet has before "capital" or "city", lower case: "syrian", "second"."""
    data = load("place_epithets.json")
    words = {n.lower().split()[-1] for row in data["capital"].values() for n in row["names"]}
    words.update(p.lower().replace("-", " ").split()[-2] for row in data["other"] for p in row["phrases"])
    return tuple(sorted(words))


def _may_end(seg: str) -> bool:
    """Whether an epithet can end at the end of `seg` (an ASCII window): the word before the last
    must end in an epithet's word, bare or with "s" or "'s" ("Syrias capital", "Iraq's capital").
    Most "city" and "capital" in news follow no epithet ("the city of Raqqa", "the capital"),
    and the epithet pattern tried at every start in the window costs 4 us an occurrence."""
    parts = seg.lower().rsplit(None, 2)
    if len(parts) < 2:
        return False
    prev = parts[-2]
    ends = _before_last()
    if prev.endswith(ends):
        return True
    if prev.endswith("s") and prev[:-1].endswith(ends):
        return True
    return prev.endswith("'s") and prev[:-2].endswith(ends)


def find(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, city, country) of each epithet in ``text``."""
    low = text.lower()
    if "capital" not in low and " city" not in low:
        return []
    rx, target = _table()
    out = []
    for w in _END.finditer(low):
        lo = max(0, w.start() - 45)
        seg = text[lo:w.end()]
        # (ASCII only: there lower() folds case as the pattern's re.I does)
        if seg.isascii() and not _may_end(seg):
            continue
        m = rx.search(text, lo, w.end())
        if m is None or (w.end() < len(text) and (text[w.end()].isalnum() or text[w.end()] == "_")):
            continue
        if _NOT_THE_STATES.search(text, max(0, m.start() - 45), m.start()):
            continue
        phrase = m.group(1)
        for pat, (city, cc) in target:
            if pat.match(phrase):
                out.append((m.start(1), m.end(1), city, cc))
                break
    return out


_END = re.compile(r"capital|city")


def entry_for(g, city: str, country: str):
    """The gazetteer entry number of ``city`` in ``country`` (the most populous), or None;
    loads the world part when the city lies outside Syria and Iraq."""
    key = name_key(city)
    if country not in ("SY", "IQ") and not g.world_loaded:
        g.load_world()
    cands = [i for i in g.cands(key) if g.entries[i].country == country and g.entries[i].kind == "locality"]
    if not cands:
        return None
    return max(cands, key=lambda i: g.entries[i].pop)
