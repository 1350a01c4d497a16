"""The actor lexicon beyond Syria (issue 3): parties of today's wars as perpetrators, the risky
aliases kept from over-firing, the lexicon's own consistency, and the real sample pages."""
from __future__ import annotations

import json
import string
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warledger.extract import extract
from warledger.extract.actors import agent_score, find_actors
from warledger.fakes.view import actor_category, tables
from warledger.records import Article

ACTORS = json.loads(resources.files("warledger.extract").joinpath("data/actors.json").read_text("utf-8"))["actors"]
BY_NAME = {a["name"]: a for a in ACTORS}


def art(body: str, title: str = "Report", published: str = "2024-05-01") -> Article:
    return Article(id=Article.make_id(title, body, "wire"), title=title, body=body, source="wire", published=published)


def perpetrator(text: str) -> tuple[str | None, float]:
    """The hit the words around it make the perpetrator (highest agent score), as the extractor picks."""
    best, score = None, 0.0
    for h in find_actors(text):
        s = agent_score(text, h)
        if s > score:
            best, score = h.name, s
    return best, score


# sentences written for these tests: one per new actor, the actor as perpetrator
PERPETRATORS = [
    ("Hamas gunmen attacked a kibbutz near the border on Saturday.", "Hamas"),
    ("The Qassam Brigades fired rockets at Ashkelon overnight.", "Hamas"),
    ("Palestinian Islamic Jihad fired a barrage of rockets from Gaza.", "Palestinian Islamic Jihad"),
    ("Israel Defense Forces troops shot dead two men in Jenin.", "Israel"),
    ("An Israeli tank crew fired two shells at the hillside.", "Israel"),
    ("Houthi rebels fired a missile at a tanker in the Red Sea.", "Houthis"),
    ("Ansar Allah launched drones at a port on Sunday.", "Houthis"),
    ("Saudi-led coalition air strikes hit a market in Saada.", "Saudi-led coalition"),
    ("Taliban fighters stormed a checkpoint in Helmand.", "Taliban"),
    ("Pakistani Taliban militants attacked a police post in Bannu.", "Tehrik-i-Taliban Pakistan"),
    ("Afghan security forces killed nine insurgents in Kunduz.", "Afghan forces"),
    ("Al-Shabaab militants detonated a car bomb in Mogadishu.", "al-Shabaab"),
    ("Boko Haram fighters killed 30 farmers near Maiduguri.", "Boko Haram"),
    ("ISWAP fighters ambushed a convoy in Borno.", "Islamic State"),
    ("ISIS-K claimed the bombing at the airport gate.", "Islamic State"),
    ("The Islamic State Khorasan Province claimed the attack on the concert hall.", "Islamic State"),
    ("AQAP militants attacked an army base in Abyan.", "al-Qaeda"),
    ("JNIM fighters ambushed a Malian army patrol.", "JNIM"),
    ("Wagner mercenaries executed dozens of men in Moura.", "Wagner Group"),
    ("Russian missiles struck a power station in Kharkiv.", "Russian armed forces"),
    ("Ukrainian drones hit an oil refinery in Ryazan.", "Ukrainian armed forces"),
    ("RSF fighters killed 20 villagers in North Darfur.", "Rapid Support Forces"),
    ("Sudanese army warplanes bombed a market in Nyala.", "Sudanese Armed Forces"),
    ("M23 rebels seized the town of Rubaya.", "M23"),
    ("The Tatmadaw bombed a school in Sagaing.", "Myanmar military"),
    ("People’s Defence Force fighters ambushed a convoy near Mandalay.", "People's Defence Force"),
    ("The Arakan Army captured a border post.", "Myanmar ethnic armed organisations"),
    ("PKK militants attacked a gendarmerie outpost in Hakkari.", "PKK"),
    ("Popular Mobilization Forces shelled a village near Tikrit.", "Popular Mobilization Forces"),
    ("Kataib Hezbollah drones struck a base in Jordan.", "Popular Mobilization Forces"),
    ("US special forces killed an Islamic State leader in a raid.", "US armed forces"),
    ("Kurdish Peshmerga repelled an attack near Makhmour.", "Peshmerga"),
    ("Riot police fired on protesters in the capital.", "Security forces"),
]


@pytest.mark.parametrize("text,name", PERPETRATORS)
def test_new_actor_is_the_perpetrator(text, name):
    got, score = perpetrator(text)
    assert (got, score >= 0.9) == (name, True)


