"""Conflict actors, claimants (who reports a figure) and framing terms, found by lexicon.

The lexicons are data (data/actors.json, claimants.json, framing.json); this module compiles
each into one longest-first regex (all-capitals aliases such as "IS" match case-sensitively)
and decides, from the words around an actor, whether the text makes it the perpetrator.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick

from ..records import Mention, Span
from .lexicon import load
from .text import Folded, Gated, lowered, lowered_twin


@dataclass(slots=True)
class Hit:
    """A lexicon term found in the text: its span and canonical name."""

    start: int
    end: int
    text: str
    name: str
    category: str | None = None

    # written out: mypyc compiles it (the dataclass's generated one runs interpreted); eq and
    # repr stay the dataclass's
    def __init__(self, start: int, end: int, text: str, name: str, category: str | None = None):
        self.start, self.end, self.text, self.name, self.category = start, end, text, name, category


class Matcher:
    """Longest-first term matching on word boundaries with Aho-Corasick (pyahocorasick), over
    lower-cased text; all-capitals aliases ("IS", "SDF") match case-sensitively."""

    def __init__(self, table: dict[str, list[str]], info: dict[str, str] | None = None):
        self.info = info or {}
        self._fold = ahocorasick.Automaton()
        self._exact = ahocorasick.Automaton()
        n_fold = n_exact = 0
        for name, aliases in table.items():
            for a in aliases:
                a = a.replace("'", "")  # FA-KES strips apostrophes: "Peoples Protection Units"
                if a.isupper() or (len(a) <= 4 and a.upper() == a):
                    if a not in self._exact:
                        self._exact.add_word(a, (len(a), name))
                        n_exact += 1
                elif a.lower() not in self._fold:
                    self._fold.add_word(a.lower(), (len(a), name))
                    n_fold += 1
        self._fold.make_automaton() if n_fold else None
        self._exact.make_automaton() if n_exact else None
        self._n = (n_fold, n_exact)
        self._shadow_auto: Any = False  # built on first use (``_shadow``)

    def _shadow(self) -> Any:
        """The fold automaton over ``_SHADOW_WORDS`` text, each key between two non-word
        characters (" " or "#"): no hit inside a word reaches Python. None when a key holds
        a character the shadow does not keep."""
        if self._shadow_auto is False:
            keys = list(self._fold.keys())
            if not all(k and all("a" <= c <= "z" or c in " -" for c in k) for k in keys):
                self._shadow_auto = None
            else:
                auto = ahocorasick.Automaton()
                for k in keys:
                    ln, name = self._fold.get(k)
                    for p in " #":
                        for q in " #":
                            auto.add_word(p + k + q, (ln, name))
                auto.make_automaton()
                self._shadow_auto = auto
        return self._shadow_auto

    def find(self, text: str, offset: int = 0, lower: str | None = None) -> list[Hit]:
        raw: list[tuple[int, int, str]] = []
        n = len(text)
        n_fold, n_exact = self._n
        if n_fold:
            src = lower if lower is not None else text.lower()
            end_i: int
            ln: int
            name: str
            for end_i, (ln, name) in self._fold.iter(src):
                s, e = end_i - ln + 1, end_i + 1
                if s > 0 and (src[s - 1].isalnum() or src[s - 1] in "-_"):
                    continue
                if e < n and (src[e].isalnum() or src[e] in "-_"):
                    continue
                raw.append((s, e, name))
        if n_exact:
            for end_i, (ln, name) in self._exact.iter(text):
                s, e = end_i - ln + 1, end_i + 1
                if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "-_"):
                    continue
                if e < n and (text[e].isalnum() or text[e] in "-_"):
                    continue
                raw.append((s, e, name))
        return self._hits(raw, text, offset) if raw else []

    def _hits(self, raw: list[tuple[int, int, str]], text: str, offset: int) -> list[Hit]:
        info = self.info
        return [Hit(s + offset, e + offset, text[s:e], name, info.get(name)) for s, e, name in _longest(raw)]

    def find_spans(self, text: str, spans: list[tuple[int, int]]) -> list[list[Hit]]:
        """``find`` on each ``text[s:e]`` of sorted, disjoint ``spans`` (offsets into ``text``),
        with one automaton pass over the whole text instead of one per span."""
        info = self.info
        return [[Hit(s, e, t, name, info.get(name)) for s, e, t, name in hits]
                for hits in self.find_spans_raw(text, spans)]

    def find_spans_raw(self, text: str, spans: list[tuple[int, int]]) -> list[list[tuple[int, int, str, str]]]:
        """``find_spans`` as (start, end, text, name) tuples, for callers building their own
        records."""
        low = text.lower()
        if len(low) != len(text) or "\u03a3" in text:  # lower-casing shifts offsets, or sigma's
            return [[(h.start, h.end, h.text, h.name) for h in self.find(text[s:e], s)]  # depends on
                    for s, e in spans]  # the slice (and a shifted hit's text is cut at its end)
        starts = [s for s, _ in spans]
        firsts, lasts = set(starts), {e for _, e in spans}
        buckets: list[list[tuple[int, int, str]]] = [[] for _ in spans]
        n = len(text)
        fold = self._n[0]
        shadow = self._shadow() if fold and text.isascii() and _word_bounded(text, spans) else None
        if shadow is not None:
            # every hit of the shadow automaton is a whole-word hit of the whole text; spans
            # bounded by non-word characters make those exactly the spans' own hits
            sh = "#" + low.encode("ascii").translate(_SHADOW_WORDS).decode("ascii") + "#"
            end_i: int
            ln: int
            name: str
            for end_i, (ln, name) in shadow.iter(sh):
                e = end_i - 1
                s = e - ln
                k = bisect_right(starts, s) - 1
                if k >= 0 and e <= spans[k][1]:
                    buckets[k].append((s, e, name))
            fold = 0
        for auto, src, count in ((self._fold, low, fold), (self._exact, text, self._n[1])):
            if not count:
                continue
            for end_i, (ln, name) in auto.iter(src):
                s, e = end_i - ln + 1, end_i + 1
                # inside a word of the whole text, and not at a span's edge: no span's hit
                if s > 0 and (src[s - 1].isalnum() or src[s - 1] in "-_") and s not in firsts:
                    continue
                if e < n and (src[e].isalnum() or src[e] in "-_") and e not in lasts:
                    continue
                k = bisect_right(starts, s) - 1
                if k < 0:
                    continue
                ss, se = spans[k]
                if e > se:
                    continue  # not inside one span
                if s > ss and (src[s - 1].isalnum() or src[s - 1] in "-_"):
                    continue
                if e < se and (src[e].isalnum() or src[e] in "-_"):
                    continue
                buckets[k].append((s, e, name))
        return [[(s, e, text[s:e], name) for s, e, name in _longest(raw)] if raw else [] for raw in buckets]


class _Both:
    """The actor and the claimant lexicons in one case-folded and one exact automaton: a key's
    value is its (length, name) in each lexicon, (-1, "") where it is not that lexicon's."""

    def __init__(self, a: Matcher, c: Matcher):
        self._fold = _merged(a._fold, c._fold)
        self._exact = _merged(a._exact, c._exact)
        self._fold_shadow = _shadowed(self._fold)
        self._exact_shadow = _shadowed(self._exact)

    def find_raw(self, text: str, lower: str | None) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
        """The raw hits of ``Matcher.find`` of each lexicon, from one pass of each automaton."""
        ra: list[tuple[int, int, str]] = []
        rc: list[tuple[int, int, str]] = []
        n = len(text)
        asc = text.isascii()
        if self._fold is not None:
            src = lower if lower is not None else text.lower()
            if asc and self._fold_shadow is not None:
                _scan_shadow(self._fold_shadow, src, ra, rc)
            else:
                _scan(self._fold, src, n, ra, rc)
        if self._exact is not None:
            if asc and self._exact_shadow is not None:
                _scan_shadow(self._exact_shadow, text, ra, rc)
            else:
                _scan(self._exact, text, n, ra, rc)
        return ra, rc


