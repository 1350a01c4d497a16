"""The stages over a store, and `run()`, which only chains them.

Each function here is what the CLI command of the same name calls:
ingest → extract → corroborate → verify. The pure, store-free stages live in their
packages (`warledger.extract.extract(article)`, `warledger.corroborate.corroborate(...)`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from .ingest import IngestReport
from .ingest import ingest as _ingest
from .records import Article, Event
from .store import Store

__all__ = ["ingest", "extract", "corroborate", "verify", "run", "run_articles", "RunReport",
           "ExtractReport"]

ingest = _ingest


@dataclass
class ExtractReport:
    articles: int = 0
    events: int = 0
    fatal_events: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (article id, error)

    def summary(self) -> str:
        s = f"extracted {self.events} event(s) ({self.fatal_events} fatal) from {self.articles} article(s)"
        return s + (f"; {len(self.failed)} article(s) failed" if self.failed else "")


def extract(store: Store, *, article_ids: Iterable[str] | None = None,
            progress: Callable[[Article], None] | None = None,
            workers: int | str | None = None, scheduler: Any = None,
            batch_size: int | None = None,
            extractor: Callable[[Article], list[Event]] | None = None) -> ExtractReport:
    """Extract events from stored articles and replace their stored events (idempotent:
    event ids are content hashes, so a re-run writes the same rows).

    ``workers``: None/1 = this process; N > 1 = a pool of N processes; 0 = every core;
    "auto" = one process below ``parallel.AUTO_MIN_ARTICLES`` articles, else every core.
    ``scheduler``: a Dask scheduler address, "local" (a LocalCluster) or a
    ``distributed.Client``; needs ``pip install "warledger[dask]"``. Either way the events,
    their ids and their order in the store are those of the one-process run; only this
    process writes, one batch per transaction. ``extractor`` replaces
    ``warledger.extract.extract`` (it must be picklable, i.e. a module-level function, for
    workers and Dask)."""
    from . import parallel

    ids = list(article_ids) if article_ids is not None else None
    report = ExtractReport()
    if scheduler is None and workers in (None, 1, "1"):
        return _extract_here(store, ids, progress, report, extractor)
    total = len(ids) if ids is not None else store.counts()["articles"]
    n = parallel.resolve_workers(workers, total)
    if scheduler is None and n <= 1:
        return _extract_here(store, ids, progress, report, extractor)

    def on_batch(batch: list[Article], outcomes: list) -> None:
        store.replace_events({o.article_id: o.events for o in outcomes})
        for art, o in zip(batch, outcomes):
            _account(report, o.article_id, o.events, o.error)
            if progress:
                progress(art)

    articles = store.iter_articles(ids=ids)
    if scheduler is not None:
        parallel.run_dask(articles, total, scheduler, None if workers is None else n, on_batch,
                          batch_size=batch_size, extractor=extractor)
    else:
        parallel.run_local(articles, total, n, on_batch, batch_size=batch_size, extractor=extractor)
    return report


def _account(report: ExtractReport, article_id: str, events: list[Event], error: str | None) -> None:
    report.articles += 1
    if error is not None:
        report.failed.append((article_id, error))
    report.events += len(events)
    report.fatal_events += sum(1 for e in events if (e.killed.best or 0) > 0 or e.killed.unquantified)


def _extract_here(store: Store, ids: list[str] | None, progress, report: ExtractReport,
                  extractor) -> ExtractReport:
    """The one-process path: extract article by article, write every 500 articles."""
    if extractor is None:
        from .extract import extract as extractor

    batch: dict[str, list[Event]] = {}
    for art in store.iter_articles(ids=ids):
        error = None
        try:
            events = extractor(art)
        except Exception as exc:  # one bad article must not stop the run; it is reported
            error, events = f"{type(exc).__name__}: {exc}", []
        batch[art.id] = events
        _account(report, art.id, events, error)
        if progress:
            progress(art)
        if len(batch) >= 500:
            store.replace_events(batch)
            batch = {}
    if batch:
        store.replace_events(batch)
    return report


def corroborate(store: Store) -> int:
    """Cluster all stored events into ledger events; returns how many were written."""
    from .corroborate import corroborate_store

    return corroborate_store(store)


def verify(store: Store, model: str | None = None) -> int:
    """Score every claim and article for credibility; returns how many verdicts were written."""
    from .verify import verify_store

    return verify_store(store, model=model)


@dataclass
class RunReport:
    ingest: IngestReport
    extract: ExtractReport
    ledger_events: int = 0
    verdicts: int = 0
    db_url: str = ""

    def to_dict(self) -> dict:
        return {"ingest": self.ingest.to_dict(), "extract": {
                    "articles": self.extract.articles, "events": self.extract.events,
                    "fatal_events": self.extract.fatal_events, "failed": self.extract.failed},
                "ledger_events": self.ledger_events, "verdicts": self.verdicts}

    def summary(self) -> str:
        return "\n".join([
            self.ingest.summary(),
            self.extract.summary(),
            f"corroborated into {self.ledger_events} ledger event(s)",
            f"wrote {self.verdicts} credibility verdict(s)",
        ])


def run(paths: Iterable[str], store: Store | None = None, *, db: str | None = None,
        format: str | None = None, mapping: dict[str, str] | None = None,
        source: str | None = None, progress: Callable | None = None,
        workers: int | str | None = None, scheduler: Any = None) -> RunReport:
    """The whole job: ingest → extract → corroborate → verify, nothing else (``workers`` and
    ``scheduler`` are extract's)."""
    store = store if store is not None else Store(db)
    ing = ingest(paths, store, format=format, mapping=mapping, source=source, progress=progress)
    ext = extract(store, workers=workers, scheduler=scheduler)
    n_ledger = corroborate(store)
    n_verdicts = verify(store)
    return RunReport(ing, ext, n_ledger, n_verdicts, store.url)


def run_articles(store: Store, articles: list[Article], origin: str = "api") -> RunReport:
    """The job for Articles already built (pushed through the API): store them as one
    batch, extract the new ones, then corroborate and verify the whole ledger again."""
    from .ingest import IngestReport

    res = store.add_articles([(a, origin) for a in articles])
    ing = IngestReport(read=len(articles), new=res.new, duplicate=res.duplicate,
                       new_ids=list(res.new_ids or []))
    ext = extract(store, article_ids=ing.new_ids) if ing.new_ids else ExtractReport()
    n_ledger = corroborate(store) if ing.new_ids else 0
    n_verdicts = verify(store) if ing.new_ids else 0
    return RunReport(ing, ext, n_ledger, n_verdicts, store.url)


def example_paths() -> list[str]:
    """The bundled example inputs (the seed and a few FA-KES articles)."""
    from importlib import resources

    root = resources.files("warledger") / "examples"
    return sorted(str(p) for p in root.iterdir()
                  if p.name.endswith((".txt", ".csv")) and not p.name.startswith(("_", ".")))
