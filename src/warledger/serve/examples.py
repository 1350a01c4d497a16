"""Example payloads for the OpenAPI schema (one per route), small but realistic."""
from __future__ import annotations

_COUNT = {"low": 12, "best": 12, "high": 15, "qualifier": "at least", "unquantified": False}
_PLACE = {"name": "Khan Sheikhoun", "gazetteer_name": "Khan Shaykhun", "gazetteer_id": "wof:421178297",
          "admin2": "Ma'arrat an-Nu'man", "admin1": "Idlib", "country": "SY", "lat": 35.44, "lon": 36.65,
          "precision": "place"}
_EVENT = {"id": "e_3f1c2a9b0d4e5f61", "article_id": "a_9b2c4d6e8f0a1b2c", "primary": True,
          "date": "2017-04-04", "date_precision": "day", "date_basis": "explicit", "place": _PLACE,
          "actor1": "Syrian government", "actor2": "Civilians", "event_type": "Explosions/Remote violence",
          "sub_event_type": "Chemical weapon", "violence_type": 3, "cause": "chemical",
          "killed": _COUNT, "injured": {"low": None, "best": None, "high": None, "qualifier": None,
                                        "unquantified": False},
          "victims": {"children": {"low": 11, "best": 11, "high": 11, "qualifier": None, "unquantified": False}},
          "victim_sides": {}, "claimed_by": ["SOHR"], "confidence": 0.82,
          "sentence": {"article_id": "a_9b2c4d6e8f0a1b2c", "start": 0, "end": 74,
                       "text": "At least 12 people were killed in a gas attack on Khan Sheikhoun on Tuesday"},
          "evidence": [{"kind": "casualty", "span": {"article_id": "a_9b2c4d6e8f0a1b2c", "start": 0, "end": 11,
                                                    "text": "At least 12"},
                        "value": {"low": 12, "best": 12}, "label": "killed"}],
          "notes": None}
_CLAIM = {"event_id": "e_3f1c2a9b0d4e5f61", "article_id": "a_9b2c4d6e8f0a1b2c", "source": "reuters",
          "published": "2017-04-05", "date": "2017-04-04", "killed": _COUNT, "injured": _EVENT["injured"],
          "victims": _EVENT["victims"], "actor1": "Syrian government", "actor2": "Civilians",
          "claimed_by": ["SOHR"], "evidence": _EVENT["sentence"], "duplicate_of": None}
_LEDGER = {"id": "l_5d6e7f8091a2b3c4", "date": "2017-04-04", "place": _PLACE,
           "event_type": "Explosions/Remote violence", "sub_event_type": "Chemical weapon",
           "actor1": "Syrian government", "actor2": "Civilians", "killed": _COUNT,
           "injured": _EVENT["injured"], "claims": [_CLAIM], "n_sources": 2,
           "contradictions": ["killed: reuters 12 vs sana 0"], "credibility": 0.71}
_VERDICT = {"subject": "e_3f1c2a9b0d4e5f61:a_9b2c4d6e8f0a1b2c", "subject_kind": "claim", "score": 0.71,
            "label": 1, "reasons": [{"feature": "corroborated", "text": "2 independent outlets agree",
                                     "weight": 0.4}],
            "reference_status": "supported", "reference_matches": ["ged:123456"]}

EVENTS_PAGE = {"items": [_EVENT], "count": 1, "next_cursor": "eyJvIjogMSwgImYiOiAiYWJjIn0"}
EVENT_DETAIL = {"event": _EVENT, "article": {"id": "a_9b2c4d6e8f0a1b2c", "title": "Gas attack kills 12",
                                              "source": "reuters", "url": None, "published": "2017-04-05",
                                              "language": "en", "reader": "csv", "chars": 2310},
                "ledger_ids": ["l_5d6e7f8091a2b3c4"], "article_verdict": None}
LEDGER_PAGE = {"items": [_LEDGER], "count": 1, "next_cursor": None}
LEDGER_DETAIL = {"event": _LEDGER, "claim_verdicts": {_VERDICT["subject"]: _VERDICT},
                 "article_verdicts": {}, "articles": {"a_9b2c4d6e8f0a1b2c": EVENT_DETAIL["article"]},
                 "reference_records": [{"id": "ged:123456", "dataset": "ucdp-ged", "date_start": "2017-04-04",
                                        "best": 87}]}
ARTICLES_PAGE = {"items": [EVENT_DETAIL["article"]], "count": 1, "next_cursor": None}
ARTICLE_DETAIL = {"article": {"id": "a_9b2c4d6e8f0a1b2c", "title": "Gas attack kills 12",
                              "body": "At least 12 people were killed ...", "source": "reuters"},
                  "spans": [{"kind": "casualty", "start": 0, "end": 11, "text": "At least 12",
                             "value": {"low": 12, "best": 12}, "label": "killed",
                             "event_id": "e_3f1c2a9b0d4e5f61"}],
                  "events": ["e_3f1c2a9b0d4e5f61"], "verdict": None}
OUTLETS = {"items": [{"outlet": "reuters", "articles": 51, "events": 40, "claims": 38}]}
STATS = {"interval": "week", "events": 2, "killed": 19, "undated": 0,
         "by_period": [{"period": "2017-04-03", "events": 2, "killed": 19}],
         "by_type": {"Explosions/Remote violence": 2}, "by_admin1": {"Idlib": 2}}
CSV_EXAMPLE = ("event_id,event_date,year,event_type,...,fatalities,fatalities_low,...\n"
               "l_5d6e7f8091a2b3c4,2017-04-04,2017,Explosions/Remote violence,...,12,12,...\n")
GEOJSON_EXAMPLE = {"type": "FeatureCollection", "features": [{
    "type": "Feature", "id": "l_5d6e7f8091a2b3c4", "geometry": {"type": "Point", "coordinates": [36.65, 35.44]},
    "properties": {"event_date": "2017-04-04", "fatalities": 12, "admin1": "Idlib"}}]}
POST_ARTICLES = {"articles": [{"title": "Shelling kills 3 in Douma",
                               "body": "At least three civilians were killed on Monday when shells hit Douma.",
                               "source": "example-wire", "published": "2018-02-19", "url": None,
                               "language": "en"}]}
POST_RESULT = {"ids": ["a_0c1d2e3f40516273"], "new": 1, "duplicate": 0,
               "stages": {"extract": "extracted 1 event(s) (1 fatal) from 1 article(s)",
                          "corroborate": 412, "verify": 980}}
ERROR = {"ok": False, "status": 404, "error": "not_found",
         "message": "no ledger event with id 'l_x'; list ids with `warledger ledger`"}