def _merged(a: Any, c: Any) -> Any:
    table: dict[str, list[Any]] = {}
    for k, (ln, name) in a.items():
        table[k] = [ln, name, -1, ""]
    for k, (ln, name) in c.items():
        table.setdefault(k, [-1, "", 0, ""])[2:] = [ln, name]
    if not table:
        return None
    auto = ahocorasick.Automaton()
    for k, v in table.items():
        auto.add_word(k, tuple(v))
    auto.make_automaton()
    return auto


def _scan(auto: Any, src: str, n: int, ra: list[tuple[int, int, str]], rc: list[tuple[int, int, str]]) -> None:
    end_i: int
    la: int
    na: str
    lc: int
    nc: str
    for end_i, (la, na, lc, nc) in auto.iter(src):
        e = end_i + 1
        if la >= 0 and _whole(src, e - la, e, n):
            ra.append((e - la, e, na))
        if lc >= 0 and _whole(src, e - lc, e, n):
            rc.append((e - lc, e, nc))


def _shadowed(auto: Any) -> tuple[Any, bytes] | None:
    """``auto`` (values as ``_merged``'s) over an ASCII text's shadow: a same-length copy where
    the keys' characters stay, any other word character (alphanumeric, "-", "_") reads "_" and
    any other character "#", padded with "#". Each key is added between every two characters
    that end a word ("#" and the keys' own: " ", ".", "/"), so every hit is a whole word, and
    the automaton's root, which pyahocorasick searches child by child at each character, has a
    few children instead of one per letter. None when a key holds "#" or "_", or a length
    that is not its key's."""
    if auto is None:
        return None
    keys = [k for k in auto.keys() if k.isascii()]  # no other key is in ASCII text
    chars = set("".join(keys))
    if "#" in chars or "_" in chars:
        return None
    edges = ["#"] + sorted(c for c in chars if not (c.isalnum() or c in "-_"))
    shadow = ahocorasick.Automaton()
    for k in keys:
        v = auto.get(k)
        if v[0] not in (-1, len(k)) or v[2] not in (-1, len(k)):
            return None
        for p in edges:
            for q in edges:
                shadow.add_word(p + k + q, v)
    shadow.make_automaton()
    table = bytes(c if chr(c) in chars else 95 if chr(c).isalnum() or c in (45, 95) else 35 for c in range(256))
    return shadow, table