@pytest.mark.parametrize("body,name", [
    ("Houthi rebels fired a missile at a cargo ship on Monday, killing three crew members.", "Houthis"),
    ("RSF fighters killed 20 villagers in a raid in North Darfur on Sunday.", "Rapid Support Forces"),
    ("Taliban fighters killed five soldiers in an ambush in Helmand on Sunday.", "Taliban"),
    ("Boko Haram fighters killed 30 farmers near Maiduguri on Saturday.", "Boko Haram"),
    ("Ukrainian drones killed two people in Belgorod on Monday.", "Ukrainian armed forces"),
])
def test_extract_names_the_new_perpetrator(body, name):
    evs = [e for e in extract(art(body)) if e.killed.best]
    assert evs and evs[0].actor1 == name


def test_victims_take_the_side_the_text_names():
    e = extract(art("Taliban fighters killed five Afghan soldiers in an ambush in Helmand on Sunday."))[0]
    assert (e.actor1, e.victim_sides.get("combatants")) == ("Taliban", "Afghan forces")
    e = extract(art("Two Russian soldiers were killed in a drone attack near Bakhmut on Monday."))[0]
    assert e.victim_sides.get("combatants") == "Russian armed forces"


# bare aliases left out, or guarded by case and word boundaries ('-' is a word character)
@pytest.mark.parametrize("text", [
    "Download the PDF of the report.",                       # not the People's Defence Force
    "Airlines must blend more SAF into jet fuel.",           # sustainable aviation fuel
    "Reporters Without Borders (RSF) said 10 journalists were killed.",
    "RSF said the reporters were killed.",
    "A Wagner opera opened in Berlin.",
    "Mohamed Shabaab was named coach.",
    "The junta in Bamako expelled the envoy.",             # not Myanmar's
    "Shelling in eastern Ukraine killed five people.",       # the place, not the army
    "The Hamas-run health ministry said 30 people were killed.",
    "In the Houthi-controlled capital, prices rose.",
    "An m23 bolt and the AM23 valve.",
    "Nusrat Fateh Ali Khan sang.",                           # 'Nusrat' is no 'Nusra'
    "The police said gunmen killed four people.",
])
def test_risky_aliases_do_not_fire(text):
    assert perpetrator(text)[0] is None


def test_longest_alias_wins_and_branches_fold():
    def names(t):
        return [h.name for h in find_actors(t)]
    assert names("the Pakistani Taliban") == ["Tehrik-i-Taliban Pakistan"]
    assert names("Kurdish Peshmerga") == ["Peshmerga"]
    assert names("the Saudi-led coalition") == ["Saudi-led coalition"]
    assert names("the US-led coalition") == ["US-led coalition"]
    assert names("ISIS-K and ISWAP and IS-K") == ["Islamic State"] * 3
    assert names("AQAP and AQIM") == ["al-Qaeda"] * 2
    assert names("YPG/PKK") == ["Syrian Democratic Forces", "PKK"]
    assert names("Jama'at Nusrat al-Islam wal-Muslimin") == ["JNIM"]
    assert names("Kata’ib Hezbollah") == ["Popular Mobilization Forces"]
    assert names("Lebanese Hezbollah") == ["Hezbollah"]


@settings(max_examples=200, deadline=None)
@given(pre=st.text(string.ascii_letters + string.digits + "-_", min_size=1, max_size=4),
       alias=st.sampled_from(["M23", "TTP", "PIJ", "JNIM", "PKK", "PMF", "KNU", "FARDC", "ANDSF", "ISIS-K"]),
       post=st.text(string.ascii_letters + string.digits + "-_", max_size=4))
def test_capital_aliases_need_word_boundaries(pre, alias, post):
    assert find_actors(f"x {pre}{alias}{post} y") == []
    assert find_actors(f"x {pre.lower()} {alias.lower()} y") == [] or alias.lower() in pre.lower()
    [h] = [h for h in find_actors(f"The {alias} said.") if h.text == alias]
    assert h.name == next(a["name"] for a in ACTORS if alias in a["aliases"])


