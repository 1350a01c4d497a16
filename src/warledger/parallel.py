"""Extraction on many cores or a Dask cluster: articles go out in bounded batches, events come
back in submission order, and only the calling process writes to the store (SQLite has one writer).

`pipeline.extract(store, workers=N | scheduler=...)` is the public entry point; this module is
its machinery: how many workers, how big a batch, how to feed a process pool or a Dask client.
"""
from __future__ import annotations

import gc
import math
import multiprocessing
import os
import pickle
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from .errors import ConfigError, ExtractError, MissingDependencyError
from .records import Article, Event

Extractor = Callable[[Article], list[Event]]

BATCH_SIZE = 200  # articles per batch: ~0.4 s of work at ~2 ms/article, so per-batch IPC is noise
INFLIGHT_PER_WORKER = 2  # one batch running and one queued per worker keeps every core busy
# Below this many articles `workers="auto"` stays in-process: a spawned worker costs ~0.5 s
# of CPU to start (interpreter, imports, gazetteer) and ~0.5 s more warming its caches, and
# the parent still unpickles and writes every event; on the shared 2-core box two workers
# lost at 1,584 articles and broke even or won (1.0-1.3x) from ~3,000 (benchmarks/extract_parallel.py).
AUTO_MIN_ARTICLES = 2000

DASK_HINT = 'Dask is not installed: pip install "warledger[dask]"'


def resolve_workers(workers: int | str | None, n_articles: int | None = None) -> int:
    """The number of processes to use: None/1 → 1, 0 → every core, "auto" → 1 for small
    inputs (start-up dominates), else every core."""
    if workers is None:
        return 1
    if isinstance(workers, str):
        if workers == "auto":
            if n_articles is not None and n_articles < AUTO_MIN_ARTICLES:
                return 1
            return cpu_count()
        try:
            workers = int(workers)
        except ValueError:
            raise ConfigError(f"workers must be a number (0 = every core) or 'auto', "
                              f"not {workers!r}") from None
    if workers < 0:
        raise ConfigError(f"workers must be >= 0 (0 = every core) or 'auto', not {workers}")
    return cpu_count() if workers == 0 else workers


def cpu_count() -> int:
    """Cores this process may run on (the affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def batch_size_for(n_articles: int | None, workers: int, cap: int = BATCH_SIZE) -> int:
    """Batches of `cap`, smaller when the input is too small to give every worker a few."""
    if not n_articles:
        return cap
    return max(1, min(cap, math.ceil(n_articles / (workers * INFLIGHT_PER_WORKER))))


def batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive lists of `size` articles (the last may be shorter), read lazily."""
    batch: list[Article] = []
    for a in articles:
        batch.append(a)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# ------------------------------------------------------------------ worker side
# Top-level functions only: a spawned process (or a Dask worker) imports them by name.

@dataclass
class Outcome:
    """One article's result as it travels back from a worker."""
    article_id: str
    events: list[Event]
    error: str | None = None


def _default_extractor() -> Extractor:
    from .extract import extract

    return extract


def extract_batch(articles: list[Article], extractor: Extractor | None = None) -> list[Outcome]:
    """Extract a batch; an article that raises is an Outcome with `error`, never a lost batch."""
    fn = extractor or _default_extractor()
    out = []
    for art in articles:
        try:
            out.append(Outcome(art.id, fn(art)))
        except Exception as exc:  # one bad article must not stop the batch; it is reported
            out.append(Outcome(art.id, [], f"{type(exc).__name__}: {exc}"))
    return out


def extract_batch_packed(articles: list[Article], extractor: Extractor | None = None) -> bytes:
    """`extract_batch`, pickled here in the worker, so the parent can unpickle it with the
    cyclic GC paused (see `unpack`)."""
    return pickle.dumps(extract_batch(articles, extractor), protocol=pickle.HIGHEST_PROTOCOL)