def _scan_shadow(sh: tuple[Any, bytes], src: str, ra: list[tuple[int, int, str]], rc: list[tuple[int, int, str]]) -> None:
    """``_scan`` of an ASCII ``src`` through its shadow (``_shadowed``): no boundary tests."""
    auto, table = sh
    end_i: int
    la: int
    na: str
    lc: int
    nc: str
    # a hit ends on the character after its key: shadow offset end_i, text offset end_i - 1
    for end_i, (la, na, lc, nc) in auto.iter("#" + src.encode("ascii").translate(table).decode("ascii") + "#"):
        e = end_i - 1
        if la >= 0:
            ra.append((e - la, e, na))
        if lc >= 0:
            rc.append((e - lc, e, nc))


def _whole(src: str, s: int, e: int, n: int) -> bool:
    """``src[s:e]`` is no part of a longer word (``Matcher.find``'s test)."""
    if s > 0 and (src[s - 1].isalnum() or src[s - 1] in "-_"):
        return False
    return not (e < n and (src[e].isalnum() or src[e] in "-_"))


@lru_cache(maxsize=1)
def _both() -> _Both:
    return _Both(actor_matcher(), claimant_matcher())


# ASCII lower case → a same-length shadow: letters, space and "-" stay (the only characters in
# shadow-able keys), other word characters (digits, "_") read "0", anything else "#"
_SHADOW_WORDS = bytes(c if (97 <= c <= 122 or c in (32, 45)) else 48 if (48 <= c <= 57 or c == 95 or 65 <= c <= 90)
                      else 35 for c in range(256))


