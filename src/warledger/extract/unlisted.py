"""Villages the gazetteer lacks, found by their cue and their governorate (places.py).

"the village of X in Aleppo's northern countryside", "X town in rural Hama": the name is kept
and the event placed at the governorate the text names just after it.
"""
from __future__ import annotations

import re
from typing import Any

from .gazetteer import Gazetteer
from .translit import ARTICLE_WORDS, token_key


def find(g: Gazetteer, text: str, found: list) -> list[tuple[int, int, str, Any]]:
    """Villages the gazetteer lacks, named with their governorate: "the village of X in Aleppo's
    northern countryside", "X town in rural Hama": (start, end, name, the governorate's mention)
    for each, which places.py records at governorate precision. ``found``: the text's mentions."""
    govs = [p for p in found if p.place.precision == "governorate" and p.place.country in ("SY", "IQ")]
    if not govs:
        return []
    spans = [(p.start, p.end) for p in found]
    out = []
    for cs, ce in _cues(text):
        if text.startswith(" of ", ce):
            m = _NAME_AFTER.match(text, ce + 4)
        elif cs > 1 and text[cs - 1] == " " and _may_end_name(text, max(0, cs - 60), cs - 1):
            m = _NAME_BEFORE.search(text, max(0, cs - 60), cs)
        else:
            m = None
        if m is None:
            continue
        s, e = m.span("name")
        if any(a < e and s < b for a, b in spans):
            continue
        gov = next((p for p in govs if 0 < p.start - e <= 80 and "." not in text[e:p.start]), None)
        if gov is None:
            continue
        name = m.group("name")
        words = [w for w in re.split(r"[\s-]+", name) if w.lower() not in ARTICLE_WORDS]
        if not words or token_key(words[0]) in g.stop_keys:
            continue
        out.append((s, e, name, gov))
        spans.append((s, e))
    return out


_NAME = r"(?P<name>(?:(?:[Aa]l|[Ee]l|[Aa]d|[Aa]r|[Aa]s|[Aa]sh|[Aa]z|[Aa]t|[Aa]n)[- ])?[A-Z][\w'’`]+(?:[ -](?:(?:al|el|ad|ar|as|ash|az|at|an)-)?[A-Z][\w'’`]+){0,2})"
_CUE_WORDS = ("village", "town", "hamlet", "neighbourhood", "neighborhood", "suburb")
_WORDISH = "_'’`"


def _cues(text: str) -> list[tuple[int, int]]:
    """Spans of the cue words as whole words, in order: what re.finditer of
    r"\b(?:village|town|hamlet|neighbou?rhood|suburb)\b" finds, found with str.find, 5x faster."""
    out = []
    n = len(text)
    for w in _CUE_WORDS:
        i = text.find(w)
        while i >= 0:
            e = i + len(w)
            if (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")) and \
                    (e == n or not (text[e].isalnum() or text[e] == "_")):
                out.append((i, e))
            i = text.find(w, e)
    out.sort()
    return out


def _may_end_name(text: str, lo: int, end: int) -> bool:
    """Whether a _NAME can end at `end` (exclusive): the word run before it holds a capital
    before its last letter. Saves the window search for "the village", "a town"."""
    r = end - 1
    while r >= lo and (text[r].isalnum() or text[r] in _WORDISH):
        r -= 1
    return any("A" <= ch <= "Z" for ch in text[r + 1:end - 1])
_NAME_AFTER = re.compile(_NAME)
_NAME_BEFORE = re.compile(_NAME + r" \Z")  # \Z: "$" would also match before a final "\n"
