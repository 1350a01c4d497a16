"""Event dates: explicit, weekday and relative expressions resolved against publication.

GUIDE.md: the day the event happened, not the day it was published. "on Wednesday" in an
article of Wednesday 12 June 2013 is that day; "on Sunday" is 9 June. A stated window ("in the
last 48 hours", "Nov 14-17") is dated on its last day.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import compress

from .text import foldsafe, lowered, lowered_twin

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMW = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen|twenty|few|several|couple\s+of)"

_PATTERNS = [
    # "Nov 14-17", "April 4th 2017", "May 25"
    # "between Nov. 14 to Nov. 17": the window's second end may repeat the month
    ("md", re.compile(rf"\b(?P<mon>{_MON})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
                      rf"(?:\s*(?:-|–|to|and)\s*(?:(?P<mon2>{_MON})\s+)?(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)?"
                      rf"(?:,?\s+(?P<year>(?:19|20)\d\d))?(?!\d)")),
    # "4 April 2017", "14-17 November", "the 4th of April"
    ("dm", re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:-|–|to)\s*(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?)?"
                      rf"\s+(?:of\s+)?(?P<mon>{_MON})(?:,?\s+(?P<year>(?:19|20)\d\d))?\b")),
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>\d\d)-(?P<day>\d\d)\b")),
    # "in August 2013": a month
    ("my", re.compile(rf"\b(?:in|since|during|of|early|late|mid-?)\s+(?P<mon>{_MON})\s+(?P<year>(?:19|20)\d\d)\b")),
    ("yesterday", re.compile(r"\b(?:yesterday|last\s+night|overnight|the\s+previous\s+day|the\s+day\s+before)\b", re.I)),
    ("today", re.compile(r"\b(?:today|this\s+morning|this\s+evening|tonight|earlier\s+today|on\s+the\s+same\s+day)\b", re.I)),
    ("window", re.compile(rf"\b(?:in|over|during|within|for)\s+(?:the\s+)?(?:last|past|previous)\s+(?P<n>{_NUMW})?\s*(?P<unit>hours|days|day|hour)\b"
                          rf"|\b(?P<n2>{_NUMW})[\s-]+(?P<unit2>day|hour)s?\s+(?:of|stretch|period|long)\b"
                          rf"|\bsince\s+(?P<wd2>{_WD})\b"
                          rf"|\bpast\s+(?P<n3>24|48|72)\s+hours\b", re.I)),
    ("week", re.compile(r"\b(?:last\s+week|earlier\s+this\s+week|this\s+week|(?:over|in|during)\s+the\s+(?:past|last)\s+week)\b", re.I)),
    ("month", re.compile(r"\b(?:earlier\s+this\s+month|this\s+month|last\s+month)\b", re.I)),
    ("wd", re.compile(rf"\b(?:(?P<last>last|this|on|early|late)\s+)?(?P<wd>{_WD})(?:\s+(?P<part>night|evening|morning|afternoon))?\b")),
    # "Two days ago the same neighborhood was shelled ... leaving more than 14 dead"
    ("ago", re.compile(rf"\b(?P<n>{_NUMW}|a)\s+(?P<unit>days?|weeks?)\s+ago\b", re.I)),
    # "In May a suspected Russian air raid on Sarmada refugee camp ... left dozens dead": a
    # month of the publication's year (or the year before), named without a year
    ("mon", re.compile(r"\b(?:[Ii]n|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id-?)\s+(?P<mon>January|February|March|April|May|June|July|"
                       r"August|September|October|November|December)\b(?!\s*\d)")),
    # "The same police station in Midan was targeted last December when a seven-year-old female
    # suicide bomber blew herself up" (Oct 2017): the last such month before publication
    ("lastmon", re.compile(r"\b[Ll]ast\s+(?P<mon>January|February|March|April|May|June|July|"
                           r"August|September|October|November|December)\b(?!\s*\d)")),
    # "... was killed last year": the year before publication ("in the last year" is a period
    # up to publication, not a date)
    ("year", re.compile(r"(?<!the )\blast\s+year\b", re.I)),
]
_MONTH_STEMS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# a substring each pattern cannot match without (on lower-cased text): cheap `in` tests spare
# most sentences most of the ten regex scans (dates were the extraction's slowest part)
_MONTH_STEM = re.compile("|".join(_MONTH_STEMS))  # month names are capitalised
_GATES = {
    "md": lambda t, raw: raw,  # raw: whether a month stem is in the raw text
    "dm": lambda t, raw: raw,
    "iso": lambda t, raw: "-" in t,
    "my": lambda t, raw: raw,
    "yesterday": lambda t, raw: "yesterday" in t or "night" in t or "day" in t,
    "today": lambda t, raw: "today" in t or "morning" in t or "evening" in t or "tonight" in t or "same day" in t,
    "window": lambda t, raw: "hour" in t or "day" in t or "since" in t,
    "week": lambda t, raw: "week" in t,
    "month": lambda t, raw: "month" in t,
    "wd": lambda t, raw: "day" in t,
    "ago": lambda t, raw: "ago" in t,
    "mon": lambda t, raw: raw,
    "lastmon": lambda t, raw: raw,
    "year": lambda t, raw: "year" in t,
}


_SHUT = (False,) * 14
# what the "window" pattern's length branch ("four-day stretch") cannot match without
_WINDOW_LENGTH = re.compile(r"(?:day|hour)s?\s+(?:of|stretch|period|long)")


def _gates(t: str, month: bool, raw: str = "", safe: bool = False) -> tuple[bool, ...]:
    """``_GATES`` for every pattern in ``_PATTERNS`` order, in one go. With ``raw`` (the text
    itself) and ``safe`` (``foldsafe(raw)``: substring tests on the lower case are exact) the
    tests are tighter, still only what each pattern cannot match without."""
    day = "day" in t
    if not safe:
        return (month, month, "-" in t, month, "yesterday" in t or "night" in t or day,
                "today" in t or "morning" in t or "evening" in t or "tonight" in t or "same day" in t,
                "hour" in t or day or "since" in t, "week" in t, "month" in t, day, "ago" in t, month,
                month, "year" in t)
    hour = "hour" in t
    ago = "ago" in t
    last = "last" in t  # "last December", "last year"
    # a hyphen alone does not open "iso" (two sentences in five hold one: "pro-government")
    if not (month or day or hour or ago or "night" in t or "week" in t or "month" in t or "morning" in t
            or "evening" in t or last and "year" in t or "-" in t and ("19" in t or "20" in t)):
        return _SHUT  # every gate below needs one of these (most sentences have none)
    year = "19" in t or "20" in t  # "iso" and "my" need a 19xx/20xx year
    # "wd" is case-sensitive: a capitalised weekday name in the raw text
    wd = day and ("Monday" in raw or "Tuesday" in raw or "Wednesday" in raw or "Thursday" in raw
                  or "Friday" in raw or "Saturday" in raw or "Sunday" in raw)
    return (month, month, "-" in t and year, month and year,
            "yesterday" in t or "night" in t or (day and ("previous" in t or "before" in t)),
            "today" in t or "morning" in t or "evening" in t or "tonight" in t or "same day" in t,
            ("since" in t and day)
            or ((day or hour) and ("last" in t or "past" in t or "previous" in t
                                   # "three days of fighting": the unit's next word, checked
                                   # only when the word is there (one cheap literal-led scan)
                                   or ("of" in t or "stretch" in t or "period" in t or "long" in t)
                                   and _WINDOW_LENGTH.search(t) is not None)),
            "week" in t, "month" in t, wd, ago and (day or "week" in t), month,
            month and last, last and "year" in t)


# "The Islamic State group on Monday claimed responsibility": the day of the claim
_REPORTING_AFTER = re.compile(r"\s*(?:(?:night|evening|morning|afternoon)\s+)?(?:said|says|claimed|announced|"
                              r"reported|told|stated|confirmed|quoted)\b", re.I)
# ... and the day a report came out: "according to a report into the incident published on Thursday"
_REPORTING = re.compile(r"(?:said|says|told\s+[\w\s]{0,25}?|reported|announced|stated|added|confirmed|statement|published)\s*(?:on\s+)?$", re.I)
_REPORTING_LOW = lowered_twin(_REPORTING)
_REPORTING_AFTER_LOW = lowered_twin(_REPORTING_AFTER)
# None for the case-sensitive ones; "window" names weekdays case-blind ("since Wednesday")
_LOWERED = [lowered(re.compile(rx.pattern.replace(_WD, _WD.lower()), rx.flags)) for _, rx in _PATTERNS]
_TRIPLES = [(kind, rx, low) for (kind, rx), low in zip(_PATTERNS, _LOWERED)]
_NUMWORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
             "nine": 9, "ten": 10, "twelve": 12, "fourteen": 14, "twenty": 20, "few": 3, "several": 3,
             "couple of": 2}


@dataclass(slots=True)
class DateMention:
    """A date expression and the day it resolves to."""

    start: int
    end: int
    text: str
    date: str  # ISO date
    precision: str  # day | window | week | month | year
    basis: str  # explicit | weekday | relative
    reporting: bool = False  # "said on Wednesday": the day of the statement, not the event
    span_days: int = 0  # a window's length (0 for a day)

    def __init__(self, start: int, end: int, text: str, date: str, precision: str, basis: str,
                 reporting: bool = False, span_days: int = 0):
        """Written out: mypyc compiles it (the dataclass's runs interpreted); eq and repr stay."""
        self.start, self.end, self.text, self.date, self.precision = start, end, text, date, precision
        self.basis, self.reporting, self.span_days = basis, reporting, span_days


def parse_published(value: str | None) -> date | None:
    """An ISO publication timestamp or date → date (None when absent or unreadable)."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        m = re.match(r"(\d{4})-(\d\d)-(\d\d)", value.strip())
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


_DATELINE = re.compile(
    rf"^\s*(?:(?:Date\s+of\s+publication|Published|Posted\s+on|Last\s+updated\s+at|Updated)\s*:?\s*)?"
    rf"(?:(?:{_WD}|Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s+)?"
    rf"(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MON})|(?P<m2>{_MON})\s+(?P<d2>\d{{1,2}}),?)\s+(?P<y>(?:19|20)\d\d)"
    rf"|^\s*(?:Last\s+updated\s+at\s+)?(?P<m4>{_MON})\s+(?P<d4>\d\d)(?P<y4>20\d\d)"  # "Apr 232017"
    rf"|^\s*(?P<y5>(?:19|20)\d\d)-(?P<m5>\d\d)-(?P<d5>\d\d)"
    rf"|^\s*(?P<d3>\d{{1,2}})[.-](?P<m3>\d{{1,2}})[.-](?P<y3>(?:19|20)\d\d)", re.I)


_DATELINE_LOW = lowered_twin(_DATELINE, lower_literals=True)  # groups read case-blind below


def parse_dateline(text: str) -> tuple[date, int] | None:
    """The outlet's dateline at the start of a FA-KES body ("Wed 05 Apr 2017", "Published July 5
    2015", "Date of publication 26 November 2017", "04.07.2017") → (date, end offset)."""
    head = text[:80]
    m = _DATELINE_LOW.match(head.lower()) if head.isascii() else _DATELINE.match(head)
    if not m:
        # AFP copy in FA-KES puts the dateline after the headline: "... Monitor AFP Friday 22 Jul 2016"
        head = text[:300]
        if not ("19" in head or "20" in head) or _MONTH_STEM.search(head) is None:
            return None  # a dated match needs a year (19xx/20xx) and a month name
        for kind in ("dm", "md"):
            for mm in dict(_PATTERNS)[kind].finditer(text[:300]):
                if mm["year"]:
                    try:
                        return date(int(mm["year"]), MONTHS[mm["mon"].lower().rstrip(".")], int(mm["day"])), mm.end()
                    except (ValueError, KeyError):
                        continue
        return None
    try:
        if m.group("y3"):
            return date(int(m["y3"]), int(m["m3"]), int(m["d3"])), m.end()
        if m.group("y4"):
            return date(int(m["y4"]), MONTHS[m["m4"].lower().rstrip(".")], int(m["d4"])), m.end()
        if m.group("y5"):
            return date(int(m["y5"]), int(m["m5"]), int(m["d5"])), m.end()
        mon = MONTHS[(m["m1"] or m["m2"]).lower().rstrip(".")]
        return date(int(m["y"]), mon, int(m["d1"] or m["d2"])), m.end()
    except (ValueError, KeyError):
        return None


# a wire dateline gives the day of filing without a year: "BEIRUT/THE HAGUE, March 7 (Reuters) -",
# "BOUAKE, Ivory Coast, Jan 7 (Reuters) -"; its date is the report's, never the event's
_WIRE_DATELINE = re.compile(
    rf"\A\s*[A-Z][^\W\d_]*(?:[ '’./-]+[A-Za-z][^\W\d_]*){{0,5}}(?:,\s*[A-Z][\w'’. -]{{1,30}}?)?,\s*"
    rf"{_MON}\s+\d{{1,2}}\s*\([A-Za-z][\w .-]{{1,20}}\)\s*[-–—]")


def dateline_end(text: str) -> int:
    """The end offset of a wire dateline with a month and day ("BEIRUT/THE HAGUE, March 7
    (Reuters) -") at the start of ``text``; 0 when there is none."""
    if "(" not in text[:120]:
        return 0
    m = _WIRE_DATELINE.match(text[:120])
    return m.end() if m else 0


def weekday_before(pub: date, weekday: int, strict: bool = False) -> date:
    """The most recent ``weekday`` (0=Monday) on or before ``pub`` (strictly before if strict)."""
    delta = (pub.weekday() - weekday) % 7
    if strict and delta == 0:
        delta = 7
    return pub - timedelta(days=delta)


def _explicit(pub: date | None, mon: int, day: int, year: int | None) -> date | None:
    if year is None:
        if pub is None:
            return None
        year = pub.year
        try:
            d = date(year, mon, day)
        except ValueError:
            return None
        if d > pub + timedelta(days=1):  # "on December 30" in a January article
            try:
                d = date(year - 1, mon, day)
            except ValueError:
                return None
        return d
    try:
        return date(year, mon, day)
    except ValueError:
        return None


def find_dates(text: str, start: int = 0, end: int | None = None, *, published: date | None,
               lower: str | None = None) -> list[DateMention]:
    """Date expressions in ``text[start:end]`` resolved against ``published``; never raises.
    ``lower``: ``text.lower()`` of an ASCII ``text`` (events.Unit.low), when at hand."""
    end = len(text) if end is None else end
    sent = text[start:end]
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    if lower is not None:  # ASCII: the sentence's lower case is the slice of the text's
        low, asc = lower[start:end], True
    else:
        low, asc = sent.lower(), sent.isascii()
    stem = _MONTH_STEM.search(sent)
    gates = _gates(low, stem is not None, sent, asc or foldsafe(sent))
    if gates is _SHUT:
        return found
    # a pattern whose gate is shut (a word it needs is absent) is not scanned
    for kind, rx, lrx in compress(_TRIPLES, gates):
        pos = 0
        back = _FROM_NAME.get(kind, -1)
        if back >= 0:
            # led by \b, these patterns get no literal scan from sre, which tries a match at
            # every character: start where their first month or weekday name allows
            at = stem.start() if kind != "wd" and stem is not None else _first_weekday(sent)
            if at < 0:
                continue  # no weekday name: no "wd" match
            pos = _before(sent, at, back)
        # case-insensitive patterns run case-sensitively over the lower case (same spans, and
        # _resolve reads their groups case-blind); the matched text is sliced from ``sent``
        for m in (lrx.finditer(low, pos) if asc and lrx is not None else rx.finditer(sent, pos)):
            s, e = m.span()
            if taken and any(a < e and s < b for a, b in taken):
                continue
            dm = _resolve(kind, m, published)
            if dm is None:
                continue
            d, precision, basis, span_days = dm
            if asc:
                rep = bool(_REPORTING_LOW.search(low[max(0, s - 40):s]) or _REPORTING_AFTER_LOW.match(low, e))
            else:
                rep = bool(_REPORTING.search(sent[max(0, s - 40):s]) or _REPORTING_AFTER.match(sent, e))
            found.append(DateMention(s + start, e + start, sent[s:e], d.isoformat(), precision,
                                     basis, rep, span_days))
            taken.append((s, e))
    found.sort(key=lambda x: x.start)
    return found


# patterns whose every match holds a capitalised month ("md", "my", "mon", "lastmon": the first
# of _MONTH_STEM's hits is at or before it) or weekday name ("wd"), and the longest word a match
# may start with before that name and the whitespace after the word ("during", "last", "early")
_FROM_NAME = {"md": 0, "my": 6, "mon": 6, "lastmon": 4, "wd": 5}
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _first_weekday(sent: str) -> int:
    """Where the first capitalised weekday name of ``sent`` is (-1: none)."""
    at = -1
    for w in _WEEKDAY_NAMES:
        i = sent.find(w)
        if i >= 0 and (at < 0 or i < at):
            at = i
    return at


def _before(sent: str, at: int, back: int) -> int:
    """The earliest start of a match whose name is at ``at``: ``back`` characters before the
    whitespace run that ends there. A later name's match starts later still."""
    j = at
    while j > 0 and sent[j - 1].isspace():
        j -= 1
    return max(0, j - back)


def _resolve(kind: str, m: re.Match[str], pub: date | None):
    try:
        if kind in ("md", "dm"):
            mon = MONTHS[m["mon"].lower().rstrip(".")]
            if m["mon"].lower().rstrip(".") == "may" and kind == "md" and not m["day"]:
                return None
            mon2 = MONTHS[m["mon2"].lower().rstrip(".")] if kind == "md" and m["mon2"] else mon
            day = int(m["day2"] or m["day"])
            d = _explicit(pub, mon2, day, int(m["year"]) if m["year"] else None)
            if d is None:
                return None
            if m["day2"]:
                first = _explicit(d, mon, int(m["day"]), d.year)
                if first is not None and first > d:  # "Dec. 30 to Jan. 2"
                    first = _explicit(d, mon, int(m["day"]), d.year - 1)
                span = (d - first).days if first is not None and first <= d else 0
                return d, "window", "explicit", span
            return d, "day", "explicit", 0
        if kind == "iso":
            return date(int(m["year"]), int(m["mon"]), int(m["day"])), "day", "explicit", 0
        if kind == "my":
            mon = MONTHS[m["mon"].lower().rstrip(".")]
            return date(int(m["year"]), mon, 1), "month", "explicit", 0
        if pub is None:
            return None
        if kind == "wd":
            wd = WEEKDAYS.index(m["wd"].lower())
            return weekday_before(pub, wd, strict=(m["last"] or "").lower() == "last"), "day", "weekday", 0
        if kind == "yesterday":
            return pub - timedelta(days=1), "day", "relative", 0
        if kind == "today":
            return pub, "day", "relative", 0
        if kind == "window":
            if m["wd2"]:  # "since Wednesday afternoon": a window ending at publication
                first = weekday_before(pub, WEEKDAYS.index(m["wd2"].lower()))
                return pub, "window", "relative", (pub - first).days
            if m["n2"]:
                # "over a four-day stretch", "three days of fighting": a length, not anchored to
                # publication; the date comes from elsewhere ("between Nov. 14 to Nov. 17")
                return None
            n = m["n"] or m["n3"] or "1"
            n = _NUMWORDS.get(n.lower(), None) if not n.isdigit() else int(n)
            unit = (m["unit"] or m["unit2"] or "hours").lower()
            days = (n or 1) // 24 if unit.startswith("hour") else (n or 1)
            return pub, "window", "relative", days
        if kind == "mon":
            mon = MONTHS[m["mon"].lower()]
            year = pub.year if mon <= pub.month else pub.year - 1  # "in December" in a January article
            return date(year, mon, 1), "month", "explicit", 0
        if kind == "lastmon":
            mon = MONTHS[m["mon"].lower()]
            year = pub.year if mon < pub.month else pub.year - 1  # "last October" in October: a year ago
            return date(year, mon, 1), "month", "relative", 0
        if kind == "year":
            return date(pub.year - 1, 1, 1), "year", "relative", 0
        if kind == "ago":
            n = m["n"].lower()
            n = 1 if n == "a" else int(n) if n.isdigit() else _NUMWORDS.get(n, 1)
            days = n * 7 if m["unit"].lower().startswith("week") else n
            return pub - timedelta(days=days), ("day" if days < 7 else "week"), "relative", 0
        if kind == "week":
            t = m.group(0).lower()
            if t.startswith("last week"):
                return pub - timedelta(days=7), "week", "relative", 7
            return pub, "week", "relative", 7
        if kind == "month":
            t = m.group(0).lower()
            if t.startswith("last month"):
                first = pub.replace(day=1) - timedelta(days=1)
                return first.replace(day=1), "month", "relative", 30
            return pub, "month", "relative", 30
    except (ValueError, KeyError, IndexError):
        return None
    return None