def _word_bounded(text: str, spans: list[tuple[int, int]]) -> bool:
    """Each span starts and ends at the text's edge or next to a non-word character (not
    alphanumeric, "-" or "_"): as sentence spans, bounded by whitespace, do."""
    n = len(text)
    # the characters just outside the spans, tested in one regex scan: [\w-] is exactly
    # "alphanumeric (str.isalnum), '_' or '-'"
    edges = "".join([text[s - 1] for s, _ in spans if s > 0] + [text[e] for _, e in spans if e < n])
    return _WORDISH.search(edges) is None


_WORDISH = re.compile(r"[\w-]")


def _by_start_longest(h: tuple[int, int, str]) -> tuple[int, int]:
    return h[0], h[0] - h[1]


def _longest(raw: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Hits by start, longest first, without those inside a longer one ("IS" in "IS group")."""
    if len(raw) < 2:
        return raw  # most sentences' buckets: nothing to order or drop
    raw.sort(key=_by_start_longest)
    out = []
    last_end = -1
    for h in raw:
        if h[0] < last_end:
            continue
        out.append(h)
        last_end = h[1]
    return out


@lru_cache(maxsize=1)
def actor_matcher() -> Matcher:
    data = load("actors.json")["actors"]
    return Matcher({a["name"]: a["aliases"] for a in data}, {a["name"]: a["category"] for a in data})


@lru_cache(maxsize=1)
def claimant_matcher() -> Matcher:
    return Matcher(load("claimants.json")["claimants"])


@lru_cache(maxsize=1)
def framing_matcher() -> Matcher:
    data = load("framing.json")
    table: dict[str, list[str]] = {}
    for camp in ("government", "opposition"):
        for term in data[camp]:
            table.setdefault(f"{camp}:{term.lower()}", []).append(term)
    return Matcher(table)


@lru_cache(maxsize=None)
def category(name: str | None) -> str:
    """The FA-KES actor category of a canonical actor name ('unknown' when none or unlisted)."""
    for a in load("actors.json")["actors"]:
        if a["name"] == name:
            return a["category"] if a["category"] != "other" else "unknown"
    return "unknown"


@lru_cache(maxsize=1)
def default_victim_side() -> dict[str, str]:
    """Victim noun → the side it names by itself ("soldiers" → the army, "rebels" → opposition)."""
    out = {}
    for a in load("actors.json")["actors"]:
        for noun in a.get("default_victim_nouns", []):
            out[noun] = a["name"]
    return out


# A nationality adjective on the weapon names its owner: "Syrian air raids targeted ...",
# "A Syrian air strike on an IS training camp", "Russian Airstrikes Kill 120 ..."; "Syrian"
# alone is no actor ("Syrian rebels"), so only before an air-power or artillery noun.
_NATION_WEAPON = re.compile(
    r"\b(?P<nat>Syrian|Syria|Syrias|Russian|Russia|Russias|US|U\.S\.|American|Turkish|Israeli)"
    r"(?:\s+(?:and|or)\s+(?:Syrian|Russian))?\s+(?:(?:military|army|government|regime|air\s+force)\s+)?"
    r"(?:air\s*strikes?|air\s*raids?|airstrikes?|raids?|strikes?|warplanes?|war\s+planes?|jets?|"
    r"fighter\s+jets?|aircraft|planes?|helicopters?|bombers?|shelling|artillery|missiles?|rockets?|"
    r"bombardment|bombing|barrel\s+bombs?|drones?)\b", re.IGNORECASE)
_NATION_WEAPON_LOW = lowered_twin(_NATION_WEAPON, lower_literals=True)
_NATION_ACTOR = {"syrian": "Syrian government forces", "syria": "Syrian government forces",
                 "syrias": "Syrian government forces", "russian": "Russian armed forces",
                 "russia": "Russian armed forces", "russias": "Russian armed forces",
                 "us": "US-led coalition", "u.s.": "US-led coalition", "american": "US-led coalition",
                 "turkish": "Turkish armed forces", "israeli": "Israel"}


def find_actors(text: str, offset: int = 0, lower: str | None = None) -> list[Hit]:
    """Every actor alias in ``text`` (offsets shifted by ``offset``), and a nationality on a
    weapon noun ("Syrian air raids") as that state's forces. ``lower``: ``text.lower()``."""
    return _actors_from(actor_matcher().find(text, offset, lower), text, offset, lower)


def actors_and_claimants(text: str, offset: int = 0, lower: str | None = None) -> tuple[list[Hit], list[Hit]]:
    """``(find_actors(...), find_claimants(...))`` of one text, both lexicons in one automaton
    pass: events ask both of the same sentences (the event's and its neighbours)."""
    raw_a, raw_c = _both().find_raw(text, lower)
    am, cm = actor_matcher(), claimant_matcher()
    hits = am._hits(raw_a, text, offset) if raw_a else []
    return _actors_from(hits, text, offset, lower), cm._hits(raw_c, text, offset) if raw_c else []


def _nation_named(text: str, low: str) -> bool:
    """Whether the ASCII ``text`` (``low``: its lower case) names a nation of _NATION_WEAPON
    whose hit ``_actors_from`` keeps: "us" only as "US" (the pronoun is skipped). Half the
    sentences name none, and these tests cost less than the weapon words' after them."""
    return ("syria" in low or "russia" in low or "US" in text or "israeli" in low or "turkish" in low
            or "american" in low or "u.s." in low)


def _actors_from(hits: list[Hit], text: str, offset: int, lower: str | None) -> list[Hit]:
    """``find_actors`` given the actor lexicon's hits."""
    asc = text.isascii()
    low = (lower if lower is not None else text.lower()) if asc else ""
    if asc and not _nation_named(text, low):
        return _followers_folded(text, offset, hits) if len(hits) > 1 else hits
    if "raid" in text or "strike" in text or "plane" in text or "jet" in text or "aircraft" in text \
            or "helicopter" in text or "shell" in text or "missile" in text or "rocket" in text \
            or "artillery" in text or "bomb" in text or "drone" in text or "Raid" in text or "Strike" in text:
        if asc:  # the lower-case twin; the matched text is sliced from ``text``
            found = _NATION_WEAPON_LOW.finditer(low)
        else:
            found = _NATION_WEAPON.finditer(text)
        for m in found:
            nat = text[m.start("nat"):m.end("nat")]
            whole = text[m.start():m.end()]
            if nat == "US" and whole[:2] != "US" or nat.lower() == "us" and nat != "US":
                continue  # "us" the pronoun
            s, e = m.start() + offset, m.end() + offset
            if any(h.start < e and s < h.end for h in hits):
                continue
            name = _NATION_ACTOR[nat.lower()]
            hits.append(Hit(s, e, whole, name, category(name)))
        hits.sort(key=lambda h: h.start)
    if len(hits) > 1:
        hits = _followers_folded(text, offset, hits)
    return hits


# "Al-Qaeda loyalists attacked a mainly Kurdish town": the loyalists are al-Qaeda's, not the
# government's (the bare "loyalists" alias) — a follower word right after another name is that
# name's
_FOLLOWERS = frozenset({"loyalists", "loyalist forces", "supporters", "affiliates"})


def _followers_folded(text: str, offset: int, hits: list[Hit]) -> list[Hit]:
    out = [hits[0]]
    for h in hits[1:]:
        p = out[-1]
        if h.text.lower() in _FOLLOWERS and p.name != h.name and 0 <= h.start - p.end <= 1 \
                and text[p.end - offset:h.start - offset].strip(" -") == "":
            out[-1] = Hit(p.start, h.end, text[p.start - offset:h.end - offset], p.name, p.category)
            continue
        out.append(h)
    return out


def find_claimants(text: str, offset: int = 0, lower: str | None = None) -> list[Hit]:
    return claimant_matcher().find(text, offset, lower)


_REPORT: re.Pattern[str] | None = None
_REPORT_LOW: re.Pattern[str] | None = None


def reporting_verb_near(text: str, start: int, end: int, window: int = 60, low: str | None = None) -> bool:
    """A reporting verb ("said", "told", "according to") near [start, end) of ``text``;
    ``low``: ``text.lower()`` of an ASCII ``text``, when at hand (a faster search)."""
    global _REPORT, _REPORT_LOW
    if _REPORT is None:
        verbs = load("claimants.json")["reporting_verbs"]
        _REPORT = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v.lower()) for v in verbs) + r")(?!\w)", re.I)
        _REPORT_LOW = lowered(_REPORT)
    lo, hi = max(0, start - window), min(len(text), end + window)
    if low is not None and _REPORT_LOW is not None:
        return _REPORT_LOW.search(low, lo, hi) is not None
    return _REPORT.search(text, lo, hi) is not None


