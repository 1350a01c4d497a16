"""The REST API through an in-process client: filters, pagination, details, errors, OpenAPI."""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from api_fixtures import XSS, build
from warledger.serve import create_app
from warledger.serve import api as api_mod
from warledger.store import Store

TOKEN = "s3cret-token"


@pytest.fixture
def served(tmp_path):
    # a file store: the app answers from worker threads, and an in-memory SQLite
    # database exists only on the connection (thread) that created it
    store = Store(str(tmp_path / "api.sqlite"))
    data = build(store)
    yield store, data
    store.close()


@pytest.fixture
def client(served):
    return TestClient(create_app(served[0], write_token=TOKEN), raise_server_exceptions=False)


def ids(resp) -> list[str]:
    assert resp.status_code == 200, resp.text
    return [x["id"] for x in resp.json()["items"]]


# ---------------------------------------------------------------------- filters


@pytest.mark.parametrize("query, expected", [
    ("", ["l_aleppo", "l_khan", "l_evil"]),
    ("date_from=2017-01-01&date_to=2017-12-31", ["l_khan"]),
    ("date_from=2017-04&date_to=2017-04", ["l_khan"]),
    ("date_to=2013", ["l_aleppo"]),
    ("bbox=36.0,35.0,37.0,36.0", ["l_khan"]),
    ("admin1=idlib", ["l_khan"]),
    ("governorate=Aleppo", ["l_aleppo"]),
    ("country=SY", ["l_aleppo", "l_khan", "l_evil"]),
    ("country=IQ", []),
    ("event_type=Violence against civilians", ["l_evil"]),
    ("actor=government", ["l_aleppo", "l_khan"]),
    ("min_killed=5", ["l_aleppo", "l_khan"]),
    ("outlet=sana", ["l_khan"]),
    ("credibility_min=0.5", ["l_khan"]),
    ("credibility_max=0.5", ["l_aleppo"]),
    ("q=Sheikhoun", ["l_khan"]),
    ("sort=-killed", ["l_khan", "l_aleppo", "l_evil"]),
])
def test_ledger_filters(client, query, expected):
    assert ids(client.get(f"/api/ledger?{query}")) == expected


@pytest.mark.parametrize("query, expected", [
    ("", ["e_three", "e_one", "e_two", "e_four"]),
    ("outlet=reuters", ["e_one"]),
    ("q=mortar", ["e_three"]),
    ("min_killed=4&sort=-killed", ["e_one", "e_three", "e_four"]),
    ("bbox=36.0,33.0,37.0,34.0", ["e_four"]),
])
def test_event_filters(client, query, expected):
    assert ids(client.get(f"/api/events?{query}")) == expected


FILTERS = [
    {}, {"date_from": "2017-01-01", "date_to": "2017-12-31"}, {"bbox": (36.0, 33.0, 37.0, 36.0)},
    {"admin1": "idlib"}, {"country": "SY"}, {"event_type": "Violence against civilians"}, {"actor": "government"},
    {"min_killed": 5}, {"source": "sana"}, {"source": "reuters", "text": "Khan"}, {"credibility_min": 0.5},
    {"credibility_max": 0.5}, {"text": "Sheikhoun"}, {"text": "mortar"}, {"article_id": "a_56664a9ae6a78911"},
    {"primary_only": True},
]


@pytest.mark.parametrize("which", ["events", "ledger"])
@pytest.mark.parametrize("order", ["date", "-killed", "id"])
def test_raw_list_path_selects_what_the_store_selects(served, which, order):
    from warledger.store import EventFilter

    store = served[0]
    for f in FILTERS:
        flt = EventFilter(**f)
        want = [x.to_dict() for x in getattr(store, which)(flt, order=order)]
        got = [json.loads(d) for d in api_mod.raw_records(store, which, flt, limit=100, offset=0, order=order)]
        assert got == want, (which, f)


