"""Parallel extraction speed: `pipeline.extract` over a SQLite store with 1, 2, every core and
a Dask LocalCluster, as articles/s and the speed-up against workers=1 measured in the same run.

The store holds N copies of the FA-KES articles (each copy's unit_id gets a suffix, so every
row is a new article, as benchmarks/ingest.py makes distinct copies of the seed). Wall time
includes starting the workers (that is what a user waits for) and writing the events. Each
configuration also checks that the stored events equal the workers=1 run's. Figures only.
These machines are shared: compare the ratios, not the seconds.

    python benchmarks/extract_parallel.py [--shared ../shared] [--copies 4] [--workers 1,2,0]
"""
from __future__ import annotations

import argparse
import csv
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from warledger import pipeline
from warledger.parallel import cpu_count
from warledger.store import Store

csv.field_size_limit(sys.maxsize)


def make_copies(src: Path, dest: Path, copies: int) -> int:
    """`copies` copies of the FA-KES CSV in one file; returns the number of rows."""
    rows = list(csv.DictReader(open(src, encoding="utf-8", newline="")))
    with open(dest, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        for k in range(copies):
            for r in rows:  # unit_id is part of the article id: a suffix makes a new article
                w.writerow({**r, "unit_id": f"{r['unit_id']}-{k}" if k else r["unit_id"]})
    return len(rows) * copies


def snapshot(store: Store) -> list:
    return store.table_rows("events")


def cpu_seconds() -> float:
    """CPU time of this process and its reaped children (the pool's workers, once shut down)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed_extract(store: Store, **kw) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `pipeline.extract` run."""
    t, c = time.perf_counter(), cpu_seconds()
    rep = pipeline.extract(store, **kw)
    dt, dc = time.perf_counter() - t, cpu_seconds() - c
    if rep.failed:
        print(f"    ({len(rep.failed)} article(s) failed)")
    return dt, dc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = Path(__file__).resolve().parents[1]
    ap.add_argument("--shared", default=str(here.parent / "shared"))
    ap.add_argument("--copies", type=int, default=4, help="copies of the 792 FA-KES articles")
    ap.add_argument("--workers", default="1,2,0", help="comma list; 0 = every core")
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    args = ap.parse_args()

    src = Path(args.shared) / "data" / "fakes" / "articles.csv"
    if not src.exists():
        sys.exit(f"{src} is absent: pass --shared")
    with tempfile.TemporaryDirectory() as d:
        n = make_copies(src, Path(d) / "copies.csv", args.copies)
        store = Store(os.path.join(d, "bench.sqlite"))
        pipeline.ingest([str(Path(d) / "copies.csv")], store)
        print(f"{n} articles ({args.copies} x FA-KES), {cpu_count()} core(s) available, "
              f"load average {os.getloadavg()[0]:.1f}")
        print("  (cpu = this process + pool workers; Dask workers are not counted)")

        base, cpu = timed_extract(store, workers=1)
        ref = snapshot(store)
        print(f"  workers=1            : {n / base:8.0f} articles/s   1.00x   ({base:.1f} s, cpu {cpu:.1f} s)")
        for w in [int(x) for x in args.workers.split(",") if x.strip() not in ("", "1")]:
            dt, cpu = timed_extract(store, workers=w)
            same = "same events" if snapshot(store) == ref else "EVENTS DIFFER"
            label = f"workers={w}" + (f" ({cpu_count()})" if w == 0 else "")
            print(f"  {label:<21}: {n / dt:8.0f} articles/s   {base / dt:.2f}x   "
                  f"({dt:.1f} s, cpu {cpu:.1f} s, {same})")
        if not args.no_dask:
            try:
                import dask.distributed  # noqa: F401
            except ImportError:
                print('  dask LocalCluster   : skipped (pip install "warledger[dask]")')
            else:
                dt, _cpu = timed_extract(store, scheduler="local", workers=cpu_count())
                same = "same events" if snapshot(store) == ref else "EVENTS DIFFER"
                print(f"  dask LocalCluster({cpu_count()}): {n / dt:8.0f} articles/s   "
                      f"{base / dt:.2f}x   ({dt:.1f} s incl. cluster start, {same})")
        store.close()


if __name__ == "__main__":
    main()
