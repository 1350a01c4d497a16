"""Near-duplicate texts: republished wire copy counts as one source, not as corroboration.

Word shingles → MinHash signatures of overlapping windows → LSH banding gives candidate
pairs in near-linear time; each candidate is then checked exactly on its shingle sets. MinHash is written here
with numpy and zlib.crc32 (about 60 lines) rather than pulling in datasketch: the project
needs only signatures and banding, numpy makes them fast enough for 100k texts, and crc32
keeps the hashes stable across processes (Python's own ``hash`` is salted per run, which
would make re-runs disagree).
"""
from __future__ import annotations

import re
import zlib
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
_MIX = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constant (golden ratio)
_MASK32 = np.uint64(0xFFFFFFFF)


@dataclass(frozen=True)
class NearDupOptions:
    """Shingle size, signature shape and the thresholds that make two texts one source."""

    shingle: int = 5  # words per shingle
    # LSH bands x rows = signature length. Two windows inside one copied passage share
    # ≥ 0.6 of their shingles (offset ≤ half a block); 21 bands of 3 rows find such a pair
    # with p ≥ 0.99 and a copy has several such pairs, while windows sharing one stock
    # sentence (Jaccard ≈ 0.2) become candidates with p ≈ 0.16 only.
    bands: int = 21
    rows: int = 3
    # Jaccard ≥ 0.5 is the same text. Containment ≥ 0.75 catches a wire story republished
    # with extra paragraphs (FA-KES dailysabah 1918398779 vs ahram 1923848200, "Suicide
    # bomber kills 4 in Assad clans hometown": Jaccard 0.39, containment 0.99), while two
    # different stories of one outlet that share its page furniture stay below (TRT's
    # "Russian strikes kill 10 in Aleppo" vs "US-led air strikes ... kill dozens": 0.54).
    jaccard: float = 0.5
    containment: float = 0.75
    min_shingles: int = 8  # shorter texts are too short to call copies
    # a 63-row signature estimates Jaccard with s.d. ≤ 0.063; 0.15 of slack keeps recall
    estimate_slack: float = 0.15
    block: int = 20  # shingles per block; signatures are taken over windows of two blocks
    max_bucket: int = 100  # more texts than this in one LSH bucket: outlet boilerplate
    seed: int = 20190101


_WORD_HASHES: dict[str, int] = {}


def _word_hashes(words: list[str]) -> list[int]:
    """crc32 of each word, memoised (a plain dict: an lru_cache call per word costs 3x)."""
    cache = _WORD_HASHES
    try:
        return [cache[w] for w in words]
    except KeyError:
        if len(cache) > 2_000_000:  # a long-running server must not grow without bound
            cache.clear()
        for w in words:
            if w not in cache:
                cache[w] = zlib.crc32(w.encode("utf-8"))
        return [cache[w] for w in words]


def shingle_seq(text: str, k: int = 5) -> np.ndarray:
    """32-bit hashes of the k-word shingles of `text` (lower-cased words), in text order.

    Words are hashed once each (crc32, cached) and a shingle's hash is a polynomial of
    its words' hashes computed with numpy, so hashing costs one dict look-up per word.
    """
    words = _WORD.findall(text.lower())
    if not words:
        return np.empty(0, dtype=np.uint64)
    w = np.array(_word_hashes(words), dtype=np.uint64)
    n = max(len(words) - k + 1, 1)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for t in range(min(k, len(words))):
            h = h * _MIX + w[t:t + n]
    return h >> np.uint64(32)


def shingles(text: str, k: int = 5) -> np.ndarray:
    """Sorted unique shingle hashes of `text`: the set that Jaccard is measured on."""
    return np.unique(shingle_seq(text, k))


class MinHasher:
    """Multiply-shift hashing ((a·x + b) mod 2^64) >> 32, one odd `a` per signature row.

    Multiply-shift is universal and needs no modulo, so a signature costs one numpy
    multiply-add over (shingles × rows); uint64 overflow is the intended mod 2^64.
    """

    def __init__(self, num_perm: int, seed: int):
        rng = np.random.default_rng(seed)
        self.a = rng.integers(0, np.iinfo(np.uint64).max, size=num_perm, dtype=np.uint64) | np.uint64(1)
        self.b = rng.integers(0, np.iinfo(np.uint64).max, size=num_perm, dtype=np.uint64)

    def signatures(self, seq: np.ndarray, block: int) -> tuple[np.ndarray, np.ndarray]:
        """The whole text's signature, and one per window of two consecutive blocks.

        Windows overlap by a block, so any copied passage at least three blocks long
        holds a whole window: a short wire story inside a long article is found even
        though the two texts' Jaccard is low (nna's 67-shingle AFP story "29 Syria Rebels
        Dead in Fighting for Key Aleppo Road" inside alaraby's 450: Jaccard 0.13).
        """
        if seq.size == 0:
            empty = np.full(self.a.shape, _MASK32, dtype=np.uint32)
            return empty, empty[None, :]
        with np.errstate(over="ignore"):
            phv = (np.multiply.outer(seq, self.a) + self.b) >> np.uint64(32)
        pad = (-seq.size) % block  # repeat the last row: a min is unchanged by repeats
        if pad:
            phv = np.vstack([phv, np.repeat(phv[-1:], pad, axis=0)])
        # values are 32-bit: halve the memory of 100k texts' window signatures
        blocks = phv.reshape(-1, block, phv.shape[1]).min(axis=1).astype(np.uint32)
        windows = np.minimum(blocks[:-1], blocks[1:]) if len(blocks) > 1 else blocks
        return blocks.min(axis=0), windows


