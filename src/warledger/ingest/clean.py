"""Text cleaning shared by every reader: normalise, collapse whitespace, split paragraphs,
drop outlet boilerplate, and keep a map from clean-body offsets back to the raw text.

Normalisation choice: NFC, not NFKC. NFKC rewrites ligatures ("ﬁ" → "fi"), Arabic
presentation forms and full-width digits into strings of a different length, which
would make most runs of the offset map inexact; NFC changes almost nothing in real news
text. Invisible characters (BOM, zero-width space, word joiner, soft hyphen, C0 controls)
are dropped. Guarantee (tested with hypothesis): every offset_map run
[body_start, raw_start, length] satisfies body[b:b+n] == raw[r:r+n] exactly; characters
that NFC or the invisible-character removal changed are simply left out of the runs.
"""
from __future__ import annotations

import difflib
import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import resources
from typing import Any, Iterable

from ..records import Article, RawInput, RelatedItem
from .base import ReadOptions, sha256

PARA_SEP = "\n\n"

# Line breaks as str.splitlines() knows them, \r\n first so it counts as one break.
_LINEBREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_TOKEN = re.compile(r"\S+")
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x7f\u00ad\u200b\u2060\ufeff]")
_MULTISPACE = re.compile(r"\s{2,}|[^\S ]")
_BLANK = re.compile("^[\\s\x00-\x08\x0e-\x1b\x7f\u00ad\u200b\u2060\ufeff]*$")


def _load_boilerplate() -> tuple[re.Pattern[str], list[tuple[str, re.Pattern[str]]], int]:
    data = json.loads(resources.files(__package__).joinpath("data/boilerplate.json").read_text("utf-8"))
    named = [(p["name"], re.compile(p["pattern"], re.I)) for p in data["patterns"]]
    combined = re.compile("|".join(f"(?:{p['pattern']})" for p in data["patterns"]), re.I)
    return combined, named, int(data.get("max_line_chars", 160))


_BOILER, _BOILER_NAMED, _BOILER_MAXLEN = _load_boilerplate()


@dataclass
class Cleaned:
    """The cleaned text of one document, its paragraphs and the way back to the raw text."""

    body: str
    paragraphs: list[list[int]] = field(default_factory=list)  # [start, end) in body
    offset_map: list[list[int]] = field(default_factory=list)  # [body_start, raw_start, length]
    removed: list[str] = field(default_factory=list)  # dropped boilerplate, for warnings


# A piece of clean text and its runs, local to the piece: [(local_start, raw_start, length)].
_Piece = tuple[str, list[tuple[int, int, int]]]


def _clean_line(line: str, raw_start: int) -> _Piece:
    """Collapse one line's whitespace, NFC-normalise it and drop invisibles, keeping runs."""
    stripped = line.strip()
    if not stripped:
        return "", []
    lead = len(line) - len(line.lstrip())
    if (_MULTISPACE.search(stripped) is None and _INVISIBLE.search(stripped) is None
            and unicodedata.is_normalized("NFC", stripped)):
        return stripped, [(0, raw_start + lead, len(stripped))]  # the common fast path
    parts: list[str] = []
    runs: list[tuple[int, int, int]] = []
    pos = 0
    for m in _TOKEN.finditer(line):
        word = m.group()
        rs = raw_start + m.start()
        clean = unicodedata.normalize("NFC", _INVISIBLE.sub("", word))
        if not clean:
            continue
        if parts:
            parts.append(" ")
            pos += 1
        if clean == word:
            runs.append((pos, rs, len(word)))
        else:  # rare: align the changed word, keep only identical stretches
            sm = difflib.SequenceMatcher(None, clean, word, autojunk=False)
            for a, b, n in sm.get_matching_blocks():
                if n:
                    runs.append((pos + a, rs + b, n))
        parts.append(clean)
        pos += len(clean)
    return "".join(parts), runs


def _join(pieces: Iterable[_Piece], sep: str) -> _Piece:
    text_parts: list[str] = []
    runs: list[tuple[int, int, int]] = []
    pos = 0
    for text, prs in pieces:
        if not text:
            continue
        if text_parts:
            text_parts.append(sep)
            pos += len(sep)
        runs.extend((pos + b, r, n) for b, r, n in prs)
        text_parts.append(text)
        pos += len(text)
    return "".join(text_parts), runs


def _cut(piece: _Piece, k: int) -> _Piece:
    """Drop the first k characters of a piece, clipping its runs."""
    text, runs = piece
    out = []
    for b, r, n in runs:
        if b + n <= k:
            continue
        if b < k:
            d = k - b
            b, r, n = b + d, r + d, n - d
        out.append((b - k, r, n))
    return text[k:], out


