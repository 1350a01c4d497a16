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
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-'’.][A-Za-z0-9]+)*|[^\sA-Za-z0-9]")


def sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) offsets of the sentences of ``text`` (whitespace trimmed)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        chunk = text[start:m.start()]
        if "\n" not in m.group(0) and text[m.start()] == ".":
            # an abbreviation or initial before the dot does not end the sentence
            prev = re.search(r"([A-Za-z.]+)$", chunk)
            word = prev.group(1).lower() if prev else ""
            if word in _ABBREV or (len(word) == 1 and word.isalpha()):
                continue
        if '"' in m.group(0) and text[m.start()] != "." and not chunk.rstrip().endswith(("said", "added")):
            if not re.search(r"[.!?]", m.group(0)):
                continue
        _push(spans, text, start, m.start() + len(m.group(0).rstrip()))
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


def tokens(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """Word and punctuation tokens as (start, end, text), offsets shifted by ``offset``."""
    return [(m.start() + offset, m.end() + offset, m.group(0)) for m in _TOKEN.finditer(text)]
