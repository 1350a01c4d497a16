"""Hand-built records for the serve tests (no extraction or corroboration code involved).

Three honest articles and one hostile one whose title, body, outlet and actor carry HTML
and script, so every page can be checked for escaping.
"""
from __future__ import annotations

from warledger.records import (
    Article, Claim, Count, Event, LedgerEvent, Mention, Place, RawInput, Reason, Span, Verdict,
)
from warledger.store import Store

XSS = "<script>alert(1)</script>"
XSS_BODY = 'Report <img src=x onerror=alert(2)> says 4 people were killed in Douma. =cmd|calc'


def _mention(art: Article, kind: str, text: str, value: dict, label: str | None = None, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = art.body.index(text, start + 1)
    return Mention(kind=kind, span=Span(art.id, start, start + len(text), text), value=value, label=label)


def _article(title: str, body: str, source: str, published: str) -> Article:
    return Article(id=Article.make_id(title, body, source), title=title, body=body, source=source,
                   published=published, published_precision="date", language="en",
                   paragraphs=[[0, len(body)]], reader="test",
                   raw=RawInput(path=f"{source}.txt", text=f"RAW {title}\n{body}"))


def build(store: Store) -> dict:
    a1 = _article("Gas attack kills 12 in Khan Sheikhoun",
                  "At least 12 people were killed in a gas attack on Khan Sheikhoun in Idlib on Tuesday, "
                  "activists said. Dozens were injured.", "reuters", "2017-04-05")
    a2 = _article("Army denies chemical strike",
                  "State media said 3 people died in Khan Sheikhoun after terrorists blew up a depot "
                  "on Tuesday.", "sana", "2017-04-05")
    a3 = _article("Shelling on Aleppo",
                  "Five civilians were killed by mortar fire on Aleppo on Wednesday.", "alalam", "2013-06-12")
    a4 = _article(XSS, XSS_BODY, "<i>evil</i>", "2018-02-20")
    store.add_articles([(a, "test") for a in (a1, a2, a3, a4)])

    idlib = Place(name="Khan Sheikhoun", admin1="Idlib", country="SY", lat=35.44, lon=36.65, precision="place")
    e1 = Event(id="e_one", article_id=a1.id, primary=True, date="2017-04-04", place=idlib,
               actor1="Syrian government", event_type="Explosions/Remote violence", sub_event_type="Chemical weapon",
               killed=Count(12, 12, 12, "at least"), injured=Count(12, 12, None, "vague"),
               victims={"civilians": Count(12, 12, 12)}, claimed_by=["activists"], confidence=0.8,
               sentence=Span(a1.id, 0, a1.body.index(".") + 1, a1.body[:a1.body.index(".") + 1]),
               evidence=[_mention(a1, "casualty", "At least 12 people were killed", {"low": 12, "best": 12}, "killed"),
                         _mention(a1, "number", "12", {"value": 12}),
                         _mention(a1, "weapon", "gas attack", {"weapon": "chemical"}),
                         _mention(a1, "place", "Khan Sheikhoun", {"gazetteer": "Khan Shaykhun", "lat": 35.44}),
                         _mention(a1, "place", "Idlib", {"admin1": "Idlib"}),
                         _mention(a1, "date", "Tuesday", {"date": "2017-04-04"}),
                         _mention(a1, "claimant", "activists", {"claimant": "activists"})])
    e2 = Event(id="e_two", article_id=a2.id, primary=True, date="2017-04-04", place=idlib,
               actor1="Armed opposition", event_type="Explosions/Remote violence", killed=Count(3, 3, 3),
               confidence=0.6, sentence=Span(a2.id, 0, len(a2.body), a2.body),
               evidence=[_mention(a2, "casualty", "3 people died", {"best": 3}, "killed"),
                         _mention(a2, "framing", "terrorists", {"term": "terrorists"}),
                         _mention(a2, "actor", "terrorists", {"actor": "Armed opposition"}, "perpetrator")])
    e3 = Event(id="e_three", article_id=a3.id, primary=True, date="2013-06-12",
               place=Place(name="Aleppo", admin1="Aleppo", country="SY", lat=36.2, lon=37.16, precision="place"),
               event_type="Explosions/Remote violence", actor1="Syrian government",
               killed=Count(5, 5, 5), victims={"civilians": Count(5, 5, 5)}, confidence=0.7,
               evidence=[_mention(a3, "casualty", "Five civilians were killed", {"best": 5}, "killed")])
    e4 = Event(id="e_four", article_id=a4.id, primary=True, date="2018-02-20",
               place=Place(name="<b>Douma</b>", admin1="Rif Dimashq", country="SY", lat=33.57, lon=36.4),
               actor1=XSS, event_type="Violence against civilians", killed=Count(4, 4, 4),
               sentence=Span(a4.id, 0, len(a4.body), a4.body),
               evidence=[_mention(a4, "casualty", "4 people were killed", {"best": 4, "note": XSS}, "killed"),
                         _mention(a4, "place", "Douma", {"name": "<b>Douma</b>"})])
    store.replace_events({a1.id: [e1], a2.id: [e2], a3.id: [e3], a4.id: [e4]})

    def claim(e: Event, a: Article) -> Claim:
        return Claim(event_id=e.id, article_id=a.id, source=a.source, published=a.published, date=e.date,
                     killed=e.killed, injured=e.injured, victims=e.victims, actor1=e.actor1,
                     actor2=e.actor2, claimed_by=e.claimed_by, evidence=e.sentence)

    l1 = LedgerEvent(id="l_khan", date="2017-04-04", place=idlib, event_type=e1.event_type,
                     sub_event_type=e1.sub_event_type, actor1="Syrian government",
                     killed=Count(3, 12, 12), claims=[claim(e1, a1), claim(e2, a2)], n_sources=2,
                     contradictions=["killed: reuters 12 vs sana 3", "culprit: Syrian government vs Armed opposition"],
                     credibility=0.72)
    l2 = LedgerEvent(id="l_aleppo", date="2013-06-12", place=e3.place, event_type=e3.event_type,
                     actor1=e3.actor1, killed=Count(5, 5, 5), claims=[claim(e3, a3)], n_sources=1,
                     credibility=0.35)
    l3 = LedgerEvent(id="l_evil", date="2018-02-20", place=e4.place, event_type=e4.event_type,
                     actor1=XSS, killed=Count(4, 4, 4), claims=[claim(e4, a4)], n_sources=1,
                     contradictions=[XSS], credibility=None)
    store.replace_ledger([l1, l2, l3])
    store.replace_verdicts([
        Verdict(subject=f"e_one:{a1.id}", subject_kind="claim", score=0.81, label=1,
                reasons=[Reason("corroborated", "a second outlet reports the same event", 0.4),
                         Reason("reference", "UCDP GED has 87 deaths in Khan Shaykhun that day", 0.3)],
                reference_status="supported", reference_matches=["ged:1"]),
        Verdict(subject=f"e_two:{a2.id}", subject_kind="claim", score=0.31, label=0,
                reasons=[Reason("framing", "loaded term 'terrorists'", -0.2)], reference_status="contradicted"),
        Verdict(subject=f"e_four:{a4.id}", subject_kind="claim", score=0.5,
                reasons=[Reason("x", XSS, 0.0)]),
    ])
    store.add_reference_records("ucdp-ged", [
        {"id": "ged:1", "date_start": "2017-04-04", "admin1": "Idlib", "lat": 35.44, "lon": 36.65,
         "best": 87, "low": 74, "high": 100},
        {"id": "ged:2", "date_start": "2016-01-01", "admin1": "Homs", "best": 1, "low": 1, "high": 1}])
    return {"articles": [a1, a2, a3, a4], "events": [e1, e2, e3, e4], "ledger": [l1, l2, l3]}
