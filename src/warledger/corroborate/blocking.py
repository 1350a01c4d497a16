"""Candidate pairs: only events in the same governorate within a few days are compared.

Sorted-neighbourhood blocking: events are grouped by (country, governorate) and sorted
by day; each is paired with the later events of its block inside the date window, at most
`max_neighbours` of them. Cost is O(n log n + n·k), never all pairs.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Sequence

import numpy as np

from ..records import Event


@dataclass(frozen=True)
class BlockingOptions:
    """How far apart in time two reports of one event may be dated, and the per-event cap."""

    window_days: int = 3
    # The cap bounds the work in a block as dense as a siege day in Aleppo; 200 later
    # events within three days of one governorate is far beyond the FA-KES density (≤ 6).
    max_neighbours: int = 200


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    data = json.loads(resources.files(__package__).joinpath("data/blocking.json").read_text("utf-8"))
    return data["admin1_aliases"]


def admin1_key(name: str | None) -> str:
    """Governorate name folded for blocking ("Rif Dimashq Governorate" → "damascus")."""
    if not name:
        return ""
    key = " ".join(name.lower().replace("governorate", "").replace("province", "").split())
    return _aliases().get(key, key)


def block_key(e: Event) -> str | None:
    """The block an event belongs to, or None when it has no date (it then stands alone)."""
    if not e.date:
        return None
    country = (e.place.country or "").upper()
    return f"{country}|{admin1_key(e.place.admin1)}"


def candidate_pairs(events: Sequence[Event], days: np.ndarray,
                    options: BlockingOptions | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Index arrays (i, j), i < j in block order, of the pairs worth scoring.

    `days` holds each event's date ordinal (-1 when unknown; those are never paired).
    """
    opt = options or BlockingOptions()
    blocks: dict[str, list[int]] = {}
    for idx, e in enumerate(events):
        key = block_key(e)
        if key is not None and days[idx] >= 0:
            blocks.setdefault(key, []).append(idx)
    out_i, out_j = [], []
    for members in blocks.values():
        if len(members) < 2:
            continue
        m = np.asarray(members, dtype=np.int64)
        order = np.argsort(days[m], kind="stable")
        m, d = m[order], days[m][order]
        hi = np.searchsorted(d, d + opt.window_days, side="right")
        hi = np.minimum(hi, np.arange(m.size) + 1 + opt.max_neighbours)
        counts = hi - np.arange(m.size) - 1
        if counts.sum() == 0:
            continue
        left = np.repeat(np.arange(m.size), counts)
        # offsets 1..count for each left index, built without a Python loop
        starts = np.repeat(np.cumsum(counts) - counts, counts)
        right = left + 1 + (np.arange(counts.sum()) - starts)
        out_i.append(m[left])
        out_j.append(m[right])
    if not out_i:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    return np.concatenate(out_i), np.concatenate(out_j)
