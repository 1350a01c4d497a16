"""Numbers in news text: digits, number words and vague quantities, with their qualifiers.

FA-KES strips thousands separators ("230000"), crowd text spells counts out ("Sixty-two",
"Thirty one", "a hundred"), and ACLED's conservative rule (GUIDE.md) fixes the vague words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import ahocorasick

from .lexicon import load
from .text import foldsafe, lowered

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_WORDS = {**_UNITS, **_TENS, **_SCALES, "dozen": 12}

_WORD_ALT = "|".join(sorted(_WORDS, key=len, reverse=True))
_W = rf"(?:{_WORD_ALT})"
# "two hundred and fifty", "Sixty-two", "Thirty one", "a hundred", "a dozen"
_WORDNUM = rf"(?:(?:an?\s+)?{_W}(?:(?:(?:(?<=hundred)|(?<=thousand)|(?<=million))\s+and\s+|[\s-]+){_W})*)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s+(?:million|thousand|hundred))?"
NUMBER = rf"(?:{_DIGITS}|{_WORDNUM})"


@dataclass(slots=True)
class Quantity:
    """A number phrase: its span, the parsed figure coded low/best/high, and the qualifier."""

    start: int
    end: int
    text: str
    low: int | None
    best: int | None
    high: int | None
    qualifier: str | None = None
    vague: bool = False  # "dozens", "tens": a conventional figure, not a count
    unquantified: bool = False  # "several", "a number of": no figure at all

    # written out: mypyc compiles it (the dataclass's generated one runs interpreted); eq and
    # repr stay the dataclass's
    def __init__(self, start: int, end: int, text: str, low: int | None, best: int | None, high: int | None,
                 qualifier: str | None = None, vague: bool = False, unquantified: bool = False):
        self.start, self.end, self.text, self.low, self.best, self.high = start, end, text, low, best, high
        self.qualifier, self.vague, self.unquantified = qualifier, vague, unquantified


@dataclass(slots=True)
class Casualty:
    """One casualty figure in a sentence (offsets into the article text passed in): a Quantity with
    the victims it counts and their outcome (casualties.py fills it in)."""

    start: int  # the whole phrase: figure through victim noun
    end: int
    qty: Quantity
    outcome: str | None = None  # "killed" | "injured" | "other" | None
    group: str | None = None  # people | civilians | children | women | combatants
    noun: str | None = None
    side: str | None = None  # for combatants: the actor whose fighters they were
    parent: int | None = None  # index (in the sentence's list) of the figure this breaks down
    status: str = "event"  # event | cumulative | hypothetical | negated
    trigger: tuple[int, int, str] | None = None  # the outcome word's span
    notes: list[str] = field(default_factory=list)

    def __init__(self, start: int, end: int, qty: Quantity, outcome: str | None = None, group: str | None = None,
                 noun: str | None = None, side: str | None = None, parent: int | None = None,
                 status: str = "event", trigger: tuple[int, int, str] | None = None, notes: list[str] | None = None):
        """Compiled, as ``Quantity.__init__``."""
        self.start, self.end, self.qty, self.outcome, self.group = start, end, qty, outcome, group
        self.noun, self.side, self.parent, self.status, self.trigger = noun, side, parent, status, trigger
        self.notes = [] if notes is None else notes


_DIGIT_FORM = re.compile(r"(\d+(?:\.\d+)?)(?:\s+(million|thousand|hundred))?")
_SPLIT = re.compile(r"[\s-]+")


@lru_cache(maxsize=8192)  # a pure function of a short phrase, and news repeats its figures
def parse_number(text: str) -> int | None:
    """'230000', '1,200', 'Sixty-two', 'two hundred and fifty', 'a dozen', '1.9 million' → int."""
    s = text.strip().lower().replace(",", "")
    if not s:
        return None
    if len(s) < 16 and s.isdigit() and s.isascii():  # "230000": what the float path gives (exact below 2**53)
        return int(s)
    m = _DIGIT_FORM.fullmatch(s)
    if m:
        val = float(m.group(1)) * (_SCALES[m.group(2)] if m.group(2) else 1)
        return int(round(val))
    toks = [t for t in _SPLIT.split(s) if t and t != "and"]
    if toks and toks[0] in ("a", "an"):
        toks[0] = "one"
    if not toks or any(t not in _WORDS for t in toks):
        return None
    total, cur, seen = 0, 0, False
    for t in toks:
        if t == "dozen":
            cur = (cur or 1) * 12
        elif t in _UNITS or t in _TENS:
            cur += _WORDS[t]
        elif t == "hundred":
            cur = (cur or 1) * 100
        else:  # thousand, million
            total += (cur or 1) * _SCALES[t]
            cur = 0
        seen = True
    return total + cur if seen else None


def render_number(n: int) -> str:
    """The inverse of parse_number for words: 1234 → 'one thousand two hundred thirty-four'."""
    if n < 0:
        raise ValueError("negative")
    if n < 20:
        return [k for k, v in _UNITS.items() if v == n][0]
    if n < 100:
        tens = [k for k, v in _TENS.items() if v == n // 10 * 10 and k != "fourty"][0]
        return tens + ("-" + render_number(n % 10) if n % 10 else "")
    for word, scale in (("million", 1_000_000), ("thousand", 1000), ("hundred", 100)):
        if n >= scale:
            head = render_number(n // scale) + " " + word
            return head + (" " + render_number(n % scale) if n % scale else "")
    raise AssertionError(n)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    lex = load("casualty_words.json")
    quals = sorted({q for qs in lex["qualifiers"].values() for q in qs}, key=len, reverse=True)
    qual = "|".join(re.escape(q) for q in quals)
    vague = "|".join(re.escape(v) for v in sorted(lex["vague"], key=len, reverse=True))
    unq = "|".join(re.escape(v) for v in sorted(lex["unquantified"], key=len, reverse=True))
    return re.compile(
        rf"(?<![\w.-])(?:(?P<qual>{qual})\s+)?"
        rf"(?:(?:between\s+)?(?P<n1>{NUMBER})(?:\s*(?:-|to|or|(?<=\w\s)and)\s*(?P<n2>{NUMBER}))?"
        rf"|(?P<vague>{vague})|(?P<unq>{unq}))(?![\w-])",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _pattern_low() -> re.Pattern[str]:
    """``_pattern`` as a case-sensitive regex for lower-cased ASCII text."""
    low = lowered(_pattern())
    if low is None:
        raise ValueError("number pattern has upper-case literals")
    return low


@lru_cache(maxsize=1)
def _qual_words() -> tuple[str, ...]:
    lex = load("casualty_words.json")
    return tuple(sorted({q.lower() for qs in lex["qualifiers"].values() for q in qs}))


@lru_cache(maxsize=1)
def _qual_kind() -> dict[str, str]:
    lex = load("casualty_words.json")
    return {q: kind for kind, qs in lex["qualifiers"].items() for q in qs}


_DIGIT_RUN = re.compile(r"\d+")
# "00*", not "0+": sre scans for a pattern's leading literal in a tight loop, while a pattern
# starting with a repeat is tried at every position (5x the instructions over a shadow text)
_SHADOW_DIGITS = re.compile(r"00*")
_A_NEXT = ("hundred", "dozen", "thousand", "number", "few", "handful", "large", "big", "great")


@lru_cache(maxsize=1)
def _starts() -> tuple[Any, re.Pattern[str]]:
    """An Aho-Corasick automaton of the words a number phrase can start with ("a"/"an" only
    before "hundred", "dozen", "number" ...), and the qualifier regex looking back from there."""
    lex = load("casualty_words.json")
    first = set(_WORDS) | {"between"}
    quals_all = [q for qs in lex["qualifiers"].values() for q in qs]
    for w in list(lex["vague"]) + list(lex["unquantified"]):
        first.add(w.split()[0].lower())
    # a qualifier starts a phrase only when the whole qualifier is there ("at least", not
    # every "at"): the pattern needs it, or a number or "between" at the same place
    for q in quals_all:
        head = q.split()[0].lower()
        if head not in ("a", "an"):  # never a start ("an estimated": "estimated" is one)
            first.add(head if head in first else q.lower())
    first -= {"a", "an"}
    auto = ahocorasick.Automaton()
    for w in first:
        auto.add_word(w, (len(w), True))  # a whole word: no letter may follow
    for art in ("a", "an"):
        for nxt in _A_NEXT:
            auto.add_word(f"{art} {nxt}", (len(art) + 1 + len(nxt), False))
    auto.make_automaton()
    quals = sorted({q for qs in lex["qualifiers"].values() for q in qs}, key=len, reverse=True)
    back = re.compile(r"(?<![\w.-])(?:" + "|".join(re.escape(q) for q in quals) + r")\s+$", re.I)
    return auto, back


def _candidates(text: str, auto: Any) -> list[int]:
    """Offsets where a number phrase can start: a digit run, or a listed word starting a word."""
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer: keep offsets exact
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    n = len(low)
    out = [m.start() for m in _DIGIT_RUN.finditer(text)]
    end: int
    ln: int
    whole: bool
    for end, (ln, whole) in auto.iter(low):
        s = end - ln + 1
        if s > 0 and "a" <= low[s - 1] <= "z":
            continue  # inside a word ("often", "someone")
        if whole and end + 1 < n and "a" <= low[end + 1] <= "z":
            continue  # "tense" is not "tens"
        out.append(s)
    if len(out) > 1:
        out = sorted(set(out))
    return out


# ASCII lower case → a shadow text of the same length where only letters and spaces stay,
# digits read "0" and anything else "#": the shadow automaton's keys carry their own
# boundary characters, so hits inside a word ("often", "someone") never reach Python
_SHADOW = bytes(c if (97 <= c <= 122 or c == 32) else 48 if 48 <= c <= 57 else 35 for c in range(256))


@lru_cache(maxsize=1)
def _shadow_starts() -> tuple[Any, tuple[str, ...]]:
    """``_starts()``'s automaton over the shadow text: a whole word between two non-letters,
    "a"/"an" + word after a non-letter (each value: the offset back from the hit's end to the
    phrase's start). Keys that are not letters and spaces ("approx.") are returned apart, for
    a plain search. Digit runs are found apart too (``_SHADOW_DIGITS``): as keys ("a0", "b0"
    ... one per character before a digit) they gave the root a child per letter, which
    pyahocorasick scans one by one at each character (35% more instructions in all)."""
    auto = _starts()[0]
    shadow = ahocorasick.Automaton()
    odd: list[str] = []
    edges = (" ", "#", "0")
    for key in auto.keys():
        ln, whole = auto.get(key)
        if not all(c == " " or "a" <= c <= "z" for c in key):
            odd.append(key)
            continue
        for p in edges:
            if whole:
                for q in edges:
                    shadow.add_word(p + key + q, len(key) + 1)
            else:
                shadow.add_word(p + key, len(key))
    shadow.make_automaton()
    return shadow, tuple(odd)


def number_starts(text: str) -> list[int]:
    """Where a number phrase can start in ``text`` (``_candidates``), found once for a whole
    article: the starts inside a sentence span are that sentence's own (spans are bounded
    by whitespace, which no start word crosses), shifted by the span's start."""
    if not text.isascii():
        return _candidates(text, _starts()[0])
    low = text.lower()
    # padded with "#": offsets in the shadow are one more than in the text
    shadow = "#" + low.encode("ascii").translate(_SHADOW).decode("ascii") + "#"
    auto, odd = _shadow_starts()
    out = [end - back for end, back in auto.iter(shadow)]
    # a digit after a non-digit: each run of "0" in the shadow (one to the right of the text)
    out += [m.start() - 1 for m in _SHADOW_DIGITS.finditer(shadow)]
    n = len(low)
    for key in odd:  # the _candidates test, word by word
        ln, whole = _starts()[0].get(key)
        i = low.find(key)
        while i >= 0:
            end = i + ln - 1
            if not (i > 0 and "a" <= low[i - 1] <= "z") and \
                    not (whole and end + 1 < n and "a" <= low[end + 1] <= "z"):
                out.append(i)
            i = low.find(key, i + 1)
    if len(out) > 1:
        out = sorted(set(out))
    return out


