"""The extractor's lower-case twins, shadows and gates give what the forms they replace give
(scripts/extract_diff.py checks whole articles; these check each shortcut on its own,
on generated text built from the words the shortcuts look at)."""
from __future__ import annotations

import re
from unittest import mock

import ahocorasick
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from warledger.extract import actors, casualties, dates, figure_status, numbers, singular_victims, types
from warledger.extract.lexicon import load
from warledger.extract.text import Folded, lowered, sentences

# number words, qualifiers (whole and cut), date words, outcome words, folding traps and glue
PIECES = ["at least ", "at ", "least", "at at least ", "more than ", "more ", "no less than ", "not ",
          "in excess of ", "in ", "up to ", "up", "as many as ", "as ", "close to ", "an estimated ",
          "estimated ", "some ", "a hundred ", "a dozen ", "an ", "a ", "hundreds ", "tens", "ten",
          "often", "someone", "one ", "twenty-two ", "approx. ", "approx.", "between ", "and ", "or ",
          "5", "12", "2013", "1.5 million ", "3-4 ", "0", "killed ", "killing ", "dead ", "wounded ",
          "people ", "civilians ", "IS fighters ", "Syrian air strikes ", "US jets ", "us ",
          "on Monday ", "monday ", "since Wednesday ", "yesterday ", "the day before ", "the previous day ",
          "last week ", "this month ", "in the past 48 hours ", "three days of ", "2017-04-05 ",
          "5 April 2017 ", "in March 2013 ", "Apr 4 ", "said ", "told ", "GMT ", "gmt", "km ", "%",
          "including a woman and child ", "among them ", "\u017f", "\u212a", "\u0130", "\u0131", "\u00e9",
          " ", "  ", "\n", ".", ",", "-", "_", "(", "Z", "x", "S", "K"]
texts = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)
ascii_texts = texts.filter(str.isascii)


def _old_start_automaton() -> ahocorasick.Automaton:
    """numbers._starts() as it was: a qualifier's first word alone ("at", "in", "as") starts."""
    lex = load("casualty_words.json")
    first = set(numbers._WORDS) | {"between"}
    for w in list(lex["vague"]) + list(lex["unquantified"]) + [q for qs in lex["qualifiers"].values() for q in qs]:
        first.add(w.split()[0].lower())
    first -= {"a", "an"}
    auto = ahocorasick.Automaton()
    for w in first:
        auto.add_word(w, (len(w), True))
    for art in ("a", "an"):
        for nxt in numbers._A_NEXT:
            auto.add_word(f"{art} {nxt}", (len(art) + 1 + len(nxt), False))
    auto.make_automaton()
    return auto


_OLD_STARTS = _old_start_automaton()


def _qty(qs):
    return [(q.start, q.end, q.text, q.low, q.best, q.high, q.qualifier, q.vague, q.unquantified) for q in qs]


@settings(max_examples=800, deadline=None)
@given(texts)
def test_whole_qualifiers_start_the_same_quantities(s):
    old = numbers._candidates(s, _OLD_STARTS)
    assert _qty(numbers.find_quantities(s)) == _qty(numbers.find_quantities(s, old))


@settings(max_examples=800, deadline=None)
@given(texts)
def test_shadow_number_starts_are_the_candidates(s):
    assert numbers.number_starts(s) == numbers._candidates(s, numbers._starts()[0])


@settings(max_examples=500, deadline=None)
@given(texts)
def test_article_number_starts_cut_per_sentence(s):
    allp = numbers.number_starts(s)
    for a, b in sentences(s):
        assert [p - a for p in allp if a <= p < b] == numbers.number_starts(s[a:b]), (s, a, b)


@pytest.mark.parametrize("digits", ["0", "7", "230000", "007", "999999999999999", "1234567890123456",
                                    "12345678901234567890"])
def test_parse_number_digit_fast_path_is_the_float_path(digits):
    m = numbers._DIGIT_FORM.fullmatch(digits)
    assert numbers.parse_number(digits) == int(round(float(m.group(1))))


