"""Corroboration on hand-built Events quoting real FA-KES sentences (CC BY 4.0).

Each group is a real situation: one event from several outlets, a wire copy, and two
different events on one day in one city. Article texts come from ../shared (FA-KES).
"""
from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from warledger.corroborate import corroborate, explain_pair
from warledger.records import Article, Count, Event, Place, Span

ALEPPO = dict(name="Aleppo", admin1="Aleppo", country="SY", lat=36.2021, lon=37.1343,
              precision="place")
RASHIDEEN = dict(name="Rashideen", admin1="Aleppo", country="SY", lat=36.1722, lon=37.0850,
                 precision="place")


def _rows(shared: Path) -> dict[str, dict]:
    with open(shared / "data/fakes/articles.csv", newline="", encoding="utf-8") as fh:
        return {r["unit_id"]: r for r in csv.DictReader(fh)}


def article(rows: dict, unit: str, published: str) -> Article:
    r = rows[unit]
    return Article(id=f"a_{unit}", title=r["article_title"], body=r["article_content"],
                   source=r["source"], published=published, reader="fakes")


def event(unit: str, n: int, sentence: str, *, date: str, place: dict, killed: int | None,
          injured: int | None = None, etype: str = "Explosions/Remote violence",
          sub: str | None = None, actor1: str | None = None, victims: str = "civilians",
          primary: bool = True) -> Event:
    counts = Count(low=killed, best=killed) if killed is not None else Count(unquantified=True)
    return Event(
        id=f"e_{unit}_{n}", article_id=f"a_{unit}", primary=primary, date=date,
        date_precision="day", place=Place(**place), actor1=actor1, event_type=etype,
        sub_event_type=sub, killed=counts,
        injured=Count(low=injured, best=injured) if injured is not None else Count(),
        victims={victims: counts}, sentence=Span(f"a_{unit}", 0, len(sentence), sentence),
    )


@pytest.fixture
def rows(shared):
    return _rows(shared)


# --------------------------------------------------------------------------- groups

def castello(rows):
    """2016-07-10: the Castello Road fighting, told by AFP (via nna) and by al-Manar."""
    arts = [article(rows, "1914947535", "2016-07-10"), article(rows, "1965511175", "2016-07-10")]
    evs = [
        event("1914947535", 0, "At least 29 Syrian rebels were killed in clashes with regime troops "
              "overnight during a failed bid to reopen the oppositions key supply route into "
              "Aleppo city", date="2016-07-10", place=ALEPPO, killed=29, etype="Battles",
              sub="Armed clash", actor1="Military Forces of Syria", victims="combatants"),
        event("1965511175", 0, "Nearly 30 foreign-sponsored Takfiri terrorists have been killed in "
              "an offensive they had unsuccessfully launched to reopen a key supply route into the "
              "Syrian northern city of Aleppo", date="2016-07-10", place=ALEPPO, killed=30,
              etype="Battles", sub="Armed clash", actor1="Military Forces of Syria",
              victims="combatants"),
    ]
    return arts, evs


def wire_copy(rows):
    """2017-04-19: the same Reuters story in nna and in ahram."""
    s = ("A bomb blast killed six people and injured 32 in the Salah al-Din district of Aleppo "
         "Syrian state television reported on Wednesday")
    arts = [article(rows, "1914947534", "2017-04-19"), article(rows, "1923848124", "2017-04-19")]
    evs = [event(u, 0, s, date="2017-04-19", place=ALEPPO, killed=6, injured=32,
                 sub="Remote explosive/landmine/IED") for u in ("1914947534", "1923848124")]
    return arts, evs


def same_day_aleppo(rows):
    """2016-10-13: regime air strikes on east Aleppo vs a rebel rocket on al-Sulaimaniyeh,
    both geocoded to Aleppo city: two events."""
    arts = [article(rows, "1923102902", "2016-10-13"), article(rows, "1926478964", "2016-10-13")]
    evs = [
        event("1923102902", 0, "The Syrian Civil Defence or White Helmets reported on Thursday that "
              "13 people had been killed and 25 injured in airstrikes with defence teams still "
              "looking under rubble for survivors", date="2016-10-13", place=ALEPPO, killed=13,
              injured=25, sub="Air/drone strike", actor1="Military Forces of Syria"),
        event("1926478964", 0, "Two children were killed and 5 others were injured as the "
              "terrorist organizations fired a rocket shell on al-Sulaimaniyeh area in Aleppo city",
              date="2016-10-13", place=ALEPPO, killed=2, injured=5,
              sub="Shelling/artillery/missile attack", actor1="Rebel groups"),
    ]
    return arts, evs


