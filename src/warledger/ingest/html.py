"""HTML page reader ("html"): trafilatura finds the main text and metadata, clean_text cleans it.

`article_from_html` is shared with the WARC reader, which feeds it one response at a time.
"""
from __future__ import annotations

import json
import logging
import re
import unicodedata
from datetime import date, datetime
from typing import Any, Iterator
from urllib.parse import urlsplit

from ..errors import InputError
from ..records import Rejection
from .base import Document, ReadOptions, Result
from .clean import clean_text, make_article
from .decode import declared_charset, decode
from .sources import head_of, html_score, read_all

READER = "html"
log = logging.getLogger(__name__)

# trafilatura settings, chosen on the 12 pages in shared/data/samples/html (see
# tests/test_ingest_html.py): the defaults found 214/216 expected paragraphs with 18
# noise lines; favor_recall found the same 214 with 21 noise lines, favor_precision only
# 204. Tables stay in (casualty tables); comments and images stay out.
EXTRACT_OPTIONS: dict[str, Any] = dict(
    include_comments=False, include_tables=True, include_images=False, include_links=False,
    favor_recall=False, favor_precision=False, with_metadata=True, deduplicate=False,
    # no guessing from "© 2013 Cable News Network" (it gave 2013-01-01 for a 3 Aug story):
    # only dates the page states for the article itself
    date_extraction_params={"extensive_search": False, "original_date": True},
)
# Publication-time sources, in order of trust; only an ISO value with a time is used.
_PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished",
                   "pubdate", "publishdate", "date", "dc.date.issued", "dcterms.created",
                   "sailthru.date", "parsely-pub-date")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
# Second-level labels under which a country code's registrable name sits (news.bbc.co.uk).
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "news", "go", "or", "ne"}


def sniff(doc: Document) -> float:
    """0.9 for a page, 0.4 for a fragment of tags, 0 otherwise (see sources.html_score)."""
    return html_score(head_of(doc))


def read(doc: Document, opts: ReadOptions) -> Iterator[Result]:
    """One Article (or one Rejection) from one HTML page."""
    data = read_all(doc)
    yield article_from_html(data, name=doc.name, opts=opts)


def article_from_html(data: bytes, *, name: str, opts: ReadOptions, url: str | None = None,
                      declared: str | None = None, locator: str | None = None,
                      reader: str = READER, extra: dict[str, Any] | None = None) -> Result:
    """An Article from a page's bytes, or a Rejection saying why there is none.

    `url` (a WARC-Target-URI) wins over the page's canonical URL; `declared` is an HTTP
    charset, which wins over the page's <meta charset>.
    """
    import trafilatura

    try:
        text, encoding = decode(data, name, declared or declared_charset(data[:65536]))
    except InputError as exc:
        return Rejection(path=name, reason=exc.reason, locator=locator or exc.locator, reader=reader)
    try:
        doc = trafilatura.bare_extraction(text, url=url, **EXTRACT_OPTIONS)
    except Exception as exc:  # lxml and trafilatura raise assorted errors on hostile markup
        return Rejection(path=name, locator=locator, reader=reader,
                         reason=f"HTML could not be parsed ({type(exc).__name__}: {exc}); "
                                "check that the file is an HTML page")
    body = (doc.text or "").strip() if doc is not None else ""
    if not body:
        return Rejection(path=name, locator=locator, reader=reader,
                         reason="no article text found in the page (an index, a login wall or "
                                "a script-only page?); ingest the article page itself")
    warnings: list[str] = []
    head = _head_metadata(text)
    lead = _missing_lead(doc.description, body, text)
    if lead:
        # rt.com keeps its first paragraph in <div class="article__summary summary">, which
        # trafilatura drops as a teaser: "Three people have died during protests in Bolivia"
        body = lead + "\n" + body
        warnings.append("restored the page's lead paragraph (its meta description) that the "
                        "extractor had dropped")
    title = _headline(doc.title, doc.sitename, head)
    if not title:
        title = _first_sentence(body)
        warnings.append("the page has no title; used the first sentence of the body")
    page_url = url or doc.url or head.get("canonical") or None
    published = _published(doc.date, head)
    cleaned = clean_text(body, title=title)
    if not cleaned.body:
        return Rejection(path=name, locator=locator, reader=reader,
                         reason="no article text found in the page (only its title or share/"
                                "navigation lines); ingest the article page itself")
    more: dict[str, Any] = {"site_name": doc.sitename} if doc.sitename else {}
    if doc.author:
        more["author"] = doc.author
    if url and doc.url and doc.url != url:
        more["canonical_url"] = doc.url
    more["raw_text"] = "extracted main text (raw.sha256 is of the page's bytes)"
    more.update(extra or {})
    return make_article(
        title=title, cleaned=cleaned, reader=reader, opts=opts, path=name,
        raw_bytes=data, raw_text=body, encoding=encoding, locator=locator,
        source=outlet_from_url(page_url) or _short_name(doc.sitename), url=page_url,
        published=published, language=head.get("language") or doc.language,
        warnings=warnings, extra=more,
    )


# ------------------------------------------------------------------ metadata helpers


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).lower()
    return " ".join(re.sub(r"[\W_]+", " ", s).split())


