"""The WARC/ARC reader: a WARC written with warcio from sample pages, warcio's samples, cuts."""
from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from warledger.errors import WarledgerError
from warledger.ingest import html as html_reader
from warledger.ingest import warc
from warledger.ingest.base import Document, ReadOptions
from warledger.ingest.sources import expand
from warledger.records import Article, Rejection

PAGES = ["aljazeera_2019_afghanistan_helicopter.html", "reuters_2024_israeli_tank_lebanon_journalists.html",
         "lbcgroup_2026_arabic.html"]


def write_warc(path: Path, pages: list[Path], gz: bool) -> None:
    """A news WARC as a crawler writes it: warcinfo, then request + response per page,
    plus an image and a 404 that must be counted, not read."""
    with open(path, "wb") as out:
        w = WARCWriter(out, gzip=gz)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "warledger-test"}))
        for i, page in enumerate(pages):
            uri = f"https://news.example.org/{i}/{page.name}"
            req = StatusAndHeaders("GET /x HTTP/1.1", [("Host", "news.example.org")], is_http_request=True)
            w.write_record(w.create_warc_record(uri, "request", payload=io.BytesIO(b""), http_headers=req))
            h = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(page.read_bytes()),
                                                http_headers=h))
        img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://news.example.org/a.png", "response",
                                            payload=io.BytesIO(b"\x89PNG\r\n" + b"\0" * 100), http_headers=img))
        nf = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://news.example.org/gone", "response",
                                            payload=io.BytesIO(b"<html><body><p>Not found</p></body></html>"),
                                            http_headers=nf))


def streaming_doc(path: Path) -> Document:
    """A Document that refuses read_bytes(): the reader must stream from open()."""
    doc = Document(name=str(path), opener=lambda: open(path, "rb"), size=path.stat().st_size,
                   fs_path=str(path))

    def refuse() -> bytes:
        raise AssertionError("the WARC reader read the whole archive into memory")

    doc.read_bytes = refuse  # type: ignore[method-assign]
    return doc


def read_all(doc: Document, stats: Counter | None = None) -> list:
    return list(warc.read_with_stats(doc, ReadOptions(), stats if stats is not None else Counter()))


@pytest.mark.parametrize("gz", [False, True])
def test_warc_of_sample_pages_matches_direct_reading(shared, tmp_path, gz):
    pages = [shared / "data/samples/html" / p for p in PAGES]
    path = tmp_path / ("news.warc.gz" if gz else "news.warc")
    write_warc(path, pages, gz)
    stats: Counter = Counter()
    doc = streaming_doc(path)
    assert warc.sniff(doc) >= 0.9 and html_reader.sniff(doc) == 0
    got = read_all(doc, stats)
    assert all(isinstance(a, Article) for a in got), got
    assert len(got) == 3
    for art, page in zip(got, pages):
        direct = next(html_reader.read(Document.from_bytes(page.name, page.read_bytes()), ReadOptions()))
        assert art.title == direct.title
        assert art.body == direct.body
        assert art.reader == "warc" and art.raw.path == str(path)
        assert art.raw.locator.startswith("offset ")
        assert art.url.startswith("https://news.example.org/")  # WARC-Target-URI, not canonical
        assert art.extra["canonical_url"] == direct.url
    offsets = [int(a.raw.locator.split()[1]) for a in got]
    assert offsets == sorted(offsets) and offsets[0] > 0
    assert stats == Counter({"records": 9, "warcinfo": 1, "request": 3, "article": 3,
                             "non-html": 1, "non-200": 1})
    if not gz:  # the offset is the record's own: the bytes there start a WARC record
        with open(path, "rb") as fh:
            fh.seek(offsets[1])
            assert fh.read(8) == b"WARC/1.0"