def unpack(data: bytes) -> list[Outcome]:
    """Unpickle a batch's Events with the GC paused: the parent is the one serial stage, and
    rebuilding ~100 small objects per article let the collector run over and over (measured:
    a third of the unpickling time; gazetteer.py pauses it for the same reason)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if enabled:
            gc.enable()


def warm_up() -> None:
    """Pool initializer: load the gazetteer and lexicons once per worker, before the first
    batch, by extracting a tiny article (every lazy loader on the hot path runs)."""
    probe = Article(id="a_warmup", title="Two killed in Aleppo",
                    body="Two people were killed in an air strike on Aleppo on Monday.")
    try:
        _default_extractor()(probe)
    except Exception:  # warming is an optimisation: a broken gazetteer must show as failed
        pass  # articles (as in one process), not as a pool that cannot start


# ------------------------------------------------------------------ parent side

def run_batches(chunks: Iterable[list[Article]], submit: Callable[[list[Article]], Any],
                result: Callable[[Any], list[Outcome]], inflight: int,
                on_batch: Callable[[list[Article], list[Outcome]], None],
                where: str) -> None:
    """Submit `chunks` with at most `inflight` outstanding and hand results to `on_batch`
    in submission order (so the store sees the same row order as a one-process run)."""
    pending: deque[tuple[int, list[Article], Any]] = deque()

    def drain_one() -> None:
        i, batch, fut = pending[0]
        try:
            outcomes = result(fut)
        except Exception as exc:
            raise _batch_error(where, exc, list(pending)) from exc
        pending.popleft()
        on_batch(batch, outcomes)

    for i, batch in enumerate(chunks):
        try:
            fut = submit(batch)
        except Exception as exc:  # e.g. the pool broke: store what came back first, in order
            while pending:
                drain_one()
            raise _batch_error(where, exc, [(i, batch, None)]) from exc
        pending.append((i, batch, fut))
        while len(pending) >= inflight:
            drain_one()
    while pending:
        drain_one()


def _batch_error(where: str, exc: Exception, pending: list[tuple[int, list[Article], Any]]) -> ExtractError:
    """Name the batch that failed; when a worker process died, the pool cannot tell which of
    the batches in flight it held, so name them all (their article id range)."""
    i, batch, _ = pending[0]
    stored = f"batches 0–{i - 1} are stored" if i else "no batch was stored"
    if isinstance(exc, BrokenProcessPool):
        last, last_batch, _ = pending[-1]
        return ExtractError(
            f"{where}: a worker process died (out of memory, a crash in native code, or a script "
            f"that starts workers without `if __name__ == '__main__':`) while batches {i}–{last} "
            f"were in flight (articles {batch[0].id} … {last_batch[-1].id}); {stored}. "
            f"Re-running is safe (it rewrites the same events).")
    return ExtractError(
        f"{where}: batch {i} ({len(batch)} articles, {batch[0].id} … {batch[-1].id}) failed: "
        f"{type(exc).__name__}: {exc}; {stored}. Re-running is safe (it rewrites the same events).")


def run_local(articles: Iterable[Article], total: int | None, workers: int, on_batch, *,
              batch_size: int | None = None, extractor: Extractor | None = None) -> None:
    """Batches through a pool of `workers` spawned processes (spawn: safe with threads in
    the parent, e.g. the CLI's progress bar, and the same on Linux, macOS and Windows)."""
    chunks = batches(articles, batch_size or batch_size_for(total, workers))
    ctx = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=warm_up)
    try:
        run_batches(chunks, lambda b: pool.submit(extract_batch_packed, b, extractor),
                    lambda f: unpack(f.result()), workers * INFLIGHT_PER_WORKER, on_batch,
                    f"local pool of {workers} worker(s)")
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def dask_client(scheduler: Any, workers: int) -> tuple[Any, Callable[[], None]]:
    """A `distributed.Client` for `scheduler` (an address, "local", or a Client) and how to
    close what we opened (nothing when the caller passed its own Client)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise MissingDependencyError(DASK_HINT) from exc
    if isinstance(scheduler, Client):
        return scheduler, lambda: None
    if scheduler == "local":
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1,
                               dashboard_address=None, processes=True)
        client = Client(cluster)

        def close() -> None:
            client.close()
            cluster.close()
        return client, close
    if isinstance(scheduler, str):
        try:
            client = Client(scheduler, timeout="10s")
        except OSError as exc:
            raise ExtractError(f"cannot reach the Dask scheduler at {scheduler}: {exc}. "
                               "Start one (dask scheduler) or pass --scheduler local.") from exc
        return client, client.close
    raise ConfigError(f"scheduler must be an address (tcp://host:8786), 'local' or a "
                      f"distributed.Client, not {scheduler!r}")


def run_dask(articles: Iterable[Article], total: int | None, scheduler: Any, workers: int | None,
             on_batch, *, batch_size: int | None = None, extractor: Extractor | None = None) -> None:
    """Batches through a Dask cluster; each Dask worker loads the gazetteer on its first batch
    (it is cached per process), and results come back in submission order. `workers` sizes a
    "local" cluster (default: every core); a remote cluster's size is asked of its scheduler."""
    client, close = dask_client(scheduler, workers or cpu_count())
    try:
        # one batch per worker thread; extraction is pure Python, so run Dask workers with
        # one thread each (dask worker --nthreads 1 --nworkers N), as "local" does
        n = sum(client.nthreads().values()) or workers or 1
        chunks = batches(articles, batch_size or batch_size_for(total, n))
        # pure=False: two batches with the same articles are still two tasks (no key reuse)
        run_batches(chunks, lambda b: client.submit(extract_batch_packed, b, extractor, pure=False),
                    lambda f: unpack(f.result()), n * INFLIGHT_PER_WORKER, on_batch,
                    f"Dask cluster {client.scheduler.address}")
    finally:
        close()