def find_framing(text: str, *, article_id: str = "", offset: int = 0) -> list[Mention]:
    """Loaded terms with the camp whose vocabulary they are (kind "framing")."""
    out = []
    for h in framing_matcher().find(text, offset):
        camp, term = h.name.split(":", 1)
        out.append(Mention(kind="framing", span=Span(article_id, h.start, h.end, h.text),
                           value={"term": term, "camp": camp}, label=camp))
    return out


# --------------------------------------------------------------------------- attribution

# "X warplanes", "X shelled", "X's air strikes" and "killed by X", "claimed by X": the text
# makes X the perpetrator. "clashes with X" makes X the other side of a battle.
_AGENT_AFTER = re.compile(  # a verb of violence a few words on: "Jaysh al-Islam terrorist group fired"
    # "The Afghan Taliban, however, claimed": commas may part the name from its verb
    r"^\W{0,3}(?:\w+[\s,]{1,3}){0,3}?(?:shelled|fired|targeted|killed|kills?|bombed|attacked|struck|hit|hits|"
    r"carried\s+out|launched|dropped|executed|beheaded|pounded|stormed|massacred|ambushed|detonated|"
    r"claimed|used|seized|captured|regained|recaptured|liberated|advanced|advances|advance|eliminated|"
    r"destroyed|destroy|destroys|opened\s+fire|gunned|shot|took\s+control|took\s+over|makes|made|repelled|"
    r"retaliated|downed|bombarded|shelling|exploded|blew\s+up|set\s+off|planted|"
    # headline present tense: "Syrian regime forces ... repel a rebel offensive"
    r"shells|fires|targets|bombs|attacks|strikes|pounds|storms|repels?|seizes|captures|launches|executes|"
    r"beheads|ambushes|detonates|committed|perpetrated|crushed|crucified|crucifying|executing|beheading)\b",
    re.IGNORECASE,
)
_AGENT_NOUN = re.compile(  # the weapon or unit right after the name: "Syrian warplanes", "IS suicide bomber"
    r"^\W{0,3}(?:\w+\s+)?(?:warplanes?|jets?|aircraft|planes?|helicopters?|drones?|air\s*strikes?|"
    r"air\s*raids?|raids?|strikes?|shelling|shells|rockets?|missiles?|mortars?|artillery|bombardment|"
    r"bombs?|barrel\s+bombs?|operations?|offensive|assault|attacks?|campaign|bombing|suicide|"
    r"car\s+bomb|snipers?|fighter\s+jets|airstrike|gunmen|counter-?attacks?|counter-?offensive|ambush(?:es)?)\b",
    re.IGNORECASE,
)
_INSTRUMENT = re.compile(r"(?:warplanes?|jets|aircraft|planes?|air\s*strikes?|raids|strikes?|shelling|"
                         r"missiles?|artillery|helicopters?|bombs|air\s+force|bombers)$", re.I)