def test_stats_via_options_attribute(shared, tmp_path):
    path = tmp_path / "n.warc"
    write_warc(path, [shared / "data/samples/html" / PAGES[0]], gz=False)
    opts = ReadOptions()
    opts.stats = Counter()  # type: ignore[attr-defined] - what the orchestrator may add
    assert len(list(warc.read(streaming_doc(path), opts))) == 1
    assert opts.stats["article"] == 1 and opts.stats["request"] == 1


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_keeps_records_before_the_cut(shared, tmp_path, gz):
    pages = [shared / "data/samples/html" / p for p in PAGES]
    path = tmp_path / "full.warc"
    write_warc(path, pages, gz)
    data = path.read_bytes()
    whole = read_all(Document.from_bytes("full", data))
    third = int(whole[2].raw.locator.split()[1])  # cut inside the third page's response
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: third + 2000])
    got = read_all(streaming_doc(cut))
    assert [a.title for a in got[:2]] == [a.title for a in whole[:2]]
    assert len(got) == 3 and isinstance(got[2], Rejection)
    assert got[2].locator == f"offset {third}" and str(third) in got[2].reason
    assert "truncated" in got[2].reason or "broken" in got[2].reason


def test_cut_inside_first_header_is_one_rejection():
    got = read_all(Document.from_bytes("x.warc", b"WARC/1.0\r\nWARC-Type: resp"))
    assert len(got) == 1 and isinstance(got[0], Rejection) and got[0].locator == "offset 0"


def test_warcio_samples_read_without_error(shared):
    expect = {"warcio_example.warc.gz": "Example Domain",
              "warcio_example-iana.org-chunked.warc": "Internet Assigned Numbers Authority"}
    for name, title in expect.items():
        path = shared / "data/samples/warc" / name
        stats: Counter = Counter()
        got = read_all(streaming_doc(path), stats)
        assert [type(x) for x in got] == [Article], got
        assert got[0].title == title and got[0].url.startswith("http")
        assert stats["records"] > 1 and stats["truncated"] == 0
    stats = Counter()
    read_all(streaming_doc(shared / "data/samples/warc/warcio_example.warc.gz"), stats)
    assert stats["revisit"] == 1 and stats["request"] == 2


def test_gz_source_streams_into_warc_reader(shared):
    """sources.expand gunzips .gz files; the reader gets a decompressed stream."""
    docs = list(expand([str(shared / "data/samples/warc/warcio_example.warc.gz")]))
    assert len(docs) == 1 and warc.sniff(docs[0]) >= 0.9
    got = list(warc.read(docs[0], ReadOptions()))
    assert [a.title for a in got] == ["Example Domain"]


def arc_bytes(body: bytes) -> bytes:
    """An ARC v1 file (the Internet Archive's pre-WARC format) with one HTML response."""
    desc = b"1 0 warledger\nURL IP-address Archive-date Content-type Archive-length\n"
    head = b"filedesc://t.arc 0.0.0.0 20140101000000 text/plain %d\n" % len(desc)
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    rec = b"http://news.example.org/a 1.2.3.4 20140101000000 text/html %d\n" % len(http)
    return head + desc + b"\n" + rec + http + b"\n"


def test_arc_file():
    body = ("<html><head><title>Shelling in Homs</title></head><body><article><h1>Shelling in Homs</h1>"
            "<p>Heavy shelling hit the old city of Homs on Tuesday, killing at least nine people, "
            "activists said.</p><p>The Syrian Observatory for Human Rights said rescue teams were "
            "still searching the rubble of two buildings.</p></article></body></html>").encode()
    doc = Document.from_bytes("t.arc", arc_bytes(body))
    assert warc.sniff(doc) >= 0.9
    got = list(warc.read(doc, ReadOptions()))
    assert len(got) == 1 and isinstance(got[0], Article), got
    assert got[0].title == "Shelling in Homs" and got[0].url == "http://news.example.org/a"
    assert "killing at least nine people" in got[0].body


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=1500),
                 st.binary(max_size=800).map(lambda b: b"WARC/1.0\r\n" + b),
                 st.integers(0, 4000).map(lambda n: SAMPLE_WARC[:n])))
def test_arbitrary_bytes_never_crash(data):
    try:
        for res in warc.read(Document.from_bytes("w.warc", data), ReadOptions()):
            assert isinstance(res, (Article, Rejection))
    except WarledgerError:
        pass


def _sample_warc() -> bytes:
    out = io.BytesIO()
    w = WARCWriter(out, gzip=False)
    h = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    for i in range(3):
        w.write_record(w.create_warc_record(f"http://e.org/{i}", "response", http_headers=h,
                                            payload=io.BytesIO(b"<html><body><p>Clashes killed %d people in "
                                                               b"Aleppo on Monday, activists said.</p>"
                                                               b"</body></html>" % i)))
    return out.getvalue()


SAMPLE_WARC = _sample_warc()