def sulaymaniyah(rows):
    """2016-11-12: SANA says three killed, Alalam two, in the shelling of Sulaymaniyah."""
    arts = [article(rows, "1926478968", "2016-11-12"), article(rows, "1962495712", "2016-11-12")]
    evs = [
        event("1926478968", 0, "Three civilians were killed and 12 others were injured on Saturday "
              "in terrorist attacks with shells and explosive bullets on Aleppo residential "
              "neighborhoods", date="2016-11-12", place=ALEPPO, killed=3, injured=12,
              sub="Shelling/artillery/missile attack", actor1="Rebel groups"),
        event("1962495712", 0, "Two people have been killed and 10 other people have been injured "
              "in a terrorists groups shelling of the Sulaymaniyah neighborhood of the Syrian city "
              "of Aleppo on Saturday", date="2016-11-12", place=ALEPPO, killed=2, injured=10,
              sub="Shelling/artillery/missile attack", actor1="Rebel groups"),
    ]
    return arts, evs


def bus_convoy(rows):
    """2017-04-15 Rashideen: AFP's story (nna 112, ahram's update 126: one text) and TRT (100)."""
    arts = [article(rows, "1914947533", "2017-04-16"), article(rows, "1923848127", "2017-04-16"),
            article(rows, "1919191772", "2017-04-15")]
    evs = [
        event("1914947533", 0, "The death toll from a bomb blast on a crowded Syrian bus convoy "
              "outside Aleppo reached at least 112 people", date="2017-04-15", place=RASHIDEEN,
              killed=112, sub="Suicide bomb"),
        event("1923848127", 0, "The death toll from a bomb attack on a crowded bus convoy outside "
              "Aleppo has reached at least 126", date="2017-04-15", place=RASHIDEEN, killed=126,
              sub="Suicide bomb"),
        event("1919191772", 0, "A suicide car bomb has hit a convoy of buses carrying civilians out "
              "of two besieged Syrian towns killing at least 100 people", date="2017-04-15",
              place=RASHIDEEN, killed=100, sub="Suicide bomb"),
    ]
    return arts, evs


def all_groups(rows):
    arts, evs = [], []
    for g in (castello, wire_copy, same_day_aleppo, sulaymaniyah, bus_convoy):
        a, e = g(rows)
        arts += a
        evs += e
    return arts, evs


def by_event(ledger) -> dict[str, object]:
    return {c.event_id: le for le in ledger for c in le.claims}


# --------------------------------------------------------------------------- tests

def test_same_event_from_two_outlets_is_one_ledger_event(rows):
    arts, evs = castello(rows)
    ledger = corroborate(evs, arts)
    assert len(ledger) == 1
    le = ledger[0]
    assert {c.source for c in le.claims} == {"nna", "manar"}
    assert le.n_sources == 2
    assert (le.killed.low, le.killed.best, le.killed.high) == (29, 29, 30)
    assert all(c.duplicate_of is None for c in le.claims)
    assert le.contradictions == []


def test_wire_copy_is_one_source_not_corroboration(rows):
    arts, evs = wire_copy(rows)
    ledger = corroborate(evs, arts)
    assert len(ledger) == 1
    le = ledger[0]
    assert len(le.claims) == 2
    assert le.n_sources == 1
    dups = [c for c in le.claims if c.duplicate_of]
    assert len(dups) == 1 and dups[0].duplicate_of != dups[0].article_id
    assert dups[0].duplicate_of in {c.article_id for c in le.claims}


