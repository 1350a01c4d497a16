"""corroborate stage: Events from many articles → one LedgerEvent per real event.

`corroborate()` is the pure stage: near-duplicate texts → blocking → pair scores →
clusters → merged LedgerEvents. `corroborate_store()` reads the store and writes the ledger.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

import numpy as np

from ..records import Article, Event, LedgerEvent
from .blocking import BlockingOptions, candidate_pairs
from .cluster import ClusterOptions, cluster
from .merge import MergeOptions, ledger_id, merge_cluster
from .neardup import NearDupOptions, duplicate_groups
from .similarity import ScoreOptions, build_features, explain_pair, score_pairs

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["corroborate", "corroborate_store", "CorroborateOptions", "explain_pair", "ledger_id",
           "duplicate_groups"]


@dataclass(frozen=True)
class CorroborateOptions:
    """Every knob of the stage, one object (STYLE rule 7); defaults are the tuned values."""

    neardup: NearDupOptions = field(default_factory=NearDupOptions)
    blocking: BlockingOptions = field(default_factory=BlockingOptions)
    score: ScoreOptions = field(default_factory=ScoreOptions)
    cluster: ClusterOptions = field(default_factory=ClusterOptions)
    merge: MergeOptions = field(default_factory=MergeOptions)


def corroborate(events: Sequence[Event], articles: Sequence[Article],
                options: CorroborateOptions | None = None) -> list[LedgerEvent]:
    """Cluster events that describe the same real event and merge each cluster.

    Pure: the same events and articles give the same ledger (ids are content hashes of
    the member event ids), whatever their order. Events whose article is not among
    `articles` still count, with an unknown outlet.
    """
    opt = options or CorroborateOptions()
    by_id = {a.id: a for a in articles}
    # only texts that carry events matter for counting sources
    used = sorted({e.article_id for e in events} & by_id.keys())
    canonical = duplicate_groups(((a, f"{by_id[a].title}\n{by_id[a].body}", by_id[a].published)
                                  for a in used), opt.neardup)
    events = sorted(events, key=lambda e: e.id)
    feats = build_features(events, {a.id: a.title for a in articles})
    i, j = candidate_pairs(events, feats.day, opt.blocking)
    scores = score_pairs(feats, i, j, opt.score) if i.size else np.empty(0)
    groups = cluster(len(events), i, j, scores, feats.article, opt.cluster)
    ledger = [merge_cluster([events[k] for k in g], by_id, canonical, opt.merge) for g in groups]
    return sorted(ledger, key=lambda le: (le.date or "", le.id))


def corroborate_store(store: "Store", options: CorroborateOptions | None = None) -> int:
    """Corroborate every event in the store and replace its ledger; returns the ledger size."""
    events = store.events()
    ids = {e.article_id for e in events}
    articles = [a for a in store.iter_articles() if a.id in ids]
    return store.replace_ledger(corroborate(events, articles, options))
