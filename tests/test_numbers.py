"""Numbers: digits, words, vague quantities, qualifiers and ranges (ACLED's conservative rule)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from warledger.extract.numbers import find_quantities, parse_number, render_number


def q1(text):
    qs = find_quantities(text)
    assert qs, text
    q = qs[0]
    return q.low, q.best, q.high, q.qualifier


def test_digits_and_words():
    assert parse_number("230000") == 230000  # FA-KES strips separators
    assert parse_number("1,200") == 1200
    assert parse_number("Sixty-two") == 62
    assert parse_number("Thirty one") == 31
    assert parse_number("two hundred and fifty") == 250
    assert parse_number("a hundred") == 100
    assert parse_number("a dozen") == 12
    assert parse_number("1.9 million") == 1_900_000
    assert parse_number("twelve") == 12
    assert parse_number("several") is None
    assert parse_number("") is None


def test_qualifiers():
    assert q1("At least 120 gunmen") == (120, 120, None, "at least")
    assert q1("more than 230000 people") == (230000, 230000, None, "more than")
    assert q1("over one hundred militants") == (100, 100, None, "over")
    assert q1("Some 120 ISIS fighters") == (120, 120, None, "some")
    assert q1("up to 40 people") == (None, 40, 40, "up to")
    assert q1("as many as 12 people") == (None, 12, 12, "as many as")
    assert q1("nearly 50 people") == (None, 50, None, "nearly")
    assert q1("killed 21 people") == (21, 21, 21, None)


def test_ranges():
    assert q1("between 20 and 30 people") == (20, 20, 30, "range")
    assert q1("20 to 30 people") == (20, 20, 30, "range")
    assert q1("20-30 people") == (20, 20, 30, "range")
    assert q1("three or four soldiers") == (3, 3, 4, "range")
    # "and" joins two figures, not a range, unless "between" opens it
    assert [q.best for q in find_quantities("15 and 27 fighters")] == [15, 27]


def test_vague_and_unquantified():
    assert q1("dozens of people") == (12, 12, None, "vague")
    assert q1("tens of soldiers") == (10, 10, None, "vague")
    assert q1("scores of people")[1] == 20
    assert q1("hundreds of civilians")[1] == 100
    q = find_quantities("several soldiers were killed")[0]
    assert q.unquantified and q.best is None
    q = find_quantities("they could suffer heavy losses")[0]
    assert q.unquantified


def test_no_numbers_in_plain_words():
    assert find_quantities("no one of them was there") == [] or all(q.text.lower() != "no" for q in find_quantities("no one"))
    assert find_quantities("over the years the army moved") == []


@given(st.integers(min_value=0, max_value=999_999))
def test_render_roundtrip(n):
    assert parse_number(render_number(n)) == n


@given(st.integers(min_value=1, max_value=999_999))
def test_words_found_in_text(n):
    qs = find_quantities(f"killing {render_number(n)} people")
    assert qs and qs[0].best == n


@settings(max_examples=300)
@given(st.text(max_size=200))
def test_never_raises(text):
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text)
