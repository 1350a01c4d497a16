"""CSV/JSONL readers: mapping, the FA-KES preset and its datelines, bad rows and files."""
from __future__ import annotations

import csv
import io
import json
import re
from importlib import resources

from hypothesis import given, settings, strategies as st

from warledger.ingest import tabular
from warledger.ingest.base import Document, ReadOptions
from warledger.ingest.datelines import search_date, split_dateline
from warledger.records import Article, Rejection


def _csv(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue().encode()


def _read_csv(data: bytes, name: str = "x.csv", **kw) -> list:
    return list(tabular.read_csv(Document.from_bytes(name, data), ReadOptions(**kw)))


def test_all_fakes_articles_ingest_with_dates(shared):
    data = (shared / "data" / "fakes" / "articles.csv").read_bytes()
    doc = Document.from_bytes("articles.csv", data)
    assert tabular.sniff_csv(doc) > 0.9
    results = list(tabular.read_csv(doc, ReadOptions()))
    arts = [r for r in results if isinstance(r, Article)]
    assert len(results) == 792 and len(arts) == 792
    undated = [a for a in arts if a.published is None]
    # 16 ahram stories carry no date anywhere in their text ("10 dead after strikes on
    # rebel-held hospitals in Syria Air strikes on ..."): they are the only undated ones,
    # and each says so in its warnings
    for a in undated:
        assert a.source == "ahram" and search_date(a.raw.text) is None
        assert any("no date found" in w for w in a.warnings)
    assert len(undated) == 16
    assert all(re.fullmatch(r"20[01]\d-\d\d-\d\d(T.*)?", a.published) for a in arts if a.published)
    for a in arts:
        assert a.reader == "csv" and a.extra["preset"] == "fakes" and a.extra["unit_id"]
        assert a.raw.locator.startswith("row ") and a.source
        assert "article_content" not in a.extra
        # the dateline left the body
        assert not re.match(r"(Posted on|Published|Last updated|(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w* \d)", a.body)
        for b, r, n in a.offset_map:
            assert a.body[b:b + n] == a.raw.text[r:r + n]
    assert len({a.id for a in arts}) >= 780  # a few FA-KES rows are verbatim duplicates


def test_fakes_sample_and_known_rows():
    data = resources.files("warledger.examples").joinpath("fakes_sample.csv").read_bytes()
    arts = _read_csv(data, "fakes_sample.csv")
    assert len(arts) >= 12 and all(isinstance(a, Article) for a in arts)
    by_src = {a.source: a for a in arts}
    nna = by_src["nna"]
    assert nna.published == "2017-04-05" and nna.published_precision == "date"
    assert nna.body.startswith("Victims of a suspected chemical attack")
    assert nna.title == "Syria attack symptoms consistent with nerve agent use WHO"
    tass = by_src["tass"]
    assert tass.published == "2013-08-22T18:49:00+03:00" and tass.published_precision == "datetime"
    assert by_src["jordantimes"].published == "2016-08-01"
    assert not by_src["jordantimes"].title.endswith("Jordan Times")
    assert by_src["ahram"].published == "2014-06-09"
    assert by_src["sputnik"].published == "2014-10-01"
    assert by_src["asharqalawsat"].published == "2017-04-04"


def test_dateline_forms():
    cases = {
        "Wed 05 Apr 2017 T one. Body": ("2017-04-05", "Body"),
        "Fri 07 Apr 2017 at 0914 T one. Body": ("2017-04-07T09:14:00", "Body"),
        "Posted on April 19 2017 by Asharq Al-Awsat English T one Body": ("2017-04-19", "Body"),
        "Published July 5 2015 Body text": ("2015-07-05", "Body text"),
        "Last updated at Apr 232017 BEIRUT Body": ("2017-04-23", "BEIRUT Body"),
        "21.08.2013Get short URL 0 0 0 Body": ("2013-08-21", "Body"),
        "16-11-2014 title: T one. Body": ("2014-11-16", "Body"),
        "Thursday 31 July 2014 10:59 T one. Body": ("2014-07-31T10:59:00", "Body"),
        "August 13 2016 2037 UTC+3 Body": ("2016-08-13T20:37:00+03:00", "Body"),
        "T one Monitor AFP Monday 9 Jun 2014 Print Tweet Body": ("2014-06-09", "Body"),
        "Date of publication 5 July 2016 Body": ("2016-07-05", "Body"),
        "T one 6 October 2016 Aleppo SANA-Body": ("2016-10-06", "Aleppo SANA-Body"),
    }
    for content, (iso, rest) in cases.items():
        dl = split_dateline(content, "T one")
        assert dl.published == iso, content
        assert content[dl.body_start:] == rest, content
    dl = split_dateline("April 5 2017 by Youssef Diab Paula Astih T one Beirut", "T one")
    assert dl.byline == "Youssef Diab Paula Astih" and dl.published == "2017-04-05"
    assert split_dateline("31 February 2017 x").published is None


def test_mapping_and_extra_columns():
    data = _csv([["art_id", "headline", "text", "when", "link"],
                 ["7", "Strike on Idlib", "Strike on Idlib. Ten killed, the monitor said.", "2017-04-04", "https://www.reuters.com/x"]])
    [a] = _read_csv(data, mapping={"title": "headline", "body": "text", "published": "when", "url": "link", "id": "art_id"})
    assert a.title == "Strike on Idlib" and a.body == "Ten killed, the monitor said."
    assert a.published == "2017-04-04" and a.source == "reuters" and a.url == "https://www.reuters.com/x"
    assert a.extra["external_id"] == "7" and a.extra["when"] == "2017-04-04" and a.raw.locator == "row 1"


def test_missing_mapped_column_is_one_clear_rejection():
    data = _csv([["title", "content"], ["a", "b c d"]])
    [r] = _read_csv(data, "f.csv", mapping={"body": "article_content"})
    assert isinstance(r, Rejection) and r.path == "f.csv"
    assert "body=article_content" in r.reason and "title, content" in r.reason and "--map" in r.reason


def test_bad_rows_rejected_alone():
    data = _csv([["title", "body"], ["ok", "Fine text here."], ["short"], ["", ""], ["ok2", "More text."]])
    data += b'"unterminated,"x\n'
    res = _read_csv(data)
    arts = [r for r in res if isinstance(r, Article)]
    rej = [r for r in res if isinstance(r, Rejection)]
    assert [a.title for a in arts] == ["ok", "ok2"]
    assert rej and rej[0].locator == "row 2" and "line 3" in rej[0].reason and "1 fields" in rej[0].reason


def test_jsonl_reader():
    lines = [json.dumps({"unit_id": "1", "article_title": "T one", "article_content": "Wed 05 Apr 2017 T one. Body x.",
                         "source": "nna"}), "not json", "[1]", json.dumps({"unit_id": "2"})]
    doc = Document.from_bytes("a.jsonl", "\n".join(lines).encode())
    assert tabular.sniff_jsonl(doc) > 0.9 and tabular.sniff_csv(doc) == 0.0
    res = list(tabular.read_jsonl(doc, ReadOptions()))
    assert isinstance(res[0], Article) and res[0].published == "2017-04-05" and res[0].body == "Body x."
    assert res[0].raw.locator == "line 1" and res[0].reader == "jsonl"
    assert [r.locator for r in res[1:]] == ["line 2", "line 3", "line 4"]
    assert all(isinstance(r, Rejection) and r.path == "a.jsonl" for r in res[1:])


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=1500))
def test_arbitrary_bytes_csv_and_jsonl(data):
    doc = Document.from_bytes("x", data)
    assert 0.0 <= tabular.sniff_csv(doc) <= 1.0 and 0.0 <= tabular.sniff_jsonl(doc) <= 1.0
    for fn, name in ((tabular.read_csv, "x.csv"), (tabular.read_jsonl, "x.jsonl")):
        for r in fn(Document.from_bytes(name, data), ReadOptions()):
            assert isinstance(r, (Article, Rejection))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.text(max_size=60), min_size=1, max_size=5), max_size=8))
def test_arbitrary_csv_rows(rows):
    data = _csv([["title", "body", "date"]] + rows)
    for r in _read_csv(data, mapping={"published": "date"}):
        assert isinstance(r, (Article, Rejection))
        if isinstance(r, Article):
            for b, s, n in r.offset_map:
                assert r.body[b:b + n] == r.raw.text[s:s + n]
