"""Sentences and tokens with character offsets, tuned to news copy and FA-KES's stripped text.

FA-KES dropped most punctuation except full stops ("Syrias", "230000"), so a sentence ends at
[.!?] followed by space and a capital, digit or quote, unless the dot ends an abbreviation
("U.S.", "Gen.", "Jan.").
"""
from __future__ import annotations

import re

_ABBREV = {
    "u.s", "u.n", "u.k", "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "maj", "capt", "sgt",
    "brig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "no", "vs", "e.g", "i.e", "etc", "al", "approx", "prof", "rev", "sen", "rep", "gov", "inc",
    "a.m", "p.m", "co", "corp", "ltd", "jr", "sr",
}
_BOUNDARY = re.compile(r"""(?:[.!?]+["'”’)\]]*|["”]\s*(?=\s))\s+(?=["'“‘(\[]?[A-Z0-9])|\n\s*\n+|\n(?=\s*[A-Z“"])""")
# a boundary match starts with one of these: scanning for them (a plain character class) and
# trying _BOUNDARY only there finds the same matches as _BOUNDARY.finditer, several times faster
_BOUNDARY_FIRST = re.compile(r"""[.!?"”\n]""")
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-'’.][A-Za-z0-9]+)*|[^\sA-Za-z0-9]")


def sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) offsets of the sentences of ``text`` (whitespace trimmed)."""
    spans: list[tuple[int, int]] = []
    start = 0
    covered = 0
    match = _BOUNDARY.match
    for c in _BOUNDARY_FIRST.finditer(text):
        ms = c.start()
        if ms < covered:
            continue
        m = match(text, ms)
        if m is None:
            continue
        covered = m.end()
        g = m.group(0)
        if text[ms] == "." and "\n" not in g:
            # an abbreviation or initial before the dot does not end the sentence; the word is
            # the run of [A-Za-z.] ending the chunk (before a final newline, as regex "$" would)
            i = ms - 1 if ms - 1 >= start and text[ms - 1] == "\n" else ms
            j = i
            while j > start and text[j - 1] in _WORD_CHARS:
                j -= 1
            word = text[j:i].lower()
            if word in _ABBREV or (len(word) == 1 and word.isalpha()):
                continue
        if '"' in g and text[ms] != "." and not text[start:ms].rstrip().endswith(("said", "added")):
            if "." not in g and "!" not in g and "?" not in g:
                continue
        _push(spans, text, start, ms + len(g.rstrip()))
        start = m.end()
    _push(spans, text, start, len(text))
    return spans


def _push(spans: list[tuple[int, int]], text: str, s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))


# the only characters a case-insensitive regex matches to an ASCII letter, or whose lower case
# holds one (Kelvin sign, long s, dotted and dotless i): text without them can be pre-tested
# with plain `in` on its lower case
_FOLD_TRAPS = ("\u212a", "\u017f", "\u0130", "\u0131")


def foldsafe(s: str) -> bool:
    """``word in s.lower()`` is necessary for an ASCII ``word`` to match ``s`` under re.I."""
    return s.isascii() or not any(c in s for c in _FOLD_TRAPS)


def lowered(rx: re.Pattern[str], lower_literals: bool = False) -> re.Pattern[str] | None:
    """``rx`` (case-insensitive) as a case-sensitive regex for lower-cased ASCII text: the same
    spans, several times faster (re.I defeats sre's literal scans). None when the pattern has
    an upper-case literal or class (only escapes such as \\W or \\S may be upper-case), unless
    ``lower_literals``: then they are lower-cased ("GMT" -> "gmt"), escapes and group names kept."""
    if not rx.flags & re.I or re.search(r"\(\?[aiLmsux-]+[:)]", rx.pattern):
        return None  # case-sensitive, or inline flags (a "(?-i:...)" part must keep its case)
    if re.search(r"\\[xuUN0-9]", rx.pattern) or not rx.pattern.isascii():
        return None  # a character given by its code: its case is not in the pattern text
    if lower_literals:
        parts = re.split(r"(\\.|\(\?P<\w+>|\(\?P=\w+\))", rx.pattern)
        src = "".join(p if i % 2 else p.lower() for i, p in enumerate(parts))
        return re.compile(src, rx.flags & ~re.I)
    bare = re.sub(r"\\.|\(\?P[<=]", "", rx.pattern)  # escapes and named groups aside
    if bare != bare.lower():
        return None
    return re.compile(rx.pattern, rx.flags & ~re.I)


def lowered_twin(rx: re.Pattern[str], lower_literals: bool = False) -> re.Pattern[str]:
    """``lowered(rx)``, which must exist: for module constants whose twin is relied on."""
    low = lowered(rx, lower_literals)
    if low is None:
        raise ValueError(f"not a lower-case re.I pattern: {rx.pattern[:60]}")
    return low


class Folded:
    """A case-insensitive regex that runs as ``lowered(rx)`` over ASCII text. Its matches are
    over the lower-cased text: read spans, and slice the original for the matched text."""

    __slots__ = ("rx", "low")

    def __init__(self, rx: re.Pattern[str], lower_literals: bool = False):
        low = lowered(rx, lower_literals)
        if low is None:
            raise ValueError(f"not a lower-case re.I pattern: {rx.pattern[:60]}")
        self.rx, self.low = rx, low

    def search(self, s: str, low: str | None = None) -> re.Match[str] | None:
        """``rx.search(s)``'s span; ``low``: ``s.lower()`` when already at hand."""
        if s.isascii():
            return self.low.search(s.lower() if low is None else low)
        return self.rx.search(s)

    def match(self, s: str, low: str | None = None) -> re.Match[str] | None:
        if s.isascii():
            return self.low.match(s.lower() if low is None else low)
        return self.rx.match(s)


class Gated:
    """A regex behind a cheap pre-test: every match holds one of ``keys`` (lower-case ASCII
    words), so a text whose lower case holds none cannot match. Same results, less time.
    ASCII text runs ``lowered(rx)`` over its lower case when the pattern allows: the match
    then has the right span but lower-cased text."""

    __slots__ = ("rx", "keys", "low")

    def __init__(self, rx: re.Pattern[str], keys: tuple[str, ...]):
        self.rx, self.keys, self.low = rx, keys, lowered(rx)

    def search(self, s: str, low: str | None = None) -> re.Match[str] | None:
        if low is None:
            low = s.lower()
        for k in self.keys:
            if k in low:
                if self.low is not None and s.isascii():
                    return self.low.search(low)
                return self.rx.search(s)
        return self.rx.search(s) if not foldsafe(s) else None


def tokens(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """Word and punctuation tokens as (start, end, text), offsets shifted by ``offset``."""
    return [(m.start() + offset, m.end() + offset, m.group(0)) for m in _TOKEN.finditer(text)]