def _missing_lead(description: str | None, body: str, page: str) -> str | None:
    """The meta description when the page shows it as visible text but the body lacks it."""
    if not description or len(description) < 40:
        return None
    key = _norm(description)[:60]
    if key in _norm(body):
        return None
    from lxml import html as lhtml

    try:
        tree = lhtml.fromstring(page)
    except Exception:  # noqa: BLE001 - unparsable markup: no lead to recover
        return None
    for el in tree.xpath("//*[contains(@class,'summary') or contains(@class,'lead') or "
                         "contains(@class,'standfirst') or contains(@class,'intro') or "
                         "contains(@class,'dek') or contains(@class,'subtitle')]"):
        txt = " ".join(el.text_content().split())
        if _norm(txt)[:60] == key:
            return txt
    return None


def _head_metadata(page: str) -> dict[str, str]:
    """title, canonical URL, language and ISO publication times from <head> and JSON-LD."""
    from lxml import html as lhtml

    out: dict[str, str] = {}
    try:
        tree = lhtml.fromstring(page)
    except Exception:  # noqa: BLE001 - nothing to read from unparsable markup
        return out
    titles = tree.xpath("//title/text()")
    if titles:
        out["title"] = " ".join(titles[0].split())
    h1s = [" ".join(h.text_content().split()) for h in tree.xpath("//body//h1")]
    if h1s := [h for h in h1s if h]:
        out["h1"] = h1s[0]
    canon = tree.xpath("//link[@rel='canonical']/@href") or tree.xpath("//meta[@property='og:url']/@content")
    if canon:
        out["canonical"] = canon[0].strip()
    lang = (tree.xpath("/html/@lang") or tree.xpath("//html/@lang")
            or tree.xpath("//meta[@http-equiv='content-language' or @http-equiv='Content-Language']/@content")
            or tree.xpath("//meta[@property='og:locale']/@content"))
    if lang and re.match(r"^[A-Za-z]{2}(?:[-_].*)?$", lang[0].strip()):
        out["language"] = lang[0].strip()[:2].lower()
    times: list[str] = []
    for el in tree.xpath("//meta[@property or @name or @itemprop]"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if key in _PUBLISHED_META and el.get("content"):
            times.append(el.get("content").strip())
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        times.extend(_jsonld_dates(script))
    times.extend(t.strip() for t in tree.xpath("//time/@datetime"))
    for i, t in enumerate(x for x in times if _ISO_DATETIME.match(x)):
        out[f"time{i}"] = t
    return out


def _headline(extracted: str | None, site: str | None, head: dict[str, str]) -> str:
    """The article's headline: the page's <h1> when <title> confirms it, else trafilatura's.

    cbc.ca's og:title is a different teaser ("Palestinians say his appointment could ruin
    ceasefire talks | CBC News") from the headline shown in <h1> and <title>.
    """
    h1, page_title = head.get("h1", ""), head.get("title", "")
    if h1 and len(h1) >= 10 and page_title and _norm(page_title).startswith(_norm(h1)):
        return h1
    title = (extracted or "").strip() or page_title
    if site:  # "… | CBC News", "… - RT World News": the outlet's name is not the headline
        m = re.match(r"(.{10,}?)\s+[|\-–—:]\s+([^|\-–—]{2,60})$", title)
        if m and (_norm(site) in _norm(m.group(2)) or _norm(m.group(2)) in _norm(site)):
            title = m.group(1)
    return title


def _jsonld_dates(script: str) -> list[str]:
    try:
        data = json.loads(script)
    except ValueError:
        return re.findall(r'"datePublished"\s*:\s*"([^"]+)"', script)
    found: list[str] = []
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("datePublished"), str):
                found.append(node["datePublished"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def _parse_iso(value: str) -> datetime | None:
    m = _ISO_DATETIME.match(value.strip())
    if not m:
        return None
    s = m.group(0).replace(" ", "T")
    s = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", s)
    try:
        return datetime.fromisoformat(s)
    except ValueError:
        return None


def _published(day: str | None, head: dict[str, str]) -> datetime | date | None:
    """trafilatura's date, with the time and zone the page states for that same day."""
    times = [dt for k, v in head.items() if k.startswith("time") and (dt := _parse_iso(v))]
    if day:
        try:
            d = date.fromisoformat(day[:10])
        except ValueError:
            d = None
        if d is not None:
            for dt in times:
                if dt.date() == d:
                    return dt
            return d
    return times[0] if times else None


def outlet_from_url(url: str | None) -> str | None:
    """The outlet's short name from a URL: the outlet table first (ingest/outlets.py, whose
    names follow FA-KES), else the registrable domain's name: 'www.example.co.uk' → 'example'."""
    if not url:
        return None
    from .outlets import outlet_from_url as known_outlet

    known = known_outlet(url)
    if known:
        return known
    try:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    labels = [x for x in host.split(".") if x]
    if len(labels) < 2 or all(x.isdigit() for x in labels):
        return None
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return labels[-3]
    return labels[-2]


def _short_name(site: str | None) -> str | None:
    if not site:
        return None
    s = re.sub(r"[^\w]+", "", site.lower())
    return s or None


def _first_sentence(body: str) -> str:
    first = body.strip().split("\n", 1)[0]
    m = re.match(r"(.{10,200}?[.!?؟])(\s|$)", first)
    return (m.group(1) if m else first[:120]).strip()


__all__ = ["sniff", "read", "article_from_html", "outlet_from_url", "EXTRACT_OPTIONS"]
