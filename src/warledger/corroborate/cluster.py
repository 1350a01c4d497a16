"""Scored pairs → clusters of events, one cluster per real event.

Greedy best-first merging with two guards: an article never contributes two events to
one cluster (it reported them as different incidents), and every cross pair of the two
clusters must be at least loosely similar (complete linkage), so a vague "45 killed in
Aleppo today" cannot chain the morning's car bomb to the evening's air strike.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ClusterOptions:
    """Score a pair needs to start a merge, and the floor every cross pair must clear."""

    threshold: float = 0.70
    link_min: float = 0.50


def cluster(n: int, i: np.ndarray, j: np.ndarray, scores: np.ndarray, articles: np.ndarray,
            options: ClusterOptions | None = None) -> list[list[int]]:
    """Clusters (lists of event indexes, each sorted) covering all n events."""
    opt = options or ClusterOptions()
    keep = scores >= opt.link_min
    i, j, s = i[keep], j[keep], scores[keep]
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    linked = {(int(a), int(b)): float(c) for a, b, c in zip(lo, hi, s)}
    strong = np.flatnonzero(s >= opt.threshold)
    # best first; ties broken by index so the result does not depend on input order quirks
    strong = strong[np.lexsort((hi[strong], lo[strong], -s[strong]))]

    parent = list(range(n))
    members: dict[int, list[int]] = {}
    arts: dict[int, set[int]] = {}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def get(root: int) -> tuple[list[int], set[int]]:
        if root not in members:
            members[root] = [root]
            arts[root] = {int(articles[root])}
        return members[root], arts[root]

    for k in strong:
        ra, rb = find(int(lo[k])), find(int(hi[k]))
        if ra == rb:
            continue
        ma, aa = get(ra)
        mb, ab = get(rb)
        if aa & ab:
            continue
        if any((min(x, y), max(x, y)) not in linked for x in ma for y in mb):
            continue
        if len(ma) < len(mb):
            ra, rb, ma, mb, aa, ab = rb, ra, mb, ma, ab, aa
        parent[rb] = ra
        ma.extend(mb)
        aa |= ab
        del members[rb], arts[rb]

    groups: dict[int, list[int]] = {}
    for x in range(n):
        groups.setdefault(find(x), []).append(x)
    return [sorted(g) for g in groups.values()]
