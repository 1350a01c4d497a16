"""Whether a casualty figure reports an event: or a cumulative total ("since 2011"), a
hypothetical ("could kill"), a denial, a superseded toll ("had earlier reported 12") or a
background toll ("after ... had killed"). casualties.py asks `_status` once per figure."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

import ahocorasick

from .lexicon import load
from .text import Gated

if TYPE_CHECKING:
    from .casualties import Casualty


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted({w.lower() for w in words}, key=len, reverse=True))


@lru_cache(maxsize=1)
def status_rx() -> dict[str, re.Pattern[str]]:
    """The lexicon's cumulative and hypothetical phrases, matched on lower-cased text
    (case-folding regexes are several times slower)."""
    lex = load("casualty_words.json")
    return {
        "cumulative": re.compile(rf"(?:{_alt(lex['cumulative'])})(?![\w])"),
        "hypothetical": re.compile(rf"(?<![\w-])(?:{_alt(w for w in lex['hypothetical'] if w.lower() != 'may')}"
                                   rf"|{_MAY_VERB})(?![\w-])"),
    }


# "may" the verb, not the month: "On May 25 108 people were killed in Houla", "killed in May"
_MAY_VERB = (r"(?<!\bin\s)(?<!\bof\s)(?<!\bsince\s)(?<!\bearly\s)(?<!\blate\s)(?<!\bmid-)"
             r"(?<!\bon\s)(?<!\buntil\s)(?<!\bby\s)(?<!\bthis\s)(?<!\blast\s)(?<!\bnext\s)"
             r"may(?!\s+\d)(?!\s+(?:19|20)\d\d)")


_EARLIER_TOLL = Gated(re.compile(r"\b(?:earlier|previous|initial|first|preliminary)\s+(?:death\s+)?toll\b",
                                 re.I), ("toll",))


# a toll given before and since replaced: "The Britain-based watchdog had earlier reported 12 dead",
# "which on Thursday had given a death toll of 17", "up from 17"
_OLD_TOLL = Gated(re.compile(r"(?:\bhad\s+(?:earlier|previously|initially|first)\s+(?:reported|given|put|said|announced|counted)"
                             r"|\bhad\s+(?:given|put|reported)\s+(?:an?\s+|the\s+)?(?:death\s+)?toll\s+(?:of|at)"
                             r"|\bup\s+from)\b[^.;\d]{0,25}$", re.I), ("had", "from"))


# a period of several days or more, not a short window: "Seven days of airstrikes across the
# northwestern province had left more than 75 civilians dead"
_LONG_PERIOD = re.compile(r"\b(?:(?:five|six|seven|eight|nine|ten|\d\d|[5-9])\s+days|(?:several|a\s+few|\w+)\s+weeks"
                          r"|(?:several|a\s+few|\w+)\s+months|a\s+week|a\s+month)\s+of\s+(?:\w+\s+){0,2}?"
                          r"(?:air\s*strikes|strikes|raids|air\s+raids|bombing|bombings|bombardment|shelling|fighting|"
                          r"clashes|battles|violence|attacks|offensive|siege)\b", re.I)


# a count a source has kept over time, in the perfect: "The group has reported hundreds of
# civilians killed in operations against IS"
_PERFECT_REPORT = re.compile(r"\b(?:has|have)\s+(?:\w+\s+)?(?:reported|documented|recorded|counted|registered|"
                             r"confirmed)\s*$", re.I)


_NEG_PRE = re.compile(r"\b(?:no|not|never|nobody|none)\b[^.]{0,20}$")


_NOT_AFTER = re.compile(r"\s*(?:were|was)\s+not\b")


class _Cumulative:
    """The cumulative phrases of one sentence, found once (Aho-Corasick over its lower case)
    when a figure first asks, then looked up per figure's window; non-ASCII keeps the regex."""

    __slots__ = ("sent", "low", "hits", "hyp")

    def __init__(self, sent: str, low: str | None = None, hits: list[tuple[int, int]] | Literal[False] | None = None,
                 hyp: list[tuple[int, int]] | Literal[False] | None = None):
        """``low``: ``sent.lower()`` of an ASCII ``sent``, when at hand; ``hits``, ``hyp``: the
        spans of its cumulative and hypothetical words, when already found (with ``low``)."""
        self.sent, self.low, self.hits, self.hyp = sent, low or "", hits, hyp

    def hypothetical(self, lo: int, hi: int) -> bool:
        """False when ``status_rx()["hypothetical"].search(low[lo:hi])`` cannot match: none of its
        words (nor "may") lies inside the window of the sentence's ASCII lower case."""
        hyp = self.hyp
        if hyp is None:
            if self.sent.isascii():
                low = self.low = self.low or self.sent.lower()
                hyp = self.hyp = [(end - ln + 1, end + 1) for end, ln in _hypothetical_automaton().iter(low)]
            else:
                hyp = self.hyp = False
        if hyp is False:
            return True
        for s, e in hyp:
            if s >= lo and e <= hi:
                return True
        return False

    def search(self, lo: int, hi: int) -> bool:
        """What ``status_rx()["cumulative"].search(sent[lo:hi].lower())`` finds, as a bool."""
        hits = self.hits
        if hits is None:
            if self.sent.isascii():
                self.low = low = self.low or self.sent.lower()
                hits = self.hits = [(end - ln + 1, end + 1) for end, ln in _cumulative_automaton().iter(low)]
            else:
                hits = self.hits = False
        if hits is False:
            return status_rx()["cumulative"].search(self.sent[lo:hi].lower()) is not None
        low = self.low
        for s, e in hits:  # the regex's (?![\w]) holds at the window's end
            if s >= lo and e <= hi and (e == hi or not (low[e].isalnum() or low[e] == "_")):
                return True
        return False


