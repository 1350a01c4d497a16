"""The actor and claimant shortcuts give what the forms they replace give: both lexicons in
one pass (actors.actors_and_claimants), its shadow automata, the nation pre-test of
find_actors (scripts/extract_diff.py checks whole articles; these check each shortcut on its
own, on generated text built from the words the shortcuts look at)."""
from __future__ import annotations

import dataclasses
import re
from datetime import date
from unittest import mock

import pytest

from hypothesis import example, given, settings
from hypothesis import strategies as st

from warledger.extract import actors, dates, events, furniture, singular_victims
from warledger.extract.candidates import Candidate, Unit, actors_of, claimants_of
from warledger.extract.lexicon import load
from warledger.extract.dates import DateMention
from warledger.extract.numbers import Casualty, Quantity
from warledger.extract.types import Trigger
from warledger.records import Count
from warledger.extract.text import foldsafe


def _aliases() -> list[str]:
    """Some of each lexicon's aliases as written (all-capitals, dotted, hyphenated, multi-word)."""
    acts = [a for e in load("actors.json")["actors"] for a in e["aliases"]]
    clms = [a for aliases in load("claimants.json")["claimants"].values() for a in aliases]
    picked = [a for a in acts + clms if not a.isascii() or any(c in a for c in "./-’'") or a.isupper()]
    return sorted(set(picked))[:120] + sorted(set(acts + clms))[::15]


# aliases, nation and weapon words, the characters the shadows keep or fold, and folding traps
PIECES = _aliases() + [
    "Syrian", "syria", "SYRIAN", "Russian", "RUSSIAS", "US", "us", "Us", "U.S.", "u.s.", "American",
    "Turkish", "Israeli", "air", "strikes", "Strike", "raid", "Raids", "jets", "warplanes", "shelling",
    "and", "or", "military", "IS", "ISIS", "ISIS-K", "Is", "SDF", "UN", "U.N.", "SOHR", "SANA", "SAA",
    "activists", "said", "loyalists", "Assad", "al-Qaeda", "Hezbollah", "Free Syrian Army", "rebels",
    " ", " ", " ", ".", ",", "-", "/", "_", "#", "’", "'", "2", "23", "x", "Z", "\u017fyrian",
    "\u0131sraeli", "\u212a", "\u0130", "\u00e9"]
texts = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)
spaced = st.lists(st.sampled_from(PIECES), max_size=14).map(" ".join)


def _key(hits):
    return [(h.start, h.end, h.text, h.name, h.category) for h in hits]


def _outcome(f, *args):
    """The hits' keys, or the exception's type: "\u017fyrian strikes" (long s) matches the
    nation regex case-blind but is no _NATION_ACTOR key, a KeyError the shortcuts must keep."""
    try:
        got = f(*args)
    except KeyError as e:
        return type(e)
    return tuple(_key(h) for h in got) if isinstance(got, tuple) else _key(got)


@settings(max_examples=600, deadline=None)
@given(st.one_of(texts, spaced))
@example("The U.N.-backed SDF and ISIS-K said Syrian air strikes hit IS")
@example("\u0130Syrian air strikes, SOHR said")  # lower-casing lengthens the text
def test_actors_and_claimants_is_both(s):
    low = s.lower() if s.isascii() else None
    want_a = _outcome(actors.find_actors, s, 7)
    want = want_a if want_a is KeyError else (want_a, _outcome(actors.find_claimants, s, 7))
    assert _outcome(actors.actors_and_claimants, s, 7, low) == want


@settings(max_examples=600, deadline=None)
@given(st.one_of(texts, spaced).filter(str.isascii))
@example("u.s.-backed U.S. US/UN ISIS-K_ ISIS-Kx 2IS IS2 #IS# al-qaeda-linked")
def test_shadow_scans_are_the_plain_scans(s):
    both = actors._both()
    assert both._fold_shadow is not None and both._exact_shadow is not None  # the tests reach them
    for auto, shadow, src in ((both._fold, both._fold_shadow, s.lower()), (both._exact, both._exact_shadow, s)):
        plain: tuple[list, list] = ([], [])
        actors._scan(auto, src, len(s), *plain)
        shadowed: tuple[list, list] = ([], [])
        actors._scan_shadow(shadow, src, *shadowed)
        assert shadowed == plain


