"""Who did it (issue 3): subjects that are no victims, targets that are no perpetrators, blame
said by one side, and one figure that names two incidents.

Sentences are FA-KES article text (CC BY 4.0, Abu Salem et al., ICWSM 2019), unit ids in the
comments; articles are built in memory with a stub place finder.
"""
from __future__ import annotations

from warledger.extract.actors import BLAME_SCORE, agent_score, find_actors

from test_extract_counts import cas, events, primary


def score(sentence, alias):
    hit = next(h for h in find_actors(sentence) if h.text == alias)
    return agent_score(sentence, hit)


# the subject of an active verb is no victim ------------------------------------------------

def test_bombers_who_killed_are_not_counted_among_the_dead():
    # 1924058162: was 32 (2 bombers + 30) and no perpetrator
    s = ("Two ISIS suicide bombers driving explosive-laden trucks have killed at least 30 Kurdish "
         "militiamen and police in al-Hassakeh in north-eastern Syria a monitoring group says.")
    assert [c[:3] for c in cas(s)] == [(30, "combatants", "killed")]
    e = primary(events("30 Kurdish fighters killed by twin blasts in Syria", s, "2014-10-06"))
    assert e.killed.best == 30 and e.actor1 == "Islamic State"


def test_a_passive_outcome_before_a_figure_still_counts():
    # 1923848246: "were summarily executed 19 more were killed" — the 50 stay dead
    s = ("The Observatory said more than 50 troops were summarily executed 19 more were killed in a "
         "double suicide attack and at least 16 others had died in the IS assault.")
    assert [c[0] for c in cas(s) if c[2] == "killed"] == [50, 19, 16]


def test_a_headline_list_keeps_its_injured():
    assert [c[:3] for c in cas("Five people in Idlib killed 12 injured")] == \
        [(5, "people", "killed"), (12, None, "injured")]


def test_exploded_makes_the_subject_the_perpetrator():
    # 1926479066: no perpetrator before
    s = ("Opposition forces in Syria exploded bombs in tunnels under Aleppo late on Tuesday and killed at "
         "least 13 fighters loyal to President Bashar al-Assad in the northern city a group tracking the "
         "violence said.")
    assert primary(events("Bombs in Syrias Aleppo kill 13 pro-Assad fighters: monitor", s,
                          "2014-07-30")).actor1 == "Armed opposition"


# targets -------------------------------------------------------------------------------------

def test_the_target_of_an_attack_is_not_its_author():
    assert score("At least 20 people were killed in a car bomb attack on Syrian rebels in Azaz.",
                 "rebels") == 0.0
    # 1923102944: the rebels were repelled; the regime forces did the killing
    s = ("Syrian regime forces backed by Russian air support repel a rebel offensive on the northern "
         "fringes of Syrias Aleppo on Tuesday killing 40 attackers Russias defence ministry said.")
    assert score(s, "rebel") == 0.0
    title = "Syrian regime repels rebel offensive near Aleppo killing 40"
    assert score(title, "Syrian regime") == 0.9 and score(title, "rebel") == 0.0
    assert primary(events(title, s, "2016-11-01")).actor1 == "Syrian government forces"
    # 1924058061
    assert score("A Daesh counterattack on Syrian regime forces advancing towards a militant stronghold",
                 "Daesh") == 0.9


# blame ---------------------------------------------------------------------------------------

def test_blame_names_the_events_own_perpetrator():
    # 1926479026, 1926479219, 1926479220
    s = ("The Syrian opposition has accused government forces of killing well over 1000 civilians with "
         "poison gas in Damascus suburbs on Wednesday - an accusation dismissed by the government.")
    assert score(s, "government forces") == BLAME_SCORE
    assert score("Washington blames the Syrian government for the attack", "Syrian government") == BLAME_SCORE
    assert score("Evidence strongly suggests Syrian government forces were responsible for a poison gas "
                 "attack", "Syrian government forces") == BLAME_SCORE
    assert score("The Syrian government denied it was responsible for the attack", "Syrian government") == 0.0
    e = primary(events("Iran says Syria to let U.N. inspectors visit chemical sites", s, "2013-08-24"))
    assert e.actor1 == "Syrian government forces"


