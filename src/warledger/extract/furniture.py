"""Page furniture glued into a body's sentences (a "Tags ..." list, a photo caption, other
stories' headlines), masked before extraction.

Scraped bodies keep the tag list a page prints between its summary and its lede: "... a
monitoring group said Tags Nusra Front al-Qaeda Aleppo Syria Assad extremism war. A suicide
bomber ..." or "Tags Syria Islamic State Group Three children were among at least 19 civilian
killed ...". The tags then lend their words to the sentence: a trigger ("Suicide Attack"), an
actor ("Islamic State"), places. Cleaning them out of ``Article.body`` would change stored
articles' content ids, so the extractor blanks them in its own copy instead: same length, same
offsets, nothing found there.
"""
from __future__ import annotations

import re

# where the list starts, and what starts the lede that follows it: a determiner, a figure or a
# quantifier ("The Sawaiq al-Rahman brigade announced", "At least 29 Syrian rebels", "Three
# children were among", "Seventeen civilians", "More than 19 civilians")
_TAGS = re.compile(r"(?<![\w-])Tags(?= [A-Z])")
_LEDE = re.compile(
    r"(?:The|A|An)(?= )|(?:At\s+least|More\s+than|Nearly|Some|About|Around|Over|Dozens|Hundreds|Scores|"
    r"Several|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Eleven|Twelve|Thirteen|Fourteen|Fifteen|"
    r"Sixteen|Seventeen|Eighteen|Nineteen|Twenty|Thirty|Forty|Fifty|Sixty|Seventy|Eighty|Ninety|\d+)"
    r"(?= [a-z\d])")
# a verb says the lede began unseen ("Tags ... Syrian troops and pro-government gunmen repelled an
# offensive"): then nothing is masked rather than part of the lede
_VERB = re.compile(r"[a-z]+ed|were|was|have|has|had|is|are|said|says|killed|kill|kills")
# Sputnik's footer: "Tags Daesh Syria Raqqa Community standardsDiscussion Comment via
# FacebookComment via Sputnik News", all of it furniture
_FOOTER = re.compile(r"Community standards\s*Discussion\s*Comment via Facebook\s*Comment via Sputnik News")
_MAX_TAG_WORDS = 15  # longer, and the lede could not be told from the tags: nothing is masked


def spans(body: str) -> list[tuple[int, int]]:
    """The tag lists of ``body``: from "Tags" up to the lede's first word or the full stop."""
    first = body.find("Tags ")
    if first < 0:
        return []
    out = []
    # from the first "Tags ": the leading lookbehind keeps sre from skipping ahead on its own
    # (the pattern has no literal prefix), and the lookbehind still sees the character before
    for m in _TAGS.finditer(body, first):
        foot = _FOOTER.search(body, m.end(), m.end() + 400)
        if foot is not None:
            out.append((m.start(), foot.end()))
            continue
        words = 0
        end = None
        for w in re.finditer(r"\S+", body[m.end():m.end() + 400]):
            s = m.end() + w.start()
            if words and _LEDE.match(body, s):
                end = s
                break
            if _VERB.fullmatch(w.group(0).rstrip(".")):
                break
            words += 1
            if w.group(0).endswith("."):
                end = m.end() + w.end()
                break
            if words > _MAX_TAG_WORDS:
                break
        if end is not None:
            out.append((m.start(), end))
    return out


# a photo caption run into the lede with no full stop: "A checkpoint that belonged to Assads
# forces is seen after ... on a highway that connects Aleppo to Latakia June 6 2015 (Reuters) Two
# people were killed and 15 injured ..." (the lede took the photo's date, six weeks early)
_CAPTION_END = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|"
                          r"December) \d{1,2},? (?:19|20)\d\d \((?:Reuters|AFP|AP|TRT World and Agencies)\)")
_CAPTION_VERB = re.compile(r"\b(?:is|are)\s+seen\b|\b(?:shows?|carr(?:y|ies)|walks?|stands?|sits?|holds?|"
                           r"inspects?|looks?|runs?|reacts?|gestures?|rides?|pictured)\b")


# "In this photo taken on June 8 provided by the Syrian Civil Defence ... shows Syrian civil defence
# workers help an injured woman after warplanes attacked a street in Aleppo Syria (AP photo) BEIRUT
# Air strikes on a market ... killed at least 21 civilians": up to its credit, else its full stop
_PHOTO = re.compile(r"(?<![\w-])(?:In this|This) (?:photo|image|picture)\b")
_PHOTO_CREDIT = re.compile(r"\([A-Za-z ]{1,20} [Pp]hoto\)|\. ")