_AGENT_AFTER_F, _AGENT_NOUN_F, _INSTRUMENT_F = Folded(_AGENT_AFTER), Folded(_AGENT_NOUN), Folded(_INSTRUMENT)
_AGENT_BEFORE = Gated(re.compile(
    # "a town held by IS" names the area's controller; "killed by" (not "led by") the perpetrator
    r"(?:(?<!\bheld\s)(?<!\bcontrolled\s)(?<!\brun\s)(?<!\bbesieged\s)(?<!\boccupied\s)(?<!\bsurrounded\s)"
    r"(?<!\bled\s)(?<!\bbacked\s)(?<!\bsupported\s)(?<!\bencircled\s)(?<!\bseized\s)(?<!\bcaptured\s)\bby|claimed\s+by|carried\s+out\s+by|launched\s+by|perpetrated\s+by|blamed\s+on|"
    r"responsibility\s+of|hands\s+of|at\s+the\s+hands\s+of)\s+(?:the\s+)?(?:\w+\s+){0,2}$",
    re.IGNORECASE,
), ("by", "blamed", "responsib", "hands"))
# the target of an attack, not its author: "attack on Syrian rebels", "a Daesh counterattack on
# Syrian regime forces", "repel a rebel offensive", "strikes against IS positions"
_TARGET_BEFORE = Gated(re.compile(
    r"\b(?:on|against|targeting|targeted|repel(?:led|s)?|repuls(?:ed|es)?|thwart(?:ed|s)?|foil(?:ed|s)?)"
    r"\s+(?:an?\s+|the\s+)?(?:\w+\s+)?$", re.IGNORECASE), ("on", "against", "target", "repel", "repuls", "thwart", "foil"))