_ALNUM_RUN = re.compile(r"[^\W_]+")


@functools.lru_cache(maxsize=4096)
def _title_letters(title: str) -> tuple[str, ...] | None:
    letters = tuple(c.lower() for w in _ALNUM_RUN.findall(title) for c in w)
    return letters if len(letters) >= 3 else None


def title_prefix_end(text: str, title: str) -> int | None:
    """Where a leading copy of `title` ends in `text` (letters and digits compared, case and
    punctuation ignored: "Syria's" matches FA-KES's "Syrias"), or None.

    A character walk rather than a regex built per title: compiling one pattern per
    FA-KES row cost half of the whole CSV ingest time.
    """
    letters = _title_letters(title)
    if letters is None:
        return None
    i, j, n, m = 0, 0, len(text), len(letters)
    while j < m and i < n:
        c = text[i]
        if c.isalnum():
            if c.lower() != letters[j]:
                return None
            j += 1
        i += 1
    if j < m or (i < n and text[i].isalnum()):
        return None
    return i


_AFTER_TITLE = re.compile(r"[\s.:;,|\-–—]*")


def boilerplate_name(line: str) -> str | None:
    """The name of the boilerplate pattern a (collapsed) line matches in full, or None."""
    if len(line) > _BOILER_MAXLEN or _BOILER.fullmatch(line) is None:
        return None
    for name, pat in _BOILER_NAMED:
        if pat.fullmatch(line):
            return name
    return "boilerplate"


def clean_text(raw: str, *, title: str | None = None, start: int = 0,
               end: int | None = None) -> Cleaned:
    """Clean raw[start:end] (offsets in the map stay relative to the whole `raw`)."""
    end = len(raw) if end is None else end
    removed: list[str] = []
    # 1. lines, with their raw offsets
    lines: list[tuple[str, int]] = []
    pos = start
    for m in _LINEBREAK.finditer(raw, start, end):
        lines.append((raw[pos:m.start()], pos))
        pos = m.end()
    lines.append((raw[pos:end], pos))
    # 2. paragraphs: blank lines separate them; with no blank line at all, every line is one
    blank = [_BLANK.match(text) is not None for text, _ in lines]
    filled = [i for i, b in enumerate(blank) if not b]
    has_blank = bool(filled) and not all(blank[i] is False for i in range(filled[0], filled[-1] + 1))
    paras: list[list[_Piece]] = [[]]
    for (text, rs), is_blank in zip(lines, blank):
        if is_blank:
            if paras[-1]:
                paras.append([])
            continue
        piece = _clean_line(text, rs)
        name = boilerplate_name(piece[0])
        if name is not None:
            removed.append(f"{name}: {piece[0][:80]}")
            continue
        paras[-1].append(piece)
        if not has_blank:
            paras.append([])
    joined = [_join(p, " ") for p in paras if p]
    # 3. a leading repeated title: the whole first paragraph, or its first words
    if title and joined:
        k = title_prefix_end(joined[0][0], title)
        if k is not None:
            k = _AFTER_TITLE.match(joined[0][0], k).end()
            rest = _cut(joined[0], k)
            removed.append(f"repeated title: {title[:80]}")
            joined = ([rest] if rest[0] else []) + joined[1:]
    body, runs = _join(joined, PARA_SEP)
    paragraphs = []
    p = 0
    for text, _ in joined:
        paragraphs.append([p, p + len(text)])
        p += len(text) + len(PARA_SEP)
    return Cleaned(body=body, paragraphs=paragraphs, offset_map=_merge_runs(runs), removed=removed)


def _merge_runs(runs: list[tuple[int, int, int]]) -> list[list[int]]:
    out: list[list[int]] = []
    for b, r, n in runs:
        if n <= 0:
            continue
        if out and out[-1][0] + out[-1][2] == b and out[-1][1] + out[-1][2] == r:
            out[-1][2] += n
        else:
            out.append([b, r, n])
    return out


# --------------------------------------------------------------------------- language

_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_WORDS = re.compile(r"[A-Za-zÀ-ÿ]+")
# A few very frequent function words per language; "en" is the default only with evidence.
_STOP = {
    "en": {"the", "of", "and", "in", "to", "was", "said", "that", "for", "on", "with", "by"},
    "fr": {"le", "la", "les", "des", "et", "du", "dans", "une", "est", "pour", "au", "sur"},
    "de": {"der", "die", "das", "und", "ist", "mit", "den", "von", "im", "nicht", "sich", "auf"},
    "es": {"el", "los", "las", "del", "y", "en", "que", "por", "una", "con", "para", "fue"},
}
_STOP_INDEX: dict[str, list[str]] = {}
for _lang, _words in _STOP.items():
    for _w in _words:
        _STOP_INDEX.setdefault(_w, []).append(_lang)


