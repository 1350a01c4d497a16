"""The HTML pages through the in-process client: content, JSON twins, escaping, highlighting."""
from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from api_fixtures import XSS, build
from warledger.serve import create_app
from warledger.serve.pages import credibility_colour, fmt_count, highlight, map_svg, timeline
from warledger.records import Count
from warledger.store import Store


@pytest.fixture
def served(tmp_path):
    store = Store(str(tmp_path / "pages.sqlite"))
    data = build(store)
    yield store, data
    store.close()


@pytest.fixture
def client(served):
    return TestClient(create_app(served[0]), raise_server_exceptions=False)


def page_paths(data) -> list[str]:
    a = data["articles"]
    return ["/", "/?view=events", "/?colour=credibility", "/events/l_khan", "/events/l_evil", "/events/e_four",
            "/events/e_one", "/articles", f"/articles/{a[3].id}", f"/articles/{a[0].id}", "/events/missing"]


def test_every_page_escapes_untrusted_text(client, served):
    dialogs = 0
    for path in page_paths(served[1]):
        r = client.get(path)
        assert r.headers["content-type"].startswith("text/html"), path
        text = r.text
        assert XSS not in text, path
        assert "<img src=x" not in text and "<b>Douma</b>" not in text and "<i>evil</i>" not in text, path
        dialogs += text.count("&lt;script&gt;alert(1)&lt;/script&gt;")
        # no inline script at all: the only <script> is the static file
        assert re.findall(r"<script[^>]*>", text) == ['<script src="/static/app.js" defer>'], path
        assert "'unsafe-inline'" not in r.headers["content-security-policy"]
    assert dialogs >= 6  # the hostile text is shown (escaped) on the ledger, event and article pages


def test_ledger_page_has_map_timeline_and_table(client):
    r = client.get("/")
    assert r.status_code == 200
    t = r.text
    assert t.count('class="marker"') == 3
    assert t.count("<tr data-id=") == 3
    assert 'id="timeline-svg"' in t and t.count('class="bar"') >= 2
    assert "Syria" in t and "Idlib" in t  # country and governorate borders
    assert 'href="/events/l_khan"' in t
    assert 'href="/api/ledger"' in t  # the JSON twin


def test_ledger_page_filters_on_the_server_but_brushes_dates_in_the_browser(client):
    t = client.get("/?admin1=Idlib&date_from=2017-04-01&date_to=2017-04-30").text
    assert t.count("<tr data-id=") == 1 and 'data-brush-from="2017-04-01"' in t


def test_ledger_page_falls_back_to_events_before_corroboration(tmp_path, served):
    store = served[0]
    store.replace_ledger([])
    t = TestClient(create_app(store)).get("/").text
    assert t.count("<tr data-id=") == 4 and 'href="/events/e_one"' in t


def test_empty_store_tells_the_one_command(tmp_path):
    t = TestClient(create_app(Store(str(tmp_path / "empty.sqlite")))).get("/").text
    assert "The store is empty" in t and "warledger run --examples" in t


def test_event_page_shows_claims_side_by_side(client):
    t = client.get("/events/l_khan").text
    assert t.count('<article class="claim') == 2
    assert "3 / 12 / 12" in t  # low / best / high
    assert "killed: reuters 12 vs sana 3" in t  # contradictions
    assert "a second outlet reports the same event" in t and "Verdict 0.81" in t
    assert "reference: contradicted" in t
    assert "ged:1" in t and "87 (74–100)" in t  # reference match
    assert "At least 12 people were killed in a gas attack" in t  # evidence sentence
    assert 'href="/api/ledger/l_khan"' in t


def test_extracted_event_page(client):
    t = client.get("/events/e_two").text
    assert "Army denies chemical strike" in t and 'href="/events/l_khan"' in t and "3 people died" in t