def test_shadow_keeps_word_edges():
    # "-" and "_" are word characters (no hit), ".", "/" and spaces end a word
    s = "US-backed IS_x U.S./ISIS forces of al-Qaeda; Free Syrian Army-held"
    a, _ = actors.actors_and_claimants(s, 0, s.lower())
    assert [h.text for h in a] == [h.text for h in actors.find_actors(s)]
    assert "IS" not in [h.text for h in a] and "ISIS" in [h.text for h in a]


@pytest.mark.pure_only  # the patch cannot reach compiled callers
@settings(max_examples=600, deadline=None)
@given(st.one_of(texts, spaced))
@example("told us air strikes hit Idlib")
@example("The US and Russian jets")
@example("US jets struck, U.S. jets and American drones")  # no other nation: "US" alone opens it
def test_nation_pretest_changes_no_actor_hit(s):
    got = _outcome(actors.find_actors, s, 3)
    with mock.patch.object(actors, "_nation_named", lambda t, low: True):
        want = _outcome(actors.find_actors, s, 3)
    assert got == want


def test_nation_pretest_still_finds_the_states():
    names = {h.name for h in actors.find_actors("Syrian air strikes hit while US jets and Israeli warplanes flew")}
    assert {"Syrian government forces", "US-led coalition", "Israel"} <= names
    for s in ("US jets struck", "u.s. jets struck", "Turkish shelling", "American drones hit"):
        assert [h.name for h in actors.find_actors(s)][-1:] in (["US-led coalition"], ["Turkish armed forces"])
    assert not actors._nation_named("They told us shelling hit the town", "they told us shelling hit the town")
    assert actors.find_actors("They told us shelling hit the town") == []


def test_unit_hits_are_found_once_for_both():
    text = "Rebels said IS fighters and Syrian warplanes struck, the SOHR said. Nothing here."
    u = Unit("body", text, 0, text.index(".") + 1, 0, low=text.lower())
    a = actors_of(u)
    c = u.claimants
    assert c is not None  # found with the actors
    assert claimants_of(u) is c and actors_of(u) is a
    assert _key(a) == _key(actors.find_actors(text[u.start:u.end]))
    assert _key(c) == _key(actors.find_claimants(text[u.start:u.end]))
    assert "Syrian Observatory for Human Rights" in [h.name for h in c]


# ---------------------------------------------------------------- dates: scan starts and gates

DATE_PIECES = ["on", "On", "last", "Last", "this", "early", "late", "during", "During", "in", "In", "since",
               "mid-", "Mid", "of", "the", "Monday", "monday", "Sunday", "Friday", "night", "morning",
               "May", "March", "Mar", "Sept.", "Dec", "December", "Decision", "Marine", "June", "4", "14",
               "4th", "2013", "2017-04-05", "1999", "20", "-", "to", "and", "days", "day", "hours", "ago",
               "week", "month", "year", "yesterday", "today", "tonight", "pro-government", "x", "\u017f",
               " ", " ", "  ", "\n", "\t", "\u00a0", "\u3000", ".", ","]
date_texts = st.lists(st.sampled_from(DATE_PIECES), max_size=14).map("".join) | \
    st.lists(st.sampled_from(DATE_PIECES), max_size=14).map(" ".join)


def _dates(s):
    return [(d.start, d.end, d.text, d.date, d.precision, d.basis, d.reporting, d.span_days)
            for d in dates.find_dates(s, 2, None, published=date(2017, 4, 5))]


@settings(max_examples=800, deadline=None)
@given(date_texts)
@example("xx during \n\t May 2013 and last\u00a0December, on  Monday night")
@example("xx Marine in Mid  March 2014")
def test_date_scans_from_the_first_name_find_the_same(s):
    s = "ab" + s
    got = _dates(s)
    with mock.patch.dict(dates._FROM_NAME, clear=True):  # every pattern scanned from the start
        assert _dates(s) == got