def _folded_pairs():
    """Every case-insensitive regex the extractor runs as a lower-case twin, with its twin."""
    pairs = [(f.rx, f.low) for f in casualties._fx().values()]
    pairs += [(f.rx, f.low) for f in (casualties._UNIT_AFTER_F, actors._AGENT_AFTER_F, actors._AGENT_NOUN_F,
                                      actors._INSTRUMENT_F)]
    pairs += [(g.rx, g.low) for g in (casualties._PRE_KILLED, casualties._PRE_INJURED, figure_status._EARLIER_TOLL,
                                      actors._AGENT_BEFORE, actors._OPPONENT_BEFORE)]
    pairs += [(dates._DATELINE, dates._DATELINE_LOW), (dates._REPORTING, dates._REPORTING_LOW),
              (dates._REPORTING_AFTER, dates._REPORTING_AFTER_LOW), (actors._NATION_WEAPON, actors._NATION_WEAPON_LOW),
              (numbers._pattern(), numbers._pattern_low())]
    pairs += [(rx, low) for (_, rx), low in zip(dates._PATTERNS, dates._LOWERED) if low is not None]
    actors.reporting_verb_near("", 0, 0)  # compiles the reporting-verb pair
    pairs.append((actors._REPORT, actors._REPORT_LOW))
    return pairs


def test_every_twin_exists():
    for rx, low in _folded_pairs():
        assert low is not None and not low.flags & re.I, rx.pattern[:60]


@settings(max_examples=400, deadline=None)
@given(ascii_texts)
def test_lower_case_twins_find_the_same_spans(s):
    low = s.lower()
    for rx, twin in _folded_pairs():
        assert [m.span() for m in rx.finditer(s)] == [m.span() for m in twin.finditer(low)], (rx.pattern[:60], s)
        for pos in range(0, len(s) + 1, 3):
            a, b = rx.match(s, pos), twin.match(low, pos)
            assert (a and a.span()) == (b and b.span()), (rx.pattern[:60], s, pos)


def test_lowered_refuses_what_it_cannot_twin():
    assert lowered(re.compile("abc")) is None  # not case-insensitive
    assert lowered(re.compile("GMT", re.I)) is None  # an upper-case literal ...
    assert lowered(re.compile("GMT", re.I), lower_literals=True).pattern == "gmt"  # ... unless asked
    assert lowered(re.compile(r"\x41", re.I), lower_literals=True) is None  # a letter by its code
    assert lowered(re.compile(r"\W(?P<Big>a)\S(?P=Big)", re.I), lower_literals=True).pattern == r"\W(?P<Big>a)\S(?P=Big)"
    with pytest.raises(ValueError):
        Folded(re.compile("[A-Z]", re.I))


@settings(max_examples=400, deadline=None)
@given(texts)
def test_folded_search_on_any_text_is_the_regex(s):
    f = casualties._fx()["noun"]
    want = f.rx.search(s)
    got = f.search(s)
    assert (got and got.span()) == (want and want.span())


@settings(max_examples=600, deadline=None)
@given(texts, st.sampled_from([None, "2013-06-12", "2017-01-02"]))
def test_tight_date_gates_find_the_same_dates(s, pub):
    from datetime import date

    published = date.fromisoformat(pub) if pub else None
    want = None
    with mock.patch.object(dates, "_gates", lambda *a, **k: (True,) * len(dates._PATTERNS)):
        want = dates.find_dates(s, published=published)
    assert dates.find_dates(s, published=published) == want


def _parse_dateline_ungated(text):
    """parse_dateline's fallback without the year/month gate (the regex scans decide alone)."""
    for kind in ("dm", "md"):
        for mm in dict(dates._PATTERNS)[kind].finditer(text[:300]):
            if mm["year"]:
                try:
                    return dates.date(int(mm["year"]), dates.MONTHS[mm["mon"].lower().rstrip(".")], int(mm["day"])), mm.end()
                except (ValueError, KeyError):
                    continue
    return None


