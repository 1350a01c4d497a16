"""Golden tests: the seed article, and a floor on the 40 audited FA-KES development articles."""
from __future__ import annotations

import csv
import json
from importlib import resources

import pytest

from warledger.extract import actor_category, extract
from warledger.extract.places import find_places
from warledger.ingest import read


@pytest.fixture(scope="module")
def seed():
    path = resources.files("warledger.examples").joinpath("alalam-2013-06-12-aleppo.txt")
    [a] = [x for x in read([str(path)]) if hasattr(x, "body")]
    assert a.body.startswith("At least 120 gunmen")
    return a


def test_seed_headline_event(seed):
    evs = extract(seed)
    fatal = [e for e in evs if e.killed.best]
    assert len(fatal) == 1
    e = fatal[0]
    assert e.primary
    assert e.date == "2013-06-12"
    assert e.place.admin1 == "Aleppo"
    assert (e.event_type, e.sub_event_type) == ("Battles", "Armed clash")
    assert (e.killed.low, e.killed.best) == (120, 120)
    assert e.victims["combatants"].best == 120 and "civilians" not in e.victims
    assert actor_category(e.actor1) == "syrian government or russian troops"  # the army
    assert e.cause == "shooting"
    # the headline's "120 militants killed" is evidence of the same event, not a second one
    assert any(m.value.get("field") == "title" and m.kind == "casualty" for m in e.evidence)


def test_seed_places_and_sunday(seed):
    admin = {p.text: p.place.admin1 for p in find_places(seed.body, title=seed.title)}
    for name in ("Kafar Hamra", "Nubbul", "al-Zahra", "Andan"):
        assert admin.get(name) == "Aleppo", name
    assert admin.get("Qusayr") == "Homs"
    sunday = [e for e in extract(seed) if e.date == "2013-06-09"]
    assert sunday and all(not e.killed.best for e in sunday)


def test_seed_no_hypothetical_events(seed):
    for e in extract(seed):
        assert "could suffer" not in e.sentence.text
        assert "past months" not in e.sentence.text


FIELDS = ["date", "location", "actor", "cause_of_death", "nb_civilians", "nb_children", "nb_women",
          "nb_noncivilians"]
GOV = {"rural damascus": "damascus", "idleb": "idlib", "deir-ez-zor": "deir ezzor", "ar-raqqa": "raqqa",
       "al-hasakeh": "hasakeh", "dar'a": "daraa"}
# the floor the extractor must keep on the audited articles (measured: see the report)
FLOOR = {"date": 0.65, "location": 0.8, "actor": 0.6, "cause_of_death": 0.8, "nb_civilians": 0.65,
         "nb_noncivilians": 0.7}


def _view(evs):
    p = next(e for e in evs if e.primary)
    g = lambda k: (p.victims[k].best or 0) if k in p.victims else 0  # noqa: E731
    adm = (p.place.admin1 or "").lower()
    return {"date": p.date, "location": GOV.get(adm, adm), "actor": actor_category(p.actor1),
            "cause_of_death": {"chemical": "chemical and toxic gases"}.get(p.cause, p.cause or "unknown"),
            "nb_civilians": g("civilians"), "nb_children": g("children"), "nb_women": g("women"),
            "nb_noncivilians": g("combatants")}


def test_audited_floor(shared):
    arts = {}
    with open(shared / "data/fakes/articles.csv", newline="", encoding="utf-8") as fh:
        wanted = {json.loads(line)["unit_id"] for line in open(shared / "eval/dev_audited.jsonl")}
        rows = [r for r in csv.DictReader(fh) if r["unit_id"] in wanted]
    assert len(rows) == 40
    for a in read([str(shared / "data/fakes/articles.csv")]):
        if hasattr(a, "body") and a.extra.get("unit_id") in wanted:
            arts[a.extra["unit_id"]] = a
    ok = dict.fromkeys(FIELDS, 0)
    for line in open(shared / "eval/dev_audited.jsonl"):
        d = json.loads(line)
        got = _view(extract(arts[d["unit_id"]]))
        for f in FIELDS:
            ok[f] += str(got[f]) == str(d["event"][f])
    for f, floor in FLOOR.items():
        assert ok[f] / 40 >= floor, (f, ok[f] / 40)
