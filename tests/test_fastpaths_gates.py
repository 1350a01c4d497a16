"""The extractor's fast paths give what the slow forms they replace give (speed work must not
change output: scripts/extract_diff.py checks whole articles, these check each shortcut)."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from warledger.extract import actors, casualties, dates, figure_status, types
from warledger.extract.text import _ABBREV, _BOUNDARY, _push, foldsafe, sentences

# words the gated patterns look for, the characters that fold onto ASCII letters, and glue
PIECES = ["killed", "killing ", "left ", "leaving", "lives of", "shot dead", "wounding ", "hurt",
          "by ", "claimed by the ", "blamed on ", "hands of ", "clashes with ", "fighting against the ",
          "earlier toll", "previous death toll", "at least ", "more than ", "the ", "some ", "BY",
          "KILLED ", "\u017fhot dead", "\u212aILLED ", "\u0130", "\u0131", "lo\u017ft ", "respon\u017fibility of ",
          "t\u0131ll ", "since 2011", "so far",
          "years of", "Syria", " ", "  ", "\n", ".", "-", "_", "7", "a", "x", "IS ", "army ",
          "Syrian ", "air strikes ", "said", "Gen. ", "U.S. ", "A. ", '"', "\u201d", "! ", "? ", "Z"]
texts = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


@settings(max_examples=600, deadline=None)
@given(texts)
def test_gated_regexes_find_what_the_regex_finds(s):
    for g in (casualties._PRE_KILLED, casualties._PRE_INJURED, figure_status._EARLIER_TOLL,
              actors._AGENT_BEFORE, actors._OPPONENT_BEFORE):
        want = g.rx.search(s)
        got = g.search(s)
        assert (got and got.span()) == (want and want.span()), (g.rx.pattern[:40], s)


def test_foldsafe_flags_the_characters_that_fold_to_ascii():
    assert foldsafe("plain text") and foldsafe("caf\u00e9 \u201cquoted\u201d")
    for c in "\u212a\u017f\u0130\u0131":
        assert not foldsafe("a" + c)
    # the long s is why: a case-insensitive regex matches it where `in` on lower() does not
    assert re.search("shot", "\u017fhot", re.I) and "shot" not in "\u017fhot".lower()


def _hits(hs):
    return [(h.start, h.end, h.text, h.name, h.category) for h in hs]


@settings(max_examples=400, deadline=None)
@given(texts)
def test_find_spans_is_find_per_sentence(s):
    spans = sentences(s)
    for m in (types._matcher(), actors.actor_matcher(), actors.claimant_matcher()):
        assert [_hits(h) for h in m.find_spans(s, spans)] == [_hits(m.find(s[a:b], a)) for a, b in spans]


def test_find_spans_on_articles(shared):
    from warledger.ingest import read

    arts = [a for a in read([str(shared / "data" / "fakes" / "articles.csv")]) if hasattr(a, "body")][:120]
    m = types._matcher()
    for a in arts:
        spans = sentences(a.body)
        assert [_hits(h) for h in m.find_spans(a.body, spans)] == \
            [_hits(m.find(a.body[s:e], s)) for s, e in spans], a.id
        assert types.find_triggers_spans(a.body, spans) == [types.find_triggers(a.body, s, e) for s, e in spans]


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(0, 200), st.integers(0, 200))
def test_cumulative_index_is_the_window_regex(s, lo, width):
    hi = min(len(s), lo + width)
    want = casualties._rx()["cumulative"].search(s[lo:hi].lower()) is not None
    assert figure_status._Cumulative(s).search(lo, hi) == want


def test_date_gates_in_one_go():
    for t in ["", "on monday", "yesterday", "the same day", "last week", "this month", "24-hour",
              "since dawn", "tonight", "in the past 48 hours", "this morning", "overnight"]:
        for month in (False, True):
            assert dates._gates(t, month) == tuple(dates._GATES[k](t, month) for k, _ in dates._PATTERNS)


def _sentences_slow(text):
    """sentences() as first written: the abbreviation found by a regex over the whole chunk."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        chunk = text[start:m.start()]
        if "\n" not in m.group(0) and text[m.start()] == ".":
            prev = re.search(r"([A-Za-z.]+)$", chunk)
            word = prev.group(1).lower() if prev else ""
            if word in _ABBREV or (len(word) == 1 and word.isalpha()):
                continue
        if '"' in m.group(0) and text[m.start()] != "." and not chunk.rstrip().endswith(("said", "added")):
            if not re.search(r"[.!?]", m.group(0)):
                continue
        _push(spans, text, start, m.start() + len(m.group(0).rstrip()))
        start = m.end()
    _push(spans, text, start, len(text))
    return spans


@settings(max_examples=800, deadline=None)
@given(texts)
def test_sentences_match_the_regex_form(s):
    assert sentences(s) == _sentences_slow(s)


def test_sentences_abbreviation_before_a_final_newline():
    # regex "$" also matches before a chunk's final newline: "Gen\n. Smith" keeps "Gen"
    t = "He met Gen\n. Smith said so. Then left."
    assert sentences(t) == _sentences_slow(t)
