"""Issue 3 leftovers: "last December"/"last year" date a recalled event, figures already inside
the headline's total are not summed again by the FA-KES view, a breakdown with no toll before
it is no event.

Sentences are quoted from FA-KES (Abu Salem et al., ICWSM 2019; CC BY 4.0)."""
from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from test_extract_events import art

from warledger.extract import extract
from warledger.extract.dates import MONTHS, find_dates
from warledger.fakes import view

_MONTH_NAMES = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]


# --------------------------------------------------------------------------- 1: last December

def test_last_december_dates_a_recalled_event_to_its_month():
    # 1924058110 (trt, 3 Oct 2017)
    a = art("At least 17 dead as suicide bombings hit Damascus",
            "At least 17 people were killed and many more injured on Monday by suicide bombings that "
            "targeted a police station in the Midan neighbourhood of Damascus the capital of Syria. "
            "The same police station in Midan was targeted last December when a seven-year-old female "
            "suicide bomber blew herself up inside the station.", published="2017-10-03")
    evs = extract(a)
    old = [e for e in evs if e.date_precision == "month"]
    assert [(e.date, e.primary) for e in old] == [("2016-12-01", False)]
    p = next(e for e in evs if e.primary)
    assert (p.date, p.killed.best) == ("2017-10-02", 17)


def test_last_month_name_and_last_year():
    (d,) = find_dates("was targeted last December when", published=date(2017, 10, 3))
    assert (d.date, d.precision) == ("2016-12-01", "month")
    (d,) = find_dates("Last March the town was shelled", published=date(2017, 10, 3))
    assert d.date == "2017-03-01"
    (d,) = find_dates("the town was shelled last October", published=date(2017, 10, 3))
    assert d.date == "2016-10-01"  # the month of publication named "last" is a year ago
    (d,) = find_dates("a reporter was killed there last year", published=date(2017, 10, 3))
    assert (d.date, d.precision) == ("2016-01-01", "year")
    assert find_dates("more than 300 were killed in the last year", published=date(2017, 10, 3)) == []


@given(st.sampled_from(_MONTH_NAMES), st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)))
def test_last_month_name_is_always_before_publication(mon, pub):
    found = find_dates(f"the town was hit last {mon.capitalize()} by", published=pub)
    assert len(found) == 1
    d = date.fromisoformat(found[0].date)
    assert d.month == MONTHS[mon] and d < pub.replace(day=1) and (pub - d).days < 366 + 31


# --------------------------------------------------------------------------- 2: FA-KES view parts

def _rows(a):
    return view.rows(a, extract(a))


def test_view_does_not_add_a_figure_inside_the_headline_toll():
    # 1924058067 (Jordan Times): the 3 of Mesraba are among the 8 of Eastern Ghouta
    a = art("Syria regime bombardment kills 4 schoolchildren in besieged enclave",
            "At least four schoolchildren were among eight people killed in Syrian regime shelling in "
            "Eastern Ghouta on Tuesday despite a ceasefire in the hunger-hit rebel enclave outside "
            "Damascus. \"A shell fired by regime troops hit the entrance of a school in Jisreen just as "
            "children were leaving it killing five people including four schoolchildren\" observatory "
            "chief Rami Abdel Rahman said. On Tuesday regime shelling on the Mesraba area also in "
            "Eastern Ghouta killed three civilians including one child the observatory said.",
            published="2017-11-01", source="fakes")
    head = _rows(a)[0]
    assert (head["nb_civilians"], head["nb_children"]) == (8, 4)


def test_view_does_not_add_another_source_toll_for_a_place_the_headline_names():
    # 1924058165: the governor's 31 in Homs is the Observatory's 39 in Homs, not 39 + 31
    a = art("School bombing kills 30 children in Syria monitor",
            "\"At least 30 children were among 39 people killed in the double bombing at the Akrameh "
            "al-Makhzumi school in Homs today\" said Observatory director Rami Abdel Rahman. Speaking "
            "to AFP on Wednesday Homs governor Talal al-Barazi had also reported the deadly attacks "
            "giving a toll of 31 killed and 74 wounded.", published="2014-10-01", source="fakes")
    head = _rows(a)[0]
    assert (head["nb_civilians"], head["nb_children"]) == (39, 30)


def test_view_still_sums_a_separate_incident_elsewhere():
    a = art("Shelling kills 9 in Idlib",
            "Government shelling killed six civilians in Saraqeb on Tuesday. On Tuesday an air strike "
            "on Maarrat al-Numan killed three civilians.", published="2017-11-01", source="fakes")
    head = _rows(a)[0]
    assert head["nb_civilians"] == 9


# --------------------------------------------------------------------------- 3: part with no whole

def test_a_breakdown_of_a_monthly_total_is_no_event():
    # 1926479108: 270 is a monthly total (cumulative); "51 children" breaks it down
    a = art("Syrian Coalition: Russia Offering the Syrian People a Choice",
            "The Syrian Institute of Justice said it had documented 270 civilians killed by Russian and "
            "regime bombing in Aleppo during April. The victims included 51 children 28 women five "
            "rescue workers and seven medical staff members.", published="2016-05-02")
    assert [e.killed.best for e in extract(a) if e.killed.best] == []


def test_a_breakdown_still_joins_the_toll_before_it():
    a = art("Air strikes kill 20 in Idlib",
            "Air strikes killed 20 people in Idlib on Tuesday. Six children were among the dead.",
            published="2016-05-02")
    (e,) = [e for e in extract(a) if e.killed.best]
    assert e.killed.best == 20 and e.victims["children"].best == 6
