"""Datelines: the outlet's own date stamp at the top of a story → `published`, and where
the story's body starts once the stamp, a byline and a repeated title are cut away.

Forms found in all 792 FA-KES articles (shared/data/fakes/articles.csv) and the seed:
  weekday-dmy      "Wed 05 Apr 2017 Syria attack symptoms ..."             (nna, ahram, etilaf, arabiya)
  + "at HHMM"      "Fri 07 Apr 2017 at 0914 Homs governor says ..."          (nna)
  + "HH:MM"        "Thursday 31 July 2014 10:59 Syrian Coalition: ..."        (etilaf)
  dmy              "12 February 2015 Casualties mount ...", "29 Jul 2016 ..." (alaraby, trt, sana)
  mdy              "May 24 2017 16 Civilians Dead ...", "December 16 2013 ..." (manar, reuters, tass)
  + "HHMM UTC+3"   "August 13 2016 2037 UTC+3 A representative ..."           (tass)
  weekday-mdy      "Fri Sep 27 2013 Bomb blast kills 60 ..."                  (alalam)
  posted-by        "Posted on April 19 2017 by Asharq Al-Awsat English Six Killed ..." (asharqalawsat)
  mdy-by           "April 5 2017 by Youssef Diab Paula Astih and Najla Habriri ..." (asharqalawsat)
  published        "Published February 18 2015 The Syrian army ..."          (dailysabah)
  last-updated     "Last updated at Apr 232017 An Israeli attack ..." (day and year run together) (jordantimes)
  dotted           "24.08.2013 Syrian state media ...", "21.08.2013Get short URL 0 0 0 ..." (sputnik)
  agency-first     "AFP Friday 22 Jul 2016 Aleppo rebel tunnel blast ..."    (ahram)
  after-title      "<title> 6 October 2016 Aleppo SANA-..." (sana), "<title> Monitor AFP Saturday 16 Jul 2016 ..." (ahram)
  seed             "Wed Jun 12, 2013 20:59:42" on its own line (alalam text dump)
  also accepted    ISO "2013-06-12T20:59:42", RFC 2822 "Wed, 12 Jun 2013 20:59:42 +0000"
Some ahram stories carry no date at all ("10 dead after strikes on rebel-held hospitals in
Syria Air strikes on ..."): then the first full date in the text is used, with a warning.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from .clean import strip_title_suffix, title_prefix_end

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_WD = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?"
_YEAR = r"(?:19[89]\d|20[0-4]\d)"
# time: "20:59:42", "10:59", "at 0914", "2037 UTC+3", "8:30 pm", "+0000"
_TIME = (r"(?:,?\s*(?:at\s+)?(?P<H>[01]?\d|2[0-3]):(?P<M>[0-5]\d)(?::(?P<S>[0-5]\d))?"
         r"|\s+at\s+(?P<H2>[01]\d|2[0-3])(?P<M2>[0-5]\d)(?![\d:])"
         r"|\s+(?P<H3>[01]\d|2[0-3])(?P<M3>[0-5]\d)(?=\s*(?:UTC|GMT|[ap]\.?m\.?(?![a-z]))))"
         r"(?:\s*(?P<ampm>[ap]\.?m\.?)(?![a-z]))?"
         r"(?:\s*(?P<tzname>UTC|GMT|Z)?\s*(?P<off>[+-]\d{1,2}(?::?\d{2})?)?)?")
_DATE_FORMS = [
    ("iso", rf"(?P<y>{_YEAR})-(?P<mn>[01]\d)-(?P<d>[0-3]\d)(?:[T ](?P<H>[01]\d|2[0-3]):(?P<M>[0-5]\d)"
            rf"(?::(?P<S>[0-5]\d)(?:\.\d+)?)?(?P<off>Z|[+-]\d\d:?\d\d)?)?"),
    ("dmy", rf"(?:(?P<wd>{_WD}),?\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MON})\.?,?\s+(?P<y>{_YEAR})"),
    ("mdy", rf"(?:(?P<wd>{_WD}),?\s+)?(?P<m>{_MON})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s*(?P<y>{_YEAR})(?!\d)"),
    ("dotted", rf"(?P<d>[0-3]?\d)\.(?P<mn>[01]?\d)\.(?P<y>{_YEAR})"),
    ("dashed", rf"(?P<d>[0-3]?\d)-(?P<mn>[01]?\d)-(?P<y>{_YEAR})"),
]
_DATE = re.compile("|".join(f"(?P<f_{name}>{pat.replace('(?P<', f'(?P<{name}_')})"
                            for name, pat in _DATE_FORMS), re.I)
_TIME_RE = re.compile(_TIME, re.I)
# words an outlet puts before its date: "Posted on", "Published", "Last updated at", "AFP"
_LEAD = re.compile(r"(?:(?:posted|published|updated|last updated|first published|date of publication)(?:\s+(?:on|at))?:?\s+"
                   r"|(?:AFP|AP|Reuters|SANA|Monitor)\s+(?:AFP\s+)?|(?:date|dated):?\s+)?", re.I)
# after the date: "Get short URL 0 13" (sputnik's share widget), "by Youssef Diab"
# after the date: sputnik's "(updated 1731 29.10.2017) Get short URL 0 110", ahram's
# "Print Tweet" and "AFP"
_JUNK = re.compile(r"(?:\s*(?:Get short URL(?:\s+\d+)*|Print\b|Tweet\b|\(updated[^)]{0,30}\)|AFP(?=\s)|AP(?=\s)))+")
# what a page header puts before its date when the title is not repeated exactly:
# "Print this page Tuesday 19 July 2016 16:45 ..." (etilaf)
_HEADER_WORDS = re.compile(r"(?:print this page|updated|breaking|video)\W*", re.I)
_BY = re.compile(r"\s*by\s+", re.I)
# after a repeated title: an agency or "Monitor" tag before the date (ahram)
_TAG = re.compile(r"[\s.:\-–—]*(?:(?:Monitor|AFP|AP|Reuters|State media|state TV|SANA|Observatory|New toll)[\s.:\-–—]+){0,3}", re.I)
_SEP = re.compile(r"[\s.:;,|\-–—]*")
# manar: "16-11-2014 title: ISIL Claims Beheading ..." (the title column says "title: ..." too)
TITLE_LABEL = re.compile(r"\s*title\s*:\s*", re.I)


def clean_title(title: str | None) -> str | None:
    """A title without the "title:" label some FA-KES rows carry."""
    if title is None:
        return None
    m = TITLE_LABEL.match(title)
    return strip_title_suffix(title[m.end():].strip() if m else title.strip())


@dataclass
class DateMatch:
    """A date (and maybe a time) found in text: where, its ISO value and precision."""

    start: int
    end: int
    iso: str
    precision: str  # "datetime" | "date"
    form: str


@dataclass
class Dateline:
    """What `split_dateline` found at the top of a story."""

    published: str | None = None
    precision: str | None = None
    body_start: int = 0  # offset in the content where the story proper starts
    form: str | None = None
    byline: str | None = None
    title_removed: bool = False
    warnings: list[str] = field(default_factory=list)


def _group(m: re.Match[str], form: str, name: str) -> str | None:
    return m.group(f"{form}_{name}") if f"{form}_{name}" in m.re.groupindex else None


def match_date(text: str, pos: int = 0, *, with_time: bool = True) -> DateMatch | None:
    """The date that starts exactly at `pos` (plus a following time), or None."""
    m = _DATE.match(text, pos)
    if m is None:
        return None
    return _build(text, m, with_time)


def search_date(text: str, start: int = 0, end: int | None = None) -> DateMatch | None:
    """The first valid date in text[start:end]."""
    end = len(text) if end is None else end
    for m in _DATE.finditer(text, start, end):
        if m.start() > 0 and text[m.start() - 1].isalnum():
            continue
        dm = _build(text, m, True)
        if dm is not None:
            return dm
    return None


def _build(text: str, m: re.Match[str], with_time: bool) -> DateMatch | None:
    form = next(k[2:] for k, v in m.groupdict().items() if k.startswith("f_") and v is not None)
    y = int(_group(m, form, "y"))
    mon = _group(m, form, "m")
    mn = _MONTHS.get(mon.lower().rstrip(".")) if mon else int(_group(m, form, "mn"))
    try:
        d = date(y, mn, int(_group(m, form, "d")))
    except (ValueError, TypeError):
        return None
    end = m.end()
    hh = _group(m, form, "H")
    mm, ss, off = _group(m, form, "M"), _group(m, form, "S"), _group(m, form, "off")
    ampm = None
    if hh is None and with_time:
        t = _TIME_RE.match(text, end)
        if t is not None and (t.group("H") or t.group("H2") or t.group("H3")):
            hh = t.group("H") or t.group("H2") or t.group("H3")
            mm = t.group("M") or t.group("M2") or t.group("M3")
            ss, ampm, off = t.group("S"), t.group("ampm"), t.group("off")
            if off is None and (t.group("tzname") or "").upper() in ("UTC", "GMT", "Z"):
                off = "+00:00"
            end = t.end()
    if hh is None:
        return DateMatch(m.start(), end, d.isoformat(), "date", form)
    h = int(hh)
    if ampm:
        h = h % 12 + (12 if ampm.lower().startswith("p") else 0)
    dt = datetime(d.year, d.month, d.day, h, int(mm), int(ss or 0))
    tz = _offset(off)
    if tz is not None:
        dt = dt.replace(tzinfo=tz)
    return DateMatch(m.start(), end, dt.isoformat(), "datetime", form)


def _offset(off: str | None) -> timezone | None:
    if not off:
        return None
    if off.upper() == "Z":
        return timezone.utc
    sign = -1 if off[0] == "-" else 1
    digits = off[1:].replace(":", "")
    hours = int(digits[:-2]) if len(digits) > 2 else int(digits)
    minutes = int(digits[-2:]) if len(digits) > 2 else 0
    if hours > 14 or minutes > 59:
        return None
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _after_title(content: str, pos: int, title: str | None, limit: int = 160) -> tuple[int, str | None] | None:
    """If the title starts within `limit` chars of pos, (its end, the text before it)."""
    if not title:
        return None
    label = TITLE_LABEL.match(content, pos)
    if label:
        pos = label.end()
    window = content[pos:pos + limit + len(title) * 2]
    k = title_prefix_end(window, title)
    if k is not None:
        return pos + k, None
    # a byline sits before the title: try each word start in the window
    for wm in re.finditer(r"\S+", window[:limit]):
        if wm.start() == 0:
            continue
        k = title_prefix_end(window[wm.start():], title)
        if k is not None:
            return pos + wm.start() + k, window[:wm.start()].strip() or None
    return None


def split_dateline(content: str, title: str | None = None) -> Dateline:
    """Find the dateline at the top of `content` (or right after a repeated title) and
    where the body begins, cutting a byline and the repeated title too."""
    out = Dateline()
    title = clean_title(title)
    pos = _SEP.match(content).end()
    title_first = title_prefix_end(content[pos:pos + 3 * len(title) + 40], title) if title else None
    if title_first is not None:
        out.title_removed = True
        pos = _TAG.match(content, pos + title_first).end()
    lead = _LEAD.match(content, pos)
    dm = match_date(content, lead.end())
    if dm is None and lead.end() != pos:
        dm = match_date(content, pos)
    if dm is None:
        # no dateline at the very top. A date in the header that follows a (slightly
        # different) title still counts: "Syria rebel infighting kills 45 fighters in 2 days
        # Monitor AFP Monday 9 Jun 2014 Print Tweet ..." (ahram); sputnik's "<title> - Reports
        # Sputnik <author> Middle East 1730 28.04.2017Get short URL ..."
        dm = search_date(content, pos, pos + 300)
        if dm is not None and _is_header(content[pos:dm.start], title, out.title_removed):
            out.byline = content[pos:dm.start].strip(" -–—.:") or None
            out.title_removed = out.title_removed or bool(title)
        elif dm is not None:
            out.warnings.append(f"no dateline at the top; published taken from {content[dm.start:dm.end]!r} "
                                f"at offset {dm.start}")
            out.published, out.precision, out.form = dm.iso, dm.precision, dm.form
            out.body_start = pos
            return out
        else:
            dm = search_date(content, pos)
            if dm is not None:
                out.warnings.append(f"no dateline; published taken from the first date in the text "
                                    f"({content[dm.start:dm.end]!r} at offset {dm.start})")
                out.published, out.precision, out.form = dm.iso, dm.precision, dm.form
            else:
                out.warnings.append("no date found in the text: published is unknown")
            out.body_start = pos
            return out
    out.published, out.precision, out.form = dm.iso, dm.precision, dm.form
    pos = dm.end
    junk = _JUNK.match(content, pos)
    if junk and junk.end() > pos:
        pos = junk.end()
    by = _BY.match(content, pos)
    if by:
        found = _after_title(content, by.end(), title)
        if found is not None:
            out.byline = found[1]
            out.title_removed = True
            return _done(out, content, found[0])
    if not out.title_removed:
        start = _SEP.match(content, pos).end()
        found = _after_title(content, start, title, limit=0)
        if found is not None:
            out.title_removed = True
            return _done(out, content, found[0])
    return _done(out, content, pos)


def _is_header(prefix: str, title: str | None, title_removed: bool) -> bool:
    """Is the text before a date a page header (title, tags, byline) rather than prose?"""
    p = prefix.strip()
    if not p or _HEADER_WORDS.fullmatch(p):
        return True
    if " on " in f" {p.lower()} " and p.lower().rstrip().endswith(" on"):
        return False  # "1. Ghouta: On August 21 2013 the Assad regime ..." is prose
    if title_removed:
        return len(p) <= 200
    if title:
        from rapidfuzz import fuzz

        return fuzz.partial_ratio(title.lower(), p.lower()) >= 85
    return False


def _done(out: Dateline, content: str, pos: int) -> Dateline:
    out.body_start = _SEP.match(content, pos).end()
    return out


def parse_date_line(line: str) -> DateMatch | None:
    """A line that is nothing but a date (the seed's "Wed Jun 12, 2013 20:59:42")."""
    s = line.strip()
    lead = _LEAD.match(s)
    dm = match_date(s, lead.end())
    if dm is None or s[dm.end:].strip(" .,|-") != "":
        return None
    return dm


__all__ = ["clean_title", "DateMatch", "Dateline", "match_date", "search_date", "split_dateline", "parse_date_line"]