# ... or a caption that ends on its credit: "A member of the Syrian regime forces runs near
# destroyed buildings in the northeastern Syrian city of Hasakeh on Monday (AFP photo) BEIRUT
# Thirteen civilians among them seven children were killed"
_CREDIT = re.compile(r"\((?:AFP|AP|Reuters|IHA|AA|Anadolu|SANA|EPA|Getty|TRT World) [Pp]hoto\)")


def _captions(body: str) -> list[tuple[int, int]]:
    out = []
    # each scan only where its literal is in the body ("hoto)", "his photo", an agency in
    # brackets): plain substring tests are cheaper than the regexes' scans of the whole body
    for m in _CREDIT.finditer(body) if "hoto)" in body else ():
        start = body.rfind(". ", 0, m.start()) + 2 if ". " in body[:m.start()] else 0
        if m.start() - start < 400 and _CAPTION_VERB.search(body, start, m.start()):
            out.append((start, m.end()))
    for m in _PHOTO.finditer(body) if "his photo" in body or "his image" in body or "his picture" in body else ():
        end = _PHOTO_CREDIT.search(body, m.end(), m.end() + 500)
        if end is not None:
            out.append((m.start(), end.end()))
    agency = "(Reuters)" in body or "(AFP)" in body or "(AP)" in body or "(TRT World and Agencies)" in body
    for m in _CAPTION_END.finditer(body) if agency else ():
        start = body.rfind(". ", 0, m.start()) + 2 if ". " in body[:m.start()] else 0
        if m.start() - start < 400 and _CAPTION_VERB.search(body, start, m.start()):
            out.append((start, m.end()))
    return out


# lists of other stories' headlines: "Source TRTWorld and agencies Related News Iraqs vote
# violations | ... Category News ..." and Reuters' "Related Coverage" run to the end of the body;
# Sputnik's "... 91 Related US-Led Coalition Airstrikes Near Raqqa Killed at Least 84 Civilians
# ... Tags ..." runs to its tag list; Ahram's "Print Tweet Views 458 Related Lebanon charges 43
# Syrians ... At least 22 people were killed Friday" runs to the lede. Each headline would
# otherwise be read as an event of the article.
_RELATED_TO_END = re.compile(r"(?<![\w-])Related (?:News|Coverage)(?= [A-Z])")
_RELATED_TO_TAGS = re.compile(r"\.\.\. \d+ (?:Topic [^()]{0,80}\(\d+\) )?(Related)(?= [A-Z])")
_RELATED_TO_LEDE = re.compile(r"(?<![\w-])Views \d+ Related(?= [A-Z])")
_MAX_RELATED_WORDS = 80


def _related(body: str) -> list[tuple[int, int]]:
    if "Related" not in body:
        return []
    out = []
    # the lookbehind-led patterns start where their literal first is (as in ``spans``)
    first = body.find("Related ")
    m = _RELATED_TO_END.search(body, first) if first >= 0 else None
    if m:
        out.append((m.start(), len(body)))
    for m in _RELATED_TO_TAGS.finditer(body):
        t = _TAGS.search(body, m.end())
        out.append((m.start(1), t.start() if t else len(body)))
    first = body.find("Views ")
    for m in _RELATED_TO_LEDE.finditer(body, first) if first >= 0 else ():
        for k, w in enumerate(re.finditer(r"\S+", body[m.end():m.end() + 800])):
            if k > _MAX_RELATED_WORDS:
                break
            s = m.end() + w.start()
            if k >= 3 and _LEDE.match(body, s):
                out.append((m.start(), s))
                break
    return out


def masked(body: str) -> str:
    """``body`` with its tag lists blanked (spaces: offsets unchanged)."""
    sp = spans(body)
    if "20" in body and "(" in body or "photo" in body or "image" in body or "picture" in body:
        sp = sp + _captions(body)  # a caption's year and agency, or its opening words
    sp = _union(sp + _related(body))
    if not sp:
        return body
    parts, at = [], 0
    for s, e in sp:
        parts += [body[at:s], " " * (e - s)]
        at = e
    parts.append(body[at:])
    return "".join(parts)


def _union(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out

