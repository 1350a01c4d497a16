"""Source expansion (files, folders, globs, zip, gz, stdin), format sniffing and decode()."""
from __future__ import annotations

import gzip
import io
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warledger.errors import EncodingError, InputError
from warledger.ingest import feed, html, warc
from warledger.ingest.base import Document, ReadOptions
from warledger.ingest.decode import declared_charset, decode
from warledger.ingest.sources import expand, head_of, is_feed, is_html, is_warc, sniff_format
from warledger.records import Rejection

PAGE = b"<!DOCTYPE html><html><head><title>T</title></head><body><p>Text.</p></body></html>"
RSS = b'<?xml version="1.0"?>\n<!-- c --><rss version="2.0"><channel></channel></rss>'


def names(items) -> list[str]:
    return [i.name if isinstance(i, Document) else f"REJECT {i.path}: {i.reason}" for i in items]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.html").write_bytes(PAGE)
    (tmp_path / "a.xml").write_bytes(RSS)
    (tmp_path / ".hidden.html").write_bytes(PAGE)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.html").write_bytes(PAGE)
    with gzip.open(tmp_path / "c.html.gz", "wb") as fh:
        fh.write(PAGE)
    with zipfile.ZipFile(tmp_path / "d.zip", "w") as zf:
        zf.writestr("pages/2.html", PAGE)
        zf.writestr("pages/1.xml", RSS)
        zf.writestr("pages/.DS_Store", b"\0\0")
        zf.writestr("pages/3.html.gz", gzip.compress(PAGE))
        zf.writestr("__MACOSX/pages/._2.html", b"\0")
    return tmp_path


def test_directory_is_recursive_sorted_and_skips_hidden(tree):
    got = list(expand([str(tree)]))
    assert names(got) == [str(tree / "a.xml"), str(tree / "b" / "z.html"), str(tree / "c.html.gz"),
                          f"{tree / 'd.zip'}!pages/1.xml", f"{tree / 'd.zip'}!pages/2.html",
                          f"{tree / 'd.zip'}!pages/3.html.gz"]
    contents = {d.name.rsplit("/", 1)[-1]: d.read_bytes() for d in got}
    assert contents["c.html.gz"] == PAGE and contents["1.xml"] == RSS
    assert contents["3.html.gz"] == PAGE  # a .gz inside a zip is gunzipped too
    assert got[0].fs_path == str(tree / "a.xml") and got[0].size == len(RSS)


def test_documents_reopen_and_sniff(tree):
    for d in expand([str(tree)]):
        assert d.read_bytes() == d.read_bytes()  # each open() is a fresh stream
    docs = {d.name.rsplit("/", 1)[-1]: d for d in expand([str(tree)])}
    assert sniff_format(docs["a.xml"]) == "feed"
    assert sniff_format(docs["z.html"]) == "html"
    assert sniff_format(docs["c.html.gz"]) == "html"
    assert sniff_format(docs["1.xml"]) == "feed"
    assert sniff_format(Document.from_bytes("x", b"just some words")) is None


def test_sniff_sees_past_a_short_cached_head(tree):
    """The orchestrator's empty-file test calls head(1), which Document caches."""
    for d in expand([str(tree)]):
        d.head(1)
        assert sniff_format(d) in ("feed", "html"), d.name


def test_corrupt_gz_is_a_named_error(tmp_path):
    p = tmp_path / "x.html.gz"
    p.write_bytes(b"\x1f\x8b" + b"garbage" * 10)
    (doc,) = list(expand([str(p)]))
    assert sniff_format(doc) is None
    with pytest.raises(InputError, match="gzip -t"):
        head_of(doc)
    for reader in (html, feed):
        with pytest.raises(InputError, match="gzip -t"):
            list(reader.read(doc, ReadOptions()))
    (rej,) = list(warc.read(doc, ReadOptions()))
    assert isinstance(rej, Rejection) and rej.locator == "offset 0"


