"""Casualty mentions: a figure, the victims it counts, and whether they were killed or injured.

Works one sentence at a time: each number phrase (numbers.py) becomes a casualty when a victim
noun follows it ("120 gunmen"), an outcome word sits next to it ("12 dead", "killing nine",
"death toll rose to 21"), or it breaks down an earlier figure ("including six civilians").
Cumulative totals, hypotheticals and denials are kept but flagged (figure_status.py), never
counted as events. One victim told in words ("a woman was killed") is singular_victims.py's.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import ahocorasick

from .actors import _SHADOW_WORDS, Hit, default_victim_side, find_actors
from .lexicon import load
from .figure_status import _Cumulative, _cumulative_automaton, _hypothetical_automaton, _status, status_rx
from .numbers import NUMBER, Casualty, find_quantities
from .singular_victims import _OF_SIDE, _maybe_singular, _single_victims, _singulars
from .text import Folded, Gated


@lru_cache(maxsize=1)
def _fx() -> dict[str, Folded]:
    """The case-insensitive patterns of ``_rx`` run over lower-cased ASCII text (faster)."""
    return {k: Folded(v) for k, v in _rx().items()
            if k in ("noun", "killed", "injured", "other", "outcome", "toll", "breakdown")}


@lru_cache(maxsize=1)
def _rx() -> dict[str, re.Pattern[str]]:
    lex = load("casualty_words.json")

    def alt(words):  # lower case: the patterns are case-insensitive, and Folded needs it
        return "|".join(re.escape(w) for w in sorted({w.lower() for w in words}, key=len, reverse=True))

    return {
        "noun": re.compile(rf"(?<![\w-])(?:{alt(lex['victims'])}|others|more|dead)(?![\w-])", re.I),
        "killed": re.compile(rf"(?<![\w-])(?:{alt(lex['killed'])})(?![\w-])", re.I),
        "injured": re.compile(rf"(?<![\w-])(?:{alt(lex['injured'])})(?![\w-])", re.I),
        "other": re.compile(rf"(?<![\w-])(?:{alt(lex['other_outcome'])})(?![\w-])", re.I),
        # the three above in one: the group named after the kind that matched
        "outcome": re.compile(rf"(?<![\w-])(?:(?P<killed>{alt(lex['killed'])})|(?P<injured>{alt(lex['injured'])})"
                              rf"|(?P<other>{alt(lex['other_outcome'])}))(?![\w-])", re.I),
        # matched on lower-cased text (figure_status.py)
        **status_rx(),
        "breakdown": re.compile(rf"(?:{alt(lex['breakdown'])})\W*$", re.I),
        "toll": re.compile(r"(?:death\s+toll|toll|number\s+of\s+(?:the\s+)?(?:people\s+|civilians\s+|victims\s+)?"
                           r"(?:killed|dead|deaths|victims|martyrs)|deaths?|dead|killed)"
                           r"\b[^.;]{0,100}?\b(?:to|at|of|reached|hit|is|was|stands\s+at)\s*$"
                           # "putting the death toll at at least 70": the qualifier took the "at"
                           r"|\btoll\s*$", re.I),
    }


# words that may stand between a figure and its victim noun ("27 pro-government fighters",
# "Thirty one Islamic State (IS) group militants", "13 militants of the so-called ...")
_STOP = re.compile(
    r"(?<![\w-])(?:were|was|have|has|had|are|is|be|been|in|on|at|by|when|after|as|while|with|"
    r"and|or|but|killed|wounded|injured|dead|died|during|near|into|from|for|to|that|which|who|"
    r"killing|wounding|injuring|since|per|km|kilometres|kilometers|miles|hours|days|years|"
    r"months|weeks|minutes|percent|times|villages|towns|strikes|airstrikes|raids|rockets|"
    r"shells|missiles|tons|dollars|euros|houses|homes|buildings|vehicles|cars|trucks|lorries|"
    r"tanks|positions|targets|sorties|meters|metres|years?-old|year-old|year|day|hour|month|"
    r"week|families)(?![\w-])|[.;:?!\d]")  # case-sensitive: "nine IS militants" is not "is"
_UNIT_AFTER = re.compile(
    r"^\s*(?:%|percent|per\s*cent|km|kilomet|miles|metres|meters|hours|hour|days|day|years|year|"
    r"-year|months|month|weeks|week|minutes|tons|tonnes|dollars|million|billion|families|am\b|pm\b|"
    r"a\.m|p\.m|GMT|times|o.clock|th\b|st\b|nd\b|rd\b)", re.I)
_UNIT_AFTER_F = Folded(_UNIT_AFTER, lower_literals=True)
# its lower-case twin matched in place (match(low, qe, qe + 12)): the endpos ends the text where the
# slice did, and without the "^" that match(..., pos) would fail at any pos but 0
if not _UNIT_AFTER_F.low.pattern.startswith("^"):
    raise ValueError("_UNIT_AFTER must start with ^")
_UNIT_AFTER_AT = re.compile(_UNIT_AFTER_F.low.pattern[1:], _UNIT_AFTER_F.low.flags)
_PRE_KILLED = Gated(re.compile(r"(?:killing|killed|kills|kill|leaving|left|claiming|claimed\s+the\s+lives\s+of|"
                         r"lost|executed|executing|eliminated|eliminating|slaughtered|massacred|"
                         r"beheaded|shot\s+dead|shooting\s+dead|wiped\s+out|neutralized|"
                         r"liquidated|took\s+the\s+lives\s+of|lives\s+of)"
                         r"(?:\s+(?:at\s+least|more\s+than|about|nearly|some|over|around|almost|an\s+estimated|another|a\s+further|also|up\s+to|as\s+many\s+as|the|off))*\s*$", re.I),
    ("kill", "leav", "left", "claim", "lost", "execut", "elimin", "slaughter", "massacr", "behead", "dead",
     "wiped", "neutraliz", "liquidat", "lives"))
_PRE_INJURED = Gated(re.compile(r"(?:wounding|injuring|wounded|injured|wounds|injures|hurt|hurting|"
                          r"wounds\s+to|injuries\s+to)"
                          r"(?:\s+(?:at\s+least|more\s+than|about|nearly|some|over|around|almost|another|a\s+further|also|up\s+to|as\s+many\s+as))*\s*$", re.I),
    ("wound", "injur", "hurt"))
_PRE_KILLED_PAIR = re.compile(r"\b(?:killing|killed|kills|kill)\s+(?:an?|one)\s+(?:[a-z]+\s+){1,2}?and\s+$", re.I)
_GLUE = re.compile(r"^(?:\s*(?:were|was|have|has|had|are|is|been|being|reportedly|also|"
                   r"all|both|others?|more|people|and|reported|confirmed|said\s+to\s+have\s+been|"
                   r"believed\s+to\s+have\s+been|\(|\)))*\s*", re.I)
_COORD = re.compile(r"^\s*(?:and|as\s+well\s+as|,|plus|along\s+with)\s*(?:another|a\s+further|some|other)?\s*$", re.I)
_AFTER_INJURED = re.compile(r"\s*(?:(?:were|was|have\s+been|had\s+been)\s+)?(?:injured|wounded|hurt)\b", re.I)
_PASSIVE_INJURED = re.compile(r"\s*(?:were|was|have\s+been|had\s+been|are|being)\s+(?:\w+ly\s+)?(?:injured|wounded|hurt)\b", re.I)
_LEFT_STATE = re.compile(r"\s*(?:\w+\s+){0,2}?(?:sick|ill|homeless|displaced|missing|stranded|trapped|without|"
                         r"suffering|affected|gasping|in\s+need)\b", re.I)
_KILLED_AND_WOUNDED = re.compile(r"\s+and\s+(?:wounded|injured)\s+(?:at\s+least\s+|more\s+than\s+|some\s+|about\s+)?\Z", re.I)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# a headline's "A killed B injured" with the comma stripped: B is the injured, unless a figure
# follows the injured word ("killed 10 people wounded 20" is two verbs)
_HEADLINE_PAIR = re.compile(r"\s*(?:injured|wounded|hurt)\b(?!\s+(?:at\s+least\s+|more\s+than\s+|over\s+|some\s+)?"
                            r"(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|dozens|scores|hundreds|tens)\b))", re.I)
_ONE_OF = re.compile(r"\s+of\b")
_ARMED = re.compile(r"(?:\w+\s+){0,3}?(?:armed\s+groups?|militias?|brigades?|factions?|"
                    r"battalions?|rebel|opposition|jihadist|terrorist)", re.I)
_ELLIPSIS = re.compile(r"\s+([\w-]+)\s+and\s+(?=\S)")
_LEFT = re.compile(r"(?:leaving|left)\b", re.I)
_AND = re.compile(r"\band\b")
_OF_THEM = re.compile(r"\s*of\s+them\b")
_GAP_BREAK = re.compile(r"[;]|\b(?:while|but|whereas)\b|\d")


def find_casualties(text: str, start: int, end: int, starts: list[int] | None = None) -> list[Casualty]:
    """The casualty figures of the sentence ``text[start:end]`` (offsets into ``text``);
    ``starts``: where number phrases can start, relative to ``start`` (numbers.number_starts)."""
    if starts is not None and not starts:
        # no figure, no casualty (most sentences), but for one victim told in words
        return _singulars(text, start, end, None) if _maybe_singular(text, start, end) else []
    sent = text[start:end]
    # the sentence's lower case, sliced for each figure's windows (ASCII: same offsets)
    lsent: str | None = sent.lower() if sent.isascii() else None
    if lsent is not None:
        # one scan for the outcome gate and every figure's _status (figure_status._Cumulative)
        has_outcome, cum_hits, hyp_hits = _sentence_hits(lsent)
        if not has_outcome:
            # no figure can get an outcome, so none is kept: what the end of this function returns
            # for such a sentence (a third of those with a figure: "in 2011", "48 hours", "30 km")
            return _singulars(text, start, end, lsent) if _maybe_singular(text, start, end, lsent) else []
        cum = _Cumulative(sent, lsent, cum_hits, hyp_hits)
    else:
        cum = _Cumulative(sent, lsent)
    fx = _fx()
    # and its shadow (actors._SHADOW_WORDS) for the victim-noun automaton
    shadow = lsent.encode("ascii").translate(_SHADOW_WORDS).decode("ascii") if lsent is not None else None
    victims = load("casualty_words.json")["victims"]
    out: list[Casualty] = []
    for q in find_quantities(sent, starts, lsent):
        qs, qe = q.start, q.end
        if not q.unquantified and not q.vague and _YEAR.match(q.text.strip()) and q.qualifier is None:
            continue  # "in 2011", "since 2013"
        if (_UNIT_AFTER_F.match(sent[qe:qe + 12]) if lsent is None else _UNIT_AFTER_AT.match(lsent, qe, qe + 12)):
            continue  # "48 hours", "30 km", "5 percent"
        if q.text.lower().strip() in ("one",) and _ONE_OF.match(sent[qe:qe + 4]):
            continue  # "one of the ..."
        c = Casualty(qs + start, qe + start, q)
        search_from = 0  # where to look for a later outcome, from the end of the noun phrase
        # 1. the victim noun after the figure
        tail = sent[qe:qe + 70]
        if shadow is None:
            nrx = fx["noun"].search(tail)
            nm = nrx.span() if nrx else None
        else:  # the automaton's answer is the regex's (_victim_noun)
            nm = _victim_noun(shadow, qe)
        ns, ne = nm if nm else (0, 0)
        gap = tail[:ns] if nm else ""
        # a blank gap ("120 gunmen") holds no stop word, number or breakdown word
        if nm and (not gap or gap.isspace() or not _STOP.search(gap) and not _NUMRX.search(gap)
                   and not _BREAK_WORD.search(gap) and len(gap.split()) <= 5):
            nword = tail[ns:ne]
            noun = nword.lower()
            c.noun = noun
            c.end = qe + ne + start
            c.group = victims.get(noun, None)
            if noun in ("dead",):
                c.outcome, c.group, c.noun = "killed", None, None
                c.trigger = (qe + ns + start, qe + ne + start, nword)
            elif noun == "martyrs":
                c.outcome = "killed"
                c.trigger = (qe + ns + start, qe + ne + start, nword)
            # "13 militants of the so-called Islamic State", "two men from Hezballah"
            np_text = sent[qe:qe + ne]
            of_m = _OF_SIDE.match(sent[qe + ne:])
            side_hits: Sequence[Hit]
            if gap == " ":  # "120 gunmen" (most): the bare noun's actors, found once per noun
                side_hits = _bare_actors(np_text, lsent is not None)
            else:
                side_hits = find_actors(np_text, 0, None if lsent is None else lsent[qe:qe + ne])
            if of_m and _ARMED.match(of_m.group(1)):
                c.group = "combatants"  # "seven people of a local armed group"
            if of_m:
                more = find_actors(of_m.group(1))
                if more and more[0].start < 25:
                    side_hits = [*side_hits, more[0]]
                    c.end = qe + ne + of_m.start(1) + more[0].end + start
            if side_hits:
                c.side = side_hits[-1].name
                if c.group in ("people", None) or noun in ("men", "man"):
                    c.group = "combatants"
            elif c.group == "combatants":
                c.side = default_victim_side().get(noun)
            if noun in ("men", "man") and c.group != "combatants":
                c.group = "people"
        else:
            # ellipsis: "30 regime and 39 rebel fighters" borrows the later noun
            em = _ELLIPSIS.match(tail)
            if em and not _STOP.search(em.group(1)):
                later = _LATER.search(tail[em.end():])
                if later:
                    c.noun = later.group(1).lower()
                    c.group = victims.get(c.noun)
                    hits = find_actors(em.group(1))
                    c.side = hits[0].name if hits else default_victim_side().get(c.noun)
                    c.end = qe + len(em.group(0).rstrip()) - 4 + start
                    search_from = qe + em.end() + later.end() - (c.end - start)
        if c.noun is None:  # "killed 25 civilians six of them children"
            om = _OF_THEM_NOUN.match(sent, qe)
            if om and victims.get(om.group(1).lower()) in ("children", "women", "civilians", "combatants"):
                c.noun = om.group(1).lower()
                c.group = victims[c.noun]
            elif not out and _OF_THEM.match(sent, qe) and (ante := _antecedent(sent, qs, fx, victims)):
                # "clashed with the terrorists in Jabal al-Turkman killing 16 of them" (1965511181: 16 civilians)
                c.noun, c.group = ante, victims[ante]
        if c.noun is None and (ub := _YET_UNIDENTIFIED.match(sent, qe)):
            # "with another 10 bodies yet to be identified as government fighters or local
            # residents" (1926479016): dead whose side the text leaves open count in the toll,
            # as neither civilians nor combatants
            c.noun, c.group, c.outcome = ub.group(1).lower(), "unidentified", "killed"
            c.end = ub.end(1) + start
            c.trigger = (ub.start(1) + start, c.end, ub.group(1))
        # 2. the outcome: a verb just before ("killing nine"), then a word just after
        # ("12 dead", "were killed"); an -ing verb after the noun opens a new clause
        # ("killing two people injuring eight")
        pre = sent[max(0, qs - 130):qs]
        after_np = sent[c.end - start:]
        if c.outcome is None:
            near = pre[-60:]
            low_pre = pre.lower() if lsent is None else lsent[max(0, qs - 130):qs]
            low_near = low_pre[-60:] if lsent is not None else near.lower()
            pk = _PRE_KILLED.search(near, low_near)
            if pk and _LEFT.match(pk.group(0)) and _AFTER_INJURED.match(after_np):
                c.outcome = "injured"  # "leaving dozens of people injured"
            elif pk and pk.group(0)[:6].lower() == "killed" and _HEADLINE_PAIR.match(after_np):
                c.outcome = "injured"  # "Girl child killed two others injured in terrorist rocket attack"
            elif pk and _PASSIVE_INJURED.match(after_np):
                c.outcome = "injured"  # "As well as those killed at least 160 people were injured"
            elif pk and _LEFT.match(pk.group(0)) and _LEFT_STATE.match(after_np):
                pass  # "left many more sick and gasping": no outcome of ours
            elif pk:
                c.outcome = "killed"
            elif "and" in low_near and _PRE_KILLED_PAIR.search(near):
                c.outcome = "killed"  # "killing a woman and nine children"
            elif _PRE_INJURED.search(near, low_near):
                c.outcome = "injured"
            elif ("toll" in low_pre or "number of" in low_pre or "dead" in low_pre or "death" in low_pre
                  or "killed" in low_pre) and fx["toll"].search(pre, low_pre) and c.group in (None, "people", "civilians"):
                c.outcome = "killed"
            if c.outcome:
                pre40 = pre[-40:]
                pm = fx["killed" if c.outcome == "killed" else "injured"].search(pre40, low_pre[-40:])
                if pm:
                    p = qs - len(pre40) + pm.start()
                    c.trigger = (p + start, p + pm.end() - pm.start() + start, pre40[pm.start():pm.end()])
        if c.outcome is None:
            g = _GLUE.match(after_np)
            glue = g.group(0) if g else ""
            imm = after_np[len(glue):len(glue) + 40]
            if not _AND.search(glue):
                low_imm = imm.lower()
                # the three kinds in one pattern first: no match there, none for any kind (most figures)
                if fx["outcome"].match(imm, low_imm) is not None:
                    for kind in ("killed", "injured", "other"):
                        m = fx[kind].match(imm, low_imm)
                        if m and not imm[:m.end()].lower().endswith("ing"):
                            p = c.end - start + len(glue)
                            c.outcome, c.trigger = kind, (p + start, p + m.end() + start, imm[:m.end()])
                            break
        # 3. breakdowns and coordination with the previous figure
        prev_i = _last_top(out) if out else None
        whole_of = None
        part = c.outcome in (None, "killed") and _part_of_dead(sent, qs, qe, c, lsent)
        if part:  # "Six children were among the dead", "Among those killed were three children"
            c.outcome = "killed"
        if prev_i is not None:
            prev = out[prev_i]
            between = text[prev.end:c.start]
            last = out[-1]
            if _AMONG_REV.match(between) and c.group not in ("children", "women"):
                # "Ten children were among at least 48 people killed": the later figure is the whole
                whole_of = prev_i
            elif (fx["breakdown"].search(between) or _BREAKDOWN_SINGLE.search(between)) and len(between) < 60 \
                    or _OF_THEM.match(after_np) or part and prev.outcome == "killed":
                c.parent = prev_i
                if c.outcome is None or c.outcome == prev.outcome:
                    c.outcome = prev.outcome
            elif last.parent is not None and c.group in ("children", "women") and _COORD.match(text[last.end:c.start]) \
                    and out[last.parent].group in (None, "people", "civilians"):
                # "including seven children and two women": both break down the same figure
                c.parent = last.parent
                if c.outcome is None:
                    c.outcome = last.outcome
            elif c.outcome is None and _COORD.match(between):
                c.outcome = prev.outcome
        if part and c.parent is None:
            c.notes.append("part")  # a breakdown of a figure in an earlier sentence (events.py)
        if c.outcome is None and (c.group or c.noun):
            # 4. a later outcome in the clause: "15 civilians among them 11 children were killed"
            window = after_np[search_from:search_from + 120]
            low_win = window.lower()
            # one scan for the three kinds: the leftmost outcome word, and at one start the
            # kind tried first, as three searches keeping the earliest (ties to the first kind)
            m = fx["outcome"].search(window, low_win)
            best = (m.lastgroup, m) if m else None
            gap = _BREAK_TAIL.sub("", window[:best[1].start()]) if best else ""
            if best and not _GAP_BREAK.search(gap) \
                    and not _NUMRX.search(gap) and not _active_with_object(window, *best[1].span()):
                c.outcome = best[0]
                p = c.end - start + search_from + best[1].start()
                bs, be = best[1].span()
                c.trigger = (p + start, p + be - bs + start, window[bs:be])
        if c.outcome is None and c.noun is None:
            continue
        if (q.unquantified or q.vague) and c.noun is None and c.outcome not in ("killed", "injured"):
            continue
        if q.unquantified and c.noun is None and "loss" not in q.text.lower() and "casualt" not in q.text.lower():
            continue
        # 5. status: cumulative totals, hypotheticals, denials
        c.status = _status(sent, qs, c.end - start, c, cum, lsent)
        out.append(c)
        if whole_of is not None:
            out[whole_of].parent = len(out) - 1
    if not out:  # no casualty figure (years, distances, ...): nothing to share or renumber
        return _singulars(text, start, end, lsent) if _maybe_singular(text, start, end, lsent) else out
    # 6. coordinated and broken-down figures share the outcome found for their partner:
    # "Some 120 ISIS fighters and 60 foreign mercenaries were killed"
    for i in range(len(out) - 2, -1, -1):
        c, nxt = out[i], out[i + 1]
        if "part" in nxt.notes and c.parent is None and "part" not in c.notes and c.outcome in (None, "killed") \
                and _COORD.match(text[c.end:nxt.start]):
            c.outcome = "killed"  # "Seventeen children and six women were among those killed"
            c.notes.append("part")
        if c.noun is None and nxt.noun is not None and c.outcome == "killed" and nxt.outcome == "injured" \
                and _KILLED_AND_WOUNDED.match(text, c.end, nxt.start):
            # "The Syrian army killed 28 and wounded 30 Daesh terror group militants" (1965495361: 28 civilians)
            c.noun, c.group, c.side = nxt.noun, nxt.group, nxt.side
        if c.outcome is None and nxt.outcome is not None:
            between = text[c.end:nxt.start]
            # a headline's stripped comma: "40 Civilians 25 YPG Fighters Killed 110 Injured"
            bare = c.group and nxt.group and c.group != nxt.group and between.isspace()
            # ... but not a group whose part a verb between them kills: "targeted tens of civilians
            # with rocket shells ... killing 3 of them" (1926479101: the tens were counted dead)
            verb_between = nxt.parent == i and nxt.trigger is not None and c.end <= nxt.trigger[0] < nxt.start
            if _COORD.match(between) or bare or nxt.parent == i and not verb_between or c.parent == i + 1:
                c.outcome = nxt.outcome
                c.status = nxt.status if c.status == "event" else c.status
    keep = [c.outcome is not None for c in out]
    remap: dict[int, int] = {}
    kept: list[Casualty] = []
    for i, c in enumerate(out):
        if keep[i]:
            remap[i] = len(kept)
            kept.append(c)
    for c in kept:
        c.parent = remap.get(c.parent) if c.parent is not None else None
    if kept:  # a singular victim needs a figure to break down
        _single_victims(text, start, end, kept, lsent)
    if _maybe_singular(text, start, end, lsent):
        taken = [(c.start, c.end) for c in kept]
        for c in _singulars(text, start, end, lsent, shadow):
            if any(s <= c.start < e or c.start <= s < c.end for s, e in taken):
                continue
            one = next((k for k in kept if k.noun is None and k.qty.best == 1 and k.end <= c.start
                        and _ONE_GAP.match(text, k.end, c.start)), None)
            if one is not None:  # "killing one policeman": the figure "one" takes the noun
                one.group, one.noun, one.side, one.end = c.group, c.noun, c.side, c.end
                continue
            kept.append(c)
    return kept


@lru_cache(maxsize=1)
def _outcome_automaton() -> ahocorasick.Automaton:
    """Every word one of the outcome tests in ``find_casualties`` needs (lower case, as any
    substring): a sentence holding none gives no figure an outcome."""
    lex = load("casualty_words.json")
    words = {w.lower() for k in ("killed", "injured", "other_outcome") for w in lex[k]}  # fx[kind], fx["outcome"]
    words.update(_PRE_KILLED.keys + _PRE_INJURED.keys)  # Gated: every match holds a key
    words.update(("kill",  # _PRE_KILLED_PAIR
                  "dead", "martyrs",  # the nouns that are outcomes
                  "toll", "number of", "death", "killed",  # the toll test's own gate
                  "victims", "fatalities", "died"))  # and _DEAD_WORDS (_part_of_dead)
    auto = ahocorasick.Automaton()
    for w in words:
        auto.add_word(w, w)
    auto.make_automaton()
    return auto


@lru_cache(maxsize=1024)
def _bare_actors(np_text: str, ascii_low: bool) -> tuple[Hit, ...]:
    """``find_actors`` of a space and a victim noun (" rebels", " fighters": a vocabulary, so
    bounded), as find_casualties asks it (the lower case handed in for an ASCII sentence)."""
    return tuple(find_actors(np_text, 0, np_text.lower() if ascii_low else None))


def _no_outcome_word(low: str) -> bool:
    """Whether the lower-cased ASCII sentence ``low`` holds none of ``_outcome_automaton``'s words."""
    return not _sentence_hits(low)[0]


