"""Names that look like places but are not: organisations ("Al Jazeera", "Agence France-Presse"),
people ("Mike Pompeo", "American Kevin King") and wire datelines ("ZURICH (Reuters) -"), from
data/place_nonplaces.json. places.find_places drops or down-weights what these find."""
from __future__ import annotations

import json
import re
from typing import Any

import ahocorasick

from .gazetteer import DATA, Gazetteer
from .translit import token_key

# "ABIDJAN (Reuters) -", "MOSCOW (Sputnik) -", "BEIRUT/THE HAGUE, March 7 (Reuters) -", "BOUAKE, Ivory Coast (Reuters) -",
# "Aleppo, SANA-"; a bare dash or colon only after capitals ("KABUL — "), not after a lead
# ("Syria attack kills 5 - ...", and FA-KES bodies start "Wed 05 Apr 2017 ...": no digits)
# The lookahead only names the first characters of what may follow a name in the pattern (a
# "/" name, a ", " part, the agency's "(", "SANA", a dash after a space, a colon): without it the
# lazy name tried the whole tail after each of its 40 lengths, 4 us a text (half of the place
# finder's regex time); with it only where a tail can start. The same matches.
_DL_NAME = r"[A-Z](?:[^\W\d_]|['’. -]){1,40}?(?=[/,\s(S:])"


_AGENCIES = (r"\((?:Reuters|AFP|AP|SANA|Xinhua|dpa|DPA|UPI|ANI|IANS|Anadolu|AA|UNHCR|IRIN|Al Jazeera|Sputnik|"
             r"TASS|RIA Novosti|IRNA|FNA|Tasnim|PressTV|Press TV|KUNA|WAM|SPA|MENA|Interfax|Kyodo|Yonhap|PTI|EFE|ANSA)\)")
# ... and a city in capitals with nothing after it but the lede: "BEIRUT At least 70 regime and
# rebel fighters have been killed" (FA-KES keeps no dash)
_CAPS_DATELINE = r"\A\s*[A-Z][A-Z'’.-]{2,20}(?: [A-Z][A-Z'’.-]{1,20}){0,2}(?:/[A-Z][A-Z'’. -]{2,30})*(?= [A-Z][a-z])"
_DATELINE = re.compile(
    rf"{_CAPS_DATELINE}|"
    rf"\A\s*{_DL_NAME}(?:/{_DL_NAME})*(?:,\s*{_DL_NAME})?(?:,\s*[A-Z][a-z]{{2,8}}\.? \d{{1,2}})?"
    rf"(?:\s*{_AGENCIES}"
    r"|,?\s*\(?SANA\)?\s*[-–—]|(?<=[A-Z])\s+[-–—]+\s|(?<=[A-Z]):\s)")


# a dateline inside a body, after a scraped summary: "... according to local media. MOSCOW
# (Sputnik) Kurdish-led Syrian Democratic Forces ..." (the city in capitals, the agency after it)
MID_DATELINE_AFTER = re.compile(rf"\s*{_AGENCIES}")


_ARTICLE_NEXT = re.compile(r"[- ](?:[Aa]l|[Ee]l|[Aa]s|[Aa]sh|[Aa]d|[Aa]r|[Aa]z|[Aa]t|[Aa]n)[- ][A-Z]")


_NEXT_WORD = re.compile(r" ([A-Z][\w'’-]*)")


_PREV_WORD = re.compile(r"([A-Z][\w'’-]*)\.? \Z")


class _NonPlaces:
    """place_nonplaces.json: organisation names that hold a place word, titles and first names
    that make the next name a person's, and the capitalised words a place name may stand before."""

    def __init__(self) -> None:
        d = json.loads((DATA / "place_nonplaces.json").read_text(encoding="utf-8"))
        self.titles = frozenset(d["titles"])
        self.first_names = frozenset(d["first_names"])
        self.place_nouns = frozenset(d["place_nouns"])
        a = ahocorasick.Automaton()
        for name in d["organisations"]:
            a.add_word(name, len(name))
        a.make_automaton()
        self.orgs = a

    def org_ranges(self, text: str) -> list[tuple[int, int]]:
        """Spans of the organisation names in a text, as whole words."""
        out = []
        n = len(text)
        end: int
        ln: int
        for end, ln in self.orgs.iter(text):
            s, e = end - ln + 1, end + 1
            if (s == 0 or not text[s - 1].isalnum()) and (e == n or not text[e].isalnum()):
                out.append((s, e))
        return out


_NONPLACES: _NonPlaces | None = None


def _nonplaces() -> _NonPlaces:
    global _NONPLACES
    if _NONPLACES is None:
        _NONPLACES = _NonPlaces()
    return _NONPLACES


def _outside(spans, starts: list[int], ranges: list[tuple[int, int]]):
    """The spans whose first word is in none of the ranges."""
    if not ranges:
        return spans
    out = []
    for sp in spans:  # a plain loop: any() over a generator costs a frame per span
        s = starts[sp[0]]
        for a, b in ranges:
            if a <= s < b:
                break
        else:
            out.append(sp)
    return out


def _person(np: _NonPlaces, g: Gazetteer, text: str, m: Any) -> bool:  # m: places._Match
    """A one-word foreign place that is a person's name here: "Secretary of State Mike Pompeo",
    "Public Ombudsman Nadia Cruz's office", "American Kevin King"."""
    pw = _PREV_WORD.search(text, max(0, m.start - 30), m.start)
    if pw and (pw.group(1) in np.titles or pw.group(1) in np.first_names):
        return True
    if " " in m.key:
        return False
    nw = _NEXT_WORD.match(text, m.end)
    if nw is None:
        return False
    w = nw.group(1)
    return w not in np.place_nouns and not (len(w) <= 4 and w.isupper()) and not g.by_key.get(token_key(w))


# a village's name as part of a person's: "Observatory chief Rami Abdel Rahman told AFP" (Rahman,
# Hasakeh), "Nyrabia pointed out that the aftermath of the deadly airstrikes ..." (a Coalition
# member's surname); a notable place stays ("Damascus said": the government)
_NAME_PART_BEFORE = re.compile(r"\b(?:Abdel|Abdul|Abdal|Abdol|Abdu|Abd)[ -](?:al-)?\Z")
_SPEECH_AFTER = re.compile(r"\s+(?:said|says|told|pointed\s+out|added|stressed|noted|explained|stated|"
                           r"confirmed|warned|urged|affirmed|asserted|emphasi[sz]ed|indicated)\b")
_PREP_BEFORE = re.compile(r"\b(?:in|at|of|from|near|to|on|into|outside|around)\s+(?:the\s+)?\Z", re.I)


def core_person(text: str, start: int, end: int) -> bool:
    """A small place's name read as a person's name: after "Abdel", or the subject of a speech
    verb with no preposition before it. Callers pass only localities that are not notable."""
    if _NAME_PART_BEFORE.search(text, max(0, start - 12), start):
        return True
    return _SPEECH_AFTER.match(text, end) is not None and _PREP_BEFORE.search(text, max(0, start - 12), start) is None


# a place's name inside an armed group's: "The Sawaiq al-Rahman Brigade has announced", "the
# Jaysh al-Islam Army", "Sawaiq al-Rahman brigade"; Front and Army capitalised only ("on the
# Aleppo front" stays)
ORG_AFTER = re.compile(r"(?:[ -](?:(?:al|el|ad|ar|as|ash|az|at|an)-)?[A-Z][\w'’-]*){0,3}"
                       r"\s+(?:[Bb]rigades?|[Bb]attalions?|Front|Army|Movement|[Dd]ivision|Corps|[Rr]egiment|Legion)\b")