@settings(max_examples=600, deadline=None)
@given(texts)
def test_dateline_gate_keeps_every_dateline(s):
    if dates._DATELINE.match(s[:80]) is None:
        assert dates.parse_dateline(s) == _parse_dateline_ungated(s)
    # the lower-case twin reads the dateline the regex reads
    want = dates._DATELINE.match(s[:80])
    got = dates._DATELINE_LOW.match(s[:80].lower()) if s[:80].isascii() else want
    assert (got and (got.span(), [g and g.lower() for g in got.groups()])) == \
        (want and (want.span(), [g and g.lower() for g in want.groups()]))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_find_actors_with_lower_is_find_actors(s):
    def key(hs):
        return [(h.start, h.end, h.text, h.name, h.category) for h in hs]
    assert key(actors.find_actors(s, 3, s.lower() if s.isascii() else None)) == key(actors.find_actors(s, 3))


@settings(max_examples=300, deadline=None)
@given(texts)
@example("\u0130Syrian air strikes ")  # lower-casing lengthens the text: hit text cut at the slice
def test_trigger_spans_are_triggers_per_sentence(s):
    spans = sentences(s)
    assert types.find_triggers_spans(s, spans) == [types.find_triggers(s, a, b) for a, b in spans]
    for m in (actors.actor_matcher(), actors.claimant_matcher()):
        assert [[(h.start, h.end, h.text, h.name, h.category) for h in hs] for hs in m.find_spans(s, spans)] == \
            [[(h.start, h.end, h.text, h.name, h.category) for h in m.find(s[a:b], a)] for a, b in spans]


@settings(max_examples=300, deadline=None)
@given(ascii_texts, st.integers(0, 60), st.integers(0, 60))
def test_reporting_verb_near_with_lower_case(s, a, w):
    a = min(a, len(s))
    b = min(len(s), a + w)
    assert actors.reporting_verb_near(s, a, b, low=s.lower()) == actors.reporting_verb_near(s, a, b)


@settings(max_examples=500, deadline=None)
@given(texts)
def test_single_victims_gate(s):
    """The "including"/"among" gate drops nothing the pattern would find."""
    text = "Eleven people were killed " + s
    got = casualties.find_casualties(text, 0, len(text))
    with mock.patch.object(singular_victims, "foldsafe", lambda _s: False):  # gate off: the regex decides
        want = casualties.find_casualties(text, 0, len(text))
    assert [(c.start, c.end, c.group, c.parent, c.outcome) for c in got] == \
        [(c.start, c.end, c.group, c.parent, c.outcome) for c in want]


@settings(max_examples=400, deadline=None)
@given(texts, st.lists(st.integers(0, 120), max_size=6))
@example("xair strikes on IS", [1, 12, 16, 18])  # spans cutting words: each slice's own edges
def test_find_spans_on_any_spans(s, cuts):
    """Spans that cut words (no shadow automaton) and spans between spaces (shadow) alike."""
    edges = sorted({min(c, len(s)) for c in cuts})
    spans = [(a, b) for a, b in zip(edges[::2], edges[1::2]) if a < b]
    for m in (types._matcher(), actors.actor_matcher(), actors.claimant_matcher()):
        assert [[(h.start, h.end, h.text, h.name) for h in hs] for hs in m.find_spans(s, spans)] == \
            [[(h.start, h.end, h.text, h.name) for h in m.find(s[a:b], a)] for a, b in spans], (s, spans)


def test_trigger_shadow_is_used_and_skips_inner_words():
    m = types._matcher()
    assert m._shadow() is not None  # trigger keys are letters, spaces and hyphens
    s = "Airstrikes hit the town. Reshelling, preshelled and shelling-free. Shelling continued."
    spans = sentences(s)
    assert [[h.text for h in hs] for hs in m.find_spans(s, spans)] == \
        [[h.text for h in m.find(s[a:b], a)] for a, b in spans]


def test_vague_word_with_a_folding_character_does_not_raise():
    # re.I reads the long s as "s": "ten\u017f" is the vague "tens" (it raised KeyError before)
    (q,) = numbers.find_quantities("ten\u017f")
    assert q.vague and q.best == load("casualty_words.json")["vague"]["tens"]