@settings(max_examples=800, deadline=None)
@given(date_texts)
def test_shut_date_gates_shut_no_match(s):
    # a shut gate spares a pattern no match: each gate is a word the pattern cannot match without
    low = s.lower()
    safe = foldsafe(s)
    gates = dates._gates(low, dates._MONTH_STEM.search(s) is not None, s, safe)
    for (kind, rx, lrx), g in zip(dates._TRIPLES, gates):
        if not g:
            assert rx.search(s) is None, kind


# ---------------------------------------------------------------- furniture: literal-led scans

FURNITURE_PIECES = ["Tags ", "Tags", "xTags ", "-Tags ", "Related News ", "Related Coverage ", "Related ",
                    "Views 12 Related ", "... 91 Related ", "(AFP photo)", "(Reuters Photo)", "(AP)",
                    "(Reuters)", "(TRT World and Agencies)", "In this photo ", "This image ", "this picture ",
                    "June 6 2015 ", "March 7, 2016 ", "is seen ", "shows ", "The ", "Three ", "killed ",
                    "Syria ", "Aleppo ", "A", "x", ". ", " ", "-", "_"]
furniture_texts = st.lists(st.sampled_from(FURNITURE_PIECES), max_size=16).map("".join)


@settings(max_examples=600, deadline=None)
@given(furniture_texts)
@example("Tags Syria Aleppo The town. xTags A Tags B")
def test_furniture_scans_start_at_their_literal(s):
    for rx, lit in ((furniture._TAGS, "Tags "), (furniture._RELATED_TO_END, "Related "),
                    (furniture._RELATED_TO_LEDE, "Views ")):
        first = s.find(lit)
        want = [m.span() for m in rx.finditer(s)]
        assert want == ([m.span() for m in rx.finditer(s, first)] if first >= 0 else [])


def _ref_captions(body):
    """furniture._captions without its literal gates: each pattern scans the whole body."""
    out = []
    for rx in (furniture._CREDIT, furniture._CAPTION_END):
        for m in rx.finditer(body):
            start = body.rfind(". ", 0, m.start()) + 2 if ". " in body[:m.start()] else 0
            if m.start() - start < 400 and furniture._CAPTION_VERB.search(body, start, m.start()):
                out.append((start, m.end()))
    for m in furniture._PHOTO.finditer(body):
        end = furniture._PHOTO_CREDIT.search(body, m.end(), m.end() + 500)
        if end is not None:
            out.append((m.start(), end.end()))
    return sorted(out)


@settings(max_examples=600, deadline=None)
@given(furniture_texts)
@example("A man walks in Aleppo (Reuters Photo) BEIRUT. This image shows ruins (AP photo) x")
def test_caption_gates_change_no_caption(s):
    assert sorted(furniture._captions(s)) == _ref_captions(s)


def test_masked_still_blanks_captions_and_tags():
    body = ("A fighter walks near ruins in Aleppo on Monday (AFP photo) BEIRUT Three people were killed. "
            "Tags Syria Aleppo The strike hit.")
    out = furniture.masked(body)
    assert len(out) == len(body) and "AFP photo" not in out and "Tags" not in out
    assert "Three people were killed." in out and "The strike hit." in out


# ---------------------------------------------------------------- substring tests before regexes

CLAUSE_PIECES = ["after", "After", "AFTER", "afterwards", "following", "Following", "in", "In", "retaliation",
                 "revenge", "response", "Response", "for", "to", "killed", "kill", "Kill", "dead", "martyrs",
                 "slain", "life", "lives", "assassinated", "Assassination", "KILLED", "x", " ", "  ", "\n", "-", "."]
clause_texts = st.lists(st.sampled_from(CLAUSE_PIECES), max_size=14).map(" ".join) | \
    st.lists(st.sampled_from(CLAUSE_PIECES), max_size=14).map("".join)