def find_quantities(text: str, starts: list[int] | None = None, low: str | None = None) -> list[Quantity]:
    """Every number phrase in ``text``; never raises. ``starts``: ``number_starts(text)``
    when already known (e.g. cut from the article's); ``low``: ``text.lower()``, when at hand."""
    back = _starts()[1]
    quals = _qual_words()
    if text.isascii():  # the case-sensitive twin over the lower case: same spans, faster
        src, rx = text.lower() if low is None else low, _pattern_low()
    else:
        src, rx = text, _pattern()
    vague_map, kinds = load("casualty_words.json")["vague"], _qual_kind()  # for _quantity, once a call
    matches: list[Quantity] = []
    covered = -1
    # the full pattern is tried only where a number can start: much faster than finditer
    for pos in (number_starts(text) if starts is None else starts):
        if pos < covered:
            continue
        if pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "-."):
            if not (text[pos - 1] == "-" and pos > 1 and text[pos - 2] == " "):
                continue
        # the qualifier regex ends in \s+$: it can only match when the window, right-stripped,
        # ends with a qualifier (checked with str.endswith on plain lower case; fold traps keep it)
        lo = max(0, pos - 25)
        if src is low:  # ASCII with its lower case at hand: the window's lower case is a slice
            hit = pos > 0 and low[pos - 1].isspace() and low[lo:pos].rstrip().endswith(quals)
        else:
            win = text[lo:pos]
            hit = win[-1:].isspace() and (win.rstrip().lower().endswith(quals) or not foldsafe(win))
        if hit:
            qm = back.search(text, lo, pos)
        else:
            qm = None
        m = rx.match(src, qm.start() if qm else pos)
        if m is None and qm is not None:
            m = rx.match(src, pos)
        if m is None or m.end() <= pos:
            continue
        q = _quantity(text, m, vague_map, kinds)
        if q is not None:
            matches.append(q)
            covered = q.end
        else:
            covered = m.end()
    return matches