def test_two_events_same_day_same_city_stay_apart(rows):
    arts, evs = same_day_aleppo(rows)
    ledger = corroborate(evs, arts)
    assert len(ledger) == 2
    assert all(le.n_sources == 1 for le in ledger)
    assert explain_pair(*evs)["score"] < 0.70


def test_differing_tolls_of_one_event_merge_with_range(rows):
    arts, evs = sulaymaniyah(rows)
    ledger = corroborate(evs, arts)
    assert len(ledger) == 1
    assert (ledger[0].killed.low, ledger[0].killed.high) == (2, 3)
    assert ledger[0].killed.best in (2, 3)
    assert ledger[0].injured.low == 10 and ledger[0].injured.high == 12


def test_copies_count_once_in_best_figure_and_sources(rows):
    arts, evs = bus_convoy(rows)
    ledger = corroborate(evs, arts)
    assert len(ledger) == 1
    le = ledger[0]
    assert le.n_sources == 2  # AFP's text (nna + ahram) and TRT
    assert (le.killed.low, le.killed.high) == (100, 126)
    # two independent sources (AFP's text at its highest, 126, and TRT's 100): no figure
    # has a majority → the median (the lower middle one)
    assert le.killed.best == 100
    assert any(c.duplicate_of for c in le.claims)


def test_all_groups_together_keep_their_shape(rows):
    arts, evs = all_groups(rows)
    ledger = corroborate(evs, arts)
    got = sorted(sorted(c.event_id for c in le.claims) for le in ledger)
    want = sorted([
        ["e_1914947535_0", "e_1965511175_0"], ["e_1914947534_0", "e_1923848124_0"],
        ["e_1923102902_0"], ["e_1926478964_0"], ["e_1926478968_0", "e_1962495712_0"],
        ["e_1914947533_0", "e_1919191772_0", "e_1923848127_0"],
    ])
    assert got == want


def test_ids_are_stable_and_order_free(rows):
    arts, evs = all_groups(rows)
    first = corroborate(evs, arts)
    shuffled = evs[:]
    random.Random(7).shuffle(shuffled)
    second = corroborate(shuffled, list(reversed(arts)))
    assert [le.to_dict() for le in first] == [le.to_dict() for le in second]
    assert len({le.id for le in first}) == len(first)


def test_events_days_apart_or_in_other_governorates_never_merge(rows):
    arts, evs = castello(rows)
    moved = Event.from_dict(evs[1].to_dict())
    moved.date = "2016-07-16"
    assert len(corroborate([evs[0], moved], arts)) == 2
    idlib = Event.from_dict(evs[1].to_dict())
    idlib.place = Place(name="Idlib", admin1="Idlib", country="SY", lat=35.93, lon=36.63,
                        precision="place")
    assert len(corroborate([evs[0], idlib], arts)) == 2


def test_one_article_two_incidents_stay_apart_one_incident_twice_merges(rows):
    """SANA, 12 November 2016: the Sulaymaniyah rocket shells told twice (lede and police
    source), and a separate incident, explosive bullets on al-Furqan and al-Azamiyah."""
    arts = [article(rows, "1926478968", "2016-11-12")]
    lede = event("1926478968", 0, "Three civilians were killed and 12 others were injured on "
                 "Saturday in terrorist attacks with shells and explosive bullets on Aleppo "
                 "residential neighborhoods", date="2016-11-12", place=ALEPPO, killed=3, injured=12,
                 sub="Shelling/artillery/missile attack", actor1="Rebel groups")
    police = event("1926478968", 1, "terrorists targeted al-Sulaymaniyah neighborhood with rocket "
                   "shells killing three persons and injuring 9 others", date="2016-11-12",
                   place=ALEPPO, killed=3, injured=9, sub="Shelling/artillery/missile attack",
                   actor1="Rebel groups", primary=False)
    bullets = event("1926478968", 2, "three persons were injured by explosive shots fired by "
                    "terrorists on the neighborhoods of al-Furqan and al-Azamiyah",
                    date="2016-11-12", place=ALEPPO, killed=None, injured=3, etype="Battles",
                    sub="Armed clash", actor1="Rebel groups", primary=False)
    ledger = corroborate([lede, police, bullets], arts)
    got = sorted(sorted(c.event_id for c in le.claims) for le in ledger)
    assert got == [["e_1926478968_0", "e_1926478968_1"], ["e_1926478968_2"]]
    twice = next(le for le in ledger if len(le.claims) == 2)
    assert twice.n_sources == 1 and (twice.injured.low, twice.injured.high) == (9, 12)