def test_blame_in_a_neighbouring_sentence_is_not_lent():
    # 1926479326: both sides accuse each other; the event's perpetrator stays unknown
    body = ("Rescuers said a toxic gas attack killed 33 people in Saraqeb on Monday. "
            "Damascus denied responsibility and blamed rebels.")
    e = primary(events("Rescuers say gas dropped on Syrian town", body, "2016-08-02"))
    assert e.killed.best == 33 and e.actor1 is None


# one figure, two incidents -------------------------------------------------------------------

def test_the_same_toll_for_other_victims_is_another_incident():
    # 1918398801: the two 20s were one event, the opposition its perpetrator
    body = ("Regime airstrikes killed 20 civilians on Monday in the Bab al-Maqam neighborhood of Aleppo. "
            "A witness reported fierce close-range clashes near the historic citadel where the opposition "
            "killed at least 20 army troops when they blew up a tunnel they dug underneath a regime post.")
    evs = [e for e in events("Assad regime surrounds Aleppo", body, "2016-07-12") if e.killed.best == 20]
    assert len(evs) == 2
    by_victims = {next(iter(e.victims)): e.actor1 for e in evs}
    assert by_victims == {"civilians": "Syrian government forces", "combatants": "Armed opposition"}


# what kind -------------------------------------------------------------------------------

def test_civilians_killed_in_clashes_are_a_battles_toll():
    # 1923102855: ACLED codes civilians caught in fighting between two sides as the battle's dead
    body = ("Clashes between the two sides have rocked the city leaving 23 civilians - including nine "
            "children - dead according to the Syrian Observatory for Human Rights.")
    e = primary(events("Syrian regime bombs Kurdish fighters for second day", body, "2016-08-19"))
    assert (e.event_type, e.sub_event_type, e.killed.best) == ("Battles", "Armed clash", 23)
    # gunmen shooting civilians is one-sided: violence against civilians
    e = primary(events("Gunmen kill five", "Gunmen shot dead five civilians in the village on Monday.", "2016-08-19"))
    assert (e.event_type, e.sub_event_type) == ("Violence against civilians", "Attack")


def test_loyalists_of_a_named_group_are_that_group():
    # 1923848204: "loyalists" alone is the government's alias
    s = "Al-Qaeda loyalists attacked a mainly Kurdish town in northeastern Syria sparking fighting"
    assert [(h.text, h.name) for h in find_actors(s)][0] == ("Al-Qaeda loyalists", "al-Qaeda")
    assert [h.name for h in find_actors("Assad loyalists killed 5")] == ["Syrian government forces"]


def test_the_victims_own_side_is_not_the_perpetrator():
    # 1923848218: "asayesh" inside the victims' noun phrase was the perpetrator
    body = ('"At least 30 members of the YPG and asayesh were killed when two Islamic State suicide bombers '
            'detonated their trucks at the northern entrance to Hasakeh" Syrian Observatory for Human Rights '
            'chief Rami Abdel Rahman told AFP.')
    e = primary(events("Twin blasts kill 30 Kurdish fighters in Syria Monitor", body, "2014-10-06"))
    assert (e.actor1, e.actor2) == ("Islamic State", "Syrian Democratic Forces")


def test_a_single_victims_side_comes_from_its_own_words():
    # 1965511129: the commander was on the Syrian army's side because the army was the subject
    s = "The Syrian army killed a terrorist commander as well as five of his entourage in Qalamoun."
    assert [(c[1], c[2]) for c in cas(s)][:1] == [("combatants", "killed")]
    e = primary(events("Syrian Army Kills Terrorist Commander in Qalamoun", s, "2014-11-10"))
    assert e.actor1 == "Syrian government forces" and e.actor2 != "Syrian government forces"


