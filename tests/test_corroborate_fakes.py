"""Corroboration over the whole FA-KES corpus plus the seed, and near-duplicate detection
on the corpus's real republished stories."""
from __future__ import annotations

import csv
import itertools
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from warledger.corroborate import corroborate, duplicate_groups
from warledger.corroborate.neardup import exact_overlap, near_duplicates, shingles
from warledger.ingest import read
from warledger.records import Article, Count, Event, Place, Span

CAUSE_SUB = {"shelling": "Shelling/artillery/missile attack", "explosion": "Remote explosive/landmine/IED",
             "chemical and toxic gases": "Chemical weapon", "shooting": "Armed clash",
             "execution": "Attack"}


@lru_cache(maxsize=1)
def _read_corpus(shared: Path) -> tuple[list[Article], Article]:
    arts = [a for a in read([str(shared / "data/fakes/articles.csv")]) if isinstance(a, Article)]
    seed = [a for a in read([str(shared / "seed/alalam-2013-06-12-aleppo.txt")]) if isinstance(a, Article)]
    assert len(arts) == 792 and len(seed) == 1
    return arts, seed[0]


@pytest.fixture
def corpus(shared):
    arts, seed = _read_corpus(shared)
    return shared, arts, seed


def gold_events(shared, arts) -> list[Event]:
    """Stand-in Events from the crowd gold rows (governorate precision, as FA-KES codes them)."""
    by_unit = {a.extra.get("unit_id"): a for a in arts}
    out = []
    with open(shared / "data/fakes/dev_gold.csv", newline="", encoding="utf-8") as fh:
        for n, r in enumerate(csv.DictReader(fh)):
            a = by_unit[r["unit_id"]]
            civ, fighters = int(r["nb_civilians"] or 0), int(r["nb_noncivilians"] or 0)
            victims = {}
            if civ:
                victims["civilians"] = Count(low=civ, best=civ)
            if fighters:
                victims["combatants"] = Count(low=fighters, best=fighters)
            out.append(Event(
                id=f"e_gold_{n}", article_id=a.id, primary=True, date=r["date"], date_precision="day",
                place=Place(name=r["location"], admin1=r["location"], country="SY", precision="governorate"),
                actor1=None if r["actor"] == "unknown" else r["actor"],
                sub_event_type=CAUSE_SUB.get(r["cause_of_death"]), cause=r["cause_of_death"],
                killed=Count(low=civ + fighters, best=civ + fighters), victims=victims,
                sentence=Span(a.id, 0, len(a.title), a.title)))
    return out


def seed_event(seed: Article) -> Event:
    s = "At least 120 gunmen have been killed in clashes near the Syrian city of Aleppo"
    start = seed.body.find(s)
    return Event(id="e_seed_0", article_id=seed.id, primary=True, date="2013-06-12",
                 date_precision="day", place=Place(name="Aleppo", admin1="Aleppo", country="SY",
                                                   lat=36.2021, lon=37.1343, precision="place"),
                 actor1="Military Forces of Syria", event_type="Battles", sub_event_type="Armed clash",
                 killed=Count(low=120, best=120, qualifier="at least"),
                 victims={"combatants": Count(low=120, best=120)},
                 sentence=Span(seed.id, start, start + len(s), s))


def test_seed_stands_alone_and_single_source(corpus):
    shared, arts, seed = corpus
    events = gold_events(shared, arts) + [seed_event(seed)]
    ledger = corroborate(events, arts + [seed])
    mine = [le for le in ledger if any(c.event_id == "e_seed_0" for c in le.claims)]
    assert len(mine) == 1
    le = mine[0]
    assert [c.event_id for c in le.claims] == ["e_seed_0"]
    assert le.n_sources == 1 and le.contradictions == []
    assert (le.date, le.place.admin1, le.killed.best) == ("2013-06-12", "Aleppo", 120)
    assert le.claims[0].source == "alalam"


