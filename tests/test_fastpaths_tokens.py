"""The speed round's shortcuts give what the plain code gives: the translate-and-split word cut,
the skipped world re-keying, the automaton's blocking path and the digit runs of number_starts."""
from __future__ import annotations

from itertools import accumulate

import ahocorasick
from hypothesis import example, given, settings
from hypothesis import strategies as st

from warledger.extract import numbers
from warledger.extract import places as P
from warledger.extract import place_tokens as T

# FA-KES-like text: ASCII words and separators, apostrophes now and then, a stray non-ASCII letter
_ALPHABET = "aZq09 _-.,;:()\"\n\t'`’é"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=80))
@example("")
@example("Aleppo")
@example(" , Deir ez-Zor, 2017 . ")
@example("it's Dar'a")  # apostrophes: the regex split
def test_word_cut_is_the_regex_split(text):
    """Words and starts (with the final offset the split's last separator gives) as before."""
    tk = T._tokens(P.get_gazetteer(), text, False)
    parts = T._WORD.split(text)
    assert tk.words == parts[1::2]
    assert tk.starts == list(accumulate(map(len, parts)))[0::2]


def _world_only_words(g) -> list[str]:
    """Lower-case words that the world part keys differently from the SY/IQ part."""
    cands = ["lake", "city", "york", "angeles", "salt", "springs", "beach", "island", "river", "port",
             "bay", "santa", "san", "fe", "paulo", "janeiro", "aires", "mexico", "town", "lumpur"]
    return [w for w in cands if T._token_info(g, w, True)[0] != T._token_info(g, w, False)[0]]


def test_world_keying_skip_is_full_keying():
    """Re-keying with the world part returns the core tokens only when no word keys differently,
    and the keys are always those of keying every word for the world."""
    g = P.get_gazetteer()
    g.load_world()
    odd = _world_only_words(g)
    assert odd, "some lower-case words count only with the world part"
    texts = ["Shelling in Aleppo and Idlib killed 5", "Talks in Salt Lake City and Geneva",
             f"the {odd[0]} near Homs", f"Kabul {odd[-1]} and {odd[0]} Aleppos streets",
             "BEIRUT (Reuters) - Deir ez-Zor, Deir ezzor and Dayr az Zawr"]
    skipped = changed = 0
    for text in texts:
        g.caches.pop("short_texts", None)
        base = T._tokens(g, text, False)
        assert base.wdiff is not None, "keyed after the world part loaded"
        tk = T._tokens(g, text, True, base)
        assert tk.keys == [T._token_info(g, w, True)[0] for w in tk.words]
        skipped += tk is base
        changed += tk is not base
    assert skipped and changed


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["Aleppo", "Salt", "Lake", "City", "lake", "city", "Geneva", "the",
                                 "Kabul", "York", "york", "Idlib's", "Homs", "al", "Deir", "ezzor", "New"]),
                max_size=25), st.sampled_from([" ", ", ", "-", ". "]))
def test_world_keying_skip_property(words, sep):
    g = P.get_gazetteer()
    g.load_world()
    text = sep.join(words)
    base = T._tokens(g, text, False)
    tk = T._tokens(g, text, True, base)
    assert tk.keys == [T._token_info(g, w, True)[0] for w in tk.words]


def test_blocking_path_changes_no_match(shared):
    """The automaton with its never-matching " ~~~..." path finds what the plain one finds."""
    from warledger.ingest import read

    g = P.get_gazetteer()
    plain = ahocorasick.Automaton()
    for k in g.by_key:
        if k not in g.world_only:
            plain.add_word(f" {k} ", k)
    plain.make_automaton()
    arts = [a for a in read([str(shared / "data/fakes/articles.csv")]) if hasattr(a, "body")][:150]
    n = 0
    for a in arts:
        for text in (a.body or "", a.title or ""):
            tk = T._tokens(g, text, False)
            keystr = " " + " ".join(tk.kkeys) + " "
            got = list(g.automaton().iter(keystr))
            assert got == list(plain.iter(keystr))
            assert all(k is not None for _e, k in got)
            n += len(got)
    assert n > 1000


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789 ab#-.,x\n"), max_size=60))
@example("5")
@example("a5 5a 55 x12,300.5")
def test_digit_runs_are_the_digit_keys(text):
    """Digit-run starts as the shadow automaton's former "a0", "b0" ... keys found them."""
    old = ahocorasick.Automaton()
    for p in " #abcdefghijklmnopqrstuvwxyz":
        old.add_word(p + "0", 1)
    old.make_automaton()
    shadow = "#" + text.lower().encode("ascii").translate(numbers._SHADOW).decode("ascii") + "#"
    want = sorted({end - back for end, back in old.iter(shadow)})
    assert sorted(m.start() - 1 for m in numbers._SHADOW_DIGITS.finditer(shadow)) == want
