"""Assembling Events: merging, primary event, dates, places, actors, evidence spans."""
from __future__ import annotations

import re
from dataclasses import dataclass

from warledger.extract import extract
from warledger.records import Article, Event, Place

GAZ = {
    "Aleppo": Place(name="Aleppo", admin1="Aleppo", country="SY", precision="place"),
    "Tal Abyad": Place(name="Tal Abyad", admin1="Ar-Raqqa", country="SY", precision="place"),
    "Raqqa": Place(name="Raqqa", admin1="Ar-Raqqa", country="SY", precision="place"),
    "Idlib province": Place(name="Idlib", admin1="Idleb", country="SY", precision="governorate"),
}


@dataclass
class FakeMention:
    start: int
    end: int
    text: str
    place: Place
    score: float = 0.9
    kind: str = "locality"
    candidates: int = 1


def fake_places(text, *, title=None):
    out = []
    for name, place in GAZ.items():
        for m in re.finditer(re.escape(name), text):
            kind = "governorate" if place.precision == "governorate" else "locality"
            out.append(FakeMention(m.start(), m.end(), name, place, kind=kind))
    return out


def art(title, body, published="2016-06-29", source="sana"):
    return Article(id=Article.make_id(title, body, source), title=title, body=body,
                   source=source, published=published)


def test_headline_and_body_merge_into_one_primary_event():
    a = art("7 Civilians Killed 25 Injured in Terrorist Car Attack in Tal Abyad Raqqa",
            "Seven civilians were killed and 25 other were injured in a terrorist car bomb attack in "
            "Tal Abyad city on Wednesday local sources told SANA. The blast also damaged shops.")
    evs = extract(a, find_places=fake_places)
    fatal = [e for e in evs if e.killed.best]
    assert len(fatal) == 1
    e = fatal[0]
    assert e.primary and evs[0] is e
    assert e.killed.best == 7 and e.injured.best == 25
    assert e.victims["civilians"].best == 7
    assert e.place.name == "Tal Abyad" and e.place.admin1 == "Ar-Raqqa"
    assert (e.date, e.date_basis) == ("2016-06-29", "weekday")
    assert e.cause == "explosion" and e.event_type == "Explosions/Remote violence"
    assert e.sub_event_type == "Remote explosive/landmine/IED"
    assert "SANA" in e.claimed_by or "local sources" in e.claimed_by
    assert e.actor1 is None  # "terrorist" names no group


def test_evidence_spans_point_at_their_text():
    a = art("Air raid kills 21 at Syria market Monitor",
            "The number of people killed in an air strike this morning against the market area of "
            "Aleppo has risen to 21 including three children the Syrian Observatory for Human Rights said.",
            published="2014-04-24", source="ahram")
    [e] = [x for x in extract(a, find_places=fake_places) if x.primary]
    assert e.killed.best == 21 and e.victims["children"].best == 3 and e.victims["civilians"].best == 21
    assert e.claimed_by == ["Syrian Observatory for Human Rights"]
    kinds = {m.kind for m in e.evidence}
    assert {"casualty", "place", "claimant", "trigger"} <= kinds
    for m in e.evidence:
        src = a.title if m.value.get("field") == "title" else a.body
        assert src[m.span.start:m.span.end] == m.span.text, m
        assert m.span.article_id == a.id
    assert e.sentence.text == a.body[e.sentence.start:e.sentence.end]


def test_perpetrator_and_claimant_are_kept_apart():
    a = art("Russian airstrike kills civilians",
            "A Russian airstrike on Syrian city Aleppo killed eight civilians on Saturday a civil defense "
            "source said.", published="2016-06-04", source="dailysabah")
    [e] = extract(a, find_places=fake_places)
    assert e.actor1 == "Russian armed forces"
    assert e.killed.best == 8 and e.date == "2016-06-04"
    assert e.sub_event_type == "Air/drone strike" and e.cause == "shelling"
    assert "Russian armed forces" not in e.claimed_by


def test_cumulative_totals_make_no_event():
    a = art("Syria war toll", "More than 290000 people have been killed in Syria since the war started in 2011.",
            published="2016-09-05", source="trt")
    assert [e for e in extract(a, find_places=fake_places) if e.killed.best] == []


def test_two_incidents_two_events_stable_ids():
    body = ("Seven civilians were killed in Tal Abyad on Monday. "
            "Separately 12 soldiers were killed in clashes with ISIS in Aleppo on Tuesday.")
    a = art("Attacks in northern Syria", body, published="2016-06-29")
    evs = extract(a, find_places=fake_places)
    fatal = [e for e in evs if e.killed.best]
    assert [(e.killed.best, e.place.name, e.date) for e in fatal] == [
        (7, "Tal Abyad", "2016-06-27"), (12, "Aleppo", "2016-06-28")]
    assert fatal[1].victims["combatants"].best == 12
    assert fatal[1].victim_sides["combatants"] == "Syrian government forces"
    assert sum(e.primary for e in evs) == 1 and fatal[0].primary
    again = extract(a, find_places=fake_places)
    assert [e.id for e in again] == [e.id for e in evs]
    assert all(Event.from_dict(e.to_dict()) == e for e in evs)


def test_no_date_uses_publication_and_inherits_place():
    a = art("Blast in Raqqa", "A blast hit the city centre in Raqqa. At least 9 people died in the explosion.",
            published="2017-01-02", source="reuters")
    [e] = [x for x in extract(a, find_places=fake_places) if x.killed.best]
    assert (e.date, e.date_basis, e.date_precision) == ("2017-01-02", "publication", "publication")
    assert e.place.name == "Raqqa"


def _wire(body: str, title: str = "Blast kills civilians") -> Article:
    return Article(id="a_wire", title=title, body=body, source="reuters", published="2017-01-09")


def test_dateline_is_not_the_event_place_when_the_article_names_another():
    """ "ALEPPO (Reuters) -" is where the reporter filed; the shelling was in Douma."""
    (ev,) = [e for e in extract(_wire("ALEPPO (Reuters) - Government shelling killed five civilians "
                                       "on Monday, a monitor said. The shells fell on a market in "
                                       "the town of Douma."))
             if e.killed.best]
    assert ev.place.name == "Douma" and ev.place.admin1 == "Rural Damascus"


def test_dateline_place_is_the_last_resort():
    (ev,) = [e for e in extract(_wire("ALEPPO, Syria (Reuters) - A bomb killed 12 people at a market "
                                       "on Sunday, police said.", title="Bomb kills 12")) if e.killed.best]
    assert ev.place.name == "ALEPPO" and ev.place.admin1 == "Aleppo"
    assert any(m.label == "location_dateline" for m in ev.evidence if m.kind == "place")