@lru_cache(maxsize=1)
def _sentence_automaton() -> ahocorasick.Automaton:
    """``_outcome_automaton``'s words (flag 1) and those of figure_status's cumulative (2) and
    hypothetical (4) automata in one: a sentence is scanned once, not three times."""
    flags: dict[str, int] = {}
    for bit, auto in ((1, _outcome_automaton()), (2, _cumulative_automaton()), (4, _hypothetical_automaton())):
        for w in auto.keys():
            flags[w] = flags.get(w, 0) | bit
    auto = ahocorasick.Automaton()
    for w, f in flags.items():
        auto.add_word(w, (len(w), f))
    auto.make_automaton()
    return auto


def _sentence_hits(low: str) -> tuple[bool, list[tuple[int, int]], list[tuple[int, int]]]:
    """Whether the lower-cased ASCII sentence ``low`` holds an outcome word, and the spans of
    its cumulative and hypothetical words (``_Cumulative.hits``, ``_Cumulative.hyp``)."""
    outcome, cum, hyp = False, [], []
    end: int
    ln: int
    f: int
    for end, (ln, f) in _sentence_automaton().iter(low):
        if f == 1:  # most hits: "killed", "dead"
            outcome = True
            continue
        if f & 1:
            outcome = True
        if f & 2:
            cum.append((end - ln + 1, end + 1))
        if f & 4:
            hyp.append((end - ln + 1, end + 1))
    return outcome, cum, hyp


