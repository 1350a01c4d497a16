"""The events.py speed-ups keep their answers: date lending between sentences,
cached claimants, the sentence-only hedge check and the early exit for empty sentences."""
from __future__ import annotations

from warledger.extract.actors import find_claimants, reporting_verb_near
from warledger.extract.events import Unit, _claims, _hedged, extract_article
from warledger.extract.text import sentences
from warledger.records import Article


def _no_places(text, title=None):
    return []


def _events(body: str, published: str = "2016-03-10"):
    return extract_article(Article(id="a1", title="", body=body, published=published), find_places=_no_places)


def test_another_events_sentence_lends_no_date():
    evs = _events("Five people were killed in the town. Three soldiers were killed in a shelling on Monday. "
                  "Nothing else.")
    by_best = {e.killed.best: e for e in evs}
    assert set(by_best) == {5, 3}
    assert by_best[5].date == "2016-03-10" and by_best[5].date_basis == "publication"
    assert by_best[3].date == "2016-03-07" and by_best[3].date_basis == "weekday"


def test_a_neighbouring_trigger_sentence_lends_its_date():
    evs = _events("Five people were killed in the town. The shelling took place on Monday. Nothing else.")
    five = next(e for e in evs if e.killed.best == 5)
    assert five.date == "2016-03-07"
    assert any(m.label == "event_date_nearby" for m in five.evidence)


def test_sentences_without_figure_or_trigger_make_no_event():
    assert _events("Nothing here at all. The weather was fine today.") == []


def test_hedge_is_judged_on_the_sentence_alone():
    # a word character right before the sentence must not hide the hedge word's boundary
    text = "Xmay strike the town."
    assert _hedged(Unit("body", text, 1, len(text), 0))
    text = "They may strike. Ten people were killed."
    assert not _hedged(Unit("body", text, 17, len(text), 1))
    assert _hedged(Unit("body", text, 0, 16, 0))


def test_claims_are_the_direct_answer_and_found_once(shared):
    from warledger.ingest import read

    arts = [a for a in read([str(shared / "data" / "fakes" / "articles.csv")]) if hasattr(a, "body")][:150]
    seen = 0
    for a in arts:
        body = a.body or ""
        low = body.lower() if body.isascii() else None
        for i, (s, e) in enumerate(sentences(body)):
            u = Unit("body", body, s, e, i, low=low)
            direct = [(h.start, h.end, h.name) for h in find_claimants(body[s:e], s)
                      if reporting_verb_near(body, h.start, h.end)]
            got = _claims(u)
            assert [(h.start, h.end, h.name) for h in got] == direct
            assert _claims(u) is got  # cached on the unit
            seen += bool(direct)
    assert seen > 0  # the sample does hold claimed attacks
