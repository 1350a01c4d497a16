"""textdump reader: the seed's golden Article, plain text, malformed dumps, arbitrary bytes."""
from __future__ import annotations

import json
from importlib import resources

from hypothesis import given, settings, strategies as st

from warledger.ingest import textdump
from warledger.ingest.base import Document, ReadOptions
from warledger.ingest.datelines import parse_date_line
from warledger.ingest.phpdump import DUMP_START
from warledger.records import Article, Rejection

SEED = "alalam-2013-06-12-aleppo.txt"


def _seed_bytes() -> bytes:
    return resources.files("warledger.examples").joinpath(SEED).read_bytes()


def _read(data: bytes, name: str = "doc.txt", **kw) -> list:
    return list(textdump.read(Document.from_bytes(name, data), ReadOptions(**kw)))


def test_seed_golden_values():
    [a] = _read(_seed_bytes(), SEED)
    assert isinstance(a, Article)
    assert a.title == "120 militants killed in Syria's Aleppo"
    assert a.published == "2013-06-12T20:59:42" and a.published_precision == "datetime"
    assert a.source == "alalam" and a.reader == "textdump" and a.language == "en"
    assert [r.id for r in a.related] == ["1483605", "1483499", "1483043", "1482927", "1482788"]
    assert sum(r.media_kind == "video" for r in a.related) == 2
    assert a.related[-1].title == 'Syrian army starts "North storm" to save Aleppo'
    assert a.related[0].published == "2013-06-12T09:22:07"
    assert a.body.startswith("At least 120 gunmen")
    assert "string(" not in a.body and '{"id"' not in a.body and "Wed Jun 12" not in a.body
    assert a.body.endswith("from their foreign supporters.")
    text = a.raw.text
    for b, r, n in a.offset_map:
        assert a.body[b:b + n] == text[r:r + n]
    assert text[a.raw_offset(a.body.index("Kafar Hamra")):].startswith("Kafar Hamra")


def test_seed_matches_golden_file(fixtures):
    [a] = _read(_seed_bytes(), SEED)
    got = a.to_dict()
    got["raw"].pop("path")
    got["raw"].pop("text")
    want = json.loads((fixtures / "golden" / "alalam-2013-06-12-aleppo.json").read_text("utf-8"))
    assert got == want


def test_seed_in_shared_is_the_bundled_copy(shared):
    assert (shared / "seed" / SEED).read_bytes() == _seed_bytes()


def test_sniff_prefers_seed_layout():
    assert textdump.sniff(Document.from_bytes(SEED, _seed_bytes())) >= 0.9
    assert textdump.sniff(Document.from_bytes("a.html", b"<!doctype html><html>")) == 0.0
    assert textdump.sniff(Document.from_bytes("a.jsonl", b'{"a": 1}\n')) == 0.0


def test_plain_text_without_date_line():
    [a] = _read(b"Shelling hits Douma\nRebels said 12 people died.\nThe army denied it.\n")
    assert a.title == "Shelling hits Douma" and a.published is None and a.published_precision is None
    assert any("no date line" in w for w in a.warnings)
    assert a.body == "Rebels said 12 people died.\n\nThe army denied it."
    assert a.source is None


def test_other_date_line_forms_and_source_flag():
    data = "Car bomb in Homs\n\n12 June 2013\n\nA car bomb killed 5.\n".encode()
    [a] = _read(data, source="SANA")
    assert a.published == "2013-06-12" and a.published_precision == "date" and a.source == "sana"
    assert parse_date_line("2013-06-12T20:59:42").iso == "2013-06-12T20:59:42"
    assert parse_date_line("Wed, 12 Jun 2013 20:59:42 +0000").iso == "2013-06-12T20:59:42+00:00"
    assert parse_date_line("June 12, 2013 8:30 pm").iso == "2013-06-12T20:30:00"
    assert parse_date_line("Wed Jun 12, 2013 20:59:42 more words") is None


def test_malformed_dump_keeps_body_and_warns():
    text = _seed_bytes().decode().replace('"} ,{"id":"1483043"', '"} ,{id:1483043')
    [a] = _read(text.encode())
    assert isinstance(a, Article) and a.related == []
    assert "string(" not in a.body and a.body.startswith("At least 120 gunmen")
    assert any("malformed" in w for w in a.warnings)


def test_wrong_dump_length_warns():
    text = _seed_bytes().decode().replace("string(875)", "string(900)")
    [a] = _read(text.encode())
    assert len(a.related) == 5 and any("declares string(900)" in w for w in a.warnings)


def test_rejections_for_empty_and_binary():
    [r] = _read(b"   \n\n")
    assert isinstance(r, Rejection) and r.reader == "textdump"
    [r] = _read(b"Only a title\n")
    assert isinstance(r, Rejection) and "no body" in r.reason
    [r] = _read(bytes(range(256)) * 4)
    assert isinstance(r, (Rejection, Article))


def test_latin1_file_decodes():
    [a] = _read("Caf\xe9 bombed in Idlib\n\nThe caf\xe9 was hit on Tuesday, witnesses said.\n".encode("cp1252") * 3)
    assert isinstance(a, Article) and "café" in a.body and a.raw.encoding


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_give_articles_or_rejections(data):
    assert 0.0 <= textdump.sniff(Document.from_bytes("x", data)) <= 1.0
    for r in _read(data):
        assert isinstance(r, (Article, Rejection))
        if isinstance(r, Article):
            for b, s, n in r.offset_map:
                assert r.body[b:b + n] == r.raw.text[s:s + n]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list('ab "\n[]{}:,()0123456789') + ['string(', '"}', '{"id":"']),
                max_size=120).map("".join))
def test_dumpish_text_gives_articles_or_rejections(text):
    for r in _read(("Title line\n\n" + text).encode()):
        assert isinstance(r, (Article, Rejection))
        if isinstance(r, Article):
            assert DUMP_START.search(r.body) is None  # a dump, parsed or not, never reaches the body
