"""Cut a text into words and key each word for the gazetteer: the first step of the place
finder (places.py), run on every text, so written as one compiled loop (mypyc, setup.py).

A word's key is its transliteration key (translit.token_key): "" for an article (skipped), "~"
for a word that blocks a match across it (lower case, acronyms), else the name key.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

from .gazetteer import Gazetteer
from .translit import token_key

# Words with internal apostrophes ("Dar'a", "Ma`arrat", "Syria's"); hyphens split ("al-Zahra").
# Possessive quantifiers: the same words, split 20% faster (nothing after a word can need it back).
_WORD = re.compile(r"([^\W_]++(?:['’`ʿʾ][^\W_]++)*+)")
# The same split for ASCII text (most articles), 25% faster: an explicit class is cheaper than
# the Unicode category test of [^\W_], and no ASCII character is one of ’ʿʾ.
_WORD_ASCII = re.compile(r"([A-Za-z0-9]++(?:['`][A-Za-z0-9]++)*+)")
# ASCII letters and digits stay, every other ASCII character becomes a space (str.translate)
_SPACED = "".join(chr(c) if chr(c).isalnum() else " " for c in range(128))
ACRONYM_PLACES = {"US", "USA", "UK", "UAE", "KSA"}


def _token_info(g: Gazetteer, raw: str, world: bool) -> tuple[str, int]:
    """(key, length of the name part) of one word; the name part drops a possessive.

    `world`: the words of world place names count too ("Salt Lake City"); a scan of the SY/IQ
    part alone ignores them, so its result does not depend on whether an earlier text loaded them.
    """
    tokens = g.world_tokens if world else g.tokens
    if raw[0].islower():
        # "the army said": a lower-case word starts no place name and "~" blocks matches across
        # it; but it may go on one ("Deir ezzor" in a FA-KES title) and articles are dropped
        k = token_key(raw)
        inner = g.world_inner_tokens if world else g.inner_tokens
        return (k if not k or (k in inner and k not in g.stop_keys) else "~"), len(raw)
    if len(raw) <= 4 and raw.isupper() and len(raw) > 1 and raw not in ACRONYM_PLACES:
        return "~", len(raw)  # "SANA", "NGO", "SOHR": acronyms, not the village Sa`na
    core = raw
    if len(raw) > 3 and raw[-2:] in ("'s", "’s", "`s"):
        core = raw[:-2]
    k = token_key(core)
    # FA-KES strips apostrophes: "Syrias", "Aleppos" are possessives of known names
    if k and k not in tokens and len(core) > 4 and core[-1] == "s" and core[-2] != "s":
        k2 = token_key(core[:-1])
        if k2 in tokens:
            core, k = core[:-1], k2
    return k, len(core)


@dataclass(slots=True)
class _Tokens:
    """A text cut into words, with each word's key and the words that have one."""

    words: list[str]
    starts: list[int]
    keys: list[str]  # each word's key: "" (an article: skipped), "~" (blocks matches) or a name key
    lens: dict[str, int]  # word -> length of its name part ("Aleppo's" -> 6)
    kept: list[int]  # indices of words with a key ("~" included, once a run: it blocks matches)
    kkeys: list[str]
    world: bool
    raw: list[tuple[int, int, str]] | None = None  # automaton matches over kkeys (kept indices)
    # keyed once the world part was loaded: the words whose world key differs from their core
    # key, a superset for every word here (see _tokens); None when keyed before the world part
    wdiff: set[str] | None = None
    # re-keyed for the world from a core keying (_rekeyed): the world length of each re-keyed
    # word whose length differs, which `lens` (the core lengths) does not hold
    odd_lens: dict[str, int] | None = None

    def length(self, w: str) -> int | None:
        """The length of a word's name part, None when the caches were emptied since."""
        if self.odd_lens is not None:
            n = self.odd_lens.get(w)
            if n is not None:
                return n
        return self.lens.get(w)


