"""The extraction rules raised against the audited FA-KES gold: event dates from neighbouring
sentences, restated figures, the victims' side, nationality on a weapon, the FA-KES summing.

Texts are short paraphrases of the FA-KES patterns named in each test (CC BY 4.0 data)."""
from __future__ import annotations

from datetime import date

from test_extract_events import art, fake_places

from warledger.extract import extract
from warledger.extract.actors import agent_score, find_actors
from warledger.extract.casualties import find_casualties
from warledger.extract.dates import find_dates
from warledger.fakes import view
from warledger.records import Article, Count, Event, Mention, Place, Span


def primary(a: Article) -> Event:
    evs = extract(a, find_places=fake_places)
    return next(e for e in evs if e.primary)


# --------------------------------------------------------------------------- dates

def test_window_with_the_month_repeated_ends_on_its_last_day():
    d = find_dates("the casualties occurred between Nov. 14 to Nov. 17 in clashes",
                   published=date(2017, 11, 22))
    assert [(x.date, x.precision, x.span_days) for x in d] == [("2017-11-17", "window", 3)]


def test_a_day_before_a_reporting_verb_is_the_claim_day():
    (d,) = find_dates("The group on Monday claimed responsibility", published=date(2016, 8, 15))
    assert d.reporting
    (d,) = find_dates("The group struck on Monday near the border", published=date(2016, 8, 15))
    assert not d.reporting


def test_a_stretch_of_days_is_no_date_of_its_own():
    assert find_dates("84 people were killed over a four-day stretch of fighting",
                      published=date(2017, 11, 22)) == []


def test_event_date_from_the_next_sentence():
    # "The killings ... took place on Wednesday at Tabqa airbase" (1962495638)
    a = art("Militants massacre 250 troops in Raqqa",
            "The militants have massacred 250 Syrian troops taken hostage at an airbase in Raqqa. "
            "The killings took place on Wednesday at the airbase which was overran by the militants.",
            published="2014-08-28")
    e = primary(a)
    assert (e.date, e.date_basis) == ("2014-08-27", "weekday")


def test_no_date_lent_from_a_sentence_weeks_before_publication():
    a = art("Air strikes kill 35 in Idlib",
            "At least 35 civilians were killed in the airstrikes. "
            "On May 14 the Security Council condemned attacks on hospitals.", published="2016-05-31")
    assert primary(a).date_basis == "publication"


# --------------------------------------------------------------------------- figures

def test_exact_figure_refines_a_strict_lower_bound():
    # "more than 30 Syrian rebel fighters" then "The attack killed 32 rebels" (1962495724)
    a = art("Rebels killed in suicide blast",
            "A suicide bombing killed more than 30 rebel fighters near the border in Idlib province. "
            "The bus was hit at the crossing. The attack killed 32 rebels as they were entering Turkey.",
            published="2016-08-15")
    assert primary(a).victims["combatants"].best == 32


def test_at_least_is_not_refined_by_another_sources_toll():
    a = art("Blast kills 44",
            "A bomb blast killed at least 44 people on Wednesday in Aleppo. "
            "The monitor gave a toll of 48 dead.", published="2016-07-28")
    assert primary(a).killed.best == 44


def test_fuller_statement_of_the_same_incident_wins():
    # "Eleven children were killed" + "Fifteen civilians among them 11 children" (1923102859)
    a = art("Barrel bomb attack in Aleppo",
            "Eleven children were killed on Thursday in a barrel bomb attack in Aleppo. "
            "Fifteen civilians among them 11 children were killed in a barrel bomb attack in Aleppo on Thursday.",
            published="2016-08-25")
    e = primary(a)
    assert (e.victims["civilians"].best, e.victims["children"].best) == (15, 11)


def test_leaving_people_injured_is_not_killed():
    t = "rockets hit the hospital killing more than 10 visitors leaving dozens of people injured there"
    got = [(c.qty.best, c.outcome) for c in find_casualties(t, 0, len(t))]
    assert got == [(10, "killed"), (12, "injured")]


