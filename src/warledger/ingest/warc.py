"""WARC / ARC reader ("warc"): each 200 HTML response becomes an Article via the HTML path.

The archive is streamed record by record from doc.open() (never read whole); the other
records are counted, not stored. A cut archive yields its complete records and one
Rejection naming the offset of the record that broke.
"""
from __future__ import annotations

import logging
import zlib
from collections import Counter
from typing import Iterator

from ..records import Rejection
from .base import Document, ReadOptions, Result
from .html import article_from_html
from .sources import head_of, is_warc

READER = "warc"
MAX_HTML_BYTES = 32 * 1024 * 1024  # one page larger than this is refused, not buffered
_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xhtml")
_DRAIN = 1 << 16
log = logging.getLogger(__name__)


def sniff(doc: Document) -> float:
    """0.95 when the head is a WARC or ARC record (gzipped or not)."""
    return 0.95 if is_warc(head_of(doc)) else 0.0


def read(doc: Document, opts: ReadOptions) -> Iterator[Result]:
    """Articles from the archive's HTML responses, Rejections for bad ones and for a cut.

    Record counts go to `opts.stats` (a Counter) when the options carry one, and to the log.
    """
    stats = getattr(opts, "stats", None)
    yield from read_with_stats(doc, opts, stats if stats is not None else Counter())


def read_with_stats(doc: Document, opts: ReadOptions, stats: Counter) -> Iterator[Result]:
    """As read(), counting every record by what happened to it into `stats`:
    article, rejected, request, metadata, warcinfo, revisit, resource, non-200, non-html,
    other, truncated."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParserException

    # warcio raises whatever its parsing hits on garbage (AttributeError on a record cut
    # inside its WARC headers, zlib.error in a cut gzip member): all mean "broken here".
    broken = (ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error, EOFError,
              ValueError, OSError, KeyError, IndexError, TypeError, AttributeError)
    it = None
    offset = 0
    try:
        with doc.open() as fh:
            it = ArchiveIterator(fh, arc2warc=True)
            for record in it:
                offset = it.offset  # start of this record (read_to_end would move it)
                stats["records"] += 1
                if record.length is None:  # a cut inside the headers leaves no Content-Length
                    stats["truncated"] += 1
                    yield Rejection(path=doc.name, locator=f"offset {offset}", reader=READER,
                                    reason=f"the record at offset {offset} has no Content-Length "
                                           "(archive cut inside its headers, or not a WARC); "
                                           f"{_done(stats, stats['records'] - 1)} were read "
                                           "before it; re-download or re-copy the file")
                    return
                result = _record_result(record, doc, opts, offset, stats)
                cut = _drain(record)
                if cut is not None:  # a cut page is half a page: it does not become an Article
                    stats["truncated"] += 1
                    if result is not None:
                        key = "rejected" if isinstance(result, Rejection) else "article"
                        stats[key] -= 1
                        if not stats[key]:
                            del stats[key]
                    yield _cut_rejection(doc, offset, cut, stats)
                    return
                if result is not None:
                    yield result
        if not stats["records"]:
            # a gzip cut inside its first member decompresses to nothing at all
            yield Rejection(path=doc.name, locator="offset 0", reader=READER,
                            reason="no WARC/ARC record could be read (an empty or cut archive?); "
                                   "re-download or re-copy the file")
    except broken as exc:
        stats["truncated"] += 1
        where = it.offset if it is not None else offset
        yield Rejection(path=doc.name, locator=f"offset {where}", reader=READER,
                        reason=f"archive broken at offset {where} ({type(exc).__name__}: "
                               f"{str(exc).strip()[:200]}); {_done(stats, stats['records'])} were read "
                               "before it; "
                               "re-download or repair the file (warcio recompress)")
    finally:
        log.info("%s: %s", doc.name, ", ".join(f"{k} {v}" for k, v in sorted(stats.items())))


def _done(stats: Counter, complete: int) -> str:
    return f"{complete} complete record(s), {stats['article']} of them article(s),"


def _cut_rejection(doc: Document, offset: int, missing: int, stats: Counter) -> Rejection:
    return Rejection(path=doc.name, locator=f"offset {offset}", reader=READER,
                     reason=f"archive is truncated: the record at offset {offset} lacks its last "
                            f"{missing} byte(s); {_done(stats, stats['records'] - 1)} were read "
                            "before it; "
                            "re-download or re-copy the file")


def _drain(record) -> int | None:
    """Read what is left of the record; the missing byte count when the archive is cut."""
    raw = record.raw_stream
    while raw.read(_DRAIN):
        pass
    left = getattr(raw, "limit", 0)
    return left if left and left > 0 else None


def _record_result(record, doc: Document, opts: ReadOptions, offset: int, stats: Counter):
    """An Article, a Rejection, or None (a counted record that is not an article)."""
    kind = record.rec_type or "other"
    if kind not in ("response", "resource"):
        stats[kind if kind in ("request", "metadata", "warcinfo", "revisit") else "other"] += 1
        return None
    if kind == "response":
        headers = record.http_headers
        status = headers.get_statuscode() if headers is not None else None
        if status != "200":
            stats["non-200"] += 1
            return None
        ctype = headers.get_header("Content-Type") or ""
    else:  # a resource record has no HTTP headers: its WARC Content-Type is the payload's
        ctype = record.rec_headers.get_header("Content-Type") or ""
    if not ctype.split(";")[0].strip().lower() in _HTML_TYPES:
        stats["non-html"] += 1
        return None
    stream = record.content_stream()
    data = stream.read(MAX_HTML_BYTES + 1)
    if len(data) > MAX_HTML_BYTES:
        stats["rejected"] += 1
        return Rejection(path=doc.name, locator=f"offset {offset}", reader=READER,
                         reason=f"HTML response larger than {MAX_HTML_BYTES} bytes; skipped")
    url = record.rec_headers.get_header("WARC-Target-URI")
    res = article_from_html(
        data, name=doc.name, opts=opts, url=url, declared=_charset(ctype),
        locator=f"offset {offset}", reader=READER,
        extra={k: v for k, v in (("warc_date", record.rec_headers.get_header("WARC-Date")),
                                 ("warc_record_id", record.rec_headers.get_header("WARC-Record-ID")))
               if v},
    )
    stats["article" if not isinstance(res, Rejection) else "rejected"] += 1
    return res


def _charset(ctype: str) -> str | None:
    for part in ctype.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


__all__ = ["sniff", "read", "read_with_stats", "MAX_HTML_BYTES"]
