"""Ingest: anything a user has (files, folders, archives, feeds, datasets) → Articles.

`read()` yields Articles and Rejections without touching a store; `ingest()` writes
them to a store as one all-or-nothing batch and returns a report. A reader is chosen
by sniffing each document's content unless `format` forces one.
"""
from __future__ import annotations

import functools
import importlib
import traceback
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from ..errors import InputError, MappingError, UnknownFormatError, WarledgerError
from ..records import Article, Rejection
from .base import Document, ReadOptions, Result

__all__ = ["ingest", "read", "read_document", "IngestReport", "READERS", "parse_mapping",
           "Document", "ReadOptions"]

# reader name -> (module in warledger.ingest, sniff function, read function)
READERS: dict[str, tuple[str, str, str]] = {
    "warc": ("warc", "sniff", "read"),
    "feed": ("feed", "sniff", "read"),
    "html": ("html", "sniff", "read"),
    "csv": ("tabular", "sniff_csv", "read_csv"),
    "jsonl": ("tabular", "sniff_jsonl", "read_jsonl"),
    "textdump": ("textdump", "sniff", "read"),
}
# below this sniff score no reader claims a document
MIN_SNIFF = 0.2
BATCH_CHUNK = 1000  # articles per INSERT inside the one batch transaction


def _raw_text_limit() -> int:
    from .. import settings

    value = settings.get("raw_text_limit")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise WarledgerError(f"WARLEDGER_RAW_TEXT_LIMIT={value!r} is not a whole number of characters")


@functools.lru_cache(maxsize=None)
def _reader(name: str) -> tuple[Callable, Callable]:
    mod_name, sniff_name, read_name = READERS[name]
    mod = importlib.import_module(f"{__name__}.{mod_name}")
    return getattr(mod, sniff_name), getattr(mod, read_name)


def parse_mapping(spec: str | Iterable[str] | None) -> dict[str, str]:
    """`title=article_title,body=content` (or a list of such) → {"title": "article_title", ...}."""
    if not spec:
        return {}
    parts = [spec] if isinstance(spec, str) else list(spec)
    out: dict[str, str] = {}
    for part in parts:
        for item in part.split(","):
            item = item.strip()
            if not item:
                continue
            if "=" not in item:
                raise MappingError("--map", f"item {item!r} is not FIELD=COLUMN (e.g. title=article_title)")
            k, v = item.split("=", 1)
            out[k.strip()] = v.strip()
    return out


def choose_reader(doc: Document, forced: str | None = None) -> str:
    """The reader name for a document: forced, or the best sniff score."""
    if forced:
        if forced not in READERS:
            raise UnknownFormatError(doc.name, f"unknown format {forced!r}; choose one of: "
                                     + ", ".join(READERS))
        return forced
    best, best_score = None, 0.0
    for name in READERS:
        sniff, _ = _reader(name)
        try:
            score = float(sniff(doc))
        except WarledgerError:
            score = 0.0
        if score > best_score:
            best, best_score = name, score
    if best is None or best_score < MIN_SNIFF:
        raise UnknownFormatError(doc.name, "no reader recognises this content; force one with "
                                 "--format " + "|".join(READERS))
    return best


def read_document(doc: Document, opts: ReadOptions | None = None,
                  format: str | None = None) -> Iterator[Result]:
    """Articles and Rejections from one document; never raises for bad content."""
    opts = opts or ReadOptions()
    try:
        if doc.size == 0 or (doc.size is None and not doc.head(1)):
            raise InputError(doc.name, "empty file (0 bytes): nothing to read")
        name = choose_reader(doc, format)
        _, read_fn = _reader(name)
        yield from read_fn(doc, opts)
    except InputError as exc:
        yield Rejection(path=exc.path, reason=exc.reason, locator=exc.locator)
    except WarledgerError as exc:
        yield Rejection(path=doc.name, reason=str(exc))
    except Exception as exc:  # a reader bug must not sink the batch; say it is a bug
        tb = traceback.extract_tb(exc.__traceback__)[-1]
        yield Rejection(path=doc.name, reason=f"internal error ({type(exc).__name__}: {exc} at "
                        f"{tb.filename.rsplit('/', 1)[-1]}:{tb.lineno}); please report it")


