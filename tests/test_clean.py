"""clean_text: offsets back to the raw text, paragraphs, boilerplate, title; make_article."""
from __future__ import annotations

import unicodedata

from hypothesis import given, settings, strategies as st

from warledger.ingest.base import ReadOptions
from warledger.ingest.clean import clean_text, guess_language, make_article, title_prefix_end


def _check_map(raw: str, c) -> None:
    last_b = -1
    for b, r, n in c.offset_map:
        assert n > 0 and b > last_b
        assert c.body[b:b + n] == raw[r:r + n], (b, r, n)
        last_b = b
    for s, e in c.paragraphs:
        assert 0 <= s < e <= len(c.body)
        assert c.body[s:e].strip() == c.body[s:e]


_alphabet = st.sampled_from(list("ab é\u0301\n\n\t\r \u00a0\u200b\ufeff©ﬁ\u0627\u0644") + ["Share this article", "Next article", "© 2019 X", "\n\nRead more: x\n"])


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_clean_text_never_raises_and_maps_exactly(raw):
    c = clean_text(raw, title=raw[:10] or None)
    _check_map(raw, c)
    assert unicodedata.is_normalized("NFC", c.body)


@settings(max_examples=300, deadline=None)
@given(st.lists(_alphabet, max_size=40).map("".join), st.integers(0, 5))
def test_clean_text_targeted_alphabet(raw, cut):
    c = clean_text(raw, title="ab", start=min(cut, len(raw)))
    _check_map(raw, c)
    assert "  " not in c.body and "\t" not in c.body and "\u200b" not in c.body


def test_every_body_char_outside_normalised_words_is_mapped():
    raw = "  One  two\tthree\n\n\nFour\u00a0five  \n"
    c = clean_text(raw)
    assert c.body == "One two three\n\nFour five"
    for i, ch in enumerate(c.body):
        if not ch.isspace():
            b, r, n = next(run for run in c.offset_map if run[0] <= i < run[0] + run[2])
            assert raw[r + i - b] == ch


def test_paragraphs_on_blank_lines_or_single_newlines():
    assert clean_text("a\nb\n\nc").body == "a b\n\nc"
    c = clean_text("first line\nsecond line\nthird")
    assert c.body == "first line\n\nsecond line\n\nthird"
    assert [c.body[s:e] for s, e in c.paragraphs] == ["first line", "second line", "third"]


def test_nfc_and_invisibles():
    c = clean_text("Cafe\u0301 so\u00adcial \ufeffx")
    assert c.body == "Café social x"
    # "Caf" and "so"/"cial" still map; the composed é does not pretend to
    _check_map("Cafe\u0301 so\u00adcial \ufeffx", c)


def test_boilerplate_dropped_and_reported():
    raw = ("Rebels shelled the town.\n\nShare this article\n\n© 2019 Reuters. All rights reserved.\n\n"
           "Previous article\n\nNext article\n\nShare on Facebook\n\nClick here to subscribe\n\n"
           "Read more: Syria's war in numbers\n\nThe army said 12 died.")
    c = clean_text(raw)
    assert c.body == "Rebels shelled the town.\n\nThe army said 12 died."
    kinds = {r.split(":")[0] for r in c.removed}
    assert {"share", "copyright", "prev-next", "click-here", "read-more"} <= kinds


def test_prose_that_mentions_boilerplate_words_is_kept():
    raw = ("Read more about the siege in a report that the monitor published on Tuesday after "
           "weeks of fighting in the eastern suburbs of the city, where dozens of civilians died.")
    assert clean_text(raw).body == raw


def test_leading_title_dropped_whole_or_as_prefix():
    assert clean_text("Death toll rises\n\nBody here.", title="Death toll rises").body == "Body here."
    c = clean_text("Syrias army advances. The army took the hill.", title="Syria's army advances")
    assert c.body == "The army took the hill."
    assert clean_text("Syrian army advances", title="Syria army").body == "Syrian army advances"
    assert title_prefix_end("Death tolls", "Death toll") is None


def test_language():
    assert guess_language("قتل 120 مسلحا في حلب") == "ar"
    assert guess_language("The army said that the town was taken") == "en"
    assert guess_language("12 34") is None


def test_make_article_fields():
    raw = "Title\n\nBody of the story said the army."
    c = clean_text(raw, start=7)
    a = make_article(title="Title", cleaned=c, reader="textdump", opts=ReadOptions(), path="x.txt",
                     raw_bytes=raw.encode(), raw_text=raw, encoding="utf-8", source="Alalam",
                     published="2013-06-12T20:59:42")
    assert a.source == "alalam" and a.published_precision == "datetime" and a.language == "en"
    assert a.raw.text == raw and len(a.raw.sha256) == 64
    assert a.raw_offset(0) == 7
    b = make_article(title="Title", cleaned=c, reader="textdump", opts=ReadOptions(source="sana", raw_text_limit=3),
                     path="x.txt", raw_text=raw, source="alalam", published="2013-06-12")
    assert b.source == "sana" and b.published_precision == "date" and b.raw.text is None
    assert b.id != a.id