def test_lexicon_is_consistent():
    valid = set(tables()["actor_categories"]) | {"other"}
    keys: dict[str, str] = {}
    for a in ACTORS:
        assert a["kind"] in ("state", "paramilitary", "non-state"), a["name"]
        assert a["category"] in valid, a["name"]
        for alias in a["aliases"]:
            k = alias.replace("'", "")
            k = k if k.isupper() or (len(k) <= 4 and k.upper() == k) else k.lower()
            # the matcher keeps the first actor of an alias: a second would be silently dead
            assert keys.setdefault(k, a["name"]) == a["name"], (alias, keys[k], a["name"])
        # every alias finds its own actor (in FA-KES's apostrophe-free spelling: see the xfail below)
        for alias in (x.replace("'", "") for x in a["aliases"]):
            hits = find_actors(f"On Monday {alias} struck.")
            assert [h.name for h in hits if h.text.lower() == alias.lower()] == [a["name"]], alias
    assert BY_NAME["Russian armed forces"]["category"] == "syrian government or russian troops"


def test_fakes_view_of_the_new_actors():
    assert actor_category("Houthis") == "unknown"
    assert actor_category("Ukrainian armed forces") == "unknown"  # not 'army' → government
    assert actor_category("Myanmar military") == "unknown"
    assert actor_category("Hamas") == "unknown"
    assert actor_category("Russian armed forces") == "syrian government or russian troops"
    # the column a Syrian-war annotator gives them ('al-Nusra (Qaeda branch)', 'the PKKs Syrian branch')
    assert actor_category("al-Qaeda") == "al-nusra front"
    assert actor_category("PKK") == "self administration forces"
    assert actor_category("US armed forces") == "international coalition forces"
    assert actor_category("Security forces") == "syrian government or russian troops"


# ----------------------------------------------------------------- real pages (../shared)

def page(shared, name):
    from warledger.ingest import html as html_reader
    from warledger.ingest.base import Document, ReadOptions
    p = shared / "data/samples/html" / f"{name}.html"
    [a] = [x for x in html_reader.read(Document.from_bytes(str(p), p.read_bytes()), ReadOptions())
           if isinstance(x, Article)]
    return a


def test_sample_pages_name_the_new_actors(shared):
    a = page(shared, "aljazeera_2019_afghanistan_helicopter")
    hits = find_actors(a.body)
    i = a.body.index("claimed responsibility for shooting down")
    assert any(h.name == "Taliban" and h.text == "Afghan Taliban" and 0 < i - h.end < 20 for h in hits)
    assert {h.name for h in hits} >= {"Taliban", "US armed forces"}
    a = page(shared, "nypost_2019_taliban_prisoners_qatar")
    names = [h.name for h in find_actors(a.body)]
    assert names.count("Taliban") >= 8 and "Tehrik-i-Taliban Pakistan" not in names
    a = page(shared, "cbc_2024_gaza_ceasefire_sinwar")
    hits = [h for h in find_actors(a.body) if h.name == "Hamas"]
    assert len(hits) >= 8
    # "blamed by Hamas" no; the one perpetrator-shaped Hamas is "The next chess move by Hamas"
    assert [a.body[h.start - 8:h.end] for h in hits if agent_score(a.body, h) > 0] == ["move by Hamas"]


def test_sample_pages_keep_their_perpetrators(shared):
    evs = extract(page(shared, "reuters_2024_israeli_tank_lebanon_journalists"))
    assert evs[0].actor1 == "Israel"
    assert not any(e.actor1 == "Hamas" for e in extract(page(shared, "theintercept_2023_gaza_births")))


# ----------------------------------------------------------------- needing a code change (report)

@pytest.mark.parametrize("actor, sub, violence", [
    ("Sudanese Armed Forces", "Government regains territory", 1),   # state (kind in actors.json)
    ("Myanmar military", "Government regains territory", 1),
    ("Rapid Support Forces", "Non-state actor overtakes territory", 2),  # non-state
    ("Houthis", "Non-state actor overtakes territory", 2),
])
def test_state_actors_come_from_the_lexicon_kind(actor, sub, violence):
    from warledger.extract.types import best_trigger, classify, find_triggers

    t = best_trigger(find_triggers("Troops recaptured the town on Monday."))
    got = classify(t, victims={}, actor1=actor, actor2=None, fatal=False)
    assert (got["sub_event_type"], got["violence_type"]) == (sub, violence)


@pytest.mark.xfail(strict=True, reason="Matcher drops apostrophes from aliases, so an ASCII ' in the text misses")
def test_ascii_apostrophe_in_text():
    assert [h.name for h in find_actors("Kata'ib Hezbollah drones struck")] == ["Popular Mobilization Forces"]


def test_sample_taliban_claim_is_attributed(shared):
    evs = extract(page(shared, "aljazeera_2019_afghanistan_helicopter"))
    assert any(e.actor1 == "Taliban" for e in evs)