def test_most_of_them_from_a_group_names_the_victims_side():
    # 1965511163 (gold: the army), 1965511217
    s = ("In Lattakia at least 50 terrorists most of them from al-Nusra terrorist group were killed in army "
         "operations against their dens and positions in the villages of Droushan and Rabia.")
    e = primary(events("Army units kill 50 terrorists in Lattakia", s, "2015-07-07"))
    assert (e.actor1, e.actor2) == ("Syrian government forces", "al-Nusra Front")
    s = "At least 23 people most of them from the Ahrar al-Sham militant group were killed by a truck suicide bomber."
    assert [c[:3] for c in cas(s)] == [(23, "combatants", "killed")]


def test_a_terrorist_bombing_is_a_bomb_not_an_air_raid():
    # 1965511156
    s = ("6 Lebanese martyrs and 22 injured were claimed in a terrorist bombing which targeted on Sunday a bus "
         "at a parking lot in the neighborhood of al-Kallaseh in Damascus.")
    e = primary(events("Terrorist Bomb Targets Bus in Damascus", s, "2015-02-01"))
    assert (e.sub_event_type, e.cause) == ("Remote explosive/landmine/IED", "explosion")
    e = primary(events("Aleppo under fire", "The bombing of eastern Aleppo killed 20 civilians on Monday.", "2016-10-04"))
    assert e.sub_event_type == "Air/drone strike"


def test_forces_that_advance_and_groups_clashing_among_themselves():
    # 1965511214: the YPG advanced; 1962495678: infighting among opposition groups
    s = ("At least 40 Takfiri insurgents were killed as forces from the Kurdish Peoples Protection Units (YPG) "
         "advance in Tal Rifaat in Alepppo countryside.")
    assert primary(events("Dozens of Insurgents Killed As Syria Kurds Advance", s, "2016-02-15")).actor1 == \
        "Syrian Democratic Forces"
    s = ("Clashes among the Jeish al-Islam Faylaq al-Rahman and Jeish al-Fastat terrorist groups in Eastern "
         "Ghouta near Damascus in less than one month have killed over 350 militants.")
    assert score(s, "Jeish al-Islam") == 0.5


def test_an_after_clause_lends_its_agent_only_when_the_main_clause_names_none():
    # 1915433695, 1923848194: the rebels of the after-clause were the perpetrators
    s = ("The Syrian regime has killed at least 43 people in the town of Jayrud near Damascus in a revenge "
         "shelling attack after a downed pilot was killed by rebels.")
    assert primary(events("Syrian regime revenge attack kills scores in Qalamoun", s, "2016-07-02")).actor1 == \
        "Syrian government forces"
    s = ("Syrian air force strikes killed at least 70 people in an opposition district outside Damascus "
         "following rocket attacks by rebels that had hit the centre of the capital.")
    assert primary(events("Syria strikes kill 70", s, "2015-02-05")).actor1 == "Syrian government forces"
    # "... killed after strikes by Russian jets": the main clause names no one
    s = "At least 12 people were killed in Idlib on Monday after air strikes by Russian jets."
    assert primary(events("Strikes kill 12", s, "2016-10-03")).actor1 == "Russian armed forces"


def test_speakers_are_no_perpetrators_and_deaths_no_agreement():
    # 1926479334: "Syrian opposition: 1300 killed" and "opposition figure George Sabra said"
    body = ("At least 1300 people have been killed in a nerve gas attack on Syrias Ghouta region leading "
            "opposition figure George Sabra said on Wednesday.")
    assert primary(events("Syrian opposition: 1300 killed in chemical attack on Ghouta region", body,
                          "2013-08-21")).actor1 is None
    # 1923102920: the headline's "ceasefire" made the deaths an agreement
    body = ("Two civilians including a child have been killed in Aleppo city in the first deaths reported in "
            "areas covered by a US-Russian-brokered ceasefire since it began this week.")
    e = primary(events("First civilians killed in Aleppo since start of ceasefire", body, "2016-09-16"))
    assert e.event_type == "Violence against civilians"


def test_crushed_and_crucifying_name_the_agent():
    # 1926479354
    s = ("Islamic State has crushed a pocket of resistance to its control in eastern Syria crucifying two people "
         "and executing 23 others in the past five days a monitoring group said on Monday.")
    assert score(s, "Islamic State") == 0.9