# blame, one side's word against the other's: "The Syrian opposition has accused government forces
# of killing", "Washington blames the Syrian government for the attack", "Evidence strongly
# suggests Syrian government forces were responsible". It names the event's own perpetrator
# (GUIDE.md: attribution by statement or claim) but lends none to a neighbour (context.py):
# "Damascus denied responsibility and blamed rebels" answers the accusation before it
BLAME_SCORE = 0.8
_BLAMED_BEFORE = Gated(re.compile(r"\b(?:accused|accusing|accuses|accuse|blamed|blames|blaming|blame)\s+"
                                  r"(?:the\s+)?(?:\w+\s+){0,2}$", re.IGNORECASE), ("accus", "blam"))
_BLAMED_AFTER = Gated(re.compile(r"^\W{0,3}(?:(?!den|deny)\w+\s+){0,2}?(?:was|were|is|are|be)\s+(?:\w+\s+)?"
                                 r"responsible\b", re.IGNORECASE), ("responsible",))
_OPPONENT_BEFORE = Gated(re.compile(
    r"(?:clashes|battles?|fighting|fight|confrontations|war|engagements?|offensive)\s+"
    r"(?:\w+\s+){0,2}?(?:with|against|between|among)\s+(?:the\s+)?(?:\w+\s+){0,2}$",
    re.IGNORECASE,
), ("clash", "battle", "fight", "confrontation", "war", "engagement", "offensive"))


def agent_score(text: str, hit: Hit) -> float:
    """How strongly the words around ``hit`` (offsets into ``text``) make it the perpetrator."""
    after = text[hit.end:hit.end + 50]
    before = text[max(0, hit.start - 45):hit.start]
    low = before.lower()
    if _AGENT_BEFORE.search(before, low):
        return 1.0
    if _TARGET_BEFORE.search(before, low):
        return 0.0  # "a car bomb attack on Syrian rebels", "repel a rebel offensive"
    low_after = after.lower()
    if _INSTRUMENT_F.search(hit.text):
        return 0.9  # "Russian airstrike" names the weapon with its owner
    if _BLAMED_BEFORE.search(before, low) or _BLAMED_AFTER.search(after, low_after):
        return BLAME_SCORE
    if _AGENT_AFTER_F.match(after, low_after) or _AGENT_NOUN_F.match(after, low_after):
        return 0.9
    if _OPPONENT_BEFORE.search(before, low):
        return 0.5
    return 0.0
