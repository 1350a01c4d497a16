"""Ingest speed: articles/s for the FA-KES CSV and for the text-dump reader.

Prints figures (never asserts). Each figure comes with a baseline measured in the same
run on the same input (a bare csv.reader pass / a bare file read), because these
machines are shared and noisy: compare ratios across runs, not seconds.

    python benchmarks/ingest.py [--shared ../shared] [--copies 2000]
"""
from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from pathlib import Path

from warledger.ingest import ingest, read
from warledger.store import Store

csv.field_size_limit(sys.maxsize)


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def timed_ingest(paths: list[str], repeat: int = 2) -> float:
    """Best time of `ingest()` into a fresh, already created SQLite store (opening and
    migrating the file is a one-off per store, not per article)."""
    best = float("inf")
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as d:
            store = Store(os.path.join(d, "b.sqlite"))
            t = time.perf_counter()
            ingest(paths, store)
            best = min(best, time.perf_counter() - t)
            store.close()
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = Path(__file__).resolve().parents[1]
    ap.add_argument("--shared", default=str(here.parent / "shared"))
    ap.add_argument("--copies", type=int, default=2000, help="text dumps to generate from the seed")
    args = ap.parse_args()
    try:  # one core, as the target says
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    except (AttributeError, OSError):
        pass

    fakes = Path(args.shared) / "data" / "fakes" / "articles.csv"
    if fakes.exists():
        n = sum(1 for _ in csv.DictReader(open(fakes, encoding="utf-8")))
        base = timed(lambda: list(csv.DictReader(open(fakes, encoding="utf-8"))))
        rd = timed(lambda: [r for r in read([str(fakes)])])
        st = timed_ingest([str(fakes)])
        print(f"FA-KES CSV ({n} articles)")
        print(f"  csv.DictReader baseline : {n / base:10.0f} rows/s")
        print(f"  read (parse + clean)    : {n / rd:10.0f} articles/s   ({rd / base:.1f}x baseline time)")
        print(f"  ingest into SQLite      : {n / st:10.0f} articles/s   ({st / base:.1f}x baseline time)")
    else:
        print(f"FA-KES CSV: skipped ({fakes} absent)")

    from importlib import resources
    seed = (resources.files("warledger") / "examples" / "alalam-2013-06-12-aleppo.txt").read_text("utf-8")
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d) / "dumps"
        folder.mkdir()
        for i in range(args.copies):  # distinct bodies, so each is a new article
            (folder / f"{i:05d}.txt").write_text(seed.replace("At least 120", f"At least {i + 1}"), "utf-8")
        base = timed(lambda: [p.read_bytes() for p in sorted(folder.iterdir())])
        rd = timed(lambda: [r for r in read([str(folder)])])
        st = timed_ingest([str(folder)])
        n = args.copies
        print(f"text dumps ({n} files like the seed)")
        print(f"  bare file read baseline : {n / base:10.0f} files/s")
        print(f"  read (parse + clean)    : {n / rd:10.0f} articles/s   ({rd / base:.1f}x baseline time)")
        print(f"  ingest into SQLite      : {n / st:10.0f} articles/s   ({st / base:.1f}x baseline time)")


if __name__ == "__main__":
    main()