# --------------------------------------------------------------------------- actors

def test_killed_by_names_the_perpetrator_but_held_by_does_not():
    t = "84 people killed by Assad regime near Damascus"
    (h,) = find_actors(t)
    assert agent_score(t, h) == 1.0
    t = "a town held by the Islamic State group"
    assert all(agent_score(t, h) == 0.0 for h in find_actors(t))


def test_nationality_on_a_weapon_is_that_states_forces():
    hits = find_actors("Syrian air raids targeted a market")
    assert [(h.text, h.name) for h in hits] == [("Syrian air raids", "Syrian government forces")]
    assert find_actors("Syrian rebels said the town fell")[0].name == "Armed opposition"


def test_the_victims_side_is_not_the_perpetrator():
    # title "Russian Airstrikes Kill 120 Daesh Terrorists", body names "Daesh terrorists" (1965495364)
    a = art("Russian Airstrikes Kill 120 Daesh Terrorists Fleeing From Raqqa",
            '"Some 120 terrorists were killed" the source said adding that Daesh terrorists made a deal.',
            published="2017-05-27", source="reuters")
    assert primary(a).actor1 == "Russian armed forces"


def test_a_headline_elsewhere_than_the_lede_picks_the_headline_event():
    a = art("The army advances in Raqqa and shoots down a drone",
            "Units of the army killed 15 ISIS terrorists in Aleppo. "
            "Army units advanced in Raqqa countryside.", published="2016-06-11")
    e = primary(a)
    assert e.place.admin1 == "Ar-Raqqa"


# --------------------------------------------------------------------------- FA-KES view

def _ev(id, n, place, primary=False, precision="day", lent=False):
    ev = [Mention(kind="date", span=Span("a_1", 0, 1, "x"), value={}, label="event_date_nearby")] if lent else []
    return Event(id=id, article_id="a_1", primary=primary, date="2016-08-12", date_basis="weekday",
                 date_precision=precision, killed=Count(best=n), victims={"civilians": Count(best=n)},
                 place=Place(name=place, gazetteer_id=place, admin1="Aleppo", country="SY"), evidence=ev)


def test_parts_adding_up_to_the_headline_are_not_summed(monkeypatch):
    monkeypatch.setitem(view.tables(), "sum_same_day", True)
    a = Article(id="a_1", title="t", body="b", extra={"unit_id": "1"})
    parts = [_ev("h", 18, "Aleppo", primary=True), _ev("a", 2, "A"), _ev("b", 6, "B"), _ev("c", 10, "C")]
    assert view.rows(a, parts)[0]["nb_civilians"] == 18
    more = [_ev("h", 18, "Aleppo", primary=True), _ev("a", 5, "A")]
    assert view.rows(a, more)[0]["nb_civilians"] == 23
    window = [_ev("h", 79, "Aleppo", primary=True, precision="window"), _ev("a", 14, "A")]
    assert view.rows(a, window)[0]["nb_civilians"] == 79
    lent = [_ev("h", 18, "Aleppo", primary=True), _ev("a", 5, "A", lent=True)]
    assert view.rows(a, lent)[0]["nb_civilians"] == 18


def test_month_day_windows_parse_to_their_last_day():
    from hypothesis import given, strategies as st

    months = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]

    @given(st.integers(0, 11), st.integers(1, 28), st.integers(0, 11), st.integers(1, 28))
    def check(m1, d1, m2, d2):
        text = f"fighting between {months[m1]} {d1} to {months[m2]} {d2} in the town"
        got = find_dates(text, published=date(2017, 12, 31))
        assert len(got) <= 1
        if got:
            end = date.fromisoformat(got[0].date)
            assert (end.month, end.day) == (m2 + 1, d2)
            assert got[0].span_days >= 0

    check()