def read(paths: Iterable[str], *, format: str | None = None, mapping: dict[str, str] | None = None,
         source: str | None = None, opts: ReadOptions | None = None) -> Iterator[Result]:
    """Every Article and Rejection from the given paths, globs, folders, archives, URLs or '-'."""
    from .sources import expand

    opts = opts or ReadOptions(source=source, mapping=dict(mapping or {}),
                               raw_text_limit=_raw_text_limit())
    for item in expand(list(paths)):
        if isinstance(item, Rejection):
            yield item
            continue
        yield from read_document(item, opts, format)


@dataclass
class IngestReport:
    """What an ingest run did: the closing summary the CLI prints."""

    read: int = 0  # articles read from the inputs
    new: int = 0
    duplicate: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    by_reader: Counter = field(default_factory=Counter)
    new_ids: list[str] = field(default_factory=list)
    warnings: int = 0
    skipped: Counter = field(default_factory=Counter)  # records that are not articles, by kind

    @property
    def ok(self) -> bool:
        return not self.rejected

    def summary(self) -> str:
        readers = ", ".join(f"{k} {v}" for k, v in sorted(self.by_reader.items()))
        skipped = {k: v for k, v in self.skipped.items() if k not in ("records", "article")}
        return (f"read {self.read} article(s)" + (f" ({readers})" if readers else "")
                + f": {self.new} new, {self.duplicate} duplicate, {len(self.rejected)} rejected"
                + ("; skipped " + ", ".join(f"{v} {k}" for k, v in sorted(skipped.items()))
                   if skipped else ""))

    def to_dict(self) -> dict:
        return {"read": self.read, "new": self.new, "duplicate": self.duplicate,
                "rejected": [r.to_dict() for r in self.rejected], "by_reader": dict(self.by_reader),
                "new_ids": self.new_ids, "warnings": self.warnings, "skipped": dict(self.skipped)}


def origin_of(article: Article) -> str:
    """Where this copy was seen: the sighting key (path plus row/record locator)."""
    path = article.raw.path or "?"
    return path + (f" {article.raw.locator}" if article.raw.locator else "")


def ingest(paths: Iterable[str], store=None, *, db: str | None = None, format: str | None = None,
           mapping: dict[str, str] | None = None, source: str | None = None,
           progress: Callable[[Result], None] | None = None) -> IngestReport:
    """Read the inputs and store their Articles as one batch (all or nothing).

    Re-ingesting the same input changes nothing; the same article from another file is
    recorded as a further sighting. Rejected documents are listed in the report, and the
    rest of the batch still lands.
    """
    from ..store import Store

    store = store if store is not None else Store(db)
    report = IngestReport()
    opts = ReadOptions(source=source, mapping=dict(mapping or {}), stats=report.skipped,
                       raw_text_limit=_raw_text_limit())
    pending: list[tuple[Article, str]] = []
    with store.transaction() as conn:
        for res in read(paths, format=format, opts=opts):
            if progress:
                progress(res)
            if isinstance(res, Rejection):
                report.rejected.append(res)
                continue
            report.read += 1
            report.by_reader[res.reader or "?"] += 1
            report.warnings += len(res.warnings)
            pending.append((res, origin_of(res)))
            if len(pending) >= BATCH_CHUNK:
                _flush(store, conn, pending, report)
        _flush(store, conn, pending, report)
    return report


def _flush(store, conn, pending: list, report: IngestReport) -> None:
    if not pending:
        return
    res = store.add_articles(pending, conn)
    report.new += res.new
    report.duplicate += res.duplicate
    report.new_ids.extend(res.new_ids or [])
    pending.clear()
