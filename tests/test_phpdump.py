"""PHP var_dump related-items parser: the seed's unescaped quotes, byte lengths, bad input."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from warledger.errors import PHPDumpError
from warledger.ingest.outlets import date_related, infer_outlet, media_evidence, outlet_from_url, ticks_to_iso
from warledger.ingest.phpdump import media_kind, parse_dump, parse_related


def _dump(content: str) -> str:
    return f'body\n\nstring({len(content.encode("utf-8"))}) "{content}"'


def test_unescaped_inner_quotes_and_byte_length():
    content = ('[{"id":"1","sort":"2","contenttypeid":"21","pic":"/a/alalam_635066257271104544_x.jpg",'
               '"title":"Aleppo’s \\"x\\" "North storm" ends"} ,{"id":"2","pic":"/v.mp4","title":"b"} ]')
    d = parse_dump(_dump(content))
    assert d.declared == d.actual and not d.warnings
    assert [i.id for i in d.items] == ["1", "2"]
    assert d.items[0].title == 'Aleppo’s "x" "North storm" ends'
    assert [i.media_kind for i in d.items] == ["image", "video"]
    assert d.items[0].content_type == "21" and d.items[0].sort == "2"


def test_wrong_length_is_tolerated_with_a_warning():
    content = '[{"id":"9","title":"say "hi""}]'
    text = f'string({len(content) + 7}) "{content}"\n'
    d = parse_dump(text)
    assert d.items[0].title == 'say "hi"'
    assert d.warnings and "declares string(" in d.warnings[0]


@pytest.mark.parametrize("bad", [
    'string(5) "[{"id"',  # cut off
    'string(12) "[{"id":"1"} x]"',  # garbage between items
    'string(10) "[{id:1}]"',  # unquoted keys
    "no dump here",
])
def test_malformed_raises_named_error(bad):
    with pytest.raises(PHPDumpError):
        parse_dump(bad)


def test_empty_list_and_bare_values():
    assert parse_related("[]") == []
    items = parse_related('[{"id":12,"title":null,"pic":"a.flv"}]')
    assert items[0].id == "12" and items[0].title is None and items[0].media_kind == "video"


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_arbitrary_text_only_raises_phpdumperror(text):
    for candidate in (text, "string(3) \"" + text, _dump(text), _dump("[" + text + "]")):
        try:
            parse_dump(candidate)
        except PHPDumpError:
            pass


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text(st.characters(blacklist_characters='\\'), max_size=20),
                          st.sampled_from(["a.jpg", "b.mp4", "c"])), max_size=5))
def test_roundtrip_titles_with_quotes(items):
    # titles with arbitrary quotes survive as long as they do not contain an item separator
    items = [(t, p) for t, p in items if '"}' not in t and '",' not in t and not t.endswith('"')]
    content = "[" + " ,".join(f'{{"id":"{i}","pic":"{p}","title":"{t}"}}' for i, (t, p) in enumerate(items)) + " ]"
    got = parse_related(content)
    assert [g.title for g in got] == [t for t, _ in items]
    assert [g.media_kind for g in got] == [media_kind(p) for _, p in items]


def test_outlets_ticks_and_domains():
    assert ticks_to_iso(635066257271104544) == "2013-06-12T09:22:07"
    assert ticks_to_iso(5) is None
    assert media_evidence("/2013/06/09/alalam_635064061129746614_25f_4x3.mp4") == ("alalam", "2013-06-09T20:21:52")
    assert outlet_from_url("https://www.aljazeera.com/news/x") == "aljazeera"
    assert outlet_from_url("http://english.alarabiya.net/a") == "arabiya"
    assert outlet_from_url("https://sana.sy/en/?p=1") == "sana"
    assert outlet_from_url("https://example.org") is None
    items = parse_related('[{"id":"1","pic":"/x/alalam_635064061129746614_a.jpg","title":"t"}]')
    date_related(items)
    assert items[0].published == "2013-06-09T20:21:52"
    assert infer_outlet("", items)[0] == "alalam"
    assert infer_outlet("", items, source="SANA")[0] == "sana"
    assert infer_outlet("see https://www.reuters.com/world/x and reuters.com")[0] == "reuters"
