"""Casualty counts (issue 3): breakdowns, restated and other-source tolls, periods.

Sentences are FA-KES article text (CC BY 4.0, Abu Salem et al., ICWSM 2019), unit ids in
the comments; articles are built in memory with a stub place finder.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from warledger.extract import extract
from warledger.extract.casualties import find_casualties
from warledger.records import Article, Place

from test_extract_events import fake_places


def cas(text):
    return [(c.qty.best, c.group, c.outcome, c.parent, c.status)
            for c in find_casualties(text, 0, len(text))]


def events(title, body, published="2016-10-04"):
    a = Article(id=Article.make_id(title, body, "test"), title=title, body=body,
                published=published, source="test")
    return extract(a, find_places=fake_places)


def primary(evs):
    return next(e for e in evs if e.primary)


def counts(e):
    return {k: v.best for k, v in e.victims.items()}


# 1. breakdowns ---------------------------------------------------------------------------

def test_children_among_a_larger_toll_are_its_part_not_added():
    # 1918398778: was 10 + 48 + 6 = "16"/48 combatants
    out = cas("Ten children were among at least 48 people killed in a Syrian village last week when "
              "regime forces executed six families of rebel fighters a monitoring group said")
    assert out == [(10, "children", "killed", 1, "event"), (48, "people", "killed", None, "event")]
    # 1923102962: "Four children" was lost
    assert cas("Four children are among the 28 dead in overnight airstrikes on the town of Armanaz") == [
        (4, "children", "killed", 1, "event"), (28, None, "killed", None, "event")]


def test_coordinated_and_post_noun_breakdowns():
    # 1923848235: "two women" was a top-level figure, summed into the toll
    out = cas("The toll from regime air raids on Douma has risen to 42 dead including seven children "
              "and two women said the Syrian Observatory for Human Rights")
    assert out == [(42, None, "killed", None, "event"), (7, "children", "killed", 0, "event"),
                   (2, "women", "killed", 0, "event")]
    # 1923848263
    assert cas("Air strikes on Raqa killed 25 civilians six of them children a monitoring group said") == [
        (25, "civilians", "killed", None, "event"), (6, "children", "killed", 0, "event")]
    # 1965511171: a singular victim between the breakdown word and the figure
    out = cas("Eleven civilians were killed among them a child and two women while 44 others were injured")
    assert (2, "women", "killed", 0, "event") in out and (1, "children", "killed", 0, "event") in out


def test_one_victim_in_words():
    # 1926478986: "A girl child was killed" gave 2 civilians (the injured) and no child
    assert cas("A girl child was killed and two others were injured on Sunday by rocket shells") == [
        (2, None, "injured", None, "event"), (1, "children", "killed", None, "event")]
    assert cas("Girl child killed two others injured in terrorist rocket attack on neighborhood") == [
        (2, None, "injured", None, "event"), (1, "children", "killed", None, "event")]
    # 1924058146: the nine children were lost behind "a woman and"
    assert sorted(cas("Another airstrike hit a village in the northwest on Tuesday killing a woman and "
                      "nine children.")) == [(1, "women", "killed", None, "event"),
                                             (9, "children", "killed", None, "event")]
    # two verbs, not "killed ... injured" pairs; a threat is not a death
    assert cas("Airstrikes killed 10 people wounded 20 others")[0][2] == "killed"
    assert cas("Terrorists threatened to kill a journalist")[0][4] == "hypothetical"


def test_breakdown_in_a_later_sentence_joins_the_toll():
    # 1924058210: "Seventeen children and six women were among those killed." was its own event (23)
    evs = events("84 people killed near Damascus UN says",
                 "Syrian health officials have reported that 84 people have been killed in Aleppo "
                 "on Tuesday. The agency said the casualties occurred in clashes. "
                 "Seventeen children and six women were among those killed.")
    fatal = [e for e in evs if e.killed.best]
    assert len(fatal) == 1
    assert counts(fatal[0]) == {"civilians": 84, "children": 17, "women": 6}
    assert fatal[0].killed.best == 84


def test_repeated_lede_keeps_its_breakdown():
    # 1923102906: the run-on repeat "Eleven people including a woman and child" lost its breakdown
    evs = events("Eleven killed in Aleppo",
                 "Shelling in West Aleppo left 11 people dead on Friday Tags Syria Aleppo Eleven people "
                 "including a woman and child were killed in Syrian rebel shelling on Friday.")
    assert counts(primary(evs)) == {"civilians": 11, "women": 1, "children": 1}


# 2. restated, superseded and other-source tolls -----------------------------------------

def test_earlier_toll_is_superseded_not_summed():
    # 1923848235: 42 + 17 + 2 were summed to 61
    out = cas("The toll has risen to 42 dead said the Syrian Observatory for Human Rights which on "
              "Thursday had given a death toll of 17.")
    assert out[-1] == (17, None, "killed", None, "superseded")
    # 1923102962
    assert cas("The Britain-based watchdog had earlier reported 12 dead in the strikes on the town")[0][4] \
        == "superseded"


def test_one_incident_told_twice_is_one_event():
    # 1923848235: the Friday report and the Thursday raids are one incident
    evs = events("Regime air raids kill 42 near Syria capital",
                 "Syrian government air raids on a rebel-held area near Aleppo killed 42 people including "
                 "seven children a monitoring group said Friday giving an updated toll. Thursdays air "
                 "strikes were carried out in Aleppo. The toll from regime air raids on Aleppo has "
                 "risen to 42 dead including seven children and two women said the Observatory which on "
                 "Thursday had given a death toll of 17.", published="2014-09-12")
    fatal = [e for e in evs if e.killed.best]
    assert len(fatal) == 1
    assert fatal[0].killed.best == 42 and counts(fatal[0]) == {"civilians": 42, "children": 7, "women": 2}


def test_another_sources_figure_is_kept_as_low_and_high():
    # 1923102912: the hospital's "more than 20" and IS's "40" were separate events
    evs = events("Suicide attack on Kurdish wedding in Syria kills 22",
                 "At least 22 people were killed Monday in an attack targeting a wedding party in Aleppo "
                 "the Syrian Observatory for Human Rights said. A hospital source said there were "
                 "\"more than 20 dead and dozens wounded\". The claim which did not mention a wedding "
                 "said 40 people had been killed.")
    fatal = [e for e in evs if e.killed.best]
    assert len(fatal) == 1
    k = fatal[0].killed
    assert (k.low, k.best, k.high) == (20, 22, 40)


def test_a_new_incident_is_not_another_count():
    evs = events("Air strikes kill 22 in Aleppo",
                 "At least 22 people were killed Monday in air strikes on Aleppo the Observatory said. "
                 "Another 15 people were killed in shelling the Observatory said.")
    assert sorted(e.killed.best for e in evs if e.killed.best) == [15, 22]


# 3. periods -------------------------------------------------------------------------------

def test_periods_and_kept_counts_are_cumulative():
    # 1923102890
    out = cas("Seven days of airstrikes across the northwestern province had left more than 75 civilians "
              "dead and another 150 wounded")
    assert [o[4] for o in out] == ["cumulative", "cumulative"]
    # 1923102966
    assert cas("The group has reported hundreds of civilians killed in operations against IS")[0][4] == "cumulative"
    # ... but a short window and a reported figure stay events (1924058210, 1923102890)
    assert cas("officials have reported that 84 people have been killed over a four-day stretch")[0][4] == "event"
    assert cas("the Syrian Observatory for Human Rights have reported that 35 people were killed by the "
               "attack")[0][4] == "event"


# property: a breakdown never makes a toll larger ------------------------------------------

@settings(max_examples=60, deadline=None)
@given(total=st.integers(2, 400), part=st.integers(1, 400),
       kind=st.sampled_from(["children", "women"]), lead=st.sampled_from(["at least ", "", "more than "]))
def test_among_breakdown_is_inside_the_total(total, part, kind, lead):
    part = min(part, total)
    t = f"{part} {kind} were among {lead}{total} people killed in air strikes on the town"
    out = find_casualties(t, 0, len(t))
    tops = [c for c in out if c.parent is None]
    assert [c.qty.best for c in tops] == [total]
    kids = [c for c in out if c.parent is not None]
    assert [(c.qty.best, c.group) for c in kids] == [(part, kind)]


# worded tolls and figures ------------------------------------------------------------------

def test_a_worded_toll_gives_way_to_the_figure_for_the_same_attack():
    # 1924058036: the lede's "dozens" and the Observatory's 58 were two events, "dozens" = 12 the
    # headline's; GUIDE.md: vague words count only when the text gives no figure
    body = ("A suspected chemical attack in rebel-held northwestern Syria killed dozens of civilians "
            "including children and left many more sick and gasping on Tuesday causing widespread outrage. "
            "The attack on the town of Khan Sheikhun killed at least 58 civilians including 11 children "
            "the Syrian Observatory for Human Rights monitoring group said.")
    evs = events("Outrage as Syria chemical attack kills dozens in rebel-held town", body, "2017-04-05")
    e = primary(evs)
    assert e.killed.best == 58 and counts(e) == {"civilians": 58, "children": 11}
    assert e.date == "2017-04-04"
    assert len([x for x in evs if x.killed.best is not None]) == 1
    # "left many more sick" is no second toll
    assert [c[:3] for c in cas(body[:body.index(". ") + 1])] == [(12, "civilians", "killed")]


def test_a_worded_toll_and_a_smaller_figure_stay_apart():
    body = ("Air strikes killed dozens of civilians in Idlib on Tuesday. "
            "Elsewhere five soldiers were killed in clashes in Hama on Tuesday.")
    evs = events("Air strikes kill dozens", body)
    assert sorted(e.killed.best for e in evs if e.killed.best) == [5, 12]


def test_dozens_more_treated_is_no_other_incident():
    # 1926479033: "dozens more have received treatment" said nothing of another attack
    body = ("Initial results of tests on victims of an attack which killed dozens of people in Syrias Idlib "
            "province point to possible exposure to sarin gas Turkeys health ministry said on Thursday. "
            "At least 86 people were killed early on Tuesday in rebel-held Khan Sheikhoun and dozens more "
            "have received treatment for convulsions.")
    e = primary(events("Turkey says tests point to sarin exposure", body, "2017-04-06"))
    assert e.killed.best == 86 and e.date == "2017-04-04"


def test_those_killed_then_a_figure_injured():
    # 1924058036: "As well as those killed at least 160 people were injured" was 160 killed
    assert [c[:3] for c in cas("As well as those killed at least 160 people were injured it said.")] == \
        [(160, "people", "injured")]
    assert [c[:3] for c in cas("The blast left 11 people dead and 20 injured.")] == \
        [(11, "people", "killed"), (20, None, "injured")]


def test_a_journalist_among_the_dead_does_not_shrink_the_civilians():
    # 1923848203: was civilians 1
    body = ("A suicide bombing in a restaurant in Syrias second city Aleppo killed six people including a "
            "journalist from pro-government television state media and a monitoring group said Friday.")
    assert counts(primary(events("Suicide bomber kills six in Syria restaurant", body, "2013-08-23"))) == \
        {"civilians": 6}
    # "22 people including six civilians" still tells the civilians apart
    body = "Air strikes killed 22 people including six civilians in Idlib on Friday."
    assert counts(primary(events("Strikes kill 22", body, "2016-10-07")))["civilians"] == 6


def test_also_killed_in_the_clash_adds_to_the_incident():
    # 1965511116 (audited: 13 + 7 = 20 combatants)
    body = ("Thirteen militants of the so-called Islamic State in Iraq and Levant organization were killed Monday "
            "during battles with other opposition armed groups in Idlib countryside. Another seven people of a "
            "local armed group were also killed in the clash which took place after al-Qaeda members tried to "
            "arrest two persons.")
    e = primary(events("ISIL Armed Groups Battle in Rural Idlib 13 Killed", body, "2014-12-15"))
    assert (e.killed.best, counts(e)) == (20, {"combatants": 20})


def test_also_killed_in_another_kind_of_fighting_stays_apart():
    # 1919191745: the ground fighting's 19 fighters are not the air raids' dead
    body = ("The Syrian Observatory for Human Rights said air raids by regime forces on the opposition-held part "
            "of Aleppo killed 13 civilians on Monday. It also said that 19 regime fighters were killed in the "
            "fighting.")
    e = primary(events("Syrian opposition advances into key Aleppo district", body, "2016-07-12"))
    assert counts(e) == {"civilians": 13}


def test_commanders_among_the_militants_are_inside_the_toll():
    # 1962495739, 1965495349 (gold 30): "including three commanders" was added to the 30
    body = ("More than 30 Nusra Front militants including three commanders were killed by the Syrian army "
            "and its allies in clashes near the villages of Tam Hawa and Abu Lefe on Sunday.")
    e = primary(events("Syrian Troops Reportedly Kill 30 Terrorists", body, "2017-10-29"))
    assert counts(e) == {"combatants": 30}


def test_children_among_the_dead_without_were_before_among():
    # 1918150030: "saying there were 11 children among the dead" was added to the 58 (69)
    assert [c[:4] for c in cas("The Observatory put the death toll at 58 saying there were 11 children among the dead.")] == \
        [(58, None, "killed", None), (11, "children", "killed", 0)]


def test_a_toll_in_an_hours_after_clause_is_another_incident():
    # 1923102874: the Khan Sheikhun "dozens" were added to the 19 near Damascus (31)
    body = ("At least 19 people were killed near the Syrian capital on Tuesday including six children just hours "
            "after a suspected chemical gas attack left dozens dead in the Khan Sheikhun.")
    assert [c[4] for c in cas(body)] == ["event", "event", "background"]
    e = primary(events("Shelling of rebel bastion near Syrian capital kills 19", body, "2017-04-04"))
    assert counts(e) == {"civilians": 19, "children": 6}
    # the main clause's own verb after a bare "days after X" stays the event's
    s = ("Just days after a deadly Assad regime chemical attack a woman was killed and 25 others on a bus were "
         "wounded in a town south of Homs on Saturday.")
    assert {c[4] for c in cas(s)} == {"event"}


def test_killed_and_wounded_share_the_later_noun():
    # 1965495361: the 28 killed were civilians
    s = "The Syrian army killed 28 and wounded 30 Daesh terror group militants in Deir ez-Zor city."
    assert [c[:3] for c in cas(s)] == [(28, "combatants", "killed"), (30, "combatants", "injured")]


def test_n_of_them_counts_the_noun_before():
    # 1965511181: "killing 16 of them" were 16 civilians
    s = "The Syrian army and allies also clashed with the terrorists in Jabal al-Turkman killing 16 of them."
    assert [c[:3] for c in cas(s)] == [(16, "combatants", "killed")]
    assert [c[:4] for c in cas("Air strikes killed 25 civilians six of them children.")] == \
        [(25, "civilians", "killed", None), (6, "children", "killed", 0)]


def test_a_group_targeted_is_not_killed_when_a_verb_kills_a_part_of_it():
    # 1926479101: "tens of civilians" were counted dead
    s = ("Terrorists targeted tens of civilians with rocket shells and gunfire as the civilians were moving to "
         "army positions in Hanano area killing 3 of them and injuring 22 most of them women and children.")
    assert [c[:3] for c in cas(s)] == [(3, None, "killed"), (22, None, "injured")]


def test_the_attack_told_apart_later_gives_the_toll_its_victims():
    # 1926479016 (audited: 27 pro-government fighters + 15 ISIS fighters = 42 combatants; was 50 civilians)
    body = ("The ISIS group killed more than 50 people in an attack on two government-held villages in central "
            "Syrias Hama province on Thursday a monitor said. The Britain-based Syrian Observatory for Human "
            "Rights said the attack on two villages killed 15 civilians and 27 pro-government fighters. ISIS also "
            "lost 15 fighters in the attack the monitor said.")
    e = primary(events("ISIS kills more than 50 in central Syria attack.", body, "2017-05-19"))
    assert counts(e) == {"civilians": 15, "combatants": 42}
    assert len([x for x in events("ISIS kills more than 50", body, "2017-05-19") if x.killed.best]) == 1


def test_bodies_yet_to_be_identified_count_in_the_toll_on_neither_side():
    # 1926479016: "with another 10 bodies yet to be identified as government fighters or local
    # residents" were 10 more civilians (audited: civilians 15)
    s = ("The Britain-based Syrian Observatory for Human Rights said the attack on two villages killed 15 civilians "
         "and 27 pro-government fighters with another 10 bodies yet to be identified as government fighters or "
         "local residents.")
    assert [c[:3] for c in cas(s)] == [(15, "civilians", "killed"), (27, "combatants", "killed"),
                                       (10, "unidentified", "killed")]
    e = primary(events("Attack on two villages in Hama", s, "2017-05-19"))
    assert counts(e) == {"civilians": 15, "combatants": 27, "unidentified": 10}
    assert e.killed.best == 52
    # bodies whose identity is not in question stay people: "the bodies of" / "10 bodies were found"
    assert [c[:3] for c in cas("Rescuers said 10 bodies were found under the rubble.")] == [(10, None, "killed")]
    assert [c[:3] for c in cas("Activists said 10 bodies were still to be identified after the strike killed 30 "
                                 "people.")] == [(10, "unidentified", "killed"), (30, "people", "killed")]


def test_a_campaign_that_has_killed_is_a_running_total():
    # a_a07d345ebcf73d48 (FA-KES): "the bombing campaign has killed hundreds" was a second event
    s = ("The Syrian Observatory for Human Rights said the bombing campaign has killed hundreds mostly civilians "
         "and forced thousands of families to flee their homes.")
    assert [(c[0], c[2], c[4]) for c in cas(s)] == [(100, "killed", "cumulative")]
    assert [(c[0], c[4]) for c in cas("The air campaign killed 30 people in the market on Monday.")] == [(30, "event")]