def test_whole_corpus_partition_is_sound(corpus):
    shared, arts, seed = corpus
    events = gold_events(shared, arts)
    ledger = corroborate(events, arts)
    seen = Counter(c.event_id for le in ledger for c in le.claims)
    assert set(seen) == {e.id for e in events} and max(seen.values()) == 1
    for le in ledger:
        assert 1 <= le.n_sources <= len(le.claims)
        dates = sorted(c.date for c in le.claims)
        assert _days(dates[0], dates[-1]) <= 3  # complete linkage inside the date window
    merged = [le for le in ledger if len(le.claims) > 1]
    assert 10 <= len(merged) <= len(ledger) // 4
    by_unit = {a.id: a.extra.get("unit_id") for a in arts}

    def group_of(unit: str) -> set[str]:
        le = next(le for le in ledger if unit in {by_unit[c.article_id] for c in le.claims})
        return {by_unit[c.article_id] for c in le.claims}
    # 5 July 2016, the motorbike bomb outside a Hasakeh bakery: ahram, nna and dailysabah
    assert group_of("1923848176") == {"1923848176", "1914947536", "1924058175"}
    # 10 July 2016, the Castello Road fighting: AFP in nna and in alaraby (not copies)
    assert {"1914947535", "1923102826"} <= group_of("1914947535")
    # same day, same governorate, different events: a Sulaymaniyah shelling (sana) and
    # the Russian air strikes on the east of the city (alaraby) on 13 October 2016
    assert group_of("1926478964").isdisjoint({"1923102902"})


def _days(a: str, b: str) -> int:
    from datetime import date
    return (date.fromisoformat(b) - date.fromisoformat(a)).days


def test_lsh_finds_every_copy_that_all_pairs_finds(corpus):
    _, arts, _ = corpus
    texts = [a.body for a in arts]
    sets = [shingles(t) for t in texts]
    exact = set()
    for i, j in itertools.combinations(range(len(texts)), 2):
        if sets[i].size >= 8 and sets[j].size >= 8:
            jac, cont = exact_overlap(sets[i], sets[j])
            if jac >= 0.5 or cont >= 0.75:
                exact.add((i, j))
    got = {(i, j) for i, j, _, _ in near_duplicates(texts)}
    assert len(exact) >= 20  # FA-KES has dozens of republished stories
    assert got == exact


def test_known_wire_copies_and_non_copies(corpus):
    _, arts, _ = corpus
    by_unit = {a.extra.get("unit_id"): a for a in arts}
    pick = ["1914947534", "1923848124",  # Reuters' Aleppo bomb blast in nna and ahram
            "1918398779", "1923848200",  # AFP's Qardaha bomber, dailysabah adds paragraphs
            "1924058079", "1924058082"]  # two different TRT stories sharing page furniture
    canon = duplicate_groups((by_unit[u].id, by_unit[u].body, by_unit[u].published) for u in pick)
    ids = [by_unit[u].id for u in pick]
    assert canon[ids[0]] == canon[ids[1]]
    assert canon[ids[2]] == canon[ids[3]]
    assert canon[ids[4]] != canon[ids[5]]
    assert canon[ids[0]] != canon[ids[2]]


def test_real_extraction_keeps_the_seed_alone(corpus):
    """The whole pipeline's view: extract every FA-KES article and the seed, corroborate,
    and nothing in FA-KES joins the seed's events (no one else reports Aleppo, June 2013)."""
    from warledger.extract import extract

    _, arts, seed = corpus
    events = [e for a in arts + [seed] for e in extract(a)]
    assert any(e.article_id == seed.id for e in events)
    ledger = corroborate(events, arts + [seed])
    mine = [le for le in ledger if any(c.article_id == seed.id for c in le.claims)]
    assert mine
    for le in mine:
        assert [c.article_id for c in le.claims] == [seed.id] and le.n_sources == 1
    assert any(le.killed.best == 120 and le.date == "2013-06-12" for le in mine)
    # and the corpus does corroborate: several outlets' reports share ledger events
    assert sum(1 for le in ledger if le.n_sources >= 3) >= 10
