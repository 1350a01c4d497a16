"""Actors, attribution, claimants and framing terms."""
from __future__ import annotations

from warledger.extract import actor_category, find_framing
from warledger.extract.actors import agent_score, find_actors, find_claimants


def names(text):
    return [h.name for h in find_actors(text)]


def test_aliases_and_categories():
    assert names("Syrian and Russian warplanes struck") == ["Syrian government forces"]
    assert names("the Russian air force") == ["Russian armed forces"]
    assert names("Daesh and ISIL and the Islamic State group") == ["Islamic State"] * 3
    assert names("Jabhat Fateh al-Sham and HTS") == ["al-Nusra Front"] * 2
    assert names("the Kurdish Peoples Protection Units (YPG)") == ["Syrian Democratic Forces"] * 2
    assert names("U.S.-led coalition air strikes") == ["US-led coalition"]
    assert actor_category("Syrian government forces") == "syrian government or russian troops"
    assert actor_category("Islamic State") == "the organization of the islamic state in iraq and the levant - isis"
    assert actor_category("Faylaq al-Rahman") == "armed opposition groups"
    # fighting for the government in Syria (audited 1915433670: "a Hizballah ambush" is coded so)
    assert actor_category("Hezbollah") == "syrian government or russian troops"
    assert actor_category("Hamas") == "unknown"  # no deeds in Syria, no FA-KES column value
    assert actor_category(None) == "unknown"
    # "IS" is case-sensitive: the verb "is" is not Islamic State
    assert names("the town is quiet") == []


def test_attribution():
    t = "Militants of the so-called Jaysh al-Islam terrorist group fired rocket shells on Thursday"
    [h] = find_actors(t)
    assert agent_score(t, h) > 0.5
    t = "A Daesh car bomb killed at least 26 people"
    assert agent_score(t, find_actors(t)[0]) > 0.5
    t = "eight civilians killed by Russian airstrike in Syria"
    assert agent_score(t, find_actors(t)[0]) > 0.5
    t = "the country has called on Russia to stop"
    assert agent_score(t, find_actors(t)[0]) == 0.0


def test_claimants():
    t = "the Britain-based Syrian Observatory for Human Rights said, and SANA reported"
    assert [h.name for h in find_claimants(t)] == ["Syrian Observatory for Human Rights", "SANA"]
    assert [h.name for h in find_claimants("activists said")] == ["activists"]


def test_framing():
    ms = find_framing("Takfiri terrorists fought the Assad regime", article_id="a1")
    assert [(m.value["camp"], m.span.text) for m in ms] == [
        ("government", "Takfiri terrorists"), ("opposition", "Assad regime")]
    assert all(m.kind == "framing" and m.span.article_id == "a1" for m in ms)