def _quantity(text: str, m: re.Match[str], vague_map: dict, kinds: dict) -> Quantity | None:
    """The Quantity of one match of ``_pattern`` (or ``_pattern_low`` over ``text.lower()``:
    the matched text is always sliced from ``text``); None for a figure that does not parse."""
    # by position: qual, n1, n2, vague, unq are _pattern's only groups (1-5), so are _pattern_low's
    qual, n1t, n2t, vague, _ = m.groups()
    qual = qual.lower() if qual else None
    ms, me = m.span()
    if n1t:
        n1 = parse_number(n1t)
        if n1 is None:
            return None
        n2 = parse_number(n2t) if n2t else None
        if n2 is not None and n2 > n1:
            # "N-M" or "N to M" is a range only when it rises; "two or three" too
            sep = text[m.end(2):m.start(3)].strip().lower()
            between = text[ms:me].lower().lstrip().startswith(("between", (qual or "") + " between"))
            if sep in ("-", "to", "or") or (sep == "and" and between):
                return Quantity(ms, me, text[ms:me], n1, n1, n2, "range")
        end = m.end(2)
        kind = kinds.get(qual or "", None)
        if kind == "lower":  # at least, more than, over, some
            return Quantity(ms, end, text[ms:end], n1, n1, None, qual)
        if kind == "upper":  # up to, as many as
            return Quantity(ms, end, text[ms:end], None, n1, n1, qual)
        if kind == "approx":  # nearly, about, around
            return Quantity(ms, end, text[ms:end], None, n1, None, qual)
        return Quantity(ms, end, text[ms:end], n1, n1, n1, qual)
    if vague:
        val = vague_map.get(vague.lower())
        if val is None:  # a character re.I folds onto a letter: "ten\u017f" is "tens" (never raise)
            val = next(v for k, v in vague_map.items() if re.fullmatch(re.escape(k), vague, re.I))
        return Quantity(ms, me, text[ms:me], val, val, None, qual or "vague", vague=True)
    return Quantity(ms, me, text[ms:me], None, None, None, "unquantified", unquantified=True)