def exact_overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Jaccard and containment (overlap over the smaller set) of two shingle sets."""
    if a.size == 0 or b.size == 0:
        return 0.0, 0.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter), inter / min(a.size, b.size)


def _pairs_within_runs(order: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """All (x, y) pairs of `order` members inside each run [start, end), as an (k, 2) array."""
    sizes = ends - starts
    multi = sizes > 1
    if not multi.any():
        return np.empty((0, 2), dtype=np.int64)
    pos = np.concatenate([np.arange(s, e) for s, e in zip(starts[multi], ends[multi])])
    end_of = np.repeat(ends[multi], sizes[multi])
    counts = end_of - pos - 1
    left = np.repeat(pos, counts)
    offs = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    right = left + 1 + offs
    a, b = order[left], order[right]
    return np.stack([np.minimum(a, b), np.maximum(a, b)], axis=1)


def candidate_pairs(signatures: np.ndarray, bands: int, rows: int,
                    owner: np.ndarray | None = None, max_bucket: int | None = None) -> np.ndarray:
    """Unique pairs (i < j, an (k, 2) array) of owners whose signatures share an LSH band.

    `owner` maps each signature row to its text (default: row i is text i). A bucket
    holding more than `max_bucket` texts is page furniture shared by a whole outlet
    (a footer, a "related stories" box), not a copied story, and is skipped: it would
    otherwise cost a quadratic number of pairs.
    """
    owner = np.arange(signatures.shape[0]) if owner is None else owner
    mix = np.array([0x9E3779B97F4A7C15 >> k for k in range(rows)], dtype=np.uint64) | np.uint64(1)
    found = []
    for bnd in range(bands):
        # one 64-bit key per band; a rare key collision only adds a candidate that the
        # checks then reject
        with np.errstate(over="ignore"):
            keys = (signatures[:, bnd * rows:(bnd + 1) * rows].astype(np.uint64) * mix).sum(axis=1)
        # one entry per (key, text): a text's own windows never pair with each other.
        # Rows come grouped by text, so a stable sort by key keeps texts in order.
        order = np.argsort(keys, kind="stable")
        sk, texts = keys[order], owner[order]
        first = np.r_[True, (sk[1:] != sk[:-1]) | (texts[1:] != texts[:-1])]
        sk, texts = sk[first], texts[first]
        starts = np.flatnonzero(np.r_[True, sk[1:] != sk[:-1]])
        ends = np.r_[starts[1:], sk.size]
        if max_bucket is not None:
            keep = (ends - starts) <= max_bucket
            starts, ends = starts[keep], ends[keep]
        found.append(_pairs_within_runs(texts, starts, ends))
    pairs = np.concatenate(found) if found else np.empty((0, 2), dtype=np.int64)
    if not pairs.size:
        return pairs
    n = int(owner.max()) + 1
    code = np.unique(pairs[:, 0] * n + pairs[:, 1])
    return np.stack([code // n, code % n], axis=1)


def near_duplicates(texts: Sequence[str], options: NearDupOptions | None = None
                    ) -> list[tuple[int, int, float, float]]:
    """(i, j, jaccard, containment) for every pair of texts that are copies of each other."""
    opt = options or NearDupOptions()
    seqs = [shingle_seq(t or "", opt.shingle) for t in texts]
    sets = [np.unique(q) for q in seqs]
    usable = [i for i, s in enumerate(sets) if s.size >= opt.min_shingles]
    if len(usable) < 2:
        return []
    hasher = MinHasher(opt.bands * opt.rows, opt.seed)
    whole, windows, owner = [], [], []
    for x, i in enumerate(usable):
        sig, win = hasher.signatures(seqs[i], opt.block)
        whole.append(sig)
        windows.append(win)
        owner.append(np.full(len(win), x, dtype=np.int64))
    sigs = np.vstack(whole)
    cand = candidate_pairs(np.vstack(windows), opt.bands, opt.rows, np.concatenate(owner),
                           opt.max_bucket)
    if not cand.size:
        return []
    # Cheap vectorised pre-check on the signatures before the exact one: the estimated
    # Jaccard must come near what either rule needs. Containment c over sets of sizes
    # m ≤ M implies Jaccard c·m / (m + M − c·m), the bar for a long copy of a short text.
    sizes = np.array([sets[i].size for i in usable], dtype=float)
    est = np.concatenate([(sigs[cand[s:s + 50_000, 0]] == sigs[cand[s:s + 50_000, 1]]).mean(axis=1)
                          for s in range(0, len(cand), 50_000)])
    m = np.minimum(sizes[cand[:, 0]], sizes[cand[:, 1]])
    big = np.maximum(sizes[cand[:, 0]], sizes[cand[:, 1]])
    need = np.minimum(opt.jaccard, opt.containment * m / (m + big - opt.containment * m))
    cand = cand[est >= need - opt.estimate_slack]
    found = []
    for x, y in cand.tolist():
        i, j = usable[x], usable[y]
        jac, cont = exact_overlap(sets[i], sets[j])
        if jac >= opt.jaccard or cont >= opt.containment:
            found.append((i, j, jac, cont))
    return found


def duplicate_groups(items: Iterable[tuple[str, str, str | None]],
                     options: NearDupOptions | None = None) -> dict[str, str]:
    """Map each item id to its group's canonical id (the earliest published, then smallest id).

    `items` are (id, text, published). Items that copy nobody map to themselves.
    """
    items = list(items)
    ids = [i for i, _, _ in items]
    parent = list(range(len(items)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j, _, _ in near_duplicates([t for _, t, _ in items], options):
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[find(i)].append(i)
    canon: dict[str, str] = {}
    for members in groups.values():
        # the original is the earliest published; unknown dates sort last
        head = min(members, key=lambda m: (items[m][2] or "\uffff", ids[m]))
        for m in members:
            canon[ids[m]] = ids[head]
    return canon