@lru_cache(maxsize=1)
def _hypothetical_automaton() -> ahocorasick.Automaton:
    """The words of ``status_rx()["hypothetical"]``: each match holds one ("may" for _MAY_VERB)."""
    auto = ahocorasick.Automaton()
    for w in {w.lower() for w in load("casualty_words.json")["hypothetical"]} | {"may"}:
        auto.add_word(w, len(w))
    auto.make_automaton()
    return auto


@lru_cache(maxsize=1)
def _cumulative_automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for w in {w.lower() for w in load("casualty_words.json")["cumulative"]}:
        auto.add_word(w, len(w))
    auto.make_automaton()
    return auto


def _status(sent: str, qs: int, qe: int, c: Casualty, cum: _Cumulative | None = None,
            lsent: str | None = None) -> str:
    """``lsent``: ``sent.lower()`` of an ASCII ``sent``, when at hand."""
    rx = status_rx()
    lo, hi = max(0, qs - 90), min(len(sent), qe + 110)
    # the clause only: stop at the previous/next sentence-internal boundary
    best = c.qty.best or 0
    # a _Cumulative handed no hits (casualties._sentence_hits) answers False: not asked
    if best >= 10000 or (_Cumulative(sent).search(lo, hi) if cum is None else cum.hits != [] and cum.search(lo, hi)):
        return "cumulative"
    if "since" in (lsent if lsent is not None else sent.lower()) and _since(sent, lo, hi):
        return "cumulative"
    p45 = qs - 45 if qs > 45 else 0
    p60 = qs - 60 if qs > 60 else 0
    if lsent is None:
        pre = sent[p45:qs].lower()
        post = sent[qe:qe + 15].lower()
        if _EARLIER_TOLL.search(sent[p60:qs]) or _OLD_TOLL.search(sent[p60:qs]):
            return "superseded"
    else:
        pre, post = lsent[p45:qs], lsent[qe:qe + 15]
        # both Gated: a key absent from the whole sentence is absent from the window (ASCII)
        toll, had = "toll" in lsent, "had" in lsent or "from" in lsent
        if toll or had:
            # "updating an earlier toll on Sunday evening of 15"; "had earlier reported 12 dead"
            if toll and _EARLIER_TOLL.search(sent[p60:qs], lsent[p60:qs]) \
                    or had and _OLD_TOLL.search(sent[p60:qs], lsent[p60:qs]):
                return "superseded"
    pre110 = (lsent if lsent is not None else sent.lower())[max(0, qs - 110):qs]
    if (" of " in pre110 and ("days" in pre110 or "week" in pre110 or "month" in pre110)) \
            and _LONG_PERIOD.search(sent, max(0, qs - 110), qs):
        return "cumulative"
    if c.qty.vague and _PERFECT_REPORT.search(sent, max(0, qs - 40), qs):
        return "cumulative"
    if "after" in pre110 and ("had" in (pre110 + (lsent[qe:qe + 40] if lsent is not None else sent[qe:qe + 40].lower()))
                              and _after_had(sent, qs, qe) or _HOURS_AFTER_PRE.search(sent, max(0, qs - 130), qs)):
        return "background"
    # none of its words in the sentence (most): neither window can match
    if cum is None or cum.hyp != []:
        if cum is None or cum.hypothetical(p45, qs):
            if rx["hypothetical"].search(pre):
                return "hypothetical"
        if cum is None or cum.hypothetical(qe, qe + 15):
            if rx["hypothetical"].search(post):
                return "hypothetical"
    # _NEG_PRE (case-sensitive) needs "no" or "never" in the window
    if ("no" in pre or "never" in pre) and _NEG_PRE.search(pre) or _NOT_AFTER.match(sent, qe):
        return "negated"
    return "event"