def guess_language(text: str) -> str | None:
    """A cheap guess: Arabic script share → "ar", Cyrillic → "ru", else by function words."""
    sample = text[:1500]
    # script shares only matter when a non-Latin script is there at all (curly quotes make
    # most English news non-ASCII, and counting three scripts was most of this function)
    if not sample.isascii() and (_ARABIC.search(sample) or _CYRILLIC.search(sample)):
        ar = len(_ARABIC.findall(sample))
        la = len(_LATIN.findall(sample))
        cy = len(_CYRILLIC.findall(sample))
        total = ar + la + cy
        if total < 3:
            return None
        if ar / total > 0.3:
            return "ar"
        if cy / total > 0.5:
            return "ru"
    elif len(_LATIN.findall(sample, 0, 200)) < 3:
        return None
    scores = dict.fromkeys(_STOP, 0)
    for w in _WORDS.findall(sample, 0, 600):
        for lang in _STOP_INDEX.get(w.lower(), ()):
            scores[lang] += 1
    lang, best = max(scores.items(), key=lambda kv: kv[1])
    return lang if best >= 2 else None


# --------------------------------------------------------------------------- Article builder


def _title_suffix_re() -> re.Pattern[str]:
    data = json.loads(resources.files(__package__).joinpath("data/outlets.json").read_text("utf-8"))
    names = "|".join(re.escape(n) for n in sorted(data["title_suffixes"], key=len, reverse=True))
    sections = "|".join(re.escape(n) for n in data["title_sections"])
    return re.compile(rf"(?:\s+[-|–—:]\s+(?:{sections}))*\s+[-|–—:]\s+(?:{names})\s*$", re.I)


_TITLE_SUFFIX = _title_suffix_re()


def strip_title_suffix(title: str) -> str:
    """"Five dead as ... downed in Syria | Jordan Times" → without the site name (and the
    "- Region - World" sections ahram puts before it)."""
    stripped = _TITLE_SUFFIX.sub("", title)
    return stripped if len(stripped) >= 3 else title



def iso_published(value: str | datetime | date | None) -> tuple[str | None, str | None]:
    """(ISO string, precision) for a publication time: "datetime" when a time is present."""
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime):
        return value.isoformat(), "datetime"
    if isinstance(value, date):
        return value.isoformat(), "date"
    s = str(value).strip()
    return s, ("datetime" if "T" in s or " " in s else "date")


def make_article(
    *,
    title: str,
    cleaned: Cleaned,
    reader: str,
    opts: ReadOptions,
    path: str,
    raw_bytes: bytes | None = None,
    raw_text: str | None = None,
    raw_sha256: str | None = None,
    encoding: str | None = None,
    locator: str | None = None,
    source: str | None = None,
    url: str | None = None,
    published: str | datetime | date | None = None,
    language: str | None = None,
    related: list[RelatedItem] | None = None,
    warnings: list[str] | None = None,
    extra: dict[str, Any] | None = None,
) -> Article:
    """Build an Article the same way in every reader: id, raw provenance, language, dates.

    `opts.source` (--source) always wins over the source a reader inferred."""
    title = strip_title_suffix(unicodedata.normalize("NFC", " ".join(title.split())))
    src = opts.source or source
    src = src.strip().lower() if src else None
    pub, precision = iso_published(published)
    warns = list(warnings or [])
    warns.extend(f"dropped {r}" for r in cleaned.removed)
    if raw_sha256 is None and raw_bytes is not None:
        raw_sha256 = sha256(raw_bytes)
    keep_text = raw_text if raw_text is not None and len(raw_text) <= opts.raw_text_limit else None
    if raw_text is not None and keep_text is None:
        warns.append(f"raw text not kept verbatim: {len(raw_text)} characters > raw_text_limit "
                     f"{opts.raw_text_limit}")
    return Article(
        id=Article.make_id(title, cleaned.body, src, (extra or {}).get("external_id")),
        title=title,
        body=cleaned.body,
        source=src,
        url=url,
        published=pub,
        published_precision=precision,
        language=language or guess_language(title + " " + cleaned.body),
        paragraphs=cleaned.paragraphs,
        related=list(related or []),
        raw=RawInput(path=path, sha256=raw_sha256, text=keep_text, encoding=encoding, locator=locator),
        reader=reader,
        warnings=warns,
        offset_map=cleaned.offset_map,
        extra=dict(extra or {}),
    )


__all__ = ["Cleaned", "clean_text", "make_article", "guess_language", "iso_published",
           "title_prefix_end", "boilerplate_name", "strip_title_suffix", "PARA_SEP"]