def _tokens(g: Gazetteer, text: str, world: bool, base: _Tokens | None = None) -> _Tokens:
    pieces: list[str] | None = None
    if base is not None:  # the same words, keyed again with the world part's words
        if base.wdiff is not None:
            # most texts (~2/3 of the world ones) hold no word the world part keys differently:
            # one set operation instead of keying all ~300 words again and comparing the lists;
            # the others re-key only those words
            odd = base.wdiff.intersection(base.words)
            if not odd:
                return base
            tk = _rekeyed(g, base, odd)
            if tk is not None:
                return tk
        words, starts = base.words, base.starts
    elif text.isascii() and "'" not in text and "`" not in text:
        # no apostrophe (FA-KES strips them): the words are the runs of letters and digits, so
        # mapping every other character to a space and splitting at each space gives them with
        # empty pieces between, and a piece's offset is the lengths before it plus one a piece
        # (the loop below). 45% fewer instructions than the regex split
        pieces = text.translate(_SPACED).split(" ")
        words, starts = [], []
    else:
        # C-level splitting: parts alternate separator, word, separator, word ...
        parts = (_WORD_ASCII if text.isascii() else _WORD).split(text)
        words = parts[1::2]
        starts = list(accumulate(map(len, parts)))[0::2]  # start offset of each word
    wdiff: set[str] | None = None
    kc: dict[str, str]  # word -> key; typed, so the loop below reads it natively (mypyc)
    if world:
        kc, lens = g.caches.setdefault("keys_world", {}), g.caches.setdefault("lens_world", {})
    elif g.world_loaded:
        # once the world part is in, a word keyed for the core is keyed for the world too when
        # first seen, and kept in `wdiff` if the keys differ ("Salt Lake City"'s "lake"): its own
        # cache names, so no word keyed before the world part loaded is taken as checked
        kc, lens = g.caches.setdefault("keys+w", {}), g.caches.setdefault("lens+w", {})
        # (g.caches holds dicts: the set sits in one, and goes when the caches are emptied)
        wdiff = g.caches.setdefault("world_diff", {}).setdefault(None, set())
    else:
        kc, lens = g.caches.setdefault("keys", {}), g.caches.setdefault("lens", {})
    # words, offsets, keys, kept words and their keys in one loop: compiled (mypyc), a pass of
    # native arithmetic and one dict look-up a word instead of five C iterator chains
    keys: list[str] = []
    # indices of the words with a key, and their keys; of a run of "~" words only the first (with
    # articles between): one "~" blocks a match as well as ten, and ~3/4 of the words are "~",
    # so the automaton (places._spans) scans a string half as long
    kept: list[int] = []
    kkeys: list[str] = []
    block = False  # the last kept key is "~"
    k: str | None
    if pieces is not None:
        pos = 0
        for w in pieces:
            n = len(w)
            if n:
                k = kc.get(w)
                if k is None and (k := _key_new(g, w, world, kc, lens, wdiff)) is None:
                    return _tokens(g, text, world, base)
                if k and (k != "~" or not block):
                    kept.append(len(keys))
                    kkeys.append(k)
                    block = k == "~"
                keys.append(k)
                words.append(w)
                starts.append(pos)
            pos += n + 1
        starts.append(len(text))  # as the regex split's last separator gives below
    else:
        for w in words:
            k = kc.get(w)
            if k is None and (k := _key_new(g, w, world, kc, lens, wdiff)) is None:
                return _tokens(g, text, world, base)
            keys.append(k)
        if base is not None and keys == base.keys:
            return base  # the usual case: no word of the text is keyed differently
        kept, kkeys = _kept(keys)
    return _Tokens(words, starts, keys, lens, kept, kkeys, world, None, wdiff)


def _kept(keys: list[str]) -> tuple[list[int], list[str]]:
    """The numbers and keys of the words with a key, one "~" a run (as _tokens' loop keeps them)."""
    kept: list[int] = []
    kkeys: list[str] = []
    block = False
    i = 0
    for k in keys:
        if k and (k != "~" or not block):
            kept.append(i)
            kkeys.append(k)
            block = k == "~"
        i += 1
    return kept, kkeys


def _rekeyed(g: Gazetteer, base: _Tokens, odd: set[str]) -> _Tokens | None:
    """`base` keyed with the world part's words where they differ (`odd`, from its `wdiff`): the
    other words' world keys and lengths are their core ones. An odd word's length may differ
    too ("Genevas" a possessive only with the world's names): kept in `odd_lens`. None when
    the caches were emptied: the caller keys every word."""
    kc: dict[str, str] = g.caches.setdefault("keys_world", {})
    lens: dict[str, int] = g.caches.setdefault("lens_world", {})
    odd_lens: dict[str, int] = {}
    keys = base.keys[:]
    i = 0
    for w in base.words:
        if w in odd:
            k = kc.get(w)
            if k is None and (k := _key_new(g, w, True, kc, lens, None)) is None:
                return None
            n = lens.get(w)
            if n is None:  # (a test may fill the key cache alone)
                n = _token_info(g, w, True)[1]
            if n != base.lens.get(w):
                odd_lens[w] = n
            keys[i] = k
        i += 1
    kept, kkeys = _kept(keys)
    return _Tokens(base.words, base.starts, keys, base.lens, kept, kkeys, True, None, None, odd_lens)


def _key_new(g: Gazetteer, w: str, world: bool, kc: dict[str, str], lens: dict[str, int],
             wdiff: set[str] | None) -> str | None:
    """Key a word first seen, into the caches; None when they were full and are now emptied
    (the text is keyed again from the start, so every word of it is in them)."""
    if len(kc) > 500_000:
        # `wdiff` is kept: a stale word there only sends a text down the full keying
        kc.clear()
        lens.clear()
        return None
    kc[w], lens[w] = info = _token_info(g, w, world)
    if wdiff is not None and _token_info(g, w, True)[0] != info[0]:
        wdiff.add(w)
    return info[0]
