"""Casualty figures on real FA-KES sentences (short quotes) and the seed."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from warledger.extract.casualties import find_casualties


def cas(text):
    return [(c.qty.best, c.group, c.outcome, c.parent, c.status) for c in find_casualties(text, 0, len(text))]


def test_seed_lede():
    t = "At least 120 gunmen have been killed in clashes near the Syrian city of Aleppo"
    [c] = find_casualties(t, 0, len(t))
    assert (c.qty.low, c.qty.best, c.group, c.outcome, c.status) == (120, 120, "combatants", "killed", "event")
    assert t[c.start:c.end] == "At least 120 gunmen"


def test_killed_and_injured_apart():
    assert cas("Syrian health officials have reported that 84 people have been killed and another 659 "
               "injured over a four-day stretch") == [
        (84, "people", "killed", None, "event"), (659, None, "injured", None, "event")]
    assert cas("fired rocket shells on the neighborhoods killing two people injuring eight") == [
        (2, "people", "killed", None, "event"), (8, None, "injured", None, "event")]
    assert cas("The attack rocked the Al-Teen street leaving 50 martyrs and more than 200 others wounded.") == [
        (50, "people", "killed", None, "event"), (200, None, "injured", None, "event")]
    out = cas("killing at least 42 people and wounding dozens more local media said.")
    assert out[0][:3] == (42, "people", "killed") and out[1][2] == "injured"


def test_breakdowns():
    assert cas("Fifteen civilians among them 11 children were killed in a barrel bomb attack") == [
        (15, "civilians", "killed", None, "event"), (11, "children", "killed", 0, "event")]
    out = cas("Eleven people including a woman and child were killed in Syrian rebel shelling")
    assert out[0] == (11, "people", "killed", None, "event")
    assert sorted(o[1] for o in out[1:]) == ["children", "women"] and all(o[3] == 0 for o in out[1:])
    out = cas("The number of people killed in an air strike this morning against the market area of "
              "Atareb village has risen to 21 including three children")
    assert out[0][:3] == (21, None, "killed") and out[1] == (3, "children", "killed", 0, "event")


def test_combatant_sides():
    t = "the attack on two villages killed 15 civilians and 27 pro-government fighters"
    cs = find_casualties(t, 0, len(t))
    assert [(c.qty.best, c.group, c.side) for c in cs] == [
        (15, "civilians", None), (27, "combatants", "Syrian government forces")]
    t = "Thirteen militants of the so-called Islamic State in Iraq and Levant organization were killed Monday"
    [c] = find_casualties(t, 0, len(t))
    assert (c.group, c.side, c.outcome) == ("combatants", "Islamic State", "killed")
    t = "Some 120 ISIS fighters and 60 foreign mercenaries were killed in a series of Russian air strikes"
    assert [(c.qty.best, c.outcome) for c in find_casualties(t, 0, len(t))] == [(120, "killed"), (60, "killed")]
    t = "30 regime and 39 rebel fighters have been killed in battles around al-Maleh"
    cs = find_casualties(t, 0, len(t))
    assert [(c.qty.best, c.side) for c in cs] == [(30, "Syrian government forces"), (39, "Armed opposition")]


def test_non_events():
    assert cas("More than 290000 people have been killed in Syria since the war started")[0][4] == "cumulative"
    assert cas("Tens of ISIS terrorists including foreigners were killed in the last few days")[0][4] == "cumulative"
    out = cas("Militant leaders have warned Washington that they could suffer heavy losses without lethal support.")
    assert all(o[4] != "event" for o in out)
    assert cas("ISIS had forced at least 33000 residents out of their homes") == [] or \
        all(o[2] != "killed" for o in cas("ISIS had forced at least 33000 residents out of their homes"))
    # kidnapped, arrested, displaced are not killed
    assert all(o[2] != "killed" for o in cas("Gunmen kidnapped 12 people near the town"))
    out = cas("The attack killed 32 rebels the Observatory said updating an earlier toll on Sunday evening of 15.")
    assert out[0][:3] == (32, "combatants", "killed") and out[1][4] == "superseded"


def test_headlines():
    assert cas("120 militants killed in Syria's Aleppo")[0][:3] == (120, "combatants", "killed")
    assert cas("Opposition minister among 12 dead in Syria car bomb")[0][::2] == (12, "killed", "event")
    assert cas("ISIL kills 700 people from Syrian tribe")[0][:3] == (700, "people", "killed")


@settings(max_examples=200)
@given(st.text(max_size=300))
def test_never_raises(text):
    for c in find_casualties(text, 0, len(text)):
        assert 0 <= c.start < c.end <= len(text)


def test_may_the_month_is_no_hedge():
    # the Houla massacre (Wikipedia's wording): "May" names the month, the figure is an event
    for text in ("On May 25 108 people were killed in Houla.", "In early May 12 civilians were killed.",
                 "Since May 2012 at least 40 soldiers were killed."):
        assert [c.status for c in find_casualties(text, 0, len(text))][:1] in (["event"], ["cumulative"]), text
    text = "On May 25 108 people were killed in Houla."
    assert [(c.qty.best, c.status) for c in find_casualties(text, 0, len(text))] == [(108, "event")]


def test_may_the_verb_still_hedges():
    for text in ("The strikes may kill 30 civilians.", "Officials fear the toll may rise above 50 dead."):
        assert [c.status for c in find_casualties(text, 0, len(text))] == ["hypothetical"], text