def test_response_cache_serves_repeats_and_clears_on_post(served, monkeypatch):
    from warledger import pipeline
    from warledger.records import Event

    monkeypatch.setattr(pipeline, "extract", lambda *a, **k: pipeline.ExtractReport())
    for name in ("corroborate", "verify"):
        monkeypatch.setattr(pipeline, name, lambda *a, **k: 0)
    store = served[0]
    c = TestClient(create_app(store, write_token=TOKEN, cache_ttl=60))
    assert c.get("/api/events?outlet=wire").json()["count"] == 0
    (new_id,) = c.post("/api/articles", json=POST, headers={"Authorization": f"Bearer {TOKEN}"}).json()["ids"]
    store.replace_events({new_id: [Event(id="e_wire", article_id=new_id)]})
    # the POST cleared the cache, so the new event shows at once
    assert [x["id"] for x in c.get("/api/events?outlet=wire").json()["items"]] == ["e_wire"]
    store.replace_events({new_id: []})
    # a write behind the app's back shows only when the entry expires (ttl)
    assert [x["id"] for x in c.get("/api/events?outlet=wire").json()["items"]] == ["e_wire"]
    assert [x["id"] for x in c.get("/api/events?outlet=wire&limit=5").json()["items"]] == []


def test_cursor_pagination_walks_every_item_once(client):
    seen, cursor, pages = [], None, 0
    while True:
        r = client.get("/api/ledger", params={"limit": 1, "sort": "-date", **({"cursor": cursor} if cursor else {})})
        body = r.json()
        seen += [x["id"] for x in body["items"]]
        cursor = body["next_cursor"]
        pages += 1
        if not cursor:
            break
    assert seen == ["l_evil", "l_khan", "l_aleppo"] and pages == 3


def test_cursor_from_other_filters_is_refused(client):
    cursor = client.get("/api/ledger?limit=1").json()["next_cursor"]
    r = client.get(f"/api/ledger?limit=1&min_killed=1&cursor={cursor}")
    assert r.status_code == 400 and "cursor" in r.json()["message"]


# ---------------------------------------------------------------------- details


def test_ledger_event_has_claims_verdicts_and_reference_matches(client, served):
    d = client.get("/api/ledger/l_khan").json()
    assert [c["source"] for c in d["event"]["claims"]] == ["reuters", "sana"]
    a1, a2 = served[1]["articles"][:2]
    assert d["claim_verdicts"][f"e_one:{a1.id}"]["score"] == 0.81
    assert d["claim_verdicts"][f"e_two:{a2.id}"]["reference_status"] == "contradicted"
    assert [r["id"] for r in d["reference_records"]] == ["ged:1"]  # only the matched one
    assert d["articles"][a1.id]["title"] == "Gas attack kills 12 in Khan Sheikhoun"


def test_event_detail_links_article_and_ledger(client):
    d = client.get("/api/events/e_two").json()
    assert d["event"]["killed"]["best"] == 3
    assert d["article"]["source"] == "sana" and d["ledger_ids"] == ["l_khan"]


def test_article_detail_spans_match_the_body(client, served):
    art = served[1]["articles"][0]
    d = client.get(f"/api/articles/{art.id}").json()
    kinds = {s["kind"] for s in d["spans"]}
    assert {"casualty", "number", "place", "date", "weapon", "claimant"} <= kinds
    for s in d["spans"]:
        assert art.body[s["start"]:s["end"]] == s["text"]
    assert d["events"] == ["e_one"]


def test_article_spans_drop_offsets_outside_the_body(served):
    from warledger.records import Mention, Span

    store, data = served
    art, ev = data["articles"][2], data["events"][2]
    ev.evidence.append(Mention("place", Span(art.id, 5, 10_000, "x")))
    ev.evidence.append(Mention("place", Span("a_other", 0, 4, "Five")))
    ev.evidence.append(Mention("place", Span(art.id, 5, 9, "Aleppo")))  # offsets into the title
    spans = {(s["start"], s["end"]) for s in api_mod.article_spans(art, [ev])}
    assert (0, len("Five civilians were killed")) in spans
    assert not spans & {(5, 10_000), (0, 4), (5, 9)}
    # places the text names are shown even when no event used them
    assert any(art.body[a:b] == "Aleppo" for a, b in spans)


def test_raw_input_is_plain_text(client, served):
    art = served[1]["articles"][3]
    r = client.get(f"/api/articles/{art.id}/raw")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.text == f"RAW {art.title}\n{art.body}"