_ONE_GAP = re.compile(r"(?:\s+[\w'’.-]+){0,2}\s+\Z")


_OF_THEM_NOUN = re.compile(r"\s+of\s+(?:them|whom)\s+(?:were\s+|are\s+)?(?:\w+\s+)??([a-z]+)\b", re.I)
# "Ten children were among at least 48 people killed", "Four children are among the 28 dead"
_AMONG_REV = re.compile(r"^\s*(?:were|was|are|is)\s+(?:also\s+)?among\s+(?:the\s+)?$", re.I)
# "among them a child and two women": the singular victim is not a figure of its own here
_BREAKDOWN_SINGLE = re.compile(r"\b(?:including|among\s+them|among\s+whom)\s+(?:an?|one)\s+"
                               r"(?:woman|child|girl|boy|baby|infant|man)\s+and\s*$", re.I)
# a figure that is part of a toll given before: "Six children were among the dead", "12 children
# were among the victims of the attack", "five of the dead were children", "Among those killed
# were three children and three women", "The dead included 109 evacuees"
_DEAD_WORDS = r"(?:the\s+dead|the\s+victims|the\s+killed|the\s+fatalities|those\s+killed|those\s+who\s+died|the\s+people\s+killed)"
# "Six children were among the dead", "saying there were 11 children among the dead"
_AMONG_DEAD_AFTER = re.compile(rf"\s*(?:(?:(?:were|was|are|is)\s+(?:also\s+|reportedly\s+)?)?among|included\s+among)\s+{_DEAD_WORDS}\b", re.I)
_OF_DEAD_AFTER = re.compile(rf"\s+of\s+{_DEAD_WORDS}\s+(?:were|are)\s+(?:\w+\s+)??([a-z]+)\b", re.I)
_AMONG_DEAD_BEFORE = re.compile(rf"(?:\bamong\s+{_DEAD_WORDS}\s+(?:were|was|are|is)|\b(?:the\s+dead|the\s+victims)\s+"
                                r"includ(?:ed|e|es))\b[^.;\d]{0,40}$", re.I)