def test_article_page_highlights_every_kind(client, served):
    art = served[1]["articles"][0]
    t = client.get(f"/articles/{art.id}").text
    for kind in ("casualty", "number", "weapon", "place", "date", "claimant"):
        assert f'<mark class="k-{kind}"' in t, kind
    assert 'data-tip="date: {&#34;date&#34;: &#34;2017-04-04&#34;}"' in t or \
        'data-tip="date: {&quot;date&quot;: &quot;2017-04-04&quot;}"' in t
    assert f'href="/api/articles/{art.id}/raw"' in t and f'href="/api/articles/{art.id}"' in t


def test_article_link_only_for_http_urls(client, served):
    store, data = served
    art = data["articles"][2]
    art.url = "javascript:alert(1)"
    art.id = "a_js_url"
    store.add_articles([(art, "t")])
    t = client.get("/articles/a_js_url").text
    assert "javascript:" not in t


def test_articles_list_page(client):
    t = client.get("/articles?outlet=alalam").text
    assert "Shelling on Aleppo" in t and "Gas attack" not in t


# ---------------------------------------------------------------------- pure helpers


def _strip(markup: str) -> str:
    return html.unescape(re.sub(r"</?mark[^>]*>", "", markup))


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60),
                                                st.sampled_from(["place", "number", "nope"])), max_size=8))
def test_highlight_keeps_the_text_and_balances_tags(text, raw_spans):
    spans = [{"start": min(a, b), "end": max(a, b), "kind": k, "value": {"v": text[:3]}, "label": None}
             for a, b, k in raw_spans if min(a, b) < max(a, b) <= len(text)]
    out = str(highlight(text, spans))
    assert _strip(out) == text
    assert out.count("<mark ") == out.count("</mark>")
    depth = 0
    for tag in re.findall(r"</?mark", out):
        depth += 1 if tag == "<mark" else -1
        assert depth >= 0
    assert "<script" not in out.replace("&lt;script", "")


def test_highlight_nests_and_drops_crossing_spans():
    text = "At least 12 were killed"
    spans = [{"start": 0, "end": 11, "kind": "casualty", "value": {}}, {"start": 9, "end": 11, "kind": "number", "value": {}},
             {"start": 5, "end": 16, "kind": "date", "value": {}}]
    out = str(highlight(text, spans))
    assert out.startswith('<mark class="k-casualty"') and '<mark class="k-number"' in out
    assert "k-date" not in out


def test_formatting_helpers():
    assert fmt_count(Count(3, 12, 15)) == "12 (3–15)"
    assert fmt_count(Count(12, 12, 12)) == "12"
    assert fmt_count(Count(unquantified=True)) == "unquantified"
    assert fmt_count(Count()) == "–"
    assert credibility_colour(0.0) == "#d73027" and credibility_colour(1.0) == "#1a9850"
    assert credibility_colour(None) == "#7f7f7f"


def test_map_and_timeline_geometry():
    rows = [{"id": "x", "lat": 36.2, "lon": 37.16, "killed_best": 100, "date": "2017-01-02"},
            {"id": "y", "lat": 33.5, "lon": 36.3, "killed_best": 0, "date": "2017-03-01"},
            {"id": "z", "lat": None, "lon": None, "killed_best": 1, "date": ""}]
    m = map_svg(rows)
    assert m["located"] == 2 and m["unlocated"] == 1
    assert m["markers"][0]["id"] == "x" and m["markers"][0]["r"] > m["markers"][1]["r"]  # big first
    x, y, w, h = map(float, m["viewbox"].split())
    for mk in m["markers"]:
        assert x <= mk["x"] <= x + w and y <= mk["y"] <= y + h
    t = timeline(rows, "week")
    assert t["interval"] == "week" and sum(b["killed"] for b in t["bars"]) == 100
    assert t["bars"][0]["start"] == "2017-01-02" and t["bars"][-1]["end"] >= "2017-03-01"
    assert timeline(rows, "auto")["interval"] == "day"  # under 120 days
