"""RSS / Atom / RDF feed reader ("feed"): feedparser, one Article per entry.

A URL input is fetched by sources.url_document (timeout, size cap); feedparser only ever
sees bytes, so it never goes to the network itself.
"""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from importlib import resources
from typing import Any, Iterator

from ..errors import InputError
from ..records import Rejection
from .base import Document, ReadOptions, Result, sha256
from .clean import clean_text, make_article
from .html import outlet_from_url
from .sources import head_of, is_feed, read_all

READER = "feed"
_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
           "table", "tr", "section", "article", "figure", "figcaption", "pre", "hr", "dd", "dt"}
_RFC822ISH = re.compile(r"^\s*(?:[^\W\d_]+\.?,?\s+)?(\d{1,2})\s+([^\W\d_]+)\.?\s+(\d{2,4})\s+(.*)$")


def sniff(doc: Document) -> float:
    """0.95 when the document's root element is <rss>, <feed> or <rdf:RDF>."""
    return 0.95 if is_feed(head_of(doc)) else 0.0


def read(doc: Document, opts: ReadOptions) -> Iterator[Result]:
    """One Article per feed entry (Rejections for entries without a title or text)."""
    import feedparser

    data = read_all(doc)
    if not data:
        raise InputError(doc.name, "empty file (0 bytes): nothing to read")
    # feedparser must not fetch anything: it gets bytes, and relative links resolve
    # against the document's own URL only when there is one.
    base = doc.name if re.match(r"(?i)https?://", doc.name) else ""
    try:
        parsed = feedparser.parse(data, response_headers={"content-location": base} if base else None,
                                  resolve_relative_uris=bool(base), sanitize_html=True)
    except Exception as exc:  # noqa: BLE001 - feedparser's SAX fallbacks raise assorted errors
        yield Rejection(path=doc.name, reader=READER,
                        reason=f"feed could not be parsed ({type(exc).__name__}: {exc})")
        return
    entries = parsed.get("entries") or []
    if not entries:
        why = parsed.get("bozo_exception")
        yield Rejection(path=doc.name, reader=READER,
                        reason="no feed entries found" + (f" (the XML is broken: {why})" if why else "")
                               + "; check that this is an RSS/Atom feed")
        return
    feed = parsed.get("feed") or {}
    common: list[str] = []
    if parsed.get("bozo"):
        common.append(f"feed is not well-formed ({parsed.get('bozo_exception')}); read leniently")
    source = outlet_from_url(feed.get("link")) or outlet_from_url(_first_link(entries))
    language = _language(feed.get("language"))
    digest = sha256(data)
    for i, entry in enumerate(entries, start=1):
        yield _article(entry, i, doc.name, opts, source=source, language=language,
                       feed=feed, digest=digest, warnings=common, encoding=parsed.get("encoding"))


def _first_link(entries: list) -> str | None:
    for e in entries:
        if e.get("link"):
            return e["link"]
    return None


def _language(value: str | None) -> str | None:
    if value and re.match(r"^[A-Za-z]{2}(?:[-_]|$)", value.strip()):
        return value.strip()[:2].lower()
    return None


def _article(entry: Any, index: int, name: str, opts: ReadOptions, *, source: str | None,
             language: str | None, feed: Any, digest: str, warnings: list[str],
             encoding: str | None) -> Result:
    locator = f"entry {index}"
    title = " ".join(html_to_text(entry.get("title") or "").split())
    text = _entry_text(entry)
    warns = list(warnings)
    if not title and not text:
        return Rejection(path=name, locator=locator, reader=READER,
                         reason="feed entry has neither a title nor any text")
    if not text:
        text = title
        warns.append("feed entry has no summary or content: its body is its title")
        cleaned = clean_text(text)
    else:
        cleaned = clean_text(text, title=title or None)
        if not cleaned.body:
            cleaned = clean_text(text)
    if not title:
        title = cleaned.body.split("\n", 1)[0][:120]
        warns.append("feed entry has no title; used the start of its text")
    published, why = entry_published(entry)
    if why:
        warns.append(why)
    extra: dict[str, Any] = {"feed_title": feed.get("title")} if feed.get("title") else {}
    for key in ("id", "author"):
        if entry.get(key):
            extra["guid" if key == "id" else key] = entry[key]
    tags = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
    if tags:
        extra["tags"] = tags
    link = entry.get("link") or None
    return make_article(
        title=title, cleaned=cleaned, reader=READER, opts=opts, path=name, raw_text=text,
        raw_sha256=digest, encoding=encoding, locator=locator,
        source=source or outlet_from_url(link), url=link, published=published,
        language=language, warnings=warns, extra=extra,
    )


def _entry_text(entry: Any) -> str:
    """The fullest text of an entry: its longest content block, else its summary."""
    best, best_type = "", "text/html"
    for block in entry.get("content") or []:
        if len(block.get("value") or "") > len(best):
            best, best_type = block.get("value") or "", block.get("type") or "text/html"
    if not best:
        best = entry.get("summary") or ""
        best_type = (entry.get("summary_detail") or {}).get("type") or "text/html"
    if "html" in best_type or re.search(r"<[a-zA-Z/][^>]*>|&[a-z]+;|&#\d+;", best):
        return html_to_text(best)
    return best.strip()


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment, one line per block element (p, br, li, div ...)."""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    from lxml import etree
    from lxml import html as lhtml

    try:
        root = lhtml.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for bad in root.xpath(".//script|.//style|.//iframe|.//noscript"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n" + (el.text or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


@lru_cache(maxsize=1)
def _months() -> dict[str, str]:
    data = json.loads(resources.files(__package__).joinpath("data/feed_dates.json").read_text("utf-8"))
    return data["months"]


def parse_date(value: str | None) -> datetime | None:
    """A feed date with its zone: RFC 822 (also with Portuguese/Spanish/French/German month
    names) or ISO 8601; None when it is neither."""
    if not value or not value.strip():
        return None
    s = value.strip()
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        pass
    m = _RFC822ISH.match(s)
    if m:
        day, month, year, rest = m.groups()
        month = _months().get(month.lower(), month)
        s = f"{day} {month} {year} {rest}"
    try:
        dt = parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError):
        return None
    return dt


def entry_published(entry: Any) -> tuple[datetime | None, str | None]:
    """(publication time with zone, warning or None) for one entry."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        dt = parse_date(raw)
        if dt is not None:
            return dt, None
        parsed = entry.get(f"{key}_parsed")  # feedparser's UTC reading, when ours failed
        if parsed:
            return datetime(*parsed[:6], tzinfo=timezone.utc), None
        return None, f"unreadable date {raw!r}: published left empty"
    return None, None


__all__ = ["sniff", "read", "html_to_text", "parse_date", "entry_published"]