def _part_of_dead(sent: str, qs: int, qe: int, c: Casualty, low: str | None) -> bool:
    """The figure is a part of an earlier-given toll ("... were among the dead"); sets the group of
    "five of the dead were children"."""
    if low is not None and "among" not in low and "includ" not in low and " of th" not in low:
        return False  # every pattern below needs one of these
    ce = c.end - (c.start - qs)  # c.end relative to the sentence
    if c.noun is not None and _AMONG_DEAD_AFTER.match(sent, ce):
        return True
    if c.noun is None:
        m = _OF_DEAD_AFTER.match(sent, qe)
        if m:
            g = load("casualty_words.json")["victims"].get(m.group(1).lower())
            if g in ("children", "women", "civilians", "combatants"):
                c.group, c.noun = g, m.group(1).lower()
                return True
            return False
    if c.noun is None or low is not None and "among" not in low and "includ" not in low:
        return False
    return _AMONG_DEAD_BEFORE.search(sent, max(0, qs - 80), qs) is not None


_NUMRX = re.compile(rf"(?<![\w-]){NUMBER}(?![\w-])", re.I)
_YET_UNIDENTIFIED = re.compile(r"\s+(bodies|corpses)\s+(?:(?:are|were)\s+)?(?:yet|still)\s+to\s+be\s+identified\b", re.I)
_BREAK_WORD = re.compile(r"\b(?:including|among|mostly|of\s+them|of\s+whom|along\s+with)\b", re.I)
_BREAK_TAIL = re.compile(r"\b(?:including|among\s+them|among\s+whom|of\s+them|of\s+whom|mostly)\b.*", re.I | re.S)
# "Two ISIS suicide bombers driving explosive-laden trucks have killed at least 30 Kurdish
# militiamen": an active verb with a figure of its own after it makes the earlier figure its
# subject, not a victim; "five people in Idlib killed 12 injured" (a headline's list) stays
_ACTIVE_OBJECT = re.compile(rf"\s+(?:(?:at\s+least|more\s+than|over|some|about|nearly|around|up\s+to)\s+)?"
                            rf"{NUMBER}(?![\w-])(?!\s+(?:others\s+|people\s+)?(?:injured|wounded|hurt|dead|killed)\b)", re.I)
