"""Speed work on casualties.py: the sentence's shared lower case must not change answers.

ASCII sentences now slice one lower-cased copy for every per-figure window; non-ASCII ones
still lower-case each window. The same sentence run down both paths (a closing quote mark
appended makes it non-ASCII without touching any window's words) must give the same figures.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from warledger.extract.casualties import find_casualties
from warledger.extract.figure_status import _Cumulative, _status

WORDS = ["killed", "were", "killing", "wounded", "injuring", "civilians", "fighters", "people",
         "including", "children", "and", "at", "least", "dead", "toll", "rose", "to", "since",
         "2011", "could", "no", "not", "one", "of", "them", "Islamic", "State", "militants",
         "the", "death", "earlier", "12", "nine", "dozens", "more", "than", "soldiers", "army",
         "hours", "percent", "IS", "a", "woman", "child", "left", "raid", "so", "far",
         "pro-government", "Kurdish-led", "so-called", "opposition-affiliated", "Syrian"]


def _view(cs):
    return [(c.start, c.end, c.qty.best, c.outcome, c.group, c.noun, c.side, c.parent, c.status, c.trigger)
            for c in cs]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=30))
def test_ascii_and_fallback_paths_agree(words):
    sent = " ".join(words)
    odd = sent + " \u201d"  # non-ASCII: every window is lower-cased on its own
    a = _view(find_casualties(sent, 0, len(sent)))
    b = _view(find_casualties(odd, 0, len(odd)))
    assert a == b


def test_far_noun_and_late_outcome_agree_on_both_paths():
    for sent in ("Warplanes killed 12 pro-government Kurdish-led so-called opposition-affiliated militants.",
                 "Some 120 ISIS fighters and 60 foreign mercenaries were reportedly killed in the raids.",
                 "The toll rose to 30 people, including nine children, in the shelling that left many hurt.",
                 "A total of 15 civilians among them 11 children were killed since 2011 in the town."):
        odd = sent + " \u201d"
        plain = _view(find_casualties(sent, 0, len(sent)))
        assert plain and plain == _view(find_casualties(odd, 0, len(odd))), sent


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=2, max_size=30), st.data())
def test_status_with_shared_lower_matches_plain(words, data):
    sent = " ".join(words)
    cs = find_casualties(sent, 0, len(sent))
    for c in cs:
        qs, qe = c.qty.start, c.end
        shared = _status(sent, qs, qe, c, _Cumulative(sent, sent.lower()), sent.lower())
        plain = _status(sent, qs, qe, c, None, None)
        assert shared == plain


def test_known_sentence_statuses():
    sent = "The death toll since 2011 rose to 300 people killed, and 12 civilians were killed on Monday."
    cs = find_casualties(sent, 0, len(sent))
    assert [(c.qty.best, c.outcome, c.status) for c in cs] == [(300, "killed", "cumulative"),
                                                               (12, "killed", "cumulative")]
    sent = "Officials warned that 12 civilians were killed in the raid."
    assert [c.status for c in find_casualties(sent, 0, len(sent))] == ["hypothetical"]
    sent = "Twelve civilians were not killed in the raid."
    assert [c.status for c in find_casualties(sent, 0, len(sent))] == ["negated"]
    sent = "Twelve civilians were killed in the raid."
    assert [c.status for c in find_casualties(sent, 0, len(sent))] == ["event"]


# --------------------------------------------------------------------------- dates gates

from warledger.extract import dates as D  # noqa: E402
from warledger.extract.actors import _word_bounded  # noqa: E402
from warledger.extract.types import find_triggers, find_triggers_spans  # noqa: E402

DATE_WORDS = ["on", "Monday", "Sunday", "last", "past", "week", "month", "days", "day", "of",
              "hours", "48", "three", "four-day", "stretch", "since", "Wednesday", "fighting",
              "yesterday", "night", "tonight", "this", "morning", "in", "August", "2013", "May",
              "25", "2017-04-04", "the", "previous", "long", "period", "killed", "12", "people",
              "over", "a", "earlier", "today", "same", "Nov.", "14-17", "-", "hour", "before",
              "evening", "afternoon", "within", "during", "Friday"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(DATE_WORDS), min_size=1, max_size=25),
       st.sampled_from([" ", "  ", " \n "]))
def test_date_gates_never_shut_a_pattern_that_matches(words, sep):
    # the gates may only skip a scan that would find nothing
    sent = sep.join(words)
    low = sent.lower()
    gates = D._gates(low, D._MONTH_STEM.search(sent) is not None, sent, True)
    for (kind, rx, lrx), open_ in zip(D._TRIPLES, gates):
        found = (lrx.search(low) if lrx is not None else rx.search(sent)) is not None
        assert open_ or not found, (kind, sent)


def test_window_length_gate_opens_for_a_length_phrase():
    sent = "after three days of fighting in the town"
    gates = D._gates(sent, False, sent, True)
    assert gates[6]  # "window"
    assert not any(D._gates("the army said", False, "the army said", True))
    for sent, i in (("shelling this evening", 5), ("raids this morning", 5), ("clashes last night", 4),
                    ("strikes in the past 48 hours", 6), ("fighting this week", 7)):
        assert D._gates(sent, False, sent, True)[i], sent


# --------------------------------------------------------------------------- actors / triggers

def _word_bounded_spec(text, spans):
    n = len(text)
    for s, e in spans:
        if s > 0 and (text[s - 1].isalnum() or text[s - 1] in "-_"):
            return False
        if e < n and (text[e].isalnum() or text[e] in "-_"):
            return False
    return True


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab1_- .,\u0663\u00e9\u2019\n", min_size=1, max_size=40), st.data())
def test_word_bounded_matches_its_spec(text, data):
    cuts = sorted(set(data.draw(st.lists(st.integers(0, len(text)), max_size=6))))
    spans = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    assert _word_bounded(text, spans) == _word_bounded_spec(text, spans)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["air", "strikes", "killed", "shelling", "clashes", "IS", "car",
                                 "bomb", "attack", "the", "town.", "Rebels", "stormed", "x"]),
                min_size=1, max_size=30))
def test_triggers_in_one_pass_equal_per_span(words):
    text = " ".join(words)
    from warledger.extract.text import sentences
    spans = sentences(text)
    assert find_triggers_spans(text, spans) == [find_triggers(text, s, e) for s, e in spans]


# --------------------------------------------------------------------------- victim nouns

from warledger.extract.actors import _SHADOW_WORDS  # noqa: E402
from warledger.extract.casualties import _rx, _victim_noun  # noqa: E402

NOUN_BITS = ["members", "of", "one", "the", "same", "family", "security", "forces", "pro-government",
             "government", "men", "man", "many", "more", "others", "dead", "aid", "workers", "12",
             "civilians", "fighter", "fighters", "-", "_", ".", ",", "\n", "  ", "x", "women", "rebel"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(NOUN_BITS), min_size=1, max_size=25), st.sampled_from(["", " "]), st.data())
def test_victim_noun_automaton_is_the_regex(bits, sep, data):
    low = sep.join(bits).lower()
    shadow = low.encode("ascii").translate(_SHADOW_WORDS).decode("ascii")
    qe = data.draw(st.integers(0, len(low)))
    m = _rx()["noun"].search(low[qe:qe + 70])
    assert _victim_noun(shadow, qe) == (m.span() if m else None)


def test_victim_noun_prefers_the_longer_alternative_at_one_start():
    for low, want in (("3 family members died", (1, 15)), ("7 members of the same family", (1, 27)),
                      ("5 people and more", (1, 7)), ("9 many", None), ("4 pro-government forces", (1, 22))):
        shadow = low.encode("ascii").translate(_SHADOW_WORDS).decode("ascii")
        m = _rx()["noun"].search(low[1:71])
        assert (m.span() if m else None) == want
        assert _victim_noun(shadow, 1) == want, low


OUTCOME_BITS = ["killed", "wounded", "injured", "died", "kidnapped", "arrested", "were", "and", "12",
                "people", "killing", "dead", "hurt", "-", "x", "  ", "missing", "executed", "shot"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(OUTCOME_BITS), min_size=1, max_size=20), st.sampled_from(["", " "]))
def test_one_outcome_scan_is_three(bits, sep):
    window = sep.join(bits)
    best = None
    for kind in ("killed", "injured", "other"):
        m = _rx()[kind].search(window)
        if m and (best is None or m.start() < best[1].start()):
            best = (kind, m)
    m = _rx()["outcome"].search(window)
    assert ((m.lastgroup, m.span()) if m else None) == ((best[0], best[1].span()) if best else None)


# --------------------------------------------------------------------------- outcome-word gate

import re  # noqa: E402

import pytest  # noqa: E402
from hypothesis import example  # noqa: E402

from warledger.extract import casualties as CAS  # noqa: E402
from warledger.extract import singular_victims as SV  # noqa: E402
from warledger.extract.numbers import find_quantities  # noqa: E402

# figures, victim nouns and every word an outcome test reads, plus near misses
GATE_BITS = ["12", "nine", "one", "dozens", "2011", "hours", "km", "people", "civilians", "children",
             "fighters", "members", "troops", "rebels", "of", "them", "whom", "the", "were", "among",
             "included", "including", "victims", "dead", "fatalities", "those", "who", "died",
             "killed", "toll", "death", "number", "rose", "to", "at", "and", "regime", "martyrs",
             "leaving", "left", "lost", "lives", "claimed", "hurt", "wounds", "in", "a", "woman",
             "child", "men", "more", "others", "soldier", "Reuters", "reporter", "Abdallah,", "37",
             "was", "shot", "missing", "arrested", "kidnapped", "fled", "said", "on", "Monday", "."]


def _ungated(sent):
    with pytest.MonkeyPatch.context() as mp:
        hits = CAS._sentence_hits  # the gate open, the cumulative and hypothetical spans kept
        mp.setattr(CAS, "_sentence_hits", lambda low: (True, *hits(low)[1:]))
        return _view(find_casualties(sent, 0, len(sent)))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(GATE_BITS), min_size=1, max_size=25))
@example(["12", "children", "were", "among", "the", "victims"])
@example(["five", "of", "the", "fatalities", "were", "children"])
@example(["9", "martyrs", "in", "a"])
@example(["the", "toll", "rose", "to", "12"])
@example(["12", "people", "lost", "their", "lives"])
def test_outcome_gate_changes_no_answer(words):
    # the gate returns early only where the full run keeps no figure
    sent = " ".join(words)
    assert _view(find_casualties(sent, 0, len(sent))) == _ungated(sent)


def test_outcome_gate_fires_and_holds_every_outcome_word():
    # it does skip figures that are no casualty, and the same answer comes out
    for sent in ("The town lies 30 km from the border and had 12000 people in 2011.",
                 "Some 300 families returned after 48 hours, officials said on Monday."):
        assert CAS._no_outcome_word(sent.lower())
        assert _view(find_casualties(sent, 0, len(sent))) == _ungated(sent) == []
    lex = CAS.load("casualty_words.json")
    for w in [*lex["killed"], *lex["injured"], *lex["other_outcome"], "dead", "martyrs", "victims",
              "fatalities", "those who died", "number of", "toll"]:
        assert not CAS._no_outcome_word(f"12 people {w.lower()}"), w
    # one word short is a sentence with an outcome: the gate stays open
    sent = "Twelve children were among the victims."
    assert not CAS._no_outcome_word(sent.lower())
    assert [c.outcome for c in find_casualties(sent, 0, len(sent))] == ["killed"]


def test_outcome_after_the_noun_of_each_kind():
    # the combined pattern opens the per-kind tests for every kind, not only "killed"
    for sent, want in (("Twelve people were wounded.", "injured"), ("Twelve people were kidnapped.", "other"),
                       ("Twelve people were killed.", "killed"), ("Twelve people were in town.", None),
                       # no victim noun: no later search repairs a missed word after the figure
                       ("Twelve were wounded.", "injured"), ("Twelve were kidnapped.", "other"),
                       ("He said twelve were in town.", None)):
        assert [c.outcome for c in find_casualties(sent, 0, len(sent))] == ([want] if want else []), sent


OUTCOME_CASE_BITS = OUTCOME_BITS + ["Killed", "WOUNDED", "Injured", "killings", "kill-", "\u00e9",
                                    "\u212a", "displaced", "detained"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(OUTCOME_CASE_BITS), min_size=0, max_size=8), st.sampled_from(["", " ", "-"]))
def test_combined_outcome_match_none_means_no_kind_matches(bits, sep):
    # find_casualties tries the three kinds only after the combined pattern matched
    imm = sep.join(bits)
    fx = CAS._fx()
    if fx["outcome"].match(imm, imm.lower()) is None:
        assert all(fx[k].match(imm, imm.lower()) is None for k in ("killed", "injured", "other"))
    else:
        assert any(fx[k].match(imm, imm.lower()) is not None for k in ("killed", "injured", "other"))


# --------------------------------------------------------------------------- _status gates

STATUS_BITS = ["12", "nine", "dozens", "people", "civilians", "were", "killed", "could", "would",
               "may", "May", "dismay", "if", "ifs", "risk", "warned", "denied", "plans", "to",
               "earlier", "toll", "had", "previously", "reported", "up", "from", "of", "no",
               "not", "since", "Monday", "fake", "claims", "that", "in", "on", "the", "\u201d"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(STATUS_BITS), min_size=2, max_size=30))
@example(["officials", "warned", "12", "people", "were", "killed"])
@example(["the", "earlier", "toll", "of", "12", "people", "killed"])
@example(["had", "previously", "reported", "12", "people", "killed"])
@example(["12", "people", "killed", "may", "rise"])
@example(["the", "toll", "rose", "to", "30", "up", "from", "12", "people", "killed"])
def test_status_sentence_gates_match_plain(words):
    # the sentence-wide tests ("toll" in the sentence, hypothetical words' positions) only
    # skip scans of windows that cannot match: same status as the window-by-window path
    sent = " ".join(words)
    for c in find_casualties(sent, 0, len(sent)):
        if "named" in c.notes or c.qty.text == c.noun:
            continue
        qs, qe = c.qty.start, c.end
        low = sent.lower() if sent.isascii() else None
        fast = _status(sent, qs, qe, c, _Cumulative(sent, low), low)
        assert fast == _status(sent, qs, qe, c, None, None), sent


def test_hypothetical_positions_gate_windows():
    sent = "12 people were killed and the toll may rise"
    cum = _Cumulative(sent, sent.lower())
    may = sent.index("may")
    assert not cum.hypothetical(0, may)  # no hypothetical word before "may"
    assert cum.hypothetical(may, len(sent))  # "may" lies inside
    assert not cum.hypothetical(may + 1, len(sent))  # "may" cut: the window holds only "ay"
    assert not cum.hypothetical(0, may + 2)


# --------------------------------------------------------------------------- qualifier window

QTY_BITS = ["at", "least", "more", "than", "over", "some", "up", "to", "nearly", "about", "approx.",
            "an", "estimated", "12", "nine", "dozens", "a", "number", "of", "several", "  ", "-", "Over"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(QTY_BITS), min_size=1, max_size=20))
def test_quantities_with_shared_lower_match_plain(bits):
    text = " ".join(bits)
    assert find_quantities(text, None, text.lower()) == find_quantities(text)
    # from the digits alone the qualifier is found looking back (the window test)
    digits = [m.start() for m in re.finditer(r"(?<!\d)\d", text)]
    assert find_quantities(text, digits, text.lower()) == find_quantities(text, digits)


def test_qualifier_found_looking_back_from_a_digit():
    text = "killed at least   12 people"
    q = find_quantities(text, [text.index("12")], text.lower())
    assert [(x.text, x.qualifier) for x in q] == [("at least   12", "at least")]


# --------------------------------------------------------------------------- singular nouns

SINGULAR_BITS = ["a", "woman", "women", "man", "men", "policeman", "cameraman", "girl", "child",
                 "children", "boy", "boys", "soldier", "soldiers", "pro-government", "fighter", "-",
                 "_", "man1", "2", "x", "killed", "was", "journalist", "photojournalist", "teen",
                 "teenager", ".", ",", "\n", "  ", "(", "'s", "toddler", "leader"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(SINGULAR_BITS), min_size=0, max_size=25), st.sampled_from(["", " ", "-"]))
@example(["girl", " ", "child"], "")
@example(["man", "_"], "")
@example(["-", "woman", "-"], "")
def test_singular_noun_automaton_is_the_regex(bits, sep):
    low = sep.join(bits).lower()
    want = [(m.start(), m.end(), m.group(1)) for m in SV._SINGULAR_NOUN.finditer(low)]
    assert SV._singular_nouns(low) == want
    odd = low + " \u201d"  # the non-ASCII path keeps the regex
    assert SV._singular_nouns(odd) == want


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(SINGULAR_BITS + ["killing", "an", "Israeli", "our", "colleague",
                                                 "Issam", "Abdallah,", "37", "shot", "dead"]),
                min_size=1, max_size=25))
def test_singulars_agree_on_both_paths(words):
    sent = " ".join(words)
    odd = sent + " \u201d"
    assert _view(SV._singulars(sent, 0, len(sent), None)) == _view(SV._singulars(odd, 0, len(odd), None))


def test_singular_victims_still_found():
    sent = "An Israeli tank crew killed a Reuters reporter and a girl child was killed in Aleppo."
    got = [(c.noun, c.group, c.outcome) for c in SV._singulars(sent, 0, len(sent), None)]
    assert got == [("reporter", "civilians", "killed"), ("girl", "children", "killed")]


def test_title_case_check_ignores_a_stray_quote():
    # hypothesis found it: "killed Islamic Islamic" and the same with a closing quote mark
    # appended disagreed, the quote counted as a lower-case word
    for sent in ("killed Islamic Islamic", "killed Islamic Islamic \u201d"):
        assert find_casualties(sent, 0, len(sent)) == []

# --------------------------------------------------------------------------- round 13: one scan

def test_singular_nouns_from_the_shared_shadow():
    # find_casualties hands _singulars the shadow it made for the victim nouns
    from warledger.extract.actors import _SHADOW_WORDS
    for sent in ("A girl child was killed and a policeman-led unit lost a soldier.",
                 "killed a man_1 and a pro-government fighter, then a journalist (woman)"):
        low = sent.lower()
        shadow = low.encode("ascii").translate(_SHADOW_WORDS).decode("ascii")
        want = [(m.start(), m.end(), m.group(1)) for m in SV._SINGULAR_NOUN.finditer(low)]
        assert want and SV._singular_nouns(low, shadow) == SV._singular_nouns(low) == want


NAMED_BITS = ["killed", "killing", "kills", "overkilled", "assassinated", "assassinating", "assassin",
              "shot", "dead", "shot-dead", "_killed", "1killing", "Issam", "Abdallah", "a", "was", "-",
              ".", ",", "\n", "  ", "\u201d", "reporter", "killedx", "has", "had", "been", "swas", "hasbeen",
              "also", "reportedly", "slain", "martyred", "whas"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(NAMED_BITS), min_size=0, max_size=25), st.sampled_from(["", " ", "  "]))
@example(["shot", "dead", "killed", "Issam"], " ")
@example(["-", "killed", "Issam"], "")
@example(["_killed", " ", "killing", " "], "")
@example(["was", "also", "killed", "had", "been", "slain", "swas", "killed"], " ")
def test_named_verbs_are_the_finditer(bits, sep):
    # _named's verbs found from str.find of their first words: the same matches, in order
    low = sep.join(bits).lower()
    want = [m.span() for m in SV._NAMED_VERB.finditer(low)]
    assert [m.span() for m in SV._named_verbs(low)] == want
    want = [m.span() for m in SV._NAMED_PASSIVE.finditer(low)]
    assert [m.span() for m in SV._named_passives(low)] == want


def test_named_verbs_found_in_text_order():
    low = "he was shot dead after they killed abdallah and assassinated issam; killing more"
    assert [m.group(0).strip() for m in SV._named_verbs(low)] == ["shot dead", "killed", "assassinated", "killing"]
    low = "abdallah had been killed after issam was slain and hamid has been reportedly martyred"
    assert [m.group(0) for m in SV._named_passives(low)] == [
        "had been killed", "was slain", "has been reportedly martyred"]


HITS_BITS = ["killed", "kill", "dead", "toll", "since", "2011", "the", "start", "so", "far", "may",
             "could", "if", "no", "one", "was", "year-long", "-year", "war", "has", "it", "began", "12",
             "people", "in", "recent", "weeks", "warned", "risk", "victims", "died", "x", "-", ",", "."]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(HITS_BITS), min_size=0, max_size=25), st.sampled_from(["", " "]))
@example(["since", "the", "start"], " ")
@example(["may", "kill"], "")
def test_sentence_hits_are_the_three_scans(bits, sep):
    # one automaton for the outcome gate and figure_status's cumulative and hypothetical words
    low = sep.join(bits).lower()
    outcome = any(True for _ in CAS._outcome_automaton().iter(low))
    cum = [(end - ln + 1, end + 1) for end, ln in CAS._cumulative_automaton().iter(low)]
    hyp = [(end - ln + 1, end + 1) for end, ln in CAS._hypothetical_automaton().iter(low)]
    got_outcome, got_cum, got_hyp = CAS._sentence_hits(low)
    assert got_outcome == outcome
    assert sorted(got_cum) == sorted(cum) and sorted(got_hyp) == sorted(hyp)
    # and a _Cumulative handed them answers as one that scans for itself
    given_hits, scans = _Cumulative(low, low, got_cum, got_hyp), _Cumulative(low, low)
    for lo in range(0, len(low) + 1, 3):
        for hi in (lo + 15, lo + 45, lo + 200):
            assert given_hits.hypothetical(lo, hi) == scans.hypothetical(lo, hi)
            hi = min(hi, len(low))  # as _status clips it
            assert given_hits.search(lo, hi) == scans.search(lo, hi)


UNIT_BITS = ["12", "48", "hours", "hour", "km", "kilometres", "%", "percent", "per", "cent", "am", "a.m",
             "GMT", "o'clock", "th", "st", "year", "-year", "-year-old", "times", "people", "amid", "x",
             " ", "  ", "\n", "-", "."]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(UNIT_BITS), min_size=1, max_size=12), st.sampled_from(["", " "]))
@example(["12", " ", "am"], "")
@example(["12", " ", "amid"], "")
@example(["12", "per", " ", "cent"], " ")
def test_unit_after_in_place_is_the_sliced_match(bits, sep):
    # match(low, qe, qe + 12) with the "^" dropped reads the same 12 characters as the slice
    low = sep.join(bits).lower()
    for qe in range(len(low) + 1):
        want = CAS._UNIT_AFTER_F.match(low[qe:qe + 12]) is not None
        assert (CAS._UNIT_AFTER_AT.match(low, qe, qe + 12) is not None) == want, (low, qe)


def test_quantity_groups_by_position():
    # numbers._quantity reads m.groups() by position: both patterns keep the five groups in order
    from warledger.extract import numbers
    want = {"qual": 1, "n1": 2, "n2": 3, "vague": 4, "unq": 5}
    assert numbers._pattern().groupindex == numbers._pattern_low().groupindex == want
    q = find_quantities("at least 12 to 15 and some 30 or dozens, up to 9, about seven or several", None)
    assert [(x.text, x.low, x.best, x.high, x.qualifier) for x in q] == [
        ("at least 12 to 15", 12, 12, 15, "range"), ("some 30", 30, 30, None, "some"),
        ("dozens", 12, 12, None, "vague"), ("up to 9", None, 9, 9, "up to"),
        ("about seven", None, 7, None, "about"), ("several", None, None, None, "unquantified")]


BARE_BITS = ["12", "nine", "rebels", "Rebels", "fighters", "IS", "militants", "Hezbollah", "regime",
             "soldiers", "loyalists", "insurgents", "of", "the", "killed", "were", "army", "Kurdish",
             "people", "  ", "Syrian"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(BARE_BITS), min_size=2, max_size=20))
@example(["12", "rebels", "killed"])
@example(["12", "Rebels", "of", "the", "regime", "killed"])
def test_bare_noun_actors_cached_as_found(words):
    # a figure and its noun one space apart: the side from the per-noun cache is find_actors'
    sent = " ".join(words)
    fresh = _view(find_casualties(sent, 0, len(sent)))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(CAS, "_bare_actors", lambda np_text, asc: tuple(
            CAS.find_actors(np_text, 0, np_text.lower() if asc else None)))
        assert _view(find_casualties(sent, 0, len(sent))) == fresh
    odd = sent + " \u201d"  # the non-ASCII path asks find_actors without the lower case
    assert _view(find_casualties(odd, 0, len(odd))) == fresh


def test_bare_noun_side_still_found():
    sent = "Government forces killed 12 rebels and 9 Hezbollah fighters."
    got = [(c.noun, c.group, c.side) for c in find_casualties(sent, 0, len(sent))]
    assert got[0][:2] == ("rebels", "combatants") and got[1] == ("fighters", "combatants", "Hezbollah")
