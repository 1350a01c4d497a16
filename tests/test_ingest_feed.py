"""The feed reader on the 5 sample feeds (counts from MANIFEST, fields from rss-parser's
expected outputs) and over a real local HTTP server."""
from __future__ import annotations

import json
import re
import threading
from datetime import datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warledger.errors import InputError, WarledgerError
from warledger.ingest import feed
from warledger.ingest.base import Document, ReadOptions
from warledger.ingest.sources import expand, fetch
from warledger.records import Article, Rejection

FEEDS = "data/samples/feeds"
COUNTS = {"feedreader_Rss20Reuters.xml": 10, "feedreader_Rss20MoscowTimes.xml": 50,
          "rssparser_guardian.rss": 55, "rssparser_heise.atom": 15, "rssparser_uolNoticias.rss": 15}


def read_file(path: Path) -> list:
    return list(feed.read(Document.from_bytes(str(path), path.read_bytes()), ReadOptions()))


def test_entry_counts_and_sniff(shared):
    for name, count in COUNTS.items():
        path = shared / FEEDS / name
        assert feed.sniff(Document.from_bytes(name, path.read_bytes())) >= 0.9, name
        got = read_file(path)
        assert len(got) == count, name
        assert all(isinstance(a, Article) and a.title and a.body and a.url for a in got), name
        assert all(a.reader == "feed" and a.raw.locator.startswith("entry ") for a in got)


@pytest.mark.parametrize("name", ["rssparser_guardian.rss", "rssparser_heise.atom",
                                  "rssparser_uolNoticias.rss"])
def test_titles_links_dates_match_rss_parser(shared, name):
    src = shared / FEEDS / name
    name = name.rsplit(".", 1)[0]
    items = json.loads((shared / FEEDS / f"{name}.json").read_text("utf-8"))["feed"]["items"]
    got = read_file(src)
    assert len(got) == len(items)
    for art, item in zip(got, items):
        assert art.url == item["link"]
        want = " ".join(item["title"].split())
        # rss-parser turned UOL's Latin-1 accents into U+FFFD: each one stands for one letter
        pattern = ".".join(re.escape(part) for part in want.split("\ufffd"))
        assert re.fullmatch(pattern, art.title), (art.title, want)
        assert "\ufffd" not in art.title and "Ã" not in art.title
        iso = item.get("isoDate")
        if iso:
            want = datetime.fromisoformat(iso.replace("Z", "+00:00"))
            assert datetime.fromisoformat(art.published) == want, (art.published, iso)
            assert art.published_precision == "datetime"


def test_uol_latin1_accents_and_portuguese_dates(shared):
    got = read_file(shared / FEEDS / "rssparser_uolNoticias.rss")
    assert len(got) == 15 and got[0].source == "uol"
    assert got[0].title == "Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno"
    assert "intenção de voto" in got[0].body
    # "Seg, 24 Set 2018 19:42:40 -0300": the zone is kept
    assert got[0].published == "2018-09-24T19:42:40-03:00"
    assert all(a.published for a in got)
    assert any("not well-formed" in w for w in got[0].warnings)
    titled_only = [a for a in got if any("body is its title" in w for w in a.warnings)]
    assert titled_only and all(a.body == a.title for a in titled_only)


def test_moscow_times_bom_and_reuters_fields(shared):
    mt = read_file(shared / FEEDS / "feedreader_Rss20MoscowTimes.xml")
    assert mt[0].title == "Russian State TV Praises Trump for Avoiding ‘Democracy’ in Inauguration Speech"
    assert mt[0].source == "themoscowtimes" and mt[0].language == "en"
    reuters = read_file(shared / FEEDS / "feedreader_Rss20Reuters.xml")
    assert reuters[0].source == "reuters"
    assert reuters[0].published == "2017-01-07T08:52:27-05:00"
    assert "<" not in reuters[0].body and "Abadi" in reuters[0].body
    heise = read_file(shared / FEEDS / "rssparser_heise.atom")
    assert heise[0].language == "de" and heise[0].published == "2016-02-01T17:22:00+01:00"


def test_parse_date():
    assert feed.parse_date("Seg, 24 Set 2018 19:42:40 -0300").isoformat() == "2018-09-24T19:42:40-03:00"
    assert feed.parse_date("mar., 02 mars 2021 10:00:00 +0100").isoformat() == "2021-03-02T10:00:00+01:00"
    assert feed.parse_date("Wed, 31 Jan 2018 07:26:05 GMT").isoformat() == "2018-01-31T07:26:05+00:00"
    assert feed.parse_date("2016-02-01T16:22:00Z").isoformat() == "2016-02-01T16:22:00+00:00"
    assert feed.parse_date("yesterday") is None and feed.parse_date("") is None


def test_html_to_text_keeps_blocks_and_drops_tags():
    text = feed.html_to_text("<p>One <b>bold</b> line.</p><p>Two<br>three</p><script>x()</script>")
    assert text.split("\n") == ["One bold line.", "Two", "three"]


def test_no_entries_is_rejected():
    res = list(feed.read(Document.from_bytes("f.xml", b"<rss><channel><title>x</title></channel></rss>"),
                         ReadOptions()))
    assert len(res) == 1 and isinstance(res[0], Rejection) and "no feed entries" in res[0].reason


@pytest.fixture
def local_server(shared):
    """A real http.server on 127.0.0.1 serving the sample feeds (and nothing else)."""
    handler = partial(SimpleHTTPRequestHandler, directory=str(shared / FEEDS))
    handler.log_message = lambda *a, **k: None  # type: ignore[assignment]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_feed_over_http(local_server):
    docs = list(expand([f"{local_server}/feedreader_Rss20Reuters.xml"]))
    assert len(docs) == 1 and isinstance(docs[0], Document)
    assert feed.sniff(docs[0]) >= 0.9
    got = list(feed.read(docs[0], ReadOptions()))
    assert len(got) == 10 and got[0].raw.path == f"{local_server}/feedreader_Rss20Reuters.xml"


def test_fetch_errors_and_size_cap(local_server):
    with pytest.raises(InputError, match="HTTP 404"):
        fetch(f"{local_server}/missing.xml")
    with pytest.raises(InputError, match="cap"):
        fetch(f"{local_server}/rssparser_guardian.rss", max_bytes=1000)
    with pytest.raises(InputError, match="could not fetch"):
        fetch("http://127.0.0.1:1/none.xml", timeout=2)
    assert fetch(f"{local_server}/rssparser_heise.atom").startswith(b"<?xml")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=1500),
                 st.text(max_size=400).map(lambda t: f"<rss><channel><item><title>{t}</title>"
                                                     f"<description>{t}</description><pubDate>{t}"
                                                     "</pubDate></item></channel></rss>".encode())))
def test_arbitrary_bytes_never_crash(data):
    try:
        for res in feed.read(Document.from_bytes("f.xml", data), ReadOptions()):
            assert isinstance(res, (Article, Rejection))
    except WarledgerError:
        pass