_PASSIVE_AUX = re.compile(r"\b(?:were|was|been|being|are|is|be|got)\s+(?:\w+ly\s+)?$", re.I)  # "were summarily executed"


def _active_with_object(window: str, verb_start: int, verb_end: int) -> bool:
    """The outcome word at ``window[verb_start:verb_end]`` is an active verb with its own figure."""
    return _ACTIVE_OBJECT.match(window, verb_end) is not None \
        and _PASSIVE_AUX.search(window, max(0, verb_start - 30), verb_start) is None


_NUM_HEAD = r"(?:\d+|[A-Za-z]+(?:[-\s][A-Za-z]+)?)\s+"
_LATER = re.compile(rf"^{_NUM_HEAD}[\w\s()-]{{0,30}}?(fighters|soldiers|militants|rebels|troops|members|civilians|people)\b",
                    re.I)


@lru_cache(maxsize=1)
def _noun_automaton() -> ahocorasick.Automaton:
    """``_rx()["noun"]``'s alternatives, in its order (rank), each between two shadow
    boundary characters (" " or "#": a non-word, non-hyphen character or the text's edge)."""
    lex = load("casualty_words.json")
    words = sorted({w.lower() for w in lex["victims"]}, key=len, reverse=True) + ["others", "more", "dead"]
    auto = ahocorasick.Automaton()
    for rank, w in enumerate(words):
        for p in " #":
            for q in " #":
                if p + w + q not in auto:
                    auto.add_word(p + w + q, (len(w), rank))
    auto.make_automaton()
    return auto


def _victim_noun(shadow: str, qe: int) -> tuple[int, int] | None:
    """The span (relative to ``qe``) of ``_rx()["noun"].search(sent[qe:qe + 70].lower())``, from
    the sentence's shadow: the leftmost hit, and at one start the alternative the regex tries
    first (lowest rank). The window's edges count as boundaries, as for the regex's slice."""
    best = None
    end_i: int
    ln: int
    rank: int
    for end_i, (ln, rank) in _noun_automaton().iter("#" + shadow[qe:qe + 70] + "#"):
        key = (end_i - ln - 1, rank)
        if best is None or key < best[0]:
            best = (key, ln)
    if best is None:
        return None
    return best[0][0], best[0][0] + best[1]


def _antecedent(sent: str, qs: int, fx: dict, victims: dict) -> str | None:
    """The last combatant or civilian noun before the figure, which "N of them" counts."""
    nouns: list[str] = [m.group(0).lower() for m in fx["noun"].rx.finditer(sent, 0, qs)]
    return next((n for n in reversed(nouns) if victims.get(n) in ("combatants", "civilians")), None)


def _last_top(out: list[Casualty]) -> int | None:
    for i in range(len(out) - 1, -1, -1):
        if out[i].parent is None:
            return i
    return None
