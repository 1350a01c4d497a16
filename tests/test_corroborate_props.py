"""Property tests: corroboration is a partition, order-free, and its figures are sane."""
from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from warledger.corroborate import corroborate
from warledger.corroborate.merge import combine_counts
from warledger.records import Article, Count, Event, Place, Span

PLACES = [("Aleppo", "Aleppo", 36.2021, 37.1343), ("Manbij", "Aleppo", 36.5281, 37.9549),
          ("Douma", "Rif Dimashq", 33.5711, 36.4019), ("Damascus", "Damascus", 33.5102, 36.2913)]
SUBS = ["Air/drone strike", "Shelling/artillery/missile attack", "Suicide bomb", None]
WORDS = ["rocket", "shells", "market", "school", "convoy", "warplanes", "bakery", "mosque"]

counts = st.builds(lambda lo, extra, has: Count(low=lo, best=lo, high=lo + extra) if has else Count(),
                   st.integers(0, 60), st.integers(0, 20), st.booleans())

events = st.lists(st.tuples(
    st.integers(0, 5),  # article
    st.integers(0, 4),  # day offset
    st.sampled_from(PLACES), st.sampled_from(SUBS), counts,
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4),
    st.sampled_from(["civilians", "combatants"]),
), min_size=1, max_size=14)


def build(spec) -> tuple[list[Event], list[Article]]:
    evs = []
    for n, (art, day, (name, adm, lat, lon), sub, killed, words, victims) in enumerate(spec):
        text = " ".join(words) + f" in {name}"
        evs.append(Event(id=f"e{n:02d}", article_id=f"a{art}", date=f"2016-08-1{day}",
                         date_precision="day",
                         place=Place(name=name, admin1=adm, country="SY", lat=lat, lon=lon,
                                     precision="place"),
                         event_type="Explosions/Remote violence", sub_event_type=sub,
                         killed=killed, victims={victims: killed},
                         sentence=Span(f"a{art}", 0, len(text), text)))
    arts = [Article(id=f"a{k}", title=f"report {k}", body=f"report number {k} " * 3,
                    source=["sana", "etilaf", "reuters"][k % 3], published=f"2016-08-1{k % 5}")
            for k in range(6)]
    return evs, arts


@settings(max_examples=60, deadline=None)
@given(events, st.randoms(use_true_random=False))
def test_partition_order_free_and_sane(spec, rnd):
    evs, arts = build(spec)
    ledger = corroborate(evs, arts)
    seen = Counter(c.event_id for le in ledger for c in le.claims)
    assert set(seen) == {e.id for e in evs} and set(seen.values()) == {1}
    for le in ledger:
        assert 1 <= le.n_sources <= len({c.source for c in le.claims})
        k = le.killed
        if k.best is not None:
            assert k.low <= k.best <= k.high
            figures = {c.killed.best for c in le.claims if c.killed.best is not None}
            assert k.best in figures and k.low == min(figures)
    shuffled = evs[:]
    rnd.shuffle(shuffled)
    assert [le.to_dict() for le in corroborate(shuffled, arts[::-1])] == [le.to_dict() for le in ledger]


@given(st.lists(st.integers(0, 500), min_size=1, max_size=9), st.data())
def test_best_is_a_claimed_figure_backed_by_most_sources(figs, data):
    n_groups = data.draw(st.integers(1, len(figs)))
    groups = [[k for k in range(len(figs)) if k % n_groups == g] for g in range(n_groups)]
    c = combine_counts([Count(low=f, best=f) for f in figs], groups)
    assert c.low == min(figs) and c.high == max(figs) and c.best in figs
    per_source = [max(figs[k] for k in g) for g in groups]
    top = Counter(per_source).most_common()
    if top[0][1] >= 2 and (len(top) == 1 or top[1][1] < top[0][1]):
        assert c.best == top[0][0]
    else:
        assert c.best == sorted(per_source)[(len(per_source) - 1) // 2]
