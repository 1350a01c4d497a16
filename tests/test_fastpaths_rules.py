"""The speed shortcuts in the extraction rules (issue 3) give what the forms they replace give:
each gate is checked against its regex, each cache against a fresh call. scripts/extract_diff.py
checks whole articles; these check each shortcut, on texts built to hit its edges."""
from __future__ import annotations

from unittest import mock

from hypothesis import example, given, settings
from hypothesis import strategies as st

from warledger.extract import dates, events, nonevents
from warledger.extract import singular_victims as casualties  # the singular-victim code moved there
from warledger.extract.actors import find_actors
from warledger.extract.candidates import Unit, actors_of
from warledger.extract.event_places import _place_dict
from warledger.extract.text import sentences
from warledger.extract.types import find_triggers
from warledger.records import Place

# the words the gates look for (in several cases), near misses, and glue
PIECES = ["could ", "Would ", "might", "MAY ", "will", "plans ", "Threatened ", "warns ", "denied ",
          "DENY ", "deni", "ould", "den ", "mayor ", "killed ", "Killed ", "KILLED ", "dead ", "martyr",
          "slain", "life", "a girl ", "boy ", "child ", "a woman ", "man ", "policeman ", "civilian ",
          "baby ", "infant ", "toddler ", "teenager ", "journalist ", "soldier ", "fighter ", "manner ",
          "shot down ", "shooting down the ", "helicopter ", "downed ", "a drone ", "took over ", "250 ",
          "hostages ", "protection to civilians against ", "airstrikes ", "fears of ", "air force ",
          "patrols ", "jets ", "flew over ", "on Monday ", "yesterday ", "last week ", "in August 2013 ",
          "2017-04-05 ", "Nov 14-17 ", "the past 48 hours ", "two days ago ", "IS ", "army ", "Syrian ",
          "said ", " ", ". ", "-", "_", "7", "a", "x", "\n"]
texts = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)
# non-ASCII pieces: no Unit.low, the slow forms decide
wide = st.lists(st.sampled_from(PIECES + ["caf\u00e9 ", "\u0130", "\u017fhot down ", "\u212aILLED "]),
                max_size=16).map("".join)


def _units(text: str) -> list[Unit]:
    low = text.lower() if text.isascii() else None
    return [Unit("body", text, s, e, i, low=low) for i, (s, e) in enumerate(sentences(text))]


@settings(max_examples=500, deadline=None)
@given(wide)
@example("The army denied it. Two died")
@example("x could")
def test_hedged_gate_is_the_regex(s):
    for u in _units(s) + [Unit("body", s, 0, len(s), 0, low=s.lower() if s.isascii() else None)]:
        assert events._hedged(u) == (events._HEDGE.search(s[u.start:u.end]) is not None), (s, u.start, u.end)


def test_hedge_gate_fragments_cover_every_word():
    words = ["could", "would", "might", "may", "will", "plan", "plans", "threat", "warn", "denied", "deny"]
    for w in words:
        assert any(f in w for f in events._HEDGE_GATE), w
        assert events._hedged(Unit("body", f"They {w.upper()} go", 0, 10 + len(w), 0, low=f"they {w} go"))


@settings(max_examples=500, deadline=None)
@given(texts)
def test_maybe_singular_on_lower_case_is_the_word_test(s):
    low = s.lower()
    assert casualties._maybe_singular(s, 0, len(s), low) == any(k in low for k in casualties._SINGULAR_GATE)


@settings(max_examples=500, deadline=None)
@given(wide)
@example("a woman was killed")
@example("one policeman was shot dead")
def test_singular_noun_gate_drops_nothing(s):
    low = s.lower()
    if casualties._SINGULAR_NOUN.search(low):
        assert casualties._has_singular_noun(low), s
    got = casualties._singulars(s, 0, len(s), low if s.isascii() else None)
    with mock.patch.object(casualties, "_has_singular_noun", lambda _low: True):  # gate open
        want = casualties._singulars(s, 0, len(s), low if s.isascii() else None)
    assert [(c.start, c.end, c.group, c.noun, c.status) for c in got] == \
        [(c.start, c.end, c.group, c.noun, c.status) for c in want]


def _old_drop_false_triggers(text, start, end, triggers, low=None):
    """nonevents.drop_false_triggers as it was before its gate words were collected in one pass."""
    if not triggers:
        return triggers
    low = text[start:end].lower() if low is None else low
    rx = nonevents._rx()
    if len(low) != end - start or next(rx["gate"].iter(low), None) is None:
        return triggers
    spans = [(m.start("t") + start, m.end("t") + start)
             for pat, gate in zip(rx["false"], rx["gates"]) if any(g in low for g in gate)
             for m in pat.finditer(low) if m.group("t")]
    if not spans:
        return triggers
    return [t for t in triggers if not any(s <= t.start and t.end <= e for s, e in spans)]


@settings(max_examples=500, deadline=None)
@given(wide)
@example("rebels shot down a helicopter and took over 250 hostages")
def test_false_triggers_with_gate_words_in_one_pass(s):
    trig = find_triggers(s)
    got = nonevents.drop_false_triggers(s, 0, len(s), list(trig))
    want = _old_drop_false_triggers(s, 0, len(s), list(trig))
    assert [(t.start, t.end) for t in got] == [(t.start, t.end) for t in want]


def test_false_trigger_is_dropped():
    s = "Rebels shot down the helicopter near Idlib."
    trig = find_triggers(s)
    assert any(t.text == "helicopter" for t in trig)
    assert not any(t.text == "helicopter" for t in nonevents.drop_false_triggers(s, 0, len(s), trig))


def _hit_keys(hs):
    return [(h.start, h.end, h.text, h.name, h.category) for h in hs]


@settings(max_examples=300, deadline=None)
@given(wide)
@example("Syrian air strikes killed 7. IS fighters said")
def test_actors_of_is_find_actors_once(s):
    for u in _units(s):
        got = actors_of(u)
        assert _hit_keys(got) == _hit_keys(find_actors(s[u.start:u.end], u.start))
        assert actors_of(u) is got  # found once, then kept on the unit


@settings(max_examples=400, deadline=None)
@given(texts, st.integers(0, 3000))
@example("Nov 14-17 on Monday ", 800)
def test_find_dates_with_lower_case_given(s, day):
    from datetime import date, timedelta

    pub = date(2015, 1, 1) + timedelta(days=day)
    low = s.lower()
    for a, b in sentences(s) + [(0, len(s))]:
        assert dates.find_dates(s, a, b, published=pub, lower=low) == dates.find_dates(s, a, b, published=pub)


def test_place_dict_is_to_dict():
    p = Place(name="Aleppo", gazetteer_id="1", admin1="SY02", country="SY", lat=36.2, lon=37.1,
              precision="place")
    assert _place_dict(p) == p.to_dict() and list(_place_dict(p)) == list(p.to_dict())
    odd = Place(name=["not", "a", "scalar"])  # not a plain value: the generic walk
    assert _place_dict(odd) == odd.to_dict()
