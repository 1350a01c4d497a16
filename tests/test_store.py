"""The store: migrations, upserts, sightings, all-or-nothing batches, event replacement."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warledger.errors import NotFoundError, StoreError
from warledger.records import Article, Count, Event, Mention, Place, RawInput, Span
from warledger.store import EventFilter, Store


def art(i: int, body: str = "Body text.") -> Article:
    a = Article(id="", title=f"Title {i}", body=f"{body} {i}", source="testwire",
                published=f"2016-07-{i % 28 + 1:02d}", raw=RawInput(path=f"f{i}.txt", sha256="x"))
    a.id = Article.make_id(a.title, a.body, a.source)
    return a


def test_migrations_recorded_once(tmp_path):
    db = str(tmp_path / "w.sqlite")
    s1 = Store(db)
    assert s1.applied_migrations == ["0001_initial"]
    s2 = Store(db)
    assert s2.applied_migrations == []
    assert [r[0] for r in s2.table_rows("migrations")] == ["0001_initial"]


def test_sqlite_file_uses_wal(tmp_path):
    s = Store(str(tmp_path / "w.sqlite"))
    with s.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_reingest_changes_nothing_and_counts_sightings(any_store):
    store = any_store
    items = [(art(i), f"f{i}.txt") for i in range(5)]
    r1 = store.add_articles(items)
    before = {t: store.table_rows(t) for t in ("articles", "sightings")}
    r2 = store.add_articles(items)
    assert (r1.new, r1.duplicate, r2.new, r2.duplicate) == (5, 0, 0, 5)
    assert {t: store.table_rows(t) for t in ("articles", "sightings")} == before
    # the same article seen in another file: one article, two sightings
    store.add_articles([(art(0), "elsewhere.csv row 3")])
    assert store.counts()["articles"] == 5
    assert [s["origin"] for s in store.sightings(art(0).id)] == ["elsewhere.csv row 3", "f0.txt"]


def test_failed_batch_leaves_store_unchanged(any_store):
    store = any_store
    store.add_articles([(art(1), "a")])
    before = store.table_rows("articles")
    with pytest.raises(StoreError):
        with store.transaction() as conn:
            store.add_articles([(art(2), "b")], conn)
            conn.exec_driver_sql("INSERT INTO no_such_table VALUES (1)")
    assert store.table_rows("articles") == before


def test_get_article_by_prefix_and_missing(any_store):
    store = any_store
    a = art(3)
    store.add_articles([(a, "x")])
    assert store.get_article(a.id[:8]).title == a.title
    with pytest.raises(NotFoundError):
        store.get_article("a_nope")


def _event(eid: str, aid: str, killed: int, admin1: str) -> Event:
    return Event(id=eid, article_id=aid, date="2016-07-10", killed=Count(low=killed, best=killed),
                 place=Place(name=admin1, admin1=admin1, country="SY", lat=36.2, lon=37.1),
                 evidence=[Mention(kind="casualty", span=Span(aid, 0, 4, "Body"))])


def test_replace_events_is_idempotent_and_filters(any_store):
    store = any_store
    a = art(4)
    store.add_articles([(a, "x")])
    evs = [_event("e1", a.id, 29, "Aleppo"), _event("e2", a.id, 3, "Idleb")]
    store.replace_events({a.id: evs})
    rows = store.table_rows("events")
    store.replace_events({a.id: evs})
    assert store.table_rows("events") == rows
    assert [e.id for e in store.events(EventFilter(min_killed=10))] == ["e1"]
    assert [e.id for e in store.events(EventFilter(admin1="idleb"))] == ["e2"]
    assert [e.id for e in store.events(EventFilter(bbox=(36, 35, 38, 37)))] == ["e1", "e2"]
    assert store.events(EventFilter(bbox=(0, 0, 1, 1))) == []
    assert store.get_event("e1").evidence[0].span.text == "Body"


counts = st.builds(Count, low=st.none() | st.integers(0, 10**6), best=st.none() | st.integers(0, 10**6),
                   high=st.none() | st.integers(0, 10**6), qualifier=st.none() | st.text(max_size=8),
                   unquantified=st.booleans())


@settings(max_examples=60, deadline=None)
@given(killed=counts, victims=st.dictionaries(st.sampled_from(["civilians", "children", "women"]), counts),
       name=st.text(max_size=20), lat=st.none() | st.floats(-90, 90))
def test_event_round_trips_through_json(killed, victims, name, lat):
    e = Event(id="e", article_id="a", killed=killed, victims=victims,
              place=Place(name=name, lat=lat), evidence=[Mention("place", Span("a", 1, 2, name))])
    assert Event.from_json(e.to_json()) == e