def test_articles_list_and_outlets(client):
    r = client.get("/api/articles?outlet=REUTERS")
    assert [a["source"] for a in r.json()["items"]] == ["reuters"]
    outlets = {o["outlet"]: o for o in client.get("/api/outlets").json()["items"]}
    assert outlets["sana"] == {"outlet": "sana", "articles": 1, "events": 1, "claims": 1}
    assert set(outlets) == {"reuters", "sana", "alalam", "<i>evil</i>"}


def test_stats_by_week_day_type_and_governorate(client):
    s = client.get("/api/stats?interval=week").json()
    assert s["events"] == 3 and s["killed"] == 12 + 5 + 4
    # 2017-04-04 is a Tuesday: its week starts on Monday 2017-04-03
    assert {"period": "2017-04-03", "events": 1, "killed": 12} in s["by_period"]
    assert s["by_admin1"] == {"Aleppo": 1, "Idlib": 1, "Rif Dimashq": 1}
    d = client.get("/api/stats?interval=day&view=events&admin1=Idlib").json()
    assert d["by_period"] == [{"period": "2017-04-04", "events": 2, "killed": 15}]
    assert d["by_type"] == {"Explosions/Remote violence": 2}


# ---------------------------------------------------------------------- POST /api/articles


POST = {"articles": [{"title": "Shelling kills 3 in Douma", "body": "At least three civilians were "
                      "killed on Monday when shells hit Douma.", "source": "Wire", "published": "2018-02-19"}]}


