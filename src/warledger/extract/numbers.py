"""Numbers in news text: digits, number words and vague quantities, with their qualifiers.

FA-KES strips thousands separators ("230000"), crowd text spells counts out ("Sixty-two",
"Thirty one", "a hundred"), and ACLED's conservative rule (GUIDE.md) fixes the vague words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick

from .lexicon import load
from .text import foldsafe

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


@dataclass
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


_DIGIT_FORM = re.compile(r"(\d+(?:\.\d+)?)(?:\s+(million|thousand|hundred))?")
_SPLIT = re.compile(r"[\s-]+")


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
def _qual_words() -> tuple[str, ...]:
    lex = load("casualty_words.json")
    return tuple(sorted({q.lower() for qs in lex["qualifiers"].values() for q in qs}))


@lru_cache(maxsize=1)
def _qual_kind() -> dict[str, str]:
    lex = load("casualty_words.json")
    return {q: kind for kind, qs in lex["qualifiers"].items() for q in qs}


_DIGIT_RUN = re.compile(r"\d+")
_A_NEXT = ("hundred", "dozen", "thousand", "number", "few", "handful", "large", "big", "great")


@lru_cache(maxsize=1)
def _starts() -> tuple[Any, re.Pattern[str]]:
    """An Aho-Corasick automaton of the words a number phrase can start with ("a"/"an" only
    before "hundred", "dozen", "number" ...), and the qualifier regex looking back from there."""
    lex = load("casualty_words.json")
    first = set(_WORDS) | {"between"}
    quals_all = [q for qs in lex["qualifiers"].values() for q in qs]
    for w in list(lex["vague"]) + list(lex["unquantified"]) + quals_all:
        first.add(w.split()[0].lower())
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


def number_starts(text: str) -> list[int]:
    """Where a number phrase can start in ``text``, found once for a whole article: the
    starts inside a sentence span are that sentence's own (spans are bounded by whitespace,
    which no start word crosses), shifted by the span's start."""
    return _candidates(text, _starts()[0])


def find_quantities(text: str, starts: list[int] | None = None) -> list[Quantity]:
    """Every number phrase in ``text``; never raises. ``starts``: ``number_starts(text)``
    when already known (e.g. cut from the article's)."""
    auto, back = _starts()
    quals = _qual_words()
    rx = _pattern()
    matches: list[Quantity] = []
    covered = -1
    # the full pattern is tried only where a number can start: much faster than finditer
    for pos in (_candidates(text, auto) if starts is None else starts):
        if pos < covered:
            continue
        if pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in "-."):
            if not (text[pos - 1] == "-" and pos > 1 and text[pos - 2] == " "):
                continue
        # the qualifier regex ends in \s+$: it can only match when the window, right-stripped,
        # ends with a qualifier (checked with str.endswith on plain lower case; fold traps keep it)
        lo = max(0, pos - 25)
        win = text[lo:pos]
        if win[-1:].isspace() and (win.rstrip().lower().endswith(quals) or not foldsafe(win)):
            qm = back.search(text, lo, pos)
        else:
            qm = None
        m = rx.match(text, qm.start() if qm else pos)
        if m is None and qm is not None:
            m = rx.match(text, pos)
        if m is None or m.end() <= pos:
            continue
        before = len(matches)
        _build(text, [m], matches)
        covered = matches[-1].end if len(matches) > before else m.end()
    return matches


def _build(text: str, found: list, out: list[Quantity]) -> list[Quantity]:
    vague_map = load("casualty_words.json")["vague"]
    for m in found:
        qual = (m.group("qual") or "").lower() or None
        kind = _qual_kind().get(qual or "", None)
        if m.group("n1"):
            n1 = parse_number(m.group("n1"))
            if n1 is None:
                continue
            n2 = parse_number(m.group("n2")) if m.group("n2") else None
            sep = text[m.end("n1"):m.start("n2")].strip().lower() if n2 is not None else ""
            # "N-M" or "N to M" is a range only when it rises; "two or three" too
            between = m.group(0).lower().lstrip().startswith(("between", (qual or "") + " between"))
            if n2 is not None and n2 > n1 and (sep in ("-", "to", "or") or (sep == "and" and between)):
                out.append(Quantity(m.start(), m.end(), m.group(0), n1, n1, n2, "range"))
                continue
            end = m.end("n1")
            q = Quantity(m.start(), end, text[m.start():end], n1, n1, n1, qual)
            if kind == "lower":  # at least, more than, over, some
                q.low, q.best, q.high = n1, n1, None
            elif kind == "upper":  # up to, as many as
                q.low, q.best, q.high = None, n1, n1
            elif kind == "approx":  # nearly, about, around
                q.low, q.best, q.high = None, n1, None
            out.append(q)
        elif m.group("vague"):
            word = m.group("vague").lower()
            val = vague_map[word]
            out.append(Quantity(m.start(), m.end(), m.group(0), val, val, None,
                                qual or "vague", vague=True))
        else:
            out.append(Quantity(m.start(), m.end(), m.group(0), None, None, None,
                                "unquantified", unquantified=True))
    return out
