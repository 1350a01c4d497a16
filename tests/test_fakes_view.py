"""The FA-KES view: Events (built by hand) → FA-KES rows, per GUIDE.md's "FA-KES view"."""
from __future__ import annotations

from warledger.fakes import view
from warledger.records import Article, Count, Event, Place


def art(uid="77"):
    return Article(id="a_1", title="t", body="b", extra={"unit_id": uid})


def ev(**kw):
    kw.setdefault("id", "e")
    kw.setdefault("article_id", "a_1")
    return Event(**kw)


def test_row_has_exactly_the_contract_keys_in_order():
    row = view.to_row(ev(), art())
    assert tuple(row) == view.ROW_KEYS
    assert row["unit_id"] == "77"
    assert row["actor"] == "unknown" and row["cause_of_death"] == "unknown"
    assert [row[k] for k in view.COUNT_KEYS] == [0, 0, 0, 0]
    assert row["location"] is None and row["injured"] is None


def test_governorates_fold_into_fakes_names():
    cases = {"Rural Damascus": "damascus", "Damascus": "damascus", "Idleb": "idlib",
             "Deir-ez-Zor": "deir ezzor", "Ar-Raqqa": "raqqa", "Al-Hasakeh": "hasakeh",
             "Dar'a": "daraa", "Lattakia": "lattakia", "Tartous": "tartous", "Aleppo": "aleppo"}
    for admin1, want in cases.items():
        e = ev(place=Place(name="x", admin1=admin1, country="SY", precision="place"))
        assert view.to_row(e, art())["location"] == want, admin1
    iraq = ev(place=Place(name="Mosul", admin1="Nineveh", country="IQ"))
    assert view.to_row(iraq, art())["location"] is None


def test_actor_categories():
    cases = {
        "Free Syrian Army": "armed opposition groups",
        "Syrian Democratic Forces": "self administration forces",
        "YPG": "self administration forces",
        "Syrian army": "syrian government or russian troops",
        "Russian air force": "syrian government or russian troops",
        "ISIS": "the organization of the islamic state in iraq and the levant - isis",
        "Jabhat Fateh al-Sham": "al-nusra front",
        "US-led coalition": "international coalition forces",
        "Israel": "unknown",
        None: "unknown",
    }
    for actor, want in cases.items():
        assert view.actor_category(actor) == want, actor


def test_causes():
    assert view.cause_category("chemical") == "chemical and toxic gases"
    assert view.cause_category("shelling") == "shelling"
    assert view.cause_category(None) == "unknown"
    assert view.cause_category("something new") == "unknown"


def test_counts_include_children_and_women_and_every_side():
    e = ev(killed=Count(best=30), victims={"civilians": Count(best=2), "children": Count(best=3),
                                           "combatants": Count(best=24), "combatants:SDF": Count(best=3)})
    row = view.to_row(e, art())
    assert row["nb_civilians"] == 3  # civilians include the 3 children even if told 2
    assert row["nb_children"] == 3 and row["nb_women"] == 0
    assert row["nb_noncivilians"] == 27  # "24 ISIS + 3 SDF fighters = 27"


def test_bare_killed_count_is_civilians_injured_never_counted():
    e = ev(killed=Count(best=8), injured=Count(best=20))
    row = view.to_row(e, art())
    assert row["nb_civilians"] == 8 and row["nb_noncivilians"] == 0 and row["injured"] == 20
    only_fighters = ev(killed=Count(best=8), victims={"combatants": Count(best=8)})
    assert view.to_row(only_fighters, art())["nb_civilians"] == 0


def test_primary_first_and_same_day_incidents_summed(monkeypatch):
    monkeypatch.setitem(view.tables(), "sum_same_day", True)  # the rule behind the data switch
    aleppo = dict(admin1="Aleppo", country="SY")
    first = ev(id="e1", date="2016-05-01", date_basis="explicit",
               place=Place(name="Bustan al-Qasr", gazetteer_id="1", **aleppo),
               victims={"civilians": Count(best=4)}, killed=Count(best=4))
    head = ev(id="e2", primary=True, date="2016-05-01", date_basis="weekday",
              place=Place(name="Sukkari", gazetteer_id="2", **aleppo),
              victims={"civilians": Count(best=10)}, killed=Count(best=10))
    other_day = ev(id="e3", date="2016-04-28", date_basis="explicit",
                   place=Place(name="Ansari", gazetteer_id="3", **aleppo),
                   victims={"civilians": Count(best=50)}, killed=Count(best=50))
    rows = view.rows(art(), [first, head, other_day])
    assert [r["place"] for r in rows] == ["Sukkari", "Bustan al-Qasr", "Ansari"]
    assert rows[0]["nb_civilians"] == 14  # 10 + the same day's 4, not the 50 of another day
    assert rows[1]["nb_civilians"] == 4  # the other rows stay as they are
    assert view.rows(art(), []) == []


def test_same_day_summing_can_be_switched_off(monkeypatch):
    monkeypatch.setitem(view.tables(), "sum_same_day", False)
    a = ev(id="a", primary=True, date="2016-05-01", date_basis="weekday", killed=Count(best=10),
           place=Place(name="A", gazetteer_id="1", admin1="Aleppo", country="SY"))
    b = ev(id="b", date="2016-05-01", date_basis="weekday", killed=Count(best=4),
           place=Place(name="B", gazetteer_id="2", admin1="Aleppo", country="SY"))
    assert view.rows(art(), [a, b])[0]["nb_civilians"] == 10


def test_location_falls_back_to_a_syrian_place_in_the_event_evidence():
    from warledger.records import Mention, Span

    aleppo = Mention(kind="place", span=Span("a_1", 0, 6, "Aleppo"), label="location",
                     value={"name": "Aleppo", "admin1": "Aleppo", "country": "SY"})
    beirut = Mention(kind="place", span=Span("a_1", 0, 6, "BEIRUT"), label="location",
                     value={"name": "Beirut", "admin1": "Beyrouth", "country": "LB"})
    e = ev(place=Place(name="BEIRUT", admin1="Beyrouth", country="LB"), evidence=[beirut, aleppo])
    assert view.to_row(e, art())["location"] == "aleppo"
    assert view.to_row(ev(place=Place(name="BEIRUT", country="LB"), evidence=[beirut]), art())["location"] is None
    # the event's own Syrian place wins over the evidence
    e = ev(place=Place(name="Douma", admin1="Rural Damascus", country="SY"), evidence=[aleppo])
    assert view.to_row(e, art())["location"] == "damascus"
