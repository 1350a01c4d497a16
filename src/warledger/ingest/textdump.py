"""Reader "textdump": plain-text article dumps like the seed (alalam-2013-06-12-aleppo.txt):
a title line, a blank line, the title repeated, a date line, body paragraphs and a trailing
PHP var_dump `string(N) "[...]"` of related stories. Any plain text file also ingests
(title = first line, published unknown with a warning).
"""
from __future__ import annotations

import re
from typing import Iterator

from ..errors import InputError, PHPDumpError
from ..records import RelatedItem, Rejection
from .base import Document, ReadOptions, Result, sha256
from .clean import clean_text, make_article, title_prefix_end
from .datelines import parse_date_line
from .decode import decode
from .outlets import date_related, infer_outlet
from .phpdump import DUMP_START, parse_dump

NAME = "textdump"
_LINE = re.compile(r"[^\n]+")  # blank lines do not matter to the caller
_HTML = re.compile(rb"^\s*(?:<!doctype|<html|<\?xml|<rss|<feed)", re.I)
_SENTENCE_END = re.compile(r"[.!?](?=\s)")
MAX_TITLE = 250
# files a folder holds beside its articles: never sniffed as text articles
_NOT_ARTICLES = {"py", "md", "rst", "json", "yml", "yaml", "toml", "cfg", "ini", "js", "css", "sh",
                 "lock", "csv", "tsv", "jsonl", "ndjson", "html", "htm", "xml", "warc", "gz", "zip",
                 "pdf", "png", "jpg", "jpeg", "gif", "log"}  # a first "line" longer than this is a paragraph, not a title


def sniff(doc: Document) -> float:
    """0.9 for the seed's layout, 0.8 for a var_dump'ed related list, 0.3 for other text."""
    head = doc.head(16384)
    if not head.strip() or b"\x00" in head[:4096] or _HTML.match(head):
        return 0.0
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut by the head's end
            text = head.decode("latin-1")
        else:
            text = head[:exc.start].decode("utf-8")
    stripped = text.lstrip()
    if stripped[:1] in "{[" or stripped.startswith("WARC/"):
        return 0.0
    lines = [ln.strip() for ln in text.splitlines()]
    nonblank = [ln for ln in lines if ln][:4]
    if len(nonblank) >= 3 and nonblank[0] == nonblank[1] and parse_date_line(nonblank[2]):
        return 0.9
    if len(nonblank) >= 2 and parse_date_line(nonblank[1]):
        return 0.85
    if DUMP_START.search(text) and '"[{' in text:
        return 0.8
    name = doc.name.lower().rsplit("/", 1)[-1]
    ext = name.rsplit(".", 1)[-1] if "." in name else ""
    if ext in ("txt", "text", "") or name == "-":
        return 0.4
    if ext in _NOT_ARTICLES:
        return 0.0
    return 0.15  # below the orchestrator's threshold: `--format textdump` forces it


def read(doc: Document, opts: ReadOptions) -> Iterator[Result]:
    """One Article per document (or one Rejection saying why not)."""
    data = doc.read_bytes()
    try:
        text, encoding = decode(data, doc.name)
    except InputError as exc:
        yield Rejection(path=doc.name, reason=exc.reason, reader=NAME)
        return
    yield _read_text(doc.name, data, text, encoding, opts)


def _lines(text: str) -> list[tuple[int, int]]:
    """[start, end) of every non-empty line's content (newline excluded)."""
    out = []
    for m in _LINE.finditer(text):
        end = m.end()
        if text[end - 1] == "\r":
            end -= 1
        out.append((m.start(), end))
    return out


def _read_text(path: str, data: bytes, text: str, encoding: str, opts: ReadOptions) -> Result:
    warnings: list[str] = []
    related: list[RelatedItem] = []
    # the related-items dump ends the body, parsed or not
    body_end = len(text)
    dump_m = DUMP_START.search(text)
    if dump_m is not None:
        body_end = dump_m.start()
        try:
            dump = parse_dump(text, dump_m.start())
            related = dump.items
            warnings.extend(dump.warnings)
            if text[dump.end:].strip():
                warnings.append(f"text after the PHP dump (offset {dump.end}) ignored")
        except PHPDumpError as exc:
            warnings.append(f"related-items dump at offset {dump_m.start()} is malformed ({exc}); "
                            "kept out of the body, no related items recorded")
    lines = [(s, e) for s, e in _lines(text[:body_end]) if text[s:e].strip()]
    if not lines:
        return Rejection(path=path, reason="no text before the end of the document"
                         + (" (only a PHP dump)" if dump_m else "") + "; is the file empty?",
                         reader=NAME)
    s0, e0 = lines[0]
    first = text[s0:e0].strip()
    body_start = lines[1][0] if len(lines) > 1 else body_end
    title = first
    if len(first) > MAX_TITLE:  # one long paragraph: its first sentence stands as title
        m = _SENTENCE_END.search(first, 20, MAX_TITLE)
        title = first[: m.end() if m else first.rfind(" ", 0, MAX_TITLE)].strip() or first[:MAX_TITLE]
        body_start = s0
        warnings.append("first line is a paragraph, not a title: its first sentence is used as title")
    published = None
    idx = 1
    # the seed: title, blank, the title repeated, a date line — in either order
    for _ in range(2):
        if idx >= len(lines) or body_start == s0:
            break
        s, e = lines[idx]
        line = text[s:e].strip()
        k = title_prefix_end(line, title)
        if k is not None and not line[k:].strip(" .:-|"):
            idx += 1
            continue
        dm = parse_date_line(line)
        if dm is not None and published is None:
            published = dm.iso
            idx += 1
            continue
        break
    if body_start != s0:
        body_start = lines[idx][0] if idx < len(lines) else body_end
    if published is None:
        warnings.append("no date line under the title (e.g. 'Wed Jun 12, 2013 20:59:42'): published is unknown")
    cleaned = clean_text(text, title=title, start=body_start, end=body_end)
    if not cleaned.body:
        return Rejection(path=path, locator="line 1",
                         reason=f"only a title ({title[:60]!r}) and no body text; a text article needs "
                                "a title line followed by its paragraphs", reader=NAME)
    date_related(related)
    source, evidence = infer_outlet(text[:body_end], related, source=opts.source)
    if source and evidence and evidence != "given":
        warnings.append(f"source {source!r} inferred from {evidence}")
    return make_article(
        title=title, cleaned=cleaned, reader=NAME, opts=opts, path=path, raw_text=text,
        raw_sha256=sha256(data), encoding=encoding, source=source, published=published,
        related=related, warnings=warnings,
    )


__all__ = ["NAME", "sniff", "read"]
