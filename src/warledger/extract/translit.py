"""Transliteration-tolerant name keys: one key for "Deir ez-Zor", "Dayr az Zawr" and "Deir al-Zour".

`name_key` is applied to gazetteer names (at build time) and to candidate words in the
text (at match time), so two spellings match when their keys are equal.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Arabic definite articles as news English writes them: "al-Zahra", "Az Zahra'", "Jisr ash-Shughur",
# "Deir ez-Zor", "Maarat al-Numan". Dropped wherever they stand as a separate token.
ARTICLES = frozenset(
    "al el il ul ad ar as ash az at an ed er es esh ez et en ud ur us uz ut un adh ath dh".split()
)

# the articles written as a separate word before a name ("al Zahra", "Az Zahra'"): kept in a
# name's span, never its first word (places.py, unlisted.py)
ARTICLE_WORDS = frozenset("al el ad ar as ash az at an ed er es ez et en".split())

# Whole-token spellings of common name parts: "Kafr/Kafar/Kfar/Kafer/Kefr/Kufr Hamra",
# "Tal/Tell/Tall Rifaat", "Jabal/Jebel Saman", "Sheikh/Shaykh/Cheikh Maqsoud".
TOKEN_MAP = {
    **dict.fromkeys("kafr kafar kfar kafer kefr kufr kfr kafre kefer kefar kafir".split(), "kfr"),
    **dict.fromkeys("tal tall tell til tel".split(), "tal"),
    **dict.fromkeys("jabal jebel jabel jbel jebal djebel gebel".split(), "jbl"),
    **dict.fromkeys("sheikh shaykh sheik shaikh cheikh cheik chaikh sheykh shekh".split(), "shikh"),
    **dict.fromkeys("abu abou abo".split(), "abu"),
    **dict.fromkeys("ain ayn ein aine aïn".split(), "ain"),
    **dict.fromkeys("deir dayr dair deyr der dir".split(), "dir"),
    **dict.fromkeys("bab baab".split(), "bab"),
    # "Deir Ezzor" / "Deir Azzor": the article fused into the word.
    **dict.fromkeys("ezzor ezzour azzor azzour ezzur azzur ezor".split(), "zur"),
    # "Deraa" next to "Daraa" / "Dar'a": e/a alternation only in this name's first vowel.
    **dict.fromkeys("deraa dera deraah".split(), "dara"),
}

# Apostrophes and ayn/hamza marks: "Dar'a", "Ma`arrat", "Al Fuʿah", "Zahra’".
_MARKS = dict.fromkeys(map(ord, "'`ʿʾ‘’´ʼʻ′ˈ"), None)
_SPLIT = re.compile(r"[^0-9a-z\u0621-\u064a]+")
# Arabic: strip harakat and tatweel; unify alef forms, ta marbuta, alef maqsura.
_AR_STRIP = re.compile(r"[\u064b-\u065f\u0670\u0640]")
_AR_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})

# Vowel and consonant spellings that vary between transliterations, applied in order:
# "Zour/Zor/Zawr", "Nubbul/Nubl" (doubles), "Qamishli/Kamishli" (q→k), "Idleb/Idlib" (e→i),
# "Hasakah/Hasakeh" (final -ah/-eh), "Qusayr/Qusair" (ay/ai).
_VOWEL_RULES = [
    (re.compile(r"(ah|eh|a|e)$"), "a"),
    (re.compile(r"ou|oo|aw|ow"), "u"),
    (re.compile(r"ee|ei|ey|ay|ai|ie"), "i"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"dj|dzh|dj"), "j"),
    (re.compile(r"q|ck|c(?=[aou])|c$"), "k"),
    (re.compile(r"e"), "i"),
    (re.compile(r"o"), "u"),
    (re.compile(r"(?<=.)y"), "i"),  # "Abyad/Abiad", keep a leading y: "Yarmouk", "Yabroud"
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"(?<=[aiu])h$"), ""),
]


def _fold(s: str) -> str:
    """Lower-case, strip Latin diacritics (Ḩimş → hims), keep Arabic letters."""
    s = unicodedata.normalize("NFKD", s.translate(_MARKS))
    out = []
    for ch in s:
        if unicodedata.combining(ch):
            continue
        out.append(ch)
    return "".join(out).lower().replace("ß", "ss").replace("ı", "i")


@lru_cache(maxsize=200_000)
def token_key(tok: str) -> str:
    """Key of one word; '' for an Arabic article or nothing left."""
    t = _fold(tok)
    if not t:
        return ""
    if "\u0621" <= t[0] <= "\u064a":  # Arabic script
        t = _AR_STRIP.sub("", t).translate(_AR_MAP)
        if t.startswith("ال") and len(t) > 3:
            t = t[2:]
        return t
    t = re.sub(r"[^0-9a-z]", "", t)
    if not t or t in ARTICLES:
        return ""
    mapped = TOKEN_MAP.get(t)
    if mapped:
        return mapped
    for pat, rep in _VOWEL_RULES:
        t = pat.sub(rep, t)
    return t


def split_tokens(s: str) -> list[str]:
    """Words of a name or a text fragment, as `token_key` expects them."""
    return [w for w in _SPLIT.split(_fold(s)) if w]


def name_key(s: str) -> str:
    """The match key of a name: article-free, vowel- and spelling-folded tokens joined by spaces.

    >>> name_key("Deir ez-Zor") == name_key("Dayr az Zawr") == name_key("Deir al-Zour")
    True
    """
    keys = (token_key(w) for w in split_tokens(s))
    return " ".join(k for k in keys if k)