def test_far_apart_figures_are_flagged(rows):
    """2013-08-21 Ghouta: activists via Reuters say 213 dead, the opposition 1300."""
    arts = [article(rows, "1926479352", "2013-08-21"), article(rows, "1926479334", "2013-08-21")]
    ghouta = dict(name="Ghouta", admin1="Rif Dimashq", country="SY", lat=33.52, lon=36.35,
                  precision="place")
    a = event("1926479352", 0, "Syrian activists accused President Bashar al-Assads forces of "
              "launching a nerve gas attack that killed at least 213 people on Wednesday",
              date="2013-08-21", place=ghouta, killed=213, sub="Chemical weapon",
              actor1="Military Forces of Syria")
    b = event("1926479334", 0, "At least 1300 people have been killed in a nerve gas attack on "
              "Syrias Ghouta region", date="2013-08-21",
              place=dict(ghouta, name="Damascus", admin1="Damascus", lat=33.51, lon=36.29),
              killed=1300, sub="Chemical weapon")
    ledger = corroborate([a, b], arts)
    assert len(ledger) == 1, "Damascus and Rif Dimashq block together"
    le = ledger[0]
    assert le.contradictions == ["figures_far_apart: killed 213 (reuters) vs 1300 (arabiya)"]
    assert (le.killed.low, le.killed.high) == (213, 1300)
    assert le.actor1 == "Military Forces of Syria"


def test_culprits_and_victim_kinds_are_flagged(rows):
    """Castello Road as a partisan split: one outlet blames the army and counts fighters,
    the other (hypothetically) blames the rebels and counts civilians."""
    from warledger.corroborate.merge import merge_cluster

    arts, evs = castello(rows)
    other = Event.from_dict(evs[1].to_dict())
    other.actor1 = "Rebel groups"
    other.victims = {"civilians": Count(low=30, best=30)}
    le = merge_cluster([evs[0], other], {a.id: a for a in arts}, {})
    assert "different_culprits: Military Forces of Syria (nna); Rebel groups (manar)" in le.contradictions
    assert "civilians_vs_fighters: civilians in manar; fighters in nna" in le.contradictions
    assert not any(f.startswith("figures_far_apart") for f in le.contradictions)  # 29 vs 30
    assert le.actor1 is None  # one each: the ledger names neither


def test_best_figure_is_the_one_most_sources_give(rows):
    from warledger.corroborate.merge import merge_cluster

    arts, evs = castello(rows)
    extra_arts = [article(rows, "1923102826", "2016-07-10")]
    third = Event.from_dict(evs[0].to_dict())
    third.id, third.article_id = "e_1923102826_0", "a_1923102826"
    third.killed = Count(low=29, best=29)
    le = merge_cluster([evs[0], evs[1], third], {a.id: a for a in arts + extra_arts}, {})
    assert le.n_sources == 3
    assert (le.killed.low, le.killed.best, le.killed.high) == (29, 29, 30)
    third.killed = Count(low=40, best=40)
    le = merge_cluster([evs[0], evs[1], third], {a.id: a for a in arts + extra_arts}, {})
    assert le.killed.best == 30  # 29, 30, 40: no figure has two sources → the median


def test_event_without_date_stands_alone(rows):
    arts, evs = castello(rows)
    evs[0].date = None
    ledger = corroborate(evs, arts)
    assert len(ledger) == 2


def test_roundtrip_through_store(rows, store):
    from warledger.corroborate import corroborate_store
    arts, evs = all_groups(rows)
    store.add_articles([(a, "test") for a in arts])
    by_article: dict[str, list[Event]] = {}
    for e in evs:
        by_article.setdefault(e.article_id, []).append(e)
    store.replace_events(by_article)
    n = corroborate_store(store)
    assert n == 6
    first = store.table_rows("ledger_events")
    assert corroborate_store(store) == 6
    assert store.table_rows("ledger_events") == first  # re-running is idempotent
    big = [le for le in store.ledger() if len(le.claims) == 3]
    assert len(big) == 1 and big[0].killed.high == 126


