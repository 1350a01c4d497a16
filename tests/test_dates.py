"""Dates: weekday, relative and explicit expressions resolved against publication (GUIDE.md)."""
from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from warledger.extract.dates import WEEKDAYS, find_dates, parse_dateline, parse_published

PUB = date(2013, 6, 12)  # a Wednesday: the seed's publication day


def one(text, pub=PUB):
    ds = [d for d in find_dates(text, published=pub)]
    assert ds, text
    return ds[0]


def test_weekdays_resolve_on_or_before_publication():
    assert one("killed in fighting on Wednesday in the suburbs").date == "2013-06-12"
    d = one("were completely surrounded by army forces on Sunday while")
    assert (d.date, d.basis, d.precision) == ("2013-06-09", "weekday", "day")
    assert one("on Monday night").date == "2013-06-10"
    assert one("last Wednesday").date == "2013-06-05"


def test_relative():
    assert one("yesterday").date == "2013-06-11"
    assert one("last night").date == "2013-06-11"
    d = one("over the last 48 hours")
    assert (d.date, d.precision, d.basis) == ("2013-06-12", "window", "relative")
    assert one("last week").precision == "week"
    assert one("earlier this month").precision == "month"
    assert one("since Wednesday afternoon").precision == "window"


def test_explicit():
    d = one("on April 4", date(2017, 4, 7))
    assert (d.date, d.basis) == ("2017-04-04", "explicit")
    assert one("4 April 2017", date(2018, 1, 1)).date == "2017-04-04"
    assert one("April 4th", date(2017, 4, 7)).date == "2017-04-04"
    # "on December 30" in a January article is last year's
    assert one("on December 30", date(2017, 1, 3)).date == "2016-12-30"
    # a stated window is dated on its last day
    d = one("Nov 14-17", date(2017, 11, 22))
    assert (d.date, d.precision) == ("2017-11-17", "window")
    assert one("killed on May 25 while fleeing", date(2017, 5, 27)).date == "2017-05-25"


def test_reporting_dates_are_flagged():
    d = one("a monitoring group said on Wednesday")
    assert d.reporting


def test_datelines_and_published():
    assert parse_dateline("Wed 05 Apr 2017 Syria attack")[0] == date(2017, 4, 5)
    assert parse_dateline("Published July 5 2015 x")[0] == date(2015, 7, 5)
    assert parse_dateline("Date of publication 26 November 2017 More")[0] == date(2017, 11, 26)
    assert parse_dateline("Last updated at Apr 232017 An Israeli attack")[0] == date(2017, 4, 23)
    assert parse_dateline("No date here") is None
    assert parse_published("2013-06-12T20:59:42") == PUB
    assert parse_published("garbage") is None


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)),
       st.sampled_from(WEEKDAYS))
def test_weekday_within_six_days_before(pub, wd):
    d = one(f"killed on {wd.capitalize()} in the town", pub)
    got = date.fromisoformat(d.date)
    assert pub - timedelta(days=6) <= got <= pub
    assert got.weekday() == WEEKDAYS.index(wd)


@settings(max_examples=300)
@given(st.text(max_size=200), st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)))
def test_never_raises(text, pub):
    for d in find_dates(text, published=pub):
        date.fromisoformat(d.date)
        assert 0 <= d.start < d.end <= len(text)