def test_glob_missing_and_explicit_file(tree):
    got = list(expand([str(tree / "**" / "*.html"), str(tree / "nope.txt"), str(tree / "*.none"),
                       str(tree / ".hidden.html")]))
    assert names(got)[0] == str(tree / "b" / "z.html")
    assert isinstance(got[1], Rejection) and got[1].reason == "no such file or directory"
    assert isinstance(got[2], Rejection) and "no file matches" in got[2].reason
    assert got[3].name == str(tree / ".hidden.html")  # named explicitly: read it


def test_stdin_is_read_once(monkeypatch):
    reads = []

    class FakeStdin:
        buffer = io.BytesIO(RSS)

    monkeypatch.setattr(sys, "stdin", FakeStdin)
    orig = FakeStdin.buffer.read
    FakeStdin.buffer.read = lambda *a: reads.append(1) or orig(*a)  # type: ignore[method-assign]
    (doc,) = list(expand(["-"]))
    assert doc.name == "-" and doc.head() == RSS and doc.read_bytes() == RSS and len(reads) == 1


def test_broken_zip_is_a_rejection(tmp_path):
    p = tmp_path / "bad.zip"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("a.html", PAGE * 50)
    data = p.read_bytes()
    p.write_bytes(data[:-30])  # the central directory is gone: not a zip any more
    got = list(expand([str(p)]))
    assert len(got) == 1  # read as an opaque file, which a reader will then reject


def test_content_tests():
    assert is_warc(b"WARC/1.0\r\nWARC-Type: warcinfo") and is_warc(b"filedesc://x.arc 0.0.0.0")
    assert is_warc(gzip.compress(b"WARC/1.1\r\n" + b"x" * 100)[:40])
    assert not is_warc(b"<html>")
    assert is_feed(RSS) and is_feed(b'\xef\xbb\xbf<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">')
    assert is_feed(b'<rdf:RDF xmlns:rdf="x">') and not is_feed(PAGE)
    assert is_feed("<?xml version='1.0' encoding='utf-16'?><rss>".encode("utf-16"))
    assert is_html(PAGE) and not is_html(RSS) and not is_html(b"a < b and c > d")


# ------------------------------------------------------------------ decode


def test_decode_order_bom_declared_utf8_detect():
    assert decode("\ufeffسوريا".encode("utf-8"), "a") == ("سوريا", "utf-8")
    assert decode("سوريا".encode("utf-16"), "a")[0] == "سوريا"
    assert decode("café".encode("latin-1"), "a", "ISO-8859-1") == ("café", "iso8859-1")
    # a stale latin-1 declaration on valid UTF-8 bytes: UTF-8 wins (no mojibake)
    assert decode("café".encode(), "a", "iso-8859-1") == ("café", "utf-8")
    assert decode(b"plain", "a", "no-such-codec") == ("plain", "utf-8")
    arabic = "قتل خمسة مدنيين في قصف على حلب يوم الاثنين بحسب ناشطين " * 4
    text, enc = decode(arabic.encode("cp1256"), "a")
    assert text == arabic and enc == "cp1256"
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">') == "cp1256"
    assert declared_charset(b"<?xml version='1.0' encoding='ISO-8859-1'?>") == "iso8859-1"


def test_decode_errors_say_where_and_how():
    with pytest.raises(InputError, match="empty"):
        decode(b"", "e.txt")
    with pytest.raises(EncodingError) as exc:
        decode(b"GIF89a\x01\x00\x00\x00", "img.txt")
    assert exc.value.locator == "offset 7" and "UTF-8" in exc.value.reason
    with pytest.raises(EncodingError, match="control bytes"):
        decode(bytes(range(1, 9)) * 20, "ctl.txt")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from([None, "utf-8", "latin-1", "cp1256", "bogus", "utf-16"]))
def test_decode_raises_only_named_errors(data, declared):
    try:
        text, enc = decode(data, "p", declared)
    except (EncodingError, InputError):
        return
    assert isinstance(text, str) and enc