@settings(max_examples=600, deadline=None)
@given(clause_texts, st.integers(0, 40), st.integers(0, 40))
@example("killed 5 in retaliation  for x", 3, 0)
@example("killed 5 In Revenge for x", 0, 0)
@example("killed 5 in response to x", 0, 0)
@example("killed 5 Following x", 0, 0)
@example("AFTER x", 0, 0)
def test_later_clause_is_the_regex(s, a, cut):
    text = "Intro. " + s
    end = max(0, len(text) - cut)
    u = Unit("body", text, 7, end, 1, low=text.lower() if text.isascii() else None)
    got = events._later_clause(u, a)
    want = events._LATER_CLAUSE.search(text, a, end)
    assert (got and got.span()) == (want and want.span())


@settings(max_examples=600, deadline=None)
@given(clause_texts, st.integers(0, 30), st.integers(0, 30))
def test_singular_gate_is_the_alternation(s, a, cut):
    rx = re.compile("|".join(singular_victims._SINGULAR_GATE))  # the regex the substring tests replace
    end = max(0, len(s) - cut)
    assert singular_victims._maybe_singular(s, a, end) == (rx.search(s, a, end) is not None)


# ---------------------------------------------------------------- compiled __init__ of the records

_UNIT_ALL = dict(field="title", text="t x", start=1, end=3, index=-1, casualties=[], dates=[], places=[],
                 triggers=[], dates_done=True, skip_to=2, pub=date(2017, 4, 5), low="t x", claims=[], actors=[],
                 claimants=[])
_CANDIDATE_ALL = dict(units=[], killed=Count(best=2), injured=Count(), victims={}, victim_sides={}, fatal=True,
                      evidence=[], date="2017-04-05", date_precision="day", date_basis="explicit", place=None,
                      place_rank=3, actor1="IS", actor1_score=0.5, actor2="SDF", claimed_by=[], trigger=(1, 2),
                      title=True, date_from_report=True, part=True, background=True, own_place=(0, 1))


_QUANTITY_ALL = dict(start=1, end=4, text="200", low=None, best=200, high=300, qualifier="up to", vague=True,
                     unquantified=True)
_QTY = Quantity(0, 1, "5", 5, 5, 5)
_CASUALTY_ALL = dict(start=2, end=9, qty=_QTY, outcome="killed", group="people", noun="people", side="IS",
                     parent=0, status="negated", trigger=(3, 9, "killed"), notes=[])


@pytest.mark.parametrize("cls, required, every", [
    (Unit, ("body", "text", 1, 3, 0), _UNIT_ALL),
    (Candidate, ([], Count(), Count(), {}, {}, False), _CANDIDATE_ALL),
    (Quantity, (0, 2, "12", 12, 12, 12), _QUANTITY_ALL),
    (Casualty, (0, 2, _QTY), _CASUALTY_ALL),
    (actors.Hit, (0, 2, "IS", "Islamic State"), dict(start=1, end=3, text="IS", name="Islamic State", category="x")),
    (Trigger, (0, 2, "shelling", 3, True), dict(start=1, end=9, text="shelling", rule=4, weak=False)),
    (DateMention, (0, 6, "Monday", "2017-04-03", "day", "weekday"),
     dict(start=1, end=7, text="Monday", date="2017-04-03", precision="day", basis="weekday", reporting=True,
          span_days=2)),
])
def test_own_init_is_the_dataclass_init(cls, required, every):
    """Unit and Candidate write their __init__ out (mypyc compiles it; the generated one runs
    interpreted): it must set every field as the dataclass's would, defaults included."""
    fs = dataclasses.fields(cls)
    assert [f.name for f in fs] == list(every)  # a new field needs its line in __init__ (and here)
    bare = cls(*required)
    for f, v in zip(fs, required):
        assert getattr(bare, f.name) is v
    for f in fs[len(required):]:
        want = f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default
        assert getattr(bare, f.name) == want, f.name
    for f in fs:  # a list from a default factory: a fresh one each time
        if f.default_factory is not dataclasses.MISSING:
            assert getattr(bare, f.name) is not getattr(cls(*required), f.name)
    full = cls(**every)
    for k, v in every.items():  # the containers themselves (a compiled float attribute is re-boxed)
        assert getattr(full, k) is v if isinstance(v, (list, dict)) else getattr(full, k) == v, k
    assert full == cls(**every) and bare != full  # the dataclass's eq, field by field