def test_a_copy_counts_for_the_outlet_it_copies(rows):
    """ahram's copy of AFP's story counts with nna's; ahram's own Reuters-based report of
    the same bombing ("killed at least 22", the early toll) still counts for ahram."""
    arts, evs = bus_convoy(rows)
    arts.append(article(rows, "1923848128", "2017-04-15"))
    own = event("1923848128", 0, "Pro-Damascus media outlets said a suicide attacker detonated a "
                "car bomb and killed at least 22 people", date="2017-04-15", place=RASHIDEEN,
                killed=22, sub="Suicide bomb")
    ledger = corroborate(evs + [own], arts)
    assert len(ledger) == 1
    le = ledger[0]
    assert le.n_sources == 3  # nna (with ahram's copy), trt, ahram's own report
    copy = next(c for c in le.claims if c.duplicate_of)
    assert copy.source == "ahram" and copy.duplicate_of == "a_1914947533"
    assert (le.killed.low, le.killed.high) == (22, 126)
    assert le.killed.best == 100  # 126, 100, 22: no majority → the median


# ------------------------------------------------- neighbouring days and vague tolls (issue 4)

MANBIJ = dict(name="Manbij", admin1="Aleppo", country="SY", lat=36.5281, lon=37.9549,
              precision="place")
KHAN_SHEIKHUN = dict(name="Khan Sheikhun", admin1="Idlib", country="SY", lat=35.4417,
                     lon=36.6506, precision="place")


def manbij_monday_tuesday(rows):
    """18 July 2016 (Monday): coalition raids kill "at least 21 civilians" around Manbij;
    19 July (Tuesday): the Tokhar strike, "at least 85 civilians on Tuesday". Two events
    that the ledger once merged (one day apart was allowed, and the tolls only nudged)."""
    arts = [article(rows, "1923102830", "2016-07-18"), article(rows, "1918398799", "2016-07-19")]
    evs = [
        event("1923102830", 0, "Syrian activist groups say airstrikes by the US-led coalition "
              "targeting areas controlled by the Islamic State group have killed at least 21 "
              "civilians", date="2016-07-18", place=MANBIJ, killed=21, sub="Air/drone strike",
              actor1="US-led coalition"),
        event("1918398799", 0, "Airstrikes on Daesh-held villages in northern Syria killed at "
              "least 85 civilians on Tuesday as intense fighting was underway between the "
              "militants and U.S-backed fighters", date="2016-07-19", place=MANBIJ, killed=85,
              sub="Air/drone strike", actor1="US-led coalition"),
    ]
    return arts, evs


def test_neighbouring_days_with_far_apart_tolls_are_two_events(rows):
    arts, evs = manbij_monday_tuesday(rows)
    assert explain_pair(*evs)["score"] == 0.0
    assert len(corroborate(evs, arts)) == 2
    # the same two reports on one day are not vetoed: only the day tells them apart here
    same_day = Event.from_dict(evs[1].to_dict())
    same_day.date = "2016-07-18"
    assert explain_pair(evs[0], same_day)["score"] > 0.5


def test_neighbouring_days_with_close_tolls_still_link(rows):
    """Khan Sheikhun: the Observatory's 58 "On Tuesday" (4 April 2017) and al-Arabiya's 72,
    dated by extraction to the Wednesday of the diplomatic row: one event (ratio 1.24)."""
    arts = [article(rows, "1923848145", "2017-04-04"), article(rows, "1926479327", "2017-04-05")]
    a = event("1923848145", 0, "On Tuesday at least 58 people were killed in a suspected "
              "chemical attack on the northwestern Syrian town of Khan Sheikhun according to the "
              "Observatory", date="2017-04-04", place=KHAN_SHEIKHUN, killed=58,
              sub="Chemical weapon")
    b = event("1926479327", 0, "The United States and Russia were trading conflicting assertions "
              "Wednesday about who launched a chemical weapons attack in Syria that killed 72 "
              "people", date="2017-04-05", place=KHAN_SHEIKHUN, killed=72, sub="Chemical weapon")
    assert explain_pair(a, b)["score"] >= 0.5  # over the complete-linkage floor
    b.killed = b.victims["civilians"] = Count(low=140, best=140)  # a toll far apart: vetoed
    assert explain_pair(a, b)["score"] == 0.0