def test_post_needs_a_configured_token(served):
    ro = TestClient(create_app(served[0]), raise_server_exceptions=False)
    r = ro.post("/api/articles", json=POST, headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403 and "read-only" in r.json()["message"]


def test_post_token_checks(client, monkeypatch):
    calls = []
    real = api_mod.hmac.compare_digest
    monkeypatch.setattr(api_mod.hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    assert client.post("/api/articles", json=POST).status_code == 401
    assert client.post("/api/articles", json=POST, headers={"Authorization": "Bearer nope"}).status_code == 403
    assert calls == [(b"nope", TOKEN.encode())]  # the comparison is the constant-time one


def test_post_size_limits(client, monkeypatch):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    monkeypatch.setattr(api_mod, "MAX_POST_BYTES", 1000)
    big = {"articles": [{"title": "t", "body": "x" * 2000}]}
    assert client.post("/api/articles", json=big, headers=auth).status_code == 413
    monkeypatch.setattr(api_mod, "MAX_POST_BYTES", 10_000_000)
    monkeypatch.setattr(api_mod, "MAX_POST_ARTICLES", 2)
    many = {"articles": [{"title": f"t{i}", "body": "b"} for i in range(3)]}
    assert client.post("/api/articles", json=many, headers=auth).status_code == 413
    bad = client.post("/api/articles", content=b"{not json", headers={**auth, "content-type": "application/json"})
    assert bad.status_code == 400
    assert client.post("/api/articles", json={"articles": [{"title": "t"}]}, headers=auth).status_code == 422


def test_post_stores_articles_and_runs_the_stages(client, served, monkeypatch):
    from warledger import pipeline

    calls = []
    monkeypatch.setattr(pipeline, "extract", lambda store, article_ids=None: calls.append(("extract", article_ids))
                        or pipeline.ExtractReport())
    monkeypatch.setattr(pipeline, "corroborate", lambda store: calls.append(("corroborate",)) or 7)
    monkeypatch.setattr(pipeline, "verify", lambda store: calls.append(("verify",)) or 9)
    r = client.post("/api/articles", json=POST, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    body = r.json()
    (new_id,) = body["ids"]
    rep = body["report"]
    assert rep["ingest"]["new"] == 1 and (rep["ledger_events"], rep["verdicts"]) == (7, 9)
    assert calls == [("extract", [new_id]), ("corroborate",), ("verify",)]
    art = served[0].get_article(new_id)
    # pushed reports go through the JSON Lines reader, like files
    assert art.source == "wire" and art.title == "Shelling kills 3 in Douma" and art.reader == "jsonl"
    again = client.post("/api/articles", json=POST, headers={"X-Warledger-Token": TOKEN}).json()
    assert again["report"]["ingest"]["new"] == 0 and again["report"]["ingest"]["duplicate"] == 1
    assert again["ids"] == [new_id]
    assert calls.count(("corroborate",)) == 1  # nothing new: the stages are not re-run


# ---------------------------------------------------------------------- one error shape


def _crash(*a, **k):
    raise RuntimeError("boom")


ERROR_CASES = [
    ("get", "/api/nowhere", {}, 404),
    ("get", "/api/ledger/l_missing", {}, 404),
    ("get", "/api/events/e_missing", {}, 404),
    ("get", "/api/articles/a_missing", {}, 404),
    ("get", "/api/articles/a_missing/raw", {}, 404),
    ("get", "/api/ledger?bbox=1,2", {}, 400),
    ("get", "/api/ledger?bbox=200,0,10,10", {}, 400),
    ("get", "/api/events?date_from=yesterday", {}, 400),
    ("get", "/api/events?date_from=2017-02-30", {}, 400),
    ("get", "/api/events?date_from=2018-01-01&date_to=2017-01-01", {}, 400),
    ("get", "/api/events?sort=colour", {}, 400),
    ("get", "/api/events?cursor=!!!", {}, 400),
    ("get", "/api/events?limit=0", {}, 422),
    ("get", "/api/events?limit=100000", {}, 422),
    ("get", "/api/ledger?credibility_min=2", {}, 422),
    ("get", "/api/ledger?min_killed=many", {}, 422),
    ("get", "/api/stats?interval=year", {}, 422),
    ("get", "/api/export?format=xlsx", {}, 422),
    ("delete", "/api/ledger", {}, 405),
    ("post", "/api/articles", {"json": POST}, 401),
    ("post", "/api/articles", {"json": POST, "headers": {"Authorization": "Bearer x"}}, 403),
    ("post", "/api/articles", {"json": [], "headers": {"Authorization": f"Bearer {TOKEN}"}}, 422),
]


@pytest.mark.parametrize("method, path, kw, status", ERROR_CASES)
def test_every_error_has_one_json_shape(client, method, path, kw, status):
    r = getattr(client, method)(path, **kw)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) - {"detail"} == {"ok", "status", "error", "message"}
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"] and isinstance(body["message"], str) and body["message"]


def test_an_unexpected_exception_is_a_json_500(client, served, monkeypatch):
    monkeypatch.setattr(api_mod, "raw_records", _crash)
    r = client.get("/api/ledger")
    assert r.status_code == 500 and r.json()["error"] == "internal_error" and "boom" not in r.json()["message"]


# ---------------------------------------------------------------------- OpenAPI


def test_every_api_route_is_in_the_schema_with_examples(served):
    from fastapi.routing import APIRoute

    app = create_app(served[0])
    schema = TestClient(app).get("/openapi.json").json()
    routes = [r for r in api_mod.router.routes if isinstance(r, APIRoute)]
    assert len(routes) >= 11
    for route in routes:
        for method in route.methods:
            op = schema["paths"][route.path][method.lower()]
            ok = op["responses"].get("200") or op["responses"].get("201")
            assert any("example" in c for c in ok["content"].values()), (route.path, "no response example")
            for p in op.get("parameters", []):
                if p["in"] == "query":
                    assert p["schema"].get("examples") or p.get("example"), (route.path, p["name"])
            assert "400" in op["responses"] and "example" in op["responses"]["400"]["content"]["application/json"]
    post = schema["paths"]["/api/articles"]["post"]
    assert "example" in post["requestBody"]["content"]["application/json"]


def test_no_cdn_docs_and_security_headers(client):
    assert client.get("/docs").status_code == 404  # Swagger UI would load from a CDN
    r = client.get("/api/ledger")
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_serve_get_answers_a_path_in_process(served):
    from typer.testing import CliRunner

    from warledger.cli import app

    res = CliRunner().invoke(app, ["serve", "--db", served[0].url.removeprefix("sqlite:///"), "--get", "/api/stats"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["events"] == 3


def test_xss_title_round_trips_as_data(client, served):
    art = served[1]["articles"][3]
    assert client.get(f"/api/articles/{art.id}").json()["article"]["title"] == XSS