# a past-perfect toll in an "after" clause that follows the sentence's main clause tells what
# came before the news: "The nation was on the lookout for another terrorist attack, after a series
# of anthrax incidents had killed five people", "The deaths came a day after the UN childrens
# agency UNICEF said 22 children had been killed"; a sentence opening "After ..." is not one
_AFTER_HAD_PRE = re.compile(r"\S\s+after\s+(?![^.;]{0,100}\bafter\b)[^.;\d]{0,100}?\bhad\s+(?:also\s+)?"
                            r"(?:killed|left|claimed(?:\s+the\s+lives\s+of)?)\s+(?:[a-z]+\s+){0,3}$", re.I)


_AFTER_PRE = re.compile(r"\S\s+after\s+[^.;]{0,100}$", re.I)
# "At least 19 people were killed near the Syrian capital on Tuesday ... just hours after a
# suspected chemical gas attack left dozens dead in the Khan Sheikhun": an earlier incident
# (the clause's own verb: "Just days after a deadly chemical attack a woman was killed and 25 others
# ..." is the main clause's)
_HOURS_AFTER_PRE = re.compile(r"\b(?:hours?|days?|a\s+day|a\s+week|weeks?|shortly|just|moments?|minutes?)\s+after\s+"
                              r"(?:(?!(?:was|were|is|are|been|and)\b)[^.;\d\s]+\s+){1,8}?"
                              r"(?:left|killed|claimed(?:\s+the\s+lives\s+of)?)\s+(?:[a-z]+\s+){0,3}$", re.I)


_HAD_BEEN_POST = re.compile(r"\s*(?:had\s+been\s+killed|had\s+died)\b", re.I)


def _after_had(sent: str, qs: int, qe: int) -> bool:
    if _AFTER_HAD_PRE.search(sent, max(0, qs - 130), qs):
        return True
    return _HAD_BEEN_POST.match(sent, qe) is not None and _AFTER_PRE.search(sent, max(0, qs - 110), qs) is not None


# "since" opening a period that is not a short window: "Since then more than 300 people have been
# killed", "Since Sept. 19 when Assad regime declared the end of the week-long cease-fire at least
# 359 civilians have been killed", "since the alliance offensive against Manbij began on May 31".
# A weekday, "dawn" or "yesterday" opens a short window, an event by GUIDE.md ("200 since Thursday").
_SINCE = re.compile(r"\bsince\s+(?=\w)(?!(?:last\s+|early\s+|late\s+|this\s+|the\s+)?(?:monday|tuesday|wednesday|thursday|"
                    r"friday|saturday|sunday|dawn|daybreak|midnight|morning|yesterday|night|noon|"
                    r"(?:last|the\s+previous)\s+night|the\s+morning|the\s+early\s+hours)\b)", re.I)


# ... but not "the deadliest attack since 2013", "the first deaths ... since it began"
_SINCE_SUPERLATIVE = re.compile(r"\b(?:deadliest|worst|bloodiest|biggest|largest|highest|heaviest|most|first|"
                                r"since)\b[^.;]{0,60}$", re.I)


def _since(sent: str, lo: int, hi: int) -> bool:
    """A "since" period in the figure's window, or opening the sentence (it governs it all)."""
    for m in _SINCE.finditer(sent):
        if (lo <= m.start() < hi or m.start() == 0) and not _SINCE_SUPERLATIVE.search(sent, 0, m.start()):
            return True
    return False
