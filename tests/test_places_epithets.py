"""Places named by an epithet ("the Syrian capital", "Syrias second city") and big cities with
short names ("Kyiv"): extract/epithets.py, data/place_epithets.json, gazetteer.BIG_CITY."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warledger.extract import epithets
from warledger.extract.places import find_places


def _names(text: str) -> list[tuple[str, str, str]]:
    return [(p.text, p.place.gazetteer_name, p.place.country) for p in find_places(text)]


@pytest.mark.parametrize("text, want", [
    # FA-KES (CC BY 4.0), unit 1923102874 (alaraby): the event used to go to Khan Sheikhoun
    ("At least 19 people were killed near the Syrian capital on Tuesday including six children",
     ("Syrian capital", "Damascus", "SY")),
    ("Suicide bombers struck outside a Shiite shrine near Syrias capital Saturday",
     ("Syrias capital", "Damascus", "SY")),
    ("Five medics were killed when an air strike hit a clinic in a village near Syria's second city",
     ("Syria's second city", "Aleppo", "SY")),
    ("A car bomb exploded in the Iraqi capital on Monday", ("Iraqi capital", "Baghdad", "IQ")),
    ("Drones struck the Ukrainian capital overnight", ("Ukrainian capital", "Kyiv", "UA")),
    ("Houthi rebels control the Yemeni capital", ("Yemeni capital", "Sanaa", "YE")),
])
def test_epithet_names_the_capital(text, want):
    assert want in _names(text)


def test_a_country_read_inside_the_epithet_gives_way():
    # "Syrias" holds the country "Syria": the whole epithet is the place, not the country
    assert _names("Rebels shelled Syrias second city on Monday") == [("Syrias second city", "Aleppo", "SY")]


def test_the_name_that_follows_is_kept_alone():
    names = _names("Three suicide bombers blew themselves up in Syrias capital Damascus on Wednesday")
    assert ("Damascus", "Damascus", "SY") in names
    assert not any(n[0].endswith("capital") for n in names)


@pytest.mark.parametrize("text", [
    "strikes on the Islamic State groups de facto Syrian capital",  # Raqqa, not Damascus
    "the IS self-declared Syrian capital",
    "the capital of the province",
    "a capital offence",
])
def test_not_an_epithet_of_the_state(text):
    assert not any(n[1] == "Damascus" for n in _names(text))


def test_a_big_city_keeps_its_short_name():
    # GeoNames codes and one-letter forms are dropped (keys of 4+ letters), but not "Kyiv"
    assert ("Kyiv", "Kyiv", "UA") in _names("Missiles hit Kyiv, Ukraine, on Monday")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["the", "Syrian", "Syrias", "Iraqi", "capital", "second", "city",
                                 "de", "facto", "IS", "in", "near", ",", "Damascus", "x"]), max_size=12))
def test_find_spans_are_epithets(words):
    text = " ".join(words)
    for s, e, city, cc in epithets.find(text):
        span = text[s:e]
        assert 0 <= s < e <= len(text)
        assert span.split()[-1].lower() in ("capital", "city")
        assert not span.lower().startswith("the ")