def test_a_vague_toll_is_no_evidence_either_way(rows):
    """TRT, 21 July 2016: "Dozens of civilians have reportedly been killed ... as they fled"
    (the Tokhar strike, coded 12) is neither agreement with al-Manar's "at least 15" of the
    Monday nor, on a neighbouring day, a far-apart toll."""
    arts = [article(rows, "1965511172", "2016-07-18"), article(rows, "1919191744", "2016-07-21")]
    monday = event("1965511172", 0, "The so-called Syrian Observatory for Human Rights said Monday "
                   "that at least 15 people were killed as the coalition carried out raids in a "
                   "northern district of Manbij city", date="2016-07-18", place=MANBIJ, killed=15,
                   sub="Air/drone strike")
    dozens = event("1919191744", 0, "Dozens of civilians have reportedly been killed by US-led "
                   "air strikes as they fled from the front lines of a battle raging in the city of "
                   "Manbij in the governorate of Aleppo", date="2016-07-21", place=MANBIJ,
                   killed=12, sub="Air/drone strike")
    firm = explain_pair(monday, dozens)["figures"]
    assert 0.75 < firm < 0.85  # 12 vs 15 read as numbers: near agreement
    dozens.killed = dozens.victims["civilians"] = Count(low=12, best=12, qualifier="vague")
    assert explain_pair(monday, dozens)["figures"] == 0.5
    # a vague toll on the next day is no veto either ("dozens" may well be 40)
    dozens.date, monday.killed = "2016-07-19", Count(low=60, best=60)
    assert explain_pair(monday, dozens)["score"] > 0.0


def test_a_sum_of_vague_parts_is_vague():
    """jordantimes, 4 April 2017: "killed dozens of civilians including children" is coded
    as a sum of 12; it is as vague as "dozens"."""
    from warledger.corroborate.similarity import killed_firm

    e = Event(id="e_x", article_id="a_x", date="2017-04-04",
              killed=Count(low=12, best=12, qualifier="sum"),
              victims={"civilians": Count(low=12, best=12, qualifier="vague"),
                       "children": Count(unquantified=True)})
    assert not killed_firm(e)
    e.victims = {"civilians": Count(low=31, best=31), "children": Count(low=9, best=9)}
    e.killed = Count(low=40, best=40, qualifier="sum")
    assert killed_firm(e)
    e.killed = Count(unquantified=True)
    assert not killed_firm(e)


def test_a_vague_toll_is_not_a_far_apart_figure(rows):
    """Ghouta, 21 August 2013: sputnik's "killed dozens of people" (coded 12) and the 213 of
    activists via Reuters: the flag names the numbers that really disagree, not "dozens"."""
    from warledger.corroborate.merge import merge_cluster

    arts = [article(rows, "1926479352", "2013-08-21"), article(rows, "1926479334", "2013-08-21")]
    ghouta = dict(name="Ghouta", admin1="Rif Dimashq", country="SY", lat=33.52, lon=36.35,
                  precision="place")
    a = event("1926479352", 0, "a nerve gas attack that killed at least 213 people on Wednesday",
              date="2013-08-21", place=ghouta, killed=213, sub="Chemical weapon")
    b = event("1926479334", 0, "a poisonous gas attack that killed dozens of people",
              date="2013-08-21", place=ghouta, killed=12, sub="Chemical weapon")
    by_id = {x.id: x for x in arts}
    assert any(f.startswith("figures_far_apart") for f in merge_cluster([a, b], by_id, {}).contradictions)
    b.killed = Count(low=12, best=12, qualifier="vague")
    le = merge_cluster([a, b], by_id, {})
    assert not any(f.startswith("figures_far_apart") for f in le.contradictions)
    assert (le.killed.low, le.killed.high) == (12, 213)  # the range still shows it
