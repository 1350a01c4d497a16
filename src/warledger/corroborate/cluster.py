"""Scored pairs → clusters of events, one cluster per real event.

Greedy best-first merging with two guards. Every cross pair of the two clusters must be
at least loosely similar (complete linkage), so a vague "45 killed in Aleppo today"
cannot chain the morning's car bomb to the evening's air strike. Two events of one
article join only when they are nearly the same: extraction yields an event per figure,
so one article often gives one strike twice ("at least 85 civilians" from activists, "at
least 56" from the Observatory, dailysabah on Manbij, 19 July 2016), but an article can
also list different incidents of one day and city, and those must stay apart.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ClusterOptions:
    """Score a pair needs to start a merge, and the floor every cross pair must clear."""

    threshold: float = 0.70
    link_min: float = 0.50
    # Two events of one article: of 12 FA-KES same-article pairs scoring ≥ 0.8 read by
    # hand, 11 were one incident told twice (the 12th, a Midan police station "last
    # December", was misdated by extraction).
    same_article_min: float = 0.80


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

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def get(root: int) -> list[int]:
        return members.setdefault(root, [root])

    for k in strong:
        ra, rb = find(int(lo[k])), find(int(hi[k]))
        if ra == rb:
            continue
        ma, mb = get(ra), get(rb)
        if any(linked.get((min(x, y), max(x, y)), -1.0) <
               (opt.same_article_min if articles[x] == articles[y] else opt.link_min)
               for x in ma for y in mb):
            continue
        if len(ma) < len(mb):
            ra, rb, ma, mb = rb, ra, mb, ma
        parent[rb] = ra
        ma.extend(mb)
        del members[rb]

    groups: dict[int, list[int]] = {}
    for x in range(n):
        groups.setdefault(find(x), []).append(x)
    return [sorted(g) for g in groups.values()]
