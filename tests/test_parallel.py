"""Parallel extraction (warledger.parallel via pipeline.extract): a process pool and a Dask
cluster store exactly the events, ids and row order of the one-process run; a bad article is
reported; a dead worker is a named error, not a hang."""
from __future__ import annotations

import os
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warledger import parallel, pipeline
from warledger.errors import ConfigError, ExtractError, MissingDependencyError
from warledger.extract import extract as real_extract
from warledger.records import Article
from warledger.store import Store

# Extractors below run inside spawned workers, which import this module by name: module-level.
def flaky_extract(article: Article):
    if article.id in os.environ.get("WARLEDGER_TEST_BAD_IDS", "").split(","):
        raise RuntimeError(f"boom on {article.id}")
    return real_extract(article)


def crashing_extract(article: Article):
    if article.id == os.environ.get("WARLEDGER_TEST_CRASH_ID"):
        os._exit(3)  # a worker dying without a Python exception (OOM kill, segfault)
    return []


def _examples_store() -> Store:
    s = Store(":memory:")
    pipeline.ingest(pipeline.example_paths(), s)
    return s


@pytest.fixture(scope="module")
def reference():
    """The one-process run on the bundled examples (FA-KES sample + the seed)."""
    s = _examples_store()
    rep = pipeline.extract(s, workers=1)
    return rep, [e.to_dict() for e in s.events()], s.table_rows("events")


def test_pool_stores_the_same_events_in_the_same_order(reference):
    ref_rep, ref_events, ref_rows = reference
    assert ref_rep.articles == 14 and ref_rep.events > 10  # a real corpus, not an empty one
    s = _examples_store()
    seen = []
    # batches of 3: five batches, several in flight at once, so order has to be restored
    rep = pipeline.extract(s, workers=2, batch_size=3, progress=lambda a: seen.append(a.id))
    assert [e.to_dict() for e in s.events()] == ref_events
    assert s.table_rows("events") == ref_rows  # same rows, same insertion order
    assert (rep.articles, rep.events, rep.fatal_events, rep.failed) == (
        ref_rep.articles, ref_rep.events, ref_rep.fatal_events, [])
    assert seen == [a.id for a in s.iter_articles()]  # progress once per article, in order


def test_failing_article_in_a_worker_is_reported_not_fatal(reference, monkeypatch):
    _, ref_events, _ = reference
    s = _examples_store()
    ids = [a.id for a in s.iter_articles()]
    bad = [ids[1], ids[9]]  # in two different batches of 4
    monkeypatch.setenv("WARLEDGER_TEST_BAD_IDS", ",".join(bad))  # spawned workers inherit it
    rep = pipeline.extract(s, workers=2, batch_size=4, extractor=flaky_extract)
    assert rep.failed == [(aid, f"RuntimeError: boom on {aid}") for aid in bad]
    assert rep.articles == 14
    # every other article's events were stored, exactly as the one-process run stored them
    assert [e.to_dict() for e in s.events()] == [e for e in ref_events if e["article_id"] not in bad]


def test_dead_worker_is_a_named_error_and_complete_batches_stay(monkeypatch):
    s = _examples_store()
    ids = [a.id for a in s.iter_articles()]
    crash_at = 9  # batch 4 of batches of 2
    monkeypatch.setenv("WARLEDGER_TEST_CRASH_ID", ids[crash_at])  # spawned workers inherit it
    written: list[str] = []
    real_replace = s.replace_events
    monkeypatch.setattr(s, "replace_events", lambda by: (written.extend(by), real_replace(by))[1])
    with pytest.raises(ExtractError) as info:
        pipeline.extract(s, workers=2, batch_size=2, extractor=crashing_extract)
    msg = str(info.value)
    assert "worker process died" in msg and "re-running is safe" in msg.lower()
    lo, hi = (int(x) for x in msg.split("while batches ")[1].split(" ")[0].split("–"))
    assert lo <= crash_at // 2 <= hi  # the batch that crashed is among those named
    assert written == ids[:2 * lo]  # whole batches before it, in order, nothing after


def test_dask_cluster_gives_the_same_events(reference):
    distributed = pytest.importorskip(
        "dask.distributed", reason='dask is not installed (pip install "warledger[dask]")')
    _, ref_events, ref_rows = reference
    s = _examples_store()
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        rep = pipeline.extract(s, scheduler=client, batch_size=3)
        assert client.status == "running"  # a Client passed in is the caller's to close
    assert rep.failed == [] and rep.articles == 14
    assert [e.to_dict() for e in s.events()] == ref_events
    assert s.table_rows("events") == ref_rows


def test_missing_dask_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(MissingDependencyError, match=r'pip install "warledger\[dask\]"'):
        pipeline.extract(_examples_store(), scheduler="tcp://127.0.0.1:8786")


def test_resolve_workers():
    assert parallel.resolve_workers(None) == 1
    assert parallel.resolve_workers(1) == 1 and parallel.resolve_workers("3") == 3
    assert parallel.resolve_workers(0) == parallel.cpu_count()
    assert parallel.resolve_workers("auto", 14) == 1
    assert parallel.resolve_workers("auto", parallel.AUTO_MIN_ARTICLES) == parallel.cpu_count()
    for bad in (-1, "many"):
        with pytest.raises(ConfigError, match="workers must be"):
            parallel.resolve_workers(bad)


def test_small_inputs_are_split_across_workers():
    assert parallel.batch_size_for(14, 2) == 4  # 4 batches: both workers get some
    assert parallel.batch_size_for(10**6, 8) == parallel.BATCH_SIZE
    assert parallel.batch_size_for(None, 2) == parallel.BATCH_SIZE
    assert parallel.batch_size_for(1, 8) == 1


@given(st.lists(st.integers(), max_size=60), st.integers(min_value=1, max_value=25))
def test_batches_keep_order_and_size(items, size):
    out = list(parallel.batches(iter(items), size))
    assert [x for b in out for x in b] == items
    assert all(len(b) == size for b in out[:-1]) and all(0 < len(b) <= size for b in out)


def test_batches_are_read_lazily():
    def gen():
        yield from range(5)
        raise AssertionError("read past the first batch before it was asked for")
    assert next(parallel.batches(gen(), 5)) == [0, 1, 2, 3, 4]


def test_cli_extract_with_workers(tmp_path, reference):
    from typer.testing import CliRunner

    from warledger.cli import app

    _, ref_events, _ = reference
    db = str(tmp_path / "w.sqlite")
    pipeline.ingest(pipeline.example_paths(), Store(db))
    res = CliRunner().invoke(app, ["extract", "--db", db, "--workers", "2"])
    assert res.exit_code == 0, res.output
    assert "from 14 article(s)" in res.output
    assert [e.to_dict() for e in Store(db).events()] == ref_events
    res = CliRunner().invoke(app, ["extract", "--db", db, "--workers", "lots"])
    # a named error: main() prints it as one line and exits 1
    assert isinstance(res.exception, ConfigError) and "workers must be" in str(res.exception)


def test_extract_help_names_the_dask_extra():
    # Rich reads "[dask]" as markup and drops it unless escaped: the install hint must survive
    from typer.testing import CliRunner

    from warledger.cli import app

    out = CliRunner().invoke(app, ["extract", "--help"], env={"COLUMNS": "200"}).output
    assert 'pip install "warledger[dask]"' in out
