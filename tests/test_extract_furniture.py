"""Tag lists glued into scraped bodies are blanked before extraction (extract/furniture.py).

Text is FA-KES article text (CC BY 4.0, Abu Salem et al., ICWSM 2019), unit ids in comments.
"""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from warledger.extract import extract
from warledger.extract.furniture import masked, spans
from warledger.records import Article


def test_a_tag_list_ends_where_the_lede_begins():
    # 1923102912: "Islamic State" in the tags was the wedding bombing's perpetrator
    body = ("At least 22 people were killed Monday in an attack targeting a wedding party in Hassakeh the "
            "Syrian Observatory for Human Rights and medics said. Tags Syria Hassakeh Kurds Suicide Attack SDF "
            "Islamic State A suicide bomber killed at least 22 people Monday in an attack targeting a party.")
    [(s, e)] = spans(body)
    assert body[s:e] == "Tags Syria Hassakeh Kurds Suicide Attack SDF Islamic State "
    assert len(masked(body)) == len(body) and "Islamic" not in masked(body)
    a = Article(id=Article.make_id("Suicide attack on Kurdish wedding", body, "t"), title="Suicide attack on Kurdish wedding",
                body=body, published="2016-10-04", source="t")
    evs = extract(a)
    assert all(e.actor1 is None for e in evs)
    # the event's sentence is the text as published, furniture included
    assert all(e.sentence.text == body[e.sentence.start:e.sentence.end] for e in evs)


def test_a_tag_list_up_to_a_full_stop_and_the_sputnik_footer():
    body = "a monitoring group said Tags Nusra Front al-Qaeda Aleppo Syria Assad extremism war. A suicide bomber"
    assert [body[s:e] for s, e in spans(body)] == ["Tags Nusra Front al-Qaeda Aleppo Syria Assad extremism war."]
    foot = "Tags Daesh Syria Raqqa Community standardsDiscussion Comment via FacebookComment via Sputnik News"
    assert spans("The end. " + foot) == [(9, 9 + len(foot))]


def test_a_lede_that_cannot_be_told_apart_is_not_masked():
    # the lede begins with no determiner or figure: its verb stops the scan, nothing is blanked
    body = ("Tags Syria Aleppo regime forces rebel forces the Nusra Front Syrian troops and pro-government gunmen "
            "repelled an offensive by rebels on Tuesday.")
    assert spans(body) == []


@given(st.text(alphabet=st.sampled_from(list("Tags Syria The At least 12 killed. ")), max_size=120))
def test_masking_keeps_length_and_touches_only_tag_spans(body):
    m = masked(body)
    assert len(m) == len(body)
    sp = spans(body)
    for i, (a, b) in enumerate(zip(body, m)):
        assert a == b or (b == " " and any(s <= i < e for s, e in sp))


def test_a_photo_caption_run_into_the_lede_lends_it_no_date():
    # 1919191752: the bus bombing took the caption's photo date (August 6) instead of the article's day
    body = ("A suicide attack near the Atmeh refugee camp in Syrias border province of Idlib kills at least 15 "
            "people. A civil defence member runs near an ambulance after an airstrike on a hospital in the town "
            "of Meles in Idlib province Syria August 6 2016 (TRT World and Agencies) A suicide bomber has "
            "detonated an explosive vest on a bus near the Atmeh border crossing killing at least 15 people.")
    m = masked(body)
    assert "runs near an ambulance" not in m and "A suicide bomber has detonated" in m
    a = Article(id=Article.make_id("Bomb hits refugee camp", body, "t"), title="At least 15 dead as bomb hits refugee camp",
                body=body, published="2016-08-15", source="t")
    assert [e.date for e in extract(a) if e.primary] == ["2016-08-15"]
    # a caption that is its own sentence, or a dateline, stays
    kept = "People inspect a site hit by air strikes in Idlib province Syria June 12 2016. (TRT World and Agencies) Raids"
    assert masked(kept) == kept


def test_other_stories_headlines_are_no_events_of_the_article():
    # TRT's "Related News" list runs to the end of the body; Sputnik's runs to its tags; Ahram's runs
    # to the lede (1923848307: the lede's 45 dead took the headline list's "chemical material")
    trt = ("Air raids killed at least 39 civilians on Sunday. Source TRTWorld and agencies Related News Death toll "
           "rises to 70 as regime rains down bombs in southern Syria Category News")
    assert masked(trt).rstrip() == "Air raids killed at least 39 civilians on Sunday. Source TRTWorld and agencies"
    spk = ("The strike killed 12. ... 91 Related US-Led Coalition Airstrikes Near Raqqa Killed at Least 84 Civilians "
           "Tags Daesh Syria Raqqa Community standardsDiscussion Comment via FacebookComment via Sputnik News")
    assert masked(spk).rstrip() == "The strike killed 12. ... 91"
    ahram = ("Views 371 Related Syrian refugees arrive in new Jordan camp Syria has 8% of chemical material left "
             "Monitor A car bomb and rocket attack on a government-held district of Homs killed at least 45 people.")
    assert masked(ahram).lstrip().startswith("A car bomb and rocket attack")
    a = Article(id=Article.make_id("Car bomb kill 45 in Homs", ahram, "t"), title="Car bomb rocket fire kill 45 in Syrias Homs",
                body=ahram, published="2014-04-29", source="t")
    assert {(e.killed.best, e.cause) for e in extract(a) if e.primary} == {(45, "explosion")}


def test_an_in_this_photo_caption_is_blanked_to_its_credit():
    # 1924058060: the caption was the primary event's sentence
    body = ("In this photo taken on June 8 provided by the Syrian Civil Defence shows workers help an injured "
            "woman after warplanes attacked a street in Aleppo Syria (AP photo) BEIRUT Air strikes on a market "
            "in Idlib killed at least 21 civilians Sunday.")
    assert masked(body).lstrip().startswith("BEIRUT Air strikes")


def test_a_caption_ending_on_its_credit_is_blanked():
    # 1924058050: the caption's Hasakeh and Monday were the Aleppo raids' place and day
    body = ("A member of the Syrian regime forces runs near destroyed buildings in the northeastern Syrian city of "
            "Hasakeh on Monday (AFP photo) BEIRUT Thirteen civilians among them seven children were killed in "
            "aerial attacks by Syrias government Wednesday on the northern province of Aleppo a monitoring group said.")
    assert masked(body).lstrip().startswith("BEIRUT Thirteen")
    a = Article(id=Article.make_id("13 civilians killed", body, "t"), title="13 civilians killed in regime air raids",
                body=body, published="2015-07-15", source="t")
    e = next(e for e in extract(a) if e.primary)
    assert (e.date, e.place.admin1) == ("2015-07-15", "Aleppo")
